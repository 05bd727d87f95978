//! The state's grants for settled refugees: rates as dated, sourced data, and the
//! entitlements they give per calendar year.

use std::collections::BTreeMap;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::calendar::{GrantYear, Year};
use crate::error::{Error, Result};
use crate::explain::{Derived, Explanation, Quantity};
use crate::money::Money;
use crate::phrase::{Arg, Phrase};
use crate::provenance::Source;

/// The categories the integration grant distinguishes.
///
/// These are grant categories, not quota categories: an unaccompanied minor who arrives with
/// an escorting adult counts on the ordinary quota but is an
/// [`GrantCategory::UnaccompaniedMinor`] for the grant.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
///
/// let rates = GrantRates::builtin()?;
/// let year1 = |c| -> bosetting::Result<Money> { Ok(rates.integration(Year::new(2017)?, c, GrantYear::new(1)?)?.amount) };
/// // In 2017 a single adult drew more in year 1 than anyone else.
/// assert_eq!(year1(GrantCategory::SingleAdult)?, Money::kroner(235_000));
/// assert_eq!(year1(GrantCategory::Child)?, Money::kroner(185_000));
/// assert_eq!(GrantCategory::ALL[GrantCategory::Child.index()], GrantCategory::Child);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GrantCategory {
    /// A single adult (*enslig voksen*).
    SingleAdult,
    /// Another adult (in a family).
    OtherAdult,
    /// A child in a family.
    Child,
    /// An unaccompanied minor.
    UnaccompaniedMinor,
}

impl GrantCategory {
    /// All four, in table order.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::GrantCategory;
    ///
    /// for (i, c) in GrantCategory::ALL.into_iter().enumerate() {
    ///     assert_eq!(c.index(), i);
    /// }
    /// ```
    pub const ALL: [GrantCategory; 4] = [
        GrantCategory::SingleAdult,
        GrantCategory::OtherAdult,
        GrantCategory::Child,
        GrantCategory::UnaccompaniedMinor,
    ];

    /// Position in [`GrantCategory::ALL`].
    pub fn index(self) -> usize {
        match self {
            GrantCategory::SingleAdult => 0,
            GrantCategory::OtherAdult => 1,
            GrantCategory::Child => 2,
            GrantCategory::UnaccompaniedMinor => 3,
        }
    }
}

/// The two disability grants.
///
/// # Example
///
/// ```
/// use bosetting::{DisabilityKind, GrantRates, Money, Year};
///
/// let rates = GrantRates::builtin()?;
/// let (once, _) = rates.disability(Year::new(2024)?, DisabilityKind::OneOff)?;
/// let (yearly, years) = rates.disability(Year::new(2024)?, DisabilityKind::Yearly)?;
/// assert_eq!((once.amount, yearly.amount, years), (Money::kroner(196_400), Money::kroner(1_608_000), 5));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DisabilityKind {
    /// *Tilskudd 1*: once.
    OneOff,
    /// *Tilskudd 2*: yearly, for a number of years.
    Yearly,
}

/// An inclusive range of validity years.
///
/// Its years are private, so no program can write a window that ends before it starts:
///
/// ```compile_fail,E0451
/// use bosetting::{Validity, Year};
///
/// let v = Validity { from: Year::new(2024)?, to: Year::new(2020)? };
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Validity {
    // Private so that no window ends before it starts: built by the checked `new` or
    // `year`, read through `first` and `last`. Serde keeps the names `from` and `to`.
    from: Year,
    to: Year,
}

deserialize_through!(Validity::new {
    from: Year,
    to: Year,
});

impl Validity {
    /// The years `first` to `last`, both included.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `last` is before `first`: a window that ends before it
    /// starts holds no year, so every lookup in it would fail far from where the typing
    /// error is.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Validity, Year};
    ///
    /// let v = Validity::new(Year::new(2020)?, Year::new(2024)?)?;
    /// assert_eq!(v.to_string(), "2020–2024");
    /// assert_eq!(v.last(), Year::new(2024)?);
    /// assert!(Validity::new(Year::new(2024)?, Year::new(2020)?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(first: Year, last: Year) -> Result<Validity> {
        if last < first {
            return Err(Error::invalid(
                "validity",
                Validity {
                    from: first,
                    to: last,
                },
                "it ends before it starts; write the first year first",
            ));
        }
        Ok(Validity {
            from: first,
            to: last,
        })
    }

    /// The one year `y`.
    pub fn year(y: Year) -> Validity {
        Validity { from: y, to: y }
    }

    /// The first year.
    pub fn first(self) -> Year {
        self.from
    }

    /// The last year.
    pub fn last(self) -> Year {
        self.to
    }

    fn contains(self, y: Year) -> bool {
        self.from <= y && y <= self.to
    }
    fn overlaps(self, o: Validity) -> bool {
        self.from <= o.to && o.from <= self.to
    }
}

impl fmt::Display for Validity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.from == self.to {
            write!(f, "{}", self.from)
        } else {
            write!(f, "{}–{}", self.from, self.to)
        }
    }
}

/// How far a rate's source can be trusted, from the strongest: the rate as adopted and
/// administered (IMDi's circulars and tables, the adopted budget), a budget proposal or a
/// summary of one, a secondary source quoting IMDi or the budget.
///
/// Where two sources disagree, the table keeps the value of the higher standing and records
/// the other beside it ([`Rate::other`]).
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Standing, Year};
///
/// let rates = GrantRates::builtin()?;
/// let r = rates.integration(Year::new(2024)?, GrantCategory::SingleAdult, GrantYear::new(1)?)?;
/// // 2024's rates come from a secondary source, which also gives another value beside it.
/// assert_eq!(r.standing, Some(Standing::Secondary));
/// assert_eq!(r.other[0].amount, Money::kroner(241_000));
/// assert!(Standing::Adopted > Standing::Proposed && Standing::Proposed > Standing::Secondary);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "vedtatt")]
#[doc(alias = "foreslått")]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Standing {
    /// A secondary source quoting IMDi or the budget.
    Secondary,
    /// A budget proposal, or a summary of one: not necessarily adopted.
    Proposed,
    /// The rate as adopted and administered.
    Adopted,
}

/// A value another source gives for the same rate, kept beside the one the table uses.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
///
/// let rates = GrantRates::builtin()?;
/// let r = rates.integration(Year::new(2024)?, GrantCategory::OtherAdult, GrantYear::new(1)?)?;
/// // The table uses 187 000; an earlier version of the same source said 194 400.
/// assert_eq!(r.amount, Money::kroner(187_000));
/// assert_eq!(r.other.iter().map(|o| o.amount).collect::<Vec<_>>(), [Money::kroner(194_400)]);
/// assert!(r.other[0].note.is_some());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "sekundærkilde")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherValue {
    /// Its amount.
    pub amount: Money,
    /// Its standing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    /// Its source.
    pub source: Source,
    /// Why it is not the one used, or what the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A rate: an amount per person, valid for a range of years, with its source.
///
/// # Example
///
/// ```
/// use bosetting::{Money, Rate, Source, Standing, Validity, Year};
///
/// let mut rate = Rate::new(Money::kroner(250_000), Validity::new(Year::new(2030)?, Year::new(2031)?)?, Source::new("statsbudsjettet"));
/// rate.standing = Some(Standing::Proposed);
/// assert_eq!((rate.validity.first(), rate.validity.last()), (Year::new(2030)?, Year::new(2031)?));
/// // A table refuses a second rate for the same key and years.
/// let mut rates = bosetting::GrantRates::default();
/// let key = (bosetting::GrantCategory::Child, bosetting::GrantYear::new(1)?);
/// rates.insert_integration(key.0, key.1, rate.clone())?;
/// assert!(rates.insert_integration(key.0, key.1, rate).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "sats")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rate {
    /// Kroner per person.
    pub amount: Money,
    /// The years it is valid for.
    pub validity: Validity,
    /// Where it is documented.
    pub source: Source,
    /// How far the source can be trusted (`None`: not stated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    /// What the source says about the figure, or why it was chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Values other sources give for the same rate, of no higher standing.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<OtherValue>,
}

impl Rate {
    /// A rate of unstated standing, with no note and no disagreeing value.
    pub fn new(amount: Money, validity: Validity, source: Source) -> Rate {
        Rate {
            amount,
            validity,
            source,
            standing: None,
            note: None,
            other: Vec::new(),
        }
    }

    fn explain(&self, label: Phrase) -> Explanation {
        let validity = Arg::verbatim(self.validity.to_string());
        let words = match self.standing {
            Some(Standing::Adopted) | None => Phrase::new("{label} (valid {validity})"),
            Some(Standing::Proposed) => Phrase::new("{label} (valid {validity}, proposed)"),
            Some(Standing::Secondary) => {
                Phrase::new("{label} (valid {validity}, secondary source)")
            }
        };
        Explanation::parameter(
            words.with("label", label).with("validity", validity),
            Quantity::money(self.amount),
            self.source.clone(),
        )
    }

