//! Numbers, amounts, shares, dates and labels in Norwegian bokmål or English: all
//! formatting lives here.

use bosetting::{Arg, Bound, Interval, Money, Phrase, Quantity, Ratio, RoundingRule, Unit, Value};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// The language of labels and the style of numbers.
///
/// # Example
///
/// ```
/// use bosetting_report::{Lang, Locale};
///
/// assert_eq!(Locale::new(Lang::Nb).int(-1_250), "\u{2212}1\u{a0}250");
/// assert_eq!(Locale::new(Lang::En).int(-1_250), "\u{2212}1,250");
/// ```
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Lang {
    /// Norwegian bokmål: "33 701", "0,7 mill. kr", "71 %", "31.01.2024".
    #[default]
    Nb,
    /// English: "33,701", "NOK 0.7 million", "71 %", "2024-01-31".
    En,
}

/// How numbers and dates are written. Display rounding is always half-up, to the number of
/// decimals each kind of figure is shown with; exact values are in the JSON and CSV outputs.
///
/// # Example
///
/// ```
/// use bosetting::{Money, Ratio};
/// use bosetting_report::{Lang, Locale};
///
/// let nb = Locale::new(Lang::Nb);
/// assert_eq!(nb.int(33_701), "33\u{a0}701");
/// assert_eq!(nb.money(Money::kroner(700_000)), "700\u{a0}000 kr");
/// assert_eq!(nb.money(Money::kroner(11_200_000)), "11,2 mill. kr");
/// assert_eq!(nb.share(&Ratio::of(41, 74)?), "55,4\u{a0}%");
/// let en = Locale::new(Lang::En);
/// assert_eq!(en.money(Money::kroner(11_200_000)), "NOK 11.2 million");
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Locale {
    /// The language.
    pub lang: Lang,
}

/// The rounding rule for display.
pub const DISPLAY_RULE: RoundingRule = RoundingRule::HalfUp;

const NBSP: char = '\u{a0}';

impl Locale {
    /// A locale for `lang`.
    pub fn new(lang: Lang) -> Locale {
        Locale { lang }
    }

    fn nb(self) -> bool {
        self.lang == Lang::Nb
    }

    /// Picks the Norwegian or the English text.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting_report::{Lang, Locale};
    ///
    /// assert_eq!(Locale::new(Lang::Nb).pick("Bosatte", "Settled"), "Bosatte");
    /// assert_eq!(Locale::new(Lang::En).pick("Bosatte", "Settled"), "Settled");
    /// ```
    pub fn pick<'a>(self, nb: &'a str, en: &'a str) -> &'a str {
        if self.nb() { nb } else { en }
    }

    /// A whole number with thousands grouped.
    pub fn int(self, n: i64) -> String {
        self.decimal(Decimal::from(n), 0)
    }

    /// A decimal rounded half-up to at most `decimals` places, trailing zeros dropped.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::rust_decimal::Decimal;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// let d = Decimal::new(12_345_650, 3); // 12 345,650
    /// assert_eq!(Locale::new(Lang::Nb).decimal(d, 2), "12\u{a0}345,65");
    /// assert_eq!(Locale::new(Lang::En).decimal(d, 1), "12,345.7");
    /// ```
    pub fn decimal(self, d: Decimal, decimals: u32) -> String {
        let r = DISPLAY_RULE
            .round(d, Decimal::new(1, decimals.min(20)))
            .unwrap_or(d)
            .normalize();
        let s = r.abs().to_string();
        let (int, frac) = s.split_once('.').unwrap_or((&s, ""));
        let sep = if self.nb() { NBSP } else { ',' };
        let mut grouped = String::new();
        let len = int.chars().count();
        // Every group of three is separated, four-digit numbers too ("2 500"); years are
        // printed with `year`, ungrouped.
        for (i, c) in int.chars().enumerate() {
            if i > 0 && len.saturating_sub(i).is_multiple_of(3) {
                grouped.push(sep);
            }
            grouped.push(c);
        }
        let mut out = String::new();
        if r.is_sign_negative() && !r.is_zero() {
            out.push('−');
        }
        out.push_str(&grouped);
        if !frac.is_empty() {
            out.push(if self.nb() { ',' } else { '.' });
            out.push_str(frac);
        }
        out
    }

    /// An amount: in millions with one decimal when that loses nothing ("11,2 mill. kr"),
    /// otherwise in whole kroner ("32 950 000 kr", "241 100 kr").
    pub fn money(self, m: Money) -> String {
        let v = m.amount();
        let tenth_of_million = Decimal::from(100_000);
        let round = v.checked_rem(tenth_of_million).is_some_and(|r| r.is_zero());
        if v.abs() >= Decimal::from(1_000_000) && round {
            let mill = v.checked_div(Decimal::from(1_000_000)).unwrap_or_default();
            let n = self.decimal(mill, 1);
            if self.nb() {
                format!("{n} mill. kr")
            } else {
                format!("NOK {n} million")
            }
        } else {
            let n = self.decimal(v, 0);
            if self.nb() {
                format!("{n} kr")
            } else {
                format!("NOK {n}")
            }
        }
    }

