//! No invalid value exists in memory (issue 12 point 5): each checked type refuses an invalid
//! value when a program builds it and when JSON gives it, through the same constructor, and
//! every valid value round-trips through serde unchanged.
//!
//! Only the public API is used, as a program would: that such values cannot be written as
//! struct literals is shown by the `compile_fail` examples in each type's documentation.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting::chrono::NaiveDate;
use bosetting::{
    AgeBand, Bound, DwellingKind, Dwellings, EntryKind, Fact, FundEntry, Interval, Money,
    PublishedFigure, Qualifier, Ratio, ReconcilePolicy, Request, RequestFigures, RoundingRule,
    Source, Unit, Validity, Year,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// The error JSON gives for `v`, or "accepted".
fn read<T: DeserializeOwned>(v: Value) -> String {
    match serde_json::from_value::<T>(v) {
        Ok(_) => "accepted".to_owned(),
        Err(e) => e.to_string(),
    }
}

/// `good` as JSON with `field` set to `bad`.
fn with<T: Serialize>(good: &T, field: &str, bad: Value) -> Value {
    let mut v = serde_json::to_value(good).unwrap();
    v[field] = bad;
    v
}

/// Written as JSON and read back, the value is the same, and so is its JSON.
fn round_trips<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
    x: &T,
) -> Result<(), TestCaseError> {
    let text = serde_json::to_string(x).unwrap();
    let back: T = serde_json::from_str(&text)
        .map_err(|e| TestCaseError::fail(format!("{text} does not read back: {e}")))?;
    prop_assert_eq!(&back, x);
    prop_assert_eq!(serde_json::to_string(&back).unwrap(), text);
    Ok(())
}

fn src() -> Source {
    Source::new("test").quote("as printed")
}

fn year(y: i32) -> Year {
    Year::new(y).unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn an_interval_whose_ends_cross_is_refused() {
    let e = Interval::new(Bound::Included(dec!(5)), Bound::Excluded(dec!(3))).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid interval [5, 3): the lower end is above the upper end: write the smaller number first"
    );
    assert!(Interval::closed(dec!(2), dec!(1)).is_err());
    assert!("[5, 3)".parse::<Interval>().is_err());
    // Ends that meet are how an empty interval is written.
    assert!(
        Interval::new(Bound::Included(dec!(3)), Bound::Excluded(dec!(3)))
            .unwrap()
            .is_empty()
    );

    let good = Interval::closed(dec!(1), dec!(5)).unwrap();
    let e = read::<Interval>(with(&good, "lower", json!({ "included": "6" })));
    assert!(e.contains("invalid interval [6, 5]"), "{e}");
}

#[test]
fn a_published_figure_without_a_positive_step_is_refused() {
    for step in [dec!(0), dec!(-1)] {
        let e = PublishedFigure::new(
            "71 %",
            dec!(71),
            Unit::Percent,
            step,
            Qualifier::Rounded,
            src(),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "invalid published figure step {step}: must be positive: the value of one unit in the last printed digit (1 for a whole number)"
            )
        );
    }
    let good = PublishedFigure::parse("71 %", Unit::Percent, src()).unwrap();
    assert_eq!(good.step(), dec!(1));
    for step in ["0", "-1"] {
        let e = read::<PublishedFigure>(with(&good, "step", json!(step)));
        assert!(
            e.contains(&format!("invalid published figure step {step}")),
            "{e}"
        );
    }
}

#[test]
fn a_reconcile_policy_with_a_width_out_of_range_is_refused() {
    let pct = |p: Decimal| Ratio::from_percent(p);
    let fifty = pct(dec!(50));
    let cases = [
        (
            pct(dec!(-10)),
            fifty,
            fifty,
            "reconcile policy approximate -10/100",
        ),
        (
            pct(dec!(10)),
            pct(dec!(-5)),
            fifty,
            "reconcile policy more_than -5/100",
        ),
        (
            pct(dec!(10)),
            fifty,
            pct(dec!(-5)),
            "reconcile policy less_than -5/100",
        ),
        (
            pct(dec!(150)),
            fifty,
            fifty,
            "reconcile policy approximate 150/100",
        ),
        (
            pct(dec!(10)),
            fifty,
            pct(dec!(150)),
            "reconcile policy less_than 150/100",
        ),
    ];
    for (approximate, more_than, less_than, message) in cases {
        let e = ReconcilePolicy::new(RoundingRule::HalfUp, approximate, more_than, less_than)
            .unwrap_err();
        assert!(e.to_string().contains(message), "{e}");
        let field = message.split(' ').nth(2).unwrap();
        let width = [approximate, more_than, less_than][match field {
            "approximate" => 0,
            "more_than" => 1,
            _ => 2,
        }];
        let bad = with(
            &ReconcilePolicy::default(),
            field,
            serde_json::to_value(width).unwrap(),
        );
        let e = read::<ReconcilePolicy>(bad);
        assert!(e.contains(message), "{e}");
    }
    // "vel 70" may reach as far above 70 as a user likes.
    assert!(ReconcilePolicy::new(RoundingRule::HalfUp, fifty, pct(dec!(300)), fifty).is_ok());
}