    /// Picking by standing: a disagreeing value must not stand higher than the one used, and
    /// where it stands as high the note must say why this one is used.
    fn check_other(&self, what: &str) -> Result<()> {
        for o in &self.other {
            if o.standing > self.standing {
                return Err(Error::invalid(
                    format!("{what} rate"),
                    self.amount,
                    format!(
                        "another source gives {} at a higher standing ({}) than this one ({}); use the value of the higher standing and record this one beside it",
                        o.amount,
                        o.standing.map_or("unstated".to_owned(), |s| s.to_string()),
                        self.standing
                            .map_or("unstated".to_owned(), |s| s.to_string()),
                    ),
                ));
            }
            if o.standing == self.standing && self.note.as_deref().is_none_or(str::is_empty) {
                return Err(Error::invalid(
                    format!("{what} rate"),
                    self.amount,
                    format!(
                        "another source of the same standing gives {}; say in `note` why this value is used",
                        o.amount
                    ),
                ));
            }
        }
        Ok(())
    }
}

/// Which year's table pays the integration grant for a person first settled in year S, in
/// grant year g (paid in year Y = S + g − 1).
///
/// IMDi's 2017 table lays the rates out by payment year: the 2017 column holds year 1 for
/// persons settled in 2017, year 2 for those settled in 2016, … year 5 for 2013. Each budget
/// year thus sets one rate per grant year, and a person settled in S is paid in Y the year-Y
/// rate for grant year Y − S + 1: [`RateYear::Payment`], the default. The domain primer used
/// to say that the settlement year's rates apply throughout ([`RateYear::FirstSettlement`]);
/// a table built on that reading can say so.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantRates, GrantYear, Year};
///
/// // A table whose rates apply by the year of first settlement, for all five grant years.
/// let toml = r#"
/// [integration_rule]
/// year = "first-settlement"
///
/// [[integration]]
/// year = 2030
/// category = "all"
/// grant_year = 2
/// amount = "240000"
/// source = { document = "eksempel" }
/// "#;
/// let rates = GrantRates::from_toml_str(toml, "first-settlement.toml")?;
/// // Settled in 2030, grant year 2 is paid in 2031 from the 2030 table.
/// let (table, rate) = rates.integration_paid(Year::new(2030)?, GrantCategory::Child, GrantYear::new(2)?)?;
/// assert_eq!((table, rate.amount), (Year::new(2030)?, bosetting::Money::kroner(240_000)));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "budsjettår")]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum RateYear {
    /// The payment (budget) year's table: the year-Y rate for grant year Y − S + 1.
    #[default]
    Payment,
    /// The first-settlement year's table for all five grant years.
    FirstSettlement,
}

/// The rule of a rate table: which year's rates the integration grant pays, and its source.
///
/// # Example
///
/// ```
/// use bosetting::{GrantRates, RateYear};
///
/// let rates = GrantRates::builtin()?;
/// // The shipped table pays by the payment year (IMDi's 2017 table), with its source.
/// assert_eq!(rates.integration_rule().year, RateYear::Payment);
/// assert_eq!(GrantRates::default().integration_rule().year, RateYear::Payment);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "satsen for tilskuddsår")]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntegrationRule {
    /// Which year's table.
    #[serde(default)]
    pub year: RateYear,
    /// Where the rule is documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A sourced value the entitlement engine does not use (a one-off extra with no rule in the
/// model), shipped so that reports can quote it.
///
/// # Example
///
/// ```
/// use bosetting::{GrantRates, Money, Year};
///
/// let rates = GrantRates::builtin()?;
/// // A one-off extra in 2016 the engine has no rule for, kept so that reports can quote it.
/// let y2016 = Year::new(2016)?;
/// let extra = rates.recorded().iter().find(|v| v.year == y2016).ok_or("a value recorded for 2016")?;
/// assert_eq!(extra.amount, Money::kroner(100_000));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecordedValue {
    /// The budget year.
    pub year: Year,
    /// The grant, as the source names it.
    pub grant: String,
    /// Who it is for.
    pub category: String,
    /// The amount.
    pub amount: Money,
    /// Per what.
    pub unit: String,
    /// Its standing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standing: Option<Standing>,
    /// Its source.
    pub source: Source,
    /// What the source says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// Age limits on a rate (ages reached during the year in question).
///
/// # Example
///
/// ```
/// use bosetting::AgeLimits;
///
/// let minors = AgeLimits { min_age: Some(0), max_age: Some(16) };
/// assert_eq!(minors.to_string(), "0–16");
/// assert_eq!(AgeLimits { min_age: Some(60), max_age: None }.to_string(), "60–");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgeLimits {
    /// Youngest age covered.
    pub min_age: Option<u8>,
    /// Oldest age covered.
    pub max_age: Option<u8>,
}

impl AgeLimits {
    fn covers(self, age: i32) -> bool {
        self.min_age.is_none_or(|m| age >= i32::from(m))
            && self.max_age.is_none_or(|m| age <= i32::from(m))
    }

    fn overlaps(self, o: AgeLimits) -> bool {
        let lo = self.min_age.max(o.min_age);
        let hi = match (self.max_age, o.max_age) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        match (lo, hi) {
            (Some(l), Some(h)) => l <= h,
            _ => true,
        }
    }
}

impl fmt::Display for AgeLimits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(m) = self.min_age {
            write!(f, "{m}")?;
        }
        f.write_str("–")?;
        if let Some(m) = self.max_age {
            write!(f, "{m}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Entry<K> {
    key: K,
    rate: Rate,
    #[serde(default)]
    ages: AgeLimits,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    years: Option<u8>,
}

/// A note on a rate the table does not have.
///
/// # Example
///
/// ```
/// use bosetting::GrantRates;
///
/// // The shipped table says what it lacks, instead of pretending to be complete.
/// let rates = GrantRates::builtin()?;
/// assert!(!rates.missing().is_empty());
/// assert!(rates.missing().iter().all(|m| !m.what.is_empty()));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingNote {
    /// What is missing.
    pub what: String,
    /// Why, or what is known instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The grant rate tables: integration grant by budget year, category and grant year (which
/// year's table pays is the table's [`IntegrationRule`]); EM grant by payment year and age
/// band; one-off elderly and kindergarten grants; disability grants; the grant for settling
/// beyond the request. Each rate has its validity, its source and its [`Standing`]; where
/// sources disagree, the other value is recorded beside it. A lookup of a rate that is not
/// there is an error naming the key. Quoted five-year totals are checked against the sum of
/// the same year's table wherever the table is complete for the category.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantRates, GrantYear, Year};
///
/// let rates = GrantRates::builtin()?;
/// let r = rates.integration(Year::new(2024)?, GrantCategory::SingleAdult, GrantYear::new(1)?)?;
/// assert_eq!(r.amount.to_string(), "241100 kr");
/// // IMDi's 2017 table: paid in 2017 for a person settled in 2015 (grant year 3).
/// let (table, r) = rates.integration_paid(Year::new(2015)?, GrantCategory::OtherAdult, GrantYear::new(3)?)?;
/// assert_eq!((table.get(), r.amount.to_string().as_str()), (2017, "167000 kr"));
///
/// let missing = rates.integration(Year::new(2019)?, GrantCategory::SingleAdult, GrantYear::new(2)?);
/// assert_eq!(
///     missing.unwrap_err().to_string(),
///     "no integration grant rate for budget year 2019, single-adult, grant year 2",
/// );
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "integreringstilskudd")]
#[doc(alias = "satser")]
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "GrantRatesRepr")]
pub struct GrantRates {
    #[serde(default)]
    integration_rule: IntegrationRule,
    integration: Vec<Entry<(GrantCategory, GrantYear)>>,
    integration_total: Vec<Entry<GrantCategory>>,
    em: Vec<Entry<String>>,
    elderly: Vec<Entry<()>>,
    kindergarten: Vec<Entry<()>>,
    disability: Vec<Entry<DisabilityKind>>,
    beyond_request: Vec<Entry<()>>,
    #[serde(default)]
    recorded: Vec<RecordedValue>,
    missing: Vec<MissingNote>,
}

#[derive(Deserialize)]
struct GrantRatesRepr {
    #[serde(default)]
    integration_rule: IntegrationRule,
    integration: Vec<Entry<(GrantCategory, GrantYear)>>,
    integration_total: Vec<Entry<GrantCategory>>,
    em: Vec<Entry<String>>,
    elderly: Vec<Entry<()>>,
    kindergarten: Vec<Entry<()>>,
    disability: Vec<Entry<DisabilityKind>>,
    beyond_request: Vec<Entry<()>>,
    #[serde(default)]
    recorded: Vec<RecordedValue>,
    missing: Vec<MissingNote>,
}

