//! The body of a plan: headings (mục I., khoản 1., điểm a)), dash items and paragraphs.
//!
//! In YAML a block is either a plain string (a paragraph) or a map with exactly one of
//! `muc`, `khoan`, `diem`, `gach`, `cong`, `doan`, optionally with nested `noi_dung`.
//! Numbers are never written by hand: they come from the position, so an inserted
//! section never leaves a gap.

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::Text;

/// One block of the body.
#[derive(Clone, Debug, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum Block {
    /// Một đoạn văn.
    Paragraph(Text),
    /// Một mục, khoản, điểm hoặc dòng có đánh dấu.
    Marked(Box<BlockFields>),
}

/// The map form of a block.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BlockFields {
    /// Mục cấp I (số La Mã, chữ in hoa, đậm), ví dụ `MỤC ĐÍCH, YÊU CẦU`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub muc: Option<Text>,
    /// Khoản (1., 2., …) có tiêu đề, in đậm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub khoan: Option<Text>,
    /// Điểm (a), b), …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diem: Option<Text>,
    /// Một dòng gạch đầu dòng "- …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gach: Option<Text>,
    /// Một dòng "+ …".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cong: Option<Text>,
    /// Một đoạn văn (giống một chuỗi đứng riêng).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doan: Option<Text>,
    /// Số, ký hiệu đầu dòng như in (`III.`, `1.1.`, `(1)`, `+`), khi không để kehoach tự đánh số.
    /// Bỏ trống: mục I., II. …; khoản 1., 2. … (khoản trong khoản: 1.1., 1.2. …); điểm a), b) …
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so: Option<Text>,
    /// Phần tiếp theo của đề mục in liền trên cùng dòng (đề mục in đậm, phần này in thường),
    /// ví dụ `khoan: "Thời gian thực hiện:"` với `tiep: "Từ tháng 10/2025 …"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tiep: Option<Text>,
    /// In đậm cả dòng (mặc định: mục và khoản in đậm, các loại khác in thường).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dam: Option<bool>,
    /// In nghiêng cả dòng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nghieng: Option<bool>,
    /// In đậm riêng số, ký hiệu đầu dòng (ví dụ **1.** Tổ chức …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so_dam: Option<bool>,
    /// In nghiêng riêng số, ký hiệu đầu dòng.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub so_nghieng: Option<bool>,
    /// Các khối con.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub noi_dung: Vec<Block>,
}

/// What kind of block this is, once the map form is resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Section,
    Clause,
    Point,
    Dash,
    Plus,
    Paragraph,
}

impl Block {
    pub fn paragraph(text: impl Into<Text>) -> Block {
        Block::Paragraph(text.into())
    }

    pub fn marked(kind: BlockKind, text: impl Into<Text>, children: Vec<Block>) -> Block {
        let text = Some(text.into());
        let mut f = BlockFields {
            noi_dung: children,
            ..BlockFields::default()
        };
        match kind {
            BlockKind::Section => f.muc = text,
            BlockKind::Clause => f.khoan = text,
            BlockKind::Point => f.diem = text,
            BlockKind::Dash => f.gach = text,
            BlockKind::Plus => f.cong = text,
            BlockKind::Paragraph => f.doan = text,
        }
        Block::Marked(Box::new(f))
    }

    /// The block's kind and text. A map with several markers is refused at load time.
    pub fn kind_and_text(&self) -> (BlockKind, &Text) {
        match self {
            Block::Paragraph(t) => (BlockKind::Paragraph, t),
            Block::Marked(f) => f.marker().expect("validated at load time"),
        }
    }

    pub fn children(&self) -> &[Block] {
        match self {
            Block::Paragraph(_) => &[],
            Block::Marked(f) => &f.noi_dung,
        }
    }

    /// The map form's fields (`None` for a plain-string paragraph).
    pub fn fields(&self) -> Option<&BlockFields> {
        match self {
            Block::Paragraph(_) => None,
            Block::Marked(f) => Some(f),
        }
    }
}

impl BlockFields {
    fn marker(&self) -> Option<(BlockKind, &Text)> {
        [
            (BlockKind::Section, &self.muc),
            (BlockKind::Clause, &self.khoan),
            (BlockKind::Point, &self.diem),
            (BlockKind::Dash, &self.gach),
            (BlockKind::Plus, &self.cong),
            (BlockKind::Paragraph, &self.doan),
        ]
        .into_iter()
        .find_map(|(k, t)| t.as_ref().map(|t| (k, t)))
    }

    fn marker_count(&self) -> usize {
        [
            &self.muc,
            &self.khoan,
            &self.diem,
            &self.gach,
            &self.cong,
            &self.doan,
        ]
        .iter()
        .filter(|t| t.is_some())
        .count()
    }
}

impl<'de> Deserialize<'de> for Block {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Block, D::Error> {
        // Through `Spanned` so that a plain-string paragraph keeps its location too.
        let spanned = serde_saphyr::Spanned::<RawBlock>::deserialize(d)?;
        Ok(match spanned.value {
            RawBlock::Str(value) => Block::Paragraph(Text {
                value,
                at: super::text::Loc::from_saphyr(spanned.referenced),
            }),
            RawBlock::Map(fields) => Block::Marked(fields),
        })
    }
}

enum RawBlock {
    Str(String),
    Map(Box<BlockFields>),
}

impl<'de> Deserialize<'de> for RawBlock {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawBlock, D::Error> {
        struct RawVisitor;

        impl<'de> Visitor<'de> for RawVisitor {
            type Value = RawBlock;

            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a paragraph (a string) or a map with one of muc, khoan, diem, gach, cong, doan",
                )
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawBlock, A::Error> {
                let fields = BlockFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                match fields.marker_count() {
                    1 => Ok(RawBlock::Map(Box::new(fields))),
                    0 => Err(de::Error::custom(
                        "this block has none of muc, khoan, diem, gach, cong, doan; give it exactly one",
                    )),
                    _ => Err(de::Error::custom(
                        "this block has several of muc, khoan, diem, gach, cong, doan; split it into one block each",
                    )),
                }
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawBlock, E> {
                Ok(RawBlock::Str(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<RawBlock, E> {
                Ok(RawBlock::Str(v))
            }
        }

        d.deserialize_any(RawVisitor)
    }
}
