//! The links section: links to other incidents (and theirs to this one, shown inverted),
//! references to problem and change records, and the forms that add them.

use std::collections::BTreeMap;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::app::Route;
use crate::components::words::{inverse_link_label, link_label, record_kind_label};
use crate::components::{bind_input, refusal_message, select_value, Attempt};
use crate::domain::links::{inverse_links, LinkCommand, LinkKind, RecordKind};
use crate::domain::{Command, Incident};
use crate::store::Shared;

/// Id of the references the incident fields suggest.
pub const REFERENCES: &str = "incident-references";

/// Props of [`LinksSection`].
#[derive(Properties, PartialEq)]
pub struct LinksSectionProps {
    /// The incident as it is now.
    pub incident: Rc<Incident>,
    /// Every incident this browser holds.
    pub incidents: Shared<BTreeMap<Uuid, Rc<Incident>>>,
    /// Runs a form's command; a refusal comes back to the form.
    pub attempt: Attempt<Command>,
    /// Runs a button's command; a refusal becomes the page's message.
    pub send: Callback<Command>,
}

/// The incident this browser holds under a human reference (ignoring case and spaces).
pub fn find_reference(
    incidents: &BTreeMap<Uuid, Rc<Incident>>,
    reference: &str,
) -> Option<Rc<Incident>> {
    let reference = reference.trim();
    incidents
        .values()
        .find(|i| i.reference.eq_ignore_ascii_case(reference))
        .cloned()
}

/// The other incident, linked to its page when this browser holds it.
fn other(incidents: &BTreeMap<Uuid, Rc<Incident>>, id: Uuid, reference: &str) -> Html {
    match incidents.get(&id) {
        Some(held) => html! {
            <Link<Route> to={Route::Incident { id: id.to_string() }}>{ format!("{} {}", held.reference, held.title) }</Link<Route>>
        },
        None => {
            html! { <span>{ reference.to_string() }<span class="hint">{ " (not in this browser)" }</span></span> }
        }
    }
}

/// A reference's value: a link only when the browser reads it as an http or https address.
pub fn record_value(value: &str) -> Html {
    let web = web_sys::Url::new(value.trim())
        .ok()
        .filter(|u| matches!(u.protocol().as_str(), "http:" | "https:"));
    match web {
        Some(url) => {
            html! { <a href={url.href()} rel="noopener noreferrer" target="_blank">{ value.to_string() }</a> }
        }
        None => html! { <span>{ value.to_string() }</span> },
    }
}

/// Links both ways, references, and the forms.
#[component]
pub fn LinksSection(props: &LinksSectionProps) -> Html {
    let incident = &props.incident;
    let incidents = &*props.incidents;
    let links = incident.parts().links.links();
    let inverse = inverse_links(incident.id(), incidents.values().map(|i| i.as_ref()));
    let references = incident.parts().links.references();
    let kind = use_state(|| LinkKind::RelatedTo);
    let target = use_state(String::new);
    let record_kind = use_state(|| RecordKind::Problem);
    let value = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onlink = {
        let (kind, target, error, attempt) = (
            kind.clone(),
            target.clone(),
            error.clone(),
            props.attempt.clone(),
        );
        let incidents = props.incidents.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(other) = find_reference(&incidents, &target) else {
                return error.set(Some(format!(
                    "No incident “{}” in this browser: give a reference such as INC-0042.",
                    target.trim()
                )));
            };
            let command = LinkCommand::Link {
                kind: *kind,
                target: other.id(),
                target_ref: other.reference.clone(),
            };
            match attempt.emit(Command::Links(command)) {
                Ok(()) => {
                    target.set(String::new());
                    error.set(None)
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let onreference = {
        let (record_kind, value, error, attempt) = (
            record_kind.clone(),
            value.clone(),
            error.clone(),
            props.attempt.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match attempt.emit(Command::Links(LinkCommand::Reference {
                kind: *record_kind,
                value: (*value).clone(),
            })) {
                Ok(()) => {
                    value.set(String::new());
                    error.set(None)
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let onkind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(LinkKind::parse(&select_value(&e)).unwrap_or(LinkKind::RelatedTo))
        })
    };
    let onrecordkind = {
        let k = record_kind.clone();
        Callback::from(move |e: Event| {
            k.set(RecordKind::parse(&select_value(&e)).unwrap_or(RecordKind::Problem))
        })
    };
    let unlink = |id: Uuid, what: String| {
        let onclick = props
            .send
            .reform(move |_: MouseEvent| Command::Links(LinkCommand::Unlink(id)));
        html! { <button type="button" class="link" {onclick}>{ format!("Remove link to {what}") }</button> }
    };
    let unreference = |id: Uuid, what: String| {
        let onclick = props
            .send
            .reform(move |_: MouseEvent| Command::Links(LinkCommand::Unreference(id)));
        html! { <button type="button" class="link" {onclick}>{ format!("Remove reference {what}") }</button> }
    };
    let nothing = links.is_empty() && inverse.is_empty() && references.is_empty();
    html! {
        <section class="links" aria-labelledby="links-title">
            <h2 id="links-title">{ "Links" }</h2>
            if nothing { <p class="hint">{ "No links yet." }</p> }
            <ul class="link-list">
                { for links.iter().map(|(id, link)| html! {
                    <li data-testid="link">{ format!("{} ", link_label(link.kind)) }{ other(incidents, link.target, &link.target_ref) }{ " " }{ unlink(*id, link.target_ref.clone()) }</li>
                }) }
                { for inverse.iter().map(|(from, kind)| {
                    let reference = incidents.get(from).map(|i| i.reference.clone()).unwrap_or_default();
                    html! { <li data-testid="inverse-link">{ format!("{} ", inverse_link_label(*kind)) }{ other(incidents, *from, &reference) }</li> }
                }) }
                { for references.iter().map(|(id, r)| html! {
                    <li data-testid="record-reference">{ format!("{}: ", record_kind_label(r.kind)) }{ record_value(&r.value) }{ " " }{ unreference(*id, r.value.clone()) }</li>
                }) }
            </ul>
            <form class="row" onsubmit={onlink}>
                <label for="link-kind" class="inline">{ "Link type" }</label>
                <select id="link-kind" onchange={onkind}>
                    { for LinkKind::ALL.into_iter().map(|k| html! { <option value={k.as_str()} selected={*kind == k}>{ link_label(k) }</option> }) }
                </select>
                <label for="link-target" class="inline">{ "Other incident" }</label>
                <input id="link-target" type="text" list={REFERENCES} placeholder="INC-0042" autocomplete="off" value={(*target).clone()} oninput={bind_input(&target)} />
                <button type="submit">{ "Add link" }</button>
            </form>
            <datalist id={REFERENCES}>
                { for incidents.values().filter(|i| i.id() != incident.id()).map(|i| html! { <option value={i.reference.clone()}>{ i.title.clone() }</option> }) }
            </datalist>
            <form class="row" onsubmit={onreference}>
                <label for="record-kind" class="inline">{ "Record type" }</label>
                <select id="record-kind" onchange={onrecordkind}>
                    { for RecordKind::ALL.into_iter().map(|k| html! { <option value={k.as_str()} selected={*record_kind == k}>{ record_kind_label(k) }</option> }) }
                </select>
                <label for="record-value" class="inline">{ "Record id or URL" }</label>
                <input id="record-value" type="text" autocomplete="off" value={(*value).clone()} oninput={bind_input(&value)} />
                <button type="submit">{ "Add reference" }</button>
            </form>
            if let Some(error) = &*error { <p class="form-error" role="alert" data-testid="link-error">{ error.clone() }</p> }
        </section>
    }
}
