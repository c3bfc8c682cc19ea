//! The cost of an hour of downtime per service: the currency, a field per service that an
//! incident names or that has a cost, and a form for a service no incident names yet. The
//! dashboard estimates a cost only for services with one here.

use yew::prelude::*;

use crate::components::bind_input;
use crate::components::words::settings_refusal;
use crate::domain::settings::{parse_cost, Settings, SettingsError};
use crate::pages::known_services;
use crate::store::{use_app, Action, AppContext, Flash};

/// Applies a change of the settings; a refusal puts the saved value back in the field, so what
/// shows is what applies, and says why.
fn apply(
    app: &AppContext,
    input: &web_sys::HtmlInputElement,
    saved: &str,
    next: Result<Settings, SettingsError>,
) {
    match next {
        Ok(settings) => app.dispatch(Action::ChangeSettings(settings)),
        Err(error) => {
            input.set_value(saved);
            app.dispatch(Action::Notify(Flash::Error(settings_refusal(&error))));
        }
    }
}

/// One service's cost per hour; blank is none.
fn cost_field(app: &AppContext, index: usize, service: &str) -> Html {
    let saved = app
        .settings
        .cost(service)
        .map(|c| c.to_string())
        .unwrap_or_default();
    let onchange = {
        let (app, service, saved) = (app.clone(), service.to_string(), saved.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let next = parse_cost(&input.value()).and_then(|c| app.settings.with_cost(&service, c));
            apply(&app, &input, &saved, next);
        })
    };
    let id = format!("downtime-cost-{index}");
    let unit = match app.settings.currency.as_str() {
        "" => "per hour".to_string(),
        currency => format!("{currency} per hour"),
    };
    // A text field, as the cadence's: a number field reads what it cannot parse as blank, which
    // here would clear the cost instead of refusing it.
    html! {
        <div class="row" key={service.to_lowercase()}>
            <label for={id.clone()}>{ format!("Cost per hour of downtime for {service}") }</label>
            <input {id} type="text" inputmode="numeric" data-testid="downtime-cost"
                value={saved} placeholder="none" {onchange} />
            <span class="hint">{ unit }</span>
        </div>
    }
}

/// The costs of downtime editor.
#[component]
pub fn CostsEditor() -> Html {
    let service = use_state(String::new);
    let per_hour = use_state(String::new);
    let error = use_state(|| None::<String>);
    let app = use_app();
    let incidents = app.as_ref().map(|a| a.incidents.clone());
    let named = use_memo(incidents, |incidents| {
        incidents
            .as_ref()
            .map(|i| known_services(i.values().map(|i| i.as_ref())))
            .unwrap_or_default()
    });
    let Some(app) = app else {
        return html! {};
    };
    let oncurrency = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let next = app.settings.with_currency(&input.value());
            apply(&app, &input, &app.settings.currency, next);
        })
    };
    let onsubmit = {
        let (app, service, per_hour, error) = (
            app.clone(),
            service.clone(),
            per_hour.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let next = match parse_cost(&per_hour) {
                Ok(Some(cost)) => app.settings.with_cost(&service, Some(cost)),
                Ok(None) => {
                    error.set(Some(
                        "Enter the service's cost per hour of downtime.".into(),
                    ));
                    return;
                }
                Err(refused) => Err(refused),
            };
            match next {
                Ok(settings) => {
                    app.dispatch(Action::ChangeSettings(settings));
                    service.set(String::new());
                    per_hour.set(String::new());
                    error.set(None);
                }
                Err(refused) => error.set(Some(settings_refusal(&refused))),
            }
        })
    };
    let services = app.settings.cost_services(&named);
    html! {
        <section class="settings-costs" aria-labelledby="settings-costs-title">
            <h2 id="settings-costs-title">{ "Cost of downtime" }</h2>
            <p class="hint">{ "Sitrep shows an estimated cost on the dashboard only for services with a rate here; none is guessed." }</p>
            <p class="hint">{ "Rates are whole units of the currency per hour; leave a service's field blank for no rate." }</p>
            <div class="row">
                <label for="downtime-currency">{ "Currency" }</label>
                <input id="downtime-currency" type="text" data-testid="downtime-currency"
                    value={app.settings.currency.clone()} placeholder="e.g. EUR or $" onchange={oncurrency} />
            </div>
            if services.is_empty() {
                <p data-testid="downtime-costs-empty">{ "No incident names a service yet." }</p>
            } else {
                <div class="downtime-costs">
                    { for services.iter().enumerate().map(|(i, s)| cost_field(&app, i, s)) }
                </div>
            }
            <form class="row" {onsubmit}>
                <label for="downtime-cost-service">{ "Service" }</label>
                <input id="downtime-cost-service" type="text" value={(*service).clone()} oninput={bind_input(&service)} />
                <label for="downtime-cost-new">{ "Cost per hour of downtime" }</label>
                <input id="downtime-cost-new" type="text" inputmode="numeric" value={(*per_hour).clone()} oninput={bind_input(&per_hour)} />
                <button type="submit" data-testid="downtime-cost-submit">{ "Set the rate" }</button>
            </form>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="downtime-cost-error">{ error.clone() }</p>
            }
        </section>
    }
}
