//! The municipal refugee fund (*flyktningfond*): a ledger under the municipality's own rules.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::explain::{Derived, Explanation, Quantity};
use crate::money::Money;
use crate::phrase::{Arg, Phrase};
use crate::provenance::{Fact, Source};
use crate::ratio::Ratio;
use crate::rounding::RoundingRule;

/// The municipality's rules for its fund. No national statute governs these funds, so every
/// rule is a parameter with the council decision (or statutes) it comes from.
///
/// Built by [`FundRules::new`] with the source of the rules, then `with_*` for each rule
/// the source states; a rule not set is the default: no share of a surplus goes in by
/// rule, a withdrawal may cover any purpose, there is no cap, and the balance may not go
/// below zero. [`FundRules::default`] is those rules with a source that says they are
/// assumed. `#[non_exhaustive]`: it may gain rules, each with a default and a setter.
///
/// # Example
///
/// ```
/// use bosetting::{FundRules, Money, Ratio, Source};
///
/// let rules = FundRules::new(Source::new("vedtekter for Flyktningfondet"))
///     .with_surplus_share(Ratio::of(1, 2)?)?
///     .with_cap(Money::kroner(40_000_000))?
///     .with_withdrawal_purposes(vec!["cover lost grant income".into()]);
/// assert!(!rules.allow_negative);
///
/// let e = FundRules::default().with_surplus_share(Ratio::of(3, 2)?).unwrap_err();
/// assert_eq!(e.to_string(), "invalid fund surplus share 3/2: a share from 0 to 1 of the surplus");
/// assert!(FundRules::default().source.assumption.is_some());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "flyktningfond")]
#[doc(alias = "vedtekter")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FundRules {
    /// The share of a year's surplus that goes into the fund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub surplus_share: Option<Ratio>,
    /// The purposes a withdrawal may cover; empty means any.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub withdrawal_purposes: Vec<String>,
    /// The most the fund may hold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cap: Option<Money>,
    /// Whether the balance may go below zero.
    #[serde(default)]
    pub allow_negative: bool,
    /// Where the rules are decided (*vedtekter*, a council decision).
    pub source: Source,
}

impl FundRules {
    /// The rules decided in `source`, each at its default until set.
    pub fn new(source: Source) -> FundRules {
        FundRules {
            surplus_share: None,
            withdrawal_purposes: Vec::new(),
            cap: None,
            allow_negative: false,
            source,
        }
    }

    /// With `share` (0 to 1) of a year's surplus going into the fund.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a share below 0 or above 1.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{FundRules, Ratio, Source};
    ///
    /// let rules = FundRules::new(Source::new("bystyret, sak 12/20")).with_surplus_share(Ratio::of(1, 2)?)?;
    /// assert_eq!(rules.surplus_share, Some(Ratio::of(1, 2)?));
    /// // More than the whole surplus cannot go in.
    /// assert!(FundRules::new(Source::new("x")).with_surplus_share(Ratio::of(3, 2)?).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_surplus_share(mut self, share: Ratio) -> Result<FundRules> {
        if share.numerator().is_sign_negative() || share.numerator() > share.denominator() {
            return Err(Error::invalid(
                "fund surplus share",
                share,
                "a share from 0 to 1 of the surplus",
            ));
        }
        self.surplus_share = Some(share);
        Ok(self)
    }

    /// With withdrawals allowed only for `purposes` (empty: any purpose).
    pub fn with_withdrawal_purposes(mut self, purposes: Vec<String>) -> FundRules {
        self.withdrawal_purposes = purposes;
        self
    }

    /// With the most the fund may hold.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a negative cap.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{FundRules, Money, Source};
    ///
    /// let rules = FundRules::new(Source::new("vedtekter")).with_cap(Money::kroner(40_000_000))?;
    /// assert_eq!(rules.cap, Some(Money::kroner(40_000_000)));
    /// assert!(FundRules::new(Source::new("x")).with_cap(Money::kroner(-1)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn with_cap(mut self, cap: Money) -> Result<FundRules> {
        if cap.is_negative() {
            return Err(Error::invalid(
                "fund cap",
                cap,
                "the most a fund may hold cannot be negative",
            ));
        }
        self.cap = Some(cap);
        Ok(self)
    }

    /// With whether the balance may go below zero.
    pub fn with_allow_negative(mut self, allow: bool) -> FundRules {
        self.allow_negative = allow;
        self
    }
}

