//! Structural checks on rendered bytes: a DOCX is a package a word processor can open,
//! an HTML page is well-formed. The pipeline checks every DOCX it renders
//! ([`crate::pipeline::Engine::render`], the parts every package shares checked once when
//! the engine is built: `KnownParts`), so a renderer bug becomes an error message in
//! `render` and `export` alike instead of a broken file in an archive; the fuzz drivers
//! and property tests run both checks on every input.
//!
//! These are structural checks (zip, XML well-formedness, content types, relationships),
//! not schema validation: they catch what makes Word or LibreOffice refuse a file.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::Path;

use crate::compose::ComposeOptions;
use crate::pipeline::{check_loaded, Engine};
use crate::render::Format;

/// Why rendered bytes are not a sound file: the part (zip entry) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{part}: {reason}")]
pub struct Malformed {
    pub part: String,
    pub reason: String,
}

fn malformed(part: &str, reason: impl ToString) -> Malformed {
    Malformed {
        part: part.to_owned(),
        reason: reason.to_string(),
    }
}

const CONTENT_TYPES: &str = "[Content_Types].xml";

/// Checks a DOCX package: a readable zip with safe entry names; every `.xml` and `.rels`
/// part well-formed XML; `[Content_Types].xml` giving a type to every part; every
/// internal relationship target present.
pub fn docx_package(bytes: &[u8]) -> Result<(), Malformed> {
    check_docx(bytes, &[]).map(drop)
}

/// [`docx_package`], trusting the XML of the parts one of `known` holds (same name,
/// and the CRC-32 and size the zip directory gives): those are not inflated and parsed
/// again. The zip directory is always checked; the content types and relationships
/// too, unless every part is trusted, the names are exactly those of a package checked
/// whole and the content types and relationships are that package's own bytes (then
/// they hold as they did); every other part's XML as in [`docx_package`].
pub(crate) fn docx_package_known(bytes: &[u8], known: &[&KnownParts]) -> Result<(), Malformed> {
    check_docx(bytes, known).map(drop)
}

/// Parts whose XML passed the checks of [`docx_package`], by name and content. The
/// pipeline checks the parts every DOCX shares (styles, numbering, settings, headers …)
/// once, when the engine is built; the DOCX renderer checks the parts it writes for a
/// document as text, before deflating them. The package check then reads neither
/// again.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct KnownParts {
    parts: BTreeMap<String, PartId>,
    /// Whether `parts` are every part of a package that passed [`docx_package`]: its
    /// content types and relationships then hold for a package of exactly these names.
    whole: bool,
}

/// A part's content as the zip directory describes it: the CRC-32 and size of its
/// uncompressed bytes (those the reader checks when it inflates the part).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct PartId {
    crc32: u32,
    size: u64,
}

impl KnownParts {
    /// Checks `bytes` in full ([`docx_package`]) and remembers its parts.
    pub(crate) fn of_package(bytes: &[u8]) -> Result<KnownParts, Malformed> {
        check_docx(bytes, &[])
    }

    /// Checks `text`, about to be zipped as the XML part `name`, as [`docx_package`]
    /// checks such a part, and remembers it.
    pub(crate) fn check_text(&mut self, name: &str, text: &str) -> Result<(), Malformed> {
        well_formed(name, text)?;
        let mut crc = flate2::Crc::new();
        crc.update(text.as_bytes());
        let id = PartId {
            crc32: crc.sum(),
            size: text.len() as u64,
        };
        self.parts.insert(name.to_owned(), id);
        Ok(())
    }

    fn vouches_for(&self, name: &str, id: PartId) -> bool {
        self.parts.get(name) == Some(&id)
    }

    /// Whether a part of this name was checked.
    #[cfg(test)]
    pub(crate) fn contains(&self, name: &str) -> bool {
        self.parts.contains_key(name)
    }
}

