//! The facts file: what a municipality knows about its year, written down with the phrase
//! each fact was read from, in TOML (or JSON), and read into [`bosetting`]'s model.
//!
//! A facts file holds inputs (request, decisions, settled persons, the programme, money…)
//! and published figures to check (`[[check]]`), each naming the model figure it is and the
//! status the figure must have. Every error names the file, the line and the field.
//!
//! ```
//! let text = r#"
//! schema = "bosetting-facts/1"
//!
//! [document]
//! id = "demo"
//! file = "årsrapport-2020.pdf"
//! title = "Årsrapport 2020"
//! municipality = { number = "1804", name = "Bodø" }
//! year = 2020
//!
//! [[decision]]
//! places = 74
//! quote = "vedtatt 74 flyktninger"
//!
//! [settled]
//! total = { value = 41, quote = "bosatte 41" }
//!
//! [[check]]
//! id = "shortfall"
//! label = "Places not filled"
//! figure = "settlement.shortfall"
//! published = "33"
//! unit = "persons"
//! quote = "Differansen mellom 41 bosatte og 74 vedtaksplasser"
//! expect = "reproduced"
//! "#;
//! let facts = bosetting_facts::Facts::from_toml_str(text, "demo.toml")?;
//! let results = facts.check()?;
//! assert_eq!(results[0].status, bosetting::Status::Reproduced);
//!
//! let bad = text.replace("places = 74", "places = -74");
//! let err = bosetting_facts::Facts::from_toml_str(&bad, "demo.toml").unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "demo.toml:12: decision[0].places: -74 places: expected a whole number of places (74), { up_to = N } or { min = N, max = N }",
//! );
//! # Ok::<(), bosetting_facts::FactsError>(())
//! ```
//!
//! The schema is documented type by type in [`schema`]; `examples/data/*.toml` in the
//! repository are complete files for five real documents.

mod build;
mod error;
mod locate;
pub mod schema;

use std::path::Path;

use bosetting::{CheckResult, CheckSpec, MunicipalityYear};

pub use error::FactsError;
pub use schema::{FactsFile, SCHEMA};

use build::{Ctx, Format};

/// A read facts file: the file as written, the model built from it, and its checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// Where it was read from.
    pub origin: String,
    /// The file as written.
    pub file: FactsFile,
    /// The model.
    pub year: MunicipalityYear,
    /// The published figures to check.
    pub checks: Vec<CheckSpec>,
}

fn parse_error(origin: &str, line: Option<usize>, path: &str, message: String) -> FactsError {
    FactsError::Invalid {
        file: origin.to_owned(),
        line,
        field: if path.is_empty() || path == "." {
            "(file)".to_owned()
        } else {
            path.to_owned()
        },
        message,
    }
}

impl Facts {
    /// Reads a facts file in TOML.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] naming `origin`, the line and the field.
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Facts, FactsError> {
        let de = toml::Deserializer::parse(text).map_err(|e| {
            let line = e.span().map(|s| locate::line_of(text, s.start));
            parse_error(origin, line, "", e.message().trim().to_owned())
        })?;
        let file: FactsFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let line = inner
                .span()
                .map(|s| locate::line_of(text, s.start))
                .or_else(|| locate::toml_line(text, &path));
            parse_error(origin, line, &path, inner.message().trim().to_owned())
        })?;
        Facts::build(file, text, origin, Format::Toml)
    }

    /// Reads a facts file in JSON (the same schema): one JSON object, with nothing but
    /// whitespace after it.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] naming `origin`, the line and the field; for text after the
    /// object, the line it starts on.
    pub fn from_json_str(text: &str, origin: &str) -> Result<Facts, FactsError> {
        let json_error = |path: &str, inner: serde_json::Error| {
            let line = if inner.line() > 0 {
                Some(inner.line())
            } else {
                locate::json_line(text, path)
            };
            let msg = inner.to_string();
            // serde_json appends " at line L column C"; the line is already in front.
            let msg = msg
                .rsplit_once(" at line ")
                .map_or(msg.as_str(), |(m, _)| m)
                .to_owned();
            parse_error(origin, line, path, msg)
        };
        let mut de = serde_json::Deserializer::from_str(text);
        let file: FactsFile = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let path = e.path().to_string();
            json_error(&path, e.into_inner())
        })?;
        // One value per file: anything but whitespace after it ("{…} {…}", "{…} garbage")
        // is an error, not silently ignored.
        de.end().map_err(|e| json_error("", e))?;
        Facts::build(file, text, origin, Format::Json)
    }

    /// Reads a facts file from disk: JSON if the name ends in `.json`, TOML otherwise.
    ///
    /// # Errors
    ///
    /// [`FactsError::Io`] if it cannot be read; otherwise as the `from_*_str` functions.
    pub fn load(path: &Path) -> Result<Facts, FactsError> {
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| FactsError::Io {
            file: origin.clone(),
            message: e.to_string(),
        })?;
        if path.extension().is_some_and(|e| e == "json") {
            Facts::from_json_str(&text, &origin)
        } else {
            Facts::from_toml_str(&text, &origin)
        }
    }

    fn build(
        file: FactsFile,
        text: &str,
        origin: &str,
        format: Format,
    ) -> Result<Facts, FactsError> {
        let ctx = Ctx {
            text,
            file: origin,
            format,
            doc: &file.document,
            toml: match format {
                Format::Toml => locate::toml_doc(text),
                Format::Json => None,
            },
        };
        let (year, checks) = build::build(&file, &ctx)?;
        Ok(Facts {
            origin: origin.to_owned(),
            file,
            year,
            checks,
        })
    }

    /// Checks every published figure.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] naming the check that cannot be computed.
    pub fn check(&self) -> Result<Vec<CheckResult>, FactsError> {
        self.checks
            .iter()
            .map(|c| {
                self.year.check(c).map_err(|e| FactsError::Invalid {
                    file: self.origin.clone(),
                    line: None,
                    field: format!("check {}", c.id),
                    message: e.to_string(),
                })
            })
            .collect()
    }

    /// The file written back as TOML (reading it again gives the same file).
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] if it cannot be written (a defect).
    pub fn to_toml_string(&self) -> Result<String, FactsError> {
        toml::to_string(&self.file).map_err(|e| parse_error(&self.origin, None, "", e.to_string()))
    }

    /// The file written back as JSON.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] if it cannot be written (a defect).
    pub fn to_json_string(&self) -> Result<String, FactsError> {
        serde_json::to_string_pretty(&self.file)
            .map_err(|e| parse_error(&self.origin, None, "", e.to_string()))
    }
}
