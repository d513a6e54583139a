//! The hostile corpus (`tests/hostile/`): each file says what must happen to it, and the
//! binary is run on it as a clerk would run it.
//!
//! A file's expectations are its leading comment lines (or a `NAME.expect` sidecar when
//! the file cannot carry them, e.g. UTF-16):
//!
//! ```text
//! # expect: ok                         → exit 0, a sound DOCX and HTML
//! # expect: error KH-LOAD-LIMIT        → exit 1, that rule id printed
//! # expect: warning KH-TEXT-CONTROL-CHAR → exit 0, that warning printed, outputs written
//! # expect: error KH-LOAD-YAML line 9  → … against NAME.yaml line 9
//! # shows: <script>                    → this text appears, as text, in both outputs
//! ```
//!
//! Every file also must: never panic (exit 101), leave its input byte-for-byte as it
//! was, and write nothing outside `-o DIR`. `shows:` is also checked on a render done
//! in-process whatever `check` says ([`verify::pipeline_on_bytes`]), so text that the
//! rules refuse (control characters, bidi overrides) is still proved to render as text.

mod rendered;

use std::path::{Path, PathBuf};

use kehoach::compose::Templates;
use kehoach::pipeline::Engine;
use kehoach::verify::{self, PipelineOutcome};
use rendered::{docx_text, files_under, html_text, kehoach, stderr};

#[derive(Debug, Default)]
struct Expect {
    error: Option<String>,
    /// A warning that must be printed while rendering still goes on (exit 0).
    warning: Option<String>,
    line: Option<u32>,
    shows: Vec<String>,
}

fn expectations(path: &Path) -> Expect {
    let sidecar = PathBuf::from(format!("{}.expect", path.display()));
    let header = match std::fs::read(&sidecar) {
        Ok(b) => String::from_utf8(b).unwrap(),
        Err(_) => String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned(),
    };
    let header = header.trim_start_matches('\u{feff}');
    let mut expect = Expect::default();
    let mut said = false;
    for line in header.lines().take_while(|l| l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix("# expect: ") {
            said = true;
            let words: Vec<&str> = rest.split_whitespace().collect();
            match words.as_slice() {
                ["ok"] => {}
                ["warning", code] => expect.warning = Some(code.to_string()),
                ["error", code] => expect.error = Some(code.to_string()),
                ["error", code, "line", n] => {
                    expect.error = Some(code.to_string());
                    expect.line = Some(n.parse().unwrap());
                }
                _ => panic!("{}: cannot read `# expect: {rest}`", path.display()),
            }
        } else if let Some(text) = line.strip_prefix("# shows: ") {
            expect.shows.push(text.to_owned());
        }
    }
    assert!(said, "{} has no `# expect:` line", path.display());
    expect
}

