//! Prints every example report to PDF with headless Chromium and checks the paper: every
//! page is A4 portrait, and every status of every table row is on a page (a status column
//! cut off at the page edge loses them). `.ci/run` runs it after installing Debian's
//! `chromium` and `poppler-utils`.
//!
//! ```sh
//! cargo run --example print_check            # both languages, every facts file
//! cargo run --example print_check -- --keep  # and leave the PDFs in target/print-check
//! ```

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use bosetting_examples::{Run, facts_files};
use bosetting_report::{Format, Lang, RowStatus};

/// A4 portrait in PostScript points, as pdfinfo prints it (595.276 × 841.89).
const A4: (f64, f64) = (595.0, 842.0);

fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| {
            Command::new(c)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
}

fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// Checks one report printed to `pdf`; returns what is wrong.
fn check(run_: &Run, lang: Lang, pdf: &Path) -> Result<Vec<String>, String> {
    let mut problems = Vec::new();
    let info = run(Command::new("pdfinfo")
        .arg("-f")
        .arg("1")
        .arg("-l")
        .arg("9999")
        .arg(pdf))?;
    let mut pages = 0;
    for line in info
        .lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
    {
        pages += 1;
        let nums: Vec<f64> = line
            .split_whitespace()
            .filter_map(|w| w.parse::<f64>().ok())
            .collect();
        let (w, h) = match nums.as_slice() {
            [_, w, h, ..] => (*w, *h),
            _ => return Err(format!("cannot read the page size in {line:?}")),
        };
        if (w - A4.0).abs() > 1.5 || (h - A4.1).abs() > 1.5 {
            problems.push(format!("{line}: not A4 portrait"));
        }
    }
    if pages == 0 {
        problems.push("no pages".to_owned());
    }
    let text = run(Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"))?;
    // Every table row with a status shows it: count each status word in the rows the
    // report has, and on the printed pages.
    let l = bosetting_report::Locale::new(lang);
    for st in [
        RowStatus::Input,
        RowStatus::Reproduced,
        RowStatus::Consistent,
        RowStatus::Inconsistent,
        RowStatus::Computed,
    ] {
        let word = bosetting_report::status_name(l, st);
        let rows = run_
            .report
            .sections
            .iter()
            .flat_map(|s| &s.rows)
            .filter(|r| r.status == st)
            .count();
        let printed = text.matches(word).count();
        if printed < rows {
            problems.push(format!(
                "{rows} rows are {word:?} but the pages show the word {printed} times"
            ));
        }
    }
    Ok(problems)
}

fn main() -> ExitCode {
    let keep = std::env::args().any(|a| a == "--keep");
    let Some(browser) = chromium() else {
        eprintln!(
            "print_check: no chromium; install Debian's chromium and poppler-utils (.ci/run does)"
        );
        return ExitCode::FAILURE;
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/print-check");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("print_check: {}: {e}", dir.display());
        return ExitCode::FAILURE;
    }
    let mut failed = 0;
    let mut checked = 0;
    for file in facts_files() {
        for lang in [Lang::Nb, Lang::En] {
            let stem = file
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("report");
            let name = format!("{stem}-{}", if lang == Lang::Nb { "nb" } else { "en" });
            let result = (|| -> Result<Vec<String>, String> {
                let r = Run::of(&file, lang).map_err(|e| e.to_string())?;
                let mut html = Vec::new();
                bosetting_report::render(&r.report, Format::Html, &mut html)
                    .map_err(|e| e.to_string())?;
                let html_path = dir.join(format!("{name}.html"));
                let pdf_path = dir.join(format!("{name}.pdf"));
                std::fs::write(&html_path, html).map_err(|e| e.to_string())?;
                run(Command::new(browser)
                    .args([
                        "--headless",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--no-pdf-header-footer",
                    ])
                    .arg(format!("--print-to-pdf={}", pdf_path.display()))
                    .arg(format!("file://{}", html_path.display())))?;
                check(&r, lang, &pdf_path)
            })();
            checked += 1;
            match result {
                Ok(p) if p.is_empty() => {}
                Ok(p) => {
                    failed += 1;
                    for x in p {
                        eprintln!("{name}: {x}");
                    }
                }
                Err(e) => {
                    failed += 1;
                    eprintln!("{name}: {e}");
                }
            }
        }
    }
    if !keep {
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!("print_check: {checked} reports printed, {failed} with problems");
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
