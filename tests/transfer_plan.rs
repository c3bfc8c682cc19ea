//! The import preview: new, merged, unchanged and renumbered incidents, and exactly what gets written.
#![cfg(not(target_arch = "wasm32"))]

#[path = "transfer_support.rs"]
mod support;

use sitrep::domain::commands::{apply, Command, CommandContext};
use sitrep::domain::{EventKind, Incident, State};
use sitrep::transfer::{
    export, parse_file, plan_import, Change, ImportPlan, Limits, Outcome, ParsedFile, PlanCounts,
};
use support::{at, incident, uuid};

fn file(incidents: &[Incident]) -> ParsedFile {
    match parse_file(export(incidents, at(0)).as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    }
}

/// What the store holds after writing the plan (writes replace by id).
fn apply_plan(existing: &[Incident], plan: &ImportPlan) -> Vec<Incident> {
    let mut store = existing.to_vec();
    for written in &plan.to_write {
        match store.iter_mut().find(|i| i.id == written.id) {
            Some(slot) => *slot = written.clone(),
            None => store.push(written.clone()),
        }
    }
    store
}

fn counts(new: usize, merged: usize, unchanged: usize, renumbered: usize) -> PlanCounts {
    PlanCounts {
        new,
        merged,
        unchanged,
        renumbered,
    }
}

fn ctx(minute: i64, seed: u64) -> CommandContext {
    CommandContext {
        now: at(minute),
        actor: "Bo".into(),
        seed: uuid(500, seed),
    }
}

