//! Communication settings: the update templates (with their placeholders, an unknown one shown
//! as an error while editing), the update cadence per priority and audience, the response
//! targets per priority, and the notification duties a team may owe.

use yew::prelude::*;

use crate::components::words::{
    audience_label, deadline_unit_label, deadline_words, settings_refusal, target_label,
    template_label, template_refusal, Label,
};
use crate::components::{bind_input, bind_textarea, select_value};
use crate::domain::comms::{Audience, Cadence, TemplateKind};
use crate::domain::duties::{self, Deadline, DutyDef};
use crate::domain::settings::Settings;
use crate::domain::targets::{TargetKind, Targets};
use crate::domain::templates::{self, Placeholder};
use crate::domain::Priority;
use crate::store::{use_app, Action, AppContext, Flash};

/// Applies a change of the settings, or says why it was refused (the fields keep the value saved).
fn change(app: &AppContext, next: Result<Settings, crate::domain::settings::SettingsError>) {
    match next {
        Ok(settings) => app.dispatch(Action::ChangeSettings(settings)),
        Err(error) => app.dispatch(Action::Notify(Flash::Error(settings_refusal(&error)))),
    }
}

/// Reads a minutes field: blank is none; anything else must be a whole number.
fn minutes(text: &str) -> Result<Option<i64>, ()> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    text.parse::<i64>().map(Some).map_err(|_| ())
}

/// A number-of-minutes cell of a table; a change is applied at once or refused with a message.
fn minutes_cell(
    app: &AppContext,
    label: String,
    testid: String,
    value: Option<u32>,
    apply: impl Fn(&Settings, Option<i64>) -> Result<Settings, crate::domain::settings::SettingsError>
        + 'static,
) -> Html {
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let saved = value.map(|v| v.to_string()).unwrap_or_default();
            let refused = match minutes(&input.value()) {
                Ok(m) => match apply(&app.settings, m) {
                    Ok(settings) => {
                        app.dispatch(Action::ChangeSettings(settings));
                        None
                    }
                    Err(error) => Some(settings_refusal(&error)),
                },
                Err(()) => {
                    Some("Enter a whole number of minutes, or leave it blank for none.".into())
                }
            };
            if let Some(message) = refused {
                // The saved value comes back, so what shows is what applies.
                input.set_value(&saved);
                app.dispatch(Action::Notify(Flash::Error(message)));
            }
        })
    };
    html! {
        <td>
            <input type="text" inputmode="numeric" aria-label={label} data-testid={testid}
                value={value.map(|v| v.to_string()).unwrap_or_default()} {onchange} placeholder="none" />
        </td>
    }
}

/// A table of minutes per priority (rows) and per column, with a button restoring the shipped
/// values: the shape both the cadence and the targets take.
struct MinutesTable {
    /// The section's id and the table's class.
    name: &'static str,
    title: &'static str,
    hint: &'static str,
    /// The column headings.
    columns: Vec<String>,
    /// The cell of a priority and a column.
    cell: Box<dyn Fn(Priority, usize) -> Html>,
    /// Puts the shipped values back.
    restore: fn(&mut Settings),
    restore_label: &'static str,
}

fn minutes_table(app: &AppContext, table: MinutesTable) -> Html {
    let onrestore = {
        let (app, restore) = (app.clone(), table.restore);
        Callback::from(move |_: MouseEvent| {
            let mut settings = app.settings.clone();
            restore(&mut settings);
            app.dispatch(Action::ChangeSettings(settings));
        })
    };
    let title_id = format!("{}-title", table.name);
    let cell = &table.cell;
    let columns = table.columns.len();
    html! {
        <section aria-labelledby={title_id.clone()}>
            <h3 id={title_id}>{ table.title }</h3>
            <p class="hint">{ table.hint }</p>
            <table class={classes!("matrix", table.name)}>
                <thead><tr>
                    <th scope="col">{ "Priority" }</th>
                    { for table.columns.iter().map(|c| html! { <th scope="col">{ c.clone() }</th> }) }
                </tr></thead>
                <tbody>
                    { for Priority::ALL.into_iter().map(|p| html! {
                        <tr>
                            <th scope="row">{ format!("{} {}", p.as_str(), p.label()) }</th>
                            { for (0..columns).map(|c| cell(p, c)) }
                        </tr>
                    }) }
                </tbody>
            </table>
            <button type="button" class="secondary" onclick={onrestore}>{ table.restore_label }</button>
        </section>
    }
}

