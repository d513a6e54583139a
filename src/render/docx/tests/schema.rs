//! What `word/document.xml` must be, whatever writes it: well-formed XML whose
//! elements appear where WordprocessingML's schema allows them and in its order.
//!
//! The property containers (`w:pPr`, `w:rPr`, `w:tblPr` …) are checked against the
//! element-order table in `schema.rs`; the structural elements the body writer uses
//! against the content models below (a subset of ECMA-376 Part 1, §17). Every other
//! element is a leaf. The other XML parts are checked for property order only. The
//! documents cover every role, both table kinds, rules, sections and tracked changes:
//! hand-built ones, the example plans, and plans compared with each other.

use std::path::Path;

use super::sample;
use super::xml::{parse, render, unzip, Node};
use crate::compare::{compare, Stamp};
use crate::compose::{compose, ComposeOptions, Templates};
use crate::document::*;
use crate::load::load_file;
use crate::profile::Profile;
use crate::render::docx::schema::child_order;

/// The children a structural element may have, as groups in schema order (the names
/// of one group may interleave), and how many of its children it needs at least.
fn content_model(name: &str) -> Option<(&'static [&'static [&'static str]], usize)> {
    Some(match name {
        "w:document" => (&[&["w:body"]], 1),
        "w:body" => (&[&["w:p", "w:tbl"], &["w:sectPr"]], 1),
        "w:p" => (&[&["w:pPr"], &["w:r", "w:ins", "w:del"]], 0),
        "w:r" => (&[&["w:rPr"], &["w:t", "w:delText", "w:br", "w:tab"]], 0),
        "w:tbl" => (&[&["w:tblPr"], &["w:tblGrid"], &["w:tr"]], 3),
        "w:tblGrid" => (&[&["w:gridCol"]], 1),
        "w:tr" => (&[&["w:trPr"], &["w:tc"]], 1),
        "w:tc" => (&[&["w:tcPr"], &["w:p", "w:tbl"]], 1),
        "w:pBdr" => (
            &[
                &["w:top"],
                &["w:left"],
                &["w:bottom"],
                &["w:right"],
                &["w:between"],
                &["w:bar"],
            ],
            1,
        ),
        "w:tblBorders" | "w:tblCellMar" => (
            &[
                &["w:top"],
                &["w:left", "w:start"],
                &["w:bottom"],
                &["w:right", "w:end"],
                &["w:insideH"],
                &["w:insideV"],
            ],
            1,
        ),
        _ => return None,
    })
}

/// Checks `node` and everything below it; `path` names it in messages.
fn check_body_element(node: &Node, parent: &str, path: &str, errors: &mut Vec<String>) {
    let names: Vec<&str> = node.children.iter().map(|c| c.name.as_str()).collect();
    // A revision inside a property container only marks it: it holds nothing.
    let mark =
        matches!(node.name.as_str(), "w:ins" | "w:del") && matches!(parent, "w:rPr" | "w:trPr");
    if matches!(node.name.as_str(), "w:ins" | "w:del") && !mark {
        check_order(
            path,
            &names,
            &[&["w:r"]],
            node.attr("w:id").is_some(),
            errors,
        );
    } else if let Some((model, least)) = content_model(&node.name) {
        check_order(path, &names, model, names.len() >= least, errors);
        if node.name == "w:tc" && names.last() != Some(&"w:p") {
            errors.push(format!("{path}: a cell must end with a paragraph"));
        }
        if node.name == "w:tbl"
            && !(names.first() == Some(&"w:tblPr") && names.get(1) == Some(&"w:tblGrid"))
        {
            errors.push(format!("{path}: a table starts with tblPr and tblGrid"));
        }
    } else if let Some(order) = child_order(node.name.as_bytes()) {
        let model: Vec<[&str; 1]> = order.iter().map(|n| [*n]).collect();
        let groups: Vec<&[&str]> = model.iter().map(|g| &g[..]).collect();
        check_order(path, &names, &groups, true, errors);
        // Header and footer references are the one repeatable property.
        let mut seen: Vec<&str> = names
            .iter()
            .copied()
            .filter(|n| !matches!(*n, "w:headerReference" | "w:footerReference"))
            .collect();
        let count = seen.len();
        seen.sort_unstable();
        seen.dedup();
        if seen.len() != count {
            errors.push(format!("{path}: a property appears twice: {names:?}"));
        }
    } else if !names.is_empty() {
        errors.push(format!("{path}: a leaf with children {names:?}"));
    }
    // Spaces at either end of a text, or a run of them, are kept only where the text
    // says so.
    let spaced = |t: &str| t.starts_with(' ') || t.ends_with(' ') || t.contains("  ");
    if matches!(node.name.as_str(), "w:t" | "w:delText")
        && spaced(&node.text)
        && node.attr("xml:space") != Some("preserve")
    {
        errors.push(format!(
            "{path}: text {:?} without xml:space=\"preserve\"",
            node.text
        ));
    }
    for (i, child) in node.children.iter().enumerate() {
        let child_path = format!("{path}/{}[{i}]", child.name);
        check_body_element(child, &node.name, &child_path, errors);
    }
}

/// `names` use only the groups' names, in the groups' order; `enough` is the caller's
/// verdict on the count.
fn check_order(
    path: &str,
    names: &[&str],
    groups: &[&[&str]],
    enough: bool,
    errors: &mut Vec<String>,
) {
    if !enough {
        errors.push(format!("{path}: too few or malformed children {names:?}"));
    }
    let mut at = 0;
    for name in names {
        match groups.iter().position(|g| g.contains(name)) {
            None => errors.push(format!("{path}: {name} is not allowed here")),
            Some(g) if g < at => errors.push(format!("{path}: {name} out of order in {names:?}")),
            Some(g) => at = g,
        }
    }
}

/// Property order in any part (styles, headers, numbering, settings).
fn check_property_order(node: &Node, path: &str, errors: &mut Vec<String>) {
    if let Some(order) = child_order(node.name.as_bytes()) {
        let mut at = 0;
        for c in &node.children {
            // Children the table does not know may follow in any order.
            let rank = order
                .iter()
                .position(|n| *n == c.name)
                .unwrap_or(order.len());
            if rank < at {
                errors.push(format!("{path}: {} out of order", c.name));
            }
            at = rank;
        }
    }
    for c in &node.children {
        check_property_order(c, &format!("{path}/{}", c.name), errors);
    }
}

fn assert_valid(label: &str, doc: &Document) {
    let parts = unzip(&render(doc));
    let mut errors = Vec::new();
    for (name, bytes) in &parts {
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        // `parse` fails the test on malformed XML.
        let root = parse(bytes);
        if name == "word/document.xml" {
            let document = &root.children[0];
            assert_eq!(document.name, "w:document", "{label}");
            check_body_element(document, "", "w:document", &mut errors);
        } else {
            check_property_order(&root, name, &mut errors);
        }
    }
    errors.truncate(20);
    assert!(errors.is_empty(), "{label}:\n{}", errors.join("\n"));
}

/// A part with every role as a paragraph (with a rule, and tracked both ways), and
/// every role in the cells of both table kinds, one with a changed row.
fn every_role() -> Document {
    let mut blocks = Vec::new();
    for (i, &role) in Role::ALL.iter().enumerate() {
        let mut p = Para::new(
            role,
            vec![
                Run::plain(format!("{role:?} <&> \"x\"\tmột\nhai")),
                Run {
                    bold: true,
                    italic: i % 2 == 0,
                    change: Some(sample::change(ChangeKind::Inserted)),
                    ..Run::plain(" thêm")
                },
            ],
        );
        p.rule_below = match i % 3 {
            0 => Some(RuleLength::TextWidth),
            1 => Some(RuleLength::Fraction(0.5)),
            _ => None,
        };
        if i % 4 == 1 {
            p.change = Some(sample::change(ChangeKind::Deleted));
        }
        blocks.push(Block::Para(p));
    }
    let cells = |kind: TableKind| {
        let rows = Role::ALL
            .chunks(3)
            .enumerate()
            .map(|(i, roles)| {
                let cells = roles
                    .iter()
                    .map(|&r| Cell::new(vec![Para::text(r, format!("{r:?}"))]))
                    .collect();
                Row {
                    kind: if i == 0 {
                        RowKind::Header
                    } else {
                        RowKind::Task
                    },
                    cells,
                    change: (i == 2).then(|| sample::change(ChangeKind::Inserted)),
                }
            })
            .collect();
        Block::Table(Table {
            kind,
            columns: vec![1.0, 2.0, 1.0],
            rows,
        })
    };
    blocks.push(cells(TableKind::Grid));
    blocks.push(cells(TableKind::Layout));
    let appendix = Part {
        kind: PartKind::Appendix,
        landscape: true,
        blocks: vec![cells(TableKind::Grid)],
    };
    Document {
        meta: Meta::default(),
        parts: vec![
            Part {
                kind: PartKind::Main,
                landscape: false,
                blocks,
            },
            appendix,
        ],
        ..Default::default()
    }
}

fn composed(path: &Path) -> Document {
    let plan = load_file(path).expect("plan loads").plan;
    compose(
        &plan,
        &Templates::builtin(),
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .expect("plan composes")
}

fn example_plans() -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
        .into_iter()
        .map(|p| (p.display().to_string(), composed(&p)))
        .collect()
}

#[test]
fn hand_built_documents_follow_the_schema() {
    assert_valid("every role", &every_role());
    assert_valid("sample", &sample::plan());
    assert_valid("sample with changes", &sample::plan_with_changes());
    for (i, doc) in sample::odd_documents().iter().enumerate() {
        assert_valid(&format!("odd document {i}"), doc);
    }
}

#[test]
fn example_plans_follow_the_schema() {
    for (name, doc) in example_plans() {
        assert_valid(&name, &doc);
    }
}

/// Tracked changes as `render --since` makes them: against an empty document (all
/// inserted, then all deleted), and a plan against itself with every other
/// paragraph's text changed.
#[test]
fn compared_plans_follow_the_schema() {
    let stamp = Stamp::new("UBND phường Ninh Hà", Some("2021-07-07"));
    let empty = Document::default();
    for (name, doc) in example_plans() {
        let inserted = compare(&empty, &doc, &stamp).document;
        assert_valid(&format!("{name} inserted"), &inserted);
        let deleted = compare(&doc, &empty, &stamp).document;
        assert_valid(&format!("{name} deleted"), &deleted);
        let mut edited = doc.clone();
        let paras = edited
            .parts
            .iter_mut()
            .flat_map(|p| &mut p.blocks)
            .filter_map(|b| match b {
                Block::Para(p) => Some(p),
                Block::Table(_) => None,
            });
        for (i, p) in paras.enumerate() {
            if let (0, Some(r)) = (i % 2, p.runs.first_mut()) {
                r.text = format!("{} (sửa đổi)", r.text);
            }
        }
        let changed = compare(&doc, &edited, &stamp).document;
        assert_valid(&format!("{name} edited"), &changed);
    }
}

/// The checker itself rejects what the schema forbids.
#[test]
fn the_checker_rejects_misordered_and_misplaced_elements() {
    let bad = [
        r#"<w:document><w:body><w:p><w:pPr><w:rPr/><w:pStyle w:val="A"/></w:pPr></w:p><w:sectPr/></w:body></w:document>"#,
        r#"<w:document><w:body><w:sectPr/><w:p/></w:body></w:document>"#,
        r#"<w:document><w:body><w:tbl><w:tblGrid/><w:tblPr/><w:tr><w:tc><w:p/></w:tc></w:tr></w:tbl></w:body></w:document>"#,
        r#"<w:document><w:body><w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:tr><w:tc><w:tcPr/></w:tc></w:tr></w:tbl></w:body></w:document>"#,
        r#"<w:document><w:body><w:p><w:r><w:t xml:space="preserve">a</w:t><w:rPr/></w:r></w:p></w:body></w:document>"#,
        r#"<w:document><w:body><w:p><w:r><w:t>a </w:t></w:r></w:p></w:body></w:document>"#,
        r#"<w:document><w:body><w:p><w:pPr><w:jc/><w:jc/></w:pPr></w:p></w:body></w:document>"#,
        r#"<w:document><w:body><w:p><w:pPr><w:pStyle><w:x/></w:pStyle></w:pPr></w:p></w:body></w:document>"#,
    ];
    for xml in bad {
        let root = parse(xml.as_bytes());
        let mut errors = Vec::new();
        check_body_element(&root.children[0], "", "w:document", &mut errors);
        assert!(!errors.is_empty(), "accepted: {xml}");
    }
}
