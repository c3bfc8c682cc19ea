//! Everything a person can do to an incident: each part owns its command, which writes that
//! part's events; this module dispatches them and gives them their context.
//!
//! A command is decided against the incident as it is (pure; time, actor and ids come from the
//! [`CommandContext`]) and either refused with a [`CommandError`] or turned into events.

mod declare;

use std::cell::Cell;

use chrono::{DateTime, Utc};
use thiserror::Error;
use uuid::Uuid;

use super::{Change, Event, Incident, Matrix, Topic, TransitionError};

pub use super::assessment::AssessmentCommand;
pub use super::details::EditDetails;
pub use super::lifecycle::Transition;
pub use super::notes::AddNote;
pub use super::roles::RoleCommand;
pub use declare::{declare, next_reference_number};

/// Longest title accepted.
pub const MAX_TITLE: usize = 200;
/// Longest note or description accepted.
pub const MAX_TEXT: usize = 20_000;
/// Longest person or service name accepted.
pub const MAX_NAME: usize = 100;

/// Who acts, when, and where the fresh ids of the events come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommandContext {
    /// Current time.
    pub now: DateTime<Utc>,
    /// The person acting.
    pub actor: String,
    /// A random UUID: the id of a declared incident, and the root of this command's event ids.
    pub seed: Uuid,
    /// The priority matrix of this browser's settings; the priority it gives is kept on the incident.
    pub matrix: Matrix,
    /// Which incidents need a review before they close, by this browser's settings.
    pub review: crate::domain::review::ReviewRule,
    issued: Cell<u64>,
}

impl CommandContext {
    /// A context for one command.
    pub fn new(now: DateTime<Utc>, actor: impl Into<String>, seed: Uuid) -> CommandContext {
        CommandContext {
            now,
            actor: actor.into(),
            seed,
            matrix: Matrix::DEFAULT,
            review: crate::domain::review::ReviewRule::default(),
            issued: Cell::new(0),
        }
    }

    /// This context with the priority matrix of the settings.
    pub fn with_matrix(mut self, matrix: Matrix) -> CommandContext {
        self.matrix = matrix;
        self
    }

    /// This context with the review rule of the settings.
    pub fn with_review(mut self, review: crate::domain::review::ReviewRule) -> CommandContext {
        self.review = review;
        self
    }

    /// The id an incident declared with this context gets.
    pub fn incident_id(&self) -> Uuid {
        self.seed
    }

    /// A fresh event id, distinct from every other this context gives (2^62 of them) and from
    /// the seed; ids of different contexts differ as their random seeds do.
    pub fn fresh_id(&self) -> Uuid {
        let n = self.issued.get().wrapping_add(1);
        self.issued.set(n);
        let (high, low) = self.seed.as_u64_pair();
        // The version nibble (high) and variant bits (low) stay as the seed has them.
        let high = high ^ (spread(n) & !0xF000);
        let low = low ^ (n & ((1 << 62) - 1));
        Uuid::from_u64_pair(high, low)
    }

    /// An event written now by the actor.
    pub fn event(&self, change: Change) -> Event {
        self.event_at(self.now, Vec::new(), change)
    }

    /// An event that happened at `at`, replacing the given writes of the same field.
    pub fn event_at(&self, at: DateTime<Utc>, supersedes: Vec<Uuid>, change: Change) -> Event {
        Event {
            id: self.fresh_id(),
            recorded_at: self.now,
            at,
            actor: self.actor.clone(),
            supersedes,
            change,
        }
    }

    /// An event written now that sets `topic` of `incident`, replacing the value seen there.
    pub fn write(&self, incident: &Incident, topic: Topic, change: Change) -> Event {
        self.event_at(self.now, incident.supersedable(topic), change)
    }
}

/// splitmix64: spreads a counter over all bits.
fn spread(n: u64) -> u64 {
    let mut z = n.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A change a person asks for, by part of the incident.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Move through the lifecycle.
    Lifecycle(Transition),
    /// Edit descriptive fields.
    Details(EditDetails),
    /// Assess impact and urgency, or override the priority.
    Assessment(AssessmentCommand),
    /// Give or hand over a role.
    Roles(RoleCommand),
    /// Add or change tasks.
    Tasks(crate::domain::tasks::TaskCommand),
    /// Record how it was resolved (and so resolve it).
    Resolution(crate::domain::resolution::ResolutionCommand),
    /// Link to other incidents and reference records kept elsewhere; cancel as a duplicate.
    Links(crate::domain::links::LinkCommand),
    /// Post an update, or change what customers see.
    Comms(crate::domain::comms::CommsCommand),
    /// Start, re-date, finish or waive a notification duty.
    Duties(crate::domain::duties::DutyCommand),
    /// Record the response-target breaches seen now (by these targets) that are not recorded yet.
    RecordBreaches(crate::domain::targets::Targets),
    /// Write the post-incident review, or close without one.
    Review(crate::domain::review::ReviewCommand),
    /// Add or change follow-up actions.
    Actions(crate::domain::actions::ActionCommand),
    /// Add to the timeline.
    Notes(AddNote),
}

