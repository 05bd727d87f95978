//! Staffing in full-time equivalents, and the counted activities reports quote.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Year;
use crate::compare;
use crate::error::{Error, Result, add_u32};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::phrase::{Arg, Phrase};
use crate::provenance::Fact;
use crate::ratio::Ratio;

/// Staffing of a unit in one year, in full-time equivalents (*årsverk*).
///
/// # Example
///
/// ```
/// use bosetting::{Fact, Source, Staffing, Year};
/// use rust_decimal::Decimal;
///
/// let src = || Source::new("Bodø årsrapport 2020");
/// let at = |y, permanent: i64| -> bosetting::Result<Staffing> {
///     Ok(Staffing { unit: "Flyktningkontoret".into(), year: Year::new(y)?, permanent: Some(Fact::new(permanent.into(), src())), project: None, vacant: None })
/// };
/// let change = at(2020, 15)?.change_since(&at(2019, 17)?)?;
/// assert_eq!(change.difference.value, Decimal::from(-2));
/// // The earlier year must come first.
/// assert!(at(2019, 17)?.change_since(&at(2020, 15)?).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "årsverk")]
#[doc(alias = "bemanning")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Staffing {
    /// The unit ("Flyktningkontoret", "Barnevernet, Bo og nærmiljø").
    pub unit: String,
    /// The year.
    pub year: Year,
    /// Permanent positions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permanent: Option<Fact<Decimal>>,
    /// Project positions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Fact<Decimal>>,
    /// Vacant positions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacant: Option<Fact<Decimal>>,
}

/// The change in permanent staffing between two years.
///
/// # Example
///
/// ```
/// use bosetting::{Fact, Ratio, Source, Staffing, Year};
/// use rust_decimal::Decimal;
///
/// let src = || Source::new("årsrapport");
/// let at = |y, permanent| -> bosetting::Result<Staffing> {
///     Ok(Staffing { unit: "Voksenopplæringen".into(), year: Year::new(y)?, permanent: Some(Fact::new(Decimal::from(permanent), src())), project: None, vacant: None })
/// };
/// let change = at(2022, 30)?.change_since(&at(2021, 24)?)?;
/// assert_eq!(change.difference.value, Decimal::from(6));
/// assert_eq!(change.relative.value, Ratio::of(1, 4)?);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffingChange {
    /// New − old, in FTE.
    pub difference: Derived<Decimal>,
    /// (New − old) / old.
    pub relative: Derived<Ratio>,
}

impl Staffing {
    fn permanent(&self) -> Result<Derived<Decimal>> {
        let p = self.permanent.as_ref().ok_or_else(|| {
            Error::not_computable(
                format!("permanent staffing of {} in {}", self.unit, self.year),
                "not stated",
            )
        })?;
        if p.value.is_sign_negative() {
            return Err(Error::invalid(
                "permanent FTE",
                p.value,
                "must not be negative",
            ));
        }
        Ok(Derived::new(
            p.value,
            p.explain(
                Phrase::new("permanent FTE {year}").with("year", self.year),
                Unit::Fte,
            ),
        ))
    }

    /// The change in permanent FTE from `earlier` to `self` (17 → 15: −2, −11.8 %).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, RoundingRule, Source, Staffing, Year};
    /// use rust_decimal_macros::dec;
    ///
    /// let src = || Source::new("Bodø årsrapport 2020").quote("fra 17 faste årsverk i 2019 til 15 faste årsverk i 2020");
    /// let at = |y, n| Staffing {
    ///     unit: "Flyktningkontoret".into(),
    ///     year: Year::new(y).unwrap(),
    ///     permanent: Some(Fact::new(n, src())),
    ///     project: None,
    ///     vacant: None,
    /// };
    /// let change = at(2020, dec!(15)).change_since(&at(2019, dec!(17)))?;
    /// assert_eq!(change.difference.value, dec!(-2));
    /// assert_eq!(change.relative.value.percent(RoundingRule::HalfUp, 1)?, dec!(-11.8));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without permanent FTE in both years;
    /// [`Error::InvalidValue`] if `earlier` is not an earlier year.
    pub fn change_since(&self, earlier: &Staffing) -> Result<StaffingChange> {
        if earlier.year >= self.year {
            return Err(Error::invalid(
                "staffing year",
                earlier.year,
                format!("it must be before {}", self.year),
            ));
        }
        let old = earlier.permanent()?;
        let new = self.permanent()?;
        Ok(StaffingChange {
            difference: compare::difference(
                "change in permanent FTE",
                &new,
                &old,
                Unit::Fte,
                "new − old",
            )?,
            relative: compare::change("relative change in permanent FTE", &old, &new)?,
        })
    }
}

/// A counted activity a report quotes, with its provenance ("25 søknader", "14 kommunale
/// virksomheter").
///
/// # Example
///
/// ```
/// use bosetting::{Activity, Fact, Source, Unit};
///
/// // "25 søknader om tilskudd".
/// let applications = Activity {
///     id: "soknader".into(),
///     label: "søknader om tilskudd".into(),
///     count: Fact::new(25, Source::new("årsrapport").quote("25 søknader")),
///     unit: Unit::Count,
/// };
/// let figure = applications.explain();
/// assert_eq!(figure.value, 25);
/// assert_eq!(figure.explanation.sources().len(), 1);
/// ```
#[doc(alias = "søknader")]
#[doc(alias = "aktivitet")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// A stable identifier.
    pub id: String,
    /// What is counted.
    pub label: String,
    /// How many.
    pub count: Fact<u32>,
    /// In what unit.
    pub unit: Unit,
}

