//! The check rules against the fixtures in `tests/check/`.
//!
//! Each fixture is a small plan whose first comment lines say what `check` must find:
//!
//! ```yaml
//! # expect: KH-CITE-CONFLICT 27:41   (rule id, line, optional column; one per line)
//! # allow: KH-TEXT-DOUBLE-SPACE      (a warning that may also appear)
//! ```
//!
//! Findings and expectations are compared as (rule id, line) in both directions: a
//! missing finding and an unexpected one both fail. `clean-*.yaml` expect nothing.
//! Plans that fail to load are compared with their load diagnostics.

use std::fs;
use std::path::{Path, PathBuf};

use kehoach::check::{check, rule, RULES};
use kehoach::diag::{Diagnostic, Severity, Source};
use kehoach::load::load_bytes;

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check")
}

fn fixtures() -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(fixture_dir())
        .expect("tests/check exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    paths
}

/// Loads and checks a plan file the way `kehoach check` does.
fn findings_of(path: &Path, bytes: &[u8]) -> (Vec<Diagnostic>, Source) {
    match load_bytes(path, bytes) {
        Ok(loaded) => {
            let mut all = loaded.warnings.clone();
            all.extend(check(&loaded.plan, &loaded.source));
            (all, loaded.source)
        }
        Err(failure) => (failure.diagnostics, failure.source),
    }
}

#[derive(Debug, Default)]
struct Expect {
    findings: Vec<(String, u32, Option<u32>)>,
    allow: Vec<String>,
}

fn expectations(bytes: &[u8]) -> Expect {
    let text = String::from_utf8_lossy(bytes);
    let mut e = Expect::default();
    for line in text.lines().take_while(|l| l.starts_with('#')) {
        if let Some(rest) = line.strip_prefix("# expect:") {
            let mut parts = rest.split_whitespace();
            let id = parts
                .next()
                .expect("a rule id after `# expect:`")
                .to_owned();
            let pos = parts.next().expect("a line after the rule id");
            let (l, c) = match pos.split_once(':') {
                Some((l, c)) => (l, Some(c.parse().expect("column is a number"))),
                None => (pos, None),
            };
            e.findings
                .push((id, l.parse().expect("line is a number"), c));
        } else if let Some(rest) = line.strip_prefix("# allow:") {
            e.allow.push(rest.trim().to_owned());
        }
    }
    e
}

/// What is wrong with one fixture's findings, if anything.
fn compare(name: &str, found: &[Diagnostic], expect: &Expect) -> Vec<String> {
    let mut problems = Vec::new();
    let mut unmatched: Vec<&Diagnostic> = found.iter().collect();
    for (id, line, col) in &expect.findings {
        let hit = unmatched
            .iter()
            .position(|d| d.code == id && d.at.line == *line && col.is_none_or(|c| d.at.col == c));
        match hit {
            Some(i) => {
                unmatched.remove(i);
            }
            None => problems.push(format!(
                "{name}: expected {id} at line {line}{} — not found",
                col.map(|c| format!(":{c}")).unwrap_or_default()
            )),
        }
    }
    for d in unmatched {
        let allowed = d.severity == Severity::Warning && expect.allow.iter().any(|a| a == d.code);
        if !allowed {
            problems.push(format!(
                "{name}: unexpected {} at {}:{} — {}",
                d.code, d.at.line, d.at.col, d.message
            ));
        }
    }
    problems
}

#[test]
fn fixtures_yield_exactly_their_expected_findings() {
    let mut problems = Vec::new();
    for path in fixtures() {
        let bytes = fs::read(&path).expect("readable fixture");
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let expect = expectations(&bytes);
        if name.starts_with("clean-") {
            assert!(
                expect.findings.is_empty(),
                "{name}: a clean plan expects nothing"
            );
        } else {
            assert!(!expect.findings.is_empty(), "{name}: no `# expect:` line");
        }
        let (found, _) = findings_of(&path, &bytes);
        problems.extend(compare(&name, &found, &expect));
    }
    assert!(problems.is_empty(), "\n{}\n", problems.join("\n"));
}

