//! Issue 16, defect 11: a table nested in an appendix cell must not lose its text on
//! import: it goes to `chua_xep` (text to place by hand), and the report says so.

use std::io::{Read, Write};
use std::path::Path;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::import::import_docx;
use kehoach::pipeline::Engine;
use kehoach::render::Format;

const NESTED: &str = "BẢNG LỒNG TRONG Ô";

/// The example plan's DOCX with a small table inside the last cell of its last table
/// (the appendix's task table).
fn docx_with_nested_table() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/ninh-ha-114-2021.yaml");
    let plan = kehoach::load::load_file(&path).unwrap().plan;
    let engine = Engine::new(Templates::builtin());
    let doc = engine.compose(&plan, ComposeOptions::default()).unwrap();
    let bytes = engine.render(&doc, Format::Docx).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_owned();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "word/document.xml" {
            let xml = String::from_utf8(data).unwrap();
            let at = xml.rfind("</w:tc>").expect("a table cell");
            let nested = format!(
                "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>{NESTED}</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/>"
            );
            data = format!("{}{nested}{}", &xml[..at], &xml[at..]).into_bytes();
        }
        out.start_file(name, options).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

#[test]
fn a_table_nested_in_an_appendix_cell_goes_to_chua_xep() {
    let imported = import_docx(docx_with_nested_table()).unwrap();
    assert!(
        !imported.plan.phu_luc.is_empty(),
        "the appendix is still read"
    );
    assert!(
        imported
            .plan
            .chua_xep
            .iter()
            .any(|t| t.value.contains(NESTED)),
        "the nested table's text was lost: {:?}",
        imported.plan.chua_xep
    );
    assert!(imported.report.to_string().contains(NESTED));
}
