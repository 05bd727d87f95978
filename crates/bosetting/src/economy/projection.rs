//! Multi-year projection of grant income, costs and the refugee fund, for one municipality
//! or every municipality in the country at once, under several settlement scenarios.
//!
//! The parameters are keyed by [`GrantCategory`] ([`ByCategory`], [`CategoryShares`],
//! [`CohortRates`]) and given once to [`Engine::new`], which compiles them into flat integer
//! tables in øre. Each call ([`Engine::project`], [`Engine::run`]) first proves from its
//! inputs' largest values that no intermediate value can overflow; the hot loop then runs
//! over compact per-municipality data with no allocation per scenario or municipality.
//! Money enters and leaves as [`Money`]; every division floors to whole øre
//! ([`crate::RoundingRule::Floor`]), so results are exact and reproducible.
//!
//! The category shares rarely split a year's persons into whole persons; how they are split
//! is a stated [`Apportionment`] of the [`CategoryShares`]: by default Sainte-Laguë's
//! method, which places every person in one category and never takes a person from a
//! category when more are settled; [`Apportionment::Exact`] refuses a
//! count that does not split; [`Apportionment::FloorEach`] floors each category, and the
//! persons this leaves out (0 to 3 a cohort) draw no grant and are counted in every year
//! ([`ProjectionYear::lost_to_flooring`]) and scenario ([`ScenarioSummary::lost_to_flooring`]).
//! [`Engine::explain_year`] explains one year:
//! every cohort's grant (persons per category, rate and its source), the costs and the
//! fund's movement. Rates the table does not hold (future years' rates are not published)
//! come from a stated [`RateAssumption`], shown as an assumption wherever it is used.

use std::fmt;
use std::marker::PhantomData;
use std::ops::{Index, IndexMut};

use rust_decimal::Decimal;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::calendar::{GrantYear, Year};
use crate::error::{Error, Result};
use crate::explain::{Explanation, Quantity, Unit, Value};
use crate::grants::{GrantCategory, GrantRates, RateYear};
use crate::money::Money;
use crate::provenance::Source;
use crate::ratio::Ratio;
use crate::rounding::RoundingRule;

/// Every category's share by its data-file name, joined by `sep` ("single-adult 3/10, …").
fn describe_shares(shares: &ByCategory<Ratio>, sep: &str) -> String {
    shares
        .iter()
        .map(|(c, s)| format!("{} {s}", category_name(c)))
        .collect::<Vec<_>>()
        .join(sep)
}

/// A category's name in data files (`single-adult`), as its serde form writes it.
fn category_name(c: GrantCategory) -> &'static str {
    match c {
        GrantCategory::SingleAdult => "single-adult",
        GrantCategory::OtherAdult => "other-adult",
        GrantCategory::Child => "child",
        GrantCategory::UnaccompaniedMinor => "unaccompanied-minor",
    }
}

/// One value per grant category, keyed by [`GrantCategory`]: what the projection's
/// parameters hold per category. It reads and writes as a map keyed by the categories'
/// data-file names (`single-adult`, `other-adult`, `child`, `unaccompanied-minor`); a map
/// that lacks a category or names one twice is an error.
///
/// # Example
///
/// ```
/// use bosetting::GrantCategory;
/// use bosetting::projection::ByCategory;
///
/// let persons = ByCategory::all(0u32).with(GrantCategory::Child, 3);
/// assert_eq!(persons[GrantCategory::Child], 3);
/// assert_eq!(*persons.get(GrantCategory::SingleAdult), 0);
/// assert_eq!(
///     serde_json::to_string(&persons).unwrap(),
///     r#"{"single-adult":0,"other-adult":0,"child":3,"unaccompanied-minor":0}"#
/// );
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct ByCategory<T>([T; 4]);

impl<T> ByCategory<T> {
    /// The value `f` gives for each category.
    pub fn from_fn(mut f: impl FnMut(GrantCategory) -> T) -> ByCategory<T> {
        ByCategory(GrantCategory::ALL.map(&mut f))
    }

    /// From values in [`GrantCategory::ALL`] order (single adult, other adult, child,
    /// unaccompanied minor): the positional form the engine used before it was keyed.
    pub fn from_array(values: [T; 4]) -> ByCategory<T> {
        ByCategory(values)
    }

    /// The value for `category`.
    pub fn get(&self, category: GrantCategory) -> &T {
        let [a, b, c, d] = &self.0;
        match category {
            GrantCategory::SingleAdult => a,
            GrantCategory::OtherAdult => b,
            GrantCategory::Child => c,
            GrantCategory::UnaccompaniedMinor => d,
        }
    }

    /// The value for `category`, to change it.
    pub fn get_mut(&mut self, category: GrantCategory) -> &mut T {
        let [a, b, c, d] = &mut self.0;
        match category {
            GrantCategory::SingleAdult => a,
            GrantCategory::OtherAdult => b,
            GrantCategory::Child => c,
            GrantCategory::UnaccompaniedMinor => d,
        }
    }

    /// With `value` for `category`.
    pub fn with(mut self, category: GrantCategory, value: T) -> ByCategory<T> {
        *self.get_mut(category) = value;
        self
    }

    /// Each category with its value, in [`GrantCategory::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (GrantCategory, &T)> {
        GrantCategory::ALL.into_iter().zip(self.0.iter())
    }

    /// Each category with its value to change, in [`GrantCategory::ALL`] order.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = (GrantCategory, &mut T)> {
        GrantCategory::ALL.into_iter().zip(self.0.iter_mut())
    }

    /// Every value mapped by `f`.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> ByCategory<U> {
        ByCategory(self.0.map(f))
    }

    /// The values in [`GrantCategory::ALL`] order.
    pub fn into_array(self) -> [T; 4] {
        self.0
    }
}

impl<T: Clone> ByCategory<T> {
    /// The same value for every category.
    pub fn all(value: T) -> ByCategory<T> {
        ByCategory::from_fn(|_| value.clone())
    }
}

impl<T> IndexMut<GrantCategory> for ByCategory<T> {
    fn index_mut(&mut self, category: GrantCategory) -> &mut T {
        self.get_mut(category)
    }
}

/// Each category with its value, in [`GrantCategory::ALL`] order.
impl<T> IntoIterator for ByCategory<T> {
    type Item = (GrantCategory, T);
    type IntoIter =
        std::iter::Zip<std::array::IntoIter<GrantCategory, 4>, std::array::IntoIter<T, 4>>;
    fn into_iter(self) -> Self::IntoIter {
        GrantCategory::ALL.into_iter().zip(self.0)
    }
}

/// Each category with its value, in [`GrantCategory::ALL`] order.
impl<'a, T> IntoIterator for &'a ByCategory<T> {
    type Item = (GrantCategory, &'a T);
    type IntoIter = std::iter::Zip<std::array::IntoIter<GrantCategory, 4>, std::slice::Iter<'a, T>>;
    fn into_iter(self) -> Self::IntoIter {
        GrantCategory::ALL.into_iter().zip(self.0.iter())
    }
}

/// Each category with its value to change, in [`GrantCategory::ALL`] order.
impl<'a, T> IntoIterator for &'a mut ByCategory<T> {
    type Item = (GrantCategory, &'a mut T);
    type IntoIter =
        std::iter::Zip<std::array::IntoIter<GrantCategory, 4>, std::slice::IterMut<'a, T>>;
    fn into_iter(self) -> Self::IntoIter {
        GrantCategory::ALL.into_iter().zip(self.0.iter_mut())
    }
}

impl<T> Index<GrantCategory> for ByCategory<T> {
    type Output = T;
    fn index(&self, category: GrantCategory) -> &T {
        self.get(category)
    }
}

impl<T: Serialize> Serialize for ByCategory<T> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        for (c, v) in self.iter() {
            m.serialize_entry(&c, v)?;
        }
        m.end()
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ByCategory<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Keyed<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for Keyed<T> {
            type Value = ByCategory<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a map with one value for each grant category (single-adult, other-adult, child, unaccompanied-minor)",
                )
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut a: A,
            ) -> std::result::Result<ByCategory<T>, A::Error> {
                let mut slots: ByCategory<Option<T>> = ByCategory([None, None, None, None]);
                while let Some(c) = a.next_key::<GrantCategory>()? {
                    let v = a.next_value::<T>()?;
                    let slot = slots.get_mut(c);
                    if slot.is_some() {
                        return Err(de::Error::custom(format_args!(
                            "grant category `{}` is given twice; give each category once",
                            category_name(c)
                        )));
                    }
                    *slot = Some(v);
                }
                let missing: Vec<&str> = slots
                    .iter()
                    .filter(|(_, v)| v.is_none())
                    .map(|(c, _)| category_name(c))
                    .collect();
                match slots.into_array() {
                    [Some(a), Some(b), Some(c), Some(d)] => Ok(ByCategory([a, b, c, d])),
                    _ => Err(de::Error::custom(format_args!(
                        "grant categories missing: {}; give a value for each of single-adult, other-adult, child and unaccompanied-minor",
                        missing.join(", ")
                    ))),
                }
            }
        }
        d.deserialize_map(Keyed(PhantomData))
    }
}

/// The share of each cohort's persons in each grant category, summing to exactly 100 %,
/// with where the split comes from. Each category's count is `⌊persons × share⌋`.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, Ratio, Source};
/// use bosetting::projection::{ByCategory, CategoryShares};
///
/// let split = ByCategory::from_array([30, 40, 25, 5].map(|p| Ratio::of(p, 100).unwrap()));
/// let shares = CategoryShares::new(split, Source::new("IMDi, bosatte etter kategori"))?;
/// assert_eq!(shares.share(GrantCategory::Child), Ratio::of(1, 4)?);
/// // Shares that do not add up to 100 % are refused.
/// let bad = ByCategory::all(Ratio::of(1, 5)?);
/// assert!(CategoryShares::new(bad, Source::new("x")).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// # Errors
///
/// See [`CategoryShares::new`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SharesRepr")]
pub struct CategoryShares {
    shares: ByCategory<Ratio>,
    source: Source,
    #[serde(default, skip_serializing_if = "Apportionment::is_default")]
    apportionment: Apportionment,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SharesRepr {
    shares: ByCategory<Ratio>,
    source: Source,
    #[serde(default)]
    apportionment: Apportionment,
}

impl TryFrom<SharesRepr> for CategoryShares {
    type Error = Error;
    fn try_from(r: SharesRepr) -> Result<CategoryShares> {
        Ok(CategoryShares::new(r.shares, r.source)?.with_apportionment(r.apportionment))
    }
}

/// How a number of persons is split into whole persons by the category shares, which rarely
/// give whole numbers (37 persons × 30 % = 11,1).
///
/// In data files: `apportionment = "sainte-lague"` (the default), `"floor-each"` or
/// `"exact"`.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, Ratio, Source};
/// use bosetting::projection::{Apportionment, ByCategory, CategoryShares};
///
/// let split = ByCategory::from_array([30, 40, 25, 5].map(|p| Ratio::of(p, 100).unwrap()));
/// let shares = CategoryShares::new(split, Source::new("example"))?;
/// // 37 persons: 11,1 + 14,8 + 9,25 + 1,85. Every person is counted once.
/// let whole = shares.split(37)?;
/// assert_eq!(whole.into_array(), [11, 15, 9, 2]);
/// // One more person never takes a person from a category.
/// assert_eq!(shares.split(38)?.into_array(), [11, 15, 10, 2]);
/// // Flooring each category counts 11 + 14 + 9 + 1 = 35: two persons draw no grant.
/// let floored = shares.clone().with_apportionment(Apportionment::FloorEach);
/// assert_eq!(floored.lost(37)?, 2);
/// // `Exact` refuses a count that the shares do not split into whole persons.
/// let exact = shares.with_apportionment(Apportionment::Exact);
/// assert!(exact.split(37).is_err());
/// assert_eq!(exact.split(40)?.into_array(), [12, 16, 10, 2]);
/// assert_eq!("floor-each".parse::<Apportionment>()?, Apportionment::FloorEach);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "fordeling")]
#[doc(alias = "avrunding av personer")]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Apportionment {
    /// Sainte-Laguë's method (Webster's), as in Norwegian elections: persons are placed one
    /// at a time, each in the category with the highest share ÷ (persons placed in it + ½),
    /// ties to the earlier category in [`GrantCategory::ALL`]. Every person is in exactly
    /// one category and draws a grant, and a category never loses a person when more are
    /// settled, so grants never fall when persons rise (the largest remainder method, which
    /// also places everyone, does not have this: the Alabama paradox). Computed from the
    /// rounded counts ⌊persons × share + ½⌋ with at most two persons moved, not one at a
    /// time.
    #[doc(alias = "Sainte-Laguës metode")]
    #[default]
    SainteLague,
    /// Each category gets its floored count; the persons left over are in no category and
    /// draw no grant. Each projected year says how many
    /// ([`ProjectionYear::lost_to_flooring`], [`ScenarioSummary::lost_to_flooring`]). This is
    /// how the numpy peer workload of the benchmarks is specified.
    FloorEach,
    /// Every count must split into whole persons: a count that does not is an error naming
    /// the year, so that no person is lost or placed by a rule.
    Exact,
}

impl Apportionment {
    fn is_default(&self) -> bool {
        *self == Apportionment::default()
    }

    /// The method as words a report translates.
    pub fn phrase(self) -> crate::phrase::Phrase {
        crate::phrase::Phrase::new(match self {
            Apportionment::SainteLague => "Sainte-Laguë's method",
            Apportionment::FloorEach => "each category floored",
            Apportionment::Exact => "whole persons only",
        })
    }
}

impl CategoryShares {
    /// Shares with their source.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming every share if they do not sum to 100 % (every person
    /// is in one category), or for a share that is not a non-negative ratio of whole
    /// numbers.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Ratio, Source};
    /// use bosetting::projection::{Apportionment, ByCategory, CategoryShares};
    ///
    /// let quarters = CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("IMDi, bosatte etter kategori"))?;
    /// assert_eq!(quarters.apportionment(), Apportionment::SainteLague);
    /// // 30 + 40 + 25 + 10 = 105 %: refused, naming every share.
    /// let over = ByCategory::from_array([30, 40, 25, 10].map(|p| Ratio::from_percent(p.into())));
    /// let err = CategoryShares::new(over, Source::new("x")).unwrap_err();
    /// assert!(err.to_string().contains("must sum to 100 %"), "{err}");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(shares: ByCategory<Ratio>, source: Source) -> Result<CategoryShares> {
        let mut sum = Ratio::of(0, 1)?;
        for (_, s) in shares.iter() {
            ratio_parts(s, "projection category share")?;
            sum = sum.checked_add(s)?;
        }
        if sum != Ratio::of(1, 1)? {
            return Err(Error::invalid(
                "projection category shares",
                format!("{} = {sum}", describe_shares(&shares, " + ")),
                "every person is in one of the four categories, so the shares must sum to 100 %",
            ));
        }
        Ok(CategoryShares {
            shares,
            source,
            apportionment: Apportionment::default(),
        })
    }

    /// The same shares, splitting persons by `apportionment` (the default is
    /// [`Apportionment::SainteLague`]).
    pub fn with_apportionment(mut self, apportionment: Apportionment) -> CategoryShares {
        self.apportionment = apportionment;
        self
    }

    /// How persons are split into whole persons.
    pub fn apportionment(&self) -> Apportionment {
        self.apportionment
    }

    /// `persons` split into whole persons per category by the shares and the
    /// [`Apportionment`]. Under [`Apportionment::FloorEach`] the counts may sum to less than
    /// `persons` (see [`CategoryShares::lost`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] under [`Apportionment::Exact`] when the shares do not split
    /// `persons` into whole persons; [`Error::Overflow`] if a count does not fit.
    ///
    /// # Example
    ///
    /// See [`Apportionment`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Ratio, Source};
    /// use bosetting::projection::{Apportionment, ByCategory, CategoryShares};
    ///
    /// let quarters = CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("IMDi, bosatte etter kategori"))?;
    /// // 10 persons in four equal shares: 2,5 each. Sainte-Laguë places all ten, ties to the
    /// // earlier categories.
    /// assert_eq!(quarters.split(10)?.into_array(), [3, 3, 2, 2]);
    /// assert_eq!(quarters.split(12)?.into_array(), [3, 3, 3, 3]);
    /// // `Exact` accepts only counts the shares split into whole persons.
    /// let exact = quarters.with_apportionment(Apportionment::Exact);
    /// assert!(exact.split(10).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn split(&self, persons: u64) -> Result<ByCategory<u64>> {
        // Floors and remainders over the shares' common denominator, as the engine has them.
        let (n, den) = self.common_parts()?;
        let (n, p, den) = (n.map(i128::from), i128::from(persons), i128::from(den));
        let q = n.map(|ni| p.saturating_mul(ni).checked_div(den).unwrap_or(0));
        let mut r = [0i128; 4];
        for ((ri, qi), ni) in r.iter_mut().zip(&q).zip(&n) {
            *ri = p.saturating_mul(*ni).saturating_sub(qi.saturating_mul(den));
        }
        let lost = p.saturating_sub(q.iter().sum());
        let counts = match self.apportionment {
            Apportionment::SainteLague => sainte_lague(p, n, den, q, r),
            Apportionment::FloorEach => q,
            Apportionment::Exact if lost == 0 => q,
            Apportionment::Exact => {
                return Err(Error::invalid(
                    "persons to split by category",
                    persons,
                    format!(
                        "the shares ({}) do not split it into whole persons ({lost} left over); \
                         give a count they split, or apportionment = \"sainte-lague\"",
                        describe_shares(&self.shares, ", ")
                    ),
                ));
            }
        };
        let mut out = ByCategory::all(0u64);
        for ((_, slot), c) in out.iter_mut().zip(counts) {
            *slot = u64::try_from(c).map_err(|_| Error::overflow("persons in a category"))?;
        }
        Ok(out)
    }

    /// The persons of `persons` that no category counts under the [`Apportionment`]: the
    /// floored counts' shortfall under [`Apportionment::FloorEach`], 0 otherwise (an
    /// [`Apportionment::Exact`] split that would lose persons is an error).
    ///
    /// # Errors
    ///
    /// As [`CategoryShares::split`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Ratio, Source};
    /// use bosetting::projection::{Apportionment, ByCategory, CategoryShares};
    ///
    /// let quarters = CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("IMDi, bosatte etter kategori"))?;
    /// // Sainte-Laguë places everyone; flooring each category leaves 10 − 4 × 2 = 2 out.
    /// assert_eq!(quarters.lost(10)?, 0);
    /// assert_eq!(quarters.clone().with_apportionment(Apportionment::FloorEach).lost(10)?, 2);
    /// assert!(quarters.with_apportionment(Apportionment::Exact).lost(10).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn lost(&self, persons: u64) -> Result<u64> {
        let counts = self.split(persons)?;
        Ok(persons.saturating_sub(counts.iter().map(|(_, n)| *n).fold(0, u64::saturating_add)))
    }

    /// The shares' numerators over their least common denominator, and that denominator.
    fn common_parts(&self) -> Result<([u64; 4], u64)> {
        let mut n = [0u64; 4];
        let mut d = [1u64; 4];
        for (((_, s), ni), di) in self.shares.iter().zip(&mut n).zip(&mut d) {
            (*ni, *di) = ratio_parts(s, "projection category share")?;
        }
        let den = d.iter().try_fold(1u64, |l, &x| {
            l.checked_div(gcd(l, x))
                .and_then(|y| y.checked_mul(x))
                .ok_or_else(|| Error::overflow("category shares' common denominator"))
        })?;
        for (ni, di) in n.iter_mut().zip(&d) {
            *ni = den
                .checked_div(*di)
                .and_then(|k| ni.checked_mul(k))
                .ok_or_else(|| Error::overflow("category share"))?;
        }
        Ok((n, den))
    }

    /// The share of `category`.
    pub fn share(&self, category: GrantCategory) -> Ratio {
        *self.shares.get(category)
    }

    /// Every category's share.
    pub fn shares(&self) -> &ByCategory<Ratio> {
        &self.shares
    }

    /// Where the split comes from.
    pub fn source(&self) -> &Source {
        &self.source
    }
}

