//! The links section: links to other incidents (and theirs to this one, shown inverted),
//! references to problem and change records, and the forms that add them.

use std::collections::BTreeMap;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::Link;

use crate::app::Route;
use crate::components::words::{inverse_link_label, link_label, record_kind_label};
use crate::components::Attempt;
use crate::domain::links::{inverse_links, LinkCommand};
use crate::domain::{Command, Incident};
use crate::store::Shared;

pub use super::link_forms::REFERENCES;
use super::link_forms::{LinkForm, ReferenceForm};

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

/// Links both ways and references, with the forms that add them.
#[component]
pub fn LinksSection(props: &LinksSectionProps) -> Html {
    let incident = &props.incident;
    let incidents = &*props.incidents;
    let links = incident.parts().links.links();
    let inverse = use_memo((props.incidents.clone(), incident.id()), |(all, this)| {
        inverse_links(*this, all.values().map(|i| i.as_ref()))
    });
    let references = incident.parts().links.references();
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
            <LinkForm incidents={props.incidents.clone()} this={incident.id()} attempt={props.attempt.clone()} />
            <ReferenceForm attempt={props.attempt.clone()} />
        </section>
    }
}
