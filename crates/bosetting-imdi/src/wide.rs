//! IMDi's older wide format: three header rows (indicator, unit, year) and one row per
//! municipality (`K3801;Horten;…`).

use std::collections::{BTreeMap, HashMap};

use bosetting::{MunicipalityNumber, QuotaSeries, Reported, Source, Year, YearQuota};
use rust_decimal::Decimal;

use crate::error::ImportError;
use crate::text::{self, Encoding};

/// What a column holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Column {
    group: String,
    figure: usize,
    percent: bool,
    year: Year,
}

/// One cell's figure.
enum Cell {
    Persons(Reported<u32>),
    Percent(Reported<Decimal>),
}

/// A wide export: per indicator group ("Bosetting enslige mindreårige"), one series per
/// municipality.
///
/// # Example
///
/// ```
/// let wide = bosetting_imdi::read_wide(bosetting_imdi::bundled_wide(), "imdi-wide.csv")?;
/// assert!(wide.rows > 0);
/// assert!(!wide.groups.is_empty());
/// // Each group's series are keyed by their municipality number.
/// for series in wide.groups.values() {
///     assert!(series.iter().all(|(n, s)| s.number == Some(*n)));
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WideExport {
    /// Where it was read from.
    pub source: Source,
    /// Series by group, then municipality number.
    pub groups: BTreeMap<String, BTreeMap<MunicipalityNumber, QuotaSeries>>,
    /// Data rows read.
    pub rows: usize,
}

const FIGURES: [&str; 4] = [
    "Anmodning om bosetting",
    "Opprinnelig anmodning",
    "Vedtak om bosetting",
    "Faktisk bosetting",
];

pub(crate) fn read(
    bytes: &[u8],
    origin: &str,
    lenient: bool,
    errors: &mut Vec<ImportError>,
) -> Result<WideExport, ImportError> {
    let file = origin.to_owned();
    let (bytes, encoding) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(b) => (b, Encoding::Utf8),
        None if std::str::from_utf8(bytes).is_ok() && bytes.iter().any(|b| *b >= 0x80) => {
            (bytes, Encoding::Utf8)
        }
        None => (bytes, Encoding::Latin1),
    };
    let lines: Vec<&[u8]> = bytes
        .split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
        .collect();
    let file_err = |reason: String| ImportError::File {
        file: file.clone(),
        reason,
    };
    let decode = |b: &[u8]| encoding.decode(b).unwrap_or_else(|| text::shown(b));
    let (Some(h1), Some(h2), Some(h3)) = (lines.first(), lines.get(1), lines.get(2)) else {
        return Err(file_err(
            "expected three header rows (indicator, unit, year)".into(),
        ));
    };
    let split = |l: &[u8]| -> Vec<String> { l.split(|&b| b == b';').map(decode).collect() };
    let (i1, i2, i3) = (split(h1), split(h2), split(h3));
    if i1.len() < 3 || i1.len() != i2.len() || i1.len() != i3.len() {
        return Err(file_err(format!(
            "the three header rows have {}, {} and {} columns; they must have the same number, at least 3",
            i1.len(),
            i2.len(),
            i3.len()
        )));
    }
    // A column this reader does not know is `None`: refused in strict mode (the error names
    // the column), skipped in lenient mode (reported if it has any figure, quietly if empty).
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(i1.len().saturating_sub(2));
    let mut unknown: Vec<(usize, ImportError)> = Vec::new();
    // Each column's first position, to find a repeated column in one lookup.
    let mut first_of: HashMap<Column, usize> = HashMap::with_capacity(columns.capacity());
    for (c, ((ind, unit), year)) in i1.iter().zip(&i2).zip(&i3).enumerate().skip(2) {
        match header_column(c, ind, unit, year, &file, &first_of) {
            Ok(column) => {
                first_of.insert(column.clone(), columns.len());
                columns.push(Some(column));
            }
            Err(e) if lenient => {
                unknown.push((columns.len(), e));
                columns.push(None);
            }
            Err(e) => return Err(e),
        }
    }
    let source = Source::new(format!("IMDi wide export {origin}"));
    let mut groups: BTreeMap<String, BTreeMap<MunicipalityNumber, QuotaSeries>> = BTreeMap::new();
    let mut seen: BTreeMap<MunicipalityNumber, usize> = BTreeMap::new();
    let mut rows = 0usize;
    let mut filled = vec![0usize; columns.len()];
    let last = lines.len().saturating_sub(1);
    for (i, line) in lines.iter().enumerate().skip(3) {
        let line_no = i.saturating_add(1);
        if line.is_empty() && i == last {
            break;
        }
        match data_row(
            line,
            line_no,
            &file,
            &columns,
            &decode,
            &source,
            &mut groups,
            &mut seen,
            &mut filled,
        ) {
            Ok(()) => rows = rows.saturating_add(1),
            Err(e) if lenient => errors.push(e),
            Err(e) => return Err(e),
        }
    }
    // Unknown columns with figures in them are reported (first, in column order); empty ones
    // are the layout of some exports (56 empty "sammenslått for tidligere fylker" columns)
    // and are skipped without a word.
    let reports: Vec<ImportError> = unknown
        .into_iter()
        .filter_map(|(i, mut e)| {
            let n = filled.get(i).copied().unwrap_or(0);
            (n > 0).then(|| {
                if let ImportError::Field { reason, .. } = &mut e {
                    *reason = format!(
                        "{reason}; the column is skipped, with figures in {n} row{}",
                        if n == 1 { "" } else { "s" }
                    );
                }
                e
            })
        })
        .collect();
    errors.splice(0..0, reports);
    Ok(WideExport {
        source,
        groups,
        rows,
    })
}

