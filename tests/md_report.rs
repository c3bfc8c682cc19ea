#![cfg(not(target_arch = "wasm32"))]
//! The incident report as Markdown: a worked incident compared with a checked-in file, hostile
//! texts that must stay text (no heading, link, image, raw HTML or broken table row), the
//! timeline's two choices, the review's absence or waiver, and file names.

mod support;

use chrono::NaiveDate;
use pulldown_cmark::{Event as Md, HeadingLevel, Options, Parser, Tag, TagEnd};
use uuid::Uuid;

use sitrep::components::md_report::{escape, file_name, lines, render};
use sitrep::domain::actions::{ActionCommand, ActionKind, ActionState, NewAction};
use sitrep::domain::commands::{declare, AddNote, RoleCommand};
use sitrep::domain::comms::{Audience, CommsCommand, NewUpdate, TemplateKind};
use sitrep::domain::identity::IdentityEvent;
use sitrep::domain::lifecycle::LifecycleEvent;
use sitrep::domain::resolution::{ResolutionCommand, ResolutionDraft, ResolutionKind};
use sitrep::domain::review::{ReviewCommand, ReviewStatus, Section};
use sitrep::domain::roles::Expert;
use sitrep::domain::tasks::{NewTask, TaskCommand, TaskState};
use sitrep::domain::{
    Category, Change, Command, Draft, Incident, IncidentKind, Level, State, Topic,
};
use support::{act, at, commander, ctx, move_to, note, transition};

/// The checked-in report of [`worked`]. To write it anew after a deliberate change of the
/// report, run `SITREP_BLESS=1 cargo test --test md_report` and read the diff before committing.
const EXPECTED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/report-expected.md"
);

const SUMMARY: &str = "A certificate rotation on the payment gateway left **two of three** \
nodes presenting the old intermediate. About 4% of card payments failed for 65 minutes.";
const ROOT_CAUSE: &str = "The rotation job updated `gw-1` only:\n\n\
```\nrotate --node gw-1 --chain new\n```\n\n\
It reported success because it checks the first node.";
const WENT_WELL: &str =
    "- The rollback took 10 minutes.\n- Customers heard from us within 10 minutes.";
const LESSONS: &str = "1. Check *every* node after a rotation.\n2. See [the runbook](https://wiki.example.com/rb-77).";

fn post(audience: Audience, text: &str) -> Command {
    Command::Comms(CommsCommand::Post(NewUpdate {
        audience,
        template: Some(TemplateKind::Can),
        text: text.into(),
        corrects: None,
    }))
}

fn write(section: Section, text: &str) -> Command {
    Command::Review(ReviewCommand::Write(section, text.into()))
}

fn star(entry: Uuid) -> Command {
    Command::Review(ReviewCommand::Star(entry, true))
}

fn add_action(title: &str, kind: ActionKind, owner: &str, due: Option<NaiveDate>) -> Command {
    Command::Actions(ActionCommand::Add(NewAction {
        title: title.into(),
        kind,
        owner: owner.into(),
        due,
    }))
}

/// The id of the action with this title.
fn action_id(incident: &Incident, title: &str) -> Uuid {
    match incident
        .parts()
        .actions
        .list()
        .into_iter()
        .find(|a| a.title == title)
    {
        Some(action) => action.id,
        None => panic!("no action {title}"),
    }
}

/// The id of the first event that matches.
fn entry(incident: &Incident, matches: impl Fn(&Change) -> bool) -> Uuid {
    match incident.events().iter().find(|e| matches(&e.change)) {
        Some(event) => event.id,
        None => panic!("no such entry"),
    }
}

fn declared(title: &str, kind: IncidentKind) -> Incident {
    let draft = Draft {
        title: title.into(),
        description: "Card payments fail at checkout with a TLS error from the PSP.".into(),
        category: Category::Application,
        services: vec!["checkout".into(), "payments".into()],
        impact: Level::High,
        urgency: Level::High,
        priority_override: None,
        impact_started_at: at(-25),
        reported_by: "Support desk".into(),
        kind,
    };
    match declare(draft, 42, &ctx(0, "Ana", 42 << 40)) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    }
}

