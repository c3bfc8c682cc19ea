//! Browser tests of components: rendered into a fresh element, flushed, inspected and clicked.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{TimeZone, Utc};
use sitrep::components::words::Guidance;
use sitrep::components::{
    ConflictMark, ConflictMarkProps, LevelPicker, LevelPickerProps, NoteForm, NoteFormProps,
    PriorityBadge, PriorityBadgeProps, QueueList, QueueListProps, RoleForm, TaskForm,
    TaskFormProps, TaskItem, TaskItemProps, TaskRow, Timeline, TimelineProps, TransitionBar,
    TransitionBarProps,
};
use sitrep::domain::commands::{declare, EditDetails};
use sitrep::domain::roles::Role;
use sitrep::domain::tasks::{NewTask, TaskState};
use sitrep::domain::{
    execute, Category, Change, Command, CommandContext, CommandError, Draft, Event, Incident,
    IncidentKind, Level, Priority, State,
};
use uuid::Uuid;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

fn mount_point() -> Element {
    let document = gloo::utils::document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div
}

/// The first element under `root` that matches `selector`, as the type the test needs.
fn element<T: JsCast>(root: &Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("nothing matches {selector}"))
        .dyn_into()
        .unwrap_or_else(|_| panic!("{selector} is not the element expected"))
}

fn testids(root: &Element, selector: &str) -> Vec<String> {
    let nodes = root.query_selector_all(selector).unwrap();
    (0..nodes.length())
        .filter_map(|i| nodes.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|e| e.get_attribute("data-testid"))
        .collect()
}

#[wasm_bindgen_test]
async fn transition_bar_offers_only_allowed_moves_and_reports_the_choice() {
    let root = mount_point();
    let chosen = Rc::new(RefCell::new(Vec::new()));
    let sink = chosen.clone();
    let props = TransitionBarProps {
        state: State::Reported,
        ontransition: Callback::from(move |s| sink.borrow_mut().push(s)),
    };
    yew::Renderer::<TransitionBar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(
        testids(&root, "button"),
        vec!["transition-triaged", "transition-cancelled"]
    );
    let button: HtmlElement = element(&root, "[data-testid=transition-triaged]");
    button.click();
    yew::scheduler::flush().await;
    assert_eq!(*chosen.borrow(), vec![State::Triaged]);
}

#[wasm_bindgen_test]
async fn resolved_offers_close_and_reopen_and_closed_offers_nothing() {
    let root = mount_point();
    let props = TransitionBarProps {
        state: State::Resolved,
        ontransition: Callback::noop(),
    };
    yew::Renderer::<TransitionBar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert_eq!(
        testids(&root, "button"),
        vec!["transition-closed", "transition-investigating"]
    );

    let root = mount_point();
    let props = TransitionBarProps {
        state: State::Closed,
        ontransition: Callback::noop(),
    };
    yew::Renderer::<TransitionBar>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert!(testids(&root, "button").is_empty());
    assert!(root.text_content().unwrap_or_default().contains("final"));
}

fn ctx(minute: u32, actor: &str, n: u128) -> CommandContext {
    let now = Utc.with_ymd_and_hms(2026, 11, 26, 10, minute, 0).unwrap();
    CommandContext::new(now, actor, Uuid::from_u128(n << 8))
}

fn declared() -> Incident {
    let draft = Draft {
        title: "DNS down".into(),
        description: String::new(),
        category: Category::Network,
        services: vec![],
        impact: Level::High,
        urgency: Level::High,
        priority_override: None,
        impact_started_at: ctx(0, "A", 0).now,
        reported_by: String::new(),
        kind: IncidentKind::Real,
    };
    declare(draft, 1, &ctx(0, "A", 1)).unwrap()
}

fn with_note(incident: &Incident, n: u128, minute: u32, actor: &str, text: &str) -> Incident {
    let at = ctx(minute, actor, n).now;
    incident.with_events(vec![Event {
        id: Uuid::from_u128(n),
        recorded_at: at,
        at,
        actor: actor.into(),
        supersedes: Vec::new(),
        change: Change::Notes(sitrep::domain::notes::NoteEvent::Added { text: text.into() }),
    }])
}