#[test]
fn there_are_at_least_forty_bad_plans_and_every_rule_has_one() {
    let mut covered = Vec::new();
    let mut bad = 0;
    for path in fixtures() {
        let expect = expectations(&fs::read(&path).unwrap());
        if !expect.findings.is_empty() {
            bad += 1;
        }
        covered.extend(expect.findings.into_iter().map(|f| f.0));
    }
    assert!(bad >= 40, "only {bad} bad plans");
    // Reading and size failures need a file system or 8 MiB, not a fixture.
    let untestable = ["KH-LOAD-READ", "KH-LOAD-TOO-LARGE"];
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.id)
        .filter(|id| !untestable.contains(id) && !covered.iter().any(|c| c == id))
        .collect();
    assert!(missing.is_empty(), "rules without a fixture: {missing:?}");
}

#[test]
fn every_finding_is_a_listed_rule_with_its_severity_and_a_help() {
    for path in fixtures() {
        let bytes = fs::read(&path).unwrap();
        let (found, _) = findings_of(&path, &bytes);
        for d in found {
            let info = rule(d.code).unwrap_or_else(|| panic!("{} is not in RULES", d.code));
            assert_eq!(info.severity, d.severity, "{}", d.code);
            let help = d.help.as_deref().unwrap_or_default();
            assert!(!help.is_empty(), "{} has no help", d.code);
            let first = d.message.chars().next().unwrap_or('x');
            assert!(
                !first.is_uppercase() || d.message.starts_with('`'),
                "{}: messages start in lower case: {}",
                d.code,
                d.message
            );
            assert!(
                !d.message.ends_with('.'),
                "{}: no final period: {}",
                d.code,
                d.message
            );
        }
    }
}

#[test]
fn rule_table_is_well_formed() {
    for (i, r) in RULES.iter().enumerate() {
        assert!(
            r.id.starts_with("ND30-") || r.id.starts_with("KH-"),
            "{} needs the ND30- or KH- prefix",
            r.id
        );
        assert!(
            r.id.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-'),
            "{}",
            r.id
        );
        if r.id.starts_with("ND30-") {
            assert!(
                r.clause.is_some_and(|c| c.starts_with("NĐ 30")),
                "{}: ND30 rules name their clause",
                r.id
            );
        }
        assert!(!r.summary.is_empty());
        assert!(
            RULES[..i].iter().all(|o| o.id != r.id),
            "{} listed twice",
            r.id
        );
    }
}

/// The reference plan (Kế hoạch 114/KH-UBND, Ninh Hà) with its original typos: the
/// town's plan cited as 2235 once and 2325 twice, and "Kế Kế hoạch".
#[test]
fn reference_plan_typos_are_found_where_they_are() {
    let path = fixture_dir().join("reference-typos.yaml");
    let bytes = fs::read(&path).unwrap();
    let (found, source) = findings_of(&path, &bytes);
    let conflicts: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.code == "KH-CITE-CONFLICT")
        .collect();
    // One finding, on the odd one out: two of three mentions say 2325.
    assert_eq!(conflicts.len(), 1, "{found:#?}");
    for d in &conflicts {
        // The caret sits on the number itself.
        let offset = source.offset_of(d.at).unwrap();
        assert!(source.text[offset..].starts_with("2235/KH-UBND"), "{d:?}");
        assert!(
            d.message.contains("2325"),
            "names the agreeing mention: {}",
            d.message
        );
        assert!(
            d.help.as_deref().unwrap().contains("2 trong 3"),
            "{:?}",
            d.help
        );
    }
    let repeated = found
        .iter()
        .find(|d| d.code == "KH-TEXT-REPEATED-WORD")
        .expect("Kế Kế hoạch is found");
    let offset = source.offset_of(repeated.at).unwrap();
    assert!(
        source.text[offset..].starts_with("Kế hoạch triển khai"),
        "{repeated:?}"
    );
}

/// A small deterministic generator (xorshift), so a failure is reproducible by seed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

