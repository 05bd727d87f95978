//! The shipped grant rates: the payment year's rate is paid, every sourced value of the
//! project's rate collection is shipped, disagreements are picked by standing, quoted totals
//! are checked.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr
)]

use bosetting::{
    GrantCategory, GrantCohort, GrantKind, GrantRates, GrantYear, Money, RateYear, Source,
    Standing, Year, entitlements,
};
use chrono::NaiveDate;

fn y(n: i32) -> Year {
    Year::new(n).unwrap()
}

fn cohort(settled: i32, category: GrantCategory) -> GrantCohort {
    GrantCohort {
        label: format!("settled {settled}"),
        first_settlement: NaiveDate::from_ymd_opt(settled, 6, 1).unwrap(),
        category,
        persons: 1,
        birth_year: None,
        grant_years: None,
        disability: None,
        beyond_request: false,
        source: Source::new("test"),
    }
}

#[test]
fn a_person_settled_in_2015_is_paid_the_2017_rate_for_grant_year_3_in_2017() {
    let rates = GrantRates::builtin().unwrap();
    assert_eq!(rates.integration_rule().year, RateYear::Payment);
    for category in GrantCategory::ALL {
        // Born 1990: no EM grant in 2017 (past the year the person turns 20).
        let mut c = cohort(2015, category);
        c.birth_year = Some(y(1990));
        let due = entitlements(&[c], &rates, y(2017), y(2017)).unwrap();
        assert_eq!(due.lines.len(), 1);
        let line = &due.lines[0];
        assert_eq!(
            line.kind,
            GrantKind::Integration(category, GrantYear::new(3).unwrap())
        );
        assert_eq!(line.amount, Money::kroner(167_000), "{category}");
    }
    // The whole 2017 table: one person of each settlement year 2013–2017, paid in 2017.
    let cohorts: Vec<GrantCohort> = (2013..=2017)
        .map(|s| cohort(s, GrantCategory::SingleAdult))
        .collect();
    let due = entitlements(&cohorts, &rates, y(2017), y(2017)).unwrap();
    let paid: Vec<i64> = due
        .lines
        .iter()
        .map(|l| {
            l.amount
                .to_string()
                .trim_end_matches(" kr")
                .parse()
                .unwrap()
        })
        .collect();
    let mut sorted = paid.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, [70_500, 84_000, 167_000, 230_000, 235_000]);
    // The same person in 2016 would be paid the 2016 table's grant year 2, which is not
    // known: an error naming the budget year, the category and the grant year.
    let e = entitlements(
        &[cohort(2015, GrantCategory::Child)],
        &rates,
        y(2016),
        y(2016),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "no integration grant rate for budget year 2016, child, grant year 2"
    );
}

#[test]
fn disagreeing_sources_are_picked_by_standing_and_the_other_is_recorded() {
    let rates = GrantRates::builtin().unwrap();
    let adult = rates
        .integration(
            y(2024),
            GrantCategory::OtherAdult,
            GrantYear::new(1).unwrap(),
        )
        .unwrap();
    assert_eq!(adult.amount, Money::kroner(187_000));
    assert_eq!(adult.standing, Some(Standing::Secondary));
    assert_eq!(adult.other.len(), 1);
    assert_eq!(adult.other[0].amount, Money::kroner(194_400));
    let r2017 = rates
        .integration(y(2017), GrantCategory::Child, GrantYear::new(1).unwrap())
        .unwrap();
    assert_eq!(r2017.standing, Some(Standing::Adopted));

    let row = |amount: &str, standing: &str, other: &str, note: &str| {
        format!(
            "[[integration]]\nyear = 2024\ncategory = \"child\"\ngrant_year = 1\namount = \"{amount}\"\nstanding = \"{standing}\"\n{note}source = {{ document = \"a\" }}\nother = [{{ amount = \"2\", standing = \"{other}\", source = {{ document = \"b\" }} }}]\n"
        )
    };
    let e = GrantRates::from_toml_str(&row("1", "proposed", "adopted", ""), "r.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "rule table r.toml: invalid integration grant rate 1 kr: another source gives 2 kr at a higher standing (adopted) than this one (proposed); use the value of the higher standing and record this one beside it"
    );
    let e =
        GrantRates::from_toml_str(&row("1", "secondary", "secondary", ""), "r.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "rule table r.toml: invalid integration grant rate 1 kr: another source of the same standing gives 2 kr; say in `note` why this value is used"
    );
    GrantRates::from_toml_str(
        &row(
            "1",
            "secondary",
            "secondary",
            "note = \"the later version\"\n",
        ),
        "r.toml",
    )
    .unwrap();
    GrantRates::from_toml_str(&row("1", "adopted", "proposed", ""), "r.toml").unwrap();
}

