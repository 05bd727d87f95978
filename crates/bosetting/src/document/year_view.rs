//! Everything known about one municipality's year, the figures the model derives from it,
//! and checks of published figures against them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::budget::{Budget, ForecastCheck, ServiceResult};
use crate::calendar::Year;
use crate::compare;
use crate::error::{Error, Result};
use crate::explain::{Derived, Explanation, Quantity, Unit, Value};
use crate::family::Sponsor;
use crate::fund::FundLedger;
use crate::goals::{Goal, GoalStatus};
use crate::interval::Interval;
use crate::phrase::{Arg, Phrase};
use crate::programme::{Exits, Indicator, Outcome, OutcomeDefinition, ProgrammeStock};
use crate::provenance::{Fact, Source};
use crate::published::{Computed, PublishedFigure, ReconcilePolicy, Status};
use crate::ratio::Ratio;
use crate::series::{QuotaSeries, Reported};
use crate::settlement::{Category, Origin, Settled};
use crate::staffing::{Activity, Staffing, Uptake};
use crate::year::{Against, SettlementYear};

/// A rate a report prints for a group of exit outcomes ("19 prosent … arbeid").
///
/// # Example
///
/// ```
/// use bosetting::{Outcome, PublishedFigure, PublishedRate, Source, Unit};
///
/// // "19 prosent gikk direkte over i arbeid".
/// let rate = PublishedRate {
///     label: "arbeid".into(),
///     outcomes: vec![Outcome::Work],
///     figure: PublishedFigure::parse("19 prosent", Unit::Percent, Source::new("Stavanger 2017").quote("19 prosent"))?,
///     part_of_total: true,
/// };
/// assert_eq!(rate.figure.value(), 19.into());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedRate {
    /// What the rate is of ("work", "work or education").
    pub label: String,
    /// The outcomes it counts.
    pub outcomes: Vec<Outcome>,
    /// The printed rate.
    pub figure: PublishedFigure,
    /// Whether it is a part of the indicator's total (work and education are parts of
    /// "work or education"; adult primary school in Stavanger is reported apart).
    #[serde(default)]
    pub part_of_total: bool,
}

/// The introduction programme as a report describes it.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::{Exits, Indicator, Measure, Outcome, OutcomeDefinition, Programme};
///
/// let mut programme = Programme::default();
/// programme.exits = Some(Exits::new(y.period(), Measure::DirectTransition, Fact::new(57, doc()), vec![
///     (Outcome::Work, Fact::new(30, doc())),
///     (Outcome::PrimarySchool, Fact::new(10, doc())),
///     (Outcome::Unknown, Fact::new(17, doc())),
/// ])?);
/// // Bodø counts adult primary school as education.
/// programme.indicator = Some(Indicator {
///     measure: Measure::DirectTransition,
///     definition: OutcomeDefinition::work_or_education(true, doc()),
/// });
/// bodo.programme = Some(programme);
/// assert_eq!(bodo.figure(&FigureRef::ProgrammeRate)?.value.value.exact(), "40/57");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Programme {
    /// Participants as stock and flows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<ProgrammeStock>,
    /// Exits and their outcomes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exits: Option<Exits>,
    /// The indicator the report uses (measure and what counts as success).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<Indicator>,
    /// Rates the report prints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published_rates: Vec<PublishedRate>,
    /// The indicator's rate in earlier years, as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<(Year, PublishedFigure)>,
}

impl Programme {
    fn same_outcomes(a: &[Outcome], d: &OutcomeDefinition) -> bool {
        a.len() == d.outcomes.len() && a.iter().all(|o| d.includes(*o))
    }

    /// The exits with outcome counts: as given, or, when only rates are printed, derived
    /// from them where each printed rate fits exactly one whole count under `policy`
    /// (the rest of the exits recorded as not stated).
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without exits, or when a printed rate fits no count or
    /// several.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Programme, PublishedRate, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let src = |q: &str| Source::new("Stavanger årsrapport 2017").quote(q);
    /// let work = |printed: &str| -> bosetting::Result<PublishedRate> {
    ///     Ok(PublishedRate {
    ///         label: "arbeid".into(),
    ///         outcomes: vec![Outcome::Work],
    ///         figure: PublishedFigure::parse(printed, Unit::Percent, src(printed))?,
    ///         part_of_total: true,
    ///     })
    /// };
    /// // 75 left; only the rate to work is printed.
    /// let mut programme = Programme::default();
    /// programme.exits = Some(Exits::new(Year::new(2017)?.period(), Measure::DirectTransition, Fact::new(75, src("75 avsluttet")), vec![])?);
    /// programme.published_rates.push(work("19 %")?);
    ///
    /// // 19 % of 75 fits one whole count under half-up rounding: 14 (18.7 %); the other 61 are not stated.
    /// let exits = programme.exits_with_outcomes(&ReconcilePolicy::default())?.value;
    /// let counts: Vec<(Outcome, u32)> = exits.outcomes.iter().map(|(o, n)| (*o, n.value)).collect();
    /// assert_eq!(counts, [(Outcome::Work, 14), (Outcome::Unknown, 61)]);
    ///
    /// // "71 %" of 57 fits no whole count: the outcomes cannot be derived.
    /// programme.exits = Some(Exits::new(Year::new(2017)?.period(), Measure::DirectTransition, Fact::new(57, src("57 avsluttet")), vec![])?);
    /// programme.published_rates = vec![work("71 %")?];
    /// assert!(programme.exits_with_outcomes(&ReconcilePolicy::default()).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn exits_with_outcomes(&self, policy: &ReconcilePolicy) -> Result<Derived<Exits>> {
        let exits = self
            .exits
            .as_ref()
            .ok_or_else(|| Error::not_computable("programme exits", "no exits"))?;
        if !exits.outcomes.is_empty() {
            return Ok(Derived::new(
                exits.clone(),
                exits.total.explain("left the programme", Unit::Persons),
            ));
        }
        let whole = u64::from(exits.total.value);
        let mut outcomes = Vec::new();
        let mut inputs = Vec::new();
        for r in self
            .published_rates
            .iter()
            .filter(|r| r.outcomes.len() == 1)
        {
            let fit = r.figure.counts_for_share(whole, policy)?;
            let Some((lo, hi)) = fit.under(policy.rule()).filter(|(lo, hi)| lo == hi) else {
                return Err(Error::not_computable(
                    format!("exits to {}", r.label),
                    fit.explanation.to_string(),
                ));
            };
            let _ = hi;
            let n = u32::try_from(lo).map_err(|_| Error::overflow("exit count"))?;
            // The count is the only one the printed rate allows; the quote stays the
            // document's own words (the explanation says how the count was found).
            let src = r.figure.source().clone();
            inputs.push(Explanation::derived(
                Phrase::new("left to {outcome}").with("outcome", Arg::verbatim(r.label.clone())),
                Quantity::persons(n),
                fit.explanation.clone(),
                vec![
                    r.figure.explain(
                        Phrase::new("printed rate, {outcome}")
                            .with("outcome", Arg::verbatim(r.label.clone())),
                    ),
                ],
            ));
            if let Some(o) = r.outcomes.first() {
                outcomes.push((*o, Fact::new(n, src)));
            }
        }
        if outcomes.is_empty() {
            return Err(Error::not_computable(
                "exit outcomes",
                "neither counts nor single-outcome rates are given",
            ));
        }
        let e = Exits::with_unstated_remainder(
            exits.period,
            exits.measure,
            exits.total.clone(),
            outcomes,
        )?;
        let total = e.total.value;
        Ok(Derived::new(
            e,
            Explanation::derived(
                "exit outcomes derived from the printed rates",
                Quantity::persons(total),
                "each printed rate's only whole count; the rest not stated",
                inputs,
            ),
        ))
    }

    /// The indicator's rate: exact from outcome counts (given or derived from printed
    /// rates); otherwise the printed rate itself as the interval it stands for.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without an indicator, or without counts or a printed rate
    /// for it.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Programme, PublishedRate, PublishedFigure, ReconcilePolicy, Source, Unit, Year};
    ///
    /// let src = |q: &str| Source::new("Stavanger årsrapport 2017").quote(q);
    /// let work = |printed: &str| -> bosetting::Result<PublishedRate> {
    ///     Ok(PublishedRate {
    ///         label: "arbeid".into(),
    ///         outcomes: vec![Outcome::Work],
    ///         figure: PublishedFigure::parse(printed, Unit::Percent, src(printed))?,
    ///         part_of_total: true,
    ///     })
    /// };
    /// // 75 left; only the rate to work is printed.
    /// let mut programme = Programme::default();
    /// programme.exits = Some(Exits::new(Year::new(2017)?.period(), Measure::DirectTransition, Fact::new(75, src("75 avsluttet")), vec![])?);
    /// programme.published_rates.push(work("19 %")?);
    /// # use bosetting::Value;
    /// programme.indicator = Some(Indicator {
    ///     measure: Measure::DirectTransition,
    ///     definition: OutcomeDefinition::of("arbeid", &[Outcome::Work], src("overgang til arbeid")),
    /// });
    ///
    /// // The printed rate gives the count (14 of 75), and the count gives the exact rate.
    /// let policy = ReconcilePolicy::default();
    /// assert_eq!(programme.rate(&policy)?.value.value.exact(), "14/75");
    ///
    /// // Without the number of exits only the printed rate is known: the interval it stands for.
    /// programme.exits = None;
    /// assert!(matches!(programme.rate(&policy)?.value.value, Value::Interval(_)));
    ///
    /// // Without an indicator there is no rate to speak of.
    /// programme.indicator = None;
    /// assert!(programme.rate(&policy).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn rate(&self, policy: &ReconcilePolicy) -> Result<Derived<Quantity>> {
        let ind = self
            .indicator
            .as_ref()
            .ok_or_else(|| Error::not_computable("programme rate", "no indicator"))?;
        if let Ok(e) = self.exits_with_outcomes(policy) {
            let r = e.value.rate(ind)?;
            let mut ex = r.explanation;
            ex.inputs.push(e.explanation);
            return Ok(Derived::new(Quantity::share(r.value), ex));
        }
        let printed = self
            .published_rates
            .iter()
            .find(|r| Self::same_outcomes(&r.outcomes, &ind.definition))
            .ok_or_else(|| {
                Error::not_computable("programme rate", "no outcome counts and no printed rate")
            })?;
        let i = printed.figure.interval(policy)?;
        let mut why = Phrase::new(
            "no outcome counts; the printed «{printed}» taken as the interval it stands for under {rule}",
        )
        .with("printed", Arg::verbatim(printed.figure.text()))
        .with("rule", policy.rule().phrase());
        if let Some(exits) = &self.exits {
            let fit = printed
                .figure
                .counts_for_share(u64::from(exits.total.value), policy)?;
            why = Phrase::new("{why}; {fit}")
                .with("why", why)
                .with("fit", fit.explanation);
        }
        Ok(Derived::new(
            Quantity::interval(i, Unit::Percent),
            Explanation::derived(
                Phrase::new("share of exits to {outcome}")
                    .with("outcome", ind.definition.name.clone()),
                Quantity::interval(i, Unit::Percent),
                why,
                vec![printed.figure.explain("printed rate")],
            ),
        ))
    }
}

