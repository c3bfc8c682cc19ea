//! One role of an incident: who holds it and since when, and the form that assigns it, hands it
//! over or releases it.

use chrono::{DateTime, Utc};
use yew::prelude::*;

use crate::browser::display_time;
use crate::components::words::{role_label, topic_label};
use crate::components::{bind_input, refusal_message, Attempt};
use crate::domain::roles::Role;
use crate::domain::Topic;

/// Props of [`RoleForm`].
#[derive(Properties, PartialEq)]
pub struct RoleFormProps {
    /// Which role.
    pub role: Role,
    /// Who holds it and since when, if anyone.
    pub holder: Option<(String, DateTime<Utc>)>,
    /// The acting user, offered as a one-click choice.
    pub user: Option<String>,
    /// Id of the list of names the field suggests.
    pub people: AttrValue,
    /// Called with the new holder's name; answers whether it was accepted.
    pub onassign: Attempt<String>,
    /// Leaves the role vacant.
    pub onrelease: Callback<()>,
}

/// The words of the role's buttons: assign (or hand over), take it yourself, release.
fn button_words(role: Role, held: bool) -> (String, String, String) {
    let name = topic_label(Topic::Role(role));
    match (role, held) {
        (Role::Commander, true) => (
            "Hand over command".into(),
            "Take command".into(),
            "Release command".into(),
        ),
        (Role::Commander, false) => (
            "Assign commander".into(),
            "Take command".into(),
            "Release command".into(),
        ),
        (_, true) => (
            format!("Hand over {name}"),
            format!("Become {name}"),
            format!("Release {name}"),
        ),
        (_, false) => (
            format!("Assign {name}"),
            format!("Become {name}"),
            format!("Release {name}"),
        ),
    }
}

/// A role with its holder and the form that changes it.
#[component]
pub fn RoleForm(props: &RoleFormProps) -> Html {
    let name = use_state(String::new);
    let error = use_state(|| None::<String>);
    let key = props.role.as_str();
    let label = role_label(props.role);
    let (assign, take, release) = button_words(props.role, props.holder.is_some());
    let onsubmit = {
        let (name, error, onassign) = (name.clone(), error.clone(), props.onassign.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // A refused name stays in the field with the reason beside it.
            match onassign.emit((*name).clone()) {
                Ok(()) => {
                    name.set(String::new());
                    error.set(None);
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let holds = |user: &String| props.holder.as_ref().is_some_and(|(h, _)| h == user);
    let take = props.user.clone().filter(|u| !holds(u)).map(|user| {
        let (onassign, error) = (props.onassign.clone(), error.clone());
        let onclick = Callback::from(move |_| {
            error.set(
                onassign
                    .emit(user.clone())
                    .err()
                    .map(|e| refusal_message(&e)),
            );
        });
        html! { <button type="button" class="link" {onclick}>{ take }</button> }
    });
    let holder = match &props.holder {
        Some((person, since)) => html! {
            <p class="holder" data-testid={format!("{key}-holder")}>
                <strong>{ person.clone() }</strong>
                <span class="hint">{ format!(" since {}", display_time(*since)) }</span>
            </p>
        },
        None => {
            html! { <p class="holder vacant" data-testid={format!("{key}-holder")}>{ "Vacant" }</p> }
        }
    };
    let release = props.holder.is_some().then(|| {
        let onrelease = props.onrelease.reform(|e: MouseEvent| e.prevent_default());
        html! { <button type="button" class="link" onclick={onrelease}>{ release }</button> }
    });
    html! {
        <div class="role" data-testid={format!("role-{key}")}>
            <h3>{ label }</h3>
            { holder }
            <form class="role-form" {onsubmit}>
                <div class="row">
                    <label for={key} class="visually-hidden">{ label }</label>
                    <input id={key} type="text" placeholder="Name" list={props.people.clone()} autocomplete="off"
                        value={(*name).clone()} oninput={bind_input(&name)} />
                    <button type="submit" data-testid={format!("{key}-submit")}>{ assign }</button>
                </div>
                <div class="role-actions">{ for take }{ for release }</div>
            </form>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid={format!("{key}-error")}>{ error.clone() }</p>
            }
        </div>
    }
}
