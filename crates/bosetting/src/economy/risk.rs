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
//! use bosetting::{Money, Source, Year};
//!
//! let params = RiskParams::new(
//!     Year::new(2026)?,
//!     Money::kroner(20_000_000),
//!     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
//!     Money::kroner(3_000_000),
//!     Money::kroner(150_000),
//!     Source::new("IMDi 2017 rates; the service's budget"),
//! )?
//! .with_history(vec![40, 60, 120, 80]);
//! let paths = ArrivalPaths::counter_triangular(2026, 1_000, 10, 20, 100)?;
//! let r = fund_risk(&params, &paths)?;
//! assert_eq!(r.checksum(), 11_290_409); // the numpy peer's figure for 1 000 paths
//! assert_eq!(r.years[0].year, Year::new(2026)?);
//! assert_eq!(r.years[0].breaches, 0);
//! # Ok::<(), bosetting::Error>(())
//! ```

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

use crate::calendar::Year;
use crate::error::{Error, Result};
use crate::money::Money;
use crate::phrase::{Arg, Phrase};
use crate::provenance::Source;
use crate::ratio::Ratio;
use crate::rounding::RoundingRule;

/// The rules a fund-risk projection runs under, in kroner (exact to the øre).
///
/// Built by [`RiskParams::new`] and the `with_*` setters, each of which checks what it
/// sets, so that no invalid rules exist in memory (`serde` reads them through the same
/// checks); read back through the getters.
///
/// # Example
///
/// ```
/// use bosetting::risk::RiskParams;
/// use bosetting::{Money, Source, Year};
///
/// let params = RiskParams::new(
///     Year::new(2026)?,
///     Money::kroner(20_000_000),
///     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
///     Money::kroner(3_000_000),
///     Money::kroner(150_000),
///     Source::new("IMDi's rates; the service's budget"),
/// )?
/// .with_history(vec![40, 60, 120, 80])
/// .with_floor(Money::kroner(1_000_000))?;
/// assert_eq!(params.floor(), Money::kroner(1_000_000));
/// assert!(params.clone().with_floor(Money::kroner(30_000_000)).is_err()); // above the opening
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[non_exhaustive]
pub struct RiskParams {
    first_year: Year,
    opening: Money,
    floor: Money,
    rates: [Money; 5],
    fixed_cost: Money,
    cost_per_person: Money,
    #[serde(default)]
    history: Vec<u32>,
    source: Source,
}

// The derived impls are generated as inherent functions (`remote = "Self"`), so that the
// `Deserialize` below can read the parts as they are and then put them through the checks.
impl<'de> Deserialize<'de> for RiskParams {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        RiskParams::deserialize(d)?
            .checked()
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for RiskParams {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        RiskParams::serialize(self, s)
    }
}

/// A rate or cost: whole øre and 0 or more.
fn check_amount(field: &str, m: Money) -> Result<Money> {
    if m.amount().is_sign_negative() && !m.amount().is_zero() {
        return Err(Error::invalid(field, m, "must be 0 or more"));
    }
    whole_ore(field, m)
}

/// An opening balance at or above the floor, both in whole øre; `field` names the one being
/// set.
fn check_order(field: &str, opening: Money, floor: Money) -> Result<()> {
    let (value, rule) = if field == "floor" {
        (
            floor,
            format!("must not be above the opening balance {opening}"),
        )
    } else {
        (opening, format!("must not be below the floor {floor}"))
    };
    whole_ore(field, value)?;
    if opening < floor {
        return Err(Error::invalid(field, value, rule));
    }
    Ok(())
}

fn whole_ore(field: &str, m: Money) -> Result<Money> {
    to_ore(m, field).map(|_| m)
}

impl RiskParams {
    /// The rules for projected years from `first_year`: the fund's `opening` balance, the
    /// integration grant per person for grant years 1–5 (`rates`, the payment years' rates
    /// as the projection assumes them), the service's fixed cost a year and its cost a
    /// year per person in grant years 1–5, and where they come from (rates are an
    /// assumption for years not yet budgeted). The floor starts at zero and no persons
    /// were settled before the projection; see [`RiskParams::with_floor`] and
    /// [`RiskParams::with_history`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the field and its value for a negative rate or cost,
    /// an opening balance below zero, or an amount that is not whole øre;
    /// [`Error::Overflow`] for an amount too large to count in øre.
    pub fn new(
        first_year: Year,
        opening: Money,
        rates: [Money; 5],
        fixed_cost: Money,
        cost_per_person: Money,
        source: Source,
    ) -> Result<RiskParams> {
        RiskParams {
            first_year,
            opening: Money::ZERO,
            floor: Money::ZERO,
            rates: [Money::ZERO; 5],
            fixed_cost: Money::ZERO,
            cost_per_person: Money::ZERO,
            history: Vec::new(),
            source,
        }
        .with_opening(opening)?
        .with_rates(rates)?
        .with_fixed_cost(fixed_cost)?
        .with_cost_per_person(cost_per_person)
    }

    /// The workload of the numpy peer of the fund-risk bench (`fund_risk_numpy.py`, kept
    /// outside the repository): 20 million kroner opening, floor zero, IMDi-like rates,
    /// 3 million kroner fixed and 150 000 per person a year, cohorts of 40, 60, 120 and 80
    /// before 2026. Shared by the bench and the tests that check its checksum.
    #[doc(hidden)]
    ///
    /// # Errors
    ///
    /// None for these values: the rules go through [`RiskParams::new`] like any other.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::RiskParams;
    ///
    /// let peer = RiskParams::numpy_peer()?;
    /// assert_eq!(peer.history(), [40, 60, 120, 80]);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn numpy_peer() -> Result<RiskParams> {
        Ok(RiskParams::new(
            Year::new(2026)?,
            Money::kroner(20_000_000),
            [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
            Money::kroner(3_000_000),
            Money::kroner(150_000),
            Source::new("the numpy peer of the fund-risk bench (fund_risk_numpy.py)"),
        )?
        .with_history(vec![40, 60, 120, 80]))
    }

