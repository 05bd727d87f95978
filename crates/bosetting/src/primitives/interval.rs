//! Intervals of exact decimals: what a rounded, approximate or bounded figure stands for.

use std::cmp::Ordering;
use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::{Error, Result};
use crate::ratio::Ratio;
use crate::rounding::{RoundingRule, floor_div};

/// One end of an [`Interval`].
///
/// # Example
///
/// ```
/// use bosetting::{Bound, Interval};
/// use rust_decimal_macros::dec;
///
/// let vel_70 = Interval::new(Bound::Excluded(dec!(70)), Bound::Included(dec!(105)))?;
/// assert!(!vel_70.contains(dec!(70)));
/// assert_eq!(vel_70.upper().value(), Some(dec!(105)));
/// assert_eq!(Bound::Unbounded.value(), None);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Bound {
    /// No bound on this side.
    Unbounded,
    /// The value itself belongs to the interval.
    Included(#[serde(with = "rust_decimal::serde::str")] Decimal),
    /// The interval comes arbitrarily close to the value but excludes it.
    Excluded(#[serde(with = "rust_decimal::serde::str")] Decimal),
}

impl Bound {
    /// The bound's value, if it has one.
    pub fn value(self) -> Option<Decimal> {
        match self {
            Bound::Unbounded => None,
            Bound::Included(v) | Bound::Excluded(v) => Some(v),
        }
    }

    fn map(self, f: impl FnOnce(Decimal) -> Result<Decimal>) -> Result<Bound> {
        Ok(match self {
            Bound::Unbounded => Bound::Unbounded,
            Bound::Included(v) => Bound::Included(f(v)?),
            Bound::Excluded(v) => Bound::Excluded(f(v)?),
        })
    }
}

/// A set of values between two bounds, each of which may be included, excluded or absent.
///
/// Published figures stand for intervals ("0,7 mill kr" under half-up is
/// `[650000, 750000)`), goals are intervals ("minst 55 %" is `[55, ∞)`), and reconciliation
/// asks whether a computed value, or a computed interval, meets them.
///
/// # Example
///
/// ```
/// use bosetting::{Bound, Interval, Ratio};
/// use rust_decimal_macros::dec;
///
/// let seventy_one = Interval::new(Bound::Included(dec!(70.5)), Bound::Excluded(dec!(71.5)))?;
/// // Which counts out of 57 are 71 % under half-up? None:
/// assert_eq!(seventy_one.counts_within(57, dec!(100))?, None);
/// // 41 / 57 = 71.9 %, outside:
/// assert!(!seventy_one.contains_ratio(&Ratio::of(41, 57)?, dec!(100))?);
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// Its ends are private, so no program can write an interval whose ends cross:
///
/// ```compile_fail,E0451
/// use bosetting::{Bound, Interval};
/// use rust_decimal_macros::dec;
///
/// let crossed = Interval { lower: Bound::Included(dec!(5)), upper: Bound::Excluded(dec!(3)) };
/// ```
#[doc(alias = "intervall")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Interval {
    // Private so that no interval has ends that cross: every way in goes through
    // `Interval::new` (or an operation that keeps the order of the ends).
    lower: Bound,
    upper: Bound,
}

deserialize_through!(Interval::new {
    lower: Bound,
    upper: Bound,
});

