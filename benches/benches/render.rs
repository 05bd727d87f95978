//! Each report format for a realistic municipality-year (Stavanger 2017, seed 003).

use bosetting_facts::Facts;
use bosetting_report::{Format, Lang, Locale};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn render(c: &mut Criterion) {
    let text = include_str!("../../examples/data/stavanger_2017.toml");
    let facts = Facts::from_toml_str(text, "stavanger_2017.toml").unwrap_or_else(|e| panic!("{e}"));
    let (pairs, rest) = facts.checked().unwrap_or_else(|e| panic!("{e}"));
    let mut g = c.benchmark_group("render");
    g.bench_function("build", |b| {
        b.iter(|| {
            bosetting_report::build_document(&facts.document, &pairs, &rest, Locale::new(Lang::Nb))
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    let report =
        bosetting_report::build_document(&facts.document, &pairs, &rest, Locale::new(Lang::Nb))
            .unwrap_or_else(|e| panic!("{e}"));
    let formats = [
        Format::Markdown,
        Format::Html,
        Format::Csv,
        Format::Json,
        Format::Xlsx,
    ];
    for format in formats {
        g.bench_with_input(BenchmarkId::from_parameter(format), &format, |b, f| {
            let mut out = Vec::with_capacity(1 << 16);
            b.iter(|| {
                out.clear();
                bosetting_report::render(&report, *f, &mut out).unwrap_or_else(|e| panic!("{e}"));
            })
        });
    }
    g.bench_function("facts_and_checks", |b| {
        b.iter(|| {
            let f =
                Facts::from_toml_str(text, "stavanger_2017.toml").unwrap_or_else(|e| panic!("{e}"));
            f.check().unwrap_or_else(|e| panic!("{e}"))
        })
    });
    g.finish();
}

criterion_group!(benches, render);
criterion_main!(benches);
