//! Shared helpers of the transfer tests: sample incidents, proptest strategies, error checks.
//! Included by the `transfer_*` test files with `#[path]`; as a test target of its own it runs nothing.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Map, Value};
use uuid::Uuid;

use sitrep::domain::{
    Category, EventKind, Incident, IncidentKind, Level, Milestones, Priority, PriorityOverride,
    State, TimelineEvent,
};
use sitrep::transfer::ImportError;

/// A fixed instant plus `minutes`.
pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

/// A deterministic id from two numbers.
pub fn uuid(high: u64, low: u64) -> Uuid {
    Uuid::from_u64_pair(high, low)
}

/// An event of `incident` number `n`.
pub fn event(incident: u64, n: u64, minute: i64, kind: EventKind) -> TimelineEvent {
    TimelineEvent {
        id: uuid(incident, 1_000 + n),
        at: at(minute),
        recorded_at: at(minute),
        actor: "Ana".into(),
        kind,
    }
}

/// A realistic incident with reference `INC-{n:04}` and `events` timeline events.
pub fn incident(n: u32, events: usize) -> Incident {
    let id = u64::from(n);
    let mut timeline = vec![event(id, 0, 0, EventKind::Declared)];
    for k in 1..events {
        let k64 = k as u64;
        let minute = k as i64;
        let kind = match k % 4 {
            0 => EventKind::StateChanged {
                from: State::Triaged,
                to: State::Investigating,
            },
            1 => EventKind::Note {
                text: format!(
                    "Checked the load balancer pool {k}; 3 of 8 nodes fail health checks."
                ),
            },
            2 => EventKind::CommanderChanged {
                from: Some("Ana".into()),
                to: format!("Bo {k}"),
            },
            _ => EventKind::FieldChanged {
                field: "Services".into(),
                from: "checkout".into(),
                to: "checkout, payments".into(),
            },
        };
        timeline.push(event(id, k64, minute, kind));
    }
    Incident {
        id: uuid(id, 0),
        reference: format!("INC-{n:04}"),
        aliases: Vec::new(),
        kind: if n.is_multiple_of(7) {
            IncidentKind::Drill
        } else {
            IncidentKind::Real
        },
        title: format!("Checkout errors in region {n}"),
        description: "Customers see HTTP 502 when paying; about 4% of orders fail.".into(),
        category: Category::ALL[n as usize % Category::ALL.len()],
        services: vec!["checkout".into(), "payments".into()],
        impact: Level::High,
        urgency: Level::Medium,
        priority_override: n.is_multiple_of(5).then(|| PriorityOverride {
            priority: Priority::P1,
            reason: "Black Friday traffic".into(),
        }),
        state: State::Investigating,
        reported_by: "Support desk".into(),
        commander: Some("Ana".into()),
        impact_started_at: at(-30),
        detected_at: at(-10),
        created_at: at(0),
        updated_at: at(events as i64),
        milestones: Milestones {
            acknowledged_at: Some(at(1)),
            ..Milestones::default()
        },
        timeline,
        extra: Map::new(),
    }
}

/// `count` incidents with `events` events each.
pub fn incidents(count: u32, events: usize) -> Vec<Incident> {
    (1..=count).map(|n| incident(n, events)).collect()
}

/// Asserts `error` reads as one plain sentence for people.
pub fn assert_sentence(error: &ImportError) {
    let text = error.to_string();
    let first = text.chars().next().unwrap_or(' ');
    assert!(first.is_uppercase(), "starts with a capital: {text}");
    assert!(text.ends_with('.'), "ends with a full stop: {text}");
    assert!(
        !text.contains('\n') && text.len() < 400,
        "one short line: {text}"
    );
    for debris in ["Error", "{", "::", "Some(", "None"] {
        assert!(!text.contains(debris), "no debug debris ({debris}): {text}");
    }
}

/// The JSON of a minimal valid current-version file holding `incidents`.
pub fn file_value(incidents: Value) -> Value {
    json!({
        "format": "sitrep",
        "version": 1,
        "exported_at": "2026-11-26T10:00:00Z",
        "generator": "sitrep 0.1.0",
        "incidents": incidents,
        "scenarios": []
    })
}

/// One valid incident as JSON.
pub fn incident_value() -> Value {
    serde_json::to_value(incident(42, 3)).unwrap_or_default()
}

// ---- proptest strategies ----

/// The id every copy in a merge-law case shares.
pub const SHARED: Uuid = Uuid::from_u64_pair(7, 7);

const TITLES: [&str; 3] = [
    "Checkout down",
    "Checkout errors",
    "<script>alert(1)</script>",
];
const PEOPLE: [&str; 3] = ["Ana", "Bo", "Cy"];

