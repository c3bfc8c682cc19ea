//! Real files: fixtures of every format version keep importing, the current version's bytes are
//! pinned by a golden file, and export → import → export is byte-stable.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, Utc};
use serde_json::{json, Map};
use sitrep::domain::details::DetailField;
use sitrep::domain::identity::IdentityEvent;
use sitrep::domain::notes::NoteEvent;
use sitrep::domain::roles::{Role, RolesEvent};
use sitrep::domain::{Change, Incident, IncidentKind, Log, Priority, State, Topic};
use sitrep::transfer::{file_name, parse_file, ExportScope, Limits, ParsedFile, GENERATOR};
use support::{act, at, commander, ctx, incident, note, set_title, transition};
use support::{export, export_with_scenarios};

const V0: &str = include_str!("fixtures/v0-prerelease-two-incidents.json");
const V1: &str = include_str!("fixtures/v1-inc-0042-resolved-and-a-drill.json");
const V2: &str = include_str!("fixtures/v2-two-copies-merged.json");
const V3: &str = include_str!("fixtures/v3-two-copies-merged.json");

fn parse(text: &str) -> ParsedFile {
    match parse_file(text.as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    }
}

fn time(text: &str) -> DateTime<Utc> {
    text.parse().unwrap_or_default()
}

fn notes(incident: &Incident) -> Vec<&str> {
    incident
        .events()
        .iter()
        .filter_map(|e| match &e.change {
            Change::Notes(NoteEvent::Added { text }) => Some(text.as_str()),
            _ => None,
        })
        .collect()
}

#[test]
fn the_v1_fixture_imports_with_every_field_and_timeline_entry() {
    let file = parse(V1);
    assert_eq!(file.source_version, 1);
    assert_eq!(file.generator, "sitrep 0.1.0");
    assert_eq!(file.exported_at, time("2026-11-26T10:05:00Z"));
    let references: Vec<&str> = file
        .incidents
        .iter()
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(references, ["INC-0042", "INC-0043"]);
    let real = &file.incidents[0];
    assert_eq!(real.title, "Card payments fail at checkout");
    assert_eq!(real.state, State::Resolved);
    assert_eq!(real.commander.as_deref(), Some("Ravi Patel"));
    assert_eq!(real.created_at, time("2026-11-26T09:12:00Z"));
    assert_eq!(
        real.milestones.acknowledged_at,
        Some(time("2026-11-26T09:14:30Z"))
    );
    assert_eq!(
        real.milestones.contained_at,
        Some(time("2026-11-26T09:41:00Z"))
    );
    assert_eq!(
        real.milestones.resolved_at,
        Some(time("2026-11-26T10:02:00Z"))
    );
    assert_eq!(real.events().len(), 10, "every v1 timeline entry is kept");
    assert!(real
        .parts()
        .slots()
        .iter()
        .all(|(topic, _)| real.conflicts(*topic).is_empty()));
    assert!(real
        .events()
        .iter()
        .all(|e| !matches!(&e.change, Change::Earlier(e) if e.field.is_empty())));
    let drill = &file.incidents[1];
    assert_eq!(drill.kind, IncidentKind::Drill);
    assert_eq!(drill.priority(), Priority::P1);

    let migrated = export(&file.incidents, file.exported_at);
    let again = parse(&migrated);
    assert_eq!(again.source_version, sitrep::transfer::CURRENT_VERSION);
    assert_eq!(again.incidents, file.incidents);
    assert_eq!(export(&again.incidents, again.exported_at), migrated);
}

