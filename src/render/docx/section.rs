//! Page setup per part: each part is a section (paragraph-level `sectPr`, docs/crates.md
//! §1.1; docx-rs's `Section` drops headers), sharing two header parts.

use docx_rs::{
    create_header_rid, Docx, FieldCharType, Header, InstrPAGE, InstrText, PageMargin, PageNumType,
    PageOrientationType, PageSize, Paragraph, Run, SectionProperty,
};

use super::styles::PAGE_NUMBER_STYLE;
use crate::document::{Part, PartKind};
use crate::profile::Profile;

/// The relationship ids docx-rs gives the two header parts `register_headers` adds
/// (`create_header_rid(1)` and `(2)`), for the body writer's `sectPr`s.
pub(super) const HEADER_RIDS: (&str, &str) = ("rIdHeader1", "rIdHeader2");

/// Registers the two header parts every section points at: the page number
/// (`rIdHeader1`) and an empty first-page header (`rIdHeader2`), which hides the number
/// on each part's first page (docs/nd30-layout.md §3.9, §4).
pub(super) fn register_headers(docx: Docx) -> Docx {
    let number = Run::new()
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("1")
        .add_field_char(FieldCharType::End, false);
    let page =
        Header::new().add_paragraph(Paragraph::new().style(PAGE_NUMBER_STYLE).add_run(number));
    // A header part must hold a paragraph, even an empty one.
    let first = Header::new().add_paragraph(Paragraph::new());
    docx.header(page).first_header(first)
}

/// The `sectPr` closing `part` inside the body: geometry plus references to the
/// shared header parts (no new parts are created for these).
pub(super) fn closing(part: &Part, profile: &Profile) -> SectionProperty {
    let sp = SectionProperty::new()
        .header(Header::new(), &create_header_rid(1))
        .first_header(Header::new(), &create_header_rid(2));
    geometry(sp, part, profile)
}

/// The last part's settings on the document-level `sectPr`, which already holds the
/// header registrations.
pub(super) fn finish_last(mut docx: Docx, part: &Part, profile: &Profile) -> Docx {
    let sp = std::mem::take(&mut docx.document.section_property);
    docx.document.section_property = geometry(sp, part, profile);
    docx
}

fn geometry(sp: SectionProperty, part: &Part, profile: &Profile) -> SectionProperty {
    let page = profile.page(part.landscape);
    let size = PageSize::new().size(
        page.width.twips().max(0) as u32,
        page.height.twips().max(0) as u32,
    );
    let margin = PageMargin::new()
        .top(page.top.twips())
        .bottom(page.bottom.twips())
        .left(page.left.twips())
        .right(page.right.twips())
        .header(page.header.twips())
        // No footer is written; its distance only mirrors the header's.
        .footer(page.header.twips())
        .gutter(0);
    let orient = if part.landscape {
        PageOrientationType::Landscape
    } else {
        PageOrientationType::Portrait
    };
    let sp = sp
        .page_size(size)
        .page_margin(margin)
        .page_orient(orient)
        .title_pg();
    match part.kind {
        // Each appendix is numbered on its own (docs/nd30-layout.md §4).
        PartKind::Appendix => sp.page_num_type(PageNumType::new().start(1)),
        PartKind::Main => sp,
    }
}
