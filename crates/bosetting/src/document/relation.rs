//! Relations a document states between figures ("13 (19 %)", "8 fewer than decided", "up
//! 14,5 percentage points", "2,5 persons per dwelling", "in all 3,4 mill"), reconciled over
//! every side's interval.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::address::Address;
use super::resolve::{Precision, Resolver, Val, divide, printed, quantity};
use super::span::Span;
use crate::error::{Error, Result};
use crate::explain::{Explanation, Quantity, Unit};
use crate::phrase::{Arg, Phrase};
use crate::published::{PublishedFigure, Status};

/// What a relation says about its terms. The last term is the one the others give.
///
/// # Example
///
/// ```
/// use bosetting::RelationKind;
///
/// assert_eq!(RelationKind::ChangePoints.name(), "change-points");
/// assert_eq!(RelationKind::Share.terms(), "the part, the whole, then the share");
/// ```
#[doc(alias = "sammenheng")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum RelationKind {
    /// `parts… = total` ("til sammen", a table's total row).
    Sum,
    /// `a − b = difference` ("8 færre enn vedtatt").
    Difference,
    /// `part / whole = share` ("13 (19 %)").
    Share,
    /// `a / b = ratio` ("2,5 personer per bolig").
    Ratio,
    /// `to − from = change` (an absolute change, "økte med 40").
    Change,
    /// `(to − from) / from = change` (a relative change, "økte med 12 %").
    ChangeRelative,
    /// `to − from = change` in percentage points ("opp 14,5 prosentpoeng").
    ChangePoints,
}

impl RelationKind {
    /// The name used in data files.
    pub fn name(self) -> &'static str {
        match self {
            RelationKind::Sum => "sum",
            RelationKind::Difference => "difference",
            RelationKind::Share => "share",
            RelationKind::Ratio => "ratio",
            RelationKind::Change => "change",
            RelationKind::ChangeRelative => "change-relative",
            RelationKind::ChangePoints => "change-points",
        }
    }

    /// The terms in order, for messages.
    pub fn terms(self) -> &'static str {
        match self {
            RelationKind::Sum => "the parts, then the total",
            RelationKind::Difference => "a, b, then a − b",
            RelationKind::Share => "the part, the whole, then the share",
            RelationKind::Ratio => "the numerator, the denominator, then the ratio",
            RelationKind::Change | RelationKind::ChangePoints => "from, to, then the change",
            RelationKind::ChangeRelative => "from, to, then the relative change",
        }
    }

    fn arity_ok(self, n: usize) -> bool {
        match self {
            RelationKind::Sum => n >= 2,
            _ => n == 3,
        }
    }
}

impl RelationKind {
    /// The kind's name as words a report translates ("sum", "change in percentage points").
    pub fn phrase(self) -> Phrase {
        Phrase::new(match self {
            RelationKind::Sum => "sum",
            RelationKind::Difference => "difference",
            RelationKind::Share => "share",
            RelationKind::Ratio => "ratio",
            RelationKind::Change => "change",
            RelationKind::ChangeRelative => "relative change",
            RelationKind::ChangePoints => "change in percentage points",
        })
    }
}

impl RelationKind {
    /// What the relation computes, as the subject of its verdict ("the sum of the parts",
    /// "the relative change").
    pub fn result_phrase(self) -> Phrase {
        Phrase::new(match self {
            RelationKind::Sum => "the sum of the parts",
            RelationKind::Difference => "the difference",
            RelationKind::Share => "the share",
            RelationKind::Ratio => "the ratio",
            RelationKind::Change => "the change",
            RelationKind::ChangeRelative => "the relative change",
            RelationKind::ChangePoints => "the change in percentage points",
        })
    }
}