/// Runs `(minute, actor, command)` steps in order (each with a seed of its own, made from its
/// minute and place, so that no two events share an id).
fn run(mut incident: Incident, steps: Vec<(i64, &str, Command)>) -> Incident {
    for (n, (minute, actor, command)) in steps.into_iter().enumerate() {
        let seed = 1_000_000 + 100 * minute.unsigned_abs() as u128 + n as u128;
        incident = act(&incident, command, minute, actor, seed);
    }
    incident
}

/// INC-0042 worked from declaration to close: triaged, a commander handed over, an expert, a
/// task done, internal and customer updates, contained, resolved by a fix, a review written
/// with some Markdown, two entries starred, the review published, two follow-up actions (one
/// done), closed.
fn worked() -> Incident {
    let incident = declared(
        "Card payments failing after the gateway certificate rotation",
        IncidentKind::Real,
    );
    let incident = run(
        incident,
        vec![
            (3, "Ana", move_to(State::Triaged)),
            (4, "Ana", commander("Ana")),
            (
                5,
                "Ana",
                Command::Roles(RoleCommand::AddExpert(Expert {
                    person: "Chen".into(),
                    area: "payment gateway".into(),
                })),
            ),
            (
                6,
                "Ana",
                post(
                    Audience::Internal,
                    "We are looking into failed card payments at checkout.",
                ),
            ),
            (7, "Ana", move_to(State::Investigating)),
            (
                8,
                "Ana",
                Command::Tasks(TaskCommand::Add(NewTask {
                    title: "Roll back the gateway certificate".into(),
                    owner: "Bo".into(),
                    due: None,
                })),
            ),
            (
                10,
                "Ana",
                post(
                    Audience::Customers,
                    "Some card payments are failing; we are investigating.",
                ),
            ),
            (
                12,
                "Bo",
                note("gw-2 and gw-3 still present the old intermediate certificate"),
            ),
            (15, "Ana", commander("Ravi")),
        ],
    );
    let task = incident.parts().tasks.list()[0].id;
    let incident = run(
        incident,
        vec![
            (
                20,
                "Bo",
                Command::Tasks(TaskCommand::Set(task, TaskState::Done)),
            ),
            (22, "Ravi", move_to(State::Contained)),
            (
                24,
                "Ravi",
                post(
                    Audience::Internal,
                    "Rollback done on gw-2 and gw-3; errors back under 0.1%.\nWatching for 30 minutes.",
                ),
            ),
            (
                40,
                "Ravi",
                Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
                    kind: ResolutionKind::Fix,
                    escalated_to: String::new(),
                    summary: "Rolled back the certificate on gw-2 and gw-3 and restarted the PSP connectors.".into(),
                })),
            ),
            (
                41,
                "Ana",
                post(
                    Audience::Customers,
                    "Card payments work again. We are sorry for the trouble.",
                ),
            ),
            (60, "Ravi", write(Section::Summary, SUMMARY)),
            (61, "Ravi", write(Section::RootCause, ROOT_CAUSE)),
            (62, "Ana", write(Section::WentWell, WENT_WELL)),
            (63, "Ravi", write(Section::Lessons, LESSONS)),
        ],
    );
    let the_note = entry(&incident, |c| matches!(c, Change::Notes(_)));
    let contained = entry(&incident, |c| {
        matches!(
            c,
            Change::Lifecycle(LifecycleEvent::StateChanged {
                to: State::Contained,
                ..
            })
        )
    });
    let incident = run(
        incident,
        vec![
            (64, "Ravi", star(the_note)),
            (64, "Ravi", star(contained)),
            (
                65,
                "Ravi",
                Command::Review(ReviewCommand::Move(ReviewStatus::InReview)),
            ),
            (
                70,
                "Ana",
                Command::Review(ReviewCommand::Move(ReviewStatus::Published)),
            ),
            (
                71,
                "Ravi",
                add_action(
                    "Alert when a gateway node presents an old chain",
                    ActionKind::Detective,
                    "Bo",
                    NaiveDate::from_ymd_opt(2026, 12, 15),
                ),
            ),
            (
                72,
                "Ravi",
                add_action(
                    "Check every node in the rotation job",
                    ActionKind::Preventive,
                    "Chen",
                    NaiveDate::from_ymd_opt(2026, 12, 1),
                ),
            ),
        ],
    );
    let done = action_id(&incident, "Check every node in the rotation job");
    run(
        incident,
        vec![
            (
                90,
                "Chen",
                Command::Actions(ActionCommand::Set(done, ActionState::Done, String::new())),
            ),
            (95, "Ravi", transition(State::Closed)),
        ],
    )
}

