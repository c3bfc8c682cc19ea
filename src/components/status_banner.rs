//! Loud banners for storage trouble, and the latest refusal or notice.

use yew::prelude::*;

use crate::storage::StorageError;
use crate::store::{use_app, Action, Flash, LoadStatus};

/// Words for people for each storage failure.
pub fn storage_message(error: &StorageError) -> String {
    match error {
        StorageError::Unavailable(_) => "This browser will not let Sitrep store data (private mode or storage disabled). Nothing can be kept; use a normal window.".into(),
        StorageError::NewerSchema { .. } => "This browser's incident data was written by a newer Sitrep. Open the newer version; this one will not touch the data.".into(),
        StorageError::QuotaExceeded => "The browser's storage is full. Your latest changes are kept in this tab only: free up space or export, then retry.".into(),
        StorageError::Closed => "This tab let go of the database because a newer Sitrep opened in another tab. Reload this page to go on.".into(),
        StorageError::Aborted => "The browser rolled the write back without saying why; nothing of it was stored. This usually means the device's storage is full: free up space, then retry. Your latest changes are kept in this tab until then.".into(),
        StorageError::UnreadableStored { id } if id == crate::storage::SETTINGS_RECORD => "The stored settings were written by a newer Sitrep (or are damaged), so this tab cannot read them and saved nothing over them. Reload to use the newest version.".into(),
        StorageError::UnreadableStored { .. } => "The stored copy of an incident you changed was written by a newer Sitrep (or is damaged), so this tab cannot read it and saved nothing over it. Your changes are kept in this tab: reload to use the newest version, or export this incident first.".into(),
        StorageError::Encode { msg, .. } => format!("Sitrep could not write an incident ({msg}); nothing was stored. Your changes are kept in this tab: export them and report this."),
        StorageError::Failed(detail) => format!("The browser's database reported an error: {detail}"),
    }
}

/// Words for an import that storage refused: nothing of it was written.
pub fn import_failure_message(error: &StorageError) -> String {
    match error {
        StorageError::QuotaExceeded => "The browser's storage is full, so the import was rolled back: none of the file was written and your incidents are as they were. Free up space on this device (or import a smaller file), then try again.".into(),
        StorageError::Aborted => "The browser rolled the import back without saying why: none of the file was written and your incidents are as they were. This usually means the device's storage is full: free up space (or import a smaller file), then try again.".into(),
        other => format!("Nothing was imported: {}", storage_message(other)),
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
    let waiting = (app.status == LoadStatus::Waiting).then(|| html! {
        <div class="banner warning" role="alert" data-testid="banner-waiting">
            <strong>{ "Waiting for another tab. " }</strong>
            { "A Sitrep tab or window opened before this update still holds the database. Close every other Sitrep tab and window of this site (or reload them); this tab goes on by itself once they let go." }
        </div>
    });
    let closed_elsewhere = app.closed_elsewhere.then(|| {
        let onreload = Callback::from(|_| {
            crate::browser::reload_page();
        });
        let unsaved = app.pending.len();
        let warning = (unsaved > 0).then(|| format!(
            " {unsaved} incident(s) changed in this tab are not saved: export them before reloading, then import the file."
        ));
        html! {
            <div class="banner error" role="alert" data-testid="banner-closed">
                <strong>{ "Sitrep was updated in another tab. " }</strong>
                { "This tab let go of the database so that the update could finish. Reload to go on with the new version." }
                { for warning }
                <button onclick={onreload}>{ "Reload" }</button>
            </div>
        }
    });
    let wiped = app.wiped.clone().map(|_| {
        let ondismiss = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::DismissWiped))
        };
        let last = match app.last_export {
            Some(at) => format!(
                "Your last export from this browser was on {}.",
                crate::browser::display_time(at)
            ),
            None => "No export from this browser is on record: ask a colleague for their latest file.".into(),
        };
        html! {
            <div class="banner error" role="alert" data-testid="banner-wiped">
                <span>
                    <strong>{ "The browser deleted Sitrep's stored incidents. " }</strong>
                    { "Sitrep kept a database in this browser before, and it is gone: the browser or a \"clear site data\" removed it, while other settings stayed. Restore your incidents by importing your last export. " }
                    { last }
                </span>
                <label class="button" for="import-file">{ "Import a file" }</label>
                <button onclick={ondismiss} data-testid="wiped-dismiss">{ "Understood" }</button>
            </div>
        }
    });
    let save_failure = app
        .save_error
        .as_ref()
        .filter(|_| !app.closed_elsewhere)
        .map(|error| {
            let action = if matches!(error, StorageError::UnreadableStored { .. }) {
                let onreload = Callback::from(|_| {
                    crate::browser::reload_page();
                });
                html! { <button onclick={onreload}>{ "Reload" }</button> }
            } else {
                let app = app.clone();
                let onretry = Callback::from(move |_| app.dispatch(Action::RetrySave));
                html! { <button onclick={onretry}>{ "Retry" }</button> }
            };
            html! {
                <div class="banner error" role="alert" data-testid="banner">
                    <strong>{ "Not saved. " }</strong>{ storage_message(error) }
                    { action }
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
        let is_error = flash.is_error();
        let text = match flash {
            Flash::Info(text) | Flash::Error(text) => text.clone(),
            Flash::Refused(error) => crate::components::refusal_message(error),
            Flash::NotWritten(error) => {
                format!("Nothing was exported: Sitrep {error}. Please report this.")
            }
            Flash::DownloadRefused => "The browser refused the download.".into(),
            Flash::NameNotKept => {
                "This browser would not remember your name; it is used for this visit only.".into()
            }
            Flash::Imported(counts, settings) => format!(
                "Imported: {} new, {} merged, {} unchanged{}.",
                counts.new,
                counts.merged,
                counts.unchanged,
                if *settings {
                    "; the file's settings were applied"
                } else {
                    ""
                }
            ),
        };
        let class = classes!("banner", if is_error { "error" } else { "info" });
        html! {
            <div {class} role={if is_error { "alert" } else { "status" }} data-testid="flash">
                <span>{ text }</span>
                <button class="link" onclick={ondismiss} aria-label="Dismiss">{ "×" }</button>
            </div>
        }
    });
    html! { <>{ load_failure }{ for waiting }{ for closed_elsewhere }{ for wiped }{ for save_failure }{ for unreadable }{ for flash }</> }
}
