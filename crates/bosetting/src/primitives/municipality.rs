//! Municipalities, their four-digit numbers, and renumbering at mergers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::calendar::Year;
use crate::error::{Error, Result};
use crate::phrase::{Arg, Phrase};
use crate::provenance::Source;

/// A Norwegian municipality number (*kommunenummer*): four digits, the first two naming the
/// county at the time (`0301` Oslo, `1804` Bodø, `3005` Drammen 2020–2023).
///
/// Leading zeros are significant and kept: it parses from and displays as four digits.
///
/// # Example
///
/// ```
/// use bosetting::MunicipalityNumber;
///
/// let oslo: MunicipalityNumber = "0301".parse()?;
/// assert_eq!(oslo.to_string(), "0301");
/// assert!("301".parse::<MunicipalityNumber>().is_err());
/// assert!("03011".parse::<MunicipalityNumber>().is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "kommunenummer")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct MunicipalityNumber(u16);

impl MunicipalityNumber {
    /// From the four ASCII digits of a number.
    ///
    /// # Errors
    ///
    /// [`Error::MunicipalityNumber`] unless `digits` is exactly four ASCII digits other than
    /// `0000`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::MunicipalityNumber;
    ///
    /// assert_eq!(MunicipalityNumber::from_digits(b"1804")?.get(), 1804);
    /// assert!(MunicipalityNumber::from_digits(b"0000").is_err());
    /// assert!(MunicipalityNumber::from_digits(b"18O4").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn from_digits(digits: &[u8]) -> Result<MunicipalityNumber> {
        let refuse = |reason| Error::MunicipalityNumber {
            value: String::from_utf8_lossy(digits).into_owned(),
            reason,
        };
        let [a, b, c, d] = digits else {
            return Err(refuse("expected exactly four digits"));
        };
        let mut n = 0u16;
        for &x in [a, b, c, d] {
            if !x.is_ascii_digit() {
                return Err(refuse("expected exactly four digits"));
            }
            // Four digits are at most 9999, so this cannot overflow a u16.
            n = n
                .saturating_mul(10)
                .saturating_add(u16::from(x.saturating_sub(b'0')));
        }
        if n == 0 {
            return Err(refuse("0000 is not a municipality"));
        }
        Ok(MunicipalityNumber(n))
    }

    /// From the number's value (`301` for `0301`).
    ///
    /// # Errors
    ///
    /// [`Error::MunicipalityNumber`] for 0 or anything above 9999.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::MunicipalityNumber;
    ///
    /// let oslo = MunicipalityNumber::new(301)?;
    /// assert_eq!((oslo.to_string(), oslo.county()), ("0301".to_owned(), 3));
    /// assert!(MunicipalityNumber::new(10_000).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(n: u16) -> Result<MunicipalityNumber> {
        if n == 0 || n > 9999 {
            return Err(Error::MunicipalityNumber {
                value: n.to_string(),
                reason: "expected a number from 0001 to 9999",
            });
        }
        Ok(MunicipalityNumber(n))
    }

    /// The number's value (`301` for `0301`).
    pub fn get(self) -> u16 {
        self.0
    }

    /// The county part, the first two digits (`03` for Oslo), as a number.
    pub fn county(self) -> u16 {
        self.0 / 100
    }
}

impl FromStr for MunicipalityNumber {
    type Err = Error;
    fn from_str(s: &str) -> Result<MunicipalityNumber> {
        MunicipalityNumber::from_digits(s.as_bytes())
    }
}

impl fmt::Display for MunicipalityNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.0)
    }
}

impl TryFrom<String> for MunicipalityNumber {
    type Error = Error;
    fn try_from(s: String) -> Result<MunicipalityNumber> {
        s.parse()
    }
}

impl From<MunicipalityNumber> for String {
    fn from(n: MunicipalityNumber) -> String {
        n.to_string()
    }
}

/// A number a municipality used until a merger or a county reform.
///
/// # Example
///
/// ```
/// use bosetting::{Municipality, Year};
///
/// let holmestrand = Municipality::new("3903".parse()?, "Holmestrand").formerly("0715".parse()?, Year::new(2019)?);
/// assert_eq!(holmestrand.former[0].until, Year::new(2019)?);
/// assert_eq!(holmestrand.number_in(Year::new(2019)?).to_string(), "0715");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FormerNumber {
    /// The old number.
    pub number: MunicipalityNumber,
    /// The last year it was in use.
    pub until: Year,
}

