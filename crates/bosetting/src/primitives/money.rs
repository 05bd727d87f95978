//! Money in Norwegian kroner, exact, and amounts as Norwegian documents spell them.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::dec;
use crate::error::{Error, Result};
use crate::rounding::RoundingRule;

/// An amount of Norwegian kroner, exact.
///
/// All arithmetic is checked: an overflow is an [`Error::Overflow`], never a panic or a
/// wrapped value. Serialized as an exact decimal string (`"11200000"`, `"0.50"`), so reading
/// and writing a document gives the same amount back, scale included.
///
/// # Example
///
/// ```
/// use bosetting::Money;
///
/// let transfer = Money::parse_nb("11,2 mill kr")?;
/// let lower_by = Money::parse_nb("1,6 mill kr")?;
/// let forecast = transfer.checked_add(lower_by)?;
/// assert_eq!(forecast, Money::kroner(12_800_000));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "kroner")]
#[doc(alias = "beløp")]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Money(#[serde(with = "rust_decimal::serde::str")] Decimal);

impl Money {
    /// Zero kroner.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Money;
    ///
    /// assert_eq!(Money::sum(Vec::new())?, Money::ZERO);
    /// assert_eq!(Money::ZERO, Money::kroner(0));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub const ZERO: Money = Money(Decimal::ZERO);

    /// An amount in kroner.
    pub fn new(kroner: Decimal) -> Money {
        Money(kroner)
    }

    /// A whole number of kroner.
    pub fn kroner(kroner: i64) -> Money {
        Money(Decimal::from(kroner))
    }

    /// An amount in øre (hundredths of a krone).
    pub fn from_ore(ore: i64) -> Money {
        Money(Decimal::new(ore, 2))
    }

    /// The amount in kroner.
    pub fn amount(self) -> Decimal {
        self.0
    }

    /// The amount in whole øre, if it has no finer fraction and fits an `i64`.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Money;
    /// use rust_decimal_macros::dec;
    ///
    /// assert_eq!(Money::new(dec!(12.50)).to_ore(), Some(1_250));
    /// assert_eq!(Money::new(dec!(0.005)).to_ore(), None); // finer than an øre
    /// ```
    pub fn to_ore(self) -> Option<i64> {
        let ore = self.0.checked_mul(Decimal::ONE_HUNDRED)?;
        if !ore.fract().is_zero() {
            return None;
        }
        i64::try_from(ore).ok()
    }

    /// Whether the amount is below zero.
    pub fn is_negative(self) -> bool {
        self.0.is_sign_negative() && !self.0.is_zero()
    }

