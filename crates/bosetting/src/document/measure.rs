//! The measures a document's figures can be asked for, registered by the domain modules
//! that compute them (`settlement`, `programme`, `economy`), and the formulas that derive
//! one measure from others for any body and period.

use crate::explain::Unit;

/// How a measure adds up.
///
/// # Example
///
/// ```
/// use bosetting::Adds;
///
/// let adds = |name: &str| bosetting::measure(name).map(|m| m.adds);
/// // Persons settled add up over years; a share never adds up.
/// assert_eq!(adds("settlement.settled"), Some(Adds::PartsAndPeriods));
/// assert_eq!(adds("settlement.fulfilment"), Some(Adds::Never));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Adds {
    /// Not at all (a rate, a balance on a date).
    Never,
    /// Over a body's parts (units of a municipality, municipalities of a county) and over
    /// categories, but not over periods (a stock on a date).
    Parts,
    /// Over parts, categories and periods (persons settled, kroner spent).
    PartsAndPeriods,
}

/// How a measure is had: stated by documents, or derived from other measures of the same
/// body, period and breakdown.
///
/// # Example
///
/// ```
/// use bosetting::Formula;
///
/// let formula = |name: &str| bosetting::measure(name).map(|m| m.formula);
/// assert_eq!(formula("settlement.fulfilment"), Some(Formula::Quotient("settlement.settled", "settlement.decided")));
/// assert_eq!(formula("settlement.places_remaining"), Some(Formula::YearLess("settlement.decided", "settlement.settled")));
/// assert_eq!(formula("settlement.settled"), Some(Formula::Stated));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Formula {
    /// Only as stated (or summed from parts and periods, where it adds up).
    Stated,
    /// `first − second`.
    Difference(&'static str, &'static str),
    /// `numerator / denominator`.
    Quotient(&'static str, &'static str),
    /// The sum of the measures.
    Sum(&'static [&'static str]),
    /// This part of the measure as a share of its whole (the same measure without the
    /// breakdown).
    ShareOfWhole(&'static str),
    /// The first measure for the whole year the period falls in, less the second at the
    /// period itself: places remaining on a date (decided for the year − settled by then).
    YearLess(&'static str, &'static str),
    /// The first measure at the period as a share of the second for the whole year: the
    /// pace to a date (settled by then / decided for the year).
    ShareOfYear(&'static str, &'static str),
}

/// A measure: its name as written in data files, its unit, how it adds up, what it means,
/// and how it is derived.
///
/// # Example
///
/// ```
/// use bosetting::{Adds, Formula, Unit};
///
/// let shortfall = bosetting::measure("settlement.shortfall").ok_or("registered")?;
/// assert_eq!(shortfall.unit, Unit::Persons);
/// assert_eq!(shortfall.formula, Formula::Difference("settlement.decided", "settlement.settled"));
/// assert_eq!(shortfall.operands(), ["settlement.decided", "settlement.settled"]);
/// // A difference of counts adds up over parts and periods.
/// assert_eq!(shortfall.adds, Adds::PartsAndPeriods);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[doc(alias = "tallstørrelse")]
#[doc(alias = "måltall")]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeasureDef {
    /// The name (`settlement.shortfall`).
    pub name: &'static str,
    /// The unit of its values.
    pub unit: Unit,
    /// How it adds up.
    pub adds: Adds,
    /// What it means, in a sentence.
    pub meaning: &'static str,
    /// How it is derived.
    pub formula: Formula,
}

impl MeasureDef {
    /// A measure documents state.
    pub const fn stated(
        name: &'static str,
        unit: Unit,
        adds: Adds,
        meaning: &'static str,
    ) -> MeasureDef {
        MeasureDef {
            name,
            unit,
            adds,
            meaning,
            formula: Formula::Stated,
        }
    }

    /// A measure derived by `formula`.
    pub const fn derived(
        name: &'static str,
        unit: Unit,
        meaning: &'static str,
        formula: Formula,
    ) -> MeasureDef {
        MeasureDef {
            name,
            unit,
            adds: match formula {
                Formula::Difference(..) | Formula::Sum(_) => Adds::PartsAndPeriods,
                Formula::YearLess(..) => Adds::Parts,
                _ => Adds::Never,
            },
            meaning,
            formula,
        }
    }

    /// The measures this one is derived from.
    pub fn operands(&self) -> Vec<&'static str> {
        match self.formula {
            Formula::Stated => Vec::new(),
            Formula::Difference(a, b)
            | Formula::Quotient(a, b)
            | Formula::YearLess(a, b)
            | Formula::ShareOfYear(a, b) => vec![a, b],
            Formula::Sum(ms) => ms.to_vec(),
            Formula::ShareOfWhole(m) => vec![m],
        }
    }
}

