//! `kehoach import`: DOCX files laid out in different ways import to the right plan;
//! every example plan survives render → import (and a LibreOffice re-save); hostile
//! files give a clean error and exit code 2, never a panic.

mod support;
mod tools;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::import::{import_docx, import_pdf, ImportError};
use kehoach::pipeline::Engine;
use kehoach::plan::{Block, BlockKind, Plan, Relation, SignMode, Text};
use kehoach::render::Format;

fn texts(v: &[Text]) -> Vec<&str> {
    v.iter().map(|t| t.as_str()).collect()
}

// ---------------------------------------------------------------- laid out like ours

#[test]
fn a_plan_laid_out_like_ours_imports() {
    let imported = import_docx(support::ours()).expect("imports");
    let p = &imported.plan;
    assert_eq!(texts(&p.co_quan.chu_quan), ["UBND THỊ XÃ NINH HÒA"]);
    assert_eq!(texts(&p.co_quan.ten), ["ỦY BAN NHÂN DÂN", "PHƯỜNG NINH HÀ"]);
    assert_eq!(p.co_quan.viet_tat, "UBND");
    assert_eq!(p.co_quan.ten_goi, "UBND phường Ninh Hà");
    assert_eq!(p.so.as_deref(), Some("114"));
    assert_eq!(p.ngay.as_deref(), Some("2021-07-07"));
    assert_eq!(p.dia_danh, "Ninh Hà");
    assert_eq!(
        p.trich_yeu,
        "Triển khai Đề án một cửa trên địa bàn phường Ninh Hà"
    );
    assert_eq!(p.van_ban.len(), 1);
    let c = &p.van_ban[0];
    assert_eq!((c.so.as_str(), c.ky_hieu.as_str()), ("2325", "KH-UBND"));
    assert_eq!(c.quan_he, Relation::ThucHien);
    assert_eq!(c.co_quan.as_deref(), Some("UBND thị xã Ninh Hòa"));
    // The default opening and closing sentences leave mo_dau and ket_thuc empty.
    assert_eq!(p.mo_dau, None);
    assert_eq!(p.ket_thuc, None);
    assert_eq!(p.noi_dung.len(), 2);
    let (kind, text) = p.noi_dung[0].kind_and_text();
    assert_eq!(
        (kind, text.as_str()),
        (BlockKind::Section, "MỤC ĐÍCH, YÊU CẦU")
    );
    let items = p.noi_dung[0].children()[0].children();
    assert_eq!(
        items[0].kind_and_text().1.as_str(),
        "Cụ thể hóa các nhiệm vụ được giao tại [@kh-2325].",
        "a repeated citation becomes [@id] again"
    );
    assert_eq!(p.ky.thay_mat.as_deref(), Some("ỦY BAN NHÂN DÂN"));
    assert_eq!(p.ky.chuc_vu.as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(p.ky.ho_ten, "Trần Văn Chính");
    assert_eq!(
        texts(&p.noi_nhan),
        ["UBND thị xã (VBĐT)", "Công chức các ngành (VBĐT)"]
    );
    assert_eq!(texts(&p.luu.noi_luu), ["VT", "HT"]);
    assert_eq!(p.phu_luc.len(), 1);
    let a = &p.phu_luc[0];
    assert_eq!(a.ten, "NHIỆM VỤ TRIỂN KHAI ĐỀ ÁN MỘT CỬA");
    assert!(
        a.cot.is_empty(),
        "the six standard columns with their default titles"
    );
    assert_eq!(a.huong, None, "landscape, as the default for six columns");
    assert_eq!(a.nhom.len(), 2);
    assert_eq!(a.nhom[0].ten, "Xây dựng văn bản chỉ đạo");
    assert_eq!(a.nhom[0].nhiem_vu.len(), 2);
    assert_eq!(a.nhom[0].nhiem_vu[1].phoi_hop, None);
    assert_eq!(
        a.nhom[1].nhiem_vu[0].san_pham.as_deref(),
        Some("Kinh phí được bảo đảm")
    );
    assert!(p.chua_xep.is_empty(), "{}", imported.report);
    assert!(imported.report.is_clean(), "{}", imported.report);
}

// ------------------------------------------------------ laid out differently (by hand)

#[test]
fn a_hand_typed_plan_with_tabs_tt_and_merged_cells_imports() {
    let imported = import_docx(support::hand_typed()).expect("imports");
    let p = &imported.plan;
    assert_eq!(texts(&p.co_quan.chu_quan), ["UBND TỈNH KHÁNH HÒA"]);
    assert_eq!(texts(&p.co_quan.ten), ["SỞ NỘI VỤ"]);
    assert_eq!(p.co_quan.viet_tat, "SNV");
    assert_eq!(
        p.co_quan.ten_goi, "Sở Nội vụ",
        "from \"(Kèm theo … của Sở Nội vụ)\""
    );
    assert_eq!(p.so.as_deref(), Some("25"));
    assert_eq!(p.ngay.as_deref(), Some("2024-03-05"));
    assert_eq!(p.dia_danh, "Khánh Hòa");
    assert_eq!(p.trich_yeu, "Cải cách hành chính năm 2024");
    let basis = &p.van_ban[0];
    assert_eq!(basis.quan_he, Relation::CanCu);
    assert_eq!(basis.ky_hieu, "QĐ-TTg");
    assert_eq!(basis.co_quan.as_deref(), Some("Thủ tướng Chính phủ"));
    assert_eq!(
        p.mo_dau.as_deref(),
        Some("Sở Nội vụ xây dựng Kế hoạch cải cách hành chính năm 2024 như sau:")
    );
    let point = &p.noi_dung[0].children()[0];
    assert_eq!(point.kind_and_text().0, BlockKind::Point);
    assert_eq!(point.children()[0].kind_and_text().0, BlockKind::Plus);
    assert_eq!(
        p.ket_thuc.as_deref(),
        Some("Trên đây là Kế hoạch cải cách hành chính năm 2024 của Sở Nội vụ./.")
    );
    assert_eq!(p.ky.hinh_thuc, Some(SignMode::Kt));
    assert_eq!(p.ky.thu_truong.as_deref(), Some("GIÁM ĐỐC"));
    assert_eq!(p.ky.chuc_vu.as_deref(), Some("PHÓ GIÁM ĐỐC"));
    assert_eq!(p.ky.ho_ten, "Nguyễn Văn An");
    assert_eq!(texts(&p.noi_nhan), ["UBND tỉnh"]);
    assert_eq!(texts(&p.luu.noi_luu), ["VT", "TCCB"]);
    assert_eq!(p.luu.so_ban.as_deref(), Some("2"));
    let a = &p.phu_luc[0];
    let keys: Vec<&str> = a.cot.iter().map(|c| c.khoa.as_str()).collect();
    assert_eq!(
        keys,
        ["stt", "noi_dung", "chu_tri", "phoi_hop", "thoi_han", "ghi_chu"]
    );
    assert_eq!(a.cot[0].ten.as_deref(), Some("TT"));
    assert_eq!(a.nhom.len(), 2);
    let tasks = &a.nhom[0].nhiem_vu;
    assert_eq!(tasks.len(), 2);
    assert_eq!(tasks[0].chu_tri.as_deref(), Some("Phòng Tổ chức"));
    assert_eq!(
        tasks[1].chu_tri.as_deref(),
        Some("Phòng Tổ chức"),
        "the merged lead cell is spread to the row it covers"
    );
    assert_eq!(
        tasks[1].gop_tren,
        ["chu_tri"],
        "and stays one cell over both rows"
    );
    assert_eq!(
        tasks[1].them.get("ghi_chu").map(|t| t.as_str()),
        Some("Theo hướng dẫn")
    );
    assert_eq!(a.nhom[1].nhiem_vu[0].noi_dung, "Số hóa hồ sơ");
    // "DỰ THẢO" has no place in the plan: kept, and listed, not dropped.
    assert_eq!(texts(&p.chua_xep), ["DỰ THẢO"]);
    let report = imported.report.to_string();
    assert!(
        report.contains("DỰ THẢO") && report.contains("đoạn 4"),
        "{report}"
    );
}

#[test]
fn imported_yaml_loads_back_as_the_same_plan() {
    for bytes in [support::ours(), support::hand_typed()] {
        let imported = import_docx(bytes).unwrap();
        let yaml = kehoach::import::to_yaml(&imported.plan, Path::new("x.docx")).unwrap();
        let loaded = kehoach::load::load_str(Path::new("x.yaml"), &yaml).unwrap_or_else(|f| {
            panic!(
                "the imported YAML does not load: {:?}\n{yaml}",
                f.diagnostics
            )
        });
        assert_eq!(loaded.plan, imported.plan);
    }
}

// ------------------------------------------------------------------------ robustness

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in entries {
            w.start_file(*name, options).unwrap();
            w.write_all(data).unwrap();
        }
        w.finish().unwrap();
    }
    buf.into_inner()
}

