//! The communication part and response targets: updates per audience (merged across copies,
//! corrections within one audience), the customers' title and the status-page flag, the update
//! cadence, response targets and their breaches recorded once; and the update templates.
//! Every time is passed in (`support::at`), never read from the clock.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::domain::commands::{AssessmentCommand, Input, MAX_TEXT};
use sitrep::domain::comms::{
    next_update_due, updates_due, Audience, Cadence, CommsCommand, NewUpdate, TemplateKind,
    UpdateDue,
};
use sitrep::domain::targets::{
    self, alarm, record_breaches, statuses, Standing, TargetEvent, TargetKind, Targets,
};
use sitrep::domain::templates::{self, check, fill, problems, Placeholder, TemplateError};
use sitrep::domain::{execute, Change, Command, CommandError, Incident, Priority, State};
use support::{act, ancestor, at, ctx, move_to};
use uuid::Uuid;

fn post(audience: Audience, text: &str, corrects: Option<Uuid>) -> Command {
    Command::Comms(CommsCommand::Post(NewUpdate {
        audience,
        template: None,
        text: text.into(),
        corrects,
    }))
}

fn override_to(priority: Priority) -> Command {
    Command::Assessment(AssessmentCommand::Override {
        priority,
        reason: "Payments are down for everyone".into(),
    })
}

/// When each audience's next update is due, by audience.
fn due(incident: &Incident, cadence: &Cadence) -> Vec<(Audience, chrono::DateTime<chrono::Utc>)> {
    updates_due(incident, cadence)
        .into_iter()
        .map(|d| (d.audience, d.due))
        .collect()
}

/// `incident` moved along the lifecycle until it is in `state`, each step at `minute`.
fn walk(incident: &Incident, state: State, minute: i64) -> Incident {
    let mut current = incident.clone();
    let mut n = 900;
    while current.state != state {
        let next = current.state.next_states()[0];
        n += 1;
        current = act(&current, move_to(next), minute, "Ana", n);
    }
    current
}

// ---- cadence ----

#[test]
fn with_no_update_yet_each_audience_is_due_a_cadence_after_the_report() {
    // The ancestor is P3, reported at minute 0: every audience every 120 minutes.
    let incident = ancestor();
    assert_eq!(incident.priority(), Priority::P3);
    let cadence = Cadence::default();
    let all = updates_due(&incident, &cadence);
    assert_eq!(all.len(), 3);
    for d in &all {
        assert_eq!(d.due, at(120), "{d:?}");
        assert!(!d.after_update);
        assert!(!d.is_overdue(at(120)), "due, not late, at its time");
        assert!(d.is_overdue(at(121)));
    }
}

#[test]
fn an_update_restarts_its_audiences_clock_only() {
    let incident = act(
        &ancestor(),
        post(Audience::Internal, "Looking at the resolvers", None),
        30,
        "Ana",
        1,
    );
    let cadence = Cadence::default();
    assert_eq!(
        due(&incident, &cadence),
        vec![
            (Audience::Internal, at(150)),
            (Audience::Executive, at(120)),
            (Audience::Customers, at(120)),
        ]
    );
    let internal = updates_due(&incident, &cadence)[0];
    assert!(internal.after_update);
    assert!(!internal.is_overdue(at(140)));
    assert!(internal.is_overdue(at(151)));
    assert_eq!(
        next_update_due(&incident, &cadence),
        Some(UpdateDue {
            audience: Audience::Executive,
            due: at(120),
            after_update: false,
        }),
        "the soonest; on a tie, the first audience"
    );
    // A later update to the same audience counts from its own time.
    let again = act(
        &incident,
        post(Audience::Internal, "Resolvers restarted", None),
        50,
        "Ana",
        2,
    );
    assert_eq!(due(&again, &cadence)[0], (Audience::Internal, at(170)));
}

