//! Documents as they are written: several bodies and periods, printed tables with totals,
//! and relations between any figures. [`MunicipalityYear`](crate::MunicipalityYear) is one
//! view of a document: one municipality's year.

pub(crate) mod year_view;
