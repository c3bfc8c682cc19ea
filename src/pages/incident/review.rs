//! The post-incident review of a resolved incident: what the log already knows (times, roles,
//! updates, resolution, tasks done, starred entries), the sections people write (Markdown,
//! shown safely), its status from draft to published, and the follow-up actions it decides.
//! Also the form asked for when closing an incident that needs a review it does not have.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::browser::display_time;
use crate::components::words::{
    audience_label, describe, minutes_words, moment_label, move_label, prefill, resolution_how,
    role_label, section_hint, section_label, span_ends, span_label, status_label,
};
use crate::components::{
    bind_input, bind_textarea, refusal_message, select_value, ActionItem, ActionRow, Attempt,
    ConflictMark, Markdown,
};
use crate::domain::actions::{ActionCommand, ActionKind, NewAction};
use crate::domain::review::{facts, ReviewCommand, Section};
use crate::domain::{Command, CommandError, Incident, Topic};
use crate::hooks::use_clock;

use super::roles::PEOPLE;

/// The id of the review's heading: "Go to the review" moves focus here.
pub const REVIEW_HEADING: &str = "review-title";

/// Props of [`ReviewSection`].
#[derive(Properties, PartialEq)]
pub struct ReviewSectionProps {
    /// The incident as it is now.
    pub incident: Rc<Incident>,
    /// Runs a form's command; a refusal comes back to the form.
    pub attempt: Attempt<Command>,
    /// Runs a button's command; a refusal becomes the page's message.
    pub send: Callback<Command>,
}

/// The review, once the incident has been resolved.
#[component]
pub fn ReviewSection(props: &ReviewSectionProps) -> Html {
    let incident = &props.incident;
    let review = &incident.parts().review;
    if incident.milestones.resolved_at.is_none() && !review.is_started() {
        return html! {};
    }
    let status = review.status();
    let published = review.is_published();
    let moves = status.next().iter().map(|to| {
        let to = *to;
        let onclick = props
            .send
            .reform(move |_: MouseEvent| Command::Review(ReviewCommand::Move(to)));
        html! { <button type="button" class={classes!((to > status).then_some("primary"))} {onclick}>{ move_label(status, to) }</button> }
    });
    let sections = Section::ALL.into_iter().map(|section| {
        html! {
            <SectionEditor key={section.as_str()} incident={incident.clone()} {section}
                attempt={props.attempt.clone()} {published} />
        }
    });
    html! {
        <section class="review" aria-labelledby={REVIEW_HEADING} data-testid="review">
            <div class="section-head">
                <h2 id={REVIEW_HEADING} tabindex="-1">{ "Post-incident review" }</h2>
                <span class={classes!("tag", published.then_some("ok"))} data-testid="review-status">{ status_label(status) }</span>
                <ConflictMark incident={incident.clone()} topic={Topic::ReviewStatus} />
            </div>
            if let Some(reason) = review.waiver() {
                <p class="hint" data-testid="review-waiver">{ format!("Closed without a review: {reason}") }</p>
            }
            <p class="hint">{ "Write each section in Markdown. Star the timeline entries that matter (☆ Star, in the timeline below); they are listed here. Publish when the team agrees." }</p>
            { facts_view(incident) }
            { for sections }
            <div class="row">{ for moves }</div>
            <ActionsPart incident={incident.clone()} attempt={props.attempt.clone()} />
            <div class="row">
                <Link<Route> to={Route::Report { id: incident.id().to_string() }} classes="button">{ "Open the printable report" }</Link<Route>>
            </div>
        </section>
    }
}

