//! The metrics: median and percentile rules, counts, response times (reopened by their first
//! resolution, cancelled apart, drills on request), downtime and its cost per service, target and
//! cadence shares, duties, follow-ups by month and kind, weeks, the date range's edges, and the
//! queue filter that lists the incidents behind each figure.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use sitrep::domain::actions::{ActionCommand, ActionKind, ActionState, NewAction};
use sitrep::domain::commands::declare;
use sitrep::domain::comms::{Audience, Cadence, CommsCommand, NewUpdate};
use sitrep::domain::duties::{self, duty_id, DutyCommand};
use sitrep::domain::metrics::{
    figures, monday_of, stat, Figure, Figures, Month, Scope, Share, Stat, TargetCounts, WEEKS,
};
use sitrep::domain::review::{facts, Span};
use sitrep::domain::search::{queue, Clocks, Filter};
use sitrep::domain::targets::{TargetKind, Targets};
use sitrep::domain::{
    Category, Change, Command, Declaration, Draft, Incident, IncidentKind, Level, Priority,
    PriorityOverride, State,
};
use support::{at, ctx, move_to};

/// The UTC day `y-m-d`.
fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(day) => day,
        None => panic!("{y}-{m}-{d} is a day"),
    }
}

/// The minute (from `at(0)`, Thursday 26 November 2026 09:00 UTC) of a day's start plus `minutes`.
fn minute_of(day: NaiveDate, minutes: i64) -> i64 {
    (day.and_time(chrono::NaiveTime::MIN).and_utc() - at(0)).num_minutes() + minutes
}

/// What an incident is declared with.
#[derive(Clone)]
struct Spec {
    priority: Priority,
    category: Category,
    services: &'static [&'static str],
    kind: IncidentKind,
    /// Minutes impact started before the report.
    impact_before: i64,
}

fn spec(priority: Priority, category: Category, services: &'static [&'static str]) -> Spec {
    Spec {
        priority,
        category,
        services,
        kind: IncidentKind::Real,
        impact_before: 0,
    }
}

/// An incident worked by commands, each at its own minute with a seed of its own.
struct Build {
    incident: Incident,
    seed: u128,
}

impl Build {
    /// Incident `INC-{n}` as `spec` says, reported at `minute` (impact low × low: P5, overridden
    /// to the priority wanted).
    fn new(n: u32, minute: i64, spec: &Spec) -> Build {
        let draft = Draft {
            title: format!("Incident {n}"),
            description: String::new(),
            category: spec.category,
            services: spec.services.iter().map(|s| s.to_string()).collect(),
            impact: Level::Low,
            urgency: Level::Low,
            priority_override: Some(PriorityOverride {
                priority: spec.priority,
                reason: "as the test needs".into(),
            }),
            impact_started_at: at(minute - spec.impact_before),
            reported_by: "Noc".into(),
            kind: spec.kind,
        };
        let seed = u128::from(n) << 40;
        match declare(draft, n, &ctx(minute, "Noc", seed)) {
            Ok(incident) => Build {
                incident,
                seed: seed + 1,
            },
            Err(error) => panic!("{error}"),
        }
    }

    /// Runs a command at `minute`.
    fn then(mut self, minute: i64, command: Command) -> Build {
        self.incident = support::act(&self.incident, command, minute, "Ana", self.seed);
        self.seed += 1;
        self
    }

    /// Moves through these states, each at its minute.
    fn walk(self, steps: &[(State, i64)]) -> Build {
        steps
            .iter()
            .fold(self, |b, (state, minute)| b.then(*minute, move_to(*state)))
    }

    /// Walks from reported to resolved: triaged at `ack`, investigating a minute later,
    /// contained at `contain`, resolved at `resolve`.
    fn resolved(self, ack: i64, contain: i64, resolve: i64) -> Build {
        self.walk(&[
            (State::Triaged, ack),
            (State::Investigating, ack + 1),
            (State::Contained, contain),
            (State::Resolved, resolve),
        ])
    }

    fn done(self) -> Incident {
        self.incident
    }
}

const CHECKOUT: &[&str] = &["checkout"];

/// The days of most tests: Thursday 26 November to Wednesday 2 December 2026.
fn week_scope(drills: bool) -> Scope {
    Scope::days(day(2026, 11, 26), day(2026, 12, 2), drills)
}

/// The time most tests read the figures at: 1000 minutes after the first report.
fn clocks() -> Clocks {
    Clocks::from(at(1000))
}

fn today() -> NaiveDate {
    day(2026, 12, 3)
}

fn figures_of(incidents: &[Incident], scope: &Scope, clocks: &Clocks) -> Figures {
    figures(incidents, scope, clocks, &BTreeMap::new(), today())
}

/// Seven incidents: four resolved real ones (one reopened), one still open, one cancelled, one
/// drill.
fn fleet() -> Vec<Incident> {
    let net = |services: &'static [&'static str]| spec(Priority::P1, Category::Network, services);
    vec![
        // A: detect 30, acknowledge 10, contain 40, resolve 60; impact -30 → 60.
        Build::new(
            1,
            0,
            &Spec {
                impact_before: 30,
                ..net(CHECKOUT)
            },
        )
        .resolved(10, 40, 60)
        .done(),
        // B: acknowledge 20 (late for P1), resolve 60; impact 30 → 90, on two services.
        Build::new(2, 30, &net(&["checkout", "payments"]))
            .resolved(50, 80, 90)
            .done(),
        // C: resolve 30; impact 200 → 230, the service spelt otherwise.
        Build::new(
            3,
            200,
            &spec(Priority::P2, Category::Application, &["Checkout"]),
        )
        .resolved(205, 220, 230)
        .done(),
        // D: open, acknowledged late (P2: 30), its resolve target breached by minute 1000.
        Build::new(
            4,
            250,
            &spec(Priority::P2, Category::Application, &["payments"]),
        )
        .walk(&[(State::Triaged, 300)])
        .done(),
        // E: cancelled.
        Build::new(5, 10, &spec(Priority::P3, Category::Data, &["search"]))
            .walk(&[(State::Cancelled, 20)])
            .done(),
        // F: a drill.
        Build::new(
            6,
            5,
            &Spec {
                kind: IncidentKind::Drill,
                ..net(CHECKOUT)
            },
        )
        .resolved(6, 7, 500)
        .done(),
        // G: resolved at 500 (resolve 100), reopened at 510, resolved again at 600.
        Build::new(7, 400, &spec(Priority::P3, Category::Data, &["search"]))
            .resolved(410, 420, 500)
            .walk(&[
                (State::Investigating, 510),
                (State::Contained, 550),
                (State::Resolved, 600),
            ])
            .done(),
    ]
}

