//! Writing new task lists into a plan's YAML *in place*: only each changed appendix's
//! `nhom:` block is replaced, so comments, key order, quoting and blank lines elsewhere
//! stay as the clerk wrote them. The new block is serde-saphyr's output, indented to
//! fit; the caller re-loads the result to prove it says what was meant.

use crate::plan::{Group, Plan};

/// Why the plan's layout could not be followed to write the new task lists in place.
#[derive(Debug, thiserror::Error)]
pub enum SpliceError {
    #[error("{}", crate::msg!("appendix.splice_no_key"))]
    NoKey,
    #[error("{}", crate::msg!("appendix.splice_inline"))]
    Inline,
    #[error("{}", crate::msg!("appendix.splice_count", found = .found, expected = .expected))]
    Count { found: usize, expected: usize },
    #[error(transparent)]
    Yaml(#[from] serde_saphyr::SerializeError),
}

/// The source with the `nhom` blocks of the appendices whose groups differ between
/// `old` and `new` replaced. `Err` says why the file's layout could not be followed.
pub fn splice_appendices(source: &str, old: &Plan, new: &Plan) -> Result<String, SpliceError> {
    let newline = if source.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut lines: Vec<String> = source
        .split('\n')
        .map(|l| l.trim_end_matches('\r').to_owned())
        .collect();
    let items = appendix_items(&lines)?;
    if items.len() != old.phu_luc.len() {
        return Err(SpliceError::Count {
            found: items.len(),
            expected: old.phu_luc.len(),
        });
    }
    // Bottom up, so the line numbers of the appendices above stay valid.
    for (a, &(start, end)) in items.iter().enumerate().rev() {
        if old.phu_luc[a].nhom == new.phu_luc[a].nhom {
            continue;
        }
        let (from, to, prefix, item_indent) = nhom_region(&lines, start, end);
        let blank_between = lines[from..to].iter().any(|l| l.trim().is_empty());
        let block = nhom_block(&new.phu_luc[a].nhom, &prefix, item_indent, blank_between)?;
        lines.splice(from..to, block);
    }
    Ok(lines.join(newline))
}

fn indent(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Blank lines and comments don't end a block.
fn is_content(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && !t.starts_with('#')
}

/// The line ranges `[start, end)` of each item of the top-level `phu_luc:` list.
fn appendix_items(lines: &[String]) -> Result<Vec<(usize, usize)>, SpliceError> {
    let key = lines
        .iter()
        .position(|l| l.starts_with("phu_luc:"))
        .ok_or(SpliceError::NoKey)?;
    if is_content(&lines[key]["phu_luc:".len()..]) {
        return Err(SpliceError::Inline);
    }
    let mut items = Vec::new();
    let mut item_indent = None;
    let mut i = key + 1;
    while i < lines.len() {
        let line = &lines[i];
        if !is_content(line) {
            i += 1;
            continue;
        }
        let n = indent(line);
        let dash = line[n..].starts_with('-');
        let ind = *item_indent.get_or_insert(n);
        if n < ind || (n == ind && !dash) {
            break;
        }
        if n == ind {
            items.push((i, i + 1));
        }
        if let Some(last) = items.last_mut() {
            last.1 = i + 1;
        }
        i += 1;
    }
    Ok(items)
}

/// Within one appendix item: the lines of its `nhom:` block `[from, to)`, the text
/// before `nhom:` on its line, and the indentation of the block's list items.
fn nhom_region(lines: &[String], start: usize, end: usize) -> (usize, usize, String, usize) {
    // The item's keys start after "- " (and any further spaces).
    let first = &lines[start];
    let after_dash = &first[indent(first) + 1..];
    let key_indent = indent(first) + 1 + indent(after_dash);
    let at = (start..end).find(|&i| {
        let l = &lines[i];
        // `get`: a comment line may have multi-byte letters where the keys would start.
        l.get(key_indent..)
            .is_some_and(|rest| rest.starts_with("nhom:"))
            && (i == start || l.get(..key_indent).is_some_and(|p| p.trim().is_empty()))
    });
    let Some(at) = at else {
        // No `nhom:` yet: add one after the item's last line.
        let last = (start..end)
            .rev()
            .find(|&i| is_content(&lines[i]))
            .unwrap_or(start);
        return (last + 1, last + 1, " ".repeat(key_indent), key_indent + 2);
    };
    let prefix = lines[at][..key_indent].to_owned();
    let mut to = at + 1;
    let mut item_indent = None;
    for (i, line) in lines.iter().enumerate().take(end).skip(at + 1) {
        if !is_content(line) {
            continue;
        }
        if indent(line) <= key_indent
            && !(indent(line) == key_indent && line[key_indent..].starts_with('-'))
        {
            break;
        }
        item_indent.get_or_insert(indent(line));
        to = i + 1;
    }
    (at, to, prefix, item_indent.unwrap_or(key_indent + 2))
}

/// `nhom:` and the groups as YAML, every line indented to sit under `prefix`.
fn nhom_block(
    groups: &[Group],
    prefix: &str,
    item_indent: usize,
    blank_between: bool,
) -> Result<Vec<String>, SpliceError> {
    if groups.is_empty() {
        return Ok(vec![format!("{prefix}nhom: []")]);
    }
    let options = serde_saphyr::ser_options! {
        compact_list_indent: false,
        prefer_block_scalars: false,
    };
    let pad = " ".repeat(item_indent);
    let mut out = vec![format!("{prefix}nhom:")];
    for (i, group) in groups.iter().enumerate() {
        if i > 0 && blank_between {
            out.push(String::new());
        }
        let yaml = serde_saphyr::to_string_with_options(&[group], options.clone())?;
        out.extend(yaml.lines().map(|l| {
            if l.is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        }));
    }
    Ok(out)
}
