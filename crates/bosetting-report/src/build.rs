//! From the model to the report document.

use bosetting::{
    Against, Category, CheckResult, CheckSpec, Document, Error, Explanation, FigureRef,
    IndexedYear, MunicipalityYear, Origin, Outcome, Phrase, QuotaSeries, Reported, RoundingRule,
    SeriesField, Sponsor, Unit, Value, Year,
};
use std::collections::{HashMap, HashSet};

use rust_decimal::Decimal;

use crate::document::{
    Chart, ChartKind, ChartSeries, Report, Row, RowStatus, Section, SectionId, Table, TableCell,
};
use crate::locale::Locale;

/// Builds the report for `year`, with `checks` (specs and their results, in the same order)
/// as the Tallkontroll section and as the status of the figures they check.
///
/// # Errors
///
/// Any model error other than a figure the year lacks data for (such figures, and sections
/// without data, are left out): a figure whose inputs contradict each other (more persons
/// settled under a category than in all), or one that overflows.
///
/// # Example
///
/// Bodø's annual report 2020 as shipped in `examples/data`, in English:
///
/// ```
/// use bosetting_report::{Lang, Locale, RowStatus, SectionId};
///
/// let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// let (checks, _) = facts.checked()?;
/// let year = facts.year().ok_or("the file describes no municipality year")?;
/// let report = bosetting_report::build(year, &checks, Locale::new(Lang::En))?;
/// assert_eq!(report.title, "Settlement and integration 2020 – Bodø");
/// assert_eq!(report.sections[0].id, SectionId::Settlement);
/// // A checked figure's row has the check's id and label, and its status.
/// let shortfall = report.sections[0].rows.iter().find(|r| r.id == "bodo20.shortfall");
/// assert_eq!(shortfall.map(|r| r.status), Some(RowStatus::Reproduced));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build(
    year: &MunicipalityYear,
    checks: &[(CheckSpec, CheckResult)],
    locale: Locale,
) -> Result<Report, Error> {
    // Lookups built once: each figure's check, and the year's rows (staffing by unit and
    // year), so that a section with a row per staffing line stays linear.
    let mut check_of = HashMap::with_capacity(checks.len());
    for (spec, r) in checks {
        check_of.entry(&spec.figure).or_insert(r);
    }
    let b = Builder {
        my: year,
        ix: year.indexed(),
        checks,
        check_of,
        l: locale,
    };
    let s = &year.settlement;
    let mut sections = vec![
        b.settlement()?,
        b.national()?,
        b.family()?,
        b.housing()?,
        b.programme()?,
        b.economy()?,
        b.fund()?,
        b.staffing()?,
        b.goals()?,
        b.projects(),
        b.figure_check(),
    ];
    sections.retain(|s| !s.is_empty());
    Ok(Report {
        title: format!(
            "{} {} – {}",
            locale.pick("Bosetting og integrering", "Settlement and integration"),
            s.year,
            s.municipality.name
        ),
        municipality: Some(s.municipality.name.clone()),
        number: Some(s.municipality.number.to_string()),
        year: Some(s.year.get()),
        bodies: Vec::new(),
        document: year.document.clone(),
        lang: locale.lang,
        sections,
    })
}

