//! The direct writer against the docx-rs path it replaced: for every document here the
//! two packages must list the same parts in the same order with the same bytes.

use std::path::Path;

use super::sample;
use super::xml::unzip;
use crate::compare::{compare, Stamp};
use crate::compose::{compose, ComposeOptions, Templates};
use crate::document::{Block, Document};
use crate::load::load_file;
use crate::profile::Profile;
use crate::render::docx::DocxRenderer;
use crate::render::{RenderContext, Renderer};

fn both(doc: &Document) -> (Vec<u8>, Vec<u8>) {
    let profile = Profile::nd30();
    let templates = tera::Tera::default();
    let ctx = RenderContext::new(&profile, &templates);
    let direct = DocxRenderer.render(doc, &ctx).expect("direct renders");
    let oracle = DocxRenderer
        .render_with_docx_rs(doc, &ctx)
        .expect("docx-rs renders");
    (direct, oracle)
}

/// Same parts, same order, same bytes; on a difference, the first differing part and
/// the text around the first differing byte.
fn assert_same_package(label: &str, doc: &Document) {
    let (direct, oracle) = both(doc);
    let (d, o) = (unzip(&direct), unzip(&oracle));
    let names = |p: &[(String, Vec<u8>)]| p.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&d), names(&o), "{label}: parts");
    for ((name, a), (_, b)) in d.iter().zip(&o) {
        if a != b {
            let at = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let around = |x: &[u8]| {
                let from = at.saturating_sub(300);
                String::from_utf8_lossy(&x[from..(at + 300).min(x.len())]).into_owned()
            };
            panic!(
                "{label}: {name} differs at byte {at} (lengths {} and {})\n direct: …{}…\n oracle: …{}…",
                a.len(),
                b.len(),
                around(a),
                around(b)
            );
        }
    }
    // Same compressor, same input, same options: the archives are equal too.
    assert!(direct == oracle, "{label}: the zip containers differ");
}

fn composed(path: &Path) -> Document {
    let plan = load_file(path).expect("plan loads").plan;
    compose(
        &plan,
        &Templates::builtin(),
        &Profile::nd30(),
        ComposeOptions::default(),
    )
    .expect("plan composes")
}

fn plans() -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    paths
        .into_iter()
        .map(|p| (p.display().to_string(), composed(&p)))
        .collect()
}

#[test]
fn hand_built_samples_match_docx_rs() {
    assert_same_package("sample", &sample::plan());
    assert_same_package("sample with changes", &sample::plan_with_changes());
    for (i, doc) in sample::odd_documents().iter().enumerate() {
        assert_same_package(&format!("odd document {i}"), doc);
    }
}

#[test]
fn composed_plans_match_docx_rs() {
    for (name, doc) in plans() {
        assert_same_package(&name, &doc);
    }
}

/// Tracked changes as `render --since` makes them: between two plans, against an
/// empty document (all inserted, then all deleted), and a plan against itself with
/// every other paragraph's text changed.
#[test]
fn compared_plans_match_docx_rs() {
    let plans = plans();
    let stamp = Stamp::new("UBND phường Ninh Hà", Some("2021-07-07"));
    let empty = Document::default();
    for (name, doc) in &plans {
        assert_same_package(
            &format!("{name} inserted"),
            &compare(&empty, doc, &stamp).document,
        );
        assert_same_package(
            &format!("{name} deleted"),
            &compare(doc, &empty, &stamp).document,
        );
        let mut edited = doc.clone();
        for (i, p) in edited
            .parts
            .iter_mut()
            .flat_map(|p| &mut p.blocks)
            .filter_map(|b| match b {
                Block::Para(p) => Some(p),
                Block::Table(_) => None,
            })
            .enumerate()
        {
            if i % 2 == 0 {
                if let Some(r) = p.runs.first_mut() {
                    r.text = format!("{} (sửa đổi)", r.text);
                }
            }
        }
        assert_same_package(
            &format!("{name} edited"),
            &compare(doc, &edited, &stamp).document,
        );
    }
    if let [(a, x), (b, y), ..] = &plans[..] {
        assert_same_package(&format!("{a} → {b}"), &compare(x, y, &stamp).document);
    }
}

/// A 2 000-task appendix: ids past four hex digits stay in step.
#[test]
fn a_large_plan_matches_docx_rs() {
    let mut doc = sample::plan();
    let task = sample::task_row("1", &["Nhiệm vụ & <việc>", "Công chức"], "Quý IV");
    if let Some(Block::Table(t)) = doc.parts[1].blocks.last_mut() {
        for _ in 0..2_000 {
            t.rows.push(task.clone());
        }
    }
    assert_same_package("2 000 tasks", &doc);
}

/// Documents with different role sets (so different skeletons, some built while other
/// threads render) on 8 threads give the oracle's bytes.
#[test]
fn threads_sharing_the_skeleton_cache_match_docx_rs() {
    let mut docs = vec![sample::plan(), sample::plan_with_changes()];
    docs.extend(sample::odd_documents());
    docs.extend(plans().into_iter().map(|(_, d)| d));
    let want: Vec<Vec<u8>> = docs.iter().map(|d| both(d).1).collect();
    std::thread::scope(|s| {
        for t in 0..8 {
            let (docs, want) = (&docs, &want);
            s.spawn(move || {
                for round in 0..3 {
                    // Each thread starts at a different document.
                    for i in 0..docs.len() {
                        let i = (i + t + round) % docs.len();
                        let profile = Profile::nd30();
                        let templates = tera::Tera::default();
                        let ctx = RenderContext::new(&profile, &templates);
                        let got = DocxRenderer.render(&docs[i], &ctx).unwrap();
                        assert!(got == want[i], "thread {t}: document {i} differs");
                    }
                }
            });
        }
    });
}
