//! Settlement: IMDi's requests and the council's decisions, settled persons, family
//! reunification, housing, a municipality's settlement year and multi-year tables.

pub(crate) mod family;
pub(crate) mod housing;
pub(crate) mod quota;
pub(crate) mod series;
pub(crate) mod settled;
pub(crate) mod year;

pub(crate) use settled::*;

use crate::document::{Adds, Formula, MeasureDef};
use crate::explain::Unit;

/// The settlement measures any body and period can be asked for (see
/// [`measures`](crate::measures)).
pub(crate) const MEASURES: &[MeasureDef] = &[
    MeasureDef::stated(
        "settlement.request",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "persons IMDi asks the body to settle (the current, possibly revised request)",
    ),
    MeasureDef::stated(
        "settlement.request_original",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "IMDi's original request, before any revision",
    ),
    MeasureDef::stated(
        "settlement.proposed",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "places the administration proposes (innstilling), not yet decided",
    ),
    MeasureDef::stated(
        "settlement.decided",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "places the council decided (vedtak), in force",
    ),
    MeasureDef::stated(
        "settlement.planned",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "persons the body plans for (a planning figure, not a decision)",
    ),
    MeasureDef::stated(
        "settlement.settled",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "persons settled",
    ),
    MeasureDef::stated(
        "settlement.family",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "family-reunified persons, who come in addition to the decision",
    ),
    MeasureDef::stated(
        "settlement.waiting",
        Unit::Persons,
        Adds::Parts,
        "persons in reception centres waiting to be settled, on a date",
    ),
    MeasureDef::stated(
        "settlement.resident",
        Unit::Persons,
        Adds::Parts,
        "settled refugees still living in the body, on a date",
    ),
    MeasureDef::stated(
        "settlement.arrived_not_housed",
        Unit::Persons,
        Adds::Parts,
        "persons arrived but not yet in a dwelling, on a date",
    ),
    MeasureDef::stated(
        "settlement.in_planning",
        Unit::Persons,
        Adds::Parts,
        "persons whose settlement is being planned (accepted, not yet arrived), on a date",
    ),
    MeasureDef::stated(
        "settlement.self_settled",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "persons settled by agreed self-settlement (avtalt selvbosetting)",
    ),
    MeasureDef::stated(
        "settlement.secondary_in",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "refugees who moved in from another municipality within their first five years (sekundærflytting inn)",
    ),
    MeasureDef::stated(
        "settlement.secondary_out",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "refugees who moved out to another municipality within their first five years (sekundærflytting ut)",
    ),
    MeasureDef::derived(
        "settlement.secondary_net",
        Unit::Persons,
        "secondary migration in − out",
        Formula::Difference("settlement.secondary_in", "settlement.secondary_out"),
    ),
    MeasureDef::stated(
        "caseload.followed_up",
        Unit::Persons,
        Adds::Parts,
        "persons the service follows up within the five-year period (a group names the settlement year)",
    ),
    MeasureDef::derived(
        "settlement.places_remaining",
        Unit::Persons,
        "places of the year's decision not yet filled by a date: decided for the year − settled by the date",
        Formula::YearLess("settlement.decided", "settlement.settled"),
    ),
    MeasureDef::derived(
        "settlement.pace_to_date",
        Unit::Share,
        "settled by a date as a share of the year's decision",
        Formula::ShareOfYear("settlement.settled", "settlement.decided"),
    ),
    MeasureDef::derived(
        "settlement.shortfall",
        Unit::Persons,
        "decided places not filled: decided − settled",
        Formula::Difference("settlement.decided", "settlement.settled"),
    ),
    MeasureDef::derived(
        "settlement.decided_less_request",
        Unit::Persons,
        "decided − requested: negative where the council decided fewer than asked",
        Formula::Difference("settlement.decided", "settlement.request"),
    ),
    MeasureDef::derived(
        "settlement.request_revision",
        Unit::Persons,
        "current request − original request",
        Formula::Difference("settlement.request", "settlement.request_original"),
    ),
    MeasureDef::derived(
        "settlement.fulfilment",
        Unit::Share,
        "settled as a share of the decision",
        Formula::Quotient("settlement.settled", "settlement.decided"),
    ),
    MeasureDef::derived(
        "settlement.fulfilment_of_request",
        Unit::Share,
        "settled as a share of the request",
        Formula::Quotient("settlement.settled", "settlement.request"),
    ),
    MeasureDef::derived(
        "settlement.decision_share_of_request",
        Unit::Share,
        "decided as a share of the request",
        Formula::Quotient("settlement.decided", "settlement.request"),
    ),
    MeasureDef::derived(
        "settlement.with_family",
        Unit::Persons,
        "settled + family-reunified",
        Formula::Sum(&["settlement.settled", "settlement.family"]),
    ),
    MeasureDef::derived(
        "settlement.settled_share",
        Unit::Share,
        "this part of the settled persons (a category, origin or group) as a share of all settled",
        Formula::ShareOfWhole("settlement.settled"),
    ),
    MeasureDef::derived(
        "settlement.request_share",
        Unit::Share,
        "this part of the request as a share of the whole request",
        Formula::ShareOfWhole("settlement.request"),
    ),
];
