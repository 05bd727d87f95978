//! IMDi's request and the council's decisions for one municipality and year.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::calendar::{Period, Year};
use crate::error::{Error, Result, add_u32, sum_u32};
use crate::explain::{Explanation, Quantity, Unit};
use crate::phrase::Phrase;
use crate::provenance::Source;

/// The numbers of one request or revision: the total and the part for unaccompanied minors.
///
/// # Example
///
/// ```
/// use bosetting::{Request, RequestFigures, Source, Year};
///
/// let original = RequestFigures { total: Some(85), em: Some(10), date: None, source: Source::new("IMDi") };
/// let r = Request::new(Year::new(2020)?, original)?;
/// assert_eq!((r.original_total(), r.original_em()), (Some(85), Some(10)));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "anmodning")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestFigures {
    /// Persons requested in all, EM included. `None` in a revision that changes only the EM
    /// part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u32>,
    /// Of these, unaccompanied minors (*enslige mindreårige*).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<u32>,
    /// When IMDi sent it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Where it is documented.
    pub source: Source,
}

/// IMDi's request (*anmodning*) to a municipality for one year, with every revision kept.
///
/// A request for year *Y* is usually sent during *Y − 1* and may be revised, down or up, until
/// the end of *Y* (Stavanger's 2017 request was revised twice in the fourth quarter of 2016;
/// Drammen's 2022 request went from 58 to 310 for refugees from Ukraine). Dated revisions must
/// fall in that window and in order.
///
/// # Example
///
/// ```
/// use bosetting::{Request, RequestFigures, Source, Year};
///
/// let src = || Source::new("Drammen, sak 31.01.2024");
/// let mut r = Request::new(Year::new(2023)?, RequestFigures {
///     total: Some(360), em: None, date: None, source: src(),
/// })?;
/// r.revise(RequestFigures { total: Some(430), em: None, date: None, source: src() })?;
/// assert_eq!(r.original_total(), Some(360));
/// assert_eq!(r.current_total(), Some(430));
/// assert_eq!(r.history().len(), 2);
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// Its year is private, so no program can move a request to a year its dates are outside:
///
/// ```compile_fail,E0616
/// use bosetting::{Request, RequestFigures, Source, Year};
///
/// let mut r = Request::new(Year::new(2023)?, RequestFigures {
///     total: Some(360), em: None, date: None, source: Source::new("x"),
/// })?;
/// r.year = Year::new(2030)?;
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "anmodning")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "RequestRepr")]
pub struct Request {
    // Private, as are the figures, so that the dates stay in the year's window: a request
    // is built by `new` and `revise`, and read from JSON through the same two.
    year: Year,
    original: RequestFigures,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    revisions: Vec<RequestFigures>,
}

#[derive(Deserialize)]
struct RequestRepr {
    year: Year,
    original: RequestFigures,
    #[serde(default)]
    revisions: Vec<RequestFigures>,
}

impl TryFrom<RequestRepr> for Request {
    type Error = Error;
    fn try_from(r: RequestRepr) -> Result<Request> {
        let mut request = Request::new(r.year, r.original)?;
        for revision in r.revisions {
            request.revise(revision)?;
        }
        Ok(request)
    }
}

impl Request {
    /// The settlement year the request is for.
    pub fn year(&self) -> Year {
        self.year
    }

