//! `corpus_plan`: the plan YAML of a real plan encoded in the corpus format.
//!
//! ```text
//! cargo run --example corpus_plan -- ../shared/corpus/truth/NAME.json > NAME.yaml
//! ```
//!
//! One general mapping from the corpus format (`../shared/corpus/FORMAT.md`) onto
//! kehoach's plan model; docs/corpus.md explains it and lists what the model cannot
//! express. What the mapping had to leave out of a document is written as comments on
//! top of the YAML (and returned in [`Converted::gaps`]), never invented.
//!
//! The mapping lives in this file so that `tests/corpus.rs` can include it as a module.

use std::collections::{BTreeMap, HashSet};

use kehoach::compose::CitationView;
use kehoach::numbering::{point_letter, roman, PlanDate, POINT_LETTERS};
use kehoach::plan::{
    Appendix, Archive, Block, BlockFields, BlockKind, Citation, Column, ColumnGroup, ColumnKey,
    DocKind, Group, GroupRow, Issuer, Orientation, Plan, Signature, Task, TaskNumbering, Text,
};
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// A converted document: the plan, and what of the document the model could not hold.
pub struct Converted {
    pub plan: Plan,
    pub gaps: Vec<String>,
}

/// Reads a truth file and converts it.
pub fn convert_file(path: &std::path::Path) -> Result<Converted, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let truth: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: not JSON: {e}", path.display()))?;
    convert(&truth).map_err(|e| format!("{}: {e}", path.display()))
}

/// The plan YAML of a converted document, its gaps as comments on top.
pub fn to_yaml(c: &Converted, source: &str) -> Result<String, String> {
    let mut header = vec![
        format!("Converted by corpus_plan from {source}."),
        String::new(),
    ];
    if c.gaps.is_empty() {
        header.push("Nothing of the document was left out.".to_owned());
    } else {
        header.push("Not expressed by the plan model (left out, not invented):".to_owned());
        header.extend(c.gaps.iter().map(|g| format!("- {g}")));
    }
    kehoach::derive::yaml_out::to_yaml(&c.plan, &header, &[]).map_err(|e| e.to_string())
}

// ---------------------------------------------------------------------------------------
// Reading the JSON

fn s<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn list<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

fn strings(v: &Value, key: &str) -> Vec<Text> {
    list(v, key)
        .iter()
        .filter_map(Value::as_str)
        .map(Text::from)
        .collect()
}

fn indexes(v: &Value, key: &str) -> HashSet<usize> {
    list(v, key)
        .iter()
        .filter_map(Value::as_u64)
        .map(|n| n as usize)
        .collect()
}

// ---------------------------------------------------------------------------------------
// Inline markup: **bold**, *italic*, \* for a literal asterisk

fn escape(text: &str) -> String {
    text.replace('*', "\\*")
}

/// One run of text with its emphasis.
#[derive(Clone, Debug, PartialEq)]
struct Run {
    text: String,
    b: bool,
    i: bool,
}