/// How rates the table does not hold are set.
///
/// # Example
///
/// ```
/// use bosetting::RoundingRule;
/// use bosetting::projection::{FutureRates, RateAssumption};
/// use bosetting::rust_decimal::Decimal;
///
/// assert_eq!(RateAssumption::carry_forward().rule(), FutureRates::CarryForward);
/// let up = RateAssumption::adjusted(Decimal::new(25, 1), RoundingRule::HalfUp)?;
/// assert_eq!(up.rule(), FutureRates::AdjustYearly { percent: Decimal::new(25, 1), rounding: RoundingRule::HalfUp });
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "kind")]
pub enum FutureRates {
    /// The latest known rate of the same category and grant year, unchanged.
    CarryForward,
    /// The latest known rate changed by `percent` a year, compounded: each year's rate is
    /// the year before's × (100 + `percent`) / 100, rounded to whole kroner by `rounding`.
    AdjustYearly {
        /// Percent a year (`2.5`; negative for a cut, above −100).
        #[serde(with = "rust_decimal::serde::str")]
        percent: Decimal,
        /// How each year's rate is rounded to whole kroner.
        rounding: RoundingRule,
    },
}

/// A stated assumption for the integration grant's rates in years the rate table does not
/// hold (future years' rates are not published): what it assumes and its [`Source`], whose
/// [`Source::assumption`] says why. Explanations and reports show every rate it sets as an
/// assumption.
///
/// # Example
///
/// ```
/// use bosetting::{Money, RoundingRule};
/// use bosetting::projection::RateAssumption;
/// use bosetting::rust_decimal::Decimal;
///
/// let a = RateAssumption::adjusted(Decimal::new(25, 1), RoundingRule::HalfUp)?;
/// // 230 000 kr two years on: 235 750, then 241 643.75 → 241 644.
/// assert_eq!(a.apply(Money::kroner(230_000), 2)?, Money::kroner(241_644));
/// assert!(a.source().assumption.is_some());
/// assert_eq!(
///     a.describe(),
///     "the latest known rate adjusted by 2.5 % a year, rounded to whole kroner (half-up) each year"
/// );
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AssumptionRepr")]
pub struct RateAssumption {
    rule: FutureRates,
    source: Source,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AssumptionRepr {
    rule: FutureRates,
    source: Source,
}

impl TryFrom<AssumptionRepr> for RateAssumption {
    type Error = Error;
    fn try_from(r: AssumptionRepr) -> Result<RateAssumption> {
        RateAssumption::new(r.rule, r.source)
    }
}

impl RateAssumption {
    /// A rule with its source, which must say why it is assumed.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the source has no [`Source::assumption`] (an assumption
    /// must be shown as one), or for a yearly change of −100 % or less.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, RoundingRule, Source};
    /// use bosetting::projection::{FutureRates, RateAssumption};
    /// use bosetting::rust_decimal::Decimal;
    ///
    /// let rule = FutureRates::AdjustYearly { percent: Decimal::new(3, 0), rounding: RoundingRule::HalfUp };
    /// // The source must say why the rates are assumed.
    /// assert!(RateAssumption::new(rule, Source::new("økonomiplan 2025–2028")).is_err());
    /// let plan = RateAssumption::new(rule, Source::new("økonomiplan 2025–2028").assumed("3 % a year, as the deflator"))?;
    /// assert_eq!(plan.apply(Money::kroner(100_000), 1)?, Money::kroner(103_000));
    /// // A cut of 100 % or more is no rate.
    /// let gone = FutureRates::AdjustYearly { percent: Decimal::from(-100), rounding: RoundingRule::HalfUp };
    /// assert!(RateAssumption::new(gone, Source::new("x").assumed("y")).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(rule: FutureRates, source: Source) -> Result<RateAssumption> {
        if source.assumption.as_deref().is_none_or(str::is_empty) {
            return Err(Error::invalid(
                "rate assumption source",
                &source,
                "say why the rates are assumed (Source::assumed), so that reports show them as an assumption",
            ));
        }
        if let FutureRates::AdjustYearly { percent, .. } = rule {
            if percent <= Decimal::NEGATIVE_ONE.saturating_mul(Decimal::ONE_HUNDRED) {
                return Err(Error::invalid(
                    "rate assumption percent a year",
                    percent,
                    "a yearly change must be above −100 %",
                ));
            }
        }
        Ok(RateAssumption { rule, source })
    }

    /// The latest known table carried forward (also [`RateAssumption::default`]).
    pub fn carry_forward() -> RateAssumption {
        RateAssumption {
            rule: FutureRates::CarryForward,
            source: Source::new("the latest known rate carried forward").assumed(
                "the rate table does not hold this year's rate (future rates are not published)",
            ),
        }
    }

    /// The latest known rate changed by `percent` a year, rounded by `rounding`.
    ///
    /// # Errors
    ///
    /// As [`RateAssumption::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, RoundingRule};
    /// use bosetting::projection::RateAssumption;
    /// use bosetting::rust_decimal::Decimal;
    ///
    /// let cut = RateAssumption::adjusted(Decimal::from(-10), RoundingRule::Floor)?;
    /// // 200 000, then 180 000, then 162 000.
    /// assert_eq!(cut.apply(Money::kroner(200_000), 2)?, Money::kroner(162_000));
    /// assert!(RateAssumption::adjusted(Decimal::from(-150), RoundingRule::Floor).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn adjusted(percent: Decimal, rounding: RoundingRule) -> Result<RateAssumption> {
        RateAssumption::new(
            FutureRates::AdjustYearly { percent, rounding },
            Source::new("the latest known rate adjusted by a stated percentage a year").assumed(
                "the rate table does not hold this year's rate (future rates are not published)",
            ),
        )
    }

    /// The rule.
    pub fn rule(&self) -> FutureRates {
        self.rule
    }

    /// Its source (always with [`Source::assumption`]).
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// In words, for reports.
    pub fn describe(&self) -> String {
        self.phrase().to_string()
    }

    /// The assumption as words a report translates.
    pub fn phrase(&self) -> crate::phrase::Phrase {
        use crate::phrase::Phrase;
        match self.rule {
            FutureRates::CarryForward => Phrase::new("the latest known rate carried forward"),
            FutureRates::AdjustYearly { percent, rounding } => Phrase::new(
                "the latest known rate adjusted by {percent} % a year, rounded to whole kroner ({rule}) each year",
            )
            .with("percent", percent.normalize())
            .with("rule", rounding.phrase()),
        }
    }

    /// The rate `years` years after a known rate of `known`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] if the rate leaves the decimal range.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, RoundingRule};
    /// use bosetting::projection::RateAssumption;
    /// use bosetting::rust_decimal::Decimal;
    ///
    /// let known = Money::kroner(241_100);
    /// // Carried forward, the rate stays what was last published.
    /// assert_eq!(RateAssumption::carry_forward().apply(known, 4)?, known);
    /// // 1 % a year, rounded half up to whole kroner each year: 243 511, then 245 946.
    /// let up = RateAssumption::adjusted(Decimal::ONE, RoundingRule::HalfUp)?;
    /// assert_eq!(up.apply(known, 2)?, Money::kroner(245_946));
    /// assert_eq!(up.apply(known, 0)?, known);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn apply(&self, known: Money, years: u32) -> Result<Money> {
        match self.rule {
            FutureRates::CarryForward => Ok(known),
            FutureRates::AdjustYearly { percent, rounding } => {
                let factor = Decimal::ONE_HUNDRED
                    .checked_add(percent)
                    .ok_or_else(|| Error::overflow("rate assumption"))?;
                let mut amount = known.amount();
                for _ in 0..years {
                    let num = amount
                        .checked_mul(factor)
                        .ok_or_else(|| Error::overflow("rate assumption"))?;
                    amount = rounding.round_ratio(num, Decimal::ONE_HUNDRED, Decimal::ONE)?;
                }
                Ok(Money::new(amount))
            }
        }
    }
}

/// The latest known table carried forward: the assumption that adds nothing to what was
/// published.
impl Default for RateAssumption {
    fn default() -> RateAssumption {
        RateAssumption::carry_forward()
    }
}

/// A rate the projection uses: from the table, or assumed from the latest known one.
/// [`CohortRates::from_grant_rates`] records it; `#[non_exhaustive]`, read it, do not build it.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
/// use bosetting::projection::{CohortRates, RateAssumption};
///
/// let rates = CohortRates::from_grant_rates(&GrantRates::builtin()?, Year::new(2016)?, 4, Year::new(2017)?, &RateAssumption::carry_forward())?;
/// let y1 = GrantYear::new(1)?;
/// // The 2017 cohort's year 1 is in the table: no known rate was carried to it.
/// let o = rates.origin(Year::new(2017)?, GrantCategory::SingleAdult, y1).ok_or("an origin")?;
/// assert_eq!((o.table_year, o.known.is_none()), (Year::new(2017)?, true));
/// assert_eq!(rates.rate(Year::new(2017)?, GrantCategory::SingleAdult, y1), Some(Money::kroner(235_000)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RateOrigin {
    /// The cohort (first-settlement) year.
    pub cohort: Year,
    /// The category.
    pub category: GrantCategory,
    /// The grant year.
    pub grant_year: GrantYear,
    /// The year of the table whose rate is paid (the payment year under
    /// [`RateYear::Payment`]).
    pub table_year: Year,
    /// The table rate's source, or for an assumed rate the assumption's.
    pub source: Source,
    /// For an assumed rate: the latest known rate it comes from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known: Option<KnownRate>,
}

/// The latest known rate an assumed rate is carried from (part of a [`RateOrigin`]).
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
/// use bosetting::projection::{CohortRates, RateAssumption};
///
/// let rates = CohortRates::from_grant_rates(&GrantRates::builtin()?, Year::new(2016)?, 4, Year::new(2017)?, &RateAssumption::carry_forward())?;
/// let y1 = GrantYear::new(1)?;
/// // The table has no 2018 rates: the 2018 cohort's year 1 carries the 2017 rate forward.
/// let o = rates.origin(Year::new(2018)?, GrantCategory::Child, y1).ok_or("an origin")?;
/// let known = o.known.as_ref().ok_or("a carried rate")?;
/// assert_eq!((known.year, known.amount), (Year::new(2017)?, Money::kroner(185_000)));
/// assert!(o.source.assumption.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KnownRate {
    /// The last year it was in force.
    pub year: Year,
    /// Its amount.
    pub amount: Money,
    /// Its source in the table.
    pub source: Source,
}

/// Integration grant rates by cohort (first-settlement) year, category and grant year, as
/// the engine uses them.
///
/// Built by [`CohortRates::from_grant_rates`] (from a rate table, with a stated assumption
/// for the years it does not hold), [`CohortRates::uniform`] or [`CohortRates::new`]
/// (rates set by hand); `#[non_exhaustive]`, since it may gain fields.
///
/// # Example
///
/// ```
/// use bosetting::projection::{ByCategory, CohortRates};
/// use bosetting::{GrantCategory, GrantYear, Money, Source, Year};
///
/// let y0 = Year::new(2023)?;
/// let rate = |kr| ByCategory::all([Money::kroner(kr); 5]);
/// let rates = CohortRates::new(y0, vec![rate(200_000), rate(210_000)], Source::new("plan"))?;
/// let y1 = GrantYear::new(1)?;
/// assert_eq!(rates.rate(Year::new(2024)?, GrantCategory::Child, y1), Some(Money::kroner(210_000)));
///
/// let e = CohortRates::new(y0, vec![rate(-1)], Source::new("plan")).unwrap_err();
/// assert_eq!(e.to_string(), "invalid projection rate -1 kr: must not be negative");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CohortRates {
    /// The first cohort year.
    pub first_year: Year,
    /// Per cohort year from `first_year`: per category, the rates of grant years 1–5.
    pub rates: Vec<ByCategory<[Money; 5]>>,
    /// Where the rates come from (for rates `origins` does not name).
    pub source: Source,
    /// Where each rate came from, when built from a rate table.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origins: Vec<RateOrigin>,
    /// The assumption that set the rates the table does not hold, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumption: Option<RateAssumption>,
}

impl CohortRates {
    /// Rates set by hand: `rates[i]` holds, per category, the rates of grant years 1–5 for
    /// the cohort of `first_year + i`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the first rate that is negative or not a whole
    /// number of øre.
    pub fn new(
        first_year: Year,
        rates: Vec<ByCategory<[Money; 5]>>,
        source: Source,
    ) -> Result<CohortRates> {
        for row in &rates {
            for (_, by_grant_year) in row.iter() {
                for r in by_grant_year {
                    rate_ore(*r)?;
                }
            }
        }
        Ok(CohortRates {
            first_year,
            rates,
            source,
            origins: Vec::new(),
            assumption: None,
        })
    }

    /// Rates set by hand, the same for every cohort year.
    pub fn uniform(
        first_year: Year,
        years: usize,
        rates: ByCategory<[Money; 5]>,
        source: Source,
    ) -> CohortRates {
        CohortRates {
            first_year,
            rates: vec![rates; years],
            source,
            origins: Vec::new(),
            assumption: None,
        }
    }

    /// The rates for cohorts `first_year..first_year + years` from a rate table: for each
    /// cohort and grant year, the rate the table's rule names (by default the payment
    /// year's table, so a 2015 cohort's grant year 3 is the 2017 rate). A rate the table
    /// does not hold is set by `assumption` from the latest known rate of the same category
    /// and grant year. Rates paid before `paid_from` (the first projected year) are never
    /// used by a projection and are left at zero, unlooked-up.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
    /// use bosetting::projection::{CohortRates, RateAssumption};
    ///
    /// let table = GrantRates::builtin()?;
    /// let rates = CohortRates::from_grant_rates(
    ///     &table, Year::new(2016)?, 15, Year::new(2021)?, &RateAssumption::carry_forward())?;
    /// // The 2019 cohort's grant year 3 is paid in 2021: the table has no 2021 rates, so the
    /// // 2017 rate (167 000 kr) is carried forward, as an assumption.
    /// let y3 = GrantYear::new(3)?;
    /// let o = rates.origin(Year::new(2019)?, GrantCategory::Child, y3).unwrap();
    /// assert_eq!(o.known.as_ref().map(|k| k.amount), Some(Money::kroner(167_000)));
    /// assert!(o.source.assumption.is_some());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] for a rate the table lacks with no earlier rate to carry
    /// forward; [`Error::InvalidValue`] for years out of range.
    pub fn from_grant_rates(
        table: &GrantRates,
        first_year: Year,
        years: usize,
        paid_from: Year,
        assumption: &RateAssumption,
    ) -> Result<CohortRates> {
        let mut out = Vec::with_capacity(years);
        let mut origins = Vec::new();
        let mut assumed = false;
        for i in 0..years {
            let cohort = first_year.offset(i32::try_from(i).unwrap_or(i32::MAX))?;
            let mut row = ByCategory::all([Money::ZERO; 5]);
            for cat in GrantCategory::ALL {
                for k in GrantYear::ALL {
                    if k.payment_year(cohort)? < paid_from {
                        continue;
                    }
                    let table_year = match table.integration_rule().year {
                        RateYear::Payment => k.payment_year(cohort)?,
                        RateYear::FirstSettlement => cohort,
                    };
                    let (amount, source, known) = match table.integration(table_year, cat, k) {
                        Ok(r) => (r.amount, r.source.clone(), None),
                        Err(missing) => {
                            let Some((year, r)) =
                                table.integration_latest_before(table_year, cat, k)
                            else {
                                return Err(missing);
                            };
                            let n = u32::try_from(table_year.since(year)).unwrap_or(0);
                            assumed = true;
                            (
                                assumption.apply(r.amount, n)?,
                                assumption.source.clone(),
                                Some(KnownRate {
                                    year,
                                    amount: r.amount,
                                    source: r.source.clone(),
                                }),
                            )
                        }
                    };
                    if let Some(slot) = row.get_mut(cat).get_mut(k.index()) {
                        *slot = amount;
                    }
                    origins.push(RateOrigin {
                        cohort,
                        category: cat,
                        grant_year: k,
                        table_year,
                        source,
                        known,
                    });
                }
            }
            out.push(row);
        }
        Ok(CohortRates {
            first_year,
            rates: out,
            source: Source::builtin("grant rate table"),
            origins,
            assumption: assumed.then(|| assumption.clone()),
        })
    }

    /// The rate for a cohort, category and grant year.
    pub fn rate(
        &self,
        cohort: Year,
        category: GrantCategory,
        grant_year: GrantYear,
    ) -> Option<Money> {
        let i = usize::try_from(cohort.since(self.first_year)).ok()?;
        self.rates
            .get(i)?
            .get(category)
            .get(grant_year.index())
            .copied()
    }

    /// Where a rate came from, if the rates were built from a table.
    pub fn origin(
        &self,
        cohort: Year,
        category: GrantCategory,
        grant_year: GrantYear,
    ) -> Option<&RateOrigin> {
        self.origins
            .iter()
            .find(|o| o.cohort == cohort && o.category == category && o.grant_year == grant_year)
    }
}

/// Service costs: a fixed part that moves toward a target set by the number of active
/// persons only with a lag, and a variable part per active person that follows at once.
///
/// Built by [`CostModel::new`] with the required parts, then `with_*` for the optional ones
/// (both 0 kr unless set); each checks what it is given. `#[non_exhaustive]`: it may gain
/// parts, each with a default and a setter.
///
/// # Example
///
/// ```
/// use bosetting::projection::CostModel;
/// use bosetting::{Money, Ratio, Source};
///
/// // 450 000 kr over five years per active person; half the gap closed each year.
/// let cost = CostModel::new(5, Ratio::of(450_000, 5)?, Ratio::of(1, 2)?, Source::new("plan"))?
///     .with_initial_fixed(Money::kroner(2_000_000))?
///     .with_variable_per_active_person(Money::kroner(15_000))?;
/// assert_eq!(cost.initial_fixed, Money::kroner(2_000_000));
///
/// let e = CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(3, 2)?, Source::new("plan")).unwrap_err();
/// assert_eq!(
///     e.to_string(),
///     "invalid cost adjustment 3/2: a lag closes at most the whole gap (a share from 0 to 1)"
/// );
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CostModel {
    /// Persons settled in the last `window_years` years (this year included) are active.
    pub window_years: usize,
    /// The fixed-cost target per active person per year (a ratio of kroner, so that a
    /// five-year cost can be spread exactly: 450 000 / 5).
    pub fixed_per_active_person: Ratio,
    /// The share of the gap between the fixed costs and their target closed each year.
    pub adjustment: Ratio,
    /// Fixed costs in the year before the projection starts.
    pub initial_fixed: Money,
    /// Variable cost per active person per year.
    pub variable_per_active_person: Money,
    /// Where the cost assumptions come from.
    pub source: Source,
}

