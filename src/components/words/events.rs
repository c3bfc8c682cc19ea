//! What each event says in the timeline, and the value it gives a topic (for conflict marks).

use uuid::Uuid;

use super::{assessment, list, override_words, record_kind_label, role_label, topic_label, Label};
use crate::domain::assessment::AssessmentEvent;
use crate::domain::comms::CommsEvent;
use crate::domain::details::{DetailField, DetailsEvent};
use crate::domain::duties::{DutyEvent, DutyField, Outcome};
use crate::domain::identity::IdentityEvent;
use crate::domain::lifecycle::LifecycleEvent;
use crate::domain::links::{IncidentLink, LinkEvent, LinkKind, RecordKind, RecordRef};
use crate::domain::notes::NoteEvent;
use crate::domain::resolution::{ResolutionEvent, ResolutionKind};
use crate::domain::roles::{Expert, Role, RolesEvent};
use crate::domain::tasks::{TaskEvent, TaskField, TaskState};
use crate::domain::{Change, Declaration, Event, Incident, State, Topic};

/// The value a declaration gives a topic.
fn declared_value(d: &Declaration, topic: Topic) -> String {
    match topic {
        Topic::Reference => d.reference.clone(),
        Topic::Details(DetailField::Title) => d.title.clone(),
        Topic::Details(DetailField::Description) => d.description.clone(),
        Topic::Details(DetailField::Category) => d.category.label().to_string(),
        Topic::Details(DetailField::Services) => list(&d.services),
        Topic::Assessment => assessment(d.impact, d.urgency, d.priority),
        Topic::Override => override_words(d.priority_override.as_ref()),
        Topic::State => State::Reported.label().to_string(),
        Topic::Role(_)
        | Topic::Expert(_)
        | Topic::Task(..)
        | Topic::Resolution(_)
        | Topic::Link(_)
        | Topic::Record(_)
        | Topic::PublicTitle
        | Topic::Public
        | Topic::Duty(..)
        | Topic::ReviewSection(_)
        | Topic::ReviewStatus
        | Topic::ReviewStar(_)
        | Topic::ReviewWaiver
        | Topic::Action(..) => String::new(),
    }
}

fn expert_words(who: &Expert) -> String {
    format!("{} ({})", who.person, who.area)
}

/// The value an event gives a topic, in a few words (for conflict marks).
pub fn value_words(event: &Event, topic: Topic) -> String {
    match &event.change {
        Change::Declared(d) => declared_value(d, topic),
        Change::Identity(IdentityEvent::Renumbered { reference }) => reference.clone(),
        Change::Lifecycle(LifecycleEvent::StateChanged { to, .. }) => to.label().to_string(),
        Change::Details(DetailsEvent::Title(t) | DetailsEvent::Description(t)) => t.clone(),
        Change::Details(DetailsEvent::Category(c)) => c.label().to_string(),
        Change::Details(DetailsEvent::Services(s)) => list(s),
        Change::Assessment(AssessmentEvent::Assessed(a)) => {
            assessment(a.impact, a.urgency, a.priority)
        }
        Change::Assessment(AssessmentEvent::Overridden(o)) => override_words(Some(o)),
        Change::Assessment(AssessmentEvent::OverrideCleared) => override_words(None),
        Change::Roles(RolesEvent::Assigned { person, .. }) => person.clone(),
        Change::Roles(RolesEvent::Released { .. } | RolesEvent::ExpertReleased { .. }) => {
            "released".to_string()
        }
        Change::Roles(RolesEvent::ExpertAssigned { who, .. }) => expert_words(who),
        Change::Tasks(TaskEvent::Created {
            title, owner, due, ..
        }) => match topic {
            Topic::Task(_, TaskField::Owner) => owner_words(owner.as_deref()),
            Topic::Task(_, TaskField::Due) => due_words(*due),
            Topic::Task(_, TaskField::State) => task_state_label(TaskState::Open).to_string(),
            _ => title.clone(),
        },
        Change::Tasks(TaskEvent::Retitled { title, .. }) => title.clone(),
        Change::Tasks(TaskEvent::Assigned { owner, .. }) => owner_words(owner.as_deref()),
        Change::Tasks(TaskEvent::Dated { due, .. }) => due_words(*due),
        Change::Tasks(TaskEvent::StateSet { state, .. }) => task_state_label(*state).to_string(),
        Change::Resolution(r) => resolution_words(r),
        Change::Links(LinkEvent::Linked {
            kind, target_ref, ..
        }) => link_words(*kind, target_ref),
        Change::Links(LinkEvent::Referenced { kind, value, .. }) => {
            format!("{} {value}", record_words(*kind))
        }
        Change::Links(LinkEvent::Unlinked { .. } | LinkEvent::Unreferenced { .. }) => {
            "removed".to_string()
        }
        Change::Comms(CommsEvent::PublicTitle(t)) => t.clone(),
        Change::Comms(CommsEvent::Public(p)) => {
            if *p { "listed" } else { "not listed" }.to_string()
        }
        Change::Duties(DutyEvent::Settled { outcome, .. }) => super::comms::outcome_words(outcome),
        Change::Duties(DutyEvent::Started { from, .. }) => match topic {
            Topic::Duty(_, DutyField::Outcome) => super::comms::outcome_words(&Outcome::Open),
            _ => from.map_or_else(
                || "when the duty it follows is done".to_string(),
                |f| f.format("%Y-%m-%d %H:%M UTC").to_string(),
            ),
        },
        Change::Duties(DutyEvent::ClockSet { from, .. }) => {
            from.format("%Y-%m-%d %H:%M UTC").to_string()
        }
        Change::Review(_) | Change::Actions(_) => super::review::value_words(&event.change, topic),
        Change::Comms(CommsEvent::Posted { .. })
        | Change::Targets(_)
        | Change::Notes(_)
        | Change::Earlier(_)
        | Change::Unknown(_) => String::new(),
    }
}

