//! Who a figure is about: a municipality, a unit of one, a county, the nation, or another
//! body a document names.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::municipality::MunicipalityNumber;
use crate::provenance::Source;

/// The identifier a document gives a body (`"kristiansand"`, `"agder"`, `"norge"`).
///
/// Lowercase letters, digits, `-` and `_`; a facts file refers to bodies by it.
///
/// # Example
///
/// ```
/// use bosetting::BodyId;
///
/// let id: BodyId = serde_json::from_str(r#""flyktningkontoret""#)?;
/// assert_eq!(id.as_str(), "flyktningkontoret");
/// // Read through the same check as `BodyId::new`.
/// assert!(serde_json::from_str::<BodyId>(r#""Flyktningkontoret""#).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "organ")]
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct BodyId(String);

impl BodyId {
    /// A body id.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the id is empty or has other characters than lowercase
    /// letters, digits, `-` and `_`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::BodyId;
    /// assert_eq!(BodyId::new("agder")?.as_str(), "agder");
    /// assert!(BodyId::new("Agder fylke").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(id: impl Into<String>) -> Result<BodyId> {
        let id = id.into();
        let ok = !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if ok {
            Ok(BodyId(id))
        } else {
            Err(Error::invalid(
                "body id",
                &id,
                "write lowercase letters, digits, '-' and '_' only (for example \"agder\" or \"flyktningkontoret\")",
            ))
        }
    }

    /// The id as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for BodyId {
    type Error = Error;
    fn try_from(s: String) -> Result<BodyId> {
        BodyId::new(s)
    }
}

impl From<BodyId> for String {
    fn from(b: BodyId) -> String {
        b.0
    }
}

impl fmt::Display for BodyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What kind of body.
///
/// # Example
///
/// ```
/// use bosetting::{Body, BodyId, BodyKind, Source};
///
/// let src = || Source::new("Kristiansand, årsrapport 2022");
/// let city = Body::new(BodyId::new("kristiansand")?, "Kristiansand", BodyKind::Municipality { number: "4204".parse()? }, src());
/// // A unit is a part of its municipality: its additive figures add up to the city's.
/// let office = Body::new(BodyId::new("flyktningkontoret")?, "Flyktningkontoret", BodyKind::Unit, src())
///     .part_of(city.id.clone());
/// assert_eq!(office.parent.as_ref(), Some(&city.id));
/// assert!(matches!(city.kind, BodyKind::Municipality { .. }));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "fylke")]
#[doc(alias = "hele landet")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
#[non_exhaustive]
pub enum BodyKind {
    /// A municipality (*kommune*).
    #[doc(alias = "kommune")]
    Municipality {
        /// Its number.
        number: MunicipalityNumber,
    },
    /// A unit of a municipality (*enhet*: the refugee office, adult education, child welfare).
    #[doc(alias = "enhet")]
    Unit,
    /// A county (*fylke*).
    #[doc(alias = "fylke")]
    County {
        /// Its two-digit number, if the document gives it.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        number: Option<String>,
    },
    /// The whole country (*hele landet*).
    #[doc(alias = "hele landet")]
    Nation,
    /// Any other body (IMDi, a region, a group of municipalities).
    Other,
}

/// A body a document speaks of.
///
/// # Example
///
/// ```
/// use bosetting::{Body, BodyId, BodyKind, Source};
///
/// let office = Body::new(BodyId::new("flyktningkontoret")?, "Flyktningkontoret", BodyKind::Unit, Source::new("budsjett 2024"))
///     .part_of(BodyId::new("kristiansand")?);
/// assert_eq!(office.parent.as_ref().map(|p| p.as_str()), Some("kristiansand"));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "organ")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Body {
    /// The id figures refer to it by.
    pub id: BodyId,
    /// Its name as the document writes it.
    pub name: String,
    /// What kind of body.
    #[serde(flatten)]
    pub kind: BodyKind,
    /// The body it is a part of (a unit's municipality, a municipality's county), whose
    /// additive figures are the sum of its parts' when the document does not state them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<BodyId>,
    /// Where the document names it.
    pub source: Source,
}

impl Body {
    /// A body with no parent.
    pub fn new(id: BodyId, name: impl Into<String>, kind: BodyKind, source: Source) -> Body {
        Body {
            id,
            name: name.into(),
            kind,
            parent: None,
            source,
        }
    }

    /// The same body as a part of `parent`.
    #[must_use]
    pub fn part_of(mut self, parent: BodyId) -> Body {
        self.parent = Some(parent);
        self
    }
}