impl CostModel {
    /// Costs over a window of `window_years` (at least 1), with a fixed-cost target of
    /// `fixed_per_active_person` kroner a year, of whose gap `adjustment` (0 to 1) is closed
    /// each year; no fixed costs before the projection and no variable costs unless set.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a window of 0 years, a fixed cost that is not a
    /// non-negative ratio of whole numbers, or an adjustment above 1.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::projection::CostModel;
    /// use bosetting::{Money, Ratio, Source};
    ///
    /// let cost = CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("økonomiplan"))?;
    /// assert_eq!((cost.window_years, cost.initial_fixed), (5, Money::ZERO));
    /// // Persons are active at least the year they are settled.
    /// assert!(CostModel::new(0, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("x")).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        window_years: usize,
        fixed_per_active_person: Ratio,
        adjustment: Ratio,
        source: Source,
    ) -> Result<CostModel> {
        if window_years == 0 {
            return Err(Error::invalid(
                "cost window",
                "0 years",
                "persons are active for at least the year they are settled",
            ));
        }
        ratio_parts(&fixed_per_active_person, "fixed cost per person")?;
        adjustment_parts(&adjustment)?;
        Ok(CostModel {
            window_years,
            fixed_per_active_person,
            adjustment,
            initial_fixed: Money::ZERO,
            variable_per_active_person: Money::ZERO,
            source,
        })
    }

    /// With fixed costs of `amount` in the year before the projection starts.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a negative amount or one that is not whole øre.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::projection::CostModel;
    /// use bosetting::{Money, Ratio, Source};
    ///
    /// let cost = CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("økonomiplan"))?;
    /// let cost = cost.with_initial_fixed(Money::kroner(3_500_000))?;
    /// assert_eq!(cost.initial_fixed, Money::kroner(3_500_000));
    /// assert!(cost.with_initial_fixed(Money::kroner(-1)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_initial_fixed(mut self, amount: Money) -> Result<CostModel> {
        not_negative(amount, "initial fixed costs")?;
        self.initial_fixed = amount;
        Ok(self)
    }

    /// With a variable cost of `amount` per active person per year.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a negative amount or one that is not whole øre.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::projection::CostModel;
    /// use bosetting::{Money, Ratio, Source};
    ///
    /// let cost = CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("økonomiplan"))?;
    /// use bosetting::rust_decimal::Decimal;
    ///
    /// let cost = cost.with_variable_per_active_person(Money::kroner(15_000))?;
    /// assert_eq!(cost.variable_per_active_person, Money::kroner(15_000));
    /// // Negative costs, and amounts finer than whole øre, are refused.
    /// assert!(cost.clone().with_variable_per_active_person(Money::kroner(-15_000)).is_err());
    /// assert!(cost.with_variable_per_active_person(Money::new(Decimal::new(1, 3))).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_variable_per_active_person(mut self, amount: Money) -> Result<CostModel> {
        not_negative(amount, "variable cost per person")?;
        self.variable_per_active_person = amount;
        Ok(self)
    }
}

/// The refugee fund in the projection.
///
/// Built by [`FundModel::new`] and [`FundModel::with_floor`]; `#[non_exhaustive]`: it may
/// gain parts, each with a default and a setter.
///
/// # Example
///
/// ```
/// use bosetting::projection::FundModel;
/// use bosetting::{Money, Source};
///
/// let fund = FundModel::new(Money::kroner(30_000_000), Source::new("årsregnskap 2023"))
///     .with_floor(Money::kroner(5_000_000));
/// assert_eq!(fund.floor, Some(Money::kroner(5_000_000)));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FundModel {
    /// Balance before the first projected year.
    pub opening: Money,
    /// The fund may not go below this; a deficit beyond it is recorded as *uncovered* (to be
    /// met from the general budget), never silently dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Money>,
    /// Where the opening balance and the floor come from.
    #[serde(default)]
    pub source: Source,
}

impl FundModel {
    /// A fund that opens at `opening` (a negative balance is a deficit carried in) with no
    /// floor.
    pub fn new(opening: Money, source: Source) -> FundModel {
        FundModel {
            opening,
            floor: None,
            source,
        }
    }

    /// With a floor the fund may not go below (any amount: a negative floor allows that
    /// much deficit before it is uncovered).
    pub fn with_floor(mut self, floor: Money) -> FundModel {
        self.floor = Some(floor);
        self
    }
}

/// Everything the engine needs besides the settled persons.
///
/// Built by [`ProjectionParams::new`], which checks that the parts agree (the rates start
/// with the history and cover every year); [`Engine::new`] checks the rest.
/// `#[non_exhaustive]`: it may gain parts, each with a default and a setter.
///
/// # Example
///
/// ```
/// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
/// # use bosetting::{Money, Ratio, Source, Year};
/// # let y0 = Year::new(2019)?;
/// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
/// # let params = ProjectionParams::new(y0, 2, 3,
/// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
/// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
/// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
/// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
/// # let engine = Engine::new(params.clone())?;
/// // Parameters kept in a file read back the same...
/// let json = serde_json::to_string(&params)?;
/// assert_eq!(serde_json::from_str::<ProjectionParams>(&json)?, params);
/// // ...and the engine checks what a file gives: here, more years than the rates cover.
/// let mut longer = params.clone();
/// longer.future_years = 10;
/// let read: ProjectionParams = serde_json::from_str(&serde_json::to_string(&longer)?)?;
/// assert!(Engine::new(read).is_err());
/// assert_eq!(engine.params(), &params);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProjectionParams {
    /// The first history year.
    pub first_year: Year,
    /// Number of history years (settled persons known).
    pub history_years: usize,
    /// Number of projected years.
    pub future_years: usize,
    /// The share of persons in each grant category; each category's count is floored, and
    /// the persons lost to flooring draw no grant (each year reports how many).
    pub category_shares: CategoryShares,
    /// Rates per cohort year; must cover every history and projected year.
    pub rates: CohortRates,
    /// Costs.
    pub cost: CostModel,
    /// The fund.
    pub fund: FundModel,
}

impl ProjectionParams {
    /// The parameters of a projection of `future_years` after `history_years` (at least
    /// 1) of known settlement from `first_year`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for no history years or rates that do not start in
    /// `first_year`; [`Error::MissingRate`] naming the first cohort year the rates do not
    /// cover.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, FundModel, ProjectionParams};
    /// use bosetting::{Money, Ratio, Source, Year};
    ///
    /// let src = || Source::new("økonomiplan");
    /// let y0 = Year::new(2019)?;
    /// let shares = CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), src())?;
    /// let cost = CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, src())?;
    /// let fund = FundModel::new(Money::kroner(1_000_000), src());
    /// let rates = |from: Year, years| CohortRates::uniform(from, years, ByCategory::all([Money::kroner(100_000); 5]), src());
    ///
    /// // Two history years and three projected: rates for five cohorts from 2019.
    /// let params = ProjectionParams::new(y0, 2, 3, shares.clone(), rates(y0, 5), cost.clone(), fund.clone())?;
    /// assert_eq!(params.future_years, 3);
    /// // Rates for four cohorts do not cover 2023.
    /// let short = ProjectionParams::new(y0, 2, 3, shares.clone(), rates(y0, 4), cost.clone(), fund.clone());
    /// assert!(matches!(short, Err(bosetting::Error::MissingRate { .. })));
    /// // Rates that start in another year than the history.
    /// assert!(ProjectionParams::new(y0, 2, 3, shares, rates(Year::new(2018)?, 6), cost, fund).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        first_year: Year,
        history_years: usize,
        future_years: usize,
        category_shares: CategoryShares,
        rates: CohortRates,
        cost: CostModel,
        fund: FundModel,
    ) -> Result<ProjectionParams> {
        let params = ProjectionParams {
            first_year,
            history_years,
            future_years,
            category_shares,
            rates,
            cost,
            fund,
        };
        params.check_years()?;
        Ok(params)
    }

    /// The years agree: a history, rates that start with it and cover every year.
    fn check_years(&self) -> Result<()> {
        let h = self.history_years;
        let w = self.cost.window_years;
        if h == 0 || w == 0 {
            return Err(Error::invalid(
                "projection",
                format!("history {h} years, window {w} years"),
                "needs at least one history year and a window of at least one year",
            ));
        }
        if self.rates.first_year != self.first_year {
            return Err(Error::invalid(
                "projection rates first year",
                self.rates.first_year,
                format!("the history starts in {}", self.first_year),
            ));
        }
        let years = h.saturating_add(self.future_years);
        if self.rates.rates.len() < years {
            let missing = self
                .first_year
                .offset(i32::try_from(self.rates.rates.len()).unwrap_or(i32::MAX))?;
            return Err(Error::MissingRate {
                table: "projection cohort rates",
                key: format!("cohort year {missing}"),
            });
        }
        Ok(())
    }
}

/// The old name of [`SettlementPath`] (it shadowed `std::path::Path` in programs that use
/// both).
#[deprecated(since = "0.2.0", note = "renamed SettlementPath")]
pub type Path = SettlementPath;

/// A planned settlement path for the projected years.
///
/// # Example
///
/// ```
/// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
/// # use bosetting::{Money, Ratio, Source, Year};
/// # let y0 = Year::new(2019)?;
/// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
/// # let params = ProjectionParams::new(y0, 2, 3,
/// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
/// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
/// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
/// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
/// # let engine = Engine::new(params.clone())?;
/// // Two ways to say the same plan after 40 settled in the last history year.
/// let by_count = engine.project(&[40, 40], &SettlementPath::Persons(vec![40, 20, 10]))?;
/// let by_percent = engine.project(&[40, 40], &SettlementPath::PercentOfLastYear(vec![100, 50, 25]))?;
/// assert_eq!(by_count, by_percent);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "scenario")]
#[doc(alias = "bosettingsplan")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SettlementPath {
    /// Persons per projected year.
    Persons(Vec<u32>),
    /// Per projected year, this percentage of the last history year's persons, floored
    /// (`[100, 80, 50]`: the same as last year, then 80 %, then half).
    PercentOfLastYear(Vec<u32>),
}

/// One projected year for one municipality.
///
/// # Example
///
/// ```
/// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
/// # use bosetting::{Money, Ratio, Source, Year};
/// # let y0 = Year::new(2019)?;
/// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
/// # let params = ProjectionParams::new(y0, 2, 3,
/// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
/// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
/// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
/// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
/// # let engine = Engine::new(params.clone())?;
/// let years = engine.project(&[40, 40], &SettlementPath::Persons(vec![40, 20, 0]))?;
/// let first = &years[0];
/// assert_eq!((first.year, first.persons), (Year::new(2021)?, 40));
/// // Settled in the five-year window: 40 + 40 + 40.
/// assert_eq!(first.active, 120);
/// // Every rate is in the given table: nothing assumed, and no person lost to flooring.
/// assert!(years.iter().all(|y| !y.rates_assumed && y.lost_to_flooring == 0));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ProjectionYear {
    /// The year.
    pub year: Year,
    /// Persons settled.
    pub persons: u32,
    /// Of this year's persons, those no category counts once each category's count is
    /// floored (persons − Σ ⌊persons × share⌋, 0 to 3): they draw no grant.
    pub lost_to_flooring: u32,
    /// Persons active (settled in the cost window).
    pub active: i64,
    /// Integration grant income.
    pub income: Money,
    /// Fixed costs.
    pub fixed_costs: Money,
    /// Variable costs.
    pub variable_costs: Money,
    /// Income − costs.
    pub result: Money,
    /// Fund balance at the end of the year.
    pub fund: Money,
    /// Deficit the fund could not cover (it stood at its floor).
    pub uncovered: Money,
    /// Whether a rate paid this year is an assumption (not in the rate table).
    pub rates_assumed: bool,
}

/// A scenario's outcome over all municipalities.
///
/// # Example
///
/// ```
/// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
/// # use bosetting::{Money, Ratio, Source, Year};
/// # let y0 = Year::new(2019)?;
/// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
/// # let params = ProjectionParams::new(y0, 2, 3,
/// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
/// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
/// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
/// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
/// # let engine = Engine::new(params.clone())?;
/// let stop = SettlementPath::Persons(vec![0, 0, 0]);
/// let s = &engine.run(&[40, 40, 10, 10], &[stop.clone()])?[0];
/// // The sums over the municipalities of what each one's own projection gives.
/// let each = [[40, 40], [10, 10]].map(|h| engine.compare(&h, &[("stopp".to_owned(), stop.clone())]));
/// let mut uncovered = Money::ZERO;
/// let mut at_floor = 0;
/// for c in each {
///     let c = c?;
///     uncovered = uncovered.checked_add(c[0].uncovered)?;
///     at_floor += u32::from(c[0].final_fund <= Money::ZERO);
/// }
/// assert_eq!((s.uncovered, s.at_floor), (uncovered, at_floor));
/// // Sainte-Laguë places every person.
/// assert_eq!(s.lost_to_flooring, 0);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenarioSummary {
    /// Sum of the final fund balances.
    pub final_fund: Money,
    /// Sum of the deficits the funds could not cover, over all years.
    pub uncovered: Money,
    /// Municipalities whose fund ends at its floor.
    pub at_floor: u32,
    /// Persons of the projected years that no category counts, over all municipalities
    /// (only under [`Apportionment::FloorEach`]; 0 otherwise): they draw no grant.
    #[serde(default)]
    pub lost_to_flooring: u64,
}

/// One scenario of a side-by-side comparison for one municipality.
///
/// # Example
///
/// ```
/// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
/// # use bosetting::{Money, Ratio, Source, Year};
/// # let y0 = Year::new(2019)?;
/// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
/// # let params = ProjectionParams::new(y0, 2, 3,
/// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
/// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
/// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
/// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
/// # let engine = Engine::new(params.clone())?;
/// let side = engine.compare(&[40, 40], &[("stopp".to_owned(), SettlementPath::Persons(vec![0, 0, 0]))])?;
/// let stop = &side[0];
/// let lowest = stop.years.iter().map(|y| y.fund).min();
/// assert_eq!(Some(stop.lowest_fund), lowest);
/// assert_eq!(Some(stop.final_fund), stop.years.last().map(|y| y.fund));
/// assert!(stop.summary.to_string().starts_with("stopp: the fund"));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScenarioComparison {
    /// The scenario's name.
    pub name: String,
    /// The projected years.
    pub years: Vec<ProjectionYear>,
    /// The first year the fund stands at its floor, if it does.
    pub first_year_at_floor: Option<Year>,
    /// The lowest fund balance.
    pub lowest_fund: Money,
    /// The fund at the end.
    pub final_fund: Money,
    /// Deficits the fund could not cover, summed.
    pub uncovered: Money,
    /// In words: "gradual: the fund stays above its floor (lowest 3,2 mill)".
    pub summary: crate::phrase::Phrase,
}

/// The compiled engine.
///
/// # Example
///
/// ```
/// use bosetting::projection::{
///     ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams,
///     SettlementPath,
/// };
/// use bosetting::{Money, Ratio, Source, Year};
///
/// let y0 = Year::new(2019)?;
/// let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
/// let params = ProjectionParams::new(
///     y0,
///     2,
///     3,
///     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
///     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
///     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
///     FundModel::new(Money::ZERO, Source::new("example")).with_floor(Money::ZERO),
/// )?;
/// let engine = Engine::new(params)?;
/// let path = SettlementPath::Persons(vec![40, 20, 0]);
/// let years = engine.project(&[40, 40], &path)?;
/// assert_eq!(years.len(), 3);
/// // 2021 draws grant year 3 for the 2019 cohort, 2 for 2020 and 1 for 2021:
/// assert_eq!(years[0].income, Money::kroner(40 * (60_000 + 80_000 + 100_000)));
/// // Why: every cohort's grant, the costs and the fund's movement.
/// let why = engine.explain_year(&[40, 40], &path, Year::new(2021)?)?;
/// assert_eq!(why.inputs[1].label, "grant income");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "framskriving")]
#[derive(Debug, Clone)]
pub struct Engine {
    params: ProjectionParams,
    h: usize,
    f: usize,
    w: usize,
    /// øre per person, by cohort: [category][grant year]
    rates: Vec<[[i64; 5]; 4]>,
    max_rate: i128,
    /// Share numerators over one common denominator, so that remainders compare directly.
    share_n: [u64; 4],
    share_d: [u64; 4],
    share_den: i64,
    apportionment: Apportionment,
    fixed_num: i64,
    fixed_d: u64,
    adj_num: i64,
    adj_d: u64,
    variable: i64,
    initial_fixed: i64,
    opening: i64,
    floor: Option<i64>,
    floor_or_min: i64,
    /// Per projected year: whether a rate paid in it is assumed.
    assumed: Vec<bool>,
}

/// The divisions of one call, chosen for the bounds proven from that call's inputs.
#[derive(Debug, Clone, Copy)]
struct Plan {
    share_num: [i64; 4],
    share_div: [FloorDiv; 4],
    path_div: FloorDiv,
    fixed_div: FloorDiv,
    adj_div: FloorDiv,
}

/// Below this many scenarios per thread, [`Engine::run`] does not start another thread.
const RUN_CHUNK_MIN: usize = 8;

/// One scenario's sums over the municipalities, in øre and persons.
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    fund: i128,
    uncovered: i128,
    lost: i128,
    at_floor: u32,
}

/// Exact floor division by a fixed positive divisor, chosen once for the divisor: nothing
/// for 1, a shift for a power of two (an arithmetic shift is floor division, negative
/// numbers included), a multiplication when the engine has proven that numerator × divisor
/// < 2⁶⁴ (then ⌊n·⌈2⁶⁴/d⌉ / 2⁶⁴⌋ = ⌊n/d⌋), and plain division otherwise. The choice is one
/// well-predicted branch per division.
#[derive(Debug, Clone, Copy)]
enum FloorDiv {
    One,
    Shift(u32),
    Magic { d: i64, magic: u64 },
    Plain(i64),
}

impl FloorDiv {
    /// A divisor `d` for numerators up to `max_numerator` in absolute value.
    fn new(d: u64, max_numerator: u128) -> Result<FloorDiv> {
        if d == 0 {
            return Err(Error::DivisionByZero {
                operation: "projection parameters".into(),
            });
        }
        let di = i64::try_from(d).map_err(|_| Error::overflow("projection divisor"))?;
        if d == 1 {
            return Ok(FloorDiv::One);
        }
        if d.is_power_of_two() {
            return Ok(FloorDiv::Shift(d.trailing_zeros()));
        }
        // Negative numerators are brought to non-negative by adding at most d.
        let exact = max_numerator
            .checked_add(u128::from(d))
            .and_then(|n| n.checked_mul(u128::from(d)))
            .is_some_and(|p| p < (1u128 << 64));
        if exact {
            // ⌈2⁶⁴ / d⌉ fits a u64 for d ≥ 2.
            let magic = u64::try_from((1u128 << 64).div_ceil(u128::from(d))).unwrap_or(u64::MAX);
            Ok(FloorDiv::Magic { d: di, magic })
        } else {
            Ok(FloorDiv::Plain(di))
        }
    }

    /// ⌊n / d⌋ for 0 ≤ n within the proven bound.
    #[inline(always)]
    fn div(self, n: i64) -> i64 {
        match self {
            FloorDiv::One => n,
            FloorDiv::Shift(k) => n >> k,
            // n ≥ 0, so the cast keeps its value; the quotient is at most n, so it fits.
            FloorDiv::Magic { magic, .. } => {
                ((u128::from(n as u64).wrapping_mul(u128::from(magic))) >> 64) as i64
            }
            FloorDiv::Plain(d) => n.checked_div(d).unwrap_or(0),
        }
    }

