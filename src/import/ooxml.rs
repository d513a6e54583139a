//! `word/document.xml` (with its styles, numbering, theme, sections and headers) →
//! [`DocFacts`]. Text is read the way it shows: deleted and hidden text and field
//! instructions are left out, field results kept, text boxes read once (from
//! `mc:Choice`, not the VML fallback), `w:br` kept as a line break.

use unicode_normalization::{is_nfc, UnicodeNormalization};

use super::model::*;
use super::numbering::Numbering;
use super::package::Package;
use super::styles::{ParaProps, RunProps, Styles, ThemeFonts};
use super::xml::Element;
use super::ImportError;

/// Reads the package into facts.
pub fn read(pkg: &mut Package) -> Result<DocFacts, ImportError> {
    let main = pkg.main_part()?;
    let rels = pkg.relationships(&main)?;
    let target = |kind: &str| {
        rels.iter()
            .find(|r| r.kind == kind && !r.external)
            .map(|r| r.target.clone())
    };
    let theme = match target("theme") {
        Some(t) => pkg
            .xml(&t)?
            .map(|t| ThemeFonts::read(&t))
            .unwrap_or_default(),
        None => ThemeFonts::default(),
    };
    let styles_root = match target("styles") {
        Some(t) => pkg.xml(&t)?,
        None => None,
    };
    let numbering_root = match target("numbering") {
        Some(t) => pkg.xml(&t)?,
        None => None,
    };
    let styles = Styles::read(styles_root.as_ref(), &theme);
    let document = pkg
        .xml(&main)?
        .ok_or_else(|| ImportError::NotDocx("the package has no Word document part".into()))?;
    let body = document
        .child("body")
        .ok_or_else(|| ImportError::NotDocx("the document part has no body".into()))?;
    let tracked_changes = count_changes(body);
    let mut walker = Walker {
        facts: DocFacts {
            lang: styles.lang.clone(),
            ..DocFacts::default()
        },
        styles: &styles,
        numbering: Numbering::read(numbering_root.as_ref()),
        theme: &theme,
        sect_props: Vec::new(),
        in_text_box: false,
        auto_notes: 0,
    };
    let blocks = walker.container(body, None)?;
    walker.facts.blocks = blocks;
    let Walker {
        mut facts,
        sect_props,
        ..
    } = walker;
    facts.tracked_changes = tracked_changes;
    facts.sections = sections(pkg, &rels, &sect_props, &styles, &theme)?;
    if let Some(t) = target("footnotes") {
        if let Some(notes) = pkg.xml(&t)? {
            facts.footnotes = footnotes(&notes);
        }
    }
    facts.title = pkg
        .xml("docProps/core.xml")?
        .and_then(|core| core.find("title").map(|t| t.text().trim().to_owned()))
        .filter(|t| !t.is_empty());
    Ok(facts)
}

/// The notes of `word/footnotes.xml` (not the separators), each with the mark it
/// prints: a custom mark typed as its first run ("[1]"), else Word's running number.
fn footnotes(root: &Element) -> Vec<FootnoteFacts> {
    let mut out = Vec::new();
    // Word numbers only the notes without a custom mark.
    let mut numbered = 0;
    for note in root.children_named("footnote") {
        if note.attr("type").is_some_and(|t| t != "normal") {
            continue;
        }
        let mut runs: Vec<RunFacts> = Vec::new();
        let mut auto_mark = false;
        for (k, para) in note.children_named("p").enumerate() {
            if k > 0 {
                runs.push(RunFacts {
                    text: " ".into(),
                    ..RunFacts::default()
                });
            }
            for run in para.children_named("r") {
                let props = run.child("rPr");
                let on = |name: &str| {
                    props
                        .and_then(|p| p.child(name))
                        .is_some_and(Element::is_on)
                };
                if run.child("footnoteRef").is_some() {
                    auto_mark = true;
                }
                let text: String = run
                    .elements()
                    .map(|e| match e.name.as_str() {
                        "t" => e.text(),
                        "tab" | "br" => " ".into(),
                        _ => String::new(),
                    })
                    .collect();
                if !text.is_empty() {
                    runs.push(RunFacts {
                        text: text.nfc().collect(),
                        bold: on("b"),
                        italic: on("i"),
                        ..RunFacts::default()
                    });
                }
            }
        }
        let mark = if auto_mark {
            numbered += 1;
            numbered.to_string()
        } else {
            match runs.first() {
                Some(first)
                    if !first.text.trim().is_empty() && !first.text.trim().contains(' ') =>
                {
                    let mark = first.text.trim().to_owned();
                    runs.remove(0);
                    mark
                }
                _ => {
                    numbered += 1;
                    numbered.to_string()
                }
            }
        };
        if let Some(first) = runs.first_mut() {
            first.text = first.text.trim_start().to_owned();
        }
        runs.retain(|r| !r.text.is_empty());
        out.push(FootnoteFacts { mark, runs });
    }
    out
}

