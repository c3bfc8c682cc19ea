//! The customer status page: one self-contained HTML file built only from what customers may
//! see, every text escaped, no script and nothing loaded from anywhere.

#![cfg(not(target_arch = "wasm32"))]

mod support;

use chrono::{FixedOffset, TimeDelta};
use uuid::Uuid;

use sitrep::components::status_page::{file_name, render};
use sitrep::domain::commands::declare;
use sitrep::domain::comms::{Audience, CommsCommand, NewUpdate, TemplateKind};
use sitrep::domain::tasks::{NewTask, TaskCommand};
use sitrep::domain::{Command, Draft, Incident, IncidentKind, State};
use support::{act, at, commander, ctx, draft, move_to, note};

const INTERNAL_TITLE: &str = "Bluefin gateway cert rotation broke PSP mTLS";
const PUBLIC_TITLE: &str = "Some card payments are failing";
const DESCRIPTION: &str = "gw-2 and gw-3 present the old intermediate; see runbook RB-77.";
const FIRST: &str = "We are investigating failed card payments at checkout.";
const SECOND: &str = "A fix is being rolled out.\nPayments are recovering.";
const NOTE: &str = "Bo rotated the cert on gw-2 at 08:55 without a change record";
const INTERNAL: &str = "Paging the database on-call; keep the bridge open";
const EXECUTIVE: &str = "Revenue impact about 40k per hour; press line ready";
const COMMANDER: &str = "Ravi Quarterdeck";
const TASK: &str = "Rotate the PSP client keys";

fn zone() -> FixedOffset {
    FixedOffset::east_opt(3600).expect("one hour east is a valid offset")
}

/// Incident number `n`, declared at minute `minute` with this title and description.
fn declared(n: u32, title: &str, description: &str, minute: i64) -> Incident {
    let draft = Draft {
        title: title.into(),
        description: description.into(),
        services: vec!["checkout".into(), "payments".into()],
        impact_started_at: at(minute - 5),
        kind: IncidentKind::Real,
        priority_override: None,
        ..draft(n)
    };
    match declare(draft, n, &ctx(minute, "Ana", u128::from(n) << 40)) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    }
}

fn post(audience: Audience, text: &str, corrects: Option<Uuid>) -> Command {
    Command::Comms(CommsCommand::Post(NewUpdate {
        audience,
        template: Some(TemplateKind::Can),
        text: text.into(),
        corrects,
    }))
}

fn public_title(title: &str) -> Command {
    Command::Comms(CommsCommand::SetPublicTitle(title.into()))
}

/// INC-0042 as a communications lead works it: a public title, two customer updates, and
/// around them a note, an internal and an executive update, a commander and a task.
fn worked() -> Incident {
    let mut i = declared(42, INTERNAL_TITLE, DESCRIPTION, 0);
    let commands = [
        public_title(PUBLIC_TITLE),
        move_to(State::Triaged),
        post(Audience::Customers, FIRST, None),
        note(NOTE),
        post(Audience::Internal, INTERNAL, None),
        post(Audience::Executive, EXECUTIVE, None),
        commander(COMMANDER),
        Command::Tasks(TaskCommand::Add(NewTask {
            title: TASK.into(),
            owner: "Bo".into(),
            due: None,
        })),
        move_to(State::Investigating),
        move_to(State::Contained),
        post(Audience::Customers, SECOND, None),
    ];
    for (k, command) in commands.into_iter().enumerate() {
        let minute = 5 * (k as i64 + 1);
        i = act(&i, command, minute, "Ana", 100 + k as u128);
    }
    i
}

fn customer_updates(incident: &Incident) -> Vec<Uuid> {
    incident
        .parts()
        .comms
        .thread(Audience::Customers)
        .map(|u| u.id)
        .collect()
}

fn position(page: &str, needle: &str) -> usize {
    match page.find(needle) {
        Some(p) => p,
        None => panic!("{needle:?} is on the page:\n{page}"),
    }
}

#[test]
fn customer_updates_are_shown_newest_first_under_the_public_title() {
    let incident = worked();
    let page = render(&[&incident], at(60), zone());
    assert!(page.contains(&format!("<h2>{PUBLIC_TITLE}</h2>")), "{page}");
    assert!(page.contains("INC-0042"));
    assert!(page.contains("Affected services</dt><dd>checkout, payments</dd>"));
    assert!(
        page.contains("Status: Identified"),
        "contained reads as identified"
    );
    // The line break of the second update is kept, and shown by pre-wrap.
    let second = position(
        &page,
        "A fix is being rolled out.\nPayments are recovering.",
    );
    let first = position(&page, FIRST);
    assert!(second < first, "newest first");
    assert!(page.contains("white-space: pre-wrap"));
    // Each update carries its id as an anchor, newest first.
    let ids = customer_updates(&incident);
    assert_eq!(ids.len(), 2);
    assert!(
        position(&page, &format!("update-{}", ids[1]))
            < position(&page, &format!("update-{}", ids[0]))
    );
}

