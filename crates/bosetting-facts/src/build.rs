//! From the schema to the model, with every error placed at its field.

use bosetting::{
    AgeBand, Body, BodyId, BodyKind, Budget, BudgetAdjustment, CheckSpec, Condition, Decision,
    Document, Dwellings, EmPart, Exits, Fact, FamilyReunification, ForecastCheck, Housing,
    Indicator, Municipality, MunicipalityNumber, MunicipalityYear, National, OutcomeDefinition,
    Period, Places, Programme, ProgrammeStock, Project, PublishedFigure, PublishedRate,
    QuotaSeries, Ratio, ReconcilePolicy, Reported, Request, RequestFigures, RuleStatement,
    ServiceResult, Settled, SettlementYear, Source, Staffing, Tertial, Unit, Uptake, Year,
    YearQuota, YearView,
};
use rust_decimal::Decimal;

use crate::error::FactsError;
use crate::locate;
use crate::schema::*;

/// The format of the text being built from, to locate fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Toml,
    Json,
}

pub(crate) struct Ctx<'a> {
    pub(crate) text: &'a str,
    pub(crate) file: &'a str,
    pub(crate) doc: &'a DocumentSpec,
    /// The text indexed once, to place every fact at its line without reading the file
    /// again for each.
    pub(crate) index: Index<'a>,
}

/// What a facts text is indexed as, once, to locate fields.
pub(crate) struct Index<'a> {
    lines: locate::Lines,
    tree: Tree<'a>,
}

enum Tree<'a> {
    /// The TOML text parsed with the span of every value.
    Toml(locate::TomlDoc<'a>),
    /// The JSON text walked once.
    Json(locate::JsonNode),
    /// Text that could not be indexed (not expected once it has been read): each path is
    /// found by reading the text.
    Unindexed(Format),
}

impl<'a> Index<'a> {
    pub(crate) fn new(text: &'a str, format: Format) -> Index<'a> {
        let tree = match format {
            Format::Toml => locate::toml_doc(text).map(Tree::Toml),
            Format::Json => locate::JsonNode::index(text).map(Tree::Json),
        };
        Index {
            lines: locate::Lines::new(text),
            tree: tree.unwrap_or(Tree::Unindexed(format)),
        }
    }
}

impl Ctx<'_> {
    pub(crate) fn line(&self, path: &str) -> Option<usize> {
        let ix = &self.index;
        match &ix.tree {
            Tree::Toml(doc) => locate::toml_offset(doc, path).map(|o| ix.lines.line_of(o)),
            Tree::Json(node) => Some(ix.lines.line_of(node.offset(path))),
            Tree::Unindexed(Format::Toml) => locate::toml_line(self.text, path),
            Tree::Unindexed(Format::Json) => locate::json_line(self.text, path),
        }
    }

    pub(crate) fn err(&self, path: &str, message: impl Into<String>) -> FactsError {
        FactsError::invalid(self.file, self.line(path), path, message)
    }

    pub(crate) fn model<T>(&self, path: &str, r: bosetting::Result<T>) -> Result<T, FactsError> {
        r.map_err(|e| {
            // The model names its own field; where that is the field the path already ends
            // in, say it once ("settled: the parts …", not "settled: settled: the parts …").
            let msg = e.to_string();
            let last = path
                .rsplit('.')
                .next()
                .unwrap_or(path)
                .split('[')
                .next()
                .unwrap_or_default();
            let msg = match msg.strip_prefix(&format!("{last}: ")) {
                Some(rest) if !last.is_empty() => rest.to_owned(),
                _ => msg,
            };
            self.err(path, msg).caused_by(e)
        })
    }

    /// The source of a fact at `path`: the file's document (or `other`), its date, the
    /// quote, and where in the facts file it is written.
    pub(crate) fn src(&self, path: &str, quote: &str, other: Option<&str>) -> Source {
        let mut s = match other {
            Some(o) => Source::new(o),
            None => {
                let mut s = Source::new(format!("{} ({})", self.doc.title, self.doc.file));
                s.date = self.doc.date;
                s
            }
        };
        s.quote = Some(quote.to_owned());
        // Published output names the facts file, not the folders it sits in on someone's
        // machine; errors (which name `self.file` as given) keep the path.
        let name = std::path::Path::new(self.file)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(self.file);
        let loc = match self.line(path) {
            Some(l) => format!("{name}:{l}"),
            None => name.to_owned(),
        };
        s.locator = Some(loc);
        s
    }

