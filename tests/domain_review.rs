//! The review and follow-up actions parts: what the log already knows for the review (its
//! prefill), sections and stars written in two copies, the review's steps, the close gate by the
//! review rule, and follow-up actions with the follow-ups list across incidents.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::NaiveDate;
use sitrep::domain::actions::{
    follow_ups, open_counts, ActionCommand, ActionField, ActionKind, ActionState, FollowUpFilter,
    NewAction,
};
use sitrep::domain::commands::{AssessmentCommand, Input, RoleCommand};
use sitrep::domain::comms::{Audience, CommsCommand, NewUpdate};
use sitrep::domain::resolution::ResolutionKind;
use sitrep::domain::review::{
    facts, Moment, ReviewCommand, ReviewEvent, ReviewRule, ReviewStatus, Section, Spell,
};
use sitrep::domain::roles::Role;
use sitrep::domain::tasks::{NewTask, TaskCommand, TaskState};
use sitrep::domain::{
    execute, Change, Command, CommandError, Incident, IncidentKind, Log, Priority, State, Topic,
    TransitionError,
};
use support::{ancestor, at, commander, ctx, move_to, note, resolve, transition};
use uuid::Uuid;

/// Runs a command that must be accepted, with seeds apart from those that declared the samples
/// (so no event here takes the id of one there).
fn act(incident: &Incident, command: Command, minute: i64, actor: &str, n: u128) -> Incident {
    support::act(incident, command, minute, actor, 100_000 + n)
}

fn review(command: ReviewCommand) -> Command {
    Command::Review(command)
}

fn write(section: Section, text: &str) -> Command {
    review(ReviewCommand::Write(section, text.into()))
}

fn star(entry: Uuid, starred: bool) -> Command {
    review(ReviewCommand::Star(entry, starred))
}

fn step(status: ReviewStatus) -> Command {
    review(ReviewCommand::Move(status))
}

fn actions(command: ActionCommand) -> Command {
    Command::Actions(command)
}

fn post(audience: Audience, text: &str) -> Command {
    Command::Comms(CommsCommand::Post(NewUpdate {
        audience,
        template: None,
        text: text.into(),
        corrects: None,
    }))
}

fn refused(incident: &Incident, command: Command) -> CommandError {
    match execute(incident, command, &ctx(500, "Ana", 500)) {
        Ok(_) => panic!("accepted"),
        Err(error) => error,
    }
}

/// The id of the event written last.
fn last_event(incident: &Incident) -> Uuid {
    match incident.events().iter().max_by_key(|e| e.fold_key()) {
        Some(event) => event.id,
        None => panic!("an incident has events"),
    }
}

/// `incident` walked through the lifecycle to resolved from `minute` on, one minute a step.
fn walked_to_resolved(incident: &Incident, minute: i64) -> Incident {
    let mut current = incident.clone();
    let mut m = minute;
    while current.state != State::Resolved {
        let next = current.state.next_states()[0];
        current = act(&current, move_to(next), m, "Noc", 9_000 + m as u128);
        m += 1;
    }
    current
}

/// The common ancestor, resolved by minute 10.
fn resolved() -> Incident {
    walked_to_resolved(&ancestor(), 1)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("a day"),
    }
}

// ---- the prefill ----

/// A network incident whose impact started at -30, noticed at -10 and reported at 0, worked to
/// resolved at minute 25 by commands (see the test for the script).
fn scripted() -> (Incident, [Uuid; 3]) {
    let base = ancestor();
    let mut declared = base.events()[0].clone();
    match &mut declared.change {
        Change::Declared(d) => {
            d.impact_started_at = at(-30);
            d.detected_at = at(-10);
        }
        _ => panic!("the first event declares"),
    }
    let start = match Incident::from_log(base.id(), Log::new(vec![declared]), Default::default()) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    };
    let task = |title: &str| {
        Command::Tasks(TaskCommand::Add(NewTask {
            title: title.into(),
            owner: String::new(),
            due: None,
        }))
    };
    let scribe = Command::Roles(RoleCommand::Assign {
        role: Role::Scribe,
        person: "Cy".into(),
    });
    let mut i = act(&start, transition(State::Triaged), 2, "Noc", 2);
    i = act(&i, commander("Ana"), 3, "Noc", 3);
    i = act(&i, transition(State::Investigating), 4, "Ana", 4);
    i = act(&i, task("Flush the resolver caches"), 5, "Ana", 5);
    i = act(&i, scribe, 6, "Ana", 6);
    i = act(&i, task("Call the DNS vendor"), 7, "Ana", 7);
    let flush = i.parts().tasks.list()[0].id;
    assert_eq!(i.parts().tasks.list()[0].title, "Flush the resolver caches");
    i = act(
        &i,
        Command::Tasks(TaskCommand::Set(flush, TaskState::Done)),
        7,
        "Ana",
        71,
    );
    i = act(&i, post(Audience::Internal, "Looking into it"), 8, "Ana", 8);
    i = act(&i, post(Audience::Customers, "We are aware"), 9, "Ana", 9);
    let customers = last_event(&i);
    i = act(&i, commander("Ben"), 10, "Ana", 10);
    let handover = last_event(&i);
    i = act(
        &i,
        note("The resolver config changed at 08:50"),
        11,
        "Ben",
        11,
    );
    let unstarred = last_event(&i);
    i = act(&i, post(Audience::Internal, "Cause found"), 12, "Ben", 12);
    i = act(
        &i,
        Command::Roles(RoleCommand::Release(Role::Scribe)),
        13,
        "Ben",
        13,
    );
    i = act(&i, transition(State::Contained), 14, "Ben", 14);
    i = act(&i, post(Audience::Internal, "Contained"), 16, "Ben", 16);
    i = act(
        &i,
        resolve("Rolled back the resolver config"),
        25,
        "Ben",
        25,
    );
    // Starred out of timeline order; the note starred and unstarred again.
    i = act(&i, star(handover, true), 30, "Ben", 30);
    i = act(&i, star(unstarred, true), 31, "Ben", 31);
    i = act(&i, star(customers, true), 32, "Ben", 32);
    i = act(&i, star(unstarred, false), 33, "Ben", 33);
    (i, [customers, handover, unstarred])
}