impl TryFrom<GrantRatesRepr> for GrantRates {
    type Error = Error;
    fn try_from(r: GrantRatesRepr) -> Result<GrantRates> {
        fn again<K: PartialEq + fmt::Debug + Clone>(
            rows: Vec<Entry<K>>,
            list: &mut Vec<Entry<K>>,
            table: &'static str,
        ) -> Result<()> {
            rows.into_iter()
                .try_for_each(|e| push(list, table, e.key, e.rate, e.ages, e.years))
        }
        // Each entry is inserted again so that a table read from JSON is checked exactly as
        // one read from TOML.
        let mut t = GrantRates::default();
        again(r.integration, &mut t.integration, "integration grant")?;
        again(
            r.integration_total,
            &mut t.integration_total,
            "integration grant total",
        )?;
        for e in r.em {
            push_em(&mut t.em, e.key, e.rate, e.ages)?;
        }
        again(r.elderly, &mut t.elderly, "elderly grant")?;
        again(r.kindergarten, &mut t.kindergarten, "kindergarten grant")?;
        again(r.disability, &mut t.disability, "disability grant")?;
        again(
            r.beyond_request,
            &mut t.beyond_request,
            "grant for settling beyond the request",
        )?;
        t.integration_rule = r.integration_rule;
        t.recorded = r.recorded;
        t.missing = r.missing;
        t.check_totals()?;
        Ok(t)
    }
}

/// A row of a rate table: its own key fields, then the validity, the amount and the source.
/// Written out per table (rather than with a flattened key) so that a wrong field is reported
/// at its own line.
macro_rules! rate_row {
    ($name:ident { $($field:ident : $ty:ty),* $(,)? }) => {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $name {
            $($field: $ty,)*
            #[serde(default)]
            year: Option<Year>,
            #[serde(default)]
            from_year: Option<Year>,
            #[serde(default)]
            to_year: Option<Year>,
            amount: Money,
            source: Source,
            #[serde(default)]
            standing: Option<Standing>,
            #[serde(default)]
            note: Option<String>,
            #[serde(default)]
            other: Vec<OtherValue>,
        }

        impl HasValidity for $name {
            fn years(&self) -> (Option<Year>, Option<Year>, Option<Year>) {
                (self.year, self.from_year, self.to_year)
            }
        }

        impl $name {
            fn rate(&self, validity: Validity) -> Rate {
                Rate {
                    amount: self.amount,
                    validity,
                    source: self.source.clone(),
                    standing: self.standing,
                    note: self.note.clone(),
                    other: self.other.clone(),
                }
            }
        }
    };
}

trait HasValidity {
    fn years(&self) -> (Option<Year>, Option<Year>, Option<Year>);
}

/// A category in the integration table, or `all` for a rate the year does not split by
/// category (grant years 2–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum CategoryOrAll {
    SingleAdult,
    OtherAdult,
    Child,
    UnaccompaniedMinor,
    All,
}

impl CategoryOrAll {
    fn categories(self) -> &'static [GrantCategory] {
        match self {
            CategoryOrAll::SingleAdult => &[GrantCategory::SingleAdult],
            CategoryOrAll::OtherAdult => &[GrantCategory::OtherAdult],
            CategoryOrAll::Child => &[GrantCategory::Child],
            CategoryOrAll::UnaccompaniedMinor => &[GrantCategory::UnaccompaniedMinor],
            CategoryOrAll::All => &GrantCategory::ALL,
        }
    }
}

rate_row!(IntegrationRow {
    category: CategoryOrAll,
    grant_year: GrantYear
});
rate_row!(TotalRow {
    category: GrantCategory
});
rate_row!(EmRow { band: String, min_age: Option<u8>, max_age: Option<u8> });
rate_row!(AgeRow { min_age: Option<u8>, max_age: Option<u8> });
rate_row!(DisabilityRow { kind: DisabilityKind, years: Option<u8> });
rate_row!(PlainRow {});

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RateFile {
    #[serde(default)]
    integration_rule: IntegrationRule,
    #[serde(default)]
    integration: Vec<IntegrationRow>,
    #[serde(default)]
    integration_total: Vec<TotalRow>,
    #[serde(default)]
    em: Vec<EmRow>,
    #[serde(default)]
    elderly: Vec<AgeRow>,
    #[serde(default)]
    kindergarten: Vec<AgeRow>,
    #[serde(default)]
    disability: Vec<DisabilityRow>,
    #[serde(default)]
    beyond_request: Vec<PlainRow>,
    #[serde(default)]
    recorded: Vec<RecordedValue>,
    #[serde(default)]
    missing: Vec<MissingNote>,
}

const BUILTIN_RATES: &str = include_str!("../../data/grant-rates.toml");

fn validity(row: &impl HasValidity, table: &str) -> Result<Validity> {
    let (year, from_year, to_year) = row.years();
    match (year, from_year, to_year) {
        (Some(y), None, None) => Ok(Validity::year(y)),
        (None, Some(f), Some(t)) if f <= t => Validity::new(f, t),
        _ => Err(Error::invalid(
            format!("{table} rate validity"),
            format!("year {year:?}, from_year {from_year:?}, to_year {to_year:?}"),
            "give either `year` or both `from_year` and `to_year` (in order)",
        )),
    }
}

fn push<K: PartialEq + fmt::Debug + Clone>(
    list: &mut Vec<Entry<K>>,
    table: &'static str,
    key: K,
    rate: Rate,
    ages: AgeLimits,
    years: Option<u8>,
) -> Result<()> {
    if rate.amount.is_negative() {
        return Err(Error::invalid(
            format!("{table} rate"),
            rate.amount,
            "a rate must not be negative",
        ));
    }
    rate.check_other(table)?;
    if let (Some(min), Some(max)) = (ages.min_age, ages.max_age) {
        if min > max {
            return Err(Error::invalid(
                format!("{table} ages"),
                ages,
                "the youngest age is above the oldest; write min_age first",
            ));
        }
    }
    if let Some(e) = list
        .iter()
        .find(|e| e.key == key && e.ages == ages && e.rate.validity.overlaps(rate.validity))
    {
        return Err(Error::OverlappingRates {
            table,
            key: format!("{key:?}"),
            first: e.rate.validity.to_string(),
            second: rate.validity.to_string(),
        });
    }
    // Age-limited rates are looked up by age, not by key: two whose ages overlap in the same
    // years would give one person two rates.
    let aged = ages != AgeLimits::default();
    if let Some(e) = list.iter().find(|e| {
        (aged || e.ages != AgeLimits::default())
            && e.ages.overlaps(ages)
            && e.rate.validity.overlaps(rate.validity)
    }) {
        let named = |k: &K, v: Validity| match format!("{k:?}").as_str() {
            "()" => v.to_string(),
            k => format!("{k} {v}"),
        };
        return Err(Error::OverlappingRates {
            table,
            key: format!("ages {} and {ages}", e.ages),
            first: named(&e.key, e.rate.validity),
            second: named(&key, rate.validity),
        });
    }
    list.push(Entry {
        key,
        rate,
        ages,
        years,
    });
    Ok(())
}

/// An EM band's name is how the tables and reports refer to it, so one name must mean one
/// age range wherever the years overlap.
fn check_band(
    list: &[Entry<String>],
    band: &str,
    ages: AgeLimits,
    validity: Validity,
) -> Result<()> {
    if let Some(e) = list
        .iter()
        .find(|e| e.key == band && e.ages != ages && e.rate.validity.overlaps(validity))
    {
        return Err(Error::invalid(
            "EM grant band",
            format!("{band:?}"),
            format!(
                "listed twice with different ages ({} and {ages}) in {validity}; give each band its own name",
                e.ages
            ),
        ));
    }
    Ok(())
}

fn push_em(list: &mut Vec<Entry<String>>, band: String, rate: Rate, ages: AgeLimits) -> Result<()> {
    check_band(list, &band, ages, rate.validity)?;
    push(list, "EM grant", band, rate, ages, None)
}