#[test]
fn dwellings_for_no_one_are_refused() {
    let count = || Fact::new(100, src());
    for per in [dec!(0), dec!(-2.5)] {
        let e = Dwellings::new(
            DwellingKind::Municipal,
            count(),
            Some(Fact::new(per, src())),
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "invalid persons_per_dwelling {per}: must be positive: leave it out where the plan does not say"
            )
        );
    }
    let good = Dwellings::new(
        DwellingKind::Municipal,
        count(),
        Some(Fact::new(dec!(2.5), src())),
    )
    .unwrap();
    let mut bad = serde_json::to_value(&good).unwrap();
    bad["persons_per_dwelling"]["value"] = json!("0");
    let e = read::<Dwellings>(bad);
    assert!(e.contains("invalid persons_per_dwelling 0"), "{e}");
}

#[test]
fn a_fund_movement_without_a_positive_amount_is_refused() {
    for amount in [0, -5] {
        let e = FundEntry::new(
            date(2020, 12, 31),
            EntryKind::Withdrawal,
            Money::kroner(amount),
            "cover lost grant income",
            src(),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .starts_with(&format!("invalid fund movement amount {amount}")),
            "{e}"
        );
    }
    let good = FundEntry::new(
        date(2020, 12, 31),
        EntryKind::Deposit,
        Money::kroner(5),
        "surplus",
        src(),
    )
    .unwrap();
    let e = read::<FundEntry>(with(&good, "amount", json!("-5")));
    assert!(e.contains("invalid fund movement amount -5"), "{e}");
}

#[test]
fn a_validity_that_ends_before_it_starts_is_refused() {
    let e = Validity::new(year(2024), year(2020)).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid validity 2024–2020: it ends before it starts; write the first year first"
    );
    let good = Validity::new(year(2020), year(2024)).unwrap();
    assert_eq!((good.first(), good.last()), (year(2020), year(2024)));
    let e = read::<Validity>(with(&good, "to", json!(2019)));
    assert!(e.contains("invalid validity 2020–2019"), "{e}");
}

#[test]
fn an_age_band_that_runs_backwards_is_refused() {
    let e = AgeBand::new(18, 15).unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid EM age band 18–15: the youngest age is above the oldest"
    );
    let good = AgeBand::new(15, 17).unwrap();
    let e = read::<AgeBand>(with(&good, "min_age", json!(18)));
    assert!(e.contains("invalid EM age band 18–17"), "{e}");
}

#[test]
fn a_request_read_alone_is_checked_as_one_built_in_code() {
    let figures = |total, em, date| RequestFigures {
        total: Some(total),
        em,
        date,
        source: src(),
    };
    // In code: an EM part above the total, a date outside the window (from 1 January of
    // the year before to the end of the year), a revision dated before the previous one.
    let e = Request::new(year(2023), figures(10, Some(11), None)).unwrap_err();
    assert!(e.to_string().contains("request EM part (11)"), "{e}");
    assert!(Request::new(year(2023), figures(10, None, Some(date(2021, 12, 31)))).is_err());
    let mut good =
        Request::new(year(2023), figures(360, Some(20), Some(date(2022, 5, 1)))).unwrap();
    good.revise(figures(430, None, Some(date(2022, 10, 1))))
        .unwrap();
    assert!(
        good.clone()
            .revise(figures(400, None, Some(date(2022, 9, 1))))
            .is_err()
    );

    // From JSON, the same checks.
    let json_good = serde_json::to_value(&good).unwrap();
    assert_eq!(
        serde_json::from_value::<Request>(json_good.clone()).unwrap(),
        good
    );
    let mut em_above = json_good.clone();
    em_above["original"]["em"] = json!(400);
    let e = read::<Request>(em_above);
    assert!(e.contains("request EM part (400)"), "{e}");

    let mut early = json_good.clone();
    early["original"]["date"] = json!("2021-12-31");
    let e = read::<Request>(early);
    assert!(e.contains("2021-12-31"), "{e}");

    let mut out_of_order = json_good.clone();
    out_of_order["revisions"][0]["date"] = json!("2022-04-01");
    let e = read::<Request>(out_of_order);
    assert!(e.contains("invalid revised request date 2022-04-01"), "{e}");

    let mut revised_em_above = json_good;
    revised_em_above["revisions"][0]["total"] = json!(10);
    let e = read::<Request>(revised_em_above);
    assert!(e.contains("revised request EM part (20)"), "{e}");
}

fn bound() -> impl Strategy<Value = Bound> {
    let d = (-1_000_000_000i64..1_000_000_000, 0u32..4).prop_map(|(n, s)| Decimal::new(n, s));
    prop_oneof![
        Just(Bound::Unbounded),
        d.clone().prop_map(Bound::Included),
        d.prop_map(Bound::Excluded),
    ]
}

