//! Small reusable views. Leaf components take plain callbacks named `on<verb>`.

mod action_item;
mod badges;
mod category_select;
pub mod chart;
mod conflict_mark;
pub mod csv_report;
mod details_form;
mod expert_form;
mod export_button;
mod filter_bar;
mod header;
mod import_dialog;
mod level_picker;
pub mod markdown;
pub mod md_report;
mod modal;
mod note_form;
mod queue_list;
mod role_form;
pub mod shortcuts;
mod status_banner;
pub mod status_page;
mod task_form;
mod task_item;
mod timeline;
mod transition_bar;
mod update_banner;
mod whoami;
pub mod words;

pub use action_item::{ActionItem, ActionItemProps, ActionRow};
pub use badges::{KindBadge, PriorityBadge, PriorityBadgeProps, StateBadge};
pub use category_select::CategorySelect;
pub use conflict_mark::{ConflictMark, ConflictMarkProps};
pub use details_form::DetailsForm;
pub use expert_form::{ExpertForm, ExpertFormProps};
pub use export_button::{ExportButton, ExportWhat};
pub use filter_bar::FilterBar;
pub use header::Header;
pub use import_dialog::{ImportDialog, ImportDialogProps};
pub use level_picker::{LevelPicker, LevelPickerProps};
pub use markdown::{Markdown, MarkdownProps};
pub use modal::{Modal, ModalProps};
pub use note_form::{NoteForm, NoteFormProps};
pub use queue_list::{QueueList, QueueListProps};
pub use role_form::{RoleForm, RoleFormProps};
pub use shortcuts::ShortcutsHelp;
pub use status_banner::{import_failure_message, storage_message, StatusBanner};
pub use task_form::{TaskForm, TaskFormProps, TASK_TITLE_FIELD, UNREADABLE_DUE};
pub use task_item::{TaskItem, TaskItemProps, TaskRow};
pub use timeline::{Timeline, TimelineProps};
pub use transition_bar::{TransitionBar, TransitionBarProps};
pub use update_banner::UpdateBanner;
pub use whoami::WhoAmI;
pub use words::refusal_message;

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// A callback for a form's command: answers whether it was accepted, so that a refused form
/// keeps what was typed and shows why.
pub type Attempt<T> = Callback<T, Result<(), crate::domain::CommandError>>;

/// A callback that sets a text state from an `<input>`.
pub fn bind_input(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        state.set(e.target_unchecked_into::<HtmlInputElement>().value())
    })
}

/// A callback that sets a text state from a `<textarea>`.
pub fn bind_textarea(state: &UseStateHandle<String>) -> Callback<InputEvent> {
    let state = state.clone();
    Callback::from(move |e: InputEvent| {
        state.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    })
}

/// The chosen value of a `<select>` change event.
pub fn select_value(e: &Event) -> String {
    e.target_unchecked_into::<HtmlSelectElement>().value()
}
