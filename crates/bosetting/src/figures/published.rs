//! Published figures, and reconciling them with what the model computes.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::{Error, Result};
use crate::explain::{Explanation, Quantity, Unit, Value};
use crate::interval::{Bound, Interval};
use crate::money::{parse_amount, parse_nb_decimal, scale_word, split_number};
use crate::phrase::{Arg, Phrase};
use crate::provenance::Source;
use crate::ratio::Ratio;
use crate::rounding::RoundingRule;

/// How a document qualified a number.
///
/// # Example
///
/// ```
/// use bosetting::{PublishedFigure, Qualifier, Source, Unit};
///
/// let q = |text| PublishedFigure::parse(text, Unit::Persons, Source::new("avis")).map(|f| f.qualifier());
/// assert_eq!(q("41")?, Qualifier::Exact);
/// assert_eq!(q("cirka 280")?, Qualifier::Approximate);
/// assert_eq!(q("i underkant av 50")?, Qualifier::LessThan);
/// assert_eq!(q("minst 55")?, Qualifier::AtLeast);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "cirka")]
#[doc(alias = "inntil")]
#[doc(alias = "minst")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Qualifier {
    /// The number is exact ("bosatte 41").
    Exact,
    /// Rounded to the printed precision ("0,7 mill kr", "71 %").
    Rounded,
    /// Approximate ("cirka 280", "om lag", "omtrent", "rundt").
    Approximate,
    /// At least the number ("minst 55 prosent").
    AtLeast,
    /// More than the number ("vel 70", "drøyt", "over").
    MoreThan,
    /// At most the number ("inntil 60", "høyst", "opptil").
    AtMost,
    /// Less than the number ("i underkant av", "under", "knapt").
    LessThan,
}

/// Norwegian phrases and the qualifier each expresses; longest first so that "i underkant
/// av" wins over "under".
const PHRASES: &[(&str, Qualifier)] = &[
    ("i underkant av", Qualifier::LessThan),
    ("i overkant av", Qualifier::MoreThan),
    ("i underkant", Qualifier::LessThan),
    ("i overkant", Qualifier::MoreThan),
    ("godt under", Qualifier::LessThan),
    ("like under", Qualifier::LessThan),
    ("noe under", Qualifier::LessThan),
    ("godt over", Qualifier::MoreThan),
    ("like over", Qualifier::MoreThan),
    ("noe over", Qualifier::MoreThan),
    ("bortimot", Qualifier::Approximate),
    ("nærmere", Qualifier::Approximate),
    ("snaue", Qualifier::LessThan),
    ("snaut", Qualifier::LessThan),
    ("ikke mindre enn", Qualifier::AtLeast),
    ("ikke mer enn", Qualifier::AtMost),
    ("anslagsvis", Qualifier::Approximate),
    ("maksimalt", Qualifier::AtMost),
    ("flere enn", Qualifier::MoreThan),
    ("færre enn", Qualifier::LessThan),
    ("mindre enn", Qualifier::LessThan),
    ("ikke over", Qualifier::AtMost),
    ("minimum", Qualifier::AtLeast),
    ("omkring", Qualifier::Approximate),
    ("omtrent", Qualifier::Approximate),
    ("mer enn", Qualifier::MoreThan),
    ("opptil", Qualifier::AtMost),
    ("om lag", Qualifier::Approximate),
    ("inntil", Qualifier::AtMost),
    ("cirka", Qualifier::Approximate),
    ("drøyt", Qualifier::MoreThan),
    ("drøye", Qualifier::MoreThan),
    ("nesten", Qualifier::LessThan),
    ("rundt", Qualifier::Approximate),
    ("høyst", Qualifier::AtMost),
    ("minst", Qualifier::AtLeast),
    ("knapt", Qualifier::LessThan),
    ("under", Qualifier::LessThan),
    ("maks", Qualifier::AtMost),
    ("over", Qualifier::MoreThan),
    ("ca.", Qualifier::Approximate),
    ("nær", Qualifier::Approximate),
    ("vel", Qualifier::MoreThan),
    ("ca", Qualifier::Approximate),
];

/// Words before a number that say nothing about its precision ("til sammen 4 790", "hele 34
/// prosent"): read past, so the number keeps the precision its unit gives it.
const NEUTRAL: &[&str] = &[
    "til sammen",
    "totalt",
    "i alt",
    "samlet",
    "hele",
    "bare",
    "kun",
];

/// Norwegian number words up to twenty, as digits, with the text after the word.
fn number_word(text: &str) -> Option<(u32, &str)> {
    const WORDS: &[(&str, u32)] = &[
        ("null", 0),
        ("én", 1),
        ("en", 1),
        ("ett", 1),
        ("ei", 1),
        ("to", 2),
        ("tre", 3),
        ("fire", 4),
        ("fem", 5),
        ("seks", 6),
        ("sju", 7),
        ("syv", 7),
        ("åtte", 8),
        ("ni", 9),
        ("ti", 10),
        ("elleve", 11),
        ("tolv", 12),
        ("tretten", 13),
        ("fjorten", 14),
        ("femten", 15),
        ("seksten", 16),
        ("sytten", 17),
        ("atten", 18),
        ("nitten", 19),
        ("tjue", 20),
    ];
    let word_end = text
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(text.len(), |(i, _)| i);
    let (word, tail) = text.split_at(word_end);
    WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| (*n, tail))
}

/// A figure as a document printed it: the text, the value it denotes, its unit and printed
/// precision, how it was qualified, and where it was printed. It stands for an interval
/// (see [`PublishedFigure::interval`]).
///
/// # Example
///
/// ```
/// use bosetting::{PublishedFigure, Qualifier, ReconcilePolicy, Source, Unit};
///
/// let f = PublishedFigure::parse("0,7 mill kr", Unit::Kroner, Source::new("årsrapport"))?;
/// assert_eq!(f.qualifier(), Qualifier::Rounded);
/// assert_eq!(f.interval(&ReconcilePolicy::default())?.to_string(), "[650000, 750000)");
///
/// let g = PublishedFigure::parse("vel 70", Unit::Persons, Source::new("årsrapport"))?;
/// assert_eq!(g.qualifier(), Qualifier::MoreThan);
/// assert_eq!(g.interval(&ReconcilePolicy::default())?.to_string(), "(70, 105]");
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// Its parts are private, so no program can write a figure whose step is not positive:
///
/// ```compile_fail,E0451
/// use bosetting::{PublishedFigure, Qualifier, Source, Unit};
/// use rust_decimal::Decimal;
///
/// let f = PublishedFigure {
///     text: "71 %".into(), value: Decimal::from(71), unit: Unit::Percent,
///     step: Decimal::ZERO, qualifier: Qualifier::Rounded, source: Source::new("x"),
/// };
/// ```
#[doc(alias = "publisert tall")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublishedFigure {
    // Private so that every figure has a positive step: built by `parse`, `exact` or the
    // checked `new`, read through the getters of the same names.
    text: String,
    #[serde(with = "rust_decimal::serde::str")]
    value: Decimal,
    unit: Unit,
    #[serde(with = "rust_decimal::serde::str")]
    step: Decimal,
    qualifier: Qualifier,
    source: Source,
}

deserialize_through!(PublishedFigure::new {
    text: String,
    #[serde(with = "rust_decimal::serde::str")]
    value: Decimal,
    unit: Unit,
    #[serde(with = "rust_decimal::serde::str")]
    step: Decimal,
    qualifier: Qualifier,
    source: Source,
});

/// The parameters of reconciliation: the rounding rule the document is assumed to use, how
/// wide "cirka" is, and how far "vel" and "under" reach.
///
/// The defaults are this library's conventions, not rules from a source: Norwegian public
/// documents round half up; an approximate figure is taken as ±10 % (never narrower than
/// half its printed step); and a "more than" or "less than" figure ("vel 70", "under 10")
/// is taken to lie within 50 % of its number (never nearer than one printed step), since a
/// writer whose number were further off would have printed a nearer one. All are parameters
/// so a user can state their own.
///
/// Fields added after the first version default when missing, so a policy written before
/// them still reads.
///
/// Its parameters are private, so no program can write a negative width:
///
/// ```compile_fail,E0451
/// use bosetting::{Ratio, ReconcilePolicy, RoundingRule};
/// use rust_decimal::Decimal;
///
/// let p = ReconcilePolicy {
///     rule: RoundingRule::HalfUp, approximate: Ratio::from_percent(Decimal::from(-10)),
///     more_than: Ratio::from_percent(Decimal::from(50)),
///     less_than: Ratio::from_percent(Decimal::from(50)),
/// };
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ReconcilePolicy {
    // Private so that no width turns a figure's interval inside out: built by `default`,
    // `with_rule` or the checked `new`, read through the getters of the same names.
    rule: RoundingRule,
    approximate: Ratio,
    more_than: Ratio,
    less_than: Ratio,
}

