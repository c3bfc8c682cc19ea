//! The review part: the post-incident review of a resolved incident. Each section is its own
//! register, so two people writing different sections in two copies keep both, and two
//! writing the same section see a conflict. The timeline entries that matter are starred, each
//! star a register keyed by the entry's event id. The review moves draft → in review →
//! published; closing an incident that needs a review needs it published, or a logged reason
//! for having none (the waiver).
//!
//! What the log already knows (times, roles, updates, resolution, tasks done, starred entries)
//! is gathered by [`facts`], so a page shows it beside the sections and nobody retypes it.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_TEXT};
use super::comms::Audience;
use super::lifecycle::LifecycleEvent;
use super::register::{Keyed, Register, Slot, Stamp};
use super::resolution::Resolution;
use super::roles::{Role, RolesEvent};
use super::tasks::{Task, TaskState};
use super::{Change, Event, Incident, IncidentKind, Priority, State, Topic};

/// One section of a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// What happened, in a paragraph.
    Summary,
    /// Who and what was affected, and for how long.
    Impact,
    /// What set it off, and why it could.
    RootCause,
    /// What made it worse or longer.
    Factors,
    /// What went well.
    WentWell,
    /// What went badly.
    WentBadly,
    /// Where we got lucky.
    Lucky,
    /// What we learned.
    Lessons,
}

impl Section {
    /// Every section, in the order a review reads.
    pub const ALL: [Section; 8] = [
        Section::Summary,
        Section::Impact,
        Section::RootCause,
        Section::Factors,
        Section::WentWell,
        Section::WentBadly,
        Section::Lucky,
        Section::Lessons,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Impact => "impact",
            Section::RootCause => "root_cause",
            Section::Factors => "contributing_factors",
            Section::WentWell => "went_well",
            Section::WentBadly => "went_badly",
            Section::Lucky => "lucky",
            Section::Lessons => "lessons",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// Where a review stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ReviewStatus {
    /// Being written.
    Draft,
    /// Written, being read by others.
    InReview,
    /// Agreed and published.
    Published,
}

impl ReviewStatus {
    /// Every status, in order.
    pub const ALL: [ReviewStatus; 3] = [
        ReviewStatus::Draft,
        ReviewStatus::InReview,
        ReviewStatus::Published,
    ];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::InReview => "in_review",
            ReviewStatus::Published => "published",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The statuses a review may move to from this one: forward one step, or back one.
    pub fn next(self) -> &'static [ReviewStatus] {
        match self {
            ReviewStatus::Draft => &[ReviewStatus::InReview],
            ReviewStatus::InReview => &[ReviewStatus::Published, ReviewStatus::Draft],
            ReviewStatus::Published => &[ReviewStatus::InReview],
        }
    }
}

/// A review event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReviewEvent {
    /// A section was written (the whole text, as Markdown).
    Written {
        /// Which section.
        section: Section,
        /// Its text now.
        text: String,
    },
    /// A timeline entry was starred, or its star removed.
    Starred {
        /// The entry's event id.
        entry: Uuid,
        /// Starred or not.
        starred: bool,
    },
    /// The review moved to a status.
    StatusSet {
        /// Where it stands now.
        status: ReviewStatus,
    },
    /// The incident is closed without a review, for this reason.
    Waived {
        /// Why there is none.
        reason: String,
    },
}

/// The review as folded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviewState {
    /// Each section's text.
    pub sections: Keyed<Section, Register<String>>,
    /// Each starred (or unstarred) timeline entry, by its event id.
    pub stars: Keyed<Uuid, Register<bool>>,
    /// Where the review stands (unset: a draft nobody has moved yet).
    pub status: Register<ReviewStatus>,
    /// Why the incident has no review, if it was closed without one.
    pub waiver: Register<String>,
}

impl ReviewState {
    /// A section's text (empty when unwritten).
    pub fn section(&self, section: Section) -> &str {
        self.sections
            .get(&section)
            .and_then(|r| r.value())
            .map_or("", String::as_str)
    }

    /// Where the review stands.
    pub fn status(&self) -> ReviewStatus {
        self.status.value().copied().unwrap_or(ReviewStatus::Draft)
    }

    /// Whether the review is published.
    pub fn is_published(&self) -> bool {
        self.status() == ReviewStatus::Published
    }