fn check_docx(bytes: &[u8], known: &[&KnownParts]) -> Result<KnownParts, Malformed> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| malformed("zip", e))?;
    let mut seen = directory(&mut zip)?;
    let vouched = |name: &str, id: PartId| known.iter().any(|k| k.vouches_for(name, id));
    // A package whose every part is one already checked, under the names of a package
    // checked whole and with that package's content types and relationships, passes
    // the checks across parts as that one did: the same bytes, about the same parts.
    let same_package = |k: &&KnownParts| {
        k.whole
            && k.parts.keys().eq(seen.parts.keys())
            && (seen.parts.iter())
                .filter(|(n, _)| is_across(n))
                .all(|(n, id)| k.vouches_for(n, *id))
    };
    if seen.parts.iter().all(|(n, id)| vouched(n, *id)) && known.iter().any(same_package) {
        seen.whole = true;
        return Ok(seen);
    }
    let parts = read_parts(&mut zip, &seen, vouched)?;
    // The parts whose content is checked against the package (content types,
    // relationships) are read into a tree; the others only need to be well-formed.
    let mut xml: BTreeMap<&str, roxmltree::Document> = BTreeMap::new();
    for (name, data) in &parts {
        let Some(data) = data else { continue };
        if name.ends_with(".xml") || name.ends_with(".rels") {
            let text = std::str::from_utf8(data).map_err(|e| malformed(name, e))?;
            if is_across(name) {
                xml.insert(name, parse_xml(name, text)?);
            } else {
                well_formed(name, text)?;
            }
        }
    }
    let types = xml
        .get(CONTENT_TYPES)
        .ok_or_else(|| malformed(CONTENT_TYPES, "missing"))?;
    check_content_types(types, &parts)?;
    for (name, doc) in &xml {
        if let Some(source) = rels_source(name) {
            check_relationships(name, &source, doc, &parts)?;
        }
    }
    for required in ["_rels/.rels", "word/document.xml"] {
        if !parts.contains_key(required) {
            return Err(malformed(required, "missing"));
        }
    }
    seen.whole = true;
    Ok(seen)
}

/// Whether a part says something about the others (the content types, the
/// relationships): such parts are checked against the package, not only as XML.
fn is_across(name: &str) -> bool {
    name == CONTENT_TYPES || name.ends_with(".rels")
}

/// Checks an HTML page: well-formed XML (the renderer writes XHTML-compatible HTML, so
/// a strict XML parser is a fair judge) with `<html>` as its root.
pub fn html_page(html: &str) -> Result<(), Malformed> {
    let doc = parse_xml("html", html)?;
    let root = doc.root_element().tag_name().name();
    if root != "html" {
        return Err(malformed("html", format!("root element is <{root}>")));
    }
    Ok(())
}

/// Whether `text` is well-formed XML, read as a stream of events (no tree: the body of
/// a long plan is most of what every render checks): tags balanced and named alike,
/// attributes well-formed and not repeated, entity references only XML's five or
/// character references, one root element and no text outside it.
fn well_formed(part: &str, text: &str) -> Result<(), Malformed> {
    use quick_xml::events::Event;
    if let Some(c) = forbidden_char(text) {
        return Err(malformed(
            part,
            format!("character U+{:04X} is not allowed in XML", u32::from(c)),
        ));
    }
    let mut reader = quick_xml::Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let (mut depth, mut roots) = (0usize, 0usize);
    let attributes = |e: &quick_xml::events::BytesStart| -> Result<(), Malformed> {
        for a in e.attributes().with_checks(true) {
            a.map_err(|e| malformed(part, e))?;
        }
        Ok(())
    };
    loop {
        match reader.read_event().map_err(|e| malformed(part, e))? {
            Event::Start(e) => {
                roots += usize::from(depth == 0);
                depth += 1;
                attributes(&e)?;
            }
            Event::Empty(e) => {
                roots += usize::from(depth == 0);
                attributes(&e)?;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            Event::GeneralRef(r) => {
                if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| malformed(part, e))?;
                } else if !matches!(&*r, b"lt" | b"gt" | b"amp" | b"apos" | b"quot") {
                    return Err(malformed(
                        part,
                        format!("undefined entity &{};", String::from_utf8_lossy(&r)),
                    ));
                }
            }
            Event::Text(t) if depth == 0 && !t.iter().all(u8::is_ascii_whitespace) => {
                return Err(malformed(part, "text outside the root element"));
            }
            Event::Eof => break,
            _ => {}
        }
    }
    match (depth, roots) {
        (0, 1) => Ok(()),
        (0, _) => Err(malformed(part, "not exactly one root element")),
        _ => Err(malformed(part, "an element is not closed")),
    }
}

