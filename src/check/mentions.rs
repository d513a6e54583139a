//! Citations of other documents, wherever they are: the `van_ban` entries and the ones
//! typed out in the text ("Kế hoạch số 2235/KH-UBND ngày 25/6/2021 của UBND thị xã
//! Ninh Hòa về …"). The citation rules compare them with each other.
//!
//! Parsing typed citations is a heuristic: the type name, "số", number/symbol are
//! matched strictly; the date, issuer ("của …") and subject ("về …") that may follow
//! are read loosely and compared loosely (an issuer is the same when one is a
//! word-prefix of the other), so a loose reading never invents a conflict.

use std::sync::LazyLock;

use regex::Regex;

use super::fields::{Field, Role};
use super::holds::Holds;
use super::locate;
use crate::diag::Source;
use crate::numbering::PlanDate;
use crate::plan::{DocKind, Loc, Plan};

/// One mention of a document.
#[derive(Clone, Debug)]
pub(crate) struct Mention {
    /// `Some(i)` for `van_ban[i]`, `None` for a citation typed in the text.
    pub entry: Option<usize>,
    pub kind: Option<DocKind>,
    pub number: String,
    pub symbol: String,
    pub date: Option<PlanDate>,
    /// A date is written but cannot be read (reported by KH-DATE-INVALID).
    pub date_unreadable: bool,
    pub issuer: Option<String>,
    pub subject: Option<String>,
    /// What follows the issuer when no "về" starts a subject ("quy định tiêu chuẩn …"):
    /// only to tell two documents of one issuer and date apart.
    pub tail: Option<String>,
    /// The start of the mention (the type name, or the entry's `id`).
    pub at: Loc,
    pub number_at: Loc,
    pub symbol_at: Loc,
    pub date_at: Loc,
    pub issuer_at: Loc,
    /// The YAML key the mention sits under, for messages.
    pub key: &'static str,
    /// A Party document's form, number and symbol joined by `-` ("57-NQ/TW").
    pub party: bool,
    /// Where a stray space sits inside the printed symbol ("TT- BTC", "NQ -CP").
    pub stray_space: Option<Loc>,
    /// The type name is qualified ("Chương trình hành động", "Quy chế phối hợp"): its
    /// symbol may carry the qualifier too ("QCPH-…").
    pub qualified: bool,
}

impl Mention {
    /// "Kế hoạch số 2235/KH-UBND", as a clerk would search for it.
    pub fn short(&self) -> String {
        let kind = self.kind.map(DocKind::name).unwrap_or("văn bản");
        let sep = if self.party { '-' } else { '/' };
        let symbol: String = self.symbol.split_whitespace().collect();
        format!("{kind} số {}{sep}{symbol}", self.number)
    }
}

