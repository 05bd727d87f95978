//! IMDi's export harmonised to the 2024 municipalities: whole histories for municipalities
//! that changed number, splits marked, national sums unchanged.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use bosetting::{Harmonisation, Reported, Year};
use bosetting_imdi::{Export, Numbering};

fn export() -> Export {
    bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv").unwrap()
}

fn y(n: i32) -> Year {
    Year::new(n).unwrap()
}

#[test]
fn national_sums_are_the_same_published_or_harmonised() {
    let e = export();
    let h = e.harmonised(&Harmonisation::builtin().unwrap()).unwrap();
    let (published, _) = e.national().unwrap();
    let (harmonised, _) = h.national().unwrap();
    assert_eq!(published.years.len(), 29);
    for (year, p) in &published.years {
        let q = &harmonised.years[year];
        let v = |r: Option<Reported<u32>>| r.and_then(|r| r.value());
        assert_eq!(v(q.request), v(p.request), "request {year}");
        assert_eq!(
            v(q.original_request),
            v(p.original_request),
            "original {year}"
        );
        assert_eq!(v(q.decision), v(p.decision), "decision {year}");
        assert_eq!(v(q.settled), v(p.settled), "settled {year}");
    }
    // Fewer series: 248 histories that were split across numbers are one each now.
    let merged = e.series.len() - h.municipalities.len() - h.ungrouped.len();
    assert!(merged > 300, "{merged}");
}

#[test]
fn halden_drammen_and_alesund_have_every_year_of_the_export() {
    let e = export();
    let every: BTreeSet<Year> = e
        .series
        .values()
        .flat_map(|s| s.years.keys().copied())
        .collect();
    assert_eq!(every.len(), 29, "1995–2023");
    let h = e.harmonised(&Harmonisation::builtin().unwrap()).unwrap();
    for n in ["3101", "3301", "1508"] {
        let s = h.municipality(n.parse().unwrap()).unwrap();
        let years: BTreeSet<Year> = s.series.years.keys().copied().collect();
        assert_eq!(years, every, "{n}");
        assert!(
            s.series
                .source
                .as_ref()
                .unwrap()
                .document
                .contains("harmonised to the 2024 municipalities"),
            "{n} is marked as harmonised"
        );
    }
    // Halden is 0101 until 2019 and 3001 from 2020: the harmonised series is each in turn.
    let halden = h.municipality("3101".parse().unwrap()).unwrap();
    let parts: Vec<String> = halden.parts.iter().map(ToString::to_string).collect();
    assert_eq!(parts, ["3001", "0101"]);
    assert_eq!(
        halden.series.years[&y(2017)],
        e.municipality("0101".parse().unwrap()).unwrap().years[&y(2017)]
    );
    assert_eq!(
        halden.series.years[&y(2021)],
        e.municipality("3001".parse().unwrap()).unwrap().years[&y(2021)]
    );
    assert!(halden.approximate.is_empty());
    // Drammen 2017 = old Drammen + Nedre Eiker + Svelvik; 2023 = 3005.
    let drammen = h.municipality("3301".parse().unwrap()).unwrap();
    assert_eq!(drammen.parts.len(), 4);
    assert_eq!(
        drammen.series.years[&y(2023)].decision,
        Some(Reported::Value(400))
    );
    // Ålesund 2020–2023 includes what is Haram today: approximate, and says so.
    let alesund = h.municipality("1508".parse().unwrap()).unwrap();
    let approximate: Vec<i32> = alesund.approximate.keys().map(|y| y.get()).collect();
    assert_eq!(approximate, [2020, 2021, 2022, 2023]);
    assert_eq!(
        alesund.approximate[&y(2022)],
        "1507 Ålesund (2020-2023) includes what is now 1580 Haram"
    );
    // Haram's own history stops in 2019; 2020–2023 is counted in Ålesund, and marked.
    let haram = h.municipality("1580".parse().unwrap()).unwrap();
    assert_eq!(haram.series.years.keys().last(), Some(&y(2019)));
    assert_eq!(haram.approximate.len(), 4);
    // The published numbering is still there.
    let table = Harmonisation::builtin().unwrap();
    let published = e
        .series_in("3001".parse().unwrap(), Numbering::Published, &table)
        .unwrap()
        .unwrap();
    assert_eq!(published.years.keys().next(), Some(&y(2020)));
    let harmonised = e
        .series_in("3101".parse().unwrap(), Numbering::Harmonised2024, &table)
        .unwrap()
        .unwrap();
    assert_eq!(harmonised.years.len(), 29);
}

#[test]
fn numbers_the_grouping_does_not_place_are_kept_as_published_with_the_reason() {
    let e = export();
    let h = e.harmonised(&Harmonisation::builtin().unwrap()).unwrap();
    let why = |n: &str| {
        h.ungrouped
            .iter()
            .find(|(s, _)| s.number == Some(n.parse().unwrap()))
            .map(|(_, w)| w.clone())
            .unwrap()
    };
    assert_eq!(
        why("1850"),
        "1850 Divtasvuodna - Tysfjord (-2019) is in no 2024 municipality (Rest: Delte kommuner og uoppgitt)"
    );
    assert_eq!(
        why("0102"),
        "0102 is not in the grouping of numbers used 1994–2024"
    );
}
