//! Loading stays linear, shown by counting work rather than timing it: the locator counts
//! the bytes it scans and the lookups it makes (`locate::work`, only in this crate's tests),
//! and a file twice as large must cost at most about twice as much. Counting lines from the
//! start of the file for every fact makes the work grow with the square of the file, and
//! this test fail, on any machine and under any load.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;

use crate::Facts;
use crate::locate::work;

/// A facts file with `n` staffing rows, a check of each, and `n` facts with ids: every one
/// placed at its line when read.
fn generated(n: usize) -> String {
    let mut t = String::from(
        "schema = \"bosetting-facts/2\"\n\n[document]\nid = \"big\"\nfile = \"big.pdf\"\ntitle = \"Big\"\nmunicipality = { number = \"1804\", name = \"Bodø\" }\nyear = 2020\n\n[[body]]\nid = \"norge\"\nname = \"Norge\"\nkind = \"nation\"\nquote = \"Norge\"\n",
    );
    for i in 0..n {
        let (unit, year, fte) = (i / 2, 2019 + i % 2, 10 + i % 7);
        writeln!(
            t,
            "\n[[staffing]]\nunit = \"Enhet {unit}\"\nyear = {year}\npermanent = \"{fte}\"\nquote = \"{fte} årsverk\"\n\n[[check]]\nid = \"c{i}\"\nlabel = \"Årsverk {unit} {year}\"\nfigure = {{ name = \"staffing.permanent\", unit = \"Enhet {unit}\", year = {year} }}\nkind = \"input\"\npublished = \"{fte}\"\nunit = \"fte\"\nquote = \"{fte} årsverk\"\n\n[[fact]]\nid = \"f{i}\"\nfigure = \"settlement.settled\"\nbody = \"norge\"\nperiod = \"2020\"\ngroup = \"g{i}\"\npublished = \"{i}\"\nunit = \"persons\"\nquote = \"{i} bosatte\""
        )
        .unwrap();
    }
    t
}

/// The locator's work to read `text` (as JSON if `json`), and how many facts it placed.
fn work_to_read(text: &str, json: bool) -> (u64, usize) {
    work::take();
    let facts = if json {
        Facts::from_json_str(text, "big.json")
    } else {
        Facts::from_toml_str(text, "big.toml")
    }
    .unwrap_or_else(|e| panic!("{e}"));
    let placed = facts
        .document
        .facts
        .iter()
        .filter(|o| o.figure.source().locator.is_some())
        .count();
    (work::take(), placed)
}

#[test]
fn twice_the_file_is_at_most_about_twice_the_work() {
    const N: usize = 2_000;
    let toml = [generated(N), generated(2 * N)];
    let json = toml.clone().map(|t| {
        Facts::from_toml_str(&t, "big.toml")
            .unwrap()
            .to_json_string()
            .unwrap()
    });
    for (format, texts) in [("toml", &toml), ("json", &json)] {
        let (small, placed_small) = work_to_read(&texts[0], format == "json");
        let (large, placed_large) = work_to_read(&texts[1], format == "json");
        // The counter counts: reading scans the text at least once, and every fact was
        // placed at a line (else a locator doing nothing would pass).
        assert!(
            small >= texts[0].len() as u64,
            "{format}: {small} units of work"
        );
        assert_eq!((placed_small, placed_large), (N, 2 * N), "{format}");
        assert!(
            large * 10 <= small * 22,
            "{format}: reading {} bytes took {small} units of work, {} bytes {large} \
             ({} % of it); loading is no longer linear",
            texts[0].len(),
            texts[1].len(),
            large * 100 / small
        );
    }
}
