//! Settled persons: counts and dated events, by category, origin and group.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::Period;
use crate::compare;
use crate::error::{Error, Result, add_u32, sum_u32};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::phrase::{Arg, Phrase};
use crate::provenance::{Fact, Source};
use crate::ratio::Ratio;

/// Which quota a settled person counts on.
///
/// # Example
///
/// ```
/// use bosetting::{Category, Fact, Origin, Settled, Source, Year};
///
/// let s = Settled::new(Year::new(2017)?.period())
///     .with_origin(Category::UnaccompaniedMinor, Origin::Resettlement, Fact::new(5, Source::new("sak")));
/// assert_eq!(s.origin_sum(Category::UnaccompaniedMinor)?.value, 5);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "enslige mindreårige")]
#[doc(alias = "kategori")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// The ordinary quota: adults, families, and unaccompanied minors who arrive with an
    /// escorting adult (who count here but still draw the EM grant).
    Ordinary,
    /// Unaccompanied minors (*enslige mindreårige*, EM) settled as such.
    #[doc(alias = "enslig mindreårig")]
    UnaccompaniedMinor,
}

/// Where a settled person came from.
///
/// # Example
///
/// ```
/// use bosetting::{Category, Fact, Origin, Settled, Source, Year};
///
/// let src = || Source::new("IMDi 2016");
/// let s = Settled::new(Year::new(2016)?.period())
///     .with_origin(Category::Ordinary, Origin::Resettlement, Fact::new(2_700, src()))
///     .with_origin(Category::Ordinary, Origin::ReceptionCentre, Fact::new(12_500, src()))
///     .with_origin(Category::Ordinary, Origin::AgreedSelfSettlement, Fact::new(300, src()));
/// assert_eq!(s.origin_total(Origin::Resettlement)?.value, 2_700);
/// assert_eq!(s.origin_sum(Category::Ordinary)?.value, 15_500);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "opprinnelse")]
#[doc(alias = "mottak")]
#[doc(alias = "selvbosetting")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// Resettlement (quota) refugees, straight from camps abroad (*overføringsflyktninger*,
    /// *kvoteflyktninger*).
    #[doc(alias = "kvoteflyktning")]
    #[doc(alias = "overføringsflyktning")]
    Resettlement,
    /// From a Norwegian reception centre (*mottak*).
    #[doc(alias = "mottak")]
    ReceptionCentre,
    /// Agreed self-settlement (*avtalt selvbosetting*).
    #[doc(alias = "avtalt selvbosetting")]
    AgreedSelfSettlement,
    /// Any other way.
    Other,
}

/// Persons of one category from one origin.
///
/// # Example
///
/// ```
/// use bosetting::{Category, Fact, Origin, OriginCount, Settled, Source, Year};
///
/// let mut s = Settled::new(Year::new(2017)?.period());
/// s.by_origin.push(OriginCount { category: Category::UnaccompaniedMinor, origin: Origin::Resettlement, persons: Fact::new(5, Source::new("årsmelding")) });
/// assert_eq!(s.origin_total(Origin::Resettlement)?.value, 5);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OriginCount {
    /// The category.
    pub category: Category,
    /// The origin.
    pub origin: Origin,
    /// How many.
    pub persons: Fact<u32>,
}

/// Persons of a named group (a nationality, "collective protection from Ukraine"): a subset
/// of the settled total.
///
/// # Example
///
/// ```
/// use bosetting::{Fact, GroupCount, Settled, Source, Year};
///
/// let imdi = || Source::new("IMDi, bosatte 2023");
/// let mut s = Settled::new(Year::new(2023)?.period()).with_total(Fact::new(33_701, imdi()));
/// s.by_group.push(GroupCount { group: "Ukraina".into(), persons: Fact::new(29_730, imdi()) });
/// assert_eq!(s.outside_group("Ukraina")?.value, 3_971);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCount {
    /// The group's name.
    pub group: String,
    /// How many of the settled belong to it.
    pub persons: Fact<u32>,
}