impl GrantRates {
    /// The rates this library ships (`data/grant-rates.toml`): only values the domain primer
    /// documents, each with its source; see [`GrantRates::missing`] for what is not there.
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] if the shipped table cannot be read (a build defect).
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantCategory, GrantRates, GrantYear, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// let y1 = rates.integration(Year::new(2024)?, GrantCategory::SingleAdult, GrantYear::new(1)?)?;
    /// assert_eq!(y1.amount, bosetting::Money::kroner(241_100));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn builtin() -> Result<GrantRates> {
        GrantRates::from_toml_str(BUILTIN_RATES, "built-in grant-rates.toml")
    }

    /// The old name of [`GrantRates::from_toml_str`].
    ///
    /// # Errors
    ///
    /// As [`GrantRates::from_toml_str`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::GrantRates;
    ///
    /// let toml = "[[beyond_request]]\nyear = 2030\namount = \"50000\"\nsource = { document = \"eksempel\" }\n";
    /// // Deprecated: the same as `from_toml_str`.
    /// #[allow(deprecated)]
    /// let old = GrantRates::from_toml(toml, "rates.toml");
    /// assert_eq!(old?, GrantRates::from_toml_str(toml, "rates.toml")?);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "renamed to `from_toml_str`: text is read by `from_*_str`, files by `load`"
    )]
    pub fn from_toml(text: &str, origin: &str) -> Result<GrantRates> {
        GrantRates::from_toml_str(text, origin)
    }

    /// Rates from a TOML file in the shipped file's format.
    ///
    /// # Errors
    ///
    /// [`Error::RuleTable`] naming `origin`, the line and the problem, including rates that
    /// overlap in validity for the same key and negative rates.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
    ///
    /// let toml = r#"
    /// [[integration]]
    /// from_year = 2030
    /// to_year = 2031
    /// category = "all"
    /// grant_year = 1
    /// amount = "250000"
    /// source = { document = "statsbudsjettet 2030 (eksempel)" }
    ///
    /// [[integration]]
    /// from_year = 2030
    /// to_year = 2031
    /// category = "all"
    /// grant_year = 2
    /// amount = "240000"
    /// source = { document = "statsbudsjettet 2030 (eksempel)" }
    /// "#;
    /// let rates = GrantRates::from_toml_str(toml, "rates-2030.toml")?;
    /// let child = rates.integration(Year::new(2031)?, GrantCategory::Child, GrantYear::new(2)?)?;
    /// assert_eq!(child.amount, Money::kroner(240_000));
    ///
    /// // A second rate for grant year 1 in 2031 overlaps the first: the file is refused, by name.
    /// let twice = format!("{toml}\n[[integration]]\nyear = 2031\ncategory = \"child\"\ngrant_year = 1\namount = \"1\"\nsource = {{ document = \"x\" }}\n");
    /// let err = GrantRates::from_toml_str(&twice, "rates-2030.toml").unwrap_err();
    /// assert!(err.to_string().contains("rates-2030.toml"), "{err}");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn from_toml_str(text: &str, origin: &str) -> Result<GrantRates> {
        let file: RateFile = crate::rules::from_toml(text, origin)?;
        let wrap = |e: Error| Error::RuleTable {
            origin: origin.to_owned(),
            detail: e.to_string(),
        };
        let mut t = GrantRates {
            integration_rule: file.integration_rule,
            ..GrantRates::default()
        };
        for r in file.integration {
            let v = validity(&r, "integration").map_err(wrap)?;
            for c in r.category.categories() {
                push(
                    &mut t.integration,
                    "integration grant",
                    (*c, r.grant_year),
                    r.rate(v),
                    AgeLimits::default(),
                    None,
                )
                .map_err(wrap)?;
            }
        }
        for r in file.integration_total {
            let v = validity(&r, "integration total").map_err(wrap)?;
            push(
                &mut t.integration_total,
                "integration grant total",
                r.category,
                r.rate(v),
                AgeLimits::default(),
                None,
            )
            .map_err(wrap)?;
        }
        for r in file.em {
            let v = validity(&r, "EM").map_err(wrap)?;
            let ages = AgeLimits {
                min_age: r.min_age,
                max_age: r.max_age,
            };
            let rate = r.rate(v);
            push_em(&mut t.em, r.band, rate, ages).map_err(wrap)?;
        }
        for (rows, list, table) in [
            (file.elderly, &mut t.elderly, "elderly grant"),
            (file.kindergarten, &mut t.kindergarten, "kindergarten grant"),
        ] {
            for r in rows {
                let v = validity(&r, table).map_err(wrap)?;
                let ages = AgeLimits {
                    min_age: r.min_age,
                    max_age: r.max_age,
                };
                push(list, table, (), r.rate(v), ages, None).map_err(wrap)?;
            }
        }
        for r in file.disability {
            let v = validity(&r, "disability").map_err(wrap)?;
            push(
                &mut t.disability,
                "disability grant",
                r.kind,
                r.rate(v),
                AgeLimits::default(),
                r.years,
            )
            .map_err(wrap)?;
        }
        for r in file.beyond_request {
            let v = validity(&r, "beyond request").map_err(wrap)?;
            push(
                &mut t.beyond_request,
                "grant for settling beyond the request",
                (),
                r.rate(v),
                AgeLimits::default(),
                None,
            )
            .map_err(wrap)?;
        }
        t.recorded = file.recorded;
        t.missing = file.missing;
        t.check_totals().map_err(wrap)?;
        Ok(t)
    }

    /// Every quoted five-year total must equal the sum of grant years 1–5 in the same year's
    /// table, where that table has all five for the category.
    fn check_totals(&self) -> Result<()> {
        for total in &self.integration_total {
            let mut y = total.rate.validity.first();
            while y <= total.rate.validity.last() {
                let parts: Option<Vec<Money>> = GrantYear::ALL
                    .iter()
                    .map(|k| self.integration(y, total.key, *k).ok().map(|r| r.amount))
                    .collect();
                if let Some(parts) = parts {
                    let sum = Money::sum(parts)?;
                    if sum != total.rate.amount {
                        return Err(Error::invalid(
                            "integration grant total",
                            total.rate.amount,
                            format!(
                                "the quoted five-year total for {}, {y}, is not the sum of that year's table for grant years 1–5 ({sum})",
                                total.key
                            ),
                        ));
                    }
                }
                y = y.offset(1)?;
            }
        }
        Ok(())
    }

    /// Adds an integration grant rate (for building tables in code).
    ///
    /// # Errors
    ///
    /// [`Error::OverlappingRates`] if it overlaps an existing rate for the same key;
    /// [`Error::InvalidValue`] for a negative rate.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Rate, Source, Validity, Year};
    ///
    /// let mut rates = GrantRates::default();
    /// let rate = |kroner, first, last| -> bosetting::Result<Rate> {
    ///     Ok(Rate::new(Money::kroner(kroner), Validity::new(Year::new(first)?, Year::new(last)?)?, Source::new("eksempel")))
    /// };
    /// rates.insert_integration(GrantCategory::SingleAdult, GrantYear::new(1)?, rate(250_000, 2030, 2031)?)?;
    /// let r = rates.integration(Year::new(2031)?, GrantCategory::SingleAdult, GrantYear::new(1)?)?;
    /// assert_eq!(r.amount, Money::kroner(250_000));
    ///
    /// // 2031 already has a rate for this key.
    /// let again = rates.insert_integration(GrantCategory::SingleAdult, GrantYear::new(1)?, rate(260_000, 2031, 2032)?);
    /// assert!(matches!(again, Err(bosetting::Error::OverlappingRates { .. })));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn insert_integration(
        &mut self,
        category: GrantCategory,
        grant_year: GrantYear,
        rate: Rate,
    ) -> Result<()> {
        push(
            &mut self.integration,
            "integration grant",
            (category, grant_year),
            rate,
            AgeLimits::default(),
            None,
        )
    }

    /// Adds an EM grant rate for an age band.
    ///
    /// # Errors
    ///
    /// [`Error::OverlappingRates`] if it overlaps an existing rate for the same band or
    /// ages; [`Error::InvalidValue`] for ages that run backwards, a negative rate, or a band
    /// name already used for other ages.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{AgeLimits, GrantRates, Money, Rate, Source, Validity, Year};
    ///
    /// let mut rates = GrantRates::default();
    /// let in_2030 = |kroner| -> bosetting::Result<Rate> {
    ///     Ok(Rate::new(Money::kroner(kroner), Validity::year(Year::new(2030)?), Source::new("eksempel")))
    /// };
    /// rates.insert_em("up-to-16", AgeLimits { min_age: Some(0), max_age: Some(16) }, in_2030(1_100_000)?)?;
    /// rates.insert_em("from-17", AgeLimits { min_age: Some(17), max_age: Some(20) }, in_2030(700_000)?)?;
    /// assert_eq!(rates.em_grant(Year::new(2030)?, 17)?.map(|r| r.amount), Some(Money::kroner(700_000)));
    ///
    /// // A band for 15–18-year-olds overlaps both.
    /// let overlapping = rates.insert_em("15-18", AgeLimits { min_age: Some(15), max_age: Some(18) }, in_2030(900_000)?);
    /// assert!(overlapping.is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn insert_em(&mut self, band: &str, ages: AgeLimits, rate: Rate) -> Result<()> {
        push_em(&mut self.em, band.to_owned(), rate, ages)
    }

    /// What the table is known to lack.
    pub fn missing(&self) -> &[MissingNote] {
        &self.missing
    }

    /// The table's rule: which year's rates the integration grant pays.
    pub fn integration_rule(&self) -> &IntegrationRule {
        &self.integration_rule
    }

    /// Values the sources give that the engine does not use, for reports.
    pub fn recorded(&self) -> &[RecordedValue] {
        &self.recorded
    }

    /// The integration grant per person in the table of `year` (the budget year, or the
    /// first-settlement year under [`RateYear::FirstSettlement`]), for `category` and
    /// `grant_year`. To find what a person is paid, use [`GrantRates::integration_paid`].
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] naming the year, the category and the grant year.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// // IMDi's 2017 table: grant year 4, the same for every category.
    /// let y4 = rates.integration(Year::new(2017)?, GrantCategory::Child, GrantYear::new(4)?)?;
    /// assert_eq!(y4.amount, Money::kroner(84_000));
    /// // The 2018 table is not in the shipped data: an error naming the key, never zero.
    /// let err = rates.integration(Year::new(2018)?, GrantCategory::Child, GrantYear::new(4)?).unwrap_err();
    /// assert_eq!(err.to_string(), "no integration grant rate for budget year 2018, child, grant year 4");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn integration(
        &self,
        year: Year,
        category: GrantCategory,
        grant_year: GrantYear,
    ) -> Result<&Rate> {
        self.integration
            .iter()
            .find(|e| e.key == (category, grant_year) && e.rate.validity.contains(year))
            .map(|e| &e.rate)
            .ok_or_else(|| Error::MissingRate {
                table: "integration grant",
                key: format!(
                    "{} {year}, {category}, grant year {}",
                    match self.integration_rule.year {
                        RateYear::Payment => "budget year",
                        RateYear::FirstSettlement => "first settlement",
                    },
                    grant_year.get()
                ),
            })
    }

    /// The integration grant paid for a person first settled in `first_settlement`, in
    /// `category`, for `grant_year`, by the table's rule: with [`RateYear::Payment`] the rate
    /// of the payment year's table (settled 2015, grant year 3: the 2017 table). Returns the
    /// table's year with the rate.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] naming the table's year, the category and the grant year;
    /// [`Error::InvalidValue`] for a payment year out of range.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantCategory, GrantRates, GrantYear, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// // Settled in 2013, grant year 5 is paid in 2017, from the 2017 table.
    /// let (table, rate) = rates.integration_paid(Year::new(2013)?, GrantCategory::SingleAdult, GrantYear::new(5)?)?;
    /// assert_eq!((table, rate.amount), (Year::new(2017)?, Money::kroner(70_500)));
    /// // Settled in 2024, grant year 2 would come from the 2025 table, which is not documented.
    /// assert!(rates.integration_paid(Year::new(2024)?, GrantCategory::SingleAdult, GrantYear::new(2)?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn integration_paid(
        &self,
        first_settlement: Year,
        category: GrantCategory,
        grant_year: GrantYear,
    ) -> Result<(Year, &Rate)> {
        let table = match self.integration_rule.year {
            RateYear::Payment => grant_year.payment_year(first_settlement)?,
            RateYear::FirstSettlement => first_settlement,
        };
        Ok((table, self.integration(table, category, grant_year)?))
    }

    /// The latest integration rate known before `year` for `category` and `grant_year`,
    /// with the last year it was in force before `year`: what a projection carries forward
    /// into a year whose rates the table does not hold. `None` if the table has none
    /// earlier.
    pub fn integration_latest_before(
        &self,
        year: Year,
        category: GrantCategory,
        grant_year: GrantYear,
    ) -> Option<(Year, &Rate)> {
        let before = year.offset(-1).ok()?;
        self.integration
            .iter()
            .filter(|e| e.key == (category, grant_year) && e.rate.validity.first() <= before)
            .map(|e| (e.rate.validity.last().min(before), &e.rate))
            .max_by_key(|(y, _)| *y)
    }

    /// The five-year total of the integration grant, where only a total is documented.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] if there is none.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantCategory, GrantRates, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// // The 2014 budget proposal quotes only five-year totals.
    /// let total = rates.integration_total(Year::new(2014)?, GrantCategory::SingleAdult)?;
    /// assert_eq!(total.amount, Money::kroner(717_600));
    /// assert!(rates.integration_total(Year::new(2015)?, GrantCategory::SingleAdult).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn integration_total(
        &self,
        first_settlement: Year,
        category: GrantCategory,
    ) -> Result<&Rate> {
        self.integration_total
            .iter()
            .find(|e| e.key == category && e.rate.validity.contains(first_settlement))
            .map(|e| &e.rate)
            .ok_or_else(|| Error::MissingRate {
                table: "integration grant total",
                key: format!("first settlement {first_settlement}, {category}"),
            })
    }

    /// The EM grant for a minor who reaches `age` in `payment_year`: `Ok(None)` when the
    /// year's bands do not cover the age (past the last band, 20), an error when the year
    /// has no EM rates at all.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] naming the year and the age.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantRates, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// let y2017 = Year::new(2017)?;
    /// let amount = |age| -> bosetting::Result<Option<Money>> { Ok(rates.em_grant(y2017, age)?.map(|r| r.amount)) };
    /// assert_eq!(amount(15)?, Some(Money::kroner(1_198_000)));
    /// assert_eq!(amount(18)?, Some(Money::kroner(750_000)));
    /// // Past the last band (20): no EM grant.
    /// assert_eq!(amount(21)?, None);
    /// // A year with no EM rates at all is an error, not "no grant".
    /// assert!(rates.em_grant(Year::new(2020)?, 15).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    #[doc(alias = "særskilt tilskudd for enslige mindreårige")]
    pub fn em_grant(&self, payment_year: Year, age: i32) -> Result<Option<&Rate>> {
        let year_rows: Vec<&Entry<String>> = self
            .em
            .iter()
            .filter(|e| e.rate.validity.contains(payment_year))
            .collect();
        if year_rows.is_empty() {
            return Err(Error::MissingRate {
                table: "EM grant",
                key: format!("payment year {payment_year}, age {age}"),
            });
        }
        Ok(year_rows
            .into_iter()
            .find(|e| e.ages.covers(age))
            .map(|e| &e.rate))
    }

    fn one_off<'a>(
        list: &'a [Entry<()>],
        table: &'static str,
        year: Year,
        age: i32,
    ) -> Result<Option<&'a Rate>> {
        let rows: Vec<&Entry<()>> = list
            .iter()
            .filter(|e| e.rate.validity.contains(year))
            .collect();
        if rows.is_empty() {
            return Err(Error::MissingRate {
                table,
                key: format!("settlement year {year}"),
            });
        }
        Ok(rows
            .into_iter()
            .find(|e| e.ages.covers(age))
            .map(|e| &e.rate))
    }

    /// The one-off elderly grant for a person who reaches `age` in the settlement year
    /// (`Ok(None)` if under the age limit).
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] if the year has no rate.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantRates, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// let y2017 = Year::new(2017)?;
    /// assert_eq!(rates.elderly(y2017, 65)?.map(|r| r.amount), Some(Money::kroner(164_200)));
    /// // Under the age limit of 60: no grant.
    /// assert_eq!(rates.elderly(y2017, 59)?, None);
    /// assert!(rates.elderly(Year::new(2020)?, 65).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn elderly(&self, settled: Year, age: i32) -> Result<Option<&Rate>> {
        Self::one_off(&self.elderly, "elderly grant", settled, age)
    }

    /// The one-off kindergarten grant for a child who reaches `age` in the settlement year
    /// (`Ok(None)` if over the age limit).
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] if the year has no rate.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantRates, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// let y2024 = Year::new(2024)?;
    /// assert_eq!(rates.kindergarten(y2024, 3)?.map(|r| r.amount), Some(Money::kroner(27_800)));
    /// // Over the age limit of 5: no grant.
    /// assert_eq!(rates.kindergarten(y2024, 6)?, None);
    /// assert!(rates.kindergarten(Year::new(2020)?, 3).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn kindergarten(&self, settled: Year, age: i32) -> Result<Option<&Rate>> {
        Self::one_off(&self.kindergarten, "kindergarten grant", settled, age)
    }

    /// A disability grant and, for the yearly one, for how many years it is paid.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] if the year has no rate of that kind.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{DisabilityKind, GrantRates, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// let y2019 = Year::new(2019)?;
    /// let (yearly, years) = rates.disability(y2019, DisabilityKind::Yearly)?;
    /// assert_eq!((yearly.amount, years), (Money::kroner(1_320_000), 5));
    /// let (once, years) = rates.disability(y2019, DisabilityKind::OneOff)?;
    /// assert_eq!((once.amount, years), (Money::kroner(190_800), 1));
    /// assert!(rates.disability(Year::new(2015)?, DisabilityKind::OneOff).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn disability(&self, year: Year, kind: DisabilityKind) -> Result<(&Rate, u8)> {
        self.disability
            .iter()
            .find(|e| e.key == kind && e.rate.validity.contains(year))
            .map(|e| (&e.rate, e.years.unwrap_or(1)))
            .ok_or_else(|| Error::MissingRate {
                table: "disability grant",
                key: format!("{year}, {kind:?}"),
            })
    }

    /// The per-person grant for settling beyond the request.
    ///
    /// # Errors
    ///
    /// [`Error::MissingRate`] if the year has none.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{GrantRates, Money, Year};
    ///
    /// let rates = GrantRates::builtin()?;
    /// assert_eq!(rates.beyond_request(Year::new(2016)?)?.amount, Money::kroner(50_000));
    /// assert!(rates.beyond_request(Year::new(2018)?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn beyond_request(&self, year: Year) -> Result<&Rate> {
        self.beyond_request
            .iter()
            .find(|e| e.rate.validity.contains(year))
            .map(|e| &e.rate)
            .ok_or_else(|| Error::MissingRate {
                table: "grant for settling beyond the request",
                key: format!("settlement year {year}"),
            })
    }
}

