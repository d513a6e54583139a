//! Every typed corpus DOCX and PDF (`../shared/corpus/typed/*.docx`, `*.pdf`) →
//! `kehoach import` → the plan file loaded back → composed and rendered to DOCX →
//! `corpus_score.py` against the document's truth, which must find every element of a
//! DOCX faithful (exit 0) and at least 98 % of a PDF's; `check` must find no error in
//! the imported plan that the signed plan does not have, and its appendix must come back
//! unchanged from CSV and Excel (`appendix export` → `appendix import`).
//!
//! The plan is rendered through the library rather than `kehoach render`: what is
//! measured is the import, not `check`'s view of the plan (a signed plan may still draw
//! check errors the real document has).

use std::path::{Path, PathBuf};
use std::process::Command;

use kehoach::compose::{ComposeOptions, Templates};
use kehoach::pipeline::Engine;
use kehoach::render::Format;

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

#[test]
#[ignore = "needs ../shared corpus, python3"]
fn every_typed_corpus_docx_imports_and_renders_faithfully() {
    import_and_score("docx", 100.0);
}

/// A PDF does not say which words were bold or italic other than by font names, nor
/// where Word's list numbering was: 98 % of the elements must still come back whole.
#[test]
#[ignore = "needs ../shared corpus, python3, poppler-utils"]
fn every_typed_corpus_pdf_imports_and_renders_nearly_faithfully() {
    import_and_score("pdf", 98.0);
}

