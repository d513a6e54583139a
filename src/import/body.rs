//! The body: the opening (citations, then the introductory paragraph), the headings,
//! items and paragraphs of the content, and the closing sentence — the inverse of
//! what `ke-hoach.tera` writes.

use super::locate::Layout;
use super::model::DocFacts;
use super::model::Para;
use super::report::ImportReport;
use super::text::{lower_first, roman_value, strip_prefix_ci};
use crate::compose::PlanView;
use crate::compose::{escape_inline, CitationView};
use crate::plan::{Block, BlockFields, BlockKind, Citation, DocKind, Plan, Relation, Text};

/// One character as printed: the character, bold, italic.
pub(super) type Look = (char, bool, bool);

/// A paragraph's lines (split at soft breaks), each character with its look; spaces
/// of every kind collapsed to one and trimmed, as `squash` does for plain text. Word's
/// numbering label takes the look of the paragraph's first visible run, made bold or
/// italic where its list level says so.
pub(super) fn styled_lines(p: &Para) -> Vec<Vec<Look>> {
    let first = p
        .visible_runs()
        .next()
        .map_or((false, false), |r| (r.bold, r.italic));
    let mut raw: Vec<Vec<Look>> = vec![Vec::new()];
    // A list level that makes its labels bold or italic is followed ("**15.** Tất cả
    // …"); one that only clears them is not: lists made from a style often clear them
    // while the printed marker shares the text's look ("*- Đơn vị chủ trì:* …").
    let label = (
        p.label_look.0 == Some(true) || first.0,
        p.label_look.1 == Some(true) || first.1,
    );
    if let Some(l) = p.label.as_ref().filter(|l| !l.is_empty()) {
        for c in l.chars().chain([' ']) {
            raw[0].push((c, label.0, label.1));
        }
    }
    for r in &p.runs {
        let t = if r.caps {
            r.text.to_uppercase()
        } else {
            r.text.clone()
        };
        for c in t.chars() {
            if c == '\n' {
                raw.push(Vec::new());
            } else {
                raw.last_mut()
                    .expect("one line at least")
                    .push((c, r.bold, r.italic));
            }
        }
    }
    raw.into_iter()
        .map(|line| {
            let mut out: Vec<Look> = Vec::new();
            for (c, b, i) in line {
                let space = c.is_whitespace() || c == '\u{a0}' || c == '\u{200b}';
                if space {
                    if out.last().is_some_and(|l| l.0 != ' ') {
                        out.push((' ', b, i));
                    }
                } else {
                    out.push((c, b, i));
                }
            }
            if out.last().is_some_and(|l| l.0 == ' ') {
                out.pop();
            }
            out
        })
        .filter(|l| !l.is_empty())
        .collect()
}

/// The text with `**…**` / `*…*` where its look differs from the line's own (`bold`,
/// `italic` say what the line as a whole already is); literal asterisks escaped. Spaces
/// at the edge of an emphasised stretch stay outside its markers.
pub(super) fn markup(looks: &[Look], bold: bool, italic: bool) -> String {
    // Spaces take the look of the character before them, so "**a** **b**" is one stretch.
    let mut segs: Vec<(String, bool, bool)> = Vec::new();
    for &(c, b, i) in looks {
        let (b, i) = (b && !bold, i && !italic);
        let (b, i) = if c == ' ' {
            segs.last().map_or((b, i), |s| (s.1, s.2))
        } else {
            (b, i)
        };
        match segs.last_mut() {
            Some(s) if s.1 == b && s.2 == i => s.0.push(c),
            _ => segs.push((c.to_string(), b, i)),
        }
    }
    let mut out = String::new();
    for (t, b, i) in segs {
        let core = t.trim_end_matches(' ');
        let trail = &t[core.len()..];
        let core = escape_inline(core);
        let mark = match (b, i) {
            (true, true) => "***",
            (true, false) => "**",
            (false, true) => "*",
            (false, false) => "",
        };
        if core.is_empty() {
            out.push_str(trail);
        } else {
            out.push_str(&format!("{mark}{core}{mark}{trail}"));
        }
    }
    out
}