#[test]
fn quoted_totals_are_checked_against_the_years_table() {
    let table = |total: &str| {
        let mut t = format!(
            "[[integration_total]]\nyear = 2017\ncategory = \"child\"\namount = \"{total}\"\nsource = {{ document = \"quote\" }}\n"
        );
        for (k, a) in [
            (1, 185_000),
            (2, 230_000),
            (3, 167_000),
            (4, 84_000),
            (5, 70_500),
        ] {
            t.push_str(&format!(
                "[[integration]]\nyear = 2017\ncategory = \"{}\"\ngrant_year = {k}\namount = \"{a}\"\nsource = {{ document = \"IMDi\" }}\n",
                if k == 1 { "child" } else { "all" }
            ));
        }
        t
    };
    GrantRates::from_toml_str(&table("736500"), "r.toml").unwrap();
    let e = GrantRates::from_toml_str(&table("669600"), "r.toml").unwrap_err();
    assert_eq!(
        e.to_string(),
        "rule table r.toml: invalid integration grant total 669600 kr: the quoted five-year total for child, 2017, is not the sum of that year's table for grant years 1–5 (736500 kr)"
    );
    // A total whose year has no complete table is kept unchecked (2014 in the shipped table).
    let rates = GrantRates::builtin().unwrap();
    assert_eq!(
        rates
            .integration_total(y(2014), GrantCategory::SingleAdult)
            .unwrap()
            .amount,
        Money::kroner(717_600)
    );
}

/// Every value of `../shared/data/grant-rates/rates.tsv` is in the shipped table: as a rate,
/// as a disagreeing value beside one, or as a recorded value.
#[test]
fn every_sourced_value_is_shipped() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/grant-rates/rates.tsv"
    );
    let Ok(tsv) = std::fs::read_to_string(path) else {
        eprintln!(
            "note: {path} is not there; the comparison with the shared rate collection is skipped"
        );
        return;
    };
    let shipped = include_str!("../data/grant-rates.toml");
    let mut checked = 0;
    for (i, line) in tsv.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (amount, url) = (f[4], f[6]);
        let locator = format!("locator = \"rates.tsv line {}\"", i + 1);
        let block = shipped
            .lines()
            .filter(|l| l.contains(&locator))
            .collect::<Vec<_>>();
        assert!(
            !block.is_empty(),
            "rates.tsv line {} ({line}) is not shipped",
            i + 1
        );
        assert!(
            block
                .iter()
                .all(|l| l.contains(&format!("document = \"{url}\""))),
            "line {}: source",
            i + 1
        );
        // The amount is on the row the locator closes, or in the same `other` entry.
        let at = shipped.find(&locator).unwrap();
        let row_start = shipped[..at].rfind("\n[[").unwrap();
        let row = &shipped[row_start..at];
        let entry = row.rsplit("other = [").next().unwrap();
        assert!(
            entry.contains(&format!("amount = \"{amount}\"")),
            "rates.tsv line {}: amount {amount} not beside its source",
            i + 1
        );
        checked += 1;
    }
    assert_eq!(checked, 39);
}