/// Builds the report for a whole document: its municipality year (if it has one, with
/// `year_checks` as [`build`] takes them), its printed tables with their totals checked,
/// and every other check (`document_checks`, as [`Document::check_all`] gives them) in the
/// Tallkontroll section.
///
/// # Errors
///
/// As [`build`]; a table whose totals cannot be checked.
///
/// # Example
///
/// IMDi's national settlement table for 2018, a document with no municipality year: its
/// printed tables, with their totals checked, and every other check.
///
/// ```
/// use bosetting_report::{Lang, Locale, SectionId};
///
/// let path = "../../examples/data/documents/imdi_busetting_2018.toml";
/// let facts = bosetting_facts::Facts::load(path)?;
/// let (year_checks, document_checks) = facts.checked()?;
/// let report = bosetting_report::build_document(
///     &facts.document,
///     &year_checks,
///     &document_checks,
///     Locale::new(Lang::Nb),
/// )?;
/// assert_eq!(report.municipality, None);
/// let check = report.sections.iter().find(|s| s.id == SectionId::FigureCheck);
/// assert!(check.is_some_and(|s| s.rows.len() == document_checks.len()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn build_document(
    doc: &Document,
    year_checks: &[(CheckSpec, CheckResult)],
    document_checks: &[CheckResult],
    locale: Locale,
) -> Result<Report, Error> {
    let l = locale;
    let mut report = match doc.years.first() {
        Some(v) => build(&v.year, year_checks, locale)?,
        None => Report {
            title: doc.source.document.clone(),
            municipality: None,
            number: None,
            year: None,
            bodies: Vec::new(),
            document: doc.source.clone(),
            lang: locale.lang,
            sections: Vec::new(),
        },
    };
    let main = doc.years.first().map(|v| &v.body);
    report.bodies = doc
        .bodies
        .iter()
        .filter(|b| Some(&b.id) != main)
        .map(|b| b.name.clone())
        .collect();
    let by_id: std::collections::BTreeMap<&str, &CheckResult> =
        document_checks.iter().map(|c| (c.id.as_str(), c)).collect();
    let mut tables = Section {
        id: SectionId::Tables,
        title: section_title(l, SectionId::Tables).to_owned(),
        rows: Vec::new(),
        tables: Vec::new(),
        charts: Vec::new(),
        notes: Vec::new(),
    };
    for t in &doc.tables {
        let relations = doc.table_relations(t)?;
        let status_of = |id: &str| by_id.get(id).map(|c| RowStatus::from(c.status));
        let mut header = vec![String::new()];
        header.extend(t.columns.iter().map(|c| c.label.clone()));
        header.push(l.pick("Sumkontroll", "Total check").to_owned());
        let mut numeric = vec![false];
        numeric.extend(t.columns.iter().map(|_| true));
        numeric.push(false);
        let mut rows = Vec::new();
        let mut machine = Vec::new();
        for r in &t.rows {
            for (c, cell) in t.columns.iter().zip(&r.cells) {
                let id = format!("{}.{}.{}", t.id, r.key, c.key);
                let check = by_id.get(id.as_str());
                machine.push(TableCell {
                    label: format!("{}: {} – {}", t.title, r.label, c.label),
                    text: cell.text().to_owned(),
                    number: cell.figure().map(|f| f.value()),
                    unit: t.unit,
                    status: check.map_or(RowStatus::Input, |c| RowStatus::from(c.status)),
                    reconciliation: check.map(|c| l.say(&c.reconciliation)).unwrap_or_default(),
                    id,
                });
            }
            let mut cells = vec![r.label.clone()];
            cells.extend(r.cells.iter().map(|c| c.text().to_owned()));
            // The checks this row's printed totals are part of, as "column: status".
            let prefix = format!("{}.{}.", t.id, r.key);
            let marks: Vec<String> = relations
                .iter()
                .filter(|rel| rel.id.starts_with(&prefix))
                .filter_map(|rel| {
                    let col = rel.id.get(prefix.len()..)?.split('#').next()?;
                    let label = t
                        .columns
                        .iter()
                        .find(|c| c.key == col)
                        .map_or(col, |c| c.label.as_str());
                    let st = status_of(&rel.id)?;
                    Some(format!("{label}: {}", crate::markdown::status(l, st)))
                })
                .collect();
            cells.push(marks.join("; "));
            rows.push(cells);
        }
        tables.tables.push(Table {
            title: format!("{} ({})", t.title, l.unit(t.unit)),
            header,
            numeric,
            rows,
            cells: machine,
        });
    }
    // The facts the document states outside its tables, each as printed with its source.
    let in_tables: std::collections::BTreeSet<bosetting::Address> = doc
        .tables
        .iter()
        .filter_map(|t| t.addressed_cells().ok())
        .flatten()
        .map(|(a, _)| a)
        .collect();
    let mut facts = Section {
        id: SectionId::Facts,
        title: section_title(l, SectionId::Facts).to_owned(),
        rows: Vec::new(),
        tables: Vec::new(),
        charts: Vec::new(),
        notes: Vec::new(),
    };
    for o in doc.facts.iter().filter(|o| !in_tables.contains(&o.address)) {
        let a = &o.address;
        let body = doc
            .body(&a.body)
            .map_or(a.body.as_str(), |b| b.name.as_str());
        let mut part = String::new();
        if let Some(c) = a.breakdown.category {
            part.push_str(match c {
                Category::UnaccompaniedMinor => {
                    l.pick(", enslige mindreårige", ", unaccompanied minors")
                }
                Category::Ordinary => l.pick(", ordinær kvote", ", ordinary quota"),
            });
        }
        if let Some(o) = a.breakdown.origin {
            part.push_str(match o {
                bosetting::Origin::Resettlement => {
                    l.pick(", overføringsflyktninger", ", resettlement refugees")
                }
                bosetting::Origin::ReceptionCentre => {
                    l.pick(", fra mottak", ", from reception centres")
                }
                bosetting::Origin::AgreedSelfSettlement => {
                    l.pick(", avtalt selvbosetting", ", agreed self-settlement")
                }
                _ => l.pick(", annen opprinnelse", ", other origin"),
            });
        }
        if let Some(g) = &a.breakdown.group {
            part.push_str(&format!(", {g}"));
        }
        let meaning = bosetting::measure(&a.measure).map_or(a.measure.as_str(), |m| m.name);
        let value = bosetting::Quantity::decimal(o.figure.value(), o.figure.unit());
        facts.rows.push(Row {
            id: o.id.clone().unwrap_or_else(|| a.to_string()),
            label: format!("{body} {}{part}: {meaning}", a.period),
            display: l.quantity(&value),
            number: Some(o.figure.value()),
            value,
            published: vec![o.figure.text().to_owned()],
            not_printed: Vec::new(),
            status: RowStatus::Input,
            reconciliation: String::new(),
            explanation: o.figure.explain(Phrase::verbatim(a.to_string())),
        });
    }
    if !facts.rows.is_empty() {
        let at = report
            .sections
            .iter()
            .position(|s| s.id == SectionId::FigureCheck)
            .unwrap_or(report.sections.len());
        report.sections.insert(at, facts);
    }
    let mut check_rows: Vec<Row> = document_checks
        .iter()
        .map(|c| Builder::check_row(l, c, &doc.source))
        .collect();
    if !tables.tables.is_empty() {
        let at = report
            .sections
            .iter()
            .position(|s| s.id == SectionId::FigureCheck)
            .unwrap_or(report.sections.len());
        report.sections.insert(at, tables);
    }
    match report
        .sections
        .iter_mut()
        .find(|s| s.id == SectionId::FigureCheck)
    {
        Some(s) => s.rows.append(&mut check_rows),
        None if !check_rows.is_empty() => report.sections.push(Section {
            id: SectionId::FigureCheck,
            title: section_title(l, SectionId::FigureCheck).to_owned(),
            rows: check_rows,
            tables: Vec::new(),
            charts: Vec::new(),
            notes: Vec::new(),
        }),
        None => {}
    }
    Ok(report)
}

struct Builder<'a> {
    my: &'a MunicipalityYear,
    ix: IndexedYear<'a>,
    checks: &'a [(CheckSpec, CheckResult)],
    /// The first check of each figure.
    check_of: HashMap<&'a FigureRef, &'a CheckResult>,
    l: Locale,
}

