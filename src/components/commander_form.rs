//! Sets the incident commander or hands command over.

use yew::prelude::*;

use crate::components::bind_input;

/// Props of [`CommanderForm`].
#[derive(Properties, PartialEq)]
pub struct CommanderFormProps {
    /// Current commander, if any.
    pub current: Option<String>,
    /// The acting user, offered as a one-click choice.
    pub user: Option<String>,
    /// Called with the new commander's name.
    pub onassign: Callback<String>,
}

/// Commander name field with "take command" shortcut.
#[component]
pub fn CommanderForm(props: &CommanderFormProps) -> Html {
    let name = use_state(String::new);
    let onsubmit = {
        let (name, onassign) = (name.clone(), props.onassign.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if !name.trim().is_empty() {
                onassign.emit(name.trim().to_string());
                name.set(String::new());
            }
        })
    };
    let take = props.user.clone().filter(|u| props.current.as_ref() != Some(u)).map(|user| {
        let onassign = props.onassign.clone();
        html! {
            <button type="button" onclick={Callback::from(move |_| onassign.emit(user.clone()))}>
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
        </form>
    }
}