#[test]
fn the_facts_gather_what_the_log_knows() {
    let (incident, [customers, handover, unstarred]) = scripted();
    let facts = facts(&incident);
    assert_eq!(
        facts.moments,
        vec![
            (Moment::ImpactStarted, at(-30)),
            (Moment::Detected, at(-10)),
            (Moment::Reported, at(0)),
            (Moment::Acknowledged, at(2)),
            (Moment::Contained, at(14)),
            (Moment::Resolved, at(25)),
        ],
        "in order, and no close yet"
    );
    assert_eq!(facts.moment(Moment::Closed), None);
    assert_eq!(
        facts.minutes(Moment::ImpactStarted, Moment::Detected),
        Some(20)
    );
    assert_eq!(facts.minutes(Moment::Detected, Moment::Reported), Some(10));
    assert_eq!(facts.minutes(Moment::Reported, Moment::Resolved), Some(25));
    assert_eq!(
        facts.minutes(Moment::ImpactStarted, Moment::Resolved),
        Some(55)
    );
    assert_eq!(
        facts.minutes(Moment::Resolved, Moment::Reported),
        Some(0),
        "never negative"
    );
    assert_eq!(facts.minutes(Moment::Resolved, Moment::Closed), None);
    // The spans reviews, reports and metrics measure: detection from impact start, the response
    // from the report, the impact to the resolution.
    use sitrep::domain::review::Span;
    assert_eq!(
        facts.spans(),
        vec![
            (Span::Detect, 20),
            (Span::Acknowledge, 2),
            (Span::Contain, 14),
            (Span::Resolve, 25),
            (Span::Impact, 55),
        ]
    );

    let spell = |role, person: &str, from, until: Option<i64>| Spell {
        role,
        person: person.into(),
        from: at(from),
        until: until.map(at),
    };
    assert_eq!(
        facts.spells,
        vec![
            spell(Role::Commander, "Ana", 3, Some(10)),
            spell(Role::Scribe, "Cy", 6, Some(13)),
            spell(Role::Commander, "Ben", 10, None),
        ],
        "the first commander's spell ends at the handover"
    );

    let sent: Vec<(Audience, usize, Option<_>, Option<_>)> = facts
        .sent
        .iter()
        .map(|s| (s.audience, s.count, s.first, s.last))
        .collect();
    assert_eq!(
        sent,
        vec![
            (Audience::Internal, 3, Some(at(8)), Some(at(16))),
            (Audience::Executive, 0, None, None),
            (Audience::Customers, 1, Some(at(9)), Some(at(9))),
        ]
    );

    assert_eq!(facts.resolutions.len(), 1);
    let record = facts.resolutions[0].record;
    assert_eq!(
        (record.kind, record.summary.as_str(), record.at),
        (
            ResolutionKind::Fix,
            "Rolled back the resolver config",
            at(25)
        )
    );

    let done: Vec<&str> = facts.tasks_done.iter().map(|t| t.title).collect();
    assert_eq!(done, ["Flush the resolver caches"], "only the tasks done");

    let starred: Vec<Uuid> = facts.starred.iter().map(|e| e.id).collect();
    assert_eq!(
        starred,
        [customers, handover],
        "in timeline order, not the order starred"
    );
    assert!(!starred.contains(&unstarred));
    assert!(incident.parts().review.is_started());
    assert_eq!(incident.parts().review.starred().count(), 2);
}

#[test]
fn a_commander_assigned_again_and_a_role_released_end_spells_where_they_should() {
    let one = act(&resolved(), commander("Ana"), 20, "Ana", 1);
    // Assigned again to the one who holds it (from a copy that did not see the first): no new
    // spell.
    let again = Incident::merge(&one, &act(&resolved(), commander("Ana"), 21, "Bo", 2));
    let released = act(
        &again,
        Command::Roles(RoleCommand::Release(Role::Commander)),
        22,
        "Ana",
        3,
    );
    let spells = facts(&released).spells;
    assert_eq!(
        spells,
        vec![Spell {
            role: Role::Commander,
            person: "Ana".into(),
            from: at(20),
            until: Some(at(22)),
        }]
    );
}

// ---- sections in two copies ----

#[test]
fn different_sections_written_in_two_copies_both_survive_without_a_conflict() {
    let base = resolved();
    let a = act(
        &base,
        write(Section::Summary, "DNS failed for 25 minutes"),
        40,
        "Ana",
        100,
    );
    let b = act(
        &base,
        write(Section::RootCause, "A bad resolver config"),
        41,
        "Ben",
        200,
    );
    let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
    assert_eq!(ab, ba);
    let merged = &ab.parts().review;
    assert_eq!(
        merged.section(Section::Summary),
        "DNS failed for 25 minutes"
    );
    assert_eq!(merged.section(Section::RootCause), "A bad resolver config");
    assert_eq!(merged.section(Section::Lessons), "");
    for section in [Section::Summary, Section::RootCause] {
        assert!(ab.conflicts(Topic::ReviewSection(section)).is_empty());
    }
}

#[test]
fn the_same_section_written_apart_is_a_conflict_until_a_write_that_saw_both() {
    let base = act(
        &resolved(),
        write(Section::Impact, "Internal names"),
        30,
        "Ana",
        1,
    );
    let a = act(
        &base,
        write(Section::Impact, "Internal names for 25 minutes"),
        40,
        "Ana",
        100,
    );
    let b = act(
        &base,
        write(Section::Impact, "Every internal name"),
        41,
        "Ben",
        200,
    );
    let topic = Topic::ReviewSection(Section::Impact);
    let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
    assert_eq!(ab, ba, "the merges in either order are equal");
    assert_eq!(ab.conflicts(topic).len(), 1);
    assert!(ab.parts().slots().iter().any(|(t, _)| *t == topic));
    assert_eq!(
        ab.parts().review.section(Section::Impact),
        "Every internal name",
        "the later write shows until settled"
    );
    assert!(ab
        .conflicts(Topic::ReviewSection(Section::Summary))
        .is_empty());
    // Writing the value that shows settles it too: a write that saw both.
    let settled = act(
        &ab,
        write(Section::Impact, "Every internal name"),
        42,
        "Ana",
        3,
    );
    assert!(settled.conflicts(topic).is_empty());
    let combined = act(
        &ab,
        write(Section::Impact, "Every internal name, for 25 minutes"),
        43,
        "Ana",
        4,
    );
    assert!(combined.conflicts(topic).is_empty());
    assert_eq!(
        combined.parts().review.section(Section::Impact),
        "Every internal name, for 25 minutes"
    );
}