/// A stable identifier for a figure: its name and arguments (`national.group_share(2023,Ukraina)`).
///
/// # Example
///
/// ```
/// use bosetting::{Against, FigureRef};
///
/// assert_eq!(bosetting_report::figure_id(&FigureRef::Shortfall), "settlement.shortfall");
/// let fulfilment = FigureRef::Fulfilment { against: Against::Request };
/// assert_eq!(bosetting_report::figure_id(&fulfilment), "settlement.fulfilment(request)");
/// ```
pub fn figure_id(f: &FigureRef) -> String {
    let v = serde_json::to_value(f).unwrap_or_default();
    let Some(obj) = v.as_object() else {
        return String::new();
    };
    let name = obj
        .get("figure")
        .and_then(|n| n.as_str())
        .unwrap_or_default()
        .to_owned();
    let args: Vec<String> = obj
        .iter()
        .filter(|(k, _)| k.as_str() != "figure")
        .map(|(_, v)| match v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect();
    if args.is_empty() {
        name
    } else {
        format!("{name}({})", args.join(","))
    }
}

/// The longest quote an explanation shows; a longer one is cut with "…" (the full quote
/// stays in the facts file), so that output stays proportional to the figures, not to the
/// quotes times the figures that cite them.
const QUOTE_SHOWN: usize = 400;

/// The explanation in the report's language: every label, formula and worded value said in
/// `l` (so that the JSON output and every renderer carry the words the reader reads), and
/// long quotes clipped.
fn said(l: Locale, mut e: Explanation) -> Explanation {
    e.label = Phrase::verbatim(l.say(&e.label));
    e.formula = e.formula.map(|f| Phrase::verbatim(l.say(&f)));
    e.value = said_quantity(l, e.value);
    if let Some(q) = e.source.as_mut().and_then(|s| s.quote.as_mut()) {
        if q.chars().count() > QUOTE_SHOWN {
            *q = q
                .chars()
                .take(QUOTE_SHOWN)
                .chain(std::iter::once('…'))
                .collect();
        }
    }
    e.inputs = e.inputs.into_iter().map(|i| said(l, i)).collect();
    e
}

/// A worded value said in `l`; numbers stay as they are.
fn said_quantity(l: Locale, q: bosetting::Quantity) -> bosetting::Quantity {
    match q.value {
        bosetting::Value::Text(p) => {
            bosetting::Quantity::new(bosetting::Value::Text(Phrase::verbatim(l.say(&p))), q.unit)
        }
        _ => q,
    }
}

/// The refugee fund's risk under uncertain settlement as a report section: per year the
/// probability that the fund would go below its floor, the balance's 5th, 50th and 95th
/// percentiles, and the shortfall left uncovered, in a table and as a fan chart.
///
/// # Example
///
/// ```
/// use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
/// use bosetting::{Money, Source, Year};
/// use bosetting_report::{Lang, Locale};
///
/// let params = RiskParams::new(
///     Year::new(2025)?,
///     Money::kroner(20_000_000),
///     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
///     Money::kroner(3_000_000),
///     Money::kroner(150_000),
///     Source::new("example"),
/// )?
/// .with_history(vec![40, 60, 120, 80]);
/// let r = fund_risk(&params, &ArrivalPaths::triangular(1, 500, 5, 20, 40, 100)?)?;
/// let s = bosetting_report::risk_section(&r, Locale::new(Lang::Nb));
/// assert_eq!(s.tables[0].rows.len(), 5);
/// assert_eq!(s.tables[0].rows[0][0], "2025");
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn risk_section(r: &bosetting::risk::RiskResult, locale: Locale) -> Section {
    let l = locale;
    let money = |m: bosetting::Money| l.money(m);
    let rows = r
        .years
        .iter()
        .map(|y| {
            vec![
                l.year(y.year),
                l.share(&y.probability),
                money(y.p5),
                money(y.p50),
                money(y.p95),
                money(y.mean_uncovered),
            ]
        })
        .collect();
    let series =
        |name: &str, f: &dyn Fn(&bosetting::risk::RiskYear) -> bosetting::Money| ChartSeries {
            name: name.to_owned(),
            values: r.years.iter().map(|y| Some(f(y).amount())).collect(),
            labels: r.years.iter().map(|y| money(f(y))).collect(),
        };
    Section {
        id: SectionId::FundRisk,
        title: section_title(l, SectionId::FundRisk).to_owned(),
        rows: Vec::new(),
        tables: vec![Table {
            title: format!(
                "{} ({} {})",
                l.pick(
                    "Sannsynlighet for brudd på fondets gulv, og saldo",
                    "Probability of breaching the fund's floor, and the balance"
                ),
                r.paths,
                l.pick("forløp", "paths")
            ),
            header: vec![
                l.pick("År", "Year").to_owned(),
                l.pick("Sannsynlighet for brudd", "Probability of a breach")
                    .to_owned(),
                l.pick("Saldo, 5. persentil", "Balance, 5th percentile")
                    .to_owned(),
                l.pick("Saldo, median", "Balance, median").to_owned(),
                l.pick("Saldo, 95. persentil", "Balance, 95th percentile")
                    .to_owned(),
                l.pick("Udekket, snitt per forløp", "Uncovered, mean per path")
                    .to_owned(),
            ],
            numeric: vec![false, true, true, true, true, true],
            rows,
            cells: Vec::new(),
        }],
        charts: vec![Chart {
            title: l
                .pick(
                    "Flyktningfondets saldo: 5.–95. persentil og median",
                    "The fund's balance: 5th–95th percentile and median",
                )
                .to_owned(),
            kind: ChartKind::Fan,
            categories: r.years.iter().map(|y| l.year(y.year)).collect(),
            series: vec![
                series(l.pick("5. persentil", "5th percentile"), &|y| y.p5),
                series(l.pick("Median", "Median"), &|y| y.p50),
                series(l.pick("95. persentil", "95th percentile"), &|y| y.p95),
            ],
            unit: "kr".to_owned(),
            x: Vec::new(),
            source: r.source.document.clone(),
        }],
        notes: vec![format!(
            "{}: {}",
            l.pick("Forløpene", "The paths"),
            l.say(&r.origin)
        )],
    }
}

/// A projection under several scenarios as a report section: per year and scenario the
/// settled persons, grant income, costs and the fund at the end of the year, side by side,
/// with a chart of the fund under each scenario. `assumption` says what the projection
/// assumes that no document states (future years' rates; [`RateAssumption::describe`]),
/// and is shown as such, with the years whose rates are assumed; the persons each scenario
/// leaves out of every grant category by flooring are noted.
///
/// [`RateAssumption::describe`]: bosetting::projection::RateAssumption::describe
///
/// # Example
///
/// ```no_run
/// # fn f(c: &[bosetting::projection::ScenarioComparison]) {
/// use bosetting_report::{Lang, Locale};
/// let assumed = bosetting::Phrase::verbatim("2017-satsene videreført");
/// let s = bosetting_report::projection_section(c, &assumed, Locale::new(Lang::Nb));
/// # }
/// ```
pub fn projection_section(
    scenarios: &[bosetting::projection::ScenarioComparison],
    assumption: &Phrase,
    locale: Locale,
) -> Section {
    let l = locale;
    let years: Vec<bosetting::Year> = scenarios
        .first()
        .map(|c| c.years.iter().map(|y| y.year).collect())
        .unwrap_or_default();
    let mut header = vec![l.pick("År", "Year").to_owned()];
    let mut numeric = vec![false];
    for c in scenarios {
        for h in [
            l.pick("bosatte", "settled"),
            l.pick("tilskudd", "grants"),
            l.pick("utgifter", "costs"),
            l.pick("fond", "fund"),
        ] {
            header.push(format!("{}: {h}", c.name));
            numeric.push(true);
        }
    }
    let rows = years
        .iter()
        .enumerate()
        .map(|(i, y)| {
            let mut row = vec![l.year(*y)];
            for c in scenarios {
                match c.years.get(i) {
                    Some(p) => {
                        let costs = p
                            .fixed_costs
                            .checked_add(p.variable_costs)
                            .unwrap_or(p.fixed_costs);
                        row.push(l.int(i64::from(p.persons)));
                        row.push(l.money(p.income));
                        row.push(l.money(costs));
                        row.push(l.money(p.fund));
                    }
                    None => row.extend(std::iter::repeat_n(String::new(), 4)),
                }
            }
            row
        })
        .collect();
    let series = scenarios
        .iter()
        .map(|c| ChartSeries {
            name: c.name.clone(),
            values: c.years.iter().map(|y| Some(y.fund.amount())).collect(),
            labels: c.years.iter().map(|y| l.money(y.fund)).collect(),
        })
        .collect();
    let mut notes: Vec<String> = scenarios.iter().map(|c| l.say(&c.summary)).collect();
    notes.push(format!(
        "{}: {}",
        l.pick(
            "Antakelse, ikke fra et dokument",
            "Assumption, not from a document"
        ),
        l.say(assumption)
    ));
    let assumed: Vec<String> = years
        .iter()
        .enumerate()
        .filter(|(i, _)| {
            scenarios
                .iter()
                .any(|c| c.years.get(*i).is_some_and(|y| y.rates_assumed))
        })
        .map(|(_, y)| l.year(*y))
        .collect();
    if !assumed.is_empty() {
        notes.push(format!(
            "{}: {}",
            l.pick(
                "År med antatte satser (ikke i satstabellen)",
                "Years with assumed rates (not in the rate table)"
            ),
            assumed.join(", ")
        ));
    }
    // Under floor-each, each category's persons are floored; who falls between them draws
    // no grant, and the reader is told how many rather than left to find out.
    for c in scenarios {
        let lost: u64 = c.years.iter().map(|y| u64::from(y.lost_to_flooring)).sum();
        if lost > 0 {
            notes.push(format!(
                "{}: {} {}",
                c.name,
                l.int(i64::try_from(lost).unwrap_or(i64::MAX)),
                l.pick(
                    "bosatte telles ikke i noen tilskuddskategori når hver kategori rundes ned til hele personer, og gir ikke tilskudd",
                    "settled persons fall in no grant category once each category is floored to whole persons, and draw no grant"
                )
            ));
        }
    }
    Section {
        id: SectionId::Projection,
        title: section_title(l, SectionId::Projection).to_owned(),
        rows: Vec::new(),
        tables: vec![Table {
            title: l
                .pick(
                    "Tilskudd, utgifter og fond per år og scenario",
                    "Grants, costs and the fund per year and scenario",
                )
                .to_owned(),
            header,
            numeric,
            rows,
            cells: Vec::new(),
        }],
        charts: vec![Chart {
            title: l
                .pick(
                    "Flyktningfondet per scenario",
                    "The refugee fund by scenario",
                )
                .to_owned(),
            kind: ChartKind::Line,
            categories: years.iter().map(|y| l.year(*y)).collect(),
            series,
            unit: "kr".to_owned(),
            x: Vec::new(),
            source: l.say(assumption),
        }],
        notes,
    }
}

/// A chart's source line: the document and its date (the quotes are in the tables).
fn chart_source(l: Locale, s: &bosetting::Source) -> String {
    match s.date {
        Some(d) => format!("{}, {}", s.document, l.date(d)),
        None => s.document.clone(),
    }
}

fn number_of(q: &bosetting::Quantity) -> Option<Decimal> {
    match (&q.value, q.unit) {
        (Value::Integer(n), _) => Some(Decimal::from(*n)),
        (Value::Decimal(d), _) => Some(*d),
        (Value::Ratio(r), bosetting::Unit::Share) => r.percent(RoundingRule::HalfUp, 4).ok(),
        (Value::Ratio(r), _) => r.round(RoundingRule::HalfUp, 4).ok(),
        _ => None,
    }
}

impl Builder<'_> {
    fn section(&self, id: SectionId) -> Section {
        Section {
            id,
            title: section_title(self.l, id).to_owned(),
            rows: Vec::new(),
            tables: Vec::new(),
            charts: Vec::new(),
            notes: Vec::new(),
        }
    }

    fn row_from_check(&self, c: &CheckResult) -> Row {
        Builder::check_row(self.l, c, &self.my.document)
    }

    /// A check as a row: what the document printed apart from figures from elsewhere (an
    /// analyst's derivation, a ledger), which keep their own source.
    /// A relation's verdict in the report's language.
    fn check_row(l: Locale, c: &CheckResult, doc: &bosetting::Source) -> Row {
        let (printed, elsewhere): (Vec<_>, Vec<_>) = c
            .published
            .iter()
            .partition(|p| p.source().document == doc.document);
        Row {
            id: c.id.clone(),
            label: c.label.clone(),
            published: printed.iter().map(|p| p.text().to_owned()).collect(),
            not_printed: elsewhere
                .iter()
                .map(|p| format!("«{}» ({})", p.text(), p.source().document))
                .collect(),
            display: l.quantity(&c.value),
            number: number_of(&c.value),
            value: said_quantity(l, c.value.clone()),
            status: c.status.into(),
            // A relation's verdict is worded by the model, like every other check's, so
            // that its words live in the language catalogue alone.
            reconciliation: l.say(&c.reconciliation),
            explanation: said(l, c.explanation.clone()),
        }
    }

    /// The figure as a row, or `None` if the year has no data for it.
    fn row(&self, f: FigureRef) -> Result<Option<Row>, Error> {
        if let Some(r) = self.check_of.get(&f) {
            return Ok(Some(self.row_from_check(r)));
        }
        let d = match self.ix.figure(&f) {
            Ok(d) => d,
            Err(Error::NotComputable { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        Ok(Some(Row {
            id: figure_id(&f),
            label: figure_label(self.l, &f),
            display: self.l.quantity(&d.value),
            number: number_of(&d.value),
            value: said_quantity(self.l, d.value),
            published: Vec::new(),
            not_printed: Vec::new(),
            status: if d.explanation.formula.is_none() {
                RowStatus::Input
            } else {
                RowStatus::Computed
            },
            reconciliation: String::new(),
            explanation: said(self.l, d.explanation),
        }))
    }

    fn rows(
        &self,
        s: &mut Section,
        figures: impl IntoIterator<Item = FigureRef>,
    ) -> Result<(), Error> {
        let mut ids: HashSet<String> = s.rows.iter().map(|r| r.id.clone()).collect();
        for f in figures {
            if let Some(r) = self.row(f)? {
                if ids.insert(r.id.clone()) {
                    s.rows.push(r);
                }
            }
        }
        Ok(())
    }

    fn settlement(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Settlement);
        let mut figs = vec![
            FigureRef::RequestOriginal,
            FigureRef::RequestCurrent,
            FigureRef::RequestRevision,
            FigureRef::RequestEm,
            FigureRef::Decided,
            FigureRef::DecidedEm,
            FigureRef::DecidedOrdinary,
            FigureRef::DecisionShareOfRequest,
            FigureRef::DecisionEmShareOfRequest,
            FigureRef::Settled,
            FigureRef::SettledOrdinary,
            FigureRef::SettledEm,
            FigureRef::OriginSum {
                category: Category::Ordinary,
            },
        ];
        for origin in [
            Origin::Resettlement,
            Origin::ReceptionCentre,
            Origin::AgreedSelfSettlement,
            Origin::Other,
        ] {
            figs.push(FigureRef::From { origin });
        }
        figs.extend([
            FigureRef::Shortfall,
            FigureRef::Fulfilment {
                against: Against::Decision,
            },
            FigureRef::Fulfilment {
                against: Against::Request,
            },
            FigureRef::Fulfilment {
                against: Against::OriginalRequest,
            },
            FigureRef::FulfilmentOrdinary,
            FigureRef::FulfilmentEm,
            FigureRef::PaceShare,
            FigureRef::EvenPace,
            FigureRef::Pace,
            FigureRef::WithFamily,
        ]);
        self.rows(&mut s, figs)?;
        if let Some(h) = &self.my.history {
            s.tables.push(self.history_table(
                h,
                self.l.pick(
                    "Anmodning, vedtak og bosatte",
                    "Request, decision and settled",
                ),
            ));
            if let Some(c) = self.history_chart(h) {
                s.charts.push(c);
            }
            // The multi-year table's derived figures, where checks ask for them.
        }
        if let Some(h) = &self.my.history_em {
            s.tables.push(self.history_table(
                h,
                self.l.pick("Enslige mindreårige", "Unaccompanied minors"),
            ));
        }
        for (spec, r) in self.checks {
            if matches!(
                spec.figure,
                FigureRef::Series { .. }
                    | FigureRef::SeriesChange { .. }
                    | FigureRef::SeriesChangeRelative { .. }
                    | FigureRef::SeriesShareOfRequest { .. }
                    | FigureRef::SeriesRevision { .. }
            ) && !s.rows.iter().any(|x| x.id == r.id)
            {
                s.rows.push(self.row_from_check(r));
            }
        }
        Ok(s)
    }

    fn history_table(&self, h: &QuotaSeries, title: &str) -> Table {
        let cell = |orig: Option<Reported<u32>>, cur: Option<Reported<u32>>| -> String {
            let show = |r: Reported<u32>| match r {
                Reported::Value(v) => self.l.int(i64::from(v)),
                other => other.to_string(),
            };
            match (orig, cur) {
                (Some(o), Some(c)) if o != c => format!("{} ({})", show(o), show(c)),
                (_, Some(c)) => show(c),
                (Some(o), None) => show(o),
                (None, None) => String::new(),
            }
        };
        let rows = h
            .years
            .iter()
            .map(|(y, q)| {
                vec![
                    self.l.year(*y),
                    cell(q.original_request, q.request),
                    cell(q.original_decision, q.decision),
                    cell(None, q.settled),
                ]
            })
            .collect();
        Table {
            title: format!(
                "{title} ({})",
                self.l.pick(
                    "tall i parentes er revidert etter ny anmodning samme år",
                    "figures in parentheses are revised after a new request the same year"
                )
            ),
            header: vec![
                self.l.pick("År", "Year").to_owned(),
                self.l.pick("Anmodet", "Requested").to_owned(),
                self.l.pick("Vedtatt", "Decided").to_owned(),
                self.l.pick("Bosatt", "Settled").to_owned(),
            ],
            numeric: vec![false, true, true, true],
            rows,
            cells: Vec::new(),
        }
    }

    fn history_chart(&self, h: &QuotaSeries) -> Option<Chart> {
        let years: Vec<&Year> = h.years.keys().collect();
        let pick = |f: fn(&bosetting::YearQuota) -> Option<Reported<u32>>| -> Vec<Option<Decimal>> {
            h.years
                .values()
                .map(|q| f(q).and_then(|r| r.value()).map(Decimal::from))
                .collect()
        };
        let series: Vec<ChartSeries> = [
            (self.l.pick("Anmodet", "Requested"), pick(|q| q.request)),
            (self.l.pick("Vedtatt", "Decided"), pick(|q| q.decision)),
            (self.l.pick("Bosatt", "Settled"), pick(|q| q.settled)),
        ]
        .into_iter()
        .filter(|(_, v)| v.iter().any(Option::is_some))
        .map(|(name, values)| ChartSeries {
            name: name.to_owned(),
            labels: values
                .iter()
                .map(|v| v.map(|d| self.l.decimal(d, 0)).unwrap_or_default())
                .collect(),
            values,
        })
        .collect();
        if series.is_empty() {
            return None;
        }
        Some(Chart {
            title: self
                .l
                .pick(
                    "Anmodning, vedtak og bosatte per år",
                    "Request, decision and settled per year",
                )
                .to_owned(),
            kind: ChartKind::Bars,
            categories: years.iter().map(|y| self.l.year(**y)).collect(),
            series,
            unit: self.l.unit(Unit::Persons).to_owned(),
            x: Vec::new(),
            source: self
                .l
                .source(h.source.as_ref().unwrap_or(&self.my.document)),
        })
    }

    fn national(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::National);
        let n = &self.my.national;
        let mut figs = Vec::new();
        let years: Vec<Year> = n.settled.keys().copied().collect();
        for (i, y) in years.iter().enumerate() {
            figs.push(FigureRef::NationalSettled { year: *y });
            if let Some(st) = n.settled.get(y) {
                for g in &st.by_group {
                    figs.push(FigureRef::NationalGroup {
                        year: *y,
                        group: g.group.clone(),
                    });
                    figs.push(FigureRef::NationalGroupShare {
                        year: *y,
                        group: g.group.clone(),
                    });
                    figs.push(FigureRef::NationalOutsideGroup {
                        year: *y,
                        group: g.group.clone(),
                    });
                }
            }
            if let Some(prev) = i.checked_sub(1).and_then(|j| years.get(j)) {
                figs.push(FigureRef::NationalMultiple {
                    year: *y,
                    of: *prev,
                });
            }
        }
        for y in n.request.keys() {
            figs.push(FigureRef::NationalRequest { year: *y });
            if let Some(prev) = years.iter().rev().find(|p| *p < y) {
                figs.push(FigureRef::NationalRequestChange {
                    year: *y,
                    settled_in: *prev,
                });
            }
        }
        for y in n.target.keys() {
            figs.push(FigureRef::NationalTarget { year: *y });
        }
        self.rows(&mut s, figs)?;
        Ok(s)
    }

    fn family(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Family);
        let mut figs = vec![FigureRef::FamilyPersons, FigureRef::Families];
        if let Some(f) = &self.my.settlement.family {
            for (sponsor, _) in &f.families_by_sponsor {
                figs.push(FigureRef::FamilyShareJoining { sponsor: *sponsor });
            }
        }
        self.rows(&mut s, figs)?;
        Ok(s)
    }

    fn housing(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Housing);
        self.rows(
            &mut s,
            [
                FigureRef::Dwellings,
                FigureRef::PrivateContracts,
                FigureRef::HousingCapacity,
                FigureRef::CapacityGap,
            ],
        )?;
        Ok(s)
    }

    fn programme(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Programme);
        let Some(p) = &self.my.programme else {
            return Ok(s);
        };
        let mut figs = vec![
            FigureRef::ProgrammeAtEnd,
            FigureRef::ProgrammeAtEndOrWaiting,
            FigureRef::ProgrammeParticipated,
            FigureRef::ProgrammeExits,
            FigureRef::ProgrammeCount,
            FigureRef::ProgrammeRate,
        ];
        for (y, _) in &p.earlier {
            figs.push(FigureRef::ProgrammeTrend { since: *y });
        }
        self.rows(&mut s, figs)?;
        if let Ok(e) = p.exits_with_outcomes(&self.my.policy) {
            let rows: Vec<Vec<String>> = e
                .value
                .outcomes
                .iter()
                .map(|(o, n)| {
                    vec![
                        outcome_label(self.l, *o).to_owned(),
                        self.l.int(i64::from(n.value)),
                    ]
                })
                .collect();
            s.tables.push(Table {
                title: self
                    .l
                    .pick("Avsluttet etter utfall", "Exits by outcome")
                    .to_owned(),
                header: vec![
                    self.l.pick("Utfall", "Outcome").to_owned(),
                    self.l.pick("Personer", "Persons").to_owned(),
                ],
                numeric: vec![false, true],
                rows,
                cells: Vec::new(),
            });
            let values: Vec<Option<Decimal>> = e
                .value
                .outcomes
                .iter()
                .map(|(_, n)| Some(Decimal::from(n.value)))
                .collect();
            s.charts.push(Chart {
                title: self
                    .l
                    .pick(
                        "Introduksjonsprogrammet: avsluttet etter utfall",
                        "Introduction programme: exits by outcome",
                    )
                    .to_owned(),
                kind: ChartKind::HorizontalBars,
                categories: e
                    .value
                    .outcomes
                    .iter()
                    .map(|(o, _)| outcome_label(self.l, *o).to_owned())
                    .collect(),
                series: vec![ChartSeries {
                    name: self.l.pick("Avsluttet", "Exits").to_owned(),
                    labels: values
                        .iter()
                        .map(|v| v.map(|d| self.l.decimal(d, 0)).unwrap_or_default())
                        .collect(),
                    values,
                }],
                unit: self.l.unit(Unit::Persons).to_owned(),
                x: Vec::new(),
                source: chart_source(self.l, &self.my.document),
            });
        }
        Ok(s)
    }

    fn economy(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Economy);
        let mut figs = vec![
            FigureRef::BudgetOriginal,
            FigureRef::BudgetRevised,
            FigureRef::BudgetActual,
            FigureRef::BudgetResult,
            FigureRef::BudgetConsumption,
        ];
        for f in &self.my.forecasts {
            figs.push(FigureRef::Forecast {
                what: f.what.clone(),
            });
            figs.push(FigureRef::ForecastDeviation {
                what: f.what.clone(),
            });
        }
        figs.extend([
            FigureRef::ServiceFundTransfers,
            FigureRef::ServiceBeforeTransfers,
            FigureRef::ServiceAfterTransfers,
        ]);
        self.rows(&mut s, figs)?;
        Ok(s)
    }

    fn fund(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Fund);
        let Some(f) = &self.my.fund else {
            return Ok(s);
        };
        let balances = f.balances()?;
        let mut dates: Vec<chrono::NaiveDate> = balances.iter().map(|(d, _)| *d).collect();
        dates.dedup();
        self.rows(
            &mut s,
            dates.iter().map(|d| FigureRef::FundBalance { date: *d }),
        )?;
        // One point per date: the balance at the end of the day.
        let mut points: Vec<(chrono::NaiveDate, Decimal)> = Vec::new();
        for (d, m) in balances {
            match points.last_mut() {
                Some(last) if last.0 == d => last.1 = m.amount(),
                _ => points.push((d, m.amount())),
            }
        }
        s.charts.push(Chart {
            title: format!(
                "{}: {}",
                f.name,
                self.l.pick("saldo over tid", "balance over time")
            ),
            kind: ChartKind::Steps,
            x: points
                .iter()
                .map(|(d, _)| i64::from(chrono::Datelike::num_days_from_ce(d)))
                .collect(),
            source: chart_source(self.l, &self.my.document),
            categories: points.iter().map(|(d, _)| self.l.date(*d)).collect(),
            series: vec![ChartSeries {
                name: self.l.pick("Saldo", "Balance").to_owned(),
                labels: points
                    .iter()
                    .map(|(_, v)| self.l.money(bosetting::Money::new(*v)))
                    .collect(),
                values: points.iter().map(|(_, v)| Some(*v)).collect(),
            }],
            unit: "kr".to_owned(),
        });
        Ok(s)
    }

    fn staffing(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Staffing);
        let mut figs = Vec::new();
        for st in &self.my.staffing {
            figs.push(FigureRef::StaffingPermanent {
                unit: st.unit.clone(),
                year: st.year,
            });
        }
        // Each row against the later rows of its unit (in the order given), found by unit
        // rather than by passing over every row.
        let mut by_unit: HashMap<&str, Vec<&bosetting::Staffing>> = HashMap::new();
        for st in &self.my.staffing {
            by_unit.entry(st.unit.as_str()).or_default().push(st);
        }
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for a in &self.my.staffing {
            let k = seen.entry(a.unit.as_str()).or_insert(0);
            let later = by_unit
                .get(a.unit.as_str())
                .and_then(|rows| rows.get(k.saturating_add(1)..))
                .unwrap_or(&[]);
            *k = k.saturating_add(1);
            for &b in later {
                let (from, to) = if a.year < b.year { (a, b) } else { (b, a) };
                if a.unit == b.unit && from.year < to.year {
                    figs.push(FigureRef::StaffingChange {
                        unit: a.unit.clone(),
                        from: from.year,
                        to: to.year,
                    });
                    figs.push(FigureRef::StaffingChangeRelative {
                        unit: a.unit.clone(),
                        from: from.year,
                        to: to.year,
                    });
                }
            }
        }
        for a in &self.my.activities {
            figs.push(FigureRef::Activity { id: a.id.clone() });
        }
        for u in &self.my.uptakes {
            figs.push(FigureRef::UptakeAccepted {
                label: u.label.clone(),
            });
            figs.push(FigureRef::UptakeOffered {
                label: u.label.clone(),
            });
            figs.push(FigureRef::UptakeAcceptance {
                label: u.label.clone(),
            });
        }
        self.rows(&mut s, figs)?;
        Ok(s)
    }

    fn goals(&self) -> Result<Section, Error> {
        let mut s = self.section(SectionId::Goals);
        for g in &self.my.goals {
            let f = FigureRef::Goal { id: g.id.clone() };
            if let Some(r) = self.check_of.get(&f) {
                let mut row = self.row_from_check(r);
                row.label = g.text.clone();
                row.display = self.goal_display(&self.my.evaluate_goal(&g.id)?);
                s.rows.push(row);
                continue;
            }
            let e = self.my.evaluate_goal(&g.id)?;
            let display = self.goal_display(&e);
            s.rows.push(Row {
                id: format!("goal.{}", g.id),
                label: g.text.clone(),
                value: bosetting::Quantity::text(e.summary.clone()),
                display,
                number: None,
                published: vec![g.target.text().to_owned()],
                not_printed: Vec::new(),
                status: RowStatus::Computed,
                reconciliation: String::new(),
                explanation: e.explanation,
            });
        }
        Ok(s)
    }

    /// A goal's evaluation in the report's language: what was measured, the verdict and the
    /// gap, all from the model's evaluation.
    fn goal_display(&self, e: &bosetting::GoalEvaluation) -> String {
        let mut out = match &e.measured {
            Some(m) => format!("{}: {}", self.l.quantity(m), self.l.goal_status(e.status)),
            None => self.l.goal_status(e.status).to_owned(),
        };
        if let Some(g) = &e.gap {
            out.push_str(&format!(
                " ({} {})",
                self.l.quantity(&g.amount),
                if g.side == bosetting::Side::Under {
                    self.l.pick("under målet", "short of the target")
                } else {
                    self.l.pick("over grensen", "over the limit")
                }
            ));
        }
        out
    }

    fn projects(&self) -> Section {
        let mut s = self.section(SectionId::Projects);
        for p in &self.my.projects {
            s.notes.push(format!("{} – {}", p.name, p.organisation));
        }
        for r in &self.my.rules {
            let quote = r.source.quote.clone().unwrap_or_default();
            s.notes.push(format!("{} («{quote}»)", r.text));
        }
        s
    }

    fn figure_check(&self) -> Section {
        let mut s = self.section(SectionId::FigureCheck);
        for (_, r) in self.checks {
            s.rows.push(self.row_from_check(r));
        }
        s
    }
}

