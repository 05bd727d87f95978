//! Checked `Decimal` arithmetic that names the operation when it fails.
//!
//! `rust_decimal`'s operators panic on overflow; the model never uses them on input-sized
//! values. These helpers are the only arithmetic the model does on decimals.

use rust_decimal::Decimal;

use crate::error::{Error, Result};

pub(crate) fn add(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    a.checked_add(b)
        .ok_or_else(|| Error::overflow(format!("{what}: {a} + {b}")))
}

pub(crate) fn sub(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    a.checked_sub(b)
        .ok_or_else(|| Error::overflow(format!("{what}: {a} - {b}")))
}

pub(crate) fn mul(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    a.checked_mul(b)
        .ok_or_else(|| Error::overflow(format!("{what}: {a} × {b}")))
}

/// Division to 28 significant digits (not exact for non-terminating quotients; callers that
/// need exactness use [`crate::Ratio`] or [`crate::RoundingRule::round_quotient`]).
pub(crate) fn div(a: Decimal, b: Decimal, what: &str) -> Result<Decimal> {
    if b.is_zero() {
        return Err(Error::DivisionByZero {
            operation: format!("{what}: {a} / {b}"),
        });
    }
    a.checked_div(b)
        .ok_or_else(|| Error::overflow(format!("{what}: {a} / {b}")))
}

pub(crate) fn sum<I: IntoIterator<Item = Decimal>>(items: I, what: &str) -> Result<Decimal> {
    items
        .into_iter()
        .try_fold(Decimal::ZERO, |acc, x| add(acc, x, what))
}

pub(crate) fn from_u64(n: u64) -> Decimal {
    Decimal::from(n)
}
