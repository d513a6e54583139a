//! Reading a rendered package back: its parts and a small element tree per XML part.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use quick_xml::Reader;

use crate::document::Document;
use crate::profile::Profile;
use crate::render::docx::DocxRenderer;
use crate::render::{Prepared, RenderContext, Renderer};

pub fn render(doc: &Document) -> Vec<u8> {
    let prepared = Prepared::new(Profile::nd30());
    let templates = tera::Tera::default();
    DocxRenderer
        .render(doc, &RenderContext::new(&prepared, &templates))
        .expect("renders")
        .bytes
}

/// Every entry of the zip, by name, in the order the archive lists them.
pub(crate) fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

pub struct Package {
    pub parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    pub fn of(doc: &Document) -> Package {
        Package {
            parts: unzip(&render(doc)).into_iter().collect(),
        }
    }

    /// The root element of a part.
    pub fn xml(&self, name: &str) -> Node {
        let part = self.parts.get(name);
        let doc = parse(part.unwrap_or_else(|| panic!("no part {name}")));
        doc.children.into_iter().next().expect("a root element")
    }

    pub fn document(&self) -> Node {
        self.xml("word/document.xml")
    }

    pub fn styles(&self) -> Node {
        self.xml("word/styles.xml")
    }

    /// The part a relationship id of the document points at.
    pub fn target(&self, rid: &str) -> String {
        let rels = self.xml("word/_rels/document.xml.rels");
        let rel = rels
            .all("Relationship")
            .into_iter()
            .find(|r| r.attr("Id") == Some(rid))
            .unwrap_or_else(|| panic!("no relationship {rid}"));
        format!("word/{}", rel.attr("Target").unwrap())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Node {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub text: String,
}

/// A strict parse: any XML error fails the test.
pub fn parse(xml: &[u8]) -> Node {
    let mut reader = Reader::from_reader(xml);
    let mut stack = vec![Node {
        name: "#document".into(),
        ..Node::default()
    }];
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).expect("well-formed XML");
        match event {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let n = element(&e);
                stack.last_mut().unwrap().children.push(n);
            }
            Event::End(_) => {
                let n = stack.pop().unwrap();
                stack.last_mut().expect("balanced").children.push(n);
            }
            Event::Text(t) => stack.last_mut().unwrap().text += &t.decode().unwrap(),
            Event::GeneralRef(r) => {
                let name = r.decode().unwrap().into_owned();
                let s = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&name)
                        .expect("only predefined entities")
                        .to_string(),
                };
                stack.last_mut().unwrap().text += &s;
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    stack.pop().unwrap()
}

fn element(e: &quick_xml::events::BytesStart) -> Node {
    Node {
        name: String::from_utf8(e.name().as_ref().to_vec()).unwrap(),
        attrs: e
            .attributes()
            .map(|a| {
                let a = a.expect("valid attribute");
                (
                    String::from_utf8(a.key.as_ref().to_vec()).unwrap(),
                    a.unescape_value().expect("valid value").into_owned(),
                )
            })
            .collect(),
        ..Node::default()
    }
}

impl Node {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn attr_i64(&self, name: &str) -> i64 {
        self.attr(name)
            .unwrap_or_else(|| panic!("{} has no {name}", self.name))
            .parse()
            .unwrap()
    }

    pub fn child(&self, name: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn has(&self, name: &str) -> bool {
        self.child(name).is_some()
    }

    /// The value of `<name w:val=…>` among the children.
    pub fn val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("w:val"))
    }

    /// All descendants named `name`, in document order.
    pub fn all(&self, name: &str) -> Vec<&Node> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a Node>) {
        for c in &self.children {
            if c.name == name {
                out.push(c);
            }
            c.collect(name, out);
        }
    }

    /// The visible text (w:t, tabs, breaks) of a paragraph or any element.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.text_into(&mut s);
        s
    }

    fn text_into(&self, s: &mut String) {
        match self.name.as_str() {
            "w:t" | "w:delText" => s.push_str(&self.text),
            "w:tab" => s.push('\t'),
            "w:br" => s.push('\n'),
            _ => self.children.iter().for_each(|c| c.text_into(s)),
        }
    }

    pub(crate) fn style_id(&self) -> Option<&str> {
        self.child("w:pPr").and_then(|p| p.val("w:pStyle"))
    }
}

/// The body's paragraphs whose text is exactly `text`.
pub(crate) fn para_with_text<'a>(doc: &'a Node, text: &str) -> &'a Node {
    doc.all("w:p")
        .into_iter()
        .find(|p| p.text() == text)
        .unwrap_or_else(|| panic!("no paragraph {text:?}"))
}

/// The style element of `id` in styles.xml.
pub fn style<'a>(styles: &'a Node, id: &str) -> &'a Node {
    styles
        .all("w:style")
        .into_iter()
        .find(|s| s.attr("w:styleId") == Some(id))
        .unwrap_or_else(|| panic!("no style {id}"))
}
