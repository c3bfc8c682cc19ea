//! App state, the actions that change it, and the pure reducer. Effects live in `hooks/`.

use std::collections::BTreeMap;
use std::rc::Rc;

use chrono::{DateTime, Utc};
use uuid::Uuid;
use yew::prelude::*;

use crate::domain::commands::{declare, next_reference_number};
use crate::domain::settings::Settings;
use crate::domain::{execute, Command, CommandContext, CommandError, Draft, Incident};
use crate::storage::{LoadReport, Notice, StorageError};

/// Shared data compared by identity: cheap to clone and to compare, however large.
#[derive(Debug, Default)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// Where loading from storage stands.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadStatus {
    /// Still opening the database.
    Loading,
    /// The open waits for another tab, opened before an update, to let go of the database.
    Waiting,
    /// Loaded; the app works normally.
    Ready,
    /// Storage cannot be used; the app shows why and keeps nothing half-written.
    Failed(StorageError),
}

/// A message for the person, shown until dismissed or replaced. Words are made by the UI:
/// a refusal the reducer meets is kept typed and worded where it is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Flash {
    /// Something done, in words the UI made.
    Info(String),
    /// A failure, in words the UI made.
    Error(String),
    /// A command the rules refused.
    Refused(CommandError),
    /// An import landed with these counts, and the file's settings too when `true`.
    Imported(crate::transfer::PlanCounts, bool),
    /// An export could not be written (a bug); nothing was downloaded.
    NotWritten(crate::transfer::WriteError),
    /// The browser refused the download.
    DownloadRefused,
    /// The browser would not keep the person's name (it is used for this visit only).
    NameNotKept,
}

impl Flash {
    /// Whether it reports a refusal or failure.
    pub fn is_error(&self) -> bool {
        !matches!(self, Flash::Info(_))
    }
}

/// Everything the UI shows.
#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Storage state.
    pub status: LoadStatus,
    /// All incidents by id.
    pub incidents: Shared<BTreeMap<Uuid, Rc<Incident>>>,
    /// Incidents changed in memory and not yet stored, with the change number that last touched them.
    pub pending: BTreeMap<Uuid, u64>,
    /// Counts every change; effects watch it to know when to save.
    pub change_seq: u64,
    /// The last save failure, cleared by the next successful save.
    pub save_error: Option<StorageError>,
    /// Stored records that could not be read (kept, never deleted).
    pub unreadable: usize,
    /// Message for the person.
    pub flash: Option<Flash>,
    /// The person using this browser.
    pub user: Option<String>,
    /// Another tab upgraded or deleted the database and this tab let go of it: reload to go on.
    pub closed_elsewhere: bool,
    /// When everything was last exported from this browser.
    pub last_export: Option<DateTime<Utc>>,
    /// This browser's settings (people, priority matrix, reminder interval).
    pub settings: Settings,
    /// Counts changes to the settings; the settings effect saves when it moves.
    pub settings_seq: u64,
    /// The browser wiped the database this browser used before; holds the new database's id,
    /// remembered once the person has read the warning.
    pub wiped: Option<String>,
}

impl Default for AppState {
    fn default() -> Self {
        AppState {
            status: LoadStatus::Loading,
            incidents: Shared::default(),
            pending: BTreeMap::new(),
            change_seq: 0,
            save_error: None,
            unreadable: 0,
            flash: None,
            user: None,
            closed_elsewhere: false,
            last_export: None,
            settings: Settings::default(),
            settings_seq: 0,
            wiped: None,
        }
    }
}

/// Something that happened: a person's intent or a storage answer.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Storage opened and loaded (or failed to).
    Loaded(Result<LoadReport, StorageError>),
    /// The database told the app something on its own (waiting for another tab, closed by one).
    Storage(Notice),
    /// Everything was exported at this time.
    Exported(DateTime<Utc>),
    /// The person changed the settings; they are to be saved.
    ChangeSettings(Settings),
    /// Storage holds these settings (loaded, or written by an import or another tab).
    SettingsStored(Settings),
    /// The canary found that the browser wiped the database; the new one has this id.
    Wiped(String),
    /// The person read the warning about the wiped database.
    DismissWiped,
    /// Declare a new incident; its id is `ctx.incident_id()`.
    Declare(Box<Draft>, CommandContext),
    /// Change an incident.
    Apply(Uuid, Command, CommandContext),
    /// Changes the app makes by itself (a target breach seen): applied together, leaving the
    /// message on screen alone; a refused one is dropped.
    ApplyQuietly(Vec<(Uuid, Command, CommandContext)>),
    /// These changes reached storage.
    Saved(BTreeMap<Uuid, u64>),
    /// A save failed; the changes stay pending.
    SaveFailed(StorageError),
    /// Storage holds these versions (written by another tab or an import); merge them in.
    Refreshed(Vec<Incident>),
    /// Try saving pending changes again.
    RetrySave,
    /// The person gave their name.
    SetUser(String),
    /// Show a message.
    Notify(Flash),
    /// Hide the message.
    DismissFlash,
}

