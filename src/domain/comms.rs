//! The communication part: stakeholder updates, each posted to one audience and never edited
//! (a correction is a new update that names the one it corrects), the title customers see and
//! whether the incident is listed on the public status page; and the cadence that says when the
//! next update to each audience is due.
//!
//! Updates are child records keyed by their own id: two copies that each posted updates keep
//! all of them. The customers' title and the public flag are registers.

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_TEXT, MAX_TITLE};
use super::register::{Register, Slot, Stamp};
use super::{Change, Event, Incident, Priority, State, Topic};

/// Who an update is for; each audience has its own thread.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Audience {
    /// The responders and the rest of the organisation.
    Internal,
    /// Leadership.
    Executive,
    /// Customers: the only audience the status page shows.
    Customers,
}

impl Audience {
    /// Every audience, in the order the page shows them.
    pub const ALL: [Audience; 3] = [Audience::Internal, Audience::Executive, Audience::Customers];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Internal => "internal",
            Audience::Executive => "executive",
            Audience::Customers => "customers",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Audience> {
        Audience::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// Position in [`Audience::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Which template an update was written from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TemplateKind {
    /// The first word that something is wrong.
    Initial,
    /// Conditions, actions, needs: the regular update while the incident runs.
    Can,
    /// The incident is over.
    Resolved,
}

impl TemplateKind {
    /// Every template.
    pub const ALL: [TemplateKind; 3] = [
        TemplateKind::Initial,
        TemplateKind::Can,
        TemplateKind::Resolved,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            TemplateKind::Initial => "initial",
            TemplateKind::Can => "can",
            TemplateKind::Resolved => "resolved",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<TemplateKind> {
        TemplateKind::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Position in [`TemplateKind::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// A communication event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum CommsEvent {
    /// An update was posted.
    Posted {
        /// The update's own id.
        update: Uuid,
        /// Who it is for.
        audience: Audience,
        /// The template it was written from, if any.
        template: Option<TemplateKind>,
        /// What it says.
        text: String,
        /// The earlier update (same audience) it corrects.
        corrects: Option<Uuid>,
    },
    /// The title customers see was set (blank: they see the incident's title).
    PublicTitle(String),
    /// The incident was listed on, or taken off, the public status page.
    Public(bool),
}

/// A posted update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Update {
    /// Its id.
    pub id: Uuid,
    /// Who it is for.
    pub audience: Audience,
    /// The template it was written from.
    pub template: Option<TemplateKind>,
    /// What it says.
    pub text: String,
    /// The update it corrects.
    pub corrects: Option<Uuid>,
    /// When it was posted (its writer's time).
    pub at: DateTime<Utc>,
    /// When it was written down.
    pub recorded_at: DateTime<Utc>,
    /// The event that posted it (its author is on the event).
    pub event: Uuid,
}

/// The communication part as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CommsState {
    /// Every update, oldest first by (`at`, `recorded_at`, id); each once.
    updates: Vec<Update>,
    /// The title customers see.
    pub public_title: Register<String>,
    /// Whether the status page lists the incident.
    pub public: Register<bool>,
}

impl CommsState {
    /// Every update, oldest first.
    pub fn updates(&self) -> &[Update] {
        &self.updates
    }

    /// One audience's updates, oldest first.
    pub fn thread(&self, audience: Audience) -> impl DoubleEndedIterator<Item = &Update> {
        self.updates.iter().filter(move |u| u.audience == audience)
    }

    /// The update with this id.
    pub fn update(&self, id: Uuid) -> Option<&Update> {
        self.updates.iter().find(|u| u.id == id)
    }

    /// When the latest update to `audience` was posted.
    pub fn last_posted(&self, audience: Audience) -> Option<DateTime<Utc>> {
        self.thread(audience).map(|u| u.at).max()
    }

    /// The updates that correct `id`.
    pub fn corrections_of(&self, id: Uuid) -> impl Iterator<Item = &Update> {
        self.updates.iter().filter(move |u| u.corrects == Some(id))
    }

    /// The title customers see, when one is set.
    pub fn public_title(&self) -> Option<&str> {
        self.public_title
            .value()
            .map(String::as_str)
            .filter(|t| !t.is_empty())
    }

    /// Whether the status page lists the incident.
    pub fn is_public(&self) -> bool {
        self.public.value().copied().unwrap_or(false)
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> [(Topic, &dyn Slot); 2] {
        [
            (Topic::PublicTitle, &self.public_title),
            (Topic::Public, &self.public),
        ]
    }
}

/// The fold step.
pub fn apply(state: &mut CommsState, stamp: &Stamp<'_>, event: &CommsEvent) {
    match event {
        CommsEvent::Posted {
            update,
            audience,
            template,
            text,
            corrects,
        } => {
            if state.updates.iter().any(|u| u.id == *update) {
                return;
            }
            let posted = Update {
                id: *update,
                audience: *audience,
                template: *template,
                text: text.clone(),
                corrects: *corrects,
                at: stamp.at,
                recorded_at: stamp.recorded_at,
                event: stamp.id,
            };
            let key = |u: &Update| (u.at, u.recorded_at, u.id);
            let place = state.updates.partition_point(|u| key(u) <= key(&posted));
            state.updates.insert(place, posted);
        }
        CommsEvent::PublicTitle(title) => state.public_title.write(stamp, title.clone()),
        CommsEvent::Public(public) => state.public.write(stamp, *public),
    }
}

/// An update as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUpdate {
    /// Who it is for.
    pub audience: Audience,
    /// The template it was written from.
    pub template: Option<TemplateKind>,
    /// What it says.
    pub text: String,
    /// The earlier update it corrects.
    pub corrects: Option<Uuid>,
}

/// A change to an incident's communication.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CommsCommand {
    /// Post an update.
    Post(NewUpdate),
    /// Set the title customers see (blank: the incident's own title).
    SetPublicTitle(String),
    /// List the incident on the status page, or take it off.
    SetPublic(bool),
}

impl CommsCommand {
    /// The events, or nothing when nothing would change.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let comms = &incident.parts().comms;
        match self {
            CommsCommand::Post(new) => {
                check_text(Input::Update, &new.text, MAX_TEXT, true)?;
                if let Some(earlier) = new.corrects {
                    match comms.update(earlier) {
                        Some(u) if u.audience == new.audience => {}
                        _ => return Err(CommandError::NoSuchUpdate),
                    }
                }
                Ok(vec![ctx.event(Change::Comms(CommsEvent::Posted {
                    update: ctx.fresh_id(),
                    audience: new.audience,
                    template: new.template,
                    text: new.text.trim().to_string(),
                    corrects: new.corrects,
                }))])
            }
            CommsCommand::SetPublicTitle(title) => {
                check_text(Input::PublicTitle, &title, MAX_TITLE, false)?;
                let title = title.trim().to_string();
                let same = comms
                    .public_title
                    .value()
                    .map_or(title.is_empty(), |t| *t == title);
                Ok(write_unless(
                    incident,
                    ctx,
                    Topic::PublicTitle,
                    same,
                    || CommsEvent::PublicTitle(title.clone()),
                ))
            }
            CommsCommand::SetPublic(public) => {
                let same = comms.is_public() == public;
                Ok(write_unless(incident, ctx, Topic::Public, same, || {
                    CommsEvent::Public(public)
                }))
            }
        }
    }
}

fn write_unless(
    incident: &Incident,
    ctx: &CommandContext,
    topic: Topic,
    same: bool,
    event: impl FnOnce() -> CommsEvent,
) -> Vec<Event> {
    if same && incident.conflicts(topic).is_empty() {
        Vec::new()
    } else {
        vec![ctx.write(incident, topic, Change::Comms(event()))]
    }
}

/// The longest cadence or target the settings accept: 30 days, in minutes.
pub const MAX_MINUTES: u32 = 30 * 24 * 60;

/// Minutes between updates, per priority and audience (`None`: no cadence).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cadence(pub [[Option<u32>; 3]; 5]);

impl Default for Cadence {
    /// P1 every 30 minutes, P2 every 60, P3 every 120, none for P4 and P5; alike for every audience.
    fn default() -> Self {
        let every = |m: Option<u32>| [m; 3];
        Cadence([
            every(Some(30)),
            every(Some(60)),
            every(Some(120)),
            every(None),
            every(None),
        ])
    }
}

/// Why a number of minutes was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum MinutesError {
    /// Zero or less.
    #[error("must be more than zero")]
    NotPositive,
    /// Over [`MAX_MINUTES`].
    #[error("over 30 days")]
    TooLong,
}

/// Checks a number of minutes as typed: more than zero and at most 30 days.
pub fn check_minutes(minutes: i64) -> Result<u32, MinutesError> {
    if minutes <= 0 {
        return Err(MinutesError::NotPositive);
    }
    u32::try_from(minutes)
        .ok()
        .filter(|m| *m <= MAX_MINUTES)
        .ok_or(MinutesError::TooLong)
}

impl Cadence {
    /// The minutes between updates for this priority and audience.
    pub fn minutes(&self, priority: Priority, audience: Audience) -> Option<u32> {
        self.0[priority as usize][audience.index()]
    }

    /// This cadence with one cell set (`None`: no cadence), or why not.
    pub fn with(
        mut self,
        priority: Priority,
        audience: Audience,
        minutes: Option<i64>,
    ) -> Result<Cadence, MinutesError> {
        self.0[priority as usize][audience.index()] = minutes.map(check_minutes).transpose()?;
        Ok(self)
    }
}

/// When the next update to one audience is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpdateDue {
    /// Who it is for.
    pub audience: Audience,
    /// When it is due.
    pub due: DateTime<Utc>,
    /// Whether an update was ever posted to this audience (otherwise the clock runs from
    /// when the incident was reported).
    pub after_update: bool,
}

impl UpdateDue {
    /// Whether it is late at `now`.
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        now > self.due
    }
}

/// When the next update to each audience with a cadence is due: a cadence (by the incident's
/// priority now) after the last update to it, or after the incident was reported when there is
/// none yet. Resolved, closed and cancelled incidents have no cadence.
pub fn updates_due(incident: &Incident, cadence: &Cadence) -> Vec<UpdateDue> {
    if matches!(
        incident.state,
        State::Resolved | State::Closed | State::Cancelled
    ) {
        return Vec::new();
    }
    let comms = &incident.parts().comms;
    let priority = incident.priority();
    Audience::ALL
        .into_iter()
        .filter_map(|audience| {
            let minutes = cadence.minutes(priority, audience)?;
            let last = comms.last_posted(audience);
            let from = last.unwrap_or(incident.reported_at);
            Some(UpdateDue {
                audience,
                due: from + TimeDelta::minutes(i64::from(minutes)),
                after_update: last.is_some(),
            })
        })
        .collect()
}

/// The update due soonest, if any audience has a cadence.
pub fn next_update_due(incident: &Incident, cadence: &Cadence) -> Option<UpdateDue> {
    updates_due(incident, cadence)
        .into_iter()
        .min_by_key(|d| (d.due, d.audience))
}
