//! Adds a task to an incident: what to do, and optionally who does it and by when.

use yew::prelude::*;

use crate::browser::parse_optional_local;
use crate::components::{bind_input, refusal_message, Attempt};
use crate::domain::tasks::NewTask;

/// The id of the task title field, which the `t` shortcut focuses.
pub const TASK_TITLE_FIELD: &str = "task-title";

/// Props of [`TaskForm`].
#[derive(Properties, PartialEq)]
pub struct TaskFormProps {
    /// Id of the list of names the owner field suggests.
    pub people: AttrValue,
    /// Called with the task; answers whether it was accepted.
    pub onadd: Attempt<NewTask>,
}

/// What a due time that cannot be read is told with.
pub const UNREADABLE_DUE: &str = "That due time could not be read.";

/// Title, owner and due fields with an "Add task" button.
#[component]
pub fn TaskForm(props: &TaskFormProps) -> Html {
    let title = use_state(String::new);
    let owner = use_state(String::new);
    let due = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (title, owner, due, error) = (title.clone(), owner.clone(), due.clone(), error.clone());
        let onadd = props.onadd.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Ok(when) = parse_optional_local(&due) else {
                return error.set(Some(UNREADABLE_DUE.into()));
            };
            let task = NewTask {
                title: (*title).clone(),
                owner: (*owner).clone(),
                due: when,
            };
            // A refused task stays in the form with the reason beside it.
            match onadd.emit(task) {
                Ok(()) => {
                    title.set(String::new());
                    owner.set(String::new());
                    due.set(String::new());
                    error.set(None);
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    html! {
        <form class="task-form" {onsubmit}>
            <label for={TASK_TITLE_FIELD}>{ "New task" }</label>
            <input id={TASK_TITLE_FIELD} type="text" placeholder="What needs doing" autocomplete="off"
                value={(*title).clone()} oninput={bind_input(&title)} />
            <div class="row">
                <label for="task-owner" class="inline">{ "Owner (optional)" }</label>
                <input id="task-owner" type="text" list={props.people.clone()} autocomplete="off"
                    value={(*owner).clone()} oninput={bind_input(&owner)} />
                <label for="task-due" class="inline">{ "Due (optional)" }</label>
                <input id="task-due" type="datetime-local" value={(*due).clone()} oninput={bind_input(&due)} />
                <button type="submit" data-testid="task-submit">{ "Add task" }</button>
            </div>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="task-error">{ error.clone() }</p>
            }
        </form>
    }
}
