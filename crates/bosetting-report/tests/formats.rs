//! The report in every format, on a fixed, realistic model (the facts file template and a
//! real seed document): snapshots, and the machine-readable formats read back.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use bosetting_facts::Facts;
use bosetting_report::json::JsonReport;
use bosetting_report::{Format, Lang, Locale, Report};
use common::{imdi2018, report, template, template_with_optional_section};
use rust_decimal::Decimal;

fn stavanger() -> Report {
    report(
        include_str!("../../../examples/data/stavanger_2017.toml"),
        "stavanger_2017.toml",
        Lang::Nb,
    )
}

fn render(r: &Report, f: Format) -> String {
    let mut out = Vec::new();
    bosetting_report::render(r, f, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!(
        "template_markdown",
        render(&template(Lang::Nb), Format::Markdown)
    );
    insta::assert_snapshot!(
        "template_markdown_en",
        render(&template(Lang::En), Format::Markdown)
    );
    insta::assert_snapshot!("stavanger_markdown", render(&stavanger(), Format::Markdown));
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!("template_html", render(&template(Lang::Nb), Format::Html));
    insta::assert_snapshot!(
        "template_html_en",
        render(&template(Lang::En), Format::Html)
    );
}

#[test]
fn snapshot_csv() {
    insta::assert_snapshot!("template_csv", render(&template(Lang::Nb), Format::Csv));
    insta::assert_snapshot!("template_csv_en", render(&template(Lang::En), Format::Csv));
}

#[test]
fn snapshot_json() {
    insta::assert_snapshot!("stavanger_json", render(&stavanger(), Format::Json));
    insta::assert_snapshot!("template_json", render(&template(Lang::Nb), Format::Json));
    insta::assert_snapshot!(
        "template_json_en",
        render(&template(Lang::En), Format::Json)
    );
}

/// A real document of several bodies, with a printed table and relations, in every format
/// and both languages.
#[test]
fn snapshot_document() {
    for (lang, tag) in [(Lang::Nb, "nb"), (Lang::En, "en")] {
        let r = imdi2018(lang);
        insta::assert_snapshot!(
            format!("imdi2018_markdown_{tag}"),
            render(&r, Format::Markdown)
        );
        insta::assert_snapshot!(format!("imdi2018_html_{tag}"), render(&r, Format::Html));
        insta::assert_snapshot!(format!("imdi2018_csv_{tag}"), render(&r, Format::Csv));
        insta::assert_snapshot!(format!("imdi2018_json_{tag}"), render(&r, Format::Json));
    }
}

/// Whether every URL in `html` is the SVG namespace, which names a vocabulary and is never
/// fetched.
fn only_svg_namespace_urls(html: &str) -> bool {
    let ns = "xmlns=\"http://www.w3.org/2000/svg\"";
    let urls = html.matches("http://").count() + html.matches("https://").count();
    urls == html.matches(ns).count()
}

#[test]
fn html_is_self_contained() {
    let html = render(&template(Lang::Nb), Format::Html);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"));
    // The only URLs are the three charts' SVG namespaces.
    assert!(only_svg_namespace_urls(&html));
    assert_eq!(html.matches("http://").count(), 3);
    assert!(!only_svg_namespace_urls(&html.replacen(
        "</body>",
        "<a href=\"https://example.invalid/\">x</a></body>",
        1
    )));
    assert!(!only_svg_namespace_urls(
        "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"http://x/y.png\"/></svg>"
    ));
    for needle in ["src=\"http", "href=\"http", "@import"] {
        assert!(!html.contains(needle), "{needle}");
    }
    assert_eq!(html.matches("<svg").count(), 3);
    assert!(html.contains("@media print"));
}

/// A text cell as the CSV writes it: with a leading `'` if a spreadsheet would take it for a
/// formula, unless it is a plain number.
fn csv_text(s: &str) -> String {
    let number = Decimal::from_str_exact(&s.replace(',', ".").replace([' ', '\u{a0}'], "")).is_ok();
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !number {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

#[test]
fn csv_reads_back_to_the_same_figures() {
    for r in [template(Lang::Nb), stavanger()] {
        let text = render(&r, Format::Csv);
        assert!(text.starts_with('\u{feff}'), "UTF-8 with BOM for Excel");
        assert!(
            text.lines().count() > 2 && text.matches("\r\n").count() == text.lines().count(),
            "CRLF line ends"
        );
        let body = text.trim_start_matches('\u{feff}');
        let mut rd = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(body.as_bytes());
        let header = rd.headers().unwrap().clone();
        assert_eq!(
            header.iter().collect::<Vec<_>>(),
            bosetting_report::csv::header(Lang::Nb)
        );
        let mut rows_by_id = std::collections::BTreeMap::new();
        for s in &r.sections {
            for row in &s.rows {
                rows_by_id.entry(row.id.clone()).or_insert(row);
            }
        }
        let mut n = 0;
        for rec in rd.records() {
            let rec = rec.unwrap();
            let row = rows_by_id[&rec[0]];
            assert_eq!(&rec[2], csv_text(&row.label));
            assert_eq!(
                &rec[5],
                csv_text(&bosetting_report::csv::exact(
                    Locale::new(Lang::Nb),
                    &row.value
                ))
            );
            // Never a bare fraction: Excel would read 6/8 as a date.
            assert!(!rec[5].contains('/'), "{}", &rec[5]);
            assert_eq!(
                &rec[7],
                bosetting_report::status_name(Locale::new(Lang::Nb), row.status)
            );
            let number = if rec[3].is_empty() {
                None
            } else {
                Some(Decimal::from_str_exact(&rec[3].replace(',', ".")).unwrap())
            };
            assert_eq!(number, row.number.map(|d| d.normalize()));
            n += 1;
        }
        assert_eq!(n, rows_by_id.len());
    }
}

#[test]
fn json_reads_back_to_the_same_values() {
    for r in [template(Lang::Nb), stavanger()] {
        let text = render(&r, Format::Json);
        let back: JsonReport = serde_json::from_str(&text).unwrap();
        assert_eq!(back, JsonReport::from(&r));
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        for s in v["sections"].as_array().unwrap() {
            for f in s["figures"].as_array().unwrap() {
                for key in [
                    "id",
                    "label",
                    "value",
                    "unit",
                    "published",
                    "status",
                    "explanation",
                ] {
                    assert!(f.get(key).is_some(), "{key} missing in {f}");
                }
                assert!(f["value"].is_string());
            }
        }
    }
}

#[test]
fn sections_without_data_are_left_out() {
    let r = stavanger();
    let titles: Vec<&str> = r.sections.iter().map(|s| s.title.as_str()).collect();
    assert!(!titles.contains(&"Flyktningfond"), "{titles:?}");
    assert!(titles.contains(&"Tallkontroll"));
}

/// The optional section loads, every check in it has the status it expects, and each is
/// in the report, in every format and both languages, with its status said in the
/// report's language.
#[test]
fn the_optional_figures_are_in_every_format() {
    let text = template_with_optional_section();
    let plain =
        Facts::from_toml_str(include_str!("../../../examples/data/template.toml"), "t").unwrap();
    let full = Facts::from_toml_str(&text, "template.toml").unwrap_or_else(|e| panic!("{e}"));
    let results = full.check().unwrap();
    assert!(results.len() > plain.check().unwrap().len());
    for r in &results {
        assert!(
            r.is_as_expected(),
            "{}: {:?} ({})",
            r.id,
            r.status,
            r.reconciliation
        );
    }
    let ids = [
        "remaining",
        "em_condition",
        "em_from_reception",
        "secondary_net",
    ];
    for lang in [Lang::Nb, Lang::En] {
        let r = report(&text, "template.toml", lang);
        for f in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
            let out = render(&r, f);
            for id in ids {
                assert!(out.contains(id), "{id} missing from {f:?} ({lang:?})");
            }
        }
        let statuses: Vec<String> = r
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .filter(|row| ids.contains(&row.id.as_str()))
            .map(|row| bosetting_report::status_name(Locale::new(lang), row.status).to_owned())
            .collect();
        assert_eq!(statuses.len(), ids.len(), "{statuses:?}");
        let (ok, other) = match lang {
            Lang::Nb => (["gjenskapt", "forenlig", "uforenlig"], "reproduced"),
            Lang::En => (["reproduced", "consistent", "inconsistent"], "gjenskapt"),
        };
        assert!(
            statuses
                .iter()
                .all(|s| ok.contains(&s.as_str()) && s != other),
            "{statuses:?}"
        );
    }
    assert_eq!(bosetting_report::untranslated(), Vec::<String>::new());
}