const RELS: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

fn hostile_files() -> Vec<(&'static str, Vec<u8>)> {
    let good = support::ours();
    let mut truncated = good.clone();
    truncated.truncate(good.len() / 2);
    let mut flipped = good.clone();
    for i in (200..flipped.len()).step_by(97) {
        flipped[i] ^= 0x5a;
    }
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend(std::iter::repeat_n(0u8, 512));
    let bomb_entities = br#"<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="w"><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"#;
    let deep = format!(
        "<w:document xmlns:w=\"w\"><w:body>{}{}</w:body></w:document>",
        "<w:tbl><w:tr><w:tc>".repeat(200),
        "</w:tc></w:tr></w:tbl>".repeat(200)
    );
    // 60 MB of zeros deflate to a few dozen KB: a small file that would fill memory.
    let zeros = vec![b' '; 60 * 1024 * 1024];
    vec![
        ("empty", Vec::new()),
        ("text", b"Ke hoach so 114/KH-UBND".to_vec()),
        ("encrypted (OLE)", ole),
        ("truncated zip", truncated),
        ("corrupted zip", flipped),
        ("zip without a document", zip_of(&[("a.txt", b"hello")])),
        (
            "entity bomb",
            zip_of(&[("_rels/.rels", RELS), ("word/document.xml", bomb_entities)]),
        ),
        (
            "deep nesting",
            zip_of(&[
                ("_rels/.rels", RELS),
                ("word/document.xml", deep.as_bytes()),
            ]),
        ),
        (
            "not XML",
            zip_of(&[("_rels/.rels", RELS), ("word/document.xml", b"\xff\xfe<<<")]),
        ),
        (
            "zip bomb",
            zip_of(&[("_rels/.rels", RELS), ("word/document.xml", &zeros)]),
        ),
    ]
}

