//! One municipality's request, decision and settled for every year of IMDi's export,
//! harmonised to the 2024 municipalities: the history of a municipality that changed number
//! (Halden: 0101, 3001, 3101) or merged (Drammen: 0602 + 0625 + 0711, then 3005) is the sum of
//! its former parts, and a year carried across a split (Ålesund 2020–2023 holds what is Haram
//! today) is marked approximate.
//!
//! `cargo run --example imdi_series -- NUMBER [--format markdown|html] [FILE.csv]`
//!
//! NUMBER is a 2024 municipality number, or any number it had since 1994. Reads the export
//! bundled with `bosetting-imdi` (IMDi, 25 September 2023) unless a file is given. `--format
//! html` writes one page with the table and a bar chart.

use std::process::ExitCode;

use bosetting::{Harmonisation, MunicipalityNumber, Reported, Year};
use bosetting_imdi::{Export, Harmonised};
use bosetting_report::{
    Chart, ChartKind, ChartSeries, Format, Lang, Locale, Report, Section, SectionId, Table,
};
use rust_decimal::Decimal;

struct Args {
    number: String,
    format: Format,
    file: Option<String>,
}

fn args(raw: impl IntoIterator<Item = String>) -> Result<Args, String> {
    let mut number = None;
    let mut format = Format::Markdown;
    let mut file = None;
    let mut it = raw.into_iter();
    while let Some(x) = it.next() {
        match x.as_str() {
            "--format" => {
                format = it
                    .next()
                    .ok_or("--format needs a format")?
                    .parse()
                    .map_err(|e: bosetting_report::FormatError| e.to_string())?;
            }
            s if s.starts_with('-') => return Err(format!("unknown option {s:?}")),
            s if number.is_none() => number = Some(s.to_owned()),
            _ => file = Some(x),
        }
    }
    Ok(Args {
        number: number.ok_or("usage: imdi_series NUMBER [--format markdown|html] [FILE.csv]")?,
        format,
        file,
    })
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

fn cell(l: Locale, r: Option<Reported<u32>>) -> String {
    match r {
        Some(Reported::Value(v)) => l.int(i64::from(v)),
        Some(other) => other.to_string(),
        None => String::new(),
    }
}

fn value(r: Option<Reported<u32>>) -> Option<Decimal> {
    r.and_then(|r| r.value()).map(Decimal::from)
}

/// The report for one municipality, and the national check.
fn report(
    export: &Export,
    harmonised: &Harmonised,
    table: &Harmonisation,
    number: MunicipalityNumber,
) -> Result<Report, Box<dyn std::error::Error>> {
    let l = Locale::new(Lang::Nb);
    let group = table
        .group_of(number)
        .ok_or_else(|| format!("{number} is in no 2024 municipality of the grouping"))?;
    let h = harmonised.municipality(group.number).ok_or_else(|| {
        format!(
            "{} {} has no figures in the export",
            group.number, group.name
        )
    })?;
    let years: std::collections::BTreeSet<Year> = export
        .series
        .values()
        .flat_map(|s| s.years.keys().copied())
        .collect();
    let mut rows = Vec::new();
    let (mut request, mut decision, mut settled) = (Vec::new(), Vec::new(), Vec::new());
    for y in &years {
        let q = h.series.years.get(y).cloned().unwrap_or_default();
        let mut notes = Vec::new();
        if let Some(why) = h.approximate.get(y) {
            notes.push(format!("omtrentlig: {}", l.say(why)));
        }
        if let Some(n) = h.lower_bound.get(y) {
            notes.push(format!("minst (skjult i {n} celle(r))"));
        }
        if !h.series.years.contains_key(y) {
            notes.push("ingen tall".to_owned());
        }
        rows.push(vec![
            y.to_string(),
            cell(l, q.request),
            cell(l, q.original_request),
            cell(l, q.decision),
            cell(l, q.settled),
            notes.join("; "),
        ]);
        request.push(value(q.request));
        decision.push(value(q.decision));
        settled.push(value(q.settled));
    }
    let labels = |v: &[Option<Decimal>]| -> Vec<String> {
        v.iter()
            .map(|d| d.map(|d| d.to_string()).unwrap_or_default())
            .collect()
    };
    let chart = Chart {
        title: format!(
            "{} ({}): anmodning, vedtak og bosatte per år, harmonisert til 2024",
            group.name, group.number
        ),
        kind: ChartKind::Bars,
        categories: years.iter().map(ToString::to_string).collect(),
        series: vec![
            ChartSeries {
                name: "Anmodning".into(),
                labels: labels(&request),
                values: request,
            },
            ChartSeries {
                name: "Vedtak".into(),
                labels: labels(&decision),
                values: decision,
            },
            ChartSeries {
                name: "Bosatt".into(),
                labels: labels(&settled),
                values: settled,
            },
        ],
        unit: "personer".into(),
        x: Vec::new(),
        source: "IMDi, bosetting i kommunene 1995–2023 (eksport), harmonisert med SSBs kommuneinndeling 2024".into(),
    };
    let (published, _) = export.national()?;
    let (national, _) = harmonised.national()?;
    let same = published.years.iter().all(|(y, p)| {
        national.years.get(y).is_some_and(|q| {
            let v = |r: Option<Reported<u32>>| r.and_then(|r| r.value());
            v(q.request) == v(p.request)
                && v(q.original_request) == v(p.original_request)
                && v(q.decision) == v(p.decision)
                && v(q.settled) == v(p.settled)
        })
    });
    let parts: Vec<String> = h
        .parts
        .iter()
        .map(|n| {
            let name = group
                .parts
                .iter()
                .find(|p| p.number == *n)
                .map_or("", |p| p.name.as_str());
            format!("{n} {name}")
        })
        .collect();
    let mut notes = vec![
        format!(
            "Harmonisert til kommunene i 2024: summen av numrene {} i IMDis eksport.",
            parts.join(", ")
        ),
        format!(
            "Kilde: {}.",
            h.series.source.as_ref().map_or("", |s| s.document.as_str())
        ),
    ];
    if !h.approximate.is_empty() {
        let ys: Vec<String> = h.approximate.keys().map(ToString::to_string).collect();
        notes.push(format!(
            "Omtrentlig ({}): en kommune ble delt, og en gruppering kan ikke dele tallene.",
            ys.join(", ")
        ));
    }
    notes.push(format!(
        "Nasjonale summer, harmonisert og som publisert: {}.",
        if same { "like for alle år" } else { "ULIKE" }
    ));
    Ok(Report {
        title: format!(
            "Bosetting i {} ({}), {}–{}",
            group.name,
            group.number,
            years.first().map(ToString::to_string).unwrap_or_default(),
            years.last().map(ToString::to_string).unwrap_or_default()
        ),
        municipality: Some(group.name.clone()),
        number: Some(group.number.to_string()),
        year: None,
        bodies: Vec::new(),
        document: export.source.clone(),
        lang: Lang::Nb,
        sections: vec![Section {
            id: SectionId::Settlement,
            title: "Anmodning, vedtak og bosatte per år".into(),
            rows: Vec::new(),
            tables: vec![Table {
                title: "Per år, harmonisert til 2024".into(),
                header: [
                    "År",
                    "Anmodning",
                    "Opprinnelig anmodning",
                    "Vedtak",
                    "Bosatt",
                    "Merknad",
                ]
                .map(String::from)
                .to_vec(),
                numeric: vec![false, true, true, true, true, false],
                rows,
                cells: Vec::new(),
            }],
            charts: vec![chart],
            notes,
        }],
    })
}

fn run(a: &Args) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    let number: MunicipalityNumber = a.number.parse()?;
    let export = load(a.file.as_deref())?;
    let table = Harmonisation::builtin()?;
    let harmonised = export.harmonised(&table)?;
    let r = report(&export, &harmonised, &table, number)?;
    let mut out = Vec::new();
    bosetting_report::render(&r, a.format, &mut out)?;
    Ok(out)
}