/// The parser options of every extension a wiki might have, so that the checks see markup any
/// of them would read (smart punctuation aside: it changes quotes, not structure).
fn options() -> Options {
    Options::all() - Options::ENABLE_SMART_PUNCTUATION
}

/// Every table line (a line starting with `|`) has as many cell separators as its table's
/// header: an escaped `\|` is text, not a separator.
fn assert_tables_hold(report: &str) {
    let separators = |line: &str| {
        let mut count = 0;
        let mut escaped = false;
        for c in line.chars() {
            match c {
                '\\' if !escaped => escaped = true,
                '|' if !escaped => count += 1,
                _ => escaped = false,
            }
            if c != '\\' {
                escaped = false;
            }
        }
        count
    };
    let mut header: Option<usize> = None;
    for line in report.lines() {
        if line.starts_with('|') {
            let n = separators(line);
            match header {
                None => header = Some(n),
                Some(h) => assert_eq!(n, h, "a table row as wide as its header: {line}"),
            }
        } else {
            header = None;
        }
    }
    // And as a parser reads it: every row has as many cells as the header.
    let mut widths: Vec<usize> = Vec::new();
    let mut cells = 0;
    for event in Parser::new_ext(report, options()) {
        match event {
            Md::Start(Tag::TableHead) | Md::Start(Tag::TableRow) => cells = 0,
            Md::Start(Tag::TableCell) => cells += 1,
            Md::End(TagEnd::TableHead) | Md::End(TagEnd::TableRow) => widths.push(cells),
            Md::End(TagEnd::Table) => {
                let first = widths.first().copied().unwrap_or(0);
                assert!(widths.iter().all(|w| *w == first), "{widths:?}\n{report}");
                widths.clear();
            }
            _ => {}
        }
    }
}

/// The report's headings as a parser reads them: level and text.
fn headings(report: &str) -> Vec<(HeadingLevel, String)> {
    let mut out = Vec::new();
    let mut current: Option<(HeadingLevel, String)> = None;
    for event in Parser::new_ext(report, options()) {
        match event {
            Md::Start(Tag::Heading { level, .. }) => current = Some((level, String::new())),
            Md::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t);
                }
            }
            Md::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

/// The lines of one `## ` part of the report, up to the next.
fn part<'a>(report: &'a str, heading: &str) -> Vec<&'a str> {
    report
        .lines()
        .skip_while(|l| *l != heading)
        .skip(1)
        .take_while(|l| !l.starts_with("## "))
        .collect()
}

#[test]
fn a_worked_incident_reads_as_the_checked_in_report() {
    let report = render(&worked(), false, at(24 * 60));
    if std::env::var("SITREP_BLESS").as_deref() == Ok("1") {
        if let Err(error) = std::fs::write(EXPECTED, &report) {
            panic!("{EXPECTED}: {error}");
        }
        return;
    }
    let expected = match std::fs::read_to_string(EXPECTED) {
        Ok(text) => text,
        Err(error) => panic!("{EXPECTED}: {error} (SITREP_BLESS=1 writes it)"),
    };
    assert!(
        report == expected,
        "the report differs from {EXPECTED} (SITREP_BLESS=1 rewrites it):\n{report}"
    );
}