    /// ⌊x / d⌋ toward minus infinity for a signed x within the proven bound.
    #[inline(always)]
    fn floor_signed(self, x: i64) -> i64 {
        match self {
            FloorDiv::One => x,
            FloorDiv::Shift(k) => x >> k,
            FloorDiv::Magic { d, .. } | FloorDiv::Plain(d) => {
                if x >= 0 {
                    self.div(x)
                } else {
                    // ⌊x/d⌋ = −⌈|x|/d⌉ = −⌊(|x| + d − 1)/d⌋
                    self.div(x.wrapping_neg().wrapping_add(d).wrapping_sub(1))
                        .wrapping_neg()
                }
            }
        }
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        let r = a.checked_rem(b).unwrap_or(0);
        a = b;
        b = r;
    }
    a
}

/// A ratio of whole numbers in lowest terms (floor(x·n/d) is the same for n/d and for the
/// reduced fraction).
fn reduced(n: u64, d: u64) -> (u64, u64) {
    match gcd(n, d) {
        0 | 1 => (n, d),
        g => (n.checked_div(g).unwrap_or(n), d.checked_div(g).unwrap_or(d)),
    }
}

fn ratio_parts(r: &Ratio, what: &str) -> Result<(u64, u64)> {
    let bad = || {
        Error::invalid(
            what.to_owned(),
            r,
            "the engine needs a non-negative ratio of whole numbers",
        )
    };
    let n = r.numerator();
    let d = r.denominator();
    if !n.fract().is_zero() || !d.fract().is_zero() || n.is_sign_negative() {
        return Err(bad());
    }
    let n = u64::try_from(n).map_err(|_| bad())?;
    let d = u64::try_from(d).map_err(|_| bad())?;
    Ok(reduced(n, d))
}

fn ore(m: Money, what: &str) -> Result<i64> {
    m.to_ore()
        .ok_or_else(|| Error::invalid(what.to_owned(), m, "not a whole number of øre within range"))
}

/// A grant rate in øre.
fn rate_ore(r: Money) -> Result<i64> {
    let v = ore(r, "projection rate")?;
    if v < 0 {
        return Err(Error::invalid("projection rate", r, "must not be negative"));
    }
    Ok(v)
}

/// The cost adjustment's parts: a share from 0 to 1.
fn adjustment_parts(adjustment: &Ratio) -> Result<(u64, u64)> {
    let (n, d) = ratio_parts(adjustment, "cost adjustment")?;
    if n > d {
        return Err(Error::invalid(
            "cost adjustment",
            adjustment,
            "a lag closes at most the whole gap (a share from 0 to 1)",
        ));
    }
    Ok((n, d))
}

/// A cost in øre; a negative cost would be income the model has no source for.
fn not_negative(m: Money, what: &str) -> Result<i64> {
    if m.is_negative() {
        return Err(Error::invalid(
            what.to_owned(),
            m,
            "a cost cannot be negative; write income as grants, not as a negative cost",
        ));
    }
    ore(m, what)
}

/// Values the engine stays below; chosen so that every intermediate sum fits an i64.
const LIMIT: i128 = (i64::MAX as i128) / 4;

fn within(v: i128, what: &str) -> Result<i128> {
    if v.abs() > LIMIT {
        return Err(Error::overflow(format!(
            "projection bounds: {what} could reach {v} øre, beyond what the engine computes exactly"
        )));
    }
    Ok(v)
}

/// The largest value in `v`, or 0.
fn max_of(v: &[u32]) -> u32 {
    v.iter().copied().max().unwrap_or(0)
}

impl Engine {
    /// Compiles the parameters into integer tables. Bounds on the persons are proven later,
    /// by each call, from the histories and paths it is given.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for inconsistent dimensions or non-integral parameters,
    /// negative costs or rates, or an adjustment above 1;
    /// [`Error::MissingRate`] if the rates do not cover every cohort year.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
    /// # use bosetting::{Money, Ratio, Source, Year};
    /// # let y0 = Year::new(2019)?;
    /// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
    /// # let params = ProjectionParams::new(y0, 2, 3,
    /// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
    /// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
    /// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
    /// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
    /// # let engine = Engine::new(params.clone())?;
    /// // Two history years (2019, 2020), three projected (2021–2023).
    /// assert_eq!(engine.params().future_years, 3);
    /// // The fields are public: a projection lengthened past its rates is refused here too.
    /// let mut longer = params;
    /// longer.future_years = 10;
    /// assert!(matches!(Engine::new(longer), Err(bosetting::Error::MissingRate { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(params: ProjectionParams) -> Result<Engine> {
        // Checked again: the fields are public, and a file's parameters come through serde.
        params.check_years()?;
        let h = params.history_years;
        let f = params.future_years;
        let w = params.cost.window_years;
        let years = h.saturating_add(f);
        let mut rates = Vec::with_capacity(years);
        let mut max_rate: i128 = 0;
        for row in params.rates.rates.iter().take(years) {
            let mut out = [[0i64; 5]; 4];
            for ((_, cat), out_cat) in row.iter().zip(out.iter_mut()) {
                for (r, slot) in cat.iter().zip(out_cat.iter_mut()) {
                    let v = rate_ore(*r)?;
                    max_rate = max_rate.max(i128::from(v));
                    *slot = v;
                }
            }
            rates.push(out);
        }
        let (share_n, den) = params.category_shares.common_parts()?;
        for n in &share_n {
            i64::try_from(*n).map_err(|_| Error::overflow("category share"))?;
        }
        let share_d = [den; 4];
        let share_den = i64::try_from(den).map_err(|_| Error::overflow("category share"))?;
        let (fn_, fixed_d) = ratio_parts(
            &params.cost.fixed_per_active_person,
            "fixed cost per person",
        )?;
        // The fixed-cost target in øre: active × per-person kroner × 100, floored.
        let fixed_num = i64::try_from(u128::from(fn_).saturating_mul(100))
            .map_err(|_| Error::overflow("fixed cost per person"))?;
        let (an, adj_d) = adjustment_parts(&params.cost.adjustment)?;
        let initial_fixed = not_negative(params.cost.initial_fixed, "initial fixed costs")?;
        let variable = not_negative(
            params.cost.variable_per_active_person,
            "variable cost per person",
        )?;
        let opening = ore(params.fund.opening, "fund opening")?;
        let floor = params
            .fund
            .floor
            .map(|m| ore(m, "fund floor"))
            .transpose()?;
        let mut assumed = vec![false; f];
        if params.rates.assumption.is_some() {
            for o in params.rates.origins.iter().filter(|o| o.known.is_some()) {
                let paid = o.grant_year.payment_year(o.cohort)?;
                let t = usize::try_from(paid.since(params.first_year)).ok();
                if let Some(slot) = t
                    .and_then(|t| t.checked_sub(h))
                    .and_then(|i| assumed.get_mut(i))
                {
                    *slot = true;
                }
            }
        }
        Ok(Engine {
            h,
            f,
            w,
            rates,
            max_rate,
            share_n,
            share_d,
            share_den,
            apportionment: params.category_shares.apportionment(),
            fixed_num,
            fixed_d,
            adj_num: i64::try_from(an).map_err(|_| Error::overflow("cost adjustment"))?,
            adj_d,
            variable,
            initial_fixed,
            opening,
            floor,
            // |fund| stays within LIMIT = i64::MAX / 4, far above i64::MIN / 2.
            floor_or_min: floor.unwrap_or(i64::MIN / 2),
            assumed,
            params,
        })
    }

    /// The parameters.
    pub fn params(&self) -> &ProjectionParams {
        &self.params
    }

    /// The first and last projected years.
    fn projected_years(&self) -> Result<(Year, Year)> {
        let off = |n: usize| {
            self.params
                .first_year
                .offset(i32::try_from(n).unwrap_or(i32::MAX))
        };
        Ok((
            off(self.h)?,
            off(self.h.saturating_add(self.f).saturating_sub(1))?,
        ))
    }

    /// Proves from the inputs' largest values that no intermediate value can overflow, and
    /// chooses each division's method for those bounds.
    fn plan(&self, histories: &[u32], paths: &[SettlementPath]) -> Result<Plan> {
        let f = self.f;
        let max_hist = max_of(histories);
        let path_den = 100u64;
        let mut max_path_num = 0u64;
        let mut max_path_persons = 0u32;
        for p in paths {
            match p {
                SettlementPath::Persons(v) => {
                    if v.len() != f {
                        return Err(path_len_error(v.len(), f));
                    }
                    max_path_persons = max_path_persons.max(max_of(v));
                }
                SettlementPath::PercentOfLastYear(v) => {
                    if v.len() != f {
                        return Err(path_len_error(v.len(), f));
                    }
                    max_path_num = max_path_num.max(u64::from(max_of(v)));
                }
            }
        }
        let max_share_persons = u128::from(max_hist)
            .saturating_mul(u128::from(max_path_num))
            .checked_div(u128::from(path_den))
            .unwrap_or(u128::MAX);
        let max_persons = i128::from(max_hist)
            .max(i128::from(max_path_persons))
            .max(i128::try_from(max_share_persons).unwrap_or(i128::MAX));
        let max_persons = within(max_persons, "persons per year")?;
        // A year reports its settled persons as a u32; a larger count would be cut there.
        if max_persons > i128::from(u32::MAX) {
            return Err(Error::invalid(
                "projection persons per year",
                max_persons,
                format!(
                    "a year's settled persons are counted up to {}; lower the history or the path's percentages",
                    u32::MAX
                ),
            ));
        }
        let path_div = FloorDiv::new(
            path_den,
            u128::from(max_hist).saturating_mul(u128::from(max_path_num)),
        )?;
        let mut share_num = [0i64; 4];
        let mut share_div = [FloorDiv::One; 4];
        let mut max_cat: i128 = 0;
        for (((n, d), sn), sd) in self
            .share_n
            .iter()
            .zip(&self.share_d)
            .zip(&mut share_num)
            .zip(&mut share_div)
        {
            let max_n = u128::try_from(max_persons)
                .unwrap_or(0)
                .saturating_mul(u128::from(*n));
            *sn = i64::try_from(*n).map_err(|_| Error::overflow("category share"))?;
            *sd = FloorDiv::new(*d, max_n)?;
            max_cat = max_cat.max(within(
                i128::try_from(max_n.checked_div(u128::from(*d)).unwrap_or(u128::MAX))
                    .unwrap_or(i128::MAX),
                "persons per category",
            )?);
        }
        let max_income = within(
            max_cat.saturating_mul(self.max_rate).saturating_mul(20),
            "grant income in a year",
        )?;
        let max_active = within(max_persons.saturating_mul(self.w as i128), "active persons")?;
        let max_target_num = u128::try_from(max_active)
            .unwrap_or(0)
            .saturating_mul(u128::try_from(self.fixed_num).unwrap_or(u128::MAX));
        let fixed_div = FloorDiv::new(self.fixed_d, max_target_num)?;
        let max_target = within(
            i128::try_from(
                max_target_num
                    .checked_div(u128::from(self.fixed_d))
                    .unwrap_or(u128::MAX),
            )
            .unwrap_or(i128::MAX),
            "fixed cost target",
        )?;
        let max_fixed = within(
            max_target
                .max(i128::from(self.initial_fixed).abs())
                .saturating_add(f as i128),
            "fixed costs",
        )?;
        let max_gap = within(max_target.saturating_add(max_fixed), "cost gap")?;
        let an = u64::try_from(self.adj_num).unwrap_or(u64::MAX);
        let adj_div = FloorDiv::new(
            self.adj_d,
            u128::try_from(max_gap)
                .unwrap_or(0)
                .saturating_mul(u128::from(an))
                .saturating_add(u128::from(self.adj_d)),
        )?;
        within(max_gap.saturating_mul(i128::from(an)), "cost adjustment")?;
        let max_variable = within(
            max_active.saturating_mul(i128::from(self.variable).abs()),
            "variable costs",
        )?;
        let yearly = max_income
            .saturating_add(max_fixed)
            .saturating_add(max_variable);
        within(
            i128::from(self.opening)
                .abs()
                .saturating_add(yearly.saturating_mul(f as i128))
                .saturating_add(i128::from(self.floor.unwrap_or(0)).abs()),
            "fund balance",
        )?;
        Ok(Plan {
            share_num,
            share_div,
            path_div,
            fixed_div,
            adj_div,
        })
    }

    fn check_history(&self, history: &[u32]) -> Result<()> {
        if history.len() != self.h {
            return Err(Error::invalid(
                "history",
                format!("{} years", history.len()),
                format!("the engine was built for {} history years", self.h),
            ));
        }
        Ok(())
    }

    /// Under [`Apportionment::Exact`], refuses a history year whose persons the shares do
    /// not split into whole persons.
    fn check_exact_history(&self, histories: &[u32], national: bool) -> Result<()> {
        if self.apportionment != Apportionment::Exact {
            return Ok(());
        }
        for (m, history) in histories.chunks_exact(self.h).enumerate() {
            for (t, &p) in history.iter().enumerate() {
                self.exact_year(t, u64::from(p), national.then_some(m))?;
            }
        }
        Ok(())
    }

    /// Whether year `t`'s persons split exactly, as an error naming the year (and, in a
    /// national run, the municipality's place in the histories, counted from 1).
    fn exact_year(&self, t: usize, persons: u64, municipality: Option<usize>) -> Result<()> {
        self.params.category_shares.split(persons).map_err(|e| {
            let mut at = match self
                .params
                .first_year
                .offset(i32::try_from(t).unwrap_or(i32::MAX))
            {
                Ok(y) => format!("{persons} persons settled in {y}"),
                Err(_) => format!("{persons} persons settled in year index {t}"),
            };
            if let Some(m) = municipality {
                at.push_str(&format!(
                    ", municipality {} of the histories",
                    m.saturating_add(1)
                ));
            }
            match e {
                Error::InvalidValue { reason, .. } => {
                    Error::invalid("projection category split", at, reason)
                }
                other => other,
            }
        })?;
        Ok(())
    }

    /// Every projected year for one municipality under one path, in [`Money`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a history or path of the wrong length, or more persons
    /// in a year than a [`ProjectionYear`] reports; [`Error::Overflow`] if the inputs are
    /// so large that an intermediate value could overflow.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
    /// # use bosetting::{Money, Ratio, Source, Year};
    /// # let y0 = Year::new(2019)?;
    /// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
    /// # let params = ProjectionParams::new(y0, 2, 3,
    /// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
    /// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
    /// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
    /// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
    /// # let engine = Engine::new(params.clone())?;
    /// // Two history years (2019, 2020), three projected (2021–2023).
    /// let years = engine.project(&[40, 40], &SettlementPath::PercentOfLastYear(vec![100, 50, 0]))?;
    /// let persons: Vec<u32> = years.iter().map(|y| y.persons).collect();
    /// assert_eq!(persons, [40, 20, 0]);
    /// // Each year's result is its income less its costs.
    /// for y in &years {
    ///     assert_eq!(y.result, y.income.checked_sub(y.fixed_costs)?.checked_sub(y.variable_costs)?);
    /// }
    /// // Two history years, not three.
    /// assert!(engine.project(&[40, 40, 40], &SettlementPath::Persons(vec![0, 0, 0])).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn project(&self, history: &[u32], path: &SettlementPath) -> Result<Vec<ProjectionYear>> {
        self.check_history(history)?;
        self.check_exact_history(history, false)?;
        let plan = self.plan(history, std::slice::from_ref(path))?;
        let mut scratch = Scratch::new(self.h, self.f);
        let mut out = Vec::with_capacity(self.f);
        let hist_income = self.history_income(&plan, history);
        self.run_one(&plan, history, &hist_income, path, &mut scratch, |t, y| {
            out.push((t, y));
        });
        out.into_iter()
            .map(|(t, y)| {
                if self.apportionment == Apportionment::Exact && y.lost != 0 {
                    self.exact_year(t, u64::from(y.persons), None)?;
                }
                Ok(ProjectionYear {
                    year: self
                        .params
                        .first_year
                        .offset(i32::try_from(t).unwrap_or(i32::MAX))?,
                    persons: y.persons,
                    lost_to_flooring: u32::try_from(y.lost).unwrap_or(u32::MAX),
                    active: y.active,
                    income: Money::from_ore(y.income),
                    fixed_costs: Money::from_ore(y.fixed),
                    variable_costs: Money::from_ore(y.variable),
                    result: Money::from_ore(y.result),
                    fund: Money::from_ore(y.fund),
                    uncovered: Money::from_ore(y.uncovered),
                    rates_assumed: t
                        .checked_sub(self.h)
                        .and_then(|i| self.assumed.get(i))
                        .copied()
                        .unwrap_or(false),
                })
            })
            .collect()
    }

    /// Projects one municipality under several named paths, side by side: when (if ever)
    /// each empties the fund, its lowest and final balance, and what the fund could not
    /// cover.
    ///
    /// # Errors
    ///
    /// As [`Engine::project`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
    /// # use bosetting::{Money, Ratio, Source, Year};
    /// # let y0 = Year::new(2019)?;
    /// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
    /// # let params = ProjectionParams::new(y0, 2, 3,
    /// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
    /// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
    /// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
    /// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
    /// # let engine = Engine::new(params.clone())?;
    /// // Two history years (2019, 2020), three projected (2021–2023).
    /// let scenarios = [
    ///     ("steady".to_owned(), SettlementPath::Persons(vec![40, 40, 40])),
    ///     ("stop".to_owned(), SettlementPath::Persons(vec![0, 0, 0])),
    /// ];
    /// let side_by_side = engine.compare(&[40, 40], &scenarios)?;
    /// assert_eq!(side_by_side.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["steady", "stop"]);
    /// for s in &side_by_side {
    ///     assert_eq!(Some(s.final_fund), s.years.last().map(|y| y.fund));
    ///     assert!(s.lowest_fund <= s.final_fund);
    /// }
    /// // A path of the wrong length ends the comparison.
    /// assert!(engine.compare(&[40, 40], &[("short".to_owned(), SettlementPath::Persons(vec![1]))]).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn compare(
        &self,
        history: &[u32],
        scenarios: &[(String, SettlementPath)],
    ) -> Result<Vec<ScenarioComparison>> {
        let mut out = Vec::with_capacity(scenarios.len());
        for (name, path) in scenarios {
            let years = self.project(history, path)?;
            let at_floor = |y: &ProjectionYear| {
                y.uncovered > Money::ZERO || self.params.fund.floor.is_some_and(|f| y.fund <= f)
            };
            let first = years.iter().find(|y| at_floor(y));
            let first_year_at_floor = first.map(|y| y.year);
            let lowest_fund = years
                .iter()
                .map(|y| y.fund)
                .min()
                .unwrap_or(self.params.fund.opening);
            let final_fund = years.last().map_or(self.params.fund.opening, |y| y.fund);
            let uncovered = Money::sum(years.iter().map(|y| y.uncovered))?;
            let summary = match first {
                Some(y) => {
                    let n = y
                        .year
                        .since(self.params.first_year)
                        .saturating_sub(i32::try_from(self.h).unwrap_or(i32::MAX));
                    crate::phrase::Phrase::new(
                        "{name}: the fund reaches its floor in {year} (projection year {n}); {uncovered} left uncovered",
                    )
                    .with("year", y.year)
                    .with("n", n.saturating_add(1))
                    .with("uncovered", crate::explain::Quantity::money(uncovered))
                }
                None => crate::phrase::Phrase::new(
                    "{name}: the fund stays above its floor (lowest {lowest}, final {final})",
                )
                .with("lowest", crate::explain::Quantity::money(lowest_fund))
                .with("final", crate::explain::Quantity::money(final_fund)),
            }
            .with("name", crate::phrase::Arg::verbatim(name.clone()));
            out.push(ScenarioComparison {
                name: name.clone(),
                years,
                first_year_at_floor,
                lowest_fund,
                final_fund,
                uncovered,
                summary,
            });
        }
        Ok(out)
    }

    /// Runs every scenario over every municipality (`histories` holds `history_years`
    /// values per municipality, one municipality after another) and sums each scenario's
    /// outcome. The result does not depend on the order of the municipalities.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `histories` is not a whole number of histories or a path
    /// has the wrong length; as [`Engine::project`] for inputs too large.
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
    /// # use bosetting::{Money, Ratio, Source, Year};
    /// # let y0 = Year::new(2019)?;
    /// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
    /// # let params = ProjectionParams::new(y0, 2, 3,
    /// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
    /// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
    /// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
    /// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
    /// # let engine = Engine::new(params.clone())?;
    /// // Two history years (2019, 2020), three projected (2021–2023).
    /// // Two municipalities' histories, one after the other, under two scenarios.
    /// let histories = [40, 40, 10, 10];
    /// let scenarios = [SettlementPath::Persons(vec![40, 20, 0]), SettlementPath::Persons(vec![0, 0, 0])];
    /// let summaries = engine.run(&histories, &scenarios)?;
    /// // A scenario's final fund is the sum of each municipality's.
    /// for (summary, path) in summaries.iter().zip(&scenarios) {
    ///     let last = |h: &[u32]| -> bosetting::Result<Money> { Ok(engine.project(h, path)?.last().map_or(Money::ZERO, |y| y.fund)) };
    ///     assert_eq!(summary.final_fund, last(&[40, 40])?.checked_add(last(&[10, 10])?)?);
    /// }
    /// // Three values are not a whole number of two-year histories.
    /// assert!(engine.run(&[40, 40, 10], &scenarios).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn run(
        &self,
        histories: &[u32],
        scenarios: &[SettlementPath],
    ) -> Result<Vec<ScenarioSummary>> {
        if histories.len().checked_rem(self.h) != Some(0) {
            return Err(Error::invalid(
                "histories",
                format!("{} values", histories.len()),
                format!("expected a multiple of {} history years", self.h),
            ));
        }
        self.check_exact_history(histories, true)?;
        let plan = self.plan(histories, scenarios)?;
        let mut hist_income: Vec<i64> = Vec::with_capacity(histories.len().saturating_mul(self.f));
        for m in histories.chunks_exact(self.h) {
            hist_income.extend_from_slice(&self.history_income(&plan, m));
        }
        // Scenarios are independent: each thread takes a contiguous run of them, and the
        // results come back in the scenarios' order, so the output does not depend on the
        // number of threads.
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(scenarios.len().div_ceil(RUN_CHUNK_MIN))
            .max(1);
        let per_thread = scenarios.len().div_ceil(threads).max(1);
        let sums: Vec<Sums> = if threads == 1 {
            self.run_scenarios(&plan, histories, &hist_income, scenarios)
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = scenarios
                    .chunks(per_thread)
                    .map(|chunk| {
                        let (plan, hist_income) = (&plan, &hist_income);
                        scope.spawn(move || self.run_scenarios(plan, histories, hist_income, chunk))
                    })
                    .collect();
                let mut all = Vec::with_capacity(scenarios.len());
                for handle in handles {
                    match handle.join() {
                        Ok(part) => all.extend(part),
                        Err(panic) => std::panic::resume_unwind(panic),
                    }
                }
                all
            })
        };
        let mut out = Vec::with_capacity(scenarios.len());
        for (sum, path) in sums.into_iter().zip(scenarios) {
            if self.apportionment == Apportionment::Exact && sum.lost != 0 {
                return Err(self.first_inexact(&plan, histories, path));
            }
            out.push(ScenarioSummary {
                final_fund: money_of(sum.fund)?,
                uncovered: money_of(sum.uncovered)?,
                at_floor: sum.at_floor,
                lost_to_flooring: u64::try_from(sum.lost).unwrap_or(u64::MAX),
            });
        }
        Ok(out)
    }

    /// The hot loop of [`Engine::run`] over some scenarios, on one thread.
    fn run_scenarios(
        &self,
        plan: &Plan,
        histories: &[u32],
        hist_income: &[i64],
        scenarios: &[SettlementPath],
    ) -> Vec<Sums> {
        let mut scratch = Scratch::new(self.h, self.f);
        let last_t = self.h.saturating_add(self.f).saturating_sub(1);
        let mut out = Vec::with_capacity(scenarios.len());
        for path in scenarios {
            let mut sum = Sums::default();
            for (m, hi) in histories
                .chunks_exact(self.h)
                .zip(hist_income.chunks_exact(self.f.max(1)))
            {
                self.run_one(plan, m, hi, path, &mut scratch, |t, y| {
                    sum.uncovered = sum.uncovered.wrapping_add(i128::from(y.uncovered));
                    sum.lost = sum.lost.wrapping_add(i128::from(y.lost));
                    if t == last_t {
                        sum.fund = sum.fund.wrapping_add(i128::from(y.fund));
                        if y.uncovered > 0 || self.floor == Some(y.fund) {
                            sum.at_floor = sum.at_floor.saturating_add(1);
                        }
                    }
                });
            }
            out.push(sum);
        }
        out
    }

    /// The error for the first projected year of `path` whose persons do not split exactly
    /// (found again, outside the hot loop, once a run has seen one).
    fn first_inexact(&self, plan: &Plan, histories: &[u32], path: &SettlementPath) -> Error {
        let mut persons = Vec::with_capacity(self.h.saturating_add(self.f));
        for (m, history) in histories.chunks_exact(self.h).enumerate() {
            self.fill_persons(plan, history, path, &mut persons);
            for (t, &p) in persons.iter().enumerate().skip(self.h) {
                if let Err(e) = self.exact_year(t, u64::try_from(p).unwrap_or(0), Some(m)) {
                    return e;
                }
            }
        }
        Error::invalid(
            "projection category split",
            "a projected year",
            "the shares do not split its persons into whole persons",
        )
    }

    /// Income in each projected year from the history cohorts (the same in every scenario).
    fn history_income(&self, plan: &Plan, history: &[u32]) -> Vec<i64> {
        let mut out = vec![0i64; self.f];
        for (c, &p) in history.iter().enumerate() {
            let (ci, _) = self.cohort_income(plan, c, i64::from(p), 5);
            for (k, inc) in ci.iter().enumerate() {
                let t = c.wrapping_add(k);
                if t < self.h {
                    continue;
                }
                if let Some(slot) = out.get_mut(t.wrapping_sub(self.h)) {
                    *slot = slot.wrapping_add(*inc);
                }
            }
        }
        out
    }

    /// A cohort's persons per category under the [`Apportionment`], and the persons no
    /// category counts. The same as [`CategoryShares::split`], in the hot loop's integers:
    /// the shares share one denominator, so the remainders compare directly.
    #[inline(always)]
    fn split(&self, plan: &Plan, persons: i64) -> ([i64; 4], i64) {
        let mut q = [0i64; 4];
        let mut counted = 0i64;
        for ((n, d), qi) in plan.share_num.iter().zip(&plan.share_div).zip(&mut q) {
            // persons × n is within the bound proven in `plan`.
            *qi = d.div(persons.wrapping_mul(*n));
            counted = counted.wrapping_add(*qi);
        }
        // The shares sum to 1, so the remainders sum to lost × den: lost is 0 to 3.
        let lost = persons.wrapping_sub(counted);
        if self.apportionment != Apportionment::SainteLague {
            return (q, lost);
        }
        // The remainders persons × n − q × den (q × den ≤ persons × n).
        let mut r = [0i128; 4];
        for ((ri, qi), n) in r.iter_mut().zip(&q).zip(&plan.share_num) {
            *ri = i128::from(
                persons
                    .wrapping_mul(*n)
                    .wrapping_sub(qi.wrapping_mul(self.share_den)),
            );
        }
        let c = sainte_lague(
            i128::from(persons),
            plan.share_num.map(i128::from),
            i128::from(self.share_den),
            q.map(i128::from),
            r,
        );
        // Each count is at most persons, which fits.
        (c.map(|x| i64::try_from(x).unwrap_or(0)), 0)
    }

    /// A cohort's grant income in each of its five grant years: its persons split by
    /// category times the cohort's rates, and the persons no category counts. Bounded by
    /// `max_income` in [`Engine::plan`]. Only the first `years` grant years are computed
    /// (the later ones fall outside the projection).
    #[inline(always)]
    fn cohort_income(
        &self,
        plan: &Plan,
        cohort: usize,
        persons: i64,
        years: usize,
    ) -> ([i64; 5], i64) {
        let mut ci = [0i64; 5];
        let (counts, lost) = self.split(plan, persons);
        let Some(rates) = self.rates.get(cohort) else {
            return (ci, lost);
        };
        for (count, row) in counts.iter().zip(rates) {
            for (acc, r) in ci.iter_mut().zip(row).take(years) {
                *acc = acc.wrapping_add(count.wrapping_mul(*r));
            }
        }
        (ci, lost)
    }

    /// The persons settled each year: the history, then the path.
    #[inline(always)]
    fn fill_persons(
        &self,
        plan: &Plan,
        history: &[u32],
        path: &SettlementPath,
        out: &mut Vec<i64>,
    ) {
        let last = i64::from(history.last().copied().unwrap_or(0));
        out.clear();
        out.extend(history.iter().map(|&p| i64::from(p)));
        match path {
            SettlementPath::Persons(v) => out.extend(v.iter().map(|&p| i64::from(p))),
            SettlementPath::PercentOfLastYear(v) => out.extend(
                v.iter()
                    .map(|&pct| plan.path_div.div(last.wrapping_mul(i64::from(pct)))),
            ),
        }
    }

    /// The hot loop: one municipality, one path. All arithmetic here is bounded by the
    /// limits proven in [`Engine::plan`], so wrapping operations never wrap.
    #[inline(always)]
    fn run_one(
        &self,
        plan: &Plan,
        history: &[u32],
        hist_income: &[i64],
        path: &SettlementPath,
        s: &mut Scratch,
        mut emit: impl FnMut(usize, YearOut),
    ) {
        let h = self.h;
        self.fill_persons(plan, history, path, &mut s.persons);
        // Income from the projected cohorts, added onto the history cohorts' income.
        s.income.clear();
        s.income.extend_from_slice(hist_income);
        s.lost.clear();
        let future = s.persons.get(h..).unwrap_or(&[]);
        for (fc, &p) in future.iter().enumerate() {
            let years = s.income.get_mut(fc..).unwrap_or(&mut []);
            let (ci, lost) = self.cohort_income(plan, h.wrapping_add(fc), p, years.len().min(5));
            for (slot, inc) in years.iter_mut().zip(ci) {
                *slot = slot.wrapping_add(inc);
            }
            s.lost.push(lost);
        }
        let start = h.saturating_sub(self.w);
        let mut active: i64 = s.persons.get(start..h).map_or(0, |x| x.iter().sum());
        let mut fixed = self.initial_fixed;
        let mut fund = self.opening;
        for (fc, &income) in s.income.iter().enumerate() {
            let t = h.wrapping_add(fc);
            active = active.wrapping_add(s.persons.get(t).copied().unwrap_or(0));
            if let Some(old) = t.checked_sub(self.w).and_then(|i| s.persons.get(i)) {
                active = active.wrapping_sub(*old);
            }
            let target = plan.fixed_div.div(active.wrapping_mul(self.fixed_num));
            let gap = target.wrapping_sub(fixed).wrapping_mul(self.adj_num);
            fixed = fixed.wrapping_add(plan.adj_div.floor_signed(gap));
            let variable = active.wrapping_mul(self.variable);
            let result = income.wrapping_sub(fixed).wrapping_sub(variable);
            fund = fund.wrapping_add(result);
            // Without branches: what the fund lacks to reach its floor is uncovered. Without
            // a floor, the floor is a value the proven bounds never reach.
            let uncovered = self.floor_or_min.wrapping_sub(fund).max(0);
            fund = fund.wrapping_add(uncovered);
            emit(
                t,
                YearOut {
                    persons: u32::try_from(s.persons.get(t).copied().unwrap_or(0))
                        .unwrap_or(u32::MAX),
                    lost: s.lost.get(fc).copied().unwrap_or(0),
                    active,
                    income,
                    fixed,
                    variable,
                    result,
                    fund,
                    uncovered,
                },
            );
        }
    }
}

