//! The incident's timeline, ordered by when things happened, oldest or newest first (the choice
//! is remembered), and filtered to notes, changes, tasks or roles.

use std::rc::Rc;

use yew::prelude::*;

use crate::browser::{display_time, load_newest_first, save_newest_first};
use crate::components::select_value;
use crate::components::words::describe;
use crate::domain::{Change, Event, Incident};

/// Props of [`Timeline`].
#[derive(Properties, PartialEq)]
pub struct TimelineProps {
    /// The incident whose events are shown.
    pub incident: Rc<Incident>,
    /// Stars an entry for the review, or removes its star; none while entries cannot be starred.
    #[prop_or_default]
    pub onstar: Option<Callback<(uuid::Uuid, bool)>>,
}

/// Which entries the timeline shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// Every entry.
    All,
    /// Notes people wrote.
    Notes,
    /// Changes to the incident's fields, state, priority, resolution and links.
    Changes,
    /// Tasks added and worked.
    Tasks,
    /// Roles given, handed over and released.
    Roles,
    /// The entries starred for the review.
    Starred,
}

impl Show {
    /// Every choice, in menu order, with its machine name and label.
    const ALL: [(Show, &'static str, &'static str); 6] = [
        (Show::All, "all", "Everything"),
        (Show::Notes, "notes", "Notes"),
        (Show::Changes, "changes", "Changes"),
        (Show::Tasks, "tasks", "Tasks"),
        (Show::Roles, "roles", "Roles"),
        (Show::Starred, "starred", "Starred for the review"),
    ];

    /// Whether an event (starred for the review or not) is shown under this choice.
    pub fn admits(self, event: &Event, starred: bool) -> bool {
        if self == Show::Starred {
            return starred;
        }
        let kind = match &event.change {
            Change::Notes(_) => Show::Notes,
            Change::Tasks(_) => Show::Tasks,
            Change::Roles(_) => Show::Roles,
            _ => Show::Changes,
        };
        self == Show::All || self == kind
    }
}

fn entry(
    incident: &Incident,
    event: &Event,
    onstar: Option<&Callback<(uuid::Uuid, bool)>>,
) -> Html {
    let class = match &event.change {
        Change::Notes(_) => "event note",
        Change::Lifecycle(_) => "event state-change",
        _ => "event change",
    };
    let backdated = (event.recorded_at - event.at).num_minutes() >= 1;
    let line = describe(incident, event);
    let starred = incident.parts().review.is_starred(event.id);
    // Review entries themselves are not starred: the review lists what happened.
    let star = onstar
        .filter(|_| !matches!(event.change, Change::Review(_)))
        .map(|onstar| {
            let id = event.id;
            let onclick = onstar.reform(move |_: MouseEvent| (id, !starred));
            let short: String = line.chars().take(60).collect();
            html! {
                <button type="button" class={classes!("link", "star", starred.then_some("on"))} aria-pressed={if starred { "true" } else { "false" }}
                    aria-label={format!("Star for the review: {short}")} {onclick} data-testid="star">
                    <span aria-hidden="true">{ if starred { "★ " } else { "☆ " } }</span>{ "Star" }
                </button>
            }
        });
    let mark = (starred && star.is_none())
        .then(|| html! { <span class="star on" title="Starred for the review">{ "★ " }</span> });
    html! {
        <li class={classes!(class, starred.then_some("starred"))} data-testid="timeline-event">
            <time datetime={event.at.to_rfc3339()}>{ display_time(event.at) }</time>
            <span class="actor">{ event.actor.clone() }</span>
            <span class="what">
                { for mark }
                { line }
                if backdated {
                    <span class="hint">{ format!(" (written {})", display_time(event.recorded_at)) }</span>
                }
            </span>
            { for star }
        </li>
    }
}

/// The timeline with a filter and an order toggle.
#[component]
pub fn Timeline(props: &TimelineProps) -> Html {
    let newest_first = use_state(load_newest_first);
    let show = use_state(|| Show::All);
    let ontoggle = {
        let newest_first = newest_first.clone();
        Callback::from(move |_| {
            save_newest_first(!*newest_first);
            newest_first.set(!*newest_first);
        })
    };
    let onshow = {
        let show = show.clone();
        Callback::from(move |e: yew::Event| {
            let chosen = select_value(&e);
            let found = Show::ALL.into_iter().find(|(_, name, _)| *name == chosen);
            show.set(found.map_or(Show::All, |(s, _, _)| s));
        })
    };
    let mut events: Vec<&Event> = props
        .incident
        .events()
        .iter()
        .filter(|e| show.admits(e, props.incident.parts().review.is_starred(e.id)))
        .collect();
    crate::order::sort_by_key(&mut events, |e| e.timeline_key());
    if *newest_first {
        events.reverse();
    }
    html! {
        <section class="timeline" aria-labelledby="timeline-title">
            <div class="section-head">
                <h2 id="timeline-title">{ format!("Timeline ({})", events.len()) }</h2>
                <label for="timeline-show" class="inline">{ "Show" }</label>
                <select id="timeline-show" onchange={onshow}>
                    { for Show::ALL.into_iter().map(|(s, name, label)| html! {
                        <option value={name} selected={*show == s}>{ label }</option>
                    }) }
                </select>
                <button class="link" onclick={ontoggle} data-testid="timeline-order">
                    { if *newest_first { "Newest first ▾" } else { "Oldest first ▴" } }
                </button>
            </div>
            <ol>{ for events.into_iter().map(|e| entry(&props.incident, e, props.onstar.as_ref())) }</ol>
        </section>
    }
}
