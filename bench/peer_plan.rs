//! The peer benchmark's plan JSON (shared/bench/peers/README.md, "Plan JSON shape") and
//! its translation into kehoach plan YAML, so kehoach renders the same content as the
//! peers. Shared by the benchmark, the peer adapter and the tests (`#[path]` includes).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PeerPlan {
    pub id: String,
    pub header: Header,
    pub summary: String,
    pub body: Vec<BodyItem>,
    pub recipients: Vec<String>,
    pub signature: Signature,
    pub appendix: Appendix,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Header {
    pub parent_org: String,
    pub org: String,
    pub number: String,
    pub symbol: String,
    pub place: String,
    pub date: String,
    pub day: String,
    pub month: String,
    pub year: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BodyItem {
    #[serde(rename = "type")]
    pub kind: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Signature {
    pub authority: Vec<String>,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Appendix {
    pub title: String,
    pub note: String,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Group {
    pub roman: String,
    pub title: String,
    pub tasks: Vec<Task>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Task {
    pub stt: String,
    pub content: String,
    pub lead: String,
    pub support: String,
    pub output: String,
    pub deadline: String,
}

/// The "(Kèm theo …)" line with the short date (`ngày 07/3/2023`) the peers print,
/// as a template override: kehoach's built-in line spells the date out in words.
pub const PHU_LUC_OVERRIDE: &str = r#"phu-luc {{ p.nhan }}
phu-luc-ten {{ p.ten | in_hoa }}
kem-theo (Kèm theo {{ loai.ten }} số {{ so }}/{{ ky_hieu }} ngày {{ ngay.ngan }} của {{ co_quan.ten_goi }})
bang {{ p.index }}
"#;

/// A scalar as clerks and the example plans write it: plain where YAML reads it back as
/// the same text, double-quoted (JSON string syntax is a subset of YAML's) where not —
/// numbers, dates, text with `: ` or ` #`, a leading indicator. (Loading costs the same
/// either way: 4.86 M instructions a plan, quoted or plain.)
fn q(s: &str) -> String {
    scalar(s, false)
}

/// The same inside `[…]` or `{…}`, where `,`, brackets and braces end a plain scalar.
fn qf(s: &str) -> String {
    scalar(s, true)
}

fn scalar(s: &str, flow: bool) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| !c.is_ascii_digit() && !"-?:,[]{}#&*!|>'\"%@`~ ".contains(c))
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s
            .chars()
            .any(|c| c.is_control() || (flow && ",[]{}".contains(c)))
        && !["true", "false", "yes", "no", "on", "off", "y", "n", "null"]
            .iter()
            .any(|w| s.eq_ignore_ascii_case(w));
    if plain {
        s.to_owned()
    } else {
        serde_json::to_string(s).expect("strings serialise")
    }
}

/// The text after a leading "I. " / "12. " marker, which kehoach numbers itself.
fn strip_marker(s: &str) -> &str {
    match s.split_once(". ") {
        Some((m, rest))
            if !m.is_empty() && m.chars().all(|c| c.is_ascii_digit() || "IVXLC".contains(c)) =>
        {
            rest
        }
        _ => s,
    }
}

/// The plan as kehoach YAML.
pub fn to_yaml(p: &PeerPlan) -> String {
    let h = &p.header;
    let mut y = String::with_capacity(24 * 1024);
    let push = |y: &mut String, indent: usize, line: &str| {
        y.extend(std::iter::repeat_n(' ', indent));
        y.push_str(line);
        y.push('\n');
    };
    // "(Kèm theo … của UBND phường Ninh Diêm)" names the issuer as sentences do.
    let ten_goi = p
        .appendix
        .note
        .rsplit_once(" của ")
        .map(|(_, t)| t.trim_end_matches(')').to_owned())
        .unwrap_or_else(|| h.org.clone());
    let ten: Vec<String> = match h.org.strip_prefix("ỦY BAN NHÂN DÂN ") {
        Some(rest) => vec!["ỦY BAN NHÂN DÂN".into(), rest.into()],
        None => vec![h.org.clone()],
    };
    let viet_tat = h.symbol.split_once('-').map(|(_, b)| b).unwrap_or("UBND");
    let list = |v: &[String]| {
        format!(
            "[{}]",
            v.iter().map(|s| qf(s)).collect::<Vec<_>>().join(", ")
        )
    };
    push(&mut y, 0, "loai: ke-hoach");
    push(&mut y, 0, "co_quan:");
    push(
        &mut y,
        2,
        &format!("chu_quan: {}", list(std::slice::from_ref(&h.parent_org))),
    );
    push(&mut y, 2, &format!("ten: {}", list(&ten)));
    push(&mut y, 2, &format!("ten_goi: {}", q(&ten_goi)));
    push(&mut y, 2, &format!("viet_tat: {}", q(viet_tat)));
    push(&mut y, 0, &format!("so: {}", q(&h.number)));
    push(&mut y, 0, &format!("ngay: {}", q(&h.date)));
    push(&mut y, 0, &format!("dia_danh: {}", q(&h.place)));
    push(&mut y, 0, &format!("trich_yeu: {}", q(&p.summary)));

    // The first paragraph opens the plan; a last one starting "Trên đây" closes it.
    let mut body: &[BodyItem] = &p.body;
    if let Some(first) = body.first().filter(|b| b.kind == "paragraph") {
        push(&mut y, 0, &format!("mo_dau: {}", q(&first.text)));
        body = &body[1..];
    }
    let mut closing = None;
    if let Some(last) = body
        .last()
        .filter(|b| b.kind == "paragraph" && b.text.starts_with("Trên đây"))
    {
        closing = Some(last.text.clone());
        body = &body[..body.len() - 1];
    }
    push(&mut y, 0, "noi_dung:");
    // Depth of the open section (muc) and clause (khoan) decides where items go.
    let (mut in_muc, mut in_khoan) = (false, false);
    for b in body {
        match b.kind.as_str() {
            "heading1" => {
                push(&mut y, 2, &format!("- muc: {}", q(strip_marker(&b.text))));
                push(&mut y, 4, "noi_dung:");
                (in_muc, in_khoan) = (true, false);
            }
            "heading2" => {
                let indent = if in_muc { 6 } else { 2 };
                push(
                    &mut y,
                    indent,
                    &format!("- khoan: {}", q(strip_marker(&b.text))),
                );
                push(&mut y, indent + 2, "noi_dung:");
                in_khoan = true;
            }
            kind => {
                let indent = 2 + 4 * (in_muc as usize) + 4 * (in_khoan as usize);
                let key = if kind == "item" { "gach" } else { "doan" };
                push(&mut y, indent, &format!("- {key}: {}", q(&b.text)));
            }
        }
    }
    if let Some(c) = closing {
        push(&mut y, 0, &format!("ket_thuc: {}", q(&c)));
    }

    push(&mut y, 0, "ky:");
    for line in &p.signature.authority {
        if let Some(tm) = line.strip_prefix("TM. ") {
            push(&mut y, 2, &format!("thay_mat: {}", q(tm)));
        } else if let Some(head) = line.strip_prefix("KT. ") {
            push(&mut y, 2, "hinh_thuc: kt");
            push(&mut y, 2, &format!("thu_truong: {}", q(head)));
        } else {
            push(&mut y, 2, &format!("chuc_vu: {}", q(line)));
        }
    }
    push(&mut y, 2, &format!("ho_ten: {}", q(&p.signature.name)));
    let (recipients, archive): (Vec<&String>, Vec<&String>) =
        p.recipients.iter().partition(|r| !r.starts_with("Lưu:"));
    push(&mut y, 0, "noi_nhan:");
    for r in recipients {
        push(&mut y, 2, &format!("- {}", q(r.trim_end_matches(';'))));
    }
    let places: Vec<String> = archive
        .first()
        .map(|a| {
            a.trim_start_matches("Lưu:")
                .trim()
                .trim_end_matches('.')
                .split(',')
                .map(|s| s.trim().to_owned())
                .collect()
        })
        .unwrap_or_else(|| vec!["VT".into()]);
    push(&mut y, 0, &format!("luu: {{ noi_luu: {} }}", list(&places)));

    push(&mut y, 0, "phu_luc:");
    push(&mut y, 2, &format!("- ten: {}", q(&p.appendix.title)));
    push(&mut y, 4, "huong: ngang");
    push(&mut y, 4, "cot:");
    for (key, title) in [
        ("stt", "STT"),
        ("noi_dung", "Nội dung/Nhiệm vụ"),
        ("chu_tri", "Công chức chủ trì"),
        ("phoi_hop", "Công chức phối hợp"),
        ("san_pham", "Sản phẩm, kết quả"),
        ("thoi_han", "Thời gian hoàn thành"),
    ] {
        push(
            &mut y,
            6,
            &format!("- {{ khoa: {key}, ten: {} }}", qf(title)),
        );
    }
    push(&mut y, 4, "nhom:");
    for g in &p.appendix.groups {
        push(&mut y, 6, &format!("- ten: {}", q(&g.title)));
        push(&mut y, 8, "nhiem_vu:");
        for t in &g.tasks {
            push(&mut y, 10, &format!("- noi_dung: {}", q(&t.content)));
            push(&mut y, 12, &format!("chu_tri: {}", q(&t.lead)));
            push(&mut y, 12, &format!("phoi_hop: {}", q(&t.support)));
            push(&mut y, 12, &format!("san_pham: {}", q(&t.output)));
            push(&mut y, 12, &format!("thoi_han: {}", q(&t.deadline)));
        }
    }
    y
}
