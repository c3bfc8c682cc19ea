//! The resolution part: resolving needs a record of how; records are kept across reopening,
//! merged from copies, and travel in a file.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::components::words::{describe, refusal_message};
use sitrep::domain::commands::{Input, MAX_NAME, MAX_TEXT};
use sitrep::domain::lifecycle::LifecycleEvent;
use sitrep::domain::resolution::{
    ResolutionCommand, ResolutionDraft, ResolutionEvent, ResolutionKind,
};
use sitrep::domain::{execute, Change, Command, CommandError, Incident, State, TransitionError};
use sitrep::transfer::{parse_file, ImportError, Limits};
use support::{act, ancestor, at, ctx, export, transition};

fn resolve(kind: ResolutionKind, escalated_to: &str, summary: &str) -> Command {
    Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
        kind,
        escalated_to: escalated_to.into(),
        summary: summary.into(),
    }))
}

/// The ancestor moved to contained, ready to resolve (minutes 1 to 3).
fn contained() -> Incident {
    [State::Triaged, State::Investigating, State::Contained]
        .into_iter()
        .enumerate()
        .fold(ancestor(), |current, (k, state)| {
            let n = k as i64 + 1;
            act(&current, transition(state), n, "Ana", n as u128)
        })
}

#[test]
fn a_bare_transition_to_resolved_is_refused_and_says_what_is_needed() {
    let start = contained();
    let refused = execute(&start, transition(State::Resolved), &ctx(5, "Ana", 5)).unwrap_err();
    assert_eq!(refused, CommandError::ResolutionRequired);
    assert_eq!(
        refusal_message(&refused),
        "Record how it was resolved first: a fix, a workaround or an escalation, with a summary."
    );
    // A transition the lifecycle refuses says so first.
    let early = execute(&ancestor(), transition(State::Resolved), &ctx(5, "Ana", 5)).unwrap_err();
    assert!(matches!(
        early,
        CommandError::Transition(TransitionError::NotAllowed { .. })
    ));
    // The other transitions are as they were.
    let cancelled = act(&start, transition(State::Cancelled), 6, "Ana", 6);
    assert_eq!(cancelled.state, State::Cancelled);
}

#[test]
fn resolving_writes_the_record_and_the_state_change() {
    let start = contained();
    let resolved = act(
        &start,
        resolve(
            ResolutionKind::Workaround,
            "ignored",
            "  Pinned the old resolver  ",
        ),
        5,
        "Ben",
        5,
    );
    assert_eq!(resolved.state, State::Resolved);
    assert_eq!(resolved.milestones.resolved_at, Some(at(5)));
    let added = &resolved.events()[start.events().len()..];
    assert_eq!(added.len(), 2);
    let record = added
        .iter()
        .find_map(|e| match &e.change {
            Change::Resolution(ResolutionEvent::Recorded {
                kind,
                escalated_to,
                summary,
                ..
            }) => Some((*kind, escalated_to.clone(), summary.clone())),
            _ => None,
        })
        .expect("a record is written");
    assert_eq!(
        record,
        (
            ResolutionKind::Workaround,
            None,
            "Pinned the old resolver".to_string()
        ),
        "who it went to is kept for an escalation only; the summary is trimmed"
    );
    let state_change = added
        .iter()
        .find(|e| matches!(e.change, Change::Lifecycle(_)))
        .expect("a state change is written");
    assert_eq!(
        state_change.change,
        Change::Lifecycle(LifecycleEvent::StateChanged {
            from: State::Contained,
            to: State::Resolved,
        })
    );
    // Written like a transition: it replaces the state seen.
    assert_eq!(
        state_change.supersedes,
        start.supersedable(sitrep::domain::Topic::State)
    );
    let latest = resolved
        .parts()
        .resolution
        .latest()
        .expect("a latest record");
    assert_eq!(
        (
            latest.record.kind,
            latest.record.recorded_by.as_str(),
            latest.record.at
        ),
        (ResolutionKind::Workaround, "Ben", at(5))
    );
    let line = describe(&resolved, &added[0]) + " / " + &describe(&resolved, &added[1]);
    assert!(
        line.contains("Resolved by a workaround: Pinned the old resolver"),
        "{line}"
    );
}

#[test]
fn an_escalation_names_whom_and_reads_so_in_the_timeline() {
    let resolved = act(
        &contained(),
        resolve(
            ResolutionKind::Escalation,
            " Acme DNS ",
            "Vendor fixes the resolver",
        ),
        5,
        "Ana",
        5,
    );
    let latest = resolved.parts().resolution.latest().expect("a record");
    assert_eq!(latest.record.escalated_to.as_deref(), Some("Acme DNS"));
    let event = resolved
        .events()
        .iter()
        .find(|e| e.id == latest.event)
        .expect("its event");
    assert_eq!(
        describe(&resolved, event),
        "Resolved by escalation to Acme DNS: Vendor fixes the resolver"
    );
    let fixed = act(
        &contained(),
        resolve(ResolutionKind::Fix, "", "Patched"),
        5,
        "Ana",
        5,
    );
    let lines: Vec<String> = fixed.events()[fixed.events().len() - 2..]
        .iter()
        .map(|e| describe(&fixed, e))
        .collect();
    assert!(
        lines.contains(&"Resolved by a fix: Patched".to_string()),
        "{lines:?}"
    );
}