impl Activity {
    /// The count as an explained figure.
    pub fn explain(&self) -> Derived<u32> {
        Derived::new(
            self.count.value,
            self.count
                .explain(Phrase::verbatim(self.label.clone()), self.unit),
        )
    }
}

/// An offer and its take-up: accepted and declined, so that the number offered and the
/// acceptance rate come from the model ("19 familier … takket ja … to familier har takket
/// nei": 21 offered, 90.5 % accepted).
///
/// # Example
///
/// ```
/// use bosetting::{Fact, Source, Unit, Uptake};
///
/// let src = || Source::new("Stavanger årsrapport 2017");
/// let talks = Uptake {
///     label: "preventive family conversations".into(),
///     unit: Unit::Families,
///     accepted: Fact::new(19, src()),
///     declined: Fact::new(2, src()),
///     accepted_of_which: vec![("EM".into(), Fact::new(8, src()))],
/// };
/// assert_eq!(talks.offered()?.value, 21);
/// assert_eq!(talks.acceptance()?.value.to_string(), "19/21");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "tilbud")]
#[doc(alias = "takket ja")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Uptake {
    /// What was offered.
    pub label: String,
    /// What is counted (families, persons).
    pub unit: Unit,
    /// How many accepted.
    pub accepted: Fact<u32>,
    /// How many declined.
    pub declined: Fact<u32>,
    /// Named subsets of those who accepted ("derav 8 enslige mindreårige").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_of_which: Vec<(String, Fact<u32>)>,
}

impl Uptake {
    /// Checks that no subset is larger than those who accepted.
    ///
    /// # Errors
    ///
    /// [`Error::PartExceedsWhole`] if one is.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Source, Unit, Uptake};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let mut talks = Uptake {
    ///     label: "forebyggende familiesamtaler".into(),
    ///     unit: Unit::Families,
    ///     accepted: Fact::new(19, src()),
    ///     declined: Fact::new(2, src()),
    ///     accepted_of_which: vec![("EM".into(), Fact::new(8, src()))],
    /// };
    /// assert!(talks.validate().is_ok());
    /// // "derav 20" of 19 who accepted cannot be.
    /// talks.accepted_of_which = vec![("EM".into(), Fact::new(20, src()))];
    /// assert!(matches!(talks.validate(), Err(bosetting::Error::PartExceedsWhole { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        for (name, n) in &self.accepted_of_which {
            if n.value > self.accepted.value {
                return Err(Error::exceeds(
                    format!("{} accepted, of which {name}", self.label),
                    n.value,
                    format!("{} accepted", self.label),
                    self.accepted.value,
                ));
            }
        }
        Ok(())
    }

    /// Accepted + declined.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Source, Unit, Uptake};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let mut talks = Uptake {
    ///     label: "forebyggende familiesamtaler".into(),
    ///     unit: Unit::Families,
    ///     accepted: Fact::new(19, src()),
    ///     declined: Fact::new(2, src()),
    ///     accepted_of_which: vec![("EM".into(), Fact::new(8, src()))],
    /// };
    /// assert_eq!(talks.offered()?.value, 21);
    /// talks.declined = Fact::new(u32::MAX, src());
    /// assert!(talks.offered().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn offered(&self) -> Result<Derived<u32>> {
        let v = add_u32(self.accepted.value, self.declined.value, "offered")?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                Phrase::new("{what}: offered").with("what", Arg::verbatim(self.label.clone())),
                Quantity::count(v, self.unit),
                "accepted + declined",
                vec![
                    self.accepted.explain("accepted", self.unit),
                    self.declined.explain("declined", self.unit),
                ],
            ),
        ))
    }

    /// Accepted / offered.
    ///
    /// # Errors
    ///
    /// [`Error::DivisionByZero`] if nothing was offered.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Source, Unit, Uptake};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let mut talks = Uptake {
    ///     label: "forebyggende familiesamtaler".into(),
    ///     unit: Unit::Families,
    ///     accepted: Fact::new(19, src()),
    ///     declined: Fact::new(2, src()),
    ///     accepted_of_which: vec![("EM".into(), Fact::new(8, src()))],
    /// };
    /// use bosetting::Ratio;
    ///
    /// assert_eq!(talks.acceptance()?.value, Ratio::of(19, 21)?);
    /// // Nothing offered: no share.
    /// talks.accepted = Fact::new(0, src());
    /// talks.declined = Fact::new(0, src());
    /// talks.accepted_of_which.clear();
    /// assert!(talks.acceptance().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn acceptance(&self) -> Result<Derived<Ratio>> {
        let acc = Derived::new(
            self.accepted.value,
            self.accepted.explain("accepted", self.unit),
        );
        compare::share(
            Phrase::new("{what}: share accepted").with("what", Arg::verbatim(self.label.clone())),
            &acc,
            &self.offered()?,
            "accepted / offered",
        )
    }
}
