//! Notification duties on the incident: start one of the settings' duties from the moment it
//! applied (backdated if need be), watch its countdown, mark it done (who, when, the
//! recipient's reference) or waive it with a reason, and correct its clock.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use uuid::Uuid;
use yew::prelude::*;

use crate::browser::{display_time, parse_local_datetime, to_local_input};
use crate::components::words::{deadline_words, due_words, duty_standing_label};
use crate::components::{bind_input, refusal_message, select_value, Attempt};
use crate::domain::duties::{Duty, DutyCommand, DutyStanding, Outcome};
use crate::domain::settings::Settings;
use crate::domain::{Command, Incident};
use crate::hooks::use_clock;

/// What a typed time that cannot be read is told.
const UNREADABLE: &str = "Enter a date and time, or pick one.";

/// Props of [`DutiesSection`].
#[derive(Properties, PartialEq)]
pub struct DutiesSectionProps {
    /// The incident as it is now.
    pub incident: Rc<Incident>,
    /// Runs a form's command; a refusal comes back to the form.
    pub attempt: Attempt<Command>,
    /// Runs a button's command; a refusal becomes the page's message.
    pub send: Callback<Command>,
    /// The settings (the duties a team may owe).
    pub settings: Settings,
    /// The duty to offer first in the start form (from a playbook's notification task).
    #[prop_or_default]
    pub offer: Option<String>,
}

/// The countdown or outcome of a duty at `now`; `followed` names the duty it follows.
fn standing_words(
    duty: &Duty<'_>,
    standing: DutyStanding,
    now: DateTime<Utc>,
    followed: Option<&str>,
) -> String {
    match (standing, duty.deadline, duty.outcome) {
        (DutyStanding::Waiting, _, _) => format!(
            "Clock starts when “{}” is done",
            followed.unwrap_or("the duty it follows")
        ),
        (DutyStanding::Waived, _, Outcome::Waived { reason }) => format!("Waived: {reason}"),
        (
            DutyStanding::DoneOnTime | DutyStanding::DoneLate,
            _,
            Outcome::Done { by, at, reference },
        ) => {
            let reference = if reference.is_empty() {
                String::new()
            } else {
                format!(", reference {reference}")
            };
            format!(
                "{} by {by} at {}{reference}",
                duty_standing_label(standing),
                display_time(*at)
            )
        }
        (_, Some(deadline), _) => format!(
            "{} ({})",
            due_words(deadline, now),
            duty_standing_label(standing)
        ),
        _ => duty_standing_label(standing).to_string(),
    }
}