/// One dated settlement: persons who arrived in the municipality on one day.
///
/// # Example
///
/// ```
/// use bosetting::{Category, Origin, Settled, SettlementEvent, Source, Year};
/// use chrono::NaiveDate;
///
/// // Two minors from a reception centre, with one escorted minor among three ordinary arrivals.
/// let on = |m, d| NaiveDate::from_ymd_opt(2024, m, d).ok_or("date");
/// let events = vec![
///     SettlementEvent { date: on(3, 4)?, category: Category::UnaccompaniedMinor, origin: Some(Origin::ReceptionCentre),
///         escorted_em: 0, group: None, persons: 2, source: Source::new("register") },
///     SettlementEvent { date: on(6, 10)?, category: Category::Ordinary, origin: Some(Origin::Resettlement),
///         escorted_em: 1, group: None, persons: 3, source: Source::new("register") },
/// ];
/// let s = Settled::from_events(Year::new(2024)?.period(), events)?;
/// assert_eq!((s.total()?.value, s.em_total()?.value, s.ordinary_total()?.value), (5, 2, 3));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "bosetting")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SettlementEvent {
    /// The day.
    pub date: NaiveDate,
    /// The quota they count on.
    pub category: Category,
    /// Where they came from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// Of these, EM who arrived with an escorting adult (only in the ordinary category).
    #[serde(default)]
    pub escorted_em: u32,
    /// A named group, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// How many persons.
    pub persons: u32,
    /// Where it is recorded.
    pub source: Source,
}

/// Refugees settled in a period, as a municipality or IMDi reports them.
///
/// Any of the total, the ordinary count and the EM count may be stated; the others are
/// derived, and stated figures that contradict each other are an error. Family-reunified
/// persons are never part of these counts (see [`crate::FamilyReunification`]).
///
/// # Example
///
/// ```
/// use bosetting::{Fact, Period, Settled, Source, Year};
///
/// let src = || Source::new("Stavanger årsrapport 2017");
/// let settled = Settled::new(Year::new(2017)?.period())
///     .with_ordinary(Fact::new(253, src()))
///     .with_em(Fact::new(26, src()))
///     .validated()?;
/// assert_eq!(settled.total()?.value, 279);
///
/// let contradictory = Settled::new(Year::new(2017)?.period())
///     .with_total(Fact::new(270, src()))
///     .with_ordinary(Fact::new(253, src()))
///     .with_em(Fact::new(26, src()))
///     .validated();
/// assert!(contradictory.is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "bosatte")]
#[doc(alias = "bosetting")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settled {
    /// The period the counts cover ("per 1. tertial" is 1 January to 30 April).
    pub period: Period,
    /// Stated total.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<Fact<u32>>,
    /// Stated count on the ordinary quota (escorted EM included).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ordinary: Option<Fact<u32>>,
    /// Stated count of EM settled as EM.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<Fact<u32>>,
    /// Of the ordinary count, EM who arrived with an escorting adult.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub escorted_em: Option<Fact<u32>>,
    /// Counts by category and origin.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_origin: Vec<OriginCount>,
    /// Counts of named groups.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_group: Vec<GroupCount>,
    /// Dated events, if the counts come from a register.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<SettlementEvent>,
}

impl Settled {
    /// No counts yet, for `period`.
    pub fn new(period: Period) -> Settled {
        Settled {
            period,
            total: None,
            ordinary: None,
            em: None,
            escorted_em: None,
            by_origin: Vec::new(),
            by_group: Vec::new(),
            events: Vec::new(),
        }
    }

    /// With a stated total.
    pub fn with_total(mut self, n: Fact<u32>) -> Settled {
        self.total = Some(n);
        self
    }

    /// With a stated ordinary count.
    pub fn with_ordinary(mut self, n: Fact<u32>) -> Settled {
        self.ordinary = Some(n);
        self
    }

    /// With a stated EM count.
    pub fn with_em(mut self, n: Fact<u32>) -> Settled {
        self.em = Some(n);
        self
    }

    /// With a count of escorted EM (part of the ordinary count).
    pub fn with_escorted_em(mut self, n: Fact<u32>) -> Settled {
        self.escorted_em = Some(n);
        self
    }

    /// With a count by category and origin.
    pub fn with_origin(mut self, category: Category, origin: Origin, n: Fact<u32>) -> Settled {
        self.by_origin.push(OriginCount {
            category,
            origin,
            persons: n,
        });
        self
    }

    /// With a count of a named group.
    pub fn with_group(mut self, group: impl Into<String>, n: Fact<u32>) -> Settled {
        self.by_group.push(GroupCount {
            group: group.into(),
            persons: n,
        });
        self
    }

