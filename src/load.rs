//! Loading: bytes of a plan file → a typed [`Plan`], or diagnostics that say where and why.
//!
//! Order matters: size limit, UTF-8, BOM, NFC (so every later comparison and hash sees
//! one spelling), then YAML with serde-saphyr in strict mode — YAML 1.1 booleans such as
//! `no` are refused, `07` stays text, duplicate keys are errors — and a budget that
//! refuses deep nesting and alias bombs quickly.

use std::path::Path;

use unicode_normalization::UnicodeNormalization;

use crate::diag::{Diagnostic, Source};
use crate::plan::{Loc, Plan};

/// The largest plan file accepted (a plan with thousands of tasks is well under 1 MiB).
pub const MAX_PLAN_BYTES: usize = 8 * 1024 * 1024;
/// The deepest nesting accepted (a plan needs about 12 levels).
pub(crate) const MAX_DEPTH: usize = 48;
/// The most aliases (`*name`), and anchors (`&name`), a plan may use.
pub(crate) const MAX_ALIASES: usize = 1_000;
/// The most YAML nodes aliases may expand to, in all (a real plan's aliases repeat a unit
/// name or a deadline: a handful of nodes each).
pub(crate) const MAX_ALIAS_EXPANSION: usize = 20_000;
/// The most tasks (table rows) a plan may have: a real plan has tens to hundreds; at
/// this size a render takes about a second and a few hundred MB.
pub const MAX_TASKS: usize = 10_000;
/// The most body blocks (headings, items, paragraphs) a plan may have.
pub const MAX_BLOCKS: usize = 10_000;
/// The most text a plan may hold once its aliases are expanded.
pub(crate) const MAX_TEXT_BYTES: usize = 2 * MAX_PLAN_BYTES;
/// The most YAML values (scalars, lists, maps) in a plan, counted before building it.
pub(crate) const MAX_NODES: usize = 500_000;
/// The most emphasis marks (`*`) a plan's text may hold, aliases expanded: each pair
/// becomes a run in the document tree (~1.4 kB of memory from composing to DOCX), so
/// this bounds a plan of nothing but `**a**` to ~70 MB instead of gigabytes. A real plan
/// has tens.
pub const MAX_EMPHASIS_MARKS: usize = 100_000;

/// A loaded plan with its (NFC) source text and any warnings from loading.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub plan: Plan,
    pub source: Source,
    pub warnings: Vec<Diagnostic>,
}

/// Why a plan could not be loaded: the diagnostics, with the source to show them against.
#[derive(Debug, Clone)]
pub struct LoadFailure {
    pub source: Source,
    pub diagnostics: Vec<Diagnostic>,
}

/// A plan that failed to load is reported like any file's diagnostics.
impl From<LoadFailure> for crate::diag::FileReport {
    fn from(f: LoadFailure) -> crate::diag::FileReport {
        crate::diag::FileReport {
            source: f.source,
            diagnostics: f.diagnostics,
        }
    }
}

/// Reads and loads a plan file.
pub fn load_file(path: &Path) -> Result<Loaded, LoadFailure> {
    let fail = |code, message: String, help: &str| LoadFailure {
        source: Source::new(path, ""),
        diagnostics: vec![Diagnostic::error(code, Loc::UNKNOWN, message).help(help.to_owned())],
    };
    // One bounded read: a size from `metadata` means nothing for /dev/zero or a FIFO.
    let bytes = crate::files::read_bounded(path, MAX_PLAN_BYTES as u64).map_err(|e| match e {
        crate::files::ReadError::TooLarge { .. } => fail(
            "KH-LOAD-TOO-LARGE",
            format!("tệp lớn hơn {MAX_PLAN_BYTES} byte, giới hạn của một kế hoạch"),
            "tách phụ lục thành nhiều kế hoạch, hoặc xem lại đây có phải tệp kế hoạch không",
        ),
        e => fail(
            "KH-LOAD-READ",
            crate::msg!("load.read", why = e),
            &crate::msg!("load.read_help"),
        ),
    })?;
    load_bytes(path, &bytes)
}

