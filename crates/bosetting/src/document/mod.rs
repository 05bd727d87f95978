//! Documents as they are written: several bodies and periods, printed tables with totals,
//! and relations between any figures.
//!
//! A [`Document`] holds what one document states: the [`Body`]s it speaks of, facts
//! ([`Observation`]s) addressed by measure, body, period and breakdown ([`Address`]),
//! [`PrintedTable`]s, [`Relation`]s, and checks of printed figures. A
//! [`MunicipalityYear`](crate::MunicipalityYear) is one view of a document: everything known
//! about one municipality's year, attached to its body. Any registered measure
//! ([`measures`]) can be asked of any body and period: as stated, from the year view, by
//! its formula, or added up over categories, years and parts.

mod address;
mod body;
mod figure_catalogue;
mod measure;
mod period;
mod relation;
mod resolve;
mod span;
mod table;
pub(crate) mod year_view;

use serde::{Deserialize, Serialize};

pub use address::{Address, Breakdown};
pub use body::{Body, BodyId, BodyKind};
pub use figure_catalogue::{FigureArg, FigureInfo};
pub use measure::{Adds, Formula, MeasureDef, measure, measures, nearest as nearest_name};
pub use period::DocPeriod;
pub use relation::{Relation, RelationKind, RelationVerdict, Term};
pub use table::{AddressPart, Cell, PrintedTable, TableColumn, TableRow};

use crate::error::{Error, Result};
use crate::explain::{Derived, Quantity, Unit};
use crate::phrase::{Arg, Phrase};
use crate::provenance::Source;
use crate::published::{Computed, PublishedFigure, ReconcilePolicy, Status};
use year_view::{CheckResult, CheckSpec, MunicipalityYear};

/// A fact a document states about a body in a period, as printed.
///
/// # Example
///
/// ```
/// use bosetting::{Address, BodyId, Observation, PublishedFigure, Source, Unit};
///
/// // "Agder bosatte 812 flyktninger i 2016".
/// let printed = "812";
/// let fact = Observation {
///     id: Some("agder16".into()),
///     address: Address::new("settlement.settled", BodyId::new("agder")?, "2016".parse()?),
///     figure: PublishedFigure::parse(printed, Unit::Persons, Source::new("IMDi 2016").quote("Agder bosatte 812"))?,
/// };
/// assert_eq!(fact.figure.value(), 812.into());
/// assert_eq!(fact.address.to_string(), "settlement.settled[agder, 2016]");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "opplysning")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Observation {
    /// An id other figures may refer to it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Which figure it is.
    pub address: Address,
    /// What was printed (with its source).
    pub figure: PublishedFigure,
}

/// A printed figure to check against a figure of the document at an address.
///
/// # Example
///
/// ```
/// use bosetting::{Address, Body, BodyId, BodyKind, Document, FigureCheck, Observation, PublishedFigure, Source, Status, Unit};
///
/// let src = |q: &str| Source::new("årsmelding 2020").quote(q);
/// let bodo = BodyId::new("bodo")?;
/// let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("bodo")?, "2020".parse()?)) };
/// let mut doc = Document::new(Source::new("årsmelding 2020"));
/// doc.bodies.push(Body::new(bodo, "Bodø", BodyKind::Municipality { number: "1804".parse()? }, src("Bodø")));
/// doc.facts.push(Observation { id: None, address: at("settlement.decided")?, figure: PublishedFigure::parse("74", Unit::Persons, src("vedtatt 74"))? });
/// doc.facts.push(Observation { id: None, address: at("settlement.settled")?, figure: PublishedFigure::parse("41", Unit::Persons, src("bosatt 41"))? });
///
/// // "33 plasser ble ikke fylt", expected to be reproduced.
/// doc.checks.push(FigureCheck {
///     id: "bodo20.shortfall".into(),
///     label: "Vedtaksplasser som ikke ble fylt".into(),
///     address: at("settlement.shortfall")?,
///     published: PublishedFigure::parse("33", Unit::Persons, src("33 plasser"))?,
///     expect: Some(Status::Reproduced),
/// });
/// let results = doc.check_all()?;
/// assert_eq!(results[0].status, Status::Reproduced);
/// assert!(results[0].is_as_expected());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FigureCheck {
    /// A stable id.
    pub id: String,
    /// What it is.
    pub label: String,
    /// The figure.
    pub address: Address,
    /// What the document printed.
    pub published: PublishedFigure,
    /// The status the file expects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
}

/// One municipality's year, attached to the body it is about.
///
/// # Example
///
/// ```
/// use bosetting::{BodyId, Document, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year, YearView};
///
/// let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// let y = Year::new(2020)?;
/// let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc())));
///
/// let mut document = Document::new(doc());
/// let bodo = BodyId::new("bodo")?;
/// document.years.push(YearView { body: bodo.clone(), year: MunicipalityYear::new(s, doc()) });
/// let view = document.view_of(&bodo).ok_or("a view of Bodø")?;
/// assert_eq!(view.figure(&FigureRef::Settled)?.value.value.exact(), "41");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearView {
    /// The body.
    pub body: BodyId,
    /// The year.
    pub year: MunicipalityYear,
}