fn runs_of(v: &Value) -> Vec<Run> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|r| Run {
                    text: s(r, "text").unwrap_or_default().to_owned(),
                    b: flag(r, "b"),
                    i: flag(r, "i"),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Text with inline markup for its runs. Whitespace stays outside the markers, and a
/// run is closed and reopened around each line break, so every line stands alone.
fn markup(runs: &[Run]) -> String {
    let mut out = String::new();
    for run in runs {
        for (n, line) in run.text.split('\n').enumerate() {
            if n > 0 {
                out.push('\n');
            }
            let core = line.trim();
            if core.is_empty() || !(run.b || run.i) {
                out.push_str(&escape(line));
                continue;
            }
            let lead = &line[..line.len() - line.trim_start().len()];
            let tail = &line[line.trim_end().len()..];
            let mut body = escape(core);
            if run.i {
                body = format!("*{body}*");
            }
            if run.b {
                body = format!("**{body}**");
            }
            out.push_str(lead);
            out.push_str(&body);
            out.push_str(tail);
        }
    }
    out
}

fn uniform(text: &str, b: bool, i: bool) -> String {
    markup(&[Run {
        text: text.to_owned(),
        b,
        i,
    }])
}

/// A text with its emphasis: one style for all of it, or mixed runs.
enum Styled {
    Plain { text: String, b: bool, i: bool },
    Mixed(Vec<Run>),
}

impl Styled {
    fn new(text: &str, runs: Option<&Value>, b: bool, i: bool) -> Styled {
        let runs = runs.map(runs_of).unwrap_or_default();
        if runs.is_empty() {
            return Styled::Plain {
                text: text.to_owned(),
                b,
                i,
            };
        }
        // One style for every run that prints something: a plain text with that style.
        let mut styles = runs
            .iter()
            .filter(|r| !r.text.trim().is_empty())
            .map(|r| (r.b, r.i));
        let first = styles.next().unwrap_or((false, false));
        if styles.all(|st| st == first) {
            let text: String = runs.iter().map(|r| r.text.as_str()).collect();
            return Styled::Plain {
                text,
                b: first.0,
                i: first.1,
            };
        }
        Styled::Mixed(runs)
    }
}

// ---------------------------------------------------------------------------------------
// Citations

/// The ASCII form of a Vietnamese word, for ids.
fn ascii(text: &str) -> String {
    text.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in ascii(text).to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// The document type whose name the printed type starts with (longest first).
fn doc_kind(printed: &str) -> Option<DocKind> {
    let low = printed.to_lowercase();
    DocKind::ALL
        .into_iter()
        .filter(|k| {
            let name = k.name().to_lowercase();
            low == name || low.starts_with(&format!("{name} "))
        })
        .max_by_key(|k| k.name().len())
}

/// A cited document as a `van_ban` entry, or why it cannot be one.
fn citation(c: &Value) -> Result<Citation, String> {
    let printed_type = s(c, "loai").ok_or("no type")?;
    let loai = doc_kind(printed_type).ok_or_else(|| format!("type “{printed_type}” unknown"))?;
    // A document cited without number must at least have a date or an issuer, or its
    // "full form" would be the bare type name.
    let so = s(c, "so").filter(|x| !x.trim().is_empty());
    if so.is_none() && s(c, "ngay").is_none() && s(c, "co_quan").is_none() {
        return Err("no number, date or issuer".to_owned());
    }
    // The model writes a symbol's year inside `ky_hieu` (`2020/NĐ-CP`).
    let symbol = s(c, "ky_hieu").unwrap_or_default();
    let ky_hieu = match (so, s(c, "nam")) {
        // A symbol is printed with its number, never alone.
        (None, _) => String::new(),
        (Some(_), Some(year)) => format!("{year}/{symbol}"),
        (Some(_), None) => symbol.to_owned(),
    };
    let mut cit = Citation {
        id: Text::new(""),
        loai,
        so: so.unwrap_or_default().into(),
        ky_hieu: ky_hieu.into(),
        ngay: s(c, "ngay").map(Text::from),
        co_quan: s(c, "co_quan").map(Text::from),
        trich_yeu: s(c, "trich_yeu").map(Text::from),
        quan_he: match s(c, "dan_nhap") {
            Some(lead) if lead.to_lowercase().starts_with("căn cứ") => {
                kehoach::plan::Relation::CanCu
            }
            _ => kehoach::plan::Relation::ThucHien,
        },
        ..Citation::default()
    };
    // The "as printed" fields only where kehoach's own form differs.
    let view = CitationView::new(&cit);
    if view.ten_loai != printed_type {
        cit.ten_loai = Some(printed_type.into());
    }
    if let Some(printed) = s(c, "so_ky_hieu") {
        if view.so_ky_hieu != printed {
            cit.so_ky_hieu = Some(printed.into());
        }
    }
    if let Some(printed) = s(c, "ngay_nhu_in") {
        if view.ngay.as_deref() != Some(printed) {
            cit.ngay_nhu_in = Some(printed.into());
        }
    }
    let initials: String = printed_type
        .split_whitespace()
        .filter_map(|w| slug(w).chars().next())
        .collect();
    let tail = so.or(s(c, "ngay")).or(s(c, "co_quan")).unwrap_or_default();
    cit.id = format!("{initials}-{}", slug(tail)).into();
    Ok(cit)
}

/// Every document named in the opening basis: the clauses, the documents cited
/// together in one clause, and the documents named inside a clause's subject.
fn cited_documents(truth: &Value) -> Vec<&Value> {
    let mut out = Vec::new();
    for c in list(truth, "can_cu") {
        out.push(c);
        // Documents cited together share the clause's type; alone they have none.
        out.extend(list(c, "van_ban").iter().filter(|d| s(d, "loai").is_some()));
        out.extend(list(c, "lien_quan"));
    }
    out
}

/// `[@id]` for each place a citation's full form occurs in `text`.
fn cite(text: &str, cites: &[(Citation, String)]) -> (String, HashSet<String>) {
    let mut text = text.to_owned();
    let mut used = HashSet::new();
    for (c, full) in cites {
        if text.contains(full.as_str()) {
            text = text.replace(full.as_str(), &format!("[@{}]", c.id.value));
            used.insert(c.id.value.clone());
        }
    }
    (text, used)
}

// ---------------------------------------------------------------------------------------
// The body

/// What a marker as printed looks like.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Shape {
    Roman,
    Decimal,
    Letter,
    Dash,
    Plus,
    Other,
}

fn shape(marker: &str) -> Shape {
    let m = marker.trim();
    if m == "-" {
        return Shape::Dash;
    }
    if m == "+" {
        return Shape::Plus;
    }
    if let Some(core) = m.strip_suffix('.') {
        if !core.is_empty() && core.chars().all(|c| "IVXLCDM".contains(c)) {
            return Shape::Roman;
        }
        if !core.is_empty()
            && core
                .split('.')
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Shape::Decimal;
        }
    }
    if let Some(core) = m.strip_suffix(')') {
        if POINT_LETTERS.contains(&core) {
            return Shape::Letter;
        }
    }
    Shape::Other
}