#[test]
fn a_section_is_kept_trimmed_at_its_end_and_the_same_text_again_is_no_change() {
    let base = resolved();
    let one = act(
        &base,
        write(Section::Lessons, "  - Alert on resolver errors\n\n"),
        20,
        "Ana",
        1,
    );
    assert_eq!(
        one.parts().review.section(Section::Lessons),
        "  - Alert on resolver errors"
    );
    assert_eq!(
        refused(
            &one,
            write(Section::Lessons, "  - Alert on resolver errors ")
        ),
        CommandError::NoChange
    );
    assert_eq!(
        refused(&base, write(Section::Lessons, "   ")),
        CommandError::NoChange,
        "blank is what an unwritten section holds"
    );
    assert!(!base.parts().review.is_started());
    assert!(one.parts().review.is_started());
}

// ---- the review's steps ----

/// `base` with a summary, moved to `status`.
fn at_status(base: &Incident, status: ReviewStatus) -> Incident {
    let mut current = act(base, write(Section::Summary, "DNS failed"), 20, "Ana", 1);
    let path: &[ReviewStatus] = match status {
        ReviewStatus::Draft => &[],
        ReviewStatus::InReview => &[ReviewStatus::InReview],
        ReviewStatus::Published => &[ReviewStatus::InReview, ReviewStatus::Published],
    };
    for (k, s) in path.iter().enumerate() {
        current = act(&current, step(*s), 21 + k as i64, "Ana", 2 + k as u128);
    }
    assert_eq!(current.parts().review.status(), status);
    current
}

#[test]
fn the_review_moves_one_step_forward_or_back_and_nowhere_else() {
    use ReviewStatus::*;
    let allowed = [
        (Draft, InReview),
        (InReview, Published),
        (InReview, Draft),
        (Published, InReview),
    ];
    let base = resolved();
    for from in ReviewStatus::ALL {
        let there = at_status(&base, from);
        for to in ReviewStatus::ALL {
            let result = execute(&there, step(to), &ctx(30, "Ben", 30));
            if allowed.contains(&(from, to)) {
                let moved = result.unwrap_or_else(|e| panic!("{from:?} → {to:?}: {e}"));
                assert_eq!(moved.parts().review.status(), to);
                assert!(from.next().contains(&to));
            } else {
                assert_eq!(
                    result.unwrap_err(),
                    CommandError::ReviewStep { from, to },
                    "{from:?} → {to:?}"
                );
                assert!(!from.next().contains(&to));
            }
        }
    }
    assert_eq!(base.parts().review.status(), Draft, "unset is a draft");
}

#[test]
fn publishing_needs_a_summary() {
    let base = resolved();
    let in_review = act(&base, step(ReviewStatus::InReview), 20, "Ana", 1);
    let written = act(
        &in_review,
        write(Section::Lessons, "Alert on resolver errors"),
        21,
        "Ana",
        2,
    );
    assert_eq!(
        refused(&written, step(ReviewStatus::Published)),
        CommandError::Required(Input::Review(Section::Summary))
    );
    let summary = act(
        &written,
        write(Section::Summary, "DNS failed"),
        22,
        "Ana",
        3,
    );
    let published = act(&summary, step(ReviewStatus::Published), 23, "Ana", 4);
    assert!(published.parts().review.is_published());
    // A summary written and emptied again does not publish either.
    let emptied = act(&summary, write(Section::Summary, ""), 24, "Ana", 5);
    assert_eq!(
        refused(&emptied, step(ReviewStatus::Published)),
        CommandError::Required(Input::Review(Section::Summary))
    );
}

#[test]
fn a_published_review_is_not_written_until_moved_back() {
    let base = resolved();
    let published = at_status(&base, ReviewStatus::Published);
    let entry = base.events()[0].id;
    assert_eq!(
        refused(&published, write(Section::Summary, "Changed")),
        CommandError::ReviewPublished
    );
    assert_eq!(
        refused(&published, star(entry, true)),
        CommandError::ReviewPublished
    );
    let reopened = act(&published, step(ReviewStatus::InReview), 40, "Ben", 40);
    let rewritten = act(&reopened, write(Section::Summary, "Changed"), 41, "Ben", 41);
    assert_eq!(
        rewritten.parts().review.section(Section::Summary),
        "Changed"
    );
    act(&reopened, star(entry, true), 42, "Ben", 42);
}

#[test]
fn a_review_waits_for_the_first_resolve_and_stays_open_after_a_reopen() {
    let mut open = ancestor();
    for (k, state) in [State::Triaged, State::Investigating, State::Contained]
        .into_iter()
        .enumerate()
    {
        for command in [
            write(Section::Summary, "Too early"),
            star(open.events()[0].id, true),
            step(ReviewStatus::InReview),
        ] {
            assert_eq!(
                refused(&open, command),
                CommandError::NotResolved,
                "{state:?}"
            );
        }
        open = act(&open, transition(state), 1 + k as i64, "Noc", 1 + k as u128);
    }
    let resolved = act(&open, resolve("Rolled back"), 5, "Noc", 5);
    let reopened = act(&resolved, transition(State::Investigating), 6, "Noc", 6);
    assert_eq!(reopened.state, State::Investigating);
    let written = act(&reopened, write(Section::Summary, "Twice"), 7, "Ana", 7);
    let starred = act(&written, star(open.events()[0].id, true), 8, "Ana", 8);
    act(&starred, step(ReviewStatus::InReview), 9, "Ana", 9);
}

// ---- the close gate ----

