//! The role table: every element of a document, with the names each output and the
//! template markup give it. Each list of roles elsewhere (DOCX styles, CSS classes,
//! markup keywords) is derived from this one table, so a role cannot be added to one and
//! forgotten in another.

use serde::Serialize;

macro_rules! roles {
    ($(
        $(#[$doc:meta])*
        $name:ident: $class:literal, [$($keyword:literal),*];
    )*) => {
        /// Decree 30's elements. The profile gives each its size, weight and alignment.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum Role {
            $($(#[$doc])* $name,)*
        }

        impl Role {
            /// Every role, in declaration order.
            pub const ALL: [Role; [$(stringify!($name)),*].len()] = [$(Role::$name),*];

            /// The DOCX paragraph style id: "Kh" and the role's name. Prefixed so no id
            /// meets one of Word's built-in styles ("Normal", "Heading1" …), which would
            /// merge or duplicate them.
            pub(crate) fn style_id(self) -> &'static str {
                match self {
                    $(Role::$name => concat!("Kh", stringify!($name)),)*
                }
            }

            /// The HTML class of the role's paragraphs.
            pub(crate) fn css_class(self) -> &'static str {
                match self {
                    $(Role::$name => $class,)*
                }
            }

            /// The keywords that start a line of this role in template markup ("muc",
            /// "khoan" …); none for the table roles, which markup does not write.
            pub(crate) fn markup_keywords(self) -> &'static [&'static str] {
                match self {
                    $(Role::$name => &[$($keyword),*],)*
                }
            }
        }
    };
}

roles! {
    /// Tên cơ quan chủ quản (ô 2, first line): 13 pt caps, regular.
    ParentAgency: "r-parent-agency", ["chu-quan"];
    /// Tên cơ quan ban hành (ô 2): 13 pt caps, bold.
    Agency: "r-agency", ["co-quan"];
    /// "Số: 114/KH-UBND" (ô 3): 13 pt.
    Number: "r-number", ["so"];
    /// Quốc hiệu (ô 1): 13 pt bold caps.
    NationalTitle: "r-national-title", ["quoc-hieu"];
    /// Tiêu ngữ (ô 1): 14 pt bold.
    Motto: "r-motto", ["tieu-ngu"];
    /// Địa danh, ngày tháng (ô 4): 14 pt italic.
    PlaceDate: "r-place-date", ["dia-danh"];
    /// "KẾ HOẠCH" (ô 5a): 14 pt bold.
    KindTitle: "r-kind-title", ["loai"];
    /// Trích yếu (ô 5a): 14 pt bold.
    Summary: "r-summary", ["trich-yeu"];
    /// "Căn cứ …;" lines: italic body.
    Basis: "r-basis", ["can-cu"];
    /// Body paragraph (ô 6).
    Body: "r-body", ["doan"];
    /// "I. …": caps, bold.
    Heading1: "r-heading1", ["muc"];
    /// "1. …": bold.
    Heading2: "r-heading2", ["khoan"];
    /// "a) …".
    Heading3: "r-heading3", ["diem"];
    /// "- …" and "+ …" items.
    Item: "r-item", ["gach", "cong"];
    /// "Nơi nhận:": 12 pt bold italic.
    RecipientsLabel: "r-recipients-label", ["noi-nhan-nhan"];
    /// "- …;": 11 pt.
    Recipient: "r-recipient", ["noi-nhan"];
    /// "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH": 14 pt bold caps.
    Authority: "r-authority", ["tham-quyen"];
    /// Người ký: 14 pt bold, after room for signature and seal.
    SignerName: "r-signer-name", ["ten-nguoi-ky"];
    /// "Phụ lục I": 14 pt bold.
    AppendixNumber: "r-appendix-number", ["phu-luc"];
    /// Appendix title: 14 pt bold caps.
    AppendixTitle: "r-appendix-title", ["phu-luc-ten"];
    /// "(Kèm theo Kế hoạch số …)": 14 pt italic.
    AppendixRef: "r-appendix-ref", ["kem-theo"];
    /// Mẫu 2.2: the agency's digital-signature text, 10 pt, top right.
    ESignature: "r-e-signature", ["chu-ky-so"];
    /// Column titles of a task table.
    TableHead: "r-table-head", [];
    /// Group number and title.
    TableGroup: "r-table-group", [];
    /// Task number (centred).
    TableNumber: "r-table-number", [];
    /// Task cell text (left).
    TableText: "r-table-text", [];
    /// Short cell text, centred (deadline).
    TableCenter: "r-table-center", [];
}

impl Role {
    /// The role a markup keyword names.
    pub(crate) fn from_markup(keyword: &str) -> Option<Role> {
        Role::ALL
            .into_iter()
            .find(|r| r.markup_keywords().contains(&keyword))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_per_output() {
        let mut styles: Vec<&str> = Role::ALL.iter().map(|r| r.style_id()).collect();
        let mut classes: Vec<&str> = Role::ALL.iter().map(|r| r.css_class()).collect();
        let mut keywords: Vec<&str> = Role::ALL
            .iter()
            .flat_map(|r| r.markup_keywords().iter().copied())
            .collect();
        for names in [&mut styles, &mut classes, &mut keywords] {
            let n = names.len();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), n, "{names:?}");
        }
        assert_eq!(styles.len(), 27);
        assert_eq!(Role::Heading1.style_id(), "KhHeading1");
        assert_eq!(Role::ParentAgency.css_class(), "r-parent-agency");
    }

    #[test]
    fn markup_keywords_name_their_roles() {
        assert_eq!(Role::from_markup("muc"), Some(Role::Heading1));
        assert_eq!(Role::from_markup("khoan"), Some(Role::Heading2));
        assert_eq!(Role::from_markup("cong"), Some(Role::Item));
        assert_eq!(Role::from_markup("gach"), Some(Role::Item));
        assert_eq!(Role::from_markup("bang"), None);
        assert!(Role::TableText.markup_keywords().is_empty());
    }
}
