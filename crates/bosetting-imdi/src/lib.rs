//! Reads IMDi's settlement statistics into [`bosetting`]'s typed series.
//!
//! IMDi (the Directorate of Integration and Diversity) publishes request, decision and
//! settled persons per municipality and year as CSV: ISO-8859-1, semicolon-separated, either
//! in the long format (`Enhet;År;Kommunenummer;Kommune;Bosetting;Antall`) or the older wide
//! format with three header rows. `.` means no figure and `:` a figure suppressed for
//! privacy; neither is read as zero. Every row is read or reported: a malformed row is an
//! [`ImportError`] naming the file, the line and the field.
//!
//! ```
//! use bosetting::Year;
//!
//! let export = bosetting_imdi::read(bosetting_imdi::bundled(), "bosetting-kommune-1995-2023.csv")?
//!     .into_long()
//!     .expect("the bundled file is in the long format");
//! let bodo = export.municipality("1804".parse()?).expect("Bodø is in the file");
//! let y2020 = &bodo.years[&Year::new(2020)?];
//! assert_eq!(y2020.settled.and_then(|r| r.value()), Some(41));
//! assert_eq!(y2020.original_request.and_then(|r| r.value()), Some(74));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! Municipalities that changed number are separate series as published (Drammen is `0602`
//! until 2019 and `3005` from 2020); [`Export::follow`] joins them when asked to, with a
//! [`bosetting::Renumbering`] table, and [`Export::harmonised`] gives every 2024 municipality
//! its whole history as the sum of its former parts, marked as harmonised, with figures
//! carried across a split marked approximate. National sums are the same either way.

mod error;
mod harmonise;
mod long;
mod text;
mod wide;

use std::collections::BTreeMap;
use std::path::Path;

use bosetting::{
    Derived, Explanation, MunicipalityNumber, Quantity, QuotaSeries, Renumbering, Year,
};

pub use error::ImportError;
pub use harmonise::{Harmonised, HarmonisedSeries, Numbering};
pub use long::Export;
pub use wide::WideExport;

/// The settlement export IMDi published on 25 September 2023, bundled with the crate
/// (`data/bosetting-kommune-1995-2023.csv`, byte for byte; provenance in `data/README.md`).
///
/// # Example
///
/// ```
/// // ISO-8859-1, as IMDi publishes it: "År" is one byte.
/// assert!(bosetting_imdi::bundled().starts_with(b"Enhet;\xc5r;Kommunenummer;"));
/// ```
pub fn bundled() -> &'static [u8] {
    include_bytes!("../data/bosetting-kommune-1995-2023.csv")
}

/// IMDi's wide export of unaccompanied minors in Telemark 2014–2022, bundled with the crate.
///
/// # Example
///
/// ```
/// let wide = bosetting_imdi::read_wide(bosetting_imdi::bundled_wide(), "telemark.csv")?;
/// assert!(wide.groups.keys().any(|g| g.contains("enslige mindreårige")));
/// # Ok::<(), bosetting_imdi::ImportError>(())
/// ```
pub fn bundled_wide() -> &'static [u8] {
    include_bytes!("../data/enslige-mindrearige-telemark-2014-2022.csv")
}

/// An export as read, in whichever of the two formats it was written.
///
/// Named `AnyExport` rather than `Read` so that `use bosetting_imdi::*` does not shadow
/// [`std::io::Read`].
///
/// # Example
///
/// ```
/// let read = bosetting_imdi::read(bosetting_imdi::bundled_wide(), "telemark.csv")?;
/// assert!(read.clone().into_long().is_none());
/// let wide = read.into_wide().ok_or("the Telemark file is wide")?;
/// assert!(wide.rows > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum AnyExport {
    /// A long-format export.
    Long(Export),
    /// A wide-format export.
    Wide(WideExport),
}

/// The old name of [`AnyExport`]: glob-imported, it shadowed [`std::io::Read`].
#[deprecated(
    since = "0.2.0",
    note = "renamed to `AnyExport`, which does not shadow `std::io::Read`"
)]
pub type Read = AnyExport;

