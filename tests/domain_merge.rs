//! Merging copies of one incident that were edited apart: the union of their events, folded.
//! Properties over random histories (copies that diverged from a common ancestor), and the named
//! cases of the lossless core.
#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{DateTime, Utc};
use proptest::prelude::*;
use sitrep::domain::assessment::{Assessment, AssessmentEvent};
use sitrep::domain::details::{DetailField, DetailsEvent};
use sitrep::domain::identity::IdentityEvent;
use sitrep::domain::lifecycle::LifecycleEvent;
use sitrep::domain::notes::NoteEvent;
use sitrep::domain::roles::Role;
use sitrep::domain::{Category, Change, Event, Incident, Level, State, Topic};
use support::{act, at as t, commander, note, set_title, transition};
use support::{histories, replayed};
use uuid::Uuid;

fn notes(incident: &Incident) -> Vec<String> {
    incident
        .events()
        .iter()
        .filter_map(|e| match &e.change {
            Change::Notes(NoteEvent::Added { text }) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

#[test]
fn edits_of_different_fields_made_apart_all_survive_in_either_order() {
    let base = support::ancestor();
    // A assigns a commander; B, later, edits the title and adds a note.
    let a = act(&base, commander("Ana"), 10, "Ana", 10);
    let b = act(&base, set_title(&base, "DNS down in eu-west"), 20, "Bo", 20);
    let b = act(&b, note("B: flushed resolver caches"), 21, "Bo", 21);
    for merged in [Incident::merge(&a, &b), Incident::merge(&b, &a)] {
        assert_eq!(merged.commander.as_deref(), Some("Ana"));
        assert_eq!(merged.title, "DNS down in eu-west");
        assert_eq!(
            notes(&merged),
            vec!["B: flushed resolver caches".to_string()]
        );
        assert!(merged
            .parts()
            .slots()
            .iter()
            .all(|(topic, _)| merged.conflicts(*topic).is_empty()));
    }
    assert_eq!(Incident::merge(&a, &b), Incident::merge(&b, &a));
}

#[test]
fn the_same_field_edited_apart_has_one_winner_and_keeps_the_loser_marked() {
    let base = support::ancestor();
    let a = act(&base, set_title(&base, "Title by Ana"), 10, "Ana", 10);
    let b = act(&base, set_title(&base, "Title by Bo"), 12, "Bo", 20);
    let merged = Incident::merge(&a, &b);
    assert_eq!(merged, Incident::merge(&b, &a));
    assert_eq!(merged.title, "Title by Bo", "the later write wins");
    let conflicts = merged.conflicts(Topic::Details(DetailField::Title));
    assert_eq!(conflicts.len(), 1);
    assert_eq!(
        (conflicts[0].actor.as_str(), conflicts[0].recorded_at),
        ("Ana", t(10))
    );
    assert!(
        merged.event(conflicts[0].event).is_some(),
        "the losing value stays in the log"
    );
    assert!(merged.conflicts(Topic::Role(Role::Commander)).is_empty());

    // Setting the field again settles it.
    let settled = act(&merged, set_title(&merged, "Title by Bo"), 30, "Cy", 30);
    assert!(settled
        .conflicts(Topic::Details(DetailField::Title))
        .is_empty());
    let rewritten = act(&merged, set_title(&merged, "Agreed title"), 30, "Cy", 31);
    assert!(rewritten
        .conflicts(Topic::Details(DetailField::Title))
        .is_empty());
    assert_eq!(rewritten.title, "Agreed title");
}

#[test]
fn ties_of_recorded_time_are_broken_by_event_id_the_same_way_everywhere() {
    let base = support::ancestor();
    let a = act(&base, commander("Ana"), 10, "Ana", 10);
    let b = act(&base, commander("Bo"), 10, "Bo", 20);
    let ab = Incident::merge(&a, &b);
    let ba = Incident::merge(&b, &a);
    assert_eq!(ab, ba);
    assert_eq!(*ab, *ba, "same fields");
    let a_id = a.events().last().unwrap().id;
    let b_id = b.events().last().unwrap().id;
    let winner = if a_id > b_id { "Ana" } else { "Bo" };
    assert_eq!(ab.commander.as_deref(), Some(winner));
    assert_eq!(ab.conflicts(Topic::Role(Role::Commander)).len(), 1);
}

#[test]
fn equal_writes_made_apart_are_no_conflict() {
    let base = support::ancestor();
    let a = act(&base, commander("Ana"), 10, "Ana", 10);
    let b = act(&base, commander("Ana"), 11, "Bo", 20);
    let merged = Incident::merge(&a, &b);
    assert_eq!(merged.commander.as_deref(), Some("Ana"));
    assert!(merged.conflicts(Topic::Role(Role::Commander)).is_empty());
}

#[test]
fn milestones_keep_the_first_stamp_of_either_copy() {
    let base = support::ancestor();
    let a = act(&base, transition(State::Triaged), 10, "Ana", 10);
    let b = act(&base, transition(State::Triaged), 7, "Bo", 20);
    let merged = Incident::merge(&a, &b);
    assert_eq!(merged.milestones.acknowledged_at, Some(t(7)));
    assert_eq!(merged.state, State::Triaged);
}

/// Every topic a history writes (it adds no experts).
const TOPICS: [Topic; 9] = [
    Topic::Reference,
    Topic::Details(DetailField::Title),
    Topic::Details(DetailField::Description),
    Topic::Details(DetailField::Category),
    Topic::Details(DetailField::Services),
    Topic::Assessment,
    Topic::Override,
    Topic::State,
    Topic::Role(Role::Commander),
];

/// Where an event falls in the fold: when written, then id.
type FoldKey = (DateTime<Utc>, Uuid);

/// The fold key of the write that holds `topic` in a copy, if it came after the ancestor.
fn last_write(copy: &Incident, base: &Incident, topic: Topic) -> Option<FoldKey> {
    let key = copy.parts().slot(topic)?.winner_key()?;
    (!base.log().contains(key.1)).then_some(key)
}

/// Whether two copies hold the same value of `topic` (neither holding one counts as the same).
fn same(a: &Incident, b: &Incident, topic: Topic) -> bool {
    match (a.parts().slot(topic), b.parts().slot(topic)) {
        (Some(x), Some(y)) => x.same_value(y),
        (None, None) => true,
        _ => false,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_commutative((_, [a, b, _]) in histories()) {
        let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
        prop_assert_eq!(&ab, &ba);
        prop_assert_eq!(&*ab, &*ba);
    }

    #[test]
    fn merge_is_associative((_, [a, b, c]) in histories()) {
        let left = Incident::merge(&Incident::merge(&a, &b), &c);
        let right = Incident::merge(&a, &Incident::merge(&b, &c));
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(&*left, &*right);
    }

    #[test]
    fn merge_is_idempotent_on_copies_built_differently((_, [a, b, _]) in histories()) {
        // The same content, its events given in reverse: equal, but not the same value.
        let mut reversed: Vec<Event> = a.events().to_vec();
        reversed.reverse();
        let again = replayed(&a, reversed);
        prop_assert_eq!(&Incident::merge(&a, &again), &a);
        prop_assert_eq!(&*Incident::merge(&again, &a), &*a);
        let joined = Incident::merge(&a, &b);
        prop_assert_eq!(&Incident::merge(&joined, &b), &joined);
        prop_assert_eq!(&Incident::merge(&a, &joined), &joined);
    }

    #[test]
    fn merging_histories_equals_replaying_the_union_of_their_changes((_, [a, b, c]) in histories(), rotate in 0usize..64) {
        let merged = Incident::merge(&Incident::merge(&a, &b), &c);
        let mut all: Vec<Event> = a.events().iter().chain(b.events()).chain(c.events()).cloned().collect();
        let n = all.len();
        all.rotate_left(rotate % n.max(1));
        let replay = replayed(&a, all);
        prop_assert_eq!(&merged, &replay);
        prop_assert_eq!(&*merged, &*replay, "the fold is the same whatever the order");
        for copy in [&a, &b, &c] {
            for event in copy.events() {
                prop_assert!(merged.log().contains(event.id), "no event is lost");
            }
        }
    }

    #[test]
    fn each_field_takes_the_latest_write_of_any_copy((base, [a, b, c]) in histories()) {
        let merged = Incident::merge(&Incident::merge(&a, &b), &c);
        for f in TOPICS {
            let writes: Vec<(Option<FoldKey>, &Incident)> =
                [&a, &b, &c].into_iter().map(|copy| (last_write(copy, &base, f), copy)).collect();
            match writes.iter().filter(|(w, _)| w.is_some()).max_by_key(|(w, _)| *w) {
                // Nobody wrote it since the ancestor: the ancestor's value stays.
                None => prop_assert!(same(&merged, &base, f), "{:?}", f),
                Some((_, winner)) => {
                    prop_assert!(same(&merged, winner, f), "{:?}", f);
                    let differing = writes.iter().filter(|(w, copy)| w.is_some() && !same(copy, winner, f)).count();
                    if differing > 0 {
                        prop_assert!(!merged.conflicts(f).is_empty(), "{:?} written apart is marked", f);
                    }
                }
            }
        }
    }
}

#[test]
fn a_write_from_a_slow_clock_still_follows_what_its_writer_saw() {
    let base = support::ancestor();
    let a = act(&base, commander("Ana"), 30, "Ana", 10);
    // Bo saw Ana's command, but his clock is 20 minutes behind.
    let b = act(&a, commander("Bo"), 10, "Bo", 20);
    assert_eq!(b.commander.as_deref(), Some("Bo"));
    assert!(b.conflicts(Topic::Role(Role::Commander)).is_empty());
    let merged = Incident::merge(&a, &b);
    assert_eq!(
        merged.commander.as_deref(),
        Some("Bo"),
        "the later decision wins"
    );
    let stamped = b.events().last().unwrap();
    assert!(
        stamped.recorded_at > t(30),
        "stamped after what its writer saw"
    );
    assert_eq!(
        stamped.at,
        t(10),
        "its writer's own time of the fact is kept: only the ordering key moves"
    );
    // A backdated note from the slow clock keeps the time it happened.
    let backdated = support::act(
        &a,
        sitrep::domain::Command::Notes(sitrep::domain::commands::AddNote {
            text: "alert fired".into(),
            at: Some(t(5)),
        }),
        10,
        "Bo",
        21,
    );
    let note = backdated.events().last().unwrap();
    assert_eq!(note.at, t(5));
    assert!(note.recorded_at > t(30));
    // Declaring and acting within one millisecond keeps that order too.
    let same_instant = act(&base, transition(State::Cancelled), 0, "Noc", 30);
    assert_eq!(same_instant.state, State::Cancelled);
}

#[test]
fn a_damaged_copy_that_reuses_an_event_id_is_joined_the_same_way_in_either_order() {
    let base = support::ancestor();
    let a = act(&base, note("the note as Ana wrote it"), 10, "Ana", 10);
    let mut events: Vec<Event> = a.events().to_vec();
    if let Some(last) = events.last_mut() {
        last.change = Change::Notes(NoteEvent::Added {
            text: "the same id, other words".into(),
        });
    }
    let damaged = replayed(&a, events);
    assert_eq!(a.events().len(), damaged.events().len());
    let ab = Incident::merge(&a, &damaged);
    assert_eq!(ab, Incident::merge(&damaged, &a));
    assert_eq!(
        ab.events().len(),
        a.events().len() + 1,
        "both versions are kept: neither is silently picked"
    );
    assert_eq!(
        notes(&ab).len(),
        2,
        "both show in the timeline, where a person can see they differ"
    );
}

#[test]
fn fields_from_a_newer_sitrep_are_joined_the_same_way_in_either_order() {
    let base = support::ancestor();
    let with = |key: &str, value: serde_json::Value| {
        let mut extra = serde_json::Map::new();
        extra.insert(key.into(), value);
        Incident::from_log(base.id(), base.log().clone(), extra).unwrap()
    };
    let a = with("severity_score", serde_json::json!(3));
    let b = with("severity_score", serde_json::json!(7));
    let c = with("runbook", serde_json::json!("https://example.org/rb"));
    let ab = Incident::merge(&a, &b);
    assert_eq!(ab, Incident::merge(&b, &a));
    assert_eq!(ab.extra()["severity_score"], serde_json::json!(7));
    let abc = Incident::merge(&ab, &c);
    assert_eq!(abc.extra().len(), 2, "keys of both are kept");
    assert_eq!(abc, Incident::merge(&c, &Incident::merge(&b, &a)));
}

#[test]
fn a_copy_whose_only_event_is_damaged_still_joins_the_same_way_in_either_order() {
    let a = support::ancestor();
    let mut declared = a.events()[0].clone();
    if let Change::Declared(d) = &mut declared.change {
        d.title = "Edited by hand".into();
    }
    let damaged = replayed(&a, vec![declared]);
    assert_ne!(a, damaged);
    let ab = Incident::merge(&a, &damaged);
    assert_eq!(ab, Incident::merge(&damaged, &a));
    assert_eq!(ab.events().len(), 2, "both declarations are kept");
    assert_eq!(
        ab.conflicts(Topic::Details(DetailField::Title)).len(),
        1,
        "and the title they disagree on is marked"
    );
    assert!(
        ab.conflicts(Topic::Details(DetailField::Description))
            .is_empty(),
        "where they agree, nothing is marked"
    );
}

/// An event that writes `change` at `minute` without naming what it replaces, as a hand-made file may.
fn unchained(id: u128, minute: i64, change: Change) -> Event {
    Event {
        id: Uuid::from_u128(id),
        recorded_at: t(minute),
        at: t(minute),
        actor: "Hand".into(),
        supersedes: Vec::new(),
        change,
    }
}

#[test]
fn a_write_that_repeats_the_declared_value_is_no_conflict_and_another_value_is() {
    use sitrep::domain::Priority;
    let base = support::ancestor();
    let declared = base.events()[0].clone();
    let same = [
        (
            Topic::Reference,
            Change::Identity(IdentityEvent::Renumbered {
                reference: base.reference.clone(),
            }),
        ),
        (
            Topic::Details(DetailField::Title),
            Change::Details(DetailsEvent::Title(base.title.clone())),
        ),
        (
            Topic::Details(DetailField::Description),
            Change::Details(DetailsEvent::Description(base.description.clone())),
        ),
        (
            Topic::Details(DetailField::Category),
            Change::Details(DetailsEvent::Category(base.category)),
        ),
        (
            Topic::Details(DetailField::Services),
            Change::Details(DetailsEvent::Services(base.services.clone())),
        ),
        (
            Topic::Assessment,
            Change::Assessment(AssessmentEvent::Assessed(Assessment {
                impact: base.impact,
                urgency: base.urgency,
                priority: base.assessed_priority,
            })),
        ),
        (
            Topic::Override,
            Change::Assessment(AssessmentEvent::OverrideCleared),
        ),
        (
            Topic::State,
            Change::Lifecycle(LifecycleEvent::StateChanged {
                from: State::Reported,
                to: State::Reported,
            }),
        ),
    ];
    for (n, (field, change)) in same.into_iter().enumerate() {
        let log = vec![declared.clone(), unchained(900 + n as u128, 5, change)];
        let incident = replayed(&base, log);
        assert!(
            incident.conflicts(field).is_empty(),
            "{field:?}: the same value is no conflict"
        );
    }
    let other = [
        (
            Topic::Reference,
            Change::Identity(IdentityEvent::Renumbered {
                reference: "INC-0999".into(),
            }),
        ),
        (
            Topic::Details(DetailField::Title),
            Change::Details(DetailsEvent::Title("Other".into())),
        ),
        (
            Topic::Details(DetailField::Description),
            Change::Details(DetailsEvent::Description("Other".into())),
        ),
        (
            Topic::Details(DetailField::Category),
            Change::Details(DetailsEvent::Category(Category::Data)),
        ),
        (
            Topic::Details(DetailField::Services),
            Change::Details(DetailsEvent::Services(vec!["other".into()])),
        ),
        (
            Topic::Assessment,
            Change::Assessment(AssessmentEvent::Assessed(Assessment {
                impact: Level::Low,
                urgency: Level::Low,
                priority: Priority::P5,
            })),
        ),
        (
            Topic::Override,
            Change::Assessment(AssessmentEvent::Overridden(
                sitrep::domain::PriorityOverride {
                    priority: Priority::P1,
                    reason: "r".into(),
                },
            )),
        ),
        (
            Topic::State,
            Change::Lifecycle(LifecycleEvent::StateChanged {
                from: State::Reported,
                to: State::Triaged,
            }),
        ),
    ];
    for (n, (field, change)) in other.into_iter().enumerate() {
        let log = vec![declared.clone(), unchained(950 + n as u128, 5, change)];
        let incident = replayed(&base, log);
        let conflicts = incident.conflicts(field);
        assert_eq!(
            conflicts.len(),
            1,
            "{field:?}: a write that did not see the declaration"
        );
        assert_eq!(
            incident.event(conflicts[0].event).map(|e| e.id),
            Some(declared.id)
        );
    }
}

#[test]
fn a_second_declaration_writes_its_fields_where_it_stands_in_the_order() {
    let base = support::ancestor();
    let first = base.events()[0].clone();
    let mut second = first.clone();
    second.id = Uuid::from_u128(4242);
    second.recorded_at = t(30);
    second.at = t(30);
    if let Change::Declared(d) = &mut second.change {
        d.title = "Declared again".into();
    }
    let titled = unchained(
        4343,
        20,
        Change::Details(DetailsEvent::Title("Set between".into())),
    );
    let incident = replayed(&base, vec![first.clone(), titled, second]);
    assert_eq!(incident.title, "Declared again");
    assert_eq!(
        incident.created_at, first.recorded_at,
        "created when first declared"
    );
}
