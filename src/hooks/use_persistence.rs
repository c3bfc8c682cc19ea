//! Storage for the whole app: open and load, save incidents and settings, follow other tabs,
//! and guard unsaved changes. Each is its own hook; this one puts them together.

use yew::prelude::*;

use super::{
    use_database, use_remember, use_save, use_settings_save, use_tab_sync, use_unsaved_guard,
};
use crate::storage::Database;
use crate::store::AppContext;

/// Every storage effect of the app; the open database once loaded.
#[hook]
pub fn use_persistence(app: AppContext) -> Option<Database> {
    let database = use_database(app.clone());
    use_save(app.clone(), database.clone());
    use_settings_save(app.clone(), database.clone());
    use_tab_sync(app.clone(), database.clone());
    use_unsaved_guard(&app);
    use_remember(&app);
    database
}
