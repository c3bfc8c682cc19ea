//! Pure incident rules: types, lifecycle, priority, timeline, queue search. No I/O; time is passed in.

pub mod commands;
pub mod incident;
pub mod lifecycle;
pub mod merge;
pub mod priority;
pub mod search;
pub mod timeline;

pub use commands::{apply, Command, CommandContext, CommandError};
pub use incident::{Category, Draft, Incident, IncidentKind, Milestones, PriorityOverride};
pub use lifecycle::{State, TransitionError};
pub use priority::{Level, Priority};
pub use timeline::{EventKind, TimelineEvent};