    fn count(&self, path: &str, c: &CountSpec) -> Fact<u32> {
        Fact::new(c.value, self.src(path, &c.quote, c.source.as_deref()))
    }

    pub(crate) fn published(
        &self,
        path: &str,
        text: &str,
        unit: Unit,
        quote: &str,
        other: Option<&str>,
    ) -> Result<PublishedFigure, FactsError> {
        self.model(
            path,
            PublishedFigure::parse(text, unit, self.src(path, quote, other)),
        )
    }

    fn amount(&self, path: &str, a: &AmountSpec) -> Result<PublishedFigure, FactsError> {
        self.published(
            path,
            &a.published,
            Unit::Kroner,
            &a.quote,
            a.source.as_deref(),
        )
    }

    fn year(&self, path: &str, y: i32) -> Result<Year, FactsError> {
        self.model(path, Year::new(y))
    }

    fn number(&self, path: &str, n: &str) -> Result<MunicipalityNumber, FactsError> {
        self.model(path, n.parse())
    }
}

/// What a facts file builds: the document, and the checks of its municipality year.
pub(crate) struct Built {
    pub(crate) document: Document,
    pub(crate) year_checks: Vec<CheckSpec>,
}

/// The id of the document's municipality as a body: written, or its name in lowercase ASCII.
pub(crate) fn main_body_id(m: &MunicipalitySpec) -> String {
    if let Some(id) = &m.id {
        return id.clone();
    }
    let mut out = String::new();
    for c in m.name.to_lowercase().chars() {
        match c {
            'æ' => out.push_str("ae"),
            'ø' => out.push('o'),
            'å' | 'á' | 'à' | 'â' => out.push('a'),
            'é' | 'è' | 'ê' => out.push('e'),
            'ü' | 'ú' => out.push('u'),
            'ö' | 'ó' => out.push('o'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    let t = out.trim_matches('-');
    if t.is_empty() {
        "kommune".to_owned()
    } else {
        t.to_owned()
    }
}

/// The sections that describe the document's municipality year.
fn year_sections(f: &FactsFile) -> Option<&'static str> {
    [
        (f.request.is_some(), "request"),
        (!f.decision.is_empty(), "decision"),
        (f.settled.is_some(), "settled"),
        (f.family.is_some(), "family"),
        (f.housing.is_some(), "housing"),
        (f.programme.is_some(), "programme"),
        (!f.goal.is_empty(), "goal"),
        (!f.staffing.is_empty(), "staffing"),
        (!f.activity.is_empty(), "activity"),
        (!f.uptake.is_empty(), "uptake"),
        (f.budget.is_some(), "budget"),
        (!f.forecast.is_empty(), "forecast"),
        (f.service_result.is_some(), "service_result"),
        (f.fund.is_some(), "fund"),
        (!f.history.is_empty(), "history"),
        (!f.national.is_empty(), "national"),
        (!f.project.is_empty(), "project"),
        (!f.rule.is_empty(), "rule"),
    ]
    .into_iter()
    .find(|(present, _)| *present)
    .map(|(_, name)| name)
}

/// The longest quote a fact may carry: a quote is the phrase a figure was read from, and
/// every explanation that uses the figure repeats it.
pub(crate) const MAX_QUOTE: usize = 2_000;

/// Every quote in the file is a phrase, not a document.
fn quotes_are_phrases(f: &FactsFile, ctx: &Ctx<'_>) -> Result<(), FactsError> {
    fn walk(v: &serde_json::Value, path: &mut String, out: &mut Option<(String, usize)>) {
        if out.is_some() {
            return;
        }
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(k);
                    if let (true, serde_json::Value::String(q)) = (k == "quote", x) {
                        let n = q.chars().count();
                        if n > MAX_QUOTE {
                            *out = Some((path.clone(), n));
                        }
                    }
                    walk(x, path, out);
                    path.truncate(len);
                }
            }
            serde_json::Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(x, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let v = serde_json::to_value(f).map_err(|e| ctx.err("", e.to_string()))?;
    let mut found = None;
    walk(&v, &mut String::new(), &mut found);
    match found {
        Some((path, n)) => Err(ctx.err(
            &path,
            format!("a quote of {n} characters: quote the phrase the figure was read from (at most {MAX_QUOTE} characters), not the document"),
        )),
        None => Ok(()),
    }
}

pub(crate) fn build(f: &FactsFile, ctx: &Ctx<'_>) -> Result<Built, FactsError> {
    quotes_are_phrases(f, ctx)?;
    if f.schema != SCHEMA && f.schema != SCHEMA_V1 {
        return Err(ctx.err(
            "schema",
            format!(
                "unknown schema {:?}; write schema = {SCHEMA:?} (files in {SCHEMA_V1:?} are read too)",
                f.schema
            ),
        ));
    }
    let d = &f.document;
    let mut doc_source = Source::new(format!("{} ({})", d.title, d.file));
    doc_source.date = d.date;
    let mut document = Document::new(doc_source);
    document.policy = policy(ctx, f.policy.as_ref())?;
    let (year_view, main) = match (&d.municipality, d.year) {
        (Some(m), Some(y)) => {
            let my = year_view(f, ctx, m, y)?;
            let id = ctx.model("document.municipality.id", BodyId::new(main_body_id(m)))?;
            document.bodies.push(Body::new(
                id.clone(),
                m.name.clone(),
                BodyKind::Municipality {
                    number: my.settlement.municipality.number,
                },
                ctx.src("document.municipality", &m.name, None),
            ));
            (Some((id.clone(), my)), Some((id, y)))
        }
        (m, y) if f.schema == SCHEMA_V1 || m.is_some() || y.is_some() => {
            let missing = if m.is_none() {
                "document.municipality"
            } else {
                "document.year"
            };
            return Err(ctx.err(
                missing,
                "missing: give the municipality and the year the document describes (in bosetting-facts/2 both may be left out for a document about other bodies)",
            ));
        }
        _ => {
            if let Some(section) = year_sections(f) {
                return Err(ctx.err(
                    section,
                    "this section describes the document's municipality year: give [document] municipality and year, or write it as [[fact]]s about a [[body]]",
                ));
            }
            (None, None)
        }
    };
    let year_checks = match &year_view {
        Some((_, my)) => checks(ctx, &f.check, my)?,
        None => Vec::new(),
    };
    if let Some((body, year)) = year_view {
        document.years.push(YearView { body, year });
    }
    crate::v2::build(f, ctx, &mut document, main.as_ref())?;
    Ok(Built {
        document,
        year_checks,
    })
}

fn policy(ctx: &Ctx<'_>, p: Option<&PolicySpec>) -> Result<ReconcilePolicy, FactsError> {
    let default = ReconcilePolicy::default();
    let Some(p) = p else { return Ok(default) };
    // Each width is checked here first so that an error names the file's own field.
    let width = |field: &str, given: Option<Decimal>, at_most_whole: bool, fallback: Ratio| {
        let Some(a) = given else { return Ok(fallback) };
        if a.is_sign_negative() || (at_most_whole && a > Decimal::ONE_HUNDRED) {
            let range = if at_most_whole {
                "from 0 to 100"
            } else {
                "of at least 0"
            };
            return Err(ctx.err(
                &format!("policy.{field}"),
                format!("{a} is not a percentage {range}"),
            ));
        }
        Ok(Ratio::from_percent(a))
    };
    let approximate = width(
        "approximate_percent",
        p.approximate_percent,
        true,
        default.approximate(),
    )?;
    let more_than = width(
        "more_than_percent",
        p.more_than_percent,
        false,
        default.more_than(),
    )?;
    let less_than = width(
        "less_than_percent",
        p.less_than_percent,
        true,
        default.less_than(),
    )?;
    ctx.model(
        "policy",
        ReconcilePolicy::new(
            p.rule.unwrap_or(default.rule()),
            approximate,
            more_than,
            less_than,
        ),
    )
}

fn year_view(
    f: &FactsFile,
    ctx: &Ctx<'_>,
    m: &MunicipalitySpec,
    y: i32,
) -> Result<MunicipalityYear, FactsError> {
    let d = &f.document;
    let year = ctx.year("document.year", y)?;
    let mut municipality = Municipality::new(
        ctx.number("document.municipality.number", &m.number)?,
        m.name.clone(),
    );
    for (i, fm) in m.former.iter().enumerate() {
        let p = format!("document.municipality.former[{i}]");
        municipality = municipality.formerly(
            ctx.number(&format!("{p}.number"), &fm.number)?,
            ctx.year(&format!("{p}.until"), fm.until)?,
        );
    }
    let until = d.counted_until.unwrap_or(year.last_day());
    let counted = ctx.model(
        "document.counted_until",
        Period::new(year.first_day(), until)
            .and_then(|p| year.period().require("counted_until", until).map(|()| p)),
    )?;
    let mut doc_source = Source::new(format!("{} ({})", d.title, d.file));
    doc_source.date = d.date;

    let mut s = SettlementYear::new(municipality, year);
    if let Some(r) = &f.request {
        s.request = Some(request(ctx, r, year)?);
    }
    for (i, dec) in f.decision.iter().enumerate() {
        s.decisions
            .push(decision(ctx, &format!("decision[{i}]"), dec)?);
    }
    if !s.decisions.is_empty() {
        ctx.model("decision", bosetting::fold_decisions(&s.decisions))?;
    }
    if let Some(st) = &f.settled {
        s.settled = Some(settled(ctx, st, counted)?);
    }
    if let Some(fam) = &f.family {
        let mut fr = FamilyReunification::default();
        if let Some(p) = &fam.persons {
            fr.persons = Some(ctx.count("family.persons", p));
        }
        if let Some(p) = &fam.families {
            fr.families = Some(ctx.count("family.families", p));
        }
        for (i, b) in fam.by_sponsor.iter().enumerate() {
            let p = format!("family.by_sponsor[{i}]");
            fr.families_by_sponsor.push((
                b.sponsor,
                Fact::new(b.value, ctx.src(&p, &b.quote, b.source.as_deref())),
            ));
        }
        ctx.model("family", fr.validate())?;
        s.family = Some(fr);
    }
    if let Some(h) = &f.housing {
        let mut hs = Housing::default();
        for (i, dw) in h.dwellings.iter().enumerate() {
            let p = format!("housing.dwellings[{i}]");
            let src = ctx.src(&p, &dw.quote, dw.source.as_deref());
            if dw.persons_per_dwelling.is_some_and(|x| x <= Decimal::ZERO) {
                return Err(ctx.err(
                    &format!("{p}.persons_per_dwelling"),
                    "persons per dwelling must be positive",
                ));
            }
            let per_dwelling = dw.persons_per_dwelling.map(|v| {
                let s = match &dw.assumption {
                    Some(why) => src.clone().assumed(why.clone()),
                    None => src.clone(),
                };
                Fact::new(v, s)
            });
            hs.dwellings.push(ctx.model(
                &p,
                Dwellings::new(dw.kind, Fact::new(dw.count, src.clone()), per_dwelling),
            )?);
        }
        if let Some(e) = &h.em_places {
            hs.em_places = Some(ctx.count("housing.em_places", e));
        }
        s.housing = Some(hs);
    }
    ctx.model("settled", s.validate())?;

    let mut doc_source = Source::new(format!("{} ({})", d.title, d.file));
    doc_source.date = d.date;
    let mut my = MunicipalityYear::new(s, doc_source);
    my.policy = policy(ctx, f.policy.as_ref())?;
    if let Some(p) = &f.programme {
        my.programme = Some(programme(ctx, p, year)?);
    }
    for (i, g) in f.goal.iter().enumerate() {
        let p = format!("goal[{i}]");
        let mut target =
            ctx.published(&format!("{p}.target"), &g.target, g.unit, &g.quote, None)?;
        if let Some(q) = g.qualifier {
            target = target.with_qualifier(q);
        }
        my.goals.push(bosetting::Goal {
            id: g.id.clone(),
            text: g.text.clone(),
            metric: g.metric.clone(),
            target,
            source: ctx.src(&p, &g.quote, None),
        });
    }
    for (i, st) in f.staffing.iter().enumerate() {
        let p = format!("staffing[{i}]");
        let src = ctx.src(&p, &st.quote, None);
        for (name, v) in [
            ("permanent", st.permanent),
            ("project", st.project),
            ("vacant", st.vacant),
        ] {
            if v.is_some_and(|x| x.is_sign_negative()) {
                return Err(ctx.err(&format!("{p}.{name}"), "FTE must not be negative"));
            }
        }
        let fact = |v: Option<Decimal>| v.map(|v| Fact::new(v, src.clone()));
        my.staffing.push(Staffing {
            unit: st.unit.clone(),
            year: ctx.year(&format!("{p}.year"), st.year)?,
            permanent: fact(st.permanent),
            project: fact(st.project),
            vacant: fact(st.vacant),
        });
    }
    for (i, a) in f.activity.iter().enumerate() {
        let p = format!("activity[{i}]");
        my.activities.push(bosetting::Activity {
            id: a.id.clone(),
            label: a.label.clone(),
            count: Fact::new(a.value, ctx.src(&p, &a.quote, None)),
            unit: a.unit,
        });
    }
    for (i, u) in f.uptake.iter().enumerate() {
        let p = format!("uptake[{i}]");
        let src = ctx.src(&p, &u.quote, None);
        let up = Uptake {
            label: u.label.clone(),
            unit: u.unit,
            accepted: Fact::new(u.accepted, src.clone()),
            declined: Fact::new(u.declined, src.clone()),
            accepted_of_which: u
                .of_which
                .iter()
                .enumerate()
                .map(|(j, o)| {
                    (
                        o.name.clone(),
                        Fact::new(
                            o.value,
                            ctx.src(&format!("{p}.of_which[{j}]"), &o.quote, o.source.as_deref()),
                        ),
                    )
                })
                .collect(),
        };
        ctx.model(&p, up.validate())?;
        my.uptakes.push(up);
    }
    if let Some(b) = &f.budget {
        my.budget = Some(budget(ctx, b, year)?);
    }
    for (i, fc) in f.forecast.iter().enumerate() {
        let p = format!("forecast[{i}]");
        let t = ctx.model(&format!("{p}.tertial"), Tertial::new(year, fc.tertial))?;
        my.forecasts.push(ForecastCheck {
            what: fc.what.clone(),
            made_at: t,
            actual: ctx.amount(&format!("{p}.actual"), &fc.actual)?,
            forecast: fc
                .forecast
                .as_ref()
                .map(|a| ctx.amount(&format!("{p}.forecast"), a))
                .transpose()?,
            deviation: fc
                .deviation
                .as_ref()
                .map(|a| ctx.amount(&format!("{p}.deviation"), a))
                .transpose()?,
        });
        if fc.forecast.is_none() && fc.deviation.is_none() {
            return Err(ctx.err(&p, "give the forecast or the deviation from it"));
        }
    }
    if let Some(r) = &f.service_result {
        let opt =
            |name: &str, a: &Option<AmountSpec>| -> Result<Option<PublishedFigure>, FactsError> {
                a.as_ref()
                    .map(|a| ctx.amount(&format!("service_result.{name}"), a))
                    .transpose()
            };
        my.service_result = Some(ServiceResult {
            label: r.label.clone(),
            year,
            grant_income: opt("grant_income", &r.grant_income)?,
            other_income: opt("other_income", &r.other_income)?,
            fixed_costs: opt("fixed_costs", &r.fixed_costs)?,
            variable_costs: opt("variable_costs", &r.variable_costs)?,
            fund_transfers: r
                .fund_transfer
                .iter()
                .enumerate()
                .map(|(i, a)| ctx.amount(&format!("service_result.fund_transfer[{i}]"), a))
                .collect::<Result<_, _>>()?,
            result_after_transfers: opt("result_after_transfers", &r.result_after_transfers)?,
        });
    }
    if let Some(fs) = &f.fund {
        my.fund = Some(fund(ctx, fs)?);
    }
    let (em_rows, rows): (Vec<_>, Vec<_>) = f.history.iter().enumerate().partition(|(_, r)| r.em);
    if !rows.is_empty() {
        my.history = Some(history(ctx, &rows, &my.settlement.municipality)?);
    }
    if !em_rows.is_empty() {
        my.history_em = Some(history(ctx, &em_rows, &my.settlement.municipality)?);
    }
    my.national = national(ctx, &f.national)?;
    for (i, pr) in f.project.iter().enumerate() {
        my.projects.push(Project {
            name: pr.name.clone(),
            organisation: pr.organisation.clone(),
            source: ctx.src(&format!("project[{i}]"), &pr.quote, None),
        });
    }
    for (i, r) in f.rule.iter().enumerate() {
        my.rules.push(RuleStatement {
            id: r.id.clone(),
            text: r.text.clone(),
            source: ctx.src(&format!("rule[{i}]"), &r.quote, None),
        });
    }
    ctx.model("document", my.validate())?;
    Ok(my)
}

fn request(ctx: &Ctx<'_>, r: &RequestSpec, year: Year) -> Result<Request, FactsError> {
    let figs = |p: &str, x: &RequestFiguresSpec| RequestFigures {
        total: x.total,
        em: x.em,
        date: x.date,
        source: ctx.src(p, &x.quote, x.source.as_deref()),
    };
    let mut req = ctx.model(
        "request.original",
        Request::new(year, figs("request.original", &r.original)),
    )?;
    for (i, rev) in r.revision.iter().enumerate() {
        let p = format!("request.revision[{i}]");
        ctx.model(&p, req.revise(figs(&p, rev)))?;
    }
    Ok(req)
}

fn decision(ctx: &Ctx<'_>, p: &str, d: &DecisionSpec) -> Result<Decision, FactsError> {
    let places = match d.places {
        PlacesSpec::Exactly(n) => Places::Exactly(n),
        PlacesSpec::UpTo { up_to } => Places::UpTo(up_to),
        PlacesSpec::Range { min, max } => Places::Range { min, max },
    };
    let em = match (d.em, d.em_band.is_empty()) {
        (None, true) => None,
        (None, false) => {
            return Err(ctx.err(&format!("{p}.em_band"), "age bands need the EM part (`em`)"));
        }
        (Some(n), _) => Some(EmPart {
            places: n,
            bands: d
                .em_band
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let band = ctx.model(
                        &format!("{p}.em_band[{i}]"),
                        AgeBand::new(b.min_age, b.max_age),
                    )?;
                    Ok((band, b.places))
                })
                .collect::<Result<_, FactsError>>()?,
        }),
    };
    let conditions = d
        .condition
        .iter()
        .map(|c| match (&c.text, c.family_on_top_up_to) {
            (Some(t), None) if !c.excess_deducted_next_year => Condition::Other(t.clone()),
            _ => Condition::FamilyOnTop {
                up_to: c.family_on_top_up_to,
                excess_deducted_next_year: c.excess_deducted_next_year,
            },
        })
        .collect();
    let dec = Decision {
        kind: d.kind,
        status: d.status,
        places,
        em,
        date: d.date,
        conditions,
        source: ctx.src(p, &d.quote, d.source.as_deref()),
    };
    ctx.model(p, dec.validate())?;
    Ok(dec)
}

