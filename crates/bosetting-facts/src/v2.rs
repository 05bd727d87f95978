//! The parts of `bosetting-facts/2` beyond one municipality's year: bodies, facts about any
//! body and period, printed tables, relations, and checks at an address.

use bosetting::{
    Address, AddressPart, Body, BodyId, BodyKind, Breakdown, Cell, DocPeriod, Document,
    FigureCheck, Observation, PrintedTable, Relation, TableColumn, TableRow, Term,
};

use std::collections::BTreeSet;

use crate::build::Ctx;
use crate::error::FactsError;
use crate::schema::*;

/// Whether a `[[check]]` is about a figure at an address (v2) rather than a year-view
/// figure: it names a body, period or breakdown, or a measure the year view does not have.
pub(crate) fn is_address_check(c: &CheckFileSpec) -> bool {
    !c.at().is_empty()
        || (c.figure.args.is_empty()
            && c.figure.figure_ref().is_err()
            && bosetting::measure(&c.figure.name).is_some())
}

struct Main<'a> {
    main: Option<&'a (BodyId, i32)>,
}

impl Main<'_> {
    fn body(&self, ctx: &Ctx<'_>, path: &str, b: Option<&String>) -> Result<BodyId, FactsError> {
        match (b, self.main) {
            (Some(b), _) => ctx.model(&format!("{path}.body"), BodyId::new(b.clone())),
            (None, Some((id, _))) => Ok(id.clone()),
            (None, None) => Err(ctx.err(
                &format!("{path}.body"),
                "missing: say which body the figure is about (body = \"…\", one of the [[body]] ids)",
            )),
        }
    }

    fn period(
        &self,
        ctx: &Ctx<'_>,
        path: &str,
        p: Option<&String>,
    ) -> Result<DocPeriod, FactsError> {
        match (p, self.main) {
            (Some(p), _) => ctx.model(&format!("{path}.period"), p.parse()),
            (None, Some((_, y))) => ctx.model(&format!("{path}.period"), format!("{y}").parse()),
            (None, None) => Err(ctx.err(
                &format!("{path}.period"),
                "missing: say which period the figure is about (period = \"2016\", \"2014-2016\", \"2017-T1\" or \"2024-09-01\")",
            )),
        }
    }

    fn address(
        &self,
        ctx: &Ctx<'_>,
        path: &str,
        measure: &str,
        at: &AddressSpec,
    ) -> Result<Address, FactsError> {
        Ok(Address {
            measure: measure.to_owned(),
            body: self.body(ctx, path, at.body.as_ref())?,
            period: self.period(ctx, path, at.period.as_ref())?,
            breakdown: Breakdown {
                category: at.category,
                origin: at.origin,
                group: at.group.clone(),
            },
        })
    }

    fn part(
        &self,
        ctx: &Ctx<'_>,
        path: &str,
        measure: Option<&String>,
        at: &AddressSpec,
    ) -> Result<AddressPart, FactsError> {
        Ok(AddressPart {
            measure: measure.cloned(),
            body: at
                .body
                .as_ref()
                .map(|b| ctx.model(&format!("{path}.body"), BodyId::new(b.clone())))
                .transpose()?,
            period: at
                .period
                .as_ref()
                .map(|p| ctx.model(&format!("{path}.period"), p.parse()))
                .transpose()?,
            category: at.category,
            origin: at.origin,
            group: at.group.clone(),
        })
    }
}

