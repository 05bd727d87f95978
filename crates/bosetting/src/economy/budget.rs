//! Budgets, forecasts and the refugee service's result.
//!
//! Amounts in these types are [`PublishedFigure`]s in kroner: a budget line printed as "28,6
//! mill." is a value *and* the precision it was printed at, so that the model can compute
//! both with the printed values and with the intervals they stand for.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{Tertial, Year};
use crate::compare;
use crate::dec;
use crate::error::{Error, Result};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::interval::{Bound, Interval};
use crate::money::Money;
use crate::phrase::{Arg, Phrase};
use crate::published::{Computed, PublishedFigure, ReconcilePolicy, Reconciliation, Status};
use crate::ratio::Ratio;

/// A change to a budget frame during the year ("styrking på kr 4,9 mill. i første tertial").
///
/// # Example
///
/// ```
/// use bosetting::{Budget, BudgetAdjustment, Money, PublishedFigure, ReconcilePolicy, Source, Tertial, Unit, Year};
///
/// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("tertialrapport").quote(t));
/// let year = Year::new(2017)?;
/// // "styrking på kr 4,9 mill. i første tertial".
/// let strengthened = BudgetAdjustment { amount: kr("4,9 mill.")?, date: None, tertial: Some(Tertial::new(year, 1)?) };
/// let mut budget = Budget {
///     label: "Flyktningseksjonen".into(), year, original: Some(kr("23,7 mill.")?),
///     adjustments: vec![strengthened], revised: None, actual: None, result: None, consumption: None,
/// };
/// assert_eq!(budget.revised()?.value, Money::kroner(28_600_000));
/// // An adjustment in another year's tertial is refused.
/// budget.adjustments[0].tertial = Some(Tertial::new(Year::new(2018)?, 1)?);
/// assert!(budget.validate(&ReconcilePolicy::default()).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetAdjustment {
    /// The amount (negative for a cut).
    pub amount: PublishedFigure,
    /// The date, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The tertial it was made in, if that is what the document says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tertial: Option<Tertial>,
}

/// A budget frame for a year: the original amount, dated adjustments, the revised frame, the
/// actual spending and the result. Any of original / revised and actual / result may be
/// stated; the others are derived.
///
/// The result is positive for an underspend (*mindreforbruk*) and negative for an overspend
/// (*merforbruk*).
///
/// # Example
///
/// ```
/// use bosetting::{Budget, BudgetAdjustment, PublishedFigure, Source, Unit, Year};
///
/// let doc = || Source::new("Stavanger årsrapport 2017");
/// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, doc()).unwrap();
/// let b = Budget {
///     label: "Flyktningseksjonen".into(),
///     year: Year::new(2017)?,
///     original: None,
///     adjustments: vec![BudgetAdjustment { amount: kr("4,9 mill."), date: None, tertial: None }],
///     revised: Some(kr("28,6 mill.")),
///     actual: None,
///     result: Some(kr("1 mill.")),
///     consumption: None,
/// };
/// assert_eq!(b.original()?.value.to_string(), "23700000.0 kr");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "budsjett")]
#[doc(alias = "budsjettramme")]
#[doc(alias = "regnskap")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    /// Whose budget.
    pub label: String,
    /// The budget year.
    pub year: Year,
    /// The original frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<PublishedFigure>,
    /// Adjustments during the year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustments: Vec<BudgetAdjustment>,
    /// The revised frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<PublishedFigure>,
    /// Actual spending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<PublishedFigure>,
    /// The result: revised − actual.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<PublishedFigure>,
    /// The consumption percentage (*forbruksprosent*), if printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption: Option<PublishedFigure>,
}

fn leaf(label: impl Into<Phrase>, f: &PublishedFigure) -> Derived<Money> {
    Derived::new(f.money(), f.explain(label))
}

/// The result of [`Budget::check_consumption`].
///
/// # Example
///
/// ```
/// use bosetting::{Budget, PublishedFigure, ReconcilePolicy, Source, Status, Unit, Year};
/// use rust_decimal::Decimal;
///
/// let src = || Source::new("Stavanger årsrapport 2017");
/// let budget = Budget {
///     label: "Flyktningseksjonen".into(), year: Year::new(2017)?, original: None, adjustments: vec![],
///     revised: Some(PublishedFigure::parse("28,6 mill.", Unit::Kroner, src())?), actual: None,
///     result: Some(PublishedFigure::parse("1 mill.", Unit::Kroner, src())?), consumption: None,
/// };
/// let printed = PublishedFigure::parse("96,6 %", Unit::Percent, src())?;
/// let check = budget.check_consumption(&printed, &ReconcilePolicy::default())?;
/// // At the printed values 96,5 %, not 96,6 %; over the intervals they stand for, both can hold.
/// assert_eq!(check.at_printed_values.status, Status::Inconsistent);
/// assert_eq!(check.status, Status::Consistent);
/// assert!(check.implied_result.contains(Decimal::from(970_000)));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsumptionCheck {
    /// The consumption computed from the printed values.
    pub computed: Derived<Ratio>,
    /// The printed percentage against that point value.
    pub at_printed_values: Reconciliation,
    /// The result the printed percentage implies, given the frame's interval.
    pub implied_result: Interval,
    /// What the printed result stands for.
    pub printed_result: Interval,
    /// Consistent if some result fits both; inconsistent if none does.
    pub status: Status,
    /// In words, with the numbers.
    pub explanation: Phrase,
}