    /// The original request.
    ///
    /// # Errors
    ///
    /// [`Error::PartExceedsWhole`] if the EM part exceeds the total;
    /// [`Error::DateOutsidePeriod`] if it is dated outside the request window.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Error, Request, RequestFigures, Source, Year};
    ///
    /// let figures = RequestFigures { total: Some(20), em: Some(25), date: None, source: Source::new("IMDi") };
    /// assert!(matches!(Request::new(Year::new(2024)?, figures), Err(Error::PartExceedsWhole { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn new(year: Year, original: RequestFigures) -> Result<Request> {
        let r = Request {
            year,
            original,
            revisions: Vec::new(),
        };
        r.check(&r.original, "request")?;
        Ok(r)
    }

    /// The period in which a request for the year can be sent or revised: from 1 January of
    /// the year before to 31 December of the year itself.
    pub fn window(&self) -> Period {
        let start = self
            .year
            .offset(-1)
            .map_or(self.year.first_day(), |y| y.first_day());
        Period::new(start, self.year.last_day()).unwrap_or(self.year.period())
    }

    fn check(&self, f: &RequestFigures, field: &str) -> Result<()> {
        if let Some(d) = f.date {
            self.window().require(&format!("{field} date"), d)?;
        }
        let total = f.total.or_else(|| self.current_total());
        let em = f.em.or_else(|| self.current_em());
        if let (Some(t), Some(e)) = (total, em) {
            if e > t {
                return Err(Error::exceeds(
                    format!("{field} EM part"),
                    e,
                    format!("{field} total"),
                    t,
                ));
            }
        }
        Ok(())
    }

    /// Records a revision; earlier figures stay in the history.
    ///
    /// # Errors
    ///
    /// As [`Request::new`], and [`Error::InvalidValue`] for a revision dated before the
    /// previous dated one, or one that changes nothing.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Request, RequestFigures, Source, Year};
    ///
    /// let em_only = |em| RequestFigures { total: None, em: Some(em), date: None, source: Source::new("IMDi") };
    /// let mut r = Request::new(Year::new(2017)?, RequestFigures { total: Some(110), ..em_only(30) })?;
    /// r.revise(em_only(20))?; // the EM part revised down, the total kept
    /// assert_eq!((r.current_total(), r.current_em(), r.original_em()), (Some(110), Some(20), Some(30)));
    /// assert!(r.revise(RequestFigures { em: None, ..em_only(0) }).is_err()); // changes nothing
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn revise(&mut self, revision: RequestFigures) -> Result<()> {
        if revision.total.is_none() && revision.em.is_none() {
            return Err(Error::invalid(
                "request revision",
                "(empty)",
                "a revision must change the total or the EM part",
            ));
        }
        self.check(&revision, "revised request")?;
        if let (Some(d), Some(prev)) = (
            revision.date,
            self.history().iter().rev().find_map(|f| f.date),
        ) {
            if d < prev {
                return Err(Error::invalid(
                    "revised request date",
                    d,
                    format!("it is before the previous revision of {prev}"),
                ));
            }
        }
        self.revisions.push(revision);
        Ok(())
    }

    /// The original request and its revisions, in order.
    pub fn history(&self) -> Vec<&RequestFigures> {
        std::iter::once(&self.original)
            .chain(self.revisions.iter())
            .collect()
    }

    /// The original request.
    pub fn original(&self) -> &RequestFigures {
        &self.original
    }

    /// The revisions, in order.
    pub fn revisions(&self) -> &[RequestFigures] {
        &self.revisions
    }

    /// The original total.
    pub fn original_total(&self) -> Option<u32> {
        self.original.total
    }

    /// The current total: the last revision's, or the original's.
    pub fn current_total(&self) -> Option<u32> {
        self.history().iter().rev().find_map(|f| f.total)
    }

    /// The original EM part.
    pub fn original_em(&self) -> Option<u32> {
        self.original.em
    }

    /// The current EM part.
    pub fn current_em(&self) -> Option<u32> {
        self.history().iter().rev().find_map(|f| f.em)
    }

    /// Whether the request was revised.
    pub fn is_revised(&self) -> bool {
        !self.revisions.is_empty()
    }

    /// The current total, explained by its history.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if no figure has a total.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Request, RequestFigures, Source, Year};
    ///
    /// let src = Source::new("IMDi, anmodning 2020").quote("anmoder om å bosette 74");
    /// let r = Request::new(Year::new(2020)?, RequestFigures { total: Some(74), em: None, date: None, source: src })?;
    /// let e = r.explain_current()?;
    /// assert_eq!(e.value.to_string(), "74 persons");
    /// assert_eq!(e.sources().len(), 1);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn explain_current(&self) -> Result<Explanation> {
        self.explain_part("request", |f| f.total)
    }

    /// The current EM part, explained by its history.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if no figure has an EM part.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Request, RequestFigures, Source, Year};
    ///
    /// let src = || Source::new("IMDi, anmodning 2017");
    /// let mut r = Request::new(Year::new(2017)?, RequestFigures { total: Some(300), em: Some(30), date: None, source: src() })?;
    /// // A revision of the EM part only.
    /// r.revise(RequestFigures { total: None, em: Some(20), date: None, source: src() })?;
    /// assert_eq!(r.explain_current_em()?.value.to_string(), "20 persons");
    ///
    /// let no_em = Request::new(Year::new(2017)?, RequestFigures { total: Some(300), em: None, date: None, source: src() })?;
    /// assert!(no_em.explain_current_em().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn explain_current_em(&self) -> Result<Explanation> {
        self.explain_part("request, EM part", |f| f.em)
    }

    /// The original total as an input.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if the original has no total.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Request, RequestFigures, Source, Year};
    ///
    /// let src = |q: &str| Source::new("Drammen, sak 31.01.2024").quote(q);
    /// let mut r = Request::new(Year::new(2023)?, RequestFigures { total: Some(360), em: None, date: None, source: src("anmodet om 360") })?;
    /// r.revise(RequestFigures { total: Some(430), em: None, date: None, source: src("økt til 430") })?;
    /// // The original stays an input with its own quote, however often the request is revised.
    /// let original = r.explain_original()?;
    /// assert_eq!(original.value.to_string(), "360 persons");
    /// assert_eq!(original.sources()[0].quote.as_deref(), Some("anmodet om 360"));
    ///
    /// let em_only = Request::new(Year::new(2023)?, RequestFigures { total: None, em: Some(10), date: None, source: src("10 EM") })?;
    /// assert!(em_only.explain_original().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn explain_original(&self) -> Result<Explanation> {
        let t = self
            .original
            .total
            .ok_or_else(|| Error::not_computable("original request", "no total"))?;
        Ok(Explanation::input(
            "original request",
            Quantity::persons(t),
            self.original.source.clone(),
        ))
    }

    fn explain_part(
        &self,
        label: &'static str,
        pick: impl Fn(&RequestFigures) -> Option<u32>,
    ) -> Result<Explanation> {
        let steps: Vec<(&RequestFigures, u32)> = self
            .history()
            .into_iter()
            .filter_map(|f| pick(f).map(|v| (f, v)))
            .collect();
        let Some((last, value)) = steps.last().copied() else {
            return Err(Error::not_computable(
                label,
                "the request has no such figure",
            ));
        };
        if steps.len() == 1 {
            return Ok(Explanation::input(
                label,
                Quantity::persons(value),
                last.source.clone(),
            ));
        }
        let inputs = steps
            .iter()
            .enumerate()
            .map(|(i, (f, v))| {
                let what = if i == 0 {
                    Phrase::new("original")
                } else {
                    Phrase::new("revision {n}").with("n", i)
                };
                Explanation::input(
                    Phrase::new("{label}, {what}")
                        .with("label", Phrase::new(label))
                        .with("what", what),
                    Quantity::persons(*v),
                    f.source.clone(),
                )
            })
            .collect();
        Ok(Explanation::derived(
            Phrase::new("{label}, current").with("label", Phrase::new(label)),
            Quantity::persons(value),
            "the latest revision replaces the earlier figures",
            inputs,
        ))
    }
}