/// No rules stated: the defaults of [`FundRules::new`] (no surplus share by rule, any
/// purpose, no cap, no negative balance) with a source that says they are assumed.
impl Default for FundRules {
    fn default() -> FundRules {
        FundRules::new(Source::new("no fund rules stated").assumed(
            "the fund's rules are not given: no share of a surplus by rule, withdrawals for any purpose, no cap, and no negative balance",
        ))
    }
}

/// Into or out of the fund.
///
/// # Example
///
/// ```
/// use bosetting::{EntryKind, FundEntry, Money, Source};
/// use chrono::NaiveDate;
///
/// let day = NaiveDate::from_ymd_opt(2020, 12, 31).ok_or("date")?;
/// let out = FundEntry::new(day, EntryKind::Withdrawal, Money::kroner(11_200_000), "drift", Source::new("regnskap"))?;
/// let into = FundEntry::new(day, EntryKind::Deposit, Money::kroner(300_000), "overskudd", Source::new("regnskap"))?;
/// // The amount is never negative; the kind gives the sign.
/// assert_eq!((out.signed(), into.signed()), (Money::kroner(-11_200_000), Money::kroner(300_000)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// Money into the fund.
    Deposit,
    /// Money out of the fund.
    Withdrawal,
}

/// One movement in the fund.
///
/// Its parts are private, so no program can write a movement of a negative amount:
///
/// ```compile_fail,E0451
/// use bosetting::{EntryKind, FundEntry, Money, Source};
/// use bosetting::chrono::NaiveDate;
///
/// let e = FundEntry {
///     date: NaiveDate::MIN, kind: EntryKind::Deposit, amount: Money::kroner(-5),
///     purpose: "surplus".into(), source: Source::new("x"),
/// };
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FundEntry {
    // Private so that every amount is positive (the kind says in or out): built by the
    // checked `new`, read through the getters of the same names.
    date: NaiveDate,
    kind: EntryKind,
    amount: Money,
    purpose: String,
    source: Source,
}

deserialize_through!(FundEntry::new {
    date: NaiveDate,
    kind: EntryKind,
    amount: Money,
    purpose: String,
    source: Source,
});

impl FundEntry {
    /// A movement of `amount` into or out of the fund on `date`, for `purpose` ("cover lost
    /// grant income", "surplus 2019"), documented in `source`. Whether the fund's rules allow
    /// it is checked when it is posted ([`FundLedger::post`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] if `amount` is zero or negative: the kind says in or out.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{EntryKind, FundEntry, Money, Source};
    /// use chrono::NaiveDate;
    ///
    /// let d = NaiveDate::from_ymd_opt(2020, 12, 31).unwrap();
    /// let out = FundEntry::new(d, EntryKind::Withdrawal, Money::kroner(11_200_000),
    ///     "cover lost grant income", Source::new("regnskap 2020"))?;
    /// assert_eq!(out.signed(), Money::kroner(-11_200_000));
    /// assert!(FundEntry::new(d, EntryKind::Withdrawal, Money::kroner(-5),
    ///     "cover lost grant income", Source::new("regnskap 2020")).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        date: NaiveDate,
        kind: EntryKind,
        amount: Money,
        purpose: impl Into<String>,
        source: Source,
    ) -> Result<FundEntry> {
        if amount <= Money::ZERO {
            return Err(Error::invalid(
                "fund movement amount",
                amount,
                "must be positive (the kind says in or out)",
            ));
        }
        Ok(FundEntry {
            date,
            kind,
            amount,
            purpose: purpose.into(),
            source,
        })
    }

    /// When.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// In or out.
    pub fn kind(&self) -> EntryKind {
        self.kind
    }

    /// How much (positive).
    pub fn amount(&self) -> Money {
        self.amount
    }

    /// What for.
    pub fn purpose(&self) -> &str {
        &self.purpose
    }

    /// Where it is documented.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The movement as a signed amount: positive into the fund, negative out of it.
    pub fn signed(&self) -> Money {
        match self.kind {
            EntryKind::Deposit => self.amount,
            EntryKind::Withdrawal => self.amount.negated(),
        }
    }
}

