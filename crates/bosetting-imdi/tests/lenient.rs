//! Nothing lost and nothing left behind in lenient reads: a rejected row leaves no trace (no
//! renamed municipality, no half-kept row, no empty series), and the good rows around it are
//! kept. The lenient read of a file with a bad row is exactly the strict read of the file
//! without it.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use bosetting_imdi::Reader;

fn latin1(s: &str) -> Vec<u8> {
    s.chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap())
        .collect()
}

/// Reads `before + bad + after` leniently and `before + after` strictly: the same result,
/// and exactly one error, on the bad row's line.
fn same_without(before: &str, bad: &str, after: &str, what: &str) {
    let with_bad = latin1(&format!("{before}{bad}{after}"));
    let without = latin1(&format!("{before}{after}"));
    let (lenient, errors) = Reader::new("t.csv")
        .lenient()
        .read_all(&with_bad)
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let strict = Reader::new("t.csv")
        .read(&without)
        .unwrap_or_else(|e| panic!("{what}: the file without the bad row: {e}"));
    assert_eq!(errors.len(), 1, "{what}: {errors:?}");
    let bad_line = before.lines().count() + 1;
    assert!(
        errors[0]
            .to_string()
            .starts_with(&format!("t.csv:{bad_line}:")),
        "{what}: {}",
        errors[0]
    );
    assert_eq!(lenient, strict, "{what}");
}

const LONG_HEAD: &str = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n";

#[test]
fn long_bad_rows_leave_no_trace() {
    let before = format!(
        "{LONG_HEAD}Personer;2020;1804;Bodø;Vedtak om bosetting;74\nPersoner;2020;1103;Stavanger;Faktisk bosetting;277\n"
    );
    let after = "Personer;2020;1804;Bodø;Faktisk bosetting;41\nPersoner;2021;1103;Stavanger;Faktisk bosetting;200\n";
    let cases: &[(&str, &str)] = &[
        (
            "a later year's bad figure does not rename",
            "Personer;2021;1804;Bodø kommune;Faktisk bosetting;-1\n",
        ),
        (
            "a duplicate does not rename",
            "Personer;2020;1804;Bodø by;Vedtak om bosetting;75\n",
        ),
        (
            "Inf for persons does not rename",
            "Personer;2022;1804;Bodø (ny);Faktisk bosetting;Inf\n",
        ),
        (
            "a bad percentage does not rename",
            "Prosent;2022;1103;Stavanger (ny);Faktisk bosetting;abc\n",
        ),
        (
            "a municipality seen only in a bad row gets no series",
            "Personer;2020;0301;Oslo;Faktisk bosetting;-5\n",
        ),
        (
            "a municipality seen only in a duplicate-free bad figure gets no series",
            "Prosent;2020;5001;Trondheim;Faktisk bosetting;x\n",
        ),
        (
            "a bad year",
            "Personer;20x0;1804;Bodø;Faktisk bosetting;41\n",
        ),
        (
            "an out-of-range year before the others",
            "Personer;0001;1804;Gammel;Faktisk bosetting;x\n",
        ),
        ("a short row", "Personer;2020;1804;Bodø\n"),
        ("an empty line", "\n"),
    ];
    for (what, bad) in cases {
        same_without(&before, bad, after, what);
    }
}

/// A wide export with two columns (request 2014 in persons, decision 2015 in percent).
const WIDE_HEAD: &str = "Region;Navn;Bosetting enslige mindreårige: Anmodning om bosetting;Bosetting enslige mindreårige: Vedtak om bosetting;Bosetting: Faktisk bosetting\n\
;;Enhet: Personer;Enhet: Prosent;Enhet: Personer\n\
;;År: 2014;År: 2015;År: 2014\n";

#[test]
fn wide_bad_rows_leave_no_trace() {
    let before = format!("{WIDE_HEAD}K3801;Horten;5;100;12\n");
    let after = "K3806;Porsgrunn;7;80.5;3\nK3807;Skien;:;.;4\n";
    let cases: &[(&str, &str)] = &[
        (
            "a bad last cell keeps none of the row",
            "K3808;Notodden;5;100;-1\n",
        ),
        (
            "a bad middle cell keeps none of the row",
            "K3808;Notodden;5;abc;1\n",
        ),
        (
            "a bad first cell creates no series",
            "K3808;Notodden;x;100;1\n",
        ),
        (
            "a bad row for a municipality given again later is not a duplicate",
            "K3806;Porsgrunn;5;100;x\n",
        ),
        ("a bad region", "3808;Notodden;5;100;1\n"),
        ("a short row", "K3808;Notodden;5\n"),
    ];
    for (what, bad) in cases {
        same_without(&before, bad, after, what);
    }
}