#[test]
fn median_and_p90_follow_the_documented_rules() {
    assert_eq!(stat([]), None, "none for no values");
    assert_eq!(
        stat([7]),
        Some(Stat {
            count: 1,
            median: 7,
            p90: 7
        })
    );
    // Odd: the middle value; p90 the ⌈2.7⌉ = 3rd smallest.
    assert_eq!(
        stat([9, 1, 4]),
        Some(Stat {
            count: 3,
            median: 4,
            p90: 9
        })
    );
    // Even: the mean of the two middle values, rounded down; p90 the ⌈3.6⌉ = 4th.
    assert_eq!(
        stat([10, 2, 3, 1]),
        Some(Stat {
            count: 4,
            median: 2,
            p90: 10
        })
    );
    assert_eq!(stat([1, 2]).map(|s| s.median), Some(1));
    assert_eq!(
        stat([-3, -2]).map(|s| s.median),
        Some(-3),
        "down, not to zero"
    );
    // Ten values: p90 is the 9th; eleven: the 10th (⌈9.9⌉).
    assert_eq!(stat(1..=10).map(|s| (s.median, s.p90)), Some((5, 9)));
    assert_eq!(stat(1..=11).map(|s| (s.median, s.p90)), Some((6, 10)));
    assert_eq!(stat(1..=20).map(|s| s.p90), Some(18));
    assert_eq!(
        stat([i64::MAX, i64::MAX]).map(|s| s.median),
        Some(i64::MAX),
        "no overflow"
    );
}

#[test]
fn counts_by_state_priority_category_and_service_keep_cancelled_apart() {
    let fleet = fleet();
    let f = figures_of(&fleet, &week_scope(false), &clocks());
    let c = &f.counts;
    assert_eq!(
        c.incidents, 5,
        "A B C D G; the cancelled one and the drill apart"
    );
    assert_eq!(c.cancelled, 1);
    assert_eq!(c.state(State::Cancelled), 1);
    assert_eq!(c.state(State::Resolved), 4);
    assert_eq!(c.state(State::Triaged), 1);
    assert_eq!(c.by_state.iter().sum::<usize>(), 6);
    assert_eq!(c.by_priority, [2, 2, 1, 0, 0]);
    assert_eq!(c.category(Category::Network), 2);
    assert_eq!(c.category(Category::Application), 2);
    assert_eq!(c.category(Category::Data), 1, "not the cancelled one");
    let names: Vec<(&str, usize)> = f
        .services
        .iter()
        .map(|s| (s.name.as_str(), s.incidents))
        .collect();
    assert_eq!(
        names,
        [("Checkout", 3), ("payments", 2), ("search", 1)],
        "one service whatever its case; B counts for both of its services"
    );
}

#[test]
fn response_times_are_the_reviews_spans_by_priority_and_category() {
    let fleet = fleet();
    let f = figures_of(&fleet, &week_scope(false), &clocks());
    let resolve = f.times.overall.get(Span::Resolve);
    assert_eq!(
        resolve,
        Some(Stat {
            count: 4,
            median: 60,
            p90: 100
        }),
        "A 60, B 60, C 30, G 100 (its first resolution, not its second at 200)"
    );
    assert_eq!(
        f.times.overall.get(Span::Acknowledge),
        Some(Stat {
            count: 5,
            median: 10,
            p90: 50
        }),
        "A 10, B 20, C 5, D 50, G 10"
    );
    assert_eq!(
        f.times.overall.get(Span::Detect).map(|s| (s.count, s.p90)),
        Some((5, 30))
    );
    assert_eq!(
        f.times.priority(Priority::P1).get(Span::Contain),
        Some(Stat {
            count: 2,
            median: 45,
            p90: 50
        }),
        "A 40, B 50"
    );
    assert_eq!(
        f.times.category(Category::Application).get(Span::Resolve),
        Some(Stat {
            count: 1,
            median: 30,
            p90: 30
        }),
        "C; D is not resolved"
    );
    assert_eq!(f.times.priority(Priority::P4).get(Span::Resolve), None);
    // The numbers agree with the review's facts of the same incident.
    for incident in &fleet[..3] {
        let one = figures_of(
            std::slice::from_ref(incident),
            &week_scope(false),
            &clocks(),
        );
        for (span, minutes) in facts(incident).spans() {
            assert_eq!(
                one.times.overall.get(span).map(|s| s.median),
                Some(minutes),
                "{} {span:?}",
                incident.reference
            );
        }
    }
}

