#![no_main]
//! IMDi's reader in lenient mode, both formats (the wide one above all), on any bytes: never
//! a panic, and strict and lenient agree on every valid row. A lenient read keeps exactly
//! what a strict read of the same file without the rejected rows keeps: the same series,
//! the same names, the same row count, no trace of a rejected row.

use bosetting_imdi::{AnyExport, Reader};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((lenient, errors)) = Reader::new("fuzz.csv").lenient().read_all(data) else {
        // A file-level error: the strict reader refuses the file too.
        assert!(bosetting_imdi::read(data, "fuzz.csv").is_err());
        return;
    };
    let rejected: std::collections::BTreeSet<usize> = errors
        .iter()
        .map(|e| {
            e.line()
                .expect("a lenient read reports row errors only, each on a line")
        })
        .collect();
    assert_eq!(rejected.len(), errors.len(), "one error per rejected line");
    // The file without its rejected lines (the reader's lines: split at `\n`).
    let kept: Vec<&[u8]> = data
        .split(|&b| b == b'\n')
        .enumerate()
        .filter(|(i, _)| !rejected.contains(&i.saturating_add(1)))
        .map(|(_, l)| l)
        .collect();
    let filtered = kept.join(&b'\n');
    // Whether a file is UTF-8 or ISO-8859-1 is decided from the whole file (a wide file
    // without a byte-order mark is UTF-8 if all of it decodes as UTF-8): dropping a row
    // that is not UTF-8 can change how the others read, so such files are not compared.
    if std::str::from_utf8(data).is_ok() != std::str::from_utf8(&filtered).is_ok() {
        return;
    }
    let strict = bosetting_imdi::read(&filtered, "fuzz.csv")
        .expect("the file without the rejected rows reads strictly");
    match (&lenient, &strict) {
        (AnyExport::Long(l), AnyExport::Long(s)) => assert_eq!(l, s),
        (AnyExport::Wide(l), AnyExport::Wide(s)) => assert_eq!(l, s),
        _ => panic!("the format changed when rejected rows were dropped"),
    }
    if errors.is_empty() {
        assert_eq!(data, &filtered[..]);
    }
});
