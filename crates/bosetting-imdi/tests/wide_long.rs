//! The wide and the long layout of the same figures read to the same series, and a wide
//! export with indicator columns the reader does not know is still read.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting::Year;
use bosetting_imdi::{AnyExport, ImportError, Reader};

const WIDE: &[u8] = include_bytes!("fixtures/bosetting-wide-2016-2022.csv");
const GROUP: &str = "Bosetting av flyktninger";

#[test]
fn wide_and_long_reads_of_the_same_figures_give_the_same_series() {
    let long = bosetting_imdi::read_long(bosetting_imdi::bundled(), "long").unwrap();
    // Lenient: the 56 empty unknown columns are skipped without a word.
    let (read, errors) = Reader::new("wide.csv").lenient().read_all(WIDE).unwrap();
    assert!(errors.is_empty(), "{errors:?}");
    let AnyExport::Wide(wide) = read else {
        panic!("not read as wide")
    };
    assert_eq!(wide.rows, 6);
    let group = &wide.groups[GROUP];
    assert_eq!(group.len(), 6);
    let span = Year::new(2016).unwrap()..=Year::new(2022).unwrap();
    let mut compared = 0;
    for (number, w) in group {
        let l = long.municipality(*number).unwrap();
        let l_years: Vec<_> = l.years.iter().filter(|(y, _)| span.contains(y)).collect();
        let w_years: Vec<_> = w.years.iter().collect();
        assert_eq!(w_years, l_years, "{number}");
        assert_eq!(w.name, l.name, "{number}");
        compared += w_years.len();
    }
    // 0301, 1103, 1804: 7 years each; 0806: 2016–2019; 3001, 3806: 2020–2022.
    assert_eq!(compared, 31, "years with figures across the six numbers");
}

#[test]
fn strict_mode_names_the_unknown_column() {
    let e = bosetting_imdi::read_wide(WIDE, "wide.csv").unwrap_err();
    assert_eq!(
        e.to_string(),
        "wide.csv:1: header column 45 \"Bosetting av flyktninger: Faktisk bosetting (sammenslått for tidligere fylker)\": unknown figure"
    );
}

#[test]
fn an_unknown_column_with_figures_is_reported_and_skipped() {
    let text = "Region;Navn;Bosetting: Faktisk bosetting;Bosetting: Bosatt i fjor\n;;Enhet: Personer;Enhet: Personer\n;;År: 2020;År: 2020\nK1804;Bodø;41;12\nK1103;Stavanger;90;\n";
    let latin1: Vec<u8> = text
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect();
    let (read, errors) = Reader::new("t.csv").lenient().read_all(&latin1).unwrap();
    assert_eq!(
        errors
            .iter()
            .map(ImportError::to_string)
            .collect::<Vec<_>>(),
        [
            "t.csv:1: header column 4 \"Bosetting: Bosatt i fjor\": unknown figure; the column is skipped, with figures in 1 row"
        ]
    );
    let w = read.into_wide().unwrap();
    assert_eq!(w.rows, 2);
    let bodo = &w.groups["Bosetting"][&"1804".parse().unwrap()];
    assert_eq!(
        bodo.years[&Year::new(2020).unwrap()].settled,
        Some(bosetting::Reported::Value(41))
    );
}