#[test]
fn the_worked_report_has_its_parts_and_whole_tables() {
    let report = render(&worked(), true, at(24 * 60));
    assert_tables_hold(&report);
    let names: Vec<String> = headings(&report).into_iter().map(|(_, t)| t).collect();
    assert_eq!(
        names,
        [
            "INC-0042 — Card payments failing after the gateway certificate rotation",
            "Roles",
            "Timeline",
            "Updates",
            "Internal",
            "Customers",
            "Resolution",
            "Tasks done",
            "Review",
            "Summary",
            "Trigger and root cause",
            "What went well",
            "Lessons",
            "Follow-up actions",
        ]
    );
    // The review's own Markdown is kept: its code block, list, emphasis and link.
    assert!(report.contains("```\nrotate --node gw-1 --chain new\n```"));
    assert!(report.contains("[the runbook](https://wiki.example.com/rb-77)"));
    assert!(report.contains("1. Check *every* node"));
    assert!(report.ends_with("Generated by Sitrep at 2026-11-27 09:00 UTC.\n"));
}

#[test]
fn all_entries_lists_every_event_in_timeline_order() {
    // A note written last but dated early: the timeline puts it by its date.
    let incident = act(
        &worked(),
        Command::Notes(AddNote {
            text: "Pager went off for gw-2 at 08:50".into(),
            at: Some(at(-10)),
        }),
        100,
        "Bo",
        77,
    );
    let report = render(&incident, true, at(24 * 60));
    let timeline = part(&report, "## Timeline");
    assert!(timeline.contains(&"All entries, oldest first."));
    let items: Vec<&str> = timeline
        .iter()
        .copied()
        .filter(|l| l.starts_with("- "))
        .collect();
    assert_eq!(items.len(), incident.events().len());
    let times: Vec<&str> = items.iter().map(|l| &l[2..22]).collect();
    let mut sorted = times.clone();
    sorted.sort_unstable();
    assert_eq!(times, sorted, "oldest first");
    assert_eq!(
        items[0],
        "- 2026-11-26 08:50 UTC — Bo: Pager went off for gw-2 at 08:50"
    );
    assert!(items[1].starts_with("- 2026-11-26 09:00 UTC — Ana: Declared the incident"));
    assert!(items
        .iter()
        .any(|l| l.contains("Command handed from Ana to Ravi")));
}

#[test]
fn starred_only_lists_only_the_starred_entries() {
    let report = render(&worked(), false, at(24 * 60));
    let timeline = part(&report, "## Timeline");
    assert!(timeline.contains(&"Starred entries, oldest first."));
    let items: Vec<&str> = timeline
        .iter()
        .copied()
        .filter(|l| l.starts_with("- "))
        .collect();
    assert_eq!(
        items,
        [
            "- 2026-11-26 09:12 UTC — Bo: gw-2 and gw-3 still present the old intermediate certificate",
            "- 2026-11-26 09:22 UTC — Ravi: State: Investigating → Contained",
        ]
    );
}

#[test]
fn starred_chosen_with_none_starred_says_so() {
    let incident = run(
        declared("Search is slow", IncidentKind::Real),
        vec![(5, "Ana", note("p99 at 4 s"))],
    );
    let report = render(&incident, false, at(60));
    let timeline = part(&report, "## Timeline");
    assert!(timeline.contains(&"No entries starred."), "{report}");
    assert!(!timeline.iter().any(|l| l.starts_with("- ")));
    assert!(!report.contains("p99"));
    // The same incident with every entry: the declaration and the note.
    let all = render(&incident, true, at(60));
    let items = part(&all, "## Timeline")
        .into_iter()
        .filter(|l| l.starts_with("- "))
        .count();
    assert_eq!(items, 2);
}

#[test]
fn an_incident_without_a_review_says_so() {
    let incident = run(
        declared("Search is slow", IncidentKind::Real),
        vec![(5, "Ana", move_to(State::Triaged))],
    );
    let report = render(&incident, false, at(60));
    let review = part(&report, "## Review");
    assert!(review.contains(&"No review has been written."), "{report}");
    assert!(!report.contains("Status:"));
    assert!(part(&report, "## Follow-up actions").contains(&"No follow-up actions."));
    assert!(part(&report, "## Resolution").contains(&"Not resolved."));
    assert!(part(&report, "## Updates").contains(&"No updates were sent."));
}

