//! The incident: its log of events, and the fields that are a pure fold of that log.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::event::{Change, Declaration, Detail, Event, Field, Log};
use super::{Level, Priority, State};

/// Whether an incident is real or part of an exercise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum IncidentKind {
    /// A real incident.
    #[default]
    Real,
    /// A drill or tabletop exercise.
    Drill,
}

impl IncidentKind {
    /// Both kinds.
    pub const ALL: [IncidentKind; 2] = [IncidentKind::Real, IncidentKind::Drill];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            IncidentKind::Real => "real",
            IncidentKind::Drill => "drill",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<IncidentKind> {
        IncidentKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// What area an incident belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Servers, hosting, platforms.
    Infrastructure,
    /// The software itself.
    Application,
    /// Connectivity.
    Network,
    /// Breach, attack, exposure.
    Security,
    /// Loss or corruption of data.
    Data,
    /// A supplier's problem.
    ThirdParty,
    /// Anything else.
    Other,
}

impl Category {
    /// Every category in menu order.
    pub const ALL: [Category; 7] = [
        Category::Infrastructure,
        Category::Application,
        Category::Network,
        Category::Security,
        Category::Data,
        Category::ThirdParty,
        Category::Other,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Infrastructure => "infrastructure",
            Category::Application => "application",
            Category::Network => "network",
            Category::Security => "security",
            Category::Data => "data",
            Category::ThirdParty => "third_party",
            Category::Other => "other",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// Name shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Category::Infrastructure => "Infrastructure",
            Category::Application => "Application",
            Category::Network => "Network",
            Category::Security => "Security",
            Category::Data => "Data",
            Category::ThirdParty => "Third party",
            Category::Other => "Other",
        }
    }
}

/// A priority set by hand, with the reason that was logged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PriorityOverride {
    /// The priority chosen.
    pub priority: Priority,
    /// Why the matrix was overridden.
    pub reason: String,
}

/// First-entry stamps of lifecycle states; metrics are computed from these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Milestones {
    /// First entry into triaged.
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// First entry into contained.
    pub contained_at: Option<DateTime<Utc>>,
    /// First entry into resolved.
    pub resolved_at: Option<DateTime<Utc>>,
    /// First entry into closed.
    pub closed_at: Option<DateTime<Utc>>,
    /// First entry into cancelled.
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Milestones {
    /// Keeps the earliest stamp of entering `state`.
    fn stamp(&mut self, state: State, at: DateTime<Utc>) {
        let slot = match state {
            State::Triaged => &mut self.acknowledged_at,
            State::Contained => &mut self.contained_at,
            State::Resolved => &mut self.resolved_at,
            State::Closed => &mut self.closed_at,
            State::Cancelled => &mut self.cancelled_at,
            State::Reported | State::Investigating => return,
        };
        *slot = Some(slot.map_or(at, |earlier| earlier.min(at)));
    }
}

/// A write to a field that lost to a concurrent one: kept in the log and shown beside the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Conflict {
    /// The losing event.
    pub event: Uuid,
    /// Who wrote it.
    pub actor: String,
    /// When it was written.
    pub recorded_at: DateTime<Utc>,
}

/// The last write to a field and the concurrent writes it won against.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Writers {
    winner: Uuid,
    conflicts: Vec<Conflict>,
}

/// An incident's current fields: the fold of its events.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// Human reference, e.g. `INC-0042`.
    pub reference: String,
    /// Earlier references this incident carried.
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
    /// The priority the matrix gave at the last assessment.
    pub assessed_priority: Priority,
    /// Hand-set priority, if any.
    pub priority_override: Option<PriorityOverride>,
    /// Lifecycle state.
    pub state: State,
    /// Who reported it.
    pub reported_by: String,
    /// Current incident commander.
    pub commander: Option<String>,
    /// When impact started (set by people).
    pub impact_started_at: DateTime<Utc>,
    /// When it was noticed (set by people).
    pub detected_at: DateTime<Utc>,
    /// When it was declared.
    pub created_at: DateTime<Utc>,
    /// When the latest event was written.
    pub updated_at: DateTime<Utc>,
    /// Lifecycle stamps.
    pub milestones: Milestones,
    writers: BTreeMap<Field, Writers>,
}

