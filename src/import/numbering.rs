//! List numbering: Word draws "I.", "1.", "a)" and "-" from `numbering.xml`, so a plan
//! typed with automatic lists has its markers only there. They are computed here, in
//! document order, so that the rest of the importer sees them as text.

use std::collections::HashMap;

use super::xml::Element;

#[derive(Debug, Clone, Default)]
struct Level {
    start: u32,
    format: String,
    text: String,
    /// Bold and italic the level gives its label (`w:rPr` of `w:lvl`), when it says.
    bold: Option<bool>,
    italic: Option<bool>,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, (String, HashMap<usize, u32>)>,
    counters: HashMap<String, [u32; 9]>,
}

impl Numbering {
    pub fn read(root: Option<&Element>) -> Numbering {
        let mut n = Numbering::default();
        let Some(root) = root else { return n };
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); 9];
            for lvl in a.children_named("lvl") {
                let Some(i) = lvl.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i >= 9 {
                    continue;
                }
                let val = |name: &str| lvl.child(name).and_then(|e| e.val()).map(str::to_owned);
                levels[i] = Level {
                    start: val("start").and_then(|v| v.parse().ok()).unwrap_or(1),
                    format: val("numFmt").unwrap_or_else(|| "decimal".into()),
                    text: val("lvlText").unwrap_or_default(),
                    bold: lvl
                        .child("rPr")
                        .and_then(|r| r.child("b"))
                        .map(|b| b.is_on()),
                    italic: lvl
                        .child("rPr")
                        .and_then(|r| r.child("i"))
                        .map(|i| i.is_on()),
                };
            }
            n.abstracts.insert(id.to_owned(), levels);
        }
        for num in root.children_named("num") {
            let Some(id) = num.attr("numId") else {
                continue;
            };
            let Some(abs) = num.child("abstractNumId").and_then(|a| a.val()) else {
                continue;
            };
            let overrides = num
                .children_named("lvlOverride")
                .filter_map(|o| {
                    let lvl = o.attr("ilvl")?.parse().ok()?;
                    let start = o.child("startOverride")?.val()?.parse().ok()?;
                    Some((lvl, start))
                })
                .collect();
            n.nums.insert(id.to_owned(), (abs.to_owned(), overrides));
        }
        n
    }

    /// Bold and italic of the labels of list `num_id` at `level`, where the list sets them.
    pub(crate) fn label_look(&self, num_id: &str, level: usize) -> (Option<bool>, Option<bool>) {
        let lvl = self
            .nums
            .get(num_id)
            .and_then(|(abs, _)| self.abstracts.get(abs))
            .and_then(|levels| levels.get(level.min(8)));
        lvl.map_or((None, None), |l| (l.bold, l.italic))
    }

    /// The next label of list `num_id` at `level`, advancing the counters.
    pub(crate) fn next_label(&mut self, num_id: &str, level: usize) -> Option<String> {
        let (abs, overrides) = self.nums.get(num_id)?;
        let levels = self.abstracts.get(abs)?;
        let level = level.min(8);
        let lvl = levels.get(level)?;
        if lvl.format == "none" {
            return None;
        }
        let start = |i: usize| {
            overrides
                .get(&i)
                .copied()
                .unwrap_or_else(|| levels.get(i).map_or(1, |l| l.start))
        };
        let counters = self.counters.entry(num_id.to_owned()).or_insert([0; 9]);
        counters[level] = if counters[level] == 0 {
            start(level)
        } else {
            counters[level] + 1
        };
        for c in counters.iter_mut().skip(level + 1) {
            *c = 0;
        }
        let mut label = lvl.text.clone();
        let counts = *counters;
        for (i, &count) in counts.iter().enumerate().take(level + 1) {
            let value = if count == 0 { start(i) } else { count };
            let fmt = levels.get(i).map_or("decimal", |l| l.format.as_str());
            let shown = if lvl.format == "bullet" {
                String::new()
            } else {
                format_number(value, fmt)
            };
            label = label.replace(&format!("%{}", i + 1), &shown);
        }
        // A bullet's glyph comes from a symbol font; anything that is not a dash is a dot.
        if lvl.format == "bullet" {
            let dashes = ['-', '–', '—', '−'];
            label = if label.chars().any(|c| dashes.contains(&c)) {
                "-".into()
            } else if label.contains('+') {
                "+".into()
            } else {
                "•".into()
            };
        }
        Some(label)
    }
}

fn format_number(n: u32, fmt: &str) -> String {
    match fmt {
        "upperRoman" => crate::numbering::roman(n as usize),
        "lowerRoman" => crate::numbering::roman(n as usize).to_lowercase(),
        "lowerLetter" => letter(n).to_lowercase(),
        "upperLetter" => letter(n),
        _ => n.to_string(),
    }
}

fn letter(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let i = (n - 1) as usize;
    let c = (b'A' + (i % 26) as u8) as char;
    c.to_string().repeat(i / 26 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_become_the_markers_a_plan_shows() {
        let xml = br#"<w:numbering xmlns:w="w">
          <w:abstractNum w:abstractNumId="0">
            <w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>
            <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
            <w:lvl w:ilvl="2"><w:numFmt w:val="bullet"/><w:lvlText w:val="&#8211;"/></w:lvl>
          </w:abstractNum>
          <w:num w:numId="3"><w:abstractNumId w:val="0"/></w:num>
        </w:numbering>"#;
        let root = super::super::xml::parse(xml).unwrap();
        let mut n = Numbering::read(Some(&root));
        let labels: Vec<String> = [(0, 0), (1, 0), (1, 0), (2, 0), (0, 0), (1, 0)]
            .iter()
            .map(|&(lvl, _)| n.next_label("3", lvl).unwrap())
            .collect();
        assert_eq!(labels, ["I.", "1.", "2.", "-", "II.", "1."]);
        assert_eq!(n.next_label("9", 0), None);
    }
}
