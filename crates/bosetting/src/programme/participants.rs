//! The introduction programme (*introduksjonsprogrammet*): participants, cohorts under their
//! legal regime, exits and their outcomes, and the indicators municipalities report.

use std::collections::BTreeSet;
use std::fmt;

use chrono::{Months, NaiveDate};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::Period;
use crate::compare;
use crate::error::{Error, Result, add_u32, sum_u32};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::interval::Interval;
use crate::phrase::{Arg, Phrase};
use crate::provenance::{Fact, Source};
use crate::published::{CountFit, PublishedFigure, ReconcilePolicy, Status};
use crate::ratio::Ratio;

/// A legal regime of the programme, with its limits, as a dated and sourced parameter.
///
/// # Example
///
/// ```
/// use bosetting::RegimeTable;
///
/// let table = RegimeTable::builtin()?;
/// let law = table.by_id("integreringsloven")?;
/// // 3 to 36 months, extendable by 12; starting within 3 months of settlement is a duty.
/// assert_eq!((law.min_months, law.max_months, law.max_extension_months), (Some(3), Some(36), Some(12)));
/// assert_eq!(law.start_within_months, Some(3));
/// assert!(law.duty);
/// // Collective protection (Ukraine): a right, no duty.
/// assert!(!table.by_id("integreringsloven-6a")?.duty);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "introduksjonsloven")]
#[doc(alias = "integreringsloven")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Regime {
    /// A stable identifier (`introduksjonsloven`).
    pub id: String,
    /// The name as the law names it.
    pub name: String,
    /// Applies to participants who arrived on or after this date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::serde_date::optional_date"
    )]
    pub arrived_from: Option<NaiveDate>,
    /// Applies to participants who arrived before this date.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::serde_date::optional_date"
    )]
    pub arrived_before: Option<NaiveDate>,
    /// Applies (only) to persons with collective protection.
    #[serde(default)]
    pub collective_protection: bool,
    /// Shortest programme, in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_months: Option<u32>,
    /// Longest programme before extension, in months; `None` where no source documents it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_months: Option<u32>,
    /// Longest extension, in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_extension_months: Option<u32>,
    /// The programme must start within this many months of settlement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_within_months: Option<u32>,
    /// Whether participation is a duty (or only a right).
    pub duty: bool,
    /// Where the rules are documented.
    pub source: Source,
}

impl Regime {
    fn applies_to(&self, arrived: NaiveDate, collective_protection: bool) -> bool {
        self.collective_protection == collective_protection
            && self.arrived_from.is_none_or(|d| arrived >= d)
            && self.arrived_before.is_none_or(|d| arrived < d)
    }

    fn rule_phrase(&self) -> Phrase {
        let name = Arg::verbatim(self.name.clone());
        match (self.max_months, self.max_extension_months) {
            (None, _) => Phrase::new("{name} (no documented maximum)").with("name", name),
            (Some(m), None) => Phrase::new("{name} (up to {max} months)")
                .with("name", name)
                .with("max", m),
            (Some(m), Some(e)) => {
                Phrase::new("{name} (up to {max} months, extendable by {extension} months)")
                    .with("name", name)
                    .with("max", m)
                    .with("extension", e)
            }
        }
    }

    fn rule_text(&self) -> String {
        let max = self
            .max_months
            .map_or("no documented maximum".to_owned(), |m| {
                format!("up to {m} months")
            });
        let ext = self
            .max_extension_months
            .map_or(String::new(), |m| format!(", extendable by {m} months"));
        format!("{} ({max}{ext})", self.name)
    }
}

/// The table of regimes; which one applies follows from the arrival date and whether the
/// person has collective protection.
///
/// # Example
///
/// ```
/// use bosetting::RegimeTable;
/// use chrono::NaiveDate;
///
/// let table = RegimeTable::builtin()?;
/// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// assert_eq!(table.for_arrival(d(2020, 12, 31), false)?.id, "introduksjonsloven");
/// assert_eq!(table.for_arrival(d(2021, 1, 1), false)?.id, "integreringsloven");
/// assert_eq!(table.for_arrival(d(2022, 4, 1), true)?.id, "integreringsloven-6a");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "introduksjonsloven")]
#[doc(alias = "integreringsloven")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RegimeTableRepr")]
pub struct RegimeTable {
    /// The regimes.
    #[serde(rename = "regime")]
    pub regimes: Vec<Regime>,
}

#[derive(Deserialize)]
struct RegimeTableRepr {
    regime: Vec<Regime>,
}

impl TryFrom<RegimeTableRepr> for RegimeTable {
    type Error = Error;
    fn try_from(r: RegimeTableRepr) -> Result<RegimeTable> {
        let t = RegimeTable { regimes: r.regime };
        t.check()?;
        Ok(t)
    }
}

const BUILTIN_REGIMES: &str = include_str!("../../data/programme-regimes.toml");

