//! A zero denominator makes one figure not computable, not the whole report; a quote is a
//! phrase, and output stays proportional to the figures (issue 12, point 9). Both failed
//! before: the report failed on a decision of 0, and a 2 MB quote was repeated in every
//! explanation that used its figure.
#![allow(clippy::unwrap_used, clippy::panic)]

use bosetting_facts::Facts;
use bosetting_report::{Format, Lang, Locale};

const BASE: &str = r#"schema = "bosetting-facts/1"

[document]
id = "t"
file = "t.pdf"
title = "T"
municipality = { number = "1804", name = "Bodø" }
year = 2020

[[decision]]
places = 0
quote = "QUOTE"

[settled]
total = { value = 0, quote = "bosatte 0" }
"#;

fn report(text: &str) -> Result<String, String> {
    let f = Facts::from_toml_str(text, "t.toml").map_err(|e| e.to_string())?;
    let (pairs, rest) = f.checked().map_err(|e| e.to_string())?;
    let r = bosetting_report::build_document(&f.document, &pairs, &rest, Locale::new(Lang::Nb))
        .map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    bosetting_report::render(&r, Format::Json, &mut out).unwrap();
    Ok(String::from_utf8(out).unwrap())
}

#[test]
fn a_zero_denominator_leaves_one_figure_out() {
    let json = report(&BASE.replace("QUOTE", "vedtatt 0")).unwrap();
    // The shortfall is there (0 − 0); the fulfilment (0 / 0) is not.
    assert!(json.contains("\"settlement.shortfall\""), "{json}");
    assert!(!json.contains("\"settlement.fulfilment"), "{json}");
    // A check of it is an error at its line, naming why.
    let with_check = format!(
        "{}\n[[check]]\nid = \"f\"\nlabel = \"f\"\nfigure = \"settlement.fulfilment\"\npublished = \"0 %\"\nunit = \"percent\"\nquote = \"0 %\"\n",
        BASE.replace("QUOTE", "vedtatt 0")
    );
    let e = report(&with_check).unwrap_err();
    assert!(e.starts_with("t.toml:"), "{e}");
    assert!(e.contains("denominator is zero"), "{e}");
}

#[test]
fn quotes_are_phrases_and_output_stays_proportional() {
    let long = "x".repeat(2_001);
    let e = report(&BASE.replace("QUOTE", &long)).unwrap_err();
    assert!(
        e.contains("decision[0].quote: a quote of 2001 characters"),
        "{e}"
    );
    // A long but allowed quote is shown cut in explanations: the JSON is far smaller than
    // the quote times the figures that use it.
    let q = "y".repeat(2_000);
    let json = report(&BASE.replace("QUOTE", &q)).unwrap();
    assert!(!json.contains(&q), "the full quote is repeated");
    assert!(json.len() < 60_000, "{} bytes", json.len());
}