/// National figures a document quotes, per year.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::National;
/// use std::collections::BTreeMap;
///
/// let imdi = || Source::new("IMDi, bosatte 2023");
/// let y2023 = Year::new(2023)?;
/// bodo.national = National {
///     settled: BTreeMap::from([(y2023, Settled::new(y2023.period())
///         .with_total(Fact::new(33_701, imdi()))
///         .with_group("Ukraina", Fact::new(29_730, imdi())))]),
///     ..National::default()
/// };
/// let outside = bodo.figure(&FigureRef::NationalOutsideGroup { year: y2023, group: "Ukraina".into() })?;
/// assert_eq!(outside.value.value.exact(), "3971");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct National {
    /// Persons settled in Norway, with named groups.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub settled: BTreeMap<Year, Settled>,
    /// IMDi's national request (the persons municipalities are asked to settle).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub request: BTreeMap<Year, Fact<u32>>,
    /// The national settlement target.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub target: BTreeMap<Year, Fact<u32>>,
}

/// A funded project a document lists.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::Project;
///
/// for name in ["Jobbsjansen", "Ny i Bodø"] {
///     bodo.projects.push(Project { name: name.into(), organisation: "Bodø kommune".into(), source: doc() });
/// }
/// assert_eq!(bodo.figure(&FigureRef::ProjectCount)?.value.value.exact(), "2");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    /// The project's name.
    pub name: String,
    /// Who runs it.
    pub organisation: String,
    /// Where it is listed.
    pub source: Source,
}

/// A rule a document states (not a number): kept with its source so a report can cite it.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::RuleStatement;
///
/// bodo.rules.push(RuleStatement {
///     id: "fund".into(),
///     text: "surpluses of the refugee service go to the refugee fund".into(),
///     source: doc().quote("Mindreforbruk avsettes til flyktningfondet"),
/// });
/// let rule = bodo.figure(&FigureRef::Rule { id: "fund".into() })?;
/// assert_eq!(rule.value.value.exact(), "surpluses of the refugee service go to the refugee fund");
/// assert!(bodo.figure(&FigureRef::Rule { id: "other".into() }).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleStatement {
    /// A stable identifier.
    pub id: String,
    /// The rule in English.
    pub text: String,
    /// Where it is stated.
    pub source: Source,
}

/// Everything known about one municipality's year: the settlement year, the programme,
/// goals, staffing, money, the fund, the multi-year table and national figures a document
/// quotes. Figures are asked for by [`FigureRef`]; published figures are checked by
/// [`CheckSpec`].
///
/// # Example
///
/// ```
/// use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
///
/// let y = Year::new(2020)?;
/// let doc = Source::new("Bodø kommune, årsrapport 2020");
/// let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// s.decisions.push(Decision::base(74, doc.clone()));
/// s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc.clone())));
/// let my = MunicipalityYear::new(s, doc);
/// let gap = my.figure(&FigureRef::Shortfall)?;
/// assert_eq!(gap.value.value.exact(), "33");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "årsrapport")]
#[doc(alias = "tertialrapport")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MunicipalityYear {
    /// The document (or documents) modelled.
    pub document: Source,
    /// How published figures are reconciled.
    pub policy: ReconcilePolicy,
    /// Request, decisions, settled, family, housing.
    pub settlement: SettlementYear,
    /// The introduction programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<Programme>,
    /// Goals for the year.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goals: Vec<Goal>,
    /// Staffing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staffing: Vec<Staffing>,
    /// Counted activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activities: Vec<Activity>,
    /// Offers and their take-up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uptakes: Vec<Uptake>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
    /// Forecasts against outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forecasts: Vec<ForecastCheck>,
    /// The service's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_result: Option<ServiceResult>,
    /// The refugee fund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund: Option<FundLedger>,
    /// Request, decision and settled for several years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history: Option<QuotaSeries>,
    /// The same for unaccompanied minors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub history_em: Option<QuotaSeries>,
    /// National figures.
    #[serde(default, skip_serializing_if = "is_default_national")]
    pub national: National,
    /// Funded projects.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub projects: Vec<Project>,
    /// Rules stated in the document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleStatement>,
}

fn is_default_national(n: &National) -> bool {
    *n == National::default()
}

/// A figure the model can compute for a [`MunicipalityYear`]. In data files it is written as
/// `figure = "<name>"` with the arguments alongside (`year = 2023`, `group = "Ukraina"`).
///
/// # Example
///
/// ```
/// use bosetting::{FigureRef, SeriesField, Year};
///
/// // In a data file: `figure = "settlement.shortfall"`, or with its arguments alongside.
/// assert_eq!(FigureRef::Shortfall.name(), "settlement.shortfall");
/// let change = FigureRef::SeriesChange { of: SeriesField::Settled, from: Year::new(2016)?, to: Year::new(2017)? };
/// assert_eq!(change.name(), "series.change");
/// // The reference lists every figure with its arguments.
/// assert!(FigureRef::catalogue().iter().any(|f| f.name == "national.group_share" && f.args.len() == 2));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "figure", deny_unknown_fields)]
#[non_exhaustive]
pub enum FigureRef {
    /// Places decided (in force).
    #[serde(rename = "settlement.decided")]
    Decided,
    /// EM places decided.
    #[serde(rename = "settlement.decided_em")]
    DecidedEm,
    /// Ordinary places decided (decided − EM).
    #[serde(rename = "settlement.decided_ordinary")]
    DecidedOrdinary,
    /// Persons settled.
    #[serde(rename = "settlement.settled")]
    Settled,
    /// Persons settled on the ordinary quota.
    #[serde(rename = "settlement.settled_ordinary")]
    SettledOrdinary,
    /// EM settled.
    #[serde(rename = "settlement.settled_em")]
    SettledEm,
    /// Decided − settled.
    #[serde(rename = "settlement.shortfall")]
    Shortfall,
    /// Settled / decision, request or original request.
    #[serde(rename = "settlement.fulfilment")]
    Fulfilment {
        /// Against what (default: the decision).
        #[serde(default = "default_against")]
        against: Against,
    },
    /// Ordinary settled / ordinary places.
    #[serde(rename = "settlement.fulfilment_ordinary")]
    FulfilmentOrdinary,
    /// EM settled / EM places.
    #[serde(rename = "settlement.fulfilment_em")]
    FulfilmentEm,
    /// Settled + family-reunified.
    #[serde(rename = "settlement.with_family")]
    WithFamily,
    /// Settled − the even pace at the end of the settled period.
    #[serde(rename = "settlement.pace")]
    Pace,
    /// Settled / decided at the end of the settled period.
    #[serde(rename = "settlement.pace_share")]
    PaceShare,
    /// What an even pace would have settled by then.
    #[serde(rename = "settlement.even_pace")]
    EvenPace,
    /// The sum of a category's origin counts.
    #[serde(rename = "settlement.origin_sum")]
    OriginSum {
        /// The category.
        category: Category,
    },
    /// Persons settled from an origin.
    #[serde(rename = "settlement.from")]
    From {
        /// The origin.
        origin: Origin,
    },
    /// IMDi's current request.
    #[serde(rename = "request.current")]
    RequestCurrent,
    /// IMDi's original request.
    #[serde(rename = "request.original")]
    RequestOriginal,
    /// IMDi's current EM request.
    #[serde(rename = "request.em")]
    RequestEm,
    /// Current − original request.
    #[serde(rename = "request.revision")]
    RequestRevision,
    /// Decided / current request.
    #[serde(rename = "decision.share_of_request")]
    DecisionShareOfRequest,
    /// Decided EM / requested EM.
    #[serde(rename = "decision.em_share_of_request")]
    DecisionEmShareOfRequest,
    /// Family-reunified persons (exact or bounded).
    #[serde(rename = "family.persons")]
    FamilyPersons,
    /// Family cases.
    #[serde(rename = "family.families")]
    Families,
    /// Share of family cases joining a kind of sponsor.
    #[serde(rename = "family.share_joining")]
    FamilyShareJoining {
        /// The sponsor.
        sponsor: Sponsor,
    },
    /// Dwellings.
    #[serde(rename = "housing.dwellings")]
    Dwellings,
    /// Private contracts (agreed self-settlement included).
    #[serde(rename = "housing.private_contracts")]
    PrivateContracts,
    /// Persons the housing can carry.
    #[serde(rename = "housing.capacity")]
    HousingCapacity,
    /// Current request − capacity.
    #[serde(rename = "housing.capacity_gap")]
    CapacityGap,
    /// Exits from the programme.
    #[serde(rename = "programme.exits")]
    ProgrammeExits,
    /// Exits with an outcome the indicator counts.
    #[serde(rename = "programme.count")]
    ProgrammeCount,
    /// The indicator's rate.
    #[serde(rename = "programme.rate")]
    ProgrammeRate,
    /// Persons who took part in the period (exact or bounded).
    #[serde(rename = "programme.participated")]
    ProgrammeParticipated,
    /// Participants at the end of the period.
    #[serde(rename = "programme.at_end")]
    ProgrammeAtEnd,
    /// Participating or waiting at the end of the period.
    #[serde(rename = "programme.at_end_or_waiting")]
    ProgrammeAtEndOrWaiting,
    /// Which counts a printed rate fits (the check's published figure), out of the exits.
    #[serde(rename = "programme.count_fit")]
    ProgrammeCountFit,
    /// Whether printed part rates can sum to the printed total (the check's published
    /// figures: the parts, then the total).
    #[serde(rename = "programme.decomposition")]
    ProgrammeDecomposition,
    /// Change of the indicator's rate since an earlier year, in percentage points.
    #[serde(rename = "programme.trend")]
    ProgrammeTrend {
        /// The earlier year.
        since: Year,
    },
    /// A goal's evaluation.
    #[serde(rename = "goal")]
    Goal {
        /// The goal's id.
        id: String,
    },
    /// Permanent FTE of a unit in a year.
    #[serde(rename = "staffing.permanent")]
    StaffingPermanent {
        /// The unit.
        unit: String,
        /// The year.
        year: Year,
    },
    /// Change in permanent FTE between two years.
    #[serde(rename = "staffing.change")]
    StaffingChange {
        /// The unit.
        unit: String,
        /// The earlier year.
        from: Year,
        /// The later year.
        to: Year,
    },
    /// Relative change in permanent FTE between two years.
    #[serde(rename = "staffing.change_relative")]
    StaffingChangeRelative {
        /// The unit.
        unit: String,
        /// The earlier year.
        from: Year,
        /// The later year.
        to: Year,
    },
    /// A counted activity.
    #[serde(rename = "activity")]
    Activity {
        /// The activity's id.
        id: String,
    },
    /// Persons or families accepting an offer.
    #[serde(rename = "uptake.accepted")]
    UptakeAccepted {
        /// The offer's label.
        label: String,
    },
    /// Accepted + declined.
    #[serde(rename = "uptake.offered")]
    UptakeOffered {
        /// The offer's label.
        label: String,
    },
    /// Accepted / offered.
    #[serde(rename = "uptake.acceptance")]
    UptakeAcceptance {
        /// The offer's label.
        label: String,
    },
    /// The original budget frame.
    #[serde(rename = "budget.original")]
    BudgetOriginal,
    /// The revised budget frame.
    #[serde(rename = "budget.revised")]
    BudgetRevised,
    /// The budget result (positive: underspend).
    #[serde(rename = "budget.result")]
    BudgetResult,
    /// Actual spending.
    #[serde(rename = "budget.actual")]
    BudgetActual,
    /// Actual / revised frame.
    #[serde(rename = "budget.consumption")]
    BudgetConsumption,
    /// A printed consumption percentage (the check's published figure) against the frame
    /// and result as the intervals they stand for.
    #[serde(rename = "budget.consumption_check")]
    BudgetConsumptionCheck,
    /// A forecast (stated or derived from the stated deviation).
    #[serde(rename = "forecast")]
    Forecast {
        /// What was forecast.
        what: String,
    },
    /// Outcome − forecast.
    #[serde(rename = "forecast.deviation")]
    ForecastDeviation {
        /// What was forecast.
        what: String,
    },
    /// The service's result before fund transfers.
    #[serde(rename = "service.before_transfers")]
    ServiceBeforeTransfers,
    /// The service's result after fund transfers.
    #[serde(rename = "service.after_transfers")]
    ServiceAfterTransfers,
    /// Net transfers from the refugee fund into the service.
    #[serde(rename = "service.fund_transfers")]
    ServiceFundTransfers,
    /// The fund balance at a date.
    #[serde(rename = "fund.balance")]
    FundBalance {
        /// The date.
        #[serde(deserialize_with = "crate::serde_date::date")]
        date: NaiveDate,
    },
    /// Persons settled in Norway in a year.
    #[serde(rename = "national.settled")]
    NationalSettled {
        /// The year.
        year: Year,
    },
    /// Persons of a group settled in Norway.
    #[serde(rename = "national.group")]
    NationalGroup {
        /// The year.
        year: Year,
        /// The group.
        group: String,
    },
    /// The share of a group.
    #[serde(rename = "national.group_share")]
    NationalGroupShare {
        /// The year.
        year: Year,
        /// The group.
        group: String,
    },
    /// Settled outside a group.
    #[serde(rename = "national.outside_group")]
    NationalOutsideGroup {
        /// The year.
        year: Year,
        /// The group.
        group: String,
    },
    /// Settled in `year` as a multiple of settled in `of`.
    #[serde(rename = "national.multiple")]
    NationalMultiple {
        /// The year.
        year: Year,
        /// The year compared with.
        of: Year,
    },
    /// IMDi's national request.
    #[serde(rename = "national.request")]
    NationalRequest {
        /// The year.
        year: Year,
    },
    /// The national request for `year` relative to the persons settled in `settled_in`.
    #[serde(rename = "national.request_change")]
    NationalRequestChange {
        /// The request's year.
        year: Year,
        /// The year of settlement compared with.
        settled_in: Year,
    },
    /// The national settlement target.
    #[serde(rename = "national.target")]
    NationalTarget {
        /// The year.
        year: Year,
    },
    /// A figure of the multi-year table.
    #[serde(rename = "series")]
    Series {
        /// Which figure.
        of: SeriesField,
        /// The year.
        year: Year,
        /// From the table for unaccompanied minors.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        em: bool,
    },
    /// A figure of the multi-year table as a share of the same year's current request.
    #[serde(rename = "series.share_of_request")]
    SeriesShareOfRequest {
        /// Which figure.
        of: SeriesField,
        /// The year.
        year: Year,
    },
    /// How a figure was revised within its year: the figure in force − the original.
    #[serde(rename = "series.revision")]
    SeriesRevision {
        /// `request` or `decision`.
        of: SeriesField,
        /// The year.
        year: Year,
    },
    /// Change of a figure of the multi-year table between two years.
    #[serde(rename = "series.change")]
    SeriesChange {
        /// Which figure.
        of: SeriesField,
        /// The earlier year.
        from: Year,
        /// The later year.
        to: Year,
    },
    /// Relative change of a figure of the multi-year table between two years.
    #[serde(rename = "series.change_relative")]
    SeriesChangeRelative {
        /// Which figure.
        of: SeriesField,
        /// The earlier year.
        from: Year,
        /// The later year.
        to: Year,
    },
    /// The number of projects listed.
    #[serde(rename = "projects.count")]
    ProjectCount,
    /// A rule the document states.
    #[serde(rename = "rule")]
    Rule {
        /// The rule's id.
        id: String,
    },
}

