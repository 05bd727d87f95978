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
