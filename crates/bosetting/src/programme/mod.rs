//! The introduction programme: participants, exits and outcomes, goals and staffing.

pub(crate) mod goals;
pub(crate) mod participants;
pub(crate) mod staffing;

pub(crate) use participants::*;

use crate::document::{Adds, Formula, MeasureDef};
use crate::explain::Unit;

/// The programme measures any body and period can be asked for.
pub(crate) const MEASURES: &[MeasureDef] = &[
    MeasureDef::stated(
        "programme.participants",
        Unit::Persons,
        Adds::Parts,
        "participants in the introduction programme (in the period, or on a date)",
    ),
    MeasureDef::stated(
        "programme.exits",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "participants who left the programme; with a group, those whose outcome was that group",
    ),
    MeasureDef::stated(
        "programme.work_or_education",
        Unit::Persons,
        Adds::PartsAndPeriods,
        "participants who left the programme for work or education",
    ),
    MeasureDef::derived(
        "programme.rate",
        Unit::Share,
        "work or education as a share of those who left",
        Formula::Quotient("programme.work_or_education", "programme.exits"),
    ),
    MeasureDef::derived(
        "programme.exit_share",
        Unit::Share,
        "those who left with this outcome (group) as a share of all who left",
        Formula::ShareOfWhole("programme.exits"),
    ),
    MeasureDef::stated(
        "staffing.fte",
        Unit::Fte,
        Adds::Parts,
        "full-time equivalents (årsverk)",
    ),
];
