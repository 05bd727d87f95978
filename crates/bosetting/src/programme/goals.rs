//! A municipality's goals and indicators, evaluated against the model.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::Result;
use crate::explain::{Derived, Explanation, Quantity, Unit, Value};
use crate::interval::{Bound, Interval};
use crate::phrase::{Arg, Phrase};
use crate::provenance::Source;
use crate::published::{PublishedFigure, Qualifier, ReconcilePolicy};
use crate::ratio::Ratio;
use crate::rounding::RoundingRule;

/// A goal a municipality sets itself for a year ("Minst 55 prosent av deltakere … skal være
/// i jobb eller utdanning ved avslutning").
///
/// The target is a [`PublishedFigure`], so bounds use the same interval machinery: "minst 55
/// prosent" is `[55, ∞)`, "inntil 60" is `(-∞, 60]`. A plain number ("bosetter 74
/// flyktninger") is a level to reach: `[74, ∞)`.
///
/// # Example
///
/// ```
/// use bosetting::{Derived, Explanation, Goal, GoalStatus, PublishedFigure, Quantity, Source, Unit};
///
/// let src = || Source::new("Bodø kommune, handlingsplan 2020");
/// // "Bodø kommune skal bosette 74 flyktninger i 2020."
/// let goal = Goal {
///     id: "bosetting".into(),
///     text: "Bosette 74 flyktninger".into(),
///     metric: "settlement.settled".into(),
///     target: PublishedFigure::parse("74", Unit::Persons, src().quote("bosette 74"))?,
///     source: src(),
/// };
/// let settled = |n: u32| Derived::new(Quantity::persons(n), Explanation::input("settled", Quantity::persons(n), src()));
/// assert_eq!(goal.evaluate(Some(&settled(74)))?.status, GoalStatus::Met);
/// assert_eq!(goal.evaluate(Some(&settled(41)))?.status, GoalStatus::NotMet);
/// // Nothing measured: not measurable, never "not met".
/// assert_eq!(goal.evaluate(None)?.status, GoalStatus::NotMeasurable);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "mål")]
#[doc(alias = "indikator")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Goal {
    /// A stable identifier.
    pub id: String,
    /// The goal as the document words it.
    pub text: String,
    /// What the goal is measured by, as a figure key the caller resolves ("settled",
    /// "programme.direct_transition").
    pub metric: String,
    /// The target.
    pub target: PublishedFigure,
    /// Where the goal is stated.
    pub source: Source,
}

/// Whether a goal was met.
///
/// # Example
///
/// ```
/// use bosetting::GoalStatus;
///
/// assert_eq!(GoalStatus::NotMeasurable.phrase().id(), "not measurable");
/// assert_ne!(GoalStatus::NotMet, GoalStatus::NotMeasurable);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GoalStatus {
    /// The measured value meets the target.
    Met,
    /// It does not.
    NotMet,
    /// The model has nothing (or not enough) to measure it by.
    NotMeasurable,
}

impl GoalStatus {
    /// The status as words a report translates.
    pub fn phrase(self) -> Phrase {
        Phrase::new(match self {
            GoalStatus::Met => "met",
            GoalStatus::NotMet => "not met",
            GoalStatus::NotMeasurable => "not measurable",
        })
    }
}

/// Which side of the target a value falls on.
///
/// # Example
///
/// ```
/// use bosetting::{Derived, Explanation, Goal, GoalStatus, PublishedFigure, Quantity, Source, Unit};
///
/// let src = || Source::new("Bodø kommune, handlingsplan 2020");
/// // "Bodø kommune skal bosette 74 flyktninger i 2020."
/// let goal = Goal {
///     id: "bosetting".into(),
///     text: "Bosette 74 flyktninger".into(),
///     metric: "settlement.settled".into(),
///     target: PublishedFigure::parse("74", Unit::Persons, src().quote("bosette 74"))?,
///     source: src(),
/// };
/// let settled = |n: u32| Derived::new(Quantity::persons(n), Explanation::input("settled", Quantity::persons(n), src()));
/// use bosetting::Side;
///
/// let gap = goal.evaluate(Some(&settled(41)))?.gap.ok_or("a goal not met has a gap")?;
/// assert_eq!(gap.side, Side::Under);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Below the target's lower bound.
    Under,
    /// Above the target's upper bound.
    Over,
}