    /// A share as a percentage with one decimal ("55,4 %"; "52 %" when whole).
    pub fn share(self, r: &Ratio) -> String {
        let p = r.percent(DISPLAY_RULE, 1).unwrap_or_default();
        format!("{}{NBSP}%", self.decimal(p, 1))
    }

    /// A printed percentage ("71 %").
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::rust_decimal::Decimal;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// assert_eq!(Locale::new(Lang::Nb).percent(Decimal::from(71)), "71\u{a0}%");
    /// assert_eq!(Locale::new(Lang::Nb).percent(Decimal::new(965, 1)), "96,5\u{a0}%");
    /// ```
    pub fn percent(self, p: Decimal) -> String {
        format!("{}{NBSP}%", self.decimal(p, 1))
    }

    /// Percentage points.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::rust_decimal::Decimal;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// assert_eq!(Locale::new(Lang::Nb).points(Decimal::new(145, 1)), "14,5 prosentpoeng");
    /// assert_eq!(Locale::new(Lang::En).points(Decimal::new(145, 1)), "14.5 percentage points");
    /// ```
    pub fn points(self, p: Decimal) -> String {
        format!(
            "{} {}",
            self.decimal(p, 1),
            self.pick("prosentpoeng", "percentage points")
        )
    }

    /// A number for a spreadsheet cell: no grouping, the locale's decimal separator, exact.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::rust_decimal::Decimal;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// let d = Decimal::new(1_234_567_891, 4);
    /// assert_eq!(Locale::new(Lang::Nb).csv_number(d), "123456,7891");
    /// assert_eq!(Locale::new(Lang::En).csv_number(d), "123456.7891");
    /// ```
    pub fn csv_number(self, d: Decimal) -> String {
        let s = d.normalize().to_string();
        if self.nb() { s.replace('.', ",") } else { s }
    }

