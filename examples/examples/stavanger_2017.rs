//! Stavanger kommune, annual report 2017, Flyktningseksjonen (seed 003), reproduced from
//! `examples/data/stavanger_2017.toml`.
//!
//! `cargo run --example stavanger_2017 [-- --format markdown|html|csv|json] [--lang nb|en]`

fn main() -> std::process::ExitCode {
    bosetting_examples::main_for(Some("stavanger_2017"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use bosetting::Status;

    #[test]
    fn reproduces_the_ledger() {
        let run = bosetting_examples::assert_seed("stavanger_2017");
        let value = |id: &str| run.result(id).unwrap().value.value.exact();
        assert_eq!(value("stv17.settled"), "279");
        assert_eq!(value("stv17.settled.fulfilment"), "279/285");
        assert_eq!(value("stv17.settled.em"), "26/25");
        assert_eq!(value("stv17.family_em"), "21/27");
        assert_eq!(value("stv17.housing"), "95");
        // 19 % + 33 % = 52 % of 75 fits only 14 + 25 = 39.
        assert_eq!(value("stv17.intro_rates"), "39");
        assert_eq!(value("stv17.intro_trend"), "18/1");
        assert!(
            run.result("stv17.intro_goal")
                .unwrap()
                .reconciliation
                .to_string()
                .contains("3 percentage points under")
        );
        // 96,6 % fits the rounded underspend only if it was about 0.96–0.99 mill.
        let pct = run.result("stv17.spend_pct").unwrap();
        assert_eq!(pct.status, Status::Consistent);
        assert!(pct.reconciliation.to_string().contains("gives 96.5"));
        assert_eq!(value("stv17.budget.underspend"), "(956425, 988425)");
    }
}
