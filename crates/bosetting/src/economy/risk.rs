//! The refugee fund's risk under uncertain settlement: Monte Carlo paths of arrivals run
//! through the grant and cost rules, year by year, in exact integer øre.
//!
//! Each path is one possible future: how many persons arrive in each projected year. A
//! person brings the integration grant for grant years 1–5 and costs the service while in
//! them; the fund takes the year's income less its costs, and where it would go below its
//! floor the year is a breach for that path, the shortfall is recorded as *uncovered*
//! (never dropped), and the balance stays at the floor. Per year the result gives the
//! probability of a breach, the balance's 5th, 50th and 95th percentiles (nearest rank, by
//! selection, not a full sort) and the uncovered total.
//!
//! Paths come from the caller ([`ArrivalPaths::given`]), from a seeded, reproducible
//! generator ([`ArrivalPaths::triangular`] with ChaCha8, [`ArrivalPaths::from_history`] from a
//! municipality's own record of settled against decided), or from the counter-based hash the
//! numpy peer uses ([`ArrivalPaths::counter_triangular`]), so that both give the same
//! numbers.
//!
//! # Example
//!
//! ```
//! use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
//! use bosetting::{Money, Source};
//!
//! let params = RiskParams {
//!     opening: Money::kroner(20_000_000),
//!     floor: Money::ZERO,
//!     rates: [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
//!     fixed_cost: Money::kroner(3_000_000),
//!     cost_per_person: Money::kroner(150_000),
//!     history: vec![40, 60, 120, 80],
//!     source: Source::new("IMDi 2017 rates; the service's budget"),
//! };
//! let paths = ArrivalPaths::counter_triangular(2026, 1_000, 10, 20, 100)?;
//! let r = fund_risk(&params, &paths)?;
//! assert_eq!(r.checksum(), 11_290_409); // the numpy peer's figure for 1 000 paths
//! assert_eq!(r.years[0].breaches, 0);
//! # Ok::<(), bosetting::Error>(())
//! ```

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::money::Money;
use crate::phrase::{Arg, Phrase};
use crate::provenance::Source;
use crate::ratio::Ratio;

/// The rules a fund-risk projection runs under, in kroner (exact to the øre).
///
/// # Example
///
/// The rules are checked when they run: amounts are whole øre, and the fund opens at or
/// above its floor.
///
/// ```
/// use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
/// use bosetting::{Error, Money, Source};
///
/// let mut params = RiskParams {
///     opening: Money::kroner(1_000_000),
///     floor: Money::kroner(2_000_000),
///     rates: [Money::kroner(200_000); 5],
///     fixed_cost: Money::ZERO,
///     cost_per_person: Money::kroner(150_000),
///     history: vec![],
///     source: Source::new("the service's budget"),
/// };
/// let paths = ArrivalPaths::given(&[vec![10, 10]])?;
/// assert!(matches!(fund_risk(&params, &paths), Err(Error::InvalidValue { .. })));
/// params.floor = Money::ZERO;
/// assert_eq!(fund_risk(&params, &paths)?.years[1].breaches, 0);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RiskParams {
    /// The fund's balance at the start.
    pub opening: Money,
    /// The least the fund may hold; a year that would take it below is a breach.
    pub floor: Money,
    /// The integration grant per person for grant years 1–5 (the payment years' rates, as
    /// the projection assumes them).
    pub rates: [Money; 5],
    /// The service's fixed cost a year.
    pub fixed_cost: Money,
    /// The cost a year of a person in grant years 1–5.
    pub cost_per_person: Money,
    /// Persons settled in the years before the projection, oldest first (at most four
    /// count: older cohorts have left the grant years).
    pub history: Vec<u32>,
    /// Where the rules come from (rates are an assumption for years not yet budgeted).
    pub source: Source,
}

/// Arrivals per path and projected year.
///
/// # Example
///
/// ```
/// use bosetting::risk::ArrivalPaths;
///
/// let paths = ArrivalPaths::given(&[vec![10, 12, 8], vec![20, 0, 5]])?;
/// assert_eq!((paths.paths(), paths.years()), (2, 3));
/// assert_eq!(paths.path(1), Some(&[20, 0, 5][..]));
/// assert_eq!(paths.path(2), None);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArrivalPaths {
    years: usize,
    /// Row-major: path p, year t at `p * years + t`.
    arrivals: Vec<u32>,
    /// How the paths were made, for explanations.
    pub origin: Phrase,
}