/// Figures a document states that no domain measure names: what they count is their
/// group (`group = "kommuner som har svart"`). They take part in relations and tables like
/// any other, so that a document's arithmetic can be checked before the model has a name
/// for what it counts.
const GENERAL: &[MeasureDef] = &[
    MeasureDef::stated(
        "figure.persons",
        crate::explain::Unit::Persons,
        Adds::PartsAndPeriods,
        "persons the document counts that no other measure names; the group says who",
    ),
    MeasureDef::stated(
        "figure.count",
        crate::explain::Unit::Count,
        Adds::PartsAndPeriods,
        "things the document counts (municipalities, applications, conversations …); the group says what",
    ),
    MeasureDef::stated(
        "figure.kroner",
        crate::explain::Unit::Kroner,
        Adds::PartsAndPeriods,
        "an amount the document states that no other measure names; the group says of what",
    ),
    MeasureDef::stated(
        "figure.share",
        crate::explain::Unit::Share,
        Adds::Never,
        "a share or percentage the document states; the group says of what",
    ),
    MeasureDef::stated(
        "figure.fte",
        crate::explain::Unit::Fte,
        Adds::Parts,
        "full-time equivalents the document states; the group says where",
    ),
];

/// Every registered measure, domain by domain, then the general ones.
///
/// # Example
///
/// ```
/// let names: Vec<&str> = bosetting::measures().map(|m| m.name).collect();
/// assert!(names.contains(&"settlement.settled"));
/// assert!(names.contains(&"budget.result"));
/// // Every name is registered once.
/// let mut unique = names.clone();
/// unique.sort_unstable();
/// unique.dedup();
/// assert_eq!(unique.len(), names.len());
/// ```
#[doc(alias = "tallstørrelse")]
pub fn measures() -> impl Iterator<Item = &'static MeasureDef> {
    crate::settlement::MEASURES
        .iter()
        .chain(crate::programme::MEASURES)
        .chain(crate::economy::MEASURES)
        .chain(GENERAL)
}

/// The measure of that name.
///
/// # Example
///
/// ```
/// use bosetting::Unit;
///
/// assert_eq!(bosetting::measure("settlement.fulfilment").map(|m| m.unit), Some(Unit::Share));
/// assert!(bosetting::measure("settlement.fulfillment").is_none());
/// ```
pub fn measure(name: &str) -> Option<&'static MeasureDef> {
    measures().find(|m| m.name == name)
}

/// The name among `names` nearest to `name` by edit distance, if it is near enough to be
/// what was meant (for "did you mean" in error messages).
///
/// ```
/// let fields = ["places", "quote", "kind"];
/// assert_eq!(bosetting::nearest_name("plases", fields.into_iter()), Some("places"));
/// assert_eq!(bosetting::nearest_name("zzz", fields.into_iter()), None);
/// ```
pub fn nearest<'n>(name: &str, names: impl Iterator<Item = &'n str>) -> Option<&'n str> {
    names
        .map(|n| (edit_distance(name, n), n))
        .filter(|(d, n)| *d <= (n.len() / 3).saturating_add(2))
        .min()
        .map(|(_, n)| n)
}

pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len().saturating_add(1));
        cur.push(i.saturating_add(1));
        for (j, cb) in b.iter().enumerate() {
            let sub = prev
                .get(j)
                .copied()
                .unwrap_or(0)
                .saturating_add(usize::from(ca != *cb));
            let del = prev
                .get(j.saturating_add(1))
                .copied()
                .unwrap_or(0)
                .saturating_add(1);
            let ins = cur.get(j).copied().unwrap_or(0).saturating_add(1);
            cur.push(sub.min(del).min(ins));
        }
        prev = cur;
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn every_operand_is_registered_and_no_name_twice() {
        let mut seen = std::collections::BTreeSet::new();
        for m in measures() {
            assert!(seen.insert(m.name), "{} registered twice", m.name);
            for o in m.operands() {
                assert!(measure(o).is_some(), "{} uses unknown {o}", m.name);
            }
        }
        // Derived measures must not depend on themselves.
        fn depth(name: &str, n: usize) -> usize {
            assert!(n < 20, "{name} depends on itself");
            measure(name)
                .unwrap()
                .operands()
                .iter()
                .map(|o| depth(o, n + 1))
                .max()
                .unwrap_or(n)
        }
        for m in measures() {
            depth(m.name, 0);
        }
    }

    #[test]
    fn misspelled_names_find_the_nearest() {
        let names = || measures().map(|m| m.name);
        assert_eq!(
            nearest("settlement.setled", names()),
            Some("settlement.settled")
        );
        assert_eq!(nearest("budget.reslt", names()), Some("budget.result"));
        assert_eq!(nearest("nonsense", names()), None);
    }
}
