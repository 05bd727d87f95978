//! Import errors: every one names the file, the line and the field.

/// What went wrong reading an IMDi export.
///
/// Messages start with `file:line:` so that an editor can jump to the place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ImportError {
    /// A field whose value cannot be read.
    #[error("{file}:{line}: {field} {value:?}: {reason}")]
    Field {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// The column (`Antall`, `Kommunenummer`).
        field: String,
        /// The value as found (Latin-1 decoded).
        value: String,
        /// Why it was refused.
        reason: String,
    },
    /// A row that cannot be read as a whole (wrong number of fields, an empty line).
    #[error("{file}:{line}: {reason}")]
    Row {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A second row for the same municipality, year, unit and figure.
    #[error("{file}:{line}: a second row for {key} (the first is on line {first})")]
    Duplicate {
        /// The file.
        file: String,
        /// The line of the second row.
        line: usize,
        /// The line of the first row.
        first: usize,
        /// What the two rows are for.
        key: String,
    },
    /// A problem with the file as a whole (empty, an unknown header, the wrong encoding).
    #[error("{file}: {reason}")]
    File {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// The file could not be read from disk.
    #[error("cannot read {file}: {message}")]
    Io {
        /// The file.
        file: String,
        /// The operating system's message.
        message: String,
    },
}

impl ImportError {
    /// The 1-based line the error is on, if it is about one.
    pub fn line(&self) -> Option<usize> {
        match self {
            ImportError::Field { line, .. }
            | ImportError::Row { line, .. }
            | ImportError::Duplicate { line, .. } => Some(*line),
            _ => None,
        }
    }
}