#[test]
fn a_reopened_incident_counts_by_its_first_resolution_and_is_flagged() {
    let fleet = fleet();
    let reopened = &fleet[6];
    assert_eq!(reopened.milestones.resolved_at, Some(at(500)));
    let f = figures_of(
        std::slice::from_ref(reopened),
        &week_scope(false),
        &clocks(),
    );
    assert_eq!(f.counts.reopened, 1);
    assert_eq!(
        f.times.overall.get(Span::Resolve).map(|s| s.median),
        Some(100)
    );
    let all = figures_of(&fleet, &week_scope(false), &clocks());
    assert_eq!(all.counts.reopened, 1, "only G");
    // Resolved, reopened and cancelled: apart, like every cancelled one.
    let cancelled = Build::new(8, 0, &spec(Priority::P3, Category::Data, &["search"]))
        .resolved(1, 2, 3)
        .walk(&[(State::Investigating, 4), (State::Cancelled, 5)])
        .done();
    let f = figures_of(&[cancelled], &week_scope(false), &clocks());
    assert_eq!((f.counts.reopened, f.counts.cancelled), (0, 1));
    assert_eq!(f.times.overall.get(Span::Resolve), None);
}

#[test]
fn cancelled_incidents_are_in_no_time_service_target_or_follow_up_figure() {
    let cancelled = Build::new(5, 10, &spec(Priority::P1, Category::Data, &["search"]))
        .walk(&[(State::Triaged, 12), (State::Cancelled, 20)])
        .done();
    let f = figures_of(&[cancelled], &week_scope(false), &clocks());
    assert_eq!((f.counts.incidents, f.counts.cancelled), (0, 1));
    assert_eq!(f.counts.priority(Priority::P1), 0);
    assert_eq!(f.times.overall.get(Span::Acknowledge), None);
    assert!(f.services.is_empty());
    assert_eq!(f.target(Priority::P1).kind(TargetKind::Acknowledge).met, 0);
    assert_eq!(f.cadence(Priority::P1).all, 0);
    assert!(f.weeks.iter().all(|w| w.incidents == 0));
}

#[test]
fn drills_are_left_out_unless_asked_for() {
    let fleet = fleet();
    let real = figures_of(&fleet, &week_scope(false), &clocks());
    let all = figures_of(&fleet, &week_scope(true), &clocks());
    assert_eq!(real.counts.incidents, 5);
    assert_eq!(all.counts.incidents, 6);
    assert_eq!(all.counts.priority(Priority::P1), 3);
    assert_eq!(
        all.times
            .overall
            .get(Span::Resolve)
            .map(|s| (s.count, s.p90)),
        Some((5, 495)),
        "the drill's 495 minutes join the real ones"
    );
    assert_eq!(real.service("checkout").map(|s| s.incidents), Some(3));
    assert_eq!(all.service("checkout").map(|s| s.incidents), Some(4));
    let only_drills = [fleet[5].clone()];
    assert_eq!(
        figures_of(&only_drills, &week_scope(false), &clocks()),
        figures_of(&[], &week_scope(false), &clocks()),
        "a drill alone makes no figure"
    );
}

#[test]
fn downtime_is_the_union_of_impact_spells_per_service() {
    let fleet = fleet();
    let f = figures_of(&fleet, &week_scope(false), &clocks());
    // Checkout: A -30 → 60 and B 30 → 90 overlap (120 minutes, not 90 + 60), C 200 → 230 apart.
    let checkout = f.service("CHECKOUT");
    assert_eq!(checkout.map(|s| (s.downtime, s.unresolved)), Some((150, 0)));
    // Payments: B 30 → 90; D is open, so left out and counted as unresolved.
    let payments = f.service("payments");
    assert_eq!(payments.map(|s| (s.downtime, s.unresolved)), Some((60, 1)));
    // One incident alone: its downtime is the review's impact span.
    let a = &fleet[0];
    let alone = figures_of(std::slice::from_ref(a), &week_scope(false), &clocks());
    let impact = facts(a)
        .spans()
        .into_iter()
        .find(|(s, _)| *s == Span::Impact);
    assert_eq!(
        alone.service("checkout").map(|s| s.downtime),
        impact.map(|(_, m)| m)
    );
    // A spell inside another adds nothing; spells that only touch join.
    let inside = Build::new(11, 10, &spec(Priority::P1, Category::Network, CHECKOUT))
        .resolved(11, 12, 20)
        .done();
    let touching = Build::new(12, 230, &spec(Priority::P1, Category::Network, CHECKOUT))
        .resolved(231, 232, 240)
        .done();
    let more = [fleet[0].clone(), fleet[2].clone(), inside, touching];
    let f = figures_of(&more, &week_scope(false), &clocks());
    assert_eq!(f.service("checkout").map(|s| s.downtime), Some(90 + 40));
}

#[test]
fn a_service_named_twice_by_one_incident_counts_once() {
    // Commands keep one spelling of a service; a hand-made file may not.
    let a = fleet().swap_remove(0);
    let mut events = a.events().to_vec();
    for event in &mut events {
        if let Change::Declared(declaration) = &event.change {
            let twice = Declaration {
                services: vec!["checkout".into(), "CHECKOUT".into()],
                ..(**declaration).clone()
            };
            event.change = Change::Declared(Box::new(twice));
        }
    }
    let twice = support::replayed(&a, events);
    assert_eq!(twice.services.len(), 2);
    let f = figures_of(&[twice], &week_scope(false), &clocks());
    assert_eq!(
        f.services
            .iter()
            .map(|s| (s.name.as_str(), s.incidents, s.downtime))
            .collect::<Vec<_>>(),
        [("CHECKOUT", 1, 90)]
    );
}

