//! The long format: `Enhet;År;Kommunenummer;Kommune;Bosetting;Antall`, one figure per row.

use std::collections::BTreeMap;

use bosetting::{MunicipalityNumber, QuotaSeries, Reported, Source, Year, YearQuota};
use rust_decimal::Decimal;

use crate::error::ImportError;
use crate::text::{self, Encoding};

/// The figure a row holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Figure {
    Request,
    OriginalRequest,
    Decision,
    Settled,
}

impl Figure {
    fn parse(b: &[u8]) -> Option<Figure> {
        match b {
            b"Anmodning om bosetting" => Some(Figure::Request),
            b"Opprinnelig anmodning" => Some(Figure::OriginalRequest),
            b"Vedtak om bosetting" => Some(Figure::Decision),
            b"Faktisk bosetting" => Some(Figure::Settled),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            Figure::Request => 0,
            Figure::OriginalRequest => 1,
            Figure::Decision => 2,
            Figure::Settled => 3,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Figure::Request => "Anmodning om bosetting",
            Figure::OriginalRequest => "Opprinnelig anmodning",
            Figure::Decision => "Vedtak om bosetting",
            Figure::Settled => "Faktisk bosetting",
        }
    }
}

/// One municipality-year as it accumulates: counts and percentages, and the line each came
/// from (0 = not yet seen), to report duplicates.
#[derive(Debug, Clone, Copy, Default)]
struct Cells {
    persons: [Option<Reported<u32>>; 4],
    percent: [Option<Reported<Decimal>>; 4],
    lines: [u32; 8],
}

#[derive(Debug, Default)]
struct Acc {
    name: Vec<u8>,
    name_year: i32,
    base_year: i32,
    years: Vec<Cells>,
}

impl Acc {
    #[inline]
    fn cells(&mut self, year: i32) -> Option<&mut Cells> {
        // The common case: a year already seen.
        if let Some(i) = year
            .checked_sub(self.base_year)
            .and_then(|i| usize::try_from(i).ok())
            .filter(|i| *i < self.years.len())
        {
            return self.years.get_mut(i);
        }
        self.grow_to(year)
    }

    #[cold]
    fn grow_to(&mut self, year: i32) -> Option<&mut Cells> {
        if self.years.is_empty() {
            self.base_year = year;
        }
        if year < self.base_year {
            let grow = usize::try_from(self.base_year.saturating_sub(year)).unwrap_or(0);
            let mut v = vec![Cells::default(); grow];
            v.append(&mut self.years);
            self.years = v;
            self.base_year = year;
        }
        let i = usize::try_from(year.saturating_sub(self.base_year)).unwrap_or(0);
        if i >= self.years.len() {
            self.years.resize(i.saturating_add(1), Cells::default());
        }
        self.years.get_mut(i)
    }
}

/// Everything read from an export: one [`QuotaSeries`] per municipality number.
///
/// # Example
///
/// ```
/// use bosetting::Year;
///
/// let export = bosetting_imdi::read_long(bosetting_imdi::bundled(), "imdi.csv")?;
/// assert_eq!(export.source.document, "IMDi settlement export imdi.csv");
/// let bodo = export.series.get(&"1804".parse()?).ok_or("Bodø is in the file")?;
/// assert_eq!(bodo.years[&Year::new(2020)?].settled.and_then(|r| r.value()), Some(41));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// Where it was read from.
    pub source: Source,
    /// The series, by municipality number.
    pub series: BTreeMap<MunicipalityNumber, QuotaSeries>,
    /// Data rows read (the header not counted).
    pub rows: usize,
}

