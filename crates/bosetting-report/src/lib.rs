//! Renders a [`bosetting::MunicipalityYear`] as the report a refugee service publishes, and
//! as machine-readable output a program or an auditor can check.
//!
//! [`build`] turns the model (and the checks of published figures) into a [`Report`]: the
//! sections of a Norwegian annual or tertial report, each figure computed by the model and
//! written out by the [`Locale`]. [`render`] writes the report in a [`Format`] to any
//! [`std::io::Write`]. The renderers lay out; they never compute a figure.
//!
//! The `xlsx` feature (on by default) adds [`Format::Xlsx`], an Excel workbook written with
//! `rust_xlsxwriter`; `default-features = false` leaves it and its zip dependencies out.
//!
//! ```
//! use bosetting::{Decision, Fact, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
//! use bosetting_report::{Format, Lang, Locale};
//!
//! let y = Year::new(2020)?;
//! let doc = Source::new("Bodø kommune, årsrapport 2020");
//! let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
//! s.decisions.push(Decision::base(74, doc.clone()));
//! s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc.clone())));
//! let year = MunicipalityYear::new(s, doc);
//!
//! let report = bosetting_report::build(&year, &[], Locale::new(Lang::Nb))?;
//! let mut out = Vec::new();
//! bosetting_report::render(&report, Format::Markdown, &mut out)?;
//! let text = String::from_utf8(out)?;
//! assert!(text.contains("| Bosatte i prosent av vedtaket | 55,4\u{a0}% |"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod build;
pub mod csv;
mod document;
pub mod html;
pub mod json;
mod locale;
mod phrases;
#[doc(hidden)]
pub use phrases::untranslated;
pub mod markdown;
#[cfg(feature = "xlsx")]
pub mod xlsx;

use std::fmt;
use std::io::{self, Write};
use std::str::FromStr;

pub use build::{
    build, build_document, figure_id, figure_label, projection_section, risk_section, section_title,
};
pub use document::{
    Chart, ChartKind, ChartSeries, Report, Row, RowStatus, Section, SectionId, Table, TableCell,
};
pub use locale::{DISPLAY_RULE, Lang, Locale};

/// A status as the report writes it in `locale`'s language ("gjenskapt", "reproduced").
///
/// # Example
///
/// ```
/// use bosetting_report::{Lang, Locale, RowStatus, status_name};
///
/// assert_eq!(status_name(Locale::new(Lang::Nb), RowStatus::Reproduced), "gjenskapt");
/// assert_eq!(status_name(Locale::new(Lang::En), RowStatus::Reproduced), "reproduced");
/// ```
pub fn status_name(locale: Locale, status: RowStatus) -> &'static str {
    markdown::status(locale, status)
}

/// An output format, read from and written as its name on a command line.
///
/// # Example
///
/// ```
/// use bosetting_report::Format;
///
/// let f: Format = "md".parse()?;
/// assert_eq!(f, Format::Markdown);
/// assert_eq!(f.to_string(), "markdown");
/// assert_eq!("html".parse::<Format>()?.to_string(), "html");
/// # Ok::<(), bosetting_report::FormatError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Markdown.
    Markdown,
    /// One self-contained HTML page with SVG charts.
    Html,
    /// CSV for Excel set to Norwegian.
    Csv,
    /// JSON with exact values and explanation trees.
    Json,
    /// An Excel workbook: the CSV's rows with numbers as number cells, a sheet per printed
    /// table (the `xlsx` feature, on by default).
    #[cfg(feature = "xlsx")]
    Xlsx,
}

impl Format {
    /// Whether the output is text (UTF-8); an .xlsx workbook is binary, for a file.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_report::Format;
    ///
    /// assert!(Format::Csv.is_text());
    /// # #[cfg(feature = "xlsx")]
    /// assert!(!Format::Xlsx.is_text());
    /// ```
    pub fn is_text(self) -> bool {
        match self {
            Format::Markdown | Format::Html | Format::Csv | Format::Json => true,
            #[cfg(feature = "xlsx")]
            Format::Xlsx => false,
        }
    }
}

