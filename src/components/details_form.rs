//! Edits an incident's title, description, category and services; each change is logged.

use yew::prelude::*;

use crate::components::{bind_input, bind_textarea, refusal_message, Attempt, CategorySelect};
use crate::domain::commands::EditDetails;
use crate::domain::Incident;

/// Props of [`DetailsForm`].
#[derive(Properties, PartialEq)]
pub struct DetailsFormProps {
    /// The incident as it is now.
    pub incident: std::rc::Rc<Incident>,
    /// Called with the edit to apply; answers whether it was accepted.
    pub onsave: Attempt<EditDetails>,
}

/// A collapsed "Edit details" form.
#[component]
pub fn DetailsForm(props: &DetailsFormProps) -> Html {
    let open = use_state(|| false);
    let title = use_state(|| props.incident.title.clone());
    let description = use_state(|| props.incident.description.clone());
    let category = use_state(|| props.incident.category);
    let services = use_state(|| props.incident.services.join(", "));
    let error = use_state(|| None::<String>);
    if !*open {
        let onopen = {
            let (open, incident) = (open.clone(), props.incident.clone());
            let (title, description, category, services) = (
                title.clone(),
                description.clone(),
                category.clone(),
                services.clone(),
            );
            let error = error.clone();
            Callback::from(move |_| {
                error.set(None);
                title.set(incident.title.clone());
                description.set(incident.description.clone());
                category.set(incident.category);
                services.set(incident.services.join(", "));
                open.set(true);
            })
        };
        return html! { <button class="link" onclick={onopen} data-testid="edit-details">{ "Edit details" }</button> };
    }
    let onsubmit = {
        let (open, error, onsave) = (open.clone(), error.clone(), props.onsave.clone());
        let (title, description, category, services) = (
            title.clone(),
            description.clone(),
            category.clone(),
            services.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let edit = EditDetails {
                title: (*title).clone(),
                description: (*description).clone(),
                category: *category,
                services: services.split(',').map(str::to_string).collect(),
            };
            // A refused edit keeps the form open with what was typed and the reason.
            match onsave.emit(edit) {
                Ok(()) => open.set(false),
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let oncancel = {
        let open = open.clone();
        Callback::from(move |_| open.set(false))
    };
    html! {
        <form class="details-form" {onsubmit}>
            <label for="edit-title">{ "Title" }</label>
            <input id="edit-title" type="text" value={(*title).clone()} oninput={bind_input(&title)} />
            <label for="edit-description">{ "What is seen" }</label>
            <textarea id="edit-description" rows="3" value={(*description).clone()} oninput={bind_textarea(&description)} />
            <label for="edit-category">{ "Category" }</label>
            <CategorySelect id="edit-category" value={*category} onchange={{ let category = category.clone(); Callback::from(move |c| category.set(c)) }} />
            <label for="edit-services">{ "Affected services" }</label>
            <input id="edit-services" type="text" value={(*services).clone()} oninput={bind_input(&services)} />
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="details-error">{ error.clone() }</p>
            }
            <div class="actions">
                <button type="submit" class="primary" data-testid="details-save">{ "Save details" }</button>
                <button type="button" onclick={oncancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
