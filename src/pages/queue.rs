//! The incident queue: open incidents by priority then age, with search and filters kept in the URL.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::{ExportButton, ExportWhat, FilterBar, QueueList};
use crate::domain::search::{age, queue_order, search_text, Clocks, Filter};
use crate::hooks::use_clock;
use crate::pages::{known_commanders, known_services};
use crate::store::{use_app, Shared};

/// The queue screen.
#[component]
pub fn QueuePage() -> Html {
    let Some(app) = use_app() else {
        return crate::pages::no_store();
    };
    let now = use_clock();
    let location = use_location();
    let navigator = use_navigator();
    let filter = Filter::from_query(location.as_ref().map(|l| l.query_str()).unwrap_or(""));

    // The lower-cased search text of each incident is built once per change of the incidents.
    let indexed = use_memo(app.incidents.clone(), |incidents| {
        incidents
            .values()
            .map(|i| (i.clone(), search_text(i)))
            .collect::<Vec<_>>()
    });
    let services = use_memo(app.incidents.clone(), |incidents| {
        known_services(incidents.values().map(|i| i.as_ref()))
    });
    let commanders = use_memo(app.incidents.clone(), |incidents| {
        known_commanders(incidents.values().map(|i| i.as_ref()))
    });
    // The clock only matters to the list when it filters by something that falls late.
    let clocks = Clocks {
        now,
        cadence: app.settings.cadence,
        targets: app.settings.targets,
    };
    let filtered_at = filter.needs_clock().then_some(clocks);
    let shown = use_memo(
        (app.incidents.clone(), filter.clone(), filtered_at),
        move |(_, filter, _)| {
            let mut list: Vec<Rc<crate::domain::Incident>> = indexed
                .iter()
                .filter(|(incident, text)| filter.matches_with(incident, text, &clocks))
                .map(|(incident, _)| incident.clone())
                .collect();
            crate::order::sort_by(&mut list, |a, b| queue_order(a, b));
            Shared(Rc::new(list))
        },
    );

    let onchange = Callback::from(move |next: Filter| {
        if let Some(navigator) = &navigator {
            let _ = navigator.replace_with_query(&Route::Queue, &next.to_pairs());
        }
    });
    let count = shown.len();
    let summary = if filter.is_empty() {
        format!("{count} open incident{}", if count == 1 { "" } else { "s" })
    } else {
        format!(
            "{count} incident{} match",
            if count == 1 { "" } else { "s" }
        )
    };
    html! {
        <section class="page queue-page">
            <div class="section-head">
                <h1 tabindex="-1">{ "Incident queue" }</h1>
                <span class="hint" data-testid="queue-count" aria-live="polite">{ summary }</span>
            </div>
            { backup_nudge(&app, now) }
            <FilterBar filter={filter.clone()} services={(*services).clone()} commanders={(*commanders).clone()} {onchange} />
            if !app.incidents.is_empty() {
                <div class="row export-row">
                    <ExportButton what={ExportWhat::All} label="Export all" testid="export-all" />
                    if !filter.is_empty() {
                        <ExportButton what={ExportWhat::Filtered((*shown).clone())} label="Export these" testid="export-filtered" />
                    }
                    <CsvButton incidents={(*shown).clone()} />
                    <StatusPageButton />
                </div>
            }
            if app.incidents.is_empty() {
                <div class="empty">
                    <p>{ "No incidents yet. When something is on fire, declare it: the clock starts now." }</p>
                    <Link<Route> to={Route::Declare} classes="button primary">{ "Declare incident" }</Link<Route>>
                </div>
            } else if count == 0 {
                <p class="empty">{ "Nothing matches these filters." }</p>
            } else {
                <QueueList incidents={(*shown).clone()} {clocks} />
            }
        </section>
    }
}

/// Props of [`CsvButton`].
#[derive(Properties, PartialEq)]
struct CsvButtonProps {
    /// The incidents the queue shows, in its order.
    incidents: Shared<Vec<Rc<crate::domain::Incident>>>,
}

/// Downloads the incidents the queue shows as CSV for a spreadsheet.
#[component]
fn CsvButton(props: &CsvButtonProps) -> Html {
    let said = use_state(|| None::<String>);
    let onclick =
        {
            let (said, incidents) = (said.clone(), props.incidents.clone());
            Callback::from(move |_: MouseEvent| {
                use crate::components::csv_report;
                let name = csv_report::file_name(crate::browser::now());
                let text = csv_report::render(incidents.iter().map(|i| i.as_ref()));
                said.set(Some(if crate::browser::download(&name, &text, "text/csv") {
                format!("Saved {name}.")
            } else {
                "The browser refused the download; try again, or allow downloads for this page."
                    .to_string()
            }));
            })
        };
    html! { <>
        <button type="button" class="secondary" {onclick}>{ "Download these as CSV" }</button>
        <span class="hint" role="status">{ (*said).clone().unwrap_or_default() }</span>
    </> }
}

/// Saves one status page of every open real incident marked public (drills stay off it; "all
/// systems operational" when none is).
#[component]
fn StatusPageButton() -> Html {
    let app = use_app();
    let said = use_state(|| None::<String>);
    let onclick = {
        let said = said.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(app) = &app else { return };
            let public: Vec<Rc<crate::domain::Incident>> = app
                .incidents
                .values()
                .filter(|i| {
                    i.state.is_open()
                        && i.kind == crate::domain::IncidentKind::Real
                        && i.parts().comms.is_public()
                })
                .cloned()
                .collect();
            said.set(Some(crate::pages::save_status_page(&public)));
        })
    };
    html! { <>
        <button type="button" class="secondary" {onclick}>{ "Save status page of public incidents" }</button>
        <span class="hint" role="status">{ (*said).clone().unwrap_or_default() }</span>
    </> }
}

/// "Back up": shown when the last full export is older than the person's interval and incidents
/// changed since.
fn backup_nudge(app: &crate::store::AppState, now: chrono::DateTime<chrono::Utc>) -> Html {
    let Some(nudge) = crate::safekeeping::backup_nudge(
        app.last_export,
        app.incidents.values().map(|i| i.as_ref()),
        now,
        app.settings.remind_days,
    ) else {
        return html! {};
    };
    let incidents = if nudge.changed == 1 {
        "incident"
    } else {
        "incidents"
    };
    let since = match nudge.last_export {
        Some(at) => format!(
            "{} {incidents} changed since your last export, {} ago ({}).",
            nudge.changed,
            age(at, now),
            crate::browser::display_time(at)
        ),
        None => format!(
            "{} {incidents} in this browser, and none has ever been exported.",
            nudge.changed
        ),
    };
    html! {
        <div class="banner warning nudge" role="status" data-testid="backup-nudge">
            <span>
                <strong>{ "Back up your incidents. " }</strong>{ since }
                { " If this browser clears its data, only an exported file brings them back." }
            </span>
            <ExportButton what={ExportWhat::All} label="Export all now" testid="nudge-export" />
        </div>
    }
}