/// The block kind of a node: headings by the shape of their marker, items by their
/// marker (a numbered item is a numbered sentence, not a heading: a paragraph with its
/// printed marker), paragraphs as paragraphs.
fn kind_of(node: &Value) -> BlockKind {
    let heading = node.get("level").is_some();
    let marker = s(node, "marker").unwrap_or_default();
    match (shape(marker), heading) {
        (_, _) if marker.is_empty() => BlockKind::Paragraph,
        (Shape::Roman, true) => BlockKind::Section,
        (Shape::Decimal, true) => BlockKind::Clause,
        (Shape::Letter, _) => BlockKind::Point,
        (Shape::Dash, _) => BlockKind::Dash,
        (Shape::Plus, _) => BlockKind::Plus,
        _ => BlockKind::Paragraph,
    }
}

fn bold_by_default(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Section | BlockKind::Clause)
}

/// Where a list of blocks sits: the clause number of the parent, for 1.1. numbering.
#[derive(Clone, Default)]
struct Parent {
    /// The parent clause's automatic number ("2", "2.1"), when the parent is a clause.
    clause: Option<String>,
    /// The parent clause's marker was not the automatic one: its clauses carry their own.
    explicit: bool,
}

struct BodyCx<'a> {
    cites: &'a [(Citation, String)],
    /// The ids of the citations the body cites.
    used: std::cell::RefCell<HashSet<String>>,
}

impl BodyCx<'_> {
    fn text(&self, t: String) -> Text {
        let (text, used) = cite(&t, self.cites);
        self.used.borrow_mut().extend(used);
        Text::new(text)
    }

    fn blocks(&self, nodes: &[Value], parent: &Parent) -> Vec<Block> {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        nodes
            .iter()
            .map(|node| {
                let kind = kind_of(node);
                let key = match kind {
                    BlockKind::Section => "muc",
                    BlockKind::Clause => "khoan",
                    BlockKind::Point => "diem",
                    _ => "other",
                };
                let n = {
                    let c = counts.entry(key).or_insert(0);
                    *c += 1;
                    *c
                };
                self.block(node, kind, n, parent)
            })
            .collect()
    }

    fn block(&self, node: &Value, kind: BlockKind, n: usize, parent: &Parent) -> Block {
        let heading = node.get("level").is_some();
        let marker = s(node, "marker").unwrap_or_default().trim().to_owned();
        let text = s(node, "text").unwrap_or_default();
        let runs = node.get("runs");
        let italic = flag(node, "italic");

        // The pieces the document prints: marker, main text, run-in tail.
        let (marker_b, marker_i, main, tail) = if heading {
            let bold = node.get("bold").and_then(Value::as_bool).unwrap_or(true);
            let mb = flag(node, "marker_bold") || bold;
            let mi = flag(node, "marker_italic") || italic;
            let text_style = (flag(node, "text_bold"), flag(node, "text_italic"));
            match s(node, "title") {
                Some(title) => {
                    let tail = (node.get("text").is_some_and(|t| !t.is_null()) || runs.is_some())
                        .then(|| Styled::new(text, runs, text_style.0, text_style.1));
                    (
                        mb,
                        mi,
                        Styled::Plain {
                            text: title.to_owned(),
                            b: bold,
                            i: italic,
                        },
                        tail,
                    )
                }
                None => (
                    mb,
                    mi,
                    Styled::new(text, runs, text_style.0, text_style.1),
                    None,
                ),
            }
        } else {
            (
                flag(node, "marker_bold"),
                flag(node, "marker_italic"),
                Styled::new(text, runs, false, italic),
                None,
            )
        };

        let mut f = BlockFields::default();
        let (main_text, b, i) = match main {
            Styled::Plain { text, b, i } => (escape(&text), b, i),
            Styled::Mixed(runs) => (markup(&runs), false, false),
        };
        let main_text = self.text(main_text);
        if b != bold_by_default(kind) {
            f.dam = Some(b);
        }
        if i {
            f.nghieng = Some(true);
        }
        if !marker.is_empty() {
            if marker_b != b {
                f.so_dam = Some(marker_b);
            }
            if marker_i != i {
                f.so_nghieng = Some(marker_i);
            }
        }
        f.tiep = tail.map(|t| {
            self.text(match t {
                Styled::Plain { text, b, i } => uniform(&text, b, i),
                Styled::Mixed(runs) => markup(&runs),
            })
        });

        // The automatic marker, and the printed one where it differs.
        let automatic = match kind {
            BlockKind::Section => format!("{}.", roman(n)),
            BlockKind::Clause => match &parent.clause {
                Some(p) => format!("{p}.{n}."),
                None => format!("{n}."),
            },
            BlockKind::Point => format!("{})", point_letter(n - 1)),
            BlockKind::Dash => "-".to_owned(),
            BlockKind::Plus => "+".to_owned(),
            BlockKind::Paragraph => String::new(),
        };
        // A clause under a clause is numbered from its parent's number (1.1.): under a
        // parent printed with its own marker, the children carry theirs too.
        let explicit = marker != automatic || (kind == BlockKind::Clause && parent.explicit);
        if explicit {
            f.so = Some(marker.as_str().into());
        }
        let child_parent = Parent {
            clause: (kind == BlockKind::Clause).then(|| automatic.trim_end_matches('.').to_owned()),
            explicit: kind == BlockKind::Clause && explicit,
        };
        f.noi_dung = self.blocks(list(node, "children"), &child_parent);

        let plain_paragraph = kind == BlockKind::Paragraph
            && f == BlockFields {
                noi_dung: Vec::new(),
                ..BlockFields::default()
            };
        if plain_paragraph {
            return Block::Paragraph(main_text);
        }
        match kind {
            BlockKind::Section => f.muc = Some(main_text),
            BlockKind::Clause => f.khoan = Some(main_text),
            BlockKind::Point => f.diem = Some(main_text),
            BlockKind::Dash => f.gach = Some(main_text),
            BlockKind::Plus => f.cong = Some(main_text),
            BlockKind::Paragraph => f.doan = Some(main_text),
        }
        Block::Marked(Box::new(f))
    }
}