#[test]
fn hostile_files_give_clear_errors_never_panics() {
    for (name, bytes) in hostile_files() {
        let result = std::panic::catch_unwind(|| import_docx(bytes.clone()));
        let result = result.unwrap_or_else(|_| panic!("{name}: import panicked"));
        match (name, &result) {
            ("empty", Err(ImportError::Empty))
            | ("text", Err(ImportError::NotZip))
            | ("encrypted (OLE)", Err(ImportError::Encrypted))
            | ("zip bomb", Err(ImportError::TooLarge { .. }))
            | ("entity bomb", Err(ImportError::Xml { .. }))
            | ("deep nesting", Err(ImportError::Xml { .. }))
            | ("zip without a document", Err(ImportError::NotDocx(_))) => {}
            (_, Err(e)) => assert!(!e.to_string().is_empty(), "{name}"),
            // A corrupted file may still read (zip has redundancy); it must not panic.
            ("corrupted zip", Ok(_)) => {}
            (_, Ok(_)) => panic!("{name}: imported without complaint"),
        }
        let check = std::panic::catch_unwind(|| {
            kehoach::layout_check::check_docx(Path::new("x.docx"), bytes.clone())
        });
        assert!(check.is_ok(), "{name}: check --docx panicked");
    }
}

#[test]
fn the_cli_exits_2_with_a_message_on_hostile_files() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in hostile_files() {
        if name == "corrupted zip" {
            continue; // may legitimately read
        }
        let path = dir.path().join("input.docx");
        std::fs::write(&path, &bytes).unwrap();
        for args in [vec!["import"], vec!["check", "--docx"]] {
            let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
                .args(&args)
                .arg(&path)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{name} {args:?}: {stderr}");
            assert!(
                stderr.contains("kehoach: lỗi:"),
                "{name} {args:?}: {stderr}"
            );
            assert!(!stderr.contains("panicked"), "{name} {args:?}: {stderr}");
        }
    }
}