fn default_against() -> Against {
    Against::Decision
}

/// A column of the multi-year table.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::{QuotaSeries, Reported, SeriesField, YearQuota};
///
/// let mut history = QuotaSeries::new(Some("1804".parse()?), "Bodø");
/// history.years.insert(y, YearQuota {
///     original_request: Some(Reported::Value(74)),
///     request: Some(Reported::Value(48)),
///     ..YearQuota::default()
/// });
/// bodo.history = Some(history);
/// // IMDi revised its request from 74 to 48.
/// let revision = bodo.figure(&FigureRef::SeriesRevision { of: SeriesField::Request, year: y })?;
/// assert_eq!(revision.value.value.exact(), "-26");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SeriesField {
    /// The original request.
    OriginalRequest,
    /// The current request.
    Request,
    /// The decision before a replacement.
    OriginalDecision,
    /// The decision in force.
    Decision,
    /// Persons settled.
    Settled,
}

/// Whether a check's figure is a fact fed into the model or a figure it derives.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::{CheckKind, CheckSpec, PublishedFigure, Status, Unit};
///
/// let spec = |kind, figure, printed: &str| -> bosetting::Result<CheckSpec> {
///     Ok(CheckSpec {
///         id: "bodo20".into(), label: "Bodø 2020".into(), figure, kind,
///         published: vec![PublishedFigure::parse(printed, Unit::Persons, doc().quote("bosatte 41"))?],
///         verdict: None, expect: None,
///     })
/// };
///
/// // The settled count is read from the document: an input, shown with its source.
/// assert_eq!(bodo.check(&spec(CheckKind::Input, FigureRef::Settled, "41")?)?.status, Status::Input);
/// // The shortfall is derived and compared.
/// assert_eq!(bodo.check(&spec(CheckKind::Derived, FigureRef::Shortfall, "33")?)?.status, Status::Reproduced);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum CheckKind {
    /// Derived by the model and compared with the published figure.
    #[default]
    Derived,
    /// An input: shown with its source, status `input`.
    Input,
}

/// A published figure to check: which model figure it is, and what the document printed.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::{CheckKind, CheckSpec, PublishedFigure, Status, Unit};
///
/// // In a facts file: `[[check]]` with `figure = "settlement.shortfall"`, `published = "33"`.
/// let spec = CheckSpec {
///     id: "bodo20.shortfall".into(),
///     label: "Vedtaksplasser som ikke ble fylt".into(),
///     figure: FigureRef::Shortfall,
///     kind: CheckKind::Derived,
///     published: vec![PublishedFigure::parse("33", Unit::Persons, doc().quote("33 færre enn vedtatt"))?],
///     verdict: None,
///     expect: Some(Status::Reproduced),
/// };
/// let result = bodo.check(&spec)?;
/// assert!(result.is_as_expected());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckSpec {
    /// A stable identifier (a ledger id such as `bodo20.shortfall`).
    pub id: String,
    /// What the figure is, in the report's language.
    pub label: String,
    /// The model figure.
    #[serde(flatten)]
    pub figure: FigureRef,
    /// Input or derived.
    #[serde(default)]
    pub kind: CheckKind,
    /// What the document printed (several for a decomposition: the parts, then the total).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<PublishedFigure>,
    /// For a goal: the verdict the document implies ("met", "not met").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<GoalStatus>,
    /// The status the ledger expects; a different status is a failed reproduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
}

/// A checked figure: what the model computed, what was printed, the status and why.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::{Against, CheckKind, CheckSpec, PublishedFigure, Status, Unit};
///
/// let spec = CheckSpec {
///     id: "bodo20.fulfilment".into(),
///     label: "Bosatte i prosent av vedtaket".into(),
///     figure: FigureRef::Fulfilment { against: Against::Decision },
///     kind: CheckKind::Derived,
///     published: vec![PublishedFigure::parse("55,4 %", Unit::Percent, doc().quote("55,4 %"))?],
///     verdict: None,
///     expect: Some(Status::Reproduced),
/// };
/// let result = bodo.check(&spec)?;
/// // What the model computed, exactly; what was printed; the status and why.
/// assert_eq!(result.value.value.exact(), "41/74");
/// assert_eq!(result.published[0].text(), "55,4 %");
/// assert_eq!(result.status, Status::Reproduced);
/// assert!(result.is_as_expected());
/// assert!(!result.explanation.inputs.is_empty());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CheckResult {
    /// The check's id.
    pub id: String,
    /// What the figure is.
    pub label: String,
    /// The model's value.
    pub value: Quantity,
    /// What the document printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub published: Vec<PublishedFigure>,
    /// Input, reproduced, consistent or inconsistent.
    pub status: Status,
    /// The reconciliation in words (for an input, what was fed in).
    pub reconciliation: Phrase,
    /// The model's explanation tree.
    pub explanation: Explanation,
    /// The status the ledger expects, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Status>,
    /// For a relation (a table's total, a stated sum, share or change): the verdict as data,
    /// so that a report can say it in its own language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<crate::document::RelationVerdict>,
}

impl CheckResult {
    /// Whether the status is the expected one (or nothing is expected).
    pub fn is_as_expected(&self) -> bool {
        self.expected.is_none_or(|e| e == self.status)
    }