#[test]
fn an_incident_closed_without_a_review_gives_the_reason() {
    let incident = run(
        declared("Search is slow", IncidentKind::Drill),
        vec![
            (5, "Ana", move_to(State::Triaged)),
            (6, "Ana", move_to(State::Investigating)),
            (7, "Ana", move_to(State::Contained)),
            (8, "Ana", move_to(State::Resolved)),
            (
                9,
                "Ana",
                Command::Review(ReviewCommand::CloseWithout(
                    "A drill of the paging only.\n**Nothing** to learn".into(),
                )),
            ),
        ],
    );
    let report = render(&incident, false, at(60));
    assert!(report.contains("**Drill:** this was an exercise, not a real incident.\n"));
    let review = part(&report, "## Review");
    assert!(
        review.contains(&"Closed without a review: A drill of the paging only.\\"),
        "{report}"
    );
    assert!(review.contains(&"\\*\\*Nothing\\*\\* to learn"), "{report}");
    assert!(!report.contains("No review has been written."));
    assert!(!report.contains("Status:"));
}

#[test]
fn a_review_keeps_its_markdown_but_no_raw_html_or_open_fence() {
    let incident = run(
        declared("Search is slow", IncidentKind::Real),
        vec![
            (5, "Ana", move_to(State::Triaged)),
            (6, "Ana", move_to(State::Investigating)),
            (7, "Ana", move_to(State::Contained)),
            (8, "Ana", move_to(State::Resolved)),
            (
                9,
                "Ana",
                write(
                    Section::Summary,
                    "**Slow** <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n<!-- hidden -->",
                ),
            ),
            (
                10,
                "Ana",
                write(Section::Lessons, "Run this:\n\n~~~~sh\nreindex --all\n"),
            ),
        ],
    );
    let report = render(&incident, false, at(60));
    assert!(report.contains("**Slow** &lt;script>alert(1)&lt;/script>"));
    assert!(!report.to_lowercase().contains("<script"));
    assert!(!report.contains('<'), "no `<` survives anywhere:\n{report}");
    assert!(report.contains("~~~~sh\nreindex --all\n~~~~\n"), "{report}");
    for event in Parser::new_ext(&report, options()) {
        assert!(
            !matches!(event, Md::Html(_) | Md::InlineHtml(_)),
            "{event:?}"
        );
    }
    let names: Vec<String> = headings(&report).into_iter().map(|(_, t)| t).collect();
    assert_eq!(names.last().map(String::as_str), Some("Follow-up actions"));
}

#[test]
fn a_review_keeps_safe_links_and_writes_out_images_and_unsafe_links_as_text() {
    let text = "See [the runbook](https://wiki.example/runbook) or [mail us](mailto:ops@example.com).\n\n[click](javascript:alert(1)) [data](data:text/html,x) [vb](VBScript:x) [ref][1]\n\n![pixel](https://evil.example/p.png) [![inner](https://evil.example/i.png)](https://ok.example)\n\n[1]: javascript:alert(2)";
    let incident = run(
        declared("Search is slow", IncidentKind::Real),
        vec![
            (5, "Ana", move_to(State::Triaged)),
            (6, "Ana", move_to(State::Investigating)),
            (7, "Ana", move_to(State::Contained)),
            (8, "Ana", move_to(State::Resolved)),
            (9, "Ana", write(Section::RootCause, text)),
        ],
    );
    let report = render(&incident, false, at(60));
    let mut links = Vec::new();
    for event in Parser::new_ext(&report, options()) {
        match event {
            Md::Start(Tag::Link { dest_url, .. }) => links.push(dest_url.to_string()),
            Md::Start(Tag::Image { dest_url, .. }) => panic!("an image is loaded: {dest_url}"),
            _ => {}
        }
    }
    assert_eq!(
        links,
        [
            "https://wiki.example/runbook",
            "mailto:ops@example.com",
            "https://ok.example"
        ],
        "{report}"
    );
    // What was written out stays readable as the text it was.
    for source in [
        "click",
        "javascript:alert(1)",
        "pixel",
        "evil.example/p.png",
    ] {
        assert!(
            report.contains(source),
            "{source} is kept as text:\n{report}"
        );
    }
}

