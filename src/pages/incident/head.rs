//! The incident's heading: reference, title, state, priority and commander, with conflict marks.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{ConflictMark, KindBadge, PriorityBadge, StateBadge};
use crate::domain::{Field, Incident};

/// The heading of the incident page.
pub fn head(incident: &Rc<Incident>) -> Html {
    let mark = |field: Field| html! { <ConflictMark incident={incident.clone()} {field} /> };
    html! {
        <header class="incident-head">
            <span class="ref" data-testid="incident-ref">{ incident.reference.clone() }</span>
            <KindBadge kind={incident.kind} />
            <h1 tabindex="-1" data-testid="incident-title">{ incident.title.clone() }</h1>
            { mark(Field::Reference) }
            { mark(Field::Title) }
            <div class="head-badges">
                <span data-testid="incident-state"><StateBadge state={incident.state} /></span>
                <span data-testid="incident-priority"><PriorityBadge priority={incident.priority()} /></span>
                <span class="commander" data-testid="incident-commander">{ match &incident.commander { Some(c) => format!("Commander: {c}"), None => "No commander yet".into() } }</span>
            </div>
            { mark(Field::State) }
        </header>
    }
}
