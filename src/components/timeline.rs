//! The incident's timeline, oldest-first or newest-first, ordered by when things happened.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::display_time;
use crate::components::words::describe;
use crate::domain::{Change, Event, Incident};

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The incident whose events are shown.
    pub incident: Rc<Incident>,
}

fn entry(incident: &Incident, event: &Event) -> Html {
    let class = match &event.change {
        Change::Notes(_) => "event note",
        Change::Lifecycle(_) => "event state-change",
        _ => "event change",
    };
    let backdated = (event.recorded_at - event.at).num_minutes() >= 1;
    html! {
        <li {class} data-testid="timeline-event">
            <time datetime={event.at.to_rfc3339()}>{ display_time(event.at) }</time>
            <span class="actor">{ event.actor.clone() }</span>
            <span class="what">
                { describe(incident, event) }
                if backdated {
                    <span class="hint">{ format!(" (written {})", display_time(event.recorded_at)) }</span>
                }
            </span>
        </li>
    }
}

/// The timeline with an order toggle.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let newest_first = use_state(|| false);
    let ontoggle = {
        let newest_first = newest_first.clone();
        Callback::from(move |_| newest_first.set(!*newest_first))
    };
    let mut events: Vec<&Event> = props.incident.events().iter().collect();
    crate::order::sort_by_key(&mut events, |e| e.timeline_key());
    if *newest_first {
        events.reverse();
    }
    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <div class="section-head">
                <h2 id="timeline-title">{ format!("Timeline ({})", events.len()) }</h2>
                <button class="link" onclick={ontoggle} data-testid="timeline-order">
                    { if *newest_first { "Newest first ▾" } else { "Oldest first ▴" } }
                </button>
            </div>
            <ol>{ for events.into_iter().map(|e| entry(&props.incident, e)) }</ol>
        </section>
    }
}
