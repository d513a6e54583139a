//! Text pieces → lines → paragraphs, the way a reader rebuilds them from a printed page:
//! a line ends its paragraph when the next line's first word would have fitted on it,
//! when more space than the line pitch separates them, or when the next line starts at
//! another indent than the paragraph's running lines.

use super::poppler::TextPiece;
use crate::import::model::{Align, RunFacts};

/// A gap wider than this many font sizes between two pieces of a line separates
/// columns (a header or signature table without borders, or text set with tabs).
const COLUMN_GAP_EMS: f32 = 1.0;

/// One printed line: pieces left to right on one baseline of one page.
#[derive(Debug, Clone)]
pub struct Line {
    pub page: usize,
    pub pieces: Vec<TextPiece>,
}

impl Line {
    pub fn top(&self) -> f32 {
        self.main().top
    }
    pub fn left(&self) -> f32 {
        self.pieces[0].left
    }
    pub fn right(&self) -> f32 {
        self.pieces.last().expect("a line has pieces").right()
    }
    pub fn width(&self) -> f32 {
        self.right() - self.left()
    }
    pub fn centre(&self) -> f32 {
        (self.left() + self.right()) / 2.0
    }
    /// The piece that sets the line's size (the largest; a superscript is not it).
    fn main(&self) -> &TextPiece {
        self.pieces
            .iter()
            .filter(|p| !p.text.trim().is_empty())
            .max_by_key(|p| p.size)
            .or(self.pieces.first())
            .expect("a line has pieces")
    }
    /// Font size in points.
    pub fn size_pt(&self) -> f32 {
        self.main().size as f32 / 2.0
    }
    pub fn text(&self) -> String {
        self.pieces.iter().map(|p| p.text.as_str()).collect()
    }
    /// Splits the line where a wide gap separates columns.
    pub fn segments(self) -> Vec<Line> {
        let em = self.size_pt().max(1.0);
        let mut out: Vec<Line> = Vec::new();
        // A space glyph in a gap makes it a stretched space of a justified line.
        let mut bridged = false;
        for piece in self.pieces {
            if piece.text.trim().is_empty() {
                bridged = true;
                continue;
            }
            match out.last_mut() {
                Some(last) if bridged || piece.left - last.right() < COLUMN_GAP_EMS * em => {
                    last.pieces.push(piece)
                }
                _ => out.push(Line {
                    page: self.page,
                    pieces: vec![piece],
                }),
            }
            bridged = false;
        }
        out
    }
    /// The width the line's first word takes.
    fn first_word_width(&self) -> f32 {
        let p = &self.pieces[0];
        let word = p.text.trim_start().split(' ').next().unwrap_or("");
        p.width * advance(word) / advance(&p.text).max(f32::EPSILON)
    }
    /// Where the line's ink ends: a trailing space is part of the box, not of the text.
    fn ink_right(&self) -> f32 {
        let p = self.pieces.last().expect("a line has pieces");
        let trimmed = p.text.trim_end();
        let share = advance(trimmed) / advance(&p.text).max(f32::EPSILON);
        p.left + p.width * share
    }
}

/// pdftohtml may join the words of two table cells into one piece ("… đánh mã Sau khi
/// có hướng" across a column border): the piece is cut at the last space before each
/// border it crosses.
pub fn split_at(piece: TextPiece, borders: &[f32]) -> Vec<TextPiece> {
    let Some(&x) = borders
        .iter()
        .find(|&&x| x > piece.left + 2.0 && x < piece.right() - 2.0)
    else {
        return vec![piece];
    };
    // Each space is a candidate cut; the words before it set from the piece's left end
    // and those after it from its right end (at the font's size) should leave the
    // border between them. The cut that best does is taken.
    let em = piece.size as f32 / 2.0;
    let mut cut = None;
    let mut best = f32::MIN;
    for (i, c) in piece.text.char_indices() {
        if c != ' ' || i == 0 {
            continue;
        }
        let (head, tail) = piece.text.split_at(i);
        let head_end = piece.left + advance(head.trim_end()) * em;
        let tail_start = piece.right() - advance(tail.trim_start()) * em;
        let margin = (x - head_end).min(tail_start - x);
        if margin > best {
            best = margin;
            cut = Some(i);
        }
    }
    let scale = em;
    let Some(cut) = cut.filter(|&c| c > 0) else {
        return vec![piece];
    };
    let (head, tail) = piece.text.split_at(cut);
    let head_width = advance(head) * scale;
    let first = TextPiece {
        text: head.to_owned(),
        width: head_width,
        ..piece.clone()
    };
    let tail = tail.trim_start();
    let rest = TextPiece {
        left: piece.left + piece.width - advance(tail) * scale,
        width: advance(tail) * scale,
        text: tail.to_owned(),
        ..piece
    };
    let mut out = vec![first];
    out.extend(split_at(rest, borders));
    out
}