/// Reads the long format.
pub(crate) fn read(
    bytes: &[u8],
    origin: &str,
    lenient: bool,
    errors: &mut Vec<ImportError>,
) -> Result<Export, ImportError> {
    let file = origin.to_owned();
    let (encoding, body) = header(bytes, origin)?;
    let mut accs: Vec<Option<Box<Acc>>> = (0..10_000).map(|_| None).collect();
    let mut rows = 0usize;
    let mut line_no = 1usize;
    let mut fields: Vec<std::borrow::Cow<'_, [u8]>> = Vec::with_capacity(6);
    let mut rest = body;
    let may_have_quotes = memchr::memchr(b'"', body).is_some();
    while !rest.is_empty() {
        line_no = line_no.saturating_add(1);
        let (line, next) = match memchr::memchr(b'\n', rest) {
            Some(i) => (
                rest.get(..i).unwrap_or(&[]),
                rest.get(i.saturating_add(1)..).unwrap_or(&[]),
            ),
            None => (rest, &[][..]),
        };
        rest = next;
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        match row(
            line,
            line_no,
            &file,
            encoding,
            may_have_quotes,
            &mut fields,
            &mut accs,
        ) {
            Ok(()) => rows = rows.saturating_add(1),
            Err(e) if lenient => errors.push(e),
            Err(e) => return Err(e),
        }
    }
    let source = Source::new(format!("IMDi settlement export {origin}"));
    let mut series = BTreeMap::new();
    for (n, acc) in accs.into_iter().enumerate() {
        let Some(acc) = acc else { continue };
        // A municipality seen only in rejected rows has no series.
        if acc.years.iter().all(|c| c.lines.iter().all(|l| *l == 0)) {
            continue;
        }
        let number = u16::try_from(n)
            .ok()
            .and_then(|n| MunicipalityNumber::new(n).ok());
        let Some(number) = number else { continue };
        let name = encoding.decode(&acc.name).unwrap_or_default();
        let mut s = QuotaSeries::new(Some(number), name);
        s.source = Some(source.clone());
        for (i, c) in acc.years.iter().enumerate() {
            if c.lines.iter().all(|l| *l == 0) {
                continue;
            }
            let y = i32::try_from(i)
                .ok()
                .and_then(|i| acc.base_year.checked_add(i))
                .and_then(|y| Year::new(y).ok());
            let Some(y) = y else { continue };
            let [request, original_request, decision, settled] = c.persons;
            let [p_req, p_orig, p_dec, p_set] = c.percent;
            s.years.insert(
                y,
                YearQuota {
                    original_request,
                    request,
                    original_decision: None,
                    decision,
                    settled,
                    percent: bosetting::PercentOfRequest {
                        request: p_req,
                        original_request: p_orig,
                        decision: p_dec,
                        settled: p_set,
                    },
                },
            );
        }
        series.insert(number, s);
    }
    Ok(Export {
        source,
        series,
        rows,
    })
}

const HEADER: &[&[u8]] = &[
    b"Enhet",
    b"\xc5r",
    b"Kommunenummer",
    b"Kommune",
    b"Bosetting",
    b"Antall",
];

/// Checks the header and finds the encoding from how it spells "År".
fn header<'a>(bytes: &'a [u8], origin: &str) -> Result<(Encoding, &'a [u8]), ImportError> {
    let file_err = |reason: String| ImportError::File {
        file: origin.to_owned(),
        reason,
    };
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(file_err("the file is empty".into()));
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xef\xbb\xbf") {
        Some(b) => (b, true),
        None => (bytes, false),
    };
    let end = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let head = bytes.get(..end).unwrap_or(&[]);
    let head = head.strip_suffix(b"\r").unwrap_or(head);
    let body = bytes.get(end.saturating_add(1)..).unwrap_or(&[]);
    let fields: Vec<&[u8]> = head.split(|&b| b == b';').collect();
    let utf8_header: Vec<Vec<u8>> = HEADER
        .iter()
        .map(|h| {
            h.iter()
                .map(|&b| char::from(b))
                .collect::<String>()
                .into_bytes()
        })
        .collect();
    let latin = fields.len() == HEADER.len() && fields.iter().zip(HEADER).all(|(a, b)| a == b);
    let utf8 = fields.len() == HEADER.len()
        && fields
            .iter()
            .zip(&utf8_header)
            .all(|(a, b)| *a == b.as_slice());
    match (latin, utf8) {
        (true, _) if !bom => Ok((Encoding::Latin1, body)),
        (_, true) => Ok((Encoding::Utf8, body)),
        _ => Err(file_err(format!(
            "line 1: expected the header Enhet;År;Kommunenummer;Kommune;Bosetting;Antall (ISO-8859-1 or UTF-8), found {:?}",
            text::shown(head)
        ))),
    }
}