/// A municipality: its current number and name, and the numbers it had before.
///
/// # Example
///
/// ```
/// use bosetting::{Municipality, Year};
///
/// let drammen = Municipality::new("3301".parse()?, "Drammen")
///     .formerly("0602".parse()?, Year::new(2019)?)
///     .formerly("3005".parse()?, Year::new(2023)?);
/// assert_eq!(drammen.number_in(Year::new(2017)?).to_string(), "0602");
/// assert_eq!(drammen.number_in(Year::new(2022)?).to_string(), "3005");
/// assert_eq!(drammen.number_in(Year::new(2024)?).to_string(), "3301");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "kommune")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Municipality {
    /// The current number.
    pub number: MunicipalityNumber,
    /// The name.
    pub name: String,
    /// Earlier numbers, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<FormerNumber>,
}

impl Municipality {
    /// A municipality with its current number.
    pub fn new(number: MunicipalityNumber, name: impl Into<String>) -> Municipality {
        Municipality {
            number,
            name: name.into(),
            former: Vec::new(),
        }
    }

    /// Adds a number used up to and including `until`.
    pub fn formerly(mut self, number: MunicipalityNumber, until: Year) -> Municipality {
        self.former.push(FormerNumber { number, until });
        self.former.sort_by_key(|f| f.until);
        self
    }

    /// The number the municipality had in `year`.
    pub fn number_in(&self, year: Year) -> MunicipalityNumber {
        self.former
            .iter()
            .find(|f| year <= f.until)
            .map_or(self.number, |f| f.number)
    }
}

impl fmt::Display for Municipality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.number, self.name)
    }
}

/// One renumbering: from the first year `first_year`, what was `from` is counted as `to`.
///
/// # Example
///
/// ```
/// use bosetting::{Renumbering, Year};
///
/// let table = Renumbering::builtin()?;
/// // Drammen (3005) came from 0602 (and the merged 0625 and 0711) in 2020.
/// let into_3005 = table.predecessors("3005".parse()?);
/// let y2020 = Year::new(2020)?;
/// assert!(into_3005.iter().any(|c| c.from.to_string() == "0602" && c.first_year == y2020));
/// assert!(into_3005.iter().all(|c| !c.source.document.is_empty()));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct NumberChange {
    /// The old number.
    pub from: MunicipalityNumber,
    /// The new number.
    pub to: MunicipalityNumber,
    /// The first year under the new number.
    pub first_year: Year,
    /// Where the change is documented.
    pub source: Source,
}

/// A table of municipality renumberings, to follow a series across mergers.
///
/// Following is explicit: a series is only joined across numbers when the caller asks, with
/// a table whose every entry has a source. Several old numbers may lead to one new number (a
/// merger); [`Renumbering::predecessors`] lists them all, and the caller decides whether to
/// follow one (the municipality that kept its name) or sum them.
///
/// # Example
///
/// ```
/// use bosetting::{Renumbering, Year};
///
/// let table = Renumbering::builtin()?;
/// let drammen = "3301".parse()?;
/// let chain = table.chain(drammen);
/// let numbers: Vec<String> = chain.iter().map(|(n, _)| n.to_string()).collect();
/// assert_eq!(numbers, ["0602", "3005", "3301"]);
/// // 0602 is used up to 2019, 3005 from 2020, 3301 from 2024:
/// assert_eq!(table.number_in(drammen, Year::new(2019)?).to_string(), "0602");
/// assert_eq!(table.number_in(drammen, Year::new(2020)?).to_string(), "3005");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "nytt kommunenummer")]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "RenumberingRepr")]
pub struct Renumbering {
    /// The changes, in any order.
    pub changes: Vec<NumberChange>,
    /// Splits: numbers whose area went to more than one of today's municipalities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<Split>,
}