struct Walker<'a> {
    facts: DocFacts,
    styles: &'a Styles,
    numbering: Numbering,
    theme: &'a ThemeFonts,
    /// Each section's `sectPr` with the index of its first paragraph.
    sect_props: Vec<(Element, usize)>,
    in_text_box: bool,
    /// Footnote references numbered by Word so far.
    auto_notes: usize,
}

/// Field state across runs: outside, in the instruction, or in the shown result.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    Outside,
    Instruction,
    Result,
}

impl Walker<'_> {
    /// Block-level content of the body, a cell or a text box.
    fn container(
        &mut self,
        el: &Element,
        cell: Option<CellPos>,
    ) -> Result<Vec<BlockRef>, ImportError> {
        let mut out = Vec::new();
        for child in el.elements() {
            match child.name.as_str() {
                "p" => {
                    let i = self.paragraph(child, cell)?;
                    out.push(BlockRef::Para(i));
                    // A text box's paragraphs are read where it is anchored: a header
                    // typed in two text boxes is still the header.
                    if !self.in_text_box {
                        let boxed = (i + 1..self.facts.paragraphs.len())
                            .filter(|&j| {
                                let q = &self.facts.paragraphs[j];
                                q.in_text_box && q.cell.is_none()
                            })
                            .map(BlockRef::Para);
                        out.extend(boxed);
                    }
                }
                "tbl" => {
                    let t = self.table(child, cell)?;
                    out.push(BlockRef::Table(t));
                }
                "sdt" => {
                    if let Some(content) = child.child("sdtContent") {
                        out.extend(self.container(content, cell)?);
                    }
                }
                "customXml" | "ins" | "moveTo" => out.extend(self.container(child, cell)?),
                "sectPr" if cell.is_none() && !self.in_text_box => {
                    let start = self.current_section_first();
                    self.sect_props.push((child.clone(), start));
                }
                _ => {}
            }
        }
        Ok(out)
    }

    /// First paragraph of the section being read.
    fn current_section_first(&self) -> usize {
        self.facts
            .paragraphs
            .iter()
            .rposition(|p| p.ends_section)
            .map_or(0, |i| i + 1)
    }

    fn paragraph(&mut self, p: &Element, cell: Option<CellPos>) -> Result<usize, ImportError> {
        let direct = p.child("pPr").map(ParaProps::read).unwrap_or_default();
        let props = self.styles.resolve_para(&direct);
        let label = match &props.num {
            Some((id, lvl)) if id != "0" => self.numbering.next_label(id, *lvl),
            _ => None,
        };
        let label_look = match &props.num {
            Some((id, lvl)) if label.is_some() => self.numbering.label_look(id, *lvl),
            _ => (None, None),
        };
        let mut runs: Vec<RunFacts> = Vec::new();
        let mut boxes: Vec<Element> = Vec::new();
        let mut field = Field::Outside;
        self.inline(p, &props, &mut runs, &mut boxes, &mut field);
        let index = self.facts.paragraphs.len();
        let mut stored_nfc = true;
        for r in &mut runs {
            if !is_nfc(&r.text) {
                stored_nfc = false;
                r.text = r.text.nfc().collect();
            }
        }
        if !stored_nfc {
            self.facts.non_nfc.push(index);
        }
        let sect = p.child("pPr").and_then(|ppr| ppr.child("sectPr"));
        let section = self.sect_props.len();
        self.facts.paragraphs.push(Para {
            index,
            label,
            label_look,
            runs,
            style: props.style.clone(),
            align: match props.align.as_deref() {
                Some("center") => Align::Center,
                Some("right" | "end") => Align::Right,
                Some("both" | "distribute" | "justify" | "justified") => Align::Justify,
                _ => Align::Left,
            },
            first_line: props.first_line.unwrap_or(0),
            left: props.left.unwrap_or(0),
            before: props.before.unwrap_or(0),
            after: props.after.unwrap_or(0),
            line: props.line.clone(),
            section,
            cell,
            border_bottom: props.border_bottom.unwrap_or(false),
            page_break_before: props.page_break_before.unwrap_or(false),
            ends_section: false,
            in_text_box: self.in_text_box,
        });
        if let (Some(sect), None, false) = (sect, cell, self.in_text_box) {
            let start = self.current_section_first();
            self.facts.paragraphs[index].ends_section = true;
            self.sect_props.push((sect.clone(), start));
        }
        // Text boxes follow their anchor paragraph.
        let was = self.in_text_box;
        self.in_text_box = true;
        for b in &boxes {
            self.container(b, cell)?;
        }
        self.in_text_box = was;
        Ok(index)
    }

    fn inline(
        &mut self,
        el: &Element,
        props: &ParaProps,
        runs: &mut Vec<RunFacts>,
        boxes: &mut Vec<Element>,
        field: &mut Field,
    ) {
        for child in el.elements() {
            match child.name.as_str() {
                "r" => self.run(child, props, runs, boxes, field),
                "hyperlink" | "ins" | "moveTo" | "smartTag" | "customXml" | "fldSimple" | "bdo"
                | "dir" => self.inline(child, props, runs, boxes, field),
                "sdt" => {
                    if let Some(c) = child.child("sdtContent") {
                        self.inline(c, props, runs, boxes, field);
                    }
                }
                "AlternateContent" => {
                    if let Some(choice) = child.child("Choice") {
                        self.inline(choice, props, runs, boxes, field);
                    }
                }
                _ => {}
            }
        }
    }

    fn run(
        &mut self,
        r: &Element,
        props: &ParaProps,
        runs: &mut Vec<RunFacts>,
        boxes: &mut Vec<Element>,
        field: &mut Field,
    ) {
        let rpr = r.child("rPr");
        let direct = rpr
            .map(|e| RunProps::read(e, self.theme))
            .unwrap_or_default();
        let char_style = rpr.and_then(|e| e.child("rStyle")).and_then(|s| s.val());
        let resolved = self.styles.resolve_run(props, char_style, &direct);
        let mut text = String::new();
        for c in r.elements() {
            match c.name.as_str() {
                "fldChar" => {
                    *field = match c.attr("fldCharType") {
                        Some("begin") => Field::Instruction,
                        Some("separate") => Field::Result,
                        Some("end") => Field::Outside,
                        _ => *field,
                    }
                }
                _ if *field == Field::Instruction => {}
                "t" => text.push_str(&c.text()),
                "tab" | "ptab" => text.push('\t'),
                "br" | "cr" if !matches!(c.attr("type"), Some("page" | "column")) => {
                    text.push('\n')
                }
                "noBreakHyphen" => text.push('\u{2011}'),
                // Word prints an automatic footnote number where the reference is (a
                // custom mark follows as text instead).
                "footnoteReference" if c.attr("customMarkFollows").is_none_or(|v| v == "0") => {
                    self.auto_notes += 1;
                    text.push_str(&self.auto_notes.to_string());
                }
                "drawing" | "pict" | "AlternateContent" | "object" => collect_boxes(c, boxes),
                _ => {}
            }
        }
        if resolved.vanish == Some(true) || text.is_empty() {
            return;
        }
        let [a, h, e, cs] = &resolved.fonts;
        let facts = RunFacts {
            text,
            size: resolved.size.unwrap_or(20),
            bold: resolved.bold.unwrap_or(false),
            italic: resolved.italic.unwrap_or(false),
            caps: resolved.caps.unwrap_or(false),
            underline: resolved.underline.unwrap_or(false),
            fonts: [a, h, e, cs].map(|f| f.clone().unwrap_or_default()),
            color: resolved.color.clone(),
        };
        match runs.last_mut() {
            Some(last) if same_look(last, &facts) => last.text.push_str(&facts.text),
            _ => runs.push(facts),
        }
    }

    fn table(&mut self, tbl: &Element, parent: Option<CellPos>) -> Result<usize, ImportError> {
        let index = self.facts.tables.len();
        let tbl_pr = tbl.child("tblPr");
        let direct_borders = tbl_pr.and_then(|p| p.child("tblBorders")).map(|b| {
            b.elements()
                .any(|e| !matches!(e.val(), Some("nil" | "none") | None))
        });
        let style = tbl_pr
            .and_then(|p| p.child("tblStyle"))
            .and_then(|s| s.val());
        let borders = direct_borders
            .or_else(|| style.map(|s| self.styles.table_has_borders(s)))
            .unwrap_or(false);
        self.facts.tables.push(Table {
            rows: Vec::new(),
            grid: tbl
                .child("tblGrid")
                .map(|g| {
                    g.children_named("gridCol")
                        .map(|c| c.attr("w").and_then(|w| w.parse().ok()).unwrap_or(0))
                        .collect()
                })
                .unwrap_or_default(),
            borders,
            parent,
            section: self.sect_props.len(),
        });
        let mut rows = Vec::new();
        for (r, tr) in tbl.children_named("tr").enumerate() {
            let tr_pr = tr.child("trPr");
            let mut col = tr_pr
                .and_then(|p| p.child("gridBefore"))
                .and_then(|g| g.val())
                .and_then(|v| v.parse().ok())
                .unwrap_or(0usize);
            let mut row = Row {
                cells: Vec::new(),
                header: tr_pr
                    .and_then(|p| p.child("tblHeader"))
                    .is_some_and(Element::is_on),
                cant_split: tr_pr
                    .and_then(|p| p.child("cantSplit"))
                    .is_some_and(Element::is_on),
            };
            for tc in row_cells(tr) {
                let tc_pr = tc.child("tcPr");
                let span = tc_pr
                    .and_then(|p| p.child("gridSpan"))
                    .and_then(|g| g.val())
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(1usize)
                    .clamp(1, 64);
                let vmerge = match tc_pr.and_then(|p| p.child("vMerge")) {
                    None => VMerge::None,
                    Some(v) if v.val() == Some("restart") => VMerge::Restart,
                    Some(_) => VMerge::Continue,
                };
                let pos = CellPos {
                    table: index,
                    row: r,
                    col,
                };
                let content = self.container(tc, Some(pos))?;
                row.cells.push(Cell {
                    paras: content
                        .iter()
                        .filter_map(|b| match b {
                            BlockRef::Para(p) => Some(*p),
                            BlockRef::Table(_) => None,
                        })
                        .collect(),
                    tables: content
                        .iter()
                        .filter_map(|b| match b {
                            BlockRef::Table(t) => Some(*t),
                            BlockRef::Para(_) => None,
                        })
                        .collect(),
                    col,
                    span,
                    vmerge,
                });
                col += span;
            }
            rows.push(row);
        }
        self.facts.tables[index].rows = rows;
        Ok(index)
    }
}

