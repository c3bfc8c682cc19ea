//! Hooks that own effects: loading and saving, importing, and following a media query.

mod use_import;
mod use_media_query;
mod use_persistence;

pub use use_import::{use_import, ImportFailure, ImportHandle, ImportStage};
pub use use_media_query::use_media_query;
pub use use_persistence::use_persistence;
