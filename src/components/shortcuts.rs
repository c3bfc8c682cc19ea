//! Keyboard shortcuts: which key does what (pure, so it is tested natively), and the dialog
//! that lists them. The listener lives in `hooks::use_shortcuts`.

use yew::prelude::*;

use crate::components::Modal;

/// Id of the composer's choice that shows the note form (the `n` shortcut selects it).
pub const NOTE_CHOICE: &str = "composer-note";
/// Id of the composer's choice that shows the task form (the `t` shortcut selects it).
pub const TASK_CHOICE: &str = "composer-task";

/// What a shortcut does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shortcut {
    /// Focus the note box of the incident page.
    Note,
    /// Focus the new-task field of the incident page.
    Task,
    /// Go to the queue and focus its search box.
    Search,
    /// Go back to the queue.
    Queue,
    /// List every shortcut.
    Help,
}

/// What a key press means, given whether the key before it was `g`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Run this shortcut.
    Run(Shortcut),
    /// `g` was pressed: the next key completes it.
    Prefix,
    /// Not a shortcut.
    Nothing,
}

/// Every shortcut with its keys and what it does, in the order the help lists them.
pub const SHORTCUTS: [(Shortcut, &str, &str); 5] = [
    (Shortcut::Note, "n", "Write a note (incident page)"),
    (Shortcut::Task, "t", "Add a task (incident page)"),
    (Shortcut::Search, "/", "Search the queue"),
    (Shortcut::Queue, "g then q", "Back to the queue"),
    (Shortcut::Help, "?", "List these shortcuts"),
];

/// The meaning of `key` (as `KeyboardEvent.key` names it); `after_g` when the previous key was `g`.
pub fn step(key: &str, after_g: bool) -> Step {
    match (key, after_g) {
        ("q", true) => Step::Run(Shortcut::Queue),
        ("g", false) => Step::Prefix,
        ("n", false) => Step::Run(Shortcut::Note),
        ("t", false) => Step::Run(Shortcut::Task),
        ("/", false) => Step::Run(Shortcut::Search),
        ("?", false) => Step::Run(Shortcut::Help),
        _ => Step::Nothing,
    }
}

/// Props of [`ShortcutsHelp`].
#[derive(Properties, PartialEq)]
pub struct ShortcutsHelpProps {
    /// Closes the dialog.
    pub onclose: Callback<()>,
}

/// The list of shortcuts, as a dialog.
#[component]
pub fn ShortcutsHelp(props: &ShortcutsHelpProps) -> Html {
    let onclick = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <Modal labelledby="shortcuts-title" onclose={props.onclose.clone()} testid="shortcuts-help">
            <h2 id="shortcuts-title">{ "Keyboard shortcuts" }</h2>
            <p class="hint">{ "They work anywhere except while typing in a field." }</p>
            <dl class="facts">
                { for SHORTCUTS.iter().map(|(_, keys, what)| html! { <><dt><kbd>{ *keys }</kbd></dt><dd>{ *what }</dd></> }) }
            </dl>
            <button type="button" class="primary" {onclick}>{ "Close shortcuts" }</button>
        </Modal>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_listed_key_runs_its_shortcut_and_g_waits_for_q() {
        for (shortcut, keys, _) in SHORTCUTS {
            let step = match keys.split_once(" then ") {
                Some((first, second)) => {
                    assert_eq!(super::step(first, false), Step::Prefix);
                    super::step(second, true)
                }
                None => super::step(keys, false),
            };
            assert_eq!(step, Step::Run(shortcut), "{keys}");
        }
        assert_eq!(step("q", false), Step::Nothing, "q alone does nothing");
        assert_eq!(step("n", true), Step::Nothing, "g then n does nothing");
        assert_eq!(step("x", false), Step::Nothing);
    }
}
