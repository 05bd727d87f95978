//! Bad facts files, table-driven: each gives its exact error with file, line and field.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting_facts::Facts;

const BASE: &str = r#"schema = "bosetting-facts/1"

[document]
id = "t"
file = "t.pdf"
title = "T"
municipality = { number = "1804", name = "Bodø" }
year = 2020

[[decision]]
places = 74
quote = "vedtatt 74"

[settled]
total = { value = 41, quote = "bosatte 41" }
ordinary = { value = 39, quote = "39" }
em = { value = 2, quote = "2" }

[[history]]
year = 2019
decision = 60
quote = "2019"
"#;

fn err(text: &str) -> String {
    Facts::from_toml_str(text, "t.toml")
        .unwrap_err()
        .to_string()
}

#[test]
fn the_base_file_reads() {
    let f = Facts::from_toml_str(BASE, "t.toml").unwrap();
    assert_eq!(f.year().unwrap().settlement.decisions.len(), 1);
}

#[test]
fn toml_cases() {
    // (what, replace, with, the exact error)
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "negative count",
            "places = 74",
            "places = -74",
            "t.toml:11: decision[0].places: -74 places: expected a whole number of places (74), { up_to = N } or { min = N, max = N }",
        ),
        (
            "huge number",
            "value = 41,",
            "value = 99999999999,",
            "t.toml:15: settled.total.value: 99999999999: too large for a count here (it must fit u32)",
        ),
        (
            "unknown field",
            "places = 74",
            "places = 74\nplaces_em = 3",
            "t.toml:12: decision[0].places_em: unknown field `places_em`: did you mean `places`? (the fields here: kind, status, places, em, em_band, date, condition, quote, source)",
        ),
        (
            "unknown category",
            "[[history]]",
            "[[settled.origin]]\ncategory = \"adults\"\norigin = \"other\"\nvalue = 1\nquote = \"q\"\n\n[[history]]",
            "t.toml:20: settled.origin[0].category: unknown variant `adults`, expected `ordinary` or `unaccompanied-minor`",
        ),
        (
            "parts that do not sum",
            "value = 39,",
            "value = 38,",
            "t.toml:14: settled: the parts ordinary 38 + EM 2 sum to 40, but the stated total is 41",
        ),
        (
            "duplicated year",
            "quote = \"2019\"",
            "quote = \"2019\"\n\n[[history]]\nyear = 2019\ndecision = 61\nquote = \"again\"",
            "t.toml:25: history[1].year: 2019 is listed twice",
        ),
        (
            "bad municipality number",
            "number = \"1804\"",
            "number = \"18045\"",
            "t.toml:7: document.municipality.number: invalid municipality number \"18045\": expected exactly four digits",
        ),
        (
            "date outside the year",
            "year = 2020\n",
            "year = 2020\ncounted_until = 2021-04-30\n",
            "t.toml:9: document.counted_until: counted_until 2021-04-30 is outside 2020-01-01 to 2020-12-31",
        ),
        (
            "EM above the decision",
            "places = 74",
            "places = 74\nem = 80",
            "t.toml:10: decision[0]: decision EM part (80) is larger than decided places (74)",
        ),
        (
            "EM age band that runs backwards",
            "places = 74",
            "places = 74\nem = 10\nem_band = [{ min_age = 18, max_age = 15, places = 2 }]",
            "t.toml:13: decision[0].em_band[0]: invalid EM age band 18–15: the youngest age is above the oldest",
        ),
        (
            "fund movement of a negative amount",
            "[[history]]",
            "[fund]\nname = \"F\"\nopened = 2020-01-01\nopening = { published = \"100\", quote = \"100\" }\nrules = { quote = \"vedtekter\" }\nentry = [{ date = 2020-05-01, kind = \"deposit\", amount = \"-5\", purpose = \"p\", quote = \"q\" }]\n\n[[history]]",
            "t.toml:24: fund.entry[0].amount: invalid fund movement amount -5 kr: must be positive (the kind says in or out)",
        ),
        (
            "wrong schema",
            "bosetting-facts/1",
            "bosetting-facts/9",
            "t.toml:1: schema: unknown schema \"bosetting-facts/9\"; write schema = \"bosetting-facts/2\" (files in \"bosetting-facts/1\" are read too)",
        ),
        (
            "syntax error",
            "title = \"T\"",
            "title = \"T",
            "t.toml:6: (file): invalid basic string, expected `\"`",
        ),
    ];
    for (what, from, to, want) in cases {
        assert!(BASE.contains(from), "{what}: {from}");
        let text = BASE.replacen(from, to, 1);
        assert_eq!(&err(&text), want, "{what}");
    }
    assert_eq!(err(""), "t.toml:1: (file): missing field `schema`");
}

#[test]
fn json_cases() {
    let base = Facts::from_toml_str(BASE, "t.toml")
        .unwrap()
        .to_json_string()
        .unwrap();
    let back = Facts::from_json_str(&base, "t.json").unwrap();
    assert_eq!(
        back.file,
        Facts::from_toml_str(BASE, "t.toml").unwrap().file
    );
    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "negative count",
            "\"places\": 74",
            "\"places\": -74",
            "t.json:15: decision[0].places: -74 places: expected a whole number of places (74), { up_to = N } or { min = N, max = N }",
        ),
        (
            "unknown category",
            "\"ordinary\": {",
            "\"ordinary\": {\"x\": 1,",
            "t.json:24: settled.ordinary.x: unknown field `x` (the fields here: value, quote, source)",
        ),
        (
            "parts that do not sum",
            "\"value\": 39",
            "\"value\": 38",
            "t.json:19: settled: the parts ordinary 38 + EM 2 sum to 40, but the stated total is 41",
        ),
    ];
    for (what, from, to, want) in cases {
        assert!(base.contains(from), "{what}: {from} not in {base}");
        let text = base.replacen(from, to, 1);
        let got = Facts::from_json_str(&text, "t.json")
            .unwrap_err()
            .to_string();
        assert_eq!(&got, want, "{what}");
    }
    assert_eq!(
        Facts::from_json_str("", "t.json").unwrap_err().to_string(),
        "t.json:1: (file): EOF while parsing a value"
    );
}

