//! Shared helpers of the native tests: times, contexts, sample incidents built by commands,
//! random histories (copies of one incident that went their own ways), files, error checks.
#![cfg(not(target_arch = "wasm32"))]
#![allow(dead_code)]

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use serde_json::{json, Value};
use uuid::Uuid;

use sitrep::domain::commands::{
    declare, AddNote, AssessmentCommand, EditDetails, RoleCommand, Transition,
};
use sitrep::domain::notes::NoteEvent;
use sitrep::domain::resolution::{ResolutionCommand, ResolutionDraft, ResolutionKind};
use sitrep::domain::roles::Role;
use sitrep::domain::{
    execute, Category, Change, Command, CommandContext, Declaration, Draft, Event, Incident,
    IncidentKind, Level, Log, Priority, PriorityOverride, State,
};
use sitrep::transfer::ImportError;

/// A fixed instant plus `minutes`.
pub fn at(minutes: i64) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 9, 0, 0)
        .single()
        .unwrap_or_default()
        + Duration::minutes(minutes)
}

/// A deterministic id from two numbers.
pub fn uuid(high: u64, low: u64) -> Uuid {
    Uuid::from_u64_pair(high, low)
}

/// A command context at `minute` for `actor`, with a version-4 seed made from `n`.
pub fn ctx(minute: i64, actor: &str, n: u128) -> CommandContext {
    let seed = uuid::Builder::from_random_bytes(n.to_be_bytes()).into_uuid();
    CommandContext::new(at(minute), actor, seed)
}

/// Runs a command that must be accepted.
pub fn act(incident: &Incident, command: Command, minute: i64, actor: &str, n: u128) -> Incident {
    match execute(incident, command, &ctx(minute, actor, n)) {
        Ok(next) => next,
        Err(error) => panic!("{error}"),
    }
}

/// A note command.
pub fn note(text: &str) -> Command {
    Command::Notes(AddNote {
        text: text.into(),
        at: None,
    })
}

/// A command that sets the title and keeps the other details.
pub fn set_title(incident: &Incident, title: &str) -> Command {
    Command::Details(EditDetails {
        title: title.into(),
        description: incident.description.clone(),
        category: incident.category,
        services: incident.services.clone(),
    })
}

/// A command that gives incident command to `name` (or hands it over).
pub fn commander(name: &str) -> Command {
    Command::Roles(RoleCommand::Assign {
        role: Role::Commander,
        person: name.into(),
    })
}

/// Writes incidents as a Sitrep file, as the app does; a failure to write fails the test.
pub fn export<'a>(incidents: impl IntoIterator<Item = &'a Incident>, now: DateTime<Utc>) -> String {
    sitrep::transfer::export(incidents, now).expect("the file is written")
}

/// Writes incidents and scenarios as a Sitrep file, as the app does.
pub fn export_with_scenarios<'a>(
    incidents: impl IntoIterator<Item = &'a Incident>,
    scenarios: &[Value],
    now: DateTime<Utc>,
) -> String {
    sitrep::transfer::export_with_scenarios(incidents, scenarios, now).expect("the file is written")
}

/// A command that moves the incident to `state` (refused for resolved: see [`resolve`]).
pub fn transition(state: State) -> Command {
    Command::Lifecycle(Transition(state))
}

/// A command that resolves the incident by a fix, with `summary`.
pub fn resolve(summary: &str) -> Command {
    Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
        kind: ResolutionKind::Fix,
        escalated_to: String::new(),
        summary: summary.into(),
    }))
}

/// The command that moves the incident to `state`: resolving goes with a record of a fix.
/// Closing goes through the review gate with a logged reason for having no review, as a person
/// closing an incident that needs none would.
pub fn move_to(state: State) -> Command {
    match state {
        State::Resolved => resolve("Restarted the failing nodes"),
        State::Closed => Command::Review(sitrep::domain::review::ReviewCommand::CloseWithout(
            "A test walk: no review needed".into(),
        )),
        other => transition(other),
    }
}

