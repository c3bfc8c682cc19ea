//! The forms that link an incident to another and reference a problem or change record.

use std::collections::BTreeMap;
use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;

use super::links::find_reference;
use crate::components::words::{link_label, record_kind_label};
use crate::components::{bind_input, refusal_message, select_value, Attempt};
use crate::domain::links::{LinkCommand, LinkKind, RecordKind};
use crate::domain::{Command, Incident};
use crate::store::Shared;

/// Id of the references the incident fields suggest.
pub const REFERENCES: &str = "incident-references";
/// How many incidents the reference fields suggest: the latest open ones (any other can be typed).
const SUGGESTED: usize = 50;

/// Props of [`LinkForm`].
#[derive(Properties, PartialEq)]
pub struct LinkFormProps {
    /// Every incident this browser holds.
    pub incidents: Shared<BTreeMap<Uuid, Rc<Incident>>>,
    /// The incident the link is made on.
    pub this: Uuid,
    /// Runs the command; answers whether it was accepted.
    pub attempt: Attempt<Command>,
}

/// Link type and the other incident's reference.
#[component]
pub fn LinkForm(props: &LinkFormProps) -> Html {
    let kind = use_state(|| LinkKind::RelatedTo);
    let target = use_state(String::new);
    let error = use_state(|| None::<String>);
    // The latest open incidents, not all of them: a page of 10,000 options helps nobody.
    let suggested = use_memo((props.incidents.clone(), props.this), |(all, this)| {
        let mut open: Vec<Rc<Incident>> = all
            .values()
            .filter(|i| i.id() != *this && i.state.is_open())
            .cloned()
            .collect();
        crate::order::sort_by(&mut open, |a, b| b.created_at.cmp(&a.created_at));
        open.truncate(SUGGESTED);
        open
    });
    let onsubmit = {
        let (kind, target, error) = (kind.clone(), target.clone(), error.clone());
        let (incidents, attempt) = (props.incidents.clone(), props.attempt.clone());
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
    let onkind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            kind.set(LinkKind::parse(&select_value(&e)).unwrap_or(LinkKind::RelatedTo))
        })
    };
    html! {
        <form class="row" {onsubmit}>
            <label for="link-kind" class="inline">{ "Link type" }</label>
            <select id="link-kind" onchange={onkind}>
                { for LinkKind::ALL.into_iter().map(|k| html! { <option value={k.as_str()} selected={*kind == k}>{ link_label(k) }</option> }) }
            </select>
            <label for="link-target" class="inline">{ "Other incident" }</label>
            <input id="link-target" type="text" list={REFERENCES} placeholder="INC-0042" autocomplete="off" value={(*target).clone()} oninput={bind_input(&target)} />
            <button type="submit">{ "Add link" }</button>
            <datalist id={REFERENCES}>
                { for suggested.iter().map(|i| html! { <option value={i.reference.clone()}>{ i.title.clone() }</option> }) }
            </datalist>
            if let Some(error) = &*error { <p class="form-error" role="alert" data-testid="link-error">{ error.clone() }</p> }
        </form>
    }
}

/// Props of [`ReferenceForm`].
#[derive(Properties, PartialEq)]
pub struct ReferenceFormProps {
    /// Runs the command; answers whether it was accepted.
    pub attempt: Attempt<Command>,
}

/// Record type and its id or URL.
#[component]
pub fn ReferenceForm(props: &ReferenceFormProps) -> Html {
    let kind = use_state(|| RecordKind::Problem);
    let value = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (kind, value, error) = (kind.clone(), value.clone(), error.clone());
        let attempt = props.attempt.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let command = LinkCommand::Reference {
                kind: *kind,
                value: (*value).clone(),
            };
            match attempt.emit(Command::Links(command)) {
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
            kind.set(RecordKind::parse(&select_value(&e)).unwrap_or(RecordKind::Problem))
        })
    };
    html! {
        <form class="row" {onsubmit}>
            <label for="record-kind" class="inline">{ "Record type" }</label>
            <select id="record-kind" onchange={onkind}>
                { for RecordKind::ALL.into_iter().map(|k| html! { <option value={k.as_str()} selected={*kind == k}>{ record_kind_label(k) }</option> }) }
            </select>
            <label for="record-value" class="inline">{ "Record id or URL" }</label>
            <input id="record-value" type="text" autocomplete="off" value={(*value).clone()} oninput={bind_input(&value)} />
            <button type="submit">{ "Add reference" }</button>
            if let Some(error) = &*error { <p class="form-error" role="alert" data-testid="reference-error">{ error.clone() }</p> }
        </form>
    }
}
