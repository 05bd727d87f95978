//! Named rounding rules, and the interval of values a rounded figure stands for.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::{Error, Result};
use crate::interval::{Bound, Interval};

/// How a value is rounded to a step (a whole number, one decimal, a tenth of a million).
///
/// The model never rounds implicitly: every rounded figure names its rule, and a published
/// figure is reconciled against a computed one *under* a rule. Norwegian reports normally
/// round half up ([`RoundingRule::HalfUp`]), but not always; the reconciliation reports what
/// each rule would give.
///
/// # Example
///
/// ```
/// use bosetting::RoundingRule;
/// use rust_decimal_macros::dec;
///
/// // 41 of 57 exits, as a whole percent:
/// let pct = |rule: RoundingRule| rule.round_quotient(dec!(4100), dec!(57));
/// assert_eq!(pct(RoundingRule::HalfUp)?, dec!(72));
/// assert_eq!(pct(RoundingRule::Truncate)?, dec!(71));
///
/// // What "0,7 mill" stands for under half-up:
/// let i = RoundingRule::HalfUp.interval(dec!(700000), dec!(100000))?;
/// assert_eq!(i.to_string(), "[650000, 750000)");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "avrunding")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RoundingRule {
    /// To the nearest step; a tie goes away from zero (0.5 → 1, −0.5 → −1). Commercial
    /// rounding, the default in Norwegian reports.
    HalfUp,
    /// To the nearest step; a tie goes to the even neighbour (banker's rounding).
    HalfEven,
    /// Toward zero: the digits past the step are dropped.
    Truncate,
    /// Toward minus infinity (integer floor division).
    Floor,
}