    /// The old name of [`CheckResult::is_as_expected`] (a predicate is named `is_`).
    #[deprecated(since = "0.2.0", note = "renamed is_as_expected")]
    pub fn as_expected(&self) -> bool {
        self.is_as_expected()
    }
}

/// Places from `min` to `max`, less `less` (EM places) each, as an exact count or an interval.
fn places_quantity(min: u32, max: u32, less: u32) -> Result<Quantity> {
    let lo = min.saturating_sub(less);
    let hi = max.checked_sub(less).ok_or_else(|| {
        Error::invalid(
            "decision",
            max,
            format!("the EM part ({less}) is larger than the places decided"),
        )
    })?;
    Ok(if lo == hi {
        Quantity::persons(i64::from(lo))
    } else {
        Quantity::interval(
            Interval::closed(Decimal::from(lo), Decimal::from(hi))?,
            Unit::Persons,
        )
    })
}

fn q_count(d: Derived<u32>, unit: Unit) -> Derived<Quantity> {
    Derived::new(Quantity::count(d.value, unit), d.explanation)
}

fn q_share(d: Derived<Ratio>) -> Derived<Quantity> {
    Derived::new(Quantity::share(d.value), d.explanation)
}

fn q_money(d: Derived<crate::money::Money>) -> Derived<Quantity> {
    Derived::new(Quantity::money(d.value), d.explanation)
}

fn q_dec(d: Derived<Decimal>, unit: Unit) -> Derived<Quantity> {
    Derived::new(Quantity::decimal(d.value, unit), d.explanation)
}

fn q_interval(d: Derived<Interval>, unit: Unit) -> Derived<Quantity> {
    let q = match d.value.as_point() {
        Some(p) => Quantity::decimal(p, unit),
        None => Quantity::interval(d.value, unit),
    };
    Derived::new(q, d.explanation)
}

impl MunicipalityYear {
    /// A year with only the settlement part; the rest can be filled in field by field.
    pub fn new(settlement: SettlementYear, document: Source) -> MunicipalityYear {
        MunicipalityYear {
            document,
            policy: ReconcilePolicy::default(),
            settlement,
            programme: None,
            goals: Vec::new(),
            staffing: Vec::new(),
            activities: Vec::new(),
            uptakes: Vec::new(),
            budget: None,
            forecasts: Vec::new(),
            service_result: None,
            fund: None,
            history: None,
            history_em: None,
            national: National::default(),
            projects: Vec::new(),
            rules: Vec::new(),
        }
    }

