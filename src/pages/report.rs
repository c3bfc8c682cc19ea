//! The incident with its review as a print-ready document: a title block, facts, roles, the
//! timeline (starred entries, or every entry on request), updates, resolution, review and
//! follow-up actions. The print stylesheet hides the app's navigation and these tools, and
//! breaks pages where a reader expects them (the review starts a page).

use std::rc::Rc;

use uuid::Uuid;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::words::Label;
use crate::components::words::{
    action_kind_label, action_state_label, audience_label, describe, due_date_words, minutes_words,
    moment_label, resolution_how, role_label, section_label, span_label, status_label, utc,
};
use crate::components::{KindBadge, Markdown};
use crate::domain::comms::Audience;
use crate::domain::review::{facts, Section};
use crate::domain::{Event, Incident};
use crate::store::use_app;

/// Props of [`ReportPage`].
#[derive(Properties, PartialEq)]
pub struct ReportPageProps {
    /// The incident's UUID, as it appears in the address.
    pub id: AttrValue,
}

/// The report screen.
#[component]
pub fn ReportPage(props: &ReportPageProps) -> Html {
    // Every hook first: none may follow a return.
    let app = use_app();
    let location = use_location();
    let navigator = use_navigator();
    // What the last download did.
    let said = use_state(String::new);
    let Some(app) = app else {
        return crate::pages::no_store();
    };
    let all = location
        .as_ref()
        .map(|l| {
            crate::domain::search::query_pairs(l.query_str())
                .any(|(key, value)| key == "all" && value == "1")
        })
        .unwrap_or(false);
    let Some(incident) = Uuid::parse_str(&props.id)
        .ok()
        .and_then(|id| app.incident(&id).cloned())
    else {
        return html! {
            <section class="page"><h1 tabindex="-1">{ "No such incident" }</h1>
            <p>{ "This browser holds no incident with that id, so there is no report to show." }</p></section>
        };
    };
    let id = incident.id().to_string();
    let ontoggle = {
        let id = id.clone();
        Callback::from(move |_: yew::events::Event| {
            if let Some(navigator) = &navigator {
                let route = Route::Report { id: id.clone() };
                let query: Vec<(&str, &str)> = if all { vec![] } else { vec![("all", "1")] };
                let _ = navigator.replace_with_query(&route, &query);
            }
        })
    };
    let onprint = Callback::from(|_: MouseEvent| {
        let _ = gloo::utils::window().print();
    });
    let onmarkdown = {
        let (incident, said) = (incident.clone(), said.clone());
        Callback::from(move |_: MouseEvent| said.set(save_markdown(&incident, all)))
    };
    html! {
        <article class="page report-page" data-testid="report">
            <div class="report-tools no-print" role="group" aria-label="Report tools">
                <Link<Route> to={Route::Incident { id: id.clone() }}>{ "Back to the incident" }</Link<Route>>
                <button type="button" class="primary" onclick={onprint}>{ "Print the report" }</button>
                <button type="button" onclick={onmarkdown}>{ "Download as Markdown" }</button>
                <label class="inline">
                    <input type="checkbox" checked={all} onchange={ontoggle} data-testid="report-all" />
                    { "Every timeline entry, not only the starred ones" }
                </label>
                <span class="hint" role="status" data-testid="report-saved">{ (*said).clone() }</span>
            </div>
            { document(&incident, all) }
        </article>
    }
}

/// Saves the report as a Markdown file (the starred entries, or every entry); says what happened.
fn save_markdown(incident: &Incident, all: bool) -> String {
    use crate::components::md_report;
    let text = md_report::render(incident, all, crate::browser::now());
    let name = md_report::file_name(incident);
    if crate::browser::download(&name, &text, "text/markdown") {
        format!("Saved {name}.")
    } else {
        "The browser refused the download; try again, or allow downloads for this page.".to_string()
    }
}