/// The common ancestor of the merge cases: a network incident declared at minute 0 by Noc.
pub fn ancestor() -> Incident {
    let draft = Draft {
        title: "DNS resolution failing".into(),
        description: "Internal names do not resolve".into(),
        category: Category::Network,
        services: vec!["dns".into()],
        impact: Level::Medium,
        urgency: Level::Medium,
        priority_override: None,
        impact_started_at: at(-5),
        reported_by: "Noc".into(),
        kind: IncidentKind::Real,
    };
    match declare(draft, 42, &ctx(0, "Noc", 1)) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    }
}

/// The draft of incident number `n`.
pub fn draft(n: u32) -> Draft {
    Draft {
        title: format!("Checkout errors in region {n}"),
        description: "Customers see HTTP 502 when paying; about 4% of orders fail.".into(),
        category: Category::ALL[n as usize % Category::ALL.len()],
        services: vec!["checkout".into(), "payments".into()],
        impact: Level::High,
        urgency: Level::Medium,
        priority_override: n.is_multiple_of(5).then(|| PriorityOverride {
            priority: Priority::P1,
            reason: "Black Friday traffic".into(),
        }),
        impact_started_at: at(-30),
        reported_by: "Support desk".into(),
        kind: if n.is_multiple_of(7) {
            IncidentKind::Drill
        } else {
            IncidentKind::Real
        },
    }
}

/// A realistic incident `INC-{n:04}` worked by commands into `events` events.
pub fn incident(n: u32, events: usize) -> Incident {
    let seed = u128::from(n) << 32;
    let Ok(mut current) = declare(draft(n), n, &ctx(0, "Ana", seed)) else {
        panic!("the sample draft is valid");
    };
    let mut k = 1;
    while current.events().len() < events {
        let minute = k as i64;
        let command = match k % 4 {
            0 => match current.state.next_states().first() {
                Some(next) if *next != State::Cancelled => move_to(*next),
                _ => note(&format!("Still watching ({k})")),
            },
            1 => note(&format!(
                "Checked the load balancer pool {k}; 3 of 8 nodes fail health checks."
            )),
            2 => commander(&format!("Bo {k}")),
            _ => Command::Details(EditDetails {
                title: current.title.clone(),
                description: current.description.clone(),
                category: current.category,
                services: vec!["checkout".into(), format!("payments-{k}")],
            }),
        };
        current = act(&current, command, minute, "Ana", seed + k as u128);
        k += 1;
    }
    current
}

/// `incident` (open, not resolved) with an event of every kind of the communication, targets and
/// duties parts, written from `minute` on: an update to the responders and a correction of it, one
/// to customers, the customers' title and the status-page flag, a breach of every target not met
/// yet (all targets one minute), the NIS2 notification started, re-dated and done with its final
/// report waiting on it, and the GDPR duty started, waived and reopened.
pub fn with_comms_and_duties(incident: &Incident, minute: i64) -> Incident {
    use sitrep::domain::comms::{Audience, CommsCommand, NewUpdate, TemplateKind};
    use sitrep::domain::duties::{self, duty_id, DutyCommand};
    use sitrep::domain::targets::Targets;
    let def = |id: &str| match duties::defaults().into_iter().find(|d| d.id == id) {
        Some(def) => def,
        None => panic!("{id} is a shipped duty"),
    };
    let post = |audience, template, text: &str, corrects| {
        Command::Comms(CommsCommand::Post(NewUpdate {
            audience,
            template,
            text: text.into(),
            corrects,
        }))
    };
    let mut current = act(
        incident,
        post(
            Audience::Internal,
            Some(TemplateKind::Initial),
            "We are looking into failed card payments.",
            None,
        ),
        minute + 1,
        "Ana",
        7_001,
    );
    let first = current.parts().comms.updates()[0].id;
    let notification = duty_id(current.id(), "nis2-notification");
    let gdpr = duty_id(current.id(), "gdpr-breach");
    let commands = [
        post(
            Audience::Internal,
            Some(TemplateKind::Can),
            "Correction: only card payments in the EU fail.",
            Some(first),
        ),
        post(
            Audience::Customers,
            None,
            "Some card payments fail; we are on it.",
            None,
        ),
        Command::Comms(CommsCommand::SetPublicTitle(
            "Card payments degraded".into(),
        )),
        Command::Comms(CommsCommand::SetPublic(true)),
        Command::RecordBreaches(Targets([[Some(1); 2]; 5])),
        Command::Duties(DutyCommand::Start(def("nis2-notification"), None)),
        Command::Duties(DutyCommand::Start(def("nis2-final-report"), None)),
        Command::Duties(DutyCommand::SetClock(notification, at(minute))),
        Command::Duties(DutyCommand::Done {
            duty: notification,
            by: "Ana".into(),
            at: at(minute + 9),
            reference: "CSIRT-2026-118".into(),
        }),
        Command::Duties(DutyCommand::Start(def("gdpr-breach"), None)),
        Command::Duties(DutyCommand::Waive(gdpr, "No personal data involved".into())),
        Command::Duties(DutyCommand::Reopen(gdpr)),
    ];
    for (k, command) in commands.into_iter().enumerate() {
        let m = minute + 2 + k as i64;
        current = act(&current, command, m, "Ana", 7_002 + k as u128);
    }
    current
}

