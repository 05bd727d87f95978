//! Calendar years, tertials, dated periods and grant years.
//!
//! These are deliberately different types: a calendar year is when something happens, a
//! tertial is a third of a calendar year (the reporting period of Norwegian municipalities),
//! and a grant year is a position (1–5) in the integration grant's five years *counted from a
//! person's first settlement*. Mixing them up is the classic error in grant arithmetic.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A calendar year (1800–2200).
///
/// # Example
///
/// ```
/// use bosetting::Year;
///
/// let y = Year::new(2020)?;
/// assert_eq!(y.first_day().to_string(), "2020-01-01");
/// assert_eq!(y.last_day().to_string(), "2020-12-31");
/// assert_eq!(y.offset(3)?.get(), 2023);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "år")]
#[doc(alias = "kalenderår")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i32", into = "i32")]
pub struct Year(i16);

impl Year {
    /// The earliest year the model accepts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    ///
    /// assert!(Year::new(Year::MIN).is_ok());
    /// assert!(Year::new(Year::MIN - 1).is_err());
    /// ```
    pub const MIN: i32 = 1800;
    /// The latest year the model accepts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    ///
    /// assert!(Year::new(Year::MAX).is_ok());
    /// assert!(Year::new(Year::MAX + 1).is_err());
    /// ```
    pub const MAX: i32 = 2200;

    /// A year between [`Year::MIN`] and [`Year::MAX`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a year outside that range.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    ///
    /// assert_eq!(Year::new(2020)?.get(), 2020);
    /// assert!(Year::new(20_200).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(year: i32) -> Result<Year> {
        if !(Self::MIN..=Self::MAX).contains(&year) {
            return Err(Error::invalid(
                "year",
                year,
                format!("expected a year from {} to {}", Self::MIN, Self::MAX),
            ));
        }
        i16::try_from(year)
            .map(Year)
            .map_err(|_| Error::invalid("year", year, "out of range"))
    }

    /// The year as a number.
    pub fn get(self) -> i32 {
        i32::from(self.0)
    }

    /// 1 January.
    pub fn first_day(self) -> NaiveDate {
        // Every year in MIN..=MAX has a 1 January; the fallback is never taken.
        NaiveDate::from_ymd_opt(self.get(), 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// 31 December.
    pub fn last_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.get(), 12, 31).unwrap_or(NaiveDate::MAX)
    }

    /// The whole year as a period.
    pub fn period(self) -> Period {
        Period {
            start: self.first_day(),
            end: self.last_day(),
        }
    }

    /// Whether `date` falls in this year.
    pub fn contains(self, date: NaiveDate) -> bool {
        date.year() == self.get()
    }

    /// The year of a date.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the date's year is outside the model's range.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    /// use bosetting::chrono::NaiveDate;
    ///
    /// let d = NaiveDate::from_ymd_opt(2024, 4, 30).ok_or("no such date")?;
    /// assert_eq!(Year::of(d)?, Year::new(2024)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn of(date: NaiveDate) -> Result<Year> {
        Year::new(date.year())
    }

    /// This year plus `years` (which may be negative).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the result leaves the model's range.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Year;
    ///
    /// let y = Year::new(2020)?;
    /// assert_eq!(y.offset(-3)?, Year::new(2017)?);
    /// assert_eq!(y.offset(4)?.since(y), 4);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn offset(self, years: i32) -> Result<Year> {
        let y = self
            .get()
            .checked_add(years)
            .ok_or_else(|| Error::overflow(format!("year {self} + {years}")))?;
        Year::new(y)
    }

    /// Number of years from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: Year) -> i32 {
        // Both are i16, so the difference fits in i32 and saturation never happens.
        i32::from(self.0).saturating_sub(i32::from(earlier.0))
    }

    /// Number of days in the year (365 or 366).
    pub fn days(self) -> u32 {
        if self.first_day().leap_year() {
            366
        } else {
            365
        }
    }
}

