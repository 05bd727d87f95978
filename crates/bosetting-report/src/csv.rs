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

fn field(s: &str) -> String {
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// Writes every figure of `report` as a row (a figure checked in Tallkontroll and shown in a
/// section is written once). The value column is a plain number with a decimal comma (shares
/// as percentages), the exact column the model's exact value.
///
/// # Errors
///
/// The writer's errors.
pub fn write(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let l = Locale::new(report.lang);
    w.write_all("\u{feff}".as_bytes())?;
    writeln!(w, "{}", header(report.lang).join(";"))?;
    let mut seen = BTreeSet::new();
    for s in &report.sections {
        for r in &s.rows {
            if !seen.insert(r.id.clone()) {
                continue;
            }
            let value = r.number.map(|n| l.csv_number(n)).unwrap_or_default();
            let explanation = if r.reconciliation.is_empty() {
                r.explanation.formula.clone().unwrap_or_default()
            } else {
                r.reconciliation.clone()
            };
            let cells = [
                r.id.clone(),
                s.title.clone(),
                r.label.clone(),
                value,
                l.unit(r.value.unit).to_owned(),
                r.value.value.exact(),
                r.published.join(" + "),
                r.status.name().to_owned(),
                explanation,
            ];
            writeln!(
                w,
                "{}",
                cells.iter().map(|c| field(c)).collect::<Vec<_>>().join(";")
            )?;
        }
    }
    Ok(())
}