/// Texts that are markup in one Markdown or another.
const HOSTILE: [&str; 26] = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<!-- hidden -->",
    "[x](javascript:alert(1))",
    "![pixel](https://evil.example/p.png)",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "=cmd|' /C calc'!A0",
    "a | b\n| c | d |\n|---|---|",
    "# heading\n## another ##",
    "line\n===",
    "line\n---",
    "1. one\n2) two",
    "- item\n+ item\n* item",
    "> quote\n>> deeper",
    "```\ncode\n```",
    "~~~\ncode",
    "    indented code",
    "*em* _em_ **strong** ~~strike~~ `code` ^sup^ $x$",
    "&lt;script&gt; &#60;b&#62;",
    "trailing backslash \\",
    "escaped \\| pipe \\\\| and \\",
    "cr\rlf\r\nsep\u{2028}par\u{2029}nel\u{85}tab\tend",
    "[[wiki]] [^1] {#id .class} {: onclick=\"x\"}",
    "term\n: definition",
];

/// An incident where `text` is everything a person can type: title, services, the reporter and
/// every name, the expert's area, updates, a note, the resolution, a task, the follow-up actions
/// and a won't-do reason; its review (a summary with raw HTML) is published, or it is closed
/// without one when `waived`, with `text` as the reason.
fn hostile(text: &str, waived: bool) -> Incident {
    let draft = Draft {
        title: text.into(),
        description: text.into(),
        category: Category::Security,
        services: vec![text.into(), "payments".into()],
        impact: Level::High,
        urgency: Level::High,
        priority_override: None,
        impact_started_at: at(-25),
        reported_by: text.into(),
        kind: IncidentKind::Drill,
    };
    let incident = match declare(draft, 7, &ctx(0, text, 7 << 40)) {
        Ok(incident) => incident,
        Err(error) => panic!("{error}"),
    };
    let incident = run(
        incident,
        vec![
            (1, text, move_to(State::Triaged)),
            (2, text, commander(text)),
            (
                3,
                text,
                Command::Roles(RoleCommand::AddExpert(Expert {
                    person: text.into(),
                    area: text.into(),
                })),
            ),
            (4, text, post(Audience::Internal, text)),
            (5, text, post(Audience::Customers, text)),
            (6, text, post(Audience::Executive, text)),
            (7, text, note(text)),
            (
                8,
                text,
                Command::Tasks(TaskCommand::Add(NewTask {
                    title: text.into(),
                    owner: text.into(),
                    due: None,
                })),
            ),
            (9, text, move_to(State::Investigating)),
            (10, text, commander("Ravi")),
            (11, text, move_to(State::Contained)),
            (
                12,
                text,
                Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
                    kind: ResolutionKind::Escalation,
                    escalated_to: text.into(),
                    summary: text.into(),
                })),
            ),
            (
                13,
                text,
                add_action(text, ActionKind::Corrective, text, None),
            ),
            (
                14,
                text,
                add_action("Second", ActionKind::Preventive, "", None),
            ),
        ],
    );
    let task = incident.parts().tasks.list()[0].id;
    let second = action_id(&incident, "Second");
    let note_id = entry(&incident, |c| matches!(c, Change::Notes(_)));
    let incident = run(
        incident,
        vec![
            (
                15,
                text,
                Command::Tasks(TaskCommand::Set(task, TaskState::Done)),
            ),
            (
                16,
                text,
                Command::Actions(ActionCommand::Set(second, ActionState::WontDo, text.into())),
            ),
            (17, text, star(note_id)),
        ],
    );
    if waived {
        return run(
            incident,
            vec![(
                18,
                text,
                Command::Review(ReviewCommand::CloseWithout(text.into())),
            )],
        );
    }
    run(
        incident,
        vec![
            (
                18,
                text,
                write(Section::Summary, "<script>alert(1)</script> <b>x</b>"),
            ),
            (
                19,
                text,
                Command::Review(ReviewCommand::Move(ReviewStatus::InReview)),
            ),
            (
                20,
                text,
                Command::Review(ReviewCommand::Move(ReviewStatus::Published)),
            ),
        ],
    )
}