/// An incident of `priority` and `kind`, resolved.
fn resolved_as(priority: Priority, kind: IncidentKind, n: u32) -> Incident {
    let mut d = support::draft(n);
    d.kind = kind;
    d.priority_override = None;
    let declared =
        match sitrep::domain::commands::declare(d, n, &ctx(0, "Noc", 50_000 + u128::from(n))) {
            Ok(incident) => incident,
            Err(error) => panic!("{error}"),
        };
    let assessed = if declared.priority() == priority {
        declared
    } else {
        act(
            &declared,
            Command::Assessment(AssessmentCommand::Override {
                priority,
                reason: "As the test needs".into(),
            }),
            1,
            "Noc",
            u128::from(n) + 1,
        )
    };
    assert_eq!((assessed.priority(), assessed.kind), (priority, kind));
    walked_to_resolved(&assessed, 2)
}

fn close() -> Command {
    transition(State::Closed)
}

fn close_without(reason: &str) -> Command {
    review(ReviewCommand::CloseWithout(reason.into()))
}

#[test]
fn p1_to_p3_close_only_with_a_published_review() {
    for (k, priority) in [Priority::P1, Priority::P2, Priority::P3]
        .into_iter()
        .enumerate()
    {
        let incident = resolved_as(priority, IncidentKind::Real, 11 + k as u32);
        assert_eq!(
            refused(&incident, close()),
            CommandError::ReviewRequired,
            "{priority:?}"
        );
        let in_review = at_status(&incident, ReviewStatus::InReview);
        assert_eq!(refused(&in_review, close()), CommandError::ReviewRequired);
        let published = at_status(&incident, ReviewStatus::Published);
        let closed = act(&published, close(), 40, "Ana", 40);
        assert_eq!(closed.state, State::Closed);
        assert!(closed.parts().review.waiver().is_none());
        // Closed on it, the published review is the record: it is not moved back.
        assert_eq!(
            refused(&closed, review(ReviewCommand::Move(ReviewStatus::InReview))),
            CommandError::ReviewFinal
        );
        // While only resolved, it could have been.
        assert!(execute(
            &published,
            review(ReviewCommand::Move(ReviewStatus::InReview)),
            &ctx(41, "Ana", 41)
        )
        .is_ok());
    }
}

#[test]
fn closing_without_a_review_needs_a_reason_and_logs_it() {
    let incident = resolved_as(Priority::P1, IncidentKind::Real, 21);
    for blank in ["", "  \n"] {
        assert_eq!(
            refused(&incident, close_without(blank)),
            CommandError::Required(Input::NoReviewReason)
        );
    }
    let closed = act(
        &incident,
        close_without("  A duplicate of INC-0020 "),
        40,
        "Ana",
        40,
    );
    assert_eq!(closed.state, State::Closed);
    assert_eq!(closed.milestones.closed_at, Some(at(40)));
    assert_eq!(
        closed.parts().review.waiver(),
        Some("A duplicate of INC-0020")
    );
    let written: Vec<&Change> = closed.events()[incident.events().len()..]
        .iter()
        .map(|e| &e.change)
        .collect();
    assert!(
        matches!(
            written[..],
            [
                Change::Review(ReviewEvent::Waived { .. }),
                Change::Lifecycle(_)
            ]
        ),
        "{written:?}"
    );
    // Only where the lifecycle allows a close.
    let open = ancestor();
    assert!(matches!(
        refused(&open, close_without("Nothing to learn")),
        CommandError::Transition(TransitionError::NotAllowed { .. })
    ));
    assert!(matches!(
        refused(&closed, close_without("Again")),
        CommandError::Transition(_)
    ));
}

#[test]
fn p4_and_p5_close_without_anything() {
    for (k, priority) in [Priority::P4, Priority::P5].into_iter().enumerate() {
        let incident = resolved_as(priority, IncidentKind::Real, 31 + k as u32);
        let closed = act(&incident, close(), 40, "Ana", 40);
        assert_eq!(closed.state, State::Closed, "{priority:?}");
        assert!(closed.parts().review.waiver().is_none());
    }
}

#[test]
fn drills_follow_the_rule_unless_the_rule_frees_them() {
    let drill = resolved_as(Priority::P1, IncidentKind::Drill, 41);
    assert_eq!(refused(&drill, close()), CommandError::ReviewRequired);
    let free = ReviewRule {
        drills: false,
        ..ReviewRule::default()
    };
    let closed = execute(&drill, close(), &ctx(40, "Ana", 40).with_review(free))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(closed.state, State::Closed);
    // The same rule still holds real incidents.
    let real = resolved_as(Priority::P1, IncidentKind::Real, 42);
    assert_eq!(
        execute(&real, close(), &ctx(40, "Ana", 40).with_review(free)).unwrap_err(),
        CommandError::ReviewRequired
    );
    // A drill of a priority the rule does not name closes freely under either setting.
    let low = resolved_as(Priority::P5, IncidentKind::Drill, 43);
    act(&low, close(), 40, "Ana", 40);
}

#[test]
fn a_rule_that_names_p4_holds_p4_and_the_default_names_p1_to_p3() {
    let rule = ReviewRule {
        priorities: [false, false, false, true, false],
        drills: true,
    };
    let p4 = resolved_as(Priority::P4, IncidentKind::Real, 51);
    let with_rule = ctx(40, "Ana", 40).with_review(rule);
    assert_eq!(
        execute(&p4, close(), &with_rule).unwrap_err(),
        CommandError::ReviewRequired
    );
    let p1 = resolved_as(Priority::P1, IncidentKind::Real, 52);
    assert_eq!(
        execute(&p1, close(), &with_rule).map(|i| i.state),
        Ok(State::Closed)
    );
    let default = ReviewRule::default();
    let needs: Vec<bool> = Priority::ALL
        .into_iter()
        .map(|p| default.needs(p, IncidentKind::Real))
        .collect();
    assert_eq!(needs, [true, true, true, false, false]);
    assert!(default.needs(Priority::P2, IncidentKind::Drill));
    assert!(!ReviewRule {
        drills: false,
        ..default
    }
    .needs(Priority::P2, IncidentKind::Drill));
}

// ---- stars ----

