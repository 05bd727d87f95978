//! The facts file's schema: what a municipality writes down about its year.
//!
//! Every fact carries the phrase it was read from (`quote`) and, optionally, another
//! document than the file's own (`source`). Published figures are written as the document
//! printed them (`"0,7 mill kr"`, `"71%"`, `"cirka 280"`) and read by the model.

use bosetting::{
    Category, CheckKind, DecisionKind, DecisionStatus, DwellingKind, FigureRef, GoalStatus,
    Measure, Origin, Outcome, Qualifier, RoundingRule, Sponsor, Status, Unit,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// The schema identifier this crate reads.
pub const SCHEMA: &str = "bosetting-facts/1";

/// A whole facts file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactsFile {
    /// Must be `"bosetting-facts/1"`.
    pub schema: String,
    /// The document the facts come from, and whose year it is.
    pub document: DocumentSpec,
    /// How published figures are reconciled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<PolicySpec>,
    /// IMDi's request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<RequestSpec>,
    /// The council's decisions, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decision: Vec<DecisionSpec>,
    /// Persons settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<SettledSpec>,
    /// Family reunification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<FamilySpec>,
    /// Housing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<HousingSpec>,
    /// The introduction programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub programme: Option<ProgrammeSpec>,
    /// Goals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub goal: Vec<GoalSpec>,
    /// Staffing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staffing: Vec<StaffingSpec>,
    /// Counted activities.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub activity: Vec<ActivitySpec>,
    /// Offers and their take-up.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uptake: Vec<UptakeSpec>,
    /// The budget.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetSpec>,
    /// Forecasts against outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub forecast: Vec<ForecastSpec>,
    /// The service's result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub service_result: Option<ServiceResultSpec>,
    /// The refugee fund's ledger.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fund: Option<FundSpec>,
    /// Rows of a multi-year table (request, decision, settled per year).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<HistorySpec>,
    /// National figures the document quotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub national: Vec<NationalSpec>,
    /// Funded projects listed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub project: Vec<ProjectSpec>,
    /// Rules the document states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rule: Vec<RuleSpec>,
    /// Published figures to check against the model.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check: Vec<CheckFileSpec>,
}

fn date_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
    bosetting::serde_date::optional_date(d)
}

/// The document, the municipality and the year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentSpec {
    /// A short identifier (`bodo_2020`).
    pub id: String,
    /// The document's file name or address, as cited in sources.
    pub file: String,
    /// The document's title.
    pub title: String,
    /// The document's date.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// The municipality.
    pub municipality: MunicipalitySpec,
    /// The year the facts are about.
    pub year: i32,
    /// The last day the settled counts cover ("per 1. tertial": 30 April); the year's end if
    /// absent.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub counted_until: Option<NaiveDate>,
}

/// A municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MunicipalitySpec {
    /// Four digits (`"1804"`).
    pub number: String,
    /// The name.
    pub name: String,
    /// Earlier numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former: Vec<FormerSpec>,
}

/// An earlier municipality number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormerSpec {
    /// Four digits.
    pub number: String,
    /// The last year it was used.
    pub until: i32,
}

/// Reconciliation parameters.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PolicySpec {
    /// The rounding rule the document is assumed to use (default `half-up`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<RoundingRule>,
    /// Half-width of "cirka" as a percentage of the value (default 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub approximate_percent: Option<Decimal>,
    /// How far above its number "vel", "drøyt", "over" may reach, as a percentage of the
    /// number (default 50): "vel 70" stands for (70, 105].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub more_than_percent: Option<Decimal>,
    /// How far below its number "under", "knapt", "nesten" may reach, as a percentage of the
    /// number, from 0 to 100 (default 50): "under 10" stands for [5, 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub less_than_percent: Option<Decimal>,
}

