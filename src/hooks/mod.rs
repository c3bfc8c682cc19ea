//! Hooks that own effects: loading and saving, and importing.

mod use_import;
mod use_persistence;

pub use use_import::{use_import, ImportHandle, ImportStage};
pub use use_persistence::use_persistence;
