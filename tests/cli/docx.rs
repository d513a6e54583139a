//! Reads a DOCX the way a word processor would, enough to assert layout facts:
//! sections, and each paragraph's effective size, weight, style, alignment and text
//! (docDefaults → paragraph style chain → direct run/paragraph properties).

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use roxmltree::{Document, Node};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

pub struct Package {
    pub parts: BTreeMap<String, String>,
}

impl Package {
    pub fn open(path: &Path) -> Package {
        let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut zip = zip::ZipArchive::new(file).expect("a DOCX is a zip");
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let mut text = String::new();
            if entry.read_to_string(&mut text).is_ok() {
                parts.insert(entry.name().to_owned(), text);
            }
        }
        Package { parts }
    }

    pub fn part(&self, name: &str) -> &str {
        self.parts
            .get(name)
            .unwrap_or_else(|| panic!("no part {name}"))
    }
}

fn w<'a>(node: Node<'a, 'a>, name: &str) -> Option<Node<'a, 'a>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

fn attr(node: Node, name: &str) -> Option<String> {
    node.attribute((W, name)).map(str::to_owned)
}

fn toggle(node: Option<Node>) -> Option<bool> {
    node.map(|n| {
        !matches!(
            attr(n, "val").as_deref(),
            Some("0") | Some("false") | Some("off")
        )
    })
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Props {
    pub size: Option<u32>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub fonts: Vec<(String, String)>,
    pub jc: Option<String>,
    pub first_line: Option<i32>,
    pub before: Option<i32>,
    pub after: Option<i32>,
    pub line: Option<i32>,
}

impl Props {
    fn read_rpr(&mut self, rpr: Option<Node>) {
        let Some(rpr) = rpr else { return };
        if let Some(sz) = w(rpr, "sz").and_then(|n| attr(n, "val")) {
            self.size = sz.parse().ok();
        }
        if let Some(b) = toggle(w(rpr, "b")) {
            self.bold = Some(b);
        }
        if let Some(i) = toggle(w(rpr, "i")) {
            self.italic = Some(i);
        }
        if let Some(f) = w(rpr, "rFonts") {
            for a in f.attributes() {
                self.fonts.retain(|(k, _)| k != a.name());
                self.fonts.push((a.name().to_owned(), a.value().to_owned()));
            }
        }
    }

    fn read_ppr(&mut self, ppr: Option<Node>) {
        let Some(ppr) = ppr else { return };
        if let Some(jc) = w(ppr, "jc").and_then(|n| attr(n, "val")) {
            self.jc = Some(jc);
        }
        if let Some(ind) = w(ppr, "ind") {
            if let Some(v) = attr(ind, "firstLine") {
                self.first_line = v.parse().ok();
            }
        }
        if let Some(sp) = w(ppr, "spacing") {
            if let Some(v) = attr(sp, "before") {
                self.before = v.parse().ok();
            }
            if let Some(v) = attr(sp, "after") {
                self.after = v.parse().ok();
            }
            if let Some(v) = attr(sp, "line") {
                self.line = v.parse().ok();
            }
        }
    }
}

#[derive(Clone, Debug)]
pub struct Para {
    pub text: String,
    pub props: Props,
    /// (table index in document order, row, cell) for paragraphs in tables.
    pub cell: Option<(usize, usize, usize)>,
    pub section: usize,
}

#[derive(Clone, Debug, Default)]
pub struct Section {
    pub width: i32,
    pub height: i32,
    pub landscape: bool,
    pub margins: BTreeMap<String, i32>,
    pub title_pg: bool,
    pub page_start: Option<i32>,
    pub default_header: Option<String>,
    /// The default header's paragraphs, resolved like the body's.
    pub header_paras: Vec<Para>,
}

pub struct Layout {
    pub paragraphs: Vec<Para>,
    pub sections: Vec<Section>,
    pub defaults: Props,
}

/// Resolves every paragraph of `word/document.xml`.
pub fn layout(pkg: &Package) -> Layout {
    let styles_xml = pkg.part("word/styles.xml");
    let styles = Document::parse(styles_xml).expect("styles.xml parses");
    let mut defaults = Props::default();
    if let Some(dd) = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "docDefaults")))
    {
        if let Some(r) = dd.descendants().find(|n| n.has_tag_name((W, "rPr"))) {
            defaults.read_rpr(Some(r));
        }
        if let Some(p) = dd.descendants().find(|n| n.has_tag_name((W, "pPr"))) {
            defaults.read_ppr(Some(p));
        }
    }
    let style_nodes: BTreeMap<String, Node> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .filter_map(|n| attr(n, "styleId").map(|id| (id, n)))
        .collect();
    let resolve_style = |id: &str, props: &mut Props| {
        let mut chain = Vec::new();
        let mut cur = Some(id.to_owned());
        while let Some(c) = cur {
            let Some(node) = style_nodes.get(&c) else {
                break;
            };
            chain.push(*node);
            cur = w(*node, "basedOn").and_then(|b| attr(b, "val"));
            if chain.len() > 10 {
                break;
            }
        }
        for node in chain.iter().rev() {
            props.read_ppr(w(*node, "pPr"));
            props.read_rpr(w(*node, "rPr"));
        }
    };

    let doc_xml = pkg.part("word/document.xml");
    let doc = Document::parse(doc_xml).expect("document.xml parses");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "body")))
        .expect("a body");
    let mut paragraphs = Vec::new();
    let mut sections = Vec::new();
    let mut table_index = 0usize;
    let mut section = 0usize;
    for child in body.children().filter(|c| c.is_element()) {
        if child.has_tag_name((W, "p")) {
            let sect = child.descendants().find(|n| n.has_tag_name((W, "sectPr")));
            paragraphs.push(read_para(child, None, section, &defaults, &resolve_style));
            if let Some(s) = sect {
                sections.push(read_section(s, pkg));
                section += 1;
            }
        } else if child.has_tag_name((W, "tbl")) {
            for (r, row) in child
                .children()
                .filter(|n| n.has_tag_name((W, "tr")))
                .enumerate()
            {
                for (c, cell) in row
                    .children()
                    .filter(|n| n.has_tag_name((W, "tc")))
                    .enumerate()
                {
                    for p in cell.descendants().filter(|n| n.has_tag_name((W, "p"))) {
                        paragraphs.push(read_para(
                            p,
                            Some((table_index, r, c)),
                            section,
                            &defaults,
                            &resolve_style,
                        ));
                    }
                }
            }
            table_index += 1;
        } else if child.has_tag_name((W, "sectPr")) {
            sections.push(read_section(child, pkg));
        }
    }
    for s in &mut sections {
        if let Some(xml) = &s.default_header {
            let hdr = Document::parse(xml).expect("header parses");
            s.header_paras = hdr
                .descendants()
                .filter(|n| n.has_tag_name((W, "p")))
                .map(|p| read_para(p, None, 0, &defaults, &resolve_style))
                .collect();
        }
    }
    Layout {
        paragraphs,
        sections,
        defaults,
    }
}

