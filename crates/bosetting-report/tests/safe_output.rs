//! Text from a facts file is data, never markup or a formula: CSV cells that a spreadsheet
//! would run are neutralised, and Markdown escapes HTML and table pipes.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting::{Explanation, Quantity, Source, Unit};
use bosetting_report::{Format, Lang, Locale, Report, Row, RowStatus, Section, SectionId, Table};
use rust_decimal::Decimal;

fn row(id: &str, label: &str, q: Quantity, published: &[&str]) -> Row {
    let l = Locale::new(Lang::Nb);
    let number = match &q.value {
        bosetting::Value::Decimal(d) => Some(*d),
        bosetting::Value::Integer(n) => Some(Decimal::from(*n)),
        _ => None,
    };
    Row {
        id: id.into(),
        label: label.into(),
        display: l.quantity(&q),
        number,
        value: q.clone(),
        published: published.iter().map(|p| (*p).to_owned()).collect(),
        not_printed: Vec::new(),
        status: RowStatus::Computed,
        reconciliation: String::new(),
        explanation: Explanation::input(
            bosetting::Phrase::verbatim(label),
            q,
            Source::new("Rapport <b>2020</b> & co").quote("«=1+1» | «<i>»"),
        ),
    }
}

fn report(rows: Vec<Row>) -> Report {
    Report {
        title: "Rapport <script>alert(1)</script>".into(),
        municipality: Some("Bodø & omegn".into()),
        number: Some("1804".into()),
        year: Some(2020),
        bodies: vec!["<Agder>".into()],
        document: Source::new("d"),
        lang: Lang::Nb,
        sections: vec![
            Section {
                id: SectionId::Settlement,
                title: "Bosetting | <i>".into(),
                rows: rows.clone(),
                tables: vec![Table {
                    title: "t <u>|</u>".into(),
                    header: vec!["a|b".into(), "<c>".into()],
                    numeric: vec![false, true],
                    rows: vec![vec!["x & y".into(), "1".into()]],
                    cells: Vec::new(),
                }],
                charts: vec![],
                notes: vec!["<img src=x onerror=alert(1)>".into()],
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

fn render(r: &Report, f: Format) -> String {
    let mut out = Vec::new();
    bosetting_report::render(r, f, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn csv_records(text: &str) -> Vec<Vec<String>> {
    let body = text.trim_start_matches('\u{feff}');
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    rd.records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn csv_text_cells_cannot_be_formulas_but_numbers_stay_numbers() {
    let labels = [
        "=HYPERLINK(\"http://x\";\"klikk\")",
        "+1+1",
        "-2+3",
        "@SUM(A1:A2)",
        "\tinnrykk",
        "\rvognretur",
        "Bosatte",
    ];
    let rows: Vec<Row> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| {
            row(
                &format!("r{i}"),
                l,
                Quantity::decimal(Decimal::new(-7, 1), Unit::Kroner),
                &["-700 000", "-0,7 mill kr", "=2*3"],
            )
        })
        .collect();
    let recs = csv_records(&render(&report(rows), Format::Csv));
    assert_eq!(recs.len(), labels.len());
    for (rec, label) in recs.iter().zip(labels) {
        let want = if label == "Bosatte" {
            label.to_owned()
        } else {
            format!("'{label}")
        };
        assert_eq!(rec[2], want, "label");
        // Numbers, negative ones included, stay numbers a spreadsheet can add up.
        assert_eq!(rec[3], "-0,7", "value");
        assert_eq!(
            rec[5], "-0,7",
            "exact, with a decimal comma for Excel set to Norwegian"
        );
        // The published column is text: it starts with "-700 000" but goes on.
        assert_eq!(rec[6], "'-700 000 + -0,7 mill kr + =2*3", "published");
    }
    // A cell that is a whole negative number with grouping spaces stays as it is.
    let r = report(vec![row(
        "n",
        "Bosatte",
        Quantity::decimal(Decimal::new(-700_000, 0), Unit::Kroner),
        &["-700 000"],
    )]);
    let recs = csv_records(&render(&r, Format::Csv));
    assert_eq!(recs[0][3], "-700000");
    assert_eq!(recs[0][6], "-700 000");
}

#[test]
fn markdown_escapes_html_and_pipes_in_user_text() {
    let r = report(vec![row(
        "r1",
        "<b>fet</b> | & mer",
        Quantity::persons(3),
        &["<3", "a|b"],
    )]);
    let md = render(&r, Format::Markdown);
    assert!(!md.contains('<'), "{md}");
    assert!(!md.contains('>'), "{md}");
    assert!(
        md.starts_with("# Rapport &lt;script&gt;alert(1)&lt;/script&gt;\n"),
        "{md}"
    );
    assert!(md.contains("Bodø &amp; omegn"), "{md}");
    assert!(md.contains("## Bosetting \\| &lt;i&gt;"), "{md}");
    assert!(
        md.contains("| &lt;b&gt;fet&lt;/b&gt; \\| &amp; mer | 3 | &lt;3 + a\\|b | beregnet |"),
        "{md}"
    );
    assert!(md.contains("*t &lt;u&gt;\\|&lt;/u&gt;*"), "{md}");
    assert!(md.contains("| a\\|b | &lt;c&gt; |"), "{md}");
    assert!(md.contains("| x &amp; y | 1 |"), "{md}");
    assert!(md.contains("- &lt;img src=x onerror=alert(1)&gt;"), "{md}");
    assert!(
        md.contains("Rapport &lt;b&gt;2020&lt;/b&gt; &amp; co"),
        "the source in the explanation tree: {md}"
    );
    // Every table line has exactly its columns' pipes once escaped pipes are set aside.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let bare = line.replace("\\|", "");
        let pipes = bare.matches('|').count();
        assert!(pipes == 5 || pipes == 6 || pipes == 3, "{line}");
    }
}
