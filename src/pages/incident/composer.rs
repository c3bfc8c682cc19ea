//! The one composer of the incident page: it writes a note or a task. Both forms stay mounted
//! (one hidden), so switching loses nothing typed.

use chrono::{DateTime, Utc};
use yew::prelude::*;

use super::roles::PEOPLE;
use crate::components::shortcuts::{NOTE_CHOICE, TASK_CHOICE};
use crate::components::{Attempt, NoteForm, TaskForm};
use crate::domain::tasks::NewTask;

/// Props of [`Composer`].
#[derive(Properties, PartialEq)]
pub struct ComposerProps {
    /// Adds a note; answers whether it was accepted.
    pub onnote: Attempt<(String, Option<DateTime<Utc>>)>,
    /// Adds a task; answers whether it was accepted.
    pub ontask: Attempt<NewTask>,
}

/// Note or task, then the form for it.
#[component]
pub fn Composer(props: &ComposerProps) -> Html {
    let task = use_state(|| false);
    let choice = |id: &'static str, is_task: bool, words: &'static str| {
        let onchange = {
            let task = task.clone();
            Callback::from(move |_: Event| task.set(is_task))
        };
        html! {
            <label class="inline">
                <input type="radio" name="composer" {id} checked={*task == is_task} {onchange} />
                { words }
            </label>
        }
    };
    html! {
        <section class="composer" aria-label="Composer">
            <fieldset class="composer-choice">
                <legend class="visually-hidden">{ "Write" }</legend>
                { choice(NOTE_CHOICE, false, "Note") }
                { choice(TASK_CHOICE, true, "Task") }
            </fieldset>
            <div hidden={*task}><NoteForm onadd={props.onnote.clone()} /></div>
            <div hidden={!*task}><TaskForm people={PEOPLE} onadd={props.ontask.clone()} /></div>
        </section>
    }
}
