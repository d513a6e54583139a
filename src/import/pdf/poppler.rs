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
        for (page, rules) in pages[first..=last]
            .iter_mut()
            .zip(super::svg::parse_rules(&svg)?)
        {
            page.rules = rules;
        }
        first = last + 1;
    }
    Ok(pages)
}

/// Runs a poppler tool with its standard output in `out`, within [`TIME_LIMIT`].
fn run(command: &mut Command, out: &Path) -> Result<(), ImportError> {
    let program = command.get_program().to_string_lossy().into_owned();
    let io = |e: std::io::Error| ImportError::PdfTool(format!("{program}: {e}"));
    let file = std::fs::File::create(out).map_err(io)?;
    // Its messages go to a file: a pipe nobody reads while waiting could fill and block.
    let log_path = out.with_extension("log");
    let log = std::fs::File::create(&log_path).map_err(io)?;
    let mut child = command
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(log)
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => ImportError::PopplerMissing(program.clone()),
            _ => io(e),
        })?;
    let started = Instant::now();
    loop {
        match child.try_wait().map_err(io)? {
            Some(status) if status.success() => return Ok(()),
            Some(status) => {
                let why = std::fs::read_to_string(&log_path).unwrap_or_default();
                let locked = ["ncrypt", "assword", "ermission"]
                    .iter()
                    .any(|w| why.contains(w));
                return Err(if locked {
                    ImportError::Encrypted
                } else {
                    ImportError::PdfTool(format!("{program} ({status}): {}", why.trim()))
                });
            }
            None if started.elapsed() > TIME_LIMIT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ImportError::PdfTool(format!(
                    "{program} chạy quá {} giây và đã bị dừng",
                    TIME_LIMIT.as_secs()
                )));
            }
            None => std::thread::sleep(Duration::from_millis(10)),
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
                && whole.len().is_multiple_of(2)
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
}
