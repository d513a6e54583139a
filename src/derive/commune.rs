//! The commune level in the two-tier government (from 1 July 2025): how province plans
//! name all communes, which specialised units a commune has, and which of them covers a
//! province department's field.
//!
//! Nghị định 150/2025/NĐ-CP sets the commune's specialised units: Văn phòng HĐND và
//! UBND (office work, justice, foreign affairs), Phòng Kinh tế — for a phường or đặc
//! khu Phòng Kinh tế, Hạ tầng và Đô thị — (finance, industry and trade, agriculture and
//! environment, construction, science and technology), Phòng Văn hóa - Xã hội (home
//! affairs, education, health, culture, sport and tourism, ethnic and religious
//! affairs); the Trung tâm Phục vụ hành chính công handles the public's files.

use std::ops::Range;
use std::sync::OnceLock;

use regex::Regex;

use super::unit::{Level, OwnUnit};

pub(crate) const OFFICE: &str = "Văn phòng HĐND và UBND";
pub(crate) const ECONOMY: &str = "Phòng Kinh tế";
pub(crate) const ECONOMY_URBAN: &str = "Phòng Kinh tế, Hạ tầng và Đô thị";
pub const SOCIAL: &str = "Phòng Văn hóa - Xã hội";
pub(crate) const SERVICE_CENTRE: &str = "Trung tâm Phục vụ hành chính công";

/// The economy unit of a commune: "Phòng Kinh tế" for a xã, "Phòng Kinh tế, Hạ tầng và
/// Đô thị" for a phường or đặc khu.
pub(crate) fn economy_unit(cap: Level) -> &'static str {
    match cap {
        Level::Phuong | Level::DacKhu => ECONOMY_URBAN,
        _ => ECONOMY,
    }
}

/// The own units of a commune when its unit file lists none, the office first (it
/// advises on the whole plan).
pub fn default_units(cap: Level) -> Vec<OwnUnit> {
    let word = cap.word();
    [OFFICE, economy_unit(cap), SOCIAL, SERVICE_CENTRE]
        .into_iter()
        .map(|ten| OwnUnit {
            ten: ten.to_owned(),
            ten_day_du: Some(format!("{ten} {word}")),
        })
        .collect()
}

/// The commune unit that covers a province body's field: "Sở Y tế" → Phòng Văn hóa -
/// Xã hội, "Văn phòng UBND tỉnh" → Văn phòng HĐND và UBND. `None` for bodies without a
/// commune counterpart (Công an tỉnh, Thanh tra tỉnh …): those are reported, not guessed.
pub(crate) fn field_unit(cap: Level, province_body: &str) -> Option<String> {
    let n = super::normalize(province_body);
    let rest = n
        .strip_prefix("sở ")
        .or_else(|| {
            n.strip_prefix("trung tâm phục vụ hành chính công")
                .map(|_| "hcc")
        })
        .or_else(|| {
            [
                "văn phòng ubnd",
                "văn phòng ủy ban nhân dân",
                "văn phòng uỷ ban nhân dân",
            ]
            .iter()
            .find(|p| n.starts_with(*p))
            .map(|_| "văn phòng")
        })?;
    if rest == "hcc" {
        return Some(SERVICE_CENTRE.to_owned());
    }
    const OFFICE_FIELDS: [&str; 3] = ["văn phòng", "tư pháp", "ngoại vụ"];
    const SOCIAL_FIELDS: [&str; 8] = [
        "nội vụ",
        "giáo dục",
        "y tế",
        "văn hóa",
        "du lịch",
        "dân tộc",
        "tôn giáo",
        "lao động",
    ];
    const ECONOMY_FIELDS: [&str; 10] = [
        "tài chính",
        "kế hoạch",
        "công thương",
        "nông nghiệp",
        "môi trường",
        "xây dựng",
        "khoa học",
        "giao thông",
        "quy hoạch",
        "tài nguyên",
    ];
    let has = |fields: &[&str]| fields.iter().any(|f| rest.contains(f));
    if has(&OFFICE_FIELDS) {
        Some(OFFICE.to_owned())
    } else if has(&SOCIAL_FIELDS) {
        Some(SOCIAL.to_owned())
    } else if has(&ECONOMY_FIELDS) {
        Some(economy_unit(cap).to_owned())
    } else {
        None
    }
}

