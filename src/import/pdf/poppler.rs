//! A PDF as poppler sees it: every piece of text with its box and font
//! (`pdftohtml -xml`), and every ruling line (`pdftocairo -svg`), in points from the top
//! left corner of each page.
//!
//! poppler's tools rather than a Rust PDF crate: they are what LibreOffice and most
//! Linux desktops use to show PDFs (so they read what a signing system produces), they
//! give text already decoded from the fonts' encodings with its position and weight,
//! and they install with the same package manager as LibreOffice, which `render
//! --format pdf` already needs. Each call runs with a time limit and in its own scratch
//! folder.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::super::ImportError;

/// `pdftohtml -zoom`: 2 pixels a point, so font sizes come out in half-points.
const ZOOM: f32 = 2.0;
/// The longest a poppler tool may take on one file.
const TIME_LIMIT: Duration = Duration::from_secs(60);

/// A piece of text as `pdftohtml` groups it: one font, one line, in points.
#[derive(Debug, Clone, PartialEq)]
pub struct TextPiece {
    pub top: f32,
    pub left: f32,
    pub width: f32,
    pub height: f32,
    /// Font size in half-points (28 = 14 pt).
    pub size: u32,
    pub bold: bool,
    pub italic: bool,
    pub text: String,
}

impl TextPiece {
    pub fn right(&self) -> f32 {
        self.left + self.width
    }
    pub fn bottom(&self) -> f32 {
        self.top + self.height
    }
}

/// A horizontal or vertical line segment (a table border, a rule under a heading).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0).abs() < 0.5
    }
}

#[derive(Debug, Clone, Default)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    pub texts: Vec<TextPiece>,
    pub rules: Vec<Rule>,
}

/// Reads a PDF's pages with poppler's tools.
pub fn read_pages(bytes: &[u8]) -> Result<Vec<Page>, ImportError> {
    let dir = tempfile::tempdir().map_err(|e| ImportError::PdfTool(e.to_string()))?;
    let input = dir.path().join("in.pdf");
    std::fs::write(&input, bytes).map_err(|e| ImportError::PdfTool(e.to_string()))?;
    let xml_path = dir.path().join("text.xml");
    run(
        Command::new("pdftohtml")
            .args([
                "-xml",
                "-i",
                "-q",
                "-nodrm",
                "-noroundcoord",
                "-zoom",
                "2",
                "-stdout",
            ])
            .arg(&input),
        &xml_path,
    )?;
    let xml =
        std::fs::read_to_string(&xml_path).map_err(|e| ImportError::PdfTool(e.to_string()))?;
    let mut pages = parse_text(&xml)?;
    // One SVG per run of pages of one size: cairo's SVG surface takes the size of the
    // first page and drops what lies outside it, such as the right border of a table
    // on a landscape page after portrait ones.
    let mut first = 0;
    while first < pages.len() {
        let size = (pages[first].width, pages[first].height);
        let mut last = first;
        while last + 1 < pages.len() && (pages[last + 1].width, pages[last + 1].height) == size {
            last += 1;
        }
        let svg_path = dir.path().join(format!("rules-{first}.svg"));
        run(
            Command::new("pdftocairo")
                .arg("-svg")
                .args([
                    "-f",
                    &(first + 1).to_string(),
                    "-l",
                    &(last + 1).to_string(),
                ])
                .arg(&input)
                .arg("-"),
            &svg_path,
        )?;
        let svg =
            std::fs::read_to_string(&svg_path).map_err(|e| ImportError::PdfTool(e.to_string()))?;
        for (page, rules) in pages[first..=last].iter_mut().zip(parse_rules(&svg)?) {
            page.rules = rules;
        }
        first = last + 1;
    }
    Ok(pages)
}

/// Runs a poppler tool with its standard output in `out`, within [`TIME_LIMIT`].
fn run(command: &mut Command, out: &Path) -> Result<(), ImportError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let file = std::fs::File::create(out).map_err(|e| ImportError::PdfTool(e.to_string()))?;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ImportError::PopplerMissing(program.clone()),
            _ => ImportError::PdfTool(format!("{program}: {e}")),
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut why = String::new();
                if let Some(mut err) = child.stderr.take() {
                    use std::io::Read;
                    let _ = err.read_to_string(&mut why);
                }
                return Err(if why.contains("ncrypt") || why.contains("password") {
                    ImportError::Encrypted
                } else {
                    ImportError::PdfTool(format!("{program} ({status}): {}", why.trim()))
                });
            }
            Ok(None) if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ImportError::PdfTool(format!(
                    "{program}: quá {} giây",
                    TIME_LIMIT.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(10)),
            Err(e) => return Err(ImportError::PdfTool(format!("{program}: {e}"))),
        }
    }
}

