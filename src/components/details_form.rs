//! Edits an incident's title, description, category and services; each change is logged.

use yew::prelude::*;

use crate::components::{bind_input, bind_textarea, CategorySelect};
use crate::domain::{Command, Incident};

/// Props of [`DetailsForm`].
#[derive(Properties, PartialEq)]
pub struct DetailsFormProps {
    /// The incident as it is now.
    pub incident: std::rc::Rc<Incident>,
    /// Called with the edit to apply.
    pub onsave: Callback<Command>,
}

/// A collapsed "Edit details" form.
#[component]
pub fn DetailsForm(props: &DetailsFormProps) -> Html {
    let open = use_state(|| false);
    let title = use_state(|| props.incident.title.clone());
    let description = use_state(|| props.incident.description.clone());
    let category = use_state(|| props.incident.category);
    let services = use_state(|| props.incident.services.join(", "));
    if !*open {
        let onopen = {
            let (open, incident) = (open.clone(), props.incident.clone());
            let (title, description, category, services) = (
                title.clone(),
                description.clone(),
                category.clone(),
                services.clone(),
            );
            Callback::from(move |_| {
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
        let (open, onsave) = (open.clone(), props.onsave.clone());
        let (title, description, category, services) = (
            title.clone(),
            description.clone(),
            category.clone(),
            services.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            onsave.emit(Command::UpdateDetails {
                title: (*title).clone(),
                description: (*description).clone(),
                category: *category,
                services: services.split(',').map(str::to_string).collect(),
            });
            open.set(false);
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
            <div class="actions">
                <button type="submit" class="primary" data-testid="details-save">{ "Save details" }</button>
                <button type="button" onclick={oncancel}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