/// A pool of events: ids 0..6, each with two possible contents (a damaged file may differ).
fn pool_event(n: u64, variant: bool, minute: i64) -> TimelineEvent {
    let kind = match n % 3 {
        0 => EventKind::Note {
            text: format!("note {n}{}", if variant { " (edited)" } else { "" }),
        },
        1 => EventKind::StateChanged {
            from: State::Reported,
            to: State::Triaged,
        },
        _ => EventKind::CommanderChanged {
            from: None,
            to: PEOPLE[n as usize % 3].into(),
        },
    };
    TimelineEvent {
        id: uuid(99, n),
        at: at(if variant { minute + 1 } else { minute }),
        recorded_at: at(minute),
        actor: PEOPLE[(n as usize + usize::from(variant)) % 3].into(),
        kind,
    }
}

fn stamp() -> impl Strategy<Value = Option<DateTime<Utc>>> {
    prop_oneof![Just(None), (0i64..4).prop_map(|m| Some(at(m)))]
}

fn milestones() -> impl Strategy<Value = Milestones> {
    (stamp(), stamp(), stamp(), stamp(), stamp()).prop_map(|(a, c, r, cl, ca)| Milestones {
        acknowledged_at: a,
        contained_at: c,
        resolved_at: r,
        closed_at: cl,
        cancelled_at: ca,
    })
}

/// One copy of the shared incident: scalars from small sets (so ties happen), a subset of the event pool.
pub fn copy() -> impl Strategy<Value = Incident> {
    let scalars = (
        0i64..3,
        0usize..3,
        0usize..State::ALL.len(),
        prop::option::of(0usize..3),
        0u32..3,
        0usize..3,
    );
    let collections = (
        prop::collection::btree_map(0u64..6, (any::<bool>(), 0i64..5), 0..5),
        prop::collection::btree_set(0u32..4, 0..3),
        milestones(),
        prop::option::of(0u8..2),
    );
    (scalars, collections).prop_map(
        |(
            (updated, title, state, commander, reference, level),
            (events, aliases, milestones, extra),
        )| {
            let mut incident = incident(1, 1);
            incident.id = SHARED;
            incident.updated_at = at(updated);
            incident.title = TITLES[title].into();
            incident.state = State::ALL[state];
            incident.commander = commander.map(|c| PEOPLE[c].to_string());
            incident.reference = format!("INC-{:04}", 40 + reference);
            incident.impact = Level::ALL[level];
            incident.aliases = aliases
                .into_iter()
                .map(|a| format!("INC-{:04}", 40 + a))
                .collect();
            incident.milestones = milestones;
            incident.timeline = events
                .into_iter()
                .map(|(n, (variant, minute))| pool_event(n, variant, minute))
                .collect();
            if let Some(x) = extra {
                incident.extra.insert("severity_score".into(), json!(x));
            }
            normal_form(incident)
        },
    )
}

/// The form merge leaves incidents in: sorted timeline; sorted, unique aliases without the reference.
pub fn normal_form(mut incident: Incident) -> Incident {
    incident.timeline.sort_by_key(|e| e.sort_key());
    let reference = incident.reference.clone();
    incident.aliases.retain(|a| *a != reference);
    incident.aliases.sort();
    incident.aliases.dedup();
    incident
}

/// Any incident with text from the whole of Unicode, including markup.
pub fn any_incident() -> impl Strategy<Value = Incident> {
    let texts = (
        "\\PC{0,24}",
        "(<[a-z]+>|&amp;|\"|'|\\\\|\\PC){0,12}",
        prop::collection::vec("\\PC{0,8}", 0..3),
    );
    let shape = (
        any::<u128>(),
        0u32..20_000,
        1usize..6,
        any::<bool>(),
        -100_000i64..100_000,
    );
    (texts, shape).prop_map(
        |((title, note, services), (id, number, events, drill, minute))| {
            let mut incident = incident(number, events);
            incident.id = Uuid::from_u128(id);
            incident.title = title;
            incident.services = services;
            incident.kind = if drill {
                IncidentKind::Drill
            } else {
                IncidentKind::Real
            };
            incident.updated_at = at(minute);
            incident.timeline.push(TimelineEvent {
                id: Uuid::from_u128(id ^ 1),
                at: at(minute),
                recorded_at: at(minute),
                actor: note.clone(),
                kind: EventKind::Note { text: note },
            });
            incident
        },
    )
}

/// Incidents with distinct ids.
pub fn any_incidents() -> impl Strategy<Value = Vec<Incident>> {
    prop::collection::vec(any_incident(), 0..6).prop_map(|mut list| {
        list.sort_by_key(|i| i.id);
        list.dedup_by_key(|i| i.id);
        list
    })
}
