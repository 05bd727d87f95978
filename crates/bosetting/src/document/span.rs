//! Exact interval arithmetic over rationals: what a relation between printed and computed
//! figures is reconciled over.
//!
//! A printed "3,4 mill" stands for `[3 350 000, 3 450 000)`; a share of two such figures is
//! an interval whose ends are fractions no decimal holds exactly. Relations are decided on
//! exact rational ends so that a verdict never depends on where a division was cut off.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use crate::error::{Error, Result};
use crate::interval::{Bound, Interval};
use crate::ratio::Ratio;

/// An exact rational `n / d` with `d > 0`, in lowest terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) struct Rat {
    n: i128,
    d: i128,
}

fn overflow(what: &str) -> Error {
    Error::Overflow {
        operation: format!("exact interval arithmetic ({what})"),
    }
}

fn gcd(mut a: i128, mut b: i128) -> i128 {
    a = a.checked_abs().unwrap_or(1);
    b = b.checked_abs().unwrap_or(1);
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    if a == 0 { 1 } else { a }
}

impl Rat {
    pub(crate) const ZERO: Rat = Rat { n: 0, d: 1 };
    pub(crate) const ONE: Rat = Rat { n: 1, d: 1 };

    pub(crate) fn new(n: i128, d: i128) -> Result<Rat> {
        if d == 0 {
            return Err(Error::DivisionByZero {
                operation: format!("{n} / 0"),
            });
        }
        let g = gcd(n, d);
        let (mut n, mut d) = (
            n.checked_div(g).ok_or_else(|| overflow("reduce"))?,
            d.checked_div(g).ok_or_else(|| overflow("reduce"))?,
        );
        if d < 0 {
            n = n.checked_neg().ok_or_else(|| overflow("sign"))?;
            d = d.checked_neg().ok_or_else(|| overflow("sign"))?;
        }
        Ok(Rat { n, d })
    }

    pub(crate) fn from_decimal(v: Decimal) -> Result<Rat> {
        let d = 10_i128
            .checked_pow(v.scale())
            .ok_or_else(|| overflow("decimal"))?;
        Rat::new(v.mantissa(), d)
    }

    pub(crate) fn from_ratio(r: &Ratio) -> Result<Rat> {
        let a = Rat::from_decimal(r.numerator())?;
        let b = Rat::from_decimal(r.denominator())?;
        a.div(b)
    }

    pub(crate) fn is_zero(self) -> bool {
        self.n == 0
    }

    pub(crate) fn signum(self) -> i128 {
        self.n.signum()
    }

    pub(crate) fn add(self, o: Rat) -> Result<Rat> {
        // Over the least common denominator, not the product: printed figures have
        // denominators 10^k (or 2 · 10^k), and the product would overflow long before the
        // sum does.
        let g = gcd(self.d, o.d);
        let q = |a: i128| a.checked_div(g).ok_or_else(|| overflow("sum"));
        let (sd, od) = (q(self.d)?, q(o.d)?);
        let n = self
            .n
            .checked_mul(od)
            .and_then(|a| o.n.checked_mul(sd).and_then(|b| a.checked_add(b)))
            .ok_or_else(|| overflow("sum"))?;
        let d = sd.checked_mul(o.d).ok_or_else(|| overflow("sum"))?;
        Rat::new(n, d)
    }

    pub(crate) fn neg(self) -> Result<Rat> {
        Ok(Rat {
            n: self.n.checked_neg().ok_or_else(|| overflow("sign"))?,
            d: self.d,
        })
    }

    pub(crate) fn mul(self, o: Rat) -> Result<Rat> {
        let g1 = gcd(self.n, o.d);
        let g2 = gcd(o.n, self.d);
        let q = |a: i128, g: i128| a.checked_div(g).ok_or_else(|| overflow("product"));
        let n = q(self.n, g1)?
            .checked_mul(q(o.n, g2)?)
            .ok_or_else(|| overflow("product"))?;
        let d = q(self.d, g2)?
            .checked_mul(q(o.d, g1)?)
            .ok_or_else(|| overflow("product"))?;
        Rat::new(n, d)
    }

    pub(crate) fn recip(self) -> Result<Rat> {
        Rat::new(self.d, self.n)
    }

    pub(crate) fn div(self, o: Rat) -> Result<Rat> {
        self.mul(o.recip()?)
    }

