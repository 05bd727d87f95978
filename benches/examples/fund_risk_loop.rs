//! Runs the fund-risk workload of `fund_risk_numpy.py` (10 000 paths × 10 years, draw + run)
//! a given number of times, for `perf stat` and `perf record`: unlike a criterion bench it
//! does a fixed amount of work, so instructions and cycles per call can be compared between
//! variants on a machine shared with other builds.
//!
//! ```sh
//! cargo build --profile bench -p bosetting-benches --example fund_risk_loop
//! perf stat -e instructions,cycles,task-clock target/release/examples/fund_risk_loop 2000 [draw|run|both]
//! ```

use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
use std::hint::black_box;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u32 = args.next().and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let what = args.next().unwrap_or_else(|| "both".to_owned());
    let params = RiskParams::numpy_peer().unwrap_or_else(|e| panic!("{e}"));
    let draw = || {
        ArrivalPaths::counter_triangular(2026, 10_000, 10, 20, 100)
            .unwrap_or_else(|e| panic!("{e}"))
    };
    let drawn = draw();
    let first = fund_risk(&params, &drawn).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.checksum(), 161_713_785);
    for _ in 0..n {
        match what.as_str() {
            "draw" => {
                black_box(draw());
            }
            "run" => {
                black_box(fund_risk(&params, black_box(&drawn)).unwrap_or_else(|e| panic!("{e}")));
            }
            _ => {
                black_box(fund_risk(&params, &draw()).unwrap_or_else(|e| panic!("{e}")));
            }
        }
    }
}
