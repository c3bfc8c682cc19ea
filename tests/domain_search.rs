//! Native tests of the queue: filters, text search, ordering and the URL form, over hundreds of incidents.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use sitrep::domain::commands::declare;
use sitrep::domain::commands::{AddNote, Transition};
use sitrep::domain::search::{age, queue, Filter};
use sitrep::domain::{
    execute, Category, Command, CommandContext, Draft, Incident, IncidentKind, Level, Priority,
    State,
};
use uuid::Uuid;

/// The time the queue is read at.
fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()
}

const CATEGORIES: [Category; 3] = [Category::Network, Category::Security, Category::Data];
const SERVICES: [&str; 4] = ["checkout", "search", "auth", "billing"];

/// 300 incidents with a spread of levels, categories, services and states.
fn fleet() -> Vec<Incident> {
    let start = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    (0..300u32)
        .map(|n| {
            let ctx = CommandContext::new(
                start + Duration::minutes(i64::from(n)),
                "Alice",
                Uuid::from_u128(u128::from(n + 1) << 8),
            );
            let draft = Draft {
                title: format!("Incident number {n}"),
                description: if n % 10 == 0 {
                    "Disk full on primary".into()
                } else {
                    "Latency".into()
                },
                // Independent of impact and urgency, so that every priority spans every category.
                category: CATEGORIES[(n as usize / 9) % 3],
                services: vec![SERVICES[n as usize % 4].into()],
                impact: Level::ALL[n as usize % 3],
                urgency: Level::ALL[(n as usize / 3) % 3],
                priority_override: None,
                impact_started_at: ctx.now,
                reported_by: "Bob".into(),
                kind: IncidentKind::Real,
            };
            let mut incident = declare(draft, n + 1, &ctx).unwrap();
            if n % 7 == 0 {
                incident = execute(
                    &incident,
                    Command::Notes(AddNote {
                        text: "Vendor ticket 9981 opened".into(),
                        at: None,
                    }),
                    &ctx,
                )
                .unwrap();
            }
            if n % 5 == 0 {
                incident = execute(
                    &incident,
                    Command::Lifecycle(Transition(State::Cancelled)),
                    &ctx,
                )
                .unwrap();
            }
            incident
        })
        .collect()
}

#[test]
fn default_queue_hides_closed_and_orders_by_priority_then_age() {
    let all = fleet();
    let list = queue(&all, &Filter::default(), now());
    assert_eq!(list.len(), 240);
    assert!(list.iter().all(|i| i.state.is_open()));
    for pair in list.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        assert!(
            a.priority() < b.priority()
                || (a.priority() == b.priority() && a.created_at <= b.created_at)
        );
    }
    assert_eq!(list[0].priority(), Priority::P1);
}

#[test]
fn include_closed_shows_everything() {
    let all = fleet();
    let filter = Filter {
        include_closed: true,
        ..Filter::default()
    };
    assert_eq!(queue(&all, &filter, now()).len(), 300);
    let cancelled = Filter {
        state: Some(State::Cancelled),
        ..Filter::default()
    };
    assert_eq!(queue(&all, &cancelled, now()).len(), 60);
}

#[test]
fn filters_combine() {
    let all = fleet();
    let filter = Filter {
        priority: Some(Priority::P1),
        category: Some(Category::Network),
        service: Some("CHECKOUT".into()),
        include_closed: true,
        ..Filter::default()
    };
    let list = queue(&all, &filter, now());
    let expected = all
        .iter()
        .filter(|i| {
            i.priority() == Priority::P1
                && i.category == Category::Network
                && i.services[0] == "checkout"
        })
        .count();
    assert!(expected > 0);
    assert_eq!(list.len(), expected);
}

#[test]
fn the_category_filter_keeps_exactly_that_category() {
    let all = fleet();
    let p1 = |category| {
        queue(
            &all,
            &Filter {
                priority: Some(Priority::P1),
                category,
                include_closed: true,
                ..Filter::default()
            },
            now(),
        )
    };
    let every = p1(None).len();
    let mut total = 0;
    for category in CATEGORIES {
        let list = p1(Some(category));
        assert!(
            !list.is_empty() && list.len() < every,
            "{category:?}: {}",
            list.len()
        );
        assert!(list.iter().all(|i| i.category == category));
        total += list.len();
    }
    assert_eq!(total, every);
}

