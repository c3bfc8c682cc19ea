//! Pure incident rules. No I/O; time and ids are passed in.
//!
//! An incident is its log of events. Each part of it (identity, details, assessment, lifecycle,
//! roles, tasks, resolution, links, communication, targets, duties, review, follow-up actions,
//! notes) is a module that owns its event enum, its folded state, its fold step and its
//! commands, built on the two generic pieces in [`register`].

pub mod actions;
pub mod assessment;
pub mod commands;
pub mod comms;
pub mod declaration;
pub mod details;
pub mod duties;
pub mod event;
pub mod fold;
pub mod identity;
pub mod incident;
pub mod lifecycle;
pub mod links;
pub mod metrics;
pub mod notes;
pub mod playbooks;
pub mod priority;
pub mod register;
pub mod resolution;
pub mod review;
pub mod roles;
pub mod search;
pub mod settings;
pub mod targets;
pub mod tasks;
pub mod templates;
pub mod topic;
pub mod values;

pub use commands::{execute, Command, CommandContext, CommandError};
pub use declaration::{Declaration, Draft};
pub use event::{Change, Earlier, Event, Log, Unknown};
pub use fold::View;
pub use incident::{FoldError, Incident};
pub use lifecycle::{Milestones, State, TransitionError};
pub use priority::{Level, Matrix, Priority};
pub use register::Conflict;
pub use topic::Topic;
pub use values::{Category, IncidentKind, PriorityOverride};