impl AppState {
    /// Looks an incident up by id.
    pub fn incident(&self, id: &Uuid) -> Option<&Rc<Incident>> {
        self.incidents.get(id)
    }

    /// Whether every change has reached storage.
    pub fn all_saved(&self) -> bool {
        self.pending.is_empty()
    }

    fn with_incident(mut self, incident: Incident) -> Self {
        self.change_seq += 1;
        self.pending.insert(incident.id(), self.change_seq);
        Rc::make_mut(&mut self.incidents.0).insert(incident.id(), Rc::new(incident));
        self
    }

    fn refuse(mut self, error: CommandError) -> Self {
        self.flash = Some(Flash::Refused(error));
        self
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut state = (*self).clone();
        match action {
            Action::Loaded(Ok(report)) => {
                state.status = LoadStatus::Ready;
                state.unreadable =
                    report.unreadable.len() + usize::from(report.settings_unreadable);
                if let Some(settings) = report.settings {
                    state.settings = settings;
                }
                let map = Rc::make_mut(&mut state.incidents.0);
                for incident in report.incidents {
                    map.insert(incident.id(), Rc::new(incident));
                }
            }
            Action::Loaded(Err(error)) => state.status = LoadStatus::Failed(error),
            Action::Storage(Notice::Waiting) => {
                if state.status != LoadStatus::Loading {
                    return self;
                }
                state.status = LoadStatus::Waiting;
            }
            Action::Storage(Notice::ClosedElsewhere) => state.closed_elsewhere = true,
            Action::Exported(at) => state.last_export = Some(at),
            Action::ChangeSettings(settings) => {
                if settings == state.settings {
                    return self;
                }
                state.settings = settings;
                state.settings_seq += 1;
            }
            Action::SettingsStored(settings) => {
                if settings == state.settings {
                    return self;
                }
                state.settings = settings;
            }
            Action::Wiped(instance) => state.wiped = Some(instance),
            Action::DismissWiped => state.wiped = None,
            Action::Declare(draft, ctx) => {
                let number = next_reference_number(state.incidents.values().map(|i| i.as_ref()));
                match declare(*draft, number, &ctx) {
                    Ok(incident) => {
                        state.flash = None;
                        return Rc::new(state.with_incident(incident));
                    }
                    Err(error) => return Rc::new(state.refuse(error)),
                }
            }
            Action::Apply(id, command, ctx) => {
                let Some(current) = state.incidents.get(&id).cloned() else {
                    return self;
                };
                return match execute(&current, command, &ctx) {
                    Ok(next) => {
                        state.flash = None;
                        Rc::new(state.with_incident(next))
                    }
                    Err(CommandError::NoChange) => self,
                    Err(error) => Rc::new(state.refuse(error)),
                };
            }
            Action::ApplyQuietly(changes) => {
                let mut changed = false;
                for (id, command, ctx) in changes {
                    let Some(current) = state.incidents.get(&id).cloned() else {
                        continue;
                    };
                    if let Ok(next) = execute(&current, command, &ctx) {
                        state = state.with_incident(next);
                        changed = true;
                    }
                }
                if !changed {
                    return self;
                }
            }
            Action::Saved(saved) => {
                for (id, seq) in saved {
                    if state.pending.get(&id) == Some(&seq) {
                        state.pending.remove(&id);
                    }
                }
                state.save_error = None;
            }
            Action::SaveFailed(error) => state.save_error = Some(error),
            Action::Refreshed(incidents) => {
                // Merging (a join) rather than replacing keeps edits made while storage answered.
                // Copies equal to what is shown change nothing, so nothing re-renders for them.
                let news: Vec<Incident> = incidents
                    .into_iter()
                    .filter_map(|incoming| match state.incidents.get(&incoming.id()) {
                        Some(current) if **current == incoming => None,
                        Some(current) => Some(Incident::merge(current, &incoming)),
                        None => Some(incoming),
                    })
                    .collect();
                if news.is_empty() {
                    return self;
                }
                let map = Rc::make_mut(&mut state.incidents.0);
                for next in news {
                    map.insert(next.id(), Rc::new(next));
                }
            }
            Action::RetrySave => state.change_seq += 1,
            Action::SetUser(name) => state.user = Some(name),
            Action::Notify(flash) => state.flash = Some(flash),
            Action::DismissFlash => {
                if state.flash.is_none() {
                    return self;
                }
                state.flash = None;
            }
        }
        Rc::new(state)
    }
}

/// The shared state handle every page reads and dispatches to.
pub type AppContext = UseReducerHandle<AppState>;

/// The app state from the nearest provider; `None` outside one (a page rendered on its own),
/// which the page shows as such rather than working on an empty store of its own.
#[hook]
pub fn use_app() -> Option<AppContext> {
    use_context::<AppContext>()
}