/// Runs `render` on a copy of `plan` named `name` and checks everything above.
/// Returns what failed, so one run reports every file.
fn run_one(name: &str, bytes: &[u8], expect: &Expect) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |m: String| failures.push(format!("{name}: {m}"));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("in")).unwrap();
    let input = dir.path().join("in").join(name);
    std::fs::write(&input, bytes).unwrap();
    let rel = format!("in/{name}");

    let out = kehoach(
        dir.path(),
        &["render", &rel, "-o", "out", "--diagnostic-format", "short"],
    );
    let err = stderr(&out);
    let code = out.status.code();
    // Messages quote plan text: none of its control characters may reach the terminal.
    if let Some(c) = err
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        fail(format!("a raw {:?} reached the terminal:\n{err}", c));
    }
    let wanted = if expect.error.is_some() { 1 } else { 0 };
    if code != Some(wanted) {
        fail(format!("exit {code:?}, expected {wanted}\n{err}"));
    }
    if let Some(rule) = &expect.warning {
        if !err.contains(&format!("[{rule}]")) {
            fail(format!("no warning [{rule}] in\n{err}"));
        }
    }
    if let Some(rule) = &expect.error {
        if !err.contains(&format!("[{rule}]")) {
            fail(format!("no [{rule}] in\n{err}"));
        }
        let at = match expect.line {
            Some(n) => format!("{rel}:{n}:"),
            None => rel.clone(),
        };
        if !err.contains(&at) {
            fail(format!("the message does not name {at}:\n{err}"));
        }
    }
    // The framed report (the default) must cope with the same text.
    let human = kehoach(dir.path(), &["render", &rel, "-o", "out"]);
    if human.status.code() != code {
        fail(format!(
            "human format exit {:?} vs short {code:?}\n{}",
            human.status.code(),
            stderr(&human)
        ));
    }

    if std::fs::read(&input).unwrap() != bytes {
        fail("the input was modified".into());
    }
    let stem = name.trim_end_matches(".yaml");
    let mut allowed = vec![PathBuf::from(&rel)];
    if expect.error.is_none() {
        allowed.push(PathBuf::from(format!("out/{stem}.docx")));
        allowed.push(PathBuf::from(format!("out/{stem}.html")));
    }
    let written = files_under(dir.path());
    if written != allowed {
        fail(format!("files {written:?}, expected {allowed:?}"));
    }
    if expect.error.is_some() || code != Some(0) {
        return failures;
    }

    let docx = std::fs::read(dir.path().join(format!("out/{stem}.docx"))).unwrap_or_default();
    let html =
        std::fs::read_to_string(dir.path().join(format!("out/{stem}.html"))).unwrap_or_default();
    if let Err(e) = verify::docx_package(&docx) {
        fail(format!("broken DOCX: {e}"));
        return failures;
    }
    if let Err(e) = verify::html_page(&html) {
        fail(format!("broken HTML: {e}"));
        return failures;
    }
    failures.extend(shown_in(name, &expect.shows, &docx, &html));
    failures
}

/// The `shows:` texts missing from a DOCX and an HTML page.
fn shown_in(name: &str, shows: &[String], docx: &[u8], html: &str) -> Vec<String> {
    let (docx_text, html_text) = (docx_text(docx), html_text(html));
    let mut missing = Vec::new();
    for shown in shows {
        if !docx_text.contains(shown.as_str()) {
            missing.push(format!("{name}: DOCX text lacks {shown:?}"));
        }
        if !html_text.contains(shown.as_str()) {
            missing.push(format!("{name}: HTML text lacks {shown:?}"));
        }
    }
    missing
}

/// The in-process pipeline on a file: it never panics or writes a damaged file, and
/// whatever it renders (even past `check` errors) shows the expected text.
fn run_in_process(engine: &Engine, name: &str, bytes: &[u8], expect: &Expect) -> Vec<String> {
    match verify::pipeline_on_bytes(engine, bytes) {
        Err(e) => vec![format!("{name}: in-process render damaged: {e}")],
        Ok(PipelineOutcome::Refused(_)) if expect.shows.is_empty() => Vec::new(),
        Ok(PipelineOutcome::Refused(codes)) => {
            vec![format!(
                "{name}: has `shows:` but the pipeline refused it: {codes:?}"
            )]
        }
        Ok(PipelineOutcome::Rendered { docx, html, .. }) => shown_in(
            name,
            &expect.shows,
            &docx,
            &String::from_utf8(html).unwrap(),
        ),
    }
}

