//! The follow-up actions part: what the review decided to change so that it does not happen
//! again. Each action is a child record keyed by its own id with one register per field, so an
//! action finished in one copy and reassigned in another keeps both changes. Actions outlive
//! the incident: they stay open, and can be finished, after it closes.
//!
//! [`follow_ups`] lists them across every incident, for the follow-ups page, with a filter that
//! has a URL form.

use chrono::NaiveDate;
use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_NAME, MAX_TITLE};
use super::register::{Keyed, Register, Slot, Stamp};
use super::{Change, Event, Incident, Topic};

/// What an action does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionKind {
    /// Fixes what went wrong.
    Corrective,
    /// Keeps it from happening again.
    Preventive,
    /// Notices it sooner next time.
    Detective,
}

impl ActionKind {
    /// Every kind.
    pub const ALL: [ActionKind; 3] = [
        ActionKind::Corrective,
        ActionKind::Preventive,
        ActionKind::Detective,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionKind::Corrective => "corrective",
            ActionKind::Preventive => "preventive",
            ActionKind::Detective => "detective",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<ActionKind> {
        ActionKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Where an action stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionState {
    /// To do.
    Open,
    /// Done.
    Done,
    /// Decided against, with a reason.
    WontDo,
}

impl ActionState {
    /// Every state.
    pub const ALL: [ActionState; 3] = [ActionState::Open, ActionState::Done, ActionState::WontDo];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ActionState::Open => "open",
            ActionState::Done => "done",
            ActionState::WontDo => "wont_do",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<ActionState> {
        ActionState::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// An action's state with the reason given for it (a won't-do always has one).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Outcome {
    /// Open, done or won't do.
    pub state: ActionState,
    /// Why (for won't do).
    pub reason: Option<String>,
}

/// Which field of an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActionField {
    /// What to do.
    Title,
    /// Corrective, preventive or detective.
    Kind,
    /// Who does it.
    Owner,
    /// By when.
    Due,
    /// Open, done or won't do.
    State,
}

/// A follow-up actions event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ActionEvent {
    /// An action was added.
    Created {
        /// The action's own id.
        action: Uuid,
        /// What to do.
        title: String,
        /// What it does.
        kind: ActionKind,
        /// Who does it.
        owner: Option<String>,
        /// By when.
        due: Option<NaiveDate>,
    },
    /// An action's title was changed.
    Retitled {
        /// Which action.
        action: Uuid,
        /// The new title.
        title: String,
    },
    /// An action's kind was changed.
    Rekinded {
        /// Which action.
        action: Uuid,
        /// The new kind.
        kind: ActionKind,
    },
    /// An action was given to someone, or its owner removed.
    Assigned {
        /// Which action.
        action: Uuid,
        /// Who does it now.
        owner: Option<String>,
    },
    /// An action's due date was set or removed.
    Dated {
        /// Which action.
        action: Uuid,
        /// By when, now.
        due: Option<NaiveDate>,
    },
    /// An action was done, dropped (with a reason) or opened again.
    StateSet {
        /// Which action.
        action: Uuid,
        /// Where it stands now, and why.
        outcome: Outcome,
    },
}

/// One action as folded: a register per field.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionRecord {
    /// What to do.
    pub title: Register<String>,
    /// What it does.
    pub kind: Register<ActionKind>,
    /// Who does it.
    pub owner: Register<Option<String>>,
    /// By when.
    pub due: Register<Option<NaiveDate>>,
    /// Where it stands.
    pub outcome: Register<Outcome>,
    /// When it was added: the earliest creating write (its time and event id), so that ties
    /// keep the order they were added in whatever is changed later.
    pub added: Option<(chrono::DateTime<chrono::Utc>, Uuid)>,
}

/// An action as a page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Action<'a> {
    /// Its id.
    pub id: Uuid,
    /// What to do.
    pub title: &'a str,
    /// What it does.
    pub kind: ActionKind,
    /// Who does it.
    pub owner: Option<&'a str>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub state: ActionState,
    /// Why (for won't do).
    pub reason: Option<&'a str>,
    /// When it was added (its creating write), to keep ties in order.
    added: (chrono::DateTime<chrono::Utc>, Uuid),
}

impl Action<'_> {
    /// Open and past its due date on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state == ActionState::Open && self.due.is_some_and(|due| due < today)
    }
}

/// The follow-up actions as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ActionsState {
    /// Each action by id.
    pub actions: Keyed<Uuid, ActionRecord>,
}

