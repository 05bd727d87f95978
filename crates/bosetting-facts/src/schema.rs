//! The facts file's schema: what a municipality writes down about its year.
//!
//! Every fact carries the phrase it was read from (`quote`) and, optionally, another
//! document than the file's own (`source`). Published figures are written as the document
//! printed them (`"0,7 mill kr"`, `"71%"`, `"cirka 280"`) and read by the model.

use bosetting::{
    Category, CheckKind, DecisionKind, DecisionStatus, DwellingKind, FigureRef, GoalStatus,
    Measure, Origin, Outcome, Qualifier, RelationKind, RoundingRule, Sponsor, Status, Unit,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schema identifier this crate writes: `bosetting-facts/2`.
pub const SCHEMA: &str = "bosetting-facts/2";

/// The first schema, still read: every `bosetting-facts/1` file is a `bosetting-facts/2`
/// file about one municipality's year (see [`crate::upgrade`]).
pub const SCHEMA_V1: &str = "bosetting-facts/1";

/// A whole facts file.
///
/// # Example
///
/// ```
/// use bosetting_facts::{Facts, SCHEMA};
///
/// let text = r#"
/// schema = "bosetting-facts/2"
///
/// [document]
/// id = "demo"
/// file = "årsrapport-2020.pdf"
/// title = "Årsrapport 2020"
/// municipality = { number = "1804", name = "Bodø" }
/// year = 2020
///
/// [[decision]]
/// places = 74
/// quote = "vedtatt 74 flyktninger"
/// "#;
/// let facts = Facts::from_toml_str(text, "demo.toml")?;
/// let file = &facts.file;
/// assert_eq!(file.schema, SCHEMA);
/// assert_eq!(file.decision.len(), 1);
/// assert!(file.check.is_empty());
/// // Written back, the file reads the same.
/// let again = Facts::from_toml_str(&facts.to_toml_string()?, "again.toml")?;
/// assert_eq!(&again.file, file);
/// # Ok::<(), bosetting_facts::FactsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    /// `"bosetting-facts/2"` (or `"bosetting-facts/1"`, read the same way).
    pub schema: String,
    /// The document the facts come from, and whose year it is.
    pub document: DocumentSpec,
    /// How published figures are reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicySpec>,
    /// IMDi's request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestSpec>,
    /// The council's decisions, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decision: Vec<DecisionSpec>,
    /// Persons settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<SettledSpec>,
    /// Family reunification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<FamilySpec>,
    /// Housing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<HousingSpec>,
    /// The introduction programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<ProgrammeSpec>,
    /// Goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goal: Vec<GoalSpec>,
    /// Staffing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staffing: Vec<StaffingSpec>,
    /// Counted activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity: Vec<ActivitySpec>,
    /// Offers and their take-up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uptake: Vec<UptakeSpec>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetSpec>,
    /// Forecasts against outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forecast: Vec<ForecastSpec>,
    /// The service's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_result: Option<ServiceResultSpec>,
    /// The refugee fund's ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund: Option<FundSpec>,
    /// Rows of a multi-year table (request, decision, settled per year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistorySpec>,
    /// National figures the document quotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub national: Vec<NationalSpec>,
    /// Funded projects listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub project: Vec<ProjectSpec>,
    /// Rules the document states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule: Vec<RuleSpec>,
    /// Published figures to check against the model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<CheckFileSpec>,
    /// The bodies the document speaks of, besides its municipality (v2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub body: Vec<BodySpec>,
    /// Facts about any body and period, as printed (v2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fact: Vec<FactSpec>,
    /// Printed tables with their totals (v2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub table: Vec<TableSpec>,
    /// Relations the document states between figures (v2).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub relation: Vec<RelationSpec>,
}

