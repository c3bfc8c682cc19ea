//! The metrics dashboard: the figures of one date range (and drills, or not) drawn as charts,
//! each bar a link to the incidents behind it. The range and the drills toggle live in the URL,
//! so a dashboard can be bookmarked and shared. The figures are the domain's
//! ([`crate::domain::metrics::figures`]); this screen only draws them.

use std::rc::Rc;

use chrono::{DateTime, DurationRound, NaiveDate, Utc};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::app::Route;
use crate::components::chart::{Bar, Chart, Layout, Unit};
use crate::components::words::Label;
use crate::components::words::{
    action_kind_label, day_words, minutes_words, priority_name, span_label, thousands,
};
use crate::domain::actions::ActionKind;
use crate::domain::metrics::{self, per_kind, Figure, Figures, Scope, Stat};
use crate::domain::review::Span;
use crate::domain::search::{day_text, parse_day, query_string, Clocks};
use crate::domain::targets::TargetKind;
use crate::domain::{Category, Priority, State};
use crate::hooks::use_clock;
use crate::store::use_app;

/// The spans a response-time figure shows, in the order an incident meets them.
const SPANS: [Span; 4] = [
    Span::Detect,
    Span::Acknowledge,
    Span::Contain,
    Span::Resolve,
];

/// The dashboard screen.
#[component]
pub fn DashboardPage() -> Html {
    let app = use_app();
    let now = use_clock();
    let location = use_location();
    let navigator = use_navigator();
    let query = location
        .as_ref()
        .map(|l| l.query_str().to_string())
        .unwrap_or_default();
    let scope = Scope::from_query(&query, now);
    let figures = {
        let incidents = app.as_ref().map(|a| a.incidents.clone());
        let settings = app.as_ref().map(|a| {
            (
                a.settings.cadence,
                a.settings.targets,
                a.settings.costs.clone(),
            )
        });
        // Figures that fall due (targets, cadence, duties, overdue actions) move with the clock;
        // a minute is as fine as they are shown, so the clock's quarter-minute ticks between
        // recompute nothing.
        let minute = now
            .duration_trunc(chrono::TimeDelta::minutes(1))
            .unwrap_or(now);
        use_memo(
            (incidents, scope, settings, minute),
            |(incidents, scope, settings, now)| {
                let (cadence, targets, costs) = settings.clone().unwrap_or_default();
                let clocks = Clocks {
                    now: *now,
                    cadence,
                    targets,
                };
                let today = crate::browser::local_day(*now);
                let all = incidents
                    .iter()
                    .flat_map(|i| i.values().map(|i| i.as_ref()));
                metrics::figures(all, scope, &clocks, &costs, today)
            },
        )
    };
    let Some(app) = app else {
        return crate::pages::no_store();
    };
    let go = {
        let navigator = navigator.clone();
        Callback::from(move |next: Scope| {
            if let Some(navigator) = &navigator {
                let _ = navigator.replace_with_query(&Route::Dashboard, &next.to_pairs());
            }
        })
    };
    let currency = app.settings.currency.clone();
    let f: &Figures = &figures;
    let queue = |figure: Figure| Some(format!("#/?{}", scope.filter(&figure).query_string()));
    html! {
        <section class="page dashboard-page">
            <div class="section-head">
                <h1 tabindex="-1">{ "Dashboard" }</h1>
                <span class="hint" data-testid="dashboard-scope" aria-live="polite">{ scope_words(&scope) }</span>
            </div>
            <RangeForm {scope} {now} onchange={go} />
            if app.incidents.is_empty() {
                <p class="empty">{ "No incidents yet: the figures appear once incidents are declared or imported." }</p>
            }
            <div class="tiles" role="list" aria-label="Totals">
                { tile("Incidents", f.counts.incidents, queue(Figure::Incidents), "dash-incidents") }
                { tile("Reopened", f.counts.reopened, queue(Figure::Reopened), "dash-reopened") }
                { tile("Cancelled (counted apart)", f.counts.cancelled, queue(Figure::Cancelled), "dash-cancelled") }
                { tile("With a target breached", f.count(&Figure::AnyBreached).unwrap_or(0), queue(Figure::AnyBreached), "dash-breached") }
            </div>

            <h2>{ "Counts" }</h2>
            <div class="charts">
                <Chart id="chart-priority" title="Incidents by priority" bars={Rc::new(Priority::ALL.map(|p| {
                    Bar::count(priority_name(p), f.counts.priority(p), queue(Figure::Priority(p))).tone(tone(p))
                }).to_vec())} />
                <Chart id="chart-state" title="Incidents by state now" bars={Rc::new(State::ALL.map(|s| {
                    Bar::count(s.label(), f.counts.state(s), queue(Figure::State(s)))
                }).to_vec())} />
                <Chart id="chart-category" title="Incidents by category" bars={Rc::new(Category::ALL.map(|c| {
                    Bar::count(c.label(), f.counts.category(c), queue(Figure::Category(c)))
                }).to_vec())} />
            </div>

            <h2>{ "Response times" }</h2>
            <p class="hint">{ "Median and 90th percentile, in the incidents that reached each milestone. Detection runs from the impact's start; the others from the report. A reopened incident counts by its first resolution." }</p>
            <div class="charts">
                <Chart id="chart-times" title="Median response times" noun="" unit={Unit::Minutes} bars={Rc::new(SPANS.map(|s| {
                    time_bar(span_label(s), f.times.overall.get(s), None)
                }).to_vec())} table={times_table("Overall", std::iter::once(("All incidents".to_string(), f.counts.incidents, queue(Figure::Incidents), f.times.overall)))}
                    empty="No incident in this range reached a milestone yet." />
            </div>
            { times_table("By priority", Priority::ALL.into_iter().map(|p| (
                priority_name(p), f.counts.priority(p), queue(Figure::Priority(p)), f.times.priority(p))))
            }
            { times_table("By category", Category::ALL.into_iter().map(|c| (
                c.label().to_string(), f.counts.category(c), queue(Figure::Category(c)), f.times.category(c))))
            }

            <h2>{ "Trends over 12 weeks" }</h2>
            <p class="hint">{ "The twelve weeks (Monday to Sunday, UTC) up to the week that holds the range's last day: they count every incident of those weeks, inside the range or not." }</p>
            <div class="charts">
                <Chart id="chart-weeks" title="Incidents per week" layout={Layout::Columns} bars={Rc::new(f.weeks.iter().map(|w| {
                    Bar::count(week_label(w.start), w.incidents, queue(Figure::Week(w.start))).tick(week_tick(w.start))
                }).collect::<Vec<_>>())} />
                <Chart id="chart-resolve-trend" title="Median time to resolve per week" noun="" unit={Unit::Minutes} layout={Layout::Columns}
                    empty="No incident of these weeks is resolved yet." bars={Rc::new(f.weeks.iter().map(|w| {
                    time_bar(&week_label(w.start), w.resolve, queue(Figure::Week(w.start))).tick(week_tick(w.start))
                }).collect::<Vec<_>>())} />
            </div>

            <h2>{ "Downtime per service" }</h2>
            <p class="hint">
                { "From each resolved incident's impact start to its resolution, overlapping incidents on one service counted once. The estimated cost shows only for services with a cost per hour in " }
                <Link<Route> to={Route::Settings}>{ "Settings" }</Link<Route>>
                { "; none is guessed." }
            </p>
            <div class="charts">
                <Chart id="chart-downtime" title="Downtime per service" noun="" unit={Unit::Minutes} empty="No service in this range had an incident."
                    bars={Rc::new(f.services.iter().map(|s| Bar::new(
                        s.name.clone(),
                        Some(s.downtime.max(0) as u64),
                        downtime_text(s, &currency),
                        queue(Figure::Service(s.name.clone())),
                    )).collect::<Vec<_>>())}
                    table={services_table(f, &currency, &queue)} />
            </div>

            <h2>{ "Targets and communication" }</h2>
            <div class="charts">
                <Chart id="chart-breached" title="Incidents with a response target breached" bars={Rc::new(Priority::ALL.map(|p| {
                    Bar::count(priority_name(p), f.target(p).incidents_breached, queue(Figure::Breached(p))).tone(tone(p))
                }).to_vec())} table={targets_table(f, &queue)} empty="No response target was breached in this range." />
                <Chart id="chart-cadence" title="Updates sent on cadence" noun="" unit={Unit::Percent} bars={Rc::new(Priority::ALL.map(|p| {
                    share_bar(priority_name(p), f.cadence(p), queue(Figure::Priority(p))).tone(tone(p))
                }).to_vec())} empty="No update fell due in this range." />
                <Chart id="chart-duties" title="Notification duties" noun="duties" bars={Rc::new(vec![
                    Bar::count("Done on time", f.duties.done_on_time, None),
                    Bar::count("Done late", f.duties.done_late, None),
                    Bar::count("Waived", f.duties.waived, None),
                    Bar::count("Overdue", f.duties.overdue, None),
                    Bar::count("Running", f.duties.running, None),
                ])} empty="No notification duty was owed in this range." />
            </div>

            <h2>{ "Follow-up actions" }</h2>
            <div class="charts">
                <Chart id="chart-follow-ups" title="Open follow-up actions by kind" noun="open" bars={Rc::new(ActionKind::ALL.map(|k| Bar::new(
                    action_kind_label(k),
                    Some(per_kind(&f.follow_ups.open, k) as u64),
                    format!("{} ({} overdue)", per_kind(&f.follow_ups.open, k), per_kind(&f.follow_ups.overdue, k)),
                    Some(follow_ups(&scope, Some(k))),
                )).to_vec())} table={follow_ups_table(f, &scope)} empty="No follow-up action is open." />
            </div>
        </section>
    }
}

