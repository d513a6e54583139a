//! Rewrites one XML part of the package as a stream of quick-xml events: ids
//! renumbered in reading order, property elements put in schema order, and the language and colour added to the document defaults.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, Writer};

use super::schema::{child_order, is_revision, rank};

/// Counters shared by all parts of one package, so ids are unique across them and
/// never depend on docx-rs's process-global (and racy) counters.
#[derive(Default)]
pub(super) struct Ids {
    revision: u32,
    paragraph: u32,
}

/// What to change in a part besides ids and order.
pub(super) struct Edits<'a> {
    /// `w:lang` (and black text) for the document defaults of styles.xml.
    pub default_lang: Option<&'a str>,
}

type Owned = Event<'static>;

/// A property element being collected until it closes, to be reordered as a whole.
struct Pending {
    events: Vec<Owned>,
    depth: usize,
    parent: Vec<u8>,
}

pub(super) fn rewrite(xml: &[u8], edits: &Edits, ids: &mut Ids) -> Result<Vec<u8>, XmlError> {
    let mut reader = Reader::from_reader(xml);
    let mut writer = Writer::new(Vec::with_capacity(xml.len() + xml.len() / 8));
    let mut buf = Vec::new();
    let mut open: Vec<Vec<u8>> = Vec::new();
    let mut pending: Option<Pending> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| XmlError(format!("at byte {}: {e}", reader.error_position())))?;
        if matches!(event, Event::Eof) {
            break;
        }
        let event = renumber(event.into_owned(), ids)?;
        buf.clear();
        if let Some(p) = pending.as_mut() {
            match &event {
                Event::Start(_) => p.depth += 1,
                Event::End(_) => p.depth -= 1,
                _ => {}
            }
            p.events.push(event);
            if p.depth == 0 {
                if let Some(p) = pending.take() {
                    write_all(&mut writer, finish_container(p, edits))?;
                }
            }
            continue;
        }
        let container = match &event {
            Event::Start(e) | Event::Empty(e) => child_order(e.name().as_ref()).is_some(),
            _ => false,
        };
        if container {
            let is_start = matches!(event, Event::Start(_));
            let p = Pending {
                events: vec![event],
                depth: usize::from(is_start),
                parent: open.last().cloned().unwrap_or_default(),
            };
            if is_start {
                pending = Some(p);
            } else {
                write_all(&mut writer, finish_container(p, edits))?;
            }
            continue;
        }
        match &event {
            Event::Start(e) => open.push(e.name().as_ref().to_vec()),
            Event::End(_) => {
                open.pop();
            }
            _ => {}
        }
        writer.write_event(event).map_err(XmlError::of)?;
    }
    if pending.is_some() {
        return Err(XmlError("it ends inside a property element".into()));
    }
    Ok(writer.into_inner())
}

/// Why a part could not be rewritten: what the XML reader or writer said.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("XML error {0}")]
pub(crate) struct XmlError(String);

impl XmlError {
    fn of(e: impl std::fmt::Display) -> XmlError {
        XmlError(e.to_string())
    }
}

fn write_all(writer: &mut Writer<Vec<u8>>, events: Vec<Owned>) -> Result<(), XmlError> {
    for e in events {
        writer.write_event(e).map_err(XmlError::of)?;
    }
    Ok(())
}

/// New paragraph ids (`w14:paraId`) and revision ids (`w:id`) in reading order.
fn renumber(event: Owned, ids: &mut Ids) -> Result<Owned, XmlError> {
    let (e, empty) = match event {
        Event::Start(e) => (e, false),
        Event::Empty(e) => (e, true),
        other => return Ok(other),
    };
    let name = e.name().as_ref().to_vec();
    let key: &[u8] = if name == b"w:p" {
        b"w14:paraId"
    } else if is_revision(&name) {
        b"w:id"
    } else {
        return Ok(wrap(e, empty));
    };
    let attrs: Vec<(Vec<u8>, Vec<u8>)> = e
        .attributes()
        .map(|a| {
            a.map(|a| (a.key.as_ref().to_vec(), a.value.to_vec()))
                .map_err(XmlError::of)
        })
        .collect::<Result<_, _>>()?;
    if !attrs.iter().any(|(k, _)| k == key) {
        return Ok(wrap(e, empty));
    }
    let value = if name == b"w:p" {
        ids.paragraph += 1;
        // paraId must stay below 0x80000000; Word writes it in upper case.
        format!("{:08X}", ids.paragraph & 0x7FFF_FFFF)
    } else {
        ids.revision += 1;
        ids.revision.to_string()
    };
    let mut out = e.clone();
    out.clear_attributes();
    for (k, v) in &attrs {
        let v = if k == key {
            value.as_bytes()
        } else {
            v.as_slice()
        };
        out.push_attribute((k.as_slice(), v));
    }
    Ok(wrap(out, empty))
}

fn wrap(e: BytesStart<'static>, empty: bool) -> Owned {
    if empty {
        Event::Empty(e)
    } else {
        Event::Start(e)
    }
}

