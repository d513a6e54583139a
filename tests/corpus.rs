//! The real-plan corpus, end to end: for every document of `../shared/corpus`,
//! `corpus_plan` → `kehoach check` → `kehoach render` (DOCX + HTML) →
//! `corpus_score.py` (every element faithful), `pdf_check.sh` and `html_check.sh`
//! (the expected text in order after LibreOffice and Chromium), and no page of the
//! LibreOffice PDF left blank. Every document is run and reported before the test fails.
//!
//! Also a small synthetic document (written here, not taken from the corpus) that proves
//! the mapping itself without any outside tool.

#[allow(dead_code)]
#[path = "../examples/corpus_plan.rs"]
mod corpus_plan;

mod tools;

use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach::plan::{Block, BlockKind, GroupRow, Relation, SignMode, TaskNumbering};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn tools_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/tools")
}

/// Output of a command, or why it could not run; `Ok((success, text))`.
fn run(cmd: &mut Command) -> Result<(bool, String), String> {
    let out = cmd
        .output()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    Ok((out.status.success(), text))
}

fn last_line(text: &str) -> &str {
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
}

/// (rule, element) of each finding `check --format short` printed: the element is the
/// first `key` the message names, or `document`.
fn findings(short: &str, _document: &str) -> Vec<(String, String)> {
    short
        .lines()
        .filter_map(|l| {
            let open = ["lỗi[", "cảnh báo[", "error[", "warning["]
                .iter()
                .find_map(|label| l.find(label))?;
            let rest = &l[open..];
            let rule = &rest[rest.find('[')? + 1..rest.find(']')?];
            let message = &rest[rest.find("]: ")? + 3..];
            let message = message
                .split(" (gợi ý:")
                .next()
                .and_then(|m| m.split(" (hint:").next())
                .unwrap_or(message);
            let element = message
                .split('`')
                .nth(1)
                .filter(|k| {
                    k.chars()
                        .all(|c| c.is_ascii_lowercase() || c == '_' || c == '.')
                })
                .unwrap_or("document");
            Some((rule.to_owned(), element.to_owned()))
        })
        .collect()
}

/// The reviewed findings of one document: (rule, element), one per finding.
fn reviewed(document: &str) -> Vec<(String, String)> {
    let list = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus_plan_findings.tsv"),
    )
    .expect("tests/corpus_plan_findings.tsv");
    list.lines()
        .skip(1)
        .filter_map(|l| {
            let cols: Vec<&str> = l.split('\t').collect();
            (cols.len() == 5 && cols[1] == document)
                .then(|| (cols[0].to_owned(), cols[2].to_owned()))
        })
        .collect()
}

fn failing_lines(text: &str) -> String {
    text.lines()
        .filter(|l| l.starts_with("FAIL") || l.contains("error["))
        .map(|l| format!("    {l}\n"))
        .collect()
}

/// Pages of a PDF that hold nothing but (at most) a page number.
fn blank_pages(pdf: &Path) -> Result<Vec<usize>, String> {
    let (ok, text) = run(Command::new("pdftotext").arg("-layout").arg(pdf).arg("-"))?;
    if !ok {
        return Err(format!("pdftotext failed: {text}"));
    }
    let mut pages: Vec<&str> = text.split('\u{c}').collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Ok(pages
        .iter()
        .enumerate()
        .filter(|(_, p)| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .all(|l| l.chars().all(|c| c.is_ascii_digit()))
        })
        .map(|(n, _)| n + 1)
        .collect())
}