/// What the log already knows, each part named by where it comes from.
fn facts_view(incident: &Incident) -> Html {
    let facts = facts(incident);
    let moments = facts.moments.iter().map(|(moment, at)| {
        html! { <tr><th scope="row">{ moment_label(*moment) }</th><td>{ display_time(*at) }</td></tr> }
    });
    let durations = facts.spans().into_iter().map(|(span, m)| {
        html! { <tr><th scope="row" title={span_ends(span)}>{ span_label(span) }</th><td>{ minutes_words(m) }</td></tr> }
    });
    let spells = facts.spells.iter().map(|s| {
        let until = s.until.map_or_else(|| "now".to_string(), display_time);
        html! { <li>{ format!("{}: {} ({} – {until})", role_label(s.role), s.person, display_time(s.from)) }</li> }
    });
    let experts = facts.experts.iter().map(|s| {
        let until = s.until.map_or_else(|| "now".to_string(), display_time);
        let post = if s.area.trim().is_empty() {
            "Subject expert".to_string()
        } else {
            format!("Subject expert ({})", s.area)
        };
        html! { <li>{ format!("{post}: {} ({} – {until})", s.person, display_time(s.from)) }</li> }
    });
    let sent = facts.sent.iter().filter(|s| s.count > 0).map(|s| {
        let when = match (s.first, s.last) {
            (Some(first), Some(last)) if s.count > 1 => {
                format!(", first {}, last {}", display_time(first), display_time(last))
            }
            (Some(first), _) => format!(", {}", display_time(first)),
            _ => String::new(),
        };
        html! { <li>{ format!("{}: {} update{}{when}", audience_label(s.audience), s.count, if s.count == 1 { "" } else { "s" }) }</li> }
    });
    let resolutions = facts.resolutions.iter().map(|r| {
        let rec = r.record;
        let how = resolution_how(rec);
        html! { <li>{ format!("{how}: {} ({}, {})", rec.summary, rec.recorded_by, display_time(rec.at)) }</li> }
    });
    let tasks = facts
        .tasks_done
        .iter()
        .map(|t| html! { <li>{ t.title.to_string() }</li> });
    let starred = facts.starred.iter().map(|e| {
        html! { <li data-testid="review-starred"><time datetime={e.at.to_rfc3339()}>{ display_time(e.at) }</time>{ " " }<span class="actor">{ e.actor.clone() }</span>{ " " }{ describe(incident, e) }</li> }
    });
    let none = |what: &'static str| html! { <p class="hint">{ what }</p> };
    html! {
        <details class="review-facts" open=true data-testid="review-facts">
            <summary>{ "From the log" }</summary>
            <p class="hint">{ "Gathered from the timeline as it stands; nothing here needs retyping." }</p>
            <div class="facts-grid">
                <table class="facts-table">
                    <caption>{ "Moments" }</caption>
                    <tbody>{ for moments }</tbody>
                </table>
                <table class="facts-table">
                    <caption>{ "Durations" }</caption>
                    <tbody>{ for durations }</tbody>
                </table>
            </div>
            <h3>{ "Roles" }</h3>
            if facts.spells.is_empty() && facts.experts.is_empty() {
                { none("No role was held.") }
            } else {
                <ul>{ for spells }{ for experts }</ul>
            }
            <h3>{ "Updates sent" }</h3>
            if facts.sent.iter().all(|s| s.count == 0) { { none("No update was posted.") } } else { <ul>{ for sent }</ul> }
            <h3>{ "Resolution" }</h3>
            if facts.resolutions.is_empty() { { none("No resolution recorded.") } } else { <ul>{ for resolutions }</ul> }
            <h3>{ "Tasks done" }</h3>
            if facts.tasks_done.is_empty() { { none("No task was done.") } } else { <ul>{ for tasks }</ul> }
            <h3>{ "Starred timeline entries" }</h3>
            if facts.starred.is_empty() {
                { none("None starred yet: star the entries that matter in the timeline.") }
            } else {
                <ol class="starred">{ for starred }</ol>
            }
        </details>
    }
}

#[derive(Properties, PartialEq)]
struct SectionEditorProps {
    incident: Rc<Incident>,
    section: Section,
    attempt: Attempt<Command>,
    published: bool,
}