    /// `self + other`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Error, Money};
    ///
    /// assert_eq!(Money::kroner(700_000).checked_add(Money::from_ore(50))?.to_string(), "700000.50 kr");
    /// let max = Money::new(bosetting::rust_decimal::Decimal::MAX);
    /// assert!(matches!(max.checked_add(Money::kroner(1)), Err(Error::Overflow { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn checked_add(self, other: Money) -> Result<Money> {
        dec::add(self.0, other.0, "money sum").map(Money)
    }

    /// `self − other`.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Money;
    ///
    /// let result = Money::kroner(27_600_000).checked_sub(Money::kroner(28_600_000))?;
    /// assert_eq!(result, Money::kroner(-1_000_000));
    /// assert!(result.is_negative());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checked_sub(self, other: Money) -> Result<Money> {
        dec::sub(self.0, other.0, "money difference").map(Money)
    }

    /// `self × factor` (a count of persons, a rate).
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Money;
    /// use rust_decimal_macros::dec;
    ///
    /// // 41 persons at 241 100 kr.
    /// assert_eq!(Money::kroner(241_100).checked_mul(dec!(41))?, Money::kroner(9_885_100));
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn checked_mul(self, factor: Decimal) -> Result<Money> {
        dec::mul(self.0, factor, "money product").map(Money)
    }

    /// `−self`.
    pub fn negated(self) -> Money {
        Money(-self.0)
    }

    /// The sum of several amounts.
    ///
    /// # Errors
    ///
    /// [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Money;
    ///
    /// let units = [Money::parse_nb("-1,2 mill")?, Money::parse_nb("-2,4 mill")?];
    /// assert_eq!(Money::sum(units)?, Money::kroner(-3_600_000));
    /// assert_eq!(Money::sum([])?, Money::ZERO);
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn sum<I: IntoIterator<Item = Money>>(items: I) -> Result<Money> {
        dec::sum(items.into_iter().map(|m| m.0), "money sum").map(Money)
    }

    /// The amount rounded to a multiple of `step` kroner under `rule`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] for a non-positive step; [`Error::Overflow`] on overflow.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, RoundingRule};
    /// use rust_decimal_macros::dec;
    ///
    /// let m = Money::kroner(956_425);
    /// assert_eq!(m.round(RoundingRule::HalfUp, dec!(100000))?, Money::kroner(1_000_000));
    /// assert_eq!(m.round(RoundingRule::Truncate, dec!(1000))?, Money::kroner(956_000));
    /// assert!(m.round(RoundingRule::HalfUp, dec!(0)).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn round(self, rule: RoundingRule, step: Decimal) -> Result<Money> {
        rule.round(self.0, step).map(Money)
    }

    /// Reads an amount the way Norwegian documents print it: `"11,2 mill kr"`,
    /// `"kr 1 mill."`, `"196 400"`, `"0,7 mill. kr"`, `"1,5 mrd"`, `"−0,7 mill"`.
    ///
    /// # Errors
    ///
    /// [`Error::Parse`] naming the text and what was wrong with it.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Error, Money};
    ///
    /// assert_eq!(Money::parse_nb("0,7 mill. kr")?, Money::kroner(700_000));
    /// assert_eq!(Money::parse_nb("kr 1 mill.")?, Money::kroner(1_000_000));
    /// assert_eq!(Money::parse_nb("196 400")?, Money::kroner(196_400));
    /// assert!(matches!(Money::parse_nb("sju mill"), Err(Error::Parse { .. })));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn parse_nb(text: &str) -> Result<Money> {
        parse_amount(text).map(|a| a.amount)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} kr", self.0)
    }
}

/// An amount read from Norwegian text, with the precision it was printed at.
///
/// # Example
///
/// ```
/// use bosetting::{Money, parse_amount};
/// use rust_decimal::Decimal;
///
/// let printed = parse_amount("kr 196 400")?;
/// assert_eq!((printed.amount, printed.step), (Money::kroner(196_400), Decimal::ONE));
/// let rounded = parse_amount("1,6 mill kr")?;
/// assert_eq!((rounded.amount, rounded.step), (Money::kroner(1_600_000), Decimal::from(100_000)));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedAmount {
    /// The amount in kroner.
    pub amount: Money,
    /// The value of one unit in the last printed digit, in kroner: `100000` for
    /// "0,7 mill", `1` for "196 400".
    #[serde(with = "rust_decimal::serde::str")]
    pub step: Decimal,
}

/// Reads a Norwegian amount with its printed precision. See [`Money::parse_nb`].
///
/// # Example
///
/// ```
/// use bosetting::parse_amount;
/// use rust_decimal_macros::dec;
///
/// let a = parse_amount("0,7 mill kr")?;
/// assert_eq!(a.amount.amount(), dec!(700000));
/// assert_eq!(a.step, dec!(100000));
/// # Ok::<(), bosetting::Error>(())
/// ```
///
/// # Errors
///
/// [`Error::Parse`] naming the text and what was wrong with it.
pub fn parse_amount(text: &str) -> Result<ParsedAmount> {
    let fail = |reason: &str| Error::Parse {
        what: "amount",
        text: text.to_owned(),
        reason: reason.to_owned(),
    };
    let lower = text.trim().to_lowercase();
    let mut rest: &str = &lower;
    // Currency words may come before or after the number.
    for prefix in ["kr.", "kr", "nok"] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r.trim_start();
            break;
        }
    }
    let (number, tail) = split_number(rest);
    if number.is_empty() {
        return Err(fail("no number"));
    }
    let (value, step) = parse_nb_decimal(number).map_err(|r| fail(&r))?;
    let mut scale = Decimal::ONE;
    let mut words: Vec<&str> = tail
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    if let Some(first) = words.first().copied() {
        let s = scale_word(first).or_else(|| match first.trim_end_matches('.') {
            "mnok" | "mkr" => Some(Decimal::from(1_000_000)),
            "k" => Some(Decimal::from(1_000)),
            _ => None,
        });
        if let Some(s) = s {
            scale = s;
            words.remove(0);
        }
    }
    for w in &words {
        let w = w.trim_end_matches(['.', ',']);
        if !matches!(w, "kr" | "kroner" | "nok" | "-" | "") {
            return Err(fail(&format!("unexpected word {w:?}")));
        }
    }
    let amount = dec::mul(value, scale, "amount").map_err(|_| fail("the amount is too large"))?;
    let step = dec::mul(step, scale, "amount").map_err(|_| fail("the amount is too large"))?;
    Ok(ParsedAmount {
        amount: Money(amount),
        step,
    })
}