impl Engine {
    /// Explains one projected year of one municipality under one path: every cohort's
    /// grant (cohort year, grant year, persons per category, the persons lost to flooring,
    /// each rate with its source or the assumption that set it), the fixed and variable
    /// costs with the cost model's source, and the fund's movement (its balance at the start,
    /// the floor and what was left uncovered). The tree's root is the fund at the end of the
    /// year; its inputs are, in order, the fund at the start of the year, the grant income,
    /// the fixed costs, the variable costs, what was uncovered and, when a rate paid that
    /// year is assumed, the rate assumption. Built on demand, outside the hot loop; the
    /// grants are recomputed here in [`Money`], so the explanation is also a check of the
    /// engine.
    ///
    /// # Example
    ///
    /// See [`Engine`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a year outside the projection; as [`Engine::project`].
    ///
    /// # Example
    ///
    /// ```
    /// # use bosetting::projection::{ByCategory, CategoryShares, CohortRates, CostModel, Engine, FundModel, ProjectionParams, SettlementPath};
    /// # use bosetting::{Money, Ratio, Source, Year};
    /// # let y0 = Year::new(2019)?;
    /// # let rate = [100_000, 80_000, 60_000, 40_000, 20_000].map(Money::kroner);
    /// # let params = ProjectionParams::new(y0, 2, 3,
    /// #     CategoryShares::new(ByCategory::all(Ratio::of(1, 4)?), Source::new("example"))?,
    /// #     CohortRates::uniform(y0, 5, ByCategory::all(rate), Source::new("example")),
    /// #     CostModel::new(5, Ratio::of(90_000, 1)?, Ratio::of(1, 2)?, Source::new("example"))?,
    /// #     FundModel::new(Money::kroner(1_000_000), Source::new("example")).with_floor(Money::ZERO))?;
    /// # let engine = Engine::new(params.clone())?;
    /// // Two history years (2019, 2020), three projected (2021–2023).
    /// use bosetting::{Quantity, Value};
    ///
    /// let path = SettlementPath::Persons(vec![40, 20, 0]);
    /// let years = engine.project(&[40, 40], &path)?;
    /// let why = engine.explain_year(&[40, 40], &path, Year::new(2022)?)?;
    /// // The root is the fund at the end of the year, as projected.
    /// assert_eq!(why.value, Quantity::money(years[1].fund));
    /// assert!(matches!(why.value.value, Value::Decimal(_)));
    /// // 2024 is past the projection.
    /// assert!(engine.explain_year(&[40, 40], &path, Year::new(2024)?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn explain_year(
        &self,
        history: &[u32],
        path: &SettlementPath,
        year: Year,
    ) -> Result<Explanation> {
        let years = self.project(history, path)?;
        let (first, last) = self.projected_years()?;
        let outside = || {
            Error::invalid(
                "projection year",
                year,
                format!("the projection covers {first}–{last}"),
            )
        };
        let i = usize::try_from(year.since(first)).map_err(|_| outside())?;
        let y = years.get(i).ok_or_else(outside)?;
        let prev = i.checked_sub(1).and_then(|j| years.get(j));
        let plan = self.plan(history, std::slice::from_ref(path))?;
        let mut persons = Vec::with_capacity(self.h.saturating_add(self.f));
        self.fill_persons(&plan, history, path, &mut persons);
        let t = self.h.saturating_add(i);

        let mut cohorts = Vec::with_capacity(5);
        let mut income = Money::ZERO;
        for k in GrantYear::ALL {
            let Some(c) = t.checked_sub(k.index()) else {
                continue;
            };
            let p = persons.get(c).copied().unwrap_or(0);
            let (grant, e) = self.explain_cohort(c, u64::try_from(p).unwrap_or(0), k)?;
            income = income.checked_add(grant)?;
            cohorts.push(e);
        }
        let income_e = Explanation::derived(
            "grant income",
            Quantity::money(income),
            "the sum of the grants for the cohorts in their grant years 1–5",
            cohorts,
        );

        let cost = &self.params.cost;
        let start = t.saturating_add(1).saturating_sub(self.w);
        let active: i64 = persons.get(start..=t).map_or(0, |x| x.iter().sum());
        let active_e = Explanation::derived(
            "active persons",
            Quantity::persons(active),
            "the persons settled in the cost window: this year and the years just before it",
            vec![Explanation::parameter(
                "cost window in years",
                Quantity::count(i64::try_from(self.w).unwrap_or(i64::MAX), Unit::Count),
                cost.source.clone(),
            )],
        );
        let target = i128::from(active)
            .checked_mul(i128::from(self.fixed_num))
            .and_then(|n| n.checked_div(i128::from(self.fixed_d)))
            .ok_or_else(|| Error::overflow("fixed cost target"))?;
        let prev_fixed_e = match prev {
            None => Explanation::parameter(
                "fixed costs before the projection",
                Quantity::money(cost.initial_fixed),
                cost.source.clone(),
            ),
            Some(p) => Explanation::derived(
                "fixed costs the year before",
                Quantity::money(p.fixed_costs),
                "the previous projected year's fixed costs",
                Vec::new(),
            ),
        };
        let fixed_e = Explanation::derived(
            "fixed costs",
            Quantity::money(y.fixed_costs),
            "fixed costs the year before + ⌊(target − fixed costs the year before) × adjustment⌋, in øre",
            vec![
                prev_fixed_e,
                Explanation::derived(
                    "fixed cost target",
                    Quantity::money(money_of(target)?),
                    "⌊active persons × fixed cost per active person⌋, in øre",
                    vec![
                        active_e.clone(),
                        Explanation::parameter(
                            "fixed cost per active person",
                            Quantity::new(Value::Ratio(cost.fixed_per_active_person), Unit::Kroner),
                            cost.source.clone(),
                        ),
                    ],
                ),
                Explanation::parameter(
                    "adjustment: share of the gap closed each year",
                    Quantity::share(cost.adjustment),
                    cost.source.clone(),
                ),
            ],
        );
        let variable_e = Explanation::derived(
            "variable costs",
            Quantity::money(y.variable_costs),
            "active persons × variable cost per active person",
            vec![
                active_e,
                Explanation::parameter(
                    "variable cost per active person",
                    Quantity::money(cost.variable_per_active_person),
                    cost.source.clone(),
                ),
            ],
        );

        let fund = &self.params.fund;
        let start_e = match prev {
            None => Explanation::parameter(
                "fund at the start of the projection",
                Quantity::money(fund.opening),
                fund.source.clone(),
            ),
            Some(p) => Explanation::derived(
                "fund at the start of the year",
                Quantity::money(p.fund),
                "the fund at the end of the previous projected year",
                Vec::new(),
            ),
        };
        let uncovered_e = match fund.floor {
            Some(floor) => Explanation::derived(
                "uncovered",
                Quantity::money(y.uncovered),
                "what the fund lacks to reach its floor: max(0, floor − (fund at the start + income − costs))",
                vec![Explanation::parameter(
                    "fund floor",
                    Quantity::money(floor),
                    fund.source.clone(),
                )],
            ),
            None => Explanation::derived(
                "uncovered",
                Quantity::money(y.uncovered),
                "the fund has no floor, so nothing is uncovered",
                Vec::new(),
            ),
        };
        let mut inputs = vec![start_e, income_e, fixed_e, variable_e, uncovered_e];
        if let (true, Some(a)) = (y.rates_assumed, &self.params.rates.assumption) {
            inputs.push(Explanation::input(
                "rate assumption",
                Quantity::text(a.phrase()),
                a.source().clone(),
            ));
        }
        Ok(Explanation::derived(
            "fund at the end of the year",
            Quantity::money(y.fund),
            "fund at the start of the year + grant income − fixed costs − variable costs + uncovered",
            inputs,
        ))
    }

    /// Where a cohort's persons come from: the history, or the scenario (an assumption).
    fn persons_source(&self, cohort: usize) -> Source {
        if cohort < self.h {
            Source::new("the settlement history given to the projection")
        } else {
            Source::new("the settlement scenario given to the projection")
                .assumed("a scenario of what may be settled, not a record")
        }
    }

    /// One cohort's grant in one grant year, category by category, in [`Money`].
    fn explain_cohort(&self, c: usize, persons: u64, k: GrantYear) -> Result<(Money, Explanation)> {
        let cohort = self
            .params
            .first_year
            .offset(i32::try_from(c).unwrap_or(i32::MAX))?;
        let src = self.persons_source(c);
        let shares = &self.params.category_shares;
        let mut inputs = vec![
            Explanation::input(
                "cohort year",
                Quantity::count(cohort.get(), Unit::Year),
                src.clone(),
            ),
            Explanation::input(
                "persons settled in the cohort year",
                Quantity::persons(i64::try_from(persons).unwrap_or(i64::MAX)),
                src,
            ),
            Explanation::derived(
                "grant year",
                Quantity::count(k.get(), Unit::Count),
                "the year − the cohort year + 1",
                Vec::new(),
            ),
        ];
        let mut total = Money::ZERO;
        let counts = shares.split(persons)?;
        let method = shares.apportionment();
        let split_formula = match method {
            Apportionment::SainteLague => {
                "persons placed one at a time, each in the category with the highest share ÷ (persons placed in it + ½) (Sainte-Laguë's method)"
            }
            Apportionment::FloorEach => {
                "⌊persons settled × the category's share⌋ (whole persons, floored)"
            }
            Apportionment::Exact => "persons settled × the category's share (a whole number)",
        };
        for (cat, share) in shares.shares().iter() {
            let count = *counts.get(cat);
            let rate =
                self.params
                    .rates
                    .rate(cohort, cat, k)
                    .ok_or_else(|| Error::MissingRate {
                        table: "projection cohort rates",
                        key: format!("cohort year {cohort}, {cat}, grant year {}", k.get()),
                    })?;
            let grant = rate.checked_mul(Decimal::from(count))?;
            total = total.checked_add(grant)?;
            inputs.push(Explanation::derived(
                "grant for the category",
                Quantity::money(grant),
                "persons in the category × rate per person",
                vec![
                    Explanation::derived(
                        "persons in the category",
                        Quantity::persons(i64::try_from(count).unwrap_or(i64::MAX)),
                        split_formula,
                        vec![
                            Explanation::parameter(
                                "grant category",
                                Quantity::text(category_name(cat)),
                                shares.source().clone(),
                            ),
                            Explanation::parameter(
                                "category share",
                                Quantity::share(*share),
                                shares.source().clone(),
                            ),
                            Explanation::parameter(
                                "split into whole persons by",
                                Quantity::text(method.phrase()),
                                shares.source().clone(),
                            ),
                        ],
                    ),
                    self.explain_rate(cohort, cat, k, rate),
                ],
            ));
        }
        if method == Apportionment::FloorEach {
            let counted = counts
                .iter()
                .map(|(_, n)| *n)
                .fold(0u64, u64::saturating_add);
            inputs.push(Explanation::derived(
                "persons lost to flooring",
                Quantity::persons(i64::try_from(persons.saturating_sub(counted)).unwrap_or(0)),
                "persons settled − the persons in the categories: they draw no grant",
                Vec::new(),
            ));
        }
        Ok((
            total,
            Explanation::derived(
                "grant for one cohort",
                Quantity::money(total),
                "the sum over the categories of the grant for the category",
                inputs,
            ),
        ))
    }

    /// A rate with its source: the table's, or the assumption that set it from the latest
    /// known rate.
    fn explain_rate(
        &self,
        cohort: Year,
        cat: GrantCategory,
        k: GrantYear,
        amount: Money,
    ) -> Explanation {
        let rates = &self.params.rates;
        let Some(o) = rates.origin(cohort, cat, k) else {
            return Explanation::parameter(
                "rate per person",
                Quantity::money(amount),
                rates.source.clone(),
            );
        };
        let table_year = Quantity::count(o.table_year.get(), Unit::Year);
        match &o.known {
            None => Explanation::derived(
                "rate per person",
                Quantity::money(amount),
                "the rate table's rate for the category and grant year, in the table of the year named",
                vec![
                    Explanation::parameter(
                        "rate in the table",
                        Quantity::money(amount),
                        o.source.clone(),
                    ),
                    Explanation::parameter("rate table year", table_year, o.source.clone()),
                ],
            ),
            Some(known) => {
                let mut inputs = vec![
                    Explanation::parameter(
                        "latest known rate",
                        Quantity::money(known.amount),
                        known.source.clone(),
                    ),
                    Explanation::parameter(
                        "year of the latest known rate",
                        Quantity::count(known.year.get(), Unit::Year),
                        known.source.clone(),
                    ),
                    Explanation::input("rate table year", table_year, o.source.clone()),
                ];
                if let Some(a) = &rates.assumption {
                    inputs.push(Explanation::input(
                        "rate assumption",
                        Quantity::text(a.phrase()),
                        a.source().clone(),
                    ));
                }
                // Each formula a literal, so that the explanation can be translated.
                match rates.assumption.as_ref().map(RateAssumption::rule) {
                    Some(FutureRates::AdjustYearly { .. }) => Explanation::derived(
                        "rate per person",
                        Quantity::money(amount),
                        "the latest known rate adjusted by the assumed percentage for each year since, rounded each year by the stated rule (an assumption)",
                        inputs,
                    ),
                    _ => Explanation::derived(
                        "rate per person",
                        Quantity::money(amount),
                        "the latest known rate carried forward (an assumption)",
                        inputs,
                    ),
                }
            }
        }
    }
}