    /// The nearest decimal at or below (`up = false`) or above the value, to 12 places.
    pub(crate) fn to_decimal(self, up: bool) -> Decimal {
        let scale = 12_u32;
        let k = 10_i128.pow(scale);
        let (q, r) = match self.n.checked_mul(k) {
            Some(m) => (m.div_euclid(self.d), m.rem_euclid(self.d)),
            None => {
                return Decimal::try_from_i128_with_scale(self.n.div_euclid(self.d), 0)
                    .unwrap_or(Decimal::MAX);
            }
        };
        let q = if up && r != 0 { q.saturating_add(1) } else { q };
        Decimal::try_from_i128_with_scale(q, scale)
            .map(|d| d.normalize())
            .unwrap_or(Decimal::MAX)
    }

    /// The value as an exact [`Ratio`], if numerator and denominator fit a decimal.
    pub(crate) fn to_ratio(self) -> Option<Ratio> {
        let n = Decimal::try_from_i128_with_scale(self.n, 0).ok()?;
        let d = Decimal::try_from_i128_with_scale(self.d, 0).ok()?;
        Ratio::new(n, d).ok()
    }

    /// The value as an exact decimal, if it has one (the denominator has no prime factor
    /// but 2 and 5).
    pub(crate) fn to_exact_decimal(self) -> Option<Decimal> {
        let mut p: i128 = 1;
        for scale in 0..=28_u32 {
            if p.checked_rem(self.d) == Some(0) {
                let n = self.n.checked_mul(p.checked_div(self.d)?)?;
                return Decimal::try_from_i128_with_scale(n, scale)
                    .ok()
                    .map(|x| x.normalize());
            }
            p = p.checked_mul(10)?;
        }
        None
    }
}

impl PartialOrd for Rat {
    fn partial_cmp(&self, other: &Rat) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Rat {
    fn cmp(&self, other: &Rat) -> Ordering {
        // Denominators are positive, so cross-multiplication keeps the order; if it would
        // overflow, compare the (exact) difference's sign instead.
        match (self.n.checked_mul(other.d), other.n.checked_mul(self.d)) {
            (Some(a), Some(b)) => a.cmp(&b),
            _ => match other.neg().and_then(|o| self.add(o)) {
                Ok(diff) => diff.n.cmp(&0),
                Err(_) => self.to_decimal(false).cmp(&other.to_decimal(false)),
            },
        }
    }
}

/// One end of a [`Span`]: a value, included or not, or no bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum End {
    NegInf,
    At(Rat, bool),
    PosInf,
}

impl End {
    fn rank(self) -> (i8, Option<Rat>) {
        match self {
            End::NegInf => (-1, None),
            End::At(v, _) => (0, Some(v)),
            End::PosInf => (1, None),
        }
    }

    fn value_cmp(self, o: End) -> Ordering {
        let (a, va) = self.rank();
        let (b, vb) = o.rank();
        a.cmp(&b).then_with(|| match (va, vb) {
            (Some(x), Some(y)) => x.cmp(&y),
            _ => Ordering::Equal,
        })
    }

    fn closed(self) -> bool {
        matches!(self, End::At(_, true))
    }

    fn times(self, o: End) -> Result<End> {
        let sign = |e: End| match e {
            End::NegInf => -1,
            End::PosInf => 1,
            End::At(v, _) => v.signum(),
        };
        Ok(match (self, o) {
            (End::At(a, ca), End::At(b, cb)) => {
                let zero_closed = (a.is_zero() && ca) || (b.is_zero() && cb);
                End::At(a.mul(b)?, (ca && cb) || zero_closed)
            }
            // 0 · ∞: the infinite end is never reached, so the product's end is the zero.
            (End::At(z, c), _) if z.is_zero() => End::At(Rat::ZERO, c),
            (_, End::At(z, c)) if z.is_zero() => End::At(Rat::ZERO, c),
            (x, y) => {
                if (sign(x) > 0) == (sign(y) > 0) {
                    End::PosInf
                } else {
                    End::NegInf
                }
            }
        })
    }
}

/// A set of numbers between two ends, each included, excluded or absent, with exact
/// rational ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Span {
    pub(crate) lo: End,
    pub(crate) hi: End,
}

impl Span {
    pub(crate) fn point(v: Rat) -> Span {
        Span {
            lo: End::At(v, true),
            hi: End::At(v, true),
        }
    }

    pub(crate) fn from_interval(i: &Interval) -> Result<Span> {
        let end = |b: Bound, lower: bool| -> Result<End> {
            Ok(match b {
                Bound::Unbounded if lower => End::NegInf,
                Bound::Unbounded => End::PosInf,
                Bound::Included(v) => End::At(Rat::from_decimal(v)?, true),
                Bound::Excluded(v) => End::At(Rat::from_decimal(v)?, false),
            })
        };
        Ok(Span {
            lo: end(i.lower(), true)?,
            hi: end(i.upper(), false)?,
        })
    }