    /// Checks every part.
    ///
    /// # Errors
    ///
    /// The first validation error of any part.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
    /// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
    /// # let y = Year::new(2020)?;
    /// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
    /// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
    /// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
    /// # let mut bodo = MunicipalityYear::new(s, doc());
    /// use bosetting::{Exits, Measure, Outcome, Programme};
    ///
    /// assert!(bodo.validate().is_ok());
    ///
    /// // Exits written in through their public fields, with outcomes that do not add up.
    /// let mut programme = Programme::default();
    /// programme.exits = Some(Exits {
    ///     period: y.period(),
    ///     measure: Measure::DirectTransition,
    ///     total: Fact::new(57, doc()),
    ///     outcomes: vec![(Outcome::Work, Fact::new(30, doc())), (Outcome::Unknown, Fact::new(20, doc()))],
    /// });
    /// bodo.programme = Some(programme);
    /// assert!(matches!(bodo.validate(), Err(bosetting::Error::SumMismatch { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.settlement.validate()?;
        if let Some(p) = &self.programme {
            if let Some(s) = &p.stock {
                s.validate()?;
            }
            if let Some(e) = &p.exits {
                e.validate()?;
            }
        }
        if let Some(b) = &self.budget {
            b.validate(&self.policy)?;
        }
        for u in &self.uptakes {
            u.validate()?;
        }
        for (y, s) in &self.national.settled {
            s.validate()?;
            if !y.period().covers(s.period) {
                return Err(Error::invalid(
                    "national settled period",
                    s.period,
                    format!("it is not inside {y}"),
                ));
            }
        }
        let mut ids = std::collections::BTreeSet::new();
        for g in &self.goals {
            if !ids.insert(g.id.as_str()) {
                return Err(Error::invalid("goal id", &g.id, "used twice"));
            }
        }
        Ok(())
    }

    fn programme(&self) -> Result<&Programme> {
        self.programme
            .as_ref()
            .ok_or_else(|| Error::not_computable("programme figures", "no programme"))
    }

    fn budget(&self) -> Result<&Budget> {
        self.budget
            .as_ref()
            .ok_or_else(|| Error::not_computable("budget figures", "no budget"))
    }

    fn service(&self) -> Result<&ServiceResult> {
        self.service_result
            .as_ref()
            .ok_or_else(|| Error::not_computable("service result", "no service result"))
    }

    /// A stated figure as the model knows it: exactly if it was printed exactly, otherwise
    /// as the interval its printed precision stands for.
    fn as_known(
        &self,
        stated: Option<&PublishedFigure>,
        d: Derived<Quantity>,
    ) -> Result<Derived<Quantity>> {
        let Some(fig) = stated.filter(|f| f.qualifier() != crate::published::Qualifier::Exact)
        else {
            return Ok(d);
        };
        let i = fig.interval(&self.policy)?;
        let q = Quantity::interval(i, fig.unit());
        Ok(Derived::new(
            q.clone(),
            Explanation::derived(
                d.explanation.label.clone(),
                q,
                Phrase::new(
                    "known only to its printed precision: «{printed}» stands for {interval} under {rule}",
                )
                .with("printed", Arg::verbatim(fig.text()))
                .with("interval", Quantity::interval(i, fig.unit()))
                .with("rule", self.policy.rule().phrase()),
                vec![d.explanation],
            ),
        ))
    }

    fn history(&self, em: bool) -> Result<&QuotaSeries> {
        let h = if em { &self.history_em } else { &self.history };
        h.as_ref().ok_or_else(|| {
            let (other, what) = if em {
                (
                    &self.history,
                    "no multi-year table for unaccompanied minors",
                )
            } else {
                (&self.history_em, "no multi-year table for all categories")
            };
            let hint = if other.is_some() {
                if em {
                    "; the file has one for all categories (leave out em = true)"
                } else {
                    "; the file has one for unaccompanied minors only (ask with em = true)"
                }
            } else {
                ""
            };
            Error::not_computable("multi-year figures", format!("{what}{hint}"))
        })
    }

    fn national_settled(&self, year: Year) -> Result<&Settled> {
        self.national.settled.get(&year).ok_or_else(|| {
            Error::not_computable(
                format!("national figures {year}"),
                "no national settled count",
            )
        })
    }

    fn staffing_in<'a>(
        &'a self,
        ix: Option<&StaffingIndex<'a>>,
        unit: &str,
        year: Year,
    ) -> Result<&'a Staffing> {
        let found = match ix {
            Some(ix) => ix.staffing.get(&(unit, year)).copied(),
            None => self
                .staffing
                .iter()
                .find(|s| s.unit == unit && s.year == year),
        };
        found.ok_or_else(|| {
            Error::not_computable(format!("staffing of {unit} in {year}"), "not given")
        })
    }

    fn uptake(&self, label: &str) -> Result<&Uptake> {
        self.uptakes
            .iter()
            .find(|u| u.label == label)
            .ok_or_else(|| Error::not_computable(format!("uptake {label:?}"), "not given"))
    }

    fn forecast(&self, what: &str) -> Result<&ForecastCheck> {
        self.forecasts
            .iter()
            .find(|f| f.what == what)
            .ok_or_else(|| Error::not_computable(format!("forecast {what:?}"), "not given"))
    }

    fn series_value(&self, of: SeriesField, year: Year, em: bool) -> Result<Derived<u32>> {
        let h = self.history(em)?;
        let q = h.years.get(&year).ok_or_else(|| {
            Error::not_computable(format!("{} {year}", h.name), "no figures for that year")
        })?;
        let cell = match of {
            SeriesField::OriginalRequest => q.original_request,
            SeriesField::Request => q.request,
            SeriesField::OriginalDecision => q.original_decision,
            SeriesField::Decision => q.decision,
            SeriesField::Settled => q.settled,
        };
        let label = format!(
            "{}{} {year}",
            series_name(of),
            if em { " (EM)" } else { "" }
        );
        let v = match cell {
            Some(Reported::Value(v)) => v,
            Some(r) => {
                return Err(Error::not_computable(
                    label,
                    format!("the table has no figure ({r:?})"),
                ));
            }
            None => return Err(Error::not_computable(label, "not in the table")),
        };
        let src = h.source.clone().unwrap_or_else(|| self.document.clone());
        let words = Phrase::new(if em {
            "{series} (EM) {year}"
        } else {
            "{series} {year}"
        })
        .with("series", Phrase::new(series_name(of)))
        .with("year", year);
        Ok(Derived::new(
            v,
            Explanation::input(words, Quantity::persons(v), src),
        ))
    }

    /// Computes a figure.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] when the year lacks what the figure needs (reports leave such
    /// figures out); other errors when the inputs are invalid.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
    /// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
    /// # let y = Year::new(2020)?;
    /// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
    /// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
    /// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
    /// # let mut bodo = MunicipalityYear::new(s, doc());
    /// use bosetting::Against;
    ///
    /// let fulfilment = bodo.figure(&FigureRef::Fulfilment { against: Against::Decision })?;
    /// assert_eq!(fulfilment.value.value.exact(), "41/74");
    /// // The year has no budget: the figure cannot be computed (a report leaves it out).
    /// assert!(matches!(bodo.figure(&FigureRef::BudgetResult), Err(bosetting::Error::NotComputable { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn figure(&self, f: &FigureRef) -> Result<Derived<Quantity>> {
        self.figure_in(f, None)
    }

    /// Lookups built once for computing many figures or checks of this year: use
    /// [`IndexedYear::figure`] and [`IndexedYear::check`] in a loop over the year's rows
    /// (each staffing row, each check) rather than [`MunicipalityYear::figure`], which
    /// searches the rows for each figure.
    pub fn indexed(&self) -> IndexedYear<'_> {
        let mut staffing = BTreeMap::new();
        for st in &self.staffing {
            // The first row of a unit and year is the one a figure reads, as unindexed.
            staffing.entry((st.unit.as_str(), st.year)).or_insert(st);
        }
        IndexedYear {
            year: self,
            ix: StaffingIndex { staffing },
        }
    }

    fn figure_in(
        &self,
        f: &FigureRef,
        ix: Option<&StaffingIndex<'_>>,
    ) -> Result<Derived<Quantity>> {
        // A share of nothing is not a figure: that one figure is not computable (and a
        // report leaves it out), rather than an error that stops everything else.
        self.figure_unmapped(f, ix).map_err(|e| match e {
            Error::DivisionByZero { operation } => Error::not_computable(
                operation,
                "its denominator is zero, so the share or ratio is not defined",
            ),
            other => other,
        })
    }

    fn figure_unmapped(
        &self,
        f: &FigureRef,
        ix: Option<&StaffingIndex<'_>>,
    ) -> Result<Derived<Quantity>> {
        let s = &self.settlement;
        let p = &self.policy;
        Ok(match f {
            // A bounded decision ("inntil 700") is the interval of places it allows, and so
            // is everything computed from it: never its upper bound dressed as exact.
            FigureRef::Decided => {
                let d = s.decided()?;
                let q = places_quantity(d.value.places.min(), d.value.places.max(), 0)?;
                Derived::new(q, d.explanation)
            }
            FigureRef::DecidedEm => q_count(s.decided_em()?, Unit::Persons),
            FigureRef::DecidedOrdinary => {
                let d = s.decided()?;
                let em = s.decided_em()?;
                let o = s.decided_ordinary()?;
                let q = places_quantity(d.value.places.min(), d.value.places.max(), em.value)?;
                Derived::new(
                    q.clone(),
                    Explanation::derived(
                        o.explanation.label,
                        q,
                        "decided − EM places",
                        o.explanation.inputs,
                    ),
                )
            }
            FigureRef::Settled => q_count(s.settled_total()?, Unit::Persons),
            FigureRef::SettledOrdinary => q_count(settled(s)?.ordinary_total()?, Unit::Persons),
            FigureRef::SettledEm => q_count(settled(s)?.em_total()?, Unit::Persons),
            FigureRef::Shortfall => {
                let d = s.shortfall()?;
                let places = s.decided()?.value.places;
                if places.min() == places.max() {
                    Derived::new(Quantity::persons(d.value), d.explanation)
                } else {
                    let settled = i64::from(s.settled_total()?.value);
                    let lo = Decimal::from(i64::from(places.min()).saturating_sub(settled));
                    let hi = Decimal::from(i64::from(places.max()).saturating_sub(settled));
                    let q = Quantity::interval(Interval::closed(lo, hi)?, Unit::Persons);
                    Derived::new(
                        q.clone(),
                        Explanation::derived(
                            d.explanation.label,
                            q,
                            "decided − settled, over the places the decision allows",
                            d.explanation.inputs,
                        ),
                    )
                }
            }
            FigureRef::Fulfilment { against } => q_share(s.fulfilment(*against)?),
            FigureRef::FulfilmentOrdinary => q_share(s.ordinary_fulfilment()?),
            FigureRef::FulfilmentEm => q_share(s.em_fulfilment()?),
            FigureRef::WithFamily => q_count(s.total_with_family()?, Unit::Persons),
            FigureRef::Pace => {
                let d = s.pace()?;
                Derived::new(
                    Quantity::new(Value::Ratio(d.value.ahead_by), Unit::Persons),
                    d.explanation,
                )
            }
            FigureRef::PaceShare => {
                let d = s.pace()?;
                let r = d.value.share_of_decision;
                Derived::new(
                    Quantity::share(r),
                    Explanation::derived(
                        "settled as a share of the decision",
                        Quantity::share(r),
                        "settled / decided",
                        d.explanation.inputs,
                    ),
                )
            }
            FigureRef::EvenPace => {
                let d = s.pace()?;
                let e = d.value.expected;
                Derived::new(
                    Quantity::new(Value::Ratio(e), Unit::Persons),
                    Explanation::derived(
                        "settled at an even pace",
                        Quantity::new(Value::Ratio(e), Unit::Persons),
                        d.explanation
                            .formula
                            .unwrap_or(Phrase::new("settled / decided")),
                        d.explanation.inputs,
                    ),
                )
            }
            FigureRef::OriginSum { category } => {
                q_count(settled(s)?.origin_sum(*category)?, Unit::Persons)
            }
            FigureRef::From { origin } => {
                q_count(settled(s)?.origin_total(*origin)?, Unit::Persons)
            }
            FigureRef::RequestCurrent => q_count(s.current_request()?, Unit::Persons),
            FigureRef::RequestOriginal => q_count(s.original_request()?, Unit::Persons),
            FigureRef::RequestEm => {
                let r = s
                    .request
                    .as_ref()
                    .ok_or_else(|| Error::not_computable("EM request", "no request"))?;
                let v = r
                    .current_em()
                    .ok_or_else(|| Error::not_computable("EM request", "no EM part"))?;
                Derived::new(Quantity::persons(v), r.explain_current_em()?)
            }
            FigureRef::RequestRevision => q_dec(s.request_revision()?, Unit::Persons),
            FigureRef::DecisionShareOfRequest => q_share(s.decision_share_of_request()?),
            FigureRef::DecisionEmShareOfRequest => {
                let em = s.decided_em()?;
                let req = self.figure(&FigureRef::RequestEm)?;
                let rv = match req.value.value {
                    Value::Integer(n) => u32::try_from(n).unwrap_or(0),
                    _ => 0,
                };
                let r = Derived::new(rv, req.explanation);
                q_share(compare::share(
                    "EM decided as a share of the EM request",
                    &em,
                    &r,
                    "EM places decided / EM requested",
                )?)
            }
            FigureRef::FamilyPersons => q_interval(family(s)?.persons_bound()?, Unit::Persons),
            FigureRef::Families => {
                let f = family(s)?
                    .families
                    .as_ref()
                    .ok_or_else(|| Error::not_computable("families", "no family count"))?;
                Derived::new(
                    Quantity::count(f.value, Unit::Families),
                    f.explain("family cases", Unit::Families),
                )
            }
            FigureRef::FamilyShareJoining { sponsor } => {
                q_share(family(s)?.share_joining(*sponsor)?)
            }
            FigureRef::Dwellings => q_count(housing(s)?.total_dwellings()?, Unit::Dwellings),
            FigureRef::PrivateContracts => {
                q_count(housing(s)?.private_contracts()?, Unit::Dwellings)
            }
            FigureRef::HousingCapacity => q_dec(housing(s)?.capacity()?, Unit::Persons),
            FigureRef::CapacityGap => q_dec(s.capacity_gap()?, Unit::Persons),
            FigureRef::ProgrammeExits => {
                let e = self
                    .programme()?
                    .exits
                    .as_ref()
                    .ok_or_else(|| Error::not_computable("programme exits", "no exits"))?;
                q_count(e.total(), Unit::Persons)
            }
            FigureRef::ProgrammeCount => {
                let prog = self.programme()?;
                let ind = prog
                    .indicator
                    .as_ref()
                    .ok_or_else(|| Error::not_computable("programme count", "no indicator"))?;
                let e = prog.exits_with_outcomes(p)?;
                let mut c = e.value.count(&ind.definition)?;
                c.explanation.inputs.push(e.explanation);
                q_count(c, Unit::Persons)
            }
            FigureRef::ProgrammeRate => self.programme()?.rate(p)?,
            FigureRef::ProgrammeParticipated => {
                q_interval(stock(self)?.participated()?, Unit::Persons)
            }
            FigureRef::ProgrammeAtEnd => q_count(stock(self)?.at_end()?, Unit::Persons),
            FigureRef::ProgrammeAtEndOrWaiting => {
                let f = stock(self)?.at_end_or_waiting.as_ref().ok_or_else(|| {
                    Error::not_computable("participating or waiting", "not given")
                })?;
                Derived::new(
                    Quantity::persons(f.value),
                    f.explain("participating or waiting to start", Unit::Persons),
                )
            }
            FigureRef::ProgrammeTrend { since } => {
                let prog = self.programme()?;
                let (_, earlier) =
                    prog.earlier
                        .iter()
                        .find(|(y, _)| y == since)
                        .ok_or_else(|| {
                            Error::not_computable(format!("rate in {since}"), "not given")
                        })?;
                let now = prog.rate(p)?;
                match now.value.value {
                    Value::Ratio(r) => {
                        let then = Derived::new(
                            Ratio::from_percent(earlier.value()),
                            earlier.explain(
                                Phrase::new("rate {year}, as printed").with("year", *since),
                            ),
                        );
                        let pts = compare::points(
                            Phrase::new("change in the rate since {year}").with("year", *since),
                            &then,
                            &Derived::new(r, now.explanation),
                        )?;
                        Derived::new(
                            Quantity::new(Value::Ratio(pts.value), Unit::PercentagePoints),
                            pts.explanation,
                        )
                    }
                    // A rate known only as printed: the change is an interval, the current
                    // rate's interval less the earlier printed rate's.
                    Value::Interval(i) => {
                        let then = earlier.interval(p)?;
                        let change = i.checked_sub(&then)?;
                        let q = Quantity::interval(change, Unit::PercentagePoints);
                        Derived::new(
                            q.clone(),
                            Explanation::derived(
                                Phrase::new("change in the rate since {year}").with("year", *since),
                                q,
                                Phrase::new(
                                    "the rate now ({now}) less the printed rate in {year} («{printed}», {then})",
                                )
                                .with("now", Quantity::interval(i, Unit::Percent))
                                .with("year", *since)
                                .with("printed", Arg::verbatim(earlier.text()))
                                .with("then", Quantity::interval(then, Unit::Percent)),
                                vec![
                                    now.explanation,
                                    earlier.explain(
                                        Phrase::new("rate {year}, as printed").with("year", *since),
                                    ),
                                ],
                            ),
                        )
                    }
                    _ => {
                        return Err(Error::not_computable(
                            "programme trend",
                            "the current rate is neither counted nor printed",
                        ));
                    }
                }
            }
            FigureRef::ProgrammeCountFit
            | FigureRef::ProgrammeDecomposition
            | FigureRef::BudgetConsumptionCheck => {
                return Err(Error::not_computable(
                    "check-only figure",
                    "this figure is computed against a published figure; use MunicipalityYear::check",
                ));
            }
            FigureRef::Goal { id } => {
                let e = self.evaluate_goal(id)?;
                Derived::new(Quantity::text(e.summary.clone()), e.explanation)
            }
            FigureRef::StaffingPermanent { unit, year } => {
                let st = self.staffing_in(ix, unit, *year)?;
                let f = st.permanent.as_ref().ok_or_else(|| {
                    Error::not_computable(format!("permanent FTE of {unit}"), "not given")
                })?;
                Derived::new(
                    Quantity::decimal(f.value, Unit::Fte),
                    f.explain(
                        Phrase::new("permanent FTE, {unit} {year}")
                            .with("unit", Arg::verbatim(unit.clone()))
                            .with("year", *year),
                        Unit::Fte,
                    ),
                )
            }
            FigureRef::StaffingChange { unit, from, to } => {
                let c = self
                    .staffing_in(ix, unit, *to)?
                    .change_since(self.staffing_in(ix, unit, *from)?)?;
                q_dec(c.difference, Unit::Fte)
            }
            FigureRef::StaffingChangeRelative { unit, from, to } => {
                let c = self
                    .staffing_in(ix, unit, *to)?
                    .change_since(self.staffing_in(ix, unit, *from)?)?;
                q_share(c.relative)
            }
            FigureRef::Activity { id } => {
                let a = self
                    .activities
                    .iter()
                    .find(|a| &a.id == id)
                    .ok_or_else(|| {
                        Error::not_computable(format!("activity {id:?}"), "not given")
                    })?;
                q_count(a.explain(), a.unit)
            }
            FigureRef::UptakeAccepted { label } => {
                let u = self.uptake(label)?;
                Derived::new(
                    Quantity::count(u.accepted.value, u.unit),
                    u.accepted.explain(
                        Phrase::new("{what}: accepted").with("what", Arg::verbatim(label.clone())),
                        u.unit,
                    ),
                )
            }
            FigureRef::UptakeOffered { label } => {
                let u = self.uptake(label)?;
                q_count(u.offered()?, u.unit)
            }
            FigureRef::UptakeAcceptance { label } => q_share(self.uptake(label)?.acceptance()?),
            FigureRef::BudgetOriginal => {
                let b = self.budget()?;
                self.as_known(b.original.as_ref(), q_money(b.original()?))?
            }
            FigureRef::BudgetRevised => {
                let b = self.budget()?;
                self.as_known(b.revised.as_ref(), q_money(b.revised()?))?
            }
            FigureRef::BudgetResult => {
                let b = self.budget()?;
                match (&b.result, &b.consumption) {
                    // What the frame and the printed consumption imply, without the printed
                    // result: a check of that result must not be computed from it.
                    (Some(r), Some(c)) if r.qualifier() != crate::published::Qualifier::Exact => {
                        let check = b.check_consumption(c, p)?;
                        let i = check.implied_result;
                        Derived::new(
                            Quantity::interval(i, Unit::Kroner),
                            Explanation::derived(
                                "result (positive: underspend)",
                                Quantity::interval(i, Unit::Kroner),
                                Phrase::new(
                                    "the frame and the printed consumption «{printed}» imply a result in {implied}",
                                )
                                .with("printed", Arg::verbatim(c.text()))
                                .with("implied", Quantity::interval(i, Unit::Kroner)),
                                vec![c.explain("printed consumption"), b.revised()?.explanation],
                            ),
                        )
                    }
                    _ => self.as_known(b.result.as_ref(), q_money(b.result()?))?,
                }
            }
            FigureRef::BudgetActual => {
                let b = self.budget()?;
                self.as_known(b.actual.as_ref(), q_money(b.actual()?))?
            }
            FigureRef::BudgetConsumption => q_share(self.budget()?.consumption()?),
            FigureRef::Forecast { what } => q_money(self.forecast(what)?.forecast()?),
            FigureRef::ForecastDeviation { what } => q_money(self.forecast(what)?.deviation()?),
            FigureRef::ServiceBeforeTransfers => {
                q_interval(self.service()?.before_transfers(p)?, Unit::Kroner)
            }
            FigureRef::ServiceAfterTransfers => {
                let r = self.service()?;
                self.as_known(
                    r.result_after_transfers.as_ref(),
                    q_money(r.after_transfers()?),
                )?
            }
            FigureRef::ServiceFundTransfers => {
                let r = self.service()?;
                let t = r.transfers()?;
                match r.fund_transfers.as_slice() {
                    [one] => self.as_known(Some(one), q_money(t))?,
                    _ => q_money(t),
                }
            }
            FigureRef::FundBalance { date } => {
                let f = self
                    .fund
                    .as_ref()
                    .ok_or_else(|| Error::not_computable("fund balance", "no fund ledger"))?;
                q_money(f.balance_at(*date)?)
            }
            FigureRef::NationalSettled { year } => {
                q_count(self.national_settled(*year)?.total()?, Unit::Persons)
            }
            FigureRef::NationalGroup { year, group } => {
                let st = self.national_settled(*year)?;
                let g = st
                    .by_group
                    .iter()
                    .find(|g| &g.group == group)
                    .ok_or_else(|| Error::not_computable(format!("group {group}"), "not given"))?;
                Derived::new(
                    Quantity::persons(g.persons.value),
                    g.persons.explain(
                        Phrase::new("settled {year}, {group}")
                            .with("year", *year)
                            .with("group", Arg::verbatim(group.clone())),
                        Unit::Persons,
                    ),
                )
            }
            FigureRef::NationalGroupShare { year, group } => {
                q_share(self.national_settled(*year)?.group_share(group)?)
            }
            FigureRef::NationalOutsideGroup { year, group } => q_count(
                self.national_settled(*year)?.outside_group(group)?,
                Unit::Persons,
            ),
            FigureRef::NationalMultiple { year, of } => {
                let a = self.national_settled(*year)?.total()?;
                let b = self.national_settled(*of)?.total()?;
                let r = compare::multiple(
                    Phrase::new("settled {year} as a multiple of {of}")
                        .with("year", *year)
                        .with("of", *of),
                    &a,
                    &b,
                    Phrase::new("settled {year} / settled {of}")
                        .with("year", *year)
                        .with("of", *of),
                )?;
                Derived::new(Quantity::times(r.value), r.explanation)
            }
            FigureRef::NationalRequest { year } => {
                let r = self.national.request.get(year).ok_or_else(|| {
                    Error::not_computable(format!("national request {year}"), "not given")
                })?;
                Derived::new(
                    Quantity::persons(r.value),
                    r.explain(
                        Phrase::new("national request {year}").with("year", *year),
                        Unit::Persons,
                    ),
                )
            }
            FigureRef::NationalRequestChange { year, settled_in } => {
                let r = self.national.request.get(year).ok_or_else(|| {
                    Error::not_computable(format!("national request {year}"), "not given")
                })?;
                let req = Derived::new(
                    r.value,
                    r.explain(
                        Phrase::new("national request {year}").with("year", *year),
                        Unit::Persons,
                    ),
                );
                let st = self.national_settled(*settled_in)?.total()?;
                q_share(compare::change(
                    Phrase::new("request {year} against settled {settled_in}")
                        .with("year", *year)
                        .with("settled_in", *settled_in),
                    &st,
                    &req,
                )?)
            }
            FigureRef::NationalTarget { year } => {
                let r = self.national.target.get(year).ok_or_else(|| {
                    Error::not_computable(format!("national target {year}"), "not given")
                })?;
                Derived::new(
                    Quantity::persons(r.value),
                    r.explain(
                        Phrase::new("national target {year}").with("year", *year),
                        Unit::Persons,
                    ),
                )
            }
            FigureRef::Series { of, year, em } => {
                q_count(self.series_value(*of, *year, *em)?, Unit::Persons)
            }
            FigureRef::SeriesShareOfRequest { of, year } => {
                let a = self.series_value(*of, *year, false)?;
                let r = self.series_value(SeriesField::Request, *year, false)?;
                q_share(compare::share(
                    Phrase::new("{series} {year} as a share of the request")
                        .with("series", Phrase::new(series_name(*of)))
                        .with("year", *year),
                    &a,
                    &r,
                    Phrase::new("{series} / current request")
                        .with("series", Phrase::new(series_name(*of))),
                )?)
            }
            FigureRef::SeriesRevision { of, year } => {
                let original = match of {
                    SeriesField::Request | SeriesField::OriginalRequest => {
                        SeriesField::OriginalRequest
                    }
                    SeriesField::Decision | SeriesField::OriginalDecision => {
                        SeriesField::OriginalDecision
                    }
                    SeriesField::Settled => {
                        return Err(Error::invalid(
                            "series.revision of",
                            "settled",
                            "only a request or a decision is revised",
                        ));
                    }
                };
                let current = match of {
                    SeriesField::OriginalRequest => SeriesField::Request,
                    SeriesField::OriginalDecision => SeriesField::Decision,
                    other => *other,
                };
                let a = self.series_value(original, *year, false)?;
                let b = self.series_value(current, *year, false)?;
                q_dec(
                    compare::difference(
                        Phrase::new("revision of the {series} {year}")
                            .with("series", Phrase::new(series_name(current)))
                            .with("year", *year),
                        &b,
                        &a,
                        Unit::Persons,
                        "revised − original",
                    )?,
                    Unit::Persons,
                )
            }
            FigureRef::SeriesChange { of, from, to } => {
                let a = self.series_value(*of, *from, false)?;
                let b = self.series_value(*of, *to, false)?;
                q_dec(
                    compare::difference(
                        Phrase::new("change in {series} {from}–{to}")
                            .with("series", Phrase::new(series_name(*of)))
                            .with("from", *from)
                            .with("to", *to),
                        &b,
                        &a,
                        Unit::Persons,
                        "later − earlier",
                    )?,
                    Unit::Persons,
                )
            }
            FigureRef::SeriesChangeRelative { of, from, to } => {
                let a = self.series_value(*of, *from, false)?;
                let b = self.series_value(*of, *to, false)?;
                q_share(compare::change(
                    Phrase::new("relative change in {series} {from}–{to}")
                        .with("series", Phrase::new(series_name(*of)))
                        .with("from", *from)
                        .with("to", *to),
                    &a,
                    &b,
                )?)
            }
            FigureRef::ProjectCount => {
                if self.projects.is_empty() {
                    return Err(Error::not_computable("projects", "none listed"));
                }
                let n = self.projects.len();
                Derived::new(
                    Quantity::count(i64::try_from(n).unwrap_or(i64::MAX), Unit::Count),
                    Explanation::derived(
                        "projects listed",
                        Quantity::count(i64::try_from(n).unwrap_or(i64::MAX), Unit::Count),
                        "count of the projects listed",
                        self.projects
                            .iter()
                            .map(|pr| {
                                Explanation::input(
                                    Phrase::verbatim(format!("{} ({})", pr.name, pr.organisation)),
                                    Quantity::text(Phrase::verbatim(pr.name.clone())),
                                    pr.source.clone(),
                                )
                            })
                            .collect(),
                    ),
                )
            }
            FigureRef::Rule { id } => {
                let r =
                    self.rules.iter().find(|r| &r.id == id).ok_or_else(|| {
                        Error::not_computable(format!("rule {id:?}"), "not given")
                    })?;
                Derived::new(
                    Quantity::text(Phrase::verbatim(r.text.clone())),
                    Explanation::input(
                        Phrase::new("rule {id}").with("id", Arg::verbatim(id.clone())),
                        Quantity::text(Phrase::verbatim(r.text.clone())),
                        r.source.clone(),
                    ),
                )
            }
        })
    }

    /// Evaluates a goal by its id against the figure its metric names (the metric is a
    /// figure name as in [`FigureRef`] without arguments, such as `settlement.settled` or
    /// `programme.rate`).
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if there is no such goal.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
    /// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
    /// # let y = Year::new(2020)?;
    /// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
    /// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
    /// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
    /// # let mut bodo = MunicipalityYear::new(s, doc());
    /// use bosetting::{Goal, GoalStatus, PublishedFigure, Unit};
    ///
    /// // "Bodø kommune skal bosette 74 flyktninger": a level to reach, measured by the settled.
    /// bodo.goals.push(Goal {
    ///     id: "bosetting".into(),
    ///     text: "Bosette 74 flyktninger".into(),
    ///     metric: "settlement.settled".into(),
    ///     target: PublishedFigure::parse("74", Unit::Persons, doc().quote("bosette 74"))?,
    ///     source: doc(),
    /// });
    /// let e = bodo.evaluate_goal("bosetting")?;
    /// assert_eq!(e.status, GoalStatus::NotMet);
    /// assert_eq!(e.measured.map(|q| q.value.exact()), Some("41".to_owned()));
    /// assert!(bodo.evaluate_goal("no-such-goal").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn evaluate_goal(&self, id: &str) -> Result<crate::goals::GoalEvaluation> {
        let g = self
            .goals
            .iter()
            .find(|g| g.id == id)
            .ok_or_else(|| Error::not_computable(format!("goal {id:?}"), "no such goal"))?;
        let measured = metric_ref(&g.metric).and_then(|f| self.figure(&f).ok());
        g.evaluate(measured.as_ref())
    }

    /// Checks a published figure against the model.
    ///
    /// # Errors
    ///
    /// Errors of computing the figure (including [`Error::NotComputable`]: a check of a
    /// figure the model cannot compute is a defect of the data file, reported as such).
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
    /// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
    /// # let y = Year::new(2020)?;
    /// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
    /// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
    /// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
    /// # let mut bodo = MunicipalityYear::new(s, doc());
    /// use bosetting::{CheckKind, CheckSpec, PublishedFigure, Status, Unit};
    ///
    /// let spec = |id: &str, figure, printed: &str, unit| -> bosetting::Result<CheckSpec> {
    ///     Ok(CheckSpec {
    ///         id: id.into(), label: id.into(), figure, kind: CheckKind::Derived,
    ///         published: vec![PublishedFigure::parse(printed, unit, doc().quote(printed))?],
    ///         verdict: None, expect: None,
    ///     })
    /// };
    ///
    /// assert_eq!(bodo.check(&spec("shortfall", FigureRef::Shortfall, "33", Unit::Persons)?)?.status, Status::Reproduced);
    /// // "55,4 %" of the decision: 41/74 = 55.41 %, as printed to one decimal.
    /// let rate = spec("fulfilment", FigureRef::Fulfilment { against: bosetting::Against::Decision }, "55,4 %", Unit::Percent)?;
    /// assert_eq!(bodo.check(&rate)?.status, Status::Reproduced);
    /// // A check of a figure the year cannot give is an error, not a silent pass.
    /// assert!(bodo.check(&spec("result", FigureRef::BudgetResult, "1 mill", Unit::Kroner)?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check(&self, spec: &CheckSpec) -> Result<CheckResult> {
        self.check_in(spec, None)
    }

    fn check_in(&self, spec: &CheckSpec, ix: Option<&StaffingIndex<'_>>) -> Result<CheckResult> {
        let p = &self.policy;
        let result = |value: Quantity, status, reconciliation: Phrase, explanation| CheckResult {
            relation: None,
            id: spec.id.clone(),
            label: spec.label.clone(),
            value,
            published: spec.published.clone(),
            status,
            reconciliation,
            explanation,
            expected: spec.expect,
        };
        let first = || {
            spec.published.first().ok_or_else(|| {
                Error::invalid(
                    format!("check {}", spec.id),
                    "(no published figure)",
                    "this figure is checked against a published figure; give one",
                )
            })
        };
        match &spec.figure {
            FigureRef::ProgrammeCountFit => {
                let exits = self
                    .programme()?
                    .exits
                    .as_ref()
                    .ok_or_else(|| Error::not_computable("count fit", "no exits"))?;
                let fig = first()?;
                let fit = fig.counts_for_share(u64::from(exits.total.value), p)?;
                let value = match fit.under(p.rule()) {
                    Some((lo, hi)) if lo == hi => Quantity::persons(i64::try_from(lo).unwrap_or(0)),
                    Some((lo, hi)) => Quantity::interval(
                        Interval::closed(Decimal::from(lo), Decimal::from(hi))?,
                        Unit::Persons,
                    ),
                    None => Quantity::text(
                        Phrase::new("no count under {rule}").with("rule", p.rule().phrase()),
                    ),
                };
                let ex = Explanation::derived(
                    Phrase::verbatim(spec.label.clone()),
                    value.clone(),
                    fit.explanation.clone(),
                    vec![
                        exits.total.explain("left the programme", Unit::Persons),
                        fig.explain("printed rate"),
                    ],
                );
                return Ok(result(value, fit.status, fit.explanation, ex));
            }
            FigureRef::ProgrammeDecomposition => {
                let exits = self
                    .programme()?
                    .exits
                    .as_ref()
                    .ok_or_else(|| Error::not_computable("decomposition", "no exits"))?;
                let (total, parts) = spec.published.split_last().ok_or_else(|| {
                    Error::invalid(
                        format!("check {}", spec.id),
                        "(no published figures)",
                        "give the printed parts, then the printed total",
                    )
                })?;
                let d = exits.counts_behind(parts, Some(total), p)?;
                let value = match d.sum {
                    Some((lo, hi)) if lo == hi => Quantity::persons(i64::try_from(lo).unwrap_or(0)),
                    Some((lo, hi)) => Quantity::interval(
                        Interval::closed(Decimal::from(lo), Decimal::from(hi))?,
                        Unit::Persons,
                    ),
                    None => Quantity::text("no counts fit"),
                };
                let ex = Explanation::derived(
                    Phrase::verbatim(spec.label.clone()),
                    value.clone(),
                    d.explanation.clone(),
                    std::iter::once(exits.total.explain("left the programme", Unit::Persons))
                        .chain(spec.published.iter().map(|f| f.explain("printed rate")))
                        .collect(),
                );
                return Ok(result(value, d.status, d.explanation, ex));
            }
            FigureRef::BudgetConsumptionCheck => {
                let b = self.budget()?;
                let fig = match (spec.published.first(), &b.consumption) {
                    (Some(f), _) => f,
                    (None, Some(c)) => c,
                    (None, None) => first()?,
                };
                let c = b.check_consumption(fig, p)?;
                let value = Quantity::share(c.computed.value);
                let ex = Explanation::derived(
                    Phrase::verbatim(spec.label.clone()),
                    value.clone(),
                    c.explanation.clone(),
                    vec![
                        c.computed.explanation.clone(),
                        fig.explain("printed consumption"),
                    ],
                );
                return Ok(result(value, c.status, c.explanation, ex));
            }
            FigureRef::Goal { id } => {
                let e = self.evaluate_goal(id)?;
                let (status, text) = match spec.verdict {
                    _ if spec.kind == CheckKind::Input => (
                        Status::Input,
                        Phrase::new("a goal the document sets; the model finds it {status}: {summary}"),
                    ),
                    Some(v) if v == e.status => (
                        Status::Reproduced,
                        Phrase::new("the model finds the goal {status}, as the document implies: {summary}"),
                    ),
                    Some(v) => (
                        Status::Inconsistent,
                        Phrase::new(
                            "the model finds the goal {status} ({summary}), the document implies {implied}",
                        )
                        .with("implied", v.phrase()),
                    ),
                    None => (Status::Consistent, Phrase::new("{summary}")),
                };
                let text = text
                    .with("status", e.status.phrase())
                    .with("summary", e.summary.clone());
                return Ok(result(
                    Quantity::text(e.summary.clone()),
                    status,
                    text,
                    e.explanation,
                ));
            }
            _ => {}
        }
        let d = self.figure_in(&spec.figure, ix)?;
        if spec.kind == CheckKind::Input {
            let mut text = Phrase::new("a fact fed into the model");
            if let Some(fig) = spec.published.first() {
                if let Ok(c) = Computed::from_quantity(&d.value) {
                    let r = fig.reconcile(&c, p)?;
                    if r.status == Status::Inconsistent {
                        return Err(Error::invalid(
                            format!("check {} published", spec.id),
                            format!("{:?}", fig.text()),
                            format!(
                                "the input is not what the document printed: {}",
                                r.explanation
                            ),
                        ));
                    }
                }
                text = Phrase::new("printed «{printed}»; a fact fed into the model")
                    .with("printed", Arg::verbatim(fig.text()));
            }
            return Ok(result(d.value, Status::Input, text, d.explanation));
        }
        // A derived check without a figure to compare could not fail: refuse it.
        let fig = first()?;
        // A restatement reads the printed figure back, so it always agrees with it; a
        // computation that contradicts the printed figure is a finding, whatever its leaves
        // quote (a bare "68" is in "hvorav 68 EM" too).
        let reconciled = Computed::from_quantity(&d.value).and_then(|c| fig.reconcile(&c, p));
        let contradicts = reconciled
            .as_ref()
            .is_ok_and(|r| r.status == Status::Inconsistent);
        if let Some(leaf) = restated(&d.explanation, fig).filter(|_| !contradicts) {
            let text = Phrase::new(
                if leaf.source.as_ref().is_some_and(|s| s.assumption.is_some()) {
                    "a restatement, not a result: the model computes this figure from {leaf} («{quote}»), which is the printed figure itself read back through an analyst's assumption; it cannot confirm it"
                } else {
                    "a restatement, not a result: the model computes this figure from {leaf} («{quote}»), which is the printed figure itself; it cannot confirm it"
                },
            )
            .with("leaf", leaf.label.clone())
            .with(
                "quote",
                Arg::verbatim(
                    leaf.source
                        .as_ref()
                        .and_then(|s| s.quote.clone())
                        .unwrap_or_default(),
                ),
            );
            return Ok(result(d.value, Status::Input, text, d.explanation));
        }
        let r = reconciled?;
        Ok(result(d.value, r.status, r.explanation, d.explanation))
    }

    /// Checks every spec, in order.
    ///
    /// # Errors
    ///
    /// The first check that cannot be computed, with the check's id.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
    /// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
    /// # let y = Year::new(2020)?;
    /// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
    /// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
    /// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
    /// # let mut bodo = MunicipalityYear::new(s, doc());
    /// use bosetting::{CheckKind, CheckSpec, PublishedFigure, Status, Unit};
    ///
    /// let spec = |id: &str, figure, printed: &str, unit| -> bosetting::Result<CheckSpec> {
    ///     Ok(CheckSpec {
    ///         id: id.into(), label: id.into(), figure, kind: CheckKind::Derived,
    ///         published: vec![PublishedFigure::parse(printed, unit, doc().quote(printed))?],
    ///         verdict: None, expect: None,
    ///     })
    /// };
    ///
    /// let specs = [
    ///     spec("bodo20.shortfall", FigureRef::Shortfall, "33", Unit::Persons)?,
    ///     spec("bodo20.settled", FigureRef::Settled, "40", Unit::Persons)?,
    /// ];
    /// let statuses: Vec<Status> = bodo.check_all(&specs)?.iter().map(|r| r.status).collect();
    /// assert_eq!(statuses, [Status::Reproduced, Status::Inconsistent]);
    ///
    /// // The first check that cannot be computed ends the run, named by its id.
    /// let err = bodo.check_all(&[spec("bodo20.result", FigureRef::BudgetResult, "1 mill", Unit::Kroner)?]).unwrap_err();
    /// assert!(err.to_string().contains("bodo20.result"), "{err}");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check_all(&self, specs: &[CheckSpec]) -> Result<Vec<CheckResult>> {
        specs
            .iter()
            .map(|s| {
                self.check(s).map_err(|e| Error::InvalidValue {
                    field: format!("check {}", s.id),
                    value: format!("{:?}", s.figure),
                    reason: e.to_string(),
                })
            })
            .collect()
    }
}