/// A number whose area is now in more than one municipality (in 2024 Haram, 1580, left
/// Ålesund, so Ålesund 2020–2023, 1507, holds what is both today). A grouping into today's
/// municipalities cannot undo it: figures carried across it are approximate.
///
/// # Example
///
/// ```
/// use bosetting::{Renumbering, Year};
///
/// let table = Renumbering::builtin()?;
/// // Ålesund 2020–2023 (1507): today both Ålesund (1508) and Haram (1580).
/// let alesund = table.splits.iter().find(|s| s.from.to_string() == "1507").ok_or("the 1507 split")?;
/// assert_eq!(alesund.into, ["1508".parse()?, "1580".parse()?]);
/// assert!(alesund.covers(Year::new(2021)?));
/// assert!(!alesund.covers(Year::new(2019)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "deling")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Split {
    /// The number that was split.
    pub from: MunicipalityNumber,
    /// The first year of that number's use that the split concerns.
    pub first_year: Year,
    /// The last year the number was in use.
    pub last_year: Year,
    /// Today's municipalities its area is in; the first is the one a grouping counts it under.
    pub into: Vec<MunicipalityNumber>,
    /// Where the split is documented.
    pub source: Source,
}

impl Split {
    /// Whether `year` is in the years the split number was in use.
    pub fn covers(&self, year: Year) -> bool {
        self.first_year <= year && year <= self.last_year
    }
}

#[derive(Deserialize)]
struct RenumberingRepr {
    changes: Vec<NumberChange>,
    #[serde(default)]
    splits: Vec<Split>,
}

impl TryFrom<RenumberingRepr> for Renumbering {
    type Error = Error;
    fn try_from(r: RenumberingRepr) -> Result<Renumbering> {
        let t = Renumbering {
            changes: r.changes,
            splits: r.splits,
        };
        t.check()?;
        Ok(t)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RenumberingFile {
    #[serde(default)]
    change: Vec<NumberChange>,
    #[serde(default)]
    split: Vec<Split>,
}

const BUILTIN_RENUMBERING: &str = include_str!("../../data/renumbering.toml");

impl Renumbering {
    /// The renumberings this library ships (`data/renumbering.toml`), each with its source.
    /// Only documented changes are listed; it is not a complete register of the 2020 and
    /// 2024 reforms.
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] if the shipped table cannot be read (a build defect).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Renumbering, Year};
    ///
    /// let table = Renumbering::builtin()?;
    /// let drammen = "3005".parse()?;
    /// assert_eq!(table.number_in(drammen, Year::new(2019)?).to_string(), "0602");
    /// assert_eq!(table.number_in(drammen, Year::new(2020)?), drammen);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn builtin() -> Result<Renumbering> {
        Renumbering::from_toml_str(BUILTIN_RENUMBERING, "built-in renumbering.toml")
    }

    /// The old name of [`Renumbering::from_toml_str`].
    ///
    /// # Errors
    ///
    /// As [`Renumbering::from_toml_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Renumbering;
    ///
    /// let toml = "[[change]]\nfrom = \"0602\"\nto = \"3005\"\nfirst_year = 2020\nsource = { document = \"eksempel\" }\n";
    /// // Deprecated: the same as `from_toml_str`.
    /// #[allow(deprecated)]
    /// let old = Renumbering::from_toml(toml, "renumbering.toml");
    /// assert_eq!(old?, Renumbering::from_toml_str(toml, "renumbering.toml")?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "renamed to `from_toml_str`: text is read by `from_*_str`, files by `load`"
    )]
    pub fn from_toml(text: &str, origin: &str) -> Result<Renumbering> {
        Renumbering::from_toml_str(text, origin)
    }

    /// A table from TOML text with `[[change]]` entries (`from`, `to`, `first_year`,
    /// `source`).
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] naming `origin`, the line and the problem, including changes
    /// that lead a number back to itself.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Renumbering;
    ///
    /// let table = Renumbering::from_toml_str(r#"
    /// [[change]]
    /// from = "0602"
    /// to = "3005"
    /// first_year = 2020
    /// source = { document = "Kommunereformen 2020" }
    /// "#, "renumbering.toml")?;
    /// assert_eq!(table.predecessors("3005".parse()?).len(), 1);
    /// let looped = r#"
    /// [[change]]
    /// from = "0602"
    /// to = "0602"
    /// first_year = 2020
    /// source = { document = "a mistake" }
    /// "#;
    /// assert!(Renumbering::from_toml_str(looped, "bad.toml").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<Renumbering> {
        let file: RenumberingFile = crate::rules::from_toml(text, origin)?;
        let t = Renumbering {
            changes: file.change,
            splits: file.split,
        };
        t.check().map_err(|e| Error::RuleTable {
            origin: origin.to_owned(),
            detail: e.to_string(),
        })?;
        Ok(t)
    }

    /// Refuses a change that leads a number back to itself, directly or through other
    /// changes: following such a series would never end in one number.
    fn check(&self) -> Result<()> {
        for s in &self.splits {
            if s.into.len() < 2 || s.last_year < s.first_year {
                return Err(Error::invalid(
                    "split",
                    s.from,
                    "a split goes into at least two municipalities, over years in order",
                ));
            }
        }
        for c in &self.changes {
            if let Some(path) = self.path(c.to, c.from) {
                let cycle = std::iter::once(c.from)
                    .chain(path)
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(" → ");
                return Err(Error::invalid(
                    "renumbering",
                    format!("{} → {}", c.from, c.to),
                    format!("it is part of the cycle {cycle}; a number cannot lead back to itself"),
                ));
            }
        }
        Ok(())
    }

    /// The numbers on a way from `start` forward to `goal` (both included), if there is one.
    fn path(
        &self,
        start: MunicipalityNumber,
        goal: MunicipalityNumber,
    ) -> Option<Vec<MunicipalityNumber>> {
        // Breadth first over at most one visit per number, so a cycle elsewhere in the
        // table cannot make this loop.
        let mut came_from: Vec<(MunicipalityNumber, Option<MunicipalityNumber>)> =
            vec![(start, None)];
        let mut next = 0usize;
        while let Some(&(n, _)) = came_from.get(next) {
            next = next.saturating_add(1);
            if n == goal {
                let mut out = vec![n];
                let mut at = n;
                while let Some(prev) = came_from
                    .iter()
                    .find(|(m, _)| *m == at)
                    .and_then(|(_, p)| *p)
                {
                    out.push(prev);
                    at = prev;
                }
                out.reverse();
                return Some(out);
            }
            for c in self.changes.iter().filter(|c| c.from == n) {
                if !came_from.iter().any(|(m, _)| *m == c.to) {
                    came_from.push((c.to, Some(n)));
                }
            }
        }
        None
    }

    /// The numbers that became `number`, with the first year under `number`.
    pub fn predecessors(&self, number: MunicipalityNumber) -> Vec<&NumberChange> {
        self.changes.iter().filter(|c| c.to == number).collect()
    }

    /// The chain of numbers that lead to `number`, oldest first, each with the first year it
    /// was used (`None` for the oldest). Where a merger has several predecessors, the chain
    /// follows the first one listed in the table.
    pub fn chain(&self, number: MunicipalityNumber) -> Vec<(MunicipalityNumber, Option<Year>)> {
        let mut out = Vec::new();
        let mut current = number;
        // A table with a cycle must not loop forever: at most one step per entry.
        for _ in 0..self.changes.len() {
            let Some(change) = self.changes.iter().find(|c| c.to == current) else {
                break;
            };
            out.push((current, Some(change.first_year)));
            current = change.from;
        }
        out.push((current, None));
        out.reverse();
        out
    }

    /// The number in use in `year` along the chain that leads to `number`.
    pub fn number_in(&self, number: MunicipalityNumber, year: Year) -> MunicipalityNumber {
        self.chain(number)
            .into_iter()
            .rev()
            .find(|(_, start)| start.is_none_or(|s| s <= year))
            .map_or(number, |(n, _)| n)
    }
}

