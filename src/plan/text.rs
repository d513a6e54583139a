//! `Text`: a string from the plan together with where it was written.
//!
//! Every diagnostic `check` reports points back into the YAML, so the strings a rule
//! can complain about carry their source location. Equality ignores the location:
//! two plans are the same plan when they say the same things.

use std::fmt;
use std::ops::Deref;

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A position in a plan file: 1-based line and column, plus the byte range when known.
/// `line == 0` means "not from a file" (text made by `derive`, `import` or a test).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
    pub offset: u32,
    pub len: u32,
}

impl Loc {
    pub const UNKNOWN: Loc = Loc {
        line: 0,
        col: 0,
        offset: 0,
        len: 0,
    };

    pub(crate) fn is_known(&self) -> bool {
        self.line > 0
    }

    pub(crate) fn from_saphyr(l: serde_saphyr::Location) -> Loc {
        let span = l.span();
        Loc {
            line: l.line() as u32,
            col: l.column() as u32,
            offset: span.byte_offset().unwrap_or(0) as u32,
            len: span.byte_len().unwrap_or(0) as u32,
        }
    }
}

/// A string of the plan with its location in the YAML file.
#[derive(Clone, Default)]
pub struct Text {
    pub value: String,
    pub at: Loc,
}

impl Text {
    /// Text that does not come from a file (made by a command, not typed by a clerk).
    pub fn new(value: impl Into<String>) -> Text {
        Text {
            value: value.into(),
            at: Loc::UNKNOWN,
        }
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.value
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.value == other.value
    }
}
impl Eq for Text {}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.value == *other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.value, f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.value)
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::new(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        Text::new(s)
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Text, D::Error> {
        let spanned = serde_saphyr::Spanned::<String>::deserialize(d)?;
        Ok(Text {
            value: spanned.value,
            at: Loc::from_saphyr(spanned.referenced),
        })
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.value)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "String".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        // YAML reads `so: 114` as a number; kehoach keeps it as text, so accept both.
        schemars::json_schema!({ "type": ["string", "number"] })
    }
    fn inline_schema() -> bool {
        true
    }
}