/// Sainte-Laguë's counts for `persons` from the shares' numerators `n` over `den` (they sum
/// to `den`), given ⌊persons·nᵢ/den⌋ in `q` and the remainders in `r`. The rounded counts
/// ⌊persons·sᵢ + ½⌋ are exactly the placements whose priority sᵢ/(k + ½) is at least
/// 1/persons, a prefix of the one-at-a-time order; each rounding is off by at most ½, so
/// they miss `persons` by at most two, and the prefix is moved to its length by giving the
/// next placements (highest sᵢ/(cᵢ + ½), ties to the earlier category) or taking back the
/// last ones (lowest sᵢ/(cᵢ − ½), ties to the later category). Priorities are compared
/// across as nᵢ·(2cⱼ + 1) against nⱼ·(2cᵢ + 1), in `i128`.
#[inline(always)]
fn sainte_lague(persons: i128, n: [i128; 4], den: i128, q: [i128; 4], r: [i128; 4]) -> [i128; 4] {
    let mut c = [0i128; 4];
    let mut total: i128 = 0;
    for ((ci, qi), ri) in c.iter_mut().zip(q).zip(r) {
        *ci = qi.saturating_add(i128::from(ri.saturating_mul(2) >= den));
        total = total.saturating_add(*ci);
    }
    // At most two steps either way (four roundings of at most ½ each).
    for _ in 0..4 {
        if total < persons {
            let mut best: Option<usize> = None;
            let mut best_key = (0i128, 1i128);
            for (i, (ni, ci)) in n.iter().zip(&c).enumerate() {
                let key = (*ni, ci.saturating_mul(2).saturating_add(1));
                if best.is_none()
                    || key.0.saturating_mul(best_key.1) > best_key.0.saturating_mul(key.1)
                {
                    best = Some(i);
                    best_key = key;
                }
            }
            if let Some(slot) = best.and_then(|i| c.get_mut(i)) {
                *slot = slot.saturating_add(1);
            }
            total = total.saturating_add(1);
        } else if total > persons {
            let mut worst: Option<usize> = None;
            let mut worst_key = (0i128, 1i128);
            for (i, (ni, ci)) in n.iter().zip(&c).enumerate() {
                if *ci <= 0 {
                    continue;
                }
                let key = (*ni, ci.saturating_mul(2).saturating_sub(1));
                if worst.is_none()
                    || key.0.saturating_mul(worst_key.1) <= worst_key.0.saturating_mul(key.1)
                {
                    worst = Some(i);
                    worst_key = key;
                }
            }
            if let Some(slot) = worst.and_then(|i| c.get_mut(i)) {
                *slot = slot.saturating_sub(1);
            }
            total = total.saturating_sub(1);
        }
    }
    c
}

fn path_len_error(got: usize, want: usize) -> Error {
    Error::invalid(
        "path",
        format!("{got} years"),
        format!("the projection has {want} future years"),
    )
}

fn money_of(ore: i128) -> Result<Money> {
    let d = Decimal::try_from_i128_with_scale(ore, 2)
        .map_err(|_| Error::overflow("projection total"))?;
    Ok(Money::new(d))
}

#[derive(Clone, Copy)]
struct YearOut {
    persons: u32,
    lost: i64,
    active: i64,
    income: i64,
    fixed: i64,
    variable: i64,
    result: i64,
    fund: i64,
    uncovered: i64,
}

struct Scratch {
    persons: Vec<i64>,
    income: Vec<i64>,
    lost: Vec<i64>,
}

impl Scratch {
    fn new(h: usize, f: usize) -> Scratch {
        Scratch {
            persons: Vec::with_capacity(h.saturating_add(f)),
            income: Vec::with_capacity(f),
            lost: Vec::with_capacity(f),
        }
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects,
    clippy::panic,
    clippy::needless_range_loop
)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn params(h: usize, f: usize, floor: Option<i64>) -> ProjectionParams {
        let y0 = Year::new(2019).unwrap();
        let base = [
            [241100i64, 250000, 180000, 90000, 75000],
            [194400, 245000, 175000, 88000, 73000],
            [194400, 245000, 175000, 88000, 73000],
            [187000, 245000, 175000, 88000, 73000],
        ];
        let rates =
            (0..h + f)
                .map(|c| {
                    ByCategory::from_array(base.map(|row| {
                        row.map(|b| Money::from_ore(b * 100 * (100 + 2 * c as i64) / 100))
                    }))
                })
                .collect();
        ProjectionParams {
            first_year: y0,
            history_years: h,
            future_years: f,
            // The peer's workload floors each category.
            category_shares: shares_of([30, 40, 25, 5].map(|p| Ratio::of(p, 100).unwrap()))
                .with_apportionment(Apportionment::FloorEach),
            rates: CohortRates {
                first_year: y0,
                rates,
                source: Source::new("test"),
                origins: Vec::new(),
                assumption: None,
            },
            cost: CostModel {
                window_years: 5,
                fixed_per_active_person: Ratio::of(450_000, 5).unwrap(),
                adjustment: Ratio::of(1, 2).unwrap(),
                initial_fixed: Money::ZERO,
                variable_per_active_person: Money::ZERO,
                source: Source::new("test"),
            },
            fund: FundModel {
                opening: Money::ZERO,
                floor: floor.map(Money::kroner),
                source: Source::new("test"),
            },
        }
    }

    fn shares_of(positional: [Ratio; 4]) -> CategoryShares {
        CategoryShares::new(ByCategory::from_array(positional), Source::new("test")).unwrap()
    }

    /// The constructors build what the literal the tests use builds, and refuse what
    /// `Engine::new` refuses, with the same words.
    #[test]
    fn constructors_build_the_parameters_and_check_each_part() {
        let literal = params(5, 10, Some(0));
        let built = ProjectionParams::new(
            literal.first_year,
            5,
            10,
            literal.category_shares.clone(),
            CohortRates::new(
                literal.first_year,
                literal.rates.rates.clone(),
                Source::new("test"),
            )
            .unwrap(),
            CostModel::new(
                5,
                Ratio::of(450_000, 5).unwrap(),
                Ratio::of(1, 2).unwrap(),
                Source::new("test"),
            )
            .unwrap(),
            FundModel::new(Money::ZERO, Source::new("test")).with_floor(Money::ZERO),
        )
        .unwrap();
        assert_eq!(built, literal);
        // And it reads back from the JSON the literal writes.
        let json = serde_json::to_string(&literal).unwrap();
        assert_eq!(
            serde_json::from_str::<ProjectionParams>(&json).unwrap(),
            built
        );

        let cost = || {
            CostModel::new(
                5,
                Ratio::of(1, 1).unwrap(),
                Ratio::of(1, 2).unwrap(),
                Source::new("t"),
            )
            .unwrap()
        };
        let e = |r: Result<CostModel>| r.unwrap_err().to_string();
        assert_eq!(
            e(CostModel::new(
                0,
                Ratio::of(1, 1).unwrap(),
                Ratio::of(1, 2).unwrap(),
                Source::new("t")
            )),
            "invalid cost window 0 years: persons are active for at least the year they are settled"
        );
        assert!(
            e(cost().with_initial_fixed(Money::kroner(-1)))
                .starts_with("invalid initial fixed costs -1 kr:"),
        );
        assert!(
            e(cost().with_variable_per_active_person(Money::kroner(-5)))
                .starts_with("invalid variable cost per person -5 kr:"),
        );
        assert_eq!(
            cost()
                .with_variable_per_active_person(Money::kroner(5))
                .unwrap()
                .variable_per_active_person,
            Money::kroner(5)
        );
        let rates = |n: usize| {
            CohortRates::new(
                literal.first_year,
                literal.rates.rates[..n].to_vec(),
                Source::new("t"),
            )
            .unwrap()
        };
        let with_rates = |r: CohortRates, first: Year| {
            ProjectionParams::new(
                first,
                5,
                10,
                literal.category_shares.clone(),
                r,
                cost(),
                literal.fund.clone(),
            )
            .unwrap_err()
            .to_string()
        };
        assert_eq!(
            with_rates(rates(14), literal.first_year),
            "no projection cohort rates rate for cohort year 2033"
        );
        assert_eq!(
            with_rates(rates(15), Year::new(2018).unwrap()),
            "invalid projection rates first year 2019: the history starts in 2018"
        );
    }

    #[test]
    fn by_category_is_indexed_changed_and_iterated_by_category() {
        let mut b = ByCategory::from_array([1u32, 2, 3, 4]);
        b[GrantCategory::Child] += 10;
        for (c, v) in b.iter_mut() {
            if c == GrantCategory::SingleAdult {
                *v = 100;
            }
        }
        for (c, v) in &mut b {
            if c == GrantCategory::UnaccompaniedMinor {
                *v += 1;
            }
        }
        assert_eq!(b.into_array(), [100, 2, 13, 5]);
        let by_ref: Vec<(GrantCategory, u32)> = (&b).into_iter().map(|(c, v)| (c, *v)).collect();
        let owned: Vec<(GrantCategory, u32)> = b.into_iter().collect();
        assert_eq!(by_ref, owned);
        assert_eq!(
            owned,
            vec![
                (GrantCategory::SingleAdult, 100),
                (GrantCategory::OtherAdult, 2),
                (GrantCategory::Child, 13),
                (GrantCategory::UnaccompaniedMinor, 5),
            ]
        );
        let names: Vec<String> = ByCategory::all(String::from("x"))
            .into_iter()
            .map(|(c, s)| format!("{}{s}", category_name(c)))
            .collect();
        assert_eq!(names[3], "unaccompanied-minorx");
    }

    #[test]
    fn the_default_rate_assumption_carries_the_latest_rate_forward() {
        let a = RateAssumption::default();
        assert_eq!(a, RateAssumption::carry_forward());
        assert_eq!(a.rule(), FutureRates::CarryForward);
        assert_eq!(
            a.apply(Money::kroner(230_000), 3).unwrap(),
            Money::kroner(230_000)
        );
    }

    /// A direct transcription of the reference workload (bench-peers/README.md), in i128.
    fn reference(hist: &[i64], p: &[i64]) -> (i128, Vec<i128>) {
        let share = [30i128, 40, 25, 5];
        let base = [
            [241100i128, 250000, 180000, 90000, 75000],
            [194400, 245000, 175000, 88000, 73000],
            [194400, 245000, 175000, 88000, 73000],
            [187000, 245000, 175000, 88000, 73000],
        ];
        let h = hist.len();
        let f = p.len();
        let mut persons: Vec<i128> = hist.iter().map(|&x| x as i128).collect();
        let last = persons[h - 1];
        for &pp in p {
            persons.push((last * pp as i128).div_euclid(100));
        }
        let rate = |c: usize, a: usize, k: usize| base[a][k] * 100 * (100 + 2 * c as i128) / 100;
        let mut income = vec![0i128; h + f];
        for t in 0..h + f {
            for k in 0..5 {
                if t < k {
                    continue;
                }
                let c = t - k;
                for a in 0..4 {
                    income[t] += (persons[c] * share[a]).div_euclid(100) * rate(c, a, k);
                }
            }
        }
        let (mut cost, mut fund) = (0i128, 0i128);
        let mut funds = vec![];
        for t in h..h + f {
            let active: i128 = persons[t + 1 - 5..=t].iter().sum();
            let target = (active * 45_000_000).div_euclid(5);
            cost += (target - cost).div_euclid(2);
            fund = (fund + income[t] - cost).max(0);
            funds.push(fund);
        }
        (fund, funds)
    }

    #[test]
    fn matches_the_reference_workload() {
        let hist = [12u32, 30, 45, 160, 90];
        let p: Vec<u32> = (0..10).map(|t| (37 * 3 + 11 * t) % 201).collect();
        let path = SettlementPath::PercentOfLastYear(p.clone());
        let e = Engine::new(params(5, 10, Some(0))).unwrap();
        let years = e.project(&hist, &path).unwrap();
        let (_, funds) = reference(
            &hist.map(i64::from),
            &p.iter().map(|&x| i64::from(x)).collect::<Vec<_>>(),
        );
        let got: Vec<i128> = years
            .iter()
            .map(|y| y.fund.to_ore().unwrap() as i128)
            .collect();
        assert_eq!(got, funds);
    }

