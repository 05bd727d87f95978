//! Bad rule tables, table-driven: each gives its exact error with the table's name and line.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting::{GrantRates, RegimeTable, Renumbering};

const RATE: &str = "[[integration]]\nyear = 2024\ncategory = \"child\"\ngrant_year = 1\namount = \"100\"\nsource = { document = \"x\" }\n";

#[test]
fn grant_rates() {
    let cases: &[(&str, String, &str)] = &[
        (
            "unknown category",
            RATE.replace("child", "infant"),
            "rule table r.toml: line 3: unknown variant `infant`, expected one of `single-adult`, `other-adult`, `child`, `unaccompanied-minor`, `all`",
        ),
        (
            "grant year 6",
            RATE.replace("grant_year = 1", "grant_year = 6"),
            "rule table r.toml: line 4: invalid grant year 6: expected 1 to 5",
        ),
        (
            "negative rate",
            RATE.replace("\"100\"", "\"-100\""),
            "rule table r.toml: invalid integration grant rate -100 kr: a rate must not be negative",
        ),
        (
            "huge year",
            RATE.replace("2024", "20240"),
            "rule table r.toml: line 2: invalid year 20240: expected a year from 1800 to 2200",
        ),
        (
            "no validity",
            RATE.replace("year = 2024\n", ""),
            "rule table r.toml: invalid integration rate validity year None, from_year None, to_year None: give either `year` or both `from_year` and `to_year` (in order)",
        ),
        (
            "duplicated year",
            format!("{RATE}{RATE}"),
            "rule table r.toml: overlapping integration grant rates for (Child, GrantYear(1)): 2024 and 2024",
        ),
        (
            "not an amount",
            RATE.replace("\"100\"", "\"mye\""),
            "rule table r.toml: line 5: invalid value: string \"mye\", expected a Decimal type representing a fixed-point number",
        ),
        (
            "empty amount",
            RATE.replace("\"100\"", "\"\""),
            "rule table r.toml: line 5: invalid value: string \"\", expected a Decimal type representing a fixed-point number",
        ),
    ];
    for (what, text, want) in cases {
        let e = GrantRates::from_toml_str(text, "r.toml").unwrap_err();
        assert_eq!(&e.to_string(), want, "{what}");
    }
    // An empty table is valid, and every lookup in it is an error.
    let empty = GrantRates::from_toml_str("", "r.toml").unwrap();
    assert!(
        empty
            .integration(
                bosetting::Year::new(2024).unwrap(),
                bosetting::GrantCategory::Child,
                bosetting::GrantYear::new(1).unwrap()
            )
            .is_err()
    );
}

#[test]
fn regimes_and_renumbering() {
    let e = RegimeTable::from_toml_str("[[regime]]\nid = \"a\"\n", "g.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "rule table g.toml: line 1: missing field `name`"
    );
    let e = Renumbering::from_toml_str(
        "[[change]]\nfrom = \"602\"\nto = \"3005\"\nfirst_year = 2020\nsource = { document = \"x\" }\n",
        "n.toml",
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "rule table n.toml: line 2: invalid municipality number \"602\": expected exactly four digits"
    );
}

/// The names before 0.2.0 still read the same tables, and refuse the same bad ones.
#[test]
#[allow(deprecated)]
fn old_names_read_as_the_new() {
    let good = RATE;
    let bad = RATE.replace("child", "infant");
    assert_eq!(
        GrantRates::from_toml(good, "r.toml").unwrap(),
        GrantRates::from_toml_str(good, "r.toml").unwrap()
    );
    assert_eq!(
        GrantRates::from_toml(&bad, "r.toml").unwrap_err(),
        GrantRates::from_toml_str(&bad, "r.toml").unwrap_err()
    );
    let regime = "[[regime]]\nid = \"a\"\n";
    assert_eq!(
        RegimeTable::from_toml(regime, "g.toml").unwrap_err(),
        RegimeTable::from_toml_str(regime, "g.toml").unwrap_err()
    );
    let change = "[[change]]\nfrom = \"0602\"\nto = \"3005\"\nfirst_year = 2020\nsource = { document = \"x\" }\n";
    assert_eq!(
        Renumbering::from_toml(change, "n.toml").unwrap(),
        Renumbering::from_toml_str(change, "n.toml").unwrap()
    );
    let grouping = "source = { document = \"x\" }\n[[municipality]]\nnumber = \"3005\"\n";
    assert_eq!(
        bosetting::Harmonisation::from_toml(grouping, "h.toml", Vec::new()).unwrap_err(),
        bosetting::Harmonisation::from_toml_str(grouping, "h.toml", Vec::new()).unwrap_err()
    );
}
