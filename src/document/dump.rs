//! A stable plain-text dump of the tree (`render --to tree`), for snapshots and debugging.

use std::fmt::Write;

use super::{Block, Document, Para};

pub fn dump(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "meta title={:?} subject={:?} author={:?}",
        doc.meta.title, doc.meta.subject, doc.meta.author
    );
    for part in &doc.parts {
        let _ = writeln!(out, "part {:?} landscape={}", part.kind, part.landscape);
        for block in &part.blocks {
            match block {
                Block::Para(p) => dump_para(&mut out, p, "  "),
                Block::Table(t) => {
                    let _ = writeln!(out, "  table {:?} columns={:?}", t.kind, t.columns);
                    for row in &t.rows {
                        let _ = writeln!(out, "    row {:?}", row.kind);
                        for cell in &row.cells {
                            let _ = writeln!(out, "      cell span={}", cell.span);
                            for p in &cell.paras {
                                dump_para(&mut out, p, "        ");
                            }
                        }
                    }
                }
            }
        }
    }
    out
}

fn dump_para(out: &mut String, p: &Para, indent: &str) {
    let _ = write!(out, "{indent}{:?}", p.role);
    if let Some(rule) = p.rule_below {
        let _ = write!(out, " rule={rule:?}");
    }
    let _ = writeln!(out, " {:?}", p.plain_text());
}
