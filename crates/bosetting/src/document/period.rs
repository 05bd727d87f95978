//! When a figure holds: a calendar year, a span of years, a tertial, or a date.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Period, Tertial, Year};
use crate::error::{Error, Result};

/// The period a document's figure is about.
///
/// Written in data files as `"2016"`, `"2014-2016"` (a span of whole years, both included),
/// `"2017-T1"` (a tertial) or `"2024-09-01"` (a date: a stock or a status on that day).
///
/// # Example
///
/// ```
/// use bosetting::DocPeriod;
///
/// let p: DocPeriod = "2014-2016".parse()?;
/// assert_eq!(p.years().map(|ys| ys.len()), Some(3));
/// assert_eq!(p.to_string(), "2014-2016");
/// assert_eq!("2017-T2".parse::<DocPeriod>()?.to_string(), "2017-T2");
/// assert!("2016-2014".parse::<DocPeriod>().is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "periode")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
#[non_exhaustive]
pub enum DocPeriod {
    /// A calendar year.
    Year(Year),
    /// Whole years from the first to the last, both included.
    Years(Year, Year),
    /// A tertial.
    Tertial(Tertial),
    /// One day.
    Date(NaiveDate),
}

impl DocPeriod {
    /// The calendar days the period covers.
    ///
    /// # Errors
    ///
    /// Only for an impossible span (kept out by construction).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::DocPeriod;
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
    /// let span = "2014-2016".parse::<DocPeriod>()?.period()?;
    /// assert_eq!((span.start(), span.end()), (d(2014, 1, 1)?, d(2016, 12, 31)?));
    /// let t2 = "2017-T2".parse::<DocPeriod>()?.period()?;
    /// assert_eq!((t2.start(), t2.end()), (d(2017, 5, 1)?, d(2017, 8, 31)?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn period(self) -> Result<Period> {
        match self {
            DocPeriod::Year(y) => Ok(y.period()),
            DocPeriod::Years(a, b) => Period::new(a.first_day(), b.last_day()),
            DocPeriod::Tertial(t) => Ok(t.period()),
            DocPeriod::Date(d) => Period::new(d, d),
        }
    }

    /// The years of a span (or the one year), for figures that add up over years.
    pub fn years(self) -> Option<Vec<Year>> {
        match self {
            DocPeriod::Year(y) => Some(vec![y]),
            DocPeriod::Years(a, b) => {
                let mut out = Vec::new();
                let mut y = a;
                while y <= b {
                    out.push(y);
                    y = y.offset(1).ok()?;
                }
                Some(out)
            }
            DocPeriod::Tertial(_) | DocPeriod::Date(_) => None,
        }
    }

    /// The calendar year the period falls in (a span: its last year).
    ///
    /// # Errors
    ///
    /// A date outside the years the model knows.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{DocPeriod, Year};
    ///
    /// assert_eq!("2014-2016".parse::<DocPeriod>()?.year_of()?, Year::new(2016)?);
    /// assert_eq!("2017-T3".parse::<DocPeriod>()?.year_of()?, Year::new(2017)?);
    /// assert_eq!("2024-03-31".parse::<DocPeriod>()?.year_of()?, Year::new(2024)?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn year_of(self) -> Result<Year> {
        match self {
            DocPeriod::Year(y) | DocPeriod::Years(_, y) => Ok(y),
            DocPeriod::Tertial(t) => Ok(t.year()),
            DocPeriod::Date(d) => Year::of(d),
        }
    }

    /// The year, if the period is one calendar year.
    pub fn year(self) -> Option<Year> {
        match self {
            DocPeriod::Year(y) => Some(y),
            _ => None,
        }
    }
}

impl FromStr for DocPeriod {
    type Err = Error;
    fn from_str(s: &str) -> Result<DocPeriod> {
        let t = s.trim();
        let bad = |why: &str| {
            Error::invalid(
                "period",
                format!("{t:?}"),
                format!(
                    "{why}; write a year (\"2016\"), years (\"2014-2016\"), a tertial (\"2017-T1\") or a date (\"2024-09-01\")"
                ),
            )
        };
        let year = |y: &str| -> Result<Year> {
            let n: i32 = y.trim().parse().map_err(|_| bad("not a year"))?;
            Year::new(n)
        };
        if let Ok(d) = NaiveDate::parse_from_str(t, "%Y-%m-%d") {
            return Ok(DocPeriod::Date(d));
        }
        let norm = t.replace(['–', '—'], "-");
        if let Some((a, b)) = norm.split_once('-') {
            let b = b.trim();
            if let Some(n) = b.strip_prefix('T').or_else(|| b.strip_prefix('t')) {
                let n: u8 = n.parse().map_err(|_| bad("not a tertial"))?;
                return Ok(DocPeriod::Tertial(Tertial::new(year(a)?, n)?));
            }
            let (a, b) = (year(a)?, year(b)?);
            return match a.cmp(&b) {
                std::cmp::Ordering::Less => Ok(DocPeriod::Years(a, b)),
                std::cmp::Ordering::Equal => Ok(DocPeriod::Year(a)),
                std::cmp::Ordering::Greater => Err(bad("the span ends before it starts")),
            };
        }
        Ok(DocPeriod::Year(year(&norm)?))
    }
}

impl TryFrom<String> for DocPeriod {
    type Error = Error;
    fn try_from(s: String) -> Result<DocPeriod> {
        s.parse()
    }
}

impl From<DocPeriod> for String {
    fn from(p: DocPeriod) -> String {
        p.to_string()
    }
}

impl fmt::Display for DocPeriod {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocPeriod::Year(y) => write!(f, "{y}"),
            DocPeriod::Years(a, b) => write!(f, "{a}-{b}"),
            DocPeriod::Tertial(t) => write!(f, "{}-T{}", t.year(), t.number()),
            DocPeriod::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl From<Year> for DocPeriod {
    fn from(y: Year) -> DocPeriod {
        DocPeriod::Year(y)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn periods_round_trip_through_text(a in 1990_i32..2040, w in 0_i32..10, t in 1_u8..=3, day in 0_u32..365) {
            let y = Year::new(a).unwrap();
            let cases = [
                DocPeriod::Year(y),
                if w == 0 { DocPeriod::Year(y) } else { DocPeriod::Years(y, Year::new(a + w).unwrap()) },
                DocPeriod::Tertial(Tertial::new(y, t).unwrap()),
                DocPeriod::Date(y.first_day() + chrono::Days::new(u64::from(day))),
            ];
            for p in cases {
                prop_assert_eq!(p.to_string().parse::<DocPeriod>().unwrap(), p);
            }
        }
    }

    #[test]
    fn bad_periods_say_how_to_write_them() {
        let e = "2017-T4".parse::<DocPeriod>().unwrap_err().to_string();
        assert!(e.contains("4"), "{e}");
        let e = "sommer".parse::<DocPeriod>().unwrap_err().to_string();
        assert!(e.contains("write a year"), "{e}");
        assert_eq!(
            "2014–2016".parse::<DocPeriod>().unwrap().to_string(),
            "2014-2016"
        );
    }
}
