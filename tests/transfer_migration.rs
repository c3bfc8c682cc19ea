//! Migrations invent events for what an old file stated without a timeline entry; their ids are
//! derived from the incident and what the event says, so two copies of one version-1 incident
//! that went their own ways give distinct events, and merging them shows where they disagree.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;

use serde_json::{json, Value};
use sitrep::domain::roles::Role;
use sitrep::domain::{Incident, State, Topic};
use sitrep::transfer::{parse_file, plan_import, Limits, Outcome};
use support::ctx;
use uuid::Uuid;

const V1: &str = include_str!("fixtures/v1-inc-0042-resolved-and-a-drill.json");

/// The fixture's INC-0042 alone, with `edit` applied to it, as a version-1 file.
fn v1_copy(edit: impl FnOnce(&mut Value)) -> Vec<u8> {
    let mut file: Value = serde_json::from_str(V1).unwrap_or_default();
    let mut incident = file["incidents"][0].clone();
    edit(&mut incident);
    file["incidents"] = json!([incident]);
    serde_json::to_vec_pretty(&file).unwrap_or_default()
}

fn read(bytes: &[u8]) -> Incident {
    match parse_file(bytes, &Limits::default()) {
        Ok(mut file) if file.incidents.len() == 1 => file.incidents.remove(0),
        Ok(file) => panic!("expected one incident, got {}", file.incidents.len()),
        Err(error) => panic!("{error}"),
    }
}

fn ids(incident: &Incident) -> BTreeSet<Uuid> {
    incident.events().iter().map(|e| e.id).collect()
}

/// Copy A says the incident was closed and Ana Lopez commands it; copy B says it went back to
/// investigating under Lena Ortiz. Neither timeline says so: the migration writes it in.
fn closed_by_ana() -> Vec<u8> {
    v1_copy(|i| {
        i["state"] = json!("closed");
        i["commander"] = json!("Ana Lopez");
    })
}

fn reopened_by_lena() -> Vec<u8> {
    v1_copy(|i| {
        i["state"] = json!("investigating");
        i["commander"] = json!("Lena Ortiz");
    })
}

#[test]
fn a_copy_whose_fields_match_its_timeline_gets_no_invented_event() {
    let original = read(&v1_copy(|_| {}));
    let timeline = serde_json::from_str::<Value>(V1).unwrap_or_default()["incidents"][0]
        ["timeline"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(original.events().len(), timeline);
}

#[test]
fn the_same_copy_migrated_twice_gives_the_same_ids() {
    assert_eq!(read(&closed_by_ana()), read(&closed_by_ana()));
}

#[test]
fn diverged_copies_give_distinct_ids_to_the_events_the_migration_invented() {
    let original = ids(&read(&v1_copy(|_| {})));
    let a = read(&closed_by_ana());
    let b = read(&reopened_by_lena());
    assert_eq!((a.state, b.state), (State::Closed, State::Investigating));
    assert_eq!(
        (a.commander.as_deref(), b.commander.as_deref()),
        (Some("Ana Lopez"), Some("Lena Ortiz"))
    );
    let invented_a: BTreeSet<Uuid> = ids(&a).difference(&original).copied().collect();
    let invented_b: BTreeSet<Uuid> = ids(&b).difference(&original).copied().collect();
    assert_eq!(invented_a.len(), 2, "a state change and a role assignment");
    assert_eq!(invented_b.len(), 2, "a state change and a role assignment");
    assert!(
        invented_a.is_disjoint(&invented_b),
        "what the copies say differently has different ids: {invented_a:?} {invented_b:?}"
    );
}

#[test]
fn merging_diverged_migrated_copies_marks_what_they_disagree_on() {
    let a = read(&closed_by_ana());
    let file = match parse_file(&reopened_by_lena(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    };
    let plan = plan_import([&a], file, &ctx(900, "Importer", 900));
    let Outcome::Merge { conflicts, .. } = &plan.items[0].outcome else {
        panic!("expected a merge: {:?}", plan.items[0].outcome);
    };
    assert_eq!(conflicts, &vec![Topic::State, Topic::Role(Role::Commander)]);
    let merged = &plan.to_write[0];
    let b = read(&reopened_by_lena());
    assert_eq!(merged, &Incident::merge(&b, &a), "the same in either order");
    assert_eq!(merged.events().len(), a.events().len() + 2);
    assert_eq!(merged.conflicts(Topic::State).len(), 1);
    assert_eq!(merged.conflicts(Topic::Role(Role::Commander)).len(), 1);
    assert!(merged.conflicts(Topic::Assessment).is_empty());
}