#[test]
fn text_search_looks_in_title_description_reference_and_notes() {
    let all = fleet();
    let search = |text: &str| {
        queue(
            &all,
            &Filter {
                text: text.into(),
                include_closed: true,
                ..Filter::default()
            },
            now(),
        )
        .len()
    };
    assert_eq!(search("disk FULL"), 30);
    assert_eq!(search("vendor 9981"), 43);
    assert_eq!(search("INC-0007"), 1);
    assert_eq!(
        search("number 250"),
        2,
        "title of #250 and reference INC-0250 of #249"
    );
    assert_eq!(search("nothing-like-this"), 0);
}

#[test]
fn the_query_the_router_writes_reads_back_as_the_same_filter() {
    let filter = Filter {
        text: "db & cache 50%/ok".into(),
        state: Some(State::Investigating),
        priority: Some(Priority::P2),
        category: Some(Category::ThirdParty),
        service: Some("auth service".into()),
        commander: Some("Ana Lima".into()),
        include_closed: true,
        overdue_tasks: true,
        target_alarm: true,
        update_overdue: true,
        from: NaiveDate::from_ymd_opt(2026, 9, 1),
        to: NaiveDate::from_ymd_opt(2026, 11, 30),
        breached: true,
        reopened: true,
        drills: Some(false),
        no_cancelled: true,
    };
    // What the router writes for `filter.to_pairs()` (form encoding, as serde_urlencoded does).
    let written = "?q=db+%26+cache+50%25%2Fok&state=investigating&priority=P2&category=third_party&service=auth+service&commander=Ana+Lima&closed=1&overdue=1&targets=1&updates=1&from=2026-09-01&to=2026-11-30&breached=1&reopened=1&drills=0&cancelled=0";
    let pairs: Vec<(String, String)> = filter
        .to_pairs()
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    assert_eq!(
        pairs.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        [
            "q",
            "state",
            "priority",
            "category",
            "service",
            "commander",
            "closed",
            "overdue",
            "targets",
            "updates",
            "from",
            "to",
            "breached",
            "reopened",
            "drills",
            "cancelled"
        ]
    );
    assert_eq!(Filter::from_query(written), filter);
    assert_eq!(Filter::from_query(""), Filter::default());
    assert!(Filter::default().to_pairs().is_empty());
    assert_eq!(
        Filter::from_query("state=bogus&priority=P9&x=1&q=%zz%E0%A4"),
        Filter {
            text: "%zz\u{FFFD}".into(),
            ..Filter::default()
        },
        "a damaged link reads what it can"
    );
}

#[test]
fn ages_read_like_people_say_them() {
    let t0 = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    assert_eq!(age(t0, t0 + Duration::minutes(45)), "45m");
    assert_eq!(age(t0, t0 + Duration::minutes(192)), "3h 12m");
    assert_eq!(age(t0, t0 + Duration::hours(52)), "2d 4h");
    assert_eq!(age(t0, t0 - Duration::hours(1)), "0m");
    assert_eq!(age(t0, t0 + Duration::minutes(59)), "59m");
    assert_eq!(age(t0, t0 + Duration::minutes(60)), "1h 0m");
    assert_eq!(age(t0, t0 + Duration::minutes(24 * 60 - 1)), "23h 59m");
    assert_eq!(age(t0, t0 + Duration::hours(24)), "1d 0h");
}

#[test]
fn a_link_cut_off_inside_an_escape_or_with_an_empty_service_reads_safely() {
    for (query, text) in [
        ("q=50%", "50%"),
        ("q=ab%4", "ab%4"),
        ("q=%", "%"),
        ("q=%41", "A"),
    ] {
        assert_eq!(Filter::from_query(query).text, text, "{query}");
    }
    assert_eq!(Filter::from_query("service=").service, None);
    assert_eq!(Filter::from_query("commander=").commander, None);
    assert_eq!(
        Filter::from_query("service=db").service.as_deref(),
        Some("db")
    );
}

