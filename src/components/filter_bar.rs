//! Search box and filters for the queue.

use yew::prelude::*;

use crate::components::words::Label;

use crate::components::select_value;
use crate::domain::search::{day_text, parse_day, Filter};
use crate::domain::{Category, Priority, State};

/// Props of [`FilterBar`].
#[derive(Properties, PartialEq)]
pub struct FilterBarProps {
    /// The filter in force.
    pub filter: Filter,
    /// Services seen before, offered as choices.
    pub services: Vec<String>,
    /// Everyone who commands an incident, for the commander choice.
    pub commanders: Vec<String>,
    /// Called with the changed filter.
    pub onchange: Callback<Filter>,
}

fn options<T: Copy + PartialEq>(
    all: &[T],
    current: Option<T>,
    value: fn(T) -> &'static str,
    label: fn(T) -> &'static str,
) -> Html {
    html! {
        <>
            <option value="" selected={current.is_none()}>{ "Any" }</option>
            { for all.iter().map(|&item| html! {
                <option value={value(item)} selected={current == Some(item)}>{ label(item) }</option>
            }) }
        </>
    }
}

/// Text search plus state, priority, category and service filters.
#[component]
pub fn FilterBar(props: &FilterBarProps) -> Html {
    let change = |update: fn(&mut Filter, String)| {
        let (filter, onchange) = (props.filter.clone(), props.onchange.clone());
        move |value: String| {
            let mut next = filter.clone();
            update(&mut next, value);
            onchange.emit(next);
        }
    };
    let onsearch = {
        let apply = change(|f, v| f.text = v);
        Callback::from(move |e: InputEvent| {
            apply(
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .value(),
            )
        })
    };
    let onstate = {
        let apply = change(|f, v| f.state = State::parse(&v));
        Callback::from(move |e: Event| apply(select_value(&e)))
    };
    let onpriority = {
        let apply = change(|f, v| f.priority = Priority::parse(&v));
        Callback::from(move |e: Event| apply(select_value(&e)))
    };
    let oncategory = {
        let apply = change(|f, v| f.category = Category::parse(&v));
        Callback::from(move |e: Event| apply(select_value(&e)))
    };
    let oncommander = {
        let apply = change(|f, v| f.commander = Some(v).filter(|s| !s.is_empty()));
        Callback::from(move |e: Event| apply(select_value(&e)))
    };
    let onservice = {
        let apply = change(|f, v| f.service = Some(v).filter(|s| !s.is_empty()));
        Callback::from(move |e: Event| apply(select_value(&e)))
    };
    let onclosed = {
        let (filter, onchange) = (props.filter.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let mut next = filter.clone();
            next.include_closed = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            onchange.emit(next);
        })
    };
    // A checkbox that sets one flag of the filter.
    let flag = |set: fn(&mut Filter, bool)| {
        let (filter, onchange) = (props.filter.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let mut next = filter.clone();
            set(
                &mut next,
                e.target_unchecked_into::<web_sys::HtmlInputElement>()
                    .checked(),
            );
            onchange.emit(next);
        })
    };
    let onoverdue = flag(|f, on| f.overdue_tasks = on);
    let ontargets = flag(|f, on| f.target_alarm = on);
    let onupdates = flag(|f, on| f.update_overdue = on);
    let onbreached = flag(|f, on| f.breached = on);
    let onreopened = flag(|f, on| f.reopened = on);
    let onnodrills = flag(|f, on| f.drills = on.then_some(false));
    let onnocancelled = flag(|f, on| f.no_cancelled = on);
    // A cleared day field lifts that end of the range.
    let day = |set: fn(&mut Filter, Option<chrono::NaiveDate>)| {
        let (filter, onchange) = (props.filter.clone(), props.onchange.clone());
        Callback::from(move |e: Event| {
            let mut next = filter.clone();
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            set(&mut next, parse_day(&value));
            onchange.emit(next);
        })
    };
    let onfrom = day(|f, d| f.from = d);
    let onto = day(|f, d| f.to = d);
    let f = &props.filter;
    // The filters the dashboard's figures lead to stay folded away until one is in use.
    let more = f.from.is_some()
        || f.to.is_some()
        || f.breached
        || f.reopened
        || f.drills == Some(false)
        || f.no_cancelled;
    html! {
        <div class="filter-bar" role="search">
            <input id="search" type="search" placeholder="Search title, description, notes, INC-…" aria-label="Search incidents"
                value={f.text.clone()} oninput={onsearch} />
            <label>{ "State" }<select id="filter-state" onchange={onstate}>{ options(&State::ALL, f.state, State::as_str, State::label) }</select></label>
            <label>{ "Priority" }<select id="filter-priority" onchange={onpriority}>{ options(&Priority::ALL, f.priority, Priority::as_str, Priority::as_str) }</select></label>
            <label>{ "Category" }<select id="filter-category" onchange={oncategory}>{ options(&Category::ALL, f.category, Category::as_str, Category::label) }</select></label>
            <label>{ "Service" }
                <select id="filter-service" onchange={onservice}>
                    <option value="" selected={f.service.is_none()}>{ "Any" }</option>
                    { for props.services.iter().map(|s| html! {
                        <option value={s.clone()} selected={f.service.as_deref() == Some(s.as_str())}>{ s.clone() }</option>
                    }) }
                </select>
            </label>
            <label>{ "Commander" }
                <select id="filter-commander" onchange={oncommander}>
                    <option value="" selected={f.commander.is_none()}>{ "Anyone" }</option>
                    { for props.commanders.iter().map(|c| html! {
                        <option value={c.clone()} selected={f.commander.as_deref() == Some(c.as_str())}>{ c.clone() }</option>
                    }) }
                </select>
            </label>
            <label class="check"><input id="filter-closed" type="checkbox" checked={f.include_closed} onchange={onclosed} />{ "Closed & cancelled too" }</label>
            <label class="check"><input id="filter-overdue" type="checkbox" checked={f.overdue_tasks} onchange={onoverdue} />{ "Overdue tasks only" }</label>
            <label class="check"><input id="filter-targets" type="checkbox" checked={f.target_alarm} onchange={ontargets} />{ "Targets breached or at risk" }</label>
            <label class="check"><input id="filter-updates" type="checkbox" checked={f.update_overdue} onchange={onupdates} />{ "Updates overdue" }</label>
            <details class="more-filters" open={more}>
                <summary>{ "Dates and more" }</summary>
                <label>{ "Reported from" }<input id="filter-from" type="date" value={f.from.map(day_text).unwrap_or_default()} onchange={onfrom} /></label>
                <label>{ "Reported to" }<input id="filter-to" type="date" value={f.to.map(day_text).unwrap_or_default()} onchange={onto} /></label>
                <label class="check"><input id="filter-breached" type="checkbox" checked={f.breached} onchange={onbreached} />{ "Targets breached only" }</label>
                <label class="check"><input id="filter-reopened" type="checkbox" checked={f.reopened} onchange={onreopened} />{ "Reopened only" }</label>
                <label class="check"><input id="filter-no-drills" type="checkbox" checked={f.drills == Some(false)} onchange={onnodrills} />{ "Leave out drills" }</label>
                <label class="check"><input id="filter-no-cancelled" type="checkbox" checked={f.no_cancelled} onchange={onnocancelled} />{ "Leave out cancelled" }</label>
            </details>
        </div>
    }
}