impl fmt::Display for RelationKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One side of a relation: a figure of the document (stated or derived), a stated fact by
/// its id, or a figure only printed here.
///
/// # Example
///
/// ```
/// use bosetting::{Address, BodyId, Document, PublishedFigure, Relation, RelationKind, Source, Status, Term, Unit};
///
/// let src = |q: &str| Source::new("årsmelding").quote(q);
/// // A term may be a figure of the document, a stated fact by id, or a figure printed only here.
/// let mut doc = Document::new(Source::new("årsmelding"));
/// doc.bodies.push(bosetting::Body::new(BodyId::new("bodo")?, "Bodø", bosetting::BodyKind::Other, src("Bodø")));
/// doc.facts.push(bosetting::Observation {
///     id: Some("vedtak".into()),
///     address: Address::new("settlement.decided", BodyId::new("bodo")?, "2020".parse()?),
///     figure: PublishedFigure::parse("74", Unit::Persons, src("vedtatt 74"))?,
/// });
/// let terms = vec![
///     Term::Fact("vedtak".into()),
///     Term::Printed(PublishedFigure::parse("41", Unit::Persons, src("bosatt 41"))?),
///     Term::Printed(PublishedFigure::parse("33", Unit::Persons, src("33 færre"))?),
/// ];
/// let fewer = Relation::new("fewer", "Færre enn vedtatt", RelationKind::Difference, terms)?;
/// assert_eq!(doc.check_relation(&fewer)?.status, Status::Reproduced);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "ledd")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Term {
    /// Any figure the document has or the model derives.
    Figure(Address),
    /// A stated fact, by id.
    Fact(String),
    /// A figure printed only here.
    Printed(PublishedFigure),
}

/// A relation between figures, checked over the intervals every side stands for.
///
/// # Example
///
/// ```
/// use bosetting::{PublishedFigure, Relation, RelationKind, Source, Status, Term, Unit, Document};
///
/// let src = || Source::new("årsrapport").quote("13 (19 %) av 68 deltakere");
/// let p = |t: &str, u| Term::Printed(PublishedFigure::parse(t, u, src()).unwrap());
/// let r = Relation::new("em_share", "EM share", RelationKind::Share,
///     vec![p("13", Unit::Persons), p("68", Unit::Persons), p("19 %", Unit::Percent)])?;
/// let doc = Document::new(Source::new("årsrapport"));
/// assert_eq!(doc.check_relation(&r)?.status, Status::Reproduced);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "sammenheng")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Relation {
    /// A stable id.
    pub id: String,
    /// What it says, in the report's language.
    pub label: String,
    /// Which relation.
    pub kind: RelationKind,
    /// The terms, in the kind's order ([`RelationKind::terms`]).
    pub terms: Vec<Term>,
    /// The status the file expects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
    /// What each term is, for explanations (a table cell's row and column); where absent,
    /// a figure's address or "term N".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
}

impl Relation {
    /// A relation.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the number of terms does not fit the kind.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{PublishedFigure, Relation, RelationKind, Source, Term, Unit};
    ///
    /// let printed = |t: &str| -> bosetting::Result<Term> {
    ///     Ok(Term::Printed(PublishedFigure::parse(t, Unit::Persons, Source::new("årsrapport").quote(t))?))
    /// };
    /// // "74 vedtatt, 41 bosatt, 33 færre": a − b = difference.
    /// let fewer = Relation::new("fewer", "Færre enn vedtatt", RelationKind::Difference, vec![printed("74")?, printed("41")?, printed("33")?])?;
    /// assert_eq!(fewer.terms.len(), 3);
    /// // A difference takes exactly three terms.
    /// assert!(Relation::new("fewer", "Færre", RelationKind::Difference, vec![printed("74")?, printed("33")?]).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        id: impl Into<String>,
        label: impl Into<String>,
        kind: RelationKind,
        terms: Vec<Term>,
    ) -> Result<Relation> {
        if !kind.arity_ok(terms.len()) {
            return Err(Error::invalid(
                "relation terms",
                terms.len(),
                format!("a {kind} relation takes {}", kind.terms()),
            ));
        }
        Ok(Relation {
            id: id.into(),
            label: label.into(),
            kind,
            terms,
            expect: None,
            labels: Vec::new(),
        })
    }
}