#[test]
fn policy_reach_of_more_than_and_less_than() {
    // A policy written before the reach fields existed still reads, with the defaults.
    let old = format!("{BASE}\n[policy]\nrule = \"half-up\"\n");
    let f = Facts::from_toml_str(&old, "t.toml").unwrap();
    assert_eq!(
        f.year().unwrap().policy,
        bosetting::ReconcilePolicy::default()
    );
    let set = format!(
        "{BASE}\n[policy]\nrule = \"half-up\"\nmore_than_percent = \"100\"\nless_than_percent = \"20\"\n"
    );
    let f = Facts::from_toml_str(&set, "t.toml").unwrap();
    assert_eq!(
        f.year().unwrap().policy.more_than(),
        bosetting::Ratio::from_percent(100.into())
    );
    assert_eq!(
        f.year().unwrap().policy.less_than(),
        bosetting::Ratio::from_percent(20.into())
    );
    let bad = format!("{BASE}\n[policy]\nmore_than_percent = \"-5\"\n");
    assert_eq!(
        err(&bad),
        "t.toml:25: policy.more_than_percent: -5 is not a percentage of at least 0"
    );
    let bad = format!("{BASE}\n[policy]\nless_than_percent = \"101\"\n");
    assert_eq!(
        err(&bad),
        "t.toml:25: policy.less_than_percent: 101 is not a percentage from 0 to 100"
    );
}

#[test]
fn json_with_data_after_the_top_level_value_is_refused() {
    let base = Facts::from_toml_str(BASE, "t.toml")
        .unwrap()
        .to_json_string()
        .unwrap();
    let lines = base.lines().count();
    for (tail, want) in [
        (format!(" {base}"), "trailing characters"),
        (" garbage".to_owned(), "trailing characters"),
        ("\n{}".to_owned(), "trailing characters"),
        (" 1".to_owned(), "trailing characters"),
    ] {
        let text = format!("{base}{tail}");
        let e = Facts::from_json_str(&text, "t.json")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.json:"), "{e}");
        assert!(e.contains(want), "{e}");
        assert!(
            e.starts_with(&format!("t.json:{lines}: (file): "))
                || e.starts_with(&format!("t.json:{}: (file): ", lines + 1)),
            "{e}"
        );
    }
    assert_eq!(
        Facts::from_json_str(&format!("{base} garbage"), "t.json")
            .unwrap_err()
            .to_string(),
        format!("t.json:{lines}: (file): trailing characters")
    );
    // Whitespace after the value is fine.
    assert!(Facts::from_json_str(&format!("{base}\n\n  \t"), "t.json").is_ok());
}

/// What an analyst writes wrong, and the message that says how to write it (issue 14).
#[test]
fn analyst_errors_say_what_to_write() {
    let cases = [
        (
            "a negative count",
            "value = 41,",
            "value = -20,",
            "t.toml:15: settled.total.value: -20: must be 0 or more (write a whole number such as 20)",
        ),
        (
            "a date written day.month.year",
            "year = 2020\n",
            "year = 2020\ncounted_until = 30.04.2020\n",
            "t.toml:9: (file): a date written day.month.year: write dates as 2024-04-15 (year-month-day), without quotes",
        ),
        (
            "an impossible date",
            "title = \"T\"",
            "title = \"T\"\ndate = 2020-13-45",
            "t.toml:7: (file): invalid date, expected month between 01 and 12; write dates as 2024-04-15 (year-month-day)",
        ),
        (
            "a decimal comma in a bare number",
            "[[history]]",
            "[housing]\ndwellings = [{ kind = \"unspecified\", count = 100, persons_per_dwelling = 2,5, quote = \"q\" }]\n\n[[history]]",
            "t.toml:20: (file): a decimal comma in a number: write 2.5, or \"2,5\" in quotes",
        ),
        (
            "a misspelled field",
            "places = 74",
            "plases = 74",
            "t.toml:11: decision[0].plases: unknown field `plases`: did you mean `places`? (the fields here: kind, status, places, em, em_band, date, condition, quote, source)",
        ),
        (
            "a count in quotes",
            "places = 74",
            "places = 74\nem = \"2\"",
            "t.toml:12: decision[0].em: \"2\" is text: write the whole number without quotes",
        ),
    ];
    for (what, from, to, want) in cases {
        assert!(BASE.contains(from), "{what}: {from}");
        let text = BASE.replacen(from, to, 1);
        assert_eq!(&err(&text), want, "{what}");
    }
    // A decimal comma in quotes is read, as money already is.
    let text = BASE.replacen(
        "[[history]]",
        "[housing]\ndwellings = [{ kind = \"unspecified\", count = 100, persons_per_dwelling = \"2,5\", quote = \"q\" }]\n\n[[history]]",
        1,
    );
    let f = Facts::from_toml_str(&text, "t.toml").unwrap();
    let ppd = &f
        .year()
        .unwrap()
        .settlement
        .housing
        .as_ref()
        .unwrap()
        .dwellings[0];
    assert_eq!(ppd.persons_per_dwelling().unwrap().value.to_string(), "2.5");
}
