//! The workloads the benches time, shared with the tests that check they give the peers'
//! answers: the national projection of `../shared/bench-peers/README.md` (steps 1–6).

use bosetting::projection::{
    Apportionment, ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel,
    ProjectionParams, SettlementPath,
};
use bosetting::{Money, Ratio, Reported, Source, Year};
use bosetting_imdi::Export;

/// The peer's category shares in percent: single adult, other adult, child, EM.
pub const SHARES: [u64; 4] = [30, 40, 25, 5];

/// The peer's base rates in kroner per person by category and grant year 1–5.
pub const BASE: [[i64; 5]; 4] = [
    [241_100, 250_000, 180_000, 90_000, 75_000],
    [194_400, 245_000, 175_000, 88_000, 73_000],
    [194_400, 245_000, 175_000, 88_000, 73_000],
    [187_000, 245_000, 175_000, 88_000, 73_000],
];

/// History years (2019–2023) and projected years.
pub const HISTORY: usize = 5;
/// Projected years.
pub const FUTURE: usize = 10;

/// Step 1: settled persons per municipality 2019–2023 from the export (no figure and
/// suppressed count as 0, as the peer does), keeping municipalities with a total above 0, in
/// ascending number order. One history after another, five years each.
pub fn histories(export: &Export) -> Vec<u32> {
    let mut out = Vec::new();
    for s in export.series.values() {
        let mut h = [0u32; HISTORY];
        for (i, slot) in h.iter_mut().enumerate() {
            let y = Year::new(2019 + i as i32).ok();
            *slot = y
                .and_then(|y| s.years.get(&y))
                .and_then(|q| q.settled)
                .and_then(|r: Reported<u32>| r.value())
                .unwrap_or(0);
        }
        if h.iter().any(|v| *v > 0) {
            out.extend_from_slice(&h);
        }
    }
    out
}

/// Step 2: the peer's scenario paths, as percentages of the last history year.
pub fn paths(scenarios: u32) -> Vec<SettlementPath> {
    paths_for(scenarios, FUTURE)
}

/// The peer's paths over `future` projected years (the scaling benches vary it).
pub fn paths_for(scenarios: u32, future: usize) -> Vec<SettlementPath> {
    (0..scenarios)
        .map(|s| {
            SettlementPath::PercentOfLastYear(
                (0..future as u32)
                    .map(|t| (37 * s + 11 * t) % 201)
                    .collect(),
            )
        })
        .collect()
}

/// Steps 3–5 as the engine's parameters: shares, rates fixed by cohort year
/// (`base × 100 × (100 + 2c) // 100` øre), costs that close half the gap to 450 000 kr per
/// active person over five years, and a fund that may not go below zero.
pub fn params() -> ProjectionParams {
    params_for(FUTURE)
}

/// The peer's parameters over `future` projected years.
pub fn params_for(future: usize) -> ProjectionParams {
    let y0 = Year::new(2019).expect("a valid year");
    let rates = (0..HISTORY + future)
        .map(|c| {
            // BASE is positional, in GrantCategory::ALL order.
            ByCategory::from_array(BASE.map(|cat| {
                cat.map(|base| Money::from_ore(base * 100 * (100 + 2 * c as i64) / 100))
            }))
        })
        .collect();
    let ratio = |n: u64, d: u64| Ratio::of(n, d).expect("a positive denominator");
    let source = || Source::new("bench-peers/README.md");
    ProjectionParams::new(
        y0,
        HISTORY,
        future,
        CategoryShares::new(
            ByCategory::from_array(SHARES.map(|p| ratio(p, 100))),
            source(),
        )
        .expect("the peer's shares sum to 100 %")
        // The peer floors each category's persons (its step 3).
        .with_apportionment(Apportionment::FloorEach),
        CohortRates::new(
            y0,
            rates,
            Source::new("bench-peers/README.md (synthetic rates for benchmarking)"),
        )
        .expect("the peer's rates are whole non-negative øre"),
        CostModel::new(5, ratio(450_000, 5), ratio(1, 2), source())
            .expect("the peer's costs are valid"),
        FundModel::new(Money::ZERO, source()).with_floor(Money::ZERO),
    )
    .expect("the peer's rates cover every year")
}

/// The bundled IMDi export.
///
/// # Panics
///
/// If the bundled file does not read (a build defect).
pub fn export() -> Export {
    bosetting_imdi::read_long(bosetting_imdi::bundled(), "bosetting-kommune-1995-2023.csv")
        .unwrap_or_else(|e| panic!("{e}"))
}

/// Step 6: the sum of the final fund over all scenarios and municipalities, in øre, modulo
/// 1 000 000 007.
///
/// # Panics
///
/// If the engine refuses the workload (it must not).
pub fn checksum(engine: &Engine, histories: &[u32], paths: &[SettlementPath]) -> i128 {
    let summaries = engine
        .run(histories, paths)
        .unwrap_or_else(|e| panic!("{e}"));
    let total: i128 = summaries
        .iter()
        .map(|s| {
            i128::from(
                s.final_fund
                    .to_ore()
                    .unwrap_or_else(|| panic!("not whole øre")),
            )
        })
        .sum();
    total.rem_euclid(1_000_000_007)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_peer_workload_has_534_municipalities_and_its_one_scenario_checksum() {
        let h = histories(&export());
        assert_eq!(h.len() / HISTORY, 534);
        let p = paths(1);
        let e = Engine::new(params()).unwrap();
        assert_eq!(checksum(&e, &h, &p), 287_620_629);
    }
}
