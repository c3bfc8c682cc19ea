//! A button that downloads incidents as a Sitrep file (the export itself is `hooks::use_export`).

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::Incident;
use crate::hooks::use_export;
use crate::store::{use_app, Shared};

/// What an [`ExportButton`] exports.
#[derive(Clone, PartialEq)]
pub enum ExportWhat {
    /// Every incident in this browser.
    All,
    /// The incidents the queue shows now.
    Filtered(Shared<Vec<Rc<Incident>>>),
    /// One incident.
    One(Rc<Incident>),
}

/// Props of [`ExportButton`].
#[derive(Properties, PartialEq)]
pub struct ExportButtonProps {
    /// What to export.
    pub what: ExportWhat,
    /// Button text.
    pub label: AttrValue,
    /// Test hook.
    pub testid: AttrValue,
}

/// Writes the chosen incidents to a `.json` download.
#[component]
pub fn ExportButton(props: &ExportButtonProps) -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let export = use_export(app);
    let what = props.what.clone();
    let onclick = Callback::from(move |_: MouseEvent| export.emit(what.clone()));
    html! { <button {onclick} data-testid={props.testid.clone()}>{ props.label.clone() }</button> }
}