#[test]
fn the_cli_writes_the_yaml_and_lists_what_it_did_not_place() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("so-noi-vu.docx");
    std::fs::write(&input, support::hand_typed()).unwrap();
    let output = dir.path().join("plans/so-noi-vu.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["import"])
        .arg(&input)
        .arg("-o")
        .arg(&output)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("chưa xếp được") && stderr.contains("DỰ THẢO"),
        "{stderr}"
    );
    let yaml = std::fs::read_to_string(&output).unwrap();
    assert!(yaml.contains("chua_xep:"), "{yaml}");
    let check = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check"])
        .arg(&output)
        .output()
        .unwrap();
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

/// A Party document is numbered "46-CT/TW": its number is 46 and its type belongs to
/// the symbol. A signed plan citing one imports without a check error and renders as
/// issued, printing the number as it was; a government document of the same type and
/// number gets an id of its own.
#[test]
fn a_plan_citing_party_documents_imports_checks_and_renders_as_signed() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bau-cu.docx");
    std::fs::write(
        &input,
        support::hand_typed_citing(
            "Căn cứ Chỉ thị số 46-CT/TW ngày 16/5/2023 của Bộ Chính trị về lãnh đạo cuộc bầu cử; Chỉ thị số 46/CT-TTg ngày 20/5/2023 của Thủ tướng Chính phủ về tổ chức cuộc bầu cử;",
        ),
    )
    .unwrap();
    let plan_file = dir.path().join("bau-cu.yaml");
    let kehoach = |args: &[&std::ffi::OsStr]| {
        let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(args)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code(), stderr)
    };
    let (code, stderr) = kehoach(&[
        "import".as_ref(),
        input.as_ref(),
        "-o".as_ref(),
        plan_file.as_ref(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let plan = load_plan(&plan_file);
    let party = plan
        .van_ban
        .iter()
        .find(|c| c.ky_hieu == "CT/TW")
        .expect("the Party directive");
    assert_eq!(party.so, "46");
    assert_eq!(party.so_ky_hieu.as_deref(), Some("46-CT/TW"));
    let government = plan
        .van_ban
        .iter()
        .find(|c| c.ky_hieu == "CT-TTg")
        .expect("the PM's directive");
    assert_eq!(
        (government.so.as_str(), government.so_ky_hieu.as_ref()),
        ("46", None)
    );
    assert_ne!(party.id, government.id);

    let (code, stderr) = kehoach(&[
        "check".as_ref(),
        "--color".as_ref(),
        "never".as_ref(),
        plan_file.as_ref(),
    ]);
    assert_eq!(
        code,
        Some(0),
        "no error in a correctly cited plan:\n{stderr}"
    );
    let out_dir = dir.path().join("out");
    let (code, stderr) = kehoach(&[
        "render".as_ref(),
        "-o".as_ref(),
        out_dir.as_ref(),
        plan_file.as_ref(),
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let html = std::fs::read_to_string(out_dir.join("bau-cu.html")).unwrap();
    for printed in [
        "Chỉ thị số 46-CT/TW ngày 16/5/2023 của Bộ Chính trị",
        "Chỉ thị số 46/CT-TTg ngày 20/5/2023 của Thủ tướng Chính phủ",
    ] {
        assert!(html.contains(printed), "{printed} in {html}");
    }
}

// ------------------------------------------------------------------------ round trip

fn plans_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("plans")
}

fn example_plans() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(plans_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    v.sort();
    v
}

/// Renders a plan to DOCX.
fn render(engine: &Engine, plan: &Plan) -> Vec<u8> {
    let doc = engine
        .compose(plan, ComposeOptions::default())
        .expect("composes");
    engine
        .render(&doc, Format::Docx)
        .expect("the DOCX renderer renders every example plan")
}

/// What a rendered plan cannot carry, or carries differently — the documented
/// differences of a round trip (README, "Import"):
/// - citation ids are made from type and number (`kh-2325`), the YAML's are free;
/// - `thoi_gian`, `don_vi`, `nguon` and column widths (`rong`) are not printed;
/// - headings and appendix titles are printed in capitals;
/// - a `doan:` block and a plain string print the same;
/// - `mo_dau`/`ket_thuc` equal to the default sentences print like empty ones;
/// - `cot` equal to the standard columns prints like no `cot`; `huong` equal to the
///   default like no `huong`;
/// - a number written `07` is the number `7`.
fn normalise(plan: &mut Plan) {
    let renames: Vec<(String, String)> = plan
        .van_ban
        .iter()
        .map(|c| {
            let kind: String = c
                .loai
                .key()
                .split('-')
                .filter_map(|w| w.chars().next())
                .collect();
            // The importer reads a number "06" back as 6, and makes its id from that.
            let num: String =
                c.so.trim_start_matches('0')
                    .chars()
                    .filter(char::is_ascii_alphanumeric)
                    .collect();
            (c.id.value.clone(), format!("{kind}-{num}"))
        })
        .collect();
    let rename = |s: &str| -> String {
        let mut out = s.split_whitespace().collect::<Vec<_>>().join(" ");
        for (old, new) in &renames {
            out = out
                .replace(&format!("[@{old}]"), &format!("[@{new}]"))
                .replace(&format!("[@{old}:"), &format!("[@{new}:"));
        }
        out
    };
    for (c, (_, new)) in plan.van_ban.iter_mut().zip(&renames) {
        c.id = Text::new(new.clone());
        c.so = Text::new(c.so.trim_start_matches('0'));
    }
    if let Some(so) = &plan.so {
        plan.so = Some(Text::new(so.trim_start_matches('0')));
    }
    plan.thoi_gian = None;
    plan.don_vi.clear();
    plan.nguon = None;
    let lower_first = |s: &str| {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_lowercase().chain(c).collect::<String>())
            .unwrap_or_default()
    };
    let default_closing = format!("Trên đây là Kế hoạch {}./.", lower_first(&plan.trich_yeu));
    let default_opening = format!(
        "{} ban hành Kế hoạch {} như sau:",
        plan.co_quan.ten_goi,
        lower_first(&plan.trich_yeu)
    );
    if plan.ket_thuc.as_deref() == Some(default_closing.as_str()) {
        plan.ket_thuc = None;
    }
    if plan.mo_dau.as_deref() == Some(default_opening.as_str()) {
        plan.mo_dau = None;
    }
    plan.mo_dau = plan.mo_dau.as_ref().map(|t| Text::new(rename(t)));
    plan.ket_thuc = plan.ket_thuc.as_ref().map(|t| Text::new(rename(t)));
    plan.noi_nhan = plan.noi_nhan.iter().map(|t| Text::new(rename(t))).collect();
    fn walk(blocks: &mut [Block], f: &dyn Fn(&str) -> String) {
        for b in blocks.iter_mut() {
            let (kind, text) = b.kind_and_text();
            let text = f(text);
            let text = if kind == BlockKind::Section {
                text.to_uppercase()
            } else {
                text
            };
            let mut children = b.children().to_vec();
            walk(&mut children, f);
            *b = match kind {
                BlockKind::Paragraph => Block::paragraph(text),
                kind => Block::marked(kind, text, children),
            };
        }
    }
    walk(&mut plan.noi_dung, &rename);
    for a in &mut plan.phu_luc {
        a.ten = Text::new(a.ten.to_uppercase());
        let landscape = a.is_landscape();
        a.cot = a
            .columns()
            .into_iter()
            .map(|c| kehoach::plan::Column {
                ten: Some(Text::new(c.title())),
                rong: None,
                khoa: c.khoa,
            })
            .collect();
        a.huong = Some(if landscape {
            kehoach::plan::Orientation::Ngang
        } else {
            kehoach::plan::Orientation::Doc
        });
        for g in &mut a.nhom {
            for t in &mut g.nhiem_vu {
                t.nguon = None;
            }
        }
    }
}

/// Compares two plans through their YAML, showing the first lines that differ.
fn assert_same_plan(name: &str, want: &Plan, got: &Plan) {
    let (mut want, mut got) = (want.clone(), got.clone());
    normalise(&mut want);
    normalise(&mut got);
    if want == got {
        return;
    }
    let a = serde_saphyr::to_string(&want).unwrap();
    let b = serde_saphyr::to_string(&got).unwrap();
    let diff: Vec<String> = a
        .lines()
        .zip(b.lines())
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .take(8)
        .map(|(i, (x, y))| format!("line {}:\n  plan:     {x}\n  imported: {y}", i + 1))
        .collect();
    panic!(
        "{name}: the imported plan differs from the plan\n{}",
        diff.join("\n")
    );
}

fn load_plan(path: &Path) -> Plan {
    kehoach::load::load_file(path)
        .unwrap_or_else(|f| panic!("{}: {:?}", path.display(), f.diagnostics))
        .plan
}

#[test]
fn every_example_plan_survives_render_and_import() {
    let engine = Engine::new(Templates::builtin());
    for path in example_plans() {
        let plan = load_plan(&path);
        let bytes = render(&engine, &plan);
        let imported = import_docx(bytes.clone()).expect("our own DOCX imports");
        assert!(
            imported.plan.chua_xep.is_empty(),
            "{}: {}",
            path.display(),
            imported.report
        );
        assert_same_plan(&path.display().to_string(), &plan, &imported.plan);
        // And our own output passes the layout check.
        let check = kehoach::layout_check::check_docx(&path, bytes).unwrap();
        let errors: Vec<_> = check.diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
    }
}

/// Each example plan with the name and path of its DOCX, rendered into `dir`.
fn example_docx_files(dir: &Path) -> Vec<(Plan, String, PathBuf)> {
    let engine = Engine::new(Templates::builtin());
    example_plans()
        .into_iter()
        .map(|path| {
            let plan = load_plan(&path);
            let name = path.file_stem().unwrap().to_string_lossy().into_owned() + ".docx";
            let input = dir.join(&name);
            std::fs::write(&input, render(&engine, &plan)).unwrap();
            (plan, name, input)
        })
        .collect()
}

/// What LibreOffice writes of `input` as `format` ("docx": a re-save; "pdf": a print).
fn libreoffice(format: &str, input: &Path, outdir: &Path) -> Vec<u8> {
    let out = tools::soffice_convert(format, &outdir.join(format), &[input.to_path_buf()]);
    std::fs::read(&out[0]).unwrap()
}

/// The hand-typed fixture written into `dir`.
fn hand_typed_file(dir: &Path) -> PathBuf {
    let input = dir.join("hand.docx");
    std::fs::write(&input, support::hand_typed()).unwrap();
    input
}

#[test]
#[ignore = "needs soffice"]
fn every_example_plan_survives_a_libreoffice_resave() {
    let dir = tempfile::tempdir().unwrap();
    for (plan, name, input) in example_docx_files(dir.path()) {
        let resaved = libreoffice("docx", &input, dir.path());
        let imported = import_docx(resaved).expect("the re-saved DOCX imports");
        assert_same_plan(&format!("{name} (LibreOffice)"), &plan, &imported.plan);
    }
}

#[test]
#[ignore = "needs soffice"]
fn the_hand_typed_plan_also_survives_a_libreoffice_resave() {
    let dir = tempfile::tempdir().unwrap();
    let input = hand_typed_file(dir.path());
    let resaved = libreoffice("docx", &input, dir.path());
    let before = import_docx(support::hand_typed()).unwrap().plan;
    let after = import_docx(resaved).unwrap().plan;
    assert_eq!(before, after);
}

/// A signed plan usually reaches the next level as the PDF the document system
/// publishes: printed from our DOCX, it imports as the same plan (emphasis, numbers,
/// header, signature, appendix tables with their groups and merges).
#[test]
#[ignore = "needs soffice, poppler-utils"]
fn every_example_plan_survives_printing_to_pdf() {
    tools::require("pdftohtml");
    let dir = tempfile::tempdir().unwrap();
    for (plan, name, input) in example_docx_files(dir.path()) {
        let pdf = libreoffice("pdf", &input, dir.path());
        let imported = import_pdf(&pdf).expect("the PDF imports");
        assert!(
            imported.plan.chua_xep.is_empty(),
            "{name} (PDF): {}",
            imported.report
        );
        assert_same_plan(&format!("{name} (PDF)"), &plan, &imported.plan);
    }
}

/// A plan typed by hand (tabs, a typed STT, merged cells) reads the same from its PDF
/// as from its Word file, but for what the PDF does not print: its table is wider than
/// the page, and LibreOffice's print cuts the last column ("Ghi chú") off.
#[test]
#[ignore = "needs soffice, poppler-utils"]
fn the_hand_typed_plan_reads_the_same_from_its_pdf() {
    tools::require("pdftohtml");
    let dir = tempfile::tempdir().unwrap();
    let input = hand_typed_file(dir.path());
    let pdf = libreoffice("pdf", &input, dir.path());
    let pdf_path = dir.path().join("hand.pdf");
    std::fs::write(&pdf_path, &pdf).unwrap();
    let printed = tools::pdf_text(&pdf_path);
    assert!(
        !printed.contains("Ghi chú") && printed.contains("Thời hạn"),
        "the fixture's last column is expected off the page:\n{printed}"
    );
    let mut from_word = import_docx(support::hand_typed()).unwrap().plan;
    for appendix in &mut from_word.phu_luc {
        appendix.cot.retain(|c| c.khoa != "ghi_chu");
        for group in &mut appendix.nhom {
            for task in &mut group.nhiem_vu {
                task.them.remove("ghi_chu");
            }
        }
    }
    let from_pdf = import_pdf(&pdf).unwrap().plan;
    assert_same_plan("hand.pdf", &from_word, &from_pdf);
}

/// A one-page PDF with `content` as its page's drawing (no fonts, so no text).
fn pdf_with_page(content: &str) -> Vec<u8> {
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_owned(),
        format!(
            "<< /Length {} >>\nstream\n{content}\nendstream",
            content.len()
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// `kehoach import FILE`'s messages, once it has exited with 2.
fn import_fails_with_exit_2(input: &Path) -> String {
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("import")
        .arg(input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    stderr
}

/// A scanned plan is pictures of pages: no text to read, and kehoach does no OCR.
#[test]
#[ignore = "needs poppler-utils"]
fn a_scanned_pdf_gets_a_clear_message_and_exit_2() {
    tools::require("pdftohtml");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("scan.pdf");
    // A page covered by a grey picture-like fill, as a scan is.
    std::fs::write(&input, pdf_with_page("0.8 g 0 0 595 842 re f")).unwrap();
    assert!(matches!(
        import_pdf(&std::fs::read(&input).unwrap()),
        Err(ImportError::ScannedPdf)
    ));
    let stderr = import_fails_with_exit_2(&input);
    assert!(stderr.contains("bản quét"), "{stderr}");
    assert!(stderr.contains("OCR"), "{stderr}");
}

/// A file that says it is a PDF and is not one.
#[test]
#[ignore = "needs poppler-utils"]
fn a_broken_pdf_gets_a_clear_message_and_exit_2() {
    tools::require("pdftohtml");
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("broken.pdf");
    std::fs::write(
        &input,
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
    )
    .unwrap();
    let stderr = import_fails_with_exit_2(&input);
    assert!(stderr.contains("PDF"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
