//! Exact ratios: shares, percentages, rates and relative changes.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::{Error, Result};
use crate::rounding::RoundingRule;

/// An exact ratio `numerator / denominator` (denominator positive).
///
/// Shares and percentages are kept as ratios so that 41 of 57 stays `41/57` and is only
/// rounded, under a named rule, when it is shown or compared with a published percentage.
/// Two ratios are equal when they denote the same number (`1/2 == 2/4`). Serialized as the
/// exact string `"41/57"`.
///
/// # Example
///
/// ```
/// use bosetting::{Ratio, RoundingRule};
/// use rust_decimal_macros::dec;
///
/// let fulfilment = Ratio::of(41, 74)?;
/// assert_eq!(fulfilment.percent(RoundingRule::HalfUp, 1)?, dec!(55.4));
/// assert_eq!(fulfilment.to_string(), "41/74");
/// assert_eq!(Ratio::of(1, 2)?, Ratio::of(2, 4)?);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "andel")]
#[doc(alias = "prosent")]
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Ratio {
    num: Decimal,
    den: Decimal,
}

impl Ratio {
    /// `num / den`.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if `den` is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Error, Ratio};
    /// use rust_decimal_macros::dec;
    ///
    /// assert_eq!(Ratio::new(dec!(27.6), dec!(28.6))?, Ratio::of(276, 286)?);
    /// assert!(matches!(Ratio::new(dec!(1), dec!(0)), Err(Error::DivisionByZero { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(num: Decimal, den: Decimal) -> Result<Ratio> {
        if den.is_zero() {
            return Err(Error::DivisionByZero {
                operation: format!("ratio {num} / {den}"),
            });
        }
        let (num, den) = if den.is_sign_negative() {
            (-num, -den)
        } else {
            (num, den)
        };
        Ok(Ratio {
            num: num.normalize(),
            den: den.normalize(),
        })
    }

    /// `part / whole` for counts.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if `whole` is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Ratio;
    ///
    /// let share = Ratio::of(41, 57)?;
    /// assert_eq!((share.numerator(), share.denominator()), (41.into(), 57.into()));
    /// assert!(Ratio::of(1, 0).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn of(part: u64, whole: u64) -> Result<Ratio> {
        Ratio::new(dec::from_u64(part), dec::from_u64(whole))
    }

    /// A percentage `p` as the ratio `p / 100`.
    pub fn from_percent(p: Decimal) -> Ratio {
        Ratio {
            num: p.normalize(),
            den: Decimal::ONE_HUNDRED,
        }
    }

    /// The ratio of two amounts `a / b` (amounts in the same unit).
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if `b` is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Ratio;
    /// use rust_decimal_macros::dec;
    ///
    /// // Spent 27,6 mill of a 28,6 mill budget.
    /// let consumption = Ratio::between(dec!(27600000), dec!(28600000))?;
    /// assert_eq!(consumption, Ratio::of(276, 286)?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn between(a: Decimal, b: Decimal) -> Result<Ratio> {
        Ratio::new(a, b)
    }

    /// The relative change from `from` to `to`: `(to − from) / from`.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if `from` is zero; [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Ratio;
    /// use rust_decimal_macros::dec;
    ///
    /// // From 40 to 50 settled: up 25 %.
    /// assert_eq!(Ratio::change(dec!(40), dec!(50))?, Ratio::of(1, 4)?);
    /// assert!(Ratio::change(dec!(0), dec!(50)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn change(from: Decimal, to: Decimal) -> Result<Ratio> {
        Ratio::new(dec::sub(to, from, "relative change")?, from)
    }

    /// Numerator.
    pub fn numerator(&self) -> Decimal {
        self.num
    }

    /// Denominator (always positive).
    pub fn denominator(&self) -> Decimal {
        self.den
    }

    /// The ratio as a percentage rounded to `decimals` places under `rule`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Ratio, RoundingRule};
    /// use rust_decimal_macros::dec;
    ///
    /// let r = Ratio::of(2, 3)?;
    /// assert_eq!(r.percent(RoundingRule::HalfUp, 1)?, dec!(66.7));
    /// assert_eq!(r.percent(RoundingRule::Truncate, 0)?, dec!(66));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn percent(&self, rule: RoundingRule, decimals: u32) -> Result<Decimal> {
        let n = dec::mul(self.num, Decimal::ONE_HUNDRED, "percentage")?;
        rule.round_ratio(n, self.den, step(decimals))
    }

    /// The ratio as a decimal rounded to `decimals` places under `rule`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Ratio, RoundingRule};
    /// use rust_decimal_macros::dec;
    ///
    /// assert_eq!(Ratio::of(1, 8)?.round(RoundingRule::HalfEven, 2)?, dec!(0.12));
    /// assert_eq!(Ratio::of(1, 8)?.round(RoundingRule::HalfUp, 2)?, dec!(0.13));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn round(&self, rule: RoundingRule, decimals: u32) -> Result<Decimal> {
        rule.round_ratio(self.num, self.den, step(decimals))
    }

    /// `self × k`, exactly.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Ratio;
    /// use rust_decimal_macros::dec;
    ///
    /// assert_eq!(Ratio::of(41, 74)?.scale(dec!(2))?, Ratio::of(41, 37)?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn scale(&self, k: Decimal) -> Result<Ratio> {
        let r = Ratio::new(dec::mul(self.num, k, "ratio scale")?, self.den)?;
        Ok(reduce(r.num, r.den))
    }

    /// `self − other`, exactly.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Ratio;
    ///
    /// // 71 % less 55 % is 16 percentage points.
    /// let points = Ratio::of(71, 100)?.checked_sub(&Ratio::of(55, 100)?)?;
    /// assert_eq!(points, Ratio::of(16, 100)?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checked_sub(&self, other: &Ratio) -> Result<Ratio> {
        if self.den == other.den {
            return Ratio::new(dec::sub(self.num, other.num, "ratio difference")?, self.den);
        }
        let a = dec::mul(self.num, other.den, "ratio difference")?;
        let b = dec::mul(other.num, self.den, "ratio difference")?;
        let r = Ratio::new(
            dec::sub(a, b, "ratio difference")?,
            dec::mul(self.den, other.den, "ratio difference")?,
        )?;
        Ok(reduce(r.num, r.den))
    }

    /// `self + other`, exactly.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Ratio;
    ///
    /// assert_eq!(Ratio::of(1, 3)?.checked_add(&Ratio::of(1, 6)?)?, Ratio::of(1, 2)?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checked_add(&self, other: &Ratio) -> Result<Ratio> {
        if self.den == other.den {
            return Ratio::new(dec::add(self.num, other.num, "ratio sum")?, self.den);
        }
        let a = dec::mul(self.num, other.den, "ratio sum")?;
        let b = dec::mul(other.num, self.den, "ratio sum")?;
        let r = Ratio::new(
            dec::add(a, b, "ratio sum")?,
            dec::mul(self.den, other.den, "ratio sum")?,
        )?;
        Ok(reduce(r.num, r.den))
    }

    /// Whether the ratio is between 0 and 1 inclusive (a proper share).
    pub fn is_share(&self) -> bool {
        !self.num.is_sign_negative() && self.num <= self.den
    }

    /// The ratio to 28 significant digits, for display only.
    pub fn approx(&self) -> Decimal {
        self.num.checked_div(self.den).unwrap_or_default()
    }

    fn cross(&self, other: &Ratio) -> Ordering {
        match (
            self.num.checked_mul(other.den),
            other.num.checked_mul(self.den),
        ) {
            (Some(a), Some(b)) => a.cmp(&b),
            // Products beyond 7.9e28 cannot be compared exactly; their 28-digit quotients can.
            _ => self.approx().cmp(&other.approx()),
        }
    }
}