/// What one document states: bodies, facts, tables, relations, year views and checks.
///
/// # Example
///
/// ```
/// use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
///
/// let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
/// let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
/// let nation = BodyId::new("norge")?;
/// doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
/// let fact = |m: &str, t: &str| Observation {
///     id: None,
///     address: Address::new(m, nation.clone(), "2018".parse().unwrap()),
///     figure: PublishedFigure::parse(t, Unit::Persons, src(t)).unwrap(),
/// };
/// doc.facts.push(fact("settlement.request", "5 660"));
/// doc.facts.push(fact("settlement.settled", "4 903"));
/// let share = doc.figure(&Address::new("settlement.fulfilment_of_request", nation, "2018".parse()?))?;
/// assert_eq!(share.value.value.exact(), "4903/5660");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "dokument")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The document.
    pub source: Source,
    /// How printed figures are reconciled.
    pub policy: ReconcilePolicy,
    /// The bodies it speaks of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<Body>,
    /// The facts it states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub facts: Vec<Observation>,
    /// Its printed tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<PrintedTable>,
    /// The relations it states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<Relation>,
    /// Printed figures to check at an address.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<FigureCheck>,
    /// Municipality years it describes in full.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub years: Vec<YearView>,
}

impl Document {
    /// An empty document.
    pub fn new(source: Source) -> Document {
        Document {
            source,
            policy: ReconcilePolicy::default(),
            bodies: Vec::new(),
            facts: Vec::new(),
            tables: Vec::new(),
            relations: Vec::new(),
            checks: Vec::new(),
            years: Vec::new(),
        }
    }

    /// The body with that id.
    pub fn body(&self, id: &BodyId) -> Option<&Body> {
        self.bodies.iter().find(|b| &b.id == id)
    }

    /// The municipality year attached to a body.
    pub fn view_of(&self, body: &BodyId) -> Option<&MunicipalityYear> {
        self.years.iter().find(|v| &v.body == body).map(|v| &v.year)
    }

