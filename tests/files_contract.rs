//! Reading and writing files as issue 16 asks: every output through one writer that
//! refuses devices, FIFOs and links and never replaces a file it did not make without
//! `--force` (defects 4 and 7); every input through one bounded reader (defect 5); file
//! names printed without their control characters (defect 11).

mod rendered;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rendered::{kehoach, stderr};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn plan_into(dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    if let Some(p) = to.parent() {
        std::fs::create_dir_all(p).unwrap();
    }
    std::fs::copy(repo().join("plans/ninh-ha-114-2021.yaml"), &to).unwrap();
    to
}

#[test]
fn defect_7_schema_and_appendix_export_never_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_into(dir.path(), "plan.yaml");
    let original = std::fs::read(&plan).unwrap();

    let out = kehoach(dir.path(), &["schema", "-o", "plan.yaml"]);
    assert!(!out.status.success());
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&plan).unwrap(), original);

    let out = kehoach(
        dir.path(),
        &["appendix", "export", "plan.yaml", "--csv", "plan.yaml"],
    );
    assert!(!out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&plan).unwrap(), original);

    // A new name is written; --force replaces an existing one.
    let out = kehoach(dir.path(), &["schema", "-o", "schema.json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let out = kehoach(dir.path(), &["schema", "-o", "schema.json"]);
    assert!(!out.status.success());
    let out = kehoach(dir.path(), &["schema", "-o", "schema.json", "--force"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn defect_7_import_never_overwrites_without_force() {
    let dir = tempfile::tempdir().unwrap();
    plan_into(dir.path(), "plan.yaml");
    let out = kehoach(dir.path(), &["render", "plan.yaml", "-o", "out"]);
    assert!(out.status.success(), "{}", stderr(&out));
    std::fs::write(dir.path().join("existing.yaml"), "mine").unwrap();
    let out = kehoach(
        dir.path(),
        &["import", "out/plan.docx", "-o", "existing.yaml"],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(
        err.contains("--force") && !err.contains("File exists"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("existing.yaml")).unwrap(),
        "mine"
    );
}

#[test]
fn defect_7_two_plans_with_one_stem_do_not_overwrite_each_other() {
    let dir = tempfile::tempdir().unwrap();
    plan_into(dir.path(), "a/x.yaml");
    plan_into(dir.path(), "b/x.yaml");
    let out = kehoach(dir.path(), &["render", "a/x.yaml", "b/x.yaml", "-o", "out"]);
    let err = stderr(&out);
    assert!(!out.status.success(), "{err}");
    assert!(
        err.contains("b/x.yaml") && err.contains("a/x.yaml"),
        "{err}"
    );
    assert!(!err.contains("2/2"), "{err}");
}

#[test]
fn defect_7_a_long_stem_keeps_main_and_appendix_apart() {
    let dir = tempfile::tempdir().unwrap();
    let stem = "k".repeat(130);
    plan_into(dir.path(), &format!("{stem}.yaml"));
    let plan = format!("{stem}.yaml");
    let out = kehoach(
        dir.path(),
        &["render", &plan, "-o", "out", "--format", "html"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let out = kehoach(
        dir.path(),
        &[
            "render",
            &plan,
            "-o",
            "out",
            "--format",
            "html",
            "--appendix-only",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let files: Vec<_> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
}

#[cfg(unix)]
#[test]
fn defect_4_outputs_never_replace_devices_or_write_through_links() {
    let dir = tempfile::tempdir().unwrap();
    let out = kehoach(dir.path(), &["schema", "-o", "/dev/null", "--force"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("không phải tệp thường"),
        "{}",
        stderr(&out)
    );
    assert!(!std::fs::metadata("/dev/null").unwrap().is_file());

    // `-o /dev/full` and a full standard output are failures, not success.
    let out = kehoach(dir.path(), &["schema", "-o", "/dev/full"]);
    assert!(!out.status.success());
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .arg("schema")
        .stdout(full)
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(!status.success());

    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, "keep").unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("link.json")).unwrap();
    let out = kehoach(dir.path(), &["schema", "-o", "link.json", "--force"]);
    assert!(!out.status.success());
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");

    // appendix import's `.bak` is not written through a link either.
    let plan = plan_into(dir.path(), "p.yaml");
    let out = kehoach(
        dir.path(),
        &["appendix", "export", "p.yaml", "--csv", "p.csv"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let csv = std::fs::read_to_string(dir.path().join("p.csv")).unwrap();
    std::fs::write(
        dir.path().join("p.csv"),
        csv.replacen("Thực hiện", "Làm", 1),
    )
    .unwrap();
    std::os::unix::fs::symlink(&victim, dir.path().join("p.yaml.bak")).unwrap();
    let before = std::fs::read(&plan).unwrap();
    let out = kehoach(
        dir.path(),
        &["appendix", "import", "p.yaml", "--csv", "p.csv"],
    );
    assert!(!out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    assert_eq!(std::fs::read(&plan).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn defect_5_a_fifo_plan_is_refused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("plan.yaml");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_kehoach"))
        .args(["check", "plan.yaml"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    loop {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(20) {
            child.kill().unwrap();
            panic!("check on a FIFO hangs");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success());
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
}

#[test]
fn defect_11_control_characters_in_file_names_do_not_reach_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let name = "a\u{1b}[31mred.yaml";
    plan_into(dir.path(), name);
    let out = kehoach(
        dir.path(),
        &["render", name, "-o", "out", "--format", "html"],
    );
    let err = stderr(&out);
    assert!(!err.contains('\u{1b}'), "{err:?}");
    assert!(err.contains("\\u{1b}"), "{err}");
}

/// Defect 6: printing many findings of a long plan costs a few lines each, not a scan of
/// the whole file each (4 000 `van_ban` entries with a finding each took minutes), and
/// the window still shows the right line numbers.
#[test]
fn defect_6_findings_of_a_long_file_print_in_linear_time() {
    use kehoach::diag::{render_human, Diagnostic, Source};
    use kehoach::plan::Loc;
    let lines = 20_000usize;
    let text: String = (1..=lines)
        .map(|i| format!("dong_{i}: gia tri {i}\n"))
        .collect();
    let source = Source::new("dai.yaml", text.clone());
    let began = Instant::now();
    for i in (lines - 2_000)..lines {
        let line = i + 1;
        let offset = text.find(&format!("dong_{line}:")).unwrap();
        let at = Loc {
            line: line as u32,
            col: 1,
            offset: offset as u32,
            len: 4,
        };
        let out = render_human(&Diagnostic::warning("KH-TEST", at, "x"), &source, false);
        assert!(out.contains(&format!("dai.yaml:{line}:1")), "{out}");
        assert!(out.contains(&format!("{line} │ dong_{line}:")), "{out}");
    }
    assert!(
        began.elapsed() < Duration::from_secs(20),
        "{:?}",
        began.elapsed()
    );
}
