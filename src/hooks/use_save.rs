//! Saves every incident the reducer records as pending, merging with what storage holds.

use std::collections::BTreeMap;

use yew::prelude::*;

use crate::storage::Database;
use crate::store::{Action, AppContext, LoadStatus};

/// Persists each change the reducer records as pending.
#[hook]
pub fn use_save(app: AppContext, db: Option<Database>) {
    use_effect_with((app.change_seq, db.is_some()), move |_| {
        if let (Some(db), LoadStatus::Ready) = (db, &app.status) {
            let batch: Vec<_> = app
                .pending
                .keys()
                .filter_map(|id| app.incident(id).map(|i| (**i).clone()))
                .collect();
            let seqs: BTreeMap<_, _> = app.pending.clone();
            if !batch.is_empty() {
                wasm_bindgen_futures::spawn_local(async move {
                    match db.save(&batch).await {
                        Ok(changed_elsewhere) => {
                            crate::browser::announce_stored(batch.iter().map(|i| i.id()));
                            app.dispatch(Action::Refreshed(changed_elsewhere));
                            app.dispatch(Action::Saved(seqs));
                        }
                        Err(error) => app.dispatch(Action::SaveFailed(error)),
                    }
                });
            }
        }
    });
}
