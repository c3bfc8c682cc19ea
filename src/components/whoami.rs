//! Asks for the person's name, which signs every timeline entry.

use yew::prelude::*;

use crate::components::{bind_input, Modal};
use crate::domain::commands::MAX_NAME;
use crate::store::{use_app, Action};

/// Props of [`WhoAmI`].
#[derive(Properties, PartialEq)]
pub struct WhoAmIProps {
    /// Called after saving or cancelling; absent on the first visit, where a name is required.
    #[prop_or_default]
    pub onclose: Option<Callback<()>>,
}

/// A small dialog asking for the user's name.
#[component]
pub fn WhoAmI(props: &WhoAmIProps) -> Html {
    let Some(app) = use_app() else {
        return html! {};
    };
    let name = use_state(|| app.user.clone().unwrap_or_default());
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (app, name, error, onclose) = (
            app.clone(),
            name.clone(),
            error.clone(),
            props.onclose.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let trimmed = name.trim().to_string();
            if trimmed.is_empty() {
                error.set(Some("Please enter your name.".into()));
                return;
            }
            if trimmed.chars().count() > MAX_NAME {
                error.set(Some(format!("Please use at most {MAX_NAME} characters.")));
                return;
            }
            app.dispatch(Action::SetUser(trimmed));
            if let Some(onclose) = &onclose {
                onclose.emit(());
            }
        })
    };
    let oncancel = props
        .onclose
        .clone()
        .map(|cb| Callback::from(move |_| cb.emit(())));
    html! {
        <Modal labelledby="whoami-title" onclose={props.onclose.clone()} testid="whoami">
            <form {onsubmit}>
                <h2 id="whoami-title">{ "Who is responding?" }</h2>
                <p class="hint">{ "Your name signs every entry you add to a timeline. It stays in this browser." }</p>
                <label for="whoami-name">{ "Your name" }</label>
                <input id="whoami-name" type="text" autocomplete="name" value={(*name).clone()} oninput={bind_input(&name)} />
                if let Some(error) = &*error {
                    <p class="form-error" role="alert">{ error.clone() }</p>
                }
                <div class="actions">
                    <button type="submit" class="primary" data-testid="whoami-save">{ "Save" }</button>
                    if let Some(oncancel) = oncancel {
                        <button type="button" onclick={oncancel}>{ "Cancel" }</button>
                    }
                </div>
            </form>
        </Modal>
    }
}
