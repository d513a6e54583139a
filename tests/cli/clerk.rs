//! What a clerk sees: Vietnamese by default, English on request; dates written the
//! clerk's way.

use std::path::Path;
use std::process::{Command, Output};

use super::util::{kehoach, plan, stderr};

fn kehoach_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_kehoach"));
    c.args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("KEHOACH_LANG");
    for (k, v) in env {
        c.env(k, v);
    }
    c.output().expect("the binary runs")
}

#[test]
fn help_and_messages_are_vietnamese_unless_english_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let help = kehoach_env(dir.path(), &["--help"], &[]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("Cách dùng:") && text.contains("Lệnh:"),
        "{text}"
    );
    assert!(
        text.contains("In kế hoạch (tệp hoặc thư mục) ra DOCX"),
        "{text}"
    );
    let render_help = kehoach_env(dir.path(), &["render", "--help"], &[]);
    let text = String::from_utf8_lossy(&render_help.stdout);
    assert!(text.contains("Thư mục ghi kết quả"), "{text}");
    assert!(text.contains("In trợ giúp"), "{text}");

    for english in [
        kehoach_env(dir.path(), &["--lang", "en", "--help"], &[]),
        kehoach_env(dir.path(), &["--help"], &[("KEHOACH_LANG", "en")]),
    ] {
        let text = String::from_utf8_lossy(&english.stdout);
        assert!(
            text.contains("Usage:") && text.contains("Render plans"),
            "{text}"
        );
    }

    let p = plan("ninh-ha-114-2021.yaml");
    let p = p.to_str().unwrap();
    let vi = kehoach_env(dir.path(), &["check", p], &[]);
    assert!(
        stderr(&vi).contains("đã kiểm tra 1 kế hoạch"),
        "{}",
        stderr(&vi)
    );
    let en = kehoach_env(dir.path(), &["check", "--lang=en", p], &[]);
    assert!(stderr(&en).contains("checked 1 plans"), "{}", stderr(&en));
    let missing = kehoach_env(dir.path(), &["render", "khong-co.yaml"], &[]);
    assert!(
        stderr(&missing).contains("kehoach: lỗi: khong-co.yaml: không có tệp hay thư mục này"),
        "{}",
        stderr(&missing)
    );
}

