//! Writing a plan as YAML meant for people: keys in schema order (the struct's field
//! order), long text as folded blocks, lists indented the way the example plans are, a
//! blank line between top-level keys, and comments where a clerk needs them.
//!
//! Loading the text again gives the same [`Plan`] (tested below and in tests/derive.rs).

use crate::plan::Plan;

/// Comments written above a top-level key, e.g. to say what to fill in before `dia_danh`.
pub type KeyNotes<'a> = &'a [(&'a str, &'a str)];

/// The YAML of `plan`: `header` lines as comments on top, `notes` above their keys.
pub fn to_yaml(
    plan: &Plan,
    header: &[String],
    notes: KeyNotes,
) -> Result<String, serde_saphyr::SerializeError> {
    let options = serde_saphyr::ser_options! {
        compact_list_indent: false,
        folded_wrap_chars: 96,
    };
    let body = serde_saphyr::to_string_with_options(plan, options)?;
    let mut out = String::with_capacity(body.len() + 2048);
    out.push_str("# yaml-language-server: $schema=../kehoach.schema.json\n");
    for line in header {
        push_comment(&mut out, line);
    }
    for line in body.lines() {
        // Top-level keys are the only lines starting with a letter in column 0: block
        // scalars and nested maps are indented.
        if let Some(key) = top_level_key(line) {
            out.push('\n');
            if let Some((_, note)) = notes.iter().find(|(k, _)| *k == key) {
                for l in note.lines() {
                    push_comment(&mut out, l);
                }
            }
        }
        out.push_str(line);
        out.push('\n');
    }
    Ok(out)
}

fn top_level_key(line: &str) -> Option<&str> {
    let first = line.chars().next()?;
    if !first.is_ascii_lowercase() {
        return None;
    }
    let key = &line[..line.find(':')?];
    key.bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'_')
        .then_some(key)
}

fn push_comment(out: &mut String, line: &str) {
    if line.is_empty() {
        out.push_str("#\n");
    } else {
        // A comment is one line: a newline inside would end it and start YAML.
        out.push_str("# ");
        out.push_str(&line.replace(['\n', '\r'], " "));
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    #[test]
    fn the_example_plans_survive_a_round_trip() {
        for name in ["ninh-hoa-2325-2021.yaml", "ninh-ha-114-2021.yaml"] {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("plans")
                .join(name);
            let text = std::fs::read_to_string(&path).unwrap();
            let plan = crate::load::load_str(&path, &text).unwrap().plan;
            let header = vec![
                "a header".to_owned(),
                String::new(),
                "line\nbreak".to_owned(),
            ];
            let yaml = to_yaml(&plan, &header, &[("dia_danh", "fill in so and ngay")]).unwrap();
            assert!(
                yaml.contains("\n# fill in so and ngay\ndia_danh:"),
                "{yaml}"
            );
            assert!(yaml.contains("# line break\n"));
            let back = crate::load::load_str(Path::new("back.yaml"), &yaml)
                .unwrap_or_else(|f| panic!("{name}: {:?}\n{yaml}", f.diagnostics));
            assert_eq!(back.plan, plan, "{name}");
        }
    }
}
