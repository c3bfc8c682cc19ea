//! Native tests of the incident rules: declaring, each part's commands, milestones, priority, ids.

use chrono::{DateTime, Duration, TimeZone, Utc};
use sitrep::components::words::{Guidance, Label};
use sitrep::domain::assessment::{Assessment, AssessmentEvent};
use sitrep::domain::commands::{
    declare, next_reference_number, AddNote, AssessmentCommand, EditDetails, Input, RoleCommand,
    Transition,
};
use sitrep::domain::details::{DetailField, DetailsEvent};
use sitrep::domain::identity::IdentityEvent;
use sitrep::domain::notes::NoteEvent;
use sitrep::domain::resolution::{ResolutionCommand, ResolutionDraft, ResolutionKind};
use sitrep::domain::roles::{Role, RolesEvent};
use sitrep::domain::{
    execute, Category, Change, Command, CommandContext, CommandError, Draft, Incident,
    IncidentKind, Level, Priority, PriorityOverride, State, Topic,
};
use uuid::Uuid;

fn t(minute: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap() + Duration::minutes(minute)
}

fn ctx(minute: i64, n: u128) -> CommandContext {
    let seed = uuid::Builder::from_random_bytes((n << 8).to_be_bytes()).into_uuid();
    CommandContext::new(t(minute), "Alice", seed)
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

/// The command that moves to `state`; resolving goes with a record of a fix, closing with a
/// reason for having no review.
fn move_to(state: State) -> Command {
    match state {
        State::Closed => Command::Review(sitrep::domain::review::ReviewCommand::CloseWithout(
            "No review: a rehearsal".into(),
        )),
        State::Resolved => Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
            kind: ResolutionKind::Fix,
            escalated_to: String::new(),
            summary: "Rolled back the release".into(),
        })),
        other => Command::Lifecycle(Transition(other)),
    }
}

fn declared() -> Incident {
    declare(draft("Checkout failing"), 42, &ctx(0, 1)).unwrap()
}

fn exec(
    incident: &Incident,
    command: Command,
    minute: i64,
    n: u128,
) -> Result<Incident, CommandError> {
    execute(incident, command, &ctx(minute, n))
}

fn run(incident: &Incident, steps: &[State]) -> Incident {
    let mut current = incident.clone();
    for (i, state) in steps.iter().enumerate() {
        current = exec(&current, move_to(*state), i as i64 + 1, 100 + i as u128).unwrap();
    }
    current
}

fn last(incident: &Incident) -> &Change {
    &incident.events().last().unwrap().change
}

fn note(text: &str, at: Option<DateTime<Utc>>) -> Command {
    Command::Notes(AddNote {
        text: text.into(),
        at,
    })
}

#[test]
fn declaring_sets_reference_priority_and_first_event() {
    let incident = declared();
    assert_eq!(incident.id(), ctx(0, 1).incident_id());
    assert_eq!(incident.reference, "INC-0042");
    assert_eq!(incident.state, State::Reported);
    assert_eq!(incident.priority(), Priority::P2);
    assert_eq!(incident.assessed_priority, Priority::P2);
    assert_eq!(
        incident.services,
        vec!["checkout".to_string(), "payments".to_string()]
    );
    assert_eq!(incident.impact_started_at, t(-10));
    assert_eq!(incident.created_at, t(0));
    assert_eq!(incident.events().len(), 1);
    assert!(matches!(incident.events()[0].change, Change::Declared(_)));
    assert_eq!(incident.events()[0].actor, "Alice");
}

