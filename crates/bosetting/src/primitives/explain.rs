//! Values with units, and the explanation tree every derived figure carries.

use std::fmt;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::interval::Interval;
use crate::money::Money;
use crate::phrase::Phrase;
use crate::provenance::{Fact, Source};
use crate::ratio::Ratio;

/// What a value counts or measures.
///
/// # Example
///
/// ```
/// use bosetting::Unit;
///
/// assert_eq!(Unit::PercentagePoints.name(), "percentage-points");
/// assert!(Unit::Families.is_count());
/// assert!(!Unit::Kroner.is_count());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Unit {
    /// Persons (refugees, participants, places in a decision).
    Persons,
    /// Families or family cases.
    Families,
    /// Dwellings.
    Dwellings,
    /// Other counted things (applications, projects, municipal units, conversations).
    Count,
    /// Norwegian kroner.
    Kroner,
    /// A share of a whole: the value is a ratio, shown as a percentage.
    Share,
    /// A number of percent, as printed ("71" for "71 %").
    Percent,
    /// A difference between two percentages.
    PercentagePoints,
    /// Full-time equivalents (årsverk).
    Fte,
    /// A multiple ("×6.96").
    Times,
    /// Persons per dwelling.
    PersonsPerDwelling,
    /// A calendar year.
    Year,
    /// No unit (text, a status).
    None,
}

impl Unit {
    /// Whether values in this unit are whole counts.
    pub fn is_count(self) -> bool {
        matches!(
            self,
            Unit::Persons | Unit::Families | Unit::Dwellings | Unit::Count
        )
    }

    /// The unit's name as used in data files.
    pub fn name(self) -> &'static str {
        match self {
            Unit::Persons => "persons",
            Unit::Families => "families",
            Unit::Dwellings => "dwellings",
            Unit::Count => "count",
            Unit::Kroner => "kroner",
            Unit::Share => "share",
            Unit::Percent => "percent",
            Unit::PercentagePoints => "percentage-points",
            Unit::Fte => "fte",
            Unit::Times => "times",
            Unit::PersonsPerDwelling => "persons-per-dwelling",
            Unit::Year => "year",
            Unit::None => "none",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A value of one of the kinds the model computes, exact.
///
/// # Example
///
/// ```
/// use bosetting::{Interval, Ratio, Value};
/// use rust_decimal::Decimal;
///
/// assert_eq!(Value::Integer(-33).exact(), "-33");
/// assert_eq!(Value::Ratio(Ratio::of(41, 74)?).exact(), "41/74");
/// assert_eq!(Value::Interval(Interval::closed(Decimal::from(650_000), Decimal::from(750_000))?).exact(), "[650000, 750000]");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Value {
    /// A whole number (a count or a signed difference of counts).
    Integer(i64),
    /// An exact decimal (kroner, FTE, a printed percentage).
    Decimal(#[serde(with = "rust_decimal::serde::str")] Decimal),
    /// An exact ratio (a share, a multiple).
    Ratio(Ratio),
    /// A range the model can bound but not pin down.
    Interval(Interval),
    /// Words (a goal's status, a list): said by the model, or verbatim from a document.
    Text(Phrase),
}

impl Value {
    /// The value as an exact string: `"33"`, `"700000"`, `"41/74"`, `"[650000, 750000)"`.
    pub fn exact(&self) -> String {
        match self {
            Value::Integer(n) => n.to_string(),
            Value::Decimal(d) => d.to_string(),
            Value::Ratio(r) => r.to_string(),
            Value::Interval(i) => i.to_string(),
            Value::Text(t) => t.to_string(),
        }
    }
}

/// A [`Value`] with its [`Unit`].
///
/// # Example
///
/// ```
/// use bosetting::{Quantity, Ratio, Unit};
///
/// let q = Quantity::share(Ratio::of(41, 74)?);
/// assert_eq!(q.unit, Unit::Share);
/// assert_eq!(q.value.exact(), "41/74");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quantity {
    /// The value.
    pub value: Value,
    /// Its unit.
    pub unit: Unit,
}

impl Quantity {
    /// A value with a unit.
    pub fn new(value: Value, unit: Unit) -> Quantity {
        Quantity { value, unit }
    }

    /// A number of persons (signed, so that a shortfall and an excess have one type).
    pub fn persons(n: impl Into<i64>) -> Quantity {
        Quantity::new(Value::Integer(n.into()), Unit::Persons)
    }

    /// A count in `unit`.
    pub fn count(n: impl Into<i64>, unit: Unit) -> Quantity {
        Quantity::new(Value::Integer(n.into()), unit)
    }

    /// An amount of money.
    pub fn money(m: Money) -> Quantity {
        Quantity::new(Value::Decimal(m.amount()), Unit::Kroner)
    }

    /// A share (shown as a percentage).
    pub fn share(r: Ratio) -> Quantity {
        Quantity::new(Value::Ratio(r), Unit::Share)
    }

    /// A multiple.
    pub fn times(r: Ratio) -> Quantity {
        Quantity::new(Value::Ratio(r), Unit::Times)
    }

    /// A decimal in `unit`.
    pub fn decimal(d: Decimal, unit: Unit) -> Quantity {
        Quantity::new(Value::Decimal(d), unit)
    }

    /// An interval in `unit`.
    pub fn interval(i: Interval, unit: Unit) -> Quantity {
        Quantity::new(Value::Interval(i), unit)
    }