/// A body the document speaks of (v2).
///
/// ```toml
/// [[body]]
/// id = "agder"
/// name = "Agder"
/// kind = "county"
/// number = "42"
/// quote = "Agder"
///
/// [[body]]
/// id = "flyktningkontoret"
/// name = "Flyktningkontoret"
/// kind = "unit"
/// part_of = "kristiansand"
/// quote = "Flyktningkontoret hadde et merforbruk på 1,2 mill"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BodySpec {
    /// The id facts refer to it by: lowercase letters, digits, `-` and `_`.
    pub id: String,
    /// Its name as printed.
    pub name: String,
    /// `municipality`, `unit`, `county`, `nation` or `other`.
    pub kind: BodyKindSpec,
    /// A municipality's four-digit number (required for a municipality), or a county's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The body it is a part of; its additive figures add up to the parent's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub part_of: Option<String>,
    /// The phrase it is named in.
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A body's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BodyKindSpec {
    /// A municipality.
    Municipality,
    /// A unit of a municipality.
    Unit,
    /// A county.
    County,
    /// The nation.
    Nation,
    /// Anything else.
    Other,
}

/// Where a figure sits: measure, body, period and breakdown (v2). In a fact, a check and a
/// relation's term; body and period default to the document's municipality and year.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AddressSpec {
    /// The body's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `"2016"`, `"2014-2016"`, `"2017-T1"` or `"2024-09-01"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `ordinary` or `unaccompanied-minor`; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl AddressSpec {
    pub(crate) fn is_empty(&self) -> bool {
        *self == AddressSpec::default()
    }
}

/// A fact about any body and period, as printed (v2).
///
/// ```toml
/// [[fact]]
/// id = "settled_2018"
/// figure = "settlement.settled"
/// body = "norge"
/// period = "2018"
/// published = "4 903"
/// unit = "persons"
/// quote = "Totalt 4 903"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactSpec {
    /// An id relations may refer to it by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The measure (see the list in [`crate::measures`]).
    pub figure: String,
    /// The body's id (default: the document's municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `"2016"`, `"2014-2016"`, `"2017-T1"` or `"2024-09-01"` (default: the document's year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `ordinary` or `unaccompanied-minor`; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// As printed.
    pub published: String,
    /// The unit of the printed text.
    pub unit: Unit,
    /// Overrides the qualifier read from the words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The phrase.
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A printed table with its totals (v2). Cells are written as printed; `"-"` is nil,
/// `":"` suppressed, `".."` not available. Every `total = true` row is checked against the
/// other rows, column by column, and every total column against the other columns.
///
/// ```toml
/// [[table]]
/// id = "imdi2018"
/// title = "Bosatte 2018 etter kategori"
/// unit = "persons"
/// figure = "settlement.settled"
/// body = "norge"
/// quote = "Tabell 1"
/// expect = "reproduced"
/// columns = [
///     { key = "2017", label = "2017", period = "2017" },
///     { key = "2018", label = "2018", period = "2018" },
/// ]
/// [[table.row]]
/// key = "em"
/// label = "Enslige mindreårige"
/// category = "unaccompanied-minor"
/// cells = ["759", "165"]
/// [[table.row]]
/// key = "total"
/// label = "Totalt"
/// total = true
/// cells = ["11 078", "4 903"]
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpec {
    /// A stable id (check ids are `table.row.column`).
    pub id: String,
    /// The caption as printed.
    pub title: String,
    /// The unit of every cell.
    pub unit: Unit,
    /// The measure of every cell, unless a row or column says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    /// The body's id (default: the document's municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `"2016"`, `"2014-2016"`, `"2017-T1"` or `"2024-09-01"` (default: the document's year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `ordinary` or `unaccompanied-minor`; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// The columns.
    pub columns: Vec<ColumnSpec>,
    /// The rows.
    #[serde(default)]
    pub row: Vec<RowSpec>,
    /// The status every total check must have, unless a row says otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
    /// The phrase (the caption or the total row as printed).
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A table column (v2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// A short key.
    pub key: String,
    /// The heading as printed.
    pub label: String,
    /// The measure of its cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    /// The body's id (default: the document's municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `"2016"`, `"2014-2016"`, `"2017-T1"` or `"2024-09-01"` (default: the document's year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `ordinary` or `unaccompanied-minor`; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Whether it is a printed total of the other columns.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total: bool,
    /// The status the total row's check in this column must have (overrides the table's
    /// and the row's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
}

/// A table row (v2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowSpec {
    /// A short key.
    pub key: String,
    /// The row's label as printed.
    pub label: String,
    /// The measure of its cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    /// The body's id (default: the document's municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `"2016"`, `"2014-2016"`, `"2017-T1"` or `"2024-09-01"` (default: the document's year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `ordinary` or `unaccompanied-minor`; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Whether it is a printed total of the other rows.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub total: bool,
    /// The cells as printed, one per column.
    pub cells: Vec<String>,
    /// The status this row's total checks must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
}