impl Interval {
    /// The interval between two bounds. Ends that meet (`[3, 3)`) are how an empty interval
    /// is written; ends that cross are refused.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the lower end is above the upper end.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Bound, Interval};
    /// use rust_decimal_macros::dec;
    ///
    /// let i = Interval::new(Bound::Included(dec!(650000)), Bound::Excluded(dec!(750000)))?;
    /// assert_eq!(i.lower(), Bound::Included(dec!(650000)));
    /// assert!(Interval::new(Bound::Included(dec!(3)), Bound::Excluded(dec!(3)))?.is_empty());
    /// assert!(Interval::new(Bound::Included(dec!(5)), Bound::Excluded(dec!(3))).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(lower: Bound, upper: Bound) -> Result<Interval> {
        if let (Some(l), Some(u)) = (lower.value(), upper.value()) {
            if l > u {
                return Err(Error::invalid(
                    "interval",
                    Interval::unchecked(lower, upper),
                    "the lower end is above the upper end: write the smaller number first",
                ));
            }
        }
        Ok(Interval::unchecked(lower, upper))
    }

    /// Without the check, for ends that cannot cross (one unbounded, or derived from an
    /// interval's ends by a map that keeps their order): each caller says why.
    pub(crate) const fn unchecked(lower: Bound, upper: Bound) -> Interval {
        Interval { lower, upper }
    }

    /// The lower end.
    pub fn lower(&self) -> Bound {
        self.lower
    }

    /// The upper end.
    pub fn upper(&self) -> Bound {
        self.upper
    }

    /// The single value `v`.
    pub fn exactly(v: Decimal) -> Interval {
        Interval::unchecked(Bound::Included(v), Bound::Included(v))
    }

    /// No value: ends that meet at 0, excluded.
    pub(crate) const fn empty() -> Interval {
        Interval::unchecked(
            Bound::Excluded(Decimal::ZERO),
            Bound::Excluded(Decimal::ZERO),
        )
    }

    /// All values.
    pub fn everything() -> Interval {
        Interval::unchecked(Bound::Unbounded, Bound::Unbounded)
    }

    /// `[lo, hi]`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `lo` is above `hi`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Interval;
    /// use rust_decimal_macros::dec;
    ///
    /// assert_eq!(Interval::closed(dec!(1), dec!(5))?.to_string(), "[1, 5]");
    /// assert!(Interval::closed(dec!(5), dec!(1)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn closed(lo: Decimal, hi: Decimal) -> Result<Interval> {
        Interval::new(Bound::Included(lo), Bound::Included(hi))
    }

    /// `[v, ∞)`.
    pub fn at_least(v: Decimal) -> Interval {
        Interval::unchecked(Bound::Included(v), Bound::Unbounded)
    }

    /// `(v, ∞)`.
    pub fn more_than(v: Decimal) -> Interval {
        Interval::unchecked(Bound::Excluded(v), Bound::Unbounded)
    }

    /// `(-∞, v]`.
    pub fn at_most(v: Decimal) -> Interval {
        Interval::unchecked(Bound::Unbounded, Bound::Included(v))
    }

    /// `(-∞, v)`.
    pub fn less_than(v: Decimal) -> Interval {
        Interval::unchecked(Bound::Unbounded, Bound::Excluded(v))
    }

    /// Whether `x` lies in the interval.
    pub fn contains(&self, x: Decimal) -> bool {
        let above = match self.lower {
            Bound::Unbounded => true,
            Bound::Included(l) => x >= l,
            Bound::Excluded(l) => x > l,
        };
        let below = match self.upper {
            Bound::Unbounded => true,
            Bound::Included(u) => x <= u,
            Bound::Excluded(u) => x < u,
        };
        above && below
    }

    /// Whether `ratio × scale` lies in the interval, decided exactly by cross-multiplying
    /// (so 41/57 × 100 is compared without ever being written as a decimal).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] if the cross products overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Interval, Ratio, RoundingRule};
    /// use rust_decimal_macros::dec;
    ///
    /// // "71 %" printed at whole percent, half up, stands for [70.5, 71.5).
    /// let printed = RoundingRule::HalfUp.interval(dec!(71), dec!(1))?;
    /// assert!(!printed.contains_ratio(&Ratio::of(40, 57)?, dec!(100))?); // 70.18 %
    /// assert!(printed.contains_ratio(&Ratio::of(71, 100)?, dec!(100))?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn contains_ratio(&self, ratio: &Ratio, scale: Decimal) -> Result<bool> {
        let n = dec::mul(ratio.numerator(), scale, "interval test")?;
        let d = ratio.denominator();
        let cmp = |b: Decimal| -> Result<Ordering> { Ok(n.cmp(&dec::mul(b, d, "interval test")?)) };
        let above = match self.lower {
            Bound::Unbounded => true,
            Bound::Included(l) => cmp(l)? != Ordering::Less,
            Bound::Excluded(l) => cmp(l)? == Ordering::Greater,
        };
        let below = match self.upper {
            Bound::Unbounded => true,
            Bound::Included(u) => cmp(u)? != Ordering::Greater,
            Bound::Excluded(u) => cmp(u)? == Ordering::Less,
        };
        Ok(above && below)
    }

    /// Whether no value lies in the interval.
    pub fn is_empty(&self) -> bool {
        match (self.lower, self.upper) {
            (Bound::Unbounded, _) | (_, Bound::Unbounded) => false,
            (Bound::Included(l), Bound::Included(u)) => l > u,
            (Bound::Included(l), Bound::Excluded(u))
            | (Bound::Excluded(l), Bound::Included(u))
            | (Bound::Excluded(l), Bound::Excluded(u)) => l >= u,
        }
    }

    /// Whether the interval is a single value.
    pub fn as_point(&self) -> Option<Decimal> {
        match (self.lower, self.upper) {
            (Bound::Included(l), Bound::Included(u)) if l == u => Some(l),
            _ => None,
        }
    }

    /// The values in both intervals.
    pub fn intersect(&self, other: &Interval) -> Interval {
        let lower = tighter(self.lower, other.lower, Ordering::Greater);
        let upper = tighter(self.upper, other.upper, Ordering::Less);
        // Disjoint intervals would leave ends that cross, which no interval read back from
        // JSON may have; the empty set is written with ends that meet instead.
        match (lower.value(), upper.value()) {
            (Some(l), Some(u)) if l > u => {
                Interval::unchecked(Bound::Excluded(l), Bound::Excluded(l))
            }
            // Each end is one of two intervals' ends; they cross only if the two are
            // disjoint, the arm above.
            _ => Interval::unchecked(lower, upper),
        }
    }

    /// Whether the two intervals share a value.
    pub fn overlaps(&self, other: &Interval) -> bool {
        !self.intersect(other).is_empty()
    }

    /// `{x + y}` for `x` in `self`, `y` in `other`.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Interval;
    /// use rust_decimal_macros::dec;
    ///
    /// let a = Interval::closed(dec!(1150000), dec!(1250000))?; // "1,2 mill"
    /// let b = Interval::closed(dec!(2350000), dec!(2450000))?; // "2,4 mill"
    /// assert_eq!(a.checked_add(&b)?, Interval::closed(dec!(3500000), dec!(3700000))?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checked_add(&self, other: &Interval) -> Result<Interval> {
        Interval::new(
            combine(self.lower, other.lower, |a, b| {
                dec::add(a, b, "interval sum")
            })?,
            combine(self.upper, other.upper, |a, b| {
                dec::add(a, b, "interval sum")
            })?,
        )
    }

    /// `{-x}`.
    pub fn negated(&self) -> Interval {
        let flip = |b: Bound| match b {
            Bound::Unbounded => Bound::Unbounded,
            Bound::Included(v) => Bound::Included(-v),
            Bound::Excluded(v) => Bound::Excluded(-v),
        };
        // Negation reverses order, so the flipped ends are in order again.
        Interval::unchecked(flip(self.upper), flip(self.lower))
    }

    /// `{x - y}` for `x` in `self`, `y` in `other`.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Interval;
    /// use rust_decimal_macros::dec;
    ///
    /// let decided = Interval::exactly(dec!(74));
    /// let settled = Interval::closed(dec!(40), dec!(42))?;
    /// assert_eq!(decided.checked_sub(&settled)?, Interval::closed(dec!(32), dec!(34))?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checked_sub(&self, other: &Interval) -> Result<Interval> {
        self.checked_add(&other.negated())
    }

    /// `{x × k}` for a non-negative factor `k` (a negative factor is applied as `−(x × |k|)`).
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Interval;
    /// use rust_decimal_macros::dec;
    ///
    /// let i = Interval::closed(dec!(2), dec!(3))?;
    /// assert_eq!(i.checked_scale(dec!(10))?.to_string(), "[20, 30]");
    /// assert_eq!(i.checked_scale(dec!(-1))?.to_string(), "[-3, -2]");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checked_scale(&self, k: Decimal) -> Result<Interval> {
        let scaled = Interval::new(
            self.lower.map(|v| dec::mul(v, k.abs(), "interval scale"))?,
            self.upper.map(|v| dec::mul(v, k.abs(), "interval scale"))?,
        )?;
        Ok(if k.is_sign_negative() {
            scaled.negated()
        } else {
            scaled
        })
    }

    /// The whole counts `k` in `0..=whole` for which `k / whole × scale` lies in the
    /// interval, as an inclusive range (`None` if there are none). With `scale = 100` this
    /// answers "which counts out of 57 are 71 %?".
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Interval, RoundingRule};
    /// use rust_decimal_macros::dec;
    ///
    /// // Which counts of 57 print as "71 %" under half-up? None: 40 is 70.2 %, 41 is 71.9 %.
    /// let printed = RoundingRule::HalfUp.interval(dec!(71), dec!(1))?;
    /// assert_eq!(printed.counts_within(57, dec!(100))?, None);
    /// let truncated = RoundingRule::Truncate.interval(dec!(71), dec!(1))?;
    /// assert_eq!(truncated.counts_within(57, dec!(100))?, Some((41, 41)));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn counts_within(&self, whole: u64, scale: Decimal) -> Result<Option<(u64, u64)>> {
        let n = dec::from_u64(whole);
        if whole == 0 || scale <= Decimal::ZERO {
            return Ok(None);
        }
        // k ∈ interval × whole / scale
        let lo = match self.lower {
            Bound::Unbounded => Decimal::ZERO,
            Bound::Included(l) => {
                let t = dec::mul(l, n, "count search")?;
                -floor_div(-t, scale)? // ceil(t / scale)
            }
            Bound::Excluded(l) => {
                let t = dec::mul(l, n, "count search")?;
                dec::add(floor_div(t, scale)?, Decimal::ONE, "count search")?
            }
        };
        let hi = match self.upper {
            Bound::Unbounded => n,
            Bound::Included(u) => floor_div(dec::mul(u, n, "count search")?, scale)?,
            Bound::Excluded(u) => {
                let t = dec::mul(u, n, "count search")?;
                let c = -floor_div(-t, scale)?; // ceil
                dec::sub(c, Decimal::ONE, "count search")?
            }
        };
        let lo = lo.max(Decimal::ZERO);
        let hi = hi.min(n);
        if lo > hi {
            return Ok(None);
        }
        let to_u64 = |d: Decimal| u64::try_from(d).unwrap_or(0);
        Ok(Some((to_u64(lo), to_u64(hi))))
    }

    /// The interval's ends rounded outward to `step` under `Floor`/ceiling, for display.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Interval;
    /// use rust_decimal_macros::dec;
    ///
    /// let i = Interval::closed(dec!(956425), dec!(988425))?;
    /// assert_eq!(i.widen_to(dec!(1000))?.to_string(), "[956000, 989000]");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn widen_to(&self, step: Decimal) -> Result<Interval> {
        let down = |v: Decimal| RoundingRule::Floor.round(v, step);
        let up = |v: Decimal| -> Result<Decimal> { Ok(-RoundingRule::Floor.round(-v, step)?) };
        Interval::new(self.lower.map(down)?, self.upper.map(up)?)
    }
}