fn settled(ctx: &Ctx<'_>, st: &SettledSpec, period: Period) -> Result<Settled, FactsError> {
    let mut s = Settled::new(period);
    let opt = |name: &str, c: &Option<CountSpec>| {
        c.as_ref().map(|c| ctx.count(&format!("settled.{name}"), c))
    };
    s.total = opt("total", &st.total);
    s.ordinary = opt("ordinary", &st.ordinary);
    s.em = opt("em", &st.em);
    s.escorted_em = opt("escorted_em", &st.escorted_em);
    for (i, o) in st.origin.iter().enumerate() {
        let p = format!("settled.origin[{i}]");
        s = s.with_origin(
            o.category,
            o.origin,
            Fact::new(o.value, ctx.src(&p, &o.quote, o.source.as_deref())),
        );
    }
    for (i, g) in st.group.iter().enumerate() {
        let p = format!("settled.group[{i}]");
        s = s.with_group(
            g.name.clone(),
            Fact::new(g.value, ctx.src(&p, &g.quote, g.source.as_deref())),
        );
    }
    ctx.model("settled", s.validate())?;
    Ok(s)
}

fn programme(ctx: &Ctx<'_>, p: &ProgrammeSpec, year: Year) -> Result<Programme, FactsError> {
    let mut prog = Programme::default();
    let opt = |name: &str, c: &Option<CountSpec>| {
        c.as_ref()
            .map(|c| ctx.count(&format!("programme.{name}"), c))
    };
    let stock = ProgrammeStock {
        period: year.period(),
        at_start: opt("at_start", &p.at_start),
        entered: opt("entered", &p.entered),
        left: opt("exits", &p.exits),
        at_end: opt("at_end", &p.at_end),
        waiting: opt("waiting", &p.waiting),
        at_end_or_waiting: opt("at_end_or_waiting", &p.at_end_or_waiting),
    };
    ctx.model("programme", stock.validate())?;
    prog.stock = Some(stock);
    let measure = p
        .indicator
        .as_ref()
        .map_or(bosetting::Measure::DirectTransition, |i| i.measure);
    if let Some(e) = &p.exits {
        let total = ctx.count("programme.exits", e);
        let outcomes: Vec<_> = p
            .outcome
            .iter()
            .enumerate()
            .map(|(i, o)| {
                (
                    o.outcome,
                    Fact::new(
                        o.value,
                        ctx.src(
                            &format!("programme.outcome[{i}]"),
                            &o.quote,
                            o.source.as_deref(),
                        ),
                    ),
                )
            })
            .collect();
        let exits = if p.unstated_remainder {
            Exits::with_unstated_remainder(year.period(), measure, total, outcomes)
        } else {
            Exits::new(year.period(), measure, total, outcomes)
        };
        prog.exits = Some(ctx.model("programme.outcome", exits)?);
    } else if !p.outcome.is_empty() {
        return Err(ctx.err(
            "programme.outcome",
            "outcomes need the number of exits (`exits`)",
        ));
    }
    if let Some(i) = &p.indicator {
        prog.indicator = Some(Indicator {
            measure: i.measure,
            definition: OutcomeDefinition::work_or_education(
                i.include_primary_school,
                ctx.src("programme.indicator", &i.quote, None),
            ),
        });
    }
    for (i, r) in p.rate.iter().enumerate() {
        let path = format!("programme.rate[{i}]");
        let fig = ctx.published(
            &format!("{path}.published"),
            &r.published,
            Unit::Percent,
            &r.quote,
            None,
        )?;
        if fig.value().is_sign_negative() || fig.value() > Decimal::ONE_HUNDRED {
            return Err(ctx.err(
                &format!("{path}.published"),
                format!("{:?} is a share outside 0–100 %", r.published),
            ));
        }
        if r.outcomes.is_empty() {
            return Err(ctx.err(
                &format!("{path}.outcomes"),
                "list the outcomes the rate counts",
            ));
        }
        prog.published_rates.push(PublishedRate {
            label: r.label.clone(),
            outcomes: r.outcomes.clone(),
            figure: fig,
            part_of_total: r.part_of_total,
        });
    }
    for (i, e) in p.earlier.iter().enumerate() {
        let path = format!("programme.earlier[{i}]");
        let y = ctx.year(&format!("{path}.year"), e.year)?;
        let fig = ctx.published(
            &format!("{path}.published"),
            &e.published,
            Unit::Percent,
            &e.quote,
            None,
        )?;
        prog.earlier.push((y, fig));
    }
    Ok(prog)
}