    /// A date.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::chrono::NaiveDate;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// let d = NaiveDate::from_ymd_opt(2024, 1, 31).ok_or("no such date")?;
    /// assert_eq!(Locale::new(Lang::Nb).date(d), "31.01.2024");
    /// assert_eq!(Locale::new(Lang::En).date(d), "2024-01-31");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn date(self, d: NaiveDate) -> String {
        if self.nb() {
            d.format("%d.%m.%Y").to_string()
        } else {
            d.format("%Y-%m-%d").to_string()
        }
    }

    /// A source: document, date, quoted phrase; an analyst's assumption says so first.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Source;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// let s = Source::new("Årsrapport 2020").quote("bosatte 41");
    /// assert_eq!(Locale::new(Lang::Nb).source(&s), "Årsrapport 2020: «bosatte 41»");
    /// let assumed = Source::new("Budsjett 2025").assumed("satsene videreført");
    /// assert_eq!(
    ///     Locale::new(Lang::En).source(&assumed),
    ///     "ASSUMPTION, not printed (satsene videreført), from Budsjett 2025",
    /// );
    /// ```
    pub fn source(self, s: &bosetting::Source) -> String {
        let mut out = match &s.assumption {
            Some(why) => format!(
                "{} ({why}), {} ",
                self.pick("ANTAKELSE, ikke trykt", "ASSUMPTION, not printed"),
                self.pick("ut fra", "from")
            ),
            None => String::new(),
        };
        out.push_str(&s.document);
        if let Some(d) = s.date {
            out.push_str(&format!(", {}", self.date(d)));
        }
        if let Some(q) = &s.quote {
            out.push_str(&format!(": «{q}»"));
        }
        if let Some(l) = &s.locator {
            out.push_str(&format!(" [{l}]"));
        }
        out
    }

    /// A goal's verdict in words.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::GoalStatus;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// assert_eq!(Locale::new(Lang::Nb).goal_status(GoalStatus::NotMet), "ikke nådd");
    /// assert_eq!(Locale::new(Lang::En).goal_status(GoalStatus::Met), "met");
    /// ```
    pub fn goal_status(self, s: bosetting::GoalStatus) -> &'static str {
        match s {
            bosetting::GoalStatus::Met => self.pick("nådd", "met"),
            bosetting::GoalStatus::NotMet => self.pick("ikke nådd", "not met"),
            _ => self.pick("kan ikke måles", "not measurable"),
        }
    }

    /// A year (never grouped).
    pub fn year(self, y: bosetting::Year) -> String {
        self.year_number(y.get())
    }

    /// A year a phrase names ([`Arg::Year`] holds the number, which may lie outside
    /// [`bosetting::Year`]'s range).
    pub(crate) fn year_number(self, y: i32) -> String {
        y.to_string()
    }

    fn bound_value(self, d: Decimal, unit: Unit) -> String {
        // A bound keeps the decimals it has (up to four for percentages, two otherwise):
        // "96,6 %" printed stands for 96,55 to 96,65 %, and 0,25 stays 0,25.
        let n = d.normalize();
        match unit {
            Unit::Kroner => self.money(Money::new(d)),
            Unit::Percent => format!("{}{NBSP}%", self.decimal(n, n.scale().min(4))),
            Unit::PercentagePoints => format!(
                "{} {}",
                self.decimal(n, n.scale().min(4)),
                self.pick("prosentpoeng", "percentage points")
            ),
            _ => self.decimal(n, n.scale().min(2)),
        }
    }

    /// An interval in words ("mellom 956 425 og 988 425 kr", "minst 15").
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::rust_decimal::Decimal;
    /// use bosetting::{Interval, Unit};
    /// use bosetting_report::{Lang, Locale};
    ///
    /// let nb = Locale::new(Lang::Nb);
    /// let kroner = Interval::closed(Decimal::from(956_425), Decimal::from(988_425))?;
    /// assert_eq!(nb.interval(&kroner, Unit::Kroner), "mellom 956\u{a0}425 kr og 988\u{a0}425 kr");
    /// let at_least = Interval::at_least(Decimal::from(15));
    /// assert_eq!(Locale::new(Lang::En).interval(&at_least, Unit::Persons), "at least 15");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn interval(self, i: &Interval, unit: Unit) -> String {
        if let Some(p) = i.as_point() {
            return self.bound_value(p, unit);
        }
        let v = |d: Decimal| self.bound_value(d, unit);
        match (i.lower(), i.upper()) {
            (Bound::Unbounded, Bound::Unbounded) => self.pick("ukjent", "unknown").to_owned(),
            (Bound::Included(l), Bound::Unbounded) => {
                format!("{} {}", self.pick("minst", "at least"), v(l))
            }
            (Bound::Excluded(l), Bound::Unbounded) => {
                format!("{} {}", self.pick("over", "more than"), v(l))
            }
            (Bound::Unbounded, Bound::Included(u)) => {
                format!("{} {}", self.pick("høyst", "at most"), v(u))
            }
            (Bound::Unbounded, Bound::Excluded(u)) => {
                format!("{} {}", self.pick("under", "less than"), v(u))
            }
            (l, u) => format!(
                "{} {} {} {}",
                self.pick("mellom", "between"),
                v(l.value().unwrap_or_default()),
                self.pick("og", "and"),
                v(u.value().unwrap_or_default())
            ),
        }
    }

    /// A model value with its unit.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Money, Quantity};
    /// use bosetting_report::{Lang, Locale};
    ///
    /// let q = Quantity::money(Money::kroner(241_100));
    /// assert_eq!(Locale::new(Lang::Nb).quantity(&q), "241\u{a0}100 kr");
    /// assert_eq!(Locale::new(Lang::En).quantity(&q), "NOK 241,100");
    /// ```
    pub fn quantity(self, q: &Quantity) -> String {
        let unit_word = |n: &str| -> String {
            match q.unit {
                Unit::Fte => format!("{n} {}", self.pick("årsverk", "FTE")),
                _ => n.to_owned(),
            }
        };
        match (&q.value, q.unit) {
            (Value::Text(t), _) => self.say(t),
            (Value::Interval(i), u) => self.interval(i, u),
            (Value::Integer(n), Unit::Kroner) => self.money(Money::new(Decimal::from(*n))),
            (Value::Integer(n), _) => unit_word(&self.int(*n)),
            (Value::Decimal(d), Unit::Kroner) => self.money(Money::new(*d)),
            (Value::Decimal(d), Unit::Percent) => self.percent(*d),
            (Value::Decimal(d), Unit::PercentagePoints) => self.points(*d),
            (Value::Decimal(d), Unit::Year) => d.to_string(),
            (Value::Decimal(d), _) => unit_word(&self.decimal(*d, 1)),
            (Value::Ratio(r), Unit::Share) => self.share(r),
            (Value::Ratio(r), Unit::Times) => {
                format!(
                    "×{}",
                    self.decimal(r.round(DISPLAY_RULE, 2).unwrap_or_default(), 2)
                )
            }
            (Value::Ratio(r), Unit::PercentagePoints) => {
                self.points(r.round(DISPLAY_RULE, 1).unwrap_or_default())
            }
            (Value::Ratio(r), _) => {
                unit_word(&self.decimal(r.round(DISPLAY_RULE, 1).unwrap_or_default(), 1))
            }
        }
    }

    /// Words the model says, in this language: the bokmål catalogue's wording for the
    /// phrase's id (the English wording is the id itself), with every argument written in
    /// this language's style. Verbatim words are returned as they are.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Phrase, Quantity, Ratio};
    /// use bosetting_report::{Lang, Locale};
    ///
    /// let p = Phrase::new("computed {computed}, as printed («{printed}»)")
    ///     .with("computed", Quantity::share(Ratio::of(279, 285)?))
    ///     .with("printed", bosetting::Arg::verbatim("97,9 %"));
    /// assert_eq!(Locale::new(Lang::Nb).say(&p), "beregnet 97,9\u{a0}%, som trykt («97,9 %»)");
    /// assert_eq!(Locale::new(Lang::En).say(&p), "computed 97.9\u{a0}%, as printed («97,9 %»)");
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn say(self, p: &Phrase) -> String {
        if p.is_verbatim() {
            return p.id().to_owned();
        }
        let template = match self.lang {
            Lang::Nb => crate::phrases::bokmal(p.id()).unwrap_or(p.id()),
            Lang::En => p.id(),
        };
        p.render(template, |a| self.arg(a))
    }

    /// One argument of a phrase.
    fn arg(self, a: &Arg) -> String {
        let join = |items: &[Arg], sep: &str| {
            items
                .iter()
                .map(|a| self.arg(a))
                .collect::<Vec<_>>()
                .join(sep)
        };
        match a {
            Arg::Quantity(q) => self.quantity(q),
            Arg::Number(d) => self.decimal(*d, d.scale()),
            Arg::Fraction(r) => {
                let part = |d: Decimal| self.decimal(d, d.normalize().scale());
                format!("{}/{}", part(r.numerator()), part(r.denominator()))
            }
            Arg::Verbatim(t) => t.clone(),
            Arg::Date(d) => self.date(*d),
            Arg::Year(y) => self.year_number(*y),
            Arg::Phrase(p) => self.say(p),
            Arg::List(items) => join(items, ", "),
            Arg::Clauses(items) => join(items, "; "),
            other => other.to_string(),
        }
    }

    /// A unit's name, for tables.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Unit;
    /// use bosetting_report::{Lang, Locale};
    ///
    /// assert_eq!(Locale::new(Lang::Nb).unit(Unit::Persons), "personer");
    /// assert_eq!(Locale::new(Lang::En).unit(Unit::Dwellings), "dwellings");
    /// ```
    pub fn unit(self, u: Unit) -> &'static str {
        match u {
            Unit::Persons => self.pick("personer", "persons"),
            Unit::Families => self.pick("familier", "families"),
            Unit::Dwellings => self.pick("boliger", "dwellings"),
            Unit::Count => self.pick("antall", "count"),
            Unit::Kroner => "kr",
            Unit::Share | Unit::Percent => "%",
            Unit::PercentagePoints => self.pick("prosentpoeng", "percentage points"),
            Unit::Fte => self.pick("årsverk", "FTE"),
            Unit::Times => "×",
            Unit::PersonsPerDwelling => self.pick("personer per bolig", "persons per dwelling"),
            Unit::Year => self.pick("år", "year"),
            _ => "",
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        let nb = Locale::new(Lang::Nb);
        let en = Locale::new(Lang::En);
        assert_eq!(nb.int(33_701), "33\u{a0}701");
        assert_eq!(nb.int(2500), "2\u{a0}500");
        assert_eq!(nb.int(250), "250");
        assert_eq!(nb.int(-2), "−2");
        assert_eq!(en.int(1_234_567), "1,234,567");
        assert_eq!(nb.decimal(Decimal::new(966, 1), 1), "96,6");
        assert_eq!(nb.money(Money::kroner(-700_000)), "−700\u{a0}000 kr");
        assert_eq!(nb.money(Money::kroner(28_600_000)), "28,6 mill. kr");
        assert_eq!(nb.share(&Ratio::of(39, 75).unwrap()), "52\u{a0}%");
        assert_eq!(
            nb.date(NaiveDate::from_ymd_opt(2024, 1, 31).unwrap()),
            "31.01.2024"
        );
        assert_eq!(
            en.date(NaiveDate::from_ymd_opt(2024, 1, 31).unwrap()),
            "2024-01-31"
        );
        assert_eq!(nb.points(Decimal::from(18)), "18 prosentpoeng");
        let printed = Interval::new(
            Bound::Included(Decimal::new(9655, 2)),
            Bound::Excluded(Decimal::new(9665, 2)),
        )
        .unwrap();
        assert_eq!(
            nb.interval(&printed, Unit::Percent),
            "mellom 96,55\u{a0}% og 96,65\u{a0}%"
        );
    }
}
