//! The file's own types (format version 2), with conversions from and to the domain.
//!
//! A change to a domain type cannot change the file silently: every name written here is spelled
//! out here. Each incident is written with its current fields, for people reading the file, and
//! its events; a reader takes only the events (and unknown fields) and folds the fields again.

use std::borrow::Cow;
use std::fmt;

use chrono::{DateTime, Utc};
use serde::de::{self, Deserializer, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::domain::{
    Category, Change, Declaration, Detail, Event, FoldError, Incident, IncidentKind, Level, Log,
    Milestones, Priority, PriorityOverride, State,
};

/// A domain enum written by its stable machine name.
pub trait Named: Copy + Sized {
    /// What the value is, for error messages.
    const WHAT: &'static str;
    /// The machine name.
    fn name(self) -> &'static str;
    /// The value of a machine name.
    fn from_name(name: &str) -> Option<Self>;
}

macro_rules! named {
    ($ty:ty, $what:literal) => {
        impl Named for $ty {
            const WHAT: &'static str = $what;
            fn name(self) -> &'static str {
                self.as_str()
            }
            fn from_name(name: &str) -> Option<Self> {
                <$ty>::parse(name)
            }
        }
    };
}

named!(State, "state");
named!(Level, "level");
named!(Priority, "priority");
named!(Category, "category");
named!(IncidentKind, "kind");

/// A [`Named`] value as it is written: its machine name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Name<T>(pub T);

impl<T: Named> Serialize for Name<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.name())
    }
}

impl<'de, T: Named> Deserialize<'de> for Name<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = Cow::<'de, str>::deserialize(deserializer)?;
        T::from_name(&name).map(Name).ok_or_else(|| {
            let shown: String = name.chars().take(40).collect();
            de::Error::custom(format!("not a known {} ({shown:?})", T::WHAT))
        })
    }
}

/// An RFC 3339 time; anything else is "not a date".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Time(pub DateTime<Utc>);

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TimeVisitor;
        impl Visitor<'_> for TimeVisitor {
            type Value = Time;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Time, E> {
                DateTime::parse_from_rfc3339(text)
                    .map(|t| Time(t.with_timezone(&Utc)))
                    .map_err(|_| E::custom("not a date"))
            }
        }
        deserializer.deserialize_str(TimeVisitor)
    }
}

/// One event as written.
#[derive(Debug, Serialize, Deserialize)]
pub struct WireEvent<'a> {
    id: Uuid,
    recorded_at: Time,
    /// Written only when it differs from `recorded_at` (a backdated note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    at: Option<Time>,
    actor: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    supersedes: Vec<Uuid>,
    change: WireChange<'a>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
