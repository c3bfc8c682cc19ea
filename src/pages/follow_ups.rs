//! Every follow-up action across all incidents: open ones by default, overdue first, filtered by
//! owner, kind, state and incident with the filters in the URL; marking one done is one click.

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::browser::{command_context, local_day};
use crate::components::words::{action_kind_label, action_state_label};
use crate::components::{select_value, ActionItem, ActionRow};
use crate::domain::actions::{
    follow_ups, open_counts, ActionCommand, ActionKind, ActionState, FollowUpFilter,
};
use crate::domain::{execute, Command, CommandError, Incident};
use crate::hooks::use_clock;
use crate::store::{use_app, Action, Shared};

/// What the page lists: each action with its incident, the counts, and the choices of owner and
/// incident (those that have any action).
#[derive(PartialEq)]
struct Listed {
    rows: Vec<(Rc<Incident>, uuid::Uuid, ActionRow)>,
    open: usize,
    overdue: usize,
    owners: Vec<String>,
    references: Vec<String>,
}

impl Listed {
    fn of(
        held: &std::collections::BTreeMap<uuid::Uuid, Rc<Incident>>,
        filter: &FollowUpFilter,
        today: chrono::NaiveDate,
    ) -> Listed {
        let incidents = held.values();
        let rows = follow_ups(incidents.clone().map(|i| i.as_ref()), filter)
            .into_iter()
            .filter_map(|f| {
                let a = &f.action;
                let incident = held.get(&f.incident.id())?;
                let row = ActionRow::of(a, today);
                Some((incident.clone(), a.id, row))
            })
            .collect();
        let (open, overdue) = open_counts(incidents.clone().map(|i| i.as_ref()), today);
        let mut owners: Vec<String> = Vec::new();
        let mut references: Vec<String> = Vec::new();
        for incident in incidents {
            let actions = incident.parts().actions.list();
            if !actions.is_empty() {
                references.push(incident.reference.clone());
            }
            for owner in actions.iter().filter_map(|a| a.owner) {
                if !owners.iter().any(|o| o.eq_ignore_ascii_case(owner)) {
                    owners.push(owner.to_string());
                }
            }
        }
        crate::order::sort_by_key(&mut owners, |o| o.to_lowercase());
        // INC-9999 before INC-10000, as the queue orders them.
        crate::order::sort_by_key(&mut references, |r| {
            let n = crate::domain::values::reference_number(r);
            (n.is_none(), n, r.clone())
        });
        Listed {
            rows,
            open,
            overdue,
            owners,
            references,
        }
    }
}

#[derive(Properties, PartialEq)]
struct FollowUpRowsProps {
    /// What the page lists (compared by identity: the rows render again only when it changes).
    listed: Shared<Option<Listed>>,
}

/// The listed actions, each with its incident and its buttons.
#[component]
fn FollowUpRows(props: &FollowUpRowsProps) -> Html {
    let app = use_app();
    let (Some(app), Some(listed)) = (app, props.listed.as_ref()) else {
        return html! {};
    };
    let rows = listed.rows.iter().map(|(incident, id, row)| {
        let id = *id;
        let onset = {
            let (app, incident) = (app.clone(), incident.clone());
            Callback::from(move |(to, reason): (ActionState, String)| {
                let command = Command::Actions(ActionCommand::Set(id, to, reason));
                let ctx = command_context(app.user.as_deref(), &app.settings);
                match execute(&incident, command.clone(), &ctx) {
                    Ok(_) => {
                        app.dispatch(Action::Apply(incident.id(), command, ctx));
                        Ok(())
                    }
                    Err(CommandError::NoChange) => Ok(()),
                    Err(error) => Err(error),
                }
            })
        };
        html! {
            <ActionItem key={id.to_string()} id={id.to_string()} action={row.clone()} {onset}>
                <Link<Route> to={Route::Incident { id: incident.id().to_string() }} classes="reference">
                    { incident.reference.clone() }
                </Link<Route>>
            </ActionItem>
        }
    });
    html! { <ul class="action-list" data-testid="follow-ups">{ for rows }</ul> }
}