#[test]
fn declaring_refuses_empty_title_and_overlong_text() {
    assert_eq!(
        declare(draft("   "), 1, &ctx(0, 1)),
        Err(CommandError::Required(Input::Title))
    );
    let long = "x".repeat(201);
    assert!(matches!(
        declare(draft(&long), 1, &ctx(0, 1)),
        Err(CommandError::TooLong {
            field: Input::Title,
            ..
        })
    ));
    let longest = "é".repeat(sitrep::domain::commands::MAX_TITLE);
    assert_eq!(
        declare(draft(&longest), 1, &ctx(0, 1)).map(|i| i.title.chars().count()),
        Ok(200),
        "exactly the limit, counted in characters, is accepted"
    );
    let mut d = draft("ok");
    d.priority_override = Some(PriorityOverride {
        priority: Priority::P1,
        reason: " ".into(),
    });
    assert_eq!(
        declare(d, 1, &ctx(0, 1)),
        Err(CommandError::Required(Input::OverrideReason))
    );
}

#[test]
fn impact_start_in_the_future_is_clamped_to_now() {
    let mut d = draft("Future");
    d.impact_started_at = t(60);
    assert_eq!(declare(d, 1, &ctx(0, 1)).unwrap().impact_started_at, t(0));
}

#[test]
fn override_at_declaration_is_kept_with_its_reason() {
    let mut d = draft("Exec escalation");
    d.priority_override = Some(PriorityOverride {
        priority: Priority::P1,
        reason: " CEO demo in 1h ".into(),
    });
    let incident = declare(d, 1, &ctx(0, 1)).unwrap();
    assert_eq!(incident.priority(), Priority::P1);
    assert_eq!(incident.assessed_priority, Priority::P2);
    assert_eq!(
        incident.priority_override,
        Some(PriorityOverride {
            priority: Priority::P1,
            reason: "CEO demo in 1h".into()
        })
    );
}

#[test]
fn override_later_needs_a_reason_and_clearing_returns_to_the_assessment() {
    let incident = declared();
    let over = |p: Priority, reason: &str| {
        Command::Assessment(AssessmentCommand::Override {
            priority: p,
            reason: reason.into(),
        })
    };
    assert_eq!(
        exec(&incident, over(Priority::P4, ""), 1, 2),
        Err(CommandError::Required(Input::OverrideReason))
    );
    let overridden = exec(&incident, over(Priority::P4, "Only staff affected"), 1, 2).unwrap();
    assert_eq!(overridden.priority(), Priority::P4);
    assert_eq!(
        exec(
            &overridden,
            over(Priority::P4, " Only staff affected "),
            2,
            3
        ),
        Err(CommandError::NoChange),
        "the same priority for the same reason changes nothing"
    );
    let reasoned = exec(
        &overridden,
        over(Priority::P4, "Staff have a workaround"),
        2,
        3,
    )
    .unwrap();
    assert_eq!(
        last(&reasoned),
        &Change::Assessment(AssessmentEvent::Overridden(PriorityOverride {
            priority: Priority::P4,
            reason: "Staff have a workaround".into(),
        })),
        "the same priority for a new reason records the reason"
    );
    assert_eq!(
        reasoned
            .priority_override
            .as_ref()
            .map(|o| o.reason.as_str()),
        Some("Staff have a workaround")
    );
    let clear = Command::Assessment(AssessmentCommand::ClearOverride);
    let cleared = exec(&overridden, clear.clone(), 2, 3).unwrap();
    assert_eq!(cleared.priority(), Priority::P2);
    assert_eq!(
        last(&cleared),
        &Change::Assessment(AssessmentEvent::OverrideCleared)
    );
    assert_eq!(exec(&cleared, clear, 3, 4), Err(CommandError::NoChange));
}