#[test]
fn an_entry_is_starred_and_unstarred_and_the_same_again_is_no_change() {
    let base = act(&resolved(), note("Resolver restarted"), 20, "Ana", 1);
    let entry = last_event(&base);
    assert_eq!(
        refused(&base, star(Uuid::from_u128(77), true)),
        CommandError::NoSuchEntry
    );
    assert_eq!(
        refused(&base, star(entry, false)),
        CommandError::NoChange,
        "never starred"
    );
    let starred = act(&base, star(entry, true), 21, "Ana", 2);
    assert!(starred.parts().review.is_starred(entry));
    assert_eq!(refused(&starred, star(entry, true)), CommandError::NoChange);
    let unstarred = act(&starred, star(entry, false), 22, "Ana", 3);
    assert!(!unstarred.parts().review.is_starred(entry));
    assert_eq!(
        refused(&unstarred, star(entry, false)),
        CommandError::NoChange
    );
    assert_eq!(unstarred.parts().review.starred().count(), 0);
    // Starred in one copy and unstarred in another: a conflict to settle.
    let other = act(&starred, star(entry, false), 23, "Ben", 4);
    let again = act(&starred, star(entry, false), 22, "Ana", 5);
    let merged = Incident::merge(&other, &again);
    assert!(
        merged.conflicts(Topic::ReviewStar(entry)).is_empty(),
        "both unstarred"
    );
}

// ---- follow-up actions ----

fn add(title: &str, kind: ActionKind, owner: &str, due: Option<NaiveDate>) -> Command {
    actions(ActionCommand::Add(NewAction {
        title: title.into(),
        kind,
        owner: owner.into(),
        due,
    }))
}

/// The id of the action added last.
fn newest_action(incident: &Incident) -> Uuid {
    let events = incident.events();
    let created = events.iter().rev().find_map(|e| match &e.change {
        Change::Actions(sitrep::domain::actions::ActionEvent::Created { action, .. }) => {
            Some(*action)
        }
        _ => None,
    });
    match created {
        Some(id) => id,
        None => panic!("an action was added"),
    }
}

#[test]
fn an_action_is_added_after_the_resolve_and_changed_field_by_field() {
    let open = ancestor();
    assert_eq!(
        refused(
            &open,
            add("Alert on resolver errors", ActionKind::Detective, "", None)
        ),
        CommandError::NotResolved
    );
    let base = resolved();
    assert_eq!(
        refused(&base, add("  ", ActionKind::Detective, "", None)),
        CommandError::Required(Input::ActionTitle)
    );
    let one = act(
        &base,
        add(
            " Alert on resolver errors ",
            ActionKind::Detective,
            " Ana ",
            Some(day(2026, 12, 1)),
        ),
        20,
        "Ana",
        1,
    );
    let id = newest_action(&one);
    let view = |i: &Incident| {
        let list = i.parts().actions.list();
        assert_eq!(list.len(), 1);
        let a = &list[0];
        (
            a.id,
            a.title.to_string(),
            a.kind,
            a.owner.map(str::to_string),
            a.due,
            a.state,
            a.reason.map(str::to_string),
        )
    };
    assert_eq!(
        view(&one),
        (
            id,
            "Alert on resolver errors".into(),
            ActionKind::Detective,
            Some("Ana".into()),
            Some(day(2026, 12, 1)),
            ActionState::Open,
            None
        )
    );
    let mut current = one;
    let steps: Vec<(ActionCommand, &str)> = vec![
        (ActionCommand::Assign(id, "Ben".into()), "assigned"),
        (ActionCommand::Date(id, Some(day(2026, 12, 15))), "dated"),
        (
            ActionCommand::Rekind(id, ActionKind::Preventive),
            "rekinded",
        ),
        (
            ActionCommand::Retitle(id, "Alert on SERVFAIL rates".into()),
            "retitled",
        ),
        (
            ActionCommand::Set(id, ActionState::Done, "ignored".into()),
            "done",
        ),
    ];
    for (k, (command, what)) in steps.into_iter().enumerate() {
        let m = 21 + k as i64;
        current = act(&current, actions(command.clone()), m, "Ben", 10 + k as u128);
        assert_eq!(
            refused(&current, actions(command)),
            CommandError::NoChange,
            "{what} again"
        );
    }
    assert_eq!(
        view(&current),
        (
            id,
            "Alert on SERVFAIL rates".into(),
            ActionKind::Preventive,
            Some("Ben".into()),
            Some(day(2026, 12, 15)),
            ActionState::Done,
            None
        ),
        "a reason is kept only for won't do"
    );
    // Won't do needs a reason, and keeps it; open again drops it.
    assert_eq!(
        refused(
            &current,
            actions(ActionCommand::Set(id, ActionState::WontDo, " ".into()))
        ),
        CommandError::Required(Input::WontDoReason)
    );
    let dropped = act(
        &current,
        actions(ActionCommand::Set(
            id,
            ActionState::WontDo,
            " The vendor fixed it ".into(),
        )),
        30,
        "Ben",
        30,
    );
    let listed = &dropped.parts().actions.list()[0];
    assert_eq!(
        (listed.state, listed.reason),
        (ActionState::WontDo, Some("The vendor fixed it"))
    );
    let reopened = act(
        &dropped,
        actions(ActionCommand::Set(id, ActionState::Open, String::new())),
        31,
        "Ben",
        31,
    );
    let listed = &reopened.parts().actions.list()[0];
    assert_eq!((listed.state, listed.reason), (ActionState::Open, None));
    // Nobody, and no date.
    let nobody = act(
        &reopened,
        actions(ActionCommand::Assign(id, "  ".into())),
        32,
        "Ben",
        32,
    );
    let undated = act(
        &nobody,
        actions(ActionCommand::Date(id, None)),
        33,
        "Ben",
        33,
    );
    let listed = &undated.parts().actions.list()[0];
    assert_eq!((listed.owner, listed.due), (None, None));
    // Actions outlive the incident: changed after it closed.
    let closed = act(&undated, close_without("Tabletop only"), 34, "Ben", 34);
    let done = act(
        &closed,
        actions(ActionCommand::Set(id, ActionState::Done, String::new())),
        35,
        "Ben",
        35,
    );
    assert_eq!(done.parts().actions.list()[0].state, ActionState::Done);
    // An action of another incident is not here.
    let stranger = Uuid::from_u128(99);
    for command in [
        ActionCommand::Retitle(stranger, "x".into()),
        ActionCommand::Rekind(stranger, ActionKind::Corrective),
        ActionCommand::Assign(stranger, "Ana".into()),
        ActionCommand::Date(stranger, None),
        ActionCommand::Set(stranger, ActionState::Done, String::new()),
    ] {
        assert_eq!(refused(&done, actions(command)), CommandError::NoSuchAction);
    }
}