    /// Counts built from dated events: the total, the categories, the escorted EM and the
    /// origins are summed from the events, each sum sourced to the events it came from.
    ///
    /// # Errors
    ///
    /// [`Error::DateOutsidePeriod`] for an event outside `period`;
    /// [`Error::PartExceedsWhole`] for an event with more escorted EM than persons, or
    /// escorted EM outside the ordinary category; [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Category, Settled, SettlementEvent, Source, Year};
    /// use bosetting::chrono::NaiveDate;
    ///
    /// let year = Year::new(2024)?.period();
    /// let event = |month, persons| -> Result<SettlementEvent, Box<dyn std::error::Error>> {
    ///     Ok(SettlementEvent {
    ///         date: NaiveDate::from_ymd_opt(2024, month, 15).ok_or("no such date")?,
    ///         category: Category::Ordinary, origin: None, escorted_em: 0, group: None,
    ///         persons, source: Source::new("bosettingslogg"),
    ///     })
    /// };
    /// let s = Settled::from_events(year, vec![event(2, 5)?, event(6, 7)?])?;
    /// assert_eq!(s.total()?.value, 12);
    /// let by_april = NaiveDate::from_ymd_opt(2024, 4, 30).ok_or("no such date")?;
    /// assert_eq!(s.settled_by(by_april)?.value, 5);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_events(period: Period, events: Vec<SettlementEvent>) -> Result<Settled> {
        let mut s = Settled::new(period);
        let mut ordinary = 0u32;
        let mut em = 0u32;
        let mut escorted = 0u32;
        let mut origins: BTreeMap<(Category, Origin), u32> = BTreeMap::new();
        let mut groups: BTreeMap<String, u32> = BTreeMap::new();
        for (i, e) in events.iter().enumerate() {
            period.require(&format!("settlement event[{i}] date"), e.date)?;
            if e.escorted_em > e.persons {
                return Err(Error::exceeds(
                    format!("settlement event[{i}] escorted EM"),
                    e.escorted_em,
                    format!("settlement event[{i}] persons"),
                    e.persons,
                ));
            }
            if e.escorted_em > 0 && e.category != Category::Ordinary {
                return Err(Error::invalid(
                    format!("settlement event[{i}] escorted EM"),
                    e.escorted_em,
                    "escorted EM count on the ordinary quota",
                ));
            }
            match e.category {
                Category::Ordinary => ordinary = add_u32(ordinary, e.persons, "settled")?,
                Category::UnaccompaniedMinor => em = add_u32(em, e.persons, "settled EM")?,
            }
            escorted = add_u32(escorted, e.escorted_em, "escorted EM")?;
            if let Some(o) = e.origin {
                let slot = origins.entry((e.category, o)).or_insert(0);
                *slot = add_u32(*slot, e.persons, "settled by origin")?;
            }
            if let Some(g) = &e.group {
                let slot = groups.entry(g.clone()).or_insert(0);
                *slot = add_u32(*slot, e.persons, "settled by group")?;
            }
        }
        let src = Source::new(format!("{} settlement events, {period}", events.len()));
        s.ordinary = Some(Fact::new(ordinary, src.clone()));
        s.em = Some(Fact::new(em, src.clone()));
        if escorted > 0 {
            s.escorted_em = Some(Fact::new(escorted, src.clone()));
        }
        s.by_origin = origins
            .into_iter()
            .map(|((category, origin), n)| OriginCount {
                category,
                origin,
                persons: Fact::new(n, src.clone()),
            })
            .collect();
        s.by_group = groups
            .into_iter()
            .map(|(group, n)| GroupCount {
                group,
                persons: Fact::new(n, src.clone()),
            })
            .collect();
        s.events = events;
        Ok(s)
    }

    /// Checks that the stated figures agree, and returns them.
    ///
    /// # Errors
    ///
    /// [`Error::SumMismatch`] if ordinary + EM is not the stated total, or the origins of a
    /// category do not sum to its count; [`Error::PartExceedsWhole`] if a part exceeds its
    /// whole (EM above the total, escorted EM above the ordinary count, a group above the
    /// total); [`Error::DateOutsidePeriod`] for an event outside the period.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("årsrapport");
    /// let s = Settled::new(Year::new(2020)?.period()).with_total(Fact::new(10, src()));
    /// assert!(s.clone().with_em(Fact::new(12, src())).validated().is_err()); // 12 EM of 10 in all
    /// assert!(s.with_em(Fact::new(4, src())).validated().is_ok());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validated(self) -> Result<Settled> {
        self.validate()?;
        Ok(self)
    }

    /// See [`Settled::validated`].
    ///
    /// # Errors
    ///
    /// As [`Settled::validated`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("årsrapport");
    /// let s = Settled::new(Year::new(2020)?.period())
    ///     .with_total(Fact::new(41, src()))
    ///     .with_ordinary(Fact::new(30, src()))
    ///     .with_em(Fact::new(12, src())); // 30 + 12 is not 41
    /// assert!(s.validate().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        let get = |f: &Option<Fact<u32>>| f.as_ref().map(|f| f.value);
        if let (Some(t), Some(o), Some(e)) = (get(&self.total), get(&self.ordinary), get(&self.em))
        {
            let sum = add_u32(o, e, "settled")?;
            if sum != t {
                return Err(Error::SumMismatch {
                    field: "settled".into(),
                    parts: format!("ordinary {o} + EM {e}"),
                    sum: sum.to_string(),
                    total: t.to_string(),
                });
            }
        }
        if let Some(t) = get(&self.total) {
            for (name, part) in [("ordinary", get(&self.ordinary)), ("EM", get(&self.em))] {
                if let Some(p) = part.filter(|p| *p > t) {
                    return Err(Error::exceeds(
                        format!("settled {name}"),
                        p,
                        "settled total",
                        t,
                    ));
                }
            }
        }
        if let Some(esc) = get(&self.escorted_em) {
            let whole = get(&self.ordinary).or(get(&self.total));
            if let Some(w) = whole.filter(|w| esc > *w) {
                return Err(Error::exceeds(
                    "escorted EM",
                    esc,
                    "settled on the ordinary quota",
                    w,
                ));
            }
        }
        for cat in [Category::Ordinary, Category::UnaccompaniedMinor] {
            let parts: Vec<u32> = self
                .by_origin
                .iter()
                .filter(|o| o.category == cat)
                .map(|o| o.persons.value)
                .collect();
            if parts.is_empty() {
                continue;
            }
            let sum = sum_u32(parts.iter().copied(), "settled by origin")?;
            let stated = match cat {
                Category::Ordinary => self.ordinary_count()?,
                Category::UnaccompaniedMinor => self.em_count()?,
            };
            if let Some(whole) = stated {
                if sum != whole {
                    return Err(Error::SumMismatch {
                        field: format!("settled {} by origin", category_name(cat)),
                        parts: parts
                            .iter()
                            .map(u32::to_string)
                            .collect::<Vec<_>>()
                            .join(" + "),
                        sum: sum.to_string(),
                        total: whole.to_string(),
                    });
                }
            }
        }
        if let Ok(Some(total)) = self.total_count() {
            for g in &self.by_group {
                if g.persons.value > total {
                    return Err(Error::exceeds(
                        format!("settled in group {:?}", g.group),
                        g.persons.value,
                        "settled total",
                        total,
                    ));
                }
            }
        }
        for (i, e) in self.events.iter().enumerate() {
            self.period
                .require(&format!("settlement event[{i}] date"), e.date)?;
        }
        Ok(())
    }

    fn total_count(&self) -> Result<Option<u32>> {
        if let Some(t) = &self.total {
            return Ok(Some(t.value));
        }
        match (&self.ordinary, &self.em) {
            (Some(o), Some(e)) => Ok(Some(add_u32(o.value, e.value, "settled")?)),
            _ => Ok(None),
        }
    }

    fn ordinary_count(&self) -> Result<Option<u32>> {
        if let Some(o) = &self.ordinary {
            return Ok(Some(o.value));
        }
        Ok(match (&self.total, &self.em) {
            (Some(t), Some(e)) => t.value.checked_sub(e.value),
            _ => None,
        })
    }

    fn em_count(&self) -> Result<Option<u32>> {
        if let Some(e) = &self.em {
            return Ok(Some(e.value));
        }
        Ok(match (&self.total, &self.ordinary) {
            (Some(t), Some(o)) => t.value.checked_sub(o.value),
            _ => None,
        })
    }

    /// Persons settled in all, stated or derived as ordinary + EM.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if neither the total nor both categories are stated.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("årsmelding");
    /// let s = Settled::new(Year::new(2017)?.period())
    ///     .with_ordinary(Fact::new(83, src()))
    ///     .with_em(Fact::new(15, src()));
    /// assert_eq!(s.total()?.value, 98); // derived: ordinary + EM
    /// assert_eq!((s.ordinary_total()?.value, s.em_total()?.value), (83, 15));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn total(&self) -> Result<Derived<u32>> {
        if let Some(t) = &self.total {
            return Ok(Derived::new(t.value, t.explain("settled", Unit::Persons)));
        }
        match (&self.ordinary, &self.em) {
            (Some(o), Some(e)) => {
                let v = add_u32(o.value, e.value, "settled")?;
                Ok(Derived::new(
                    v,
                    Explanation::derived(
                        "settled",
                        Quantity::persons(v),
                        "ordinary + EM",
                        vec![
                            o.explain("settled, ordinary quota", Unit::Persons),
                            e.explain("settled, EM", Unit::Persons),
                        ],
                    ),
                ))
            }
            _ => Err(Error::not_computable(
                "settled total",
                "neither a total nor both the ordinary and the EM count",
            )),
        }
    }

    /// Persons settled on the ordinary quota, stated or derived as total − EM.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if it cannot be derived.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    /// // Derived: total − EM.
    /// let s = Settled::new(period).with_total(Fact::new(279, src())).with_em(Fact::new(26, src()));
    /// assert_eq!(s.ordinary_total()?.value, 253);
    /// // A total alone does not say how it splits.
    /// assert!(Settled::new(period).with_total(Fact::new(279, src())).ordinary_total().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn ordinary_total(&self) -> Result<Derived<u32>> {
        if let Some(o) = &self.ordinary {
            return Ok(Derived::new(
                o.value,
                o.explain("settled, ordinary quota", Unit::Persons),
            ));
        }
        self.difference(
            "settled, ordinary quota",
            &self.total,
            &self.em,
            "total − EM",
        )
    }

    /// EM settled as EM, stated or derived as total − ordinary.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if it cannot be derived.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    /// // Derived: total − ordinary.
    /// let s = Settled::new(period).with_total(Fact::new(279, src())).with_ordinary(Fact::new(253, src()));
    /// assert_eq!(s.em_total()?.value, 26);
    /// // An ordinary count above the total is refused, not turned into a negative EM count.
    /// let wrong = Settled::new(period).with_total(Fact::new(250, src())).with_ordinary(Fact::new(253, src()));
    /// assert!(wrong.em_total().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn em_total(&self) -> Result<Derived<u32>> {
        if let Some(e) = &self.em {
            return Ok(Derived::new(
                e.value,
                e.explain("settled, EM", Unit::Persons),
            ));
        }
        self.difference(
            "settled, EM",
            &self.total,
            &self.ordinary,
            "total − ordinary",
        )
    }

    fn difference(
        &self,
        label: &'static str,
        whole: &Option<Fact<u32>>,
        part: &Option<Fact<u32>>,
        formula: &'static str,
    ) -> Result<Derived<u32>> {
        match (whole, part) {
            (Some(w), Some(p)) => {
                let v = w
                    .value
                    .checked_sub(p.value)
                    .ok_or_else(|| Error::exceeds("part", p.value, "settled total", w.value))?;
                Ok(Derived::new(
                    v,
                    Explanation::derived(
                        label,
                        Quantity::persons(v),
                        formula,
                        vec![
                            w.explain("settled", Unit::Persons),
                            p.explain("part", Unit::Persons),
                        ],
                    ),
                ))
            }
            _ => Err(Error::not_computable(
                label,
                "the counts needed are not stated",
            )),
        }
    }

    /// Persons settled from `origin` (all categories), summed from the origin counts.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if no count has that origin.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    /// use bosetting::{Category, Origin};
    ///
    /// let s = Settled::new(period).with_origin(Category::Ordinary, Origin::Resettlement, Fact::new(40, src()));
    /// // Deprecated: call `origin_total`, which gives the same.
    /// #[allow(deprecated)]
    /// let old = s.from_origin(Origin::Resettlement)?.value;
    /// assert_eq!(old, s.origin_total(Origin::Resettlement)?.value);
    /// #[allow(deprecated)]
    /// let none = s.from_origin(Origin::ReceptionCentre);
    /// assert!(none.is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "renamed origin_total (a query, not a constructor)"
    )]
    pub fn from_origin(&self, origin: Origin) -> Result<Derived<u32>> {
        self.origin_total(origin)
    }

    /// Persons settled from `origin` (all categories), summed from the origin counts.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if no count has that origin.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Category, Fact, Origin, Settled, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let s = Settled::new(Year::new(2017)?.period())
    ///     .with_origin(Category::Ordinary, Origin::Resettlement, Fact::new(40, src()))
    ///     .with_origin(Category::UnaccompaniedMinor, Origin::Resettlement, Fact::new(5, src()))
    ///     .with_origin(Category::Ordinary, Origin::ReceptionCentre, Fact::new(38, src()));
    /// assert_eq!(s.origin_total(Origin::Resettlement)?.value, 45);
    /// assert_eq!(s.origin_sum(Category::Ordinary)?.value, 78);
    /// assert!(s.origin_total(Origin::AgreedSelfSettlement).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn origin_total(&self, origin: Origin) -> Result<Derived<u32>> {
        let parts: Vec<&OriginCount> = self
            .by_origin
            .iter()
            .filter(|o| o.origin == origin)
            .collect();
        if parts.is_empty() {
            return Err(Error::not_computable(
                format!("settled from {}", origin_name(origin)),
                "no count by that origin",
            ));
        }
        let v = sum_u32(parts.iter().map(|o| o.persons.value), "settled by origin")?;
        let inputs = parts
            .iter()
            .map(|o| {
                o.persons.explain(
                    Phrase::new("settled, {category}, from {origin}")
                        .with("category", Phrase::new(category_name(o.category)))
                        .with("origin", Phrase::new(origin_name(o.origin))),
                    Unit::Persons,
                )
            })
            .collect::<Vec<_>>();
        Ok(Derived::new(
            v,
            Explanation::combined(
                Phrase::new("settled from {origin}")
                    .with("origin", Phrase::new(origin_name(origin))),
                Quantity::persons(v),
                "sum over categories",
                inputs,
            ),
        ))
    }

    /// The sum of the origin counts of a category, checked against the category's count.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if the category has no origin counts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    /// use bosetting::{Category, Origin};
    ///
    /// let s = Settled::new(period)
    ///     .with_em(Fact::new(26, src()))
    ///     .with_origin(Category::UnaccompaniedMinor, Origin::Resettlement, Fact::new(5, src()))
    ///     .with_origin(Category::UnaccompaniedMinor, Origin::ReceptionCentre, Fact::new(21, src()));
    /// // The origins of the EM add up to the EM count.
    /// assert_eq!(s.origin_sum(Category::UnaccompaniedMinor)?.value, s.em_total()?.value);
    /// assert!(s.origin_sum(Category::Ordinary).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn origin_sum(&self, category: Category) -> Result<Derived<u32>> {
        let parts: Vec<&OriginCount> = self
            .by_origin
            .iter()
            .filter(|o| o.category == category)
            .collect();
        if parts.is_empty() {
            return Err(Error::not_computable(
                format!("settled {} by origin", category_name(category)),
                "no origin counts",
            ));
        }
        let v = sum_u32(parts.iter().map(|o| o.persons.value), "settled by origin")?;
        let formula = Phrase::new("sum over origins: {origins}").with(
            "origins",
            parts
                .iter()
                .map(|o| Phrase::new(origin_name(o.origin)).into())
                .collect::<Vec<Arg>>(),
        );
        Ok(Derived::new(
            v,
            Explanation::derived(
                Phrase::new("settled {category} by origin")
                    .with("category", Phrase::new(category_name(category))),
                Quantity::persons(v),
                formula,
                parts
                    .iter()
                    .map(|o| {
                        o.persons.explain(
                            Phrase::new("from {origin}")
                                .with("origin", Phrase::new(origin_name(o.origin))),
                            Unit::Persons,
                        )
                    })
                    .collect(),
            ),
        ))
    }

    fn group_count(&self, group: &str) -> Result<&GroupCount> {
        self.by_group
            .iter()
            .find(|g| g.group == group)
            .ok_or_else(|| {
                Error::not_computable(
                    format!("settled in group {group:?}"),
                    "no count for that group",
                )
            })
    }

    /// The share of the settled who belong to `group` (Ukraine: 29 730 of 33 701).
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the group or a total.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Ratio, Settled, Source, Year};
    ///
    /// let imdi = || Source::new("IMDi, bosatte 2023");
    /// let s = Settled::new(Year::new(2023)?.period())
    ///     .with_total(Fact::new(33_701, imdi()))
    ///     .with_group("Ukraina", Fact::new(29_730, imdi()));
    /// assert_eq!(s.group_share("Ukraina")?.value, Ratio::of(29_730, 33_701)?);
    /// assert_eq!(s.outside_group("Ukraina")?.value, 3_971);
    /// assert!(s.group_share("Syria").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn group_share(&self, group: &str) -> Result<Derived<Ratio>> {
        let g = self.group_count(group)?;
        let part = Derived::new(
            g.persons.value,
            g.persons
                .explain(group_phrase("settled, {group}", group), Unit::Persons),
        );
        compare::share(
            group_phrase("share of the settled from {group}", group),
            &part,
            &self.total()?,
            "group / settled",
        )
    }

    /// The settled who do not belong to `group`.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the group or a total.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Fact, Settled, Source, Year};
    ///
    /// let src = || Source::new("Stavanger årsrapport 2017");
    /// let period = Year::new(2017)?.period();
    /// let s = Settled::new(period)
    ///     .with_total(Fact::new(279, src()))
    ///     .with_group("Syria", Fact::new(180, src()));
    /// assert_eq!(s.outside_group("Syria")?.value, 99);
    /// assert!(s.outside_group("Eritrea").is_err());
    /// // A group larger than the total is refused.
    /// let wrong = Settled::new(period).with_total(Fact::new(10, src())).with_group("Syria", Fact::new(11, src()));
    /// assert!(wrong.outside_group("Syria").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn outside_group(&self, group: &str) -> Result<Derived<u32>> {
        let g = self.group_count(group)?;
        let t = self.total()?;
        let v = t.value.checked_sub(g.persons.value).ok_or_else(|| {
            Error::exceeds(
                format!("settled in group {group:?}"),
                g.persons.value,
                "settled total",
                t.value,
            )
        })?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                group_phrase("settled, not from {group}", group),
                Quantity::persons(v),
                "settled − group",
                vec![
                    t.explanation,
                    g.persons
                        .explain(group_phrase("settled, {group}", group), Unit::Persons),
                ],
            ),
        ))
    }

    /// Persons settled up to and including `date`, from the dated events.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if there are no events.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Category, Settled, SettlementEvent, Source, Year};
    /// use chrono::NaiveDate;
    ///
    /// let d = |m, dd| NaiveDate::from_ymd_opt(2024, m, dd).ok_or("date");
    /// let event = |date, persons| SettlementEvent {
    ///     date, category: Category::Ordinary, origin: None, escorted_em: 0, group: None, persons,
    ///     source: Source::new("bosettingsregister"),
    /// };
    /// let s = Settled::from_events(Year::new(2024)?.period(), vec![event(d(2, 1)?, 4), event(d(5, 15)?, 6)])?;
    /// assert_eq!(s.settled_by(d(4, 30)?)?.value, 4);
    /// // The day itself counts.
    /// assert_eq!(s.settled_by(d(5, 15)?)?.value, 10);
    /// // Counts without dated events say nothing about a date.
    /// assert!(Settled::new(Year::new(2024)?.period()).settled_by(d(4, 30)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn settled_by(&self, date: NaiveDate) -> Result<Derived<u32>> {
        if self.events.is_empty() {
            return Err(Error::not_computable(
                format!("settled by {date}"),
                "no dated settlement events",
            ));
        }
        let v = sum_u32(
            self.events
                .iter()
                .filter(|e| e.date <= date)
                .map(|e| e.persons),
            "settled by date",
        )?;
        let n = self.events.iter().filter(|e| e.date <= date).count();
        Ok(Derived::new(
            v,
            Explanation::derived(
                Phrase::new("settled by {date}").with("date", date),
                Quantity::persons(v),
                Phrase::new("sum of the {n} settlement events up to {date}")
                    .with(
                        "n",
                        Quantity::count(i64::try_from(n).unwrap_or(i64::MAX), Unit::Count),
                    )
                    .with("date", date),
                Vec::new(),
            ),
        ))
    }
}