/// `x mod d` by multiplication (Lemire, Kaser and Kurz, "Faster remainder by direct
/// computation", 2019): `m` is ⌈2¹²⁸ / d⌉, precomputed once per divisor. Exact for every
/// 64-bit `x` and `d ≥ 1`.
fn fastmod(x: u64, m: u128, d: u64) -> u64 {
    let low = m.wrapping_mul(u128::from(x));
    let lo = u128::from(low as u64).wrapping_mul(u128::from(d));
    let hi = (low >> 64).wrapping_mul(u128::from(d));
    (hi.wrapping_add(lo >> 64) >> 64) as u64
}

fn fastmod_magic(d: u64) -> u128 {
    u128::MAX
        .checked_div(u128::from(d.max(1)))
        .unwrap_or(0)
        .wrapping_add(1)
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl ArrivalPaths {
    /// Paths the caller gives: one row of arrivals per path, every row as long.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for no paths, rows of different lengths, or no years.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::ArrivalPaths;
    ///
    /// let paths = ArrivalPaths::given(&[vec![40, 30], vec![60, 10]])?;
    /// assert_eq!(paths.path(0), Some(&[40, 30][..]));
    /// assert!(ArrivalPaths::given(&[vec![40, 30], vec![60]]).is_err());
    /// assert!(ArrivalPaths::given(&[]).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn given(rows: &[Vec<u32>]) -> Result<ArrivalPaths> {
        let years = rows.first().map_or(0, Vec::len);
        if years == 0 {
            return Err(Error::invalid(
                "arrival paths",
                rows.len(),
                "give at least one path of at least one year",
            ));
        }
        if let Some((i, r)) = rows.iter().enumerate().find(|(_, r)| r.len() != years) {
            return Err(Error::invalid(
                format!("arrival path {i}"),
                r.len(),
                format!("every path needs the same number of years ({years})"),
            ));
        }
        Ok(ArrivalPaths {
            years,
            arrivals: rows.iter().flatten().copied().collect(),
            origin: Phrase::new("paths given by the caller"),
        })
    }

    /// The numpy peer's paths: arrivals = low + (r0 + r1) div 2, with r0, r1 from
    /// splitmix64 of a counter (a symmetric triangular distribution on low..=high).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for no paths or years, or `low` above `high`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::ArrivalPaths;
    ///
    /// let paths = ArrivalPaths::counter_triangular(2026, 100, 5, 10, 20)?;
    /// assert_eq!((paths.paths(), paths.years()), (100, 5));
    /// assert!((0..100).filter_map(|p| paths.path(p)).flatten().all(|a| (10..=20).contains(a)));
    /// // The same seed gives the same paths.
    /// assert_eq!(paths, ArrivalPaths::counter_triangular(2026, 100, 5, 10, 20)?);
    /// assert!(ArrivalPaths::counter_triangular(2026, 100, 5, 20, 10).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn counter_triangular(
        seed: u64,
        paths: usize,
        years: usize,
        low: u32,
        high: u32,
    ) -> Result<ArrivalPaths> {
        check_shape(paths, years, low, high)?;
        let span = u64::from(high.saturating_sub(low)).saturating_add(1);
        let magic = fastmod_magic(span);
        let mut arrivals = Vec::with_capacity(paths.saturating_mul(years));
        for p in 0..paths as u64 {
            for t in 0..years as u64 {
                let key = seed
                    .wrapping_mul(1 << 32)
                    .wrapping_add(p.wrapping_mul(1_000_003))
                    .wrapping_add(t.wrapping_mul(101));
                let r0 = fastmod(splitmix64(key), magic, span);
                let r1 = fastmod(splitmix64(key.wrapping_add(1)), magic, span);
                // r0 + r1 < 2·span: the half is below span, so it fits a u32 above low.
                let a = u64::from(low).saturating_add(r0.saturating_add(r1) / 2);
                arrivals.push(u32::try_from(a).unwrap_or(high));
            }
        }
        Ok(ArrivalPaths {
            years,
            arrivals,
            origin: Phrase::new("counter-based triangular {low}..={high}, seed {seed}")
                .with("low", low)
                .with("high", high)
                .with("seed", Arg::verbatim(seed.to_string())),
        })
    }

    /// Paths from a triangular distribution on `low..=high` with its mode at `likely`,
    /// drawn with ChaCha8 from `seed` (the same seed gives the same paths on every
    /// machine).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for no paths or years, or `low ≤ likely ≤ high` broken.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::ArrivalPaths;
    ///
    /// let paths = ArrivalPaths::triangular(7, 50, 4, 20, 45, 60)?;
    /// assert_eq!((paths.paths(), paths.years()), (50, 4));
    /// assert!(paths.path(49).is_some_and(|p| p.iter().all(|a| (20..=60).contains(a))));
    /// assert_eq!(paths, ArrivalPaths::triangular(7, 50, 4, 20, 45, 60)?);
    /// assert!(ArrivalPaths::triangular(7, 50, 4, 20, 70, 60).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn triangular(
        seed: u64,
        paths: usize,
        years: usize,
        low: u32,
        likely: u32,
        high: u32,
    ) -> Result<ArrivalPaths> {
        check_shape(paths, years, low, high)?;
        if likely < low || likely > high {
            return Err(Error::invalid(
                "likely arrivals",
                likely,
                format!("must lie from {low} to {high}"),
            ));
        }
        // The discrete triangular distribution in whole numbers: the weight of k rises by
        // one from low to likely and falls by one from likely to high (each side scaled by
        // the other's width so the two meet at the mode), and a draw is an integer below the
        // total weight, found in the cumulative table. No floating point.
        let width = usize::try_from(high.saturating_sub(low))
            .unwrap_or(usize::MAX)
            .saturating_add(1);
        if width > MAX_TRIANGULAR_WIDTH {
            return Err(Error::invalid(
                "arrivals",
                format!("{low}..={high}"),
                format!("a range of at most {MAX_TRIANGULAR_WIDTH} values"),
            ));
        }
        let (up, down) = (
            u64::from(high.saturating_sub(likely)).saturating_add(1),
            u64::from(likely.saturating_sub(low)).saturating_add(1),
        );
        let mut cumulative = Vec::with_capacity(width);
        let mut total = 0_u64;
        for k in low..=high {
            let w = if k <= likely {
                u64::from(k.saturating_sub(low))
                    .saturating_add(1)
                    .saturating_mul(up)
            } else {
                u64::from(high.saturating_sub(k))
                    .saturating_add(1)
                    .saturating_mul(down)
            };
            total = total.saturating_add(w);
            cumulative.push(total);
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut arrivals = Vec::with_capacity(paths.saturating_mul(years));
        for _ in 0..paths.saturating_mul(years) {
            let u = rng.random_range(0..total.max(1));
            let i = cumulative.partition_point(|&c| c <= u);
            let k = u32::try_from(i).ok().and_then(|i| low.checked_add(i));
            arrivals.push(k.unwrap_or(high).min(high));
        }
        Ok(ArrivalPaths {
            years,
            arrivals,
            origin: Phrase::new("triangular {low}/{likely}/{high}, ChaCha8 seed {seed}")
                .with("low", low)
                .with("likely", likely)
                .with("high", high)
                .with("seed", Arg::verbatim(seed.to_string())),
        })
    }

    /// Paths from a municipality's own record: each year's arrivals are `planned` places
    /// times a ratio of settled to decided drawn (uniformly, ChaCha8 from `seed`) from the
    /// years in `history`, floored to whole persons.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for an empty history, no paths or years, or a negative ratio.
    ///
    /// # Example
    ///
    /// Bodø settled 41 of 74 places one year and all of them another; 60 places are planned
    /// for each of the next three years.
    ///
    /// ```
    /// use bosetting::Ratio;
    /// use bosetting::risk::ArrivalPaths;
    ///
    /// let record = [Ratio::of(41, 74)?, Ratio::of(1, 1)?];
    /// let paths = ArrivalPaths::from_history(1, 200, &[60, 60, 60], &record)?;
    /// assert_eq!((paths.paths(), paths.years()), (200, 3));
    /// // 60 × 41/74 = 33.2 floors to 33; 60 × 1 is 60.
    /// assert!(paths.path(0).is_some_and(|p| p.iter().all(|a| *a == 33 || *a == 60)));
    /// assert!(ArrivalPaths::from_history(1, 200, &[60], &[]).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn from_history(
        seed: u64,
        paths: usize,
        planned: &[u32],
        history: &[Ratio],
    ) -> Result<ArrivalPaths> {
        let years = planned.len();
        check_shape(paths, years, 0, 0)?;
        if history.is_empty() {
            return Err(Error::invalid(
                "settlement history",
                0,
                "give at least one year's settled / decided",
            ));
        }
        if let Some(r) = history.iter().find(|r| r.numerator().is_sign_negative()) {
            return Err(Error::invalid(
                "settlement history",
                r,
                "settled / decided cannot be negative",
            ));
        }
        let mut rng = ChaCha8Rng::seed_from_u64(seed);
        let mut arrivals = Vec::with_capacity(paths.saturating_mul(years));
        for _ in 0..paths {
            for &p in planned {
                let i = rng.random_range(0..history.len());
                let r = history
                    .get(i)
                    .copied()
                    .unwrap_or_else(|| Ratio::from_percent(100.into()));
                let n = r
                    .scale(p.into())?
                    .round(crate::rounding::RoundingRule::Floor, 0)?;
                arrivals.push(n.to_u32().unwrap_or(u32::MAX));
            }
        }
        Ok(ArrivalPaths {
            years,
            arrivals,
            origin: Phrase::new(
                "the municipality's record of settled / decided ({years} years), ChaCha8 seed {seed}",
            )
            .with("years", history.len())
            .with("seed", Arg::verbatim(seed.to_string())),
        })
    }

    /// How many paths (see the type's example).
    pub fn paths(&self) -> usize {
        self.arrivals.len().checked_div(self.years).unwrap_or(0)
    }

    /// How many projected years (see the type's example).
    pub fn years(&self) -> usize {
        self.years
    }

    /// One path's arrivals; `None` past the last path (see the type's example).
    pub fn path(&self, p: usize) -> Option<&[u32]> {
        let start = p.checked_mul(self.years)?;
        self.arrivals.get(start..start.checked_add(self.years)?)
    }
}