    /// Whether anything of the review was written: a section, a star or a status.
    pub fn is_started(&self) -> bool {
        self.status.value().is_some()
            || self.sections.iter().any(|(_, r)| r.value().is_some())
            || self.stars.iter().any(|(_, r)| r.value() == Some(&true))
    }

    /// Whether this timeline entry is starred.
    pub fn is_starred(&self, entry: Uuid) -> bool {
        self.stars.get(&entry).and_then(|r| r.value()) == Some(&true)
    }

    /// The starred entries' event ids.
    pub fn starred(&self) -> impl Iterator<Item = Uuid> + '_ {
        self.stars
            .iter()
            .filter(|(_, r)| r.value() == Some(&true))
            .map(|(id, _)| id)
    }

    /// Why the incident has no review, if so recorded.
    pub fn waiver(&self) -> Option<&str> {
        self.waiver.value().map(String::as_str)
    }

    /// Every register of the part, by the topic it is.
    pub fn slots(&self) -> Vec<(Topic, &dyn Slot)> {
        let mut slots: Vec<(Topic, &dyn Slot)> = self
            .sections
            .iter()
            .map(|(s, r)| (Topic::ReviewSection(s), r as &dyn Slot))
            .collect();
        slots.push((Topic::ReviewStatus, &self.status));
        slots.extend(
            self.stars
                .iter()
                .map(|(id, r)| (Topic::ReviewStar(id), r as &dyn Slot)),
        );
        slots.push((Topic::ReviewWaiver, &self.waiver));
        slots
    }

    /// The register of one topic of the part.
    pub fn slot(&self, topic: Topic) -> Option<&dyn Slot> {
        match topic {
            Topic::ReviewSection(s) => self.sections.get(&s).map(|r| r as &dyn Slot),
            Topic::ReviewStar(id) => self.stars.get(&id).map(|r| r as &dyn Slot),
            Topic::ReviewStatus => Some(&self.status),
            Topic::ReviewWaiver => Some(&self.waiver),
            _ => None,
        }
    }
}

/// The fold step.
pub fn apply(state: &mut ReviewState, stamp: &Stamp<'_>, event: &ReviewEvent) {
    match event {
        ReviewEvent::Written { section, text } => {
            state.sections.entry(*section).write(stamp, text.clone())
        }
        ReviewEvent::Starred { entry, starred } => state.stars.entry(*entry).write(stamp, *starred),
        ReviewEvent::StatusSet { status } => state.status.write(stamp, *status),
        ReviewEvent::Waived { reason } => state.waiver.write(stamp, reason.clone()),
    }
}

/// Which incidents need a published review (or a reason for none) before they close.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewRule {
    /// Per priority, P1 first: whether it needs a review.
    pub priorities: [bool; 5],
    /// Whether drills follow the same rule (otherwise they never need one).
    pub drills: bool,
}

impl Default for ReviewRule {
    /// P1 to P3 need a review; drills follow the same rule.
    fn default() -> Self {
        ReviewRule {
            priorities: [true, true, true, false, false],
            drills: true,
        }
    }
}

impl ReviewRule {
    /// Whether an incident of this priority and kind needs a review.
    pub fn needs(&self, priority: Priority, kind: IncidentKind) -> bool {
        if kind == IncidentKind::Drill && !self.drills {
            return false;
        }
        self.priorities
            .get(priority as usize)
            .copied()
            .unwrap_or(false)
    }

    /// Whether this incident may close as its review stands: not needed, published, or waived.
    pub fn allows_close(&self, incident: &Incident) -> bool {
        let review = &incident.parts().review;
        !self.needs(incident.priority(), incident.kind)
            || review.is_published()
            || review.waiver().is_some()
    }
}

/// A change to an incident's review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReviewCommand {
    /// Write a section (the whole text).
    Write(Section, String),
    /// Star a timeline entry (by its event id), or remove its star.
    Star(Uuid, bool),
    /// Move the review to a status.
    Move(ReviewStatus),
    /// Close the incident without a review, for this reason.
    CloseWithout(String),
}