// ---------------------------------------------------------------------------------------
// Appendices

/// The standard column a header names, in a task table.
fn standard_key(header: &str) -> Option<ColumnKey> {
    let h = header.to_lowercase();
    [
        (ColumnKey::Lead, &["chủ trì"][..]),
        (ColumnKey::Support, &["phối hợp"][..]),
        (ColumnKey::Product, &["sản phẩm"][..]),
        (ColumnKey::Deadline, &["thời gian", "thời hạn"][..]),
    ]
    .into_iter()
    .find(|(_, words)| words.iter().any(|w| h.contains(w)))
    .map(|(k, _)| k)
}

fn column_keys(headers: &[String]) -> Vec<String> {
    // Standard keys only in a task table (one with a lead column): elsewhere "Thời gian
    // quan trắc" is a measurement, not a deadline.
    let task_table = headers
        .iter()
        .skip(2)
        .any(|h| standard_key(h) == Some(ColumnKey::Lead));
    let mut used = HashSet::new();
    headers
        .iter()
        .enumerate()
        .map(|(n, h)| {
            let key = match n {
                0 => ColumnKey::Number.key().to_owned(),
                1 => ColumnKey::Content.key().to_owned(),
                _ => match standard_key(h).filter(|_| task_table) {
                    Some(k) if !used.contains(k.key()) => k.key().to_owned(),
                    _ => format!("cot{}", n + 1),
                },
            };
            used.insert(key.clone());
            key
        })
        .collect()
}

struct TableCx<'a> {
    keys: &'a [String],
}