/// A rough advance width of text in ems, from the shapes of Latin letters (capitals and
/// m, w wide; i, l, t and punctuation narrow), good enough to tell how much of a printed
/// piece one word takes, which pdftohtml does not give.
fn advance(text: &str) -> f32 {
    text.chars()
        .map(|c| {
            // The base letter of "Ư", "ạ" …
            let mut base = None;
            unicode_normalization::char::decompose_canonical(c, |d| {
                base.get_or_insert(d);
            });
            match base.unwrap_or(c) {
                ' ' => 0.25,
                'M' | 'W' | 'm' | 'w' => 0.85,
                'I' | 'J' | 'f' | 'i' | 'j' | 'l' | 't' | 'r' => 0.3,
                '.' | ',' | ';' | ':' | '\'' | '(' | ')' | '-' | '/' => 0.3,
                c if c.is_uppercase() => 0.7,
                c if c.is_ascii_digit() => 0.5,
                _ => 0.5,
            }
        })
        .sum()
}

/// Groups a page's pieces into lines: pieces whose boxes share most of their height.
pub fn lines(page: usize, mut pieces: Vec<TextPiece>) -> Vec<Line> {
    pieces.sort_by(|a, b| a.top.total_cmp(&b.top).then(a.left.total_cmp(&b.left)));
    let mut lines: Vec<Line> = Vec::new();
    for piece in pieces {
        // Pieces side by side share a line; pieces one above the other (even with
        // overlapping boxes, as lines of different sizes in two columns have) do not.
        let found = lines.iter_mut().rev().take(8).find(|l| {
            let m = l.main();
            let overlap = (m.bottom().min(piece.bottom()) - m.top.max(piece.top)).max(0.0);
            overlap >= 0.5 * m.height.min(piece.height)
                && l.pieces
                    .iter()
                    .all(|p| p.right() <= piece.left + 0.5 || piece.right() <= p.left + 0.5)
        });
        match found {
            Some(line) => line.pieces.push(piece),
            None => lines.push(Line {
                page,
                pieces: vec![piece],
            }),
        }
    }
    for line in &mut lines {
        line.pieces.sort_by(|a, b| a.left.total_cmp(&b.left));
        // Space glyphs matter only between words (see `segments`).
        while line.pieces.last().is_some_and(|p| p.text.trim().is_empty()) {
            line.pieces.pop();
        }
        while line
            .pieces
            .first()
            .is_some_and(|p| p.text.trim().is_empty())
        {
            line.pieces.remove(0);
        }
    }
    lines.retain(|l| !l.pieces.is_empty());
    for line in &mut lines {
        label_takes_text_look(line);
    }
    lines.sort_by(|a, b| a.top().total_cmp(&b.top()));
    lines
}

/// A list label set apart from its text in another look ("- *Đơn vị chủ trì:* …") is
/// read as Word's list numbering, which the DOCX reader gives the look of the text after
/// it (a word processor may print the label upright all the same); the same here, so a
/// PDF and its Word file read alike.
fn label_takes_text_look(line: &mut Line) {
    if line.pieces.len() < 2 {
        return;
    }
    let (label, text) = (&line.pieces[0], &line.pieces[1]);
    let apart = text.left - label.right() > 0.15 * text.size as f32 / 2.0;
    if apart && is_label(&label.text) && !text.text.trim().is_empty() {
        let (bold, italic) = (text.bold, text.italic);
        line.pieces[0].bold = bold;
        line.pieces[0].italic = italic;
    }
}

