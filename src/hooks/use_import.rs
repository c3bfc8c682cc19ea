//! The import flow: size check, read, parse and plan (pure), preview, then one all-or-nothing write.

use std::rc::Rc;

use yew::prelude::*;

use crate::storage::{Database, StorageError};
use crate::store::{Action, AppContext, Flash};
use crate::transfer::{
    parse_file, plan_import, plan_settings, ImportError, ImportPlan, Limits, SettingsPlan,
};

/// Where an import stands.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportStage {
    /// Nothing being imported.
    Idle,
    /// Reading and checking the file.
    Reading {
        /// The file's name.
        file_name: String,
    },
    /// The file was refused; nothing was written.
    Refused {
        /// The file's name.
        file_name: String,
        /// Why.
        error: ImportError,
    },
    /// Waiting for the person to confirm or cancel.
    Preview {
        /// The file's name.
        file_name: String,
        /// What importing would do.
        plan: Rc<ImportPlan>,
        /// What applying the file's settings would do, if it holds any that differ from ours.
        settings: Option<Rc<SettingsPlan>>,
    },
    /// Writing to storage.
    Writing,
    /// The import could not go on; nothing was written.
    Failed(ImportFailure),
}

/// Why an import could not go on (after the file was accepted or while reading it).
#[derive(Debug, Clone, PartialEq)]
pub enum ImportFailure {
    /// The browser could not read the file; what it said.
    Unreadable(String),
    /// Storage is not open, so nothing can be written.
    NoStorage,
    /// Storage refused the write and rolled it back.
    Storage(StorageError),
}

/// Starts, confirms and cancels imports; shared through context.
#[derive(Clone, PartialEq)]
pub struct ImportHandle {
    /// Current stage.
    pub stage: ImportStage,
    /// Begin importing a file the person picked or dropped.
    pub onstart: Callback<web_sys::File>,
    /// Write the previewed plan; `true` applies the file's settings too.
    pub onconfirm: Callback<bool>,
    /// Drop the preview or message.
    pub oncancel: Callback<()>,
}

/// Owns the import state for the whole app.
#[hook]
pub fn use_import(app: AppContext, database: Option<Database>) -> ImportHandle {
    let stage = use_state(|| ImportStage::Idle);
    let onstart = {
        let (stage, app) = (stage.clone(), app.clone());
        Callback::from(move |file: web_sys::File| {
            let file_name = file.name();
            let limits = Limits::default();
            // The size is checked before a single byte is read.
            if let Err(error) = limits.check_size(file.size() as u64) {
                stage.set(ImportStage::Refused { file_name, error });
                return;
            }
            stage.set(ImportStage::Reading {
                file_name: file_name.clone(),
            });
            let (stage, app) = (stage.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let blob = gloo::file::Blob::from(web_sys::Blob::from(file));
                let bytes = match gloo::file::futures::read_as_bytes(&blob).await {
                    Ok(bytes) => bytes,
                    Err(error) => {
                        stage.set(ImportStage::Failed(ImportFailure::Unreadable(
                            error.to_string(),
                        )));
                        return;
                    }
                };
                // Let the browser paint the "Reading…" dialog before the long, synchronous parse.
                gloo::timers::future::TimeoutFuture::new(0).await;
                match parse_file(&bytes, &limits) {
                    Ok(mut parsed) => {
                        let ctx =
                            crate::browser::command_context(app.user.as_deref(), &app.settings);
                        let settings =
                            plan_settings(&app.settings, parsed.settings.take().as_ref());
                        let plan =
                            plan_import(app.incidents.values().map(|i| i.as_ref()), parsed, &ctx);
                        stage.set(ImportStage::Preview {
                            file_name,
                            plan: Rc::new(plan),
                            settings: settings.map(Rc::new),
                        });
                    }
                    Err(error) => stage.set(ImportStage::Refused { file_name, error }),
                }
            });
        })
    };
    let onconfirm = {
        let (stage, app) = (stage.clone(), app.clone());
        Callback::from(move |apply_settings: bool| {
            let ImportStage::Preview { plan, settings, .. } = &*stage else {
                return;
            };
            let settings = settings
                .as_ref()
                .filter(|_| apply_settings)
                .map(|s| s.theirs.clone());
            let Some(db) = database.clone() else {
                stage.set(ImportStage::Failed(ImportFailure::NoStorage));
                return;
            };
            let plan = plan.clone();
            stage.set(ImportStage::Writing);
            let (stage, app) = (stage.clone(), app.clone());
            wasm_bindgen_futures::spawn_local(async move {
                gloo::timers::future::TimeoutFuture::new(0).await;
                match db.import(&plan.to_write, settings.as_ref()).await {
                    Ok((stored, settings)) => {
                        crate::browser::announce_stored(stored.iter().map(|i| i.id()));
                        let counts = plan.counts();
                        app.dispatch(Action::Refreshed(stored));
                        let applied = settings.is_some();
                        if let Some(settings) = settings {
                            crate::browser::announce_settings();
                            app.dispatch(Action::SettingsStored(settings));
                        }
                        app.dispatch(Action::Notify(Flash::Imported(counts, applied)));
                        stage.set(ImportStage::Idle);
                    }
                    Err(error) => stage.set(ImportStage::Failed(ImportFailure::Storage(error))),
                }
            });
        })
    };
    let oncancel = {
        let stage = stage.clone();
        Callback::from(move |_| stage.set(ImportStage::Idle))
    };
    ImportHandle {
        stage: (*stage).clone(),
        onstart,
        onconfirm,
        oncancel,
    }
}