impl Budget {
    fn adjustments_sum(&self) -> Result<Derived<Money>> {
        let v = Money::sum(self.adjustments.iter().map(|a| a.amount.money()))?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "adjustments during the year",
                Quantity::money(v),
                "sum of the adjustments",
                self.adjustments
                    .iter()
                    .map(|a| a.amount.explain("adjustment"))
                    .collect(),
            ),
        ))
    }

    /// Checks dates and the identities (original + adjustments = revised; revised − actual
    /// = result), with rounded figures compared as the intervals they stand for.
    ///
    /// # Errors
    ///
    /// [`Error::DateOutsidePeriod`] for an adjustment outside the budget year;
    /// [`Error::InvalidValue`] for a non-money figure or a tertial of another year;
    /// [`Error::SumMismatch`] for stated figures that cannot all be true.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// let policy = ReconcilePolicy::default();
    /// assert!(budget.validate(&policy).is_ok());
    ///
    /// // 28,6 mill. − 20 mill. is no underspend of 1 mill., at any rounding of the printed figures.
    /// budget.actual = Some(kr("20 mill.")?);
    /// assert!(matches!(budget.validate(&policy), Err(bosetting::Error::SumMismatch { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self, policy: &ReconcilePolicy) -> Result<()> {
        if let Some(c) = &self.consumption {
            if c.unit() != Unit::Percent {
                return Err(Error::invalid(
                    "budget consumption",
                    format!("{:?}", c.text()),
                    "expected a percentage",
                ));
            }
            self.check_consumption(c, policy)?;
        }
        for f in [&self.original, &self.revised, &self.actual, &self.result]
            .into_iter()
            .flatten()
            .chain(self.adjustments.iter().map(|a| &a.amount))
        {
            if f.unit() != Unit::Kroner {
                return Err(Error::invalid(
                    "budget figure",
                    format!("{:?}", f.text()),
                    format!("expected kroner, found {}", f.unit()),
                ));
            }
        }
        for (i, a) in self.adjustments.iter().enumerate() {
            if let Some(d) = a.date {
                self.year
                    .period()
                    .require(&format!("budget adjustment[{i}] date"), d)?;
            }
            if let Some(t) = a.tertial {
                if t.year() != self.year {
                    return Err(Error::invalid(
                        format!("budget adjustment[{i}] tertial"),
                        t,
                        format!("the budget year is {}", self.year),
                    ));
                }
            }
        }
        let iv = |f: &PublishedFigure| f.interval(policy);
        if let (Some(o), Some(r)) = (&self.original, &self.revised) {
            let mut sum = iv(o)?;
            for a in &self.adjustments {
                sum = sum.checked_add(&iv(&a.amount)?)?;
            }
            if !sum.overlaps(&iv(r)?) {
                return Err(Error::SumMismatch {
                    field: format!("budget {} {}", self.label, self.year),
                    parts: "original + adjustments".into(),
                    sum: sum.to_string(),
                    total: format!("the revised frame {}", r.text()),
                });
            }
        }
        if let (Some(r), Some(a), Some(res)) = (&self.revised, &self.actual, &self.result) {
            let diff = iv(r)?.checked_sub(&iv(a)?)?;
            if !diff.overlaps(&iv(res)?) {
                return Err(Error::SumMismatch {
                    field: format!("budget {} {}", self.label, self.year),
                    parts: "revised − actual".into(),
                    sum: diff.to_string(),
                    total: format!("the result {}", res.text()),
                });
            }
        }
        Ok(())
    }

    /// The revised frame: stated, or original + adjustments.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither can be had.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// use bosetting::BudgetAdjustment;
    ///
    /// // Not printed: the original frame + the adjustments.
    /// budget.revised = None;
    /// budget.original = Some(kr("23,7 mill.")?);
    /// budget.adjustments.push(BudgetAdjustment { amount: kr("4,9 mill.")?, date: None, tertial: None });
    /// assert_eq!(budget.revised()?.value, Money::kroner(28_600_000));
    ///
    /// budget.original = None;
    /// assert!(budget.revised().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn revised(&self) -> Result<Derived<Money>> {
        if let Some(r) = &self.revised {
            return Ok(leaf("revised budget frame", r));
        }
        let o = self.original.as_ref().ok_or_else(|| {
            Error::not_computable("revised frame", "no original or revised frame")
        })?;
        let s = self.adjustments_sum()?;
        let v = o.money().checked_add(s.value)?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "revised budget frame",
                Quantity::money(v),
                "original + adjustments",
                vec![o.explain("original budget frame"), s.explanation],
            ),
        ))
    }

    /// The original frame: stated, or revised − adjustments.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither can be had.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// // Without adjustments the original frame is the revised one.
    /// assert_eq!(budget.original()?.value, Money::kroner(28_600_000));
    /// budget.original = Some(kr("25 mill.")?);
    /// assert_eq!(budget.original()?.value, Money::kroner(25_000_000));
    ///
    /// budget.original = None;
    /// budget.revised = None;
    /// assert!(budget.original().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn original(&self) -> Result<Derived<Money>> {
        if let Some(o) = &self.original {
            return Ok(leaf("original budget frame", o));
        }
        let r = self.revised.as_ref().ok_or_else(|| {
            Error::not_computable("original frame", "no original or revised frame")
        })?;
        let s = self.adjustments_sum()?;
        let v = r.money().checked_sub(s.value)?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "original budget frame",
                Quantity::money(v),
                "revised − adjustments",
                vec![r.explain("revised budget frame"), s.explanation],
            ),
        ))
    }

    /// The result: stated, or revised − actual.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither can be had.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// assert_eq!(budget.result()?.value, Money::kroner(1_000_000));
    ///
    /// // Not printed: revised − actual; an overspend is negative.
    /// budget.result = None;
    /// budget.actual = Some(kr("29,1 mill.")?);
    /// assert_eq!(budget.result()?.value, Money::kroner(-500_000));
    ///
    /// budget.actual = None;
    /// assert!(budget.result().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    #[doc(alias = "mindreforbruk")]
    #[doc(alias = "merforbruk")]
    pub fn result(&self) -> Result<Derived<Money>> {
        if let Some(r) = &self.result {
            return Ok(leaf("result (positive: underspend)", r));
        }
        let a = self.actual.as_ref().ok_or_else(|| {
            Error::not_computable("budget result", "no actual spending or result")
        })?;
        let rev = self.revised()?;
        let v = rev.value.checked_sub(a.money())?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "result (positive: underspend)",
                Quantity::money(v),
                "revised frame − actual spending",
                vec![rev.explanation, a.explain("actual spending")],
            ),
        ))
    }

    /// Actual spending: stated, or revised − result.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither can be had.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// // Not printed: revised − result.
    /// assert_eq!(budget.actual()?.value, Money::kroner(27_600_000));
    ///
    /// budget.result = None;
    /// assert!(budget.actual().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn actual(&self) -> Result<Derived<Money>> {
        if let Some(a) = &self.actual {
            return Ok(leaf("actual spending", a));
        }
        let r = self.result.as_ref().ok_or_else(|| {
            Error::not_computable("actual spending", "no actual spending or result")
        })?;
        let rev = self.revised()?;
        let v = rev.value.checked_sub(r.money())?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "actual spending",
                Quantity::money(v),
                "revised frame − result",
                vec![rev.explanation, r.explain("result")],
            ),
        ))
    }

    /// The result as the printed figures allow it: the printed result's interval, narrowed
    /// by the printed consumption percentage where there is one.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without a printed result.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// use rust_decimal::Decimal;
    ///
    /// let policy = ReconcilePolicy::default();
    /// let printed = budget.result_bounds(&policy)?.value;
    /// assert!(printed.contains(Decimal::from(1_040_000)));
    ///
    /// // "96,6 %" of the frame narrows it: the result lies between about 956 000 and 989 000 kr.
    /// budget.consumption = Some(PublishedFigure::parse("96,6 %", Unit::Percent, Source::new("Stavanger årsrapport 2017"))?);
    /// let narrowed = budget.result_bounds(&policy)?.value;
    /// assert!(narrowed.contains(Decimal::from(970_000)));
    /// assert!(!narrowed.contains(Decimal::from(1_000_000)));
    ///
    /// budget.result = None;
    /// assert!(budget.result_bounds(&policy).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn result_bounds(&self, policy: &ReconcilePolicy) -> Result<Derived<Interval>> {
        let r = self
            .result
            .as_ref()
            .ok_or_else(|| Error::not_computable("result bounds", "no printed result"))?;
        let printed = r.interval(policy)?;
        let Some(c) = &self.consumption else {
            return Ok(Derived::new(
                printed,
                Explanation::derived(
                    "result (positive: underspend)",
                    Quantity::interval(printed, Unit::Kroner),
                    Phrase::new(
                        "known to its printed precision: «{printed}» stands for {interval}",
                    )
                    .with("printed", Arg::verbatim(r.text()))
                    .with("interval", Quantity::interval(printed, Unit::Kroner)),
                    vec![r.explain("printed result")],
                ),
            ));
        };
        let check = self.check_consumption(c, policy)?;
        let both = check.implied_result.intersect(&printed);
        Ok(Derived::new(
            both,
            Explanation::derived(
                "result (positive: underspend)",
                Quantity::interval(both, Unit::Kroner),
                Phrase::new("«{printed}» stands for {interval}; with the frame and the printed consumption «{consumption}» it must lie in {implied}")
                    .with("printed", Arg::verbatim(r.text()))
                    .with("interval", Quantity::interval(printed, Unit::Kroner))
                    .with("consumption", Arg::verbatim(c.text()))
                    .with("implied", Quantity::interval(check.implied_result, Unit::Kroner)),
                vec![
                    r.explain("printed result"),
                    c.explain("printed consumption"),
                    self.revised()?.explanation,
                ],
            ),
        ))
    }

    /// Actual spending as a share of the revised frame (*forbruksprosent*), from the printed
    /// values.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the figures; [`Error::DivisionByZero`] for a zero
    /// frame.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// use bosetting::RoundingRule;
    ///
    /// // 27,6 mill. spent of 28,6 mill.
    /// let share = budget.consumption()?.value;
    /// assert_eq!(share.percent(RoundingRule::HalfUp, 1)?.to_string(), "96.5");
    ///
    /// budget.result = None;
    /// assert!(budget.consumption().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn consumption(&self) -> Result<Derived<Ratio>> {
        let a = self.actual()?;
        let r = self.revised()?;
        compare::share(
            "consumption of the budget frame",
            &a,
            &r,
            "actual / revised frame",
        )
    }

    /// Checks a printed consumption percentage. At the printed values it may not reproduce
    /// (28,6 mill and an underspend of 1 mill give 96,5 %, not 96,6 %); the check then asks
    /// which results the printed percentage implies, given the frame's interval, and whether
    /// the printed result allows any of them.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without a revised frame and a result or actual spending, or
    /// where a printed consumption above 100 % leaves the implied result's ends crossed
    /// (the frame times a negative share is not bounded end by end);
    /// [`Error::InvalidValue`] if `printed` is not a percentage.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Budget, Money, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Stavanger årsrapport 2017").quote(t));
    /// let mut budget = Budget {
    ///     label: "Flyktningseksjonen".into(),
    ///     year: Year::new(2017)?,
    ///     original: None,
    ///     adjustments: vec![],
    ///     revised: Some(kr("28,6 mill.")?),
    ///     actual: None,
    ///     result: Some(kr("1 mill.")?),
    ///     consumption: None,
    /// };
    /// use bosetting::Status;
    ///
    /// let policy = ReconcilePolicy::default();
    /// let pct = |t: &str| PublishedFigure::parse(t, Unit::Percent, Source::new("Stavanger årsrapport 2017"));
    /// // The printed values give 96,5 %, but "28,6 mill." and "1 mill." are rounded: "96,6 %" fits.
    /// assert_eq!(budget.check_consumption(&pct("96,6 %")?, &policy)?.status, Status::Consistent);
    /// // No frame and result the printed figures stand for give 90 %.
    /// assert_eq!(budget.check_consumption(&pct("90 %")?, &policy)?.status, Status::Inconsistent);
    /// // A consumption is a percentage.
    /// assert!(budget.check_consumption(&kr("1 mill.")?, &policy).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_consumption(
        &self,
        printed: &PublishedFigure,
        policy: &ReconcilePolicy,
    ) -> Result<ConsumptionCheck> {
        if printed.unit() != Unit::Percent {
            return Err(Error::invalid(
                "consumption",
                format!("{:?}", printed.text()),
                "expected a percentage",
            ));
        }
        let computed = self.consumption()?;
        let at_printed = printed.reconcile(&Computed::Ratio(computed.value), policy)?;
        let frame = match &self.revised {
            Some(r) => r.interval(policy)?,
            None => Interval::exactly(self.revised()?.value.amount()),
        };
        let printed_result = match (&self.result, &self.actual) {
            (Some(r), _) => r.interval(policy)?,
            (None, Some(a)) => frame.checked_sub(&a.interval(policy)?)?,
            (None, None) => {
                return Err(Error::not_computable(
                    "consumption check",
                    "no result or actual spending",
                ));
            }
        };
        let c = printed.interval(policy)?;
        // result = frame × (1 − c / 100): falls as c rises, rises with the frame.
        let one_minus = |b: Bound| -> Result<Bound> {
            Ok(match b {
                Bound::Unbounded => Bound::Unbounded,
                Bound::Included(v) => Bound::Included(dec::sub(
                    Decimal::ONE,
                    dec::div(v, Decimal::ONE_HUNDRED, "consumption")?,
                    "consumption",
                )?),
                Bound::Excluded(v) => Bound::Excluded(dec::sub(
                    Decimal::ONE,
                    dec::div(v, Decimal::ONE_HUNDRED, "consumption")?,
                    "consumption",
                )?),
            })
        };
        let share_lo = one_minus(c.upper())?;
        let share_hi = one_minus(c.lower())?;
        let mul = |a: Bound, b: Bound| -> Result<Bound> {
            Ok(match (a, b) {
                (Bound::Unbounded, _) | (_, Bound::Unbounded) => Bound::Unbounded,
                (Bound::Included(x), Bound::Included(y)) => {
                    Bound::Included(dec::mul(x, y, "consumption")?)
                }
                (x, y) => Bound::Excluded(dec::mul(
                    x.value().unwrap_or_default(),
                    y.value().unwrap_or_default(),
                    "consumption",
                )?),
            })
        };
        // The ends multiply in order only for a frame and a share that are not negative.
        let implied = Interval::new(mul(frame.lower(), share_lo)?, mul(frame.upper(), share_hi)?)
            .map_err(|_| {
            Error::not_computable(
                "consumption check",
                "a bounded implied result (a consumption above 100 % or a negative frame crosses its ends)",
            )
        })?;
        let both = implied.intersect(&printed_result);
        let status = if at_printed.status == Status::Reproduced {
            Status::Reproduced
        } else if both.is_empty() {
            Status::Inconsistent
        } else {
            Status::Consistent
        };
        let shown = |i: &Interval| -> Arg {
            Quantity::interval(i.widen_to(Decimal::from(1000)).unwrap_or(*i), Unit::Kroner).into()
        };
        let explanation = Phrase::new(if both.is_empty() {
            "{at_printed}; at the printed precision the frame and «{printed}» imply a result in {implied}, and the printed result stands for {result}: no result fits both"
        } else {
            "{at_printed}; at the printed precision the frame and «{printed}» imply a result in {implied}, and the printed result stands for {result}: both hold for a result in {both}"
        })
        .with("at_printed", at_printed.explanation.clone())
        .with("printed", Arg::verbatim(printed.text()))
        .with("implied", shown(&implied))
        .with("result", shown(&printed_result))
        .with("both", shown(&both));
        Ok(ConsumptionCheck {
            computed,
            at_printed_values: at_printed,
            implied_result: implied,
            printed_result,
            status,
            explanation,
        })
    }
}