/// The cadence table: minutes between updates, per priority and audience.
fn cadence_table(app: &AppContext) -> Html {
    let cadence = app.settings.cadence;
    let cell_app = app.clone();
    minutes_table(
        app,
        MinutesTable {
            name: "cadence",
            title: "Update cadence",
            hint: "Minutes between updates to each audience, by priority; blank for no cadence. The next update is due this long after the last one (or after the report, before the first). Resolved, closed and cancelled incidents have none.",
            columns: Audience::ALL.iter().map(|a| audience_label(*a).to_string()).collect(),
            cell: Box::new(move |p, c| {
                let a = Audience::ALL[c];
                minutes_cell(
                    &cell_app,
                    format!("Minutes between {} updates at {}", audience_label(a).to_lowercase(), p.as_str()),
                    format!("cadence-{}-{}", p.as_str(), a.as_str()),
                    cadence.minutes(p, a),
                    move |s, m| s.with_cadence(p, a, m),
                )
            }),
            restore: |s| s.cadence = Cadence::default(),
            restore_label: "Restore the shipped cadence",
        },
    )
}

/// The targets table: minutes to acknowledge and to resolve, per priority.
fn targets_table(app: &AppContext) -> Html {
    let targets = app.settings.targets;
    let cell_app = app.clone();
    minutes_table(
        app,
        MinutesTable {
            name: "targets",
            title: "Response targets",
            hint: "Minutes allowed from the report, by priority; blank for none. A target breached, or due within 15 minutes, shows on the queue and the incident; a breach is written to the timeline once.",
            columns: TargetKind::ALL.iter().map(|k| format!("{} (minutes)", target_label(*k))).collect(),
            cell: Box::new(move |p, c| {
                let k = TargetKind::ALL[c];
                minutes_cell(
                    &cell_app,
                    format!("{} at {}, in minutes", target_label(k), p.as_str()),
                    format!("target-{}-{}", p.as_str(), k.as_str()),
                    targets.minutes(p, k),
                    move |s, m| s.with_target(p, k, m),
                )
            }),
            restore: |s| s.targets = Targets::default(),
            restore_label: "Restore the shipped targets",
        },
    )
}

/// Props of [`TemplateEditor`].
#[derive(Properties, PartialEq)]
struct TemplateEditorProps {
    kind: TemplateKind,
    saved: AttrValue,
}

/// One template: its text, the problems found while typing, save and restore.
#[component]
fn TemplateEditor(props: &TemplateEditorProps) -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let kind = props.kind;
    let text = use_state(|| props.saved.to_string());
    {
        // A template changed elsewhere (another tab, an import) shows here.
        let text = text.clone();
        use_effect_with(props.saved.clone(), move |saved| {
            text.set(saved.to_string())
        });
    }
    let problems = templates::problems(&text);
    let id = format!("template-{}", kind.as_str());
    let onsave = {
        let (app, text) = (app.clone(), text.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            change(&app, app.settings.with_template(kind, &text));
        })
    };
    let onrestore = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            change(
                &app,
                app.settings
                    .with_template(kind, templates::default_text(kind)),
            );
        })
    };
    let changed = *text != *props.saved;
    html! {
        <form class="template-editor" onsubmit={onsave}>
            <label for={id.clone()}>{ format!("{} template", template_label(kind)) }</label>
            <textarea id={id.clone()} rows="7" value={(*text).clone()} oninput={bind_textarea(&text)}
                aria-invalid={(!problems.is_empty()).to_string()}
                aria-describedby={(!problems.is_empty()).then(|| format!("{id}-problems"))} />
            if !problems.is_empty() {
                <div id={format!("{id}-problems")} class="form-error" role="alert" data-testid={format!("{id}-problems")}>
                    <ul>{ for problems.iter().map(|p| html! { <li>{ template_refusal(p) }</li> }) }</ul>
                </div>
            }
            <div class="row">
                <button type="submit" disabled={!changed || !problems.is_empty()}>{ format!("Save the {} template", template_label(kind)) }</button>
                <button type="button" class="secondary" onclick={onrestore}>{ format!("Restore the shipped {} template", template_label(kind)) }</button>
            </div>
        </form>
    }
}