/// The widest range a triangular distribution is drawn over (its table holds one entry per
/// value).
const MAX_TRIANGULAR_WIDTH: usize = 1_000_000;

fn check_shape(paths: usize, years: usize, low: u32, high: u32) -> Result<()> {
    if paths == 0 || years == 0 {
        return Err(Error::invalid(
            "arrival paths",
            format!("{paths} × {years}"),
            "give at least one path and one year",
        ));
    }
    if low > high {
        return Err(Error::invalid(
            "arrivals",
            format!("{low}..={high}"),
            "the lowest is above the highest",
        ));
    }
    Ok(())
}

/// One projected year across all paths (see [`fund_risk`] for an example).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RiskYear {
    /// 0 for the first projected year.
    pub index: usize,
    /// Paths whose fund would have gone below the floor this year.
    pub breaches: u64,
    /// The share of paths with a breach.
    pub probability: Ratio,
    /// The balance's 5th percentile (nearest rank) after the year.
    pub p5: Money,
    /// The median balance.
    pub p50: Money,
    /// The 95th percentile.
    pub p95: Money,
    /// The shortfall below the floor this year, summed over paths.
    pub uncovered: Money,
}

/// The fund's risk, year by year (see [`fund_risk`] for an example).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RiskResult {
    /// Per projected year.
    pub years: Vec<RiskYear>,
    /// How many paths.
    pub paths: usize,
    /// Every arrival on every path, summed.
    pub arrivals: u64,
    /// How the paths were made.
    pub origin: Phrase,
    /// Where the rules come from.
    pub source: Source,
}