/// A body line read: its kind, its text (with inline emphasis) and how it prints.
struct Line {
    kind: BlockKind,
    text: String,
    extra: BlockFields,
    /// The marker as printed ("2.2.", "e)", "-").
    printed: String,
}

/// Reads one line's marker and look into a block: the line bold or italic as a whole
/// (`dam`, `nghieng`), only the marker bold (`so_dam`), a bold heading run in with plain
/// text after it (`tiep`), and emphasis inside the text as `**…**` / `*…*`.
fn parse_line(looks: &[Look]) -> Line {
    let plain: String = looks.iter().map(|l| l.0).collect();
    let Some((kind, rest)) = marker(&plain) else {
        let vis = || looks.iter().filter(|l| l.0 != ' ');
        let bold = vis().all(|l| l.1);
        let italic = vis().all(|l| l.2);
        let extra = BlockFields {
            dam: bold.then_some(true),
            nghieng: italic.then_some(true),
            ..BlockFields::default()
        };
        return Line {
            kind: BlockKind::Paragraph,
            text: markup(looks, bold, italic),
            extra,
            printed: String::new(),
        };
    };
    let at = looks.len() - rest.chars().count();
    let (head, body) = looks.split_at(at);
    let printed: String = head
        .iter()
        .map(|l| l.0)
        .collect::<String>()
        .trim()
        .to_owned();
    let vis = |s: &[Look], f: fn(&Look) -> bool| {
        let mut v = s.iter().filter(|l| l.0 != ' ').peekable();
        v.peek().is_some() && v.all(f)
    };
    let bold = vis(body, |l| l.1);
    let italic = vis(body, |l| l.2);
    let head_bold = vis(head, |l| l.1);
    let head_italic = vis(head, |l| l.2);
    let heading = matches!(kind, BlockKind::Section | BlockKind::Clause);
    let mut extra = BlockFields::default();
    // A bold title run in with plain text: "**2. Thời gian thực hiện:** Từ tháng 10 …".
    if heading && !bold && head_bold {
        let lead = body.iter().take_while(|l| l.1 || l.0 == ' ').count();
        let title: String = body[..lead].iter().map(|l| l.0).collect();
        let title = title.trim_end();
        if lead > 0 && lead < body.len() && title.ends_with([':', '.']) {
            let t_len = title.chars().count();
            let tail = &body[t_len..];
            let tail = &tail[tail.iter().take_while(|l| l.0 == ' ').count()..];
            extra.tiep = Some(Text::new(markup(tail, false, false)));
            extra.nghieng = italic.then_some(true);
            return Line {
                kind,
                text: markup(&body[..t_len], true, italic),
                extra,
                printed,
            };
        }
    }
    if heading && !bold {
        extra.dam = Some(false);
    } else if !heading && bold {
        extra.dam = Some(true);
    }
    extra.nghieng = italic.then_some(true);
    if head_bold && !bold {
        extra.so_dam = Some(true);
    }
    if head_italic && !italic {
        extra.so_nghieng = Some(true);
    }
    Line {
        kind,
        text: markup(body, bold, italic),
        extra,
        printed,
    }
}