/// How many places a decision gives: a number, an upper bound ("inntil 700") or a range.
///
/// # Example
///
/// ```
/// use bosetting::Places;
///
/// let range = Places::Range { min: 20, max: 30 };
/// assert_eq!((range.min(), range.max(), range.to_string()), (20, 30, "20–30".to_owned()));
/// assert_eq!(Places::UpTo(60).min(), 0);
/// ```
#[doc(alias = "vedtaksplasser")]
#[doc(alias = "inntil")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Places {
    /// Exactly this many.
    Exactly(u32),
    /// Up to this many.
    UpTo(u32),
    /// From `min` to `max`.
    Range {
        /// The least.
        min: u32,
        /// The most.
        max: u32,
    },
}

impl Places {
    /// The most the decision allows: the number the model measures fulfilment against.
    pub fn max(self) -> u32 {
        match self {
            Places::Exactly(n) | Places::UpTo(n) => n,
            Places::Range { max, .. } => max,
        }
    }

    /// The least the decision commits to.
    pub fn min(self) -> u32 {
        match self {
            Places::Exactly(n) => n,
            Places::UpTo(_) => 0,
            Places::Range { min, .. } => min,
        }
    }

    fn checked_add(self, other: Places) -> Result<Places> {
        let what = "decided places";
        Ok(match (self, other) {
            (Places::Exactly(a), Places::Exactly(b)) => Places::Exactly(add_u32(a, b, what)?),
            (a, b) => Places::Range {
                min: add_u32(a.min(), b.min(), what)?,
                max: add_u32(a.max(), b.max(), what)?,
            },
        })
    }

