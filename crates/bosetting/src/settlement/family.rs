//! Family reunification: persons who join a settled refugee, outside the quota.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, sum_u32};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::interval::Interval;
use crate::phrase::Phrase;
use crate::provenance::{Fact, Source};
use crate::ratio::Ratio;

/// Who the family-reunified persons join.
///
/// # Example
///
/// ```
/// use bosetting::{FamilyCase, FamilyGrantRule, Source, Sponsor};
/// use chrono::NaiveDate;
///
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
/// let case = |sponsor| -> Result<FamilyCase, Box<dyn std::error::Error>> {
///     Ok(FamilyCase { sponsor, sponsor_settled: d(2018, 1, 10)?, applied: d(2019, 5, 1)?, arrived: None, persons: 2, source: Source::new("saksmappe") })
/// };
/// let rule = FamilyGrantRule::imdi();
/// // Family of a refugee: five grant years; of a humanitarian-permit holder: three.
/// assert_eq!(case(Sponsor::Refugee)?.grant(&rule)?.value.years, 5);
/// assert_eq!(case(Sponsor::HumanitarianPermit)?.grant(&rule)?.value.years, 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sponsor {
    /// An unaccompanied minor refugee.
    UnaccompaniedMinor,
    /// An adult refugee.
    Refugee,
    /// A person with a residence permit on humanitarian grounds.
    HumanitarianPermit,
    /// Not recorded.
    Unknown,
}

/// When family reunification triggers the integration grant, and for how long: rules from
/// IMDi, kept as data with their source.
///
/// # Example
///
/// ```
/// use bosetting::{FamilyCase, FamilyGrantRule, Source, Sponsor};
/// use chrono::NaiveDate;
///
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
/// let imdi = FamilyGrantRule::imdi();
/// assert_eq!((imdi.application_window_years, imdi.grant_years, imdi.humanitarian_grant_years), (5, 5, 3));
///
/// // Applied six years after the sponsor was settled: outside the five-year window.
/// let late = FamilyCase { sponsor: Sponsor::Refugee, sponsor_settled: d(2015, 1, 1)?, applied: d(2021, 2, 1)?, arrived: None, persons: 4, source: Source::new("saksmappe") };
/// assert!(!late.grant(&imdi)?.value.eligible);
/// // A rule with a longer window, as data with its own source.
/// let wider = FamilyGrantRule { application_window_years: 7, source: Source::new("eksempel"), ..imdi };
/// assert!(late.grant(&wider)?.value.eligible);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyGrantRule {
    /// The family member must have applied within this many years of the sponsor's first
    /// settlement.
    pub application_window_years: u32,
    /// Grant years for family of a refugee.
    pub grant_years: u8,
    /// Grant years for family of a person with a humanitarian permit.
    pub humanitarian_grant_years: u8,
    /// Where the rule is documented.
    pub source: Source,
}

impl FamilyGrantRule {
    /// The rule as the project's domain primer documents it from imdi.no
    /// ("Integreringstilskudd"):
    /// applied within 5 years of the sponsor's settlement; 5 grant years, 3 for family of a
    /// humanitarian-permit holder.
    pub fn imdi() -> FamilyGrantRule {
        FamilyGrantRule {
            application_window_years: 5,
            grant_years: 5,
            humanitarian_grant_years: 3,
            source: Source::new("imdi.no, «Integreringstilskudd» (via DOMAIN.md)").quote(
                "Family members reunified with a refugee trigger the grant if they applied within 5 years of the refugee's settlement; for family of a person with a humanitarian permit it is paid for 3 years only",
            ),
        }
    }
}

/// One family case: persons who joined a sponsor.
///
/// # Example
///
/// ```
/// use bosetting::{FamilyCase, FamilyGrantRule, FamilyReunification, Source, Sponsor};
/// use chrono::NaiveDate;
///
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
/// let case = FamilyCase {
///     sponsor: Sponsor::UnaccompaniedMinor,
///     sponsor_settled: d(2019, 8, 1)?,
///     applied: d(2020, 2, 1)?,
///     arrived: Some(d(2021, 1, 15)?),
///     persons: 4,
///     source: Source::new("saksmappe 2021/113"),
/// };
/// // Cases count the persons exactly.
/// let fam = FamilyReunification { cases: vec![case.clone()], ..FamilyReunification::default() };
/// assert_eq!(fam.persons_bound()?.value.as_point(), Some(4.into()));
/// // An application before the sponsor was settled is an error in the data.
/// let wrong = FamilyCase { applied: d(2019, 1, 1)?, ..case };
/// assert!(wrong.grant(&FamilyGrantRule::imdi()).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "familiegjenforening")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyCase {
    /// Whom they join.
    pub sponsor: Sponsor,
    /// The sponsor's first settlement in Norway.
    pub sponsor_settled: NaiveDate,
    /// When the family applied for reunification.
    pub applied: NaiveDate,
    /// When they arrived in the municipality.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<NaiveDate>,
    /// How many persons.
    pub persons: u32,
    /// Where it is recorded.
    pub source: Source,
}