#[test]
fn an_action_done_in_one_copy_and_reassigned_in_another_keeps_both() {
    let base = act(
        &resolved(),
        add("Add resolver alerts", ActionKind::Detective, "Ana", None),
        20,
        "Ana",
        1,
    );
    let id = newest_action(&base);
    let a = act(
        &base,
        actions(ActionCommand::Set(id, ActionState::Done, String::new())),
        30,
        "Ana",
        100,
    );
    let b = act(
        &base,
        actions(ActionCommand::Assign(id, "Ben".into())),
        31,
        "Ben",
        200,
    );
    let b = act(
        &b,
        actions(ActionCommand::Date(id, Some(day(2027, 1, 5)))),
        32,
        "Ben",
        201,
    );
    let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
    assert_eq!(ab, ba);
    let merged = &ab.parts().actions.list()[0];
    assert_eq!(
        (merged.state, merged.owner, merged.due),
        (ActionState::Done, Some("Ben"), Some(day(2027, 1, 5)))
    );
    for field in [ActionField::State, ActionField::Owner, ActionField::Due] {
        assert!(
            ab.conflicts(Topic::Action(id, field)).is_empty(),
            "{field:?}"
        );
    }
    // Retitled apart: a conflict on the title, settled by a title that saw both.
    let x = act(
        &base,
        actions(ActionCommand::Retitle(id, "Alert on SERVFAIL".into())),
        40,
        "Ana",
        300,
    );
    let y = act(
        &base,
        actions(ActionCommand::Retitle(id, "Alert on timeouts".into())),
        41,
        "Ben",
        400,
    );
    let topic = Topic::Action(id, ActionField::Title);
    let xy = Incident::merge(&x, &y);
    assert_eq!(xy.conflicts(topic).len(), 1);
    assert!(xy.parts().slots().iter().any(|(t, _)| *t == topic));
    let settled = act(
        &xy,
        actions(ActionCommand::Retitle(id, "Alert on timeouts".into())),
        42,
        "Ana",
        5,
    );
    assert!(settled.conflicts(topic).is_empty());
}

#[test]
fn actions_keep_the_order_they_were_added_in_when_retitled() {
    let base = resolved();
    let one = act(
        &base,
        add("First", ActionKind::Corrective, "", None),
        20,
        "Ana",
        1,
    );
    let first = newest_action(&one);
    let two = act(
        &one,
        add("Second", ActionKind::Corrective, "", None),
        21,
        "Ana",
        2,
    );
    let titles = |i: &Incident| -> Vec<String> {
        i.parts()
            .actions
            .list()
            .iter()
            .map(|a| a.title.to_string())
            .collect()
    };
    assert_eq!(titles(&two), ["First", "Second"]);
    let renamed = act(
        &two,
        actions(ActionCommand::Retitle(first, "First, renamed".into())),
        22,
        "Ana",
        3,
    );
    assert_eq!(titles(&renamed), ["First, renamed", "Second"]);
}

/// Today, for the follow-ups: 10 December 2026.
fn today() -> NaiveDate {
    day(2026, 12, 10)
}

/// Three resolved incidents with actions: overdue, due later, undated, done and won't do.
fn with_actions() -> Vec<Incident> {
    let mut n = 0u128;
    let mut step = |incident: &Incident, command: Command| {
        n += 1;
        act(incident, command, 30 + n as i64, "Ana", 1_000 + n)
    };
    let set = |id, state, reason: &str| actions(ActionCommand::Set(id, state, reason.into()));
    let base = |number: u32| resolved_as(Priority::P2, IncidentKind::Real, number);
    // INC-0001: overdue since 1 Dec, undated, and one done.
    let mut a = base(1);
    a = step(
        &a,
        add(
            "A overdue",
            ActionKind::Corrective,
            "Ben",
            Some(day(2026, 12, 1)),
        ),
    );
    a = step(&a, add("A undated", ActionKind::Preventive, "", None));
    a = step(
        &a,
        add(
            "A done",
            ActionKind::Detective,
            "Ana",
            Some(day(2026, 11, 30)),
        ),
    );
    let done = newest_action(&a);
    a = step(&a, set(done, ActionState::Done, ""));
    // INC-0002: overdue since 28 Nov, due after today, and one won't do.
    let mut b = base(2);
    b = step(
        &b,
        add(
            "B due later",
            ActionKind::Preventive,
            "Ana",
            Some(day(2026, 12, 20)),
        ),
    );
    b = step(
        &b,
        add(
            "B overdue",
            ActionKind::Corrective,
            "",
            Some(day(2026, 11, 28)),
        ),
    );
    b = step(&b, add("B dropped", ActionKind::Corrective, "Ben", None));
    let dropped = newest_action(&b);
    b = step(&b, set(dropped, ActionState::WontDo, "Covered by A"));
    // INC-0003: due today (not overdue yet), for Ana; and an undated one added before A's.
    let mut c = base(3);
    c = step(
        &c,
        add("C due today", ActionKind::Detective, "ana", Some(today())),
    );
    vec![c, b, a]
}

