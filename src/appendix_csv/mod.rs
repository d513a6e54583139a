//! The appendix task tables as CSV, for clerks who edit tables in a spreadsheet.
//!
//! One row per task: the appendix (1, 2 …), the group's title, the task's code (where
//! it was at export: `appendix.group.task`, so its hidden fields such as `nguon`
//! follow it when rows are moved), then the appendix's columns. Numbers are never in
//! the file: they come from the row order, as in the rendered table. A row with a
//! group title and nothing else keeps an empty group.
//!
//! Export writes UTF-8 with a BOM (so Excel shows Vietnamese correctly); import accepts
//! `,` or `;` (Excel's separator in the Vietnamese locale) and writes the rows back into
//! the plan's YAML in place (`splice`), or changes nothing and reports every bad row.

mod splice;

pub use splice::{splice_appendices, SpliceError};

use std::collections::{BTreeMap, BTreeSet};

use crate::plan::{Appendix, Column, ColumnKey, Group, Plan, Task, Text};

const BOM: &str = "\u{feff}";

/// The largest CSV read back: a plan is at most [`crate::load::MAX_PLAN_BYTES`], and its
/// tables cannot be larger than the plan.
pub const MAX_CSV_BYTES: u64 = crate::load::MAX_PLAN_BYTES as u64;
/// The most rows read back (the most tasks a plan may have).
pub(crate) const MAX_CSV_ROWS: usize = crate::load::MAX_TASKS;

/// A cell as written to a CSV a spreadsheet will open: text that starts with `=`, `+`,
/// `-`, `@`, a tab or a carriage return would be taken as a formula (`=HYPERLINK(…)`,
/// `=cmd|…`), so it gets a leading `'` as OWASP recommends. A cell that already starts
/// with `'` gets one more, so [`restore_cell`] gives back exactly the original text —
/// "- Việc một" (a dash item, common in plans) round-trips unchanged.
pub(crate) fn neutralise_cell(cell: &str) -> std::borrow::Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

/// Whether the file at `path` is an appendix CSV kehoach wrote (it starts with the BOM
/// and the header [`export`] writes), so `appendix export` may replace it without
/// `--force`; any other file is the user's.
pub fn is_appendix_csv(path: &std::path::Path) -> bool {
    use std::io::Read;
    let head = format!("{BOM}{APPENDIX},{GROUP},{CODE},");
    let mut buf = vec![0; head.len()];
    std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file())
        && std::fs::File::open(path)
            .and_then(|mut f| f.read_exact(&mut buf))
            .is_ok()
        && buf == head.as_bytes()
}

/// The inverse of [`neutralise_cell`], for cells read back.
pub(crate) fn restore_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
}
const APPENDIX: &str = "Phụ lục";
const GROUP: &str = "Nhóm";
const CODE: &str = "Mã";

/// The CSV's data columns: every column key of the plan's appendices (but `stt`), in
/// order of first appearance, with the title it has where it first appears.
fn data_columns(plan: &Plan) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for appendix in &plan.phu_luc {
        for c in appendix.columns() {
            if ColumnKey::from_key(&c.khoa) == Some(ColumnKey::Number)
                || out.iter().any(|(k, _)| *k == c.khoa.value)
            {
                continue;
            }
            out.push((c.khoa.value.clone(), c.title()));
        }
    }
    out
}

/// A task's code: where it was at export (1-based appendix, group, task).
fn code(a: usize, g: usize, t: usize) -> String {
    format!("{}.{}.{}", a + 1, g + 1, t + 1)
}

/// The plan's appendices as CSV text (with the BOM).
pub fn export(plan: &Plan) -> String {
    let columns = data_columns(plan);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut header = vec![APPENDIX.to_owned(), GROUP.to_owned(), CODE.to_owned()];
    header.extend(columns.iter().map(|(_, title)| title.clone()));
    let safe = |row: &[String]| -> Vec<String> {
        row.iter()
            .map(|c| neutralise_cell(c).into_owned())
            .collect()
    };
    let _ = w.write_record(safe(&header));
    for (a, appendix) in plan.phu_luc.iter().enumerate() {
        let own = appendix.columns();
        for (g, group) in appendix.nhom.iter().enumerate() {
            let lead = [(a + 1).to_string(), group.ten.value.clone()];
            if group.nhiem_vu.is_empty() {
                let mut row = lead.to_vec();
                row.extend(std::iter::repeat_n(String::new(), columns.len() + 1));
                let _ = w.write_record(safe(&row));
            }
            for (t, task) in group.nhiem_vu.iter().enumerate() {
                let mut row = lead.to_vec();
                row.push(code(a, g, t));
                row.extend(columns.iter().map(|(key, _)| {
                    if own.iter().any(|c| c.khoa.value == *key) {
                        task.cell(key).map(|t| t.value.clone()).unwrap_or_default()
                    } else {
                        String::new()
                    }
                }));
                let _ = w.write_record(safe(&row));
            }
        }
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("{BOM}{}", String::from_utf8(bytes).unwrap_or_default())
}

/// A row that could not be taken: its 1-based line in the CSV file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub line: u64,
    pub message: String,
}