/// One number of the grouping: a number in use at some time, and its name then
/// (`Halden (-2019)`).
///
/// # Example
///
/// ```
/// use bosetting::Harmonisation;
///
/// let h = Harmonisation::builtin()?;
/// let tonsberg = h.group("3905".parse()?).ok_or("Tønsberg")?;
/// // 0716 was Våle until 2001 and Re after (both now Tønsberg): Statistics Norway tells
/// // them apart by code.
/// let vale = tonsberg.parts.iter().find(|p| p.code.as_deref() == Some("0716u")).ok_or("Våle's 0716")?;
/// assert_eq!(vale.name, "Våle (-2001)");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupPart {
    /// The number.
    pub number: MunicipalityNumber,
    /// Its name, with its years of use where it is not current, as Statistics Norway writes it.
    pub name: String,
    /// The code as Statistics Norway writes it where that is not the bare number (`0716u`:
    /// Våle's 0716 until 2001, before Re took the number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A 2024 municipality and every number in use at some time from 1994 to 2024 whose area it
/// is (the number itself included).
///
/// # Example
///
/// ```
/// use bosetting::Harmonisation;
///
/// let h = Harmonisation::builtin()?;
/// let halden = h.group("3101".parse()?).ok_or("Halden")?;
/// assert_eq!(halden.name, "Halden");
/// let numbers: Vec<String> = halden.parts.iter().map(|p| p.number.to_string()).collect();
/// assert_eq!(numbers, ["3101", "3001", "0101"]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalityGroup {
    /// The 2024 number.
    pub number: MunicipalityNumber,
    /// The 2024 name.
    pub name: String,
    /// The numbers grouped into it.
    pub parts: Vec<GroupPart>,
}

