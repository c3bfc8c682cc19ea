//! The parts an incident folds into: properties of [`Register`] and [`Keyed`] over random write
//! histories given through their public API, merges of random role histories, and the named
//! cases of the reshaped core (a writer replacing its own write, concurrent hand-overs, subject
//! experts added apart, a copy whose clock runs fast, an override given a new reason).
#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeSet;

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use sitrep::domain::assessment::AssessmentEvent;
use sitrep::domain::commands::{AssessmentCommand, RoleCommand};
use sitrep::domain::details::DetailField;
use sitrep::domain::notes::NoteEvent;
use sitrep::domain::register::{Head, Keyed, Register, Rival, Stamp};
use sitrep::domain::roles::{Expert, Role, RolesEvent};
use sitrep::domain::{
    execute, Change, Command, CommandError, Event, Incident, Log, Priority, PriorityOverride,
    State, Topic,
};
use sitrep::transfer::{parse_file, plan_import, FutureDated, Limits};
use support::{act, at as t, commander, ctx, export, note, set_title, transition};
use uuid::Uuid;

// ---- Register and Keyed over random writes ----

/// One write as a fold step hands it to a register.
#[derive(Debug, Clone)]
struct Write {
    id: Uuid,
    recorded_at: DateTime<Utc>,
    /// Which child record it writes (used by the [`Keyed`] properties only).
    key: u8,
    value: u8,
    /// Writes made before it (in the order they were made) that its writer replaced.
    supersedes: Vec<Uuid>,
}

impl Write {
    fn stamp(&self) -> Stamp<'_> {
        Stamp {
            id: self.id,
            recorded_at: self.recorded_at,
            at: self.recorded_at,
            actor: "someone",
            supersedes: &self.supersedes,
        }
    }

    fn fold_key(&self) -> (DateTime<Utc>, Uuid) {
        (self.recorded_at, self.id)
    }
}

/// Writes with random ids (distinct) and times (often equal), values and keys from small sets
/// (so they collide), each superseding some of the writes made before it.
fn writes() -> impl Strategy<Value = Vec<Write>> {
    let one = (
        any::<u64>(),
        0i64..6,
        0u8..3,
        0u8..3,
        prop::collection::vec(any::<prop::sample::Index>(), 0..3),
    );
    prop::collection::vec(one, 1..16).prop_map(|raw| {
        let mut made: Vec<Write> = Vec::new();
        for (n, (high, minute, key, value, picks)) in raw.into_iter().enumerate() {
            let mut supersedes: Vec<Uuid> = Vec::new();
            if !made.is_empty() {
                for pick in picks {
                    let id = made[pick.index(made.len())].id;
                    if !supersedes.contains(&id) {
                        supersedes.push(id);
                    }
                }
            }
            made.push(Write {
                // The low half keeps ids distinct; the high half puts them in a random order.
                id: Uuid::from_u64_pair(high, n as u64),
                recorded_at: t(minute),
                key,
                value,
                supersedes,
            });
        }
        made
    })
}

/// Writes and the same writes in another order.
fn writes_and_a_permutation() -> impl Strategy<Value = (Vec<Write>, Vec<Write>)> {
    writes().prop_flat_map(|w| (Just(w.clone()), Just(w).prop_shuffle()))
}

/// In fold order, as the app's own [`Log`] puts events carrying them.
fn in_fold_order(writes: &[Write]) -> Vec<Write> {
    let events = writes
        .iter()
        .map(|w| Event {
            id: w.id,
            recorded_at: w.recorded_at,
            at: w.recorded_at,
            actor: "someone".into(),
            supersedes: w.supersedes.clone(),
            change: Change::Notes(NoteEvent::Added {
                text: format!("{} {}", w.key, w.value),
            }),
        })
        .collect();
    Log::new(events)
        .events()
        .iter()
        .filter_map(|e| writes.iter().find(|w| w.id == e.id).cloned())
        .collect()
}

