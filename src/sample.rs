//! A deterministic set of realistic incidents, made by the same commands a person's clicks run:
//! reports spread over a span of days, acknowledged, contained and resolved after varied delays,
//! some reopened, some cancelled, some still open, a share of drills, updates posted on or off
//! cadence, notification duties, and follow-up actions. The dashboard's end-to-end test imports
//! it, the benchmark measures with it, and a trainer can load it to practise on. The same seed
//! gives the same incidents, to the event id.

use chrono::{DateTime, Duration, Utc};
use uuid::Uuid;

use crate::domain::actions::{ActionCommand, ActionKind, ActionState, NewAction};
use crate::domain::commands::{declare, Transition};
use crate::domain::comms::{Audience, CommsCommand, NewUpdate};
use crate::domain::duties::{self, duty_id, DutyCommand};
use crate::domain::resolution::{ResolutionCommand, ResolutionDraft, ResolutionKind};
use crate::domain::review::ReviewCommand;
use crate::domain::roles::{Role, RoleCommand};
use crate::domain::{
    execute, Category, Command, CommandContext, Draft, Incident, IncidentKind, Level, State,
};

/// The services the sample incidents affect.
pub const SERVICES: [&str; 6] = [
    "Checkout",
    "Payments",
    "Search",
    "Login",
    "Email",
    "Mobile API",
];

const PROBLEMS: [&str; 8] = [
    "Errors on some requests",
    "Slow responses",
    "Timeouts for some users",
    "Stale data shown",
    "Sign-in loops",
    "Messages delayed",
    "Certificate about to expire",
    "Elevated error rate",
];

const PEOPLE: [&str; 5] = [
    "Ana Ruiz",
    "Bo Chen",
    "Chidi Okafor",
    "Dana Levi",
    "Eli Novak",
];

/// A small, fast, seeded generator (SplitMix64): the same seed, the same numbers, everywhere.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next number.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number from `low` to `high`, both included.
    pub fn between(&mut self, low: i64, high: i64) -> i64 {
        let width = high.saturating_sub(low).max(0) as u64 + 1;
        low + (self.next_u64() % width) as i64
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    /// One of `items`.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let len = items.len() as u64;
        (len > 0)
            .then(|| items.get((self.next_u64() % len) as usize))
            .flatten()
    }

    fn uuid(&mut self) -> Uuid {
        let bytes = (u128::from(self.next_u64()) << 64 | u128::from(self.next_u64())).to_be_bytes();
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// One incident being walked through its life: each step a command at a later minute, none
/// past `until` (what has not happened by then has not happened).
struct Walk<'a> {
    incident: Incident,
    at: DateTime<Utc>,
    until: DateTime<Utc>,
    rng: &'a mut Rng,
}

impl Walk<'_> {
    /// Runs `command` `minutes` after the last step, as `actor`; false (and nothing done) when
    /// that falls after `until` or the command is refused.
    fn step(&mut self, minutes: i64, actor: &str, command: Command) -> bool {
        let at = self.at + Duration::minutes(minutes.max(0));
        if at > self.until {
            return false;
        }
        let ctx = CommandContext::new(at, actor, self.rng.uuid());
        match execute(&self.incident, command, &ctx) {
            Ok(next) => {
                self.incident = next;
                self.at = at;
                true
            }
            Err(_) => false,
        }
    }

    /// Moves to `state` after `minutes`, posting an update to the responders on the way when
    /// the gap is long.
    fn go(&mut self, minutes: i64, actor: &str, state: State) -> bool {
        let mut left = minutes;
        // An update every 20 to 90 minutes, as responders keep others told.
        // Updates stop once the incident is resolved; nobody is told between report and triage.
        let working = !matches!(
            self.incident.state,
            State::Reported | State::Resolved | State::Closed | State::Cancelled
        );
        while working && left > 90 {
            let gap = self.rng.between(20, 90);
            let text = format!("Still on it; next update within {gap} minutes.");
            if !self.step(gap, actor, update(Audience::Internal, &text)) {
                return false;
            }
            left -= gap;
        }
        let command = match state {
            State::Resolved => Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
                kind: ResolutionKind::Fix,
                escalated_to: String::new(),
                summary: "Rolled back the change and confirmed recovery.".into(),
            })),
            State::Closed => Command::Review(ReviewCommand::CloseWithout(
                "Sample data: no review written".into(),
            )),
            other => Command::Lifecycle(Transition(other)),
        };
        self.step(left, actor, command)
    }
}

fn update(audience: Audience, text: &str) -> Command {
    Command::Comms(CommsCommand::Post(NewUpdate {
        audience,
        template: None,
        text: text.into(),
        corrects: None,
    }))
}

/// `count` incidents reported over the `days` days up to `until`, from `seed`.
pub fn incidents(count: u32, seed: u64, until: DateTime<Utc>, days: u32) -> Vec<Incident> {
    let mut rng = Rng::new(seed);
    let span = i64::from(days.max(1)) * 24 * 60;
    let mut list: Vec<Incident> = (1..=count)
        .filter_map(|n| {
            incident(
                n,
                &mut rng,
                until - Duration::minutes(rng_minutes(span, n, seed)),
                until,
            )
        })
        .collect();
    list.sort_by_key(|i| i.reported_at);
    list
}

/// When incident `n` is reported, in minutes before the end: its own draw, so that adding
/// incidents does not move the earlier ones.
fn rng_minutes(span: i64, n: u32, seed: u64) -> i64 {
    Rng::new(seed ^ u64::from(n).wrapping_mul(0xA24B_AED4_963E_E407)).between(0, span - 1)
}

