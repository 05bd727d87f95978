//! Bodø kommune, annual report 2020 (seed 000), reproduced from `examples/data/bodo_2020.toml`.
//!
//! `cargo run --example bodo_2020 [-- --format markdown|html|csv|json] [--lang nb|en]`

fn main() -> std::process::ExitCode {
    bosetting_examples::main_for(Some("bodo_2020"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use bosetting::{FigureRef, Status};

    #[test]
    fn reproduces_the_ledger() {
        let run = bosetting_examples::assert_seed("bodo_2020");
        let value = |id: &str| run.result(id).unwrap().value.value.exact();
        assert_eq!(value("bodo20.shortfall"), "33");
        assert_eq!(value("bodo20.fulfilment"), "41/74");
        assert_eq!(value("bodo20.fte"), "-2");
        assert_eq!(value("bodo20.fund_forecast"), "12800000.0");
        // The real inconsistency: no whole count out of 57 rounds half-up to 71 %.
        let rate = run.result("bodo20.intro_rate").unwrap();
        assert_eq!(rate.status, Status::Inconsistent);
        assert!(
            rate.reconciliation
                .to_string()
                .contains("40/57 = 70.2 %, 41/57 = 71.9 %")
        );
        assert!(
            rate.reconciliation
                .to_string()
                .contains("41 under truncate")
        );
        // The deficit is known only to its printed precision.
        assert_eq!(value("bodo20.deficit"), "(-750000, -650000]");
        // Before the fund transfer the result was between −12,0 and −11,8 mill.
        let before = run
            .facts
            .year()
            .unwrap()
            .figure(&FigureRef::ServiceBeforeTransfers)
            .unwrap();
        assert_eq!(before.value.value.exact(), "(-12000000, -11800000]");
    }
}
