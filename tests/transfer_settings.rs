//! Settings in files: a full export carries them, they read back the same, a malformed entry is
//! refused whole with its place, and the import preview says what applying them would change.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use sitrep::domain::commands::AssessmentCommand;
use sitrep::domain::settings::{Person, Settings, SettingsDiff};
use sitrep::domain::{Command, Level, Priority};
use sitrep::transfer::{export_all, parse_file, plan_settings, ImportError, Limits};

fn settings() -> Settings {
    Settings::default()
        .with_person(Person {
            name: "Ana Lima".into(),
            team: "SRE".into(),
            contact: "+44 20 7946 0000".into(),
        })
        .unwrap()
        .with_person(Person {
            name: "Ben".into(),
            team: String::new(),
            contact: String::new(),
        })
        .unwrap()
        .with_cell(Level::Low, Level::Low, Priority::P4)
        .with_remind_days(14)
        .unwrap()
}

fn written(settings: &Settings) -> String {
    export_all(&support::incidents(2, 3), settings, support::at(0)).expect("the file is written")
}

#[test]
fn a_full_export_carries_the_settings_and_reads_them_back_byte_for_byte() {
    let text = written(&settings());
    let file: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(file["settings"]["people"][0]["name"], "Ana Lima");
    assert_eq!(file["settings"]["priority_matrix"]["low"]["low"], "P4");
    assert_eq!(file["settings"]["remind_days"], 14);
    let parsed = parse_file(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.settings, Some(settings()));
    let again = export_all(&parsed.incidents, &settings(), parsed.exported_at).unwrap();
    assert_eq!(again, text);
}

#[test]
fn a_file_without_settings_has_none_and_missing_parts_take_the_defaults() {
    let plain = support::export(&support::incidents(1, 2), support::at(0));
    let parsed = parse_file(plain.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.settings, None);
    let mut file: Value = serde_json::from_str(&plain).unwrap();
    file["settings"] = json!({ "people": [{ "name": "Chen" }] });
    let parsed = parse_file(file.to_string().as_bytes(), &Limits::default()).unwrap();
    let read = parsed.settings.unwrap();
    assert_eq!(read.people[0].name, "Chen");
    assert_eq!(read.matrix, Settings::default().matrix);
    assert_eq!(read.remind_days, Settings::default().remind_days);
}

fn refused(edit: impl FnOnce(&mut Value), path: &str, msg: &str) {
    let mut file: Value = serde_json::from_str(&written(&settings())).unwrap();
    edit(&mut file);
    let error = parse_file(file.to_string().as_bytes(), &Limits::default()).unwrap_err();
    assert_eq!(
        error,
        ImportError::Invalid {
            path: path.into(),
            msg: msg.into()
        }
    );
    support::assert_sentence(&error);
}

#[test]
fn malformed_settings_are_refused_whole_with_their_place() {
    refused(
        |f| f["settings"]["people"] = json!([{ "name": "A" }, { "name": "B" }, { "name": "  " }]),
        "settings.people[2].name",
        "empty; a person needs a name",
    );
    refused(
        |f| f["settings"]["people"] = json!([{ "name": "Ana" }, { "name": "ana" }]),
        "settings.people[1].name",
        "another person in the list has this name",
    );
    refused(
        |f| f["settings"]["priority_matrix"]["medium"]["high"] = json!("P9"),
        "settings.priority_matrix.medium.high",
        "not a known priority (\"P9\")",
    );
    refused(
        |f| {
            f["settings"]["priority_matrix"]["high"]
                .as_object_mut()
                .map(|row| row.remove("low"));
        },
        "settings.priority_matrix.high",
        "missing field `low`",
    );
    refused(
        |f| f["settings"]["remind_days"] = json!(0),
        "settings.remind_days",
        "0 days; the reminder interval is 1 to 365 days",
    );
}

#[test]
fn the_preview_lists_what_applying_a_files_settings_changes_and_nothing_when_equal() {
    let ours = Settings::default()
        .with_person(Person {
            name: "Ben".into(),
            team: "Network".into(),
            contact: String::new(),
        })
        .unwrap();
    let plan = plan_settings(&ours, Some(&settings())).expect("something changes");
    let names: Vec<&str> = plan.diff.added.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, vec!["Ana Lima"]);
    assert_eq!(plan.diff.changed.len(), 1, "Ben's team changes");
    assert_eq!(plan.diff.cells.len(), 1);
    assert_eq!(plan.applied.remind_days, ours.remind_days);
    assert_eq!(plan_settings(&plan.applied, Some(&settings())), None);
    assert_eq!(plan_settings(&ours, None), None);
    assert!(SettingsDiff::between(&plan.applied, &plan.applied).is_empty());
}

#[test]
fn the_next_assessment_follows_the_matrix_and_incidents_keep_their_priority() {
    let incident = support::incident(1, 1);
    let impact = incident.impact;
    let before = incident.priority();
    let edited = Settings::default().with_cell(impact, Level::Low, Priority::P1);
    let ctx = support::ctx(30, "Ana", 7).with_matrix(edited.matrix);
    let reassessed = sitrep::domain::execute(
        &incident,
        Command::Assessment(AssessmentCommand::Assess {
            impact,
            urgency: Level::Low,
        }),
        &ctx,
    )
    .unwrap();
    assert_eq!(reassessed.priority(), Priority::P1, "the edited cell");
    assert_eq!(
        incident.priority(),
        before,
        "the incident as assessed keeps its priority"
    );
    // Another browser with the default matrix reads the same file and agrees.
    let text = support::export([&reassessed], support::at(40));
    let parsed = parse_file(text.as_bytes(), &Limits::default()).unwrap();
    assert_eq!(parsed.incidents[0].priority(), Priority::P1);
}