/// The cells of a row, looking through content controls and custom XML.
fn row_cells(tr: &Element) -> Vec<&Element> {
    let mut out = Vec::new();
    for c in tr.elements() {
        match c.name.as_str() {
            "tc" => out.push(c),
            "sdt" => {
                if let Some(content) = c.child("sdtContent") {
                    out.extend(row_cells(content));
                }
            }
            "customXml" => out.extend(row_cells(c)),
            _ => {}
        }
    }
    out
}

fn same_look(a: &RunFacts, b: &RunFacts) -> bool {
    a.size == b.size
        && a.bold == b.bold
        && a.italic == b.italic
        && a.caps == b.caps
        && a.underline == b.underline
        && a.fonts == b.fonts
        && a.color == b.color
}

/// Text-box contents inside a drawing, skipping `mc:Fallback` (the VML copy of the same box).
fn collect_boxes(el: &Element, out: &mut Vec<Element>) {
    for c in el.elements() {
        match c.name.as_str() {
            "Fallback" => {}
            "txbxContent" => out.push(c.clone()),
            _ => collect_boxes(c, out),
        }
    }
}

fn twips(e: Option<&Element>, attr: &str) -> i32 {
    e.and_then(|e| e.attr(attr))
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(0, |v| v as i32)
}

/// Sections with their page set-up and header facts; a section without its own header
/// reference of a type takes the previous section's (§17.10.5).
fn sections(
    pkg: &mut Package,
    rels: &[super::package::Relationship],
    sect_props: &[(Element, usize)],
    styles: &Styles,
    theme: &ThemeFonts,
) -> Result<Vec<Section>, ImportError> {
    let mut out: Vec<Section> = Vec::new();
    let mut header_cache: Vec<(String, HeaderFacts)> = Vec::new();
    for (sect, first) in sect_props {
        let size = sect.child("pgSz");
        let mar = sect.child("pgMar");
        let (width, height) = (twips(size, "w"), twips(size, "h"));
        let prev = out.last();
        let mut s = Section {
            width,
            height,
            landscape: size.and_then(|s| s.attr("orient")) == Some("landscape") || width > height,
            top: twips(mar, "top").abs(),
            bottom: twips(mar, "bottom").abs(),
            left: twips(mar, "left"),
            right: twips(mar, "right"),
            title_pg: sect.child("titlePg").is_some_and(Element::is_on),
            page_start: sect
                .child("pgNumType")
                .and_then(|p| p.attr("start"))
                .and_then(|v| v.parse().ok()),
            page_format: sect
                .child("pgNumType")
                .and_then(|p| p.attr("fmt"))
                .map(str::to_owned),
            break_kind: sect.child("type").and_then(|t| t.val()).map(str::to_owned),
            headers: prev.map(|p| p.headers.clone()).unwrap_or_default(),
            footers: prev.map(|p| p.footers.clone()).unwrap_or_default(),
            first_para: *first,
        };
        for (tag, footer) in [("headerReference", false), ("footerReference", true)] {
            for reference in sect.children_named(tag) {
                let Some(id) = reference.attr("id") else {
                    continue;
                };
                let Some(rel) = rels.iter().find(|r| r.id == id && !r.external) else {
                    continue;
                };
                let facts = match header_cache.iter().find(|(p, _)| *p == rel.target) {
                    Some((_, f)) => f.clone(),
                    None => {
                        let f = match pkg.xml(&rel.target)? {
                            Some(root) => header_facts(&rel.target, &root, styles, theme),
                            None => HeaderFacts {
                                part: rel.target.clone(),
                                ..HeaderFacts::default()
                            },
                        };
                        header_cache.push((rel.target.clone(), f.clone()));
                        f
                    }
                };
                let set = if footer {
                    &mut s.footers
                } else {
                    &mut s.headers
                };
                match reference.attr("type").unwrap_or("default") {
                    "first" => set.first = Some(facts),
                    "even" => set.even = Some(facts),
                    _ => set.default = Some(facts),
                }
            }
        }
        out.push(s);
    }
    if out.is_empty() {
        // A document without any sectPr: Word uses its defaults (Letter in the US build).
        out.push(Section::default());
    }
    Ok(out)
}

