//! A loader error keeps what caused it: the model's error or the operating system's, as its
//! `source()`, while its message stays the one an analyst reads.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::error::Error as _;

use bosetting_facts::{Facts, FactsError};

const FILE: &str = r#"schema = "bosetting-facts/1"

[document]
id = "t"
file = "t.pdf"
title = "T"
municipality = { number = "1804", name = "Bodø" }
year = 2020

[settled]
total = { value = 41, quote = "bosatte 41" }
ordinary = { value = 38, quote = "38" }
em = { value = 2, quote = "2" }
"#;

/// Every error's chain, outermost first, as messages.
fn chain(e: &FactsError) -> Vec<String> {
    let mut out = vec![e.to_string()];
    let mut next = e.source();
    while let Some(s) = next {
        out.push(s.to_string());
        next = s.source();
    }
    out
}

#[test]
fn a_value_the_model_refuses_keeps_the_models_error_as_its_source() {
    let e = Facts::from_toml_str(FILE, "t.toml").unwrap_err();
    assert_eq!(
        chain(&e),
        [
            "t.toml:10: settled: the parts ordinary 38 + EM 2 sum to 40, but the stated total is 41",
            "settled: the parts ordinary 38 + EM 2 sum to 40, but the stated total is 41",
        ]
    );
    let model = e
        .source()
        .and_then(|s| s.downcast_ref::<bosetting::Error>());
    assert!(
        matches!(model, Some(bosetting::Error::SumMismatch { sum, .. }) if sum == "40"),
        "{model:?}"
    );
    // Clone and comparison keep the source.
    assert_eq!(e.clone(), e);
    assert!(e.clone().source().is_some());
}

#[test]
fn an_error_of_the_loaders_own_has_no_source() {
    let e =
        Facts::from_toml_str(&FILE.replace("year = 2020", "year = \"x\""), "t.toml").unwrap_err();
    assert!(
        e.to_string().starts_with("t.toml:8: document.year: "),
        "{e}"
    );
    assert!(e.source().is_none());
}

#[test]
fn a_file_that_cannot_be_read_keeps_the_io_error_as_its_source() {
    let missing = std::env::temp_dir().join("bosetting-facts-no-such-dir/none.toml");
    let e = Facts::load(&missing).unwrap_err();
    let io = e.source().and_then(|s| s.downcast_ref::<std::io::Error>());
    assert_eq!(
        io.map(std::io::Error::kind),
        Some(std::io::ErrorKind::NotFound)
    );
    // The message is the one analysts saw before: the file, then the system's words.
    assert_eq!(
        e.to_string(),
        format!("cannot read {}: {}", missing.display(), io.unwrap())
    );
    assert_eq!(chain(&e).len(), 2);
    assert_eq!(e.clone(), e);
}

/// The error types this crate hands out are usable across threads and as a boxed error.
#[test]
fn error_types_are_send_sync_static_errors() {
    fn is_error<E: std::error::Error + Send + Sync + Clone + PartialEq + 'static>() {}
    is_error::<FactsError>();
    is_error::<bosetting::Error>();
    is_error::<bosetting::IoError>();
}