impl RegimeTable {
    /// The regimes this library ships (`data/programme-regimes.toml`).
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] if the shipped table cannot be read (a build defect).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RegimeTable;
    ///
    /// let table = RegimeTable::builtin()?;
    /// let ids: Vec<&str> = table.regimes.iter().map(|r| r.id.as_str()).collect();
    /// assert_eq!(ids, ["introduksjonsloven", "integreringsloven", "integreringsloven-6a"]);
    /// assert_eq!(table.by_id("integreringsloven")?.max_months, Some(36));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn builtin() -> Result<RegimeTable> {
        RegimeTable::from_toml_str(BUILTIN_REGIMES, "built-in programme-regimes.toml")
    }

    /// The old name of [`RegimeTable::from_toml_str`].
    ///
    /// # Errors
    ///
    /// As [`RegimeTable::from_toml_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RegimeTable;
    ///
    /// let toml = "[[regime]]\nid = \"kort\"\nname = \"Kort\"\nduty = true\nsource = { document = \"eksempel\" }\n";
    /// // Deprecated: the same as `from_toml_str`.
    /// #[allow(deprecated)]
    /// let old = RegimeTable::from_toml(toml, "regimes.toml");
    /// assert_eq!(old?, RegimeTable::from_toml_str(toml, "regimes.toml")?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "renamed to `from_toml_str`: text is read by `from_*_str`, files by `load`"
    )]
    pub fn from_toml(text: &str, origin: &str) -> Result<RegimeTable> {
        RegimeTable::from_toml_str(text, origin)
    }

    /// A table from TOML text with `[[regime]]` entries.
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] naming `origin`, the line and the problem, including two regimes
    /// that apply to the same arrivals, two with one id, a minimum length above the maximum
    /// and an arrival window that ends before it starts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RegimeTable;
    ///
    /// let toml = r#"
    /// [[regime]]
    /// id = "kort"
    /// name = "Kort program"
    /// max_months = 12
    /// duty = true
    /// source = { document = "eksempel" }
    /// "#;
    /// let table = RegimeTable::from_toml_str(toml, "regimes.toml")?;
    /// assert_eq!(table.by_id("kort")?.max_months, Some(12));
    ///
    /// // Two regimes for the same arrivals contradict each other: the table is refused.
    /// let twice = format!("{toml}{}", toml.replace("\"kort\"", "\"lang\""));
    /// let err = RegimeTable::from_toml_str(&twice, "regimes.toml").unwrap_err();
    /// assert!(err.to_string().contains("regimes.toml"), "{err}");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<RegimeTable> {
        let r: RegimeTableRepr = crate::rules::from_toml(text, origin)?;
        let t = RegimeTable { regimes: r.regime };
        t.check().map_err(|e| Error::RuleTable {
            origin: origin.to_owned(),
            detail: e.to_string(),
        })?;
        Ok(t)
    }

    /// Refuses regimes that contradict themselves or each other: a table is the law's
    /// limits, so a contradiction is a typing error, never something to pick from.
    fn check(&self) -> Result<()> {
        for (i, r) in self.regimes.iter().enumerate() {
            if self.regimes.iter().take(i).any(|e| e.id == r.id) {
                return Err(Error::invalid(
                    "programme regime id",
                    format!("{:?}", r.id),
                    "listed twice; give each regime its own id",
                ));
            }
            if let (Some(min), Some(max)) = (r.min_months, r.max_months) {
                if min > max {
                    return Err(Error::invalid(
                        format!("programme regime {} min_months", r.id),
                        min,
                        format!("above max_months {max}"),
                    ));
                }
            }
            if let (Some(from), Some(before)) = (r.arrived_from, r.arrived_before) {
                if before <= from {
                    return Err(Error::invalid(
                        format!("programme regime {} arrival window", r.id),
                        format!("{from}..{before}"),
                        "it ends before it starts; write arrived_from before arrived_before",
                    ));
                }
            }
        }
        for (i, a) in self.regimes.iter().enumerate() {
            for b in self.regimes.iter().skip(i.saturating_add(1)) {
                let disjoint = a.collective_protection != b.collective_protection
                    || a.arrived_before
                        .zip(b.arrived_from)
                        .is_some_and(|(x, y)| x <= y)
                    || b.arrived_before
                        .zip(a.arrived_from)
                        .is_some_and(|(x, y)| x <= y);
                if !disjoint {
                    return Err(Error::OverlappingRates {
                        table: "programme regime",
                        key: "arrival dates".into(),
                        first: a.id.clone(),
                        second: b.id.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// The regime for a person who arrived on `arrived`.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] if no regime applies.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RegimeTable;
    /// use chrono::NaiveDate;
    ///
    /// let table = RegimeTable::builtin()?;
    /// let arrived = NaiveDate::from_ymd_opt(2021, 3, 1).ok_or("date")?;
    /// assert_eq!(table.for_arrival(arrived, false)?.id, "integreringsloven");
    /// assert_eq!(table.for_arrival(arrived, true)?.id, "integreringsloven-6a");
    ///
    /// // A table without a regime for arrivals after 2020 has nothing to say about them.
    /// let mut old = table.clone();
    /// old.regimes.retain(|r| r.id == "introduksjonsloven");
    /// assert!(old.for_arrival(arrived, false).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn for_arrival(&self, arrived: NaiveDate, collective_protection: bool) -> Result<&Regime> {
        self.regimes
            .iter()
            .find(|r| r.applies_to(arrived, collective_protection))
            .ok_or_else(|| Error::MissingRate {
                table: "programme regime",
                key: format!(
                    "arrival {arrived}{}",
                    if collective_protection {
                        " with collective protection"
                    } else {
                        ""
                    }
                ),
            })
    }

    /// A regime by its identifier.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] if there is none.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::RegimeTable;
    ///
    /// let table = RegimeTable::builtin()?;
    /// let old = table.by_id("introduksjonsloven")?;
    /// assert_eq!((old.max_months, old.max_extension_months), (Some(24), Some(12)));
    /// assert!(table.by_id("introduksjonslova").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn by_id(&self, id: &str) -> Result<&Regime> {
        self.regimes
            .iter()
            .find(|r| r.id == id)
            .ok_or_else(|| Error::MissingRate {
                table: "programme regime",
                key: format!("id {id:?}"),
            })
    }
}

/// Participants who started the programme together, under one regime.
///
/// # Example
///
/// ```
/// use bosetting::{Cohort, RegimeTable, Source};
/// use chrono::NaiveDate;
///
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
/// // Settled in 2020: the introduction act of 2003, up to 24 months + 12.
/// let cohort = Cohort {
///     label: "høsten 2020".into(),
///     participants: 8,
///     settled: d(2020, 9, 1)?,
///     start: d(2020, 10, 1)?,
///     planned_end: Some(d(2023, 3, 31)?),
///     extension_months: 6,
///     collective_protection: false,
///     source: Source::new("kvalifiseringstjenesten"),
/// };
/// let limits = cohort.check(&RegimeTable::builtin()?)?.value;
/// assert_eq!(limits.regime, "introduksjonsloven");
/// // 24 + 6 months from the start.
/// assert_eq!(limits.latest_end, d(2023, 3, 31)?);
/// // A start before settlement is an error in the data.
/// let early = Cohort { start: d(2020, 8, 1)?, ..cohort };
/// assert!(early.check(&RegimeTable::builtin()?).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "deltakere")]
#[doc(alias = "kull")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cohort {
    /// A label ("autumn 2021").
    pub label: String,
    /// How many participants.
    pub participants: u32,
    /// When they were settled in the municipality (decides the regime and the start limit).
    pub settled: NaiveDate,
    /// When the programme started.
    pub start: NaiveDate,
    /// When it is planned to end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_end: Option<NaiveDate>,
    /// Extension granted, in months.
    #[serde(default)]
    pub extension_months: u32,
    /// Whether the participants have collective protection (Ukraine).
    #[serde(default)]
    pub collective_protection: bool,
    /// Where it is recorded.
    pub source: Source,
}

/// What the regime allows a cohort.
///
/// # Example
///
/// ```
/// use bosetting::{Cohort, RegimeTable, Source};
/// use chrono::NaiveDate;
///
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
/// // Settled in 2020: the introduction act of 2003, up to 24 months + 12.
/// let cohort = Cohort {
///     label: "høsten 2020".into(),
///     participants: 8,
///     settled: d(2020, 9, 1)?,
///     start: d(2020, 10, 1)?,
///     planned_end: Some(d(2023, 3, 31)?),
///     extension_months: 6,
///     collective_protection: false,
///     source: Source::new("kvalifiseringstjenesten"),
/// };
/// let limits = cohort.check(&RegimeTable::builtin()?)?.value;
/// // The 2003 act has no start limit.
/// assert_eq!(limits.latest_start, None);
/// // A planned end past the limit breaks the regime's rule.
/// let late = Cohort { planned_end: Some(d(2023, 4, 1)?), ..cohort };
/// assert!(matches!(late.check(&RegimeTable::builtin()?), Err(bosetting::Error::RuleBroken { .. })));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CohortLimits {
    /// The regime's identifier.
    pub regime: String,
    /// The latest start the regime allows, if it has a start limit.
    pub latest_start: Option<NaiveDate>,
    /// The latest end, with the granted extension.
    pub latest_end: NaiveDate,
}

impl Cohort {
    /// Checks the cohort against the regime that applies to it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a start before settlement or an end before the start;
    /// [`Error::RuleBroken`] naming the regime for a late start, an extension beyond the
    /// maximum, or a planned end past the limit; [`Error::MissingRate`] if the regime has no
    /// documented maximum length.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Cohort, RegimeTable, Source};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).ok_or("date");
    /// let mut cohort = Cohort {
    ///     label: "høsten 2021".into(),
    ///     participants: 12,
    ///     settled: d(2021, 9, 1)?,
    ///     start: d(2021, 11, 15)?,
    ///     planned_end: Some(d(2023, 11, 14)?),
    ///     extension_months: 0,
    ///     collective_protection: false,
    ///     source: Source::new("kvalifiseringstjenesten"),
    /// };
    /// let table = RegimeTable::builtin()?;
    /// let limits = cohort.check(&table)?.value;
    /// assert_eq!(limits.regime, "integreringsloven");
    /// assert_eq!(limits.latest_start, Some(d(2021, 12, 1)?));
    /// // At most three years from the start, to the day before.
    /// assert_eq!(limits.latest_end, d(2024, 11, 14)?);
    ///
    /// // Starting more than three months after settlement breaks the integration act.
    /// cohort.start = d(2022, 1, 10)?;
    /// assert!(matches!(cohort.check(&table), Err(bosetting::Error::RuleBroken { .. })));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check(&self, table: &RegimeTable) -> Result<Derived<CohortLimits>> {
        if self.start < self.settled {
            return Err(Error::invalid(
                format!("cohort {:?} start", self.label),
                self.start,
                format!(
                    "it is before the participants were settled on {}",
                    self.settled
                ),
            ));
        }
        if let Some(end) = self.planned_end.filter(|e| *e < self.start) {
            return Err(Error::invalid(
                format!("cohort {:?} planned end", self.label),
                end,
                format!("it is before the start on {}", self.start),
            ));
        }
        let regime = table.for_arrival(self.settled, self.collective_protection)?;
        let latest_start = match regime.start_within_months {
            Some(m) => Some(add_months(self.settled, m)?),
            None => None,
        };
        if let Some(ls) = latest_start.filter(|ls| self.start > *ls) {
            return Err(Error::RuleBroken {
                rule: format!(
                    "{}: start within {} months of settlement",
                    regime.name,
                    regime.start_within_months.unwrap_or_default()
                ),
                detail: format!(
                    "cohort {:?} starts {}, after the latest start {ls} for settlement on {}",
                    self.label, self.start, self.settled
                ),
            });
        }
        let max = regime.max_months.ok_or_else(|| Error::MissingRate {
            table: "programme limits",
            key: format!("maximum length under {}", regime.name),
        })?;
        let max_ext = regime.max_extension_months.unwrap_or(0);
        if self.extension_months > max_ext {
            return Err(Error::RuleBroken {
                rule: regime.rule_text(),
                detail: format!(
                    "cohort {:?} has an extension of {} months; at most {max_ext} are allowed",
                    self.label, self.extension_months
                ),
            });
        }
        let months = max.saturating_add(self.extension_months);
        let latest_end = add_months(self.start, months)?
            .pred_opt()
            .unwrap_or(self.start);
        if let Some(end) = self.planned_end.filter(|e| *e > latest_end) {
            return Err(Error::RuleBroken {
                rule: regime.rule_text(),
                detail: format!(
                    "cohort {:?} is planned to end {end}, after the latest end {latest_end} for a start on {} ({max} + {} months)",
                    self.label, self.start, self.extension_months
                ),
            });
        }
        let limits = CohortLimits {
            regime: regime.id.clone(),
            latest_start,
            latest_end,
        };
        Ok(Derived::new(
            limits,
            Explanation::derived(
                "latest programme end",
                Quantity::text(Phrase::new("{date}").with("date", latest_end)),
                Phrase::new(
                    "start {start} + {max} months + extension {extension} months, under {regime}",
                )
                .with("start", self.start)
                .with("max", max)
                .with("extension", self.extension_months)
                .with("regime", Arg::verbatim(regime.name.clone())),
                vec![Explanation::parameter(
                    "programme regime",
                    Quantity::text(regime.rule_phrase()),
                    regime.source.clone(),
                )],
            ),
        ))
    }
}