impl AnyExport {
    /// The long export, if that is what was read.
    pub fn into_long(self) -> Option<Export> {
        match self {
            AnyExport::Long(e) => Some(e),
            AnyExport::Wide(_) => None,
        }
    }

    /// The wide export, if that is what was read.
    pub fn into_wide(self) -> Option<WideExport> {
        match self {
            AnyExport::Wide(e) => Some(e),
            AnyExport::Long(_) => None,
        }
    }
}

fn is_wide(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    b.starts_with(b"Region;Navn;")
}

/// Reads an export in either format, detected from its header. `origin` names the file in
/// errors.
///
/// # Errors
///
/// The first [`ImportError`] in the file: a header that is neither format, a row with the
/// wrong number of fields, a count that is not a whole number, `.` or `:`, a year or a
/// municipality number that cannot be read, or a figure given twice.
///
/// # Example
///
/// ```
/// use bosetting_imdi::ImportError;
///
/// let export = bosetting_imdi::read(bosetting_imdi::bundled(), "imdi.csv")?.into_long();
/// assert!(export.is_some_and(|e| e.rows > 0));
///
/// let err = bosetting_imdi::read(b"Kommune;Antall\nBodo;41\n", "other.csv").unwrap_err();
/// assert!(err.to_string().starts_with("other.csv"));
/// # Ok::<(), ImportError>(())
/// ```
pub fn read(bytes: &[u8], origin: &str) -> Result<AnyExport, ImportError> {
    Reader::new(origin).read(bytes)
}

/// Reads a long-format export.
///
/// # Errors
///
/// The first [`ImportError`] in the file, as [`read`]; a wide export is refused by its
/// header.
///
/// # Example
///
/// ```
/// let csv = b"Enhet;\xc5r;Kommunenummer;Kommune;Bosetting;Antall\n\
///             Personer;2020;1804;Bod\xf8;Faktisk bosetting;41\n\
///             Personer;2020;1804;Bod\xf8;Vedtak om bosetting;:\n";
/// let export = bosetting_imdi::read_long(csv, "bodo.csv")?;
/// let year = &export.municipality("1804".parse()?).ok_or("Bodø")?.years[&bosetting::Year::new(2020)?];
/// assert_eq!(year.settled.and_then(|r| r.value()), Some(41));
/// assert_eq!(year.decision, Some(bosetting::Reported::Suppressed)); // `:` is not zero
/// assert!(bosetting_imdi::read_long(bosetting_imdi::bundled_wide(), "wide.csv").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn read_long(bytes: &[u8], origin: &str) -> Result<Export, ImportError> {
    long::read(bytes, origin, false, &mut Vec::new())
}

/// Reads a wide-format export.
///
/// # Errors
///
/// The first [`ImportError`] in the file, as [`read`], or a column whose header the reader
/// does not know (use a lenient [`Reader`] to skip it).
///
/// # Example
///
/// ```
/// let wide = bosetting_imdi::read_wide(bosetting_imdi::bundled_wide(), "telemark.csv")?;
/// assert_eq!(wide.source.document, "IMDi wide export telemark.csv");
/// assert!(bosetting_imdi::read_wide(bosetting_imdi::bundled(), "long.csv").is_err());
/// # Ok::<(), bosetting_imdi::ImportError>(())
/// ```
pub fn read_wide(bytes: &[u8], origin: &str) -> Result<WideExport, ImportError> {
    wide::read(bytes, origin, false, &mut Vec::new())
}

/// The old name of [`load`].
///
/// # Errors
///
/// As [`load`].
///
/// # Example
///
/// ```
/// // Deprecated: the same as `load`.
/// #[allow(deprecated)]
/// let old = bosetting_imdi::read_file("data/bosetting-kommune-1995-2023.csv")?;
/// assert_eq!(old, bosetting_imdi::load("data/bosetting-kommune-1995-2023.csv")?);
/// # Ok::<(), bosetting_imdi::ImportError>(())
/// ```
#[deprecated(
    since = "0.2.0",
    note = "renamed to `load`: bytes are read by `read`, files by `load`"
)]
pub fn read_file(path: impl AsRef<Path>) -> Result<AnyExport, ImportError> {
    load(path)
}

