//! The report as a document: sections of figures, tables and charts, every value already
//! computed by the model and written out by the [`Locale`](crate::Locale).

use bosetting::{Explanation, Quantity, Source, Status};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::locale::Lang;

/// A report on a document: one municipality's year, or the bodies a document speaks of.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/stavanger_2017.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::En))?;
/// use bosetting_report::SectionId;
///
/// assert_eq!(report.municipality.as_deref(), Some("Stavanger"));
/// assert_eq!(report.year, Some(2017));
/// // Sections without data are left out; the figure check comes last.
/// assert_eq!(report.sections.last().map(|s| s.id), Some(SectionId::FigureCheck));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// The title.
    pub title: String,
    /// The municipality's name, if the report is about one municipality's year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// Its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The other bodies the document speaks of, by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<String>,
    /// The document the facts come from.
    pub document: Source,
    /// The language of labels and numbers.
    pub lang: Lang,
    /// The sections, in order; sections without data are left out.
    pub sections: Vec<Section>,
}

/// Which section.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// use bosetting_report::SectionId;
///
/// let ids: Vec<SectionId> = report.sections.iter().map(|s| s.id).collect();
/// assert_eq!(ids.first(), Some(&SectionId::Settlement));
/// assert!(ids.contains(&SectionId::Programme));
/// // Each section once.
/// let mut unique = ids.clone();
/// unique.dedup();
/// assert_eq!(unique, ids);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum SectionId {
    /// Bosetting: request, decision, settled.
    Settlement,
    /// Nasjonale tall.
    National,
    /// Familiegjenforening.
    Family,
    /// Bolig.
    Housing,
    /// Introduksjonsprogrammet.
    Programme,
    /// Økonomi.
    Economy,
    /// Flyktningfond.
    Fund,
    /// Personal.
    Staffing,
    /// Mål og resultater.
    Goals,
    /// Prosjekter og regler.
    Projects,
    /// Opplysninger: the facts a document states about its bodies and periods.
    Facts,
    /// Flyktningfondets risiko: the fund under uncertain settlement.
    FundRisk,
    /// Framskriving: grant income, costs and the fund per year under each scenario.
    Projection,
    /// Publiserte tabeller: printed tables with their totals checked.
    Tables,
    /// Tallkontroll: every published figure beside the computed one.
    FigureCheck,
}

/// A section of the report.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// let settlement = &report.sections[0];
/// assert_eq!(settlement.title, bosetting_report::section_title(Locale::new(Lang::Nb), settlement.id));
/// assert!(!settlement.rows.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Which.
    pub id: SectionId,
    /// Its title.
    pub title: String,
    /// Figures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rows: Vec<Row>,
    /// Tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    /// Charts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charts: Vec<Chart>,
    /// Lines of text (projects, rules).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Section {
    pub(crate) fn is_empty(&self) -> bool {
        self.rows.is_empty()
            && self.tables.is_empty()
            && self.charts.is_empty()
            && self.notes.is_empty()
    }
}

/// What is known about a figure in the report.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// use bosetting_report::RowStatus;
///
/// // Every checked figure has the status of its check; figures no document prints are
/// // "computed".
/// let statuses: Vec<RowStatus> = report.sections.iter().flat_map(|s| &s.rows).map(|r| r.status).collect();
/// assert!(statuses.contains(&RowStatus::Reproduced));
/// assert!(statuses.contains(&RowStatus::Computed));
/// assert_eq!(RowStatus::from(bosetting::Status::Consistent).name(), "consistent");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RowStatus {
    /// A fact fed into the model.
    Input,
    /// The model computes the published figure.
    Reproduced,
    /// The published figure fits what the model computes or bounds.
    Consistent,
    /// No value the model allows fits the published figure.
    Inconsistent,
    /// Computed by the model; the document prints no figure to compare it with.
    Computed,
}

impl RowStatus {
    /// The name used in JSON and CSV (`input`, `reproduced`, …).
    pub fn name(self) -> &'static str {
        match self {
            RowStatus::Input => "input",
            RowStatus::Reproduced => "reproduced",
            RowStatus::Consistent => "consistent",
            RowStatus::Inconsistent => "inconsistent",
            RowStatus::Computed => "computed",
        }
    }
}

impl From<Status> for RowStatus {
    fn from(s: Status) -> RowStatus {
        match s {
            Status::Input => RowStatus::Input,
            Status::Reproduced => RowStatus::Reproduced,
            Status::Consistent => RowStatus::Consistent,
            Status::Inconsistent => RowStatus::Inconsistent,
        }
    }
}

