//! The archive's contract (docs/archive.md), each clause against the defect of issue 16
//! that broke it: a foreign folder is never replaced (1); a plan that fails keeps its
//! previous files and nothing is skipped in silence (2); kept files are verified by
//! SHA-256 and manifest paths cannot leave the archive (3); names do not move and an
//! issuer is one issuer however it is spelt (8); unbounded inputs are refused (5).

mod rendered;

use std::path::{Path, PathBuf};

use kehoach::export::manifest::{sha256_hex, Manifest};
use rendered::{kehoach, stderr};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A scratch folder with the two example plans in `plans/`.
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("plans")).unwrap();
    for name in ["ninh-ha-114-2021.yaml", "ninh-hoa-2325-2021.yaml"] {
        std::fs::copy(
            repo().join("plans").join(name),
            dir.path().join("plans").join(name),
        )
        .unwrap();
    }
    dir
}

fn export(dir: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec!["export", "plans", "-o", "archive"];
    args.extend_from_slice(extra);
    kehoach(dir, &args)
}

/// Every listed file exists inside the archive with its recorded size and SHA-256.
fn verify(archive: &Path) -> Manifest {
    let m: Manifest =
        serde_json::from_slice(&std::fs::read(archive.join("manifest.json")).unwrap()).unwrap();
    for f in m
        .documents
        .iter()
        .flat_map(|d| &d.files)
        .chain(&m.registers)
    {
        assert!(
            !f.path.contains("..") && !f.path.starts_with('/'),
            "{}",
            f.path
        );
        let bytes = std::fs::read(archive.join(&f.path)).unwrap();
        assert_eq!(sha256_hex(&bytes), f.sha256, "{}", f.path);
    }
    m
}

fn doc_path(m: &Manifest, number: &str, format: &str) -> String {
    m.documents
        .iter()
        .find(|d| d.metadata.code_number == number)
        .and_then(|d| d.file(format))
        .map(|f| f.path.clone())
        .unwrap_or_else(|| panic!("no {format} of {number}"))
}