#[test]
fn reassessing_keeps_the_priority_the_matrix_gave_on_the_event() {
    let incident = declared();
    let assess =
        |impact, urgency| Command::Assessment(AssessmentCommand::Assess { impact, urgency });
    let next = exec(&incident, assess(Level::Low, Level::Medium), 5, 9).unwrap();
    assert_eq!(next.priority(), Priority::P4);
    assert_eq!(
        last(&next),
        &Change::Assessment(AssessmentEvent::Assessed(Assessment {
            impact: Level::Low,
            urgency: Level::Medium,
            priority: Priority::P4
        }))
    );
    assert_eq!(next.updated_at, t(5));
    assert_eq!(
        exec(&next, assess(Level::Low, Level::Medium), 6, 10),
        Err(CommandError::NoChange)
    );
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

    let reopened = exec(
        &resolved,
        Command::Lifecycle(Transition(State::Investigating)),
        10,
        50,
    )
    .unwrap();
    assert_eq!(reopened.state, State::Investigating);
    let mut again = reopened.clone();
    for (k, state) in [State::Contained, State::Resolved, State::Closed]
        .into_iter()
        .enumerate()
    {
        again = exec(&again, move_to(state), 11 + k as i64, 60 + k as u128).unwrap();
    }
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
    assert_eq!(again.milestones.closed_at, Some(t(13)));
    let changes = again
        .events()
        .iter()
        .filter(|e| matches!(e.change, Change::Lifecycle(_)))
        .count();
    assert_eq!(changes, 8);
}

#[test]
fn cancel_stamps_and_is_final() {
    let cancelled = run(&declared(), &[State::Cancelled]);
    assert_eq!(cancelled.milestones.cancelled_at, Some(t(1)));
    let err = exec(
        &cancelled,
        Command::Lifecycle(Transition(State::Triaged)),
        5,
        5,
    )
    .unwrap_err();
    assert!(err.to_string().contains("final"), "{err}");
}

#[test]
fn a_refused_transition_says_why() {
    let incident = declared();
    let err = exec(
        &incident,
        Command::Lifecycle(Transition(State::Closed)),
        1,
        2,
    )
    .unwrap_err();
    assert_eq!(
        err,
        CommandError::Transition(sitrep::domain::TransitionError::NotAllowed {
            from: State::Reported,
            to: State::Closed,
            allowed: vec![State::Triaged, State::Cancelled],
        })
    );
    assert_eq!(
        sitrep::components::refusal_message(&err),
        "Reported cannot move to Closed; next allowed: Triaged, Cancelled."
    );
}

#[test]
fn notes_can_be_backdated_but_not_future_dated() {
    let incident = declared();
    let noted = exec(&incident, note("Alert fired", Some(t(-5))), 3, 7).unwrap();
    let event = noted
        .events()
        .iter()
        .find(|e| matches!(e.change, Change::Notes(_)))
        .unwrap();
    assert_eq!((event.at, event.recorded_at), (t(-5), t(3)));
    let mut by_time: Vec<_> = noted.events().iter().collect();
    by_time.sort_by_key(|e| e.timeline_key());
    assert_eq!(
        by_time[0].change,
        Change::Notes(NoteEvent::Added {
            text: "Alert fired".into()
        }),
        "a backdated note reads before the declaration"
    );
    assert_eq!(
        exec(&incident, note("later", Some(t(9))), 3, 7),
        Err(CommandError::FutureEvent)
    );
    assert_eq!(
        exec(&incident, note("  ", None), 3, 7),
        Err(CommandError::Required(Input::Note))
    );
}

#[test]
fn commander_hand_over_replaces_the_one_before() {
    let incident = declared();
    let set = |name: &str| {
        Command::Roles(RoleCommand::Assign {
            role: Role::Commander,
            person: name.into(),
        })
    };
    let first = exec(&incident, set("Alice"), 1, 2).unwrap();
    let second = exec(&first, set("Carol"), 2, 3).unwrap();
    assert_eq!(second.commander.as_deref(), Some("Carol"));
    assert_eq!(
        last(&second),
        &Change::Roles(RolesEvent::Assigned {
            role: Role::Commander,
            person: "Carol".into(),
            from: Some("Alice".into()),
        })
    );
    assert_eq!(
        second.events().last().unwrap().supersedes,
        vec![first.events().last().unwrap().id],
        "the hand-over names the command it replaces"
    );
    assert_eq!(
        exec(&second, set(" Carol "), 3, 4),
        Err(CommandError::NoChange)
    );
    assert!(matches!(
        exec(&second, set(&"x".repeat(101)), 3, 4),
        Err(CommandError::TooLong { .. })
    ));
}