/// A phrase naming a group the document names (the group's name is its own words).
fn group_phrase(id: &'static str, group: &str) -> Phrase {
    Phrase::new(id).with("group", Arg::verbatim(group))
}

pub(crate) fn category_name(c: Category) -> &'static str {
    match c {
        Category::Ordinary => "ordinary quota",
        Category::UnaccompaniedMinor => "EM",
    }
}

pub(crate) fn origin_name(o: Origin) -> &'static str {
    match o {
        Origin::Resettlement => "resettlement (quota refugees)",
        Origin::ReceptionCentre => "reception centres",
        Origin::AgreedSelfSettlement => "agreed self-settlement",
        Origin::Other => "other",
    }
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
    use proptest::prelude::*;

    fn f(n: u32) -> Fact<u32> {
        Fact::new(n, Source::new("test"))
    }

    fn year() -> Period {
        Year::new(2017).unwrap().period()
    }

    #[test]
    fn stavanger_origins_sum() {
        let s = Settled::new(year())
            .with_ordinary(f(253))
            .with_em(f(26))
            .with_origin(Category::Ordinary, Origin::Resettlement, f(94))
            .with_origin(Category::Ordinary, Origin::ReceptionCentre, f(159))
            .validated()
            .unwrap();
        assert_eq!(s.total().unwrap().value, 279);
        assert_eq!(s.origin_sum(Category::Ordinary).unwrap().value, 253);
        let bad = Settled::new(year())
            .with_ordinary(f(253))
            .with_origin(Category::Ordinary, Origin::Resettlement, f(94))
            .with_origin(Category::Ordinary, Origin::ReceptionCentre, f(150))
            .validated()
            .unwrap_err();
        assert_eq!(
            bad.to_string(),
            "settled ordinary quota by origin: the parts 94 + 150 sum to 244, but the stated total is 253"
        );
    }

    #[test]
    fn derived_categories() {
        let s = Settled::new(year())
            .with_total(f(70))
            .with_em(f(2))
            .validated()
            .unwrap();
        assert_eq!(s.ordinary_total().unwrap().value, 68);
        assert!(
            Settled::new(year())
                .with_total(f(1))
                .with_em(f(2))
                .validated()
                .is_err()
        );
        assert!(
            Settled::new(year())
                .with_total(f(5))
                .with_escorted_em(f(6))
                .validated()
                .is_err()
        );
        assert!(Settled::new(year()).with_total(f(41)).em_total().is_err());
    }

    #[test]
    fn events_outside_the_period_are_refused() {
        let e = SettlementEvent {
            date: NaiveDate::from_ymd_opt(2018, 1, 1).unwrap(),
            category: Category::Ordinary,
            origin: None,
            escorted_em: 0,
            group: None,
            persons: 3,
            source: Source::new("register"),
        };
        let err = Settled::from_events(year(), vec![e]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "settlement event[0] date 2018-01-01 is outside 2017-01-01 to 2017-12-31"
        );
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn category_sums_equal_totals(events in proptest::collection::vec((0u32..365, any::<bool>(), 0usize..4, 1u32..20), 0..60)) {
            let start = NaiveDate::from_ymd_opt(2017, 1, 1).unwrap();
            let origins = [Origin::Resettlement, Origin::ReceptionCentre, Origin::AgreedSelfSettlement, Origin::Other];
            let evs: Vec<SettlementEvent> = events.iter().map(|&(d, em, o, n)| SettlementEvent {
                date: start + chrono::Days::new(u64::from(d)),
                category: if em { Category::UnaccompaniedMinor } else { Category::Ordinary },
                origin: Some(origins[o]),
                escorted_em: 0,
                group: None,
                persons: n,
                source: Source::new("register"),
            }).collect();
            let all: u32 = evs.iter().map(|e| e.persons).sum();
            let s = Settled::from_events(year(), evs).unwrap().validated().unwrap();
            prop_assert_eq!(s.total().unwrap().value, all);
            let by_origin: u32 = s.by_origin.iter().map(|o| o.persons.value).sum();
            prop_assert_eq!(by_origin, all);
            prop_assert_eq!(s.settled_by(NaiveDate::from_ymd_opt(2017, 12, 31).unwrap()).map(|d| d.value).unwrap_or(0), all);
        }
    }
}
