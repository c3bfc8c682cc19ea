//! Communication: write an update from a template for one audience, post it (never edited; a
//! correction is a new update naming the one it corrects), read each audience's thread with
//! when the next update is due, copy any update as text or Markdown, and set what customers see
//! (their title, the status-page listing) and save the status page.

use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use crate::browser::display_time;
use crate::components::words::{
    audience_label, placeholder_value, template_label, update_as_markdown, update_as_text,
    update_due_line,
};
use crate::components::{bind_input, bind_textarea, refusal_message, select_value, Attempt};
use crate::domain::comms::{updates_due, Audience, CommsCommand, NewUpdate, TemplateKind, Update};
use crate::domain::settings::Settings;
use crate::domain::templates::fill;
use crate::domain::{Command, Incident, State};
use crate::hooks::use_clock;

/// Props of [`CommsSection`].
#[derive(Properties, PartialEq)]
pub struct CommsSectionProps {
    /// The incident as it is now.
    pub incident: Rc<Incident>,
    /// Runs a form's command; a refusal comes back to the form.
    pub attempt: Attempt<Command>,
    /// Runs a button's command; a refusal becomes the page's message.
    pub send: Callback<Command>,
    /// The settings (templates, cadence).
    pub settings: Settings,
}

/// The template a new update most likely starts from.
fn likely_template(incident: &Incident, audience: Audience) -> TemplateKind {
    if matches!(incident.state, State::Resolved | State::Closed) {
        TemplateKind::Resolved
    } else if incident.parts().comms.thread(audience).next().is_none() {
        TemplateKind::Initial
    } else {
        TemplateKind::Can
    }
}

/// Puts `text` on the clipboard; says so (or that it failed) through `status`.
fn copy(text: String, done: String, status: UseStateHandle<Option<String>>) {
    let clipboard = gloo::utils::window().navigator().clipboard();
    let promise = clipboard.write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status.set(Some(done)),
            Err(_) => status.set(Some(
                "The browser refused the clipboard: select the update's text and copy it by hand."
                    .to_string(),
            )),
        }
    });
}