/// One section: its text (prefilled from the log when nobody wrote it yet), a preview of the
/// Markdown, and Save. Published, it is shown and not edited.
#[component]
fn SectionEditor(props: &SectionEditorProps) -> Html {
    let section = props.section;
    let saved = props.incident.parts().review.section(section).to_string();
    // What the log suggests, worked out once when the editor appears (not at every tick).
    let prefilled = {
        let (incident, empty) = (props.incident.clone(), saved.is_empty());
        use_state(move || empty.then(|| prefill(&incident, section)).flatten())
    };
    let text = {
        let initial = (*prefilled).clone().unwrap_or_else(|| saved.clone());
        use_state(move || initial)
    };
    // The saved text the editor began from: when another copy or tab changes the section and
    // nothing was typed here, the editor takes the new text instead of keeping the old one.
    let started = {
        let saved = saved.clone();
        use_state(move || saved)
    };
    {
        let (text, started, prefilled) = (text.clone(), started.clone(), prefilled.clone());
        use_effect_with(saved.clone(), move |saved| {
            if *started != *saved {
                let untouched = *text == *started || prefilled.as_deref() == Some(text.as_str());
                if untouched {
                    text.set(saved.clone());
                }
                started.set(saved.clone());
            }
        });
    }
    let error = use_state(|| None::<String>);
    let label = section_label(section);
    let field = format!("review-{}", section.as_str());
    let topic = Topic::ReviewSection(section);
    if props.published {
        return html! {
            <div class="review-part" data-testid={format!("review-{}", section.as_str())}>
                <h3>{ label }</h3>
                <ConflictMark incident={props.incident.clone()} {topic} />
                if saved.is_empty() { <p class="hint">{ "Not written." }</p> } else { <Markdown text={saved} /> }
            </div>
        };
    }
    let onsubmit = {
        let (text, error, attempt) = (text.clone(), error.clone(), props.attempt.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match attempt.emit(Command::Review(ReviewCommand::Write(
                section,
                (*text).clone(),
            ))) {
                Ok(()) => error.set(None),
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let unsaved = *text != saved && !(saved.is_empty() && text.trim().is_empty());
    let hint_id = format!("{field}-hint");
    html! {
        <form class="review-part" {onsubmit} data-testid={format!("review-{}", section.as_str())}>
            <h3><label for={field.clone()}>{ label }</label></h3>
            <ConflictMark incident={props.incident.clone()} {topic} />
            <p class="hint" id={hint_id.clone()}>
                { section_hint(section) }
                if prefilled.is_some() && saved.is_empty() {
                    { " Prefilled from the log (title, resolution, times and services): edit it, then save." }
                }
            </p>
            <textarea id={field} rows="4" aria-describedby={hint_id} value={(*text).clone()} oninput={bind_textarea(&text)} />
            if !text.trim().is_empty() {
                <details class="md-preview">
                    <summary>{ format!("Preview of {}", label.to_lowercase()) }</summary>
                    <Markdown text={(*text).clone()} />
                </details>
            }
            <div class="row">
                <button type="submit">{ format!("Save {}", label.to_lowercase()) }</button>
                if unsaved { <span class="hint" data-testid="review-unsaved">{ "Not saved yet" }</span> }
            </div>
            if let Some(error) = &*error {
                <p class="form-error" role="alert">{ error.clone() }</p>
            }
        </form>
    }
}

#[derive(Properties, PartialEq)]
struct ActionsPartProps {
    incident: Rc<Incident>,
    attempt: Attempt<Command>,
}

/// The follow-up actions the review decided, and the form that adds one.
#[component]
fn ActionsPart(props: &ActionsPartProps) -> Html {
    let today = use_clock().date_naive();
    let title = use_state(String::new);
    let kind = use_state(|| ActionKind::Corrective);
    let owner = use_state(String::new);
    let due = use_state(String::new);
    let error = use_state(|| None::<String>);
    let incident = &props.incident;
    let actions = incident.parts().actions.list();
    let open = actions
        .iter()
        .filter(|a| a.state == crate::domain::actions::ActionState::Open)
        .count();
    let items = actions.iter().map(|a| {
        let id = a.id;
        let row = ActionRow::of(a, today);
        let onset = props
            .attempt
            .reform(move |(to, reason)| Command::Actions(ActionCommand::Set(id, to, reason)));
        html! { <ActionItem key={id.to_string()} id={id.to_string()} action={row} {onset} /> }
    });
    let onkind = {
        let kind = kind.clone();
        Callback::from(move |e: Event| {
            if let Some(k) = ActionKind::parse(&select_value(&e)) {
                kind.set(k);
            }
        })
    };
    let onsubmit = {
        let (title, kind, owner, due, error, attempt) = (
            title.clone(),
            kind.clone(),
            owner.clone(),
            due.clone(),
            error.clone(),
            props.attempt.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let day = match due.trim() {
                "" => None,
                text => match chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                    Ok(day) => Some(day),
                    Err(_) => {
                        return error.set(Some(
                            "The due date is not a date: pick one, or leave it empty.".into(),
                        ))
                    }
                },
            };
            let new = NewAction {
                title: (*title).clone(),
                kind: *kind,
                owner: (*owner).clone(),
                due: day,
            };
            match attempt.emit(Command::Actions(ActionCommand::Add(new))) {
                Ok(()) => {
                    title.set(String::new());
                    owner.set(String::new());
                    due.set(String::new());
                    error.set(None);
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    html! {
        <div class="review-actions" data-testid="review-actions">
            <h3>{ format!("Follow-up actions ({open} open)") }</h3>
            if actions.is_empty() {
                <p class="hint">{ "None yet. Add what must change so that this does not happen again." }</p>
            } else {
                <ul class="action-list">{ for items }</ul>
            }
            <form class="action-form" {onsubmit}>
                <div class="field-row">
                    <div class="field">
                        <label for="action-title">{ "Follow-up action" }</label>
                        <input id="action-title" type="text" value={(*title).clone()} oninput={bind_input(&title)} />
                    </div>
                    <div class="field">
                        <label for="action-kind">{ "Kind" }</label>
                        <select id="action-kind" onchange={onkind}>
                            { for ActionKind::ALL.into_iter().map(|k| html! {
                                <option value={k.as_str()} selected={*kind == k}>{ crate::components::words::action_kind_label(k) }</option>
                            }) }
                        </select>
                    </div>
                    <div class="field">
                        <label for="action-owner">{ "Owner" }</label>
                        <input id="action-owner" type="text" list={PEOPLE} autocomplete="off" value={(*owner).clone()} oninput={bind_input(&owner)} />
                    </div>
                    <div class="field">
                        <label for="action-due">{ "Due date" }</label>
                        <input id="action-due" type="date" value={(*due).clone()} oninput={bind_input(&due)} />
                    </div>
                </div>
                <button type="submit">{ "Add follow-up action" }</button>
            </form>
            if let Some(error) = &*error {
                <p class="form-error" role="alert">{ error.clone() }</p>
            }
        </div>
    }
}

/// Props of [`CloseForm`].
#[derive(Properties, PartialEq)]
pub struct CloseFormProps {
    /// The incident as it is now (for its priority in the words).
    pub incident: Rc<Incident>,
    /// Runs the command; answers whether it was accepted.
    pub attempt: Attempt<Command>,
    /// Closes the form without closing the incident.
    pub onclose: Callback<()>,
}

/// Asked on the way to closed when the incident needs a review it does not have: go to the
/// review, or close without one for a reason that is logged.
#[component]
pub fn CloseForm(props: &CloseFormProps) -> Html {
    let reason = use_state(String::new);
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (reason, error, attempt) = (reason.clone(), error.clone(), props.attempt.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let command = Command::Review(ReviewCommand::CloseWithout((*reason).clone()));
            if let Err(refused) = attempt.emit(command) {
                error.set(Some(refusal_message(&refused)));
            }
        })
    };
    let ongo = {
        let onclose = props.onclose.clone();
        Callback::from(move |_: MouseEvent| {
            onclose.emit(());
            if let Some(heading) = gloo::utils::document().get_element_by_id(REVIEW_HEADING) {
                heading.scroll_into_view();
                if let Ok(heading) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(heading)
                {
                    let _ = heading.focus();
                }
            }
        })
    };
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <form class="close-form panel" {onsubmit} aria-labelledby="close-title">
            <h2 id="close-title">{ "Close the incident" }</h2>
            <p role="status" data-testid="close-refused">{ refusal_message(&CommandError::ReviewRequired) }</p>
            <div class="row">
                <button type="button" class="primary" onclick={ongo}>{ "Go to the review" }</button>
            </div>
            <label for="no-review-reason">{ "Reason for closing without a review" }</label>
            <textarea id="no-review-reason" rows="2" value={(*reason).clone()} oninput={bind_textarea(&reason)} />
            <div class="row">
                <button type="submit" class="danger">{ "Close without a review" }</button>
                <button type="button" onclick={onclose}>{ "Keep it open" }</button>
            </div>
            if let Some(error) = &*error {
                <p class="form-error" role="alert">{ error.clone() }</p>
            }
        </form>
    }
}