    /// The same parts, through the checks of [`RiskParams::new`] and the setters (how
    /// `serde` reads the rules).
    fn checked(self) -> Result<RiskParams> {
        RiskParams::new(
            self.first_year,
            self.opening,
            self.rates,
            self.fixed_cost,
            self.cost_per_person,
            self.source,
        )?
        .with_history(self.history)
        .with_floor(self.floor)
    }

    /// The same rules with another opening balance.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a balance below the floor or not whole øre.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::RiskParams;
    /// use bosetting::{Money, Source, Year};
    ///
    /// let rules = RiskParams::new(
    ///     Year::new(2026)?,
    ///     Money::kroner(20_000_000),
    ///     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
    ///     Money::kroner(3_000_000),
    ///     Money::kroner(150_000),
    ///     Source::new("økonomiplan 2026–2029"),
    /// )?;
    /// let rules = rules.with_opening(Money::kroner(5_000_000))?;
    /// assert_eq!(rules.opening(), Money::kroner(5_000_000));
    /// // Below the floor (zero): refused.
    /// assert!(rules.with_opening(Money::kroner(-1)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_opening(mut self, opening: Money) -> Result<RiskParams> {
        check_order("opening balance", opening, self.floor)?;
        self.opening = opening;
        Ok(self)
    }

    /// The same rules with another floor: the least the fund may hold; a year that would
    /// take it below is a breach. The floor may be negative (an overdraft the owner
    /// accepts).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a floor above the opening balance or not whole øre.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::RiskParams;
    /// use bosetting::{Money, Source, Year};
    ///
    /// let rules = RiskParams::new(
    ///     Year::new(2026)?,
    ///     Money::kroner(20_000_000),
    ///     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
    ///     Money::kroner(3_000_000),
    ///     Money::kroner(150_000),
    ///     Source::new("økonomiplan 2026–2029"),
    /// )?;
    /// // An overdraft of 2 mill the owner accepts.
    /// let rules = rules.with_floor(Money::kroner(-2_000_000))?;
    /// assert_eq!(rules.floor(), Money::kroner(-2_000_000));
    /// // A floor above the opening balance would be breached before the first year.
    /// assert!(rules.with_floor(Money::kroner(25_000_000)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_floor(mut self, floor: Money) -> Result<RiskParams> {
        check_order("floor", self.opening, floor)?;
        self.floor = floor;
        Ok(self)
    }

    /// The same rules with other grant rates per person for grant years 1–5.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the grant year for a negative rate or one not in
    /// whole øre.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::RiskParams;
    /// use bosetting::{Money, Source, Year};
    ///
    /// let rules = RiskParams::new(
    ///     Year::new(2026)?,
    ///     Money::kroner(20_000_000),
    ///     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
    ///     Money::kroner(3_000_000),
    ///     Money::kroner(150_000),
    ///     Source::new("økonomiplan 2026–2029"),
    /// )?;
    /// let flat = rules.with_rates([Money::kroner(200_000); 5])?;
    /// assert_eq!(flat.rates()[4], Money::kroner(200_000));
    /// let err = flat.with_rates([0, 0, -1, 0, 0].map(Money::kroner)).unwrap_err();
    /// assert!(err.to_string().contains("grant year 3"), "{err}");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_rates(mut self, rates: [Money; 5]) -> Result<RiskParams> {
        for (g, r) in (1_u8..).zip(rates) {
            check_amount(&format!("grant rate for grant year {g}"), r)?;
        }
        self.rates = rates;
        Ok(self)
    }

    /// The same rules with another fixed cost a year.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a negative cost or one not in whole øre.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::RiskParams;
    /// use bosetting::{Money, Source, Year};
    ///
    /// let rules = RiskParams::new(
    ///     Year::new(2026)?,
    ///     Money::kroner(20_000_000),
    ///     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
    ///     Money::kroner(3_000_000),
    ///     Money::kroner(150_000),
    ///     Source::new("økonomiplan 2026–2029"),
    /// )?;
    /// let rules = rules.with_fixed_cost(Money::kroner(2_500_000))?;
    /// assert_eq!(rules.fixed_cost(), Money::kroner(2_500_000));
    /// assert!(rules.with_fixed_cost(Money::kroner(-1)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_fixed_cost(mut self, fixed_cost: Money) -> Result<RiskParams> {
        self.fixed_cost = check_amount("fixed cost", fixed_cost)?;
        Ok(self)
    }

    /// The same rules with another cost a year per person in grant years 1–5.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a negative cost or one not in whole øre.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::risk::RiskParams;
    /// use bosetting::{Money, Source, Year};
    ///
    /// let rules = RiskParams::new(
    ///     Year::new(2026)?,
    ///     Money::kroner(20_000_000),
    ///     [200_000, 230_000, 167_000, 84_000, 70_500].map(Money::kroner),
    ///     Money::kroner(3_000_000),
    ///     Money::kroner(150_000),
    ///     Source::new("økonomiplan 2026–2029"),
    /// )?;
    /// use bosetting::rust_decimal::Decimal;
    ///
    /// let rules = rules.with_cost_per_person(Money::kroner(160_000))?;
    /// assert_eq!(rules.cost_per_person(), Money::kroner(160_000));
    /// // A thousandth of a krone is not whole øre.
    /// assert!(rules.with_cost_per_person(Money::new(Decimal::new(1, 3))).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_cost_per_person(mut self, cost_per_person: Money) -> Result<RiskParams> {
        self.cost_per_person = check_amount("cost per person", cost_per_person)?;
        Ok(self)
    }

    /// The same rules with the persons settled in the years before the projection, oldest
    /// first (only the last four count: older cohorts have left the grant years).
    pub fn with_history(mut self, history: Vec<u32>) -> RiskParams {
        self.history = history;
        self
    }

    /// The same rules from another source.
    pub fn with_source(mut self, source: Source) -> RiskParams {
        self.source = source;
        self
    }

    /// The first projected year.
    pub fn first_year(&self) -> Year {
        self.first_year
    }

    /// The fund's balance at the start.
    pub fn opening(&self) -> Money {
        self.opening
    }

    /// The least the fund may hold.
    pub fn floor(&self) -> Money {
        self.floor
    }

    /// The grant per person for grant years 1–5.
    pub fn rates(&self) -> [Money; 5] {
        self.rates
    }

    /// The service's fixed cost a year.
    pub fn fixed_cost(&self) -> Money {
        self.fixed_cost
    }

    /// The cost a year of a person in grant years 1–5.
    pub fn cost_per_person(&self) -> Money {
        self.cost_per_person
    }

    /// Persons settled in the years before the projection, oldest first.
    pub fn history(&self) -> &[u32] {
        &self.history
    }

    /// Where the rules come from.
    pub fn source(&self) -> &Source {
        &self.source
    }
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
#[serde(from = "PathsData", into = "PathsData")]
pub struct ArrivalPaths {
    years: usize,
    /// Row-major: path p, year t at `p * years + t`.
    arrivals: Vec<u32>,
    /// The largest arrival, kept so that [`fund_risk`] proves its bounds without a pass
    /// over every arrival (recomputed when paths are read, never taken from the data).
    most: u32,
    /// How the paths were made, for explanations.
    pub origin: Phrase,
}

