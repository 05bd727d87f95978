//! Multi-year projection of grant income, costs and the refugee fund, for one municipality
//! or every municipality in the country at once, under several settlement scenarios.
//!
//! The engine compiles its parameters once ([`Engine::new`]) into flat integer tables in
//! øre and proves, before any projection runs, that no intermediate value can overflow; the
//! hot loop then runs over compact per-municipality data with no allocation per scenario or
//! municipality. Money enters and leaves as [`Money`]; every division floors to whole øre
//! ([`crate::RoundingRule::Floor`]), so results are exact and reproducible.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{GrantYear, Year};
use crate::error::{Error, Result};
use crate::grants::{GrantCategory, GrantRates};
use crate::money::Money;
use crate::provenance::Source;
use crate::ratio::Ratio;

/// Integration grant rates by cohort (first-settlement) year, category and grant year, as
/// the engine uses them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortRates {
    /// The first cohort year.
    pub first_year: Year,
    /// Per cohort year from `first_year`: rates per category ([`GrantCategory::ALL`] order)
    /// and grant year 1–5.
    pub rates: Vec<[[Money; 5]; 4]>,
    /// Where the rates come from.
    pub source: Source,
}

impl CohortRates {
    /// The rates for cohorts `first_year..first_year + years` from a rate table: for each
    /// cohort and grant year, the rate the table's rule names (by default the payment year's
    /// table, so a 2015 cohort's grant year 3 is the 2017 rate).
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] for the first rate the table lacks.
    pub fn from_grant_rates(
        rates: &GrantRates,
        first_year: Year,
        years: usize,
    ) -> Result<CohortRates> {
        let mut out = Vec::with_capacity(years);
        for i in 0..years {
            let y = first_year.offset(i32::try_from(i).unwrap_or(i32::MAX))?;
            let mut row = [[Money::ZERO; 5]; 4];
            for (c, cat) in GrantCategory::ALL.into_iter().enumerate() {
                for k in GrantYear::ALL {
                    let (_, r) = rates.integration_paid(y, cat, k)?;
                    if let Some(slot) = row.get_mut(c).and_then(|r| r.get_mut(k.index())) {
                        *slot = r.amount;
                    }
                }
            }
            out.push(row);
        }
        Ok(CohortRates {
            first_year,
            rates: out,
            source: Source::new("grant rate table"),
        })
    }
}

/// Service costs: a fixed part that moves toward a target set by the number of active
/// persons only with a lag, and a variable part per active person that follows at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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

/// The refugee fund in the projection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FundModel {
    /// Balance before the first projected year.
    pub opening: Money,
    /// The fund may not go below this; a deficit beyond it is recorded as *uncovered* (to be
    /// met from the general budget), never silently dropped.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Money>,
}

/// Everything the engine needs besides the settled persons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectionParams {
    /// The first history year.
    pub first_year: Year,
    /// Number of history years (settled persons known).
    pub history_years: usize,
    /// Number of projected years.
    pub future_years: usize,
    /// The share of persons in each grant category ([`GrantCategory::ALL`] order); each
    /// category's count is floored, and persons lost to flooring draw no grant.
    pub category_shares: [Ratio; 4],
    /// Rates per cohort year; must cover every history and projected year.
    pub rates: CohortRates,
    /// Costs.
    pub cost: CostModel,
    /// The fund.
    pub fund: FundModel,
}

/// The old name of [`SettlementPath`] (it shadowed `std::path::Path` in programs that use
/// both).
#[deprecated(since = "0.2.0", note = "renamed SettlementPath")]
pub type Path = SettlementPath;

/// A planned settlement path for the projected years.
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectionYear {
    /// The year.
    pub year: Year,
    /// Persons settled.
    pub persons: u32,
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
}

