//! Whether a CSS media query matches, kept up to date as the window changes.

use gloo::events::EventListener;
use yew::prelude::*;

fn matches(query: &str) -> bool {
    gloo::utils::window()
        .match_media(query)
        .ok()
        .flatten()
        .is_some_and(|list| list.matches())
}

/// Whether `query` matches now; the component renders again when that changes.
#[hook]
pub fn use_media_query(query: &'static str) -> bool {
    let state = use_state(|| matches(query));
    {
        let state = state.clone();
        use_effect_with(query, move |query| {
            let query = *query;
            let list = gloo::utils::window().match_media(query).ok().flatten();
            let listener = list.map(|list| {
                EventListener::new(&list, "change", move |_| state.set(matches(query)))
            });
            move || drop(listener)
        });
    }
    *state
}
