//! Words the model says (an explanation's label and formula, a reconciliation, a goal's
//! verdict), kept as data so that a report can say them in any language.
//!
//! A [`Phrase`] is a message id and its arguments, as in gettext: the id is the English
//! wording with a `{name}` placeholder for each argument, and the arguments are typed values
//! ([`Arg`]) that a renderer writes in its own number style. The model never formats a
//! number into a sentence, so that a bokmål report says "beregnet 279/285 = 97,89 %" where
//! an English one says "computed 279/285 = 97.89 %". Words copied from a document or
//! written by an analyst are [`Phrase::verbatim`]: they are never translated.
//!
//! `bosetting-report` holds the bokmål catalogue and renders phrases
//! (`Locale::say`); [`Phrase`]'s `Display` writes the English wording with exact values,
//! for logs and tests.

use std::borrow::Cow;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Year;
use crate::explain::Quantity;
use crate::ratio::Ratio;

/// A message id with its arguments, or words to be shown as they are.
///
/// # Example
///
/// ```
/// use bosetting::{Phrase, Quantity};
///
/// let p = Phrase::new("{settled} of {decided} settled")
///     .with("settled", Quantity::persons(41))
///     .with("decided", Quantity::persons(74));
/// assert_eq!(p.id(), "{settled} of {decided} settled");
/// assert_eq!(p.to_string(), "41 of 74 settled");
///
/// let quote = Phrase::verbatim("Bosatt i prosent av vedtaket");
/// assert!(quote.is_verbatim());
/// ```
#[doc(alias = "formulering")]
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phrase {
    id: Cow<'static, str>,
    args: Vec<(Cow<'static, str>, Arg)>,
    verbatim: bool,
}

/// An argument of a [`Phrase`]: a value the renderer writes in its language's style.
///
/// # Example
///
/// ```
/// use bosetting::{Arg, Phrase, Quantity};
/// use chrono::NaiveDate;
///
/// let date = NaiveDate::from_ymd_opt(2024, 1, 31).ok_or("date")?;
/// let said = Phrase::new("{n} settled by {date} in {place}")
///     .with("n", Quantity::persons(41))
///     .with("date", date)
///     .with("place", Arg::verbatim("Bodø"));
/// // English with exact values; a report says it in bokmål with its own number and date style.
/// assert_eq!(said.to_string(), "41 settled by 2024-01-31 in Bodø");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Arg {
    /// A value with its unit ("41", "0,7 mill. kr", "minst 27").
    Quantity(Quantity),
    /// A plain number with the decimals it has ("97,89").
    Number(#[serde(with = "rust_decimal::serde::str")] Decimal),
    /// An exact fraction, written as `a/b`.
    Fraction(Ratio),
    /// A date ("31.01.2024" in bokmål, "2024-01-31" in English).
    Date(NaiveDate),
    /// A calendar year, written without grouping ("2017").
    Year(i32),
    /// Words from a document or an analyst, never translated.
    Verbatim(String),
    /// A phrase of its own (a rounding rule's name, a clause).
    Phrase(Phrase),
    /// Several arguments, written one after the other with commas.
    List(Vec<Arg>),
    /// Several clauses, written one after the other with semicolons.
    Clauses(Vec<Arg>),
}

impl Phrase {
    /// A phrase with no arguments yet; `id` is its English wording.
    pub const fn new(id: &'static str) -> Phrase {
        Phrase {
            id: Cow::Borrowed(id),
            args: Vec::new(),
            verbatim: false,
        }
    }

    /// Words shown as they are in every language (a document's own words, an analyst's
    /// label).
    pub fn verbatim(text: impl Into<String>) -> Phrase {
        Phrase {
            id: Cow::Owned(text.into()),
            args: Vec::new(),
            verbatim: true,
        }
    }

    /// This phrase with argument `name` set to `value`.
    #[must_use]
    pub fn with(mut self, name: &'static str, value: impl Into<Arg>) -> Phrase {
        self.args.push((Cow::Borrowed(name), value.into()));
        self
    }

    /// The message id (the English wording with placeholders), or the verbatim words.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Whether the words are to be shown as they are.
    pub fn is_verbatim(&self) -> bool {
        self.verbatim
    }

    /// The arguments, in the order they were given.
    pub fn args(&self) -> impl Iterator<Item = (&str, &Arg)> {
        self.args.iter().map(|(k, v)| (k.as_ref(), v))
    }

    /// The argument called `name`.
    pub fn arg(&self, name: &str) -> Option<&Arg> {
        self.args.iter().find(|(k, _)| k == name).map(|(_, v)| v)
    }

    /// Every message id in this phrase and the phrases in its arguments (verbatim words
    /// excluded): what a catalogue must translate.
    pub fn ids(&self) -> Vec<&str> {
        let mut out = Vec::new();
        self.collect_ids(&mut out);
        out
    }

    fn collect_ids<'a>(&'a self, out: &mut Vec<&'a str>) {
        if !self.verbatim {
            out.push(&self.id);
        }
        for (_, a) in &self.args {
            a.collect_ids(out);
        }
    }

    /// Writes the phrase: `template` is the wording to use for the id (a translation, or
    /// the id itself), and `arg` writes one argument. Placeholders with no argument are
    /// left as they are, so that a missing argument shows rather than vanishes.
    pub fn render(&self, template: &str, mut arg: impl FnMut(&Arg) -> String) -> String {
        if self.verbatim {
            return self.id.to_string();
        }
        let mut out = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            let (before, after) = rest.split_at(open);
            out.push_str(before);
            let name_end = after.find('}');
            let name = name_end.and_then(|e| after.get(1..e));
            match (name, name_end) {
                (Some(name), Some(end)) if self.arg(name).is_some() => {
                    if let Some(a) = self.arg(name) {
                        out.push_str(&arg(a));
                    }
                    rest = after.get(end.saturating_add(1)..).unwrap_or("");
                }
                _ => {
                    out.push('{');
                    rest = after.get(1..).unwrap_or("");
                }
            }
        }
        out.push_str(rest);
        out
    }
}

