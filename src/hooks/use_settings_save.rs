//! Saves the settings whenever they change, and tells other tabs.

use yew::prelude::*;

use crate::storage::Database;
use crate::store::{Action, AppContext, LoadStatus};

/// Persists each change to the settings.
#[hook]
pub fn use_settings_save(app: AppContext, db: Option<Database>) {
    // Each change to the settings is stored; a failure shows as "Not saved" with the reason.
    use_effect_with((app.settings_seq, db.is_some()), move |(seq, _)| {
        if let (true, Some(db), LoadStatus::Ready) = (*seq > 0, db, &app.status) {
            let settings = app.settings.clone();
            wasm_bindgen_futures::spawn_local(async move {
                match db.save_settings(&settings).await {
                    Ok(()) => crate::browser::announce_settings(),
                    Err(error) => app.dispatch(Action::SaveFailed(error)),
                }
            });
        }
    });
}
