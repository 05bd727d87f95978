//! The report for your own municipality's year, from a facts file you write.
//!
//! ```sh
//! cargo run --example report -- path/to/kommune-2025.toml
//! cargo run --example report -- --format html path/to/kommune-2025.toml > rapport.html
//! cargo run --example report -- path/to/kommune-2025.toml --format xlsx --out rapport.xlsx
//! ```
//!
//! The schema is documented in `crates/bosetting-facts` (`cargo doc -p bosetting-facts
//! --open`) and by example in `examples/data/`; `examples/data/template.toml` is a
//! commented starting point. A file that is wrong gives an error naming the file, the line
//! and the field.

fn main() -> std::process::ExitCode {
    bosetting_examples::main_for(None)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use std::io::Write;

    use bosetting_examples::{Run, data_dir};
    use bosetting_report::{Format, Lang};

    #[test]
    fn the_template_reports_in_every_format() {
        let run = Run::of(&data_dir().join("template.toml"), Lang::Nb).unwrap();
        assert!(run.unexpected().is_empty());
        let mut html = Vec::new();
        bosetting_report::render(&run.report, Format::Html, &mut html).unwrap();
        let html = String::from_utf8(html).unwrap();
        // All three charts: request/decision/settled, programme outcomes, fund balance.
        assert_eq!(html.matches("<svg").count(), 3, "{html}");
        let mut en = Vec::new();
        let run_en = Run::of(&data_dir().join("template.toml"), Lang::En).unwrap();
        bosetting_report::render(&run_en.report, Format::Markdown, &mut en).unwrap();
        assert!(String::from_utf8(en).unwrap().contains("## Settlement"));
    }

    /// Every real document's facts file: each check has the status its file expects (each
    /// expectation is justified in a comment beside it), and every format shows the printed
    /// tables and every check.
    #[test]
    fn every_document_has_its_expected_statuses_in_every_format() {
        let dir = data_dir().join("documents");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        assert!(files.len() >= 8, "{} documents", files.len());
        let (mut tables, mut kinds) = (0, std::collections::BTreeSet::new());
        for path in &files {
            let run = Run::of(path, Lang::Nb).unwrap_or_else(|e| panic!("{e}"));
            let bad: Vec<_> = run
                .unexpected()
                .iter()
                .map(|r| format!("{} is {} ({})", r.id, r.status, r.reconciliation))
                .collect();
            assert!(bad.is_empty(), "{}: {bad:?}", path.display());
            assert!(
                run.results.iter().all(|r| r.expected.is_some()),
                "{}: every check states its expected status",
                path.display()
            );
            let doc = &run.facts.document;
            tables += doc.tables.len();
            kinds.extend(doc.relations.iter().map(|r| r.kind));
            // Every document's workbook is written (its tables' titles make sheet names
            // Excel accepts); `crates/bosetting-report/tests/xlsx.rs` reads workbooks back.
            let mut xlsx = Vec::new();
            bosetting_report::render(&run.report, Format::Xlsx, &mut xlsx)
                .unwrap_or_else(|e| panic!("{} xlsx: {e}", path.display()));
            assert!(xlsx.starts_with(b"PK\x03\x04"), "{}", path.display());
            for format in [Format::Markdown, Format::Html, Format::Csv, Format::Json] {
                let mut out = Vec::new();
                bosetting_report::render(&run.report, format, &mut out).unwrap();
                let text = String::from_utf8(out).unwrap();
                for r in &run.results {
                    assert!(
                        text.contains(&r.id),
                        "{} {format}: {}",
                        path.display(),
                        r.id
                    );
                }
                for t in &doc.tables {
                    for row in &t.rows {
                        assert!(
                            text.contains(&row.label.replace('&', "&amp;"))
                                || text.contains(&row.label),
                            "{} {format}: table row {}",
                            path.display(),
                            row.label
                        );
                    }
                }
            }
        }
        assert!(tables >= 1);
        use bosetting::RelationKind::*;
        for k in [
            Sum,
            Difference,
            Share,
            Ratio,
            Change,
            ChangeRelative,
            ChangePoints,
        ] {
            assert!(kinds.contains(&k), "no document uses a {k} relation");
        }
    }

    /// `FILE --format xlsx --out report.xlsx` writes the workbook's bytes to the file, the
    /// same bytes the library renders.
    #[test]
    fn xlsx_goes_to_the_out_file_as_bytes() {
        let dir = std::env::temp_dir().join(format!("bosetting-xlsx-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("report.xlsx");
        let template = data_dir().join("template.toml");
        let args = [
            template.display().to_string(),
            "--format".into(),
            "xlsx".into(),
            "--out".into(),
            file.display().to_string(),
        ];
        let opts = bosetting_examples::options(args).unwrap();
        assert_eq!(opts.format, Format::Xlsx);
        assert!(!opts.format.is_text());
        let run = Run::of(&opts.files[0], opts.lang).unwrap();
        {
            let mut out = opts.output().unwrap();
            bosetting_report::render(&run.report, opts.format, &mut out).unwrap();
            out.flush().unwrap();
        }
        let mut want = Vec::new();
        bosetting_report::render(&run.report, Format::Xlsx, &mut want).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), want);
        assert!(
            bosetting_examples::options(["--out".to_owned()])
                .unwrap_err()
                .contains("--out needs a file name")
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_wrong_file_names_file_line_and_field() {
        let text = std::fs::read_to_string(data_dir().join("template.toml")).unwrap();
        let broken = text.replacen("places = 120", "places = \"many\"", 1);
        assert_ne!(broken, text);
        let dir =
            std::env::temp_dir().join(format!("bosetting-report-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("kommune-2025.toml");
        std::fs::write(&path, broken).unwrap();
        let err = Run::of(&path, Lang::Nb).unwrap_err().to_string();
        let line = text
            .lines()
            .position(|l| l.starts_with("places = 120"))
            .unwrap()
            + 1;
        assert!(
            err.starts_with(&format!("{}:{line}: decision[0].places: ", path.display())),
            "{err}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