deserialize_through!(ReconcilePolicy::new {
    rule: RoundingRule,
    approximate: Ratio,
    #[serde(default = "default_reach")]
    more_than: Ratio,
    #[serde(default = "default_reach")]
    less_than: Ratio,
});

fn default_reach() -> Ratio {
    Ratio::from_percent(Decimal::from(50))
}

impl Default for ReconcilePolicy {
    fn default() -> ReconcilePolicy {
        ReconcilePolicy {
            rule: RoundingRule::HalfUp,
            approximate: Ratio::from_percent(Decimal::TEN),
            more_than: default_reach(),
            less_than: default_reach(),
        }
    }
}

impl ReconcilePolicy {
    /// A policy with every parameter given: the rounding `rule`, the relative half-width of
    /// an approximate figure (`approximate`, 0 to 100 %), and how far a "more than" figure
    /// may reach above its number (`more_than`, 0 % or more) and a "less than" figure below
    /// it (`less_than`, 0 to 100 %).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the parameter if a width is negative (it would turn a
    /// figure's interval inside out, so that nothing could be consistent with it), or if
    /// `approximate` or `less_than` is above 100 % (a count of "cirka 10" or "under 10"
    /// would reach below zero).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Ratio, ReconcilePolicy, RoundingRule};
    /// use rust_decimal_macros::dec;
    ///
    /// let pct = |p| Ratio::from_percent(p);
    /// let p = ReconcilePolicy::new(RoundingRule::HalfUp, pct(dec!(5)), pct(dec!(20)), pct(dec!(20)))?;
    /// assert_eq!(p.approximate(), pct(dec!(5)));
    /// assert!(ReconcilePolicy::new(RoundingRule::HalfUp, pct(dec!(-5)), pct(dec!(20)), pct(dec!(20))).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        rule: RoundingRule,
        approximate: Ratio,
        more_than: Ratio,
        less_than: Ratio,
    ) -> Result<ReconcilePolicy> {
        let whole = Ratio::from_percent(Decimal::ONE_HUNDRED);
        for (field, width, at_most_whole) in [
            ("approximate", approximate, true),
            ("more_than", more_than, false),
            ("less_than", less_than, true),
        ] {
            if width.numerator() < Decimal::ZERO {
                return Err(Error::invalid(
                    format!("reconcile policy {field}"),
                    width,
                    "a width cannot be negative: write a share of 0 or more, such as \"10/100\"",
                ));
            }
            if at_most_whole && width > whole {
                return Err(Error::invalid(
                    format!("reconcile policy {field}"),
                    width,
                    "a width above 100 % reaches below zero: write a share from 0 to 1",
                ));
            }
        }
        Ok(ReconcilePolicy {
            rule,
            approximate,
            more_than,
            less_than,
        })
    }

    /// The default policy with another rounding rule.
    pub fn with_rule(rule: RoundingRule) -> ReconcilePolicy {
        ReconcilePolicy {
            rule,
            ..ReconcilePolicy::default()
        }
    }

    /// The rule a rounded figure is assumed to follow.
    pub fn rule(&self) -> RoundingRule {
        self.rule
    }

    /// Relative half-width of an approximate figure's interval.
    pub fn approximate(&self) -> Ratio {
        self.approximate
    }

    /// How far above its number a "more than" figure ("vel", "drøyt", "over", "i overkant
    /// av", "mer enn", "flere enn") may reach, relative to the number: "vel 70" stands for
    /// (70, 70 + 70 × `more_than`]. Default 50 %.
    pub fn more_than(&self) -> Ratio {
        self.more_than
    }

    /// How far below its number a "less than" figure ("under", "knapt", "nesten", "i
    /// underkant av", "færre enn", "mindre enn") may reach, relative to the number: "under
    /// 10" stands for [10 − 10 × `less_than`, 10). Default 50 %.
    pub fn less_than(&self) -> Ratio {
        self.less_than
    }
}

/// The outcome of comparing a published figure with the model.
///
/// # Example
///
/// ```
/// use bosetting::{Computed, PublishedFigure, ReconcilePolicy, Source, Status, Unit};
/// use rust_decimal_macros::dec;
///
/// let printed = PublishedFigure::parse("cirka 280", Unit::Persons, Source::new("NRK"))?;
/// let policy = ReconcilePolicy::default();
/// assert_eq!(printed.reconcile(&Computed::Value(dec!(280)), &policy)?.status, Status::Reproduced);
/// assert_eq!(printed.reconcile(&Computed::Value(dec!(276)), &policy)?.status, Status::Consistent);
/// assert_eq!(Status::Consistent.to_string(), "consistent");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "gjenskapt")]
#[doc(alias = "forenlig")]
#[doc(alias = "uforenlig")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The figure is a fact fed into the model, not checked against anything.
    Input,
    /// The model computes the same figure at the printed precision.
    Reproduced,
    /// The model's value, or the range it can bound, lies within what the figure stands for.
    Consistent,
    /// No value the model allows is what the figure stands for.
    Inconsistent,
}

impl Status {
    /// The status's name (`input`, `reproduced`, `consistent`, `inconsistent`).
    pub fn name(self) -> &'static str {
        match self {
            Status::Input => "input",
            Status::Reproduced => "reproduced",
            Status::Consistent => "consistent",
            Status::Inconsistent => "inconsistent",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What the model computed, to be compared with a published figure.
///
/// # Example
///
/// ```
/// use bosetting::{Computed, PublishedFigure, ReconcilePolicy, Ratio, Source, Status, Unit};
///
/// let printed = PublishedFigure::parse("55,4 %", Unit::Percent, Source::new("årsrapport"))?;
/// let policy = ReconcilePolicy::default();
/// // A ratio is compared as a percentage: 41/74 = 55.41 %.
/// assert_eq!(printed.reconcile(&Computed::Ratio(Ratio::of(41, 74)?), &policy)?.status, Status::Reproduced);
/// assert_eq!(printed.reconcile(&Computed::Value(56.into()), &policy)?.status, Status::Inconsistent);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Computed {
    /// An exact value in the published figure's unit.
    Value(#[serde(with = "rust_decimal::serde::str")] Decimal),
    /// An exact ratio; compared as a percentage when the figure is in percent.
    Ratio(Ratio),
    /// A range the model can bound but not pin down.
    Range(Interval),
}

impl Computed {
    /// The computed side of a [`Quantity`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a text quantity.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Computed, Quantity, Ratio};
    /// use rust_decimal::Decimal;
    ///
    /// assert_eq!(Computed::from_quantity(&Quantity::persons(33))?, Computed::Value(Decimal::from(33)));
    /// assert_eq!(Computed::from_quantity(&Quantity::share(Ratio::of(41, 74)?))?, Computed::Ratio(Ratio::of(41, 74)?));
    /// // Words cannot be compared with a printed number.
    /// assert!(Computed::from_quantity(&Quantity::text("met")).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn from_quantity(q: &Quantity) -> Result<Computed> {
        Ok(match &q.value {
            Value::Integer(n) => Computed::Value(Decimal::from(*n)),
            Value::Decimal(d) => Computed::Value(*d),
            Value::Ratio(r) => Computed::Ratio(*r),
            Value::Interval(i) => Computed::Range(*i),
            Value::Text(t) => {
                return Err(Error::invalid(
                    "computed value",
                    format!("{t:?}"),
                    "text cannot be compared with a number",
                ));
            }
        })
    }
}

/// What one rounding rule makes of the comparison.
///
/// # Example
///
/// ```
/// use bosetting::{Computed, PublishedFigure, ReconcilePolicy, RoundingRule, Source, Status, Unit};
/// use rust_decimal::Decimal;
///
/// let printed = PublishedFigure::parse("96,6 %", Unit::Percent, Source::new("årsrapport"))?;
/// let r = printed.reconcile(&Computed::Value(Decimal::new(9656, 2)), &ReconcilePolicy::default())?;
/// // 96.56 rounds half up to the printed 96.6, but truncates to 96.5.
/// let under = |rule| r.by_rule.iter().find(|o| o.rule == rule).map(|o| o.status);
/// assert_eq!(under(RoundingRule::HalfUp), Some(Status::Reproduced));
/// assert_eq!(under(RoundingRule::Truncate), Some(Status::Inconsistent));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleOutcome {
    /// The rule.
    pub rule: RoundingRule,
    /// The status under it.
    pub status: Status,
    /// The computed value as that rule would print it, where it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(with = "crate::serde_exact::option_decimal")]
    pub shown: Option<Decimal>,
}