/// The register these writes make, given in fold order.
fn register(writes: &[Write]) -> Register<u8> {
    let mut register = Register::default();
    for w in in_fold_order(writes) {
        register.write(&w.stamp(), w.value);
    }
    register
}

/// The child records these writes make, given in fold order.
fn keyed(writes: &[Write]) -> Keyed<u8, Register<u8>> {
    let mut records: Keyed<u8, Register<u8>> = Keyed::default();
    for w in in_fold_order(writes) {
        records.entry(w.key).write(&w.stamp(), w.value);
    }
    records
}

/// What a register shows: its winner, heads and conflicts.
fn seen(register: &Register<u8>) -> (Option<Head<u8>>, Vec<Uuid>, Vec<Rival>) {
    (
        register.winner().cloned(),
        register.heads(),
        register.conflicts(),
    )
}

/// The writes no other write supersedes, in fold order.
fn unsuperseded(writes: &[Write]) -> Vec<&Write> {
    let replaced: BTreeSet<Uuid> = writes
        .iter()
        .flat_map(|w| w.supersedes.iter().copied())
        .collect();
    let mut heads: Vec<&Write> = writes
        .iter()
        .filter(|w| !replaced.contains(&w.id))
        .collect();
    heads.sort_by_key(|w| w.fold_key());
    heads
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn a_register_is_the_same_whatever_order_its_writes_arrive_in((writes, shuffled) in writes_and_a_permutation()) {
        prop_assert_eq!(register(&writes), register(&shuffled));
    }

    #[test]
    fn the_heads_are_exactly_the_writes_nothing_supersedes_in_fold_order(writes in writes()) {
        let register = register(&writes);
        let expected: Vec<Uuid> = unsuperseded(&writes).iter().map(|w| w.id).collect();
        prop_assert_eq!(register.heads(), expected);
        for head in register.heads() {
            for w in &writes {
                prop_assert!(!w.supersedes.contains(&head), "{} supersedes head {}", w.id, head);
            }
        }
    }

    #[test]
    fn the_winner_is_the_latest_head(writes in writes()) {
        let register = register(&writes);
        let heads = unsuperseded(&writes);
        let latest = heads.last().map(|w| (w.id, w.value));
        prop_assert_eq!(register.winner().map(|h| (h.event, h.value)), latest);
        prop_assert_eq!(register.value().copied(), latest.map(|(_, v)| v));
        if let Some(winner) = register.winner() {
            prop_assert!(register.heads().contains(&winner.event), "the winner is a head");
        }
    }

    #[test]
    fn the_conflicts_are_the_other_heads_holding_another_value(writes in writes()) {
        let register = register(&writes);
        let heads = unsuperseded(&writes);
        let conflicts: Vec<Uuid> = register.conflicts().iter().map(|c| c.event).collect();
        let Some(winner) = register.winner() else {
            prop_assert!(conflicts.is_empty());
            return Ok(());
        };
        prop_assert!(!conflicts.contains(&winner.event), "the winner is no conflict");
        for head in &heads {
            if head.value == winner.value {
                prop_assert!(!conflicts.contains(&head.id), "an equal head is no conflict");
            }
        }
        let expected: Vec<Uuid> = heads
            .iter()
            .filter(|h| h.id != winner.event && h.value != winner.value)
            .map(|h| h.id)
            .collect();
        prop_assert_eq!(conflicts, expected);
    }

    #[test]
    fn child_records_are_the_same_whatever_order_their_writes_arrive_in((writes, shuffled) in writes_and_a_permutation()) {
        prop_assert_eq!(keyed(&writes), keyed(&shuffled));
    }

    #[test]
    fn each_child_record_is_the_register_of_its_own_writes_alone(writes in writes()) {
        let records = keyed(&writes);
        let keys: Vec<u8> = records.iter().map(|(k, _)| k).collect();
        let written: Vec<u8> = writes.iter().map(|w| w.key).collect::<BTreeSet<u8>>().into_iter().collect();
        prop_assert_eq!(keys, written, "every key written, in key order");
        prop_assert!(records.iter().next().is_some());
        for (key, record) in records.iter() {
            let own: Vec<Write> = writes.iter().filter(|w| w.key == key).cloned().collect();
            prop_assert_eq!(seen(record), seen(&register(&own)), "key {}", key);
        }
    }
}