/// What a parser reads in a report of hostile texts: only the report's own structure (headings
/// of its parts, tables, two bullet lists of `items` items in all, a block quote per update,
/// bold words, hard breaks and its one rule), never anything the texts would make.
fn assert_only_own_structure(report: &str, text: &str, items: usize) {
    for event in Parser::new_ext(report, options()) {
        match &event {
            Md::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(None)
                | Tag::List(None)
                | Tag::Item
                | Tag::Table(_)
                | Tag::TableHead
                | Tag::TableRow
                | Tag::TableCell
                | Tag::Strong,
            )
            | Md::End(_)
            | Md::Text(_)
            | Md::SoftBreak
            | Md::HardBreak
            | Md::Rule => {}
            other => panic!("{text:?} made {other:?}:\n{report}"),
        }
    }
    let count = |what: fn(&Md<'_>) -> bool| {
        Parser::new_ext(report, options())
            .filter(|e| what(e))
            .count()
    };
    assert_eq!(
        count(|e| matches!(e, Md::Rule)),
        1,
        "{text:?} made a rule:\n{report}"
    );
    // The drill line, one per update (three) and the resolution record's kind.
    assert_eq!(
        count(|e| matches!(e, Md::Start(Tag::Strong))),
        5,
        "{text:?} made bold text:\n{report}"
    );
    // One quote per update, none inside another.
    assert_eq!(
        count(|e| matches!(e, Md::Start(Tag::BlockQuote(_)))),
        3,
        "{text:?} made a block quote:\n{report}"
    );
    // The timeline's list and the resolution's, with an item per entry and per record.
    assert_eq!(
        count(|e| matches!(e, Md::Start(Tag::List(_)))),
        2,
        "{text:?} made a list:\n{report}"
    );
    assert_eq!(
        count(|e| matches!(e, Md::Start(Tag::Item))),
        items,
        "{text:?} made a list item:\n{report}"
    );
    let parts: Vec<(HeadingLevel, String)> = headings(report);
    let own = [
        "Roles",
        "Timeline",
        "Updates",
        "Internal",
        "Executives",
        "Customers",
        "Resolution",
        "Tasks done",
        "Review",
        "Summary",
        "Follow-up actions",
    ];
    assert_eq!(parts[0].0, HeadingLevel::H1);
    for (level, name) in &parts[1..] {
        assert!(
            own.contains(&name.as_str()) && *level != HeadingLevel::H1,
            "{text:?} made the heading {name:?}:\n{report}"
        );
    }
    assert_tables_hold(report);
    assert!(
        !report.to_lowercase().contains("<script"),
        "{text:?}:\n{report}"
    );
    assert!(!report.contains('<'), "{text:?}:\n{report}");
}

#[test]
fn hostile_texts_stay_text() {
    for text in HOSTILE {
        for waived in [false, true] {
            let incident = hostile(text, waived);
            for all_entries in [false, true] {
                let report = render(&incident, all_entries, at(60));
                // The timeline's entries (the starred note, or every event) and one resolution.
                let entries = if all_entries {
                    incident.events().len()
                } else {
                    1
                };
                assert_only_own_structure(&report, text, entries + 1);
                // The title reads as it was typed, on one line.
                let flat: String = incident
                    .title
                    .replace("\r\n", " ")
                    .chars()
                    .map(|c| match c {
                        '\u{2028}' | '\u{2029}' => ' ',
                        c if c.is_control() => ' ',
                        c => c,
                    })
                    .collect();
                assert_eq!(
                    headings(&report)[0].1,
                    format!("INC-0007 — {}", flat.trim()),
                    "{text:?}"
                );
            }
        }
    }
}

#[test]
fn escaping_writes_each_markup_character_as_text() {
    assert_eq!(escape("plain words, 4.5%"), "plain words, 4.5%");
    assert_eq!(
        escape("\\`*_[]<>#|~&${}^"),
        "\\\\\\`\\*\\_\\[\\]&lt;\\>\\#\\|\\~\\&\\$\\{\\}\\^"
    );
    assert_eq!(
        escape("two\nlines\r\nand\rmore\ttab"),
        "two lines and more tab"
    );
    assert_eq!(escape("Zürich — 東京"), "Zürich — 東京");
    // At the start of a line, list, rule, underline and definition marks are escaped too.
    assert_eq!(
        lines("- a\n+ b\n= c\n: d\n12. e\n3) f\n4 g", ""),
        "\\- a\\\n\\+ b\\\n\\= c\\\n\\: d\\\n12\\. e\\\n3\\) f\\\n4 g"
    );
    assert_eq!(lines("  one \n\n   two  ", "> "), "one\\\n> two");
    assert_eq!(lines("", "> "), "");
}

