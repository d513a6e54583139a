//! Located elements → a [`Plan`]: the header, title, signature and recipients here;
//! the body in [`super::body`], appendix tables in [`super::appendix`]. Every string a
//! renderer would print the same way is stored the way the plan YAML stores it, so a
//! rendered plan imports back to itself.

use super::locate::{locate, Layout, Piece};
use super::model::DocFacts;
use super::report::ImportReport;
use super::text::{lower_first, squash, strip_prefix_ci};
use super::Imported;
use crate::plan::{Archive, Issuer, Plan, SignMode, Signature, Text};

pub fn build(facts: &DocFacts) -> Imported {
    let layout = locate(facts);
    let mut report = ImportReport::default();
    let mut plan = Plan::default();
    match &layout.kind {
        Some((kind, _)) => plan.loai = *kind,
        None => report.note(
            "không thấy dòng tên loại văn bản (như \"KẾ HOẠCH\"); văn bản được đọc là Kế hoạch",
        ),
    }
    if facts.tracked_changes > 0 {
        report.note(format!(
            "cảnh báo: văn bản còn {} thay đổi chưa chấp nhận (Track Changes); đã nhập như khi chấp nhận tất cả (giữ phần thêm, bỏ phần xóa) — nếu không đúng ý, hãy chấp nhận hoặc từ chối trong Word rồi nhập lại",
            facts.tracked_changes
        ));
    }
    header(&layout, &mut plan, &mut report);
    plan.trich_yeu = Text::new(squash(
        &layout
            .summary
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    ));
    if plan.trich_yeu.is_empty() {
        report.note("không thấy trích yếu (dòng dưới tên loại văn bản)");
    }
    if super::text::is_upper(&plan.trich_yeu) {
        let body: Vec<String> = layout.body.iter().map(|&p| facts.para(p).text()).collect();
        plan.trich_yeu = Text::new(sentence_case(&plan.trich_yeu, &body.join(" ")));
        report.note("trích yếu in hoa; được ghi lại theo kiểu câu thường (tên riêng viết như trong nội dung)");
    }
    let mut ten_goi_hint = None;
    for a in &layout.appendices {
        if let Some(k) = &a.kem_theo {
            ten_goi_hint = ten_goi_hint.or_else(|| kem_theo_issuer(&k.text));
            kem_theo_number(&k.text, &mut plan, &mut report);
        }
    }
    let body_hint = super::body::read(facts, &layout, &mut plan, &mut report);
    let ten_goi = ten_goi_hint
        .or(body_hint)
        .unwrap_or_else(|| {
            let made = name_from_lines(&plan.co_quan.ten);
            report.note(format!(
                "văn bản không ghi tên gọi của cơ quan ban hành dùng trong câu (co_quan.ten_goi); tạm ghi \"{made}\""
            ));
            made
        });
    plan.co_quan.ten_goi = Text::new(ten_goi);
    super::body::link_citations(&mut plan);
    signature(&layout, &mut plan, &mut report);
    for (i, a) in layout.appendices.iter().enumerate() {
        plan.phu_luc.push(super::appendix::read(
            facts,
            a,
            i,
            &mut plan.chua_xep,
            &mut report,
        ));
        if let Some(k) = &a.kem_theo {
            let pattern = caption_pattern(&k.text, &plan);
            if let Some(last) = plan.phu_luc.last_mut() {
                last.kem_theo = pattern.map(Text::new);
            }
        }
    }
    for note in &facts.footnotes {
        let looks: Vec<super::body::Look> = note
            .runs
            .iter()
            .flat_map(|r| r.text.chars().map(move |c| (c, r.bold, r.italic)))
            .collect();
        plan.chu_thich.push(crate::plan::Footnote {
            so: Text::new(note.mark.clone()),
            noi_dung: Text::new(squash(&super::body::markup(&looks, false, false))),
        });
    }
    for piece in layout.header.other.iter().chain(&layout.sign.other) {
        keep(
            &mut plan,
            &mut report,
            piece,
            "không thuộc phần đầu hay phần chữ ký",
        );
    }
    for &t in &layout.body_tables {
        for piece in super::appendix::table_pieces_of(facts, t) {
            keep(
                &mut plan,
                &mut report,
                &piece,
                "bảng nằm trong phần nội dung",
            );
        }
    }
    Imported { plan, report }
}

