//! Notification duties: deadlines owed to someone outside the team (a supervisory authority, a
//! CSIRT, a regulator). The settings hold the duties a team may owe ([`DutyDef`]); a duty is
//! started on an incident from the moment it applied, counts down to its deadline, and is
//! marked done (who, when, a reference) or waived (why).
//!
//! A started duty is a child record whose id is derived from the incident and the duty's id in
//! the settings, so starting it in two copies makes one duty. It carries a copy of the
//! definition as started, so a later edit of the settings does not move a running clock.

use chrono::{DateTime, Datelike, Months, TimeDelta, Utc, Weekday};
use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_NAME, MAX_TITLE};
use super::register::{Keyed, Register, Slot, Stamp};
use super::{Change, Event, Incident, Topic};

/// The most duties the settings hold.
pub const MAX_DUTIES: usize = 50;
/// The longest deadline accepted, in any unit.
pub const MAX_AMOUNT: u32 = 1_000;

/// How long a duty allows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Deadline {
    /// This many hours.
    Hours(u32),
    /// This many business days (Monday to Friday, in UTC), the time of day kept.
    BusinessDays(u32),
    /// This many calendar months (the same day of the month, or the month's last day).
    Months(u32),
}

impl Deadline {
    /// The unit's stable machine name.
    pub fn unit(self) -> &'static str {
        match self {
            Deadline::Hours(_) => "hours",
            Deadline::BusinessDays(_) => "business_days",
            Deadline::Months(_) => "months",
        }
    }

    /// How many of the unit.
    pub fn amount(self) -> u32 {
        match self {
            Deadline::Hours(n) | Deadline::BusinessDays(n) | Deadline::Months(n) => n,
        }
    }

    /// A deadline of a unit's machine name and an amount.
    pub fn of(unit: &str, amount: u32) -> Option<Deadline> {
        match unit {
            "hours" => Some(Deadline::Hours(amount)),
            "business_days" => Some(Deadline::BusinessDays(amount)),
            "months" => Some(Deadline::Months(amount)),
            _ => None,
        }
    }

    /// When the time allowed from `start` ends; `None` past the calendar's end.
    pub fn from(self, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
        match self {
            Deadline::Hours(h) => start.checked_add_signed(TimeDelta::hours(i64::from(h))),
            Deadline::BusinessDays(n) => add_business_days(start, n),
            Deadline::Months(n) => start.checked_add_months(Months::new(n)),
        }
    }
}

/// `start` moved on by `days` business days: each step goes to the next Monday-to-Friday day,
/// keeping the time of day. A clock started on a Saturday reaches its first business day on
/// Monday; four business days from a Friday end on the Thursday after. Whole weeks are added at
/// once, so a huge count from a file costs no more than a small one (`None` past the calendar).
pub fn add_business_days(start: DateTime<Utc>, days: u32) -> Option<DateTime<Utc>> {
    if days == 0 {
        return Some(start);
    }
    // Stepping from a Saturday or a Sunday reaches the same days as stepping from the Friday
    // before, at the same time of day.
    let back = match start.weekday() {
        Weekday::Sat => 1,
        Weekday::Sun => 2,
        _ => 0,
    };
    let friday_or_weekday = start.checked_sub_signed(TimeDelta::days(back))?;
    // From a weekday, five business days are exactly one week.
    let weeks = TimeDelta::try_days(i64::from(days / 5) * 7)?;
    let mut at = friday_or_weekday.checked_add_signed(weeks)?;
    let mut left = days % 5;
    while left > 0 {
        at = at.checked_add_signed(TimeDelta::days(1))?;
        if !matches!(at.weekday(), Weekday::Sat | Weekday::Sun) {
            left -= 1;
        }
    }
    Some(at)
}

/// A duty a team may owe, as the settings hold it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct DutyDef {
    /// Stable id (the shipped ones are named, e.g. `gdpr-breach`).
    pub id: String,
    /// What it is called.
    pub name: String,
    /// Who is owed the notification.
    pub recipient: String,
    /// What starts its clock, in words (e.g. "becoming aware of the breach").
    pub starts: String,
    /// How long it allows.
    pub deadline: Deadline,
    /// The duty whose completion starts this one's clock, by id.
    pub after: Option<String>,
}

/// Why a duty definition was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DutyDefError {
    /// A duty needs a name.
    #[error("a duty needs a name")]
    NameRequired,
    /// A duty needs a recipient.
    #[error("a duty needs a recipient")]
    RecipientRequired,
    /// A text is longer than allowed.
    #[error("too long")]
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// A deadline of zero, or over [`MAX_AMOUNT`].
    #[error("deadline out of range")]
    Amount,
    /// The settings hold no more duties.
    #[error("too many duties")]
    TooMany,
}

