//! The package around the body: every part but `word/document.xml` and
//! `docProps/core.xml`, built once with docx-rs and the finish pass, then reused.
//!
//! Those parts depend only on the profile, the roles used (one style each) and the
//! language (`w:lang` in styles.xml); the finish pass numbers their paragraphs before
//! the body's, so they are the same bytes in every package and are kept deflated. A
//! package is the same bytes whether its skeleton was just built or reused, on
//! whichever thread.

use std::collections::BTreeSet;
use std::io::{Cursor, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use docx_rs::{Docx, Paragraph};
use zip::{ZipArchive, ZipWriter};

use super::finish::{finish_parts, zip_options, CONTENT_TYPES, CORE, DOCUMENT};
use super::{section, styles, FinishPlan};
use crate::document::{Meta, Role};
use crate::profile::Profile;

/// Distinct skeletons kept; a batch uses a handful (one profile, a few role sets).
const CACHE_LIMIT: usize = 64;

struct Key {
    profile: Profile,
    roles: BTreeSet<Role>,
    lang: String,
}

static CACHE: Mutex<Vec<(Key, Arc<Skeleton>)>> = Mutex::new(Vec::new());

/// A run of parts of the package, in zip order.
enum Segment {
    /// Parts that are the same bytes in every package, already deflated: merged into
    /// the package as a whole (deflating ~30 KB of skeleton, and creating a compressor
    /// for each of a dozen parts, was most of the cost left after the body writer; one
    /// copy per run of parts is cheaper than one per part).
    Fixed(ZipArchive<Cursor<Arc<[u8]>>>),
    Document,
    Core,
}

pub(super) struct Skeleton {
    segments: Vec<Segment>,
    /// How many paragraph ids the other parts use; the body's continue from there.
    ids_before_body: u32,
}

/// The skeleton for this profile, role set and language, built on first use.
pub(super) fn get(
    profile: &Profile,
    roles: &BTreeSet<Role>,
    lang: &str,
) -> Result<Arc<Skeleton>, String> {
    let mut cache = CACHE.lock().unwrap_or_else(|e| e.into_inner());
    let hit = cache
        .iter()
        .find(|(k, _)| k.lang == lang && k.roles == *roles && k.profile == *profile);
    if let Some((_, s)) = hit {
        return Ok(Arc::clone(s));
    }
    // Built under the lock: docx-rs must not build in parallel (docs/crates.md §1.9), and
    // this happens once per key.
    let skeleton = Arc::new(build(profile, roles, lang)?);
    if cache.len() < CACHE_LIMIT {
        cache.push((
            Key {
                profile: profile.clone(),
                roles: roles.clone(),
                lang: lang.to_string(),
            },
            Arc::clone(&skeleton),
        ));
    }
    Ok(skeleton)
}

/// The package docx-rs and the finish pass make for a one-paragraph body with these
/// styles; its body and core properties are thrown away.
fn build(profile: &Profile, roles: &BTreeSet<Role>, lang: &str) -> Result<Skeleton, String> {
    let raw = catch_unwind(AssertUnwindSafe(|| {
        let docx = styles::install(section::register_headers(Docx::new()), profile, roles)
            .add_paragraph(Paragraph::new());
        let mut raw = Cursor::new(Vec::new());
        docx.pack(&mut raw).map(|()| raw.into_inner())
    }))
    .map_err(|_| "docx-rs panicked".to_string())?
    .map_err(|e| e.to_string())?;
    let meta = Meta {
        language: lang.to_string(),
        ..Meta::default()
    };
    let parts = finish_parts(&raw, &meta, &FinishPlan::default())?;
    // The finish pass numbered the other parts' paragraphs first, then the one body
    // paragraph: its id tells how many come before any body.
    let ids_before_body = parts
        .get(DOCUMENT)
        .and_then(|xml| first_para_id(xml))
        .and_then(|id| id.checked_sub(1))
        .ok_or("the skeleton's body has no paragraph id")?;
    let mut segments = Vec::new();
    let mut fixed: Option<ZipWriter<Cursor<Vec<u8>>>> = None;
    let first = parts.get_key_value(CONTENT_TYPES);
    let rest = parts.iter().filter(|(n, _)| n.as_str() != CONTENT_TYPES);
    for (name, data) in first.into_iter().chain(rest) {
        let own = match name.as_str() {
            DOCUMENT => Segment::Document,
            CORE => Segment::Core,
            _ => {
                let zip = fixed.get_or_insert_with(|| ZipWriter::new(Cursor::new(Vec::new())));
                zip.start_file(name.as_str(), zip_options())
                    .map_err(|e| e.to_string())?;
                zip.write_all(data).map_err(|e| e.to_string())?;
                continue;
            }
        };
        if let Some(zip) = fixed.take() {
            segments.push(fixed_segment(zip)?);
        }
        segments.push(own);
    }
    if let Some(zip) = fixed.take() {
        segments.push(fixed_segment(zip)?);
    }
    Ok(Skeleton {
        segments,
        ids_before_body,
    })
}

fn fixed_segment(zip: ZipWriter<Cursor<Vec<u8>>>) -> Result<Segment, String> {
    let bytes: Arc<[u8]> = zip.finish().map_err(|e| e.to_string())?.into_inner().into();
    let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    Ok(Segment::Fixed(archive))
}

/// The value of the first `w14:paraId` attribute of a finished part.
fn first_para_id(xml: &[u8]) -> Option<u32> {
    const ATTR: &[u8] = b"w14:paraId=\"";
    let at = xml.windows(ATTR.len()).position(|w| w == ATTR)? + ATTR.len();
    let hex = std::str::from_utf8(xml.get(at..at + 8)?).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

impl Skeleton {
    /// The paragraph id the body starts after.
    pub(super) fn ids_before_body(&self) -> u32 {
        self.ids_before_body
    }

    /// The zipped package around this body: content types first, then by name,
    /// with the options the finish pass uses.
    pub(super) fn package(&self, document: &[u8], core: &[u8]) -> Result<Vec<u8>, String> {
        let options = zip_options();
        let size = document.len() / 3 + 16 * 1024;
        let mut zip = ZipWriter::new(Cursor::new(Vec::with_capacity(size)));
        for segment in &self.segments {
            let (name, data): (&str, &[u8]) = match segment {
                Segment::Fixed(parts) => {
                    // A clone shares the parsed directory and the bytes; only the
                    // cursor is new.
                    zip.merge_archive(parts.clone())
                        .map_err(|e| e.to_string())?;
                    continue;
                }
                Segment::Document => (DOCUMENT, document),
                Segment::Core => (CORE, core),
            };
            zip.start_file(name, options).map_err(|e| e.to_string())?;
            zip.write_all(data).map_err(|e| e.to_string())?;
        }
        Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
    }
}