/// A count with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CountSpec {
    /// The count.
    pub value: u32,
    /// The phrase it was read from.
    pub quote: String,
    /// Another document than the file's own, if it comes from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A named count with its provenance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamedCountSpec {
    /// What is counted.
    pub name: String,
    /// The count.
    pub value: u32,
    /// The phrase it was read from.
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// An amount (or another published figure used as an input), as printed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AmountSpec {
    /// As printed (`"28,6 mill."`, `"-1,6 mill kr"`).
    pub published: String,
    /// The phrase it was read from.
    pub quote: String,
    /// Another document than the file's own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// IMDi's request and its revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestSpec {
    /// The original request.
    pub original: RequestFiguresSpec,
    /// Revisions, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub revision: Vec<RequestFiguresSpec>,
}

/// One request or revision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequestFiguresSpec {
    /// Persons in all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// Of these, EM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<u32>,
    /// When.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Places: a number, `{ up_to = 700 }` or `{ min = 50, max = 70 }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum PlacesSpec {
    /// Exactly.
    Exactly(u32),
    /// Up to.
    UpTo {
        /// The most.
        up_to: u32,
    },
    /// A range.
    Range {
        /// The least.
        min: u32,
        /// The most.
        max: u32,
    },
}

impl<'de> Deserialize<'de> for PlacesSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PlacesSpec, D::Error> {
        use serde::de::Error as _;
        let v = serde_json::Value::deserialize(d)?;
        let count = |v: &serde_json::Value| -> Option<u32> {
            v.as_u64().and_then(|n| u32::try_from(n).ok())
        };
        let expected =
            "expected a whole number of places (74), { up_to = N } or { min = N, max = N }";
        match &v {
            serde_json::Value::Number(_) => count(&v)
                .map(PlacesSpec::Exactly)
                .ok_or_else(|| D::Error::custom(format!("{v} places: {expected}"))),
            serde_json::Value::Object(m) => {
                let get = |k: &str| m.get(k).and_then(count);
                match (get("up_to"), get("min"), get("max"), m.len()) {
                    (Some(up_to), None, None, 1) => Ok(PlacesSpec::UpTo { up_to }),
                    (None, Some(min), Some(max), 2) => Ok(PlacesSpec::Range { min, max }),
                    _ => Err(D::Error::custom(format!("{v}: {expected}"))),
                }
            }
            _ => Err(D::Error::custom(format!("{v}: {expected}"))),
        }
    }
}

/// EM places in an age band.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmBandSpec {
    /// Youngest.
    pub min_age: u8,
    /// Oldest.
    pub max_age: u8,
    /// Places.
    pub places: u32,
}

/// A decision condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionSpec {
    /// Family-reunified persons on top, up to this many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_on_top_up_to: Option<u32>,
    /// Whether an excess is deducted from next year's number.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub excess_deducted_next_year: bool,
    /// Any other condition, in the council's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A council decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionSpec {
    /// `base` (default), `additional` or `replacement`.
    #[serde(default = "base_kind", skip_serializing_if = "is_base")]
    pub kind: DecisionKind,
    /// `adopted` (default) or `proposed`.
    #[serde(default, skip_serializing_if = "is_adopted")]
    pub status: DecisionStatus,
    /// The places.
    pub places: PlacesSpec,
    /// EM places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<u32>,
    /// EM places by age band.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub em_band: Vec<EmBandSpec>,
    /// When.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// Conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub condition: Vec<ConditionSpec>,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn base_kind() -> DecisionKind {
    DecisionKind::Base
}

fn is_base(k: &DecisionKind) -> bool {
    *k == DecisionKind::Base
}

fn is_adopted(s: &DecisionStatus) -> bool {
    *s == DecisionStatus::Adopted
}

/// Persons of a category from an origin.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OriginSpec {
    /// `ordinary` or `unaccompanied-minor`.
    pub category: Category,
    /// `resettlement`, `reception-centre`, `agreed-self-settlement` or `other`.
    pub origin: Origin,
    /// How many.
    pub value: u32,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Persons settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettledSpec {
    /// In all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<CountSpec>,
    /// On the ordinary quota.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinary: Option<CountSpec>,
    /// EM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<CountSpec>,
    /// EM with an escorting adult (part of the ordinary count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escorted_em: Option<CountSpec>,
    /// By category and origin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin: Vec<OriginSpec>,
    /// Named groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<NamedCountSpec>,
}