/// Pages and their text from `pdftohtml -xml`.
pub fn parse_text(xml: &str) -> Result<Vec<Page>, ImportError> {
    // The DOCTYPE names a DTD that is not there; nothing in it is needed.
    let body = match xml.find("<pdf2xml") {
        Some(at) => &xml[at..],
        None => return Err(ImportError::PdfTool("pdftohtml: no <pdf2xml>".into())),
    };
    let doc = roxmltree::Document::parse(body)
        .map_err(|e| ImportError::PdfTool(format!("pdftohtml: {e}")))?;
    let mut pages = Vec::new();
    // A font is declared on the first page that uses it and holds for the pages after.
    let mut fonts = std::collections::HashMap::new();
    for page in doc
        .root_element()
        .children()
        .filter(|n| n.has_tag_name("page"))
    {
        let num = |n: roxmltree::Node, a: &str| -> f32 {
            n.attribute(a).and_then(|v| v.parse().ok()).unwrap_or(0.0)
        };
        let mut out = Page {
            width: num(page, "width") / ZOOM,
            height: num(page, "height") / ZOOM,
            ..Page::default()
        };
        for node in page.children().filter(|n| n.is_element()) {
            if node.has_tag_name("fontspec") {
                let family = node.attribute("family").unwrap_or("").to_owned();
                fonts.insert(
                    node.attribute("id").unwrap_or("").to_owned(),
                    (num(node, "size").round() as u32, family),
                );
                continue;
            }
            if !node.has_tag_name("text") {
                continue;
            }
            let (size, family) = fonts
                .get(node.attribute("font").unwrap_or(""))
                .cloned()
                .unwrap_or((0, String::new()));
            let family = family.to_ascii_lowercase();
            let mut runs: Vec<(String, bool, bool)> = Vec::new();
            collect_runs(
                node,
                family.contains("bold"),
                family.contains("italic") || family.contains("oblique"),
                &mut runs,
            );
            // One piece per change of weight or slant, sharing the line's box: the
            // width is split in proportion to the characters.
            // A piece that is only a link, printed again by the next piece: a copy.
            let only_link = node
                .children()
                .all(|c| c.has_tag_name("a") || c.text().is_some_and(|t| t.trim().is_empty()));
            if only_link {
                let next = node.next_sibling_element();
                let text: String = runs.iter().map(|r| r.0.as_str()).collect();
                let (top, bottom) = (num(node, "top"), num(node, "top") + num(node, "height"));
                if next.is_some_and(|n| {
                    n.has_tag_name("text")
                        && (top..=bottom).contains(&num(n, "top"))
                        && n.descendants()
                            .filter(|d| d.is_text())
                            .filter_map(|d| d.text())
                            .collect::<String>()
                            .trim()
                            == text.trim()
                }) {
                    continue;
                }
            }
            // pdftohtml can print a link's text twice ("[1][1]" for the mark "[1]").
            let has_link = node.descendants().any(|d| d.has_tag_name("a"));
            let whole: String = runs.iter().map(|r| r.0.as_str()).collect();
            let half = whole.len() / 2;
            if has_link
                && whole.len() % 2 == 0
                && whole.is_char_boundary(half)
                && whole[..half] == whole[half..]
                && runs.len() == 1
            {
                runs[0].0.truncate(half);
            }
            let chars: usize = runs.iter().map(|r| r.0.chars().count()).sum();
            let (top, left, width, height) = (
                num(node, "top") / ZOOM,
                num(node, "left") / ZOOM,
                num(node, "width") / ZOOM,
                num(node, "height") / ZOOM,
            );
            let mut x = left;
            for (text, bold, italic) in runs {
                let w = if chars == 0 {
                    0.0
                } else {
                    width * text.chars().count() as f32 / chars as f32
                };
                if !text.is_empty() {
                    out.texts.push(TextPiece {
                        top,
                        left: x,
                        width: w,
                        height,
                        size,
                        bold,
                        italic,
                        text,
                    });
                }
                x += w;
            }
        }
        pages.push(out);
    }
    Ok(pages)
}

