//! One incident: its state, people, priority and timeline, and every action on it.

mod cancel;
mod comms;
mod composer;
mod duties;
mod facts;
mod head;
mod link_forms;
mod links;
mod priority;
mod resolution;
mod review;
mod roles;
mod tasks;

use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::browser::command_context;
use crate::components::{
    ConflictMark, DetailsForm, ExportButton, ExportWhat, Timeline, TransitionBar,
};
use crate::domain::commands::{AddNote, Transition};
use crate::domain::details::DetailField;
use crate::domain::resolution::ResolutionCommand;
use crate::domain::tasks::TaskCommand;
use crate::domain::{execute, Command, CommandError, Incident, State, Topic};
use crate::store::{use_app, Action, AppContext, Flash};

/// Props of [`IncidentPage`].
#[derive(Properties, PartialEq)]
pub struct IncidentPageProps {
    /// The incident's UUID, as it appears in the address.
    pub id: AttrValue,
}

/// A command callback for forms: decided first against the incident as shown, so a refusal comes
/// back to the form (which keeps what was typed) and only an accepted command is dispatched.
fn attempt(
    app: &AppContext,
    incident: &Rc<Incident>,
) -> Callback<Command, Result<(), CommandError>> {
    let (app, incident) = (app.clone(), incident.clone());
    Callback::from(move |command: Command| {
        let ctx = command_context(app.user.as_deref(), &app.settings);
        match execute(&incident, command.clone(), &ctx) {
            Ok(_) => {
                app.dispatch(Action::Apply(incident.id(), command, ctx));
                Ok(())
            }
            Err(CommandError::NoChange) => Ok(()),
            Err(error) => Err(error),
        }
    })
}

/// A command callback for buttons: a refusal becomes the page's message.
fn run(
    app: &AppContext,
    attempt: &Callback<Command, Result<(), CommandError>>,
) -> Callback<Command> {
    let (app, attempt) = (app.clone(), attempt.clone());
    Callback::from(move |command| {
        if let Err(error) = attempt.emit(command) {
            app.dispatch(Action::Notify(Flash::Refused(error)));
        }
    })
}