/// Keeps a piece the importer could not place, and says so.
pub fn keep(plan: &mut Plan, report: &mut ImportReport, piece: &Piece, why: &str) {
    plan.chua_xep.push(Text::new(piece.text.clone()));
    report.unplaced(piece.para + 1, piece.text.clone(), why);
}

fn header(layout: &Layout, plan: &mut Plan, report: &mut ImportReport) {
    let h = &layout.header;
    // Leading non-bold capitals are the chủ quản; from the first bold line on, the
    // issuing body. Without any bold line there is no way to tell: all is the body.
    let first_bold = h.agency.iter().position(Piece::bold);
    let (parent, own) = match first_bold {
        Some(i) => h.agency.split_at(i),
        None => (&h.agency[..0], &h.agency[..]),
    };
    plan.co_quan = Issuer {
        chu_quan: parent.iter().map(|p| Text::new(p.text.clone())).collect(),
        ten: own.iter().map(|p| Text::new(p.text.clone())).collect(),
        ten_goi: Text::default(),
        viet_tat: Text::default(),
    };
    if own.is_empty() {
        report.note("không thấy tên cơ quan ban hành (các dòng chữ in hoa ở góc trên bên trái)");
    }
    match &h.so {
        Some(piece) => number(&piece.text, plan, report),
        None => report.note("không thấy dòng \"Số: …\""),
    }
    match &h.date {
        Some(piece) => match place_and_date(&piece.text) {
            Some((place, date)) => {
                plan.dia_danh = Text::new(place);
                plan.ngay = date.map(Text::new);
            }
            None => report.unplaced(
                piece.para + 1,
                piece.text.clone(),
                "không đọc được dòng địa danh và ngày tháng",
            ),
        },
        None => report.note("không thấy dòng địa danh và ngày tháng (\"…, ngày … tháng … năm …\")"),
    }
}

/// "Số: 114/KH-UBND" → number "114", symbol's body abbreviation "UBND".
fn number(text: &str, plan: &mut Plan, report: &mut ImportReport) {
    let after = text.split_once(':').map_or("", |(_, r)| r);
    let after = squash(after);
    let (num, symbol) = after.split_once('/').unwrap_or((after.as_str(), ""));
    let num = num.trim().trim_matches(|c: char| c == '.' || c == '…');
    plan.so = if !num.is_empty() && num.chars().all(|c| c.is_ascii_digit()) {
        // Kept as printed ("0125", "07"): rendering prints the number as written.
        Some(Text::new(num.to_owned()))
    } else {
        None
    };
    let symbol = symbol.replace(' ', "");
    let abbreviation = plan.loai.abbreviation().unwrap_or("");
    match symbol.split_once('-') {
        Some((kind, body)) if kind == abbreviation => plan.co_quan.viet_tat = Text::new(body),
        _ if !symbol.is_empty() => {
            plan.co_quan.viet_tat = Text::new(symbol.clone());
            report.note(format!(
                "ký hiệu \"{symbol}\" không bắt đầu bằng \"{abbreviation}-\"; giữ nguyên cả ký hiệu ở co_quan.viet_tat"
            ));
        }
        _ => report.note("thiếu ký hiệu sau \"Số:\""),
    }
}

/// "Ninh Hà, ngày 07 tháng 7 năm 2021" → ("Ninh Hà", Some("2021-07-07")). Blanks in a
/// draft give a partial date ("2021-07", "2021") or none.
pub(crate) fn place_and_date(text: &str) -> Option<(String, Option<String>)> {
    let t = squash(text);
    let at = t.find("ngày")?;
    let place = t[..at].trim().trim_end_matches(',').trim().to_owned();
    let rest = &t[at..];
    let grab = |word: &str| -> Option<u32> {
        let after = rest.split_once(word)?.1.trim_start();
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok()
    };
    let (day, month, year) = (grab("ngày"), grab("tháng"), grab("năm"));
    let date = match (year, month, day) {
        (Some(y), Some(m), Some(d)) => Some(format!("{y:04}-{m:02}-{d:02}")),
        (Some(y), Some(m), None) => Some(format!("{y:04}-{m:02}")),
        (Some(y), None, _) => Some(format!("{y:04}")),
        _ => None,
    };
    Some((place, date))
}

