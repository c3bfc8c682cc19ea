//! The incident's heading: reference, title, state, priority and commander, with conflict marks.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{ConflictMark, KindBadge, PriorityBadge, StateBadge};
use crate::domain::details::DetailField;
use crate::domain::{Incident, Topic};

/// The heading of the incident page.
pub fn head(incident: &Rc<Incident>) -> Html {
    let mark = |topic: Topic| html! { <ConflictMark incident={incident.clone()} {topic} /> };
    html! {
        <header class="incident-head">
            <span class="ref" data-testid="incident-ref">{ incident.reference.clone() }</span>
            <KindBadge kind={incident.kind} />
            <h1 tabindex="-1" data-testid="incident-title">{ incident.title.clone() }</h1>
            { mark(Topic::Reference) }
            { mark(Topic::Details(DetailField::Title)) }
            <div class="head-badges">
                <span data-testid="incident-state"><StateBadge state={incident.state} /></span>
                <span data-testid="incident-priority"><PriorityBadge priority={incident.priority()} /></span>
                <span class="commander" data-testid="incident-commander">{ match &incident.commander { Some(c) => format!("Commander: {c}"), None => "No commander yet".into() } }</span>
            </div>
            { mark(Topic::State) }
        </header>
    }
}