#[test]
fn each_audience_has_its_own_cadence_and_one_without_is_not_due() {
    let cadence = Cadence::default()
        .with(Priority::P3, Audience::Customers, Some(15))
        .unwrap()
        .with(Priority::P3, Audience::Executive, None)
        .unwrap();
    assert_eq!(
        due(&ancestor(), &cadence),
        vec![(Audience::Internal, at(120)), (Audience::Customers, at(15))]
    );
    assert_eq!(
        next_update_due(&ancestor(), &cadence).map(|d| d.audience),
        Some(Audience::Customers)
    );
    // P4 and P5 have no cadence by default.
    let low = act(&ancestor(), override_to(Priority::P5), 1, "Ana", 11);
    assert_eq!(updates_due(&low, &Cadence::default()), Vec::new());
    assert_eq!(next_update_due(&low, &Cadence::default()), None);
}

#[test]
fn a_priority_change_moves_the_due_time_by_the_new_cadence_from_the_last_update() {
    let posted = act(
        &ancestor(),
        post(Audience::Internal, "Investigating", None),
        30,
        "Ana",
        1,
    );
    assert_eq!(
        due(&posted, &Cadence::default())[0],
        (Audience::Internal, at(150))
    );
    // Raised to P1 at minute 40: every 30 minutes, from the update at minute 30.
    let raised = act(&posted, override_to(Priority::P1), 40, "Ana", 12);
    assert_eq!(
        due(&raised, &Cadence::default()),
        vec![
            (Audience::Internal, at(60)),
            (Audience::Executive, at(30)),
            (Audience::Customers, at(30)),
        ],
        "the audiences without an update count from the report"
    );
    assert!(updates_due(&raised, &Cadence::default())
        .iter()
        .all(|d| d.is_overdue(at(61))));
}

#[test]
fn a_resolved_closed_or_cancelled_incident_has_no_cadence() {
    let cadence = Cadence::default();
    let resolved = walk(&ancestor(), State::Resolved, 5);
    assert_eq!(resolved.state, State::Resolved);
    assert_eq!(updates_due(&resolved, &cadence), Vec::new());
    assert_eq!(next_update_due(&resolved, &cadence), None);
    let closed = walk(&resolved, State::Closed, 6);
    assert_eq!(updates_due(&closed, &cadence), Vec::new());
    let cancelled = act(&ancestor(), move_to(State::Cancelled), 5, "Ana", 13);
    assert_eq!(updates_due(&cancelled, &cadence), Vec::new());
    // Reopened, the clock runs again.
    let reopened = act(&resolved, move_to(State::Investigating), 7, "Ana", 14);
    assert_eq!(updates_due(&reopened, &cadence).len(), 3);
}

// ---- updates ----

#[test]
fn updates_posted_in_two_copies_are_all_kept_in_either_merge_order() {
    let base = ancestor();
    let a = act(
        &base,
        post(Audience::Internal, "A: checking", None),
        10,
        "Ana",
        11,
    );
    let b = act(
        &base,
        post(Audience::Customers, "B: we know", None),
        11,
        "Bo",
        12,
    );
    let b = act(
        &b,
        post(Audience::Internal, "B: resolvers", None),
        12,
        "Bo",
        13,
    );
    let ab = Incident::merge(&a, &b);
    let ba = Incident::merge(&b, &a);
    assert_eq!(ab.parts().comms.updates(), ba.parts().comms.updates());
    assert_eq!(ab, ba);
    let internal: Vec<&str> = ab
        .parts()
        .comms
        .thread(Audience::Internal)
        .map(|u| u.text.as_str())
        .collect();
    assert_eq!(internal, ["A: checking", "B: resolvers"], "oldest first");
    let customers: Vec<&str> = ab
        .parts()
        .comms
        .thread(Audience::Customers)
        .map(|u| u.text.as_str())
        .collect();
    assert_eq!(customers, ["B: we know"]);
    assert_eq!(ab.parts().comms.thread(Audience::Executive).count(), 0);
    // Merging again changes nothing.
    assert_eq!(Incident::merge(&ab, &a), ab);
    assert_eq!(
        ab.parts().comms.last_posted(Audience::Internal),
        Some(at(12))
    );
}