/// The plan with its appendices' tasks as the CSV says, or every bad row.
pub fn import(plan: &Plan, bytes: &[u8]) -> Result<Plan, Vec<RowError>> {
    let fail = |line, message: String| vec![RowError { line, message }];
    if bytes.len() as u64 > MAX_CSV_BYTES {
        return Err(fail(1, crate::msg!("csv.too_large", bytes = MAX_CSV_BYTES)));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let line = bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count() as u64
            + 1;
        fail(line, crate::msg!("csv.not_utf8"))
    })?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let count = |c: char| first.matches(c).count();
    let delimiter = if count(';') > count(',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => return Err(fail(1, e.to_string())),
        None => return Err(fail(1, crate::msg!("csv.empty"))),
    };
    let header: Vec<String> = header
        .iter()
        .map(|h| restore_cell(h.trim()).to_owned())
        .collect();
    if header.len() < 3 || header[0] != APPENDIX || header[1] != GROUP || header[2] != CODE {
        return Err(fail(
            1,
            crate::msg!(
                "csv.first_columns",
                appendix = APPENDIX,
                group = GROUP,
                code = CODE
            ),
        ));
    }
    // Each data column by its title or key.
    let known = data_columns(plan);
    let mut keys = Vec::new();
    for title in &header[3..] {
        match known.iter().find(|(k, t)| t == title || k == title) {
            // A column typed twice would let its last copy overwrite the first on every row.
            Some((k, t)) if keys.contains(k) => {
                return Err(fail(
                    1,
                    crate::msg!("csv.column_twice", column = t, typed = title),
                ))
            }
            Some((k, _)) => keys.push(k.clone()),
            None => {
                return Err(fail(
                    1,
                    crate::msg!(
                        "csv.unknown_column",
                        column = title,
                        columns = known
                            .iter()
                            .map(|(_, t)| t.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ))
            }
        }
    }

    let columns_of: Vec<Vec<Column>> = plan.phu_luc.iter().map(Appendix::columns).collect();
    let mut errors = Vec::new();
    let mut used = BTreeSet::new();
    // Per appendix: groups in order of first appearance, with their tasks.
    let mut appendices: BTreeMap<usize, Vec<Group>> = BTreeMap::new();
    let mut rows = 0usize;
    // The csv crate's line count lags after CRLF endings and multi-line cells. The line an
    // editor shows is counted here from the byte offset, moving forward only (linear in
    // the file). After a CRLF the offset points at its `\n`: a row never starts with a
    // line break, so those are skipped first.
    let mut counted = (0usize, 1u64);
    let mut line_at = |byte: u64| -> u64 {
        let mut byte = (byte as usize).min(text.len());
        while matches!(text.as_bytes().get(byte), Some(b'\r' | b'\n')) {
            byte += 1;
        }
        if byte >= counted.0 {
            counted.1 += text.as_bytes()[counted.0..byte]
                .iter()
                .filter(|&&b| b == b'\n')
                .count() as u64;
            counted.0 = byte;
        }
        counted.1
    };
    for record in records {
        rows += 1;
        if rows > MAX_CSV_ROWS {
            let line = record
                .as_ref()
                .ok()
                .and_then(|r| r.position())
                .map_or(0, |p| line_at(p.byte()));
            return Err(fail(
                line,
                crate::msg!("csv.too_many_rows", rows = MAX_CSV_ROWS),
            ));
        }
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map(|p| line_at(p.byte())).unwrap_or(0);
                errors.push(RowError {
                    line,
                    message: e.to_string(),
                });
                continue;
            }
        };
        let line = record.position().map(|p| line_at(p.byte())).unwrap_or(0);
        let field = |i: usize| record.get(i).unwrap_or("").trim();
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        if record.len() != header.len() {
            errors.push(RowError {
                line,
                message: crate::msg!(
                    "csv.cell_count",
                    cells = record.len(),
                    header = header.len()
                ),
            });
            continue;
        }
        let a = match field(0).parse::<usize>() {
            Ok(a) if (1..=plan.phu_luc.len()).contains(&a) => a - 1,
            _ => {
                errors.push(RowError {
                    line,
                    message: crate::msg!(
                        "csv.bad_appendix",
                        column = APPENDIX,
                        last = plan.phu_luc.len(),
                        value = field(0)
                    ),
                });
                continue;
            }
        };
        let appendix = &plan.phu_luc[a];
        let group_title = field(1);
        // A table not divided into groups has one group without a title; in a table of
        // titled groups an empty title is a cell cleared by mistake.
        let untitled = appendix.nhom.iter().any(|g| g.ten.value.trim().is_empty());
        if group_title.is_empty() && !untitled {
            errors.push(RowError {
                line,
                message: crate::msg!("csv.no_group", column = GROUP),
            });
            continue;
        }
        let groups = appendices.entry(a).or_default();
        let group_title = restore_cell(group_title);
        let gi = match groups.iter().position(|g| g.ten.value == group_title) {
            Some(i) => i,
            None => {
                // A group of the plan keeps what the file does not hold: its number as
                // printed and the other cells of its row.
                let mut group = (appendix.nhom.iter())
                    .find(|g| g.ten.value == group_title)
                    .cloned()
                    .unwrap_or_else(|| Group {
                        ten: Text::new(group_title),
                        ..Default::default()
                    });
                group.nhiem_vu.clear();
                groups.push(group);
                groups.len() - 1
            }
        };
        // Cells as typed: trimming would change multi-line texts on a round trip. The
        // quote export put before formula-like text is taken off again.
        let cells: Vec<&str> = (3..header.len())
            .map(|i| restore_cell(record.get(i).unwrap_or("")))
            .collect();
        let code_text = field(2);
        if code_text.is_empty() && cells.iter().all(|c| c.trim().is_empty()) {
            continue; // a group row without tasks
        }
        let mut task = if code_text.is_empty() {
            Task::default()
        } else {
            match find_task(plan, code_text) {
                Some(t) if used.insert(code_text.to_owned()) => t.clone(),
                Some(_) => {
                    errors.push(RowError {
                        line,
                        message: crate::msg!("csv.code_twice", code = code_text, column = CODE),
                    });
                    continue;
                }
                None => {
                    errors.push(RowError {
                        line,
                        message: crate::msg!("csv.unknown_code", code = code_text, column = CODE),
                    });
                    continue;
                }
            }
        };
        let columns = &columns_of[a];
        for (key, value) in keys.iter().zip(&cells) {
            if columns.iter().any(|c| c.khoa.value == *key) {
                set_cell(&mut task, key, value);
            }
        }
        // A row must keep what the table prints for it: its content, unless the table
        // has no content column or the row is printed across it ("I. …", "……").
        let content = task
            .required_cells(columns)
            .into_iter()
            .find(|(k, _)| *k == ColumnKey::Content);
        if let Some((_, column)) = content.filter(|_| task.noi_dung.value.trim().is_empty()) {
            errors.push(RowError {
                line,
                message: crate::msg!("csv.no_content", column = column.title()),
            });
            continue;
        }
        groups[gi].nhiem_vu.push(task);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = plan.clone();
    for (a, groups) in appendices {
        out.phu_luc[a].nhom = groups;
    }
    Ok(out)
}

