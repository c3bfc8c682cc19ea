//! The links part: links between incidents (and the other side of them), references to problem
//! and change records, merged across copies, cancelling as a duplicate, and the file.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::components::words::{describe, inverse_link_label, link_label, refusal_message};
use sitrep::domain::commands::{Input, MAX_TITLE};
use sitrep::domain::links::{
    inverse_links, link_id, reference_id, LinkCommand, LinkKind, RecordKind, MAX_URL,
};
use sitrep::domain::{execute, Command, CommandError, Incident, State, Topic, TransitionError};
use sitrep::transfer::{parse_file, ImportError, Limits};
use support::{act, ancestor, at, ctx, export};
use uuid::Uuid;

fn links(command: LinkCommand) -> Command {
    Command::Links(command)
}

fn link(kind: LinkKind, target: &Incident) -> Command {
    links(LinkCommand::Link {
        kind,
        target: target.id(),
        target_ref: target.reference.clone(),
    })
}

fn reference(kind: RecordKind, value: &str) -> Command {
    links(LinkCommand::Reference {
        kind,
        value: value.into(),
    })
}

/// Another incident, INC-0007.
fn other() -> Incident {
    support::incident(7, 2)
}

/// The kinds and references of the links present.
fn present(incident: &Incident) -> Vec<(LinkKind, String)> {
    incident
        .parts()
        .links
        .links()
        .into_iter()
        .map(|(_, l)| (l.kind, l.target_ref.clone()))
        .collect()
}

#[test]
fn a_link_is_added_listed_worded_and_removed() {
    let (start, other) = (ancestor(), other());
    let one = act(&start, link(LinkKind::CausedBy, &other), 1, "Ana", 1);
    assert_eq!(
        present(&one),
        [(LinkKind::CausedBy, "INC-0007".to_string())]
    );
    let id = link_id(start.id(), LinkKind::CausedBy, other.id());
    assert_eq!(one.parts().links.links()[0].0, id, "under its derived id");
    let last = one.events().last().expect("an event");
    assert_eq!(describe(&one, last), "Linked: caused by INC-0007");
    let two = act(&one, link(LinkKind::DuplicateOf, &other), 2, "Ana", 2);
    assert_eq!(
        describe(&two, two.events().last().expect("an event")),
        "Linked as duplicate of INC-0007"
    );
    let three = act(&two, link(LinkKind::RelatedTo, &other), 3, "Ana", 3);
    assert_eq!(
        describe(&three, three.events().last().expect("an event")),
        "Linked: related to INC-0007"
    );
    let kinds: Vec<LinkKind> = present(&three).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        kinds,
        [
            LinkKind::DuplicateOf,
            LinkKind::CausedBy,
            LinkKind::RelatedTo
        ]
    );
    let removed = act(&three, links(LinkCommand::Unlink(id)), 4, "Ana", 4);
    assert_eq!(present(&removed).len(), 2);
    assert_eq!(
        describe(&removed, removed.events().last().expect("an event")),
        "Link removed: caused by INC-0007"
    );
    assert_eq!(
        execute(&removed, links(LinkCommand::Unlink(id)), &ctx(5, "Ana", 5)).unwrap_err(),
        CommandError::NoSuchLink
    );
    // Linked again after its removal, it is back.
    let again = act(&removed, link(LinkKind::CausedBy, &other), 6, "Ana", 6);
    assert_eq!(present(&again).len(), 3);
    assert_eq!(
        (
            link_label(LinkKind::DuplicateOf),
            inverse_link_label(LinkKind::DuplicateOf)
        ),
        ("Duplicate of", "Has duplicate")
    );
}

