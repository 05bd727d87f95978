//! Bad input, table-driven: every case gives its exact error, and a lenient read keeps the
//! valid rows around it.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting_imdi::{AnyExport, Reader};

const HEAD: &str = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n";
const GOOD_BEFORE: &str = "Personer;2020;1804;Bodø;Vedtak om bosetting;74\n";
const GOOD_AFTER: &str = "Personer;2020;1804;Bodø;Faktisk bosetting;41\n";

fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

#[test]
fn long_format_rows() {
    // (what, bad row, the exact error)
    let cases: &[(&str, &str, &str)] = &[
        (
            "truncated row",
            "Personer;2020;1804;Bodø;Anmodning om bos\n",
            "t.csv:3: expected 6 fields, found 5",
        ),
        (
            "extra field",
            "Personer;2020;1804;Bodø;Anmodning om bosetting;5;6\n",
            "t.csv:3: expected 6 fields, found 7",
        ),
        (
            "huge number",
            "Personer;2020;1804;Bodø;Anmodning om bosetting;12345678901234\n",
            "t.csv:3: Antall \"12345678901234\": expected a whole number of persons (0 to 999 999 999), `.` or `:`",
        ),
        (
            "negative count",
            "Personer;2020;1804;Bodø;Anmodning om bosetting;-3\n",
            "t.csv:3: Antall \"-3\": expected a whole number of persons (0 to 999 999 999), `.` or `:`",
        ),
        (
            "decimal persons",
            "Personer;2020;1804;Bodø;Anmodning om bosetting;4.5\n",
            "t.csv:3: Antall \"4.5\": expected a whole number of persons (0 to 999 999 999), `.` or `:`",
        ),
        (
            "comma decimal",
            "Prosent;2020;1804;Bodø;Anmodning om bosetting;61,4\n",
            "t.csv:3: Antall \"61,4\": expected a non-negative decimal with a point, `.` or `:`",
        ),
        (
            "unknown unit",
            "Folk;2020;1804;Bodø;Anmodning om bosetting;5\n",
            "t.csv:3: Enhet \"Folk\": expected Personer or Prosent",
        ),
        (
            "unknown figure",
            "Personer;2020;1804;Bodø;Bosatt;5\n",
            "t.csv:3: Bosetting \"Bosatt\": expected Anmodning om bosetting, Opprinnelig anmodning, Vedtak om bosetting or Faktisk bosetting",
        ),
        (
            "bad year",
            "Personer;20x0;1804;Bodø;Anmodning om bosetting;5\n",
            "t.csv:3: År \"20x0\": expected a four-digit year",
        ),
        (
            "year out of range",
            "Personer;1700;1804;Bodø;Anmodning om bosetting;5\n",
            "t.csv:3: År \"1700\": expected a four-digit year",
        ),
        (
            "bad number",
            "Personer;2020;18045;Bodø;Anmodning om bosetting;5\n",
            "t.csv:3: Kommunenummer \"18045\": expected four digits other than 0000",
        ),
        (
            "duplicated year",
            "Personer;2020;1804;Bodø;Vedtak om bosetting;75\n",
            "t.csv:3: a second row for 1804 2020 Personer Vedtak om bosetting (the first is on line 2)",
        ),
        (
            "empty line",
            "\n",
            "t.csv:3: an empty line where a row was expected",
        ),
        (
            "unclosed quote",
            "Personer;2020;1804;\"Bodø;Anmodning om bosetting;5\n",
            "t.csv:3: a quoted field is not closed",
        ),
    ];
    for (what, bad, want) in cases {
        let text = latin1(&format!("{HEAD}{GOOD_BEFORE}{bad}{GOOD_AFTER}"));
        let err = bosetting_imdi::read_long(&text, "t.csv").unwrap_err();
        assert_eq!(&err.to_string(), want, "{what}");
        assert_eq!(err.line(), Some(3), "{what}");
        let (read, errors) = Reader::new("t.csv").lenient().read_all(&text).unwrap();
        assert_eq!(errors.len(), 1, "{what}");
        assert_eq!(&errors[0].to_string(), want, "{what}");
        let AnyExport::Long(export) = read else {
            panic!("{what}: not long")
        };
        assert_eq!(
            export.rows, 2,
            "{what}: the valid rows before and after are kept"
        );
    }
}