impl TryFrom<i32> for Year {
    type Error = Error;
    fn try_from(value: i32) -> Result<Year> {
        Year::new(value)
    }
}

impl From<Year> for i32 {
    fn from(y: Year) -> i32 {
        y.get()
    }
}

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Year {
    type Err = Error;
    fn from_str(s: &str) -> Result<Year> {
        let n: i32 = s
            .trim()
            .parse()
            .map_err(|_| Error::invalid("year", format!("{s:?}"), "expected a number"))?;
        Year::new(n)
    }
}

/// One of the three four-month reporting periods of a year: T1 January–April, T2 May–August,
/// T3 September–December.
///
/// "Per 1. tertial" means up to and including 30 April.
///
/// # Example
///
/// ```
/// use bosetting::{Tertial, Year};
///
/// let t1 = Tertial::new(Year::new(2017)?, 1)?;
/// assert_eq!(t1.last_day().to_string(), "2017-04-30");
/// assert_eq!(t1.to_string(), "T1 2017");
/// assert_eq!(Tertial::containing(t1.last_day())?, t1);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "tertial")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "TertialRepr")]
pub struct Tertial {
    year: Year,
    number: u8,
}

#[derive(Deserialize)]
struct TertialRepr {
    year: Year,
    number: u8,
}

impl TryFrom<TertialRepr> for Tertial {
    type Error = Error;
    fn try_from(r: TertialRepr) -> Result<Tertial> {
        Tertial::new(r.year, r.number)
    }
}

impl Tertial {
    /// Tertial `number` (1, 2 or 3) of `year`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a number other than 1, 2 or 3.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Tertial, Year};
    ///
    /// let t2 = Tertial::new(Year::new(2024)?, 2)?;
    /// assert_eq!(t2.last_day().to_string(), "2024-08-31");
    /// assert!(Tertial::new(Year::new(2024)?, 4).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(year: Year, number: u8) -> Result<Tertial> {
        if !(1..=3).contains(&number) {
            return Err(Error::invalid("tertial", number, "expected 1, 2 or 3"));
        }
        Ok(Tertial { year, number })
    }

    /// The tertial a date falls in.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the date's year is outside the model's range.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Tertial, Year};
    /// use bosetting::chrono::NaiveDate;
    ///
    /// let d = NaiveDate::from_ymd_opt(2024, 5, 1).ok_or("no such date")?;
    /// assert_eq!(Tertial::containing(d)?, Tertial::new(Year::new(2024)?, 2)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn containing(date: NaiveDate) -> Result<Tertial> {
        let year = Year::of(date)?;
        let number = match date.month() {
            1..=4 => 1,
            5..=8 => 2,
            _ => 3,
        };
        Tertial::new(year, number)
    }

    /// The calendar year.
    pub fn year(self) -> Year {
        self.year
    }

    /// 1, 2 or 3.
    pub fn number(self) -> u8 {
        self.number
    }

    /// First day of the tertial.
    pub fn first_day(self) -> NaiveDate {
        let month = u32::from(self.number)
            .saturating_sub(1)
            .saturating_mul(4)
            .saturating_add(1);
        NaiveDate::from_ymd_opt(self.year.get(), month, 1).unwrap_or(NaiveDate::MIN)
    }

    /// Last day of the tertial (30 April, 31 August or 31 December).
    pub fn last_day(self) -> NaiveDate {
        let (month, day) = match self.number {
            1 => (4, 30),
            2 => (8, 31),
            _ => (12, 31),
        };
        NaiveDate::from_ymd_opt(self.year.get(), month, day).unwrap_or(NaiveDate::MAX)
    }

    /// The tertial as a period.
    pub fn period(self) -> Period {
        Period {
            start: self.first_day(),
            end: self.last_day(),
        }
    }

    /// From 1 January to the end of this tertial: what "per 2. tertial" covers.
    pub fn year_to_date(self) -> Period {
        Period {
            start: self.year.first_day(),
            end: self.last_day(),
        }
    }
}