#[wasm_bindgen_test]
async fn hostile_text_in_the_timeline_renders_as_text() {
    let root = mount_point();
    let hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let incident = Rc::new(with_note(&declared(), 7, 1, "<b>Mallory</b>", hostile));
    yew::Renderer::<Timeline>::with_root_and_props(
        root.clone(),
        TimelineProps {
            incident,
            onstar: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    assert!(root.query_selector("img").unwrap().is_none());
    assert!(root.query_selector("script").unwrap().is_none());
    assert!(root.query_selector("b").unwrap().is_none());
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains(hostile), "{text}");
    assert!(text.contains("<b>Mallory</b>"));
}

#[wasm_bindgen_test]
async fn timeline_order_toggles_between_oldest_and_newest_first() {
    forget_timeline_order();
    let root = mount_point();
    let incident = with_note(&declared(), 2, 5, "A", "second");
    let incident = Incident::merge(&incident, &with_note(&declared(), 1, 1, "A", "first"));
    yew::Renderer::<Timeline>::with_root_and_props(
        root.clone(),
        TimelineProps {
            incident: Rc::new(incident),
            onstar: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    let order = |root: &Element| {
        let nodes = root
            .query_selector_all("[data-testid=timeline-event] .what")
            .unwrap();
        (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .filter_map(|n| n.text_content())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        order(&root),
        vec!["Declared the incident", "first", "second"]
    );
    let toggle: HtmlElement = element(&root, "[data-testid=timeline-order]");
    toggle.click();
    yew::scheduler::flush().await;
    assert_eq!(
        order(&root),
        vec!["second", "first", "Declared the incident"]
    );
    // The order is remembered: a timeline shown again starts newest first.
    let again = mount_point();
    let incident = Rc::new(with_note(&declared(), 1, 1, "A", "first"));
    yew::Renderer::<Timeline>::with_root_and_props(
        again.clone(),
        TimelineProps {
            incident,
            onstar: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    assert_eq!(order(&again), vec!["first", "Declared the incident"]);
    forget_timeline_order();
}

/// Forgets the timeline order this browser remembers, so each test starts oldest first.
fn forget_timeline_order() {
    if let Some(storage) = gloo::utils::window().local_storage().ok().flatten() {
        let _ = storage.remove_item("sitrep.timeline_order");
    }
}

#[wasm_bindgen_test]
async fn the_timeline_filter_shows_only_the_kind_chosen() {
    forget_timeline_order();
    let root = mount_point();
    let incident = Rc::new(with_note(&declared(), 1, 1, "A", "a note"));
    yew::Renderer::<Timeline>::with_root_and_props(
        root.clone(),
        TimelineProps {
            incident,
            onstar: None,
        },
    )
    .render();
    yew::scheduler::flush().await;
    let shown = |root: &Element| {
        root.query_selector_all("[data-testid=timeline-event]")
            .unwrap()
            .length()
    };
    assert_eq!(shown(&root), 2);
    let select: web_sys::HtmlSelectElement = element(&root, "#timeline-show");
    for (choice, count) in [("notes", 1), ("tasks", 0), ("changes", 1), ("all", 2)] {
        select.set_value(choice);
        select
            .dispatch_event(&web_sys::Event::new("change").unwrap())
            .unwrap();
        yew::scheduler::flush().await;
        assert_eq!(shown(&root), count, "{choice}");
    }
}

#[wasm_bindgen_test]
async fn a_task_shows_overdue_and_names_its_buttons_after_itself() {
    let root = mount_point();
    let set = Rc::new(RefCell::new(Vec::new()));
    let sink = set.clone();
    let props = TaskItemProps {
        task: TaskRow {
            title: "Rotate the keys".into(),
            owner: Some("Ana".into()),
            due: Some(Utc.with_ymd_and_hms(2026, 12, 1, 10, 0, 0).unwrap()),
            state: TaskState::Open,
            overdue: true,
            playbook: Some("Security incident".into()),
        },
        people: "people".into(),
        onset: Callback::from(move |to| sink.borrow_mut().push(to)),
        onchange: Callback::from(|_| Ok(())),
        onduty: None,
    };
    yew::Renderer::<TaskItem>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("[data-testid=task-overdue]")
        .unwrap()
        .is_some());
    let labels: Vec<String> = {
        let nodes = root.query_selector_all(".task-actions button").unwrap();
        (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("aria-label"))
            .collect()
    };
    assert_eq!(
        labels,
        vec!["Mark “Rotate the keys” done", "Cancel “Rotate the keys”"]
    );
    let done: HtmlElement = element(&root, ".task-actions button");
    done.click();
    yew::scheduler::flush().await;
    assert_eq!(*set.borrow(), vec![TaskState::Done]);
}

#[wasm_bindgen_test]
async fn a_refused_task_stays_in_the_form_with_the_reason() {
    let root = mount_point();
    let onadd = Callback::from(|_: NewTask| {
        Err(CommandError::TooLong {
            field: sitrep::domain::commands::Input::TaskTitle,
            len: 201,
            max: 200,
        })
    });
    yew::Renderer::<TaskForm>::with_root_and_props(
        root.clone(),
        TaskFormProps {
            people: "people".into(),
            onadd,
        },
    )
    .render();
    yew::scheduler::flush().await;
    let title: web_sys::HtmlInputElement = element(&root, "#task-title");
    title.set_value("Page the vendor");
    title
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let submit: HtmlElement = element(&root, "[data-testid=task-submit]");
    submit.click();
    yew::scheduler::flush().await;
    assert_eq!(title.value(), "Page the vendor");
    let error = root
        .query_selector("[data-testid=task-error]")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(error.starts_with("Task is too long"), "{error}");
}

#[wasm_bindgen_test]
async fn a_field_changed_on_both_sides_is_marked_until_set_again() {
    let base = declared();
    let title = |incident: &Incident, text: &str, minute: u32, actor: &str, n: u128| {
        let command = Command::Details(EditDetails {
            title: text.into(),
            description: String::new(),
            category: incident.category,
            services: vec![],
        });
        execute(incident, command, &ctx(minute, actor, n)).unwrap()
    };
    let a = title(&base, "Ana's title", 10, "Ana", 10);
    let b = title(&base, "Bo's title", 12, "Bo", 20);
    let merged = Incident::merge(&a, &b);
    let root = mount_point();
    yew::Renderer::<ConflictMark>::with_root_and_props(
        root.clone(),
        ConflictMarkProps {
            incident: Rc::new(merged.clone()),
            topic: sitrep::domain::Topic::Details(sitrep::domain::details::DetailField::Title),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let mark = root
        .query_selector("[data-testid=conflict-title]")
        .unwrap()
        .map(|m| m.text_content().unwrap_or_default())
        .unwrap_or_default();
    assert!(mark.contains("also changed by Ana"), "{mark}");
    assert!(mark.contains("Ana's title"), "{mark}");

    let settled = title(&merged, "Agreed", 20, "Cy", 30);
    let root = mount_point();
    yew::Renderer::<ConflictMark>::with_root_and_props(
        root.clone(),
        ConflictMarkProps {
            incident: Rc::new(settled),
            topic: sitrep::domain::Topic::Details(sitrep::domain::details::DetailField::Title),
        },
    )
    .render();
    yew::scheduler::flush().await;
    assert!(root.query_selector(".conflict").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn a_refused_note_stays_in_the_form_with_the_reason() {
    let root = mount_point();
    let accept = Rc::new(RefCell::new(false));
    let onadd = {
        let accept = accept.clone();
        Callback::from(move |_: (String, Option<chrono::DateTime<Utc>>)| {
            if *accept.borrow() {
                Ok(())
            } else {
                Err(CommandError::TooLong {
                    field: sitrep::domain::commands::Input::Note,
                    len: 20_001,
                    max: 20_000,
                })
            }
        })
    };
    yew::Renderer::<NoteForm>::with_root_and_props(root.clone(), NoteFormProps { onadd }).render();
    yew::scheduler::flush().await;
    let area: web_sys::HtmlTextAreaElement = element(&root, "#note-text");
    area.set_value("a long account of what happened");
    area.dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let submit: HtmlElement = element(&root, "[data-testid=note-submit]");
    submit.click();
    yew::scheduler::flush().await;
    assert_eq!(area.value(), "a long account of what happened");
    let error = root
        .query_selector("[data-testid=note-error]")
        .unwrap()
        .and_then(|e| e.text_content())
        .unwrap_or_default();
    assert!(error.starts_with("Note is too long"), "{error}");

    *accept.borrow_mut() = true;
    submit.click();
    yew::scheduler::flush().await;
    assert_eq!(area.value(), "", "an accepted note clears the form");
}

#[wasm_bindgen_test]
async fn level_picker_shows_guidance_and_reports_the_choice() {
    let root = mount_point();
    let chosen = Rc::new(RefCell::new(None));
    let sink = chosen.clone();
    let props = LevelPickerProps {
        name: "impact".into(),
        legend: "Impact".into(),
        value: Level::Medium,
        onchange: Callback::from(move |l| *sink.borrow_mut() = Some(l)),
    };
    yew::Renderer::<LevelPicker>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let text = root.text_content().unwrap_or_default();
    for level in Level::ALL {
        assert!(text.contains(level.impact_guidance()));
    }
    let high: HtmlElement = element(&root, "#impact-high");
    high.click();
    yew::scheduler::flush().await;
    assert_eq!(*chosen.borrow(), Some(Level::High));
}

#[wasm_bindgen_test]
async fn priority_badge_carries_words_not_only_colour() {
    let root = mount_point();
    let props = PriorityBadgeProps {
        priority: Priority::P1,
        long: true,
    };
    yew::Renderer::<PriorityBadge>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let badge = root.query_selector(".prio-p1").unwrap().expect("badge");
    assert_eq!(badge.text_content().unwrap_or_default(), "P1critical");
    assert!(badge
        .get_attribute("title")
        .unwrap_or_default()
        .contains("critical"));
}

fn numbered(n: u32) -> Rc<Incident> {
    let draft = Draft {
        title: format!("Incident {n}"),
        description: String::new(),
        category: Category::Network,
        services: vec![],
        impact: Level::Medium,
        urgency: Level::Medium,
        priority_override: None,
        impact_started_at: ctx(0, "A", 0).now,
        reported_by: String::new(),
        kind: IncidentKind::Real,
    };
    Rc::new(declare(draft, n, &ctx(0, "A", u128::from(n) + 1)).unwrap())
}

/// The references and vertical offsets of the rows in the DOM.
fn rendered_rows(root: &Element) -> Vec<(String, f64)> {
    let rows = root.query_selector_all("[data-testid=queue-row]").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .map(|row| {
            let reference = row
                .query_selector("[data-testid=row-ref]")
                .unwrap()
                .and_then(|r| r.text_content())
                .unwrap_or_default();
            let style = row.get_attribute("style").unwrap_or_default();
            let offset = style
                .split("translateY(")
                .nth(1)
                .and_then(|rest| rest.split("px").next())
                .and_then(|n| n.parse::<f64>().ok())
                .unwrap_or(-1.0);
            (reference, offset)
        })
        .collect()
}

/// The queue list inside a router, as the app renders it (its rows are links).
#[component]
fn RoutedQueue(props: &QueueListProps) -> Html {
    html! {
        <yew_router::HashRouter>
            <QueueList incidents={props.incidents.clone()} clocks={props.clocks} />
        </yew_router::HashRouter>
    }
}

#[wasm_bindgen_test]
async fn the_queue_renders_only_the_rows_in_view_and_follows_scrolling() {
    let all: Vec<Rc<Incident>> = (1..=10_000).map(numbered).collect();
    let style = gloo::utils::document().create_element("style").unwrap();
    style.set_text_content(Some(
        ".queue-scroll { overflow-y: auto } .queue { position: relative } .queue-row { position: absolute }",
    ));
    gloo::utils::document()
        .head()
        .unwrap()
        .append_child(&style)
        .unwrap();
    let root = mount_point();
    let props = |list: Vec<Rc<Incident>>| QueueListProps {
        incidents: sitrep::store::Shared(Rc::new(list)),
        clocks: ctx(30, "A", 0).now.into(),
    };
    let mut handle =
        yew::Renderer::<RoutedQueue>::with_root_and_props(root.clone(), props(all.clone()))
            .render();
    yew::scheduler::flush().await;
    let rows = rendered_rows(&root);
    assert!(
        !rows.is_empty() && rows.len() <= 60,
        "{} rows in the DOM",
        rows.len()
    );
    assert_eq!(rows[0], ("INC-0001".to_string(), 0.0));
    let height = rows[1].1;
    assert!(height > 0.0);

    // Scrolled to the middle: the rows there, at their own offsets, and no others.
    let scroller: HtmlElement = element(&root, ".queue-scroll");
    scroller.set_scroll_top((5_000.0 * height) as i32);
    scroller
        .dispatch_event(&web_sys::Event::new("scroll").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let rows = rendered_rows(&root);
    assert!(rows.len() <= 60, "{} rows", rows.len());
    assert!(
        rows.iter().any(|(r, _)| r == "INC-5001"),
        "row 5001 is rendered: {:?}",
        rows.first()
    );
    for (reference, offset) in &rows {
        let n: f64 = reference.trim_start_matches("INC-").parse().unwrap();
        assert_eq!(
            *offset,
            (n - 1.0) * height,
            "{reference} sits at its own offset"
        );
    }

    // A filter that leaves ten rows while scrolled far down still shows all ten.
    handle.update(props(all[..10].to_vec()));
    yew::scheduler::flush().await;
    let rows = rendered_rows(&root);
    assert_eq!(rows.len(), 10, "{rows:?}");
    assert_eq!(rows[9], ("INC-0010".to_string(), 9.0 * height));
}

#[derive(Properties, PartialEq)]
struct ProvidedProps {
    state: sitrep::store::AppState,
}

/// The status banners inside the app's state provider, starting from a given state, with the
/// hook that remembers what the person read.
#[component]
fn ProvidedBanners(props: &ProvidedProps) -> Html {
    let initial = props.state.clone();
    let app = use_reducer(move || initial);
    sitrep::hooks::use_remember(&app);
    html! {
        <ContextProvider<sitrep::store::AppContext> context={app}>
            <sitrep::components::StatusBanner />
        </ContextProvider<sitrep::store::AppContext>>
    }
}

#[wasm_bindgen_test]
async fn storage_banners_say_what_happened_and_the_wiped_one_goes_once_read() {
    use sitrep::store::{AppState, LoadStatus};
    let root = mount_point();
    let state = AppState {
        status: LoadStatus::Waiting,
        closed_elsewhere: true,
        wiped: Some("new-database".into()),
        ..AppState::default()
    };
    yew::Renderer::<ProvidedBanners>::with_root_and_props(root.clone(), ProvidedProps { state })
        .render();
    yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    assert_eq!(
        testids(&root, "[data-testid^=banner]"),
        ["banner-waiting", "banner-closed", "banner-wiped"]
    );
    let text = root.text_content().unwrap_or_default();
    assert!(text.contains("Close every other Sitrep tab"), "{text}");
    assert!(text.contains("Sitrep was updated in another tab"), "{text}");
    assert!(
        text.contains("No export from this browser is on record"),
        "{text}"
    );
    root.query_selector("[data-testid=wiped-dismiss]")
        .unwrap()
        .unwrap()
        .dyn_into::<HtmlElement>()
        .unwrap()
        .click();
    yew::platform::time::sleep(std::time::Duration::from_millis(10)).await;
    assert_eq!(
        testids(&root, "[data-testid^=banner]"),
        ["banner-waiting", "banner-closed"]
    );
    assert_eq!(
        gloo::utils::window()
            .local_storage()
            .unwrap()
            .unwrap()
            .get_item("sitrep.database")
            .unwrap()
            .as_deref(),
        Some("new-database"),
        "the new database is remembered once the warning is read"
    );
}

/// A role held in component state, as the incident page holds it in the store.
#[derive(Properties, PartialEq)]
struct HeldRoleProps {
    asked: Rc<RefCell<Vec<String>>>,
}

#[component]
fn HeldRole(props: &HeldRoleProps) -> Html {
    let holder = use_state(|| None::<(String, chrono::DateTime<Utc>)>);
    let onassign = {
        let (holder, asked) = (holder.clone(), props.asked.clone());
        Callback::from(move |name: String| {
            asked.borrow_mut().push(name.clone());
            if name.trim().is_empty() {
                return Err(CommandError::Required(
                    sitrep::domain::commands::Input::Name,
                ));
            }
            holder.set(Some((
                name,
                Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap(),
            )));
            Ok(())
        })
    };
    html! {
        <RoleForm role={Role::Commander} holder={(*holder).clone()} user={Some("Ana".to_string())}
            people="people" {onassign} onrelease={Callback::noop()} />
    }
}

#[wasm_bindgen_test]
async fn taking_command_assigns_the_user_once_and_submits_nothing_else() {
    let root = mount_point();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let props = HeldRoleProps {
        asked: asked.clone(),
    };
    yew::Renderer::<HeldRole>::with_root_and_props(root.clone(), props).render();
    yew::scheduler::flush().await;
    let holder = |root: &Element| {
        root.query_selector("[data-testid=commander-holder]")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap_or_default()
    };
    assert_eq!(holder(&root), "Vacant");
    let take: HtmlElement = (0..root.query_selector_all("button").unwrap().length())
        .filter_map(|i| root.query_selector_all("button").unwrap().item(i))
        .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().as_deref() == Some("Take command"))
        .expect("a Take command button");
    take.click();
    yew::scheduler::flush().await;
    assert_eq!(
        *asked.borrow(),
        vec!["Ana".to_string()],
        "one assignment, no empty submit"
    );
    assert!(holder(&root).contains("Ana"));
    assert!(root
        .query_selector("[data-testid=commander-error]")
        .unwrap()
        .is_none());
    let buttons: Vec<String> = (0..root.query_selector_all("button").unwrap().length())
        .filter_map(|i| root.query_selector_all("button").unwrap().item(i))
        .filter_map(|n| n.text_content())
        .collect();
    assert_eq!(buttons, vec!["Hand over command", "Release command"]);
}

// Communication, duties and targets: the incident and settings pages rendered inside the app's
// state and a clock stopped at a chosen time, as `App` provides them.

/// The app's state holding `incidents`, with a user.
fn holding(incidents: &[Rc<Incident>]) -> sitrep::store::AppState {
    sitrep::store::AppState {
        incidents: sitrep::store::Shared(Rc::new(
            incidents.iter().map(|i| (i.id(), i.clone())).collect(),
        )),
        user: Some("Ana".into()),
        ..sitrep::store::AppState::default()
    }
}

#[derive(Properties, PartialEq)]
struct AppAtProps {
    state: sitrep::store::AppState,
    /// What the app-wide clock reads.
    now: chrono::DateTime<Utc>,
    children: Html,
}

/// A page inside a router, the app's state (a reducer started from `state`) and a clock that
/// reads `now`; re-rendered with another `now`, the clock moves and the state stays.
#[component]
fn AppAt(props: &AppAtProps) -> Html {
    let initial = props.state.clone();
    let app = use_reducer(move || initial);
    html! {
        <yew_router::HashRouter>
            <ContextProvider<sitrep::store::AppContext> context={app}>
                <ContextProvider<sitrep::hooks::Clock> context={sitrep::hooks::Clock(props.now)}>
                    { props.children.clone() }
                </ContextProvider<sitrep::hooks::Clock>>
            </ContextProvider<sitrep::store::AppContext>>
        </yew_router::HashRouter>
    }
}

fn incident_page_at(incident: &Rc<Incident>, now: chrono::DateTime<Utc>) -> AppAtProps {
    AppAtProps {
        state: holding(std::slice::from_ref(incident)),
        now,
        children: html! { <sitrep::pages::IncidentPage id={incident.id().to_string()} /> },
    }
}

fn text_of(root: &Element, selector: &str) -> String {
    element::<Element>(root, selector)
        .text_content()
        .unwrap_or_default()
}

fn has_class(root: &Element, selector: &str, class: &str) -> bool {
    element::<Element>(root, selector)
        .get_attribute("class")
        .unwrap_or_default()
        .split_whitespace()
        .any(|c| c == class)
}

fn is_loud(root: &Element, selector: &str) -> bool {
    has_class(root, selector, "loud")
}

/// Whether the button is disabled (the crate's web-sys has no button element type).
fn disabled(button: &Element) -> bool {
    button.has_attribute("disabled")
}

fn input(field: &web_sys::HtmlElement) {
    field
        .dispatch_event(&web_sys::InputEvent::new("input").unwrap())
        .unwrap();
}

#[wasm_bindgen_test]
async fn the_next_update_counts_down_from_the_declaration_and_is_loud_once_overdue() {
    // A P1 declared at 10:00: the default cadence wants an update every 30 minutes.
    let incident = Rc::new(declared());
    assert_eq!(incident.priority(), Priority::P1);
    let root = mount_point();
    let mut handle = yew::Renderer::<AppAt>::with_root_and_props(
        root.clone(),
        incident_page_at(&incident, ctx(0, "A", 0).now),
    )
    .render();
    yew::scheduler::flush().await;
    for due in [
        "[data-testid=head-update-due]",
        "[data-testid=update-due-internal]",
    ] {
        assert_eq!(
            text_of(&root, due),
            "Internal update due in 30 min",
            "{due}"
        );
        assert!(!is_loud(&root, due), "{due} is quiet while on time");
    }

    handle.update(incident_page_at(&incident, ctx(35, "A", 0).now));
    yew::scheduler::flush().await;
    for due in [
        "[data-testid=head-update-due]",
        "[data-testid=update-due-internal]",
    ] {
        assert_eq!(
            text_of(&root, due),
            "Internal update overdue by 5 min",
            "{due}"
        );
        assert!(is_loud(&root, due), "{due} is loud once late");
    }
    // Announced once, in words that stay the same while the countdown moves.
    assert_eq!(
        text_of(&root, "[data-testid=thread-internal] [role=alert]"),
        "Internal update overdue"
    );
}

#[wasm_bindgen_test]
async fn a_refused_update_keeps_its_audience_and_text_with_the_reason() {
    let incident = Rc::new(declared());
    let root = mount_point();
    yew::Renderer::<AppAt>::with_root_and_props(
        root.clone(),
        incident_page_at(&incident, ctx(5, "A", 0).now),
    )
    .render();
    yew::scheduler::flush().await;
    let audience: web_sys::HtmlSelectElement = element(&root, "#update-audience");
    audience.set_value("executive");
    audience
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let post: HtmlElement = element(&root, ".update-form button[type=submit]");
    assert_eq!(
        post.text_content().as_deref(),
        Some("Post update to executives")
    );
    let text: web_sys::HtmlTextAreaElement = element(&root, "#update-text");
    let executive = "[data-testid=thread-executive]";

    // Blank: refused, and the form still writes to the executives.
    text.set_value("   ");
    input(&text);
    yew::scheduler::flush().await;
    post.click();
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, "#update-error"), "Update is required.");
    assert_eq!(audience.value(), "executive");
    assert_eq!(
        post.text_content().as_deref(),
        Some("Post update to executives")
    );
    assert!(text_of(&root, executive).contains("No update posted yet."));

    // Too long: refused, and every character typed is still there.
    let long = "x".repeat(20_001);
    text.set_value(&long);
    input(&text);
    yew::scheduler::flush().await;
    post.click();
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "#update-error"),
        "Update is too long (20001 characters; at most 20000)."
    );
    assert!(
        text.value() == long,
        "the long text is kept ({} characters left)",
        text.value().chars().count()
    );
    assert_eq!(audience.value(), "executive");
    assert!(text_of(&root, executive).contains("No update posted yet."));

    // Shortened, it is posted to the executives' thread and the form is cleared.
    text.set_value("We are restoring DNS.");
    input(&text);
    yew::scheduler::flush().await;
    post.click();
    yew::scheduler::flush().await;
    assert!(root.query_selector("#update-error").unwrap().is_none());
    assert_eq!(text.value(), "");
    assert!(text_of(&root, executive).contains("We are restoring DNS."));
    assert!(!text_of(&root, "[data-testid=thread-internal]").contains("We are restoring DNS."));
}

#[wasm_bindgen_test]
async fn a_duty_is_loud_in_the_last_quarter_of_its_time_and_once_overdue() {
    use sitrep::domain::duties::{defaults, DutyCommand};
    // The GDPR duty (72 hours) applied from 10:00 on the 26th: due 10:00 on the 29th, its last
    // quarter (18 hours) starting 16:00 on the 28th.
    let gdpr = defaults()
        .into_iter()
        .find(|d| d.id == "gdpr-breach")
        .unwrap();
    let started = ctx(0, "A", 0).now;
    let incident = Rc::new(
        execute(
            &declared(),
            Command::Duties(DutyCommand::Start(gdpr, Some(started))),
            &ctx(1, "A", 5),
        )
        .unwrap(),
    );
    let at = |day: u32, hour: u32| Utc.with_ymd_and_hms(2026, 11, day, hour, 0, 0).unwrap();
    let root = mount_point();
    let mut handle = yew::Renderer::<AppAt>::with_root_and_props(
        root.clone(),
        incident_page_at(&incident, at(28, 15)),
    )
    .render();
    yew::scheduler::flush().await;
    let (duty, standing) = ("[data-testid=duty]", "[data-testid=duty-standing]");
    assert_eq!(text_of(&root, standing), "due in 19 h 00 min (Owed)");
    assert!(!is_loud(&root, duty), "quiet with more than a quarter left");
    assert!(!is_loud(&root, "[data-testid=head-duty]"));

    handle.update(incident_page_at(&incident, at(28, 17)));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, standing),
        "due in 17 h 00 min (Owed: last quarter of its time)"
    );
    assert!(is_loud(&root, duty), "loud in the last quarter");
    assert!(is_loud(&root, "[data-testid=head-duty]"));

    handle.update(incident_page_at(&incident, at(29, 12)));
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, standing), "overdue by 2 h 00 min (Overdue)");
    assert!(is_loud(&root, duty), "loud once overdue");
    assert_eq!(
        text_of(&root, "[data-testid=duty] [role=alert]"),
        "GDPR personal-data breach notification (Art. 33): Overdue"
    );
}

#[wasm_bindgen_test]
async fn a_template_shows_an_unknown_placeholder_while_typing_and_cannot_be_saved() {
    let root = mount_point();
    yew::Renderer::<AppAt>::with_root_and_props(
        root.clone(),
        AppAtProps {
            state: holding(&[]),
            now: ctx(0, "A", 0).now,
            children: html! { <sitrep::pages::SettingsPage /> },
        },
    )
    .render();
    yew::scheduler::flush().await;
    let area: web_sys::HtmlTextAreaElement = element(&root, "#template-initial");
    let form = area.closest("form").unwrap().unwrap();
    let save: HtmlElement = element(&form, "button[type=submit]");
    let problems = "[data-testid=template-initial-problems]";
    assert!(root.query_selector(problems).unwrap().is_none());
    assert!(disabled(&save), "nothing to save before a change");

    area.set_value("We are looking into {title}. {nope}");
    input(&area);
    yew::scheduler::flush().await;
    let shown = text_of(&root, problems);
    assert!(shown.contains("“{nope}” is not a placeholder"), "{shown}");
    assert!(disabled(&save), "a template with a problem cannot be saved");
    assert_eq!(area.get_attribute("aria-invalid").as_deref(), Some("true"));

    area.set_value("We are looking into {title}.");
    input(&area);
    yew::scheduler::flush().await;
    assert!(root.query_selector(problems).unwrap().is_none());
    assert!(!disabled(&save), "the fixed template can be saved");
    save.click();
    yew::scheduler::flush().await;
    assert_eq!(area.value(), "We are looking into {title}.");
    assert!(disabled(&save), "saved: nothing left to save");
}

#[wasm_bindgen_test]
async fn the_queue_row_shows_the_acknowledge_target_at_risk_then_breached_until_triaged() {
    // A P1 reported at 10:00 is to be acknowledged within 15 minutes.
    let reported = Rc::new(declared());
    let triaged = Rc::new(
        execute(
            &reported,
            Command::Lifecycle(sitrep::domain::commands::Transition(State::Triaged)),
            &ctx(2, "A", 6),
        )
        .unwrap(),
    );
    let props = |incident: &Rc<Incident>, minute: u32| QueueListProps {
        incidents: sitrep::store::Shared(Rc::new(vec![incident.clone()])),
        clocks: ctx(minute, "A", 0).now.into(),
    };
    let root = mount_point();
    let mut handle =
        yew::Renderer::<RoutedQueue>::with_root_and_props(root.clone(), props(&reported, 10))
            .render();
    yew::scheduler::flush().await;
    let target = "[data-testid=row-target]";
    let late = |root: &Element| has_class(root, target, "overdue");
    assert_eq!(
        text_of(&root, target),
        "Time to acknowledge target at risk: due in 5 min"
    );
    assert!(!late(&root));

    handle.update(props(&reported, 20));
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, target),
        "Time to acknowledge target breached 5 min ago"
    );
    assert!(late(&root), "a breached target is marked");

    handle.update(props(&triaged, 20));
    yew::scheduler::flush().await;
    assert!(
        root.query_selector(target).unwrap().is_none(),
        "an acknowledged incident has no acknowledge alarm"
    );
}

