//! Buttons for the lifecycle moves the current state allows.

use yew::prelude::*;

use crate::components::words::Label;

use crate::domain::State;

/// Props of [`TransitionBar`].
#[derive(Properties, PartialEq)]
pub struct TransitionBarProps {
    /// Current state.
    pub state: State,
    /// Called with the chosen next state.
    pub ontransition: Callback<State>,
}

fn verb(from: State, to: State) -> &'static str {
    match (from, to) {
        (State::Resolved, State::Investigating) => "Reopen",
        (_, State::Triaged) => "Acknowledge (triaged)",
        (_, State::Investigating) => "Start investigating",
        (_, State::Contained) => "Mark contained",
        (_, State::Resolved) => "Mark resolved",
        (_, State::Closed) => "Close",
        (_, State::Cancelled) => "Cancel (false alarm / duplicate)",
        (_, State::Reported) => "Back to reported",
    }
}

/// One button per allowed transition; refused moves are simply not offered.
#[component]
pub fn TransitionBar(props: &TransitionBarProps) -> Html {
    let next = props.state.next_states();
    if next.is_empty() {
        return html! { <p class="hint">{ format!("This incident is {} and final.", props.state.label()) }</p> };
    }
    let button = |to: State| {
        let onclick = props.ontransition.reform(move |_: MouseEvent| to);
        let class = if to == State::Cancelled {
            "danger"
        } else {
            "primary"
        };
        html! {
            <button {class} {onclick} data-testid={format!("transition-{}", to.as_str())}>
                { verb(props.state, to) }
            </button>
        }
    };
    html! { <div class="transition-bar">{ for next.into_iter().map(button) }</div> }
}