/// A forecast made in a tertial report against the year-end outcome ("Overføring er 1,6
/// mill kr lavere enn tidligere varslet i forbindelse med rapportering for andre tertial").
///
/// # Example
///
/// ```
/// use bosetting::{ForecastCheck, PublishedFigure, Source, Tertial, Unit, Year};
///
/// let doc = || Source::new("Bodø årsrapport 2020");
/// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, doc()).unwrap();
/// let f = ForecastCheck {
///     what: "transfer from the refugee fund".into(),
///     made_at: Tertial::new(Year::new(2020)?, 2)?,
///     actual: kr("11,2 mill kr"),
///     forecast: None,
///     deviation: Some(kr("-1,6 mill kr")),
/// };
/// assert_eq!(f.forecast()?.value.amount().normalize().to_string(), "12800000");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "prognose")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForecastCheck {
    /// What was forecast.
    pub what: String,
    /// The tertial report that made the forecast.
    pub made_at: Tertial,
    /// The outcome.
    pub actual: PublishedFigure,
    /// The forecast, if stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<PublishedFigure>,
    /// Outcome − forecast, if that is what the document states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation: Option<PublishedFigure>,
}

impl ForecastCheck {
    /// The forecast: stated, or outcome − deviation.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither is given.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{ForecastCheck, Money, PublishedFigure, Source, Tertial, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Bodø årsrapport 2020").quote(t));
    /// let mut transfer = ForecastCheck {
    ///     what: "overføring fra flyktningfondet".into(),
    ///     made_at: Tertial::new(Year::new(2020)?, 2)?,
    ///     actual: kr("11,2 mill kr")?,
    ///     forecast: Some(kr("12,8 mill kr")?),
    ///     deviation: None,
    /// };
    /// assert_eq!(transfer.forecast()?.value, Money::kroner(12_800_000));
    ///
    /// // Neither the forecast nor the deviation is stated.
    /// transfer.forecast = None;
    /// assert!(transfer.forecast().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn forecast(&self) -> Result<Derived<Money>> {
        if let Some(f) = &self.forecast {
            return Ok(leaf(
                Phrase::new("forecast at {date}").with("date", self.made_at),
                f,
            ));
        }
        let d = self
            .deviation
            .as_ref()
            .ok_or_else(|| Error::not_computable("forecast", "no forecast or deviation stated"))?;
        let v = self.actual.money().checked_sub(d.money())?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                Phrase::new("{what}, forecast at {date}")
                    .with("what", Arg::verbatim(self.what.clone()))
                    .with("date", self.made_at),
                Quantity::money(v),
                "outcome − (outcome − forecast)",
                vec![
                    self.actual.explain(
                        Phrase::new("{what}, outcome")
                            .with("what", Arg::verbatim(self.what.clone())),
                    ),
                    d.explain("outcome − forecast, as stated"),
                ],
            ),
        ))
    }

    /// Outcome − forecast.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if the forecast cannot be had.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{ForecastCheck, Money, PublishedFigure, Source, Tertial, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("Bodø årsrapport 2020").quote(t));
    /// let mut transfer = ForecastCheck {
    ///     what: "overføring fra flyktningfondet".into(),
    ///     made_at: Tertial::new(Year::new(2020)?, 2)?,
    ///     actual: kr("11,2 mill kr")?,
    ///     forecast: Some(kr("12,8 mill kr")?),
    ///     deviation: None,
    /// };
    /// // "1,6 mill kr lavere enn tidligere varslet".
    /// assert_eq!(transfer.deviation()?.value, Money::kroner(-1_600_000));
    ///
    /// transfer.forecast = None;
    /// assert!(transfer.deviation().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn deviation(&self) -> Result<Derived<Money>> {
        let f = self.forecast()?;
        let a = leaf(
            Phrase::new("{what}, outcome").with("what", Arg::verbatim(self.what.clone())),
            &self.actual,
        );
        let d = compare::difference(
            Phrase::new("{what}: outcome − forecast")
                .with("what", Arg::verbatim(self.what.clone())),
            &a,
            &f,
            Unit::Kroner,
            "outcome − forecast",
        )?;
        Ok(Derived::new(Money::new(d.value), d.explanation))
    }
}

