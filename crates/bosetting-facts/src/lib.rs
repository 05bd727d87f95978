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
mod v2;

use std::path::Path;

use bosetting::{CheckResult, CheckSpec, Document, MunicipalityYear};

pub use error::FactsError;
pub use schema::{FactsFile, SCHEMA, SCHEMA_V1};

use build::{Ctx, Format, Index};

/// Every measure a `[[fact]]`, a table cell, a relation's term or a `[[check]]` at a body
/// and period can name: its name, unit, how it adds up, and what it means; then every
/// year-view figure a `[[check]]` of a municipality year can name, with its arguments.
/// Generated from [`bosetting::measures`] and [`bosetting::FigureRef::catalogue`]; a test
/// fails when this page and the code disagree.
#[doc = include_str!("../MEASURES.md")]
pub mod measures {}

/// What real documents count, point by point (unaccompanied minors, programme outcomes,
/// caseload, dated statuses, proposals, bounded decisions, partial breakdowns, units'
/// budgets, conditions): how each is written in a facts file, with an example that loads
/// and checks it.
#[doc = include_str!("../DOCUMENTS.md")]
pub mod documents {}

/// The checks of a facts file as a report takes them: the municipality year's checks
/// beside their specs, and the document's other checks.
///
/// # Example
///
/// ```
/// let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// let (year_checks, other): bosetting_facts::Checked = facts.checked()?;
/// let (spec, result) = &year_checks[3];
/// assert_eq!((spec.id.as_str(), result.id.as_str()), ("bodo20.shortfall", "bodo20.shortfall"));
/// assert!(other.is_empty());
/// # Ok::<(), bosetting_facts::FactsError>(())
/// ```
pub type Checked = (Vec<(CheckSpec, CheckResult)>, Vec<CheckResult>);

/// A read facts file: the file as written, the document built from it, and the checks of
/// its municipality year.
///
/// # Example
///
/// Bodø's annual report 2020 as shipped in `examples/data`: every published figure is
/// checked, and each has the status the file expects of it.
///
/// ```
/// use bosetting_facts::Facts;
///
/// let facts = Facts::load("../../examples/data/bodo_2020.toml")?;
/// assert_eq!(facts.file_name(), "bodo_2020.toml");
/// assert_eq!(facts.checks.len(), 17);
/// let results = facts.check()?;
/// assert!(results.iter().all(|r| r.is_as_expected()));
/// # Ok::<(), bosetting_facts::FactsError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// Where it was read from.
    pub origin: String,
    /// The file as written.
    pub file: FactsFile,
    /// The document: bodies, facts, tables, relations, checks at an address, and the
    /// municipality year (if the file describes one) as its view.
    pub document: Document,
    /// The published figures of the municipality year to check.
    pub checks: Vec<CheckSpec>,
}

/// A reader's message in words an analyst can act on: what is wrong, and how to write it.
/// `line` is the text of the line the error is on, where known.
pub(crate) fn humane(message: &str, line: Option<&str>) -> String {
    let line = line.unwrap_or_default();
    let digit_run = |s: &str, sep: char| {
        let b: Vec<char> = s.chars().collect();
        b.windows(3).any(
            |w| matches!(w, [a, c, d] if a.is_ascii_digit() && *c == sep && d.is_ascii_digit()),
        )
    };
    // "invalid value: integer `-20`, expected u32"
    if let Some(rest) = message.strip_prefix("invalid value: integer `") {
        if let Some((n, expected)) = rest.split_once("`, expected ") {
            if expected.starts_with('u') {
                return if n.starts_with('-') {
                    format!("{n}: must be 0 or more (write a whole number such as 20)")
                } else {
                    format!("{n}: too large for a count here (it must fit {expected})")
                };
            }
        }
    }
    if let Some(rest) = message.strip_prefix("invalid type: string ") {
        if rest.contains("expected u") || rest.contains("expected i") {
            let shown = rest.split(", expected").next().unwrap_or(rest);
            return format!("{shown} is text: write the whole number without quotes");
        }
    }
    // A date written the Norwegian way (30.04.2024) reads as a malformed float.
    let dotted_date = line
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .any(|w| {
            let parts: Vec<&str> = w.split('.').collect();
            parts.len() == 3 && parts.iter().all(|p| !p.is_empty())
        });
    if dotted_date && (message.contains("invalid float") || message.contains("expected nothing")) {
        return "a date written day.month.year: write dates as 2024-04-15 (year-month-day), without quotes".to_owned();
    }
    if message.starts_with("invalid date") || message.contains("expected a date") {
        return format!("{message}; write dates as 2024-04-15 (year-month-day)");
    }
    if message.contains("extra comma in inline table") && digit_run(line, ',') {
        return "a decimal comma in a number: write 2.5, or \"2,5\" in quotes".to_owned();
    }
    // "unknown field `plases`, expected one of `kind`, `places`, …": suggest the nearest.
    if let Some(rest) = message.strip_prefix("unknown field `") {
        if let Some((name, expected)) = rest.split_once("`, expected ") {
            let fields: Vec<&str> = expected
                .split('`')
                .enumerate()
                .filter(|(i, _)| i % 2 == 1)
                .map(|(_, f)| f)
                .collect();
            let near = bosetting::nearest_name(name, fields.iter().copied());
            return match near {
                Some(f) => format!(
                    "unknown field `{name}`: did you mean `{f}`? (the fields here: {})",
                    fields.join(", ")
                ),
                None => format!(
                    "unknown field `{name}` (the fields here: {})",
                    fields.join(", ")
                ),
            };
        }
    }
    message.to_owned()
}