impl RiskResult {
    /// The numpy peer's checksum: (Σ breaches + Σ percentiles in øre + Σ uncovered in øre +
    /// Σ arrivals) mod 1 000 000 007.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
    /// use bosetting::{Money, Source};
    ///
    /// let params = RiskParams {
    ///     opening: Money::kroner(10),
    ///     floor: Money::ZERO,
    ///     rates: [Money::ZERO; 5],
    ///     fixed_cost: Money::ZERO,
    ///     cost_per_person: Money::ZERO,
    ///     history: vec![],
    ///     source: Source::new("no money moves"),
    /// };
    /// let r = fund_risk(&params, &ArrivalPaths::given(&[vec![3]])?)?;
    /// // 3 arrivals + three percentiles of 1 000 øre each.
    /// assert_eq!(r.checksum(), 3_003);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checksum(&self) -> u64 {
        const M: i128 = 1_000_000_007;
        let ore = |m: Money| {
            m.amount()
                .checked_mul(100.into())
                .and_then(|d| d.to_i128())
                .unwrap_or(0)
                .rem_euclid(M)
        };
        let mut s: i128 = i128::from(self.arrivals).rem_euclid(M);
        for y in &self.years {
            // Each term is below M, so five of them add up far below i128::MAX.
            for t in [
                i128::from(y.breaches),
                ore(y.p5),
                ore(y.p50),
                ore(y.p95),
                ore(y.uncovered),
            ] {
                s = s.saturating_add(t).rem_euclid(M);
            }
        }
        u64::try_from(s).unwrap_or(0)
    }
}

fn to_ore(m: Money, what: &str) -> Result<i64> {
    let d = m
        .amount()
        .checked_mul(100.into())
        .ok_or_else(|| Error::Overflow {
            operation: what.to_owned(),
        })?;
    if !d.fract().is_zero() {
        return Err(Error::invalid(what, m, "amounts are whole øre"));
    }
    d.to_i64().ok_or_else(|| Error::Overflow {
        operation: what.to_owned(),
    })
}

fn from_ore(o: i64) -> Money {
    Money::new(rust_decimal::Decimal::new(o, 2))
}

