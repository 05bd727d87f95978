//! The example facts files of the five seed documents read and every check has the status
//! the ledger (FIGURES.md) expects.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::print_stderr
)]

use std::path::PathBuf;

fn data_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples/data")
}

#[test]
fn every_seed_check_has_its_expected_status() {
    let mut failures = Vec::new();
    let mut n = 0;
    for entry in std::fs::read_dir(data_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let facts = bosetting_facts::Facts::load(&path).unwrap_or_else(|e| panic!("{e}"));
        for r in facts.check().unwrap_or_else(|e| panic!("{e}")) {
            n += 1;
            if !r.is_as_expected() {
                failures.push(format!(
                    "{}: {} is {} (expected {:?}): {}",
                    path.display(),
                    r.id,
                    r.status,
                    r.expected,
                    r.reconciliation
                ));
            }
        }
    }
    assert!(n > 0);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The measures page in the crate docs is generated from the code: regenerate it with
/// `BLESS=1 cargo test -p bosetting-facts --test seed_files`.
#[test]
fn the_measures_page_matches_the_code() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("MEASURES.md");
    let want = format!(
        "{}\n\n{}\n## Year-view figures\n\n{}\n\n{}",
        "Every measure a `[[fact]]`, a table cell, a relation's term or a `[[check]]` at a body and period can name. Body and period are given beside it; `category`, `origin` and `group` pick a part.",
        bosetting_facts::measures_reference(),
        "The figures a `[[check]]` of a municipality year can name (`figure = \"settlement.pace\"`), with their arguments written beside the name (`figure = { name = \"national.group_share\", year = 2023, group = \"Ukraina\" }`). Where a name is both a measure and a year-view figure, a check with no `body`, `period` or breakdown asks the year view.",
        bosetting_facts::figures_reference()
    );
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let have = std::fs::read_to_string(&path).unwrap();
    assert_eq!(have, want, "MEASURES.md is out of date: run with BLESS=1");
}

/// Every v1 file loads as it did, and its v2 upgrade gives the same checks and statuses.
#[test]
fn v1_files_read_the_same_directly_and_upgraded() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/data");
    for name in [
        "template.toml",
        "bodo_2020.toml",
        "drammen_2024.toml",
        "drammen_2017_t1.toml",
        "stavanger_2017.toml",
        "bodo_2015_2017.toml",
    ] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        assert!(
            text.contains("schema = \"bosetting-facts/1\""),
            "{name} is a v1 fixture"
        );
        let v1 = bosetting_facts::Facts::from_toml_str(&text, name).unwrap();
        let up = bosetting_facts::upgrade(&text);
        assert!(up.contains("schema = \"bosetting-facts/2\""));
        let v2 = bosetting_facts::Facts::from_toml_str(&up, name).unwrap();
        let a = v1.check().unwrap();
        let b = v2.check().unwrap();
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(
                (&x.id, x.status, &x.value),
                (&y.id, y.status, &y.value),
                "{name}"
            );
            assert!(x.is_as_expected(), "{name}: {} is {:?}", x.id, x.status);
        }
        // JSON on one line upgrades too.
        let json = v1.to_json_string().unwrap().replace('\n', "");
        assert!(bosetting_facts::upgrade(&json).contains("\"bosetting-facts/2\""));
    }
}

// The template's commented optional section is tested uncommented, in every report format
// and both languages, in crates/bosetting-report/tests/formats.rs.