/// The first character XML 1.0 does not allow (controls but tab and line ends; U+FFFE,
/// U+FFFF): Word refuses a file holding one. In UTF-8 these are the single bytes below
/// 0x20 and the sequences EF BF BE and EF BF BF, so bytes are searched, not characters.
fn forbidden_char(text: &str) -> Option<char> {
    let bytes = text.as_bytes();
    let control = bytes
        .iter()
        .position(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
    let nonchar = ["\u{FFFE}", "\u{FFFF}"]
        .iter()
        .filter_map(|c| memchr::memmem::find(bytes, c.as_bytes()))
        .min();
    let first = control.into_iter().chain(nonchar).min()?;
    text[first..].chars().next()
}

fn parse_xml<'a>(part: &str, text: &'a str) -> Result<roxmltree::Document<'a>, Malformed> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| malformed(part, e))
}

/// What the zip directory says of each part. Entry names must be relative and stay
/// inside the package: a zip whose names climb out (`../x`) is refused by unzip tools
/// and archives.
fn directory(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<KnownParts, Malformed> {
    let mut seen = KnownParts::default();
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).map_err(|e| malformed("zip", e))?;
        let name = entry.name().to_owned();
        if entry.enclosed_name().is_none() || name.starts_with('/') {
            return Err(malformed(&name, "entry name leaves the package"));
        }
        if entry.is_dir() {
            continue;
        }
        let id = PartId {
            crc32: entry.crc32(),
            size: entry.size(),
        };
        if seen.parts.insert(name.clone(), id).is_some() {
            return Err(malformed(&name, "duplicate entry"));
        }
    }
    Ok(seen)
}

/// The package's parts by name, with their bytes unless they are `vouched` for. The
/// content types and relationships are read whatever: the checks across parts need
/// them.
fn read_parts(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    seen: &KnownParts,
    vouched: impl Fn(&str, PartId) -> bool,
) -> Result<Parts, Malformed> {
    let mut parts = Parts::new();
    for (name, &id) in &seen.parts {
        let data = if !is_across(name) && vouched(name, id) {
            None
        } else {
            let mut entry = zip.by_name(name).map_err(|e| malformed(name, e))?;
            let mut data = Vec::new();
            entry
                .read_to_end(&mut data)
                .map_err(|e| malformed(name, e))?;
            Some(data)
        };
        parts.insert(name.clone(), data);
    }
    Ok(parts)
}

/// A package's parts by name; `None` for a part not read again.
type Parts = BTreeMap<String, Option<Vec<u8>>>;

fn check_content_types(types: &roxmltree::Document, parts: &Parts) -> Result<(), Malformed> {
    let mut defaults = BTreeSet::new();
    let mut overrides = BTreeSet::new();
    for node in types.root_element().children().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "Default" => {
                if let Some(ext) = node.attribute("Extension") {
                    defaults.insert(ext.to_ascii_lowercase());
                }
            }
            "Override" => {
                if let Some(name) = node.attribute("PartName") {
                    overrides.insert(name.trim_start_matches('/').to_ascii_lowercase());
                }
            }
            _ => {}
        }
    }
    for name in parts.keys().filter(|n| n.as_str() != CONTENT_TYPES) {
        // By the text after the last dot of the file name: `_rels/.rels` has extension
        // `rels` for OPC, though `Path::extension` sees a dot-file without one.
        let file = name.rsplit('/').next().unwrap_or(name);
        let ext = file
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        if !overrides.contains(&name.to_ascii_lowercase()) && !defaults.contains(&ext) {
            return Err(malformed(
                CONTENT_TYPES,
                format!("no content type for {name}"),
            ));
        }
    }
    Ok(())
}