/// Reads one column's three header cells (`c` is its 0-based index).
fn header_column(
    c: usize,
    ind: &str,
    unit: &str,
    year: &str,
    file: &str,
    first_of: &HashMap<Column, usize>,
) -> Result<Column, ImportError> {
    let col = c.saturating_add(1);
    let bad = |line: usize, value: &str, reason: &str| ImportError::Field {
        file: file.to_owned(),
        line,
        field: format!("header column {col}"),
        value: value.to_owned(),
        reason: reason.to_owned(),
    };
    let (group, figure) = ind
        .rsplit_once(": ")
        .ok_or_else(|| bad(1, ind, "expected \"<group>: <figure>\""))?;
    let figure = FIGURES
        .iter()
        .position(|f| *f == figure)
        .ok_or_else(|| bad(1, ind, "unknown figure"))?;
    let percent = match unit {
        "Enhet: Personer" => false,
        "Enhet: Prosent" => true,
        _ => {
            return Err(bad(
                2,
                unit,
                "expected \"Enhet: Personer\" or \"Enhet: Prosent\"",
            ));
        }
    };
    let y = year
        .strip_prefix("År: ")
        .and_then(|y| y.parse::<i32>().ok())
        .and_then(|y| Year::new(y).ok())
        .ok_or_else(|| bad(3, year, "expected \"År: YYYY\""))?;
    let column = Column {
        group: group.to_owned(),
        figure,
        percent,
        year: y,
    };
    if let Some(&prev) = first_of.get(&column) {
        return Err(bad(
            1,
            ind,
            &format!(
                "the same figure, unit and year as column {}",
                prev.saturating_add(3)
            ),
        ));
    }
    Ok(column)
}