/// A section's title.
///
/// # Example
///
/// ```
/// use bosetting_report::{Lang, Locale, SectionId, section_title};
///
/// assert_eq!(section_title(Locale::new(Lang::Nb), SectionId::Fund), "Flyktningfond");
/// assert_eq!(section_title(Locale::new(Lang::En), SectionId::Fund), "Refugee fund");
/// ```
pub fn section_title(l: Locale, id: SectionId) -> &'static str {
    match id {
        SectionId::Settlement => l.pick("Bosetting", "Settlement"),
        SectionId::National => l.pick("Nasjonale tall", "National figures"),
        SectionId::Family => l.pick("Familiegjenforening", "Family reunification"),
        SectionId::Housing => l.pick("Bolig", "Housing"),
        SectionId::Programme => l.pick("Introduksjonsprogrammet", "Introduction programme"),
        SectionId::Economy => l.pick("Økonomi", "Economy"),
        SectionId::Fund => l.pick("Flyktningfond", "Refugee fund"),
        SectionId::Staffing => l.pick("Personal", "Staffing"),
        SectionId::Goals => l.pick("Mål og resultater", "Goals and results"),
        SectionId::Projects => l.pick("Prosjekter og regler", "Projects and rules"),
        SectionId::Facts => l.pick("Opplysninger i dokumentet", "Facts the document states"),
        SectionId::FundRisk => l.pick("Flyktningfondets risiko", "The refugee fund's risk"),
        SectionId::Projection => l.pick("Framskriving og scenarioer", "Projection and scenarios"),
        SectionId::Tables => l.pick("Publiserte tabeller", "Printed tables"),
        SectionId::FigureCheck => l.pick("Tallkontroll", "Figure check"),
    }
}

