//! The package as a whole: valid parts, complete content types and relationships,
//! core properties, reproducible bytes, and no panic on odd documents.

use super::sample;
use super::xml::{parse, render, unzip, Package};

/// Writes the sample to `$KEHOACH_DOCX_SAMPLE` for manual checks (LibreOffice,
/// nd30_check); does nothing without it.
#[test]
fn write_sample_when_asked() {
    if let Ok(path) = std::env::var("KEHOACH_DOCX_SAMPLE") {
        std::fs::write(path, render(&sample::plan())).unwrap();
    }
}

#[test]
fn every_xml_part_parses() {
    let bytes = render(&sample::plan());
    let parts = unzip(&bytes);
    assert!(
        parts.len() >= 8,
        "{:?}",
        parts.iter().map(|p| &p.0).collect::<Vec<_>>()
    );
    for (name, data) in &parts {
        if name.ends_with(".xml") || name.ends_with(".rels") {
            parse(data);
        }
    }
    let _ = Package::of(&sample::plan());
}
