//! Decree 30's numbers — page, margins, fonts, and the look of every element — in one
//! place. Both renderers read this; nothing else writes a size, margin or indent.
//! docs/nd30-layout.md sets out the rules; the comments here cite its sections.

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
    /// Line spacing as a multiple of single (1.0–1.5, see Page set-up).
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

/// The whole layout profile.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub font: &'static str,
    /// Portrait A4 for the plan.
    pub portrait: PageSetup,
    /// Landscape A4 for wide appendix tables.
    pub landscape: PageSetup,
    /// Page number in the header (Page numbers).
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
/// First-line indent 1 cm (the other allowed value is 1.27 cm).
const FIRST_LINE: Mm = Mm(10.0);
/// At least 6 pt between paragraphs.
const PARA_GAP: Pt = Pt(6.0);
/// Between single (1.0) and 1.5 lines.
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
    /// The Decree 30 profile for a Kế hoạch and its appendices.
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

    /// The look of each element.
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
            // Header block, single-spaced lines.
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
            // Type and summary.
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
            // Body and headings.
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
            // Recipients, flush left.
            Role::RecipientsLabel => ParaStyle {
                before: Pt(6.0),
                ..style(12.0, true, true, Left)
            },
            Role::Recipient => style(11.0, false, false, Left),
            // Signature.
            Role::Authority => ParaStyle {
                before: Pt(6.0),
                keep_next: true,
                ..style(14.0, true, false, Center)
            },
            Role::SignerName => ParaStyle {
                before: self.signature_space,
                ..style(14.0, true, false, Center)
            },
            // Appendices (Mẫu 2.1).
            Role::AppendixNumber => style(14.0, true, false, Center),
            Role::AppendixTitle => style(14.0, true, false, Center),
            Role::AppendixRef => ParaStyle {
                after: Pt(6.0),
                ..style(14.0, false, true, Center)
            },
            // Agency digital signature (Mẫu 2.2): top right, 10 pt.
            Role::ESignature => ParaStyle {
                after: Pt(6.0),
                ..style(10.0, false, false, Right)
            },
            // Task tables: the decree sets no size; Mẫu 2.1's placeholder text is 12 pt.
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
        // Header block: Tiêu ngữ = Quốc hiệu + 1 pt = place and date.
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
