//! The crate's one error type.

use std::fmt;
use std::sync::Arc;

/// Everything that can go wrong when building or querying the model.
///
/// Messages are lowercase, name the field and carry the offending value, so that an error
/// reaching a user through a data file is actionable without a debugger. The enum is
/// `#[non_exhaustive]`: match the variants you care about and keep a catch-all arm.
///
/// # Example
///
/// ```
/// use bosetting::MunicipalityNumber;
///
/// let err = "03011".parse::<MunicipalityNumber>().unwrap_err();
/// assert_eq!(
///     err.to_string(),
///     "invalid municipality number \"03011\": expected exactly four digits",
/// );
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A municipality number that is not four ASCII digits (or is `0000`).
    #[error("invalid municipality number {value:?}: {reason}")]
    MunicipalityNumber {
        /// The text as given.
        value: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// A field whose value is outside what the model accepts.
    #[error("invalid {field} {value}: {reason}")]
    InvalidValue {
        /// The field, as a path a user can find (`decision.em`, `tertial`).
        field: String,
        /// The offending value, rendered.
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// Text that was meant to be a number, an amount or a published figure but is not.
    #[error("cannot read {what} from {text:?}: {reason}")]
    Parse {
        /// What was being read (`amount`, `published figure`, `share`).
        what: &'static str,
        /// The text as given.
        text: String,
        /// Why it was refused.
        reason: String,
    },
    /// Parts that must add up to a stated whole but do not.
    #[error("{field}: the parts {parts} sum to {sum}, but the stated total is {total}")]
    SumMismatch {
        /// The field whose parts are checked.
        field: String,
        /// The parts, rendered (`94 + 159`).
        parts: String,
        /// What the parts add up to.
        sum: String,
        /// The stated total.
        total: String,
    },
    /// A part larger than the whole it belongs to.
    #[error("{part_field} ({part}) is larger than {whole_field} ({whole})")]
    PartExceedsWhole {
        /// The part's field.
        part_field: String,
        /// The part's value.
        part: String,
        /// The whole's field.
        whole_field: String,
        /// The whole's value.
        whole: String,
    },
    /// A date that falls outside the period it must belong to.
    #[error("{field} {date} is outside {period}")]
    DateOutsidePeriod {
        /// The dated field.
        field: String,
        /// The date as given.
        date: chrono::NaiveDate,
        /// The period it must fall in, rendered.
        period: String,
    },
    /// Arithmetic that would overflow the exact representation.
    #[error("arithmetic overflow in {operation}")]
    Overflow {
        /// What was being computed, with its operands where they are short.
        operation: String,
    },
    /// A division whose divisor is zero.
    #[error("division by zero in {operation}")]
    DivisionByZero {
        /// What was being computed.
        operation: String,
    },
    /// A rate the rule tables do not hold. Never read as zero.
    #[error("no {table} rate for {key}")]
    MissingRate {
        /// Which table (`integration grant`, `EM grant`).
        table: &'static str,
        /// The lookup key, rendered (`budget year 2019, single-adult, grant year 2`).
        key: String,
    },
    /// Two rule entries that claim the same key for overlapping periods.
    #[error("overlapping {table} rates for {key}: {first} and {second}")]
    OverlappingRates {
        /// Which table.
        table: &'static str,
        /// The key they share.
        key: String,
        /// The first validity, rendered.
        first: String,
        /// The second validity, rendered.
        second: String,
    },
    /// A rule of the model (a programme limit, a fund rule) that an input breaks.
    #[error("{rule}: {detail}")]
    RuleBroken {
        /// The rule, named as its source names it.
        rule: String,
        /// What broke it, with the values.
        detail: String,
    },
    /// A figure the model was asked for but has no data to compute.
    #[error("cannot compute {figure}: {missing}")]
    NotComputable {
        /// The figure asked for.
        figure: String,
        /// What input is missing.
        missing: String,
    },
    /// A rule table (a data file of rates or limits) that cannot be read.
    #[error("rule table {origin}: {detail}")]
    RuleTable {
        /// Where the table came from (a file name, or `built-in`).
        origin: String,
        /// What is wrong, with line and field where known.
        detail: String,
    },
}

/// Shorthand for results in this crate.
///
/// # Example
///
/// ```
/// use bosetting::{Ratio, RoundingRule};
///
/// // Code built on the model passes its errors on with `?`.
/// fn percent(part: u64, whole: u64) -> bosetting::Result<String> {
///     Ok(Ratio::of(part, whole)?.percent(RoundingRule::HalfUp, 1)?.to_string())
/// }
/// assert_eq!(percent(41, 74)?, "55.4");
/// assert!(percent(41, 0).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn invalid(
        field: impl Into<String>,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Self {
        Error::InvalidValue {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn overflow(operation: impl Into<String>) -> Self {
        Error::Overflow {
            operation: operation.into(),
        }
    }

    pub(crate) fn not_computable(figure: impl Into<String>, missing: impl Into<String>) -> Self {
        Error::NotComputable {
            figure: figure.into(),
            missing: missing.into(),
        }
    }

    pub(crate) fn exceeds(
        part_field: impl Into<String>,
        part: impl fmt::Display,
        whole_field: impl Into<String>,
        whole: impl fmt::Display,
    ) -> Self {
        Error::PartExceedsWhole {
            part_field: part_field.into(),
            part: part.to_string(),
            whole_field: whole_field.into(),
            whole: whole.to_string(),
        }
    }
}

/// Checked `u32` addition that names what overflowed.
pub(crate) fn add_u32(a: u32, b: u32, what: &str) -> Result<u32> {
    a.checked_add(b)
        .ok_or_else(|| Error::overflow(format!("{what}: {a} + {b}")))
}

/// Sums counts, failing on overflow rather than wrapping.
pub(crate) fn sum_u32<I: IntoIterator<Item = u32>>(items: I, what: &str) -> Result<u32> {
    items
        .into_iter()
        .try_fold(0u32, |acc, x| add_u32(acc, x, what))
}

/// An [`std::io::Error`] that can be cloned and compared (by kind and message), as the
/// errors of the crates that read files (`bosetting-facts`, `bosetting-imdi`) are. The
/// [`std::error::Error::source`] of an error that holds one is the [`std::io::Error`]
/// itself, so that a program can downcast to it.
#[derive(Debug, Clone)]
pub struct IoError(Arc<std::io::Error>);

impl IoError {
    /// The operating system's error.
    pub fn get(&self) -> &std::io::Error {
        &self.0
    }
}

impl From<std::io::Error> for IoError {
    fn from(e: std::io::Error) -> IoError {
        IoError(Arc::new(e))
    }
}

impl PartialEq for IoError {
    fn eq(&self, other: &IoError) -> bool {
        self.0.kind() == other.0.kind() && self.0.to_string() == other.0.to_string()
    }
}

impl Eq for IoError {}

impl fmt::Display for IoError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for IoError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.source()
    }
}