#[test]
fn long_format_files() {
    let cases: &[(&str, Vec<u8>, &str)] = &[
        ("empty file", Vec::new(), "t.csv: the file is empty"),
        ("blank file", b"\n\n".to_vec(), "t.csv: the file is empty"),
        (
            "unknown header",
            b"Year;Municipality;Settled\n2020;1804;41\n".to_vec(),
            "t.csv: line 1: expected the header Enhet;År;Kommunenummer;Kommune;Bosetting;Antall (ISO-8859-1 or UTF-8), found \"Year;Municipality;Settled\"",
        ),
        (
            "UTF-8 header, Latin-1 name",
            [
                HEAD.as_bytes(),
                b"Personer;2020;1804;Bod\xf8;Faktisk bosetting;41\n",
            ]
            .concat(),
            "t.csv:2: Kommune \"Bodø\": not valid UTF-8",
        ),
    ];
    for (what, bytes, want) in cases {
        let err = bosetting_imdi::read_long(bytes, "t.csv").unwrap_err();
        assert_eq!(&err.to_string(), want, "{what}");
    }
    // A header alone is a valid, empty export.
    let e = bosetting_imdi::read_long(&latin1(HEAD), "t.csv").unwrap();
    assert_eq!(e.rows, 0);
}

#[test]
fn wide_format() {
    let head = "Region;Navn;Bosetting enslige mindreårige: Anmodning om bosetting;Bosetting enslige mindreårige: Faktisk bosetting\n;;Enhet: Personer;Enhet: Personer\n;;År: 2016;År: 2016\n";
    let good = "K3801;Horten;20;13\n";
    let cases: &[(&str, &str, &str)] = &[
        (
            "truncated row",
            "K3806;Porsgrunn;30\n",
            "t.csv:5: expected 4 fields, found 3",
        ),
        (
            "bad region",
            "3806;Porsgrunn;30;11\n",
            "t.csv:5: Region \"3806\": expected K and four digits (K3801)",
        ),
        (
            "negative count",
            "K3806;Porsgrunn;-30;11\n",
            "t.csv:5: column 3 (Anmodning om bosetting 2016) \"-30\": expected a whole number of persons, `.` or `:`",
        ),
        (
            "duplicated municipality",
            "K3801;Horten;20;13\n",
            "t.csv:5: a second row for municipality 3801 (the first is on line 4)",
        ),
    ];
    for (what, bad, want) in cases {
        let text = latin1(&format!("{head}{good}{bad}"));
        let err = bosetting_imdi::read_wide(&text, "t.csv").unwrap_err();
        assert_eq!(&err.to_string(), want, "{what}");
        let (read, errors) = Reader::new("t.csv").lenient().read_all(&text).unwrap();
        assert_eq!(errors.len(), 1, "{what}");
        let AnyExport::Wide(w) = read else {
            panic!("not wide")
        };
        assert_eq!(w.rows, 1, "{what}: the valid row before is kept");
    }
    let err = bosetting_imdi::read_wide(&latin1("Region;Navn;x\n"), "t.csv").unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.csv: expected three header rows (indicator, unit, year)"
    );
    let bad_unit = head.replace("Enhet: Personer;Enhet", "Enhet: Folk;Enhet");
    let err = bosetting_imdi::read_wide(&latin1(&bad_unit), "t.csv").unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.csv:2: header column 3 \"Enhet: Folk\": expected \"Enhet: Personer\" or \"Enhet: Prosent\""
    );
    let twice = "Region;Navn;G: Anmodning om bosetting;G: Faktisk bosetting;G: Anmodning om bosetting\n;;Enhet: Personer;Enhet: Personer;Enhet: Personer\n;;År: 2016;År: 2016;År: 2016\n";
    let err = bosetting_imdi::read_wide(&latin1(twice), "t.csv").unwrap_err();
    assert_eq!(
        err.to_string(),
        "t.csv:1: header column 5 \"G: Anmodning om bosetting\": the same figure, unit and year as column 3"
    );
}
