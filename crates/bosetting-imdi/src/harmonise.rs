//! An export harmonised to the 2024 municipalities: each 2024 municipality's history is the
//! sum of the numbers that are its area today.

use std::collections::BTreeMap;

use bosetting::{
    Harmonisation, MunicipalityNumber, QuotaSeries, Reported, Source, Year, YearQuota,
};

use crate::long::Export;

/// Which numbering a series is wanted in.
///
/// # Example
///
/// ```
/// use bosetting::{Harmonisation, Year};
/// use bosetting_imdi::Numbering;
///
/// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
/// let table = Harmonisation::builtin()?;
/// let drammen = "3301".parse()?;
/// assert_eq!(export.series_in(drammen, Numbering::Published, &table)?, None);
/// let today = export.series_in(drammen, Numbering::Harmonised2024, &table)?;
/// let y2017 = today.as_ref().and_then(|s| s.years.get(&Year::new(2017).ok()?)?.settled?.value());
/// assert_eq!(y2017, Some(141 + 55 + 15)); // Drammen, Nedre Eiker and Svelvik
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Numbering {
    /// As IMDi published it: the number in force each year (Halden is 0101, then 3001).
    #[default]
    Published,
    /// Harmonised to the 2024 municipalities: the sum of every number that is its area today.
    Harmonised2024,
}

/// One 2024 municipality's harmonised series (see [`Export::harmonised`] for an example).
///
/// # Example
///
/// ```
/// use bosetting::{Harmonisation, Year};
///
/// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
/// let h = export.harmonised(&Harmonisation::builtin()?)?;
/// let drammen = h.municipality("3301".parse()?).ok_or("Drammen")?;
/// // The old municipalities summed into today's Drammen, oldest first as the grouping lists them.
/// assert!(drammen.parts.contains(&"0602".parse()?));
/// assert!(drammen.parts.contains(&"3005".parse()?));
/// assert_eq!(drammen.series.number, Some("3301".parse()?));
/// // No year of Drammen's area was split: nothing is approximate.
/// assert!(drammen.approximate.is_empty());
/// assert!(drammen.series.years.contains_key(&Year::new(2017)?));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HarmonisedSeries {
    /// The series: the 2024 number and name, each year the sum of the parts in the export.
    /// Its source says it is harmonised.
    pub series: QuotaSeries,
    /// The numbers summed (those of the grouping that are in the export), oldest first as the
    /// grouping lists them.
    pub parts: Vec<MunicipalityNumber>,
    /// Years whose figures are approximate, and why (a number in use that year was split).
    pub approximate: BTreeMap<Year, bosetting::Phrase>,
    /// Per year, the number of cells suppressed (`:`) in one part while another part has a
    /// figure: the sum shown is then a lower bound.
    pub lower_bound: BTreeMap<Year, u32>,
}

/// An export harmonised to the 2024 municipalities.
///
/// # Example
///
/// ```
/// use bosetting::Harmonisation;
///
/// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
/// let h = export.harmonised(&Harmonisation::builtin()?)?;
/// let halden = h.municipality("3101".parse()?).ok_or("Halden")?;
/// // 0101 until 2019 and 3001 from 2020; the 2024 number 3101 is not in a 2023 export.
/// assert_eq!(halden.parts.len(), 2);
/// assert!(halden.parts.contains(&"0101".parse()?));
/// assert!(h.ungrouped.iter().all(|(_, why)| !why.is_empty()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Harmonised {
    /// What was harmonised, and with which grouping.
    pub source: Source,
    /// The 2024 municipalities with figures in the export.
    pub municipalities: BTreeMap<MunicipalityNumber, HarmonisedSeries>,
    /// Series whose number the grouping puts in no 2024 municipality (a number split in a
    /// reform, Svalbard, numbers from before 1994), kept as published with the reason.
    pub ungrouped: Vec<(QuotaSeries, String)>,
}

impl Harmonised {
    /// One 2024 municipality's series (see the type's example).
    pub fn municipality(&self, number: MunicipalityNumber) -> Option<&HarmonisedSeries> {
        self.municipalities.get(&number)
    }

