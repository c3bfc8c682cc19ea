//! The incident's heading, kept in view while the page scrolls: reference, title, state,
//! priority and who holds each role, with conflict marks.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::words::role_label;
use crate::components::{ConflictMark, KindBadge, PriorityBadge, StateBadge};
use crate::domain::details::DetailField;
use crate::domain::roles::Role;
use crate::domain::{Incident, Topic};

/// The heading of the incident page.
pub fn head(incident: &Rc<Incident>) -> Html {
    let mark = |topic: Topic| html! { <ConflictMark incident={incident.clone()} {topic} /> };
    let roles = &incident.parts().roles;
    let holder = |role: Role| {
        let name = roles.holder(role).map(|(name, _)| name.to_string());
        let words = match (role, &name) {
            (Role::Commander, Some(name)) => format!("Commander: {name}"),
            (Role::Commander, None) => "No commander yet".to_string(),
            (role, Some(name)) => format!("{}: {name}", role_label(role)),
            (role, None) => format!("{}: vacant", role_label(role)),
        };
        let testid = match role {
            Role::Commander => "incident-commander".to_string(),
            role => format!("head-{}", role.as_str()),
        };
        html! {
            <span class={classes!("head-role", name.is_none().then_some("vacant"))} data-testid={testid}>{ words }</span>
        }
    };
    html! {
        <header class="incident-head">
            <div class="head-title">
                <span class="ref" data-testid="incident-ref">{ incident.reference.clone() }</span>
                <KindBadge kind={incident.kind} />
                <h1 tabindex="-1" data-testid="incident-title">{ incident.title.clone() }</h1>
            </div>
            { mark(Topic::Reference) }
            { mark(Topic::Details(DetailField::Title)) }
            <div class="head-badges">
                <span data-testid="incident-state"><StateBadge state={incident.state} /></span>
                <span data-testid="incident-priority"><PriorityBadge priority={incident.priority()} /></span>
            </div>
            <div class="head-roles">{ for Role::ALL.into_iter().map(holder) }</div>
            { mark(Topic::State) }
        </header>
    }
}
