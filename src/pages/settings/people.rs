//! The people directory in settings: who may hold a role, their team and how to reach them.
//! Role fields suggest these names; any name can hold a role all the same.

use yew::prelude::*;

use crate::components::bind_input;
use crate::components::words::settings_refusal;
use crate::domain::settings::{Person, Settings};
use crate::store::{use_app, Action};

fn row(person: &Person, onremove: &Callback<String>) -> Html {
    let name = person.name.clone();
    let onclick = onremove.reform(move |_: MouseEvent| name.clone());
    html! {
        <tr data-testid="person">
            <td>{ person.name.clone() }</td>
            <td>{ person.team.clone() }</td>
            <td>{ person.contact.clone() }</td>
            <td><button class="link" {onclick}>{ format!("Remove {}", person.name) }</button></td>
        </tr>
    }
}

/// The directory and the form that adds or updates a person.
#[component]
pub fn PeopleEditor() -> Html {
    let name = use_state(String::new);
    let team = use_state(String::new);
    let contact = use_state(String::new);
    let error = use_state(|| None::<String>);
    let Some(app) = use_app() else {
        return html! {};
    };
    let settings: &Settings = &app.settings;
    let known = settings.person(&name).is_some();
    let onsubmit = {
        let (app, name, team, contact, error) = (
            app.clone(),
            name.clone(),
            team.clone(),
            contact.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let person = Person {
                name: (*name).clone(),
                team: (*team).clone(),
                contact: (*contact).clone(),
            };
            match app.settings.with_person(person) {
                Ok(next) => {
                    app.dispatch(Action::ChangeSettings(next));
                    name.set(String::new());
                    team.set(String::new());
                    contact.set(String::new());
                    error.set(None);
                }
                Err(refused) => error.set(Some(settings_refusal(&refused))),
            }
        })
    };
    let onremove = {
        let app = app.clone();
        Callback::from(move |person: String| {
            app.dispatch(Action::ChangeSettings(app.settings.without_person(&person)))
        })
    };
    html! {
        <section aria-labelledby="people-title">
            <h2 id="people-title">{ "People" }</h2>
            <p class="hint">{ "Role fields suggest these names. Anyone can hold a role, listed here or not." }</p>
            if settings.people.is_empty() {
                <p data-testid="people-empty">{ "No one listed yet." }</p>
            } else {
                <table class="people">
                    <thead><tr><th scope="col">{ "Name" }</th><th scope="col">{ "Team" }</th><th scope="col">{ "Contact" }</th><th scope="col"><span class="visually-hidden">{ "Actions" }</span></th></tr></thead>
                    <tbody>{ for settings.people.iter().map(|p| row(p, &onremove)) }</tbody>
                </table>
            }
            <form class="person-form row" {onsubmit}>
                <label for="person-name">{ "Name" }</label>
                <input id="person-name" type="text" value={(*name).clone()} oninput={bind_input(&name)} />
                <label for="person-team">{ "Team" }</label>
                <input id="person-team" type="text" value={(*team).clone()} oninput={bind_input(&team)} />
                <label for="person-contact">{ "How to reach them" }</label>
                <input id="person-contact" type="text" value={(*contact).clone()} oninput={bind_input(&contact)} />
                <button type="submit" data-testid="person-submit">{ if known { "Update person" } else { "Add person" } }</button>
            </form>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="person-error">{ error.clone() }</p>
            }
        </section>
    }
}