/// The duties of the incident.
#[component]
pub fn DutiesSection(props: &DutiesSectionProps) -> Html {
    let now = use_clock();
    let incident = &props.incident;
    let duties = incident.parts().duties.list();
    let available: Vec<_> = props
        .settings
        .duties
        .iter()
        .filter(|d| !incident.parts().duties.has(&d.id))
        .cloned()
        .collect();
    let chosen = use_state(|| props.offer.clone());
    {
        let chosen = chosen.clone();
        use_effect_with(props.offer.clone(), move |offer| {
            if offer.is_some() {
                chosen.set(offer.clone());
            }
        });
    }
    let def = chosen
        .as_deref()
        .and_then(|id| available.iter().find(|d| d.id == id))
        .or(available.first())
        .cloned();
    let from = use_state(String::new);
    {
        // A duty that follows another starts blank (its clock waits); any other, now.
        let from = from.clone();
        let follows = def.as_ref().map(|d| (d.id.clone(), d.after.is_some()));
        use_effect_with(follows, move |follows| {
            if let Some((_, follows)) = follows {
                from.set(if *follows {
                    String::new()
                } else {
                    to_local_input(crate::browser::now())
                });
            }
        });
    }
    let error = use_state(|| None::<String>);
    let onchoose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(Some(select_value(&e))))
    };
    let onstart = {
        let (from, error, def) = (from.clone(), error.clone(), def.clone());
        let attempt = props.attempt.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(def) = def.clone() else { return };
            let start = if def.after.is_some() && from.trim().is_empty() {
                None
            } else {
                match parse_local_datetime(&from) {
                    Some(at) => Some(at),
                    None => {
                        error.set(Some(UNREADABLE.into()));
                        return;
                    }
                }
            };
            match attempt.emit(Command::Duties(DutyCommand::Start(def, start))) {
                Ok(()) => error.set(None),
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let rows = duties.iter().map(|duty| {
        let standing = duty.standing(now);
        let followed = duty.def.after.as_deref().and_then(|after| {
            duties
                .iter()
                .map(|d| d.def)
                .chain(props.settings.duties.iter())
                .find(|d| d.id == after)
                .map(|d| d.name.as_str())
        });
        html! {
            <DutyItem key={duty.id.to_string()} id={duty.id}
                name={duty.def.name.clone()} recipient={duty.def.recipient.clone()}
                terms={format!("within {} of {}", deadline_words(duty.def.deadline), duty.def.starts)}
                from={duty.from} deadline={duty.deadline} {standing}
                words={standing_words(duty, standing, now, followed)}
                attempt={props.attempt.clone()} send={props.send.clone()} />
        }
    });
    html! {
        <section class="duties" aria-labelledby="duties-title" id="duties">
            <h2 id="duties-title">{ "Notification duties" }</h2>
            if duties.is_empty() {
                <p class="hint">{ "No duty started. Start one when a regulation or contract says someone outside must be told." }</p>
            } else {
                <ul class="duty-list">{ for rows }</ul>
            }
            if let Some(def) = def {
                <form class="duty-start" onsubmit={onstart} aria-label="Start a notification duty">
                    <label for="duty-choice">{ "Duty" }</label>
                    <select id="duty-choice" onchange={onchoose}>
                        { for available.iter().map(|d| html! {
                            <option value={d.id.clone()} selected={d.id == def.id}>{ d.name.clone() }</option>
                        }) }
                    </select>
                    <p class="hint">{ format!("Owed to {}, within {} of {}.", def.recipient, deadline_words(def.deadline), def.starts) }</p>
                    <label for="duty-from">{ if def.after.is_some() { "Applies from (blank: when the duty it follows is done)" } else { "Applies from" } }</label>
                    <input id="duty-from" type="datetime-local" value={(*from).clone()} oninput={bind_input(&from)} />
                    if let Some(error) = &*error { <p class="error" role="alert">{ error.clone() }</p> }
                    <button type="submit">{ "Start duty" }</button>
                </form>
            }
        </section>
    }
}

/// Props of [`DutyItem`].
#[derive(Properties, PartialEq)]
struct DutyItemProps {
    id: Uuid,
    name: AttrValue,
    recipient: AttrValue,
    terms: AttrValue,
    from: Option<DateTime<Utc>>,
    deadline: Option<DateTime<Utc>>,
    standing: DutyStanding,
    words: AttrValue,
    attempt: Attempt<Command>,
    send: Callback<Command>,
}

/// Which form of a duty is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Open {
    Done,
    Waive,
    Clock,
}