enum WireChange<'a> {
    Declared(Box<WireDeclaration<'a>>),
    StateChanged {
        from: Name<State>,
        to: Name<State>,
    },
    TitleSet(Cow<'a, str>),
    DescriptionSet(Cow<'a, str>),
    CategorySet(Name<Category>),
    ServicesSet(Vec<Cow<'a, str>>),
    Assessed {
        impact: Name<Level>,
        urgency: Name<Level>,
        priority: Name<Priority>,
    },
    PriorityOverridden(WireOverride<'a>),
    OverrideCleared,
    CommanderSet(Cow<'a, str>),
    NoteAdded(Cow<'a, str>),
    Renumbered(Cow<'a, str>),
    Earlier {
        field: Cow<'a, str>,
        from: Cow<'a, str>,
        to: Cow<'a, str>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<Cow<'a, str>>,
    },
}

#[derive(Debug, Serialize, Deserialize)]
struct WireOverride<'a> {
    priority: Name<Priority>,
    reason: Cow<'a, str>,
}

#[derive(Debug, Serialize, Deserialize)]
struct WireDeclaration<'a> {
    reference: Cow<'a, str>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<Cow<'a, str>>,
    kind: Name<IncidentKind>,
    title: Cow<'a, str>,
    #[serde(default)]
    description: Cow<'a, str>,
    category: Name<Category>,
    #[serde(default)]
    services: Vec<Cow<'a, str>>,
    impact: Name<Level>,
    urgency: Name<Level>,
    priority: Name<Priority>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    priority_override: Option<WireOverride<'a>>,
    #[serde(default)]
    reported_by: Cow<'a, str>,
    impact_started_at: Time,
    detected_at: Time,
}

fn texts(list: &[String]) -> Vec<Cow<'_, str>> {
    list.iter().map(|s| Cow::Borrowed(s.as_str())).collect()
}

fn owned(list: Vec<Cow<'_, str>>) -> Vec<String> {
    list.into_iter().map(Cow::into_owned).collect()
}

impl<'a> From<&'a PriorityOverride> for WireOverride<'a> {
    fn from(o: &'a PriorityOverride) -> Self {
        WireOverride {
            priority: Name(o.priority),
            reason: Cow::Borrowed(&o.reason),
        }
    }
}

impl From<WireOverride<'_>> for PriorityOverride {
    fn from(o: WireOverride<'_>) -> Self {
        PriorityOverride {
            priority: o.priority.0,
            reason: o.reason.into_owned(),
        }
    }
}

impl<'a> From<&'a Event> for WireEvent<'a> {
    fn from(event: &'a Event) -> Self {
        let change = match &event.change {
            Change::Declared(d) => WireChange::Declared(Box::new(WireDeclaration {
                reference: Cow::Borrowed(&d.reference),
                aliases: texts(&d.aliases),
                kind: Name(d.kind),
                title: Cow::Borrowed(&d.title),
                description: Cow::Borrowed(&d.description),
                category: Name(d.category),
                services: texts(&d.services),
                impact: Name(d.impact),
                urgency: Name(d.urgency),
                priority: Name(d.priority),
                priority_override: d.priority_override.as_ref().map(WireOverride::from),
                reported_by: Cow::Borrowed(&d.reported_by),
                impact_started_at: Time(d.impact_started_at),
                detected_at: Time(d.detected_at),
            })),
            Change::StateChanged { from, to } => WireChange::StateChanged {
                from: Name(*from),
                to: Name(*to),
            },
            Change::DetailSet(Detail::Title(t)) => WireChange::TitleSet(Cow::Borrowed(t)),
            Change::DetailSet(Detail::Description(t)) => {
                WireChange::DescriptionSet(Cow::Borrowed(t))
            }
            Change::DetailSet(Detail::Category(c)) => WireChange::CategorySet(Name(*c)),
            Change::DetailSet(Detail::Services(s)) => WireChange::ServicesSet(texts(s)),
            Change::Assessed {
                impact,
                urgency,
                priority,
            } => WireChange::Assessed {
                impact: Name(*impact),
                urgency: Name(*urgency),
                priority: Name(*priority),
            },
            Change::PriorityOverridden(o) => WireChange::PriorityOverridden(o.into()),
            Change::OverrideCleared => WireChange::OverrideCleared,
            Change::CommanderSet { name } => WireChange::CommanderSet(Cow::Borrowed(name)),
            Change::NoteAdded { text } => WireChange::NoteAdded(Cow::Borrowed(text)),
            Change::Renumbered { reference } => WireChange::Renumbered(Cow::Borrowed(reference)),
            Change::Earlier {
                field,
                from,
                to,
                reason,
            } => WireChange::Earlier {
                field: Cow::Borrowed(field),
                from: Cow::Borrowed(from),
                to: Cow::Borrowed(to),
                reason: reason.as_deref().map(Cow::Borrowed),
            },
        };
        WireEvent {
            id: event.id,
            recorded_at: Time(event.recorded_at),
            at: (event.at != event.recorded_at).then_some(Time(event.at)),
            actor: Cow::Borrowed(&event.actor),
            supersedes: event.supersedes.clone(),
            change,
        }
    }
}

impl From<WireEvent<'_>> for Event {
    fn from(event: WireEvent<'_>) -> Self {
        let change = match event.change {
            WireChange::Declared(d) => Change::Declared(Box::new(Declaration {
                reference: d.reference.into_owned(),
                aliases: owned(d.aliases),
                kind: d.kind.0,
                title: d.title.into_owned(),
                description: d.description.into_owned(),
                category: d.category.0,
                services: owned(d.services),
                impact: d.impact.0,
                urgency: d.urgency.0,
                priority: d.priority.0,
                priority_override: d.priority_override.map(PriorityOverride::from),
                reported_by: d.reported_by.into_owned(),
                impact_started_at: d.impact_started_at.0,
                detected_at: d.detected_at.0,
            })),
            WireChange::StateChanged { from, to } => Change::StateChanged {
                from: from.0,
                to: to.0,
            },
            WireChange::TitleSet(title) => Change::DetailSet(Detail::Title(title.into_owned())),
            WireChange::DescriptionSet(description) => {
                Change::DetailSet(Detail::Description(description.into_owned()))
            }
            WireChange::CategorySet(category) => Change::DetailSet(Detail::Category(category.0)),
            WireChange::ServicesSet(services) => {
                Change::DetailSet(Detail::Services(owned(services)))
            }
            WireChange::Assessed {
                impact,
                urgency,
                priority,
            } => Change::Assessed {
                impact: impact.0,
                urgency: urgency.0,
                priority: priority.0,
            },
            WireChange::PriorityOverridden(o) => Change::PriorityOverridden(o.into()),
            WireChange::OverrideCleared => Change::OverrideCleared,
            WireChange::CommanderSet(name) => Change::CommanderSet {
                name: name.into_owned(),
            },
            WireChange::NoteAdded(text) => Change::NoteAdded {
                text: text.into_owned(),
            },
            WireChange::Renumbered(reference) => Change::Renumbered {
                reference: reference.into_owned(),
            },
            WireChange::Earlier {
                field,
                from,
                to,
                reason,
            } => Change::Earlier {
                field: field.into_owned(),
                from: from.into_owned(),
                to: to.into_owned(),
                reason: reason.map(Cow::into_owned),
            },
        };
        Event {
            id: event.id,
            recorded_at: event.recorded_at.0,
            at: event.at.map_or(event.recorded_at.0, |t| t.0),
            actor: event.actor.into_owned(),
            supersedes: event.supersedes,
            change,
        }
    }
}