/// The leaf of `e` that is the printed figure `fig` itself, if the computation uses it: a
/// leaf quoting the same phrase (one quote contains the other) with the same value, or an
/// analyst's assumption read off that phrase. Following the explanation to its leaves
/// finds restatements however they are dressed (forecast = actual − deviation, then
/// deviation = actual − forecast).
pub(crate) fn restated<'e>(e: &'e Explanation, fig: &PublishedFigure) -> Option<&'e Explanation> {
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let want = norm(fig.source().quote.as_deref()?);
    let same_value = |q: &Quantity| match &q.value {
        Value::Integer(n) => Decimal::from(*n) == fig.value(),
        Value::Decimal(d) => *d == fig.value(),
        _ => false,
    };
    let mut stack = vec![e];
    while let Some(x) = stack.pop() {
        if x.inputs.is_empty() {
            if let Some(src) = &x.source {
                let q = norm(src.quote.as_deref().unwrap_or_default());
                let overlap = !q.is_empty() && (q.contains(&want) || want.contains(&q));
                if overlap && (same_value(&x.value) || src.assumption.is_some()) {
                    return Some(x);
                }
            }
        }
        stack.extend(x.inputs.iter());
    }
    None
}

fn series_name(of: SeriesField) -> &'static str {
    match of {
        SeriesField::OriginalRequest => "original request",
        SeriesField::Request => "request",
        SeriesField::OriginalDecision => "decision before revision",
        SeriesField::Decision => "decision",
        SeriesField::Settled => "settled",
    }
}