/// Family cases joining a kind of sponsor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SponsorSpec {
    /// `unaccompanied-minor`, `refugee`, `humanitarian-permit` or `unknown`.
    pub sponsor: Sponsor,
    /// Families.
    pub value: u32,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Family reunification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilySpec {
    /// Persons (only when the document gives an exact count).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons: Option<CountSpec>,
    /// Families (cases).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub families: Option<CountSpec>,
    /// Families by sponsor.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_sponsor: Vec<SponsorSpec>,
}

/// Dwellings of a kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DwellingSpec {
    /// `municipal`, `private-contract`, `agreed-self-settlement`, `shared-home-em` or
    /// `unspecified`.
    pub kind: DwellingKind,
    /// How many.
    pub count: u32,
    /// Planned persons per dwelling (a decimal string, `"2.5"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub persons_per_dwelling: Option<Decimal>,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Housing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HousingSpec {
    /// Dwellings by kind.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dwellings: Vec<DwellingSpec>,
    /// EM places.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em_places: Option<CountSpec>,
}

/// Exits to one outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OutcomeSpec {
    /// The outcome (`work`, `upper-secondary`, `primary-school`, …).
    pub outcome: Outcome,
    /// How many.
    pub value: u32,
    /// The phrase.
    pub quote: String,
    /// Another document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// The report's indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorSpec {
    /// `direct-transition` (default) or `one-year-after`.
    #[serde(default = "direct", skip_serializing_if = "is_direct")]
    pub measure: Measure,
    /// Whether adult primary school counts as education.
    pub include_primary_school: bool,
    /// The phrase that says so.
    pub quote: String,
}

fn direct() -> Measure {
    Measure::DirectTransition
}

fn is_direct(m: &Measure) -> bool {
    *m == Measure::DirectTransition
}

/// A printed rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RateSpec {
    /// What it is of.
    pub label: String,
    /// The outcomes it counts.
    pub outcomes: Vec<Outcome>,
    /// As printed (`"19 prosent"`).
    pub published: String,
    /// Whether it is a part of the indicator's total.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub part_of_total: bool,
    /// The phrase.
    pub quote: String,
}

/// A printed rate of an earlier year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EarlierRateSpec {
    /// The year.
    pub year: i32,
    /// As printed.
    pub published: String,
    /// The phrase.
    pub quote: String,
}

/// The introduction programme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProgrammeSpec {
    /// Participants at the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_start: Option<CountSpec>,
    /// Entered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered: Option<CountSpec>,
    /// Participants at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_end: Option<CountSpec>,
    /// Waiting to start at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<CountSpec>,
    /// Participating or waiting at the end, when only the sum is given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_end_or_waiting: Option<CountSpec>,
    /// Left the programme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub exits: Option<CountSpec>,
    /// Exits by outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcome: Vec<OutcomeSpec>,
    /// Whether the outcomes not listed are recorded as not stated (`unknown`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unstated_remainder: bool,
    /// The indicator.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<IndicatorSpec>,
    /// Printed rates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rate: Vec<RateSpec>,
    /// Printed rates of earlier years.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<EarlierRateSpec>,
}

/// A goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoalSpec {
    /// A stable identifier.
    pub id: String,
    /// The goal as worded.
    pub text: String,
    /// The figure it is measured by (`settlement.settled`, `programme.rate`, …).
    pub metric: String,
    /// The target as printed (`"Minst 55 prosent"`, `"74"`, `"Inntil 60"`).
    pub target: String,
    /// The target's unit.
    pub unit: Unit,
    /// Overrides the qualifier read from the target's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// The phrase.
    pub quote: String,
}