impl ReviewCommand {
    /// The review events, or why not.
    pub fn decide(
        self,
        incident: &Incident,
        ctx: &CommandContext,
    ) -> Result<Vec<Event>, CommandError> {
        let review = &incident.parts().review;
        let unchanged = |topic: Topic, same: bool| same && incident.conflicts(topic).is_empty();
        let writable = || {
            if incident.milestones.resolved_at.is_none() {
                Err(CommandError::NotResolved)
            } else if review.is_published() {
                Err(CommandError::ReviewPublished)
            } else {
                Ok(())
            }
        };
        match self {
            ReviewCommand::Write(section, text) => {
                writable()?;
                check_text(Input::Review(section), &text, MAX_TEXT, false)?;
                let text = text.trim_end().to_string();
                let topic = Topic::ReviewSection(section);
                if unchanged(topic, review.section(section) == text) {
                    return Ok(Vec::new());
                }
                let change = Change::Review(ReviewEvent::Written { section, text });
                Ok(vec![ctx.write(incident, topic, change)])
            }
            ReviewCommand::Star(entry, starred) => {
                writable()?;
                if incident.event(entry).is_none() {
                    return Err(CommandError::NoSuchEntry);
                }
                let topic = Topic::ReviewStar(entry);
                if unchanged(topic, review.is_starred(entry) == starred) {
                    return Ok(Vec::new());
                }
                let change = Change::Review(ReviewEvent::Starred { entry, starred });
                Ok(vec![ctx.write(incident, topic, change)])
            }
            ReviewCommand::Move(status) => {
                if incident.milestones.resolved_at.is_none() {
                    return Err(CommandError::NotResolved);
                }
                let from = review.status();
                // A closed incident's published review is its record: it stays published.
                if from == ReviewStatus::Published && incident.state == State::Closed {
                    return Err(CommandError::ReviewFinal);
                }
                if !from.next().contains(&status) {
                    return Err(CommandError::ReviewStep { from, to: status });
                }
                if status == ReviewStatus::Published && review.section(Section::Summary).is_empty()
                {
                    return Err(CommandError::Required(Input::Review(Section::Summary)));
                }
                let change = Change::Review(ReviewEvent::StatusSet { status });
                Ok(vec![ctx.write(incident, Topic::ReviewStatus, change)])
            }
            ReviewCommand::CloseWithout(reason) => {
                check_text(Input::NoReviewReason, &reason, MAX_TEXT, true)?;
                incident.state.check_transition(State::Closed)?;
                let waive = ctx.write(
                    incident,
                    Topic::ReviewWaiver,
                    Change::Review(ReviewEvent::Waived {
                        reason: reason.trim().to_string(),
                    }),
                );
                let close = ctx.write(
                    incident,
                    Topic::State,
                    Change::Lifecycle(LifecycleEvent::StateChanged {
                        from: incident.state,
                        to: State::Closed,
                    }),
                );
                Ok(vec![waive, close])
            }
        }
    }
}

/// A moment in an incident's life, as the review's facts list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Moment {
    /// Impact started (set by people).
    ImpactStarted,
    /// It was noticed (set by people).
    Detected,
    /// It was reported (declared).
    Reported,
    /// It was triaged.
    Acknowledged,
    /// It was contained.
    Contained,
    /// It was resolved (first time).
    Resolved,
    /// It was closed.
    Closed,
}

/// A span between two moments that reviews, reports and metrics measure. Detection runs from
/// when impact started; acknowledging, containing and resolving from the report (the response's
/// own times); the impact from its start to the resolution.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Span {
    /// Impact started → detected.
    Detect,
    /// Reported → acknowledged (triaged).
    Acknowledge,
    /// Reported → contained.
    Contain,
    /// Reported → resolved (first time).
    Resolve,
    /// Impact started → resolved (first time): how long people were affected.
    Impact,
}

impl Span {
    /// Every span, in the order a review lists them.
    pub const ALL: [Span; 5] = [
        Span::Detect,
        Span::Acknowledge,
        Span::Contain,
        Span::Resolve,
        Span::Impact,
    ];

    /// The moments it runs between.
    pub fn ends(self) -> (Moment, Moment) {
        match self {
            Span::Detect => (Moment::ImpactStarted, Moment::Detected),
            Span::Acknowledge => (Moment::Reported, Moment::Acknowledged),
            Span::Contain => (Moment::Reported, Moment::Contained),
            Span::Resolve => (Moment::Reported, Moment::Resolved),
            Span::Impact => (Moment::ImpactStarted, Moment::Resolved),
        }
    }
}