fn titles(list: &[sitrep::domain::actions::FollowUp<'_>]) -> Vec<String> {
    list.iter().map(|f| f.action.title.to_string()).collect()
}

#[test]
fn follow_ups_list_overdue_first_then_by_due_date_then_undated_then_done_and_wont_do() {
    let incidents = with_actions();
    let open = follow_ups(&incidents, &FollowUpFilter::default());
    assert_eq!(
        titles(&open),
        [
            "B overdue",
            "A overdue",
            "C due today",
            "B due later",
            "A undated"
        ],
        "open ones only, by default"
    );
    let overdue: Vec<bool> = open.iter().map(|f| f.action.is_overdue(today())).collect();
    assert_eq!(overdue, [true, true, false, false, false]);
    assert_eq!(open[0].incident.reference, "INC-0002");
    let all = follow_ups(
        &incidents,
        &FollowUpFilter {
            any_state: true,
            ..FollowUpFilter::default()
        },
    );
    assert_eq!(
        titles(&all),
        [
            "B overdue",
            "A overdue",
            "C due today",
            "B due later",
            "A undated",
            "A done",
            "B dropped"
        ]
    );
    // The incidents' order does not matter.
    let mut reversed = incidents.clone();
    reversed.reverse();
    let again = follow_ups(
        &reversed,
        &FollowUpFilter {
            any_state: true,
            ..FollowUpFilter::default()
        },
    );
    assert_eq!(titles(&again), titles(&all));
    // One incident's own list keeps the same order.
    let own = |i: &Incident| -> Vec<String> {
        i.parts()
            .actions
            .list()
            .iter()
            .map(|a| a.title.to_string())
            .collect()
    };
    assert_eq!(own(&incidents[2]), ["A overdue", "A undated", "A done"]);
    assert_eq!(
        own(&incidents[1]),
        ["B overdue", "B due later", "B dropped"]
    );
    assert_eq!(open_counts(&incidents, today()), (5, 2));
    assert_eq!(
        open_counts(&incidents, day(2026, 12, 11)),
        (5, 3),
        "the day after its due date it is overdue"
    );
    assert_eq!(open_counts(&incidents, day(2026, 11, 1)), (5, 0));
    assert_eq!(open_counts(&[] as &[Incident], today()), (0, 0));
}

#[test]
fn each_filter_field_narrows_the_follow_ups() {
    let incidents = with_actions();
    let list = |filter: FollowUpFilter| titles(&follow_ups(&incidents, &filter));
    let f = FollowUpFilter::default;
    assert_eq!(
        list(FollowUpFilter {
            owner: Some(" ANA ".into()),
            any_state: true,
            ..f()
        }),
        ["C due today", "B due later", "A done"],
        "the owner ignoring case"
    );
    assert_eq!(
        list(FollowUpFilter {
            owner: Some("Ben".into()),
            ..f()
        }),
        ["A overdue"]
    );
    assert_eq!(
        list(FollowUpFilter {
            kind: Some(ActionKind::Corrective),
            ..f()
        }),
        ["B overdue", "A overdue"]
    );
    assert_eq!(
        list(FollowUpFilter {
            state: Some(ActionState::Done),
            ..f()
        }),
        ["A done"]
    );
    assert_eq!(
        list(FollowUpFilter {
            state: Some(ActionState::WontDo),
            ..f()
        }),
        ["B dropped"]
    );
    assert_eq!(
        list(FollowUpFilter {
            state: Some(ActionState::Open),
            ..f()
        }),
        list(f()),
        "open is the default"
    );
    assert_eq!(
        list(FollowUpFilter {
            incident: Some(" inc-0002".into()),
            any_state: true,
            ..f()
        }),
        ["B overdue", "B due later", "B dropped"]
    );
    assert_eq!(
        list(FollowUpFilter {
            incident: Some("INC-0002".into()),
            owner: Some("Ana".into()),
            kind: Some(ActionKind::Preventive),
            ..f()
        }),
        ["B due later"],
        "the fields together"
    );
    assert!(list(FollowUpFilter {
        incident: Some("INC-0009".into()),
        any_state: true,
        ..f()
    })
    .is_empty());
}

/// Form encoding of query pairs, as the router writes them.
fn encoded(pairs: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (k, (key, value)) in pairs.iter().enumerate() {
        if k > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        for byte in value.bytes() {
            match byte {
                b' ' => out.push('+'),
                b if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) => out.push(b as char),
                b => out.push_str(&format!("%{b:02X}")),
            }
        }
    }
    out
}

#[test]
fn the_follow_ups_filter_keeps_its_url_form() {
    let filter = FollowUpFilter {
        owner: Some("Ana Lima & co 50%".into()),
        kind: Some(ActionKind::Preventive),
        state: Some(ActionState::WontDo),
        any_state: false,
        incident: Some("INC-0042".into()),
        ..FollowUpFilter::default()
    };
    let pairs = filter.to_query();
    assert_eq!(
        pairs.iter().map(|(k, _)| *k).collect::<Vec<_>>(),
        ["owner", "kind", "state", "incident"]
    );
    let query = encoded(&pairs);
    assert_eq!(
        query,
        "owner=Ana+Lima+%26+co+50%25&kind=preventive&state=wont_do&incident=INC-0042"
    );
    assert_eq!(FollowUpFilter::from_query(&query), filter);
    assert_eq!(FollowUpFilter::from_query(&format!("?{query}")), filter);
    for kind in ActionKind::ALL {
        for state in ActionState::ALL {
            let filter = FollowUpFilter {
                kind: Some(kind),
                state: Some(state),
                ..FollowUpFilter::default()
            };
            assert_eq!(
                FollowUpFilter::from_query(&encoded(&filter.to_query())),
                filter
            );
        }
    }
    let every = FollowUpFilter {
        any_state: true,
        ..FollowUpFilter::default()
    };
    assert_eq!(every.to_query(), [("state", "all".to_string())]);
    assert_eq!(FollowUpFilter::from_query("state=all"), every);
    assert!(FollowUpFilter::default().to_query().is_empty());
    assert_eq!(FollowUpFilter::from_query(""), FollowUpFilter::default());
    assert_eq!(
        FollowUpFilter::from_query("kind=bogus&state=later&x=1&owner=&incident=+&due=soon&&="),
        FollowUpFilter::default(),
        "unknown and malformed parts are ignored"
    );
    assert_eq!(
        FollowUpFilter::from_query("owner=%zz&kind=corrective"),
        FollowUpFilter {
            owner: Some("%zz".into()),
            kind: Some(ActionKind::Corrective),
            ..FollowUpFilter::default()
        },
        "a damaged link reads what it can"
    );
}

