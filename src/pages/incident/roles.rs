//! The roles section: each role with its holder, since when and its history; the subject experts.

use std::collections::BTreeSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::browser::display_time;
use crate::components::words::{describe, role_label};
use crate::components::{Attempt, ConflictMark, ExpertForm, RoleForm};
use crate::domain::commands::RoleCommand;
use crate::domain::roles::{Role, RolesEvent};
use crate::domain::settings::Settings;
use crate::domain::{Change, Command, Incident, Topic};

/// Props of [`RolesSection`].
#[derive(Properties, PartialEq)]
pub struct RolesSectionProps {
    /// The incident as it is now.
    pub incident: Rc<Incident>,
    /// The acting user.
    pub user: Option<String>,
    /// Runs a form's command; a refusal comes back to the form.
    pub attempt: Attempt<Command>,
    /// Runs a button's command; a refusal becomes the page's message.
    pub send: Callback<Command>,
    /// The settings (for the people directory).
    pub settings: Settings,
    /// Adds a name to the people directory.
    pub onremember: Callback<String>,
}

/// Id of the names the role fields suggest.
pub const PEOPLE: &str = "people-names";

/// Names the fields suggest: the people directory, and everyone who wrote to this incident or
/// held a role in it.
fn people(incident: &Incident, user: Option<&String>, settings: &Settings) -> BTreeSet<String> {
    let mut names: BTreeSet<String> = user.into_iter().cloned().collect();
    names.extend(settings.people.iter().map(|p| p.name.clone()));
    for event in incident.events() {
        names.insert(event.actor.clone());
        if let Change::Roles(RolesEvent::Assigned { person, .. }) = &event.change {
            names.insert(person.clone());
        }
    }
    names.retain(|n| !n.trim().is_empty());
    names
}

/// The entries about one role, oldest first, as the timeline words them.
fn history(incident: &Incident, role: Role) -> Html {
    let mut entries: Vec<_> = incident
        .events()
        .iter()
        .filter(|e| {
            matches!(&e.change,
                Change::Roles(RolesEvent::Assigned { role: r, .. } | RolesEvent::Released { role: r, .. }) if *r == role)
        })
        .collect();
    if entries.is_empty() {
        return html! {};
    }
    crate::order::sort_by_key(&mut entries, |e| e.timeline_key());
    html! {
        <details data-testid={format!("{}-history", role.as_str())}>
            <summary>{ format!("History of {} ({})", role_label(role).to_lowercase(), entries.len()) }</summary>
            <ol>
                { for entries.into_iter().map(|e| html! {
                    <li><time datetime={e.at.to_rfc3339()}>{ display_time(e.at) }</time>{ " " }{ describe(incident, e) }</li>
                }) }
            </ol>
        </details>
    }
}

/// Every role and the subject experts.
#[component]
pub fn RolesSection(props: &RolesSectionProps) -> Html {
    let incident = &props.incident;
    let roles = &incident.parts().roles;
    let role = |role: Role| {
        let holder = roles
            .holder(role)
            .map(|(name, head)| (name.to_string(), head.at));
        let onassign = props
            .attempt
            .reform(move |person| Command::Roles(RoleCommand::Assign { role, person }));
        let onrelease = props
            .send
            .reform(move |()| Command::Roles(RoleCommand::Release(role)));
        html! {
            <>
                <RoleForm {role} {holder} user={props.user.clone()} people={PEOPLE} {onassign} {onrelease} />
                <ConflictMark incident={incident.clone()} topic={Topic::Role(role)} />
                { history(incident, role) }
            </>
        }
    };
    let experts: Vec<Html> = roles
        .experts()
        .map(|(id, who, head)| {
            let onclick = props
                .send
                .reform(move |_: MouseEvent| Command::Roles(RoleCommand::ReleaseExpert(id)));
            html! {
                <li data-testid="expert">
                    <strong>{ who.person.clone() }</strong>{ " " }
                    <span>{ format!("({})", who.area) }</span>{ " " }
                    <span class="hint">{ format!("since {}", display_time(head.at)) }</span>{ " " }
                    <button type="button" class="link" {onclick}>{ format!("Release {} ({})", who.person, who.area) }</button>
                    <ConflictMark incident={incident.clone()} topic={Topic::Expert(id)} />
                </li>
            }
        })
        .collect();
    let onadd = props
        .attempt
        .reform(|who| Command::Roles(RoleCommand::AddExpert(who)));
    // Holders the directory does not know yet are offered to be added; it never gates.
    let mut strangers: BTreeSet<String> = Role::ALL
        .into_iter()
        .filter_map(|r| roles.holder(r).map(|(name, _)| name.to_string()))
        .chain(roles.experts().map(|(_, who, _)| who.person.clone()))
        .collect();
    strangers.retain(|name| props.settings.person(name).is_none());
    let offers: Vec<Html> = strangers.into_iter().map(|name| {
        let onclick = props.onremember.reform({
            let name = name.clone();
            move |_: MouseEvent| name.clone()
        });
        html! { <button type="button" class="link" {onclick}>{ format!("Add {name} to people") }</button> }
    }).collect();
    html! {
        <section class="roles" aria-labelledby="roles-title">
            <h2 id="roles-title">{ "Roles" }</h2>
            <datalist id={PEOPLE}>
                { for people(incident, props.user.as_ref(), &props.settings).into_iter().map(|n| html! { <option value={n} /> }) }
            </datalist>
            { for Role::ALL.into_iter().map(role) }
            <h3>{ "Subject experts" }</h3>
            if experts.is_empty() {
                <p class="hint">{ "None yet." }</p>
            } else {
                <ul class="experts">{ for experts }</ul>
            }
            <ExpertForm people={PEOPLE} {onadd} />
            if !offers.is_empty() {
                <p class="hint people-offers" data-testid="people-offers">{ for offers }</p>
            }
        </section>
    }
}