#[test]
fn editing_details_writes_one_typed_event_per_changed_field() {
    let incident = declared();
    let edited = exec(
        &incident,
        Command::Details(EditDetails {
            title: "Checkout down".into(),
            description: incident.description.clone(),
            category: Category::Infrastructure,
            services: incident.services.clone(),
        }),
        4,
        8,
    )
    .unwrap();
    let changes: Vec<_> = edited.events()[1..]
        .iter()
        .map(|e| e.change.clone())
        .collect();
    assert_eq!(changes.len(), 2, "{changes:?}");
    assert!(changes.contains(&Change::Details(DetailsEvent::Title(
        "Checkout down".into()
    ))));
    assert!(changes.contains(&Change::Details(DetailsEvent::Category(
        Category::Infrastructure
    ))));
    assert_eq!(edited.title, "Checkout down");
    assert_eq!(edited.category, Category::Infrastructure);
    assert!(edited
        .conflicts(Topic::Details(DetailField::Title))
        .is_empty());
}

#[test]
fn one_command_can_write_hundreds_of_events_with_distinct_ids() {
    let ctx = ctx(1, 77);
    let mut ids: Vec<Uuid> = (0..1_000).map(|_| ctx.fresh_id()).collect();
    ids.push(ctx.incident_id());
    for id in &ids {
        assert_eq!(id.get_version_num(), 4, "{id} is a version-4 UUID");
    }
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 1_001);
}

#[test]
fn contexts_with_different_seeds_never_hand_out_the_same_id() {
    // The high half an id gets at step n, read from a context whose seed is all zeros.
    let zero = CommandContext::new(t(0), "Alice", Uuid::nil());
    let step: Vec<u64> = (0..4).map(|_| zero.fresh_id().as_u64_pair().0).collect();
    let low = 0x8000_0000_0000_0000;
    let context = |high: u64| CommandContext::new(t(0), "Alice", Uuid::from_u64_pair(high, low));
    let ids = |high: u64| {
        let c = context(high);
        (0..4).map(|_| c.fresh_id()).collect::<Vec<_>>()
    };
    // Seeds chosen so that the high halves of some ids would meet if the counter were mixed in
    // carelessly: only a mixing that keeps seeds apart keeps the ids apart.
    let a = 0x4000;
    let mut rivals: Vec<u64> = [(0, 2), (1, 3), (2, 0)]
        .into_iter()
        .map(|(i, j)| a ^ step[i] ^ step[j])
        .collect();
    rivals.extend(step.iter().map(|s| a | s));
    for (k, b) in rivals.into_iter().enumerate() {
        assert_ne!(b, a);
        let (ours, theirs) = (ids(a), ids(b));
        for id in &ours {
            assert!(
                !theirs.contains(id),
                "{id} handed out by both seeds (rival {k})"
            );
        }
    }
}

#[test]
fn event_ids_are_unique_within_an_incident() {
    let worked = run(&declared(), &[State::Triaged, State::Investigating]);
    let mut ids: Vec<_> = worked.events().iter().map(|e| e.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), worked.events().len());
    assert!(!ids.contains(&worked.id()));
}

#[test]
fn next_reference_counts_aliases_too() {
    let a = declared();
    assert_eq!(next_reference_number([&a]), 43);
    let renamed = a.with_events(vec![ctx(1, 9).write(
        &a,
        Topic::Reference,
        Change::Identity(IdentityEvent::Renumbered {
            reference: "INC-0100".into(),
        }),
    )]);
    assert_eq!(renamed.aliases, vec!["INC-0042".to_string()]);
    assert_eq!(next_reference_number([&renamed]), 101);
    assert_eq!(next_reference_number(std::iter::empty()), 1);
}

