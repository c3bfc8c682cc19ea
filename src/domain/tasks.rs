//! The tasks part: work to do on an incident, each a child record keyed by its own id, with
//! one register per field, so that a task finished in one copy and reassigned in another keeps
//! both changes. A task made from a playbook item has an id derived from the incident, the
//! playbook and the item, so applying a playbook twice, or in two copies, makes each task once.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_NAME, MAX_TITLE};
use super::register::{Head, Keyed, Register, Slot, Stamp};
use super::{Change, Event, Incident, Topic};

/// Where a task stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskState {
    /// To do.
    Open,
    /// Done.
    Done,
    /// Not needed after all.
    Cancelled,
}

impl TaskState {
    /// Every state.
    pub const ALL: [TaskState; 3] = [TaskState::Open, TaskState::Done, TaskState::Cancelled];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            TaskState::Open => "open",
            TaskState::Done => "done",
            TaskState::Cancelled => "cancelled",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<TaskState> {
        TaskState::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Which field of a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TaskField {
    /// What to do.
    Title,
    /// Who does it.
    Owner,
    /// By when.
    Due,
    /// Open, done or cancelled.
    State,
}

/// The playbook item a task was made from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Origin {
    /// The playbook's id.
    pub playbook: String,
    /// The item's id within it.
    pub item: String,
}

/// A tasks event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TaskEvent {
    /// A task was added.
    Created {
        /// The task's own id.
        task: Uuid,
        /// What to do.
        title: String,
        /// Who does it.
        owner: Option<String>,
        /// By when.
        due: Option<DateTime<Utc>>,
        /// The playbook item it came from.
        origin: Option<Origin>,
    },
    /// A task's title was changed.
    Retitled {
        /// Which task.
        task: Uuid,
        /// The new title.
        title: String,
    },
    /// A task was given to someone, or its owner removed.
    Assigned {
        /// Which task.
        task: Uuid,
        /// Who does it now.
        owner: Option<String>,
    },
    /// A task's due time was set or removed.
    Dated {
        /// Which task.
        task: Uuid,
        /// By when, now.
        due: Option<DateTime<Utc>>,
    },
    /// A task was finished, cancelled or reopened.
    StateSet {
        /// Which task.
        task: Uuid,
        /// Where it stands now.
        state: TaskState,
    },
}

/// One task as folded: a register per field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TaskRecord {
    /// What to do.
    pub title: Register<String>,
    /// Who does it.
    pub owner: Register<Option<String>>,
    /// By when.
    pub due: Register<Option<DateTime<Utc>>>,
    /// Open, done or cancelled.
    pub state: Register<TaskState>,
    /// The playbook item it came from (the first creation that names one).
    pub origin: Option<Origin>,
}

/// A task as a page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Task<'a> {
    /// Its id.
    pub id: Uuid,
    /// What to do.
    pub title: &'a str,
    /// Who does it.
    pub owner: Option<&'a str>,
    /// By when.
    pub due: Option<DateTime<Utc>>,
    /// Where it stands.
    pub state: TaskState,
    /// The playbook item it came from.
    pub origin: Option<&'a Origin>,
    /// The write that set its state.
    pub state_head: &'a Head<TaskState>,
}

impl Task<'_> {
    /// Open and past its due time at `now`.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.state == TaskState::Open && self.due.is_some_and(|due| due < now)
    }
}

/// The tasks as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TasksState {
    /// Each task by id.
    pub tasks: Keyed<Uuid, TaskRecord>,
}