/// Props of [`RangeForm`].
#[derive(Properties, PartialEq)]
struct RangeFormProps {
    scope: Scope,
    now: DateTime<Utc>,
    onchange: Callback<Scope>,
}

/// The range's two days, quick ranges, and whether drills count.
#[component]
fn RangeForm(props: &RangeFormProps) -> Html {
    let scope = props.scope;
    let day_input = |set: fn(Scope, NaiveDate) -> Scope| {
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            let value = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            // A cleared or half-typed day leaves the range as it is.
            if let Some(day) = parse_day(&value) {
                onchange.emit(set(scope, day));
            }
        })
    };
    let onfrom = day_input(|s, day| Scope::days(day, s.last_day(), s.drills()));
    let onto = day_input(|s, day| Scope::days(s.first_day(), day, s.drills()));
    let ondrills = {
        let onchange = props.onchange.clone();
        Callback::from(move |e: Event| {
            let on = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .checked();
            onchange.emit(Scope::days(scope.first_day(), scope.last_day(), on));
        })
    };
    let today = props.now.date_naive();
    let quick = [7u32, 30, 90, 365].map(|days| {
        let onchange = props.onchange.clone();
        let target = Scope::last_days(props.now, days, scope.drills());
        let current = target == scope;
        let onclick = Callback::from(move |_: MouseEvent| onchange.emit(target));
        html! {
            <button type="button" aria-pressed={current.to_string()} {onclick}>{ format!("Last {days} days") }</button>
        }
    });
    html! {
        <div class="range-form" role="group" aria-label="Date range">
            <label for="dash-from">{ "Reported from" }</label>
            <input id="dash-from" type="date" value={day_text(scope.first_day())} max={day_text(today)} onchange={onfrom} />
            <label for="dash-to">{ "Reported to" }</label>
            <input id="dash-to" type="date" value={day_text(scope.last_day())} onchange={onto} />
            <span class="quick-ranges">{ for quick }</span>
            <label class="check" for="dash-drills">
                <input id="dash-drills" type="checkbox" checked={scope.drills()} onchange={ondrills} />
                { "Count drills" }
            </label>
        </div>
    }
}