fn tighter(a: Bound, b: Bound, prefer: Ordering) -> Bound {
    match (a, b) {
        (Bound::Unbounded, x) | (x, Bound::Unbounded) => x,
        (x, y) => {
            let (xv, yv) = (x.value().unwrap_or_default(), y.value().unwrap_or_default());
            match xv.cmp(&yv) {
                o if o == prefer => x,
                Ordering::Equal => {
                    if matches!(x, Bound::Excluded(_)) {
                        x
                    } else {
                        y
                    }
                }
                _ => y,
            }
        }
    }
}

fn combine(
    a: Bound,
    b: Bound,
    f: impl FnOnce(Decimal, Decimal) -> Result<Decimal>,
) -> Result<Bound> {
    Ok(match (a, b) {
        (Bound::Unbounded, _) | (_, Bound::Unbounded) => Bound::Unbounded,
        (Bound::Included(x), Bound::Included(y)) => Bound::Included(f(x, y)?),
        (x, y) => Bound::Excluded(f(
            x.value().unwrap_or_default(),
            y.value().unwrap_or_default(),
        )?),
    })
}

/// Reads what `Display` writes: `"[650000, 750000)"`, `"(-∞, 10)"`, `"[55, ∞)"`.
impl std::str::FromStr for Interval {
    type Err = crate::error::Error;
    fn from_str(s: &str) -> Result<Interval> {
        let bad = || crate::error::Error::Parse {
            what: "interval",
            text: s.to_owned(),
            reason: "expected \"[a, b)\" with [ or ( and ] or ), ends as decimals or ∞".to_owned(),
        };
        let t = s.trim();
        let (open, rest) = t.split_at_checked(1).ok_or_else(bad)?;
        let close_at = rest.len().checked_sub(1).ok_or_else(bad)?;
        let (body, close) = rest.split_at_checked(close_at).ok_or_else(bad)?;
        let (a, b) = body.split_once(", ").ok_or_else(bad)?;
        let end = |v: &str, inclusive: bool| -> Result<Bound> {
            match v.trim() {
                "-∞" | "−∞" | "∞" => Ok(Bound::Unbounded),
                x => {
                    let d = Decimal::from_str_exact(x).map_err(|_| bad())?;
                    Ok(if inclusive {
                        Bound::Included(d)
                    } else {
                        Bound::Excluded(d)
                    })
                }
            }
        };
        let lower = match open {
            "[" => end(a, true)?,
            "(" => end(a, false)?,
            _ => return Err(bad()),
        };
        let upper = match close {
            "]" => end(b, true)?,
            ")" => end(b, false)?,
            _ => return Err(bad()),
        };
        Interval::new(lower, upper).map_err(|_| crate::error::Error::Parse {
            what: "interval",
            text: s.to_owned(),
            reason: "the lower end is above the upper end: write the smaller number first"
                .to_owned(),
        })
    }
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.lower {
            Bound::Unbounded => f.write_str("(-∞")?,
            Bound::Included(v) => write!(f, "[{}", v.normalize())?,
            Bound::Excluded(v) => write!(f, "({}", v.normalize())?,
        }
        f.write_str(", ")?;
        match self.upper {
            Bound::Unbounded => f.write_str("∞)"),
            Bound::Included(v) => write!(f, "{}]", v.normalize()),
            Bound::Excluded(v) => write!(f, "{})", v.normalize()),
        }
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
    use rust_decimal_macros::dec;