/// Reads an export from disk, in either format.
///
/// # Errors
///
/// [`ImportError::Io`] if it cannot be read, otherwise as [`read`].
///
/// # Example
///
/// ```
/// let read = bosetting_imdi::load("data/bosetting-kommune-1995-2023.csv")?;
/// assert!(read.into_long().is_some());
/// let missing = bosetting_imdi::load("data/no-such-export.csv");
/// assert!(matches!(missing, Err(bosetting_imdi::ImportError::Io { .. })));
/// # Ok::<(), bosetting_imdi::ImportError>(())
/// ```
pub fn load(path: impl AsRef<Path>) -> Result<AnyExport, ImportError> {
    let path = path.as_ref();
    let origin = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| ImportError::Io {
        file: origin.clone(),
        source: e.into(),
    })?;
    read(&bytes, &origin)
}

/// A configurable reader: strict (the first error ends the read) or lenient (every bad row
/// is reported and every good row kept).
///
/// # Example
///
/// ```
/// let bytes = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n\
///              Personer;2020;1804;Bodø;Faktisk bosetting;41\n\
///              Personer;2020;1804;Bodø;Vedtak om bosetting;-74\n";
/// let latin1: Vec<u8> = bytes.chars().map(|c| c as u8).collect();
/// let (read, errors) = bosetting_imdi::Reader::new("demo.csv").lenient().read_all(&latin1)?;
/// assert_eq!(errors.len(), 1);
/// assert_eq!(errors[0].to_string(),
///     "demo.csv:3: Antall \"-74\": expected a whole number of persons (0 to 999 999 999), `.` or `:`");
/// let export = read.into_long().unwrap();
/// assert_eq!(export.rows, 1); // the good row is kept
/// # Ok::<(), bosetting_imdi::ImportError>(())
/// ```
#[derive(Debug, Clone)]
pub struct Reader {
    origin: String,
    lenient: bool,
}

impl Reader {
    /// A strict reader; `origin` names the file in errors.
    pub fn new(origin: impl Into<String>) -> Reader {
        Reader {
            origin: origin.into(),
            lenient: false,
        }
    }

    /// Keep reading past bad rows, reporting each. In a wide export, a column whose header
    /// the reader does not know (an indicator such as "Faktisk bosetting (sammenslått for
    /// tidligere fylker)") is skipped: reported if it has figures, quietly if it is empty. A
    /// strict read refuses such a file with an error naming the column.
    pub fn lenient(mut self) -> Reader {
        self.lenient = true;
        self
    }