#[test]
fn nothing_internal_reaches_the_page() {
    let incident = worked();
    let page = render(&[&incident], at(60), zone());
    for secret in [
        INTERNAL_TITLE,
        DESCRIPTION,
        NOTE,
        INTERNAL,
        EXECUTIVE,
        COMMANDER,
        TASK,
        "Support desk",
        "Bluefin",
        "Ana",
    ] {
        assert!(!page.contains(secret), "{secret:?} leaked:\n{page}");
    }
    // The internal title is also kept out of the document title and the file name.
    assert!(page.contains(&format!("<title>Status: {PUBLIC_TITLE} (INC-0042)</title>")));
    assert!(!file_name(&[&incident], at(60)).contains("Bluefin"));
}

#[test]
fn without_a_public_title_customers_see_the_incident_title() {
    let incident = act(
        &declared(7, "Checkout is slow", DESCRIPTION, 0),
        post(Audience::Customers, FIRST, None),
        1,
        "Ana",
        1,
    );
    let page = render(&[&incident], at(60), zone());
    assert!(page.contains("<h2>Checkout is slow</h2>"), "{page}");
    assert!(!page.contains(DESCRIPTION));
}

#[test]
fn hostile_text_appears_only_escaped() {
    let script = "<script>alert(1)</script>";
    let img = "\"><img src=x onerror=alert(1)>";
    let quote = "it's 'quoted' & \"double\"";
    // The incident title is hostile (shown, as no public title is set), and so are updates
    // and a service name.
    let mut incident = declared(9, script, "", 0);
    incident = act(
        &incident,
        Command::Details(sitrep::domain::commands::EditDetails {
            title: script.into(),
            description: String::new(),
            category: incident.category,
            services: vec![img.into(), "web".into()],
        }),
        1,
        "Ana",
        1,
    );
    incident = act(&incident, post(Audience::Customers, img, None), 2, "Ana", 2);
    incident = act(
        &incident,
        post(Audience::Customers, script, None),
        3,
        "Ana",
        3,
    );
    incident = act(
        &incident,
        post(Audience::Customers, quote, None),
        4,
        "Ana",
        4,
    );
    // A second incident whose public title is the hostile one.
    let titled = act(
        &declared(10, "Harmless", "", 0),
        public_title(img),
        1,
        "Ana",
        5,
    );
    for page in [
        render(&[&incident], at(60), zone()),
        render(&[&incident, &titled], at(60), zone()),
    ] {
        let lower = page.to_lowercase();
        assert!(!lower.contains("<script"), "{page}");
        assert!(!lower.contains("<img"), "{page}");
        assert!(!page.contains(script) && !page.contains(img));
        assert!(
            page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "{page}"
        );
        assert!(
            page.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"),
            "{page}"
        );
        // In the document title too.
        assert!(!page.contains(&format!("<title>Status: {script}")));
    }
    let page = render(&[&incident], at(60), zone());
    assert!(
        page.contains("it&#39;s &#39;quoted&#39; &amp; &quot;double&quot;"),
        "{page}"
    );
    assert!(
        page.contains("<title>Status: &lt;script&gt;alert(1)&lt;/script&gt; (INC-0009)</title>")
    );
}