fn act(incident: &Incident, command: Command, minute: i64, seed: u64) -> Incident {
    match apply(incident, command, &ctx(minute, seed)) {
        Ok(next) => next,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn everything_is_new_in_an_empty_store() {
    let list = support::incidents(4, 3);
    let plan = plan_import(&[], file(&list));
    assert_eq!(plan.counts(), counts(4, 0, 0, 0));
    assert_eq!(plan.to_write, list);
    assert!(plan.items.iter().all(|i| i.outcome == Outcome::New));
}

#[test]
fn importing_the_same_file_twice_writes_nothing_the_second_time() {
    let ours = support::incidents(3, 2);
    let mut theirs = support::incidents(5, 4);
    theirs[0].reference = "INC-0002".into();
    theirs[0].id = uuid(77, 0);
    let first = plan_import(&ours, file(&theirs));
    let store = apply_plan(&ours, &first);
    let second = plan_import(&store, file(&theirs));
    assert_eq!(second.to_write, Vec::<Incident>::new());
    assert_eq!(second.counts(), counts(0, 0, 5, 0));
}

#[test]
fn a_merge_says_what_it_changes() {
    let ours = incident(42, 3);
    let mut theirs = ours.clone();
    for minute in 10..13 {
        theirs = act(
            &theirs,
            Command::AddNote {
                text: format!("note {minute}"),
                at: None,
            },
            minute,
            minute as u64,
        );
    }
    theirs = act(&theirs, Command::Transition(State::Contained), 20, 20);
    theirs = act(&theirs, Command::Transition(State::Resolved), 21, 21);
    theirs.title = "Checkout errors: certificate rollback".into();
    let plan = plan_import(
        std::slice::from_ref(&ours),
        file(std::slice::from_ref(&theirs)),
    );
    assert_eq!(plan.counts(), counts(0, 1, 0, 0));
    let Outcome::Merge { changes, not_taken } = &plan.items[0].outcome else {
        panic!("expected a merge: {:?}", plan.items[0].outcome);
    };
    let words: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        words,
        [
            "+5 timeline events",
            "state: Investigating → Resolved",
            "title changed",
            "milestones changed"
        ]
    );
    assert!(not_taken.is_empty());
    assert_eq!(plan.to_write, vec![theirs]);
}

#[test]
fn an_older_copy_adds_its_events_but_not_its_fields() {
    let mut ours = incident(42, 3);
    ours.title = "Renamed here later".into();
    ours.updated_at = at(100);
    let mut theirs = incident(42, 3);
    theirs.timeline.push(support::event(
        42,
        90,
        5,
        EventKind::Note {
            text: "from the field".into(),
        },
    ));
    let plan = plan_import(std::slice::from_ref(&ours), file(&[theirs]));
    let Outcome::Merge { changes, not_taken } = &plan.items[0].outcome else {
        panic!("expected a merge");
    };
    assert_eq!(changes, &[Change::Events(1)]);
    assert_eq!(not_taken, &["title"]);
    assert_eq!(plan.to_write[0].title, "Renamed here later");
    assert_eq!(plan.to_write[0].timeline.len(), 4);
}

#[test]
fn the_same_reference_on_another_incident_is_renumbered() {
    let ours = vec![incident(42, 2)];
    let mut stranger = incident(42, 3);
    stranger.id = uuid(4242, 0);
    stranger.title = "Someone else's INC-0042".into();
    let other = incident(99, 2);
    let plan = plan_import(&ours, file(&[stranger.clone(), other]));
    assert_eq!(plan.counts(), counts(2, 0, 0, 1));
    let renamed = plan
        .to_write
        .iter()
        .find(|i| i.id == stranger.id)
        .cloned()
        .unwrap_or_else(|| panic!("written"));
    assert_eq!(
        renamed.reference, "INC-0100",
        "next free number over ours and theirs"
    );
    assert_eq!(renamed.aliases, ["INC-0042"]);
    let item = plan
        .items
        .iter()
        .find(|i| i.id == stranger.id)
        .unwrap_or_else(|| panic!("planned"));
    assert_eq!(item.renumbered_from.as_deref(), Some("INC-0042"));
    assert_eq!(item.reference, "INC-0100");

    let store = apply_plan(&ours, &plan);
    let again = plan_import(&store, file(&[stranger, incident(99, 2)]));
    assert_eq!(
        again.to_write,
        Vec::<Incident>::new(),
        "no churn on a second import"
    );
}

#[test]
fn two_new_incidents_sharing_a_reference_are_told_apart() {
    let mut a = incident(5, 1);
    let mut b = incident(5, 1);
    a.id = uuid(1, 1);
    b.id = uuid(2, 2);
    let plan = plan_import(&[], file(&[b, a]));
    let references: Vec<(&str, Option<&str>)> = plan
        .items
        .iter()
        .map(|i| (i.reference.as_str(), i.renumbered_from.as_deref()))
        .collect();
    assert_eq!(
        references,
        [("INC-0005", None), ("INC-0006", Some("INC-0005"))]
    );
}

#[test]
fn a_merge_never_takes_a_reference_that_names_another_incident_here() {
    let ours = vec![incident(5, 2), incident(7, 2)];
    let mut theirs = incident(5, 2);
    theirs.reference = "INC-0007".into();
    theirs.updated_at = at(500);
    theirs.title = "Newer title".into();
    let plan = plan_import(&ours, file(std::slice::from_ref(&theirs)));
    assert_eq!(plan.to_write[0].reference, "INC-0005");
    assert_eq!(plan.to_write[0].aliases, ["INC-0007"]);
    assert_eq!(plan.to_write[0].title, "Newer title");

    theirs.reference = "INC-0010".into();
    let plan = plan_import(&ours, file(&[theirs]));
    assert_eq!(
        plan.to_write[0].reference, "INC-0010",
        "a free reference is taken from the newer copy"
    );
    let Outcome::Merge { changes, .. } = &plan.items[0].outcome else {
        panic!("expected a merge");
    };
    assert!(changes.contains(&Change::Reference {
        from: "INC-0005".into(),
        to: "INC-0010".into()
    }));
}

#[test]
fn a_copy_equal_to_ours_is_unchanged_even_if_our_timeline_is_out_of_order() {
    let declared = incident(42, 2);
    let mut backdated = act(
        &declared,
        Command::AddNote {
            text: "it started earlier".into(),
            at: Some(at(-20)),
        },
        30,
        1,
    );
    // Commands keep timelines sorted; a copy stored by an older build may not be.
    backdated.timeline.reverse();
    assert!(!backdated.timeline.is_sorted_by_key(|e| e.sort_key()));
    let plan = plan_import(
        std::slice::from_ref(&backdated),
        file(std::slice::from_ref(&backdated)),
    );
    assert_eq!(plan.counts(), counts(0, 0, 1, 0));
    assert!(plan.to_write.is_empty());
}

#[test]
fn plans_are_deterministic() {
    let ours = support::incidents(6, 2);
    let mut theirs = support::incidents(9, 3);
    theirs[7].id = uuid(321, 0);
    theirs[7].reference = "INC-0001".into();
    let mut shuffled = file(&theirs);
    shuffled.incidents.reverse();
    assert_eq!(
        plan_import(&ours, file(&theirs)),
        plan_import(&ours, shuffled)
    );
}

#[test]
fn copies_sharing_an_id_in_a_hand_built_file_are_planned_once() {
    let first = incident(8, 2);
    let mut second = first.clone();
    second.timeline.push(support::event(
        8,
        77,
        9,
        EventKind::Note {
            text: "later".into(),
        },
    ));
    let mut hand_built = file(&[]);
    hand_built.incidents = vec![first, second.clone()];
    let plan = plan_import(&[], hand_built);
    assert_eq!(plan.counts(), counts(1, 0, 0, 0));
    assert_eq!(plan.to_write, vec![second]);
}
