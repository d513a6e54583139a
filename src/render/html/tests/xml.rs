//! A strict reading of the page as XML: what "well-formed" means for the tests.

use quick_xml::events::Event;
use quick_xml::Reader;

const VOID: [&str; 3] = ["meta", "br", "col"];

/// Parses the page as XML and returns its text content in order; `Err` says why not.
pub(super) fn xml_text(html: &str) -> Result<String, String> {
    // quick-xml passes entity references through as events; check them by hand.
    for (i, _) in html.match_indices('&') {
        let tail = &html[i..];
        if !["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
            .iter()
            .any(|e| tail.starts_with(e))
        {
            return Err(format!("bare & at {i}: {}", &tail[..tail.len().min(12)]));
        }
    }
    let mut reader = Reader::from_str(html);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<String> = Vec::new();
    let mut text = String::new();
    let mut roots = 0;
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if VOID.contains(&name.as_str()) {
                    return Err(format!("void <{name}> is not self-closed"));
                }
                for a in e.attributes().with_checks(true) {
                    a.map_err(|e| e.to_string())?
                        .unescape_value()
                        .map_err(|e| e.to_string())?;
                }
                if stack.is_empty() {
                    roots += 1;
                }
                stack.push(name);
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if stack.pop().as_deref() != Some(name.as_str()) {
                    return Err(format!("unbalanced </{name}>"));
                }
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if !VOID.contains(&name.as_str()) {
                    return Err(format!("<{name}/> is not a void element"));
                }
                if name == "br" {
                    text.push('\n');
                }
            }
            Event::Text(t) => {
                if stack.last().map(String::as_str) != Some("style") {
                    text.push_str(&t.decode().map_err(|e| e.to_string())?);
                }
            }
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                    Some(c) => c,
                    None => match &*r {
                        b"amp" => '&',
                        b"lt" => '<',
                        b"gt" => '>',
                        b"quot" => '"',
                        other => return Err(format!("entity {other:?}")),
                    },
                };
                text.push(c);
            }
            Event::CData(_) | Event::PI(_) => return Err("CDATA or PI".into()),
            Event::Eof => break,
            Event::Decl(_) | Event::Comment(_) | Event::DocType(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(format!("unclosed {stack:?}"));
    }
    if roots != 1 {
        return Err(format!("{roots} root elements"));
    }
    Ok(text)
}

#[test]
fn the_xml_check_can_fail() {
    assert!(xml_text("<html><p>a & b</p></html>").is_err());
    assert!(xml_text("<html><p>a</html>").is_err());
    assert!(xml_text("<html><meta charset=\"utf-8\"></html>").is_err());
    assert!(xml_text("<html><p/></html>").is_err());
    assert!(xml_text("<html>&nbsp;</html>").is_err());
    assert_eq!(xml_text("<html><br/>&lt;&#39;</html>").unwrap(), "\n<'");
}