pub(crate) fn build(
    f: &FactsFile,
    ctx: &Ctx<'_>,
    doc: &mut Document,
    main: Option<&(BodyId, i32)>,
) -> Result<(), FactsError> {
    let m = Main { main };
    // Lookups built once (bodies by id, fact ids): each fact, term and check is then a few
    // lookups, never a pass over what came before it.
    let mut body_ids: BTreeSet<BodyId> = doc.bodies.iter().map(|b| b.id.clone()).collect();
    for (i, b) in f.body.iter().enumerate() {
        let p = format!("body[{i}]");
        let id = ctx.model(&format!("{p}.id"), BodyId::new(b.id.clone()))?;
        let kind = match b.kind {
            BodyKindSpec::Municipality => {
                let n = b.number.as_deref().ok_or_else(|| {
                    ctx.err(
                        &format!("{p}.number"),
                        "missing: a municipality needs its four-digit number",
                    )
                })?;
                BodyKind::Municipality {
                    number: ctx.model(&format!("{p}.number"), n.parse())?,
                }
            }
            BodyKindSpec::Unit => BodyKind::Unit,
            BodyKindSpec::County => BodyKind::County {
                number: b.number.clone(),
            },
            BodyKindSpec::Nation => BodyKind::Nation,
            BodyKindSpec::Other => BodyKind::Other,
        };
        let mut body = Body::new(
            id,
            b.name.clone(),
            kind,
            ctx.src(&p, &b.quote, b.source.as_deref()),
        );
        if let Some(parent) = &b.part_of {
            body = body.part_of(ctx.model(&format!("{p}.part_of"), BodyId::new(parent.clone()))?);
        }
        if !body_ids.insert(body.id.clone()) {
            return Err(ctx.err(&format!("{p}.id"), format!("{:?} is used twice", b.id)));
        }
        doc.bodies.push(body);
    }
    for (i, b) in doc.bodies.iter().enumerate() {
        if let Some(parent) = &b.parent {
            if !body_ids.contains(parent) {
                let at = i.saturating_sub(usize::from(main.is_some()));
                return Err(ctx.err(
                    &format!("body[{at}].part_of"),
                    format!("no body has the id {parent:?}; list it under [[body]]"),
                ));
            }
        }
    }
    let known = |doc: &Document, a: &bosetting::Address| -> bosetting::Result<()> {
        Document::known_measure(a)?;
        if body_ids.contains(&a.body) {
            Ok(())
        } else {
            doc.known(a)
        }
    };
    let mut fact_ids = BTreeSet::new();
    for (i, x) in f.fact.iter().enumerate() {
        let p = format!("fact[{i}]");
        let address = m.address(ctx, &p, &x.figure, &x.at())?;
        ctx.model(&p, known(doc, &address))
            .map_err(|e| relabel(e, &format!("{p}.figure")))?;
        let mut fig = ctx.published(
            &format!("{p}.published"),
            &x.published,
            x.unit,
            &x.quote,
            x.source.as_deref(),
        )?;
        if let Some(q) = x.qualifier {
            fig = fig.with_qualifier(q);
        }
        if let Some(id) = &x.id {
            if !fact_ids.insert(id.as_str()) {
                return Err(ctx.err(&format!("{p}.id"), format!("{id:?} is used twice")));
            }
        }
        doc.facts.push(Observation {
            id: x.id.clone(),
            address,
            figure: fig,
        });
    }
    for (i, t) in f.table.iter().enumerate() {
        let p = format!("table[{i}]");
        doc.tables.push(table(ctx, &m, &p, t)?);
    }
    ctx.model("table", doc.add_table_facts())?;
    ctx.model("fact", doc.validate())?;
    // Facts and tables are complete: relations and checks read them through one index.
    let ix = doc.indexed();
    let mut relations = Vec::with_capacity(f.relation.len());
    for (i, r) in f.relation.iter().enumerate() {
        let p = format!("relation[{i}]");
        let mut terms = Vec::new();
        for (j, t) in r.terms.iter().enumerate() {
            let tp = format!("{p}.terms[{j}]");
            let term = match (&t.figure, &t.fact, &t.published) {
                (Some(name), None, None) => {
                    let a = m.address(ctx, &tp, name, &t.at())?;
                    ctx.model(&tp, ix.known(&a))
                        .map_err(|e| relabel(e, &format!("{tp}.figure")))?;
                    Term::Figure(a)
                }
                (None, Some(id), None) if t.at().is_empty() => {
                    if !ix.has_fact(id) {
                        return Err(ctx.err(
                            &format!("{tp}.fact"),
                            format!("no [[fact]] has the id {id:?}"),
                        ));
                    }
                    Term::Fact(id.clone())
                }
                (None, None, Some(text)) if t.at().is_empty() => {
                    let unit = t.unit.ok_or_else(|| {
                        ctx.err(
                            &format!("{tp}.unit"),
                            "missing: give the printed figure's unit (persons, kroner, percent, …)",
                        )
                    })?;
                    let quote = t.quote.as_deref().unwrap_or(&r.quote);
                    let mut fig = ctx.published(
                        &format!("{tp}.published"),
                        text,
                        unit,
                        quote,
                        r.source.as_deref(),
                    )?;
                    if let Some(q) = t.qualifier {
                        fig = fig.with_qualifier(q);
                    }
                    Term::Printed(fig)
                }
                _ => {
                    return Err(ctx.err(
                        &tp,
                        "a term is one of: { figure = \"…\" (with body, period, category…) }, { fact = \"id\" }, or { published = \"19 %\", unit = \"percent\" }",
                    ));
                }
            };
            terms.push(term);
        }
        let mut rel = ctx.model(
            &format!("{p}.terms"),
            Relation::new(r.id.clone(), r.label.clone(), r.kind, terms),
        )?;
        rel.expect = r.expect;
        ctx.model(&p, ix.check_relation(&rel))?;
        relations.push(rel);
    }
    let mut checks = Vec::new();
    for (i, c) in f.check.iter().enumerate() {
        if !is_address_check(c) {
            continue;
        }
        let p = format!("check[{i}]");
        if !c.figure.args.is_empty() {
            return Err(ctx.err(
                &format!("{p}.figure"),
                "a check at a body or period names a measure only: write figure = \"…\" and the body, period and breakdown beside it",
            ));
        }
        let address = m.address(ctx, &p, &c.figure.name, &c.at())?;
        ctx.model(&p, ix.known(&address))
            .map_err(|e| relabel(e, &format!("{p}.figure")))?;
        let texts = c
            .published
            .as_ref()
            .map(OneOrMany::texts)
            .unwrap_or_default();
        let [text] = texts.as_slice() else {
            return Err(ctx.err(
                &format!("{p}.published"),
                "give the one figure the document printed",
            ));
        };
        let mut fig = ctx.published(
            &format!("{p}.published"),
            text,
            c.unit,
            &c.quote,
            c.source.as_deref(),
        )?;
        if let Some(q) = c.qualifier {
            fig = fig.with_qualifier(q);
        }
        let check = FigureCheck {
            id: c.id.clone(),
            label: c.label.clone(),
            address,
            published: fig,
            expect: c.expect,
        };
        ctx.model(&p, ix.check_figure(&check))?;
        checks.push(check);
    }
    for (i, t) in doc.tables.iter().enumerate() {
        ctx.model(&format!("table[{i}]"), ix.check_table(t))?;
    }
    drop(ix);
    doc.relations.extend(relations);
    doc.checks.extend(checks);
    Ok(())
}