/// Whether a family case triggers the integration grant.
///
/// # Example
///
/// ```
/// use bosetting::{FamilyCase, FamilyGrant, FamilyGrantRule, Source, Sponsor};
/// use chrono::NaiveDate;
///
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
/// let case = FamilyCase { sponsor: Sponsor::Refugee, sponsor_settled: d(2020, 6, 1)?, applied: d(2022, 6, 1)?, arrived: None, persons: 3, source: Source::new("saksmappe") };
/// assert_eq!(case.grant(&FamilyGrantRule::imdi())?.value, FamilyGrant { eligible: true, years: 5 });
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FamilyGrant {
    /// Whether the grant is paid at all.
    pub eligible: bool,
    /// For how many grant years (0 if not eligible).
    pub years: u8,
}

impl FamilyCase {
    /// Computes, under `rule`, whether the case triggers the grant and for how many years.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{FamilyCase, FamilyGrantRule, Source, Sponsor};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
    /// let case = FamilyCase {
    ///     sponsor: Sponsor::HumanitarianPermit,
    ///     sponsor_settled: d(2016, 3, 1),
    ///     applied: d(2019, 6, 1),
    ///     arrived: None,
    ///     persons: 3,
    ///     source: Source::new("saksmappe"),
    /// };
    /// let g = case.grant(&FamilyGrantRule::imdi())?.value;
    /// assert!(g.eligible);
    /// assert_eq!(g.years, 3);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the application predates the sponsor's settlement.
    pub fn grant(&self, rule: &FamilyGrantRule) -> Result<Derived<FamilyGrant>> {
        if self.applied < self.sponsor_settled {
            return Err(Error::invalid(
                "family application date",
                self.applied,
                format!(
                    "it is before the sponsor's settlement on {}",
                    self.sponsor_settled
                ),
            ));
        }
        let months = rule.application_window_years.saturating_mul(12);
        let deadline = self
            .sponsor_settled
            .checked_add_months(Months::new(months))
            .unwrap_or(NaiveDate::MAX);
        let within = self.applied <= deadline;
        let years = if !within {
            0
        } else if self.sponsor == Sponsor::HumanitarianPermit {
            rule.humanitarian_grant_years
        } else {
            rule.grant_years
        };
        let g = FamilyGrant {
            eligible: within,
            years,
        };
        let formula = Phrase::new(if within {
            "applied {applied} within the {years}-year window from the sponsor's settlement {settled} (ends {deadline}); {sponsor}"
        } else {
            "applied {applied} after the {years}-year window from the sponsor's settlement {settled} (ends {deadline}); {sponsor}"
        })
        .with("applied", self.applied)
        .with("years", rule.application_window_years)
        .with("settled", self.sponsor_settled)
        .with("deadline", deadline)
        .with(
            "sponsor",
            Phrase::new(if self.sponsor == Sponsor::HumanitarianPermit {
                "sponsor has a humanitarian permit"
            } else {
                "sponsor is a refugee"
            }),
        );
        Ok(Derived::new(
            g,
            Explanation::derived(
                "integration grant years for the family case",
                Quantity::count(years, Unit::Count),
                formula,
                vec![Explanation::parameter(
                    "family reunification grant rule",
                    Quantity::text(
                        Phrase::new(
                            "{window} years window; {years} grant years, {humanitarian} for humanitarian",
                        )
                        .with("window", rule.application_window_years)
                        .with("years", rule.grant_years)
                        .with("humanitarian", rule.humanitarian_grant_years),
                    ),
                    rule.source.clone(),
                )],
            ),
        ))
    }
}

