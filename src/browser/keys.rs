//! What Sitrep keeps in local storage beside its database, each under a typed key.

use chrono::{DateTime, Utc};

/// A value Sitrep keeps in local storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// The name this browser's user gave.
    User,
    /// When everything was last exported from this browser (RFC 3339).
    LastExport,
    /// The backup reminder interval, as kept before the settings store (schema 3) took it.
    RemindDays,
    /// The id of the database this browser used last (the canary).
    Canary,
    /// Whether the timeline shows the newest entry first (`newest`) or the oldest (`oldest`).
    TimelineOrder,
}

impl Key {
    /// The name it is stored under.
    pub fn name(self) -> &'static str {
        match self {
            Key::User => "sitrep.user",
            Key::LastExport => "sitrep.last_export",
            Key::RemindDays => "sitrep.remind_days",
            Key::Canary => "sitrep.database",
            Key::TimelineOrder => "sitrep.timeline_order",
        }
    }
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The text stored under `key`, if any.
pub fn load(key: Key) -> Option<String> {
    local_storage().and_then(|s| s.get_item(key.name()).ok().flatten())
}

/// Stores `value` under `key`; false when the browser refused.
pub fn save(key: Key, value: &str) -> bool {
    local_storage()
        .map(|s| s.set_item(key.name(), value).is_ok())
        .unwrap_or(false)
}

/// The name this browser's user gave, if any.
pub fn load_user() -> Option<String> {
    load(Key::User)
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

/// Remembers the user's name; false when the browser refused.
pub fn save_user(name: &str) -> bool {
    save(Key::User, name)
}

/// When everything was last exported from this browser, if ever.
pub fn load_last_export() -> Option<DateTime<Utc>> {
    load(Key::LastExport)
        .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// Remembers a full export; false when the browser refused.
pub fn save_last_export(at: DateTime<Utc>) -> bool {
    save(Key::LastExport, &at.to_rfc3339())
}

/// The reminder interval as local storage kept it before the settings store existed (schema 3).
pub fn load_remind_days() -> u32 {
    crate::safekeeping::parse_remind_days(load(Key::RemindDays).as_deref())
}

/// The id of the database this browser used last.
pub fn load_canary() -> Option<String> {
    load(Key::Canary)
}

/// Remembers the id of the database in use.
pub fn save_canary(instance: &str) -> bool {
    save(Key::Canary, instance)
}

/// Whether the timeline was last set to show the newest entry first.
pub fn load_newest_first() -> bool {
    load(Key::TimelineOrder).as_deref() == Some("newest")
}

/// Remembers the timeline's order; false when the browser refused.
pub fn save_newest_first(newest: bool) -> bool {
    save(Key::TimelineOrder, if newest { "newest" } else { "oldest" })
}
