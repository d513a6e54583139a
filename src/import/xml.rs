//! A small, defensive XML tree for the parts of a DOCX package.
//!
//! Word parts are at most a few megabytes, so a tree is cheap and makes property
//! resolution (styles, numbering, sections) plain code. The reader is built to survive
//! hostile input: a DTD is refused outright (no entity can be defined, so none can
//! expand), only the five predefined entities and character references are accepted,
//! nesting is capped, and building is iterative, so a deep document cannot overflow the
//! stack. Names are kept without their prefix: Strict OOXML uses other namespace URIs
//! for the same local names, so matching on local names reads both.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Deeper nesting than any real part needs (a Word table in a table in a table … is
/// about 8 levels per table); beyond this the part is refused rather than walked.
pub(crate) const MAX_DEPTH: usize = 256;
/// The most elements and text nodes a part may hold once parsed (~120 bytes each, so at
/// most ~120 MB): a 100-page plan has a few hundred thousand, while 160 MiB of empty
/// `<w:p/>` from a 78 KB zip would be 27 million (3 GB).
pub(crate) const MAX_NODES: usize = 1_000_000;
/// What all the parts of one package may hold once parsed, elements, text nodes and
/// attributes together. Attributes cost ~170 bytes each, elements ~300 with their
/// vectors: without this a package of a few attribute-laden parts (8 million empty
/// attributes from a 0.5 MB zip) aborted the process under a 1.5 GB memory limit. The
/// largest plan kehoach renders (10 000 tasks) has ~1.1 million; Word's plans ~60 000.
pub(crate) const MAX_PACKAGE_ITEMS: usize = 2_500_000;

#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub(crate) enum XmlError {
    #[error("it declares a DTD (refused: entity definitions can expand without bound)")]
    Dtd,
    #[error("it uses the undefined entity `&{0};`")]
    Entity(String),
    #[error("it nests elements more than {MAX_DEPTH} deep")]
    TooDeep,
    #[error("nó có hơn {MAX_NODES} phần tử (đoạn, ô, đoạn chạy …), nhiều hơn mọi kế hoạch thật; tệp bị từ chối để không làm cạn bộ nhớ")]
    TooMany,
    #[error("gói DOCX có hơn {MAX_PACKAGE_ITEMS} phần tử và thuộc tính, nhiều hơn mọi kế hoạch thật; tệp bị từ chối để không làm cạn bộ nhớ")]
    PackageTooLarge,
    #[error("it is not well-formed XML: {0}")]
    Malformed(String),
}

impl Element {
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }

    /// `w:val`, the attribute most properties carry.
    pub fn val(&self) -> Option<&str> {
        self.attr("val")
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    pub(crate) fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first descendant with this name (depth-first), bounded by the tree's depth.
    pub fn find(&self, name: &str) -> Option<&Element> {
        for e in self.elements() {
            if e.name == name {
                return Some(e);
            }
            if let Some(found) = e.find(name) {
                return Some(found);
            }
        }
        None
    }

    /// Concatenated text of the direct text children (`w:t`, `w:instrText`).
    pub fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                out.push_str(t);
            }
        }
        out
    }

    /// An on/off property: present without `val`, or `val` not one of 0/false/off.
    pub(crate) fn is_on(&self) -> bool {
        !matches!(self.val(), Some("0" | "false" | "off" | "none"))
    }
}

fn local(name: &[u8]) -> String {
    let name = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(name).into_owned()
}

fn predefined(name: &str) -> Option<char> {
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => return None,
    })
}

/// Counts one element, text node or attribute against both ceilings.
struct Budget {
    nodes: usize,
    left: usize,
}

impl Budget {
    fn node(&mut self) -> Result<(), XmlError> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(XmlError::TooMany);
        }
        self.item()
    }

    fn item(&mut self) -> Result<(), XmlError> {
        self.left = self.left.checked_sub(1).ok_or(XmlError::PackageTooLarge)?;
        Ok(())
    }
}