/// The horizontal room a paragraph is set in: the body between the margins, a column of
/// a borderless table, or a cell less its padding.
#[derive(Debug, Clone, Copy)]
pub struct Frame {
    pub left: f32,
    pub right: f32,
}

impl Frame {
    fn width(&self) -> f32 {
        self.right - self.left
    }
    fn centre(&self) -> f32 {
        (self.left + self.right) / 2.0
    }
    /// The line's middle is the frame's middle.
    pub fn centre_matches(&self, line: &Line) -> bool {
        (line.centre() - self.centre()).abs() < (0.01 * self.width()).max(3.0)
    }
    /// Lines set centred: all in the middle, and not all from the left edge (a full
    /// justified line is in the middle too).
    fn centres(&self, lines: &[Line]) -> bool {
        lines.iter().all(|l| self.centre_matches(l))
            && lines.iter().any(|l| l.left() > self.left + 2.5)
    }
}

/// A paragraph rebuilt from lines.
#[derive(Debug, Clone)]
pub struct Paragraph {
    pub lines: Vec<Line>,
    pub align: Align,
}

impl Paragraph {
    /// The runs, one per change of look, lines joined by a space and the stretched
    /// spaces of justified lines taken back to one.
    pub fn runs(&self) -> Vec<RunFacts> {
        let mut runs: Vec<RunFacts> = Vec::new();
        let push = |text: &str, piece: &TextPiece, runs: &mut Vec<RunFacts>| match runs.last_mut() {
            Some(last)
                if last.bold == piece.bold
                    && last.italic == piece.italic
                    && last.size == piece.size =>
            {
                last.text.push_str(text)
            }
            _ => runs.push(RunFacts {
                text: text.to_owned(),
                size: piece.size,
                bold: piece.bold,
                italic: piece.italic,
                ..RunFacts::default()
            }),
        };
        let mut ends_with_space = true;
        for (i, line) in self.lines.iter().enumerate() {
            let mut previous_right = None;
            for piece in &line.pieces {
                let gap = previous_right.map(|r| piece.left - r);
                let text = piece.text.replace('\u{a0}', " ");
                // A line broken after a hyphen ("2021/NĐ-" / "CP") joins without a space.
                let after_hyphen = runs.last().is_some_and(|r: &RunFacts| {
                    let mut end = r.text.chars().rev();
                    end.next() == Some('-') && end.next().is_some_and(|c| !c.is_whitespace())
                });
                let wants_space = match gap {
                    None => i > 0 && !after_hyphen,
                    Some(g) => g > 0.15 * piece.size as f32 / 2.0,
                };
                if wants_space && !ends_with_space && !text.starts_with(' ') {
                    push(" ", piece, &mut runs);
                }
                let mut squashed = String::with_capacity(text.len());
                for c in text.chars() {
                    let space = c == ' ';
                    if !(space
                        && (squashed.ends_with(' ') || (squashed.is_empty() && ends_with_space)))
                    {
                        squashed.push(c);
                    }
                }
                if !squashed.is_empty() {
                    ends_with_space = squashed.ends_with(' ');
                    push(&squashed, piece, &mut runs);
                }
                previous_right = Some(piece.right());
            }
        }
        if let Some(last) = runs.last_mut() {
            let trimmed = last.text.trim_end().len();
            last.text.truncate(trimmed);
        }
        runs.retain(|r| !r.text.is_empty());
        runs
    }
}

/// The usual distance from one line's top to the next within a paragraph, by font
/// size: the commonest such distance in the document (paragraph spacing only adds).
#[derive(Debug, Clone, Default)]
pub struct Pitches(std::collections::HashMap<u32, f32>);

impl Pitches {
    pub fn measure(lines: &[Line]) -> Pitches {
        let mut counts: std::collections::HashMap<(u32, i32), usize> = Default::default();
        for w in lines.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            if a.page != b.page || a.main().size != b.main().size {
                continue;
            }
            let d = b.top() - a.top();
            if d > 0.0 {
                *counts
                    .entry((a.main().size, (d * 2.0).round() as i32))
                    .or_default() += 1;
            }
        }
        let mut best: std::collections::HashMap<u32, (usize, f32)> = Default::default();
        for ((size, d), n) in counts {
            let entry = best.entry(size).or_insert((0, 0.0));
            if n > entry.0 || (n == entry.0 && (d as f32 / 2.0) < entry.1) {
                *entry = (n, d as f32 / 2.0);
            }
        }
        Pitches(best.into_iter().map(|(s, (_, d))| (s, d)).collect())
    }
    fn of(&self, line: &Line) -> f32 {
        self.0
            .get(&line.main().size)
            .copied()
            .unwrap_or(line.size_pt() * 1.5)
    }
}

