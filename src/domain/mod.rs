//! Pure incident rules: events, the fold that makes an incident of them, lifecycle, priority,
//! commands, queue search. No I/O; time and ids are passed in.

pub mod commands;
pub mod event;
pub mod incident;
pub mod lifecycle;
pub mod priority;
pub mod search;

pub use commands::{execute, Command, CommandContext, CommandError};
pub use event::{Change, Declaration, Detail, Event, Field, Log};
pub use incident::{
    Category, Conflict, Draft, FoldError, Incident, IncidentKind, Milestones, PriorityOverride,
    View,
};
pub use lifecycle::{State, TransitionError};
pub use priority::{Level, Priority};