/// The factor a scale word after a number stands for: "tusen", "mill."/"mill"/"million"/
/// "millioner", "mrd."/"mrd"/"milliard"/"milliarder".
pub(crate) fn scale_word(word: &str) -> Option<Decimal> {
    match word.trim_end_matches('.') {
        "tusen" => Some(Decimal::from(1_000)),
        "mill" | "million" | "millioner" => Some(Decimal::from(1_000_000)),
        "mrd" | "milliard" | "milliarder" => Some(Decimal::from(1_000_000_000)),
        _ => None,
    }
}

/// Splits a leading number (digits, grouping spaces, decimal comma, sign) from the rest.
pub(crate) fn split_number(s: &str) -> (&str, &str) {
    let mut end = 0;
    let mut seen_digit = false;
    for (i, c) in s.char_indices() {
        let ok = c.is_ascii_digit()
            || (matches!(c, '-' | '−' | '+') && i == 0)
            || (matches!(c, ',' | '.') && seen_digit)
            || (is_group_space(c) && seen_digit);
        if !ok {
            break;
        }
        if c.is_ascii_digit() {
            seen_digit = true;
        }
        end = i.saturating_add(c.len_utf8());
    }
    let (num, rest) = s.split_at(end);
    // A trailing space or separator belongs to the rest ("4,9 mill.": the dot is the word's).
    let trimmed = num.trim_end_matches(|c: char| is_group_space(c) || c == ',' || c == '.');
    let cut = trimmed.len();
    (trimmed, s.get(cut..).unwrap_or(rest))
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// Reads "33 701", "0,7", "96,6", "−11,8", "1.118.000" into a decimal and its step.
pub(crate) fn parse_nb_decimal(s: &str) -> std::result::Result<(Decimal, Decimal), String> {
    let mut neg = false;
    let mut body = s;
    if let Some(r) = body.strip_prefix(['-', '−']) {
        neg = true;
        body = r;
    } else if let Some(r) = body.strip_prefix('+') {
        body = r;
    }
    let (int_part, frac_part) = match body.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    // Grouping: spaces, or dots in groups of three ("1.118.000").
    let groups: Vec<&str> = int_part
        .split(|c: char| is_group_space(c) || c == '.')
        .collect();
    if groups.len() > 1 {
        let (first, others) = groups.split_first().unwrap_or((&"", &[]));
        if first.is_empty() || first.len() > 3 || others.iter().any(|g| g.len() != 3) {
            return Err(format!(
                "{int_part:?} is not a number with three-digit groups"
            ));
        }
    }
    let digits: String = groups.concat();
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{body:?} is not a number"));
    }
    let mut text = digits;
    let mut scale = 0u32;
    if let Some(f) = frac_part {
        if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("{f:?} is not a decimal part"));
        }
        text.push_str(f);
        scale = u32::try_from(f.len()).map_err(|_| "too many decimals".to_owned())?;
    }
    if scale > 20 || text.len() > 27 {
        return Err("too many digits".to_owned());
    }
    let mantissa: i128 = text.parse().map_err(|_| "too many digits".to_owned())?;
    let value = Decimal::try_from_i128_with_scale(mantissa, scale)
        .map_err(|_| "too many digits".to_owned())?;
    let step = Decimal::new(1, scale);
    Ok((if neg { -value } else { value }, step))
}