/// "(Kèm theo Kế hoạch số 114/KH-UBND ngày … của UBND phường Ninh Hà)" → the issuer.
fn kem_theo_issuer(text: &str) -> Option<String> {
    let inner = text.trim().trim_start_matches('(').trim_end_matches(')');
    let (_, issuer) = inner.rsplit_once(" của ")?;
    let issuer = squash(issuer);
    (!issuer.is_empty()).then_some(issuer)
}

/// A number or date the first page left blank may be in "(Kèm theo …)".
fn kem_theo_number(text: &str, plan: &mut Plan, report: &mut ImportReport) {
    let t = squash(text);
    if plan.so.is_none() {
        if let Some(after) = t.split_once(" số ").map(|(_, r)| r) {
            let num: String = after.chars().take_while(char::is_ascii_digit).collect();
            if !num.is_empty() {
                plan.so = Some(Text::new(num.as_str()));
                report.note(format!("số {num} lấy từ dòng \"(Kèm theo …)\" của phụ lục"));
            }
        }
    }
    let full = |d: &Option<Text>| d.as_ref().is_some_and(|d| d.len() == 10);
    if !full(&plan.ngay) {
        if let Some((_, Some(date))) = place_and_date(&t) {
            if date.len() == 10 {
                plan.ngay = Some(Text::new(date.clone()));
                report.note(format!(
                    "ngày {date} lấy từ dòng \"(Kèm theo …)\" của phụ lục"
                ));
            }
        }
    }
}

/// "ỦY BAN NHÂN DÂN" + "PHƯỜNG NINH HÀ" → "UBND phường Ninh Hà", the way plans name
/// their issuer in sentences.
fn name_from_lines(lines: &[Text]) -> String {
    let joined = squash(
        &lines
            .iter()
            .map(|t| t.as_str())
            .collect::<Vec<_>>()
            .join(" "),
    );
    let (head, rest) = match joined.strip_prefix("ỦY BAN NHÂN DÂN") {
        Some(rest) => ("UBND".to_owned(), rest.trim().to_owned()),
        None => (String::new(), joined.clone()),
    };
    let mut words = rest.split_whitespace().map(|w| {
        let lower = w.to_lowercase();
        let mut c = lower.chars();
        c.next()
            .map(|f| f.to_uppercase().chain(c).collect::<String>())
            .unwrap_or_default()
    });
    // The generic word of the unit stays lower case: "phường Ninh Hà", "thị xã Ninh Hòa".
    let generic = [
        "PHƯỜNG",
        "XÃ",
        "THỊ TRẤN",
        "QUẬN",
        "HUYỆN",
        "THỊ XÃ",
        "THÀNH PHỐ",
        "TỈNH",
    ];
    let lead = generic
        .iter()
        .filter(|g| rest.starts_with(*g) && rest[g.len()..].starts_with(' '))
        .max_by_key(|g| g.len());
    let mut out = head;
    if let Some(g) = lead {
        let n = g.split_whitespace().count();
        let generic_words: Vec<String> = words.by_ref().take(n).collect();
        out = format!("{out} {}", generic_words.join(" ").to_lowercase());
    }
    let tail: Vec<String> = words.collect();
    squash(&format!("{out} {}", tail.join(" ")))
}

fn signature(layout: &Layout, plan: &mut Plan, report: &mut ImportReport) {
    let s = &layout.sign;
    let mut ky = Signature::default();
    let mut last_prefixed: Option<usize> = None;
    let mut lines: Vec<String> = Vec::new();
    for p in &s.authority {
        let text = squash(&p.text);
        let prefixed = super::locate::SIGN_PREFIXES
            .iter()
            .any(|x| text.starts_with(x));
        if prefixed || last_prefixed.is_none() {
            lines.push(text);
            if prefixed {
                last_prefixed = Some(lines.len() - 1);
            }
        } else {
            lines.push(text);
        }
    }
    let mut title_lines = Vec::new();
    for line in &lines {
        if let Some(rest) = line.strip_prefix("TM.") {
            ky.thay_mat = Some(Text::new(rest.trim()));
        } else if let Some((mode, rest)) = [
            ("KT.", SignMode::Kt),
            ("TUQ.", SignMode::Tuq),
            ("TL.", SignMode::Tl),
            ("Q.", SignMode::Q),
        ]
        .iter()
        .find_map(|(p, m)| line.strip_prefix(p).map(|r| (*m, r)))
        {
            ky.hinh_thuc = Some(mode);
            ky.thu_truong = Some(Text::new(rest.trim()));
        } else {
            title_lines.push(line.clone());
        }
    }
    if !title_lines.is_empty() {
        ky.chuc_vu = Some(Text::new(title_lines.join(" ")));
    }
    match &s.name {
        Some(n) => ky.ho_ten = Text::new(n.text.clone()),
        None => report.note("không thấy họ tên người ký"),
    }
    plan.ky = ky;
    let mut luu = None;
    for r in &s.recipients {
        let text = squash(&r.text);
        let entry = text
            .trim_start_matches(['-', '–', '+', '•'])
            .trim()
            .to_owned();
        if let Some(rest) = strip_prefix_ci(&entry, "lưu") {
            luu = Some(archive(rest.trim_start_matches([':', ' '])));
            continue;
        }
        let entry = entry.trim_end_matches([';', '.', ',']).trim().to_owned();
        if !entry.is_empty() {
            plan.noi_nhan.push(Text::new(entry));
        }
    }
    plan.luu = luu.unwrap_or_else(|| {
        if s.label.is_some() {
            report.note("nơi nhận không có dòng \"- Lưu: …\"; tạm ghi \"Lưu: VT.\"");
        }
        Archive::default()
    });
    if s.label.is_none() && layout.kind.is_some() {
        report.note("không thấy phần \"Nơi nhận:\"");
    }
}