/// The result of [`PublishedFigure::reconcile`].
///
/// # Example
///
/// ```
/// use bosetting::{Computed, PublishedFigure, ReconcilePolicy, RoundingRule, Source, Status, Unit};
/// use rust_decimal_macros::dec;
///
/// let printed = PublishedFigure::parse("96,6 %", Unit::Percent, Source::new("årsrapport"))?;
/// let r = printed.reconcile(&Computed::Value(dec!(96.5)), &ReconcilePolicy::default())?;
/// assert_eq!(r.status, Status::Inconsistent);
/// assert_eq!(r.rule, RoundingRule::HalfUp);
/// assert_eq!(r.interval.to_string(), "[96.55, 96.65)");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "tallkontroll")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reconciliation {
    /// The status under the policy's rule.
    pub status: Status,
    /// The policy's rule.
    pub rule: RoundingRule,
    /// What the published figure stands for under that rule.
    pub interval: Interval,
    /// What the model computed.
    pub computed: Computed,
    /// The same comparison under every rule, for figures that are rounded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_rule: Vec<RuleOutcome>,
    /// In words, with the numbers.
    pub explanation: Phrase,
}

/// Which whole counts out of a known whole fit a published percentage, per rule.
///
/// # Example
///
/// ```
/// use bosetting::{PublishedFigure, ReconcilePolicy, RoundingRule, Source, Status, Unit};
///
/// // "19 %" of 75 exits: only 14 (18.7 %) prints as 19 under half-up rounding.
/// let printed = PublishedFigure::parse("19 %", Unit::Percent, Source::new("årsrapport"))?;
/// let fit = printed.counts_for_share(75, &ReconcilePolicy::default())?;
/// assert_eq!(fit.whole, 75);
/// assert_eq!(fit.status, Status::Consistent);
/// assert_eq!(fit.under(RoundingRule::HalfUp), Some((14, 14)));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CountFit {
    /// The whole (57 exits).
    pub whole: u64,
    /// Per rule, the inclusive range of counts that print as the published percentage.
    pub by_rule: Vec<(RoundingRule, Option<(u64, u64)>)>,
    /// The counts on either side of the published percentage, for the explanation.
    pub neighbours: (Option<u64>, Option<u64>),
    /// The status under the policy's rule: consistent if some count fits, else inconsistent.
    pub status: Status,
    /// In words.
    pub explanation: Phrase,
}

impl CountFit {
    /// The counts that fit under `rule`.
    pub fn under(&self, rule: RoundingRule) -> Option<(u64, u64)> {
        self.by_rule
            .iter()
            .find(|(r, _)| *r == rule)
            .and_then(|(_, c)| *c)
    }
}

