//! Which incidents need a published review (or a logged reason for none) before they close: a
//! box per priority, and whether drills follow the same rule.

use yew::prelude::*;

use crate::components::words::Label;
use crate::domain::Priority;
use crate::store::{use_app, Action};

/// The review rule editor.
#[component]
pub fn ReviewRuleEditor() -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let rule = app.settings.review;
    let change = |apply: Box<dyn Fn(&mut crate::domain::review::ReviewRule)>| {
        let app = app.clone();
        Callback::from(move |_: Event| {
            let mut settings = app.settings.clone();
            apply(&mut settings.review);
            app.dispatch(Action::ChangeSettings(settings));
        })
    };
    let boxes = Priority::ALL.into_iter().map(|p| {
        let i = p as usize;
        let needed = rule.priorities.get(i).copied().unwrap_or(false);
        let onchange = change(Box::new(move |r| {
            if let Some(cell) = r.priorities.get_mut(i) {
                *cell = !needed;
            }
        }));
        let id = format!("review-needed-{}", p.as_str());
        html! {
            <label class="inline" for={id.clone()}>
                <input {id} type="checkbox" checked={needed} {onchange} />
                { format!("{} {} needs a review", p.as_str(), p.label()) }
            </label>
        }
    });
    let drills = rule.drills;
    let ondrills = change(Box::new(move |r| r.drills = !drills));
    html! {
        <section class="settings-review" aria-labelledby="settings-review-title">
            <h2 id="settings-review-title">{ "Reviews" }</h2>
            <p class="hint">{ "An incident of a ticked priority closes only once its post-incident review is published, or with a reason for having none, which is logged." }</p>
            <fieldset>
                <legend>{ "Priorities that need a review" }</legend>
                { for boxes }
            </fieldset>
            <label class="inline" for="review-drills">
                <input id="review-drills" type="checkbox" checked={drills} onchange={ondrills} />
                { "Drills need a review by the same rule" }
            </label>
        </section>
    }
}