    #[test]
    fn the_default_split_loses_nobody_and_files_say_the_method() {
        // 37 persons by 30/40/25/5 %: floored, 35 would draw a grant.
        let shares = shares_of([30, 40, 25, 5].map(|p| Ratio::of(p, 100).unwrap()));
        assert_eq!(shares.apportionment(), Apportionment::SainteLague);
        let mut p = params(1, 1, None);
        p.category_shares = shares.clone();
        let e = Engine::new(p).unwrap();
        let y = &e.project(&[0], &SettlementPath::Persons(vec![37])).unwrap()[0];
        assert_eq!(y.lost_to_flooring, 0);
        // 11 single adults, 15 other adults, 9 children, 2 EM in grant year 1 (2020 cohort, ×1.02).
        let ore = (11 * 241_100 + 15 * 194_400 + 9 * 194_400 + 2 * 187_000) * 102;
        assert_eq!(y.income, Money::from_ore(ore));
        // Files without the method read the default and write it back without it.
        let json = serde_json::to_string(&shares).unwrap();
        assert!(!json.contains("apportionment"), "{json}");
        let floored = shares.with_apportionment(Apportionment::FloorEach);
        let json = serde_json::to_string(&floored).unwrap();
        assert!(json.contains(r#""apportionment":"floor-each""#), "{json}");
        assert_eq!(
            serde_json::from_str::<CategoryShares>(&json).unwrap(),
            floored
        );
        let bad = json.replace("floor-each", "round-half");
        let err = serde_json::from_str::<CategoryShares>(&bad)
            .unwrap_err()
            .to_string();
        assert!(err.contains("round-half"), "{err}");
        for a in [
            Apportionment::SainteLague,
            Apportionment::FloorEach,
            Apportionment::Exact,
        ] {
            assert_eq!(a.to_string().parse::<Apportionment>().unwrap(), a);
        }
        // Under `exact`, 37 persons in 2020 are refused with what to write instead.
        let mut p = params(1, 1, None);
        p.category_shares = p.category_shares.with_apportionment(Apportionment::Exact);
        let err = Engine::new(p)
            .unwrap()
            .project(&[0], &SettlementPath::Persons(vec![37]))
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "invalid projection category split 37 persons settled in 2020: the shares \
             (single-adult 30/100, other-adult 40/100, child 25/100, unaccompanied-minor 5/100) do not \
             split it into whole persons (2 left over); give a count they split, or \
             apportionment = \"sainte-lague\""
        );
    }

    #[test]
    fn bad_parameters_are_errors() {
        let mut p = params(5, 10, Some(0));
        p.rates.rates.truncate(14);
        let e = Engine::new(p).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no projection cohort rates rate for cohort year 2033"
        );
        let mut p = params(5, 10, Some(0));
        p.cost.adjustment = Ratio::of(3, 2).unwrap();
        assert!(Engine::new(p).is_err());
        let e = Engine::new(params(5, 10, Some(0))).unwrap();
        let r = e.run(
            &[u32::MAX; 5],
            &[SettlementPath::PercentOfLastYear(vec![200; 10])],
        );
        // Twice u32::MAX persons is refused before the bounds are even computed.
        assert!(
            matches!(&r, Err(Error::InvalidValue { value, .. }) if value == "8589934590"),
            "{r:?}"
        );
        let r = e.project(&[1; 5], &SettlementPath::Persons(vec![1; 3]));
        assert!(
            matches!(&r, Err(Error::InvalidValue { field, value, .. }) if field == "path" && value == "3 years"),
            "{r:?}"
        );
    }

    #[test]
    fn contradictory_parameters_are_named() {
        let shares = [30, 40, 25, 15].map(|p| Ratio::of(p, 100).unwrap());
        let e = CategoryShares::new(ByCategory::from_array(shares), Source::new("test"))
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with(
                "invalid projection category shares single-adult 30/100 + other-adult 40/100 + child 25/100 + unaccompanied-minor 15/100 = 11/10:"
            ),
            "{e}"
        );
        // The same shares read from a file are refused just as well.
        let json = r#"{"shares": {"single-adult": "30/100", "other-adult": "40/100", "child": "25/100", "unaccompanied-minor": "15/100"}, "source": {"document": "x"}}"#;
        let e = serde_json::from_str::<CategoryShares>(json)
            .unwrap_err()
            .to_string();
        assert!(e.contains("must sum to 100 %"), "{e}");

