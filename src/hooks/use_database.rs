//! Opens the database once, checks the canary, asks to keep the data, and loads everything.

use yew::prelude::*;

use crate::storage::Database;
use crate::store::{Action, AppContext};

/// Opens and loads on mount; the open database once it is loaded.
#[hook]
pub fn use_database(app: AppContext) -> Option<Database> {
    let database = use_state(|| None::<Database>);
    {
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
    (*database).clone()
}
