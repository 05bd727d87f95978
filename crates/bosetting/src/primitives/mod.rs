//! Primitives that know nothing of the domain: calendar periods, exact money and ratios,
//! named rounding rules, intervals, municipality numbers, sources and explanations.

pub(crate) mod calendar;
pub(crate) mod dec;
pub(crate) mod explain;
pub(crate) mod interval;
pub(crate) mod money;
pub(crate) mod municipality;
#[macro_use]
pub(crate) mod names;
pub(crate) mod phrase;
pub(crate) mod provenance;
pub(crate) mod ratio;
pub(crate) mod rounding;
