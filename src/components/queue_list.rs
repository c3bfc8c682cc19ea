//! The queue as a virtualized list: only the rows in view are in the DOM.

use std::rc::Rc;

use chrono::{DateTime, Utc};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::words::{due_words, target_alarm_line};
use crate::components::{KindBadge, PriorityBadge, StateBadge};
use crate::domain::comms::next_update_due;
use crate::domain::search::{age, Clocks};
use crate::domain::targets::{self, Standing};
use crate::domain::Incident;
use crate::hooks::use_media_query;
use crate::store::Shared;

/// Height of one row in pixels on a wide screen.
const ROW_HEIGHT: f64 = 64.0;
/// Height of one row on a narrow screen, where the title gets up to three lines.
const NARROW_ROW_HEIGHT: f64 = 104.0;
/// The stylesheet's narrow layout starts here.
const NARROW: &str = "(max-width: 700px)";
/// Rows rendered above and below the visible window.
const OVERSCAN: usize = 8;
/// Rows rendered before the first scroll event tells the real viewport height.
const INITIAL_ROWS: usize = 30;

/// Props of [`QueueList`].
#[derive(Properties, PartialEq)]
pub struct QueueListProps {
    /// Incidents in queue order.
    pub incidents: Shared<Vec<Rc<Incident>>>,
    /// Time the ages are measured to, with the cadence and targets that make things late.
    pub clocks: Clocks,
}

fn row(incident: &Incident, clocks: &Clocks, top: f64, height: f64) -> Html {
    let now = clocks.now;
    let route = Route::Incident {
        id: incident.id().to_string(),
    };
    html! {
        <li class="queue-row" data-testid="queue-row" data-top={top.to_string()} data-height={height.to_string()}>
            <PriorityBadge priority={incident.priority()} long={false} />
            <Link<Route> to={route} classes="row-main">
                <span class="row-ref" data-testid="row-ref">{ incident.reference.clone() }</span>
                <span class="row-title" data-testid="row-title">{ incident.title.clone() }</span>
            </Link<Route>>
            <span class="row-kind"><KindBadge kind={incident.kind} /></span>
            <span class="row-state" data-testid="row-state"><StateBadge state={incident.state} /></span>
            { tasks(incident, now) }
            { alarms(incident, clocks) }
            <span class="row-priority" data-testid="row-priority">{ incident.priority().as_str() }</span>
            <span class="row-age" title="Since declared">{ age(incident.created_at, now) }</span>
            <span class="row-commander">{ incident.commander.clone().unwrap_or_else(|| "no commander".into()) }</span>
        </li>
    }
}

/// The next update due and a target in alarm, loud when late; nothing when neither applies.
fn alarms(incident: &Incident, clocks: &Clocks) -> Html {
    let now = clocks.now;
    let update = next_update_due(incident, &clocks.cadence).map(|due| {
        let late = due.is_overdue(now);
        html! {
            <span class={classes!("row-update", late.then_some("overdue"))} data-testid="row-update">
                { format!("update {}", due_words(due.due, now)) }
            </span>
        }
    });
    let target = targets::alarm(incident, &clocks.targets, now).map(|t| {
        let breached = t.standing == Standing::Breached;
        html! {
            <span class={classes!("row-target", breached.then_some("overdue"))} data-testid="row-target">
                { target_alarm_line(&t, now) }
            </span>
        }
    });
    html! { <span class="row-clocks">{ for update }{ for target }</span> }
}

/// The incident's open tasks, overdue ones marked; nothing when none is open.
fn tasks(incident: &Incident, now: DateTime<Utc>) -> Html {
    let (open, overdue) = incident.parts().tasks.open_counts(now);
    let words = match (open, overdue) {
        (0, _) => return html! { <span class="row-tasks"></span> },
        (1, 0) => "1 open task".to_string(),
        (open, 0) => format!("{open} open tasks"),
        (open, overdue) => format!("{open} open tasks, {overdue} overdue"),
    };
    let class = classes!(
        "row-tasks",
        "queue-tasks",
        (overdue > 0).then_some("overdue")
    );
    html! { <span {class} data-testid="row-tasks">{ words }</span> }
}

/// A scrolling list that renders only what is visible.
#[component]
pub fn QueueList(props: &QueueListProps) -> Html {
    let narrow = use_media_query(NARROW);
    let row_height = if narrow {
        NARROW_ROW_HEIGHT
    } else {
        ROW_HEIGHT
    };
    let window = use_state(|| (0.0_f64, INITIAL_ROWS as f64 * ROW_HEIGHT));
    let onscroll = {
        let window = window.clone();
        Callback::from(move |e: Event| {
            let el: web_sys::Element = e.target_unchecked_into();
            window.set((f64::from(el.scroll_top()), f64::from(el.client_height())));
        })
    };
    let total = props.incidents.len();
    let (scroll_top, height) = *window;
    // A filter can shrink the list while it is scrolled far down; read the window as the browser
    // will clamp it rather than wait for a scroll event that may not come.
    let scroll_top = scroll_top.min((total as f64 * row_height - height).max(0.0));
    let first = ((scroll_top / row_height) as usize)
        .saturating_sub(OVERSCAN)
        .min(total);
    let last = (((scroll_top + height) / row_height).ceil() as usize + OVERSCAN).min(total);
    // `first <= last <= total` for any finite window; an odd one renders no rows rather than panic.
    let rows = props
        .incidents
        .get(first..last)
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(i, incident)| {
            let top = (first + i) as f64 * row_height;
            row(incident, &props.clocks, top, row_height)
        });
    // Sizes and offsets are set through the CSSOM after each render: the Content-Security-Policy
    // (style-src 'self') refuses inline style attributes.
    let scroller = use_node_ref();
    {
        let scroller = scroller.clone();
        let content = total as f64 * row_height;
        use_effect(move || {
            place(&scroller, content);
        });
    }
    html! {
        <div class="queue-scroll" {onscroll} aria-label="Incident queue" ref={scroller}>
            <ol class="queue">
                { for rows }
            </ol>
        </div>
    }
}

/// Sizes the scroller and the list, and moves each rendered row to its `data-top` offset.
fn place(scroller: &NodeRef, content: f64) {
    use wasm_bindgen::JsCast;
    let Some(scroller) = scroller.cast::<web_sys::HtmlElement>() else {
        return;
    };
    let _ = scroller
        .style()
        .set_property("height", &format!("min(70vh, {}px)", content + 2.0));
    let Some(list) = scroller
        .first_element_child()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    let _ = list.style().set_property("height", &format!("{content}px"));
    let rows = list.children();
    for i in 0..rows.length() {
        let Some(row) = rows
            .item(i)
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        else {
            continue;
        };
        let number = |name: &str| row.get_attribute(name).unwrap_or_default();
        let style = row.style();
        let _ = style.set_property(
            "transform",
            &format!("translateY({}px)", number("data-top")),
        );
        let _ = style.set_property("height", &format!("{}px", number("data-height")));
    }
}
