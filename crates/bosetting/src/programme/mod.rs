//! The introduction programme: participants, exits and outcomes, goals and staffing.

pub(crate) mod goals;
pub(crate) mod participants;
pub(crate) mod staffing;

pub(crate) use participants::*;
