//! Differences, shares and changes between explained figures.
//!
//! These are the small computations reports are full of ("41 of 74", "17 → 15: −2, −11.8 %",
//! "×6.96"), each returning a figure that explains itself by its two inputs.

use rust_decimal::Decimal;

use crate::dec;
use crate::error::Result;
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::phrase::Phrase;
use crate::ratio::Ratio;

/// A figure that can take part in a comparison: an exact decimal with its explanation.
///
/// # Example
///
/// ```
/// use bosetting::compare::{self, Operand};
/// use bosetting::{Derived, Explanation, Money, Quantity, Source};
/// use rust_decimal::Decimal;
///
/// // Counts, amounts and decimals take part alike.
/// let kr = |n: i64| Derived::new(Money::kroner(n), Explanation::input("x", Quantity::money(Money::kroner(n)), Source::new("regnskap")));
/// assert_eq!(kr(27_600_000).decimal(), Decimal::from(27_600_000));
/// let share = compare::share("consumption", &kr(27_600_000), &kr(28_600_000), "actual / frame")?;
/// assert_eq!(share.value.to_string(), "27600000/28600000");
/// # Ok::<(), bosetting::Error>(())
/// ```
pub trait Operand {
    /// The value as an exact decimal.
    fn decimal(&self) -> Decimal;
    /// The explanation to cite.
    fn explanation(&self) -> &Explanation;
}

impl Operand for Derived<u32> {
    fn decimal(&self) -> Decimal {
        Decimal::from(self.value)
    }
    fn explanation(&self) -> &Explanation {
        &self.explanation
    }
}

impl Operand for Derived<i64> {
    fn decimal(&self) -> Decimal {
        Decimal::from(self.value)
    }
    fn explanation(&self) -> &Explanation {
        &self.explanation
    }
}

impl Operand for Derived<Decimal> {
    fn decimal(&self) -> Decimal {
        self.value
    }
    fn explanation(&self) -> &Explanation {
        &self.explanation
    }
}

impl Operand for Derived<crate::money::Money> {
    fn decimal(&self) -> Decimal {
        self.value.amount()
    }
    fn explanation(&self) -> &Explanation {
        &self.explanation
    }
}

/// `a − b` in `unit`.
///
/// # Example
///
/// ```
/// use bosetting::compare::difference;
/// use bosetting::{Derived, Explanation, Quantity, Source, Unit};
///
/// let fact = |n: u32| Derived::new(n, Explanation::input("x", Quantity::persons(n), Source::new("t")));
/// let gap = difference("shortfall", &fact(74), &fact(41), Unit::Persons, "decided − settled")?;
/// assert_eq!(gap.value, 33.into());
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// # Errors
///
/// [`crate::Error::Overflow`] on overflow.
pub fn difference(
    label: impl Into<Phrase>,
    a: &impl Operand,
    b: &impl Operand,
    unit: Unit,
    formula: impl Into<Phrase>,
) -> Result<Derived<Decimal>> {
    combine(
        label,
        dec::sub(a.decimal(), b.decimal(), "difference")?,
        a,
        b,
        unit,
        formula,
    )
}

/// `a + b` in `unit`.
///
/// # Errors
///
/// [`crate::Error::Overflow`] on overflow.
///
/// # Example
///
/// ```
/// use bosetting::compare;
/// use bosetting::{Derived, Explanation, Quantity, Ratio, Source};
///
/// let fact = |n: u32| Derived::new(n, Explanation::input("x", Quantity::persons(n), Source::new("årsrapport")));
/// use bosetting::Unit;
///
/// // 253 on the ordinary quota + 26 EM.
/// let total = compare::sum("settled", &fact(253), &fact(26), Unit::Persons, "ordinary + EM")?;
/// assert_eq!(total.value, 279.into());
/// // Both inputs are cited.
/// assert_eq!(total.explanation.inputs.len(), 2);
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn sum(
    label: impl Into<Phrase>,
    a: &impl Operand,
    b: &impl Operand,
    unit: Unit,
    formula: impl Into<Phrase>,
) -> Result<Derived<Decimal>> {
    combine(
        label,
        dec::add(a.decimal(), b.decimal(), "sum")?,
        a,
        b,
        unit,
        formula,
    )
}

fn combine(
    label: impl Into<Phrase>,
    v: Decimal,
    a: &impl Operand,
    b: &impl Operand,
    unit: Unit,
    formula: impl Into<Phrase>,
) -> Result<Derived<Decimal>> {
    Ok(Derived::new(
        v,
        Explanation::derived(
            label,
            Quantity::decimal(v, unit),
            formula,
            vec![a.explanation().clone(), b.explanation().clone()],
        ),
    ))
}