impl TasksState {
    /// Every task with a title: open ones first, by due time (so overdue ones lead), those
    /// without one after; then done, then cancelled; ties in the order they were added.
    pub fn list(&self) -> Vec<Task<'_>> {
        let mut tasks: Vec<Task<'_>> = self.views().collect();
        let created = |t: &Task<'_>| {
            self.tasks
                .get(&t.id)
                .and_then(|r| r.title.winner())
                .map(|h| (h.recorded_at, h.event))
        };
        // Overdue tasks come first among the open ones by their due time alone.
        crate::order::sort_by(&mut tasks, |a, b| {
            (a.state, a.due.is_none(), a.due, created(a)).cmp(&(
                b.state,
                b.due.is_none(),
                b.due,
                created(b),
            ))
        });
        tasks
    }

    /// How many tasks are open, and how many of those are overdue at `now`.
    pub fn open_counts(&self, now: DateTime<Utc>) -> (usize, usize) {
        self.views()
            .filter(|t| t.state == TaskState::Open)
            .fold((0, 0), |(open, overdue), t| {
                (open + 1, overdue + usize::from(t.is_overdue(now)))
            })
    }

    /// Every task with a title and a state, in id order (unsorted: counts need no order).
    fn views(&self) -> impl Iterator<Item = Task<'_>> {
        self.tasks.iter().filter_map(|(id, record)| {
            let state_head = record.state.winner()?;
            Some(Task {
                id,
                title: record.title.value()?.as_str(),
                owner: record.owner.value().and_then(|o| o.as_deref()),
                due: record.due.value().copied().flatten(),
                state: state_head.value,
                origin: record.origin.as_ref(),
                state_head,
            })
        })
    }

    /// Whether a task with this id exists.
    pub fn contains(&self, task: Uuid) -> bool {
        self.tasks.get(&task).is_some()
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        self.tasks
            .iter()
            .flat_map(|(id, r)| {
                [
                    (Topic::Task(id, TaskField::Title), &r.title as &dyn Slot),
                    (Topic::Task(id, TaskField::Owner), &r.owner as &dyn Slot),
                    (Topic::Task(id, TaskField::Due), &r.due as &dyn Slot),
                    (Topic::Task(id, TaskField::State), &r.state as &dyn Slot),
                ]
            })
            .collect()
    }

    /// The register of one field of one task.
    pub fn slot(&self, task: Uuid, field: TaskField) -> Option<&dyn Slot> {
        let r = self.tasks.get(&task)?;
        Some(match field {
            TaskField::Title => &r.title,
            TaskField::Owner => &r.owner,
            TaskField::Due => &r.due,
            TaskField::State => &r.state,
        })
    }
}

/// The fold step.
pub fn apply(state: &mut TasksState, stamp: &Stamp<'_>, event: &TaskEvent) {
    match event {
        TaskEvent::Created {
            task,
            title,
            owner,
            due,
            origin,
        } => {
            let record = state.tasks.entry(*task);
            record.title.write(stamp, title.clone());
            record.owner.write(stamp, owner.clone());
            record.due.write(stamp, *due);
            record.state.write(stamp, TaskState::Open);
            if record.origin.is_none() {
                record.origin = origin.clone();
            }
        }
        TaskEvent::Retitled { task, title } => {
            state.tasks.entry(*task).title.write(stamp, title.clone())
        }
        TaskEvent::Assigned { task, owner } => {
            state.tasks.entry(*task).owner.write(stamp, owner.clone())
        }
        TaskEvent::Dated { task, due } => state.tasks.entry(*task).due.write(stamp, *due),
        TaskEvent::StateSet { task, state: to } => state.tasks.entry(*task).state.write(stamp, *to),
    }
}

/// A new task, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTask {
    /// What to do.
    pub title: String,
    /// Who does it (blank: nobody yet).
    pub owner: String,
    /// By when.
    pub due: Option<DateTime<Utc>>,
}

/// A change to an incident's tasks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskCommand {
    /// Add a task.
    Add(NewTask),
    /// Change a task's title.
    Retitle(Uuid, String),
    /// Give a task to someone (blank: nobody).
    Assign(Uuid, String),
    /// Set or remove a task's due time.
    Date(Uuid, Option<DateTime<Utc>>),
    /// Mark a task done, cancelled, or open again.
    Set(Uuid, TaskState),
    /// Make tasks of playbook items (each item's origin and title); items already made are
    /// skipped.
    FromPlaybook(Vec<(Origin, String)>),
}

/// The id of the task made from `item` of `playbook` on `incident`: the same in every copy.
pub fn playbook_task_id(incident: Uuid, origin: &Origin) -> Uuid {
    let name = format!("playbook\u{1f}{}\u{1f}{}", origin.playbook, origin.item);
    Uuid::new_v5(&incident, name.as_bytes())
}