impl DutyDef {
    /// The definition trimmed, or why it is refused.
    pub fn checked(&self) -> Result<DutyDef, DutyDefError> {
        let text = |t: &str, max: usize| {
            let t = t.trim();
            if t.chars().count() > max {
                Err(DutyDefError::TooLong { max })
            } else {
                Ok(t.to_string())
            }
        };
        let def = DutyDef {
            id: text(&self.id, MAX_NAME)?,
            name: text(&self.name, MAX_TITLE)?,
            recipient: text(&self.recipient, MAX_TITLE)?,
            starts: text(&self.starts, MAX_TITLE)?,
            deadline: self.deadline,
            // A blank `after` follows nothing (it would wait for ever).
            after: self
                .after
                .as_deref()
                .map(|a| text(a, MAX_NAME))
                .transpose()?
                .filter(|a| !a.is_empty()),
        };
        if def.name.is_empty() {
            return Err(DutyDefError::NameRequired);
        }
        if def.recipient.is_empty() {
            return Err(DutyDefError::RecipientRequired);
        }
        if !(1..=MAX_AMOUNT).contains(&def.deadline.amount()) {
            return Err(DutyDefError::Amount);
        }
        Ok(def)
    }
}

/// The duties Sitrep ships: GDPR, NIS2 (early warning, notification, final report) and SEC 8-K.
pub fn defaults() -> Vec<DutyDef> {
    let def =
        |id: &str, name: &str, recipient: &str, starts: &str, deadline, after: Option<&str>| {
            DutyDef {
                id: id.into(),
                name: name.into(),
                recipient: recipient.into(),
                starts: starts.into(),
                deadline,
                after: after.map(Into::into),
            }
        };
    vec![
        def(
            "gdpr-breach",
            "GDPR personal-data breach notification (Art. 33)",
            "the supervisory authority",
            "becoming aware of the personal-data breach",
            Deadline::Hours(72),
            None,
        ),
        def(
            "nis2-early-warning",
            "NIS2 early warning (Art. 23)",
            "the CSIRT or competent authority",
            "becoming aware of the significant incident",
            Deadline::Hours(24),
            None,
        ),
        def(
            "nis2-notification",
            "NIS2 incident notification (Art. 23)",
            "the CSIRT or competent authority",
            "becoming aware of the significant incident",
            Deadline::Hours(72),
            None,
        ),
        def(
            "nis2-final-report",
            "NIS2 final report (Art. 23)",
            "the CSIRT or competent authority",
            "the incident notification being sent",
            Deadline::Months(1),
            Some("nis2-notification"),
        ),
        def(
            "sec-8k-105",
            "SEC Form 8-K item 1.05",
            "the U.S. Securities and Exchange Commission",
            "determining that the cybersecurity incident is material",
            Deadline::BusinessDays(4),
            None,
        ),
    ]
}

/// How a duty ended.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Still owed.
    Open,
    /// Sent.
    Done {
        /// Who sent it.
        by: String,
        /// When it was sent.
        at: DateTime<Utc>,
        /// The recipient's reference (a case number), if any.
        reference: String,
    },
    /// Not owed after all.
    Waived {
        /// Why.
        reason: String,
    },
}

/// A duties event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum DutyEvent {
    /// A duty was started on the incident.
    Started {
        /// The duty's id on this incident ([`duty_id`]).
        duty: Uuid,
        /// The definition as started.
        def: DutyDef,
        /// When its clock starts (`None`: when the duty it follows is done).
        from: Option<DateTime<Utc>>,
    },
    /// The moment a duty applied from was corrected.
    ClockSet {
        /// Which duty.
        duty: Uuid,
        /// When its clock starts now.
        from: DateTime<Utc>,
    },
    /// A duty was marked done, waived, or open again.
    Settled {
        /// Which duty.
        duty: Uuid,
        /// How it stands now.
        outcome: Outcome,
    },
}

/// Which register of a duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DutyField {
    /// When its clock starts.
    Clock,
    /// Open, done or waived.
    Outcome,
}

/// One duty as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DutyRecord {
    /// The definition as first started.
    pub def: Option<DutyDef>,
    /// When its clock starts (`None`: when the duty it follows is done).
    pub clock: Register<Option<DateTime<Utc>>>,
    /// How it stands (nothing written: owed).
    pub outcome: Register<Outcome>,
}

/// The outcome of a duty nobody settled yet.
static OWED: Outcome = Outcome::Open;

impl DutyRecord {
    /// How it stands: the settled outcome, or owed.
    pub fn outcome(&self) -> &Outcome {
        self.outcome.value().unwrap_or(&OWED)
    }
}

/// The duties as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DutiesState {
    /// Each duty by id.
    pub duties: Keyed<Uuid, DutyRecord>,
}