impl TableCx<'_> {
    /// A row of the truth (task, total row) as a task; `number` is the automatic one.
    fn task(&self, row: &Value, number: Option<String>) -> Task {
        let cells: Vec<&str> = list(row, "cells")
            .iter()
            .map(|c| c.as_str().unwrap_or_default())
            .collect();
        let bold = indexes(row, "bold_cells");
        let italic = indexes(row, "italic_cells");
        let cell_runs = row.get("cells_runs").and_then(Value::as_object);
        let mut task = Task::default();
        for (k, raw) in cells.iter().enumerate() {
            let runs = cell_runs.and_then(|m| m.get(&k.to_string()));
            let text = match runs {
                Some(r) => markup(&runs_of(r)),
                None => uniform(raw, bold.contains(&k), italic.contains(&k)),
            };
            let Some(key) = self.keys.get(k + 1) else {
                continue;
            };
            let text = Text::new(text);
            match ColumnKey::from_key(key) {
                Some(ColumnKey::Content) => task.noi_dung = text,
                Some(ColumnKey::Lead) => task.chu_tri = Some(text),
                Some(ColumnKey::Support) => task.phoi_hop = Some(text),
                Some(ColumnKey::Product) => task.san_pham = Some(text),
                Some(ColumnKey::Deadline) => task.thoi_han = Some(text),
                _ => {
                    task.them.insert(key.clone(), text);
                }
            }
        }
        let tt = s(row, "tt").unwrap_or_default();
        let (tb, ti) = (flag(row, "tt_bold"), flag(row, "tt_italic"));
        if tb || ti || number.as_deref() != Some(tt) {
            task.tt = Some(uniform(tt, tb, ti).into());
        }
        // `gop_tren_cot` counts the columns of `cot` (0 = the number column),
        // `gop_ngang` the cells after the number.
        let column = |k: u64| self.keys.get(k as usize).cloned();
        let key_of = |k: u64| self.keys.get(k as usize + 1).cloned();
        task.gop_tren = list(row, "gop_tren_cot")
            .iter()
            .filter_map(Value::as_u64)
            .filter_map(column)
            .collect();
        task.gop_ngang = list(row, "gop_ngang")
            .iter()
            .filter_map(|r| {
                let a = r.get(0)?.as_u64()?;
                let b = r.get(1)?.as_u64()?;
                Some([key_of(a)?, key_of(b)?])
            })
            .collect();
        task
    }
}

/// The caption with the plan's own number, symbol and date as placeholders, so that it
/// follows the plan.
fn caption_pattern(
    caption: &str,
    so: Option<&str>,
    ky_hieu: &str,
    date: Option<PlanDate>,
) -> String {
    let mut out = caption.to_owned();
    if let Some(so) = so.filter(|s| !s.is_empty()) {
        out = out.replace(&format!("{so}/{ky_hieu}"), "{so}/{ky_hieu}");
    }
    if let Some(d) = date {
        let long = d.long();
        let long = long.strip_prefix("ngày ").unwrap_or(&long);
        out = out.replace(long, "{ngay_dai}");
        out = out.replace(&d.short(), "{ngay}");
    }
    out
}

