//! Large generated files load with every fact placed at its line, and the lookups built once
//! (lines, the parsed document, the year's staffing by unit and year, the document's facts)
//! give exactly what a search from the start gives. That loading stays linear is tested by
//! counting the locator's work (`src/loading_work.rs`: twice the file, at most about twice
//! the work); how fast it is, by the `loading` bench.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::fmt::Write as _;

use bosetting_facts::Facts;

/// A facts file with `n` staffing rows (two years of `n / 2` units), a check of each, and `n`
/// facts with ids about one body; with the line each `[[staffing]]`, `[[check]]` and
/// `[[fact]]` starts on.
fn generated(n: usize) -> (String, Vec<usize>, Vec<usize>, Vec<usize>) {
    let mut t = String::from(
        "schema = \"bosetting-facts/2\"\n\n[document]\nid = \"big\"\nfile = \"big.pdf\"\ntitle = \"Big\"\nmunicipality = { number = \"1804\", name = \"Bodø\" }\nyear = 2020\n\n[[body]]\nid = \"norge\"\nname = \"Norge\"\nkind = \"nation\"\nquote = \"Norge\"\n",
    );
    let line = |t: &str| t.matches('\n').count() + 1;
    let (mut staffing, mut checks, mut facts) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        t.push('\n');
        staffing.push(line(&t));
        let (unit, year) = (i / 2, 2019 + i % 2);
        writeln!(
            t,
            "[[staffing]]\nunit = \"Enhet {unit}\"\nyear = {year}\npermanent = \"{}\"\nquote = \"{} årsverk\"",
            10 + i % 7,
            10 + i % 7
        )
        .unwrap();
    }
    for i in 0..n {
        t.push('\n');
        checks.push(line(&t));
        let (unit, year) = (i / 2, 2019 + i % 2);
        writeln!(
            t,
            "[[check]]\nid = \"c{i}\"\nlabel = \"Årsverk {unit} {year}\"\nfigure = {{ name = \"staffing.permanent\", unit = \"Enhet {unit}\", year = {year} }}\nkind = \"input\"\npublished = \"{}\"\nunit = \"fte\"\nquote = \"{} årsverk\"\nexpect = \"input\"",
            10 + i % 7,
            10 + i % 7
        )
        .unwrap();
    }
    for i in 0..n {
        t.push('\n');
        facts.push(line(&t));
        writeln!(
            t,
            "[[fact]]\nid = \"f{i}\"\nfigure = \"settlement.settled\"\nbody = \"norge\"\nperiod = \"{}\"\npublished = \"{i}\"\nunit = \"persons\"\nquote = \"{i} bosatte\"",
            1900 + i
        )
        .unwrap();
    }
    (t, staffing, checks, facts)
}

fn line_of(locator: Option<&String>) -> usize {
    locator
        .and_then(|l| l.rsplit_once(':'))
        .map(|(_, n)| n.parse().unwrap())
        .unwrap()
}

#[test]
fn a_large_file_places_every_fact_at_its_line() {
    let n = 300;
    let (text, staffing, checks, facts_at) = generated(n);
    let facts = Facts::from_toml_str(&text, "big.toml").unwrap_or_else(|e| panic!("{e}"));
    let my = facts.year().unwrap();
    assert_eq!(my.staffing.len(), n);
    for (st, want) in my.staffing.iter().zip(&staffing) {
        assert_eq!(
            line_of(st.permanent.as_ref().unwrap().source.locator.as_ref()),
            *want
        );
    }
    assert_eq!(facts.checks.len(), n);
    for (c, want) in facts.checks.iter().zip(&checks) {
        assert_eq!(line_of(c.published[0].source().locator.as_ref()), want + 5);
    }
    let stated: Vec<_> = facts
        .document
        .facts
        .iter()
        .filter(|o| o.id.is_some())
        .collect();
    assert_eq!(stated.len(), n);
    for (o, want) in stated.iter().zip(&facts_at) {
        assert_eq!(line_of(o.figure.source().locator.as_ref()), want + 5);
    }
    // Every check computes, once indexed exactly as unindexed.
    let indexed = my.indexed();
    for c in &facts.checks {
        assert_eq!(indexed.check(c).unwrap(), my.check(c).unwrap());
    }
    let results = facts.check().unwrap();
    assert_eq!(results.len(), n);
    assert!(results.iter().all(|r| r.is_as_expected()));
    // The same file in JSON: every staffing row on a line of its own, in order.
    let json = facts.to_json_string().unwrap();
    let back = Facts::from_json_str(&json, "big.json").unwrap_or_else(|e| panic!("{e}"));
    let lines: Vec<usize> = back
        .year()
        .unwrap()
        .staffing
        .iter()
        .map(|st| line_of(st.permanent.as_ref().unwrap().source.locator.as_ref()))
        .collect();
    assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
    let json_lines: Vec<&str> = json.lines().collect();
    for (l, st) in lines.iter().zip(&my.staffing) {
        // The row's object opens on its line, and its unit is written below it.
        assert_eq!(json_lines[l - 1].trim(), "{");
        let unit = format!("\"unit\": \"{}\"", st.unit);
        assert!(
            json_lines[*l..].iter().take(8).any(|x| x.contains(&unit)),
            "{unit} near line {l}"
        );
    }
}

#[test]
fn an_indexed_document_checks_as_the_document_does() {
    let (text, ..) = generated(40);
    let facts = Facts::from_toml_str(&text, "big.toml").unwrap_or_else(|e| panic!("{e}"));
    let doc = &facts.document;
    let ix = doc.indexed();
    for o in &doc.facts {
        assert_eq!(ix.known(&o.address), doc.known(&o.address));
        assert_eq!(
            ix.figure(&o.address).unwrap(),
            doc.figure(&o.address).unwrap()
        );
        if let Some(id) = &o.id {
            assert!(ix.has_fact(id));
        }
    }
    assert!(!ix.has_fact("nobody"));
    let mut unknown = doc.facts[0].address.clone();
    unknown.body = bosetting::BodyId::new("norway").unwrap();
    assert_eq!(ix.known(&unknown), doc.known(&unknown));
    assert!(ix.known(&unknown).is_err());
}
