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
            if !r.as_expected() {
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
