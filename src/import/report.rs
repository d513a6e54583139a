//! What an import could not place. Nothing is dropped silently: each leftover is kept
//! in the plan (`chua_xep`) and listed here with where it was and why.

use std::fmt;

/// One piece of text the importer could not place in the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unplaced {
    /// 1-based paragraph number in the DOCX (0 when the text has no single paragraph).
    pub paragraph: usize,
    pub text: String,
    pub why: String,
}

/// Notes about the import: leftovers, and defaults it had to assume.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub unplaced: Vec<Unplaced>,
    /// Things the importer assumed or filled in (a missing number, a generated name …).
    pub notes: Vec<String>,
}

impl ImportReport {
    pub fn is_clean(&self) -> bool {
        self.unplaced.is_empty() && self.notes.is_empty()
    }

    pub fn unplaced(&mut self, paragraph: usize, text: impl Into<String>, why: impl Into<String>) {
        self.unplaced.push(Unplaced {
            paragraph,
            text: text.into(),
            why: why.into(),
        });
    }

    pub fn note(&mut self, note: impl Into<String>) {
        self.notes.push(note.into());
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for u in &self.unplaced {
            let text = super::text::excerpt(&u.text, 60);
            if u.paragraph > 0 {
                writeln!(
                    f,
                    "chưa xếp được (giữ ở chua_xep): đoạn {}: «{text}» — {}",
                    u.paragraph, u.why
                )?;
            } else {
                writeln!(f, "chưa xếp được (giữ ở chua_xep): «{text}» — {}", u.why)?;
            }
        }
        for n in &self.notes {
            writeln!(f, "ghi chú: {n}")?;
        }
        Ok(())
    }
}