    /// Reads, returning the first error (strict) or failing only on file-level errors
    /// (lenient; use [`Reader::read_all`] to get the row errors).
    ///
    /// # Errors
    ///
    /// As [`read`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_imdi::Reader;
    ///
    /// let csv = |rows: &str| -> Vec<u8> {
    ///     format!("Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n{rows}").chars().map(|c| c as u8).collect()
    /// };
    /// let good = "Personer;2020;1804;Bodø;Faktisk bosetting;41\nPersoner;2020;1804;Bodø;Vedtak om bosetting;74\n";
    /// let bad = "Personer;2020;1804;Bodø;Faktisk bosetting;41\nPersoner;2020;1804;Bodø;Vedtak om bosetting;-74\n";
    /// let export = Reader::new("bodo.csv").read(&csv(good))?.into_long().ok_or("a long export")?;
    /// assert_eq!(export.rows, 2);
    ///
    /// // Strict: the bad row ends the read, naming the file and line.
    /// let err = Reader::new("bodo.csv").read(&csv(bad)).unwrap_err();
    /// assert!(err.to_string().starts_with("bodo.csv:3:"), "{err}");
    /// // Lenient: the good row is read; `read_all` also hands back the row errors.
    /// let export = Reader::new("bodo.csv").lenient().read(&csv(bad))?.into_long().ok_or("a long export")?;
    /// assert_eq!(export.rows, 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read(&self, bytes: &[u8]) -> Result<AnyExport, ImportError> {
        self.read_all(bytes).map(|(r, _)| r)
    }

    /// Reads, returning what could be read and every row error.
    ///
    /// # Errors
    ///
    /// File-level errors (an empty file, an unknown header), and in strict mode the first
    /// row error.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_imdi::Reader;
    ///
    /// let csv = |rows: &str| -> Vec<u8> {
    ///     format!("Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n{rows}").chars().map(|c| c as u8).collect()
    /// };
    /// let good = "Personer;2020;1804;Bodø;Faktisk bosetting;41\nPersoner;2020;1804;Bodø;Vedtak om bosetting;74\n";
    /// let bad = "Personer;2020;1804;Bodø;Faktisk bosetting;41\nPersoner;2020;1804;Bodø;Vedtak om bosetting;-74\n";
    /// let (_, errors) = Reader::new("bodo.csv").read_all(&csv(good))?;
    /// assert!(errors.is_empty());
    /// let (read, errors) = Reader::new("bodo.csv").lenient().read_all(&csv(bad))?;
    /// assert_eq!(errors.len(), 1);
    /// assert_eq!(read.into_long().map(|e| e.rows), Some(1));
    ///
    /// // A file-level fault ends even a lenient read.
    /// assert!(Reader::new("empty.csv").lenient().read_all(b"").is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn read_all(&self, bytes: &[u8]) -> Result<(AnyExport, Vec<ImportError>), ImportError> {
        let mut errors = Vec::new();
        let r = if is_wide(bytes) {
            AnyExport::Wide(wide::read(bytes, &self.origin, self.lenient, &mut errors)?)
        } else {
            AnyExport::Long(long::read(bytes, &self.origin, self.lenient, &mut errors)?)
        };
        Ok((r, errors))
    }
}

/// A municipality's distance from its decision in a year (see
/// [`Export::furthest_from_decision`] for an example).
///
/// # Example
///
/// ```
/// use bosetting::Year;
///
/// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
/// for gap in export.furthest_from_decision(Year::new(2020)?, 5) {
///     // settled − decided, explained by the two figures.
///     assert_eq!(gap.gap.value, i64::from(gap.settled) - i64::from(gap.decision));
///     assert_eq!(gap.gap.explanation.inputs.len(), 2);
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionGap {
    /// The municipality.
    pub number: MunicipalityNumber,
    /// Its name in the export.
    pub name: String,
    /// Decided.
    pub decision: u32,
    /// Settled.
    pub settled: u32,
    /// Settled − decided, explained.
    pub gap: Derived<i64>,
}

