//! The fund-risk workload of `../shared/bench-peers/README.md` (`fund_risk_numpy.py`):
//! 10 000 paths × 10 years of one municipality's fund, draw + run, checked against the
//! peer's checksum; and a national variant: every municipality in IMDi's export with 1 000
//! paths each, arrivals triangular around its own recent settlement.

use bosetting::Money;
use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
use bosetting_benches::{export, histories};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

fn peer() -> RiskParams {
    RiskParams::numpy_peer().unwrap_or_else(|e| panic!("{e}"))
}

fn one_municipality(c: &mut Criterion) {
    let mut g = c.benchmark_group("fund_risk");
    for paths in [1_000usize, 10_000] {
        let p = ArrivalPaths::counter_triangular(2026, paths, 10, 20, 100)
            .unwrap_or_else(|e| panic!("{e}"));
        let r = fund_risk(&peer(), &p).unwrap_or_else(|e| panic!("{e}"));
        let want = if paths == 10_000 {
            161_713_785
        } else {
            11_290_409
        };
        assert_eq!(r.checksum(), want);
        g.bench_with_input(BenchmarkId::from_parameter(paths), &paths, |b, &n| {
            b.iter(|| {
                let p = ArrivalPaths::counter_triangular(2026, n, 10, 20, 100)
                    .unwrap_or_else(|e| panic!("{e}"));
                fund_risk(&peer(), &p).unwrap_or_else(|e| panic!("{e}"))
            })
        });
    }
    // The run alone, on paths drawn once.
    let p = ArrivalPaths::counter_triangular(2026, 10_000, 10, 20, 100)
        .unwrap_or_else(|e| panic!("{e}"));
    g.bench_function("10000_run_only", |b| {
        b.iter(|| fund_risk(&peer(), &p).unwrap_or_else(|e| panic!("{e}")))
    });
    g.bench_function("10000_draw_only", |b| {
        b.iter(|| {
            ArrivalPaths::counter_triangular(2026, 10_000, 10, 20, 100)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    g.finish();
}

fn national(c: &mut Criterion) {
    let h = histories(&export());
    let hist: Vec<&[u32]> = h.chunks(bosetting_benches::HISTORY).collect();
    let mut g = c.benchmark_group("fund_risk_national");
    g.sample_size(10);
    g.bench_function(format!("{}_municipalities_x_1000_paths", hist.len()), |b| {
        b.iter(|| {
            let mut breaches = 0u64;
            for (i, m) in hist.iter().enumerate() {
                let last = m.last().copied().unwrap_or(0);
                let (low, high) = (last / 2, last.saturating_mul(3) / 2 + 1);
                let params = peer()
                    .with_history(m[1..].to_vec())
                    .with_opening(Money::kroner(i64::from(last) * 100_000))
                    .and_then(|p| p.with_fixed_cost(Money::kroner(i64::from(last) * 10_000)))
                    .unwrap_or_else(|e| panic!("{e}"));
                let p = ArrivalPaths::triangular(i as u64, 1_000, 10, low, last.max(low), high)
                    .unwrap_or_else(|e| panic!("{e}"));
                let r = fund_risk(&params, &p).unwrap_or_else(|e| panic!("{e}"));
                breaches += r.years.iter().map(|y| y.breaches).sum::<u64>();
            }
            breaches
        })
    });
    g.finish();
}

criterion_group!(benches, one_municipality, national);
criterion_main!(benches);
