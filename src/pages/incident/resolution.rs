//! The resolution: the form that records how the incident was resolved (asked for on the way to
//! resolved), and the records kept, the latest first in view and earlier ones listed.

use yew::prelude::*;

use crate::browser::display_time;
use crate::components::words::{resolution_how, resolution_kind_label};
use crate::components::{bind_input, bind_textarea, refusal_message, Attempt};
use crate::domain::resolution::{Resolution, ResolutionDraft, ResolutionKind};
use crate::domain::Incident;

/// Props of [`ResolveForm`].
#[derive(Properties, PartialEq)]
pub struct ResolveFormProps {
    /// Called with the record; answers whether it was accepted.
    pub onresolve: Attempt<ResolutionDraft>,
    /// Closes the form without resolving.
    pub onclose: Callback<()>,
}

/// How it was resolved, by whom outside if escalated, and a summary.
#[component]
pub fn ResolveForm(props: &ResolveFormProps) -> Html {
    let kind = use_state(|| ResolutionKind::Fix);
    let escalated_to = use_state(String::new);
    let summary = use_state(String::new);
    let error = use_state(|| None::<String>);
    let first = use_node_ref();
    {
        let first = first.clone();
        use_effect_with((), move |_| {
            if let Some(input) = first.cast::<web_sys::HtmlElement>() {
                let _ = input.focus();
            }
        });
    }
    let onsubmit = {
        let (kind, escalated_to, summary, error) = (
            kind.clone(),
            escalated_to.clone(),
            summary.clone(),
            error.clone(),
        );
        let onresolve = props.onresolve.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let draft = ResolutionDraft {
                kind: *kind,
                escalated_to: (*escalated_to).clone(),
                summary: (*summary).clone(),
            };
            // Refused: everything typed stays, with the reason beside it.
            if let Err(refused) = onresolve.emit(draft) {
                error.set(Some(refusal_message(&refused)));
            }
        })
    };
    let choice = |k: ResolutionKind| {
        let onchange = {
            let kind = kind.clone();
            Callback::from(move |_: Event| kind.set(k))
        };
        let node = if k == ResolutionKind::Fix {
            first.clone()
        } else {
            NodeRef::default()
        };
        html! {
            <label class="inline">
                <input type="radio" name="resolution-kind" value={k.as_str()} checked={*kind == k} {onchange} ref={node} />
                { resolution_kind_label(k) }
            </label>
        }
    };
    let onclose = props.onclose.reform(|_: MouseEvent| ());
    html! {
        <form class="resolve-form panel" {onsubmit} aria-labelledby="resolve-title">
            <h2 id="resolve-title">{ "Record the resolution" }</h2>
            <fieldset>
                <legend>{ "How was it resolved?" }</legend>
                { for ResolutionKind::ALL.into_iter().map(choice) }
            </fieldset>
            if *kind == ResolutionKind::Escalation {
                <label for="escalated-to">{ "Escalated to (vendor or team)" }</label>
                <input id="escalated-to" type="text" value={(*escalated_to).clone()} oninput={bind_input(&escalated_to)} />
            }
            <label for="resolution-summary">{ "Resolution summary" }</label>
            <textarea id="resolution-summary" rows="3" placeholder="What was done, and what is left to watch"
                value={(*summary).clone()} oninput={bind_textarea(&summary)} />
            <div class="row">
                <button type="submit" class="primary" data-testid="resolve-submit">{ "Record resolution and mark resolved" }</button>
                <button type="button" onclick={onclose}>{ "Not now" }</button>
            </div>
            if let Some(error) = &*error {
                <p class="form-error" role="alert" data-testid="resolve-error">{ error.clone() }</p>
            }
        </form>
    }
}

fn record(resolution: &Resolution<'_>) -> Html {
    let r = resolution.record;
    let how = resolution_how(r);
    html! {
        <div class="resolution-record" data-testid="resolution-record">
            <p><strong>{ how }</strong>{ format!(" — recorded by {} at {}", r.recorded_by, display_time(r.at)) }</p>
            <p class="summary">{ r.summary.clone() }</p>
        </div>
    }
}

/// The latest resolution record and the earlier ones; nothing before the first.
pub fn resolution(incident: &Incident) -> Html {
    let mut records = incident.parts().resolution.records();
    let Some(latest) = records.pop() else {
        return html! {};
    };
    html! {
        <section class="resolution" aria-labelledby="resolution-title">
            <h2 id="resolution-title">{ "Resolution" }</h2>
            { record(&latest) }
            if !records.is_empty() {
                <details>
                    <summary>{ format!("Earlier resolutions ({})", records.len()) }</summary>
                    { for records.iter().rev().map(record) }
                </details>
            }
        </section>
    }
}
