//! CSV for Excel set to Norwegian: semicolons, decimal comma, UTF-8 with a byte-order mark,
//! one row per figure.

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::document::Report;
use crate::locale::{Lang, Locale};

/// The column headings, in order.
pub fn header(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Nb => [
            "id",
            "seksjon",
            "etikett",
            "verdi",
            "enhet",
            "eksakt",
            "publisert",
            "status",
            "forklaring",
        ],
        Lang::En => [
            "id",
            "section",
            "label",
            "value",
            "unit",
            "exact",
            "published",
            "status",
            "explanation",
        ],
    }
}

/// The exact value as a cell Excel set to Norwegian keeps as written: a fraction in words
/// ("41 av 74", never `41/74`, which Excel reads as a date), decimals with a comma, an
/// interval with its ends apart ("[650000 – 750000)").
pub fn exact(l: Locale, q: &bosetting::Quantity) -> String {
    use bosetting::{Bound, Value};
    let dec = |d: rust_decimal::Decimal| match l.lang {
        Lang::Nb => d.normalize().to_string().replace('.', ","),
        Lang::En => d.normalize().to_string(),
    };
    match &q.value {
        Value::Integer(n) => n.to_string(),
        Value::Decimal(d) => dec(*d),
        Value::Ratio(r) => format!(
            "{} {} {}",
            dec(r.numerator()),
            l.pick("av", "of"),
            dec(r.denominator())
        ),
        Value::Interval(i) => {
            let (open, lo) = match i.lower() {
                Bound::Unbounded => ("(", "−∞".to_owned()),
                Bound::Included(v) => ("[", dec(v)),
                Bound::Excluded(v) => ("(", dec(v)),
            };
            let (close, hi) = match i.upper() {
                Bound::Unbounded => (")", "∞".to_owned()),
                Bound::Included(v) => ("]", dec(v)),
                Bound::Excluded(v) => (")", dec(v)),
            };
            format!("{open}{lo} – {hi}{close}")
        }
        Value::Text(t) => l.say(t),
    }
}

/// Whether a cell is a plain number ("-0,7", "−700 000", "12.5", "+3"): a sign, digits in
/// groups, one decimal separator, nothing else.
fn is_number(s: &str) -> bool {
    let body = s.strip_prefix(['-', '−', '+']).unwrap_or(s);
    let (int, frac) = match body.split_once([',', '.']) {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let group = |c: char| matches!(c, ' ' | '\u{a0}' | '\u{202f}');
    int.starts_with(|c: char| c.is_ascii_digit())
        && int.ends_with(|c: char| c.is_ascii_digit())
        && int.chars().all(|c| c.is_ascii_digit() || group(c))
        && frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()))
}

/// One cell, quoted where CSV needs it. A text cell a spreadsheet would read as a formula
/// (starting with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`, as
/// OWASP's CSV-injection guidance recommends; a number, negative or not, stays a number.
fn field(s: &str) -> String {
    let formula = s.starts_with(['=', '+', '-', '@', '\t', '\r']) && !is_number(s);
    let s = if formula {
        format!("'{s}")
    } else {
        s.to_owned()
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// One row of the machine-readable outputs (CSV, .xlsx): a figure, or a printed table's
/// cell, with every text already in the report's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) section: String,
    pub(crate) label: String,
    /// The plain number (shares as percentages), exact.
    pub(crate) number: Option<rust_decimal::Decimal>,
    pub(crate) unit: bosetting::Unit,
    /// The exact value in words ("41 av 74"), as [`exact`] writes it.
    pub(crate) exact: String,
    pub(crate) published: String,
    pub(crate) status: crate::RowStatus,
    pub(crate) explanation: String,
}

/// Every figure of `report` once (a figure checked in Tallkontroll and shown in a section is
/// written once), then after each section's figures its printed tables' cells, each as
/// printed beside its value, a total with its check's status.
pub(crate) fn records(report: &Report) -> Vec<Record> {
    let l = Locale::new(report.lang);
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    let mut seen_cells = BTreeSet::new();
    for s in &report.sections {
        for r in &s.rows {
            if !seen.insert(r.id.clone()) {
                continue;
            }
            let mut explanation = if r.reconciliation.is_empty() {
                r.explanation
                    .formula
                    .as_ref()
                    .map(|f| l.say(f))
                    .unwrap_or_default()
            } else {
                r.reconciliation.clone()
            };
            if !r.not_printed.is_empty() {
                explanation = format!(
                    "{}{}; {explanation}",
                    l.pick(
                        "ikke trykt i dokumentet, fra ",
                        "not printed in the document, from "
                    ),
                    r.not_printed.join("; ")
                );
            }
            out.push(Record {
                id: r.id.clone(),
                section: s.title.clone(),
                label: r.label.clone(),
                number: r.number,
                unit: r.value.unit,
                exact: exact(l, &r.value),
                published: r.published.join(" + "),
                status: r.status,
                explanation,
            });
        }
        for t in &s.tables {
            for c in &t.cells {
                if !seen_cells.insert(c.id.clone()) {
                    continue;
                }
                out.push(Record {
                    id: c.id.clone(),
                    section: s.title.clone(),
                    label: c.label.clone(),
                    number: c.number,
                    unit: c.unit,
                    exact: c.number.map(|n| l.csv_number(n)).unwrap_or_default(),
                    published: c.text.clone(),
                    status: c.status,
                    explanation: c.reconciliation.clone(),
                });
            }
        }
    }
    out
}

/// Writes every figure of `report` as a row (a figure checked in Tallkontroll and shown in a
/// section is written once). The value column is a plain number with a decimal comma (shares
/// as percentages), the exact column the model's exact value. Text that a spreadsheet would
/// run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a carriage
/// return) is written with a leading `'`; numbers, negative ones too, are left as numbers.
///
/// # Errors
///
/// The writer's errors.
///
/// # Example
///
/// ```
/// use bosetting_report::{Lang, Locale};
///
/// let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2020.toml")?;
/// let (checks, _) = facts.checked()?;
/// let report = bosetting_report::build(facts.year().ok_or("a year")?, &checks, Locale::new(Lang::Nb))?;
/// let mut out = Vec::new();
/// bosetting_report::csv::write(&report, &mut out)?;
/// let text = String::from_utf8(out)?;
/// assert!(text.contains("bodo20.shortfall;"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let l = Locale::new(report.lang);
    w.write_all("\u{feff}".as_bytes())?;
    // Excel and Windows expect CRLF line ends.
    write!(w, "{}\r\n", header(report.lang).join(";"))?;
    for r in records(report) {
        let cells = [
            r.id,
            r.section,
            r.label,
            r.number.map(|n| l.csv_number(n)).unwrap_or_default(),
            l.unit(r.unit).to_owned(),
            r.exact,
            r.published,
            crate::status_name(l, r.status).to_owned(),
            r.explanation,
        ];
        write!(
            w,
            "{}\r\n",
            cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(";")
        )?;
    }
    Ok(())
}