/// Results of arithmetic are kept in lowest terms (a ratio of counts is kept as given, so
/// that 21 of 27 reads "21/27"). The ratio in lowest terms when both parts are exact decimals whose mantissas fit an
/// i128 at a common scale (always, for counts and amounts); otherwise as given.
fn reduce(num: Decimal, den: Decimal) -> Ratio {
    let scale = num.scale().max(den.scale());
    let widen = |d: Decimal| -> Option<i128> {
        let m = d.mantissa();
        let extra = scale.checked_sub(d.scale())?;
        m.checked_mul(10i128.checked_pow(extra)?)
    };
    let (Some(n), Some(d)) = (widen(num), widen(den)) else {
        return Ratio { num, den };
    };
    let g = gcd(n.unsigned_abs(), d.unsigned_abs());
    if g <= 1 {
        return Ratio {
            num: num.normalize(),
            den: den.normalize(),
        };
    }
    let g = i128::try_from(g).unwrap_or(1);
    match (
        n.checked_div(g)
            .and_then(|n| Decimal::try_from_i128_with_scale(n, 0).ok()),
        d.checked_div(g)
            .and_then(|d| Decimal::try_from_i128_with_scale(d, 0).ok()),
    ) {
        (Some(n), Some(d)) => Ratio { num: n, den: d },
        _ => Ratio { num, den },
    }
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

fn step(decimals: u32) -> Decimal {
    Decimal::new(1, decimals.min(28))
}

impl PartialEq for Ratio {
    fn eq(&self, other: &Ratio) -> bool {
        self.cross(other) == Ordering::Equal
    }
}

impl Eq for Ratio {}

impl PartialOrd for Ratio {
    fn partial_cmp(&self, other: &Ratio) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Ratio {
    fn cmp(&self, other: &Ratio) -> Ordering {
        self.cross(other)
    }
}

impl fmt::Display for Ratio {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.num, self.den)
    }
}

