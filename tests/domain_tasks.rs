//! The tasks part: tasks added, changed and merged across copies; playbook items made once.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use sitrep::domain::commands::MAX_TITLE;
use sitrep::domain::tasks::{playbook_task_id, NewTask, Origin, TaskCommand, TaskState};
use sitrep::domain::{execute, Command, CommandError, Incident, Topic};
use sitrep::transfer::{parse_file, Limits};
use support::{act, ancestor, at, ctx, export};
use uuid::Uuid;

fn tasks(command: TaskCommand) -> Command {
    Command::Tasks(command)
}

fn add(title: &str, owner: &str, due: Option<i64>) -> Command {
    tasks(TaskCommand::Add(NewTask {
        title: title.into(),
        owner: owner.into(),
        due: due.map(at),
    }))
}

/// The only task of `incident`.
fn only_task(incident: &Incident) -> Uuid {
    let list = incident.parts().tasks.list();
    assert_eq!(list.len(), 1, "{list:?}");
    list[0].id
}

fn security_items() -> Vec<(Origin, String)> {
    ["isolate", "evidence", "rotate"]
        .iter()
        .map(|item| {
            (
                Origin {
                    playbook: "security".into(),
                    item: (*item).into(),
                },
                format!("Do {item}"),
            )
        })
        .collect()
}

#[test]
fn a_task_is_added_finished_and_reopened_with_a_timeline_entry_each() {
    let start = ancestor();
    let one = act(
        &start,
        add("Rotate the API keys", "Ana", Some(30)),
        1,
        "Ana",
        1,
    );
    let task = only_task(&one);
    let listed = &one.parts().tasks.list()[0];
    assert_eq!(
        (listed.title, listed.owner, listed.due, listed.state),
        (
            "Rotate the API keys",
            Some("Ana"),
            Some(at(30)),
            TaskState::Open
        )
    );
    let done = act(
        &one,
        tasks(TaskCommand::Set(task, TaskState::Done)),
        2,
        "Ana",
        2,
    );
    assert_eq!(done.parts().tasks.list()[0].state, TaskState::Done);
    let reopened = act(
        &done,
        tasks(TaskCommand::Set(task, TaskState::Open)),
        3,
        "Ben",
        3,
    );
    assert_eq!(reopened.parts().tasks.list()[0].state, TaskState::Open);
    assert_eq!(reopened.events().len(), start.events().len() + 3);
    // Setting what is already there writes nothing.
    let again = execute(
        &reopened,
        tasks(TaskCommand::Set(task, TaskState::Open)),
        &ctx(4, "Ben", 4),
    );
    assert_eq!(again.unwrap_err(), CommandError::NoChange);
}

#[test]
fn an_open_task_past_its_due_time_is_overdue_and_listed_first() {
    let start = ancestor();
    let one = act(&start, add("Later", "", Some(120)), 1, "Ana", 1);
    let two = act(&one, add("Soon", "", Some(10)), 2, "Ana", 2);
    let three = act(&two, add("Whenever", "", None), 3, "Ana", 3);
    let list = three.parts().tasks.list();
    assert!(list.iter().all(|t| !t.is_overdue(at(5))));
    // At its due time a task is not overdue yet; a minute later it is.
    assert!(!list[0].is_overdue(at(10)) && list[0].is_overdue(at(11)));
    let list = three.parts().tasks.list();
    let titles: Vec<&str> = list.iter().map(|t| t.title).collect();
    assert_eq!(titles, ["Soon", "Later", "Whenever"]);
    assert!(list[0].is_overdue(at(11)) && !list[1].is_overdue(at(11)));
    assert_eq!(three.parts().tasks.open_counts(at(11)), (3, 1));
    // Done is never overdue, and is listed after the open ones.
    let done = act(
        &three,
        tasks(TaskCommand::Set(list[0].id, TaskState::Done)),
        12,
        "Ana",
        4,
    );
    let list = done.parts().tasks.list();
    assert_eq!(list.last().map(|t| t.title), Some("Soon"));
    assert_eq!(done.parts().tasks.open_counts(at(13)), (2, 0));
}