/// One figure.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// let row = report.sections.iter().flat_map(|s| &s.rows).find(|r| r.id == "bodo20.shortfall").ok_or("the shortfall row")?;
/// // The exact value, the value as bokmål writes it, and what the document printed.
/// assert_eq!(row.value.value.exact(), "33");
/// assert_eq!(row.display, "33");
/// assert_eq!(row.published, ["33"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// A stable identifier (a ledger id for checked figures).
    pub id: String,
    /// What it is.
    pub label: String,
    /// The model's value, exact.
    pub value: Quantity,
    /// The value as the locale writes it.
    pub display: String,
    /// The value as a plain number for spreadsheets, where it has one (shares as percentages
    /// to four decimals, half-up).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "bosetting::serde_exact::option_decimal"
    )]
    pub number: Option<Decimal>,
    /// What the document printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<String>,
    /// Figures compared with the model that the document does not print (an analyst's or a
    /// ledger's), each with its real source: never shown as published.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_printed: Vec<String>,
    /// The status.
    pub status: RowStatus,
    /// The reconciliation in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reconciliation: String,
    /// The model's explanation.
    pub explanation: Explanation,
}

/// A table of already formatted cells.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2015_2017.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// // Every table is rectangular: one cell per heading in each row.
/// let tables: Vec<&bosetting_report::Table> = report.sections.iter().flat_map(|s| &s.tables).collect();
/// assert!(!tables.is_empty());
/// for t in tables {
///     assert_eq!(t.numeric.len(), t.header.len());
///     assert!(t.rows.iter().all(|r| r.len() == t.header.len()), "{}", t.title);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The caption.
    pub title: String,
    /// Column headings.
    pub header: Vec<String>,
    /// Which columns hold numbers (right-aligned).
    pub numeric: Vec<bool>,
    /// The rows.
    pub rows: Vec<Vec<String>>,
    /// For a printed table: every printed cell with its value and status, for the
    /// machine-readable formats (CSV writes them as rows).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cells: Vec<TableCell>,
}

/// A printed table's cell as machine-readable output gives it.
///
/// # Example
///
/// ```
/// use bosetting_report::{Lang, Locale, RowStatus};
///
/// // A document with a printed table: each printed cell is there for CSV and JSON, the
/// // parts as inputs and the totals with their check's status.
/// let facts = bosetting_facts::Facts::load("../../examples/data/documents/imdi_busetting_2018.toml")?;
/// let (year_checks, checks) = facts.checked()?;
/// let report = bosetting_report::build_document(&facts.document, &year_checks, &checks, Locale::new(Lang::Nb))?;
/// let cells: Vec<&bosetting_report::TableCell> = report.sections.iter().flat_map(|s| &s.tables).flat_map(|t| &t.cells).collect();
/// assert!(cells.iter().any(|c| c.status == RowStatus::Input));
/// assert!(cells.iter().any(|c| c.status != RowStatus::Input));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableCell {
    /// `table.row.column`.
    pub id: String,
    /// "Title: row – column".
    pub label: String,
    /// As printed.
    pub text: String,
    /// Its nominal value, where it has one.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "bosetting::serde_exact::option_decimal"
    )]
    pub number: Option<Decimal>,
    /// Its unit.
    pub unit: bosetting::Unit,
    /// `input` for a part; for a printed total, its check's status.
    pub status: RowStatus,
    /// The total check's reconciliation, for a total.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reconciliation: String,
}

/// How a chart draws its series.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2015_2017.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// use bosetting_report::ChartKind;
///
/// // The multi-year table is drawn as grouped bars.
/// let kinds: Vec<ChartKind> = report.sections.iter().flat_map(|s| &s.charts).map(|c| c.kind).collect();
/// assert!(kinds.contains(&ChartKind::Bars));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Grouped vertical bars.
    Bars,
    /// Horizontal bars (one series).
    HorizontalBars,
    /// A line.
    Line,
    /// A band from the first series to the last, with the middle series as a line (a fan
    /// chart of percentiles).
    Fan,
    /// A level that changes only at its points (a balance that moves on movement dates),
    /// drawn as steps on a proportional axis.
    Steps,
}

/// A chart of model values.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2015_2017.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// let chart = report.sections.iter().flat_map(|s| &s.charts).next().ok_or("a chart")?;
/// // One value per category in every series; `x` is empty or one position per category.
/// assert!(chart.series.iter().all(|s| s.values.len() == chart.categories.len()));
/// assert!(chart.x.is_empty() || chart.x.len() == chart.categories.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chart {
    /// The caption.
    pub title: String,
    /// How to draw it.
    pub kind: ChartKind,
    /// The categories (years, outcomes, dates), as labels.
    pub categories: Vec<String>,
    /// The series.
    pub series: Vec<ChartSeries>,
    /// The values' unit label.
    pub unit: String,
    /// Where each category lies on a proportional axis (days for dates); empty: evenly
    /// spaced categories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub x: Vec<i64>,
    /// Where the figures come from, for the chart's source line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
}

/// One series of a chart.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2015_2017.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// let chart = report.sections.iter().flat_map(|s| &s.charts).next().ok_or("a chart")?;
/// for series in &chart.series {
///     // Each value has its label, as the locale writes it; a missing figure is `None`.
///     assert_eq!(series.labels.len(), series.values.len());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChartSeries {
    /// Its name.
    pub name: String,
    /// One value per category (`None`: no figure).
    pub values: Vec<Option<Decimal>>,
    /// The values as the locale writes them (for labels).
    pub labels: Vec<String>,
}