fn relabel(e: FactsError, field: &str) -> FactsError {
    e.at_field(field)
}

fn table(ctx: &Ctx<'_>, m: &Main<'_>, p: &str, t: &TableSpec) -> Result<PrintedTable, FactsError> {
    let source = ctx.src(p, &t.quote, t.source.as_deref());
    let mut part = m.part(ctx, p, t.figure.as_ref(), &t.at())?;
    let columns = t
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| {
            Ok(TableColumn {
                key: c.key.clone(),
                label: c.label.clone(),
                part: m.part(
                    ctx,
                    &format!("{p}.columns[{j}]"),
                    c.figure.as_ref(),
                    &c.at(),
                )?,
                total: c.total,
                expect: c.expect,
            })
        })
        .collect::<Result<Vec<_>, FactsError>>()?;
    let mut rows = Vec::new();
    for (j, r) in t.row.iter().enumerate() {
        let rp = format!("{p}.row[{j}]");
        let cells = r
            .cells
            .iter()
            .enumerate()
            .map(|(k, text)| {
                let mut src = source.clone();
                src.locator = ctx.src(&format!("{rp}.cells[{k}]"), &t.quote, None).locator;
                ctx.model(&format!("{rp}.cells[{k}]"), Cell::parse(text, t.unit, src))
            })
            .collect::<Result<Vec<_>, FactsError>>()?;
        rows.push(TableRow {
            key: r.key.clone(),
            label: r.label.clone(),
            part: m.part(ctx, &rp, r.figure.as_ref(), &r.at())?,
            total: r.total,
            cells,
            expect: r.expect,
        });
    }
    // Body and period default to the document's municipality and year where no part of
    // the table gives them.
    if let Some((body, year)) = m.main {
        let given = |f: &dyn Fn(&AddressPart) -> bool| {
            f(&part) || columns.iter().any(|c| f(&c.part)) || rows.iter().any(|r| f(&r.part))
        };
        let (has_body, has_period) = (given(&|x| x.body.is_some()), given(&|x| x.period.is_some()));
        if !has_body {
            part.body = Some(body.clone());
        }
        if !has_period {
            part.period = format!("{year}").parse().ok();
        }
    }
    let mut table = ctx.model(
        p,
        PrintedTable::new(t.id.clone(), t.title.clone(), t.unit, source, columns, rows),
    )?;
    table.part = part;
    table.expect = t.expect;
    ctx.model(p, table.addressed_cells().map(|_| ()))?;
    Ok(table)
}
