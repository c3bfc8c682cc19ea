//! Settings: the priority matrix, the people directory, the playbooks, communication (templates,
//! cadence, targets, notification duties), the review rule, the cost of downtime per service,
//! whether the browser keeps Sitrep's data, how much it holds, and backup reminders.

mod comms;
mod costs;
mod matrix;
mod people;
mod playbook_editor;
mod playbook_parts;
mod playbooks;
mod review;

use yew::prelude::*;

use crate::browser;
use crate::components::{ExportButton, ExportWhat};
use crate::safekeeping::{human_bytes, remind_days, MAX_REMIND_DAYS};
use crate::store::{use_app, Action, Flash};

/// What the browser says about this site's storage.
#[derive(Debug, Clone, PartialEq, Default)]
struct StorageInfo {
    persisted: Option<bool>,
    estimate: Option<(f64, f64)>,
}

async fn storage_info() -> StorageInfo {
    StorageInfo {
        persisted: browser::storage_persisted().await,
        estimate: browser::storage_estimate().await,
    }
}

/// The settings screen.
#[component]
pub fn SettingsPage() -> Html {
    let Some(app) = use_app() else {
        return crate::pages::no_store();
    };
    let info = use_state(|| None::<StorageInfo>);
    {
        let info = info.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move { info.set(Some(storage_info().await)) });
        });
    }
    let onpersist = {
        let info = info.clone();
        Callback::from(move |_| {
            let info = info.clone();
            wasm_bindgen_futures::spawn_local(async move {
                browser::request_persistence().await;
                info.set(Some(storage_info().await));
            });
        })
    };
    let ondays = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            match remind_days(&input.value()).and_then(|d| app.settings.with_remind_days(d).ok()) {
                Some(settings) => app.dispatch(Action::ChangeSettings(settings)),
                None => app.dispatch(Action::Notify(Flash::Error(format!(
                    "Enter a whole number of days from 1 to {MAX_REMIND_DAYS}."
                )))),
            }
        })
    };

    let persisted = match info.as_ref().map(|i| i.persisted) {
        None => html! { <p>{ "Asking the browser…" }</p> },
        Some(Some(true)) => html! {
            <p data-testid="persistence">{ "Persistent storage: granted. The browser will not clear Sitrep's data to make room on the disk." }</p>
        },
        Some(Some(false)) => html! {
            <>
                <p data-testid="persistence">{ "Persistent storage: not granted. The browser may clear Sitrep's data when the disk runs low, so export regularly. Browsers grant it more readily to sites you use often or install as an app." }</p>
                <button onclick={onpersist}>{ "Ask the browser again" }</button>
            </>
        },
        Some(None) => html! {
            <p data-testid="persistence">{ "Persistent storage: this browser does not say whether it keeps Sitrep's data. Export regularly." }</p>
        },
    };
    let usage = match info.as_ref().and_then(|i| i.estimate) {
        Some((used, quota)) => format!(
            "Storage used: {} of the {} this browser allows this site.",
            human_bytes(used),
            human_bytes(quota)
        ),
        None if info.is_some() => "Storage used: this browser does not say.".into(),
        None => String::new(),
    };
    let last_export = match app.last_export {
        Some(at) => format!("Last full export: {}.", browser::display_time(at)),
        None => "Last full export: never from this browser.".into(),
    };
    html! {
        <section class="page settings-page">
            <h1 tabindex="-1">{ "Settings" }</h1>
            <matrix::MatrixEditor />
            <people::PeopleEditor />
            <playbooks::PlaybooksEditor />
            <comms::CommsSettings />
            <review::ReviewRuleEditor />
            <costs::CostsEditor />
            <h2>{ "Storage" }</h2>
            { persisted }
            <p data-testid="storage-usage">{ usage }</p>
            <h2>{ "Backups" }</h2>
            <p data-testid="last-export">{ last_export }</p>
            <div>
                <label for="remind-days">{ "Remind me to export after this many days" }</label>
                <input id="remind-days" type="number" min="1" max={MAX_REMIND_DAYS.to_string()} step="1"
                    value={app.settings.remind_days.to_string()} onchange={ondays} />
            </div>
            <p class="hint">{ "The queue shows a reminder when the last full export is older than this and incidents changed since." }</p>
            <p class="hint">{ "Export all writes every incident and these settings to one file." }</p>
            <ExportButton what={ExportWhat::All} label="Export all" testid="settings-export" />
        </section>
    }
}