/// The serialised form of [`ArrivalPaths`]: what the paths are, not what is derived from
/// them.
#[derive(Serialize, Deserialize)]
struct PathsData {
    years: usize,
    arrivals: Vec<u32>,
    origin: Phrase,
}

impl From<PathsData> for ArrivalPaths {
    fn from(d: PathsData) -> ArrivalPaths {
        ArrivalPaths::new(d.years, d.arrivals, d.origin)
    }
}

impl From<ArrivalPaths> for PathsData {
    fn from(p: ArrivalPaths) -> PathsData {
        PathsData {
            years: p.years,
            arrivals: p.arrivals,
            origin: p.origin,
        }
    }
}

/// `x mod d` by one widening multiplication and one correction (Granlund and Montgomery's
/// reciprocal, rounded down): with `m = ⌊(2⁶⁴ − 1) / d⌋`, `q = ⌊x·m / 2⁶⁴⌋` is `⌊x / d⌋`
/// or one less (x·m / 2⁶⁴ > x / d − 1 for every 64-bit `x` and `d ≥ 1`), so `x − q·d` lies
/// in `0..2d` and one conditional subtraction, done without a branch, leaves the remainder.
#[derive(Debug, Clone, Copy)]
struct Remainder {
    d: u64,
    m: u64,
}

impl Remainder {
    fn new(d: u64) -> Remainder {
        let d = d.max(1);
        Remainder {
            d,
            m: u64::MAX.checked_div(d).unwrap_or(u64::MAX),
        }
    }

    fn of(self, x: u64) -> u64 {
        let q = (u128::from(x).wrapping_mul(u128::from(self.m)) >> 64) as u64;
        // q ≤ x / d, so this does not wrap; r < 2d.
        let r = x.wrapping_sub(q.wrapping_mul(self.d));
        // Below d, r − d wraps to above r and the minimum keeps r.
        r.min(r.wrapping_sub(self.d))
    }
}

/// Arrivals of the numpy peer's counter hash for the paths from `from` on, written to `out` (its
/// length is the paths × `years`); the largest is returned.
fn draw_counter(
    seed: u64,
    from: u64,
    years: u64,
    low: u32,
    rem: Remainder,
    out: &mut [u32],
) -> u32 {
    let mut most = 0_u32;
    let base = seed.wrapping_mul(1 << 32);
    let years = usize::try_from(years).unwrap_or(usize::MAX).max(1);
    let mut p = from;
    for row in out.chunks_exact_mut(years) {
        let mut key = base.wrapping_add(p.wrapping_mul(1_000_003));
        for slot in row.iter_mut() {
            let r0 = rem.of(splitmix64(key));
            let r1 = rem.of(splitmix64(key.wrapping_add(1)));
            // r0 and r1 are below span = high − low + 1 ≤ 2³², so their half-sum is at
            // most high − low, and low plus it at most high: neither the sum nor the
            // narrowing loses anything.
            let a = low.wrapping_add((r0.wrapping_add(r1) >> 1) as u32);
            most = most.max(a);
            *slot = a;
            key = key.wrapping_add(101);
        }
        p = p.wrapping_add(1);
    }
    most
}

fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl ArrivalPaths {
    fn new(years: usize, arrivals: Vec<u32>, origin: Phrase) -> ArrivalPaths {
        let most = arrivals.iter().copied().max().unwrap_or(0);
        ArrivalPaths {
            years,
            arrivals,
            most,
            origin,
        }
    }

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
        Ok(ArrivalPaths::new(
            years,
            rows.iter().flatten().copied().collect(),
            Phrase::new("paths given by the caller"),
        ))
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
        let rem = Remainder::new(u64::from(high.saturating_sub(low)).saturating_add(1));
        let (n, y) = (paths as u64, years as u64);
        // Written in place: each thread fills its own half of one buffer, so nothing is
        // allocated twice or copied.
        let mut arrivals = vec![0_u32; paths.saturating_mul(years)];
        // Large draws are split over two threads, each drawing half of the paths.
        let most = if paths >= SPLIT_AT {
            let half = n / 2;
            let (first, second) = arrivals.split_at_mut((paths / 2).saturating_mul(years));
            std::thread::scope(|sc| {
                let other = sc.spawn(|| draw_counter(seed, half, y, low, rem, second));
                let mine = draw_counter(seed, 0, y, low, rem, first);
                other.join().map(|theirs| mine.max(theirs))
            })
            .map_err(|_| {
                Error::not_computable(
                    "arrival paths",
                    "the thread drawing the second half of the paths stopped",
                )
            })?
        } else {
            draw_counter(seed, 0, y, low, rem, &mut arrivals)
        };
        Ok(ArrivalPaths {
            years,
            arrivals,
            most,
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
        Ok(ArrivalPaths::new(
            years,
            arrivals,
            Phrase::new("triangular {low}/{likely}/{high}, ChaCha8 seed {seed}")
                .with("low", low)
                .with("likely", likely)
                .with("high", high)
                .with("seed", Arg::verbatim(seed.to_string())),
        ))
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
        Ok(ArrivalPaths::new(
            years,
            arrivals,
            Phrase::new(
                "the municipality's record of settled / decided ({years} years), ChaCha8 seed {seed}",
            )
            .with("years", history.len())
            .with("seed", Arg::verbatim(seed.to_string())),
        ))
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
    /// The calendar year.
    pub year: Year,
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
    /// The shortfall a path has on average this year: `uncovered` ÷ paths, rounded half up
    /// to whole øre ([`RoundingRule::HalfUp`]): what a reader compares with the fund.
    #[serde(default)]
    pub mean_uncovered: Money,
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
    /// use bosetting::{Money, Source, Year};
    ///
    /// let z = Money::ZERO;
    /// let params =
    ///     RiskParams::new(Year::new(2026)?, Money::kroner(10), [z; 5], z, z, Source::new("no money moves"))?;
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
/// use bosetting::{Money, Ratio, Source, Year};
///
/// let k = Money::kroner;
/// let z = Money::ZERO;
/// let rates = [k(100_000), k(100_000), z, z, z];
/// let params = RiskParams::new(Year::new(2026)?, k(1_000_000), rates, z, k(150_000), Source::new("round figures"))?
///     .with_floor(k(100_000))?;
/// let paths = ArrivalPaths::given(&[vec![2, 0], vec![10, 0]])?;
/// let risk = fund_risk(&params, &paths)?;
/// let [first, second] = &risk.years[..] else { unreachable!() };
/// assert_eq!((first.breaches, first.p50, first.p95), (0, k(500_000), k(900_000)));
/// assert_eq!((second.breaches, second.probability), (1, Ratio::of(1, 2)?));
/// assert_eq!((second.p5, second.p95), (k(100_000), k(800_000)));
/// assert_eq!(second.uncovered, k(100_000));
/// assert_eq!(second.mean_uncovered, k(50_000)); // over the two paths
/// assert_eq!(risk.arrivals, 12);
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn fund_risk(params: &RiskParams, paths: &ArrivalPaths) -> Result<RiskResult> {
    fund_risk_split(params, paths, SPLIT_AT)
}

/// [`fund_risk`], on two threads from `split_at` paths (tests split small runs too).
fn fund_risk_split(
    params: &RiskParams,
    paths: &ArrivalPaths,
    split_at: usize,
) -> Result<RiskResult> {
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
    // cohorts of the largest size times the largest rate or cost, a balance moves by at
    // most that a year, and it never goes below the floor.
    let most = paths.most.max(
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
    let reach = opening
        .checked_abs()
        .zip(floor.checked_abs())
        .map(|(o, f)| o.max(f));
    i64::try_from(years)
        .ok()
        .and_then(|y| yearly.checked_mul(y.saturating_add(1)))
        .zip(reach)
        .and_then(|(x, r)| x.checked_add(r))
        .ok_or_else(|| Error::Overflow {
            operation: "fund risk: the balance over the years".to_owned(),
        })?;
    // A year's shortfall on a path is at most a year's cost, and the uncovered total sums
    // it over every path.
    i64::try_from(n)
        .ok()
        .and_then(|p| yearly.checked_add(reach?)?.checked_mul(p))
        .ok_or_else(|| Error::Overflow {
            operation: "fund risk: a year's uncovered total".to_owned(),
        })?;

    // Income less the cost of the persons behind it, per person in each grant year: a
    // year's net is then five products and the fixed cost.
    let rate = |i: usize| rates.get(i).copied().unwrap_or(0).wrapping_sub(per);
    let rules = Rules {
        net: [0, 1, 2, 3, 4].map(rate),
        fixed,
        floor,
        opening,
        start: [
            hist.get(3).copied().unwrap_or(0),
            hist.get(2).copied().unwrap_or(0),
            hist.get(1).copied().unwrap_or(0),
            hist.first().copied().unwrap_or(0),
            0,
        ],
    };
    let calendar = (0..years)
        .map(|t| {
            i32::try_from(t)
                .map_err(|_| Error::invalid("projected years", years, "too many years"))
                .and_then(|t| params.first_year.offset(t))
        })
        .collect::<Result<Vec<Year>>>()?;
    let ks = ranks(n, &[5, 50, 95]);
    // Every slot of the rows is written before it is read, so the buffer of the last run
    // on this thread is reused as it is: a fresh one of this size would be zeroed by the
    // kernel page by page on every call.
    let mut rows = ROWS.take();
    rows.resize(n.saturating_mul(years), 0);
    let summed = run_parts(&rules, &paths.arrivals, years, n, ks, split_at, &mut rows).map(
        |(parts, pct)| {
            let totals: Vec<(u64, i64)> = (0..years)
                .map(|t| {
                    parts.iter().fold((0_u64, 0_i64), |(b, u), part| {
                        let y = part.years.get(t).copied().unwrap_or_default();
                        (b.wrapping_add(y.breaches), u.wrapping_add(y.uncovered))
                    })
                })
                .collect();
            let arrivals = parts.iter().fold(0_u64, |s, p| s.wrapping_add(p.arrivals));
            (totals, pct, arrivals)
        },
    );
    if rows.capacity() <= KEEP_ROWS {
        ROWS.set(rows);
    }
    let (totals, pct, arrivals) = summed?;
    let mut out = Vec::with_capacity(years);
    for ((p, &year), &(b, u)) in pct.iter().zip(&calendar).zip(&totals) {
        out.push(RiskYear {
            year,
            breaches: b,
            probability: Ratio::of(b, n as u64)?,
            p5: from_ore(p[0]),
            p50: from_ore(p[1]),
            p95: from_ore(p[2]),
            uncovered: from_ore(u),
            mean_uncovered: mean_per_path(from_ore(u), n)?,
        });
    }
    Ok(RiskResult {
        years: out,
        paths: n,
        arrivals,
        origin: paths.origin.clone(),
        source: params.source.clone(),
    })
}

thread_local! {
    /// The balance rows of the last run on this thread (see [`fund_risk`]).
    static ROWS: std::cell::Cell<Vec<i64>> = const { std::cell::Cell::new(Vec::new()) };
}

/// The most balances kept between runs on a thread (8 MB): 100 000 paths of ten years.
const KEEP_ROWS: usize = 1 << 20;

/// Runs of at least this many paths are split over two threads (below it, starting a
/// thread costs more than it saves).
const SPLIT_AT: usize = 4_096;

/// Runs the paths, on two threads from `split_at` paths: each runs half of the paths, then
/// selects the percentiles of every other year over both halves. Returns the parts run and
/// every year's percentiles.
fn run_parts<'a>(
    rules: &Rules,
    arrivals: &[u32],
    years: usize,
    n: usize,
    ks: [usize; 3],
    split_at: usize,
    rows: &'a mut [i64],
) -> Result<(Vec<Part<'a>>, Vec<[i64; 3]>)> {
    if n < split_at.max(2) {
        let part = rules.run(arrivals, years, rows);
        let pct = rules.select_years(&[&part], years, (0, 1), ks);
        return Ok((vec![part], pct));
    }
    let cut = (n / 2).saturating_mul(years).min(arrivals.len());
    let (first, second) = arrivals.split_at(cut);
    let (rows_first, rows_second) = rows.split_at_mut(cut.min(rows.len()));
    let (left, right) = (OnceLock::new(), OnceLock::new());
    let (mine, theirs) = std::thread::scope(|sc| {
        let other = sc.spawn(|| {
            let publish = Publish(&right);
            let r = publish.set(rules.run(second, years, rows_second));
            let l = left.wait();
            rules.select_years(&[l, r], years, (1, 2), ks)
        });
        let publish = Publish(&left);
        let l = publish.set(rules.run(first, years, rows_first));
        let r = right.wait();
        let mine = rules.select_years(&[l, r], years, (0, 2), ks);
        (mine, other.join().ok())
    });
    let (Some(theirs), Some(l), Some(r)) = (theirs, left.into_inner(), right.into_inner()) else {
        return Err(Error::not_computable(
            "fund risk",
            "the thread running the second half of the paths stopped",
        ));
    };
    // Even years came from this thread, odd ones from the other.
    let mut pct = Vec::with_capacity(years);
    let mut even = mine.into_iter();
    let mut odd = theirs.into_iter();
    for t in 0..years {
        let next = if t % 2 == 0 { even.next() } else { odd.next() };
        pct.push(next.unwrap_or([rules.floor; 3]));
    }
    Ok((vec![l, r], pct))
}

/// Publishes a thread's part for the other thread, and an empty one if the thread stops
/// before it has one, so that the other never waits for ever.
struct Publish<'p, 'a>(&'p OnceLock<Part<'a>>);

impl<'a> Publish<'_, 'a> {
    fn set(&self, part: Part<'a>) -> &Part<'a> {
        self.0.get_or_init(|| part)
    }
}

impl Drop for Publish<'_, '_> {
    fn drop(&mut self) {
        let _ = self.0.set(Part::default());
    }
}

/// The rules in øre, bounds proven by [`fund_risk`] before any path runs.
struct Rules {
    /// Per person in grant years 1–5: the grant less the cost of the person.
    net: [i64; 5],
    fixed: i64,
    floor: i64,
    opening: i64,
    /// The cohorts before the first projected year, newest first, as the window starts.
    start: [i64; 5],
}

/// What one year comes to over the paths of a part.
#[derive(Debug, Clone, Copy, Default)]
struct YearTotals {
    breaches: u64,
    uncovered: i64,
    /// The highest balance after the year.
    top: i64,
}

/// Some of the paths, run: each year's balances in a row of `len` (year after year), and
/// each year's totals.
#[derive(Debug, Default)]
struct Part<'a> {
    rows: &'a [i64],
    len: usize,
    years: Vec<YearTotals>,
    arrivals: u64,
}

impl Part<'_> {
    fn row(&self, t: usize) -> &[i64] {
        let start = t.saturating_mul(self.len);
        self.rows
            .get(start..start.saturating_add(self.len))
            .unwrap_or_default()
    }
}

impl Rules {
    /// Runs `arrivals` (whole paths of `years`), year after year over all the paths: each
    /// year reads the previous year's balances and writes its own row, and its totals stay
    /// in registers. Every bound was proven in [`fund_risk`], so the wrapping operations
    /// cannot wrap; the breach, shortfall and floor are taken without a branch (whether a
    /// path breaches is not predictable).
    fn run<'a>(&self, arrivals: &[u32], years: usize, rows: &'a mut [i64]) -> Part<'a> {
        let len = arrivals.len().checked_div(years).unwrap_or(0);
        let opening = vec![self.opening; len];
        let mut totals = Vec::with_capacity(years);
        let mut sum = 0_u64;
        let whole = rows.len();
        for t in 0..years {
            let (done, next) = rows.split_at_mut(t.saturating_mul(len).min(whole));
            let prev = match t.checked_sub(1) {
                Some(_) => done
                    .get(done.len().saturating_sub(len)..)
                    .unwrap_or_default(),
                None => &opening,
            };
            let row = next.get_mut(..len).unwrap_or_default();
            let (y, s) = match t {
                0 => self.year::<1>(t, arrivals, years, prev, row),
                1 => self.year::<2>(t, arrivals, years, prev, row),
                2 => self.year::<3>(t, arrivals, years, prev, row),
                3 => self.year::<4>(t, arrivals, years, prev, row),
                _ => self.year::<5>(t, arrivals, years, prev, row),
            };
            totals.push(y);
            // At most paths × years × u32::MAX: far below u64::MAX for any run that fits in
            // memory.
            sum = sum.wrapping_add(s);
        }
        Part {
            rows: &*rows,
            len,
            years: totals,
            arrivals: sum,
        }
    }

    /// Year `t` over every path, where the `N` newest cohorts in grant years 1–5 are the
    /// path's own (years `t + 1 − N ..= t`) and the older ones the history's, the same on
    /// every path. Returns the year's totals and its arrivals.
    fn year<const N: usize>(
        &self,
        t: usize,
        arrivals: &[u32],
        years: usize,
        prev: &[i64],
        row: &mut [i64],
    ) -> (YearTotals, u64) {
        // Grant year g + 1 weighs the cohort settled g years before this one.
        let w: [i64; N] = std::array::from_fn(|g| self.net.get(g).copied().unwrap_or(0));
        let known =
            self.net
                .iter()
                .enumerate()
                .skip(N)
                .fold(self.fixed.wrapping_neg(), |s, (g, &w)| {
                    // History cohort years −1, −2, … are start[0], start[1], …
                    let h = g
                        .checked_sub(t.saturating_add(1))
                        .and_then(|i| self.start.get(i))
                        .copied()
                        .unwrap_or(0);
                    s.wrapping_add(h.wrapping_mul(w))
                });
        let from = t.saturating_add(1).saturating_sub(N);
        let floor = self.floor;
        let mut y = YearTotals {
            top: floor,
            ..YearTotals::default()
        };
        let mut sum = 0_u64;
        for ((bal, out), path) in prev
            .iter()
            .zip(row.iter_mut())
            .zip(arrivals.chunks_exact(years.max(1)))
        {
            let Some(c) = path
                .get(from..=t)
                .and_then(|c| <&[u32; N]>::try_from(c).ok())
            else {
                continue;
            };
            // c is oldest first: grant year N is c[0], grant year 1 (this year's) c[N − 1].
            let net = c.iter().rev().zip(w).fold(known, |s, (&a, w)| {
                s.wrapping_add(i64::from(a).wrapping_mul(w))
            });
            sum = sum.wrapping_add(c.last().map_or(0, |&a| u64::from(a)));
            let next = bal.wrapping_add(net);
            let short = floor.wrapping_sub(next);
            y.breaches = y.breaches.wrapping_add(u64::from(short > 0));
            y.uncovered = y.uncovered.wrapping_add(short.max(0));
            let b = next.max(floor);
            y.top = y.top.max(b);
            *out = b;
        }
        (y, sum)
    }

    /// The percentiles of years `from`, `from + step`, … over the balances of all `parts`.
    fn select_years(
        &self,
        parts: &[&Part],
        years: usize,
        (from, step): (usize, usize),
        ks: [usize; 3],
    ) -> Vec<[i64; 3]> {
        let mut buf = Buffers::default();
        (from..years)
            .step_by(step.max(1))
            .map(|t| {
                let rows: Vec<&[i64]> = parts.iter().map(|p| p.row(t)).collect();
                let top = parts.iter().fold(self.floor, |m, p| {
                    m.max(p.years.get(t).map_or(self.floor, |y| y.top))
                });
                percentiles_above(&rows, self.floor, top, ks, &mut buf)
            })
            .collect()
    }
}