/// Reads what [`Money`]'s `Display` writes (`"1250000.50 kr"`, or the number alone, a
/// point for decimals); Norwegian text ("11,2 mill kr") is [`Money::parse_nb`].
///
/// ```
/// use bosetting::Money;
/// let m: Money = "1250000.50 kr".parse()?;
/// assert_eq!(m.to_string().parse::<Money>()?, m);
/// assert!("11,2 mill kr".parse::<Money>().is_err());
/// assert_eq!(Money::parse_nb("11,2 mill kr")?, Money::kroner(11_200_000));
/// # Ok::<(), bosetting::Error>(())
/// ```
impl FromStr for Money {
    type Err = Error;
    fn from_str(s: &str) -> Result<Money> {
        let t = s.trim();
        let number = t.strip_suffix("kr").map_or(t, str::trim_end);
        Decimal::from_str_exact(number)
            .map(Money)
            .map_err(|_| Error::Parse {
                what: "amount",
                text: s.to_owned(),
                reason: "expected an amount as Money writes it (\"1250000.50 kr\"); for Norwegian text (\"11,2 mill kr\") use Money::parse_nb".to_owned(),
            })
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
    use rust_decimal_macros::dec;

    #[test]
    fn norwegian_spellings() {
        let p = |s| parse_amount(s).unwrap();
        assert_eq!(p("11,2 mill kr").amount.amount(), dec!(11200000));
        assert_eq!(p("kr 1 mill.").amount.amount(), dec!(1000000));
        assert_eq!(p("kr 1 mill.").step, dec!(1000000));
        assert_eq!(p("28,6 mill.").amount.amount(), dec!(28600000));
        assert_eq!(p("kr 4,9 mill.").step, dec!(100000));
        assert_eq!(p("196 400").amount.amount(), dec!(196400));
        assert_eq!(p("1 118 000 kr").amount.amount(), dec!(1118000));
        assert_eq!(p("1\u{a0}520\u{a0}000").amount.amount(), dec!(1520000));
        assert_eq!(p("−0,7 mill kr").amount.amount(), dec!(-700000));
        assert_eq!(p("1,5 mrd").amount.amount(), dec!(1500000000));
        assert_eq!(p("50 000 kroner").amount.amount(), dec!(50000));
        assert_eq!(p("1.118.000").amount.amount(), dec!(1118000));
    }

    #[test]
    fn refusals_name_the_text() {
        let e = parse_amount("elleve mill").unwrap_err();
        assert_eq!(
            e.to_string(),
            "cannot read amount from \"elleve mill\": no number"
        );
        assert!(parse_amount("12 34").is_err());
        assert!(parse_amount("1,2 mill euro").is_err());
        assert!(parse_amount("99999999999999999999999999999 mrd").is_err());
    }

    #[test]
    fn serde_is_an_exact_string() {
        let m = Money::new(dec!(0.50));
        assert_eq!(serde_json::to_string(&m).unwrap(), "\"0.50\"");
        let back: Money = serde_json::from_str("\"0.50\"").unwrap();
        assert_eq!(back.amount().to_string(), "0.50");
        assert!(
            Money::new(Decimal::MAX)
                .checked_add(Money::kroner(1))
                .is_err()
        );
    }

    proptest! {
        #![proptest_config(crate::testing::config())]
        #[test]
        fn printed_amounts_read_back(kr in -10_000_000_000i64..10_000_000_000, tenths in 0u32..2) {
            // Print like a Norwegian report: groups of three, decimal comma.
            let value = Decimal::new(kr, tenths);
            let s = value.abs().to_string();
            let (i, f) = s.split_once('.').map(|(i, f)| (i.to_owned(), Some(f.to_owned()))).unwrap_or((s.clone(), None));
            let mut grouped = String::new();
            for (n, c) in i.chars().enumerate() {
                if n > 0 && (i.len() - n) % 3 == 0 { grouped.push(' '); }
                grouped.push(c);
            }
            if let Some(f) = f { grouped.push(','); grouped.push_str(&f); }
            if kr < 0 { grouped.insert(0, '−'); }
            let parsed = parse_amount(&format!("{grouped} kr")).unwrap();
            prop_assert_eq!(parsed.amount.amount(), value);
        }

        #[test]
        fn serde_round_trip(m in any::<i64>(), s in 0u32..6) {
            let money = Money::new(Decimal::new(m, s));
            let back: Money = serde_json::from_str(&serde_json::to_string(&money).unwrap()).unwrap();
            prop_assert_eq!(back.amount().to_string(), money.amount().to_string());
        }
    }
}