impl FromStr for Ratio {
    type Err = Error;
    fn from_str(s: &str) -> Result<Ratio> {
        let parse = |t: &str| {
            Decimal::from_str_exact(t.trim()).map_err(|e| Error::Parse {
                what: "ratio",
                text: s.to_owned(),
                reason: e.to_string(),
            })
        };
        match s.split_once('/') {
            Some((n, d)) => Ratio::new(parse(n)?, parse(d)?),
            None => Ratio::new(parse(s)?, Decimal::ONE),
        }
    }
}

impl TryFrom<String> for Ratio {
    type Error = Error;
    fn try_from(s: String) -> Result<Ratio> {
        s.parse()
    }
}

impl From<Ratio> for String {
    fn from(r: Ratio) -> String {
        r.to_string()
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
    fn ledger_shares() {
        let r = |a, b| Ratio::of(a, b).unwrap();
        let hu = RoundingRule::HalfUp;
        assert_eq!(r(279, 285).percent(hu, 1).unwrap(), dec!(97.9));
        assert_eq!(r(253, 260).percent(hu, 1).unwrap(), dec!(97.3));
        assert_eq!(r(26, 25).percent(hu, 0).unwrap(), dec!(104));
        assert_eq!(r(29730, 33701).percent(hu, 1).unwrap(), dec!(88.2));
        assert_eq!(r(31258, 4489).round(hu, 2).unwrap(), dec!(6.96));
        let change = Ratio::change(dec!(17), dec!(15)).unwrap();
        assert_eq!(change.percent(hu, 1).unwrap(), dec!(-11.8));
    }

    #[test]
    fn parse_and_serde() {
        let r: Ratio = "41/57".parse().unwrap();
        assert_eq!(r, Ratio::of(41, 57).unwrap());
        assert!("1/0".parse::<Ratio>().is_err());
        assert!("x/2".parse::<Ratio>().is_err());
        let s = serde_json::to_string(&r).unwrap();
        assert_eq!(s, "\"41/57\"");
        let back: Ratio = serde_json::from_str(&s).unwrap();
        assert_eq!(back.to_string(), "41/57");
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn serde_round_trip_is_exact(n in any::<i64>(), d in 1i64..i64::MAX, s in 0u32..10) {
            let r = Ratio::new(Decimal::new(n, s), Decimal::from(d)).unwrap();
            let back: Ratio = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
            prop_assert_eq!(back.numerator(), r.numerator());
            prop_assert_eq!(back.denominator(), r.denominator());
        }

        #[test]
        fn equality_is_by_value(a in 0u64..10_000, b in 1u64..10_000, k in 1u64..1000) {
            prop_assert_eq!(Ratio::of(a, b).unwrap(), Ratio::of(a * k, b * k).unwrap());
        }

        #[test]
        fn a_computed_share_reconciles_with_its_own_rounding(a in 0u64..100_000, extra in 0u64..100_000, decimals in 0u32..4, rule_i in 0usize..4) {
            let rule = RoundingRule::ALL[rule_i];
            let r = Ratio::of(a, a + extra + 1).unwrap();
            let shown = r.percent(rule, decimals).unwrap();
            let interval = rule.interval(shown, Decimal::new(1, decimals)).unwrap();
            prop_assert!(interval.contains_ratio(&r, dec!(100)).unwrap());
        }
    }
}
