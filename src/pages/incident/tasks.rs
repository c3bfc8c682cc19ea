//! The tasks section: open tasks first with overdue ones marked, and a playbook to apply (its
//! items become tasks, each once however often it is applied). Tasks are added in the composer.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{select_value, TaskItem, TaskRow};
use crate::domain::commands::Command;
use crate::domain::playbooks::Playbook;
use crate::domain::settings::Settings;
use crate::domain::tasks::{playbook_task_id, TaskCommand};
use crate::domain::Incident;
use crate::hooks::use_clock;

use super::roles::PEOPLE;

/// The playbook item that asks whether a notification duty applies.
const NOTIFICATION_ITEM: &str = "notification";

/// Props of [`TasksSection`].
#[derive(Properties, PartialEq)]
pub struct TasksSectionProps {
    /// The incident as it is now.
    pub incident: Rc<Incident>,
    /// Runs a form's command; a refusal comes back to the form.
    pub attempt: crate::components::Attempt<Command>,
    /// Runs a button's command; a refusal becomes the page's message.
    pub send: Callback<Command>,
    /// The settings (for the playbooks).
    pub settings: Settings,
    /// Opens the start of a notification duty (offered on the playbook item that asks for one).
    pub onduty: Callback<()>,
}

/// How many of the playbook's items are not tasks of the incident yet.
fn unmade(incident: &Incident, playbook: &Playbook) -> usize {
    let tasks = &incident.parts().tasks;
    playbook
        .task_items()
        .iter()
        .filter(|(origin, _)| !tasks.contains(playbook_task_id(incident.id(), origin)))
        .count()
}

/// Playbooks for the incident's category first, then the rest, each in settings order.
fn offered(settings: &Settings, incident: &Incident) -> Vec<Playbook> {
    let (mut fitting, rest): (Vec<Playbook>, Vec<Playbook>) = settings
        .playbooks
        .iter()
        .cloned()
        .partition(|p| p.fits(incident.category));
    fitting.extend(rest);
    fitting
}

/// The tasks of the incident.
#[component]
pub fn TasksSection(props: &TasksSectionProps) -> Html {
    let now = use_clock();
    let incident = &props.incident;
    let playbooks = offered(&props.settings, incident);
    let chosen = use_state(|| playbooks.first().map(|p| p.id.clone()));
    let playbook = chosen
        .as_deref()
        .and_then(|id| playbooks.iter().find(|p| p.id == id))
        .or(playbooks.first());
    let tasks = incident.parts().tasks.list();
    let (open, overdue) = incident.parts().tasks.open_counts(now);
    let rows = tasks.iter().map(|task| {
        let id = task.id;
        let row = TaskRow {
            title: task.title.to_string(),
            owner: task.owner.map(str::to_string),
            due: task.due,
            state: task.state,
            overdue: task.is_overdue(now),
            playbook: task.origin.map(|o| {
                props
                    .settings
                    .playbook(&o.playbook)
                    .map_or_else(|| o.playbook.clone(), |p| p.name.clone())
            }),
        };
        let onset = props
            .send
            .reform(move |to| Command::Tasks(TaskCommand::Set(id, to)));
        let onchange = {
            let attempt = props.attempt.clone();
            Callback::from(move |(owner, due)| {
                attempt.emit(Command::Tasks(TaskCommand::Assign(id, owner)))?;
                attempt.emit(Command::Tasks(TaskCommand::Date(id, due)))
            })
        };
        let onduty = task
            .origin
            .is_some_and(|o| o.item == NOTIFICATION_ITEM)
            .then(|| props.onduty.clone());
        html! { <TaskItem key={id.to_string()} task={row} people={PEOPLE} {onset} {onchange} {onduty} /> }
    });
    let onchoose = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| chosen.set(Some(select_value(&e))))
    };
    let apply = playbook.map(|p| {
        let items = p.task_items();
        let onclick = props.send.reform(move |_: MouseEvent| Command::Tasks(TaskCommand::FromPlaybook(items.clone())));
        let left = unmade(incident, p);
        html! { <>
            <button type="button" {onclick} disabled={left == 0} data-testid="apply-playbook">{ "Apply playbook" }</button>
            <span class="hint" data-testid="playbook-left">{ match left {
                0 => "Every item of this playbook is a task already.".to_string(),
                1 => "Adds 1 task.".to_string(),
                n => format!("Adds {n} tasks."),
            } }</span>
        </> }
    });
    let summary = match (open, overdue) {
        (0, _) => "none open".to_string(),
        (open, 0) => format!("{open} open"),
        (open, overdue) => format!("{open} open, {overdue} overdue"),
    };
    html! {
        <section class="tasks" aria-labelledby="tasks-title">
            <h2 id="tasks-title">{ "Tasks " }<span class="hint" data-testid="task-counts">{ format!("({summary})") }</span></h2>
            if tasks.is_empty() {
                <p class="hint">{ "No tasks yet. Add one with the composer (Task, or press t), or apply a playbook." }</p>
            } else {
                <ul class="task-list">{ for rows }</ul>
            }
            if !playbooks.is_empty() {
                <div class="row playbook-apply">
                    <label for="playbook-choice" class="inline">{ "Playbook" }</label>
                    <select id="playbook-choice" onchange={onchoose}>
                        { for playbooks.iter().map(|p| html! {
                            <option value={p.id.clone()} selected={Some(&p.id) == playbook.map(|b| &b.id)}>{ p.name.clone() }</option>
                        }) }
                    </select>
                    { for apply }
                </div>
            }
        </section>
    }
}