impl PublishedFigure {
    /// Reads a figure from the text a document printed ("cirka 280", "71 %", "0,7 mill kr",
    /// "Minst 55 prosent", "inntil 60").
    ///
    /// After the number may come a scale word ("tusen", "mill.", "millioner", "mrd.",
    /// "milliarder") for counts, FTE and amounts, and then words naming the unit ("%",
    /// "prosent", "personer", "familier", "boliger", "årsverk", "kr"…).
    ///
    /// With no qualifier word, counts (persons, families, dwellings) and FTE are exact unless
    /// printed with a scale word ("137 tusen"), and percentages, multiples and amounts printed
    /// in millions are rounded.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the text and what is wrong with it: a unit in the text that
    /// contradicts `unit` ("71 %" given as kroner), a scale word where none makes sense
    /// ("12 tusen %"), or any other text after the number, naming it ("137e9").
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Error, PublishedFigure, Source, Unit};
    ///
    /// let src = || Source::new("NRK").quote("cirka 280 flyktninger");
    /// let about = PublishedFigure::parse("cirka 280", Unit::Persons, src())?;
    /// assert_eq!(about.text(), "cirka 280");
    /// assert!(matches!(PublishedFigure::parse("71 %", Unit::Kroner, src()), Err(Error::Parse { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse(text: &str, unit: Unit, source: Source) -> Result<PublishedFigure> {
        let fail = |reason: String| Error::Parse {
            what: "published figure",
            text: text.to_owned(),
            reason,
        };
        let lower = text.trim().to_lowercase();
        let mut rest: &str = &lower;
        let mut qualifier = None;
        for word in NEUTRAL {
            if let Some(r) = rest.strip_prefix(word) {
                if r.starts_with(|c: char| c.is_whitespace()) {
                    rest = r.trim_start();
                    break;
                }
            }
        }
        for (phrase, q) in PHRASES {
            if let Some(r) = rest.strip_prefix(phrase) {
                let boundary = r
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_whitespace() || c.is_ascii_digit());
                if boundary || phrase.ends_with('.') {
                    qualifier = Some(*q);
                    rest = r.trim_start();
                    break;
                }
            }
        }
        // Small numbers are often written as words ("sju ganger", "mangler to").
        let worded;
        if let Some((digits, tail)) = number_word(rest) {
            worded = format!("{digits}{tail}");
            rest = &worded;
        }
        let (value, step) = if unit == Unit::Kroner {
            let a = parse_amount(rest).map_err(|e| match e {
                Error::Parse { reason, .. } => fail(reason),
                other => other,
            })?;
            (a.amount.amount(), a.step)
        } else {
            let (num, tail) = split_number(rest);
            if num.is_empty() {
                return Err(fail("no number".to_owned()));
            }
            let (v, s) = parse_nb_decimal(num).map_err(fail)?;
            let scale = read_tail(tail, unit).map_err(fail)?;
            let too_large = |_| fail("the number is too large".to_owned());
            (
                dec::mul(v, scale, "published figure").map_err(too_large)?,
                dec::mul(s, scale, "published figure").map_err(too_large)?,
            )
        };
        let qualifier = qualifier.unwrap_or(match unit {
            Unit::Persons
            | Unit::Families
            | Unit::Dwellings
            | Unit::Count
            | Unit::Fte
            | Unit::Kroner
                if step <= Decimal::ONE =>
            {
                Qualifier::Exact
            }
            Unit::Year => Qualifier::Exact,
            _ => Qualifier::Rounded,
        });
        PublishedFigure::new(text.trim(), value, unit, step, qualifier, source)
    }

    /// A figure with every part given: the text as printed, the nominal `value` in the
    /// unit's base, the `step` (the value of one unit in the last printed digit, `100000` for
    /// "0,7 mill kr"), the qualifier and the source. [`PublishedFigure::parse`] finds all of
    /// them from the text; this is for a program that already has them.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `step` is not positive: a step of zero would make every
    /// rounded figure a point, and a negative one turns its interval inside out.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{PublishedFigure, Qualifier, ReconcilePolicy, Source, Unit};
    /// use rust_decimal_macros::dec;
    ///
    /// let src = || Source::new("årsrapport");
    /// let f = PublishedFigure::new("0,7 mill kr", dec!(700000), Unit::Kroner, dec!(100000),
    ///     Qualifier::Rounded, src())?;
    /// assert_eq!(f, PublishedFigure::parse("0,7 mill kr", Unit::Kroner, src())?);
    /// assert_eq!(f.interval(&ReconcilePolicy::default())?.to_string(), "[650000, 750000)");
    /// assert!(PublishedFigure::new("0,7", dec!(0.7), Unit::Kroner, dec!(0),
    ///     Qualifier::Rounded, src()).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        text: impl Into<String>,
        value: Decimal,
        unit: Unit,
        step: Decimal,
        qualifier: Qualifier,
        source: Source,
    ) -> Result<PublishedFigure> {
        if step <= Decimal::ZERO {
            return Err(Error::invalid(
                "published figure step",
                step,
                "must be positive: the value of one unit in the last printed digit (1 for a whole number)",
            ));
        }
        Ok(PublishedFigure {
            text: text.into(),
            value,
            unit,
            step,
            qualifier,
            source,
        })
    }

    /// An exact figure given in code rather than read from text: the text is the value.
    pub fn exact(value: Decimal, unit: Unit, source: Source) -> PublishedFigure {
        // A step of one is positive, the one thing `new` checks.
        PublishedFigure {
            text: value.normalize().to_string(),
            value,
            unit,
            step: Decimal::ONE,
            qualifier: Qualifier::Exact,
            source,
        }
    }

    /// The figure as printed ("0,7 mill kr").
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The nominal value in the unit's base (kroner, persons, percent).
    pub fn value(&self) -> Decimal {
        self.value
    }

    /// The unit.
    pub fn unit(&self) -> Unit {
        self.unit
    }

    /// The value of one unit in the last printed digit (`100000` for "0,7 mill kr"); always
    /// positive.
    pub fn step(&self) -> Decimal {
        self.step
    }

    /// How the document qualified it.
    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    /// Where it was printed.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The same figure with the text the document printed for it (a table's "-" for nil).
    #[must_use]
    pub fn with_text(mut self, text: impl Into<String>) -> PublishedFigure {
        self.text = text.into();
        self
    }

    /// The figure as money (its nominal value in kroner).
    pub fn money(&self) -> crate::money::Money {
        crate::money::Money::new(self.value)
    }

    /// The same figure with another qualifier (when the context says more than the words,
    /// for example a count the document rounded).
    pub fn with_qualifier(mut self, qualifier: Qualifier) -> PublishedFigure {
        self.qualifier = qualifier;
        self
    }

    /// The values the figure stands for under `policy`.
    ///
    /// - Exact: the number itself.
    /// - Rounded: the values that round to it under the policy's rule.
    /// - Approximate ("cirka 280"): the number ± the policy's `approximate` share of it, never
    ///   narrower than half a printed step.
    /// - At least / at most ("minst 55", "inntil 60"): the number and everything beyond it,
    ///   with no limit. These words state a floor or a ceiling (of a goal, a capacity, a
    ///   guarantee) and claim no nearness, so 90 % is as much "minst 55 prosent" as 55 % is.
    /// - More than / less than ("vel 70", "under 10"): beyond the number, the number itself
    ///   excluded, and no further than the policy's `more_than` / `less_than` share of it
    ///   (never nearer than one printed step): "vel 70" is (70, 105] by default. These words
    ///   describe a value near the number, and a value far beyond it would have been printed
    ///   with a nearer number.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{PublishedFigure, ReconcilePolicy, Source, Unit};
    ///
    /// let policy = ReconcilePolicy::default();
    /// let amount = PublishedFigure::parse("0,7 mill kr", Unit::Kroner, Source::new("budsjett"))?;
    /// assert_eq!(amount.interval(&policy)?.to_string(), "[650000, 750000)");
    /// let more_than = PublishedFigure::parse("vel 70", Unit::Persons, Source::new("NTB"))?;
    /// assert_eq!(more_than.interval(&policy)?.to_string(), "(70, 105]");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn interval(&self, policy: &ReconcilePolicy) -> Result<Interval> {
        let v = self.value;
        Ok(match self.qualifier {
            Qualifier::Exact => Interval::exactly(v),
            Qualifier::Rounded => policy.rule.interval(v, self.step)?,
            Qualifier::Approximate => {
                let rel = policy
                    .approximate
                    .scale(v.abs())?
                    .round(RoundingRule::HalfUp, 10)?;
                let half_step = dec::div(self.step, Decimal::TWO, "approximate interval")?;
                let w = rel.max(half_step);
                Interval::closed(
                    dec::sub(v, w, "approximate interval")?,
                    dec::add(v, w, "approximate interval")?,
                )?
            }
            Qualifier::AtLeast => Interval::at_least(v),
            Qualifier::MoreThan => {
                let w = self.reach(policy.more_than)?;
                Interval::new(
                    Bound::Excluded(v),
                    Bound::Included(dec::add(v, w, "more-than interval")?),
                )?
            }
            Qualifier::AtMost => Interval::at_most(v),
            Qualifier::LessThan => {
                let w = self.reach(policy.less_than)?;
                Interval::new(
                    Bound::Included(dec::sub(v, w, "less-than interval")?),
                    Bound::Excluded(v),
                )?
            }
        })
    }

    /// How far a "more than" or "less than" figure reaches from its number: `share` of the
    /// number's size, never less than one printed step.
    fn reach(&self, share: Ratio) -> Result<Decimal> {
        let rel = share
            .scale(self.value.abs())?
            .round(RoundingRule::HalfUp, 10)?;
        Ok(rel.max(self.step))
    }

    fn scale_for(&self, computed: &Computed) -> Decimal {
        match (computed, self.unit) {
            (Computed::Ratio(_), Unit::Percent) => Decimal::ONE_HUNDRED,
            _ => Decimal::ONE,
        }
    }

    /// Compares the figure with what the model computed, under `policy`.
    ///
    /// - An exact figure is *reproduced* if the model computes the same value.
    /// - A rounded figure is *reproduced* if the model's value, rounded under the policy's
    ///   rule to the printed precision, is the printed value.
    /// - An approximate figure is *reproduced* if the model computes exactly the printed
    ///   value, *consistent* if the model's value lies in what the figure stands for.
    /// - A bounded figure ("minst 55", "vel 70") is at best *consistent*: it names a range,
    ///   not a value, so no value in it reproduces it more than another. "Minst 55" and
    ///   "inntil 60" hold at their number (consistent); "vel 70" and "under 10" exclude theirs,
    ///   so a computed 70 or 10 is *inconsistent*. See [`PublishedFigure::interval`] for how far
    ///   each reaches.
    /// - A computed range is *consistent* if it overlaps what the figure stands for.
    /// - Anything else is *inconsistent*, and the explanation says why, with the numbers and
    ///   what the other rounding rules would give.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Computed, PublishedFigure, Ratio, ReconcilePolicy, Source, Status, Unit};
    ///
    /// let f = PublishedFigure::parse("52 %", Unit::Percent, Source::new("årsrapport"))?;
    /// let r = f.reconcile(&Computed::Ratio(Ratio::of(39, 75)?), &ReconcilePolicy::default())?;
    /// assert_eq!(r.status, Status::Reproduced);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    pub fn reconcile(
        &self,
        computed: &Computed,
        policy: &ReconcilePolicy,
    ) -> Result<Reconciliation> {
        let interval = self.interval(policy)?;
        let scale = self.scale_for(computed);
        let mut by_rule = Vec::new();
        let (status, explanation) = match computed {
            Computed::Range(range) => {
                let overlap = interval.intersect(range);
                let status = match (range.as_point(), interval.as_point()) {
                    (Some(a), Some(b)) if a == b => Status::Reproduced,
                    _ if overlap.is_empty() => Status::Inconsistent,
                    _ => Status::Consistent,
                };
                let id = match (self.qualifier == Qualifier::Rounded, overlap.is_empty()) {
                    (true, true) => {
                        "the model bounds the value to {range}; «{printed}» stands for {interval} under {rule}; the two do not overlap"
                    }
                    (true, false) => {
                        "the model bounds the value to {range}; «{printed}» stands for {interval} under {rule}; both hold for {overlap}"
                    }
                    (false, true) => {
                        "the model bounds the value to {range}; «{printed}» stands for {interval}; the two do not overlap"
                    }
                    (false, false) => {
                        "the model bounds the value to {range}; «{printed}» stands for {interval}; both hold for {overlap}"
                    }
                };
                let text = Phrase::new(id)
                    .with("range", Quantity::interval(*range, self.unit))
                    .with("printed", Arg::verbatim(self.text.clone()))
                    .with("interval", Quantity::interval(interval, self.unit))
                    .with("rule", policy.rule.phrase())
                    .with("overlap", Quantity::interval(overlap, self.unit));
                (status, text)
            }
            Computed::Value(_) | Computed::Ratio(_) => {
                let shown_value = self.describe(computed, scale)?;
                match self.qualifier {
                    Qualifier::Exact => {
                        let equal = self.equals(computed, scale)?;
                        let status = if equal {
                            Status::Reproduced
                        } else {
                            Status::Inconsistent
                        };
                        let text = Phrase::new(if equal {
                            "computed {computed}, as printed («{printed}»)"
                        } else {
                            "computed {computed}, but the document prints «{printed}» as an exact figure"
                        })
                        .with("computed", shown_value)
                        .with("printed", Arg::verbatim(self.text.clone()));
                        (status, text)
                    }
                    Qualifier::Rounded => {
                        for rule in RoundingRule::ALL {
                            let shown = self.round_computed(computed, scale, rule)?;
                            let status = if shown == self.value {
                                Status::Reproduced
                            } else {
                                Status::Inconsistent
                            };
                            by_rule.push(RuleOutcome {
                                rule,
                                status,
                                shown: Some(shown),
                            });
                        }
                        let mine = by_rule
                            .iter()
                            .find(|o| o.rule == policy.rule)
                            .cloned()
                            .unwrap_or(RuleOutcome {
                                rule: policy.rule,
                                status: Status::Inconsistent,
                                shown: None,
                            });
                        let others: Vec<Arg> = by_rule
                            .iter()
                            .filter(|o| o.status == Status::Reproduced)
                            .map(|o| o.rule.phrase().into())
                            .collect();
                        let id = if mine.status == Status::Reproduced {
                            "computed {computed}; {rule} to the printed precision ({step}) gives {shown}, as printed («{printed}»)"
                        } else if others.is_empty() {
                            "computed {computed}; {rule} to the printed precision ({step}) gives {shown}, not the printed «{printed}» (which stands for {interval}); no rounding rule gives the printed figure"
                        } else {
                            "computed {computed}; {rule} to the printed precision ({step}) gives {shown}, not the printed «{printed}» (which stands for {interval}); the printed figure is what these rules give: {others}"
                        };
                        let text = Phrase::new(id)
                            .with("computed", shown_value)
                            .with("rule", policy.rule.phrase())
                            .with("step", self.step.normalize())
                            .with("shown", mine.shown.unwrap_or_default().normalize())
                            .with("printed", Arg::verbatim(self.text.clone()))
                            .with("interval", Quantity::interval(interval, self.unit))
                            .with("others", others);
                        (mine.status, text)
                    }
                    _ => {
                        let inside = self.contains(&interval, computed, scale)?;
                        // Only an approximate figure names a value; a bound names a range.
                        let equal = self.qualifier == Qualifier::Approximate
                            && self.equals(computed, scale)?;
                        let status = if equal && inside {
                            Status::Reproduced
                        } else if inside {
                            Status::Consistent
                        } else {
                            Status::Inconsistent
                        };
                        let text = Phrase::new(if inside {
                            "computed {computed}; «{printed}» stands for {interval}, which contains it"
                        } else {
                            "computed {computed}; «{printed}» stands for {interval}, which does not contain it"
                        })
                        .with("computed", shown_value)
                        .with("printed", Arg::verbatim(self.text.clone()))
                        .with("interval", Quantity::interval(interval, self.unit));
                        (status, text)
                    }
                }
            }
        };
        Ok(Reconciliation {
            status,
            rule: policy.rule,
            interval,
            computed: computed.clone(),
            by_rule,
            explanation,
        })
    }

    /// Which whole counts out of `whole` print as this percentage, under every rule: the
    /// count behind a published rate when only the rate and the whole are known.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{PublishedFigure, ReconcilePolicy, RoundingRule, Source, Status, Unit};
    ///
    /// let rate = PublishedFigure::parse("71 %", Unit::Percent, Source::new("Bodø 2020"))?;
    /// let fit = rate.counts_for_share(57, &ReconcilePolicy::default())?;
    /// assert_eq!(fit.under(RoundingRule::HalfUp), None);
    /// assert_eq!(fit.under(RoundingRule::Truncate), Some((41, 41)));
    /// assert_eq!(fit.status, Status::Inconsistent);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the figure is not a percentage; [`Error::Overflow`] on
    /// overflow.
    pub fn counts_for_share(&self, whole: u64, policy: &ReconcilePolicy) -> Result<CountFit> {
        if self.unit != Unit::Percent {
            return Err(Error::invalid(
                "published figure unit",
                self.unit,
                "a count behind a share needs a percentage",
            ));
        }
        let hundred = Decimal::ONE_HUNDRED;
        if self.value.is_sign_negative() || self.value > hundred {
            return Err(Error::invalid(
                "published share",
                format!("{:?}", self.text),
                "a share of a whole must be between 0 and 100 %",
            ));
        }
        let mut by_rule = Vec::new();
        for rule in RoundingRule::ALL {
            let p = ReconcilePolicy { rule, ..*policy };
            let counts = self.interval(&p)?.counts_within(whole, hundred)?;
            by_rule.push((rule, counts));
        }
        let n = dec::from_u64(whole);
        let at = crate::rounding::floor_div(dec::mul(self.value, n, "count search")?, hundred)?;
        let below = u64::try_from(at).ok().filter(|k| *k <= whole);
        let above = below.and_then(|k| k.checked_add(1)).filter(|k| *k <= whole);
        let mine = by_rule
            .iter()
            .find(|(r, _)| *r == policy.rule)
            .and_then(|(_, c)| *c);
        let pct = |k: u64| -> Option<Arg> {
            let r = Ratio::of(k, whole).ok()?;
            let d = r.percent(RoundingRule::HalfUp, 1).ok()?;
            Some(
                Phrase::new("{fraction} = {percent} %")
                    .with("fraction", r)
                    .with("percent", d.normalize())
                    .into(),
            )
        };
        let text = match mine {
            Some((lo, hi)) if lo == hi => {
                Phrase::new("{count} of {whole} is «{printed}» under {rule} ({percent})")
                    .with("count", lo)
                    .with("percent", pct(lo).unwrap_or(Arg::List(Vec::new())))
            }
            Some((lo, hi)) => Phrase::new("{low} to {high} of {whole} are «{printed}» under {rule}")
                .with("low", lo)
                .with("high", hi),
            None => {
                let near: Vec<Arg> = [below, above].into_iter().flatten().filter_map(pct).collect();
                let fits: Vec<Arg> = by_rule
                    .iter()
                    .filter_map(|(r, c)| {
                        c.map(|(lo, hi)| {
                            if lo == hi {
                                Phrase::new("{count} under {rule}").with("count", lo)
                            } else {
                                Phrase::new("{low}–{high} under {rule}")
                                    .with("low", lo)
                                    .with("high", hi)
                            }
                            .with("rule", r.phrase())
                            .into()
                        })
                    })
                    .collect();
                let id = match (near.is_empty(), fits.is_empty()) {
                    (true, true) => "no whole count out of {whole} is «{printed}» under {rule}; no rounding rule makes it fit",
                    (false, true) => "no whole count out of {whole} is «{printed}» under {rule} ({near}); no rounding rule makes it fit",
                    (true, false) => "no whole count out of {whole} is «{printed}» under {rule}; it fits {fits}",
                    (false, false) => "no whole count out of {whole} is «{printed}» under {rule} ({near}); it fits {fits}",
                };
                Phrase::new(id).with("near", near).with("fits", fits)
            }
        }
        .with("whole", whole)
        .with("printed", Arg::verbatim(self.text.clone()))
        .with("rule", policy.rule.phrase());
        Ok(CountFit {
            whole,
            by_rule,
            neighbours: (below, above),
            status: if mine.is_some() {
                Status::Consistent
            } else {
                Status::Inconsistent
            },
            explanation: text,
        })
    }

    /// The figure as an explanation leaf.
    pub fn explain(&self, label: impl Into<Phrase>) -> Explanation {
        Explanation::input(
            label,
            Quantity::decimal(self.value, self.unit),
            self.source.clone(),
        )
    }

    fn round_computed(
        &self,
        computed: &Computed,
        scale: Decimal,
        rule: RoundingRule,
    ) -> Result<Decimal> {
        match computed {
            Computed::Value(v) => rule.round(*v, self.step),
            Computed::Ratio(r) => rule.round_ratio(
                dec::mul(r.numerator(), scale, "reconcile")?,
                r.denominator(),
                self.step,
            ),
            Computed::Range(_) => Err(Error::invalid(
                "computed value",
                "range",
                "a range has no single rounded value",
            )),
        }
    }

    fn equals(&self, computed: &Computed, scale: Decimal) -> Result<bool> {
        self.contains(&Interval::exactly(self.value), computed, scale)
    }

    fn contains(&self, interval: &Interval, computed: &Computed, scale: Decimal) -> Result<bool> {
        match computed {
            Computed::Value(v) => Ok(interval.contains(*v)),
            Computed::Ratio(r) => interval.contains_ratio(r, scale),
            Computed::Range(range) => Ok(interval.overlaps(range)),
        }
    }

    fn describe(&self, computed: &Computed, scale: Decimal) -> Result<Arg> {
        Ok(match computed {
            Computed::Value(v) => Arg::Number(v.normalize()),
            Computed::Ratio(r) if scale == Decimal::ONE_HUNDRED => {
                let shown = r.percent(RoundingRule::HalfUp, 2)?;
                Phrase::new("{fraction} = {percent} %")
                    .with("fraction", *r)
                    .with("percent", shown.normalize())
                    .into()
            }
            Computed::Ratio(r) => Phrase::new("{fraction} = {value}")
                .with("fraction", *r)
                .with("value", r.round(RoundingRule::HalfUp, 4)?.normalize())
                .into(),
            Computed::Range(i) => Quantity::interval(*i, self.unit).into(),
        })
    }
}

