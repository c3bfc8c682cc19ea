//! Hooks that own effects: loading and saving, and the shared database handle.

mod use_persistence;

pub use use_persistence::{use_database, use_persistence, DatabaseContext};
