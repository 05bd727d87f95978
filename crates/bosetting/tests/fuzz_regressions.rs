//! Inputs the fuzz targets (`fuzz/`) found, each a case of its own: what went wrong, and
//! the input, reduced to what matters.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting::{Document, PublishedFigure, Relation, RelationKind, Source, Status, Term, Unit};

fn printed(text: &str) -> Term {
    Term::Printed(PublishedFigure::parse(text, Unit::Kroner, Source::new("fuzz")).unwrap())
}

/// `relations` (2026-11-26): a sum of printed parts could be checked in one order and not
/// in another. The parts' interval ends have denominators 2 · 10^k; adding them over the
/// product of the denominators overflowed i128 when the finely printed parts came after the
/// large one, but not before it. A sum's verdict must not depend on the order of its parts.
#[test]
fn a_sum_is_checked_alike_in_every_order_of_its_parts() {
    let parts = [
        "2,22222222222222220",
        "4,5112666612666666666",
        "41266667",
        "2",
    ];
    let doc = Document::new(Source::new("fuzz"));
    let mut orders = 0;
    // Every permutation of the four parts (Heap's algorithm would do; 24 are few enough to
    // list by index).
    for a in 0..4 {
        for b in 0..4 {
            for c in 0..4 {
                for d in 0..4 {
                    let idx = [a, b, c, d];
                    if (0..4).any(|i| !idx.contains(&i)) {
                        continue;
                    }
                    let mut terms: Vec<Term> = idx.iter().map(|&i| printed(parts[i])).collect();
                    terms.push(printed("8"));
                    let rel = Relation::new("sum", "sum", RelationKind::Sum, terms).unwrap();
                    let r = doc
                        .check_relation(&rel)
                        .unwrap_or_else(|e| panic!("order {idx:?}: {e}"));
                    // The parts make about 41 266 675, nowhere near 8.
                    assert_eq!(r.status, Status::Inconsistent, "order {idx:?}");
                    assert!(
                        r.reconciliation
                            .to_string()
                            .starts_with("the sum of the parts is 41266675.73"),
                        "order {idx:?}: {}",
                        r.reconciliation
                    );
                    orders += 1;
                }
            }
        }
    }
    assert_eq!(orders, 24);
}
