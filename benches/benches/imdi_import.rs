//! Reading IMDi's real export (3.6 MB, 74 898 rows) into the model's typed series, with
//! full validation and line-numbered errors.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn import(c: &mut Criterion) {
    let bytes = bosetting_imdi::bundled();
    let mut g = c.benchmark_group("imdi_import");
    g.throughput(Throughput::Bytes(bytes.len() as u64));
    g.bench_function("read_long", |b| {
        b.iter(|| {
            bosetting_imdi::read_long(
                std::hint::black_box(bytes),
                "bosetting-kommune-1995-2023.csv",
            )
            .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    g.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