    /// Adds the cells of every table whose address is complete to the facts.
    ///
    /// # Errors
    ///
    /// A row and column that contradict each other.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{AddressPart, BodyId, Cell, Document, PrintedTable, Source, TableColumn, TableRow, Unit};
    ///
    /// let src = Source::new("IMDi, bosetting per fylke").quote("Bosatte 2017");
    /// let mut table = PrintedTable::new("fylker", "Bosatte", Unit::Persons, src.clone(),
    ///     vec![TableColumn { key: "2017".into(), label: "2017".into(), part: Default::default(), total: false, expect: None }],
    ///     vec![TableRow {
    ///         key: "agder".into(), label: "Agder".into(), total: false, expect: None,
    ///         part: AddressPart { body: Some(BodyId::new("agder")?), ..Default::default() },
    ///         cells: vec![Cell::parse("812", Unit::Persons, src.clone())?],
    ///     }])?;
    /// // The table names the measure and the column the year: each cell has a whole address.
    /// table.part.measure = Some("settlement.settled".into());
    /// table.columns[0].part.period = Some("2017".parse()?);
    ///
    /// let mut doc = Document::new(src);
    /// doc.tables.push(table);
    /// doc.add_table_facts()?;
    /// assert_eq!(doc.facts.len(), 1);
    /// assert_eq!(doc.facts[0].address.to_string(), doc.tables[0].addressed_cells()?[0].0.to_string());
    /// assert_eq!(doc.facts[0].figure.text(), "812");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn add_table_facts(&mut self) -> Result<()> {
        let mut extra = Vec::new();
        for t in &self.tables {
            for (address, f) in t.addressed_cells()? {
                extra.push(Observation {
                    id: None,
                    address,
                    figure: f.clone(),
                });
            }
        }
        self.facts.extend(extra);
        Ok(())
    }

    /// Checks that every address names a known measure and body, and that no figure is
    /// stated twice.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the figure, with the nearest known name.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// assert!(doc.validate().is_ok());
    ///
    /// // A misspelt measure is named, with the nearest registered one.
    /// doc.facts.push(Observation { id: None, address: at("settlement.setled")?, figure: PublishedFigure::parse("1", Unit::Persons, src("1"))? });
    /// let err = doc.validate().unwrap_err().to_string();
    /// assert!(err.contains("settlement.settled"), "{err}");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        // The bodies by id, once: every fact's body is looked up here.
        let mut ids = std::collections::BTreeMap::new();
        for b in &self.bodies {
            if ids.insert(&b.id, b).is_some() {
                return Err(Error::invalid("body id", &b.id, "used twice"));
            }
        }
        let known = |a: &Address| -> Result<()> {
            Document::known_measure(a)?;
            if ids.contains_key(&a.body) {
                Ok(())
            } else {
                self.known_body(&a.body)
            }
        };
        for b in &self.bodies {
            if let Some(p) = &b.parent {
                self.known_body(p)?;
                // A body cannot be its own part, however far up.
                let mut seen = std::collections::BTreeSet::new();
                let mut cur = Some(p);
                while let Some(c) = cur {
                    if !seen.insert(c) || c == &b.id {
                        return Err(Error::invalid(
                            "body parent",
                            p,
                            format!("{} would be a part of itself", b.id),
                        ));
                    }
                    cur = ids.get(c).and_then(|x| x.parent.as_ref());
                }
            }
        }
        let mut seen = std::collections::BTreeMap::new();
        for o in &self.facts {
            known(&o.address)?;
            if let Some(prev) = seen.insert(&o.address, &o.figure) {
                if prev.value() != o.figure.value() || prev.unit() != o.figure.unit() {
                    return Err(Error::invalid(
                        "fact",
                        &o.address,
                        format!(
                            "stated twice, as {:?} and {:?}; keep one, or give the other a different body, period or breakdown",
                            prev.text(),
                            o.figure.text()
                        ),
                    ));
                }
            }
        }
        for t in &self.tables {
            t.validate()?;
        }
        for c in &self.checks {
            known(&c.address)?;
        }
        for r in &self.relations {
            for t in &r.terms {
                if let Term::Figure(a) = t {
                    known(a)?;
                }
            }
        }
        Ok(())
    }

    fn known_body(&self, id: &BodyId) -> Result<()> {
        if self.body(id).is_some() {
            return Ok(());
        }
        let near = self
            .bodies
            .iter()
            .map(|b| b.id.as_str())
            .min_by_key(|n| measure::edit_distance(id.as_str(), n));
        Err(Error::invalid(
            "body",
            format!("{:?}", id.as_str()),
            match near {
                Some(n) => format!("no body has that id; did you mean {n:?}?"),
                None => "no body has that id; list it under [[body]]".to_owned(),
            },
        ))
    }

    /// Whether an address names a registered measure and a known body.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the measure or body, with the nearest known name.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// assert!(doc.known(&at("settlement.settled")?).is_ok());
    /// // "vestland" is not one of the document's bodies.
    /// let elsewhere = Address::new("settlement.settled", BodyId::new("vestland")?, "2018".parse()?);
    /// assert!(doc.known(&elsewhere).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn known(&self, a: &Address) -> Result<()> {
        Document::known_measure(a)?;
        self.known_body(&a.body)
    }

    /// Whether an address names a registered measure (its body not looked at).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the measure, with the nearest known name.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Address, BodyId, Document};
    ///
    /// let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("bodo")?, "2020".parse()?)) };
    /// assert!(Document::known_measure(&at("settlement.settled")?).is_ok());
    /// let err = Document::known_measure(&at("settlement.setled")?).unwrap_err();
    /// assert!(err.to_string().contains("did you mean \"settlement.settled\""), "{err}");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn known_measure(a: &Address) -> Result<()> {
        if measure(&a.measure).is_none()
            && year_view::view_figure(&a.measure, &a.breakdown).is_none()
        {
            let near = measure::nearest(&a.measure, measures().map(|m| m.name));
            return Err(Error::invalid(
                "figure",
                format!("{:?}", a.measure),
                match near {
                    Some(n) => format!("no such measure; did you mean {n:?}?"),
                    None => "no such measure; see the list of measures in the facts crate's documentation".to_owned(),
                },
            ));
        }
        Ok(())
    }

    /// The document's lookups built once (its facts by address and id, its bodies by id),
    /// for checking many figures, relations and tables: each is then a few lookups, not a
    /// pass over the document.
    pub fn indexed(&self) -> IndexedDocument<'_> {
        IndexedDocument {
            doc: self,
            resolver: resolve::Resolver::new(self),
            bodies: self.bodies.iter().map(|b| &b.id).collect(),
        }
    }

    /// The figure at `address`, with its explanation.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] when the document neither states nor implies it.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// // Stated: the figure is the printed one.
    /// assert_eq!(doc.figure(&at("settlement.settled")?)?.value.value.exact(), "4903");
    /// // Not stated, nor implied by anything stated.
    /// assert!(doc.figure(&at("settlement.decided")?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn figure(&self, address: &Address) -> Result<Derived<Quantity>> {
        let r = resolve::Resolver::new(self);
        let v = r.value(address)?;
        Ok(Derived::new(
            resolve::quantity(v.span, v.unit),
            v.explanation,
        ))
    }

    /// Checks a printed figure against the figure at its address.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] when the document has no such figure.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// use bosetting::{FigureCheck, Status};
    ///
    /// // "87 prosent av anmodningen": 4 903 of 5 660 is 86.6 %, which rounds to 87.
    /// let check = FigureCheck {
    ///     id: "fulfilment".into(),
    ///     label: "Bosatte i prosent av anmodningen".into(),
    ///     address: at("settlement.fulfilment_of_request")?,
    ///     published: PublishedFigure::parse("87 %", Unit::Percent, src("87 prosent"))?,
    ///     expect: None,
    /// };
    /// let result = doc.check_figure(&check)?;
    /// assert_eq!(result.status, Status::Reproduced);
    /// assert_eq!(result.value.value.exact(), "4903/5660");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_figure(&self, c: &FigureCheck) -> Result<CheckResult> {
        self.check_figure_with(&resolve::Resolver::new(self), c)
    }

    fn check_figure_with(&self, r: &resolve::Resolver<'_>, c: &FigureCheck) -> Result<CheckResult> {
        let v = r.value(&c.address)?;
        let q = resolve::quantity(v.span, v.unit);
        let computed = match v.span.as_point() {
            Some(_) => Computed::from_quantity(&q)?,
            None => {
                // A range is compared in the printed unit: shares as percentages.
                let scale = match c.published.unit() {
                    Unit::Percent | Unit::PercentagePoints => span::Rat::new(100, 1)?,
                    _ => span::Rat::ONE,
                };
                Computed::Range(v.span.mul(span::Span::point(scale))?.to_interval())
            }
        };
        let rec = c.published.reconcile(&computed, &self.policy)?;
        // A figure the document states is not a result: checking the printed figure against
        // it can only find the two printings to disagree, never reproduce anything.
        // A figure the document states is not a result. Checked against the same
        // statement it is an input; against another printing (a condition's bound, another
        // table, another document) the two can agree (consistent: nothing was computed, so
        // nothing is reproduced) or disagree.
        let stated = v.explanation.formula.is_none();
        let quote = |s: Option<&Source>| s.and_then(|s| s.quote.clone()).unwrap_or_default();
        let same_statement = stated
            && quote(v.explanation.source.as_ref()) == quote(Some(c.published.source()))
            && r.stated(&c.address)
                .is_some_and(|f| f.text() == c.published.text());
        let stated_quote = v.explanation.source.as_ref().and_then(|s| s.quote.clone());
        let elsewhere = |id_quoted: &'static str, id_plain: &'static str| {
            Phrase::new(if stated_quote.is_some() {
                id_quoted
            } else {
                id_plain
            })
            .with("value", q.clone())
            .with("address", Arg::verbatim(c.address.to_string()))
            .with(
                "quote",
                Arg::verbatim(stated_quote.clone().unwrap_or_default()),
            )
            .with("printed", Arg::verbatim(c.published.text()))
            .with("why", rec.explanation.clone())
        };
        let (status, text) = match (stated, rec.status) {
            (true, _) if same_statement => (
                Status::Input,
                Phrase::new(
                    "the document states this figure; it is an input here, not a result (check it against figures it is derived from with a relation)",
                ),
            ),
            (true, Status::Inconsistent) => (
                Status::Inconsistent,
                elsewhere(
                    "the document states {value} for {address} («{quote}»), and prints «{printed}» here: the two disagree",
                    "the document states {value} for {address}, and prints «{printed}» here: the two disagree",
                ),
            ),
            (true, _) => (
                Status::Consistent,
                elsewhere(
                    "the document states {value} for {address} («{quote}»), and prints «{printed}» here: the two agree ({why})",
                    "the document states {value} for {address}, and prints «{printed}» here: the two agree ({why})",
                ),
            ),
            (false, s) => (s, rec.explanation),
        };
        Ok(CheckResult {
            id: c.id.clone(),
            label: c.label.clone(),
            value: q,
            published: vec![c.published.clone()],
            status,
            reconciliation: text,
            explanation: v.explanation,
            expected: c.expect,
            relation: None,
        })
    }

    /// Checks a relation over its terms' intervals.
    ///
    /// # Errors
    ///
    /// A term the document has no figure for, or units that do not fit the relation.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// use bosetting::{Relation, RelationKind, Status, Term};
    ///
    /// // "757 færre enn anmodet": request − settled = 757.
    /// let printed = PublishedFigure::parse("757", Unit::Persons, src("757 færre enn anmodet"))?;
    /// let fewer = Relation::new("fewer", "Færre enn anmodet", RelationKind::Difference,
    ///     vec![Term::Figure(at("settlement.request")?), Term::Figure(at("settlement.settled")?), Term::Printed(printed)])?;
    /// assert_eq!(doc.check_relation(&fewer)?.status, Status::Reproduced);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_relation(&self, rel: &Relation) -> Result<CheckResult> {
        self.check_relation_with(&resolve::Resolver::new(self), rel)
    }

    fn check_relation_with(
        &self,
        r: &resolve::Resolver<'_>,
        rel: &Relation,
    ) -> Result<CheckResult> {
        let vals = rel
            .terms
            .iter()
            .enumerate()
            .map(|(i, t)| relation::term_value(r, t, rel.labels.get(i)))
            .collect::<Result<Vec<_>>>()?;
        let v = relation::decide(rel.kind, &rel.label, vals)?;
        Ok(CheckResult {
            id: rel.id.clone(),
            label: rel.label.clone(),
            value: v.solved,
            // What the document printed for the claim: the last term, where it is printed
            // (the other terms are in the explanation).
            published: rel
                .terms
                .last()
                .and_then(|t| match t {
                    Term::Printed(f) => Some(f),
                    Term::Fact(id) => r.stated_fact(id),
                    Term::Figure(a) => r.stated(a),
                })
                .cloned()
                .into_iter()
                .collect(),
            status: v.status,
            reconciliation: v.text,
            explanation: v.explanation,
            expected: rel.expect,
            relation: Some(v.data),
        })
    }

    /// The relations a table's totals state: each total row against the other rows, column
    /// by column, and each total column against the other columns, row by row.
    ///
    /// # Errors
    ///
    /// A cell that cannot be read.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Cell, Document, PrintedTable, Source, Status, TableColumn, TableRow, Unit};
    /// let src = Source::new("Budsjettoppfølging 2024").quote("Avvik per enhet");
    /// let cell = |t: &str| Cell::parse(t, Unit::Kroner, src.clone());
    /// let column = TableColumn { key: "avvik".into(), label: "Avvik".into(), part: Default::default(), total: false, expect: None };
    /// let row = |key: &str, printed: &str, total| -> bosetting::Result<TableRow> {
    ///     Ok(TableRow { key: key.into(), label: key.into(), part: Default::default(), total, cells: vec![cell(printed)?], expect: None })
    /// };
    /// let table = PrintedTable::new("avvik", "Avvik per enhet", Unit::Kroner, src.clone(), vec![column],
    ///     vec![row("a", "1,2 mill", false)?, row("b", "2,4 mill", false)?, row("sum", "3,4 mill", true)?])?;
    /// let doc = Document::new(src.clone());
    /// # use bosetting::RelationKind;
    ///
    /// // One total row and one column: one sum, a + b = sum.
    /// let relations = doc.table_relations(&table)?;
    /// assert_eq!(relations.len(), 1);
    /// assert_eq!(relations[0].kind, RelationKind::Sum);
    /// assert_eq!(relations[0].id, "avvik.sum.avvik");
    /// assert_eq!(relations[0].terms.len(), 3);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn table_relations(&self, t: &PrintedTable) -> Result<Vec<Relation>> {
        let term = |c: &Cell| -> Term {
            match c {
                Cell::Printed(f) => Term::Printed(f.clone()),
                // A suppressed or missing part stands for any amount of 0 or more.
                _ => Term::Printed(
                    PublishedFigure::exact(rust_decimal::Decimal::ZERO, t.unit, t.source.clone())
                        .with_qualifier(crate::published::Qualifier::AtLeast)
                        .with_text(c.text()),
                ),
            }
        };
        let mut out = Vec::new();
        for tr in t.rows.iter().filter(|r| r.total) {
            for (j, col) in t.columns.iter().enumerate() {
                let Some(total) = tr.cells.get(j) else {
                    continue;
                };
                if !matches!(total, Cell::Printed(_)) {
                    continue;
                }
                let parts: Vec<&TableRow> = t.rows.iter().filter(|r| !r.total).collect();
                let mut terms: Vec<Term> = parts
                    .iter()
                    .filter_map(|r| r.cells.get(j))
                    .map(term)
                    .collect();
                if terms.is_empty() {
                    continue;
                }
                terms.push(term(total));
                let labels = parts
                    .iter()
                    .chain(std::iter::once(&tr))
                    .map(|r| format!("{}, {}", r.label, col.label))
                    .collect();
                out.push(Relation {
                    id: format!("{}.{}.{}", t.id, tr.key, col.key),
                    label: format!("{}: {} – {}", t.title, tr.label, col.label),
                    kind: RelationKind::Sum,
                    terms,
                    expect: col.expect.or(tr.expect).or(t.expect),
                    labels,
                });
            }
        }
        let parts: Vec<usize> = (0..t.columns.len())
            .filter(|&j| t.columns.get(j).is_some_and(|c| !c.total))
            .collect();
        for (j, col) in t.columns.iter().enumerate().filter(|(_, c)| c.total) {
            for row in &t.rows {
                let Some(total @ Cell::Printed(_)) = row.cells.get(j) else {
                    continue;
                };
                let mut terms: Vec<Term> = parts
                    .iter()
                    .filter_map(|&k| row.cells.get(k))
                    .map(term)
                    .collect();
                if terms.is_empty() {
                    continue;
                }
                terms.push(term(total));
                let labels = parts
                    .iter()
                    .filter_map(|&k| t.columns.get(k))
                    .chain(std::iter::once(col))
                    .map(|c| format!("{}, {}", row.label, c.label))
                    .collect();
                out.push(Relation {
                    id: format!("{}.{}.{}", t.id, row.key, col.key),
                    label: format!("{}: {} – {}", t.title, row.label, col.label),
                    kind: RelationKind::Sum,
                    terms,
                    expect: row.expect.or(col.expect).or(t.expect),
                    labels,
                });
            }
        }
        // A grand total is checked by its row and by its column: keep both, with distinct ids.
        let mut seen = std::collections::BTreeMap::new();
        for r in &mut out {
            let n = seen.entry(r.id.clone()).or_insert(0_u32);
            *n = n.saturating_add(1);
            if *n > 1 {
                r.id = format!("{}#{n}", r.id);
            }
        }
        Ok(out)
    }

    /// Checks a table's printed totals against its printed parts.
    ///
    /// # Errors
    ///
    /// As [`Document::check_relation`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Cell, Document, PrintedTable, Source, Status, TableColumn, TableRow, Unit};
    /// let src = Source::new("Budsjettoppfølging 2024").quote("Avvik per enhet");
    /// let cell = |t: &str| Cell::parse(t, Unit::Kroner, src.clone());
    /// let column = TableColumn { key: "avvik".into(), label: "Avvik".into(), part: Default::default(), total: false, expect: None };
    /// let row = |key: &str, printed: &str, total| -> bosetting::Result<TableRow> {
    ///     Ok(TableRow { key: key.into(), label: key.into(), part: Default::default(), total, cells: vec![cell(printed)?], expect: None })
    /// };
    /// let table = PrintedTable::new("avvik", "Avvik per enhet", Unit::Kroner, src.clone(), vec![column],
    ///     vec![row("a", "1,2 mill", false)?, row("b", "2,4 mill", false)?, row("sum", "3,4 mill", true)?])?;
    /// let doc = Document::new(src.clone());
    ///
    /// // 1,2 mill + 2,4 mill is at least 3,5 mill: the printed total "3,4 mill" cannot be right.
    /// let checks = doc.check_table(&table)?;
    /// assert_eq!(checks.len(), 1);
    /// assert_eq!(checks[0].status, Status::Inconsistent);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_table(&self, t: &PrintedTable) -> Result<Vec<CheckResult>> {
        let r = resolve::Resolver::new(self);
        self.table_relations(t)?
            .iter()
            .map(|rel| self.check_relation_with(&r, rel))
            .collect()
    }

    /// Every check of the document, in order: the year views' checks are the caller's
    /// (they carry [`CheckSpec`]s); these are the figure checks, the tables' totals and the
    /// relations. A check that cannot be computed is reported with its id.
    ///
    /// # Errors
    ///
    /// The first check that cannot be computed, with its id.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// use bosetting::{FigureCheck, Relation, RelationKind, Status, Term};
    ///
    /// doc.checks.push(FigureCheck {
    ///     id: "settled".into(),
    ///     label: "Bosatte".into(),
    ///     address: at("settlement.settled")?,
    ///     published: PublishedFigure::parse("4 903", Unit::Persons, src("4 903"))?,
    ///     expect: None,
    /// });
    /// let printed = PublishedFigure::parse("757", Unit::Persons, src("757 færre enn anmodet"))?;
    /// doc.relations.push(Relation::new("fewer", "Færre enn anmodet", RelationKind::Difference,
    ///     vec![Term::Figure(at("settlement.request")?), Term::Figure(at("settlement.settled")?), Term::Printed(printed)])?);
    ///
    /// let results = doc.check_all()?;
    /// let statuses: Vec<_> = results.iter().map(|r| (r.id.as_str(), r.status)).collect();
    /// // The stated figure checked against its own statement is an input; the relation holds.
    /// assert_eq!(statuses, [("settled", Status::Input), ("fewer", Status::Reproduced)]);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_all(&self) -> Result<Vec<CheckResult>> {
        let r = resolve::Resolver::new(self);
        let named = |id: &str, e: Error| Error::InvalidValue {
            field: format!("check {id}"),
            value: String::new(),
            reason: e.to_string(),
        };
        let mut out = Vec::new();
        for c in &self.checks {
            out.push(self.check_figure_with(&r, c).map_err(|e| named(&c.id, e))?);
        }
        for t in &self.tables {
            for rel in self.table_relations(t)? {
                out.push(
                    self.check_relation_with(&r, &rel)
                        .map_err(|e| named(&rel.id, e))?,
                );
            }
        }
        for rel in &self.relations {
            out.push(
                self.check_relation_with(&r, rel)
                    .map_err(|e| named(&rel.id, e))?,
            );
        }
        Ok(out)
    }

    /// Checks a year view's [`CheckSpec`] (the v1 checks).
    ///
    /// # Errors
    ///
    /// As [`MunicipalityYear::check`]; an error if the body has no year view.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{
    ///     Body, BodyId, BodyKind, CheckKind, CheckSpec, Decision, Document, Fact, FigureRef, Municipality,
    ///     MunicipalityYear, PublishedFigure, Settled, SettlementYear, Source, Status, Unit, Year, YearView,
    /// };
    ///
    /// let src = || Source::new("Bodø kommune, årsrapport 2020");
    /// let year = Year::new(2020)?;
    /// let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
    /// s.decisions.push(Decision::base(74, src().quote("vedtatt 74")));
    /// s.settled = Some(Settled::new(year.period()).with_total(Fact::new(41, src().quote("bosatte 41"))));
    ///
    /// let bodo = BodyId::new("bodo")?;
    /// let mut doc = Document::new(src());
    /// doc.bodies.push(Body::new(bodo.clone(), "Bodø", BodyKind::Municipality { number: "1804".parse()? }, src()));
    /// doc.years.push(YearView { body: bodo.clone(), year: MunicipalityYear::new(s, src()) });
    ///
    /// let spec = CheckSpec {
    ///     id: "bodo20.shortfall".into(),
    ///     label: "Vedtaksplasser som ikke ble fylt".into(),
    ///     figure: FigureRef::Shortfall,
    ///     kind: CheckKind::Derived,
    ///     published: vec![PublishedFigure::parse("33", Unit::Persons, src().quote("33 færre"))?],
    ///     verdict: None,
    ///     expect: None,
    /// };
    /// assert_eq!(doc.check_year(&bodo, &spec)?.status, Status::Reproduced);
    /// // A body without a year view has nothing to check.
    /// assert!(doc.check_year(&BodyId::new("drammen")?, &spec).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_year(&self, body: &BodyId, spec: &CheckSpec) -> Result<CheckResult> {
        self.view_of(body)
            .ok_or_else(|| {
                Error::not_computable(
                    format!("check {}", spec.id),
                    format!("{body} has no year view"),
                )
            })?
            .check(spec)
    }
}