/// The distance from a target that was not met.
///
/// # Example
///
/// ```
/// use bosetting::{Derived, Explanation, Goal, GoalStatus, PublishedFigure, Quantity, Source, Unit};
///
/// let src = || Source::new("Bodø kommune, handlingsplan 2020");
/// // "Bodø kommune skal bosette 74 flyktninger i 2020."
/// let goal = Goal {
///     id: "bosetting".into(),
///     text: "Bosette 74 flyktninger".into(),
///     metric: "settlement.settled".into(),
///     target: PublishedFigure::parse("74", Unit::Persons, src().quote("bosette 74"))?,
///     source: src(),
/// };
/// let settled = |n: u32| Derived::new(Quantity::persons(n), Explanation::input("settled", Quantity::persons(n), src()));
/// // 41 of 74: 33 short.
/// let gap = goal.evaluate(Some(&settled(41)))?.gap.ok_or("a goal not met has a gap")?;
/// assert_eq!(gap.amount.value.exact(), "33");
/// // A goal met has no gap.
/// assert!(goal.evaluate(Some(&settled(80)))?.gap.is_none());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// How far (positive).
    pub amount: Quantity,
    /// Which side.
    pub side: Side,
}

/// The outcome of [`Goal::evaluate`].
///
/// # Example
///
/// ```
/// use bosetting::{Derived, Explanation, Goal, GoalStatus, PublishedFigure, Quantity, Source, Unit};
///
/// let src = || Source::new("Bodø kommune, handlingsplan 2020");
/// // "Bodø kommune skal bosette 74 flyktninger i 2020."
/// let goal = Goal {
///     id: "bosetting".into(),
///     text: "Bosette 74 flyktninger".into(),
///     metric: "settlement.settled".into(),
///     target: PublishedFigure::parse("74", Unit::Persons, src().quote("bosette 74"))?,
///     source: src(),
/// };
/// let settled = |n: u32| Derived::new(Quantity::persons(n), Explanation::input("settled", Quantity::persons(n), src()));
/// let e = goal.evaluate(Some(&settled(41)))?;
/// assert_eq!(e.goal, "bosetting");
/// assert_eq!(e.measured.map(|q| q.value.exact()), Some("41".to_owned()));
/// assert_eq!(e.status, GoalStatus::NotMet);
/// // The explanation holds the measurement and the target.
/// assert_eq!(e.explanation.inputs.len(), 2);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GoalEvaluation {
    /// The goal's identifier.
    pub goal: String,
    /// Met, not met, not measurable.
    pub status: GoalStatus,
    /// What the goal was measured by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measured: Option<Quantity>,
    /// How far from the target, when not met (persons short, percentage points under).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gap: Option<Gap>,
    /// In words: "41 of 74: 33 short".
    pub summary: Phrase,
    /// The explanation tree: the measurement and the target.
    pub explanation: Explanation,
}

