//! One municipality's settlement year: request, decisions, settled, family, housing.

use chrono::Datelike;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{Tertial, Year};
use crate::compare::{self, Operand};
use crate::dec;
use crate::error::{Error, Result};
use crate::explain::{Derived, Explanation, Quantity, Unit};
use crate::family::FamilyReunification;
use crate::housing::Housing;
use crate::municipality::Municipality;
use crate::phrase::Phrase;
use crate::quota::{
    Decision, DecisionKind, DecisionOutcome, Request, explain_decisions, fold_decisions,
};
use crate::ratio::Ratio;
use crate::settlement::Settled;

/// What a fulfilment rate is measured against.
///
/// # Example
///
/// ```
/// use bosetting::Against;
///
/// // In facts files: `against = "original-request"`.
/// let a: Against = serde_json::from_str("\"original-request\"")?;
/// assert_eq!(a, Against::OriginalRequest);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Against {
    /// The council's decision (places in force).
    Decision,
    /// IMDi's current (possibly revised) request.
    Request,
    /// IMDi's original request.
    OriginalRequest,
}

/// Settlement against an even pace through the year.
///
/// # Example
///
/// ```
/// use bosetting::{Decision, Fact, Municipality, Ratio, Settled, SettlementYear, Source, Tertial, Year};
///
/// // Per second tertial (two thirds of the year): 60 of 90 places is exactly on pace.
/// let year = Year::new(2023)?;
/// let mut s = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
/// s.decisions.push(Decision::base(90, Source::new("vedtak")));
/// s.settled = Some(Settled::new(Tertial::new(year, 2)?.year_to_date()).with_total(Fact::new(60, Source::new("2. tertial"))));
/// let pace = s.pace()?.value;
/// assert_eq!((pace.elapsed, pace.expected), (Ratio::of(2, 3)?, Ratio::of(60, 1)?));
/// assert_eq!(pace.ahead_by, Ratio::of(0, 1)?);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Pace {
    /// Persons settled by the end of the period.
    pub settled: u32,
    /// Places decided for the year.
    pub decided: u32,
    /// Share of the year elapsed (a tertial is a third).
    pub elapsed: Ratio,
    /// Persons an even pace would have settled: decided × elapsed.
    pub expected: Ratio,
    /// Settled / decided.
    pub share_of_decision: Ratio,
    /// Settled − expected (positive: ahead of pace).
    pub ahead_by: Ratio,
}

/// One municipality's settlement year, as IMDi and the municipality see it.
///
/// Every derived figure comes with an [`Explanation`] that names the formula and the sourced
/// inputs.
///
/// # Example
///
/// ```
/// use bosetting::{Against, Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
///
/// let src = || Source::new("Bodø kommune, årsrapport 2020").quote("bosatte 41 av vedtatt 74 flyktninger");
/// let year = Year::new(2020)?;
/// let mut bodo = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
/// bodo.decisions.push(Decision::base(74, src()));
/// bodo.settled = Some(Settled::new(year.period()).with_total(Fact::new(41, src())));
///
/// let gap = bodo.shortfall()?;
/// assert_eq!(gap.value, 33);
/// println!("{}", gap.explanation);
/// let rate = bodo.fulfilment(Against::Decision)?;
/// assert_eq!(rate.value.to_string(), "41/74");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "bosettingsår")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SettlementYearRepr")]
pub struct SettlementYear {
    /// The municipality.
    pub municipality: Municipality,
    /// The year.
    pub year: Year,
    /// IMDi's request, with its revisions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Request>,
    /// The council's decisions for the year, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Decision>,
    /// Settled persons.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled: Option<Settled>,
    /// Family reunification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family: Option<FamilyReunification>,
    /// Housing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub housing: Option<Housing>,
}

#[derive(Deserialize)]
struct SettlementYearRepr {
    municipality: Municipality,
    year: Year,
    #[serde(default)]
    request: Option<Request>,
    #[serde(default)]
    decisions: Vec<Decision>,
    #[serde(default)]
    settled: Option<Settled>,
    #[serde(default)]
    family: Option<FamilyReunification>,
    #[serde(default)]
    housing: Option<Housing>,
}