#[test]
fn finished_in_one_copy_and_reassigned_in_another_keeps_both_changes() {
    let start = act(
        &ancestor(),
        add("Page the DBA", "Ana", Some(60)),
        1,
        "Ana",
        1,
    );
    let task = only_task(&start);
    let a = act(
        &start,
        tasks(TaskCommand::Set(task, TaskState::Done)),
        5,
        "Ana",
        2,
    );
    let b = act(
        &start,
        tasks(TaskCommand::Assign(task, "Ben".into())),
        6,
        "Ben",
        3,
    );
    let b = act(
        &b,
        tasks(TaskCommand::Date(task, Some(at(90)))),
        7,
        "Ben",
        4,
    );
    let (ab, ba) = (Incident::merge(&a, &b), Incident::merge(&b, &a));
    assert_eq!(ab, ba);
    let merged = &ab.parts().tasks.list()[0];
    assert_eq!(
        (merged.state, merged.owner, merged.due),
        (TaskState::Done, Some("Ben"), Some(at(90)))
    );
    assert!(ab
        .conflicts(Topic::Task(task, sitrep::domain::tasks::TaskField::State))
        .is_empty());
}

#[test]
fn the_same_task_renamed_in_two_copies_is_a_conflict_until_renamed_again() {
    let start = act(&ancestor(), add("Check DNS", "", None), 1, "Ana", 1);
    let task = only_task(&start);
    let a = act(
        &start,
        tasks(TaskCommand::Retitle(task, "Check DNS records".into())),
        2,
        "Ana",
        2,
    );
    let b = act(
        &start,
        tasks(TaskCommand::Retitle(task, "Check DNS TTLs".into())),
        3,
        "Ben",
        3,
    );
    let merged = Incident::merge(&a, &b);
    let topic = Topic::Task(task, sitrep::domain::tasks::TaskField::Title);
    assert_eq!(merged.conflicts(topic).len(), 1);
    // The import preview and conflict marks find the task's registers among the parts'.
    assert!(merged.parts().slots().iter().any(|(t, _)| *t == topic));
    assert_eq!(merged.parts().tasks.list()[0].title, "Check DNS TTLs");
    let settled = act(
        &merged,
        tasks(TaskCommand::Retitle(task, "Check DNS TTLs".into())),
        4,
        "Ana",
        4,
    );
    assert!(settled.conflicts(topic).is_empty());
}

#[test]
fn a_playbook_applied_twice_or_in_two_copies_makes_each_task_once() {
    let start = ancestor();
    let once = act(
        &start,
        tasks(TaskCommand::FromPlaybook(security_items())),
        1,
        "Ana",
        1,
    );
    let titles: Vec<&str> = once.parts().tasks.list().iter().map(|t| t.title).collect();
    assert_eq!(
        titles,
        vec!["Do isolate", "Do evidence", "Do rotate"],
        "listed in the playbook's order"
    );
    let twice = execute(
        &once,
        tasks(TaskCommand::FromPlaybook(security_items())),
        &ctx(2, "Ana", 2),
    );
    assert_eq!(twice.unwrap_err(), CommandError::NoChange);
    // Applied apart in a second copy: the same tasks, by id, so the merge adds none.
    let elsewhere = act(
        &start,
        tasks(TaskCommand::FromPlaybook(security_items())),
        3,
        "Ben",
        3,
    );
    let merged = Incident::merge(&once, &elsewhere);
    let list = merged.parts().tasks.list();
    assert_eq!(list.len(), 3);
    for (origin, title) in security_items() {
        let id = playbook_task_id(start.id(), &origin);
        let task = list
            .iter()
            .find(|t| t.id == id)
            .expect("made under its derived id");
        assert_eq!((task.title, task.origin), (title.as_str(), Some(&origin)));
    }
    // An item listed twice in one playbook is made once.
    let mut repeated = security_items();
    repeated.push(repeated[0].clone());
    let made = act(
        &start,
        tasks(TaskCommand::FromPlaybook(repeated)),
        5,
        "Ana",
        5,
    );
    assert_eq!(made.parts().tasks.list().len(), 3);
    assert_eq!(made.events().len(), start.events().len() + 3);
    // Another incident makes other tasks of the same item.
    let origin = &security_items()[0].0;
    assert_ne!(
        playbook_task_id(Uuid::from_u128(1), origin),
        playbook_task_id(Uuid::from_u128(2), origin)
    );
}