// ---- merges of random role histories ----

/// One thing a person may do to the roles, with names from small sets (so writes collide).
#[derive(Debug, Clone)]
enum RoleOp {
    Assign(usize, usize),
    Release(usize),
    AddExpert(usize, usize),
    /// Release the n-th expert ever added here (released ones included).
    ReleaseExpert(usize),
}

const NAMES: [&str; 3] = ["Ana", "Ben", "Cy"];
const AREAS: [&str; 2] = ["database", "network"];

fn role_op() -> impl Strategy<Value = RoleOp> {
    prop_oneof![
        (0usize..4, 0usize..3).prop_map(|(r, p)| RoleOp::Assign(r, p)),
        (0usize..4).prop_map(RoleOp::Release),
        (0usize..3, 0usize..2).prop_map(|(p, a)| RoleOp::AddExpert(p, a)),
        (0usize..4).prop_map(RoleOp::ReleaseExpert),
    ]
}

fn role_command(incident: &Incident, op: &RoleOp) -> Option<Command> {
    let command = match op {
        RoleOp::Assign(role, person) => RoleCommand::Assign {
            role: Role::ALL[*role],
            person: NAMES[*person].into(),
        },
        RoleOp::Release(role) => RoleCommand::Release(Role::ALL[*role]),
        RoleOp::AddExpert(person, area) => RoleCommand::AddExpert(Expert {
            person: NAMES[*person].into(),
            area: AREAS[*area].into(),
        }),
        RoleOp::ReleaseExpert(n) => {
            let (id, _) = incident.parts().roles.experts.iter().nth(*n)?;
            RoleCommand::ReleaseExpert(id)
        }
    };
    Some(Command::Roles(command))
}

/// Plays `ops` on `start` as `actor`, one minute apart from `from`; refused commands are skipped.
fn play_roles(start: &Incident, ops: &[RoleOp], actor: &str, from: i64, seed: u128) -> Incident {
    let mut current = start.clone();
    for (k, op) in ops.iter().enumerate() {
        let minute = from + k as i64;
        let Some(command) = role_command(&current, op) else {
            continue;
        };
        if let Ok(next) = execute(&current, command, &ctx(minute, actor, seed + k as u128)) {
            current = next;
        }
    }
    current
}

/// An ancestor whose roles were worked a little, and three copies whose roles went their own ways.
fn role_histories() -> impl Strategy<Value = [Incident; 3]> {
    let ops = |n| prop::collection::vec(role_op(), 0..n);
    (
        ops(5),
        [ops(8), ops(8), ops(8)],
        [0i64..3, 0i64..3, 0i64..3],
    )
        .prop_map(|(common, [a, b, c], [sa, sb, sc])| {
            let base = play_roles(&support::incident(42, 1), &common, "Noc", 1, 1_000);
            // Copies start at nearby minutes, so writes tie on recorded time now and then.
            [
                play_roles(&base, &a, "Ana", 100 + sa, 10_000),
                play_roles(&base, &b, "Ben", 100 + sb, 20_000),
                play_roles(&base, &c, "Cy", 100 + sc, 30_000),
            ]
        })
}

/// The experts added in these copies that none of them released.
fn never_released(copies: &[&Incident]) -> BTreeSet<Uuid> {
    let events = || copies.iter().flat_map(|c| c.events());
    let released: BTreeSet<Uuid> = events()
        .filter_map(|e| match &e.change {
            Change::Roles(RolesEvent::ExpertReleased { expert }) => Some(*expert),
            _ => None,
        })
        .collect();
    events()
        .filter_map(|e| match &e.change {
            Change::Roles(RolesEvent::ExpertAssigned { expert, .. }) => Some(*expert),
            _ => None,
        })
        .filter(|id| !released.contains(id))
        .collect()
}

