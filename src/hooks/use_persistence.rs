//! Opens the database, loads incidents, and saves every pending change.

use std::collections::BTreeMap;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::storage::Database;
use crate::store::{Action, AppContext, LoadStatus};

/// Loads everything on mount, then persists each change the reducer records as pending.
#[hook]
pub fn use_persistence(app: AppContext) -> Option<Database> {
    let database = use_state(|| None::<Database>);

    {
        let app = app.clone();
        let database = database.clone();
        use_effect_with((), move |_| {
            let notices = app.dispatcher();
            let on_notice: crate::storage::OnNotice =
                std::rc::Rc::new(move |notice| notices.dispatch(Action::Storage(notice)));
            wasm_bindgen_futures::spawn_local(async move {
                match Database::open(on_notice).await {
                    Ok(db) => {
                        // The canary: a database other than the one this browser used before
                        // means the browser wiped it. Otherwise remember this one.
                        let instance = db.instance();
                        let remembered = crate::browser::load_canary();
                        match crate::safekeeping::canary(remembered.as_deref(), &instance) {
                            crate::safekeeping::Canary::Wiped => {
                                app.dispatch(Action::Wiped(instance));
                            }
                            crate::safekeeping::Canary::Same => {
                                crate::browser::save_canary(&instance);
                            }
                        }
                        wasm_bindgen_futures::spawn_local(async {
                            crate::browser::request_persistence().await;
                        });
                        let loaded = db.load_all().await;
                        // Before schema 3 the reminder interval lived in local storage: carry it over.
                        let first_settings = matches!(&loaded, Ok(r) if r.settings.is_none() && !r.settings_unreadable);
                        if loaded.is_ok() {
                            database.set(Some(db));
                        }
                        app.dispatch(Action::Loaded(loaded));
                        if first_settings {
                            let days = crate::browser::load_remind_days();
                            if let Ok(settings) = app.settings.with_remind_days(days) {
                                app.dispatch(Action::ChangeSettings(settings));
                            }
                        }
                    }
                    Err(error) => app.dispatch(Action::Loaded(Err(error))),
                }
            });
        });
    }

    {
        let app = app.clone();
        let db = (*database).clone();
        use_effect_with((app.change_seq, db.is_some()), move |_| {
            if let (Some(db), LoadStatus::Ready) = (db, &app.status) {
                let batch: Vec<_> = app
                    .pending
                    .keys()
                    .filter_map(|id| app.incident(id).map(|i| (**i).clone()))
                    .collect();
                let seqs: BTreeMap<_, _> = app.pending.clone();
                if !batch.is_empty() {
                    wasm_bindgen_futures::spawn_local(async move {
                        match db.save(&batch).await {
                            Ok(changed_elsewhere) => {
                                crate::browser::announce_stored(batch.iter().map(|i| i.id()));
                                app.dispatch(Action::Refreshed(changed_elsewhere));
                                app.dispatch(Action::Saved(seqs));
                            }
                            Err(error) => app.dispatch(Action::SaveFailed(error)),
                        }
                    });
                }
            }
        });
    }

    {
        // Each change to the settings is stored; a failure shows as "Not saved" with the reason.
        let app = app.clone();
        let db = (*database).clone();
        use_effect_with((app.settings_seq, db.is_some()), move |(seq, _)| {
            if let (true, Some(db), LoadStatus::Ready) = (*seq > 0, db, &app.status) {
                let settings = app.settings.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(error) = db.save_settings(&settings).await {
                        app.dispatch(Action::SaveFailed(error));
                    }
                });
            }
        });
    }

    {
        // Other tabs announce what they stored; read just those incidents and merge them in,
        // so every open tab shows the same incident without a reload.
        let app = app.clone();
        let db = (*database).clone();
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
                        let ids = crate::browser::parse_announcement(&text);
                        if ids.is_empty() {
                            return;
                        }
                        let (db, app) = (db.clone(), app.clone());
                        wasm_bindgen_futures::spawn_local(async move {
                            if let Ok(incidents) = db.load_some(&ids).await {
                                app.dispatch(Action::Refreshed(incidents));
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

    {
        // Closing the tab with changes not yet stored (e.g. storage full) would lose them: ask first.
        let unsaved = !app.all_saved();
        use_effect_with(unsaved, move |unsaved| {
            let listener = unsaved.then(|| {
                let options = gloo::events::EventListenerOptions::enable_prevent_default();
                gloo::events::EventListener::new_with_options(
                    &gloo::utils::window(),
                    "beforeunload",
                    options,
                    |event| {
                        event.prevent_default();
                    },
                )
            });
            move || drop(listener)
        });
    }

    (*database).clone()
}
