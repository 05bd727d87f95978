//! IMDi's register against the municipalities' own documents: where they agree, where they
//! differ, and whether a difference can be explained (suppressed cells, a revised request, EM
//! places given back).
//!
//! `cargo run --example cross_check`

use std::process::ExitCode;

use bosetting::{
    Computed, FigureRef, Interval, MunicipalityNumber, PublishedFigure, ReconcilePolicy,
    Renumbering, Reported, Source, Status, Unit, Year,
};
use bosetting_examples::{Run, data_dir};
use bosetting_imdi::Export;
use bosetting_report::Lang;
use rust_decimal::Decimal;

/// One comparison: the register's figure, the document's, and the verdict.
struct Line {
    what: String,
    imdi: String,
    document: String,
    verdict: Status,
    why: String,
}

fn imdi_value(
    export: &Export,
    number: &str,
    year: i32,
    pick: fn(&bosetting::YearQuota) -> Option<Reported<u32>>,
) -> Result<u32, Box<dyn std::error::Error>> {
    let n: MunicipalityNumber = number.parse()?;
    let s = export.follow(n, &Renumbering::builtin()?)?;
    let q = s
        .years
        .get(&Year::new(year)?)
        .ok_or_else(|| format!("IMDi has no {year} row for {number}"))?;
    pick(q)
        .and_then(|r| r.value())
        .ok_or_else(|| format!("IMDi has no figure for {number} {year}").into())
}

fn doc_value(run: &Run, f: &FigureRef) -> Result<Decimal, Box<dyn std::error::Error>> {
    let year = run
        .facts
        .year()
        .ok_or("the facts file describes no municipality year")?;
    let d = year.figure(f)?;
    Ok(Computed::from_quantity(&d.value).map(|c| match c {
        Computed::Value(v) => v,
        _ => Decimal::ZERO,
    })?)
}

fn compare(what: &str, imdi: u32, doc: Decimal, doc_label: &str, explain_difference: &str) -> Line {
    let same = Decimal::from(imdi) == doc;
    Line {
        what: what.to_owned(),
        imdi: imdi.to_string(),
        document: format!("{} ({doc_label})", doc.normalize()),
        verdict: if same {
            Status::Reproduced
        } else {
            Status::Inconsistent
        },
        why: if same {
            "the register and the document agree".to_owned()
        } else {
            format!(
                "differ by {}: {explain_difference}",
                (doc - Decimal::from(imdi)).normalize()
            )
        },
    }
}