#[test]
fn a_bad_draft_is_refused_with_its_reason() {
    let start = contained();
    let refused = |command| execute(&start, command, &ctx(5, "Ana", 5)).unwrap_err();
    assert_eq!(
        refused(resolve(ResolutionKind::Fix, "", "   ")),
        CommandError::Required(Input::ResolutionSummary)
    );
    assert_eq!(
        refused(resolve(ResolutionKind::Escalation, "  ", "Handed over")),
        CommandError::Required(Input::EscalatedTo)
    );
    assert!(matches!(
        refused(resolve(ResolutionKind::Fix, "", &"x".repeat(MAX_TEXT + 1))),
        CommandError::TooLong {
            field: Input::ResolutionSummary,
            ..
        }
    ));
    assert!(matches!(
        refused(resolve(
            ResolutionKind::Escalation,
            &"v".repeat(MAX_NAME + 1),
            "Handed over"
        )),
        CommandError::TooLong {
            field: Input::EscalatedTo,
            ..
        }
    ));
    // Exactly the limit is accepted; whom is not asked of a fix.
    act(
        &start,
        resolve(ResolutionKind::Fix, "", &"x".repeat(MAX_TEXT)),
        5,
        "Ana",
        5,
    );
    // The lifecycle is checked too: a reported incident cannot be resolved.
    assert!(matches!(
        execute(
            &ancestor(),
            resolve(ResolutionKind::Fix, "", "Patched"),
            &ctx(5, "Ana", 5)
        )
        .unwrap_err(),
        CommandError::Transition(TransitionError::NotAllowed { .. })
    ));
}

/// Resolved by a workaround at minute 5, reopened at 6, contained at 7, resolved by a fix at 8.
fn resolved_twice() -> Incident {
    let once = act(
        &contained(),
        resolve(ResolutionKind::Workaround, "", "Pinned the old resolver"),
        5,
        "Ana",
        5,
    );
    let reopened = act(&once, transition(State::Investigating), 6, "Ana", 6);
    assert_eq!(reopened.parts().resolution.records().len(), 1, "kept");
    let contained = act(&reopened, transition(State::Contained), 7, "Ana", 7);
    act(
        &contained,
        resolve(ResolutionKind::Fix, "", "Fixed the zone file"),
        8,
        "Ben",
        8,
    )
}

#[test]
fn reopening_keeps_the_records_and_resolving_again_adds_one() {
    let twice = resolved_twice();
    let records = twice.parts().resolution.records();
    let summaries: Vec<&str> = records.iter().map(|r| r.record.summary.as_str()).collect();
    assert_eq!(
        summaries,
        ["Pinned the old resolver", "Fixed the zone file"],
        "oldest first"
    );
    let latest = twice.parts().resolution.latest().expect("a record");
    assert_eq!(
        (
            latest.record.summary.as_str(),
            latest.record.recorded_by.as_str()
        ),
        ("Fixed the zone file", "Ben")
    );
    assert_eq!(
        twice.milestones.resolved_at,
        Some(at(5)),
        "first resolution"
    );
}

#[test]
fn records_written_in_two_copies_merge_alike_both_ways() {
    let start = contained();
    let a = act(
        &start,
        resolve(ResolutionKind::Fix, "", "Restarted the resolvers"),
        5,
        "Ana",
        5,
    );
    let b = act(
        &start,
        resolve(ResolutionKind::Escalation, "Network team", "Their router"),
        6,
        "Ben",
        6,
    );
    let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
    assert_eq!(ab, ba);
    assert_eq!(ab.parts().resolution, ba.parts().resolution);
    let kinds: Vec<ResolutionKind> = ab
        .parts()
        .resolution
        .records()
        .iter()
        .map(|r| r.record.kind)
        .collect();
    assert_eq!(kinds, [ResolutionKind::Fix, ResolutionKind::Escalation]);
    assert_eq!(ab.state, State::Resolved);
    // Each record is its own register: no conflict between them, and each is among the parts'
    // registers (for conflict marks and the import preview).
    let mut records = 0;
    for (topic, slot) in ab.parts().slots() {
        if let sitrep::domain::Topic::Resolution(id) = topic {
            assert!(slot.conflicts().is_empty());
            assert!(ab.parts().slot(topic).is_some(), "{id}");
            records += 1;
        }
    }
    assert_eq!(records, 2);
}

#[test]
fn records_travel_in_a_file_and_read_back_the_same() {
    let twice = resolved_twice();
    let escalated = act(
        &act(&twice, transition(State::Investigating), 9, "Ana", 9),
        transition(State::Contained),
        10,
        "Ana",
        10,
    );
    let escalated = act(
        &escalated,
        resolve(ResolutionKind::Escalation, "Acme", "Vendor ticket 7"),
        11,
        "Ana",
        11,
    );
    let text = export([&escalated], at(20));
    assert!(text.contains("\"resolution_recorded\""));
    assert!(text.contains("\"escalated_to\""), "{text}");
    let parsed = parse_file(text.as_bytes(), &Limits::default()).expect("read back");
    assert_eq!(parsed.incidents, vec![escalated.clone()]);
    assert_eq!(
        parsed.incidents[0].parts().resolution,
        escalated.parts().resolution
    );
}

#[test]
fn a_malformed_record_is_refused_where_it_stands() {
    let mut file: serde_json::Value =
        serde_json::from_str(&export([&contained()], at(10))).expect("json");
    file["incidents"][0]["events"][1]["change"] = serde_json::json!({"resolution_recorded": {
        "record": "00000000-0000-0000-0000-000000000001", "kind": "luck", "summary": "s"
    }});
    let text = file.to_string();
    let error = parse_file(text.as_bytes(), &Limits::default()).unwrap_err();
    let ImportError::Invalid { path, msg } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(
        path,
        "incidents[0].events[1].change.resolution_recorded.kind"
    );
    assert!(msg.contains("not a known resolution kind"), "{msg}");
}
