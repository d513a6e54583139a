//! `render --since`: tracked changes against an old version, resolved three ways: by
//! the test walking the XML, and by LibreOffice's own Accept All / Reject All.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::docx_text::{paragraphs, revisions, View};
use super::tools;
use super::util::{kehoach, plan, stderr};

/// The reference plan and an edited copy: a task inserted in group III, a deadline
/// moved, a task removed, a body sentence reworded.
fn old_and_new(dir: &Path) -> (PathBuf, PathBuf) {
    let old = std::fs::read_to_string(plan("ninh-ha-114-2021.yaml")).unwrap();
    let insert_at = "          - noi_dung: Thực hiện số hóa kết quả giải quyết thủ tục hành chính";
    let removed =
        "          - noi_dung: Bố trí kinh phí cho việc tổ chức thực hiện nhiệm vụ được giao\n";
    let start = old.find(removed).expect("a task to remove");
    let end = start + removed.len() + old[start + removed.len()..].find("          - ").unwrap();
    let mut new = format!("{}{}", &old[..start], &old[end..]);
    new = new
        .replacen(
            insert_at,
            &format!("          - noi_dung: Nhiệm vụ mới về số hóa\n            chu_tri: Công chức VH-XH\n            thoi_han: Năm 2022\n{insert_at}"),
            1,
        )
        .replacen("thoi_han: Trong năm 2021", "thoi_han: Trong quý IV năm 2021", 1);
    assert_ne!(new, old);
    let (o, n) = (dir.join("cu.yaml"), dir.join("ke-hoach.yaml"));
    std::fs::write(&o, old).unwrap();
    std::fs::write(&n, new).unwrap();
    (o, n)
}

fn render(dir: &Path, args: &[&str]) -> String {
    let out = kehoach(dir, args);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn accept_all_is_the_new_render_and_reject_all_the_old() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    old_and_new(d);
    render(d, &["render", "cu.yaml", "-o", "out"]);
    render(d, &["render", "ke-hoach.yaml", "-o", "out"]);
    let summary = render(
        d,
        &["render", "--since", "cu.yaml", "ke-hoach.yaml", "-o", "out"],
    );
    assert_eq!(
        summary.trim(),
        "ke-hoach.yaml: thêm 1 nhiệm vụ, sửa 1, xóa 1"
    );

    let tracked = d.join("out/ke-hoach-thay-doi.docx");
    assert_eq!(
        paragraphs(&tracked, View::AcceptAll),
        paragraphs(&d.join("out/ke-hoach.docx"), View::Plain)
    );
    assert_eq!(
        paragraphs(&tracked, View::RejectAll),
        paragraphs(&d.join("out/cu.docx"), View::Plain)
    );

    // Exactly the edits, in document order: the new deadline words; the inserted row
    // (number, content, unit, three empty cells); group III's tasks 2…9 renumbered
    // 3…10; group VI's tasks 3, 4 renumbered 2, 3 after the removed one.
    let ins = revisions(&tracked, "ins");
    let del = revisions(&tracked, "del");
    let numbers = |r: std::ops::RangeInclusive<usize>| r.map(|n| n.to_string());
    let mut expected: Vec<String> = [
        "quý IV ",
        "2",
        "Nhiệm vụ mới về số hóa",
        "Công chức VH-XH",
        "",
        "",
        "Năm 2022",
    ]
    .map(str::to_owned)
    .to_vec();
    expected.extend(numbers(3..=10));
    expected.extend(numbers(2..=3));
    assert_eq!(ins, expected);
    let mut expected: Vec<String> = numbers(2..=9).collect();
    expected.extend(
        [
            "2",
            "Bố trí kinh phí cho việc tổ chức thực hiện nhiệm vụ được giao",
            "Công chức TC-KT",
            "Công chức VP-TK",
            "Kinh phí được đảm bảo cho việc thực hiện các nhiệm vụ",
            "Năm 2021 và các năm tiếp theo",
            "3",
            "4",
        ]
        .map(str::to_owned),
    );
    assert_eq!(del, expected);

    let xml = super::docx_text::document_xml(&tracked);
    assert!(xml.contains(r#"w:author="UBND phường Ninh Hà" w:date="2021-07-07T00:00:00Z""#));

    let html = std::fs::read_to_string(d.join("out/ke-hoach-thay-doi.html")).unwrap();
    assert!(html.contains(r#"<tr class="row-task row-ins">"#));
    assert!(html.contains(r#"<tr class="row-task row-del">"#));
    assert!(
        html.contains("ins.change {") && html.contains("del.change {"),
        "styled"
    );
}

#[test]
fn author_flag_and_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let (old, new) = old_and_new(d);
    let git = |args: &[&str]| {
        let o = Command::new("git")
            .args(["-c", "user.name=t", "-c", "user.email=t@example.invalid"])
            .args(args)
            .current_dir(d)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    // Outside a repository: a clear error.
    let out = kehoach(
        d,
        &[
            "render",
            "--since",
            "git:HEAD",
            "ke-hoach.yaml",
            "-o",
            "out",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("không nằm trong kho git"),
        "{}",
        stderr(&out)
    );

    git(&["init", "-q", "."]);
    std::fs::copy(&old, &new).unwrap();
    git(&["add", "ke-hoach.yaml"]);
    git(&["commit", "-qm", "old"]);
    old_and_new(d);
    let summary = render(
        d,
        &[
            "render",
            "--since",
            "git:HEAD",
            "--author",
            "Văn phòng",
            "ke-hoach.yaml",
            "-o",
            "out",
            "--format",
            "docx",
        ],
    );
    assert!(
        summary.contains("thêm 1 nhiệm vụ, sửa 1, xóa 1"),
        "{summary}"
    );
    let xml = super::docx_text::document_xml(&d.join("out/ke-hoach-thay-doi.docx"));
    assert!(xml.contains(r#"w:author="Văn phòng""#));
    assert!(!xml.contains(r#"w:author="UBND phường Ninh Hà""#));
}

/// Writer's own Accept All / Reject All, driven over UNO (tests/support/lo_revisions.py).
fn libreoffice_text(docx: &Path, mode: &str) -> Vec<String> {
    let txt = docx.with_extension(format!("{mode}.txt"));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/lo_revisions.py");
    let out = Command::new(tools::UNO_PYTHON)
        .arg(script)
        .arg(docx)
        .arg(&txt)
        .arg(mode)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(txt)
        .unwrap()
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
#[ignore = "needs soffice and python3-uno"]
fn libreoffice_accept_all_and_reject_all() {
    tools::require("soffice");
    tools::require_python_uno();
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    old_and_new(d);
    for args in [
        &["render", "cu.yaml", "-o", "out", "--format", "docx"][..],
        &["render", "ke-hoach.yaml", "-o", "out", "--format", "docx"],
        &[
            "render",
            "--since",
            "cu.yaml",
            "ke-hoach.yaml",
            "-o",
            "out",
            "--format",
            "docx",
        ],
    ] {
        render(d, args);
    }
    let tracked = d.join("out/ke-hoach-thay-doi.docx");
    // The plain renders go through the same export, so both sides are LibreOffice text.
    assert_eq!(
        libreoffice_text(&tracked, "accept"),
        libreoffice_text(&d.join("out/ke-hoach.docx"), "accept")
    );
    assert_eq!(
        libreoffice_text(&tracked, "reject"),
        libreoffice_text(&d.join("out/cu.docx"), "accept")
    );
}