    #[test]
    fn counts_behind_percentages() {
        let hu = |p: Decimal| RoundingRule::HalfUp.interval(p, dec!(1)).unwrap();
        let tr = |p: Decimal| RoundingRule::Truncate.interval(p, dec!(1)).unwrap();
        assert_eq!(hu(dec!(71)).counts_within(57, dec!(100)).unwrap(), None);
        assert_eq!(
            tr(dec!(71)).counts_within(57, dec!(100)).unwrap(),
            Some((41, 41))
        );
        assert_eq!(
            hu(dec!(19)).counts_within(75, dec!(100)).unwrap(),
            Some((14, 14))
        );
        assert_eq!(
            hu(dec!(33)).counts_within(75, dec!(100)).unwrap(),
            Some((25, 25))
        );
        assert_eq!(
            hu(dec!(52)).counts_within(75, dec!(100)).unwrap(),
            Some((39, 39))
        );
        assert_eq!(
            hu(dec!(4)).counts_within(75, dec!(100)).unwrap(),
            Some((3, 3))
        );
    }

    #[test]
    fn set_operations() {
        let a = Interval::closed(dec!(1), dec!(5)).unwrap();
        let b = Interval::more_than(dec!(5));
        assert!(a.intersect(&b).is_empty());
        assert!(!a.overlaps(&b));
        let c = Interval::at_least(dec!(5));
        assert_eq!(a.intersect(&c).as_point(), Some(dec!(5)));
        let d = a
            .checked_sub(&Interval::closed(dec!(0), dec!(1)).unwrap())
            .unwrap();
        assert_eq!(d.to_string(), "[0, 5]");
        assert_eq!(Interval::everything().to_string(), "(-∞, ∞)");
    }