/// A fund's ledger: the opening balance and every dated movement, checked against the rules
/// as it is posted. A movement that breaks a rule is refused with an error; it is never
/// clamped or adjusted.
///
/// # Example
///
/// ```
/// use bosetting::{EntryKind, Fact, FundEntry, FundLedger, FundRules, Money, Source};
/// use chrono::NaiveDate;
///
/// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
/// let rules = FundRules::new(Source::new("vedtekter for Flyktningfondet"))
///     .with_withdrawal_purposes(vec!["cover lost grant income".into()]);
/// let mut fund = FundLedger::new("Flyktningfondet", d(2020, 1, 1),
///     Fact::new(Money::kroner(20_000_000), Source::new("regnskap 2019")), rules);
/// fund.post(FundEntry::new(
///     d(2020, 12, 31),
///     EntryKind::Withdrawal,
///     Money::kroner(11_200_000),
///     "cover lost grant income",
///     Source::new("årsrapport 2020").quote("overført 11,2 mill kr"),
/// )?)?;
/// assert_eq!(fund.balance_at(d(2020, 12, 31))?.value, Money::kroner(8_800_000));
///
/// // A withdrawal for a purpose the rules do not allow is refused:
/// let refused = fund.post(FundEntry::new(
///     d(2021, 1, 5),
///     EntryKind::Withdrawal,
///     Money::kroner(1),
///     "new town hall",
///     Source::new("x"),
/// )?);
/// assert!(refused.is_err());
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "flyktningfond")]
#[doc(alias = "disposisjonsfond")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "FundLedgerRepr")]
pub struct FundLedger {
    /// The fund's name.
    pub name: String,
    /// The date of the opening balance.
    pub opened: NaiveDate,
    /// The opening balance.
    pub opening: Fact<Money>,
    /// The rules.
    pub rules: FundRules,
    entries: Vec<FundEntry>,
}

#[derive(Deserialize)]
struct FundLedgerRepr {
    name: String,
    opened: NaiveDate,
    opening: Fact<Money>,
    rules: FundRules,
    entries: Vec<FundEntry>,
}

impl TryFrom<FundLedgerRepr> for FundLedger {
    type Error = Error;
    fn try_from(r: FundLedgerRepr) -> Result<FundLedger> {
        // Posting again is what makes a ledger read from a file obey the same rules as one
        // built in code.
        let mut ledger = FundLedger::new(r.name, r.opened, r.opening, r.rules);
        for e in r.entries {
            ledger.post(e)?;
        }
        Ok(ledger)
    }
}

impl FundLedger {
    /// A ledger with an opening balance on `opened`.
    pub fn new(
        name: impl Into<String>,
        opened: NaiveDate,
        opening: Fact<Money>,
        rules: FundRules,
    ) -> FundLedger {
        FundLedger {
            name: name.into(),
            opened,
            opening,
            rules,
            entries: Vec::new(),
        }
    }

    /// The movements, in date order.
    pub fn entries(&self) -> &[FundEntry] {
        &self.entries
    }

    /// The balance after every movement so far.
    fn current(&self) -> Result<Money> {
        Money::sum(
            std::iter::once(self.opening.value).chain(self.entries.iter().map(FundEntry::signed)),
        )
    }