#[wasm_bindgen_test]
async fn markdown_in_the_page_has_no_script_no_handler_no_image_and_only_safe_links() {
    use sitrep::components::{Markdown, MarkdownProps};
    let root = mount_point();
    let text = "# Review\n\n<script>window.__pwned = 1</script>\n\n<img src=x onerror=\"window.__pwned = 2\">\n\n\
        [bad](javascript:window.__pwned=3) [data](data:text/html,x) ![pixel](https://evil.example/p.png)\n\n\
        [runbook](https://wiki.example/runbook) and [mail](mailto:sre@example.com)\n\n\
        <a href=\"javascript:x\" onclick=\"x()\">raw</a>";
    yew::Renderer::<Markdown>::with_root_and_props(
        root.clone(),
        MarkdownProps { text: text.into() },
    )
    .render();
    yew::scheduler::flush().await;
    for selector in [
        "script",
        "img",
        "iframe",
        "style",
        "[onerror]",
        "[onclick]",
        "[src]",
    ] {
        assert!(
            root.query_selector(selector).unwrap().is_none(),
            "no {selector} in rendered Markdown"
        );
    }
    let anchors = root.query_selector_all("a").unwrap();
    let hrefs: Vec<String> = (0..anchors.length())
        .filter_map(|i| anchors.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .filter_map(|a| a.get_attribute("href"))
        .collect();
    assert_eq!(
        hrefs,
        ["https://wiki.example/runbook", "mailto:sre@example.com"]
    );
    let shown = root.text_content().unwrap_or_default();
    assert!(
        shown.contains("<script>window.__pwned = 1</script>"),
        "raw HTML reads as text"
    );
    assert!(shown.contains("pixel"), "an image reads as its description");
    assert!(
        root.query_selector("h3").unwrap().is_some(),
        "a heading sits under the page's"
    );
}

// The review and its follow-up actions on the incident page.

/// The P1 of [`declared`], worked to resolved with a fix by minute 20.
fn resolved() -> Incident {
    use sitrep::domain::resolution::{ResolutionCommand, ResolutionDraft, ResolutionKind};
    let mut incident = declared();
    for (k, command) in [
        Command::Lifecycle(sitrep::domain::commands::Transition(State::Triaged)),
        Command::Lifecycle(sitrep::domain::commands::Transition(State::Investigating)),
        Command::Lifecycle(sitrep::domain::commands::Transition(State::Contained)),
        Command::Resolution(ResolutionCommand::Resolve(ResolutionDraft {
            kind: ResolutionKind::Fix,
            escalated_to: String::new(),
            summary: "Restarted the resolvers".into(),
        })),
    ]
    .into_iter()
    .enumerate()
    {
        let k = k as u32;
        incident = execute(
            &incident,
            command,
            &ctx(5 + 5 * k, "A", 100 + u128::from(k)),
        )
        .unwrap();
    }
    incident
}

#[wasm_bindgen_test]
async fn a_review_section_over_the_limit_is_refused_and_keeps_every_character() {
    let incident = Rc::new(resolved());
    let root = mount_point();
    yew::Renderer::<AppAt>::with_root_and_props(
        root.clone(),
        incident_page_at(&incident, ctx(30, "A", 0).now),
    )
    .render();
    yew::scheduler::flush().await;
    // The summary starts with what the log knows, and says where it came from.
    let summary: web_sys::HtmlTextAreaElement = element(&root, "#review-summary");
    assert_eq!(summary.value(), "DNS down. Fix: Restarted the resolvers");
    assert!(text_of(&root, "#review-summary-hint").contains("Prefilled from the log"));

    let cause: web_sys::HtmlTextAreaElement = element(&root, "#review-root_cause");
    let save: HtmlElement = element(&root, "[data-testid=review-root_cause] button[type=submit]");
    assert_eq!(
        save.text_content().as_deref(),
        Some("Save trigger and root cause")
    );
    let long = "y".repeat(20_001);
    cause.set_value(&long);
    input(&cause);
    yew::scheduler::flush().await;
    save.click();
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "[data-testid=review-root_cause] [role=alert]"),
        "Trigger and root cause is too long (20001 characters; at most 20000)."
    );
    assert!(cause.value() == long, "every character typed is kept");
    assert_eq!(
        text_of(
            &root,
            "[data-testid=review-root_cause] [data-testid=review-unsaved]"
        ),
        "Not saved yet"
    );

    // Shortened, it is saved: no error, nothing unsaved, and a timeline entry says so.
    cause.set_value("A resolver **cache** expired at once.");
    input(&cause);
    yew::scheduler::flush().await;
    save.click();
    yew::scheduler::flush().await;
    assert!(root
        .query_selector("[data-testid=review-root_cause] [role=alert]")
        .unwrap()
        .is_none());
    assert!(root
        .query_selector("[data-testid=review-root_cause] [data-testid=review-unsaved]")
        .unwrap()
        .is_none());
    assert!(text_of(&root, ".timeline").contains("Review: Trigger and root cause written"));
}

