//! Native tests of the reducer: changes become pending saves, refusals become messages, no-ops re-use state.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{TimeZone, Utc};
use sitrep::domain::commands::{AddNote, RoleCommand, Transition};
use sitrep::domain::{
    execute, Category, Command, CommandContext, Draft, IncidentKind, Level, State,
};
use sitrep::storage::{LoadReport, Notice, StorageError};
use sitrep::store::{Action, AppState, LoadStatus};
use uuid::Uuid;
use yew::Reducible;

fn ctx(minute: u32, n: u128) -> CommandContext {
    CommandContext::new(
        Utc.with_ymd_and_hms(2026, 11, 26, 10, minute, 0).unwrap(),
        "Alice",
        Uuid::from_u128(n << 8),
    )
}

fn draft(title: &str) -> Box<Draft> {
    Box::new(Draft {
        title: title.into(),
        description: String::new(),
        category: Category::Network,
        services: vec![],
        impact: Level::Medium,
        urgency: Level::Medium,
        priority_override: None,
        impact_started_at: ctx(0, 0).now,
        reported_by: String::new(),
        kind: IncidentKind::Drill,
    })
}

fn ready() -> Rc<AppState> {
    Rc::new(AppState::default()).reduce(Action::Loaded(Ok(LoadReport::default())))
}