fn incident(
    n: u32,
    rng: &mut Rng,
    reported: DateTime<Utc>,
    until: DateTime<Utc>,
) -> Option<Incident> {
    let reporter = *rng.pick(&PEOPLE)?;
    let first = *rng.pick(&SERVICES)?;
    let mut services = vec![first.to_string()];
    if rng.chance(30) {
        let second = *rng.pick(&SERVICES)?;
        if second != first {
            services.push(second.to_string());
        }
    }
    let level = |r: &mut Rng| match r.between(0, 9) {
        0..=1 => Level::High,
        2..=5 => Level::Medium,
        _ => Level::Low,
    };
    let draft = Draft {
        title: format!("{}: {}", first, rng.pick(&PROBLEMS)?),
        description: "Generated sample incident.".into(),
        category: *rng.pick(&Category::ALL)?,
        services,
        impact: level(rng),
        urgency: level(rng),
        priority_override: None,
        impact_started_at: reported - Duration::minutes(rng.between(2, 90)),
        reported_by: reporter.into(),
        kind: if rng.chance(10) {
            IncidentKind::Drill
        } else {
            IncidentKind::Real
        },
    };
    let ctx = CommandContext::new(reported, reporter, rng.uuid());
    let incident = declare(draft, n, &ctx).ok()?;
    let commander = *rng.pick(&PEOPLE)?;
    let mut walk = Walk {
        incident,
        at: reported,
        until,
        rng,
    };
    let roles = Command::Roles(RoleCommand::Assign {
        role: Role::Commander,
        person: commander.into(),
    });
    walk.step(1, commander, roles);
    if walk.rng.chance(5) {
        walk.step(
            10,
            commander,
            Command::Lifecycle(Transition(State::Cancelled)),
        );
        return Some(walk.incident);
    }
    // Lower priorities wait longer; one incident in six is slow whatever its priority, so some
    // response targets are breached.
    let slow = if walk.rng.chance(16) { 4 } else { 1 };
    let fast = (walk.incident.priority() as i64 + 1) * slow;
    let plan = [
        (State::Triaged, walk.rng.between(1, 15 * fast)),
        (State::Investigating, walk.rng.between(1, 30)),
        (State::Contained, walk.rng.between(10, 60 * fast)),
        (State::Resolved, walk.rng.between(10, 120 * fast)),
    ];
    for (state, minutes) in plan {
        if !walk.go(minutes, commander, state) {
            return Some(walk.incident);
        }
        if state == State::Triaged {
            let text = "We are investigating reports of errors.";
            walk.step(3, commander, update(Audience::Customers, text));
        }
    }
    // Some come back: reopened, contained and resolved again.
    if walk.rng.chance(8) {
        let back = walk.rng.between(30, 300);
        let again = [
            (State::Investigating, back),
            (State::Contained, walk.rng.between(10, 120)),
            (State::Resolved, walk.rng.between(10, 120)),
        ];
        for (state, minutes) in again {
            if !walk.go(minutes, commander, state) {
                return Some(walk.incident);
            }
        }
    }
    duties_of(&mut walk, commander);
    actions_of(&mut walk, commander);
    if walk.rng.chance(80) {
        let after = walk.rng.between(60, 3 * 24 * 60);
        walk.go(after, commander, State::Closed);
    }
    Some(walk.incident)
}

/// A security incident owes the GDPR notification: mostly done in time, some late, some waived.
fn duties_of(walk: &mut Walk<'_>, actor: &str) {
    if walk.incident.category != Category::Security {
        return;
    }
    let Some(def) = duties::defaults()
        .into_iter()
        .find(|d| d.id == "gdpr-breach")
    else {
        return;
    };
    let id = duty_id(walk.incident.id(), &def.id);
    if !walk.step(5, actor, Command::Duties(DutyCommand::Start(def, None))) {
        return;
    }
    if walk.rng.chance(20) {
        let waive = DutyCommand::Waive(id, "No personal data involved".into());
        walk.step(10, actor, Command::Duties(waive));
        return;
    }
    // The 72-hour deadline: mostly met, once in eight missed.
    let hours = if walk.rng.chance(12) {
        80
    } else {
        walk.rng.between(2, 48)
    };
    let done = DutyCommand::Done {
        duty: id,
        by: actor.into(),
        at: walk.at + Duration::hours(hours),
        reference: format!("DPA-{}", walk.incident.reference),
    };
    walk.step(hours * 60, actor, Command::Duties(done));
}

/// One or two follow-up actions for the serious ones, some done, some past due.
fn actions_of(walk: &mut Walk<'_>, actor: &str) {
    if (walk.incident.priority() as usize) > 2 {
        return;
    }
    let titles = [
        "Add an alert on the error rate",
        "Write the rollback runbook",
        "Load-test the fix",
    ];
    let count = walk.rng.between(1, 2);
    for k in 0..count {
        let due = walk.at.date_naive() + Duration::days(walk.rng.between(7, 45));
        let add = ActionCommand::Add(NewAction {
            title: titles
                .get(k as usize)
                .copied()
                .unwrap_or("Follow up")
                .into(),
            kind: *walk
                .rng
                .pick(&ActionKind::ALL)
                .unwrap_or(&ActionKind::Corrective),
            owner: walk.rng.pick(&PEOPLE).copied().unwrap_or_default().into(),
            due: Some(due),
        });
        if !walk.step(30, actor, Command::Actions(add)) {
            return;
        }
    }
    let ids: Vec<_> = walk
        .incident
        .parts()
        .actions
        .list()
        .iter()
        .map(|a| a.id)
        .collect();
    for id in ids {
        if walk.rng.chance(50) {
            let later = walk.rng.between(24 * 60, 20 * 24 * 60);
            let done = ActionCommand::Set(id, ActionState::Done, String::new());
            walk.step(later, actor, Command::Actions(done));
        }
    }
}