#[test]
fn defect_1_a_folder_with_someone_elses_manifest_is_never_replaced() {
    let dir = project();
    let site = dir.path().join("archive");
    std::fs::create_dir_all(site.join("src")).unwrap();
    std::fs::write(site.join("manifest.json"), r#"{"name":"pwa","icons":[]}"#).unwrap();
    std::fs::write(site.join("index.html"), "<h1>home</h1>").unwrap();
    std::fs::write(site.join("src/app.js"), "x").unwrap();
    let out = export(dir.path(), &[]);
    assert!(!out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("không phải kho lưu"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).unwrap(),
        "<h1>home</h1>"
    );
    assert!(site.join("src/app.js").exists());
}

#[cfg(unix)]
#[test]
fn defect_2_a_plan_that_fails_keeps_its_previous_files() {
    let dir = project();
    assert!(export(dir.path(), &[]).status.success());
    let archive = dir.path().join("archive");
    let before = verify(&archive);
    let docx = doc_path(&before, "114", "docx");
    let old_bytes = std::fs::read(archive.join(&docx)).unwrap();

    // An I/O failure on one plan (a FIFO where the plan was), and the other edited.
    let plan = dir.path().join("plans/ninh-ha-114-2021.yaml");
    std::fs::remove_file(&plan).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&plan)
        .status()
        .unwrap();
    assert!(made.success());
    let other = dir.path().join("plans/ninh-hoa-2325-2021.yaml");
    let text = std::fs::read_to_string(&other).unwrap();
    std::fs::write(&other, text.replace("trich_yeu: ", "trich_yeu: Sửa đổi. ")).unwrap();

    let out = export(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("ninh-ha-114-2021.yaml") && err.contains("FIFO"),
        "{err}"
    );
    let after = verify(&archive);
    assert_eq!(
        after.documents.len(),
        2,
        "the failed plan is still archived"
    );
    assert_eq!(doc_path(&after, "114", "docx"), docx);
    assert_eq!(std::fs::read(archive.join(&docx)).unwrap(), old_bytes);
    assert!(after
        .documents
        .iter()
        .any(|d| d.metadata.subject.starts_with("Sửa đổi.")));

    // With --force too.
    let out = export(dir.path(), &["--force"]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert_eq!(verify(&archive).documents.len(), 2);
}

#[cfg(unix)]
#[test]
fn defect_2_and_5_symlinked_and_special_plans_are_reported_not_skipped() {
    let dir = project();
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("plans/zero.yaml")).unwrap();
    std::os::unix::fs::symlink("loop.yaml", dir.path().join("plans/loop.yaml")).unwrap();
    let out = export(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("zero.yaml") && err.contains("thiết bị"),
        "{err}"
    );
    assert!(err.contains("loop.yaml") && err.contains("vòng"), "{err}");
    assert!(!err.contains("entity not found"), "{err}");
    assert_eq!(verify(&dir.path().join("archive")).documents.len(), 2);

    // `check` on the device itself returns at once with a clear message.
    let out = kehoach(dir.path(), &["check", "/dev/zero"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("thiết bị"), "{}", stderr(&out));
}

#[test]
fn defect_3_a_kept_file_whose_bytes_changed_is_rendered_again() {
    let dir = project();
    assert!(export(dir.path(), &[]).status.success());
    let archive = dir.path().join("archive");
    let m = verify(&archive);
    let docx = archive.join(doc_path(&m, "114", "docx"));
    let good = std::fs::read(&docx).unwrap();
    std::fs::write(&docx, vec![0u8; good.len()]).unwrap();
    let out = export(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    verify(&archive);
    assert_eq!(std::fs::read(&docx).unwrap(), good);
}

#[test]
fn defect_3_a_manifest_path_outside_the_archive_is_never_linked_in() {
    let dir = project();
    assert!(export(dir.path(), &[]).status.success());
    let archive = dir.path().join("archive");
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "mật khẩu: 123").unwrap();
    let secret_sha = sha256_hex(&std::fs::read(&secret).unwrap());
    let text = std::fs::read_to_string(archive.join("manifest.json")).unwrap();
    let mut m: Manifest = serde_json::from_str(&text).unwrap();
    let abs = secret.to_string_lossy().into_owned();
    for (i, d) in m.documents.iter_mut().enumerate() {
        let f = &mut d.files[0];
        f.path = if i == 0 {
            "../secret.txt".into()
        } else {
            abs.clone()
        };
        f.bytes = std::fs::metadata(&secret).unwrap().len();
        f.sha256 = secret_sha.clone();
    }
    std::fs::write(
        archive.join("manifest.json"),
        serde_json::to_string(&m).unwrap(),
    )
    .unwrap();
    let out = export(dir.path(), &[]);
    assert!(out.status.success(), "{}", stderr(&out));
    verify(&archive);
    for entry in walkdir::WalkDir::new(&archive)
        .into_iter()
        .filter_map(|e| e.ok())
    {
        if entry.file_type().is_file() {
            assert_ne!(
                sha256_hex(&std::fs::read(entry.path()).unwrap()),
                secret_sha,
                "{} is the secret",
                entry.path().display()
            );
        }
    }
}

#[test]
fn defect_8_names_do_not_move_when_a_plan_is_added() {
    let dir = project();
    let plans = dir.path().join("plans");
    let source = std::fs::read(plans.join("ninh-ha-114-2021.yaml")).unwrap();
    std::fs::write(plans.join("m-copy.yaml"), &source).unwrap();
    std::fs::write(plans.join("z-copy.yaml"), &source).unwrap();
    let out = export(dir.path(), &["--allow-duplicates"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let names = |m: &Manifest| -> Vec<(String, String)> {
        let mut v: Vec<_> = m
            .documents
            .iter()
            .map(|d| (d.source.path.clone(), d.files[0].path.clone()))
            .collect();
        v.sort();
        v
    };
    let before = names(&verify(&dir.path().join("archive")));
    // A plan that sorts before all of them, with the same number.
    std::fs::write(plans.join("a-copy.yaml"), &source).unwrap();
    let out = export(dir.path(), &["--allow-duplicates"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = names(&verify(&dir.path().join("archive")));
    for pair in &before {
        assert!(after.contains(pair), "{pair:?} moved: {after:?}");
    }
    assert_eq!(after.len(), before.len() + 1);
}

#[test]
fn defect_8_an_issuer_in_capitals_or_without_accents_is_the_same_issuer() {
    let dir = project();
    let plans = dir.path().join("plans");
    let source = std::fs::read_to_string(plans.join("ninh-ha-114-2021.yaml")).unwrap();
    for (name, spelling) in [
        ("caps.yaml", "UBND PHƯỜNG NINH HÀ"),
        ("ascii.yaml", "UBND phuong Ninh Ha"),
    ] {
        let text = source.replace(
            "ten_goi: UBND phường Ninh Hà",
            &format!("ten_goi: {spelling}"),
        );
        assert_ne!(text, source);
        std::fs::write(plans.join(name), text).unwrap();
    }
    let out = export(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("caps.yaml") && err.contains("ascii.yaml"),
        "{err}"
    );
    // With --allow-duplicates all three land in one register.
    let out = export(dir.path(), &["--allow-duplicates"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let m = verify(&dir.path().join("archive"));
    let registers: Vec<_> = m
        .registers
        .iter()
        .filter(|r| r.format == "html" && r.path.contains("ninh-ha"))
        .collect();
    assert_eq!(registers.len(), 1, "{registers:?}");
}

#[test]
fn defect_6_jobs_beyond_the_cores_are_capped() {
    let dir = project();
    let began = std::time::Instant::now();
    let out = export(dir.path(), &["-j", "100000"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        began.elapsed() < std::time::Duration::from_secs(20),
        "{:?}",
        began.elapsed()
    );
}

#[test]
fn defect_11_year_zero_is_not_archived() {
    let dir = project();
    let minimal = std::fs::read_to_string(repo().join("tests/check/clean-minimal.yaml")).unwrap();
    let text = minimal.replace("ngay: 2021-01-05", "ngay: \"0000-01-01\"");
    assert_ne!(text, minimal);
    std::fs::write(dir.path().join("plans/zero.yaml"), text).unwrap();
    let out = export(dir.path(), &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // Refused by check (no such date) or, were it read, by the archive (before 1945).
    assert!(
        err.contains("zero.yaml") && (err.contains("KH-DATE-INVALID") || err.contains("1945")),
        "{err}"
    );
    assert!(!dir.path().join("archive/0000").exists());
}