/// A text a person types into a command, named so that a refusal can say which.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    /// An incident's title.
    Title,
    /// An incident's description.
    Description,
    /// Who reported it.
    ReportedBy,
    /// One affected service.
    ServiceName,
    /// Why the priority is overridden.
    OverrideReason,
    /// A note.
    Note,
    /// A person's name (a role holder, an expert).
    Name,
    /// An expert's area.
    Area,
    /// A task's title.
    TaskTitle,
    /// What was done to resolve the incident.
    ResolutionSummary,
    /// The vendor or team an incident was escalated to.
    EscalatedTo,
    /// The human reference of a linked incident.
    LinkedIncident,
    /// The id or URL of a problem or change record.
    RecordReference,
    /// A stakeholder update.
    Update,
    /// The title customers see.
    PublicTitle,
    /// The recipient's reference for a notification sent.
    DutyReference,
    /// Why a notification duty is waived.
    WaiveReason,
    /// A section of the post-incident review.
    Review(crate::domain::review::Section),
    /// Why an incident closes without a review.
    NoReviewReason,
    /// A follow-up action's title.
    ActionTitle,
    /// Why a follow-up action will not be done.
    WontDoReason,
}

/// Why a command was refused; the UI words it (`components::words::refusal_message`).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CommandError {
    /// The lifecycle does not allow it.
    #[error(transparent)]
    Transition(#[from] TransitionError),
    /// A required text is empty.
    #[error("{0:?} is required")]
    Required(Input),
    /// A text is longer than allowed.
    #[error("{field:?} is too long ({len} > {max})")]
    TooLong {
        /// Which field.
        field: Input,
        /// Its length.
        len: usize,
        /// The limit.
        max: usize,
    },
    /// A note dated in the future.
    #[error("dated in the future")]
    FutureEvent,
    /// Nothing would change.
    #[error("no change")]
    NoChange,
    /// The task is not on this incident.
    #[error("no such task")]
    NoSuchTask,
    /// Resolving needs a record of how: a fix, a workaround or an escalation.
    #[error("a resolution record is required")]
    ResolutionRequired,
    /// An incident cannot be linked to itself.
    #[error("an incident cannot be linked to itself")]
    SelfLink,
    /// The same link, or the same record reference, is already there.
    #[error("already linked")]
    AlreadyLinked,
    /// The link or reference is not on this incident.
    #[error("no such link")]
    NoSuchLink,
    /// The update to correct is not on this incident, or was for another audience.
    #[error("no such update")]
    NoSuchUpdate,
    /// The duty is not on this incident (or its definition is not valid).
    #[error("no such duty")]
    NoSuchDuty,
    /// The duty was started on this incident already.
    #[error("duty already started")]
    DutyStarted,
    /// A review and follow-up actions come after the incident is resolved.
    #[error("not resolved yet")]
    NotResolved,
    /// A published review is not edited; it is moved back to review first.
    #[error("the review is published")]
    ReviewPublished,
    /// The timeline entry to star is not on this incident.
    #[error("no such timeline entry")]
    NoSuchEntry,
    /// The review does not move that way.
    #[error("a review does not move from {from:?} to {to:?}")]
    ReviewStep {
        /// Where it stands.
        from: crate::domain::review::ReviewStatus,
        /// Where it was asked to go.
        to: crate::domain::review::ReviewStatus,
    },
    /// Closing needs a published review, or a reason for having none.
    #[error("a published review is required to close")]
    ReviewRequired,
    /// A closed incident's published review stays published.
    #[error("the incident is closed and its review published")]
    ReviewFinal,
    /// The follow-up action is not on this incident.
    #[error("no such follow-up action")]
    NoSuchAction,
}

/// Decides a command against the incident: the incident with the command's events, or why not.
pub fn execute(
    incident: &Incident,
    command: Command,
    ctx: &CommandContext,
) -> Result<Incident, CommandError> {
    let events = match command {
        Command::Lifecycle(c) => c.decide(incident, ctx)?,
        Command::Details(c) => c.decide(incident, ctx)?,
        Command::Assessment(c) => c.decide(incident, ctx)?,
        Command::Roles(c) => c.decide(incident, ctx)?,
        Command::Tasks(c) => c.decide(incident, ctx)?,
        Command::Resolution(c) => c.decide(incident, ctx)?,
        Command::Links(c) => c.decide(incident, ctx)?,
        Command::Comms(c) => c.decide(incident, ctx)?,
        Command::Duties(c) => c.decide(incident, ctx)?,
        Command::RecordBreaches(targets) => {
            crate::domain::targets::record_breaches(incident, &targets, ctx)?
        }
        Command::Review(c) => c.decide(incident, ctx)?,
        Command::Actions(c) => c.decide(incident, ctx)?,
        Command::Notes(c) => c.decide(ctx)?,
    };
    if events.is_empty() {
        return Err(CommandError::NoChange);
    }
    Ok(incident.with_events(events))
}

pub(crate) fn check_text(
    field: Input,
    text: &str,
    max: usize,
    required: bool,
) -> Result<(), CommandError> {
    if required && text.trim().is_empty() {
        return Err(CommandError::Required(field));
    }
    let len = text.chars().count();
    if len > max {
        return Err(CommandError::TooLong { field, len, max });
    }
    Ok(())
}

/// Trims service names, drops empties and repeats, keeps first-seen order.
pub fn normalise_services(services: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for s in services {
        let s = s.trim();
        if !s.is_empty() && !out.iter().any(|o| o.eq_ignore_ascii_case(s)) {
            out.push(s.to_string());
        }
    }
    out
}

pub(crate) fn check_services(services: &[String]) -> Result<Vec<String>, CommandError> {
    let services = normalise_services(services);
    for s in &services {
        check_text(Input::ServiceName, s, MAX_NAME, false)?;
    }
    Ok(services)
}