/// Why a log cannot be folded into an incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FoldError {
    /// No event declares the incident.
    #[error("no declared event")]
    NotDeclared,
}

/// An incident: the set of its events, and the fields folded from them.
#[derive(Debug, Clone)]
pub struct Incident {
    id: Uuid,
    log: Log,
    view: View,
    extra: serde_json::Map<String, serde_json::Value>,
}

impl PartialEq for Incident {
    fn eq(&self, other: &Self) -> bool {
        // The view is a function of the log, so it need not be compared.
        self.id == other.id && self.log == other.log && self.extra == other.extra
    }
}

impl std::ops::Deref for Incident {
    type Target = View;
    fn deref(&self) -> &View {
        &self.view
    }
}

impl Incident {
    /// The incident these events make; fails only when none of them declares it.
    pub fn from_log(
        id: Uuid,
        log: Log,
        extra: serde_json::Map<String, serde_json::Value>,
    ) -> Result<Incident, FoldError> {
        let view = fold(&log).ok_or(FoldError::NotDeclared)?;
        Ok(Incident {
            id,
            log,
            view,
            extra,
        })
    }

    /// Stable identity across copies and files.
    pub fn id(&self) -> Uuid {
        self.id
    }

    /// The log, in fold order.
    pub fn log(&self) -> &Log {
        &self.log
    }

    /// The events, in fold order.
    pub fn events(&self) -> &[Event] {
        self.log.events()
    }

    /// Fields written by a newer Sitrep, kept so that nothing is lost.
    pub fn extra(&self) -> &serde_json::Map<String, serde_json::Value> {
        &self.extra
    }

    /// This incident with events written by someone who saw it as it is. Each is stamped after
    /// every event here (a millisecond after the latest, if the writer's clock says otherwise),
    /// so a write always follows what its writer saw, whatever the clocks.
    pub fn with_events(&self, mut events: Vec<Event>) -> Incident {
        let floor = self.view.updated_at + chrono::TimeDelta::milliseconds(1);
        for event in &mut events {
            if event.recorded_at < floor {
                if event.at == event.recorded_at {
                    event.at = floor;
                }
                event.recorded_at = floor;
            }
        }
        self.with_log(self.log.with(events))
    }

    fn with_log(&self, log: Log) -> Incident {
        // The log keeps this incident's declaration, so the fold cannot fail; stay unchanged if it did.
        match fold(&log) {
            Some(view) => Incident {
                id: self.id,
                log,
                view,
                extra: self.extra.clone(),
            },
            None => self.clone(),
        }
    }

    /// Two copies of one incident joined: the union of their events, folded. Commutative,
    /// associative and idempotent; fields from a newer Sitrep are joined key by key.
    pub fn merge(a: &Incident, b: &Incident) -> Incident {
        // Re-importing a file mostly meets copies that add nothing: no fold needed then.
        let mut merged = match Log::added(&a.log, &b.log) {
            Some(log) => a.with_log(log),
            None => a.clone(),
        };
        for (key, theirs) in &b.extra {
            match merged.extra.get(key) {
                Some(ours) if value_key(ours) >= value_key(theirs) => {}
                _ => {
                    merged.extra.insert(key.clone(), theirs.clone());
                }
            }
        }
        merged
    }

    /// The priority in force: the override if set, else the assessed one.
    pub fn priority(&self) -> Priority {
        self.view
            .priority_override
            .as_ref()
            .map_or(self.view.assessed_priority, |o| o.priority)
    }

    /// The numeric part of the reference, if it has the usual shape.
    pub fn reference_number(&self) -> Option<u32> {
        reference_number(&self.view.reference)
    }

    /// Writes to `field` that lost to a concurrent write and have not been settled since.
    pub fn conflicts(&self, field: Field) -> &[Conflict] {
        self.view
            .writers
            .get(&field)
            .map_or(&[], |w| w.conflicts.as_slice())
    }

