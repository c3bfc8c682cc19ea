//! Native tests of the incident rules: declaring, commands, milestones, priority override.

use chrono::{DateTime, Duration, TimeZone, Utc};
use sitrep::domain::commands::{declare, next_reference_number};
use sitrep::domain::{
    apply, Category, Command, CommandContext, CommandError, Draft, EventKind, Incident,
    IncidentKind, Level, Priority, PriorityOverride, State,
};
use uuid::Uuid;

fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap() + Duration::minutes(minute)
}

fn ctx(minute: i64, n: u128) -> CommandContext {
    CommandContext {
        now: t(minute),
        actor: "Alice".into(),
        seed: Uuid::from_u128(n << 8),
    }
}

fn draft(title: &str) -> Draft {
    Draft {
        title: title.into(),
        description: "Error rate at 30%".into(),
        category: Category::Application,
        services: vec![
            " checkout ".into(),
            "Checkout".into(),
            "".into(),
            "payments".into(),
        ],
        impact: Level::High,
        urgency: Level::Medium,
        priority_override: None,
        impact_started_at: t(-10),
        reported_by: "Bob".into(),
        kind: IncidentKind::Real,
    }
}

fn declared() -> Incident {
    declare(draft("Checkout failing"), 42, &ctx(0, 1)).unwrap()
}

fn run(incident: &Incident, steps: &[State]) -> Incident {
    let mut current = incident.clone();
    for (i, state) in steps.iter().enumerate() {
        current = apply(
            &current,
            Command::Transition(*state),
            &ctx(i as i64 + 1, 100 + i as u128),
        )
        .unwrap();
    }
    current
}

#[test]
fn declaring_sets_reference_priority_and_first_event() {
    let incident = declared();
    assert_eq!(incident.reference, "INC-0042");
    assert_eq!(incident.state, State::Reported);
    assert_eq!(incident.priority(), Priority::P2);
    assert_eq!(
        incident.services,
        vec!["checkout".to_string(), "payments".to_string()]
    );
    assert_eq!(incident.impact_started_at, t(-10));
    assert_eq!(incident.timeline.len(), 1);
    assert_eq!(incident.timeline[0].kind, EventKind::Declared);
    assert_eq!(incident.timeline[0].actor, "Alice");
}

#[test]
fn declaring_refuses_empty_title_and_overlong_text() {
    assert_eq!(
        declare(draft("   "), 1, &ctx(0, 1)),
        Err(CommandError::Required("Title"))
    );
    let long = "x".repeat(201);
    assert!(matches!(
        declare(draft(&long), 1, &ctx(0, 1)),
        Err(CommandError::TooLong { field: "Title", .. })
    ));
    let mut d = draft("ok");
    d.priority_override = Some(PriorityOverride {
        priority: Priority::P1,
        reason: " ".into(),
    });
    assert_eq!(
        declare(d, 1, &ctx(0, 1)),
        Err(CommandError::Required("Override reason"))
    );
}

#[test]
fn impact_start_in_the_future_is_clamped_to_now() {
    let mut d = draft("Future");
    d.impact_started_at = t(60);
    assert_eq!(declare(d, 1, &ctx(0, 1)).unwrap().impact_started_at, t(0));
}

#[test]
fn override_at_declaration_is_logged_with_its_reason() {
    let mut d = draft("Exec escalation");
    d.priority_override = Some(PriorityOverride {
        priority: Priority::P1,
        reason: "CEO demo in 1h".into(),
    });
    let incident = declare(d, 1, &ctx(0, 1)).unwrap();
    assert_eq!(incident.priority(), Priority::P1);
    assert_eq!(incident.derived_priority(), Priority::P2);
    assert!(incident.timeline.iter().any(|e| e.kind
        == EventKind::PriorityChanged {
            from: Priority::P2,
            to: Priority::P1,
            reason: Some("CEO demo in 1h".into())
        }));
}

#[test]
fn override_later_needs_a_reason_and_clearing_returns_to_matrix() {
    let incident = declared();
    let refused = apply(
        &incident,
        Command::OverridePriority {
            priority: Priority::P4,
            reason: "".into(),
        },
        &ctx(1, 2),
    );
    assert_eq!(refused, Err(CommandError::Required("Override reason")));
    let overridden = apply(
        &incident,
        Command::OverridePriority {
            priority: Priority::P4,
            reason: "Only staff affected".into(),
        },
        &ctx(1, 2),
    )
    .unwrap();
    assert_eq!(overridden.priority(), Priority::P4);
    let cleared = apply(&overridden, Command::ClearOverride, &ctx(2, 3)).unwrap();
    assert_eq!(cleared.priority(), Priority::P2);
    let last = cleared.timeline.last().unwrap();
    assert_eq!(
        last.kind,
        EventKind::PriorityChanged {
            from: Priority::P4,
            to: Priority::P2,
            reason: None
        }
    );
    assert_eq!(
        apply(&cleared, Command::ClearOverride, &ctx(3, 4)),
        Err(CommandError::NoChange)
    );
}

#[test]
fn reassessing_logs_fields_and_the_priority_change() {
    let incident = declared();
    let next = apply(
        &incident,
        Command::Assess {
            impact: Level::Low,
            urgency: Level::Medium,
        },
        &ctx(5, 9),
    )
    .unwrap();
    assert_eq!(next.priority(), Priority::P4);
    let kinds: Vec<_> = next.timeline[1..].iter().map(|e| e.kind.clone()).collect();
    assert_eq!(
        kinds,
        vec![
            EventKind::FieldChanged {
                field: "Impact".into(),
                from: "High".into(),
                to: "Low".into()
            },
            EventKind::PriorityChanged {
                from: Priority::P2,
                to: Priority::P4,
                reason: None
            },
        ]
    );
    assert_eq!(next.updated_at, t(5));
}