    /// Posts a movement, checking it against the rules.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a date before the opening or an earlier movement; [`Error::RuleBroken`] for a withdrawal for a purpose the rules do
    /// not allow, one that takes the balance below zero where that is not allowed, or a
    /// deposit beyond the cap; [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{EntryKind, Fact, FundEntry, FundLedger, FundRules, Money, Ratio, Source};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
    /// let rules = FundRules::new(Source::new("bystyret, sak 12/20"))
    ///     .with_surplus_share(Ratio::of(1, 2)?)?
    ///     .with_cap(Money::kroner(25_000_000))?;
    /// let mut fund = FundLedger::new("Flyktningfondet", d(2020, 1, 1)?,
    ///     Fact::new(Money::kroner(20_000_000), Source::new("regnskap 2019")), rules);
    /// let entry = |date, kind, kroner, purpose: &str| FundEntry::new(date, kind, Money::kroner(kroner), purpose, Source::new("årsrapport 2020"));
    ///
    /// fund.post(entry(d(2020, 6, 30)?, EntryKind::Withdrawal, 3_000_000, "tolketjeneste")?)?;
    /// assert_eq!(fund.entries().len(), 1);
    ///
    /// // Refused, and not posted: beyond the cap, dated before the last movement, or below zero.
    /// assert!(fund.post(entry(d(2020, 7, 1)?, EntryKind::Deposit, 9_000_000, "overskudd")?).is_err());
    /// assert!(fund.post(entry(d(2020, 3, 1)?, EntryKind::Deposit, 1, "overskudd")?).is_err());
    /// assert!(fund.post(entry(d(2020, 7, 1)?, EntryKind::Withdrawal, 17_000_001, "drift")?).is_err());
    /// assert_eq!(fund.entries().len(), 1);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn post(&mut self, entry: FundEntry) -> Result<()> {
        let last = self.entries.last().map_or(self.opened, |e| e.date);
        if entry.date < last {
            return Err(Error::invalid(
                "fund movement date",
                entry.date,
                format!("it is before the previous movement or the opening on {last}"),
            ));
        }
        let balance = self.current()?;
        let rule_src = self.rules.source.to_string();
        match entry.kind {
            EntryKind::Withdrawal => {
                if !self.rules.withdrawal_purposes.is_empty()
                    && !self.rules.withdrawal_purposes.contains(&entry.purpose)
                {
                    return Err(Error::RuleBroken {
                        rule: format!("{} withdrawal purposes ({rule_src})", self.name),
                        detail: format!(
                            "{:?} is not among the allowed purposes: {}",
                            entry.purpose,
                            self.rules.withdrawal_purposes.join(", ")
                        ),
                    });
                }
                let after = balance.checked_sub(entry.amount)?;
                if after.is_negative() && !self.rules.allow_negative {
                    return Err(Error::RuleBroken {
                        rule: format!("{} may not go below zero ({rule_src})", self.name),
                        detail: format!(
                            "withdrawing {} on {} from a balance of {} leaves {}",
                            entry.amount, entry.date, balance, after
                        ),
                    });
                }
            }
            EntryKind::Deposit => {
                let after = balance.checked_add(entry.amount)?;
                if let Some(cap) = self.rules.cap.filter(|c| after > *c) {
                    return Err(Error::RuleBroken {
                        rule: format!("{} is capped at {cap} ({rule_src})", self.name),
                        detail: format!(
                            "depositing {} on {} onto {} makes {}",
                            entry.amount, entry.date, balance, after
                        ),
                    });
                }
            }
        }
        self.entries.push(entry);
        Ok(())
    }

    /// Deposits the rules' share of a surplus, rounded down to whole kroner.
    ///
    /// # Errors
    ///
    /// [`Error::RuleBroken`] if the rules say nothing about surpluses, or the deposit breaks
    /// a rule; as [`FundLedger::post`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{EntryKind, Fact, FundEntry, FundLedger, FundRules, Money, Ratio, Source};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
    /// let rules = FundRules::new(Source::new("bystyret, sak 12/20"))
    ///     .with_surplus_share(Ratio::of(1, 2)?)?
    ///     .with_cap(Money::kroner(25_000_000))?;
    /// let mut fund = FundLedger::new("Flyktningfondet", d(2020, 1, 1)?,
    ///     Fact::new(Money::kroner(20_000_000), Source::new("regnskap 2019")), rules);
    /// let entry = |date, kind, kroner, purpose: &str| FundEntry::new(date, kind, Money::kroner(kroner), purpose, Source::new("årsrapport 2020"));
    ///
    /// // Half of a surplus of 3 000 001 kr, rounded down to whole kroner.
    /// let deposited = fund.deposit_surplus(d(2020, 12, 31)?, Money::kroner(3_000_001), Source::new("regnskap 2020"))?;
    /// assert_eq!(deposited, Money::kroner(1_500_000));
    /// assert_eq!(fund.balance_at(d(2020, 12, 31)?)?.value, Money::kroner(21_500_000));
    ///
    /// // Half of 20 mill. would take the fund past its cap of 25 mill.
    /// assert!(fund.deposit_surplus(d(2021, 12, 31)?, Money::kroner(20_000_000), Source::new("regnskap 2021")).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn deposit_surplus(
        &mut self,
        date: NaiveDate,
        surplus: Money,
        source: Source,
    ) -> Result<Money> {
        let share = self.rules.surplus_share.ok_or_else(|| Error::RuleBroken {
            rule: format!("{} surplus rule", self.name),
            detail: "the fund's rules give no share of a surplus to deposit".into(),
        })?;
        let amount = Money::new(RoundingRule::Floor.round_ratio(
            surplus.checked_mul(share.numerator())?.amount(),
            share.denominator(),
            rust_decimal::Decimal::ONE,
        )?);
        if amount > Money::ZERO {
            self.post(FundEntry::new(
                date,
                EntryKind::Deposit,
                amount,
                "surplus",
                source,
            )?)?;
        }
        Ok(amount)
    }

    /// The balance at the end of `date`: opening + deposits − withdrawals up to that day.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a date before the opening; [`Error::Overflow`] on
    /// overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{EntryKind, Fact, FundEntry, FundLedger, FundRules, Money, Ratio, Source};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
    /// let rules = FundRules::new(Source::new("bystyret, sak 12/20"))
    ///     .with_surplus_share(Ratio::of(1, 2)?)?
    ///     .with_cap(Money::kroner(25_000_000))?;
    /// let mut fund = FundLedger::new("Flyktningfondet", d(2020, 1, 1)?,
    ///     Fact::new(Money::kroner(20_000_000), Source::new("regnskap 2019")), rules);
    /// let entry = |date, kind, kroner, purpose: &str| FundEntry::new(date, kind, Money::kroner(kroner), purpose, Source::new("årsrapport 2020"));
    ///
    /// fund.post(entry(d(2020, 6, 30)?, EntryKind::Withdrawal, 3_000_000, "tolketjeneste")?)?;
    /// assert_eq!(fund.balance_at(d(2020, 6, 29)?)?.value, Money::kroner(20_000_000));
    /// // The end of the day: the movement on 30 June counts.
    /// assert_eq!(fund.balance_at(d(2020, 6, 30)?)?.value, Money::kroner(17_000_000));
    /// // Before the ledger opens there is no balance.
    /// assert!(fund.balance_at(d(2019, 12, 31)?).is_err());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn balance_at(&self, date: NaiveDate) -> Result<Derived<Money>> {
        if date < self.opened {
            return Err(Error::invalid(
                "fund balance date",
                date,
                format!("the ledger opens on {}", self.opened),
            ));
        }
        let mut b = self.opening.value;
        let mut inputs = vec![Explanation::input(
            Phrase::new("opening balance {date}").with("date", self.opened),
            Quantity::money(self.opening.value),
            self.opening.source.clone(),
        )];
        for e in self.entries.iter().filter(|e| e.date <= date) {
            let signed = e.signed();
            b = b.checked_add(signed)?;
            inputs.push(Explanation::input(
                Phrase::new("{date} {kind}: {purpose}")
                    .with("date", e.date)
                    .with("kind", Phrase::new(kind_name(e.kind)))
                    .with("purpose", Arg::verbatim(e.purpose.clone())),
                Quantity::money(signed),
                e.source.clone(),
            ));
        }
        Ok(Derived::new(
            b,
            Explanation::derived(
                Phrase::new("{fund}: balance at {date}")
                    .with("fund", Arg::verbatim(self.name.clone()))
                    .with("date", date),
                Quantity::money(b),
                "opening + deposits − withdrawals",
                inputs,
            ),
        ))
    }

    /// The balance after each movement, in order.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{EntryKind, Fact, FundEntry, FundLedger, FundRules, Money, Ratio, Source};
    /// use chrono::NaiveDate;
    ///
    /// let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).ok_or("date");
    /// let rules = FundRules::new(Source::new("bystyret, sak 12/20"))
    ///     .with_surplus_share(Ratio::of(1, 2)?)?
    ///     .with_cap(Money::kroner(25_000_000))?;
    /// let mut fund = FundLedger::new("Flyktningfondet", d(2020, 1, 1)?,
    ///     Fact::new(Money::kroner(20_000_000), Source::new("regnskap 2019")), rules);
    /// let entry = |date, kind, kroner, purpose: &str| FundEntry::new(date, kind, Money::kroner(kroner), purpose, Source::new("årsrapport 2020"));
    ///
    /// fund.post(entry(d(2020, 6, 30)?, EntryKind::Withdrawal, 3_000_000, "tolketjeneste")?)?;
    /// fund.post(entry(d(2020, 12, 31)?, EntryKind::Deposit, 1_000_000, "overskudd")?)?;
    /// assert_eq!(fund.balances()?, [
    ///     (d(2020, 1, 1)?, Money::kroner(20_000_000)),
    ///     (d(2020, 6, 30)?, Money::kroner(17_000_000)),
    ///     (d(2020, 12, 31)?, Money::kroner(18_000_000)),
    /// ]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn balances(&self) -> Result<Vec<(NaiveDate, Money)>> {
        let mut b = self.opening.value;
        let mut out = vec![(self.opened, b)];
        for e in &self.entries {
            b = b.checked_add(e.signed())?;
            out.push((e.date, b));
        }
        Ok(out)
    }
}