#[derive(Serialize)]
struct MilestonesOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    acknowledged_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    contained_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resolved_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    closed_at: Option<Time>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cancelled_at: Option<Time>,
}

impl From<&Milestones> for MilestonesOut {
    fn from(m: &Milestones) -> Self {
        MilestonesOut {
            acknowledged_at: m.acknowledged_at.map(Time),
            contained_at: m.contained_at.map(Time),
            resolved_at: m.resolved_at.map(Time),
            closed_at: m.closed_at.map(Time),
            cancelled_at: m.cancelled_at.map(Time),
        }
    }
}

/// An incident as written: its current fields for people, then its events, then unknown fields.
#[derive(Serialize)]
pub struct IncidentOut<'a> {
    id: Uuid,
    reference: &'a str,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    aliases: &'a [String],
    kind: Name<IncidentKind>,
    title: &'a str,
    description: &'a str,
    category: Name<Category>,
    services: &'a [String],
    impact: Name<Level>,
    urgency: Name<Level>,
    priority: Name<Priority>,
    #[serde(skip_serializing_if = "Option::is_none")]
    priority_override: Option<WireOverride<'a>>,
    state: Name<State>,
    reported_by: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    commander: Option<&'a str>,
    impact_started_at: Time,
    detected_at: Time,
    created_at: Time,
    updated_at: Time,
    milestones: MilestonesOut,
    events: Vec<WireEvent<'a>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