/// Persons first settled together, as the grant sees them.
///
/// # Example
///
/// ```
/// use bosetting::{entitlements, GrantCategory, GrantCohort, GrantKind, GrantRates, Money, Source, Year};
/// use chrono::NaiveDate;
///
/// // Two children born in 2014, settled in 2017 beyond the request.
/// let children = GrantCohort {
///     label: "barn 2017".into(),
///     first_settlement: NaiveDate::from_ymd_opt(2017, 9, 1).ok_or("date")?,
///     category: GrantCategory::Child,
///     persons: 2,
///     birth_year: Some(Year::new(2014)?),
///     grant_years: None,
///     disability: None,
///     beyond_request: true,
///     source: Source::new("bosettingsregister"),
/// };
/// let y = Year::new(2017)?;
/// let due = entitlements(&[children], &GrantRates::builtin()?, y, y)?;
/// let kinds: Vec<&GrantKind> = due.lines.iter().map(|l| &l.kind).collect();
/// assert_eq!(kinds.len(), 3); // year 1, the kindergarten grant, the grant beyond the request
/// assert!(kinds.contains(&&GrantKind::Kindergarten));
/// // 2 × (185 000 + 25 100 + 50 000).
/// assert_eq!(due.total(y)?.value, Money::kroner(520_200));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantCohort {
    /// A label for explanations ("2022 single adults").
    pub label: String,
    /// First settlement in Norway: it fixes the grant years (1 in the settlement year); the
    /// rate paid in each is the one the rate table's [`IntegrationRule`] names (by default the
    /// payment year's rate for that grant year).
    pub first_settlement: NaiveDate,
    /// The grant category.
    pub category: GrantCategory,
    /// How many persons.
    pub persons: u32,
    /// Year of birth, where age matters (EM grant, elderly and kindergarten grants).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_year: Option<Year>,
    /// Grant years to pay, if fewer than five (3 for family of a humanitarian-permit holder;
    /// see [`crate::FamilyCase::grant`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_years: Option<u8>,
    /// A disability grant, if granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability: Option<DisabilityKind>,
    /// Whether the persons were settled beyond the request (extra grant, where a year has
    /// one).
    #[serde(default)]
    pub beyond_request: bool,
    /// Where the cohort is recorded.
    pub source: Source,
}

