//! The bokmål catalogue of the words the model says (`lang/nb.txt`).
//!
//! The model keeps its words as [`bosetting::Phrase`]s: an id that is the English wording
//! with `{name}` placeholders, and typed arguments. English reports use the id itself;
//! bokmål reports look the id up here. The catalogue is data, so that a translator edits
//! one file; it is read once, on first use. An id the catalogue lacks is said in English,
//! and the crate's language test fails for every such id any example produces.

use std::collections::{BTreeSet, HashMap};
use std::sync::{Mutex, OnceLock};

const NB: &str = include_str!("../lang/nb.txt");

static MISSING: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// The bokmål wording for a phrase id, if the catalogue has it. An id it lacks is
/// remembered for [`untranslated`].
pub(crate) fn bokmal(id: &str) -> Option<&'static str> {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    let found = MAP
        .get_or_init(|| {
            parse(NB)
                .map(|e| e.into_iter().collect())
                .unwrap_or_default()
        })
        .get(id)
        .copied();
    if found.is_none() {
        if let Ok(mut m) = MISSING.lock() {
            m.insert(id.to_owned());
        }
    }
    found
}

/// Every phrase id a bokmål report has had to say in English since the program started
/// (the catalogue lacks it). For the language tests; empty in a complete catalogue.
#[doc(hidden)]
pub fn untranslated() -> Vec<String> {
    MISSING
        .lock()
        .map(|m| m.iter().cloned().collect())
        .unwrap_or_default()
}

/// The catalogue's entries, in file order.
///
/// The file is a list of pairs, one line `en: …` (the id) then one line `nb: …`, separated
/// by blank lines; lines starting with `#` are comments.
pub(crate) fn parse(text: &'static str) -> Result<Vec<(&'static str, &'static str)>, String> {
    let mut out = Vec::new();
    let mut en: Option<(usize, &'static str)> = None;
    for (i, line) in text.lines().enumerate() {
        let n = i.saturating_add(1);
        let line = line.trim_end();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix("en: ") {
            if let Some((at, _)) = en {
                return Err(format!(
                    "line {at}: an `en:` line with no `nb:` line after it"
                ));
            }
            en = Some((n, id));
        } else if let Some(nb) = line.strip_prefix("nb: ") {
            let Some((_, id)) = en.take() else {
                return Err(format!(
                    "line {n}: an `nb:` line with no `en:` line before it"
                ));
            };
            out.push((id, nb));
        } else {
            return Err(format!(
                "line {n}: {line:?} is neither `en: …`, `nb: …`, a comment nor blank"
            ));
        }
    }
    match en {
        Some((at, _)) => Err(format!(
            "line {at}: an `en:` line with no `nb:` line after it"
        )),
        None => Ok(out),
    }
}

/// The `{name}` placeholders of a wording, sorted.
#[cfg(test)]
fn placeholders(s: &str) -> Vec<&str> {
    let mut out: Vec<&str> = s
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
        .filter(|name| {
            !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
        .collect();
    out.sort_unstable();
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn catalogue_reads_and_every_entry_keeps_its_placeholders() {
        let entries = parse(NB).unwrap();
        assert!(entries.len() > 100, "{} entries", entries.len());
        let mut seen = BTreeSet::new();
        for (en, nb) in &entries {
            assert!(seen.insert(*en), "{en:?} is in the catalogue twice");
            assert_eq!(
                placeholders(en),
                placeholders(nb),
                "the bokmål wording of {en:?} must use the same placeholders"
            );
            assert!(!nb.trim().is_empty(), "{en:?} has an empty translation");
        }
    }

    #[test]
    fn malformed_catalogues_are_refused_with_the_line() {
        assert!(
            parse("en: a\nen: b\nnb: c")
                .unwrap_err()
                .starts_with("line 1")
        );
        assert!(parse("nb: c").unwrap_err().starts_with("line 1"));
        assert!(parse("en: a\n\nx").unwrap_err().starts_with("line 3"));
        assert!(parse("en: a").unwrap_err().starts_with("line 1"));
        assert_eq!(
            parse("# c\nen: a {x}\nnb: b {x}\n").unwrap(),
            vec![("a {x}", "b {x}")]
        );
    }
}