/// Reads the body into `plan`; returns the issuer's name if the opening gives it.
pub fn read(
    facts: &DocFacts,
    layout: &Layout,
    plan: &mut Plan,
    report: &mut ImportReport,
) -> Option<String> {
    // A Shift+Enter inside a body paragraph starts a new line of its own: clerks use it
    // to put the next point or item under the previous one without a new paragraph.
    let mut looks: Vec<Vec<Look>> = Vec::new();
    let mut paras: Vec<(usize, String)> = Vec::new();
    for &p in &layout.body {
        for line in styled_lines(facts.para(p)) {
            paras.push((p, line.iter().map(|l| l.0).collect()));
            looks.push(line);
        }
    }
    let mut ten_goi = None;
    // The opening is everything before the first heading (I. / 1.). When it is only what
    // kehoach writes itself — one "Căn cứ …;" / "Thực hiện …." line per document, then
    // "… ban hành Kế hoạch … như sau:" or one paragraph — it is read back as `van_ban`
    // and `mo_dau`; otherwise every paragraph is kept as typed in `mo_dau`, each cited
    // document in `van_ban` and written `[@id]` where its full form is printed.
    let first_heading = paras
        .iter()
        .position(|(_, t)| matches!(marker(t), Some((BlockKind::Section | BlockKind::Clause, _))))
        .unwrap_or(paras.len());
    let mut k = 0;
    let mut regular = true;
    let mut cited: Vec<Citation> = Vec::new();
    while let Some((_, text)) = paras.get(k) {
        match opening_citations(text) {
            Some(cites) => {
                let views: Vec<_> = cites.iter().map(CitationView::new).collect();
                let generated = views.iter().map(|v| {
                    let word = if text.starts_with("Căn cứ") {
                        "Căn cứ"
                    } else {
                        "Thực hiện"
                    };
                    match &v.trich_yeu {
                        Some(t) => format!("{word} {} {t}", v.day_du),
                        None => format!("{word} {}", v.day_du),
                    }
                });
                let generated: Vec<String> = generated.collect();
                let body = text.trim_end_matches(['.', ';']);
                // kehoach ends a "Thực hiện …" sentence with "."; one ending in ";" is
                // the clerk's own wording.
                let ends_ok = text.starts_with("Căn cứ") || text.ends_with('.');
                regular &= ends_ok && generated.len() == 1 && generated[0] == body;
                cited.extend(cites);
                k += 1;
            }
            None => break,
        }
    }
    let mut intro = None;
    if let Some((_, text)) = paras.get(k).filter(|_| k < first_heading) {
        if marker(text).is_none() {
            let tail = format!(
                " ban hành Kế hoạch {} như sau:",
                lower_first(&plan.trich_yeu)
            );
            match text.strip_suffix(&tail) {
                Some(issuer) if !issuer.is_empty() => ten_goi = Some(issuer.to_owned()),
                _ => intro = Some(markup(&looks[k], false, false)),
            }
            k += 1;
        }
    }
    // Rendering always prints an introductory paragraph: without one the opening is
    // not kehoach's own.
    regular &= (intro.is_some() || ten_goi.is_some())
        && (k == first_heading || first_heading == paras.len());
    if regular {
        for mut c in cited {
            if !plan
                .van_ban
                .iter()
                .any(|v| v.so == c.so && v.ky_hieu == c.ky_hieu)
            {
                give_unique_id(&mut c, &plan.van_ban);
                plan.van_ban.push(c);
            }
        }
        if let Some(i) = intro {
            plan.mo_dau = Some(Text::new(i));
        }
    } else {
        k = first_heading;
        let mut lines = Vec::new();
        for (j, (_, text)) in paras[..k].iter().enumerate() {
            let mut line = markup(&looks[j], false, false);
            for part in text.split("; ").flat_map(split_at_next_citation) {
                let part = strip_prefix_ci(part, "thực hiện ")
                    .or_else(|| strip_prefix_ci(part, "căn cứ "))
                    .unwrap_or(part);
                let Some(mut c) = citation(part.trim().trim_end_matches(['.', ';', ','])) else {
                    continue;
                };
                if plan
                    .van_ban
                    .iter()
                    .any(|v| v.so == c.so && v.ky_hieu == c.ky_hieu)
                {
                    continue;
                }
                c.trich_yeu = None;
                give_unique_id(&mut c, &plan.van_ban);
                let full = CitationView::new(&c).day_du;
                // Only the exact printed form becomes [@id]; a citation written otherwise
                // stays as typed and is kept for the text only.
                if line.contains(full.as_str()) {
                    line = line.replacen(full.as_str(), &format!("[@{}]", c.id), 1);
                    c.quan_he = if strip_prefix_ci(text, "căn cứ ").is_some() {
                        Relation::CanCu
                    } else {
                        Relation::ThucHien
                    };
                } else {
                    c.quan_he = Relation::TrichDan;
                }
                plan.van_ban.push(c);
            }
            lines.push(line);
        }
        if let Some(last) = paras[..k].last() {
            let tail = format!(
                " ban hành Kế hoạch {} như sau:",
                lower_first(&plan.trich_yeu)
            );
            if let Some(issuer) = last.1.strip_suffix(&tail).filter(|i| !i.is_empty()) {
                ten_goi = Some(issuer.to_owned());
            }
        }
        if !lines.is_empty() {
            plan.mo_dau = Some(Text::new(lines.join("\n")));
        }
    }
    if k == paras.len() || plan.mo_dau.is_none() && ten_goi.is_none() {
        report.note("không có đoạn mở đầu trước nội dung; khi in sẽ thêm đoạn mặc định");
    }
    paras.drain(..k);
    looks.drain(..k);
    // The closing: the default sentence leaves `ket_thuc` empty.
    if let Some((_, last)) = paras.last() {
        if *last == super::plan::default_closing(plan) {
            paras.pop();
            looks.pop();
        } else if last.ends_with("./.") {
            plan.ket_thuc = Some(Text::new(markup(
                looks.last().map_or(&[][..], |l| l),
                false,
                false,
            )));
            paras.pop();
            looks.pop();
        } else {
            report.note(
                "nội dung không kết thúc bằng câu kết (\"…./.\"); khi in sẽ thêm câu mặc định",
            );
        }
    }
    plan.noi_dung = nest(looks.iter().map(|l| parse_line(l)));
    ten_goi
}

