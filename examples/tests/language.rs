//! Every example report in each language says nothing in the other language: the model's
//! words (labels, formulas, reconciliations, goal verdicts) are phrases the report says in
//! bokmål or English, and a bokmål report has no phrase its catalogue lacks.
//!
//! The documents' own words (quotes, labels, titles, names an analyst wrote in the facts
//! file) are the same in both languages; they are taken out before the words are counted.
//! So are data-file names (`settlement.decided[oslo, 2016]`), which are notation, not
//! language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::path::Path;

use bosetting_examples::{Run, facts_files};
use bosetting_report::{Format, Lang};

/// Common words that only English has (none of them is also a Norwegian word).
const ENGLISH: &[&str] = &[
    "the",
    "of",
    "and",
    "is",
    "are",
    "with",
    "which",
    "computed",
    "printed",
    "gives",
    "stands",
    "settled",
    "decided",
    "share",
    "rate",
    "grant",
    "fund",
    "balance",
    "between",
    "least",
    "most",
    "not",
    "this",
    "that",
    "only",
    "document",
    "model",
    "figure",
    "years",
    "persons",
    "holds",
    "source",
    "input",
    "reproduced",
    "consistent",
    "inconsistent",
    "than",
    "from",
    "into",
    "fed",
    "whole",
    "parts",
    "terms",
    "relation",
    "target",
    "met",
    "short",
    "places",
    "request",
    "decision",
    "outcome",
    "forecast",
    "result",
    "costs",
];

/// Common words that only bokmål has.
const BOKMAL: &[&str] = &[
    "og",
    "av",
    "er",
    "ikke",
    "som",
    "til",
    "med",
    "fra",
    "mellom",
    "minst",
    "høyst",
    "bosatte",
    "bosatt",
    "vedtak",
    "beregnet",
    "trykt",
    "gjenskapt",
    "forenlig",
    "uforenlig",
    "kilde",
    "år",
    "andel",
    "tilskudd",
    "inndata",
    "personer",
    "gir",
    "holder",
    "dokumentet",
    "modellen",
    "tallet",
    "mål",
    "nådd",
    "anmodning",
    "regnskap",
    "fond",
];

/// Every string the facts file holds: the document's words and the analyst's.
fn verbatim(path: &Path) -> Vec<String> {
    fn walk(v: &toml::Value, out: &mut Vec<String>) {
        match v {
            toml::Value::String(s) => out.push(s.clone()),
            toml::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            toml::Value::Table(t) => t.values().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let text = std::fs::read_to_string(path).unwrap();
    let value: toml::Value = toml::from_str(&text).unwrap();
    let mut out = Vec::new();
    walk(&value, &mut out);
    out.sort_by_key(|s| std::cmp::Reverse(s.chars().count()));
    out
}

/// The words of `text` in `forbidden`, once the facts file's own strings and data-file
/// notation are taken out.
fn foreign_words(text: &str, own: &[String], forbidden: &[&str]) -> BTreeSet<String> {
    let mut t = text.to_owned();
    // A removed string leaves a mark, so that what was glued to it (a figure name's
    // argument, `settlement.fulfilment(request)`) goes with it.
    const MARK: &str = "\u{1}";
    for s in own.iter().filter(|s| s.chars().count() >= 2) {
        t = t.replace(s.as_str(), MARK);
        // CSV doubles the quotes inside a quoted cell.
        t = t.replace(s.replace('"', "\"\"").as_str(), MARK);
        // Quotes are clipped to 400 characters in reports: take out their beginnings too.
        if s.chars().count() > 400 {
            let head: String = s.chars().take(400).collect();
            t = t.replace(head.as_str(), MARK);
        }
    }
    t.split(|c: char| c.is_whitespace() || c == '|' || c == ';' || c == '"')
        // Data-file notation: names with dots or brackets, file names.
        .filter(|w| !w.contains(['.', '[', ']']) && !w.contains(MARK))
        .flat_map(|w| w.split(|c: char| !c.is_alphabetic()))
        .map(str::to_lowercase)
        .filter(|w| forbidden.contains(&w.as_str()))
        .collect()
}

fn render(run: &Run, f: Format) -> String {
    let mut out = Vec::new();
    bosetting_report::render(&run.report, f, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_report_speaks_one_language() {
    let files = facts_files();
    assert!(files.len() >= 20, "{} facts files", files.len());
    let mut problems = Vec::new();
    for path in &files {
        let own = verbatim(path);
        for (lang, forbidden) in [(Lang::Nb, ENGLISH), (Lang::En, BOKMAL)] {
            let run = Run::of(path, lang).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            for f in [Format::Markdown, Format::Csv] {
                let words = foreign_words(&render(&run, f), &own, forbidden);
                if !words.is_empty() {
                    problems.push(format!(
                        "{} ({lang:?}, {f:?}): {}",
                        path.file_name().unwrap().to_string_lossy(),
                        words.into_iter().collect::<Vec<_>>().join(", ")
                    ));
                }
            }
        }
    }
    let missing = bosetting_report::untranslated();
    assert!(
        missing.is_empty(),
        "phrases the bokmål catalogue (crates/bosetting-report/lang/nb.txt) lacks:\n{}",
        missing
            .iter()
            .map(|m| format!("en: {m}\nnb: \n"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        problems.is_empty(),
        "words of the other language:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_word_test_can_fail() {
    let own = vec!["«settled as planned»".to_owned()];
    assert!(foreign_words("beregnet «settled as planned»", &own, ENGLISH).is_empty());
    assert_eq!(
        foreign_words("computed 279 | settlement.decided[x]", &own, ENGLISH),
        BTreeSet::from(["computed".to_owned()])
    );
    assert_eq!(
        foreign_words("computed, som trykt", &[], BOKMAL),
        BTreeSet::from(["som".to_owned(), "trykt".to_owned()])
    );
}