/// A scenario's outcome over all municipalities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioSummary {
    /// Sum of the final fund balances.
    pub final_fund: Money,
    /// Sum of the deficits the funds could not cover, over all years.
    pub uncovered: Money,
    /// Municipalities whose fund ends at its floor.
    pub at_floor: u32,
}

/// One scenario of a side-by-side comparison for one municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    pub summary: String,
}

/// The compiled engine.
///
/// # Example
///
/// ```
/// use bosetting::projection::{CohortRates, CostModel, Engine, FundModel, SettlementPath, ProjectionParams};
/// use bosetting::{Money, Ratio, Source, Year};
///
/// let y0 = Year::new(2019)?;
/// let rate = [[Money::kroner(100_000), Money::kroner(80_000), Money::kroner(60_000),
///              Money::kroner(40_000), Money::kroner(20_000)]; 4];
/// let params = ProjectionParams {
///     first_year: y0,
///     history_years: 2,
///     future_years: 3,
///     category_shares: [Ratio::of(1, 4)?; 4],
///     rates: CohortRates { first_year: y0, rates: vec![rate; 5], source: Source::new("example") },
///     cost: CostModel {
///         window_years: 5,
///         fixed_per_active_person: Ratio::of(90_000, 1)?,
///         adjustment: Ratio::of(1, 2)?,
///         initial_fixed: Money::ZERO,
///         variable_per_active_person: Money::ZERO,
///         source: Source::new("example"),
///     },
///     fund: FundModel { opening: Money::ZERO, floor: Some(Money::ZERO) },
/// };
/// let engine = Engine::new(params, &[40, 40], &[SettlementPath::Persons(vec![40, 20, 0])])?;
/// let years = engine.project(&[40, 40], &SettlementPath::Persons(vec![40, 20, 0]))?;
/// assert_eq!(years.len(), 3);
/// // 2021 draws grant year 3 for the 2019 cohort, 2 for 2020 and 1 for 2021:
/// assert_eq!(years[0].income, Money::kroner(40 * (60_000 + 80_000 + 100_000)));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Engine {
    params: ProjectionParams,
    h: usize,
    f: usize,
    w: usize,
    /// øre per person, by cohort: [category][grant year]
    rates: Vec<[[i64; 5]; 4]>,
    share_num: [i64; 4],
    share_div: [FloorDiv; 4],
    path_div: FloorDiv,
    fixed_num: i64,
    fixed_div: FloorDiv,
    adj_num: i64,
    adj_div: FloorDiv,
    variable: i64,
    initial_fixed: i64,
    opening: i64,
    floor: Option<i64>,
    max_hist: u32,
    max_path_num: u64,
    max_path_persons: u32,
    floor_or_min: i64,
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