/// Mentions in print order: the `van_ban` entries (the opening sentence), then the
/// citations typed in prose fields.
pub fn collect(plan: &Plan, fields: &[Field<'_>], source: &Source) -> Vec<Mention> {
    let mut out: Vec<Mention> = plan
        .van_ban
        .iter()
        .enumerate()
        .map(|(i, c)| Mention {
            entry: Some(i),
            kind: Some(c.loai),
            number: c.so.value.trim().to_owned(),
            symbol: c.ky_hieu.value.trim().to_owned(),
            date: c.ngay.as_ref().and_then(|d| PlanDate::parse(d).ok()),
            date_unreadable: c.ngay.as_ref().is_some_and(|d| PlanDate::parse(d).is_err()),
            issuer: c.co_quan.as_ref().map(|t| t.value.clone()),
            subject: c.trich_yeu.as_ref().map(|t| t.value.clone()),
            tail: None,
            at: c.id.at,
            number_at: c.so.at,
            symbol_at: c.ky_hieu.at,
            date_at: c.ngay.as_ref().map_or(c.id.at, |t| t.at),
            issuer_at: c.co_quan.as_ref().map_or(c.id.at, |t| t.at),
            key: "van_ban",
            // A Party document's symbol is printed after a dash (57-NQ/TW): the entry
            // says so through its symbol as printed.
            party: c.so_ky_hieu.as_ref().is_some_and(|p| {
                let p = p.trim();
                p.strip_prefix(c.so.value.trim())
                    .is_some_and(|rest| rest.trim_start().starts_with('-'))
            }),
            stray_space: None,
            // A type name printed with more words ("Chương trình hành động", "Quy chế
            // phối hợp") has symbols of its own.
            qualified: c
                .ten_loai
                .as_ref()
                .is_some_and(|t| t.trim().len() > c.loai.name().len()),
        })
        .collect();
    for f in fields.iter().filter(|f| f.role == Role::Prose) {
        typed(f, source, &mut out);
    }
    out
}

/// Builds the regexes now rather than on the first citation looked for (see `check::prepare`).
pub(super) fn prepare() {
    for r in [&CITATION, &DATE, &ISSUER, &SUBJECT] {
        LazyLock::force(r);
    }
}

static CITATION: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = DocKind::ALL.iter().map(|k| k.name()).collect();
    // Longest first, so "Thông tư liên tịch" wins over "Thông tư".
    names.sort_by_key(|n| std::cmp::Reverse(n.len()));
    // No leading `\b`: a Unicode word boundary keeps the regex off its fast engines
    // (it was a third of `check`); `typed` checks the boundary itself.
    Regex::new(&format!(
        // Number and symbol are joined by `/` (State documents, "30/2020/NĐ-CP") or `-`
        // (Party documents, "57-NQ/TW"); a stray space on one side of a joint
        // ("TT- BTC", "71/NQ -CP") is read through, and reported on its own.
        // Up to three words may sit between the type and "số" ("Chương trình hành động
        // số 10-CTr/TU"); without "số" the number follows the type at once.
        r"(?i)(?P<kind>{})\s+(?:(?P<more>(?:\p{{Ll}}+\s+){{1,3}}?)?số\s*:?\s*)?(?P<num>[0-9]+)(?P<sep>\s?[/\-–]\s?)(?P<sym>[\p{{L}}\p{{N}}]+(?:(?:[/\-–]\s?|\s?[/\-–])[\p{{L}}\p{{N}}]+)*)",
        names.join("|")
    ))
    .expect("valid regex")
});
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*ngày\s+(?:([0-9]{1,2})\s*/\s*([0-9]{1,2})\s*/\s*([0-9]{4})|([0-9]{1,2})\s+tháng\s+([0-9]{1,2})\s+năm\s+([0-9]{4}))")
        .expect("valid regex")
});
/// "của <issuer>", "giữa <issuers>" (a joint regulation), or a Party resolution's
/// ", Hội nghị lần thứ … của Ban Chấp hành …".
static ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*,?\s*(?:của\s+|giữa\s+|(?P<conference>Hội nghị\s))").expect("valid regex")
});
static SUBJECT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*,?\s*về\s+(?:việc\s+)?").expect("valid regex"));

/// Words that end an issuer's name: what usually follows it in a citation.
const ISSUER_STOPS: &[&str] = &[
    " về ",
    " triển khai",
    " thực hiện",
    " ban hành",
    " phê duyệt",
    " hướng dẫn",
    " quy định",
    " đối với",
    " trên địa bàn",
    " nhằm",
    " để ",
    " tại ",
    " theo ",
    " ngày ",
];