/// "VT, HT (2). PL.(300)" → places, copies kept, drafter code, copies issued.
fn archive(text: &str) -> Archive {
    let text = squash(text);
    let (main, drafter) = match text.find(". ") {
        Some(i) => (&text[..i], Some(text[i + 2..].trim())),
        None => (text.trim_end_matches('.'), None),
    };
    // "(2)" is a number of copies; "(TP, Dũng)" or "(VX/MT.Tấn)" is part of the
    // drafting unit's entry and is printed as typed.
    let (places, copies, note) = match main.rfind('(') {
        Some(i) if main.ends_with(')') => {
            let inner = main[i + 1..main.len() - 1].trim();
            if !inner.is_empty() && inner.chars().all(|c| c.is_ascii_digit()) {
                (&main[..i], Some(inner.to_owned()), None)
            } else {
                (&main[..i], None, Some(main[i..].to_owned()))
            }
        }
        _ => (main, None, None),
    };
    let mut noi_luu: Vec<Text> = places
        .split(',')
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .map(Text::new)
        .collect();
    if let Some(note) = note {
        match noi_luu.last_mut() {
            Some(last) if !places.trim_end().ends_with(',') => {
                *last = Text::new(format!("{} {note}", last.value));
            }
            _ => noi_luu.push(Text::new(note)),
        }
    }
    let (nguoi_soan, so_ban_phat_hanh) = match drafter {
        Some(d) => match d.split_once(".(") {
            Some((code, n)) => (
                Some(Text::new(code.trim())),
                Some(Text::new(n.trim_end_matches(['.', ')']).trim())),
            ),
            // "Thg." keeps its dot: the line is printed as typed.
            None => (Some(Text::new(d.trim())), None),
        },
        None => (None, None),
    };
    Archive {
        noi_luu: if noi_luu.is_empty() {
            Archive::default().noi_luu
        } else {
            noi_luu
        },
        so_ban: copies.map(Text::new),
        nguoi_soan: nguoi_soan.filter(|t| !t.is_empty()),
        so_ban_phat_hanh,
    }
}

/// A summary typed in capitals, in sentence case: lower case after the first letter,
/// except stretches of two or more words the body writes with other capitals (names
/// such as "Chương trình “Nâng cao …”"), which take the body's spelling.
pub(crate) fn sentence_case(upper: &str, body: &str) -> String {
    let words: Vec<&str> = upper.split_whitespace().collect();
    let core = |w: &str| -> String { w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned() };
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let body_words: Vec<String> = body.split_whitespace().map(core).collect();
    let body_lower: Vec<String> = body_words.iter().map(|w| w.to_lowercase()).collect();
    let lower_core: Vec<String> = lower.iter().map(|w| core(w)).collect();
    let mut out: Vec<String> = lower.clone();
    let mut i = 0;
    while i < words.len() {
        // The longest run of summary words from i found in the body.
        let mut best = (0, 0);
        for start in 0..body_lower.len() {
            let mut n = 0;
            while i + n < lower.len()
                && start + n < body_lower.len()
                && !lower_core[i + n].is_empty()
                && lower_core[i + n] == body_lower[start + n]
            {
                n += 1;
            }
            if n > best.0 {
                best = (n, start);
            }
        }
        let (n, start) = best;
        let written = &body_words[start..start + n];
        if n >= 2
            && !written
                .iter()
                .all(|w| super::text::is_upper(w) || !w.chars().any(char::is_alphabetic))
        {
            for k in 0..n {
                out[i + k] = lower[i + k].replacen(&lower_core[i + k], &written[k], 1);
            }
            i += n;
        } else {
            i += 1;
        }
    }
    let joined = out.join(" ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => joined,
    }
}

