//! The form asked for on the way to cancelled: a false alarm, or a duplicate of which incident
//! (which writes the link with the cancellation).

use std::collections::BTreeMap;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use super::links::{find_reference, REFERENCES};
use crate::components::{bind_input, refusal_message, Attempt};
use crate::domain::commands::Transition;
use crate::domain::links::LinkCommand;
use crate::domain::{Command, Incident, State};
use crate::store::Shared;

/// Props of [`CancelForm`].
#[derive(Properties, PartialEq)]
pub struct CancelFormProps {
    /// Every incident this browser holds (to find the one this duplicates).
    pub incidents: Shared<BTreeMap<Uuid, Rc<Incident>>>,
    /// Runs the command; answers whether it was accepted.
    pub attempt: Attempt<Command>,
    /// Closes the form without cancelling.
    pub onclose: Callback<()>,
}

/// Why the incident is cancelled.
#[component]
pub fn CancelForm(props: &CancelFormProps) -> Html {
    let duplicate = use_state(|| false);
    let target = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (duplicate, target, error) = (duplicate.clone(), target.clone(), error.clone());
        let (attempt, incidents) = (props.attempt.clone(), props.incidents.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let command = if *duplicate {
                let Some(other) = find_reference(&incidents, &target) else {
                    return error.set(Some(format!(
                        "No incident “{}” in this browser: give the reference of the incident this one duplicates, such as INC-0042.",
                        target.trim()
                    )));
                };
                Command::Links(LinkCommand::CancelAsDuplicate {
                    target: other.id(),
                    target_ref: other.reference.clone(),
                })
            } else {
                Command::Lifecycle(Transition(State::Cancelled))
            };
            if let Err(refused) = attempt.emit(command) {
                error.set(Some(refusal_message(&refused)));
            }
        })
    };
    let reason = |is_duplicate: bool, words: &'static str| {
        let onchange = {
            let duplicate = duplicate.clone();
            Callback::from(move |_: Event| duplicate.set(is_duplicate))
        };
        html! {
            <label class="inline">
                <input type="radio" name="cancel-reason" checked={*duplicate == is_duplicate} {onchange} />
                { words }
            </label>
        }
    };
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <form class="cancel-form panel" {onsubmit} aria-labelledby="cancel-title">
            <h2 id="cancel-title">{ "Cancel the incident" }</h2>
            <fieldset>
                <legend>{ "Why?" }</legend>
                { reason(false, "False alarm") }
                { reason(true, "Duplicate of another incident") }
            </fieldset>
            if *duplicate {
                <label for="duplicate-of">{ "Duplicate of (incident reference)" }</label>
                <input id="duplicate-of" type="text" list={REFERENCES} placeholder="INC-0042" autocomplete="off"
                    value={(*target).clone()} oninput={bind_input(&target)} />
            }
            <div class="row">
                <button type="submit" class="danger" data-testid="cancel-submit">{ "Cancel the incident" }</button>
                <button type="button" onclick={onclose}>{ "Keep it open" }</button>
            </div>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="cancel-error">{ error.clone() }</p>
            }
        </form>
    }
}
