//! The report's fieldless enums are keys: ordered as declared, hashed and copied.
#![allow(clippy::indexing_slicing)]

use bosetting_report::{ChartKind, Format, Lang, RowStatus, SectionId};

#[test]
fn fieldless_enums_are_ordered_hashed_keys() {
    fn key<T: Copy + Ord + std::hash::Hash>() {}
    key::<ChartKind>();
    key::<Format>();
    key::<Lang>();
    key::<RowStatus>();
    key::<SectionId>();
    let mut langs = [Lang::En, Lang::Nb];
    langs.sort();
    assert_eq!(langs, [Lang::Nb, Lang::En]);
}

/// Years are `bosetting::Year`, never a bare number: the risk section shows each risk
/// year's calendar year, counted from the rules' first year.
#[test]
fn years_are_years() -> Result<(), bosetting::Error> {
    use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
    use bosetting::{Money, Source, Year};
    use bosetting_report::Locale;

    assert_eq!(Locale::new(Lang::Nb).year(Year::new(2025)?), "2025");
    let params = RiskParams::new(
        Year::new(2025)?,
        Money::kroner(20_000_000),
        [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
        Money::kroner(3_000_000),
        Money::kroner(150_000),
        Source::new("test"),
    )?
    .with_history(vec![40, 60, 120, 80]);
    let r = fund_risk(&params, &ArrivalPaths::triangular(1, 20, 3, 20, 40, 100)?)?;
    let s = bosetting_report::risk_section(&r, Locale::new(Lang::En));
    let years: Vec<&str> = s.tables[0].rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(years, ["2025", "2026", "2027"]);
    Ok(())
}