impl GrantCohort {
    /// The family-reunified persons of a case as a grant cohort: settled when they arrived
    /// (or applied, if the arrival is not recorded), paid for the grant years the
    /// reunification rule gives them, and none at all if they applied too late.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{FamilyCase, FamilyGrantRule, GrantCategory, GrantCohort, Source, Sponsor};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
    /// let case = FamilyCase {
    ///     sponsor: Sponsor::HumanitarianPermit,
    ///     sponsor_settled: d(2019, 3, 1),
    ///     applied: d(2021, 6, 1),
    ///     arrived: Some(d(2022, 2, 1)),
    ///     persons: 3,
    ///     source: Source::new("saksmappe"),
    /// };
    /// let c = GrantCohort::from_family_case(&case, &FamilyGrantRule::imdi(), GrantCategory::Child)?
    ///     .expect("applied within the window");
    /// assert_eq!(c.grant_years, Some(3));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`crate::FamilyCase::grant`].
    pub fn from_family_case(
        case: &crate::family::FamilyCase,
        rule: &crate::family::FamilyGrantRule,
        category: GrantCategory,
    ) -> Result<Option<GrantCohort>> {
        let g = case.grant(rule)?;
        if !g.value.eligible {
            return Ok(None);
        }
        Ok(Some(GrantCohort {
            label: format!("family reunified {}", case.arrived.unwrap_or(case.applied)),
            first_settlement: case.arrived.unwrap_or(case.applied),
            category,
            persons: case.persons,
            birth_year: None,
            grant_years: Some(g.value.years),
            disability: None,
            beyond_request: false,
            source: case.source.clone(),
        }))
    }
}

/// Which grant a line is.
///
/// # Example
///
/// ```
/// use bosetting::{GrantCategory, GrantKind, GrantYear};
///
/// assert_eq!(GrantKind::Integration(GrantCategory::Child, GrantYear::new(2)?).phrase().id(), "integration grant, {category}, grant year {year}");
/// assert_eq!(GrantKind::Elderly.to_string(), "elderly grant");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "eldretilskudd")]
#[doc(alias = "barnehagetilskudd")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GrantKind {
    /// The integration grant for a grant year.
    Integration(GrantCategory, GrantYear),
    /// The EM grant for the age reached.
    Em(i32),
    /// The one-off elderly grant.
    Elderly,
    /// The one-off kindergarten grant.
    Kindergarten,
    /// A disability grant.
    Disability(DisabilityKind),
    /// The grant for settling beyond the request.
    BeyondRequest,
}

impl GrantCategory {
    /// The category as words a report translates.
    pub fn phrase(self) -> Phrase {
        Phrase::new(match self {
            GrantCategory::SingleAdult => "single adult",
            GrantCategory::OtherAdult => "other adult",
            GrantCategory::Child => "child",
            GrantCategory::UnaccompaniedMinor => "unaccompanied minor",
        })
    }
}

impl GrantKind {
    /// The grant's name as words a report translates.
    pub fn phrase(&self) -> Phrase {
        match *self {
            GrantKind::Integration(c, k) => {
                Phrase::new("integration grant, {category}, grant year {year}")
                    .with("category", c.phrase())
                    .with("year", k.get())
            }
            GrantKind::Em(age) => Phrase::new("EM grant, age {age}").with("age", age),
            GrantKind::Elderly => Phrase::new("elderly grant"),
            GrantKind::Kindergarten => Phrase::new("kindergarten grant"),
            GrantKind::Disability(DisabilityKind::OneOff) => Phrase::new("disability grant 1"),
            GrantKind::Disability(DisabilityKind::Yearly) => Phrase::new("disability grant 2"),
            GrantKind::BeyondRequest => Phrase::new("grant for settling beyond the request"),
        }
    }
}

impl fmt::Display for GrantKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GrantKind::Integration(c, k) => {
                write!(f, "integration grant, {c}, grant year {}", k.get())
            }
            GrantKind::Em(age) => write!(f, "EM grant, age {age}"),
            GrantKind::Elderly => f.write_str("elderly grant"),
            GrantKind::Kindergarten => f.write_str("kindergarten grant"),
            GrantKind::Disability(DisabilityKind::OneOff) => f.write_str("disability grant 1"),
            GrantKind::Disability(DisabilityKind::Yearly) => f.write_str("disability grant 2"),
            GrantKind::BeyondRequest => f.write_str("grant for settling beyond the request"),
        }
    }
}

/// One grant due in one year for one cohort.
///
/// # Example
///
/// ```
/// use bosetting::{entitlements, GrantCategory, GrantCohort, GrantKind, GrantRates, GrantYear, Money, Source, Year};
/// use chrono::NaiveDate;
///
/// // An unaccompanied minor born in 2001, settled in 2017: the EM grant beside year 1.
/// let minor = GrantCohort {
///     label: "EM 2017".into(),
///     first_settlement: NaiveDate::from_ymd_opt(2017, 2, 1).ok_or("date")?,
///     category: GrantCategory::UnaccompaniedMinor,
///     persons: 1,
///     birth_year: Some(Year::new(2001)?),
///     grant_years: None,
///     disability: None,
///     beyond_request: false,
///     source: Source::new("bosettingsregister"),
/// };
/// let y = Year::new(2017)?;
/// let due = entitlements(&[minor], &GrantRates::builtin()?, y, y)?;
/// let lines: Vec<(GrantKind, Money)> = due.lines.iter().map(|l| (l.kind.clone(), l.amount)).collect();
/// assert_eq!(lines, [
///     (GrantKind::Integration(GrantCategory::UnaccompaniedMinor, GrantYear::new(1)?), Money::kroner(185_000)),
///     (GrantKind::Em(16), Money::kroner(1_198_000)),
/// ]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitlementLine {
    /// The year it is due.
    pub year: Year,
    /// The cohort's label.
    pub cohort: String,
    /// Which grant.
    pub kind: GrantKind,
    /// Persons.
    pub persons: u32,
    /// Rate per person.
    pub rate: Money,
    /// Persons × rate.
    pub amount: Money,
    /// The line, explained: cohort, category, grant year, rate and its source.
    pub explanation: Explanation,
}