fn appendix(
    pl: &Value,
    plan_so: Option<&str>,
    ky_hieu: &str,
    date: Option<PlanDate>,
    body: &BodyCx,
    gaps: &mut Vec<String>,
) -> Appendix {
    let headers: Vec<String> = list(pl, "cot")
        .iter()
        .filter_map(Value::as_str)
        .map(str::to_owned)
        .collect();
    let keys = column_keys(&headers);
    let cx = TableCx { keys: &keys };
    let label = s(pl, "tieu_de").unwrap_or_default();
    let hang_nhom = match s(pl, "hang_nhom") {
        Some("mot_o") => Some(GroupRow::MotO),
        Some("so_o_cot_tt") => Some(GroupRow::SoRieng),
        Some("o_cot_noi_dung") => Some(GroupRow::CotNoiDung),
        _ => None,
    };
    let danh_so = match s(pl, "danh_so_nhiem_vu") {
        Some("lien_tuc") => Some(TaskNumbering::LienTuc),
        Some("theo_nhom") => Some(TaskNumbering::TheoNhom),
        _ => None,
    };
    let running = danh_so == Some(TaskNumbering::LienTuc);
    let dotted = hang_nhom.unwrap_or_default() != GroupRow::SoRieng;

    // Group numerals: automatic (I, II … over the titled groups) unless the document's
    // run is irregular, then each as printed.
    let groups = list(pl, "nhom");
    let printed: Vec<Option<&str>> = groups
        .iter()
        .map(|g| s(g, "tieu_de").and(s(g, "so_nhu_in").or(s(g, "so"))))
        .collect();
    let mut titled = 0;
    let regular = printed.iter().all(|p| match p {
        Some(p) => {
            titled += 1;
            let auto = format!("{}{}", roman(titled), if dotted { "." } else { "" });
            *p == auto
        }
        None => true,
    }) && printed
        .iter()
        .skip_while(|p| p.is_some())
        .all(|p| p.is_none());

    let mut counter = 0;
    let mut nhom = Vec::new();
    for (g, numeral) in groups.iter().zip(&printed) {
        if flag(g, "khuyet_tieu_de") {
            gaps.push(format!(
                "appendix “{label}”: a group printed without its heading row (the source's gap); kept without a group row"
            ));
        }
        if !running {
            counter = 0;
        }
        let tasks: Vec<Task> = list(g, "nhiem_vu")
            .iter()
            .map(|t| {
                counter += 1;
                cx.task(t, Some(counter.to_string()))
            })
            .collect();
        let mut group = Group {
            ten: s(g, "tieu_de").unwrap_or_default().into(),
            so: None,
            o: Vec::new(),
            nhiem_vu: tasks,
        };
        if let Some(numeral) = numeral {
            if !regular {
                group.so = Some((*numeral).into());
            }
        }
        if let Some(cells) = g.get("cells").and_then(Value::as_array) {
            let bold = indexes(g, "bold_cells");
            group.o = cells
                .iter()
                .enumerate()
                .skip(1)
                .map(|(k, c)| {
                    uniform(c.as_str().unwrap_or_default(), bold.contains(&k), false).into()
                })
                .collect();
        }
        if flag(g, "tt_bold") || g.get("bold_cells").is_some() {
            gaps.push(format!(
                "appendix “{label}”: group row emphasis (bold number/title cells) is left to the renderer's group-row style"
            ));
        }
        nhom.push(group);
    }
    if pl.get("khuyet").is_some_and(|k| !k.is_null()) {
        gaps.push(format!(
            "appendix “{label}”: the source's gap (`khuyet`, a dotted line in the table) is not reproduced"
        ));
    }
    let kem_theo = s(pl, "kem_theo").map(|k| {
        if flag(pl, "kem_theo_de_trong") {
            k.to_owned()
        } else {
            caption_pattern(k, plan_so, ky_hieu, date)
        }
    });
    Appendix {
        ten: label.into(),
        cot: headers
            .iter()
            .zip(&keys)
            .map(|(h, k)| Column {
                khoa: k.as_str().into(),
                ten: Some(h.as_str().into()),
                rong: None,
            })
            .collect(),
        // The corpus does not record the page's orientation; its appendix tables are laid
        // out in landscape (as Decree 30's appendix tables, and the checks, expect).
        huong: Some(Orientation::Ngang),
        nhom,
        hang_nhom,
        danh_so,
        kem_theo: kem_theo.map(Text::from),
        cot_nhom: list(pl, "cot_nhom")
            .iter()
            .filter_map(|c| {
                let span = c.get("cot")?.as_array()?;
                Some(ColumnGroup {
                    ten: s(c, "tieu_de")?.into(),
                    tu: span.first()?.as_u64()? as usize,
                    den: span.get(1)?.as_u64()? as usize,
                })
            })
            .collect(),
        hang_tong: pl
            .get("hang_tong")
            .filter(|t| !t.is_null())
            .map(|t| cx.task(t, None)),
        ghi_chu: body.blocks(list(pl, "ghi_chu"), &Parent::default()),
        dau_ket_thuc: Some(false),
    }
}

// ---------------------------------------------------------------------------------------
// The whole document

/// The Lưu line as places and the drafter's code: "Lưu: VT, KGVX. Thg." → [VT, KGVX] +
/// "Thg."; a parenthesis stays inside its place: "VT, NC (TP, Dũng)".
fn archive(luu: &Value) -> Option<Archive> {
    let printed = s(luu, "nhu_in")?;
    let rest = printed
        .trim()
        .strip_prefix("Lưu")?
        .trim_start_matches(':')
        .trim();
    let (places, drafter) = match rest.find(". ") {
        Some(at) => (&rest[..at], Some(rest[at + 2..].trim())),
        None => (rest.strip_suffix('.').unwrap_or(rest), None),
    };
    let mut list = Vec::new();
    let mut depth = 0i32;
    let mut current = String::new();
    for c in places.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            list.push(Text::new(current.trim()));
            current.clear();
        } else {
            current.push(c);
        }
    }
    if !current.trim().is_empty() {
        list.push(Text::new(current.trim()));
    }
    Some(Archive {
        noi_luu: list,
        so_ban: None,
        nguoi_soan: drafter.filter(|d| !d.is_empty()).map(Text::from),
        so_ban_phat_hanh: None,
    })
}

fn signature(ky: &Value, gaps: &mut Vec<String>) -> Signature {
    let mut sig = Signature {
        ho_ten: s(ky, "ho_ten").unwrap_or_default().into(),
        chuc_vu: s(ky, "chuc_vu").map(Text::from),
        ..Signature::default()
    };
    match (s(ky, "quyen_han"), s(ky, "tap_the")) {
        (Some(q), Some(t)) if q.trim() == "TM." => sig.thay_mat = Some(t.into()),
        (None, None) => {}
        (q, t) => gaps.push(format!(
            "signature authority {q:?} {t:?}: only “TM. <collective>” is expressible"
        )),
    }
    if let Some(line) = s(ky, "ky_thay") {
        use kehoach::plan::SignMode;
        let mode = [SignMode::Kt, SignMode::Q, SignMode::Tl, SignMode::Tuq]
            .into_iter()
            .find(|m| line.starts_with(&format!("{} ", m.prefix())));
        match mode {
            Some(m) => {
                sig.hinh_thuc = Some(m);
                sig.thu_truong = Some(line[m.prefix().len()..].trim().into());
            }
            None => gaps.push(format!("signature line “{line}” is not KT./Q./TL./TUQ.")),
        }
    }
    sig
}