    #[test]
    fn an_interval_read_from_json_has_its_lower_end_below_its_upper() {
        let bad = r#"{"lower":{"included":"5"},"upper":{"excluded":"3"}}"#;
        let e = serde_json::from_str::<Interval>(bad)
            .unwrap_err()
            .to_string();
        assert!(e.contains("invalid interval [5, 3)"), "{e}");
        // An empty interval whose ends meet is what disjoint intersections produce; it reads.
        let meeting = r#"{"lower":{"included":"3"},"upper":{"excluded":"3"}}"#;
        assert!(serde_json::from_str::<Interval>(meeting).is_ok());
    }

    #[test]
    fn serde_keeps_exact_strings() {
        let i = Interval::new(Bound::Included(dec!(0.65)), Bound::Excluded(dec!(0.75))).unwrap();
        let s = serde_json::to_string(&i).unwrap();
        assert_eq!(
            s,
            r#"{"lower":{"included":"0.65"},"upper":{"excluded":"0.75"}}"#
        );
        assert_eq!(serde_json::from_str::<Interval>(&s).unwrap(), i);
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn counts_within_agrees_with_brute_force(p in 0u32..=100, whole in 1u64..400, rule_i in 0usize..4) {
            let rule = RoundingRule::ALL[rule_i];
            let i = rule.interval(Decimal::from(p), dec!(1)).unwrap();
            let brute: Vec<u64> = (0..=whole)
                .filter(|&k| i.contains_ratio(&Ratio::of(k, whole).unwrap(), dec!(100)).unwrap())
                .collect();
            let fast = i.counts_within(whole, dec!(100)).unwrap();
            match fast {
                None => prop_assert!(brute.is_empty()),
                Some((lo, hi)) => prop_assert_eq!(brute, (lo..=hi).collect::<Vec<_>>()),
            }
        }
    }
}
