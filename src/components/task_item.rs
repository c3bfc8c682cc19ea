//! One task of an incident: what, who, by when and where it stands, with buttons to finish,
//! cancel or reopen it and a small form to give it to someone else or move its due time.

use chrono::{DateTime, Utc};
use yew::prelude::*;

use crate::browser::{display_time, parse_optional_local, to_local_input};
use crate::components::words::task_state_label;
use crate::components::{bind_input, refusal_message, Attempt, UNREADABLE_DUE};
use crate::domain::tasks::TaskState;

/// A task as the list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct TaskRow {
    /// What to do.
    pub title: String,
    /// Who does it.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<DateTime<Utc>>,
    /// Where it stands.
    pub state: TaskState,
    /// Open and past its due time.
    pub overdue: bool,
    /// The playbook it came from, by name.
    pub playbook: Option<String>,
}

/// Props of [`TaskItem`].
#[derive(Properties, PartialEq)]
pub struct TaskItemProps {
    /// The task.
    pub task: TaskRow,
    /// Id of the list of names the owner field suggests.
    pub people: AttrValue,
    /// Called with the state the task is to be in.
    pub onset: Callback<TaskState>,
    /// Called with the owner (blank: nobody) and due time; answers whether it was accepted.
    pub onchange: Attempt<(String, Option<DateTime<Utc>>)>,
    /// Offered on a task that asks whether a notification duty applies: opens the start of one.
    #[prop_or_default]
    pub onduty: Option<Callback<()>>,
}

/// One task in the list.
#[component]
pub fn TaskItem(props: &TaskItemProps) -> Html {
    let task = &props.task;
    let owner = use_state(|| task.owner.clone().unwrap_or_default());
    let due = use_state(|| task.due.map(to_local_input).unwrap_or_default());
    let error = use_state(|| None::<String>);
    let title = format!("“{}”", task.title);
    let onsubmit = {
        let (owner, due, error, onchange) = (
            owner.clone(),
            due.clone(),
            error.clone(),
            props.onchange.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(when) = parse_optional_local(&due) else {
                return error.set(Some(UNREADABLE_DUE.into()));
            };
            match onchange.emit(((*owner).clone(), when)) {
                Ok(()) => error.set(None),
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    // Short words to see; the whole name (which task) for screen readers and voice control.
    let button = |to: TaskState, shown: &'static str, name: String| {
        let onclick = props.onset.reform(move |_: MouseEvent| to);
        html! { <button type="button" class="link" aria-label={name} {onclick}>{ shown }</button> }
    };
    let actions = match task.state {
        TaskState::Open => html! { <>
            { button(TaskState::Done, "Done", format!("Mark {title} done")) }
            { button(TaskState::Cancelled, "Cancel", format!("Cancel {title}")) }
        </> },
        TaskState::Done | TaskState::Cancelled => {
            button(TaskState::Open, "Reopen", format!("Reopen {title}"))
        }
    };
    let class = classes!(
        "task",
        format!("task-{}", task.state.as_str()),
        task.overdue.then_some("is-overdue")
    );
    html! {
        <li {class} data-testid="task">
            <span class="task-title">{ task.title.clone() }</span>
            <span class="task-meta">
                if task.state != TaskState::Open {
                    <span class="task-state">{ task_state_label(task.state) }</span>
                }
                if task.overdue {
                    <span class="badge overdue" data-testid="task-overdue">{ "Overdue" }</span>
                }
                <span>{ task.owner.clone().unwrap_or_else(|| "No owner".into()) }</span>
                if let Some(due) = task.due {
                    <span>{ format!("due {}", display_time(due)) }</span>
                }
                if let Some(playbook) = &task.playbook {
                    <span class="hint">{ format!("from {playbook}") }</span>
                }
            </span>
            <span class="task-actions">
                { actions }
                if let Some(onduty) = &props.onduty {
                    <button type="button" class="link" onclick={onduty.reform(|_: MouseEvent| ())}>{ "Start a notification duty" }</button>
                }
            </span>
            <details class="task-edit">
                <summary>{ "Reassign or re-date" }<span class="visually-hidden">{ format!(" {title}") }</span></summary>
                <form class="row" {onsubmit}>
                    <label class="inline">{ format!("Owner of {title}") }
                        <input type="text" list={props.people.clone()} autocomplete="off"
                            value={(*owner).clone()} oninput={bind_input(&owner)} />
                    </label>
                    <label class="inline">{ format!("Due time of {title}") }
                        <input type="datetime-local" value={(*due).clone()} oninput={bind_input(&due)} />
                    </label>
                    <button type="submit">{ format!("Save {title}") }</button>
                </form>
                if let Some(error) = &*error {
                    <p class="form-error" role="alert">{ error.clone() }</p>
                }
            </details>
        </li>
    }
}
