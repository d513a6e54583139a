//! Length units. A unit is part of the type, so a margin can never be read as points.

/// Millimetres.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Mm(pub f32);

/// Typographic points (1/72 inch).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Pt(pub f32);

impl Mm {
    /// Twentieths of a point, DOCX's unit for lengths: 1 mm = 56.7 twips.
    pub(crate) fn twips(self) -> i32 {
        (self.0 * 1440.0 / 25.4).round() as i32
    }
}

impl Pt {
    pub(crate) fn twips(self) -> i32 {
        (self.0 * 20.0).round() as i32
    }

    /// DOCX font sizes are in half-points (`w:sz`).
    pub(crate) fn half_points(self) -> usize {
        (self.0 * 2.0).round() as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_match_nd30_layout_section_10() {
        assert_eq!(Mm(20.0).twips(), 1134);
        assert_eq!(Mm(25.0).twips(), 1417);
        assert_eq!(Mm(30.0).twips(), 1701);
        assert_eq!(Mm(35.0).twips(), 1984);
        assert_eq!(Mm(15.0).twips(), 850);
        assert_eq!(Mm(10.0).twips(), 567);
        assert_eq!(Mm(12.7).twips(), 720);
        assert_eq!(Pt(14.0).half_points(), 28);
        assert_eq!(Pt(6.0).twips(), 120);
    }
}