/// A reader's error at `line` of `text`, in words an analyst can act on.
fn reader_error(
    text: &str,
    origin: &str,
    line: Option<usize>,
    path: &str,
    message: &str,
) -> FactsError {
    let at = line.and_then(|l| text.lines().nth(l.saturating_sub(1)));
    parse_error(origin, line, path, humane(message, at))
}

fn parse_error(origin: &str, line: Option<usize>, path: &str, message: String) -> FactsError {
    let field = if path.is_empty() || path == "." {
        "(file)"
    } else {
        path
    };
    FactsError::invalid(origin, line, field, message)
}

impl Facts {
    /// Reads a facts file in TOML; `origin` names it in errors and in what is built from it.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] naming `origin`, the line and the field, when the text is not
    /// TOML, a field is unknown or misspelt, a value cannot be read (a negative count, a
    /// date written 30.04.2024, a decimal comma), or the facts do not agree with each other.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_facts::Facts;
    ///
    /// let text = r#"
    /// schema = "bosetting-facts/1"
    /// [document]
    /// id = "demo"
    /// file = "demo.pdf"
    /// title = "Demo"
    /// municipality = { number = "1804", name = "Bodø" }
    /// year = 2020
    /// [[decision]]
    /// plases = 74
    /// quote = "vedtatt 74"
    /// "#;
    /// let err = Facts::from_toml_str(text, "demo.toml").unwrap_err();
    /// assert_eq!((err.line(), err.field()), (Some(10), Some("decision[0].plases")));
    /// assert!(err.to_string().contains("did you mean `places`?"));
    ///
    /// let facts = Facts::from_toml_str(&text.replace("plases", "places"), "demo.toml")?;
    /// let year = facts.year().map(|y| y.settlement.year.get());
    /// assert_eq!(year, Some(2020));
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Facts, FactsError> {
        let de = toml::Deserializer::parse(text).map_err(|e| {
            let line = e.span().map(|s| locate::line_of(text, s.start));
            reader_error(text, origin, line, "", e.message().trim())
        })?;
        let file: FactsFile = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            let line = inner
                .span()
                .map(|s| locate::line_of(text, s.start))
                .or_else(|| locate::toml_line(text, &path));
            reader_error(text, origin, line, &path, inner.message().trim())
        })?;
        Facts::build(file, text, origin, Format::Toml)
    }

    /// Reads a facts file in JSON (the same schema): one JSON object, with nothing but
    /// whitespace after it.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] naming `origin`, the line and the field, for the same faults
    /// as [`Facts::from_toml_str`]; for text after the object, the line it starts on.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_facts::Facts;
    ///
    /// let text = r#"{
    ///   "schema": "bosetting-facts/1",
    ///   "document": { "id": "demo", "file": "demo.pdf", "title": "Demo",
    ///                 "municipality": { "number": "1804", "name": "Bodø" }, "year": 2020 },
    ///   "settled": { "total": { "value": 41, "quote": "bosatte 41" } }
    /// }"#;
    /// let facts = Facts::from_json_str(text, "demo.json")?;
    /// assert_eq!(facts.origin, "demo.json");
    ///
    /// let err = Facts::from_json_str(&format!("{text}\n{{}}"), "demo.json").unwrap_err();
    /// assert_eq!(err.line(), Some(7));
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
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
            reader_error(text, origin, line, path, &msg)
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
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_facts::{Facts, FactsError};
    ///
    /// let facts = Facts::load("../../examples/data/drammen_2024.toml")?;
    /// assert_eq!(facts.file.document.year, Some(2024));
    ///
    /// let missing = Facts::load("../../examples/data/no_such_file.toml");
    /// assert!(matches!(missing, Err(FactsError::Io { .. })));
    /// # Ok::<(), FactsError>(())
    /// ```
    pub fn load(path: impl AsRef<Path>) -> Result<Facts, FactsError> {
        let path = path.as_ref();
        let origin = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| FactsError::Io {
            file: origin.clone(),
            source: e.into(),
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
            doc: &file.document,
            index: Index::new(text, format),
        };
        let built = build::build(&file, &ctx)?;
        Ok(Facts {
            origin: origin.to_owned(),
            file,
            document: built.document,
            checks: built.year_checks,
        })
    }

    /// The municipality year the file describes, if it describes one.
    ///
    /// # Example
    ///
    /// ```
    /// let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
    /// let year = facts.year().map(|y| y.settlement.municipality.name.as_str());
    /// assert_eq!(year, Some("Bodø"));
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
    pub fn year(&self) -> Option<&MunicipalityYear> {
        self.document.years.first().map(|v| &v.year)
    }

    /// The origin as published output should show it: the file's name without its folders.
    ///
    /// # Example
    ///
    /// ```
    /// let facts = bosetting_facts::Facts::load("../../examples/data/stavanger_2017.toml")?;
    /// assert_eq!(facts.origin, "../../examples/data/stavanger_2017.toml");
    /// assert_eq!(facts.file_name(), "stavanger_2017.toml");
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
    pub fn file_name(&self) -> &str {
        Path::new(&self.origin)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(&self.origin)
    }

    /// The checks of the municipality year beside their specs, and the document's other
    /// checks: the two lists a report is built from.
    ///
    /// # Errors
    ///
    /// As [`Facts::check`].
    ///
    /// # Example
    ///
    /// ```
    /// let facts = bosetting_facts::Facts::load("../../examples/data/drammen_2017_t1.toml")?;
    /// let (year_checks, other) = facts.checked()?;
    /// assert_eq!(year_checks.len(), facts.checks.len());
    /// assert!(year_checks.iter().all(|(spec, result)| spec.id == result.id));
    /// assert!(other.is_empty());
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
    pub fn checked(&self) -> Result<Checked, FactsError> {
        let mut all = self.check()?;
        let rest = all.split_off(self.checks.len().min(all.len()));
        Ok((self.checks.iter().cloned().zip(all).collect(), rest))
    }

    /// Checks every published figure: the municipality year's checks, then the checks at an
    /// address, the tables' totals and the relations.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] naming the check that cannot be computed: a figure whose
    /// inputs the file does not give (a shortfall without a decision), or one the model
    /// cannot compute from them (a share of nothing).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Status;
    ///
    /// let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
    /// let results = facts.check()?;
    /// let shortfall = results.iter().find(|r| r.id == "bodo20.shortfall");
    /// assert_eq!(shortfall.map(|r| r.status), Some(Status::Reproduced));
    /// let inconsistent = results.iter().filter(|r| r.status == Status::Inconsistent).count();
    /// assert_eq!(inconsistent, 1);
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
    pub fn check(&self) -> Result<Vec<CheckResult>, FactsError> {
        let fail = |field: String, e: bosetting::Error| {
            FactsError::invalid(&self.origin, None, field, e.to_string()).caused_by(e)
        };
        let mut out = Vec::new();
        if let Some(y) = self.year() {
            let y = y.indexed();
            for c in &self.checks {
                out.push(y.check(c).map_err(|e| fail(format!("check {}", c.id), e))?);
            }
        }
        out.extend(
            self.document
                .check_all()
                .map_err(|e| fail("document".to_owned(), e))?,
        );
        Ok(out)
    }

    /// The file in `bosetting-facts/2`: a v1 file with its schema line changed (every v1
    /// file reads the same as v2); a v2 file unchanged. Comments and layout are kept.
    ///
    /// ```
    /// let v1 = "schema = \"bosetting-facts/1\"\n# kept\n";
    /// assert_eq!(bosetting_facts::upgrade(v1), "schema = \"bosetting-facts/2\"\n# kept\n");
    /// ```
    pub fn upgraded(text: &str) -> String {
        upgrade(text)
    }

    /// The file written back as TOML (reading it again gives the same file).
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] if it cannot be written (a defect).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_facts::Facts;
    ///
    /// let facts = Facts::load("../../examples/data/bodo_2020.toml")?;
    /// let again = Facts::from_toml_str(&facts.to_toml_string()?, "again.toml")?;
    /// assert_eq!(again.file, facts.file);
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
    pub fn to_toml_string(&self) -> Result<String, FactsError> {
        toml::to_string(&self.file).map_err(|e| parse_error(&self.origin, None, "", e.to_string()))
    }

    /// The file written back as JSON.
    ///
    /// # Errors
    ///
    /// [`FactsError::Invalid`] if it cannot be written (a defect).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_facts::Facts;
    ///
    /// let facts = Facts::load("../../examples/data/stavanger_2017.toml")?;
    /// let json = facts.to_json_string()?;
    /// assert_eq!(Facts::from_json_str(&json, "stavanger.json")?.file, facts.file);
    /// # Ok::<(), bosetting_facts::FactsError>(())
    /// ```
    pub fn to_json_string(&self) -> Result<String, FactsError> {
        serde_json::to_string_pretty(&self.file)
            .map_err(|e| parse_error(&self.origin, None, "", e.to_string()))
    }
}

