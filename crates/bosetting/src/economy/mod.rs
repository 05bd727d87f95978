//! Money: grant rates and entitlements, budgets, forecasts, the refugee fund and the
//! projection engine.

pub(crate) mod budget;
pub(crate) mod fund;
pub(crate) mod grants;
pub mod projection;
