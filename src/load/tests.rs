use std::path::Path;

use super::*;

const MINIMAL: &str = "\
co_quan:
  ten: [ỦY BAN NHÂN DÂN, PHƯỜNG NINH HÀ]
  ten_goi: UBND phường Ninh Hà
  viet_tat: UBND
so: 07
ngay: 2021-07-07
dia_danh: Ninh Hà
trich_yeu: Triển khai Đề án
noi_dung:
  - muc: MỤC ĐÍCH
    noi_dung:
      - Một đoạn văn.
      - gach: Một dòng.
ky:
  thay_mat: ỦY BAN NHÂN DÂN
  chuc_vu: CHỦ TỊCH
  ho_ten: Trần Văn Chính
noi_nhan: [UBND thị xã]
";

fn load(text: &str) -> Result<Loaded, LoadFailure> {
    load_str(Path::new("t.yaml"), text)
}

fn first_error(text: &str) -> Diagnostic {
    load(text).unwrap_err().diagnostics.remove(0)
}

#[test]
fn loads_a_minimal_plan_with_numbers_and_dates_as_text() {
    let l = load(MINIMAL).unwrap();
    assert_eq!(l.plan.so.as_ref().unwrap().value, "07");
    assert_eq!(l.plan.ngay.as_ref().unwrap().value, "2021-07-07");
    assert_eq!(l.plan.symbol(), "KH-UBND");
    let so = l.plan.so.as_ref().unwrap();
    assert_eq!((so.at.line, so.at.col), (5, 5));
    let para = &l.plan.noi_dung[0].children()[0];
    let (_, text) = para.kind_and_text();
    assert_eq!(text.value, "Một đoạn văn.");
    assert_eq!(text.at.line, 12, "plain-string paragraphs keep their line");
    assert!(l.warnings.is_empty());
}

#[test]
fn dates_written_the_clerks_way_are_kept_as_iso() {
    for (written, iso) in [
        ("15/3/2026", "2026-03-15"),
        ("15-3-2026", "2026-03-15"),
        ("15.3.2026", "2026-03-15"),
        ("'ngày 15 tháng 3 năm 2026'", "2026-03-15"),
        ("ngày 5 tháng 1 năm 2026", "2026-01-05"),
        ("3/2026", "2026-03"),
        ("2026-03-15", "2026-03-15"),
    ] {
        let text = MINIMAL.replace("ngay: 2021-07-07", &format!("ngay: {written}"))
            + "van_ban:\n  - id: kh\n    loai: ke-hoach\n    so: 1\n    ky_hieu: KH-UBND\n    ngay: "
            + written
            + "\n";
        let l = load(&text).unwrap();
        assert_eq!(l.plan.ngay.as_ref().unwrap().value, iso, "{written}");
        assert_eq!(
            l.plan.van_ban[0].ngay.as_ref().unwrap().value,
            iso,
            "{written}"
        );
        assert_eq!(
            l.plan.ngay.as_ref().unwrap().at.line,
            6,
            "the date keeps its place"
        );
    }
    // A date that is not one stays as written, for `check` to report.
    let l = load(&MINIMAL.replace("ngay: 2021-07-07", "ngay: 31/4/2026")).unwrap();
    assert_eq!(l.plan.ngay.as_ref().unwrap().value, "31/4/2026");
}

#[test]
fn rejects_unknown_key_and_suggests_the_nearest() {
    let d = first_error(&MINIMAL.replace("trich_yeu:", "trich_yue:"));
    assert_eq!(d.code, "KH-LOAD-UNKNOWN-KEY");
    assert_eq!(d.at.line, 8);
    assert!(d.help.as_deref().unwrap().contains("`trich_yeu`"), "{d:?}");
}

#[test]
fn rejects_duplicate_keys_with_their_line() {
    let d = first_error(&format!("{MINIMAL}dia_danh: Ninh Hòa\n"));
    assert_eq!(d.code, "KH-LOAD-DUPLICATE-KEY", "{d:?}");
    assert_eq!(d.at.line, 19);
}

