//! Import errors: every one names the file, the line and the field.

/// What went wrong reading an IMDi export.
///
/// Messages are lowercase and start with `file:line:` so that an editor can jump to the
/// place. A file that cannot be read keeps the operating system's [`std::io::Error`] as its
/// [`source`](std::error::Error::source). The enum and its variants are `#[non_exhaustive]`:
/// match with `..` and a catch-all arm.
///
/// # Example
///
/// ```
/// use bosetting_imdi::{ImportError, Reader};
///
/// let csv = "Enhet;År;Kommunenummer;Kommune;Bosetting;Antall\n\
///            Personer;2020;1804;Bodø;Faktisk bosetting;41\n\
///            Personer;2020;1804;Bodø;Faktisk bosetting;42\n";
/// let latin1: Vec<u8> = csv.chars().map(|c| c as u8).collect();
/// let err = Reader::new("bodo.csv").read(&latin1).unwrap_err();
/// // Two rows for one figure: the second is named by its line, with the first's.
/// assert!(matches!(err, ImportError::Duplicate { line: 3, first: 2, .. }));
/// assert_eq!(err.line(), Some(3));
/// // A file-level error has no line.
/// let empty = Reader::new("empty.csv").read(b"").unwrap_err();
/// assert_eq!(empty.line(), None);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// A field whose value cannot be read.
    #[non_exhaustive]
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
    #[non_exhaustive]
    Row {
        /// The file.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
    /// A second row for the same municipality, year, unit and figure.
    #[non_exhaustive]
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
    #[non_exhaustive]
    File {
        /// The file.
        file: String,
        /// What is wrong.
        reason: String,
    },
    /// The file could not be read from disk.
    #[non_exhaustive]
    Io {
        /// The file.
        file: String,
        /// The operating system's error, which is also the error's
        /// [`source`](std::error::Error::source).
        source: bosetting::IoError,
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

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Field {
                file,
                line,
                field,
                value,
                reason,
            } => write!(f, "{file}:{line}: {field} {value:?}: {reason}"),
            ImportError::Row { file, line, reason } => write!(f, "{file}:{line}: {reason}"),
            ImportError::Duplicate {
                file,
                line,
                first,
                key,
            } => write!(
                f,
                "{file}:{line}: a second row for {key} (the first is on line {first})"
            ),
            ImportError::File { file, reason } => write!(f, "{file}: {reason}"),
            ImportError::Io { file, source } => write!(f, "cannot read {file}: {source}"),
        }
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Io { source, .. } => Some(source.get()),
            _ => None,
        }
    }
}
