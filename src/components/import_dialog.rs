//! The import preview: what a file would add or change, confirmed or cancelled before anything is written.

use yew::prelude::*;

use std::rc::Rc;

use crate::components::words::{
    future_dated, import_refusal, plan_change, settings_changes, topic_label,
};
use crate::components::Modal;
use crate::hooks::{ImportFailure, ImportHandle, ImportStage};
use crate::transfer::{ImportPlan, Outcome, PlannedIncident, SettingsPlan};

fn item(planned: &PlannedIncident) -> Html {
    let what = match &planned.outcome {
        Outcome::New => "new".to_string(),
        Outcome::Unchanged => "unchanged".to_string(),
        Outcome::Merge {
            changes,
            not_taken,
            conflicts,
        } => {
            let names = |topics: &[crate::domain::Topic]| {
                topics
                    .iter()
                    .map(|t| topic_label(*t))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let mut words: Vec<String> = changes.iter().map(plan_change).collect();
            if !not_taken.is_empty() {
                words.push(format!(
                    "a later change here wins for: {}",
                    names(not_taken)
                ));
            }
            if !conflicts.is_empty() {
                words.push(format!("changed on both sides: {}", names(conflicts)));
            }
            format!("merge: {}", words.join("; "))
        }
    };
    html! {
        <li>
            <span class="row-ref">{ planned.reference.clone() }</span>{ " " }
            <strong>{ planned.title.clone() }</strong>{ " — " }{ what }
            if let Some(old) = &planned.renumbered_from {
                <span class="hint">{ format!(" (was {old} in the file; that reference is taken here)") }</span>
            }
        </li>
    }
}

/// Shows only the first rows of a long preview; the counts cover all of it.
const PREVIEW_ROWS: usize = 50;

/// What the file's settings would change, and the choice to apply them.
fn settings_choice(plan: &SettingsPlan, apply: &UseStateHandle<bool>) -> Html {
    let onchange = {
        let apply = apply.clone();
        Callback::from(move |e: Event| {
            apply.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    html! {
        <fieldset class="import-settings" data-testid="import-settings">
            <legend>{ "Settings in this file" }</legend>
            <ul>{ for settings_changes(&plan.diff).into_iter().map(|line| html! { <li>{ line }</li> }) }</ul>
            <label class="check">
                <input type="checkbox" checked={**apply} {onchange} data-testid="import-apply-settings" />
                { "Also apply these settings" }
            </label>
            <p class="hint">{ "Leave it unticked to import the incidents alone; your settings stay as they are." }</p>
        </fieldset>
    }
}

/// Props of [`Preview`].
#[derive(Properties, PartialEq)]
struct PreviewProps {
    file_name: String,
    plan: Rc<ImportPlan>,
    settings: Option<Rc<SettingsPlan>>,
    handle: ImportHandle,
}

#[component]
fn Preview(props: &PreviewProps) -> Html {
    let apply = use_state(|| false);
    let (file_name, plan, handle) = (&props.file_name, &props.plan, &props.handle);
    let counts = plan.counts();
    let onconfirm = {
        let apply = apply.clone();
        handle.onconfirm.reform(move |_: MouseEvent| *apply)
    };
    let oncancel = handle.oncancel.reform(|_: MouseEvent| ());
    let nothing = plan.to_write.is_empty() && props.settings.is_none();
    let onclose = handle.oncancel.clone();
    html! {
        <Modal labelledby="import-title" class="wide" testid="import-preview" {onclose}>
            <h2 id="import-title">{ format!("Import {file_name}") }</h2>
            <p data-testid="import-counts">
                { format!("{} new, {} merge into incidents here, {} unchanged", counts.new, counts.merged, counts.unchanged) }
                if counts.renumbered > 0 { { format!(", {} given a new reference", counts.renumbered) } }
                if counts.conflicted > 0 { { format!(", {} with fields changed on both sides", counts.conflicted) } }
                { "." }
            </p>
            if let Some(future) = plan.future {
                <p class="warning" role="status" data-testid="import-future">{ future_dated(future) }</p>
            }
            <ul class="import-items">{ for plan.items.iter().take(PREVIEW_ROWS).map(item) }</ul>
            if plan.items.len() > PREVIEW_ROWS {
                <p class="hint">{ format!("…and {} more.", plan.items.len() - PREVIEW_ROWS) }</p>
            }
            if let Some(settings) = &props.settings {
                { settings_choice(settings, &apply) }
            }
            <div class="actions">
                if nothing {
                    <button class="primary" onclick={oncancel} data-testid="import-cancel">{ "Nothing to import — close" }</button>
                } else {
                    <button class="primary" onclick={onconfirm} data-testid="import-confirm">{ "Import" }</button>
                    <button onclick={oncancel} data-testid="import-cancel">{ "Cancel" }</button>
                }
            </div>
        </Modal>
    }
}

/// Why an import could not go on, in one sentence.
fn failure_words(failure: &ImportFailure) -> String {
    match failure {
        ImportFailure::Unreadable(detail) => format!("The file could not be read: {detail}"),
        ImportFailure::NoStorage => {
            "Local storage is not available, so nothing can be imported.".into()
        }
        ImportFailure::Storage(error) => crate::components::import_failure_message(error),
    }
}

/// Props of [`ImportDialog`].
#[derive(Properties, PartialEq)]
pub struct ImportDialogProps {
    /// The import in progress.
    pub handle: ImportHandle,
}

/// Modal for the import in progress; renders nothing when idle.
#[component]
pub fn ImportDialog(props: &ImportDialogProps) -> Html {
    let handle = &props.handle;
    let close = handle.oncancel.reform(|_: MouseEvent| ());
    let message = |title: String, body: String| {
        html! {
            <Modal labelledby="import-error-title" role="alertdialog" testid="import-error" onclose={handle.oncancel.clone()}>
                <h2 id="import-error-title">{ title }</h2>
                <p data-testid="import-error-text">{ body }</p>
                <p class="hint">{ "Nothing was written; your incidents are as they were." }</p>
                <div class="actions"><button class="primary" onclick={close.clone()}>{ "Close" }</button></div>
            </Modal>
        }
    };
    let body = match &handle.stage {
        ImportStage::Idle => return html! {},
        ImportStage::Reading { file_name } => html! {
            <div class="dialog-backdrop"><div class="dialog" role="status" aria-live="polite"><p>{ format!("Reading and checking {file_name}…") }</p></div></div>
        },
        ImportStage::Writing => html! {
            <div class="dialog-backdrop"><div class="dialog" role="status" aria-live="polite"><p>{ "Writing to this browser's storage… all of it lands or none of it does." }</p></div></div>
        },
        ImportStage::Refused { file_name, error } => message(
            format!("{file_name} cannot be imported"),
            import_refusal(error),
        ),
        ImportStage::Failed(failure) => {
            message("Import failed".to_string(), failure_words(failure))
        }
        ImportStage::Preview {
            file_name,
            plan,
            settings,
        } => html! {
            <Preview file_name={file_name.clone()} plan={plan.clone()} settings={settings.clone()} handle={handle.clone()} />
        },
    };
    body
}