/// The id of the duty `def_id` on `incident`: the same in every copy.
pub fn duty_id(incident: Uuid, def_id: &str) -> Uuid {
    Uuid::new_v5(&incident, format!("duty\u{1f}{def_id}").as_bytes())
}

/// How a duty stands at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum DutyStanding {
    /// Its clock waits for the duty it follows.
    Waiting,
    /// Owed; more than a quarter of its time is left.
    Running,
    /// Owed, in the last quarter of its time.
    Closing,
    /// Owed, and its deadline has passed.
    Overdue,
    /// Sent by the deadline.
    DoneOnTime,
    /// Sent after the deadline.
    DoneLate,
    /// Waived.
    Waived,
}

impl DutyStanding {
    /// Whether the page shows it loudly.
    pub fn is_loud(self) -> bool {
        matches!(self, DutyStanding::Closing | DutyStanding::Overdue)
    }

    /// Whether it is still owed.
    pub fn is_owed(self) -> bool {
        matches!(
            self,
            DutyStanding::Waiting
                | DutyStanding::Running
                | DutyStanding::Closing
                | DutyStanding::Overdue
        )
    }
}

/// A started duty as a page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Duty<'a> {
    /// Its id on the incident.
    pub id: Uuid,
    /// The definition as started.
    pub def: &'a DutyDef,
    /// When its clock started, if it has.
    pub from: Option<DateTime<Utc>>,
    /// When it is due, once its clock runs.
    pub deadline: Option<DateTime<Utc>>,
    /// How it ended, or that it is open.
    pub outcome: &'a Outcome,
}

impl Duty<'_> {
    /// How it stands at `now`.
    pub fn standing(&self, now: DateTime<Utc>) -> DutyStanding {
        let late = |at: DateTime<Utc>| self.deadline.is_some_and(|d| at > d);
        match self.outcome {
            Outcome::Waived { .. } => DutyStanding::Waived,
            Outcome::Done { at, .. } if late(*at) => DutyStanding::DoneLate,
            Outcome::Done { .. } => DutyStanding::DoneOnTime,
            Outcome::Open => match (self.from, self.deadline) {
                (Some(from), Some(deadline)) => {
                    if now > deadline {
                        DutyStanding::Overdue
                    } else if (deadline - now) * 4 <= deadline - from {
                        DutyStanding::Closing
                    } else {
                        DutyStanding::Running
                    }
                }
                _ => DutyStanding::Waiting,
            },
        }
    }
}

impl DutiesState {
    /// Every started duty, by deadline (waiting ones after), then name.
    pub fn list(&self) -> Vec<Duty<'_>> {
        let mut out: Vec<Duty<'_>> = self
            .duties
            .iter()
            .filter_map(|(id, record)| {
                let def = record.def.as_ref()?;
                let outcome = record.outcome();
                let from = match record.clock.value().copied().flatten() {
                    Some(from) => Some(from),
                    None => self.followed_done(def),
                };
                Some(Duty {
                    id,
                    def,
                    from,
                    deadline: from.and_then(|f| def.deadline.from(f)),
                    outcome,
                })
            })
            .collect();
        crate::order::sort_by(&mut out, |a, b| {
            (a.deadline.is_none(), a.deadline, &a.def.name).cmp(&(
                b.deadline.is_none(),
                b.deadline,
                &b.def.name,
            ))
        });
        out
    }

    /// When the duty that `def` follows was done, if it was.
    fn followed_done(&self, def: &DutyDef) -> Option<DateTime<Utc>> {
        let after = def.after.as_deref()?;
        self.duties
            .iter()
            .find_map(|(_, r)| match (r.def.as_ref(), r.outcome()) {
                (Some(d), Outcome::Done { at, .. }) if d.id == after => Some(*at),
                _ => None,
            })
    }

    /// Whether the duty of this settings id was started.
    pub fn has(&self, def_id: &str) -> bool {
        self.duties
            .iter()
            .any(|(_, r)| r.def.as_ref().is_some_and(|d| d.id == def_id))
    }

    /// The owed duty most pressing at `now` (overdue first, then the earliest deadline).
    pub fn most_pressing(&self, now: DateTime<Utc>) -> Option<(Duty<'_>, DutyStanding)> {
        self.list()
            .into_iter()
            .map(|d| {
                let standing = d.standing(now);
                (d, standing)
            })
            .filter(|(d, s)| s.is_owed() && d.deadline.is_some())
            .min_by_key(|(d, _)| d.deadline)
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        self.duties
            .iter()
            .flat_map(|(id, r)| {
                [
                    (Topic::Duty(id, DutyField::Clock), &r.clock as &dyn Slot),
                    (Topic::Duty(id, DutyField::Outcome), &r.outcome as &dyn Slot),
                ]
            })
            .collect()
    }

    /// The register of one field of one duty.
    pub fn slot(&self, duty: Uuid, field: DutyField) -> Option<&dyn Slot> {
        let r = self.duties.get(&duty)?;
        Some(match field {
            DutyField::Clock => &r.clock,
            DutyField::Outcome => &r.outcome,
        })
    }
}

