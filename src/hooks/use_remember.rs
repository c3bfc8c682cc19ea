//! Keeps in local storage what the person told this tab: their name, and that they read the
//! warning about a wiped database.

use yew::prelude::*;

use crate::store::{Action, AppContext, Flash};

/// Stores the person's name whenever it is set, and remembers the new database once the
/// warning about the wiped one has been read.
#[hook]
pub fn use_remember(app: &AppContext) {
    {
        let app = app.clone();
        use_effect_with(app.user.clone(), move |user| {
            if let Some(user) = user {
                if crate::browser::load_user().as_deref() != Some(user.as_str())
                    && !crate::browser::save_user(user)
                {
                    app.dispatch(Action::Notify(Flash::NameNotKept));
                }
            }
        });
    }
    {
        // The warning holds the new database's id; once it is gone, that id is the one to know.
        let shown = use_mut_ref(|| None::<String>);
        use_effect_with(app.wiped.clone(), move |wiped| {
            let before = shown.replace(wiped.clone());
            if let (Some(instance), None) = (before, wiped) {
                crate::browser::save_canary(&instance);
            }
        });
    }
}