#[allow(clippy::too_many_arguments)]
fn data_row(
    line: &[u8],
    line_no: usize,
    file: &str,
    columns: &[Option<Column>],
    decode: &dyn Fn(&[u8]) -> String,
    source: &Source,
    groups: &mut BTreeMap<String, BTreeMap<MunicipalityNumber, QuotaSeries>>,
    seen: &mut BTreeMap<MunicipalityNumber, usize>,
    filled: &mut [usize],
) -> Result<(), ImportError> {
    let field_err = |field: String, value: &[u8], reason: &str| ImportError::Field {
        file: file.to_owned(),
        line: line_no,
        field,
        value: text::shown(value),
        reason: reason.to_owned(),
    };
    let cells: Vec<&[u8]> = line.split(|&b| b == b';').collect();
    if cells.len() != columns.len().saturating_add(2) {
        return Err(ImportError::Row {
            file: file.to_owned(),
            line: line_no,
            reason: format!(
                "expected {} fields, found {}",
                columns.len().saturating_add(2),
                cells.len()
            ),
        });
    }
    let code = cells.first().copied().unwrap_or(&[]);
    let number = code
        .strip_prefix(b"K")
        .and_then(text::four_digits)
        .and_then(|n| MunicipalityNumber::new(n).ok())
        .ok_or_else(|| field_err("Region".into(), code, "expected K and four digits (K3801)"))?;
    // Only an accepted row marks its municipality as seen: a refused row leaves no trace,
    // and a good row for the same municipality after it is kept.
    if let Some(&first) = seen.get(&number) {
        return Err(ImportError::Duplicate {
            file: file.to_owned(),
            line: line_no,
            first,
            key: format!("municipality {number}"),
        });
    }
    let name = decode(cells.get(1).copied().unwrap_or(&[]));
    // Check every cell before storing any, so that a refused row leaves nothing behind.
    let mut values: Vec<(&Column, Cell)> = Vec::with_capacity(columns.len());
    for (c, (col, cell)) in columns.iter().zip(cells.iter().skip(2)).enumerate() {
        let Some(col) = col else {
            if !cell.is_empty() {
                if let Some(n) = filled.get_mut(c) {
                    *n = n.saturating_add(1);
                }
            }
            continue;
        };
        // An empty cell is no figure at all: the wide layout has a cell for every figure
        // and year, where the long one has a row only for what exists.
        if cell.is_empty() {
            continue;
        }
        let field = || {
            format!(
                "column {} ({} {})",
                c.saturating_add(3),
                FIGURES.get(col.figure).copied().unwrap_or(""),
                col.year
            )
        };
        let v = if col.percent {
            Cell::Percent(match *cell {
                b"." => Reported::NoFigure,
                b":" => Reported::Suppressed,
                b"Inf" => Reported::Infinite,
                v => Reported::Value(text::decimal(v).ok_or_else(|| {
                    field_err(field(), v, "expected a non-negative decimal, `.` or `:`")
                })?),
            })
        } else {
            Cell::Persons(match *cell {
                b"." => Reported::NoFigure,
                b":" => Reported::Suppressed,
                v => Reported::Value(text::count(v).ok_or_else(|| {
                    field_err(field(), v, "expected a whole number of persons, `.` or `:`")
                })?),
            })
        };
        values.push((col, v));
    }
    seen.insert(number, line_no);
    for col in columns.iter().flatten() {
        groups
            .entry(col.group.clone())
            .or_default()
            .entry(number)
            .or_insert_with(|| {
                let mut s = QuotaSeries::new(Some(number), name.clone());
                s.source = Some(source.clone());
                s
            });
    }
    for (col, v) in values {
        let Some(series) = groups.get_mut(&col.group).and_then(|g| g.get_mut(&number)) else {
            continue;
        };
        let q: &mut YearQuota = series.years.entry(col.year).or_default();
        match v {
            Cell::Percent(v) => {
                let slot = match col.figure {
                    0 => &mut q.percent.request,
                    1 => &mut q.percent.original_request,
                    2 => &mut q.percent.decision,
                    _ => &mut q.percent.settled,
                };
                *slot = Some(v);
            }
            Cell::Persons(v) => {
                let slot = match col.figure {
                    0 => &mut q.request,
                    1 => &mut q.original_request,
                    2 => &mut q.decision,
                    _ => &mut q.settled,
                };
                *slot = Some(v);
            }
        }
    }
    Ok(())
}