impl Goal {
    /// The values that meet the goal. A goal to exceed or stay under a number ("over 50
    /// prosent", "under 10") has no far limit: unlike a published figure described as "vel
    /// 70", a goal is met however far beyond the number the result lands.
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Goal, Interval, PublishedFigure, Source, Unit};
    /// use rust_decimal::Decimal;
    ///
    /// let goal = |printed: &str| -> bosetting::Result<Goal> {
    ///     Ok(Goal {
    ///         id: "g".into(),
    ///         text: printed.into(),
    ///         metric: "settlement.settled".into(),
    ///         target: PublishedFigure::parse(printed, Unit::Persons, Source::new("handlingsplan"))?,
    ///         source: Source::new("handlingsplan"),
    ///     })
    /// };
    /// // "bosette 74": a level to reach, however far beyond it.
    /// assert_eq!(goal("74")?.target_interval()?, Interval::at_least(Decimal::from(74)));
    /// // "under 10": anything below 10.
    /// assert_eq!(goal("under 10")?.target_interval()?, Interval::less_than(Decimal::from(10)));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn target_interval(&self) -> Result<Interval> {
        let v = self.target.value();
        match self.target.qualifier() {
            Qualifier::Exact | Qualifier::Rounded => Ok(Interval::at_least(v)),
            Qualifier::MoreThan => Ok(Interval::more_than(v)),
            Qualifier::LessThan => Ok(Interval::less_than(v)),
            _ => self.target.interval(&ReconcilePolicy::default()),
        }
    }

    /// Evaluates the goal against what the model measured (`None`: the model has no
    /// figure for the metric). Never panics, whatever the input.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Derived, Explanation, Goal, GoalStatus, PublishedFigure, Quantity, Ratio, Source, Unit};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let goal = Goal {
    ///     id: "intro".into(),
    ///     text: "55 prosent av deltakerne skal gå direkte ut i arbeid eller utdanning".into(),
    ///     metric: "programme.direct_transition".into(),
    ///     target: PublishedFigure::parse("55 prosent", Unit::Percent, src())?,
    ///     source: src(),
    /// };
    /// let rate = Quantity::share(Ratio::of(39, 75)?);
    /// let measured = Derived::new(rate.clone(), Explanation::input("rate", rate, src()));
    /// let e = goal.evaluate(Some(&measured))?;
    /// assert_eq!(e.status, GoalStatus::NotMet);
    /// assert_eq!(e.summary, "52 %: 3 percentage points under the target of 55 %");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`crate::Error::Overflow`] on overflow.
    pub fn evaluate(&self, measured: Option<&Derived<Quantity>>) -> Result<GoalEvaluation> {
        let target = self.target_interval()?;
        let target_leaf = Explanation::input(
            Phrase::new("target: {goal}").with("goal", Arg::verbatim(self.text.clone())),
            Quantity::interval(target, self.target.unit()),
            self.target.source().clone(),
        );
        let Some(m) = measured else {
            return Ok(GoalEvaluation {
                goal: self.id.clone(),
                status: GoalStatus::NotMeasurable,
                measured: None,
                gap: None,
                summary: Phrase::new("not measurable: the model has no figure for {metric}")
                    .with("metric", Arg::verbatim(self.metric.to_string())),
                explanation: Explanation::derived(
                    "goal",
                    Quantity::text("not measurable"),
                    Phrase::new("no figure for {metric}")
                        .with("metric", Arg::verbatim(self.metric.to_string())),
                    vec![target_leaf],
                ),
            });
        };
        let percent_target = self.target.unit() == Unit::Percent;
        let (status, gap, summary) = match (&m.value.value, m.value.unit) {
            (Value::Ratio(r), Unit::Share) if percent_target => self.judge_ratio(r, &target)?,
            (Value::Integer(n), _) => self.judge_value(Decimal::from(*n), &target, m.value.unit)?,
            (Value::Decimal(d), _) => self.judge_value(*d, &target, m.value.unit)?,
            (Value::Interval(i), unit) => {
                let i = if unit == Unit::Share && percent_target {
                    i.checked_scale(Decimal::ONE_HUNDRED)?
                } else {
                    *i
                };
                judge_interval(&i, &target)
            }
            _ => (
                GoalStatus::NotMeasurable,
                None,
                Phrase::new(
                    "not measurable: the measured {unit} cannot be compared with a target in {target_unit}",
                )
                .with("unit", Arg::verbatim(m.value.unit.name()))
                .with("target_unit", Arg::verbatim(self.target.unit().name())),
            ),
        };
        Ok(GoalEvaluation {
            goal: self.id.clone(),
            status,
            measured: Some(m.value.clone()),
            gap,
            summary: summary.clone(),
            explanation: Explanation::derived(
                "goal",
                Quantity::text(status.phrase()),
                summary,
                vec![m.explanation.clone(), target_leaf],
            ),
        })
    }

    fn judge_ratio(
        &self,
        r: &Ratio,
        target: &Interval,
    ) -> Result<(GoalStatus, Option<Gap>, Phrase)> {
        let pct = r.scale(Decimal::ONE_HUNDRED)?;
        let shown = r.percent(RoundingRule::HalfUp, 1)?.normalize();
        if target.contains_ratio(r, Decimal::ONE_HUNDRED)? {
            return Ok((
                GoalStatus::Met,
                None,
                Phrase::new("{shown} %: meets the target ({target})")
                    .with("shown", shown)
                    .with("target", Arg::verbatim(self.target.text())),
            ));
        }
        let (bound, under) = nearest_bound(target, pct.approx());
        let gap = Ratio::new(bound, Decimal::ONE)?.checked_sub(&pct)?;
        let gap_abs = if under {
            gap
        } else {
            gap.scale(Decimal::NEGATIVE_ONE)?
        };
        let g = gap_abs.round(RoundingRule::HalfUp, 1)?.normalize();
        Ok((
            GoalStatus::NotMet,
            Some(Gap {
                amount: Quantity::new(Value::Ratio(gap_abs), Unit::PercentagePoints),
                side: if under { Side::Under } else { Side::Over },
            }),
            Phrase::new(if under {
                "{shown} %: {gap} percentage points under the target of {target} %"
            } else {
                "{shown} %: {gap} percentage points over the target of {target} %"
            })
            .with("shown", shown)
            .with("gap", g)
            .with("target", bound.normalize()),
        ))
    }

    fn judge_value(
        &self,
        v: Decimal,
        target: &Interval,
        unit: Unit,
    ) -> Result<(GoalStatus, Option<Gap>, Phrase)> {
        let shown = v.normalize();
        if target.contains(v) {
            return Ok((
                GoalStatus::Met,
                None,
                Phrase::new("{shown}: meets the target ({target})")
                    .with("shown", shown)
                    .with("target", Arg::verbatim(self.target.text())),
            ));
        }
        let (bound, under) = nearest_bound(target, v);
        let gap = if under {
            dec::sub(bound, v, "goal gap")?
        } else {
            dec::sub(v, bound, "goal gap")?
        };
        Ok((
            GoalStatus::NotMet,
            Some(Gap {
                amount: Quantity::decimal(gap, unit),
                side: if under { Side::Under } else { Side::Over },
            }),
            if under {
                Phrase::new("{shown} of {target}: {gap} short")
            } else {
                Phrase::new("{shown}: {gap} over the limit of {target}")
            }
            .with("shown", shown)
            .with("target", bound.normalize())
            .with("gap", gap.normalize()),
        ))
    }
}