#[test]
fn a_colon_in_a_sentence_is_explained_at_its_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(plan("ninh-ha-114-2021.yaml")).unwrap();
    let trich_yeu = text
        .lines()
        .find(|l| l.starts_with("trich_yeu:"))
        .unwrap()
        .to_owned();
    let line = text.lines().position(|l| l == trich_yeu).unwrap() + 1;
    let broken = text.replace(&trich_yeu, "trich_yeu: Các phòng: Nội vụ, Tư pháp");
    std::fs::write(dir.path().join("x.yaml"), broken).unwrap();
    let out = kehoach(dir.path(), &["check", "x.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains(&format!("x.yaml:{line}:")), "{err}");
    assert!(
        err.contains("câu có dấu hai chấm: đặt cả câu trong dấu nháy"),
        "{err}"
    );
}

#[test]
fn dates_written_the_clerks_way_render_as_decree_30_writes_them() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(plan("ninh-ha-114-2021.yaml")).unwrap();
    let ngay = text
        .lines()
        .find(|l| l.starts_with("ngay:"))
        .unwrap()
        .to_owned();
    for (i, written) in [
        "7/7/2021",
        "07-7-2021",
        "7.7.2021",
        "'ngày 07 tháng 7 năm 2021'",
    ]
    .into_iter()
    .enumerate()
    {
        let name = format!("p{i}.yaml");
        std::fs::write(
            dir.path().join(&name),
            text.replace(&ngay, &format!("ngay: {written}")),
        )
        .unwrap();
        let out = kehoach(dir.path(), &["render", &name, "--format", "html"]);
        assert!(out.status.success(), "{written}: {}", stderr(&out));
        let html = std::fs::read_to_string(dir.path().join(format!("out/p{i}.html"))).unwrap();
        assert!(html.contains("ngày 07 tháng 7 năm 2021"), "{written}");
    }
    std::fs::write(
        dir.path().join("sai.yaml"),
        text.replace(&ngay, "ngay: 31/4/2021"),
    )
    .unwrap();
    let out = kehoach(dir.path(), &["check", "sai.yaml"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("KH-DATE-INVALID") && err.contains("không có ngày 31"),
        "{err}"
    );
}

#[test]
fn a_new_plan_checks_clean_renders_and_is_never_overwritten_by_accident() {
    let dir = tempfile::tempdir().unwrap();
    let unit = super::util::repo().join("units/dien-khanh.yaml");
    let out = kehoach(
        dir.path(),
        &["new", "moi.yaml", "--unit", unit.to_str().unwrap()],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("moi.yaml")).unwrap();
    assert!(
        text.contains("UBND xã Diên Khánh") && text.contains("Phạm Minh Tâm"),
        "{text}"
    );
    let check = kehoach(dir.path(), &["check", "moi.yaml", "--deny-warnings"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("0 lỗi, 0 cảnh báo"),
        "{}",
        stderr(&check)
    );
    let render = kehoach(dir.path(), &["render", "moi.yaml"]);
    assert!(render.status.success(), "{}", stderr(&render));
    assert!(dir.path().join("out/moi.docx").is_file() && dir.path().join("out/moi.html").is_file());

    // An existing file is kept unless --force.
    std::fs::write(dir.path().join("moi.yaml"), "# đã soạn\n").unwrap();
    let again = kehoach(dir.path(), &["new", "moi.yaml"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("moi.yaml")).unwrap(),
        "# đã soạn\n"
    );
    let forced = kehoach(
        dir.path(),
        &["new", "moi.yaml", "--force", "--loai", "chuong-trinh"],
    );
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert!(std::fs::read_to_string(dir.path().join("moi.yaml"))
        .unwrap()
        .contains("loai: \"chuong-trinh\""));

    // A type that does not exist is refused, and nothing is written.
    let bad = kehoach(dir.path(), &["new", "sai.yaml", "--loai", "xyz"]);
    assert_ne!(bad.status.code(), Some(0));
    assert!(!dir.path().join("sai.yaml").exists());
}

#[test]
#[ignore = "needs soffice"]
fn render_writes_a_pdf_a_that_is_the_same_bytes_every_run() {
    super::tools::require("soffice");
    let dir = tempfile::tempdir().unwrap();
    let p = plan("ninh-ha-114-2021.yaml");
    let p = p.to_str().unwrap();
    let first = kehoach(
        dir.path(),
        &["render", p, "-o", "a", "--format", "docx,html,pdf"],
    );
    assert!(first.status.success(), "{}", stderr(&first));
    for ext in ["docx", "html", "pdf"] {
        assert!(
            dir.path()
                .join(format!("a/ninh-ha-114-2021.{ext}"))
                .is_file(),
            "{ext}"
        );
    }
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let second = kehoach(dir.path(), &["render", p, "-o", "b", "--format", "pdf"]);
    assert!(second.status.success(), "{}", stderr(&second));
    let a = std::fs::read(dir.path().join("a/ninh-ha-114-2021.pdf")).unwrap();
    let b = std::fs::read(dir.path().join("b/ninh-ha-114-2021.pdf")).unwrap();
    assert!(a == b, "two runs gave different PDFs");
    let text = String::from_utf8_lossy(&a);
    assert!(
        text.contains("pdfaid:part>2<") || text.contains("pdfaid:part=\"2\""),
        "PDF/A-2"
    );
    assert!(
        text.contains("/CreationDate(D:20210707000000Z)"),
        "the plan's date"
    );
    let info = Command::new("pdfinfo")
        .arg(dir.path().join("a/ninh-ha-114-2021.pdf"))
        .output()
        .unwrap();
    assert!(
        info.status.success(),
        "{}",
        String::from_utf8_lossy(&info.stderr)
    );
    assert!(String::from_utf8_lossy(&info.stdout).contains("Jul  7 00:00:00 2021"));
}

#[test]
fn a_pdf_without_libreoffice_says_how_to_get_it() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan("ninh-ha-114-2021.yaml");
    let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["render", p.to_str().unwrap(), "--format", "pdf"])
        .current_dir(dir.path())
        .env("PATH", dir.path())
        .env_remove("KEHOACH_LANG")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("cần LibreOffice") && err.contains("apt-get install libreoffice-writer-nogui"),
        "{err}"
    );
    assert!(!dir.path().join("out/ninh-ha-114-2021.pdf").exists());
}

