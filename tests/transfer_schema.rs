//! The shipped JSON Schema (static/sitrep.schema.json) matches real exports, and refuses broken ones.
#![cfg(not(target_arch = "wasm32"))]

#[path = "transfer_support.rs"]
mod support;

use jsonschema::Validator;
use proptest::prelude::*;
use serde_json::{json, Value};
use sitrep::domain::{EventKind, Priority, PriorityOverride};
use sitrep::transfer::export;

const SCHEMA: &str = include_str!("../static/sitrep.schema.json");
const V1: &str = include_str!("fixtures/v1-inc-0042-resolved-and-a-drill.json");

fn validator() -> Validator {
    let schema: Value = serde_json::from_str(SCHEMA).unwrap_or_default();
    assert!(
        jsonschema::meta::is_valid(&schema),
        "the schema itself is valid draft 2020-12"
    );
    match jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
    {
        Ok(validator) => validator,
        Err(error) => panic!("schema does not compile: {error}"),
    }
}

fn problems(validator: &Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// An export holding every kind of event, an override, a drill and unknown fields.
fn full_export() -> Value {
    let mut incidents = support::incidents(8, 9);
    incidents[0].timeline.push(support::event(
        1,
        50,
        60,
        EventKind::PriorityChanged {
            from: Priority::P3,
            to: Priority::P1,
            reason: Some("VIP".into()),
        },
    ));
    incidents[0].priority_override = Some(PriorityOverride {
        priority: Priority::P1,
        reason: "VIP".into(),
    });
    incidents[1].aliases = vec!["INC-0900".into()];
    incidents[1]
        .extra
        .insert("from_a_newer_sitrep".into(), json!({"x": [1, 2]}));
    incidents[2].commander = None;
    serde_json::from_str(&export(&incidents, support::at(0))).unwrap_or_default()
}

#[test]
fn real_exports_are_valid() {
    let validator = validator();
    let fixture: Value = serde_json::from_str(V1).unwrap_or_default();
    assert_eq!(problems(&validator, &fixture), Vec::<String>::new());
    assert_eq!(problems(&validator, &full_export()), Vec::<String>::new());
    let empty: Value = serde_json::from_str(&export(&[], support::at(0))).unwrap_or_default();
    assert_eq!(problems(&validator, &empty), Vec::<String>::new());
}

#[test]
fn broken_exports_are_invalid() {
    let validator = validator();
    type Edit = fn(&mut Value);
    let edits: [(&str, Edit); 10] = [
        ("a missing title", |f| {
            drop(f["incidents"][0].as_object_mut().map(|i| i.remove("title")))
        }),
        ("impact as a number", |f| {
            f["incidents"][0]["impact"] = json!(5)
        }),
        ("an unknown state", |f| {
            f["incidents"][0]["state"] = json!("done")
        }),
        ("a note without text", |f| {
            drop(
                f["incidents"][0]["timeline"][1]
                    .as_object_mut()
                    .map(|e| e.remove("text")),
            )
        }),
        ("an unknown event type", |f| {
            f["incidents"][0]["timeline"][0]["type"] = json!("exploded")
        }),
        ("an unknown event field", |f| {
            f["incidents"][0]["timeline"][0]["mood"] = json!("calm")
        }),
        ("a bad date", |f| {
            f["incidents"][0]["created_at"] = json!("yesterday")
        }),
        ("a bad id", |f| f["incidents"][0]["id"] = json!("42")),
        ("a newer version", |f| f["version"] = json!(2)),
        ("another format", |f| f["format"] = json!("tldraw")),
    ];
    for (what, edit) in edits {
        let mut file = full_export();
        assert!(validator.is_valid(&file));
        edit(&mut file);
        assert!(!validator.is_valid(&file), "{what} should be invalid");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn generated_exports_are_valid(incidents in support::any_incidents()) {
        let validator = validator();
        let file: Value = serde_json::from_str(&export(&incidents, support::at(0))).unwrap_or_default();
        prop_assert_eq!(problems(&validator, &file), Vec::<String>::new());
    }
}