#[test]
fn the_other_side_of_a_link_is_computed_from_the_incidents_that_hold_it() {
    let (this, other) = (ancestor(), other());
    let third = support::incident(9, 2);
    let linking = act(&other, link(LinkKind::DuplicateOf, &this), 1, "Ana", 1);
    let linking = act(&linking, link(LinkKind::RelatedTo, &third), 2, "Ana", 2);
    let causing = act(&third, link(LinkKind::CausedBy, &this), 3, "Ana", 3);
    let all = [this.clone(), linking.clone(), causing.clone()];
    assert_eq!(
        inverse_links(this.id(), all.iter()),
        vec![
            (linking.id(), LinkKind::DuplicateOf),
            (causing.id(), LinkKind::CausedBy)
        ]
    );
    assert_eq!(
        inverse_links(third.id(), all.iter()),
        vec![(linking.id(), LinkKind::RelatedTo)]
    );
    assert!(inverse_links(linking.id(), all.iter()).is_empty());
    // A removed link is no longer seen from the other side.
    let id = link_id(other.id(), LinkKind::DuplicateOf, this.id());
    let unlinked = act(&linking, links(LinkCommand::Unlink(id)), 4, "Ana", 4);
    assert!(inverse_links(this.id(), [unlinked].iter()).is_empty());
}

#[test]
fn a_self_link_or_the_same_link_twice_is_refused() {
    let (start, other) = (ancestor(), other());
    let refused =
        |incident: &Incident, command| execute(incident, command, &ctx(1, "Ana", 1)).unwrap_err();
    let own = refused(&start, link(LinkKind::RelatedTo, &start));
    assert_eq!(own, CommandError::SelfLink);
    assert_eq!(
        refusal_message(&own),
        "An incident cannot be linked to itself."
    );
    let one = act(&start, link(LinkKind::RelatedTo, &other), 1, "Ana", 1);
    assert_eq!(
        refused(&one, link(LinkKind::RelatedTo, &other)),
        CommandError::AlreadyLinked
    );
    // Another kind to the same incident is another link.
    act(&one, link(LinkKind::CausedBy, &other), 2, "Ana", 2);
    assert_eq!(
        refused(
            &start,
            links(LinkCommand::Link {
                kind: LinkKind::RelatedTo,
                target: other.id(),
                target_ref: "  ".into(),
            })
        ),
        CommandError::Required(Input::LinkedIncident)
    );
}

#[test]
fn records_are_referenced_once_each_and_removed() {
    let start = ancestor();
    let one = act(
        &start,
        reference(RecordKind::Problem, " PRB-12 "),
        1,
        "Ana",
        1,
    );
    assert_eq!(
        describe(&one, one.events().last().expect("an event")),
        "Problem record referenced: PRB-12"
    );
    let refused =
        |incident: &Incident, command| execute(incident, command, &ctx(2, "Ana", 2)).unwrap_err();
    assert_eq!(
        refused(&one, reference(RecordKind::Problem, "PRB-12")),
        CommandError::AlreadyLinked
    );
    let url = format!("https://changes.example.com/{}", "c".repeat(300));
    let two = act(&one, reference(RecordKind::Change, &url), 3, "Ana", 3);
    let listed: Vec<(RecordKind, &str)> = two
        .parts()
        .links
        .references()
        .into_iter()
        .map(|(_, r)| (r.kind, r.value.as_str()))
        .collect();
    assert_eq!(
        listed,
        [(RecordKind::Problem, "PRB-12"), (RecordKind::Change, &*url)]
    );
    let change = reference_id(start.id(), RecordKind::Change, &url);
    let three = act(&two, links(LinkCommand::Unreference(change)), 4, "Ana", 4);
    assert_eq!(three.parts().links.references().len(), 1);
    assert_eq!(
        describe(&three, three.events().last().expect("an event")),
        format!("Change record reference removed: {url}")
    );
    assert_eq!(
        refused(&three, links(LinkCommand::Unreference(change))),
        CommandError::NoSuchLink
    );
    assert_eq!(
        refused(&start, reference(RecordKind::Problem, " ")),
        CommandError::Required(Input::RecordReference)
    );
    // An id is held to a title's length, a URL to a longer one.
    assert!(matches!(
        refused(
            &start,
            reference(RecordKind::Problem, &"P".repeat(MAX_TITLE + 1))
        ),
        CommandError::TooLong { max: MAX_TITLE, .. }
    ));
    let long_url = format!("https://x.example/{}", "u".repeat(MAX_URL));
    assert!(matches!(
        refused(&start, reference(RecordKind::Change, &long_url)),
        CommandError::TooLong { max: MAX_URL, .. }
    ));
}

