//! One incident: its state, people, priority and timeline, and every action on it.

use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::browser::{command_context, display_time};
use crate::components::{
    CommanderForm, DetailsForm, ExportButton, ExportWhat, KindBadge, LevelPicker, NoteForm,
    PriorityBadge, StateBadge, Timeline, TransitionBar,
};
use crate::domain::{Command, Incident, Level, Priority};
use crate::store::{use_app, Action, AppContext};

/// Props of [`IncidentPage`].
#[derive(Properties, PartialEq)]
pub struct IncidentPageProps {
    /// The incident's UUID, as it appears in the address.
    pub id: AttrValue,
}

fn dispatcher(app: &AppContext, id: Uuid) -> Callback<Command> {
    let app = app.clone();
    Callback::from(move |command| {
        let ctx = command_context(app.user.as_deref());
        app.dispatch(Action::Apply(id, command, ctx));
    })
}

fn facts(incident: &Incident) -> Html {
    let m = &incident.milestones;
    let stamp = |label: &str, at: Option<chrono::DateTime<chrono::Utc>>| {
        at.map(|at| html! { <><dt>{ label.to_string() }</dt><dd>{ display_time(at) }</dd></> })
    };
    html! {
        <dl class="facts">
            <dt>{ "Category" }</dt><dd>{ incident.category.label() }</dd>
            <dt>{ "Services" }</dt><dd>{ if incident.services.is_empty() { "—".to_string() } else { incident.services.join(", ") } }</dd>
            <dt>{ "Impact / urgency" }</dt><dd>{ format!("{} / {}", incident.impact.label(), incident.urgency.label()) }</dd>
            <dt>{ "Reported by" }</dt><dd>{ if incident.reported_by.is_empty() { "—".to_string() } else { incident.reported_by.clone() } }</dd>
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

/// The incident screen.
#[component]
pub fn IncidentPage(props: &IncidentPageProps) -> Html {
    let app = use_app();
    let Some(incident) = Uuid::parse_str(&props.id)
        .ok()
        .and_then(|id| app.incident(&id).cloned())
    else {
        return html! {
            <section class="page"><h1>{ "No such incident" }</h1>
            <p>{ "This browser holds no incident with that id. It may live in someone else's Sitrep: ask them to export it." }</p></section>
        };
    };
    html! { <IncidentView {incident} /> }
}

#[derive(Properties, PartialEq)]
struct IncidentViewProps {
    incident: Rc<Incident>,
}

#[component]
fn IncidentView(props: &IncidentViewProps) -> Html {
    let app = use_app();
    let incident = &props.incident;
    let send = dispatcher(&app, incident.id);
    let ontransition = send.reform(Command::Transition);
    let onadd = send.reform(|(text, at)| Command::AddNote { text, at });
    let onassign = send.reform(Command::SetCommander);
    let (impact, urgency) = (incident.impact, incident.urgency);
    let onimpact = send.reform(move |impact: Level| Command::Assess { impact, urgency });
    let onurgency = send.reform(move |urgency: Level| Command::Assess { impact, urgency });
    let reason = use_state(String::new);
    let onoverride = {
        let (send, reason) = (send.clone(), reason.clone());
        Callback::from(move |e: Event| {
            if let Some(priority) = Priority::parse(&crate::components::select_value(&e)) {
                send.emit(Command::OverridePriority {
                    priority,
                    reason: (*reason).clone(),
                });
            }
        })
    };
    let onclear = send.reform(|_: MouseEvent| Command::ClearOverride);
    html! {
        <article class={classes!("page", "incident-page", (incident.kind == crate::domain::IncidentKind::Drill).then_some("is-drill"))}>
            <header class="incident-head">
                <span class="ref" data-testid="incident-ref">{ incident.reference.clone() }</span>
                <KindBadge kind={incident.kind} />
                <h1 data-testid="incident-title">{ incident.title.clone() }</h1>
                <div class="head-badges">
                    <span data-testid="incident-state"><StateBadge state={incident.state} /></span>
                    <span data-testid="incident-priority"><PriorityBadge priority={incident.priority()} /></span>
                    <span class="commander">{ match &incident.commander { Some(c) => format!("Commander: {c}"), None => "No commander yet".into() } }</span>
                </div>
            </header>
            if !incident.description.is_empty() { <p class="description">{ incident.description.clone() }</p> }
            <TransitionBar state={incident.state} {ontransition} />
            <div class="row">
                <ExportButton what={ExportWhat::One(incident.clone())} label="Export this incident" testid="export-incident" />
            </div>
            <div class="grid-2">
                <section>
                    <h2>{ "Command" }</h2>
                    <CommanderForm current={incident.commander.clone()} user={app.user.clone()} {onassign} />
                    { facts(incident) }
                    <DetailsForm incident={incident.clone()} onsave={send.clone()} />
                </section>
                <section>
                    <h2>{ "Priority" }</h2>
                    <LevelPicker name="impact" legend="Impact" value={incident.impact} onchange={onimpact} />
                    <LevelPicker name="urgency" legend="Urgency" value={incident.urgency} onchange={onurgency} />
                    <div class="override row">
                        <input id="override-reason" type="text" placeholder="Reason to override" value={(*reason).clone()} oninput={crate::components::bind_input(&reason)} />
                        <select id="override-priority" aria-label="Override priority" onchange={onoverride}>
                            <option value="" selected=true>{ "Override…" }</option>
                            { for Priority::ALL.into_iter().map(|p| html! { <option value={p.as_str()}>{ format!("{} {}", p.as_str(), p.label()) }</option> }) }
                        </select>
                        if incident.priority_override.is_some() {
                            <button onclick={onclear}>{ "Use matrix" }</button>
                        }
                    </div>
                </section>
            </div>
            <NoteForm {onadd} />
            <Timeline events={incident.timeline.clone()} />
        </article>
    }
}