/// The duties list, with an add form.
#[component]
fn DutiesEditor() -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let name = use_state(String::new);
    let recipient = use_state(String::new);
    let starts = use_state(String::new);
    let amount = use_state(|| "72".to_string());
    let unit = use_state(|| "hours".to_string());
    let error = use_state(|| None::<String>);
    let onunit = {
        let unit = unit.clone();
        Callback::from(move |e: Event| unit.set(select_value(&e)))
    };
    let onadd = {
        let (app, name, recipient, starts, amount, unit, error) = (
            app.clone(),
            name.clone(),
            recipient.clone(),
            starts.clone(),
            amount.clone(),
            unit.clone(),
            error.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(deadline) = amount
                .trim()
                .parse::<u32>()
                .ok()
                .and_then(|n| Deadline::of(&unit, n))
            else {
                error.set(Some(format!(
                    "Enter a deadline from 1 to {}.",
                    duties::MAX_AMOUNT
                )));
                return;
            };
            let def = DutyDef {
                id: format!("own-{}", crate::browser::new_uuid()),
                name: (*name).clone(),
                recipient: (*recipient).clone(),
                starts: if starts.trim().is_empty() {
                    "the moment it applies".to_string()
                } else {
                    (*starts).clone()
                },
                deadline,
                after: None,
            };
            match app.settings.with_duty(&def) {
                Ok(settings) => {
                    app.dispatch(Action::ChangeSettings(settings));
                    name.set(String::new());
                    recipient.set(String::new());
                    starts.set(String::new());
                    error.set(None);
                }
                Err(refused) => error.set(Some(settings_refusal(&refused))),
            }
        })
    };
    let onrestore = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = app.settings.clone();
            for def in duties::defaults() {
                if let Ok(with) = next.with_duty(&def) {
                    next = with;
                }
            }
            app.dispatch(Action::ChangeSettings(next));
        })
    };
    let rows = app.settings.duties.iter().map(|d| {
        let onremove = {
            let (app, id) = (app.clone(), d.id.clone());
            Callback::from(move |_: MouseEvent| {
                app.dispatch(Action::ChangeSettings(app.settings.without_duty(&id)))
            })
        };
        html! {
            <li key={d.id.clone()} data-testid="duty-def">
                <strong>{ d.name.clone() }</strong>
                { format!(" — to {}, within {} of {}", d.recipient, deadline_words(d.deadline), d.starts) }
                <button type="button" class="link" onclick={onremove} aria-label={format!("Remove the duty “{}”", d.name)}>{ "Remove" }</button>
            </li>
        }
    });
    html! {
        <section aria-labelledby="duties-settings-title">
            <h3 id="duties-settings-title">{ "Notification duties" }</h3>
            <p class="hint">{ "Deadlines owed to someone outside the team (an authority, a regulator, a customer by contract). Start one on an incident from its page; incidents keep the terms they were started with." }</p>
            <ul class="duty-defs">{ for rows }</ul>
            <form class="duty-add" onsubmit={onadd} aria-label="Add a notification duty">
                <label for="duty-name">{ "Duty name" }</label>
                <input id="duty-name" type="text" value={(*name).clone()} oninput={bind_input(&name)} />
                <label for="duty-recipient">{ "Recipient" }</label>
                <input id="duty-recipient" type="text" value={(*recipient).clone()} oninput={bind_input(&recipient)} />
                <label for="duty-starts">{ "Clock starts on (in words)" }</label>
                <input id="duty-starts" type="text" value={(*starts).clone()} oninput={bind_input(&starts)} placeholder="the moment it applies" />
                <div class="row">
                    <label for="duty-amount" class="inline">{ "Deadline" }</label>
                    <input id="duty-amount" type="number" min="1" step="1" value={(*amount).clone()} oninput={bind_input(&amount)} />
                    <label for="duty-unit" class="inline">{ "Unit" }</label>
                    <select id="duty-unit" onchange={onunit}>
                        { for ["hours", "business_days", "months"].into_iter().map(|u| html! {
                            <option value={u} selected={*unit == u}>{ deadline_unit_label(u) }</option>
                        }) }
                    </select>
                </div>
                if let Some(error) = &*error { <p class="form-error" role="alert">{ error.clone() }</p> }
                <div class="row">
                    <button type="submit">{ "Add duty" }</button>
                    <button type="button" class="secondary" onclick={onrestore}>{ "Restore the shipped duties" }</button>
                </div>
            </form>
        </section>
    }
}

/// The communication settings.
#[component]
pub fn CommsSettings() -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    html! {
        <section aria-labelledby="comms-settings-title" class="comms-settings">
            <h2 id="comms-settings-title">{ "Communication" }</h2>
            <h3>{ "Update templates" }</h3>
            <p class="hint">{ "A template is filled from the incident when someone writes an update; they edit it before posting. Placeholders: " }
                { for Placeholder::ALL.into_iter().enumerate().map(|(i, p)| html! { <>
                    if i > 0 { { ", " } }
                    <code>{ format!("{{{}}}", p.as_str()) }</code>
                </> }) }
                { ". Write {{ and }} for a brace." }
            </p>
            { for TemplateKind::ALL.into_iter().map(|kind| html! {
                <TemplateEditor {kind} saved={AttrValue::from(app.settings.template(kind).to_string())} />
            }) }
            { cadence_table(&app) }
            { targets_table(&app) }
            <DutiesEditor />
        </section>
    }
}
