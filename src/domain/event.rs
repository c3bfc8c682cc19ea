//! Events: the log every incident is made of. Each command a person gives writes one or more,
//! and each event belongs to one part of the incident.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::actions::ActionEvent;
use super::assessment::AssessmentEvent;
use super::comms::CommsEvent;
use super::details::DetailsEvent;
use super::duties::DutyEvent;
use super::identity::IdentityEvent;
use super::lifecycle::LifecycleEvent;
use super::links::LinkEvent;
use super::notes::NoteEvent;
use super::register::Stamp;
use super::resolution::ResolutionEvent;
use super::review::ReviewEvent;
use super::roles::RolesEvent;
use super::targets::TargetEvent;
use super::tasks::TaskEvent;
use super::Declaration;

/// One thing that was written about an incident. Events are never edited once written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    /// Fresh identity; copies of the incident are merged by it.
    pub id: Uuid,
    /// When it was written down; the fold applies events in (`recorded_at`, `id`) order.
    pub recorded_at: DateTime<Utc>,
    /// When it happened, by its writer's clock (a note may be backdated); never rewritten.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub actor: String,
    /// Writes to the same register this one replaces: the value its writer saw, and any conflict it settles.
    pub supersedes: Vec<Uuid>,
    /// What changed.
    pub change: Change,
}

/// What an event records, by part, as typed values; words for people are made by the UI.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The incident was declared with these fields.
    Declared(Box<Declaration>),
    /// The reference changed.
    Identity(IdentityEvent),
    /// The lifecycle state changed.
    Lifecycle(LifecycleEvent),
    /// A descriptive field was set.
    Details(DetailsEvent),
    /// Impact and urgency were assessed, or the priority set by hand.
    Assessment(AssessmentEvent),
    /// A role was given, handed over or released.
    Roles(RolesEvent),
    /// A task was added or changed.
    Tasks(TaskEvent),
    /// How the incident was resolved was recorded.
    Resolution(ResolutionEvent),
    /// A link to another incident, or a reference to a record kept elsewhere, was added or removed.
    Links(LinkEvent),
    /// An update was posted, or what customers see was changed.
    Comms(CommsEvent),
    /// A response target was seen breached.
    Targets(TargetEvent),
    /// A notification duty was started, re-dated, done or waived.
    Duties(DutyEvent),
    /// The post-incident review was written, starred, moved on, or waived.
    Review(ReviewEvent),
    /// A follow-up action was added or changed.
    Actions(ActionEvent),
    /// A note was added.
    Notes(NoteEvent),
    /// A change written by format version 1, kept as it was written; it sets nothing.
    Earlier(Box<Earlier>),
    /// An event of a kind this build does not know (a newer Sitrep wrote it): kept verbatim,
    /// written back as it came, and folded to nothing.
    Unknown(Box<Unknown>),
}

/// A change as format version 1 wrote it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Earlier {
    /// The field as version 1 named it.
    pub field: String,
    /// Old value as version 1 wrote it.
    pub from: String,
    /// New value as version 1 wrote it.
    pub to: String,
    /// The reason version 1 gave, if any.
    pub reason: Option<String>,
}

/// An event's change of a kind this build does not know, exactly as it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    /// The kind's name as written (the change's key).
    pub kind: String,
    /// The whole change as written, kind included.
    pub raw: serde_json::Value,
}

impl PartialOrd for Unknown {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Unknown {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (&self.kind, self.raw.to_string()).cmp(&(&other.kind, other.raw.to_string()))
    }
}

impl Event {
    /// Ordering key of the fold: when written, then id, so every copy applies events alike.
    pub fn fold_key(&self) -> (DateTime<Utc>, Uuid) {
        (self.recorded_at, self.id)
    }

    /// Ordering key of the timeline people read: when it happened, then when written, then id.
    pub fn timeline_key(&self) -> (DateTime<Utc>, DateTime<Utc>, Uuid) {
        (self.at, self.recorded_at, self.id)
    }

    /// What a register needs to know of this event.
    pub fn stamp(&self) -> Stamp<'_> {
        Stamp {
            id: self.id,
            recorded_at: self.recorded_at,
            at: self.at,
            actor: &self.actor,
            supersedes: &self.supersedes,
        }
    }
}

/// An incident's events, always in fold order (`recorded_at`, then id, then content) and each
/// once. Two events that share an id but differ are both kept: a damaged or hand-made copy is
/// shown as a conflict, never settled by a silent pick.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log(Vec<Event>);

impl Log {
    /// A log of these events, put in fold order, each once.
    pub fn new(mut events: Vec<Event>) -> Log {
        crate::order::sort_by(&mut events, |a, b| {
            a.fold_key().cmp(&b.fold_key()).then_with(|| a.cmp(b))
        });
        events.dedup();
        Log(events)
    }

    /// Every event in `a` or `b`; events are immutable, so an event in both is one event.
    pub fn union(a: &Log, b: &Log) -> Log {
        Log::added(a, b).unwrap_or_else(|| a.clone())
    }

    /// The union of `a` and `b` when `b` holds an event `a` lacks; `None` when it adds nothing.
    pub fn added(a: &Log, b: &Log) -> Option<Log> {
        if b.0.iter().all(|e| a.holds(e)) {
            return None;
        }
        Some(Log::new(a.0.iter().chain(b.0.iter()).cloned().collect()))
    }

    /// Whether this very event (same id, same content) is in the log.
    fn holds(&self, event: &Event) -> bool {
        let key = event.fold_key();
        let start = self.0.partition_point(|e| e.fold_key() < key);
        self.0
            .iter()
            .skip(start)
            .take_while(|e| e.fold_key() == key)
            .any(|e| e == event)
    }

    /// The log with these events added.
    pub fn with(&self, events: Vec<Event>) -> Log {
        let added = Log::new(events);
        Log::union(self, &added)
    }

    /// The events in fold order.
    pub fn events(&self) -> &[Event] {
        &self.0
    }

    /// Whether an event with this id is in the log.
    pub fn contains(&self, id: Uuid) -> bool {
        self.0.iter().any(|e| e.id == id)
    }
}
