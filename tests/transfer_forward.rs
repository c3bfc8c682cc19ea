//! Forward compatibility: a format-3 file holding events of kinds this build does not know (a
//! newer Sitrep wrote them) is read, folds them to nothing, keeps them through export, storage
//! and merges byte for byte, and names them in the timeline; a known kind that is malformed is
//! still refused where it stands.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use serde_json::{json, Value};
use sitrep::components::words::describe;
use sitrep::domain::commands::RoleCommand;
use sitrep::domain::roles::Expert;
use sitrep::domain::{Change, Command, Event, Incident};
use sitrep::transfer::wire::{incident_from_json, incident_to_json};
use sitrep::transfer::{parse_file, ImportError, Limits, ParsedFile};
use support::{act, at, export, note};

/// A real export (see [`the_fixture_is_a_real_export_with_two_events_added_by_hand`]) with two
/// events added by hand: a `task_added` with a payload and the unit kind `review_started`.
const FIXTURE: &str = include_str!("fixtures/v3-unknown-kinds.json");

const TASK_ADDED: &str = "51a4c83d-cb9f-463f-99c7-11ee9f8c49f6";
const REVIEW_STARTED: &str = "2d60f205-5001-4731-9c3e-c0da3439d1bd";

fn parse(text: &str) -> ParsedFile {
    match parse_file(text.as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    }
}

/// The fixture's one incident, as read.
fn read() -> Incident {
    let mut file = parse(FIXTURE);
    assert_eq!(file.incidents.len(), 1);
    file.incidents.remove(0)
}

fn unknown(incident: &Incident) -> Vec<&Event> {
    incident
        .events()
        .iter()
        .filter(|e| matches!(e.change, Change::Unknown(_)))
        .collect()
}

/// The same incident without the events this build does not know.
fn without_unknown(incident: &Incident) -> Incident {
    let known = incident
        .events()
        .iter()
        .filter(|e| !matches!(e.change, Change::Unknown(_)))
        .cloned()
        .collect();
    support::replayed(incident, known)
}

#[test]
fn the_fixture_is_a_real_export_with_two_events_added_by_hand() {
    // How the fixture was made: this incident exported, then two events written in by hand.
    let base = support::incident(42, 6);
    let built = act(
        &base,
        Command::Roles(RoleCommand::AddExpert(Expert {
            person: "Dana Kim".into(),
            area: "database".into(),
        })),
        7,
        "Ana",
        77,
    );
    assert_eq!(without_unknown(&read()), built);
    assert_eq!(
        export([&without_unknown(&read())], at(60)),
        export([&built], at(60))
    );
}

#[test]
fn a_file_with_events_of_unknown_kinds_is_accepted_and_keeps_them_as_written() {
    let file = parse(FIXTURE);
    assert_eq!(file.source_version, 3);
    let incident = &file.incidents[0];
    let kept: Vec<(String, &str, Value)> = unknown(incident)
        .into_iter()
        .map(|e| match &e.change {
            Change::Unknown(u) => (e.id.to_string(), u.kind.as_str(), u.raw.clone()),
            _ => unreachable!("filtered"),
        })
        .collect();
    assert_eq!(
        kept,
        vec![
            (
                TASK_ADDED.to_string(),
                "task_added",
                json!({"task_added": {
                    "task": "b86ce3b3-41ea-4f71-87d1-e122a3062b36",
                    "title": "Page the DBA",
                    "due": "2026-11-26T11:00:00Z"
                }})
            ),
            (
                REVIEW_STARTED.to_string(),
                "review_started",
                json!("review_started")
            ),
        ]
    );
    let review = unknown(incident)[1];
    assert_eq!(
        (review.actor.as_str(), review.recorded_at, review.at),
        ("Cy", at(4) + chrono::TimeDelta::seconds(30), at(4)),
        "the envelope of an unknown event is read like any other"
    );
}

#[test]
fn events_of_unknown_kinds_fold_to_nothing() {
    let with = read();
    let without = without_unknown(&with);
    assert_eq!(with.events().len(), without.events().len() + 2);
    assert_ne!(with, without, "the logs differ");
    assert_eq!(*with, *without, "every field is the same");
    assert_eq!(with.parts(), without.parts(), "every register is the same");
}

#[test]
fn export_import_export_gives_back_the_fixture_byte_for_byte() {
    let file = parse(FIXTURE);
    let text = export(&file.incidents, file.exported_at);
    assert_eq!(text, FIXTURE);
    assert_eq!(parse(&text).incidents, file.incidents);
}

#[test]
fn a_stored_record_read_back_keeps_the_unknown_events() {
    let incident = read();
    let stored = match incident_to_json(&incident) {
        Ok(json) => json,
        Err(error) => panic!("{error}"),
    };
    assert!(stored.contains("\"review_started\"") && stored.contains("\"task_added\""));
    let reloaded = match incident_from_json(&stored) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(reloaded, incident);
    assert_eq!(*reloaded, *incident);
    assert_eq!(unknown(&reloaded), unknown(&incident));
}

#[test]
fn merging_with_a_copy_that_lacks_them_keeps_them() {
    let with = read();
    let without = without_unknown(&with);
    for merged in [
        Incident::merge(&with, &without),
        Incident::merge(&without, &with),
    ] {
        assert_eq!(merged, with);
    }
    // A copy that went on without them: its new work and the unknown events are both kept.
    let later = act(&without, note("Failover done"), 30, "Bo", 300);
    for merged in [
        Incident::merge(&with, &later),
        Incident::merge(&later, &with),
    ] {
        assert_eq!(merged.events().len(), with.events().len() + 1);
        assert_eq!(unknown(&merged), unknown(&with));
        let text = export([&merged], at(60));
        assert!(text.contains("\"review_started\"") && text.contains("\"Page the DBA\""));
    }
}

#[test]
fn the_timeline_says_they_were_written_by_a_newer_version() {
    let incident = read();
    let events = unknown(&incident);
    assert_eq!(events.len(), 2);
    for (event, kind) in events.into_iter().zip(["task_added", "review_started"]) {
        let words = describe(&incident, event);
        assert!(
            words.contains("written by a newer version of Sitrep"),
            "{words}"
        );
        assert!(words.contains(kind), "names the kind: {words}");
    }
}

#[test]
fn a_known_kind_with_a_malformed_value_is_still_refused_where_it_stands() {
    let mut value: Value = serde_json::from_str(FIXTURE).unwrap_or_default();
    value["incidents"][0]["events"][1]["change"] = json!({"state_changed": {"from": "reported"}});
    let text = serde_json::to_string_pretty(&value).unwrap_or_default();
    match parse_file(text.as_bytes(), &Limits::default()) {
        Err(error) => {
            support::assert_sentence(&error);
            assert_eq!(
                error,
                ImportError::Invalid {
                    path: "incidents[0].events[1].change.state_changed".into(),
                    msg: "missing field `to`".into(),
                }
            );
        }
        Ok(_) => panic!("a state change without `to` was accepted"),
    }
}

#[test]
fn an_unknown_kind_is_kept_whatever_its_value_holds() {
    let mut value: Value = serde_json::from_str(FIXTURE).unwrap_or_default();
    let raw = json!({"task_added": [7, null, {"nested": true}], "and_more": "x"});
    value["incidents"][0]["events"][3]["change"] = raw.clone();
    let file = parse(&serde_json::to_string_pretty(&value).unwrap_or_default());
    match &file.incidents[0].events()[3].change {
        Change::Unknown(u) => assert_eq!((u.kind.as_str(), &u.raw), ("task_added", &raw)),
        other => panic!("expected an unknown change, got {other:?}"),
    }
}