fn source() -> impl Strategy<Value = Source> {
    ("\\PC{1,20}", proptest::option::of("\\PC{0,30}")).prop_map(|(doc, quote)| {
        let s = Source::new(doc);
        match quote {
            Some(q) => s.quote(q),
            None => s,
        }
    })
}

fn percent() -> impl Strategy<Value = Ratio> {
    (0i64..=10_000).prop_map(|p| Ratio::from_percent(Decimal::new(p, 2)))
}

proptest! {
    #[test]
    fn valid_intervals_round_trip((lower, upper) in (bound(), bound())) {
        if let Ok(i) = Interval::new(lower, upper) {
            round_trips(&i)?;
            prop_assert_eq!(i.to_string().parse::<Interval>().unwrap(), i);
        } else {
            // Refused only where both ends are bounded and cross.
            let (l, u) = (lower.value().unwrap(), upper.value().unwrap());
            prop_assert!(l > u);
        }
    }

    #[test]
    fn valid_published_figures_round_trip(
        text in "\\PC{0,20}",
        value in (-1_000_000_000i64..1_000_000_000, 0u32..4).prop_map(|(n, s)| Decimal::new(n, s)),
        step in (1i64..1_000_000, 0u32..4).prop_map(|(n, s)| Decimal::new(n, s)),
        unit in prop::sample::select(vec![Unit::Persons, Unit::Percent, Unit::Kroner, Unit::Fte]),
        qualifier in prop::sample::select(vec![
            Qualifier::Exact, Qualifier::Rounded, Qualifier::Approximate, Qualifier::AtLeast,
            Qualifier::MoreThan, Qualifier::AtMost, Qualifier::LessThan,
        ]),
        source in source(),
    ) {
        let f = PublishedFigure::new(text, value, unit, step, qualifier, source).unwrap();
        round_trips(&f)?;
    }

    #[test]
    fn valid_reconcile_policies_round_trip(
        rule in prop::sample::select(RoundingRule::ALL.to_vec()),
        approximate in percent(),
        more_than in (0i64..=100_000).prop_map(|p| Ratio::from_percent(Decimal::new(p, 2))),
        less_than in percent(),
    ) {
        let p = ReconcilePolicy::new(rule, approximate, more_than, less_than).unwrap();
        round_trips(&p)?;
    }

    #[test]
    fn valid_dwellings_round_trip(
        kind in prop::sample::select(vec![
            DwellingKind::Municipal, DwellingKind::PrivateContract,
            DwellingKind::AgreedSelfSettlement, DwellingKind::SharedHomeEm,
            DwellingKind::Unspecified,
        ]),
        count in any::<u32>(),
        per in proptest::option::of((1i64..100_000, 0u32..4).prop_map(|(n, s)| Decimal::new(n, s))),
        source in source(),
    ) {
        let d = Dwellings::new(
            kind,
            Fact::new(count, source.clone()),
            per.map(|p| Fact::new(p, source)),
        ).unwrap();
        round_trips(&d)?;
    }

    #[test]
    fn valid_fund_movements_round_trip(
        day in 0u64..20_000,
        deposit in any::<bool>(),
        ore in 1i64..1_000_000_000_000,
        purpose in "\\PC{0,30}",
        source in source(),
    ) {
        let kind = if deposit { EntryKind::Deposit } else { EntryKind::Withdrawal };
        let e = FundEntry::new(
            date(1990, 1, 1) + bosetting::chrono::Days::new(day),
            kind,
            Money::new(Decimal::new(ore, 2)),
            purpose,
            source,
        ).unwrap();
        round_trips(&e)?;
    }

    #[test]
    fn valid_validities_round_trip(first in 1800i32..=2150, span in 0i32..=50) {
        let v = Validity::new(year(first), year(first + span)).unwrap();
        round_trips(&v)?;
    }

    #[test]
    fn valid_age_bands_round_trip(min in 0u8..=u8::MAX, span in 0u8..=u8::MAX) {
        let b = AgeBand::new(min, min.saturating_add(span)).unwrap();
        round_trips(&b)?;
    }

    #[test]
    fn valid_requests_round_trip(
        y in 1950i32..2100,
        total in 0u32..2_000,
        em_share in proptest::option::of(0u32..=100),
        days in proptest::collection::vec((0i64..730, proptest::option::of(0u32..2_000)), 0..4),
        source in source(),
    ) {
        let em = |t: u32| em_share.map(|s| t * s / 100);
        let first_day = date(y - 1, 1, 1);
        let mut r = Request::new(year(y), RequestFigures {
            total: Some(total),
            em: em(total),
            date: None,
            source: source.clone(),
        }).unwrap();
        let mut sorted = days;
        sorted.sort_by_key(|(d, _)| *d);
        for (d, t) in sorted {
            let t = t.unwrap_or(total);
            r.revise(RequestFigures {
                total: Some(t),
                em: em(t),
                date: Some(first_day + bosetting::chrono::Days::new(d.unsigned_abs())),
                source: source.clone(),
            }).unwrap();
        }
        round_trips(&r)?;
    }
}