/// The range in words, for the line under the heading.
fn scope_words(scope: &Scope) -> String {
    format!(
        "Reported {} to {} (UTC days, {} days){}",
        day_words(scope.first_day()),
        day_words(scope.last_day()),
        scope.day_count(),
        if scope.drills() {
            ", drills counted"
        } else {
            ", drills left out"
        }
    )
}

/// One total, as a link to its incidents where they can be listed.
fn tile(label: &str, count: usize, href: Option<String>, testid: &'static str) -> Html {
    let body = html! {
        <>
            <span class="tile-value" data-testid={testid}>{ count }</span>
            { " " }
            <span class="tile-label">{ label.to_string() }</span>
        </>
    };
    html! {
        <div class="tile" role="listitem">
            if let Some(href) = href {
                <a {href} title="List them">{ body }</a>
            } else {
                { body }
            }
        </div>
    }
}

fn tone(priority: Priority) -> &'static str {
    match priority {
        Priority::P1 => "p1",
        Priority::P2 => "p2",
        Priority::P3 => "p3",
        Priority::P4 => "p4",
        Priority::P5 => "p5",
    }
}

/// A week as its column says it.
fn week_label(monday: NaiveDate) -> String {
    format!("Week of {}", week_tick(monday))
}

/// A week under the time axis: its Monday.
fn week_tick(monday: NaiveDate) -> String {
    monday.format("%-d %b").to_string()
}

