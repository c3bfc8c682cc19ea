//! Fuzzing the reader: arbitrary bytes, JSON-like text and damaged exports never panic, and errors name a place.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::sync::OnceLock;

use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{json, Map, Value};
use sitrep::transfer::{parse_file, ImportError, Limits, ParsedFile};
use support::{export, export_with_scenarios};

/// Small limits, so that fuzzed input reaches them too.
const TIGHT: Limits = Limits {
    max_file_bytes: 64 * 1024,
    max_depth: 8,
    max_incidents: 3,
    max_events_per_incident: 6,
    max_list_items: 4,
    max_values: 400,
    max_string_chars: 40,
};

fn valid_export() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| {
        let mut incidents = support::incidents(2, 5);
        let mut extra = Map::new();
        extra.insert("future".into(), json!({"list": [1, 2.5, "x", null, true]}));
        let first = &incidents[0];
        incidents[0] = sitrep::domain::Incident::from_log(first.id(), first.log().clone(), extra)
            .unwrap_or_else(|e| panic!("{e}"));
        let scenarios = [json!({"name": "drill", "injects": [{"minute": 3}]})];
        export_with_scenarios(&incidents, &scenarios, support::at(0))
    })
}

/// Parses with both the default and the tight limits; both must return, never panic.
fn parse_both(bytes: &[u8]) -> Result<ParsedFile, ImportError> {
    let _ = parse_file(bytes, &TIGHT);
    parse_file(bytes, &Limits::default())
}

/// An accepted file re-exports and reads back to the same incidents.
fn check_accepted(result: &Result<ParsedFile, ImportError>) -> Result<(), TestCaseError> {
    match result {
        Ok(file) => {
            let written = export(&file.incidents, file.exported_at);
            let again = parse_file(written.as_bytes(), &Limits::default());
            let rewritten = again.map(|f| export(&f.incidents, f.exported_at));
            prop_assert_eq!(rewritten, Ok(written));
        }
        Err(error) => {
            support::assert_sentence(error);
            if let ImportError::Invalid { path, msg } = error {
                let top = path.split(['[', '.']).next().unwrap_or_default();
                prop_assert!(
                    [
                        "incidents",
                        "scenarios",
                        "exported_at",
                        "generator",
                        "version",
                        "format"
                    ]
                    .contains(&top),
                    "the place names a part of the file: {:?}",
                    error
                );
                prop_assert!(!msg.is_empty() && !msg.contains(" at line "), "{:?}", error);
            }
        }
    }
    Ok(())
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e300f64..1e300).prop_map(Value::from),
        "\\PC{0,12}".prop_map(Value::from),
        Just(json!("2026-11-26T10:00:00Z")),
        Just(json!("00000000-0000-4000-8000-00000000000f")),
        Just(json!("note")),
        Just(json!("high")),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{1,10}", inner, 0..4)
                .prop_map(|m| Value::Object(m.into_iter().collect::<Map<String, Value>>())),
        ]
    })
}

/// Every JSON pointer in `value`.
fn pointers(value: &Value, here: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                pointers(
                    child,
                    format!("{here}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (n, child) in items.iter().enumerate() {
                pointers(child, format!("{here}/{n}"), out);
            }
        }
        _ => {}
    }
    out.push(here);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1_000, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_accepted(&parse_both(&bytes))?;
    }

    #[test]
    fn json_like_text_never_panics(text in "[\\[\\]{}\",:0-9a-z\\\\ .eE+\\-\u{e9}\n]{0,300}") {
        check_accepted(&parse_both(text.as_bytes()))?;
    }

    #[test]
    fn sitrep_like_text_never_panics(
        body in "(\\{|\\}|\\[|\\]|,|:|\"incidents\"|\"timeline\"|\"format\"|\"sitrep\"|\"version\"|1|0|\"x\"|null|\\\\u00e9){0,60}"
    ) {
        let text = format!(r#"{{"format":"sitrep","version":1,"exported_at":"2026-11-26T10:00:00Z",{body}"#);
        check_accepted(&parse_both(text.as_bytes()))?;
    }

    #[test]
    fn truncated_exports_never_panic(cut in any::<Index>()) {
        let text = valid_export().as_bytes();
        let cut = cut.index(text.len());
        let result = parse_both(&text[..cut]);
        if cut < valid_export().trim_end().len() {
            let cut_off = matches!(result, Err(ImportError::NotJson { .. }) | Err(ImportError::Empty));
            prop_assert!(cut_off, "{:?}", result);
        } else {
            prop_assert!(result.is_ok(), "only the final newline is missing");
        }
    }

    #[test]
    fn damaged_exports_never_panic(
        flips in prop::collection::vec((any::<Index>(), any::<u8>()), 1..6),
        cut in prop::option::of((any::<Index>(), any::<Index>())),
    ) {
        let mut bytes = valid_export().as_bytes().to_vec();
        for (at, byte) in flips {
            let at = at.index(bytes.len());
            bytes[at] = byte;
        }
        if let Some((from, len)) = cut {
            let from = from.index(bytes.len());
            let to = (from + len.index(64)).min(bytes.len());
            bytes.drain(from..to);
        }
        check_accepted(&parse_both(&bytes))?;
    }

    #[test]
    fn exports_with_a_replaced_value_never_panic(at in any::<Index>(), replacement in any_json(), remove in any::<bool>()) {
        let mut value: Value = serde_json::from_str(valid_export()).unwrap_or_default();
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        let pointer = &all[at.index(all.len())];
        let (parent, key) = pointer.rsplit_once('/').unwrap_or(("", ""));
        let removable = remove && value.pointer(parent).is_some_and(Value::is_object);
        if removable {
            if let Some(Value::Object(map)) = value.pointer_mut(parent) {
                map.remove(&key.replace("~1", "/").replace("~0", "~"));
            }
        } else if let Some(slot) = value.pointer_mut(pointer) {
            *slot = replacement;
        }
        let bytes = serde_json::to_vec_pretty(&value).unwrap_or_default();
        check_accepted(&parse_both(&bytes))?;
    }
}