impl Engine {
    /// Compiles the parameters for histories and paths no larger than those given (the
    /// bounds that prove the arithmetic exact are taken from them).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for inconsistent dimensions or non-integral parameters,
    /// category shares that do not sum to 100 %, negative costs, or more persons in a year
    /// than a [`ProjectionYear`] can report;
    /// [`Error::MissingRate`] if the rates do not cover every cohort year;
    /// [`Error::Overflow`] if the inputs are so large that an intermediate value could
    /// overflow.
    pub fn new(
        params: ProjectionParams,
        histories: &[u32],
        paths: &[SettlementPath],
    ) -> Result<Engine> {
        let h = params.history_years;
        let f = params.future_years;
        let w = params.cost.window_years;
        if h == 0 || w == 0 {
            return Err(Error::invalid(
                "projection",
                format!("history {h} years, window {w} years"),
                "needs at least one history year and a window of at least one year",
            ));
        }
        if params.rates.first_year != params.first_year {
            return Err(Error::invalid(
                "projection rates first year",
                params.rates.first_year,
                format!("the history starts in {}", params.first_year),
            ));
        }
        let years = h.saturating_add(f);
        if params.rates.rates.len() < years {
            let missing = params
                .first_year
                .offset(i32::try_from(params.rates.rates.len()).unwrap_or(i32::MAX))?;
            return Err(Error::MissingRate {
                table: "projection cohort rates",
                key: format!("cohort year {missing}"),
            });
        }
        let mut rates = Vec::with_capacity(years);
        let mut max_rate: i128 = 0;
        for row in params.rates.rates.iter().take(years) {
            let mut out = [[0i64; 5]; 4];
            for (cat, out_cat) in row.iter().zip(out.iter_mut()) {
                for (r, slot) in cat.iter().zip(out_cat.iter_mut()) {
                    let v = ore(*r, "projection rate")?;
                    if v < 0 {
                        return Err(Error::invalid("projection rate", r, "must not be negative"));
                    }
                    max_rate = max_rate.max(i128::from(v));
                    *slot = v;
                }
            }
            rates.push(out);
        }
        // Bounds on persons.
        let max_hist = histories.iter().copied().max().unwrap_or(0);
        // Percentages: the divisor is 100.
        let path_den = 100u64;
        let mut max_path_num = 0u64;
        let mut max_path_persons = 0u32;
        for p in paths {
            match p {
                SettlementPath::Persons(v) => {
                    if v.len() != f {
                        return Err(path_len_error(v.len(), f));
                    }
                    max_path_persons = max_path_persons.max(v.iter().copied().max().unwrap_or(0));
                }
                SettlementPath::PercentOfLastYear(v) => {
                    if v.len() != f {
                        return Err(path_len_error(v.len(), f));
                    }
                    max_path_num =
                        max_path_num.max(u64::from(v.iter().copied().max().unwrap_or(0)));
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
        let mut shares = Ratio::of(0, 1)?;
        for s in &params.category_shares {
            shares = shares.checked_add(s)?;
        }
        if shares != Ratio::of(1, 1)? {
            let parts = params
                .category_shares
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(" + ");
            return Err(Error::invalid(
                "projection category shares",
                format!("{parts} = {shares}"),
                "every person is in one of the four categories, so the shares must sum to 100 %",
            ));
        }
        let mut share_num = [0i64; 4];
        let mut share_div = [FloorDiv::new(1, 0)?; 4];
        let mut max_cat: i128 = 0;
        for (i, s) in params.category_shares.iter().enumerate() {
            let (n, d) = ratio_parts(s, "category share")?;
            let max_n = u128::try_from(max_persons)
                .unwrap_or(0)
                .saturating_mul(u128::from(n));
            if let (Some(sn), Some(sd)) = (share_num.get_mut(i), share_div.get_mut(i)) {
                *sn = i64::try_from(n).map_err(|_| Error::overflow("category share"))?;
                *sd = FloorDiv::new(d, max_n)?;
            }
            max_cat = max_cat.max(within(
                i128::try_from(max_n.checked_div(u128::from(d)).unwrap_or(u128::MAX))
                    .unwrap_or(i128::MAX),
                "persons per category",
            )?);
        }
        let max_income = within(
            max_cat.saturating_mul(max_rate).saturating_mul(20),
            "grant income in a year",
        )?;
        let max_active = within(max_persons.saturating_mul(w as i128), "active persons")?;
        // Fixed cost target in øre: active × per-person kroner × 100, floored.
        let (fn_, fd) = ratio_parts(
            &params.cost.fixed_per_active_person,
            "fixed cost per person",
        )?;
        let fixed_num = i64::try_from(u128::from(fn_).saturating_mul(100))
            .map_err(|_| Error::overflow("fixed cost per person"))?;
        let max_target_num = u128::try_from(max_active)
            .unwrap_or(0)
            .saturating_mul(u128::try_from(fixed_num).unwrap_or(u128::MAX));
        let fixed_div = FloorDiv::new(fd, max_target_num)?;
        let max_target = within(
            i128::try_from(
                max_target_num
                    .checked_div(u128::from(fd))
                    .unwrap_or(u128::MAX),
            )
            .unwrap_or(i128::MAX),
            "fixed cost target",
        )?;
        let initial_fixed = not_negative(params.cost.initial_fixed, "initial fixed costs")?;
        let max_fixed = within(
            max_target
                .max(i128::from(initial_fixed).abs())
                .saturating_add(f as i128),
            "fixed costs",
        )?;
        let (an, ad) = ratio_parts(&params.cost.adjustment, "cost adjustment")?;
        if an > ad {
            return Err(Error::invalid(
                "cost adjustment",
                params.cost.adjustment,
                "a lag closes at most the whole gap (a share from 0 to 1)",
            ));
        }
        let max_gap = within(max_target.saturating_add(max_fixed), "cost gap")?;
        let adj_div = FloorDiv::new(
            ad,
            u128::try_from(max_gap)
                .unwrap_or(0)
                .saturating_mul(u128::from(an))
                .saturating_add(u128::from(ad)),
        )?;
        within(max_gap.saturating_mul(i128::from(an)), "cost adjustment")?;
        let variable = not_negative(
            params.cost.variable_per_active_person,
            "variable cost per person",
        )?;
        let max_variable = within(
            max_active.saturating_mul(i128::from(variable).abs()),
            "variable costs",
        )?;
        let opening = ore(params.fund.opening, "fund opening")?;
        let floor = params
            .fund
            .floor
            .map(|m| ore(m, "fund floor"))
            .transpose()?;
        let yearly = max_income
            .saturating_add(max_fixed)
            .saturating_add(max_variable);
        within(
            i128::from(opening)
                .abs()
                .saturating_add(yearly.saturating_mul(f as i128))
                .saturating_add(i128::from(floor.unwrap_or(0)).abs()),
            "fund balance",
        )?;
        Ok(Engine {
            h,
            f,
            w,
            rates,
            share_num,
            share_div,
            path_div,
            fixed_num,
            fixed_div,
            adj_num: i64::try_from(an).map_err(|_| Error::overflow("cost adjustment"))?,
            adj_div,
            variable,
            initial_fixed,
            opening,
            floor,
            max_hist,
            max_path_num,
            max_path_persons,
            // |fund| stays within LIMIT = i64::MAX / 4, far above i64::MIN / 2.
            floor_or_min: floor.unwrap_or(i64::MIN / 2),
            params,
        })
    }

    /// The parameters.
    pub fn params(&self) -> &ProjectionParams {
        &self.params
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

    /// Every projected year for one municipality under one path, in [`Money`].
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a history or path of the wrong length, or values beyond
    /// those the engine was built for.
    pub fn project(&self, history: &[u32], path: &SettlementPath) -> Result<Vec<ProjectionYear>> {
        self.check_history(history)?;
        self.check_bounds(history, std::slice::from_ref(path))?;
        let mut scratch = Scratch::new(self.h, self.f);
        let mut out = Vec::with_capacity(self.f);
        let hist_income = self.history_income(history);
        self.run_one(history, &hist_income, path, &mut scratch, |t, y| {
            out.push((t, y));
        });
        out.into_iter()
            .map(|(t, y)| {
                Ok(ProjectionYear {
                    year: self
                        .params
                        .first_year
                        .offset(i32::try_from(t).unwrap_or(i32::MAX))?,
                    persons: y.persons,
                    active: y.active,
                    income: Money::from_ore(y.income),
                    fixed_costs: Money::from_ore(y.fixed),
                    variable_costs: Money::from_ore(y.variable),
                    result: Money::from_ore(y.result),
                    fund: Money::from_ore(y.fund),
                    uncovered: Money::from_ore(y.uncovered),
                })
            })
            .collect()
    }

    /// Checks that inputs lie within the bounds proven when the engine was built.
    fn check_bounds(&self, histories: &[u32], paths: &[SettlementPath]) -> Result<()> {
        let beyond = |what: &str, v: String| {
            Error::invalid(
                what.to_owned(),
                v,
                "beyond the inputs the engine was built for; build it with these inputs",
            )
        };
        if let Some(m) = histories
            .iter()
            .copied()
            .max()
            .filter(|m| *m > self.max_hist)
        {
            return Err(beyond("history persons", m.to_string()));
        }
        for p in paths {
            match p {
                SettlementPath::Persons(v) => {
                    if v.len() != self.f {
                        return Err(path_len_error(v.len(), self.f));
                    }
                    if let Some(m) = v
                        .iter()
                        .copied()
                        .max()
                        .filter(|m| *m > self.max_path_persons)
                    {
                        return Err(beyond("path persons", m.to_string()));
                    }
                }
                SettlementPath::PercentOfLastYear(v) => {
                    if v.len() != self.f {
                        return Err(path_len_error(v.len(), self.f));
                    }
                    if let Some(m) = v
                        .iter()
                        .copied()
                        .max()
                        .filter(|m| u64::from(*m) > self.max_path_num)
                    {
                        return Err(beyond("path percentage", m.to_string()));
                    }
                }
            }
        }
        Ok(())
    }

    /// Projects one municipality under several named paths, side by side: when (if ever)
    /// each empties the fund, its lowest and final balance, and what the fund could not
    /// cover.
    ///
    /// # Errors
    ///
    /// As [`Engine::project`].
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
                    format!(
                        "{name}: the fund reaches its floor in {} (projection year {}); {} left uncovered",
                        y.year,
                        n.saturating_add(1),
                        uncovered
                    )
                }
                None => format!(
                    "{name}: the fund stays above its floor (lowest {lowest_fund}, final {final_fund})"
                ),
            };
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
    /// [`Error::InvalidValue`] if `histories` is not a whole number of histories, or the
    /// inputs exceed those the engine was built for.
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
        self.check_bounds(histories, scenarios)?;
        let mut scratch = Scratch::new(self.h, self.f);
        let mut hist_income: Vec<i64> = Vec::with_capacity(histories.len().saturating_mul(self.f));
        for m in histories.chunks_exact(self.h) {
            hist_income.extend_from_slice(&self.history_income(m));
        }
        let last_t = self.h.saturating_add(self.f).saturating_sub(1);
        let mut out = Vec::with_capacity(scenarios.len());
        for path in scenarios {
            let mut fund_sum: i128 = 0;
            let mut uncovered: i128 = 0;
            let mut at_floor = 0u32;
            for (m, hi) in histories
                .chunks_exact(self.h)
                .zip(hist_income.chunks_exact(self.f.max(1)))
            {
                self.run_one(m, hi, path, &mut scratch, |t, y| {
                    uncovered = uncovered.wrapping_add(i128::from(y.uncovered));
                    if t == last_t {
                        fund_sum = fund_sum.wrapping_add(i128::from(y.fund));
                        if y.uncovered > 0 || self.floor == Some(y.fund) {
                            at_floor = at_floor.saturating_add(1);
                        }
                    }
                });
            }
            out.push(ScenarioSummary {
                final_fund: money_of(fund_sum)?,
                uncovered: money_of(uncovered)?,
                at_floor,
            });
        }
        Ok(out)
    }

    /// Income in each projected year from the history cohorts (the same in every scenario).
    fn history_income(&self, history: &[u32]) -> Vec<i64> {
        let mut out = vec![0i64; self.f];
        for (c, &p) in history.iter().enumerate() {
            let ci = self.cohort_income(c, i64::from(p), 5);
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

    /// A cohort's grant income in each of its five grant years: its persons split by
    /// category (floored) times the cohort's rates. Bounded by `max_income` in `new`.
    /// Only the first `years` grant years are computed (the later ones fall outside the
    /// projection).
    #[inline(always)]
    fn cohort_income(&self, cohort: usize, persons: i64, years: usize) -> [i64; 5] {
        let mut ci = [0i64; 5];
        let Some(rates) = self.rates.get(cohort) else {
            return ci;
        };
        for ((n, d), row) in self.share_num.iter().zip(&self.share_div).zip(rates) {
            // persons × n is within the bound proven in `new`.
            let count = d.div(persons.wrapping_mul(*n));
            for (acc, r) in ci.iter_mut().zip(row).take(years) {
                *acc = acc.wrapping_add(count.wrapping_mul(*r));
            }
        }
        ci
    }

    /// The hot loop: one municipality, one path. All arithmetic here is bounded by the
    /// limits proven in [`Engine::new`], so wrapping operations never wrap.
    #[inline(always)]
    fn run_one(
        &self,
        history: &[u32],
        hist_income: &[i64],
        path: &SettlementPath,
        s: &mut Scratch,
        mut emit: impl FnMut(usize, YearOut),
    ) {
        let h = self.h;
        let last = i64::from(history.last().copied().unwrap_or(0));
        s.persons.clear();
        s.persons.extend(history.iter().map(|&p| i64::from(p)));
        match path {
            SettlementPath::Persons(v) => s.persons.extend(v.iter().map(|&p| i64::from(p))),
            SettlementPath::PercentOfLastYear(v) => s.persons.extend(
                v.iter()
                    .map(|&pct| self.path_div.div(last.wrapping_mul(i64::from(pct)))),
            ),
        }
        // Income from the projected cohorts, added onto the history cohorts' income.
        s.income.clear();
        s.income.extend_from_slice(hist_income);
        let future = s.persons.get(h..).unwrap_or(&[]);
        for (fc, &p) in future.iter().enumerate() {
            let years = s.income.get_mut(fc..).unwrap_or(&mut []);
            let ci = self.cohort_income(h.wrapping_add(fc), p, years.len().min(5));
            for (slot, inc) in years.iter_mut().zip(ci) {
                *slot = slot.wrapping_add(inc);
            }
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
            let target = self.fixed_div.div(active.wrapping_mul(self.fixed_num));
            let gap = target.wrapping_sub(fixed).wrapping_mul(self.adj_num);
            fixed = fixed.wrapping_add(self.adj_div.floor_signed(gap));
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
}

impl Scratch {
    fn new(h: usize, f: usize) -> Scratch {
        Scratch {
            persons: Vec::with_capacity(h.saturating_add(f)),
            income: Vec::with_capacity(f),
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
        let rates = (0..h + f)
            .map(|c| {
                let mut row = [[Money::ZERO; 5]; 4];
                for a in 0..4 {
                    for k in 0..5 {
                        row[a][k] = Money::from_ore(base[a][k] * 100 * (100 + 2 * c as i64) / 100);
                    }
                }
                row
            })
            .collect();
        ProjectionParams {
            first_year: y0,
            history_years: h,
            future_years: f,
            category_shares: [30, 40, 25, 5].map(|p| Ratio::of(p, 100).unwrap()),
            rates: CohortRates {
                first_year: y0,
                rates,
                source: Source::new("test"),
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
            },
        }
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
        let e = Engine::new(params(5, 10, Some(0)), &hist, std::slice::from_ref(&path)).unwrap();
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
    fn bad_parameters_are_errors() {
        let mut p = params(5, 10, Some(0));
        p.rates.rates.truncate(14);
        let e = Engine::new(p, &[1; 5], &[]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "no projection cohort rates rate for cohort year 2033"
        );
        let mut p = params(5, 10, Some(0));
        p.cost.adjustment = Ratio::of(3, 2).unwrap();
        assert!(Engine::new(p, &[1; 5], &[]).is_err());
        let e = Engine::new(
            params(5, 10, Some(0)),
            &[u32::MAX; 5],
            &[SettlementPath::PercentOfLastYear(vec![200; 10])],
        );
        // Twice u32::MAX persons is refused before the bounds are even computed.
        assert!(
            matches!(&e, Err(Error::InvalidValue { value, .. }) if value == "8589934590"),
            "{e:?}"
        );
        let e = Engine::new(
            params(5, 10, Some(0)),
            &[1; 5],
            &[SettlementPath::Persons(vec![1; 3])],
        );
        assert!(e.is_err());
    }

    #[test]
    fn contradictory_parameters_are_named() {
        let mut p = params(5, 10, Some(0));
        p.category_shares[3] = Ratio::of(15, 100).unwrap();
        let e = Engine::new(p, &[1; 5], &[]).unwrap_err().to_string();
        assert!(
            e.starts_with(
                "invalid projection category shares 30/100 + 40/100 + 25/100 + 15/100 = 11/10:"
            ),
            "{e}"
        );

        let mut p = params(5, 10, Some(0));
        p.cost.initial_fixed = Money::kroner(-1);
        let e = Engine::new(p, &[1; 5], &[]).unwrap_err().to_string();
        assert!(e.starts_with("invalid initial fixed costs -1 kr:"), "{e}");
        let mut p = params(5, 10, Some(0));
        p.cost.variable_per_active_person = Money::kroner(-5);
        let e = Engine::new(p, &[1; 5], &[]).unwrap_err().to_string();
        assert!(
            e.starts_with("invalid variable cost per person -5 kr:"),
            "{e}"
        );
    }

    #[test]
    fn a_person_count_beyond_what_a_year_reports_is_refused_not_cut() {
        let mut p = params(5, 1, None);
        for row in &mut p.rates.rates {
            *row = [[Money::ZERO; 5]; 4];
        }
        p.cost.fixed_per_active_person = Ratio::of(0, 1).unwrap();
        let hist = [u32::MAX; 5];
        let path = SettlementPath::PercentOfLastYear(vec![150]);
        let e = Engine::new(p, &hist, std::slice::from_ref(&path))
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
        let e = Engine::new(p, &hist, &[gradual.clone(), abrupt.clone()]).unwrap();
        let c = e
            .compare(
                &hist,
                &[("gradual".into(), gradual), ("abrupt".into(), abrupt)],
            )
            .unwrap();
        assert_eq!(c[0].first_year_at_floor, None, "{}", c[0].summary);
        assert_eq!(
            c[1].first_year_at_floor,
            Some(Year::new(2026).unwrap()),
            "{}",
            c[1].summary
        );
        assert!(
            c[1].summary.contains("projection year 3"),
            "{}",
            c[1].summary
        );
        assert!(
            c[0].summary
                .starts_with("gradual: the fund stays above its floor")
        );
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
                )| {
                    let y0 = Year::new(2019).unwrap();
                    ProjectionParams {
                        first_year: y0,
                        history_years: h,
                        future_years: f,
                        category_shares: shares,
                        rates: CohortRates {
                            first_year: y0,
                            rates: rates
                                .into_iter()
                                .map(|r| r.map(|c| c.map(Money::from_ore)))
                                .collect(),
                            source: Source::new("generated"),
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
        let shares = p.category_shares.map(|r| parts(&r));
        let rate = |c: usize, a: usize, k: usize| ore_of(p.rates.rates[c][a][k]);
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
                for (a, (n, d)) in shares.iter().enumerate() {
                    income += (persons[c] * n).div_euclid(*d) * rate(c, a, k);
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
        let e = Engine::new(p.clone(), hist, std::slice::from_ref(path)).unwrap();
        e.project(hist, path).unwrap()
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
            let both: Vec<u32> = hist.iter().chain(&hist2).copied().collect();
            let e = Engine::new(p.clone(), &both, &[path.clone(), path2.clone()]).unwrap();
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
            let e = Engine::new(p.clone(), &flat, &paths).unwrap();
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
}