/// A body line's marker: `I.` heading, `1.` clause, `a)` point, `-` or `+` item.
fn marker(text: &str) -> Option<(BlockKind, String)> {
    let (head, rest) = text.split_once(' ').unwrap_or((text, ""));
    let rest = rest.trim().to_owned();
    if let Some(n) = head.strip_suffix('.') {
        if roman_value(n).is_some() && !rest.is_empty() {
            return Some((BlockKind::Section, rest));
        }
        if !n.is_empty()
            && n.len() <= 3
            && n.chars().all(|c| c.is_ascii_digit())
            && !rest.is_empty()
        {
            return Some((BlockKind::Clause, rest));
        }
    }
    // "2.2." / "1.1.1.": a clause inside a clause.
    let parts: Vec<&str> = head.trim_end_matches('.').split('.').collect();
    if head.ends_with('.')
        && parts.len() >= 2
        && parts.len() <= 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 3 && p.chars().all(|c| c.is_ascii_digit()))
        && !rest.is_empty()
    {
        return Some((BlockKind::Clause, rest));
    }
    if let Some(letters) = head.strip_suffix(')') {
        let ok = !letters.is_empty()
            && letters.chars().count() <= 2
            && letters
                .chars()
                .all(|c| c.is_lowercase() && c.is_alphabetic());
        if ok && !rest.is_empty() {
            return Some((BlockKind::Point, rest));
        }
    }
    for (marks, kind) in [
        (&["-", "–", "•"][..], BlockKind::Dash),
        (&["+"][..], BlockKind::Plus),
    ] {
        for m in marks {
            if let Some(after) = text.strip_prefix(m) {
                let spaced = after.starts_with(char::is_whitespace);
                let after = after.trim();
                // "-5%" is a number, not an item; "- 100% xã …" is an item.
                if !after.is_empty() && (spaced || !after.starts_with(|c: char| c.is_ascii_digit()))
                {
                    return Some((kind, after.to_owned()));
                }
            }
        }
    }
    None
}

/// Nesting depth of each kind: a block hangs under the nearest open block above it.
fn level(kind: BlockKind, depth: usize) -> usize {
    match kind {
        BlockKind::Section => 0,
        BlockKind::Clause => 10 + depth.saturating_sub(1),
        BlockKind::Point => 20,
        BlockKind::Dash | BlockKind::Paragraph => 30,
        BlockKind::Plus => 40,
    }
}

