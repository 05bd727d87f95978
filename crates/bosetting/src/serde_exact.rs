//! Exact decimals in serialized documents: always strings, never floats.
//!
//! `rust_decimal::serde::str` covers a `Decimal` field; [`option_decimal`] covers an
//! `Option<Decimal>` (`"96.6"` or `null`). Use with `#[serde(with = "…")]`.

/// An optional decimal as an exact string or `null`.
pub mod option_decimal {
    use rust_decimal::Decimal;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `Some(d)` as its exact string, `None` as `null`.
    ///
    /// # Errors
    ///
    /// The serializer's errors.
    ///
    /// # Example
    ///
    /// ```
    /// use rust_decimal::Decimal;
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    /// struct Printed {
    ///     #[serde(with = "bosetting::serde_exact::option_decimal")]
    ///     percent: Option<Decimal>,
    /// }
    /// let p = Printed { percent: Some(Decimal::new(966, 1)) };
    /// // An exact string, never a float.
    /// assert_eq!(serde_json::to_string(&p)?, r#"{"percent":"96.6"}"#);
    /// assert_eq!(serde_json::to_string(&Printed { percent: None })?, r#"{"percent":null}"#);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn serialize<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(d) => s.serialize_some(&d.to_string()),
            None => s.serialize_none(),
        }
    }

    /// Reads an exact decimal string or `null`.
    ///
    /// # Errors
    ///
    /// A deserialization error naming the text if it is not a decimal.
    ///
    /// # Example
    ///
    /// ```
    /// use rust_decimal::Decimal;
    ///
    /// #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    /// struct Printed {
    ///     #[serde(with = "bosetting::serde_exact::option_decimal")]
    ///     percent: Option<Decimal>,
    /// }
    /// let p: Printed = serde_json::from_str(r#"{"percent":"96.6"}"#)?;
    /// assert_eq!(p.percent, Some(Decimal::new(966, 1)));
    /// assert_eq!(serde_json::from_str::<Printed>(r#"{"percent":null}"#)?.percent, None);
    /// // Text that is no decimal is refused.
    /// assert!(serde_json::from_str::<Printed>(r#"{"percent":"96,6 %"}"#).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        let s: Option<String> = Option::deserialize(d)?;
        s.map(|s| Decimal::from_str_exact(&s).map_err(serde::de::Error::custom))
            .transpose()
    }
}
