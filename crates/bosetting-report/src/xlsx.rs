//! An Excel workbook (.xlsx): the CSV's rows with numbers as numbers, one sheet per printed
//! table, and a sheet that says what the report is about.
//!
//! The sheet "Tall" ("Figures") has the CSV's columns in the same order, with the same rows
//! in the same order. The value column holds real number cells with a number format per unit
//! (persons `# ##0`, kroner `# ##0 "kr"`, shares as percentages `0.0 %`, FTE `0.0`), which
//! Excel shows with the separators of the reader's own locale; the header row is frozen and
//! filtered, long texts wrap, and the sheet prints on A4 portrait, one page wide, with the
//! header row on every page and the report's title in the page header.
//!
//! Excel computes in binary floating point: a number cell holds a double, not the model's
//! exact decimal. Every number cell is written by one named conversion,
//! [`nearest_double`], from the exact decimal the CSV writes (shares and percentages as
//! fractions, so that `0.0 %` shows them and formulas compute with them as Excel expects);
//! the exact value stays, as text, in the "eksakt" ("exact") column, and nothing in the
//! report is ever derived from the double.
//!
//! The workbook's creation date is fixed (1980-01-01, the zip format's own epoch, which the
//! entries carry too), so the same report gives the same bytes, as every other format does.

use std::collections::BTreeSet;
use std::io::{self, Write};

use bosetting::Unit;
use rust_decimal::Decimal;
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format as CellFormat, FormatAlign, FormatBorder,
    IgnoreError, RowNum, Workbook, Worksheet, XlsxError,
};

use crate::csv::{Record, header, records};
use crate::document::{Report, RowStatus, SectionId, Table};
use crate::locale::{Lang, Locale};

/// The name of the sheet with every figure.
pub fn figures_sheet(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Tall",
        Lang::En => "Figures",
    }
}

/// The name of the sheet that says what the report is about and how to read the numbers.
pub fn about_sheet(lang: Lang) -> &'static str {
    match lang {
        Lang::Nb => "Om rapporten",
        Lang::En => "About",
    }
}

/// The double a number cell holds for an exact decimal: the nearest one (ties to even), as
/// Rust's and Excel's own parsing of the decimal's digits give it. `None` only for a
/// decimal no double can hold, which a `Decimal` never is; the caller then leaves the cell
/// empty, and the exact column still has the value.
///
/// # Example
///
/// ```
/// use rust_decimal::Decimal;
/// use bosetting_report::xlsx::nearest_double;
///
/// assert_eq!(nearest_double(Decimal::new(554054, 6)), Some(0.554054));
/// assert_eq!(nearest_double(Decimal::from(-700_000)), Some(-700000.0));
/// ```
pub fn nearest_double(d: Decimal) -> Option<f64> {
    d.normalize()
        .to_string()
        .parse::<f64>()
        .ok()
        .filter(|f| f.is_finite())
}

/// Whether a unit's number is a percentage (a share is written as one), which the workbook
/// stores as a fraction and shows with a `%` format.
fn is_percentage(unit: Unit) -> bool {
    matches!(unit, Unit::Share | Unit::Percent)
}

/// The exact number a cell holds, before [`nearest_double`]: the CSV's number, with a
/// percentage moved two places to the fraction it stands for (exact: a decimal shift).
pub fn cell_number(number: Decimal, unit: Unit) -> Option<Decimal> {
    if !is_percentage(unit) {
        return Some(number);
    }
    let mut shifted = number;
    match shifted.set_scale(number.scale().saturating_add(2)) {
        Ok(()) => Some(shifted),
        Err(_) => number.checked_div(Decimal::ONE_HUNDRED),
    }
}

