//! Loading grows linearly: a facts file with N `[[staffing]]` rows and N `[[check]]`s of
//! them (read, built, every check computed), the report built from it, and IMDi's wide
//! header with N columns, for N = 1 000, 10 000, 20 000 and 100 000.

use std::fmt::Write as _;

use bosetting_facts::Facts;
use bosetting_report::{Lang, Locale};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SIZES: [usize; 4] = [1_000, 10_000, 20_000, 100_000];

/// N staffing rows (two years of N / 2 units) and a check of each.
fn facts_text(n: usize) -> String {
    let mut t = String::from(
        "schema = \"bosetting-facts/2\"\n\n[document]\nid = \"big\"\nfile = \"big.pdf\"\ntitle = \"Big\"\nmunicipality = { number = \"1804\", name = \"Bodø\" }\nyear = 2020\n",
    );
    for i in 0..n {
        let (unit, year, v) = (i / 2, 2019 + i % 2, 10 + i % 7);
        let _ = write!(
            t,
            "\n[[staffing]]\nunit = \"Enhet {unit}\"\nyear = {year}\npermanent = \"{v}\"\nquote = \"{v} årsverk\"\n"
        );
    }
    for i in 0..n {
        let (unit, year, v) = (i / 2, 2019 + i % 2, 10 + i % 7);
        let _ = write!(
            t,
            "\n[[check]]\nid = \"c{i}\"\nlabel = \"Årsverk {unit} {year}\"\nfigure = {{ name = \"staffing.permanent\", unit = \"Enhet {unit}\", year = {year} }}\nkind = \"input\"\npublished = \"{v}\"\nunit = \"fte\"\nquote = \"{v} årsverk\"\nexpect = \"input\"\n"
        );
    }
    t
}

/// A wide export's three header rows with N columns (N / 2 years of two figures), and one row.
fn wide_text(n: usize) -> Vec<u8> {
    let (mut h1, mut h2, mut h3, mut row) = (
        String::from("Region;Navn"),
        String::from(";"),
        String::from(";"),
        String::from("K3801;Horten"),
    );
    for i in 0..n {
        let figure = if i % 2 == 0 {
            "Anmodning om bosetting"
        } else {
            "Faktisk bosetting"
        };
        // Groups keep the years in range: 200 years per group.
        let _ = write!(h1, ";G{}: {figure}", i / 400);
        h2.push_str(";Enhet: Personer");
        let _ = write!(h3, ";År: {}", 1900 + (i / 2) % 200);
        let _ = write!(row, ";{}", i % 50);
    }
    let text = format!("{h1}\n{h2}\n{h3}\n{row}\n");
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect()
}

fn loading(c: &mut Criterion) {
    let mut g = c.benchmark_group("loading");
    g.sample_size(10);
    for n in SIZES {
        let text = facts_text(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("facts_and_checks", n), &text, |b, t| {
            b.iter(|| {
                let f = Facts::from_toml_str(t, "big.toml").unwrap_or_else(|e| panic!("{e}"));
                f.check().unwrap_or_else(|e| panic!("{e}"))
            })
        });
        let facts = Facts::from_toml_str(&text, "big.toml").unwrap_or_else(|e| panic!("{e}"));
        let (pairs, rest) = facts.checked().unwrap_or_else(|e| panic!("{e}"));
        g.bench_with_input(BenchmarkId::new("report", n), &n, |b, _| {
            b.iter(|| {
                bosetting_report::build_document(
                    &facts.document,
                    &pairs,
                    &rest,
                    Locale::new(Lang::Nb),
                )
                .unwrap_or_else(|e| panic!("{e}"))
            })
        });
        let json = facts.to_json_string().unwrap_or_else(|e| panic!("{e}"));
        g.bench_with_input(BenchmarkId::new("facts_json", n), &json, |b, t| {
            b.iter(|| Facts::from_json_str(t, "big.json").unwrap_or_else(|e| panic!("{e}")))
        });
        let wide = wide_text(n);
        g.bench_with_input(BenchmarkId::new("wide_header", n), &wide, |b, w| {
            b.iter(|| bosetting_imdi::read_wide(w, "wide.csv").unwrap_or_else(|e| panic!("{e}")))
        });
    }
    g.finish();
}

criterion_group!(benches, loading);
criterion_main!(benches);
