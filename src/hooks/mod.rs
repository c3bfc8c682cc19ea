//! Hooks that own effects: loading and saving, importing, and the shared database handle.

mod use_import;
mod use_persistence;

pub use use_import::{use_import, ImportHandle, ImportStage};
pub use use_persistence::{use_database, use_persistence, DatabaseContext};