/// The grants due per calendar year.
///
/// # Example
///
/// ```
/// use bosetting::{Entitlements, Money, Year};
///
/// // No cohorts, nothing due.
/// let none = Entitlements::default();
/// assert_eq!(none.total(Year::new(2024)?)?.value, Money::kroner(0));
/// assert!(none.by_year()?.is_empty());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Entitlements {
    /// Every line, ordered by year.
    pub lines: Vec<EntitlementLine>,
}

impl Entitlements {
    /// The total due in `year`, explained by its lines.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{entitlements, GrantCategory, GrantCohort, GrantRates, Money, Source, Year};
    /// use chrono::NaiveDate;
    ///
    /// let toml = r#"
    /// [[integration]]
    /// from_year = 2030
    /// to_year = 2031
    /// category = "all"
    /// grant_year = 1
    /// amount = "250000"
    /// source = { document = "statsbudsjettet 2030 (eksempel)" }
    ///
    /// [[integration]]
    /// from_year = 2030
    /// to_year = 2031
    /// category = "all"
    /// grant_year = 2
    /// amount = "240000"
    /// source = { document = "statsbudsjettet 2030 (eksempel)" }
    /// "#;
    /// let rates = GrantRates::from_toml_str(toml, "rates-2030.toml")?;
    /// let cohort = GrantCohort {
    ///     label: "2030 single adults".into(),
    ///     first_settlement: NaiveDate::from_ymd_opt(2030, 5, 1).ok_or("date")?,
    ///     category: GrantCategory::SingleAdult,
    ///     persons: 4,
    ///     birth_year: None,
    ///     grant_years: None,
    ///     disability: None,
    ///     beyond_request: false,
    ///     source: Source::new("bosettingsregister"),
    /// };
    /// let due = entitlements(&[cohort], &rates, Year::new(2030)?, Year::new(2031)?)?;
    /// // Grant year 2 in 2031: 4 × 240 000.
    /// assert_eq!(due.total(Year::new(2031)?)?.value, Money::kroner(960_000));
    /// // Nothing is due outside the lines.
    /// assert_eq!(due.total(Year::new(2032)?)?.value, Money::kroner(0));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn total(&self, year: Year) -> Result<Derived<Money>> {
        let lines: Vec<&EntitlementLine> = self.lines.iter().filter(|l| l.year == year).collect();
        let v = Money::sum(lines.iter().map(|l| l.amount))?;
        Ok(Derived::new(
            v,
            Explanation::derived(
                Phrase::new("grants due in {year}").with("year", year),
                Quantity::money(v),
                "sum of persons × rate over the lines",
                lines.iter().map(|l| l.explanation.clone()).collect(),
            ),
        ))
    }

    /// Totals per year.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{entitlements, GrantCategory, GrantCohort, GrantRates, Money, Source, Year};
    /// use chrono::NaiveDate;
    ///
    /// let toml = r#"
    /// [[integration]]
    /// from_year = 2030
    /// to_year = 2031
    /// category = "all"
    /// grant_year = 1
    /// amount = "250000"
    /// source = { document = "statsbudsjettet 2030 (eksempel)" }
    ///
    /// [[integration]]
    /// from_year = 2030
    /// to_year = 2031
    /// category = "all"
    /// grant_year = 2
    /// amount = "240000"
    /// source = { document = "statsbudsjettet 2030 (eksempel)" }
    /// "#;
    /// let rates = GrantRates::from_toml_str(toml, "rates-2030.toml")?;
    /// let cohort = GrantCohort {
    ///     label: "2030 single adults".into(),
    ///     first_settlement: NaiveDate::from_ymd_opt(2030, 5, 1).ok_or("date")?,
    ///     category: GrantCategory::SingleAdult,
    ///     persons: 4,
    ///     birth_year: None,
    ///     grant_years: None,
    ///     disability: None,
    ///     beyond_request: false,
    ///     source: Source::new("bosettingsregister"),
    /// };
    /// let due = entitlements(&[cohort], &rates, Year::new(2030)?, Year::new(2031)?)?;
    /// let totals: Vec<(i32, Money)> = due.by_year()?.into_iter().map(|(y, m)| (y.get(), m)).collect();
    /// assert_eq!(totals, [(2030, Money::kroner(1_000_000)), (2031, Money::kroner(960_000))]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn by_year(&self) -> Result<BTreeMap<Year, Money>> {
        let mut out: BTreeMap<Year, Money> = BTreeMap::new();
        for l in &self.lines {
            let slot = out.entry(l.year).or_insert(Money::ZERO);
            *slot = slot.checked_add(l.amount)?;
        }
        Ok(out)
    }
}