/// A relation the document states between figures (v2).
///
/// ```toml
/// [[relation]]
/// id = "em_share"
/// label = "13 av 68 deltakere (19 %)"
/// kind = "share"
/// quote = "13 (19 %)"
/// expect = "reproduced"
/// terms = [
///     { figure = "programme.exits", group = "arbeid" },
///     { fact = "exits_2023" },
///     { published = "19 %", unit = "percent" },
/// ]
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RelationSpec {
    /// A stable id.
    pub id: String,
    /// What it says.
    pub label: String,
    /// `sum`, `difference`, `share`, `ratio`, `change`, `change-relative` or
    /// `change-points`.
    pub kind: RelationKind,
    /// The terms in the kind's order; the last is the one the others give.
    pub terms: Vec<TermSpec>,
    /// The status the check must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
    /// The phrase that states the relation (the quote of printed terms without their own).
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A term of a relation: a figure, a fact by id, or a figure printed only here (v2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TermSpec {
    /// A measure, with `body`, `period` and breakdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub figure: Option<String>,
    /// The body's id (default: the document's municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `"2016"`, `"2014-2016"`, `"2017-T1"` or `"2024-09-01"` (default: the document's year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `ordinary` or `unaccompanied-minor`; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// A fact's id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fact: Option<String>,
    /// A figure as printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The printed figure's unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<Unit>,
    /// Overrides the qualifier read from the words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The phrase, if not the relation's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

/// A decimal written as a number (`2.5`) or as text, with a decimal point or comma
/// (`"2.5"`, `"2,5"`): Norwegian documents print commas, and an analyst copies them.
fn nb_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Num {
        Text(String),
        Int(i64),
        Float(f64),
    }
    let bad =
        |v: &str| serde::de::Error::custom(format!("{v:?} is not a decimal: write 2.5 or \"2,5\""));
    Ok(Some(match Num::deserialize(d)? {
        Num::Text(t) => {
            let clean: String = t
                .trim()
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .map(|c| if c == ',' { '.' } else { c })
                .collect();
            Decimal::from_str_exact(&clean).map_err(|_| bad(&t))?
        }
        Num::Int(i) => Decimal::from(i),
        // A TOML float is already binary: take its shortest decimal form.
        Num::Float(f) => {
            Decimal::from_str_exact(&f.to_string()).map_err(|_| bad(&f.to_string()))?
        }
    }))
}

fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    bosetting::serde_date::optional_date(d)
}

/// The document, the municipality and the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSpec {
    /// A short identifier (`bodo_2020`).
    pub id: String,
    /// The document's file name or address, as cited in sources.
    pub file: String,
    /// The document's title.
    pub title: String,
    /// The document's date.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// The municipality whose year the file describes (required in v1; in v2 absent for a
    /// document about other bodies, such as IMDi's national tables).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<MunicipalitySpec>,
    /// The year the facts are about (required with a municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The last day the settled counts cover ("per 1. tertial": 30 April); the year's end if
    /// absent.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub counted_until: Option<NaiveDate>,
}

/// A municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalitySpec {
    /// The id facts, tables and relations refer to it by (v2; default: its name in
    /// lowercase ASCII, "Bodø" → "bodo").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Four digits (`"1804"`).
    pub number: String,
    /// The name.
    pub name: String,
    /// Earlier numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<FormerSpec>,
}

