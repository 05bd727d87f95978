//! How a printed number relates to an exact one: published figures as intervals, their
//! reconciliation with what the model computes, and the comparisons (differences, shares,
//! changes) that derived figures are made of.

pub mod compare;
pub(crate) mod published;