/// Buckets of the histogram a percentile is first located in.
const BUCKET_BITS: u32 = 10;
const BUCKETS: usize = 1 << BUCKET_BITS;

/// Reused between the years a thread selects in.
#[derive(Default)]
struct Buffers {
    /// Four histograms side by side (see [`percentiles_above`]), each with a last bucket
    /// for the balances at the floor.
    hist: Vec<u32>,
    /// Per bucket, 1 if a wanted rank lies in it.
    wanted: Vec<u8>,
    candidates: Vec<i64>,
}

/// The `ks`-th smallest (ascending ranks) of the balances in `rows`, none of which is below
/// `floor`, given the highest.
///
/// A radix histogram: each balance above the floor falls in one of [`BUCKETS`] by its
/// distance above the floor (shifted so that the highest falls in the last), and the
/// balances at the floor in one more bucket of their own. One pass counts; the counts give
/// how many sit at the floor (ranks among them are the floor) and locate each other rank's
/// bucket; a second pass copies out the balances in those buckets only; the ranks are
/// selected among those few. Both passes are free of branches on the data, and the
/// counting alternates between four histograms so that runs of equal balances (the floor,
/// in a bad year) do not wait on one counter.
fn percentiles_above(
    rows: &[&[i64]],
    floor: i64,
    top: i64,
    ks: [usize; 3],
    buf: &mut Buffers,
) -> [i64; 3] {
    if top <= floor {
        return [floor; 3];
    }
    // The distance above the floor less one: the floor itself wraps to the top of the
    // range and is clamped into the floor's bucket.
    let span = top.wrapping_sub(floor).wrapping_sub(1) as u64;
    let shift = u64::BITS
        .saturating_sub(span.leading_zeros())
        .saturating_sub(BUCKET_BITS);
    let bucket = |x: i64| {
        let b = x.wrapping_sub(floor).wrapping_sub(1) as u64 >> shift;
        usize::try_from(b).unwrap_or(BUCKETS).min(BUCKETS)
    };
    const W: usize = BUCKETS + 1;
    buf.hist.clear();
    buf.hist.resize(4 * W, 0);
    let (h0, rest) = buf.hist.split_at_mut(W);
    let (h1, rest) = rest.split_at_mut(W);
    let (h2, h3) = rest.split_at_mut(W);
    for row in rows {
        let mut quads = row.chunks_exact(4);
        for q in &mut quads {
            if let [a, b, c, d] = *q {
                for (h, x) in [(&mut *h0, a), (&mut *h1, b), (&mut *h2, c), (&mut *h3, d)] {
                    if let Some(slot) = h.get_mut(bucket(x)) {
                        *slot = slot.wrapping_add(1);
                    }
                }
            }
        }
        for &x in quads.remainder() {
            if let Some(slot) = h0.get_mut(bucket(x)) {
                *slot = slot.wrapping_add(1);
            }
        }
    }
    for (((a, b), c), d) in h0.iter_mut().zip(&*h1).zip(&*h2).zip(&*h3) {
        *a = a.wrapping_add(*b).wrapping_add(*c).wrapping_add(*d);
    }
    let at_floor = h0.get(BUCKETS).map_or(0, |&c| c as usize);
    let mut out = [floor; 3];
    // Ranks past the paths at the floor, counted among those above it.
    let above = ks.map(|k| k.checked_sub(at_floor));
    let Some(first) = above.iter().position(Option::is_some) else {
        return out;
    };
    // Each wanted rank's bucket, and how many balances above the floor lie in lower
    // buckets.
    let mut located = [(BUCKETS, 0_usize); 3];
    let mut below = 0_usize;
    let mut j = first;
    for (b, &c) in h0.iter().enumerate().take(BUCKETS) {
        let c = c as usize;
        while let Some(Some(k)) = above.get(j) {
            if *k >= below.saturating_add(c) {
                break;
            }
            if let Some(w) = located.get_mut(j) {
                *w = (b, below);
            }
            j = j.saturating_add(1);
        }
        below = below.saturating_add(c);
    }
    let count = |b: usize| h0.get(b).map_or(0, |&c| c as usize);
    buf.wanted.clear();
    buf.wanted.resize(W, 0);
    let mut held = 0_usize;
    for &(b, _) in located.iter().skip(first) {
        if let Some(w) = buf.wanted.get_mut(b).filter(|w| **w == 0 && b < BUCKETS) {
            *w = 1;
            held = held.saturating_add(count(b));
        }
    }
    // One slot beyond those held: every balance is written, and the position moves on only
    // past one in a wanted bucket.
    buf.candidates.clear();
    buf.candidates.resize(held.saturating_add(1), 0);
    let mut at = 0_usize;
    for row in rows {
        for &x in *row {
            let hit = buf.wanted.get(bucket(x)).copied().unwrap_or(0);
            if let Some(slot) = buf.candidates.get_mut(at) {
                *slot = x;
            }
            at = at.wrapping_add(usize::from(hit));
        }
    }
    let wanted = &buf.wanted;
    let candidates = buf.candidates.get_mut(..held.min(at)).unwrap_or_default();
    // A rank among the candidates: those in lower wanted buckets, then the rank within its
    // own bucket (buckets are ranges of value, so sorted candidates keep them apart).
    let local = |j: usize| -> usize {
        let Some(&(b, before)) = located.get(j) else {
            return 0;
        };
        let lower: usize = (0..b)
            .filter(|&d| wanted.get(d).is_some_and(|&w| w == 1))
            .map(count)
            .sum();
        let k = above.get(j).copied().flatten().unwrap_or(0);
        lower.saturating_add(k.saturating_sub(before))
    };
    let r = |i: usize| local(i.max(first));
    let got = select_ranks(candidates, [r(0), r(1), r(2)]);
    for (i, slot) in out.iter_mut().enumerate().skip(first) {
        *slot = got.get(i).copied().unwrap_or(floor);
    }
    out
}