    /// Words: a [`Phrase`] the model says, or [`Phrase::verbatim`] words from a document.
    pub fn text(t: impl Into<Phrase>) -> Quantity {
        Quantity::new(Value::Text(t.into()), Unit::None)
    }
}

impl fmt::Display for Quantity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.unit {
            Unit::None => f.write_str(&self.value.exact()),
            u => write!(f, "{} {}", self.value.exact(), u),
        }
    }
}

/// How a figure came about: what it is, its value, the formula in words, its inputs (each
/// explained in turn) and, for an input, its source.
///
/// This is what a report's reader, an auditor or a test asserts on. It serializes as a tree.
///
/// # Example
///
/// ```
/// use bosetting::{Explanation, Quantity, Source};
///
/// let decided = Explanation::input("decided", Quantity::persons(74), Source::new("vedtak"));
/// let settled = Explanation::input("settled", Quantity::persons(41), Source::new("årsrapport"));
/// let gap = Explanation::derived(
///     "shortfall",
///     Quantity::persons(33),
///     "decided − settled",
///     vec![decided, settled],
/// );
/// assert_eq!(gap.sources().len(), 2);
/// ```
#[doc(alias = "forklaring")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// What the figure is.
    pub label: Phrase,
    /// Its value.
    pub value: Quantity,
    /// How it was computed, in words; absent for an input.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formula: Option<Phrase>,
    /// The figures it was computed from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inputs: Vec<Explanation>,
    /// Where an input comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

impl Explanation {
    /// An input fact.
    pub fn input(label: impl Into<Phrase>, value: Quantity, source: Source) -> Explanation {
        Explanation {
            label: label.into(),
            value,
            formula: None,
            inputs: Vec::new(),
            source: Some(source),
        }
    }

    /// A figure computed from `inputs` by `formula`.
    pub fn derived(
        label: impl Into<Phrase>,
        value: Quantity,
        formula: impl Into<Phrase>,
        inputs: Vec<Explanation>,
    ) -> Explanation {
        Explanation {
            label: label.into(),
            value,
            formula: Some(formula.into()),
            inputs,
            source: None,
        }
    }

    /// A figure made of `inputs` by `formula`; a single input is its own explanation
    /// (a sum of one term needs no formula).
    pub fn combined(
        label: impl Into<Phrase>,
        value: Quantity,
        formula: impl Into<Phrase>,
        mut inputs: Vec<Explanation>,
    ) -> Explanation {
        match inputs.pop() {
            Some(only) if inputs.is_empty() => only,
            last => {
                inputs.extend(last);
                Explanation::derived(label, value, formula, inputs)
            }
        }
    }

    /// A parameter of a rule, with the rule's source.
    pub fn parameter(label: impl Into<Phrase>, value: Quantity, source: Source) -> Explanation {
        Explanation::input(label, value, source)
    }

    /// Every source in the tree, depth first.
    pub fn sources(&self) -> Vec<&Source> {
        let mut out = Vec::new();
        self.collect_sources(&mut out);
        out
    }

    fn collect_sources<'a>(&'a self, out: &mut Vec<&'a Source>) {
        if let Some(s) = &self.source {
            out.push(s);
        }
        for i in &self.inputs {
            i.collect_sources(out);
        }
    }

    /// Number of nodes in the tree.
    pub fn len(&self) -> usize {
        self.inputs
            .iter()
            .fold(1usize, |n, i| n.saturating_add(i.len()))
    }

    /// Always false: an explanation has at least its own node.
    pub fn is_empty(&self) -> bool {
        false
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn walk(e: &Explanation, depth: usize, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let pad = "  ".repeat(depth);
            write!(f, "{pad}{} = {}", e.label, e.value)?;
            if let Some(formula) = &e.formula {
                write!(f, "  [{formula}]")?;
            }
            if let Some(s) = &e.source {
                write!(f, "  ← {s}")?;
            }
            writeln!(f)?;
            for i in &e.inputs {
                walk(i, depth.saturating_add(1), f)?;
            }
            Ok(())
        }
        walk(self, 0, f)
    }
}

/// A computed value together with its [`Explanation`].
///
/// # Example
///
/// ```
/// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
///
/// let year = Year::new(2020)?;
/// let src = || Source::new("årsrapport 2020").quote("bosatte 41 av vedtatt 74");
/// let mut y = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
/// y.decisions.push(Decision::base(74, src()));
/// y.settled = Some(Settled::new(year.period()).with_total(Fact::new(41, src())));
/// let gap = y.shortfall()?;
/// assert_eq!(gap.value, 33);
/// assert!(gap.explanation.sources().iter().all(|s| s.document == "årsrapport 2020"));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Derived<T> {
    /// The value, typed.
    pub value: T,
    /// How it came about.
    pub explanation: Explanation,
}

impl<T> Derived<T> {
    /// A value with its explanation.
    pub fn new(value: T, explanation: Explanation) -> Derived<T> {
        Derived { value, explanation }
    }
}

impl Fact<u32> {
    /// This fact as an explanation leaf, counted in `unit`.
    pub fn explain(&self, label: impl Into<Phrase>, unit: Unit) -> Explanation {
        Explanation::input(
            label,
            Quantity::count(self.value, unit),
            self.source.clone(),
        )
    }
}

impl Fact<Money> {
    /// This fact as an explanation leaf.
    pub fn explain(&self, label: impl Into<Phrase>) -> Explanation {
        Explanation::input(label, Quantity::money(self.value), self.source.clone())
    }
}

impl Fact<Decimal> {
    /// This fact as an explanation leaf in `unit`.
    pub fn explain(&self, label: impl Into<Phrase>, unit: Unit) -> Explanation {
        Explanation::input(
            label,
            Quantity::decimal(self.value, unit),
            self.source.clone(),
        )
    }
}
