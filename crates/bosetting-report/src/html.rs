//! HTML: one self-contained page (inline CSS, inline SVG charts, no scripts) that reads well
//! on screen and on paper.

use std::io::{self, Write};

use bosetting::Explanation;
use rust_decimal::prelude::ToPrimitive;

use crate::document::{Chart, ChartKind, Report, Row, SectionId, Table};
use crate::locale::{Lang, Locale};
use crate::markdown::status;

const CSS: &str = r#"
:root { --ink: #1b1f24; --muted: #5a6470; --line: #c9d1d9; --a: #1f5f99; --b: #c2702a; --c: #3d8a4f; }
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); margin: 2rem auto; max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid var(--line); padding-bottom: .2rem; margin-top: 2rem; }
.meta { color: var(--muted); margin-top: 0; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .93rem; }
caption { text-align: left; font-style: italic; color: var(--muted); padding-bottom: .3rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; vertical-align: top; text-align: left; overflow-wrap: break-word; }
th { background: #f3f5f7; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; overflow-wrap: normal; }
th { overflow-wrap: normal; }
.status { font-weight: 600; overflow-wrap: normal; }
.status-input { color: var(--muted); }
.status-reproduced { color: #1d6b33; }
.status-consistent { color: #1f5f99; }
.status-inconsistent { color: #a11d1d; }
.status-computed { color: var(--ink); font-weight: 400; }
figure { margin: 1rem 0; }
figcaption { font-style: italic; color: var(--muted); }
svg { max-width: 100%; height: auto; }
svg text { font-family: inherit; font-size: 12px; fill: var(--ink); }
.explain { font-size: .9rem; margin: .2rem 0 1rem; }
.explain ul { margin: .2rem 0; padding-left: 1.2rem; }
.explain .formula { color: var(--muted); }
.explain .source { color: var(--muted); font-size: .85rem; }
.reconciliation { margin: .2rem 0; }
@page { size: A4 portrait; margin: 14mm 12mm; }
@media print {
  body { margin: 0; max-width: none; font-size: 9.5pt; }
  table { font-size: 8.5pt; }
  h2 { break-after: avoid; }
  figure, tr, .explain summary { break-inside: avoid; }
  thead { display: table-header-group; }
  th { background: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// Writes `report` as one HTML page.
///
/// # Errors
///
/// The writer's errors.
///
/// # Example
///
/// ```
/// # use bosetting_report::{Lang, Locale};
/// # let facts = bosetting_facts::Facts::load("../../examples/data/bodo_2015_2017.toml")?;
/// # let report = bosetting_report::build(facts.year().ok_or("a year")?, &[], Locale::new(Lang::Nb))?;
/// let mut page = Vec::new();
/// bosetting_report::html::write(&report, &mut page)?;
/// let page = String::from_utf8(page)?;
/// assert!(page.contains("<html lang=\"nb\">"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    let l = Locale::new(report.lang);
    let lang = match report.lang {
        Lang::Nb => "nb",
        Lang::En => "en",
    };
    writeln!(w, "<!DOCTYPE html>")?;
    writeln!(w, "<html lang=\"{lang}\">")?;
    writeln!(w, "<head>")?;
    writeln!(w, "<meta charset=\"utf-8\">")?;
    writeln!(
        w,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(w, "<title>{}</title>", esc(&report.title))?;
    writeln!(w, "<style>{CSS}</style>")?;
    writeln!(w, "</head>")?;
    writeln!(w, "<body>")?;
    writeln!(w, "<h1>{}</h1>", esc(&report.title))?;
    writeln!(
        w,
        "<p class=\"meta\">{} {}: {}.</p>",
        esc(&crate::about(report, l)),
        l.pick("Kilde", "Source"),
        esc(&l.source(&report.document))
    )?;
    for (i, s) in report.sections.iter().enumerate() {
        writeln!(w, "<section id=\"s{i}\">")?;
        writeln!(w, "<h2>{}</h2>", esc(&s.title))?;
        for c in &s.charts {
            chart(w, l, c)?;
        }
        if !s.rows.is_empty() {
            rows(w, l, &s.rows, s.id == SectionId::FigureCheck)?;
        }
        for t in &s.tables {
            table(w, t)?;
        }
        if !s.notes.is_empty() {
            writeln!(w, "<ul>")?;
            for n in &s.notes {
                writeln!(w, "<li>{}</li>", esc(n))?;
            }
            writeln!(w, "</ul>")?;
        }
        if s.id == SectionId::FigureCheck {
            for r in &s.rows {
                writeln!(w, "<details class=\"explain\" open>")?;
                writeln!(
                    w,
                    "<summary><strong>{}</strong> — {} (<span class=\"status status-{}\">{}</span>)</summary>",
                    esc(&r.id),
                    esc(&r.label),
                    r.status.name(),
                    status(l, r.status)
                )?;
                if !r.reconciliation.is_empty() {
                    writeln!(
                        w,
                        "<p class=\"reconciliation\">{}</p>",
                        esc(&r.reconciliation)
                    )?;
                }
                writeln!(w, "<ul>")?;
                tree(w, l, &r.explanation)?;
                writeln!(w, "</ul>")?;
                writeln!(w, "</details>")?;
            }
        }
        writeln!(w, "</section>")?;
    }
    writeln!(w, "</body>")?;
    writeln!(w, "</html>")?;
    Ok(())
}

fn rows(w: &mut dyn Write, l: Locale, rows: &[Row], with_id: bool) -> io::Result<()> {
    writeln!(w, "<table>")?;
    write!(w, "<thead><tr>")?;
    if with_id {
        write!(w, "<th>Id</th>")?;
    }
    writeln!(
        w,
        "<th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>Status</th></tr></thead>",
        l.pick("Tall", "Figure"),
        l.pick("Beregnet", "Model"),
        l.pick("Publisert", "Published")
    )?;
    writeln!(w, "<tbody>")?;
    for r in rows {
        write!(w, "<tr>")?;
        if with_id {
            write!(w, "<td><code>{}</code></td>", esc(&r.id))?;
        }
        writeln!(
            w,
            "<td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"status status-{}\">{}</td></tr>",
            esc(&r.label),
            esc(&r.display),
            esc(&crate::published_cell(l, r)),
            r.status.name(),
            status(l, r.status)
        )?;
    }
    writeln!(w, "</tbody></table>")?;
    Ok(())
}

fn table(w: &mut dyn Write, t: &Table) -> io::Result<()> {
    writeln!(w, "<table>")?;
    writeln!(w, "<caption>{}</caption>", esc(&t.title))?;
    write!(w, "<thead><tr>")?;
    for (h, n) in t.header.iter().zip(&t.numeric) {
        write!(
            w,
            "<th{}>{}</th>",
            if *n { " class=\"num\"" } else { "" },
            esc(h)
        )?;
    }
    writeln!(w, "</tr></thead><tbody>")?;
    for r in &t.rows {
        write!(w, "<tr>")?;
        for (c, n) in r.iter().zip(&t.numeric) {
            write!(
                w,
                "<td{}>{}</td>",
                if *n { " class=\"num\"" } else { "" },
                esc(c)
            )?;
        }
        writeln!(w, "</tr>")?;
    }
    writeln!(w, "</tbody></table>")?;
    Ok(())
}

fn tree(w: &mut dyn Write, l: Locale, e: &Explanation) -> io::Result<()> {
    write!(
        w,
        "<li>{}: <strong>{}</strong>",
        esc(&l.say(&e.label)),
        esc(&l.quantity(&e.value))
    )?;
    if let Some(f) = &e.formula {
        write!(w, " <span class=\"formula\">— {}</span>", esc(&l.say(f)))?;
    }
    if let Some(s) = &e.source {
        write!(w, "<br><span class=\"source\">{}</span>", esc(&l.source(s)))?;
    }
    if !e.inputs.is_empty() {
        writeln!(w, "<ul>")?;
        for i in &e.inputs {
            tree(w, l, i)?;
        }
        write!(w, "</ul>")?;
    }
    writeln!(w, "</li>")?;
    Ok(())
}

const COLORS: [&str; 3] = ["#1f5f99", "#c2702a", "#3d8a4f"];

fn color(series: usize) -> &'static str {
    series
        .checked_rem(COLORS.len())
        .and_then(|i| COLORS.get(i))
        .copied()
        .unwrap_or("#1f5f99")
}

/// Round axis ticks covering `lo..=hi`: steps of 1, 2 or 5 times a power of ten, about
/// four of them, always including zero.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = (lo.min(0.0), hi.max(0.0));
    let raw = if hi - lo > 0.0 { (hi - lo) / 4.0 } else { 1.0 };
    let exp = raw.log10().floor();
    let base = 10f64.powf(exp);
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * base)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * base);
    let first = (lo / step).floor();
    let last = (hi / step).ceil();
    let mut out = Vec::new();
    let mut k = first;
    while k <= last + 0.5 && out.len() < 50 {
        out.push(k * step);
        k += 1.0;
    }
    out
}

fn chart(w: &mut dyn Write, l: Locale, c: &Chart) -> io::Result<()> {
    let vals: Vec<f64> = c
        .series
        .iter()
        .flat_map(|s| s.values.iter().flatten())
        .filter_map(|d| d.to_f64())
        .collect();
    if vals.is_empty() {
        return Ok(());
    }
    let ts = ticks(
        vals.iter().copied().fold(f64::INFINITY, f64::min),
        vals.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let min = ts.first().copied().unwrap_or(0.0);
    let max = ts.last().copied().unwrap_or(1.0);
    let span = if max - min > 0.0 { max - min } else { 1.0 };
    let desc = c
        .series
        .iter()
        .map(|s| {
            let pts: Vec<String> = c
                .categories
                .iter()
                .zip(&s.labels)
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            format!("{}: {}", s.name, pts.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    writeln!(w, "<figure>")?;
    let open = |w: &mut dyn Write, width: f64, height: f64| {
        writeln!(
            w,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height:.0}\" role=\"img\">"
        )?;
        writeln!(w, "<title>{} ({})</title>", esc(&c.title), esc(&c.unit))?;
        writeln!(w, "<desc>{}</desc>", esc(&desc))
    };
    match c.kind {
        ChartKind::Bars | ChartKind::Line | ChartKind::Steps | ChartKind::Fan => {
            let (width, height) = (720.0, 300.0);
            let (left, right, top, bottom) = (96.0, 24.0, 40.0, 50.0);
            let plot_w = width - left - right;
            let plot_h = height - top - bottom;
            let y = |v: f64| top + plot_h - (v - min) / span * plot_h;
            open(w, width, height)?;
            for v in &ts {
                let yy = y(*v);
                let zero = v.abs() < f64::EPSILON;
                writeln!(
                    w,
                    "<line x1=\"{left}\" x2=\"{}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                    width - right,
                    if zero { "#1b1f24" } else { "#c9d1d9" },
                    if zero { 1.5 } else { 1.0 }
                )?;
                writeln!(
                    w,
                    "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                    left - 6.0,
                    yy + 4.0,
                    esc(&axis_label(l, *v))
                )?;
            }
            let n = c.categories.len().max(1) as f64;
            let band = plot_w / n;
            // Where each category sits: evenly, or on a proportional axis (dates).
            let proportional = c.x.len() == c.categories.len() && c.x.len() > 1;
            let (x0, x1) = (
                c.x.iter().copied().min().unwrap_or(0) as f64,
                c.x.iter().copied().max().unwrap_or(1) as f64,
            );
            let xpos = |i: usize| -> f64 {
                match c.x.get(i) {
                    Some(x) if proportional && x1 > x0 => {
                        left + 12.0 + (*x as f64 - x0) / (x1 - x0) * (plot_w - 24.0)
                    }
                    _ => left + band * (i as f64 + 0.5),
                }
            };
            // Category labels that would overlap are left out (every one stays in <desc>).
            let mut last_label = f64::NEG_INFINITY;
            for (i, cat) in c.categories.iter().enumerate() {
                let x = xpos(i);
                let wide = 7.0 * cat.chars().count() as f64;
                if x - wide / 2.0 < last_label + 6.0 {
                    continue;
                }
                last_label = x + wide / 2.0;
                writeln!(
                    w,
                    "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                    height - bottom + 18.0,
                    esc(cat)
                )?;
            }
            if c.kind == ChartKind::Bars {
                let k = c.series.len().max(1) as f64;
                let bar = band * 0.8 / k;
                for (si, s) in c.series.iter().enumerate() {
                    let color = color(si);
                    for (i, v) in s.values.iter().enumerate() {
                        let Some(v) = v.and_then(|d| d.to_f64()) else {
                            continue;
                        };
                        let x = left + band * i as f64 + band * 0.1 + bar * si as f64;
                        let (y0, y1) = (y(v.max(0.0)), y(v.min(0.0)));
                        let label = s.labels.get(i).map(String::as_str).unwrap_or("");
                        writeln!(
                            w,
                            "<rect x=\"{x:.1}\" y=\"{y0:.1}\" width=\"{bar:.1}\" height=\"{:.1}\" fill=\"{color}\" stroke=\"#1b1f24\" stroke-width=\"0.5\"><title>{}: {}</title></rect>",
                            (y1 - y0).max(0.5),
                            esc(&s.name),
                            esc(label)
                        )?;
                    }
                }
            } else {
                // A fan: the band from the first series to the last, shaded.
                if c.kind == ChartKind::Fan {
                    if let (Some(lo), Some(hi)) = (c.series.first(), c.series.last()) {
                        let pts = |s: &crate::document::ChartSeries| -> Vec<(f64, f64)> {
                            s.values
                                .iter()
                                .enumerate()
                                .filter_map(|(i, v)| {
                                    Some((xpos(i), y(v.and_then(|d| d.to_f64())?)))
                                })
                                .collect()
                        };
                        let mut poly: Vec<String> = pts(hi)
                            .iter()
                            .map(|(x, y)| format!("{x:.1},{y:.1}"))
                            .collect();
                        poly.extend(pts(lo).iter().rev().map(|(x, y)| format!("{x:.1},{y:.1}")));
                        writeln!(
                            w,
                            "<polygon points=\"{}\" fill=\"#1f5f99\" fill-opacity=\"0.18\" stroke=\"none\"/>",
                            poly.join(" ")
                        )?;
                    }
                }
                for (si, s) in c.series.iter().enumerate() {
                    let color = color(si);
                    let pts: Vec<(f64, f64, &str)> = s
                        .values
                        .iter()
                        .enumerate()
                        .filter_map(|(i, v)| {
                            let v = v.and_then(|d| d.to_f64())?;
                            let label = s.labels.get(i).map(String::as_str).unwrap_or("");
                            Some((xpos(i), y(v), label))
                        })
                        .collect();
                    // Steps: the level holds until the next point, then moves.
                    let mut path: Vec<String> = Vec::new();
                    for (j, (x, yy, _)) in pts.iter().enumerate() {
                        if c.kind == ChartKind::Steps && j > 0 {
                            if let Some((_, prev_y, _)) = j.checked_sub(1).and_then(|p| pts.get(p))
                            {
                                path.push(format!("{x:.1},{prev_y:.1}"));
                            }
                        }
                        path.push(format!("{x:.1},{yy:.1}"));
                    }
                    writeln!(
                        w,
                        "<polyline points=\"{}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2.5\"/>",
                        path.join(" ")
                    )?;
                    let mut last_label = f64::NEG_INFINITY;
                    for (x, yy, label) in pts {
                        writeln!(
                            w,
                            "<circle cx=\"{x:.1}\" cy=\"{yy:.1}\" r=\"4\" fill=\"{color}\"><title>{}</title></circle>",
                            esc(label)
                        )?;
                        // A fan labels its middle line only; the band's edges are in <desc>.
                        if c.kind == ChartKind::Fan && si != 1 {
                            continue;
                        }
                        // Kept inside the plot, and left out where it would overlap the last.
                        let wide = 7.0 * label.chars().count() as f64;
                        let x = x.clamp(left + wide / 2.0, width - 4.0 - wide / 2.0);
                        if x - wide / 2.0 < last_label + 6.0 {
                            continue;
                        }
                        last_label = x + wide / 2.0;
                        writeln!(
                            w,
                            "<text x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                            yy - 9.0,
                            esc(label)
                        )?;
                    }
                }
            }
            legend(w, c, left, 14.0)?;
            writeln!(w, "</svg>")?;
        }
        ChartKind::HorizontalBars => {
            let rows = c.categories.len().max(1) as f64;
            let (width, row_h, left, right, top) = (720.0, 26.0, 200.0, 60.0, 10.0);
            let height = top * 2.0 + rows * row_h;
            let plot_w = width - left - right;
            open(w, width, height)?;
            if let Some(s) = c.series.first() {
                for (i, cat) in c.categories.iter().enumerate() {
                    let yy = top + row_h * i as f64;
                    writeln!(
                        w,
                        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
                        left - 8.0,
                        yy + row_h * 0.65,
                        esc(cat)
                    )?;
                    let v = s
                        .values
                        .get(i)
                        .copied()
                        .flatten()
                        .and_then(|d| d.to_f64())
                        .unwrap_or(0.0);
                    let bw = (v - min) / span * plot_w;
                    let label = s.labels.get(i).map(String::as_str).unwrap_or("");
                    writeln!(
                        w,
                        "<rect x=\"{left}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\" stroke=\"#1b1f24\" stroke-width=\"0.5\"/>",
                        yy + 4.0,
                        bw.max(0.5),
                        row_h - 8.0,
                        color(0)
                    )?;
                    writeln!(
                        w,
                        "<text x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                        left + bw + 6.0,
                        yy + row_h * 0.65,
                        esc(label)
                    )?;
                }
            }
            writeln!(w, "</svg>")?;
        }
    }
    writeln!(
        w,
        "<figcaption>{} ({}){}</figcaption>",
        esc(&c.title),
        esc(&c.unit),
        if c.source.is_empty() {
            String::new()
        } else {
            format!(
                "<br><span class=\"source\">{}: {}</span>",
                l.pick("Kilde", "Source"),
                esc(&c.source)
            )
        }
    )?;
    writeln!(w, "</figure>")?;
    Ok(())
}

fn legend(w: &mut dyn Write, c: &Chart, x0: f64, y0: f64) -> io::Result<()> {
    let mut x = x0;
    for (si, s) in c.series.iter().enumerate() {
        let color = color(si);
        writeln!(
            w,
            "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"12\" height=\"12\" fill=\"{color}\"/><text x=\"{:.1}\" y=\"{y0:.1}\">{}</text>",
            y0 - 10.0,
            x + 16.0,
            esc(&s.name)
        )?;
        x += 30.0 + 8.0 * s.name.chars().count() as f64;
    }
    Ok(())
}

/// An axis tick through the locale: millions with one decimal, others whole; the minus
/// sign is the typographic one, and the label is right-aligned so it is never clipped.
fn axis_label(l: Locale, v: f64) -> String {
    let d = rust_decimal::Decimal::from_f64_retain(v)
        .unwrap_or_default()
        .round_dp(6);
    if v.abs() >= 1_000_000.0 {
        l.money(bosetting::Money::new(d))
    } else {
        l.decimal(d, 0)
    }
}