/// `part / whole` as a share.
///
/// # Errors
///
/// [`crate::Error::DivisionByZero`] if `whole` is zero.
///
/// # Example
///
/// ```
/// use bosetting::compare;
/// use bosetting::{Derived, Explanation, Quantity, Ratio, Source};
///
/// let fact = |n: u32| Derived::new(n, Explanation::input("x", Quantity::persons(n), Source::new("årsrapport")));
/// let fulfilment = compare::share("fulfilment", &fact(41), &fact(74), "settled / decided")?;
/// assert_eq!(fulfilment.value, Ratio::of(41, 74)?);
/// // A share of nothing is an error, never 0 or 100 %.
/// assert!(compare::share("fulfilment", &fact(0), &fact(0), "settled / decided").is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn share(
    label: impl Into<Phrase>,
    part: &impl Operand,
    whole: &impl Operand,
    formula: impl Into<Phrase>,
) -> Result<Derived<Ratio>> {
    let r = Ratio::new(part.decimal(), whole.decimal())?;
    Ok(Derived::new(
        r,
        Explanation::derived(
            label,
            Quantity::share(r),
            formula,
            vec![part.explanation().clone(), whole.explanation().clone()],
        ),
    ))
}

/// `a / b` as a multiple ("×6.96").
///
/// # Errors
///
/// [`crate::Error::DivisionByZero`] if `b` is zero.
///
/// # Example
///
/// ```
/// use bosetting::compare;
/// use bosetting::{Derived, Explanation, Quantity, Ratio, Source};
///
/// let fact = |n: u32| Derived::new(n, Explanation::input("x", Quantity::persons(n), Source::new("årsrapport")));
/// // "nesten sju ganger så mange": 5 484 settled against 788.
/// let times = compare::multiple("settled 2016 / 2012", &fact(5_484), &fact(788), "2016 / 2012")?;
/// assert_eq!(times.value, Ratio::of(5_484, 788)?);
/// assert_eq!(times.value.round(bosetting::RoundingRule::HalfUp, 2)?.to_string(), "6.96");
/// assert!(compare::multiple("x", &fact(1), &fact(0), "a / b").is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn multiple(
    label: impl Into<Phrase>,
    a: &impl Operand,
    b: &impl Operand,
    formula: impl Into<Phrase>,
) -> Result<Derived<Ratio>> {
    let r = Ratio::new(a.decimal(), b.decimal())?;
    Ok(Derived::new(
        r,
        Explanation::derived(
            label,
            Quantity::times(r),
            formula,
            vec![a.explanation().clone(), b.explanation().clone()],
        ),
    ))
}

/// The relative change `(to − from) / from`.
///
/// # Errors
///
/// [`crate::Error::DivisionByZero`] if `from` is zero.
///
/// # Example
///
/// ```
/// use bosetting::compare;
/// use bosetting::{Derived, Explanation, Quantity, Ratio, Source};
///
/// let fact = |n: u32| Derived::new(n, Explanation::input("x", Quantity::persons(n), Source::new("årsrapport")));
/// use rust_decimal::Decimal;
///
/// // 17 → 15: down 2 of 17.
/// let change = compare::change("change in places", &fact(17), &fact(15))?;
/// assert_eq!(change.value, Ratio::new(Decimal::from(-2), Decimal::from(17))?);
/// // No relative change from zero.
/// assert!(compare::change("change", &fact(0), &fact(5)).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn change(
    label: impl Into<Phrase>,
    from: &impl Operand,
    to: &impl Operand,
) -> Result<Derived<Ratio>> {
    let r = Ratio::change(from.decimal(), to.decimal())?;
    Ok(Derived::new(
        r,
        Explanation::derived(
            label,
            Quantity::share(r),
            "(new − old) / old",
            vec![from.explanation().clone(), to.explanation().clone()],
        ),
    ))
}

/// The difference of two shares in percentage points, exact.
///
/// # Errors
///
/// [`crate::Error::Overflow`] on overflow.
///
/// # Example
///
/// ```
/// use bosetting::compare;
/// use bosetting::{Derived, Explanation, Quantity, Ratio, Source};
///
/// let fact = |n: u32| Derived::new(n, Explanation::input("x", Quantity::persons(n), Source::new("årsrapport")));
/// // From 39 of 75 to 45 of 75 moving on to work or education: up 8 percentage points.
/// let before = compare::share("2017", &fact(39), &fact(75), "a / b")?;
/// let after = compare::share("2018", &fact(45), &fact(75), "a / b")?;
/// let up = compare::points("change in the rate", &before, &after)?;
/// assert_eq!(up.value, Ratio::of(8, 1)?);
/// assert_eq!(compare::points("back", &after, &before)?.value, Ratio::new((-8).into(), 1.into())?);
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn points(
    label: impl Into<Phrase>,
    from: &Derived<Ratio>,
    to: &Derived<Ratio>,
) -> Result<Derived<Ratio>> {
    let d = to
        .value
        .checked_sub(&from.value)?
        .scale(Decimal::ONE_HUNDRED)?;
    Ok(Derived::new(
        d,
        Explanation::derived(
            label,
            Quantity::new(crate::explain::Value::Ratio(d), Unit::PercentagePoints),
            "(new share − old share) × 100",
            vec![from.explanation.clone(), to.explanation.clone()],
        ),
    ))
}
