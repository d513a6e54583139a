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
pub fn issuer_slug(short_name: &str, abbreviation: &str) -> String {
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
pub fn document_stem(number: &str, symbol: &str, issuer: &str) -> String {
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
pub fn register_stem(issuer: &str) -> String {
    format!("so-dang-ky-{issuer}")
}

/// Names already given in this archive, so a second document whose name folds to the
/// same slug gets `-2`, `-3` … (assigned in plan order, so the result is stable).
#[derive(Default)]
pub struct NameBook {
    taken: std::collections::HashSet<Box<str>>,
}

impl NameBook {
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
    fn clashing_names_get_numbers_in_order() {
        let mut book = NameBook::default();
        assert_eq!(book.claim(2021, "1-KH-UBND-a"), "2021/1-KH-UBND-a");
        assert_eq!(book.claim(2021, "1-KH-UBND-a"), "2021/1-KH-UBND-a-2");
        assert_eq!(book.claim(2021, "1-kh-ubnd-a"), "2021/1-kh-ubnd-a-3");
        assert_eq!(book.claim(2022, "1-KH-UBND-a"), "2022/1-KH-UBND-a");
    }
}
