//! Shown for addresses that name no screen.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;

/// The not-found screen.
#[component]
pub fn NotFoundPage() -> Html {
    html! {
        <section class="page">
            <h1 tabindex="-1">{ "Nothing here" }</h1>
            <p>{ "This address does not name a Sitrep screen." }</p>
            <Link<Route> to={Route::Queue}>{ "Back to the queue" }</Link<Route>>
        </section>
    }
}