/// Reads what `Display` writes: `"T2 2017"`.
impl std::str::FromStr for Tertial {
    type Err = Error;
    fn from_str(s: &str) -> Result<Tertial> {
        let bad = || Error::Parse {
            what: "tertial",
            text: s.to_owned(),
            reason: "expected T1, T2 or T3 and the year (\"T2 2017\")".to_owned(),
        };
        let (t, y) = s.trim().split_once(' ').ok_or_else(bad)?;
        let n: u8 = t
            .strip_prefix('T')
            .and_then(|n| n.parse().ok())
            .ok_or_else(bad)?;
        let y: i32 = y.trim().parse().map_err(|_| bad())?;
        Tertial::new(Year::new(y)?, n)
    }
}

impl fmt::Display for Tertial {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "T{} {}", self.number, self.year)
    }
}

/// A closed range of dates, both ends included.
///
/// # Example
///
/// ```
/// use bosetting::Period;
/// use chrono::NaiveDate;
///
/// let d = |m, d| NaiveDate::from_ymd_opt(2017, m, d).unwrap();
/// let p = Period::new(d(1, 1), d(4, 30))?;
/// assert_eq!(p.days(), 120);
/// assert!(p.contains(d(4, 30)));
/// assert!(Period::new(d(5, 1), d(4, 30)).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "periode")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "PeriodRepr", into = "PeriodRepr")]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
}

#[derive(Serialize, Deserialize)]
struct PeriodRepr {
    start: NaiveDate,
    end: NaiveDate,
}

impl TryFrom<PeriodRepr> for Period {
    type Error = Error;
    fn try_from(r: PeriodRepr) -> Result<Period> {
        Period::new(r.start, r.end)
    }
}

impl From<Period> for PeriodRepr {
    fn from(p: Period) -> PeriodRepr {
        PeriodRepr {
            start: p.start,
            end: p.end,
        }
    }
}

impl Period {
    /// The dates from `start` to `end`, both included.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `end` is before `start`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Period;
    /// use bosetting::chrono::NaiveDate;
    ///
    /// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).ok_or("no such date");
    /// let t1 = Period::new(d(1, 1)?, d(4, 30)?)?;
    /// assert_eq!(t1.days(), 121); // 2024 is a leap year
    /// assert!(Period::new(d(4, 30)?, d(1, 1)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn new(start: NaiveDate, end: NaiveDate) -> Result<Period> {
        if end < start {
            return Err(Error::invalid(
                "period",
                format!("{start}..{end}"),
                "the end is before the start",
            ));
        }
        Ok(Period { start, end })
    }

    /// First day.
    pub fn start(self) -> NaiveDate {
        self.start
    }

    /// Last day (included).
    pub fn end(self) -> NaiveDate {
        self.end
    }

    /// Number of days, both ends counted.
    pub fn days(self) -> u32 {
        let d = self.end.signed_duration_since(self.start).num_days();
        u32::try_from(d.saturating_add(1)).unwrap_or(u32::MAX)
    }

    /// Whether `date` is in the period.
    pub fn contains(self, date: NaiveDate) -> bool {
        self.start <= date && date <= self.end
    }

    /// Whether `other` lies entirely inside this period.
    pub fn covers(self, other: Period) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether the two periods share at least one day.
    pub fn overlaps(self, other: Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Checks that `date` lies in the period; the error names `field`.
    ///
    /// # Errors
    ///
    /// [`Error::DateOutsidePeriod`] if it does not.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Error, Year};
    /// use bosetting::chrono::NaiveDate;
    ///
    /// let year = Year::new(2020)?.period();
    /// let inside = NaiveDate::from_ymd_opt(2020, 6, 1).ok_or("no such date")?;
    /// let outside = NaiveDate::from_ymd_opt(2021, 1, 4).ok_or("no such date")?;
    /// year.require("settled[0].date", inside)?;
    /// assert!(matches!(year.require("settled[1].date", outside), Err(Error::DateOutsidePeriod { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn require(self, field: &str, date: NaiveDate) -> Result<()> {
        if self.contains(date) {
            Ok(())
        } else {
            Err(Error::DateOutsidePeriod {
                field: field.to_owned(),
                date,
                period: self.to_string(),
            })
        }
    }
}