/// The order actions are listed in: open first, by due date (so overdue ones lead), those
/// without one after; then done, then won't do; ties in the order they were added.
fn order(a: &Action<'_>, b: &Action<'_>) -> std::cmp::Ordering {
    (a.state, a.due.is_none(), a.due, a.added).cmp(&(b.state, b.due.is_none(), b.due, b.added))
}

impl ActionsState {
    /// Every action, open first by due date, then done, then won't do.
    pub fn list(&self) -> Vec<Action<'_>> {
        let mut list: Vec<Action<'_>> = self.views().collect();
        crate::order::sort_by(&mut list, order);
        list
    }

    fn views(&self) -> impl Iterator<Item = Action<'_>> {
        self.actions.iter().filter_map(|(id, r)| {
            let title = r.title.winner()?;
            let outcome = r.outcome.value()?;
            Some(Action {
                id,
                title: title.value.as_str(),
                kind: *r.kind.value()?,
                owner: r.owner.value().and_then(|o| o.as_deref()),
                due: r.due.value().copied().flatten(),
                state: outcome.state,
                reason: outcome.reason.as_deref(),
                added: r.added.unwrap_or((title.recorded_at, title.event)),
            })
        })
    }

    /// When the action's outcome (open, done or won't do) was last set: the winning write's
    /// own time.
    pub fn outcome_at(&self, action: Uuid) -> Option<chrono::DateTime<chrono::Utc>> {
        Some(self.actions.get(&action)?.outcome.winner()?.at)
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        self.actions
            .iter()
            .flat_map(|(id, r)| {
                [
                    (Topic::Action(id, ActionField::Title), &r.title as &dyn Slot),
                    (Topic::Action(id, ActionField::Kind), &r.kind as &dyn Slot),
                    (Topic::Action(id, ActionField::Owner), &r.owner as &dyn Slot),
                    (Topic::Action(id, ActionField::Due), &r.due as &dyn Slot),
                    (
                        Topic::Action(id, ActionField::State),
                        &r.outcome as &dyn Slot,
                    ),
                ]
            })
            .collect()
    }

    /// The register of one field of one action.
    pub fn slot(&self, action: Uuid, field: ActionField) -> Option<&dyn Slot> {
        let r = self.actions.get(&action)?;
        Some(match field {
            ActionField::Title => &r.title,
            ActionField::Kind => &r.kind,
            ActionField::Owner => &r.owner,
            ActionField::Due => &r.due,
            ActionField::State => &r.outcome,
        })
    }
}

/// The fold step.
pub fn apply(state: &mut ActionsState, stamp: &Stamp<'_>, event: &ActionEvent) {
    match event {
        ActionEvent::Created {
            action,
            title,
            kind,
            owner,
            due,
        } => {
            let r = state.actions.entry(*action);
            let added = (stamp.recorded_at, stamp.id);
            r.added = Some(r.added.map_or(added, |earlier| earlier.min(added)));
            r.title.write(stamp, title.clone());
            r.kind.write(stamp, *kind);
            r.owner.write(stamp, owner.clone());
            r.due.write(stamp, *due);
            r.outcome.write(
                stamp,
                Outcome {
                    state: ActionState::Open,
                    reason: None,
                },
            );
        }
        ActionEvent::Retitled { action, title } => state
            .actions
            .entry(*action)
            .title
            .write(stamp, title.clone()),
        ActionEvent::Rekinded { action, kind } => {
            state.actions.entry(*action).kind.write(stamp, *kind)
        }
        ActionEvent::Assigned { action, owner } => state
            .actions
            .entry(*action)
            .owner
            .write(stamp, owner.clone()),
        ActionEvent::Dated { action, due } => state.actions.entry(*action).due.write(stamp, *due),
        ActionEvent::StateSet { action, outcome } => state
            .actions
            .entry(*action)
            .outcome
            .write(stamp, outcome.clone()),
    }
}

/// A new action, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAction {
    /// What to do.
    pub title: String,
    /// What it does.
    pub kind: ActionKind,
    /// Who does it (blank: nobody yet).
    pub owner: String,
    /// By when.
    pub due: Option<NaiveDate>,
}

/// A change to an incident's follow-up actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionCommand {
    /// Add an action (the incident must have been resolved: actions come from its review).
    Add(NewAction),
    /// Change an action's title.
    Retitle(Uuid, String),
    /// Change an action's kind.
    Rekind(Uuid, ActionKind),
    /// Give an action to someone (blank: nobody).
    Assign(Uuid, String),
    /// Set or remove an action's due date.
    Date(Uuid, Option<NaiveDate>),
    /// Mark an action done or open again, or won't do with a reason (the text; ignored otherwise).
    Set(Uuid, ActionState, String),
}

