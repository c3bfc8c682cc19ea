//! Real files: fixtures of every format version keep importing, and export → import → export is byte-stable.
#![cfg(not(target_arch = "wasm32"))]

#[path = "transfer_support.rs"]
mod support;

use chrono::{DateTime, Utc};
use serde_json::json;
use sitrep::domain::{EventKind, IncidentKind, Priority, State};
use sitrep::transfer::{
    export, export_with_scenarios, file_name, parse_file, ExportScope, Limits, ParsedFile,
    GENERATOR,
};
use support::{at, incident};

const V0: &str = include_str!("fixtures/v0-prerelease-two-incidents.json");
const V1: &str = include_str!("fixtures/v1-inc-0042-resolved-and-a-drill.json");

fn parse(text: &str) -> ParsedFile {
    match parse_file(text.as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    }
}

fn time(text: &str) -> DateTime<Utc> {
    text.parse().unwrap_or_default()
}

#[test]
fn the_v1_fixture_imports_and_exports_to_the_same_bytes() {
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
    assert_eq!(real.state, State::Resolved);
    assert_eq!(real.commander.as_deref(), Some("Ravi Patel"));
    assert_eq!(
        real.milestones.resolved_at,
        Some(time("2026-11-26T10:02:00Z"))
    );
    assert_eq!(real.timeline.len(), 10);
    let drill = &file.incidents[1];
    assert_eq!(drill.kind, IncidentKind::Drill);
    assert_eq!(drill.priority(), Priority::P1);
    assert_eq!(export(&file.incidents, file.exported_at), V1);
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
    assert_eq!(vpn.timeline.len(), 6);
    for event in &vpn.timeline {
        assert_eq!(event.at, event.recorded_at, "v0 had one time per event");
    }
    assert_eq!(vpn.timeline[5].at, time("2026-09-14T15:40:00Z"));
    assert!(
        matches!(&vpn.timeline[5].kind, EventKind::Note { text } if text.starts_with("Concentrator logs"))
    );
    assert_eq!(file.incidents[1].kind, IncidentKind::Drill);

    let migrated = export(&file.incidents, file.exported_at);
    let again = parse(&migrated);
    assert_eq!(again.source_version, 1);
    assert_eq!(again.incidents, file.incidents);
}

#[test]
fn export_is_byte_stable_with_scenarios_and_unknown_fields() {
    let mut incidents = support::incidents(3, 5);
    incidents[1]
        .extra
        .insert("severity_score".into(), json!(7.5));
    incidents[1]
        .extra
        .insert("zz_future".into(), json!({"nested": [1, "two", null]}));
    let scenarios = vec![
        json!({"name": "Tabletop: DNS outage", "injects": [{"at_minute": 5, "text": "Pages fail"}]}),
    ];
    let now = time("2026-11-26T10:00:00.123456789Z");
    let first = export_with_scenarios(&incidents, &scenarios, now);
    let file = parse(&first);
    assert_eq!(file.scenarios, scenarios);
    assert_eq!(file.incidents[1].extra, incidents[1].extra);
    assert_eq!(file.exported_at, now);
    assert_eq!(
        export_with_scenarios(&file.incidents, &file.scenarios, file.exported_at),
        first
    );
    assert!(first.ends_with("}\n"));
    assert!(first.contains(&format!("\"generator\": \"{GENERATOR}\"")));
}

#[test]
fn export_orders_incidents_by_number_and_timelines_by_time() {
    let mut list = vec![incident(10, 2), incident(9, 2), incident(100, 2)];
    list[0].reference = "OPS-7".into();
    list[1].timeline.reverse();
    let file = parse(&export(&list, at(0)));
    let references: Vec<&str> = file
        .incidents
        .iter()
        .map(|i| i.reference.as_str())
        .collect();
    assert_eq!(references, ["INC-0009", "INC-0100", "OPS-7"]);
    assert!(file.incidents[0]
        .timeline
        .is_sorted_by_key(|e| e.sort_key()));
    let shuffled = export(&[list[2].clone(), list[0].clone(), list[1].clone()], at(0));
    assert_eq!(
        shuffled,
        export(&list, at(0)),
        "input order does not matter"
    );
}

#[test]
fn times_with_offsets_are_read_as_utc() {
    let text = export(&[incident(1, 1)], at(0)).replace(
        "\"created_at\": \"2026-11-26T09:00:00Z\"",
        "\"created_at\": \"2026-11-26T11:00:00+02:00\"",
    );
    assert!(text.contains("+02:00"));
    assert_eq!(parse(&text).incidents[0].created_at, at(0));
}

#[test]
fn download_names_tell_what_the_file_holds() {
    let now = time("2026-11-26T23:59:00Z");
    let mut one = incident(42, 1);
    one.kind = IncidentKind::Real;
    assert_eq!(
        file_name(ExportScope::Incident(&one), now),
        "sitrep-INC-0042-2026-11-26.json"
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
    let mut odd = incident(1, 1);
    odd.reference = "../<b>INC 7</b>".into();
    assert_eq!(
        file_name(ExportScope::Incident(&odd), now),
        "sitrep-b-INC-7-b-2026-11-26.json"
    );
}
