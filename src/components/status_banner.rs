//! Loud banners for storage trouble, and the latest refusal or notice.

use yew::prelude::*;

use crate::storage::StorageError;
use crate::store::{use_app, Action, LoadStatus};

/// Words for people for each storage failure.
pub fn storage_message(error: &StorageError) -> String {
    match error {
        StorageError::Unavailable(_) => "This browser will not let Sitrep store data (private mode or storage disabled). Nothing can be kept; use a normal window.".into(),
        StorageError::Blocked => "Another Sitrep tab is holding the database open with an older version. Close other Sitrep tabs, then reload.".into(),
        StorageError::NewerSchema { .. } => "This browser's incident data was written by a newer Sitrep. Open the newer version; this one will not touch the data.".into(),
        StorageError::QuotaExceeded => "The browser's storage is full. Your latest changes are kept in this tab only: free up space or export, then retry.".into(),
        StorageError::Closed => "The database was closed, probably by a newer Sitrep in another tab. Reload this page; unsaved changes in this tab are listed as not saved.".into(),
        StorageError::Aborted => "The browser rolled the write back; nothing of it was stored. Retry.".into(),
        StorageError::Failed(detail) => format!("The browser's database reported an error: {detail}"),
    }
}

/// Storage and save banners plus the current flash message.
#[component]
pub fn StatusBanner() -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let load_failure = match &app.status {
        LoadStatus::Failed(error) => html! {
            <div class="banner error" role="alert" data-testid="banner">
                <strong>{ "Incidents cannot be stored. " }</strong>{ storage_message(error) }
                { " You can still work in this tab and export to a file to keep what you do." }
            </div>
        },
        _ => html! {},
    };
    let save_failure = app.save_error.as_ref().map(|error| {
        let onretry = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::RetrySave))
        };
        html! {
            <div class="banner error" role="alert" data-testid="banner">
                <strong>{ "Not saved. " }</strong>{ storage_message(error) }
                <button onclick={onretry}>{ "Retry" }</button>
            </div>
        }
    });
    let unreadable = (app.unreadable > 0).then(|| html! {
        <div class="banner warning" role="status">
            { format!("{} stored record(s) could not be read and were left untouched.", app.unreadable) }
        </div>
    });
    let flash = app.flash.as_ref().map(|flash| {
        let ondismiss = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::DismissFlash))
        };
        let class = classes!("banner", if flash.is_error { "error" } else { "info" });
        html! {
            <div {class} role={if flash.is_error { "alert" } else { "status" }} data-testid="flash">
                <span>{ flash.text.clone() }</span>
                <button class="link" onclick={ondismiss} aria-label="Dismiss">{ "×" }</button>
            </div>
        }
    });
    html! { <>{ load_failure }{ for save_failure }{ for unreadable }{ for flash }</> }
}