#[test]
fn rejects_missing_required_key() {
    let d = first_error(&MINIMAL.replace("dia_danh: Ninh Hà\n", ""));
    assert_eq!(d.code, "KH-LOAD-MISSING-KEY", "{d:?}");
    assert!(d.message.contains("dia_danh"));
}

#[test]
fn rejects_yaml_syntax_errors_with_position() {
    // An unclosed quote: a syntax error, not a type mismatch (`co_quan: [` would be the
    // latter: a list where a map belongs).
    let d = first_error("dia_danh: \"unclosed\n");
    assert_eq!(d.code, "KH-LOAD-YAML", "{d:?}");
    assert!(d.at.line >= 1);
}

#[test]
fn normalises_nfd_and_says_so() {
    let nfd: String = MINIMAL.nfd().collect();
    let l = load(&nfd).unwrap();
    assert_eq!(l.plan.dia_danh.value, "Ninh Hà");
    assert_eq!(l.warnings[0].code, "KH-TEXT-NOT-NFC");
}

#[test]
fn a_long_commented_out_list_loads() {
    // With serde-saphyr's "comments" feature, the parser buffered these lines and refused
    // the plan past 32 of them ("too many buffered comments while looking ahead").
    let commented: String = (0..40).map(|i| format!("  # - gach: dòng {i}\n")).collect();
    let text = MINIMAL.replace(
        "noi_nhan: [UBND thị xã]\n",
        &format!("noi_nhan:\n{commented}  - UBND thị xã\n"),
    );
    let l = load(&text).unwrap();
    assert_eq!(l.plan.noi_nhan[0].value, "UBND thị xã");
    let line = text.lines().position(|l| l == "  - UBND thị xã").unwrap() + 1;
    assert_eq!(l.plan.noi_nhan[0].at.line as usize, line);
}

#[test]
fn refuses_non_utf8_and_strips_bom() {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(MINIMAL.as_bytes());
    assert!(load_bytes(Path::new("t.yaml"), &bytes).is_ok());
    let f = load_bytes(Path::new("t.yaml"), b"co_quan:\n  ten: [\xff]\n").unwrap_err();
    assert_eq!(f.diagnostics[0].code, "KH-LOAD-NOT-UTF8");
    assert_eq!(f.diagnostics[0].at.line, 2);
}

#[test]
fn yaml_1_1_booleans_and_leading_zeros_stay_text() {
    let l = load(&MINIMAL.replace("dia_danh: Ninh Hà", "dia_danh: no")).unwrap();
    assert_eq!(l.plan.dia_danh.value, "no");
}

#[test]
fn refuses_alias_bombs_and_deep_nesting_quickly() {
    let mut bomb = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 0..12 {
        let prev = if i == 0 {
            "a".to_owned()
        } else {
            format!("b{}", i - 1)
        };
        bomb.push_str(&format!(
            "b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"
        ));
    }
    let started = std::time::Instant::now();
    assert!(load(&bomb).is_err());
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    assert!(load(&deep).is_err());
    assert!(started.elapsed().as_secs() < 5);
}

