//! The plain values an incident is described with: its kind, category, a hand-set priority, its
//! human reference.

use super::Priority;

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
}

/// A priority set by hand, with the reason that was logged.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct PriorityOverride {
    /// The priority chosen.
    pub priority: Priority,
    /// Why the matrix was overridden.
    pub reason: String,
}

/// Parses `INC-0042` into 42.
pub fn reference_number(reference: &str) -> Option<u32> {
    reference.strip_prefix("INC-")?.parse().ok()
}

/// Formats 42 as `INC-0042`.
pub fn format_reference(number: u32) -> String {
    format!("INC-{number:04}")
}