#[test]
fn a_correction_names_an_earlier_update_of_its_own_audience() {
    let one = act(
        &ancestor(),
        post(Audience::Customers, "All payments fail", None),
        10,
        "Ana",
        1,
    );
    let first = one.parts().comms.updates()[0].id;
    let refused = execute(
        &one,
        post(Audience::Internal, "Only card payments fail", Some(first)),
        &ctx(11, "Ana", 12),
    );
    assert_eq!(refused.unwrap_err(), CommandError::NoSuchUpdate);
    let unknown = execute(
        &one,
        post(Audience::Customers, "Only cards", Some(Uuid::from_u128(7))),
        &ctx(11, "Ana", 13),
    );
    assert_eq!(unknown.unwrap_err(), CommandError::NoSuchUpdate);
    let corrected = act(
        &one,
        post(
            Audience::Customers,
            "  Only card payments fail  ",
            Some(first),
        ),
        12,
        "Ana",
        4,
    );
    let corrections: Vec<&str> = corrected
        .parts()
        .comms
        .corrections_of(first)
        .map(|u| u.text.as_str())
        .collect();
    assert_eq!(corrections, ["Only card payments fail"], "trimmed");
    assert_eq!(
        corrected
            .parts()
            .comms
            .update(first)
            .map(|u| u.text.as_str()),
        Some("All payments fail"),
        "the earlier update is never edited"
    );
}

#[test]
fn an_update_is_required_and_held_to_its_length() {
    let over = "x".repeat(MAX_TEXT + 1);
    let refused = execute(
        &ancestor(),
        post(Audience::Internal, &over, None),
        &ctx(1, "Ana", 11),
    );
    assert_eq!(
        refused.unwrap_err(),
        CommandError::TooLong {
            field: Input::Update,
            len: MAX_TEXT + 1,
            max: MAX_TEXT
        }
    );
    let blank = execute(
        &ancestor(),
        post(Audience::Internal, "   ", None),
        &ctx(1, "Ana", 12),
    );
    assert_eq!(blank.unwrap_err(), CommandError::Required(Input::Update));
    let at_limit = act(
        &ancestor(),
        post(Audience::Internal, &"x".repeat(MAX_TEXT), None),
        1,
        "Ana",
        3,
    );
    assert_eq!(at_limit.parts().comms.updates().len(), 1);
}

#[test]
fn the_customers_title_and_the_status_page_flag_are_set_and_cleared() {
    let comms = |c| Command::Comms(c);
    let start = ancestor();
    assert_eq!(start.parts().comms.public_title(), None);
    assert!(!start.parts().comms.is_public());
    let titled = act(
        &start,
        comms(CommsCommand::SetPublicTitle(" Payments degraded ".into())),
        1,
        "Ana",
        1,
    );
    assert_eq!(
        titled.parts().comms.public_title(),
        Some("Payments degraded")
    );
    let same = execute(
        &titled,
        comms(CommsCommand::SetPublicTitle("Payments degraded".into())),
        &ctx(2, "Ana", 12),
    );
    assert_eq!(same.unwrap_err(), CommandError::NoChange);
    let cleared = act(
        &titled,
        comms(CommsCommand::SetPublicTitle(String::new())),
        3,
        "Ana",
        3,
    );
    assert_eq!(cleared.parts().comms.public_title(), None);
    let blank_again = execute(
        &start,
        comms(CommsCommand::SetPublicTitle("  ".into())),
        &ctx(2, "Ana", 14),
    );
    assert_eq!(
        blank_again.unwrap_err(),
        CommandError::NoChange,
        "no title set, none asked"
    );
    let public = act(&start, comms(CommsCommand::SetPublic(true)), 4, "Ana", 15);
    assert!(public.parts().comms.is_public());
    assert_eq!(
        execute(
            &public,
            comms(CommsCommand::SetPublic(true)),
            &ctx(5, "Ana", 16)
        )
        .unwrap_err(),
        CommandError::NoChange
    );
    let private = act(&public, comms(CommsCommand::SetPublic(false)), 6, "Ana", 17);
    assert!(!private.parts().comms.is_public());
    let long = execute(
        &start,
        comms(CommsCommand::SetPublicTitle("t".repeat(201))),
        &ctx(7, "Ana", 18),
    );
    assert!(matches!(
        long,
        Err(CommandError::TooLong {
            field: Input::PublicTitle,
            ..
        })
    ));
}