/// A [`Document`] with its lookups built once ([`Document::indexed`]).
///
/// # Example
///
/// ```
/// use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
///
/// let src = |q: &str| Source::new("IMDi 2016").quote(q);
/// let mut doc = Document::new(Source::new("IMDi 2016"));
/// let mut addresses = Vec::new();
/// for (id, settled) in [("agder", "812"), ("rogaland", "1 204")] {
///     doc.bodies.push(Body::new(BodyId::new(id)?, id, BodyKind::County { number: None }, src(id)));
///     let address = Address::new("settlement.settled", BodyId::new(id)?, "2016".parse()?);
///     doc.facts.push(Observation { id: None, address: address.clone(), figure: PublishedFigure::parse(settled, Unit::Persons, src(settled))? });
///     addresses.push(address);
/// }
/// // Built once; then each figure is a few lookups.
/// let ix = doc.indexed();
/// let settled: Vec<String> = addresses.iter().map(|a| Ok(ix.figure(a)?.value.value.exact())).collect::<bosetting::Result<_>>()?;
/// assert_eq!(settled, ["812", "1204"]);
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// # Threads
///
/// It is [`Send`] but not [`Sync`]: while it resolves a figure it keeps the figures being
/// derived further up (so that a figure derived from itself stops, rather than recursing
/// for ever) in a `RefCell`, and two threads resolving through one index at once would see
/// each other's. To check one document on several threads, give each thread its own index
/// (`doc.indexed()`, whose lookups borrow the document rather than copy it); moving an
/// index to another thread is fine.
///
/// ```
/// fn send<T: Send>() {}
/// send::<bosetting::IndexedDocument<'static>>();
/// ```
///
/// ```compile_fail,E0277
/// fn sync<T: Sync>() {}
/// sync::<bosetting::IndexedDocument<'static>>();
/// ```
pub struct IndexedDocument<'a> {
    doc: &'a Document,
    resolver: resolve::Resolver<'a>,
    bodies: std::collections::BTreeSet<&'a BodyId>,
}