/// The communication section of the incident page.
#[component]
pub fn CommsSection(props: &CommsSectionProps) -> Html {
    let now = use_clock();
    let incident = &props.incident;
    let comms = &incident.parts().comms;
    let audience = use_state(|| Audience::Internal);
    let template = use_state(|| likely_template(incident, Audience::Internal));
    let text = use_state(String::new);
    let corrects = use_state(|| None::<Uuid>);
    let error = use_state(|| None::<String>);
    let copied = use_state(|| None::<String>);

    let onaudience = {
        let (audience, corrects, template, incident) = (
            audience.clone(),
            corrects.clone(),
            template.clone(),
            incident.clone(),
        );
        Callback::from(move |e: Event| {
            let chosen = Audience::parse(&select_value(&e)).unwrap_or(Audience::Internal);
            audience.set(chosen);
            corrects.set(None);
            template.set(likely_template(&incident, chosen));
        })
    };
    let ontemplate = {
        let template = template.clone();
        Callback::from(move |e: Event| {
            if let Some(kind) = TemplateKind::parse(&select_value(&e)) {
                template.set(kind);
            }
        })
    };
    let onfill = {
        let (text, template, incident, settings) = (
            text.clone(),
            template.clone(),
            incident.clone(),
            props.settings.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let now = crate::browser::now();
            text.set(fill(settings.template(*template), |p| {
                placeholder_value(&incident, p, now)
            }));
        })
    };
    let oncorrects = {
        let corrects = corrects.clone();
        Callback::from(move |e: Event| corrects.set(Uuid::parse_str(&select_value(&e)).ok()))
    };
    let onsubmit = {
        let (audience, template, text, corrects, error) = (
            audience.clone(),
            template.clone(),
            text.clone(),
            corrects.clone(),
            error.clone(),
        );
        let attempt = props.attempt.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let command = Command::Comms(CommsCommand::Post(NewUpdate {
                audience: *audience,
                template: Some(*template),
                text: (*text).clone(),
                corrects: *corrects,
            }));
            match attempt.emit(command) {
                Ok(()) => {
                    text.set(String::new());
                    corrects.set(None);
                    error.set(None);
                    if *template == TemplateKind::Initial {
                        template.set(TemplateKind::Can);
                    }
                }
                // Refused: the text stays, with the reason beside it.
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };

    let due = updates_due(incident, &props.settings.cadence);
    let thread = |a: Audience| {
        let updates: Vec<&Update> = comms.thread(a).rev().collect();
        let due_line = due.iter().find(|d| d.audience == a).map(|d| {
            let late = d.is_overdue(now);
            html! {
                <>
                    <p class={classes!("update-due", late.then_some("loud"))}
                        data-testid={format!("update-due-{}", a.as_str())}>
                        { update_due_line(d, now) }
                    </p>
                    // Said once when it falls late, not again at every tick of the countdown.
                    if late {
                        <span class="visually-hidden" role="alert">{ format!("{} update overdue", audience_label(a)) }</span>
                    }
                </>
            }
        });
        let items = updates.iter().map(|u| {
            let (as_text, as_md) = (
                update_as_text(incident, u),
                update_as_markdown(incident, u),
            );
            let copy_text = {
                let copied = copied.clone();
                Callback::from(move |_: MouseEvent| {
                    copy(as_text.clone(), "Copied as plain text.".into(), copied.clone())
                })
            };
            let copy_md = {
                let copied = copied.clone();
                Callback::from(move |_: MouseEvent| {
                    copy(as_md.clone(), "Copied as Markdown.".into(), copied.clone())
                })
            };
            let author = incident
                .event(u.event)
                .map(|e| e.actor.clone())
                .unwrap_or_default();
            let corrected = comms.corrections_of(u.id).next().is_some();
            let corrects = u
                .corrects
                .and_then(|id| comms.update(id))
                .map(|c| format!("Corrects the update of {}", display_time(c.at)));
            html! {
                <li key={u.id.to_string()} class={classes!("update", corrected.then_some("corrected"))} data-testid="update">
                    <p class="meta">
                        <time datetime={u.at.to_rfc3339()}>{ display_time(u.at) }</time>
                        { " · " }{ author }
                        if corrected { <span class="badge">{ "Corrected below" }</span> }
                    </p>
                    if let Some(corrects) = corrects { <p class="hint">{ corrects }</p> }
                    <p class="update-text">{ u.text.clone() }</p>
                    <div class="row">
                        <button type="button" class="secondary" onclick={copy_text}
                            aria-label={format!("Copy as text: the {} update of {}", audience_label(a).to_lowercase(), display_time(u.at))}>{ "Copy as text" }</button>
                        <button type="button" class="secondary" onclick={copy_md}
                            aria-label={format!("Copy as Markdown: the {} update of {}", audience_label(a).to_lowercase(), display_time(u.at))}>{ "Copy as Markdown" }</button>
                    </div>
                </li>
            }
        });
        let heading = format!("{} ({})", audience_label(a), updates.len());
        let id = format!("thread-{}", a.as_str());
        html! {
            <section class="thread" aria-labelledby={id.clone()} data-testid={id.clone()}>
                <h3 {id}>{ heading }</h3>
                { for due_line }
                if updates.is_empty() {
                    <p class="hint">{ "No update posted yet." }</p>
                } else {
                    <ol class="updates">{ for items }</ol>
                }
            </section>
        }
    };
    let correctable: Vec<&Update> = comms.thread(*audience).rev().collect();
    html! {
        <section class="comms" aria-labelledby="comms-title">
            <h2 id="comms-title">{ "Communication" }</h2>
            <form class="update-form" onsubmit={onsubmit} aria-label="Write an update">
                <div class="row">
                    <label for="update-audience" class="inline">{ "Audience" }</label>
                    <select id="update-audience" onchange={onaudience}>
                        { for Audience::ALL.into_iter().map(|a| html! {
                            <option value={a.as_str()} selected={*audience == a}>{ audience_label(a) }</option>
                        }) }
                    </select>
                    <label for="update-template" class="inline">{ "Template" }</label>
                    <select id="update-template" onchange={ontemplate}>
                        { for TemplateKind::ALL.into_iter().map(|k| html! {
                            <option value={k.as_str()} selected={*template == k}>{ template_label(k) }</option>
                        }) }
                    </select>
                    <button type="button" class="secondary" onclick={onfill}>{ "Fill from template" }</button>
                </div>
                <label for="update-text">{ "Update text" }</label>
                <textarea id="update-text" rows="7" value={(*text).clone()} oninput={bind_textarea(&text)}
                    aria-describedby={error.is_some().then_some("update-error")} />
                if !correctable.is_empty() {
                    <label for="update-corrects">{ "Corrects" }</label>
                    <select id="update-corrects" onchange={oncorrects}>
                        <option value="" selected={corrects.is_none()}>{ "Nothing: a new update" }</option>
                        { for correctable.iter().map(|u| {
                            let first: String = u.text.chars().take(60).collect();
                            html! {
                                <option value={u.id.to_string()} selected={*corrects == Some(u.id)}>
                                    { format!("{} — {first}", display_time(u.at)) }
                                </option>
                            }
                        }) }
                    </select>
                }
                if let Some(error) = &*error { <p id="update-error" class="error" role="alert">{ error.clone() }</p> }
                <button type="submit">{ format!("Post update to {}", audience_label(*audience).to_lowercase()) }</button>
            </form>
            <p class="hint" role="status" data-testid="copy-status">{ (*copied).clone().unwrap_or_default() }</p>
            { for Audience::ALL.into_iter().map(thread) }
            <CustomersFacing incident={incident.clone()} attempt={props.attempt.clone()} send={props.send.clone()} />
        </section>
    }
}