#[test]
fn the_file_name_keeps_a_safe_reference() {
    let base = declared("Search is slow", IncidentKind::Real);
    assert_eq!(file_name(&base), "sitrep-INC-0042-report.md");
    for (reference, name) in [
        ("INC-0100", "sitrep-INC-0100-report.md"),
        ("../../etc/passwd", "sitrep-______etc_passwd-report.md"),
        ("INC 42/Ünïcode", "sitrep-INC_42__n_code-report.md"),
        ("a\\b:c*d?e\"f<g>h|i", "sitrep-a_b_c_d_e_f_g_h_i-report.md"),
        ("", "sitrep-incident-report.md"),
    ] {
        let renamed = base.with_events(vec![ctx(1, "Ana", 9).write(
            &base,
            Topic::Reference,
            Change::Identity(IdentityEvent::Renumbered {
                reference: reference.into(),
            }),
        )]);
        assert_eq!(renamed.reference, reference);
        assert_eq!(file_name(&renamed), name, "{reference:?}");
    }
}

/// The report of a resolved incident whose lessons are `text`.
fn with_lessons(text: &str) -> String {
    let incident = run(
        declared("Search is slow", IncidentKind::Real),
        vec![
            (5, "Ana", move_to(State::Triaged)),
            (6, "Ana", move_to(State::Investigating)),
            (7, "Ana", move_to(State::Contained)),
            (8, "Ana", move_to(State::Resolved)),
            (9, "Ana", write(Section::Lessons, text)),
        ],
    );
    render(&incident, false, at(60))
}

#[test]
fn only_a_real_open_fence_is_closed() {
    // (lessons as written, as the report keeps them)
    let cases = [
        // Not fences: indented four spaces, a run of two, a backtick fence with a backtick after.
        ("    ```\ncode", "    ```\ncode"),
        ("``\ncode", "``\ncode"),
        ("```a`b\ncode", "```a`b\ncode"),
        // Open fences, closed at the end: never closed, closed by a shorter run, by the other
        // character, or by a line with text after the run.
        ("~~~\ncode", "~~~\ncode\n~~~"),
        ("~~~~\ncode\n~~~", "~~~~\ncode\n~~~\n~~~~"),
        ("```\ncode\n~~~", "```\ncode\n~~~\n```"),
        ("```\ncode\n``` more", "```\ncode\n``` more\n```"),
        // A tilde fence may name a language with backticks; it is a fence.
        ("~~~ `x`\ncode", "~~~ `x`\ncode\n~~~"),
        // Closed already: by a longer run, or the same one with blank space after.
        ("````\ncode\n`````", "````\ncode\n`````"),
        ("```\ncode\n```   ", "```\ncode\n```"),
        // Up to three spaces in is still a fence.
        ("   ```\ncode", "   ```\ncode\n```"),
    ];
    for (written, kept) in cases {
        let report = with_lessons(written);
        let expected = format!("### Lessons\n\n{kept}\n\n## Follow-up actions");
        assert!(
            report.contains(&expected),
            "{written:?} should be kept as {kept:?}:\n{report}"
        );
    }
}

#[test]
fn a_line_is_escaped_at_its_start_only_where_markdown_would_read_it() {
    for (text, inert) in [
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("=== underline", "\\=== underline"),
        (": definition", "\\: definition"),
        ("12. numbered", "12\\. numbered"),
        ("3) numbered", "3\\) numbered"),
        // Not a list: nothing to escape beyond the usual.
        (".net works", ".net works"),
        (")paren", ")paren"),
        ("2026 was fine", "2026 was fine"),
        ("a - b", "a - b"),
    ] {
        assert_eq!(lines(text, ""), inert, "{text:?}");
    }
}