// ---- response targets ----

/// For the ancestor (P3): 30 minutes to acknowledge, 120 to resolve.
fn short() -> Targets {
    Targets::default()
        .with(Priority::P3, TargetKind::Acknowledge, Some(30))
        .unwrap()
        .with(Priority::P3, TargetKind::Resolve, Some(120))
        .unwrap()
}

fn standings(incident: &Incident, targets: &Targets, minute: i64) -> Vec<(TargetKind, Standing)> {
    statuses(incident, targets, at(minute))
        .into_iter()
        .map(|t| (t.kind, t.standing))
        .collect()
}

#[test]
fn a_target_runs_then_is_soon_then_breached() {
    use Standing::*;
    use TargetKind::*;
    let incident = ancestor();
    let list = statuses(&incident, &short(), at(10));
    assert_eq!(
        list.iter().map(|t| t.deadline).collect::<Vec<_>>(),
        [at(30), at(120)],
        "measured from the report"
    );
    assert_eq!(
        standings(&incident, &short(), 10),
        [(Acknowledge, Running), (Resolve, Running)]
    );
    // Soon within the last 15 minutes; breached once past the deadline.
    assert_eq!(
        standings(&incident, &short(), 15)[0],
        (Acknowledge, Running)
    );
    assert_eq!(standings(&incident, &short(), 16)[0], (Acknowledge, Soon));
    assert_eq!(standings(&incident, &short(), 30)[0], (Acknowledge, Soon));
    assert_eq!(
        standings(&incident, &short(), 31)[0],
        (Acknowledge, Breached)
    );
    assert_eq!(
        alarm(&incident, &short(), at(10)),
        None,
        "nothing is in alarm while every target runs"
    );
    let loud = alarm(&incident, &short(), at(110)).unwrap();
    assert_eq!(
        (loud.kind, loud.standing),
        (Acknowledge, Breached),
        "breached before soon"
    );
}

#[test]
fn a_target_reached_in_time_is_met_and_late_is_missed() {
    use Standing::*;
    use TargetKind::*;
    let on_time = act(&ancestor(), move_to(State::Triaged), 20, "Ana", 11);
    assert_eq!(
        standings(&on_time, &short(), 200),
        [(Acknowledge, Met), (Resolve, Breached)]
    );
    let late = act(&ancestor(), move_to(State::Triaged), 40, "Ana", 12);
    assert_eq!(standings(&late, &short(), 41)[0], (Acknowledge, Missed));
    let resolved = walk(&late, State::Resolved, 100);
    assert_eq!(
        standings(&resolved, &short(), 500),
        [(Acknowledge, Missed), (Resolve, Met)]
    );
    assert_eq!(alarm(&resolved, &short(), at(500)), None);
}

#[test]
fn a_priority_change_measures_the_targets_of_the_new_priority_from_the_report() {
    use Standing::*;
    use TargetKind::*;
    // P3 by default: 2 hours to acknowledge; at minute 20 it runs.
    assert_eq!(
        standings(&ancestor(), &Targets::default(), 20)[0],
        (Acknowledge, Running)
    );
    // Raised to P1 at minute 10: 15 minutes from the report, so breached at minute 20.
    let raised = act(&ancestor(), override_to(Priority::P1), 10, "Ana", 11);
    let list = statuses(&raised, &Targets::default(), at(20));
    assert_eq!((list[0].deadline, list[0].standing), (at(15), Breached));
    assert_eq!((list[1].deadline, list[1].standing), (at(240), Running));
}

#[test]
fn a_cancelled_incident_has_no_targets_and_a_target_may_be_none() {
    let cancelled = act(&ancestor(), move_to(State::Cancelled), 5, "Ana", 11);
    assert_eq!(statuses(&cancelled, &short(), at(500)), Vec::new());
    assert_eq!(alarm(&cancelled, &short(), at(500)), None);
    let none = Targets::default()
        .with(Priority::P3, TargetKind::Acknowledge, None)
        .unwrap();
    assert_eq!(
        standings(&ancestor(), &none, 10),
        [(TargetKind::Resolve, Standing::Running)]
    );
}