/// Runs every path through the rules.
///
/// # Errors
///
/// [`Error::InvalidValue`] for negative costs or rates, amounts that are not whole øre, or
/// an opening balance below the floor; [`Error::Overflow`] if a balance could not be held
/// (checked before the paths run).
///
/// # Example
///
/// Two paths through two years: a person brings 100 000 kr in each of the first two grant
/// years and costs 150 000 kr a year. Ten arrivals in the first year take the fund from
/// 1 mill to 0,5 mill, then below its floor of 0,1 mill.
///
/// ```
/// use bosetting::risk::{ArrivalPaths, RiskParams, fund_risk};
/// use bosetting::{Money, Ratio, Source};
///
/// let k = Money::kroner;
/// let params = RiskParams {
///     opening: k(1_000_000),
///     floor: k(100_000),
///     rates: [k(100_000), k(100_000), Money::ZERO, Money::ZERO, Money::ZERO],
///     fixed_cost: Money::ZERO,
///     cost_per_person: k(150_000),
///     history: vec![],
///     source: Source::new("round figures"),
/// };
/// let paths = ArrivalPaths::given(&[vec![2, 0], vec![10, 0]])?;
/// let risk = fund_risk(&params, &paths)?;
/// let [first, second] = &risk.years[..] else { unreachable!() };
/// assert_eq!((first.breaches, first.p50, first.p95), (0, k(500_000), k(900_000)));
/// assert_eq!((second.breaches, second.probability), (1, Ratio::of(1, 2)?));
/// assert_eq!((second.p5, second.p95), (k(100_000), k(800_000)));
/// assert_eq!(second.uncovered, k(100_000));
/// assert_eq!(risk.arrivals, 12);
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn fund_risk(params: &RiskParams, paths: &ArrivalPaths) -> Result<RiskResult> {
    let rates = params
        .rates
        .iter()
        .map(|r| to_ore(*r, "grant rate"))
        .collect::<Result<Vec<i64>>>()?;
    let fixed = to_ore(params.fixed_cost, "fixed cost")?;
    let per = to_ore(params.cost_per_person, "cost per person")?;
    let opening = to_ore(params.opening, "opening balance")?;
    let floor = to_ore(params.floor, "floor")?;
    if rates.iter().any(|r| *r < 0) || fixed < 0 || per < 0 {
        return Err(Error::invalid(
            "fund risk rules",
            "a negative rate or cost",
            "rates and costs are 0 or more",
        ));
    }
    if opening < floor {
        return Err(Error::invalid(
            "opening balance",
            params.opening,
            format!("below the floor {}", params.floor),
        ));
    }
    let years = paths.years();
    let n = paths.paths();
    // Cohorts: the last four years before the projection, then the path's years.
    let hist: Vec<i64> = {
        let h = &params.history;
        let keep = h.len().saturating_sub(4);
        let mut v: Vec<i64> = h.iter().skip(keep).map(|&c| i64::from(c)).collect();
        while v.len() < 4 {
            v.insert(0, 0);
        }
        v
    };
    // Bound every intermediate value once: a year's income and cost are at most five
    // cohorts of the largest size times the largest rate or cost, and a balance grows by
    // at most that a year.
    let most = paths.arrivals.iter().copied().max().unwrap_or(0).max(
        hist.iter()
            .copied()
            .max()
            .map_or(0, |h| u32::try_from(h).unwrap_or(u32::MAX)),
    );
    let rate_max = rates.iter().copied().max().unwrap_or(0).max(per);
    let yearly = i64::from(most)
        .checked_mul(5)
        .and_then(|x| x.checked_mul(rate_max))
        .and_then(|x| x.checked_add(fixed))
        .ok_or_else(|| Error::Overflow {
            operation: "fund risk: a year's income or cost".to_owned(),
        })?;
    i64::try_from(years)
        .ok()
        .and_then(|y| yearly.checked_mul(y))
        .and_then(|x| x.checked_add(opening.abs()))
        .ok_or_else(|| Error::Overflow {
            operation: "fund risk: the balance over the years".to_owned(),
        })?;
    // A year's uncovered total is at most a year's cost, and the balance, on every path.
    i64::try_from(paths.paths())
        .ok()
        .and_then(|p| yearly.checked_add(opening.abs())?.checked_mul(p))
        .ok_or_else(|| Error::Overflow {
            operation: "fund risk: a year's uncovered total".to_owned(),
        })?;

    // Path by path, the last five cohorts kept in a small window, each year's balance
    // written to that year's row so that the year's percentiles are selected from one
    // contiguous slice. Every bound above is proven, so the wrapping operations below
    // cannot wrap.
    let mut by_year = vec![0_i64; n.saturating_mul(years)];
    let rules = Rules {
        rates: [0, 1, 2, 3, 4].map(|i| rates.get(i).copied().unwrap_or(0)),
        per,
        fixed,
        floor,
        opening,
        hist: [0, 1, 2, 3].map(|i| hist.get(i).copied().unwrap_or(0)),
    };
    // Two halves of the paths on two threads, each writing its half of every year's row;
    // small runs stay on one.
    let half = if n >= SPLIT_AT { n / 2 } else { n };
    let (mut left, mut right): (Vec<&mut [i64]>, Vec<&mut [i64]>) = by_year
        .chunks_exact_mut(n.max(1))
        .map(|row| row.split_at_mut(half.min(row.len())))
        .unzip();
    let (first, second) = paths
        .arrivals
        .split_at(half.saturating_mul(years).min(paths.arrivals.len()));
    let ((b1, u1), (b2, u2)) = std::thread::scope(|sc| {
        let other = sc.spawn(|| rules.run(second, years, &mut right));
        let mine = rules.run(first, years, &mut left);
        (
            mine,
            other
                .join()
                .unwrap_or_else(|_| (vec![0; years], vec![0; years])),
        )
    });
    let breaches: Vec<u64> = b1
        .iter()
        .zip(&b2)
        .map(|(a, b)| a.wrapping_add(*b))
        .collect();
    let uncovered: Vec<i64> = u1
        .iter()
        .zip(&u2)
        .map(|(a, b)| a.wrapping_add(*b))
        .collect();
    let mut out = Vec::with_capacity(years);
    let mut scratch = Vec::with_capacity(n);
    for (t, row) in by_year.chunks_exact(n.max(1)).enumerate().take(years) {
        let pct = percentiles_above(row, floor, &[5, 50, 95], &mut scratch);
        let b = breaches.get(t).copied().unwrap_or(0);
        out.push(RiskYear {
            index: t,
            breaches: b,
            probability: Ratio::of(b, n as u64)?,
            p5: from_ore(pct[0]),
            p50: from_ore(pct[1]),
            p95: from_ore(pct[2]),
            uncovered: from_ore(uncovered.get(t).copied().unwrap_or(0)),
        });
    }
    Ok(RiskResult {
        years: out,
        paths: n,
        arrivals: paths.arrivals.iter().map(|&a| u64::from(a)).sum(),
        origin: paths.origin.clone(),
        source: params.source.clone(),
    })
}