impl std::fmt::Debug for IndexedDocument<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexedDocument")
            .field("document", &self.doc.source.document)
            .finish_non_exhaustive()
    }
}

impl<'a> IndexedDocument<'a> {
    /// The document.
    pub fn document(&self) -> &'a Document {
        self.doc
    }

    /// As [`Document::known`].
    ///
    /// # Errors
    ///
    /// As [`Document::known`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// let ix = doc.indexed();
    /// assert!(ix.known(&at("settlement.request")?).is_ok());
    /// assert!(ix.known(&at("settlement.no_such_measure")?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn known(&self, a: &Address) -> Result<()> {
        Document::known_measure(a)?;
        if self.bodies.contains(&a.body) {
            Ok(())
        } else {
            self.doc.known_body(&a.body)
        }
    }

    /// Whether a fact has that id.
    pub fn has_fact(&self, id: &str) -> bool {
        self.resolver.stated_fact(id).is_some()
    }

    /// As [`Document::figure`].
    ///
    /// # Errors
    ///
    /// As [`Document::figure`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// let ix = doc.indexed();
    /// // Derived by the measure's formula: settled / request.
    /// assert_eq!(ix.figure(&at("settlement.fulfilment_of_request")?)?.value.value.exact(), "4903/5660");
    /// assert_eq!(ix.figure(&at("settlement.settled")?)?.value.value.exact(), "4903");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn figure(&self, address: &Address) -> Result<Derived<Quantity>> {
        let v = self.resolver.value(address)?;
        Ok(Derived::new(
            resolve::quantity(v.span, v.unit),
            v.explanation,
        ))
    }

    /// As [`Document::check_figure`].
    ///
    /// # Errors
    ///
    /// As [`Document::check_figure`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// use bosetting::{FigureCheck, Status};
    ///
    /// let ix = doc.indexed();
    /// let check = |printed: &str| -> bosetting::Result<FigureCheck> {
    ///     Ok(FigureCheck {
    ///         id: "fulfilment".into(),
    ///         label: "Bosatte i prosent av anmodningen".into(),
    ///         address: at("settlement.fulfilment_of_request")?,
    ///         published: PublishedFigure::parse(printed, Unit::Percent, src(printed))?,
    ///         expect: None,
    ///     })
    /// };
    /// assert_eq!(ix.check_figure(&check("87 %")?)?.status, Status::Reproduced);
    /// assert_eq!(ix.check_figure(&check("90 %")?)?.status, Status::Inconsistent);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_figure(&self, c: &FigureCheck) -> Result<CheckResult> {
        self.doc.check_figure_with(&self.resolver, c)
    }

    /// As [`Document::check_relation`].
    ///
    /// # Errors
    ///
    /// As [`Document::check_relation`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Source, Unit};
    /// # let src = |q: &str| Source::new("IMDi, bosetting 2018").quote(q);
    /// # let mut doc = Document::new(Source::new("IMDi, bosetting 2018"));
    /// # let nation = BodyId::new("norge")?;
    /// # doc.bodies.push(Body::new(nation.clone(), "Hele landet", BodyKind::Nation, src("Totalt")));
    /// # let at = |m: &str| -> bosetting::Result<Address> { Ok(Address::new(m, BodyId::new("norge")?, "2018".parse()?)) };
    /// # for (m, t) in [("settlement.request", "5 660"), ("settlement.settled", "4 903")] {
    /// #     doc.facts.push(Observation { id: None, address: at(m)?, figure: PublishedFigure::parse(t, Unit::Persons, src(t))? });
    /// # }
    /// use bosetting::{Relation, RelationKind, Status, Term};
    ///
    /// let ix = doc.indexed();
    /// // "87 prosent": settled / request = 87 %.
    /// let printed = PublishedFigure::parse("87 %", Unit::Percent, src("87 prosent"))?;
    /// let share = Relation::new("share", "Andel av anmodningen", RelationKind::Share,
    ///     vec![Term::Figure(at("settlement.settled")?), Term::Figure(at("settlement.request")?), Term::Printed(printed)])?;
    /// assert_eq!(ix.check_relation(&share)?.status, Status::Reproduced);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_relation(&self, rel: &Relation) -> Result<CheckResult> {
        self.doc.check_relation_with(&self.resolver, rel)
    }

    /// As [`Document::check_table`].
    ///
    /// # Errors
    ///
    /// As [`Document::check_table`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Cell, Document, PrintedTable, Source, Status, TableColumn, TableRow, Unit};
    /// let src = Source::new("Budsjettoppfølging 2024").quote("Avvik per enhet");
    /// let cell = |t: &str| Cell::parse(t, Unit::Kroner, src.clone());
    /// let column = TableColumn { key: "avvik".into(), label: "Avvik".into(), part: Default::default(), total: false, expect: None };
    /// let row = |key: &str, printed: &str, total| -> bosetting::Result<TableRow> {
    ///     Ok(TableRow { key: key.into(), label: key.into(), part: Default::default(), total, cells: vec![cell(printed)?], expect: None })
    /// };
    /// let table = PrintedTable::new("avvik", "Avvik per enhet", Unit::Kroner, src.clone(), vec![column],
    ///     vec![row("a", "1,2 mill", false)?, row("b", "2,4 mill", false)?, row("sum", "3,4 mill", true)?])?;
    /// let doc = Document::new(src.clone());
    ///
    /// let ix = doc.indexed();
    /// let checks = ix.check_table(&table)?;
    /// assert_eq!(checks.iter().map(|c| c.status).collect::<Vec<_>>(), [Status::Inconsistent]);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_table(&self, t: &PrintedTable) -> Result<Vec<CheckResult>> {
        self.doc
            .table_relations(t)?
            .iter()
            .map(|rel| self.doc.check_relation_with(&self.resolver, rel))
            .collect()
    }
}