#[test]
fn cost_is_shown_only_where_a_rate_is_set() {
    let fleet = fleet();
    let rates = BTreeMap::from([("Checkout".to_string(), 600), ("dns".to_string(), 50)]);
    let f = figures(&fleet, &week_scope(false), &clocks(), &rates, today());
    assert_eq!(
        f.service("checkout").and_then(|s| s.cost),
        Some(1500),
        "150 minutes at 600 an hour"
    );
    assert_eq!(f.service("payments").map(|s| s.cost), Some(None));
    assert_eq!(f.service("search").map(|s| s.cost), Some(None));
    assert!(f.service("dns").is_none(), "a rate makes no service");
    // Rounded to the nearest unit: 1 minute at 100 an hour is 1.67, so 2; at 89, 1.48, so 1.
    let one = Build::new(9, 0, &spec(Priority::P1, Category::Network, &["api"]))
        .resolved(0, 0, 1)
        .done();
    let cost_at = |rate: u64| {
        let rates = BTreeMap::from([("API".to_string(), rate)]);
        let f = figures(
            std::slice::from_ref(&one),
            &week_scope(false),
            &clocks(),
            &rates,
            today(),
        );
        f.service("api").and_then(|s| s.cost)
    };
    assert_eq!(cost_at(100), Some(2));
    assert_eq!(cost_at(89), Some(1));
    assert_eq!(cost_at(0), Some(0));
    // Two rates for one name (ignoring case): no guess.
    let rates = BTreeMap::from([("checkout".to_string(), 600), ("CHECKOUT".to_string(), 60)]);
    let f = figures(&fleet, &week_scope(false), &clocks(), &rates, today());
    assert_eq!(f.service("checkout").map(|s| s.cost), Some(None));
    // The same rate under two spellings is one rate.
    let rates = BTreeMap::from([("checkout".to_string(), 600), ("CHECKOUT".to_string(), 600)]);
    let f = figures(&fleet, &week_scope(false), &clocks(), &rates, today());
    assert_eq!(f.service("checkout").and_then(|s| s.cost), Some(1500));
}

#[test]
fn targets_met_and_breached_per_priority() {
    let fleet = fleet();
    let f = figures_of(&fleet, &week_scope(false), &clocks());
    let counts = |met, breached| TargetCounts { met, breached };
    let p1 = f.target(Priority::P1);
    assert_eq!(
        p1.kind(TargetKind::Acknowledge),
        counts(1, 1),
        "A met, B late"
    );
    assert_eq!(p1.kind(TargetKind::Resolve), counts(2, 0));
    assert_eq!(p1.incidents_breached, 1);
    let p2 = f.target(Priority::P2);
    assert_eq!(
        p2.kind(TargetKind::Acknowledge),
        counts(1, 1),
        "C met, D late"
    );
    assert_eq!(p2.kind(TargetKind::Resolve), counts(1, 1), "D breached");
    assert_eq!(p2.incidents_breached, 1, "D once for its two breaches");
    assert_eq!(
        f.target(Priority::P3).kind(TargetKind::Resolve),
        counts(1, 0)
    );
    // Earlier, D's resolve target (250 + 480) still runs and counts in neither.
    let early = figures_of(&fleet, &week_scope(false), &Clocks::from(at(700)));
    assert_eq!(
        early.target(Priority::P2).kind(TargetKind::Resolve),
        counts(1, 0)
    );
    assert_eq!(early.target(Priority::P2).incidents_breached, 1, "D's ack");
}

fn post(audience: Audience) -> Command {
    Command::Comms(CommsCommand::Post(NewUpdate {
        audience,
        template: None,
        text: "Still on it.".into(),
        corrects: None,
    }))
}

#[test]
fn updates_on_cadence_are_gaps_no_longer_than_the_cadence() {
    // Internal every 30 minutes for P1; executives every 60; nobody else.
    let mut cadence = Cadence([[None; 3]; 5]);
    cadence.0[0] = [Some(30), Some(60), None];
    let clocks = Clocks {
        now: at(1000),
        cadence,
        targets: Targets::default(),
    };
    // Resolved at 100. Internal: 0 → 30 (30, on time), 30 → 75 (45, late), 75 → 100 (25, on
    // time); the update at 130 comes after the end. Executives: 0 → 100 (late).
    let resolved = Build::new(1, 0, &spec(Priority::P1, Category::Network, CHECKOUT))
        .then(30, post(Audience::Internal))
        .then(75, post(Audience::Internal))
        .then(76, post(Audience::Customers))
        .resolved(80, 90, 100)
        .then(130, post(Audience::Internal))
        .done();
    let f = figures_of(std::slice::from_ref(&resolved), &week_scope(false), &clocks);
    assert_eq!(f.cadence(Priority::P1), Share { on_time: 2, all: 4 });
    // Open at now (1000), so its last gap runs to now. Internal: 900 → 920 (20), 920 → 950
    // (30), 950 → 1000 (50, late); executives: 900 → 951 (51), 951 → 1000 (49).
    let open = Build::new(2, 900, &spec(Priority::P1, Category::Network, CHECKOUT))
        .then(920, post(Audience::Internal))
        .then(950, post(Audience::Internal))
        .then(951, post(Audience::Executive))
        .done();
    let f = figures_of(std::slice::from_ref(&open), &week_scope(false), &clocks);
    assert_eq!(f.cadence(Priority::P1), Share { on_time: 4, all: 5 });
    let f = figures_of(&[resolved, open], &week_scope(false), &clocks);
    assert_eq!(f.cadence(Priority::P1), Share { on_time: 6, all: 9 });
    assert_eq!(f.cadence(Priority::P2), Share::default());
    // An update at the minute of resolution closes the last gap: no empty gap follows it. Internal
    // 0 → 20 (on time); executives 0 → 20 (on time).
    let at_end = Build::new(3, 0, &spec(Priority::P1, Category::Network, CHECKOUT))
        .then(20, post(Audience::Internal))
        .resolved(20, 20, 20)
        .done();
    let f = figures_of(std::slice::from_ref(&at_end), &week_scope(false), &clocks);
    assert_eq!(f.cadence(Priority::P1), Share { on_time: 2, all: 2 });
}

