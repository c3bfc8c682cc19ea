//! Hooks that own effects, one effect each: open and load, save, save settings, follow other
//! tabs, guard unsaved changes, import, follow a media query, and the app-wide clock.

mod use_breach_watch;
mod use_clock;
mod use_database;
mod use_export;
mod use_import;
mod use_media_query;
mod use_persistence;
mod use_remember;
mod use_save;
mod use_service_worker;
mod use_settings_save;
mod use_shortcuts;
mod use_tab_sync;
mod use_unsaved_guard;

pub use use_breach_watch::use_breach_watch;
pub use use_clock::{use_clock, Clock, ClockProvider};
pub use use_database::use_database;
pub use use_export::use_export;
pub use use_import::{use_import, ImportFailure, ImportHandle, ImportStage};
pub use use_media_query::use_media_query;
pub use use_persistence::use_persistence;
pub use use_remember::use_remember;
pub use use_save::use_save;
pub use use_service_worker::{use_service_worker, Update};
pub use use_settings_save::use_settings_save;
pub use use_shortcuts::use_shortcuts;
pub use use_tab_sync::use_tab_sync;
pub use use_unsaved_guard::use_unsaved_guard;
