//! One component per screen.

mod declare;
mod incident;
mod not_found;
mod queue;
mod settings;

pub use declare::DeclarePage;
pub use incident::IncidentPage;
pub use not_found::NotFoundPage;
pub use queue::QueuePage;
pub use settings::SettingsPage;

use yew::prelude::*;

use crate::domain::Incident;

/// What a page shows when rendered outside the app's state provider.
pub fn no_store() -> Html {
    html! { <section class="page"><p class="form-error">{ "This screen is shown outside Sitrep's app, so it has no incidents to show." }</p></section> }
}

/// Everyone who commands any incident, once each (ignoring case), in name order.
pub fn known_commanders<'a>(incidents: impl Iterator<Item = &'a Incident>) -> Vec<String> {
    let mut names: Vec<String> = incidents.filter_map(|i| i.commander.clone()).collect();
    crate::order::sort_by_key(&mut names, |s| s.to_lowercase());
    names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    names
}

/// Every affected service named by any incident, once each (ignoring case), in name order.
pub fn known_services<'a>(incidents: impl Iterator<Item = &'a Incident>) -> Vec<String> {
    let mut services: Vec<String> = incidents.flat_map(|i| i.services.iter().cloned()).collect();
    crate::order::sort_by_key(&mut services, |s| s.to_lowercase());
    services.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
    services
}
