//! Property resolution: document defaults → paragraph style chain → character style
//! chain → direct formatting, each attribute on its own (ECMA-376 §17.7.2).
//!
//! Simplifications, on purpose: toggles (bold, italic, caps) take the nearest layer's
//! value instead of XOR-ing style layers (the two word processors disagree there
//! anyway), and table styles are not applied (plans set their look on paragraphs).

use std::collections::HashMap;

use super::xml::Element;

/// Run properties as optional layers.
#[derive(Debug, Clone, Default)]
pub(crate) struct RunProps {
    pub size: Option<u32>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub caps: Option<bool>,
    pub vanish: Option<bool>,
    pub underline: Option<bool>,
    pub fonts: [Option<String>; 4],
    pub color: Option<String>,
}

/// Paragraph properties as optional layers.
#[derive(Debug, Clone, Default)]
pub(crate) struct ParaProps {
    pub style: Option<String>,
    pub align: Option<String>,
    pub first_line: Option<i32>,
    pub left: Option<i32>,
    pub before: Option<i32>,
    pub after: Option<i32>,
    pub line: Option<(i32, String)>,
    pub border_bottom: Option<bool>,
    pub page_break_before: Option<bool>,
    pub num: Option<(String, usize)>,
}

fn int(e: &Element, attr: &str) -> Option<i32> {
    e.attr(attr)?.trim().parse::<f64>().ok().map(|v| v as i32)
}

impl RunProps {
    /// Reads `w:rPr`, resolving theme fonts with `theme`.
    pub fn read(rpr: &Element, theme: &ThemeFonts) -> RunProps {
        let mut p = RunProps::default();
        for e in rpr.elements() {
            match e.name.as_str() {
                "sz" => {
                    p.size = e
                        .val()
                        .and_then(|v| v.parse::<f64>().ok())
                        .map(|v| v as u32)
                }
                "b" => p.bold = Some(e.is_on()),
                "i" => p.italic = Some(e.is_on()),
                "caps" => p.caps = Some(e.is_on()),
                "vanish" => p.vanish = Some(e.is_on()),
                "u" => p.underline = Some(e.is_on()),
                "color" => p.color = e.val().map(str::to_owned),
                "rFonts" => {
                    for (slot, (name, themed)) in [
                        ("ascii", "asciiTheme"),
                        ("hAnsi", "hAnsiTheme"),
                        ("eastAsia", "eastAsiaTheme"),
                        ("cs", "cstheme"),
                    ]
                    .iter()
                    .enumerate()
                    {
                        // A theme reference wins over the literal name (§17.3.2.26).
                        let font = e
                            .attr(themed)
                            .and_then(|t| theme.resolve(t))
                            .or_else(|| e.attr(name).map(str::to_owned));
                        if font.is_some() {
                            p.fonts[slot] = font;
                        }
                    }
                }
                _ => {}
            }
        }
        p
    }

    /// Lays `over` on top of `self`.
    pub fn apply(&mut self, over: &RunProps) {
        macro_rules! take {
            ($($f:ident),*) => {$( if over.$f.is_some() { self.$f = over.$f.clone(); } )*};
        }
        take!(size, bold, italic, caps, vanish, underline, color);
        for (mine, theirs) in self.fonts.iter_mut().zip(&over.fonts) {
            if theirs.is_some() {
                mine.clone_from(theirs);
            }
        }
    }
}

impl ParaProps {
    pub fn read(ppr: &Element) -> ParaProps {
        let mut p = ParaProps::default();
        for e in ppr.elements() {
            match e.name.as_str() {
                "pStyle" => p.style = e.val().map(str::to_owned),
                "jc" => p.align = e.val().map(str::to_owned),
                "ind" => {
                    p.left = int(e, "left").or_else(|| int(e, "start")).or(p.left);
                    if let Some(h) = int(e, "hanging") {
                        p.first_line = Some(-h);
                    } else if let Some(f) = int(e, "firstLine") {
                        p.first_line = Some(f);
                    }
                }
                "spacing" => {
                    p.before = int(e, "before").or(p.before);
                    p.after = int(e, "after").or(p.after);
                    if let Some(line) = int(e, "line") {
                        let rule = e.attr("lineRule").unwrap_or("auto").to_owned();
                        p.line = Some((line, rule));
                    }
                }
                "pBdr" => {
                    p.border_bottom = Some(
                        e.child("bottom")
                            .is_some_and(|b| !matches!(b.val(), Some("nil" | "none"))),
                    )
                }
                "pageBreakBefore" => p.page_break_before = Some(e.is_on()),
                "numPr" => {
                    let id = e.child("numId").and_then(|n| n.val()).map(str::to_owned);
                    let lvl = e
                        .child("ilvl")
                        .and_then(|n| n.val())
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    // numId 0 removes numbering that a style gave.
                    p.num = id.map(|id| (id, lvl));
                }
                _ => {}
            }
        }
        p
    }

    pub fn apply(&mut self, over: &ParaProps) {
        macro_rules! take {
            ($($f:ident),*) => {$( if over.$f.is_some() { self.$f = over.$f.clone(); } )*};
        }
        take!(
            style,
            align,
            first_line,
            left,
            before,
            after,
            line,
            border_bottom,
            page_break_before,
            num
        );
    }
}

