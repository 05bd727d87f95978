//! Printed tables: rows and columns of printed figures, with printed totals that are
//! claims to check against the printed parts.

use serde::{Deserialize, Serialize};

use super::address::{Address, Breakdown};
use super::body::BodyId;
use super::period::DocPeriod;
use crate::error::{Error, Result};
use crate::explain::Unit;
use crate::provenance::Source;
use crate::published::{PublishedFigure, Status};
use crate::settlement::{Category, Origin};

/// What a table, a row or a column says about the address of its cells. A cell's address
/// is the table's, completed by its column's and its row's (which must not contradict).
///
/// # Example
///
/// ```
/// use bosetting::{AddressPart, BodyId};
///
/// let table = AddressPart { measure: Some("settlement.settled".into()), ..Default::default() };
/// let row = AddressPart { body: Some(BodyId::new("agder")?), ..Default::default() };
/// let column = AddressPart { period: Some("2016".parse()?), ..Default::default() };
/// // Measure, body and period together make an address; any one missing, none.
/// let cell = table.and(&row)?.and(&column)?;
/// assert_eq!(cell.address().map(|a| a.to_string()), Some("settlement.settled[agder, 2016]".to_owned()));
/// assert_eq!(table.and(&row)?.address(), None);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddressPart {
    /// The measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub measure: Option<String>,
    /// The body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyId>,
    /// The period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<DocPeriod>,
    /// The category.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The origin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<Origin>,
    /// A named group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

fn merge<T: Clone + PartialEq + std::fmt::Debug>(
    what: &str,
    a: &Option<T>,
    b: &Option<T>,
) -> Result<Option<T>> {
    match (a, b) {
        (Some(x), Some(y)) if x != y => Err(Error::invalid(
            what,
            format!("{x:?} and {y:?}"),
            "the row and the column give different values; give it in one of them",
        )),
        (Some(x), _) | (None, Some(x)) => Ok(Some(x.clone())),
        (None, None) => Ok(None),
    }
}

impl AddressPart {
    /// This part completed by `other`.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] where both give a different value.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{AddressPart, BodyId, Category};
    ///
    /// let row = AddressPart { body: Some(BodyId::new("bodo")?), ..Default::default() };
    /// let column = AddressPart { period: Some("2020".parse()?), category: Some(Category::UnaccompaniedMinor), ..Default::default() };
    /// let cell = row.and(&column)?;
    /// assert_eq!(cell.body, Some(BodyId::new("bodo")?));
    /// assert_eq!(cell.category, Some(Category::UnaccompaniedMinor));
    ///
    /// // The row says 2020, the column 2021: the cell's address is contradictory.
    /// let row_2020 = AddressPart { period: Some("2020".parse()?), ..Default::default() };
    /// let column_2021 = AddressPart { period: Some("2021".parse()?), ..Default::default() };
    /// assert!(row_2020.and(&column_2021).is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn and(&self, other: &AddressPart) -> Result<AddressPart> {
        Ok(AddressPart {
            measure: merge("figure", &self.measure, &other.measure)?,
            body: merge("body", &self.body, &other.body)?,
            period: merge("period", &self.period, &other.period)?,
            category: merge("category", &self.category, &other.category)?,
            origin: merge("origin", &self.origin, &other.origin)?,
            group: merge("group", &self.group, &other.group)?,
        })
    }

    /// The address, if measure, body and period are all given.
    pub fn address(&self) -> Option<Address> {
        Some(Address {
            measure: self.measure.clone()?,
            body: self.body.clone()?,
            period: self.period?,
            breakdown: Breakdown {
                category: self.category,
                origin: self.origin,
                group: self.group.clone(),
            },
        })
    }
}

/// One cell as printed.
///
/// Symbols follow Statistics Norway's: `-` is nil (exactly 0), `:` a figure suppressed to
/// protect persons (some count of 0 or more), `..` or `.` or an empty cell a figure not
/// available. A suppressed or missing part makes a total check at most consistent: it
/// stands for any count of 0 or more (any amount for money).
///
/// # Example
///
/// ```
/// use bosetting::{Cell, Source, Unit};
///
/// let src = Source::new("SSB, tabell 4");
/// // A suppressed cell is not zero: it stands for some count of 0 or more.
/// let suppressed = Cell::parse(":", Unit::Persons, src.clone())?;
/// assert_eq!((suppressed.figure(), suppressed.text()), (None, ":"));
/// let nil = Cell::parse("-", Unit::Persons, src)?;
/// assert_eq!(nil.figure().map(|f| f.text()), Some("-"));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "prikket")]
#[doc(alias = "tabellcelle")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "cell", content = "figure")]
#[non_exhaustive]
pub enum Cell {
    /// A printed figure.
    Printed(PublishedFigure),
    /// Suppressed (`:`).
    Suppressed,
    /// Not available (`..`, `.`, empty).
    Missing,
}

