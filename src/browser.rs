//! Small browser facilities the UI needs: the clock, fresh ids, and the local user name.

use chrono::{DateTime, DurationRound, TimeDelta, Utc};
use uuid::Uuid;

const USER_KEY: &str = "sitrep.user";

/// Current time, to the millisecond (what the browser clock offers).
pub fn now() -> DateTime<Utc> {
    let now = Utc::now();
    now.duration_trunc(TimeDelta::milliseconds(1))
        .unwrap_or(now)
}

/// A fresh random UUID (version 4), from the browser's cryptographic generator when present.
pub fn new_uuid() -> Uuid {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for chunk in bytes.chunks_mut(4) {
            let r = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
            chunk.copy_from_slice(&r.to_le_bytes());
        }
    }
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The name this browser's user gave, if any.
pub fn load_user() -> Option<String> {
    local_storage()
        .and_then(|s| s.get_item(USER_KEY).ok().flatten())
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty())
}

/// Remembers the user's name; false when the browser refused.
pub fn save_user(name: &str) -> bool {
    local_storage()
        .map(|s| s.set_item(USER_KEY, name).is_ok())
        .unwrap_or(false)
}

/// Reads an `<input type="datetime-local">` value (local time) as UTC.
pub fn parse_local_datetime(value: &str) -> Option<DateTime<Utc>> {
    use chrono::{Local, NaiveDateTime, TimeZone};
    let naive = NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(value, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    Local
        .from_local_datetime(&naive)
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// Formats a time for a `datetime-local` input, in local time.
pub fn to_local_input(time: DateTime<Utc>) -> String {
    time.with_timezone(&chrono::Local)
        .format("%Y-%m-%dT%H:%M")
        .to_string()
}

/// Formats a time for reading, in local time, e.g. `2026-11-28 14:05`.
pub fn display_time(time: DateTime<Utc>) -> String {
    time.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// A context for one action: now, the acting person, and a fresh id seed.
pub fn command_context(
    user: Option<&str>,
    matrix: crate::domain::Matrix,
) -> crate::domain::CommandContext {
    crate::domain::CommandContext::new(now(), user.unwrap_or("unknown"), new_uuid())
        .with_matrix(matrix)
}

/// Offers `text` to the person as a download named `file_name`; false when the browser refused.
pub fn download_json(file_name: &str, text: &str) -> bool {
    use wasm_bindgen::JsCast;
    let attempt = || -> Option<()> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("application/json");
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = gloo::utils::document();
        let anchor: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor
            .set_attribute("data-testid", "download-anchor")
            .ok()?;
        let body = document.body()?;
        body.append_child(&anchor).ok()?;
        anchor.click();
        body.remove_child(&anchor).ok()?;
        // Revoking at once can cancel the download in some browsers; a short delay lets it start.
        gloo::timers::callback::Timeout::new(60_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        Some(())
    };
    attempt().is_some()
}

/// Channel on which tabs of this origin tell each other which incidents they stored.
pub const TAB_CHANNEL: &str = "sitrep-changes";

thread_local! {
    /// Identifies this tab in announcements, so that it ignores its own.
    static TAB_ID: Uuid = new_uuid();
}

/// Tells other open tabs that these incidents changed in storage; silently does nothing where
/// the browser has no BroadcastChannel (other tabs then see the changes on their next load).
pub fn announce_stored(ids: impl IntoIterator<Item = Uuid>) {
    let ids: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    if ids.is_empty() {
        return;
    }
    let message = format!("{}:{}", TAB_ID.with(|tab| *tab), ids.join(","));
    if let Ok(channel) = web_sys::BroadcastChannel::new(TAB_CHANNEL) {
        let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(&message));
        channel.close();
    }
}

/// The ids another tab announced; nothing for this tab's own or unreadable messages.
pub fn parse_announcement(text: &str) -> Vec<Uuid> {
    let Some((tab, ids)) = text.split_once(':') else {
        return Vec::new();
    };
    if Uuid::parse_str(tab).ok() == Some(TAB_ID.with(|tab| *tab)) {
        return Vec::new();
    }
    ids.split(',')
        .filter_map(|id| Uuid::parse_str(id).ok())
        .collect()
}

const LAST_EXPORT_KEY: &str = "sitrep.last_export";
const REMIND_DAYS_KEY: &str = "sitrep.remind_days";
const CANARY_KEY: &str = "sitrep.database";

fn stored(key: &str) -> Option<String> {
    local_storage().and_then(|s| s.get_item(key).ok().flatten())
}

fn store(key: &str, value: &str) -> bool {
    local_storage()
        .map(|s| s.set_item(key, value).is_ok())
        .unwrap_or(false)
}

/// When everything was last exported from this browser, if ever.
pub fn load_last_export() -> Option<DateTime<Utc>> {
    stored(LAST_EXPORT_KEY)
        .and_then(|text| DateTime::parse_from_rfc3339(&text).ok())
        .map(|t| t.with_timezone(&Utc))
}

/// Remembers a full export; false when the browser refused.
pub fn save_last_export(at: DateTime<Utc>) -> bool {
    store(LAST_EXPORT_KEY, &at.to_rfc3339())
}

/// The reminder interval as local storage kept it before the settings store existed (schema 3).
pub fn load_remind_days() -> u32 {
    crate::safekeeping::parse_remind_days(stored(REMIND_DAYS_KEY).as_deref())
}

/// The id of the database this browser used last (the canary kept beside it in local storage).
pub fn load_canary() -> Option<String> {
    stored(CANARY_KEY)
}

/// Remembers the id of the database in use.
pub fn save_canary(instance: &str) -> bool {
    store(CANARY_KEY, instance)
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &wasm_bindgen::JsValue::from_str("storage"))
        .ok()?
        .then(|| navigator.storage())
}

async fn promised(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Option<wasm_bindgen::JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?)
        .await
        .ok()
}

/// Whether the browser promised to keep this site's data under storage pressure.
pub async fn storage_persisted() -> Option<bool> {
    promised(storage_manager()?.persisted()).await?.as_bool()
}

/// Asks the browser to keep this site's data (some browsers ask the person, most decide alone).
/// Returns whether it is kept now.
pub async fn request_persistence() -> Option<bool> {
    if storage_persisted().await == Some(true) {
        return Some(true);
    }
    promised(storage_manager()?.persist()).await?.as_bool()
}

/// Bytes this site uses and may use, as the browser estimates them.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    use wasm_bindgen::JsCast;
    // A dictionary, not a class: it cannot be checked with instanceof.
    let estimate: web_sys::StorageEstimate = promised(storage_manager()?.estimate())
        .await?
        .unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}
