//! `kehoach check --docx`: a DOCX laid out like ours passes; each layout error seeded in
//! a deliberately wrong DOCX is reported with its rule id and where it is.

mod support;

use std::path::Path;
use std::process::Command;

use kehoach::diag::Diagnostic;
use kehoach::layout_check::{check_docx, RULES};

fn findings(bytes: Vec<u8>) -> Vec<Diagnostic> {
    check_docx(Path::new("x.docx"), bytes)
        .expect("readable")
        .diagnostics
}

fn codes(ds: &[Diagnostic]) -> Vec<&'static str> {
    ds.iter().map(|d| d.code).collect()
}

#[test]
fn a_plan_laid_out_like_ours_has_no_errors() {
    let ds = findings(support::ours());
    let errors: Vec<&Diagnostic> = ds.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // docx-rs alone cannot write w:lang or tblHeader (the renderer's finish pass does):
    // those are the only warnings.
    for d in &ds {
        assert!(
            matches!(d.code, "ND30-DOCX-LANG" | "ND30-DOCX-APPENDIX-TABLE-ROWS"),
            "{d:#?}"
        );
    }
}

#[test]
fn every_seeded_error_is_reported_with_its_rule() {
    let ds = findings(support::wrong());
    let found = codes(&ds);
    for code in [
        "ND30-DOCX-PAGE-A4",           // Letter paper
        "ND30-DOCX-PAGE-MARGINS",      // 25.4 mm left margin
        "ND30-DOCX-FONT",              // Arial
        "ND30-DOCX-BODY",              // 12 pt body
        "ND30-DOCX-SO",                // "Số: 7/KH-UBND"
        "ND30-DOCX-DATE",              // "tháng 09"
        "ND30-DOCX-PAGE-NUMBER",       // in the footer
        "ND30-DOCX-PAGE-NUMBER-FIRST", // shown on page 1
        "ND30-DOCX-APPENDIX-HEADING",  // "PHỤ LỤC I" in capitals
        "ND30-DOCX-APPENDIX-SECTION",  // no section of its own
        "ND30-DOCX-APPENDIX-KEM-THEO", // cites 07, the header says 7
    ] {
        assert!(
            found.contains(&code),
            "{code} not reported; found {found:?}"
        );
        assert!(
            RULES.iter().any(|r| r.0 == code),
            "{code} is not in the rule table"
        );
    }
    let so = ds.iter().find(|d| d.code == "ND30-DOCX-SO").unwrap();
    assert!(so.message.contains("«Số: 7/KH-UBND»"), "{}", so.message);
    assert!(so.message.contains("07"), "{}", so.message);
    assert!(so.at.line > 0, "the finding points at its paragraph");
    let date = ds.iter().find(|d| d.code == "ND30-DOCX-DATE").unwrap();
    assert!(date.message.contains("month 09"), "{}", date.message);
    let footer = ds
        .iter()
        .find(|d| d.code == "ND30-DOCX-PAGE-NUMBER")
        .unwrap();
    assert!(footer.message.contains("footer"), "{}", footer.message);
    let font = ds.iter().find(|d| d.code == "ND30-DOCX-FONT").unwrap();
    assert!(font.message.contains("Arial"), "{}", font.message);
    let heading = ds
        .iter()
        .find(|d| d.code == "ND30-DOCX-APPENDIX-HEADING")
        .unwrap();
    assert!(heading.message.contains("PHỤ LỤC"), "{}", heading.message);
}

#[test]
fn the_hand_typed_plan_is_measured_too() {
    // Tabs instead of a table, no page numbers, a page break instead of a section.
    let ds = findings(support::hand_typed());
    let found = codes(&ds);
    assert!(found.contains(&"ND30-DOCX-PAGE-NUMBER"), "{found:?}");
    assert!(found.contains(&"ND30-DOCX-APPENDIX-SECTION"), "{found:?}");
    assert!(
        !found.contains(&"ND30-DOCX-SO"),
        "Số: 25/KH-SNV is right: {ds:#?}"
    );
    assert!(!found.contains(&"ND30-DOCX-DATE"), "{ds:#?}");
    assert!(!found.contains(&"ND30-DOCX-QUOC-HIEU"), "{ds:#?}");
}

#[test]
fn the_cli_exits_1_on_layout_errors_and_0_on_a_clean_file() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = dir.path().join("wrong.docx");
    let ours = dir.path().join("ours.docx");
    std::fs::write(&wrong, support::wrong()).unwrap();
    std::fs::write(&ours, support::ours()).unwrap();
    let run = |path: &Path, extra: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(["check", "--docx"])
            .args(extra)
            .arg(path)
            .output()
            .unwrap()
    };
    let out = run(&wrong, &["--format", "short"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("error[ND30-DOCX-SO]: paragraph"),
        "{stderr}"
    );
    let out = run(&wrong, &["--format", "json"]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert!(json
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "ND30-DOCX-PAGE-A4"));
    let out = run(&ours, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check", "--docx", "--list-rules"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("ND30-DOCX-PAGE-NUMBER-FIRST"));
}
