//! Priority, state and drill badges: colour plus words, so colour is never the only signal.

use yew::prelude::*;

use crate::components::words::Label;

use crate::domain::{IncidentKind, Priority, State};

/// Props of [`PriorityBadge`].
#[derive(Properties, PartialEq)]
pub struct PriorityBadgeProps {
    /// The priority shown.
    pub priority: Priority,
    /// Show the word (`critical`) beside the code.
    #[prop_or(true)]
    pub long: bool,
}

/// `P1 critical` on the priority's colour.
#[component]
pub fn PriorityBadge(props: &PriorityBadgeProps) -> Html {
    let p = props.priority;
    let class = classes!(
        "badge",
        "prio",
        format!("prio-{}", p.as_str().to_lowercase())
    );
    html! {
        <span {class} title={format!("Priority {} ({})", p.as_str(), p.label())}>
            <strong>{ p.as_str() }</strong>
            if props.long { <span class="badge-word">{ p.label() }</span> }
        </span>
    }
}

/// Props of [`StateBadge`].
#[derive(Properties, PartialEq)]
pub struct StateBadgeProps {
    /// The state shown.
    pub state: State,
}

/// The lifecycle state as a badge.
#[component]
pub fn StateBadge(props: &StateBadgeProps) -> Html {
    let class = classes!("badge", "state", format!("state-{}", props.state.as_str()));
    html! { <span {class}>{ props.state.label() }</span> }
}

/// Props of [`KindBadge`].
#[derive(Properties, PartialEq)]
pub struct KindBadgeProps {
    /// Real or drill.
    pub kind: IncidentKind,
}

/// Marks drill incidents; renders nothing for real ones.
#[component]
pub fn KindBadge(props: &KindBadgeProps) -> Html {
    match props.kind {
        IncidentKind::Drill => {
            html! { <span class="badge drill" data-testid="drill-badge">{ "DRILL" }</span> }
        }
        IncidentKind::Real => html! {},
    }
}