/// The incident screen.
#[component]
pub fn IncidentPage(props: &IncidentPageProps) -> Html {
    let Some(app) = use_app() else {
        return crate::pages::no_store();
    };
    let Some(incident) = Uuid::parse_str(&props.id)
        .ok()
        .and_then(|id| app.incident(&id).cloned())
    else {
        return html! {
            <section class="page"><h1 tabindex="-1">{ "No such incident" }</h1>
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
    let Some(app) = use_app() else {
        return crate::pages::no_store();
    };
    // The form a move asks for first (resolved: how; cancelled: why), while it is open.
    let asking = use_state(|| None::<State>);
    let incident = &props.incident;
    let attempt = attempt(&app, incident);
    let send = run(&app, &attempt);
    let ontransition = {
        let (asking, send) = (asking.clone(), send.clone());
        let needs_review = !app.settings.review.allows_close(incident);
        Callback::from(move |to: State| match to {
            State::Resolved | State::Cancelled => asking.set(Some(to)),
            State::Closed if needs_review => asking.set(Some(to)),
            to => send.emit(Command::Lifecycle(Transition(to))),
        })
    };
    let onclose = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(None))
    };
    // A form's command that closes the form once accepted.
    let closing = {
        let (asking, attempt) = (asking.clone(), attempt.clone());
        Callback::from(move |command: Command| {
            attempt.emit(command)?;
            asking.set(None);
            Ok(())
        })
    };
    let asked = match *asking {
        Some(State::Resolved) if incident.state != State::Resolved => {
            let onresolve =
                closing.reform(|draft| Command::Resolution(ResolutionCommand::Resolve(draft)));
            html! { <resolution::ResolveForm {onresolve} {onclose} /> }
        }
        Some(State::Closed) if incident.state == State::Resolved => html! {
            <review::CloseForm incident={incident.clone()} attempt={closing} {onclose} />
        },
        Some(State::Cancelled) if incident.state.is_open() => html! {
            <cancel::CancelForm incidents={app.incidents.clone()} attempt={closing} {onclose} />
        },
        _ => html! {},
    };
    let onadd = attempt.reform(|(text, at)| Command::Notes(AddNote { text, at }));
    let ontask = attempt.reform(|new| Command::Tasks(TaskCommand::Add(new)));
    let onsave = attempt.reform(Command::Details);
    let onremember = {
        let app = app.clone();
        Callback::from(move |name: String| {
            let person = crate::domain::settings::Person {
                name,
                team: String::new(),
                contact: String::new(),
            };
            if let Ok(settings) = app.settings.with_person(person) {
                app.dispatch(Action::ChangeSettings(settings));
            }
        })
    };
    let drill = incident.kind == crate::domain::IncidentKind::Drill;
    let now = crate::hooks::use_clock();
    let offer = use_state(|| None::<String>);
    let onduty = {
        let offer = offer.clone();
        Callback::from(move |()| {
            offer.set(Some("gdpr-breach".to_string()));
            if let Some(select) = gloo::utils::document().get_element_by_id("duty-choice") {
                select.scroll_into_view();
                if let Ok(select) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(select) {
                    let _ = select.focus();
                }
            }
        })
    };
    // Entries are starred for the review once the incident was resolved, until it is published.
    // The callback stays the same from render to render (it sends through the latest `send`), so
    // the timeline is not drawn again at every tick of the clock.
    let latest_send = use_mut_ref(|| send.clone());
    *latest_send.borrow_mut() = send.clone();
    let star = {
        let latest = latest_send.clone();
        use_callback((), move |(entry, starred): (Uuid, bool), _| {
            let send = latest.borrow().clone();
            send.emit(Command::Review(crate::domain::review::ReviewCommand::Star(
                entry, starred,
            )));
        })
    };
    let review = &incident.parts().review;
    let can_star = incident.milestones.resolved_at.is_some() && !review.is_published();
    let onstar = can_star.then(|| star.clone());
    html! {
        <article class={classes!("page", "incident-page", drill.then_some("is-drill"))}>
            { head::head(incident, &app.settings, now) }
            <div class="command-centre">
                <div class="main-column">
                    if !incident.description.is_empty() { <p class="description">{ incident.description.clone() }</p> }
                    <ConflictMark incident={incident.clone()} topic={Topic::Details(DetailField::Description)} />
                    <TransitionBar state={incident.state} {ontransition} />
                    { asked }
                    { resolution::resolution(incident) }
                    <review::ReviewSection incident={incident.clone()} attempt={attempt.clone()} send={send.clone()} />
                    <composer::Composer onnote={onadd} {ontask} />
                    <comms::CommsSection incident={incident.clone()} attempt={attempt.clone()} send={send.clone()}
                        settings={app.settings.clone()} />
                    <Timeline incident={incident.clone()} {onstar} />
                </div>
                <aside class="side-column" aria-label="Tasks, links and roles">
                    <tasks::TasksSection incident={incident.clone()} attempt={attempt.clone()} send={send.clone()}
                        settings={app.settings.clone()} {onduty} />
                    <duties::DutiesSection incident={incident.clone()} attempt={attempt.clone()} send={send.clone()}
                        settings={app.settings.clone()} offer={(*offer).clone()} />
                    <links::LinksSection incident={incident.clone()} incidents={app.incidents.clone()} attempt={attempt.clone()} send={send.clone()} />
                    <roles::RolesSection incident={incident.clone()} user={app.user.clone()} attempt={attempt.clone()} send={send.clone()}
                        settings={app.settings.clone()} {onremember} />
                    <priority::PrioritySection incident={incident.clone()} {send} />
                    <section>
                        <h2>{ "Details" }</h2>
                        { facts::facts(incident) }
                        <DetailsForm incident={incident.clone()} {onsave} />
                    </section>
                    <div class="row">
                        <ExportButton what={ExportWhat::One(incident.clone())} label="Export this incident" testid="export-incident" />
                    </div>
                </aside>
            </div>
        </article>
    }
}