impl Cell {
    /// Reads a printed cell.
    ///
    /// # Errors
    ///
    /// The figure's parse error.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{Cell, Source, Unit};
    /// use rust_decimal::Decimal;
    ///
    /// let cell = |t: &str| Cell::parse(t, Unit::Persons, Source::new("SSB, tabell 1"));
    /// assert_eq!(cell("1 204")?.figure().map(|f| f.value()), Some(Decimal::from(1204)));
    /// // SSB's symbols: "-" is nil, ":" suppressed, ".." not available.
    /// assert_eq!(cell("-")?.figure().map(|f| f.value()), Some(Decimal::ZERO));
    /// assert_eq!(cell(":")?, Cell::Suppressed);
    /// assert_eq!(cell("..")?, Cell::Missing);
    /// // Words are no figure.
    /// assert!(cell("mange").is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn parse(text: &str, unit: Unit, source: Source) -> Result<Cell> {
        match text.trim() {
            ":" => Ok(Cell::Suppressed),
            "" | "." | ".." | "…" => Ok(Cell::Missing),
            "-" | "–" => Ok(Cell::Printed(
                PublishedFigure::parse("0", unit, source)?.with_text(text.trim()),
            )),
            t => Ok(Cell::Printed(PublishedFigure::parse(t, unit, source)?)),
        }
    }

    /// The printed figure, if there is one.
    pub fn figure(&self) -> Option<&PublishedFigure> {
        match self {
            Cell::Printed(f) => Some(f),
            _ => None,
        }
    }

    /// The text as printed.
    pub fn text(&self) -> &str {
        match self {
            Cell::Printed(f) => f.text(),
            Cell::Suppressed => ":",
            Cell::Missing => "..",
        }
    }
}

/// A column of a printed table.
///
/// # Example
///
/// ```
/// use bosetting::{Cell, Document, PrintedTable, Source, Status, TableColumn, TableRow, Unit};
///
/// let src = Source::new("IMDi").quote("Bosatte og vedtak");
/// let cell = |t: &str| Cell::parse(t, Unit::Persons, src.clone());
/// let column = |key: &str, total| TableColumn { key: key.into(), label: key.into(), part: Default::default(), total, expect: None };
/// let row = |key: &str, cells: [&str; 3]| -> bosetting::Result<TableRow> {
///     Ok(TableRow { key: key.into(), label: key.into(), part: Default::default(), total: false, expect: None,
///         cells: cells.iter().map(|t| cell(t)).collect::<bosetting::Result<_>>()? })
/// };
/// // Ordinary + EM = total, per row.
/// let columns = vec![column("ordinary", false), column("em", false), column("total", true)];
/// let table = PrintedTable::new("t", "Bosatte", Unit::Persons, src.clone(), columns,
///     vec![row("agder", ["700", "112", "812"])?, row("rogaland", ["1 100", "104", "1 205"])?])?;
/// let statuses: Vec<Status> = Document::new(src.clone()).check_table(&table)?.iter().map(|c| c.status).collect();
/// assert_eq!(statuses, [Status::Reproduced, Status::Inconsistent]);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "sumkolonne")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableColumn {
    /// A short key for check ids (`"2017"`, `"em"`).
    pub key: String,
    /// The heading as printed.
    pub label: String,
    /// What the column says about its cells' address.
    #[serde(default, flatten)]
    pub part: AddressPart,
    /// Whether the column is a printed total of the other columns.
    #[serde(default)]
    pub total: bool,
    /// The status the total checks in this column must have (a total row's cell in this
    /// column; overrides the row's and the table's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
}