impl Arg {
    /// Words from a document, never translated.
    pub fn verbatim(text: impl Into<String>) -> Arg {
        Arg::Verbatim(text.into())
    }

    fn collect_ids<'a>(&'a self, out: &mut Vec<&'a str>) {
        match self {
            Arg::Phrase(p) => p.collect_ids(out),
            Arg::List(items) | Arg::Clauses(items) => {
                items.iter().for_each(|a| a.collect_ids(out));
            }
            _ => {}
        }
    }
}

impl From<&'static str> for Phrase {
    fn from(id: &'static str) -> Phrase {
        Phrase::new(id)
    }
}

impl From<Quantity> for Arg {
    fn from(q: Quantity) -> Arg {
        Arg::Quantity(q)
    }
}

impl From<Decimal> for Arg {
    fn from(d: Decimal) -> Arg {
        Arg::Number(d)
    }
}

impl From<Ratio> for Arg {
    fn from(r: Ratio) -> Arg {
        Arg::Fraction(r)
    }
}

macro_rules! count_arg {
    ($($t:ty),*) => {$(
        /// A count ("41"), written with the language's digit grouping.
        impl From<$t> for Arg {
            fn from(n: $t) -> Arg {
                Arg::Quantity(Quantity::count(n, crate::explain::Unit::Count))
            }
        }
    )*};
}
count_arg!(u8, u16, u32, i32);

/// A count; one beyond `i64` (never met in practice) is written as `i64::MAX`.
impl From<u64> for Arg {
    fn from(n: u64) -> Arg {
        Arg::from(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// A count ("41"), written with the language's digit grouping.
impl From<i64> for Arg {
    fn from(n: i64) -> Arg {
        Arg::Quantity(Quantity::count(n, crate::explain::Unit::Count))
    }
}

/// A count; one beyond `i64` (never met in practice) is written as `i64::MAX`.
impl From<usize> for Arg {
    fn from(n: usize) -> Arg {
        Arg::from(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<NaiveDate> for Arg {
    fn from(d: NaiveDate) -> Arg {
        Arg::Date(d)
    }
}

/// A tertial ("2. tertial 2020" in bokmål, "tertial 2 of 2020" in English).
impl From<crate::calendar::Tertial> for Arg {
    fn from(t: crate::calendar::Tertial) -> Arg {
        Arg::Phrase(
            Phrase::new("tertial {n} of {year}")
                .with("n", t.number())
                .with("year", t.year()),
        )
    }
}

impl From<Year> for Arg {
    fn from(y: Year) -> Arg {
        Arg::Year(y.get())
    }
}

impl From<Phrase> for Arg {
    fn from(p: Phrase) -> Arg {
        Arg::Phrase(p)
    }
}

impl From<Vec<Arg>> for Arg {
    fn from(items: Vec<Arg>) -> Arg {
        Arg::List(items)
    }
}

impl fmt::Display for Arg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Arg::Quantity(q) => f.write_str(&q.value.exact()),
            Arg::Number(d) => write!(f, "{}", d.normalize()),
            Arg::Fraction(r) => write!(f, "{r}"),
            Arg::Date(d) => write!(f, "{d}"),
            Arg::Year(y) => write!(f, "{y}"),
            Arg::Verbatim(t) => f.write_str(t),
            Arg::Phrase(p) => write!(f, "{p}"),
            Arg::List(items) | Arg::Clauses(items) => {
                let sep = if matches!(self, Arg::List(_)) {
                    ", "
                } else {
                    "; "
                };
                for (i, a) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_str(sep)?;
                    }
                    write!(f, "{a}")?;
                }
                Ok(())
            }
        }
    }
}

/// The English wording with exact values.
impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(&self.id, |a| a.to_string()))
    }
}