/// The task a code (`appendix.group.task`, as export writes it) names in `plan`.
pub(crate) fn find_task<'a>(plan: &'a Plan, code: &str) -> Option<&'a Task> {
    let parts: Vec<usize> = code
        .split('.')
        .map(|p| p.trim().parse().ok())
        .collect::<Option<_>>()?;
    let [a, g, t] = parts[..] else { return None };
    plan.phu_luc
        .get(a.checked_sub(1)?)?
        .nhom
        .get(g.checked_sub(1)?)?
        .nhiem_vu
        .get(t.checked_sub(1)?)
}

fn set_cell(task: &mut Task, key: &str, value: &str) {
    let text = (!value.is_empty()).then(|| Text::new(value));
    match ColumnKey::from_key(key) {
        Some(ColumnKey::Number) => {}
        Some(ColumnKey::Content) => task.noi_dung = Text::new(value),
        Some(ColumnKey::Lead) => task.chu_tri = text,
        Some(ColumnKey::Support) => task.phoi_hop = text,
        Some(ColumnKey::Product) => task.san_pham = text,
        Some(ColumnKey::Deadline) => task.thoi_han = text,
        None => match text {
            Some(t) => {
                task.them.insert(key.to_owned(), t);
            }
            None => {
                task.them.remove(key);
            }
        },
    }
}

#[cfg(test)]
pub(crate) mod tests;
