//! Any model value renders without panicking in every format, and the machine-readable
//! formats read back.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting::{Bound, Explanation, Interval, Quantity, Ratio, Source, Unit, Value};
use bosetting_report::json::JsonReport;
use bosetting_report::{Format, Lang, Report, Row, RowStatus, Section, SectionId, Table};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn unit() -> impl Strategy<Value = Unit> {
    prop_oneof![
        Just(Unit::Persons),
        Just(Unit::Kroner),
        Just(Unit::Share),
        Just(Unit::Percent),
        Just(Unit::PercentagePoints),
        Just(Unit::Fte),
        Just(Unit::Times),
        Just(Unit::Count),
        Just(Unit::None),
    ]
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..10).prop_map(|(m, s)| Decimal::new(m, s))
}

fn bound() -> impl Strategy<Value = Bound> {
    prop_oneof![
        Just(Bound::Unbounded),
        decimal().prop_map(Bound::Included),
        decimal().prop_map(Bound::Excluded),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::Integer),
        decimal().prop_map(Value::Decimal),
        (decimal(), decimal())
            .prop_filter_map("denominator", |(n, d)| Ratio::new(n, d).ok())
            .prop_map(Value::Ratio),
        // Ends that cross are refused when read back, so they are not generated.
        (bound(), bound())
            .prop_filter_map("ends in order", |(l, u)| Interval::new(l, u).ok())
            .prop_map(Value::Interval),
        "\\PC{0,40}".prop_map(|t| Value::Text(bosetting::Phrase::verbatim(t))),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof!["[a-zæøå ;|<>\"&\n]{0,30}", "\\PC{0,30}"]
}

fn status() -> impl Strategy<Value = RowStatus> {
    prop_oneof![
        Just(RowStatus::Input),
        Just(RowStatus::Reproduced),
        Just(RowStatus::Consistent),
        Just(RowStatus::Inconsistent),
        Just(RowStatus::Computed),
    ]
}

fn row() -> impl Strategy<Value = (String, Value, Unit, String, RowStatus, Vec<String>)> {
    (
        "[a-z0-9._]{1,12}",
        value(),
        unit(),
        text(),
        status(),
        proptest::collection::vec(text(), 0..3),
    )
}

fn report(rows: Vec<(String, Value, Unit, String, RowStatus, Vec<String>)>, lang: Lang) -> Report {
    let l = bosetting_report::Locale::new(lang);
    let mut seen = std::collections::BTreeSet::new();
    let rows: Vec<Row> = rows
        .into_iter()
        .filter(|r| seen.insert(r.0.clone()))
        .map(|(id, v, u, label, status, published)| {
            let q = Quantity::new(v, u);
            Row {
                id,
                label: label.clone(),
                display: l.quantity(&q),
                number: match q.value {
                    Value::Integer(n) => Some(Decimal::from(n)),
                    Value::Decimal(d) => Some(d),
                    _ => None,
                },
                value: q.clone(),
                published,
                not_printed: vec!["«12,8 mill kr» (FIGURES.md)".into()],
                status,
                reconciliation: label.clone(),
                explanation: Explanation::input(
                    bosetting::Phrase::verbatim(label),
                    q,
                    Source::new("proptest"),
                ),
            }
        })
        .collect();
    Report {
        title: "t".into(),
        municipality: Some("m".into()),
        number: Some("0301".into()),
        year: Some(2020),
        bodies: vec!["Agder".into()],
        document: Source::new("d"),
        lang,
        sections: vec![
            Section {
                id: SectionId::Settlement,
                title: "s".into(),
                rows: rows.clone(),
                tables: vec![Table {
                    title: "x|y".into(),
                    header: vec!["a".into(), "b".into()],
                    numeric: vec![false, true],
                    rows: vec![vec!["1".into(), "<2>".into()]],
                    cells: Vec::new(),
                }],
                charts: vec![],
                notes: vec!["note; \"quoted\"".into()],
            },
            Section {
                id: SectionId::FigureCheck,
                title: "Tallkontroll".into(),
                rows,
                tables: vec![],
                charts: vec![],
                notes: vec![],
            },
        ],
    }
}