/// `incident` (open, not closed) walked to resolved from `minute` on, with an event of every kind
/// of the review and follow-up actions parts: every section written, an entry starred and
/// another starred and unstarred, the review moved to review, published and back to a draft, two actions
/// (one with owner and due date, one without) retitled, rekinded, assigned to someone and to
/// nobody, dated and undated, done, dropped with a reason and opened again; then closed without a
/// review (a waiver) and one action done after the close.
pub fn with_review_and_actions(incident: &Incident, minute: i64) -> Incident {
    use chrono::NaiveDate;
    use sitrep::domain::actions::{ActionCommand, ActionKind, ActionState, NewAction};
    use sitrep::domain::review::{ReviewCommand, ReviewStatus, Section};
    let mut current = incident.clone();
    let mut m = minute;
    let mut step = |current: &Incident, command: Command| {
        m += 1;
        act(current, command, m, "Ana", 8_000 + m as u128)
    };
    while current.state != State::Resolved {
        let next = current.state.next_states()[0];
        current = step(&current, move_to(next));
    }
    let first = current.events()[0].id;
    let second = current.events()[1].id;
    let review = Command::Review;
    let day = |d: u32| NaiveDate::from_ymd_opt(2026, 12, d);
    for section in Section::ALL {
        let text = match section {
            Section::Summary => "Card payments failed for *25 minutes*.".to_string(),
            Section::Factors => "- No alert on 502s\n- Stale runbook".to_string(),
            other => format!("The {} section.", other.as_str()),
        };
        current = step(&current, review(ReviewCommand::Write(section, text)));
    }
    for command in [
        ReviewCommand::Star(first, true),
        ReviewCommand::Star(second, true),
        ReviewCommand::Star(second, false),
        ReviewCommand::Move(ReviewStatus::InReview),
        ReviewCommand::Move(ReviewStatus::Published),
        ReviewCommand::Move(ReviewStatus::InReview),
        ReviewCommand::Move(ReviewStatus::Draft),
    ] {
        current = step(&current, review(command));
    }
    let add = |title: &str, kind, owner: &str, due| {
        Command::Actions(ActionCommand::Add(NewAction {
            title: title.into(),
            kind,
            owner: owner.into(),
            due,
        }))
    };
    current = step(
        &current,
        add("Alert on 502 rates", ActionKind::Detective, "Ana", day(15)),
    );
    current = step(
        &current,
        add("Fix the runbook", ActionKind::Corrective, "", None),
    );
    let list = current.parts().actions.list();
    let (alert, runbook) = (list[0].id, list[1].id);
    for command in [
        ActionCommand::Retitle(alert, "Alert on 5xx rates".into()),
        ActionCommand::Rekind(runbook, ActionKind::Preventive),
        ActionCommand::Assign(runbook, "Bo".into()),
        ActionCommand::Assign(alert, String::new()),
        ActionCommand::Date(runbook, day(31)),
        ActionCommand::Date(alert, None),
        ActionCommand::Set(alert, ActionState::Done, String::new()),
        ActionCommand::Set(
            runbook,
            ActionState::WontDo,
            "Replaced by the new one".into(),
        ),
        ActionCommand::Set(runbook, ActionState::Open, String::new()),
    ] {
        current = step(&current, Command::Actions(command));
    }
    current = step(
        &current,
        review(ReviewCommand::CloseWithout("Reviewed with INC-0001".into())),
    );
    step(
        &current,
        Command::Actions(ActionCommand::Set(
            runbook,
            ActionState::Done,
            String::new(),
        )),
    )
}