/// The list of commune types after "các": "xã, phường, đặc khu", "xã và thị trấn".
const TYPES: &str =
    r"(?:xã|phường|đặc khu|thị trấn)(?:(?:,| và|, và) (?:xã|phường|đặc khu|thị trấn))*";
/// Two types or more without "các": "Ủy ban nhân dân xã, phường", "UBND phường, xã, đặc
/// khu" (a single "UBND xã" is one named commune's beginning, not the level).
const TYPES2: &str =
    r"(?:xã|phường|đặc khu|thị trấn)(?:(?:,| và|, và) (?:xã|phường|đặc khu|thị trấn))+";
const UBND: &str = r"(?:ubnd|ủy ban nhân dân|uỷ ban nhân dân)";

/// Whether a normalised assignee name (see [`super::normalize`]) names all communes:
/// "ubnd các xã, phường", "ủy ban nhân dân xã, phường", "chủ tịch ubnd cấp xã", "các xã,
/// phường, đặc khu", "ủy ban nhân dân các xã, phường trên địa bàn tỉnh", "các địa phương".
pub(crate) fn is_commune_level(normalized: &str) -> bool {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(&format!(
            r"^(?:chủ tịch )?(?:{UBND} )?(?:cấp xã|các {TYPES}|{TYPES2}|các địa phương)(?: (?:trên địa bàn|thuộc) .*)?$"
        ))
        .expect("valid pattern")
    })
    .is_match(normalized)
}

/// Where a sentence gives work to all communes: the byte range of the level's name when
/// the communes are its subject. That is when the name
/// - opens the sentence, possibly after "Giao", "Đề nghị", "Yêu cầu", "Chỉ đạo";
/// - follows "giao" ("Sở Y tế chủ trì; giao UBND cấp xã …");
/// - closes a list of subjects ("Các sở, ban, ngành, UBND các xã, phường định kỳ …").
///
/// "Sở Y tế hướng dẫn UBND các xã, phường …" is not such a sentence: there the communes
/// are the object.
pub(crate) fn assignment_in(text: &str) -> Option<Range<usize>> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(&format!(
            r"(?i)(?:chủ tịch\s+)?(?:{UBND}\s+(?:cấp xã|các {TYPES}|{TYPES2})|các địa phương)\b"
        ))
        .expect("valid pattern")
    });
    re.find_iter(text)
        .find(|m| is_subject(&text[..m.start()]))
        .map(|m| m.range())
}