/// Converts a truth document (the corpus format) into a plan.
pub fn convert(t: &Value) -> Result<Converted, String> {
    let mut gaps = Vec::new();
    let loai: DocKind = serde_json::from_value(Value::String(
        s(t, "doc_type").unwrap_or("ke-hoach").to_owned(),
    ))
    .map_err(|e| format!("doc_type: {e}"))?;
    let ky_hieu = s(t, "ky_hieu").ok_or("no ky_hieu")?;
    let viet_tat = loai
        .abbreviation()
        .and_then(|a| ky_hieu.strip_prefix(&format!("{a}-")))
        .unwrap_or(ky_hieu);
    let date = s(t, "ngay").and_then(|d| PlanDate::parse(d).ok());

    // The place as the place-and-date line prints it.
    let dia_danh = s(t, "dia_danh_ngay_nhu_in")
        .and_then(|l| l.split(", ngày ").next())
        .or(s(t, "dia_danh"))
        .unwrap_or_default();

    // Citations: each document of the basis whose full form, as kehoach prints it, occurs
    // in the opening or the body becomes a `van_ban` entry cited there; the others stay text.
    let mut candidates: Vec<(Citation, String)> = Vec::new();
    let mut seen = std::collections::HashMap::new();
    let mut ids = HashSet::new();
    for c in cited_documents(t) {
        match citation(c) {
            Ok(mut cit) => {
                // One entry per document: a second printing of the same document in
                // another form (a stray space, a long date) stays text.
                let full = CitationView::new(&cit).day_du.to_string();
                // A numbered document is its type, number and symbol (cited once with its
                // date, once without, it is still one document).
                let identity = (
                    cit.loai,
                    cit.so.value.clone(),
                    cit.ky_hieu.value.replace(' ', ""),
                    cit.so
                        .is_empty()
                        .then(|| (cit.ngay.clone(), cit.co_quan.clone()))
                        .map(|(d, q)| (d.map(|t| t.value), q.map(|t| t.value))),
                );
                if let Some(first) = seen.get(&identity) {
                    if *first != full {
                        gaps.push(format!(
                            "citation “{full}”: the document of “{first}”, printed in another form; kept as text"
                        ));
                    }
                    continue;
                }
                seen.insert(identity, full.clone());
                let base = cit.id.value.clone();
                let mut n = 1;
                while !ids.insert(cit.id.value.clone()) {
                    n += 1;
                    cit.id = format!("{base}-{n}").into();
                }
                candidates.push((cit, full));
            }
            Err(why) => gaps.push(format!(
                "citation “{}”: {why}; kept as text in the opening",
                s(c, "raw").or(s(c, "so_ky_hieu")).unwrap_or("?")
            )),
        }
    }
    let printed_order: Vec<String> = candidates.iter().map(|(c, _)| c.id.value.clone()).collect();
    // Longest first, so that a document's full form is never cut by a shorter one's.
    candidates.sort_by_key(|(_, full)| std::cmp::Reverse(full.len()));

    let mo_dau = s(t, "mo_dau").unwrap_or_default();
    let italic: Vec<bool> = list(t, "mo_dau_italic")
        .iter()
        .map(|v| v.as_bool().unwrap_or(false))
        .collect();
    let opening = match t.get("mo_dau_runs").and_then(Value::as_array) {
        Some(r) if r.iter().all(Value::is_array) => r
            .iter()
            .map(|p| markup(&runs_of(p)))
            .collect::<Vec<_>>()
            .join("\n"),
        Some(_) => markup(&runs_of(&t["mo_dau_runs"])),
        None => mo_dau
            .split('\n')
            .enumerate()
            .map(|(n, p)| uniform(p, false, italic.get(n).copied().unwrap_or(false)))
            .collect::<Vec<_>>()
            .join("\n"),
    };
    let (opening, in_opening) = cite(&opening, &candidates);
    let body = BodyCx {
        cites: &candidates,
        used: Default::default(),
    };

    let ket_thuc = match (s(t, "ket_thuc"), t.get("ket_thuc_runs")) {
        (None, _) => String::new(),
        (Some(_), Some(r)) if r.is_array() => markup(&runs_of(r)),
        (Some(k), _) => escape(k),
    };

    // Footnotes: the mark stays in the text; its first paragraph carries the note.
    let chu_thich: Vec<kehoach::plan::Footnote> = list(t, "chu_thich")
        .iter()
        .filter_map(|note| {
            Some(kehoach::plan::Footnote {
                so: s(note, "nhu_in")?.into(),
                noi_dung: escape(s(note, "text")?).into(),
            })
        })
        .collect();
    if !list(t, "can_cu_khac").is_empty() {
        gaps.push(
            "a basis that is not a document (`can_cu_khac`) stays text in the opening".to_owned(),
        );
    }
    if list(t, "noi_nhan_muc")
        .iter()
        .any(|m| flag(m, "ghi_chu_italic"))
    {
        gaps.push("recipient notes printed in italic are printed upright".to_owned());
    }

    let noi_dung = body.blocks(list(t, "noi_dung"), &Parent::default());
    let luu_line = t.get("luu").and_then(archive);
    let noi_nhan: Vec<Text> = strings(t, "noi_nhan")
        .into_iter()
        .filter(|e| !e.value.trim_start().starts_with("Lưu"))
        .collect();

    if let (Some(printed), Some(d)) = (s(t, "dia_danh_ngay_nhu_in"), date) {
        let built = format!("{dia_danh}, {}", d.long());
        if built != printed {
            gaps.push(format!(
                "the place-and-date line is printed “{printed}”; kehoach prints “{built}”"
            ));
        }
    }
    let appendices = list(t, "phu_luc");
    for (n, pl) in appendices.iter().enumerate() {
        // kehoach numbers appendices only when there are several: I, II, …
        let automatic = (appendices.len() > 1).then(|| roman(n + 1));
        let printed = s(pl, "so").map(str::to_owned);
        if printed != automatic {
            gaps.push(format!(
                "appendix {}: printed numeral {printed:?}, kehoach's {automatic:?}",
                n + 1
            ));
        }
    }

    let phu_luc = list(t, "phu_luc")
        .iter()
        .map(|pl| appendix(pl, s(t, "so"), ky_hieu, date, &body, &mut gaps))
        .collect();

    // The documents cited in the opening, and those only the body cites (`trich-dan`: a
    // `van_ban` entry not cited in the opening would get a generated sentence there).
    let in_body = body.used.take();
    let mut van_ban = Vec::new();
    for (mut c, full) in candidates {
        if in_opening.contains(&c.id.value) {
            van_ban.push(c);
        } else if in_body.contains(&c.id.value) {
            c.quan_he = kehoach::plan::Relation::TrichDan;
            van_ban.push(c);
        } else {
            gaps.push(format!(
                "citation “{full}” (kehoach's form) is printed otherwise; kept as text"
            ));
        }
    }

    van_ban.sort_by_key(|c| printed_order.iter().position(|id| *id == c.id.value));

    let plan = Plan {
        loai,
        co_quan: Issuer {
            chu_quan: strings(t, "co_quan_chu_quan"),
            ten: strings(t, "co_quan_ban_hanh"),
            ten_goi: s(t, "ten_ngan").unwrap_or_default().into(),
            viet_tat: viet_tat.into(),
        },
        so: s(t, "so").map(Text::from),
        ngay: s(t, "ngay").map(Text::from),
        dia_danh: dia_danh.into(),
        trich_yeu: s(t, "trich_yeu").unwrap_or_default().into(),
        // The summary in Decree 30's sentence case, which the corpus's text checks read
        // (docs/corpus.md, "The summary's case"); `trich_yeu_in_hoa` stays for a clerk
        // who must reproduce the capitals.
        trich_yeu_in_hoa: false,
        thoi_gian: None,
        van_ban,
        mo_dau: Some(opening.into()),
        noi_dung,
        ket_thuc: Some(ket_thuc.into()),
        don_vi: Vec::new(),
        ky: signature(t.get("ky").unwrap_or(&Value::Null), &mut gaps),
        noi_nhan,
        luu: luu_line.unwrap_or_default(),
        chu_thich,
        phu_luc,
        nguon: None,
        chua_xep: Vec::new(),
    };
    gaps.dedup();
    Ok(Converted { plan, gaps })
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() != 1 || args[0].starts_with('-') {
        eprintln!("usage: corpus_plan TRUTH.json   (prints the plan YAML on standard output)");
        std::process::exit(2);
    }
    let path = std::path::Path::new(&args[0]);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    match convert_file(path).and_then(|c| to_yaml(&c, &name)) {
        Ok(yaml) => print!("{yaml}"),
        Err(e) => {
            eprintln!("corpus_plan: {e}");
            std::process::exit(1);
        }
    }
}