fn helping(incident: &Incident) -> BTreeSet<Uuid> {
    incident
        .parts()
        .roles
        .experts()
        .map(|(id, _, _)| id)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn merging_role_histories_is_commutative([a, b, _] in role_histories()) {
        let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
        prop_assert_eq!(&ab, &ba);
        prop_assert_eq!(&*ab, &*ba);
    }

    #[test]
    fn merging_role_histories_is_associative([a, b, c] in role_histories()) {
        let left = Incident::merge(&Incident::merge(&a, &b), &c);
        let right = Incident::merge(&a, &Incident::merge(&b, &c));
        prop_assert_eq!(&left, &right);
        prop_assert_eq!(&*left, &*right);
    }

    #[test]
    fn merging_role_histories_is_idempotent([a, b, _] in role_histories()) {
        prop_assert_eq!(&Incident::merge(&a, &a), &a);
        let joined = Incident::merge(&a, &b);
        prop_assert_eq!(&Incident::merge(&joined, &b), &joined);
        prop_assert_eq!(&Incident::merge(&a, &joined), &joined);
        prop_assert_eq!(&*Incident::merge(&joined, &a), &*joined);
    }

    #[test]
    fn every_expert_added_in_any_copy_and_released_in_none_still_helps([a, b, c] in role_histories()) {
        let merged = Incident::merge(&Incident::merge(&a, &b), &c);
        prop_assert_eq!(helping(&merged), never_released(&[&a, &b, &c]));
    }
}

// ---- named cases ----

/// The events `after` holds that `before` does not, in fold order.
fn added<'a>(before: &Incident, after: &'a Incident) -> Vec<&'a Event> {
    after
        .events()
        .iter()
        .filter(|e| !before.log().contains(e.id))
        .collect()
}

/// The one event `after` adds to `before`.
fn the_new_event<'a>(before: &Incident, after: &'a Incident) -> &'a Event {
    match added(before, after).as_slice() {
        [event] => event,
        other => panic!("expected one new event, got {}", other.len()),
    }
}

#[test]
fn a_writer_replacing_its_own_write_conflicts_only_with_its_latest() {
    const TITLE: Topic = Topic::Details(DetailField::Title);
    let base = support::ancestor();
    // A writes A1 apart; B writes B1, then B2 over it (B1 before and after A1 in time).
    for b1_minute in [5, 11] {
        let a = act(&base, set_title(&base, "A1"), 10, "Ana", 10);
        let a1 = the_new_event(&base, &a).id;
        let b = act(&base, set_title(&base, "B1"), b1_minute, "Ben", 20);
        let b1 = the_new_event(&base, &b).id;
        let b_then = b.clone();
        let b = act(&b, set_title(&b, "B2"), 12, "Ben", 21);
        let b2 = the_new_event(&b_then, &b).id;
        for merged in [Incident::merge(&a, &b), Incident::merge(&b, &a)] {
            assert_eq!(merged.title, "B2");
            assert_eq!(merged.supersedable(TITLE), vec![a1, b2]);
            let conflicts: Vec<Uuid> = merged.conflicts(TITLE).iter().map(|c| c.event).collect();
            assert_eq!(conflicts, vec![a1], "A1 against B2, never B1");
            assert!(!conflicts.contains(&b1));
        }
    }
}

