//! Declaring an incident: what is seen, how bad, how urgent; the priority shows live.

use yew::prelude::*;

use crate::components::words::Label;
use yew_router::prelude::*;

use crate::app::Route;
use crate::browser::{command_context, parse_local_datetime, to_local_input};
use crate::components::{
    bind_input, bind_textarea, select_value, CategorySelect, LevelPicker, PriorityBadge,
};
use crate::domain::commands::declare;
use crate::domain::{Category, Draft, IncidentKind, Level, Priority, PriorityOverride};
use crate::pages::known_services;
use crate::store::{use_app, Action};

/// The declare screen.
#[component]
pub fn DeclarePage() -> Html {
    let Some(app) = use_app() else {
        return crate::pages::no_store();
    };
    let navigator = use_navigator();
    let title = use_state(String::new);
    let description = use_state(String::new);
    let category = use_state(|| Category::Application);
    let services = use_state(String::new);
    let impact = use_state(|| Level::Medium);
    let urgency = use_state(|| Level::Medium);
    let overriding = use_state(|| false);
    let override_to = use_state(|| Priority::P3);
    let override_reason = use_state(String::new);
    let started = use_state(|| to_local_input(crate::browser::now()));
    let reported_by = use_state(|| app.user.clone().unwrap_or_default());
    let drill = use_state(|| false);
    let error = use_state(|| None::<String>);

    let derived = app.settings.matrix.priority(*impact, *urgency);
    let effective = if *overriding { *override_to } else { derived };
    let suggestions = use_memo(app.incidents.clone(), |incidents| {
        known_services(incidents.values().map(|i| i.as_ref()))
    });

    let onsubmit = {
        let (app, error) = (app.clone(), error.clone());
        let fields = (
            title.clone(),
            description.clone(),
            category.clone(),
            services.clone(),
            impact.clone(),
            urgency.clone(),
        );
        let overrides = (
            overriding.clone(),
            override_to.clone(),
            override_reason.clone(),
        );
        let (started, reported_by, drill) = (started.clone(), reported_by.clone(), drill.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let ctx = command_context(app.user.as_deref(), &app.settings);
            let Some(impact_started_at) = parse_local_datetime(&started) else {
                error.set(Some(
                    "When did impact start? That time could not be read.".into(),
                ));
                return;
            };
            let draft = Draft {
                title: (*fields.0).clone(),
                description: (*fields.1).clone(),
                category: *fields.2,
                services: fields.3.split(',').map(str::to_string).collect(),
                impact: *fields.4,
                urgency: *fields.5,
                priority_override: overrides.0.then(|| PriorityOverride {
                    priority: *overrides.1,
                    reason: (*overrides.2).clone(),
                }),
                impact_started_at,
                reported_by: (*reported_by).clone(),
                kind: if *drill {
                    IncidentKind::Drill
                } else {
                    IncidentKind::Real
                },
            };
            // Validate with the same pure rule the reducer applies, so errors show beside the form.
            if let Err(problem) = declare(draft.clone(), 0, &ctx) {
                error.set(Some(crate::components::refusal_message(&problem)));
                return;
            }
            let id = ctx.incident_id();
            app.dispatch(Action::Declare(Box::new(draft), ctx));
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Incident { id: id.to_string() });
            }
        })
    };
    let onoverride_to = {
        let override_to = override_to.clone();
        Callback::from(move |e: Event| {
            override_to.set(Priority::parse(&select_value(&e)).unwrap_or(Priority::P3))
        })
    };
    let toggle = |state: &UseStateHandle<bool>| {
        let state = state.clone();
        Callback::from(move |e: Event| {
            state.set(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            )
        })
    };
    html! {
        <form class="page declare-page" onsubmit={onsubmit} novalidate=true>
            <h1 tabindex="-1">{ "Declare an incident" }</h1>
            <label for="title">{ "Title (required)" }</label>
            <input id="title" type="text" placeholder="e.g. Checkout failing for EU customers" value={(*title).clone()} oninput={bind_input(&title)} />
            <label for="description">{ "What is seen" }</label>
            <textarea id="description" rows="4" value={(*description).clone()} oninput={bind_textarea(&description)} />
            <div class="grid-2">
                <div>
                    <label for="category">{ "Category" }</label>
                    <CategorySelect id="category" value={*category} onchange={{ let category = category.clone(); Callback::from(move |c| category.set(c)) }} />
                </div>
                <div>
                    <label for="services">{ "Affected services (comma-separated)" }</label>
                    <input id="services" type="text" list="known-services" value={(*services).clone()} oninput={bind_input(&services)} />
                    <datalist id="known-services">{ for suggestions.iter().map(|s| html! { <option value={s.clone()} /> }) }</datalist>
                </div>
                <div>
                    <label for="impact-started">{ "Impact started" }</label>
                    <input id="impact-started" type="datetime-local" value={(*started).clone()} oninput={bind_input(&started)} />
                </div>
                <div>
                    <label for="reported-by">{ "Reported by" }</label>
                    <input id="reported-by" type="text" value={(*reported_by).clone()} oninput={bind_input(&reported_by)} />
                </div>
            </div>
            <div class="grid-2">
                <LevelPicker name="impact" legend="Impact: how bad is it?" value={*impact} onchange={{ let s = impact.clone(); Callback::from(move |l| s.set(l)) }} />
                <LevelPicker name="urgency" legend="Urgency: how fast does it get worse?" value={*urgency} onchange={{ let s = urgency.clone(); Callback::from(move |l| s.set(l)) }} />
            </div>
            <div class="priority-preview" data-testid="priority-preview" aria-live="polite">
                { "Priority: " }<PriorityBadge priority={effective} />
                if *overriding && effective != derived {
                    <span class="hint">{ format!(" (matrix says {})", derived.as_str()) }</span>
                }
            </div>
            <label class="check"><input id="override" type="checkbox" checked={*overriding} onchange={toggle(&overriding)} />{ "Override the matrix priority" }</label>
            if *overriding {
                <div class="grid-2">
                    <select id="override-priority" onchange={onoverride_to}>
                        { for Priority::ALL.into_iter().map(|p| html! {
                            <option value={p.as_str()} selected={*override_to == p}>{ format!("{} {}", p.as_str(), p.label()) }</option>
                        }) }
                    </select>
                    <input id="override-reason" type="text" placeholder="Reason (required, goes to the timeline)" value={(*override_reason).clone()} oninput={bind_input(&override_reason)} />
                </div>
            }
            <label class="check"><input id="drill" type="checkbox" checked={*drill} onchange={toggle(&drill)} />{ "This is a drill" }</label>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="form-error">{ error.clone() }</p>
            }
            <div class="actions">
                <button type="submit" class="primary big" data-testid="declare-submit">{ "Declare" }</button>
            </div>
        </form>
    }
}