/// The grants due in the calendar years `from..=to` for `cohorts` under `rates`: the
/// integration grant for grant year 1 in the settlement year and years 2–5 after (fewer when
/// the cohort's grant years are limited), each at the rate the table's [`IntegrationRule`]
/// names (by default the payment year's rate for that grant year);
/// the EM grant each year up to the last age band; one-off grants in the settlement year.
///
/// # Example
///
/// ```
/// use bosetting::{entitlements, GrantCategory, GrantCohort, GrantRates, Source, Year};
/// use chrono::NaiveDate;
///
/// let cohort = GrantCohort {
///     label: "2024 single adults".into(),
///     first_settlement: NaiveDate::from_ymd_opt(2024, 3, 1).unwrap(),
///     category: GrantCategory::SingleAdult,
///     persons: 10,
///     birth_year: None,
///     grant_years: None,
///     disability: None,
///     beyond_request: false,
///     source: Source::new("bosettingsregister"),
/// };
/// let rates = GrantRates::builtin()?;
/// let due = entitlements(&[cohort.clone()], &rates, Year::new(2024)?, Year::new(2024)?)?;
/// assert_eq!(due.total(Year::new(2024)?)?.value.to_string(), "2411000 kr");
/// // Year 2 for a 2024 cohort (the 2025 table) is not documented: an error, never zero.
/// assert!(entitlements(&[cohort], &rates, Year::new(2024)?, Year::new(2025)?).is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::MissingRate`] for a rate the table lacks (naming year, category and grant
/// year); [`Error::NotComputable`] for an EM, elderly or kindergarten question without a
/// birth year; [`Error::Overflow`] on overflow.
#[doc(alias = "integreringstilskudd")]
pub fn entitlements(
    cohorts: &[GrantCohort],
    rates: &GrantRates,
    from: Year,
    to: Year,
) -> Result<Entitlements> {
    let mut lines = Vec::new();
    for c in cohorts {
        let settled = Year::of(c.first_settlement)?;
        let max_years = c.grant_years.unwrap_or(5).min(5);
        let persons = Decimal::from(c.persons);
        let mut line = |year: Year, kind: GrantKind, rate: &Rate| -> Result<()> {
            let amount = rate.amount.checked_mul(persons)?;
            let explanation = Explanation::derived(
                Phrase::new("{kind} for {cohort} in {year}")
                    .with("kind", kind.phrase())
                    .with("cohort", Arg::verbatim(c.label.clone()))
                    .with("year", year),
                Quantity::money(amount),
                "persons × rate",
                vec![
                    Explanation::input(
                        Phrase::new("persons in {cohort}")
                            .with("cohort", Arg::verbatim(c.label.clone())),
                        Quantity::persons(c.persons),
                        c.source.clone(),
                    ),
                    rate.explain(kind.phrase()),
                ],
            );
            lines.push(EntitlementLine {
                year,
                cohort: c.label.clone(),
                kind,
                persons: c.persons,
                rate: rate.amount,
                amount,
                explanation,
            });
            Ok(())
        };
        for k in GrantYear::ALL.into_iter().take(usize::from(max_years)) {
            let year = k.payment_year(settled)?;
            if year < from || year > to {
                continue;
            }
            let (_, r) = rates.integration_paid(settled, c.category, k)?;
            line(year, GrantKind::Integration(c.category, k), r)?;
        }
        let age_in = |y: Year, what: &str| -> Result<i32> {
            c.birth_year.map(|b| y.since(b)).ok_or_else(|| {
                Error::not_computable(
                    format!("{what} for {}", c.label),
                    "the cohort has no birth year",
                )
            })
        };
        if c.category == GrantCategory::UnaccompaniedMinor {
            let mut y = settled.max(from);
            while y <= to {
                let age = age_in(y, "EM grant")?;
                match rates.em_grant(y, age)? {
                    Some(r) => line(y, GrantKind::Em(age), r)?,
                    None if age > 20 => break,
                    None => {}
                }
                y = y.offset(1)?;
            }
        }
        if settled >= from && settled <= to {
            if c.category != GrantCategory::UnaccompaniedMinor && c.birth_year.is_some() {
                let age = age_in(settled, "elderly grant")?;
                if age >= 18 {
                    if let Some(r) = rates.elderly(settled, age)? {
                        line(settled, GrantKind::Elderly, r)?;
                    }
                } else if let Some(r) = rates.kindergarten(settled, age)? {
                    line(settled, GrantKind::Kindergarten, r)?;
                }
            }
            if c.beyond_request {
                let r = rates.beyond_request(settled)?;
                line(settled, GrantKind::BeyondRequest, r)?;
            }
        }
        if let Some(kind) = c.disability {
            let (r, years) = rates.disability(settled, kind)?;
            let n = if kind == DisabilityKind::OneOff {
                1
            } else {
                years.min(5)
            };
            for i in 0..n {
                let y = settled.offset(i32::from(i))?;
                if y >= from && y <= to {
                    line(y, GrantKind::Disability(kind), r)?;
                }
            }
        }
    }
    lines.sort_by(|a, b| a.year.cmp(&b.year).then_with(|| a.cohort.cmp(&b.cohort)));
    Ok(Entitlements { lines })
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
    use proptest::prelude::*;

    fn synthetic() -> GrantRates {
        let mut t = GrantRates::default();
        for c in GrantCategory::ALL {
            for k in GrantYear::ALL {
                t.insert_integration(
                    c,
                    k,
                    Rate::new(
                        Money::kroner(100_000 - 10_000 * i64::from(k.get())),
                        Validity::new(Year::new(2000).unwrap(), Year::new(2100).unwrap()).unwrap(),
                        Source::new("synthetic test rates"),
                    ),
                )
                .unwrap();
            }
        }
        t
    }

    fn cohort(year: i32, persons: u32, limit: Option<u8>) -> GrantCohort {
        GrantCohort {
            label: format!("c{year}"),
            first_settlement: NaiveDate::from_ymd_opt(year, 6, 1).unwrap(),
            category: GrantCategory::OtherAdult,
            persons,
            birth_year: None,
            grant_years: limit,
            disability: None,
            beyond_request: false,
            source: Source::new("t"),
        }
    }

    #[test]
    fn builtin_reads_and_reports_what_is_missing() {
        let r = GrantRates::builtin().unwrap();
        assert!(!r.missing().is_empty());
        let y = Year::new(2023).unwrap();
        assert_eq!(
            r.em_grant(y, 15).unwrap().unwrap().amount,
            Money::kroner(1_118_000)
        );
        assert_eq!(
            r.em_grant(y, 17).unwrap().unwrap().amount,
            Money::kroner(705_000)
        );
        assert!(r.em_grant(y, 21).unwrap().is_none());
        assert!(r.em_grant(Year::new(2022).unwrap(), 15).is_err());
        assert_eq!(r.disability(y, DisabilityKind::Yearly).unwrap().1, 5);
    }

    fn em_row(band: &str, min_age: u8, max_age: u8) -> String {
        format!(
            "[[em]]\nyear = 2023\nband = \"{band}\"\nmin_age = {min_age}\nmax_age = {max_age}\namount = \"1\"\nsource = {{ document = \"x\" }}\n"
        )
    }

    #[test]
    fn contradictory_age_bands_are_refused() {
        let both = |a: String, b: String| {
            GrantRates::from_toml_str(&format!("{a}{b}"), "r.toml")
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        let e = both(em_row("young", 0, 16), em_row("old", 16, 20));
        assert_eq!(
            e,
            "rule table r.toml: overlapping EM grant rates for ages 0–16 and 16–20: \"young\" 2023 and \"old\" 2023"
        );
        let e = both(em_row("young", 0, 15), em_row("young", 17, 20));
        assert_eq!(
            e,
            "rule table r.toml: invalid EM grant band \"young\": listed twice with different ages (0–15 and 17–20) in 2023; give each band its own name"
        );
        let e = GrantRates::from_toml_str(&em_row("young", 16, 0), "r.toml")
            .map(|_| ())
            .unwrap_err()
            .to_string();
        assert_eq!(
            e,
            "rule table r.toml: invalid EM grant ages 16–0: the youngest age is above the oldest; write min_age first"
        );
        let text = "[[elderly]]\nyear = 2024\nmin_age = 60\namount = \"1\"\nsource = { document = \"x\" }\n[[elderly]]\nyear = 2024\nmin_age = 67\namount = \"2\"\nsource = { document = \"y\" }\n";
        let e = GrantRates::from_toml_str(text, "r.toml")
            .map(|_| ())
            .unwrap_err();
        assert!(
            e.to_string()
                .contains("overlapping elderly grant rates for ages 60– and 67–"),
            "{e}"
        );
    }

    #[test]
    fn a_validity_that_ends_before_it_starts_is_refused() {
        let y = |n| Year::new(n).unwrap();
        let e = Validity::new(y(2024), y(2020)).unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid validity 2024–2020: it ends before it starts; write the first year first"
        );
        assert_eq!(
            Validity::new(y(2020), y(2020)).unwrap(),
            Validity::year(y(2020))
        );
        let e = serde_json::from_str::<Validity>(r#"{"from":2024,"to":2020}"#).unwrap_err();
        assert!(e.to_string().contains("invalid validity 2024–2020"), "{e}");
        // A whole table read from JSON is checked as one read from TOML.
        let mut bad = serde_json::to_value(synthetic()).unwrap();
        let first = bad["integration"][0].clone();
        bad["integration"].as_array_mut().unwrap().push(first);
        let e = serde_json::from_value::<GrantRates>(bad).unwrap_err();
        assert!(
            e.to_string()
                .contains("overlapping integration grant rates"),
            "{e}"
        );
    }

    #[test]
    fn overlapping_and_bad_tables() {
        let text = r#"
[[integration]]
from_year = 2020
to_year = 2024
category = "child"
grant_year = 1
amount = "100"
source = { document = "a" }
[[integration]]
year = 2024
category = "child"
grant_year = 1
amount = "200"
source = { document = "b" }
"#;
        let e = GrantRates::from_toml_str(text, "rates.toml").unwrap_err();
        assert_eq!(
            e.to_string(),
            "rule table rates.toml: overlapping integration grant rates for (Child, GrantYear(1)): 2020–2024 and 2024"
        );
        let e = GrantRates::from_toml_str("[[integration]]\nyear = 2024\ncategory = \"alien\"\ngrant_year = 1\namount = \"1\"\nsource = { document = \"x\" }\n", "r.toml").unwrap_err();
        assert!(e.to_string().contains("line 3"), "{e}");
        let e = GrantRates::from_toml_str(
            "[[elderly]]\nyear = 2024\namount = \"-5\"\nsource = { document = \"x\" }\n",
            "r.toml",
        )
        .unwrap_err();
        assert!(e.to_string().contains("must not be negative"), "{e}");
    }

    #[test]
    fn family_of_humanitarian_permit_gets_three_years() {
        let e = entitlements(
            &[cohort(2019, 2, Some(3))],
            &synthetic(),
            Year::new(2019).unwrap(),
            Year::new(2030).unwrap(),
        )
        .unwrap();
        assert_eq!(e.by_year().unwrap().len(), 3);
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn a_cohort_is_paid_in_at_most_five_years_never_before_settlement(year in 2000i32..2090, persons in 0u32..10_000, limit in proptest::option::of(1u8..=5)) {
            let e = entitlements(&[cohort(year, persons, limit)], &synthetic(), Year::new(1990).unwrap(), Year::new(2100).unwrap()).unwrap();
            let years = e.by_year().unwrap();
            prop_assert!(years.len() <= 5);
            prop_assert_eq!(years.len(), usize::from(limit.unwrap_or(5)));
            for y in years.keys() {
                prop_assert!(y.get() >= year && y.get() < year + 5);
            }
        }

        #[test]
        fn total_grants_are_monotone_in_persons(year in 2000i32..2090, a in 0u32..10_000, extra in 0u32..10_000) {
            let r = synthetic();
            let span = (Year::new(1990).unwrap(), Year::new(2100).unwrap());
            let sum = |n| {
                let e = entitlements(&[cohort(year, n, None)], &r, span.0, span.1).unwrap();
                Money::sum(e.by_year().unwrap().into_values()).unwrap()
            };
            prop_assert!(sum(a) <= sum(a + extra));
        }
    }
}
