//! Markdown: readable tables with right-aligned numbers.

use std::io::{self, Write};

use bosetting::Explanation;

use crate::document::{Report, Row, RowStatus, SectionId, Table};
use crate::locale::{Lang, Locale};

/// Writes `report` as Markdown.
///
/// # Errors
///
/// The writer's errors.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let year = bosetting_facts::Facts::load("../../examples/data/stavanger_2017.toml")?;
/// # let year = year.year().ok_or("a year")?;
/// let report = bosetting_report::build(year, &[], Locale::new(Lang::En))?;
/// let mut out = Vec::new();
/// bosetting_report::markdown::write(&report, &mut out)?;
/// assert!(String::from_utf8(out)?.starts_with(&format!("# {}", report.title)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let l = Locale::new(report.lang);
    writeln!(w, "# {}", escape(&report.title))?;
    writeln!(w)?;
    writeln!(
        w,
        "{} {}: {}.",
        escape(&crate::about(report, l)),
        l.pick("Kilde", "Source"),
        escape(&l.source(&report.document))
    )?;
    for s in &report.sections {
        writeln!(w)?;
        writeln!(w, "## {}", escape(&s.title))?;
        if !s.rows.is_empty() {
            writeln!(w)?;
            rows(w, l, &s.rows, s.id == SectionId::FigureCheck)?;
        }
        for t in &s.tables {
            writeln!(w)?;
            table(w, t)?;
        }
        if !s.notes.is_empty() {
            writeln!(w)?;
            for n in &s.notes {
                writeln!(w, "- {}", escape(n))?;
            }
        }
        if s.id == SectionId::FigureCheck {
            writeln!(w)?;
            writeln!(w, "### {}", l.pick("Forklaringer", "Explanations"))?;
            for r in &s.rows {
                writeln!(w)?;
                writeln!(
                    w,
                    "**{}** — {} ({})",
                    escape(&r.id),
                    escape(&r.label),
                    status(l, r.status)
                )?;
                if !r.reconciliation.is_empty() {
                    writeln!(w)?;
                    writeln!(w, "{}", escape(&r.reconciliation))?;
                }
                writeln!(w)?;
                tree(w, l, &r.explanation, 0)?;
            }
        }
    }
    Ok(())
}

pub(crate) fn status(l: Locale, s: RowStatus) -> &'static str {
    match s {
        RowStatus::Input => l.pick("inndata", "input"),
        RowStatus::Reproduced => l.pick("gjenskapt", "reproduced"),
        RowStatus::Consistent => l.pick("forenlig", "consistent"),
        RowStatus::Inconsistent => l.pick("uforenlig", "inconsistent"),
        RowStatus::Computed => l.pick("beregnet", "computed"),
    }
}

/// Text from a facts file as Markdown text: HTML (`<`, `>`, `&`) is escaped so that no tag
/// in a label or quote reaches a renderer, a pipe is escaped so that it cannot split a table
/// cell, and a line break becomes a space so that it cannot end a table row.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '|' => out.push_str("\\|"),
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn rows(w: &mut dyn Write, l: Locale, rows: &[Row], with_id: bool) -> io::Result<()> {
    let (fig, val, publ, st) = match l.lang {
        Lang::Nb => ("Tall", "Beregnet", "Publisert", "Status"),
        Lang::En => ("Figure", "Model", "Published", "Status"),
    };
    if with_id {
        writeln!(w, "| Id | {fig} | {val} | {publ} | {st} |")?;
        writeln!(w, "|---|---|---:|---:|---|")?;
    } else {
        writeln!(w, "| {fig} | {val} | {publ} | {st} |")?;
        writeln!(w, "|---|---:|---:|---|")?;
    }
    for r in rows {
        let published = crate::published_cell(l, r);
        if with_id {
            writeln!(
                w,
                "| {} | {} | {} | {} | {} |",
                escape(&r.id),
                escape(&r.label),
                escape(&r.display),
                escape(&published),
                status(l, r.status)
            )?;
        } else {
            writeln!(
                w,
                "| {} | {} | {} | {} |",
                escape(&r.label),
                escape(&r.display),
                escape(&published),
                status(l, r.status)
            )?;
        }
    }
    Ok(())
}

fn table(w: &mut dyn Write, t: &Table) -> io::Result<()> {
    writeln!(w, "*{}*", escape(&t.title))?;
    writeln!(w)?;
    writeln!(
        w,
        "| {} |",
        t.header
            .iter()
            .map(|h| escape(h))
            .collect::<Vec<_>>()
            .join(" | ")
    )?;
    let align: Vec<&str> = t
        .numeric
        .iter()
        .map(|n| if *n { "---:" } else { "---" })
        .collect();
    writeln!(w, "|{}|", align.join("|"))?;
    for r in &t.rows {
        writeln!(
            w,
            "| {} |",
            r.iter().map(|c| escape(c)).collect::<Vec<_>>().join(" | ")
        )?;
    }
    Ok(())
}

fn tree(w: &mut dyn Write, l: Locale, e: &Explanation, depth: usize) -> io::Result<()> {
    let pad = "  ".repeat(depth);
    write!(
        w,
        "{pad}- {}: {}",
        escape(&l.say(&e.label)),
        escape(&l.quantity(&e.value))
    )?;
    if let Some(f) = &e.formula {
        write!(w, " — {}", escape(&l.say(f)))?;
    }
    if let Some(s) = &e.source {
        write!(
            w,
            " ({} {})",
            l.pick("kilde:", "source:"),
            escape(&l.source(s))
        )?;
    }
    writeln!(w)?;
    for i in &e.inputs {
        tree(w, l, i, depth.saturating_add(1))?;
    }
    Ok(())
}
