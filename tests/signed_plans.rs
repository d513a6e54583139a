//! Signed plans are reproduced, drafts are guarded: `render` and `export` write an issued
//! plan (a number and a full date) as it is and report what `check` finds; a draft with
//! errors stops unless `render --force`; a plan that cannot be loaded always stops.

use std::path::Path;
use std::process::{Command, Output};

/// A plan whose text cites one document with two numbers (KH-CITE-CONFLICT, an error).
fn plan(so_ngay: &str) -> String {
    format!(
        "co_quan:
  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG AN BÌNH]
  ten_goi: UBND phường An Bình
  viet_tat: UBND
{so_ngay}dia_danh: An Bình
trich_yeu: Triển khai công tác chuyển đổi số năm 2026
van_ban:
  - id: kh45
    loai: ke-hoach
    so: 45
    ky_hieu: KH-UBND
    ngay: 2026-01-10
    co_quan: UBND tỉnh Đồng Nai
    trich_yeu: về chuyển đổi số năm 2026
noi_dung:
  - Triển khai Kế hoạch số 54/KH-UBND ngày 10/01/2026 của UBND tỉnh Đồng Nai.
ky:
  thay_mat: ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Lê Văn An
noi_nhan: [UBND tỉnh]
"
    )
}

const ISSUED: &str = "so: 12\nngay: 2026-02-03\n";

fn kehoach(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

#[test]
fn the_plan_used_here_has_a_check_error() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.yaml", &plan(ISSUED));
    let out = kehoach(dir.path(), &["check", "p.yaml"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("KH-CITE-CONFLICT"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn an_issued_plan_with_errors_is_rendered_as_signed_and_its_findings_reported() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.yaml", &plan(ISSUED));
    let out = kehoach(dir.path(), &["render", "p.yaml", "-o", "out"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("KH-CITE-CONFLICT"), "{err}");
    assert!(err.contains("đã in 1/1 kế hoạch"), "{err}");
    assert!(dir.path().join("out/p.docx").is_file());
    assert!(dir.path().join("out/p.html").is_file());
}

#[test]
fn a_draft_with_errors_stops_and_force_renders_it() {
    for so_ngay in [
        "",
        "so: 12\n",
        "so: 12\nngay: 2026-02\n",
        "ngay: 2026-02-03\n",
    ] {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "p.yaml", &plan(so_ngay));
        let out = kehoach(dir.path(), &["render", "p.yaml", "-o", "out"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{so_ngay:?}: {err}");
        assert!(err.contains("KH-CITE-CONFLICT"), "{err}");
        assert!(!dir.path().join("out/p.docx").exists(), "{so_ngay:?}");
        assert!(!dir.path().join("out/p.html").exists(), "{so_ngay:?}");

        let out = kehoach(dir.path(), &["render", "p.yaml", "-o", "out", "--force"]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{so_ngay:?}: {err}");
        assert!(err.contains("KH-CITE-CONFLICT"), "{err}");
        assert!(dir.path().join("out/p.docx").is_file(), "{so_ngay:?}");
    }
}

#[test]
fn a_plan_that_does_not_load_stops_even_when_issued_or_forced() {
    let dir = tempfile::tempdir().unwrap();
    // `trich_yue`: a misspelt key, a loading error.
    let bad = plan(ISSUED).replace("trich_yeu: Triển", "trich_yue: Triển");
    write(dir.path(), "p.yaml", &bad);
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["render", "p.yaml", "-o", "out"];
        args.extend_from_slice(extra);
        let out = kehoach(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert!(!dir.path().join("out/p.docx").exists());
    }
    let out = kehoach(dir.path(), &["export", "p.yaml", "-o", "archive"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!dir.path().join("archive/manifest.json").exists());
}

#[test]
fn export_writes_an_issued_plan_with_errors_and_refuses_a_draft() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.yaml", &plan(ISSUED));
    let out = kehoach(dir.path(), &["export", "p.yaml", "-o", "archive"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("KH-CITE-CONFLICT"), "{err}");
    let docx: Vec<_> = walk(&dir.path().join("archive"))
        .into_iter()
        .filter(|p| p.ends_with("12-KH-UBND-phuong-an-binh.docx"))
        .collect();
    assert_eq!(docx.len(), 1, "{docx:?}");

    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "p.yaml", &plan(""));
    let out = kehoach(dir.path(), &["export", "p.yaml", "-o", "archive"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let docx = walk(&dir.path().join("archive"))
        .into_iter()
        .filter(|p| p.ends_with(".docx") && !p.contains("so-dang-ky"))
        .count();
    assert_eq!(docx, 0);
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(dir) else {
        return out;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.to_string_lossy().into_owned());
        }
    }
    out
}

#[test]
fn an_issued_plan_that_cannot_be_built_faithfully_still_stops() {
    // `[@kh54]` names no `van_ban` entry: there is no text to reproduce.
    let dir = tempfile::tempdir().unwrap();
    let bad = plan(ISSUED).replace(
        "Triển khai Kế hoạch số 54/KH-UBND ngày 10/01/2026 của UBND tỉnh Đồng Nai.",
        "Triển khai [@kh54].",
    );
    write(dir.path(), "p.yaml", &bad);
    for extra in [&[][..], &["--force"][..]] {
        let mut args = vec!["render", "p.yaml", "-o", "out"];
        args.extend_from_slice(extra);
        let out = kehoach(dir.path(), &args);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{err}");
        assert!(err.contains("KH-CITE-UNKNOWN-ID"), "{err}");
        assert!(!dir.path().join("out/p.docx").exists());
    }
}
