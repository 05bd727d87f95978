//! Reproduces every figure of the five seed documents from their facts files, and shows
//! where the published figures do not add up.
//!
//! `cargo run --example reproduce_seeds [-- --format markdown|html|csv|json] [--lang nb|en]`
//!
//! Without `--format` it prints the figure check of every document and a summary; with
//! `--format` it prints the five full reports in that format, one after the other.

use std::process::ExitCode;

use bosetting::Status;
use bosetting_examples::{Run, SEEDS, Tally, data_dir, options};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let full = args.iter().any(|a| a == "--format" || a == "-f");
    let opts = match options(args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    if full && !opts.format.is_text() {
        eprintln!(
            "{} is one workbook per file: run `cargo run --example report -- FILE --format {0} --out FILE.{0}` for each seed",
            opts.format
        );
        return ExitCode::from(2);
    }
    let mut tally = Tally::default();
    let mut failed = false;
    for name in SEEDS {
        let path = data_dir().join(format!("{name}.toml"));
        let run = match Run::of(&path, opts.lang) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("error: {e}");
                failed = true;
                continue;
            }
        };
        tally.add(&run);
        if full {
            let mut out = std::io::stdout().lock();
            if let Err(e) = bosetting_report::render(&run.report, opts.format, &mut out) {
                eprintln!("error writing {name}: {e}");
                failed = true;
            }
        } else {
            print_checks(&run);
        }
        for r in run.unexpected() {
            failed = true;
            eprintln!(
                "NOT AS EXPECTED: {} is {} (the ledger expects {})",
                r.id,
                r.status,
                r.expected.map_or("-".to_owned(), |s| s.to_string())
            );
        }
    }
    let line = tally.said(bosetting_report::Locale::new(opts.lang));
    if full {
        eprintln!("{line}");
    } else {
        println!("{line}");
    }
    if failed {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

fn print_checks(run: &Run) {
    let doc = &run.facts.file.document;
    println!("## {} ({})", doc.title, doc.file);
    println!();
    let l = bosetting_report::Locale::new(run.report.lang);
    println!(
        "| id | {} | {} | {} | {} |",
        l.pick("tall", "figure"),
        l.pick("modellen", "model"),
        l.pick("publisert", "published"),
        l.pick("status", "status")
    );
    println!("|---|---|---:|---:|---|");
    let status = |s: Status| bosetting_report::status_name(l, s.into());
    for r in &run.results {
        let published: Vec<&str> = r.published.iter().map(|p| p.text()).collect();
        println!(
            "| {} | {} | {} | {} | {} |",
            r.id,
            r.label,
            l.quantity(&r.value).replace('|', "\\|"),
            published.join(" + "),
            status(r.status)
        );
    }
    let notes: Vec<_> = run
        .results
        .iter()
        .filter(|r| matches!(r.status, Status::Inconsistent | Status::Consistent))
        .collect();
    if !notes.is_empty() {
        println!();
        for r in notes {
            println!(
                "- **{}** ({}): {}",
                r.id,
                status(r.status),
                l.say(&r.reconciliation)
            );
        }
    }
    println!();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_seed_reproduces_and_the_ledger_is_covered() {
        let mut tally = Tally::default();
        let mut ids = Vec::new();
        for name in SEEDS {
            let run = bosetting_examples::assert_seed(name);
            ids.extend(run.results.iter().map(|r| r.id.clone()));
            tally.add(&run);
        }
        assert_eq!(tally.unexpected, 0);
        // The README's line. Three checks restated their own printed figure and are inputs
        // (bodo20.deficit, bodo20.fund_forecast.deviation, drm.housing; issue 12).
        assert_eq!(
            tally.to_string(),
            "80 figures: 36 reproduced, 6 consistent, 1 inconsistent (37 inputs)"
        );
        assert!(
            tally.inconsistent >= 1,
            "bodo20.intro_rate is a real inconsistency"
        );
        // Every id of the ledger is checked.
        let ledger = include_str!("../data/LEDGER_IDS.txt");
        for id in ledger
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            assert!(
                ids.iter().any(|i| i == id),
                "ledger id {id} is not checked by any example"
            );
        }
    }
}