    /// The span as an [`Interval`] of decimals, widened outward where an end has no exact
    /// decimal.
    pub(crate) fn to_interval(self) -> Interval {
        let end = |e: End, up: bool| match e {
            End::NegInf | End::PosInf => Bound::Unbounded,
            End::At(v, closed) => match v.to_exact_decimal() {
                Some(d) if closed => Bound::Included(d),
                Some(d) => Bound::Excluded(d),
                None => Bound::Excluded(v.to_decimal(up)),
            },
        };
        if self.is_empty() {
            return Interval::empty();
        }
        // A span that is not empty has its ends in order, and each is widened outward.
        Interval::unchecked(end(self.lo, false), end(self.hi, true))
    }

    pub(crate) fn as_point(self) -> Option<Rat> {
        match (self.lo, self.hi) {
            (End::At(a, true), End::At(b, true)) if a == b => Some(a),
            _ => None,
        }
    }

    pub(crate) fn is_empty(self) -> bool {
        match (self.lo, self.hi) {
            (End::At(a, ca), End::At(b, cb)) => a > b || (a == b && !(ca && cb)),
            (End::PosInf, _) | (_, End::NegInf) => true,
            _ => false,
        }
    }

    pub(crate) fn contains(self, x: Rat) -> bool {
        let above = match self.lo {
            End::NegInf => true,
            End::At(v, c) => x > v || (c && x == v),
            End::PosInf => false,
        };
        let below = match self.hi {
            End::PosInf => true,
            End::At(v, c) => x < v || (c && x == v),
            End::NegInf => false,
        };
        above && below
    }

    pub(crate) fn intersect(self, o: Span) -> Span {
        let lo = match self.lo.value_cmp(o.lo) {
            Ordering::Greater => self.lo,
            Ordering::Less => o.lo,
            Ordering::Equal if self.lo.closed() && o.lo.closed() => self.lo,
            Ordering::Equal => match self.lo {
                End::At(v, _) => End::At(v, false),
                other => other,
            },
        };
        let hi = match self.hi.value_cmp(o.hi) {
            Ordering::Less => self.hi,
            Ordering::Greater => o.hi,
            Ordering::Equal if self.hi.closed() && o.hi.closed() => self.hi,
            Ordering::Equal => match self.hi {
                End::At(v, _) => End::At(v, false),
                other => other,
            },
        };
        Span { lo, hi }
    }

    pub(crate) fn overlaps(self, o: Span) -> bool {
        !self.intersect(o).is_empty()
    }

    pub(crate) fn add(self, o: Span) -> Result<Span> {
        let sum = |a: End, b: End, lower: bool| -> Result<End> {
            Ok(match (a, b) {
                (End::At(x, cx), End::At(y, cy)) => End::At(x.add(y)?, cx && cy),
                _ if lower => End::NegInf,
                _ => End::PosInf,
            })
        };
        Ok(Span {
            lo: sum(self.lo, o.lo, true)?,
            hi: sum(self.hi, o.hi, false)?,
        })
    }

    /// The sum of all `spans`, added in an order of their own (each end's values by
    /// denominator, then value) so that the result, or the overflow, does not depend on the
    /// order the spans come in: a sum's verdict is the same whichever way its parts are
    /// listed.
    pub(crate) fn sum(spans: &[Span]) -> Result<Span> {
        fn total(mut ends: Vec<End>, lower: bool) -> Result<End> {
            let mut vals = Vec::with_capacity(ends.len());
            for e in ends.drain(..) {
                match e {
                    End::At(v, c) => vals.push((v, c)),
                    _ if lower => return Ok(End::NegInf),
                    _ => return Ok(End::PosInf),
                }
            }
            vals.sort_by(|(a, ca), (b, cb)| a.d.cmp(&b.d).then(a.cmp(b)).then(ca.cmp(cb)));
            let mut acc = Rat::ZERO;
            let mut closed = true;
            for (v, c) in vals {
                acc = acc.add(v)?;
                closed = closed && c;
            }
            Ok(End::At(acc, closed))
        }
        Ok(Span {
            lo: total(spans.iter().map(|s| s.lo).collect(), true)?,
            hi: total(spans.iter().map(|s| s.hi).collect(), false)?,
        })
    }

