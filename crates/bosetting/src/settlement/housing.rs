//! Dwellings and the settlement capacity they imply.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::{Error, Result, sum_u32};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::phrase::{Arg, Phrase};
use crate::provenance::Fact;

/// What kind of dwelling.
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
#[doc(alias = "boliger")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "DwellingsRepr")]
pub struct Dwellings {
    /// The kind.
    pub kind: DwellingKind,
    /// How many.
    pub count: Fact<u32>,
    /// Planned persons per dwelling, where the plan states it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons_per_dwelling: Option<Fact<Decimal>>,
}

#[derive(Deserialize)]
struct DwellingsRepr {
    kind: DwellingKind,
    count: Fact<u32>,
    #[serde(default)]
    persons_per_dwelling: Option<Fact<Decimal>>,
}

impl TryFrom<DwellingsRepr> for Dwellings {
    type Error = Error;
    fn try_from(r: DwellingsRepr) -> Result<Dwellings> {
        if let Some(p) = r
            .persons_per_dwelling
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
            kind: r.kind,
            count: r.count,
            persons_per_dwelling: r.persons_per_dwelling,
        })
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
/// let housing = Housing::default().with(Dwellings {
///     kind: DwellingKind::Unspecified,
///     count: Fact::new(100, src()),
///     persons_per_dwelling: Some(Fact::new(dec!(2.5), src())),
/// });
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
    pub fn with(mut self, d: Dwellings) -> Housing {
        self.dwellings.push(d);
        self
    }

    /// All dwellings.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] with no dwellings; [`Error::Overflow`] on overflow.
    pub fn total_dwellings(&self) -> Result<Derived<u32>> {
        self.sum_where("dwellings", |_| true)
    }

    /// Private contracts, agreed self-settlement included.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] with no private contracts.
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
            .with(d(DwellingKind::Municipal, 70))
            .with(d(DwellingKind::PrivateContract, 3))
            .with(d(DwellingKind::AgreedSelfSettlement, 22));
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