/// A relation's verdict as data: what the other terms give for the last one, what the last
/// one stands for, and whether the relation holds exactly, for some values, or for none.
///
/// # Example
///
/// ```
/// use bosetting::{Document, PublishedFigure, Relation, RelationKind, Source, Status, Term, Unit};
///
/// let p = |t: &str| -> bosetting::Result<Term> {
///     Ok(Term::Printed(PublishedFigure::parse(t, Unit::Kroner, Source::new("budsjett").quote(t))?))
/// };
/// let sum = Relation::new("sum", "I alt", RelationKind::Sum, vec![p("1,2 mill")?, p("2,4 mill")?, p("3,4 mill")?])?;
/// let checked = Document::new(Source::new("budsjett")).check_relation(&sum)?;
/// let verdict = checked.relation.ok_or("a relation has a verdict")?;
/// assert_eq!(verdict.kind, RelationKind::Sum);
/// assert_eq!(verdict.status, Status::Inconsistent);
/// // The parts are printed to 0,1 mill: the verdict is over the intervals they stand for.
/// assert!(verdict.rounded);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RelationVerdict {
    /// Which relation.
    pub kind: RelationKind,
    /// The last term as the other terms give it.
    pub solved: Quantity,
    /// What the last term stands for.
    pub last: Quantity,
    /// Whether any term is known only to its printed precision.
    pub rounded: bool,
    /// The status.
    pub status: Status,
}

/// How a relation came out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Verdict {
    pub(crate) status: Status,
    /// The last term as the others give it.
    pub(crate) solved: Quantity,
    pub(crate) text: Phrase,
    pub(crate) explanation: Explanation,
    pub(crate) data: RelationVerdict,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dim {
    Count,
    Money,
    Share,
    Other,
}

fn dim(u: Unit) -> Dim {
    match u {
        Unit::Persons | Unit::Families | Unit::Dwellings | Unit::Count => Dim::Count,
        Unit::Kroner => Dim::Money,
        Unit::Share | Unit::Percent | Unit::PercentagePoints => Dim::Share,
        _ => Dim::Other,
    }
}

pub(crate) fn term_value(r: &Resolver<'_>, t: &Term, label: Option<&String>) -> Result<Val> {
    let mut v = match t {
        Term::Figure(a) => r.value(a)?,
        Term::Fact(id) => r.fact(id)?,
        Term::Printed(f) => printed(f, f.text(), &r.doc.policy)?,
    };
    if let Some(l) = label {
        v.explanation.label = Phrase::verbatim(l.clone());
    }
    Ok(v)
}

/// The last term as the others give it.
fn solve(kind: RelationKind, v: &[Val]) -> Result<Span> {
    let get = |i: usize| -> Result<Span> {
        v.get(i)
            .map(|x| x.span)
            .ok_or_else(|| Error::invalid("relation terms", v.len(), kind.terms()))
    };
    match kind {
        RelationKind::Sum => {
            let parts: Vec<Span> = v
                .iter()
                .take(v.len().saturating_sub(1))
                .map(|x| x.span)
                .collect();
            Span::sum(&parts)
        }
        RelationKind::Difference => get(0)?.sub(get(1)?),
        RelationKind::Share | RelationKind::Ratio => divide("relation", get(0)?, get(1)?),
        RelationKind::Change | RelationKind::ChangePoints => get(1)?.sub(get(0)?),
        RelationKind::ChangeRelative => {
            let from = get(0)?;
            divide("relation", get(1)?.sub(from)?, from)
        }
    }
}

fn check_units(kind: RelationKind, v: &[Val]) -> Result<()> {
    let d: Vec<Dim> = v.iter().map(|x| dim(x.unit)).collect();
    let same = |a: &[Dim]| a.windows(2).all(|w| matches!(w, [x, y] if x == y));
    let ok = match kind {
        RelationKind::Sum | RelationKind::Difference | RelationKind::Change => same(&d),
        RelationKind::Share => matches!(d.as_slice(), [a, b, Dim::Share] if a == b),
        RelationKind::Ratio => true,
        RelationKind::ChangeRelative => matches!(d.as_slice(), [a, b, Dim::Share] if a == b),
        RelationKind::ChangePoints => same(&d) && d.first() == Some(&Dim::Share),
    };
    if ok {
        Ok(())
    } else {
        let units: Vec<&str> = v.iter().map(|x| x.unit.name()).collect();
        Err(Error::invalid(
            "relation units",
            units.join(", "),
            format!(
                "a {kind} relation takes {}; these units do not fit it",
                kind.terms()
            ),
        ))
    }
}