fn read_para(
    p: Node,
    cell: Option<(usize, usize, usize)>,
    section: usize,
    defaults: &Props,
    resolve_style: &dyn Fn(&str, &mut Props),
) -> Para {
    let mut props = defaults.clone();
    let ppr = w(p, "pPr");
    if let Some(style) = ppr
        .and_then(|pp| w(pp, "pStyle"))
        .and_then(|s| attr(s, "val"))
    {
        resolve_style(&style, &mut props);
    }
    props.read_ppr(ppr);
    // Paragraph mark run properties describe the paragraph's own look in empty paragraphs.
    let mut text = String::new();
    let mut first_run = true;
    for r in p.descendants().filter(|n| n.has_tag_name((W, "r"))) {
        let in_deleted = r.ancestors().any(|a| a.has_tag_name((W, "del")));
        if in_deleted {
            continue;
        }
        let run_text: String = r
            .children()
            .filter_map(|c| {
                if c.has_tag_name((W, "t")) {
                    c.text().map(str::to_owned)
                } else if c.has_tag_name((W, "tab")) {
                    Some("\t".to_owned())
                } else if c.has_tag_name((W, "br")) {
                    Some("\n".to_owned())
                } else {
                    None
                }
            })
            .collect();
        if first_run && !run_text.trim().is_empty() {
            // The first visible run's properties stand for the paragraph's text.
            if let Some(style) = w(r, "rPr")
                .and_then(|rp| w(rp, "rStyle"))
                .and_then(|s| attr(s, "val"))
            {
                resolve_style(&style, &mut props);
            }
            props.read_rpr(w(r, "rPr"));
            first_run = false;
        }
        text.push_str(&run_text);
    }
    Para {
        text,
        props,
        cell,
        section,
    }
}

fn read_section(s: Node, pkg: &Package) -> Section {
    let mut out = Section::default();
    if let Some(sz) = w(s, "pgSz") {
        out.width = attr(sz, "w").and_then(|v| v.parse().ok()).unwrap_or(0);
        out.height = attr(sz, "h").and_then(|v| v.parse().ok()).unwrap_or(0);
        out.landscape = attr(sz, "orient").as_deref() == Some("landscape");
    }
    if let Some(m) = w(s, "pgMar") {
        for a in m.attributes() {
            if let Ok(v) = a.value().parse() {
                out.margins.insert(a.name().to_owned(), v);
            }
        }
    }
    out.title_pg = toggle(w(s, "titlePg")).unwrap_or(false);
    out.page_start = w(s, "pgNumType")
        .and_then(|n| attr(n, "start"))
        .and_then(|v| v.parse().ok());
    let rels = pkg
        .parts
        .get("word/_rels/document.xml.rels")
        .cloned()
        .unwrap_or_default();
    if let Some(h) = s.children().find(|n| {
        n.has_tag_name((W, "headerReference")) && attr(*n, "type").as_deref() == Some("default")
    }) {
        let rid = h
            .attribute((
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
                "id",
            ))
            .unwrap_or_default();
        let rels_doc = Document::parse(&rels).ok();
        let target = rels_doc.as_ref().and_then(|d| {
            d.descendants()
                .find(|n| n.attribute("Id") == Some(rid))
                .and_then(|n| n.attribute("Target").map(str::to_owned))
        });
        out.default_header = target.and_then(|t| pkg.parts.get(&format!("word/{t}")).cloned());
    }
    out
}
