//! Reading rule tables (rates, limits, renumberings) from TOML, with line-numbered errors.

use serde::de::DeserializeOwned;

use crate::error::Error;

/// Reads a rule table of type `T` from TOML text; errors name `origin` and the line.
pub(crate) fn from_toml<T: DeserializeOwned>(text: &str, origin: &str) -> Result<T, Error> {
    toml::from_str(text).map_err(|e| table_error(origin, text, &e))
}

/// A TOML error as a [`Error::RuleTable`] naming the origin, the line and the problem.
pub(crate) fn table_error(origin: &str, text: &str, e: &toml::de::Error) -> Error {
    let line = e.span().map(|s| line_of(text, s.start));
    let msg = e.message().trim().to_owned();
    Error::RuleTable {
        origin: origin.to_owned(),
        detail: match line {
            Some(l) => format!("line {l}: {msg}"),
            None => msg,
        },
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let upto = text.get(..offset).unwrap_or(text);
    upto.bytes()
        .filter(|&b| b == b'\n')
        .count()
        .saturating_add(1)
}