fn lines() -> Result<Vec<Line>, Box<dyn std::error::Error>> {
    let export =
        bosetting_imdi::read(bosetting_imdi::bundled(), "bosetting-kommune-1995-2023.csv")?
            .into_long()
            .ok_or("not the long format")?;
    let run = |name: &str| Run::of(&data_dir().join(format!("{name}.toml")), Lang::En);
    let stavanger = run("stavanger_2017")?;
    let drammen24 = run("drammen_2024")?;
    let drammen17 = run("drammen_2017_t1")?;
    let bodo20 = run("bodo_2020")?;
    let bodo18 = run("bodo_2015_2017")?;
    let mut out = Vec::new();

    out.push(compare(
        "Stavanger 2017, settled",
        imdi_value(&export, "1103", 2017, |q| q.settled)?,
        doc_value(&stavanger, &FigureRef::Settled)?,
        "annual report: 253 + 26 EM",
        "the annual report counts the 26 EM in EMbo on top of the 253; the register counts 277 (registration date or the EM count differ)",
    ));
    out.push(compare(
        "Drammen 2020, current request",
        imdi_value(&export, "3005", 2020, |q| q.request)?,
        doc_value(
            &drammen24,
            &FigureRef::Series {
                of: bosetting::SeriesField::Request,
                year: Year::new(2020)?,
                em: false,
            },
        )?,
        "council case 2024, table: 85 (58)",
        "the council case prints the revised request as 58; IMDi's export has 56",
    ));
    out.push(compare(
        "Drammen 2020, original request",
        imdi_value(&export, "3005", 2020, |q| q.original_request)?,
        doc_value(
            &drammen24,
            &FigureRef::Series {
                of: bosetting::SeriesField::OriginalRequest,
                year: Year::new(2020)?,
                em: false,
            },
        )?,
        "council case 2024, table",
        "",
    ));
    for y in [2022, 2023] {
        out.push(compare(
            &format!("Drammen {y}, decision"),
            imdi_value(&export, "3005", y, |q| q.decision)?,
            doc_value(
                &drammen24,
                &FigureRef::Series {
                    of: bosetting::SeriesField::Decision,
                    year: Year::new(y)?,
                    em: false,
                },
            )?,
            "council case 2024, table",
            "",
        ));
    }
    // Drammen 2017: 170 decided, and IMDi asked to give back 5 of the 15 EM places.
    let decided = doc_value(&drammen17, &FigureRef::Decided)?;
    let em_revision = doc_value(&drammen17, &FigureRef::RequestEm)?;
    let em_decided = doc_value(&drammen17, &FigureRef::DecidedEm)?;
    let after = decided - (em_decided - em_revision);
    out.push(compare(
        "Drammen 2017, decision",
        imdi_value(&export, "0602", 2017, |q| q.decision)?,
        after,
        "1st tertial report: 170 − (15 − 10) EM places given back",
        "",
    ));
    out.push(compare(
        "Bodø 2020, decision",
        imdi_value(&export, "1804", 2020, |q| q.decision)?,
        doc_value(&bodo20, &FigureRef::Decided)?,
        "annual report 2020",
        "",
    ));
    out.push(compare(
        "Bodø 2020, settled",
        imdi_value(&export, "1804", 2020, |q| q.settled)?,
        doc_value(&bodo20, &FigureRef::Settled)?,
        "annual report 2020",
        "",
    ));
    let bodo_req_2015 = imdi_value(&export, "1804", 2015, |q| q.request)?;
    out.push(compare(
        "Bodø 2015, decided places",
        imdi_value(&export, "1804", 2015, |q| q.decision)?,
        doc_value(&bodo18, &FigureRef::Series { of: bosetting::SeriesField::Decision, year: Year::new(2015)?, em: false })?,
        "IMDi prize page: \"fra 90\"",
        &format!("the prize page's 90 is IMDi's request for 2015 ({bodo_req_2015}); the register's decision is 112"),
    ));
    out.push(compare(
        "Bodø 2017, decided places",
        imdi_value(&export, "1804", 2017, |q| q.decision)?,
        doc_value(
            &bodo18,
            &FigureRef::Series {
                of: bosetting::SeriesField::Decision,
                year: Year::new(2017)?,
                em: false,
            },
        )?,
        "IMDi prize page: \"til 140\"",
        "",
    ));

    // National totals: the sum of municipality rows is a lower bound where cells are
    // suppressed (each hides 1–4 persons); the council case's national figure is checked
    // against that range.
    let (nat, suppressed) = export.national()?;
    for y in [2021, 2022, 2023] {
        let year = Year::new(y)?;
        let sum = nat
            .years
            .get(&year)
            .and_then(|q| q.settled)
            .and_then(|r| r.value())
            .ok_or("no national sum")?;
        let hidden = suppressed.get(&year).copied().unwrap_or(0);
        let range = Interval::closed(
            Decimal::from(sum) + Decimal::from(hidden),
            Decimal::from(sum) + Decimal::from(4 * hidden),
        )?;
        let printed = doc_value(&drammen24, &FigureRef::NationalSettled { year })?;
        let fig = PublishedFigure::exact(
            printed,
            Unit::Persons,
            Source::new("Drammen council case 31.01.2024"),
        );
        let r = fig.reconcile(&Computed::Range(range), &ReconcilePolicy::default())?;
        let partial = if y == 2023 {
            " (the export is from September 2023: the year is not complete)"
        } else {
            ""
        };
        out.push(Line {
            what: format!("Norway {y}, settled"),
            imdi: format!("{sum} + {hidden} suppressed cell(s)"),
            document: format!("{} (council case, national figure)", printed.normalize()),
            verdict: if r.status == Status::Reproduced { Status::Consistent } else { r.status },
            why: format!(
                "with each suppressed cell holding 1–4 persons, the register allows {range}; {}{partial}",
                if r.status == Status::Inconsistent { "the printed figure is outside it" } else { "the printed figure is inside it" }
            ),
        });
    }
    Ok(out)
}

fn main() -> ExitCode {
    match lines() {
        Ok(lines) => {
            println!("| Figure | IMDi register | Document | Verdict | Why |");
            println!("|---|---:|---:|---|---|");
            for l in &lines {
                println!(
                    "| {} | {} | {} | {} | {} |",
                    l.what, l.imdi, l.document, l.verdict, l.why
                );
            }
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
    fn known_agreements_and_differences() {
        let lines = lines().unwrap();
        let verdict = |what: &str| lines.iter().find(|l| l.what == what).unwrap().verdict;
        assert_eq!(verdict("Stavanger 2017, settled"), Status::Inconsistent);
        assert_eq!(
            verdict("Drammen 2020, current request"),
            Status::Inconsistent
        );
        assert_eq!(verdict("Drammen 2017, decision"), Status::Reproduced);
        assert_eq!(verdict("Drammen 2023, decision"), Status::Reproduced);
        assert_eq!(verdict("Bodø 2020, settled"), Status::Reproduced);
        assert_eq!(verdict("Bodø 2015, decided places"), Status::Inconsistent);
        assert_eq!(verdict("Norway 2022, settled"), Status::Consistent);
    }
}
