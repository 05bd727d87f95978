//! IMDi's settlement statistics for the whole country: national totals per year (request,
//! original request, decision, settled, fulfilment) and the municipalities furthest from
//! their decision in a chosen year.
//!
//! `cargo run --example imdi_national [-- --year 2022] [--top 10] [FILE.csv]`
//!
//! Reads the export bundled with `bosetting-imdi` (IMDi, 25 September 2023) unless a file is
//! given. National sums are lower bounds where municipality cells are suppressed (`:`).

use std::process::ExitCode;

use bosetting::{Reported, RoundingRule, Year};
use bosetting_imdi::Export;

struct Args {
    year: i32,
    top: usize,
    file: Option<String>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        year: 2022,
        top: 10,
        file: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(x) = it.next() {
        match x.as_str() {
            "--year" => {
                a.year = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--year needs a year")?;
            }
            "--top" => {
                a.top = it
                    .next()
                    .and_then(|v| v.parse().ok())
                    .ok_or("--top needs a number")?;
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}")),
            _ => a.file = Some(x),
        }
    }
    Ok(a)
}

fn load(file: Option<&str>) -> Result<Export, Box<dyn std::error::Error>> {
    let read = match file {
        Some(f) => bosetting_imdi::load(std::path::Path::new(f))?,
        None => bosetting_imdi::read(bosetting_imdi::bundled(), "bosetting-kommune-1995-2023.csv")?,
    };
    read.into_long().ok_or_else(|| {
        "the file is in IMDi's wide format; this example reads the long format".into()
    })
}

fn cell(r: Option<Reported<u32>>) -> String {
    r.map(|r| r.to_string()).unwrap_or_default()
}

/// The national table and the ranking, as Markdown.
fn report(export: &Export, year: Year, top: usize) -> Result<String, Box<dyn std::error::Error>> {
    let (nat, suppressed) = export.national()?;
    let mut out = String::new();
    out.push_str("# Bosetting i Norge per år (sum av kommunene i IMDis eksport)\n\n");
    out.push_str("| År | Anmodning | Opprinnelig anmodning | Vedtak | Bosatt | Bosatt/vedtak | Skjulte celler (:) |\n");
    out.push_str("|---|---:|---:|---:|---:|---:|---:|\n");
    for (y, q) in &nat.years {
        let fulfilment = nat
            .fulfilment(*y)
            .ok()
            .and_then(|f| f.value.percent(RoundingRule::HalfUp, 1).ok())
            .map(|p| format!("{p} %"))
            .unwrap_or_default();
        out.push_str(&format!(
            "| {y} | {} | {} | {} | {} | {fulfilment} | {} |\n",
            cell(q.request),
            cell(q.original_request),
            cell(q.decision),
            cell(q.settled),
            suppressed.get(y).copied().unwrap_or(0)
        ));
    }
    out.push_str(&format!(
        "\n# Kommunene lengst fra vedtaket i {year} (bosatt − vedtatt)\n\n| Kommune | Vedtak | Bosatt | Differanse |\n|---|---:|---:|---:|\n"
    ));
    for g in export.furthest_from_decision(year, top) {
        out.push_str(&format!(
            "| {} {} | {} | {} | {:+} |\n",
            g.number, g.name, g.decision, g.settled, g.gap.value
        ));
    }
    Ok(out)
}

fn main() -> ExitCode {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let result = (|| -> Result<String, Box<dyn std::error::Error>> {
        let export = load(a.file.as_deref())?;
        report(&export, Year::new(a.year)?, a.top)
    })();
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn national_totals_and_ranking() {
        let export = load(None).unwrap();
        let text = report(&export, Year::new(2022).unwrap(), 5).unwrap();
        // 2022: 31 253 settled in the municipality rows, two cells suppressed.
        assert!(text.contains("| 2022 | "), "{text}");
        let line = text.lines().find(|l| l.starts_with("| 2022 |")).unwrap();
        assert!(
            line.contains("| 31253 |") && line.ends_with("| 2 |"),
            "{line}"
        );
        let ranking: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("# Kommunene"))
            .collect();
        assert_eq!(
            ranking
                .iter()
                .filter(|l| l.starts_with("| 0")
                    || l.starts_with("| 1")
                    || l.starts_with("| 3")
                    || l.starts_with("| 4")
                    || l.starts_with("| 5"))
                .count(),
            5
        );
    }
}