#[test]
fn every_hostile_file_gets_its_expected_outcome() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "the corpus is missing");
    let engine = Engine::new(Templates::load(None).unwrap());
    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_str().unwrap();
        let bytes = std::fs::read(path).unwrap();
        let expect = expectations(path);
        failures.extend(run_one(name, &bytes, &expect));
        failures.extend(run_in_process(&engine, name, &bytes, &expect));
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// A plan from the corpus that renders, as the base of the generated cases.
fn base_plan() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile/utf8-bom.yaml");
    let text = std::fs::read_to_string(path).unwrap();
    text.trim_start_matches('\u{feff}').to_owned()
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_parsing() {
    // Valid YAML all the way: the limit, not a parse error, must be what stops it.
    let mut plan = base_plan();
    let filler = format!("# {}\n", "x".repeat(1000));
    while plan.len() <= kehoach::load::MAX_PLAN_BYTES {
        plan.push_str(&filler);
    }
    let expect = Expect {
        error: Some("KH-LOAD-TOO-LARGE".into()),
        ..Expect::default()
    };
    let failures = run_one("huge.yaml", plan.as_bytes(), &expect);
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Defect 5: emphasis marks, directly or multiplied by an alias, stop at a limit with a
/// clear error instead of taking gigabytes.
#[test]
fn an_emphasis_bomb_is_refused_directly_or_through_an_alias() {
    let expect = Expect {
        error: Some("KH-LOAD-LIMIT".into()),
        ..Expect::default()
    };
    let marks = "**a** ".repeat(kehoach::load::MAX_EMPHASIS_MARKS / 4 + 1);
    let direct = format!("{}mo_dau: \"{marks}\"\n", base_plan());
    let failures = run_one("emphasis.yaml", direct.as_bytes(), &expect);
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
    // Under the limit in the source; over it once the alias repeats the text.
    let half = "**a** ".repeat(kehoach::load::MAX_EMPHASIS_MARKS / 8 + 1);
    let aliased = format!("{}mo_dau: &m \"{half}\"\nket_thuc: *m\n", base_plan());
    let failures = run_one("emphasis-alias.yaml", aliased.as_bytes(), &expect);
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Defect 11: parser messages that spoke of Rust types or library options say what to do.
#[test]
fn messages_do_not_leak_rust_internals() {
    let dir = tempfile::tempdir().unwrap();
    let plan: String = base_plan()
        .lines()
        .map(|l| {
            if l.starts_with("trich_yeu:") {
                "trich_yeu: ~\n".to_owned()
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert!(plan.contains("trich_yeu: ~"));
    std::fs::write(dir.path().join("null.yaml"), &plan).unwrap();
    let out = kehoach(dir.path(), &["check", "null.yaml"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(!err.contains("Option<"), "{err}");
    assert!(err.contains("để trống"), "{err}");
    let mut raw = base_plan();
    raw.push_str("mo_dau: a\u{fffe}b\n");
    std::fs::write(dir.path().join("raw.yaml"), &raw).unwrap();
    let out = kehoach(dir.path(), &["check", "raw.yaml"]);
    let err = stderr(&out);
    assert!(
        err.contains("U+FFFE") && err.contains("noncharacter"),
        "{err}"
    );
}

#[test]
fn odd_file_names_stay_inside_the_output_folder() {
    let plan = base_plan();
    for name in [
        "..yaml",
        "...yaml",
        " .yaml",
        "-.yaml",
        "\u{202e}lmth.yaml",
        "a\u{0301}\u{0301}.yaml",
        "CON.yaml",
        "tên có dấu cách.yaml",
        "x\u{7}y.yaml",
    ] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("in")).unwrap();
        std::fs::write(dir.path().join("in").join(name), &plan).unwrap();
        let out = kehoach(dir.path(), &["render", &format!("in/{name}"), "-o", "out"]);
        assert!(
            out.status.code().is_some_and(|c| c != 101),
            "{name:?}: {}",
            stderr(&out)
        );
        for file in files_under(dir.path()) {
            let first = file.components().next().unwrap().as_os_str();
            assert!(first == "in" || first == "out", "{name:?} wrote {file:?}");
            if first == "out" {
                let written = file.file_name().unwrap().to_string_lossy().into_owned();
                assert!(!written.starts_with('.'), "{name:?} → hidden {written:?}");
                assert_eq!(file.components().count(), 2, "{name:?} → {file:?}");
            }
        }
    }
}

#[test]
fn more_tasks_or_paragraphs_than_the_limits_are_refused_at_the_first_one_over() {
    let plan = base_plan();
    let task = "          - noi_dung: Nhiệm vụ lặp lại\n";
    let many_tasks = plan.replace(
        "          - noi_dung: Rà soát thủ tục hành chính\n",
        &task.repeat(kehoach::load::MAX_TASKS + 1),
    );
    let first_task_line = plan
        .lines()
        .position(|l| l.contains("Rà soát thủ tục hành chính"))
        .unwrap();
    let expect = Expect {
        error: Some("KH-LOAD-LIMIT".into()),
        line: Some((first_task_line + 1 + kehoach::load::MAX_TASKS) as u32),
        ..Expect::default()
    };
    let failures = run_one("many-tasks.yaml", many_tasks.as_bytes(), &expect);
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));

    let many_paragraphs = plan.replace(
        "      - Một đoạn văn.\n",
        &"      - Một đoạn văn.\n".repeat(kehoach::load::MAX_BLOCKS + 1),
    );
    let expect = Expect {
        error: Some("KH-LOAD-LIMIT".into()),
        ..Expect::default()
    };
    let failures = run_one("many-paragraphs.yaml", many_paragraphs.as_bytes(), &expect);
    assert!(failures.is_empty(), "\n{}", failures.join("\n\n"));
}

/// Issue 16, defect 5: a DOCX whose parts carry millions of empty attributes (few
/// elements, so under the element ceiling) made the reader abort with "memory
/// allocation failed" under a 1.5 GB limit, in `import` and in `check --docx` alike.
/// Built here: two parts of ~47 MiB, each element with 200 empty attributes, stored
/// uncompressed (94 MB on disk, under the 100 MiB file limit).
#[cfg(target_os = "linux")]
#[test]
fn a_docx_of_millions_of_attributes_is_refused_within_a_memory_limit() {
    use std::io::Write;
    use std::process::Command;
    let dir = tempfile::tempdir().unwrap();
    let names: String = (0..200).map(|i| format!(" a{i:03}=\"\"")).collect();
    let element = format!("<w:x{names}/>");
    let part = |root: &str| {
        let mut s = format!("<?xml version=\"1.0\"?><w:{root} xmlns:w=\"w\">");
        while s.len() + element.len() < 47 * 1024 * 1024 {
            s.push_str(&element);
        }
        s.push_str(&format!("</w:{root}>"));
        s
    };
    const W: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/";
    let rels = format!(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{W}officeDocument\" Target=\"word/document.xml\"/></Relationships>"
    );
    let doc_rels = format!(
        "<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{W}styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"{W}numbering\" Target=\"numbering.xml\"/></Relationships>"
    );
    let document =
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"w\"><w:body><w:p/></w:body></w:document>";
    let path = dir.path().join("thuoc-tinh.docx");
    {
        let file = std::fs::File::create(&path).unwrap();
        let mut w = zip::ZipWriter::new(std::io::BufWriter::new(file));
        let stored = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        for (name, data) in [
            ("_rels/.rels", rels),
            ("word/_rels/document.xml.rels", doc_rels),
            ("word/document.xml", document.to_owned()),
            ("word/styles.xml", part("styles")),
            ("word/numbering.xml", part("numbering")),
        ] {
            w.start_file(name, stored).unwrap();
            w.write_all(data.as_bytes()).unwrap();
        }
        w.finish().unwrap();
    }
    for args in [
        &["import", "thuoc-tinh.docx", "-o", "ra.yaml"][..],
        &["check", "--docx", "thuoc-tinh.docx"][..],
    ] {
        // `ulimit -v` in KiB: 1.5 GB of address space, as in the report.
        let out = Command::new("sh")
            .arg("-c")
            .arg("ulimit -v 1500000 && exec \"$0\" \"$@\"")
            .arg(env!("CARGO_BIN_EXE_kehoach"))
            .args(args)
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .env_remove("KEHOACH_LANG")
            .output()
            .unwrap();
        let err = stderr(&out);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {:?}\n{err}",
            out.status
        );
        assert!(err.contains("phần tử và thuộc tính"), "{args:?}: {err}");
        assert!(!err.contains("memory allocation"), "{args:?}: {err}");
        assert!(!dir.path().join("ra.yaml").exists());
    }
}