/// `kehoach reformat` ("chuẩn hóa thể thức") of every typed corpus file, Word and PDF:
/// the DOCX it writes holds the signed document's text, element by element, as the
/// import does (the same thresholds), whatever `check` finds in it.
#[test]
#[ignore = "needs ../shared corpus, python3, poppler-utils"]
fn reformat_turns_every_typed_corpus_file_into_the_same_document() {
    let files = typed_files(&["docx", "pdf"]);
    let dir = tempfile::tempdir().unwrap();
    let mut failed = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let ext = file.extension().unwrap().to_string_lossy().into_owned();
        let out = dir.path().join(format!("{name}-{ext}.docx"));
        let run = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .arg("reformat")
            .arg(file)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        // Exit 1 only says `check` found something in the signed text; 2 is a failure.
        if run.status.code() == Some(2) || !out.exists() {
            failed.push(format!(
                "{name}.{ext}: reformat failed: {}",
                String::from_utf8_lossy(&run.stderr)
            ));
            continue;
        }
        let score = Command::new("python3")
            .arg(shared().join("tools/corpus_score.py"))
            .arg(shared().join(format!("corpus/truth/{name}.json")))
            .arg(&out)
            .output()
            .expect("python3 runs corpus_score.py");
        let text = String::from_utf8_lossy(&score.stdout).into_owned();
        let summary = text
            .lines()
            .find(|l| l.starts_with("corpus_score:"))
            .unwrap_or("no score line")
            .to_owned();
        let at_least = if ext == "pdf" { 98.0 } else { 100.0 };
        if !percent(&summary).is_some_and(|p| p >= at_least) {
            failed.push(format!("{name}.{ext}: {summary}"));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

/// The typed corpus files with one of these extensions, in name order.
fn typed_files(extensions: &[&str]) -> Vec<PathBuf> {
    let typed = shared().join("corpus/typed");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&typed)
        .unwrap_or_else(|e| panic!("{}: {e}", typed.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| extensions.iter().any(|e| x == *e))
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no typed {extensions:?} in {}",
        typed.display()
    );
    files
}

/// The rules the reviewed list (tests/corpus_plan_findings.tsv) found in a document.
fn reviewed_rules(document: &str) -> Vec<String> {
    let list = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus_plan_findings.tsv");
    let list = std::fs::read_to_string(&list).unwrap_or_else(|e| panic!("{}: {e}", list.display()));
    list.lines()
        .skip(1)
        .filter_map(|l| {
            let mut fields = l.split('\t');
            let rule = fields.next()?;
            (fields.next()? == document).then(|| rule.to_owned())
        })
        .collect()
}

/// The percentage on `corpus_score.py`'s summary line ("… (97.5%)").
fn percent(summary: &str) -> Option<f64> {
    let open = summary.rfind('(')?;
    summary[open + 1..]
        .trim_end_matches([')', '%'])
        .parse()
        .ok()
}

fn import_and_score(extension: &str, at_least: f64) {
    let files = typed_files(&[extension]);
    let dir = tempfile::tempdir().unwrap();
    let engine = Engine::new(Templates::builtin());
    let mut report = Vec::new();
    let mut failed = Vec::new();
    for file in &files {
        let name = file.file_stem().unwrap().to_string_lossy().into_owned();
        let yaml = dir.path().join(format!("{name}.yaml"));
        let out = Command::new(env!("CARGO_BIN_EXE_kehoach"))
            .arg("import")
            .arg(file)
            .arg("-o")
            .arg(&yaml)
            .output()
            .unwrap();
        if !out.status.success() {
            failed.push(format!(
                "{name}: import failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
            continue;
        }
        let loaded = match kehoach::load::load_file(&yaml) {
            Ok(l) => l,
            Err(f) => {
                let report = kehoach::diag::FileReport::from(f);
                failed.push(format!(
                    "{name}: the imported plan does not load: {:?}",
                    report.diagnostics
                ));
                continue;
            }
        };
        // An imported signed plan draws no error the signed plan itself does not have
        // (tests/corpus_plan_findings.tsv lists those found in each document).
        let reviewed = reviewed_rules(&name);
        let mut unreviewed: Vec<String> = kehoach::check::check(&loaded.plan, &loaded.source)
            .into_iter()
            .filter(|d| d.is_error() && !reviewed.iter().any(|r| r == d.code))
            .map(|d| format!("{} ({})", d.code, d.message))
            .collect();
        unreviewed.dedup();
        if !unreviewed.is_empty() {
            failed.push(format!(
                "{name}.{extension}: check errors the signed plan does not have: {}",
                unreviewed.join("; ")
            ));
        }
        // The appendix goes out to a spreadsheet and comes back unchanged (a clerk's
        // "regenerate the appendix after edits", with no edit).
        let plan = &loaded.plan;
        let csv =
            kehoach::appendix_csv::import(plan, kehoach::appendix_csv::export(plan).as_bytes());
        let xlsx = kehoach::appendix_xlsx::export(plan)
            .map_err(|e| format!("{e}"))
            .and_then(|bytes| {
                kehoach::appendix_xlsx::import(plan, &bytes).map_err(|e| format!("{e:?}"))
            });
        match (csv, xlsx) {
            (Ok(c), Ok(x)) if c.phu_luc == plan.phu_luc && x.phu_luc == plan.phu_luc => {}
            (c, x) => failed.push(format!(
                "{name}.{extension}: the appendix does not come back from CSV and Excel unchanged: csv {:?}, xlsx {:?}",
                c.map(|c| c.phu_luc == plan.phu_luc),
                x.map(|x| x.phu_luc == plan.phu_luc)
            )),
        }
        let doc = engine
            .compose(&loaded.plan, ComposeOptions::default())
            .unwrap_or_else(|f| panic!("{name}: compose: {f:?}"));
        let bytes = engine
            .render(&doc, Format::Docx)
            .unwrap_or_else(|e| panic!("{name}: render: {e}"));
        let docx = dir.path().join(format!("{name}.docx"));
        std::fs::write(&docx, bytes).unwrap();
        let score = Command::new("python3")
            .arg(shared().join("tools/corpus_score.py"))
            .arg(shared().join(format!("corpus/truth/{name}.json")))
            .arg(&docx)
            .output()
            .expect("python3 runs corpus_score.py");
        let text = String::from_utf8_lossy(&score.stdout).into_owned()
            + &String::from_utf8_lossy(&score.stderr);
        let summary = text
            .lines()
            .find(|l| l.starts_with("corpus_score:"))
            .unwrap_or("no score line")
            .to_owned();
        report.push(format!("{name}: {summary}"));
        let enough = if at_least >= 100.0 {
            score.status.success()
        } else {
            percent(&summary).is_some_and(|p| p >= at_least)
        };
        if !enough {
            let fails: Vec<&str> = text.lines().filter(|l| l.starts_with("FAIL")).collect();
            failed.push(format!("{name}: {summary}\n  {}", fails.join("\n  ")));
        }
    }
    println!("{}", report.join("\n"));
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