/// The follow-ups screen.
#[component]
pub fn FollowUpsPage() -> Html {
    // Every hook first: none may follow a return.
    let app = use_app();
    let today = local_day(use_clock());
    let location = use_location();
    let navigator = use_navigator();
    let filter = FollowUpFilter::from_query(location.as_ref().map(|l| l.query_str()).unwrap_or(""));
    // Worked out once per change of the incidents, the filter or the day, not at every tick.
    let listed = use_memo(
        (
            app.as_ref().map(|a| a.incidents.clone()),
            filter.clone(),
            today,
        ),
        |(incidents, filter, today)| {
            incidents
                .as_ref()
                .map(|incidents| Listed::of(incidents, filter, *today))
        },
    );
    if app.is_none() {
        return crate::pages::no_store();
    }
    let Some(Listed {
        rows: list,
        open,
        overdue,
        owners,
        references,
    }) = listed.as_ref()
    else {
        return crate::pages::no_store();
    };
    // A value from the address that no action has (yet) is still offered, as chosen.
    let with_chosen = |names: &[String], chosen: Option<&str>| {
        let mut names = names.to_vec();
        if let Some(chosen) = chosen {
            if !names.iter().any(|n| n.eq_ignore_ascii_case(chosen)) {
                names.push(chosen.to_string());
            }
        }
        names
    };
    let owners = with_chosen(owners, filter.owner.as_deref());
    let references = with_chosen(references, filter.incident.as_deref());
    let set = {
        let (filter, navigator) = (filter.clone(), navigator.clone());
        move |change: fn(&mut FollowUpFilter, String)| {
            let (filter, navigator) = (filter.clone(), navigator.clone());
            Callback::from(move |e: Event| {
                let mut next = filter.clone();
                change(&mut next, select_value(&e));
                if let Some(navigator) = &navigator {
                    let _ = navigator.replace_with_query(&Route::FollowUps, &next.to_query());
                }
            })
        }
    };
    let on_owner = set(|f, v| f.owner = (!v.is_empty()).then_some(v));
    let on_kind = set(|f, v| f.kind = ActionKind::parse(&v));
    let on_state = set(|f, v| {
        f.any_state = v == "all";
        f.state = ActionState::parse(&v).filter(|s| *s != ActionState::Open);
    });
    let on_incident = set(|f, v| f.incident = (!v.is_empty()).then_some(v));
    let state_value = if filter.any_state {
        "all"
    } else {
        filter.state.unwrap_or(ActionState::Open).as_str()
    };
    let count = list.len();
    html! {
        <section class="page follow-ups-page">
            <div class="section-head">
                <h1 tabindex="-1">{ "Follow-up actions" }</h1>
                <span class="hint" data-testid="follow-up-counts" aria-live="polite">
                    { format!("{open} open, {overdue} overdue; {count} shown") }
                </span>
            </div>
            <div class="filter-bar" role="search" aria-label="Filter follow-up actions">
                <div class="field">
                    <label for="follow-owner">{ "Owner" }</label>
                    <select id="follow-owner" onchange={on_owner}>
                        <option value="" selected={filter.owner.is_none()}>{ "Anyone" }</option>
                        { for owners.iter().map(|o| html! {
                            <option value={o.clone()} selected={filter.owner.as_deref().is_some_and(|f| f.eq_ignore_ascii_case(o))}>{ o.clone() }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="follow-kind">{ "Kind" }</label>
                    <select id="follow-kind" onchange={on_kind}>
                        <option value="" selected={filter.kind.is_none()}>{ "Any kind" }</option>
                        { for ActionKind::ALL.into_iter().map(|k| html! {
                            <option value={k.as_str()} selected={filter.kind == Some(k)}>{ action_kind_label(k) }</option>
                        }) }
                    </select>
                </div>
                <div class="field">
                    <label for="follow-state">{ "State" }</label>
                    <select id="follow-state" onchange={on_state}>
                        { for ActionState::ALL.into_iter().map(|s| html! {
                            <option value={s.as_str()} selected={state_value == s.as_str()}>{ action_state_label(s) }</option>
                        }) }
                        <option value="all" selected={state_value == "all"}>{ "Any state" }</option>
                    </select>
                </div>
                <div class="field">
                    <label for="follow-incident">{ "Incident" }</label>
                    <select id="follow-incident" onchange={on_incident}>
                        <option value="" selected={filter.incident.is_none()}>{ "Any incident" }</option>
                        { for references.iter().map(|r| html! {
                            <option value={r.clone()} selected={filter.incident.as_deref().is_some_and(|f| f.eq_ignore_ascii_case(r))}>{ r.clone() }</option>
                        }) }
                    </select>
                </div>
            </div>
            if filter.narrows_incidents() {
                <p class="hint" data-testid="follow-ups-scope">
                    { incidents_words(&filter) }
                    { " " }
                    <Link<Route, Vec<(&'static str, String)>> to={Route::FollowUps} query={Some(FollowUpFilter {
                        from: None,
                        to: None,
                        real_only: false,
                        no_cancelled: false,
                        ..filter.clone()
                    }.to_query())}>{ "Show the actions of every incident" }</Link<Route, Vec<(&'static str, String)>>>
                </p>
            }
            if list.is_empty() {
                <p class="hint" data-testid="follow-ups-empty">{ "No follow-up action matches. Actions are added from an incident's review." }</p>
            } else {
                <FollowUpRows listed={Shared(listed.clone())} />
            }
        </section>
    }
}

/// The incidents a dashboard's link narrowed the list to, in words.
fn incidents_words(filter: &FollowUpFilter) -> String {
    let day = |d: Option<chrono::NaiveDate>| d.map(crate::components::words::day_words);
    let range = match (day(filter.from), day(filter.to)) {
        (Some(from), Some(to)) => format!("reported {from} to {to} (UTC)"),
        (Some(from), None) => format!("reported from {from} (UTC)"),
        (None, Some(to)) => format!("reported up to {to} (UTC)"),
        (None, None) => "of any date".to_string(),
    };
    let mut left_out = Vec::new();
    if filter.real_only {
        left_out.push("drills");
    }
    if filter.no_cancelled {
        left_out.push("cancelled ones");
    }
    match left_out.as_slice() {
        [] => format!("Only actions of incidents {range}."),
        parts => format!(
            "Only actions of incidents {range}; {} left out.",
            parts.join(" and ")
        ),
    }
}