/// The number format for a value in `unit`: grouped counts and kroner, percentages with one
/// decimal. Counts, kroner and FTE show the decimals the value has (up to four; øre as two),
/// so that no fraction is hidden behind a whole number.
pub fn number_format(unit: Unit, number: Decimal) -> String {
    let scale = number.normalize().scale();
    let decimals = |n: u32| {
        if n == 0 {
            String::new()
        } else {
            format!(".{}", "0".repeat(n.min(4) as usize))
        }
    };
    match unit {
        Unit::Persons | Unit::Families | Unit::Dwellings | Unit::Count => {
            format!("#,##0{}", decimals(scale))
        }
        Unit::Kroner => format!("#,##0{} \"kr\"", decimals(if scale == 0 { 0 } else { 2 })),
        Unit::Share | Unit::Percent => "0.0 %".to_owned(),
        Unit::PercentagePoints => "0.0".to_owned(),
        Unit::Fte => format!("0{}", decimals(scale.max(1))),
        Unit::Times | Unit::PersonsPerDwelling => "0.00".to_owned(),
        Unit::Year => "0".to_owned(),
        _ => "General".to_owned(),
    }
}

/// The longest text a cell holds (Excel's limit); longer texts are cut with "…".
const MAX_CELL_CHARS: usize = 32_767;