/// An earlier municipality number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerSpec {
    /// Four digits.
    pub number: String,
    /// The last year it was used.
    pub until: i32,
}

/// Reconciliation parameters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySpec {
    /// The rounding rule the document is assumed to use (default `half-up`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RoundingRule>,
    /// Half-width of "cirka" as a percentage of the value (default 10).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub approximate_percent: Option<Decimal>,
    /// How far above its number "vel", "drøyt", "over" may reach, as a percentage of the
    /// number (default 50): "vel 70" stands for (70, 105].
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub more_than_percent: Option<Decimal>,
    /// How far below its number "under", "knapt", "nesten" may reach, as a percentage of the
    /// number, from 0 to 100 (default 50): "under 10" stands for [5, 10).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub less_than_percent: Option<Decimal>,
}

/// A count with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountSpec {
    /// The count.
    pub value: u32,
    /// The phrase it was read from.
    pub quote: String,
    /// Another document than the file's own, if it comes from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A named count with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedCountSpec {
    /// What is counted.
    pub name: String,
    /// The count.
    pub value: u32,
    /// The phrase it was read from.
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An amount (or another published figure used as an input), as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountSpec {
    /// As printed (`"28,6 mill."`, `"-1,6 mill kr"`).
    pub published: String,
    /// The phrase it was read from.
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// IMDi's request and its revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// The original request.
    pub original: RequestFiguresSpec,
    /// Revisions, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revision: Vec<RequestFiguresSpec>,
}

/// One request or revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestFiguresSpec {
    /// Persons in all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// Of these, EM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<u32>,
    /// When.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Places: a number, `{ up_to = 700 }` or `{ min = 50, max = 70 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PlacesSpec {
    /// Exactly.
    Exactly(u32),
    /// Up to.
    UpTo {
        /// The most.
        up_to: u32,
    },
    /// A range.
    Range {
        /// The least.
        min: u32,
        /// The most.
        max: u32,
    },
}

impl<'de> Deserialize<'de> for PlacesSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PlacesSpec, D::Error> {
        use serde::de::Error as _;
        let v = serde_json::Value::deserialize(d)?;
        let count = |v: &serde_json::Value| -> Option<u32> {
            v.as_u64().and_then(|n| u32::try_from(n).ok())
        };
        let expected =
            "expected a whole number of places (74), { up_to = N } or { min = N, max = N }";
        match &v {
            serde_json::Value::Number(_) => count(&v)
                .map(PlacesSpec::Exactly)
                .ok_or_else(|| D::Error::custom(format!("{v} places: {expected}"))),
            serde_json::Value::Object(m) => {
                let get = |k: &str| m.get(k).and_then(count);
                match (get("up_to"), get("min"), get("max"), m.len()) {
                    (Some(up_to), None, None, 1) => Ok(PlacesSpec::UpTo { up_to }),
                    (None, Some(min), Some(max), 2) => Ok(PlacesSpec::Range { min, max }),
                    _ => Err(D::Error::custom(format!("{v}: {expected}"))),
                }
            }
            _ => Err(D::Error::custom(format!("{v}: {expected}"))),
        }
    }
}

/// EM places in an age band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmBandSpec {
    /// Youngest.
    pub min_age: u8,
    /// Oldest.
    pub max_age: u8,
    /// Places.
    pub places: u32,
}

/// A decision condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// Family-reunified persons on top, up to this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_on_top_up_to: Option<u32>,
    /// Whether an excess is deducted from next year's number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excess_deducted_next_year: bool,
    /// Any other condition, in the council's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A council decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSpec {
    /// `base` (default), `additional` or `replacement`.
    #[serde(default = "base_kind", skip_serializing_if = "is_base")]
    pub kind: DecisionKind,
    /// `adopted` (default) or `proposed`.
    #[serde(default, skip_serializing_if = "is_adopted")]
    pub status: DecisionStatus,
    /// The places.
    pub places: PlacesSpec,
    /// EM places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<u32>,
    /// EM places by age band.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub em_band: Vec<EmBandSpec>,
    /// When.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// Conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<ConditionSpec>,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn base_kind() -> DecisionKind {
    DecisionKind::Base
}

