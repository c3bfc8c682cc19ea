//! Small typed browser facilities the UI needs: the clock, ids, local-storage keys, downloads,
//! messages between tabs, and what the browser says about storage.

mod clock;
mod download;
mod ids;
mod keys;
mod storage_info;
mod tabs;

pub use clock::{
    display_time, local_day, now, parse_local_datetime, parse_optional_local, to_local_input,
    Unreadable,
};
pub use download::{download, download_json, reload_page};
pub use ids::{command_context, new_uuid};
pub use keys::{
    load_canary, load_last_export, load_newest_first, load_remind_days, load_user, save_canary,
    save_last_export, save_newest_first, save_user, Key,
};
pub use storage_info::{request_persistence, storage_estimate, storage_persisted};
pub use tabs::{announce_settings, announce_stored, TabMessage, TAB_CHANNEL};
