//! The finish pass over the package docx-rs writes for the skeleton: reopens it,
//! rewrites its XML parts (ids, schema order, language), replaces the core properties,
//! and sets the zip options that make packages reproducible.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive};

use super::rewrite::{rewrite, Edits, Ids};
use super::text::clean_text;
use super::PackageError;
use crate::document::Meta;

pub(super) const CONTENT_TYPES: &str = "[Content_Types].xml";
pub(super) const DOCUMENT: &str = "word/document.xml";
const STYLES: &str = "word/styles.xml";
pub(super) const CORE: &str = "docProps/core.xml";

/// The finished parts by name, before zipping (the skeleton cache keeps them).
pub(super) fn finish_parts(
    raw: &[u8],
    meta: &Meta,
) -> Result<BTreeMap<String, Vec<u8>>, PackageError> {
    let mut parts = read_parts(raw)?;
    let lang = language(&meta.language);
    let mut ids = Ids::default();
    // The other parts first, the body last: they are the same in every package, so
    // their paragraph ids are too, and the skeleton keeps them already deflated instead
    // of renumbering and deflating the headers after each body.
    let mut names: Vec<String> = parts
        .keys()
        .filter(|n| n.starts_with("word/") && n.ends_with(".xml") && n.as_str() != DOCUMENT)
        .cloned()
        .collect();
    names.push(DOCUMENT.to_string());
    for name in names {
        let Some(xml) = parts.get(&name) else {
            return Err(PackageError::Missing(name));
        };
        let edits = Edits {
            default_lang: (name == STYLES).then_some(lang.as_str()),
        };
        let new = rewrite(xml, &edits, &mut ids).map_err(|why| PackageError::Xml {
            part: name.clone(),
            why: why.to_string(),
        })?;
        parts.insert(name, new);
    }
    parts.insert(CORE.to_string(), core_properties(meta, &lang).into_bytes());
    Ok(parts)
}

fn read_parts(raw: &[u8]) -> Result<BTreeMap<String, Vec<u8>>, PackageError> {
    let mut archive = ZipArchive::new(Cursor::new(raw)).map_err(PackageError::zip)?;
    let mut parts = BTreeMap::new();
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).map_err(PackageError::zip)?;
        if file.is_dir() {
            continue;
        }
        let mut data = Vec::new();
        file.read_to_end(&mut data).map_err(PackageError::zip)?;
        parts.insert(file.name().to_string(), data);
    }
    Ok(parts)
}

/// How the parts every package shares are stored (deflated once, when the skeleton
/// is built).
pub(super) fn zip_options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        // The fastest level: batch export is bound by CPU, not disk, and the files
        // stay small (about a third larger than at the default level).
        .compression_level(Some(1))
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644)
}

/// How a part written for each document is stored: deflated like the others, unless
/// it is smaller than [`DEFLATE_FROM`].
pub(super) fn fresh_part_options(size: usize) -> SimpleFileOptions {
    if size < DEFLATE_FROM {
        zip_options()
            .compression_method(CompressionMethod::Stored)
            .compression_level(None)
    } else {
        zip_options()
    }
}

/// Each deflated part sets up a compressor of a few hundred kilobytes (window and hash
/// tables), which costs more than deflating a small part saves: a package's core
/// properties and its footnotes are usually a kilobyte or less, stored as they are.
const DEFLATE_FROM: usize = 4096;

/// The language a document gets when its own is missing or implausible.
pub(super) const DEFAULT_LANGUAGE: &str = "vi-VN";

/// A BCP 47 tag as Word stores it; the document tree's is trusted only if it looks
/// like one.
pub(super) fn language(tag: &str) -> String {
    let tag = tag.trim();
    let plausible = !tag.is_empty()
        && tag.len() <= 35
        && tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if plausible {
        tag.to_string()
    } else {
        DEFAULT_LANGUAGE.to_string()
    }
}

/// `docProps/core.xml` from the document's metadata, with timestamps fixed to its date
/// (docx-rs cannot write title, subject, creator or keywords).
pub(super) fn core_properties(meta: &Meta, lang: &str) -> String {
    let date = meta
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| d.len() == 10 && chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok())
        .unwrap_or("1970-01-01");
    let stamp = format!("{date}T00:00:00Z");
    let keywords = meta.keywords.join(", ");
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title>",
            "<dc:subject>{subject}</dc:subject>",
            "<dc:creator>{creator}</dc:creator>",
            "<cp:keywords>{keywords}</cp:keywords>",
            "<dc:language>{lang}</dc:language>",
            "<cp:lastModifiedBy>{creator}</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision>",
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>"#,
            r#"<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>"#,
            "</cp:coreProperties>"
        ),
        title = escape(&meta.title),
        subject = escape(&meta.subject),
        creator = escape(&meta.author),
        keywords = escape(&keywords),
        lang = escape(lang),
        stamp = stamp,
    )
}

fn escape(s: &str) -> String {
    quick_xml::escape::escape(clean_text(s).as_str()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_properties_are_escaped_and_dated() {
        let meta = Meta {
            title: "A & B <c>\u{1}".into(),
            date: Some("2021-07-07".into()),
            keywords: vec!["x".into(), "y".into()],
            ..Meta::default()
        };
        let xml = core_properties(&meta, "vi-VN");
        assert!(
            xml.contains("<dc:title>A &amp; B &lt;c&gt;</dc:title>"),
            "{xml}"
        );
        assert!(xml.contains("<cp:keywords>x, y</cp:keywords>"));
        assert!(xml.contains(">2021-07-07T00:00:00Z</dcterms:created>"));
        let draft = core_properties(
            &Meta {
                date: Some("07/07/2021".into()),
                ..Meta::default()
            },
            "vi-VN",
        );
        assert!(draft.contains(">1970-01-01T00:00:00Z</dcterms:modified>"));
    }

    #[test]
    fn implausible_languages_fall_back() {
        assert_eq!(language("vi-VN"), "vi-VN");
        assert_eq!(language(""), "vi-VN");
        assert_eq!(language("\"/><x"), "vi-VN");
    }
}
