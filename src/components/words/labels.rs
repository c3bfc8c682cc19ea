//! What each domain value is called on screen: one exhaustive match per kind. The domain keeps
//! only machine names (`as_str`).

use crate::domain::{Category, Level, Priority, State};

/// A value's name as people read it.
pub trait Label: Copy {
    /// The name shown to people.
    fn label(self) -> &'static str;
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
