//! The incident record and what is needed to declare one.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Level, Priority, State, TimelineEvent};

/// Whether an incident is real or part of an exercise.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum IncidentKind {
    /// A real incident.
    #[default]
    Real,
    /// A drill or tabletop exercise.
    Drill,
}

/// What area an incident belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PriorityOverride {
    /// The priority chosen.
    pub priority: Priority,
    /// Why the matrix was overridden.
    pub reason: String,
}

/// First-entry stamps of lifecycle states; metrics are computed from these.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestones {
    /// First entry into triaged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub acknowledged_at: Option<DateTime<Utc>>,
    /// First entry into contained.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contained_at: Option<DateTime<Utc>>,
    /// First entry into resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<Utc>>,
    /// First entry into closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<DateTime<Utc>>,
    /// First entry into cancelled.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Milestones {
    /// Stamps the milestone of `state` unless it was stamped before.
    pub fn stamp(&mut self, state: State, now: DateTime<Utc>) {
        let slot = match state {
            State::Triaged => &mut self.acknowledged_at,
            State::Contained => &mut self.contained_at,
            State::Resolved => &mut self.resolved_at,
            State::Closed => &mut self.closed_at,
            State::Cancelled => &mut self.cancelled_at,
            State::Reported | State::Investigating => return,
        };
        slot.get_or_insert(now);
    }
}

/// An incident: the record every screen, file and metric is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Incident {
    /// Stable identity across copies and files.
    pub id: Uuid,
    /// Human reference, e.g. `INC-0042`.
    pub reference: String,
    /// Earlier references this incident carried in other copies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Real or drill.
    #[serde(default)]
    pub kind: IncidentKind,
    /// Short title.
    pub title: String,
    /// What is seen.
    #[serde(default)]
    pub description: String,
    /// Area.
    pub category: Category,
    /// Affected services.
    #[serde(default)]
    pub services: Vec<String>,
    /// How bad.
    pub impact: Level,
    /// How fast it worsens.
    pub urgency: Level,
    /// Hand-set priority, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_override: Option<PriorityOverride>,
    /// Lifecycle state.
    pub state: State,
    /// Who reported it.
    #[serde(default)]
    pub reported_by: String,
    /// Current incident commander.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commander: Option<String>,
    /// When impact started (set by people).
    pub impact_started_at: DateTime<Utc>,
    /// When it was noticed (set by people).
    pub detected_at: DateTime<Utc>,
    /// When it was declared in Sitrep.
    pub created_at: DateTime<Utc>,
    /// Last change to any field; decides scalar fields when copies merge.
    pub updated_at: DateTime<Utc>,
    /// Lifecycle stamps.
    #[serde(default)]
    pub milestones: Milestones,
    /// Everything that happened, oldest first.
    #[serde(default)]
    pub timeline: Vec<TimelineEvent>,
    /// Fields written by a newer Sitrep, kept so that nothing is lost.
    #[serde(flatten)]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

impl Incident {
    /// The priority in force: the override if set, else the matrix.
    pub fn priority(&self) -> Priority {
        self.priority_override
            .as_ref()
            .map(|o| o.priority)
            .unwrap_or_else(|| self.derived_priority())
    }

    /// The priority the matrix gives.
    pub fn derived_priority(&self) -> Priority {
        Priority::from_matrix(self.impact, self.urgency)
    }

    /// The numeric part of the reference, if it has the usual shape.
    pub fn reference_number(&self) -> Option<u32> {
        reference_number(&self.reference)
    }
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
