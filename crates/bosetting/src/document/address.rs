//! Where a figure sits in a document: which measure, of which body, for which period, for
//! which part (category, origin, named group).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::body::BodyId;
use super::period::DocPeriod;
use crate::settlement::{Category, Origin};

/// The part of a measure a figure counts: a category (ordinary or EM), an origin, or a named
/// group (an age band, a unit's line, a programme outcome). Empty: the whole.
///
/// # Example
///
/// ```
/// use bosetting::{Address, BodyId, Breakdown, Category, Origin};
///
/// let whole = Address::new("settlement.settled", BodyId::new("norge")?, "2023".parse()?);
/// assert!(whole.breakdown.is_whole());
/// // EM resettlement refugees; a named group is a document's own part ("15-17").
/// let part = whole.with_breakdown(Breakdown { origin: Some(Origin::Resettlement), ..Breakdown::category(Category::UnaccompaniedMinor) });
/// assert_eq!(part.breakdown.category, Some(Category::UnaccompaniedMinor));
/// assert_ne!(part, whole);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "fordeling")]
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Breakdown {
    /// Ordinary quota or unaccompanied minors; absent: both.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// Where the persons came from; absent: everywhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group (`"15-17"`, `"arbeid"`, `"kvinner"`); absent: everyone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

impl Breakdown {
    /// The whole (no breakdown).
    pub fn whole() -> Breakdown {
        Breakdown::default()
    }

    /// Whether this is the whole.
    pub fn is_whole(&self) -> bool {
        *self == Breakdown::default()
    }

    /// Only the category.
    pub fn category(category: Category) -> Breakdown {
        Breakdown {
            category: Some(category),
            ..Breakdown::default()
        }
    }
}

/// A figure's address: measure, body, period and breakdown. Any domain measure can be asked
/// of any body and period the document gives.
///
/// # Example
///
/// ```
/// use bosetting::{Address, BodyId, Category};
///
/// let a = Address::new("settlement.settled", BodyId::new("agder")?, "2014-2016".parse()?)
///     .with_category(Category::UnaccompaniedMinor);
/// assert_eq!(a.to_string(), "settlement.settled[agder, 2014-2016, unaccompanied-minor]");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "adresse")]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Address {
    /// The measure's name (`settlement.settled`, `budget.result`).
    pub measure: String,
    /// The body.
    pub body: BodyId,
    /// The period.
    pub period: DocPeriod,
    /// The part.
    #[serde(default, skip_serializing_if = "Breakdown::is_whole")]
    pub breakdown: Breakdown,
}

impl Address {
    /// The whole of `measure` for `body` in `period`.
    pub fn new(measure: impl Into<String>, body: BodyId, period: DocPeriod) -> Address {
        Address {
            measure: measure.into(),
            body,
            period,
            breakdown: Breakdown::whole(),
        }
    }

    /// The same address for one category.
    #[must_use]
    pub fn with_category(mut self, category: Category) -> Address {
        self.breakdown.category = Some(category);
        self
    }

    /// The same address with another measure.
    #[must_use]
    pub fn with_measure(&self, measure: &str) -> Address {
        Address {
            measure: measure.to_owned(),
            ..self.clone()
        }
    }

    /// The same address with another breakdown.
    #[must_use]
    pub fn with_breakdown(&self, breakdown: Breakdown) -> Address {
        Address {
            breakdown,
            ..self.clone()
        }
    }
}

impl fmt::Display for Address {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}, {}", self.measure, self.body, self.period)?;
        let b = &self.breakdown;
        if let Some(c) = b.category {
            let name = match c {
                Category::Ordinary => "ordinary",
                Category::UnaccompaniedMinor => "unaccompanied-minor",
            };
            write!(f, ", {name}")?;
        }
        if let Some(o) = b.origin {
            let name = match o {
                Origin::Resettlement => "resettlement",
                Origin::ReceptionCentre => "reception-centre",
                Origin::AgreedSelfSettlement => "agreed-self-settlement",
                Origin::Other => "other",
            };
            write!(f, ", {name}")?;
        }
        if let Some(g) = &b.group {
            write!(f, ", {g}")?;
        }
        f.write_str("]")
    }
}
