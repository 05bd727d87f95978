#![no_main]
//! The IMDi reader, strict and lenient, on any bytes: never a panic; a lenient read keeps
//! every row a strict read would have read.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let strict = bosetting_imdi::read(data, "fuzz.csv");
    if let Ok((read, errors)) = bosetting_imdi::Reader::new("fuzz.csv")
        .lenient()
        .read_all(data)
    {
        if let (Ok(bosetting_imdi::AnyExport::Long(s)), bosetting_imdi::AnyExport::Long(l)) = (&strict, &read)
        {
            assert!(errors.is_empty());
            assert_eq!(s.rows, l.rows);
        }
    }
});