/// The text under a `<text>` node with its `<b>`/`<i>` state. `<a>` (a link, such as a
/// footnote mark's) holds the text under the link's area, which pdftohtml sometimes
/// prints again right after it: then the copy is left out.
fn collect_runs(
    node: roxmltree::Node,
    bold: bool,
    italic: bool,
    out: &mut Vec<(String, bool, bool)>,
) {
    for child in node.children() {
        if child.is_text() {
            let text = child.text().unwrap_or("");
            match out.last_mut() {
                Some(last) if last.1 == bold && last.2 == italic => last.0.push_str(text),
                _ => out.push((text.to_owned(), bold, italic)),
            }
        } else if child.has_tag_name("b") {
            collect_runs(child, true, italic, out);
        } else if child.has_tag_name("i") {
            collect_runs(child, bold, true, out);
        } else if child.has_tag_name("a") {
            let linked: String = child
                .descendants()
                .filter(|d| d.is_text())
                .filter_map(|d| d.text())
                .collect();
            let repeated = child
                .next_sibling()
                .and_then(|n| n.text())
                .is_some_and(|t| t.starts_with(&linked));
            if !repeated {
                collect_runs(child, bold, italic, out);
            }
        } else {
            collect_runs(child, bold, italic, out);
        }
    }
}

/// An affine transform `[a b c d e f]` as in SVG's `matrix()`.
type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

fn compose(outer: &Matrix, inner: &Matrix) -> Matrix {
    [
        outer[0] * inner[0] + outer[2] * inner[1],
        outer[1] * inner[0] + outer[3] * inner[1],
        outer[0] * inner[2] + outer[2] * inner[3],
        outer[1] * inner[2] + outer[3] * inner[3],
        outer[0] * inner[4] + outer[2] * inner[5] + outer[4],
        outer[1] * inner[4] + outer[3] * inner[5] + outer[5],
    ]
}

fn parse_transform(t: &str) -> Matrix {
    let Some(args) = t
        .trim()
        .strip_prefix("matrix(")
        .and_then(|r| r.strip_suffix(')'))
    else {
        return IDENTITY;
    };
    let v: Vec<f32> = args
        .split([',', ' '])
        .filter(|s| !s.is_empty())
        .filter_map(|s| s.parse().ok())
        .collect();
    match v.as_slice() {
        [a, b, c, d, e, f] => [*a, *b, *c, *d, *e, *f],
        _ => IDENTITY,
    }
}

/// The ruling lines of every page of `pdftocairo -svg` (a `<pageSet>` of `<page>`s, or
/// one page). Stroked straight segments and thin filled rectangles count; glyph outlines
/// (in `<defs>`) and curves do not.
pub fn parse_rules(svg: &str) -> Result<Vec<Vec<Rule>>, ImportError> {
    let doc = roxmltree::Document::parse_with_options(
        svg,
        roxmltree::ParsingOptions {
            allow_dtd: false,
            nodes_limit: 50_000_000,
        },
    )
    .map_err(|e| ImportError::PdfTool(format!("pdftocairo: {e}")))?;
    let pages: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.has_tag_name("page"))
        .collect();
    let roots = if pages.is_empty() {
        vec![doc.root_element()]
    } else {
        pages
    };
    Ok(roots.into_iter().map(page_rules).collect())
}