/// A collected container, edited and put in schema order.
fn finish_container(p: Pending, edits: &Edits) -> Vec<Owned> {
    let (start, mut children) = split(p.events);
    let name = start.name().as_ref().to_vec();
    if let (Some(lang), b"w:rPr", b"w:rPrDefault") =
        (edits.default_lang, name.as_slice(), p.parent.as_slice())
    {
        children.retain(|c| !matches!(child_name(c).as_slice(), b"w:lang" | b"w:color"));
        let mut color = BytesStart::new("w:color");
        color.push_attribute(("w:val", "000000"));
        let mut l = BytesStart::new("w:lang");
        l.push_attribute(("w:val", lang));
        l.push_attribute(("w:eastAsia", lang));
        children.push(vec![Event::Empty(color)]);
        children.push(vec![Event::Empty(l)]);
    }
    assemble(start, children)
}

/// A complete element into its start tag and its child elements (each a complete
/// event list). Text between the children of a property element is only whitespace
/// and is dropped.
fn split(events: Vec<Owned>) -> (BytesStart<'static>, Vec<Vec<Owned>>) {
    let mut it = events.into_iter();
    let start = match it.next() {
        Some(Event::Start(s)) | Some(Event::Empty(s)) => s,
        _ => BytesStart::new("w:unknown"),
    };
    let mut children = Vec::new();
    let mut current = Vec::new();
    let mut depth = 0usize;
    for e in it {
        match &e {
            Event::Start(_) => {
                depth += 1;
                current.push(e);
            }
            Event::End(_) if depth == 0 => break, // the container's own end tag
            Event::End(_) => {
                depth -= 1;
                current.push(e);
                if depth == 0 {
                    children.push(std::mem::take(&mut current));
                }
            }
            Event::Empty(_) if depth == 0 => children.push(vec![e]),
            _ if depth == 0 => {}
            _ => current.push(e),
        }
    }
    (start, children)
}

fn child_name(child: &[Owned]) -> Vec<u8> {
    match child.first() {
        Some(Event::Start(e)) | Some(Event::Empty(e)) => e.name().as_ref().to_vec(),
        _ => Vec::new(),
    }
}

/// Children reordered (recursively for nested containers), then wrapped again.
fn assemble(start: BytesStart<'static>, children: Vec<Vec<Owned>>) -> Vec<Owned> {
    let name = start.name().as_ref().to_vec();
    let mut children: Vec<Vec<Owned>> = children
        .into_iter()
        .map(|c| {
            if c.len() > 1 && child_order(&child_name(&c)).is_some() {
                let (s, cc) = split(c);
                assemble(s, cc)
            } else {
                c
            }
        })
        .collect();
    if let Some(order) = child_order(&name) {
        children.sort_by_key(|c| rank(order, &child_name(c)));
    }
    if children.is_empty() {
        return vec![Event::Empty(start)];
    }
    let end = start.to_end().into_owned();
    let mut out = vec![Event::Start(start)];
    out.extend(children.into_iter().flatten());
    out.push(Event::End(end));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(xml: &str, edits: &Edits) -> String {
        let mut ids = Ids::default();
        String::from_utf8(rewrite(xml.as_bytes(), edits, &mut ids).unwrap()).unwrap()
    }

    const NONE: Edits = Edits { default_lang: None };

    #[test]
    fn properties_are_put_in_schema_order() {
        let out = run(
            r#"<w:r><w:rPr><w:sz w:val="28"/><w:rFonts w:ascii="T"/><w:b/></w:rPr><w:t>a &amp; b</w:t></w:r>"#,
            &NONE,
        );
        assert_eq!(
            out,
            r#"<w:r><w:rPr><w:rFonts w:ascii="T"/><w:b/><w:sz w:val="28"/></w:rPr><w:t>a &amp; b</w:t></w:r>"#
        );
    }

    #[test]
    fn ids_are_renumbered_in_order() {
        let out = run(
            r#"<w:p w14:paraId="0000abcd"><w:ins w:id="77" w:author="A &amp; B"><w:r/></w:ins><w:del w:id="3"/></w:p><w:p w14:paraId="00000001"/>"#,
            &NONE,
        );
        assert_eq!(
            out,
            r#"<w:p w14:paraId="00000001"><w:ins w:id="1" w:author="A &amp; B"><w:r/></w:ins><w:del w:id="2"/></w:p><w:p w14:paraId="00000002"/>"#
        );
    }

    #[test]
    fn default_language_goes_into_rpr_default_only() {
        let xml = r#"<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="28"/><w:lang w:val="en-US"/></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr/></w:style>"#;
        let out = run(
            xml,
            &Edits {
                default_lang: Some("vi-VN"),
            },
        );
        assert_eq!(
            out,
            r#"<w:docDefaults><w:rPrDefault><w:rPr><w:color w:val="000000"/><w:sz w:val="28"/><w:lang w:val="vi-VN" w:eastAsia="vi-VN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style><w:rPr/></w:style>"#
        );
    }

    #[test]
    fn malformed_xml_is_an_error() {
        let mut ids = Ids::default();
        assert!(rewrite(b"<w:p><w:pPr></w:p>", &NONE, &mut ids).is_err());
    }
}