/// The words that may name `unit` after a number (compared without a trailing "." or ",").
fn unit_words(unit: Unit) -> &'static [&'static str] {
    match unit {
        Unit::Persons => &[
            "person",
            "personer",
            "pers",
            "flyktning",
            "flyktninger",
            "bosatt",
            "bosatte",
            "deltaker",
            "deltakere",
            "innbygger",
            "innbyggere",
            "barn",
            "voksne",
            "enslige",
            "mindreårige",
            "stk",
        ],
        Unit::Families => &[
            "familie",
            "familier",
            "familiesaker",
            "husstand",
            "husstander",
            "sak",
            "saker",
            "stk",
        ],
        Unit::Dwellings => &[
            "bolig",
            "boliger",
            "leilighet",
            "leiligheter",
            "boenhet",
            "boenheter",
            "enhet",
            "enheter",
            "stk",
        ],
        Unit::Count => &[
            "stk",
            "stykk",
            "stykker",
            "sak",
            "saker",
            "søknad",
            "søknader",
            "prosjekt",
            "prosjekter",
            "samtale",
            "samtaler",
            "enhet",
            "enheter",
            "tiltak",
            "vedtak",
        ],
        Unit::Fte => &["årsverk", "stilling", "stillinger"],
        Unit::Percent => &["%", "prosent", "pst"],
        Unit::PercentagePoints => &["prosentpoeng", "poeng", "pp", "prosentenheter"],
        Unit::Times => &["ganger", "gang", "x"],
        Unit::PersonsPerDwelling => &["personer", "person", "per", "pr", "bolig"],
        _ => &[],
    }
}