/// The refugee service's result for a year: grant and other income minus fixed and
/// variable costs, before and after transfers from (positive) or to (negative) the refugee
/// fund. Any part may be missing; what can be derived is.
///
/// # Example
///
/// ```
/// use bosetting::{Interval, Money, PublishedFigure, ReconcilePolicy, ServiceResult, Source, Unit, Year};
/// use rust_decimal::Decimal;
///
/// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("årsrapport 2020").quote(t));
/// // Only the result after the fund's transfers is printed, and the transfers.
/// let service = ServiceResult {
///     label: "det samlede flyktningeområdet".into(),
///     year: Year::new(2020)?,
///     grant_income: None, other_income: None, fixed_costs: None, variable_costs: None,
///     fund_transfers: vec![kr("11,2 mill kr")?],
///     result_after_transfers: Some(kr("0 kr")?),
/// };
/// assert_eq!(service.after_transfers()?.value, Money::kroner(0));
/// // Before the transfers: a deficit of about 11,2 mill.
/// let before = service.before_transfers(&ReconcilePolicy::default())?.value;
/// assert!(before.contains(Decimal::from(-11_200_000)));
/// assert_ne!(before, Interval::exactly(Decimal::ZERO));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceResult {
    /// Whose result ("det samlede flyktningeområdet").
    pub label: String,
    /// The year.
    pub year: Year,
    /// Grant income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_income: Option<PublishedFigure>,
    /// Other income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_income: Option<PublishedFigure>,
    /// Fixed costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_costs: Option<PublishedFigure>,
    /// Variable costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable_costs: Option<PublishedFigure>,
    /// Transfers from the fund into the service (negative: into the fund).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fund_transfers: Vec<PublishedFigure>,
    /// The result after transfers, if stated (negative: deficit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_after_transfers: Option<PublishedFigure>,
}

