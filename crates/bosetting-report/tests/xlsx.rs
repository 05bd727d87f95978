//! The Excel workbook read back: by calamine (what a program reading the file sees) and as
//! the XML inside the zip (what calamine does not expose: frozen panes, number formats,
//! wrapping, page setup), against the CSV of the same report.
#![cfg(feature = "xlsx")]
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::io::{Cursor, Read};

mod common;

use bosetting_report::xlsx::{about_sheet, figures_sheet};
use bosetting_report::{Format, Lang, Locale, Report, RowStatus};
use calamine::{Data, Reader, Xlsx};
use common::{imdi2018, report, template, template_with_optional_section};
use rust_decimal::Decimal;

fn render(r: &Report, f: Format) -> Vec<u8> {
    let mut out = Vec::new();
    bosetting_report::render(r, f, &mut out).unwrap();
    out
}

/// The CSV's records (header first), as Excel set to Norwegian would split them.
fn csv_records(r: &Report) -> Vec<Vec<String>> {
    let text = String::from_utf8(render(r, Format::Csv)).unwrap();
    let mut rd = csv::ReaderBuilder::new()
        .delimiter(b';')
        .has_headers(false)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    rd.records()
        .map(|rec| rec.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn sheet(bytes: &[u8], name: &str) -> calamine::Range<Data> {
    let mut book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.worksheet_range(name).unwrap()
}

fn sheet_names(bytes: &[u8]) -> Vec<String> {
    let book: Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes.to_vec())).unwrap();
    book.sheet_names()
}

fn text(d: &Data) -> String {
    match d {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not a text cell: {other:?}"),
    }
}

/// One file of the workbook's zip.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The text between `start` and the next `end` after it.
fn between<'a>(s: &'a str, start: &str, end: &str) -> &'a str {
    let from = s.find(start).unwrap_or_else(|| panic!("no {start}")) + start.len();
    let len = s[from..].find(end).unwrap();
    &s[from..from + len]
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let from = tag.find(&key)? + key.len();
    Some(&tag[from..from + tag[from..].find('"')?])
}

/// A cell's number format code and whether it wraps, from the sheet's and the styles' XML.
fn style(sheet_xml: &str, styles_xml: &str, cell: &str) -> (String, bool) {
    let tag = between(sheet_xml, &format!("<c r=\"{cell}\""), ">");
    let s: usize = attr(tag, "s").map_or(0, |s| s.parse().unwrap());
    let xfs = between(styles_xml, "<cellXfs", "</cellXfs>");
    let xf = xfs.split("<xf ").nth(s + 1).unwrap();
    let id: u32 = attr(&format!(" {xf}"), "numFmtId")
        .unwrap()
        .parse()
        .unwrap();
    let code = match id {
        0 => "General".to_owned(),
        1 => "0".to_owned(),
        2 => "0.00".to_owned(),
        3 => "#,##0".to_owned(),
        4 => "#,##0.00".to_owned(),
        _ => {
            let f = between(styles_xml, &format!("<numFmt numFmtId=\"{id}\""), "/>");
            attr(f, "formatCode")
                .unwrap()
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
        }
    };
    let wrap = xf.split("</xf>").next().unwrap().contains("wrapText=\"1\"");
    (code, wrap)
}

/// The CSV's number cell as the workbook must hold it: the exact decimal (a percentage as
/// the fraction it stands for, by decimal division) to the nearest double, by Rust's own
/// correctly rounded parsing.
fn expected_double(csv_value: &str, csv_unit: &str) -> f64 {
    let mut d = Decimal::from_str_exact(&csv_value.replace(',', ".")).unwrap();
    if csv_unit == "%" {
        d /= Decimal::ONE_HUNDRED;
    }
    d.normalize().to_string().parse().unwrap()
}

#[test]
fn the_figures_sheet_holds_the_csv_rows_with_numbers_as_numbers() {
    for lang in [Lang::Nb, Lang::En] {
        let optional = report(&template_with_optional_section(), "template.toml", lang);
        for r in [template(lang), imdi2018(lang), optional] {
            let l = Locale::new(lang);
            let bytes = render(&r, Format::Xlsx);
            let csv = csv_records(&r);
            let range = sheet(&bytes, figures_sheet(lang));
            let rows: Vec<&[Data]> = range.rows().collect();
            assert_eq!(range.start(), Some((0, 0)));
            let header: Vec<String> = rows[0].iter().map(text).collect();
            assert_eq!(header, bosetting_report::csv::header(lang));
            assert_eq!(header, csv[0]);
            assert_eq!(rows.len(), csv.len(), "every CSV row, no other");
            let statuses: Vec<&str> = [
                RowStatus::Input,
                RowStatus::Reproduced,
                RowStatus::Consistent,
                RowStatus::Inconsistent,
                RowStatus::Computed,
            ]
            .iter()
            .map(|s| bosetting_report::status_name(l, *s))
            .collect();
            let (mut numbers, mut shares) = (0, 0);
            for (x, c) in rows[1..].iter().zip(&csv[1..]) {
                let id = text(&x[0]);
                assert_eq!(id, c[0], "rows in the CSV's order");
                // The CSV puts a `'` before text a spreadsheet would run as a formula; a
                // workbook's text cell is never run.
                for col in [1, 2, 4, 5, 6, 7, 8] {
                    let t = text(&x[col]);
                    assert!(c[col] == t || c[col] == format!("'{t}"), "{id}: {t}");
                }
                assert!(statuses.contains(&text(&x[7]).as_str()), "{id}");
                match &x[3] {
                    Data::Float(f) => {
                        let want = expected_double(&c[3], &c[4]);
                        assert_eq!(f.to_bits(), want.to_bits(), "{id}: {f} against {}", c[3]);
                        // Where the exact column is a plain decimal, it is the same number.
                        if let Ok(e) = Decimal::from_str_exact(&c[5].replace(',', ".")) {
                            if c[4] != "%" {
                                assert_eq!(want, expected_double(&e.to_string(), ""), "{id}");
                            }
                        }
                        numbers += 1;
                        shares += usize::from(c[4] == "%");
                    }
                    Data::Empty => assert_eq!(c[3], "", "{id}: a number cell is missing"),
                    other => panic!("{id}: value cell {other:?}"),
                }
            }
            assert!(numbers > 10, "{numbers} number cells");
            if r.title == template(lang).title {
                assert!(shares > 0, "the template has shares");
            }
        }
    }
}