impl Export {
    /// The series of one municipality number.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    ///
    /// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
    /// let drammen_old = export.municipality("0602".parse()?).ok_or("0602 is in the file")?;
    /// assert_eq!(drammen_old.years[&Year::new(2017)?].settled.and_then(|r| r.value()), Some(141));
    /// // Published under its own number: 0602 has no year after 2019.
    /// assert!(!drammen_old.years.contains_key(&Year::new(2020)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn municipality(&self, number: MunicipalityNumber) -> Option<&QuotaSeries> {
        self.series.get(&number)
    }

    /// Follows a municipality across renumberings (`3005` Drammen joined with `0602` before
    /// 2020), using `table`.
    ///
    /// # Errors
    ///
    /// [`bosetting::Error::NotComputable`] if no number on the chain is in the export.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Renumbering, Year};
    ///
    /// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
    /// let table = Renumbering::builtin()?;
    /// let drammen = export.follow("3005".parse()?, &table)?;
    /// let settled = |y| drammen.years.get(&Year::new(y).ok()?)?.settled?.value();
    /// assert_eq!((settled(2019), settled(2020)), (Some(65), Some(56)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn follow(
        &self,
        number: MunicipalityNumber,
        table: &Renumbering,
    ) -> Result<QuotaSeries, bosetting::Error> {
        QuotaSeries::follow(number, table, |n| self.series.get(&n))
    }

    /// National totals: the sum of every municipality row, per year, with the number of
    /// suppressed cells per year (where the sum is therefore a lower bound).
    ///
    /// # Errors
    ///
    /// [`bosetting::Error::Overflow`] if a year's sum does not fit.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    ///
    /// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
    /// let (norway, suppressed) = export.national()?;
    /// let y = Year::new(2020)?;
    /// assert_eq!(norway.years[&y].settled.and_then(|r| r.value()), Some(2_759));
    /// assert!(suppressed[&y] > 0); // so 2 759 is a lower bound
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn national(&self) -> Result<(QuotaSeries, BTreeMap<Year, u32>), bosetting::Error> {
        QuotaSeries::sum("Norway (sum of municipality rows)", self.series.values())
    }

    /// The municipalities whose settled count was furthest from their decision in `year`
    /// (largest |settled − decided| first), at most `n` of them. Municipalities without both
    /// figures are left out of the ranking, not counted as zero.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    ///
    /// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
    /// let gaps = export.furthest_from_decision(Year::new(2020)?, 2);
    /// let bergen = &gaps[0];
    /// assert_eq!((bergen.name.as_str(), bergen.decision, bergen.settled), ("Bergen", 195, 118));
    /// assert_eq!(bergen.gap.value, -77);
    /// assert_eq!(gaps.len(), 2);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn furthest_from_decision(&self, year: Year, n: usize) -> Vec<DecisionGap> {
        let mut gaps: Vec<DecisionGap> = self
            .series
            .values()
            .filter_map(|s| {
                let q = s.years.get(&year)?;
                let d = q.decision?.value()?;
                let st = q.settled?.value()?;
                let number = s.number?;
                let v = i64::from(st).saturating_sub(i64::from(d));
                let src = s.source.clone().unwrap_or_default();
                Some(DecisionGap {
                    number,
                    name: s.name.clone(),
                    decision: d,
                    settled: st,
                    gap: Derived::new(
                        v,
                        Explanation::derived(
                            bosetting::Phrase::new("{municipality} {year}: settled − decided")
                                .with("municipality", bosetting::Arg::verbatim(s.name.clone()))
                                .with("year", year),
                            Quantity::persons(v),
                            "settled − decided",
                            vec![
                                Explanation::input("settled", Quantity::persons(st), src.clone()),
                                Explanation::input("decided", Quantity::persons(d), src),
                            ],
                        ),
                    ),
                })
            })
            .collect();
        gaps.sort_by(|a, b| {
            b.gap
                .value
                .unsigned_abs()
                .cmp(&a.gap.value.unsigned_abs())
                .then_with(|| a.number.cmp(&b.number))
        });
        gaps.truncate(n);
        gaps
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]
mod tests {
    use super::*;
    use bosetting::Reported;

    fn latin1(s: &str) -> Vec<u8> {
        s.chars()
            .map(|c| u8::try_from(u32::from(c)).unwrap())
            .collect()
    }

    const HEAD: &str = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n";

    #[test]
    fn the_bundled_file_reads_completely() {
        let e = read_long(bundled(), "bundled").unwrap();
        assert_eq!(e.rows, 74_898);
        let y = |y| Year::new(y).unwrap();
        let stavanger = e.municipality("1103".parse().unwrap()).unwrap();
        assert_eq!(
            stavanger.years[&y(2017)].settled,
            Some(Reported::Value(277))
        );
        let drammen = e.municipality("3005".parse().unwrap()).unwrap();
        assert_eq!(drammen.name, "Drammen (f.o.m. 2020)");
        assert_eq!(drammen.years[&y(2020)].request, Some(Reported::Value(56)));
        let joined = e
            .follow("3005".parse().unwrap(), &Renumbering::builtin().unwrap())
            .unwrap();
        assert_eq!(joined.years[&y(2017)].decision, Some(Reported::Value(165)));
        assert_eq!(joined.years[&y(2023)].decision, Some(Reported::Value(400)));
        let (nat, gaps) = e.national().unwrap();
        assert_eq!(nat.years[&y(2022)].settled, Some(Reported::Value(31_253)));
        assert_eq!(gaps[&y(2022)], 2);
        // Nothing is lost: every row is in a cell.
        let cells: usize = e
            .series
            .values()
            .flat_map(|s| s.years.values())
            .map(|q| {
                [q.request, q.original_request, q.decision, q.settled]
                    .iter()
                    .flatten()
                    .count()
                    + [
                        q.percent.request,
                        q.percent.original_request,
                        q.percent.decision,
                        q.percent.settled,
                    ]
                    .iter()
                    .flatten()
                    .count()
            })
            .sum();
        assert_eq!(cells, e.rows);
    }

