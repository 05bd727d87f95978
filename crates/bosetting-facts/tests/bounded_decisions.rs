//! A bounded decision stays bounded: "inntil 700, hvorav 8 EM" allows 0 to 692 ordinary
//! places, an interval; a printed "692" is consistent with it, never reproduced (issue 11).
//! Before, the ordinary places came out exactly 692 and the check reproduced.
#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

use bosetting::{Status, Value};
use bosetting_facts::Facts;

const BASE: &str = r#"schema = "bosetting-facts/2"

[document]
id = "t"
file = "t.pdf"
title = "T"
municipality = { number = "4204", name = "Kristiansand" }
year = 2016

[[decision]]
places = PLACES
em = 8
quote = "inntil 700 flyktninger, hvorav 8 enslige mindreårige"

[settled]
total = { value = 650, quote = "bosatte 650" }

[[check]]
id = "ordinary"
label = "ordinære plasser"
figure = "settlement.decided_ordinary"
published = "692"
unit = "persons"
quote = "692 ordinære plasser"

[[check]]
id = "gap"
label = "ikke fylt"
figure = "settlement.shortfall"
published = "50"
unit = "persons"
quote = "50 plasser ikke fylt"
"#;

fn run(places: &str) -> Vec<bosetting::CheckResult> {
    let f = Facts::from_toml_str(&BASE.replace("PLACES", places), "t.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    f.check().unwrap()
}

#[test]
fn bounded_decisions_give_intervals() {
    let r = run("{ up_to = 700 }");
    assert_eq!(r[0].status, Status::Consistent, "{}", r[0].reconciliation);
    assert!(
        matches!(r[0].value.value, Value::Interval(_)),
        "{:?}",
        r[0].value
    );
    assert_eq!(r[0].value.value.exact(), "[0, 692]");
    // 0 to 700 places less 650 settled: −650 to 50.
    assert_eq!(r[1].value.value.exact(), "[-650, 50]");
    assert_eq!(r[1].status, Status::Consistent);
    // An exact decision still reproduces.
    let r = run("700");
    assert_eq!(r[0].status, Status::Reproduced);
    assert_eq!(r[1].status, Status::Reproduced);
    // A range: 600 to 700 places, 592 to 692 ordinary.
    let r = run("{ min = 600, max = 700 }");
    assert_eq!(r[0].value.value.exact(), "[592, 692]");
}
