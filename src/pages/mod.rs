//! One component per screen.

mod dashboard;
mod declare;
mod follow_ups;
mod incident;
mod not_found;
mod queue;
mod report;
mod settings;

pub use dashboard::DashboardPage;
pub use declare::DeclarePage;
pub use follow_ups::FollowUpsPage;
pub use incident::IncidentPage;
pub use not_found::NotFoundPage;
pub use queue::QueuePage;
pub use report::ReportPage;
pub use settings::SettingsPage;

use yew::prelude::*;

use crate::domain::Incident;

/// What a page shows when rendered outside the app's state provider.
pub fn no_store() -> Html {
    html! { <section class="page"><p class="form-error">{ "This screen is shown outside Sitrep's app, so it has no incidents to show." }</p></section> }
}

/// Everyone who commands any incident, once each (ignoring case), in name order.
pub fn known_commanders<'a>(incidents: impl Iterator<Item = &'a Incident>) -> Vec<String> {
    by_lower_case(incidents.filter_map(|i| i.commander.as_deref()))
}

/// Every affected service named by any incident, once each (ignoring case), in name order.
pub fn known_services<'a>(incidents: impl Iterator<Item = &'a Incident>) -> Vec<String> {
    by_lower_case(incidents.flat_map(|i| i.services.iter().map(String::as_str)))
}

/// Each name once (the first spelling met stands for names equal but for case), ordered by its
/// lower-case form; each name is lowered once, not at every comparison of a sort.
fn by_lower_case<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut seen: std::collections::BTreeMap<String, &str> = std::collections::BTreeMap::new();
    for name in names {
        seen.entry(name.to_lowercase()).or_insert(name);
    }
    seen.into_values().map(str::to_string).collect()
}

/// Saves the status page of `incidents` (their customer updates and public fields only) as one
/// HTML file; says what happened, for a status line.
pub fn save_status_page(incidents: &[std::rc::Rc<Incident>]) -> String {
    use crate::components::status_page;
    use chrono::Offset;
    let now = crate::browser::now();
    // No script runs in the saved page, so its second time zone is the one of this browser.
    let offset = chrono::Local::now().offset().fix();
    let incidents: Vec<&Incident> = incidents.iter().map(|i| &**i).collect();
    let html = status_page::render(&incidents, now, offset);
    let name = status_page::file_name(&incidents, now);
    if crate::browser::download(&name, &html, "text/html") {
        format!("Saved {name}.")
    } else {
        "The browser refused the download; try again, or allow downloads for this page.".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::by_lower_case;

    #[test]
    fn names_are_listed_once_whatever_their_case_in_lower_case_order() {
        let names = ["db", "Checkout", "DB", "api", "checkout", "Db"];
        assert_eq!(by_lower_case(names.into_iter()), ["api", "Checkout", "db"]);
        assert!(by_lower_case(std::iter::empty()).is_empty());
    }
}
