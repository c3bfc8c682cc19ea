//! The playbooks in settings: each listed with its categories and length, opened to edit; a new
//! one; and the shipped ones restored as shipped (playbooks of other ids stay).

use std::collections::BTreeSet;

use yew::prelude::*;

use super::playbook_editor::PlaybookEditor;
use crate::components::words::{item_count, settings_refusal, Label};
use crate::domain::playbooks::Playbook;
use crate::domain::Category;
use crate::store::{use_app, Action, Flash};

/// "Security, Data — 9 items": what the closed disclosure says besides the name.
fn summary_words(playbook: &Playbook) -> String {
    let categories: Vec<&str> = playbook.categories.iter().map(|c| c.label()).collect();
    format!(
        "{} \u{2014} {}",
        categories.join(", "),
        item_count(playbook.items.len())
    )
}

/// A playbook as its disclosure: the summary always, the editor only while open.
fn disclosure(playbook: &Playbook, open: bool, ontoggle: &Callback<(String, bool)>) -> Html {
    let id = playbook.id.clone();
    let ontoggle = ontoggle.reform(move |e: Event| {
        let details: web_sys::Element = e.target_unchecked_into();
        (id.clone(), details.has_attribute("open"))
    });
    html! {
        <details key={playbook.id.clone()} class="playbook" data-testid="playbook" {open} {ontoggle}>
            <summary>
                <span class="playbook-name" data-testid="playbook-name">{ playbook.name.clone() }</span>
                <span class="hint">{ format!(" \u{2014} {}", summary_words(playbook)) }</span>
            </summary>
            if open {
                <PlaybookEditor playbook={playbook.clone()} />
            }
        </details>
    }
}

/// The list of playbooks, "New playbook" and "Restore the shipped playbooks".
#[component]
pub fn PlaybooksEditor() -> Html {
    let opened = use_state_eq(BTreeSet::<String>::new);
    let error = use_state_eq(|| None::<String>);
    let Some(app) = use_app() else {
        return html! {};
    };
    let ontoggle = {
        let opened = opened.clone();
        Callback::from(move |(id, open): (String, bool)| {
            let mut next = (*opened).clone();
            if open {
                next.insert(id);
            } else {
                next.remove(&id);
            }
            opened.set(next);
        })
    };
    let onnew = {
        let (app, opened, error) = (app.clone(), opened.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let playbook = Playbook {
                id: crate::browser::new_uuid().to_string(),
                name: "New playbook".into(),
                categories: vec![Category::Other],
                items: vec![],
            };
            match app.settings.with_playbook(&playbook) {
                Ok(next) => {
                    let mut open = (*opened).clone();
                    open.insert(playbook.id);
                    opened.set(open);
                    error.set(None);
                    app.dispatch(Action::ChangeSettings(next));
                }
                Err(refused) => error.set(Some(settings_refusal(&refused))),
            }
        })
    };
    let restored = app.settings.with_default_playbooks();
    let onrestore = {
        let (app, restored) = (app.clone(), restored.clone());
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::ChangeSettings(restored.clone()));
            app.dispatch(Action::Notify(Flash::Info(
                "The shipped playbooks are back as shipped; your own playbooks stay.".into(),
            )));
        })
    };
    html! {
        <section aria-labelledby="playbooks-title" class="playbooks">
            <h2 id="playbooks-title">{ "Playbooks" }</h2>
            <p class="hint">{ "Checklists for a category of incident: applied to an incident, each item becomes a task. Open one to edit it." }</p>
            if app.settings.playbooks.is_empty() {
                <p data-testid="playbooks-empty">{ "No playbooks." }</p>
            }
            { for app.settings.playbooks.iter().map(|p| disclosure(p, opened.contains(&p.id), &ontoggle)) }
            <div class="row">
                <button onclick={onnew} data-testid="playbook-new">{ "New playbook" }</button>
                if restored != app.settings {
                    <button onclick={onrestore} data-testid="playbooks-restore">{ "Restore the shipped playbooks" }</button>
                }
            </div>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="playbooks-error">{ error.clone() }</p>
            }
        </section>
    }
}