fn owner_of(text: &str) -> Result<Option<String>, CommandError> {
    check_text(Input::Name, text, MAX_NAME, false)?;
    let owner = text.trim();
    Ok((!owner.is_empty()).then(|| owner.to_string()))
}

impl ActionCommand {
    /// The action events, or nothing when nothing would change.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let actions = &incident.parts().actions;
        let record = |action: Uuid| {
            actions
                .actions
                .get(&action)
                .ok_or(CommandError::NoSuchAction)
        };
        // One write of one field, skipped when it holds that value already without a conflict.
        let set = |action: Uuid, field: ActionField, same: bool, event: ActionEvent| {
            let topic = Topic::Action(action, field);
            if same && incident.conflicts(topic).is_empty() {
                Vec::new()
            } else {
                vec![ctx.write(incident, topic, Change::Actions(event))]
            }
        };
        match self {
            ActionCommand::Add(new) => {
                if incident.milestones.resolved_at.is_none() {
                    return Err(CommandError::NotResolved);
                }
                check_text(Input::ActionTitle, &new.title, MAX_TITLE, true)?;
                let owner = owner_of(&new.owner)?;
                Ok(vec![ctx.event(Change::Actions(ActionEvent::Created {
                    action: ctx.fresh_id(),
                    title: new.title.trim().to_string(),
                    kind: new.kind,
                    owner,
                    due: new.due,
                }))])
            }
            ActionCommand::Retitle(action, title) => {
                let r = record(action)?;
                check_text(Input::ActionTitle, &title, MAX_TITLE, true)?;
                let title = title.trim().to_string();
                let same = r.title.value() == Some(&title);
                Ok(set(
                    action,
                    ActionField::Title,
                    same,
                    ActionEvent::Retitled { action, title },
                ))
            }
            ActionCommand::Rekind(action, kind) => {
                let same = record(action)?.kind.value() == Some(&kind);
                Ok(set(
                    action,
                    ActionField::Kind,
                    same,
                    ActionEvent::Rekinded { action, kind },
                ))
            }
            ActionCommand::Assign(action, owner) => {
                let r = record(action)?;
                let owner = owner_of(&owner)?;
                let same = r.owner.value() == Some(&owner);
                Ok(set(
                    action,
                    ActionField::Owner,
                    same,
                    ActionEvent::Assigned { action, owner },
                ))
            }
            ActionCommand::Date(action, due) => {
                let same = record(action)?.due.value() == Some(&due);
                Ok(set(
                    action,
                    ActionField::Due,
                    same,
                    ActionEvent::Dated { action, due },
                ))
            }
            ActionCommand::Set(action, state, reason) => {
                let r = record(action)?;
                let reason = if state == ActionState::WontDo {
                    check_text(Input::WontDoReason, &reason, MAX_TITLE, true)?;
                    Some(reason.trim().to_string())
                } else {
                    None
                };
                let outcome = Outcome { state, reason };
                let same = r.outcome.value() == Some(&outcome);
                Ok(set(
                    action,
                    ActionField::State,
                    same,
                    ActionEvent::StateSet { action, outcome },
                ))
            }
        }
    }
}

/// Which follow-up actions the follow-ups page lists. Its URL query form keeps it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FollowUpFilter {
    /// Only this owner's (exact, ignoring case).
    pub owner: Option<String>,
    /// Only this kind.
    pub kind: Option<ActionKind>,
    /// Only this state; `None`: open ones (the page's default).
    pub state: Option<ActionState>,
    /// Every state, not only open ones.
    pub any_state: bool,
    /// Only the actions of the incident with this reference (ignoring case).
    pub incident: Option<String>,
    /// Only those of incidents reported on or after this UTC day (the dashboard's range).
    pub from: Option<NaiveDate>,
    /// Only those of incidents reported on or before this UTC day.
    pub to: Option<NaiveDate>,
    /// Only those of real incidents, not drills.
    pub real_only: bool,
    /// Not those of cancelled incidents.
    pub no_cancelled: bool,
}

impl FollowUpFilter {
    /// Whether an action of `incident` is listed.
    pub fn matches(&self, incident: &Incident, action: &Action<'_>) -> bool {
        let state_ok = if self.any_state {
            true
        } else {
            action.state == self.state.unwrap_or(ActionState::Open)
        };
        state_ok
            && self.incidents_match(incident)
            && self.kind.is_none_or(|k| k == action.kind)
            && self.owner.as_deref().is_none_or(|o| {
                action
                    .owner
                    .is_some_and(|owner| owner.eq_ignore_ascii_case(o.trim()))
            })
            && self.incident.as_deref().is_none_or(|r| {
                incident.reference.eq_ignore_ascii_case(r.trim())
                    || incident
                        .aliases
                        .iter()
                        .any(|a| a.eq_ignore_ascii_case(r.trim()))
            })
    }

