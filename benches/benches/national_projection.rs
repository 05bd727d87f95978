//! The national projection of `../shared/bench-peers/README.md` through the library's
//! engine, for 1, 10, 100 and 1 000 scenarios, checked against the peer's checksums.

use bosetting::projection::Engine;
use bosetting_benches::{checksum, export, histories, params, paths};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn projection(c: &mut Criterion) {
    let h = histories(&export());
    let municipalities = (h.len() / bosetting_benches::HISTORY) as u64;
    let mut g = c.benchmark_group("national_projection");
    for scenarios in [1u32, 10, 100, 1000] {
        let p = paths(scenarios);
        let e = Engine::new(params()).unwrap_or_else(|e| panic!("{e}"));
        let sum = checksum(&e, &h, &p);
        match scenarios {
            1 => assert_eq!(sum, 287_620_629),
            1000 => assert_eq!(sum, 629_713_288),
            _ => {}
        }
        // One element = one scenario × municipality × projected year.
        g.throughput(Throughput::Elements(
            u64::from(scenarios) * municipalities * bosetting_benches::FUTURE as u64,
        ));
        g.bench_with_input(BenchmarkId::from_parameter(scenarios), &p, |b, p| {
            b.iter(|| e.run(&h, p).unwrap_or_else(|e| panic!("{e}")))
        });
    }
    g.finish();
}

/// Cost against municipalities × years at 100 scenarios: each size doubles the work.
fn scaling(c: &mut Criterion) {
    let all = histories(&export());
    let h5 = bosetting_benches::HISTORY;
    let mut g = c.benchmark_group("national_projection_scaling");
    g.sample_size(20);
    for (municipalities, future) in [
        (134usize, 10usize),
        (267, 10),
        (534, 10),
        (534, 5),
        (534, 20),
    ] {
        let h = &all[..municipalities * h5];
        let p = bosetting_benches::paths_for(100, future);
        let e =
            Engine::new(bosetting_benches::params_for(future)).unwrap_or_else(|e| panic!("{e}"));
        g.throughput(Throughput::Elements(
            100 * municipalities as u64 * future as u64,
        ));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("100x{municipalities}x{future}")),
            &p,
            |b, p| b.iter(|| e.run(h, p).unwrap_or_else(|e| panic!("{e}"))),
        );
    }
    g.finish();
}

criterion_group!(benches, projection, scaling);
criterion_main!(benches);