/// The tasks a playbook's items make that the incident does not have yet.
fn from_playbook(
    incident: &Incident,
    items: &[(Origin, String)],
    ctx: &CommandContext,
) -> Result<Vec<Event>, CommandError> {
    let tasks = &incident.parts().tasks;
    let mut events = Vec::new();
    for (origin, title) in items {
        check_text(Input::TaskTitle, title, MAX_TITLE, true)?;
        let task = playbook_task_id(incident.id(), origin);
        if tasks.contains(task) || events.iter().any(|e: &Event| made(e) == Some(task)) {
            continue;
        }
        let mut event = ctx.event(Change::Tasks(TaskEvent::Created {
            task,
            title: title.trim().to_string(),
            owner: None,
            due: None,
            origin: Some(origin.clone()),
        }));
        // Written in the playbook's order, a microsecond apart, so lists keep that order.
        let step = chrono::TimeDelta::microseconds(i64::try_from(events.len()).unwrap_or(0));
        event.recorded_at += step;
        event.at += step;
        events.push(event);
    }
    Ok(events)
}

fn made(event: &Event) -> Option<Uuid> {
    match &event.change {
        Change::Tasks(TaskEvent::Created { task, .. }) => Some(*task),
        _ => None,
    }
}

fn owner_of(text: &str) -> Result<Option<String>, CommandError> {
    check_text(Input::Name, text, MAX_NAME, false)?;
    let owner = text.trim();
    Ok((!owner.is_empty()).then(|| owner.to_string()))
}

impl TaskCommand {
    /// The task events, or nothing when nothing would change.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let tasks = &incident.parts().tasks;
        let known = |task: Uuid| {
            if tasks.contains(task) {
                Ok(())
            } else {
                Err(CommandError::NoSuchTask)
            }
        };
        // One write of one field, skipped when it holds that value already without a conflict.
        let set = |task: Uuid, field: TaskField, same: bool, event: TaskEvent| {
            let topic = Topic::Task(task, field);
            if same && incident.conflicts(topic).is_empty() {
                Vec::new()
            } else {
                vec![ctx.write(incident, topic, Change::Tasks(event))]
            }
        };
        let record = |task: Uuid| tasks.tasks.get(&task);
        match self {
            TaskCommand::Add(new) => {
                check_text(Input::TaskTitle, &new.title, MAX_TITLE, true)?;
                let owner = owner_of(&new.owner)?;
                let task = ctx.fresh_id();
                Ok(vec![ctx.event(Change::Tasks(TaskEvent::Created {
                    task,
                    title: new.title.trim().to_string(),
                    owner,
                    due: new.due,
                    origin: None,
                }))])
            }
            TaskCommand::Retitle(task, title) => {
                known(task)?;
                check_text(Input::TaskTitle, &title, MAX_TITLE, true)?;
                let title = title.trim().to_string();
                let same = record(task).and_then(|r| r.title.value()) == Some(&title);
                Ok(set(
                    task,
                    TaskField::Title,
                    same,
                    TaskEvent::Retitled { task, title },
                ))
            }
            TaskCommand::Assign(task, owner) => {
                known(task)?;
                let owner = owner_of(&owner)?;
                let same = record(task).and_then(|r| r.owner.value()) == Some(&owner);
                Ok(set(
                    task,
                    TaskField::Owner,
                    same,
                    TaskEvent::Assigned { task, owner },
                ))
            }
            TaskCommand::Date(task, due) => {
                known(task)?;
                let same = record(task).and_then(|r| r.due.value()) == Some(&due);
                Ok(set(
                    task,
                    TaskField::Due,
                    same,
                    TaskEvent::Dated { task, due },
                ))
            }
            TaskCommand::FromPlaybook(items) => from_playbook(incident, &items, ctx),
            TaskCommand::Set(task, state) => {
                known(task)?;
                let same = record(task).and_then(|r| r.state.value()) == Some(&state);
                Ok(set(
                    task,
                    TaskField::State,
                    same,
                    TaskEvent::StateSet { task, state },
                ))
            }
        }
    }
}