    fn validate(self) -> Result<Places> {
        if let Places::Range { min, max } = self {
            if min > max {
                return Err(Error::invalid(
                    "decided places",
                    format!("{min}–{max}"),
                    "the range's minimum is above its maximum",
                ));
            }
        }
        Ok(self)
    }
}

impl fmt::Display for Places {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Places::Exactly(n) => write!(f, "{n}"),
            Places::UpTo(n) => write!(f, "up to {n}"),
            Places::Range { min, max } => write!(f, "{min}–{max}"),
        }
    }
}

/// An age band for EM places ("15–18 år", "under 15"), both ages included.
///
/// Its ages are private, so no program can write a band that runs backwards:
///
/// ```compile_fail,E0451
/// use bosetting::AgeBand;
///
/// let b = AgeBand { min_age: 18, max_age: 15 };
/// ```
#[doc(alias = "aldersgruppe")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct AgeBand {
    // Private so that no band runs backwards: built by the checked `new`, read through the
    // getters of the same names.
    min_age: u8,
    max_age: u8,
}

deserialize_through!(AgeBand::new {
    min_age: u8,
    max_age: u8,
});

impl AgeBand {
    /// The ages `min_age` to `max_age`, both included ("under 15" is 0 to 14).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `min_age` is above `max_age`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::AgeBand;
    ///
    /// let b = AgeBand::new(15, 17)?;
    /// assert_eq!((b.min_age(), b.max_age()), (15, 17));
    /// assert_eq!(b.to_string(), "15–17");
    /// assert!(AgeBand::new(18, 15).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(min_age: u8, max_age: u8) -> Result<AgeBand> {
        let band = AgeBand { min_age, max_age };
        if min_age > max_age {
            return Err(Error::invalid(
                "EM age band",
                band,
                "the youngest age is above the oldest",
            ));
        }
        Ok(band)
    }

    /// Youngest age in the band.
    pub fn min_age(self) -> u8 {
        self.min_age
    }

    /// Oldest age in the band.
    pub fn max_age(self) -> u8 {
        self.max_age
    }

    /// Whether the two bands share an age.
    pub fn overlaps(self, other: AgeBand) -> bool {
        self.min_age <= other.max_age && other.min_age <= self.max_age
    }
}

/// Prints `15–17`, the youngest and oldest age.
impl fmt::Display for AgeBand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.min_age, self.max_age)
    }
}

