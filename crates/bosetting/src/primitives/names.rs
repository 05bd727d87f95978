//! Text forms that round-trip: every domain enum prints its data-file name and parses it
//! back (`Category::UnaccompaniedMinor` ⇄ `"unaccompanied-minor"`), with a real error for
//! anything else.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::error::{Error, Result};

/// The data-file name of a unit enum variant.
pub(crate) fn name_of<T: Serialize>(v: &T) -> String {
    match toml::Value::try_from(v) {
        Ok(toml::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The variant a data-file name names.
pub(crate) fn parse_name<T: DeserializeOwned>(s: &str, what: &'static str) -> Result<T> {
    toml::Value::String(s.trim().to_owned())
        .try_into::<T>()
        .map_err(|e| Error::Parse {
            what,
            text: s.to_owned(),
            reason: e.to_string().trim().to_owned(),
        })
}

/// `Display` and `FromStr` by data-file name, for enums whose variants are all names.
macro_rules! data_file_names {
    ($($t:ty => $what:literal),* $(,)?) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&crate::primitives::names::name_of(self))
            }
        }
        impl std::str::FromStr for $t {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<$t> {
                crate::primitives::names::parse_name(s, $what)
            }
        }
    )*};
}

/// `FromStr` by data-file name, for enums that already print their data-file name.
macro_rules! parse_by_name {
    ($($t:ty => $what:literal),* $(,)?) => {$(
        impl std::str::FromStr for $t {
            type Err = crate::Error;
            fn from_str(s: &str) -> crate::Result<$t> {
                crate::primitives::names::parse_name(s, $what)
            }
        }
    )*};
}

data_file_names! {
    crate::settlement::Category => "category",
    crate::settlement::Origin => "origin",
    crate::quota::DecisionKind => "decision kind",
    crate::quota::DecisionStatus => "decision status",
    crate::family::Sponsor => "sponsor",
    crate::housing::DwellingKind => "dwelling kind",
    crate::programme::Measure => "programme measure",
    crate::fund::EntryKind => "fund entry kind",
    crate::year::Against => "against",
    crate::published::Qualifier => "qualifier",
    crate::grants::GrantCategory => "grant category",
    crate::grants::Standing => "standing",
    crate::goals::GoalStatus => "goal status",
    crate::projection::Apportionment => "apportionment",
}

parse_by_name! {
    crate::published::Status => "status",
    crate::explain::Unit => "unit",
    crate::programme::Outcome => "outcome",
    crate::document::RelationKind => "relation kind",
}

impl std::str::FromStr for crate::document::BodyId {
    type Err = Error;
    fn from_str(s: &str) -> Result<crate::document::BodyId> {
        crate::document::BodyId::new(s)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod tests {
    use std::fmt::Debug;
    use std::str::FromStr;

    use proptest::prelude::*;

    use crate::*;

    fn round_trip<T: std::fmt::Display + FromStr<Err = Error> + PartialEq + Debug>(v: T) {
        let s = v.to_string();
        assert_eq!(s.parse::<T>().unwrap(), v, "{s}");
    }

    #[test]
    fn every_enum_variant_round_trips_through_its_name() {
        for v in [Category::Ordinary, Category::UnaccompaniedMinor] {
            round_trip(v);
        }
        assert_eq!(
            Category::UnaccompaniedMinor.to_string(),
            "unaccompanied-minor"
        );
        for v in [
            Origin::Resettlement,
            Origin::ReceptionCentre,
            Origin::AgreedSelfSettlement,
            Origin::Other,
        ] {
            round_trip(v);
        }
        for v in [
            Against::Decision,
            Against::Request,
            Against::OriginalRequest,
        ] {
            round_trip(v);
        }
        for v in [
            Status::Input,
            Status::Reproduced,
            Status::Consistent,
            Status::Inconsistent,
        ] {
            round_trip(v);
        }
        for v in [
            Unit::Persons,
            Unit::Kroner,
            Unit::Percent,
            Unit::PercentagePoints,
            Unit::PersonsPerDwelling,
        ] {
            round_trip(v);
        }
        for v in [
            RelationKind::Sum,
            RelationKind::ChangeRelative,
            RelationKind::ChangePoints,
        ] {
            round_trip(v);
        }
        for v in [Qualifier::Exact, Qualifier::MoreThan, Qualifier::AtMost] {
            round_trip(v);
        }
        for v in crate::grants::GrantCategory::ALL {
            round_trip(v);
        }
        assert_eq!(
            crate::grants::GrantCategory::SingleAdult.to_string(),
            "single-adult"
        );
        for v in [
            crate::grants::Standing::Adopted,
            crate::grants::Standing::Proposed,
            crate::grants::Standing::Secondary,
        ] {
            round_trip(v);
        }
        for v in [
            crate::goals::GoalStatus::Met,
            crate::goals::GoalStatus::NotMet,
            crate::goals::GoalStatus::NotMeasurable,
        ] {
            round_trip(v);
        }
        for v in [
            RoundingRule::HalfUp,
            RoundingRule::HalfEven,
            RoundingRule::Truncate,
            RoundingRule::Floor,
        ] {
            round_trip(v);
        }
        let e = "adults".parse::<Category>().unwrap_err().to_string();
        assert!(e.contains("adults") && e.contains("ordinary"), "{e}");
    }

    proptest! {
        #![proptest_config(crate::testing::config())]

        /// Every value type with a text form prints what it parses.
        #[test]
        fn value_types_round_trip(
            ore in -1_000_000_000_000_i64..1_000_000_000_000,
            num in -100_000_i64..100_000,
            den in 1_i64..100_000,
            y in 1990_i32..2040,
            t in 1_u8..=3,
            g in 1_u8..=5,
            n in 0_u16..10_000,
            lo in -1_000_i64..1_000,
            w in 0_i64..1_000,
            kinds in 0_u8..4,
        ) {
            round_trip(Money::from_ore(ore));
            round_trip(Ratio::new(num.into(), den.into()).unwrap());
            round_trip(Year::new(y).unwrap());
            round_trip(Tertial::new(Year::new(y).unwrap(), t).unwrap());
            round_trip(GrantYear::new(g).unwrap());
            // Not every four digits is a municipality ("0000" is refused); every one that is
            // prints itself.
            if let Ok(m) = format!("{n:04}").parse::<MunicipalityNumber>() {
                round_trip(m);
            }
            let (a, b) = (rust_decimal::Decimal::new(lo, 1), rust_decimal::Decimal::new(lo + w, 1));
            let bound = |k: u8, v| match k { 0 => Bound::Included(v), 1 => Bound::Excluded(v), _ => Bound::Unbounded };
            let i = Interval::new(bound(kinds % 3, a), bound(kinds / 2, b)).unwrap();
            prop_assume!(!i.is_empty() || i.as_point().is_some());
            round_trip(i);
            let p = Period::new(Year::new(y).unwrap().first_day(), Year::new(y).unwrap().last_day()).unwrap();
            round_trip(p);
        }
    }
}