/// A format name [`Format`]'s `FromStr` does not know, or one this build leaves out.
///
/// # Example
///
/// ```
/// use bosetting_report::Format;
///
/// let e = "pdf".parse::<Format>().unwrap_err();
/// assert_eq!(e.to_string(), "unknown format \"pdf\": write markdown, html, csv, json or xlsx");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FormatError {
    /// The name as given.
    pub text: String,
    /// Whether the format exists but needs a cargo feature this build does not have.
    pub needs_feature: Option<&'static str>,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.needs_feature {
            Some(feature) => write!(
                f,
                "format {:?} needs bosetting-report's `{feature}` feature",
                self.text
            ),
            None => write!(
                f,
                "unknown format {:?}: write markdown, html, csv, json or xlsx",
                self.text
            ),
        }
    }
}

impl std::error::Error for FormatError {}

impl FromStr for Format {
    type Err = FormatError;
    fn from_str(s: &str) -> Result<Format, FormatError> {
        let err = |needs_feature| FormatError {
            text: s.to_owned(),
            needs_feature,
        };
        match s {
            "markdown" | "md" => Ok(Format::Markdown),
            "html" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            #[cfg(feature = "xlsx")]
            "xlsx" => Ok(Format::Xlsx),
            #[cfg(not(feature = "xlsx"))]
            "xlsx" => Err(err(Some("xlsx"))),
            _ => Err(err(None)),
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
            #[cfg(feature = "xlsx")]
            Format::Xlsx => "xlsx",
        })
    }
}

/// Writes `report` in `format`.
///
/// # Errors
///
/// The writer's errors (a full disk, a closed pipe); for [`Format::Xlsx`] also the workbook
/// library's, as [`io::ErrorKind::Other`]. A report always renders: the renderers compute
/// nothing that could fail.
///
/// # Example
///
/// ```
/// use bosetting::{Decision, Fact, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// use bosetting_report::{Format, Lang, Locale};
///
/// let y = Year::new(2017)?;
/// let doc = Source::new("Drammen kommune, 1. tertial 2017");
/// let mut s = SettlementYear::new(Municipality::new("3005".parse()?, "Drammen"), y);
/// s.decisions.push(Decision::base(60, doc.clone()));
/// s.settled = Some(Settled::new(y.period()).with_total(Fact::new(45, doc.clone())));
/// let report = bosetting_report::build(&MunicipalityYear::new(s, doc), &[], Locale::new(Lang::En))?;
///
/// let mut csv = Vec::new();
/// bosetting_report::render(&report, Format::Csv, &mut csv)?;
/// assert!(String::from_utf8(csv)?.contains("Decided minus settled"));
/// let mut json = Vec::new();
/// bosetting_report::render(&report, Format::Json, &mut json)?;
/// let value: serde_json::Value = serde_json::from_slice(&json)?;
/// assert_eq!(value["municipality"], "Drammen");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn render(report: &Report, format: Format, w: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Markdown => markdown::write(report, w),
        Format::Html => html::write(report, w),
        Format::Csv => csv::write(report, w),
        Format::Json => json::write(report, w),
        #[cfg(feature = "xlsx")]
        Format::Xlsx => xlsx::write(report, w),
    }
}

/// What the report is about, in a sentence: "Kommune Bodø (1804)." or "Organer: Agder,
/// Hele landet." (both when a municipality's report speaks of other bodies too).
pub(crate) fn about(report: &Report, l: Locale) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &report.municipality {
        parts.push(match &report.number {
            Some(n) => format!("{} {m} ({n}).", l.pick("Kommune", "Municipality")),
            None => format!("{} {m}.", l.pick("Kommune", "Municipality")),
        });
    }
    if !report.bodies.is_empty() {
        parts.push(format!(
            "{}: {}.",
            l.pick("Andre organer", "Other bodies"),
            report.bodies.join(", ")
        ));
    }
    parts.join(" ")
}

/// The "Publisert" cell: what the document printed, and apart from it, marked as such, any
/// figure from elsewhere that the check compares with (an analyst's derivation, a ledger).
pub(crate) fn published_cell(l: Locale, r: &Row) -> String {
    let mut out = r.published.join(" + ");
    if !r.not_printed.is_empty() {
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(l.pick(
            "ikke trykt i dokumentet, fra ",
            "not printed in the document, from ",
        ));
        out.push_str(&r.not_printed.join("; "));
    }
    out
}
