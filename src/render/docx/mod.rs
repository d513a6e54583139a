//! DOCX: `word/document.xml` written directly from the document tree (`body`), inside
//! a package skeleton that docx-rs and the finish pass build once per profile, role
//! set and language (`skeleton`).
//!
//! The reference path — docx-rs builds the whole tree, `finish` adds what it cannot
//! write (w:lang, core properties, repeating header rows) and makes the bytes
//! reproducible (docs/crates.md §1.12) — stays as [`DocxRenderer::render_with_docx_rs`]: it
//! is several times slower, and the tests hold the direct writer to its exact bytes.

mod body;
mod finish;
mod metrics;
mod metrics_data;
mod paragraph;
mod rewrite;
mod rule;
mod schema;
mod section;
mod skeleton;
mod styles;
mod table;
#[cfg(test)]
mod tests;

use std::collections::BTreeSet;
use std::io::Cursor;
use std::panic::{catch_unwind, AssertUnwindSafe};

use docx_rs::{Docx, Paragraph, Table as DocxTable};

use super::{Format, RenderContext, RenderError, Renderer};
use crate::document::{Block, Document, Part, PartKind, Role};
use crate::profile::Profile;

pub struct DocxRenderer;

impl Renderer for DocxRenderer {
    fn format(&self) -> Format {
        Format::Docx
    }

    fn render(&self, doc: &Document, ctx: &RenderContext) -> Result<Vec<u8>, RenderError> {
        let lang = finish::language(&doc.meta.language);
        let skeleton =
            skeleton::get(ctx.profile, &roles(doc), &lang).map_err(RenderError::Package)?;
        let body = body::document_xml(&doc.parts, ctx.profile, skeleton.ids_before_body());
        let core = finish::core_properties(&doc.meta, &lang);
        skeleton
            .package(body.as_bytes(), core.as_bytes())
            .map_err(RenderError::Package)
    }
}

impl DocxRenderer {
    /// The same package through docx-rs and the finish pass: the reference the direct
    /// writer is tested against (byte for byte), and the way to check a suspected
    /// difference by hand.
    pub fn render_with_docx_rs(
        &self,
        doc: &Document,
        ctx: &RenderContext,
    ) -> Result<Vec<u8>, RenderError> {
        // docx-rs has `expect`s deep inside; a bug there must not take the caller down.
        let packed = catch_unwind(AssertUnwindSafe(|| {
            let (docx, plan) = build(doc, ctx.profile);
            let mut raw = Cursor::new(Vec::new());
            docx.pack(&mut raw).map(|()| (raw.into_inner(), plan))
        }));
        let (raw, plan) = match packed {
            Ok(Ok(v)) => v,
            Ok(Err(e)) => return Err(RenderError::Package(e.to_string())),
            Err(_) => return Err(RenderError::Package("docx-rs panicked".into())),
        };
        finish::finish(&raw, &doc.meta, &plan).map_err(RenderError::Package)
    }
}

/// The roles that get a style in styles.xml.
fn roles(doc: &Document) -> BTreeSet<Role> {
    let mut roles = BTreeSet::new();
    let mut last = None;
    for p in doc.each_paragraph() {
        // Neighbours mostly share a role (task cells, body text): skip the set then.
        if last != Some(p.role) {
            roles.insert(p.role);
            last = Some(p.role);
        }
    }
    roles
}

/// What the finish pass needs to know about the body.
#[derive(Debug, Default)]
struct FinishPlan {
    /// For each table in document order, how many leading rows repeat on every page.
    header_rows: Vec<usize>,
}

enum Child {
    Para(Box<Paragraph>),
    Table(Box<DocxTable>),
}

fn build(doc: &Document, profile: &Profile) -> (Docx, FinishPlan) {
    let mut docx = styles::install(section::register_headers(Docx::new()), profile, &roles(doc));
    let mut plan = FinishPlan::default();
    let fallback = [Part {
        kind: PartKind::Main,
        landscape: false,
        blocks: Vec::new(),
    }];
    let parts = if doc.parts.is_empty() {
        &fallback[..]
    } else {
        &doc.parts[..]
    };
    for (i, part) in parts.iter().enumerate() {
        let mut children = part_children(part, profile, &mut plan);
        let last = i + 1 == parts.len();
        if !last {
            // A section ends with the paragraph holding its sectPr; a table cannot.
            let sect = section::closing(part, profile);
            match children.pop() {
                Some(Child::Para(p)) => {
                    children.push(Child::Para(Box::new(p.section_property(sect))))
                }
                other => {
                    children.extend(other);
                    children.push(Child::Para(Box::new(
                        Paragraph::new().section_property(sect),
                    )));
                }
            }
        } else if children.is_empty() {
            children.push(Child::Para(Box::new(Paragraph::new())));
        }
        for child in children {
            docx = match child {
                Child::Para(p) => docx.add_paragraph(*p),
                Child::Table(t) => docx.add_table(*t),
            };
        }
        if last {
            docx = section::finish_last(docx, part, profile);
        }
    }
    (docx, plan)
}

fn part_children(part: &Part, profile: &Profile, plan: &mut FinishPlan) -> Vec<Child> {
    // In twips from the same numbers as the section's pgSz/pgMar, so tables fill the
    // text area exactly (converting the millimetre difference can round differently).
    let page = profile.page(part.landscape);
    let text_width = page.width.twips() - page.left.twips() - page.right.twips();
    let mut out = Vec::new();
    for block in &part.blocks {
        match block {
            Block::Para(p) => out.extend(
                paragraph::paragraphs(p, None, text_width, profile)
                    .into_iter()
                    .map(|p| Child::Para(Box::new(p))),
            ),
            Block::Table(t) => {
                if let Some(built) = table::table(t, text_width, profile) {
                    // Word merges tables that touch; a paragraph keeps them apart.
                    if matches!(out.last(), Some(Child::Table(_))) {
                        out.push(Child::Para(Box::new(Paragraph::new())));
                    }
                    plan.header_rows.push(built.header_rows);
                    out.push(Child::Table(Box::new(built.table)));
                }
            }
        }
    }
    out
}