/// Runs of at least this many paths are split over two threads.
const SPLIT_AT: usize = 4_096;

/// The rules in øre, bounds proven by [`fund_risk`] before any path runs.
struct Rules {
    rates: [i64; 5],
    per: i64,
    fixed: i64,
    floor: i64,
    opening: i64,
    /// The four years before the projection, oldest first.
    hist: [i64; 4],
}

impl Rules {
    /// Runs `arrivals` (whole paths of `years`), writing each path's balance after year t
    /// to `rows[t][p]`; returns breaches and uncovered øre per year.
    fn run(&self, arrivals: &[u32], years: usize, rows: &mut [&mut [i64]]) -> (Vec<u64>, Vec<i64>) {
        let mut breaches = vec![0_u64; years];
        let mut uncovered = vec![0_i64; years];
        let [r1, r2, r3, r4, r5] = self.rates;
        let [h0, h1, h2, h3] = self.hist;
        for (p, path) in arrivals.chunks_exact(years.max(1)).enumerate() {
            // After the shift, window[0] is this year's cohort (grant year 1) and window[4]
            // the one in grant year 5; before it, the history's newest year comes first.
            let mut window = [h3, h2, h1, h0, 0_i64];
            let mut bal = self.opening;
            for (t, &a) in path.iter().enumerate() {
                window = [i64::from(a), window[0], window[1], window[2], window[3]];
                let income = window[0]
                    .wrapping_mul(r1)
                    .wrapping_add(window[1].wrapping_mul(r2))
                    .wrapping_add(window[2].wrapping_mul(r3))
                    .wrapping_add(window[3].wrapping_mul(r4))
                    .wrapping_add(window[4].wrapping_mul(r5));
                let active = window[0]
                    .wrapping_add(window[1])
                    .wrapping_add(window[2])
                    .wrapping_add(window[3])
                    .wrapping_add(window[4]);
                let next = bal
                    .wrapping_add(income)
                    .wrapping_sub(self.fixed.wrapping_add(active.wrapping_mul(self.per)));
                if next < self.floor {
                    if let (Some(b), Some(u)) = (breaches.get_mut(t), uncovered.get_mut(t)) {
                        *b = b.wrapping_add(1);
                        *u = u.wrapping_add(self.floor.wrapping_sub(next));
                    }
                    bal = self.floor;
                } else {
                    bal = next;
                }
                if let Some(slot) = rows.get_mut(t).and_then(|r| r.get_mut(p)) {
                    *slot = bal;
                }
            }
        }
        (breaches, uncovered)
    }
}