/// A facts file's text in `bosetting-facts/2` (see [`Facts::upgraded`]).
///
/// # Example
///
/// ```
/// let json = r#"{"schema": "bosetting-facts/1", "document": {}}"#;
/// assert_eq!(
///     bosetting_facts::upgrade(json),
///     r#"{"schema": "bosetting-facts/2", "document": {}}"#,
/// );
/// ```
pub fn upgrade(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut done = false;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let names_schema = t.starts_with("schema") || t.starts_with("\"schema\"");
        if !done && names_schema && line.contains(SCHEMA_V1) {
            out.push_str(&line.replacen(SCHEMA_V1, SCHEMA, 1));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    if !done {
        // A JSON file on one line: the schema's quoted value is its first occurrence.
        let quoted = format!("\"{SCHEMA_V1}\"");
        if out.contains(&quoted) {
            return out.replacen(&quoted, &format!("\"{SCHEMA}\""), 1);
        }
    }
    out
}

/// The year-view figures reference (the second part of the `measures` module's page), as
/// generated from [`bosetting::FigureRef::catalogue`]: each figure's name, its arguments as
/// written beside the name, its unit and its meaning.
///
/// # Example
///
/// ```
/// let table = bosetting_facts::figures_reference();
/// assert!(table.starts_with("| figure | arguments | unit | meaning |"));
/// assert!(table.contains("| `settlement.shortfall` |"));
/// ```
pub fn figures_reference() -> String {
    use std::fmt::Write as _;
    let mut s = String::from("| figure | arguments | unit | meaning |\n|---|---|---|---|\n");
    for f in bosetting::FigureRef::catalogue() {
        let args = f
            .args
            .iter()
            .map(|a| {
                let optional = if a.required { "" } else { ", optional" };
                format!("`{} = {}` ({}{optional})", a.name, a.example, a.meaning)
            })
            .collect::<Vec<_>>()
            .join("; ");
        let args = if args.is_empty() {
            "—".to_owned()
        } else {
            args
        };
        let _ = writeln!(s, "| `{}` | {args} | {} | {} |", f.name, f.unit, f.meaning);
    }
    s
}

/// The measures reference (the `measures` module's page), as generated from the code.
///
/// # Example
///
/// ```
/// let table = bosetting_facts::measures_reference();
/// assert!(table.contains("| `settlement.decided` | persons |"));
/// ```
pub fn measures_reference() -> String {
    use std::fmt::Write as _;
    let mut s = String::from(
        "| measure | unit | adds up over | meaning | derived as |\n|---|---|---|---|---|\n",
    );
    for m in bosetting::measures() {
        let adds = match m.adds {
            bosetting::Adds::Never => "nothing",
            bosetting::Adds::Parts => "parts and categories",
            bosetting::Adds::PartsAndPeriods => "parts, categories and years",
            _ => "?",
        };
        let how = match m.formula {
            bosetting::Formula::Stated => "stated".to_owned(),
            bosetting::Formula::Difference(a, b) => format!("`{a}` − `{b}`"),
            bosetting::Formula::Quotient(a, b) => format!("`{a}` / `{b}`"),
            bosetting::Formula::Sum(ms) => ms
                .iter()
                .map(|m| format!("`{m}`"))
                .collect::<Vec<_>>()
                .join(" + "),
            bosetting::Formula::ShareOfWhole(m) => format!("this part of `{m}` / all of it"),
            bosetting::Formula::YearLess(a, b) => format!("`{a}` for the year − `{b}` at the date"),
            bosetting::Formula::ShareOfYear(a, b) => {
                format!("`{a}` at the date / `{b}` for the year")
            }
            _ => "?".to_owned(),
        };
        let _ = writeln!(
            s,
            "| `{}` | {} | {adds} | {} | {how} |",
            m.name,
            m.unit.name(),
            m.meaning
        );
    }
    s
}

#[cfg(test)]
mod loading_work;
