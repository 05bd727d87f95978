//! Where a fact comes from.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The provenance of a fact: the document it was read from, the document's date, the phrase
/// quoted from it, and where in a data file it was written down.
///
/// # Example
///
/// ```
/// use bosetting::Source;
/// use chrono::NaiveDate;
///
/// let s = Source::new("Bodø kommune, årsrapport 2020")
///     .quote("bosatte 41 av vedtatt 74 flyktninger")
///     .dated(NaiveDate::from_ymd_opt(2021, 3, 1).unwrap());
/// assert_eq!(
///     s.to_string(),
///     "Bodø kommune, årsrapport 2020 (2021-03-01): «bosatte 41 av vedtatt 74 flyktninger»",
/// );
/// ```
#[doc(alias = "kilde")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct Source {
    /// The document: a title, a file name or an address.
    pub document: String,
    /// The document's date, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// The phrase the fact was read from, verbatim.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
    /// Where the fact was written down (a data file and line), if it came from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locator: Option<String>,
    /// For an analyst's assumption that no document prints: why it is assumed. Such an
    /// input is shown as an assumption, and a check computed from an assumption read off
    /// the very figure it checks is a restatement, not a reproduction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<String>,
}

impl Source {
    /// A source in `document`.
    pub fn new(document: impl Into<String>) -> Source {
        Source {
            document: document.into(),
            ..Source::default()
        }
    }

    /// With the quoted phrase.
    pub fn quote(mut self, quote: impl Into<String>) -> Source {
        self.quote = Some(quote.into());
        self
    }

    /// With the document's date.
    pub fn dated(mut self, date: NaiveDate) -> Source {
        self.date = Some(date);
        self
    }

    /// With the place it was written down.
    pub fn at(mut self, locator: impl Into<String>) -> Source {
        self.locator = Some(locator.into());
        self
    }

    /// The same source as an analyst's assumption, with the reason for it.
    #[doc(alias = "antakelse")]
    pub fn assumed(mut self, why: impl Into<String>) -> Source {
        self.assumption = Some(why.into());
        self
    }

    /// A source for values this library ships (rule tables), named by the table.
    pub fn builtin(table: impl Into<String>) -> Source {
        Source::new(table)
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.document)?;
        if let Some(d) = self.date {
            write!(f, " ({d})")?;
        }
        if let Some(q) = &self.quote {
            write!(f, ": «{q}»")?;
        }
        if let Some(l) = &self.locator {
            write!(f, " [{l}]")?;
        }
        Ok(())
    }
}

/// A value together with its [`Source`]: every input to the model is a fact.
///
/// # Example
///
/// ```
/// use bosetting::{Fact, Source};
///
/// let settled = Fact::new(41u32, Source::new("000_ba644ec19aa30247.txt").quote("bosatte 41"));
/// assert_eq!(settled.value, 41);
/// ```
#[doc(alias = "faktum")]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Fact<T> {
    /// The value.
    pub value: T,
    /// Where it comes from.
    pub source: Source,
}

impl<T> Fact<T> {
    /// A value with its source.
    pub fn new(value: T, source: Source) -> Fact<T> {
        Fact { value, source }
    }

    /// The same source with another value (a derived part of the same statement).
    pub fn map<U>(&self, f: impl FnOnce(&T) -> U) -> Fact<U> {
        Fact {
            value: f(&self.value),
            source: self.source.clone(),
        }
    }
}

impl<T: Copy> Fact<T> {
    /// The value.
    pub fn get(&self) -> T {
        self.value
    }
}