fn typed(f: &Field<'_>, source: &Source, out: &mut Vec<Mention>) {
    let text = f.text;
    let value = text.value.as_str();
    // A citation has a `/` between number and symbol; most texts have none.
    if !f.holds.any(Holds::SLASH) {
        return;
    }
    let first = out.len();
    // (start, end of what was read) of each mention of this text.
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for c in CITATION.captures_iter(value) {
        let (Some(all), Some(kind), Some(num), Some(sym)) =
            (c.get(0), c.name("kind"), c.name("num"), c.name("sym"))
        else {
            continue;
        };
        if value[..all.start()]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        // Words between the type and "số" qualify a type written with a capital
        // ("Chương trình hành động số …"); "quy định tại Nghị định số …" is a verb.
        let qualified = c.name("more").is_some();
        if let Some(more) = c.name("more") {
            let capital = kind.as_str().chars().next().is_some_and(char::is_uppercase);
            let words = more.as_str().to_lowercase();
            let names_a_type = DocKind::ALL
                .iter()
                .any(|k| words.contains(&k.name().to_lowercase()));
            if !capital || names_a_type || words.starts_with("tại") {
                continue;
            }
        }
        let symbol = sym.as_str().trim_end_matches(['-', '–', '/']);
        let loc = |start: usize, len: usize| locate::within(text, source, start, len);
        let sep = c.name("sep").map_or("/", |g| g.as_str());
        let party = sep.trim() != "/" && symbol.contains('/');
        // A number and symbol joined by `-` without a `/` after it is no citation
        // ("Kế hoạch 2021-2025").
        if sep.trim() != "/" && !party {
            continue;
        }
        let stray_space = if sep.contains(' ') {
            let i = num.end() + sep.find(' ').unwrap_or(0);
            Some(loc(i, 1))
        } else {
            symbol.find(' ').map(|i| loc(sym.start() + i, 1))
        };
        let mut m = Mention {
            entry: None,
            kind: DocKind::ALL
                .into_iter()
                .find(|k| k.name().to_lowercase() == kind.as_str().to_lowercase()),
            number: num.as_str().to_owned(),
            symbol: symbol.split_whitespace().collect(),
            date: None,
            date_unreadable: false,
            issuer: None,
            subject: None,
            tail: None,
            at: loc(all.start(), all.len()),
            number_at: loc(num.start(), num.len()),
            symbol_at: loc(sym.start(), symbol.len()),
            date_at: Loc::UNKNOWN,
            issuer_at: Loc::UNKNOWN,
            key: f.key,
            party,
            stray_space,
            qualified,
        };
        // Date and issuer follow in either order; then perhaps "về <subject>".
        let mut pos = sym.start() + symbol.len();
        for _ in 0..2 {
            let rest = &value[pos..];
            if let Some(d) = DATE.captures(rest) {
                let n = |i: usize, j: usize| c_num(&d, i).or_else(|| c_num(&d, j));
                if let (Some(day), Some(month), Some(year)) = (n(1, 4), n(2, 5), n(3, 6)) {
                    m.date = PlanDate::parse(&format!("{year:04}-{month:02}-{day:02}")).ok();
                }
                let whole = d.get(0).expect("match");
                let start = pos + rest[..whole.end()].find("ngày").unwrap_or(0);
                m.date_at = loc(start, pos + whole.end() - start);
                pos += whole.end();
            } else if let Some(i) = ISSUER.captures(rest) {
                let whole = i.get(0).expect("match");
                let start = pos + i.name("conference").map_or(whole.end(), |c| c.start());
                let name = issuer_name(&value[start..]);
                if !name.is_empty() {
                    m.issuer = Some(name.to_owned());
                    m.issuer_at = loc(start, name.len());
                }
                pos = start + name.len();
            }
        }
        if let Some(s) = SUBJECT.find(&value[pos..]) {
            let rest = &value[pos + s.end()..];
            let end = rest.find(['.', ';', '(', '\n']).unwrap_or(rest.len());
            let subject = rest[..end].trim();
            if subject.chars().count() >= 12 {
                m.subject = Some(subject.to_owned());
            }
        } else if m.issuer.is_some() {
            let rest = &value[pos..];
            let end = rest.find(['.', ';', '(', '\n']).unwrap_or(rest.len());
            let tail = rest[..end].trim();
            if tail.chars().count() >= 12 {
                m.tail = Some(normalize(tail));
            }
        }
        spans.push((all.start(), pos));
        out.push(m);
    }
    share_issuers(value, &spans, &mut out[first..]);
}

/// "Thông tư số 92/2009/TT-BTC ngày … và Thông tư số 85/2020/TT-BTC ngày … của Bộ Tài
/// chính": citations joined by "và" or "," share the issuer printed after the last; so
/// does one whose symbol names the same body as the next in its sentence
/// ("Quyết định số 1729/QĐ-TTg … sửa đổi Quyết định số 655/QĐ-TTg … của Thủ tướng").
fn share_issuers(value: &str, spans: &[(usize, usize)], ms: &mut [Mention]) {
    let body = |m: &Mention| {
        let s = m.symbol.to_uppercase();
        s.rsplit(['-', '/']).next().unwrap_or("").to_owned()
    };
    for i in (0..ms.len().saturating_sub(1)).rev() {
        if ms[i].issuer.is_some() || ms[i + 1].issuer.is_none() {
            continue;
        }
        let (_, end) = spans[i];
        let (next, _) = spans[i + 1];
        let gap = value.get(end..next).unwrap_or("").trim();
        let joined = matches!(gap, "và" | "," | ", và" | ",và");
        let same_body = !gap.contains([';', '.', ':'])
            && gap.chars().count() <= 40
            && !body(&ms[i]).is_empty()
            && body(&ms[i]) == body(&ms[i + 1]);
        if joined || same_body {
            ms[i].issuer = ms[i + 1].issuer.clone();
            ms[i].issuer_at = ms[i + 1].issuer_at;
        }
    }
}

fn c_num(c: &regex::Captures<'_>, i: usize) -> Option<u32> {
    c.get(i).and_then(|g| g.as_str().parse().ok())
}

/// The issuer's name at the start of `rest`: up to punctuation, a stop phrase, or
/// ten words.
fn issuer_name(rest: &str) -> &str {
    let mut end = rest
        .find([',', ';', '.', ':', '(', ')', '[', '"', '“', '”', '\n'])
        .unwrap_or(rest.len());
    // "… của Chính phủ và Chương trình hành động số 10-CTr/TU": the next citation.
    for (i, _) in rest[..end].match_indices(" và ") {
        let after = &rest[i + " và ".len()..end];
        if DocKind::ALL
            .iter()
            .any(|k| after.starts_with(k.name()) || after.starts_with(&k.name().to_lowercase()))
        {
            end = i;
            break;
        }
    }
    for stop in ISSUER_STOPS {
        if let Some(i) = rest[..end].find(stop) {
            end = end.min(i);
        }
    }
    let name = &rest[..end];
    let cut = name
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .nth(9)
        .map_or(name.len(), |(i, _)| i);
    name[..cut].trim()
}