/// `count` incidents with `events` events each.
pub fn incidents(count: u32, events: usize) -> Vec<Incident> {
    (1..=count).map(|n| incident(n, events)).collect()
}

/// Asserts `error` reads as one plain sentence for people.
pub fn assert_sentence(error: &ImportError) {
    let text = sitrep::components::words::import_refusal(error);
    let first = text.chars().next().unwrap_or(' ');
    assert!(first.is_uppercase(), "starts with a capital: {text}");
    assert!(text.ends_with('.'), "ends with a full stop: {text}");
    assert!(
        !text.contains('\n') && text.len() < 400,
        "one short line: {text}"
    );
    for debris in ["Error(", " { ", "::", "Some(", "None"] {
        assert!(!text.contains(debris), "no debug debris ({debris}): {text}");
    }
}

/// The JSON of a minimal valid current-version file holding `incidents`.
pub fn file_value(incidents: Value) -> Value {
    json!({
        "format": "sitrep",
        "version": sitrep::transfer::CURRENT_VERSION,
        "exported_at": "2026-11-26T10:00:00Z",
        "generator": "sitrep 0.1.0",
        "incidents": incidents,
        "scenarios": []
    })
}

/// One valid incident as a file writes it.
pub fn incident_value() -> Value {
    let text = export([&incident(42, 3)], at(0));
    let file: Value = serde_json::from_str(&text).unwrap_or_default();
    file["incidents"][0].clone()
}

// ---- random histories ----

/// One thing a person may do to an incident, with its values from small sets (so writes collide).
#[derive(Debug, Clone)]
pub enum Op {
    /// Move to a state (refused moves are skipped).
    Transition(usize),
    /// Set the title.
    Title(usize),
    /// Set the description.
    Description(usize),
    /// Set the category.
    Category(usize),
    /// Set the services.
    Services(usize),
    /// Assess impact and urgency.
    Assess(usize, usize),
    /// Override the priority.
    Override(usize),
    /// Drop the override.
    ClearOverride,
    /// Set the commander.
    Commander(usize),
    /// Add a note, perhaps backdated.
    Note(usize, bool),
}

const TITLES: [&str; 3] = ["DNS down", "DNS flapping", "<b>DNS</b> & co"];
/// The people who act in random histories.
pub const PEOPLE: [&str; 3] = ["Ana", "Bo", "Cy"];

/// Any one operation.
pub fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        (0usize..7).prop_map(Op::Transition),
        (0usize..3).prop_map(Op::Title),
        (0usize..2).prop_map(Op::Description),
        (0usize..7).prop_map(Op::Category),
        (0usize..3).prop_map(Op::Services),
        (0usize..3, 0usize..3).prop_map(|(i, u)| Op::Assess(i, u)),
        (0usize..5).prop_map(Op::Override),
        Just(Op::ClearOverride),
        (0usize..3).prop_map(Op::Commander),
        (0usize..4, any::<bool>()).prop_map(|(n, b)| Op::Note(n, b)),
    ]
}

fn command(incident: &Incident, op: &Op, minute: i64) -> Command {
    let details = |title: String, category: Category, services: Vec<String>| {
        Command::Details(EditDetails {
            title,
            description: incident.description.clone(),
            category,
            services,
        })
    };
    match op {
        Op::Description(n) => Command::Details(EditDetails {
            title: incident.title.clone(),
            description: format!("seen from site {n}"),
            category: incident.category,
            services: incident.services.clone(),
        }),
        Op::Transition(s) => move_to(State::ALL[*s]),
        Op::Title(n) => details(
            TITLES[*n].into(),
            incident.category,
            incident.services.clone(),
        ),
        Op::Category(n) => details(
            incident.title.clone(),
            Category::ALL[*n],
            incident.services.clone(),
        ),
        Op::Services(n) => details(
            incident.title.clone(),
            incident.category,
            vec!["dns".into(), format!("svc-{n}")],
        ),
        Op::Assess(i, u) => Command::Assessment(AssessmentCommand::Assess {
            impact: Level::ALL[*i],
            urgency: Level::ALL[*u],
        }),
        Op::Override(p) => Command::Assessment(AssessmentCommand::Override {
            priority: Priority::ALL[*p],
            reason: "because".into(),
        }),
        Op::ClearOverride => Command::Assessment(AssessmentCommand::ClearOverride),
        Op::Commander(n) => commander(PEOPLE[*n]),
        Op::Note(n, backdated) => Command::Notes(AddNote {
            text: format!("note {n}"),
            at: backdated.then(|| at(minute - 30)),
        }),
    }
}