/// One spell of a person in a role, from the log: who, from when, until when (`None`: still).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spell {
    /// Which role.
    pub role: Role,
    /// Who held it.
    pub person: String,
    /// From when.
    pub from: DateTime<Utc>,
    /// Until when; `None` while they hold it.
    pub until: Option<DateTime<Utc>>,
}

/// One spell of a subject expert, from the log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExpertSpell {
    /// The expert entry's id.
    pub expert: Uuid,
    /// Who.
    pub person: String,
    /// What they know about.
    pub area: String,
    /// From when.
    pub from: DateTime<Utc>,
    /// Until when; `None` while they help.
    pub until: Option<DateTime<Utc>>,
}

/// How many updates went to one audience, and when the first and last did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    /// To whom.
    pub audience: Audience,
    /// How many.
    pub count: usize,
    /// The first one's time.
    pub first: Option<DateTime<Utc>>,
    /// The last one's time.
    pub last: Option<DateTime<Utc>>,
}

/// What the log already knows, for the review: its prefill.
#[derive(Debug, Clone, PartialEq)]
pub struct Facts<'a> {
    /// The moments that happened, in the order of [`Moment`], with their times.
    pub moments: Vec<(Moment, DateTime<Utc>)>,
    /// Who held each named role, and when, in the order the spells began.
    pub spells: Vec<Spell>,
    /// Who helped as a subject expert, and when, in the order they were added.
    pub experts: Vec<ExpertSpell>,
    /// Updates sent, per audience.
    pub sent: [Sent; 3],
    /// Every resolution record, oldest first.
    pub resolutions: Vec<Resolution<'a>>,
    /// The tasks done.
    pub tasks_done: Vec<Task<'a>>,
    /// The starred timeline entries, in timeline order.
    pub starred: Vec<&'a Event>,
}

impl Facts<'_> {
    /// The time of a moment, if it happened.
    pub fn moment(&self, moment: Moment) -> Option<DateTime<Utc>> {
        self.moments
            .iter()
            .find(|(m, _)| *m == moment)
            .map(|(_, at)| *at)
    }

    /// Minutes from one moment to another, when both happened (never negative).
    pub fn minutes(&self, from: Moment, to: Moment) -> Option<i64> {
        minutes_between(&self.moments, from, to)
    }

    /// The minutes of each span whose moments both happened, in [`Span::ALL`] order.
    pub fn spans(&self) -> Vec<(Span, i64)> {
        spans(&self.moments)
    }
}

/// The moments of an incident that happened, in the order of [`Moment`], with their times: the
/// cheap part of [`facts`], which metrics read for every incident.
pub fn moments(incident: &Incident) -> Vec<(Moment, DateTime<Utc>)> {
    let m = &incident.milestones;
    [
        (Moment::ImpactStarted, Some(incident.impact_started_at)),
        (Moment::Detected, Some(incident.detected_at)),
        (Moment::Reported, Some(incident.reported_at)),
        (Moment::Acknowledged, m.acknowledged_at),
        (Moment::Contained, m.contained_at),
        (Moment::Resolved, m.resolved_at),
        (Moment::Closed, m.closed_at),
    ]
    .into_iter()
    .filter_map(|(moment, at)| Some((moment, at?)))
    .collect()
}

/// Minutes from one moment to another among `moments`, when both happened (never negative).
fn minutes_between(moments: &[(Moment, DateTime<Utc>)], from: Moment, to: Moment) -> Option<i64> {
    let time = |wanted: Moment| {
        moments
            .iter()
            .find(|(m, _)| *m == wanted)
            .map(|(_, at)| *at)
    };
    Some((time(to)? - time(from)?).num_minutes().max(0))
}

/// The minutes of each span whose moments both happened among `moments`, in [`Span::ALL`]
/// order: what the review, the reports and the metrics all measure.
pub fn spans(moments: &[(Moment, DateTime<Utc>)]) -> Vec<(Span, i64)> {
    Span::ALL
        .into_iter()
        .filter_map(|span| {
            let (from, to) = span.ends();
            Some((span, minutes_between(moments, from, to)?))
        })
        .collect()
}