/// Text a clerk (or a PDF, or a bad copy-paste) can put into a plan.
const SNIPPETS: &[&str] = &[
    "\u{200f}",
    "\u{202e}",
    "\u{0}",
    "\u{7}",
    "\t",
    "\r",
    "\u{feff}",
    "\u{301}\u{301}",
    "𝕏🙂",
    "  ",
    "Kế Kế ",
    "[@",
    "[@kh2325",
    "[@]",
    "[@:ngan]",
    "**",
    "(",
    ")",
    "“",
    "\"",
    "'",
    ": ",
    "- ",
    "#",
    "&a ",
    "*a ",
    "30/02/2021",
    "ngày 10/7",
    "ngày 99/99/9999",
    "Quý V/2021",
    "tháng 13/2021",
    "0000-00-00",
    "f) ",
    "\na) ",
    "Kế hoạch số 1/KH-",
    "Kế hoạch số 99999999999999999999999/KH-UBND ngày 31/12/9999 của ",
    "Nghị định số 1/ ",
    "Phụ lục MMMMMMMMMM ",
    "Lưu: ",
    "TM. ",
    "~",
    "null",
];

fn boundary(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut s = text.to_owned();
    for _ in 0..=rng.below(3) {
        let mut pos = boundary(&s, rng.below(s.len() + 1));
        if rng.below(2) == 0 {
            // At the end of a line, inside its value, most mutations keep the YAML valid.
            pos = s[pos..].find('\n').map_or(s.len(), |i| pos + i);
        }
        match rng.below(6) {
            0 | 1 => s.insert_str(pos, SNIPPETS[rng.below(SNIPPETS.len())]),
            2 => {
                let end = boundary(&s, pos + rng.below(40));
                s.replace_range(pos..end, "");
            }
            3 => {
                let start = s[..pos].rfind('\n').map_or(0, |i| i + 1);
                let end = s[pos..].find('\n').map_or(s.len(), |i| pos + i + 1);
                let line = s[start..end].to_owned();
                s.insert_str(start, &line);
            }
            4 => s.truncate(pos),
            _ => {
                let long =
                    ["x", "Kế ", "  ", "ngày 1/1/2021 ", "(", "a) "][rng.below(6)].repeat(10_000);
                s.insert_str(pos, &long);
            }
        }
    }
    s
}

#[test]
fn no_input_makes_check_panic() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let sources: Vec<(PathBuf, String)> = fixtures()
        .into_iter()
        .map(|p| {
            let t = String::from_utf8_lossy(&fs::read(&p).unwrap()).into_owned();
            (p, t)
        })
        .collect();
    let mut checked = 0;
    for (path, text) in &sources {
        for _ in 0..12 {
            let mutated = mutate(text, &mut rng);
            let (found, _) = findings_of(path, mutated.as_bytes());
            if let Ok(loaded) = kehoach::load::load_str(path, &mutated) {
                checked += 1;
                // Locations that do not fit the source must not panic either.
                let _ = check(&loaded.plan, &Source::default());
                let half = boundary(&mutated, mutated.len() / 2);
                let _ = check(&loaded.plan, &Source::new(path, &mutated[..half]));
            }
            drop(found);
        }
    }
    assert!(
        checked > 200,
        "only {checked} mutated plans loaded; the mutations are too harsh"
    );
}

#[test]
fn plans_built_in_code_do_not_panic() {
    use kehoach::plan::{Block, BlockFields, Loc, Plan, Text};
    let _ = check(&Plan::default(), &Source::default());
    let odd = Text {
        value: "Kế Kế  [@x] (“ 30/02/2021 \u{200f}".to_owned(),
        at: Loc {
            line: 3,
            col: 99,
            offset: 7,
            len: 4_000_000,
        },
    };
    let mut plan = Plan {
        // A block with no marker skips load-time validation; check must cope.
        noi_dung: vec![
            Block::Marked(Box::default()),
            Block::Marked(Box::new(BlockFields {
                noi_dung: vec![Block::paragraph("a) x\nf) y")],
                ..BlockFields::default()
            })),
        ],
        mo_dau: Some(odd.clone()),
        noi_nhan: vec![odd.clone(), Text::new("")],
        so: Some(Text::new("99999999999999999999999999")),
        ..Plan::default()
    };
    plan.ky.ho_ten = odd.clone();
    let found = check(&plan, &Source::new("t.yaml", "é\nx"));
    assert!(found.iter().any(|d| d.code == "KH-TEXT-REPEATED-WORD"));
}