impl PartialEq<str> for Phrase {
    /// Compares the English wording.
    fn eq(&self, other: &str) -> bool {
        let said = self.to_string();
        said == other
    }
}

impl PartialEq<&str> for Phrase {
    fn eq(&self, other: &&str) -> bool {
        let said = self.to_string();
        said == *other
    }
}

/// How a phrase is written in data: words shown as they are as a plain string (what a
/// document or an analyst wrote, or a rendered report's text), a message as
/// `{"id", "args"}` (`args` left out when there are none).
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Repr {
    Verbatim(String),
    Said {
        id: String,
        #[serde(default, skip_serializing_if = "Args::is_empty")]
        args: Args,
    },
}

/// Arguments as a JSON object in their order.
#[derive(Default)]
struct Args(Vec<(String, Arg)>);

impl Args {
    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Serialize for Args {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

impl<'de> Deserialize<'de> for Args {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Args, D::Error> {
        struct Visit;
        impl<'de> serde::de::Visitor<'de> for Visit {
            type Value = Args;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a map of a phrase's arguments")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Args, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, Arg>()? {
                    out.push((k, v));
                }
                Ok(Args(out))
            }
        }
        d.deserialize_map(Visit)
    }
}

impl Serialize for Phrase {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let repr = if self.verbatim {
            Repr::Verbatim(self.id.to_string())
        } else {
            Repr::Said {
                id: self.id.to_string(),
                args: Args(
                    self.args
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.clone()))
                        .collect(),
                ),
            }
        };
        repr.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Phrase {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Phrase, D::Error> {
        Ok(match Repr::deserialize(d)? {
            Repr::Said { id, args } => Phrase {
                id: Cow::Owned(id),
                args: args
                    .0
                    .into_iter()
                    .map(|(k, v)| (Cow::Owned(k), v))
                    .collect(),
                verbatim: false,
            },
            Repr::Verbatim(text) => Phrase::verbatim(text),
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::explain::Quantity;
    use proptest::prelude::*;

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let p = Phrase::new("{a} and {b} but {c}")
            .with("a", Quantity::persons(1))
            .with("b", Arg::verbatim("«to»"));
        assert_eq!(p.to_string(), "1 and «to» but {c}");
        assert_eq!(
            p.render("{b} og {a}", |a| format!("<{a}>")),
            "<«to»> og <1>"
        );
    }

    #[test]
    fn unclosed_brace_is_text() {
        let p = Phrase::new("a { b").with("b", Quantity::persons(2));
        assert_eq!(p.to_string(), "a { b");
    }

    #[test]
    fn ids_skip_verbatim_and_include_nested() {
        let p = Phrase::new("{rule} gives {x}")
            .with("rule", Phrase::new("half-up"))
            .with("x", Arg::List(vec![Phrase::verbatim("doc").into()]));
        assert_eq!(p.ids(), vec!["{rule} gives {x}", "half-up"]);
    }

    fn phrase() -> impl Strategy<Value = Phrase> {
        (
            "[a-z {}]{0,20}",
            any::<bool>(),
            proptest::collection::vec(("[a-z]{1,5}", any::<i32>()), 0..3),
        )
            .prop_map(|(id, verbatim, args)| {
                if verbatim {
                    Phrase::verbatim(id)
                } else {
                    args.into_iter().fold(
                        Phrase {
                            id: Cow::Owned(id),
                            args: Vec::new(),
                            verbatim: false,
                        },
                        |p, (k, n)| Phrase {
                            args: {
                                let mut a = p.args;
                                a.push((Cow::Owned(k), Quantity::persons(n).into()));
                                a
                            },
                            ..p
                        },
                    )
                }
            })
    }

    proptest! {
        #[test]
        fn json_round_trip(p in phrase()) {
            let json = serde_json::to_string(&p).unwrap();
            let back: Phrase = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, p);
        }

        #[test]
        fn render_never_panics(t in "\\PC{0,30}", p in phrase()) {
            let _ = p.render(&t, |a| a.to_string());
        }
    }
}
