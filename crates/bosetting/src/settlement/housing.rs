//! Dwellings and the settlement capacity they imply.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::{Error, Result, sum_u32};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::phrase::{Arg, Phrase};
use crate::provenance::Fact;

/// What kind of dwelling.
///
/// # Example
///
/// ```
/// use bosetting::{DwellingKind, Dwellings, Fact, Housing, Source};
///
/// let src = || Source::new("boligplan");
/// let housing = Housing::default()
///     .with_dwellings(Dwellings::new(DwellingKind::Municipal, Fact::new(12, src()), None)?)
///     .with_dwellings(Dwellings::new(DwellingKind::AgreedSelfSettlement, Fact::new(3, src()), None)?)
///     .with_dwellings(Dwellings::new(DwellingKind::SharedHomeEm, Fact::new(1, src()), None)?);
/// assert_eq!(housing.total_dwellings()?.value, 16);
/// // Agreed self-settlement is a private contract; municipal dwellings and shared homes are not.
/// assert_eq!(housing.private_contracts()?.value, 3);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "bofellesskap")]
#[doc(alias = "bolig")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DwellingKind {
    /// A municipal dwelling (*kommunal bolig*).
    Municipal,
    /// A private rental contract approved by the municipality (*privat kontrakt*), other than
    /// agreed self-settlement.
    PrivateContract,
    /// A private contract under agreed self-settlement (*avtalt selvbosetting*): a refugee
    /// without family finds the dwelling on the private market.
    AgreedSelfSettlement,
    /// A shared home for unaccompanied minors (*bofellesskap*).
    SharedHomeEm,
    /// Not specified.
    Unspecified,
}

/// A number of dwellings of one kind, with how many persons each is planned to house.
///
/// Its parts are private, so no program can plan zero persons per dwelling:
///
/// ```compile_fail,E0451
/// use bosetting::{DwellingKind, Dwellings, Fact, Source};
/// use rust_decimal::Decimal;
///
/// let d = Dwellings {
///     kind: DwellingKind::Municipal, count: Fact::new(100, Source::new("x")),
///     persons_per_dwelling: Some(Fact::new(Decimal::ZERO, Source::new("x"))),
/// };
/// ```
#[doc(alias = "boliger")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Dwellings {
    // Private so that no plan houses zero or fewer persons per dwelling: built by the
    // checked `new`, read through the getters of the same names.
    kind: DwellingKind,
    count: Fact<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    persons_per_dwelling: Option<Fact<Decimal>>,
}

deserialize_through!(Dwellings::new {
    kind: DwellingKind,
    count: Fact<u32>,
    #[serde(default)]
    persons_per_dwelling: Option<Fact<Decimal>>,
});

impl Dwellings {
    /// `count` dwellings of one kind, each planned to house `persons_per_dwelling` persons
    /// where the plan states it (`None` where it does not).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `persons_per_dwelling` is zero or negative.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{DwellingKind, Dwellings, Fact, Source};
    /// use rust_decimal_macros::dec;
    ///
    /// let src = || Source::new("Drammen, sak 31.01.2024");
    /// let d = Dwellings::new(DwellingKind::Unspecified, Fact::new(100, src()),
    ///     Some(Fact::new(dec!(2.5), src())))?;
    /// assert_eq!(d.count().value, 100);
    /// assert!(Dwellings::new(DwellingKind::Unspecified, Fact::new(100, src()),
    ///     Some(Fact::new(dec!(0), src()))).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        kind: DwellingKind,
        count: Fact<u32>,
        persons_per_dwelling: Option<Fact<Decimal>>,
    ) -> Result<Dwellings> {
        if let Some(p) = persons_per_dwelling
            .as_ref()
            .filter(|p| p.value <= Decimal::ZERO)
        {
            return Err(Error::invalid(
                "persons_per_dwelling",
                p.value,
                "must be positive: leave it out where the plan does not say",
            ));
        }
        Ok(Dwellings {
            kind,
            count,
            persons_per_dwelling,
        })
    }

    /// The kind.
    pub fn kind(&self) -> DwellingKind {
        self.kind
    }

    /// How many.
    pub fn count(&self) -> &Fact<u32> {
        &self.count
    }

    /// Planned persons per dwelling (positive), where the plan states it.
    pub fn persons_per_dwelling(&self) -> Option<&Fact<Decimal>> {
        self.persons_per_dwelling.as_ref()
    }
}

