//! The incident's heading, kept in view while the page scrolls: reference, title, state,
//! priority and who holds each role, with conflict marks.

use std::rc::Rc;

use yew::prelude::*;

use chrono::{DateTime, Utc};

use crate::components::words::{due_words, role_label, target_alarm_line, update_due_line};
use crate::components::{ConflictMark, KindBadge, PriorityBadge, StateBadge};
use crate::domain::comms::next_update_due;
use crate::domain::details::DetailField;
use crate::domain::roles::Role;
use crate::domain::settings::Settings;
use crate::domain::targets::{self, Standing};
use crate::domain::{Incident, Topic};

/// The alarms of the head: the next update due, a target breached or at risk, the most
/// pressing notification duty; each loud once late.
fn clocks(incident: &Incident, settings: &Settings, now: DateTime<Utc>) -> Html {
    let update = next_update_due(incident, &settings.cadence).map(|due| {
        let late = due.is_overdue(now);
        html! {
            <span class={classes!("head-clock", late.then_some("loud"))} data-testid="head-update-due">
                { update_due_line(&due, now) }
            </span>
        }
    });
    let target = targets::alarm(incident, &settings.targets, now).map(|t| {
        let breached = t.standing == Standing::Breached;
        html! {
            <span class={classes!("head-clock", breached.then_some("loud"))} data-testid="head-target">
                { target_alarm_line(&t, now) }
            </span>
        }
    });
    let duty = incident
        .parts()
        .duties
        .most_pressing(now)
        .and_then(|(duty, standing)| {
            let deadline = duty.deadline?;
            Some(html! {
                <span class={classes!("head-clock", standing.is_loud().then_some("loud"))} data-testid="head-duty">
                    { format!("{}: {}", duty.def.name, due_words(deadline, now)) }
                </span>
            })
        });
    if update.is_none() && target.is_none() && duty.is_none() {
        return html! {};
    }
    html! {
        <div class="head-clocks">{ for update }{ for target }{ for duty }</div>
    }
}

/// The heading of the incident page.
pub fn head(incident: &Rc<Incident>, settings: &Settings, now: DateTime<Utc>) -> Html {
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
            { clocks(incident, settings, now) }
            { mark(Topic::State) }
        </header>
    }
}
