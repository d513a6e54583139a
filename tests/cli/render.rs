//! `kehoach render` as a clerk uses it.

use super::util::{kehoach, plan, render_reference, repo, stderr};

#[test]
fn renders_docx_and_html_with_the_plan_stem() {
    let (dir, docx, html) = render_reference();
    assert!(docx.is_file() && html.is_file());
    let names: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), 2, "no temp files left behind: {names:?}");
}

#[test]
fn renders_several_plans_and_a_folder_with_format_and_output_flags() {
    let dir = tempfile::tempdir().unwrap();
    let plans = repo().join("plans");
    let out = kehoach(
        dir.path(),
        &[
            "render",
            plans.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            "arch",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    // plans/ holds the 2021 town/ward pair and the 2025 province/commune pair.
    assert!(
        stderr(&out).contains("đã in 4/4 kế hoạch"),
        "{}",
        stderr(&out)
    );
    assert!(dir.path().join("arch/ninh-ha-114-2021.html").is_file());
    assert!(dir.path().join("arch/ninh-hoa-2325-2021.html").is_file());
    assert!(!dir.path().join("arch/ninh-ha-114-2021.docx").exists());
}

#[test]
fn two_renders_give_identical_bytes() {
    let (_a, docx_a, html_a) = render_reference();
    let (_b, docx_b, html_b) = render_reference();
    assert_eq!(
        std::fs::read(docx_a).unwrap(),
        std::fs::read(docx_b).unwrap()
    );
    assert_eq!(
        std::fs::read(html_a).unwrap(),
        std::fs::read(html_b).unwrap()
    );
}

#[test]
fn a_bad_plan_is_reported_and_the_others_still_render() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("hong.yaml");
    std::fs::write(&bad, "co_quan:\n  ten: [A]\n  ten_goi: A\n  viet_tat: UBND\ndia_danh: X\ntrich_yue: y\nky: {ho_ten: A}\n").unwrap();
    let good = plan("ninh-ha-114-2021.yaml");
    let out = kehoach(
        dir.path(),
        &[
            "render",
            bad.to_str().unwrap(),
            good.to_str().unwrap(),
            "--format",
            "html",
        ],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("hong.yaml:6:1"), "{err}");
    assert!(err.contains("có phải là “trich_yeu”"), "{err}");
    assert!(err.contains("đã in 1/2 kế hoạch, 1 lỗi"), "{err}");
    assert!(dir.path().join("out/ninh-ha-114-2021.html").is_file());
    assert!(!dir.path().join("out/hong.html").exists());
}

#[test]
fn works_from_any_folder_with_embedded_templates_and_user_overrides() {
    let dir = tempfile::tempdir().unwrap();
    let plans = dir.path().join("plans");
    std::fs::create_dir_all(&plans).unwrap();
    std::fs::copy(plan("ninh-ha-114-2021.yaml"), plans.join("kh.yaml")).unwrap();
    let out = kehoach(dir.path(), &["render", "plans/kh.yaml", "--tree"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let tree = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(tree.contains("RecipientsLabel \"Nơi nhận:\""));

    // A templates/ folder beside the plans overrides one template by name.
    std::fs::create_dir_all(plans.join("templates")).unwrap();
    std::fs::write(
        plans.join("templates/chu-ky.tera"),
        "noi-nhan-nhan Nơi nhận:\nnoi-nhan - {{ luu }}\ntham-quyen {{ ky.dong | join(sep=\" \") }}\nten-nguoi-ky {{ ky.ho_ten }}\n",
    )
    .unwrap();
    let out = kehoach(dir.path(), &["render", "plans/kh.yaml", "--tree"]);
    let tree = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        tree.contains("Authority \"TM. ỦY BAN NHÂN DÂN CHỦ TỊCH\""),
        "{tree}"
    );

    // A broken override is reported against its own file and line.
    std::fs::write(
        plans.join("templates/chu-ky.tera"),
        "tham-quyen {{ ky.khong }}\n",
    )
    .unwrap();
    let out = kehoach(dir.path(), &["render", "plans/kh.yaml", "--tree"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("chu-ky.tera"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let out = kehoach(dir.path(), &["render", "khong-co.yaml"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("khong-co.yaml"));
    let out = kehoach(dir.path(), &["render", "x.yaml", "--format", "pdf"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn schema_file_in_the_repo_matches_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let out = kehoach(dir.path(), &["schema"]);
    assert!(out.status.success());
    let committed = std::fs::read_to_string(repo().join("kehoach.schema.json")).unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        committed.trim(),
        "run `cargo run -- schema -o kehoach.schema.json`"
    );
}