/// Reads what a document printed after the number, for a unit other than kroner: an optional
/// scale word (for counts and FTE), then words naming the unit. Returns the scale.
fn read_tail(tail: &str, unit: Unit) -> std::result::Result<Decimal, String> {
    let unexpected = |text: &str| {
        format!(
            "unexpected text {text:?} after the number; write the number alone, or with a unit \
             such as \"%\" or \"personer\""
        )
    };
    // Only a percent sign may follow the number directly ("71%"); "137e9" is not a number.
    if !(tail.is_empty() || tail.starts_with(|c: char| c.is_whitespace() || c == '%')) {
        return Err(unexpected(tail.trim()));
    }
    let words: Vec<&str> = tail
        .split_whitespace()
        .flat_map(|w| match w.strip_prefix('%') {
            Some(r) if !r.is_empty() => vec!["%", r],
            _ => vec![w],
        })
        .collect();
    let bare = |w: &str| w.trim_end_matches(['.', ',']).to_owned();
    let first = words.first().map(|w| bare(w)).unwrap_or_default();
    let percentish = unit_words(Unit::Percent).contains(&first.as_str());
    let points = unit_words(Unit::PercentagePoints).contains(&first.as_str());
    let money = words
        .iter()
        .any(|w| matches!(bare(w).as_str(), "kr" | "kroner" | "nok" | "mnok" | "mkr"));
    match unit {
        Unit::Percent if !(first.is_empty() || percentish) && scale_word(&first).is_none() => {
            return Err(format!("expected a percentage, found {first:?}"));
        }
        Unit::PercentagePoints if !(first.is_empty() || points) && scale_word(&first).is_none() => {
            return Err(format!("expected percentage points, found {first:?}"));
        }
        Unit::Percent | Unit::PercentagePoints => {}
        _ if percentish || points => {
            return Err(format!(
                "the text is a percentage but the figure is in {unit}"
            ));
        }
        _ if money => {
            return Err(format!(
                "the text is an amount of money but the figure is in {unit}"
            ));
        }
        _ => {}
    }
    let mut rest = words.as_slice();
    let mut scale = Decimal::ONE;
    if let Some((w, after)) = rest.split_first() {
        if let Some(s) = scale_word(w) {
            let scalable = unit.is_count() || unit == Unit::Fte;
            if !scalable {
                return Err(format!("{:?} cannot scale a figure in {unit}", bare(w)));
            }
            scale = s;
            rest = after;
        }
    }
    let known = unit_words(unit);
    if let Some(i) = rest.iter().position(|w| !known.contains(&bare(w).as_str())) {
        return Err(unexpected(&rest.get(i..).unwrap_or_default().join(" ")));
    }
    Ok(scale)
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic
)]
mod tests {
    use super::*;

    #[test]
    fn more_words_of_precision() {
        let src = || Source::new("t");
        let q = |t: &str| {
            PublishedFigure::parse(t, Unit::Persons, src())
                .unwrap()
                .qualifier
        };
        assert_eq!(q("nær 3000"), Qualifier::Approximate);
        assert_eq!(q("nærmere 3000"), Qualifier::Approximate);
        assert_eq!(q("snaut 300"), Qualifier::LessThan);
        assert_eq!(q("godt over 400"), Qualifier::MoreThan);
        assert_eq!(q("til sammen 4 790"), Qualifier::Exact);
        let f = PublishedFigure::parse("hele 34 prosent", Unit::Percent, src()).unwrap();
        assert_eq!(
            (f.value, f.qualifier),
            (Decimal::from(34), Qualifier::Rounded)
        );
    }

    #[test]
    fn number_words_read_as_numbers() {
        let src = || Source::new("t");
        let f = PublishedFigure::parse("sju ganger", Unit::Times, src()).unwrap();
        assert_eq!((f.value, f.text.as_str()), (Decimal::from(7), "sju ganger"));
        let f = PublishedFigure::parse("inntil to", Unit::Persons, src()).unwrap();
        assert_eq!((f.value, f.qualifier), (Decimal::TWO, Qualifier::AtMost));
        let f = PublishedFigure::parse("ti flyktninger", Unit::Persons, src()).unwrap();
        assert_eq!(f.value, Decimal::TEN);
        assert!(PublishedFigure::parse("tiende", Unit::Persons, src()).is_err());
    }
    use proptest::prelude::*;
    use rust_decimal_macros::dec;

    fn src() -> Source {
        Source::new("test")
    }

    fn fig(text: &str, unit: Unit) -> PublishedFigure {
        PublishedFigure::parse(text, unit, src()).unwrap()
    }

    #[test]
    fn qualifiers_from_words() {
        assert_eq!(
            fig("cirka 280", Unit::Persons).qualifier,
            Qualifier::Approximate
        );
        assert_eq!(fig("vel 70", Unit::Persons).qualifier, Qualifier::MoreThan);
        assert_eq!(
            fig("Minst 55 prosent", Unit::Percent).qualifier,
            Qualifier::AtLeast
        );
        assert_eq!(fig("Inntil 60", Unit::Persons).qualifier, Qualifier::AtMost);
        assert_eq!(
            fig("i underkant av 50", Unit::Persons).qualifier,
            Qualifier::LessThan
        );
        assert_eq!(
            fig("ca. 250", Unit::Persons).qualifier,
            Qualifier::Approximate
        );
        assert_eq!(fig("ca 250 flyktninger", Unit::Persons).value, dec!(250));
        assert_eq!(fig("41", Unit::Persons).qualifier, Qualifier::Exact);
        assert_eq!(fig("71%", Unit::Percent).qualifier, Qualifier::Rounded);
        assert_eq!(fig("96,6", Unit::Percent).step, dec!(0.1));
        assert_eq!(fig("33 701", Unit::Persons).value, dec!(33701));
        // "over" is a qualifier, but "overført" is not a number at all.
        assert!(PublishedFigure::parse("overført 11", Unit::Persons, src()).is_err());
    }

    #[test]
    fn unit_mismatches_are_refused() {
        let e = PublishedFigure::parse("71 %", Unit::Kroner, src()).unwrap_err();
        assert!(e.to_string().contains("71 %"), "{e}");
        let e = PublishedFigure::parse("71 %", Unit::Persons, src()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot read published figure from \"71 %\": the text is a percentage but the figure is in persons"
        );
        assert!(PublishedFigure::parse("0,7 mill kr", Unit::Persons, src()).is_err());
        assert!(PublishedFigure::parse("", Unit::Persons, src()).is_err());
    }