/// One corpus document through the whole chain: `Ok(summary)` or `Err(report)`.
fn one_document(truth: &Path, dir: &Path) -> Result<String, String> {
    let name = truth.file_stem().unwrap().to_string_lossy().into_owned();
    let expected = truth.with_file_name(format!("{name}.expected.txt"));
    let converted = corpus_plan::convert_file(truth)?;
    let yaml = corpus_plan::to_yaml(&converted, &format!("{name}.json"))?;
    let plan = dir.join(format!("{name}.yaml"));
    std::fs::write(&plan, &yaml).map_err(|e| e.to_string())?;
    match kehoach::load::load_str(&plan, &yaml) {
        Ok(back) if back.plan == converted.plan => {}
        Ok(_) => return Err("  the YAML does not load back into the converted plan\n".into()),
        Err(f) => return Err(format!("  the YAML does not load: {:?}\n", f.diagnostics)),
    }

    let kehoach = env!("CARGO_BIN_EXE_kehoach");
    let mut problems = Vec::new();
    // `check` may find what a careful reader finds in a signed plan: every finding must be
    // in the reviewed list, and every listed finding must still be found.
    let out = Command::new(kehoach)
        .args(["check", "--format", "short", "--color", "never"])
        .arg(&plan)
        .env("KEHOACH_LANG", "vi")
        .output()
        .map_err(|e| format!("cannot run kehoach check: {e}"))?;
    if !matches!(out.status.code(), Some(0 | 1)) {
        problems.push(format!(
            "  check could not run:\n{}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // The findings go to standard error with the summary.
    let found = findings(&String::from_utf8_lossy(&out.stderr), &name);
    let mut listed = reviewed(&name);
    let mut unexpected = Vec::new();
    for f in found {
        match listed.iter().position(|l| *l == f) {
            Some(i) => {
                listed.remove(i);
            }
            None => unexpected.push(f),
        }
    }
    for (rule, element) in &unexpected {
        problems.push(format!(
            "  check: {rule} at `{element}` is not in tests/corpus_plan_findings.tsv (review it: a slip, or a false alarm to fix)\n"
        ));
    }
    for (rule, element) in &listed {
        problems.push(format!(
            "  check: the reviewed {rule} at `{element}` is no longer found\n"
        ));
    }
    let (ok, text) = run(Command::new(kehoach)
        .args(["render", "--quiet", "--color", "never", "-o"])
        .arg(dir)
        .arg(&plan))?;
    let docx = dir.join(format!("{name}.docx"));
    let html = dir.join(format!("{name}.html"));
    if !ok || !docx.is_file() || !html.is_file() {
        problems.push(format!(
            "  render refused or failed:\n{}",
            failing_lines(&text)
        ));
        return Err(problems.concat());
    }

    let (ok, score) = run(Command::new("python3")
        .arg(tools_dir().join("corpus_score.py"))
        .arg(truth)
        .arg(&docx))?;
    let summary = last_line(&score).to_owned();
    if !ok {
        problems.push(format!("  {summary}\n{}", failing_lines(&score)));
    }

    let pdf = dir.join(format!("{name}.lo.pdf"));
    let (ok, text) = run(Command::new("bash")
        .arg(tools_dir().join("pdf_check.sh"))
        .arg(&docx)
        .arg(&expected)
        .env("PDF_CHECK_KEEP", &pdf))?;
    if !ok {
        problems.push(format!("  {}\n{}", last_line(&text), failing_lines(&text)));
    }
    if pdf.is_file() {
        let blank = blank_pages(&pdf)?;
        if !blank.is_empty() {
            problems.push(format!("  LibreOffice PDF: blank page(s) {blank:?}\n"));
        }
    } else {
        problems.push("  LibreOffice made no PDF\n".to_owned());
    }

    let (ok, text) = run(Command::new("bash")
        .arg(tools_dir().join("html_check.sh"))
        .arg(&html)
        .arg(&expected))?;
    if !ok {
        problems.push(format!("  {}\n{}", last_line(&text), failing_lines(&text)));
    }

    if problems.is_empty() {
        Ok(summary)
    } else {
        Err(format!("{summary}\n{}", problems.concat()))
    }
}

#[test]
#[ignore = "needs ../shared corpus, python3, soffice, chromium"]
fn every_corpus_plan_is_rendered_as_signed() {
    // A missing program fails the test with what to install; it never skips.
    // (html_check.sh finds Chromium under its several names, or $CHROMIUM, itself.)
    for tool in ["python3", "soffice", "pdftotext", "pdfinfo"] {
        tools::require(tool);
    }
    let truth_dir = corpus_dir().join("truth");
    let mut truths: Vec<PathBuf> = std::fs::read_dir(&truth_dir)
        .unwrap_or_else(|e| panic!("the corpus is missing ({}): {e}", truth_dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    truths.sort();
    assert!(
        !truths.is_empty(),
        "no truth/*.json in {}",
        truth_dir.display()
    );

    let dir = tempfile::tempdir().unwrap();
    let mut report = String::new();
    let mut failed = 0;
    for truth in &truths {
        let name = truth.file_stem().unwrap().to_string_lossy().into_owned();
        match one_document(truth, dir.path()) {
            Ok(summary) => report.push_str(&format!("ok    {name}: {summary}\n")),
            Err(why) => {
                failed += 1;
                report.push_str(&format!("FAIL  {name}: {why}\n"));
            }
        }
    }
    if failed == 0 {
        eprintln!("{report}");
    }
    assert!(
        failed == 0,
        "{failed} of {} corpus plans are not rendered as signed:\n{report}",
        truths.len()
    );
}

// ---------------------------------------------------------------------------------------
// The mapping on a small document written for this test

const SYNTHETIC: &str = r#"{
  "doc_type": "ke-hoach",
  "co_quan_chu_quan": [],
  "co_quan_ban_hanh": ["ỦY BAN NHÂN DÂN", "XÃ AN BÌNH"],
  "ten_ngan": "UBND xã",
  "so": "07",
  "ky_hieu": "KH-UBND",
  "dia_danh": "An Bình",
  "ngay": "2030-03-04",
  "dia_danh_ngay_nhu_in": "An Bình, ngày 04 tháng 3 năm 2030",
  "trich_yeu": "Trồng cây xanh năm 2030",
  "trich_yeu_in_hoa": true,
  "can_cu": [
    {"raw": "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2030 của UBND huyện về trồng cây", "ket": ";",
     "dan_nhap": "Thực hiện", "loai": "Kế hoạch", "so": "12", "ky_hieu": "KH-UBND", "nam": null,
     "so_ky_hieu": "12/KH-UBND", "ngay": "2030-01-02", "ngay_nhu_in": "02/01/2030",
     "co_quan": "UBND huyện", "trich_yeu": "về trồng cây",
     "lien_quan": [{"loai": "Quyết định", "so": "5", "ky_hieu": "QĐ-UBND", "nam": null, "so_ky_hieu": "5/QĐ-UBND",
                    "ngay": "2030-01-10", "ngay_nhu_in": "10/01/2030", "co_quan": "UBND huyện", "trich_yeu": null}]},
    {"raw": "Báo cáo tình hình", "ket": ";", "dan_nhap": null, "loai": "Báo cáo", "so": null, "ky_hieu": null,
     "nam": null, "so_ky_hieu": null, "ngay": null, "ngay_nhu_in": null, "co_quan": null, "trich_yeu": null},
    {"raw": "Chương trình hành động số 3-CTr/ĐU ngày 05 tháng 01 năm 2030 của Đảng ủy", "ket": ".",
     "dan_nhap": null, "loai": "Chương trình hành động", "so": "3", "ky_hieu": "CTr/ĐU", "nam": null,
     "so_ky_hieu": "3-CTr/ĐU", "ngay": "2030-01-05", "ngay_nhu_in": "05 tháng 01 năm 2030",
     "co_quan": "Đảng ủy", "trich_yeu": null}
  ],
  "mo_dau": "Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2030 của UBND huyện về trồng cây; Chương trình hành động số 3-CTr/ĐU ngày 05 tháng 01 năm 2030 của Đảng ủy.\nUBND xã ban hành Kế hoạch như sau:",
  "mo_dau_italic": [true, false],
  "noi_dung": [
    {"level": 1, "marker": "I.", "title": "MỤC ĐÍCH", "text": null, "bold": true, "children": [
      {"level": 2, "marker": "1.", "title": "Thời gian:", "text": "cả năm 2030.", "bold": true, "run_in": true, "children": []},
      {"level": 2, "marker": "1.", "title": "Địa điểm", "text": null, "bold": true, "children": [
        {"level": 3, "marker": "1.1.", "title": "Khu dân cư", "text": null, "bold": false, "italic": true, "children": []}
      ]},
      {"kind": "item", "marker": "1.", "text": "Câu có số, không phải đề mục."},
      {"kind": "item", "marker": "a)", "text": "Trồng 5 * 2 cây", "runs": [{"text": "Trồng "}, {"text": "5 * 2", "b": true}, {"text": " cây"}]},
      {"kind": "item", "marker": "-", "text": "Gạch đầu dòng", "marker_bold": true, "children": [
        {"kind": "item", "marker": "+", "text": "Dấu cộng"}
      ]},
      {"kind": "para", "text": "(Chi tiết tại Phụ lục)", "italic": true},
      {"kind": "para", "text": "Theo Quyết định số 5/QĐ-UBND ngày 10/01/2030 của UBND huyện."}
    ]}
  ],
  "ket_thuc": null,
  "ky": {"quyen_han": null, "tap_the": null, "ky_thay": "KT. CHỦ TỊCH", "chuc_vu": "PHÓ CHỦ TỊCH", "ho_ten": "Trần Văn A"},
  "noi_nhan": ["UBND huyện (b/c);", "Lưu: VT, VP (An, Bình). Ab."],
  "luu": {"nhu_in": "Lưu: VT, VP (An, Bình). Ab."},
  "phu_luc": [
    {"so": null, "tieu_de": "DANH MỤC", "kem_theo": "(Kèm theo Kế hoạch số 07/KH-UBND ngày 04 tháng 3 năm 2030 của UBND xã)",
     "kem_theo_de_trong": false,
     "cot": ["TT", "Việc", "Đơn vị chủ trì", "Thời hạn", "Ghi chú"],
     "hang_nhom": "mot_o", "danh_so_nhiem_vu": "lien_tuc",
     "nhom": [
       {"so": "I", "so_nhu_in": "I.", "tieu_de": "TRỒNG", "nhiem_vu": [
         {"tt": "1", "cells": ["Đào hố", "Tổ 1", "Tháng 3", ""]},
         {"tt": "2", "cells": ["Trồng", "Tổ 1", "Tháng 4", "a\nb"], "tt_bold": true, "gop_tren_cot": [0, 1]}
       ]},
       {"so": "II", "so_nhu_in": "II.", "tieu_de": "CHĂM SÓC", "nhiem_vu": [
         {"tt": "3", "cells": ["Tưới", "Tổ 2", "Hằng ngày", ""]},
         {"tt": "3a", "cells": ["Bón phân", "Tổ 2", "Tháng 6", ""], "bold_cells": [0]}
       ]}
     ],
     "hang_tong": {"tt": "", "cells": ["Tổng", "", "", "4"], "gop_ngang": [[0, 2]]}
    }
  ]
}"#;

fn text(block: &Block) -> &str {
    block.kind_and_text().1.as_str()
}

#[test]
fn the_mapping_keeps_what_the_document_prints() {
    let truth: serde_json::Value = serde_json::from_str(SYNTHETIC).unwrap();
    let c = corpus_plan::convert(&truth).unwrap();
    let p = &c.plan;

    assert_eq!(p.so.as_deref(), Some("07"));
    assert_eq!(p.co_quan.viet_tat, "UBND");
    // Sentence case, as Decree 30 prints it (docs/corpus.md, "The summary's case").
    assert!(!p.trich_yeu_in_hoa);

    // Citations rebuilt from their fields: cited in the opening, printed forms kept.
    assert_eq!(p.van_ban.len(), 3, "{:?}", p.van_ban);
    let qd = p.van_ban.iter().find(|v| v.id == "qd-5").unwrap();
    assert_eq!(qd.quan_he, Relation::TrichDan, "cited in the body only");
    assert!(
        c.gaps
            .iter()
            .any(|g| g.contains("no number, date or issuer")),
        "{:?}",
        c.gaps
    );
    let ct = p.van_ban.iter().find(|v| v.id == "cthd-3").unwrap();
    assert_eq!(ct.ten_loai.as_deref(), Some("Chương trình hành động"));
    assert_eq!(ct.so_ky_hieu.as_deref(), Some("3-CTr/ĐU"));
    assert_eq!(ct.ngay_nhu_in.as_deref(), Some("05 tháng 01 năm 2030"));
    let opening = p.mo_dau.as_deref().unwrap();
    assert_eq!(
        opening,
        "*Thực hiện [@kh-12] về trồng cây; [@cthd-3].*\nUBND xã ban hành Kế hoạch như sau:"
    );
    assert_eq!(p.ket_thuc.as_deref(), Some(""));

    // The body: kinds, printed markers where numbering is irregular, emphasis.
    let muc = &p.noi_dung[0];
    assert_eq!(muc.kind_and_text().0, BlockKind::Section);
    let body = muc.children();
    let run_in = body[0].fields().unwrap();
    assert_eq!(run_in.khoan.as_deref(), Some("Thời gian:"));
    assert_eq!(run_in.tiep.as_deref(), Some("cả năm 2030."));
    assert_eq!(run_in.so, None);
    let twice = body[1].fields().unwrap();
    assert_eq!(twice.so.as_deref(), Some("1."), "a numeral printed twice");
    let sub = twice.noi_dung[0].fields().unwrap();
    assert_eq!(sub.so.as_deref(), Some("1.1."));
    assert_eq!((sub.dam, sub.nghieng), (Some(false), Some(true)));
    let sentence = body[2].fields().unwrap();
    assert_eq!(
        sentence.doan.as_deref(),
        Some("Câu có số, không phải đề mục.")
    );
    assert_eq!(sentence.so.as_deref(), Some("1."));
    assert_eq!(body[3].kind_and_text().0, BlockKind::Point);
    assert_eq!(text(&body[3]), "Trồng **5 \\* 2** cây");
    let dash = body[4].fields().unwrap();
    assert_eq!(dash.so_dam, Some(true));
    assert_eq!(dash.noi_dung[0].kind_and_text().0, BlockKind::Plus);
    assert_eq!(body[5].fields().unwrap().nghieng, Some(true));
    assert!(matches!(&body[6], Block::Paragraph(t) if *t == "Theo [@qd-5]."));

    // Signature and recipients.
    assert_eq!(p.ky.thay_mat, None);
    assert_eq!(p.ky.hinh_thuc, Some(SignMode::Kt));
    assert_eq!(p.ky.thu_truong.as_deref(), Some("CHỦ TỊCH"));
    assert_eq!(p.noi_nhan.len(), 1);
    let places: Vec<&str> = p.luu.noi_luu.iter().map(|t| t.as_str()).collect();
    assert_eq!(places, ["VT", "VP (An, Bình)"]);
    assert_eq!(p.luu.nguoi_soan.as_deref(), Some("Ab."));

    // The appendix.
    let a = &p.phu_luc[0];
    let keys: Vec<&str> = a.cot.iter().map(|c| c.khoa.as_str()).collect();
    assert_eq!(keys, ["stt", "noi_dung", "chu_tri", "thoi_han", "cot5"]);
    assert_eq!(a.cot[3].ten.as_deref(), Some("Thời hạn"));
    assert_eq!(a.hang_nhom, Some(GroupRow::MotO));
    assert_eq!(a.danh_so, Some(TaskNumbering::LienTuc));
    assert_eq!(
        a.kem_theo.as_deref(),
        Some("(Kèm theo Kế hoạch số {so}/{ky_hieu} ngày {ngay_dai} của UBND xã)")
    );
    assert_eq!(
        a.nhom[0].so, None,
        "I., II. are the automatic numerals of mot-o"
    );
    let t = &a.nhom[0].nhiem_vu;
    assert_eq!(t[0].tt, None);
    assert_eq!(t[1].tt.as_deref(), Some("**2**"));
    assert_eq!(t[1].gop_tren, ["stt", "noi_dung"]);
    assert_eq!(t[1].them["cot5"], "a\nb");
    let u = &a.nhom[1].nhiem_vu;
    assert_eq!(u[0].tt, None, "numbers run on across groups");
    assert_eq!(u[1].tt.as_deref(), Some("3a"));
    assert_eq!(u[1].noi_dung, "**Bón phân**");
    let total = a.hang_tong.as_ref().unwrap();
    assert_eq!(total.tt.as_deref(), Some(""));
    assert_eq!(
        total.gop_ngang,
        [["noi_dung".to_owned(), "thoi_han".to_owned()]]
    );
    assert_eq!(a.dau_ket_thuc, Some(false));

    // The YAML loads back into the same plan.
    let yaml = corpus_plan::to_yaml(&c, "synthetic.json").unwrap();
    let back = kehoach::load::load_str(Path::new("synthetic.yaml"), &yaml)
        .unwrap_or_else(|f| panic!("{:?}\n{yaml}", f.diagnostics));
    assert_eq!(back.plan, c.plan);
}