    /// National totals, as [`Export::national`]: the sum of every harmonised series and
    /// every ungrouped one. They equal the published national totals.
    ///
    /// # Errors
    ///
    /// [`bosetting::Error::Overflow`] if a year's sum does not fit.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::Harmonisation;
    ///
    /// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
    /// let harmonised = export.harmonised(&Harmonisation::builtin()?)?;
    /// assert_eq!(harmonised.national()?.0.years, export.national()?.0.years);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn national(&self) -> Result<(QuotaSeries, BTreeMap<Year, u32>), bosetting::Error> {
        QuotaSeries::sum(
            "Norway (sum of harmonised municipality rows)",
            self.municipalities
                .values()
                .map(|h| &h.series)
                .chain(self.ungrouped.iter().map(|(s, _)| s)),
        )
    }
}

/// Combines one count across parts: the sum of the figures; where no part has a figure, the
/// reason there is none (suppressed before no figure before blank).
fn combine(
    cells: &[Option<Reported<u32>>],
    lower_bound: &mut u32,
) -> Result<Option<Reported<u32>>, bosetting::Error> {
    let mut sum: Option<u32> = None;
    let mut suppressed = 0u32;
    let (mut no_figure, mut blank) = (false, false);
    for c in cells.iter().flatten() {
        match c {
            Reported::Value(v) => {
                let acc = sum.unwrap_or(0);
                sum = Some(
                    acc.checked_add(*v)
                        .ok_or_else(|| bosetting::Error::Overflow {
                            operation: format!("harmonised sum: {acc} + {v}"),
                        })?,
                );
            }
            Reported::Suppressed => suppressed = suppressed.saturating_add(1),
            Reported::NoFigure => no_figure = true,
            Reported::Blank | Reported::Infinite => blank = true,
        }
    }
    Ok(match sum {
        Some(v) => {
            *lower_bound = lower_bound.saturating_add(suppressed);
            Some(Reported::Value(v))
        }
        None if suppressed > 0 => Some(Reported::Suppressed),
        None if no_figure => Some(Reported::NoFigure),
        None if blank => Some(Reported::Blank),
        None => None,
    })
}