#[test]
fn notification_duties_by_how_they_stand() {
    let def = |id: &str| match duties::defaults().into_iter().find(|d| d.id == id) {
        Some(def) => def,
        None => panic!("{id} is shipped"),
    };
    let b = Build::new(1, 0, &spec(Priority::P1, Category::Security, CHECKOUT));
    let id = |def_id: &str| duty_id(b.incident.id(), def_id);
    let (gdpr, early, sec) = (
        id("gdpr-breach"),
        id("nis2-early-warning"),
        id("sec-8k-105"),
    );
    let done = |duty, minute| {
        Command::Duties(DutyCommand::Done {
            duty,
            by: "Ana".into(),
            at: at(minute),
            reference: String::new(),
        })
    };
    let start = |def_id: &str| Command::Duties(DutyCommand::Start(def(def_id), Some(at(0))));
    let incident = b
        .then(1, start("gdpr-breach"))
        .then(2, start("nis2-early-warning"))
        .then(3, start("sec-8k-105"))
        .then(4, start("nis2-notification"))
        .then(
            5,
            Command::Duties(DutyCommand::Start(def("nis2-final-report"), None)),
        )
        .then(60, done(gdpr, 60))
        .then(25 * 60, done(early, 25 * 60))
        .then(
            25 * 60,
            Command::Duties(DutyCommand::Waive(sec, "Not material".into())),
        )
        .done();
    let f = figures_of(
        std::slice::from_ref(&incident),
        &week_scope(false),
        &Clocks::from(at(26 * 60)),
    );
    let d = f.duties;
    assert_eq!(
        (d.done_on_time, d.done_late, d.waived, d.running, d.overdue),
        (1, 1, 1, 2, 0),
        "the notification runs; the final report waits for it"
    );
    // In the last quarter of its 72 hours, the notification is still owed, not overdue.
    let closing = figures_of(
        std::slice::from_ref(&incident),
        &week_scope(false),
        &Clocks::from(at(60 * 60)),
    );
    assert_eq!((closing.duties.running, closing.duties.overdue), (2, 0));
    let later = figures_of(&[incident], &week_scope(false), &Clocks::from(at(80 * 60)));
    assert_eq!(
        (later.duties.running, later.duties.overdue),
        (1, 1),
        "72 hours passed"
    );
}

fn add(title: &str, kind: ActionKind, due: Option<NaiveDate>) -> Command {
    Command::Actions(ActionCommand::Add(NewAction {
        title: title.into(),
        kind,
        owner: String::new(),
        due,
    }))
}

fn set(incident: &Incident, title: &str, state: ActionState) -> Command {
    let action = incident
        .parts()
        .actions
        .list()
        .into_iter()
        .find(|a| a.title == title);
    match action {
        Some(a) => Command::Actions(ActionCommand::Set(a.id, state, "Not worth it".into())),
        None => panic!("no action {title}"),
    }
}

#[test]
fn follow_ups_open_overdue_and_done_per_month_by_kind() {
    let december = minute_of(day(2026, 12, 1), 60);
    let mut b = Build::new(1, 0, &spec(Priority::P1, Category::Network, CHECKOUT))
        .resolved(1, 2, 3)
        .then(10, add("Alert sooner", ActionKind::Detective, None))
        .then(11, add("Fix the pool", ActionKind::Corrective, None))
        .then(12, add("Retire the pool", ActionKind::Preventive, None))
        .then(
            13,
            add(
                "Rotate keys",
                ActionKind::Corrective,
                Some(day(2026, 12, 2)),
            ),
        )
        .then(14, add("Write it up", ActionKind::Preventive, None))
        .then(15, add("Drop it", ActionKind::Detective, None))
        .then(16, add("Tune the cache", ActionKind::Corrective, None));
    for (title, minute, state) in [
        ("Fix the pool", 100, ActionState::Done),
        ("Alert sooner", december, ActionState::Done),
        ("Retire the pool", december + 1, ActionState::Done),
        ("Drop it", 101, ActionState::WontDo),
        ("Tune the cache", 102, ActionState::Done),
        ("Tune the cache", 103, ActionState::Open),
    ] {
        let command = set(&b.incident, title, state);
        b = b.then(minute, command);
    }
    // Retitled in December: the done outcome still dates from November.
    let fix = b
        .incident
        .parts()
        .actions
        .list()
        .into_iter()
        .find(|a| a.title == "Fix the pool")
        .map(|a| a.id);
    let Some(fix) = fix else {
        panic!("the action is there")
    };
    let incident = b
        .then(
            december + 2,
            Command::Actions(ActionCommand::Retitle(fix, "Fix the pools".into())),
        )
        .done();
    let f = figures_of(
        std::slice::from_ref(&incident),
        &week_scope(false),
        &clocks(),
    );
    let fu = &f.follow_ups;
    // Kinds in ActionKind::ALL order: corrective, preventive, detective.
    assert_eq!(
        fu.open,
        [2, 1, 0],
        "rotate keys and tune the cache; write it up"
    );
    assert_eq!(fu.overdue, [1, 0, 0], "rotate keys was due on 2 December");
    let november = Month {
        year: 2026,
        month: 11,
    };
    let december = Month {
        year: 2026,
        month: 12,
    };
    assert_eq!(
        fu.done.iter().map(|(m, k)| (*m, *k)).collect::<Vec<_>>(),
        [(november, [1, 0, 0]), (december, [0, 1, 1])],
        "tune the cache was reopened; drop it is won't do"
    );
    let on_the_second = figures(
        std::slice::from_ref(&incident),
        &week_scope(false),
        &clocks(),
        &BTreeMap::new(),
        day(2026, 12, 2),
    );
    assert_eq!(on_the_second.follow_ups.overdue, [0, 0, 0], "due today");
    // An incident out of scope brings no actions.
    let later = Scope::days(day(2026, 12, 1), day(2026, 12, 31), false);
    let f = figures_of(std::slice::from_ref(&incident), &later, &clocks());
    assert_eq!(f.follow_ups.open, [0, 0, 0]);
}