#[test]
fn the_v0_fixture_keeps_importing() {
    let file = parse(V0);
    assert_eq!(file.source_version, 0);
    assert_eq!(file.generator, "");
    assert!(file.scenarios.is_empty());
    assert_eq!(file.incidents.len(), 2);
    let vpn = &file.incidents[0];
    assert_eq!(vpn.reference, "INC-0007");
    assert_eq!(
        vpn.priority(),
        Priority::P1,
        "the v0 `override` becomes the priority override"
    );
    assert_eq!(
        vpn.priority_override.as_ref().map(|o| o.reason.as_str()),
        Some("Payroll run depends on remote finance staff today")
    );
    assert_eq!(vpn.events().len(), 6);
    for event in vpn.events() {
        assert_eq!(event.at, event.recorded_at, "v0 had one time per event");
    }
    assert!(notes(vpn)
        .iter()
        .any(|t| t.starts_with("Concentrator logs")));
    assert_eq!(file.incidents[1].kind, IncidentKind::Drill);

    let migrated = export(&file.incidents, file.exported_at);
    let again = parse(&migrated);
    assert_eq!(again.source_version, sitrep::transfer::CURRENT_VERSION);
    assert_eq!(again.incidents, file.incidents);
}

/// A scripted history: two responders edit one incident apart, their copies are merged.
fn two_copies_merged() -> Incident {
    let base = act(&incident(43, 3), transition(State::Triaged), 10, "Ana", 1);
    let a = act(&base, commander("Ana Lima"), 20, "Ana", 2);
    let a = act(&a, set_title(&a, "Checkout 502s (Ana)"), 21, "Ana", 3);
    let b = act(
        &base,
        set_title(&base, "Checkout 502s in eu-west"),
        22,
        "Bo",
        4,
    );
    let b = act(
        &b,
        note("Rolled back gateway 1.4.2 <script>x</script>"),
        23,
        "Bo",
        5,
    );
    Incident::merge(&a, &b)
}

#[test]
fn the_v3_fixture_is_what_this_history_exports() {
    let merged = two_copies_merged();
    assert_eq!(merged.title, "Checkout 502s in eu-west");
    assert_eq!(merged.commander.as_deref(), Some("Ana Lima"));
    assert_eq!(
        merged.conflicts(Topic::Details(DetailField::Title)).len(),
        1
    );
    let text = export([&merged], at(60));
    if std::env::var_os("SITREP_WRITE_FIXTURES").is_some() {
        let _ = std::fs::write("tests/fixtures/v3-two-copies-merged.json", &text);
    }
    assert_eq!(
        text, V3,
        "a change to the domain must not change the file silently"
    );
    let file = parse(V3);
    assert_eq!(file.incidents, vec![merged]);
    assert_eq!(
        file.incidents[0]
            .conflicts(Topic::Details(DetailField::Title))
            .len(),
        1
    );
}

#[test]
fn the_v2_fixture_keeps_importing_with_its_commander_as_the_first_holder_of_the_role() {
    let file = parse(V2);
    assert_eq!(file.source_version, 2);
    let incident = &file.incidents[0];
    let merged = two_copies_merged();
    assert_eq!(incident.title, merged.title);
    assert_eq!(incident.state, merged.state);
    assert_eq!(incident.events().len(), merged.events().len());
    assert_eq!(incident.commander.as_deref(), Some("Ana Lima"));
    let holder = incident.parts().roles.holder(Role::Commander);
    assert_eq!(
        holder.map(|(name, head)| (name, head.at)),
        Some(("Ana Lima", at(20)))
    );
    assert_eq!(
        incident.conflicts(Topic::Details(DetailField::Title)).len(),
        1
    );
    assert!(
        incident.conflicts(Topic::Role(Role::Commander)).is_empty(),
        "the hand-over replaced Bo"
    );
    let handed: Vec<Option<&str>> = incident
        .events()
        .iter()
        .filter_map(|e| match &e.change {
            Change::Roles(RolesEvent::Assigned {
                role: Role::Commander,
                from,
                ..
            }) => Some(from.as_deref()),
            _ => None,
        })
        .collect();
    assert_eq!(
        handed,
        vec![None, Some("Bo 2")],
        "each commander_set is a commander role assignment, naming the one before"
    );
    let again = parse(&export(&file.incidents, file.exported_at));
    assert_eq!(
        again.incidents, file.incidents,
        "and it exports as format 3 losslessly"
    );
}