/// Staffing of a unit in a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaffingSpec {
    /// The unit.
    pub unit: String,
    /// The year.
    pub year: i32,
    /// Permanent FTE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permanent: Option<Decimal>,
    /// Project FTE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<Decimal>,
    /// Vacant FTE.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vacant: Option<Decimal>,
    /// The phrase.
    pub quote: String,
}

/// A counted activity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActivitySpec {
    /// A stable identifier.
    pub id: String,
    /// What is counted.
    pub label: String,
    /// How many.
    pub value: u32,
    /// In what unit.
    pub unit: Unit,
    /// The phrase.
    pub quote: String,
}

/// An offer and its take-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UptakeSpec {
    /// What was offered.
    pub label: String,
    /// What is counted.
    pub unit: Unit,
    /// Accepted.
    pub accepted: u32,
    /// Declined.
    pub declined: u32,
    /// Named subsets of those who accepted.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub of_which: Vec<NamedCountSpec>,
    /// The phrase.
    pub quote: String,
}

/// A budget adjustment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdjustmentSpec {
    /// As printed.
    pub published: String,
    /// The tertial it was made in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tertial: Option<u8>,
    /// The date.
    #[serde(
        default,
        deserialize_with = "date_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub date: Option<NaiveDate>,
    /// The phrase.
    pub quote: String,
}

/// A budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetSpec {
    /// Whose.
    pub label: String,
    /// Original frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<AmountSpec>,
    /// Adjustments.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub adjustment: Vec<AdjustmentSpec>,
    /// Revised frame.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revised: Option<AmountSpec>,
    /// Actual spending.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<AmountSpec>,
    /// Result (positive: underspend).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<AmountSpec>,
    /// Consumption percentage (*forbruksprosent*), as printed (`"96,6"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consumption: Option<AmountSpec>,
}

/// A forecast.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ForecastSpec {
    /// What was forecast.
    pub what: String,
    /// The tertial report that made it.
    pub tertial: u8,
    /// The outcome.
    pub actual: AmountSpec,
    /// The forecast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forecast: Option<AmountSpec>,
    /// Outcome − forecast.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deviation: Option<AmountSpec>,
}

/// The service's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceResultSpec {
    /// Whose.
    pub label: String,
    /// Grant income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_income: Option<AmountSpec>,
    /// Other income.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub other_income: Option<AmountSpec>,
    /// Fixed costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_costs: Option<AmountSpec>,
    /// Variable costs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub variable_costs: Option<AmountSpec>,
    /// Transfers from the fund (negative: into it).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fund_transfer: Vec<AmountSpec>,
    /// The result after transfers (negative: deficit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_after_transfers: Option<AmountSpec>,
}

/// The refugee fund (*flyktningfond*).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundSpec {
    /// Its name.
    pub name: String,
    /// The date of the opening balance.
    #[serde(deserialize_with = "bosetting::serde_date::date")]
    pub opened: NaiveDate,
    /// The opening balance, as printed.
    pub opening: AmountSpec,
    /// The municipality's rules for the fund.
    pub rules: FundRulesSpec,
    /// Movements, in date order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entry: Vec<FundEntrySpec>,
}

/// A fund's rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundRulesSpec {
    /// The purposes a withdrawal may cover (empty: any).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawal_purposes: Vec<String>,
    /// The most the fund may hold, as an amount (`"30 mill kr"`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<String>,
    /// Whether the balance may go below zero.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_negative: bool,
    /// The percentage of a surplus that goes into the fund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surplus_percent: Option<Decimal>,
    /// The phrase (the statutes or council decision).
    pub quote: String,
}

/// A movement in the fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FundEntrySpec {
    /// When.
    #[serde(deserialize_with = "bosetting::serde_date::date")]
    pub date: NaiveDate,
    /// `deposit` or `withdrawal`.
    pub kind: bosetting::EntryKind,
    /// How much, as printed (positive).
    pub amount: String,
    /// What for.
    pub purpose: String,
    /// The phrase.
    pub quote: String,
}