#[test]
fn the_same_link_made_in_two_copies_is_one() {
    let (start, other) = (ancestor(), other());
    let a = act(&start, link(LinkKind::DuplicateOf, &other), 1, "Ana", 1);
    let b = act(&start, link(LinkKind::DuplicateOf, &other), 2, "Ben", 2);
    let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
    assert_eq!(ab, ba);
    assert_eq!(present(&ab).len(), 1);
    let id = link_id(start.id(), LinkKind::DuplicateOf, other.id());
    assert!(ab.conflicts(Topic::Link(id)).is_empty());
    let c = act(&start, reference(RecordKind::Problem, "PRB-1"), 3, "Cy", 3);
    let d = act(&start, reference(RecordKind::Problem, "PRB-1 "), 4, "Di", 4);
    assert_eq!(Incident::merge(&c, &d).parts().links.references().len(), 1);
}

/// The one event `after` adds to `before` replaces the latest links write of `before`.
fn assert_replaces_the_links_write(before: &Incident, after: &Incident) {
    let written = before
        .events()
        .iter()
        .rev()
        .find(|e| matches!(e.change, sitrep::domain::Change::Links(_)));
    let removal = after.events().iter().find(|e| !before.events().contains(e));
    assert_eq!(
        removal.map(|e| e.supersedes.clone()),
        written.map(|e| vec![e.id]),
        "the removal replaces the write it saw"
    );
}

#[test]
fn a_link_removed_in_one_copy_stays_removed_after_a_merge() {
    let (start, other) = (ancestor(), other());
    let linked = act(&start, link(LinkKind::CausedBy, &other), 1, "Ana", 1);
    let id = link_id(start.id(), LinkKind::CausedBy, other.id());
    let a = act(&linked, links(LinkCommand::Unlink(id)), 2, "Ana", 2);
    let b = act(&linked, support::note("looking"), 3, "Ben", 3);
    let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
    assert_eq!(ab, ba);
    assert!(present(&ab).is_empty());
    assert!(ab.conflicts(Topic::Link(id)).is_empty());
    // The removal replaces the link it saw (so a copy never reads the two as a conflict), and the
    // link's register is among the parts' for conflict marks and the import preview.
    assert_replaces_the_links_write(&linked, &a);
    assert!(ab
        .parts()
        .slots()
        .iter()
        .any(|(t, _)| *t == Topic::Link(id)));
    // The same for a reference.
    let referenced = act(&start, reference(RecordKind::Change, "CHG-3"), 1, "Ana", 1);
    let reference = reference_id(start.id(), RecordKind::Change, "CHG-3");
    let a = act(
        &referenced,
        links(LinkCommand::Unreference(reference)),
        2,
        "Ana",
        2,
    );
    assert_replaces_the_links_write(&referenced, &a);
    assert!(referenced
        .parts()
        .slots()
        .iter()
        .any(|(t, _)| *t == Topic::Record(reference)));
    let b = act(&referenced, support::note("looking"), 3, "Ben", 3);
    assert!(Incident::merge(&b, &a)
        .parts()
        .links
        .references()
        .is_empty());
}

