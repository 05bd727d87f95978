//! The reports the format tests render: the facts file template and a real document.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use bosetting_facts::Facts;
use bosetting_report::{Lang, Locale, Report};

/// The report of a facts file's text.
pub(crate) fn report(text: &str, origin: &str, lang: Lang) -> Report {
    let facts = Facts::from_toml_str(text, origin).unwrap();
    let (pairs, rest) = facts.checked().unwrap();
    bosetting_report::build_document(&facts.document, &pairs, &rest, Locale::new(lang)).unwrap()
}

/// `examples/data/template.toml`: a municipality's year with every section.
pub(crate) fn template(lang: Lang) -> Report {
    report(
        include_str!("../../../../examples/data/template.toml"),
        "template.toml",
        lang,
    )
}

/// IMDi's 2018 settlement document: several bodies, a printed table, relations.
pub(crate) fn imdi2018(lang: Lang) -> Report {
    report(
        include_str!("../../../../examples/data/documents/imdi_busetting_2018.toml"),
        "imdi_busetting_2018.toml",
        lang,
    )
}

/// The template with its commented optional section (issue 11's figures: a dated status,
/// a decision's condition, units' budgets, a partial origin breakdown, secondary migration)
/// uncommented.
pub(crate) fn template_with_optional_section() -> String {
    let text = include_str!("../../../../examples/data/template.toml");
    let mut out = String::new();
    let mut inside = false;
    for line in text.lines() {
        if line.starts_with("# --- begin optional section") {
            inside = true;
        } else if line.starts_with("# --- end optional section") {
            inside = false;
        } else if inside {
            let l = line.strip_prefix("# ").or_else(|| line.strip_prefix('#'));
            out.push_str(l.unwrap_or_else(|| panic!("not commented: {line}")));
            out.push('\n');
            continue;
        }
        out.push_str(line);
        out.push('\n');
    }
    out
}