impl RoundingRule {
    /// Every rule, in a fixed order, for reports that say what each would give.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Ratio, RoundingRule};
    ///
    /// // 2/3 as a percentage to one decimal under each rule.
    /// let shown: Vec<String> = RoundingRule::ALL.iter().map(|r| Ok(Ratio::of(2, 3)?.percent(*r, 1)?.to_string())).collect::<bosetting::Result<_>>()?;
    /// assert_eq!(shown, ["66.7", "66.7", "66.6", "66.6"]);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub const ALL: [RoundingRule; 4] = [
        RoundingRule::HalfUp,
        RoundingRule::HalfEven,
        RoundingRule::Truncate,
        RoundingRule::Floor,
    ];

    /// The rule's name as used in data files (`half-up`, `half-even`, `truncate`, `floor`).
    pub fn name(self) -> &'static str {
        match self {
            RoundingRule::HalfUp => "half-up",
            RoundingRule::HalfEven => "half-even",
            RoundingRule::Truncate => "truncate",
            RoundingRule::Floor => "floor",
        }
    }

    /// `a / b` rounded to a whole number under this rule, exactly (no intermediate rounding,
    /// whatever the quotient's decimal expansion).
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if `b` is zero; [`Error::Overflow`] if the quotient does not
    /// fit a `Decimal`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RoundingRule;
    /// use rust_decimal_macros::dec;
    ///
    /// // 2/3 rounded to a whole number: exact, whatever the decimal expansion.
    /// assert_eq!(RoundingRule::HalfUp.round_quotient(dec!(2), dec!(3))?, dec!(1));
    /// assert_eq!(RoundingRule::Floor.round_quotient(dec!(-2), dec!(3))?, dec!(-1));
    /// assert!(RoundingRule::HalfUp.round_quotient(dec!(2), dec!(0)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn round_quotient(self, a: Decimal, b: Decimal) -> Result<Decimal> {
        if b.is_zero() {
            return Err(Error::DivisionByZero {
                operation: format!("rounding {a} / {b}"),
            });
        }
        let (a, b) = if b.is_sign_negative() {
            (-a, -b)
        } else {
            (a, b)
        };
        let q = floor_div(a, b)?;
        let r = dec::sub(a, dec::mul(q, b, "rounding")?, "rounding")?;
        let one = Decimal::ONE;
        let up = || dec::add(q, one, "rounding");
        match self {
            RoundingRule::Floor => Ok(q),
            RoundingRule::Truncate => {
                if !r.is_zero() && a.is_sign_negative() {
                    up()
                } else {
                    Ok(q)
                }
            }
            RoundingRule::HalfUp | RoundingRule::HalfEven => {
                let twice = dec::mul(r, Decimal::TWO, "rounding")?;
                match twice.cmp(&b) {
                    std::cmp::Ordering::Greater => up(),
                    std::cmp::Ordering::Less => Ok(q),
                    std::cmp::Ordering::Equal => {
                        let to_upper = if self == RoundingRule::HalfUp {
                            // The tie q + ½ is positive exactly when q ≥ 0.
                            !q.is_sign_negative()
                        } else {
                            !is_even(q)
                        };
                        if to_upper { up() } else { Ok(q) }
                    }
                }
            }
        }
    }

    /// `value` rounded to a multiple of `step` (for example `step = 0.1` for one decimal,
    /// `100000` for "0,7 mill").
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `step` is not positive; [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RoundingRule;
    /// use rust_decimal_macros::dec;
    ///
    /// assert_eq!(RoundingRule::HalfUp.round(dec!(96.55), dec!(0.1))?, dec!(96.6));
    /// assert_eq!(RoundingRule::HalfEven.round(dec!(96.55), dec!(0.1))?, dec!(96.6));
    /// assert_eq!(RoundingRule::HalfEven.round(dec!(96.45), dec!(0.1))?, dec!(96.4));
    /// assert_eq!(RoundingRule::HalfUp.round(dec!(650000), dec!(100000))?, dec!(700000));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn round(self, value: Decimal, step: Decimal) -> Result<Decimal> {
        self.round_ratio(value, Decimal::ONE, step)
    }

    /// The exact quotient `num / den` rounded to a multiple of `step`.
    ///
    /// # Errors
    ///
    /// As [`RoundingRule::round`], and [`Error::DivisionByZero`] if `den` is zero.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RoundingRule;
    /// use rust_decimal_macros::dec;
    ///
    /// assert_eq!(RoundingRule::HalfUp.round_ratio(dec!(41), dec!(74), dec!(0.001))?, dec!(0.554));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn round_ratio(self, num: Decimal, den: Decimal, step: Decimal) -> Result<Decimal> {
        check_step(step)?;
        let d = dec::mul(den, step, "rounding")?;
        let m = self.round_quotient(num, d)?;
        dec::mul(m, step, "rounding")
    }

    /// The set of values that this rule rounds to `rounded` at `step`: what a published
    /// figure printed as `rounded` stands for.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `step` is not positive or `rounded` is not a multiple of it.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RoundingRule;
    /// use rust_decimal_macros::dec;
    ///
    /// // "0,7 mill" rounded half up stands for 650 000 up to (not including) 750 000.
    /// let i = RoundingRule::HalfUp.interval(dec!(700000), dec!(100000))?;
    /// assert_eq!(i.to_string(), "[650000, 750000)");
    /// assert!(RoundingRule::HalfUp.interval(dec!(705000), dec!(100000)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn interval(self, rounded: Decimal, step: Decimal) -> Result<Interval> {
        check_step(step)?;
        let m = dec::div(rounded, step, "rounding interval")?;
        if !m.fract().is_zero() {
            return Err(Error::invalid(
                "rounded value",
                rounded,
                format!("not a multiple of the step {step}"),
            ));
        }
        let half = dec::div(step, Decimal::TWO, "rounding interval")?;
        let lo_half = dec::sub(rounded, half, "rounding interval")?;
        let hi_half = dec::add(rounded, half, "rounding interval")?;
        let lo_step = dec::sub(rounded, step, "rounding interval")?;
        let hi_step = dec::add(rounded, step, "rounding interval")?;
        use Bound::{Excluded, Included};
        let (lower, upper) = match self {
            RoundingRule::HalfUp => match rounded.cmp(&Decimal::ZERO) {
                std::cmp::Ordering::Greater => (Included(lo_half), Excluded(hi_half)),
                std::cmp::Ordering::Less => (Excluded(lo_half), Included(hi_half)),
                std::cmp::Ordering::Equal => (Excluded(lo_half), Excluded(hi_half)),
            },
            RoundingRule::HalfEven => {
                if is_even(m) {
                    (Included(lo_half), Included(hi_half))
                } else {
                    (Excluded(lo_half), Excluded(hi_half))
                }
            }
            RoundingRule::Truncate => match rounded.cmp(&Decimal::ZERO) {
                std::cmp::Ordering::Greater => (Included(rounded), Excluded(hi_step)),
                std::cmp::Ordering::Less => (Excluded(lo_step), Included(rounded)),
                std::cmp::Ordering::Equal => (Excluded(lo_step), Excluded(hi_step)),
            },
            RoundingRule::Floor => (Included(rounded), Excluded(hi_step)),
        };
        Interval::new(lower, upper)
    }
}

impl RoundingRule {
    /// The rule's name as words a report translates.
    pub fn phrase(self) -> crate::phrase::Phrase {
        crate::phrase::Phrase::new(self.name())
    }
}

impl fmt::Display for RoundingRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for RoundingRule {
    type Err = Error;
    fn from_str(s: &str) -> Result<RoundingRule> {
        RoundingRule::ALL
            .into_iter()
            .find(|r| r.name() == s)
            .ok_or_else(|| {
                Error::invalid(
                    "rounding rule",
                    format!("{s:?}"),
                    "expected half-up, half-even, truncate or floor",
                )
            })
    }
}

fn check_step(step: Decimal) -> Result<()> {
    if step <= Decimal::ZERO {
        return Err(Error::invalid("rounding step", step, "must be positive"));
    }
    Ok(())
}

fn is_even(m: Decimal) -> bool {
    m.checked_rem(Decimal::TWO).is_some_and(|r| r.is_zero())
}

