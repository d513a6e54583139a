//! The language of everything a user reads: Vietnamese by default, English with
//! `--lang en` or `KEHOACH_LANG=en`. Messages live in one catalogue per language
//! (`locales/vi.yml`, `locales/en.yml`), embedded in the binary; code names a message
//! by its key (`t!("date.forms")`), and a test holds the two catalogues to the same
//! keys.

use std::borrow::Cow;

pub use rust_i18n::t;

/// The languages kehoach speaks.
pub const LANGUAGES: [&str; 2] = ["vi", "en"];

/// Chooses the language: the flag if given, else `KEHOACH_LANG`, else Vietnamese.
/// An unknown code (or `vi_VN.UTF-8`-style spelling) is read by its first two letters.
pub fn choose(flag: Option<&str>) -> &'static str {
    let env = std::env::var("KEHOACH_LANG").ok();
    let wanted = flag.or(env.as_deref()).unwrap_or("vi");
    let lang = if wanted.trim().to_ascii_lowercase().starts_with("en") {
        "en"
    } else {
        "vi"
    };
    rust_i18n::set_locale(lang);
    lang
}

thread_local! {
    /// A language set for one thread (tests), over the process-wide one.
    static THREAD_LANG: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

/// The current language's text for `key`, if the catalogue has it.
pub fn lookup(key: &str) -> Option<Cow<'static, str>> {
    match THREAD_LANG.with(|l| l.get()) {
        Some(lang) => crate::_rust_i18n_try_translate(lang, key),
        None => crate::_rust_i18n_try_translate(&rust_i18n::locale(), key),
    }
}

/// The current language's text for `key` with its `%{name}` placeholders filled; the
/// key itself when the catalogue lacks it (a test keeps that from happening).
pub fn format(key: &str, args: &[(&str, String)]) -> String {
    let mut text = lookup(key)
        .map(Cow::into_owned)
        .unwrap_or_else(|| key.to_owned());
    for (name, value) in args {
        text = text.replace(&format!("%{{{name}}}"), value);
    }
    text
}

/// A message from the catalogue: `msg!("load.read", path = p.display())`. Usable from
/// the binary too (rust-i18n's `t!` only works inside the crate that embeds the
/// catalogue).
#[macro_export]
macro_rules! msg {
    ($key:expr $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::format($key, &[$((stringify!($name), ($value).to_string())),*])
    };
}

/// Whether `lang`'s catalogue has `key` (without falling back to the other language).
pub fn has(lang: &str, key: &str) -> bool {
    crate::_rust_i18n_try_translate(lang, key).is_some()
}

/// "`x` is not a date" with the forms a clerk may use.
pub(crate) fn date_not_a_date(raw: &str) -> String {
    crate::msg!(
        "date.not_a_date",
        raw = raw,
        forms = crate::msg!("date.forms")
    )
}

/// A month outside 1–12.
pub(crate) fn date_no_month(raw: &str, month: u32) -> String {
    t!(
        "date.no_month",
        raw = raw,
        month = month,
        forms = t!("date.forms")
    )
    .into_owned()
}

/// A day the month does not have (31/4, 29/2 of a common year).
pub(crate) fn date_no_day(raw: &str, year: i32, month: u32, day: u32) -> String {
    t!(
        "date.no_day",
        raw = raw,
        year = year,
        month = month,
        day = day
    )
    .into_owned()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    fn flatten(prefix: &str, v: &serde_json::Value, out: &mut BTreeSet<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    let key = if prefix.is_empty() {
                        k.clone()
                    } else {
                        format!("{prefix}.{k}")
                    };
                    flatten(&key, v, out);
                }
            }
            _ => {
                out.insert(prefix.to_owned());
            }
        }
    }

    fn catalogue(lang: &str) -> BTreeSet<String> {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("locales/{lang}.yml"));
        let text = std::fs::read_to_string(&path).expect("the catalogue is readable");
        let value: serde_json::Value =
            serde_saphyr::from_str(&text).expect("the catalogue is YAML");
        let mut keys = BTreeSet::new();
        flatten("", &value, &mut keys);
        keys
    }

    /// The keys the code asks for: every `t!("…"` and `msg!("…"` in src/.
    fn keys_used() -> BTreeSet<String> {
        let re =
            regex::Regex::new(r#"(?:^|[^A-Za-z0-9_])(?:t|msg)!\(\s*"([A-Za-z0-9_.]+)""#).unwrap();
        let mut keys = BTreeSet::new();
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        for entry in walkdir::WalkDir::new(src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(entry.path()).unwrap();
                for c in re.captures_iter(&text) {
                    keys.insert(c[1].to_owned());
                }
            }
        }
        keys
    }

    #[test]
    fn every_message_has_its_vietnamese_and_english_text() {
        let vi = catalogue("vi");
        let en = catalogue("en");
        let only_vi: Vec<_> = vi.difference(&en).collect();
        let only_en: Vec<_> = en.difference(&vi).collect();
        assert!(only_vi.is_empty(), "keys without English text: {only_vi:?}");
        assert!(
            only_en.is_empty(),
            "keys without Vietnamese text: {only_en:?}"
        );
        let used = keys_used();
        assert!(used.len() > 3, "the scan found the t! calls");
        for key in &used {
            assert!(
                vi.contains(key),
                "`{key}` is used but has no Vietnamese text"
            );
            assert!(en.contains(key), "`{key}` is used but has no English text");
            // And the embedded catalogue (what the binary carries) has it too.
            assert!(has("vi", key) && has("en", key), "`{key}` is not embedded");
        }
    }

    #[test]
    fn vietnamese_unless_english_is_asked_for() {
        let en = t!("date.forms", locale = "en");
        let vi = t!("date.forms", locale = "vi");
        assert!(en.starts_with("write the date"), "{en}");
        assert!(vi.starts_with("viết ngày"), "{vi}");
    }
}

/// For tests that need one language: sets it for the current thread only (tests run
/// on several threads at once), and puts the previous one back when dropped.
#[doc(hidden)]
pub mod tests_support {
    pub struct Lang {
        previous: Option<&'static str>,
    }

    impl Lang {
        pub fn set(lang: &'static str) -> Lang {
            let previous = super::THREAD_LANG.with(|l| l.replace(Some(lang)));
            Lang { previous }
        }
    }

    impl Drop for Lang {
        fn drop(&mut self) {
            super::THREAD_LANG.with(|l| l.set(self.previous));
        }
    }
}