/// The caption "(Kèm theo …)" as a pattern of the plan's own number and date, or `None`
/// when it is the one kehoach prints by default.
fn caption_pattern(text: &str, plan: &Plan) -> Option<String> {
    let mut pattern = squash(text);
    if let Some(so) = plan.so.as_ref().filter(|s| !s.is_empty()) {
        let full = format!("{}/{}", so.value, plan.symbol());
        pattern = pattern.replacen(&full, "{so}/{ky_hieu}", 1);
    }
    if let Some(d) = plan
        .ngay
        .as_ref()
        .and_then(|d| crate::numbering::PlanDate::parse(d).ok())
        .filter(|d| d.full().is_some())
    {
        let long = d.long();
        let long = long.trim_start_matches("ngày ");
        pattern = pattern.replacen(long, "{ngay_dai}", 1);
        pattern = pattern.replacen(&d.short(), "{ngay}", 1);
    }
    let default = format!(
        "(Kèm theo {} số {{so}}/{{ky_hieu}} ngày {{ngay_dai}} của {})",
        plan.loai.name(),
        plan.co_quan.ten_goi.value
    );
    (pattern != default).then_some(pattern)
}

/// The default closing sentence compose writes when `ket_thuc` is empty.
pub fn default_closing(plan: &Plan) -> String {
    format!("Trên đây là Kế hoạch {}./.", lower_first(&plan.trich_yeu))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_summary_in_capitals_in_sentence_case() {
        let s = sentence_case(
            "THỰC HIỆN CHƯƠNG TRÌNH “NÂNG CAO CHẤT LƯỢNG” NĂM 2025",
            "phê duyệt Chương trình “Nâng cao chất lượng” của tỉnh. Thực hiện tốt",
        );
        assert_eq!(s, "Thực hiện Chương trình “Nâng cao chất lượng” năm 2025");
    }

    #[test]
    fn dates_numbers_and_archive_lines() {
        assert_eq!(
            place_and_date("Ninh Hà, ngày 07 tháng 7 năm 2021"),
            Some(("Ninh Hà".into(), Some("2021-07-07".into())))
        );
        assert_eq!(
            place_and_date("Hà Nội, ngày \u{a0}\u{a0} tháng 7 năm 2021"),
            Some(("Hà Nội".into(), Some("2021-07".into())))
        );
        let a = archive("VT, HT (2). PL.(300)");
        assert_eq!(a.noi_luu, vec![Text::new("VT"), Text::new("HT")]);
        assert_eq!(a.so_ban.as_deref(), Some("2"));
        assert_eq!(a.nguoi_soan.as_deref(), Some("PL"));
        assert_eq!(a.so_ban_phat_hanh.as_deref(), Some("300"));
        assert_eq!(archive("VT, HT.").noi_luu.len(), 2);
        let a = archive("VT, NC (TP, Dũng).");
        assert_eq!(a.noi_luu, vec![Text::new("VT"), Text::new("NC (TP, Dũng)")]);
        assert_eq!(a.so_ban, None, "(TP, Dũng) is not a number of copies");
        let a = archive("VT, (VX/MT.Tấn).");
        assert_eq!(a.noi_luu, vec![Text::new("VT"), Text::new("(VX/MT.Tấn)")]);
        assert_eq!(
            archive("VT, KGVX. Thg.").nguoi_soan.as_deref(),
            Some("Thg.")
        );
        assert_eq!(
            name_from_lines(&[Text::new("ỦY BAN NHÂN DÂN"), Text::new("PHƯỜNG NINH HÀ")]),
            "UBND phường Ninh Hà"
        );
        assert_eq!(
            name_from_lines(&[Text::new("ỦY BAN NHÂN DÂN"), Text::new("THỊ XÃ NINH HÒA")]),
            "UBND thị xã Ninh Hòa"
        );
    }
}
