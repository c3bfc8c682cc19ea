//! Sets the incident commander or hands command over.

use yew::prelude::*;

use crate::components::{bind_input, refusal_message, Attempt};

/// Props of [`CommanderForm`].
#[derive(Properties, PartialEq)]
pub struct CommanderFormProps {
    /// Current commander, if any.
    pub current: Option<String>,
    /// The acting user, offered as a one-click choice.
    pub user: Option<String>,
    /// Called with the new commander's name; answers whether it was accepted.
    pub onassign: Attempt<String>,
}

/// Commander name field with "take command" shortcut.
#[component]
pub fn CommanderForm(props: &CommanderFormProps) -> Html {
    let name = use_state(String::new);
    let error = use_state(|| None::<String>);
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
    let take = props
        .user
        .clone()
        .filter(|u| props.current.as_ref() != Some(u))
        .map(|user| {
            let (onassign, error) = (props.onassign.clone(), error.clone());
            let onclick = Callback::from(move |_| {
                error.set(
                    onassign
                        .emit(user.clone())
                        .err()
                        .map(|e| refusal_message(&e)),
                );
            });
            html! {
                <button type="button" {onclick}>
                    { "Take command" }
                </button>
            }
        });
    let label = if props.current.is_some() {
        "Hand over to"
    } else {
        "Incident commander"
    };
    html! {
        <form class="commander-form row" {onsubmit}>
            <label for="commander" class="inline">{ label }</label>
            <input id="commander" type="text" placeholder="Name" value={(*name).clone()} oninput={bind_input(&name)} />
            <button type="submit" data-testid="commander-submit">{ "Assign" }</button>
            { for take }
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="commander-error">{ error.clone() }</p>
            }
        </form>
    }
}
