//! Messages between open tabs of this origin, typed and written as JSON.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Channel on which tabs of this origin tell each other what they stored.
pub const TAB_CHANNEL: &str = "sitrep-changes";

thread_local! {
    /// Identifies this tab in messages, so that it ignores its own.
    static TAB_ID: Uuid = super::new_uuid();
}

/// What one tab tells the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TabMessage {
    /// These incidents changed in storage: read them again.
    Stored {
        /// The tab that stored them.
        from: Uuid,
        /// The incidents.
        incidents: Vec<Uuid>,
    },
    /// The settings changed in storage: read them again.
    SettingsStored {
        /// The tab that stored them.
        from: Uuid,
    },
}

impl TabMessage {
    /// The message as sent.
    pub fn to_text(&self) -> Option<String> {
        serde_json::to_string(self).ok()
    }

    /// A message another tab sent; `None` for this tab's own and for anything unreadable.
    pub fn from_other_tab(text: &str) -> Option<TabMessage> {
        let message: TabMessage = serde_json::from_str(text).ok()?;
        let own = TAB_ID.with(|tab| *tab);
        let from = match &message {
            TabMessage::Stored { from, .. } | TabMessage::SettingsStored { from } => *from,
        };
        (from != own).then_some(message)
    }
}

fn post(message: &TabMessage) {
    let Some(text) = message.to_text() else {
        return;
    };
    if let Ok(channel) = web_sys::BroadcastChannel::new(TAB_CHANNEL) {
        let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(&text));
        channel.close();
    }
}

/// Tells other open tabs that these incidents changed in storage; silently does nothing where
/// the browser has no BroadcastChannel (other tabs then see the changes on their next load).
pub fn announce_stored(ids: impl IntoIterator<Item = Uuid>) {
    let incidents: Vec<Uuid> = ids.into_iter().collect();
    if incidents.is_empty() {
        return;
    }
    post(&TabMessage::Stored {
        from: TAB_ID.with(|tab| *tab),
        incidents,
    });
}

/// Tells other open tabs that the settings changed in storage.
pub fn announce_settings() {
    post(&TabMessage::SettingsStored {
        from: TAB_ID.with(|tab| *tab),
    });
}
