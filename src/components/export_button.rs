//! A button that downloads incidents as a Sitrep file.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::Incident;
use crate::store::{use_app, Action, Flash, Shared};
use crate::transfer::{export, export_all, file_name, ExportScope};

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
    let onclick = {
        let (app, what) = (app.clone(), props.what.clone());
        Callback::from(move |_| {
            let now = crate::browser::now();
            let (text, name) = match &what {
                ExportWhat::All => (
                    export_all(
                        app.incidents.values().map(|i| i.as_ref()),
                        &app.settings,
                        now,
                    ),
                    file_name(ExportScope::All, now),
                ),
                ExportWhat::Filtered(list) => (
                    export(list.iter().map(|i| i.as_ref()), now),
                    file_name(ExportScope::Filtered, now),
                ),
                ExportWhat::One(incident) => (
                    export([incident.as_ref()], now),
                    file_name(ExportScope::Incident(incident), now),
                ),
            };
            let text = match text {
                Ok(text) => text,
                Err(error) => {
                    app.dispatch(Action::Notify(Flash::Error(format!(
                        "Nothing was exported: Sitrep {error}. Please report this."
                    ))));
                    return;
                }
            };
            if !crate::browser::download_json(&name, &text) {
                app.dispatch(Action::Notify(Flash::Error(
                    "The browser refused the download.".into(),
                )));
            } else if what == ExportWhat::All {
                // A full export is a backup: the nudge counts from it.
                crate::browser::save_last_export(now);
                app.dispatch(Action::Exported(now));
            }
        })
    };
    html! { <button {onclick} data-testid={props.testid.clone()}>{ props.label.clone() }</button> }
}
