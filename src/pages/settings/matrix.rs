//! The priority matrix in settings: nine cells, each a choice of P1–P5, and "Restore defaults".
//! A change applies to the next assessment; incidents keep the priority they were assessed with.

use yew::prelude::*;

use crate::components::words::Label;

use crate::components::select_value;
use crate::domain::{Level, Matrix, Priority};
use crate::store::{use_app, Action};

fn cell(
    impact: Level,
    urgency: Level,
    value: Priority,
    onpick: &Callback<(Level, Level, Priority)>,
) -> Html {
    let onchange = onpick.reform(move |e: Event| {
        (
            impact,
            urgency,
            Priority::parse(&select_value(&e)).unwrap_or(value),
        )
    });
    let label = format!(
        "Priority for impact {} and urgency {}",
        impact.label().to_lowercase(),
        urgency.label().to_lowercase()
    );
    html! {
        <td>
            <select aria-label={label} {onchange} data-testid={format!("matrix-{}-{}", impact.as_str(), urgency.as_str())}>
                { for Priority::ALL.into_iter().map(|p| html! {
                    <option value={p.as_str()} selected={p == value}>{ crate::components::words::priority_name(p) }</option>
                }) }
            </select>
        </td>
    }
}

/// The matrix editor.
#[component]
pub fn MatrixEditor() -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let matrix = app.settings.matrix;
    let onpick = {
        let app = app.clone();
        Callback::from(move |(impact, urgency, priority)| {
            app.dispatch(Action::ChangeSettings(
                app.settings.with_cell(impact, urgency, priority),
            ))
        })
    };
    let onrestore = {
        let app = app.clone();
        Callback::from(move |_| {
            let mut settings = app.settings.clone();
            settings.matrix = Matrix::DEFAULT;
            app.dispatch(Action::ChangeSettings(settings));
        })
    };
    html! {
        <section aria-labelledby="matrix-title">
            <h2 id="matrix-title">{ "Priority matrix" }</h2>
            <p class="hint">{ "The priority each impact and urgency give. A change applies to the next assessment; incidents keep the priority they were assessed with." }</p>
            <table class="matrix">
                <thead><tr>
                    <th scope="col">{ "Impact \u{2193} / urgency \u{2192}" }</th>
                    { for Level::ALL.into_iter().map(|u| html! { <th scope="col">{ u.label() }</th> }) }
                </tr></thead>
                <tbody>
                    { for Level::ALL.into_iter().map(|impact| html! {
                        <tr>
                            <th scope="row">{ impact.label() }</th>
                            { for Level::ALL.into_iter().map(|urgency| cell(impact, urgency, matrix.priority(impact, urgency), &onpick)) }
                        </tr>
                    }) }
                </tbody>
            </table>
            if matrix != Matrix::DEFAULT {
                <button onclick={onrestore} data-testid="matrix-restore">{ "Restore the default matrix" }</button>
            }
        </section>
    }
}