/// Props of [`CustomersFacing`].
#[derive(Properties, PartialEq)]
struct CustomersFacingProps {
    incident: Rc<Incident>,
    attempt: Attempt<Command>,
    send: Callback<Command>,
}

/// What customers see: their title, whether the status page lists the incident, and the page.
#[component]
fn CustomersFacing(props: &CustomersFacingProps) -> Html {
    let incident = &props.incident;
    let comms = &incident.parts().comms;
    let title = use_state(|| comms.public_title().unwrap_or_default().to_string());
    let error = use_state(|| None::<String>);
    let saved = use_state(|| None::<String>);
    let onsubmit = {
        let (title, error) = (title.clone(), error.clone());
        let attempt = props.attempt.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match attempt.emit(Command::Comms(CommsCommand::SetPublicTitle(
                (*title).clone(),
            ))) {
                Ok(()) => error.set(None),
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let public = comms.is_public();
    let onpublic = props
        .send
        .reform(move |_: Event| Command::Comms(CommsCommand::SetPublic(!public)));
    let onsave = {
        let (incident, saved) = (incident.clone(), saved.clone());
        Callback::from(move |_: MouseEvent| {
            saved.set(Some(crate::pages::save_status_page(std::slice::from_ref(
                &incident,
            ))));
        })
    };
    html! {
        <section class="customers-facing" aria-labelledby="customers-title">
            <h3 id="customers-title">{ "What customers see" }</h3>
            <form class="row" {onsubmit}>
                <label for="public-title" class="inline">{ "Title for customers" }</label>
                <input id="public-title" type="text" value={(*title).clone()} oninput={bind_input(&title)}
                    placeholder={incident.title.clone()} />
                <button type="submit" class="secondary">{ "Save title for customers" }</button>
            </form>
            if let Some(error) = &*error { <p class="error" role="alert">{ error.clone() }</p> }
            <label class="inline">
                <input type="checkbox" checked={public} onchange={onpublic} />
                { "List on the public status page" }
            </label>
            <div class="row">
                <button type="button" onclick={onsave}>{ "Save status page" }</button>
                <span class="hint" role="status">{ (*saved).clone().unwrap_or_default() }</span>
            </div>
            <p class="hint">{ "The status page holds only customer updates, the title for customers, the state and the affected services: one HTML file with no script, for any static host." }</p>
        </section>
    }
}