#[test]
fn a_filter_is_empty_only_when_no_criterion_is_set() {
    assert!(Filter::default().is_empty());
    let set: [Filter; 5] = [
        Filter {
            commander: Some("Ana".into()),
            ..Filter::default()
        },
        Filter {
            text: "db".into(),
            ..Filter::default()
        },
        Filter {
            category: Some(Category::Network),
            ..Filter::default()
        },
        Filter {
            include_closed: true,
            ..Filter::default()
        },
        Filter {
            service: Some("api".into()),
            ..Filter::default()
        },
    ];
    for filter in set {
        assert!(!filter.is_empty(), "{filter:?}");
    }
}

#[test]
fn the_commander_filter_keeps_the_incidents_that_person_commands() {
    let mut incidents = fleet();
    let ctx = |n: u128| CommandContext::new(Utc::now(), "Noc", Uuid::from_u128(n << 64));
    for (n, incident) in incidents.iter_mut().enumerate().take(30) {
        let person = if n % 3 == 0 { "Ana Lima" } else { "Ben" };
        *incident = execute(
            incident,
            Command::Roles(sitrep::domain::commands::RoleCommand::Assign {
                role: sitrep::domain::roles::Role::Commander,
                person: person.into(),
            }),
            &ctx(1000 + n as u128),
        )
        .unwrap();
    }
    let filter = Filter {
        commander: Some("ana lima".into()),
        include_closed: true,
        ..Filter::default()
    };
    let shown = queue(&incidents, &filter, now());
    assert_eq!(
        shown.len(),
        10,
        "every third of the first thirty, whatever the case"
    );
    assert!(shown
        .iter()
        .all(|i| i.commander.as_deref() == Some("Ana Lima")));
    let none = Filter {
        commander: Some("Cy".into()),
        include_closed: true,
        ..Filter::default()
    };
    assert!(queue(&incidents, &none, now()).is_empty());
}

#[test]
fn the_overdue_filter_keeps_incidents_with_an_open_task_past_due_at_the_time_given() {
    use sitrep::domain::tasks::{NewTask, TaskCommand, TaskState};
    let mut incidents = fleet();
    let due = now() + Duration::hours(1);
    let ctx = |n: u128| CommandContext::new(now(), "Noc", Uuid::from_u128(n << 64));
    for (n, incident) in incidents.iter_mut().enumerate().take(6) {
        let task = NewTask {
            title: "Rotate the keys".into(),
            owner: String::new(),
            due: Some(due),
        };
        *incident = execute(
            incident,
            Command::Tasks(TaskCommand::Add(task)),
            &ctx(n as u128 + 1),
        )
        .unwrap();
    }
    // Two of the six finish their task; a finished task is never overdue.
    for (n, incident) in incidents.iter_mut().enumerate().take(2) {
        let id = incident.parts().tasks.list()[0].id;
        *incident = execute(
            incident,
            Command::Tasks(TaskCommand::Set(id, TaskState::Done)),
            &ctx(n as u128 + 100),
        )
        .unwrap();
    }
    let filter = Filter {
        overdue_tasks: true,
        include_closed: true,
        ..Filter::default()
    };
    assert!(
        queue(&incidents, &filter, due).is_empty(),
        "at its due time a task is not yet overdue"
    );
    let later = queue(&incidents, &filter, due + Duration::minutes(1));
    let mut shown: Vec<Uuid> = later.iter().map(|i| i.id()).collect();
    shown.sort();
    let mut expected: Vec<Uuid> = incidents[2..6].iter().map(|i| i.id()).collect();
    expected.sort();
    assert_eq!(shown, expected);
    assert_eq!(
        Filter::from_query("overdue=1"),
        Filter {
            overdue_tasks: true,
            ..Filter::default()
        }
    );
}