/// What the log knows that a review reports: moments, role spells, updates, resolutions, tasks
/// done and starred entries.
pub fn facts(incident: &Incident) -> Facts<'_> {
    let moments = moments(incident);
    let parts = incident.parts();
    let roles = role_events(incident);
    let sent = Audience::ALL.map(|audience| {
        let times: Vec<DateTime<Utc>> = parts.comms.thread(audience).map(|u| u.at).collect();
        Sent {
            audience,
            count: times.len(),
            first: times.first().copied(),
            last: times.last().copied(),
        }
    });
    let mut starred: Vec<&Event> = parts
        .review
        .starred()
        .filter_map(|id| incident.event(id))
        .collect();
    crate::order::sort_by(&mut starred, |a, b| a.timeline_key().cmp(&b.timeline_key()));
    Facts {
        moments,
        spells: spells(&roles),
        experts: expert_spells(&roles),
        sent,
        resolutions: parts.resolution.records(),
        tasks_done: parts
            .tasks
            .list()
            .into_iter()
            .filter(|t| t.state == TaskState::Done)
            .collect(),
        starred,
    }
}

/// One holding of a post (a named role, or one subject expert's entry), as the log tells it.
struct Held<K, D> {
    key: K,
    person: String,
    detail: D,
    from: DateTime<Utc>,
    until: Option<DateTime<Utc>>,
}

/// The holdings that changes of posts make, in the order they happened: a change to another
/// holder ends the open holding of that post and starts one; a release ends it; the same holder
/// again changes nothing.
fn held<K: PartialEq, D: PartialEq>(
    changes: impl Iterator<Item = (DateTime<Utc>, K, Option<(String, D)>)>,
) -> Vec<Held<K, D>> {
    let mut out: Vec<Held<K, D>> = Vec::new();
    for (at, key, holder) in changes {
        if let Some(open) = out.iter_mut().find(|h| h.key == key && h.until.is_none()) {
            if holder
                .as_ref()
                .is_some_and(|(person, detail)| *person == open.person && *detail == open.detail)
            {
                continue;
            }
            open.until = Some(at);
        }
        if let Some((person, detail)) = holder {
            out.push(Held {
                key,
                person,
                detail,
                from: at,
                until: None,
            });
        }
    }
    out
}

/// The role events in the order they happened.
fn role_events(incident: &Incident) -> Vec<(DateTime<Utc>, &RolesEvent)> {
    let mut events: Vec<&Event> = incident
        .events()
        .iter()
        .filter(|e| matches!(e.change, Change::Roles(_)))
        .collect();
    crate::order::sort_by(&mut events, |a, b| a.timeline_key().cmp(&b.timeline_key()));
    events
        .into_iter()
        .filter_map(|e| match &e.change {
            Change::Roles(r) => Some((e.at, r)),
            _ => None,
        })
        .collect()
}

/// Who held each named role, and when.
fn spells(events: &[(DateTime<Utc>, &RolesEvent)]) -> Vec<Spell> {
    let changes = events.iter().filter_map(|(at, event)| match event {
        RolesEvent::Assigned { role, person, .. } => Some((*at, *role, Some((person.clone(), ())))),
        RolesEvent::Released { role, .. } => Some((*at, *role, None)),
        _ => None,
    });
    held(changes)
        .into_iter()
        .map(|h| Spell {
            role: h.key,
            person: h.person,
            from: h.from,
            until: h.until,
        })
        .collect()
}

/// Who helped as a subject expert, and when, in the order they were added.
fn expert_spells(events: &[(DateTime<Utc>, &RolesEvent)]) -> Vec<ExpertSpell> {
    let changes = events.iter().filter_map(|(at, event)| match event {
        RolesEvent::ExpertAssigned { expert, who } => {
            Some((*at, *expert, Some((who.person.clone(), who.area.clone()))))
        }
        RolesEvent::ExpertReleased { expert } => Some((*at, *expert, None)),
        _ => None,
    });
    held(changes)
        .into_iter()
        .map(|h| ExpertSpell {
            expert: h.key,
            person: h.person,
            area: h.detail,
            from: h.from,
            until: h.until,
        })
        .collect()
}
