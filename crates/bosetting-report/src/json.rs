//! JSON: the document with every figure as `{"id", "label", "value", "unit", "published",
//! "status", "explanation"}`; values exact strings.

use std::io::{self, Write};

use bosetting::{Explanation, Source};
use serde::{Deserialize, Serialize};

use crate::document::{Chart, Report, Row, SectionId, Table};
use crate::locale::Lang;

/// The JSON form of a report.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// let mut out = Vec::new();
/// bosetting_report::json::write(&report, &mut out)?;
/// let json: bosetting_report::json::JsonReport = serde_json::from_slice(&out)?;
/// assert_eq!(json.title, report.title);
/// assert_eq!(json.sections.len(), report.sections.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonReport {
    /// The title.
    pub title: String,
    /// The municipality, if the report is about one municipality's year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub municipality: Option<String>,
    /// Its number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    /// The other bodies the document speaks of.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bodies: Vec<String>,
    /// The document the facts come from.
    pub document: Source,
    /// The language of labels.
    pub lang: Lang,
    /// The sections.
    pub sections: Vec<JsonSection>,
}

/// A section in JSON.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// # let (checks, _) = facts.checked()?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// let mut out = Vec::new();
/// bosetting_report::json::write(&report, &mut out)?;
/// let json: bosetting_report::json::JsonReport = serde_json::from_slice(&out)?;
/// // A section's rows are its figures.
/// assert_eq!(json.sections[0].figures.len(), report.sections[0].rows.len());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSection {
    /// Which.
    pub id: SectionId,
    /// Its title.
    pub title: String,
    /// Its figures.
    pub figures: Vec<JsonFigure>,
    /// Its tables.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    /// Its charts' data.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub charts: Vec<Chart>,
    /// Its notes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
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
/// let mut out = Vec::new();
/// bosetting_report::json::write(&report, &mut out)?;
/// let json: bosetting_report::json::JsonReport = serde_json::from_slice(&out)?;
/// let f = json.sections.iter().flat_map(|s| &s.figures).find(|f| f.id == "bodo20.fulfilment").ok_or("the fulfilment")?;
/// // Exact values as strings, never floats.
/// assert_eq!((f.value.as_str(), f.unit.as_str(), f.status.as_str()), ("41/74", "share", "reproduced"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonFigure {
    /// The identifier (a ledger id for checked figures).
    pub id: String,
    /// What it is.
    pub label: String,
    /// The exact value: `"33"`, `"41/74"`, `"700000"`, `"[650000, 750000)"`.
    pub value: String,
    /// The unit (`persons`, `kroner`, `share`, …).
    pub unit: String,
    /// What the document printed: a string, several, or null.
    pub published: Option<Published>,
    /// What the check compared with that the document does not print, with its source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_printed: Vec<String>,
    /// `input`, `reproduced`, `consistent`, `inconsistent` (or `computed` for a figure the
    /// document does not print).
    pub status: String,
    /// The model's explanation tree.
    pub explanation: Explanation,
    /// The reconciliation in words.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reconciliation: String,
    /// The value as the report writes it.
    pub display: String,
}

/// One printed figure or several.
///
/// # Example
///
/// ```
/// use bosetting_report::json::Published;
///
/// let one: Published = serde_json::from_str(r#""33""#)?;
/// let parts: Published = serde_json::from_str(r#"["14", "25", "39"]"#)?;
/// assert_eq!(one, Published::One("33".into()));
/// assert_eq!(parts, Published::Many(vec!["14".into(), "25".into(), "39".into()]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Published {
    /// One.
    One(String),
    /// Several (parts, then a total).
    Many(Vec<String>),
}

impl From<&Row> for JsonFigure {
    fn from(r: &Row) -> JsonFigure {
        JsonFigure {
            id: r.id.clone(),
            label: r.label.clone(),
            value: r.value.value.exact(),
            unit: r.value.unit.name().to_owned(),
            published: match r.published.as_slice() {
                [] => None,
                [one] => Some(Published::One(one.clone())),
                many => Some(Published::Many(many.to_vec())),
            },
            not_printed: r.not_printed.clone(),
            status: r.status.name().to_owned(),
            explanation: r.explanation.clone(),
            reconciliation: r.reconciliation.clone(),
            display: r.display.clone(),
        }
    }
}

impl From<&Report> for JsonReport {
    fn from(r: &Report) -> JsonReport {
        JsonReport {
            title: r.title.clone(),
            municipality: r.municipality.clone(),
            number: r.number.clone(),
            year: r.year,
            bodies: r.bodies.clone(),
            document: r.document.clone(),
            lang: r.lang,
            sections: r
                .sections
                .iter()
                .map(|s| JsonSection {
                    id: s.id,
                    title: s.title.clone(),
                    figures: s.rows.iter().map(JsonFigure::from).collect(),
                    tables: s.tables.clone(),
                    charts: s.charts.clone(),
                    notes: s.notes.clone(),
                })
                .collect(),
        }
    }
}

/// Writes `report` as pretty-printed JSON.
///
/// # Errors
///
/// The writer's errors.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/drammen_2024.toml")?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &[], Locale::new(Lang::Nb))?;
/// let mut out = Vec::new();
/// bosetting_report::json::write(&report, &mut out)?;
/// let back: serde_json::Value = serde_json::from_slice(&out)?;
/// assert_eq!(back["title"], report.title.as_str());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &JsonReport::from(report)).map_err(io::Error::other)?;
    writeln!(w)
}
