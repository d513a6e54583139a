//! Decree 30's numbers — page, margins, fonts, and the look of every element — in one
//! place. Both renderers read this; nothing else writes a size, margin or indent.
//! Section numbers refer to `docs/nd30-layout.md`.

mod units;

pub use units::{Mm, Pt};

use crate::document::Role;

/// Horizontal alignment of a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
    Justify,
}

/// How one element looks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ParaStyle {
    pub size: Pt,
    pub bold: bool,
    pub italic: bool,
    pub align: Align,
    pub first_line: Mm,
    pub before: Pt,
    pub after: Pt,
    /// Line spacing as a multiple of single (1.0–1.5, §1).
    pub line: f32,
    /// Keep with the next paragraph (headings, signature lines).
    pub keep_next: bool,
}

/// Page geometry of one kind of section.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageSetup {
    pub width: Mm,
    pub height: Mm,
    pub top: Mm,
    pub bottom: Mm,
    pub left: Mm,
    pub right: Mm,
    /// Distance of the header (page number) from the top edge.
    pub header: Mm,
}

impl PageSetup {
    pub fn text_width(&self) -> Mm {
        Mm(self.width.0 - self.left.0 - self.right.0)
    }
}

/// The whole layout profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub font: &'static str,
    /// Portrait A4 for the plan (§1).
    pub portrait: PageSetup,
    /// Landscape A4 for wide appendix tables (§1 allows it; §4 "Orientation").
    pub landscape: PageSetup,
    /// Page number in the header (§3.9).
    pub page_number: ParaStyle,
    /// Width of the left column of the header block, as a fraction of the text width
    /// (the decree's own file: 5.39 cm of 15.83 cm). The right column must hold the
    /// Quốc hiệu (13 pt bold, ≈ 95 mm) on one line.
    pub layout_left_column: f32,
    /// Left column of the signature block (Nơi nhận), wider than the header's so that
    /// recipients rarely wrap.
    pub signature_left_column: f32,
    /// Grid line width of the task table, in points.
    pub grid_line: Pt,
    /// Thickness of the short rules under the agency, motto and summary.
    pub rule_line: Pt,
    /// Room left for signature and seal between the signer's title and name.
    pub signature_space: Pt,
}

const BODY_SIZE: Pt = Pt(14.0);
/// §1: first-line indent 1 cm (the other allowed value is 1.27 cm).
const FIRST_LINE: Mm = Mm(10.0);
/// §1: at least 6 pt between paragraphs.
const PARA_GAP: Pt = Pt(6.0);
/// §1: between single (1.0) and 1.5 lines.
const BODY_LINE: f32 = 1.15;

fn style(size: f32, bold: bool, italic: bool, align: Align) -> ParaStyle {
    ParaStyle {
        size: Pt(size),
        bold,
        italic,
        align,
        first_line: Mm(0.0),
        before: Pt(0.0),
        after: Pt(0.0),
        line: 1.0,
        keep_next: false,
    }
}

impl Profile {
    /// The Decree 30 profile for a Kế hoạch (§1–§4).
    pub fn nd30() -> Profile {
        Profile {
            font: "Times New Roman",
            portrait: PageSetup {
                width: Mm(210.0),
                height: Mm(297.0),
                top: Mm(20.0),
                bottom: Mm(20.0),
                left: Mm(30.0),
                right: Mm(15.0),
                header: Mm(10.0),
            },
            landscape: PageSetup {
                width: Mm(297.0),
                height: Mm(210.0),
                top: Mm(20.0),
                bottom: Mm(20.0),
                left: Mm(20.0),
                right: Mm(15.0),
                header: Mm(10.0),
            },
            page_number: style(14.0, false, false, Align::Center),
            layout_left_column: 0.38,
            signature_left_column: 0.5,
            grid_line: Pt(0.5),
            rule_line: Pt(0.75),
            signature_space: Pt(72.0),
        }
    }