fn html_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// 2 000 cases by default, or `PROPTEST_CASES`.
fn config() -> ProptestConfig {
    ProptestConfig::with_cases(
        std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(2_000),
    )
}

proptest! {
    #![proptest_config(config())]
    #[test]
    fn any_value_renders_in_every_format(rows in proptest::collection::vec(row(), 0..8), en in any::<bool>()) {
        let r = report(rows, if en { Lang::En } else { Lang::Nb });
        #[cfg(feature = "xlsx")]
        {
            use bosetting_report::xlsx::{cell_number, figures_sheet, nearest_double};
            use calamine::{Data, Reader};
            let mut out = Vec::new();
            bosetting_report::render(&r, Format::Xlsx, &mut out).unwrap();
            let mut book: calamine::Xlsx<_> =
                calamine::open_workbook_from_rs(std::io::Cursor::new(out)).unwrap();
            let range = book.worksheet_range(figures_sheet(r.lang)).unwrap();
            let cells: Vec<&[Data]> = range.rows().skip(1).collect();
            prop_assert_eq!(cells.len(), r.sections[0].rows.len());
            for (x, row) in cells.iter().zip(&r.sections[0].rows) {
                prop_assert_eq!(&x[0], &Data::String(row.id.clone()));
                let want = row
                    .number
                    .and_then(|n| cell_number(n, row.value.unit))
                    .and_then(nearest_double)
                    .map_or(Data::Empty, Data::Float);
                prop_assert_eq!(&x[3], &want);
            }
        }
        for f in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
            let mut out = Vec::new();
            bosetting_report::render(&r, f, &mut out).unwrap();
            let text = String::from_utf8(out).unwrap();
            match f {
                Format::Json => {
                    let back: JsonReport = serde_json::from_str(&text).unwrap();
                    prop_assert_eq!(back, JsonReport::from(&r));
                }
                Format::Csv => {
                    let body = text.trim_start_matches('\u{feff}');
                    let mut rd = csv::ReaderBuilder::new().delimiter(b';').from_reader(body.as_bytes());
                    let mut n = 0;
                    for rec in rd.records() {
                        let rec = rec.unwrap();
                        // No text cell a spreadsheet would run as a formula.
                        for cell in rec.iter() {
                            let number = Decimal::from_str_exact(&cell.replace(',', ".")).is_ok();
                            prop_assert!(
                                number || !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                                "{:?}", cell
                            );
                        }
                        prop_assert_eq!(&rec[0], &r.sections[0].rows[n].id);
                        n += 1;
                    }
                    prop_assert_eq!(n, r.sections[0].rows.len());
                }
                Format::Markdown => {
                    // Labels and quotes cannot open a tag or split a table cell.
                    prop_assert!(!text.contains(['<', '>']), "{}", text);
                    for line in text.lines().filter(|l| l.starts_with("| ")) {
                        let cells = line.replace("\\|", "").matches('|').count();
                        prop_assert!(cells == 5 || cells == 6 || cells == 3, "{}", line);
                    }
                    for row in &r.sections[0].rows {
                        let label = row.label.replace('&', "&amp;").replace('<', "&lt;")
                            .replace('>', "&gt;").replace('|', "\\|").replace(['\n', '\r'], " ");
                        prop_assert!(text.contains(&format!("| {label} |")), "{} not in {}", label, text);
                    }
                }
                Format::Html => {
                    for row in &r.sections[0].rows {
                        prop_assert!(text.contains(&format!("<td>{}</td>", html_escape(&row.label))), "{:?}", row.label);
                    }
                }
                _ => {}
            }
        }
    }
}