/// Rebuilds the paragraphs of consecutive lines set in one frame.
pub fn paragraphs(lines: Vec<Line>, frame: Frame, pitches: &Pitches) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    for line in lines {
        let joins = out
            .last()
            .is_some_and(|p| continues(p, &line, frame, pitches));
        if joins {
            out.last_mut().expect("checked").lines.push(line);
        } else {
            out.push(Paragraph {
                lines: vec![line],
                align: Align::Justify,
            });
        }
    }
    for p in &mut out {
        let first = &p.lines[0];
        p.align = if frame.centres(&p.lines)
            || (frame.centre_matches(first) && first.left() > frame.left + 2.5)
        {
            Align::Center
        } else if p.lines.len() == 1
            && (p.lines[0].right() - frame.right).abs() < 3.0
            && p.lines[0].left() > frame.left + 0.3 * frame.width()
        {
            Align::Right
        } else {
            Align::Justify
        };
    }
    out
}

/// A list label alone ("-", "a)", "1.", "IV."), as Word's numbering prints it apart from
/// its text.
pub fn is_label(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && !t.contains(' ') && starts_with_marker(&format!("{t} x"))
}

/// "- ", "+ ", "• ", "a) ", "1. ", "2.1. ", "IV. ": how list items begin.
fn starts_with_marker(text: &str) -> bool {
    let t = text.trim_start();
    if ["- ", "+ ", "– ", "• "].iter().any(|b| t.starts_with(b)) {
        return true;
    }
    let Some((head, _)) = t.split_once(' ') else {
        return false;
    };
    let letter = head.chars().count() == 2
        && head.ends_with(')')
        && head.chars().next().is_some_and(|c| c.is_lowercase());
    let numbered = head.ends_with('.')
        && head.len() > 1
        && head
            .trim_end_matches('.')
            .split('.')
            .all(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    let roman = head.ends_with('.')
        && head.len() > 1
        && head
            .trim_end_matches('.')
            .chars()
            .all(|c| "IVXLC".contains(c));
    letter || numbered || roman
}

/// The paragraphs of a column of a borderless table (the header or signature block).
/// Its width is not printed, so wrapping cannot be told from a break by hand: each
/// line is its own paragraph, except a line starting in lower case, which goes on.
pub fn column_paragraphs(lines: Vec<Line>, frame: Frame) -> Vec<Paragraph> {
    let mut out: Vec<Paragraph> = Vec::new();
    for line in lines {
        let goes_on = line
            .text()
            .trim_start()
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
        match out.last_mut() {
            Some(p) if goes_on => p.lines.push(line),
            _ => out.push(Paragraph {
                lines: vec![line],
                align: Align::Left,
            }),
        }
    }
    for p in &mut out {
        let first = &p.lines[0];
        p.align = if frame.centre_matches(first) && first.left() > frame.left + 2.5 {
            Align::Center
        } else {
            Align::Left
        };
    }
    out
}

/// Whether `next` goes on with paragraph `p`.
fn continues(p: &Paragraph, next: &Line, frame: Frame, pitches: &Pitches) -> bool {
    let last = p.lines.last().expect("a paragraph has lines");
    if last.page == next.page {
        let pitch = next.top() - last.top();
        if pitch > pitches.of(last) + 0.25 * last.size_pt() {
            return false;
        }
    }
    if last.main().size != next.main().size {
        return false;
    }
    // A line that ends a sentence and a line that starts with a list marker: a new
    // item (typed with Shift+Enter or as its own paragraph).
    let ends_sentence = last.text().trim_end().ends_with(['.', ';', ':', ')']);
    if starts_with_marker(&next.text()) && (ends_sentence || next.pieces[0].bold) {
        return false;
    }
    if last.pieces.iter().all(|x| x.bold) && !next.pieces[0].bold {
        // A heading set in bold does not run on into plain text on the next line.
        return false;
    }
    let space = 0.25 * last.size_pt();
    let word = next.first_word_width();
    let centred = frame.centres(&p.lines);
    let full = if centred {
        last.ink_right() - last.left() + space + word > frame.width() - 2.0
    } else {
        last.ink_right() + space + word > frame.right - 2.0
    };
    if !full {
        return false;
    }
    let all_middle = p.lines.iter().all(|l| frame.centre_matches(l));
    if centred && !frame.centre_matches(next) && next.left() <= frame.left + 2.5 {
        return false;
    }
    if !all_middle && frame.centres(std::slice::from_ref(next)) {
        return false;
    }
    // A list item starts a paragraph where the paragraph it follows started.
    let bullet = ["- ", "+ ", "– ", "• "]
        .iter()
        .any(|b| next.text().trim_start().starts_with(b));
    if bullet && (next.left() - p.lines[0].left()).abs() < 2.0 {
        return false;
    }
    // Running lines of a paragraph share one left edge; a line starting elsewhere
    // starts a new paragraph (its first-line indent).
    let centred_too = all_middle && frame.centre_matches(next);
    if p.lines.len() >= 2 && !centred && !centred_too && (next.left() - last.left()).abs() > 3.0 {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn piece(top: f32, left: f32, width: f32, text: &str) -> TextPiece {
        TextPiece {
            top,
            left,
            width,
            height: 16.0,
            size: 28,
            bold: false,
            italic: false,
            text: text.to_owned(),
        }
    }

    #[test]
    fn a_short_line_ends_its_paragraph_and_an_indent_starts_one() {
        let frame = Frame {
            left: 100.0,
            right: 500.0,
        };
        let pieces = vec![
            piece(
                100.0,
                130.0,
                370.0,
                "Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh",
            ),
            piece(
                120.0,
                100.0,
                400.0,
                "về việc tổ chức   thực   hiện   nhiệm vụ năm 2026 trên địa bàn",
            ),
            piece(140.0, 100.0, 120.0, "toàn tỉnh."),
            piece(
                160.0,
                130.0,
                370.0,
                "1. Mục tiêu chung của kế hoạch là bảo đảm các điều kiện cần",
            ),
            piece(180.0, 100.0, 100.0, "thiết."),
        ];
        let lines = lines(0, pieces);
        let pitches = Pitches::measure(&lines);
        let paras = paragraphs(lines, frame, &pitches);
        assert_eq!(paras.len(), 2);
        let text: Vec<String> = paras[0].runs().into_iter().map(|r| r.text).collect();
        assert_eq!(
            text.concat(),
            "Thực hiện Kế hoạch số 12/KH-UBND của Ủy ban nhân dân tỉnh về việc tổ chức thực hiện nhiệm vụ năm 2026 trên địa bàn toàn tỉnh."
        );
        assert_eq!(paras[1].lines.len(), 2);
        assert_eq!(paras[0].align, Align::Justify);
    }

    #[test]
    fn centred_lines_join_only_when_wrapped() {
        let frame = Frame {
            left: 100.0,
            right: 500.0,
        };
        let pieces = vec![
            piece(100.0, 260.0, 80.0, "KẾ HOẠCH"),
            piece(
                120.0,
                105.0,
                390.0,
                "PHÁT ĐỘNG PHONG TRÀO THI ĐUA THỰC HIỆN THÀNH CÔNG",
            ),
            piece(140.0, 220.0, 160.0, "NHIỆM KỲ 2026 - 2031"),
        ];
        let lines = lines(0, pieces);
        let paras = paragraphs(lines, frame, &Pitches::default());
        assert_eq!(paras.len(), 2);
        assert_eq!(paras[0].align, Align::Center);
        assert_eq!(paras[1].lines.len(), 2);
    }

    #[test]
    fn a_wide_gap_separates_columns() {
        let line = Line {
            page: 0,
            pieces: vec![
                piece(10.0, 100.0, 100.0, "Nơi nhận:"),
                piece(10.0, 300.0, 100.0, "TM. ỦY BAN NHÂN DÂN"),
            ],
        };
        assert_eq!(line.segments().len(), 2);
    }
}
