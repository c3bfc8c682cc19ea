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
    yew::Renderer::<Timeline>::with_root_and_props(root.clone(), TimelineProps { incident })
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
    yew::Renderer::<Timeline>::with_root_and_props(again.clone(), TimelineProps { incident })
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
    yew::Renderer::<Timeline>::with_root_and_props(root.clone(), TimelineProps { incident })
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
            <QueueList incidents={props.incidents.clone()} now={props.now} />
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
        now: ctx(30, "A", 0).now,
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
