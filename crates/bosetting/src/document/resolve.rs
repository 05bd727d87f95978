//! Finding any figure of a document: as stated, from the municipality-year view, by a
//! measure's formula, or by adding up categories, periods and parts.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use super::address::{Address, Breakdown};
use super::body::BodyId;
use super::measure::{Adds, Formula, measure};
use super::span::{Rat, Span};
use super::{Document, Observation};
use crate::error::{Error, Result};
use crate::explain::{Explanation, Quantity, Unit, Value};
use crate::phrase::Phrase;
use crate::published::{PublishedFigure, Qualifier, ReconcilePolicy};
use crate::settlement::Category;

/// How exactly a value is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Precision {
    /// One exact value.
    Exact,
    /// A printed figure known to its rounding: its interval holds exactly the values that
    /// round to it.
    Rounded,
    /// Bounded only (approximate, "over", "under", or computed from rounded figures).
    Bounded,
}

/// A value the document knows: the set of numbers it may be, how it is known, and why.
#[derive(Debug, Clone)]
pub(crate) struct Val {
    pub(crate) span: Span,
    pub(crate) unit: Unit,
    pub(crate) precision: Precision,
    pub(crate) explanation: Explanation,
}

/// Shares are kept as fractions: a printed "19 %" is 0.19.
pub(crate) fn base_factor(unit: Unit) -> Rat {
    match unit {
        Unit::Percent | Unit::PercentagePoints => Rat::new(1, 100).unwrap_or(Rat::ONE),
        _ => Rat::ONE,
    }
}

/// A printed figure as a value: the interval it stands for under `policy`.
pub(crate) fn printed(fig: &PublishedFigure, label: &str, policy: &ReconcilePolicy) -> Result<Val> {
    let i = fig.interval(policy)?;
    let f = base_factor(fig.unit());
    let mut span = Span::from_interval(&i)?.mul(Span::point(f))?;
    if fig.unit().is_count() && fig.value() >= rust_decimal::Decimal::ZERO {
        // A count is never negative: "inntil 10" persons are 0 to 10.
        span = span.intersect(Span {
            lo: super::span::End::At(Rat::ZERO, true),
            hi: super::span::End::PosInf,
        });
    }
    let precision = match fig.qualifier() {
        Qualifier::Exact => Precision::Exact,
        Qualifier::Rounded if span.as_point().is_some() => Precision::Exact,
        Qualifier::Rounded => Precision::Rounded,
        _ => Precision::Bounded,
    };
    let mut explanation = fig.explain(Phrase::verbatim(label));
    if span.as_point().is_none() {
        // Say what the printed words stand for, not only the number in them.
        explanation.value = quantity(span, fig.unit());
    }
    Ok(Val {
        span,
        unit: fig.unit(),
        precision,
        explanation,
    })
}

/// The quantity a span denotes: an exact value where it is a point, else the interval.
pub(crate) fn quantity(span: Span, unit: Unit) -> Quantity {
    match span.as_point() {
        Some(p) => match unit {
            Unit::Share | Unit::Percent | Unit::PercentagePoints | Unit::Times => {
                let u = if unit == Unit::Percent {
                    Unit::Share
                } else {
                    unit
                };
                match p.to_ratio() {
                    Some(r) => Quantity::new(Value::Ratio(r), u),
                    None => Quantity::interval(span.to_interval(), u),
                }
            }
            _ => match p.to_exact_decimal() {
                Some(d) if d.fract().is_zero() && unit.is_count() => {
                    i64::try_from(d.normalize().mantissa())
                        .ok()
                        .filter(|_| d.normalize().scale() == 0)
                        .map_or_else(|| Quantity::decimal(d, unit), |n| Quantity::count(n, unit))
                }
                Some(d) if unit == Unit::Kroner => Quantity::money(crate::money::Money::new(d)),
                Some(d) => Quantity::decimal(d, unit),
                None => match p.to_ratio() {
                    Some(r) => Quantity::new(Value::Ratio(r), unit),
                    None => Quantity::interval(span.to_interval(), unit),
                },
            },
        },
        // A range of shares is shown in percent (its ends have no exact ratio to show).
        None => match unit {
            Unit::Share | Unit::Percent | Unit::PercentagePoints => {
                let u = if unit == Unit::PercentagePoints {
                    unit
                } else {
                    Unit::Percent
                };
                match Rat::new(100, 1).and_then(|h| span.mul(Span::point(h))) {
                    Ok(s) => Quantity::interval(s.to_interval(), u),
                    Err(_) => Quantity::interval(span.to_interval(), unit),
                }
            }
            _ => Quantity::interval(span.to_interval(), unit),
        },
    }
}