fn cell_text(s: &str) -> String {
    if s.chars().count() <= MAX_CELL_CHARS {
        return s.to_owned();
    }
    let mut cut: String = s.chars().take(MAX_CELL_CHARS.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// A page header or footer's text: `&` escaped as Excel's codes need, cut so that the whole
/// header stays within Excel's 255 characters.
fn header_text(s: &str) -> String {
    let cut: String = s.chars().take(100).collect();
    cut.replace('&', "&&")
}

/// The formats the sheets share.
struct Styles {
    heading: CellFormat,
    title: CellFormat,
    text: CellFormat,
    wrapped: CellFormat,
    right: CellFormat,
    flagged: CellFormat,
}

impl Styles {
    fn new() -> Styles {
        let top = CellFormat::new().set_align(FormatAlign::Top);
        Styles {
            heading: top
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_background_color(0x00D9_E1F2)
                .set_border_bottom(FormatBorder::Thin),
            title: CellFormat::new().set_bold().set_font_size(14),
            wrapped: top.clone().set_text_wrap(),
            right: top.clone().set_align(FormatAlign::Right).set_text_wrap(),
            // An inconsistent figure stands out when scrolling and when printed in black and
            // white.
            flagged: top.clone().set_bold().set_font_color(0x009C_0006),
            text: top,
        }
    }
}

/// A4 portrait, one page wide, the rows up to `repeat` (a table's header) repeated on every
/// page, the title in the page header and the page number in the footer.
fn page_setup(
    sheet: &mut Worksheet,
    l: Locale,
    title: &str,
    repeat: Option<RowNum>,
) -> Result<(), XlsxError> {
    const A4: u8 = 9;
    sheet
        .set_paper_size(A4)
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3)
        .set_header(format!("&C&\"-,Bold\"{}", header_text(title)))
        .set_footer(format!(
            "&R{} &P {} &N",
            l.pick("Side", "Page"),
            l.pick("av", "of")
        ));
    if let Some(last) = repeat {
        sheet.set_repeat_rows(0, last)?;
    }
    Ok(())
}

/// Column widths of the figures sheet, in characters, in the order of [`header`].
const FIGURE_WIDTHS: [f64; 9] = [22.0, 16.0, 40.0, 13.0, 10.0, 16.0, 22.0, 13.0, 60.0];

fn figures(
    sheet: &mut Worksheet,
    report: &Report,
    rows: &[Record],
    st: &Styles,
) -> Result<(), XlsxError> {
    let l = Locale::new(report.lang);
    sheet.set_name(figures_sheet(report.lang))?;
    for (col, (name, width)) in (0..).zip(header(report.lang).iter().zip(FIGURE_WIDTHS)) {
        sheet.write_string_with_format(0, col, *name, &st.heading)?;
        sheet.set_column_width(col, width)?;
    }
    let mut last: RowNum = 0;
    for (row, r) in (1..).zip(rows) {
        last = row;
        let wrapped = |c: ColNum| matches!(c, 2 | 6 | 8);
        let texts: [(ColNum, String); 7] = [
            (0, r.id.clone()),
            (1, r.section.clone()),
            (2, r.label.clone()),
            (4, l.unit(r.unit).to_owned()),
            (5, r.exact.clone()),
            (6, r.published.clone()),
            (8, r.explanation.clone()),
        ];
        for (col, t) in texts {
            let f = if wrapped(col) { &st.wrapped } else { &st.text };
            sheet.write_string_with_format(row, col, cell_text(&t), f)?;
        }
        let status = if r.status == RowStatus::Inconsistent {
            &st.flagged
        } else {
            &st.text
        };
        sheet.write_string_with_format(row, 7, crate::status_name(l, r.status), status)?;
        let value = r
            .number
            .and_then(|n| cell_number(n, r.unit))
            .and_then(|n| nearest_double(n).map(|f| (n, f)));
        match value {
            Some((n, f)) => {
                let format = st.text.clone().set_num_format(number_format(r.unit, n));
                sheet.write_number_with_format(row, 3, f, &format)?;
            }
            None => {
                sheet.write_blank(row, 3, &st.text)?;
            }
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, last, 8)?;
    // Ids and exact values such as "41" are text on purpose: the number is in the value
    // column.
    if last > 0 {
        sheet.ignore_error_range(1, 0, last, 8, IgnoreError::NumberStoredAsText)?;
    }
    page_setup(sheet, l, &report.title, Some(0))
}

/// A sheet name Excel accepts: none of `[]:*?/\`, at most 31 characters, not yet used
/// (compared as Excel does, ignoring case); else "Tabell n".
fn sheet_name(title: &str, n: usize, l: Locale, used: &mut BTreeSet<String>) -> String {
    let spaced: String = title
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { ' ' } else { c })
        .collect();
    let words = spaced.split_whitespace().collect::<Vec<_>>().join(" ");
    let cut: String = words.chars().take(31).collect();
    let clean = cut.trim().trim_matches('\'').trim().to_owned();
    let name = if clean.is_empty() || used.contains(&clean.to_lowercase()) {
        format!("{} {n}", l.pick("Tabell", "Table"))
    } else {
        clean
    };
    used.insert(name.to_lowercase());
    name
}

/// A printed table as the document prints it: every cell as printed text (the figures as
/// numbers are rows of the figures sheet), number columns right-aligned, and the column with
/// the checks of the printed totals.
fn printed_table(
    sheet: &mut Worksheet,
    name: &str,
    l: Locale,
    t: &Table,
    st: &Styles,
) -> Result<(), XlsxError> {
    sheet.set_name(name)?;
    sheet.write_string_with_format(0, 0, cell_text(&t.title), &st.title)?;
    let numeric = |c: usize| t.numeric.get(c).copied().unwrap_or(false);
    let last_col = t.header.len().saturating_sub(1);
    for (col, h) in (0..).zip(&t.header) {
        sheet.write_string_with_format(1, col, cell_text(h), &st.heading)?;
    }
    for (c, col) in (0..t.header.len()).zip(0..) {
        let width = if c == 0 {
            32.0
        } else if c == last_col && !numeric(c) {
            40.0
        } else {
            13.0
        };
        sheet.set_column_width(col, width)?;
    }
    let mut last: RowNum = 1;
    let mut widest: ColNum = 0;
    for (row, cells) in (2..).zip(&t.rows) {
        last = row;
        for ((c, text), col) in cells.iter().enumerate().zip(0..) {
            widest = widest.max(col);
            let f = if numeric(c) { &st.right } else { &st.wrapped };
            sheet.write_string_with_format(row, col, cell_text(text), f)?;
        }
    }
    sheet.set_freeze_panes(2, 1)?;
    if last > 1 {
        sheet.ignore_error_range(2, 0, last, widest, IgnoreError::NumberStoredAsText)?;
    }
    page_setup(sheet, l, &t.title, Some(1))
}

/// What the report is about and how to read the numbers.
fn about(sheet: &mut Worksheet, report: &Report, st: &Styles) -> Result<(), XlsxError> {
    let l = Locale::new(report.lang);
    sheet.set_name(about_sheet(report.lang))?;
    sheet.set_column_width(0, 16.0)?;
    sheet.set_column_width(1, 90.0)?;
    sheet.write_string_with_format(0, 0, cell_text(&report.title), &st.title)?;
    let lines = [
        (l.pick("Om", "About"), crate::about(report, l)),
        (l.pick("Dokument", "Document"), l.source(&report.document)),
        (
            l.pick("Verdi", "Value"),
            l.pick(
                "Kolonnen «verdi» er tallet Excel regner med: den eksakte verdien gjort om til \
                 nærmeste flyttall, andeler og prosenter som brøk vist i prosent. Den eksakte \
                 verdien står uendret i kolonnen «eksakt».",
                "The «value» column is the number Excel computes with: the exact value \
                 converted to the nearest double, shares and percentages as fractions shown as \
                 percentages. The exact value is kept unchanged in the «exact» column.",
            )
            .to_owned(),
        ),
    ];
    for (row, (key, text)) in (2..).zip(lines) {
        sheet.write_string_with_format(row, 0, key, &st.heading)?;
        sheet.write_string_with_format(row, 1, cell_text(&text), &st.wrapped)?;
    }
    page_setup(sheet, l, &report.title, None)
}

fn workbook(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let l = Locale::new(report.lang);
    let st = Styles::new();
    let mut book = Workbook::new();
    book.set_properties(
        &DocProperties::new()
            .set_title(&report.title)
            .set_subject(crate::about(report, l))
            .set_creation_datetime(&ExcelDateTime::from_ymd(1980, 1, 1)?),
    );
    let rows = records(report);
    figures(book.add_worksheet(), report, &rows, &st)?;
    let mut used: BTreeSet<String> = [figures_sheet(report.lang), about_sheet(report.lang)]
        .iter()
        .map(|s| s.to_lowercase())
        .collect();
    let printed = report
        .sections
        .iter()
        .filter(|s| s.id == SectionId::Tables)
        .flat_map(|s| &s.tables);
    for (n, t) in (1..).zip(printed) {
        let name = sheet_name(&t.title, n, l, &mut used);
        printed_table(book.add_worksheet(), &name, l, t, &st)?;
    }
    about(book.add_worksheet(), report, &st)?;
    book.save_to_buffer()
}

/// Writes `report` as an Excel workbook: the sheet "Tall" ("Figures") with the CSV's rows,
/// one sheet per printed table, and "Om rapporten" ("About").
///
/// # Errors
///
/// The writer's errors, or the workbook library's (as [`io::ErrorKind::Other`]).
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/drammen_2017_t1.toml")?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &[], Locale::new(Lang::Nb))?;
/// let mut workbook = Vec::new();
/// bosetting_report::xlsx::write(&report, &mut workbook)?;
/// assert!(workbook.starts_with(b"PK")); // a zip file, as every .xlsx is
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let bytes = workbook(report).map_err(|e| io::Error::other(format!("xlsx: {e}")))?;
    w.write_all(&bytes)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn formats_per_unit() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(number_format(Unit::Persons, d("33701")), "#,##0");
        assert_eq!(number_format(Unit::Persons, d("2.50")), "#,##0.0");
        assert_eq!(number_format(Unit::Kroner, d("700000")), "#,##0 \"kr\"");
        assert_eq!(
            number_format(Unit::Kroner, d("1250000.5")),
            "#,##0.00 \"kr\""
        );
        assert_eq!(number_format(Unit::Share, d("0.554054")), "0.0 %");
        assert_eq!(number_format(Unit::Fte, d("12")), "0.0");
        assert_eq!(number_format(Unit::Fte, d("12.25")), "0.00");
        assert_eq!(cell_number(d("55.4054"), Unit::Share), Some(d("0.554054")));
        assert_eq!(cell_number(d("71"), Unit::Percent), Some(d("0.71")));
        assert_eq!(cell_number(d("71"), Unit::Persons), Some(d("71")));
        assert_eq!(nearest_double(d("0.1")), Some(0.1));
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let l = Locale::new(Lang::Nb);
        let mut used = BTreeSet::from(["tall".to_owned()]);
        assert_eq!(
            sheet_name("Bosatte 2018: kommuner / fylker", 1, l, &mut used),
            "Bosatte 2018 kommuner fylker"
        );
        assert_eq!(sheet_name("TALL", 2, l, &mut used), "Tabell 2");
        assert_eq!(sheet_name("[]", 3, l, &mut used), "Tabell 3");
        let long = sheet_name(&"x".repeat(40), 4, l, &mut used);
        assert_eq!(long.chars().count(), 31);
    }

    #[test]
    fn header_text_fits_excel() {
        let t = header_text(&"&".repeat(300));
        assert_eq!(t.chars().count(), 200);
    }
}
