//! The priority section: impact and urgency, and overriding the priority with a reason.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{bind_input, select_value, ConflictMark, LevelPicker};
use crate::domain::commands::AssessmentCommand;
use crate::domain::{Command, Incident, Level, Priority, Topic};

/// Props of [`PrioritySection`].
#[derive(Properties, PartialEq)]
pub struct PrioritySectionProps {
    /// The incident as it is now.
    pub incident: Rc<Incident>,
    /// Runs a command; a refusal becomes the page's message.
    pub send: Callback<Command>,
}

/// Impact, urgency and the override.
#[component]
pub fn PrioritySection(props: &PrioritySectionProps) -> Html {
    let reason = use_state(String::new);
    let incident = &props.incident;
    let assess = props.send.reform(Command::Assessment);
    let (impact, urgency) = (incident.impact, incident.urgency);
    let onimpact =
        assess.reform(move |impact: Level| AssessmentCommand::Assess { impact, urgency });
    let onurgency =
        assess.reform(move |urgency: Level| AssessmentCommand::Assess { impact, urgency });
    let onoverride = {
        let (assess, reason) = (assess.clone(), reason.clone());
        Callback::from(move |e: Event| {
            if let Some(priority) = Priority::parse(&select_value(&e)) {
                assess.emit(AssessmentCommand::Override {
                    priority,
                    reason: (*reason).clone(),
                });
            }
        })
    };
    let onclear = assess.reform(|_: MouseEvent| AssessmentCommand::ClearOverride);
    html! {
        <section>
            <h2>{ "Priority" }</h2>
            <LevelPicker name="impact" legend="Impact" value={incident.impact} onchange={onimpact} />
            <LevelPicker name="urgency" legend="Urgency" value={incident.urgency} onchange={onurgency} />
            <ConflictMark incident={incident.clone()} topic={Topic::Assessment} />
            <div class="override row">
                <input id="override-reason" type="text" placeholder="Reason to override" value={(*reason).clone()} oninput={bind_input(&reason)} />
                <select id="override-priority" aria-label="Override priority" onchange={onoverride}>
                    <option value="" selected=true>{ "Override…" }</option>
                    { for Priority::ALL.into_iter().map(|p| html! { <option value={p.as_str()}>{ crate::components::words::priority_name(p) }</option> }) }
                </select>
                if incident.priority_override.is_some() {
                    <button onclick={onclear}>{ "Use matrix" }</button>
                }
            </div>
            <ConflictMark incident={incident.clone()} topic={Topic::Override} />
        </section>
    }
}
