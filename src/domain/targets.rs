//! Response targets: per priority, the time allowed to acknowledge an incident (reported →
//! triaged) and to resolve it, measured from the milestones the incident stamps, never from a
//! guess. A breach is recorded once, as an event, when it is first seen.

use chrono::{DateTime, TimeDelta, Utc};

use super::commands::{CommandContext, CommandError};
use super::comms::{check_minutes, MinutesError};
use super::register::Stamp;
use super::{Change, Event, Incident, Priority, State};

/// How long before a target is breached it is shown as at risk: 15 minutes.
pub const SOON_MINUTES: i64 = 15;

/// Which target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TargetKind {
    /// Reported → triaged.
    Acknowledge,
    /// Reported → resolved.
    Resolve,
}

impl TargetKind {
    /// Both targets.
    pub const ALL: [TargetKind; 2] = [TargetKind::Acknowledge, TargetKind::Resolve];

    /// Stable machine name.
    pub fn as_str(self) -> &'static str {
        match self {
            TargetKind::Acknowledge => "acknowledge",
            TargetKind::Resolve => "resolve",
        }
    }

    /// Parses the machine name.
    pub fn parse(s: &str) -> Option<TargetKind> {
        TargetKind::ALL.into_iter().find(|t| t.as_str() == s)
    }
}

/// Minutes allowed per priority: (acknowledge, resolve); `None`: no target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Targets(pub [[Option<u32>; 2]; 5]);

impl Default for Targets {
    /// P1: 15 min / 4 h; P2: 30 min / 8 h; P3: 2 h / 1 day; P4: 8 h / 3 days; P5: 1 day / 7 days.
    fn default() -> Self {
        Targets([
            [Some(15), Some(4 * 60)],
            [Some(30), Some(8 * 60)],
            [Some(120), Some(24 * 60)],
            [Some(8 * 60), Some(3 * 24 * 60)],
            [Some(24 * 60), Some(7 * 24 * 60)],
        ])
    }
}

impl Targets {
    /// Minutes allowed for this target at this priority.
    pub fn minutes(&self, priority: Priority, kind: TargetKind) -> Option<u32> {
        self.0[priority as usize][kind as usize]
    }

    /// These targets with one cell set (`None`: no target), or why not.
    pub fn with(
        mut self,
        priority: Priority,
        kind: TargetKind,
        minutes: Option<i64>,
    ) -> Result<Targets, MinutesError> {
        self.0[priority as usize][kind as usize] = minutes.map(check_minutes).transpose()?;
        Ok(self)
    }
}

/// Where a target stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Standing {
    /// Reached in time.
    Met,
    /// Reached, but late.
    Missed,
    /// Not reached, and the time is not near its end.
    Running,
    /// Not reached, and the time ends within [`SOON_MINUTES`].
    Soon,
    /// Not reached, and the time is up.
    Breached,
}

impl Standing {
    /// Missed or breached: the target's time ran out before its milestone.
    pub fn is_breach(self) -> bool {
        matches!(self, Standing::Missed | Standing::Breached)
    }
}

/// One target of one incident at a given time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TargetStatus {
    /// Which target.
    pub kind: TargetKind,
    /// When the time allowed ends.
    pub deadline: DateTime<Utc>,
    /// Where it stands.
    pub standing: Standing,
}

impl TargetStatus {
    /// Breached now, or will be within [`SOON_MINUTES`]: the queue and header show it.
    pub fn is_alarm(&self) -> bool {
        matches!(self.standing, Standing::Breached | Standing::Soon)
    }
}

/// The milestone that meets a target.
fn reached(incident: &Incident, kind: TargetKind) -> Option<DateTime<Utc>> {
    let m = &incident.milestones;
    match kind {
        TargetKind::Acknowledge => m.acknowledged_at,
        TargetKind::Resolve => m.resolved_at,
    }
}

/// Each target of the incident's priority now, measured from when it was reported. A cancelled
/// incident has none.
pub fn statuses(incident: &Incident, targets: &Targets, now: DateTime<Utc>) -> Vec<TargetStatus> {
    if incident.state == State::Cancelled {
        return Vec::new();
    }
    let priority = incident.priority();
    TargetKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let minutes = targets.minutes(priority, kind)?;
            let deadline = incident.reported_at + TimeDelta::minutes(i64::from(minutes));
            let standing = match reached(incident, kind) {
                Some(at) if at <= deadline => Standing::Met,
                Some(_) => Standing::Missed,
                // Closed without the milestone (only an old or hand-made file): nothing runs.
                None if !incident.state.is_open() => return None,
                None if now > deadline => Standing::Breached,
                None if now > deadline - TimeDelta::minutes(SOON_MINUTES) => Standing::Soon,
                None => Standing::Running,
            };
            Some(TargetStatus {
                kind,
                deadline,
                standing,
            })
        })
        .collect()
}

/// Whether a target of the incident was missed (reached late) or is breached (not reached, and
/// its time is up) at `now`.
pub fn breached(incident: &Incident, targets: &Targets, now: DateTime<Utc>) -> bool {
    statuses(incident, targets, now)
        .iter()
        .any(|t| t.standing.is_breach())
}

/// The most pressing target in alarm (breached before at risk, then the earliest), if any.
pub fn alarm(incident: &Incident, targets: &Targets, now: DateTime<Utc>) -> Option<TargetStatus> {
    statuses(incident, targets, now)
        .into_iter()
        .filter(TargetStatus::is_alarm)
        .min_by_key(|t| (std::cmp::Reverse(t.standing), t.deadline))
}

/// A targets event: a breach seen.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum TargetEvent {
    /// The time allowed for a target ran out without its milestone; `at` is the deadline.
    Breached {
        /// Which target.
        target: TargetKind,
        /// The priority whose target it was.
        priority: Priority,
    },
}

/// The breaches recorded.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TargetsState {
    /// Each target recorded as breached, with the first record's deadline.
    pub breached: Vec<(TargetKind, DateTime<Utc>)>,
}

impl TargetsState {
    /// Whether a breach of this target is recorded.
    pub fn is_recorded(&self, kind: TargetKind) -> bool {
        self.breached.iter().any(|(k, _)| *k == kind)
    }
}

/// The fold step.
pub fn apply(state: &mut TargetsState, stamp: &Stamp<'_>, event: &TargetEvent) {
    let TargetEvent::Breached { target, .. } = event;
    if !state.is_recorded(*target) {
        state.breached.push((*target, stamp.at));
    }
}

/// Whether a breach is seen at `now` that is not recorded yet (a cheap look before writing).
pub fn unrecorded_breach(incident: &Incident, targets: &Targets, now: DateTime<Utc>) -> bool {
    let recorded = &incident.parts().targets;
    statuses(incident, targets, now)
        .iter()
        .any(|t| t.standing == Standing::Breached && !recorded.is_recorded(t.kind))
}

/// Records the breaches seen at `ctx.now` that are not recorded yet, each dated at its deadline.
/// Nothing when there are none (the caller need not ask first).
pub fn record_breaches(
    incident: &Incident,
    targets: &Targets,
    ctx: &CommandContext,
) -> Result<Vec<Event>, CommandError> {
    let recorded = &incident.parts().targets;
    Ok(statuses(incident, targets, ctx.now)
        .into_iter()
        .filter(|t| t.standing == Standing::Breached && !recorded.is_recorded(t.kind))
        .map(|t| {
            ctx.event_at(
                t.deadline,
                Vec::new(),
                Change::Targets(TargetEvent::Breached {
                    target: t.kind,
                    priority: incident.priority(),
                }),
            )
        })
        .collect())
}