#[test]
fn export_is_byte_stable_with_scenarios_and_unknown_fields() {
    let mut incidents = support::incidents(3, 5);
    let mut extra = Map::new();
    extra.insert("severity_score".into(), json!(7.5));
    extra.insert("zz_future".into(), json!({"nested": [1, "two", null]}));
    let second = &incidents[1];
    incidents[1] = Incident::from_log(second.id(), second.log().clone(), extra.clone()).unwrap();
    let scenarios = vec![
        json!({"name": "Tabletop: DNS outage", "injects": [{"at_minute": 5, "text": "Pages fail"}]}),
    ];
    let now = time("2026-11-26T10:00:00.123456789Z");
    let first = export_with_scenarios(&incidents, &scenarios, now);
    let file = parse(&first);
    assert_eq!(file.scenarios, scenarios);
    assert_eq!(file.incidents[1].extra(), &extra);
    assert_eq!(file.exported_at, now);
    assert_eq!(
        export_with_scenarios(&file.incidents, &file.scenarios, file.exported_at),
        first
    );
    assert!(first.ends_with("}\n"));
    assert!(first.contains(&format!("\"generator\": \"{GENERATOR}\"")));
}

#[test]
fn export_orders_incidents_by_number_and_events_by_when_written() {
    let renamed = |i: Incident, reference: &str| {
        let event = ctx(50, "Ana", 9).write(
            &i,
            Topic::Reference,
            Change::Identity(IdentityEvent::Renumbered {
                reference: reference.into(),
            }),
        );
        i.with_events(vec![event])
    };
    let list = vec![
        renamed(incident(10, 2), "OPS-7"),
        incident(9, 4),
        incident(10_000, 2),
        incident(9_999, 2),
    ];
    let text = export(&list, at(0));
    let file = parse(&text);
    let references: Vec<&str> = file
        .incidents
        .iter()
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(
        references,
        ["INC-0009", "INC-9999", "INC-10000", "OPS-7"],
        "by number, not by text"
    );
    let mut reversed = list[1].events().to_vec();
    reversed.reverse();
    let rebuilt = Incident::from_log(list[1].id(), Log::new(reversed), Map::new()).unwrap();
    let shuffled = export([&list[2], &list[3], &list[0], &rebuilt], at(0));
    assert_eq!(shuffled, text, "input order does not matter");
}

#[test]
fn times_with_offsets_are_read_as_utc() {
    let text = export([&incident(1, 1)], at(0)).replace(
        "\"recorded_at\": \"2026-11-26T09:00:00Z\"",
        "\"recorded_at\": \"2026-11-26T11:00:00+02:00\"",
    );
    assert!(text.contains("+02:00"));
    assert_eq!(parse(&text).incidents[0].created_at, at(0));
}

#[test]
fn download_names_tell_what_the_file_holds() {
    let now = time("2026-11-26T23:59:00Z");
    assert_eq!(
        file_name(ExportScope::Incident(&incident(43, 1)), now),
        "sitrep-INC-0043-2026-11-26.json"
    );
    assert_eq!(
        file_name(ExportScope::Incident(&incident(49, 1)), now),
        "sitrep-INC-0049-drill-2026-11-26.json"
    );
    assert_eq!(
        file_name(ExportScope::All, now),
        "sitrep-all-2026-11-26.json"
    );
    assert_eq!(
        file_name(ExportScope::Filtered, now),
        "sitrep-filtered-2026-11-26.json"
    );
    let one = incident(1, 1);
    let odd = one.with_events(vec![ctx(5, "Ana", 3).write(
        &one,
        Topic::Reference,
        Change::Identity(IdentityEvent::Renumbered {
            reference: "../<b>INC 7</b>".into(),
        }),
    )]);
    assert_eq!(
        file_name(ExportScope::Incident(&odd), now),
        "sitrep-b-INC-7-b-2026-11-26.json"
    );
}

#[test]
fn the_stored_record_reads_back_as_the_same_incident() {
    use sitrep::transfer::wire::{incident_from_json, incident_to_json};
    for incident in support::incidents(4, 9) {
        let record = incident_to_json(&incident).expect("the record is written");
        assert!(
            record.starts_with(&format!("{{\"id\":\"{}\"", incident.id())),
            "{record}"
        );
        assert_eq!(incident_from_json(&record), Ok(incident));
    }
}