#[test]
fn concurrent_hand_overs_give_one_holder_in_both_orders_and_are_marked_until_settled() {
    const COMMAND: Topic = Topic::Role(Role::Commander);
    let base = act(&support::ancestor(), commander("Cy"), 5, "Cy", 5);
    let a = act(&base, commander("Ana"), 10, "Ana", 10);
    let b = act(&base, commander("Ben"), 10, "Ben", 20);
    for copy in [&a, &b] {
        match &the_new_event(&base, copy).change {
            Change::Roles(RolesEvent::Assigned { from, .. }) => {
                assert_eq!(from.as_deref(), Some("Cy"), "a hand-over from Cy")
            }
            other => panic!("expected a hand-over, got {other:?}"),
        }
    }
    let ab = Incident::merge(&a, &b);
    let ba = Incident::merge(&b, &a);
    assert_eq!(ab, ba);
    assert_eq!(*ab, *ba);
    // Both wrote at the same minute: the event id decides, the same way everywhere.
    let (ana, ben) = (the_new_event(&base, &a).id, the_new_event(&base, &b).id);
    let (holder, loser) = if ana > ben {
        ("Ana", ben)
    } else {
        ("Ben", ana)
    };
    for merged in [&ab, &ba] {
        assert_eq!(merged.commander.as_deref(), Some(holder));
        let conflicts: Vec<Uuid> = merged.conflicts(COMMAND).iter().map(|c| c.event).collect();
        assert_eq!(conflicts, vec![loser]);
    }

    // A later hand-over settles it.
    let settled = act(&ab, commander("Dee"), 20, "Dee", 30);
    assert_eq!(settled.commander.as_deref(), Some("Dee"));
    assert!(settled.conflicts(COMMAND).is_empty());
    assert_eq!(
        the_new_event(&ab, &settled).supersedes,
        vec![ana.min(ben), ana.max(ben)],
        "it replaces both heads"
    );
    // So does confirming the holder: the same name, but a decision that settles the conflict.
    let confirmed = act(&ab, commander(holder), 20, "Dee", 31);
    assert_eq!(confirmed.commander.as_deref(), Some(holder));
    assert!(confirmed.conflicts(COMMAND).is_empty());
    assert_eq!(
        Incident::merge(&settled, &a).conflicts(COMMAND),
        Vec::new(),
        "a copy that saw only one side adds nothing new"
    );
}

fn add_expert(person: &str, area: &str) -> Command {
    Command::Roles(RoleCommand::AddExpert(Expert {
        person: person.into(),
        area: area.into(),
    }))
}

