//! Shared by the robustness tests (hostile corpus, properties, interrupted renders):
//! running the binary in a scratch folder and reading the text back out of its outputs.
#![allow(dead_code)] // each test binary uses its own part of this

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `kehoach ARGS` in `dir`, without colours.
pub fn kehoach(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("KEHOACH_LANG")
        .output()
        .expect("the binary runs")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Every file under `dir`, relative to it, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect();
    out.sort();
    out
}

/// One zip part as text.
pub fn zip_part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a DOCX is a zip");
    let mut text = String::new();
    zip.by_name(name)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text a reader sees in a DOCX body: each paragraph's runs joined (tabs and breaks
/// as `\t` and `\n`), paragraphs separated by newlines.
pub fn docx_text(docx: &[u8]) -> String {
    let xml = zip_part(docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).expect("document.xml parses");
    let mut out = String::new();
    for p in doc.descendants().filter(|n| n.tag_name().name() == "p") {
        for n in p.descendants() {
            match n.tag_name().name() {
                "t" => out.push_str(n.text().unwrap_or("")),
                "tab" => out.push('\t'),
                "br" | "cr" => out.push('\n'),
                _ => {}
            }
        }
        out.push('\n');
    }
    out
}

/// The text of an HTML page's body, as a browser's "select all, copy" would give it,
/// near enough: text nodes in order.
pub fn html_text(html: &str) -> String {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(html, options).expect("HTML parses as XML");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name("body"))
        .expect("a body");
    body.descendants()
        .filter(|n| n.is_text())
        .map(|n| n.text().unwrap_or(""))
        .collect()
}