fn outcome_label(l: Locale, o: Outcome) -> &'static str {
    match o {
        Outcome::Work => l.pick("Arbeid", "Work"),
        Outcome::UpperSecondary => l.pick("Videregående opplæring", "Upper secondary education"),
        Outcome::HigherEducation => l.pick("Høyere utdanning", "Higher education"),
        Outcome::OtherEducation => l.pick("Utdanning", "Education"),
        Outcome::PrimarySchool => l.pick("Grunnskole", "Adult primary school"),
        Outcome::WorkAndEducation => l.pick("Arbeid og utdanning", "Work and education"),
        Outcome::JobSeeking => l.pick("Arbeidssøker", "Job-seeking"),
        Outcome::Moved => l.pick("Flyttet", "Moved"),
        Outcome::Health => l.pick("Helse", "Health"),
        Outcome::ParentalLeave => l.pick("Foreldrepermisjon", "Parental leave"),
        Outcome::DroppedOut => l.pick("Avbrutt", "Dropped out"),
        Outcome::Other => l.pick("Annet", "Other"),
        _ => l.pick("Ikke oppgitt", "Not stated"),
    }
}

fn series_label(l: Locale, of: SeriesField) -> &'static str {
    match of {
        SeriesField::OriginalRequest => l.pick("opprinnelig anmodning", "original request"),
        SeriesField::Request => l.pick("anmodning", "request"),
        SeriesField::OriginalDecision => l.pick("opprinnelig vedtak", "original decision"),
        SeriesField::Decision => l.pick("vedtak", "decision"),
        SeriesField::Settled => l.pick("bosatte", "settled"),
    }
}

