//! An exact, explainable model of how Norwegian municipalities settle refugees and pay for
//! it: IMDi's requests and the council's decisions, settled persons and family
//! reunification, housing, the introduction programme and its results, the integration
//! grant, budgets and the refugee fund, and the figures municipalities publish about it all.
//!
//! Inputs are facts with a [`Source`]; every derived figure is a [`Derived`] value that
//! carries an [`Explanation`] (formula, inputs, sources). Money is [`Money`] and shares are
//! [`Ratio`]s, exact; nothing is rounded except under a named [`RoundingRule`]. A published
//! figure ("0,7 mill kr", "71 %", "cirka 280") is a [`PublishedFigure`] that stands for an
//! interval and can be reconciled with what the model computes.
//!
//! A document speaks of several bodies and periods, prints tables with totals, and states
//! relations between figures; a [`Document`] holds all of it and checks each claim over the
//! intervals its printed figures stand for. Here a budget document prints two units'
//! overspends and their total, which cannot all be true:
//!
//! ```
//! use bosetting::{
//!     Address, Body, BodyId, BodyKind, Document, Observation, PublishedFigure, Relation,
//!     RelationKind, Source, Status, Term, Unit,
//! };
//!
//! let doc_src = || Source::new("Budsjettoppfølging 2. tertial");
//! let mut doc = Document::new(doc_src());
//! for (id, name) in [("flyktningkontoret", "Flyktningkontoret"), ("voksenopplaeringen", "Voksenopplæringen")] {
//!     doc.bodies.push(Body::new(BodyId::new(id)?, name, BodyKind::Unit, doc_src()));
//! }
//! let overspend = |body: &str, printed: &str| -> bosetting::Result<Observation> {
//!     Ok(Observation {
//!         id: None,
//!         address: Address::new("budget.result", BodyId::new(body)?, "2024".parse()?),
//!         figure: PublishedFigure::parse(printed, Unit::Kroner, doc_src().quote(printed))?,
//!     })
//! };
//! doc.facts.push(overspend("flyktningkontoret", "-1,2 mill")?);
//! doc.facts.push(overspend("voksenopplaeringen", "-2,4 mill")?);
//!
//! // "… i alt 3,4 mill": the parts stand for −3,7 to −3,5 mill, so the printed total is wrong.
//! let part = |body: &str| -> bosetting::Result<Term> {
//!     Ok(Term::Figure(Address::new("budget.result", BodyId::new(body)?, "2024".parse()?)))
//! };
//! let total = Term::Printed(PublishedFigure::parse("-3,4 mill", Unit::Kroner, doc_src().quote("i alt 3,4 mill"))?);
//! let claim = Relation::new("total", "Merforbruk i alt", RelationKind::Sum,
//!     vec![part("flyktningkontoret")?, part("voksenopplaeringen")?, total])?;
//! let checked = doc.check_relation(&claim)?;
//! assert_eq!(checked.status, Status::Inconsistent);
//! # Ok::<(), bosetting::Error>(())
//! ```
//!
//! One municipality's year has its own view, [`MunicipalityYear`], with the figures of an
//! annual or tertial report:
//!
//! ```
//! use bosetting::{
//!     Against, Computed, Decision, Fact, Municipality, PublishedFigure, ReconcilePolicy,
//!     RoundingRule, Settled, SettlementYear, Source, Status, Unit, Year,
//! };
//!
//! let doc = || Source::new("Bodø kommune, årsrapport 2020");
//! let year = Year::new(2020)?;
//! let mut bodo = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
//! bodo.decisions.push(Decision::base(74, doc().quote("vedtatt 74 flyktninger")));
//! bodo.settled = Some(Settled::new(year.period()).with_total(Fact::new(41, doc().quote("bosatte 41"))));
//!
//! // Derived figures explain themselves.
//! let shortfall = bodo.shortfall()?;
//! assert_eq!(shortfall.value, 33);
//! let fulfilment = bodo.fulfilment(Against::Decision)?;
//! assert_eq!(fulfilment.value.percent(RoundingRule::HalfUp, 1)?.to_string(), "55.4");
//!
//! // A published rate is an interval; "71 %" of 57 exits fits no whole count under half-up.
//! let rate = PublishedFigure::parse("71%", Unit::Percent, doc().quote("71% av deltakerne"))?;
//! let fit = rate.counts_for_share(57, &ReconcilePolicy::default())?;
//! assert_eq!(fit.status, Status::Inconsistent);
//! assert_eq!(fit.under(RoundingRule::Truncate), Some((41, 41)));
//! # Ok::<(), bosetting::Error>(())
//! ```
//!
//! # Glossary
//!
//! | Norwegian | English | Type |
//! |---|---|---|
//! | anmodning (opprinnelig / revidert) | IMDi's request (original / revised) | [`Request`], [`RequestFigures`] |
//! | vedtak, tilleggsvedtak | council decision, additional decision | [`Decision`], [`DecisionKind`] |
//! | vedtaksplasser | decided places | [`Places`] |
//! | inntil, hvorav enslige mindreårige | up to (a bounded decision), of whom unaccompanied minors | [`Places`], [`EmPart`] |
//! | aldersgruppe (under 15, 15–17 år) | age band of the EM places | [`AgeBand`] |
//! | forutsetning, vilkår (høyst, minst) | a decision's condition; as a figure, a check with its qualifier | [`Condition`], [`Qualifier`] |
//! | bosatte, bosetting | settled persons, settlement | [`Settled`], [`SettlementEvent`] |
//! | bosettingsår | a municipality's settlement year | [`SettlementYear`] |
//! | enslige mindreårige (EM) | unaccompanied minors | [`Category::UnaccompaniedMinor`] |
//! | overføringsflyktninger, kvoteflyktninger | resettlement (quota) refugees | [`Origin::Resettlement`] |
//! | mottak, bosatt fra mottak | reception centre, settled from one | [`Origin::ReceptionCentre`] |
//! | venter i mottak (på bosetting) | waiting in a reception centre to be settled | measure `settlement.waiting` |
//! | avtalt selvbosetting, selvbosatte | agreed self-settlement, self-settled persons | [`Origin::AgreedSelfSettlement`], [`DwellingKind::AgreedSelfSettlement`], measure `settlement.self_settled` |
//! | delvis fordeling, resten uoppgitt | a partial breakdown, its remainder unstated | facts at an `origin` or `group` ([`Address`]); [`Exits::with_unstated_remainder`] |
//! | familiegjenforening, familieinnvandrede | family reunification, family-reunified persons | [`FamilyReunification`], [`FamilyCase`] |
//! | bolig, bofellesskap | dwelling, shared home | [`Housing`], [`Dwellings`], [`DwellingKind`] |
//! | kommune, kommunenummer | municipality, municipality number | [`Municipality`], [`MunicipalityNumber`] |
//! | tertial | four-month reporting period | [`Tertial`] |
//! | tilskuddsår | grant year 1–5 | [`GrantYear`] |
//! | kilde | source | [`Source`], [`Fact`] |
//! | andel, prosent | share, percentage | [`Ratio`] |
//! | avrunding | rounding | [`RoundingRule`] |
//! | publisert tall | published figure | [`PublishedFigure`], [`Qualifier`] |
//! | tallkontroll | figure check | [`Reconciliation`], [`Status`] |
//! | introduksjonsprogrammet, deltakere | introduction programme, participants | [`ProgrammeStock`], [`Cohort`] |
//! | introduksjonsloven, integreringsloven | the programme's legal regimes | [`Regime`], [`RegimeTable`] |
//! | avsluttet, direkte overgang | exits, direct transition | [`Exits`], [`Measure::DirectTransition`] |
//! | status ett år etter (SSB) | Statistics Norway's status a year after leaving | [`Measure::OneYearAfter`] |
//! | resultat (arbeid, utdanning, grunnskole, annet, ingen, flyttet, avbrutt) | programme outcome | [`Outcome`], measures `programme.exits`, `programme.exit_share` with a group |
//! | arbeid og utdanning, grunnskole | work and education, adult primary school | [`Outcome`], [`OutcomeDefinition`] |
//! | mål, indikator | goal, indicator | [`Goal`], [`Indicator`] |
//! | årsverk, bemanning | full-time equivalents, staffing | [`Staffing`] |
//! | søknader, tilbud, takket ja / nei | applications, offers, accepted / declined | [`Activity`], [`Uptake`] |
//! | integreringstilskudd, satser | integration grant, rates | [`GrantRates`], [`Rate`], [`entitlements`] |
//! | budsjettår, satsen for tilskuddsår g | budget year, the rate for grant year g | [`RateYear`], [`IntegrationRule`], [`GrantRates::integration_paid`] |
//! | vedtatt, foreslått, sekundærkilde | adopted, proposed, secondary source | [`Standing`], [`OtherValue`] |
//! | kommunereform, kommunesammenslåing, deling | municipal reform, merger, split | [`Harmonisation`], [`Split`], [`Renumbering`] |
//! | særskilt tilskudd for enslige mindreårige | EM grant | [`GrantRates::em_grant`] |
//! | eldretilskudd, barnehagetilskudd | elderly grant, kindergarten grant | [`GrantKind`] |
//! | budsjett(ramme), forbruksprosent | budget (frame), consumption percentage | [`Budget`] |
//! | ramme, regnskap og justeringer per enhet | each unit's frame, actual and adjustments | measures `budget.frame`, `budget.actual`, `budget.adjustment` at a unit ([`BodyKind::Unit`]) |
//! | tilskudd til opplæring i norsk, Husbankens tilskudd, startlån | other state grants and loans | measure `economy.grant_income` with a group naming the grant |
//! | mindreforbruk, merforbruk | underspend, overspend | [`Budget::result`] |
//! | prognose, tertialrapport | forecast, tertial report | [`ForecastCheck`] |
//! | flyktningfond, disposisjonsfond | refugee fund | [`FundLedger`], [`FundRules`] |
//! | årsrapport, tertialrapport (det som er kjent om et år) | what is known of a municipality's year | [`MunicipalityYear`] |
//! | framskriving, scenario | projection, scenario | [`projection::Engine`], [`projection::SettlementPath`] |
//! | satser for senere år (antatt), tilskuddskategori | future rates (assumed), grant category | [`projection::RateAssumption`], [`projection::ByCategory`], [`projection::Engine::explain_year`] |
//! | dokument, sak, årsrapport | a document and what it states | [`Document`] |
//! | organ, kommune, fylke, hele landet | body, municipality, county, nation | [`Body`], [`BodyKind`], [`BodyId`] |
//! | enhet (flyktningkontor, voksenopplæring, barnevern) | unit of a municipality | [`BodyKind::Unit`] |
//! | periode, tidsrom, per dato | period, span of years, on a date | [`DocPeriod`] |
//! | opplysning | a stated fact at an address | [`Observation`] |
//! | tallstørrelse, måltall | measure (what a figure counts) | [`MeasureDef`], [`measures`] |
//! | fordeling (kategori, opprinnelse, gruppe) | breakdown | [`Breakdown`], [`Address`] |
//! | tabell, sumrad, sumkolonne | printed table, total row, total column | [`PrintedTable`], [`TableRow`], [`TableColumn`], [`Cell`] |
//! | prikket (:), null (-), mangler (..) | suppressed, nil, not available | [`Cell`] |
//! | sammenheng (sum, differanse, andel, forhold, endring, prosentpoeng) | relation between figures | [`Relation`], [`RelationKind`], [`Term`] |
//! | innstilling, plantall | administration's proposal, planning figure | measures `settlement.proposed`, `settlement.planned` |
//! | status per dato, plasser igjen | status on a date, places remaining | measures `settlement.places_remaining`, `settlement.pace_to_date`, `settlement.arrived_not_housed`, `settlement.in_planning` |
//! | sekundærflytting (inn, ut) | secondary migration | measures `settlement.secondary_in`, `settlement.secondary_out`, `settlement.secondary_net` |
//! | personer i oppfølging (femårsperioden) | caseload | measure `caseload.followed_up` |
//! | budsjettjustering (foreslått, vedtatt) | budget adjustment | measure `budget.adjustment` |
//! | antakelse | an analyst's assumption no document prints | [`Source::assumption`] |
//! | forklaring, formulering | explanation; the model's words in it, said in any language | [`Explanation`], [`Phrase`], [`Arg`] |
//!
//! # How values are built
//!
//! - Small value types (`Year`, `Money`, `Ratio`, `MunicipalityNumber`, `BodyId`, …) have a
//!   checked constructor (`Year::new`, `Ratio::of`) and a text form that round-trips:
//!   `Display` prints what `FromStr` reads; Norwegian text has its own named parser
//!   ([`Money::parse_nb`], [`PublishedFigure::parse`]).
//! - Values whose parts must agree ([`Interval`]'s ends, [`PublishedFigure`]'s positive step,
//!   [`ReconcilePolicy`]'s widths, [`Dwellings`], [`FundEntry`], [`Validity`], [`AgeBand`],
//!   [`Request`]) keep their parts private: a checked `new` returning `Result` builds them,
//!   getters named after the parts read them, and `serde` reads them through the same `new`,
//!   so no invalid one exists in memory.
//! - Aggregates with optional parts are built from `new` and `with_*` setters that take and
//!   return the value (`Settled::new(period).with_total(..).with_em(..)`); a setter never
//!   validates alone, because parts are checked together by `validate(&self)`.
//!   [`Settled::validated`] is `validate` that hands the value back, for the end of a chain.
//!   The fund-risk rules ([`risk::RiskParams`]) are the exception: their parts are
//!   independent but for the floor and the opening balance, so `new` and each `with_*`
//!   setter check what they set and return `Result`.
//!   A few builders read as the provenance they record and keep their short names:
//!   [`Source::quote`], [`Source::dated`], [`Source::at`], [`Source::assumed`],
//!   [`Municipality::formerly`] and [`Body::part_of`].
//! - Parameters of a computation ([`projection::ProjectionParams`],
//!   [`projection::CostModel`], [`projection::FundModel`], [`projection::CohortRates`],
//!   [`FundRules`]) are `#[non_exhaustive]` with public fields to read: `new` takes what is
//!   required, `with_*` sets each optional part to something other than its documented
//!   default, and both check what can be checked alone and return `Result` where there is
//!   something to check (`CostModel::new(5, target, lag, source)?.with_initial_fixed(..)?`);
//!   [`projection::Engine::new`] checks them together. Where a default is sensible it is
//!   `Default` and says what it assumes ([`FundRules::default`],
//!   [`projection::RateAssumption::default`], the latest known rate carried forward). They
//!   may gain parts, each with a default and a setter, so code that builds them keeps
//!   compiling.
//! - Results the model hands back (check results, projection and risk years, goal
//!   evaluations, relation verdicts, [`projection::RateOrigin`]) are `#[non_exhaustive]`:
//!   read their fields, do not build them; they may gain fields.
//! - Text and files are read by one convention: `from_toml_str(text, origin)` (and
//!   `from_json_str`) for text in memory, `load(path)` for a file
//!   ([`GrantRates::from_toml_str`], `bosetting_facts::Facts::load`, `bosetting_imdi::load`);
//!   `origin` names the text in errors. Names replaced in 0.2.0 (`from_toml`,
//!   `projection::Path`, `bosetting_imdi::Read` and `read_file`) remain as deprecated
//!   aliases.
//! - Errors are one enum per crate, named after what fails ([`Error`] here,
//!   `bosetting_facts::FactsError`, `bosetting_imdi::ImportError`, so that glob imports of
//!   several crates do not collide), `#[non_exhaustive]`, `Clone + PartialEq + Send + Sync`,
//!   with lowercase messages that name the field and value; an error caused by another keeps
//!   it as its `source()` ([`IoError`] for the operating system's).
//! - Fieldless enums are `Copy + Ord + Hash` (ordered as declared), to serve as keys.
//! - Data-heavy records (`Document`, `MunicipalityYear`, `Observation`, tables, relations)
//!   have public fields for the facts they hold and are checked where they are used:
//!   [`Document::validate`], [`MunicipalityYear::validate`], and every `serde` read goes
//!   through the same checks.
//! - Enums marked `#[non_exhaustive]` (units, qualifiers, statuses, body kinds, relation
//!   kinds, figure references) may grow; match them with a `_` arm. Measures are not an
//!   enum: they are registered data ([`measures`]).
//!
//! # Words in any language
//!
//! The model never writes a sentence: an explanation's label and formula, a
//! reconciliation, a goal's verdict are [`Phrase`]s, a message id (the English wording with
//! `{placeholders}`, as in gettext) and typed arguments ([`Arg`]: quantities, dates, the
//! document's own words, nested phrases). `Display` writes the English wording with exact
//! values; `bosetting-report` says each phrase in bokmål or English, with numbers in that
//! language's style, from a catalogue kept as data. Words copied from a document or written
//! by an analyst are [`Phrase::verbatim`] and are never translated.
//!
//! ```
//! use bosetting::{Phrase, Quantity, Ratio};
//!
//! let said = Phrase::new("computed {share}, as printed")
//!     .with("share", Quantity::share(Ratio::of(279, 285)?));
//! assert_eq!(said.id(), "computed {share}, as printed");
//! assert_eq!(said.to_string(), "computed 279/285, as printed");
//! # Ok::<(), bosetting::Error>(())
//! ```
//!
//! # Errors
//!
//! Every fallible function returns [`Error`], whose messages name the field and the offending
//! value. Library code never panics on input.

