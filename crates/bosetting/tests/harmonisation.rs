//! The harmonisation table (`data/municipalities-2024.toml`) is generated from the project's
//! copy of Statistics Norway's grouping, `../shared/data/municipalities/kommuner-1994-2024.csv`:
//! `BLESS=1 cargo test -p bosetting --test harmonisation` writes it; without `BLESS` the test
//! checks that the shipped file is what the shared file gives (skipped, with a note, when
//! `../shared` is not beside the repository).
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stderr
)]

use bosetting::{Harmonisation, Renumbering, Year};

const SHARED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../../shared/data/municipalities/kommuner-1994-2024.csv"
);
const SHIPPED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/municipalities-2024.toml");

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// A 2024 number, its name, and its parts (code, name), in the file's order.
type Group = (String, String, Vec<(String, String)>);

/// The TOML text the shared CSV gives.
fn generate(csv: &str) -> String {
    let csv = csv.strip_prefix('\u{feff}').unwrap_or(csv);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("GRUPPEKODE;GRUPPETEKST;KODE;TEKST"));
    // (2024 number, 2024 name, [(number, name)]), in the file's order.
    let mut groups: Vec<Group> = Vec::new();
    let mut ungrouped: Vec<String> = Vec::new();
    for line in lines {
        let f: Vec<&str> = line.split(';').collect();
        assert_eq!(f.len(), 4, "{line}");
        let Some(group) = f[0].strip_prefix("K.") else {
            panic!("{line}: GRUPPEKODE without K.")
        };
        // Svalbard and Jan Mayen (K.21-22), the continental shelf (K.23) and the numbers SSB
        // could not group (K.Rest: split in a reform, or unknown) are no 2024 municipality.
        if group.len() != 4 || !group.bytes().all(|b| b.is_ascii_digit()) {
            ungrouped.push(format!(
                "\n[[ungrouped]]\ngroup = {}\ngroup_name = {}\nnumber = {}\nname = {}\n",
                quoted(group),
                quoted(f[1]),
                quoted(f[2]),
                quoted(f[3])
            ));
            continue;
        }
        match groups.iter_mut().find(|g| g.0 == group) {
            Some(g) => g.2.push((f[2].to_owned(), f[3].to_owned())),
            None => groups.push((
                group.to_owned(),
                f[1].to_owned(),
                vec![(f[2].to_owned(), f[3].to_owned())],
            )),
        }
    }
    let mut out = String::from(
        "# Every municipality number in use 1994–2024, grouped into the 2024 municipalities.\n\
         #\n\
         # GENERATED from Statistics Norway's grouping (kommuner-1994-2024.csv) by\n\
         # `BLESS=1 cargo test -p bosetting --test harmonisation`; do not edit by hand. That file is\n\
         # Statistics Norway's grouping of its municipality classification (KLASS 131) into the 2024\n\
         # structure, from `data-raw/kommuner-1994-2024.xlsx` of the R package regtools (MIT licence),\n\
         # converted to CSV unchanged (see its README and data/README.md here). Rows grouped into no\n\
         # 2024 municipality (Svalbard and Jan Mayen, the continental shelf, and SSB's \"Delte\n\
         # kommuner og uoppgitt\": numbers split in a reform, and 9999) are [[ungrouped]] at the end.\n\
         # A split whose old number SSB still groups (Haram left Ålesund in 2024) cannot be shown by\n\
         # a grouping: see the [[split]] entries of renumbering.toml.\n\n",
    );
    out.push_str("source = { document = \"Statistics Norway, KLASS 131: municipality numbers 1994–2024 grouped into the 2024 municipalities (via regtools data-raw/kommuner-1994-2024.xlsx, MIT)\", locator = \"kommuner-1994-2024.csv\" }\n");
    for (number, name, parts) in &groups {
        out.push_str(&format!(
            "\n[[municipality]]\nnumber = {}\nname = {}\nparts = [\n",
            quoted(number),
            quoted(name)
        ));
        for (n, t) in parts {
            // SSB writes a number used twice with a letter (0716u: Våle until 2001, before
            // Re took 0716); the number is the four digits, the code is kept.
            let digits: String = n.chars().take_while(char::is_ascii_digit).collect();
            let code = if digits == *n {
                String::new()
            } else {
                format!(", code = {}", quoted(n))
            };
            out.push_str(&format!(
                "  {{ number = {}, name = {}{code} }},\n",
                quoted(&digits),
                quoted(t)
            ));
        }
        out.push_str("]\n");
    }
    for u in ungrouped {
        out.push_str(&u);
    }
    out
}

#[test]
fn the_shipped_table_is_generated_from_the_shared_grouping() {
    let Ok(csv) = std::fs::read_to_string(SHARED) else {
        eprintln!(
            "note: {SHARED} is not there; the check of the shipped harmonisation table against it is skipped"
        );
        return;
    };
    let want = generate(&csv);
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(SHIPPED, &want).unwrap();
        eprintln!("wrote {SHIPPED}");
        return;
    }
    let have = std::fs::read_to_string(SHIPPED).unwrap();
    assert!(
        have == want,
        "data/municipalities-2024.toml is not what {SHARED} gives; regenerate it with BLESS=1"
    );
}

#[test]
fn the_table_reads_and_agrees_with_the_renumbering() {
    let h = Harmonisation::builtin().unwrap();
    assert_eq!(h.groups.len(), 357);
    let parts: usize = h.groups.iter().map(|g| g.parts.len()).sum();
    assert_eq!(parts + h.ungrouped.len(), 862, "every row");
    assert_eq!(h.ungrouped.len(), 27);
    assert!(
        h.ungrouped
            .iter()
            .any(|u| u.code == "1850" && u.group == "Rest")
    );
    // Every renumbering the library knows stays inside one 2024 municipality.
    for c in Renumbering::builtin().unwrap().changes {
        assert_eq!(
            h.group_of(c.from).map(|g| g.number),
            h.group_of(c.to).map(|g| g.number),
            "{} → {}",
            c.from,
            c.to
        );
    }
    let numbers = |n: &str| -> Vec<String> {
        h.group(n.parse().unwrap())
            .unwrap()
            .parts
            .iter()
            .map(|p| p.number.to_string())
            .collect()
    };
    assert_eq!(numbers("3101"), ["3101", "3001", "0101"]);
    assert_eq!(numbers("3301"), ["3005", "3301", "0602", "0625", "0711"]);
    assert_eq!(numbers("1580"), ["1534", "1580"]);
    let y = |n| Year::new(n).unwrap();
    assert_eq!(
        h.approximate("1580".parse().unwrap(), y(2022))
            .map(|p| p.to_string())
            .as_deref(),
        Some("part of 1580 Haram is counted in 1507 Ålesund (2020-2023) (under 1508 Ålesund)")
    );
    assert!(h.approximate("1580".parse().unwrap(), y(2019)).is_none());
    assert!(h.approximate("3101".parse().unwrap(), y(2022)).is_none());
}
