//! Listens for the keyboard shortcuts on the whole page; a key typed into a field is never one.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::shortcuts::{step, Shortcut, Step, NOTE_CHOICE, TASK_CHOICE};
use crate::components::TASK_TITLE_FIELD;

/// Whether the key went to something a person types into.
fn typing(event: &KeyboardEvent) -> bool {
    let Some(target) = event
        .target()
        .and_then(|t| t.dyn_into::<HtmlElement>().ok())
    else {
        return false;
    };
    matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || target.is_content_editable()
}

/// Focuses the element with this id, trying again for a moment while a new screen renders or a
/// hidden form is shown.
fn focus_soon(id: &'static str, tries: u32) {
    let document = gloo::utils::document();
    if let Some(element) = document
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        let _ = element.focus();
        if document.active_element().is_some_and(|a| a.id() == id) {
            return;
        }
    }
    if tries > 0 {
        // The timer runs once and frees itself.
        let _ =
            gloo::timers::callback::Timeout::new(30, move || focus_soon(id, tries - 1)).forget();
    }
}

/// Picks the composer's choice with this id, if the page has a composer.
fn choose(id: &str) {
    if let Some(choice) = gloo::utils::document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlElement>().ok())
    {
        choice.click();
    }
}

/// Runs the shortcuts; `onhelp` opens the list of them.
#[hook]
pub fn use_shortcuts(onhelp: Callback<()>) {
    let navigator = use_navigator();
    use_effect_with((), move |_| {
        let after_g = Rc::new(Cell::new(false));
        let options = EventListenerOptions::enable_prevent_default();
        let document = gloo::utils::document();
        let listener =
            EventListener::new_with_options(&document, "keydown", options, move |event| {
                let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                if event.ctrl_key() || event.meta_key() || event.alt_key() || typing(event) {
                    return;
                }
                let shortcut = match step(&event.key(), after_g.replace(false)) {
                    Step::Prefix => return after_g.set(true),
                    Step::Nothing => return,
                    Step::Run(shortcut) => shortcut,
                };
                event.prevent_default();
                let to_queue = || {
                    if let Some(navigator) = &navigator {
                        navigator.push(&Route::Queue);
                    }
                };
                match shortcut {
                    Shortcut::Note => {
                        choose(NOTE_CHOICE);
                        focus_soon("note-text", 10);
                    }
                    Shortcut::Task => {
                        choose(TASK_CHOICE);
                        focus_soon(TASK_TITLE_FIELD, 10);
                    }
                    Shortcut::Search => {
                        to_queue();
                        focus_soon("search", 10);
                    }
                    Shortcut::Queue => to_queue(),
                    Shortcut::Help => onhelp.emit(()),
                }
            });
        move || drop(listener)
    });
}