/// A figure's label when no check names it.
///
/// # Example
///
/// ```
/// use bosetting::FigureRef;
/// use bosetting_report::{Lang, Locale, figure_label};
///
/// let label = figure_label(Locale::new(Lang::En), &FigureRef::Shortfall);
/// assert_eq!(label, "Decided minus settled");
/// ```
pub fn figure_label(l: Locale, f: &FigureRef) -> String {
    let p = |nb: &str, en: &str| l.pick(nb, en).to_owned();
    match f {
        FigureRef::Decided => p("Vedtak (plasser)", "Decided places"),
        FigureRef::DecidedEm => p(
            "Vedtak, enslige mindreårige",
            "Decided places, unaccompanied minors",
        ),
        FigureRef::DecidedOrdinary => p("Vedtak, ordinær kvote", "Decided places, ordinary quota"),
        FigureRef::Settled => p("Bosatte", "Settled"),
        FigureRef::SettledOrdinary => p("Bosatte, ordinær kvote", "Settled, ordinary quota"),
        FigureRef::SettledEm => p(
            "Bosatte enslige mindreårige",
            "Settled unaccompanied minors",
        ),
        FigureRef::Shortfall => p("Vedtak minus bosatte", "Decided minus settled"),
        FigureRef::Fulfilment { against } => match against {
            Against::Decision => p(
                "Bosatte i prosent av vedtaket",
                "Settled as a share of the decision",
            ),
            Against::Request => p(
                "Bosatte i prosent av anmodningen",
                "Settled as a share of the request",
            ),
            Against::OriginalRequest => p(
                "Bosatte i prosent av opprinnelig anmodning",
                "Settled as a share of the original request",
            ),
        },
        FigureRef::FulfilmentOrdinary => p(
            "Bosatte i prosent av vedtaket, ordinær kvote",
            "Fulfilment, ordinary quota",
        ),
        FigureRef::FulfilmentEm => p(
            "Bosatte i prosent av vedtaket, enslige mindreårige",
            "Fulfilment, unaccompanied minors",
        ),
        FigureRef::WithFamily => p(
            "Bosatte inkludert familiegjenforente",
            "Settled including family reunification",
        ),
        FigureRef::Pace => p("Bosatte mot jevnt tempo", "Settled against an even pace"),
        FigureRef::PaceShare => p(
            "Bosatte i prosent av vedtaket hittil",
            "Settled so far as a share of the decision",
        ),
        FigureRef::EvenPace => p("Bosatte ved jevnt tempo", "Settled at an even pace"),
        FigureRef::OriginSum { .. } => {
            p("Bosatte etter opprinnelse, sum", "Settled by origin, sum")
        }
        FigureRef::From { origin } => match origin {
            Origin::Resettlement => p("Overføringsflyktninger (kvote)", "Resettlement refugees"),
            Origin::ReceptionCentre => p("Fra mottak", "From reception centres"),
            Origin::AgreedSelfSettlement => p("Avtalt selvbosetting", "Agreed self-settlement"),
            Origin::Other => p("Annen opprinnelse", "Other origin"),
        },
        FigureRef::RequestCurrent => p("Anmodning (gjeldende)", "Request (current)"),
        FigureRef::RequestOriginal => p("Opprinnelig anmodning", "Original request"),
        FigureRef::RequestEm => p(
            "Anmodning, enslige mindreårige",
            "Request, unaccompanied minors",
        ),
        FigureRef::RequestRevision => p("Endring i anmodningen", "Revision of the request"),
        FigureRef::DecisionShareOfRequest => p(
            "Vedtak i prosent av anmodningen",
            "Decision as a share of the request",
        ),
        FigureRef::DecisionEmShareOfRequest => p(
            "Vedtak om enslige mindreårige i prosent av anmodningen",
            "Decided unaccompanied minors as a share of the request",
        ),
        FigureRef::FamilyPersons => p("Familiegjenforente personer", "Family-reunified persons"),
        FigureRef::Families => p("Familier", "Families"),
        FigureRef::FamilyShareJoining { sponsor } => match sponsor {
            Sponsor::UnaccompaniedMinor => p(
                "Andel familier gjenforent med enslig mindreårig",
                "Share of families joining an unaccompanied minor",
            ),
            Sponsor::Refugee => p(
                "Andel familier gjenforent med voksen flyktning",
                "Share joining an adult refugee",
            ),
            Sponsor::HumanitarianPermit => p(
                "Andel familier gjenforent med person med humanitært opphold",
                "Share joining a humanitarian-permit holder",
            ),
            Sponsor::Unknown => p(
                "Andel familier med ukjent referanseperson",
                "Share with unknown sponsor",
            ),
        },
        FigureRef::Dwellings => p("Boliger", "Dwellings"),
        FigureRef::PrivateContracts => p("Private kontrakter", "Private contracts"),
        FigureRef::HousingCapacity => p(
            "Bosettingskapasitet i boligene",
            "Settlement capacity of the housing",
        ),
        FigureRef::CapacityGap => p(
            "Anmodning utover boligkapasiteten",
            "Request beyond housing capacity",
        ),
        FigureRef::ProgrammeExits => p("Avsluttet programmet", "Left the programme"),
        FigureRef::ProgrammeCount => p(
            "Avsluttet til arbeid eller utdanning",
            "Left to work or education",
        ),
        FigureRef::ProgrammeRate => p(
            "Andel til arbeid eller utdanning",
            "Share to work or education",
        ),
        FigureRef::ProgrammeParticipated => p("Deltatt i perioden", "Took part in the period"),
        FigureRef::ProgrammeAtEnd => p("Deltakere ved periodens slutt", "Participants at the end"),
        FigureRef::ProgrammeAtEndOrWaiting => p(
            "Deltok eller ventet på oppstart",
            "Participating or waiting to start",
        ),
        FigureRef::ProgrammeTrend { since } => format!(
            "{} {since}",
            l.pick(
                "Endring i andel til arbeid eller utdanning siden",
                "Change in the share to work or education since"
            )
        ),
        FigureRef::StaffingPermanent { unit, year } => {
            format!(
                "{} {unit} {year}",
                l.pick("Faste årsverk,", "Permanent FTE,")
            )
        }
        FigureRef::StaffingChange { unit, from, to } => {
            format!(
                "{} {unit} {from}–{to}",
                l.pick("Endring i faste årsverk,", "Change in permanent FTE,")
            )
        }
        FigureRef::StaffingChangeRelative { unit, from, to } => format!(
            "{} {unit} {from}–{to}",
            l.pick(
                "Endring i faste årsverk (prosent),",
                "Relative change in permanent FTE,"
            )
        ),
        FigureRef::Activity { id } => format!("{} {id}", l.pick("Aktivitet", "Activity")),
        FigureRef::UptakeAccepted { label } => {
            format!("{label}: {}", l.pick("takket ja", "accepted"))
        }
        FigureRef::UptakeOffered { label } => format!("{label}: {}", l.pick("tilbudt", "offered")),
        FigureRef::UptakeAcceptance { label } => format!(
            "{label}: {}",
            l.pick("andel som takket ja", "share accepted")
        ),
        FigureRef::BudgetOriginal => p("Opprinnelig budsjettramme", "Original budget frame"),
        FigureRef::BudgetRevised => p("Revidert budsjettramme", "Revised budget frame"),
        FigureRef::BudgetResult => p(
            "Resultat (mindreforbruk positivt)",
            "Result (underspend positive)",
        ),
        FigureRef::BudgetActual => p("Regnskap (forbruk)", "Actual spending"),
        FigureRef::BudgetConsumption => p("Forbruksprosent", "Consumption of the frame"),
        FigureRef::Forecast { what } => format!("{}: {what}", l.pick("Prognose", "Forecast")),
        FigureRef::ForecastDeviation { what } => format!(
            "{}: {what}",
            l.pick("Avvik fra prognose", "Deviation from forecast")
        ),
        FigureRef::ServiceBeforeTransfers => p(
            "Resultat før overføring fra fond",
            "Result before fund transfers",
        ),
        FigureRef::ServiceAfterTransfers => p(
            "Resultat etter overføring fra fond",
            "Result after fund transfers",
        ),
        FigureRef::ServiceFundTransfers => p(
            "Overført fra flyktningfondet",
            "Transferred from the refugee fund",
        ),
        FigureRef::FundBalance { date } => {
            format!("{} {}", l.pick("Saldo", "Balance"), l.date(*date))
        }
        FigureRef::NationalSettled { year } => {
            format!("{} {year}", l.pick("Bosatt i Norge", "Settled in Norway"))
        }
        FigureRef::NationalGroup { year, group } => {
            format!("{} {year}: {group}", l.pick("Bosatt", "Settled"))
        }
        FigureRef::NationalGroupShare { year, group } => {
            format!(
                "{} {year}: {group}",
                l.pick("Andel av bosatte", "Share of the settled")
            )
        }
        FigureRef::NationalOutsideGroup { year, group } => {
            format!(
                "{} {year}: {} {group}",
                l.pick("Bosatt", "Settled"),
                l.pick("ikke fra", "not from")
            )
        }
        FigureRef::NationalMultiple { year, of } => {
            format!("{} {year} / {of}", l.pick("Bosatt", "Settled"))
        }
        FigureRef::NationalRequest { year } => format!(
            "{} {year}",
            l.pick("Nasjonal anmodning", "National request")
        ),
        FigureRef::NationalRequestChange { year, settled_in } => format!(
            "{} {year} {} {settled_in}",
            l.pick("Anmodning", "Request"),
            l.pick("mot bosatte", "against settled")
        ),
        FigureRef::NationalTarget { year } => {
            format!("{} {year}", l.pick("Nasjonalt mål", "National target"))
        }
        FigureRef::Series { of, year, em } => format!(
            "{} {year}{}",
            series_label(l, *of),
            if *em {
                l.pick(" (enslige mindreårige)", " (unaccompanied minors)")
            } else {
                ""
            }
        ),
        FigureRef::SeriesShareOfRequest { of, year } => {
            format!(
                "{} {year} {}",
                series_label(l, *of),
                l.pick("i prosent av anmodningen", "as a share of the request")
            )
        }
        FigureRef::SeriesRevision { of, year } => format!(
            "{} {year}: {}",
            series_label(l, *of),
            l.pick("revisjon", "revision")
        ),
        FigureRef::SeriesChange { of, from, to } => format!(
            "{} {from}–{to}: {}",
            series_label(l, *of),
            l.pick("endring", "change")
        ),
        FigureRef::SeriesChangeRelative { of, from, to } => {
            format!(
                "{} {from}–{to}: {}",
                series_label(l, *of),
                l.pick("endring i prosent", "relative change")
            )
        }
        FigureRef::ProjectCount => p("Prosjekter", "Projects"),
        FigureRef::Rule { id } => format!("{} {id}", l.pick("Regel", "Rule")),
        FigureRef::Goal { id } => format!("{} {id}", l.pick("Mål", "Goal")),
        _ => figure_id(f),
    }
}