fn budget(ctx: &Ctx<'_>, b: &BudgetSpec, year: Year) -> Result<Budget, FactsError> {
    let opt = |name: &str, a: &Option<AmountSpec>| {
        a.as_ref()
            .map(|a| ctx.amount(&format!("budget.{name}"), a))
            .transpose()
    };
    let mut adjustments = Vec::new();
    for (i, a) in b.adjustment.iter().enumerate() {
        let p = format!("budget.adjustment[{i}]");
        adjustments.push(BudgetAdjustment {
            amount: ctx.published(&p, &a.published, Unit::Kroner, &a.quote, None)?,
            date: a.date,
            tertial: a
                .tertial
                .map(|t| ctx.model(&format!("{p}.tertial"), Tertial::new(year, t)))
                .transpose()?,
        });
    }
    let budget = Budget {
        label: b.label.clone(),
        year,
        original: opt("original", &b.original)?,
        adjustments,
        revised: opt("revised", &b.revised)?,
        actual: opt("actual", &b.actual)?,
        result: opt("result", &b.result)?,
        consumption: b
            .consumption
            .as_ref()
            .map(|c| {
                ctx.published(
                    "budget.consumption",
                    &c.published,
                    Unit::Percent,
                    &c.quote,
                    c.source.as_deref(),
                )
            })
            .transpose()?,
    };
    ctx.model("budget", budget.validate(&ReconcilePolicy::default()))?;
    Ok(budget)
}