#[test]
fn a_filter_written_as_url_text_reads_back_whatever_its_values_hold() {
    use sitrep::domain::search::{encode, Filter};
    assert_eq!(encode("a-Z_0.9~"), "a-Z_0.9~");
    assert_eq!(encode("a b&c=d/é%+#"), "a%20b%26c%3Dd%2F%C3%A9%25%2B%23");
    let filter = Filter {
        text: "502 & timeouts".into(),
        service: Some("Mobile API / EU #2".into()),
        commander: Some("Zoë+Ana".into()),
        from: chrono::NaiveDate::from_ymd_opt(2026, 9, 1),
        breached: true,
        drills: Some(false),
        no_cancelled: true,
        ..Filter::default()
    };
    let text = filter.query_string();
    assert!(!text.contains(' ') && !text.contains('#'), "{text}");
    assert_eq!(Filter::from_query(&text), filter);
    assert_eq!(Filter::default().query_string(), "");
}

#[test]
fn only_the_filters_that_fall_late_need_the_clock() {
    let with = |set: fn(&mut Filter)| {
        let mut filter = Filter::default();
        set(&mut filter);
        filter.needs_clock()
    };
    assert!(!with(|_| {}));
    assert!(!with(|f| {
        f.text = "disk".into();
        f.include_closed = true;
        f.reopened = true;
        f.from = NaiveDate::from_ymd_opt(2026, 11, 1);
    }));
    assert!(with(|f| f.overdue_tasks = true));
    assert!(with(|f| f.target_alarm = true));
    assert!(with(|f| f.update_overdue = true));
    assert!(with(|f| f.breached = true));
}

#[test]
fn the_updates_overdue_filter_keeps_incidents_past_their_next_update_at_the_time_given() {
    use sitrep::domain::comms::{Audience, CommsCommand, NewUpdate};
    use sitrep::domain::search::Clocks;
    // Declared at midnight as P1 (high × high): the default cadence wants an update every 30
    // minutes. One posts at 00:20, the other never does.
    let declared = |n: u32| {
        let ctx = CommandContext::new(now(), "Alice", Uuid::from_u128(u128::from(n) << 16));
        let draft = Draft {
            title: format!("Payments down {n}"),
            description: String::new(),
            category: Category::Network,
            services: vec!["payments".into()],
            impact: Level::High,
            urgency: Level::High,
            priority_override: None,
            impact_started_at: now(),
            reported_by: "Bob".into(),
            kind: IncidentKind::Real,
        };
        declare(draft, n, &ctx).unwrap()
    };
    let quiet = declared(1);
    let mut told = declared(2);
    for audience in Audience::ALL {
        let ctx = CommandContext::new(
            now() + Duration::minutes(20),
            "Alice",
            Uuid::from_u128(7 + audience as u128),
        );
        let post = Command::Comms(CommsCommand::Post(NewUpdate {
            audience,
            template: None,
            text: "Working on it".into(),
            corrects: None,
        }));
        told = execute(&told, post, &ctx).unwrap();
    }
    let filter = Filter {
        update_overdue: true,
        ..Filter::default()
    };
    let listed = |minutes: i64| {
        let at = Clocks::from(now() + Duration::minutes(minutes));
        [&quiet, &told]
            .into_iter()
            .filter(|i| filter.matches(i, at))
            .map(|i| i.reference.clone())
            .collect::<Vec<_>>()
    };
    assert!(listed(25).is_empty(), "nobody is late yet");
    assert_eq!(listed(40), std::slice::from_ref(&quiet.reference));
    assert_eq!(
        listed(60),
        [quiet.reference.clone(), told.reference.clone()]
    );
}

#[test]
fn a_day_in_the_url_is_exactly_ten_characters() {
    use sitrep::domain::search::parse_day;
    assert_eq!(
        parse_day("2026-11-01"),
        NaiveDate::from_ymd_opt(2026, 11, 1)
    );
    assert_eq!(parse_day("2026-11-1"), None);
    assert_eq!(parse_day("2026-11-011"), None);
    assert_eq!(parse_day("2026/11/01"), None);
    assert_eq!(parse_day("2026-02-30"), None);
}