/// The fold step.
pub fn apply(state: &mut DutiesState, stamp: &Stamp<'_>, event: &DutyEvent) {
    match event {
        DutyEvent::Started { duty, def, from } => {
            let record = state.duties.entry(*duty);
            if record.def.is_none() {
                record.def = Some(def.clone());
            }
            // The outcome is left unwritten (owed) until someone settles it, so a start made in
            // another copy neither reopens a settled duty nor stands against it as a conflict.
            record.clock.write(stamp, *from);
        }
        DutyEvent::ClockSet { duty, from } => {
            state.duties.entry(*duty).clock.write(stamp, Some(*from))
        }
        DutyEvent::Settled { duty, outcome } => state
            .duties
            .entry(*duty)
            .outcome
            .write(stamp, outcome.clone()),
    }
}

/// A change to an incident's duties.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DutyCommand {
    /// Start a duty of the settings from a moment (`None` for a duty that follows another:
    /// its clock starts when that one is done).
    Start(DutyDef, Option<DateTime<Utc>>),
    /// Correct the moment a duty applied from.
    SetClock(Uuid, DateTime<Utc>),
    /// Mark a duty done: by whom, when, and the recipient's reference.
    Done {
        /// Which duty.
        duty: Uuid,
        /// Who sent it.
        by: String,
        /// When it was sent.
        at: DateTime<Utc>,
        /// The recipient's reference.
        reference: String,
    },
    /// Waive a duty, with the reason.
    Waive(Uuid, String),
    /// Mark a done or waived duty as owed again.
    Reopen(Uuid),
}

impl DutyCommand {
    /// The events, or why not.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let duties = &incident.parts().duties;
        let known = |duty: Uuid| {
            if duties.duties.get(&duty).is_some_and(|r| r.def.is_some()) {
                Ok(())
            } else {
                Err(CommandError::NoSuchDuty)
            }
        };
        let future = |at: DateTime<Utc>| {
            if at > ctx.now {
                Err(CommandError::FutureEvent)
            } else {
                Ok(())
            }
        };
        let settle = |duty: Uuid, outcome: Outcome| {
            let topic = Topic::Duty(duty, DutyField::Outcome);
            let same = duties.duties.get(&duty).map(DutyRecord::outcome) == Some(&outcome);
            if same && incident.conflicts(topic).is_empty() {
                Vec::new()
            } else {
                vec![ctx.write(
                    incident,
                    topic,
                    Change::Duties(DutyEvent::Settled { duty, outcome }),
                )]
            }
        };
        match self {
            DutyCommand::Start(def, from) => {
                let def = def.checked().map_err(|_| CommandError::NoSuchDuty)?;
                let from = match (from, &def.after) {
                    (Some(from), _) => Some(from),
                    (None, Some(_)) => None,
                    (None, None) => Some(ctx.now),
                };
                if let Some(from) = from {
                    future(from)?;
                }
                if duties.has(&def.id) {
                    return Err(CommandError::DutyStarted);
                }
                let duty = duty_id(incident.id(), &def.id);
                Ok(vec![ctx.event(Change::Duties(DutyEvent::Started {
                    duty,
                    def,
                    from,
                }))])
            }
            DutyCommand::SetClock(duty, from) => {
                known(duty)?;
                future(from)?;
                let topic = Topic::Duty(duty, DutyField::Clock);
                let same =
                    duties.duties.get(&duty).and_then(|r| r.clock.value()) == Some(&Some(from));
                if same && incident.conflicts(topic).is_empty() {
                    return Ok(Vec::new());
                }
                Ok(vec![ctx.write(
                    incident,
                    topic,
                    Change::Duties(DutyEvent::ClockSet { duty, from }),
                )])
            }
            DutyCommand::Done {
                duty,
                by,
                at,
                reference,
            } => {
                known(duty)?;
                check_text(Input::Name, &by, MAX_NAME, true)?;
                check_text(Input::DutyReference, &reference, MAX_TITLE, false)?;
                future(at)?;
                Ok(settle(
                    duty,
                    Outcome::Done {
                        by: by.trim().to_string(),
                        at,
                        reference: reference.trim().to_string(),
                    },
                ))
            }
            DutyCommand::Waive(duty, reason) => {
                known(duty)?;
                check_text(Input::WaiveReason, &reason, MAX_TITLE, true)?;
                Ok(settle(
                    duty,
                    Outcome::Waived {
                        reason: reason.trim().to_string(),
                    },
                ))
            }
            DutyCommand::Reopen(duty) => {
                known(duty)?;
                Ok(settle(duty, Outcome::Open))
            }
        }
    }
}