/// Dwellings available or allocated for settlement, and EM places.
///
/// # Example
///
/// ```
/// use bosetting::{DwellingKind, Dwellings, Fact, Housing, Source};
/// use rust_decimal_macros::dec;
///
/// let src = || Source::new("Drammen, sak 31.01.2024").quote("100 boliger, noe som tilsier ca 250 flyktninger");
/// let housing = Housing::default().with_dwellings(Dwellings::new(
///     DwellingKind::Unspecified,
///     Fact::new(100, src()),
///     Some(Fact::new(dec!(2.5), src())),
/// )?);
/// assert_eq!(housing.capacity()?.value, dec!(250));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "bolig")]
#[doc(alias = "boligkapasitet")]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Housing {
    /// Dwellings by kind.
    #[serde(default)]
    pub dwellings: Vec<Dwellings>,
    /// Places for EM (in shared homes), if counted separately.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em_places: Option<Fact<u32>>,
}

impl Housing {
    /// With more dwellings.
    #[must_use]
    pub fn with_dwellings(mut self, d: Dwellings) -> Housing {
        self.dwellings.push(d);
        self
    }

    /// The old name of [`Housing::with_dwellings`].
    #[deprecated(since = "0.2.0", note = "setters are `with_*`: use `with_dwellings`")]
    #[must_use]
    pub fn with(self, d: Dwellings) -> Housing {
        self.with_dwellings(d)
    }

    /// All dwellings.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] with no dwellings; [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{DwellingKind, Dwellings, Fact, Housing, Source};
    /// use rust_decimal::Decimal;
    ///
    /// let src = || Source::new("boligplan 2024");
    /// let dwellings = |kind, n, per: Option<i64>| Dwellings::new(kind, Fact::new(n, src()), per.map(|p| Fact::new(Decimal::from(p), src())));
    /// let housing = Housing::default()
    ///     .with_dwellings(dwellings(DwellingKind::Municipal, 40, None)?)
    ///     .with_dwellings(dwellings(DwellingKind::PrivateContract, 25, None)?);
    /// assert_eq!(housing.total_dwellings()?.value, 65);
    /// assert!(Housing::default().total_dwellings().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn total_dwellings(&self) -> Result<Derived<u32>> {
        self.sum_where("dwellings", |_| true)
    }

    /// Private contracts, agreed self-settlement included.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] with no private contracts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{DwellingKind, Dwellings, Fact, Housing, Source};
    /// use rust_decimal::Decimal;
    ///
    /// let src = || Source::new("boligplan 2024");
    /// let dwellings = |kind, n, per: Option<i64>| Dwellings::new(kind, Fact::new(n, src()), per.map(|p| Fact::new(Decimal::from(p), src())));
    /// let housing = Housing::default()
    ///     .with_dwellings(dwellings(DwellingKind::Municipal, 40, None)?)
    ///     .with_dwellings(dwellings(DwellingKind::PrivateContract, 25, None)?)
    ///     .with_dwellings(dwellings(DwellingKind::AgreedSelfSettlement, 5, None)?);
    /// // Agreed self-settlement is a private contract too.
    /// assert_eq!(housing.private_contracts()?.value, 30);
    /// let municipal = Housing::default().with_dwellings(dwellings(DwellingKind::Municipal, 40, None)?);
    /// assert!(municipal.private_contracts().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn private_contracts(&self) -> Result<Derived<u32>> {
        self.sum_where("private contracts", |k| {
            matches!(
                k,
                DwellingKind::PrivateContract | DwellingKind::AgreedSelfSettlement
            )
        })
    }

    fn sum_where(
        &self,
        label: &'static str,
        keep: impl Fn(DwellingKind) -> bool,
    ) -> Result<Derived<u32>> {
        let parts: Vec<&Dwellings> = self.dwellings.iter().filter(|d| keep(d.kind)).collect();
        if parts.is_empty() {
            return Err(Error::not_computable(label, "no dwellings of that kind"));
        }
        let v = sum_u32(parts.iter().map(|d| d.count.value), label)?;
        let inputs: Vec<Explanation> = parts
            .iter()
            .map(|d| d.count.explain(kind_name(d.kind), Unit::Dwellings))
            .collect();
        let formula = Phrase::new("sum of {kinds}").with(
            "kinds",
            parts
                .iter()
                .map(|d| Phrase::new(kind_name(d.kind)).into())
                .collect::<Vec<Arg>>(),
        );
        Ok(Derived::new(
            v,
            Explanation::derived(label, Quantity::count(v, Unit::Dwellings), formula, inputs),
        ))
    }

    /// Persons the dwellings can house: Σ dwellings × persons per dwelling, plus EM places.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if a kind of dwelling has no persons per dwelling, or there
    /// are no dwellings.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{DwellingKind, Dwellings, Fact, Housing, Source};
    /// use rust_decimal::Decimal;
    ///
    /// let src = || Source::new("boligplan 2024");
    /// let dwellings = |kind, n, per: Option<i64>| Dwellings::new(kind, Fact::new(n, src()), per.map(|p| Fact::new(Decimal::from(p), src())));
    /// let mut housing = Housing::default().with_dwellings(dwellings(DwellingKind::Municipal, 40, Some(3))?);
    /// housing.em_places = Some(Fact::new(8, src()));
    /// // 40 × 3 + 8 EM places.
    /// assert_eq!(housing.capacity()?.value, Decimal::from(128));
    /// // A kind of dwelling without persons per dwelling leaves the capacity unknown.
    /// let housing = housing.with_dwellings(dwellings(DwellingKind::PrivateContract, 25, None)?);
    /// assert!(housing.capacity().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn capacity(&self) -> Result<Derived<Decimal>> {
        if self.dwellings.is_empty() && self.em_places.is_none() {
            return Err(Error::not_computable("housing capacity", "no dwellings"));
        }
        let mut total = Decimal::ZERO;
        let mut inputs = Vec::new();
        for d in &self.dwellings {
            let ppd = d.persons_per_dwelling.as_ref().ok_or_else(|| {
                Error::not_computable(
                    "housing capacity",
                    format!("no persons per dwelling for {}", kind_name(d.kind)),
                )
            })?;
            let part = dec::mul(Decimal::from(d.count.value), ppd.value, "housing capacity")?;
            total = dec::add(total, part, "housing capacity")?;
            inputs.push(d.count.explain(kind_name(d.kind), Unit::Dwellings));
            inputs.push(ppd.explain("persons per dwelling", Unit::PersonsPerDwelling));
        }
        let mut formula = Phrase::new("dwellings × persons per dwelling");
        if let Some(em) = &self.em_places {
            total = dec::add(total, Decimal::from(em.value), "housing capacity")?;
            inputs.push(em.explain("EM places", Unit::Persons));
            formula = Phrase::new("dwellings × persons per dwelling + EM places");
        }
        let total = total.normalize();
        Ok(Derived::new(
            total,
            Explanation::derived(
                "settlement capacity of the housing",
                Quantity::decimal(total, Unit::Persons),
                formula,
                inputs,
            ),
        ))
    }
}

