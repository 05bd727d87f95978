//! Multi-year series of request, decision and settled, as IMDi publishes them.

use std::collections::BTreeMap;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Year;
use crate::error::{Error, Result};
use crate::explain::{Derived, Explanation, Quantity};
use crate::municipality::{MunicipalityNumber, Renumbering};
use crate::phrase::Phrase;
use crate::provenance::Source;
use crate::ratio::Ratio;

/// A cell of a statistics table: a figure, or the reason there is none.
///
/// IMDi prints `.` for "no figure" and `:` for a figure suppressed for privacy (counts under
/// 5); neither is a zero, and the model never treats them as one.
///
/// # Example
///
/// ```
/// use bosetting::Reported;
///
/// let cells = [Reported::Value(41), Reported::Suppressed, Reported::NoFigure];
/// // Only a figure is a figure: a suppressed cell is not zero.
/// assert_eq!(cells.map(|c| c.value()), [Some(41), None, None]);
/// assert_eq!(cells.map(|c| c.to_string()), ["41", ":", "."]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reported<T> {
    /// A figure.
    Value(T),
    /// No figure (`.`).
    NoFigure,
    /// Suppressed for privacy (`:`).
    Suppressed,
    /// The cell is empty in the source (IMDi leaves a few cells blank, for example for the
    /// "unknown municipality" 9999 in 2014).
    Blank,
    /// A percentage of zero (IMDi prints `Inf` for a decision against a request of 0).
    Infinite,
}

impl<T: Copy> Reported<T> {
    /// The figure, if there is one.
    pub fn value(&self) -> Option<T> {
        match self {
            Reported::Value(v) => Some(*v),
            _ => None,
        }
    }
}

impl<T: fmt::Display> fmt::Display for Reported<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reported::Value(v) => write!(f, "{v}"),
            Reported::NoFigure => f.write_str("."),
            Reported::Suppressed => f.write_str(":"),
            Reported::Blank => Ok(()),
            Reported::Infinite => f.write_str("Inf"),
        }
    }
}

/// IMDi's percentages for a year, each relative to the current request (= 100).
///
/// # Example
///
/// ```
/// use bosetting::{PercentOfRequest, Reported, YearQuota};
/// use rust_decimal::Decimal;
///
/// // IMDi's export: decision 154 % and settled 85 % of the request.
/// let q = YearQuota {
///     request: Some(Reported::Value(48)),
///     decision: Some(Reported::Value(74)),
///     percent: PercentOfRequest {
///         request: Some(Reported::Value(Decimal::ONE_HUNDRED)),
///         decision: Some(Reported::Value(Decimal::from(154))),
///         settled: Some(Reported::Value(Decimal::from(85))),
///         original_request: None,
///     },
///     ..YearQuota::default()
/// };
/// assert_eq!(q.percent.decision.and_then(|p| p.value()), Some(Decimal::from(154)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PercentOfRequest {
    /// The request itself (100 when there is one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Reported<Decimal>>,
    /// The original request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_request: Option<Reported<Decimal>>,
    /// The decision.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Reported<Decimal>>,
    /// Settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<Reported<Decimal>>,
}

/// Request, decision and settled for one municipality and year. A field is `None` when the
/// source has no row for it (IMDi only has an original request for revised years).
///
/// # Example
///
/// ```
/// use bosetting::{Reported, YearQuota};
///
/// // Bodø 2020: asked for 74, then for 48.
/// let revised = YearQuota {
///     original_request: Some(Reported::Value(74)),
///     request: Some(Reported::Value(48)),
///     ..YearQuota::default()
/// };
/// assert_eq!(revised.original_or_current_request(), Some(74));
/// assert!(revised.request_revised());
/// // Never revised: the export has no original row.
/// let plain = YearQuota { request: Some(Reported::Value(50)), ..YearQuota::default() };
/// assert_eq!(plain.original_or_current_request(), Some(50));
/// assert!(!plain.request_revised());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct YearQuota {
    /// IMDi's original request, where it was revised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_request: Option<Reported<u32>>,
    /// IMDi's current request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Reported<u32>>,
    /// The decision before a replacement, where a document prints one ("85 (58)").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_decision: Option<Reported<u32>>,
    /// The decision in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Reported<u32>>,
    /// Persons settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<Reported<u32>>,
    /// IMDi's percentages, if the source has them.
    #[serde(default, skip_serializing_if = "is_default")]
    pub percent: PercentOfRequest,
}

