//! One municipality's ten-year projection from its facts file, under two scenarios, with the
//! rates from the shipped rate table: Bodø, from its 2020 annual report
//! (`examples/data/bodo_2020.toml`).
//!
//! - Settled persons: 2020 from the facts file (41), 2016–2019 from IMDi's register (the
//!   bundled export), whose 2020 figure must agree with the file.
//! - Rates: `GrantRates::builtin()`. The table holds IMDi's complete 2017 table and 2024's
//!   year-1 rates; every other year's rate is the latest known one carried forward, a stated
//!   assumption that the explanations and the report show as one.
//! - What the file does not state (the split by grant category, costs, the fund's balance)
//!   is given below as assumptions, each with a source that says so.
//!
//! ```sh
//! cargo run --example projection                  # table, one year's explanation, report section
//! cargo run --example projection -- --format html > projection.html
//! ```

use std::error::Error;
use std::process::ExitCode;

use bosetting::projection::{
    ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams,
    RateAssumption, ScenarioComparison, SettlementPath,
};
use bosetting::{Explanation, GrantCategory, GrantRates, Money, Ratio, Source, Year};
use bosetting_facts::Facts;
use bosetting_report::{Format, Lang, Locale, Report};

/// Five history years (2016–2020), ten projected years (2021–2030).
const FIRST: i32 = 2016;
const HISTORY: usize = 5;
const FUTURE: usize = 10;

/// What the projection was run on and what it gave.
struct Projection {
    /// The facts file.
    facts: Facts,
    /// Settled persons 2016–2020 with where each figure comes from.
    history: Vec<(u32, Source)>,
    /// The engine.
    engine: Engine,
    /// The two scenarios, by name.
    scenarios: Vec<(String, SettlementPath)>,
    /// Their projections side by side.
    compared: Vec<ScenarioComparison>,
    /// How the rates the table lacks are set.
    assumption: RateAssumption,
}

impl Projection {
    fn persons(&self) -> Vec<u32> {
        self.history.iter().map(|(n, _)| *n).collect()
    }
}

/// An analyst's assumption in this example: no document states it.
fn assumed(why: &str) -> Source {
    Source::new("examples/examples/projection.rs").assumed(why)
}

fn project() -> Result<Projection, Box<dyn Error>> {
    let facts = Facts::load(bosetting_examples::data_dir().join("bodo_2020.toml"))?;
    let year = facts
        .year()
        .ok_or("bodo_2020.toml describes no municipality year")?;
    let settled_2020 = year
        .settlement
        .settled
        .as_ref()
        .and_then(|s| s.total.clone())
        .ok_or("bodo_2020.toml states no settled total")?;

    // 2016–2019 from IMDi's register; its 2020 figure must be the one the report prints.
    let export =
        bosetting_imdi::read_long(bosetting_imdi::bundled(), "bosetting-kommune-1995-2023.csv")?;
    let number = year.settlement.municipality.number;
    let series = export
        .series
        .get(&number)
        .ok_or("Bodø is not in IMDi's register")?;
    let register = |y: i32| -> Result<u32, Box<dyn Error>> {
        let y = Year::new(y)?;
        series
            .years
            .get(&y)
            .and_then(|q| q.settled)
            .and_then(|r| r.value())
            .ok_or_else(|| format!("IMDi's register has no settled figure for Bodø in {y}").into())
    };
    if register(2020)? != settled_2020.value {
        return Err(format!(
            "IMDi's register gives {} settled in 2020, the annual report {}",
            register(2020)?,
            settled_2020.value
        )
        .into());
    }
    let mut history = Vec::with_capacity(HISTORY);
    for y in FIRST..2020 {
        let at = format!("Faktisk bosetting, 1804, {y}");
        history.push((register(y)?, export.source.clone().at(at)));
    }
    history.push((settled_2020.value, settled_2020.source.clone()));

    // The shipped rates; years the table does not hold carry the latest known rate forward.
    let first = Year::new(FIRST)?;
    let assumption = RateAssumption::carry_forward();
    let rates = CohortRates::from_grant_rates(
        &GrantRates::builtin()?,
        first,
        HISTORY + FUTURE,
        first.offset(HISTORY as i32)?,
        &assumption,
    )?;
    let share = |p| Ratio::of(p, 100);
    let shares = ByCategory::all(share(0)?)
        .with(GrantCategory::SingleAdult, share(30)?)
        .with(GrantCategory::OtherAdult, share(40)?)
        .with(GrantCategory::Child, share(25)?)
        .with(GrantCategory::UnaccompaniedMinor, share(5)?);
    let active_2016_2020: u32 = history.iter().map(|(n, _)| n).sum();
    let params = ProjectionParams::new(
        first,
        HISTORY,
        FUTURE,
        CategoryShares::new(
            shares,
            assumed(
                "the annual report does not split the settled by grant category; a split of 30/40/25/5 % is assumed, whole persons placed by Sainte-Laguë's method",
            ),
        )?,
        rates,
        CostModel::new(
            5,
            Ratio::of(60_000, 1)?,
            Ratio::of(1, 2)?,
            assumed(
                "the annual report states no costs per person: 60 000 kr fixed (half the gap to its level closed each year, at its level for 2016–2020's persons in 2020) and 30 000 kr variable per person settled in the last five years are assumed",
            ),
        )?
        .with_initial_fixed(Money::kroner(i64::from(active_2016_2020) * 60_000))?
        .with_variable_per_active_person(Money::kroner(30_000))?,
        FundModel::new(
            Money::kroner(10_000_000),
            assumed(
                "the annual report states a transfer of 11,2 mill kr from Flyktningfondet in 2020, not the balance; 10 mill kr at the end of 2020 is assumed, and the fund may not go below zero",
            ),
        )
        .with_floor(Money::ZERO),
    )?;
    let engine = Engine::new(params)?;
    let decided = year
        .settlement
        .decisions
        .first()
        .map(|d| d.places.max())
        .ok_or("bodo_2020.toml states no decision")?;
    let scenarios = vec![
        (
            format!("{decided} a year (the 2020 decision)"),
            SettlementPath::Persons(vec![decided; FUTURE]),
        ),
        (
            "settlement stops".to_owned(),
            SettlementPath::Persons(vec![0; FUTURE]),
        ),
    ];
    let persons: Vec<u32> = history.iter().map(|(n, _)| *n).collect();
    let compared = engine.compare(&persons, &scenarios)?;
    Ok(Projection {
        facts,
        history,
        engine,
        scenarios,
        compared,
        assumption,
    })
}

