#![no_main]
//! Relations and printed tables built directly from arbitrary printed figures: never a
//! panic, and a sum's verdict (status, the total its parts give, the reconciliation) does
//! not depend on the order of its parts, in a relation or in a table's rows.
//!
//! Input: a byte choosing the unit, a byte choosing the table's shape, then figures as
//! printed, one per line ("1,2 mill", "vel 70", ":", "-").

use std::collections::BTreeMap;

use bosetting::{
    Cell, CheckResult, Document, PrintedTable, Relation, RelationKind, Source, TableColumn,
    TableRow, Term, Unit,
};
use libfuzzer_sys::fuzz_target;

const UNITS: [Unit; 9] = [
    Unit::Persons,
    Unit::Kroner,
    Unit::Percent,
    Unit::PercentagePoints,
    Unit::Fte,
    Unit::Count,
    Unit::Share,
    Unit::Times,
    Unit::PersonsPerDwelling,
];

const KINDS: [RelationKind; 7] = [
    RelationKind::Sum,
    RelationKind::Difference,
    RelationKind::Share,
    RelationKind::Ratio,
    RelationKind::Change,
    RelationKind::ChangeRelative,
    RelationKind::ChangePoints,
];

fn pick<T: Copy>(all: &[T], b: u8) -> T {
    all[usize::from(b) % all.len()]
}

/// What a check says, apart from its explanation (whose children follow the terms' order).
fn verdict(
    r: &bosetting::Result<CheckResult>,
) -> Option<(bosetting::Status, String, bosetting::Phrase)> {
    r.as_ref()
        .ok()
        .map(|c| (c.status, format!("{:?}", c.value), c.reconciliation.clone()))
}

fn sum(doc: &Document, parts: &[Term], total: &Term) -> bosetting::Result<CheckResult> {
    let mut terms = parts.to_vec();
    terms.push(total.clone());
    let rel = Relation::new("sum", "sum", RelationKind::Sum, terms)?;
    doc.check_relation(&rel)
}

fn table(
    unit: Unit,
    src: &Source,
    width: usize,
    total_column: bool,
    rows: &[Vec<Cell>],
) -> bosetting::Result<PrintedTable> {
    let columns = (0..width)
        .map(|j| TableColumn {
            key: format!("c{j}"),
            label: format!("c{j}"),
            part: Default::default(),
            total: total_column && j + 1 == width,
            expect: None,
        })
        .collect();
    let n = rows.len();
    let rows = rows
        .iter()
        .enumerate()
        .map(|(i, cells)| TableRow {
            key: format!("r{i}"),
            label: format!("r{i}"),
            part: Default::default(),
            total: i + 1 == n,
            cells: cells.clone(),
            expect: None,
        })
        .collect();
    PrintedTable::new("t", "t", unit, src.clone(), columns, rows)
}

fn by_id(r: bosetting::Result<Vec<CheckResult>>) -> Option<BTreeMap<String, CheckResult>> {
    r.ok()
        .map(|v| v.into_iter().map(|c| (c.id.clone(), c)).collect())
}

fuzz_target!(|data: &[u8]| {
    let [unit, shape, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let unit = pick(&UNITS, *unit);
    let src = Source::new("fuzz").quote("fuzz");
    let doc = Document::new(src.clone());
    let cells: Vec<Cell> = text
        .split('\n')
        .take(24)
        .filter_map(|t| Cell::parse(t, unit, src.clone()).ok())
        .collect();
    let printed: Vec<Term> = cells
        .iter()
        .filter_map(|c| c.figure().cloned().map(Term::Printed))
        .collect();

    // A sum of printed parts against a printed total, the parts in three orders.
    if let [parts @ .., total] = printed.as_slice() {
        if !parts.is_empty() {
            let first = sum(&doc, parts, total);
            let mut reversed = parts.to_vec();
            reversed.reverse();
            let mut rotated = parts.to_vec();
            rotated.rotate_left(1);
            for other in [reversed, rotated] {
                let again = sum(&doc, &other, total);
                assert_eq!(
                    first.is_ok(),
                    again.is_ok(),
                    "{first:?}\n{again:?}\nparts reordered: one order can be checked, the other not"
                );
                assert_eq!(
                    verdict(&first),
                    verdict(&again),
                    "the order of the parts changed the verdict"
                );
            }
        }
    }

    // Every relation kind over the first three printed figures: no panic.
    if let [a, b, c, ..] = printed.as_slice() {
        for kind in KINDS {
            if let Ok(rel) = Relation::new("r", "r", kind, vec![a.clone(), b.clone(), c.clone()]) {
                let _ = doc.check_relation(&rel);
            }
        }
    }

    // A table of the cells, its last row a total (and its last column, if `shape` says so):
    // no panic, and reversing the part rows changes no check.
    let width = usize::from(shape % 4) + 1;
    let total_column = shape & 4 != 0 && width > 1;
    let rows: Vec<Vec<Cell>> = cells.chunks_exact(width).map(<[Cell]>::to_vec).collect();
    if rows.len() >= 2 {
        if let Ok(t) = table(unit, &src, width, total_column, &rows) {
            let first = by_id(doc.check_table(&t));
            let _ = doc.table_relations(&t);
            let mut swapped = rows.clone();
            let n = swapped.len();
            swapped[..n - 1].reverse();
            let swapped = table(unit, &src, width, total_column, &swapped)
                .expect("the same cells in another order make a table");
            let again = by_id(doc.check_table(&swapped));
            assert_eq!(first.is_some(), again.is_some());
            if let (Some(a), Some(b)) = (first, again) {
                for (id, c) in &a {
                    // Row keys follow the rows' positions: compare the total row's checks
                    // (one per column), which sum the part rows in the other order.
                    if id.starts_with(&format!("t.r{}.", n - 1)) {
                        let d = &b[id];
                        assert_eq!(
                            c.status, d.status,
                            "{id}: the order of the rows changed the verdict"
                        );
                        assert_eq!(format!("{:?}", c.value), format!("{:?}", d.value));
                    }
                }
            }
        }
    }
});