#[test]
fn the_range_holds_its_first_instant_and_not_the_one_after_its_last_day() {
    let scope = Scope::days(day(2026, 11, 27), day(2026, 11, 28), false);
    let midnight = |d: NaiveDate| d.and_time(chrono::NaiveTime::MIN).and_utc();
    assert_eq!(scope.from(), midnight(day(2026, 11, 27)));
    assert_eq!(scope.to(), Some(midnight(day(2026, 11, 29))));
    let reported = |n: u32, when: DateTime<Utc>| {
        let minute = (when - at(0)).num_minutes();
        Build::new(n, minute, &spec(Priority::P3, Category::Other, &["x"])).done()
    };
    let second = TimeDelta::seconds(1);
    let at_from = reported(1, scope.from());
    let last_minute = reported(3, midnight(day(2026, 11, 29)) - TimeDelta::minutes(1));
    let at_to = reported(4, midnight(day(2026, 11, 29)));
    let just_before = {
        // Reported a second before the first instant: declared with that exact time.
        let draft_ctx = sitrep::domain::CommandContext::new(
            scope.from() - second,
            "Noc",
            uuid::Uuid::from_u128(99 << 40),
        );
        let Ok(incident) = declare(
            Draft {
                title: "Just before".into(),
                description: String::new(),
                category: Category::Other,
                services: vec!["x".into()],
                impact: Level::Low,
                urgency: Level::Low,
                priority_override: None,
                impact_started_at: scope.from() - second,
                reported_by: "Noc".into(),
                kind: IncidentKind::Real,
            },
            99,
            &draft_ctx,
        ) else {
            panic!("declared")
        };
        incident
    };
    assert_eq!(at_from.reported_at, scope.from());
    let all = [at_from, last_minute, at_to, just_before];
    let f = figures_of(&all, &scope, &clocks());
    assert_eq!(
        f.counts.incidents, 2,
        "the first instant and the last minute"
    );
    for (incident, inside) in all.iter().zip([true, true, false, false]) {
        assert_eq!(scope.contains(incident), inside, "{}", incident.reference);
        let listed = queue([incident], &scope.filter(&Figure::Incidents), clocks()).len();
        assert_eq!(listed, usize::from(inside), "{}", incident.reference);
    }
    // The last 2 days at any time of the 28th: the 27th and the 28th.
    let recent = Scope::last_days(midnight(day(2026, 11, 28)) + TimeDelta::hours(15), 2, true);
    assert_eq!(
        (recent.first_day(), recent.last_day(), recent.drills()),
        (day(2026, 11, 27), day(2026, 11, 28), true)
    );
    let today_only = Scope::last_days(midnight(day(2026, 11, 28)), 0, false);
    assert_eq!(today_only.first_day(), today_only.last_day());
    // Backwards: nothing.
    let backwards = Scope::days(day(2026, 11, 28), day(2026, 11, 27), false);
    assert_eq!(figures_of(&all, &backwards, &clocks()).counts.incidents, 0);
}