#[inline]
fn row<'a>(
    line: &'a [u8],
    line_no: usize,
    file: &str,
    encoding: Encoding,
    may_have_quotes: bool,
    fields: &mut Vec<std::borrow::Cow<'a, [u8]>>,
    accs: &mut [Option<Box<Acc>>],
) -> Result<(), ImportError> {
    let field_err = |field: &str, value: &[u8], reason: &str| ImportError::Field {
        file: file.to_owned(),
        line: line_no,
        field: field.to_owned(),
        value: text::shown(value),
        reason: reason.to_owned(),
    };
    if line.is_empty() {
        return Err(ImportError::Row {
            file: file.to_owned(),
            line: line_no,
            reason: "an empty line where a row was expected".into(),
        });
    }
    let count_err = |n: usize| ImportError::Row {
        file: file.to_owned(),
        line: line_no,
        reason: format!("expected 6 fields, found {n}"),
    };
    let plain = text::split_plain::<6>(line, may_have_quotes).map_err(count_err)?;
    let quoted;
    let [enhet, year, number, name, figure, antall]: [&[u8]; 6] = match plain {
        Some(f) => f,
        None => {
            text::split(line, fields).map_err(|reason| ImportError::Row {
                file: file.to_owned(),
                line: line_no,
                reason,
            })?;
            quoted = fields.iter().map(|c| &**c).collect::<Vec<&[u8]>>();
            match quoted.as_slice() {
                [a, b, c, d, e, f] => [a, b, c, d, e, f],
                other => return Err(count_err(other.len())),
            }
        }
    };
    let percent = match enhet {
        b"Personer" => false,
        b"Prosent" => true,
        other => return Err(field_err("Enhet", other, "expected Personer or Prosent")),
    };
    let y = text::four_digits(year)
        .map(i32::from)
        .filter(|y| (Year::MIN..=Year::MAX).contains(y))
        .ok_or_else(|| field_err("År", year, "expected a four-digit year"))?;
    let n = text::four_digits(number)
        .filter(|n| *n != 0)
        .ok_or_else(|| {
            field_err(
                "Kommunenummer",
                number,
                "expected four digits other than 0000",
            )
        })?;
    let fig = Figure::parse(figure).ok_or_else(|| {
        field_err(
            "Bosetting",
            figure,
            "expected Anmodning om bosetting, Opprinnelig anmodning, Vedtak om bosetting or Faktisk bosetting",
        )
    })?;
    if encoding == Encoding::Utf8 && std::str::from_utf8(name).is_err() {
        return Err(field_err("Kommune", name, "not valid UTF-8"));
    }
    let slot = accs
        .get_mut(usize::from(n))
        .ok_or_else(|| field_err("Kommunenummer", number, "out of range"))?;
    // Nothing a rejected row did may show: an accumulator or year it created is left out
    // unless a row was kept for it, and the name is only taken from a kept row.
    let acc = slot.get_or_insert_with(Box::default);
    let cells = acc
        .cells(y)
        .ok_or_else(|| field_err("År", year, "out of range"))?;
    let li = fig.index().saturating_add(if percent { 4 } else { 0 });
    let first = cells.lines.get(li).copied().unwrap_or(0);
    if first != 0 {
        return Err(ImportError::Duplicate {
            file: file.to_owned(),
            line: line_no,
            first: usize::try_from(first).unwrap_or(0),
            key: format!(
                "{:04} {y} {} {}",
                n,
                if percent { "Prosent" } else { "Personer" },
                fig.name()
            ),
        });
    }
    match antall {
        b"." | b":" | b"" | b"Inf" => {
            if percent {
                let r = if antall == b"Inf" {
                    Reported::Infinite
                } else {
                    special(antall).unwrap_or(Reported::Blank)
                };
                set(&mut cells.percent, fig.index(), r);
            } else {
                let r = special(antall).ok_or_else(|| {
                    field_err("Antall", antall, "Inf is only possible for a percentage")
                })?;
                set(&mut cells.persons, fig.index(), r);
            }
        }
        v if percent => {
            let d = text::decimal(v).ok_or_else(|| {
                field_err(
                    "Antall",
                    v,
                    "expected a non-negative decimal with a point, `.` or `:`",
                )
            })?;
            set(&mut cells.percent, fig.index(), Reported::Value(d));
        }
        v => {
            let c = text::count(v).ok_or_else(|| {
                field_err(
                    "Antall",
                    v,
                    "expected a whole number of persons (0 to 999 999 999), `.` or `:`",
                )
            })?;
            set(&mut cells.persons, fig.index(), Reported::Value(c));
        }
    }
    if let Some(l) = cells.lines.get_mut(li) {
        *l = u32::try_from(line_no).unwrap_or(u32::MAX);
    }
    if !name.is_empty() && (acc.name.is_empty() || y >= acc.name_year) && acc.name != name {
        acc.name.clear();
        acc.name.extend_from_slice(name);
        acc.name_year = y;
    }
    Ok(())
}

fn special<T>(b: &[u8]) -> Option<Reported<T>> {
    match b {
        b"." => Some(Reported::NoFigure),
        b":" => Some(Reported::Suppressed),
        b"" => Some(Reported::Blank),
        _ => None,
    }
}

fn set<T: Copy>(arr: &mut [Option<Reported<T>>; 4], i: usize, v: Reported<T>) {
    if let Some(slot) = arr.get_mut(i) {
        *slot = Some(v);
    }
}