/// Exact `floor(a / b)` for `b > 0`: the quotient is computed to 28 digits and then
/// corrected, because a quotient that lands within 1e-28 of a whole number would otherwise
/// floor to the wrong side.
pub(crate) fn floor_div(a: Decimal, b: Decimal) -> Result<Decimal> {
    let mut q = dec::div(a, b, "floor division")?.floor();
    for _ in 0..4 {
        let p = dec::mul(q, b, "floor division")?;
        if p > a {
            q = dec::sub(q, Decimal::ONE, "floor division")?;
            continue;
        }
        let next = dec::add(p, b, "floor division")?;
        if next <= a {
            q = dec::add(q, Decimal::ONE, "floor division")?;
            continue;
        }
        return Ok(q);
    }
    Err(Error::overflow(format!(
        "floor division {a} / {b}: no exact quotient"
    )))
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
    fn ties() {
        let r = |rule: RoundingRule, x| rule.round(x, Decimal::ONE).unwrap();
        assert_eq!(r(RoundingRule::HalfUp, dec!(2.5)), dec!(3));
        assert_eq!(r(RoundingRule::HalfUp, dec!(-2.5)), dec!(-3));
        assert_eq!(r(RoundingRule::HalfEven, dec!(2.5)), dec!(2));
        assert_eq!(r(RoundingRule::HalfEven, dec!(3.5)), dec!(4));
        assert_eq!(r(RoundingRule::HalfEven, dec!(-2.5)), dec!(-2));
        assert_eq!(r(RoundingRule::Truncate, dec!(-2.7)), dec!(-2));
        assert_eq!(r(RoundingRule::Floor, dec!(-2.1)), dec!(-3));
        assert_eq!(r(RoundingRule::Truncate, dec!(2.999)), dec!(2));
    }

    #[test]
    fn exact_quotients() {
        // 96.503… % of 27.6 / 28.6, to one decimal.
        let p = RoundingRule::HalfUp
            .round_ratio(dec!(2760), dec!(28.6), dec!(0.1))
            .unwrap();
        assert_eq!(p, dec!(96.5));
        // A third does not terminate; rounding it must not drift.
        assert_eq!(
            RoundingRule::HalfUp
                .round_ratio(dec!(1), dec!(3), dec!(0.000001))
                .unwrap(),
            dec!(0.333333)
        );
        assert!(
            RoundingRule::HalfUp
                .round_quotient(dec!(1), dec!(0))
                .is_err()
        );
        assert!(RoundingRule::HalfUp.round(dec!(1), dec!(0)).is_err());
    }

    #[test]
    fn intervals_of_the_ledger() {
        let i = RoundingRule::HalfUp.interval(dec!(71), dec!(1)).unwrap();
        assert_eq!(i.to_string(), "[70.5, 71.5)");
        let i = RoundingRule::Truncate.interval(dec!(71), dec!(1)).unwrap();
        assert_eq!(i.to_string(), "[71, 72)");
        assert!(
            RoundingRule::HalfUp
                .interval(dec!(0.75), dec!(0.1))
                .is_err()
        );
    }

    fn decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..8).prop_map(|(m, s)| Decimal::new(m, s))
    }

    fn step() -> impl Strategy<Value = Decimal> {
        prop_oneof![
            Just(dec!(1)),
            Just(dec!(0.1)),
            Just(dec!(0.01)),
            Just(dec!(100000)),
            Just(dec!(5))
        ]
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn the_interval_contains_the_value_it_was_rounded_from(
            x in decimal(), step in step(), rule_i in 0usize..4
        ) {
            let rule = RoundingRule::ALL[rule_i];
            let rounded = rule.round(x, step).unwrap();
            let interval = rule.interval(rounded, step).unwrap();
            prop_assert!(interval.contains(x), "{x} rounded {rule} to {rounded}, interval {interval}");
        }

        #[test]
        fn rounding_is_idempotent_and_within_a_step(x in decimal(), step in step(), rule_i in 0usize..4) {
            let rule = RoundingRule::ALL[rule_i];
            let once = rule.round(x, step).unwrap();
            prop_assert_eq!(rule.round(once, step).unwrap(), once);
            prop_assert!((once - x).abs() < step);
        }

        #[test]
        fn floor_div_is_exact(a in any::<i64>(), b in 1i64..1_000_000_000) {
            let q = floor_div(Decimal::from(a), Decimal::from(b)).unwrap();
            prop_assert_eq!(q, Decimal::from(a.div_euclid(b)));
        }

        #[test]
        fn rounded_quotients_match_integer_arithmetic(a in -10_000_000i64..10_000_000, b in 1i64..10_000) {
            let hu = RoundingRule::HalfUp.round_quotient(a.into(), b.into()).unwrap();
            let expect = {
                let (q, r) = (a.div_euclid(b), a.rem_euclid(b));
                if 2 * r > b || (2 * r == b && q >= 0) { q + 1 } else { q }
            };
            prop_assert_eq!(hu, Decimal::from(expect));
            let tr = RoundingRule::Truncate.round_quotient(a.into(), b.into()).unwrap();
            prop_assert_eq!(tr, Decimal::from(a / b));
        }
    }
}