/// The part a `.rels` part describes: `word/_rels/document.xml.rels` → `word/document.xml`,
/// `_rels/.rels` → the package root (`""`).
fn rels_source(name: &str) -> Option<String> {
    let (folder, file) = match name.rsplit_once("_rels/") {
        Some((folder, file)) => (folder, file),
        None => return None,
    };
    let source = file.strip_suffix(".rels")?;
    Some(format!("{folder}{source}"))
}

fn check_relationships(
    rels_name: &str,
    source: &str,
    rels: &roxmltree::Document,
    parts: &Parts,
) -> Result<(), Malformed> {
    let base = match source.rsplit_once('/') {
        Some((folder, _)) => format!("{folder}/"),
        None => String::new(),
    };
    let mut ids = BTreeSet::new();
    for rel in rels
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("Relationship"))
    {
        let id = rel.attribute("Id").unwrap_or("");
        if !ids.insert(id) {
            return Err(malformed(
                rels_name,
                format!("duplicate relationship id {id:?}"),
            ));
        }
        if rel.attribute("TargetMode") == Some("External") {
            continue;
        }
        let target = rel.attribute("Target").unwrap_or("");
        let resolved = match target.strip_prefix('/') {
            Some(absolute) => absolute.to_owned(),
            None => resolve(&base, target),
        };
        if !parts.contains_key(&resolved) {
            return Err(malformed(
                rels_name,
                format!("relationship {id} points to missing part {target}"),
            ));
        }
    }
    Ok(())
}

/// `base` (a folder ending in `/`, or empty) joined with a relative target, `..` and `.`
/// resolved.
fn resolve(base: &str, target: &str) -> String {
    let mut segments: Vec<&str> = base.split('/').filter(|s| !s.is_empty()).collect();
    for segment in target.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            s => segments.push(s),
        }
    }
    segments.join("/")
}

/// What the whole pipeline did with some bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PipelineOutcome {
    /// Load or compose refused the plan with these diagnostic codes (a fine answer).
    Refused(Vec<&'static str>),
    /// Both formats rendered and passed the checks above. `check_errors` are the rule ids
    /// `check` raised: the CLI would have stopped there, the renderers were run anyway.
    Rendered {
        docx: Vec<u8>,
        html: Vec<u8>,
        check_errors: Vec<&'static str>,
    },
}

/// Runs bytes through load → check → compose → render (DOCX and HTML, in memory) and
/// checks the outputs. The shared target of the fuzz drivers (cargo-fuzz and the stable
/// one in `tests/fuzz_smoke.rs`): a refusal is fine; a render error or a malformed output
/// is a bug; a panic is a bug the caller sees.
///
/// Plans that `check` refuses are still composed and rendered: the renderers must hold
/// up on anything the schema accepts (control characters, bidi overrides …), since
/// `check`'s rules are policy and change, and other commands render unchecked plans.
pub fn pipeline_on_bytes(engine: &Engine, bytes: &[u8]) -> Result<PipelineOutcome, Malformed> {
    let loaded = match crate::load::load_bytes(Path::new("fuzz.yaml"), bytes) {
        Ok(l) => l,
        Err(f) => return Ok(refused(&f.diagnostics)),
    };
    let plan = loaded.plan.clone();
    let checked = check_loaded(loaded);
    let check_errors = error_codes(&checked.report.diagnostics);
    let doc = match engine.compose(&plan, ComposeOptions::default()) {
        Ok(d) => d,
        Err(f) => return Ok(refused(&f.diagnostics)),
    };
    // The engine checks the package itself; a damaged one is reported as such.
    let docx = engine.render(&doc, Format::Docx).map_err(|e| match e {
        crate::render::RenderError::Damaged(m) => m,
        e => malformed("render docx", e),
    })?;
    let html = engine
        .render(&doc, Format::Html)
        .map_err(|e| malformed("render html", e))?;
    let html_text = std::str::from_utf8(&html).map_err(|e| malformed("html", e))?;
    html_page(html_text)?;
    Ok(PipelineOutcome::Rendered {
        docx,
        html,
        check_errors,
    })
}