/// Lines → the block tree: clauses under sections, points under clauses, items and
/// paragraphs under the nearest heading, "+" items under the "-" item above them.
fn nest(lines: impl Iterator<Item = Line>) -> Vec<Block> {
    struct Node {
        kind: BlockKind,
        text: String,
        extra: BlockFields,
        printed: String,
        children: Vec<usize>,
    }
    let mut nodes: Vec<Node> = Vec::new();
    let mut roots = Vec::new();
    let mut open: Vec<(usize, usize)> = Vec::new();
    for Line {
        kind,
        text,
        extra,
        printed,
    } in lines
    {
        let depth = printed.trim_end_matches('.').split('.').count();
        let lvl = level(kind, depth);
        while open.last().is_some_and(|&(l, _)| l >= lvl) {
            open.pop();
        }
        let id = nodes.len();
        nodes.push(Node {
            kind,
            text,
            extra,
            printed,
            children: Vec::new(),
        });
        match open.last() {
            Some(&(_, parent)) => nodes[parent].children.push(id),
            None => roots.push(id),
        }
        if kind != BlockKind::Paragraph {
            open.push((lvl, id));
        }
    }
    // A marker printed otherwise than kehoach would number it ("e)" after "d)", "2.2."
    // directly under a heading) is kept as `so`.
    fn build_list(nodes: &[Node], ids: &[usize], parent_clause: Option<&str>) -> Vec<Block> {
        let (mut sections, mut clauses, mut points) = (0, 0, 0);
        let mut out = Vec::new();
        for &id in ids {
            let n = &nodes[id];
            let auto = match n.kind {
                BlockKind::Section => {
                    sections += 1;
                    format!("{}.", crate::numbering::roman(sections))
                }
                BlockKind::Clause => {
                    clauses += 1;
                    match parent_clause {
                        Some(p) => format!("{p}.{clauses}."),
                        None => format!("{clauses}."),
                    }
                }
                BlockKind::Point => {
                    points += 1;
                    format!("{})", crate::numbering::point_letter(points - 1))
                }
                BlockKind::Dash => "-".to_owned(),
                BlockKind::Plus => "+".to_owned(),
                BlockKind::Paragraph => String::new(),
            };
            let shown = if n.printed == auto || n.printed.is_empty() {
                auto.clone()
            } else {
                n.printed.clone()
            };
            let clause_number =
                (n.kind == BlockKind::Clause).then(|| shown.trim_end_matches('.').to_owned());
            let children = build_list(nodes, &n.children, clause_number.as_deref());
            let mut block = match n.kind {
                BlockKind::Paragraph if n.extra == BlockFields::default() => {
                    out.push(Block::paragraph(n.text.clone()));
                    continue;
                }
                kind => Block::marked(kind, n.text.clone(), children),
            };
            if let Block::Marked(f) = &mut block {
                let e = n.extra.clone();
                f.so = (shown != auto).then(|| Text::new(shown.clone()));
                f.tiep = e.tiep;
                f.dam = e.dam;
                f.nghieng = e.nghieng;
                f.so_dam = e.so_dam;
                f.so_nghieng = e.so_nghieng;
            }
            out.push(block);
        }
        out
    }
    build_list(&nodes, &roots, None)
}

/// "A của X và Kế hoạch số … " → the two citations; a "và" inside a name ("Bộ Giáo dục
/// và Đào tạo") does not split.
fn split_at_next_citation(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.match_indices(" và ").map(|(i, _)| i).find(|&i| {
        let after = &rest[i + " và ".len()..];
        citable_kinds()
            .iter()
            .any(|k| after.starts_with(&format!("{} số ", k.name())))
    }) {
        out.push(&rest[..i]);
        rest = &rest[i + " và ".len()..];
    }
    out.push(rest);
    out
}

/// Kinds that can be cited, longest name first so "Thông tư liên tịch" wins over "Thông tư".
fn citable_kinds() -> Vec<DocKind> {
    let mut kinds = DocKind::ALL.to_vec();
    kinds.sort_by_key(|k| std::cmp::Reverse(k.name().len()));
    kinds
}

/// Words that start a cited document's summary after its issuer ("… của UBND tỉnh về …").
const SUMMARY_STARTS: [&str; 8] = [
    "về ",
    "phê duyệt ",
    "ban hành ",
    "quy định ",
    "hướng dẫn ",
    "triển khai ",
    "sửa đổi ",
    "thực hiện ",
];