/// An archive with PDFs is exported with PDFs again unless they are turned off: here,
/// without LibreOffice, the export says so instead of silently dropping them.
#[test]
fn an_export_without_pdf_keeps_an_archives_pdfs_unless_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let plans = super::util::repo().join("plans");
    std::fs::create_dir(dir.path().join("arch")).unwrap();
    std::fs::write(
        dir.path().join("arch/manifest.json"),
        "{\"format\": \"pdf\"}\n",
    )
    .unwrap();
    let run = |extra: &[&str]| {
        let mut args = vec!["export", plans.to_str().unwrap(), "-o", "arch"];
        args.extend_from_slice(extra);
        Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .args(&args)
            .current_dir(dir.path())
            .env("PATH", "/nonexistent")
            .env_remove("KEHOACH_LANG")
            .output()
            .unwrap()
    };
    let kept = run(&[]);
    assert_eq!(kept.status.code(), Some(2), "{}", stderr(&kept));
    assert!(
        stderr(&kept).contains("kho đã có PDF") && stderr(&kept).contains("cần LibreOffice"),
        "{}",
        stderr(&kept)
    );
    for off in [&["--no-pdf"][..], &["--pdf=false"][..]] {
        let out = run(off);
        assert!(
            !stderr(&out).contains("cần LibreOffice"),
            "{off:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
#[ignore = "needs soffice"]
fn a_later_export_without_pdf_keeps_the_pdfs() {
    super::tools::require("soffice");
    let dir = tempfile::tempdir().unwrap();
    let p = plan("ninh-ha-114-2021.yaml");
    let p = p.to_str().unwrap();
    let pdf = dir.path().join("arch/2021/114-KH-UBND-phuong-ninh-ha.pdf");
    let first = kehoach(dir.path(), &["export", p, "-o", "arch", "--pdf"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let made = std::fs::read(&pdf).unwrap();
    let again = kehoach(dir.path(), &["export", p, "-o", "arch", "--force"]);
    assert!(again.status.success(), "{}", stderr(&again));
    assert_eq!(
        std::fs::read(&pdf).unwrap(),
        made,
        "the same PDF, byte for byte"
    );
    let off = kehoach(dir.path(), &["export", p, "-o", "arch", "--no-pdf"]);
    assert!(off.status.success(), "{}", stderr(&off));
    assert!(!pdf.exists());
}

#[test]
fn the_appendix_goes_to_excel_and_back() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(plan("ninh-ha-114-2021.yaml"), dir.path().join("p.yaml")).unwrap();
    let out = kehoach(
        dir.path(),
        &["appendix", "export", "p.yaml", "--xlsx", "p.xlsx"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let before = std::fs::read_to_string(dir.path().join("p.yaml")).unwrap();
    let back = kehoach(
        dir.path(),
        &["appendix", "import", "p.yaml", "--xlsx", "p.xlsx"],
    );
    assert!(back.status.success(), "{}", stderr(&back));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.yaml")).unwrap(),
        before
    );
    // Not a workbook: a message, exit 1, the plan untouched.
    std::fs::write(dir.path().join("hong.xlsx"), "không phải Excel").unwrap();
    let bad = kehoach(
        dir.path(),
        &["appendix", "import", "p.yaml", "--xlsx", "hong.xlsx"],
    );
    assert_eq!(bad.status.code(), Some(1), "{}", stderr(&bad));
    assert!(
        stderr(&bad).contains("không đọc được tệp Excel"),
        "{}",
        stderr(&bad)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("p.yaml")).unwrap(),
        before
    );
}

#[test]
fn check_refuses_two_plans_with_one_number_as_export_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(plan("ninh-ha-114-2021.yaml"), dir.path().join("a.yaml")).unwrap();
    std::fs::copy(plan("ninh-ha-114-2021.yaml"), dir.path().join("b.yaml")).unwrap();
    let out = kehoach(
        dir.path(),
        &["check", "a.yaml", "b.yaml", "--format", "short"],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("b.yaml:25:5: lỗi[KH-NUMBER-DUPLICATE]") && err.contains("a.yaml"),
        "{err}"
    );
    assert!(!err.contains("a.yaml:25:5: error"), "{err}");
    // One plan alone is clean of it.
    let one = kehoach(dir.path(), &["check", "a.yaml"]);
    assert_eq!(one.status.code(), Some(0), "{}", stderr(&one));
}

#[test]
fn format_means_files_in_render_and_findings_in_check_and_each_accepts_the_other_spelling() {
    let dir = tempfile::tempdir().unwrap();
    let p = plan("ninh-ha-114-2021.yaml");
    let p = p.to_str().unwrap();
    let check = kehoach(dir.path(), &["check", p, "--diagnostic-format", "short"]);
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(
        stderr(&check).contains("cảnh báo[ND30-CITE-FIRST-MENTION]"),
        "{}",
        stderr(&check)
    );
    let render = kehoach(dir.path(), &["render", p, "--format", "short"]);
    assert_eq!(render.status.code(), Some(2));
    assert!(
        stderr(&render).contains("--diagnostic-format short"),
        "{}",
        stderr(&render)
    );
}

#[test]
fn a_report_on_a_draft_whose_parent_moved_points_at_parent() {
    let dir = tempfile::tempdir().unwrap();
    let unit = super::util::repo().join("units/dien-khanh.yaml");
    for sub in ["p", "a"] {
        std::fs::create_dir(dir.path().join(sub)).unwrap();
    }
    std::fs::copy(
        plan("ninh-hoa-2325-2021.yaml"),
        dir.path().join("p/cap-tren.yaml"),
    )
    .unwrap();
    let out = kehoach(
        dir.path(),
        &[
            "derive",
            "p/cap-tren.yaml",
            "--unit",
            unit.to_str().unwrap(),
            "-o",
            "a/du-thao.yaml",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::rename(dir.path().join("p"), dir.path().join("q")).unwrap();
    let report = kehoach(dir.path(), &["derive", "--report", "a/du-thao.yaml"]);
    assert_eq!(report.status.code(), Some(2), "{}", stderr(&report));
    let err = stderr(&report);
    assert!(
        err.contains("--parent") && err.contains("nguon.tep"),
        "{err}"
    );
    let with_parent = kehoach(
        dir.path(),
        &[
            "derive",
            "--report",
            "a/du-thao.yaml",
            "--parent",
            "q/cap-tren.yaml",
        ],
    );
    assert_eq!(
        with_parent.status.code(),
        Some(0),
        "{}",
        stderr(&with_parent)
    );
}

/// `--watch`: a save that fails shows in the preview (a banner over the last good
/// page); the next good save clears it.
#[test]
fn the_watch_preview_shows_that_the_last_save_failed() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let text = std::fs::read_to_string(plan("ninh-ha-114-2021.yaml")).unwrap();
    std::fs::write(d.join("kh.yaml"), &text).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args([
            "render",
            "kh.yaml",
            "-o",
            "out",
            "--format",
            "html",
            "--watch",
            "--watch-limit",
            "2",
        ])
        .current_dir(d)
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    for line in lines.by_ref() {
        if line.unwrap().starts_with("đang theo dõi") {
            break;
        }
    }
    std::thread::spawn(move || for _ in lines {});
    let html = d.join("out/kh.html");
    let wait_for = |what: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        while Instant::now() < deadline {
            if std::fs::read_to_string(&html).is_ok_and(|t| what(&t)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        false
    };
    std::fs::write(
        d.join("kh.yaml"),
        text.replacen("trich_yeu:", "trich_yue:", 1),
    )
    .unwrap();
    let failed = wait_for(&|t| t.contains("Lần lưu cuối của kế hoạch có lỗi"));
    if !failed {
        let _ = child.kill();
    }
    assert!(failed, "no banner within 60 s");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("KH-LOAD-UNKNOWN-KEY") && page.contains("Ban hành Kế hoạch triển khai"));
    std::fs::write(d.join("kh.yaml"), &text).unwrap();
    let cleared = wait_for(&|t| !t.contains("Lần lưu cuối của kế hoạch có lỗi"));
    let _ = child.kill();
    let _ = child.wait();
    assert!(cleared, "the banner stayed after a good save");
}

/// Clap's own words come out in the catalogue's language: a wrong flag, a missing
/// argument and a wrong value are explained in Vietnamese with exit 2, and `--help`
/// writes defaults and accepted values in Vietnamese too.
#[test]
fn usage_errors_and_help_annotations_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| kehoach_env(dir.path(), args, &[]);
    let wrong_flag = run(&["render", "--fromat", "docx", "a.yaml"]);
    let err = stderr(&wrong_flag);
    assert_eq!(wrong_flag.status.code(), Some(2), "{err}");
    assert!(
        err.contains("kehoach: lỗi: không có tùy chọn hay tham số “--fromat”"),
        "{err}"
    );
    assert!(err.contains("có phải là “--format”?"), "{err}");
    assert!(err.contains("Cách dùng: kehoach render"), "{err}");
    for english in [
        "unexpected argument",
        "Usage:",
        "For more information",
        "tip:",
    ] {
        assert!(!err.contains(english), "{english}: {err}");
    }

    let missing = run(&["render"]);
    let err = stderr(&missing);
    assert_eq!(missing.status.code(), Some(2), "{err}");
    assert!(err.contains("thiếu tham số bắt buộc: <KẾ_HOẠCH>"), "{err}");
    assert!(!err.contains("required arguments"), "{err}");

    let unknown = run(&["rendr", "a.yaml"]);
    let err = stderr(&unknown);
    assert_eq!(unknown.status.code(), Some(2), "{err}");
    assert!(err.contains("không có lệnh “rendr”"), "{err}");

    let value = run(&["--color", "xanh", "check", "a.yaml"]);
    let err = stderr(&value);
    assert_eq!(value.status.code(), Some(2), "{err}");
    assert!(err.contains("“xanh” không dùng được cho --color"), "{err}");
    assert!(
        err.contains("các giá trị dùng được: auto, always, never"),
        "{err}"
    );

    let help = run(&["check", "--help"]);
    let text = String::from_utf8_lossy(&help.stdout);
    assert_eq!(help.status.code(), Some(0));
    assert!(
        text.contains("Cách dùng:") && text.contains("Tùy chọn:"),
        "{text}"
    );
    assert!(
        text.contains("[mặc định: auto] [giá trị: auto, always, never]"),
        "{text}"
    );
    assert!(
        !text.contains("[default:") && !text.contains("possible values"),
        "{text}"
    );
    assert!(
        text.contains("Cách dùng: kehoach check [TÙY CHỌN] [KẾ_HOẠCH]..."),
        "{text}"
    );
    assert!(
        !text.contains("[OPTIONS]") && !text.contains("<PLAN>"),
        "{text}"
    );

    let english = kehoach_env(
        dir.path(),
        &["render", "--fromat"],
        &[("KEHOACH_LANG", "en")],
    );
    let err = stderr(&english);
    assert_eq!(english.status.code(), Some(2), "{err}");
    assert!(err.contains("unexpected argument “--fromat”"), "{err}");
}

/// The check rules speak Vietnamese: the findings of every fixture in `tests/check`
/// (the loader's own messages aside) and every rule summary of `--list-rules`, with
/// English on request.
#[test]
fn check_rule_messages_hints_and_summaries_are_vietnamese() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/check");
    let english =
        regex::Regex::new(r"\b(the|is|not|has|write|add|delete|with|of|did you)\b").unwrap();
    let out = kehoach_env(
        dir.path(),
        &["check", fixtures, "--diagnostic-format", "short"],
        &[],
    );
    let err = stderr(&out);
    let mut seen = 0;
    for line in err.lines().filter(|l| l.contains("]: ")) {
        // The loader (`load.rs`) words its own findings.
        if line.contains("[KH-LOAD-") || line.contains("[KH-TEXT-NOT-NFC]") {
            continue;
        }
        seen += 1;
        let said = line.split_once("]: ").map_or(line, |(_, s)| s);
        assert!(!english.is_match(said), "{line}");
    }
    assert!(seen > 60, "{seen} findings\n{err}");

    let unreferenced = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/check/nd30-phu-luc-unreferenced-1.yaml"
    );
    let vi = stderr(&kehoach_env(dir.path(), &["check", unreferenced], &[]));
    assert!(
        vi.contains("phần nội dung không nhắc tới “Phụ lục”"),
        "{vi}"
    );
    assert!(vi.contains("chi tiết tại Phụ lục kèm theo"), "{vi}");
    let en = stderr(&kehoach_env(
        dir.path(),
        &["--lang", "en", "check", unreferenced],
        &[],
    ));
    assert!(en.contains("is not referred to from the body"), "{en}");

    let rules = kehoach_env(dir.path(), &["check", "--list-rules"], &[]);
    let table = String::from_utf8_lossy(&rules.stdout);
    assert!(table.lines().count() > 40, "{table}");
    for line in table.lines() {
        assert!(!english.is_match(line), "{line}");
    }
}