    /// The writes a new write to `field` replaces: the current value and any conflicting ones.
    pub fn supersedable(&self, field: Field) -> Vec<Uuid> {
        self.view.writers.get(&field).map_or(Vec::new(), |w| {
            std::iter::once(w.winner)
                .chain(w.conflicts.iter().map(|c| c.event))
                .collect()
        })
    }

    /// The event with this id.
    pub fn event(&self, id: Uuid) -> Option<&Event> {
        self.log.events().iter().find(|e| e.id == id)
    }
}

fn value_key(value: &serde_json::Value) -> String {
    value.to_string()
}

/// A field's value as one event writes it, for telling real conflicts from equal writes.
#[derive(PartialEq)]
enum Value<'a> {
    Text(&'a str),
    Category(super::Category),
    Services(&'a [String]),
    Assessment(Level, Level, Priority),
    Override(Option<&'a PriorityOverride>),
    State(State),
}

fn written_value(event: &Event, field: Field) -> Option<Value<'_>> {
    Some(match (&event.change, field) {
        (Change::Declared(d), Field::Reference) => Value::Text(&d.reference),
        (Change::Declared(d), Field::Title) => Value::Text(&d.title),
        (Change::Declared(d), Field::Description) => Value::Text(&d.description),
        (Change::Declared(d), Field::Category) => Value::Category(d.category),
        (Change::Declared(d), Field::Services) => Value::Services(&d.services),
        (Change::Declared(d), Field::Assessment) => {
            Value::Assessment(d.impact, d.urgency, d.priority)
        }
        (Change::Declared(d), Field::Override) => Value::Override(d.priority_override.as_ref()),
        (Change::Declared(_), Field::State) => Value::State(State::Reported),
        (Change::StateChanged { to, .. }, _) => Value::State(*to),
        (Change::DetailSet(Detail::Title(t)), _) => Value::Text(t),
        (Change::DetailSet(Detail::Description(t)), _) => Value::Text(t),
        (Change::DetailSet(Detail::Category(c)), _) => Value::Category(*c),
        (Change::DetailSet(Detail::Services(s)), _) => Value::Services(s),
        (
            Change::Assessed {
                impact,
                urgency,
                priority,
            },
            _,
        ) => Value::Assessment(*impact, *urgency, *priority),
        (Change::PriorityOverridden(o), _) => Value::Override(Some(o)),
        (Change::OverrideCleared, _) => Value::Override(None),
        (Change::CommanderSet { name }, _) => Value::Text(name),
        (Change::Renumbered { reference }, _) => Value::Text(reference),
        _ => return None,
    })
}

/// The view from a declaration, before any event is applied.
fn declared_view(event: &Event, d: &Declaration) -> View {
    let mut view = View {
        reference: String::new(),
        aliases: Vec::new(),
        kind: d.kind,
        title: String::new(),
        description: String::new(),
        category: d.category,
        services: Vec::new(),
        impact: d.impact,
        urgency: d.urgency,
        assessed_priority: d.priority,
        priority_override: None,
        state: State::Reported,
        reported_by: String::new(),
        commander: None,
        impact_started_at: d.impact_started_at,
        detected_at: d.detected_at,
        created_at: event.recorded_at,
        updated_at: event.recorded_at,
        milestones: Milestones::default(),
        writers: BTreeMap::new(),
    };
    declare_fields(&mut view, d);
    view
}

/// The fields a declaration writes.
fn declare_fields(view: &mut View, d: &Declaration) {
    view.reference = d.reference.clone();
    view.kind = d.kind;
    view.title = d.title.clone();
    view.description = d.description.clone();
    view.category = d.category;
    view.services = d.services.clone();
    view.impact = d.impact;
    view.urgency = d.urgency;
    view.assessed_priority = d.priority;
    view.priority_override = d.priority_override.clone();
    view.state = State::Reported;
    view.reported_by = d.reported_by.clone();
    view.impact_started_at = d.impact_started_at;
    view.detected_at = d.detected_at;
}

/// Folds the log: for each field the last write in (`recorded_at`, id) order wins; milestones
/// keep the earliest stamp; concurrent writes that lost are listed as conflicts.
fn fold(log: &Log) -> Option<View> {
    let events = log.events();
    let (first, declaration) = events.iter().find_map(|e| match &e.change {
        Change::Declared(d) => Some((e, d)),
        _ => None,
    })?;
    let mut view = declared_view(first, declaration);
    let mut references: BTreeSet<&str> = BTreeSet::new();
    let mut writes: BTreeMap<Field, Vec<&Event>> = BTreeMap::new();
    for event in events {
        view.updated_at = view.updated_at.max(event.recorded_at);
        for field in event.fields() {
            writes.entry(*field).or_default().push(event);
        }
        match &event.change {
            Change::Declared(d) => {
                // The first declaration made the view; another (a damaged or hand-made file)
                // writes its fields at its place in the order, like any other write.
                if !std::ptr::eq(event, first) {
                    declare_fields(&mut view, d);
                }
                references.insert(&d.reference);
                references.extend(d.aliases.iter().map(String::as_str));
            }
            Change::StateChanged { to, .. } => {
                view.state = *to;
                view.milestones.stamp(*to, event.at);
            }
            Change::DetailSet(Detail::Title(t)) => view.title = t.clone(),
            Change::DetailSet(Detail::Description(t)) => view.description = t.clone(),
            Change::DetailSet(Detail::Category(c)) => view.category = *c,
            Change::DetailSet(Detail::Services(s)) => view.services = s.clone(),
            Change::Assessed {
                impact,
                urgency,
                priority,
            } => {
                view.impact = *impact;
                view.urgency = *urgency;
                view.assessed_priority = *priority;
            }
            Change::PriorityOverridden(o) => view.priority_override = Some(o.clone()),
            Change::OverrideCleared => view.priority_override = None,
            Change::CommanderSet { name } => view.commander = Some(name.clone()),
            Change::Renumbered { reference } => {
                view.reference = reference.clone();
                references.insert(reference);
            }
            Change::NoteAdded { .. } | Change::Earlier { .. } => {}
        }
    }
    references.remove(view.reference.as_str());
    view.aliases = references.into_iter().map(str::to_string).collect();
    for (field, list) in writes {
        if let Some(writers) = settle(field, &list) {
            view.writers.insert(field, writers);
        }
    }
    Some(view)
}

/// The winner of a field's writes (the last) and the writes it neither replaced nor equals.
fn settle(field: Field, writes: &[&Event]) -> Option<Writers> {
    let winner = *writes.last()?;
    let mut replaced: BTreeSet<Uuid> = BTreeSet::new();
    let mut stack = vec![winner];
    while let Some(event) = stack.pop() {
        for id in &event.supersedes {
            if replaced.insert(*id) {
                if let Some(earlier) = writes.iter().find(|e| e.id == *id) {
                    stack.push(earlier);
                }
            }
        }
    }
    let value = written_value(winner, field);
    let conflicts = writes
        .iter()
        .filter(|e| e.id != winner.id && !replaced.contains(&e.id))
        .filter(|e| written_value(e, field) != value)
        .map(|e| Conflict {
            event: e.id,
            actor: e.actor.clone(),
            recorded_at: e.recorded_at,
        })
        .collect();
    Some(Writers {
        winner: winner.id,
        conflicts,
    })
}

/// Parses `INC-0042` into 42.
pub fn reference_number(reference: &str) -> Option<u32> {
    reference.strip_prefix("INC-")?.parse().ok()
}

/// Formats 42 as `INC-0042`.
pub fn format_reference(number: u32) -> String {
    format!("INC-{number:04}")
}

/// What a person fills in to declare an incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Short title (required).
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
    /// Hand-set priority and reason, if the matrix is overridden.
    pub priority_override: Option<PriorityOverride>,
    /// When impact started.
    pub impact_started_at: DateTime<Utc>,
    /// Who reported it.
    pub reported_by: String,
    /// Real or drill.
    pub kind: IncidentKind,
}
