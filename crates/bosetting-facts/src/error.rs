//! Errors that name the file, the line and the field.

use std::fmt;

/// What is wrong with a facts file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FactsError {
    /// A field that cannot be read or does not make sense.
    #[error("{}: {field}: {message}", Place(file, *line))]
    Invalid {
        /// The file.
        file: String,
        /// The 1-based line, where known.
        line: Option<usize>,
        /// The field, as a path (`decision[1].em`).
        field: String,
        /// What is wrong, with the offending value.
        message: String,
    },
    /// The file cannot be read at all.
    #[error("cannot read {file}: {message}")]
    Io {
        /// The file.
        file: String,
        /// The operating system's message.
        message: String,
    },
}

impl FactsError {
    /// The line the error is on, if known.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "schema = \"bosetting-facts/1\"\n[document]\nyear = 30.04.2024\n";
    /// let err = bosetting_facts::Facts::from_toml_str(text, "f.toml").unwrap_err();
    /// assert_eq!(err.line(), Some(3));
    /// ```
    pub fn line(&self) -> Option<usize> {
        match self {
            FactsError::Invalid { line, .. } => *line,
            FactsError::Io { .. } => None,
        }
    }

    /// The field path the error is about.
    ///
    /// # Example
    ///
    /// ```
    /// let text = "schema = \"bosetting-facts/1\"\n[document]\nid = 7\n";
    /// let err = bosetting_facts::Facts::from_toml_str(text, "f.toml").unwrap_err();
    /// assert_eq!(err.field(), Some("document.id"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            FactsError::Invalid { field, .. } => Some(field),
            FactsError::Io { .. } => None,
        }
    }
}

struct Place<'a>(&'a String, Option<usize>);

impl fmt::Display for Place<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.1 {
            Some(l) => write!(f, "{}:{l}", self.0),
            None => write!(f, "{}", self.0),
        }
    }
}
