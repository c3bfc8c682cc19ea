//! Adds a note to the timeline, optionally dated earlier for things that already happened.

use chrono::{DateTime, Utc};
use yew::prelude::*;

use crate::browser::parse_optional_local;
use crate::components::{bind_input, bind_textarea, refusal_message, Attempt};

/// Props of [`NoteForm`].
#[derive(Properties, PartialEq)]
pub struct NoteFormProps {
    /// Called with the note and, when given, when it happened; answers whether it was accepted.
    pub onadd: Attempt<(String, Option<DateTime<Utc>>)>,
}

/// A note box with an optional "happened at" time.
#[component]
pub fn NoteForm(props: &NoteFormProps) -> Html {
    let text = use_state(String::new);
    let at = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (text, at, error, onadd) =
            (text.clone(), at.clone(), error.clone(), props.onadd.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if text.trim().is_empty() {
                error.set(Some("Write the note first.".into()));
                return;
            }
            let Ok(when) = parse_optional_local(&at) else {
                error.set(Some("That time could not be read.".into()));
                return;
            };
            // A refused note stays in the form with the reason beside it.
            match onadd.emit(((*text).clone(), when)) {
                Ok(()) => {
                    error.set(None);
                    text.set(String::new());
                    at.set(String::new());
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    html! {
        <form class="note-form" {onsubmit}>
            <label for="note-text">{ "Add to the timeline" }</label>
            <textarea id="note-text" rows="3" placeholder="What happened, what was tried, what was decided"
                value={(*text).clone()} oninput={bind_textarea(&text)} />
            <div class="row">
                <label for="note-at" class="inline">{ "Happened at (optional)" }</label>
                <input id="note-at" type="datetime-local" value={(*at).clone()} oninput={bind_input(&at)} />
                <button type="submit" class="primary" data-testid="note-submit">{ "Add note" }</button>
            </div>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="note-error">{ error.clone() }</p>
            }
        </form>
    }
}