/// "Thực hiện A; B." or "Căn cứ A;" → the citations, if every part is one.
fn opening_citations(text: &str) -> Option<Vec<Citation>> {
    let (rest, relation) = if let Some(r) = strip_prefix_ci(text, "thực hiện ") {
        (r, Relation::ThucHien)
    } else if let Some(r) = strip_prefix_ci(text, "căn cứ ") {
        (r, Relation::CanCu)
    } else {
        return None;
    };
    let rest = rest.trim().trim_end_matches(['.', ';', ',']).trim();
    let mut out = Vec::new();
    for part in rest.split("; ") {
        let mut c = citation(part.trim())?;
        c.quan_he = relation;
        out.push(c);
    }
    (!out.is_empty()).then_some(out)
}

/// "Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa về …".
fn citation(text: &str) -> Option<Citation> {
    let kind = citable_kinds()
        .into_iter()
        .find(|k| text.starts_with(&format!("{} số ", k.name())))?;
    let rest = &text[kind.name().len() + " số ".len()..];
    let (number, mut rest) = rest.split_once(' ').unwrap_or((rest, ""));
    let (mut so, symbol) = number.split_once('/')?;
    if so.is_empty() || symbol.is_empty() {
        return None;
    }
    // A Party document joins its number and type with a dash ("46-CT/TW", "14-KH/TU"):
    // the number is the digits, the type belongs to the symbol, and the printed form is
    // kept beside them (below).
    let mut ky_hieu = symbol.to_owned();
    if let Some((digits, kind)) = so.split_once('-') {
        if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && !kind.is_empty() {
            ky_hieu = format!("{kind}/{symbol}");
            so = digits;
        }
    }
    let mut ngay = None;
    if let Some(after) = rest.strip_prefix("ngày ") {
        let (date, tail) = after.split_once(' ').unwrap_or((after, ""));
        ngay = Some(short_date_iso(date)?);
        rest = tail;
    }
    let (co_quan, trich_yeu) = match rest.strip_prefix("của ") {
        Some(after) => {
            let cut = SUMMARY_STARTS
                .iter()
                .filter_map(|w| after.find(&format!(" {w}")))
                .min();
            match cut {
                Some(i) => (Some(after[..i].trim()), Some(after[i..].trim())),
                None => (Some(after.trim()), None),
            }
        }
        None => (None, (!rest.trim().is_empty()).then(|| rest.trim())),
    };
    let id_kind: String = kind
        .key()
        .split('-')
        .filter_map(|w| w.chars().next())
        .collect();
    let id_num: String = so.chars().filter(char::is_ascii_alphanumeric).collect();
    let mut c = Citation {
        id: Text::new(format!("{id_kind}-{id_num}")),
        loai: kind,
        // As printed ("06"): a number is never rewritten.
        so: Text::new(so.to_owned()),
        ky_hieu: Text::new(ky_hieu),
        ngay: ngay.map(Text::new),
        co_quan: co_quan.filter(|c| !c.is_empty()).map(Text::new),
        trich_yeu: trich_yeu.filter(|t| !t.is_empty()).map(Text::new),
        quan_he: Relation::ThucHien,
        ..Default::default()
    };
    // The number and symbol as printed, where kehoach's own `số/ký hiệu` differs.
    if CitationView::new(&c).so_ky_hieu.as_str() != number {
        c.so_ky_hieu = Some(Text::new(number));
    }
    Some(c)
}

/// Gives `c` an id none of `taken` has ("qd-12", else "qd-12-2", …): two documents of
/// one type may share a number under different symbols ("46-CT/TW", "46/CT-TTg").
fn give_unique_id(c: &mut Citation, taken: &[Citation]) {
    let base = c.id.value.clone();
    let mut n = 1;
    while taken.iter().any(|t| t.id.value == c.id.value) {
        n += 1;
        c.id = Text::new(format!("{base}-{n}"));
    }
}