    /// The look of each element (§3, §4).
    pub fn style(&self, role: Role) -> ParaStyle {
        use Align::*;
        let body = ParaStyle {
            size: BODY_SIZE,
            bold: false,
            italic: false,
            align: Justify,
            first_line: FIRST_LINE,
            before: PARA_GAP,
            after: Pt(0.0),
            line: BODY_LINE,
            keep_next: false,
        };
        match role {
            // §3.1: header block, single-spaced lines.
            Role::ParentAgency => style(13.0, false, false, Center),
            Role::Agency => style(13.0, true, false, Center),
            Role::Number => ParaStyle {
                before: Pt(6.0),
                ..style(13.0, false, false, Center)
            },
            Role::NationalTitle => style(13.0, true, false, Center),
            Role::Motto => style(14.0, true, false, Center),
            Role::PlaceDate => ParaStyle {
                before: Pt(6.0),
                ..style(14.0, false, true, Center)
            },
            // §3.2
            Role::KindTitle => ParaStyle {
                before: Pt(18.0),
                keep_next: true,
                ..style(14.0, true, false, Center)
            },
            Role::Summary => ParaStyle {
                after: Pt(6.0),
                keep_next: true,
                ..style(14.0, true, false, Center)
            },
            // §3.3, §3.4
            Role::Basis => ParaStyle {
                italic: true,
                ..body
            },
            Role::Body | Role::Item | Role::Heading3 => body,
            Role::Heading1 | Role::Heading2 => ParaStyle {
                bold: true,
                keep_next: true,
                ..body
            },
            // §3.7: recipients, flush left.
            Role::RecipientsLabel => ParaStyle {
                before: Pt(6.0),
                ..style(12.0, true, true, Left)
            },
            Role::Recipient => style(11.0, false, false, Left),
            // §3.5: signature.
            Role::Authority => ParaStyle {
                before: Pt(6.0),
                keep_next: true,
                ..style(14.0, true, false, Center)
            },
            Role::SignerName => ParaStyle {
                before: self.signature_space,
                ..style(14.0, true, false, Center)
            },
            // §4 and Mẫu 2.1.
            Role::AppendixNumber => style(14.0, true, false, Center),
            Role::AppendixTitle => style(14.0, true, false, Center),
            Role::AppendixRef => ParaStyle {
                after: Pt(6.0),
                ..style(14.0, false, true, Center)
            },
            // §3.6 / Mẫu 2.2: digital-signature text, top right, 10 pt.
            Role::ESignature => ParaStyle {
                after: Pt(6.0),
                ..style(10.0, false, false, Right)
            },
            // §4: "appendix body: no separate rule; Mẫu 2.1's placeholder is 12 pt".
            Role::TableHead => ParaStyle {
                before: Pt(3.0),
                after: Pt(3.0),
                ..style(12.0, true, false, Center)
            },
            Role::TableGroup => ParaStyle {
                before: Pt(3.0),
                after: Pt(3.0),
                ..style(12.0, true, false, Left)
            },
            Role::TableNumber | Role::TableCenter => ParaStyle {
                before: Pt(3.0),
                after: Pt(3.0),
                ..style(12.0, false, false, Center)
            },
            // Left, not justified: narrow cells justified open wide gaps between words.
            Role::TableText => ParaStyle {
                before: Pt(3.0),
                after: Pt(3.0),
                ..style(12.0, false, false, Left)
            },
        }
    }

    pub fn page(&self, landscape: bool) -> &PageSetup {
        if landscape {
            &self.landscape
        } else {
            &self.portrait
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nd30_profile_is_within_the_decree() {
        let p = Profile::nd30();
        let page = p.portrait;
        assert_eq!((page.width, page.height), (Mm(210.0), Mm(297.0)));
        assert!((20.0..=25.0).contains(&page.top.0) && (20.0..=25.0).contains(&page.bottom.0));
        assert!((30.0..=35.0).contains(&page.left.0) && (15.0..=20.0).contains(&page.right.0));
        let body = p.style(Role::Body);
        assert_eq!(body.size, Pt(14.0));
        assert_eq!(body.align, Align::Justify);
        assert!(body.first_line == Mm(10.0) || body.first_line == Mm(12.7));
        assert!(body.before.0 + body.after.0 >= 6.0);
        assert!((1.0..=1.5).contains(&body.line));
        // §1 size coupling: Tiêu ngữ = Quốc hiệu + 1 = place/date.
        let qh = p.style(Role::NationalTitle).size.0;
        assert_eq!(p.style(Role::Motto).size.0, qh + 1.0);
        assert_eq!(p.style(Role::PlaceDate).size.0, qh + 1.0);
        assert_eq!(p.style(Role::Number).size, Pt(13.0));
        let label = p.style(Role::RecipientsLabel);
        assert!(label.bold && label.italic && label.size == Pt(12.0));
        assert_eq!(p.style(Role::Recipient).size, Pt(11.0));
        assert_eq!(p.style(Role::AppendixNumber).size, Pt(14.0));
    }
}