/// The year whose explanation is printed: the first projected year.
fn explained(p: &Projection) -> Result<Explanation, Box<dyn Error>> {
    let (_, path) = p.scenarios.first().ok_or("no scenario")?;
    Ok(p.engine
        .explain_year(&p.persons(), path, Year::new(2021)?)?)
}

fn report(p: &Projection, format: Format, lang: Lang) -> Result<String, Box<dyn Error>> {
    let l = Locale::new(lang);
    let mut out = String::new();
    if format == Format::Markdown {
        out.push_str("Settled persons before the projection:\n\n");
        for (i, (n, s)) in p.history.iter().enumerate() {
            out.push_str(&format!("- {}: {n} ({s})\n", FIRST + i as i32));
        }
        out.push_str("\n| year |");
        for c in &p.compared {
            out.push_str(&format!(" {0}: settled | grants | costs | fund |", c.name));
        }
        out.push_str("\n|---|");
        out.push_str(&"---:|".repeat(4 * p.compared.len()));
        out.push('\n');
        for i in 0..FUTURE {
            let Some(y) = p.compared.first().and_then(|c| c.years.get(i)) else {
                continue;
            };
            out.push_str(&format!("| {} |", y.year));
            for c in &p.compared {
                if let Some(y) = c.years.get(i) {
                    let costs = y.fixed_costs.checked_add(y.variable_costs)?;
                    out.push_str(&format!(
                        " {} | {} | {} | {} |",
                        y.persons,
                        l.money(y.income),
                        l.money(costs),
                        l.money(y.fund)
                    ));
                }
            }
            out.push('\n');
        }
        out.push_str(&format!(
            "\nRates the table lacks: {} (an assumption).\n\nWhy 2021 comes out as it does under \"{}\":\n\n```text\n{}```\n\n",
            p.assumption.describe(),
            p.compared.first().map_or("", |c| c.name.as_str()),
            explained(p)?
        ));
    }
    let year = p.facts.year().ok_or("no municipality year")?;
    let report = Report {
        title: format!(
            "{}: {}",
            year.settlement.municipality.name,
            l.pick("framskriving 2021–2030", "projection 2021–2030")
        ),
        municipality: Some(year.settlement.municipality.name.clone()),
        number: Some(year.settlement.municipality.number.to_string()),
        year: Some(2020),
        bodies: Vec::new(),
        document: year.document.clone(),
        lang,
        sections: vec![bosetting_report::projection_section(
            &p.compared,
            &p.assumption.phrase(),
            l,
        )],
    };
    let mut bytes = Vec::new();
    bosetting_report::render(&report, format, &mut bytes)?;
    out.push_str(&String::from_utf8(bytes)?);
    Ok(out)
}

