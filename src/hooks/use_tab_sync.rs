//! Follows what other tabs store, so every open tab shows the same incidents and settings.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::browser::TabMessage;
use crate::storage::Database;
use crate::store::{Action, AppContext};

/// Reads again what another tab announces it stored.
#[hook]
pub fn use_tab_sync(app: AppContext, db: Option<Database>) {
    // Other tabs announce what they stored; read just those incidents and merge them in,
    // so every open tab shows the same incident without a reload.
    use_effect_with(db, move |db| {
        let channel = web_sys::BroadcastChannel::new(crate::browser::TAB_CHANNEL).ok();
        let listener = match (db.clone(), channel.as_ref()) {
            (Some(db), Some(channel)) => Some(gloo::events::EventListener::new(
                channel,
                "message",
                move |event| {
                    let text = event
                        .dyn_ref::<web_sys::MessageEvent>()
                        .and_then(|m| m.data().as_string())
                        .unwrap_or_default();
                    let Some(message) = TabMessage::from_other_tab(&text) else {
                        return;
                    };
                    let (db, app) = (db.clone(), app.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        match message {
                            TabMessage::Stored { incidents, .. } => {
                                if let Ok(incidents) = db.load_some(&incidents).await {
                                    app.dispatch(Action::Refreshed(incidents));
                                }
                            }
                            TabMessage::SettingsStored { .. } => {
                                if let Ok(Some(settings)) = db.load_settings().await {
                                    app.dispatch(Action::SettingsStored(settings));
                                }
                            }
                        }
                    });
                },
            )),
            _ => None,
        };
        move || {
            drop(listener);
            if let Some(channel) = channel {
                channel.close();
            }
        }
    });
}