#[wasm_bindgen_test]
async fn an_overdue_follow_up_is_loud_and_wont_do_needs_a_reason() {
    use sitrep::domain::actions::{ActionCommand, ActionKind, NewAction};
    let add = Command::Actions(ActionCommand::Add(NewAction {
        title: "Alert on resolver cache age".into(),
        kind: ActionKind::Detective,
        owner: "Ben".into(),
        due: chrono::NaiveDate::from_ymd_opt(2026, 11, 27),
    }));
    let incident = Rc::new(execute(&resolved(), add, &ctx(40, "A", 200)).unwrap());
    let root = mount_point();
    // Three days later, the action is overdue.
    let later = ctx(0, "A", 0).now + chrono::TimeDelta::days(3);
    yew::Renderer::<AppAt>::with_root_and_props(root.clone(), incident_page_at(&incident, later))
        .render();
    yew::scheduler::flush().await;
    assert!(has_class(&root, "[data-testid=action-item]", "overdue"));
    assert!(is_loud(&root, "[data-testid=action-due]"));
    assert_eq!(
        text_of(&root, "[data-testid=action-due]"),
        "due 2026-11-27 — overdue"
    );
    assert_eq!(
        text_of(&root, ".review-actions h3"),
        "Follow-up actions (1 open)"
    );

    let button = |name: &str| -> HtmlElement {
        let buttons = root
            .query_selector_all("[data-testid=action-item] button")
            .unwrap();
        (0..buttons.length())
            .filter_map(|i| buttons.item(i))
            .filter_map(|n| n.dyn_into::<HtmlElement>().ok())
            .find(|b| b.text_content().as_deref() == Some(name))
            .unwrap_or_else(|| panic!("no button {name:?}"))
    };
    button("Won't do: “Alert on resolver cache age”").click();
    yew::scheduler::flush().await;
    button("Confirm won't do: “Alert on resolver cache age”").click();
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "[data-testid=action-item] [role=alert]"),
        "Reason it will not be done is required."
    );
    assert_eq!(text_of(&root, "[data-testid=action-state]"), "Open");

    let reason: web_sys::HtmlInputElement = element(&root, ".wont-do input");
    reason.set_value("Replaced by the new resolver fleet");
    input(&reason);
    yew::scheduler::flush().await;
    button("Confirm won't do: “Alert on resolver cache age”").click();
    yew::scheduler::flush().await;
    assert_eq!(
        text_of(&root, "[data-testid=action-state]"),
        "Won't do: Replaced by the new resolver fleet"
    );
    assert!(!has_class(&root, "[data-testid=action-item]", "overdue"));
    assert_eq!(
        text_of(&root, ".review-actions h3"),
        "Follow-up actions (0 open)"
    );
    // Opened again with one click.
    button("Reopen: “Alert on resolver cache age”").click();
    yew::scheduler::flush().await;
    assert_eq!(text_of(&root, "[data-testid=action-state]"), "Open");
}

