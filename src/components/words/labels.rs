//! What each domain value is called on screen: one exhaustive match per kind. The domain keeps
//! only machine names (`as_str`).

use crate::domain::links::{LinkKind, RecordKind};
use crate::domain::resolution::ResolutionKind;
use crate::domain::{Category, Level, Priority, State};

/// A value's name as people read it.
pub trait Label: Copy {
    /// The name shown to people.
    fn label(self) -> &'static str;
}

/// A priority with its word, as lists and charts name it: `P1 critical`.
pub fn priority_name(priority: Priority) -> String {
    format!("{} {}", priority.as_str(), priority.label())
}

/// A UTC day as a line of text says it: `1 Sep 2026`.
pub fn day_words(day: chrono::NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// Guidance shown beside each impact and urgency level.
pub trait Guidance: Copy {
    /// What this impact means.
    fn impact_guidance(self) -> &'static str;
    /// What this urgency means.
    fn urgency_guidance(self) -> &'static str;
}

impl Label for Level {
    /// Name shown to people.
    fn label(self) -> &'static str {
        match self {
            Level::High => "High",
            Level::Medium => "Medium",
            Level::Low => "Low",
        }
    }
}

impl Guidance for Level {
    /// Guidance shown next to the impact choice.
    fn impact_guidance(self) -> &'static str {
        match self {
            Level::High => {
                "Many users or a whole service are affected; revenue, safety or data is at risk."
            }
            Level::Medium => "Some users or one feature are affected; a workaround may exist.",
            Level::Low => "Few users affected, or degraded but usable; little business effect.",
        }
    }
    /// Guidance shown next to the urgency choice.
    fn urgency_guidance(self) -> &'static str {
        match self {
            Level::High => "Damage grows by the minute; it must be worked on now.",
            Level::Medium => "It will get worse within hours if left alone.",
            Level::Low => "It can wait for normal working hours without getting worse.",
        }
    }
}

impl Label for Priority {
    /// Name shown to people beside the code.
    fn label(self) -> &'static str {
        match self {
            Priority::P1 => "critical",
            Priority::P2 => "high",
            Priority::P3 => "moderate",
            Priority::P4 => "low",
            Priority::P5 => "planning",
        }
    }
}

impl Label for State {
    /// Name shown to people.
    fn label(self) -> &'static str {
        match self {
            State::Reported => "Reported",
            State::Triaged => "Triaged",
            State::Investigating => "Investigating",
            State::Contained => "Contained",
            State::Resolved => "Resolved",
            State::Closed => "Closed",
            State::Cancelled => "Cancelled",
        }
    }
}

impl Label for Category {
    /// Name shown to people.
    fn label(self) -> &'static str {
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

/// How an incident was resolved, as a choice or heading shows it.
pub fn resolution_kind_label(kind: ResolutionKind) -> &'static str {
    match kind {
        ResolutionKind::Fix => "Fix",
        ResolutionKind::Workaround => "Workaround",
        ResolutionKind::Escalation => "Escalation",
    }
}

/// A link as the incident holding it shows it, before the other incident's reference.
pub fn link_label(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::DuplicateOf => "Duplicate of",
        LinkKind::CausedBy => "Caused by",
        LinkKind::RelatedTo => "Related to",
    }
}

/// A link as the incident it points at shows it, before the linking incident's reference.
pub fn inverse_link_label(kind: LinkKind) -> &'static str {
    match kind {
        LinkKind::DuplicateOf => "Has duplicate",
        LinkKind::CausedBy => "Caused",
        LinkKind::RelatedTo => "Related to",
    }
}

/// What kind of record kept elsewhere, as a choice or heading shows it.
pub fn record_kind_label(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Problem => "Problem record",
        RecordKind::Change => "Change record",
    }
}

/// How an incident was resolved, in a few words: "Fix", "Escalation to Acme".
pub fn resolution_how(record: &crate::domain::resolution::ResolutionRecord) -> String {
    match &record.escalated_to {
        Some(whom) => format!("{} to {whom}", resolution_kind_label(record.kind)),
        None => resolution_kind_label(record.kind).to_string(),
    }
}
