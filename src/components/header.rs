//! Top bar: name, navigation, who is acting, and whether everything is saved.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::WhoAmI;
use crate::hooks::ImportHandle;
use crate::store::use_app;

/// The top bar.
#[component]
pub fn Header() -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let import = use_context::<ImportHandle>();
    let editing = use_state(|| false);
    let onfile = import.map(|import| {
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                import.onstart.emit(file);
            }
            // Clearing lets the same file be picked again after a cancel.
            input.set_value("");
        })
    });
    let storage_failed = matches!(app.status, crate::store::LoadStatus::Failed(_));
    let save_status = if app.save_error.is_some() || (storage_failed && !app.all_saved()) {
        ("failed", "Not saved")
    } else if app.all_saved() {
        ("", "Saved")
    } else {
        ("pending", "Saving…")
    };
    // One element that stays and changes its words, so screen readers announce each change politely.
    let save_status = html! {
        <span class={classes!("save-status", save_status.0)} role="status" aria-live="polite" data-testid="save-status">{ save_status.1 }</span>
    };
    let onedit = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(true))
    };
    let onclose = {
        let editing = editing.clone();
        Callback::from(move |_| editing.set(false))
    };
    html! {
        <header class="topbar">
            <Link<Route> to={Route::Queue} classes="brand">{ "Sitrep" }</Link<Route>>
            <nav>
                <Link<Route> to={Route::Queue}>{ "Queue" }</Link<Route>>
                <Link<Route> to={Route::Dashboard}>{ "Dashboard" }</Link<Route>>
                <Link<Route> to={Route::FollowUps}>{ "Follow-ups" }</Link<Route>>
                <Link<Route> to={Route::Settings}>{ "Settings" }</Link<Route>>
                <Link<Route> to={Route::Declare} classes="button primary">
                    <span data-testid="declare-link">{ "Declare incident" }</span>
                </Link<Route>>
            </nav>
            <div class="topbar-right">
                if let Some(onchange) = onfile {
                    <label class="button file-button" title="Import a Sitrep .json file (or drop it anywhere on the page)">
                        { "Import" }
                        <input id="import-file" type="file" accept=".json,application/json" {onchange} />
                    </label>
                }
                { save_status }
                if let Some(user) = &app.user {
                    <button class="link" onclick={onedit} title="Change your name" aria-label={format!("Signed in as {user}; change your name")} data-testid="current-user-button">
                        <span data-testid="current-user">{ user.clone() }</span>
                    </button>
                }
            </div>
            if *editing {
                <WhoAmI {onclose} />
            }
        </header>
    }
}