/// A row of a multi-year table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HistorySpec {
    /// The year.
    pub year: i32,
    /// Whether the row is about unaccompanied minors only (a separate table).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub em: bool,
    /// The original request, where revised.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_request: Option<u32>,
    /// The (current) request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<u32>,
    /// The decision before a replacement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_decision: Option<u32>,
    /// The decision in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<u32>,
    /// Settled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<u32>,
    /// The phrase (the table's row as printed).
    pub quote: String,
}

/// National figures of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalSpec {
    /// The year.
    pub year: i32,
    /// Settled in Norway.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<CountSpec>,
    /// Named groups of the settled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<NamedCountSpec>,
    /// IMDi's national request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<CountSpec>,
    /// The national target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<CountSpec>,
}

/// A funded project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectSpec {
    /// The name.
    pub name: String,
    /// Who runs it.
    pub organisation: String,
    /// The phrase.
    pub quote: String,
}

/// A rule the document states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpec {
    /// A stable identifier.
    pub id: String,
    /// The rule in English.
    pub text: String,
    /// The phrase.
    pub quote: String,
}

/// One published figure or several.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany {
    /// One.
    One(String),
    /// Several.
    Many(Vec<String>),
}

impl OneOrMany {
    /// The texts.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            OneOrMany::One(s) => vec![s.as_str()],
            OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
        }
    }
}

/// A published figure to check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckFileSpec {
    /// A stable identifier (the ledger id).
    pub id: String,
    /// What it is.
    pub label: String,
    /// The model figure: a name (`"settlement.shortfall"`), or a table with the name and
    /// its arguments (`{ name = "national.group_share", year = 2023, group = "Ukraina" }`).
    pub figure: FigureSpec,
    /// `derived` (default) or `input`.
    #[serde(default, skip_serializing_if = "is_derived")]
    pub kind: CheckKind,
    /// As printed: one text, or several (a decomposition's parts, then its total).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<OneOrMany>,
    /// The unit of the printed text.
    pub unit: Unit,
    /// Overrides the qualifier read from the words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<Qualifier>,
    /// For a goal: the verdict the document implies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<GoalStatus>,
    /// The status the ledger (FIGURES.md) says the check must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
    /// The phrase the figure was printed in.
    pub quote: String,
    /// Another document (for a figure only the ledger states: `FIGURES.md`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

fn is_derived(k: &CheckKind) -> bool {
    *k == CheckKind::Derived
}

/// A figure reference as written in a facts file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FigureSpec(pub FigureRef);

impl Serialize for FigureSpec {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let v = serde_json::to_value(&self.0).map_err(serde::ser::Error::custom)?;
        match v {
            serde_json::Value::Object(mut m) => {
                let name = m.remove("figure").unwrap_or(serde_json::Value::Null);
                if m.is_empty() {
                    name.serialize(s)
                } else {
                    m.insert("name".into(), name);
                    m.serialize(s)
                }
            }
            other => other.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for FigureSpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<FigureSpec, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let v = match v {
            serde_json::Value::String(name) => serde_json::json!({ "figure": name }),
            serde_json::Value::Object(mut m) => {
                let name = m
                    .remove("name")
                    .ok_or_else(|| serde::de::Error::custom("a figure table needs `name`"))?;
                m.insert("figure".into(), name);
                // TOML date literals arrive as a one-entry map; figures take ISO strings.
                for val in m.values_mut() {
                    if let serde_json::Value::Object(inner) = val {
                        if inner.len() == 1 {
                            if let Some(serde_json::Value::String(t)) = inner.values().next() {
                                *val = serde_json::Value::String(t.clone());
                            }
                        }
                    }
                }
                serde_json::Value::Object(m)
            }
            _ => {
                return Err(serde::de::Error::custom(
                    "expected a figure name or a table with `name` and arguments",
                ));
            }
        };
        serde_json::from_value(v)
            .map(FigureSpec)
            .map_err(serde::de::Error::custom)
    }
}