fn kind_name(k: EntryKind) -> &'static str {
    match k {
        EntryKind::Deposit => "deposit",
        EntryKind::Withdrawal => "withdrawal",
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
    use proptest::prelude::*;

    fn d0() -> NaiveDate {
        NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()
    }

    fn ledger(opening: i64, allow_negative: bool, cap: Option<i64>) -> FundLedger {
        FundLedger::new(
            "fund",
            d0(),
            Fact::new(Money::kroner(opening), Source::new("t")),
            FundRules {
                surplus_share: Some(Ratio::of(1, 2).unwrap()),
                withdrawal_purposes: vec![],
                cap: cap.map(Money::kroner),
                allow_negative,
                source: Source::new("vedtekter"),
            },
        )
    }

    fn entry(day: u64, kind: EntryKind, amount: i64) -> FundEntry {
        FundEntry::new(
            d0() + chrono::Days::new(day),
            kind,
            Money::kroner(amount),
            "p",
            Source::new("t"),
        )
        .unwrap()
    }

    #[test]
    fn rules_are_errors_not_clamps() {
        let mut f = ledger(100, false, Some(150));
        let e = f.post(entry(1, EntryKind::Withdrawal, 101)).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("fund may not go below zero (vedtekter)"),
            "{e}"
        );
        assert!(f.post(entry(1, EntryKind::Deposit, 51)).is_err());
        f.post(entry(5, EntryKind::Deposit, 50)).unwrap();
        assert!(f.post(entry(4, EntryKind::Deposit, 1)).is_err());
        assert_eq!(f.entries().len(), 1);
        let mut g = ledger(0, false, None);
        assert_eq!(
            g.deposit_surplus(d0(), Money::kroner(101), Source::new("t"))
                .unwrap(),
            Money::kroner(50)
        );
    }

    fn from_json<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> String {
        match serde_json::from_value::<T>(v) {
            Ok(_) => "accepted".to_owned(),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn fund_rules_are_built_with_checked_setters_and_default_to_assumed_rules() {
        let rules = FundRules::new(Source::new("vedtekter"))
            .with_surplus_share(Ratio::of(1, 2).unwrap())
            .unwrap()
            .with_cap(Money::kroner(7))
            .unwrap()
            .with_allow_negative(true)
            .with_withdrawal_purposes(vec!["x".into()]);
        let json = serde_json::json!({
            "surplus_share": "1/2",
            "withdrawal_purposes": ["x"],
            "cap": "7",
            "allow_negative": true,
            "source": {"document": "vedtekter"}
        });
        assert_eq!(serde_json::from_value::<FundRules>(json).unwrap(), rules);
        let e = FundRules::new(Source::new("v"))
            .with_cap(Money::kroner(-1))
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "invalid fund cap -1 kr: the most a fund may hold cannot be negative"
        );
        let half_negative = Ratio::between(
            rust_decimal::Decimal::NEGATIVE_ONE,
            rust_decimal::Decimal::TWO,
        )
        .unwrap();
        assert!(
            FundRules::new(Source::new("v"))
                .with_surplus_share(half_negative)
                .is_err()
        );
        let d = FundRules::default();
        assert_eq!(
            (
                d.surplus_share,
                d.cap,
                d.allow_negative,
                d.withdrawal_purposes.len()
            ),
            (None, None, false, 0)
        );
        assert!(d.source.assumption.is_some_and(|a| a.contains("not given")));
    }

    #[test]
    fn a_ledger_read_from_json_is_checked_like_a_posted_one() {
        let mut f = ledger(100, false, None);
        f.post(entry(3, EntryKind::Deposit, 50)).unwrap();
        f.post(entry(5, EntryKind::Withdrawal, 20)).unwrap();
        let good = serde_json::to_value(&f).unwrap();
        assert_eq!(
            serde_json::from_value::<FundLedger>(good.clone()).unwrap(),
            f
        );

        let mut negative = good.clone();
        negative["entries"][0]["amount"] = serde_json::json!("-50");
        let e = from_json::<FundLedger>(negative);
        assert!(e.contains("invalid fund movement amount -50"), "{e}");

        let mut early = good.clone();
        early["entries"][0]["date"] = serde_json::json!("2019-12-31");
        let e = from_json::<FundLedger>(early);
        assert!(e.contains("invalid fund movement date 2019-12-31"), "{e}");

        let mut overdrawn = good;
        overdrawn["entries"][1]["amount"] = serde_json::json!("151");
        let e = from_json::<FundLedger>(overdrawn);
        assert!(e.contains("fund may not go below zero"), "{e}");
    }

    #[test]
    fn a_movement_read_from_json_is_checked() {
        let good = serde_json::to_value(entry(1, EntryKind::Deposit, 5)).unwrap();
        assert!(serde_json::from_value::<FundEntry>(good.clone()).is_ok());
        for amount in ["0", "-5"] {
            let mut bad = good.clone();
            bad["amount"] = serde_json::json!(amount);
            let e = from_json::<FundEntry>(bad);
            assert!(
                e.contains(&format!("invalid fund movement amount {amount}")),
                "{e}"
            );
        }
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn the_fund_identity_holds_at_every_date(
            opening in 0i64..1_000_000_000,
            moves in proptest::collection::vec((0u64..30, any::<bool>(), 1i64..50_000_000), 0..40),
        ) {
            let mut f = ledger(opening, true, None);
            let mut day = 0;
            for (gap, dep, amount) in moves {
                day += gap;
                let kind = if dep { EntryKind::Deposit } else { EntryKind::Withdrawal };
                f.post(entry(day, kind, amount)).unwrap();
            }
            for (date, bal) in f.balances().unwrap() {
                let deposits: i64 = f.entries().iter().filter(|e| e.date <= date && e.kind == EntryKind::Deposit).map(|e| e.amount.to_ore().unwrap() / 100).sum();
                let withdrawals: i64 = f.entries().iter().filter(|e| e.date <= date && e.kind == EntryKind::Withdrawal).map(|e| e.amount.to_ore().unwrap() / 100).sum();
                prop_assert_eq!(f.balance_at(date).unwrap().value, Money::kroner(opening + deposits - withdrawals));
                let _ = bal;
            }
        }
    }
}