#[test]
fn cancel_as_duplicate_writes_the_link_and_the_state_change() {
    let (start, other) = (ancestor(), other());
    let cancel = |target: &Incident| {
        links(LinkCommand::CancelAsDuplicate {
            target: target.id(),
            target_ref: target.reference.clone(),
        })
    };
    let cancelled = act(&start, cancel(&other), 1, "Ana", 1);
    assert_eq!(cancelled.state, State::Cancelled);
    assert_eq!(cancelled.milestones.cancelled_at, Some(at(1)));
    assert_eq!(cancelled.events().len(), start.events().len() + 2);
    assert_eq!(
        present(&cancelled),
        [(LinkKind::DuplicateOf, "INC-0007".to_string())]
    );
    // Already linked as a duplicate: only the state change.
    let linked = act(&start, link(LinkKind::DuplicateOf, &other), 2, "Ana", 2);
    let cancelled = act(&linked, cancel(&other), 3, "Ana", 3);
    assert_eq!(cancelled.events().len(), linked.events().len() + 1);
    assert_eq!(cancelled.state, State::Cancelled);
    // Refused: itself, or a state that cannot be cancelled.
    let refused =
        |incident: &Incident, command| execute(incident, command, &ctx(4, "Ana", 4)).unwrap_err();
    assert_eq!(refused(&start, cancel(&start)), CommandError::SelfLink);
    let closed = {
        let mut current = start.clone();
        for (k, state) in [
            State::Triaged,
            State::Investigating,
            State::Contained,
            State::Resolved,
            State::Closed,
        ]
        .into_iter()
        .enumerate()
        {
            let n = 10 + k as i64;
            current = act(&current, support::move_to(state), n, "Ana", n as u128);
        }
        current
    };
    assert!(matches!(
        refused(&closed, cancel(&other)),
        CommandError::Transition(TransitionError::Final { .. })
    ));
    assert!(present(&closed).is_empty());
}

#[test]
fn every_links_kind_travels_in_a_file_and_reads_back_the_same() {
    let (start, other) = (ancestor(), other());
    let third = support::incident(9, 2);
    let one = act(&start, link(LinkKind::CausedBy, &other), 1, "Ana", 1);
    let two = act(&one, link(LinkKind::RelatedTo, &third), 2, "Ana", 2);
    let related = link_id(start.id(), LinkKind::RelatedTo, third.id());
    let three = act(&two, links(LinkCommand::Unlink(related)), 3, "Ana", 3);
    let four = act(
        &three,
        reference(RecordKind::Problem, "PRB-12"),
        4,
        "Ana",
        4,
    );
    let five = act(&four, reference(RecordKind::Change, "CHG-7"), 5, "Ana", 5);
    let change = reference_id(start.id(), RecordKind::Change, "CHG-7");
    let six = act(&five, links(LinkCommand::Unreference(change)), 6, "Ana", 6);
    let text = export([&six], at(10));
    for kind in [
        "link_added",
        "link_removed",
        "record_referenced",
        "record_unreferenced",
    ] {
        assert!(text.contains(&format!("\"{kind}\"")), "{kind} is written");
    }
    let parsed = parse_file(text.as_bytes(), &Limits::default()).expect("read back");
    assert_eq!(parsed.incidents, vec![six.clone()]);
    assert_eq!(parsed.incidents[0].parts().links, six.parts().links);
}

#[test]
fn a_malformed_link_is_refused_where_it_stands() {
    let mut file: serde_json::Value =
        serde_json::from_str(&export([&ancestor()], at(10))).expect("json");
    let events = file["incidents"][0]["events"]
        .as_array_mut()
        .expect("events");
    let mut extra = events[0].clone();
    extra["id"] = serde_json::json!(Uuid::from_u128(77).to_string());
    extra["change"] = serde_json::json!({"link_added": {
        "link": "00000000-0000-0000-0000-000000000001", "kind": "blocks",
        "target": "00000000-0000-0000-0000-000000000002", "target_ref": "INC-0002"
    }});
    events.push(extra);
    let text = file.to_string();
    let error = parse_file(text.as_bytes(), &Limits::default()).unwrap_err();
    let ImportError::Invalid { path, msg } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(path, "incidents[0].events[1].change.link_added.kind");
    assert!(msg.contains("not a known link kind"), "{msg}");
    // A reference without its value is refused too, in its place.
    let mut file: serde_json::Value =
        serde_json::from_str(&export([&ancestor()], at(10))).expect("json");
    let events = file["incidents"][0]["events"]
        .as_array_mut()
        .expect("events");
    let mut extra = events[0].clone();
    extra["id"] = serde_json::json!(Uuid::from_u128(78).to_string());
    extra["change"] = serde_json::json!({"record_unreferenced": {"reference": "not-an-id"}});
    events.push(extra);
    let text = file.to_string();
    let error = parse_file(text.as_bytes(), &Limits::default()).unwrap_err();
    let ImportError::Invalid { path, .. } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        path,
        "incidents[0].events[1].change.record_unreferenced.reference"
    );
}