#[test]
fn a_breach_is_recorded_once_dated_at_its_deadline() {
    let incident = ancestor();
    // Nothing breached yet: nothing recorded.
    let early = record_breaches(&incident, &short(), &ctx(20, "Sitrep", 11)).unwrap();
    assert_eq!(early, Vec::new());
    let events = record_breaches(&incident, &short(), &ctx(45, "Sitrep", 12)).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].at, at(30), "dated at the deadline");
    assert_eq!(events[0].recorded_at, at(45));
    assert_eq!(
        events[0].change,
        Change::Targets(TargetEvent::Breached {
            target: TargetKind::Acknowledge,
            priority: Priority::P3
        })
    );
    let recorded = incident.with_events(events);
    assert!(recorded
        .parts()
        .targets
        .is_recorded(TargetKind::Acknowledge));
    assert!(!recorded.parts().targets.is_recorded(TargetKind::Resolve));
    assert_eq!(
        recorded.parts().targets.breached,
        vec![(TargetKind::Acknowledge, at(30))]
    );
    // Seen again later: no second record.
    let again = record_breaches(&recorded, &short(), &ctx(50, "Sitrep", 13)).unwrap();
    assert_eq!(again, Vec::new());
    assert_eq!(
        execute(
            &recorded,
            Command::RecordBreaches(short()),
            &ctx(51, "Sitrep", 14)
        )
        .unwrap_err(),
        CommandError::NoChange
    );
    // The other target, once breached, is recorded on its own.
    let later = record_breaches(&recorded, &short(), &ctx(130, "Sitrep", 15)).unwrap();
    assert_eq!(later.len(), 1);
    assert_eq!(later[0].at, at(120));
    let both = recorded.with_events(later);
    assert!(both.parts().targets.is_recorded(TargetKind::Resolve));
    assert_eq!(
        record_breaches(&both, &short(), &ctx(200, "Sitrep", 16)).unwrap(),
        Vec::new()
    );
}

#[test]
fn a_breach_recorded_in_two_copies_is_one_breach() {
    let base = ancestor();
    let a = act(&base, Command::RecordBreaches(short()), 45, "Ana", 11);
    let b = act(&base, Command::RecordBreaches(short()), 46, "Bo", 12);
    let merged = Incident::merge(&a, &b);
    assert_eq!(
        merged.parts().targets.breached,
        vec![(TargetKind::Acknowledge, at(30))]
    );
    assert_eq!(merged, Incident::merge(&b, &a));
    assert_eq!(
        targets::SOON_MINUTES,
        15,
        "the at-risk window the tests above assume"
    );
}

#[test]
fn minutes_are_held_to_one_minute_to_thirty_days() {
    use sitrep::domain::comms::{check_minutes, MinutesError, MAX_MINUTES};
    assert_eq!(check_minutes(0), Err(MinutesError::NotPositive));
    assert_eq!(check_minutes(-5), Err(MinutesError::NotPositive));
    assert_eq!(check_minutes(1), Ok(1));
    assert_eq!(check_minutes(i64::from(MAX_MINUTES)), Ok(43_200));
    assert_eq!(check_minutes(43_201), Err(MinutesError::TooLong));
    assert_eq!(check_minutes(i64::MAX), Err(MinutesError::TooLong));
    assert_eq!(
        Cadence::default().with(Priority::P1, Audience::Internal, Some(0)),
        Err(MinutesError::NotPositive)
    );
    assert_eq!(
        Targets::default().with(Priority::P5, TargetKind::Resolve, Some(43_201)),
        Err(MinutesError::TooLong)
    );
}

// ---- templates ----

#[test]
fn a_template_is_filled_from_a_closure() {
    let filled = fill("{title} ({reference}, {priority}) at {now}", |p| {
        match p {
            Placeholder::Title => "DNS down",
            Placeholder::Reference => "INC-0042",
            Placeholder::Priority => "P2",
            _ => "?",
        }
        .to_string()
    });
    assert_eq!(filled, "DNS down (INC-0042, P2) at ?");
    // A placeholder may be written with spaces inside its braces, and more than once.
    assert_eq!(
        fill("{ title } / {title}", |p| p.as_str().to_uppercase()),
        "TITLE / TITLE"
    );
    for p in Placeholder::ALL {
        assert_eq!(Placeholder::parse(p.as_str()), Some(p));
        let one = format!("[{{{}}}]", p.as_str());
        assert_eq!(check(&one), Ok(()), "{one}");
        assert_eq!(fill(&one, |q| format!("{q:?}")), format!("[{p:?}]"));
    }
}