#[test]
fn every_kind_of_the_communication_targets_and_duties_parts_reads_back_the_same() {
    let worked = support::with_comms_and_duties(&incident(44, 5), 20);
    let text = export([&worked], at(60));
    let file: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let mut kinds: Vec<String> = file["incidents"][0]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["change"].as_object())
        .flat_map(|change| change.keys().cloned())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    for kind in [
        "update_posted",
        "public_title_set",
        "public_set",
        "target_breached",
        "duty_started",
        "duty_clock_set",
        "duty_settled",
    ] {
        assert!(kinds.iter().any(|k| k == kind), "{kind} is written");
    }
    let outcomes: Vec<&str> = file["incidents"][0]["events"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["change"]["duty_settled"]["outcome"].as_str())
        .collect();
    assert_eq!(outcomes, ["done", "waived", "open"]);
    let back = parse(&text);
    assert_eq!(back.incidents, vec![worked.clone()]);
    let read = &back.incidents[0];
    assert_eq!(read.parts().comms, worked.parts().comms);
    assert_eq!(read.parts().targets, worked.parts().targets);
    assert_eq!(read.parts().duties, worked.parts().duties);
    assert_eq!(read.parts().comms.updates().len(), 3);
    assert!(read.parts().comms.is_public());
    assert_eq!(read.parts().duties.list().len(), 3);
    assert_eq!(export(&back.incidents, back.exported_at), text);
    // A duty of a unit this build does not know is refused at the unit.
    let mut broken = file.clone();
    let events = broken["incidents"][0]["events"].as_array_mut().unwrap();
    let k = events
        .iter()
        .position(|e| e["change"].get("duty_started").is_some())
        .unwrap();
    events[k]["change"]["duty_started"]["def"]["deadline"]["unit"] = "fortnights".into();
    assert_eq!(
        parse_file(broken.to_string().as_bytes(), &Limits::default()).unwrap_err(),
        sitrep::transfer::ImportError::Invalid {
            path: format!("incidents[0].events[{k}].change.duty_started.def.deadline.unit"),
            msg: "not a known deadline unit (\"fortnights\")".into()
        }
    );
    // The browser's stored record too.
    use sitrep::transfer::wire::{incident_from_json, incident_to_json};
    let record = incident_to_json(&worked).expect("the record is written");
    assert_eq!(incident_from_json(&record), Ok(worked));
}