/// The part of a decision for unaccompanied minors, optionally split by age band.
///
/// # Example
///
/// ```
/// use bosetting::{AgeBand, Decision, EmPart, Source};
///
/// // "hvorav 10 enslige mindreårige, 4 under 15 år og 6 i alderen 15–17 år".
/// let mut d = Decision::base(50, Source::new("bystyresak 12/24"));
/// d.em = Some(EmPart { places: 10, bands: vec![(AgeBand::new(0, 14)?, 4), (AgeBand::new(15, 17)?, 6)] });
/// assert!(d.validate().is_ok());
/// // Bands that hold more than the EM part are refused.
/// d.em = Some(EmPart { places: 5, bands: vec![(AgeBand::new(15, 17)?, 6)] });
/// assert!(d.validate().is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "hvorav enslige mindreårige")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EmPart {
    /// EM places in all.
    pub places: u32,
    /// Places per age band (need not cover all places).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bands: Vec<(AgeBand, u32)>,
}

/// A condition attached to a decision.
///
/// # Example
///
/// ```
/// use bosetting::{Condition, Decision, Source};
///
/// // "Familiegjenforente kommer i tillegg, inntil 10 personer; et overskytende antall trekkes fra neste år".
/// let mut d = Decision::base(30, Source::new("kommunestyret, sak 40/22"));
/// d.conditions.push(Condition::FamilyOnTop { up_to: Some(10), excess_deducted_next_year: true });
/// d.conditions.push(Condition::Other("bosetting forutsetter egnede boliger".into()));
/// assert!(matches!(d.conditions[0], Condition::FamilyOnTop { up_to: Some(10), .. }));
/// ```
#[doc(alias = "forutsetning")]
#[doc(alias = "vilkår")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
#[non_exhaustive]
pub enum Condition {
    /// Family-reunified persons come on top of the decision, up to `up_to` (no limit if
    /// `None`); an excess is deducted from next year's number if so stated.
    FamilyOnTop {
        /// The most family-reunified persons accepted on top.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        up_to: Option<u32>,
        /// Whether persons beyond `up_to` are deducted from the next year's decision.
        #[serde(default)]
        excess_deducted_next_year: bool,
    },
    /// Any other condition, in the council's words.
    Other(String),
}

/// How a decision relates to earlier ones in the same year.
///
/// # Example
///
/// ```
/// use bosetting::{Decision, DecisionKind, Places, Source, fold_decisions};
///
/// let src = || Source::new("bystyret");
/// let extra = Decision { kind: DecisionKind::Additional, ..Decision::base(10, src()) };
/// // 50, then 10 more.
/// assert_eq!(fold_decisions(&[Decision::base(50, src()), extra.clone()])?.places, Places::Exactly(60));
/// // A replacement sets the number afresh, "85 (58)".
/// let replacing = Decision { kind: DecisionKind::Replacement, ..Decision::base(85, src()) };
/// let outcome = fold_decisions(&[Decision::base(58, src()), replacing])?;
/// assert_eq!((outcome.places, outcome.before_replacement), (Places::Exactly(85), Some(Places::Exactly(58))));
/// // An additional decision cannot come first.
/// assert!(fold_decisions(&[extra]).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "tilleggsvedtak")]
#[doc(alias = "erstatningsvedtak")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// The year's (first) decision.
    Base,
    /// An extra decision on top of the earlier ones (*tilleggsvedtak*): its places are added.
    Additional,
    /// A new decision that replaces the earlier total (a decision revised after a revised
    /// request, printed as "85 (58)").
    Replacement,
}

/// Whether the council has decided.
///
/// # Example
///
/// ```
/// use bosetting::{Decision, DecisionStatus, Places, Source, fold_decisions};
///
/// let adopted = fold_decisions(&[Decision::base(40, Source::new("vedtak"))])?;
/// assert!(adopted.adopted);
/// // The chief executive's proposal, before the council votes.
/// let proposal = Decision { status: DecisionStatus::Proposed, ..Decision::base(40, Source::new("innstilling")) };
/// let outcome = fold_decisions(&[proposal])?;
/// assert_eq!((outcome.places, outcome.adopted), (Places::Exactly(40), false));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "innstilling")]
#[doc(alias = "forslag til vedtak")]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionStatus {
    /// Adopted by the council.
    #[default]
    Adopted,
    /// Proposed to the council (by the chief executive), not yet adopted.
    Proposed,
}