fn add_months(d: NaiveDate, m: u32) -> Result<NaiveDate> {
    d.checked_add_months(Months::new(m))
        .ok_or_else(|| Error::overflow(format!("{d} + {m} months")))
}

/// Participants over a period as stock and flows.
///
/// # Example
///
/// ```
/// use bosetting::{Fact, ProgrammeStock, Source, Year};
///
/// let src = || Source::new("årsrapport");
/// let mut s = ProgrammeStock::new(Year::new(2017)?.period());
/// s.at_start = Some(Fact::new(400, src()));
/// s.entered = Some(Fact::new(120, src()));
/// s.left = Some(Fact::new(75, src()));
/// assert_eq!(s.at_end()?.value, 445);
/// s.at_end = Some(Fact::new(440, src()));
/// assert!(s.validate().is_err()); // 400 + 120 − 75 is 445, not 440
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "deltakere")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgrammeStock {
    /// The period.
    pub period: Period,
    /// Participants at the start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_start: Option<Fact<u32>>,
    /// Entered during the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entered: Option<Fact<u32>>,
    /// Left during the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Fact<u32>>,
    /// Participants at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_end: Option<Fact<u32>>,
    /// Waiting to start at the end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waiting: Option<Fact<u32>>,
    /// Participating or waiting to start at the end, where only the sum is reported
    /// ("deltok i programmet eller ventet på oppstart").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at_end_or_waiting: Option<Fact<u32>>,
}

impl ProgrammeStock {
    /// No figures yet.
    pub fn new(period: Period) -> ProgrammeStock {
        ProgrammeStock {
            period,
            at_start: None,
            entered: None,
            left: None,
            at_end: None,
            waiting: None,
            at_end_or_waiting: None,
        }
    }

    fn flow_end(&self) -> Result<Option<(u32, Vec<Explanation>)>> {
        let (Some(s), Some(e), Some(l)) = (&self.at_start, &self.entered, &self.left) else {
            return Ok(None);
        };
        let inflow = add_u32(s.value, e.value, "programme participants")?;
        let end = inflow.checked_sub(l.value).ok_or_else(|| {
            Error::exceeds(
                "programme exits",
                l.value,
                "participants at the start + entered",
                inflow,
            )
        })?;
        Ok(Some((
            end,
            vec![
                s.explain("participants at the start", Unit::Persons),
                e.explain("entered", Unit::Persons),
                l.explain("left", Unit::Persons),
            ],
        )))
    }

