//! One follow-up action: what, what kind, who, by when and where it stands, with one-click
//! buttons to mark it done or open it again, and a short form for "won't do" (which needs a
//! reason). Used on the review and on the follow-ups page.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::components::words::{action_kind_label, action_state_label, due_date_words};
use crate::components::{bind_input, refusal_message, Attempt};
use crate::domain::actions::{ActionKind, ActionState};

/// An action as a list shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRow {
    /// What to do.
    pub title: String,
    /// What it does.
    pub kind: ActionKind,
    /// Who does it.
    pub owner: Option<String>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub state: ActionState,
    /// Why it will not be done.
    pub reason: Option<String>,
    /// Open and past its due date.
    pub overdue: bool,
}

impl ActionRow {
    /// The row of an action as it stands on `today`.
    pub fn of(action: &crate::domain::actions::Action<'_>, today: NaiveDate) -> ActionRow {
        ActionRow {
            title: action.title.to_string(),
            kind: action.kind,
            owner: action.owner.map(str::to_string),
            due: action.due,
            state: action.state,
            reason: action.reason.map(str::to_string),
            overdue: action.is_overdue(today),
        }
    }
}

/// Props of [`ActionItem`].
#[derive(Properties, PartialEq)]
pub struct ActionItemProps {
    /// The action's id (names its fields).
    pub id: AttrValue,
    /// The action.
    pub action: ActionRow,
    /// Called with the state it is to be in and the reason (for won't do); answers whether it
    /// was accepted.
    pub onset: Attempt<(ActionState, String)>,
    /// Shown before the title (the incident it came from, on the follow-ups page).
    #[prop_or_default]
    pub children: Html,
}

/// One follow-up action.
#[component]
pub fn ActionItem(props: &ActionItemProps) -> Html {
    let action = &props.action;
    let asking = use_state(|| false);
    let reason = use_state(String::new);
    let error = use_state(|| None::<String>);
    // "Won't do" gives way to its reason field: focus moves there, not to the page's top.
    let field = use_node_ref();
    {
        let field = field.clone();
        use_effect_with(*asking, move |asking| {
            if *asking {
                if let Some(input) = field.cast::<web_sys::HtmlElement>() {
                    let _ = input.focus();
                }
            }
        });
    }
    let title = format!("“{}”", action.title);
    let set = |to: ActionState| {
        let (onset, error, asking) = (props.onset.clone(), error.clone(), asking.clone());
        Callback::from(move |_: MouseEvent| match onset.emit((to, String::new())) {
            Ok(()) => {
                error.set(None);
                asking.set(false);
            }
            Err(refused) => error.set(Some(refusal_message(&refused))),
        })
    };
    let onask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let oncancel = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(false))
    };
    let onsubmit = {
        let (onset, error, asking, reason) = (
            props.onset.clone(),
            error.clone(),
            asking.clone(),
            reason.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match onset.emit((ActionState::WontDo, (*reason).clone())) {
                Ok(()) => {
                    error.set(None);
                    asking.set(false);
                }
                Err(refused) => error.set(Some(refusal_message(&refused))),
            }
        })
    };
    let state_words = match (&action.state, &action.reason) {
        (ActionState::WontDo, Some(reason)) => format!("Won't do: {reason}"),
        (state, _) => action_state_label(*state).to_string(),
    };
    let reason_id = format!("wont-do-{}", props.id);
    html! {
        <li class={classes!("action-item", action.overdue.then_some("overdue"), (action.state != ActionState::Open).then_some("settled"))}
            data-testid="action-item">
            <div class="action-line">
                { props.children.clone() }
                <span class="action-title">{ action.title.clone() }</span>
                <span class="tag">{ action_kind_label(action.kind) }</span>
                <span class="hint">{ action.owner.clone().unwrap_or_else(|| "no owner".into()) }</span>
                <span class={classes!("hint", action.overdue.then_some("loud"))} data-testid="action-due">
                    { due_date_words(action.due) }
                    if action.overdue { { " — overdue" } }
                </span>
                <span class="action-state" data-testid="action-state">{ state_words }</span>
            </div>
            <div class="row">
                if action.state == ActionState::Open {
                    <button type="button" onclick={set(ActionState::Done)}>{ format!("Mark done: {title}") }</button>
                    if !*asking {
                        <button type="button" onclick={onask}>{ format!("Won't do: {title}") }</button>
                    }
                } else {
                    <button type="button" onclick={set(ActionState::Open)}>{ format!("Reopen: {title}") }</button>
                }
            </div>
            if *asking {
                <form class="row wont-do" {onsubmit}>
                    <label for={reason_id.clone()} class="inline">{ "Reason it will not be done" }</label>
                    <input id={reason_id} ref={field} type="text" value={(*reason).clone()} oninput={bind_input(&reason)} />
                    <button type="submit">{ format!("Confirm won't do: {title}") }</button>
                    <button type="button" onclick={oncancel}>{ format!("Keep open: {title}") }</button>
                </form>
            }
            if let Some(error) = &*error {
                <p class="form-error" role="alert">{ error.clone() }</p>
            }
        </li>
    }
}