/// A council decision (*vedtak*) on settlement for one year.
///
/// The council decides how many, never who, and whether to take EM; family-reunified persons
/// are never part of the number.
///
/// # Example
///
/// ```
/// use bosetting::{Decision, Places, Source};
///
/// let src = Source::new("bystyresak 45/23").quote("inntil 20 flyktninger, hvorav 5 EM");
/// let d = Decision { places: Places::UpTo(20), ..Decision::base(20, src).with_em(5) };
/// assert_eq!(d.places.to_string(), "up to 20");
/// assert_eq!(d.em.as_ref().map(|em| em.places), Some(5));
/// d.validate()?;
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "vedtak")]
#[doc(alias = "tilleggsvedtak")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Base, additional or replacement.
    pub kind: DecisionKind,
    /// Adopted or proposed.
    #[serde(default)]
    pub status: DecisionStatus,
    /// The places decided (for an additional decision: the places added).
    pub places: Places,
    /// The EM part, if the decision states one (for an additional decision: EM added).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub em: Option<EmPart>,
    /// When it was made: within [`Decision::window`] of the year it is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<NaiveDate>,
    /// Conditions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conditions: Vec<Condition>,
    /// Where it is documented.
    pub source: Source,
}

impl Decision {
    /// An adopted base decision of exactly `places`.
    pub fn base(places: u32, source: Source) -> Decision {
        Decision {
            kind: DecisionKind::Base,
            status: DecisionStatus::Adopted,
            places: Places::Exactly(places),
            em: None,
            date: None,
            conditions: Vec::new(),
            source,
        }
    }

    /// The period in which a decision for `year` can be made: from 1 January of the year
    /// before (councils answer IMDi's request in the autumn) to 31 December of the year
    /// itself (additional and replacing decisions).
    pub fn window(year: Year) -> Period {
        let start = year.offset(-1).map_or(year.first_day(), |y| y.first_day());
        Period::new(start, year.last_day()).unwrap_or(year.period())
    }

    /// With an EM part of `places`.
    pub fn with_em(mut self, places: u32) -> Decision {
        self.em = Some(EmPart {
            places,
            bands: Vec::new(),
        });
        self
    }