#[test]
fn weeks_run_monday_to_sunday_for_twelve_weeks_ending_with_the_last_day() {
    let scope = week_scope(false); // last day Wednesday 2 December
    assert_eq!(monday_of(day(2026, 12, 2)), day(2026, 11, 30));
    assert_eq!(monday_of(day(2026, 11, 30)), day(2026, 11, 30));
    assert_eq!(monday_of(day(2026, 12, 6)), day(2026, 11, 30));
    let first_monday = day(2026, 9, 14);
    let net = spec(Priority::P1, Category::Network, CHECKOUT);
    let at_day = |d: NaiveDate, minutes: i64| minute_of(d, minutes);
    let incidents = vec![
        // The first instant of the first week.
        Build::new(1, at_day(first_monday, 0), &net).done(),
        // The Sunday before: outside the twelve weeks.
        Build::new(2, at_day(day(2026, 9, 13), 23 * 60), &net).done(),
        // Before the range but within the weeks: counted in its week, resolved in 30 and 90.
        Build::new(3, at_day(day(2026, 10, 1), 0), &net)
            .resolved(
                at_day(day(2026, 10, 1), 1),
                at_day(day(2026, 10, 1), 2),
                at_day(day(2026, 10, 1), 30),
            )
            .done(),
        Build::new(4, at_day(day(2026, 10, 4), 60), &net)
            .resolved(
                at_day(day(2026, 10, 4), 61),
                at_day(day(2026, 10, 4), 62),
                at_day(day(2026, 10, 4), 150),
            )
            .done(),
        // The last week, and the week before it.
        Build::new(5, at_day(day(2026, 11, 30), 0), &net).done(),
        Build::new(6, at_day(day(2026, 11, 29), 23 * 60 + 59), &net).done(),
    ];
    let f = figures_of(&incidents, &scope, &clocks());
    assert_eq!(f.weeks.len(), WEEKS);
    let starts: Vec<NaiveDate> = f.weeks.iter().map(|w| w.start).collect();
    assert_eq!(starts.first(), Some(&first_monday));
    assert_eq!(starts.last(), Some(&day(2026, 11, 30)));
    assert!(starts.windows(2).all(|w| w[1] - w[0] == TimeDelta::days(7)));
    let counts: Vec<usize> = f.weeks.iter().map(|w| w.incidents).collect();
    assert_eq!(counts, [1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    let october = &f.weeks[2];
    assert_eq!(october.start, day(2026, 9, 28));
    assert_eq!(
        october.resolve,
        Some(Stat {
            count: 2,
            median: 60,
            p90: 90
        }),
        "resolves of the week's reports: 30 and 90"
    );
    assert_eq!(f.weeks[11].resolve, None);
    assert_eq!(f.counts.incidents, 2, "only the last two are in the range");
}

/// Every figure that leads to the queue, for a scope and these figures.
fn linked_figures(f: &Figures) -> Vec<Figure> {
    let mut list = vec![
        Figure::Incidents,
        Figure::Cancelled,
        Figure::Reopened,
        Figure::AnyBreached,
    ];
    list.extend(State::ALL.map(Figure::State));
    list.extend(Priority::ALL.map(Figure::Priority));
    list.extend(Priority::ALL.map(Figure::Breached));
    list.extend(Category::ALL.map(Figure::Category));
    list.extend(
        ["checkout", "PAYMENTS", "search", "nothing"].map(|s| Figure::Service(s.to_string())),
    );
    list.extend(f.weeks.iter().map(|w| Figure::Week(w.start)));
    list
}

#[test]
fn the_queue_filter_of_each_figure_lists_as_many_incidents_as_it_counts() {
    let mut incidents = fleet();
    // One a week earlier (in the weeks, not the range) and one after the range, in its last week.
    let net = spec(Priority::P1, Category::Network, CHECKOUT);
    incidents.push(
        Build::new(20, -7 * 1440, &net)
            .resolved(-7 * 1440 + 20, -7 * 1440 + 25, -7 * 1440 + 30)
            .done(),
    );
    incidents.push(Build::new(21, 10 * 1440, &net).done());
    // And one at the first instant of a week, which the week before must not list.
    incidents.push(Build::new(22, minute_of(day(2026, 11, 30), 0), &net).done());
    // And one closed, which the figures count like any other.
    incidents.push(
        Build::new(23, 60, &net)
            .resolved(61, 62, 63)
            .then(64, move_to(State::Closed))
            .done(),
    );
    let clocks = clocks();
    for scope in [
        week_scope(false),
        week_scope(true),
        Scope::last_days(at(0), 30, false),
    ] {
        let f = figures_of(&incidents, &scope, &clocks);
        for figure in linked_figures(&f) {
            let filter = scope.filter(&figure);
            let listed = queue(&incidents, &filter, clocks).len();
            assert_eq!(
                Some(listed),
                f.count(&figure),
                "{figure:?} with {scope:?}: {filter:?}"
            );
            // The link survives the URL.
            let query: Vec<String> = filter
                .to_pairs()
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            assert_eq!(Filter::from_query(&query.join("&")), filter);
        }
    }
    // The figures are not all zero: the agreement means something.
    let f = figures_of(&incidents, &week_scope(false), &clocks);
    assert_eq!(f.count(&Figure::Breached(Priority::P1)), Some(1));
    assert_eq!(f.count(&Figure::AnyBreached), Some(2));
    assert_eq!(f.count(&Figure::Reopened), Some(1));
    assert_eq!(f.count(&Figure::Service("checkout".into())), Some(5));
    assert_eq!(f.count(&Figure::State(State::Closed)), Some(1));
    assert_eq!(f.count(&Figure::Week(day(2026, 11, 19))), Some(1));
    assert_eq!(f.count(&Figure::Week(day(2026, 1, 1))), None);
}

#[test]
fn the_new_filter_fields_read_back_from_the_url_and_absent_ones_keep_the_queue_as_it_was() {
    let filter = Filter {
        from: Some(day(2026, 1, 31)),
        to: Some(day(2026, 12, 31)),
        breached: true,
        reopened: true,
        drills: Some(true),
        no_cancelled: true,
        ..Filter::default()
    };
    let pairs = filter.to_pairs();
    assert_eq!(
        pairs,
        [
            ("from", "2026-01-31".to_string()),
            ("to", "2026-12-31".to_string()),
            ("breached", "1".to_string()),
            ("reopened", "1".to_string()),
            ("drills", "1".to_string()),
            ("cancelled", "0".to_string()),
        ]
    );
    assert_eq!(
        Filter::from_query(
            "?from=2026-01-31&to=2026-12-31&breached=1&reopened=1&drills=1&cancelled=0"
        ),
        filter
    );
    assert!(!filter.is_empty());
    assert!(filter.needs_clock(), "a breach comes with time");
    for damaged in [
        "from=2026-02-30",
        "to=yesterday",
        "from=26-1-1",
        "drills=yes",
        "breached=0",
        "cancelled=1",
        "reopened=",
    ] {
        assert_eq!(Filter::from_query(damaged), Filter::default(), "{damaged}");
    }
    // No new field: drills listed with real incidents, as the queue always has.
    let fleet = fleet();
    let everything = Filter {
        include_closed: true,
        ..Filter::default()
    };
    assert_eq!(queue(&fleet, &everything, clocks()).len(), 7);
    let real = Filter {
        drills: Some(false),
        ..everything.clone()
    };
    assert_eq!(queue(&fleet, &real, clocks()).len(), 6);
    let said = Filter {
        drills: Some(true),
        ..everything.clone()
    };
    assert_eq!(queue(&fleet, &said, clocks()).len(), 7);
    let kept = Filter {
        no_cancelled: true,
        ..everything
    };
    assert_eq!(queue(&fleet, &kept, clocks()).len(), 6);
}

#[test]
fn the_dashboard_url_names_its_range_and_drills_and_falls_back_on_the_last_90_days() {
    let now = at(0); // Thursday 26 November 2026, 09:00 UTC
    let default = Scope::from_query("", now);
    assert_eq!(
        default,
        Scope::days(day(2026, 8, 29), day(2026, 11, 26), false)
    );
    assert_eq!(default.day_count(), 90);
    let asked = Scope::from_query("?from=2026-09-01&to=2026-11-29&drills=1", now);
    assert_eq!(asked, Scope::days(day(2026, 9, 1), day(2026, 11, 29), true));
    assert!(asked.drills() && !default.drills());
    assert_eq!(
        asked.to_pairs(),
        [
            ("from", "2026-09-01".to_string()),
            ("to", "2026-11-29".to_string()),
            ("drills", "1".to_string())
        ]
    );
    // What the URL writes reads back the same.
    let written = sitrep::domain::search::query_string(&asked.to_pairs());
    assert_eq!(Scope::from_query(&written, now), asked);
    // One end alone: the other is the default's.
    assert_eq!(
        Scope::from_query("to=2026-10-30", now),
        Scope::days(day(2026, 8, 2), day(2026, 10, 30), false)
    );
    assert_eq!(
        Scope::from_query("from=2026-11-01", now),
        Scope::days(day(2026, 11, 1), day(2026, 11, 26), false)
    );
    // Ends the wrong way round are swapped; malformed ones fall back; only drills=1 counts them.
    assert_eq!(
        Scope::from_query("from=2026-11-10&to=2026-11-01&drills=0", now),
        Scope::days(day(2026, 11, 1), day(2026, 11, 10), false)
    );
    assert_eq!(
        Scope::from_query("from=2026-13-01&to=soon&drills=yes", now),
        default
    );
    assert_eq!(
        Scope::days(day(2026, 11, 2), day(2026, 11, 1), false).day_count(),
        0
    );
    assert_eq!(
        Scope::days(day(2026, 11, 1), day(2026, 11, 1), false).day_count(),
        1
    );
}

#[test]
fn the_follow_ups_link_of_each_kind_lists_the_open_actions_the_figure_counts() {
    use sitrep::domain::actions::{follow_ups, FollowUpFilter};
    let net = spec(Priority::P1, Category::Network, CHECKOUT);
    let drill = Spec {
        kind: IncidentKind::Drill,
        ..net.clone()
    };
    let with_actions = |n: u32, minute: i64, spec: &Spec| {
        Build::new(n, minute, spec)
            .resolved(minute + 1, minute + 2, minute + 3)
            .then(minute + 4, add("Alert sooner", ActionKind::Detective, None))
            .then(
                minute + 5,
                add("Fix the pool", ActionKind::Corrective, None),
            )
    };
    let incidents = vec![
        with_actions(1, 0, &net).done(),
        with_actions(2, 60, &drill).done(),
        with_actions(6, 90, &net).done(),
        // Before the range: its actions are not counted, nor listed.
        with_actions(3, -20 * 1440, &net).done(),
        // After the range: likewise.
        with_actions(4, 20 * 1440, &net).done(),
        // Reopened, then cancelled: counted apart, so its actions are neither.
        with_actions(5, 120, &net)
            .walk(&[(State::Investigating, 130), (State::Cancelled, 140)])
            .done(),
    ];
    let clocks = clocks();
    for drills in [false, true] {
        let scope = week_scope(drills);
        let f = figures_of(&incidents, &scope, &clocks);
        for kind in ActionKind::ALL {
            let filter = scope.follow_ups(Some(kind));
            let listed = follow_ups(&incidents, &filter).len();
            assert_eq!(
                Some(listed),
                f.follow_ups.open.get(kind as usize).copied(),
                "{kind:?}, drills {drills}"
            );
            assert_eq!(
                sitrep::domain::metrics::per_kind(&f.follow_ups.open, kind),
                listed,
                "what the dashboard reads for {kind:?}"
            );
            let query: Vec<String> = filter
                .to_query()
                .into_iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            assert_eq!(FollowUpFilter::from_query(&query.join("&")), filter);
            assert!(filter.narrows_incidents());
        }
        let corrective = f
            .follow_ups
            .open
            .get(ActionKind::Corrective as usize)
            .copied();
        assert_eq!(corrective, Some(if drills { 3 } else { 2 }));
    }
    // A plain follow-ups filter lists every incident's actions, as the page always has.
    assert!(!FollowUpFilter::default().narrows_incidents());
    assert_eq!(follow_ups(&incidents, &FollowUpFilter::default()).len(), 12);
    // Each of the dashboard's criteria alone narrows the list, and the page says so.
    let narrowed = [
        FollowUpFilter {
            from: Some(day(2026, 11, 26)),
            ..FollowUpFilter::default()
        },
        FollowUpFilter {
            to: Some(day(2026, 11, 26)),
            ..FollowUpFilter::default()
        },
        FollowUpFilter {
            real_only: true,
            ..FollowUpFilter::default()
        },
        FollowUpFilter {
            no_cancelled: true,
            ..FollowUpFilter::default()
        },
    ];
    assert!(narrowed.iter().all(FollowUpFilter::narrows_incidents));
}

#[test]
fn a_reopened_incident_worked_again_is_unresolved_and_keeps_its_first_spell() {
    let again = Build::new(1, 0, &spec(Priority::P3, Category::Data, &["search"]))
        .resolved(10, 20, 30)
        .walk(&[(State::Investigating, 40)])
        .done();
    let f = figures_of(&[again], &week_scope(false), &clocks());
    let search = f.service("search");
    assert_eq!(search.map(|s| (s.downtime, s.unresolved)), Some((30, 1)));
}

#[test]
fn a_range_longer_than_the_weeks_counts_its_incidents_before_them() {
    // 120 days up to 2 December: the twelve weeks start on 9 September; an incident of
    // 10 August is in the range and out of the weeks.
    let scope = Scope::days(day(2026, 8, 5), day(2026, 12, 2), false);
    let early = Build::new(
        1,
        minute_of(day(2026, 8, 10), 600),
        &spec(Priority::P2, Category::Data, &["db"]),
    )
    .resolved(
        minute_of(day(2026, 8, 10), 610),
        minute_of(day(2026, 8, 10), 620),
        minute_of(day(2026, 8, 10), 630),
    )
    .done();
    let f = figures_of(std::slice::from_ref(&early), &scope, &clocks());
    assert_eq!(f.counts.incidents, 1);
    assert_eq!(
        f.times.overall.get(Span::Resolve).map(|s| s.median),
        Some(30)
    );
    assert!(f.weeks.iter().all(|w| w.incidents == 0));
}