    /// Checks the stock identity and the sums.
    ///
    /// # Errors
    ///
    /// [`Error::PartExceedsWhole`] for exits above the participants;
    /// [`Error::SumMismatch`] if the end is not start + entered − left, or participating +
    /// waiting is not the reported sum.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, ProgrammeStock, Source, Year};
    ///
    /// let src = |q: &str| Source::new("årsrapport 2020").quote(q);
    /// let mut stock = ProgrammeStock::new(Year::new(2020)?.period());
    /// stock.at_start = Some(Fact::new(120, src("120 deltakere ved årets start")));
    /// stock.entered = Some(Fact::new(35, src("35 nye")));
    /// stock.left = Some(Fact::new(57, src("57 avsluttet")));
    /// stock.at_end = Some(Fact::new(98, src("98 ved årets slutt")));
    /// assert!(stock.validate().is_ok());
    ///
    /// // 120 + 35 − 57 is 98, not 99.
    /// stock.at_end = Some(Fact::new(99, src("99 ved årets slutt")));
    /// assert!(matches!(stock.validate(), Err(bosetting::Error::SumMismatch { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let (Some((end, _)), Some(stated)) = (self.flow_end()?, &self.at_end) {
            if end != stated.value {
                return Err(Error::SumMismatch {
                    field: "programme participants at the end".into(),
                    parts: "start + entered − left".into(),
                    sum: end.to_string(),
                    total: stated.value.to_string(),
                });
            }
        }
        if let (Some(e), Some(w), Some(sum)) =
            (&self.at_end, &self.waiting, &self.at_end_or_waiting)
        {
            let s = add_u32(e.value, w.value, "participants and waiting")?;
            if s != sum.value {
                return Err(Error::SumMismatch {
                    field: "programme participants or waiting".into(),
                    parts: format!("{} + {}", e.value, w.value),
                    sum: s.to_string(),
                    total: sum.value.to_string(),
                });
            }
        }
        Ok(())
    }

    /// Participants at the end: stated, or start + entered − left.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, ProgrammeStock, Source, Year};
    ///
    /// let src = |q: &str| Source::new("årsrapport 2020").quote(q);
    /// let mut stock = ProgrammeStock::new(Year::new(2020)?.period());
    /// stock.at_start = Some(Fact::new(120, src("120 deltakere ved årets start")));
    /// stock.entered = Some(Fact::new(35, src("35 nye")));
    /// stock.left = Some(Fact::new(57, src("57 avsluttet")));
    /// // Not stated: start + entered − left.
    /// assert_eq!(stock.at_end()?.value, 98);
    /// // Without the flows and without a stated end there is nothing to go on.
    /// assert!(ProgrammeStock::new(Year::new(2020)?.period()).at_end().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn at_end(&self) -> Result<Derived<u32>> {
        if let Some(e) = &self.at_end {
            return Ok(Derived::new(
                e.value,
                e.explain("participants at the end", Unit::Persons),
            ));
        }
        let (v, inputs) = self.flow_end()?.ok_or_else(|| {
            Error::not_computable(
                "participants at the end",
                "needs the start, entered and left",
            )
        })?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "participants at the end",
                Quantity::persons(v),
                "start + entered − left",
                inputs,
            ),
        ))
    }

    /// Everyone who took part during the period: start + entered. When those are not known,
    /// a lower bound from what is: at least everyone who left, and at least everyone at the
    /// end.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if nothing bounds it.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Interval, ProgrammeStock, Source, Year};
    /// use rust_decimal::Decimal;
    ///
    /// let src = || Source::new("årsrapport 2020");
    /// let mut stock = ProgrammeStock::new(Year::new(2020)?.period());
    /// // Only the exits and the end are known: at least 98 took part.
    /// stock.left = Some(Fact::new(57, src()));
    /// stock.at_end = Some(Fact::new(98, src()));
    /// assert_eq!(stock.participated()?.value, Interval::at_least(Decimal::from(98)));
    /// // With the start and the entries, exactly start + entered.
    /// stock.at_start = Some(Fact::new(120, src()));
    /// stock.entered = Some(Fact::new(35, src()));
    /// assert_eq!(stock.participated()?.value, Interval::exactly(Decimal::from(155)));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn participated(&self) -> Result<Derived<Interval>> {
        if let (Some(s), Some(e)) = (&self.at_start, &self.entered) {
            let v = add_u32(s.value, e.value, "participants")?;
            return Ok(Derived::new(
                Interval::exactly(Decimal::from(v)),
                Explanation::derived(
                    "took part in the period",
                    Quantity::persons(v),
                    "start + entered",
                    vec![
                        s.explain("participants at the start", Unit::Persons),
                        e.explain("entered", Unit::Persons),
                    ],
                ),
            ));
        }
        let mut lower = None::<u32>;
        let mut inputs = Vec::new();
        if let Some(l) = &self.left {
            lower = Some(l.value);
            inputs.push(l.explain("left during the period", Unit::Persons));
        }
        if let Some(e) = &self.at_end {
            lower = Some(lower.map_or(e.value, |x| x.max(e.value)));
            inputs.push(e.explain("participants at the end", Unit::Persons));
        }
        let lo = lower.ok_or_else(|| {
            Error::not_computable("participants in the period", "no counts bound it")
        })?;
        let i = Interval::at_least(Decimal::from(lo));
        Ok(Derived::new(
            i,
            Explanation::derived(
                "took part in the period (bound)",
                Quantity::interval(i, Unit::Persons),
                "at least everyone who left and everyone still in the programme",
                inputs,
            ),
        ))
    }
}

/// What a participant went on to when leaving the programme.
///
/// # Example
///
/// ```
/// use bosetting::{Outcome, OutcomeDefinition, Source};
///
/// let counted = OutcomeDefinition::work_or_education(false, Source::new("Stavanger 2017"));
/// assert!(counted.includes(Outcome::HigherEducation));
/// assert!(!counted.includes(Outcome::JobSeeking));
/// // Custom definitions name the outcomes they count.
/// let work = OutcomeDefinition::of("arbeid", &[Outcome::Work, Outcome::WorkAndEducation], Source::new("rapport"));
/// assert!(!work.includes(Outcome::UpperSecondary));
/// ```
#[doc(alias = "arbeid og utdanning")]
#[doc(alias = "grunnskole")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Outcome {
    /// Work.
    Work,
    /// Upper secondary education (*videregående*).
    UpperSecondary,
    /// Higher education.
    HigherEducation,
    /// Other education.
    OtherEducation,
    /// Adult primary school (*grunnskole for voksne*).
    #[doc(alias = "grunnskole")]
    PrimarySchool,
    /// Work and education together.
    WorkAndEducation,
    /// Job-seeking.
    JobSeeking,
    /// Moved away.
    Moved,
    /// Health reasons.
    Health,
    /// Parental leave.
    ParentalLeave,
    /// Dropped out.
    DroppedOut,
    /// Other.
    Other,
    /// Not known or not stated.
    Unknown,
}

impl Outcome {
    /// Every outcome.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Outcome;
    ///
    /// // Every outcome once, with its name in data files.
    /// let names: Vec<&str> = Outcome::ALL.iter().map(|o| o.name()).collect();
    /// assert!(names.contains(&"work") && names.contains(&"unknown"));
    /// let mut unique = names.clone();
    /// unique.sort_unstable();
    /// unique.dedup();
    /// assert_eq!(unique.len(), Outcome::ALL.len());
    /// ```
    pub const ALL: [Outcome; 13] = [
        Outcome::Work,
        Outcome::UpperSecondary,
        Outcome::HigherEducation,
        Outcome::OtherEducation,
        Outcome::PrimarySchool,
        Outcome::WorkAndEducation,
        Outcome::JobSeeking,
        Outcome::Moved,
        Outcome::Health,
        Outcome::ParentalLeave,
        Outcome::DroppedOut,
        Outcome::Other,
        Outcome::Unknown,
    ];

    /// The outcome's name in data files.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Work => "work",
            Outcome::UpperSecondary => "upper-secondary",
            Outcome::HigherEducation => "higher-education",
            Outcome::OtherEducation => "other-education",
            Outcome::PrimarySchool => "primary-school",
            Outcome::WorkAndEducation => "work-and-education",
            Outcome::JobSeeking => "job-seeking",
            Outcome::Moved => "moved",
            Outcome::Health => "health",
            Outcome::ParentalLeave => "parental-leave",
            Outcome::DroppedOut => "dropped-out",
            Outcome::Other => "other",
            Outcome::Unknown => "unknown",
        }
    }

    /// Education of any kind except adult primary school.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Outcome, OutcomeDefinition, Source};
    ///
    /// // Work or education counts every education outcome, whatever the report's choice on
    /// // adult primary school.
    /// let d = OutcomeDefinition::work_or_education(false, Source::new("rapport"));
    /// assert!(Outcome::EDUCATION.iter().all(|o| d.includes(*o)));
    /// assert!(!Outcome::EDUCATION.contains(&Outcome::PrimarySchool));
    /// ```
    pub const EDUCATION: [Outcome; 3] = [
        Outcome::UpperSecondary,
        Outcome::HigherEducation,
        Outcome::OtherEducation,
    ];
}