/// A model quantity as a value.
pub(crate) fn from_quantity(q: &Quantity, explanation: Explanation) -> Result<Val> {
    let (span, precision) = match &q.value {
        Value::Integer(n) => (Span::point(Rat::new(i128::from(*n), 1)?), Precision::Exact),
        Value::Decimal(d) => (
            Span::point(Rat::from_decimal(*d)?.mul(base_factor(q.unit))?),
            Precision::Exact,
        ),
        Value::Ratio(r) => (Span::point(Rat::from_ratio(r)?), Precision::Exact),
        Value::Interval(i) => (
            Span::from_interval(i)?.mul(Span::point(base_factor(q.unit)))?,
            Precision::Bounded,
        ),
        Value::Text(t) => {
            return Err(Error::invalid(
                "figure",
                t,
                "this figure is text, not a number; it cannot be part of a relation",
            ));
        }
    };
    let unit = if q.unit == Unit::Percent {
        Unit::Share
    } else {
        q.unit
    };
    Ok(Val {
        span,
        unit,
        precision,
        explanation,
    })
}

/// Resolves figures of one document; built once, asked many times (lookups are indexed).
pub(crate) struct Resolver<'a> {
    pub(crate) doc: &'a Document,
    facts: BTreeMap<&'a Address, &'a Observation>,
    children: BTreeMap<&'a BodyId, Vec<&'a BodyId>>,
    by_id: BTreeMap<&'a str, &'a Observation>,
    /// Table cells printed without a figure (":", ".."), with the table's title.
    blank: BTreeMap<Address, (&'a str, &'a str)>,
    visiting: RefCell<BTreeSet<Address>>,
}

impl<'a> Resolver<'a> {
    pub(crate) fn new(doc: &'a Document) -> Resolver<'a> {
        let mut children: BTreeMap<&BodyId, Vec<&BodyId>> = BTreeMap::new();
        for b in &doc.bodies {
            if let Some(p) = &b.parent {
                children.entry(p).or_default().push(&b.id);
            }
        }
        Resolver {
            doc,
            facts: doc.facts.iter().map(|o| (&o.address, o)).collect(),
            by_id: doc
                .facts
                .iter()
                .filter_map(|o| o.id.as_deref().map(|id| (id, o)))
                .collect(),
            children,
            blank: doc
                .tables
                .iter()
                .flat_map(|t| {
                    t.rows.iter().flat_map(move |r| {
                        t.columns.iter().zip(&r.cells).filter_map(move |(c, cell)| {
                            let part = t.part.and(&c.part).ok()?.and(&r.part).ok()?;
                            match cell {
                                super::Cell::Printed(_) => None,
                                other => Some((part.address()?, (t.title.as_str(), other.text()))),
                            }
                        })
                    })
                })
                .collect(),
            visiting: RefCell::new(BTreeSet::new()),
        }
    }

    /// The printed figure a document states at `a`, if it states one.
    pub(crate) fn stated(&self, a: &Address) -> Option<&'a PublishedFigure> {
        self.facts.get(a).map(|o| &o.figure)
    }