#[test]
fn the_figures_sheet_is_laid_out_for_an_analyst_and_for_paper() {
    let r = template(Lang::Nb);
    let bytes = render(&r, Format::Xlsx);
    assert_eq!(
        sheet_names(&bytes),
        [figures_sheet(Lang::Nb), about_sheet(Lang::Nb)]
    );
    let xml = part(&bytes, "xl/worksheets/sheet1.xml");
    let styles = part(&bytes, "xl/styles.xml");
    let pane = between(&xml, "<pane ", "/>");
    assert!(
        pane.contains("ySplit=\"1\"") && pane.contains("state=\"frozen\""),
        "{pane}"
    );
    let n = csv_records(&r).len();
    assert!(
        xml.contains(&format!("<autoFilter ref=\"A1:I{n}\"")),
        "autofilter"
    );
    let setup = between(&xml, "<pageSetup", "/>");
    assert!(
        setup.contains("paperSize=\"9\"") && setup.contains("orientation=\"portrait\""),
        "{setup}"
    );
    assert!(setup.contains("fitToHeight=\"0\""), "{setup}");
    assert!(
        between(&xml, "<oddHeader>", "</oddHeader>").contains(&r.title.replace('&', "&amp;&amp;"))
    );
    let book = part(&bytes, "xl/workbook.xml");
    assert!(
        book.contains("_xlnm.Print_Titles"),
        "header row on every page"
    );
    assert!(between(&xml, "<cols>", "</cols>").matches("<col ").count() >= 9);
    // Per unit: find a row of each unit in the CSV and its value cell's format.
    let csv = csv_records(&r);
    let format_of = |unit: &str| {
        let i = csv.iter().position(|c| c[4] == unit && !c[3].is_empty());
        i.map(|i| style(&xml, &styles, &format!("D{}", i + 1)).0)
    };
    assert_eq!(format_of("personer").as_deref(), Some("#,##0"));
    assert_eq!(format_of("kr").as_deref(), Some("#,##0 \"kr\""));
    assert_eq!(format_of("%").as_deref(), Some("0.0 %"));
    if let Some(f) = format_of("årsverk") {
        assert!(f.starts_with("0.0"), "{f}");
    }
    // Explanations wrap; ids do not.
    assert!(style(&xml, &styles, "I2").1);
    assert!(!style(&xml, &styles, "A2").1);
    // The same report gives the same bytes.
    assert_eq!(bytes, render(&r, Format::Xlsx));
    assert!(part(&bytes, "docProps/core.xml").contains("1980-01-01T00:00:00Z"));
}

#[test]
fn every_printed_table_has_its_sheet_as_printed() {
    for lang in [Lang::Nb, Lang::En] {
        let r = imdi2018(lang);
        let bytes = render(&r, Format::Xlsx);
        let names = sheet_names(&bytes);
        let tables: Vec<_> = r.sections.iter().flat_map(|s| &s.tables).collect();
        assert!(!tables.is_empty());
        assert_eq!(names.len(), tables.len() + 2, "{names:?}");
        assert_eq!(names.first().map(String::as_str), Some(figures_sheet(lang)));
        assert_eq!(names.last().map(String::as_str), Some(about_sheet(lang)));
        for (t, name) in tables.iter().zip(&names[1..]) {
            let range = sheet(&bytes, name);
            let rows: Vec<&[Data]> = range.rows().collect();
            assert_eq!(text(&rows[0][0]), t.title);
            let header: Vec<String> = rows[1].iter().map(text).collect();
            assert_eq!(header, t.header);
            assert_eq!(
                header.last().map(String::as_str),
                Some(Locale::new(lang).pick("Sumkontroll", "Total check"))
            );
            for (got, want) in rows[2..].iter().zip(&t.rows) {
                let got: Vec<String> = got.iter().map(text).collect();
                assert_eq!(&got, want);
            }
            assert_eq!(rows.len(), t.rows.len() + 2);
        }
        let xml = part(&bytes, "xl/worksheets/sheet2.xml");
        assert!(between(&xml, "<pane ", "/>").contains("state=\"frozen\""));
        assert!(between(&xml, "<pageSetup", "/>").contains("paperSize=\"9\""));
    }
}

#[test]
fn the_about_sheet_says_where_the_exact_value_is() {
    for (lang, column) in [(Lang::Nb, "«eksakt»"), (Lang::En, "«exact»")] {
        let r = template(lang);
        let range = sheet(&render(&r, Format::Xlsx), about_sheet(lang));
        let cells: Vec<String> = range.rows().flatten().map(text).collect();
        assert_eq!(cells[0], r.title);
        assert!(cells.iter().any(|c| c.contains(column)), "{cells:?}");
        assert!(cells.iter().any(|c| c.contains(&r.document.document)));
    }
}