/// Every municipality number used 1994–2024, grouped into the 2024 municipalities, with the
/// splits a grouping cannot show: the table to harmonise a series to 2024, where a
/// municipality's history is the sum of its former parts.
///
/// The grouping is Statistics Norway's (KLASS 131) as shipped in
/// `data/municipalities-2024.toml` (generated from it, provenance in the file's header, and
/// checked against the source when a copy is at hand);
/// the splits are the `[[split]]` entries of `data/renumbering.toml`, each with its source.
///
/// # Example
///
/// ```
/// use bosetting::{Harmonisation, Year};
///
/// let h = Harmonisation::builtin()?;
/// let halden = h.group_of("0101".parse()?).expect("Halden 1994–2019");
/// assert_eq!((halden.number.to_string(), halden.name.as_str()), ("3101".into(), "Halden"));
/// // Ålesund 2020–2023 (1507) holds what is Haram today: a figure carried across is approximate.
/// let note = h.approximate("1508".parse()?, Year::new(2021)?);
/// assert_eq!(note.map(|n| n.to_string()).as_deref(), Some("1507 Ålesund (2020-2023) includes what is now 1580 Haram"));
/// assert!(h.approximate("1508".parse()?, Year::new(2019)?).is_none());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "kommunereform")]
#[doc(alias = "kommunesammenslåing")]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Harmonisation {
    /// Where the grouping comes from.
    pub source: Source,
    /// The 2024 municipalities, by number.
    pub groups: Vec<MunicipalityGroup>,
    /// The splits.
    pub splits: Vec<Split>,
    /// Numbers the grouping puts in no 2024 municipality: Svalbard and Jan Mayen, the
    /// continental shelf, and those Statistics Norway could not group ("Delte kommuner og
    /// uoppgitt": numbers split in a reform, such as Tysfjord 1850, and 9999 unknown).
    pub ungrouped: Vec<Ungrouped>,
}

/// A number the grouping puts in no 2024 municipality.
///
/// # Example
///
/// ```
/// use bosetting::Harmonisation;
///
/// let h = Harmonisation::builtin()?;
/// // Longyearbyen is in no 2024 municipality.
/// let svalbard = h.ungrouped("2111".parse()?).ok_or("2111 is ungrouped")?;
/// assert_eq!((svalbard.group.as_str(), svalbard.name.as_str()), ("21-22", "Longyearbyen"));
/// assert!(h.group_of("2111".parse()?).is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ungrouped {
    /// Statistics Norway's group code (`Rest`, `21-22`, `23`).
    pub group: String,
    /// Its name ("Delte kommuner og uoppgitt").
    pub group_name: String,
    /// The code as written (`1850`).
    #[serde(rename = "number")]
    pub code: String,
    /// The number's name with its years of use.
    pub name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HarmonisationFile {
    source: Source,
    municipality: Vec<MunicipalityGroup>,
    #[serde(default)]
    ungrouped: Vec<Ungrouped>,
}

const BUILTIN_GROUPING: &str = include_str!("../../data/municipalities-2024.toml");