impl Outcome {
    /// The outcome as words a report translates ("work", "primary school").
    pub fn phrase(self) -> Phrase {
        Phrase::new(match self {
            Outcome::Work => "work",
            Outcome::UpperSecondary => "upper secondary school",
            Outcome::HigherEducation => "higher education",
            Outcome::OtherEducation => "other education",
            Outcome::PrimarySchool => "primary school",
            Outcome::WorkAndEducation => "work and education",
            Outcome::JobSeeking => "job seeking",
            Outcome::Moved => "moved",
            Outcome::Health => "health",
            Outcome::ParentalLeave => "parental leave",
            Outcome::DroppedOut => "dropped out",
            Outcome::Other => "other",
            Outcome::Unknown => "not stated",
        })
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Which of two indicators a set of outcomes measures. They must not be mixed.
///
/// # Example
///
/// ```
/// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
///
/// let src = || Source::new("SSB");
/// let exits = Exits::new(Year::new(2021)?.period(), Measure::OneYearAfter, Fact::new(100, src()), vec![
///     (Outcome::Work, Fact::new(61, src())),
///     (Outcome::Other, Fact::new(39, src())),
/// ])?;
/// // The national goal (70 %) is on SSB's status a year after; a municipality's direct
/// // transition is another measure and cannot be mixed with it.
/// let national = Indicator { measure: Measure::OneYearAfter, definition: OutcomeDefinition::work_or_education(false, src()) };
/// assert_eq!(exits.rate(&national)?.value.to_string(), "61/100");
/// let direct = Indicator { measure: Measure::DirectTransition, ..national };
/// assert!(exits.rate(&direct).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "direkte overgang")]
#[doc(alias = "status ett år etter")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Measure {
    /// Status on leaving the programme, registered by the municipality (*direkte
    /// overgang*): what municipal reports quote.
    DirectTransition,
    /// SSB's status in November the year after leaving; the national goal (70 %) is on this
    /// measure.
    OneYearAfter,
}

/// Which outcomes count as success for an indicator. A parameter, because reports differ:
/// Bodø counts adult primary school as education, Stavanger reports it apart.
///
/// # Example
///
/// ```
/// use bosetting::{Outcome, OutcomeDefinition, Source};
///
/// let bodo = OutcomeDefinition::work_or_education(true, Source::new("Bodø 2020"));
/// let stavanger = OutcomeDefinition::work_or_education(false, Source::new("Stavanger 2017"));
/// assert!(bodo.includes(Outcome::PrimarySchool));
/// assert!(!stavanger.includes(Outcome::PrimarySchool));
/// ```
#[doc(alias = "arbeid og utdanning")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutcomeDefinition {
    /// A name ("work or education, primary school included"): words the model says for the
    /// built-in definitions, a document's own words for one it defines.
    pub name: Phrase,
    /// The outcomes that count.
    pub outcomes: BTreeSet<Outcome>,
    /// Where the definition comes from (the report that uses it).
    pub source: Source,
}

impl OutcomeDefinition {
    /// Work, education and work-and-education; adult primary school only if asked.
    pub fn work_or_education(include_primary_school: bool, source: Source) -> OutcomeDefinition {
        let mut outcomes: BTreeSet<Outcome> = [Outcome::Work, Outcome::WorkAndEducation]
            .into_iter()
            .chain(Outcome::EDUCATION)
            .collect();
        if include_primary_school {
            outcomes.insert(Outcome::PrimarySchool);
        }
        OutcomeDefinition {
            name: if include_primary_school {
                Phrase::new("work or education, adult primary school included")
            } else {
                Phrase::new("work or education, adult primary school not included")
            },
            outcomes,
            source,
        }
    }

    /// A definition of the given outcomes.
    pub fn of(name: impl Into<Phrase>, outcomes: &[Outcome], source: Source) -> OutcomeDefinition {
        OutcomeDefinition {
            name: name.into(),
            outcomes: outcomes.iter().copied().collect(),
            source,
        }
    }

    /// Whether `o` counts.
    pub fn includes(&self, o: Outcome) -> bool {
        self.outcomes.contains(&o)
    }
}

/// An indicator: a measure and a definition of success.
///
/// # Example
///
/// ```
/// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
///
/// let src = || Source::new("Bodø årsrapport 2020");
/// let exits = Exits::new(Year::new(2020)?.period(), Measure::DirectTransition, Fact::new(57, src()), vec![
///     (Outcome::Work, Fact::new(30, src())),
///     (Outcome::PrimarySchool, Fact::new(10, src())),
///     (Outcome::Unknown, Fact::new(17, src())),
/// ])?;
/// let indicator = |primary| Indicator { measure: Measure::DirectTransition, definition: OutcomeDefinition::work_or_education(primary, src()) };
/// // Whether adult primary school counts changes the rate.
/// assert_eq!(exits.rate(&indicator(true))?.value.to_string(), "40/57");
/// assert_eq!(exits.rate(&indicator(false))?.value.to_string(), "30/57");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "indikator")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Status on leaving, or one year after.
    pub measure: Measure,
    /// What counts.
    pub definition: OutcomeDefinition,
}

/// Participants who left the programme in a period, with their outcomes under one measure.
///
/// `outcomes` is either empty (the breakdown is not known) or sums to `total`; a document
/// that states only some outcomes is recorded with the rest as [`Outcome::Unknown`] through
/// [`Exits::with_unstated_remainder`], so that nothing is assumed silently.
///
/// # Example
///
/// ```
/// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
///
/// let src = || Source::new("Stavanger årsrapport 2017");
/// let exits = Exits::new(
///     Year::new(2017)?.period(),
///     Measure::DirectTransition,
///     Fact::new(75, src()),
///     vec![
///         (Outcome::Work, Fact::new(14, src())),
///         (Outcome::OtherEducation, Fact::new(25, src())),
///         (Outcome::PrimarySchool, Fact::new(3, src())),
///         (Outcome::Unknown, Fact::new(33, src())),
///     ],
/// )?;
/// let ind = Indicator {
///     measure: Measure::DirectTransition,
///     definition: OutcomeDefinition::work_or_education(false, src()),
/// };
/// assert_eq!(exits.rate(&ind)?.value.to_string(), "39/75");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "avsluttet")]
#[doc(alias = "overgang til arbeid og utdanning")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exits {
    /// The period.
    pub period: Period,
    /// The measure the outcomes are recorded under.
    pub measure: Measure,
    /// How many left.
    pub total: Fact<u32>,
    /// Outcome counts (empty if not known).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub outcomes: Vec<(Outcome, Fact<u32>)>,
}

