//! Exporting: writes the chosen incidents (and, for everything, the settings) as a Sitrep file
//! and offers it as a download; a full export is remembered for the backup reminder.

use yew::prelude::*;

use crate::components::ExportWhat;
use crate::store::{Action, AppContext, Flash};
use crate::transfer::{export, export_all, file_name, ExportScope};

/// A callback that exports what it is given.
#[hook]
pub fn use_export(app: AppContext) -> Callback<ExportWhat> {
    Callback::from(move |what: ExportWhat| {
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
                app.dispatch(Action::Notify(Flash::NotWritten(error)));
                return;
            }
        };
        if !crate::browser::download_json(&name, &text) {
            app.dispatch(Action::Notify(Flash::DownloadRefused));
        } else if what == ExportWhat::All {
            // A full export is a backup: the nudge counts from it.
            crate::browser::save_last_export(now);
            app.dispatch(Action::Exported(now));
        }
    })
}