fn main() -> ExitCode {
    bosetting_examples::main_rendering(|format, lang| {
        project().and_then(|p| report(&p, format, lang))
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]
mod tests {
    use super::*;
    use bosetting::Value;
    use bosetting::projection::Apportionment;

    fn money(e: &Explanation) -> Money {
        match &e.value.value {
            Value::Decimal(d) => Money::new(*d),
            v => panic!("not money: {v:?}"),
        }
    }

    #[test]
    fn the_history_comes_from_the_facts_file_and_the_register() {
        let p = project().unwrap();
        assert_eq!(p.persons(), [126, 123, 79, 71, 41]);
        let last = &p.history[4].1;
        assert!(
            last.quote.as_deref().unwrap().contains("bosatte 41"),
            "{last}"
        );
    }

    /// Every year of both scenarios: the fund moves by the year's result and what was
    /// uncovered; the explanation's grant income is the sum of its cohorts' grants and the
    /// year's income; the 2020 decision's 74 persons a year leave 2 out of every category
    /// (22 + 29 + 18 + 3 = 72).
    #[test]
    fn every_year_adds_up() {
        let p = project().unwrap();
        for ((_, path), c) in p.scenarios.iter().zip(&p.compared) {
            let mut fund = Money::kroner(10_000_000);
            for y in &c.years {
                let costs = y.fixed_costs.checked_add(y.variable_costs).unwrap();
                assert_eq!(y.result, y.income.checked_sub(costs).unwrap());
                fund = fund
                    .checked_add(y.result)
                    .unwrap()
                    .checked_add(y.uncovered)
                    .unwrap();
                assert_eq!(y.fund, fund, "{}", y.year);
                assert!(y.fund >= Money::ZERO);
                assert!(
                    y.rates_assumed,
                    "{}: no rate of 2021–2030 is in the table",
                    y.year
                );
                let why = p.engine.explain_year(&p.persons(), path, y.year).unwrap();
                let income = &why.inputs[1];
                assert_eq!(income.label, "grant income");
                assert_eq!(money(income), y.income, "{}", y.year);
                let cohorts = Money::sum(income.inputs.iter().map(money)).unwrap();
                assert_eq!(cohorts, y.income);
                assert_eq!(money(&why), y.fund);
            }
        }
        // Sainte-Laguë's method places all 74 a year: 22,2 + 29,6 + 18,5 + 3,7 round to
        // 22 + 30 + 19 + 4 = 75, and the last person placed (the child, at 0,25 / 18,5, the
        // lowest priority) is taken back: 22 + 30 + 18 + 4.
        assert!(
            p.compared
                .iter()
                .all(|c| c.years.iter().all(|y| y.lost_to_flooring == 0))
        );
        let (_, path) = &p.scenarios[0];
        let why = p
            .engine
            .explain_year(&p.persons(), path, Year::new(2021).unwrap())
            .unwrap();
        let cohort_2021 = why.inputs[1]
            .inputs
            .iter()
            .find(|c| c.inputs[0].value.value == Value::Integer(2021))
            .unwrap();
        let per_category: Vec<Value> = cohort_2021
            .inputs
            .iter()
            .filter(|e| e.label == "grant for the category")
            .map(|e| e.inputs[0].value.value.clone())
            .collect();
        assert_eq!(per_category, [22, 30, 18, 4].map(Value::Integer));
        // Settlement stopping leaves fixed costs behind the falling income: the fund
        // reaches its floor; at 74 a year it does not.
        assert_eq!(
            p.compared[0].first_year_at_floor, None,
            "{}",
            p.compared[0].summary
        );
        assert!(
            p.compared[1].first_year_at_floor.is_some(),
            "{}",
            p.compared[1].summary
        );
    }

    #[test]
    fn the_assumption_is_shown_as_one() {
        let p = project().unwrap();
        let why = explained(&p).unwrap();
        let a = why
            .inputs
            .iter()
            .find(|i| i.label == "rate assumption")
            .unwrap();
        assert!(a.source.as_ref().unwrap().assumption.is_some());
        let md = report(&p, Format::Markdown, Lang::Nb).unwrap();
        assert!(
            md.contains("Antakelse, ikke fra et dokument: siste kjente sats videreført"),
            "{md}"
        );
        assert!(
            md.contains("År med antatte satser (ikke i satstabellen): 2021"),
            "{md}"
        );
        assert!(!md.contains("telles ikke"), "{md}");
        // Floored category by category, as the benchmarks' peer does, 2 of the 74 a year
        // fall in no category, and the report says so.
        let mut floored = p.engine.params().clone();
        floored.category_shares = floored
            .category_shares
            .with_apportionment(Apportionment::FloorEach);
        let compared = Engine::new(floored)
            .unwrap()
            .compare(&p.persons(), &p.scenarios)
            .unwrap();
        assert!(compared[0].years.iter().all(|y| y.lost_to_flooring == 2));
        let section = bosetting_report::projection_section(
            &compared,
            &p.assumption.phrase(),
            Locale::new(Lang::Nb),
        );
        let notes = format!("{:?}", section);
        assert!(
            notes.contains("74 a year (the 2020 decision): 20 bosatte telles ikke"),
            "{notes}"
        );
        assert!(md.contains("| 2021 | 74 |"), "{md}");
        // Every word the model says in the section is in the bokmål catalogue.
        assert_eq!(bosetting_report::untranslated(), Vec::<String>::new());
        let html = report(&p, Format::Html, Lang::En).unwrap();
        assert!(html.contains("Years with assumed rates"), "{html}");
    }
}