#[wasm_bindgen_test]
async fn a_starred_entry_is_pressed_marked_and_kept_by_the_starred_filter() {
    use sitrep::domain::review::ReviewCommand;
    forget_timeline_order();
    let incident = resolved();
    let triaged = incident
        .events()
        .iter()
        .find(|e| matches!(e.change, Change::Lifecycle(_)))
        .map(|e| e.id)
        .unwrap();
    let starred = execute(
        &incident,
        Command::Review(ReviewCommand::Star(triaged, true)),
        &ctx(40, "A", 300),
    )
    .unwrap();
    let asked = Rc::new(RefCell::new(Vec::new()));
    let onstar = {
        let asked = asked.clone();
        Callback::from(move |star: (Uuid, bool)| asked.borrow_mut().push(star))
    };
    let root = mount_point();
    yew::Renderer::<Timeline>::with_root_and_props(
        root.clone(),
        TimelineProps {
            incident: Rc::new(starred),
            onstar: Some(onstar),
        },
    )
    .render();
    yew::scheduler::flush().await;
    let stars = root.query_selector_all("[data-testid=star]").unwrap();
    let pressed: Vec<(String, String)> = (0..stars.length())
        .filter_map(|i| stars.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .map(|b| {
            (
                b.get_attribute("aria-label").unwrap_or_default(),
                b.get_attribute("aria-pressed").unwrap_or_default(),
            )
        })
        .collect();
    // Every entry but the star itself can be starred; only the triage is pressed.
    assert_eq!(pressed.len(), 6, "{pressed:?}");
    assert_eq!(
        pressed
            .iter()
            .filter(|(_, p)| p == "true")
            .map(|(l, _)| l.as_str())
            .collect::<Vec<_>>(),
        vec!["Star for the review: State: Reported → Triaged"]
    );
    // Pressing it asks to remove the star; pressing another asks to add one.
    let button = |label: &str| -> HtmlElement {
        element(
            &root,
            &format!("[data-testid=star][aria-label=\"{label}\"]"),
        )
    };
    button("Star for the review: State: Reported → Triaged").click();
    button("Star for the review: Declared the incident").click();
    assert_eq!(
        *asked.borrow(),
        vec![
            (triaged, false),
            (starred_id("Declared the incident", &incident), true)
        ]
    );
    let select: web_sys::HtmlSelectElement = element(&root, "#timeline-show");
    select.set_value("starred");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    yew::scheduler::flush().await;
    let shown = root
        .query_selector_all("[data-testid=timeline-event]")
        .unwrap();
    assert_eq!(shown.length(), 1);
    assert!(text_of(&root, "[data-testid=timeline-event]").contains("State: Reported → Triaged"));
    assert!(has_class(&root, "[data-testid=timeline-event]", "starred"));
}

/// The id of the event whose timeline line is `line`.
fn starred_id(line: &str, incident: &Incident) -> Uuid {
    incident
        .events()
        .iter()
        .find(|e| sitrep::components::words::describe(incident, e) == line)
        .map(|e| e.id)
        .unwrap()
}

mod charts {
    use super::*;
    use sitrep::components::chart::{Bar, Chart, ChartProps, Layout, Unit};

    fn bars() -> Rc<Vec<Bar>> {
        Rc::new(vec![
            Bar::count("P1 critical", 4, Some("#/?priority=P1".into()))
                .tone("p1")
                .tick("P1"),
            Bar::count("P2 high", 8, Some("#/?priority=P2".into())),
            Bar::new("P3 moderate", None, "none reached", None),
        ])
    }

    fn props(layout: Layout, bars: Rc<Vec<Bar>>) -> ChartProps {
        ChartProps {
            id: "chart-test".into(),
            title: "Incidents by priority".into(),
            noun: "incidents".into(),
            bars,
            layout,
            table: None,
            unit: Unit::Minutes,
            empty: "Nothing to count in this range.".into(),
        }
    }

    fn attributes(root: &Element, selector: &str, name: &str) -> Vec<String> {
        let nodes = root.query_selector_all(selector).unwrap();
        (0..nodes.length())
            .filter_map(|i| nodes.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute(name))
            .collect()
    }

    #[wasm_bindgen_test]
    async fn bars_are_svg_links_named_by_what_they_show_with_lengths_to_scale_and_a_table() {
        let root = mount_point();
        yew::Renderer::<Chart>::with_root_and_props(root.clone(), props(Layout::Rows, bars()))
            .render();
        yew::scheduler::flush().await;
        // Drawn in the SVG namespace, so the browser draws them and follows their links.
        let svg: Element = element(&root, "figure svg");
        assert_eq!(
            svg.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        let link: Element = element(&root, "svg a.chart-link");
        assert_eq!(
            link.namespace_uri().as_deref(),
            Some("http://www.w3.org/2000/svg")
        );
        assert_eq!(
            attributes(&root, "svg a.chart-link", "aria-label"),
            [
                "P1 critical 4 incidents. List them",
                "P2 high 8 incidents. List them"
            ]
        );
        assert_eq!(
            attributes(&root, "svg a.chart-link", "href"),
            ["#/?priority=P1", "#/?priority=P2"]
        );
        // The bar without a link is a labelled image; the one without a value draws no bar.
        assert_eq!(
            attributes(&root, "svg g.chart-item", "aria-label"),
            ["P3 moderate none reached"]
        );
        assert_eq!(root.query_selector_all("svg rect.bar").unwrap().length(), 2);
        // Lengths to scale: the largest bar spans the axis, the other is in proportion.
        let widths: Vec<u64> = attributes(&root, "svg rect.bar", "width")
            .iter()
            .map(|w| w.parse().unwrap())
            .collect();
        let axis_end: u64 = element::<Element>(&root, "svg .axis line")
            .get_attribute("x2")
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(widths, [axis_end / 2, axis_end]);
        // The longest value still fits after the longest bar.
        // ("none reached", 12 characters at about 7.5 units each).
        assert!(axis_end + 6 + 12 * 15 / 2 <= 360, "{axis_end}");
        assert_eq!(
            attributes(&root, "svg rect.bar", "class"),
            ["bar p1", "bar"]
        );
        // The axis's far end is written in the chart's unit.
        let axis: Element = element(&root, "svg .axis text[text-anchor=end]");
        assert_eq!(axis.text_content().as_deref(), Some("8 min"));
        // The table: the same labels and values, the linked ones as links.
        let summary: HtmlElement = element(&root, "details summary");
        assert_eq!(
            summary.text_content().as_deref(),
            Some("Incidents by priority as a table")
        );
        let cells: Vec<String> = {
            let nodes = root.query_selector_all("table tbody td").unwrap();
            (0..nodes.length())
                .filter_map(|i| nodes.item(i))
                .filter_map(|n| n.text_content())
                .collect()
        };
        assert_eq!(cells, ["4", "8", "none reached"]);
        assert_eq!(
            attributes(&root, "table a", "href"),
            ["#/?priority=P1", "#/?priority=P2"]
        );
    }

    #[wasm_bindgen_test]
    async fn columns_keep_their_value_for_hover_and_focus_and_an_empty_chart_says_so() {
        let root = mount_point();
        yew::Renderer::<Chart>::with_root_and_props(root.clone(), props(Layout::Columns, bars()))
            .render();
        yew::scheduler::flush().await;
        assert_eq!(
            root.query_selector_all("svg text.tip").unwrap().length(),
            3,
            "every column carries its value"
        );
        // Every other column is named under the axis, by its short label where it has one.
        let ticks: Vec<String> = (0..root.query_selector_all("svg text.label").unwrap().length())
            .filter_map(|n| root.query_selector_all("svg text.label").unwrap().get(n))
            .filter_map(|t| t.text_content())
            .collect();
        assert_eq!(ticks, ["P1", "P3 moderate"]);
        let empty = mount_point();
        let zero = Rc::new(vec![Bar::count("P1 critical", 0, None)]);
        let counted = ChartProps {
            unit: Unit::Count,
            ..props(Layout::Rows, zero.clone())
        };
        yew::Renderer::<Chart>::with_root_and_props(empty.clone(), counted).render();
        yew::scheduler::flush().await;
        assert!(empty.query_selector("svg").unwrap().is_none());
        let said: Element = element(&empty, ".chart-empty");
        assert_eq!(
            said.text_content().as_deref(),
            Some("Nothing to count in this range.")
        );
        // The table is still one click away, with the zero in it.
        assert_eq!(
            empty.query_selector_all("table tbody tr").unwrap().length(),
            1
        );
        // No minutes at all is a value worth drawing, not nothing.
        let quick = mount_point();
        yew::Renderer::<Chart>::with_root_and_props(quick.clone(), props(Layout::Rows, zero))
            .render();
        yew::scheduler::flush().await;
        assert!(quick.query_selector("svg").unwrap().is_some());
        assert!(quick.query_selector(".chart-empty").unwrap().is_none());
    }
}