impl Exits {
    /// Exits with outcomes that must sum to the total (or be empty).
    ///
    /// # Errors
    ///
    /// [`Error::SumMismatch`] if they do not sum; [`Error::InvalidValue`] for an outcome
    /// listed twice.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    ///
    /// let exits = Exits::new(period, Measure::DirectTransition, Fact::new(75, src()), vec![
    ///     (Outcome::Work, Fact::new(14, src())),
    ///     (Outcome::OtherEducation, Fact::new(25, src())),
    ///     (Outcome::Unknown, Fact::new(36, src())),
    /// ])?;
    /// assert_eq!(exits.total().value, 75);
    ///
    /// // Outcomes that do not add up to the exits are refused.
    /// let short = Exits::new(period, Measure::DirectTransition, Fact::new(75, src()), vec![
    ///     (Outcome::Work, Fact::new(14, src())),
    /// ]);
    /// assert!(matches!(short, Err(bosetting::Error::SumMismatch { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        period: Period,
        measure: Measure,
        total: Fact<u32>,
        outcomes: Vec<(Outcome, Fact<u32>)>,
    ) -> Result<Exits> {
        let e = Exits {
            period,
            measure,
            total,
            outcomes,
        };
        e.validate()?;
        Ok(e)
    }

    /// Exits where the document states only some outcomes: the rest is recorded as
    /// [`Outcome::Unknown`], sourced to the total's statement.
    ///
    /// # Errors
    ///
    /// [`Error::PartExceedsWhole`] if the stated outcomes exceed the total.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    ///
    /// // "14 gikk til arbeid og 25 til utdanning" of 75: the other 36 are not stated.
    /// let exits = Exits::with_unstated_remainder(period, Measure::DirectTransition, Fact::new(75, src()), vec![
    ///     (Outcome::Work, Fact::new(14, src())),
    ///     (Outcome::OtherEducation, Fact::new(25, src())),
    /// ])?;
    /// assert_eq!(exits.outcomes.last().map(|(o, n)| (*o, n.value)), Some((Outcome::Unknown, 36)));
    ///
    /// // More stated outcomes than exits cannot be.
    /// let over = Exits::with_unstated_remainder(period, Measure::DirectTransition, Fact::new(30, src()), vec![
    ///     (Outcome::Work, Fact::new(31, src())),
    /// ]);
    /// assert!(over.is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_unstated_remainder(
        period: Period,
        measure: Measure,
        total: Fact<u32>,
        mut outcomes: Vec<(Outcome, Fact<u32>)>,
    ) -> Result<Exits> {
        let stated = sum_u32(outcomes.iter().map(|(_, n)| n.value), "exit outcomes")?;
        let rest = total
            .value
            .checked_sub(stated)
            .ok_or_else(|| Error::exceeds("stated exit outcomes", stated, "exits", total.value))?;
        if rest > 0 {
            let mut src = total.source.clone();
            src.quote = Some(format!(
                "{} (the outcome of {rest} exits is not stated)",
                src.quote.unwrap_or_default()
            ));
            outcomes.push((Outcome::Unknown, Fact::new(rest, src)));
        }
        Exits::new(period, measure, total, outcomes)
    }

    /// See [`Exits::new`].
    ///
    /// # Errors
    ///
    /// As [`Exits::new`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    ///
    /// let mut exits = Exits::new(period, Measure::DirectTransition, Fact::new(39, src()), vec![
    ///     (Outcome::Work, Fact::new(14, src())),
    ///     (Outcome::OtherEducation, Fact::new(25, src())),
    /// ])?;
    /// assert!(exits.validate().is_ok());
    /// // An outcome listed twice is refused even where the counts add up.
    /// exits.outcomes = vec![(Outcome::Work, Fact::new(14, src())), (Outcome::Work, Fact::new(25, src()))];
    /// assert!(exits.validate().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        let mut seen = BTreeSet::new();
        for (o, _) in &self.outcomes {
            if !seen.insert(*o) {
                return Err(Error::invalid("exit outcome", o, "listed more than once"));
            }
        }
        if self.outcomes.is_empty() {
            return Ok(());
        }
        let sum = sum_u32(self.outcomes.iter().map(|(_, n)| n.value), "exit outcomes")?;
        if sum != self.total.value {
            return Err(Error::SumMismatch {
                field: "programme exits by outcome".into(),
                parts: self
                    .outcomes
                    .iter()
                    .map(|(o, n)| format!("{o} {}", n.value))
                    .collect::<Vec<_>>()
                    .join(" + "),
                sum: sum.to_string(),
                total: self.total.value.to_string(),
            });
        }
        Ok(())
    }

    /// The exits as an explained count.
    pub fn total(&self) -> Derived<u32> {
        Derived::new(
            self.total.value,
            self.total.explain("left the programme", Unit::Persons),
        )
    }

    /// How many left with an outcome the definition counts.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if the outcomes are not known.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    ///
    /// let exits = Exits::new(period, Measure::DirectTransition, Fact::new(75, src()), vec![
    ///     (Outcome::Work, Fact::new(14, src())),
    ///     (Outcome::OtherEducation, Fact::new(25, src())),
    ///     (Outcome::PrimarySchool, Fact::new(3, src())),
    ///     (Outcome::Unknown, Fact::new(33, src())),
    /// ])?;
    /// // Bodø counts adult primary school as education; Stavanger does not.
    /// assert_eq!(exits.count(&OutcomeDefinition::work_or_education(true, src()))?.value, 42);
    /// assert_eq!(exits.count(&OutcomeDefinition::work_or_education(false, src()))?.value, 39);
    ///
    /// // Without outcome counts there is nothing to count.
    /// let bare = Exits::new(period, Measure::DirectTransition, Fact::new(75, src()), vec![])?;
    /// assert!(bare.count(&OutcomeDefinition::work_or_education(false, src())).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn count(&self, definition: &OutcomeDefinition) -> Result<Derived<u32>> {
        if self.outcomes.is_empty() {
            return Err(Error::not_computable(
                definition.name.to_string(),
                "the exits' outcomes are not known",
            ));
        }
        let parts: Vec<&(Outcome, Fact<u32>)> = self
            .outcomes
            .iter()
            .filter(|(o, _)| definition.includes(*o))
            .collect();
        let v = sum_u32(parts.iter().map(|(_, n)| n.value), "exit outcomes")?;
        let mut inputs: Vec<Explanation> = parts
            .iter()
            .map(|(o, n)| {
                n.explain(
                    Phrase::new("left to {outcome}").with("outcome", o.phrase()),
                    Unit::Persons,
                )
            })
            .collect();
        inputs.push(Explanation::parameter(
            "outcome definition",
            Quantity::text(
                Phrase::new("{name}: {outcomes}")
                    .with("name", definition.name.clone())
                    .with(
                        "outcomes",
                        definition
                            .outcomes
                            .iter()
                            .map(|o| o.phrase().into())
                            .collect::<Vec<Arg>>(),
                    ),
            ),
            definition.source.clone(),
        ));
        Ok(Derived::new(
            v,
            Explanation::derived(
                Phrase::new("left to {outcome}").with("outcome", definition.name.clone()),
                Quantity::persons(v),
                "sum of the outcomes the definition counts",
                inputs,
            ),
        ))
    }

    /// The share of exits with an outcome the indicator counts.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if the indicator's measure is not the one the exits were
    /// recorded under (the two measures must not be mixed); [`Error::NotComputable`] if the
    /// outcomes are not known; [`Error::DivisionByZero`] with no exits.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    ///
    /// let exits = Exits::new(period, Measure::DirectTransition, Fact::new(75, src()), vec![
    ///     (Outcome::Work, Fact::new(14, src())),
    ///     (Outcome::OtherEducation, Fact::new(25, src())),
    ///     (Outcome::Unknown, Fact::new(36, src())),
    /// ])?;
    /// let definition = OutcomeDefinition::work_or_education(false, src());
    /// let on_leaving = Indicator { measure: Measure::DirectTransition, definition: definition.clone() };
    /// assert_eq!(exits.rate(&on_leaving)?.value.to_string(), "39/75");
    ///
    /// // SSB's status a year after is another measure: the two are never mixed.
    /// let a_year_after = Indicator { measure: Measure::OneYearAfter, definition };
    /// assert!(exits.rate(&a_year_after).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn rate(&self, indicator: &Indicator) -> Result<Derived<Ratio>> {
        if indicator.measure != self.measure {
            return Err(Error::invalid(
                "indicator measure",
                format!("{:?}", indicator.measure),
                format!(
                    "these exits are recorded as {:?}; the two measures must not be mixed",
                    self.measure
                ),
            ));
        }
        let part = self.count(&indicator.definition)?;
        compare::share(
            Phrase::new("share of exits to {outcome}")
                .with("outcome", indicator.definition.name.clone()),
            &part,
            &self.total(),
            "exits with a counted outcome / exits",
        )
    }

    /// The counts behind published rates when only the rates and the number of exits are
    /// known: each rate's possible counts, and whether the parts can sum to the printed total
    /// ("19 % + 33 % = 52 % of 75" fits 14 + 25 = 39).
    ///
    /// # Errors
    ///
    /// As [`PublishedFigure::counts_for_share`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Exits, Fact, Indicator, Measure, Outcome, OutcomeDefinition, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    /// use bosetting::{PublishedFigure, ReconcilePolicy, Status, Unit};
    ///
    /// // "19 % til arbeid, 33 % til utdanning, til sammen 52 %" of 75 exits.
    /// let exits = Exits::new(period, Measure::DirectTransition, Fact::new(75, src()), vec![])?;
    /// let rate = |t: &str| PublishedFigure::parse(t, Unit::Percent, src().quote(t));
    /// let d = exits.counts_behind(&[rate("19 %")?, rate("33 %")?], Some(&rate("52 %")?), &ReconcilePolicy::default())?;
    /// assert_eq!(d.status, Status::Consistent);
    /// // 14 and 25 are the only counts: 14/75 = 18.7 %, 25/75 = 33.3 %.
    /// assert_eq!(d.sum, Some((39, 39)));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn counts_behind(
        &self,
        parts: &[PublishedFigure],
        total: Option<&PublishedFigure>,
        policy: &ReconcilePolicy,
    ) -> Result<RateDecomposition> {
        let whole = u64::from(self.total.value);
        let fits: Vec<CountFit> = parts
            .iter()
            .map(|p| p.counts_for_share(whole, policy))
            .collect::<Result<_>>()?;
        let total_fit = total
            .map(|t| t.counts_for_share(whole, policy))
            .transpose()?;
        let ranges: Option<Vec<(u64, u64)>> = fits.iter().map(|f| f.under(policy.rule())).collect();
        let mut text: Vec<Arg> = fits.iter().map(|f| f.explanation.clone().into()).collect();
        let mut status = if fits.iter().all(|f| f.status == Status::Consistent) {
            Status::Consistent
        } else {
            Status::Inconsistent
        };
        let sum_range = ranges.as_ref().map(|rs| {
            rs.iter().fold((0u64, 0u64), |(a, b), (lo, hi)| {
                (a.saturating_add(*lo), b.saturating_add(*hi))
            })
        });
        if let Some(tf) = &total_fit {
            text.push(
                Phrase::new("total: {fit}")
                    .with("fit", tf.explanation.clone())
                    .into(),
            );
            match (sum_range, tf.under(policy.rule())) {
                (Some((slo, shi)), Some((tlo, thi))) if slo <= thi && tlo <= shi => {
                    text.push(
                        Phrase::new(
                            "the parts sum to {slo}–{shi}, which meets the total's {tlo}–{thi}",
                        )
                        .with("slo", slo)
                        .with("shi", shi)
                        .with("tlo", tlo)
                        .with("thi", thi)
                        .into(),
                    );
                }
                (Some((slo, shi)), Some((tlo, thi))) => {
                    status = Status::Inconsistent;
                    text.push(
                        Phrase::new(
                            "the parts sum to {slo}–{shi}, which cannot be the total's {tlo}–{thi}",
                        )
                        .with("slo", slo)
                        .with("shi", shi)
                        .with("tlo", tlo)
                        .with("thi", thi)
                        .into(),
                    );
                }
                _ => status = Status::Inconsistent,
            }
        }
        Ok(RateDecomposition {
            whole,
            parts: fits,
            total: total_fit,
            sum: sum_range,
            status,
            explanation: Phrase::new("{clauses}").with("clauses", Arg::Clauses(text)),
        })
    }
}