/// "25/6/2021" → "2021-06-25".
fn short_date_iso(s: &str) -> Option<String> {
    let mut it = s.trim_end_matches([',', ';', '.']).split('/');
    let d: u32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let y: u32 = it.next()?.parse().ok()?;
    (it.next().is_none() && (1..=31).contains(&d) && (1..=12).contains(&m) && y >= 1000)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Writes citations back as `[@id]` / `[@id:ngan]` wherever the text repeats them in
/// the form compose would expand them to.
pub(crate) fn link_citations(plan: &mut Plan) {
    if plan.van_ban.is_empty() {
        return;
    }
    let views = PlanView::new(plan).van_ban;

    let relink = |s: &str| -> String {
        let mut out = s.to_owned();
        for v in &views {
            out = out.replace(v.day_du.as_str(), &format!("[@{}]", v.id));
        }
        for v in &views {
            out = out.replace(v.ngan.as_str(), &format!("[@{}:ngan]", v.id));
        }
        out
    };
    fn walk(blocks: &mut [Block], f: &dyn Fn(&str) -> String) {
        for b in blocks {
            match b {
                Block::Paragraph(t) => *t = Text::new(f(t)),
                Block::Marked(m) => {
                    for t in [
                        &mut m.muc,
                        &mut m.khoan,
                        &mut m.diem,
                        &mut m.gach,
                        &mut m.cong,
                        &mut m.doan,
                    ]
                    .into_iter()
                    .flatten()
                    {
                        *t = Text::new(f(t));
                    }
                    walk(&mut m.noi_dung, f);
                }
            }
        }
    }
    walk(&mut plan.noi_dung, &relink);
    for t in plan.mo_dau.iter_mut().chain(plan.ket_thuc.iter_mut()) {
        *t = Text::new(relink(t));
    }
    for t in &mut plan.noi_nhan {
        *t = Text::new(relink(t));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_read_back() {
        let c = opening_citations("Thực hiện Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa về triển khai Đề án X.").unwrap();
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].so, "2325");
        assert_eq!(c[0].ky_hieu, "KH-UBND");
        assert_eq!(c[0].ngay.as_deref(), Some("2021-06-25"));
        assert_eq!(c[0].co_quan.as_deref(), Some("UBND thị xã Ninh Hòa"));
        assert_eq!(c[0].trich_yeu.as_deref(), Some("về triển khai Đề án X"));
        assert_eq!(c[0].id, "kh-2325");
        let q = opening_citations("Thực hiện Quyết định số 468/QĐ-TTg ngày 27/3/2021 của Thủ tướng Chính phủ phê duyệt Đề án Y; Kế hoạch số 5650/KH-UBND ngày 01/6/2021 của UBND tỉnh Khánh Hòa.").unwrap();
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].co_quan.as_deref(), Some("Thủ tướng Chính phủ"));
        assert_eq!(q[0].loai, DocKind::QuyetDinh);
        assert_eq!(q[1].trich_yeu, None);
        assert!(opening_citations("Thực hiện tốt nhiệm vụ năm 2021.").is_none());
    }

    #[test]
    fn party_numbers_keep_their_type_in_the_symbol_and_their_printed_form() {
        let c = citation("Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị").unwrap();
        assert_eq!((c.so.as_str(), c.ky_hieu.as_str()), ("57", "NQ/TW"));
        assert_eq!(c.so_ky_hieu.as_deref(), Some("57-NQ/TW"));
        assert!(CitationView::new(&c)
            .day_du
            .starts_with("Nghị quyết số 57-NQ/TW ngày"));
        // Forms kehoach prints itself keep no printed form.
        for (text, so, ky_hieu) in [
            ("Luật số 163/2024/QH15", "163", "2024/QH15"),
            ("Quyết định số 06/QĐ-TTg", "06", "QĐ-TTg"),
        ] {
            let c = citation(text).unwrap();
            assert_eq!((c.so.as_str(), c.ky_hieu.as_str()), (so, ky_hieu), "{text}");
            assert_eq!(c.so_ky_hieu, None, "{text}");
        }
        // A dash not after a number is part of the number as typed.
        let odd = citation("Kế hoạch số A-1/KH-UBND").unwrap();
        assert_eq!((odd.so.as_str(), odd.ky_hieu.as_str()), ("A-1", "KH-UBND"));
    }

    #[test]
    fn citations_sharing_a_type_and_number_get_ids_of_their_own() {
        let mut taken = Vec::new();
        for text in [
            "Chỉ thị số 46-CT/TW",
            "Chỉ thị số 46/CT-TTg",
            "Chỉ thị số 46/CT-UBND",
        ] {
            let mut c = citation(text).unwrap();
            give_unique_id(&mut c, &taken);
            taken.push(c);
        }
        let ids: Vec<&str> = taken.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["ct-46", "ct-46-2", "ct-46-3"]);
    }

    #[test]
    fn and_splits_only_before_another_citation() {
        assert_eq!(
            split_at_next_citation(
                "Kế hoạch số 1/KH-UBND của Bộ Giáo dục và Đào tạo và Kế hoạch số 2/KH-UBND"
            ),
            [
                "Kế hoạch số 1/KH-UBND của Bộ Giáo dục và Đào tạo",
                "Kế hoạch số 2/KH-UBND"
            ]
        );
    }

    #[test]
    fn lines_nest_like_the_yaml() {
        let blocks = nest(
            [
                "I. MỤC ĐÍCH",
                "1. Mục đích",
                "- a",
                "+ b",
                "Đoạn",
                "II. KINH PHÍ",
                "Kinh phí",
            ]
            .into_iter()
            .map(|s| parse_line(&s.chars().map(|c| (c, true, false)).collect::<Vec<_>>())),
        );
        assert_eq!(blocks.len(), 2);
        let (k, t) = blocks[0].kind_and_text();
        assert_eq!((k, t.as_str()), (BlockKind::Section, "MỤC ĐÍCH"));
        let clause = &blocks[0].children()[0];
        assert_eq!(
            clause.children().len(),
            2,
            "the dash item and the paragraph"
        );
        assert_eq!(clause.children()[0].children().len(), 1, "+ under -");
        assert_eq!(blocks[1].children().len(), 1);
        assert_eq!(marker("-5% so với"), None);
        assert_eq!(marker("- 100% xã").map(|m| m.0), Some(BlockKind::Dash));
        assert_eq!(marker("1.1. Con số").map(|m| m.0), Some(BlockKind::Clause));
        assert_eq!(marker("1.5 triệu"), None);
    }

    fn look(parts: &[(&str, bool, bool)]) -> Vec<Look> {
        parts
            .iter()
            .flat_map(|(t, b, i)| t.chars().map(move |c| (c, *b, *i)))
            .collect()
    }

    #[test]
    fn emphasis_is_read_from_the_runs() {
        // Only the number bold: a numbered sentence.
        let l = parse_line(&look(&[
            ("1.", true, false),
            (" 100% cán bộ", false, false),
        ]));
        assert_eq!(l.kind, BlockKind::Clause);
        assert_eq!((l.extra.dam, l.extra.so_dam), (Some(false), Some(true)));
        assert_eq!(l.text, "100% cán bộ");
        // A run-in heading.
        let l = parse_line(&look(&[
            ("2. Thời gian:", true, false),
            (" Từ tháng 10", false, false),
        ]));
        assert_eq!(l.text, "Thời gian:");
        assert_eq!(l.extra.tiep.as_deref(), Some("Từ tháng 10"));
        // Inline italic in an item, a literal asterisk escaped.
        let l = parse_line(&look(&[
            ("- ", false, false),
            ("Đơn vị:", false, true),
            (" Sở 5*3", false, false),
        ]));
        assert_eq!(l.kind, BlockKind::Dash);
        assert_eq!(l.text, r"*Đơn vị:* Sở 5\*3");
        assert_eq!(l.extra, BlockFields::default());
        // A bold item.
        let l = parse_line(&look(&[("- Bold", true, false)]));
        assert_eq!(l.extra.dam, Some(true));
    }
}