fn document(incident: &Rc<Incident>, all: bool) -> Html {
    let facts = facts(incident);
    let mut rows: Vec<(&'static str, String)> = vec![
        ("State", incident.state.label().to_string()),
        ("Priority", incident.priority().as_str().to_string()),
        ("Category", incident.category.label().to_string()),
        (
            "Services",
            if incident.services.is_empty() {
                "none".to_string()
            } else {
                incident.services.join(", ")
            },
        ),
        ("Reported by", incident.reported_by.clone()),
        (
            "Commander",
            incident.commander.clone().unwrap_or_else(|| "none".into()),
        ),
    ];
    for (moment, at) in &facts.moments {
        rows.push((moment_label(*moment), utc(*at)));
    }
    for (span, m) in facts.spans() {
        rows.push((span_label(span), minutes_words(m)));
    }
    let facts_rows = rows.into_iter().map(|(what, value)| {
        html! { <tr><th scope="row">{ what }</th><td>{ value }</td></tr> }
    });
    let spells = facts.spells.iter().map(|s| {
        html! { <tr>
            <td>{ role_label(s.role) }</td><td>{ s.person.clone() }</td>
            <td>{ utc(s.from) }</td><td>{ s.until.map_or_else(|| "now".to_string(), utc) }</td>
        </tr> }
    });
    let experts = facts.experts.iter().map(|s| {
        html! { <tr>
            <td>{ if s.area.trim().is_empty() { "Subject expert".to_string() } else { format!("Subject expert ({})", s.area) } }</td><td>{ s.person.clone() }</td>
            <td>{ utc(s.from) }</td><td>{ s.until.map_or_else(|| "now".to_string(), utc) }</td>
        </tr> }
    });
    let entries: Vec<&Event> = if all {
        let mut list: Vec<&Event> = incident.events().iter().collect();
        crate::order::sort_by_key(&mut list, |e| e.timeline_key());
        list
    } else {
        facts.starred.clone()
    };
    let entry = |e: &&Event| {
        html! { <li><time datetime={e.at.to_rfc3339()}>{ utc(e.at) }</time>{ " — " }<span class="actor">{ e.actor.clone() }</span>{ ": " }{ describe(incident, e) }</li> }
    };
    let comms = &incident.parts().comms;
    let updates = Audience::ALL.into_iter().filter_map(|audience| {
        let thread: Vec<_> = comms.thread(audience).collect();
        if thread.is_empty() {
            return None;
        }
        Some(html! { <>
            <h3>{ audience_label(audience) }</h3>
            { for thread.into_iter().map(|u| html! {
                <div class="report-update">
                    <p class="hint">
                        { format!("{} — {}", utc(u.at), incident.event(u.event).map_or("someone", |e| e.actor.as_str())) }
                        if let Some(earlier) = u.corrects.and_then(|c| comms.update(c)) {
                            { format!(" (corrects the update of {})", utc(earlier.at)) }
                        }
                    </p>
                    <blockquote class="update-text">{ u.text.clone() }</blockquote>
                </div>
            }) }
        </> })
    });
    let resolutions = facts.resolutions.iter().map(|r| {
        let rec = r.record;
        let how = resolution_how(rec);
        html! { <div class="report-resolution">
            <p><strong>{ how }</strong>{ format!(" — {}, {}", rec.recorded_by, utc(rec.at)) }</p>
            <p>{ rec.summary.clone() }</p>
        </div> }
    });
    let review = &incident.parts().review;
    let sections = Section::ALL.into_iter().filter_map(|section| {
        let text = review.section(section);
        (!text.is_empty()).then(|| {
            html! { <section class="report-section"><h3>{ section_label(section) }</h3><Markdown text={text.to_string()} /></section> }
        })
    });
    let actions = incident.parts().actions.list();
    let action_rows = actions.iter().map(|a| {
        let state = match (a.state, a.reason) {
            (crate::domain::actions::ActionState::WontDo, Some(reason)) => {
                format!("Won't do: {reason}")
            }
            (state, _) => action_state_label(state).to_string(),
        };
        html! { <tr>
            <td>{ a.title.to_string() }</td><td>{ action_kind_label(a.kind) }</td>
            <td>{ a.owner.unwrap_or("none").to_string() }</td><td>{ due_date_words(a.due) }</td><td>{ state }</td>
        </tr> }
    });
    html! { <>
        <header class="report-title">
            <p class="report-ref">{ format!("{} · {} · {}", incident.reference, incident.priority().as_str(), incident.state.label()) }</p>
            <h1 tabindex="-1">{ incident.title.clone() }</h1>
            <KindBadge kind={incident.kind} />
            <p class="hint">{ format!("Incident report, generated {}", utc(crate::browser::now())) }</p>
        </header>
        <section class="report-block">
            <h2>{ "Facts" }</h2>
            <table class="report-table"><tbody>{ for facts_rows }</tbody></table>
        </section>
        <section class="report-block">
            <h2>{ "Roles" }</h2>
            if facts.spells.is_empty() && facts.experts.is_empty() { <p>{ "No role was held." }</p> } else {
                <table class="report-table">
                    <thead><tr><th scope="col">{ "Role" }</th><th scope="col">{ "Person" }</th><th scope="col">{ "From" }</th><th scope="col">{ "Until" }</th></tr></thead>
                    <tbody>{ for spells }{ for experts }</tbody>
                </table>
            }
        </section>
        <section class="report-block report-timeline">
            <h2>{ if all { "Timeline: all entries" } else { "Timeline: starred entries" } }</h2>
            if entries.is_empty() {
                <p>{ "No entries starred." }</p>
            } else {
                <ol data-testid="report-timeline">{ for entries.iter().map(entry) }</ol>
            }
        </section>
        <section class="report-block">
            <h2>{ "Updates" }</h2>
            if comms.updates().is_empty() { <p>{ "No update was posted." }</p> } else { { for updates } }
        </section>
        <section class="report-block">
            <h2>{ "Resolution" }</h2>
            if facts.resolutions.is_empty() { <p>{ "Not resolved." }</p> } else { { for resolutions } }
        </section>
        <section class="report-block">
            <h2>{ "Tasks done" }</h2>
            if facts.tasks_done.is_empty() { <p>{ "None." }</p> } else {
                <ul>{ for facts.tasks_done.iter().map(|t| html! {
                    <li>{ t.title.to_string() }{ t.owner.map(|o| format!(" ({o})")).unwrap_or_default() }</li>
                }) }</ul>
            }
        </section>
        <section class="report-block report-review" data-testid="report-review">
            <h2>{ if review.is_started() {
                format!("Post-incident review ({})", status_label(review.status()).to_lowercase())
            } else {
                "Post-incident review".to_string()
            } }</h2>
            if let Some(reason) = review.waiver() {
                <p>{ format!("Closed without a review: {reason}") }</p>
            }
            if !review.is_started() && review.waiver().is_none() {
                <p>{ "No review written." }</p>
            }
            { for sections }
        </section>
        <section class="report-block report-actions">
            <h2>{ "Follow-up actions" }</h2>
            if actions.is_empty() { <p>{ "None." }</p> } else {
                <table class="report-table">
                    <thead><tr><th scope="col">{ "Action" }</th><th scope="col">{ "Kind" }</th><th scope="col">{ "Owner" }</th><th scope="col">{ "Due" }</th><th scope="col">{ "State" }</th></tr></thead>
                    <tbody>{ for action_rows }</tbody>
                </table>
            }
        </section>
    </> }
}
