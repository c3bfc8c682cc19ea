//! Events: the log every incident is made of. Each command a person gives writes one or more.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{Category, IncidentKind, Level, Priority, PriorityOverride, State};

/// One thing that was written about an incident. Events are never edited once written.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Event {
    /// Fresh identity; copies of the incident are merged by it.
    pub id: Uuid,
    /// When it was written down; the fold applies events in (`recorded_at`, `id`) order.
    pub recorded_at: DateTime<Utc>,
    /// When it happened (a note may be backdated); equal to `recorded_at` otherwise.
    pub at: DateTime<Utc>,
    /// Who wrote it.
    pub actor: String,
    /// Writes to the same field this one replaces: the value its writer saw, and any conflict it settles.
    pub supersedes: Vec<Uuid>,
    /// What changed.
    pub change: Change,
}

/// What an event records, as typed values; words for people are made by the UI.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// The incident was declared with these fields.
    Declared(Box<Declaration>),
    /// The lifecycle state changed.
    StateChanged {
        /// State the writer saw.
        from: State,
        /// New state.
        to: State,
    },
    /// A descriptive field was set.
    DetailSet(Detail),
    /// Impact and urgency were assessed, giving this priority.
    Assessed {
        /// How bad.
        impact: Level,
        /// How fast it worsens.
        urgency: Level,
        /// The priority the matrix gave when it was assessed.
        priority: Priority,
    },
    /// The priority was set by hand.
    PriorityOverridden(PriorityOverride),
    /// The hand-set priority was dropped; the assessed one applies again.
    OverrideCleared,
    /// Command given or handed over.
    CommanderSet {
        /// The new incident commander.
        name: String,
    },
    /// A free-text note.
    NoteAdded {
        /// The note.
        text: String,
    },
    /// The incident was given another human reference (its old one names another incident here).
    Renumbered {
        /// The new reference.
        reference: String,
    },
    /// A change written by format version 1, kept as it was written; it sets no field.
    Earlier {
        /// The field as version 1 named it.
        field: String,
        /// Old value as version 1 wrote it.
        from: String,
        /// New value as version 1 wrote it.
        to: String,
        /// The reason version 1 gave, if any.
        reason: Option<String>,
    },
}

/// The fields a declaration sets.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Declaration {
    /// Human reference, e.g. `INC-0042`.
    pub reference: String,
    /// References the incident carried before (only files of format version 1 have any).
    pub aliases: Vec<String>,
    /// Real or drill.
    pub kind: IncidentKind,
    /// Short title.
    pub title: String,
    /// What is seen.
    pub description: String,
    /// Area.
    pub category: Category,
    /// Affected services.
    pub services: Vec<String>,
    /// How bad.
    pub impact: Level,
    /// How fast it worsens.
    pub urgency: Level,
    /// The priority the matrix gave.
    pub priority: Priority,
    /// Hand-set priority, if any.
    pub priority_override: Option<PriorityOverride>,
    /// Who reported it.
    pub reported_by: String,
    /// When impact started.
    pub impact_started_at: DateTime<Utc>,
    /// When it was noticed.
    pub detected_at: DateTime<Utc>,
}

/// One descriptive field with its new value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Detail {
    /// Short title.
    Title(String),
    /// What is seen.
    Description(String),
    /// Area.
    Category(Category),
    /// Affected services.
    Services(Vec<String>),
}

/// A field of the incident that events write; the latest write wins, concurrent ones are kept as conflicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// Human reference.
    Reference,
    /// Short title.
    Title,
    /// What is seen.
    Description,
    /// Area.
    Category,
    /// Affected services.
    Services,
    /// Impact, urgency and the priority they gave.
    Assessment,
    /// Hand-set priority.
    Override,
    /// Lifecycle state.
    State,
    /// Incident commander.
    Commander,
}

impl Field {
    /// Every field, in the order a page shows them.
    pub const ALL: [Field; 9] = [
        Field::Reference,
        Field::Title,
        Field::Description,
        Field::Category,
        Field::Services,
        Field::Assessment,
        Field::Override,
        Field::State,
        Field::Commander,
    ];
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

    /// The fields this event writes (a declaration writes all of them).
    pub fn fields(&self) -> &'static [Field] {
        match &self.change {
            Change::Declared(_) => &[
                Field::Reference,
                Field::Title,
                Field::Description,
                Field::Category,
                Field::Services,
                Field::Assessment,
                Field::Override,
                Field::State,
            ],
            Change::StateChanged { .. } => &[Field::State],
            Change::DetailSet(Detail::Title(_)) => &[Field::Title],
            Change::DetailSet(Detail::Description(_)) => &[Field::Description],
            Change::DetailSet(Detail::Category(_)) => &[Field::Category],
            Change::DetailSet(Detail::Services(_)) => &[Field::Services],
            Change::Assessed { .. } => &[Field::Assessment],
            Change::PriorityOverridden(_) | Change::OverrideCleared => &[Field::Override],
            Change::CommanderSet { .. } => &[Field::Commander],
            Change::Renumbered { .. } => &[Field::Reference],
            Change::NoteAdded { .. } | Change::Earlier { .. } => &[],
        }
    }
}

/// An incident's events, always in fold order (`recorded_at`, then id) and with unique ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Log(Vec<Event>);

impl Log {
    /// A log of these events, put in fold order; of two events with one id the greater is kept.
    pub fn new(mut events: Vec<Event>) -> Log {
        events.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| b.cmp(a)));
        events.dedup_by_key(|e| e.id);
        events.sort_by_key(Event::fold_key);
        Log(events)
    }

    /// Every event in `a` or `b`; events are immutable, so a shared id is one event.
    pub fn union(a: &Log, b: &Log) -> Log {
        Log::added(a, b).unwrap_or_else(|| a.clone())
    }

    /// The union of `a` and `b` when `b` holds an event `a` lacks; `None` when it adds nothing.
    pub fn added(a: &Log, b: &Log) -> Option<Log> {
        let known = |e: &Event| {
            a.0.binary_search_by_key(&e.fold_key(), Event::fold_key)
                .is_ok_and(|i| a.0[i] == *e)
        };
        if b.0.iter().all(known) {
            return None;
        }
        Some(Log::new(a.0.iter().chain(b.0.iter()).cloned().collect()))
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