fn page_rules(page: roxmltree::Node) -> Vec<Rule> {
    let mut rules = Vec::new();
    for path in page.descendants().filter(|n| n.has_tag_name("path")) {
        if path
            .ancestors()
            .any(|a| a.has_tag_name("defs") || a.has_tag_name("clipPath") || a.has_tag_name("mask"))
        {
            continue;
        }
        let mut m = IDENTITY;
        for a in path.ancestors().collect::<Vec<_>>().into_iter().rev() {
            if let Some(t) = a.attribute("transform") {
                m = compose(&m, &parse_transform(t));
            }
        }
        let style = path.attribute("style").unwrap_or("");
        let stroked =
            style.contains("stroke:rgb") || path.attribute("stroke").is_some_and(|s| s != "none");
        let filled = !style.contains("fill:none") && !stroked;
        let Some(points) = polyline(path.attribute("d").unwrap_or("")) else {
            continue;
        };
        let points: Vec<Vec<(f32, f32)>> = points
            .into_iter()
            .map(|sub| sub.into_iter().map(|(x, y)| apply(&m, x, y)).collect())
            .collect();
        if filled {
            // A border drawn as a thin filled rectangle (Word does this).
            for sub in &points {
                if let Some(rule) = thin_rectangle(sub) {
                    rules.push(rule);
                }
            }
        } else {
            for sub in &points {
                for w in sub.windows(2) {
                    if let Some(rule) = straight(w[0], w[1]) {
                        rules.push(rule);
                    }
                }
            }
        }
    }
    rules
}

/// A segment that is horizontal or vertical, ordered left→right or top→bottom.
fn straight(a: (f32, f32), b: (f32, f32)) -> Option<Rule> {
    let (dx, dy) = ((b.0 - a.0).abs(), (b.1 - a.1).abs());
    if dy < 0.5 && dx > 1.0 {
        let y = (a.1 + b.1) / 2.0;
        Some(Rule {
            x0: a.0.min(b.0),
            y0: y,
            x1: a.0.max(b.0),
            y1: y,
        })
    } else if dx < 0.5 && dy > 1.0 {
        let x = (a.0 + b.0) / 2.0;
        Some(Rule {
            x0: x,
            y0: a.1.min(b.1),
            x1: x,
            y1: a.1.max(b.1),
        })
    } else {
        None
    }
}

fn thin_rectangle(points: &[(f32, f32)]) -> Option<Rule> {
    if points.len() < 4 {
        return None;
    }
    let xs = points.iter().map(|p| p.0);
    let ys = points.iter().map(|p| p.1);
    let (x0, x1) = (
        xs.clone().fold(f32::MAX, f32::min),
        xs.fold(f32::MIN, f32::max),
    );
    let (y0, y1) = (
        ys.clone().fold(f32::MAX, f32::min),
        ys.fold(f32::MIN, f32::max),
    );
    let (w, h) = (x1 - x0, y1 - y0);
    if h <= 2.5 && w > 2.0 {
        let y = (y0 + y1) / 2.0;
        Some(Rule {
            x0,
            y0: y,
            x1,
            y1: y,
        })
    } else if w <= 2.5 && h > 2.0 {
        let x = (x0 + x1) / 2.0;
        Some(Rule {
            x0: x,
            y0,
            x1: x,
            y1,
        })
    } else {
        None
    }
}

/// The subpaths of an SVG path made only of straight moves (M, L, H, V, Z, absolute or
/// relative). `None` if it has curves or arcs: those are not ruling lines.
fn polyline(d: &str) -> Option<Vec<Vec<(f32, f32)>>> {
    let mut subs: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut tokens = Tokens {
        s: d.as_bytes(),
        at: 0,
    };
    let (mut x, mut y) = (0.0f32, 0.0f32);
    let mut start = (0.0, 0.0);
    let mut command = b'M';
    while let Some(tok) = tokens.next_command_or_number() {
        match tok {
            Token::Command(c) => {
                command = c;
                if c == b'Z' || c == b'z' {
                    if let Some(sub) = subs.last_mut() {
                        sub.push(start);
                    }
                    (x, y) = start;
                }
                if !b"MmLlHhVvZz".contains(&c) {
                    return None;
                }
            }
            Token::Number(n) => {
                let relative = command.is_ascii_lowercase();
                match command.to_ascii_uppercase() {
                    b'M' | b'L' => {
                        let m = tokens.number()?;
                        (x, y) = if relative { (x + n, y + m) } else { (n, m) };
                        if command.to_ascii_uppercase() == b'M' {
                            subs.push(vec![(x, y)]);
                            start = (x, y);
                            // Further pairs after a move are lines.
                            command = if relative { b'l' } else { b'L' };
                        } else if let Some(sub) = subs.last_mut() {
                            sub.push((x, y));
                        }
                    }
                    b'H' => {
                        x = if relative { x + n } else { n };
                        subs.last_mut()?.push((x, y));
                    }
                    b'V' => {
                        y = if relative { y + n } else { n };
                        subs.last_mut()?.push((x, y));
                    }
                    _ => return None,
                }
            }
        }
    }
    Some(subs)
}