/// A task's state as a page shows it.
pub fn task_state_label(state: TaskState) -> &'static str {
    match state {
        TaskState::Open => "Open",
        TaskState::Done => "Done",
        TaskState::Cancelled => "Cancelled",
    }
}

fn owner_words(owner: Option<&str>) -> String {
    owner.map_or_else(|| "nobody".to_string(), str::to_string)
}

fn due_words(due: Option<chrono::DateTime<chrono::Utc>>) -> String {
    due.map_or_else(
        || "no due time".to_string(),
        |due| format!("due {}", due.format("%Y-%m-%d %H:%M UTC")),
    )
}

/// The title of task `id`, as the latest write of it in the log says.
fn task_title(incident: &Incident, id: Uuid) -> String {
    incident
        .parts()
        .tasks
        .tasks
        .get(&id)
        .and_then(|t| t.title.value())
        .map_or_else(|| "a task".to_string(), |t| format!("“{t}”"))
}

fn describe_task(incident: &Incident, event: &TaskEvent) -> String {
    match event {
        TaskEvent::Created {
            title,
            owner,
            due,
            origin,
            ..
        } => {
            let mut line = format!("Task added: “{title}”");
            if let Some(owner) = owner {
                line.push_str(&format!(", for {owner}"));
            }
            if due.is_some() {
                line.push_str(&format!(", {}", due_words(*due)));
            }
            if let Some(origin) = origin {
                line.push_str(&format!(" (from playbook {})", origin.playbook));
            }
            line
        }
        TaskEvent::Retitled { title, .. } => format!("Task renamed: “{title}”"),
        TaskEvent::Assigned { task, owner } => match owner {
            Some(owner) => format!("Task {} given to {owner}", task_title(incident, *task)),
            None => format!("Task {} has no owner now", task_title(incident, *task)),
        },
        TaskEvent::Dated { task, due } => {
            format!("Task {}: {}", task_title(incident, *task), due_words(*due))
        }
        TaskEvent::StateSet { task, state } => {
            let title = task_title(incident, *task);
            match state {
                TaskState::Open => format!("Task {title} reopened"),
                TaskState::Done => format!("Task {title} done"),
                TaskState::Cancelled => format!("Task {title} cancelled"),
            }
        }
    }
}

/// A resolution record in one line.
fn resolution_words(event: &ResolutionEvent) -> String {
    let ResolutionEvent::Recorded {
        kind,
        escalated_to,
        summary,
        ..
    } = event;
    match (kind, escalated_to) {
        (ResolutionKind::Fix, _) => format!("Resolved by a fix: {summary}"),
        (ResolutionKind::Workaround, _) => format!("Resolved by a workaround: {summary}"),
        (ResolutionKind::Escalation, Some(who)) => {
            format!("Resolved by escalation to {who}: {summary}")
        }
        (ResolutionKind::Escalation, None) => format!("Resolved by escalation: {summary}"),
    }
}

/// A link in a few words, lower case: "duplicate of INC-0042".
fn link_words(kind: LinkKind, target_ref: &str) -> String {
    match kind {
        LinkKind::DuplicateOf => format!("duplicate of {target_ref}"),
        LinkKind::CausedBy => format!("caused by {target_ref}"),
        LinkKind::RelatedTo => format!("related to {target_ref}"),
    }
}

/// A kind of record kept elsewhere, lower case.
fn record_words(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Problem => "problem record",
        RecordKind::Change => "change record",
    }
}

/// The link last written under `id`, as the latest link event for it in the log says.
fn link_named(incident: &Incident, id: Uuid) -> Option<IncidentLink> {
    incident
        .events()
        .iter()
        .rev()
        .find_map(|e| match &e.change {
            Change::Links(LinkEvent::Linked {
                link,
                kind,
                target,
                target_ref,
            }) if *link == id => Some(IncidentLink {
                kind: *kind,
                target: *target,
                target_ref: target_ref.clone(),
            }),
            _ => None,
        })
}

/// The reference last written under `id`, as the latest reference event for it in the log says.
fn reference_named(incident: &Incident, id: Uuid) -> Option<RecordRef> {
    incident
        .events()
        .iter()
        .rev()
        .find_map(|e| match &e.change {
            Change::Links(LinkEvent::Referenced {
                reference,
                kind,
                value,
            }) if *reference == id => Some(RecordRef {
                kind: *kind,
                value: value.clone(),
            }),
            _ => None,
        })
}

