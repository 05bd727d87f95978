//! IMDi's settlement and integration prize 2018 page on Bodø (seed 004), reproduced from
//! `examples/data/bodo_2015_2017.toml`.
//!
//! `cargo run --example bodo_2015_2017 [-- --format markdown|html|csv|json] [--lang nb|en]`

fn main() -> std::process::ExitCode {
    bosetting_examples::main_for(Some("bodo_2015_2017"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    #[test]
    fn reproduces_the_ledger() {
        let run = bosetting_examples::assert_seed("bodo_2015_2017");
        let value = |id: &str| run.result(id).unwrap().value.value.exact();
        assert_eq!(value("bodo18.places"), "50");
        assert_eq!(value("bodo18.places.relative"), "50/90");
        assert_eq!(value("bodo18.projects"), "6");
        assert_eq!(value("bodo18.em2016"), "35");
    }
}