fn start_element(
    e: &quick_xml::events::BytesStart,
    budget: &mut Budget,
) -> Result<Element, XmlError> {
    let mut attrs = Vec::new();
    for a in e.attributes().with_checks(false) {
        budget.item()?;
        let a = a.map_err(|e| XmlError::Malformed(e.to_string()))?;
        let value = a.unescape_value().map_err(|e| match e {
            quick_xml::Error::Escape(quick_xml::escape::EscapeError::UnrecognizedEntity(
                _,
                name,
            )) => XmlError::Entity(name),
            other => XmlError::Malformed(other.to_string()),
        })?;
        attrs.push((local(a.key.as_ref()), value.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
    })
}

/// Parses a whole part into its root element (the package reads through
/// [`parse_within`]).
#[cfg(test)]
pub fn parse(bytes: &[u8]) -> Result<Element, XmlError> {
    let mut left = MAX_PACKAGE_ITEMS;
    parse_within(bytes, &mut left)
}

/// [`parse`], counting the part's elements, text nodes and attributes against what is
/// `left` of its package's [`MAX_PACKAGE_ITEMS`].
pub fn parse_within(bytes: &[u8], left: &mut usize) -> Result<Element, XmlError> {
    let mut budget = Budget {
        nodes: 0,
        left: *left,
    };
    let root = parse_counted(bytes, &mut budget);
    *left = budget.left;
    root
}

fn parse_counted(bytes: &[u8], budget: &mut Budget) -> Result<Element, XmlError> {
    let mut reader = Reader::from_reader(bytes);
    reader.config_mut().check_end_names = true;
    // The stack holds the open elements; index 0 is a synthetic document node.
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut buf = Vec::new();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| XmlError::Malformed(e.to_string()))?;
        if matches!(event, Event::Start(_) | Event::Empty(_) | Event::Text(_)) {
            budget.node()?;
        }
        match event {
            Event::DocType(_) => return Err(XmlError::Dtd),
            Event::Start(e) => {
                if stack.len() > MAX_DEPTH {
                    return Err(XmlError::TooDeep);
                }
                stack.push(start_element(&e, budget)?);
            }
            Event::Empty(e) => {
                let el = start_element(&e, budget)?;
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Element(el));
                }
            }
            Event::End(_) => {
                if stack.len() < 2 {
                    return Err(XmlError::Malformed("unbalanced end tag".into()));
                }
                let done = stack.pop().expect("checked above");
                if let Some(top) = stack.last_mut() {
                    top.children.push(Node::Element(done));
                }
            }
            Event::Text(t) => {
                let text = t.decode().map_err(|e| XmlError::Malformed(e.to_string()))?;
                push_text(&mut stack, &text);
            }
            Event::CData(t) => {
                let text = String::from_utf8_lossy(&t).into_owned();
                push_text(&mut stack, &text);
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => {
                        let name = String::from_utf8_lossy(&r).into_owned();
                        predefined(&name).ok_or(XmlError::Entity(name))?
                    }
                    Err(e) => return Err(XmlError::Malformed(e.to_string())),
                };
                push_text(&mut stack, c.encode_utf8(&mut [0; 4]));
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
        buf.clear();
    }
    if stack.len() != 1 {
        return Err(XmlError::Malformed(
            "the part ends inside an element".into(),
        ));
    }
    let doc = stack.pop().expect("synthetic root");
    doc.children
        .into_iter()
        .find_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
        .ok_or_else(|| XmlError::Malformed("the part has no root element".into()))
}

/// Keeps text where it can matter (inside an element, not whitespace between elements
/// unless the element holds text itself, like `w:t`), merging adjacent pieces.
fn push_text(stack: &mut [Element], text: &str) {
    if stack.len() < 2 {
        return;
    }
    let Some(top) = stack.last_mut() else { return };
    let keeps_space = matches!(top.name.as_str(), "t" | "instrText" | "delText");
    if !keeps_space && text.trim().is_empty() {
        return;
    }
    match top.children.last_mut() {
        Some(Node::Text(prev)) => prev.push_str(text),
        _ => top.children.push(Node::Text(text.to_owned())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Defect 5: a part of millions of empty paragraphs stops at the ceiling.
    #[test]
    fn millions_of_empty_paragraphs_are_refused() {
        let xml = format!("<body>{}</body>", "<p/>".repeat(MAX_NODES + 1));
        assert_eq!(parse(xml.as_bytes()).unwrap_err(), XmlError::TooMany);
        let ok = format!("<body>{}</body>", "<p/>".repeat(1000));
        assert!(parse(ok.as_bytes()).is_ok());
    }

    /// Attributes count too, and the parts of one package share one ceiling.
    #[test]
    fn attributes_and_the_parts_of_a_package_share_a_ceiling() {
        let names: String = (0..100).map(|i| format!(" a{i}=\"\"")).collect();
        let element = format!("<x{names}/>");
        let part = |n: usize| format!("<r>{}</r>", element.repeat(n));
        // 30 000 elements of 100 attributes: 3 million items in one part.
        let big = part(30_000);
        assert_eq!(
            parse(big.as_bytes()).unwrap_err(),
            XmlError::PackageTooLarge
        );
        // 10 000 of them is a million items: one part passes, the third does not.
        let third = part(10_000);
        let mut left = MAX_PACKAGE_ITEMS;
        assert!(parse_within(third.as_bytes(), &mut left).is_ok());
        assert!(parse_within(third.as_bytes(), &mut left).is_ok());
        assert_eq!(
            parse_within(third.as_bytes(), &mut left).unwrap_err(),
            XmlError::PackageTooLarge
        );
    }

    #[test]
    fn reads_text_entities_and_local_names() {
        let root = parse(
            br#"<?xml version="1.0"?><w:p xmlns:w="x"><w:r><w:t xml:space="preserve"> A &amp; B &#7871;</w:t></w:r></w:p>"#,
        )
        .unwrap();
        assert_eq!(root.name, "p");
        let t = root.find("t").unwrap();
        assert_eq!(t.text(), " A & B ế");
        assert_eq!(t.attr("space"), Some("preserve"));
    }

    #[test]
    fn refuses_dtds_unknown_entities_and_depth() {
        let bomb = br#"<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">]><a>&lol;</a>"#;
        assert_eq!(parse(bomb).unwrap_err(), XmlError::Dtd);
        assert!(matches!(parse(b"<a>&lol;</a>"), Err(XmlError::Entity(_))));
        let deep = "<a>".repeat(MAX_DEPTH + 5) + &"</a>".repeat(MAX_DEPTH + 5);
        assert_eq!(parse(deep.as_bytes()).unwrap_err(), XmlError::TooDeep);
        assert!(parse(b"<a><b></a>").is_err());
        assert!(parse(b"").is_err());
    }
}
