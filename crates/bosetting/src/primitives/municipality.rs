//! Municipalities, their four-digit numbers, and renumbering at mergers.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::calendar::Year;
use crate::error::{Error, Result};
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
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "RenumberingRepr")]
pub struct Renumbering {
    /// The changes, in any order.
    pub changes: Vec<NumberChange>,
}

#[derive(Deserialize)]
struct RenumberingRepr {
    changes: Vec<NumberChange>,
}

impl TryFrom<RenumberingRepr> for Renumbering {
    type Error = Error;
    fn try_from(r: RenumberingRepr) -> Result<Renumbering> {
        let t = Renumbering { changes: r.changes };
        t.check()?;
        Ok(t)
    }
}

#[derive(Deserialize)]
struct RenumberingFile {
    change: Vec<NumberChange>,
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
    pub fn builtin() -> Result<Renumbering> {
        Renumbering::from_toml(BUILTIN_RENUMBERING, "built-in renumbering.toml")
    }

    /// A table from TOML text with `[[change]]` entries (`from`, `to`, `first_year`,
    /// `source`).
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] naming `origin`, the line and the problem, including changes
    /// that lead a number back to itself.
    pub fn from_toml(text: &str, origin: &str) -> Result<Renumbering> {
        let file: RenumberingFile = crate::rules::from_toml(text, origin)?;
        let t = Renumbering {
            changes: file.change,
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
        let e = Renumbering::from_toml(&text, "r.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "rule table r.toml: invalid renumbering 0602 → 3005: it is part of the cycle 0602 → 3005 → 3301 → 0602; a number cannot lead back to itself"
        );
        let e = Renumbering::from_toml(&change("0602", "0602", 2020), "r.toml").unwrap_err();
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
