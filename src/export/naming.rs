//! File names in the archive, made from the document (number, symbol, issuer), never
//! from a path: `2021/114-KH-UBND-phuong-ninh-ha.docx`.
//!
//! Every part goes through [`slug`], which keeps only ASCII letters, digits and single
//! hyphens, so no plan text can name a folder, climb out with `..`, or differ only in
//! invisible characters. Vietnamese letters are folded to their base letter (`đ` → `d`,
//! `ệ` → `e`) because records systems and zip tools still mangle non-ASCII names.

use unicode_normalization::UnicodeNormalization;

/// The longest slug kept from one piece of text (names stay well under 255 bytes).
const MAX_SLUG: usize = 60;

/// ASCII slug of `text`: diacritics folded, every other run of characters → one `-`.
/// `keep_case` keeps capitals (symbols: `KH-UBND`); otherwise lower case (names).
pub fn slug(text: &str, keep_case: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_dash = false;
    for c in text.nfd() {
        let c = match c {
            'đ' => 'd',
            'Đ' => 'D',
            // Combining marks left by NFD (tones, circumflex, breve, horn).
            '\u{300}'..='\u{36f}' => continue,
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            if pending_dash && !out.is_empty() {
                out.push('-');
            }
            pending_dash = false;
            out.push(if keep_case { c } else { c.to_ascii_lowercase() });
            if out.len() >= MAX_SLUG {
                break;
            }
        } else {
            pending_dash = true;
        }
    }
    out
}

/// The issuer part of a name: its short name without the leading abbreviation of the
/// body type ("UBND phường Ninh Hà" with `UBND` → `phuong-ninh-ha`), which the symbol
/// already carries.
pub(crate) fn issuer_slug(short_name: &str, abbreviation: &str) -> String {
    let name = short_name.trim();
    let rest = name
        .strip_prefix(abbreviation.trim())
        .filter(|r| r.starts_with(char::is_whitespace) && !abbreviation.trim().is_empty())
        .unwrap_or(name);
    let s = slug(rest, false);
    if s.is_empty() {
        "co-quan".to_owned()
    } else {
        s
    }
}

/// The stem of a document's files: `114-KH-UBND-phuong-ninh-ha`.
pub(crate) fn document_stem(number: &str, symbol: &str, issuer: &str) -> String {
    let parts = [slug(number, true), slug(symbol, true), issuer.to_owned()];
    let stem = parts
        .iter()
        .filter(|p| !p.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join("-");
    if stem.is_empty() {
        "van-ban".to_owned()
    } else {
        stem
    }
}

/// The register's stem for one issuer: `so-dang-ky-phuong-ninh-ha`.
pub(crate) fn register_stem(issuer: &str) -> String {
    format!("so-dang-ky-{issuer}")
}

/// An issuer's name as compared: diacritics, case and spacing folded, so "UBND phường
/// Ninh Hà", "UBND PHƯỜNG NINH HÀ" and "UBND phuong Ninh Ha" are one issuer (one number
/// sequence, one register).
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.nfd() {
            match c {
                'đ' | 'Đ' => out.push('d'),
                '\u{300}'..='\u{36f}' => {}
                c => out.extend(c.to_lowercase()),
            }
        }
    }
    out
}

/// Names already given in this archive. A name never depends on plans added later: a
/// plan keeps the name it had in the previous archive; a new plan whose stem is free gets
/// it bare; a clash gets a suffix made from the plan's own source path (not its rank), so
/// adding or removing another plan renames nobody.
#[derive(Default)]
pub(crate) struct NameBook {
    taken: std::collections::HashSet<Box<str>>,
    /// Previous archive names (lower case) → the source that held them.
    reserved: std::collections::HashMap<Box<str>, Box<str>>,
    /// Source → its previous name.
    previous: std::collections::HashMap<Box<str>, Box<str>>,
}

impl NameBook {
    /// Reserves `name` (`2021/stem`, no extension) for `source`, as the previous archive had it.
    pub(crate) fn reserve(&mut self, source: &str, name: &str) {
        if name.is_empty() {
            return;
        }
        self.reserved
            .insert(name.to_ascii_lowercase().into(), source.into());
        self.previous.insert(source.into(), name.into());
    }

    /// A free `year/stem` for the document from `source`, marked taken.
    pub(crate) fn claim_for(&mut self, year: i32, stem: &str, source: &str) -> String {
        let base = format!("{year:04}/{stem}");
        if let Some(old) = self.previous.get(source) {
            let fits = old.strip_prefix(base.as_str()).is_some_and(|rest| {
                rest.is_empty()
                    || rest.starts_with('-') && rest[1..].bytes().all(|b| b.is_ascii_alphanumeric())
            });
            if fits && self.taken.insert(old.to_ascii_lowercase().into()) {
                return old.to_string();
            }
        }
        let free = |book: &Self, name: &str| {
            let key = name.to_ascii_lowercase();
            !book.taken.contains(key.as_str())
                && book
                    .reserved
                    .get(key.as_str())
                    .is_none_or(|s| &**s == source)
        };
        let mut candidate = base.clone();
        if !free(self, &candidate) {
            let sha = super::manifest::sha256_hex(source.as_bytes());
            candidate = format!("{base}-{}", &sha[..8]);
            let mut n = 2;
            while !free(self, &candidate) {
                candidate = format!("{base}-{}-{n}", &sha[..8]);
                n += 1;
            }
        }
        self.taken.insert(candidate.to_ascii_lowercase().into());
        candidate
    }

