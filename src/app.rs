//! The root component: state provider, persistence, routes and the page frame.

use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::components::{Header, ImportDialog, StatusBanner, UpdateBanner, WhoAmI};
use crate::hooks::{use_import, use_persistence, ClockProvider, ImportHandle};
use crate::pages::{
    DashboardPage, DeclarePage, FollowUpsPage, IncidentPage, NotFoundPage, QueuePage, ReportPage,
    SettingsPage,
};
use crate::store::{AppContext, AppState, LoadStatus};

/// Every screen, addressed inside the URL hash so any static host and sub-path works.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// The incident queue.
    #[at("/")]
    Queue,
    /// Declare a new incident.
    #[at("/new")]
    Declare,
    /// One incident.
    #[at("/incident/:id")]
    Incident {
        /// The incident's UUID.
        id: String,
    },
    /// One incident with its review, as a print-ready report.
    #[at("/incident/:id/report")]
    Report {
        /// The incident's UUID.
        id: String,
    },
    /// Metrics of a date range, as charts leading to the incidents behind them.
    #[at("/dashboard")]
    Dashboard,
    /// Follow-up actions across all incidents.
    #[at("/follow-ups")]
    FollowUps,
    /// Storage, backups and reminders.
    #[at("/settings")]
    Settings,
    /// Anything else.
    #[not_found]
    #[at("/404")]
    NotFound,
}

fn switch(route: Route) -> Html {
    match route {
        Route::Queue => html! { <QueuePage /> },
        Route::Declare => html! { <DeclarePage /> },
        Route::Incident { id } => html! { <IncidentPage id={id} /> },
        Route::Report { id } => html! { <ReportPage id={id} /> },
        Route::Dashboard => html! { <DashboardPage /> },
        Route::FollowUps => html! { <FollowUpsPage /> },
        Route::Settings => html! { <SettingsPage /> },
        Route::NotFound => html! { <NotFoundPage /> },
    }
}

/// A new screen opens at its top with focus on its heading, so that keyboard and screen-reader
/// users start where the page starts (a change of the queue's filter is not a new screen).
#[component]
fn FocusOnNavigate() -> Html {
    let path = use_location().map(|l| l.path().to_string());
    use_effect_with(path, |_| {
        gloo::utils::window().scroll_to_with_x_and_y(0.0, 0.0);
        let heading = gloo::utils::document()
            .query_selector("main h1")
            .ok()
            .flatten()
            .and_then(|h| h.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(heading) = heading {
            let _ = heading.focus();
        }
    });
    html! {}
}

/// Records response-target breaches as they are first seen (it reads the app-wide clock).
#[component]
fn BreachWatch() -> Html {
    crate::hooks::use_breach_watch();
    html! {}
}

/// The keyboard shortcuts, and their list when `?` asks for it.
#[component]
fn Shortcuts() -> Html {
    let open = use_state(|| false);
    let onhelp = {
        let open = open.clone();
        Callback::from(move |()| open.set(true))
    };
    crate::hooks::use_shortcuts(onhelp);
    let onclose = {
        let open = open.clone();
        Callback::from(move |()| open.set(false))
    };
    html! {
        if *open { <crate::components::ShortcutsHelp {onclose} /> }
    }
}

/// The whole app.
#[component]
pub fn App() -> Html {
    let app = use_reducer(|| AppState {
        user: crate::browser::load_user(),
        last_export: crate::browser::load_last_export(),
        ..AppState::default()
    });
    let database = use_persistence(app.clone());
    let import = use_import(app.clone(), database);
    // A file dropped anywhere on the page is imported (after a preview).
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let ondrop = {
        let onstart = import.onstart.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                onstart.emit(file);
            }
        })
    };
    let body = match &app.status {
        LoadStatus::Loading | LoadStatus::Waiting => {
            html! { <p class="loading" aria-live="polite">{ "Opening local incident store…" }</p> }
        }
        LoadStatus::Ready | LoadStatus::Failed(_) => html! { <Switch<Route> render={switch} /> },
    };
    let ready = matches!(app.status, LoadStatus::Ready).then_some("app-ready");
    html! {
        <ContextProvider<AppContext> context={app.clone()}>
            <ContextProvider<ImportHandle> context={import.clone()}>
                <ClockProvider>
                <HashRouter>
                    <div class="app" data-testid={ready} {ondragover} {ondrop}>
                        <Header />
                        <UpdateBanner />
                        <StatusBanner />
                        if app.user.is_none() && !matches!(app.status, LoadStatus::Loading | LoadStatus::Waiting) {
                            <WhoAmI />
                        }
                        <main id="main">{ body }</main>
                        <FocusOnNavigate />
                        <Shortcuts />
                        <BreachWatch />
                        <ImportDialog handle={import} />
                        <footer class="footer">
                            <span>{ "Sitrep keeps everything in this browser. Export to share or back up." }</span>
                            <a href="static/sitrep.schema.json" target="_blank" rel="noopener" data-testid="schema-link">{ "File format (JSON Schema)" }</a>
                        </footer>
                    </div>
                </HashRouter>
                </ClockProvider>
            </ContextProvider<ImportHandle>>
        </ContextProvider<AppContext>>
    }
}
