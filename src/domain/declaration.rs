//! What a declaration holds: the draft a person fills in, and the event that declares it.

use chrono::{DateTime, Utc};

use super::{Category, IncidentKind, Level, Priority, PriorityOverride};

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