impl ServiceResult {
    fn operating(&self) -> Option<Result<Derived<Money>>> {
        let (gi, fc) = (self.grant_income.as_ref()?, self.fixed_costs.as_ref()?);
        Some((|| {
            let mut v = gi.money();
            let mut inputs = vec![gi.explain("grant income")];
            if let Some(o) = &self.other_income {
                v = v.checked_add(o.money())?;
                inputs.push(o.explain("other income"));
            }
            v = v.checked_sub(fc.money())?;
            inputs.push(fc.explain("fixed costs"));
            if let Some(vc) = &self.variable_costs {
                v = v.checked_sub(vc.money())?;
                inputs.push(vc.explain("variable costs"));
            }
            Ok(Derived::new(
                v,
                Explanation::derived(
                    "result before fund transfers",
                    Quantity::money(v),
                    "grant income + other income − fixed costs − variable costs",
                    inputs,
                ),
            ))
        })())
    }

    /// Net transfers from the fund.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, PublishedFigure, ReconcilePolicy, ServiceResult, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("årsrapport 2022").quote(t));
    /// let mut service = ServiceResult {
    ///     label: "det samlede flyktningeområdet".into(),
    ///     year: Year::new(2022)?,
    ///     grant_income: Some(kr("30 mill")?),
    ///     other_income: None,
    ///     fixed_costs: Some(kr("25 mill")?),
    ///     variable_costs: Some(kr("7 mill")?),
    ///     fund_transfers: vec![kr("1,5 mill")?, kr("-0,3 mill")?],
    ///     result_after_transfers: None,
    /// };
    /// // 1,5 mill from the fund, 0,3 mill back into it.
    /// assert_eq!(service.transfers()?.value, Money::kroner(1_200_000));
    /// service.fund_transfers.clear();
    /// assert_eq!(service.transfers()?.value, Money::kroner(0));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn transfers(&self) -> Result<Derived<Money>> {
        let v = Money::sum(self.fund_transfers.iter().map(PublishedFigure::money))?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "net transfers from the fund",
                Quantity::money(v),
                "sum of the transfers",
                self.fund_transfers
                    .iter()
                    .map(|t| t.explain("transfer from the fund"))
                    .collect(),
            ),
        ))
    }

    /// The result before fund transfers: income − costs, or, where only the result after
    /// transfers is printed, that result − the transfers, as the interval the printed
    /// figures stand for.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the figures.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, PublishedFigure, ReconcilePolicy, ServiceResult, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("årsrapport 2022").quote(t));
    /// let mut service = ServiceResult {
    ///     label: "det samlede flyktningeområdet".into(),
    ///     year: Year::new(2022)?,
    ///     grant_income: Some(kr("30 mill")?),
    ///     other_income: None,
    ///     fixed_costs: Some(kr("25 mill")?),
    ///     variable_costs: Some(kr("7 mill")?),
    ///     fund_transfers: vec![kr("1,5 mill")?, kr("-0,3 mill")?],
    ///     result_after_transfers: None,
    /// };
    /// use bosetting::Interval;
    /// use rust_decimal::Decimal;
    ///
    /// let policy = ReconcilePolicy::default();
    /// // 30 − 25 − 7 mill: a deficit of 2 mill before the fund covers part of it.
    /// assert_eq!(service.before_transfers(&policy)?.value, Interval::exactly(Decimal::from(-2_000_000)));
    ///
    /// // Only the result after transfers printed: that result − the transfers, as an interval.
    /// service.grant_income = None;
    /// service.result_after_transfers = Some(kr("-0,8 mill")?);
    /// assert!(service.before_transfers(&policy)?.value.contains(Decimal::from(-2_000_000)));
    ///
    /// service.result_after_transfers = None;
    /// assert!(service.before_transfers(&policy).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn before_transfers(&self, policy: &ReconcilePolicy) -> Result<Derived<Interval>> {
        if let Some(op) = self.operating() {
            let op = op?;
            return Ok(Derived::new(
                Interval::exactly(op.value.amount()),
                op.explanation,
            ));
        }
        let after = self.result_after_transfers.as_ref().ok_or_else(|| {
            Error::not_computable("result before fund transfers", "no income, costs or result")
        })?;
        let mut i = after.interval(policy)?;
        for t in &self.fund_transfers {
            i = i.checked_sub(&t.interval(policy)?)?;
        }
        let t = self.transfers()?;
        Ok(Derived::new(
            i,
            Explanation::derived(
                "result before fund transfers",
                Quantity::interval(i, Unit::Kroner),
                Phrase::new("result after transfers − transfers from the fund, with printed figures as the intervals they stand for under {rule}")
                    .with("rule", policy.rule().phrase()),
                vec![after.explain("result after transfers"), t.explanation],
            ),
        ))
    }

    /// The result after fund transfers: stated, or before + transfers.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the figures.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, PublishedFigure, ReconcilePolicy, ServiceResult, Source, Unit, Year};
    ///
    /// let kr = |t: &str| PublishedFigure::parse(t, Unit::Kroner, Source::new("årsrapport 2022").quote(t));
    /// let mut service = ServiceResult {
    ///     label: "det samlede flyktningeområdet".into(),
    ///     year: Year::new(2022)?,
    ///     grant_income: Some(kr("30 mill")?),
    ///     other_income: None,
    ///     fixed_costs: Some(kr("25 mill")?),
    ///     variable_costs: Some(kr("7 mill")?),
    ///     fund_transfers: vec![kr("1,5 mill")?, kr("-0,3 mill")?],
    ///     result_after_transfers: None,
    /// };
    /// // −2 mill before, + 1,2 mill net from the fund.
    /// assert_eq!(service.after_transfers()?.value, Money::kroner(-800_000));
    ///
    /// service.fixed_costs = None;
    /// assert!(service.after_transfers().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn after_transfers(&self) -> Result<Derived<Money>> {
        if let Some(a) = &self.result_after_transfers {
            return Ok(leaf("result after fund transfers", a));
        }
        let op = self.operating().ok_or_else(|| {
            Error::not_computable("result after transfers", "no income and costs")
        })??;
        let t = self.transfers()?;
        let v = op.value.checked_add(t.value)?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "result after fund transfers",
                Quantity::money(v),
                "result before transfers + transfers from the fund",
                vec![op.explanation, t.explanation],
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
    use crate::provenance::Source;

    fn kr(t: &str) -> PublishedFigure {
        PublishedFigure::parse(t, Unit::Kroner, Source::new("t")).unwrap()
    }

    fn stavanger() -> Budget {
        Budget {
            label: "Flyktningseksjonen".into(),
            year: Year::new(2017).unwrap(),
            original: None,
            adjustments: vec![BudgetAdjustment {
                amount: kr("4,9 mill."),
                date: None,
                tertial: Some(Tertial::new(Year::new(2017).unwrap(), 1).unwrap()),
            }],
            revised: Some(kr("28,6 mill.")),
            actual: None,
            result: Some(kr("1 mill.")),
            consumption: None,
        }
    }

    #[test]
    fn stavanger_consumption_is_consistent_only_as_intervals() {
        let b = stavanger();
        b.validate(&ReconcilePolicy::default()).unwrap();
        let pct = PublishedFigure::parse("96,6", Unit::Percent, Source::new("t")).unwrap();
        let c = b
            .check_consumption(&pct, &ReconcilePolicy::default())
            .unwrap();
        assert_eq!(c.at_printed_values.status, Status::Inconsistent);
        assert_eq!(c.status, Status::Consistent);
        // The underspend must be between about 0.96 and 0.99 mill.
        let lo = c.implied_result.lower().value().unwrap();
        let hi = c.implied_result.upper().value().unwrap();
        assert!(
            lo > Decimal::from(955_000) && lo < Decimal::from(960_000),
            "{lo}"
        );
        assert!(
            hi > Decimal::from(985_000) && hi < Decimal::from(990_000),
            "{hi}"
        );
        assert!(
            c.explanation.to_string().contains("gives 96.5"),
            "{}",
            c.explanation
        );
    }

    #[test]
    fn a_consumption_far_above_the_frame_is_not_computable_rather_than_inconsistent() {
        let mut b = stavanger();
        b.revised = Some(kr("29 mill."));
        let pct = PublishedFigure::parse("200", Unit::Percent, Source::new("t")).unwrap();
        let e = b
            .check_consumption(&pct, &ReconcilePolicy::default())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot compute consumption check: a bounded implied result (a consumption above 100 % or a negative frame crosses its ends)"
        );
    }

    #[test]
    fn contradictions_and_dates() {
        let mut b = stavanger();
        b.original = Some(kr("20 mill."));
        let e = b.validate(&ReconcilePolicy::default()).unwrap_err();
        assert!(e.to_string().contains("original + adjustments"), "{e}");
        let mut b = stavanger();
        b.adjustments[0].date = NaiveDate::from_ymd_opt(2018, 1, 5);
        let e = b.validate(&ReconcilePolicy::default()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "budget adjustment[0] date 2018-01-05 is outside 2017-01-01 to 2017-12-31"
        );
    }

    #[test]
    fn bodo_result_before_transfer() {
        let s = ServiceResult {
            label: "flyktningeområdet".into(),
            year: Year::new(2020).unwrap(),
            grant_income: None,
            other_income: None,
            fixed_costs: None,
            variable_costs: None,
            fund_transfers: vec![kr("11,2 mill kr")],
            result_after_transfers: Some(kr("-0,7 mill kr")),
        };
        let b = s.before_transfers(&ReconcilePolicy::default()).unwrap();
        assert_eq!(b.value.to_string(), "(-12000000, -11800000]");
    }
}
