//! What a program embedding the library does: build a municipality's year in code, derive
//! figures with their explanations, project grant income, costs and the refugee fund under
//! two settlement scenarios, estimate the fund's risk under uncertain settlement, and render
//! the report.
//!
//! ```sh
//! cargo run --example embed                 # Markdown on standard output
//! cargo run --example embed -- --format html > embed.html
//! ```

use std::process::ExitCode;

use bosetting::projection::{
    ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams,
    RateAssumption, SettlementPath,
};
use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
use bosetting::{
    Against, Decision, Fact, GrantCategory, GrantRates, Money, Municipality, MunicipalityYear,
    Ratio, Settled, SettlementYear, Source, Year,
};
use bosetting_report::{Format, Lang, Locale, Report};

/// The whole program, as a library function so that the test runs it.
fn report(format: Format, lang: Lang) -> Result<String, Box<dyn std::error::Error>> {
    // 1. A year in code: every input with its source.
    let doc = || Source::new("Eksempelkommune, årsrapport 2024 (fiktivt eksempel)");
    let y = Year::new(2024)?;
    let mut s = SettlementYear::new(Municipality::new("9999".parse()?, "Eksempelkommune"), y);
    s.decisions
        .push(Decision::base(60, doc().quote("vedtatt 60 flyktninger")));
    s.settled = Some(Settled::new(y.period()).with_total(Fact::new(48, doc().quote("bosatte 48"))));
    let year = MunicipalityYear::new(s, doc());

    // 2. Derived figures explain themselves.
    let gap = year.settlement.shortfall()?;
    let share = year.settlement.fulfilment(Against::Decision)?;
    assert_eq!(gap.value, 12);
    assert_eq!(share.value, Ratio::of(48, 60)?);

    // 3. Ten years under two scenarios, with the shipped rate table. Future years' rates
    //    are not published: the latest known rate is carried forward (an assumption, said
    //    so in the explanations and the report).
    let rate = |a: i64, b, c, d, e| [a, b, c, d, e].map(Money::kroner);
    let assumption = RateAssumption::carry_forward();
    let first = Year::new(2020)?;
    let shares = ByCategory::all(Ratio::of(0, 1)?)
        .with(GrantCategory::SingleAdult, Ratio::of(30, 100)?)
        .with(GrantCategory::OtherAdult, Ratio::of(40, 100)?)
        .with(GrantCategory::Child, Ratio::of(25, 100)?)
        .with(GrantCategory::UnaccompaniedMinor, Ratio::of(5, 100)?);
    let params = ProjectionParams::new(
        first,
        5,
        10,
        CategoryShares::new(shares, doc())?,
        CohortRates::from_grant_rates(
            &GrantRates::builtin()?,
            first,
            15,
            Year::new(2025)?,
            &assumption,
        )?,
        CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, doc())?
            .with_initial_fixed(Money::kroner(3_000_000))?
            .with_variable_per_active_person(Money::kroner(60_000))?,
        FundModel::new(Money::kroner(15_000_000), doc()).with_floor(Money::ZERO),
    )?;
    let history = [40, 35, 90, 70, 48];
    let scenarios = vec![
        (
            "Gradvis nedtrapping".to_owned(),
            SettlementPath::PercentOfLastYear(vec![90, 80, 70, 60, 50, 50, 50, 50, 50, 50]),
        ),
        ("Brå stans".to_owned(), SettlementPath::Persons(vec![0; 10])),
    ];
    let engine = Engine::new(params)?;
    let compared = engine.compare(&history, &scenarios)?;

    // 4. The fund's risk when arrivals are uncertain: 2 000 seeded paths, 20 to 70 a year.
    let risk = fund_risk(
        &RiskParams::new(
            Year::new(2025)?,
            Money::kroner(15_000_000),
            rate(235_000, 230_000, 167_000, 84_000, 70_500),
            Money::kroner(3_000_000),
            Money::kroner(150_000),
            Source::new("IMDis satser for 2017, videreført")
                .assumed("later years' rates are not published"),
        )?
        .with_history(history[1..].to_vec()),
        &ArrivalPaths::triangular(2025, 2_000, 10, 20, 45, 70)?,
    )?;

    // 5. The report: the year, then the scenarios and the risk as sections of their own.
    let locale = Locale::new(lang);
    let mut r: Report = bosetting_report::build(&year, &[], locale)?;
    r.sections.push(bosetting_report::projection_section(
        &compared,
        &assumption.phrase(),
        locale,
    ));
    r.sections
        .push(bosetting_report::risk_section(&risk, locale));
    let mut out = Vec::new();
    bosetting_report::render(&r, format, &mut out)?;
    Ok(String::from_utf8(out)?)
}

fn main() -> ExitCode {
    bosetting_examples::main_rendering(report)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn an_embedding_program_runs_end_to_end() {
        let md = report(Format::Markdown, Lang::Nb).unwrap();
        assert!(md.contains("Flyktningfondets risiko"), "{md}");
        assert!(md.contains("Sannsynlighet for brudd"));
        // The uncovered shortfall is shown per path, comparable with the fund, not summed over
        // the 2 000 paths (727 146 000 kr in 2027).
        assert!(md.contains("Udekket, snitt per forløp"), "{md}");
        assert!(
            !md.contains("727 146") && !md.contains("727\u{a0}146"),
            "{md}"
        );
        assert!(
            md.contains("363 573") || md.contains("363\u{a0}573"),
            "{md}"
        );
        assert!(md.contains("Framskriving og scenarioer"), "{md}");
        assert!(md.contains("Brå stans: fond"), "{md}");
        assert!(md.contains("Forløpene: trekantfordeling"), "{md}");
        // Every word the model says in the report is in the bokmål catalogue.
        assert_eq!(bosetting_report::untranslated(), Vec::<String>::new());
        let html = report(Format::Html, Lang::Nb).unwrap();
        assert!(html.contains("<polygon"), "the fan chart");
        let json = report(Format::Json, Lang::En).unwrap();
        assert!(json.contains("\"fund-risk\""));
    }
}