/// Every load error in Vietnamese says what to do, at the line and column.
#[test]
fn load_errors_say_what_to_do_in_vietnamese() {
    let vi = |text: &str| -> Vec<Diagnostic> {
        let _lang = crate::i18n::tests_support::Lang::set("vi");
        load(text).unwrap_err().diagnostics
    };
    let d = &vi(&MINIMAL.replace(
        "trich_yeu: Triển khai Đề án",
        "trich_yeu: Các phòng: Nội vụ, Tư pháp",
    ))[0];
    assert_eq!(
        (d.code, d.at.line, d.at.col),
        ("KH-LOAD-YAML", 8, 21),
        "{d:?}"
    );
    assert!(d.message.contains("dấu hai chấm"), "{d:?}");
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("đặt cả câu trong dấu nháy"),
        "{d:?}"
    );

    let d = &vi(&MINIMAL.replace(
        "      - Một đoạn văn.\n",
        "      - Một đoạn văn.\n     - lệch\n",
    ))[0];
    assert_eq!(d.at.line, 13, "{d:?}");
    assert!(d.message.contains("thụt lề"), "{d:?}");

    let d = &vi(&format!("{MINIMAL}dia_danh: Ninh Hòa\n"))[0];
    assert_eq!((d.code, d.at.line), ("KH-LOAD-DUPLICATE-KEY", 19), "{d:?}");
    assert!(
        d.message.contains("“dia_danh”") && !d.message.contains("DuplicateKeyPolicy"),
        "{d:?}"
    );

    let d = &vi(&MINIMAL.replace("  viet_tat: UBND", "\tviet_tat: UBND"))[0];
    assert!(d.message.contains("Tab"), "{d:?}");

    let d = &vi(&MINIMAL.replace("trich_yeu:", "trich_yue:"))[0];
    assert_eq!((d.code, d.at.line, d.at.col), ("KH-LOAD-UNKNOWN-KEY", 8, 1));
    assert!(
        d.help
            .as_deref()
            .unwrap()
            .contains("có phải là “trich_yeu”"),
        "{d:?}"
    );

    let d = &vi(&MINIMAL.replace("noi_nhan: [UBND thị xã]", "noi_nhan: UBND thị xã"))[0];
    assert_eq!(d.code, "KH-LOAD-WRONG-TYPE");
    assert!(d.message.contains("danh sách"), "{d:?}");

    let d = &vi(&MINIMAL.replace("trich_yeu: Triển khai Đề án", "trich_yeu: 'Triển khai"))[0];
    assert!(d.message.contains("dấu nháy"), "{d:?}");
}

/// Unknown keys and wrong types are all listed in one run, each at its own line.
#[test]
fn every_unknown_key_and_wrong_type_at_once() {
    let text = MINIMAL
        .replace("trich_yeu:", "trich_yue:")
        .replace("  viet_tat: UBND", "  viet_tat: UBND\n  ten_goii: x")
        .replace("noi_nhan: [UBND thị xã]", "noi_nhan: UBND thị xã")
        .replace("  chuc_vu: CHỦ TỊCH", "  chuc_vu: CHỦ TỊCH\n  ho_tenn: A");
    let found: Vec<(&str, u32)> = load(&text)
        .unwrap_err()
        .diagnostics
        .iter()
        .map(|d| (d.code, d.at.line))
        .collect();
    for want in [
        ("KH-LOAD-UNKNOWN-KEY", 5),
        ("KH-LOAD-UNKNOWN-KEY", 9),
        ("KH-LOAD-UNKNOWN-KEY", 18),
        ("KH-LOAD-WRONG-TYPE", 20),
    ] {
        assert!(found.contains(&want), "{want:?} not in {found:?}");
    }
    // A syntax error stops the search: nothing after it can be read.
    let broken = load(&MINIMAL.replace("trich_yeu: Triển khai Đề án", "trich_yeu: 'x\n"))
        .unwrap_err()
        .diagnostics;
    assert_eq!(broken.len(), 1, "{broken:?}");
}

/// Recipients typed as they look on paper ("- Như trên;") are printed without the marks
/// the recipients block adds, so they never print doubled ("- - Như trên;;").
#[test]
fn recipients_typed_with_their_dash_and_semicolon_print_once() {
    let text = MINIMAL.replace(
        "noi_nhan: [UBND thị xã]",
        "noi_nhan:\n  - '- Như trên;'\n  - UBND thị xã;\n  - '-UBND phường'\n  - 'Các ban, ngành (VBĐT)'",
    );
    let plan = load(&text).unwrap().plan;
    let engine = crate::pipeline::Engine::new(crate::compose::Templates::load(None).unwrap());
    let doc = engine.compose(&plan, Default::default()).unwrap();
    let html =
        String::from_utf8(engine.render(&doc, crate::render::Format::Html).unwrap()).unwrap();
    assert!(
        html.contains("Như trên;") && !html.contains("- -") && !html.contains(";;"),
        "{html}"
    );
    for entry in [
        "- UBND thị xã;",
        "- UBND phường;",
        "- Các ban, ngành (VBĐT);",
    ] {
        assert!(html.contains(entry), "{entry}: {html}");
    }
}
