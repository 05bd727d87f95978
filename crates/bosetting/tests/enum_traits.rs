//! The public fieldless enums are keys: ordered (in the order they are declared), hashed and
//! copied, so that a program can put them in a `BTreeMap`, a `HashSet` or sort by them.

use std::collections::{BTreeSet, HashSet};
use std::hash::Hash;

use bosetting::{
    Adds, Against, CheckKind, DecisionKind, DecisionStatus, EntryKind, GoalStatus, Measure,
    Qualifier, RateYear, SeriesField, Side, Unit,
};

fn key<T: Copy + Ord + Hash>() {}

#[test]
fn fieldless_enums_are_ordered_hashed_keys() {
    key::<Adds>();
    key::<Against>();
    key::<CheckKind>();
    key::<DecisionKind>();
    key::<DecisionStatus>();
    key::<EntryKind>();
    key::<GoalStatus>();
    key::<Measure>();
    key::<Qualifier>();
    key::<RateYear>();
    key::<SeriesField>();
    key::<Side>();
    key::<Unit>();
}

#[test]
fn they_order_as_declared() {
    let sorted: Vec<EntryKind> = BTreeSet::from([EntryKind::Withdrawal, EntryKind::Deposit])
        .into_iter()
        .collect();
    assert_eq!(sorted, [EntryKind::Deposit, EntryKind::Withdrawal]);
    assert!(RateYear::Payment < RateYear::FirstSettlement);
    assert!(Against::Decision < Against::OriginalRequest);
    let set: HashSet<Against> = [Against::Decision, Against::Request, Against::Decision].into();
    assert_eq!(set.len(), 2);
}