    /// Checks the decision on its own.
    ///
    /// # Errors
    ///
    /// [`Error::PartExceedsWhole`] for an EM part larger than the places, or age bands
    /// larger than the EM part; [`Error::InvalidValue`] for a reversed range or age band,
    /// or age bands that overlap.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Source};
    ///
    /// assert!(Decision::base(20, Source::new("vedtak")).with_em(5).validate().is_ok());
    /// assert!(Decision::base(20, Source::new("vedtak")).with_em(25).validate().is_err());
    /// ```
    pub fn validate(&self) -> Result<()> {
        self.places.validate()?;
        if let Some(em) = &self.em {
            if em.places > self.places.max() {
                return Err(Error::exceeds(
                    "decision EM part",
                    em.places,
                    "decided places",
                    self.places,
                ));
            }
            let banded = sum_u32(em.bands.iter().map(|(_, n)| *n), "EM age bands")?;
            if banded > em.places {
                return Err(Error::exceeds(
                    "EM places by age band",
                    banded,
                    "decision EM part",
                    em.places,
                ));
            }
            for (i, (band, _)) in em.bands.iter().enumerate() {
                // A minor in two bands would be counted twice against the EM part.
                if let Some((earlier, _)) = em.bands.iter().take(i).find(|(b, _)| b.overlaps(*band))
                {
                    return Err(Error::invalid(
                        "EM age band",
                        band,
                        format!("it overlaps the band {earlier}; give each age to one band"),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// The decisions of one year folded into what is in force.
///
/// # Example
///
/// ```
/// use bosetting::{Decision, DecisionStatus, Source, fold_decisions};
///
/// let proposed = Decision { status: DecisionStatus::Proposed, ..Decision::base(40, Source::new("innstilling")) };
/// let outcome = fold_decisions(&[proposed])?;
/// assert!(!outcome.adopted); // a proposal is counted, and said to be one
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionOutcome {
    /// Places in force.
    pub places: Places,
    /// EM places in force, if any decision stated them.
    pub em: Option<u32>,
    /// Whether every decision counted is adopted (false if a proposal is included).
    pub adopted: bool,
    /// Places before the last replacement, for figures printed as "85 (58)".
    pub before_replacement: Option<Places>,
}

/// Folds decisions in order: a base or replacement sets the places, an additional decision
/// adds to them.
///
/// # Errors
///
/// [`Error::InvalidValue`] if the first decision is additional or there are none;
/// [`Error::Overflow`] on overflow; any error of [`Decision::validate`].
///
/// # Example
///
/// ```
/// use bosetting::{Decision, DecisionKind, Places, Source, fold_decisions};
///
/// let src = || Source::new("Drammen bystyre");
/// let replaced = Decision { kind: DecisionKind::Replacement, ..Decision::base(85, src()) };
/// let folded = fold_decisions(&[Decision::base(58, src()), replaced])?;
/// assert_eq!(folded.places, Places::Exactly(85));
/// assert_eq!(folded.before_replacement, Some(Places::Exactly(58))); // printed "85 (58)"
/// assert!(fold_decisions(&[]).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
pub fn fold_decisions(decisions: &[Decision]) -> Result<DecisionOutcome> {
    let mut out: Option<DecisionOutcome> = None;
    for (i, d) in decisions.iter().enumerate() {
        d.validate()?;
        let adopted = d.status == DecisionStatus::Adopted;
        out = Some(match (out, d.kind) {
            (None, DecisionKind::Additional) => {
                return Err(Error::invalid(
                    format!("decision[{i}] kind"),
                    "additional",
                    "an additional decision needs an earlier decision to add to",
                ));
            }
            (None, _) => DecisionOutcome {
                places: d.places,
                em: d.em.as_ref().map(|e| e.places),
                adopted,
                before_replacement: None,
            },
            (Some(prev), DecisionKind::Additional) => DecisionOutcome {
                places: prev.places.checked_add(d.places)?,
                em: match (prev.em, d.em.as_ref().map(|e| e.places)) {
                    (Some(a), Some(b)) => Some(add_u32(a, b, "decided EM places")?),
                    (a, b) => a.or(b),
                },
                adopted: prev.adopted && adopted,
                before_replacement: prev.before_replacement,
            },
            (Some(prev), _) => DecisionOutcome {
                places: d.places,
                em: d.em.as_ref().map(|e| e.places).or(prev.em),
                adopted: prev.adopted && adopted,
                before_replacement: Some(prev.places),
            },
        });
        if let Some(o) = &out {
            if let Some(em) = o.em {
                if em > o.places.max() {
                    return Err(Error::exceeds(
                        "decided EM places",
                        em,
                        "decided places",
                        o.places,
                    ));
                }
            }
        }
    }
    out.ok_or_else(|| Error::not_computable("decision", "no decision for the year"))
}

/// Explains the folded decision.
pub(crate) fn explain_decisions(decisions: &[Decision], outcome: &DecisionOutcome) -> Explanation {
    let inputs: Vec<Explanation> = decisions
        .iter()
        .map(|d| {
            let label = match (d.kind, d.status) {
                (DecisionKind::Base, DecisionStatus::Adopted) => "decision",
                (DecisionKind::Base, DecisionStatus::Proposed) => "proposed decision",
                (DecisionKind::Additional, _) => "additional decision (tilleggsvedtak)",
                (DecisionKind::Replacement, _) => "replacing decision",
            };
            Explanation::input(
                label,
                Quantity::new(places_value(d.places), Unit::Persons),
                d.source.clone(),
            )
        })
        .collect();
    let value = Quantity::new(places_value(outcome.places), Unit::Persons);
    Explanation::combined(
        "decided places",
        value,
        "base decision, plus additional decisions, replaced by a later decision where one was made",
        inputs,
    )
}

pub(crate) fn places_value(p: Places) -> crate::explain::Value {
    match p {
        Places::Exactly(n) => crate::explain::Value::Integer(i64::from(n)),
        Places::UpTo(n) => crate::explain::Value::Text(Phrase::new("up to {n}").with("n", n)),
        Places::Range { min, max } => crate::explain::Value::Text(
            Phrase::new("{min}–{max}").with("min", min).with("max", max),
        ),
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

    fn src() -> Source {
        Source::new("test")
    }

    fn figs(total: Option<u32>, em: Option<u32>, date: Option<NaiveDate>) -> RequestFigures {
        RequestFigures {
            total,
            em,
            date,
            source: src(),
        }
    }

    #[test]
    fn revisions_keep_history_and_check_dates() {
        let y = Year::new(2017).unwrap();
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let mut r = Request::new(y, figs(Some(300), Some(30), d(2016, 4, 1))).unwrap();
        r.revise(figs(Some(290), Some(25), d(2016, 10, 15)))
            .unwrap();
        r.revise(figs(Some(285), None, d(2016, 12, 1))).unwrap();
        assert_eq!(r.current_total(), Some(285));
        assert_eq!(r.current_em(), Some(25));
        assert_eq!(r.original_total(), Some(300));
        let e = r.revise(figs(Some(280), None, d(2018, 1, 2))).unwrap_err();
        assert_eq!(
            e.to_string(),
            "revised request date 2018-01-02 is outside 2016-01-01 to 2017-12-31"
        );
        assert!(r.revise(figs(Some(280), None, d(2016, 11, 1))).is_err());
        let e = r.revise(figs(None, Some(400), None)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "revised request EM part (400) is larger than revised request total (285)"
        );
        assert_eq!(r.history().len(), 3);
    }

    #[test]
    fn decisions_fold() {
        let base = Decision::base(360, src());
        let mut extra = Decision::base(40, src());
        extra.kind = DecisionKind::Additional;
        let o = fold_decisions(&[base.clone(), extra]).unwrap();
        assert_eq!(o.places, Places::Exactly(400));

        let mut repl = Decision::base(58, src());
        repl.kind = DecisionKind::Replacement;
        let o = fold_decisions(&[Decision::base(85, src()), repl]).unwrap();
        assert_eq!(o.places, Places::Exactly(58));
        assert_eq!(o.before_replacement, Some(Places::Exactly(85)));

        let e = fold_decisions(&[Decision::base(10, src()).with_em(15)]).unwrap_err();
        assert_eq!(
            e.to_string(),
            "decision EM part (15) is larger than decided places (10)"
        );
        let mut add_first = Decision::base(1, src());
        add_first.kind = DecisionKind::Additional;
        assert!(fold_decisions(&[add_first]).is_err());
        assert!(fold_decisions(&[]).is_err());
    }

    #[test]
    fn overlapping_em_age_bands_are_refused() {
        let mut d = Decision::base(20, src()).with_em(10);
        let band = |min_age, max_age| AgeBand::new(min_age, max_age).unwrap();
        d.em.as_mut().unwrap().bands = vec![(band(0, 15), 4), (band(15, 18), 4)];
        assert_eq!(
            d.validate().unwrap_err().to_string(),
            "invalid EM age band 15–18: it overlaps the band 0–15; give each age to one band"
        );
        d.em.as_mut().unwrap().bands = vec![(band(0, 14), 4), (band(15, 18), 4)];
        d.validate().unwrap();
    }
}