/// Whether an event handler attribute (` onclick=`, ` onerror=`…) is in the page.
fn has_event_handler(lower: &str) -> bool {
    lower.match_indices(" on").any(|(p, _)| {
        let rest = &lower[p + 3..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        name_len > 0 && rest[name_len..].trim_start().starts_with('=')
    })
}

#[test]
fn the_page_holds_no_script_and_loads_nothing() {
    let incident = worked();
    for page in [
        render(&[&incident], at(60), zone()),
        render(&[], at(60), zone()),
    ] {
        let lower = page.to_lowercase();
        assert!(lower.starts_with("<!doctype html>"));
        assert!(page.contains("<meta charset=\"utf-8\">"));
        assert!(page
            .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
        assert!(page.contains(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'"
        ), "{page}");
        for banned in [
            "<script",
            "src=",
            "http://",
            "https://",
            "//",
            "<link",
            "<img",
            "<iframe",
            "<object",
            "<embed",
            "url(",
            "@import",
            "@font-face",
            " on",
        ] {
            let found = match banned {
                // `//` only as the start of a protocol-relative address.
                "//" => lower.contains("=\"//") || lower.contains("('//"),
                " on" => has_event_handler(&lower),
                _ => lower.contains(banned),
            };
            assert!(!found, "{banned:?} is on the page:\n{page}");
        }
        // Every link stays on the page.
        for (p, _) in page.match_indices("href=\"") {
            assert!(
                page[p + 6..].starts_with('#'),
                "an outside link: {}",
                &page[p..]
            );
        }
        // One column on a phone, long words wrapped, printable, light and dark.
        for rule in [
            "<style>",
            "max-width",
            "overflow-wrap: anywhere",
            "@media print",
            "prefers-color-scheme: dark",
        ] {
            assert!(page.contains(rule), "{rule}");
        }
        assert_eq!(page.matches("<style>").count(), 1);
    }
}

#[test]
fn times_are_shown_in_utc_and_in_the_given_zone() {
    let incident = worked();
    let first = incident
        .parts()
        .comms
        .thread(Audience::Customers)
        .next()
        .map(|u| u.at);
    assert_eq!(first, Some(at(15)));
    let page = render(&[&incident], at(60), zone());
    // at(15) is 2026-11-26 09:15 UTC.
    assert!(
        page.contains(
            "<time datetime=\"2026-11-26T09:15:00Z\">2026-11-26 09:15 UTC · 10:15 UTC+01:00</time>"
        ),
        "{page}"
    );
    // The footer says when the page was made.
    assert!(page.contains(
        "Generated <time datetime=\"2026-11-26T10:00:00Z\">2026-11-26 10:00 UTC · 11:00 UTC+01:00</time>"
    ));
    // A zone where it is another day repeats the date; a zone at UTC is not said twice.
    let west = FixedOffset::west_opt(10 * 3600).unwrap_or(zone());
    let page = render(&[&incident], at(60), west);
    assert!(
        page.contains("2026-11-26 09:15 UTC · 2026-11-25 23:15 UTC-10:00"),
        "{page}"
    );
    let utc = FixedOffset::east_opt(0).unwrap_or(zone());
    let page = render(&[&incident], at(60), utc);
    assert!(page.contains(">2026-11-26 09:15 UTC</time>"), "{page}");
    let india = FixedOffset::east_opt(5 * 3600 + 1800).unwrap_or(zone());
    assert!(render(&[&incident], at(60), india).contains("09:15 UTC · 14:45 UTC+05:30"));
}

#[test]
fn the_all_systems_page_without_incidents_says_all_systems_operational() {
    let page = render(&[], at(60), zone());
    assert!(page.contains("All systems operational"), "{page}");
    assert!(!page.contains("<article"));
    assert!(page.contains("<title>Service status</title>"));
    assert_eq!(file_name(&[], at(60)), "status-all-20261126-1000.html");
}

#[test]
fn the_all_systems_page_lists_ongoing_incidents_first_then_newest_first() {
    // Older and still running.
    let running = act(
        &declared(1, "Search is down", "", 0),
        post(Audience::Customers, "Search returns errors.", None),
        1,
        "Ana",
        1,
    );
    // Newer but resolved.
    let mut resolved = declared(2, "Login is slow", "", 30);
    for (k, state) in [
        State::Triaged,
        State::Investigating,
        State::Contained,
        State::Resolved,
    ]
    .into_iter()
    .enumerate()
    {
        resolved = act(
            &resolved,
            move_to(state),
            31 + k as i64,
            "Ana",
            10 + k as u128,
        );
    }
    let page = render(&[&resolved, &running], at(60), zone());
    assert!(page.contains("1 incident in progress"), "{page}");
    assert!(!page.contains("All systems operational"));
    assert!(position(&page, "Search is down") < position(&page, "Login is slow"));
    assert!(page.contains("Status: Resolved"));
    assert!(page.contains("<dt>Resolved</dt>"));
    assert!(
        !page.contains("Restarted the failing nodes"),
        "the resolution record is internal"
    );
    // The resolved one has no customer update: the page says so.
    assert_eq!(page.matches("No updates have been posted yet.").count(), 1);
    assert_eq!(
        file_name(&[&resolved, &running], at(60)),
        "status-all-20261126-1000.html"
    );

    // Two running: newest first; two over: all systems operational, both still listed.
    let newer = declared(3, "Mail is delayed", "", 40);
    let page = render(&[&running, &newer], at(60), zone());
    assert!(page.contains("2 incidents in progress"));
    assert!(position(&page, "Mail is delayed") < position(&page, "Search is down"));
    let cancelled = act(&newer, move_to(State::Cancelled), 41, "Ana", 20);
    let page = render(&[&cancelled, &resolved], at(60), zone());
    assert!(page.contains("All systems operational"), "{page}");
    assert!(page.contains("Status: No incident (false alarm"));
    assert!(position(&page, "Mail is delayed") < position(&page, "Login is slow"));
}

#[test]
fn status_words_follow_the_state() {
    let mut incident = declared(5, "Uploads fail", "", 0);
    let mut seen = vec![render(&[&incident], at(60), zone())];
    for (k, state) in [
        State::Triaged,
        State::Investigating,
        State::Contained,
        State::Resolved,
        State::Closed,
    ]
    .into_iter()
    .enumerate()
    {
        incident = act(
            &incident,
            move_to(state),
            1 + k as i64,
            "Ana",
            1 + k as u128,
        );
        seen.push(render(&[&incident], at(60), zone()));
    }
    let words = [
        "Investigating",
        "Investigating",
        "Investigating",
        "Identified — mitigation in place",
        "Resolved",
        "Resolved",
    ];
    for (page, word) in seen.iter().zip(words) {
        assert!(
            page.contains(&format!("Status: {word}</p>")),
            "{word}:\n{page}"
        );
    }
}

#[test]
fn a_correction_names_the_update_it_corrects() {
    let mut incident = declared(6, "Invoices show wrong totals", "", 0);
    incident = act(
        &incident,
        post(
            Audience::Customers,
            "Invoices from 1 to 3 December are affected.",
            None,
        ),
        10,
        "Ana",
        1,
    );
    let wrong = customer_updates(&incident)[0];
    incident = act(
        &incident,
        post(
            Audience::Customers,
            "Only invoices from 2 December are affected.",
            Some(wrong),
        ),
        20,
        "Ana",
        2,
    );
    let page = render(&[&incident], at(60), zone());
    // at(10) is 09:10 UTC.
    assert!(
        page.contains(&format!(
            "Correction to the <a href=\"#update-{wrong}\">update of 2026-11-26 09:10 UTC · 10:10 UTC+01:00</a>"
        )),
        "{page}"
    );
    assert_eq!(
        page.matches("Corrected by the update of").count(),
        1,
        "only the corrected update says it was corrected"
    );
    assert!(
        position(&page, "Only invoices from 2 December") < position(&page, "Invoices from 1 to 3")
    );
    assert!(page.contains(&format!("id=\"update-{wrong}\"")));
}

#[test]
fn an_incident_without_customer_updates_says_so() {
    let incident = act(
        &declared(8, "VPN drops", "", 0),
        post(Audience::Internal, INTERNAL, None),
        1,
        "Ana",
        1,
    );
    let page = render(&[&incident], at(60), zone());
    assert!(page.contains("No updates have been posted yet."), "{page}");
    assert!(!page.contains(INTERNAL));
    assert!(
        !page.contains("All systems operational"),
        "one incident has no summary line"
    );
}

#[test]
fn a_drill_is_marked_as_an_exercise() {
    let draft = Draft {
        kind: IncidentKind::Drill,
        ..draft(11)
    };
    let drill = match declare(draft, 11, &ctx(0, "Ana", 11)) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    };
    let page = render(&[&drill], at(60), zone());
    assert!(
        page.contains("this is a drill, not a real incident"),
        "{page}"
    );
    assert!(!render(&[&worked()], at(60), zone()).contains("not a real incident"));
}

#[test]
fn the_file_is_named_after_the_incident_or_all() {
    let incident = worked();
    let when = at(0) + TimeDelta::days(11) + TimeDelta::minutes(5 * 60 + 5);
    assert_eq!(
        file_name(&[&incident], when),
        "status-INC-0042-20261207-1405.html"
    );
    assert_eq!(
        file_name(&[&incident, &incident], when),
        "status-all-20261207-1405.html"
    );
    // A reference from a file is only ever part of a name: nothing in it leaves the name's shape.
    let mut events = incident.events().to_vec();
    events.push(sitrep::domain::Event {
        id: Uuid::from_u128(0x5E_F00D),
        recorded_at: at(500),
        at: at(500),
        actor: "Ana".into(),
        supersedes: Vec::new(),
        change: sitrep::domain::Change::Identity(
            sitrep::domain::identity::IdentityEvent::Renumbered {
                reference: "../INC 7/é_x".into(),
            },
        ),
    });
    let odd = support::replayed(&incident, events);
    assert_eq!(odd.reference, "../INC 7/é_x");
    assert_eq!(
        file_name(&[&odd], when),
        "status-___INC_7___x-20261207-1405.html"
    );
}