    pub(crate) fn neg(self) -> Result<Span> {
        let flip = |e: End| -> Result<End> {
            Ok(match e {
                End::NegInf => End::PosInf,
                End::PosInf => End::NegInf,
                End::At(v, c) => End::At(v.neg()?, c),
            })
        };
        Ok(Span {
            lo: flip(self.hi)?,
            hi: flip(self.lo)?,
        })
    }

    pub(crate) fn sub(self, o: Span) -> Result<Span> {
        self.add(o.neg()?)
    }

    /// The set of products `x · y`, exactly (the product of two intervals is an interval
    /// whose ends are among the products of their ends).
    pub(crate) fn mul(self, o: Span) -> Result<Span> {
        let c = [
            self.lo.times(o.lo)?,
            self.lo.times(o.hi)?,
            self.hi.times(o.lo)?,
            self.hi.times(o.hi)?,
        ];
        let pick = |want: Ordering| {
            c.iter()
                .copied()
                .fold(None, |best: Option<End>, e| match best {
                    None => Some(e),
                    Some(b) => match e.value_cmp(b) {
                        o if o == want => Some(e),
                        Ordering::Equal if e.closed() => Some(e),
                        _ => Some(b),
                    },
                })
        };
        let lo = pick(Ordering::Less).unwrap_or(End::NegInf);
        let hi = pick(Ordering::Greater).unwrap_or(End::PosInf);
        // An infinite product end is an unbounded side, whichever end it came from.
        let lo = if lo == End::PosInf { End::PosInf } else { lo };
        Ok(Span { lo, hi })
    }

    /// Whether zero is a value of the span (a denominator that may be zero).
    pub(crate) fn reaches_zero(self) -> bool {
        self.contains(Rat::ZERO)
    }

    /// `1 / y` for every `y` in the span, which must not reach zero.
    pub(crate) fn recip(self) -> Result<Span> {
        if self.reaches_zero() {
            return Err(Error::DivisionByZero {
                operation: "a divisor that may be zero".to_owned(),
            });
        }
        // The span lies on one side of zero, so `1/y` reverses its order; an excluded zero
        // end becomes an infinite one.
        let inv = |e: End, upper: bool| -> Result<End> {
            Ok(match e {
                End::NegInf | End::PosInf => End::At(Rat::ZERO, false),
                End::At(v, _) if v.is_zero() => {
                    if upper {
                        End::PosInf
                    } else {
                        End::NegInf
                    }
                }
                End::At(v, c) => End::At(v.recip()?, c),
            })
        };
        Ok(Span {
            lo: inv(self.hi, false)?,
            hi: inv(self.lo, true)?,
        })
    }

    pub(crate) fn div(self, o: Span) -> Result<Span> {
        self.mul(o.recip()?)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::arithmetic_side_effects)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn r(n: i128, d: i128) -> Rat {
        Rat::new(n, d).unwrap()
    }

    fn span(lo: (i128, bool), hi: (i128, bool)) -> Span {
        Span {
            lo: End::At(r(lo.0, 1), lo.1),
            hi: End::At(r(hi.0, 1), hi.1),
        }
    }

    #[test]
    fn exact_ends_and_decimals() {
        assert_eq!(r(2, 4), r(1, 2));
        assert_eq!(r(1, 8).to_exact_decimal(), Some(Decimal::new(125, 3)));
        assert_eq!(r(1, 3).to_exact_decimal(), None);
        assert_eq!(r(-3, 20).to_exact_decimal(), Some(Decimal::new(-15, 2)));
        assert_eq!(r(7, 1).to_exact_decimal(), Some(Decimal::from(7)));
        assert!(r(1, 3) < r(34, 100));
        assert_eq!(r(1, 3).to_decimal(false).to_string(), "0.333333333333");
        assert_eq!(r(1, 3).to_decimal(true).to_string(), "0.333333333334");
    }

    #[test]
    fn products_of_open_and_unbounded_spans() {
        // (0, 1] · [5, ∞) = (0, ∞)
        let a = span((0, false), (1, true));
        let b = Span {
            lo: End::At(r(5, 1), true),
            hi: End::PosInf,
        };
        let p = a.mul(b).unwrap();
        assert_eq!(p.lo, End::At(Rat::ZERO, false));
        assert_eq!(p.hi, End::PosInf);
        // [2, 3) · [-1, 4] = [-3, 12)
        let p = span((2, true), (3, false))
            .mul(span((-1, true), (4, true)))
            .unwrap();
        assert_eq!(p.lo, End::At(r(-3, 1), false));
        assert_eq!(p.hi, End::At(r(12, 1), false));
        assert!(span((-1, true), (1, true)).recip().is_err());
        let q = span((2, true), (4, false)).recip().unwrap();
        assert_eq!(q.lo, End::At(r(1, 4), false));
        assert_eq!(q.hi, End::At(r(1, 2), true));
    }

