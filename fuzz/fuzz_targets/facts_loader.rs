#![no_main]
//! The facts file loader, TOML and JSON, on any text: never a panic; a file that loads can
//! be checked and written back, and what is written back reads again to the same file.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for facts in [
        bosetting_facts::Facts::from_toml_str(text, "fuzz.toml"),
        bosetting_facts::Facts::from_json_str(text, "fuzz.json"),
    ]
    .into_iter()
    .flatten()
    {
        let _ = facts.check();
        if let Ok(json) = facts.to_json_string() {
            let back = bosetting_facts::Facts::from_json_str(&json, "back.json")
                .expect("what the loader writes, it reads");
            assert_eq!(back.file, facts.file);
        }
    }
});