/// Whether what precedes a mention of the communes makes them the sentence's subject.
fn is_subject(before: &str) -> bool {
    const OPENERS: [&str; 4] = ["giao", "đề nghị", "yêu cầu", "chỉ đạo"];
    let lower = before.to_lowercase();
    let mut words = lower.trim();
    for opener in OPENERS {
        if let Some(rest) = words.strip_prefix(opener) {
            if rest.is_empty() || rest.starts_with(' ') {
                words = rest.trim_start();
                break;
            }
        }
    }
    if words.is_empty() {
        return true;
    }
    let after_giao = lower
        .trim_end()
        .rsplit_once(' ')
        .map_or(lower.trim_end(), |(_, w)| w);
    if after_giao.trim_start_matches(['(', ';', ',']) == "giao" {
        return true;
    }
    // A list of bodies that ends where the communes' name begins.
    const BODIES: [&str; 8] = [
        "các ",
        "sở ",
        "ban ",
        "công an",
        "bộ chỉ huy",
        "văn phòng",
        "mặt trận",
        "ủy ban mặt trận",
    ];
    const VERBS: [&str; 14] = [
        " hướng dẫn",
        " đôn đốc",
        " chỉ đạo",
        " phối hợp",
        " chủ trì",
        " giúp",
        " hỗ trợ",
        " kiểm tra",
        " tổ chức",
        " với ",
        " cho ",
        " của ",
        " tại ",
        " để ",
    ];
    let listed = words.ends_with(',') || words.ends_with(" và");
    listed
        && BODIES.iter().any(|b| words.starts_with(b))
        && !VERBS.iter().any(|v| words.contains(v))
        && !words.contains(['.', ';', ':'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::derive::normalize;

    #[test]
    fn every_wording_of_the_commune_level_is_recognised() {
        for name in [
            "UBND các xã, phường",
            "UBND cấp xã",
            "UBND các xã, phường, đặc khu",
            "các địa phương",
            "Ủy ban nhân dân các xã, phường",
            "Chủ tịch UBND các xã, phường",
            "UBND các phường, xã",
            "UBND các xã, phường trên địa bàn tỉnh",
            "Các xã, phường, đặc khu",
            "Ủy ban nhân dân xã, phường",
            "UBND phường, xã, đặc khu",
        ] {
            assert!(is_commune_level(&normalize(name)), "{name}");
        }
        for name in [
            "Sở Nội vụ",
            "UBND tỉnh",
            "UBND các huyện",
            "Các sở, ban, ngành",
        ] {
            assert!(!is_commune_level(&normalize(name)), "{name}");
        }
    }

    #[test]
    fn assignments_in_text_are_found_only_where_communes_are_the_assignee() {
        let t = "Giao UBND các xã, phường, đặc khu rà soát hồ sơ.";
        let r = assignment_in(t).unwrap();
        assert_eq!(&t[r.clone()], "UBND các xã, phường, đặc khu");
        assert_eq!(t[r.end..].trim(), "rà soát hồ sơ.");
        let t = "Sở Y tế chủ trì; giao Ủy ban nhân dân cấp xã tổ chức tiêm chủng.";
        assert_eq!(&t[assignment_in(t).unwrap()], "Ủy ban nhân dân cấp xã");
        assert!(assignment_in("UBND các xã, phường chủ động bố trí kinh phí.").is_some());
        assert!(assignment_in("Các địa phương chủ động bố trí kinh phí.").is_some());
        assert!(assignment_in("Sở Y tế hướng dẫn UBND các xã, phường thực hiện.").is_none());
        let t = "Các sở, ban, ngành, Ủy ban nhân dân xã, phường định kỳ kiểm tra.";
        assert_eq!(&t[assignment_in(t).unwrap()], "Ủy ban nhân dân xã, phường");
        let t = "UBND các xã, phường: Phối hợp với Sở Nông nghiệp và Môi trường.";
        assert_eq!(&t[assignment_in(t).unwrap()], "UBND các xã, phường");
        assert!(assignment_in("Hướng dẫn các cơ quan, UBND các xã, phường thực hiện.").is_none());
        assert!(assignment_in("Các sở phối hợp với UBND các xã, phường rà soát.").is_none());
        assert!(assignment_in("UBND xã, trường học và nhà văn hóa.").is_none());
    }

    #[test]
    fn province_departments_map_to_the_commune_unit_of_their_field() {
        assert_eq!(field_unit(Level::Xa, "Sở Y tế").as_deref(), Some(SOCIAL));
        assert_eq!(
            field_unit(Level::Xa, "Sở Tài chính").as_deref(),
            Some(ECONOMY)
        );
        assert_eq!(
            field_unit(Level::Phuong, "Sở Nông nghiệp và Môi trường").as_deref(),
            Some(ECONOMY_URBAN)
        );
        assert_eq!(field_unit(Level::Xa, "Sở Tư pháp").as_deref(), Some(OFFICE));
        assert_eq!(
            field_unit(Level::Xa, "Văn phòng UBND tỉnh").as_deref(),
            Some(OFFICE)
        );
        assert_eq!(field_unit(Level::Xa, "Công an tỉnh"), None);
    }
}
