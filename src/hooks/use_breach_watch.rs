//! Records each response-target breach once, as a timeline entry, when it is first seen: on
//! every tick of the app-wide clock and every change of the incidents, the tab in view looks
//! for open incidents whose target ran out unrecorded.

use yew::prelude::*;

use crate::browser::command_context;
use crate::domain::targets::unrecorded_breach;
use crate::domain::Command;
use crate::hooks::use_clock;
use crate::store::{Action, AppContext, LoadStatus};

/// Watches the incidents for breaches to record.
#[hook]
pub fn use_breach_watch() {
    let now = use_clock();
    let app = use_context::<AppContext>();
    let incidents = app.as_ref().map(|a| a.incidents.clone());
    use_effect_with((now, incidents), move |_| {
        let Some(app) = app else { return };
        // A tab out of view leaves it to the one in view, so a breach is written once.
        if !matches!(app.status, LoadStatus::Ready) || gloo::utils::document().hidden() {
            return;
        }
        let targets = app.settings.targets;
        let changes: Vec<_> = app
            .incidents
            .values()
            .filter(|i| i.state.is_open() && unrecorded_breach(i, &targets, now))
            .map(|i| {
                let ctx = command_context(app.user.as_deref(), &app.settings);
                (i.id(), Command::RecordBreaches(targets), ctx)
            })
            .collect();
        if !changes.is_empty() {
            app.dispatch(Action::ApplyQuietly(changes));
        }
    });
}
