//! Drammen kommune, 1st tertial report 2017 (seed 002), reproduced from
//! `examples/data/drammen_2017_t1.toml`.
//!
//! `cargo run --example drammen_2017_t1 [-- --format markdown|html|csv|json] [--lang nb|en]`

fn main() -> std::process::ExitCode {
    bosetting_examples::main_for(Some("drammen_2017_t1"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use bosetting::Status;

    #[test]
    fn reproduces_the_ledger() {
        let run = bosetting_examples::assert_seed("drammen_2017_t1");
        let value = |id: &str| run.result(id).unwrap().value.value.exact();
        // After one tertial (a third of the year), 70 of 170 is ahead of an even pace.
        assert_eq!(value("drm17.pace"), "70/170");
        assert_eq!(value("drm17.pace.even"), "170/3");
        assert_eq!(value("drm17.decided.ordinary"), "155");
        assert_eq!(value("drm17.intro_exits.rate"), "10/15");
        // "cirka 280" can only be bounded: at least the 15 who left took part.
        let p = run.result("drm17.intro_participants").unwrap();
        assert_eq!(p.status, Status::Consistent);
        assert_eq!(p.value.value.exact(), "[15, ∞)");
    }
}