impl Harmonisation {
    /// The shipped grouping with the shipped splits.
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] if a shipped table cannot be read (a build defect).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Harmonisation, Year};
    ///
    /// let h = Harmonisation::builtin()?;
    /// let group = h.group_of("0602".parse()?).ok_or("old Drammen is grouped")?;
    /// assert_eq!(group.number.to_string(), "3301");
    /// // 1508 (Ålesund 2020–2023) was split in 2024: its years carried across are approximate.
    /// assert!(h.approximate("1508".parse()?, Year::new(2021)?).is_some());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builtin() -> Result<Harmonisation> {
        Harmonisation::from_toml_str(
            BUILTIN_GROUPING,
            "built-in municipalities-2024.toml",
            Renumbering::builtin()?.splits,
        )
    }

    /// The old name of [`Harmonisation::from_toml_str`].
    ///
    /// # Errors
    ///
    /// As [`Harmonisation::from_toml_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Harmonisation;
    ///
    /// let toml = "source = { document = \"eksempel\" }\n[[municipality]]\nnumber = \"3103\"\nname = \"Moss\"\nparts = [{ number = \"3103\", name = \"Moss\" }]\n";
    /// // Deprecated: the same as `from_toml_str`.
    /// #[allow(deprecated)]
    /// let old = Harmonisation::from_toml(toml, "grouping.toml", Vec::new());
    /// assert_eq!(old?, Harmonisation::from_toml_str(toml, "grouping.toml", Vec::new())?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "renamed to `from_toml_str`: text is read by `from_*_str`, files by `load`"
    )]
    pub fn from_toml(text: &str, origin: &str, splits: Vec<Split>) -> Result<Harmonisation> {
        Harmonisation::from_toml_str(text, origin, splits)
    }

    /// A grouping from TOML text in the shipped file's format (`source`, then
    /// `[[municipality]]` entries with `number`, `name` and `parts`), with `splits`.
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] naming `origin` for a file that cannot be read, a number grouped
    /// twice, or a split whose numbers are not in the grouping.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Harmonisation;
    ///
    /// let toml = r#"
    /// source = { document = "KLASS 131 (utdrag)" }
    ///
    /// [[municipality]]
    /// number = "3103"
    /// name = "Moss"
    /// parts = [
    ///   { number = "3103", name = "Moss" },
    ///   { number = "0104", name = "Moss (-2019)" },
    ///   { number = "0136", name = "Rygge (-2019)" },
    /// ]
    /// "#;
    /// let h = Harmonisation::from_toml_str(toml, "moss.toml", Vec::new())?;
    /// let rygge = h.group_of("0136".parse()?).ok_or("Rygge is grouped")?;
    /// assert_eq!(rygge.name, "Moss");
    ///
    /// // Rygge grouped a second time, into another municipality, is refused by file name.
    /// let twice = format!("{toml}\n[[municipality]]\nnumber = \"3105\"\nname = \"Sarpsborg\"\nparts = [{{ number = \"0136\", name = \"Rygge\" }}]\n");
    /// let err = Harmonisation::from_toml_str(&twice, "moss.toml", Vec::new()).unwrap_err();
    /// assert!(err.to_string().contains("moss.toml"), "{err}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_toml_str(text: &str, origin: &str, splits: Vec<Split>) -> Result<Harmonisation> {
        let file: HarmonisationFile = crate::rules::from_toml(text, origin)?;
        let h = Harmonisation {
            source: file.source,
            groups: file.municipality,
            splits,
            ungrouped: file.ungrouped,
        };
        h.check().map_err(|e| Error::RuleTable {
            origin: origin.to_owned(),
            detail: e.to_string(),
        })?;
        Ok(h)
    }

    fn check(&self) -> Result<()> {
        let mut seen = std::collections::BTreeMap::new();
        for g in &self.groups {
            for p in &g.parts {
                if let Some(first) = seen.insert(p.number, g.number).filter(|f| *f != g.number) {
                    return Err(Error::invalid(
                        "grouping",
                        p.number,
                        format!("grouped into both {first} and {}", g.number),
                    ));
                }
            }
        }
        for s in &self.splits {
            for n in std::iter::once(&s.from).chain(&s.into) {
                if !seen.contains_key(n) {
                    return Err(Error::invalid(
                        "split",
                        s.from,
                        format!("{n} is not in the grouping"),
                    ));
                }
            }
        }
        Ok(())
    }

    /// The 2024 municipality `number` (any number in use 1994–2024) is part of.
    pub fn group_of(&self, number: MunicipalityNumber) -> Option<&MunicipalityGroup> {
        self.groups
            .iter()
            .find(|g| g.parts.iter().any(|p| p.number == number))
    }

    /// The entry for a number the grouping puts in no 2024 municipality.
    pub fn ungrouped(&self, number: MunicipalityNumber) -> Option<&Ungrouped> {
        let code = number.to_string();
        self.ungrouped.iter().find(|u| u.code == code)
    }

    /// The 2024 municipality numbered `number`.
    pub fn group(&self, number: MunicipalityNumber) -> Option<&MunicipalityGroup> {
        self.groups.iter().find(|g| g.number == number)
    }

    fn name_of(&self, number: MunicipalityNumber) -> String {
        let name = self
            .groups
            .iter()
            .flat_map(|g| &g.parts)
            .find(|p| p.number == number)
            .map_or("", |p| p.name.as_str());
        format!("{number} {name}")
    }

    /// Why the 2024 municipality `number`'s figure for `year` is approximate, if it is: a
    /// number in use that year was split, so the grouping either counts in it what is now
    /// another municipality, or leaves out what is now this one.
    pub fn approximate(&self, number: MunicipalityNumber, year: Year) -> Option<Phrase> {
        let named = |n: MunicipalityNumber| {
            self.group(n).map_or(Arg::verbatim(n.to_string()), |g| {
                Arg::verbatim(format!("{} {}", g.number, g.name))
            })
        };
        let notes: Vec<Arg> = self
            .splits
            .iter()
            .filter(|s| s.covers(year) && s.into.contains(&number))
            .map(|s| {
                let grouped_under = self.group_of(s.from).map(|g| g.number);
                let old = Arg::verbatim(self.name_of(s.from));
                if grouped_under == Some(number) {
                    let others: Vec<Arg> = s
                        .into
                        .iter()
                        .filter(|n| Some(**n) != grouped_under)
                        .map(|n| named(*n))
                        .collect();
                    Phrase::new("{old} includes what is now {others}")
                        .with("old", old)
                        .with("others", others)
                        .into()
                } else {
                    let part = Arg::verbatim(self.name_of(number).trim_end().to_owned());
                    match grouped_under {
                        Some(g) => {
                            Phrase::new("part of {part} is counted in {old} (under {group})")
                                .with("group", named(g))
                        }
                        None => Phrase::new("part of {part} is counted in {old}"),
                    }
                    .with("part", part)
                    .with("old", old)
                    .into()
                }
            })
            .collect();
        (!notes.is_empty()).then(|| Phrase::new("{notes}").with("notes", Arg::Clauses(notes)))
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
    use proptest::prelude::*;

    #[test]
    fn refusals() {
        for bad in ["03011", "301", "03a1", "", "0000", " 301", "0301 "] {
            assert!(bad.parse::<MunicipalityNumber>().is_err(), "{bad:?}");
        }
        assert_eq!(
            "0000"
                .parse::<MunicipalityNumber>()
                .unwrap_err()
                .to_string(),
            "invalid municipality number \"0000\": 0000 is not a municipality"
        );
        assert!(serde_json::from_str::<MunicipalityNumber>("\"03011\"").is_err());
    }

    #[test]
    fn builtin_table_reads() {
        let t = Renumbering::builtin().unwrap();
        assert!(!t.changes.is_empty());
        assert!(t.changes.iter().all(|c| !c.source.document.is_empty()));
    }

    #[test]
    fn renumbering_cycles_are_refused() {
        let change = |from: &str, to: &str, year: i32| {
            format!(
                "[[change]]\nfrom = \"{from}\"\nto = \"{to}\"\nfirst_year = {year}\nsource = {{ document = \"x\" }}\n"
            )
        };
        let text = format!(
            "{}{}{}",
            change("0602", "3005", 2020),
            change("3005", "3301", 2024),
            change("3301", "0602", 2025)
        );
        let e = Renumbering::from_toml_str(&text, "r.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "rule table r.toml: invalid renumbering 0602 → 3005: it is part of the cycle 0602 → 3005 → 3301 → 0602; a number cannot lead back to itself"
        );
        let e = Renumbering::from_toml_str(&change("0602", "0602", 2020), "r.toml").unwrap_err();
        assert!(e.to_string().contains("0602 → 0602"), "{e}");
        let json = r#"{"changes":[{"from":"0602","to":"0602","first_year":2020,"source":{"document":"x"}}]}"#;
        let e = serde_json::from_str::<Renumbering>(json).unwrap_err();
        assert!(
            e.to_string().contains("invalid renumbering 0602 → 0602"),
            "{e}"
        );
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn parse_display_round_trip(n in 1u16..=9999) {
            let m = MunicipalityNumber::new(n).unwrap();
            let s = m.to_string();
            prop_assert_eq!(s.len(), 4);
            prop_assert_eq!(s.parse::<MunicipalityNumber>().unwrap(), m);
            let json = serde_json::to_string(&m).unwrap();
            prop_assert_eq!(serde_json::from_str::<MunicipalityNumber>(&json).unwrap(), m);
        }
    }
}