/// One started duty with its countdown and its forms.
#[component]
fn DutyItem(props: &DutyItemProps) -> Html {
    let open = use_state(|| None::<Open>);
    let by = use_state(String::new);
    let at = use_state(|| to_local_input(crate::browser::now()));
    let reference = use_state(String::new);
    let reason = use_state(String::new);
    let clock = use_state(|| props.from.map(to_local_input).unwrap_or_default());
    let error = use_state(|| None::<String>);
    let id = props.id;
    let toggle = |which: Open| {
        let (open, error, at) = (open.clone(), error.clone(), at.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            if which == Open::Done && *open != Some(which) {
                // "Sent at" starts at the time the form is opened.
                at.set(to_local_input(crate::browser::now()));
            }
            open.set((*open != Some(which)).then_some(which));
        })
    };
    let submit = {
        let (open, by, at, reference, reason, clock, error) = (
            open.clone(),
            by.clone(),
            at.clone(),
            reference.clone(),
            reason.clone(),
            clock.clone(),
            error.clone(),
        );
        let attempt = props.attempt.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let time = |text: &str| parse_local_datetime(text).ok_or(UNREADABLE);
            let command = match *open {
                Some(Open::Done) => time(&at).map(|at| DutyCommand::Done {
                    duty: id,
                    by: (*by).clone(),
                    at,
                    reference: (*reference).clone(),
                }),
                Some(Open::Waive) => Ok(DutyCommand::Waive(id, (*reason).clone())),
                Some(Open::Clock) => time(&clock).map(|from| DutyCommand::SetClock(id, from)),
                None => return,
            };
            match command {
                Err(unreadable) => error.set(Some(unreadable.into())),
                Ok(command) => match attempt.emit(Command::Duties(command)) {
                    Ok(()) => {
                        error.set(None);
                        open.set(None);
                    }
                    Err(refused) => error.set(Some(refusal_message(&refused))),
                },
            }
        })
    };
    let owed = props.standing.is_owed();
    let reopen = props
        .send
        .reform(move |_: MouseEvent| Command::Duties(DutyCommand::Reopen(id)));
    let name = props.name.to_string();
    let form = match *open {
        Some(Open::Done) => html! {
            <form class="panel" onsubmit={submit.clone()} aria-label={format!("Mark {name} done")}>
                <label for={format!("duty-by-{id}")}>{ "Sent by" }</label>
                <input id={format!("duty-by-{id}")} type="text" value={(*by).clone()} oninput={bind_input(&by)} />
                <label for={format!("duty-at-{id}")}>{ "Sent at" }</label>
                <input id={format!("duty-at-{id}")} type="datetime-local" value={(*at).clone()} oninput={bind_input(&at)} />
                <label for={format!("duty-ref-{id}")}>{ "Reference (e.g. the authority's case number)" }</label>
                <input id={format!("duty-ref-{id}")} type="text" value={(*reference).clone()} oninput={bind_input(&reference)} />
                <button type="submit">{ "Record as done" }</button>
            </form>
        },
        Some(Open::Waive) => html! {
            <form class="panel" onsubmit={submit.clone()} aria-label={format!("Waive {name}")}>
                <label for={format!("duty-why-{id}")}>{ "Reason for waiving" }</label>
                <input id={format!("duty-why-{id}")} type="text" value={(*reason).clone()} oninput={bind_input(&reason)} />
                <button type="submit">{ "Waive duty" }</button>
            </form>
        },
        Some(Open::Clock) => html! {
            <form class="panel" onsubmit={submit.clone()} aria-label={format!("Correct when {name} applied from")}>
                <label for={format!("duty-clock-{id}")}>{ "Applies from" }</label>
                <input id={format!("duty-clock-{id}")} type="datetime-local" value={(*clock).clone()} oninput={bind_input(&clock)} />
                <button type="submit">{ "Save clock start" }</button>
            </form>
        },
        None => html! {},
    };
    let loud = props.standing.is_loud();
    html! {
        <li class={classes!("duty", loud.then_some("loud"))} data-testid="duty">
            <p><strong>{ props.name.clone() }</strong>{ format!(" — to {}", props.recipient) }</p>
            <p class="hint">{ props.terms.clone() }</p>
            if let Some(from) = props.from { <p class="hint">{ format!("Applies from {}", display_time(from)) }</p> }
            if let Some(deadline) = props.deadline {
                <p>{ "Deadline " }<time datetime={deadline.to_rfc3339()}>{ display_time(deadline) }</time></p>
            }
            <p class="duty-standing" data-testid="duty-standing">{ props.words.clone() }</p>
            // Said once when it turns loud, not again at every tick of the countdown.
            if loud {
                <span class="visually-hidden" role="alert">{ format!("{}: {}", props.name, duty_standing_label(props.standing)) }</span>
            }
            <div class="row">
                if owed {
                    <button type="button" class="secondary" onclick={toggle(Open::Done)} aria-label={format!("Mark done: “{name}”")}
                        aria-expanded={(*open == Some(Open::Done)).to_string()}>{ "Mark done" }</button>
                    <button type="button" class="secondary" onclick={toggle(Open::Waive)} aria-label={format!("Waive “{name}”")}
                        aria-expanded={(*open == Some(Open::Waive)).to_string()}>{ "Waive" }</button>
                    <button type="button" class="secondary" onclick={toggle(Open::Clock)} aria-label={format!("Correct clock start of “{name}”")}
                        aria-expanded={(*open == Some(Open::Clock)).to_string()}>{ "Correct clock start" }</button>
                } else {
                    <button type="button" class="secondary" onclick={reopen} aria-label={format!("Mark as owed again: “{name}”")}>{ "Mark as owed again" }</button>
                }
            </div>
            { form }
            if let Some(error) = &*error { <p class="error" role="alert">{ error.clone() }</p> }
        </li>
    }
}