#[test]
fn every_category_has_its_own_name_and_label() {
    let mut labels: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
    labels.sort_unstable();
    labels.dedup();
    assert_eq!(labels.len(), Category::ALL.len());
    assert!(labels
        .iter()
        .all(|l| !l.is_empty() && l.chars().next().is_some_and(char::is_uppercase)));
    for category in Category::ALL {
        assert_eq!(Category::parse(category.as_str()), Some(category));
    }
    assert_eq!(Category::ThirdParty.label(), "Third party");
    assert_eq!(
        Category::parse("Third party"),
        None,
        "labels are not machine names"
    );
}

#[test]
fn people_read_each_machine_name_as_its_own_word() {
    // The label is the machine name as a person writes it: capitalised, spaced, never blank.
    let as_words = |name: &str| name.replace('_', " ");
    for level in Level::ALL {
        assert_eq!(level.label().to_lowercase(), as_words(level.as_str()));
        assert!(level.label().starts_with(char::is_uppercase));
    }
    for state in State::ALL {
        assert_eq!(state.label().to_lowercase(), as_words(state.as_str()));
    }
    for category in Category::ALL {
        assert_eq!(category.label().to_lowercase(), as_words(category.as_str()));
    }
    let mut words: Vec<&str> = Priority::ALL.iter().map(|p| p.label()).collect();
    assert!(words
        .iter()
        .all(|w| w.len() > 2 && w.chars().all(|c| c.is_ascii_lowercase())));
    words.sort();
    words.dedup();
    assert_eq!(
        words.len(),
        Priority::ALL.len(),
        "five priorities, five words"
    );
    // Each level's guidance tells impact from urgency, and no two levels share one.
    let mut guidance: Vec<&str> = Level::ALL
        .iter()
        .flat_map(|l| [l.impact_guidance(), l.urgency_guidance()])
        .collect();
    guidance.sort();
    guidance.dedup();
    assert_eq!(guidance.len(), 6);
    assert!(guidance.iter().all(|g| g.ends_with('.') && g.len() > 20));
}

#[test]
fn a_held_role_is_released_once_and_a_vacant_one_cannot_be() {
    let roles = |command| Command::Roles(command);
    let scribe = Role::Scribe;
    assert_eq!(
        exec(&declared(), roles(RoleCommand::Release(scribe)), 1, 2),
        Err(CommandError::NoChange),
        "nobody holds it"
    );
    let held = exec(
        &declared(),
        roles(RoleCommand::Assign {
            role: scribe,
            person: "Eve".into(),
        }),
        1,
        2,
    )
    .unwrap();
    let released = exec(&held, roles(RoleCommand::Release(scribe)), 2, 3).unwrap();
    assert_eq!(
        last(&released),
        &Change::Roles(RolesEvent::Released {
            role: scribe,
            from: Some("Eve".into())
        })
    );
    assert!(released.parts().roles.holder(scribe).is_none());
    assert_eq!(
        exec(&released, roles(RoleCommand::Release(scribe)), 3, 4),
        Err(CommandError::NoChange)
    );
}

#[test]
fn the_only_expert_is_released_and_an_unknown_one_cannot_be() {
    let roles = |command| Command::Roles(command);
    let helped = exec(
        &declared(),
        roles(RoleCommand::AddExpert(sitrep::domain::roles::Expert {
            person: "Dara".into(),
            area: "database".into(),
        })),
        1,
        2,
    )
    .unwrap();
    let (id, _, _) = helped.parts().roles.experts().next().unwrap();
    assert_eq!(
        exec(
            &helped,
            roles(RoleCommand::ReleaseExpert(Uuid::nil())),
            2,
            3
        ),
        Err(CommandError::NoChange),
        "nobody of that id helps"
    );
    let released = exec(&helped, roles(RoleCommand::ReleaseExpert(id)), 2, 3).unwrap();
    assert_eq!(released.parts().roles.experts().count(), 0);
    assert_eq!(
        last(&released),
        &Change::Roles(RolesEvent::ExpertReleased { expert: id })
    );
}