/// The result of [`Exits::counts_behind`].
///
/// # Example
///
/// ```
/// use bosetting::{Exits, Fact, Measure, PublishedFigure, ReconcilePolicy, Source, Status, Unit, Year};
///
/// let src = || Source::new("årsrapport");
/// let exits = Exits::new(Year::new(2020)?.period(), Measure::DirectTransition, Fact::new(57, src()), vec![])?;
/// let pct = |t: &str| PublishedFigure::parse(t, Unit::Percent, src());
/// // "71 %" of 57 fits no whole count under half-up rounding.
/// let d = exits.counts_behind(&[pct("71 %")?], None, &ReconcilePolicy::default())?;
/// assert_eq!(d.whole, 57);
/// assert_eq!(d.status, Status::Inconsistent);
/// assert_eq!(d.sum, None);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateDecomposition {
    /// The whole (exits).
    pub whole: u64,
    /// Each published part's possible counts.
    pub parts: Vec<CountFit>,
    /// The published total's possible counts.
    pub total: Option<CountFit>,
    /// The range the parts can sum to, under the policy's rule.
    pub sum: Option<(u64, u64)>,
    /// Consistent if every rate fits a count and the parts can make the total.
    pub status: Status,
    /// In words.
    pub explanation: Phrase,
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
    use crate::calendar::Year;
    use crate::explain::Unit;
    use proptest::prelude::*;

    fn src() -> Source {
        Source::new("t")
    }

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    fn year() -> Period {
        Year::new(2017).unwrap().period()
    }

    fn cohort(settled: NaiveDate, start: NaiveDate, end: Option<NaiveDate>) -> Cohort {
        Cohort {
            label: "c".into(),
            participants: 10,
            settled,
            start,
            planned_end: end,
            extension_months: 0,
            collective_protection: false,
            source: src(),
        }
    }

    #[test]
    fn regime_limits() {
        let t = RegimeTable::builtin().unwrap();
        let ok = cohort(d(2019, 3, 1), d(2019, 4, 1), Some(d(2021, 3, 31)))
            .check(&t)
            .unwrap();
        assert_eq!(ok.value.regime, "introduksjonsloven");
        let e = cohort(d(2019, 3, 1), d(2019, 4, 1), Some(d(2021, 4, 1)))
            .check(&t)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "Introduksjonsloven (2003) (up to 24 months, extendable by 12 months): cohort \"c\" is planned to end 2021-04-01, after the latest end 2021-03-31 for a start on 2019-04-01 (24 + 0 months)"
        );
        let late = cohort(d(2021, 3, 1), d(2021, 6, 2), None)
            .check(&t)
            .unwrap_err();
        assert!(late.to_string().contains("start within 3 months"), "{late}");
        let early = cohort(d(2021, 3, 1), d(2021, 2, 1), None)
            .check(&t)
            .unwrap_err();
        assert!(
            early
                .to_string()
                .contains("before the participants were settled")
        );
        let mut ukr = cohort(d(2022, 5, 1), d(2022, 6, 1), None);
        ukr.collective_protection = true;
        assert!(matches!(ukr.check(&t), Err(Error::MissingRate { .. })));
        let mut ext = cohort(d(2021, 3, 1), d(2021, 4, 1), Some(d(2025, 3, 31)));
        ext.extension_months = 12;
        assert!(ext.check(&t).is_ok());
        ext.extension_months = 13;
        assert!(ext.check(&t).is_err());
    }

    #[test]
    fn contradictory_regimes_are_refused() {
        let regime = |id: &str, extra: &str| {
            format!(
                "[[regime]]\nid = \"{id}\"\nname = \"N\"\nduty = true\n{extra}\nsource = {{ document = \"x\" }}\n"
            )
        };
        let read = |text: String| {
            RegimeTable::from_toml_str(&text, "r.toml")
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        let e = read(format!(
            "{}{}",
            regime("a", "arrived_before = 2021-01-01"),
            regime("a", "collective_protection = true")
        ));
        assert_eq!(
            e,
            "rule table r.toml: invalid programme regime id \"a\": listed twice; give each regime its own id"
        );
        let e = read(regime("a", "min_months = 36\nmax_months = 24"));
        assert_eq!(
            e,
            "rule table r.toml: invalid programme regime a min_months 36: above max_months 24"
        );
        let e = read(regime(
            "a",
            "arrived_from = 2021-01-01\narrived_before = 2020-01-01",
        ));
        assert_eq!(
            e,
            "rule table r.toml: invalid programme regime a arrival window 2021-01-01..2020-01-01: it ends before it starts; write arrived_from before arrived_before"
        );
        // Read from JSON, the same table is checked the same way.
        let json = r#"{"regime":[{"id":"a","name":"N","duty":true,"min_months":36,"max_months":24,"source":{"document":"x"}}]}"#;
        let e = serde_json::from_str::<RegimeTable>(json).unwrap_err();
        assert!(
            e.to_string()
                .contains("invalid programme regime a min_months 36"),
            "{e}"
        );
    }

    #[test]
    fn overlapping_regimes_are_refused() {
        let text = r#"
[[regime]]
id = "a"
name = "A"
arrived_before = 2021-01-01
max_months = 24
duty = true
source = { document = "x" }
[[regime]]
id = "b"
name = "B"
arrived_from = 2020-01-01
max_months = 36
duty = true
source = { document = "x" }
"#;
        let e = RegimeTable::from_toml_str(text, "test.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "rule table test.toml: overlapping programme regime rates for arrival dates: a and b"
        );
        let e = RegimeTable::from_toml_str("[[regime]]\nid = 3", "bad.toml").unwrap_err();
        assert!(
            e.to_string().starts_with("rule table bad.toml: line 2"),
            "{e}"
        );
    }

    #[test]
    fn outcome_sums_and_measures() {
        let f = |n| Fact::new(n, src());
        let e = Exits::new(
            year(),
            Measure::DirectTransition,
            f(15),
            vec![(Outcome::Work, f(9)), (Outcome::OtherEducation, f(1))],
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "programme exits by outcome: the parts work 9 + other-education 1 sum to 10, but the stated total is 15"
        );
        let ex = Exits::with_unstated_remainder(
            year(),
            Measure::DirectTransition,
            f(15),
            vec![(Outcome::Work, f(9)), (Outcome::OtherEducation, f(1))],
        )
        .unwrap();
        let ind = Indicator {
            measure: Measure::DirectTransition,
            definition: OutcomeDefinition::work_or_education(true, src()),
        };
        assert_eq!(ex.rate(&ind).unwrap().value, Ratio::of(10, 15).unwrap());
        let ssb = Indicator {
            measure: Measure::OneYearAfter,
            ..ind
        };
        assert!(ex.rate(&ssb).is_err());
        assert!(
            Exits::with_unstated_remainder(
                year(),
                Measure::DirectTransition,
                f(5),
                vec![(Outcome::Work, f(6))]
            )
            .is_err()
        );
    }

    #[test]
    fn stavanger_rates_fit_counts() {
        let p = |t: &str| PublishedFigure::parse(t, Unit::Percent, src()).unwrap();
        let ex = Exits::new(
            year(),
            Measure::DirectTransition,
            Fact::new(75, src()),
            vec![],
        )
        .unwrap();
        let dec = ex
            .counts_behind(
                &[p("19 %"), p("33 %")],
                Some(&p("52 %")),
                &ReconcilePolicy::default(),
            )
            .unwrap();
        assert_eq!(dec.status, Status::Consistent);
        assert_eq!(dec.sum, Some((39, 39)));
        let bodo = Exits::new(
            year(),
            Measure::DirectTransition,
            Fact::new(57, src()),
            vec![],
        )
        .unwrap();
        let dec = bodo
            .counts_behind(&[p("71%")], None, &ReconcilePolicy::default())
            .unwrap();
        assert_eq!(dec.status, Status::Inconsistent);
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn stock_identity(start in 0u32..10_000, entered in 0u32..10_000, left_frac in 0u32..=100) {
            let left = (start + entered) * left_frac / 100;
            let mut s = ProgrammeStock::new(year());
            s.at_start = Some(Fact::new(start, src()));
            s.entered = Some(Fact::new(entered, src()));
            s.left = Some(Fact::new(left, src()));
            let end = s.at_end().unwrap().value;
            prop_assert_eq!(end + left, start + entered);
            s.at_end = Some(Fact::new(end, src()));
            prop_assert!(s.validate().is_ok());
            s.at_end = Some(Fact::new(end + 1, src()));
            prop_assert!(s.validate().is_err());
        }

        #[test]
        fn outcome_counts_sum_to_exits(counts in proptest::collection::vec(0u32..500, 1..13), incl in any::<bool>()) {
            let outcomes: Vec<(Outcome, Fact<u32>)> = counts.iter().enumerate()
                .map(|(i, n)| (Outcome::ALL[i], Fact::new(*n, src()))).collect();
            let total: u32 = counts.iter().sum();
            let ex = Exits::new(year(), Measure::DirectTransition, Fact::new(total, src()), outcomes).unwrap();
            let def = OutcomeDefinition::work_or_education(incl, src());
            let all = OutcomeDefinition::of("all", &Outcome::ALL, src());
            prop_assert_eq!(ex.count(&all).unwrap().value, total);
            prop_assert!(ex.count(&def).unwrap().value <= total);
            let bad = Exits::new(year(), Measure::DirectTransition, Fact::new(total + 1, src()), ex.outcomes.clone());
            prop_assert!(bad.is_err());
        }

        #[test]
        fn a_rate_recomputed_from_counts_reconciles_with_its_rounding(part in 0u32..1000, extra in 0u32..1000) {
            let whole = part + extra + 1;
            let r = Ratio::of(u64::from(part), u64::from(whole)).unwrap();
            let printed = r.percent(crate::RoundingRule::HalfUp, 0).unwrap();
            let f = PublishedFigure::parse(&format!("{printed} %"), Unit::Percent, src()).unwrap();
            let fit = f.counts_for_share(u64::from(whole), &ReconcilePolicy::default()).unwrap();
            let (lo, hi) = fit.under(crate::RoundingRule::HalfUp).unwrap();
            prop_assert!(lo <= u64::from(part) && u64::from(part) <= hi);
        }
    }
}