fn main() -> ExitCode {
    let a = match args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    match run(&a) {
        Ok(bytes) => {
            use std::io::Write;
            if std::io::stdout().write_all(&bytes).is_err() {
                return ExitCode::FAILURE;
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
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use super::*;

    fn text(number: &str, format: &str) -> String {
        let a = args([number.to_owned(), "--format".to_owned(), format.to_owned()]).unwrap();
        String::from_utf8(run(&a).unwrap()).unwrap()
    }

    fn year_rows(t: &str) -> Vec<&str> {
        t.lines()
            .filter(|l| l.starts_with("| 19") || l.starts_with("| 20"))
            .collect()
    }

    #[test]
    fn halden_drammen_and_alesund_have_every_year() {
        for n in ["3101", "3301", "1508"] {
            let t = text(n, "markdown");
            let rows = year_rows(&t);
            assert_eq!(rows.len(), 29, "{n}: 1995–2023\n{t}");
            assert!(
                rows.iter().all(|r| !r.contains("ingen tall")),
                "{n}: a figure every year\n{t}"
            );
            assert!(
                t.contains("Nasjonale summer, harmonisert og som publisert: like for alle år.")
            );
            // The model's words about splits are said in bokmål.
            assert_eq!(bosetting_report::untranslated(), Vec::<String>::new());
        }
        // Halden 2017 is 0101's figures; Drammen 2023 decision 400.
        let drammen = text("3301", "markdown");
        let y2023 = year_rows(&drammen)
            .into_iter()
            .find(|l| l.starts_with("| 2023 |"))
            .unwrap();
        assert!(y2023.contains("| 400 |"), "{y2023}");
        // The split is marked in Ålesund's years 2020–2023 and nowhere else.
        let alesund = text("1508", "markdown");
        let marked: Vec<&str> = year_rows(&alesund)
            .into_iter()
            .filter(|l| {
                l.contains("omtrentlig: 1507 Ålesund (2020-2023) omfatter det som nå er 1580 Haram")
            })
            .map(|l| &l[2..6])
            .collect();
        assert_eq!(marked, ["2020", "2021", "2022", "2023"]);
        // An old number finds its 2024 municipality.
        assert_eq!(text("0101", "markdown"), text("3101", "markdown"));
    }

    #[test]
    fn html_gives_the_chart() {
        let t = text("3101", "html");
        assert!(t.contains("<svg"), "{t}");
        assert!(t.contains("Halden (3101): anmodning, vedtak og bosatte"));
    }
}