fn is_base(k: &DecisionKind) -> bool {
    *k == DecisionKind::Base
}

fn is_adopted(s: &DecisionStatus) -> bool {
    *s == DecisionStatus::Adopted
}

/// Persons of a category from an origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginSpec {
    /// `ordinary` or `unaccompanied-minor`.
    pub category: Category,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    pub origin: Origin,
    /// How many.
    pub value: u32,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Persons settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettledSpec {
    /// In all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<CountSpec>,
    /// On the ordinary quota.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinary: Option<CountSpec>,
    /// EM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<CountSpec>,
    /// EM with an escorting adult (part of the ordinary count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escorted_em: Option<CountSpec>,
    /// By category and origin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin: Vec<OriginSpec>,
    /// Named groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<NamedCountSpec>,
}

/// Family cases joining a kind of sponsor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SponsorSpec {
    /// `unaccompanied-minor`, `refugee`, `humanitarian-permit` or `unknown`.
    pub sponsor: Sponsor,
    /// Families.
    pub value: u32,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Family reunification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilySpec {
    /// Persons (only when the document gives an exact count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<CountSpec>,
    /// Families (cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub families: Option<CountSpec>,
    /// Families by sponsor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_sponsor: Vec<SponsorSpec>,
}

/// Dwellings of a kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DwellingSpec {
    /// `municipal`, `private-contract`, `agreed-self-settlement`, `shared-home-em` or
    /// `unspecified`.
    pub kind: DwellingKind,
    /// How many.
    pub count: u32,
    /// Planned persons per dwelling (a decimal string, `"2.5"`).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub persons_per_dwelling: Option<Decimal>,
    /// Where the document does not print the persons per dwelling: why the analyst assumes
    /// it. The figure is then an assumption in every report, and a check computed from it
    /// against the printed figure it was read off is a restatement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Housing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HousingSpec {
    /// Dwellings by kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dwellings: Vec<DwellingSpec>,
    /// EM places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em_places: Option<CountSpec>,
}

/// Exits to one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSpec {
    /// The outcome (`work`, `upper-secondary`, `primary-school`, …).
    pub outcome: Outcome,
    /// How many.
    pub value: u32,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The report's indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// `direct-transition` (default) or `one-year-after`.
    #[serde(default = "direct", skip_serializing_if = "is_direct")]
    pub measure: Measure,
    /// Whether adult primary school counts as education.
    pub include_primary_school: bool,
    /// The phrase that says so.
    pub quote: String,
}

fn direct() -> Measure {
    Measure::DirectTransition
}

fn is_direct(m: &Measure) -> bool {
    *m == Measure::DirectTransition
}

/// A printed rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateSpec {
    /// What it is of.
    pub label: String,
    /// The outcomes it counts.
    pub outcomes: Vec<Outcome>,
    /// As printed (`"19 prosent"`).
    pub published: String,
    /// Whether it is a part of the indicator's total.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub part_of_total: bool,
    /// The phrase.
    pub quote: String,
}

/// A printed rate of an earlier year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierRateSpec {
    /// The year.
    pub year: i32,
    /// As printed.
    pub published: String,
    /// The phrase.
    pub quote: String,
}

/// The introduction programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeSpec {
    /// Participants at the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_start: Option<CountSpec>,
    /// Entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered: Option<CountSpec>,
    /// Participants at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_end: Option<CountSpec>,
    /// Waiting to start at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<CountSpec>,
    /// Participating or waiting at the end, when only the sum is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_end_or_waiting: Option<CountSpec>,
    /// Left the programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exits: Option<CountSpec>,
    /// Exits by outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome: Vec<OutcomeSpec>,
    /// Whether the outcomes not listed are recorded as not stated (`unknown`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unstated_remainder: bool,
    /// The indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<IndicatorSpec>,
    /// Printed rates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rate: Vec<RateSpec>,
    /// Printed rates of earlier years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierRateSpec>,
}