/// The date crate whose types (`NaiveDate`) appear in this API, re-exported so that a
/// program need not match its version and features by hand.
pub use chrono;
/// The decimal crate whose `Decimal` appears in this API, re-exported for the same reason.
pub use rust_decimal;

/// `Deserialize` for a type whose values are all built by a checked constructor: its fields
/// are read as written (each with its serde attributes) and handed, in the order listed, to
/// `Self::$ctor`, so that JSON can give no value a program could not build. The fields are
/// read into a local struct of the type's own name, so that serde's messages name the type.
macro_rules! deserialize_through {
    ($ty:ident :: $ctor:ident { $( $(#[$attr:meta])* $field:ident : $fty:ty ),+ $(,)? }) => {
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
                #[derive(serde::Deserialize)]
                struct $ty {
                    $( $(#[$attr])* $field: $fty, )+
                }
                let read = <$ty as serde::Deserialize>::deserialize(d)?;
                Self::$ctor($(read.$field),+).map_err(serde::de::Error::custom)
            }
        }
    };
}

mod document;
mod economy;
mod error;
mod figures;
mod primitives;
mod programme;
mod rules;
pub mod serde_date;
pub mod serde_exact;
mod settlement;

// The domain modules address each other by concept (`crate::money`, `crate::quota`); these
// aliases keep those paths while the folders show the layers.
use document::year_view as dossier;
use economy::{budget, fund, grants};
pub use economy::{projection, risk};
pub use figures::compare;
use figures::published;
use primitives::{
    calendar, dec, explain, interval, money, municipality, phrase, provenance, ratio, rounding,
};
use programme::{goals, staffing};
use settlement::{family, housing, quota, series, year};

pub use budget::{Budget, BudgetAdjustment, ConsumptionCheck, ForecastCheck, ServiceResult};
pub use calendar::{GrantYear, Period, Tertial, Year};
pub use document::{
    Address, AddressPart, Adds, Body, BodyId, BodyKind, Breakdown, Cell, DocPeriod, Document,
    FigureArg, FigureCheck, FigureInfo, Formula, IndexedDocument, MeasureDef, Observation,
    PrintedTable, Relation, RelationKind, RelationVerdict, TableColumn, TableRow, Term, YearView,
    measure, measures, nearest_name,
};
pub use dossier::{
    CheckKind, CheckResult, CheckSpec, FigureRef, IndexedYear, MunicipalityYear, National,
    Programme, Project, PublishedRate, RuleStatement, SeriesField,
};
pub use error::{Error, IoError, Result};
pub use explain::{Derived, Explanation, Quantity, Unit, Value};
pub use family::{FamilyCase, FamilyGrant, FamilyGrantRule, FamilyReunification, Sponsor};
pub use fund::{EntryKind, FundEntry, FundLedger, FundRules};
pub use goals::{Gap, Goal, GoalEvaluation, GoalStatus, Side};
pub use grants::{
    AgeLimits, DisabilityKind, EntitlementLine, Entitlements, GrantCategory, GrantCohort,
    GrantKind, GrantRates, IntegrationRule, MissingNote, OtherValue, Rate, RateYear, RecordedValue,
    Standing, Validity, entitlements,
};
pub use housing::{DwellingKind, Dwellings, Housing};
pub use interval::{Bound, Interval};
pub use money::{Money, ParsedAmount, parse_amount};
pub use municipality::{
    FormerNumber, GroupPart, Harmonisation, Municipality, MunicipalityGroup, MunicipalityNumber,
    NumberChange, Renumbering, Split, Ungrouped,
};
pub use phrase::{Arg, Phrase};
pub use programme::participants::{
    Cohort, CohortLimits, Exits, Indicator, Measure, Outcome, OutcomeDefinition, ProgrammeStock,
    RateDecomposition, Regime, RegimeTable,
};
pub use provenance::{Fact, Source};
pub use published::{
    Computed, CountFit, PublishedFigure, Qualifier, ReconcilePolicy, Reconciliation, RuleOutcome,
    Status,
};
pub use quota::{
    AgeBand, Condition, Decision, DecisionKind, DecisionOutcome, DecisionStatus, EmPart, Places,
    Request, RequestFigures, fold_decisions,
};
pub use ratio::Ratio;
pub use rounding::RoundingRule;
pub use series::{PercentOfRequest, QuotaSeries, Reported, YearQuota};
pub use settlement::settled::{
    Category, GroupCount, Origin, OriginCount, Settled, SettlementEvent,
};
pub use staffing::{Activity, Staffing, StaffingChange, Uptake};
pub use year::{Against, Pace, SettlementYear};

#[cfg(test)]
pub(crate) mod testing {
    /// Property tests run 2 000 cases by default (a few thousand in CI) and as many as
    /// `PROPTEST_CASES` asks for.
    pub(crate) fn config() -> proptest::test_runner::Config {
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000);
        proptest::test_runner::Config::with_cases(cases)
    }
}
