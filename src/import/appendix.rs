//! Appendix tables → [`Appendix`]: columns recognised by their header text, group rows
//! (I, II …) and task rows, merged cells spread to the rows they cover.

use super::locate::{pieces, AppendixBlock, Piece};
use super::model::{DocFacts, VMerge};
use super::report::ImportReport;
use super::text::{key, roman_value, squash};
use crate::plan::{Appendix, Column, ColumnKey, Group, Orientation, Task, Text};

/// One grid slot of a row after spans and merges are spread.
#[derive(Debug, Clone, Default)]
struct Slot {
    text: String,
    /// The text with inline emphasis (`**…**`, `*…*`) as the cell prints it.
    rich: String,
    /// Continues the cell above (vMerge).
    continued: bool,
    /// Covered by a horizontal span from the left.
    spanned: bool,
}

/// Every paragraph of a table as pieces (for text kept unplaced).
pub(crate) fn table_pieces_of(facts: &DocFacts, table: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    for row in &facts.tables[table].rows {
        for cell in &row.cells {
            for &p in &cell.paras {
                out.extend(pieces(facts, p));
            }
            for &t in &cell.tables {
                out.extend(table_pieces_of(facts, t));
            }
        }
    }
    out
}

fn cell_text(facts: &DocFacts, paras: &[usize]) -> String {
    paras
        .iter()
        .map(|&p| squash(&facts.para(p).text()))
        .filter(|t| !t.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A cell's lines with their emphasis; a soft break starts a line of its own.
fn cell_rich(facts: &DocFacts, paras: &[usize]) -> String {
    paras
        .iter()
        .flat_map(|&p| super::body::styled_lines(facts.para(p)))
        .map(|l| super::body::markup(&l, false, false))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The table as a grid of slots, spans and vertical merges spread.
fn grid(facts: &DocFacts, table: usize) -> Vec<Vec<Slot>> {
    let t = &facts.tables[table];
    let width = t.grid.len().max(
        t.rows
            .iter()
            .map(|r| r.cells.iter().map(|c| c.col + c.span).max().unwrap_or(0))
            .max()
            .unwrap_or(0),
    );
    let mut rows: Vec<Vec<Slot>> = Vec::new();
    for row in &t.rows {
        let mut slots = vec![Slot::default(); width];
        for cell in &row.cells {
            let text = cell_text(facts, &cell.paras);
            let rich = cell_rich(facts, &cell.paras);
            let above = rows.last().and_then(|r| r.get(cell.col)).cloned();
            for k in 0..cell.span {
                let Some(slot) = slots.get_mut(cell.col + k) else {
                    break;
                };
                if cell.vmerge == VMerge::Continue {
                    *slot = Slot {
                        continued: true,
                        spanned: k > 0,
                        ..above.clone().unwrap_or_default()
                    };
                } else {
                    *slot = Slot {
                        text: if k == 0 { text.clone() } else { String::new() },
                        rich: if k == 0 { rich.clone() } else { String::new() },
                        continued: false,
                        spanned: k > 0,
                    };
                }
            }
        }
        rows.push(slots);
    }
    rows
}

/// The standard column a header names, by its usual wordings.
fn column_key(header: &str) -> Option<ColumnKey> {
    let k = key(header);
    let has = |w: &str| k.contains(w);
    Some(
        if matches!(
            k.as_str(),
            "STT" | "TT" | "SỐ TT" | "SỐ THỨ TỰ" | "STT." | "TT."
        ) {
            ColumnKey::Number
        } else if has("CHỦ TRÌ") {
            ColumnKey::Lead
        } else if has("PHỐI HỢP") {
            ColumnKey::Support
        } else if has("SẢN PHẨM") || has("KẾT QUẢ") {
            ColumnKey::Product
        } else if has("THỜI GIAN") || has("THỜI HẠN") || has("TIẾN ĐỘ") {
            ColumnKey::Deadline
        } else if has("NỘI DUNG") || has("NHIỆM VỤ") || has("CÔNG VIỆC") || has("GIẢI PHÁP")
        {
            ColumnKey::Content
        } else {
            return None;
        },
    )
}

/// A YAML key for a column that is not a standard one: "Ghi chú" → "ghi_chu".
fn slug(header: &str) -> String {
    let folded: String = header
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => {
                'e'
            }
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => {
                'u'
            }
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            c if c.is_ascii_alphanumeric() => c,
            _ => '_',
        })
        .collect();
    let s = folded
        .split('_')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    if s.is_empty() {
        "cot".into()
    } else {
        s
    }
}

/// A row that only numbers the columns: "(1) (2) (3) …".
fn is_numbering_row(row: &[Slot]) -> bool {
    let values: Vec<&str> = row
        .iter()
        .filter(|s| !s.spanned && !s.text.is_empty())
        .map(|s| s.text.trim_matches(['(', ')']))
        .collect();
    values.len() >= 2
        && values
            .iter()
            .enumerate()
            .all(|(i, v)| v.parse::<usize>().ok() == Some(i + 1))
}

pub fn read(
    facts: &DocFacts,
    block: &AppendixBlock,
    index: usize,
    kept: &mut Vec<Text>,
    report: &mut ImportReport,
) -> Appendix {
    let title = block.inline_title.clone().unwrap_or_else(|| {
        squash(
            &block
                .title
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        )
    });
    let mut appendix = Appendix {
        ten: Text::new(title),
        ..Appendix::default()
    };
    let mut keep = |piece: &Piece, why: &str, kept: &mut Vec<Text>| {
        kept.push(Text::new(piece.text.clone()));
        report.unplaced(piece.para + 1, piece.text.clone(), why);
    };
    for piece in &block.other {
        // The end mark "./." after an appendix is layout, not content.
        if piece.text.trim() != "./." {
            keep(
                piece,
                &format!("chữ ở phụ lục {} nằm ngoài bảng", index + 1),
                kept,
            );
        }
    }
    let Some(table) = block.table else {
        report.note(format!(
            "phụ lục {} không có bảng nhiệm vụ (không có cột \"STT\"/\"TT\")",
            index + 1
        ));
        return appendix;
    };
    // A table nested in a cell has no place in a task row: its text is kept unplaced
    // (`chua_xep`) rather than lost.
    let nested: Vec<usize> = facts.tables[table]
        .rows
        .iter()
        .flat_map(|r| &r.cells)
        .flat_map(|c| c.tables.iter().copied())
        .collect();
    for t in nested {
        for piece in table_pieces_of(facts, t) {
            keep(
                &piece,
                &format!("bảng lồng trong một ô của phụ lục {}", index + 1),
                kept,
            );
        }
    }
    if !block.end_mark {
        appendix.dau_ket_thuc = Some(false);
    }
    // Lines under the table are its notes, one paragraph each.
    appendix.ghi_chu = block
        .after_table
        .iter()
        .map(|p| crate::plan::Block::paragraph(crate::compose::escape_inline(&p.text)))
        .collect();
    let rows = grid(facts, table);
    let Some(head_at) = rows.iter().position(|r| {
        r.iter()
            .any(|s| column_key(&s.text) == Some(ColumnKey::Number))
    }) else {
        return appendix;
    };
    // Header text per column. A second header row — a header cell merged down into it,
    // or titles under a cell spanning several columns ("Đơn vị thực hiện" over "Chủ trì" |
    // "Phối hợp") — names the columns; the spanning cells become `cot_nhom`. It is never
    // read as a task.
    let mut headers: Vec<String> = rows[head_at].iter().map(|s| s.text.clone()).collect();
    let mut first_data = head_at + 1;
    if let Some(next) = rows.get(head_at + 1) {
        let head = &rows[head_at];
        let merged_down = next.iter().any(|s| s.continued);
        let has_span = head.iter().any(|s| s.spanned);
        let number = next.first().map(|s| s.text.as_str()).unwrap_or("");
        let data_like = roman_value(number.trim_end_matches('.')).is_some()
            || number.trim_end_matches('.').parse::<usize>().is_ok();
        let refines = next
            .iter()
            .any(|s| !s.continued && !s.text.is_empty() && column_key(&s.text).is_some());
        if !data_like && (refines || (merged_down && has_span)) {
            let mut i = 0;
            while i < head.len() {
                let mut j = i + 1;
                while j < head.len() && head[j].spanned && !head[j].continued {
                    j += 1;
                }
                if j - i > 1 {
                    appendix.cot_nhom.push(crate::plan::ColumnGroup {
                        ten: Text::new(squash(&head[i].text)),
                        tu: i + 1,
                        den: j,
                    });
                }
                for k in i..j {
                    if !next[k].text.is_empty() && !next[k].continued {
                        headers[k] = next[k].text.clone();
                    }
                }
                i = j;
            }
            first_data += 1;
        }
    }
    // Spanned header slots take the text of the cell that spans them (for naming only).
    for i in 1..headers.len() {
        if headers[i].is_empty() && rows[head_at][i].spanned {
            headers[i] = headers[i - 1].clone();
        }
    }
    let mut keys: Vec<String> = Vec::new();
    for h in &headers {
        let k = column_key(h).map_or_else(|| slug(h), |k| k.key().to_owned());
        let k = if keys.contains(&k) {
            format!("{}_{}", slug(h), keys.len() + 1)
        } else {
            k
        };
        keys.push(k);
    }
    let number_col = keys.iter().position(|k| k == "stt").unwrap_or(0);
    let content_col = keys.iter().position(|k| k == "noi_dung");
    let standard = keys.len() == 6
        && keys.iter().zip(ColumnKey::ALL).all(|(k, c)| k == c.key())
        && headers
            .iter()
            .zip(ColumnKey::ALL)
            .all(|(h, c)| squash(h) == c.default_title());
    if !standard || !appendix.cot_nhom.is_empty() {
        appendix.cot = keys
            .iter()
            .zip(&headers)
            .map(|(k, h)| Column {
                khoa: Text::new(k.clone()),
                ten: Some(Text::new(squash(h))),
                rong: None,
            })
            .collect();
    }
    let landscape = facts.tables[table].section < facts.sections.len()
        && facts.sections[facts.tables[table].section].landscape;
    appendix.huong = match (landscape, appendix.is_landscape()) {
        (true, false) => Some(Orientation::Ngang),
        (false, true) => Some(Orientation::Doc),
        _ => None,
    };
    if content_col.is_none() {
        report.note(format!(
            "phụ lục {}: không có cột nào là nội dung nhiệm vụ (\"Nội dung\", \"Nhiệm vụ\"); chữ của nhiệm vụ nằm ở các cột riêng",
            index + 1
        ));
    }
    // Numbers as printed, to decide afterwards how the table numbers its tasks.
    let mut printed: Vec<Vec<Option<(String, String)>>> = Vec::new();
    for (r, row) in rows.iter().enumerate().skip(first_data) {
        if r == first_data && is_numbering_row(row) {
            continue;
        }
        if row.iter().all(|s| s.text.is_empty()) {
            continue;
        }
        let raw = row[number_col].text.trim().to_owned();
        let number = raw.trim_end_matches('.').to_owned();
        let others: Vec<(usize, &Slot)> = row
            .iter()
            .enumerate()
            .filter(|(i, s)| *i != number_col && !s.spanned && !s.text.is_empty())
            .collect();
        let spans_rest = row
            .iter()
            .enumerate()
            .filter(|(i, s)| *i != number_col && s.spanned)
            .count()
            > 0;
        // A total row ("Tổng cộng") closes the table.
        if r + 1 == rows.len()
            && others
                .first()
                .is_some_and(|(_, s)| key(&s.text).starts_with("TỔNG"))
            && !row[number_col].continued
        {
            let mut total = task_of(row, &keys, number_col);
            total.tt = (!raw.is_empty()).then(|| Text::new(raw.clone()));
            appendix.hang_tong = Some(total);
            continue;
        }
        // "I. TITLE" in one cell over the whole row — the number cell merged across, or
        // the cell after an empty number — or in the content column.
        let title_cell = match others.as_slice() {
            [] if spans_rest => Some((number_col, &row[number_col])),
            [(i, s)] if raw.is_empty() => Some((*i, *s)),
            _ => None,
        };
        let titled = title_cell.and_then(|(i, s)| {
            let (head, rest) = s.text.split_once(' ')?;
            let ok = roman_value(head.trim_end_matches('.')).is_some()
                && (spans_rest || Some(i) == content_col);
            ok.then(|| (i, head.to_owned(), rest.trim().to_owned()))
        });
        let is_group = titled.is_some()
            || roman_value(&number).is_some()
            || (number.is_empty() && others.len() == 1 && spans_rest)
            || (number.len() == 1 && number.chars().all(|c| c.is_ascii_uppercase()) && spans_rest);
        if is_group && !row[number_col].continued {
            let g = appendix.nhom.len();
            let mut group = Group::default();
            if let Some((_, head, rest)) = titled {
                appendix.hang_nhom = Some(if spans_rest {
                    crate::plan::GroupRow::MotO
                } else {
                    crate::plan::GroupRow::CotNoiDung
                });
                group.ten = Text::new(rest);
                if head != format!("{}.", crate::numbering::roman(g + 1)) {
                    group.so = Some(Text::new(head));
                }
            } else {
                let Some(&(title_at, title)) = others.first() else {
                    continue;
                };
                group.ten = Text::new(title.text.clone());
                if raw != crate::numbering::roman(g + 1) {
                    group.so = Some(Text::new(raw.clone()));
                }
                let mut o: Vec<Text> = row
                    .iter()
                    .enumerate()
                    .skip(title_at + 1)
                    .filter(|(i, s)| *i != number_col && !s.spanned)
                    .map(|(_, s)| Text::new(s.rich.clone()))
                    .collect();
                while o.last().is_some_and(|t| t.is_empty()) {
                    o.pop();
                }
                group.o = o;
                if roman_value(&number).is_none() {
                    report.note(format!(
                        "phụ lục {}: dòng \"{}\" được đọc là một nhóm không có số La Mã",
                        index + 1,
                        super::text::excerpt(&title.text, 40)
                    ));
                }
            }
            appendix.nhom.push(group);
            printed.push(Vec::new());
            continue;
        }
        if appendix.nhom.is_empty() {
            appendix.nhom.push(Group::default());
            printed.push(Vec::new());
        }
        let group = appendix.nhom.last_mut().expect("just ensured");
        let mut task = task_of(row, &keys, number_col);
        // A cell merged with the one above: the row is its own task, its cell printed
        // as one with the row above.
        let number_merged = row[number_col].continued;
        if task.noi_dung.is_empty() && content_col.is_some() && task.gop_tren.is_empty() {
            report.note(format!(
                "phụ lục {}, dòng {}: nhiệm vụ không có nội dung",
                index + 1,
                r + 1
            ));
        }
        if number_merged {
            task.tt = Some(Text::new(""));
        }
        group.nhiem_vu.push(task);
        printed
            .last_mut()
            .expect("one per group")
            .push((!number_merged).then(|| (raw.clone(), row[number_col].rich.clone())));
    }
    number_tasks(&mut appendix, &printed);
    appendix
}

/// A task row's cells by column key; merged cells recorded as `gop_tren` / `gop_ngang`.
fn task_of(row: &[Slot], keys: &[String], number_col: usize) -> Task {
    let mut task = Task::default();
    for (i, s) in row.iter().enumerate() {
        // The merged cell's text is kept in this task too (check and derive read each
        // task on its own); rendering prints it once, over both rows.
        if s.continued && !s.spanned {
            task.gop_tren.push(keys[i].clone());
        }
        if s.spanned {
            if !s.continued {
                let start = (0..i).rev().find(|&j| !row[j].spanned).unwrap_or(0);
                match task.gop_ngang.last_mut() {
                    Some(last) if last[0] == keys[start] => last[1] = keys[i].clone(),
                    _ => task.gop_ngang.push([keys[start].clone(), keys[i].clone()]),
                }
            }
            continue;
        }
        if i == number_col || s.rich.is_empty() {
            continue;
        }
        append(&mut task, &keys[i], &s.rich);
    }
    task
}

/// Task numbers: running on across groups or again from 1 in each, whichever the table
/// follows more often; any number printed otherwise is kept as `tt`.
fn number_tasks(appendix: &mut Appendix, printed: &[Vec<Option<(String, String)>>]) {
    let (mut per_group, mut running, mut n) = (0, 0, 0);
    for g in printed {
        for (t, p) in g.iter().enumerate() {
            n += 1;
            if let Some((p, _)) = p {
                per_group += usize::from(*p == (t + 1).to_string());
                running += usize::from(*p == n.to_string());
            }
        }
    }
    let lien_tuc = running > per_group;
    if lien_tuc {
        appendix.danh_so = Some(crate::plan::TaskNumbering::LienTuc);
    }
    let mut n = 0;
    for (group, g) in appendix.nhom.iter_mut().zip(printed) {
        for (t, (task, p)) in group.nhiem_vu.iter_mut().zip(g).enumerate() {
            n += 1;
            let auto = if lien_tuc { n } else { t + 1 }.to_string();
            // A number printed bold or italic keeps its emphasis ("**1**").
            if let Some((p, rich)) = p {
                if *p != auto || *rich != crate::compose::escape_inline(p) {
                    task.tt = Some(Text::new(rich.clone()));
                }
            }
        }
    }
}

fn append(task: &mut Task, key: &str, text: &str) {
    let slot: &mut Option<Text> = match ColumnKey::from_key(key) {
        Some(ColumnKey::Content) => {
            task.noi_dung = Text::new(join(&task.noi_dung, text));
            return;
        }
        Some(ColumnKey::Lead) => &mut task.chu_tri,
        Some(ColumnKey::Support) => &mut task.phoi_hop,
        Some(ColumnKey::Product) => &mut task.san_pham,
        Some(ColumnKey::Deadline) => &mut task.thoi_han,
        Some(ColumnKey::Number) => return,
        None => {
            let entry = task.them.entry(key.to_owned()).or_default();
            *entry = Text::new(join(entry, text));
            return;
        }
    };
    *slot = Some(Text::new(match slot {
        Some(old) => join(old, text),
        None => text.to_owned(),
    }));
}

fn join(old: &str, new: &str) -> String {
    if old.is_empty() {
        new.to_owned()
    } else {
        format!("{old}\n{new}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_by_their_usual_wordings() {
        assert_eq!(column_key("TT"), Some(ColumnKey::Number));
        assert_eq!(column_key("Nội dung công việc"), Some(ColumnKey::Content));
        assert_eq!(column_key("Cơ quan chủ trì"), Some(ColumnKey::Lead));
        assert_eq!(column_key("Đơn vị phối hợp"), Some(ColumnKey::Support));
        assert_eq!(
            column_key("Sản phẩm, kết quả công việc"),
            Some(ColumnKey::Product)
        );
        assert_eq!(column_key("Thời hạn hoàn thành"), Some(ColumnKey::Deadline));
        assert_eq!(column_key("Tiến độ"), Some(ColumnKey::Deadline));
        assert_eq!(column_key("Ghi chú"), None);
        assert_eq!(slug("Ghi chú"), "ghi_chu");
        assert_eq!(slug("Kinh phí (triệu đồng)"), "kinh_phi_trieu_dong");
    }
}
