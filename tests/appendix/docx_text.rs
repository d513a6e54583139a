//! A DOCX's text as Word shows it after "Accept all" or "Reject all", read straight
//! from `word/document.xml`: the test's own resolution of the revisions.

use std::io::Read;
use std::path::Path;

use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum View {
    /// As written (for a file without revisions).
    Plain,
    AcceptAll,
    RejectAll,
}

pub fn document_xml(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml
}

/// The non-empty paragraphs' texts, in order, table cells included.
pub fn paragraphs(path: &Path, view: View) -> Vec<String> {
    let xml = document_xml(path);
    let doc = Document::parse(&xml).unwrap();
    let mut out = Vec::new();
    for p in doc.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        if in_dropped_row(p, view) {
            continue;
        }
        let text: String = p
            .descendants()
            .filter(|n| n.has_tag_name((W, "t")) || n.has_tag_name((W, "delText")))
            .filter(|t| keeps(*t, view))
            .filter_map(|t| t.text())
            .collect();
        if !text.trim().is_empty() {
            out.push(text);
        }
    }
    out
}

/// Whether a text node survives: inserted text goes on reject, deleted text on accept.
fn keeps(t: Node, view: View) -> bool {
    let inside = |tag: &str| t.ancestors().any(|a| a.has_tag_name((W, tag)));
    match view {
        View::Plain => {
            assert!(
                !inside("ins") && !inside("del"),
                "a plain render has no revisions"
            );
            true
        }
        View::AcceptAll => !inside("del"),
        View::RejectAll => !inside("ins"),
    }
}

/// A row marked deleted (`w:trPr/w:del`) goes on accept; one marked inserted on reject.
fn in_dropped_row(p: Node, view: View) -> bool {
    let mark = match view {
        View::Plain => return false,
        View::AcceptAll => "del",
        View::RejectAll => "ins",
    };
    p.ancestors()
        .filter(|a| a.has_tag_name((W, "tr")))
        .any(|tr| {
            tr.children()
                .filter(|c| c.has_tag_name((W, "trPr")))
                .flat_map(|c| c.children())
                .any(|c| c.has_tag_name((W, mark)))
        })
}

/// The texts inside `w:ins` (or `w:del`) elements, in order.
pub fn revisions(path: &Path, tag: &str) -> Vec<String> {
    let xml = document_xml(path);
    let doc = Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| {
            n.has_tag_name((W, tag)) && n.parent().is_some_and(|p| p.has_tag_name((W, "p")))
        })
        .map(|n| {
            n.descendants()
                .filter(|t| t.has_tag_name((W, "t")) || t.has_tag_name((W, "delText")))
                .filter_map(|t| t.text())
                .collect()
        })
        .collect()
}