/// Plays `ops` on `start` as `actor`, one minute apart from `from`; refused commands are skipped.
pub fn play(start: &Incident, ops: &[Op], actor: &str, from: i64, seed: u128) -> Incident {
    let mut current = start.clone();
    for (k, op) in ops.iter().enumerate() {
        let minute = from + k as i64;
        let command = command(&current, op, minute);
        if let Ok(next) = execute(&current, command, &ctx(minute, actor, seed + k as u128)) {
            current = next;
        }
    }
    current
}

/// An ancestor worked a little, and three copies that went their own ways from it.
pub fn histories() -> impl Strategy<Value = (Incident, [Incident; 3])> {
    (
        prop::collection::vec(op(), 0..4),
        [
            prop::collection::vec(op(), 0..8),
            prop::collection::vec(op(), 0..8),
            prop::collection::vec(op(), 0..8),
        ],
        [0i64..3, 0i64..3, 0i64..3],
    )
        .prop_map(|(common, [a, b, c], [sa, sb, sc])| {
            let base = play(&incident(42, 1), &common, "Noc", 1, 1_000);
            // Copies start at nearby minutes, so writes tie on recorded time now and then.
            let copies = [
                play(&base, &a, PEOPLE[0], 100 + sa, 10_000),
                play(&base, &b, PEOPLE[1], 100 + sb, 20_000),
                play(&base, &c, PEOPLE[2], 100 + sc, 30_000),
            ];
            (base, copies)
        })
}

/// The incident these events make, with `like`'s id and unknown fields.
pub fn replayed(like: &Incident, events: Vec<Event>) -> Incident {
    match Incident::from_log(like.id(), Log::new(events), like.extra().clone()) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    }
}

/// Any incident with text from the whole of Unicode, including markup, built from its events.
pub fn any_incident() -> impl Strategy<Value = Incident> {
    let texts = (
        "\\PC{0,24}",
        "(<[a-z]+>|&amp;|\"|'|\\\\|\\PC){0,12}",
        prop::collection::vec("\\PC{0,8}", 0..3),
    );
    let shape = (
        any::<u128>(),
        0u32..20_000,
        1usize..6,
        any::<bool>(),
        -100_000i64..100_000,
        prop::option::of(0u8..3),
    );
    (texts, shape).prop_map(
        |((title, text, services), (id, number, events, drill, minute, extra))| {
            let sample = incident(number, events);
            let declaration = Declaration {
                title,
                services,
                kind: if drill {
                    IncidentKind::Drill
                } else {
                    IncidentKind::Real
                },
                ..match &sample.events()[0].change {
                    Change::Declared(d) => (**d).clone(),
                    _ => panic!("the first sample event declares"),
                }
            };
            let mut log: Vec<Event> = sample.events()[1..].to_vec();
            log.push(Event {
                id: Uuid::from_u128(id ^ 1),
                recorded_at: at(minute),
                at: at(minute - 1),
                actor: text.clone(),
                supersedes: Vec::new(),
                change: Change::Notes(NoteEvent::Added { text }),
            });
            log.push(Event {
                id: Uuid::from_u128(id ^ 2),
                change: Change::Declared(Box::new(declaration)),
                ..sample.events()[0].clone()
            });
            let mut unknown = serde_json::Map::new();
            if let Some(x) = extra {
                unknown.insert("severity_score".into(), json!(x));
            }
            match Incident::from_log(Uuid::from_u128(id), Log::new(log), unknown) {
                Ok(incident) => incident,
                Err(error) => panic!("{error}"),
            }
        },
    )
}

/// Incidents with distinct ids.
pub fn any_incidents() -> impl Strategy<Value = Vec<Incident>> {
    prop::collection::vec(any_incident(), 0..6).prop_map(|mut list| {
        list.sort_by_key(|i| i.id());
        list.dedup_by_key(|i| i.id());
        list
    })
}
