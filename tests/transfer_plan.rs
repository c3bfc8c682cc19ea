//! The import preview: new, merged, unchanged and renumbered incidents, exactly what gets
//! written, and the changes dated after this machine's clock.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::domain::commands::declare;
use sitrep::domain::details::DetailField;
use sitrep::domain::identity::IdentityEvent;
use sitrep::domain::notes::NoteEvent;
use sitrep::domain::{execute, Change as EventChange, CommandContext, Incident, State, Topic};
use sitrep::transfer::{
    parse_file, plan_import, Change, FutureDated, ImportPlan, Limits, Outcome, ParsedFile,
    PlanCounts,
};
use support::export;
use support::{act, at, commander, ctx, draft, incident, note, set_title, transition};

fn file(incidents: &[Incident]) -> ParsedFile {
    match parse_file(export(incidents, at(0)).as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    }
}

fn planned(existing: &[Incident], incoming: &[Incident]) -> ImportPlan {
    plan_import(existing, file(incoming), &ctx(900, "Importer", 900))
}

/// What the store holds after writing the plan: each write joined with the stored copy, as storage does.
fn apply_plan(existing: &[Incident], plan: &ImportPlan) -> Vec<Incident> {
    let mut store = existing.to_vec();
    for written in &plan.to_write {
        match store.iter_mut().find(|i| i.id() == written.id()) {
            Some(slot) => *slot = Incident::merge(slot, written),
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
        conflicted: 0,
    }
}

/// Another incident numbered `n`, with an id of its own.
fn stranger(n: u32, seed: u128) -> Incident {
    match declare(draft(n), n, &ctx(0, "Eve", seed)) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn everything_is_new_in_an_empty_store() {
    let list = support::incidents(4, 3);
    let plan = planned(&[], &list);
    assert_eq!(plan.counts(), counts(4, 0, 0, 0));
    assert_eq!(plan.to_write, list);
}

#[test]
fn importing_the_same_file_twice_writes_nothing_the_second_time() {
    let ours = support::incidents(3, 2);
    let theirs: Vec<Incident> = ours
        .iter()
        .map(|i| act(i, note("from the other side"), 50, "Bo", 50))
        .collect();
    let first = planned(&ours, &theirs);
    assert_eq!(first.counts(), counts(0, 3, 0, 0));
    let store = apply_plan(&ours, &first);
    let second = planned(&store, &theirs);
    assert_eq!(second.counts(), counts(0, 0, 3, 0));
    assert!(second.to_write.is_empty());
}

#[test]
fn a_merge_says_what_it_changes_and_where_both_sides_wrote() {
    let base = incident(42, 2);
    let ours = act(&base, set_title(&base, "Our title"), 10, "Ana", 10);
    let theirs = act(&base, set_title(&base, "Their title"), 20, "Bo", 20);
    let theirs = act(&theirs, transition(State::Triaged), 21, "Bo", 21);
    let theirs = act(&theirs, commander("Bo"), 22, "Bo", 22);
    let plan = planned(std::slice::from_ref(&ours), &[theirs]);
    let Outcome::Merge {
        changes,
        not_taken,
        conflicts,
    } = &plan.items[0].outcome
    else {
        panic!("expected a merge: {:?}", plan.items[0].outcome);
    };
    assert_eq!(
        changes,
        &vec![
            Change::Events(3),
            Change::State {
                from: State::Reported,
                to: State::Triaged
            },
            Change::Commander {
                from: None,
                to: Some("Bo".into())
            },
            Change::Topic(Topic::Details(DetailField::Title)),
        ]
    );
    assert!(not_taken.is_empty(), "their writes are the later ones");
    assert_eq!(conflicts, &vec![Topic::Details(DetailField::Title)]);
    assert_eq!(plan.counts().conflicted, 1);
    assert_eq!(plan.to_write[0].title, "Their title");
}

#[test]
fn an_older_copy_adds_its_events_but_its_fields_lose_to_later_writes() {
    let base = incident(42, 2);
    let theirs = act(&base, set_title(&base, "Their older title"), 5, "Bo", 5);
    let theirs = act(&theirs, note("their note"), 6, "Bo", 6);
    let ours = act(&base, set_title(&base, "Our newer title"), 30, "Ana", 30);
    let plan = planned(std::slice::from_ref(&ours), &[theirs]);
    let merged = &plan.to_write[0];
    assert_eq!(merged.title, "Our newer title");
    assert!(merged.events().iter().any(|e| e.change
        == EventChange::Notes(NoteEvent::Added {
            text: "their note".into()
        })));
    let Outcome::Merge { not_taken, .. } = &plan.items[0].outcome else {
        panic!("expected a merge");
    };
    assert_eq!(not_taken, &vec![Topic::Details(DetailField::Title)]);
}

#[test]
fn the_same_reference_on_another_incident_is_renumbered() {
    let ours = vec![incident(42, 2)];
    let other = stranger(42, 4242 << 32);
    let plan = planned(&ours, &[other.clone(), incident(99, 2)]);
    assert_eq!(plan.counts(), counts(2, 0, 0, 1));
    let renamed = plan
        .to_write
        .iter()
        .find(|i| i.id() == other.id())
        .unwrap_or_else(|| panic!("written"));
    assert_eq!(
        renamed.reference, "INC-0100",
        "next free number over ours and theirs"
    );
    assert_eq!(renamed.aliases, ["INC-0042"]);
    assert!(
        matches!(
            &renamed.events().last().unwrap().change,
            EventChange::Identity(IdentityEvent::Renumbered { reference }) if reference == "INC-0100"
        ),
        "the renumbering is an event, so it travels with the incident"
    );
    let item = plan.items.iter().find(|i| i.id == other.id()).unwrap();
    assert_eq!(item.renumbered_from.as_deref(), Some("INC-0042"));
    assert_eq!(item.reference, "INC-0100");

    let store = apply_plan(&ours, &plan);
    let again = plan_import(
        &store,
        file(&[other, incident(99, 2)]),
        &ctx(901, "Importer", 901),
    );
    assert!(again.to_write.is_empty(), "no churn on a second import");
    assert_eq!(again.counts(), counts(0, 0, 2, 0));
}

#[test]
fn two_new_incidents_sharing_a_reference_are_told_apart() {
    let a = stranger(5, 1 << 64);
    let b = stranger(5, 2 << 64);
    let plan = planned(&[], &[b, a]);
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
    let five = incident(5, 2);
    let ours = vec![five.clone(), incident(7, 2)];
    let renumber = |i: &Incident, reference: &str| {
        let event = ctx(40, "Bo", 40).write(
            i,
            Topic::Reference,
            EventChange::Identity(IdentityEvent::Renumbered {
                reference: reference.into(),
            }),
        );
        i.with_events(vec![event])
    };
    let theirs = renumber(&five, "INC-0007");
    let plan = planned(&ours, std::slice::from_ref(&theirs));
    assert_eq!(plan.to_write[0].reference, "INC-0005");
    assert_eq!(plan.to_write[0].aliases, ["INC-0007"]);
    let store = apply_plan(&ours, &plan);
    assert!(
        plan_import(&store, file(&[theirs]), &ctx(901, "Importer", 901))
            .to_write
            .is_empty()
    );

    let free = renumber(&five, "INC-0010");
    let taken = planned(&ours, &[free]);
    assert_eq!(
        taken.to_write[0].reference, "INC-0010",
        "a free reference is taken"
    );
    let Outcome::Merge { changes, .. } = &taken.items[0].outcome else {
        panic!("expected a merge");
    };
    assert!(changes.contains(&Change::Reference {
        from: "INC-0005".into(),
        to: "INC-0010".into()
    }));
}

#[test]
fn plans_are_deterministic() {
    let ours = support::incidents(6, 2);
    let mut theirs = support::incidents(9, 3);
    theirs[7] = stranger(1, 321 << 64);
    let mut shuffled = file(&theirs);
    shuffled.incidents.reverse();
    assert_eq!(
        planned(&ours, &theirs),
        plan_import(&ours, shuffled, &ctx(900, "Importer", 900))
    );
}

#[test]
fn copies_sharing_an_id_in_a_hand_built_file_are_planned_once() {
    let first = incident(8, 2);
    let second = act(&first, note("later"), 9, "Bo", 9);
    let mut hand_built = file(&[]);
    hand_built.incidents = vec![first, second.clone()];
    let plan = plan_import(&[], hand_built, &ctx(900, "Importer", 900));
    assert_eq!(plan.counts(), counts(1, 0, 0, 0));
    assert_eq!(plan.to_write, vec![second]);
}

#[test]
fn a_merge_counts_only_the_events_it_adds() {
    let ours = incident(42, 6);
    let theirs = act(&ours, note("one more"), 60, "Bo", 60);
    let plan = planned(std::slice::from_ref(&ours), &[theirs]);
    let Outcome::Merge { changes, .. } = &plan.items[0].outcome else {
        panic!("expected a merge: {:?}", plan.items[0].outcome);
    };
    assert_eq!(changes, &vec![Change::Events(1)]);
}

#[test]
fn a_copy_that_adds_only_unknown_keys_lists_no_events() {
    let ours = incident(42, 3);
    let text = export(std::slice::from_ref(&ours), at(0)).replacen(
        "\"events\"",
        "\"x_pager_rota\": \"blue\", \"events\"",
        1,
    );
    let parsed = match parse_file(text.as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    };
    let plan = plan_import(
        std::slice::from_ref(&ours),
        parsed,
        &ctx(900, "Importer", 900),
    );
    let Outcome::Merge { changes, .. } = &plan.items[0].outcome else {
        panic!(
            "the unknown key is kept, so the copy merges: {:?}",
            plan.items[0].outcome
        );
    };
    assert!(changes.is_empty(), "{changes:?}");
}

#[test]
fn a_reference_given_up_in_a_merge_is_free_for_a_new_incident_of_the_same_file() {
    let five = incident(5, 2);
    let event = ctx(40, "Bo", 40).write(
        &five,
        Topic::Reference,
        EventChange::Identity(IdentityEvent::Renumbered {
            reference: "INC-0010".into(),
        }),
    );
    let moved = five.with_events(vec![event]);
    let newcomer = stranger(5, 77 << 64);
    let plan = planned(std::slice::from_ref(&five), &[moved, newcomer.clone()]);
    let written: Vec<(&str, bool)> = plan
        .to_write
        .iter()
        .map(|i| (i.reference.as_str(), i.id() == newcomer.id()))
        .collect();
    assert_eq!(written, vec![("INC-0010", false), ("INC-0005", true)]);
    assert_eq!(plan.counts().renumbered, 0);
}

/// 2099-01-01 plus `minutes`: a date only a wrong clock writes.
fn in_2099(minutes: i64) -> chrono::DateTime<chrono::Utc> {
    "2099-01-01T00:00:00Z"
        .parse::<chrono::DateTime<chrono::Utc>>()
        .unwrap_or_default()
        + chrono::TimeDelta::minutes(minutes)
}

/// `base` with a note and a title written by a machine whose clock says 2099.
fn from_a_clock_in_2099(base: &Incident) -> Incident {
    let wrong = |minutes, n| CommandContext::new(in_2099(minutes), "Zed", support::uuid(99, n));
    let noted = execute(base, note("written in the far future"), &wrong(0, 1));
    let titled = noted.and_then(|i| {
        let command = set_title(&i, "Far-future title");
        execute(&i, command, &wrong(1, 2))
    });
    match titled {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn changes_dated_far_after_now_are_counted_and_named_by_the_latest() {
    let theirs = from_a_clock_in_2099(&incident(42, 3));
    // ctx(900) is 2026-11-27 00:00: every change of the file but the two is in the past.
    let plan = planned(&[], std::slice::from_ref(&theirs));
    assert_eq!(
        plan.future,
        Some(FutureDated {
            count: 2,
            latest: in_2099(1)
        })
    );
    assert!(
        sitrep::components::words::future_dated(FutureDated {
            count: 2,
            latest: in_2099(1)
        })
        .starts_with("2 changes are dated up to 2099-01-01 00:01 UTC"),
        "the preview names them"
    );
    assert_eq!(planned(&[], &[incident(42, 3)]).future, None);
}

#[test]
fn changes_within_five_minutes_of_now_are_not_counted() {
    let base = incident(42, 3);
    let now = 900;
    let near = act(&base, note("clock 4 minutes ahead"), now + 4, "Bo", 4);
    let near = act(&near, note("clock 5 minutes ahead"), now + 5, "Bo", 5);
    assert_eq!(planned(&[], std::slice::from_ref(&near)).future, None);
    let past = act(&near, note("clock 6 minutes ahead"), now + 6, "Bo", 6);
    assert_eq!(
        planned(&[], &[past]).future,
        Some(FutureDated {
            count: 1,
            latest: at(now + 6)
        })
    );
}

#[test]
fn future_dated_changes_are_imported_as_they_are() {
    let ours = incident(42, 3);
    let theirs = from_a_clock_in_2099(&ours);
    let far: Vec<_> = theirs
        .events()
        .iter()
        .filter(|e| e.recorded_at >= in_2099(0))
        .cloned()
        .collect();
    assert_eq!(far.len(), 2);
    // As a new incident, and merged into our copy.
    let new = planned(&[], std::slice::from_ref(&theirs));
    assert_eq!(new.to_write, vec![theirs.clone()]);
    let merge = planned(std::slice::from_ref(&ours), std::slice::from_ref(&theirs));
    assert_eq!(merge.future, new.future);
    assert_eq!(merge.to_write, vec![theirs.clone()]);
    for written in [&new.to_write[0], &merge.to_write[0]] {
        for event in &far {
            assert_eq!(written.event(event.id), Some(event), "unchanged dates");
        }
        assert_eq!(written.title, "Far-future title");
    }
}

#[test]
fn hand_overs_and_experts_made_apart_show_in_the_preview() {
    use sitrep::domain::commands::RoleCommand;
    use sitrep::domain::roles::{Expert, Role};
    use sitrep::domain::Command;
    let base = act(&incident(7, 1), commander("Cy"), 5, "Cy", 5);
    let ours = act(&base, commander("Ana"), 10, "Ana", 10);
    let theirs = act(&base, commander("Ben"), 20, "Ben", 20);
    let theirs = act(
        &theirs,
        Command::Roles(RoleCommand::AddExpert(Expert {
            person: "Dara".into(),
            area: "database".into(),
        })),
        21,
        "Ben",
        21,
    );
    let plan = planned(std::slice::from_ref(&ours), &[theirs]);
    let Outcome::Merge {
        changes,
        conflicts,
        not_taken,
    } = &plan.items[0].outcome
    else {
        panic!("expected a merge: {:?}", plan.items[0].outcome);
    };
    assert_eq!(
        conflicts,
        &vec![Topic::Role(Role::Commander)],
        "both handed command over apart"
    );
    assert!(changes.contains(&Change::Commander {
        from: Some("Ana".into()),
        to: Some("Ben".into())
    }));
    assert!(
        changes
            .iter()
            .any(|c| matches!(c, Change::Topic(Topic::Expert(_)))),
        "the expert they added is listed: {changes:?}"
    );
    assert!(not_taken.is_empty(), "their writes are the later ones");
    assert_eq!(plan.counts().conflicted, 1);
}