#[test]
fn subject_experts_are_listed_with_their_time_on_the_incident() {
    use sitrep::domain::review::ExpertSpell;
    use sitrep::domain::roles::{Expert, RolesEvent};
    let expert = |person: &str, area: &str| {
        Command::Roles(RoleCommand::AddExpert(Expert {
            person: person.into(),
            area: area.into(),
        }))
    };
    let start = ancestor();
    let with_chen = act(&start, expert("Chen", "database"), 10, "Ana", 1);
    let with_dara = act(&with_chen, expert("Dara", "network"), 12, "Ana", 2);
    let id_of = |incident: &Incident, who: &str| {
        incident
            .parts()
            .roles
            .experts()
            .find(|(_, e, _)| e.person == who)
            .map(|(id, _, _)| id)
            .unwrap()
    };
    let (chen, dara) = (id_of(&with_dara, "Chen"), id_of(&with_dara, "Dara"));
    // Chen's entry written again as it was (a copy's rewrite) starts no new spell; Dara's area
    // rewritten does; Chen released ends his.
    let rewrite =
        |incident: &Incident, minute: i64, n: u128, id: Uuid, area: &str, person: &str| {
            let mut event =
                ctx(minute, "Ana", 100_000 + n).event(Change::Roles(RolesEvent::ExpertAssigned {
                    expert: id,
                    who: Expert {
                        person: person.into(),
                        area: area.into(),
                    },
                }));
            event.at = at(minute);
            incident.with_events(vec![event])
        };
    let again = rewrite(&with_dara, 14, 3, chen, "database", "Chen");
    let moved = rewrite(&again, 16, 4, dara, "DNS", "Dara");
    let released = act(
        &moved,
        Command::Roles(RoleCommand::ReleaseExpert(chen)),
        20,
        "Ana",
        5,
    );
    let spell = |expert, person: &str, area: &str, from, until: Option<i64>| ExpertSpell {
        expert,
        person: person.into(),
        area: area.into(),
        from: at(from),
        until: until.map(at),
    };
    assert_eq!(
        facts(&released).experts,
        vec![
            spell(chen, "Chen", "database", 10, Some(20)),
            spell(dara, "Dara", "network", 12, Some(16)),
            spell(dara, "Dara", "DNS", 16, None),
        ]
    );
    // Named roles are not experts, and experts are not named roles.
    assert!(facts(&released).spells.is_empty());
}

#[test]
fn a_review_is_started_by_a_star_and_not_by_a_star_removed() {
    let incident = resolved();
    assert!(!incident.parts().review.is_started());
    let entry = incident.events()[1].id;
    let starred = act(
        &incident,
        review(ReviewCommand::Star(entry, true)),
        20,
        "Ana",
        1,
    );
    assert!(starred.parts().review.is_started(), "a star starts it");
    let unstarred = act(
        &starred,
        review(ReviewCommand::Star(entry, false)),
        21,
        "Ana",
        2,
    );
    assert!(
        !unstarred.parts().review.is_started(),
        "a star removed leaves nothing written"
    );
}

#[test]
fn the_status_moved_apart_in_two_copies_is_a_conflict_a_later_move_settles() {
    let base = at_status(&resolved(), ReviewStatus::InReview);
    // One copy publishes, the other sends the review back to draft, neither seeing the other.
    let published = act(&base, step(ReviewStatus::Published), 30, "Ana", 10);
    let drafted = act(&base, step(ReviewStatus::Draft), 31, "Bo", 11);
    let merged = Incident::merge(&published, &drafted);
    assert_eq!(merged, Incident::merge(&drafted, &published));
    assert_eq!(merged.conflicts(Topic::ReviewStatus).len(), 1);
    // Whoever moves it next saw both: the conflict is settled.
    let from = merged.parts().review.status();
    let next = from.next()[0];
    let settled = act(&merged, step(next), 40, "Ana", 12);
    assert!(settled.conflicts(Topic::ReviewStatus).is_empty());
    assert_eq!(settled.parts().review.status(), next);
}

#[test]
fn a_star_and_a_waiver_written_apart_in_two_copies_are_conflicts_of_the_parts() {
    let base = resolved();
    let entry = base.events()[1].id;
    // A stars the entry; B stars it and takes the star back, without seeing A.
    let a = act(
        &base,
        review(ReviewCommand::Star(entry, true)),
        20,
        "Ana",
        1,
    );
    let b_on = act(&base, review(ReviewCommand::Star(entry, true)), 21, "Bo", 2);
    let b = act(
        &b_on,
        review(ReviewCommand::Star(entry, false)),
        22,
        "Bo",
        3,
    );
    let merged = Incident::merge(&a, &b);
    assert_eq!(merged.conflicts(Topic::ReviewStar(entry)).len(), 1);
    // Both close it without a review, for different reasons.
    let a_closed = act(&base, close_without("Duplicate of INC-0007"), 30, "Ana", 4);
    let b_closed = act(&base, close_without("A drill rehearsal"), 31, "Bo", 5);
    let merged = Incident::merge(&a_closed, &b_closed);
    assert_eq!(merged.conflicts(Topic::ReviewWaiver).len(), 1);
    assert_eq!(merged.state, State::Closed);
}

#[test]
fn each_role_keeps_its_own_spells() {
    let assign = |role: Role, person: &str| {
        Command::Roles(RoleCommand::Assign {
            role,
            person: person.into(),
        })
    };
    let start = ancestor();
    let one = act(&start, assign(Role::Commander, "Ana"), 10, "Ana", 1);
    let two = act(&one, assign(Role::CommsLead, "Cam"), 12, "Ana", 2);
    let three = act(&two, assign(Role::Scribe, "Sol"), 14, "Ana", 3);
    let spell = |role, person: &str, from| Spell {
        role,
        person: person.into(),
        from: at(from),
        until: None,
    };
    // A second and a third role given end nobody's spell.
    assert_eq!(
        facts(&three).spells,
        vec![
            spell(Role::Commander, "Ana", 10),
            spell(Role::CommsLead, "Cam", 12),
            spell(Role::Scribe, "Sol", 14),
        ]
    );
}