    #[test]
    fn scale_words_scale_a_count() {
        let f = fig("137 tusen", Unit::Persons);
        assert_eq!((f.value, f.step), (dec!(137000), dec!(1000)));
        // A number printed in thousands is rounded to them.
        assert_eq!(f.qualifier, Qualifier::Rounded);
        let cases = [
            ("1,5 mill.", Unit::Persons, dec!(1500000), dec!(100000)),
            ("1,5 mill", Unit::Persons, dec!(1500000), dec!(100000)),
            (
                "2 millioner personer",
                Unit::Persons,
                dec!(2000000),
                dec!(1000000),
            ),
            ("3 mrd.", Unit::Count, dec!(3000000000), dec!(1000000000)),
            ("3 mrd", Unit::Count, dec!(3000000000), dec!(1000000000)),
            (
                "4 milliarder",
                Unit::Count,
                dec!(4000000000),
                dec!(1000000000),
            ),
            (
                "cirka 12 tusen flyktninger",
                Unit::Persons,
                dec!(12000),
                dec!(1000),
            ),
            ("1,2 tusen årsverk", Unit::Fte, dec!(1200), dec!(100)),
            ("33 701 personer", Unit::Persons, dec!(33701), dec!(1)),
            ("71 %", Unit::Percent, dec!(71), dec!(1)),
            ("71%", Unit::Percent, dec!(71), dec!(1)),
            ("18 prosentpoeng", Unit::PercentagePoints, dec!(18), dec!(1)),
        ];
        for (text, unit, value, step) in cases {
            let f = fig(text, unit);
            assert_eq!((f.value, f.step), (value, step), "{text}");
        }
        assert_eq!(
            fig("cirka 12 tusen", Unit::Persons).qualifier,
            Qualifier::Approximate
        );
        assert_eq!(fig("137", Unit::Persons).qualifier, Qualifier::Exact);
    }

    #[test]
    fn text_after_the_number_is_refused() {
        let err = |t: &str, u: Unit| PublishedFigure::parse(t, u, src()).unwrap_err().to_string();
        assert_eq!(
            err("137e9", Unit::Persons),
            "cannot read published figure from \"137e9\": unexpected text \"e9\" after the \
             number; write the number alone, or with a unit such as \"%\" or \"personer\""
        );
        assert_eq!(
            err("1e30", Unit::Persons),
            "cannot read published figure from \"1e30\": unexpected text \"e30\" after the \
             number; write the number alone, or with a unit such as \"%\" or \"personer\""
        );
        assert_eq!(
            err("12 epler", Unit::Persons),
            "cannot read published figure from \"12 epler\": unexpected text \"epler\" after the \
             number; write the number alone, or with a unit such as \"%\" or \"personer\""
        );
        assert_eq!(
            err("71 % av 57", Unit::Percent),
            "cannot read published figure from \"71 % av 57\": unexpected text \"av 57\" after \
             the number; write the number alone, or with a unit such as \"%\" or \"personer\""
        );
        assert_eq!(
            err("12 tusen", Unit::Percent),
            "cannot read published figure from \"12 tusen\": \"tusen\" cannot scale a figure in percent"
        );
        assert!(err("1e30", Unit::Percent).contains("\"e30\""));
        assert!(err("2,5e3", Unit::Fte).contains("\"e3\""));
        assert!(err("137e9", Unit::Kroner).contains("\"e9\""));
        assert!(err("5 tusen tusen", Unit::Persons).contains("\"tusen\""));
    }

    #[test]
    fn bodo_intro_rate_fits_no_count_under_half_up() {
        let f = fig("71%", Unit::Percent);
        let fit = f.counts_for_share(57, &ReconcilePolicy::default()).unwrap();
        assert_eq!(fit.status, Status::Inconsistent);
        assert_eq!(fit.under(RoundingRule::HalfUp), None);
        assert_eq!(fit.under(RoundingRule::HalfEven), None);
        assert_eq!(fit.under(RoundingRule::Truncate), Some((41, 41)));
        assert_eq!(
            fit.explanation.to_string(),
            "no whole count out of 57 is «71%» under half-up (40/57 = 70.2 %, 41/57 = 71.9 %); \
             it fits 41 under truncate, 41 under floor"
        );
    }

    #[test]
    fn rounded_figures() {
        let f = fig("0,7 mill kr", Unit::Kroner);
        let p = ReconcilePolicy::default();
        let r = f.reconcile(&Computed::Value(dec!(690000)), &p).unwrap();
        assert_eq!(r.status, Status::Reproduced);
        let r = f.reconcile(&Computed::Value(dec!(750000)), &p).unwrap();
        assert_eq!(r.status, Status::Inconsistent);
        // A range the model can only bound:
        let r = f
            .reconcile(
                &Computed::Range(Interval::closed(dec!(600000), dec!(660000)).unwrap()),
                &p,
            )
            .unwrap();
        assert_eq!(r.status, Status::Consistent);

        let spend = fig("96,6", Unit::Percent);
        let r = spend
            .reconcile(&Computed::Ratio(Ratio::of(276, 286).unwrap()), &p)
            .unwrap();
        assert_eq!(r.status, Status::Inconsistent);
        assert!(
            r.explanation.to_string().contains("gives 96.5"),
            "{}",
            r.explanation
        );
    }

    #[test]
    fn bounds_and_approximations() {
        let p = ReconcilePolicy::default();
        let vel = fig("vel 70", Unit::Persons);
        assert_eq!(
            vel.reconcile(&Computed::Value(dec!(72)), &p)
                .unwrap()
                .status,
            Status::Consistent
        );
        assert_eq!(
            vel.reconcile(&Computed::Value(dec!(70)), &p)
                .unwrap()
                .status,
            Status::Inconsistent
        );
        assert_eq!(
            vel.reconcile(&Computed::Value(dec!(69)), &p)
                .unwrap()
                .status,
            Status::Inconsistent
        );
        let ca = fig("ca 250", Unit::Persons);
        assert_eq!(ca.interval(&p).unwrap().to_string(), "[225, 275]");
        assert_eq!(
            ca.reconcile(&Computed::Value(dec!(250)), &p)
                .unwrap()
                .status,
            Status::Reproduced
        );
    }

    fn status(f: &PublishedFigure, v: Decimal, p: &ReconcilePolicy) -> Status {
        f.reconcile(&Computed::Value(v), p).unwrap().status
    }

    #[test]
    fn open_bounds_exclude_their_number() {
        let p = ReconcilePolicy::default();
        assert_eq!(
            status(&fig("vel 70", Unit::Persons), dec!(70), &p),
            Status::Inconsistent
        );
        assert_eq!(
            status(&fig("under 10", Unit::Persons), dec!(10), &p),
            Status::Inconsistent
        );
        let over = fig("over 50 %", Unit::Percent);
        let half = Computed::Ratio(Ratio::of(1, 2).unwrap());
        assert_eq!(
            over.reconcile(&half, &p).unwrap().status,
            Status::Inconsistent
        );
        let r = fig("vel 70", Unit::Persons)
            .reconcile(&Computed::Value(dec!(70)), &p)
            .unwrap();
        assert_eq!(
            r.explanation.to_string(),
            "computed 70; «vel 70» stands for (70, 105], which does not contain it"
        );
    }

    #[test]
    fn closed_bounds_hold_at_their_number_as_consistent() {
        let p = ReconcilePolicy::default();
        assert_eq!(
            status(&fig("minst 55", Unit::Persons), dec!(55), &p),
            Status::Consistent
        );
        assert_eq!(
            status(&fig("inntil 60", Unit::Persons), dec!(60), &p),
            Status::Consistent
        );
        // A floor or a ceiling claims no nearness: far beyond it still holds.
        assert_eq!(
            status(&fig("minst 55", Unit::Persons), dec!(1000000), &p),
            Status::Consistent
        );
        assert_eq!(
            status(&fig("inntil 60", Unit::Persons), dec!(0), &p),
            Status::Consistent
        );
    }

    #[test]
    fn open_bounds_reach_a_limited_distance() {
        let p = ReconcilePolicy::default();
        let vel = fig("vel 70", Unit::Persons);
        assert_eq!(vel.interval(&p).unwrap().to_string(), "(70, 105]");
        assert_eq!(status(&vel, dec!(105), &p), Status::Consistent);
        assert_eq!(status(&vel, dec!(105.01), &p), Status::Inconsistent);
        assert_eq!(status(&vel, dec!(1000000), &p), Status::Inconsistent);
        let under = fig("under 10", Unit::Persons);
        assert_eq!(under.interval(&p).unwrap().to_string(), "[5, 10)");
        assert_eq!(status(&under, dec!(5), &p), Status::Consistent);
        assert_eq!(status(&under, dec!(4.99), &p), Status::Inconsistent);
        // Never narrower than one printed step: "over 0" still admits 1.
        assert_eq!(
            fig("over 0", Unit::Persons)
                .interval(&p)
                .unwrap()
                .to_string(),
            "(0, 1]"
        );
        // The reach is a parameter.
        let wide = ReconcilePolicy {
            more_than: Ratio::from_percent(dec!(100)),
            less_than: Ratio::from_percent(dec!(20)),
            ..p
        };
        assert_eq!(vel.interval(&wide).unwrap().to_string(), "(70, 140]");
        assert_eq!(status(&vel, dec!(140), &wide), Status::Consistent);
        assert_eq!(under.interval(&wide).unwrap().to_string(), "[8, 10)");
    }