/// As [`percentiles`] for balances that are never below `floor`: the paths at the floor
/// are moved to the front in one pass, and only ranks above them are selected, among the
/// rest (in a bad year most paths sit at the floor, and little is left to select).
fn percentiles_above(v: &[i64], floor: i64, qs: &[u64; 3], scratch: &mut Vec<i64>) -> [i64; 3] {
    // The balances above the floor are copied out without a branch per path (each is
    // written, and the write position moves on only past one above the floor): in a year
    // where some paths sit at the floor and some do not, a branch would be mispredicted
    // for about every other path.
    if scratch.len() < v.len() {
        scratch.resize(v.len(), 0);
    }
    let mut above = 0_usize;
    for &x in v {
        if let Some(slot) = scratch.get_mut(above) {
            *slot = x;
        }
        above = above.wrapping_add(usize::from(x > floor));
    }
    let at = v.len().saturating_sub(above);
    let ks = ranks(v.len(), qs);
    let rest = scratch.get_mut(..above).unwrap_or_default();
    // Ranks at or above `at` are selected among the rest; those below are the floor.
    let shifted = ks.map(|k| k.checked_sub(at));
    let first = shifted.iter().position(Option::is_some);
    let mut out = [floor; 3];
    if let Some(f) = first {
        let r = |i: usize| shifted.get(i.max(f)).copied().flatten().unwrap_or(0);
        let got = select_ranks(rest, [r(0), r(1), r(2)]);
        for (i, slot) in out.iter_mut().enumerate().skip(f) {
            *slot = got.get(i).copied().unwrap_or(floor);
        }
    }
    out
}

fn ranks(len: usize, qs: &[u64; 3]) -> [usize; 3] {
    let n = len as u64;
    qs.map(|q| usize::try_from(q.saturating_mul(n).div_ceil(100).saturating_sub(1)).unwrap_or(0))
}

/// The nearest-rank percentiles (the ⌈q·n/100⌉-th smallest) of `v`, by selection (the
/// reference [`percentiles_above`] is tested against).
#[cfg(test)]
fn percentiles(v: &mut [i64], qs: &[u64; 3]) -> [i64; 3] {
    let ks = ranks(v.len(), qs);
    select_ranks(v, ks)
}

