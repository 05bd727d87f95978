//! Dates in data files: ISO strings (`"2021-01-01"`) and TOML date literals (`2021-01-01`).
//!
//! Use with `#[serde(deserialize_with = "bosetting::serde_date::date")]` (or `optional_date`
//! for an `Option<NaiveDate>` field). Serialization is chrono's own ISO string.

use std::fmt;

use chrono::NaiveDate;
use serde::Deserializer;
use serde::de::{self, MapAccess, Visitor};

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a date as YYYY-MM-DD")
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<NaiveDate, E> {
        NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
            .map_err(|_| E::custom(format!("invalid date {s:?}: expected YYYY-MM-DD")))
    }

    // A TOML date literal arrives as a one-entry map holding its text.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NaiveDate, A::Error> {
        let Some((_, text)) = map.next_entry::<String, String>()? else {
            return Err(de::Error::custom("empty date"));
        };
        if text.len() != 10 {
            return Err(de::Error::custom(format!(
                "invalid date {text:?}: expected a date without a time (YYYY-MM-DD)"
            )));
        }
        self.visit_str(&text)
    }
}

/// Deserializes a date from an ISO string or a TOML date literal.
///
/// # Errors
///
/// A deserialization error naming the text for anything else.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
///
/// #[derive(serde::Deserialize)]
/// struct Decision {
///     #[serde(deserialize_with = "bosetting::serde_date::date")]
///     decided: NaiveDate,
/// }
/// let expected = NaiveDate::from_ymd_opt(2021, 3, 15).ok_or("date")?;
/// // A TOML date literal and an ISO string read the same.
/// assert_eq!(toml::from_str::<Decision>("decided = 2021-03-15")?.decided, expected);
/// assert_eq!(toml::from_str::<Decision>("decided = \"2021-03-15\"")?.decided, expected);
/// // A date with a time, or another spelling, is refused.
/// assert!(toml::from_str::<Decision>("decided = 2021-03-15T10:00:00").is_err());
/// assert!(toml::from_str::<Decision>("decided = \"15.03.2021\"").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_any(DateVisitor)
}

/// Deserializes an optional date (use with `#[serde(default)]`).
///
/// # Errors
///
/// As [`date`].
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
///
/// #[derive(serde::Deserialize)]
/// struct Case {
///     #[serde(default, deserialize_with = "bosetting::serde_date::optional_date")]
///     arrived: Option<NaiveDate>,
/// }
/// assert_eq!(toml::from_str::<Case>("arrived = 2022-02-01")?.arrived, NaiveDate::from_ymd_opt(2022, 2, 1));
/// assert_eq!(toml::from_str::<Case>("")?.arrived, None);
/// assert!(toml::from_str::<Case>("arrived = \"february\"").is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn optional_date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    date(d).map(Some)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[derive(serde::Deserialize, Debug)]
    struct A {
        #[serde(deserialize_with = "super::date")]
        d: chrono::NaiveDate,
    }

    #[test]
    fn both_spellings() {
        let a: A = toml::from_str("d = 2021-01-01").unwrap();
        let b: A = toml::from_str("d = \"2021-01-01\"").unwrap();
        assert_eq!(a.d, b.d);
        let c: A = serde_json::from_str(r#"{"d":"2021-01-01"}"#).unwrap();
        assert_eq!(a.d, c.d);
        assert!(toml::from_str::<A>("d = 2021-01-01T10:00:00").is_err());
        assert!(toml::from_str::<A>("d = \"1.1.2021\"").is_err());
        assert!(toml::from_str::<A>("d = 12").is_err());
    }
}