fn history(
    ctx: &Ctx<'_>,
    rows: &[(usize, &HistorySpec)],
    m: &Municipality,
) -> Result<QuotaSeries, FactsError> {
    let mut s = QuotaSeries::new(Some(m.number), m.name.clone());
    let mut src = ctx.src("history", "", None);
    src.quote = Some(
        rows.iter()
            .map(|(_, r)| r.quote.as_str())
            .collect::<Vec<_>>()
            .join(" | "),
    );
    s.source = Some(src);
    for (i, r) in rows {
        let p = format!("history[{i}]");
        let y = ctx.year(&format!("{p}.year"), r.year)?;
        let v = |x: Option<u32>| x.map(Reported::Value);
        let q = YearQuota {
            original_request: v(r.original_request),
            request: v(r.request),
            original_decision: v(r.original_decision),
            decision: v(r.decision),
            settled: v(r.settled),
            percent: bosetting::PercentOfRequest::default(),
        };
        if s.years.insert(y, q).is_some() {
            return Err(ctx.err(&format!("{p}.year"), format!("{y} is listed twice")));
        }
    }
    Ok(s)
}

fn fund(ctx: &Ctx<'_>, f: &FundSpec) -> Result<bosetting::FundLedger, FactsError> {
    let money = |path: &str, text: &str| -> Result<bosetting::Money, FactsError> {
        ctx.model(path, bosetting::Money::parse_nb(text))
    };
    let opening = ctx.amount("fund.opening", &f.opening)?;
    let mut rules = bosetting::FundRules::new(ctx.src("fund.rules", &f.rules.quote, None))
        .with_withdrawal_purposes(f.rules.withdrawal_purposes.clone())
        .with_allow_negative(f.rules.allow_negative);
    if let Some(p) = f.rules.surplus_percent {
        rules = ctx.model(
            "fund.rules.surplus_percent",
            rules.with_surplus_share(Ratio::from_percent(p)),
        )?;
    }
    if let Some(c) = f.rules.cap.as_deref() {
        let cap = money("fund.rules.cap", c)?;
        rules = ctx.model("fund.rules.cap", rules.with_cap(cap))?;
    }
    let mut ledger = bosetting::FundLedger::new(
        f.name.clone(),
        f.opened,
        Fact::new(opening.money(), opening.source().clone()),
        rules,
    );
    for (i, e) in f.entry.iter().enumerate() {
        let p = format!("fund.entry[{i}]");
        let amount = money(&format!("{p}.amount"), &e.amount)?;
        let entry = ctx.model(
            &format!("{p}.amount"),
            bosetting::FundEntry::new(
                e.date,
                e.kind,
                amount,
                e.purpose.clone(),
                ctx.src(&p, &e.quote, None),
            ),
        )?;
        ctx.model(&p, ledger.post(entry))?;
    }
    Ok(ledger)
}