/// A row of a printed table.
///
/// # Example
///
/// ```
/// use bosetting::{Cell, Document, PrintedTable, Source, Status, TableColumn, TableRow, Unit};
///
/// let src = Source::new("IMDi").quote("Bosatte og vedtak");
/// let cell = |t: &str| Cell::parse(t, Unit::Persons, src.clone());
/// let column = |key: &str, total| TableColumn { key: key.into(), label: key.into(), part: Default::default(), total, expect: None };
/// let row = |key: &str, cells: [&str; 3]| -> bosetting::Result<TableRow> {
///     Ok(TableRow { key: key.into(), label: key.into(), part: Default::default(), total: false, expect: None,
///         cells: cells.iter().map(|t| cell(t)).collect::<bosetting::Result<_>>()? })
/// };
/// // Ordinary + EM = total, per row.
/// let columns = vec![column("ordinary", false), column("em", false), column("total", true)];
/// // A total row is checked column by column; a status it must have is stated on the row.
/// let mut total = row("sum", ["1 800", "216", "2 016"])?;
/// total.total = true;
/// total.expect = Some(Status::Reproduced);
/// let table = PrintedTable::new("t", "Bosatte", Unit::Persons, src.clone(), columns,
///     vec![row("agder", ["700", "112", "812"])?, row("rogaland", ["1 100", "104", "1 204"])?, total])?;
/// let checks = Document::new(src.clone()).check_table(&table)?;
/// assert!(checks.iter().all(|c| c.status == Status::Reproduced && c.is_as_expected()));
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "sumrad")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableRow {
    /// A short key for check ids (`"agder"`, `"total"`).
    pub key: String,
    /// The row's label as printed.
    pub label: String,
    /// What the row says about its cells' address.
    #[serde(default, flatten)]
    pub part: AddressPart,
    /// Whether the row is a printed total of the other rows.
    #[serde(default)]
    pub total: bool,
    /// The cells, one per column.
    pub cells: Vec<Cell>,
    /// The status this row's total checks must have (overrides the table's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
}

/// A table as a document printed it, with its totals.
///
/// Every total row is checked, column by column, against the sum of the other rows; every
/// total column, row by row, against the sum of the other columns. Cells whose address is
/// complete are figures of the document like any stated fact.
///
/// # Example
///
/// ```
/// use bosetting::{Cell, PrintedTable, Source, Status, TableColumn, TableRow, Unit, Document};
///
/// let src = Source::new("budsjett 2024").quote("Avvik per enhet");
/// let cell = |t: &str| Cell::parse(t, Unit::Kroner, src.clone()).unwrap();
/// let col = TableColumn { key: "avvik".into(), label: "Avvik".into(), part: Default::default(), total: false, expect: None };
/// let row = |k: &str, t: &str, total| bosetting::TableRow {
///     key: k.into(), label: k.into(), part: Default::default(), total, cells: vec![cell(t)], expect: None,
/// };
/// let table = PrintedTable::new("avvik", "Avvik per enhet", Unit::Kroner, src.clone(), vec![col],
///     vec![row("a", "1,2 mill", false), row("b", "2,4 mill", false), row("sum", "3,4 mill", true)])?;
/// let doc = Document::new(src.clone());
/// let checks = doc.check_table(&table)?;
/// assert_eq!(checks[0].status, Status::Inconsistent);
/// # Ok::<(), bosetting::Error>(())
/// ```
#[doc(alias = "tabell")]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintedTable {
    /// A stable id.
    pub id: String,
    /// The caption as printed.
    pub title: String,
    /// The unit of its cells.
    pub unit: Unit,
    /// Where it is printed.
    pub source: Source,
    /// What the whole table says about its cells' address.
    #[serde(default, flatten)]
    pub part: AddressPart,
    /// The columns.
    pub columns: Vec<TableColumn>,
    /// The rows.
    pub rows: Vec<TableRow>,
    /// The status its total checks must have.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expect: Option<Status>,
}

