#![no_main]
//! `bosetting-facts/2` files (bodies, facts, tables, relations) on any text: never a panic;
//! a file that loads can be checked, and reported in both languages and every format.

use bosetting_report::{Format, Lang, Locale};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for facts in [
        bosetting_facts::Facts::from_toml_str(text, "fuzz.toml"),
        bosetting_facts::Facts::from_json_str(text, "fuzz.json"),
    ]
    .into_iter()
    .flatten()
    {
        let (pairs, rest) = facts.checked().expect("a file that loads can be checked");
        for lang in [Lang::Nb, Lang::En] {
            let report =
                bosetting_report::build_document(&facts.document, &pairs, &rest, Locale::new(lang))
                    .expect("a file that loads and checks can be reported");
            for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
                let mut out = Vec::new();
                bosetting_report::render(&report, format, &mut out).expect("writing to memory");
                assert!(!out.is_empty());
                if format == Format::Json {
                    serde_json::from_slice::<serde_json::Value>(&out)
                        .expect("the JSON report is JSON");
                }
            }
        }
    }
});