/// Family reunification in a municipality and period (*familiegjenforening*).
///
/// Family-reunified persons come **in addition** to the decision and the request.
///
/// # Example
///
/// ```
/// use bosetting::{Fact, FamilyReunification, Source, Sponsor};
///
/// let src = || Source::new("Stavanger årsrapport 2017");
/// let fam = FamilyReunification::default()
///     .with_families(Fact::new(27, src()))
///     .with_families_joining(Sponsor::UnaccompaniedMinor, Fact::new(21, src()));
/// let share = fam.share_joining(Sponsor::UnaccompaniedMinor)?;
/// assert_eq!(share.value.to_string(), "21/27");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "familiegjenforening")]
#[doc(alias = "familieinnvandrede")]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FamilyReunification {
    /// Family-reunified persons, if the count is known exactly.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<Fact<u32>>,
    /// Family cases (families) followed up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub families: Option<Fact<u32>>,
    /// Families by whom they joined (need not cover all families).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub families_by_sponsor: Vec<(Sponsor, Fact<u32>)>,
    /// Individual cases, where recorded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cases: Vec<FamilyCase>,
}

impl FamilyReunification {
    /// With an exact count of persons.
    #[must_use]
    pub fn with_persons(mut self, n: Fact<u32>) -> FamilyReunification {
        self.persons = Some(n);
        self
    }

    /// With a count of families.
    #[must_use]
    pub fn with_families(mut self, n: Fact<u32>) -> FamilyReunification {
        self.families = Some(n);
        self
    }

    /// The old name of [`FamilyReunification::with_persons`].
    #[deprecated(since = "0.2.0", note = "setters are `with_*`: use `with_persons`")]
    #[must_use]
    pub fn persons(self, n: Fact<u32>) -> FamilyReunification {
        self.with_persons(n)
    }

    /// The old name of [`FamilyReunification::with_families`].
    #[deprecated(since = "0.2.0", note = "setters are `with_*`: use `with_families`")]
    #[must_use]
    pub fn families(self, n: Fact<u32>) -> FamilyReunification {
        self.with_families(n)
    }

    /// With a count of families who joined a kind of sponsor.
    #[must_use]
    pub fn with_families_joining(mut self, sponsor: Sponsor, n: Fact<u32>) -> FamilyReunification {
        self.families_by_sponsor.push((sponsor, n));
        self
    }