/// Loads a plan from bytes; `path` is only used in messages.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Loaded, LoadFailure> {
    if bytes.len() > MAX_PLAN_BYTES {
        return Err(LoadFailure {
            source: Source::new(path, ""),
            diagnostics: vec![Diagnostic::error(
                "KH-LOAD-TOO-LARGE",
                Loc::UNKNOWN,
                format!(
                    "kế hoạch dài {} byte; giới hạn là {MAX_PLAN_BYTES}",
                    bytes.len()
                ),
            )],
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned();
            let source = Source::new(path, valid);
            let at = source.loc_of(e.valid_up_to());
            return Err(LoadFailure {
                diagnostics: vec![Diagnostic::error(
                    "KH-LOAD-NOT-UTF8",
                    at,
                    crate::msg!("load.not_utf8"),
                )
                .help(crate::msg!("load.not_utf8_help"))],
                source,
            });
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    load_str(path, text)
}

/// Loads a plan from text.
pub fn load_str(path: &Path, text: &str) -> Result<Loaded, LoadFailure> {
    let mut warnings = Vec::new();
    let text = if unicode_normalization::is_nfc(text) {
        text.to_owned()
    } else {
        let first_line = text
            .lines()
            .position(|l| !unicode_normalization::is_nfc(l))
            .map(|i| i as u32 + 1)
            .unwrap_or(1);
        warnings.push(
            Diagnostic::warning(
                "KH-TEXT-NOT-NFC",
                Loc {
                    line: first_line,
                    col: 1,
                    offset: 0,
                    len: 0,
                },
                "chữ ở dạng Unicode tổ hợp (NFD), thường do dán từ PDF; đã được chuẩn hóa về NFC",
            )
            .help("lưu lại tệp ở dạng NFC (kehoach fmt, hoặc chức năng chuẩn hóa Unicode của trình soạn thảo) để tìm kiếm và so sánh khớp")
            .clause("TCVN 6909:2001; docs/nd30-layout.md §9"),
        );
        text.nfc().collect()
    };
    let source = Source::new(path, text);
    if is_blank_yaml(&source.text) {
        let diagnostic = Diagnostic::error(
            "KH-LOAD-EMPTY",
            Loc {
                line: 1,
                col: 1,
                offset: 0,
                len: 0,
            },
            crate::msg!("load.empty"),
        )
        .help(crate::msg!("load.empty_help"));
        return Err(LoadFailure {
            source,
            diagnostics: vec![diagnostic],
        });
    }
    match parse(&source.text) {
        Ok(mut plan) => match too_many_parts(&plan).or_else(|| too_many_marks(&source.text, &plan))
        {
            Some(d) => Err(LoadFailure {
                source,
                diagnostics: vec![d],
            }),
            None => {
                warnings.extend(noncharacter_escape(&source));
                normalise_dates(&mut plan);
                Ok(Loaded {
                    plan,
                    source,
                    warnings,
                })
            }
        },
        Err(e) => {
            let first = yaml_error(&e, &source);
            let diagnostics = every_error(first, &source);
            Err(LoadFailure {
                source,
                diagnostics,
            })
        }
    }
}

/// The most loading errors listed for one file.
const MAX_LOAD_ERRORS: usize = 50;

/// Every error of a file the parser can go past, not only the first: after an unknown
/// key, a wrong type or a duplicate key, that key's line (and the lines indented under
/// it) is blanked out — positions kept — and the text parsed again. A syntax error stops
/// the search (what follows it cannot be read), and so does an error the blanking itself
/// caused (a key it removed now missing, a list item left without its first key).
fn every_error(first: Diagnostic, source: &Source) -> Vec<Diagnostic> {
    let mut found = vec![first];
    let mut text = source.text.clone();
    while found.len() < MAX_LOAD_ERRORS {
        let last = found.last().expect("at least one error");
        if !matches!(
            last.code,
            "KH-LOAD-UNKNOWN-KEY" | "KH-LOAD-WRONG-TYPE" | "KH-LOAD-DUPLICATE-KEY"
        ) || !blank_key(&mut text, last.at.line)
        {
            break;
        }
        let Err(e) = parse(&text) else { break };
        let next = yaml_error(&e, source);
        let new_place = found
            .iter()
            .all(|d| (d.at.line, d.at.col) != (next.at.line, next.at.col));
        if next.code == "KH-LOAD-MISSING-KEY" || next.code == "KH-LOAD-YAML" || !new_place {
            break;
        }
        found.push(next);
    }
    found
}

/// Blanks out (with spaces, so every later line and column stays where it was) the
/// key on 1-based `line` and the lines indented under it. `false` when that cannot be
/// done without breaking the structure around it (a list item's first key).
fn blank_key(text: &mut String, line: u32) -> bool {
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let Some(&start) = starts.get(line as usize - 1) else {
        return false;
    };
    let line_of = |i: usize| -> &str {
        let end = starts.get(i + 1).map(|e| e - 1).unwrap_or(text.len());
        &text[starts[i]..end]
    };
    let first = line_of(line as usize - 1);
    let indent = first.len() - first.trim_start_matches(' ').len();
    let trimmed = first.trim_start();
    if trimmed.is_empty() || trimmed.starts_with('-') || trimmed.starts_with('#') {
        return false;
    }
    let mut end_line = line as usize;
    while end_line < starts.len() {
        let l = line_of(end_line);
        let t = l.trim_start();
        let deeper = l.len() - l.trim_start_matches(' ').len() > indent;
        if !(t.is_empty() || t.starts_with('#') || deeper) {
            break;
        }
        end_line += 1;
    }
    let end = starts.get(end_line).map(|e| e - 1).unwrap_or(text.len());
    let blanked: String = text[start..end]
        .chars()
        .map(|c| if c == '\n' { '\n' } else { ' ' })
        .collect();
    text.replace_range(start..end, &blanked);
    true
}

fn parse(text: &str) -> Result<Plan, serde_saphyr::Error> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget.max_anchors = MAX_ALIASES;
    budget.max_nodes = MAX_NODES;
    budget.max_documents = 1;
    budget.max_total_scalar_bytes = MAX_TEXT_BYTES;
    let options = serde_saphyr::options! {
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        with_snippet: false,
        budget: Some(budget),
        // The pre-parse budget counts aliases, not what they expand to: this caps the
        // expansion, so a billion-laughs plan (a few hundred bytes) is refused in
        // milliseconds instead of after building hundreds of thousands of blocks.
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: MAX_ALIAS_EXPANSION,
        },
    };
    serde_saphyr::from_str_with_options(text, options)
}