#[test]
fn bad_task_input_is_refused_with_its_reason() {
    let start = ancestor();
    let refused = |command| execute(&start, command, &ctx(1, "Ana", 1)).unwrap_err();
    assert!(matches!(
        refused(add("  ", "", None)),
        CommandError::Required(_)
    ));
    assert!(matches!(
        refused(add(&"x".repeat(MAX_TITLE + 1), "", None)),
        CommandError::TooLong { .. }
    ));
    assert!(matches!(
        refused(add("ok", &"n".repeat(101), None)),
        CommandError::TooLong { .. }
    ));
    let stranger = Uuid::from_u128(99);
    assert_eq!(
        refused(tasks(TaskCommand::Set(stranger, TaskState::Done))),
        CommandError::NoSuchTask
    );
    assert_eq!(
        refused(tasks(TaskCommand::Assign(stranger, "Ana".into()))),
        CommandError::NoSuchTask
    );
}

#[test]
fn tasks_travel_in_a_file_and_read_back_the_same() {
    let start = ancestor();
    let one = act(&start, add("Rotate keys", "Ana", Some(30)), 1, "Ana", 1);
    let task = only_task(&one);
    let two = act(
        &one,
        tasks(TaskCommand::FromPlaybook(security_items())),
        2,
        "Ana",
        2,
    );
    let three = act(
        &two,
        tasks(TaskCommand::Set(task, TaskState::Cancelled)),
        3,
        "Ana",
        3,
    );
    let four = act(
        &three,
        tasks(TaskCommand::Assign(task, "".into())),
        4,
        "Ana",
        4,
    );
    let five = act(&four, tasks(TaskCommand::Date(task, None)), 5, "Ana", 5);
    let six = act(
        &five,
        tasks(TaskCommand::Retitle(task, "Rotate all keys".into())),
        6,
        "Ana",
        6,
    );
    let text = export([&six], at(10));
    for kind in [
        "task_created",
        "task_state",
        "task_assigned",
        "task_dated",
        "task_retitled",
    ] {
        assert!(text.contains(kind), "{kind} is written");
    }
    let parsed = parse_file(text.as_bytes(), &Limits::default()).expect("read back");
    assert_eq!(parsed.incidents, vec![six.clone()]);
    let read = &parsed.incidents[0];
    assert_eq!(read.parts().tasks.list(), six.parts().tasks.list());
}

#[test]
fn a_malformed_task_is_refused_where_it_stands() {
    let mut file: serde_json::Value = serde_json::from_str(&export(
        [&act(&ancestor(), add("a", "", None), 1, "Ana", 1)],
        at(10),
    ))
    .expect("json");
    file["incidents"][0]["events"][1]["change"] = serde_json::json!({"task_state": {"task": "00000000-0000-0000-0000-000000000001", "state": "paused"}});
    let text = file.to_string();
    let error = parse_file(text.as_bytes(), &Limits::default()).unwrap_err();
    let sitrep::transfer::ImportError::Invalid { path, msg } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(path, "incidents[0].events[1].change.task_state.state");
    assert!(msg.contains("not a known task state"), "{msg}");
}