#[test]
fn double_braces_write_a_brace_and_a_lone_closing_one_is_text() {
    assert_eq!(check("{{title}} is {title}"), Ok(()));
    assert_eq!(
        fill("{{title}} is {title}", |_| "DNS".into()),
        "{title} is DNS"
    );
    assert_eq!(fill("a } b }} c", |_| String::new()), "a } b } c");
    assert_eq!(fill("{{{title}}}", |_| "x".into()), "{x}");
}

#[test]
fn an_unclosed_brace_is_refused_and_filling_keeps_the_text() {
    assert_eq!(check("Hello {title"), Err(TemplateError::Unclosed));
    assert_eq!(problems("Hello {title"), vec![TemplateError::Unclosed]);
    assert_eq!(fill("Hello {title", |_| "x".into()), "Hello {title");
    assert_eq!(fill("Hi {foo}", |_| "x".into()), "Hi {foo}", "nothing lost");
}

#[test]
fn every_unknown_placeholder_is_listed_once() {
    let unknown = |name: &str| TemplateError::Unknown { name: name.into() };
    assert_eq!(check("{foo} and {title} and {bar}"), Err(unknown("foo")));
    assert_eq!(
        problems("{foo} and {title} and {bar} and {{baz}} and {qux}"),
        vec![unknown("foo"), unknown("bar"), unknown("qux")],
        "each unknown name, in order; an escaped brace is no placeholder"
    );
    assert_eq!(problems("{title} {reference}"), Vec::new());
    assert_eq!(problems("{}"), vec![unknown("")]);
    let long = format!("{{{}}}", "n".repeat(60));
    assert_eq!(
        check(&long),
        Err(unknown(&"n".repeat(40))),
        "the name shown is cut at 40 characters"
    );
}

#[test]
fn an_empty_or_overlong_template_is_refused() {
    assert_eq!(check(""), Err(TemplateError::Empty));
    assert_eq!(check(" \n "), Err(TemplateError::Empty));
    assert_eq!(problems(""), vec![TemplateError::Empty]);
    assert_eq!(
        check(&"x".repeat(MAX_TEXT + 1)),
        Err(TemplateError::TooLong { max: MAX_TEXT })
    );
    assert_eq!(check(&"x".repeat(MAX_TEXT)), Ok(()));
}

#[test]
fn the_shipped_templates_check_and_fill_every_placeholder() {
    let shipped = templates::defaults();
    for kind in TemplateKind::ALL {
        let text = templates::default_text(kind);
        assert_eq!(shipped[kind.index()], text);
        assert_eq!(check(text), Ok(()), "{kind:?}");
        assert_eq!(problems(text), Vec::new());
        let filled = fill(text, |p| format!("<{}>", p.as_str()));
        assert!(
            !filled.contains('{') && !filled.contains('}'),
            "{kind:?}: {filled}"
        );
    }
    assert!(templates::default_text(TemplateKind::Can).contains("Conditions:"));
}

#[test]
fn a_closed_incident_without_its_milestones_runs_no_target() {
    // Only a hand-made file closes an incident straight from reported: no target runs on it.
    let base = ancestor();
    let mut events = base.events().to_vec();
    events.push(sitrep::domain::Event {
        id: Uuid::from_u128(0xC105ED),
        recorded_at: at(5),
        at: at(5),
        actor: "Ana".into(),
        supersedes: Vec::new(),
        change: Change::Lifecycle(sitrep::domain::lifecycle::LifecycleEvent::StateChanged {
            from: State::Reported,
            to: State::Closed,
        }),
    });
    let closed = support::replayed(&base, events);
    assert_eq!(closed.state, State::Closed);
    assert_eq!(statuses(&closed, &short(), at(5000)), Vec::new());
}