enum Token {
    Command(u8),
    Number(f32),
}

struct Tokens<'a> {
    s: &'a [u8],
    at: usize,
}

impl Tokens<'_> {
    fn skip_separators(&mut self) {
        while self.at < self.s.len()
            && matches!(self.s[self.at], b' ' | b',' | b'\n' | b'\t' | b'\r')
        {
            self.at += 1;
        }
    }
    fn next_command_or_number(&mut self) -> Option<Token> {
        self.skip_separators();
        let c = *self.s.get(self.at)?;
        if c.is_ascii_alphabetic() && c != b'e' && c != b'E' {
            self.at += 1;
            return Some(Token::Command(c));
        }
        self.number().map(Token::Number)
    }
    fn number(&mut self) -> Option<f32> {
        self.skip_separators();
        let start = self.at;
        while self.at < self.s.len()
            && (self.s[self.at].is_ascii_digit()
                || matches!(self.s[self.at], b'.' | b'-' | b'+' | b'e' | b'E'))
        {
            self.at += 1;
        }
        std::str::from_utf8(&self.s[start..self.at])
            .ok()?
            .parse()
            .ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_pieces_keep_weight_and_leave_links_out() {
        let xml = r##"<?xml version="1.0"?><!DOCTYPE pdf2xml SYSTEM "pdf2xml.dtd">
<pdf2xml><page number="1" top="0" left="0" height="1684" width="1190">
<fontspec id="0" size="28" family="CAAAAA+LiberationSerif" color="#000000"/>
<fontspec id="1" size="28" family="BAAAAA+LiberationSerif-Bold" color="#000000"/>
<text top="100" left="200" width="400" height="36" font="0"><b>Nhóm 1:</b> 40 xã<a href="x.html#3">[1]</a>[1]</text>
<text top="140" left="200" width="100" height="36" font="1">Đậm</text>
</page></pdf2xml>"##;
        let pages = parse_text(xml).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!((pages[0].width, pages[0].height), (595.0, 842.0));
        let t = &pages[0].texts;
        assert_eq!(t.len(), 3);
        assert_eq!((t[0].text.as_str(), t[0].bold), ("Nhóm 1:", true));
        assert_eq!((t[1].text.as_str(), t[1].bold), (" 40 xã[1]", false));
        assert_eq!((t[0].top, t[0].left, t[0].size), (50.0, 100.0, 28));
        // The width is shared in proportion to the characters.
        assert!((t[0].width + t[1].width - 200.0).abs() < 0.01);
        assert!(t[2].bold, "a bold font's name makes its text bold");
    }

    #[test]
    fn rules_are_straight_segments_in_page_space() {
        let svg = r#"<svg xmlns="http://www.w3.org/2000/svg"><defs><g id="glyph"><path d="M 0 0 L 5 0 L 5 5 Z"/></g></defs>
<pageSet><page><g id="surface1">
<path style="fill:none;stroke-width:0.5;stroke:rgb(0%,0%,0%);" d="M 56 462 L 799 462 " transform="matrix(1,0,0,-1,0,595)"/>
<path style="fill:none;stroke:rgb(0%,0%,0%);" d="M 10 10 C 20 20 30 30 40 40"/>
<path style="stroke:none;" d="M 100 100 L 300 100 L 300 101 L 100 101 Z"/>
</g></page><page><path style="fill:none;stroke:rgb(0%,0%,0%);" d="M 50 20 V 120"/></page></pageSet></svg>"#;
        let pages = parse_rules(svg).unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(
            pages[0],
            vec![
                Rule {
                    x0: 56.0,
                    y0: 133.0,
                    x1: 799.0,
                    y1: 133.0
                },
                Rule {
                    x0: 100.0,
                    y0: 100.5,
                    x1: 300.0,
                    y1: 100.5
                },
            ]
        );
        assert_eq!(
            pages[1],
            vec![Rule {
                x0: 50.0,
                y0: 20.0,
                x1: 50.0,
                y1: 120.0
            }]
        );
    }
}