fn ranks(len: usize, qs: &[u64; 3]) -> [usize; 3] {
    let n = len as u64;
    qs.map(|q| usize::try_from(q.saturating_mul(n).div_ceil(100).saturating_sub(1)).unwrap_or(0))
}

/// The nearest-rank percentiles (the ⌈q·n/100⌉-th smallest) of `v`, by selection (the
/// reference [`percentiles_above`] is tested against).
/// A sum over `paths` paths as the mean per path, half up to whole øre.
fn mean_per_path(sum: Money, paths: usize) -> Result<Money> {
    let n = Decimal::from(u64::try_from(paths).unwrap_or(u64::MAX));
    let mean = sum
        .amount()
        .checked_div(n)
        .ok_or_else(|| Error::overflow("mean uncovered shortfall per path"))?;
    Money::new(mean).round(RoundingRule::HalfUp, Decimal::new(1, 2))
}

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
        RiskParams::numpy_peer().unwrap()
    }

    /// The rules as written, in decimal kroner, without a bound, a thread or a selection.
    fn reference(p: &RiskParams, rows: &[Vec<u32>]) -> RiskResult {
        use rust_decimal::Decimal;
        let kr = |m: Money| m.amount();
        let years = rows[0].len();
        let mut before: Vec<u32> = vec![0; 4];
        let keep = p.history.len().saturating_sub(4);
        for (i, h) in p.history.iter().skip(keep).rev().enumerate() {
            before[3 - i] = *h;
        }
        let mut by_year = vec![Vec::new(); years];
        let mut breaches = vec![0_u64; years];
        let mut uncovered = vec![Decimal::ZERO; years];
        for row in rows {
            let cohorts: Vec<u32> = before.iter().chain(row).copied().collect();
            let mut bal = kr(p.opening);
            for t in 0..years {
                let (mut income, mut persons) = (Decimal::ZERO, 0_u32);
                for g in 0..5 {
                    let c = cohorts[t + 4 - g];
                    income += Decimal::from(c) * kr(p.rates[g]);
                    persons += c;
                }
                let cost = kr(p.fixed_cost) + Decimal::from(persons) * kr(p.cost_per_person);
                let next = bal + income - cost;
                if next < kr(p.floor) {
                    breaches[t] += 1;
                    uncovered[t] += kr(p.floor) - next;
                    bal = kr(p.floor);
                } else {
                    bal = next;
                }
                by_year[t].push(bal);
            }
        }
        let n = rows.len();
        let years = by_year
            .into_iter()
            .enumerate()
            .map(|(t, mut v)| {
                v.sort();
                let at = |q: usize| Money::new(v[(q * n).div_ceil(100) - 1]);
                RiskYear {
                    year: p.first_year.offset(t as i32).unwrap(),
                    breaches: breaches[t],
                    probability: Ratio::of(breaches[t], n as u64).unwrap(),
                    p5: at(5),
                    p50: at(50),
                    p95: at(95),
                    uncovered: Money::new(uncovered[t]),
                    mean_uncovered: Money::new(uncovered[t] / Decimal::from(n))
                        .round(RoundingRule::HalfUp, Decimal::new(1, 2))
                        .unwrap(),
                }
            })
            .collect();
        RiskResult {
            years,
            paths: n,
            arrivals: rows.iter().flatten().map(|&a| u64::from(a)).sum(),
            origin: Phrase::new("paths given by the caller"),
            source: p.source.clone(),
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
        let late = peer().with_history(vec![]);
        let late = RiskParams {
            first_year: Year::new(2199).unwrap(),
            ..late
        };
        assert!(fund_risk(&late, &ArrivalPaths::given(&[vec![1, 2, 3]]).unwrap()).is_err());
        assert!(ArrivalPaths::given(&[vec![1, 2], vec![1]]).is_err());
        assert!(ArrivalPaths::triangular(1, 10, 3, 50, 20, 60).is_err());
        assert!(ArrivalPaths::counter_triangular(1, 0, 3, 1, 2).is_err());
    }

    #[test]
    fn params_are_checked_when_built_set_and_read() {
        let p = peer();
        let v = serde_json::to_value(&p).unwrap();
        assert_eq!(serde_json::from_value::<RiskParams>(v.clone()).unwrap(), p);
        // The floor above the opening balance, from JSON as from a setter.
        let mut high_floor = v.clone();
        high_floor["floor"] = v["opening"].clone();
        high_floor["opening"] = v["fixed_cost"].clone();
        let e = serde_json::from_value::<RiskParams>(high_floor)
            .unwrap_err()
            .to_string();
        assert!(e.contains("floor") && e.contains("20000000"), "{e}");
        let e = p
            .clone()
            .with_floor(Money::kroner(20_000_001))
            .unwrap_err()
            .to_string();
        assert!(e.contains("floor") && e.contains("20000001"), "{e}");
        let e = p
            .clone()
            .with_opening(Money::kroner(-1))
            .unwrap_err()
            .to_string();
        assert!(e.contains("opening balance") && e.contains("-1"), "{e}");
        let mut rates = p.rates();
        rates[2] = Money::kroner(-5);
        let e = p.clone().with_rates(rates).unwrap_err().to_string();
        assert!(e.contains("grant year 3") && e.contains("-5"), "{e}");
        let e = p
            .clone()
            .with_fixed_cost(Money::new(rust_decimal::Decimal::new(1, 3)))
            .unwrap_err()
            .to_string();
        assert!(e.contains("fixed cost") && e.contains("øre"), "{e}");
        assert!(p.clone().with_cost_per_person(Money::kroner(-1)).is_err());
        // What is set is what is read back.
        let q = p
            .with_history(vec![1, 2])
            .with_source(Source::new("x"))
            .with_floor(Money::kroner(-3))
            .unwrap();
        assert_eq!(
            (q.history(), q.floor(), q.source().document.as_str()),
            (&[1, 2][..], Money::kroner(-3), "x")
        );
        assert_eq!(q.first_year(), Year::new(2026).unwrap());
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

        /// Locating the ranks by histogram, with the paths at the floor in a bucket of
        /// their own, changes no percentile; balances split over two rows as over two threads.
        #[test]
        fn histogram_selection_equals_plain_selection(
            v in proptest::collection::vec(0_i64..50, 1..300),
            floor in 0_i64..20,
            scale in prop_oneof![Just(1_i64), Just(1_000_003), Just(1 << 40)],
            cut in 0_usize..300,
        ) {
            let a: Vec<i64> = v.iter().map(|x| (*x).max(floor) * scale).collect();
            let floor = floor * scale;
            let mut b = a.clone();
            let top = a.iter().copied().max().unwrap();
            let (l, r) = a.split_at(cut.min(a.len()));
            let ks = ranks(a.len(), &[5, 50, 95]);
            let got = percentiles_above(&[l, r], floor, top, ks, &mut Buffers::default());
            prop_assert_eq!(got, percentiles(&mut b, &[5, 50, 95]));
        }

        /// Remainders by multiplication equal the remainder operator.
        #[test]
        fn remainder_by_multiplication_is_the_remainder(x in any::<u64>(), d in 1_u64..u64::MAX) {
            prop_assert_eq!(Remainder::new(d).of(x), x % d);
            prop_assert_eq!(Remainder::new(81).of(x), x % 81);
            prop_assert_eq!(Remainder::new(1).of(x), 0);
            prop_assert_eq!(Remainder::new(u64::MAX).of(x), x % u64::MAX);
            prop_assert_eq!(Remainder::new(1 << (d % 64)).of(x), x % (1 << (d % 64)));
        }

        /// The whole run, on one thread or two, equals a plain transcription of the rules
        /// (path by path in decimal kroner, balances sorted per year) for any rules and
        /// paths.
        #[test]
        fn the_run_equals_a_plain_reference(
            rows in (1_usize..6).prop_flat_map(|years| proptest::collection::vec(
                proptest::collection::vec(0_u32..400, years), 1..40)),
            hist in proptest::collection::vec(0_u32..300, 0..6),
            rates in proptest::array::uniform5(0_i64..400_000),
            per in 0_i64..300_000,
            fixed in 0_i64..5_000_000,
            opening in -5_000_000_i64..60_000_000,
            floor_below in 0_i64..20_000_000,
            split in 0_usize..4,
        ) {
            let floor = opening - floor_below;
            let mut p = peer();
            p.history = hist.clone();
            p.rates = rates.map(Money::kroner);
            p.cost_per_person = Money::kroner(per);
            p.fixed_cost = Money::kroner(fixed);
            p.opening = Money::kroner(opening);
            p.floor = Money::kroner(floor);
            let paths = ArrivalPaths::given(&rows).unwrap();
            let got = fund_risk_split(&p, &paths, [2, 3, 17, usize::MAX][split]).unwrap();
            prop_assert_eq!(got, reference(&p, &rows));
        }

        /// The counter draw on two threads equals the same draw on one (the peer's
        /// arithmetic, `%` and all).
        #[test]
        fn the_counter_draw_equals_its_definition(
            seed in any::<u64>(), paths in 1_usize..50, years in 1_usize..12,
            low in 0_u32..1_000, width in 0_u32..u32::MAX,
        ) {
            let high = low.saturating_add(width);
            let got = ArrivalPaths::counter_triangular(seed, paths, years, low, high).unwrap();
            let span = u64::from(high - low) + 1;
            for p in 0..paths as u64 {
                for t in 0..years as u64 {
                    let key = seed.wrapping_mul(1 << 32).wrapping_add(p.wrapping_mul(1_000_003)).wrapping_add(t.wrapping_mul(101));
                    let r = (splitmix64(key) % span + splitmix64(key.wrapping_add(1)) % span) / 2;
                    prop_assert_eq!(u64::from(got.arrivals[(p * years as u64 + t) as usize]), u64::from(low) + r);
                }
            }
            prop_assert_eq!(got.most, got.arrivals.iter().copied().max().unwrap());
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
