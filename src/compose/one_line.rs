//! [`OneLine`]: the string type of the view, so every string a template prints is one
//! line by construction.

use std::fmt;
use std::ops::Deref;

use serde::Serialize;

use super::inline::{has_line_break, single_line};

/// Text without a line break. The composed markup is one element per line, so a line
/// break in a value would let plan text start an element of its own (a "muc" heading
/// typed into a document number); the view holds its strings as this type, and the
/// only way to build one is [`OneLine::new`].
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct OneLine(String);

impl OneLine {
    /// `s` made one line by [`single_line`] when it has a line break; otherwise as it
    /// is (leading or trailing blanks of a draft's empty fields are kept).
    pub fn new(s: impl Into<String>) -> OneLine {
        let s = s.into();
        if has_line_break(&s) {
            OneLine(single_line(&s))
        } else {
            OneLine(s)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for OneLine {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for OneLine {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for OneLine {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OneLine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<OneLine> for String {
    fn from(s: OneLine) -> String {
        s.0
    }
}

impl PartialEq<str> for OneLine {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for OneLine {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_go_and_other_text_stays() {
        assert_eq!(OneLine::new("a\n  b\r\nc "), "a b c");
        assert_eq!(OneLine::new("ngày \u{a0}\u{a0} "), "ngày \u{a0}\u{a0} ");
        assert_eq!(OneLine::new(String::new()), "");
        assert!(!OneLine::new("x\r\ry\n").contains(['\n', '\r']));
    }

    #[test]
    fn serializes_as_a_plain_string() {
        let v = serde_json::to_value(OneLine::new("một\nhai")).unwrap();
        assert_eq!(v, serde_json::json!("một hai"));
    }
}
