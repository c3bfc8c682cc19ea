//! One playbook, opened in settings: its name, categories and items, each change kept as soon as
//! the settings accept it. A refused change keeps what was typed beside the sentence saying why.

use yew::prelude::*;

use crate::components::bind_input;
use crate::components::words::{settings_refusal, Label};
use crate::domain::playbooks::Playbook;
use crate::domain::Category;
use crate::store::{use_app, Action, Flash};

/// Props of [`PlaybookEditor`].
#[derive(Properties, PartialEq)]
pub struct PlaybookEditorProps {
    /// The playbook as the settings hold it.
    pub playbook: Playbook,
}

/// One item's row: its text, and buttons to move it and remove it.
fn item_row(draft: &Playbook, index: usize, saved_name: &str, change: &Callback<Playbook>) -> Html {
    let Some(item) = draft.items.get(index) else {
        return html! {};
    };
    let last = index + 1 == draft.items.len();
    let (edit, moved, removed) = (draft.clone(), draft.clone(), draft.clone());
    let onchange = change.reform(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        edit.with_item_text(index, &input.value())
    });
    let onup = change.reform({
        let moved = moved.clone();
        move |_: MouseEvent| moved.with_item_moved(index, true)
    });
    let ondown = change.reform(move |_: MouseEvent| moved.with_item_moved(index, false));
    let onremove = change.reform(move |_: MouseEvent| removed.without_item(index));
    html! {
        <li key={item.id.clone()} class="playbook-item" data-testid="playbook-item">
            <input type="text" value={item.text.clone()} {onchange}
                aria-label={format!("Item {} of {saved_name}", index + 1)} />
            <span class="item-actions">
                <button type="button" class="link" disabled={index == 0} onclick={onup}
                    aria-label={format!("Move \u{201c}{}\u{201d} up", item.text)}>{ "\u{2191}" }</button>
                <button type="button" class="link" disabled={last} onclick={ondown}
                    aria-label={format!("Move \u{201c}{}\u{201d} down", item.text)}>{ "\u{2193}" }</button>
                <button type="button" class="link" onclick={onremove}>{ format!("Remove \u{201c}{}\u{201d}", item.text) }</button>
            </span>
        </li>
    }
}

/// A checkbox for one category, labelled by the category's name.
fn category_box(draft: &Playbook, category: Category, change: &Callback<Playbook>) -> Html {
    let draft = draft.clone();
    let checked = draft.fits(category);
    let onchange = change.reform(move |_: Event| {
        let mut next = draft.clone();
        next.categories.retain(|c| *c != category);
        if !checked {
            next.categories.push(category);
        }
        next
    });
    html! {
        <label class="check"><input type="checkbox" {checked} {onchange} />{ category.label() }</label>
    }
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
            if *confirming {
                <div class="row" role="group" aria-label={format!("Remove the playbook {}?", saved.name)}>
                    <span>{ format!("Remove {} and its {} items? Tasks already made from it stay on their incidents.", saved.name, saved.items.len()) }</span>
                    <button type="button" class="danger" onclick={onremove}>{ format!("Yes, remove {}", saved.name) }</button>
                    <button type="button" onclick={onask.clone()}>{ "Keep it" }</button>
                </div>
            } else {
                <button type="button" class="danger" onclick={onask}>{ format!("Remove playbook {}", saved.name) }</button>
            }
        </div>
    }
}