        let mut p = params(5, 10, Some(0));
        p.cost.initial_fixed = Money::kroner(-1);
        let e = Engine::new(p).unwrap_err().to_string();
        assert!(e.starts_with("invalid initial fixed costs -1 kr:"), "{e}");
        let mut p = params(5, 10, Some(0));
        p.cost.variable_per_active_person = Money::kroner(-5);
        let e = Engine::new(p).unwrap_err().to_string();
        assert!(
            e.starts_with("invalid variable cost per person -5 kr:"),
            "{e}"
        );
    }

    #[test]
    fn a_person_count_beyond_what_a_year_reports_is_refused_not_cut() {
        let mut p = params(5, 1, None);
        for row in &mut p.rates.rates {
            *row = ByCategory::all([Money::ZERO; 5]);
        }
        p.cost.fixed_per_active_person = Ratio::of(0, 1).unwrap();
        let hist = [u32::MAX; 5];
        let path = SettlementPath::PercentOfLastYear(vec![150]);
        let e = Engine::new(p)
            .and_then(|e| e.project(&hist, &path))
            .map(|y| y[0].persons);
        let e = e.unwrap_err().to_string();
        assert!(e.contains("6442450942"), "{e}");
    }

    #[test]
    fn gradual_reduction_keeps_the_fund_an_abrupt_cut_empties_it_in_year_3() {
        let mut p = params(5, 10, Some(0));
        // Fixed costs of 120 000 kr per active person and year, already at their level for
        // the 1 850 persons settled in the last five years.
        p.cost.fixed_per_active_person = Ratio::of(120_000, 1).unwrap();
        p.cost.initial_fixed = Money::kroner(1_850 * 120_000);
        p.fund.opening = Money::kroner(30_000_000);
        let hist = [300u32, 350, 400, 400, 400];
        let gradual =
            SettlementPath::PercentOfLastYear(vec![90, 80, 70, 60, 50, 40, 30, 20, 10, 0]);
        let abrupt = SettlementPath::PercentOfLastYear(vec![0; 10]);
        let e = Engine::new(p).unwrap();
        let c = e
            .compare(
                &hist,
                &[("gradual".into(), gradual), ("abrupt".into(), abrupt)],
            )
            .unwrap();
        assert_eq!(c[0].first_year_at_floor, None, "{}", c[0].summary);
        let (s0, s1) = (c[0].summary.to_string(), c[1].summary.to_string());
        assert_eq!(
            c[1].first_year_at_floor,
            Some(Year::new(2026).unwrap()),
            "{}",
            c[1].summary
        );
        assert!(s1.contains("projection year 3"), "{s1}");
        assert!(s0.starts_with("gradual: the fund stays above its floor"));
    }

    // Generated parameters: every property below runs over these, with both kinds of path.

    /// Four category shares over a common denominator that sum to exactly 100 %: three cut
    /// points in `0..=d`, the shares the gaps between them (some may be 0).
    fn arb_shares() -> impl Strategy<Value = [Ratio; 4]> {
        (1u64..=1000)
            .prop_flat_map(|d| (Just(d), proptest::array::uniform3(0..=d)))
            .prop_map(|(d, mut cuts)| {
                cuts.sort_unstable();
                let c = [0, cuts[0], cuts[1], cuts[2], d];
                [0, 1, 2, 3].map(|i| Ratio::of(c[i + 1] - c[i], d).unwrap())
            })
    }

    /// Rates up to 300 000 kr per person and grant year, costs, a lag, an opening balance
    /// that may be negative, and a floor or none.
    fn arb_params() -> impl Strategy<Value = ProjectionParams> {
        let rate_row = proptest::array::uniform4(proptest::array::uniform5(0i64..=30_000_000));
        (1usize..=6, 1usize..=8, 1usize..=6)
            .prop_flat_map(move |(h, f, w)| {
                (
                    (Just(h), Just(f), Just(w)),
                    proptest::collection::vec(rate_row.clone(), h + f),
                    arb_shares(),
                    (0u64..=200_000, 1u64..=12),
                    (1u64..=10).prop_flat_map(|d| (0..=d, Just(d))),
                    (0i64..=5_000_000_000, 0i64..=5_000_000),
                    (
                        -1_000_000_000i64..=10_000_000_000,
                        proptest::option::of(-1_000_000_000i64..=2_000_000_000),
                    ),
                    prop_oneof![
                        Just(Apportionment::SainteLague),
                        Just(Apportionment::FloorEach)
                    ],
                )
            })
            .prop_map(
                |(
                    (h, f, w),
                    rates,
                    shares,
                    (fixed_n, fixed_d),
                    (an, ad),
                    (init, var),
                    (open, floor),
                    apportionment,
                )| {
                    let y0 = Year::new(2019).unwrap();
                    ProjectionParams {
                        first_year: y0,
                        history_years: h,
                        future_years: f,
                        category_shares: shares_of(shares).with_apportionment(apportionment),
                        rates: CohortRates {
                            first_year: y0,
                            rates: rates
                                .into_iter()
                                .map(|r| ByCategory::from_array(r.map(|c| c.map(Money::from_ore))))
                                .collect(),
                            source: Source::new("generated"),
                            origins: Vec::new(),
                            assumption: None,
                        },
                        cost: CostModel {
                            window_years: w,
                            fixed_per_active_person: Ratio::of(fixed_n, fixed_d).unwrap(),
                            adjustment: Ratio::of(an, ad).unwrap(),
                            initial_fixed: Money::from_ore(init),
                            variable_per_active_person: Money::from_ore(var),
                            source: Source::new("generated"),
                        },
                        fund: FundModel {
                            opening: Money::from_ore(open),
                            floor: floor.map(Money::from_ore),
                            source: Source::new("generated"),
                        },
                    }
                },
            )
    }

    /// Either kind of path over `f` years: persons, or percentages of the last year (up to
    /// 300 %).
    fn arb_path(f: usize) -> impl Strategy<Value = SettlementPath> {
        prop_oneof![
            proptest::collection::vec(0u32..=5000, f).prop_map(SettlementPath::Persons),
            proptest::collection::vec(0u32..=300, f).prop_map(SettlementPath::PercentOfLastYear),
        ]
    }

    /// Parameters, one municipality's history and a path.
    fn arb_case() -> impl Strategy<Value = (ProjectionParams, Vec<u32>, SettlementPath)> {
        arb_params().prop_flat_map(|p| {
            let (h, f) = (p.history_years, p.future_years);
            (
                Just(p),
                proptest::collection::vec(0u32..=5000, h),
                arb_path(f),
            )
        })
    }

    fn ore_of(m: Money) -> i128 {
        i128::from(m.to_ore().unwrap())
    }

    fn parts(r: &Ratio) -> (i128, i128) {
        use rust_decimal::prelude::ToPrimitive;
        (
            r.numerator().to_i128().unwrap(),
            r.denominator().to_i128().unwrap(),
        )
    }

    /// The persons settled each year: the history, then the path (a percentage of the last
    /// history year, floored).
    fn persons_of(hist: &[u32], path: &SettlementPath) -> Vec<i128> {
        let last = i128::from(*hist.last().unwrap());
        let mut persons: Vec<i128> = hist.iter().map(|&x| i128::from(x)).collect();
        match path {
            SettlementPath::Persons(v) => persons.extend(v.iter().map(|&x| i128::from(x))),
            SettlementPath::PercentOfLastYear(v) => {
                persons.extend(v.iter().map(|&x| (last * i128::from(x)).div_euclid(100)));
            }
        }
        persons
    }

    /// The projection as its documentation describes it, year by year in i128, for any
    /// parameters: [persons, active, income, fixed, variable, result, fund, uncovered] per
    /// projected year.
    fn model(p: &ProjectionParams, hist: &[u32], path: &SettlementPath) -> Vec<[i128; 8]> {
        let (h, f, w) = (p.history_years, p.future_years, p.cost.window_years);
        let persons = persons_of(hist, path);
        // Positional, in GrantCategory::ALL order, as the engine's parameters were before
        // they were keyed.
        let rate = |c: usize, a: usize, k: usize| ore_of(p.rates.rates[c].into_array()[a][k]);
        let (fixed_n, fixed_d) = parts(&p.cost.fixed_per_active_person);
        let (an, ad) = parts(&p.cost.adjustment);
        let var = ore_of(p.cost.variable_per_active_person);
        let floor = p.fund.floor.map(ore_of);
        let mut fixed = ore_of(p.cost.initial_fixed);
        let mut fund = ore_of(p.fund.opening);
        let mut out = Vec::new();
        for t in h..h + f {
            let mut income = 0i128;
            for k in 0..5.min(t + 1) {
                let c = t - k;
                for (a, count) in split_of(p, persons[c]).iter().enumerate() {
                    income += count * rate(c, a, k);
                }
            }
            let active: i128 = persons[(t + 1).saturating_sub(w)..=t].iter().sum();
            let target = (active * fixed_n * 100).div_euclid(fixed_d);
            fixed += ((target - fixed) * an).div_euclid(ad);
            let variable = active * var;
            let result = income - fixed - variable;
            fund += result;
            let uncovered = floor.map_or(0, |fl| (fl - fund).max(0));
            fund += uncovered;
            out.push([
                persons[t], active, income, fixed, variable, result, fund, uncovered,
            ]);
        }
        out
    }

    /// The persons per category, positional: the floors, or under Sainte-Laguë's method
    /// the persons placed one at a time by the method's definition (unlike the engine,
    /// which rounds and moves at most two).
    fn split_of(p: &ProjectionParams, persons: i128) -> [i128; 4] {
        let shares = p.category_shares.shares().into_array().map(|r| parts(&r));
        if p.category_shares.apportionment() == Apportionment::SainteLague {
            return one_at_a_time(shares, persons);
        }
        shares.map(|(n, d)| (persons * n).div_euclid(d))
    }

    /// Sainte-Laguë by its definition: each person to the category with the highest
    /// share ÷ (placed + ½), ties to the earlier category.
    fn one_at_a_time(shares: [(i128, i128); 4], persons: i128) -> [i128; 4] {
        let mut c = [0i128; 4];
        for _ in 0..persons {
            // share n/d over (c + ½): compare n·(2c' + 1)·d' against n'·(2c + 1)·d.
            let mut best = 0;
            for i in 1..4 {
                let (ni, di) = shares[i];
                let (nb, db) = shares[best];
                if ni * (2 * c[best] + 1) * db > nb * (2 * c[i] + 1) * di {
                    best = i;
                }
            }
            c[best] += 1;
        }
        c
    }

    fn row(y: &ProjectionYear) -> [i128; 8] {
        [
            i128::from(y.persons),
            i128::from(y.active),
            ore_of(y.income),
            ore_of(y.fixed_costs),
            ore_of(y.variable_costs),
            ore_of(y.result),
            ore_of(y.fund),
            ore_of(y.uncovered),
        ]
    }

    fn project(p: &ProjectionParams, hist: &[u32], path: &SettlementPath) -> Vec<ProjectionYear> {
        Engine::new(p.clone()).unwrap().project(hist, path).unwrap()
    }

    proptest! {
        #![proptest_config(crate::testing::config())]

        /// The fast engine (integer tables, proven bounds, magic-number division) gives,
        /// field by field and year by year, what the plain model gives.
        #[test]
        fn engine_equals_the_plain_model((p, hist, path) in arb_case()) {
            let years = project(&p, &hist, &path);
            prop_assert_eq!(years.len(), p.future_years);
            for (i, y) in years.iter().enumerate() {
                prop_assert_eq!(y.year, p.first_year.offset((p.history_years + i) as i32).unwrap());
            }
            let got: Vec<[i128; 8]> = years.iter().map(row).collect();
            prop_assert_eq!(got, model(&p, &hist, &path));
        }

        /// Every year: result = income − costs, fund = last year's fund + result + uncovered,
        /// the fund never below its floor, and a deficit below the floor recorded as uncovered
        /// to the øre (fund at the floor exactly); without a floor nothing is uncovered.
        #[test]
        fn the_fund_identity_holds_and_the_floor_is_never_crossed((p, hist, path) in arb_case()) {
            let years = project(&p, &hist, &path);
            let mut prev = ore_of(p.fund.opening);
            for y in &years {
                let [_, _, income, fixed, variable, result, fund, uncovered] = row(y);
                prop_assert_eq!(result, income - fixed - variable);
                prop_assert_eq!(fund, prev + result + uncovered);
                prop_assert!(uncovered >= 0);
                match p.fund.floor.map(ore_of) {
                    Some(floor) => {
                        prop_assert!(fund >= floor, "fund {} below floor {}", fund, floor);
                        // What the year left below the floor is exactly what is uncovered.
                        prop_assert_eq!(uncovered, (floor - (prev + result)).max(0));
                        if uncovered > 0 {
                            prop_assert_eq!(fund, floor);
                        }
                    }
                    None => prop_assert_eq!(uncovered, 0),
                }
                prev = fund;
            }
        }

        /// More persons in one year (history or path, persons or percentage) never lower a
        /// year's grant income, active persons or variable costs, and change nothing in the
        /// projected years before it.
        #[test]
        fn grants_never_fall_when_persons_rise(
            (p, hist, path) in arb_case(),
            at in any::<proptest::sample::Index>(),
            more in 1u32..=500,
        ) {
            let (h, f) = (p.history_years, p.future_years);
            let i = at.index(h + f);
            let (mut hist2, mut path2) = (hist.clone(), path.clone());
            if i < h {
                hist2[i] += more;
            } else {
                match &mut path2 {
                    SettlementPath::Persons(v) | SettlementPath::PercentOfLastYear(v) => v[i - h] += more,
                }
            }
            let e = Engine::new(p.clone()).unwrap();
            let a = e.project(&hist, &path).unwrap();
            let b = e.project(&hist2, &path2).unwrap();
            for (t, (x, y)) in a.iter().zip(&b).enumerate() {
                prop_assert!(y.persons >= x.persons);
                prop_assert!(y.income >= x.income, "year {}: {} then {}", t, x.income, y.income);
                prop_assert!(y.active >= x.active);
                prop_assert!(y.variable_costs >= x.variable_costs);
                if h + t < i {
                    prop_assert_eq!(x, y);
                }
            }
        }

        /// A percentage path projects exactly as the persons it stands for.
        #[test]
        fn a_percentage_path_is_the_persons_it_stands_for(
            (p, hist, pct) in arb_params().prop_flat_map(|p| {
                let (h, f) = (p.history_years, p.future_years);
                (Just(p), proptest::collection::vec(0u32..=5000, h), proptest::collection::vec(0u32..=300, f))
            })
        ) {
            let last = u64::from(*hist.last().unwrap());
            let persons: Vec<u32> = pct
                .iter()
                .map(|&x| u32::try_from(last * u64::from(x) / 100).unwrap())
                .collect();
            prop_assert_eq!(
                project(&p, &hist, &SettlementPath::PercentOfLastYear(pct)),
                project(&p, &hist, &SettlementPath::Persons(persons))
            );
        }

        /// Running every municipality at once gives, for each scenario, the sums of the
        /// municipalities' own projections, whatever their order.
        #[test]
        fn the_country_is_the_sum_of_its_municipalities_in_any_order(
            (p, hists, paths, order) in arb_params().prop_flat_map(|p| {
                let (h, f) = (p.history_years, p.future_years);
                (
                    Just(p),
                    proptest::collection::vec(proptest::collection::vec(0u32..=5000, h), 1..8),
                    proptest::collection::vec(arb_path(f), 1..4),
                    any::<u64>(),
                )
            })
        ) {
            let flat: Vec<u32> = hists.iter().flatten().copied().collect();
            let mut shuffled = hists.clone();
            let n = shuffled.len();
            for i in (1..n).rev() {
                shuffled.swap(i, (order.rotate_left(i as u32) % (i as u64 + 1)) as usize);
            }
            let flat2: Vec<u32> = shuffled.iter().flatten().copied().collect();
            let e = Engine::new(p.clone()).unwrap();
            let all = e.run(&flat, &paths).unwrap();
            prop_assert_eq!(&all, &e.run(&flat2, &paths).unwrap());
            for (path, summary) in paths.iter().zip(&all) {
                let (mut fund, mut uncovered, mut at_floor) = (0i128, 0i128, 0u32);
                for hist in &hists {
                    let years = e.project(hist, path).unwrap();
                    let last = years.last().unwrap();
                    fund += ore_of(last.fund);
                    uncovered += years.iter().map(|y| ore_of(y.uncovered)).sum::<i128>();
                    if last.uncovered > Money::ZERO || p.fund.floor == Some(last.fund) {
                        at_floor += 1;
                    }
                }
                prop_assert_eq!(ore_of(summary.final_fund), fund);
                prop_assert_eq!(ore_of(summary.uncovered), uncovered);
                prop_assert_eq!(summary.at_floor, at_floor);
            }
        }
    }

    // Keyed parameters, floored persons, explanations and assumed rates.

    /// Each cohort's and year's persons, i128, as the plain model takes them.
    fn lost_of(p: &ProjectionParams, persons: i128) -> i128 {
        persons - split_of(p, persons).iter().sum::<i128>()
    }

    /// The explanation's node with `label` among the root's inputs.
    fn child<'a>(e: &'a Explanation, label: &str) -> &'a Explanation {
        e.inputs
            .iter()
            .find(|i| i.label == label)
            .unwrap_or_else(|| panic!("no {label} in {e}"))
    }

    fn money_in(e: &Explanation) -> i128 {
        match &e.value.value {
            Value::Decimal(d) => ore_of(Money::new(*d)),
            v => panic!("not money: {v:?}"),
        }
    }

    fn builtin_rates(first: i32, years: usize, paid_from: i32, a: &RateAssumption) -> CohortRates {
        CohortRates::from_grant_rates(
            &GrantRates::builtin().unwrap(),
            Year::new(first).unwrap(),
            years,
            Year::new(paid_from).unwrap(),
            a,
        )
        .unwrap()
    }

    #[test]
    fn rates_the_table_lacks_are_the_stated_assumption() {
        let y3 = GrantYear::new(3).unwrap();
        let y1 = GrantYear::new(1).unwrap();
        let carried = builtin_rates(2016, 15, 2021, &RateAssumption::carry_forward());
        let cohort = Year::new(2019).unwrap();
        // Paid in 2021; the table's latest grant-year-3 rate is 2017's 167 000.
        assert_eq!(
            carried.rate(cohort, GrantCategory::Child, y3),
            Some(Money::kroner(167_000))
        );
        let o = carried.origin(cohort, GrantCategory::Child, y3).unwrap();
        assert_eq!(o.table_year, Year::new(2021).unwrap());
        assert_eq!(o.known.as_ref().unwrap().year, Year::new(2017).unwrap());
        assert!(o.source.assumption.is_some());
        // 2024 holds a year-1 rate (secondary): used as published, not assumed.
        let o = carried
            .origin(Year::new(2024).unwrap(), GrantCategory::SingleAdult, y1)
            .unwrap();
        assert_eq!(o.known, None);
        assert!(o.source.assumption.is_none());
        assert_eq!(
            carried.rate(Year::new(2024).unwrap(), GrantCategory::SingleAdult, y1),
            Some(Money::kroner(241_100))
        );
        // Rates paid before the projection are not looked up.
        assert_eq!(
            carried.rate(Year::new(2016).unwrap(), GrantCategory::Child, y1),
            Some(Money::ZERO)
        );
        assert!(
            carried
                .origin(Year::new(2016).unwrap(), GrantCategory::Child, y1)
                .is_none()
        );

        // 2 % a year, rounded half-up to whole kroner each year: 167 000 → 170 340 (2018)
        // → 173 746.8 → 173 747 (2019) → 177 221.94 → 177 222 (2020) → 180 766.44 → 180 766.
        let a = RateAssumption::adjusted(Decimal::new(2, 0), RoundingRule::HalfUp).unwrap();
        let adjusted = builtin_rates(2016, 15, 2021, &a);
        assert_eq!(
            adjusted.rate(cohort, GrantCategory::Child, y3),
            Some(Money::kroner(180_766))
        );
        // Under floor: 170 340 → 173 746 → 177 220 (177 220.92) → 180 764 (180 764.4).
        let a = RateAssumption::adjusted(Decimal::new(2, 0), RoundingRule::Floor).unwrap();
        assert_eq!(
            builtin_rates(2016, 15, 2021, &a).rate(cohort, GrantCategory::Child, y3),
            Some(Money::kroner(180_764))
        );

        // A rate with nothing earlier to carry is an error, never zero.
        let e = CohortRates::from_grant_rates(
            &GrantRates::builtin().unwrap(),
            Year::new(2016).unwrap(),
            3,
            Year::new(2016).unwrap(),
            &RateAssumption::carry_forward(),
        )
        .unwrap_err();
        assert!(matches!(e, Error::MissingRate { .. }), "{e}");
    }

    #[test]
    fn an_assumption_must_say_so() {
        let e =
            RateAssumption::new(FutureRates::CarryForward, Source::new("my guess")).unwrap_err();
        assert!(
            e.to_string().contains("say why the rates are assumed"),
            "{e}"
        );
        let json = r#"{"rule": {"kind": "adjust-yearly", "percent": "-100", "rounding": "half-up"}, "source": {"document": "x", "assumption": "why"}}"#;
        let e = serde_json::from_str::<RateAssumption>(json)
            .unwrap_err()
            .to_string();
        assert!(e.contains("above −100 %"), "{e}");
        let json = r#"{"rule": {"kind": "adjust-yearly", "percent": "2.5", "rounding": "half-up"}, "source": {"document": "x", "assumption": "why"}}"#;
        let a: RateAssumption = serde_json::from_str(json).unwrap();
        assert_eq!(
            serde_json::from_str::<RateAssumption>(&serde_json::to_string(&a).unwrap()).unwrap(),
            a
        );
    }

    #[test]
    fn a_map_by_category_names_every_category_once() {
        let e = serde_json::from_str::<ByCategory<u32>>(r#"{"single-adult": 1, "child": 2}"#)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains("grant categories missing: other-adult, unaccompanied-minor"),
            "{e}"
        );
        let e = serde_json::from_str::<ByCategory<u32>>(
            r#"{"single-adult": 1, "other-adult": 1, "child": 2, "unaccompanied-minor": 3, "child": 4}"#,
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("grant category `child` is given twice"), "{e}");
        let e = serde_json::from_str::<ByCategory<u32>>(r#"{"adult": 1}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown variant `adult`"), "{e}");
        let m: ByCategory<u32> = serde_json::from_str(
            r#"{"unaccompanied-minor": 4, "child": 3, "other-adult": 2, "single-adult": 1}"#,
        )
        .unwrap();
        assert_eq!(m.into_array(), [1, 2, 3, 4]);
    }

    #[test]
    fn an_assumed_year_says_so_in_its_explanation() {
        let mut p = params(5, 10, Some(0));
        p.first_year = Year::new(2016).unwrap();
        p.rates = builtin_rates(2016, 15, 2021, &RateAssumption::carry_forward());
        let e = Engine::new(p).unwrap();
        let hist = [126, 123, 79, 71, 41];
        let path = SettlementPath::Persons(vec![74; 10]);
        let years = e.project(&hist, &path).unwrap();
        assert!(years.iter().all(|y| y.rates_assumed));
        let why = e
            .explain_year(&hist, &path, Year::new(2021).unwrap())
            .unwrap();
        let assumption = child(&why, "rate assumption");
        assert_eq!(
            assumption.value,
            Quantity::text("the latest known rate carried forward")
        );
        assert!(assumption.source.as_ref().unwrap().assumption.is_some());
        // The 2017 cohort's grant year 5 in 2021: the 2017 rate 70 500 carried forward.
        let income = child(&why, "grant income");
        let oldest = income.inputs.last().unwrap();
        assert_eq!(
            child(oldest, "cohort year").value,
            Quantity::count(2017, Unit::Year)
        );
        let cat = child(oldest, "grant for the category");
        let rate = child(cat, "rate per person");
        assert_eq!(rate.value, Quantity::money(Money::kroner(70_500)));
        assert_eq!(
            child(rate, "latest known rate").value,
            Quantity::money(Money::kroner(70_500))
        );
        assert!(
            why.to_string().contains("carried forward (an assumption)"),
            "{why}"
        );
        // Under a yearly change the rate of 2021 is 70 500 × 1.02⁴, rounded half-up each
        // year (71 910, 73 348.2 → 73 348, 74 814.96 → 74 815, 76 311.3 → 76 311), said so.
        let mut p = params(5, 10, Some(0));
        p.first_year = Year::new(2016).unwrap();
        let a = RateAssumption::adjusted(Decimal::new(2, 0), RoundingRule::HalfUp).unwrap();
        p.rates = builtin_rates(2016, 15, 2021, &a);
        let adjusted = Engine::new(p).unwrap();
        let why = adjusted
            .explain_year(&hist, &path, Year::new(2021).unwrap())
            .unwrap();
        let oldest = child(&why, "grant income").inputs.last().unwrap();
        let rate = child(child(oldest, "grant for the category"), "rate per person");
        assert_eq!(rate.value, Quantity::money(Money::kroner(76_311)));
        assert!(
            rate.formula
                .as_ref()
                .unwrap()
                .to_string()
                .starts_with("the latest known rate adjusted")
        );
        // A year outside the projection is named.
        let e = e
            .explain_year(&hist, &path, Year::new(2020).unwrap())
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid projection year 2020: the projection covers 2021–2030"
        );
    }

    proptest! {
        #![proptest_config(crate::testing::config())]

        /// Every year says how many of its persons no category counts: under floor-each,
        /// persons − Σ ⌊persons × share⌋, between 0 and 3; under Sainte-Laguë's method,
        /// none.
        #[test]
        fn persons_lost_to_flooring_are_recorded((p, hist, path) in arb_case()) {
            let years = project(&p, &hist, &path);
            let persons = persons_of(&hist, &path);
            for (y, &n) in years.iter().zip(&persons[p.history_years..]) {
                let lost = i128::from(y.lost_to_flooring);
                prop_assert_eq!(lost, lost_of(&p, n));
                prop_assert!((0..4).contains(&lost), "{} lost of {}", lost, n);
            }
        }

        /// The split into whole persons: Sainte-Laguë's places every person, as placing
        /// them one at a time does, and one more person never takes a person from a
        /// category; floor-each gives the floors; exact gives them only when nothing is left
        /// over.
        #[test]
        fn a_split_places_persons_by_its_method(shares in arb_shares(), persons in 0u64..3_000) {
            let base = shares_of(shares);
            let parts4 = shares.map(|r| parts(&r));
            let floors: Vec<u64> = parts4
                .iter()
                .map(|(n, d)| u64::try_from(i128::from(persons) * n / d).unwrap())
                .collect();
            let left = persons - floors.iter().sum::<u64>();
            prop_assert!(left <= 3);
            let sl = base.split(persons).unwrap().into_array();
            prop_assert_eq!(sl.iter().sum::<u64>(), persons);
            let reference = one_at_a_time(parts4, i128::from(persons)).map(|c| u64::try_from(c).unwrap());
            prop_assert_eq!(sl, reference);
            let next = base.split(persons + 1).unwrap().into_array();
            for i in 0..4 {
                prop_assert!(next[i] >= sl[i], "{:?} then {:?}", sl, next);
            }
            let floor_each = base.clone().with_apportionment(Apportionment::FloorEach);
            prop_assert_eq!(floor_each.split(persons).unwrap().into_array().to_vec(), floors.clone());
            prop_assert_eq!(floor_each.lost(persons).unwrap(), left);
            prop_assert_eq!(base.lost(persons).unwrap(), 0);
            let exact = base.with_apportionment(Apportionment::Exact).split(persons);
            match exact {
                Ok(c) => { prop_assert_eq!(left, 0); prop_assert_eq!(c.into_array().to_vec(), floors); }
                Err(e) => {
                    prop_assert!(left > 0);
                    prop_assert!(e.to_string().contains("sainte-lague"), "{}", e);
                }
            }
        }

        /// Under `exact`, a projection whose history or path has a year the shares do not
        /// split is refused, naming the year; one that splits is the floor-each projection
        /// with nobody lost.
        #[test]
        fn an_exact_projection_refuses_persons_it_would_lose((p, hist, path) in arb_case()) {
            let mut exact = p.clone();
            exact.category_shares = exact.category_shares.with_apportionment(Apportionment::Exact);
            let mut floor_each = p.clone();
            floor_each.category_shares =
                floor_each.category_shares.with_apportionment(Apportionment::FloorEach);
            let persons = persons_of(&hist, &path);
            let first_inexact = persons.iter().position(|&n| lost_of(&floor_each, n) != 0);
            let got = Engine::new(exact).unwrap().project(&hist, &path);
            match first_inexact {
                None => {
                    let got = got.unwrap();
                    prop_assert_eq!(&got, &project(&floor_each, &hist, &path));
                    prop_assert!(got.iter().all(|y| y.lost_to_flooring == 0));
                }
                Some(t) => {
                    let e = got.unwrap_err().to_string();
                    let year = 2019 + t;
                    let says = format!("{} persons settled in {year}", persons[t]);
                    prop_assert!(e.contains(&says), "{} lacks {}", e, says);
                }
            }
        }

        /// A national run sums what each municipality's projection loses to flooring, uses
        /// as many threads as it likes without changing any result (each scenario run alone
        /// gives its summary), and under `exact` refuses what would be lost.
        #[test]
        fn a_run_counts_lost_persons_and_does_not_depend_on_threads(
            (p, hist, _) in arb_case(),
            more in proptest::collection::vec(proptest::collection::vec(0u32..=2_000, 1..=6), 1..=3),
            scenarios in proptest::collection::vec(proptest::collection::vec(0u32..=300, 8), 1..=40),
        ) {
            let (h, f) = (p.history_years, p.future_years);
            let mut histories = hist.clone();
            for m in &more {
                histories.extend((0..h).map(|i| m[i % m.len()]));
            }
            let paths: Vec<SettlementPath> = scenarios
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    let v = v[..f].to_vec();
                    if i % 2 == 0 { SettlementPath::PercentOfLastYear(v) } else { SettlementPath::Persons(v) }
                })
                .collect();
            let e = Engine::new(p.clone()).unwrap();
            let all = e.run(&histories, &paths).unwrap();
            for (summary, path) in all.iter().zip(&paths) {
                prop_assert_eq!(summary, &e.run(&histories, std::slice::from_ref(path)).unwrap()[0]);
                let lost: u64 = histories
                    .chunks(h)
                    .flat_map(|m| e.project(m, path).unwrap())
                    .map(|y| u64::from(y.lost_to_flooring))
                    .sum();
                prop_assert_eq!(summary.lost_to_flooring, lost);
            }
            let mut exact = p;
            exact.category_shares = exact.category_shares.with_apportionment(Apportionment::Exact);
            let exact = Engine::new(exact).unwrap().run(&histories, &paths);
            let floor_each_loses = {
                let mut fe = e.params().clone();
                fe.category_shares = fe.category_shares.with_apportionment(Apportionment::FloorEach);
                let fe = Engine::new(fe).unwrap();
                let hist_loses = histories.iter().any(|&n| lost_of(fe.params(), i128::from(n)) != 0);
                hist_loses || fe.run(&histories, &paths).unwrap().iter().any(|s| s.lost_to_flooring > 0)
            };
            prop_assert_eq!(exact.is_err(), floor_each_loses);
        }

        /// A year's explanation: the grant income it gives (the cohorts' grants recomputed
        /// in Money) is the engine's income, its costs and fund are the year's, the fund's
        /// identity holds between the explanation's own figures, and each cohort names its
        /// persons lost to flooring.
        #[test]
        fn the_explanation_adds_up_to_the_year(
            (p, hist, path) in arb_case(),
            at in any::<proptest::sample::Index>(),
        ) {
            let e = Engine::new(p.clone()).unwrap();
            let years = e.project(&hist, &path).unwrap();
            let y = &years[at.index(years.len())];
            let why = e.explain_year(&hist, &path, y.year).unwrap();
            let income = child(&why, "grant income");
            prop_assert_eq!(money_in(income), ore_of(y.income));
            let cohorts: i128 = income.inputs.iter().map(money_in).sum();
            prop_assert_eq!(cohorts, ore_of(y.income));
            prop_assert_eq!(money_in(&why), ore_of(y.fund));
            // The fund at the start of the year (of the projection, in its first year) comes first.
            let start = money_in(&why.inputs[0]);
            let [fixed, variable, uncovered] =
                ["fixed costs", "variable costs", "uncovered"].map(|l| money_in(child(&why, l)));
            prop_assert_eq!(fixed, ore_of(y.fixed_costs));
            prop_assert_eq!(variable, ore_of(y.variable_costs));
            prop_assert_eq!(money_in(&why), start + cohorts - fixed - variable + uncovered);
            let persons = persons_of(&hist, &path);
            for c in &income.inputs {
                let cohort = match child(c, "cohort year").value.value {
                    Value::Integer(n) => usize::try_from(n - 2019).unwrap(),
                    _ => unreachable!(),
                };
                let lost = c.inputs.iter().find(|e| e.label == "persons lost to flooring");
                match p.category_shares.apportionment() {
                    Apportionment::FloorEach => prop_assert_eq!(
                        &lost.unwrap().value,
                        &Quantity::persons(i64::try_from(lost_of(&p, persons[cohort])).unwrap())
                    ),
                    _ => prop_assert!(lost.is_none()),
                }
            }
        }

        /// Parameters keyed by category, set in any order, are the positional parameters
        /// they stand for (GrantCategory::ALL order): the same projection, equal to the plain
        /// model that reads them by position, and they survive a JSON round trip.
        #[test]
        fn keyed_parameters_are_the_positional_ones(
            (p, hist, path) in arb_case(),
            order in Just(GrantCategory::ALL).prop_shuffle(),
        ) {
            let positional_shares = p.category_shares.shares().into_array();
            let mut keyed = p.clone();
            let mut shares = ByCategory::all(Ratio::of(0, 1).unwrap());
            for c in order {
                shares = shares.with(c, positional_shares[c.index()]);
            }
            keyed.category_shares = CategoryShares::new(shares, p.category_shares.source().clone())
                .unwrap()
                .with_apportionment(p.category_shares.apportionment());
            for (row, old) in keyed.rates.rates.iter_mut().zip(&p.rates.rates) {
                let positional = old.into_array();
                let mut r = ByCategory::all([Money::ZERO; 5]);
                for c in order {
                    *r.get_mut(c) = positional[c.index()];
                }
                *row = r;
            }
            prop_assert_eq!(&keyed, &p);
            let back: ProjectionParams = serde_json::from_str(&serde_json::to_string(&keyed).unwrap()).unwrap();
            prop_assert_eq!(&back, &p);
            let got: Vec<[i128; 8]> = project(&back, &hist, &path).iter().map(row).collect();
            prop_assert_eq!(got, model(&p, &hist, &path));
        }
    }
}
