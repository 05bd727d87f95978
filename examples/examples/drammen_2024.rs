//! Drammen kommune, council case on settlement in 2024 (seed 001), reproduced from
//! `examples/data/drammen_2024.toml`.
//!
//! `cargo run --example drammen_2024 [-- --format markdown|html|csv|json] [--lang nb|en]`

fn main() -> std::process::ExitCode {
    bosetting_examples::main_for(Some("drammen_2024"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn reproduces_the_ledger() {
        let run = bosetting_examples::assert_seed("drammen_2024");
        let value = |id: &str| run.result(id).unwrap().value.value.exact();
        assert_eq!(value("nat.ukraine2023"), "29730/33701");
        assert_eq!(value("nat.ukraine2023.others"), "3971");
        assert_eq!(value("nat.settled2021.multiple"), "31258/4489");
        assert_eq!(value("nat.request2024.change"), "3299/33701");
        assert_eq!(value("drm.2023"), "400/430");
        assert_eq!(value("drm.housing"), "250");
        assert_eq!(value("drm.capacity_gap"), "90");
        assert_eq!(value("drm.em"), "6/12");
    }
}