/// Decides a relation over its terms' values.
///
/// The relation holds for some values the terms stand for, or for none (*inconsistent*).
/// It is *reproduced* when it holds and at most one term is not known exactly, that one a
/// rounded printed figure: the exact terms then pin the last one down and its rounding
/// matches. Otherwise it is *consistent*. The verdict does not depend on which term is last.
pub(crate) fn decide(kind: RelationKind, label: &str, v: Vec<Val>) -> Result<Verdict> {
    check_units(kind, &v)?;
    let last = v
        .last()
        .ok_or_else(|| Error::invalid("relation terms", 0, kind.terms()))?;
    let solved = solve(kind, &v)?;
    let holds = solved.overlaps(last.span);
    let loose: Vec<&Val> = v
        .iter()
        .filter(|x| x.precision != Precision::Exact)
        .collect();
    let status = if !holds {
        Status::Inconsistent
    } else if loose.is_empty()
        || (loose.len() == 1 && loose.iter().all(|x| x.precision == Precision::Rounded))
    {
        Status::Reproduced
    } else {
        Status::Consistent
    };
    let any_loose = !loose.is_empty();
    let unit = last.unit;
    let q = quantity(solved, unit);
    let shown = quantity(last.span, unit);
    // Shares are compared in percent on both sides; an exact share keeps its fraction too.
    let describe = |x: &Quantity| -> Arg {
        match (&x.value, x.unit) {
            (crate::explain::Value::Ratio(r), Unit::Share | Unit::PercentagePoints) => r
                .percent(crate::rounding::RoundingRule::HalfUp, 4)
                .map_or_else(
                    |_| Arg::Fraction(*r),
                    |p| {
                        Phrase::new("{fraction} = {percent} %")
                            .with("fraction", *r)
                            .with("percent", p.normalize())
                            .into()
                    },
                ),
            (crate::explain::Value::Decimal(d), Unit::Percent | Unit::PercentagePoints) => {
                Phrase::new("{percent} %").with("percent", *d).into()
            }
            _ => Arg::Quantity(x.clone()),
        }
    };
    let holds_how = match status {
        Status::Inconsistent => "no values the printed figures stand for satisfy the relation",
        Status::Reproduced if loose.is_empty() => "the relation holds exactly",
        Status::Reproduced => "the exact terms give a value that rounds to the printed figure",
        _ => "the relation holds for some of the values the printed figures stand for",
    };
    let text = Phrase::new("{what} is {solved}; the last term stands for {last}: {verdict}")
        .with("what", kind.result_phrase())
        .with("solved", describe(&q))
        .with("last", describe(&shown))
        .with("verdict", Phrase::new(holds_how));
    let explanation = Explanation::derived(
        Phrase::verbatim(label),
        q.clone(),
        Phrase::new("{kind}: {terms}")
            .with("kind", kind.phrase())
            .with("terms", Phrase::new(kind.terms())),
        v.into_iter().map(|x| x.explanation).collect(),
    );
    let data = RelationVerdict {
        kind,
        solved: q.clone(),
        last: shown,
        rounded: any_loose,
        status,
    };
    Ok(Verdict {
        status,
        solved: q,
        text,
        explanation,
        data,
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use crate::provenance::Source;
    use crate::published::ReconcilePolicy;
    use proptest::prelude::*;

    fn p(text: &str, unit: Unit) -> Val {
        let f = PublishedFigure::parse(text, unit, Source::new("test")).unwrap();
        printed(&f, text, &ReconcilePolicy::default()).unwrap()
    }

    fn status(kind: RelationKind, v: Vec<Val>) -> Status {
        decide(kind, "t", v).unwrap().status
    }

    #[test]
    fn a_count_and_its_share() {
        let s = |share| {
            status(
                RelationKind::Share,
                vec![
                    p("13", Unit::Persons),
                    p("68", Unit::Persons),
                    p(share, Unit::Percent),
                ],
            )
        };
        assert_eq!(s("19 %"), Status::Reproduced);
        assert_eq!(s("20 %"), Status::Inconsistent);
        assert_eq!(s("cirka 20 %"), Status::Consistent);
    }

    #[test]
    fn printed_parts_against_a_printed_total() {
        // "1,2 mill" + "2,4 mill" = "3,4 mill": the parts stand for [3,5; 3,7) mill, so the
        // printed total cannot be right.
        let m = |t| p(t, Unit::Kroner);
        assert_eq!(
            status(
                RelationKind::Sum,
                vec![m("1,2 mill"), m("2,4 mill"), m("3,4 mill")]
            ),
            Status::Inconsistent
        );
        assert_eq!(
            status(
                RelationKind::Sum,
                vec![m("1,2 mill"), m("2,4 mill"), m("3,6 mill")]
            ),
            Status::Consistent
        );
        assert_eq!(
            status(
                RelationKind::Sum,
                vec![
                    p("12", Unit::Persons),
                    p("33", Unit::Persons),
                    p("45", Unit::Persons)
                ]
            ),
            Status::Reproduced
        );
    }

    #[test]
    fn changes_in_points_and_relative() {
        // "up 14,5 percentage points from 34,5 %" to 49 %.
        let v = vec![
            p("34,5 %", Unit::Percent),
            p("49 %", Unit::Percent),
            p("14,5", Unit::PercentagePoints),
        ];
        assert_eq!(status(RelationKind::ChangePoints, v), Status::Consistent);
        let v = vec![
            p("200", Unit::Persons),
            p("230", Unit::Persons),
            p("15 %", Unit::Percent),
        ];
        assert_eq!(status(RelationKind::ChangeRelative, v), Status::Reproduced);
        let v = vec![
            p("200", Unit::Persons),
            p("230", Unit::Persons),
            p("14 %", Unit::Percent),
        ];
        assert_eq!(
            status(RelationKind::ChangeRelative, v),
            Status::Inconsistent
        );
        let bad = decide(
            RelationKind::Share,
            "t",
            vec![
                p("13", Unit::Persons),
                p("1 mill", Unit::Kroner),
                p("19 %", Unit::Percent),
            ],
        );
        assert!(bad.unwrap_err().to_string().contains("units"));
    }

    fn exact(n: i64) -> Val {
        p(&n.to_string(), Unit::Persons)
    }

    proptest! {
        #![proptest_config(crate::testing::config())]

        /// A total equal to the sum of its exact parts is reproduced, for any parts.
        #[test]
        fn exact_parts_reproduce_their_total(parts in proptest::collection::vec(0_i64..100_000, 1..12)) {
            let total: i64 = parts.iter().sum();
            let mut v: Vec<Val> = parts.iter().map(|&n| exact(n)).collect();
            v.push(exact(total));
            prop_assert_eq!(status(RelationKind::Sum, v), Status::Reproduced);
        }

        /// A printed total moved outside what its rounded parts stand for is inconsistent;
        /// inside, it is consistent.
        #[test]
        fn totals_outside_the_parts_interval_are_inconsistent(parts in proptest::collection::vec(1_i64..500, 1..8), off in -3_i64..=3) {
            // Parts printed in tenths of a million: each stands for ±0,05 mill.
            let mill = |n: i64| p(&format!("{},{} mill", n / 10, n % 10), Unit::Kroner);
            let sum: i64 = parts.iter().sum();
            let k = parts.len() as i64;
            let mut v: Vec<Val> = parts.iter().map(|&n| mill(n)).collect();
            // The parts' sum is within ±k·0,05 mill of sum/10 mill: a total more than that
            // away (plus its own ±0,05) cannot fit.
            let total = sum + off * (k + 1);
            prop_assume!(total > 0);
            v.push(mill(total));
            let s = status(RelationKind::Sum, v);
            if off == 0 {
                prop_assert_eq!(s, Status::Consistent);
            } else {
                prop_assert_eq!(s, Status::Inconsistent);
            }
        }

        /// A relation checked in either direction gives the same verdict: a − b = d holds
        /// exactly when b + d = a, and part / whole = s exactly when whole · s = part is
        /// read back as whole = part / s.
        #[test]
        fn either_direction_gives_the_same_verdict(a in 0_i64..500, b in 0_i64..500, d in -500_i64..500, pct in 0_u32..1000) {
            let diff = status(RelationKind::Difference, vec![exact(a), exact(b), exact(d)]);
            let sum = status(RelationKind::Sum, vec![exact(b), exact(d), exact(a)]);
            prop_assert_eq!(diff, sum);
            prop_assume!(a > 0 && b > 0);
            let share = p(&format!("{},{} %", pct / 10, pct % 10), Unit::Percent);
            let s1 = status(RelationKind::Share, vec![exact(a), exact(b), share.clone()]);
            // The same constraint solved for the whole: b ∈ a / s.
            let solved = divide("t", exact(a).span, share.span);
            let s2 = match solved {
                Ok(sp) => if sp.overlaps(exact(b).span) { Status::Reproduced } else { Status::Inconsistent },
                Err(_) => Status::Inconsistent,
            };
            prop_assert_eq!(s1, s2);
        }
    }
}