impl PrintedTable {
    /// A table; every row must have one cell per column.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the row whose cells do not match the columns.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{AddressPart, Cell, PrintedTable, Source, TableColumn, TableRow, Unit};
    ///
    /// let src = Source::new("IMDi, bosatte per fylke").quote("Tabell 2");
    /// let column = |key: &str| TableColumn { key: key.into(), label: key.into(), part: AddressPart::default(), total: false, expect: None };
    /// let row = |key: &str, cells: &[&str]| -> bosetting::Result<TableRow> {
    ///     Ok(TableRow {
    ///         key: key.into(), label: key.into(), part: AddressPart::default(), total: false, expect: None,
    ///         cells: cells.iter().map(|t| Cell::parse(t, Unit::Persons, src.clone())).collect::<bosetting::Result<_>>()?,
    ///     })
    /// };
    ///
    /// let table = PrintedTable::new("fylker", "Bosatte", Unit::Persons, src.clone(),
    ///     vec![column("2016"), column("2017")], vec![row("agder", &["812", "530"])?])?;
    /// assert_eq!(table.rows[0].cells.len(), 2);
    ///
    /// // A row with one cell too few.
    /// let short = PrintedTable::new("fylker", "Bosatte", Unit::Persons, src.clone(),
    ///     vec![column("2016"), column("2017")], vec![row("agder", &["812"])?]);
    /// assert!(short.is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        unit: Unit,
        source: Source,
        columns: Vec<TableColumn>,
        rows: Vec<TableRow>,
    ) -> Result<PrintedTable> {
        let t = PrintedTable {
            id: id.into(),
            title: title.into(),
            unit,
            source,
            part: AddressPart::default(),
            columns,
            rows,
            expect: None,
        };
        t.validate()?;
        Ok(t)
    }

    /// Checks the shape: one cell per column in every row, unique keys.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] naming the row or column.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{AddressPart, Cell, PrintedTable, Source, TableColumn, TableRow, Unit};
    ///
    /// let src = Source::new("IMDi, bosatte per fylke").quote("Tabell 2");
    /// let column = |key: &str| TableColumn { key: key.into(), label: key.into(), part: AddressPart::default(), total: false, expect: None };
    /// let row = |key: &str, cells: &[&str]| -> bosetting::Result<TableRow> {
    ///     Ok(TableRow {
    ///         key: key.into(), label: key.into(), part: AddressPart::default(), total: false, expect: None,
    ///         cells: cells.iter().map(|t| Cell::parse(t, Unit::Persons, src.clone())).collect::<bosetting::Result<_>>()?,
    ///     })
    /// };
    ///
    /// let mut table = PrintedTable::new("fylker", "Bosatte", Unit::Persons, src.clone(),
    ///     vec![column("2016")], vec![row("agder", &["812"])?])?;
    /// assert!(table.validate().is_ok());
    /// // Two rows with one key: check ids would collide.
    /// table.rows.push(row("agder", &["530"])?);
    /// assert!(table.validate().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        for r in &self.rows {
            if r.cells.len() != self.columns.len() {
                return Err(Error::invalid(
                    format!("table {} row {:?} cells", self.id, r.label),
                    r.cells.len(),
                    format!(
                        "the table has {} columns; give one cell per column (\"..\" for an empty one)",
                        self.columns.len()
                    ),
                ));
            }
        }
        let mut keys = std::collections::BTreeSet::new();
        for k in self.rows.iter().map(|r| &r.key) {
            if !keys.insert(("row", k)) {
                return Err(Error::invalid(
                    format!("table {} row key", self.id),
                    k,
                    "used twice",
                ));
            }
        }
        for k in self.columns.iter().map(|c| &c.key) {
            if !keys.insert(("column", k)) {
                return Err(Error::invalid(
                    format!("table {} column key", self.id),
                    k,
                    "used twice",
                ));
            }
        }
        Ok(())
    }

    /// Every cell's complete address, with its figure.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidValue`] where a row and a column contradict each other.
    ///
    /// # Example
    ///
    /// ```
    /// use bosetting::{AddressPart, Cell, PrintedTable, Source, TableColumn, TableRow, Unit};
    ///
    /// let src = Source::new("IMDi, bosatte per fylke").quote("Tabell 2");
    /// let column = |key: &str| TableColumn { key: key.into(), label: key.into(), part: AddressPart::default(), total: false, expect: None };
    /// let row = |key: &str, cells: &[&str]| -> bosetting::Result<TableRow> {
    ///     Ok(TableRow {
    ///         key: key.into(), label: key.into(), part: AddressPart::default(), total: false, expect: None,
    ///         cells: cells.iter().map(|t| Cell::parse(t, Unit::Persons, src.clone())).collect::<bosetting::Result<_>>()?,
    ///     })
    /// };
    /// use bosetting::BodyId;
    ///
    /// let mut table = PrintedTable::new("fylker", "Bosatte", Unit::Persons, src.clone(),
    ///     vec![column("2016"), column("2017")], vec![row("agder", &["812", ":"])?])?;
    /// // The table names the measure, the row the body, each column its year.
    /// table.part.measure = Some("settlement.settled".into());
    /// table.rows[0].part.body = Some(BodyId::new("agder")?);
    /// table.columns[0].part.period = Some("2016".parse()?);
    /// table.columns[1].part.period = Some("2017".parse()?);
    ///
    /// // The suppressed 2017 cell is no figure.
    /// let cells = table.addressed_cells()?;
    /// assert_eq!(cells.len(), 1);
    /// assert_eq!(cells[0].0.to_string(), bosetting::Address::new("settlement.settled", BodyId::new("agder")?, "2016".parse()?).to_string());
    ///
    /// // A row that says 2018 contradicts its columns.
    /// table.rows[0].part.period = Some("2018".parse()?);
    /// assert!(table.addressed_cells().is_err());
    /// # Ok::<(), bosetting::Error>(())
    /// ```
    pub fn addressed_cells(&self) -> Result<Vec<(Address, &PublishedFigure)>> {
        let mut out = Vec::new();
        for r in &self.rows {
            for (c, cell) in self.columns.iter().zip(&r.cells) {
                let part = self.part.and(&c.part)?.and(&r.part)?;
                if let (Some(a), Some(f)) = (part.address(), cell.figure()) {
                    out.push((a, f));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
#[allow(
    clippy::unwrap_used,
    clippy::arithmetic_side_effects,
    clippy::indexing_slicing
)]
mod tests {
    use super::*;
    use crate::document::Document;
    use proptest::prelude::*;

    fn table(parts: &[String], total: &str, unit: Unit) -> PrintedTable {
        let src = Source::new("t");
        let cell = |t: &str| Cell::parse(t, unit, src.clone()).unwrap();
        let col = TableColumn {
            key: "c".into(),
            label: "C".into(),
            part: AddressPart::default(),
            total: false,
            expect: None,
        };
        let mut rows: Vec<TableRow> = parts
            .iter()
            .enumerate()
            .map(|(i, p)| TableRow {
                key: format!("r{i}"),
                label: format!("r{i}"),
                part: AddressPart::default(),
                total: false,
                cells: vec![cell(p)],
                expect: None,
            })
            .collect();
        rows.push(TableRow {
            key: "sum".into(),
            label: "Sum".into(),
            part: AddressPart::default(),
            total: true,
            cells: vec![cell(total)],
            expect: None,
        });
        PrintedTable::new("t", "T", unit, src, vec![col], rows).unwrap()
    }

    fn status(t: &PrintedTable) -> Status {
        let doc = Document::new(Source::new("t"));
        doc.check_table(t).unwrap()[0].status
    }

    proptest! {
        #![proptest_config(crate::testing::config())]

        /// A printed total that is the sum of its exact parts is reproduced, for any parts.
        #[test]
        fn exact_parts_and_their_total_reproduce(parts in proptest::collection::vec(0_u32..1_000_000, 1..20)) {
            let total: u64 = parts.iter().map(|&p| u64::from(p)).sum();
            let texts: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            prop_assert_eq!(status(&table(&texts, &total.to_string(), Unit::Persons)), Status::Reproduced);
            // One person off is inconsistent.
            prop_assert_eq!(status(&table(&texts, &(total + 1).to_string(), Unit::Persons)), Status::Inconsistent);
        }

        /// Parts in whole percent: a total outside what their rounding allows is
        /// inconsistent; a suppressed part makes the check at most consistent.
        #[test]
        fn rounded_parts_bound_their_total(parts in proptest::collection::vec(1_u32..40, 2..6), off in 0_u32..4) {
            let n = parts.len() as u32;
            let sum: u32 = parts.iter().sum();
            let texts: Vec<String> = parts.iter().map(|p| format!("{p} %")).collect();
            // Each part stands for ±0,5: the sum lies within ±n/2 of `sum`; the printed total
            // (itself ±0,5) fits only within (n + 1)/2.
            let far = sum + n + 1 + off;
            prop_assert_eq!(status(&table(&texts, &format!("{far} %"), Unit::Percent)), Status::Inconsistent);
            prop_assert_eq!(status(&table(&texts, &format!("{sum} %"), Unit::Percent)), Status::Consistent);
            let mut hidden = texts.clone();
            hidden[0] = ":".into();
            let s = status(&table(&hidden, &format!("{sum} %"), Unit::Percent));
            prop_assert_eq!(s, Status::Consistent);
        }
    }
}