fn error_codes(diagnostics: &[crate::diag::Diagnostic]) -> Vec<&'static str> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.code)
        .collect()
}

fn refused(diagnostics: &[crate::diag::Diagnostic]) -> PipelineOutcome {
    PipelineOutcome::Refused(error_codes(diagnostics))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_of(parts: &[(&str, &str)]) -> Vec<u8> {
        let mut out = Cursor::new(Vec::new());
        let mut zip = zip::ZipWriter::new(&mut out);
        for (name, text) in parts {
            zip.start_file(*name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
        out.into_inner()
    }

    const TYPES: &str = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="a"/><Override PartName="/word/document.xml" ContentType="b"/></Types>"#;
    const ROOT_RELS: &str = r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="t" Target="word/document.xml"/></Relationships>"#;

    #[test]
    fn a_minimal_package_passes_and_each_defect_is_named() {
        let good = [
            (CONTENT_TYPES, TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("word/document.xml", "<w:document xmlns:w=\"w\"/>"),
        ];
        assert_eq!(docx_package(&zip_of(&good)), Ok(()));

        let mut broken_xml = good;
        broken_xml[2].1 = "<w:document xmlns:w=\"w\">\u{1}</w:document>";
        assert_eq!(
            docx_package(&zip_of(&broken_xml)).unwrap_err().part,
            "word/document.xml"
        );

        let mut untyped = good.to_vec();
        untyped.push(("word/styles.xml", "<x/>"));
        assert!(docx_package(&zip_of(&untyped))
            .unwrap_err()
            .reason
            .contains("styles.xml"));

        let mut dangling = good;
        dangling[1].1 = r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="t" Target="word/nope.xml"/></Relationships>"#;
        assert!(docx_package(&zip_of(&dangling))
            .unwrap_err()
            .reason
            .contains("nope.xml"));

        assert_eq!(docx_package(b"PK not a zip").unwrap_err().part, "zip");
    }

    #[test]
    fn relationship_targets_resolve_relative_to_their_part() {
        assert_eq!(
            rels_source("word/_rels/document.xml.rels").unwrap(),
            "word/document.xml"
        );
        assert_eq!(rels_source("_rels/.rels").unwrap(), "");
        assert_eq!(resolve("word/", "styles.xml"), "word/styles.xml");
        assert_eq!(
            resolve("word/", "../docProps/core.xml"),
            "docProps/core.xml"
        );
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
    }

    /// The streaming check gives roxmltree's verdict (the tree parser it replaces for
    /// the body) on each way a part can be broken.
    #[test]
    fn the_streaming_check_agrees_with_a_tree_parser() {
        let samples = [
            (
                "<w:d xmlns:w=\"w\"><w:p a=\"1\">x &amp; &#7871;</w:p></w:d>",
                true,
            ),
            ("<?xml version=\"1.0\"?>\n<a><b/></a>\n", true),
            ("<a><b></a></b>", false),
            ("<a>&nbsp;</a>", false),
            ("<a/><b/>", false),
            ("<a><b>", false),
            ("<a x=\"1\" x=\"2\"/>", false),
            ("text<a/>", false),
            ("<a>\u{1}</a>", false),
            ("<a>&#0;</a>", false),
            ("", false),
        ];
        for (xml, good) in samples {
            assert_eq!(well_formed("p", xml).is_ok(), good, "{xml:?}");
            assert_eq!(parse_xml("p", xml).is_ok(), good, "roxmltree on {xml:?}");
        }
    }

    /// A part checked as text is trusted in the package only with the same bytes.
    #[test]
    fn a_part_checked_as_text_is_trusted_by_its_crc_and_size() {
        let body = "<w:document xmlns:w=\"w\"/>";
        let mut written = KnownParts::default();
        assert!(written
            .check_text("word/document.xml", "<w:document>\u{1}")
            .is_err());
        written.check_text("word/document.xml", body).unwrap();
        let package = |body: &str| {
            zip_of(&[
                (CONTENT_TYPES, TYPES),
                ("_rels/.rels", ROOT_RELS),
                ("word/document.xml", body),
            ])
        };
        assert_eq!(docx_package_known(&package(body), &[&written]), Ok(()));
        // Other bytes under the same name are read and checked.
        let other = "<w:document xmlns:w=\"w\"><x></w:document>";
        assert_eq!(
            docx_package_known(&package(other), &[&written])
                .unwrap_err()
                .part,
            "word/document.xml"
        );
    }

    /// A package made of checked parts skips the checks across parts only under the
    /// names, and with the content types and relationships, of a package checked whole:
    /// one more part must have its content type, one fewer may leave a relationship
    /// dangling, other relationships may point elsewhere.
    #[test]
    fn only_a_checked_package_skips_the_checks_across_parts() {
        let good = [
            (CONTENT_TYPES, TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("word/document.xml", "<w:document xmlns:w=\"w\"/>"),
        ];
        let known = KnownParts::of_package(&zip_of(&good)).unwrap();
        assert!(known.whole);
        assert_eq!(docx_package_known(&zip_of(&good), &[&known]), Ok(()));
        let mut more = good.to_vec();
        more.push(("word/styles.xml", "<x/>"));
        let err = docx_package_known(&zip_of(&more), &[&known]).unwrap_err();
        assert!(err.reason.contains("styles.xml"), "{err}");
        let fewer = &good[..2];
        let err = docx_package_known(&zip_of(fewer), &[&known]).unwrap_err();
        assert!(err.reason.contains("word/document.xml"), "{err}");
        // Parts checked as text are not a package checked whole.
        let mut written = KnownParts::default();
        for (name, text) in good {
            written.check_text(name, text).unwrap();
        }
        assert!(!written.whole);
        let mut untyped = good.to_vec();
        untyped[0].1 = r#"<Types xmlns="t"/>"#;
        let mut written = KnownParts::default();
        for (name, text) in &untyped {
            written.check_text(name, text).unwrap();
        }
        assert!(docx_package_known(&zip_of(&untyped), &[&written]).is_err());
        // Relationships checked only as text, beside a whole package of the same
        // names, are still checked against the package.
        let mut dangling = good.to_vec();
        dangling[1].1 = r#"<Relationships xmlns="r"><Relationship Id="rId1" Type="t" Target="word/gone.xml"/></Relationships>"#;
        let mut written = KnownParts::default();
        for (name, text) in &dangling {
            written.check_text(name, text).unwrap();
        }
        let err = docx_package_known(&zip_of(&dangling), &[&known, &written]).unwrap_err();
        assert!(err.reason.contains("word/gone.xml"), "{err}");
    }

    #[test]
    fn forbidden_characters_are_found_where_they_are() {
        for c in (0..0x20).chain([0xFFFE, 0xFFFF]).filter_map(char::from_u32) {
            let text = format!("<a>ế{c}\u{FFFD}</a>");
            let allowed = matches!(c, '\t' | '\n' | '\r');
            assert_eq!(forbidden_char(&text), (!allowed).then_some(c), "{c:?}");
        }
        assert_eq!(forbidden_char("a\u{FFFF}b\u{1}"), Some('\u{FFFF}'));
        assert_eq!(forbidden_char("a\u{1}b\u{FFFE}"), Some('\u{1}'));
        assert_eq!(forbidden_char("\u{FFFD}\u{EFBF}ự"), None);
    }

    #[test]
    fn html_must_be_well_formed() {
        assert!(html_page("<!DOCTYPE html><html><body><p>a &amp; b</p></body></html>").is_ok());
        assert!(html_page("<html><p>a & b</p></html>").is_err());
        assert!(html_page("<html><br></html>").is_err());
        assert!(html_page("<body/>").is_err());
    }
}