fn national(ctx: &Ctx<'_>, rows: &[NationalSpec]) -> Result<National, FactsError> {
    let mut n = National::default();
    for (i, r) in rows.iter().enumerate() {
        let p = format!("national[{i}]");
        let y = ctx.year(&format!("{p}.year"), r.year)?;
        if r.settled.is_some() || !r.group.is_empty() {
            let mut st = Settled::new(y.period());
            if let Some(c) = &r.settled {
                st = st.with_total(ctx.count(&format!("{p}.settled"), c));
            }
            for (j, g) in r.group.iter().enumerate() {
                let gp = format!("{p}.group[{j}]");
                st = st.with_group(
                    g.name.clone(),
                    Fact::new(g.value, ctx.src(&gp, &g.quote, g.source.as_deref())),
                );
            }
            ctx.model(&p, st.validate())?;
            if n.settled.insert(y, st).is_some() {
                return Err(ctx.err(&format!("{p}.year"), format!("{y} is listed twice")));
            }
        }
        if let Some(c) = &r.request {
            n.request.insert(y, ctx.count(&format!("{p}.request"), c));
        }
        if let Some(c) = &r.target {
            n.target.insert(y, ctx.count(&format!("{p}.target"), c));
        }
    }
    Ok(n)
}

fn checks(
    ctx: &Ctx<'_>,
    specs: &[CheckFileSpec],
    my: &MunicipalityYear,
) -> Result<Vec<CheckSpec>, FactsError> {
    let mut out: Vec<CheckSpec> = Vec::with_capacity(specs.len());
    let mut ids = std::collections::BTreeSet::new();
    let indexed = my.indexed();
    for (i, c) in specs.iter().enumerate() {
        let p = format!("check[{i}]");
        if crate::v2::is_address_check(c) {
            continue;
        }
        if !ids.insert(c.id.as_str()) {
            return Err(ctx.err(&format!("{p}.id"), format!("{:?} is used twice", c.id)));
        }
        let mut published = Vec::new();
        for (j, text) in c.published.iter().flat_map(OneOrMany::texts).enumerate() {
            let mut fig = ctx
                .published(
                    &format!("{p}.published"),
                    text,
                    c.unit,
                    &c.quote,
                    c.source.as_deref(),
                )
                .map_err(|e| e.at_field(format!("{p}.published[{j}]")))?;
            if let Some(q) = c.qualifier {
                fig = fig.with_qualifier(q);
            }
            published.push(fig);
        }
        let spec = CheckSpec {
            id: c.id.clone(),
            label: c.label.clone(),
            figure: c
                .figure
                .figure_ref()
                .map_err(|e| ctx.err(&format!("{p}.figure"), e))?,
            kind: c.kind,
            published,
            verdict: c.verdict,
            expect: c.expect,
        };
        if matches!(spec.figure, bosetting::FigureRef::Goal { .. }) && c.verdict.is_none() {
            return Err(ctx.err(&format!("{p}.verdict"), "a goal check needs the verdict the document implies (met, not-met, not-measurable)"));
        }
        // Computing now places the error at the check, rather than in the report.
        indexed
            .check(&spec)
            .map_err(|e| ctx.err(&format!("{p}.figure"), e.to_string()))?;
        out.push(spec);
    }
    Ok(out)
}
