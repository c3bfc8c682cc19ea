//! The mark beside a field that two copies changed apart: whose write lost, when, and its value.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::display_time;
use crate::components::words::{topic_label, value_words};
use crate::domain::{Incident, Topic};

/// Props of [`ConflictMark`].
#[derive(Properties, PartialEq)]
pub struct ConflictMarkProps {
    /// The incident.
    pub incident: Rc<Incident>,
    /// The topic to mark.
    pub topic: Topic,
}

/// "Also changed by B at 10:42 …" until someone sets the field again; nothing otherwise.
#[component]
pub fn ConflictMark(props: &ConflictMarkProps) -> Html {
    let conflicts = props.incident.conflicts(props.topic);
    if conflicts.is_empty() {
        return html! {};
    }
    let label = topic_label(props.topic);
    html! {
        <ul class="conflict" data-testid={format!("conflict-{}", label.replace(' ', "-"))}>
            { for conflicts.iter().map(|c| {
                let value = props.incident.event(c.event).map(|e| value_words(e, props.topic)).unwrap_or_default();
                html! {
                    <li>
                        { format!("⚠ The {label} was also changed by {} at {}", c.actor, display_time(c.recorded_at)) }
                        if !value.is_empty() { { format!(": “{value}”") } }
                        { ". The later change is shown; setting it again settles it." }
                    </li>
                }
            }) }
        </ul>
    }
}