fn describe_link(incident: &Incident, event: &LinkEvent) -> String {
    match event {
        LinkEvent::Linked {
            kind: LinkKind::DuplicateOf,
            target_ref,
            ..
        } => format!("Linked as duplicate of {target_ref}"),
        LinkEvent::Linked {
            kind, target_ref, ..
        } => format!("Linked: {}", link_words(*kind, target_ref)),
        LinkEvent::Unlinked { link } => match link_named(incident, *link) {
            Some(l) => format!("Link removed: {}", link_words(l.kind, &l.target_ref)),
            None => "A link was removed".to_string(),
        },
        LinkEvent::Referenced { kind, value, .. } => {
            format!("{} referenced: {value}", record_kind_label(*kind))
        }
        LinkEvent::Unreferenced { reference } => match reference_named(incident, *reference) {
            Some(r) => format!(
                "{} reference removed: {}",
                record_kind_label(r.kind),
                r.value
            ),
            None => "A record reference was removed".to_string(),
        },
    }
}

/// The expert added under `id`, as the latest entry for them in the log says.
fn expert_named(incident: &Incident, id: Uuid) -> Option<&Expert> {
    incident
        .events()
        .iter()
        .rev()
        .find_map(|e| match &e.change {
            Change::Roles(RolesEvent::ExpertAssigned { expert, who }) if *expert == id => Some(who),
            _ => None,
        })
}

fn assigned(role: Role, person: &str, from: Option<&str>) -> String {
    match (role, from) {
        (Role::Commander, Some(from)) => format!("Command handed from {from} to {person}"),
        (role, Some(from)) => format!("{} handed from {from} to {person}", role_label(role)),
        (role, None) => format!("{}: {person}", role_label(role)),
    }
}

fn released(role: Role, from: Option<&str>) -> String {
    let role = topic_label(Topic::Role(role));
    match from {
        Some(from) => format!("{from} stepped down as {role}; the role is vacant"),
        None => format!("The {role} role was left vacant"),
    }
}

/// One line describing an event of `incident` for the timeline.
pub fn describe(incident: &Incident, event: &Event) -> String {
    match &event.change {
        Change::Declared(_) => "Declared the incident".to_string(),
        Change::Notes(NoteEvent::Added { text }) => text.clone(),
        Change::Lifecycle(LifecycleEvent::StateChanged { from, to }) => {
            format!("State: {} → {}", from.label(), to.label())
        }
        Change::Details(DetailsEvent::Title(t)) => format!("Title: “{t}”"),
        Change::Details(DetailsEvent::Description(t)) => format!("Description: “{t}”"),
        Change::Details(DetailsEvent::Category(c)) => format!("Category: {}", c.label()),
        Change::Details(DetailsEvent::Services(s)) => format!("Services: {}", list(s)),
        Change::Assessment(AssessmentEvent::Assessed(a)) => {
            format!("Assessed: {}", assessment(a.impact, a.urgency, a.priority))
        }
        Change::Assessment(AssessmentEvent::Overridden(o)) => format!(
            "Priority overridden: {} (reason: {})",
            o.priority.as_str(),
            o.reason
        ),
        Change::Assessment(AssessmentEvent::OverrideCleared) => {
            "Priority override cleared; the assessed priority applies".into()
        }
        Change::Roles(RolesEvent::Assigned { role, person, from }) => {
            assigned(*role, person, from.as_deref())
        }
        Change::Roles(RolesEvent::Released { role, from }) => released(*role, from.as_deref()),
        Change::Roles(RolesEvent::ExpertAssigned { who, .. }) => {
            format!("Subject expert added: {}", expert_words(who))
        }
        Change::Roles(RolesEvent::ExpertReleased { expert }) => {
            match expert_named(incident, *expert) {
                Some(who) => format!("Subject expert released: {}", expert_words(who)),
                None => "A subject expert was released".to_string(),
            }
        }
        Change::Tasks(t) => describe_task(incident, t),
        Change::Resolution(r) => resolution_words(r),
        Change::Links(l) => describe_link(incident, l),
        Change::Comms(c) => super::comms::describe_comms(incident, c),
        Change::Targets(t) => super::comms::describe_target(t),
        Change::Duties(d) => super::comms::describe_duty(incident, d),
        Change::Review(r) => super::review::describe_review(incident, r),
        Change::Actions(a) => super::review::describe_action(incident, a),
        Change::Identity(IdentityEvent::Renumbered { reference }) => {
            format!("Reference changed to {reference}")
        }
        Change::Earlier(e) => match &e.reason {
            Some(reason) => format!("{}: “{}” → “{}” (reason: {reason})", e.field, e.from, e.to),
            None => format!("{}: “{}” → “{}”", e.field, e.from, e.to),
        },
        Change::Unknown(u) => format!(
            "An entry written by a newer version of Sitrep ({}); it is kept as it is",
            u.kind
        ),
    }
}