/// A bar of a median time, with its 90th percentile in its words.
fn time_bar(label: &str, stat: Option<Stat>, href: Option<String>) -> Bar {
    match stat {
        Some(stat) => Bar::new(
            label,
            Some(stat.median.max(0) as u64),
            format!(
                "{} · p90 {}",
                minutes_words(stat.median),
                minutes_words(stat.p90)
            ),
            href,
        ),
        None => Bar::new(label, None, "none reached", href),
    }
}

/// A bar of a share, as a percentage of the whole width.
fn share_bar(label: String, share: metrics::Share, href: Option<String>) -> Bar {
    match share
        .on_time
        .checked_mul(100)
        .and_then(|p| p.checked_div(share.all))
    {
        Some(percent) => Bar::new(
            label,
            Some(percent as u64),
            format!("{percent}% ({} of {})", share.on_time, share.all),
            href,
        ),
        None => Bar::new(label, None, "none due", href),
    }
}

/// An amount of money as people read it: `12,345`, after the currency when one is set.
fn money(amount: u64, currency: &str) -> String {
    match currency {
        "" => thousands(amount),
        currency => format!("{currency} {}", thousands(amount)),
    }
}

fn downtime_text(service: &metrics::ServiceFigures, currency: &str) -> String {
    let mut text = minutes_words(service.downtime);
    if let Some(cost) = service.cost {
        text.push_str(&format!(" · est. {}", money(cost, currency)));
    }
    text
}

/// One row of a response-time table: what, how many, where they are listed, their times.
type TimesRow = (String, usize, Option<String>, metrics::SpanStats);

fn stat_cell(stat: Option<Stat>) -> Html {
    match stat {
        Some(s) => {
            html! { <td>{ format!("{} / {}", minutes_words(s.median), minutes_words(s.p90)) }</td> }
        }
        None => html! { <td class="hint">{ "–" }</td> },
    }
}

/// Response times broken down, as a table: median / p90 per span.
fn times_table(title: &str, rows: impl Iterator<Item = TimesRow>) -> Html {
    let rows = rows.map(|(label, count, href, stats)| {
        html! {
            <tr>
                <th scope="row">
                    if let Some(href) = href { <a {href}>{ label }</a> } else { { label } }
                </th>
                <td>{ count }</td>
                { for SPANS.iter().map(|s| stat_cell(stats.get(*s))) }
            </tr>
        }
    });
    html! {
        <div class="table-scroll" role="region" aria-label={format!("Response times: {}", title.to_lowercase())} tabindex="0">
            <table class="data">
                <caption>{ format!("Response times (median / 90th percentile): {}", title.to_lowercase()) }</caption>
                <thead><tr>
                    <th scope="col">{ title.to_string() }</th>
                    <th scope="col">{ "Incidents" }</th>
                    { for SPANS.iter().map(|s| html! { <th scope="col">{ span_label(*s) }</th> }) }
                </tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
        </div>
    }
}