    #[test]
    fn the_bundled_wide_file_reads() {
        let w = read_wide(bundled_wide(), "wide").unwrap();
        assert_eq!(w.rows, 23);
        let em = &w.groups["Bosetting enslige mindreårige"];
        let horten = &em[&"3801".parse().unwrap()];
        assert_eq!(horten.name, "Horten");
        assert_eq!(
            horten.years[&Year::new(2016).unwrap()].request,
            Some(Reported::Value(20))
        );
        assert_eq!(
            horten.years[&Year::new(2018).unwrap()].request,
            Some(Reported::Suppressed)
        );
    }

    #[test]
    fn bad_rows_name_line_and_field() {
        let cases: &[(&str, &str)] = &[
            (
                "Personer;2020;1804;Bodø;Faktisk bosetting\n",
                "t.csv:2: expected 6 fields, found 5",
            ),
            (
                "Personer;2020;18045;Bodø;Faktisk bosetting;41\n",
                "t.csv:2: Kommunenummer \"18045\": expected four digits other than 0000",
            ),
            (
                "Personer;20x0;1804;Bodø;Faktisk bosetting;41\n",
                "t.csv:2: År \"20x0\": expected a four-digit year",
            ),
            (
                "Folk;2020;1804;Bodø;Faktisk bosetting;41\n",
                "t.csv:2: Enhet \"Folk\": expected Personer or Prosent",
            ),
            (
                "Personer;2020;1804;Bodø;Bosatt;41\n",
                "t.csv:2: Bosetting \"Bosatt\": expected Anmodning om bosetting, Opprinnelig anmodning, Vedtak om bosetting or Faktisk bosetting",
            ),
            (
                "Personer;2020;1804;Bodø;Faktisk bosetting;99999999999\n",
                "t.csv:2: Antall \"99999999999\": expected a whole number of persons (0 to 999 999 999), `.` or `:`",
            ),
            (
                "Personer;2020;1804;Bodø;Faktisk bosetting;41\nPersoner;2020;1804;Bodø;Faktisk bosetting;42\n",
                "t.csv:3: a second row for 1804 2020 Personer Faktisk bosetting (the first is on line 2)",
            ),
            (
                "Personer;2020;1804;Bodø;Faktisk bosetting;41\n\nPersoner;2021;1804;Bodø;Faktisk bosetting;42\n",
                "t.csv:3: an empty line where a row was expected",
            ),
        ];
        for (body, want) in cases {
            let text = latin1(&format!("{HEAD}{body}"));
            let e = read_long(&text, "t.csv").unwrap_err();
            assert_eq!(&e.to_string(), want);
        }
        assert_eq!(
            read_long(b"", "t.csv").unwrap_err().to_string(),
            "t.csv: the file is empty"
        );
        // Quoted fields are read as CSV quotes them:
        let quoted = latin1(&format!(
            "{HEAD}Personer;2020;1804;\"Bodø; by\";Faktisk bosetting;41\nPersoner;2020;1804;\"Bodø; by\";Vedtak om bosetting;\"74\"\n"
        ));
        let e = read_long(&quoted, "q.csv").unwrap();
        assert_eq!(e.rows, 2);
        assert_eq!(e.series[&"1804".parse().unwrap()].name, "Bodø; by");
        // A UTF-8 file is read as UTF-8, not as mojibake:
        let utf8 = format!("{HEAD}Personer;2020;1804;Bodø;Faktisk bosetting;41\n");
        let e = read_long(utf8.as_bytes(), "u.csv").unwrap();
        assert_eq!(e.series[&"1804".parse().unwrap()].name, "Bodø");
    }
}
