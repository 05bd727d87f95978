//! Money: grant rates and entitlements, budgets, forecasts, the refugee fund and the
//! projection engine.

pub(crate) mod budget;
pub(crate) mod fund;
pub(crate) mod grants;
pub mod projection;
pub mod risk;

use crate::document::{Adds, Formula, MeasureDef};
use crate::explain::Unit;

/// The money measures any body and period can be asked for.
pub(crate) const MEASURES: &[MeasureDef] = &[
    MeasureDef::stated(
        "budget.frame",
        Unit::Kroner,
        Adds::PartsAndPeriods,
        "the budget frame (revised where the document says so)",
    ),
    MeasureDef::stated(
        "budget.actual",
        Unit::Kroner,
        Adds::PartsAndPeriods,
        "net spending (regnskap)",
    ),
    MeasureDef::stated(
        "budget.adjustment",
        Unit::Kroner,
        Adds::PartsAndPeriods,
        "a change to the frame during the year (a group names it, and may say \"proposed\" or \"adopted\")",
    ),
    MeasureDef::derived(
        "budget.result",
        Unit::Kroner,
        "frame − actual: positive is an underspend (mindreforbruk), negative an overspend (merforbruk)",
        Formula::Difference("budget.frame", "budget.actual"),
    ),
    MeasureDef::derived(
        "budget.consumption",
        Unit::Share,
        "actual as a share of the frame (forbruksprosent)",
        Formula::Quotient("budget.actual", "budget.frame"),
    ),
    MeasureDef::stated(
        "economy.grant_income",
        Unit::Kroner,
        Adds::PartsAndPeriods,
        "state grants received (integration grant and others; a group names the grant)",
    ),
    MeasureDef::stated(
        "economy.costs",
        Unit::Kroner,
        Adds::PartsAndPeriods,
        "the costs of settlement and integration",
    ),
    MeasureDef::derived(
        "economy.surplus",
        Unit::Kroner,
        "grant income − costs",
        Formula::Difference("economy.grant_income", "economy.costs"),
    ),
    MeasureDef::stated(
        "fund.balance",
        Unit::Kroner,
        Adds::Parts,
        "the refugee fund's balance on a date",
    ),
    MeasureDef::stated(
        "fund.transfer",
        Unit::Kroner,
        Adds::PartsAndPeriods,
        "money moved to (positive) or from (negative) the refugee fund",
    ),
];
