//! The incident's facts: category, services, assessment, people and milestones.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use yew::prelude::*;

use crate::components::words::Label;

use crate::browser::display_time;
use crate::components::ConflictMark;
use crate::domain::details::DetailField;
use crate::domain::{Incident, Topic};

fn or_dash(text: String) -> String {
    if text.is_empty() {
        "—".to_string()
    } else {
        text
    }
}

/// The facts list of the incident page.
pub fn facts(incident: &Rc<Incident>) -> Html {
    let m = &incident.milestones;
    let stamp = |label: &str, at: Option<DateTime<Utc>>| {
        at.map(|at| html! { <><dt>{ label.to_string() }</dt><dd>{ display_time(at) }</dd></> })
    };
    let mark = |topic: Topic| html! { <ConflictMark incident={incident.clone()} {topic} /> };
    html! {
        <dl class="facts">
            <dt>{ "Category" }</dt><dd>{ incident.category.label() }{ mark(Topic::Details(DetailField::Category)) }</dd>
            <dt>{ "Services" }</dt><dd>{ or_dash(incident.services.join(", ")) }{ mark(Topic::Details(DetailField::Services)) }</dd>
            <dt>{ "Impact / urgency" }</dt><dd>{ format!("{} / {}", incident.impact.label(), incident.urgency.label()) }</dd>
            <dt>{ "Reported by" }</dt><dd>{ or_dash(incident.reported_by.clone()) }</dd>
            <dt>{ "Impact started" }</dt><dd>{ display_time(incident.impact_started_at) }</dd>
            <dt>{ "Declared" }</dt><dd>{ display_time(incident.created_at) }</dd>
            { for stamp("Acknowledged", m.acknowledged_at) }
            { for stamp("Contained", m.contained_at) }
            { for stamp("Resolved", m.resolved_at) }
            { for stamp("Closed", m.closed_at) }
            { for stamp("Cancelled", m.cancelled_at) }
            if !incident.aliases.is_empty() {
                <dt>{ "Also known as" }</dt><dd data-testid="incident-aliases">{ incident.aliases.join(", ") }</dd>
            }
        </dl>
    }
}