/// A goal's metric as a figure (only figures without arguments).
fn metric_ref(metric: &str) -> Option<FigureRef> {
    #[derive(Deserialize)]
    struct Wrap {
        #[serde(flatten)]
        f: FigureRef,
    }
    let text = format!("figure = {metric:?}");
    toml::from_str::<Wrap>(&text).ok().map(|w| w.f)
}

/// The year-view figure a document address names, where the view has one without
/// arguments (`settlement.settled` with category EM is [`FigureRef::SettledEm`]).
pub(crate) fn view_figure(measure: &str, b: &crate::document::Breakdown) -> Option<FigureRef> {
    use crate::settlement::Category::{Ordinary, UnaccompaniedMinor};
    if b.origin.is_some() || b.group.is_some() {
        return None;
    }
    Some(match (measure, b.category) {
        ("settlement.decided", Some(UnaccompaniedMinor)) => FigureRef::DecidedEm,
        ("settlement.decided", Some(Ordinary)) => FigureRef::DecidedOrdinary,
        ("settlement.settled", Some(UnaccompaniedMinor)) => FigureRef::SettledEm,
        ("settlement.settled", Some(Ordinary)) => FigureRef::SettledOrdinary,
        ("settlement.fulfilment", Some(UnaccompaniedMinor)) => FigureRef::FulfilmentEm,
        ("settlement.fulfilment", Some(Ordinary)) => FigureRef::FulfilmentOrdinary,
        ("settlement.request", Some(UnaccompaniedMinor)) => FigureRef::RequestEm,
        ("settlement.request", None) => FigureRef::RequestCurrent,
        ("settlement.request_original", None) => FigureRef::RequestOriginal,
        ("settlement.family", None) => FigureRef::FamilyPersons,
        (m, None) => metric_ref(m)?,
        _ => return None,
    })
}