#[test]
fn declaring_numbers_incidents_and_marks_them_pending() {
    let state = ready()
        .reduce(Action::Declare(draft("one"), ctx(1, 1)))
        .reduce(Action::Declare(draft("two"), ctx(2, 2)));
    assert_eq!(state.status, LoadStatus::Ready);
    let refs: Vec<_> = state
        .incidents
        .values()
        .map(|i| i.reference.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert_eq!(refs, vec!["INC-0001", "INC-0002"]);
    assert_eq!(state.pending.len(), 2);
    assert!(!state.all_saved());
    assert!(state.incident(&ctx(1, 1).incident_id()).is_some());
}

#[test]
fn saved_clears_only_changes_that_were_not_superseded() {
    let id = ctx(1, 1).incident_id();
    let state = ready().reduce(Action::Declare(draft("one"), ctx(1, 1)));
    let first_seq = state.pending[&id];
    let state = state.reduce(Action::Apply(
        id,
        Command::Lifecycle(Transition(State::Triaged)),
        ctx(2, 2),
    ));
    let stale = state
        .clone()
        .reduce(Action::Saved(BTreeMap::from([(id, first_seq)])));
    assert!(!stale.all_saved(), "a later edit is still unsaved");
    let current = state.pending[&id];
    assert!(state
        .reduce(Action::Saved(BTreeMap::from([(id, current)])))
        .all_saved());
}

#[test]
fn a_refused_command_becomes_a_message_and_changes_nothing_else() {
    let id = ctx(1, 1).incident_id();
    let state = ready().reduce(Action::Declare(draft("one"), ctx(1, 1)));
    let refused = state.clone().reduce(Action::Apply(
        id,
        Command::Lifecycle(Transition(State::Closed)),
        ctx(2, 2),
    ));
    assert_eq!(refused.incidents, state.incidents);
    let flash = refused.flash.clone().expect("a message");
    assert!(flash.is_error());
    let sitrep::store::Flash::Refused(error) = flash else {
        panic!("a refusal, kept typed: {flash:?}");
    };
    let words = sitrep::components::refusal_message(&error);
    assert!(
        words.starts_with("Reported cannot move to Closed"),
        "{words}"
    );
}

#[test]
fn no_op_actions_return_the_same_state() {
    let state = ready().reduce(Action::Declare(draft("one"), ctx(1, 1)));
    let id = ctx(1, 1).incident_id();
    let with_commander = state.reduce(Action::Apply(
        id,
        Command::Roles(RoleCommand::Assign {
            role: sitrep::domain::roles::Role::Commander,
            person: "Alice".into(),
        }),
        ctx(2, 2),
    ));
    let again = with_commander.clone().reduce(Action::Apply(
        id,
        Command::Roles(RoleCommand::Assign {
            role: sitrep::domain::roles::Role::Commander,
            person: "Alice".into(),
        }),
        ctx(3, 3),
    ));
    assert!(Rc::ptr_eq(&with_commander, &again));
    let unknown = with_commander.clone().reduce(Action::Apply(
        Uuid::nil(),
        Command::Lifecycle(Transition(State::Triaged)),
        ctx(3, 3),
    ));
    assert!(Rc::ptr_eq(&with_commander, &unknown));
    assert!(Rc::ptr_eq(
        &with_commander,
        &with_commander.clone().reduce(Action::DismissFlash)
    ));
}

#[test]
fn refreshed_copies_merge_with_local_edits_instead_of_replacing_them() {
    let id = ctx(1, 1).incident_id();
    let state = ready().reduce(Action::Declare(draft("one"), ctx(1, 1)));
    let original = (**state.incident(&id).unwrap()).clone();
    let local = state.reduce(Action::Apply(
        id,
        Command::Notes(AddNote {
            text: "local".into(),
            at: None,
        }),
        ctx(2, 2),
    ));
    let elsewhere = execute(
        &original,
        Command::Notes(AddNote {
            text: "other tab".into(),
            at: None,
        }),
        &ctx(3, 3),
    )
    .unwrap();
    let merged = local.reduce(Action::Refreshed(vec![elsewhere.clone()]));
    assert_eq!(merged.incident(&id).unwrap().events().len(), 3);
    assert!(Rc::ptr_eq(
        &merged,
        &merged.clone().reduce(Action::Refreshed(vec![]))
    ));
    let echo = (**merged.incident(&id).unwrap()).clone();
    assert!(
        Rc::ptr_eq(
            &merged,
            &merged.clone().reduce(Action::Refreshed(vec![echo]))
        ),
        "a copy equal to the one shown changes nothing"
    );
}

#[test]
fn shared_data_is_equal_only_to_itself() {
    use sitrep::store::Shared;
    let one = Shared(Rc::new(vec![1]));
    assert!(one == one.clone());
    assert!(
        one != Shared(Rc::new(vec![1])),
        "same content, another value"
    );
}

#[test]
fn a_late_broadcast_of_another_tabs_title_keeps_this_tabs_commander() {
    let id = ctx(1, 1).incident_id();
    let state = ready().reduce(Action::Declare(draft("one"), ctx(1, 1)));
    let original = (**state.incident(&id).unwrap()).clone();
    // This tab assigns a commander; the other tab, later, edits the title and saves first.
    let here = state.reduce(Action::Apply(
        id,
        Command::Roles(RoleCommand::Assign {
            role: sitrep::domain::roles::Role::Commander,
            person: "Alice".into(),
        }),
        ctx(2, 2),
    ));
    let there = execute(
        &original,
        Command::Details(sitrep::domain::commands::EditDetails {
            title: "Renamed in the other tab".into(),
            description: String::new(),
            category: Category::Network,
            services: vec![],
        }),
        &ctx(3, 3),
    )
    .unwrap();
    let merged = here.reduce(Action::Refreshed(vec![there]));
    let incident = merged.incident(&id).unwrap();
    assert_eq!(incident.commander.as_deref(), Some("Alice"));
    assert_eq!(incident.title, "Renamed in the other tab");
    assert!(incident
        .conflicts(sitrep::domain::Topic::Details(
            sitrep::domain::details::DetailField::Title
        ))
        .is_empty());
}

#[test]
fn storage_failures_are_kept_for_the_banner() {
    let state = Rc::new(AppState::default()).reduce(Action::Loaded(Err(StorageError::Closed)));
    assert_eq!(state.status, LoadStatus::Failed(StorageError::Closed));
    let state = ready()
        .reduce(Action::Declare(draft("one"), ctx(1, 1)))
        .reduce(Action::SaveFailed(StorageError::QuotaExceeded));
    assert_eq!(state.save_error, Some(StorageError::QuotaExceeded));
    assert_eq!(
        state.pending.len(),
        1,
        "the change stays pending for a retry"
    );
    let retried = state.clone().reduce(Action::RetrySave);
    assert!(retried.change_seq > state.change_seq);
}

#[test]
fn an_open_waiting_for_another_tab_is_shown_until_the_load_lands() {
    let waiting = Rc::new(AppState::default()).reduce(Action::Storage(Notice::Waiting));
    assert_eq!(waiting.status, LoadStatus::Waiting);
    let loaded = waiting.reduce(Action::Loaded(Ok(LoadReport::default())));
    assert_eq!(loaded.status, LoadStatus::Ready);
    let late = loaded.clone().reduce(Action::Storage(Notice::Waiting));
    assert!(Rc::ptr_eq(&late, &loaded), "a late notice changes nothing");
}

#[test]
fn a_database_closed_by_another_tab_keeps_the_work_of_this_one() {
    let state = ready().reduce(Action::Declare(draft("one"), ctx(1, 1)));
    assert!(!state.closed_elsewhere);
    let closed = state.reduce(Action::Storage(Notice::ClosedElsewhere));
    assert!(closed.closed_elsewhere);
    assert_eq!(closed.status, LoadStatus::Ready);
    assert_eq!(closed.incidents.len(), 1);
    assert_eq!(closed.pending.len(), 1, "still listed as not saved");
}