/// The `k`-th smallest values for three ascending ranks: one selection for the middle one,
/// then each other within its side.
fn select_ranks(v: &mut [i64], [k0, k1, k2]: [usize; 3]) -> [i64; 3] {
    if v.is_empty() {
        return [0; 3];
    }
    let last = v.len().saturating_sub(1);
    let (lo, mid, hi) = v.select_nth_unstable(k1.min(last));
    let m = *mid;
    let a = if k0 < k1 && k0 < lo.len() {
        *lo.select_nth_unstable(k0).1
    } else {
        m
    };
    let c = match k2.checked_sub(k1).and_then(|d| d.checked_sub(1)) {
        Some(k) if !hi.is_empty() => *hi.select_nth_unstable(k.min(hi.len().saturating_sub(1))).1,
        _ => m,
    };
    [a, m, c]
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn peer() -> RiskParams {
        RiskParams {
            opening: Money::kroner(20_000_000),
            floor: Money::ZERO,
            rates: [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
            fixed_cost: Money::kroner(3_000_000),
            cost_per_person: Money::kroner(150_000),
            history: vec![40, 60, 120, 80],
            source: Source::new("bench-peers/fund_risk_numpy.py"),
        }
    }

    #[test]
    fn the_numpy_peer_is_reproduced_exactly() {
        let paths = ArrivalPaths::counter_triangular(2026, 10_000, 10, 20, 100).unwrap();
        let r = fund_risk(&peer(), &paths).unwrap();
        assert_eq!(r.arrivals, 5_975_976);
        let b: Vec<u64> = r.years.iter().map(|y| y.breaches).collect();
        assert_eq!(b, [0, 0, 461, 3821, 6354, 8075, 8497, 8583, 8572, 8589]);
        assert_eq!(r.checksum(), 161_713_785);
    }

    #[test]
    fn bad_rules_and_paths_are_errors() {
        let mut p = peer();
        p.fixed_cost = Money::kroner(-1);
        let paths = ArrivalPaths::given(&[vec![1, 2]]).unwrap();
        assert!(fund_risk(&p, &paths).is_err());
        assert!(ArrivalPaths::given(&[vec![1, 2], vec![1]]).is_err());
        assert!(ArrivalPaths::triangular(1, 10, 3, 50, 20, 60).is_err());
        assert!(ArrivalPaths::counter_triangular(1, 0, 3, 1, 2).is_err());
    }

    #[test]
    fn seeded_paths_are_reproducible() {
        let a = ArrivalPaths::triangular(7, 100, 5, 10, 40, 90).unwrap();
        let b = ArrivalPaths::triangular(7, 100, 5, 10, 40, 90).unwrap();
        assert_eq!(a, b);
        assert!(a.arrivals.iter().all(|&x| (10..=90).contains(&x)));
        // The mode is the most frequent value's neighbourhood, and both ends are reachable.
        let t = ArrivalPaths::triangular(9, 20_000, 1, 0, 2, 4).unwrap();
        let count = |v| t.arrivals.iter().filter(|&&x| x == v).count();
        assert!(
            count(2) > count(1) && count(1) > count(0) && count(0) > 0,
            "{:?}",
            [0, 1, 2, 3, 4].map(count)
        );
        assert!(count(2) > count(3) && count(3) > count(4) && count(4) > 0);
        let h = ArrivalPaths::from_history(
            3,
            50,
            &[100, 80],
            &[Ratio::of(41, 74).unwrap(), Ratio::of(1, 1).unwrap()],
        )
        .unwrap();
        assert!(
            h.arrivals
                .iter()
                .all(|&x| x == 100 || x == 80 || x == 55 || x == 44)
        );
    }

    proptest! {
        #![proptest_config(crate::testing::config())]

        /// The fund identity on every path: opening + Σ income − Σ cost + Σ uncovered =
        /// closing, checked through a one-path run against a direct transcription; and the
        /// floor is never crossed.
        #[test]
        fn one_path_matches_a_direct_transcription(
            arrivals in proptest::collection::vec(0_u32..300, 1..12),
            hist in proptest::collection::vec(0_u32..300, 0..6),
            opening in 0_i64..50_000_000,
            floor in 0_i64..5_000_000,
            fixed in 0_i64..10_000_000,
        ) {
            prop_assume!(opening >= floor);
            let mut p = peer();
            p.history = hist.clone();
            p.opening = Money::kroner(opening);
            p.floor = Money::kroner(floor);
            p.fixed_cost = Money::kroner(fixed);
            let r = fund_risk(&p, &ArrivalPaths::given(std::slice::from_ref(&arrivals)).unwrap()).unwrap();
            let rates = [200_000_i64, 230_000, 167_000, 84_000, 70_500];
            let mut cohorts: Vec<i64> = vec![0; 4];
            let keep = hist.len().saturating_sub(4);
            for (i, h) in hist.iter().skip(keep).rev().enumerate() { cohorts[3 - i] = i64::from(*h); }
            cohorts.extend(arrivals.iter().map(|&a| i64::from(a)));
            let mut bal = opening;
            for t in 0..arrivals.len() {
                let mut inc = 0; let mut act = 0;
                for g in 0..5 { if t + 4 >= g { inc += cohorts[t + 4 - g] * rates[g]; act += cohorts[t + 4 - g]; } }
                let next = bal + inc - fixed - act * 150_000;
                let (nb, unc, br) = if next < floor { (floor, floor - next, 1) } else { (next, 0, 0) };
                bal = nb;
                let y = &r.years[t];
                prop_assert_eq!(y.breaches, br);
                prop_assert_eq!(y.uncovered, Money::kroner(unc));
                prop_assert_eq!(y.p50, Money::kroner(bal));
                prop_assert!(y.p5 >= Money::kroner(floor));
            }
        }

        /// Setting the paths at the floor aside first changes no percentile.
        #[test]
        fn floor_first_equals_plain_selection(v in proptest::collection::vec(0_i64..50, 1..300), floor in 0_i64..20) {
            let a: Vec<i64> = v.iter().map(|x| (*x).max(floor)).collect();
            let mut b = a.clone();
            let mut scratch = Vec::new();
            prop_assert_eq!(percentiles_above(&a, floor, &[5, 50, 95], &mut scratch), percentiles(&mut b, &[5, 50, 95]));
        }

        /// Remainders by multiplication equal the remainder operator.
        #[test]
        fn fastmod_is_the_remainder(x in any::<u64>(), d in 1_u64..u64::MAX) {
            prop_assert_eq!(fastmod(x, fastmod_magic(d), d), x % d);
            prop_assert_eq!(fastmod(x, fastmod_magic(81), 81), x % 81);
        }

        /// Percentiles by selection equal those of a full sort, for any balances.
        #[test]
        fn selection_equals_sorting(mut v in proptest::collection::vec(-1_000_i64..1_000, 1..300)) {
            let mut s = v.clone();
            s.sort_unstable();
            let n = s.len() as u64;
            let want: Vec<i64> = [5_u64, 50, 95].iter().map(|q| s[((q * n).div_ceil(100) - 1) as usize]).collect();
            prop_assert_eq!(percentiles(&mut v, &[5, 50, 95]).to_vec(), want);
        }
    }
}