    /// A free `year/stem` (without extension) and marks it taken.
    pub fn claim(&mut self, year: i32, stem: &str) -> String {
        let base = format!("{year:04}/{stem}");
        let mut candidate = base.clone();
        let mut n = 2;
        // Case-insensitive file systems would merge names that differ only in case.
        while !self.taken.insert(candidate.to_ascii_lowercase().into()) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_folds_to_ascii() {
        assert_eq!(slug("PHƯỜNG NINH HÀ", false), "phuong-ninh-ha");
        assert_eq!(slug("Đắk Lắk – Đồng Tháp", false), "dak-lak-dong-thap");
        assert_eq!(slug("QĐ-UBND", true), "QD-UBND");
        assert_eq!(slug("Nghệ An", false), "nghe-an");
        // NFD input folds the same way.
        let nfd: String = "Ninh Hòa".nfd().collect();
        assert_eq!(slug(&nfd, false), "ninh-hoa");
    }

    #[test]
    fn hostile_text_cannot_leave_the_folder() {
        for hostile in [
            "../../etc/passwd",
            "/abs",
            "..",
            "a\\b",
            "C:x",
            "\u{202e}gpj",
            "",
        ] {
            let s = slug(hostile, true);
            assert!(
                s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'),
                "{s}"
            );
            assert!(!s.starts_with('-') && !s.ends_with('-'));
        }
        let stem = document_stem("../1", "KH-../UBND", &issuer_slug("../..", "UBND"));
        assert!(!stem.contains('/') && !stem.contains(".."), "{stem}");
        assert_eq!(slug(&"x".repeat(500), false).len(), MAX_SLUG);
    }

    #[test]
    fn names_come_from_the_document() {
        let issuer = issuer_slug("UBND phường Ninh Hà", "UBND");
        assert_eq!(issuer, "phuong-ninh-ha");
        assert_eq!(
            document_stem("114", "KH-UBND", &issuer),
            "114-KH-UBND-phuong-ninh-ha"
        );
        assert_eq!(issuer_slug("Sở Nội vụ", "SNV"), "so-noi-vu");
        assert_eq!(issuer_slug("UBNDX", "UBND"), "ubndx");
    }

    #[test]
    fn issuers_fold_case_diacritics_and_spaces() {
        assert_eq!(fold("UBND phường  Ninh Hà"), fold("UBND PHƯỜNG NINH HÀ"));
        assert_eq!(fold("UBND phường Ninh Hà"), fold("ubnd phuong ninh ha"));
        assert_eq!(fold("Sở Nội vụ Đắk Lắk"), "so noi vu dak lak");
        assert_ne!(fold("UBND phường Ninh Hà"), fold("UBND phường Ninh Hải"));
    }

    /// Defect 8: a name never depends on plans added later.
    #[test]
    fn names_do_not_move_when_plans_are_added() {
        let mut first = NameBook::default();
        let b = first.claim_for(2021, "1-KH-UBND-a", "plans/b.yaml");
        let c = first.claim_for(2021, "1-KH-UBND-a", "plans/c.yaml");
        assert_eq!(b, "2021/1-KH-UBND-a");
        // A plan that sorts first arrives; b and c keep their names.
        let mut second = NameBook::default();
        second.reserve("plans/b.yaml", &b);
        second.reserve("plans/c.yaml", &c);
        let a = second.claim_for(2021, "1-KH-UBND-a", "plans/a.yaml");
        assert_eq!(second.claim_for(2021, "1-KH-UBND-a", "plans/b.yaml"), b);
        assert_eq!(second.claim_for(2021, "1-KH-UBND-a", "plans/c.yaml"), c);
        assert!(a != b && a != c, "{a}");
        // Without a previous archive the suffix still comes from the plan, not its rank.
        let mut third = NameBook::default();
        third.claim_for(2021, "1-KH-UBND-a", "plans/x.yaml");
        assert_eq!(third.claim_for(2021, "1-KH-UBND-a", "plans/c.yaml"), c);
    }

    #[test]
    fn clashing_names_get_numbers_in_order() {
        let mut book = NameBook::default();
        assert_eq!(book.claim(2021, "1-KH-UBND-a"), "2021/1-KH-UBND-a");
        assert_eq!(book.claim(2021, "1-KH-UBND-a"), "2021/1-KH-UBND-a-2");
        assert_eq!(book.claim(2021, "1-kh-ubnd-a"), "2021/1-kh-ubnd-a-3");
        assert_eq!(book.claim(2022, "1-KH-UBND-a"), "2022/1-KH-UBND-a");
    }
}