/// The experts helping, as (person, area).
fn experts(incident: &Incident) -> Vec<(String, String)> {
    incident
        .parts()
        .roles
        .experts()
        .map(|(_, e, _)| (e.person.clone(), e.area.clone()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[test]
fn experts_added_apart_are_all_kept_and_a_release_in_one_copy_is_kept() {
    let base = support::ancestor();
    let a = act(&base, add_expert("Dana Kim", "database"), 10, "Ana", 10);
    let b = act(&base, add_expert("Eli Roy", "network"), 10, "Ben", 20);
    let both = vec![
        ("Dana Kim".to_string(), "database".to_string()),
        ("Eli Roy".to_string(), "network".to_string()),
    ];
    let ab = Incident::merge(&a, &b);
    let ba = Incident::merge(&b, &a);
    assert_eq!(ab, ba);
    for merged in [&ab, &ba] {
        assert_eq!(experts(merged), both);
        for (topic, _) in merged.parts().slots() {
            assert!(merged.conflicts(topic).is_empty(), "{topic:?}");
        }
    }

    // Both copies have both experts; one releases Dana, the other does nothing about experts.
    let dana = match &the_new_event(&base, &a).change {
        Change::Roles(RolesEvent::ExpertAssigned { expert, .. }) => *expert,
        other => panic!("expected an expert added, got {other:?}"),
    };
    let released = act(
        &ab,
        Command::Roles(RoleCommand::ReleaseExpert(dana)),
        20,
        "Ana",
        30,
    );
    let untouched = act(&ab, note("Eli is looking at the resolvers"), 21, "Ben", 40);
    for merged in [
        Incident::merge(&released, &untouched),
        Incident::merge(&untouched, &released),
    ] {
        assert_eq!(
            experts(&merged),
            vec![("Eli Roy".to_string(), "network".to_string())]
        );
        assert!(merged.conflicts(Topic::Expert(dana)).is_empty());
    }
}

#[test]
fn a_fast_clock_moves_the_order_of_later_writes_but_never_their_time() {
    let base = support::ancestor();
    let b = act(&base, note("Ben starts looking"), 8, "Ben", 8);
    // A's clock runs two hours fast: what A did at 09:10 says 11:10.
    let a = act(&base, commander("Ana"), 10 + 120, "Ana", 10);
    let a_latest = the_new_event(&base, &a).recorded_at;
    assert_eq!(a_latest, t(130));

    // B, whose clock is right, imports A's file at 09:12.
    let file = match parse_file(export([&a], t(131)).as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    };
    let plan = plan_import([&b], file, &ctx(12, "Ben", 12));
    assert_eq!(
        plan.future,
        Some(FutureDated {
            count: 1,
            latest: t(130)
        }),
        "the preview says A's clock is ahead"
    );
    let merged = match plan.to_write.as_slice() {
        [merged] => merged.clone(),
        other => panic!("expected one merge, got {}", other.len()),
    };

    // B then triages at 09:15 and takes command at 09:16.
    let triaged = act(&merged, transition(State::Triaged), 15, "Ben", 15);
    let event = the_new_event(&merged, &triaged);
    assert_eq!(
        event.recorded_at,
        a_latest + TimeDelta::milliseconds(1),
        "ordered after what B saw"
    );
    assert_eq!(event.at, t(15), "B's own time of the fact is kept");
    assert_eq!(triaged.milestones.acknowledged_at, Some(t(15)));
    let took = act(&triaged, commander("Ben"), 16, "Ben", 16);
    let holder = took.parts().roles.holder(Role::Commander);
    assert_eq!(
        holder.map(|(name, head)| (name, head.at)),
        Some(("Ben", t(16)))
    );
    assert!(took.conflicts(Topic::Role(Role::Commander)).is_empty());

    // The time of the fact goes through a file as it is.
    let file = match parse_file(export([&took], t(20)).as_bytes(), &Limits::default()) {
        Ok(file) => file,
        Err(error) => panic!("{error}"),
    };
    assert_eq!(file.incidents, vec![took.clone()]);
    assert_eq!(file.incidents[0].milestones.acknowledged_at, Some(t(15)));
}

fn override_to(priority: Priority, reason: &str) -> Command {
    Command::Assessment(AssessmentCommand::Override {
        priority,
        reason: reason.into(),
    })
}

#[test]
fn overriding_to_the_same_priority_with_a_new_reason_writes_the_new_reason() {
    let base = support::ancestor();
    let first = act(
        &base,
        override_to(Priority::P1, "Payroll runs tonight"),
        10,
        "Ana",
        10,
    );
    let again = act(
        &first,
        override_to(Priority::P1, "The CEO escalated"),
        11,
        "Ana",
        11,
    );
    let event = the_new_event(&first, &again);
    assert_eq!(
        event.change,
        Change::Assessment(AssessmentEvent::Overridden(PriorityOverride {
            priority: Priority::P1,
            reason: "The CEO escalated".into(),
        }))
    );
    assert_eq!(
        event.supersedes,
        vec![the_new_event(&base, &first).id],
        "it replaces the first reason"
    );
    assert_eq!(again.priority(), Priority::P1);
    assert_eq!(
        again.priority_override.as_ref().map(|o| o.reason.as_str()),
        Some("The CEO escalated")
    );
    assert_eq!(
        execute(
            &again,
            override_to(Priority::P1, " The CEO escalated "),
            &ctx(12, "Ana", 12)
        )
        .err(),
        Some(CommandError::NoChange),
        "the same reason again changes nothing"
    );

    // Two copies giving the same priority for different reasons apart disagree on the override.
    let other = act(
        &first,
        override_to(Priority::P1, "Auditors are watching"),
        11,
        "Ben",
        20,
    );
    let merged = Incident::merge(&again, &other);
    assert_eq!(merged, Incident::merge(&other, &again));
    assert_eq!(merged.conflicts(Topic::Override).len(), 1);
}