/// A goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    /// A stable identifier.
    pub id: String,
    /// The goal as worded.
    pub text: String,
    /// The figure it is measured by (`settlement.settled`, `programme.rate`, …).
    pub metric: String,
    /// The target as printed (`"Minst 55 prosent"`, `"74"`, `"Inntil 60"`).
    pub target: String,
    /// The target's unit.
    pub unit: Unit,
    /// Overrides the qualifier read from the target's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The phrase.
    pub quote: String,
}

/// Staffing of a unit in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffingSpec {
    /// The unit.
    pub unit: String,
    /// The year.
    pub year: i32,
    /// Permanent FTE.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub permanent: Option<Decimal>,
    /// Project FTE.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub project: Option<Decimal>,
    /// Vacant FTE.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub vacant: Option<Decimal>,
    /// The phrase.
    pub quote: String,
}

/// A counted activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivitySpec {
    /// A stable identifier.
    pub id: String,
    /// What is counted.
    pub label: String,
    /// How many.
    pub value: u32,
    /// In what unit.
    pub unit: Unit,
    /// The phrase.
    pub quote: String,
}

/// An offer and its take-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UptakeSpec {
    /// What was offered.
    pub label: String,
    /// What is counted.
    pub unit: Unit,
    /// Accepted.
    pub accepted: u32,
    /// Declined.
    pub declined: u32,
    /// Named subsets of those who accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub of_which: Vec<NamedCountSpec>,
    /// The phrase.
    pub quote: String,
}

/// A budget adjustment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentSpec {
    /// As printed.
    pub published: String,
    /// The tertial it was made in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tertial: Option<u8>,
    /// The date.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// The phrase.
    pub quote: String,
}

/// A budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSpec {
    /// Whose.
    pub label: String,
    /// Original frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<AmountSpec>,
    /// Adjustments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustment: Vec<AdjustmentSpec>,
    /// Revised frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<AmountSpec>,
    /// Actual spending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<AmountSpec>,
    /// Result (positive: underspend).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<AmountSpec>,
    /// Consumption percentage (*forbruksprosent*), as printed (`"96,6"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption: Option<AmountSpec>,
}

/// A forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastSpec {
    /// What was forecast.
    pub what: String,
    /// The tertial report that made it.
    pub tertial: u8,
    /// The outcome.
    pub actual: AmountSpec,
    /// The forecast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<AmountSpec>,
    /// Outcome − forecast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation: Option<AmountSpec>,
}

/// The service's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceResultSpec {
    /// Whose.
    pub label: String,
    /// Grant income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_income: Option<AmountSpec>,
    /// Other income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_income: Option<AmountSpec>,
    /// Fixed costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_costs: Option<AmountSpec>,
    /// Variable costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable_costs: Option<AmountSpec>,
    /// Transfers from the fund (negative: into it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fund_transfer: Vec<AmountSpec>,
    /// The result after transfers (negative: deficit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_after_transfers: Option<AmountSpec>,
}

/// The refugee fund (*flyktningfond*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundSpec {
    /// Its name.
    pub name: String,
    /// The date of the opening balance.
    #[serde(deserialize_with = "bosetting::serde_date::date")]
    pub opened: NaiveDate,
    /// The opening balance, as printed.
    pub opening: AmountSpec,
    /// The municipality's rules for the fund.
    pub rules: FundRulesSpec,
    /// Movements, in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<FundEntrySpec>,
}

/// A fund's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundRulesSpec {
    /// The purposes a withdrawal may cover (empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawal_purposes: Vec<String>,
    /// The most the fund may hold, as an amount (`"30 mill kr"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<String>,
    /// Whether the balance may go below zero.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_negative: bool,
    /// The percentage of a surplus that goes into the fund.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "nb_decimal"
    )]
    pub surplus_percent: Option<Decimal>,
    /// The phrase (the statutes or council decision).
    pub quote: String,
}