/// Reads what `Display` writes: `"2020-01-01 to 2020-12-31"`.
impl std::str::FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Period> {
        let bad = || Error::Parse {
            what: "period",
            text: s.to_owned(),
            reason: "expected two dates as \"2020-01-01 to 2020-12-31\"".to_owned(),
        };
        let (a, b) = s.trim().split_once(" to ").ok_or_else(bad)?;
        let d = |x: &str| NaiveDate::parse_from_str(x.trim(), "%Y-%m-%d").map_err(|_| bad());
        Period::new(d(a)?, d(b)?)
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} to {}", self.start, self.end)
    }
}

/// Position 1–5 in the integration grant's five years, counted from first settlement:
/// grant year 1 is the settlement year itself. The rate paid in grant year g is, by IMDi's
/// tables, the payment year's rate for grant year g (see [`crate::RateYear`]).
///
/// # Example
///
/// ```
/// use bosetting::{GrantYear, Year};
///
/// let settled = Year::new(2019)?;
/// let k = GrantYear::new(3)?;
/// assert_eq!(k.payment_year(settled)?, Year::new(2021)?);
/// assert_eq!(GrantYear::for_payment(settled, Year::new(2024)?), None); // past year 5
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "tilskuddsår")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct GrantYear(u8);

impl GrantYear {
    /// All five grant years in order.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantYear, Year};
    ///
    /// // A person settled in 2020 draws grant years 1–5 in 2020–2024.
    /// let paid: Vec<i32> = GrantYear::ALL.iter().map(|g| Ok(g.payment_year(Year::new(2020)?)?.get())).collect::<bosetting::Result<_>>()?;
    /// assert_eq!(paid, [2020, 2021, 2022, 2023, 2024]);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub const ALL: [GrantYear; 5] = [
        GrantYear(1),
        GrantYear(2),
        GrantYear(3),
        GrantYear(4),
        GrantYear(5),
    ];

    /// Grant year `k` (1–5).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for `k` outside 1–5.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::GrantYear;
    ///
    /// assert_eq!(GrantYear::new(5)?.index(), 4);
    /// assert!(GrantYear::new(6).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(k: u8) -> Result<GrantYear> {
        if (1..=5).contains(&k) {
            Ok(GrantYear(k))
        } else {
            Err(Error::invalid("grant year", k, "expected 1 to 5"))
        }
    }

    /// 1–5.
    pub fn get(self) -> u8 {
        self.0
    }

    /// Zero-based index (0–4), for tables.
    pub fn index(self) -> usize {
        usize::from(self.0.saturating_sub(1))
    }

    /// The calendar year in which this grant year is paid for a cohort first settled in
    /// `first_settlement`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if that year leaves the model's range.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantYear, Year};
    ///
    /// // A cohort settled in 2020 brings grant year 3 in 2022.
    /// assert_eq!(GrantYear::new(3)?.payment_year(Year::new(2020)?)?, Year::new(2022)?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn payment_year(self, first_settlement: Year) -> Result<Year> {
        first_settlement.offset(i32::from(self.0).saturating_sub(1))
    }

    /// Which grant year a payment in `payment` is, for a cohort first settled in
    /// `first_settlement`; `None` before settlement or after year 5.
    pub fn for_payment(first_settlement: Year, payment: Year) -> Option<GrantYear> {
        let k = payment.since(first_settlement).checked_add(1)?;
        u8::try_from(k).ok().and_then(|k| GrantYear::new(k).ok())
    }
}

impl TryFrom<u8> for GrantYear {
    type Error = Error;
    fn try_from(k: u8) -> Result<GrantYear> {
        GrantYear::new(k)
    }
}