    #[test]
    fn a_policy_written_before_the_reach_fields_still_reads() {
        let old: ReconcilePolicy =
            serde_json::from_str(r#"{"rule":"half-up","approximate":"10/100"}"#).unwrap();
        assert_eq!(old, ReconcilePolicy::default());
        let p = ReconcilePolicy::default();
        let back: ReconcilePolicy =
            serde_json::from_str(&serde_json::to_string(&p).unwrap()).unwrap();
        assert_eq!(back, p);
    }

    #[test]
    fn a_figure_read_from_json_needs_a_positive_step() {
        let good = serde_json::to_value(fig("0,7 mill kr", Unit::Kroner)).unwrap();
        for step in ["0", "-1000"] {
            let mut bad = good.clone();
            bad["step"] = serde_json::json!(step);
            let e = serde_json::from_value::<PublishedFigure>(bad)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!("invalid published figure step {step}")),
                "{e}"
            );
        }
    }

    #[test]
    fn a_policy_read_from_json_needs_widths_that_are_not_negative() {
        for field in ["approximate", "more_than", "less_than"] {
            let mut bad = serde_json::to_value(ReconcilePolicy::default()).unwrap();
            bad[field] = serde_json::json!("-1/10");
            let e = serde_json::from_value::<ReconcilePolicy>(bad)
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!("invalid reconcile policy {field} -1/10")),
                "{e}"
            );
        }
    }

    #[test]
    fn serde_round_trip() {
        let f = fig("0,7 mill kr", Unit::Kroner);
        let s = serde_json::to_string(&f).unwrap();
        let back: PublishedFigure = serde_json::from_str(&s).unwrap();
        assert_eq!(back, f);
        let r = f
            .reconcile(&Computed::Value(dec!(700000)), &ReconcilePolicy::default())
            .unwrap();
        let back: Reconciliation =
            serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
        assert_eq!(back, r);
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn a_computed_share_reproduces_its_own_rounding(part in 0u64..5000, extra in 0u64..5000, decimals in 0u32..3, rule_i in 0usize..4) {
            let rule = RoundingRule::ALL[rule_i];
            let r = Ratio::of(part, part + extra + 1).unwrap();
            let printed = r.percent(rule, decimals).unwrap();
            let text = format!("{} %", printed.to_string().replace('.', ","));
            let f = PublishedFigure::parse(&text, Unit::Percent, src()).unwrap();
            let rec = f.reconcile(&Computed::Ratio(r), &ReconcilePolicy::with_rule(rule)).unwrap();
            prop_assert_eq!(rec.status, Status::Reproduced, "{}", rec.explanation);
        }

        #[test]
        fn count_fit_agrees_with_reconcile(p in 0u32..=100, whole in 1u64..300) {
            let f = fig(&format!("{p} %"), Unit::Percent);
            let policy = ReconcilePolicy::default();
            let fit = f.counts_for_share(whole, &policy).unwrap();
            for k in 0..=whole {
                let rec = f.reconcile(&Computed::Ratio(Ratio::of(k, whole).unwrap()), &policy).unwrap();
                let fits = fit.under(policy.rule).is_some_and(|(lo, hi)| lo <= k && k <= hi);
                prop_assert_eq!(fits, rec.status == Status::Reproduced);
            }
        }

        #[test]
        fn every_qualifier_at_and_around_its_bounds(
            m in -10_000_000i64..10_000_000,
            scale in 0u32..3,
            q in 0usize..7,
            phrase_i in 0usize..6,
        ) {
            let p = ReconcilePolicy::default();
            let v = Decimal::new(m, scale);
            let step = Decimal::new(1, scale);
            let printed = v.to_string().replace('.', ",");
            let phrases: [&[&str]; 7] = [
                &[""],
                &[""],
                &["cirka", "ca.", "om lag", "omtrent", "rundt", "anslagsvis"],
                &["minst", "ikke mindre enn", "minimum"],
                &["vel", "drøyt", "over", "i overkant av", "mer enn", "flere enn"],
                &["inntil", "høyst", "opptil", "maks", "maksimalt", "ikke mer enn"],
                &["under", "knapt", "nesten", "i underkant av", "færre enn", "mindre enn"],
            ];
            let words = phrases[q];
            let phrase = words[phrase_i % words.len()];
            let f = PublishedFigure::parse(&format!("{phrase} {printed}"), Unit::Fte, src()).unwrap();
            let f = if q == 1 { f.with_qualifier(Qualifier::Rounded) } else { f };
            let eps = Decimal::new(1, 12);
            let half = step / Decimal::TWO;
            let (inc, rep, con) = (Status::Inconsistent, Status::Reproduced, Status::Consistent);
            // (value, expected status) at and just around each bound.
            let cases: Vec<(Decimal, Status)> = match f.qualifier {
                Qualifier::Exact => vec![(v - eps, inc), (v, rep), (v + eps, inc)],
                Qualifier::Rounded => {
                    // Which end is included depends on the rule and the sign; the ends are
                    // half a step away either way.
                    let i = p.rule.interval(v, step).unwrap();
                    prop_assert_eq!(i.lower().value(), Some(v - half));
                    prop_assert_eq!(i.upper().value(), Some(v + half));
                    let at = |x: Decimal| if i.contains(x) { rep } else { inc };
                    vec![
                        (v - half - eps, inc), (v - half, at(v - half)), (v - half + eps, rep),
                        (v, rep),
                        (v + half - eps, rep), (v + half, at(v + half)), (v + half + eps, inc),
                    ]
                }
                Qualifier::Approximate => {
                    let w = (v.abs() / Decimal::TEN).max(half);
                    vec![
                        (v - w - eps, inc), (v - w, con), (v - w + eps, con),
                        (v, rep),
                        (v + w - eps, con), (v + w, con), (v + w + eps, inc),
                    ]
                }
                Qualifier::AtLeast => vec![
                    (v - eps, inc), (v, con), (v + eps, con),
                    (v + Decimal::from(1_000_000_000i64), con),
                ],
                Qualifier::AtMost => vec![
                    (v - Decimal::from(1_000_000_000i64), con),
                    (v - eps, con), (v, con), (v + eps, inc),
                ],
                Qualifier::MoreThan => {
                    let w = (v.abs() / Decimal::TWO).max(step);
                    vec![
                        (v - eps, inc), (v, inc), (v + eps, con),
                        (v + w - eps, con), (v + w, con), (v + w + eps, inc),
                    ]
                }
                Qualifier::LessThan => {
                    let w = (v.abs() / Decimal::TWO).max(step);
                    vec![
                        (v - w - eps, inc), (v - w, con), (v - w + eps, con),
                        (v - eps, con), (v, inc), (v + eps, inc),
                    ]
                }
            };
            for (x, want) in cases {
                let got = f.reconcile(&Computed::Value(x), &p).unwrap();
                prop_assert_eq!(got.status, want, "{:?} {} against {}: {}", f.qualifier, f.text, x, got.explanation);
                // The same value as a ratio gives the same status.
                let r = Ratio::new(x, Decimal::ONE).unwrap();
                let got = f.reconcile(&Computed::Ratio(r), &p).unwrap();
                prop_assert_eq!(got.status, want, "{} against ratio {}", f.text, r);
            }
        }

        #[test]
        fn text_glued_to_a_number_is_refused(n in 0u64..1_000_000, tail in "[a-zA-Z][a-zA-Z0-9]{0,5}", u in 0usize..5) {
            let unit = [Unit::Persons, Unit::Count, Unit::Percent, Unit::Fte, Unit::Times][u];
            let text = format!("{n}{tail}");
            prop_assert!(PublishedFigure::parse(&text, unit, src()).is_err(), "{}", text);
        }

        #[test]
        fn parsing_never_panics(s in "\\PC{0,30}", u in 0usize..6) {
            let unit = [Unit::Persons, Unit::Kroner, Unit::Percent, Unit::PercentagePoints, Unit::Fte, Unit::Times][u];
            let _ = PublishedFigure::parse(&s, unit, src());
        }
    }
}
