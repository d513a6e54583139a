//! Ruling lines from `pdftocairo -svg`: the straight strokes and thin filled rectangles
//! of each page (table borders, rules under headings, the footnote separator), in points
//! from the page's top left corner. Glyph outlines and curves are not rules.

use super::super::ImportError;
use super::poppler::Rule;

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
    if dy < 0.5 && dx > 3.0 {
        let y = (a.1 + b.1) / 2.0;
        Some(Rule {
            x0: a.0.min(b.0),
            y0: y,
            x1: a.0.max(b.0),
            y1: y,
        })
    } else if dx < 0.5 && dy > 3.0 {
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
                        if command.eq_ignore_ascii_case(&b'M') {
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
