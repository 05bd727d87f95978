//! Errors that name the file, the line and the field.

use std::fmt;

use bosetting::IoError;

/// What is wrong with a facts file.
///
/// Messages are lowercase and start with the file (and line, where known) so that an
/// editor can jump to the place. What caused the error, where it is an error of its own (the
/// model's [`bosetting::Error`], the operating system's [`std::io::Error`]), is kept as the
/// error's [`source`](std::error::Error::source); the message already says it in words, so a
/// program that prints the whole chain may stop at the first link.
///
/// The enum and its variants are `#[non_exhaustive]`: match with `..` and a catch-all arm.
///
/// # Example
///
/// ```
/// use std::error::Error as _;
///
/// let e = bosetting_facts::Facts::load("no/such/file.toml").unwrap_err();
/// assert!(e.to_string().starts_with("cannot read no/such/file.toml: "));
/// let io = e.source().and_then(|s| s.downcast_ref::<std::io::Error>());
/// assert_eq!(io.map(|io| io.kind()), Some(std::io::ErrorKind::NotFound));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FactsError {
    /// A field that cannot be read or does not make sense.
    #[non_exhaustive]
    Invalid {
        /// The file.
        file: String,
        /// The 1-based line, where known.
        line: Option<usize>,
        /// The field, as a path (`decision[1].em`).
        field: String,
        /// What is wrong, with the offending value.
        message: String,
        /// The model's error, when the model refused the value (its message is `message`,
        /// said once where the field path already names the field).
        source: Option<Box<bosetting::Error>>,
    },
    /// The file cannot be read at all.
    #[non_exhaustive]
    Io {
        /// The file.
        file: String,
        /// The operating system's error.
        source: IoError,
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

    /// An error at a field, in the loader's words, with no error of its own beneath it.
    pub(crate) fn invalid(
        file: &str,
        line: Option<usize>,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> FactsError {
        FactsError::Invalid {
            file: file.to_owned(),
            line,
            field: field.into(),
            message: message.into(),
            source: None,
        }
    }

    /// The same error, with the model's error that caused it as its source.
    pub(crate) fn caused_by(mut self, cause: bosetting::Error) -> FactsError {
        if let FactsError::Invalid { source, .. } = &mut self {
            *source = Some(Box::new(cause));
        }
        self
    }

    /// The same error, about `field` instead.
    pub(crate) fn at_field(mut self, to: impl Into<String>) -> FactsError {
        if let FactsError::Invalid { field, .. } = &mut self {
            *field = to.into();
        }
        self
    }
}

impl fmt::Display for FactsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactsError::Invalid {
                file,
                line,
                field,
                message,
                ..
            } => match line {
                Some(l) => write!(f, "{file}:{l}: {field}: {message}"),
                None => write!(f, "{file}: {field}: {message}"),
            },
            FactsError::Io { file, source } => write!(f, "cannot read {file}: {source}"),
        }
    }
}

impl std::error::Error for FactsError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            FactsError::Invalid { source, .. } => source
                .as_deref()
                .map(|e| e as &(dyn std::error::Error + 'static)),
            FactsError::Io { source, .. } => Some(source.get()),
        }
    }
}
