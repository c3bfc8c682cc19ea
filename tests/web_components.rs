//! Browser tests of components: rendered into a fresh element, flushed, inspected and clicked.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use chrono::{TimeZone, Utc};
use sitrep::components::{
    LevelPicker, LevelPickerProps, PriorityBadge, PriorityBadgeProps, Timeline, TimelineProps,
    TransitionBar, TransitionBarProps,
};
use sitrep::domain::{EventKind, Level, Priority, State, TimelineEvent};
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
    let button: HtmlElement = root
        .query_selector("[data-testid=transition-triaged]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
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

#[wasm_bindgen_test]
async fn hostile_text_in_the_timeline_renders_as_text() {
    let root = mount_point();
    let at = Utc.with_ymd_and_hms(2026, 11, 26, 10, 0, 0).unwrap();
    let hostile = "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>";
    let events = vec![TimelineEvent {
        id: Uuid::from_u128(7),
        at,
        recorded_at: at,
        actor: "<b>Mallory</b>".into(),
        kind: EventKind::Note {
            text: hostile.into(),
        },
    }];
    yew::Renderer::<Timeline>::with_root_and_props(root.clone(), TimelineProps { events }).render();
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
    let root = mount_point();
    let at = |m| Utc.with_ymd_and_hms(2026, 11, 26, 10, m, 0).unwrap();
    let event = |n: u128, m: u32, text: &str| TimelineEvent {
        id: Uuid::from_u128(n),
        at: at(m),
        recorded_at: at(m),
        actor: "A".into(),
        kind: EventKind::Note { text: text.into() },
    };
    let events = vec![event(2, 5, "second"), event(1, 1, "first")];
    yew::Renderer::<Timeline>::with_root_and_props(root.clone(), TimelineProps { events }).render();
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
    assert_eq!(order(&root), vec!["first", "second"]);
    let toggle: HtmlElement = root
        .query_selector("[data-testid=timeline-order]")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    toggle.click();
    yew::scheduler::flush().await;
    assert_eq!(order(&root), vec!["second", "first"]);
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
    let high: HtmlElement = root
        .query_selector("#impact-high")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
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
