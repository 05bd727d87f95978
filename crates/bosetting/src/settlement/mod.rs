//! Settlement: IMDi's requests and the council's decisions, settled persons, family
//! reunification, housing, a municipality's settlement year and multi-year tables.

pub(crate) mod family;
pub(crate) mod housing;
pub(crate) mod quota;
pub(crate) mod series;
pub(crate) mod settled;
pub(crate) mod year;

pub(crate) use settled::*;
