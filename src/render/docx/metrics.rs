//! Text widths in Times New Roman, to size the short rules under lines of text.
//!
//! Word lays out text itself, but a rule drawn as a border needs its length up front;
//! Liberation Serif (the table in `metrics_data`) has Times New Roman's advance widths.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

use super::metrics_data::{BOLD, BOLD_ITALIC, ITALIC, REGULAR, UNITS_PER_EM};
use crate::profile::Pt;

/// One face of the font.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Face {
    pub bold: bool,
    pub italic: bool,
}

/// The advance width of `text` set on one line at `size`, in twips.
pub(super) fn width_twips(text: &str, size: Pt, face: Face) -> f64 {
    let table = match (face.bold, face.italic) {
        (false, false) => REGULAR,
        (true, false) => BOLD,
        (false, true) => ITALIC,
        (true, true) => BOLD_ITALIC,
    };
    // Precomposed letters are what the table holds (and what Word shapes anyway). Text
    // the quick check finds in NFC already (nearly all) skips the normaliser, which
    // cost more than the lookups; the sum is the same either way.
    let width = |c: char| u64::from(advance(table, c));
    let units: u64 = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        text.chars().map(width).sum()
    } else {
        text.nfc().map(width).sum()
    };
    units as f64 * f64::from(size.twips()) / f64::from(UNITS_PER_EM)
}

fn advance(table: &[(u32, &[u16])], c: char) -> u16 {
    let cp = u32::from(c);
    let found = table
        .partition_point(|(first, _)| *first <= cp)
        .checked_sub(1)
        .and_then(|i| {
            let (first, widths) = table[i];
            widths.get((cp - first) as usize).copied()
        });
    match found {
        Some(w) => w,
        // A tab stands for at least a space; wide scripts and emoji take about an em,
        // anything else the font lacks about half of one.
        None if c == '\t' => advance(table, ' '),
        None if cp >= 0x2E80 => UNITS_PER_EM,
        None => UNITS_PER_EM / 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REG: Face = Face {
        bold: false,
        italic: false,
    };
    const BOLD_FACE: Face = Face {
        bold: true,
        italic: false,
    };

    #[test]
    fn times_new_roman_advances() {
        // TNR: space 512, "0" 1024, "M" 1821 units of 2048 → at 14 pt (280 twips).
        assert!((width_twips(" ", Pt(14.0), REG) - 70.0).abs() < 0.01);
        assert!((width_twips("0", Pt(14.0), REG) - 140.0).abs() < 0.01);
        assert!((width_twips("M", Pt(14.0), REG) - 1821.0 * 280.0 / 2048.0).abs() < 0.01);
    }

    #[test]
    fn bold_is_wider_and_vietnamese_letters_are_measured() {
        let motto = "Độc lập - Tự do - Hạnh phúc";
        let bold = width_twips(motto, Pt(14.0), BOLD_FACE);
        let regular = width_twips(motto, Pt(14.0), REG);
        assert!(bold > regular);
        // A 14 pt bold motto is a little over 6 cm: it spans the right half of the header.
        let mm = bold / 1440.0 * 25.4;
        assert!((55.0..70.0).contains(&mm), "{mm} mm");
        // Decomposed input measures like precomposed.
        let nfd: String = motto.nfd().collect();
        assert!((width_twips(&nfd, Pt(14.0), BOLD_FACE) - bold).abs() < 0.01);
    }

    #[test]
    fn unknown_characters_still_have_width() {
        assert!(width_twips("😀", Pt(14.0), REG) > 0.0);
        assert!(width_twips("\u{10FFFF}", Pt(14.0), REG) > 0.0);
        assert_eq!(width_twips("", Pt(14.0), REG), 0.0);
    }
}
