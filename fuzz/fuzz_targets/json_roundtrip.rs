#![no_main]
//! A model read from JSON writes back to JSON that reads to the same model.

use bosetting::MunicipalityYear;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(year) = serde_json::from_slice::<MunicipalityYear>(data) else {
        return;
    };
    let json = serde_json::to_string(&year).expect("a model always serializes");
    let back: MunicipalityYear = serde_json::from_str(&json).expect("what is written reads");
    assert_eq!(back, year);
    assert_eq!(serde_json::to_string(&back).expect("serializes"), json);
    let _ = year.validate();
});