    /// The old name of [`FamilyReunification::with_families_joining`].
    #[deprecated(
        since = "0.2.0",
        note = "setters are `with_*`: use `with_families_joining`"
    )]
    #[must_use]
    pub fn families_joining(self, sponsor: Sponsor, n: Fact<u32>) -> FamilyReunification {
        self.with_families_joining(sponsor, n)
    }

    /// Checks that families by sponsor do not exceed the families.
    ///
    /// # Errors
    ///
    /// [`Error::PartExceedsWhole`] if they do.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, FamilyReunification, Source, Sponsor};
    ///
    /// let src = || Source::new("Bodø årsrapport 2020");
    /// let fam = FamilyReunification::default()
    ///     .with_persons(Fact::new(64, src()))
    ///     .with_families(Fact::new(27, src()))
    ///     .with_families_joining(Sponsor::UnaccompaniedMinor, Fact::new(21, src()));
    /// assert!(fam.validate().is_ok());
    ///
    /// // More families by sponsor than families.
    /// let too_many = fam.clone().with_families_joining(Sponsor::Refugee, Fact::new(7, src()));
    /// assert!(matches!(too_many.validate(), Err(bosetting::Error::PartExceedsWhole { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        let by = sum_u32(
            self.families_by_sponsor.iter().map(|(_, n)| n.value),
            "families by sponsor",
        )?;
        if let Some(f) = &self.families {
            if by > f.value {
                return Err(Error::exceeds(
                    "families by sponsor",
                    by,
                    "families",
                    f.value,
                ));
            }
        }
        if let Some(p) = &self.persons {
            if let Some(f) = &self.families {
                if f.value > p.value {
                    return Err(Error::exceeds(
                        "family cases",
                        f.value,
                        "family-reunified persons",
                        p.value,
                    ));
                }
            }
        }
        Ok(())
    }

    /// The number of family-reunified persons: exact if stated (or summed from the cases),
    /// otherwise bounded below by the number of families (every case brings at least one).
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither persons, cases nor families are known.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, FamilyReunification, Source, Sponsor};
    ///
    /// let src = || Source::new("Bodø årsrapport 2020");
    /// use bosetting::Interval;
    /// use rust_decimal::Decimal;
    ///
    /// // 27 families bring at least 27 persons.
    /// let fam = FamilyReunification::default().with_families(Fact::new(27, src()));
    /// assert_eq!(fam.persons_bound()?.value, Interval::at_least(Decimal::from(27)));
    /// // Stated exactly, the count is exact.
    /// let fam = fam.with_persons(Fact::new(64, src()));
    /// assert_eq!(fam.persons_bound()?.value, Interval::exactly(Decimal::from(64)));
    /// assert!(FamilyReunification::default().persons_bound().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn persons_bound(&self) -> Result<Derived<Interval>> {
        if let Some(p) = &self.persons {
            let v = rust_decimal::Decimal::from(p.value);
            return Ok(Derived::new(
                Interval::exactly(v),
                p.explain("family-reunified persons", Unit::Persons),
            ));
        }
        if !self.cases.is_empty() {
            let n = sum_u32(self.cases.iter().map(|c| c.persons), "family persons")?;
            let v = rust_decimal::Decimal::from(n);
            return Ok(Derived::new(
                Interval::exactly(v),
                Explanation::derived(
                    "family-reunified persons",
                    Quantity::persons(n),
                    Phrase::new("sum over {n} family cases").with("n", self.cases.len()),
                    Vec::new(),
                ),
            ));
        }
        let f = self.families.as_ref().ok_or_else(|| {
            Error::not_computable("family-reunified persons", "no persons, cases or families")
        })?;
        let i = Interval::at_least(rust_decimal::Decimal::from(f.value));
        Ok(Derived::new(
            i,
            Explanation::derived(
                "family-reunified persons (bound)",
                Quantity::interval(i, Unit::Persons),
                "at least one person per family case",
                vec![f.explain("families", Unit::Families)],
            ),
        ))
    }

    /// The share of families who joined `sponsor`.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without a family count or a count for that sponsor.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, FamilyReunification, Source, Sponsor};
    ///
    /// let src = || Source::new("Bodø årsrapport 2020");
    /// use bosetting::Ratio;
    ///
    /// let fam = FamilyReunification::default()
    ///     .with_families(Fact::new(27, src()))
    ///     .with_families_joining(Sponsor::Refugee, Fact::new(6, src()));
    /// assert_eq!(fam.share_joining(Sponsor::Refugee)?.value, Ratio::of(6, 27)?);
    /// // No count for that sponsor.
    /// assert!(fam.share_joining(Sponsor::HumanitarianPermit).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn share_joining(&self, sponsor: Sponsor) -> Result<Derived<Ratio>> {
        let f = self.families.as_ref().ok_or_else(|| {
            Error::not_computable("share of families by sponsor", "no family count")
        })?;
        let (_, part) = self
            .families_by_sponsor
            .iter()
            .find(|(s, _)| *s == sponsor)
            .ok_or_else(|| {
                Error::not_computable("share of families by sponsor", "no count for that sponsor")
            })?;
        let r = Ratio::of(u64::from(part.value), u64::from(f.value))?;
        Ok(Derived::new(
            r,
            Explanation::derived(
                "share of families joining the sponsor",
                Quantity::share(r),
                "families joining the sponsor / families",
                vec![
                    part.explain("families joining the sponsor", Unit::Families),
                    f.explain("families", Unit::Families),
                ],
            ),
        ))
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

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn case(sponsor: Sponsor, applied: NaiveDate) -> FamilyCase {
        FamilyCase {
            sponsor,
            sponsor_settled: d(2015, 6, 30),
            applied,
            arrived: None,
            persons: 2,
            source: Source::new("test"),
        }
    }

    #[test]
    fn five_year_window() {
        let rule = FamilyGrantRule::imdi();
        let g = |c: FamilyCase| c.grant(&rule).unwrap().value;
        assert_eq!(g(case(Sponsor::Refugee, d(2020, 6, 30))).years, 5);
        assert!(!g(case(Sponsor::Refugee, d(2020, 7, 1))).eligible);
        assert_eq!(g(case(Sponsor::HumanitarianPermit, d(2016, 1, 1))).years, 3);
        assert!(case(Sponsor::Refugee, d(2015, 1, 1)).grant(&rule).is_err());
    }

    #[test]
    fn bounds() {
        let src = || Source::new("t");
        let fam = FamilyReunification::default().with_families(Fact::new(27, src()));
        assert_eq!(fam.persons_bound().unwrap().value.to_string(), "[27, ∞)");
        let bad = FamilyReunification::default()
            .with_families(Fact::new(2, src()))
            .with_families_joining(Sponsor::UnaccompaniedMinor, Fact::new(3, src()));
        assert!(bad.validate().is_err());
    }
}
