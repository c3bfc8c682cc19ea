//! One playbook, opened in settings: its name, categories and items, each change kept as soon as
//! the settings accept it. A refused change keeps what was typed beside the sentence saying why.

use yew::prelude::*;

use super::playbook_parts::{category_box, item_row};
use crate::components::bind_input;
use crate::components::words::{item_count, settings_refusal};
use crate::domain::playbooks::Playbook;
use crate::domain::Category;
use crate::store::{use_app, Action, Flash};

/// Props of [`PlaybookEditor`].
#[derive(Properties, PartialEq)]
pub struct PlaybookEditorProps {
    /// The playbook as the settings hold it.
    pub playbook: Playbook,
}

/// The editor of one playbook, with its removal behind a confirmation.
#[component]
pub fn PlaybookEditor(props: &PlaybookEditorProps) -> Html {
    let draft = use_state(|| props.playbook.clone());
    let new_item = use_state(String::new);
    let error = use_state(|| None::<String>);
    let confirming = use_state(|| false);
    {
        let draft = draft.clone();
        use_effect_with(props.playbook.clone(), move |saved| {
            draft.set(saved.clone())
        });
    }
    let Some(app) = use_app() else {
        return html! {};
    };
    let saved = &props.playbook;
    // Keeps `next` if the settings accept it; else shows why and keeps it as typed.
    let change = {
        let (app, draft, error) = (app.clone(), draft.clone(), error.clone());
        Callback::from(move |next: Playbook| {
            match app.settings.with_playbook(&next) {
                Ok(settings) => {
                    error.set(None);
                    app.dispatch(Action::ChangeSettings(settings));
                }
                Err(refused) => error.set(Some(settings_refusal(&refused))),
            }
            draft.set(next);
        })
    };
    let onname = change.reform({
        let draft = (*draft).clone();
        move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            Playbook {
                name: input.value(),
                ..draft.clone()
            }
        }
    });
    let onadd = {
        let (app, draft, new_item, error) =
            (app.clone(), draft.clone(), new_item.clone(), error.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let id = crate::browser::new_uuid().to_string();
            let next = draft.with_item(&id, &new_item);
            match app.settings.with_playbook(&next) {
                Ok(settings) => {
                    error.set(None);
                    new_item.set(String::new());
                    draft.set(next);
                    app.dispatch(Action::ChangeSettings(settings));
                }
                Err(refused) => error.set(Some(settings_refusal(&refused))),
            }
        })
    };
    let onremove = {
        let (app, id, name) = (app.clone(), saved.id.clone(), saved.name.clone());
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::ChangeSettings(app.settings.without_playbook(&id)));
            app.dispatch(Action::Notify(Flash::Info(format!(
                "Removed the playbook {name}."
            ))));
        })
    };
    let onask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(!*confirming))
    };
    let title = format!("Items of {}", saved.name);
    html! {
        <div class="playbook-editor">
            <label>{ "Playbook name" }
                <input type="text" value={draft.name.clone()} onchange={onname} />
            </label>
            <fieldset class="playbook-categories">
                <legend>{ format!("Categories of {}", saved.name) }</legend>
                { for Category::ALL.into_iter().map(|c| category_box(&draft, c, &change)) }
            </fieldset>
            <ol class="playbook-items" aria-label={title}>
                { for (0..draft.items.len()).map(|i| item_row(&draft, i, &saved.name, &change)) }
            </ol>
            <form class="row" onsubmit={onadd}>
                <label class="inline">{ "New item" }
                    <input type="text" value={(*new_item).clone()} oninput={bind_input(&new_item)} />
                </label>
                <button type="submit">{ "Add item" }</button>
            </form>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="playbook-error">{ error.clone() }</p>
            }
            <button type="button" class="danger" onclick={onask.clone()} aria-expanded={confirming.to_string()}>
                { format!("Remove playbook {}", saved.name) }
            </button>
            if *confirming {
                <div class="row" role="group" aria-label={format!("Remove the playbook {}?", saved.name)}>
                    <span>{ format!("Remove {} and its {}? Tasks already made from it stay on their incidents.", saved.name, item_count(saved.items.len())) }</span>
                    <button type="button" class="danger" onclick={onremove}>{ format!("Yes, remove {}", saved.name) }</button>
                    <button type="button" onclick={onask}>{ "Keep it" }</button>
                </div>
            }
        </div>
    }
}