impl From<GrantYear> for u8 {
    fn from(k: GrantYear) -> u8 {
        k.0
    }
}

/// Reads what `Display` writes (`"grant year 3"`), or the number alone.
impl std::str::FromStr for GrantYear {
    type Err = Error;
    fn from_str(s: &str) -> Result<GrantYear> {
        let t = s.trim();
        let n = t.strip_prefix("grant year").map_or(t, str::trim_start);
        let k: u8 = n.parse().map_err(|_| Error::Parse {
            what: "grant year",
            text: s.to_owned(),
            reason: "expected 1 to 5 (\"grant year 3\")".to_owned(),
        })?;
        GrantYear::new(k)
    }
}

impl fmt::Display for GrantYear {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "grant year {}", self.0)
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
    fn tertials_cover_the_year_without_gaps() {
        let y = Year::new(2024).unwrap();
        let t: Vec<_> = (1..=3).map(|n| Tertial::new(y, n).unwrap()).collect();
        assert_eq!(t[0].first_day(), y.first_day());
        assert_eq!(t[2].last_day(), y.last_day());
        assert_eq!(t[0].last_day().succ_opt().unwrap(), t[1].first_day());
        assert_eq!(t[1].last_day().succ_opt().unwrap(), t[2].first_day());
        let days: u32 = t.iter().map(|t| t.period().days()).sum();
        assert_eq!(days, y.days());
    }

    #[test]
    fn bad_values_are_errors() {
        assert!(Year::new(1799).is_err());
        assert!(Tertial::new(Year::new(2020).unwrap(), 4).is_err());
        assert!(GrantYear::new(0).is_err());
        assert!(GrantYear::new(6).is_err());
        assert_eq!(
            Tertial::new(Year::new(2020).unwrap(), 0)
                .unwrap_err()
                .to_string(),
            "invalid tertial 0: expected 1, 2 or 3"
        );
    }

    #[test]
    fn serde_round_trip() {
        let p = Period::new(
            NaiveDate::from_ymd_opt(2017, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(2017, 4, 30).unwrap(),
        )
        .unwrap();
        let s = serde_json::to_string(&p).unwrap();
        assert_eq!(s, r#"{"start":"2017-01-01","end":"2017-04-30"}"#);
        assert_eq!(serde_json::from_str::<Period>(&s).unwrap(), p);
        let bad = r#"{"start":"2017-05-01","end":"2017-04-30"}"#;
        assert!(serde_json::from_str::<Period>(bad).is_err());
        assert!(serde_json::from_str::<GrantYear>("7").is_err());
    }

    #[test]
    fn a_tertial_read_from_json_is_checked() {
        let t = Tertial::new(Year::new(2017).unwrap(), 2).unwrap();
        let s = serde_json::to_string(&t).unwrap();
        assert_eq!(s, r#"{"year":2017,"number":2}"#);
        assert_eq!(serde_json::from_str::<Tertial>(&s).unwrap(), t);
        let e = serde_json::from_str::<Tertial>(r#"{"year":2017,"number":9}"#).unwrap_err();
        assert!(
            e.to_string()
                .contains("invalid tertial 9: expected 1, 2 or 3"),
            "{e}"
        );
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn grant_year_and_payment_year_are_inverse(y in 1900i32..2100, k in 1u8..=5) {
            let y = Year::new(y).unwrap();
            let k = GrantYear::new(k).unwrap();
            let paid = k.payment_year(y).unwrap();
            prop_assert_eq!(GrantYear::for_payment(y, paid), Some(k));
        }

        #[test]
        fn every_date_is_in_exactly_one_tertial(days in 0i64..(365 * 300)) {
            let date = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let t = Tertial::containing(date).unwrap();
            prop_assert!(t.period().contains(date));
            let others = (1..=3).filter(|&n| n != t.number())
                .map(|n| Tertial::new(t.year(), n).unwrap());
            for o in others { prop_assert!(!o.period().contains(date)); }
        }
    }
}