impl TryFrom<SettlementYearRepr> for SettlementYear {
    type Error = Error;
    fn try_from(r: SettlementYearRepr) -> Result<SettlementYear> {
        let s = SettlementYear {
            municipality: r.municipality,
            year: r.year,
            request: r.request,
            decisions: r.decisions,
            settled: r.settled,
            family: r.family,
            housing: r.housing,
        };
        s.validate()?;
        Ok(s)
    }
}

impl SettlementYear {
    /// An empty year.
    pub fn new(municipality: Municipality, year: Year) -> SettlementYear {
        SettlementYear {
            municipality,
            year,
            request: None,
            decisions: Vec::new(),
            settled: None,
            family: None,
            housing: None,
        }
    }

    /// Checks that the parts agree with each other and with the year.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a request for another year or settled counts outside the
    /// year; [`Error::DateOutsidePeriod`] for a decision dated outside
    /// [`Decision::window`]; and any error of the parts' own validation.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Municipality, SettlementYear, Source, Year};
    /// use bosetting::chrono::NaiveDate;
    ///
    /// let mut y = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), Year::new(2020)?);
    /// let mut late = Decision::base(74, Source::new("kommunestyresak"));
    /// late.date = NaiveDate::from_ymd_opt(2021, 2, 1); // after the year it is for
    /// y.decisions.push(late);
    /// assert!(y.validate().is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if let Some(r) = &self.request {
            if r.year() != self.year {
                return Err(Error::invalid(
                    "request year",
                    r.year(),
                    format!("the settlement year is {}", self.year),
                ));
            }
        }
        if !self.decisions.is_empty() {
            fold_decisions(&self.decisions)?;
        }
        let window = Decision::window(self.year);
        for (i, d) in self.decisions.iter().enumerate() {
            if let Some(date) = d.date {
                window.require(&format!("decision[{i}] date"), date)?;
            }
        }
        if let Some(s) = &self.settled {
            let p = self.year.period();
            if !p.covers(s.period) {
                return Err(Error::invalid(
                    "settled period",
                    s.period,
                    format!("it is not inside {}", self.year),
                ));
            }
            s.validate()?;
        }
        if let Some(f) = &self.family {
            f.validate()?;
        }
        Ok(())
    }

    fn settled(&self) -> Result<&Settled> {
        self.settled
            .as_ref()
            .ok_or_else(|| Error::not_computable("settlement figures", "no settled persons"))
    }

    /// The decisions folded into what is in force.
    ///
    /// # Errors
    ///
    /// As [`fold_decisions`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, DecisionKind, Municipality, Places, SettlementYear, Source, Year};
    ///
    /// let mut y = SettlementYear::new(Municipality::new("3005".parse()?, "Drammen"), Year::new(2022)?);
    /// y.decisions.push(Decision::base(58, Source::new("vedtak, desember 2021")));
    /// let added = Decision { kind: DecisionKind::Additional, ..Decision::base(252, Source::new("tilleggsvedtak")) };
    /// y.decisions.push(added);
    /// assert_eq!(y.decided()?.value.places, Places::Exactly(310));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn decided(&self) -> Result<Derived<DecisionOutcome>> {
        let o = fold_decisions(&self.decisions)?;
        let e = explain_decisions(&self.decisions, &o);
        Ok(Derived::new(o, e))
    }

    /// The most places the decisions allow.
    ///
    /// # Errors
    ///
    /// As [`fold_decisions`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Municipality, Places, SettlementYear, Source, Year};
    ///
    /// let mut y = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), Year::new(2017)?);
    /// y.decisions.push(Decision { places: Places::UpTo(110), ..Decision::base(0, Source::new("sak")) });
    /// assert_eq!(y.decided_places()?.value, 110);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn decided_places(&self) -> Result<Derived<u32>> {
        let d = self.decided()?;
        Ok(Derived::new(d.value.places.max(), d.explanation))
    }

    /// Persons settled.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without settled counts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Error, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let year = Year::new(2020)?;
    /// let mut y = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
    /// assert!(matches!(y.settled_total(), Err(Error::NotComputable { .. })));
    /// y.settled = Some(Settled::new(year.period()).with_total(Fact::new(41, Source::new("årsrapport"))));
    /// assert_eq!(y.settled_total()?.value, 41);
    /// # Ok::<(), Error>(())
    /// ```
    pub fn settled_total(&self) -> Result<Derived<u32>> {
        self.settled()?.total()
    }

    /// Places left unfilled: decided − settled (negative when more were settled than
    /// decided).
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without a decision or settled counts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let year = Year::new(2020)?;
    /// let src = || Source::new("Bodø kommune, årsrapport 2020");
    /// let mut y = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
    /// y.decisions.push(Decision::base(74, src()));
    /// y.settled = Some(Settled::new(year.period()).with_total(Fact::new(41, src())));
    /// let gap = y.shortfall()?;
    /// assert_eq!(gap.value, 33);
    /// assert_eq!(gap.explanation.inputs.len(), 2); // decided and settled, with their sources
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn shortfall(&self) -> Result<Derived<i64>> {
        let d = self.decided_places()?;
        let s = self.settled_total()?;
        // Two u32 values: their difference always fits an i64.
        let v = i64::from(d.value).saturating_sub(i64::from(s.value));
        let label = if v >= 0 {
            "places unfilled (decided − settled)"
        } else {
            "persons settled beyond the decision (decided − settled, negative)"
        };
        Ok(Derived::new(
            v,
            Explanation::derived(
                label,
                Quantity::persons(v),
                "decided − settled",
                vec![d.explanation, s.explanation],
            ),
        ))
    }

    fn request(&self) -> Result<&Request> {
        self.request
            .as_ref()
            .ok_or_else(|| Error::not_computable("request figures", "no request"))
    }

    /// IMDi's current request.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without a request total.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Municipality, Request, RequestFigures, SettlementYear, Source, Year};
    ///
    /// let year = Year::new(2023)?;
    /// let figures = |n| RequestFigures { total: Some(n), em: None, date: None, source: Source::new("IMDi") };
    /// let mut request = Request::new(year, figures(360))?;
    /// request.revise(figures(430))?;
    /// let mut y = SettlementYear::new(Municipality::new("3301".parse()?, "Drammen"), year);
    /// y.request = Some(request);
    /// assert_eq!((y.current_request()?.value, y.original_request()?.value), (430, 360));
    /// assert_eq!(y.request_revision()?.value, 70.into());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn current_request(&self) -> Result<Derived<u32>> {
        let r = self.request()?;
        let v = r
            .current_total()
            .ok_or_else(|| Error::not_computable("current request", "no total"))?;
        Ok(Derived::new(v, r.explain_current()?))
    }

    /// IMDi's original request.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without an original total.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Municipality, SettlementYear, Year};
    ///
    /// // See `current_request` for a revised request.
    /// let y = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), Year::new(2020)?);
    /// assert!(y.original_request().is_err()); // no request recorded
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn original_request(&self) -> Result<Derived<u32>> {
        let r = self.request()?;
        let v = r
            .original_total()
            .ok_or_else(|| Error::not_computable("original request", "no total"))?;
        Ok(Derived::new(v, r.explain_original()?))
    }

    /// Settled as a share of the decision or the request.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the figures; [`Error::DivisionByZero`] against zero.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Against, Decision, Fact, Municipality, Ratio, Settled, SettlementYear, Source, Year};
    ///
    /// let year = Year::new(2020)?;
    /// let mut y = SettlementYear::new(Municipality::new("1804".parse()?, "Bodø"), year);
    /// y.decisions.push(Decision::base(74, Source::new("vedtak")));
    /// y.settled = Some(Settled::new(year.period()).with_total(Fact::new(41, Source::new("årsrapport"))));
    /// assert_eq!(y.fulfilment(Against::Decision)?.value, Ratio::of(41, 74)?);
    /// assert!(y.fulfilment(Against::Request).is_err()); // no request recorded
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn fulfilment(&self, against: Against) -> Result<Derived<Ratio>> {
        let s = self.settled_total()?;
        let (whole, label) = match against {
            Against::Decision => (self.decided_places()?, "settled / decided"),
            Against::Request => (self.current_request()?, "settled / current request"),
            Against::OriginalRequest => (self.original_request()?, "settled / original request"),
        };
        compare::share("fulfilment", &s, &whole, label)
    }

    /// EM settled as a share of the decision's EM part.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without an EM part or an EM count.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Ratio, Settled, SettlementYear, Source, Year};
    ///
    /// let year = Year::new(2017)?;
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let mut y = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// y.decisions.push(Decision::base(110, src()).with_em(20));
    /// y.settled = Some(Settled::new(year.period()).with_total(Fact::new(98, src())).with_em(Fact::new(15, src())));
    /// assert_eq!(y.em_fulfilment()?.value, Ratio::of(15, 20)?);
    /// assert_eq!(y.decided_em()?.value, 20);
    /// assert_eq!(y.decided_ordinary()?.value, 90);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn em_fulfilment(&self) -> Result<Derived<Ratio>> {
        let em = self.settled()?.em_total()?;
        let part = self.decided_em()?;
        compare::share(
            "EM fulfilment",
            &em,
            &part,
            "EM settled / EM places decided",
        )
    }

    /// The EM places in force.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] if no decision has an EM part.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let year = Year::new(2017)?;
    /// let mut stavanger = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// use bosetting::DecisionKind;
    ///
    /// stavanger.decisions.push(Decision::base(250, src()).with_em(20));
    /// assert_eq!(stavanger.decided_em()?.value, 20);
    ///
    /// // An additional decision (tilleggsvedtak) with 5 more EM places adds to the base's 20.
    /// let mut more = Decision::base(30, src()).with_em(5);
    /// more.kind = DecisionKind::Additional;
    /// stavanger.decisions.push(more);
    /// assert_eq!(stavanger.decided_em()?.value, 25);
    ///
    /// // A decision without an EM part has no EM places to speak of.
    /// stavanger.decisions = vec![Decision::base(250, src())];
    /// assert!(stavanger.decided_em().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn decided_em(&self) -> Result<Derived<u32>> {
        let d = self.decided()?;
        let em = d.value.em.ok_or_else(|| {
            Error::not_computable("decided EM places", "no EM part in the decision")
        })?;
        // The same walk as the fold: a base or replacing decision with an EM part starts the
        // sum afresh, an additional one adds to it, and one without an EM part leaves it.
        let mut parts: Vec<Explanation> = Vec::new();
        for d in &self.decisions {
            let Some(part) = &d.em else { continue };
            if d.kind != DecisionKind::Additional {
                parts.clear();
            }
            let label = match d.kind {
                DecisionKind::Base => "EM part of the decision",
                DecisionKind::Additional => "EM part of the additional decision (tilleggsvedtak)",
                DecisionKind::Replacement => "EM part of the replacing decision",
            };
            parts.push(Explanation::input(
                label,
                Quantity::persons(part.places),
                d.source.clone(),
            ));
        }
        let e = match parts.pop() {
            Some(mut only) if parts.is_empty() => {
                only.label = Phrase::new("decided EM places");
                only
            }
            last => {
                parts.extend(last);
                Explanation::derived(
                    "decided EM places",
                    Quantity::persons(em),
                    "EM part of the base or replacing decision + EM parts of additional decisions",
                    parts,
                )
            }
        };
        Ok(Derived::new(em, e))
    }

    /// Ordinary places in force: decided − EM places.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without an EM part.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let year = Year::new(2017)?;
    /// let mut stavanger = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// stavanger.decisions.push(Decision::base(250, src()).with_em(20));
    /// assert_eq!(stavanger.decided_ordinary()?.value, 230);
    ///
    /// stavanger.decisions = vec![Decision::base(250, src())];
    /// assert!(stavanger.decided_ordinary().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn decided_ordinary(&self) -> Result<Derived<u32>> {
        let all = self.decided_places()?;
        let em = self.decided_em()?;
        let v = all.value.saturating_sub(em.value);
        Ok(Derived::new(
            v,
            Explanation::derived(
                "decided ordinary places",
                Quantity::persons(v),
                "decided − EM places",
                vec![all.explanation, em.explanation],
            ),
        ))
    }

    /// Ordinary settled as a share of the ordinary places.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the figures.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let year = Year::new(2017)?;
    /// let mut stavanger = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// use bosetting::Ratio;
    ///
    /// stavanger.decisions.push(Decision::base(250, src()).with_em(20));
    /// stavanger.settled = Some(Settled::new(year.period())
    ///     .with_ordinary(Fact::new(253, src()))
    ///     .with_em(Fact::new(26, src())));
    /// // 253 settled on 230 ordinary places.
    /// assert_eq!(stavanger.ordinary_fulfilment()?.value, Ratio::of(253, 230)?);
    ///
    /// stavanger.settled = None;
    /// assert!(stavanger.ordinary_fulfilment().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn ordinary_fulfilment(&self) -> Result<Derived<Ratio>> {
        let s = self.settled()?.ordinary_total()?;
        let d = self.decided_ordinary()?;
        compare::share(
            "ordinary fulfilment",
            &s,
            &d,
            "ordinary settled / ordinary places decided",
        )
    }

    /// Settled plus family-reunified persons (who come on top of the decision).
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without an exact family count.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let year = Year::new(2017)?;
    /// let mut stavanger = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// use bosetting::FamilyReunification;
    ///
    /// stavanger.settled = Some(Settled::new(year.period()).with_total(Fact::new(279, src())));
    /// stavanger.family = Some(FamilyReunification::default().with_persons(Fact::new(64, src())));
    /// assert_eq!(stavanger.total_with_family()?.value, 343);
    ///
    /// // Only a count of families: the persons are not known exactly.
    /// stavanger.family = Some(FamilyReunification::default().with_families(Fact::new(27, src())));
    /// assert!(stavanger.total_with_family().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn total_with_family(&self) -> Result<Derived<u32>> {
        let s = self.settled_total()?;
        let fam = self
            .family
            .as_ref()
            .and_then(|f| f.persons.as_ref())
            .ok_or_else(|| {
                Error::not_computable("settled with family", "no exact family-reunified count")
            })?;
        let v = crate::error::add_u32(s.value, fam.value, "settled with family")?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                "settled including family reunification",
                Quantity::persons(v),
                "settled + family-reunified",
                vec![
                    s.explanation,
                    fam.explain("family-reunified persons", Unit::Persons),
                ],
            ),
        ))
    }

    /// The decision as a share of the current request.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the figures.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let year = Year::new(2017)?;
    /// let mut stavanger = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// use bosetting::{Ratio, Request, RequestFigures};
    ///
    /// stavanger.request = Some(Request::new(year, RequestFigures { total: Some(300), em: None, date: None, source: src() })?);
    /// stavanger.decisions.push(Decision::base(250, src()));
    /// assert_eq!(stavanger.decision_share_of_request()?.value, Ratio::of(250, 300)?);
    ///
    /// stavanger.request = None;
    /// assert!(stavanger.decision_share_of_request().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn decision_share_of_request(&self) -> Result<Derived<Ratio>> {
        let d = self.decided_places()?;
        let r = self.current_request()?;
        compare::share(
            "decision as a share of the request",
            &d,
            &r,
            "decided / current request",
        )
    }

    /// How the request was revised: current − original.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without the figures.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let year = Year::new(2017)?;
    /// let mut stavanger = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// use bosetting::{Request, RequestFigures};
    /// use rust_decimal::Decimal;
    ///
    /// let figures = |total| RequestFigures { total: Some(total), em: None, date: None, source: src() };
    /// let mut request = Request::new(year, figures(300))?;
    /// request.revise(figures(250))?;
    /// stavanger.request = Some(request);
    /// // Revised down by 50.
    /// assert_eq!(stavanger.request_revision()?.value, Decimal::from(-50));
    ///
    /// stavanger.request = None;
    /// assert!(stavanger.request_revision().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn request_revision(&self) -> Result<Derived<Decimal>> {
        let o = self.original_request()?;
        let c = self.current_request()?;
        compare::difference(
            "revision of the request",
            &c,
            &o,
            Unit::Persons,
            "current request − original request",
        )
    }

    /// Settlement at the end of the settled period against an even pace through the year.
    /// When the period ends on a tertial's last day the elapsed share is whole tertials
    /// (T1 = 1/3); otherwise it is days elapsed / days in the year.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without a decision or settled counts.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Ratio, Settled, SettlementYear, Source, Tertial, Year};
    ///
    /// let year = Year::new(2017)?;
    /// let t1 = Tertial::new(year, 1)?.period();
    /// let mut y = SettlementYear::new(Municipality::new("0602".parse()?, "Drammen"), year);
    /// y.decisions.push(Decision::base(165, Source::new("vedtak")));
    /// y.settled = Some(Settled::new(t1).with_total(Fact::new(40, Source::new("1. tertial"))));
    /// let pace = y.pace()?.value;
    /// assert_eq!((pace.elapsed, pace.expected), (Ratio::of(1, 3)?, Ratio::of(55, 1)?));
    /// assert_eq!(pace.ahead_by, Ratio::of(0, 1)?.checked_sub(&Ratio::of(15, 1)?)?); // 15 behind
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn pace(&self) -> Result<Derived<Pace>> {
        let settled = self.settled()?;
        let s = settled.total()?;
        let d = self.decided_places()?;
        let end = settled.period.end();
        let t = Tertial::containing(end)?;
        let (elapsed, how) = if end == t.last_day() {
            (
                Ratio::of(u64::from(t.number()), 3)?,
                Phrase::new("{n} tertial(s) of 3 elapsed (per {date})")
                    .with("n", u32::from(t.number()))
                    .with("date", end),
            )
        } else {
            let days = u64::from(end.ordinal());
            (
                Ratio::of(days, u64::from(self.year.days()))?,
                Phrase::new("{days} of {year_days} days elapsed")
                    .with("days", days)
                    .with("year_days", self.year.days()),
            )
        };
        let expected = elapsed.scale(d.decimal())?;
        let share = Ratio::of(u64::from(s.value), u64::from(d.value))?;
        let ahead = Ratio::new(s.decimal(), Decimal::ONE)?.checked_sub(&expected)?;
        let pace = Pace {
            settled: s.value,
            decided: d.value,
            elapsed,
            expected,
            share_of_decision: share,
            ahead_by: ahead,
        };
        let e = Explanation::derived(
            "settled against an even pace",
            Quantity::new(crate::explain::Value::Ratio(ahead), Unit::Persons),
            Phrase::new("settled − decided × elapsed share of the year; {how}").with("how", how),
            vec![
                s.explanation,
                d.explanation,
                Explanation::derived(
                    "even pace",
                    Quantity::new(crate::explain::Value::Ratio(expected), Unit::Persons),
                    "decided × elapsed",
                    Vec::new(),
                ),
            ],
        );
        Ok(Derived::new(pace, e))
    }

    /// Persons requested beyond what the housing can carry.
    ///
    /// # Errors
    ///
    /// [`Error::NotComputable`] without housing capacity or a request.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Decision, Fact, Municipality, Settled, SettlementYear, Source, Year};
    ///
    /// let src = || Source::new("Stavanger, årsmelding 2017");
    /// let year = Year::new(2017)?;
    /// let mut stavanger = SettlementYear::new(Municipality::new("1103".parse()?, "Stavanger"), year);
    /// use bosetting::{DwellingKind, Dwellings, Housing, Request, RequestFigures};
    /// use rust_decimal::Decimal;
    ///
    /// stavanger.request = Some(Request::new(year, RequestFigures { total: Some(300), em: None, date: None, source: src() })?);
    /// // 100 dwellings for 2,5 persons each house 250 of the 300 requested.
    /// let dwellings = Dwellings::new(DwellingKind::Unspecified, Fact::new(100, src()), Some(Fact::new(Decimal::new(25, 1), src())))?;
    /// stavanger.housing = Some(Housing::default().with_dwellings(dwellings));
    /// assert_eq!(stavanger.capacity_gap()?.value, Decimal::from(50));
    ///
    /// stavanger.housing = None;
    /// assert!(stavanger.capacity_gap().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn capacity_gap(&self) -> Result<Derived<Decimal>> {
        let h = self
            .housing
            .as_ref()
            .ok_or_else(|| Error::not_computable("capacity gap", "no housing"))?;
        let cap = h.capacity()?;
        let req = self.current_request()?;
        let gap = dec::sub(req.decimal(), cap.value, "capacity gap")?.normalize();
        Ok(Derived::new(
            gap,
            Explanation::derived(
                "persons requested beyond the housing capacity",
                Quantity::decimal(gap, Unit::Persons),
                "current request − housing capacity",
                vec![req.explanation, cap.explanation],
            ),
        ))
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
    use crate::calendar::Period;
    use crate::provenance::{Fact, Source};
    use chrono::NaiveDate;
    use proptest::prelude::*;

    fn src() -> Source {
        Source::new("t")
    }

    fn year_with(decided: u32, settled: u32) -> SettlementYear {
        let y = Year::new(2020).unwrap();
        let mut s = SettlementYear::new(Municipality::new("1804".parse().unwrap(), "Bodø"), y);
        s.decisions.push(Decision::base(decided, src()));
        s.settled = Some(Settled::new(y.period()).with_total(Fact::new(settled, src())));
        s
    }

    #[test]
    fn drammen_pace_after_one_tertial() {
        let y = Year::new(2017).unwrap();
        let mut s = SettlementYear::new(Municipality::new("0602".parse().unwrap(), "Drammen"), y);
        s.decisions.push(Decision::base(170, src()).with_em(15));
        let t1 = Tertial::new(y, 1).unwrap().year_to_date();
        s.settled = Some(
            Settled::new(t1)
                .with_total(Fact::new(70, src()))
                .with_em(Fact::new(2, src())),
        );
        s.validate().unwrap();
        let p = s.pace().unwrap().value;
        assert_eq!(
            p.share_of_decision
                .percent(crate::RoundingRule::HalfUp, 1)
                .unwrap()
                .to_string(),
            "41.2"
        );
        assert_eq!(
            p.expected
                .round(crate::RoundingRule::HalfUp, 1)
                .unwrap()
                .to_string(),
            "56.7"
        );
        assert!(p.ahead_by > Ratio::of(0, 1).unwrap());
    }

    #[test]
    fn settled_outside_the_year_is_refused() {
        let mut s = year_with(10, 5);
        s.settled = Some(Settled::new(
            Period::new(
                NaiveDate::from_ymd_opt(2019, 12, 1).unwrap(),
                NaiveDate::from_ymd_opt(2020, 1, 31).unwrap(),
            )
            .unwrap(),
        ));
        assert!(s.validate().is_err());
    }

    #[test]
    fn decisions_dated_outside_the_year_are_refused() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd);
        let mut s = year_with(10, 5);
        // A decision for 2020 is often made in the autumn of 2019.
        s.decisions[0].date = d(2019, 11, 20);
        s.validate().unwrap();
        s.decisions[0].date = d(2021, 1, 4);
        assert_eq!(
            s.validate().unwrap_err().to_string(),
            "decision[0] date 2021-01-04 is outside 2019-01-01 to 2020-12-31"
        );
        s.decisions[0].date = d(2018, 12, 31);
        assert!(s.validate().is_err());
        let e = serde_json::from_str::<SettlementYear>(&serde_json::to_string(&s).unwrap())
            .unwrap_err()
            .to_string();
        assert!(e.contains("decision[0] date 2018-12-31 is outside"), "{e}");
    }

    #[test]
    fn decided_em_explains_every_decision_it_sums() {
        let mut s = year_with(100, 5);
        s.decisions[0] = Decision::base(100, Source::new("base")).with_em(10);
        let mut extra = Decision::base(20, Source::new("extra")).with_em(5);
        extra.kind = crate::quota::DecisionKind::Additional;
        s.decisions.push(extra);
        let em = s.decided_em().unwrap();
        assert_eq!(em.value, 15);
        let sources: Vec<String> = em
            .explanation
            .inputs
            .iter()
            .map(|i| i.source.as_ref().unwrap().to_string())
            .collect();
        assert_eq!(sources, ["base", "extra"], "{}", em.explanation);
        assert_eq!(
            em.explanation.inputs[0].value,
            Quantity::persons(10),
            "{}",
            em.explanation
        );
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn settled_plus_shortfall_is_the_decision(decided in 0u32..100_000, settled in 0u32..100_000) {
            let s = year_with(decided, settled);
            let gap = s.shortfall().unwrap().value;
            prop_assert_eq!(i64::from(settled) + gap, i64::from(decided));
        }

        #[test]
        fn settlement_year_json_round_trip(decided in 0u32..10_000, settled in 0u32..10_000) {
            let s = year_with(decided, settled);
            let json = serde_json::to_string(&s).unwrap();
            let back: SettlementYear = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &s);
            prop_assert_eq!(serde_json::to_string(&back).unwrap(), json);
        }
    }
}