fn is_page_instruction(instr: &str) -> bool {
    instr.split_whitespace().next() == Some("PAGE")
}

/// Text and PAGE field of a header or footer part.
fn header_facts(part: &str, root: &Element, styles: &Styles, theme: &ThemeFonts) -> HeaderFacts {
    let mut facts = HeaderFacts {
        part: part.to_owned(),
        ..HeaderFacts::default()
    };
    let mut paragraphs = Vec::new();
    collect_named(root, "p", &mut paragraphs);
    for p in paragraphs {
        let direct = p.child("pPr").map(ParaProps::read).unwrap_or_default();
        let props = styles.resolve_para(&direct);
        let align = match props.align.as_deref() {
            Some("center") => Align::Center,
            Some("right" | "end") => Align::Right,
            Some("both") => Align::Justify,
            _ => Align::Left,
        };
        let mut texts = Vec::new();
        collect_named(p, "t", &mut texts);
        facts
            .text
            .push_str(&texts.iter().map(|t| t.text()).collect::<String>());
        if facts.page_field.is_some() {
            continue;
        }
        // The run that shows the field: fldSimple's child run, or the run after `separate`.
        let mut found: Option<&Element> = None;
        let mut simple = Vec::new();
        collect_named(p, "fldSimple", &mut simple);
        for f in simple {
            if f.attr("instr").is_some_and(is_page_instruction) {
                found = f.find("r").or(Some(f));
            }
        }
        let mut instr = Vec::new();
        collect_named(p, "instrText", &mut instr);
        if found.is_none() && instr.iter().any(|i| is_page_instruction(i.text().trim())) {
            let mut runs = Vec::new();
            collect_named(p, "r", &mut runs);
            found = runs.into_iter().find(|r| {
                r.child("instrText")
                    .is_some_and(|i| is_page_instruction(i.text().trim()))
            });
        }
        if let Some(run) = found {
            let direct = run
                .child("rPr")
                .map(|r| RunProps::read(r, theme))
                .unwrap_or_default();
            let char_style = run
                .child("rPr")
                .and_then(|r| r.child("rStyle"))
                .and_then(|s| s.val());
            let r = styles.resolve_run(&props, char_style, &direct);
            let mut tabs = Vec::new();
            collect_named(p, "tab", &mut tabs);
            let centre_tab = tabs.iter().any(|t| t.val() == Some("center"))
                || p.find("ptab")
                    .is_some_and(|t| t.attr("alignment") == Some("center"));
            facts.page_field = Some(PageField {
                align,
                centre_tab,
                size: r.size.unwrap_or(20),
                bold: r.bold.unwrap_or(false),
                italic: r.italic.unwrap_or(false),
            });
        }
    }
    facts
}

fn collect_named<'a>(el: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
    for c in el.elements() {
        if c.name == "Fallback" {
            continue;
        }
        if c.name == name {
            out.push(c);
        } else {
            collect_named(c, name, out);
        }
    }
}

/// Unaccepted revisions in the body: insertions, deletions, moves and formatting
/// changes. The text is read as it prints with all of them accepted (`w:ins` and
/// `w:moveTo` kept, `w:del` and `w:moveFrom` left out).
fn count_changes(el: &Element) -> usize {
    el.elements()
        .map(|c| {
            let own = usize::from(matches!(
                c.name.as_str(),
                "ins" | "del" | "moveFrom" | "moveTo" | "rPrChange" | "pPrChange"
            ));
            own + count_changes(c)
        })
        .sum()
}
