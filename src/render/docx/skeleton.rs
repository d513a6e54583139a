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

/// One part of the package, in zip order.
enum Entry {
    /// The same bytes in every package: copied already deflated from `Skeleton::fixed`
    /// at this index (deflating ~30 KB of skeleton, and creating a compressor for each
    /// of a dozen parts, was most of the cost left after the body writer).
    Fixed(usize),
    Document,
    Core,
}

pub(super) struct Skeleton {
    entries: Vec<Entry>,
    /// The `Fixed` parts, deflated with the package's options.
    fixed: ZipArchive<Cursor<Arc<[u8]>>>,
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
    // Built under the lock: docx-rs must not build in parallel (crates.md §1.9), and
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
    let mut entries = Vec::with_capacity(parts.len());
    let mut fixed = ZipWriter::new(Cursor::new(Vec::new()));
    let mut fixed_count = 0;
    let first = parts.get_key_value(CONTENT_TYPES);
    let rest = parts.iter().filter(|(n, _)| n.as_str() != CONTENT_TYPES);
    for (name, data) in first.into_iter().chain(rest) {
        entries.push(match name.as_str() {
            DOCUMENT => Entry::Document,
            CORE => Entry::Core,
            _ => {
                fixed
                    .start_file(name.as_str(), zip_options())
                    .map_err(|e| e.to_string())?;
                fixed.write_all(data).map_err(|e| e.to_string())?;
                fixed_count += 1;
                Entry::Fixed(fixed_count - 1)
            }
        });
    }
    let fixed: Arc<[u8]> = fixed
        .finish()
        .map_err(|e| e.to_string())?
        .into_inner()
        .into();
    let fixed = ZipArchive::new(Cursor::new(fixed)).map_err(|e| e.to_string())?;
    Ok(Skeleton {
        entries,
        fixed,
        ids_before_body,
    })
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
        // A clone shares the parsed directory and the bytes; only the cursor is new.
        let mut fixed = self.fixed.clone();
        for entry in &self.entries {
            let (name, data): (&str, &[u8]) = match entry {
                Entry::Fixed(i) => {
                    let file = fixed.by_index_raw(*i).map_err(|e| e.to_string())?;
                    zip.raw_copy_file(file).map_err(|e| e.to_string())?;
                    continue;
                }
                Entry::Document => (DOCUMENT, document),
                Entry::Core => (CORE, core),
            };
            zip.start_file(name, options).map_err(|e| e.to_string())?;
            zip.write_all(data).map_err(|e| e.to_string())?;
        }
        Ok(zip.finish().map_err(|e| e.to_string())?.into_inner())
    }
}