fn is_default(p: &PercentOfRequest) -> bool {
    *p == PercentOfRequest::default()
}

impl YearQuota {
    fn get(field: Option<Reported<u32>>) -> Option<u32> {
        field.and_then(|r| r.value())
    }

    /// The original request: the printed original, or the current request if it was never
    /// revised.
    pub fn original_or_current_request(&self) -> Option<u32> {
        Self::get(self.original_request).or(Self::get(self.request))
    }

    /// Whether the request was revised.
    pub fn request_revised(&self) -> bool {
        matches!(
            (Self::get(self.original_request), Self::get(self.request)),
            (Some(a), Some(b)) if a != b
        )
    }
}

/// Request, decision and settled per year for one municipality (or the nation).
///
/// # Example
///
/// ```
/// use bosetting::{QuotaSeries, Reported, Year, YearQuota};
///
/// let mut s = QuotaSeries::new(Some("1804".parse()?), "Bodø");
/// s.years.insert(Year::new(2020)?, YearQuota {
///     original_request: Some(Reported::Value(74)),
///     request: Some(Reported::Value(48)),
///     decision: Some(Reported::Value(74)),
///     settled: Some(Reported::Value(41)),
///     ..YearQuota::default()
/// });
/// let f = s.fulfilment(Year::new(2020)?)?;
/// assert_eq!(f.value.to_string(), "41/74");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaSeries {
    /// The municipality number (`None` for national totals).
    pub number: Option<MunicipalityNumber>,
    /// The name as the source prints it.
    pub name: String,
    /// The figures per year.
    pub years: BTreeMap<Year, YearQuota>,
    /// Where the series comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl QuotaSeries {
    /// An empty series.
    pub fn new(number: Option<MunicipalityNumber>, name: impl Into<String>) -> QuotaSeries {
        QuotaSeries {
            number,
            name: name.into(),
            years: BTreeMap::new(),
            source: None,
        }
    }

    fn year(&self, year: Year) -> Result<&YearQuota> {
        self.years.get(&year).ok_or_else(|| {
            Error::not_computable(format!("{} {year}", self.name), "no figures for that year")
        })
    }

    fn leaf(&self, label: &'static str, year: Year, v: u32) -> Explanation {
        let src = self
            .source
            .clone()
            .unwrap_or_else(|| Source::new(self.name.clone()));
        Explanation::input(
            Phrase::new("{label} {year}")
                .with("label", Phrase::new(label))
                .with("year", year),
            Quantity::persons(v),
            src,
        )
    }

    /// Settled / decision for a year.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if either figure is missing, suppressed or zero.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{QuotaSeries, Reported, Year, YearQuota};
    ///
    /// let row = |request, decision, settled| YearQuota {
    ///     request: Some(Reported::Value(request)),
    ///     decision: Some(decision),
    ///     settled: Some(Reported::Value(settled)),
    ///     ..YearQuota::default()
    /// };
    /// use bosetting::Ratio;
    ///
    /// let mut s = QuotaSeries::new(Some("1804".parse()?), "Bodø");
    /// s.years.insert(Year::new(2019)?, row(50, Reported::Value(50), 52));
    /// s.years.insert(Year::new(2020)?, row(48, Reported::Suppressed, 41));
    /// assert_eq!(s.fulfilment(Year::new(2019)?)?.value, Ratio::of(52, 50)?);
    /// // A suppressed decision, or a year without a row, gives no fulfilment.
    /// assert!(s.fulfilment(Year::new(2020)?).is_err());
    /// assert!(s.fulfilment(Year::new(2021)?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn fulfilment(&self, year: Year) -> Result<Derived<Ratio>> {
        let q = self.year(year)?;
        let (s, d) = match (YearQuota::get(q.settled), YearQuota::get(q.decision)) {
            (Some(s), Some(d)) if d > 0 => (s, d),
            _ => {
                return Err(Error::not_computable(
                    format!("fulfilment {} {year}", self.name),
                    "settled or decision missing, suppressed or zero",
                ));
            }
        };
        let r = Ratio::of(u64::from(s), u64::from(d))?;
        Ok(Derived::new(
            r,
            Explanation::derived(
                Phrase::new("fulfilment {year}").with("year", year),
                Quantity::share(r),
                "settled / decision",
                vec![
                    self.leaf("settled", year, s),
                    self.leaf("decision", year, d),
                ],
            ),
        ))
    }

    /// Sums several series year by year (national totals from municipality rows). A cell that
    /// is missing or suppressed in any part makes the sum a lower bound, so the count of such
    /// cells is returned per year alongside.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{QuotaSeries, Reported, Year, YearQuota};
    ///
    /// let row = |request, decision, settled| YearQuota {
    ///     request: Some(Reported::Value(request)),
    ///     decision: Some(decision),
    ///     settled: Some(Reported::Value(settled)),
    ///     ..YearQuota::default()
    /// };
    /// let y = Year::new(2020)?;
    /// let mut bodo = QuotaSeries::new(Some("1804".parse()?), "Bodø");
    /// bodo.years.insert(y, row(48, Reported::Value(74), 41));
    /// let mut narvik = QuotaSeries::new(Some("1806".parse()?), "Narvik");
    /// narvik.years.insert(y, row(20, Reported::Suppressed, 15));
    ///
    /// let (nordland, gaps) = QuotaSeries::sum("Nordland (utdrag)", [&bodo, &narvik])?;
    /// let q = &nordland.years[&y];
    /// assert_eq!((q.request, q.settled), (Some(Reported::Value(68)), Some(Reported::Value(56))));
    /// // Narvik's decision is suppressed: the summed decision, 74, is only a lower bound.
    /// assert_eq!(q.decision, Some(Reported::Value(74)));
    /// assert_eq!(gaps[&y], 1);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn sum<'a, I>(name: &str, parts: I) -> Result<(QuotaSeries, BTreeMap<Year, u32>)>
    where
        I: IntoIterator<Item = &'a QuotaSeries>,
    {
        let mut out = QuotaSeries::new(None, name);
        let mut gaps: BTreeMap<Year, u32> = BTreeMap::new();
        let add = |acc: &mut Option<Reported<u32>>,
                   x: Option<Reported<u32>>,
                   gap: &mut u32|
         -> Result<()> {
            match x {
                Some(Reported::Value(v)) => {
                    let cur = acc.and_then(|r| r.value()).unwrap_or(0);
                    let s = crate::error::add_u32(cur, v, "series sum")?;
                    *acc = Some(Reported::Value(s));
                }
                Some(Reported::Suppressed) => {
                    *gap = gap.saturating_add(1);
                    if acc.is_none() {
                        *acc = Some(Reported::Value(0));
                    }
                }
                Some(Reported::NoFigure | Reported::Blank | Reported::Infinite) | None => {}
            }
            Ok(())
        };
        for part in parts {
            for (y, q) in &part.years {
                let slot = out.years.entry(*y).or_default();
                let gap = gaps.entry(*y).or_insert(0);
                add(&mut slot.request, q.request, gap)?;
                add(
                    &mut slot.original_request,
                    q.original_request.or(q.request),
                    gap,
                )?;
                add(&mut slot.decision, q.decision, gap)?;
                add(&mut slot.settled, q.settled, gap)?;
            }
        }
        Ok((out, gaps))
    }

    /// Follows a municipality across renumberings: for each year the figures come from the
    /// number in use that year along `renumbering`'s chain to `number`. Only called when the
    /// caller asks for it; series are never joined silently.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if `lookup` has no series for any number on the chain.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{QuotaSeries, Reported, Year, YearQuota};
    ///
    /// let row = |request, decision, settled| YearQuota {
    ///     request: Some(Reported::Value(request)),
    ///     decision: Some(decision),
    ///     settled: Some(Reported::Value(settled)),
    ///     ..YearQuota::default()
    /// };
    /// use bosetting::{MunicipalityNumber, Renumbering};
    ///
    /// // Drammen was 0602 until 2019 and 3005 from 2020 (3301 from 2024).
    /// let mut old = QuotaSeries::new(Some("0602".parse()?), "Drammen");
    /// old.years.insert(Year::new(2019)?, row(70, Reported::Value(70), 68));
    /// let mut merged = QuotaSeries::new(Some("3005".parse()?), "Drammen");
    /// merged.years.insert(Year::new(2020)?, row(60, Reported::Value(60), 38));
    /// let lookup = |n: MunicipalityNumber| [&old, &merged].into_iter().find(|s| s.number == Some(n));
    ///
    /// let table = Renumbering::builtin()?;
    /// let drammen = QuotaSeries::follow("3301".parse()?, &table, lookup)?;
    /// let years: Vec<i32> = drammen.years.keys().map(|y| y.get()).collect();
    /// assert_eq!(years, [2019, 2020]);
    /// // Nothing on Bergen's chain is in the lookup.
    /// assert!(QuotaSeries::follow("4601".parse()?, &table, lookup).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn follow<'a>(
        number: MunicipalityNumber,
        renumbering: &Renumbering,
        lookup: impl Fn(MunicipalityNumber) -> Option<&'a QuotaSeries>,
    ) -> Result<QuotaSeries> {
        let chain = renumbering.chain(number);
        let mut out: Option<QuotaSeries> = None;
        for (i, (n, start)) in chain.iter().enumerate() {
            let Some(part) = lookup(*n) else { continue };
            let end = chain.get(i.saturating_add(1)).and_then(|(_, s)| *s);
            let target = out.get_or_insert_with(|| {
                let mut s = QuotaSeries::new(Some(number), part.name.clone());
                s.source = part.source.clone();
                s
            });
            for (y, q) in &part.years {
                let after_start = start.is_none_or(|s| *y >= s);
                let before_end = end.is_none_or(|e| *y < e);
                if after_start && before_end {
                    target.years.insert(*y, q.clone());
                }
            }
            target.name = part.name.clone();
        }
        out.ok_or_else(|| {
            Error::not_computable(
                format!("series for {number}"),
                "no series for any number on its renumbering chain",
            )
        })
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

    fn q(settled: u32) -> YearQuota {
        YearQuota {
            settled: Some(Reported::Value(settled)),
            decision: Some(Reported::Value(settled)),
            ..YearQuota::default()
        }
    }

    #[test]
    fn drammen_is_followed_across_the_merger() {
        let mut old = QuotaSeries::new(Some("0602".parse().unwrap()), "Drammen (t.o.m. 2019)");
        old.years.insert(Year::new(2019).unwrap(), q(100));
        let mut new = QuotaSeries::new(Some("3005".parse().unwrap()), "Drammen (f.o.m. 2020)");
        new.years.insert(Year::new(2020).unwrap(), q(56));
        let table = Renumbering::builtin().unwrap();
        let map = [old, new];
        let joined = QuotaSeries::follow("3005".parse().unwrap(), &table, |n| {
            map.iter().find(|s| s.number == Some(n))
        })
        .unwrap();
        assert_eq!(joined.years.len(), 2);
        assert_eq!(joined.number.unwrap().to_string(), "3005");
    }

    #[test]
    fn suppressed_cells_are_counted_not_zeroed() {
        let mut a = QuotaSeries::new(None, "a");
        a.years.insert(
            Year::new(2022).unwrap(),
            YearQuota {
                settled: Some(Reported::Suppressed),
                ..YearQuota::default()
            },
        );
        let mut b = QuotaSeries::new(None, "b");
        b.years.insert(Year::new(2022).unwrap(), q(10));
        let (sum, gaps) = QuotaSeries::sum("all", [&a, &b]).unwrap();
        let y = Year::new(2022).unwrap();
        assert_eq!(sum.years[&y].settled, Some(Reported::Value(10)));
        assert_eq!(gaps[&y], 1);
    }
}