    /// The printed figure of the fact with that id.
    pub(crate) fn stated_fact(&self, id: &str) -> Option<&'a PublishedFigure> {
        self.by_id.get(id).map(|o| &o.figure)
    }

    pub(crate) fn fact(&self, id: &str) -> Result<Val> {
        let o = self
            .by_id
            .get(id)
            .ok_or_else(|| Error::not_computable(format!("fact {id:?}"), "no fact has that id"))?;
        printed(&o.figure, &o.address.to_string(), &self.doc.policy)
    }

    /// The value at `a`.
    pub(crate) fn value(&self, a: &Address) -> Result<Val> {
        if let Some(o) = self.facts.get(a) {
            return printed(&o.figure, &a.to_string(), &self.doc.policy);
        }
        if let Some((table, text)) = self.blank.get(a) {
            let what = if *text == ":" {
                "suppressed"
            } else {
                "not available"
            };
            return Err(Error::not_computable(
                a.to_string(),
                format!("the table \"{table}\" prints \"{text}\" here ({what})"),
            ));
        }
        if !self.visiting.borrow_mut().insert(a.clone()) {
            // Already being derived further up: this way round gives nothing new.
            return Err(Self::nothing());
        }
        let r = self.derive(a);
        self.visiting.borrow_mut().remove(a);
        r
    }

    fn derive(&self, a: &Address) -> Result<Val> {
        let mut why = Vec::new();
        match self.in_view(a) {
            Ok(Some(v)) => return Ok(v),
            Ok(None) => {}
            Err(e) => why.push(e.to_string()),
        }
        let def = measure(&a.measure)
            .ok_or_else(|| Error::invalid("figure", &a.measure, "no such measure"))?;
        let attempts: [&dyn Fn() -> Result<Val>; 4] = [
            &|| self.by_formula(a, def.formula, def.unit),
            &|| self.by_category(a, def.adds, def.unit),
            &|| self.by_periods(a, def.adds, def.unit),
            &|| self.by_parts(a, def.adds, def.unit),
        ];
        for f in attempts {
            match f() {
                Ok(v) => return Ok(v),
                Err(Error::NotComputable { missing, .. }) if missing.is_empty() => {}
                Err(e) => {
                    let e = e.to_string();
                    if !why.contains(&e) {
                        why.push(e);
                    }
                }
            }
        }
        // The first reason is the most direct one (the measure's own formula); the fallbacks'
        // reasons would only repeat it from further away.
        why.truncate(1);
        Err(Error::not_computable(
            a.to_string(),
            if why.is_empty() {
                "the document states no such figure, and nothing it states gives it".to_owned()
            } else {
                why.join("; ")
            },
        ))
    }

    fn nothing() -> Error {
        Error::not_computable("", "")
    }

    fn in_view(&self, a: &Address) -> Result<Option<Val>> {
        let Some(view) = self.doc.view_of(&a.body) else {
            return Ok(None);
        };
        let Some(y) = a.period.year() else {
            return Ok(None);
        };
        if view.settlement.year != y {
            return Ok(None);
        }
        let Some(f) = super::year_view::view_figure(&a.measure, &a.breakdown) else {
            return Ok(None);
        };
        match view.figure(&f) {
            Ok(d) => from_quantity(&d.value, d.explanation).map(Some),
            Err(Error::NotComputable { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn by_formula(&self, a: &Address, f: Formula, unit: Unit) -> Result<Val> {
        let label = a.to_string();
        match f {
            Formula::Stated => Err(Self::nothing()),
            Formula::Difference(x, y) => {
                let (x, y) = (
                    self.value(&a.with_measure(x))?,
                    self.value(&a.with_measure(y))?,
                );
                combine(
                    &label,
                    unit,
                    "first − second",
                    x.span.sub(y.span)?,
                    vec![x, y],
                )
            }
            Formula::Sum(ms) => {
                let vals = ms
                    .iter()
                    .map(|m| self.value(&a.with_measure(m)))
                    .collect::<Result<Vec<_>>>()?;
                let mut s = Span::point(Rat::ZERO);
                for v in &vals {
                    s = s.add(v.span)?;
                }
                combine(&label, unit, "sum", s, vals)
            }
            Formula::Quotient(x, y) => {
                let (x, y) = (
                    self.value(&a.with_measure(x))?,
                    self.value(&a.with_measure(y))?,
                );
                let q = divide(&label, x.span, y.span)?;
                combine(&label, unit, "first / second", q, vec![x, y])
            }
            Formula::YearLess(year_m, m) | Formula::ShareOfYear(m, year_m) => {
                let year = a.period.year_of()?;
                let whole = self.value(&Address {
                    period: year.into(),
                    ..a.with_measure(year_m)
                })?;
                let part = self.value(&a.with_measure(m))?;
                match f {
                    Formula::YearLess(..) => {
                        let d = whole.span.sub(part.span)?;
                        combine(
                            &label,
                            unit,
                            "the year's figure − the figure to the date",
                            d,
                            vec![whole, part],
                        )
                    }
                    _ => {
                        let q = divide(&label, part.span, whole.span)?;
                        combine(
                            &label,
                            unit,
                            "the figure to the date / the year's figure",
                            q,
                            vec![part, whole],
                        )
                    }
                }
            }
            Formula::ShareOfWhole(m) => {
                if a.breakdown.is_whole() {
                    return Err(Error::not_computable(
                        label,
                        "a share of the whole needs a part: give a category, origin or group",
                    ));
                }
                let part = self.value(&a.with_measure(m))?;
                let whole = self.value(&a.with_measure(m).with_breakdown(Breakdown::whole()))?;
                let q = divide(&label, part.span, whole.span)?;
                combine(&label, unit, "part / whole", q, vec![part, whole])
            }
        }
    }

    fn by_category(&self, a: &Address, adds: Adds, unit: Unit) -> Result<Val> {
        if adds == Adds::Never || a.breakdown.origin.is_some() || a.breakdown.group.is_some() {
            return Err(Self::nothing());
        }
        let with = |c: Option<Category>| {
            a.with_breakdown(Breakdown {
                category: c,
                ..a.breakdown.clone()
            })
        };
        let label = a.to_string();
        match a.breakdown.category {
            None => {
                let o = self.value(&with(Some(Category::Ordinary)))?;
                let e = self.value(&with(Some(Category::UnaccompaniedMinor)))?;
                let s = o.span.add(e.span)?;
                combine(
                    &label,
                    unit,
                    "ordinary + unaccompanied minors",
                    s,
                    vec![o, e],
                )
            }
            Some(c) => {
                let other = match c {
                    Category::Ordinary => Category::UnaccompaniedMinor,
                    Category::UnaccompaniedMinor => Category::Ordinary,
                };
                let whole = self.value(&with(None))?;
                let rest = self.value(&with(Some(other)))?;
                let s = whole.span.sub(rest.span)?;
                combine(
                    &label,
                    unit,
                    "whole − the other category",
                    s,
                    vec![whole, rest],
                )
            }
        }
    }

    fn by_periods(&self, a: &Address, adds: Adds, unit: Unit) -> Result<Val> {
        if adds != Adds::PartsAndPeriods {
            return Err(Self::nothing());
        }
        let Some(years) = a.period.years().filter(|ys| ys.len() > 1) else {
            return Err(Self::nothing());
        };
        let vals = years
            .into_iter()
            .map(|y| {
                self.value(&Address {
                    period: y.into(),
                    ..a.clone()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut s = Span::point(Rat::ZERO);
        for v in &vals {
            s = s.add(v.span)?;
        }
        combine(&a.to_string(), unit, "sum over the years", s, vals)
    }

    fn by_parts(&self, a: &Address, adds: Adds, unit: Unit) -> Result<Val> {
        if adds == Adds::Never {
            return Err(Self::nothing());
        }
        let Some(kids) = self.children.get(&a.body) else {
            return Err(Self::nothing());
        };
        let vals = kids
            .iter()
            .map(|k| {
                self.value(&Address {
                    body: (*k).clone(),
                    ..a.clone()
                })
            })
            .collect::<Result<Vec<_>>>()?;
        let mut s = Span::point(Rat::ZERO);
        for v in &vals {
            s = s.add(v.span)?;
        }
        combine(&a.to_string(), unit, "sum over the parts", s, vals)
    }
}

pub(crate) fn divide(label: &str, x: Span, y: Span) -> Result<Span> {
    if y.reaches_zero() {
        return Err(Error::not_computable(
            label.to_owned(),
            "the denominator is zero (or may be): the share is not defined",
        ));
    }
    x.div(y)
}

/// A value computed from `inputs`: exact if they all are, otherwise bounded.
pub(crate) fn combine(
    label: &str,
    unit: Unit,
    formula: &'static str,
    span: Span,
    inputs: Vec<Val>,
) -> Result<Val> {
    let exact = inputs.iter().all(|v| v.precision == Precision::Exact);
    let q = quantity(span, unit);
    Ok(Val {
        span,
        unit,
        precision: if exact {
            Precision::Exact
        } else {
            Precision::Bounded
        },
        explanation: Explanation::derived(
            Phrase::verbatim(label),
            q,
            formula,
            inputs.into_iter().map(|v| v.explanation).collect(),
        ),
    })
}