#[test]
fn milestones_are_stamped_on_first_entry_only_including_reopen() {
    let incident = declared();
    let resolved = run(
        &incident,
        &[
            State::Triaged,
            State::Investigating,
            State::Contained,
            State::Resolved,
        ],
    );
    assert_eq!(resolved.milestones.acknowledged_at, Some(t(1)));
    assert_eq!(resolved.milestones.contained_at, Some(t(3)));
    assert_eq!(resolved.milestones.resolved_at, Some(t(4)));
    assert_eq!(resolved.milestones.closed_at, None);

    let reopened = apply(
        &resolved,
        Command::Transition(State::Investigating),
        &ctx(10, 50),
    )
    .unwrap();
    assert_eq!(reopened.state, State::Investigating);
    let again = run(
        &reopened,
        &[State::Contained, State::Resolved, State::Closed],
    );
    assert_eq!(
        again.milestones.contained_at,
        Some(t(3)),
        "first containment kept"
    );
    assert_eq!(
        again.milestones.resolved_at,
        Some(t(4)),
        "first resolution kept"
    );
    assert_eq!(again.milestones.closed_at, Some(t(3)));
    let changes = again
        .timeline
        .iter()
        .filter(|e| matches!(e.kind, EventKind::StateChanged { .. }))
        .count();
    assert_eq!(changes, 8);
}

#[test]
fn cancel_stamps_and_is_final() {
    let cancelled = run(&declared(), &[State::Cancelled]);
    assert_eq!(cancelled.milestones.cancelled_at, Some(t(1)));
    let err = apply(&cancelled, Command::Transition(State::Triaged), &ctx(5, 5)).unwrap_err();
    assert!(err.to_string().contains("final"), "{err}");
}

#[test]
fn a_refused_transition_changes_nothing_and_says_why() {
    let incident = declared();
    let err = apply(&incident, Command::Transition(State::Closed), &ctx(1, 2)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "Reported cannot move to Closed; next allowed: Triaged, Cancelled"
    );
}

#[test]
fn notes_can_be_backdated_but_not_future_dated() {
    let incident = declared();
    let note = apply(
        &incident,
        Command::AddNote {
            text: "Alert fired".into(),
            at: Some(t(-5)),
        },
        &ctx(3, 7),
    )
    .unwrap();
    let event = note
        .timeline
        .iter()
        .find(|e| matches!(e.kind, EventKind::Note { .. }))
        .unwrap();
    assert_eq!((event.at, event.recorded_at), (t(-5), t(3)));
    assert_eq!(
        note.timeline[0].kind,
        EventKind::Note {
            text: "Alert fired".into()
        },
        "a backdated note sorts before the declaration"
    );
    assert_eq!(
        apply(
            &incident,
            Command::AddNote {
                text: "later".into(),
                at: Some(t(9))
            },
            &ctx(3, 7)
        ),
        Err(CommandError::FutureEvent)
    );
    assert_eq!(
        apply(
            &incident,
            Command::AddNote {
                text: "  ".into(),
                at: None
            },
            &ctx(3, 7)
        ),
        Err(CommandError::Required("Note"))
    );
}

#[test]
fn commander_hand_over_records_from_and_to() {
    let incident = declared();
    let first = apply(&incident, Command::SetCommander("Alice".into()), &ctx(1, 2)).unwrap();
    let second = apply(&first, Command::SetCommander("Carol".into()), &ctx(2, 3)).unwrap();
    assert_eq!(second.commander.as_deref(), Some("Carol"));
    assert_eq!(
        second.timeline.last().unwrap().kind,
        EventKind::CommanderChanged {
            from: Some("Alice".into()),
            to: "Carol".into()
        }
    );
    assert_eq!(
        apply(&second, Command::SetCommander("Carol".into()), &ctx(3, 4)),
        Err(CommandError::NoChange)
    );
}

#[test]
fn editing_details_logs_each_changed_field_from_and_to() {
    let incident = declared();
    let edited = apply(
        &incident,
        Command::UpdateDetails {
            title: "Checkout down".into(),
            description: incident.description.clone(),
            category: Category::Infrastructure,
            services: incident.services.clone(),
        },
        &ctx(4, 8),
    )
    .unwrap();
    let fields: Vec<_> = edited
        .timeline
        .iter()
        .filter_map(|e| match &e.kind {
            EventKind::FieldChanged { field, from, to } => {
                Some((field.as_str(), from.as_str(), to.as_str()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(
        fields,
        vec![
            ("Title", "Checkout failing", "Checkout down"),
            ("Category", "Application", "Infrastructure")
        ]
    );
}

#[test]
fn event_ids_are_unique_within_an_incident() {
    let worked = run(&declared(), &[State::Triaged, State::Investigating]);
    let mut ids: Vec<_> = worked.timeline.iter().map(|e| e.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), worked.timeline.len());
    assert!(!ids.contains(&worked.id));
}

#[test]
fn next_reference_counts_aliases_too() {
    let mut a = declared();
    assert_eq!(next_reference_number([&a]), 43);
    a.aliases.push("INC-0100".into());
    assert_eq!(next_reference_number([&a]), 101);
    assert_eq!(next_reference_number(std::iter::empty()), 1);
}