impl Export {
    /// The series of one municipality in the numbering asked for: as published (the number
    /// itself), or harmonised to 2024 (`number` is then a 2024 number).
    ///
    /// # Errors
    ///
    /// As [`Export::harmonised`].
    ///
    /// # Example
    ///
    /// See [`Numbering`].
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Harmonisation, Year};
    /// use bosetting_imdi::Numbering;
    ///
    /// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
    /// let table = Harmonisation::builtin()?;
    /// // Bodø kept its number: as published and harmonised, 2023 is the same.
    /// let bodo = "1804".parse()?;
    /// let settled = |n| -> Result<Option<u32>, Box<dyn std::error::Error>> {
    ///     let s = export.series_in(bodo, n, &table)?;
    ///     Ok(s.and_then(|s| s.years.get(&Year::new(2023).ok()?)?.settled?.value()))
    /// };
    /// assert!(settled(Numbering::Published)?.is_some());
    /// assert_eq!(settled(Numbering::Published)?, settled(Numbering::Harmonised2024)?);
    /// // Old Drammen (0602) is no 2024 municipality: harmonised, it has no series of its own.
    /// assert_eq!(export.series_in("0602".parse()?, Numbering::Harmonised2024, &table)?, None);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn series_in(
        &self,
        number: MunicipalityNumber,
        numbering: Numbering,
        table: &Harmonisation,
    ) -> Result<Option<QuotaSeries>, bosetting::Error> {
        Ok(match numbering {
            Numbering::Published => self.series.get(&number).cloned(),
            Numbering::Harmonised2024 => self
                .harmonised(table)?
                .municipalities
                .remove(&number)
                .map(|h| h.series),
        })
    }

    /// The export harmonised to the 2024 municipalities with `table`: each 2024
    /// municipality's history is the sum of its former parts (Halden: 0101, 3001, 3101), its
    /// source marked as harmonised; a year carried across a split is marked approximate;
    /// a number the grouping does not place is kept as published, with the reason.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Harmonisation, Reported, Year};
    ///
    /// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
    /// let h = export.harmonised(&Harmonisation::builtin()?)?;
    /// let drammen = h.municipality("3301".parse()?).expect("Drammen");
    /// let y = |n| Year::new(n).unwrap();
    /// // 2017: old Drammen 0602 + Nedre Eiker 0625 + Svelvik 0711.
    /// let parts: u32 = ["0602", "0625", "0711"].iter()
    ///     .filter_map(|n| export.municipality(n.parse().unwrap())?.years[&y(2017)].decision?.value())
    ///     .sum();
    /// assert_eq!(drammen.series.years[&y(2017)].decision, Some(Reported::Value(parts)));
    /// assert!(h.municipality("1508".parse()?).unwrap().approximate.contains_key(&y(2021)));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`bosetting::Error::Overflow`] on overflow.
    pub fn harmonised(&self, table: &Harmonisation) -> Result<Harmonised, bosetting::Error> {
        let source = Source::new(format!(
            "{}, harmonised to the 2024 municipalities ({})",
            self.source.document, table.source.document
        ));
        let mut municipalities = BTreeMap::new();
        let mut placed = std::collections::BTreeSet::new();
        for g in &table.groups {
            let mut parts: Vec<MunicipalityNumber> = Vec::new();
            for p in &g.parts {
                if self.series.contains_key(&p.number) && !parts.contains(&p.number) {
                    parts.push(p.number);
                }
            }
            if parts.is_empty() {
                continue;
            }
            let series: Vec<&QuotaSeries> =
                parts.iter().filter_map(|n| self.series.get(n)).collect();
            let years: std::collections::BTreeSet<Year> = series
                .iter()
                .flat_map(|s| s.years.keys().copied())
                .collect();
            let mut out = QuotaSeries::new(Some(g.number), g.name.clone());
            out.source = Some(source.clone());
            let mut approximate = BTreeMap::new();
            let mut lower_bound = BTreeMap::new();
            for y in years {
                let qs: Vec<&YearQuota> = series.iter().filter_map(|s| s.years.get(&y)).collect();
                let mut lb = 0u32;
                let field = |f: fn(&YearQuota) -> Option<Reported<u32>>,
                             lb: &mut u32|
                 -> Result<Option<Reported<u32>>, bosetting::Error> {
                    combine(&qs.iter().map(|q| f(q)).collect::<Vec<_>>(), lb)
                };
                let mut q = YearQuota {
                    request: field(|q| q.request, &mut lb)?,
                    decision: field(|q| q.decision, &mut lb)?,
                    settled: field(|q| q.settled, &mut lb)?,
                    ..YearQuota::default()
                };
                // The original request of the whole is the sum of the parts' originals, an
                // unrevised part's original being its request.
                if qs.iter().any(|q| q.original_request.is_some()) {
                    q.original_request = field(|q| q.original_request.or(q.request), &mut lb)?;
                }
                if let [one] = qs.as_slice() {
                    q.percent = one.percent;
                    q.original_decision = one.original_decision;
                }
                if lb > 0 {
                    lower_bound.insert(y, lb);
                }
                out.years.insert(y, q);
            }
            for y in out.years.keys() {
                if let Some(note) = table.approximate(g.number, *y) {
                    approximate.insert(*y, note);
                }
            }
            // A split part counted elsewhere: the years it covers are approximate here even
            // where the export has no figure for this municipality.
            for s in table.splits.iter().filter(|s| s.into.contains(&g.number)) {
                let mut y = s.first_year;
                while y <= s.last_year {
                    if let Some(note) = table.approximate(g.number, y) {
                        approximate.entry(y).or_insert(note);
                    }
                    y = y.offset(1)?;
                }
            }
            placed.extend(parts.iter().copied());
            municipalities.insert(
                g.number,
                HarmonisedSeries {
                    series: out,
                    parts,
                    approximate,
                    lower_bound,
                },
            );
        }
        let ungrouped = self
            .series
            .iter()
            .filter(|(n, _)| !placed.contains(*n))
            .map(|(n, s)| {
                let why = match table.ungrouped(*n) {
                    Some(u) => format!(
                        "{} {} is in no 2024 municipality ({}: {})",
                        u.code, u.name, u.group, u.group_name
                    ),
                    None => format!("{n} is not in the grouping of numbers used 1994–2024"),
                };
                (s.clone(), why)
            })
            .collect();
        Ok(Harmonised {
            source,
            municipalities,
            ungrouped,
        })
    }
}