    #[test]
    fn an_empty_span_is_an_empty_interval() {
        // Disjoint spans intersect in ends that cross, and an end at +∞ below one at −∞ is
        // empty too: both become an interval whose ends meet, never one that holds more.
        let crossed = span((0, true), (2, true)).intersect(span((5, true), (9, true)));
        let unbounded = Span {
            lo: End::PosInf,
            hi: End::NegInf,
        };
        for empty in [crossed, unbounded] {
            assert!(empty.is_empty());
            let i = empty.to_interval();
            assert!(i.is_empty(), "{i}");
            assert_eq!(Interval::new(i.lower(), i.upper()).unwrap(), i);
        }
        // A span with an end no decimal writes is widened outward.
        let third = Span {
            lo: End::At(r(1, 3), true),
            hi: End::At(r(2, 3), true),
        };
        assert_eq!(
            third.to_interval().to_string(),
            "(0.333333333333, 0.666666666667)"
        );
    }

    fn arb_span() -> impl Strategy<Value = Span> {
        (-50_i128..50, 0_i128..30, any::<bool>(), any::<bool>()).prop_map(|(lo, w, a, b)| {
            let (a, b) = if w == 0 { (true, true) } else { (a, b) };
            span((lo, a), (lo + w, b))
        })
    }

    proptest! {
        #![proptest_config(crate::testing::config())]

        /// Every sum and product of members is a member of the sum or product span, and a
        /// span's ends are where membership changes.
        #[test]
        fn spans_hold_every_sum_and_product(a in arb_span(), b in arb_span(), s in 0_i128..=8, t in 0_i128..=8) {
            let pick = |sp: Span, k: i128| -> Option<Rat> {
                let (End::At(lo, _), End::At(hi, _)) = (sp.lo, sp.hi) else { return None };
                let x = lo.add(hi.add(lo.neg().unwrap()).unwrap().mul(r(k, 8)).unwrap()).unwrap();
                sp.contains(x).then_some(x)
            };
            if let (Some(x), Some(y)) = (pick(a, s), pick(b, t)) {
                prop_assert!(a.add(b).unwrap().contains(x.add(y).unwrap()));
                prop_assert!(a.sub(b).unwrap().contains(x.add(y.neg().unwrap()).unwrap()));
                prop_assert!(a.mul(b).unwrap().contains(x.mul(y).unwrap()));
                if !b.reaches_zero() {
                    prop_assert!(a.div(b).unwrap().contains(x.div(y).unwrap()));
                }
            }
        }

        /// A sum of spans is the pairwise sum, and the same in every order of its parts,
        /// with ends of any denominator (10^k for printed figures, others for shares).
        #[test]
        fn a_sum_is_the_pairwise_sum_in_any_order(
            parts in proptest::collection::vec((arb_span(), 1_i128..=4, prop_oneof![Just(1_i128), Just(10), Just(1000), Just(3), Just(7)]), 0..8),
            shift in 0_usize..8,
        ) {
            let spans: Vec<Span> = parts
                .iter()
                .map(|(s, k, d)| {
                    let scale = |e: End| match e {
                        End::At(v, c) => End::At(v.mul(r(*k, *d)).unwrap(), c),
                        other => other,
                    };
                    Span { lo: scale(s.lo), hi: scale(s.hi) }
                })
                .collect();
            let mut pairwise = Span::point(Rat::ZERO);
            for s in &spans {
                pairwise = pairwise.add(*s).unwrap();
            }
            let sum = Span::sum(&spans).unwrap();
            prop_assert_eq!(sum, pairwise);
            let mut other = spans.clone();
            other.reverse();
            if !other.is_empty() {
                let n = other.len();
                other.rotate_left(shift % n);
            }
            prop_assert_eq!(Span::sum(&other).unwrap(), sum);
        }

        /// Solving `x = k · y` for any one of its terms gives the same answer.
        #[test]
        fn products_are_solved_alike_for_every_term(x in arb_span(), k in arb_span(), y in arb_span()) {
            prop_assume!(!k.reaches_zero() && !y.reaches_zero());
            let direct = x.overlaps(k.mul(y).unwrap());
            prop_assert_eq!(direct, k.overlaps(x.div(y).unwrap()));
            prop_assert_eq!(direct, y.overlaps(x.div(k).unwrap()));
        }
    }
}