    /// Whether the filter's incident criteria (the dashboard's range, drills, cancelled) hold.
    fn incidents_match(&self, incident: &Incident) -> bool {
        super::search::reported_within(incident, self.from, self.to)
            && !(self.real_only && incident.kind != super::IncidentKind::Real)
            && !(self.no_cancelled && incident.state == super::State::Cancelled)
    }

    /// Whether the filter narrows the incidents (as a dashboard figure's link does).
    pub fn narrows_incidents(&self) -> bool {
        self.from.is_some() || self.to.is_some() || self.real_only || self.no_cancelled
    }

    /// The URL query pairs, in a stable order; defaults are left out.
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut pairs = Vec::new();
        if let Some(owner) = &self.owner {
            pairs.push(("owner", owner.clone()));
        }
        if let Some(kind) = self.kind {
            pairs.push(("kind", kind.as_str().to_string()));
        }
        if self.any_state {
            pairs.push(("state", "all".to_string()));
        } else if let Some(state) = self.state {
            pairs.push(("state", state.as_str().to_string()));
        }
        if let Some(incident) = &self.incident {
            pairs.push(("incident", incident.clone()));
        }
        if let Some(from) = self.from {
            pairs.push(("from", super::search::day_text(from)));
        }
        if let Some(to) = self.to {
            pairs.push(("to", super::search::day_text(to)));
        }
        if self.real_only {
            pairs.push(("drills", "0".to_string()));
        }
        if self.no_cancelled {
            pairs.push(("cancelled", "0".to_string()));
        }
        pairs
    }

    /// Reads the URL query form; unknown or malformed parts are ignored.
    pub fn from_query(query: &str) -> FollowUpFilter {
        let mut filter = FollowUpFilter::default();
        for (key, value) in super::search::query_pairs(query) {
            match key {
                "owner" if !value.trim().is_empty() => filter.owner = Some(value),
                "kind" => filter.kind = ActionKind::parse(&value),
                "state" if value == "all" => filter.any_state = true,
                "state" => filter.state = ActionState::parse(&value),
                "incident" if !value.trim().is_empty() => filter.incident = Some(value),
                "from" => filter.from = super::search::parse_day(&value),
                "to" => filter.to = super::search::parse_day(&value),
                "drills" => filter.real_only = value == "0",
                "cancelled" => filter.no_cancelled = value == "0",
                _ => {}
            }
        }
        filter
    }
}

/// One follow-up action with the incident it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct FollowUp<'a> {
    /// The incident.
    pub incident: &'a Incident,
    /// The action.
    pub action: Action<'a>,
}

/// Every follow-up action of these incidents the filter lists: overdue first (oldest due date
/// first), then open by due date, those without one after, then done and won't do; ties by
/// incident reference and the order they were added.
pub fn follow_ups<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    filter: &FollowUpFilter,
) -> Vec<FollowUp<'a>> {
    let mut list: Vec<FollowUp<'a>> = incidents
        .into_iter()
        .flat_map(|incident| {
            incident
                .parts()
                .actions
                .views()
                .filter(|a| filter.matches(incident, a))
                .map(move |action| FollowUp { incident, action })
                .collect::<Vec<_>>()
        })
        .collect();
    let key = |f: &FollowUp<'a>| {
        let a = &f.action;
        (a.state, a.due.is_none(), a.due)
    };
    crate::order::sort_by(&mut list, |a, b| {
        key(a).cmp(&key(b)).then_with(|| {
            // INC-9999 before INC-10000: by the reference's number where it has one.
            let place = |f: &FollowUp<'a>| {
                (
                    f.incident.reference_number().is_none(),
                    f.incident.reference_number(),
                    f.incident.reference.as_str(),
                    f.incident.id(),
                    f.action.added,
                )
            };
            place(a).cmp(&place(b))
        })
    });
    list
}

/// How many actions are open, and how many of those are overdue on `today`.
pub fn open_counts<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    today: NaiveDate,
) -> (usize, usize) {
    incidents
        .into_iter()
        .flat_map(|i| i.parts().actions.views())
        .filter(|a| a.state == ActionState::Open)
        .fold((0, 0), |(open, overdue), a| {
            (open + 1, overdue + usize::from(a.is_overdue(today)))
        })
}