impl<'a> From<&'a Incident> for IncidentOut<'a> {
    fn from(i: &'a Incident) -> Self {
        IncidentOut {
            id: i.id(),
            reference: &i.reference,
            aliases: &i.aliases,
            kind: Name(i.kind),
            title: &i.title,
            description: &i.description,
            category: Name(i.category),
            services: &i.services,
            impact: Name(i.impact),
            urgency: Name(i.urgency),
            priority: Name(i.priority()),
            priority_override: i.priority_override.as_ref().map(WireOverride::from),
            state: Name(i.state),
            reported_by: &i.reported_by,
            commander: i.commander.as_deref(),
            impact_started_at: Time(i.impact_started_at),
            detected_at: Time(i.detected_at),
            created_at: Time(i.created_at),
            updated_at: Time(i.updated_at),
            milestones: (&i.milestones).into(),
            events: i.events().iter().map(WireEvent::from).collect(),
            extra: i.extra(),
        }
    }
}

/// The fields an incident is written with for people; a reader skips them and folds its own.
const CURRENT_FIELDS: &[&str] = &[
    "reference",
    "aliases",
    "kind",
    "title",
    "description",
    "category",
    "services",
    "impact",
    "urgency",
    "priority",
    "priority_override",
    "state",
    "reported_by",
    "commander",
    "impact_started_at",
    "detected_at",
    "created_at",
    "updated_at",
    "milestones",
];

/// An incident as read: its id, its events, and any field this version does not know.
#[derive(Debug)]
pub struct IncidentIn {
    /// The incident's id.
    pub id: Uuid,
    /// Its events, in file order.
    pub events: Vec<Event>,
    /// Fields this version does not know, kept.
    pub extra: Map<String, Value>,
}

impl IncidentIn {
    /// The incident the events make.
    pub fn into_incident(self) -> Result<Incident, FoldError> {
        Incident::from_log(self.id, Log::new(self.events), self.extra)
    }
}

impl<'de> Deserialize<'de> for IncidentIn {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IncidentVisitor;
        impl<'de> Visitor<'de> for IncidentVisitor {
            type Value = IncidentIn;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an incident object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<IncidentIn, A::Error> {
                let mut id = None;
                let mut events: Option<Vec<WireEvent<'static>>> = None;
                let mut extra = Map::new();
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match key.as_ref() {
                        "id" => id = Some(map.next_value::<Uuid>()?),
                        "events" => events = Some(map.next_value()?),
                        known if CURRENT_FIELDS.contains(&known) => {
                            map.next_value::<IgnoredAny>()?;
                        }
                        _ => {
                            let value = map.next_value::<Value>()?;
                            extra.insert(key.into_owned(), value);
                        }
                    }
                }
                Ok(IncidentIn {
                    id: id.ok_or_else(|| de::Error::missing_field("id"))?,
                    events: events
                        .ok_or_else(|| de::Error::missing_field("events"))?
                        .into_iter()
                        .map(Event::from)
                        .collect(),
                    extra,
                })
            }
        }
        deserializer.deserialize_map(IncidentVisitor)
    }
}

/// An incident as the browser stores it: its id, events and unknown fields, without the
/// current fields (they are folded again when it is read, as from a file).
#[derive(Serialize)]
struct RecordOut<'a> {
    id: Uuid,
    events: Vec<WireEvent<'a>>,
    #[serde(flatten)]
    extra: &'a Map<String, Value>,
}

/// An incident as the browser stores it (compact JSON, read back with [`incident_from_json`]).
pub fn incident_to_json(incident: &Incident) -> String {
    let record = RecordOut {
        id: incident.id(),
        events: incident.events().iter().map(WireEvent::from).collect(),
        extra: incident.extra(),
    };
    // Writing to memory cannot fail, and every map here has text keys.
    serde_json::to_string(&record).unwrap_or_default()
}

/// Why a stored incident could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordError {
    /// Not an incident of this format.
    #[error("{0}")]
    Malformed(String),
    /// No event declares it.
    #[error(transparent)]
    Fold(#[from] FoldError),
}

/// Reads an incident stored with [`incident_to_json`] (or written in a file).
pub fn incident_from_json(json: &str) -> Result<Incident, RecordError> {
    let read: IncidentIn =
        serde_json::from_str(json).map_err(|e| RecordError::Malformed(e.to_string()))?;
    Ok(read.into_incident()?)
}