fn settled(s: &SettlementYear) -> Result<&Settled> {
    s.settled
        .as_ref()
        .ok_or_else(|| Error::not_computable("settled figures", "no settled persons"))
}

fn family(s: &SettlementYear) -> Result<&crate::family::FamilyReunification> {
    s.family
        .as_ref()
        .ok_or_else(|| Error::not_computable("family figures", "no family reunification"))
}

fn housing(s: &SettlementYear) -> Result<&crate::housing::Housing> {
    s.housing
        .as_ref()
        .ok_or_else(|| Error::not_computable("housing figures", "no housing"))
}

fn stock(m: &MunicipalityYear) -> Result<&ProgrammeStock> {
    m.programme()?
        .stock
        .as_ref()
        .ok_or_else(|| Error::not_computable("programme participants", "no stock and flows"))
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

    #[test]
    fn figure_refs_read_from_data_file_syntax() {
        let spec: CheckSpec = toml::from_str(
            r#"
id = "nat.ukraine2023"
label = "Share from Ukraine"
figure = "national.group_share"
year = 2023
group = "Ukraina"
"#,
        )
        .unwrap();
        assert_eq!(
            spec.figure,
            FigureRef::NationalGroupShare {
                year: Year::new(2023).unwrap(),
                group: "Ukraina".into()
            }
        );
        assert!(
            toml::from_str::<CheckSpec>("id = \"x\"\nlabel = \"y\"\nfigure = \"nonsense\"")
                .is_err()
        );
        assert_eq!(metric_ref("settlement.settled"), Some(FigureRef::Settled));
        assert_eq!(metric_ref("no.such"), None);
    }
}

/// A year's rows indexed once ([`MunicipalityYear::indexed`]): the staffing rows by unit and
/// year, so that computing a figure or check for each of many rows stays linear.
///
/// # Example
///
/// ```
/// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
/// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
/// # let y = Year::new(2020)?;
/// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
/// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
/// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
/// # let mut bodo = MunicipalityYear::new(s, doc());
/// use bosetting::{Staffing, Unit};
///
/// // Many staffing rows: index the year once, then ask for each row's figure.
/// for (unit, fte) in [("flyktningtjenesten", 21), ("voksenopplæringen", 34)] {
///     bodo.staffing.push(Staffing { unit: unit.into(), year: y, permanent: Some(Fact::new(fte.into(), doc())), project: None, vacant: None });
/// }
/// let ix = bodo.indexed();
/// let ftes: Vec<String> = bodo.staffing.iter()
///     .map(|st| Ok(ix.figure(&FigureRef::StaffingPermanent { unit: st.unit.clone(), year: y })?.value.value.exact()))
///     .collect::<bosetting::Result<_>>()?;
/// assert_eq!(ftes, ["21", "34"]);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct IndexedYear<'a> {
    year: &'a MunicipalityYear,
    ix: StaffingIndex<'a>,
}

#[derive(Debug, Clone)]
struct StaffingIndex<'a> {
    staffing: BTreeMap<(&'a str, Year), &'a Staffing>,
}

impl<'a> IndexedYear<'a> {
    /// The year indexed.
    pub fn year(&self) -> &'a MunicipalityYear {
        self.year
    }

    /// As [`MunicipalityYear::figure`].
    ///
    /// # Errors
    ///
    /// As [`MunicipalityYear::figure`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
    /// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
    /// # let y = Year::new(2020)?;
    /// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
    /// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
    /// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
    /// # let mut bodo = MunicipalityYear::new(s, doc());
    /// let ix = bodo.indexed();
    /// assert_eq!(ix.figure(&FigureRef::Shortfall)?.value.value.exact(), "33");
    /// assert_eq!(ix.figure(&FigureRef::Decided)?.value.value.exact(), "74");
    /// assert!(ix.figure(&FigureRef::BudgetResult).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn figure(&self, f: &FigureRef) -> Result<Derived<Quantity>> {
        self.year.figure_in(f, Some(&self.ix))
    }

    /// As [`MunicipalityYear::check`].
    ///
    /// # Errors
    ///
    /// As [`MunicipalityYear::check`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::{Decision, Fact, FigureRef, Municipality, MunicipalityYear, Settled, SettlementYear, Source, Year};
    /// # let doc = || Source::new("Bodø kommune, årsrapport 2020");
    /// # let y = Year::new(2020)?;
    /// # let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), y);
    /// # s.decisions.push(Decision::base(74, doc().quote("vedtatt 74")));
    /// # s.settled = Some(Settled::new(y.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
    /// # let mut bodo = MunicipalityYear::new(s, doc());
    /// use bosetting::{CheckKind, CheckSpec, PublishedFigure, Status, Unit};
    ///
    /// let spec = |id: &str, figure, printed: &str, unit| -> bosetting::Result<CheckSpec> {
    ///     Ok(CheckSpec {
    ///         id: id.into(), label: id.into(), figure, kind: CheckKind::Derived,
    ///         published: vec![PublishedFigure::parse(printed, unit, doc().quote(printed))?],
    ///         verdict: None, expect: None,
    ///     })
    /// };
    ///
    /// let ix = bodo.indexed();
    /// for (printed, status) in [("33", Status::Reproduced), ("34", Status::Inconsistent)] {
    ///     assert_eq!(ix.check(&spec("shortfall", FigureRef::Shortfall, printed, Unit::Persons)?)?.status, status);
    /// }
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn check(&self, spec: &CheckSpec) -> Result<CheckResult> {
        self.year.check_in(spec, Some(&self.ix))
    }
}
