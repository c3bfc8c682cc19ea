//! Properties: merge is a join (commutative, associative, idempotent), export is byte-stable, imports converge.
#![cfg(not(target_arch = "wasm32"))]

#[path = "transfer_support.rs"]
mod support;

use proptest::prelude::*;
use sitrep::domain::commands::{apply, Command, CommandContext};
use sitrep::domain::merge::merge;
use sitrep::domain::{EventKind, Incident, State};
use sitrep::transfer::{export, parse_file, plan_import, ImportPlan, Limits, ParsedFile};
use support::{any_incidents, at, copy, uuid};

fn read(text: &str) -> ParsedFile {
    match parse_file(text.as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    }
}

fn file(incidents: &[Incident]) -> ParsedFile {
    read(&export(incidents, at(0)))
}

fn apply_plan(store: &mut Vec<Incident>, plan: &ImportPlan) {
    for written in &plan.to_write {
        match store.iter_mut().find(|i| i.id == written.id) {
            Some(slot) => *slot = written.clone(),
            None => store.push(written.clone()),
        }
    }
}

/// `store` after importing each incident in turn, one file each.
fn import_all(mut store: Vec<Incident>, files: &[&Incident]) -> Vec<Incident> {
    for incident in files {
        let plan = plan_import(&store, file(std::slice::from_ref(*incident)));
        apply_plan(&mut store, &plan);
    }
    store.sort_by_key(|i| i.id);
    store
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn merge_is_commutative(a in copy(), b in copy()) {
        prop_assert_eq!(merge(&a, &b), merge(&b, &a));
    }

    #[test]
    fn merge_is_associative(a in copy(), b in copy(), c in copy()) {
        prop_assert_eq!(merge(&merge(&a, &b), &c), merge(&a, &merge(&b, &c)));
    }

    #[test]
    fn merge_is_idempotent(a in copy(), b in copy()) {
        prop_assert_eq!(&merge(&a, &a), &a);
        let joined = merge(&a, &b);
        prop_assert_eq!(&merge(&joined, &b), &joined);
        prop_assert_eq!(&merge(&joined, &a), &joined);
        prop_assert_eq!(&merge(&joined, &joined), &joined);
    }

    #[test]
    fn merge_keeps_every_event_and_the_earliest_milestones(a in copy(), b in copy()) {
        let joined = merge(&a, &b);
        for event in a.timeline.iter().chain(&b.timeline) {
            prop_assert!(joined.timeline.iter().any(|e| e.id == event.id));
        }
        let earliest = match (a.milestones.resolved_at, b.milestones.resolved_at) {
            (Some(x), Some(y)) => Some(x.min(y)),
            (x, y) => x.or(y),
        };
        prop_assert_eq!(joined.milestones.resolved_at, earliest);
    }

    #[test]
    fn export_import_export_is_byte_stable(incidents in any_incidents(), minute in -1_000_000i64..1_000_000) {
        let first = export(&incidents, at(minute));
        let parsed = read(&first);
        prop_assert_eq!(parsed.incidents.len(), incidents.len());
        prop_assert_eq!(export(&parsed.incidents, parsed.exported_at), first);
    }

    #[test]
    fn copies_imported_in_any_order_converge(a in copy(), b in copy(), c in copy()) {
        let abc = import_all(vec![a.clone()], &[&b, &c]);
        let acb = import_all(vec![a.clone()], &[&c, &b]);
        let cba = import_all(vec![c.clone()], &[&b, &a]);
        let fresh = import_all(Vec::new(), &[&a, &b, &c]);
        prop_assert_eq!(&abc, &acb);
        prop_assert_eq!(&abc, &cba);
        prop_assert_eq!(abc.len(), 1);
        prop_assert_eq!(&fresh, &abc);
    }
}

/// Ours, and a file of theirs: some of ours changed, some new, some new ones reusing our references.
fn ours_and_theirs() -> impl Strategy<Value = (Vec<Incident>, Vec<Incident>)> {
    (
        any_incidents(),
        any_incidents(),
        prop::collection::vec(0u8..4, 6),
    )
        .prop_map(|(ours, mut new, plan)| {
            let mut theirs = Vec::new();
            for (n, (incident, choice)) in ours.iter().zip(&plan).enumerate() {
                let mut copy = incident.clone();
                match choice {
                    0 => continue,
                    1 => {}
                    2 => copy.timeline.push(support::event(
                        900 + n as u64,
                        1,
                        5,
                        EventKind::Note {
                            text: "theirs".into(),
                        },
                    )),
                    _ => {
                        copy.title = format!("{} (their edit)", copy.title);
                        copy.updated_at += chrono::Duration::minutes(1);
                    }
                }
                theirs.push(copy);
            }
            for (stranger, ours) in new.iter_mut().zip(&ours) {
                stranger.reference = ours.reference.clone();
            }
            new.retain(|n| !ours.iter().any(|o| o.id == n.id));
            theirs.extend(new);
            (ours, theirs)
        })
}

fn unique_references(store: &[Incident]) -> bool {
    let mut references: Vec<&str> = store.iter().map(|i| i.reference.as_str()).collect();
    references.sort_unstable();
    let before = references.len();
    references.dedup();
    references.len() == before
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn importing_a_file_twice_writes_nothing_the_second_time((ours, theirs) in ours_and_theirs()) {
        let mut store = ours.clone();
        let first = plan_import(&store, file(&theirs));
        prop_assert_eq!(first.items.len(), theirs.len());
        apply_plan(&mut store, &first);
        let second = plan_import(&store, file(&theirs));
        prop_assert_eq!(&second.to_write, &Vec::<Incident>::new());
        prop_assert_eq!(second.counts().unchanged, theirs.len());
        if unique_references(&ours) {
            prop_assert!(unique_references(&store), "references stay unique");
        }
    }
}

fn act(incident: &Incident, command: Command, minute: i64, actor: &str) -> Incident {
    let ctx = CommandContext {
        now: at(minute),
        actor: actor.into(),
        seed: uuid(minute as u64, actor.len() as u64),
    };
    match apply(incident, command, &ctx) {
        Ok(next) => next,
        Err(error) => panic!("{error}"),
    }
}

#[test]
fn two_copies_edited_apart_converge_whichever_imports_first() {
    let shared = support::incident(42, 4);
    let a = act(
        &shared,
        Command::AddNote {
            text: "A: restarted gw-2".into(),
            at: None,
        },
        10,
        "Ana",
    );
    let b = act(
        &shared,
        Command::AddNote {
            text: "B: rolled back the certificate".into(),
            at: None,
        },
        11,
        "Bo",
    );
    let b = act(&b, Command::Transition(State::Contained), 12, "Bo");
    let b = act(&b, Command::Transition(State::Resolved), 13, "Bo");

    let at_a = import_all(vec![a.clone()], &[&b]);
    let at_b = import_all(vec![b.clone()], &[&a]);
    let at_c = import_all(vec![shared.clone()], &[&b, &a]);
    assert_eq!(at_a, at_b);
    assert_eq!(at_a, at_c);
    let merged = &at_a[0];
    assert_eq!(merged.state, State::Resolved);
    for text in ["A: restarted gw-2", "B: rolled back the certificate"] {
        assert!(merged
            .timeline
            .iter()
            .any(|e| matches!(&e.kind, EventKind::Note { text: t } if t == text)));
    }
    assert_eq!(merged.timeline.len(), shared.timeline.len() + 4);
    assert_eq!(
        export(&at_a, at(0)),
        export(&at_b, at(0)),
        "both sides now export the same bytes"
    );
}