/// A movement in the fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundEntrySpec {
    /// When.
    #[serde(deserialize_with = "bosetting::serde_date::date")]
    pub date: NaiveDate,
    /// `deposit` or `withdrawal`.
    pub kind: bosetting::EntryKind,
    /// How much, as printed (positive).
    pub amount: String,
    /// What for.
    pub purpose: String,
    /// The phrase.
    pub quote: String,
}

/// A row of a multi-year table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistorySpec {
    /// The year.
    pub year: i32,
    /// Whether the row is about unaccompanied minors only (a separate table).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub em: bool,
    /// The original request, where revised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_request: Option<u32>,
    /// The (current) request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<u32>,
    /// The decision before a replacement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_decision: Option<u32>,
    /// The decision in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<u32>,
    /// Settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<u32>,
    /// The phrase (the table's row as printed).
    pub quote: String,
}

/// National figures of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalSpec {
    /// The year.
    pub year: i32,
    /// Settled in Norway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<CountSpec>,
    /// Named groups of the settled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<NamedCountSpec>,
    /// IMDi's national request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<CountSpec>,
    /// The national target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<CountSpec>,
}

/// A funded project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSpec {
    /// The name.
    pub name: String,
    /// Who runs it.
    pub organisation: String,
    /// The phrase.
    pub quote: String,
}

/// A rule the document states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// A stable identifier.
    pub id: String,
    /// The rule in English.
    pub text: String,
    /// The phrase.
    pub quote: String,
}

/// One published figure or several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The texts.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A published figure to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckFileSpec {
    /// A stable identifier (the ledger id).
    pub id: String,
    /// What it is.
    pub label: String,
    /// The model figure: a name (`"settlement.shortfall"`), or a table with the name and
    /// its arguments (`{ name = "national.group_share", year = 2023, group = "Ukraina" }`).
    pub figure: FigureSpec,
    /// The body's id (v2; default: the document's municipality).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// `"2016"`, `"2014-2016"`, `"2017-T1"` or `"2024-09-01"` (default: the document's year).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// `ordinary` or `unaccompanied-minor`; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// `derived` (default) or `input`.
    #[serde(default, skip_serializing_if = "is_derived")]
    pub kind: CheckKind,
    /// As printed: one text, or several (a decomposition's parts, then its total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<OneOrMany>,
    /// The unit of the printed text.
    pub unit: Unit,
    /// Overrides the qualifier read from the words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// For a goal: the verdict the document implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<GoalStatus>,
    /// The status the ledger (FIGURES.md) says the check must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
    /// The phrase the figure was printed in.
    pub quote: String,
    /// Another document (for a figure only the ledger states: `FIGURES.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

impl FactSpec {
    /// Where the figure sits, as written.
    pub fn at(&self) -> AddressSpec {
        AddressSpec {
            body: self.body.clone(),
            period: self.period.clone(),
            category: self.category,
            origin: self.origin,
            group: self.group.clone(),
        }
    }
}

impl TableSpec {
    /// Where the figure sits, as written.
    pub fn at(&self) -> AddressSpec {
        AddressSpec {
            body: self.body.clone(),
            period: self.period.clone(),
            category: self.category,
            origin: self.origin,
            group: self.group.clone(),
        }
    }
}

impl ColumnSpec {
    /// Where the figure sits, as written.
    pub fn at(&self) -> AddressSpec {
        AddressSpec {
            body: self.body.clone(),
            period: self.period.clone(),
            category: self.category,
            origin: self.origin,
            group: self.group.clone(),
        }
    }
}

impl RowSpec {
    /// Where the figure sits, as written.
    pub fn at(&self) -> AddressSpec {
        AddressSpec {
            body: self.body.clone(),
            period: self.period.clone(),
            category: self.category,
            origin: self.origin,
            group: self.group.clone(),
        }
    }
}

impl TermSpec {
    /// Where the figure sits, as written.
    pub fn at(&self) -> AddressSpec {
        AddressSpec {
            body: self.body.clone(),
            period: self.period.clone(),
            category: self.category,
            origin: self.origin,
            group: self.group.clone(),
        }
    }
}