/// A plan within the byte and node budgets can still hold more tasks or paragraphs than
/// any real plan, and the DOCX library needs ~30 kB of memory per table row: refuse
/// those with the line where the limit was passed.
fn too_many_parts(plan: &Plan) -> Option<Diagnostic> {
    fn blocks<'a>(list: &'a [crate::plan::Block], out: &mut Vec<&'a crate::plan::Block>) {
        for b in list {
            out.push(b);
            blocks(b.children(), out);
        }
    }
    let help = "tách kế hoạch (ví dụ mỗi phụ lục một kế hoạch), hoặc xem README, mục “Limits”";
    if let Some((_, _, task)) = plan.tasks().nth(MAX_TASKS) {
        return Some(
            Diagnostic::error(
                "KH-LOAD-LIMIT",
                task.noi_dung.at,
                format!(
                    "kế hoạch có hơn {MAX_TASKS} nhiệm vụ; đây là nhiệm vụ thứ {}",
                    MAX_TASKS + 1
                ),
            )
            .help(help),
        );
    }
    let mut all = Vec::new();
    blocks(&plan.noi_dung, &mut all);
    let extra = all.get(MAX_BLOCKS)?;
    Some(
        Diagnostic::error(
            "KH-LOAD-LIMIT",
            extra.kind_and_text().1.at,
            format!("kế hoạch có hơn {MAX_BLOCKS} mục, khoản, điểm và đoạn"),
        )
        .help(help),
    )
}

