//! Adds a subject-matter expert to an incident: who, and what they know about.

use yew::prelude::*;

use crate::components::{bind_input, refusal_message, Attempt};
use crate::domain::roles::Expert;

/// Props of [`ExpertForm`].
#[derive(Properties, PartialEq)]
pub struct ExpertFormProps {
    /// Id of the list of names the name field suggests.
    pub people: AttrValue,
    /// Called with the expert; answers whether it was accepted.
    pub onadd: Attempt<Expert>,
}

/// Name and area fields with an "Add subject expert" button.
#[component]
pub fn ExpertForm(props: &ExpertFormProps) -> Html {
    let person = use_state(String::new);
    let area = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (person, area, error) = (person.clone(), area.clone(), error.clone());
        let onadd = props.onadd.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let expert = Expert {
                person: (*person).clone(),
                area: (*area).clone(),
            };
            match onadd.emit(expert) {
                Ok(()) => {
                    person.set(String::new());
                    area.set(String::new());
                    error.set(None);
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    html! {
        <form class="expert-form row" {onsubmit}>
            <label for="expert-name" class="visually-hidden">{ "Expert name" }</label>
            <input id="expert-name" type="text" placeholder="Expert name" list={props.people.clone()} autocomplete="off"
                value={(*person).clone()} oninput={bind_input(&person)} />
            <label for="expert-area" class="visually-hidden">{ "Area of expertise" }</label>
            <input id="expert-area" type="text" placeholder="Area, e.g. database" value={(*area).clone()} oninput={bind_input(&area)} />
            <button type="submit" data-testid="expert-submit">{ "Add subject expert" }</button>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="expert-error">{ error.clone() }</p>
            }
        </form>
    }
}