#[test]
fn every_kind_of_the_review_and_actions_parts_reads_back_the_same() {
    let worked = support::with_review_and_actions(&incident(45, 5), 20);
    let text = export([&worked], at(90));
    let file: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let events = file["incidents"][0]["events"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let written = |kind: &str| -> Vec<serde_json::Value> {
        events
            .iter()
            .filter_map(|e| e["change"].get(kind).cloned())
            .collect()
    };
    for kind in [
        "review_written",
        "review_starred",
        "review_status_set",
        "review_waived",
        "action_created",
        "action_retitled",
        "action_kind_set",
        "action_assigned",
        "action_dated",
        "action_state_set",
    ] {
        assert!(!written(kind).is_empty(), "{kind} is written");
    }
    // Each field as the wire names it; absent options are left out.
    let statuses: Vec<String> = written("review_status_set")
        .iter()
        .map(|s| s["status"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(statuses, ["in_review", "published", "in_review", "draft"]);
    let sections: Vec<String> = written("review_written")
        .iter()
        .map(|s| s["section"].as_str().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        sections,
        [
            "summary",
            "impact",
            "root_cause",
            "contributing_factors",
            "went_well",
            "went_badly",
            "lucky",
            "lessons"
        ]
    );
    let stars: Vec<bool> = written("review_starred")
        .iter()
        .map(|s| s["starred"] == json!(true))
        .collect();
    assert_eq!(stars, [true, true, false]);
    let created = written("action_created");
    assert_eq!(created[0]["due"], json!("2026-12-15"));
    assert_eq!(created[0]["kind"], json!("detective"));
    assert_eq!(created[0]["owner"], json!("Ana"));
    assert!(created[1].get("owner").is_none() && created[1].get("due").is_none());
    let dated = written("action_dated");
    assert_eq!(dated[0]["due"], json!("2026-12-31"));
    assert!(dated[1].get("due").is_none(), "no date: no `due`");
    assert!(written("action_assigned")[1].get("owner").is_none());
    let outcomes: Vec<(String, Option<String>)> = written("action_state_set")
        .iter()
        .map(|s| {
            (
                s["state"].as_str().unwrap_or_default().to_string(),
                s["reason"].as_str().map(str::to_string),
            )
        })
        .collect();
    assert_eq!(
        outcomes,
        [
            ("done".to_string(), None),
            (
                "wont_do".to_string(),
                Some("Replaced by the new one".to_string())
            ),
            ("open".to_string(), None),
            ("done".to_string(), None),
        ]
    );
    assert_eq!(
        written("review_waived"),
        [json!({ "reason": "Reviewed with INC-0001" })]
    );
    // Read back: the same events, and the same bytes written again.
    let back = parse(&text);
    assert_eq!(back.incidents, vec![worked.clone()]);
    let read = &back.incidents[0];
    assert_eq!(read.events(), worked.events());
    assert_eq!(read.parts().review, worked.parts().review);
    assert_eq!(read.parts().actions, worked.parts().actions);
    assert_eq!(read.state, State::Closed);
    assert_eq!(export(&back.incidents, back.exported_at), text);
    // The browser's stored record too.
    use sitrep::transfer::wire::{incident_from_json, incident_to_json};
    let record = incident_to_json(&worked).expect("the record is written");
    assert_eq!(incident_from_json(&record), Ok(worked));
}

#[test]
fn a_malformed_review_or_action_is_refused_at_its_place() {
    let worked = support::with_review_and_actions(&incident(46, 5), 20);
    let file: serde_json::Value =
        serde_json::from_str(&export([&worked], at(90))).unwrap_or_default();
    let position = |kind: &str| {
        file["incidents"][0]["events"]
            .as_array()
            .and_then(|events| events.iter().position(|e| e["change"].get(kind).is_some()))
            .unwrap_or_else(|| panic!("{kind} is written"))
    };
    let cases: [(&str, &str, serde_json::Value, &str); 9] = [
        (
            "review_written",
            "section",
            json!("epilogue"),
            "not a known review section (\"epilogue\")",
        ),
        (
            "review_status_set",
            "status",
            json!("final"),
            "not a known review status (\"final\")",
        ),
        (
            "review_starred",
            "starred",
            json!("yes"),
            "invalid type: string \"yes\", expected a boolean",
        ),
        (
            "action_created",
            "kind",
            json!("curative"),
            "not a known action kind (\"curative\")",
        ),
        (
            "action_dated",
            "due",
            json!("2026-12-31T00:00:00Z"),
            "not a day (YYYY-MM-DD)",
        ),
        (
            "action_created",
            "due",
            json!("2026-02-30"),
            "not a day (YYYY-MM-DD)",
        ),
        (
            "action_created",
            "due",
            json!("2026-1-01"),
            "not a day (YYYY-MM-DD)",
        ),
        (
            "action_dated",
            "due",
            json!("+2026-12-31"),
            "not a day (YYYY-MM-DD)",
        ),
        (
            "action_state_set",
            "state",
            json!("cancelled"),
            "not a known action state (\"cancelled\")",
        ),
    ];
    for (kind, field, value, msg) in cases {
        let k = position(kind);
        let mut broken = file.clone();
        broken["incidents"][0]["events"][k]["change"][kind][field] = value;
        assert_eq!(
            parse_file(broken.to_string().as_bytes(), &Limits::default()).unwrap_err(),
            sitrep::transfer::ImportError::Invalid {
                path: format!("incidents[0].events[{k}].change.{kind}.{field}"),
                msg: msg.into()
            },
            "{kind}.{field}"
        );
    }
}
