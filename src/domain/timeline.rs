//! Timeline events: the append-only log of everything that happened to an incident.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Priority, State};

/// One entry of an incident's timeline. Events are never edited once written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEvent {
    /// Stable identity, used to merge copies of the incident.
    pub id: Uuid,
    /// When it happened (may be earlier than when it was written down).
    pub at: DateTime<Utc>,
    /// When it was written down.
    pub recorded_at: DateTime<Utc>,
    /// Who wrote it.
    pub actor: String,
    /// What happened.
    #[serde(flatten)]
    pub kind: EventKind,
}

/// What a timeline event records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    /// The incident was declared.
    Declared,
    /// A free-text note.
    Note {
        /// The note.
        text: String,
    },
    /// The lifecycle state changed.
    StateChanged {
        /// Previous state.
        from: State,
        /// New state.
        to: State,
    },
    /// A descriptive field changed.
    FieldChanged {
        /// Which field, as people call it.
        field: String,
        /// Old value as text.
        from: String,
        /// New value as text.
        to: String,
    },
    /// The effective priority changed (derived or overridden).
    PriorityChanged {
        /// Previous priority.
        from: Priority,
        /// New priority.
        to: Priority,
        /// Why it was overridden, if it was.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        reason: Option<String>,
    },
    /// Command passed to someone else.
    CommanderChanged {
        /// Previous commander, if any.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<String>,
        /// New commander.
        to: String,
    },
}

impl TimelineEvent {
    /// Ordering key: when it happened, then when recorded, then id, so every copy sorts alike.
    pub fn sort_key(&self) -> (DateTime<Utc>, DateTime<Utc>, Uuid) {
        (self.at, self.recorded_at, self.id)
    }

    /// One line describing the event for people.
    pub fn describe(&self) -> String {
        match &self.kind {
            EventKind::Declared => "Declared the incident".to_string(),
            EventKind::Note { text } => text.clone(),
            EventKind::StateChanged { from, to } => {
                format!("State: {} → {}", from.label(), to.label())
            }
            EventKind::FieldChanged { field, from, to } => {
                format!("{field}: “{from}” → “{to}”")
            }
            EventKind::PriorityChanged { from, to, reason } => match reason {
                Some(reason) => format!(
                    "Priority overridden: {} → {} (reason: {reason})",
                    from.as_str(),
                    to.as_str()
                ),
                None => format!("Priority: {} → {}", from.as_str(), to.as_str()),
            },
            EventKind::CommanderChanged { from, to } => match from {
                Some(from) => format!("Command handed over: {from} → {to}"),
                None => format!("Incident commander: {to}"),
            },
        }
    }
}
