//! A check computed from the very figure it is checked against restates it: its status is
//! `input`, never reproduced or consistent (issue 12). These failed before: the forecast
//! deviation came out reproduced, the service result consistent and the housing capacity
//! reproduced.
#![allow(clippy::unwrap_used, clippy::panic)]

use bosetting::Status;
use bosetting_facts::Facts;

const BASE: &str = r#"schema = "bosetting-facts/1"

[document]
id = "t"
file = "t.pdf"
title = "T"
municipality = { number = "1804", name = "Bodø" }
year = 2020

[housing]
dwellings = [{ kind = "unspecified", count = 100, persons_per_dwelling = "2.5", ASSUMPTION quote = "100 boliger, noe som tilsier ca 250 flyktninger" }]

[[forecast]]
what = "transfer"
tertial = 2
actual = { published = "11,2 mill kr", quote = "overført 11,2 mill kr" }
FORECAST

[service_result]
label = "området"
fund_transfer = [{ published = "11,2 mill kr", quote = "overført 11,2 mill kr" }]
result_after_transfers = { published = "-0,7 mill kr", quote = "viser et underskudd på 0,7 mill kr" }

[[check]]
id = "deviation"
label = "avvik"
figure = { name = "forecast.deviation", what = "transfer" }
published = "-1,6 mill kr"
unit = "kroner"
quote = "1,6 mill kr lavere enn varslet"

[[check]]
id = "deficit"
label = "underskudd"
figure = "service.after_transfers"
published = "-0,7 mill kr"
unit = "kroner"
quote = "underskudd på 0,7 mill kr"

[[check]]
id = "capacity"
label = "kapasitet"
figure = "housing.capacity"
published = "ca 250"
unit = "persons"
quote = "100 boliger, noe som tilsier ca 250 flyktninger"
"#;

fn statuses(assumption: &str, forecast: &str) -> Vec<(String, Status, String)> {
    let text = BASE
        .replace("ASSUMPTION ", assumption)
        .replace("FORECAST", forecast);
    let f = Facts::from_toml_str(&text, "t.toml").unwrap_or_else(|e| panic!("{e}"));
    f.check()
        .unwrap()
        .into_iter()
        .map(|r| (r.id, r.status, r.reconciliation.to_string()))
        .collect()
}

#[test]
fn checks_computed_from_their_own_printed_figure_are_inputs() {
    let r = statuses(
        "assumption = \"250 / 100\", ",
        "deviation = { published = \"-1,6 mill kr\", quote = \"1,6 mill kr lavere enn varslet\" }",
    );
    for (id, status, text) in &r {
        assert_eq!(*status, Status::Input, "{id}: {text}");
        assert!(text.contains("restatement"), "{id}: {text}");
    }
}

#[test]
fn the_same_checks_from_independent_figures_still_reproduce() {
    // The forecast printed in its own right: actual − forecast is a real result.
    let r = statuses(
        "",
        "forecast = { published = \"12,8 mill kr\", quote = \"varslet 12,8 mill kr\" }",
    );
    let by = |id: &str| r.iter().find(|x| x.0 == id).unwrap();
    assert_eq!(
        by("deviation").1,
        Status::Reproduced,
        "{}",
        by("deviation").2
    );
    // 2,5 persons per dwelling printed (no assumption): 100 × 2,5 is a result.
    assert_eq!(by("capacity").1, Status::Reproduced, "{}", by("capacity").2);
    // The stated result is still the printed figure itself.
    assert_eq!(by("deficit").1, Status::Input);
}