fn services_table(f: &Figures, currency: &str, queue: &dyn Fn(Figure) -> Option<String>) -> Html {
    html! {
        <table class="data">
            <thead><tr>
                <th scope="col">{ "Service" }</th>
                <th scope="col">{ "Incidents" }</th>
                <th scope="col">{ "Downtime" }</th>
                <th scope="col">{ "Not yet resolved" }</th>
                <th scope="col">{ "Estimated cost" }</th>
            </tr></thead>
            <tbody>
                { for f.services.iter().map(|s| html! {
                    <tr>
                        <th scope="row">
                            if let Some(href) = queue(Figure::Service(s.name.clone())) { <a {href}>{ s.name.clone() }</a> }
                        </th>
                        <td>{ s.incidents }</td>
                        <td>{ minutes_words(s.downtime) }</td>
                        <td>{ s.unresolved }</td>
                        <td>{ s.cost.map_or_else(|| "no rate set".to_string(), |c| money(c, currency)) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

fn targets_table(f: &Figures, queue: &dyn Fn(Figure) -> Option<String>) -> Html {
    let kind = |k: TargetKind| match k {
        TargetKind::Acknowledge => "acknowledge",
        TargetKind::Resolve => "resolve",
    };
    html! {
        <table class="data">
            <thead><tr>
                <th scope="col">{ "Priority" }</th>
                { for TargetKind::ALL.iter().map(|k| html! {
                    <>
                        <th scope="col">{ format!("Met ({})", kind(*k)) }</th>
                        <th scope="col">{ format!("Breached ({})", kind(*k)) }</th>
                    </>
                }) }
                <th scope="col">{ "Incidents breached" }</th>
            </tr></thead>
            <tbody>
                { for Priority::ALL.iter().map(|p| {
                    let t = f.target(*p);
                    html! {
                        <tr>
                            <th scope="row">{ priority_name(*p) }</th>
                            { for TargetKind::ALL.iter().map(|k| html! {
                                <>
                                    <td>{ t.kind(*k).met }</td>
                                    <td>{ t.kind(*k).breached }</td>
                                </>
                            }) }
                            <td>
                                if let Some(href) = queue(Figure::Breached(*p)) { <a {href}>{ t.incidents_breached }</a> }
                            </td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The follow-ups page listing the open actions of a kind that the figure counts.
fn follow_ups(scope: &Scope, kind: Option<ActionKind>) -> String {
    format!(
        "#/follow-ups?{}",
        query_string(&scope.follow_ups(kind).to_query())
    )
}

fn follow_ups_table(f: &Figures, scope: &Scope) -> Html {
    html! {
        <>
            <table class="data">
                <thead><tr>
                    <th scope="col">{ "Kind" }</th>
                    <th scope="col">{ "Open" }</th>
                    <th scope="col">{ "Overdue" }</th>
                </tr></thead>
                <tbody>
                    { for ActionKind::ALL.iter().map(|k| html! {
                        <tr>
                            <th scope="row"><a href={follow_ups(scope, Some(*k))}>{ action_kind_label(*k) }</a></th>
                            <td>{ per_kind(&f.follow_ups.open, *k) }</td>
                            <td>{ per_kind(&f.follow_ups.overdue, *k) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
            <table class="data">
                <caption>{ "Done per month" }</caption>
                <thead><tr>
                    <th scope="col">{ "Month" }</th>
                    { for ActionKind::ALL.iter().map(|k| html! { <th scope="col">{ action_kind_label(*k) }</th> }) }
                </tr></thead>
                <tbody>
                    if f.follow_ups.done.is_empty() {
                        <tr><td colspan="4">{ "None done yet." }</td></tr>
                    }
                    { for f.follow_ups.done.iter().map(|(month, done)| html! {
                        <tr>
                            <th scope="row">{ month_label(month.year, month.month) }</th>
                            { for ActionKind::ALL.iter().map(|k| html! { <td>{ per_kind(done, *k) }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </>
    }
}

fn month_label(year: i32, month: u32) -> String {
    NaiveDate::from_ymd_opt(year, month, 1).map_or_else(
        || format!("{year}-{month:02}"),
        |d| d.format("%B %Y").to_string(),
    )
}