pub(crate) fn kind_name(k: DwellingKind) -> &'static str {
    match k {
        DwellingKind::Municipal => "municipal dwellings",
        DwellingKind::PrivateContract => "private contracts",
        DwellingKind::AgreedSelfSettlement => "agreed self-settlement",
        DwellingKind::SharedHomeEm => "shared homes for EM",
        DwellingKind::Unspecified => "dwellings",
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
    use crate::provenance::Source;

    fn d(kind: DwellingKind, n: u32) -> Dwellings {
        Dwellings {
            kind,
            count: Fact::new(n, Source::new("t")),
            persons_per_dwelling: None,
        }
    }

    #[test]
    fn stavanger_dwellings() {
        let h = Housing::default()
            .with_dwellings(d(DwellingKind::Municipal, 70))
            .with_dwellings(d(DwellingKind::PrivateContract, 3))
            .with_dwellings(d(DwellingKind::AgreedSelfSettlement, 22));
        assert_eq!(h.total_dwellings().unwrap().value, 95);
        assert_eq!(h.private_contracts().unwrap().value, 25);
        assert!(h.capacity().is_err());
    }

    #[test]
    fn dwellings_read_from_json_house_someone() {
        let mut good = d(DwellingKind::Municipal, 10);
        good.persons_per_dwelling = Some(Fact::new(Decimal::TWO, Source::new("t")));
        let v = serde_json::to_value(&good).unwrap();
        assert_eq!(
            serde_json::from_value::<Dwellings>(v.clone()).unwrap(),
            good
        );
        for n in ["0", "-2.5"] {
            let mut bad = v.clone();
            bad["persons_per_dwelling"]["value"] = serde_json::json!(n);
            let e = serde_json::from_value::<Dwellings>(bad)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!("invalid persons_per_dwelling {n}")),
                "{e}"
            );
        }
    }
}