impl CheckFileSpec {
    /// Where the figure sits, as written.
    pub fn at(&self) -> AddressSpec {
        AddressSpec {
            body: self.body.clone(),
            period: self.period.clone(),
            category: self.category,
            origin: self.origin,
            group: self.group.clone(),
        }
    }
}

fn is_derived(k: &CheckKind) -> bool {
    *k == CheckKind::Derived
}

/// A figure as written in a facts file: a name (`"settlement.shortfall"`), or a table with
/// the name and its arguments (`{ name = "national.group_share", year = 2023, group =
/// "Ukraina" }`). The name is either a year-view figure ([`FigureRef`]) or a measure
/// ([`bosetting::measures`]); which one is settled when the file is built, so that an
/// unknown name is reported at its line with the nearest known one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureSpec {
    /// The name.
    pub name: String,
    /// The arguments, as written.
    pub args: serde_json::Map<String, serde_json::Value>,
}

impl FigureSpec {
    /// The year-view figure it names.
    ///
    /// # Errors
    ///
    /// A message saying what is wrong (an unknown name, a missing argument).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{FigureRef, Year};
    /// use bosetting_facts::schema::FigureSpec;
    ///
    /// // `{ name = "national.group_share", year = 2023, group = "Ukraina" }` in a facts file.
    /// let mut args = serde_json::Map::new();
    /// args.insert("year".into(), 2023.into());
    /// args.insert("group".into(), "Ukraina".into());
    /// let spec = FigureSpec { name: "national.group_share".into(), args };
    /// assert_eq!(spec.figure_ref()?, FigureRef::NationalGroupShare { year: Year::new(2023)?, group: "Ukraina".into() });
    ///
    /// // A figure without its arguments, or a name the year view does not know, is refused.
    /// let bare = FigureSpec { name: "national.group_share".into(), args: serde_json::Map::new() };
    /// assert!(bare.figure_ref().is_err());
    /// let unknown = FigureSpec { name: "settlement.shortfal".into(), args: serde_json::Map::new() };
    /// assert!(unknown.figure_ref().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn figure_ref(&self) -> Result<FigureRef, String> {
        let mut m = self.args.clone();
        m.insert(
            "figure".into(),
            serde_json::Value::String(self.name.clone()),
        );
        serde_json::from_value(serde_json::Value::Object(m)).map_err(|e| e.to_string())
    }
}

impl From<FigureRef> for FigureSpec {
    fn from(f: FigureRef) -> FigureSpec {
        let mut m = match serde_json::to_value(&f) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        };
        let name = match m.remove("figure") {
            Some(serde_json::Value::String(n)) => n,
            _ => String::new(),
        };
        FigureSpec { name, args: m }
    }
}

impl Serialize for FigureSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.args.is_empty() {
            self.name.serialize(s)
        } else {
            let mut m = self.args.clone();
            m.insert("name".into(), serde_json::Value::String(self.name.clone()));
            m.serialize(s)
        }
    }
}

impl<'de> Deserialize<'de> for FigureSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FigureSpec, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match v {
            serde_json::Value::String(name) => Ok(FigureSpec {
                name,
                args: serde_json::Map::new(),
            }),
            serde_json::Value::Object(mut m) => {
                let name = match m.remove("name") {
                    Some(serde_json::Value::String(n)) => n,
                    _ => {
                        return Err(serde::de::Error::custom(
                            "a figure table needs `name` (for example { name = \"national.group_share\", year = 2023 })",
                        ));
                    }
                };
                // TOML date literals arrive as a one-entry map; figures take ISO strings.
                for val in m.values_mut() {
                    if let serde_json::Value::Object(inner) = val {
                        if inner.len() == 1 {
                            if let Some(serde_json::Value::String(t)) = inner.values().next() {
                                *val = serde_json::Value::String(t.clone());
                            }
                        }
                    }
                }
                Ok(FigureSpec { name, args: m })
            }
            _ => Err(serde::de::Error::custom(
                "expected a figure name or a table with `name` and arguments",
            )),
        }
    }
}