/// An issuer or subject reduced for comparison: lower case, common long forms
/// abbreviated, old/new tone-mark placement unified, spaces collapsed.
pub(crate) fn normalize(s: &str) -> String {
    let mut s = s.to_lowercase();
    for (from, to) in [
        ("uỷ", "ủy"),
        ("uý", "úy"),
        ("uỳ", "ùy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        ("ủy ban nhân dân", "ubnd"),
        ("hội đồng nhân dân", "hđnd"),
    ] {
        s = s.replace(from, to);
    }
    let s = s.trim_start_matches("về ").trim_start_matches("việc ");
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A symbol reduced for comparison: upper case, dashes unified, no spaces.
pub(crate) fn normalize_symbol(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| if c == '–' { '-' } else { c })
        .collect::<String>()
        .to_uppercase()
}

/// Two issuers name the same body when one is a word-prefix of the other (a loose
/// reading may have taken a word too many).
pub(crate) fn same_issuer(a: &str, b: &str) -> bool {
    same_normalized_issuer(&normalize(a), &normalize(b))
}

/// [`same_issuer`] for names already passed through [`normalize`].
pub(crate) fn same_normalized_issuer(a: &str, b: &str) -> bool {
    let (mut aw, mut bw) = (a.split(' '), b.split(' '));
    let mut compared = false;
    loop {
        match (aw.next(), bw.next()) {
            (Some(x), Some(y)) if x == y => compared = !x.is_empty() || compared,
            (Some(_), Some(_)) => return false,
            _ => return compared,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::Text;

    fn parse(s: &str) -> Vec<Mention> {
        let t = Text::new(s);
        let f = Field::new("noi_dung", &t, Role::Prose);
        let mut out = Vec::new();
        typed(&f, &Source::default(), &mut out);
        out
    }

    #[test]
    fn reads_the_reference_plans_citations() {
        let m = parse("Thực hiện Kế hoạch số 2235/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa về triển khai Đề án đổi mới việc thực hiện cơ chế một cửa.");
        assert_eq!(m.len(), 1);
        let m = &m[0];
        assert_eq!(m.kind, Some(DocKind::KeHoach));
        assert_eq!((m.number.as_str(), m.symbol.as_str()), ("2235", "KH-UBND"));
        assert_eq!(m.date.unwrap().iso(), "2021-06-25");
        assert_eq!(m.issuer.as_deref(), Some("UBND thị xã Ninh Hòa"));
        assert!(m
            .subject
            .as_deref()
            .unwrap()
            .starts_with("triển khai Đề án"));

        let m = &parse("các nhiệm vụ được giao tại Kế hoạch số 2325/KH-UBND ngày 25/6/2021 của UBND thị xã Ninh Hòa triển khai Đề án")[0];
        assert_eq!(m.issuer.as_deref(), Some("UBND thị xã Ninh Hòa"));
        assert_eq!(m.subject, None);

        let m = &parse("theo Kế hoạch số 1800/KHUBND ngày 27/5/2021 về triển khai số hóa")[0];
        assert_eq!(m.symbol, "KHUBND");
        assert_eq!(m.issuer, None);
    }

    #[test]
    fn legal_documents_and_long_dates() {
        let m = &parse("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;")[0];
        assert_eq!(m.kind, Some(DocKind::NghiDinh));
        assert_eq!(m.symbol, "2020/NĐ-CP");
        assert_eq!(m.date.unwrap().iso(), "2020-03-05");
        assert_eq!(m.issuer.as_deref(), Some("Chính phủ"));
        let m = &parse("Thông tư liên tịch số 12/2015/TTLT-BNV-BTC")[0];
        assert_eq!(m.kind, Some(DocKind::ThongTuLienTich));
    }

    #[test]
    fn issuers_compare_loosely() {
        assert!(same_issuer(
            "UBND thị xã Ninh Hòa",
            "Ủy ban nhân dân thị xã Ninh Hoà"
        ));
        assert!(same_issuer(
            "UBND thị xã Ninh Hòa",
            "UBND thị xã Ninh Hòa đã"
        ));
        assert!(!same_issuer("UBND thị xã Ninh Hòa", "UBND tỉnh Khánh Hòa"));
    }
}