/// The fonts a theme names for major (headings) and minor (body) text.
#[derive(Debug, Clone, Default)]
pub(crate) struct ThemeFonts {
    pub major: Option<String>,
    pub minor: Option<String>,
}

impl ThemeFonts {
    pub fn read(theme: &Element) -> ThemeFonts {
        let latin = |scheme: &str| {
            theme
                .find(scheme)
                .and_then(|f| f.child("latin"))
                .and_then(|l| l.attr("typeface"))
                .map(str::to_owned)
        };
        ThemeFonts {
            major: latin("majorFont"),
            minor: latin("minorFont"),
        }
    }

    fn resolve(&self, reference: &str) -> Option<String> {
        if reference.starts_with("major") {
            self.major.clone()
        } else {
            self.minor.clone()
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Style {
    based_on: Option<String>,
    run: RunProps,
    para: ParaProps,
}

/// The styles part, ready to resolve properties.
#[derive(Debug, Clone, Default)]
pub(crate) struct Styles {
    default_run: RunProps,
    default_para: ParaProps,
    default_para_style: Option<String>,
    default_char_style: Option<String>,
    styles: HashMap<String, Style>,
    /// Table styles that draw a grid (`TableGrid` and the like).
    grid_tables: Vec<String>,
    pub lang: Option<String>,
}

/// Longest style chain followed; a loop in `basedOn` stops here instead of spinning.
const MAX_CHAIN: usize = 32;

impl Styles {
    pub fn read(root: Option<&Element>, theme: &ThemeFonts) -> Styles {
        let mut s = Styles::default();
        let Some(root) = root else { return s };
        if let Some(defaults) = root.child("docDefaults") {
            if let Some(rpr) = defaults.child("rPrDefault").and_then(|d| d.child("rPr")) {
                s.default_run = RunProps::read(rpr, theme);
                s.lang = rpr.child("lang").and_then(|l| l.val()).map(str::to_owned);
            }
            if let Some(ppr) = defaults.child("pPrDefault").and_then(|d| d.child("pPr")) {
                s.default_para = ParaProps::read(ppr);
            }
        }
        for st in root.children_named("style") {
            let Some(id) = st.attr("styleId") else {
                continue;
            };
            let kind = st.attr("type").unwrap_or("paragraph");
            let is_default = st.attr("default").is_some_and(|v| v == "1" || v == "true");
            if is_default && kind == "paragraph" {
                s.default_para_style = Some(id.to_owned());
                if s.lang.is_none() {
                    s.lang = st
                        .child("rPr")
                        .and_then(|r| r.child("lang"))
                        .and_then(|l| l.val())
                        .map(str::to_owned);
                }
            }
            if is_default && kind == "character" {
                s.default_char_style = Some(id.to_owned());
            }
            if kind == "table" {
                let visible = st
                    .child("tblPr")
                    .and_then(|p| p.child("tblBorders"))
                    .is_some_and(|b| {
                        b.elements()
                            .any(|e| !matches!(e.val(), Some("nil" | "none") | None))
                    });
                if visible {
                    s.grid_tables.push(id.to_owned());
                }
            }
            s.styles.insert(
                id.to_owned(),
                Style {
                    based_on: st.child("basedOn").and_then(|b| b.val()).map(str::to_owned),
                    run: st
                        .child("rPr")
                        .map(|r| RunProps::read(r, theme))
                        .unwrap_or_default(),
                    para: st.child("pPr").map(ParaProps::read).unwrap_or_default(),
                },
            );
        }
        s
    }

    /// Whether a table style (or one it is based on) draws a grid.
    pub(crate) fn table_has_borders(&self, id: &str) -> bool {
        let mut next = Some(id.to_owned());
        for _ in 0..MAX_CHAIN {
            let Some(id) = next else { break };
            if self.grid_tables.contains(&id) {
                return true;
            }
            next = self.styles.get(&id).and_then(|s| s.based_on.clone());
        }
        false
    }

    /// The chain of a style, root first.
    fn chain(&self, id: Option<&str>) -> Vec<&Style> {
        let mut out = Vec::new();
        let mut next = id.map(str::to_owned);
        while let Some(id) = next {
            if out.len() >= MAX_CHAIN {
                break;
            }
            let Some(st) = self.styles.get(&id) else {
                break;
            };
            out.push(st);
            next = st.based_on.clone();
        }
        out.reverse();
        out
    }

    fn para_style_id<'a>(&'a self, direct: &'a ParaProps) -> Option<&'a str> {
        direct
            .style
            .as_deref()
            .or(self.default_para_style.as_deref())
    }

    pub(crate) fn resolve_para(&self, direct: &ParaProps) -> ParaProps {
        let mut p = self.default_para.clone();
        for st in self.chain(self.para_style_id(direct)) {
            p.apply(&st.para);
        }
        p.apply(direct);
        p
    }

    pub(crate) fn resolve_run(
        &self,
        para: &ParaProps,
        char_style: Option<&str>,
        direct: &RunProps,
    ) -> RunProps {
        let mut r = self.default_run.clone();
        for st in self.chain(self.para_style_id(para)) {
            r.apply(&st.run);
        }
        for st in self.chain(char_style.or(self.default_char_style.as_deref())) {
            r.apply(&st.run);
        }
        r.apply(direct);
        r
    }
}