/// The bound of `target` nearest to a value outside it, and whether the value is under it.
fn nearest_bound(target: &Interval, v: Decimal) -> (Decimal, bool) {
    match target.lower() {
        Bound::Included(l) | Bound::Excluded(l) if v <= l => (l, true),
        _ => (target.upper().value().unwrap_or(v), false),
    }
}

fn judge_interval(i: &Interval, target: &Interval) -> (GoalStatus, Option<Gap>, Phrase) {
    let inter = i.intersect(target);
    let (status, id) = if inter.is_empty() {
        (
            GoalStatus::NotMet,
            "the model bounds the value to {value}, wholly outside the target {target}",
        )
    } else if inter == *i {
        (
            GoalStatus::Met,
            "the model bounds the value to {value}, wholly inside the target {target}",
        )
    } else {
        (
            GoalStatus::NotMeasurable,
            "the model bounds the value to {value}, partly inside the target {target}",
        )
    };
    let words = Phrase::new(id)
        .with("value", Quantity::interval(*i, Unit::None))
        .with("target", Quantity::interval(*target, Unit::None));
    (status, None, words)
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
    use proptest::prelude::*;

    fn goal(text: &str, unit: Unit) -> Goal {
        Goal {
            id: "g".into(),
            text: text.into(),
            metric: "m".into(),
            target: PublishedFigure::parse(text, unit, Source::new("t")).unwrap(),
            source: Source::new("t"),
        }
    }

    fn measured(q: Quantity) -> Derived<Quantity> {
        Derived::new(q.clone(), Explanation::input("m", q, Source::new("t")))
    }

    #[test]
    fn bodo_settlement_goal() {
        let e = goal("74", Unit::Persons)
            .evaluate(Some(&measured(Quantity::persons(41))))
            .unwrap();
        assert_eq!(e.status, GoalStatus::NotMet);
        assert_eq!(e.summary, "41 of 74: 33 short");
    }

    #[test]
    fn bounds() {
        let g = goal("Minst 55 prosent", Unit::Percent);
        let met = g
            .evaluate(Some(&measured(Quantity::interval(
                Interval::new(
                    Bound::Included(Decimal::new(705, 1)),
                    Bound::Excluded(Decimal::new(715, 1)),
                )
                .unwrap(),
                Unit::Percent,
            ))))
            .unwrap();
        assert_eq!(met.status, GoalStatus::Met);
        let cap = goal("Inntil 60", Unit::Persons);
        let over = cap
            .evaluate(Some(&measured(Quantity::persons(64))))
            .unwrap();
        assert_eq!(over.summary, "64: 4 over the limit of 60");
        let none = cap.evaluate(None).unwrap();
        assert_eq!(none.status, GoalStatus::NotMeasurable);
    }

    #[test]
    fn a_goal_to_exceed_has_no_ceiling() {
        // "over 50 prosent" as a goal is met by 90 %, though as a description of a figure
        // "over 50" would not stretch that far.
        let g = goal("over 50 prosent", Unit::Percent);
        let e = g
            .evaluate(Some(&measured(Quantity::share(Ratio::of(9, 10).unwrap()))))
            .unwrap();
        assert_eq!(e.status, GoalStatus::Met, "{}", e.summary);
        let g = goal("under 10", Unit::Persons);
        let e = g.evaluate(Some(&measured(Quantity::persons(0)))).unwrap();
        assert_eq!(e.status, GoalStatus::Met, "{}", e.summary);
        assert_eq!(g.target_interval().unwrap().to_string(), "(-∞, 10)");
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn evaluating_a_goal_never_panics(v in any::<i64>(), p in any::<i64>(), s in 0u32..10, which in 0usize..4) {
            let texts = ["minst {}", "inntil {}", "{}", "cirka {}"];
            let t = texts[which].replace("{}", &p.unsigned_abs().to_string());
            let Ok(target) = PublishedFigure::parse(&t, Unit::Persons, Source::new("t")) else { return Ok(()); };
            let g = Goal { id: "g".into(), text: t, metric: "m".into(), target, source: Source::new("t") };
            let _ = g.evaluate(Some(&measured(Quantity::persons(v))));
            let _ = g.evaluate(Some(&measured(Quantity::decimal(Decimal::new(v, s), Unit::Fte))));
            let _ = g.evaluate(Some(&measured(Quantity::text("x"))));
            if let Ok(r) = Ratio::new(Decimal::new(v, s), Decimal::from(p.unsigned_abs().max(1))) {
                let _ = g.evaluate(Some(&measured(Quantity::share(r))));
            }
        }
    }
}
