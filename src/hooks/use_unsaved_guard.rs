//! Asks before the tab closes while changes are not yet stored.

use yew::prelude::*;

use crate::store::AppContext;

/// Warns on closing the tab with changes not yet stored (e.g. storage full).
#[hook]
pub fn use_unsaved_guard(app: &AppContext) {
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