/// Refuses a plan whose text holds more than [`MAX_EMPHASIS_MARKS`] `*`. The source is
/// counted first (exact when there are no anchors, since then the text is the source);
/// with anchors, aliases may repeat text, so the built plan's text is counted as it is
/// serialised into a counter (streamed, no copy).
fn too_many_marks(source: &str, plan: &Plan) -> Option<Diagnostic> {
    let in_source = source.bytes().filter(|&b| b == b'*').count();
    let count = if in_source > MAX_EMPHASIS_MARKS || in_source == 0 || !source.contains('&') {
        in_source
    } else {
        struct Stars(usize);
        impl std::io::Write for Stars {
            fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
                self.0 += buf.iter().filter(|&&b| b == b'*').count();
                Ok(buf.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut stars = Stars(0);
        serde_json::to_writer(&mut stars, plan).ok()?;
        stars.0
    };
    (count > MAX_EMPHASIS_MARKS).then(|| {
        Diagnostic::error(
            "KH-LOAD-LIMIT",
            Loc::UNKNOWN,
            format!(
                "kế hoạch có {count} dấu nhấn mạnh `*` (kể cả phần lặp lại qua bí danh *tên), quá giới hạn {MAX_EMPHASIS_MARKS}"
            ),
        )
        .help("bỏ bớt dấu `*` (in đậm/in nghiêng), hoặc kiểm tra đây có đúng là tệp kế hoạch")
    })
}

/// Dates written the clerk's way (`15/3/2026`, `15.3.2026`, `ngày 15 tháng 3 năm 2026`)
/// are kept as ISO (`2026-03-15`), the one spelling every later stage (check, compose,
/// the DOCX properties, the archive's manifest) reads. A date that does not parse is
/// left as written, for `check` to report with the forms it accepts.
fn normalise_dates(plan: &mut Plan) {
    fn fix(date: &mut Option<crate::plan::Text>) {
        if let Some(t) = date {
            if let Ok(d) = crate::numbering::PlanDate::parse(t) {
                let iso = d.iso();
                if iso != t.value {
                    t.value = iso;
                }
            }
        }
    }
    fix(&mut plan.ngay);
    for c in &mut plan.van_ban {
        fix(&mut c.ngay);
    }
}

/// Whether the text holds nothing but blanks and comments.
fn is_blank_yaml(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .all(|l| l.is_empty() || l.starts_with('#') || l == "---" || l == "...")
}

/// A plain-words account of the safety limit a plan broke, if that is what the error is.
fn limit_breached(lower: &str) -> Option<String> {
    let what = if lower.contains("alias replay") || lower.contains("aliases") {
        format!("các bí danh (*tên) mở ra quá nhiều: tối đa {MAX_ALIASES} bí danh và {MAX_ALIAS_EXPANSION} giá trị sau khi mở")
    } else if lower.contains("anchors") {
        format!("tệp định nghĩa hơn {MAX_ALIASES} neo (&tên)")
    } else if lower.contains("depth") || lower.contains("recursion") || lower.contains("nesting") {
        format!("tệp lồng nhau sâu hơn {MAX_DEPTH} cấp")
    } else if lower.contains("documents") {
        "tệp chứa nhiều hơn một văn bản YAML (có dòng `---` thứ hai): mỗi tệp một kế hoạch"
            .to_owned()
    } else if lower.contains("nodes") || lower.contains("events") {
        format!("tệp có hơn {MAX_NODES} giá trị")
    } else if lower.contains("scalarbytes") || lower.contains("scalar bytes") {
        format!(
            "chữ trong tệp, kể cả phần bí danh mở ra, vượt quá {} MiB",
            MAX_TEXT_BYTES >> 20
        )
    } else if lower.contains("budget") || lower.contains("limit exceeded") {
        "tệp quá lớn hoặc lồng nhau quá sâu".to_owned()
    } else {
        return None;
    };
    Some(what)
}

/// Turns a serde-saphyr error into a diagnostic with a rule id and a hint.
pub(crate) fn yaml_error(e: &serde_saphyr::Error, source: &Source) -> Diagnostic {
    let at = e.location().map(Loc::from_saphyr).unwrap_or(Loc::UNKNOWN);
    let at = if at.is_known() {
        at
    } else {
        Loc {
            line: 1,
            col: 1,
            offset: 0,
            len: 0,
        }
    };
    let message = e.without_snippet().to_string();
    let message = plain_words(strip_location_suffix(&message));
    let lower = message.to_lowercase();
    let (code, text, help) = if let Some(field) = backticked_after(&message, "unknown field") {
        let expected = expected_fields(&message);
        let valid = expected.join(", ");
        let hint = match nearest(&field, &expected) {
            Some(best) => crate::msg!("load.unknown_key_nearest", key = best, valid = valid),
            None if expected.is_empty() => crate::msg!("load.unknown_key_remove"),
            None => crate::msg!("load.unknown_key_valid", valid = valid),
        };
        (
            "KH-LOAD-UNKNOWN-KEY",
            crate::msg!("load.unknown_key", key = field),
            hint,
        )
    } else if lower.contains("missing field") {
        let field = backticked_after(&message, "missing field").unwrap_or_default();
        (
            "KH-LOAD-MISSING-KEY",
            crate::msg!("load.missing_key", key = field),
            crate::msg!("load.missing_key_help"),
        )
    } else if lower.contains("duplicate") {
        let key = message
            .split_once("duplicate mapping key:")
            .map(|(_, k)| k.split(',').next().unwrap_or("").trim().to_owned())
            .unwrap_or_default();
        (
            "KH-LOAD-DUPLICATE-KEY",
            crate::msg!("load.duplicate_key", key = key),
            crate::msg!("load.duplicate_key_help"),
        )
    } else if let Some(what) = limit_breached(&lower) {
        return Diagnostic::error(
            "KH-LOAD-LIMIT",
            at,
            format!("kế hoạch vượt một giới hạn an toàn: {what}"),
        )
        .help("kế hoạch quá lớn hay quá rối như vậy bị từ chối để một tệp nhầm hoặc cố ý phá không làm cạn tài nguyên máy; xem README, mục “Limits”");
    } else if lower.contains("expected mapping") {
        (
            "KH-LOAD-WRONG-TYPE",
            crate::msg!("load.expected_map"),
            crate::msg!("load.expected_map_help"),
        )
    } else if lower.contains("expected sequence") {
        (
            "KH-LOAD-WRONG-TYPE",
            crate::msg!("load.expected_list"),
            crate::msg!("load.expected_list_help"),
        )
    } else if lower.starts_with("expected string scalar") {
        (
            "KH-LOAD-WRONG-TYPE",
            crate::msg!("load.expected_text"),
            crate::msg!("load.expected_text_help"),
        )
    } else if lower.contains("unknown variant") {
        let value = backticked_after(&message, "unknown variant").unwrap_or_default();
        let valid = expected_fields(&message).join(", ");
        (
            "KH-LOAD-WRONG-TYPE",
            crate::msg!("load.unknown_value", value = value),
            crate::msg!("load.unknown_value_help", valid = valid),
        )
    } else if lower.contains("invalid type")
        || lower.contains("boolean")
        || lower.contains("invalid value")
    {
        (
            "KH-LOAD-WRONG-TYPE",
            crate::msg!("load.wrong_type", detail = message),
            crate::msg!("load.wrong_type_help"),
        )
    } else if lower.contains("mapping values are not allowed") {
        (
            "KH-LOAD-YAML",
            crate::msg!("load.colon_in_sentence"),
            crate::msg!("load.colon_in_sentence_help"),
        )
    } else if lower.contains("tab") {
        (
            "KH-LOAD-YAML",
            crate::msg!("load.tab"),
            crate::msg!("load.tab_help"),
        )
    } else if lower.contains("did not find expected")
        || lower.contains("indentation")
        || lower.contains("indent")
    {
        (
            "KH-LOAD-YAML",
            crate::msg!("load.indentation"),
            crate::msg!("load.indentation_help"),
        )
    } else if lower.contains("quote") || lower.contains("quoted scalar") {
        (
            "KH-LOAD-YAML",
            crate::msg!("load.unclosed_quote"),
            crate::msg!("load.unclosed_quote_help"),
        )
    } else {
        (
            "KH-LOAD-YAML",
            crate::msg!("load.syntax", detail = message),
            crate::msg!("load.syntax_help"),
        )
    };
    let _ = source;
    Diagnostic::error(code, at, text).help(help)
}

/// The parser's messages that speak of Rust types or library options, said as what the
/// clerk should do (defect 11 of issue 16).
fn plain_words(message: String) -> String {
    let lower = message.to_lowercase();
    if lower.contains("null") && lower.contains("option<") {
        "giá trị này để trống (`~` hoặc `null`) nhưng ở đây phải có nội dung; hãy ghi nội dung, hoặc bỏ hẳn khoá nếu nó không bắt buộc".to_owned()
    } else if lower.contains("ignore_binary_tag") || lower.contains("!!binary") {
        "thẻ YAML `!!binary` không dùng được trong kế hoạch; hãy bỏ thẻ và ghi văn bản thường"
            .to_owned()
    } else if let Some(c) = message
        .strip_prefix("unexpected character: `")
        .and_then(|r| match r.strip_prefix("\\u{") {
            Some(hex) => u32::from_str_radix(hex.split('}').next()?, 16)
                .ok()
                .and_then(char::from_u32),
            None => r.chars().next(),
        })
        .filter(|&c| is_noncharacter(c))
    {
        format!(
            "ký tự U+{:04X} là ký tự không dùng (noncharacter) của Unicode, không hiển thị được; hãy xoá nó",
            c as u32
        )
    } else {
        message
    }
}

/// Unicode noncharacters: U+FDD0–U+FDEF and the last two code points of every plane.
pub(crate) fn is_noncharacter(c: char) -> bool {
    let u = c as u32;
    (0xFDD0..=0xFDEF).contains(&u) || u & 0xFFFE == 0xFFFE
}

/// A warning for noncharacters written as escapes (`"\uFFFE"`) in double-quoted text:
/// they would vanish from the DOCX and HTML without a word. (Written raw, the YAML
/// parser refuses them, see [`plain_words`].)
fn noncharacter_escape(source: &Source) -> Option<Diagnostic> {
    let text = &source.text;
    let mut from = 0;
    while let Some(i) = text[from..].find('\\').map(|i| i + from) {
        from = i + 1;
        let digits = match text.as_bytes().get(i + 1) {
            Some(b'u') => 4,
            Some(b'U') => 8,
            _ => continue,
        };
        let Some(hex) = text.get(i + 2..i + 2 + digits) else {
            continue;
        };
        let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) else {
            continue;
        };
        if is_noncharacter(c) {
            let mut at = source.loc_of(i);
            at.len = (digits + 2) as u32;
            return Some(
                Diagnostic::warning(
                    "KH-TEXT-NONCHARACTER",
                    at,
                    format!(
                        "ký tự U+{:04X} là ký tự không dùng (noncharacter) của Unicode: nó sẽ biến mất khỏi DOCX và HTML",
                        c as u32
                    ),
                )
                .help("xoá mã thoát này, hoặc thay bằng ký tự cần hiển thị"),
            );
        }
    }
    None
}

fn strip_location_suffix(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

fn backticked_after(message: &str, marker: &str) -> Option<String> {
    let rest = &message[message.find(marker)? + marker.len()..];
    let start = rest.find('`')? + 1;
    let end = start + rest[start..].find('`')?;
    Some(rest[start..end].to_owned())
}

fn expected_fields(message: &str) -> Vec<String> {
    let Some(i) = message.find("expected") else {
        return Vec::new();
    };
    message[i + "expected".len()..]
        .trim_start_matches(" one of")
        .split(',')
        .map(|s| s.trim().trim_matches('`').trim().to_owned())
        .map(|s| s.trim_start_matches("or ").trim_matches('`').to_owned())
        .filter(|s| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
        .collect()
}

/// The valid key closest to a mistyped one, if it is close enough to be a typo.
fn nearest(field: &str, expected: &[String]) -> Option<String> {
    expected
        .iter()
        .map(|e| (strsim::damerau_levenshtein(field, e), e))
        .filter(|(d, e)| *d <= 2.max(e.len() / 3))
        .min_by_key(|(d, _)| *d)
        .map(|(_, e)| e.clone())
}

#[cfg(test)]
mod tests;
