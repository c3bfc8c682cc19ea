//! Offers a new version when one is ready (the service worker itself is `hooks::use_service_worker`).
//!
//! A new build never takes over a running page. It installs beside it and waits; the page says
//! "update available" and reloads into it only when the person chooses.

use yew::prelude::*;

use crate::hooks::{use_service_worker, Update};

/// "Update available: reload", or "another tab runs a newer version".
#[component]
pub fn UpdateBanner() -> Html {
    let (update, onreload) = use_service_worker();
    let onreload = onreload.reform(|_: MouseEvent| ());
    match update {
        Update::None => html! {},
        Update::Ready(_) => {
            html! {
                <div class="banner info" role="status" data-testid="update-banner">
                    <span>{ "A new version of Sitrep is available. Your incidents stay as they are." }</span>
                    <button onclick={onreload} data-testid="update-reload">{ "Reload to update" }</button>
                </div>
            }
        }
        Update::ActiveElsewhere => html! {
            <div class="banner info" role="status" data-testid="update-banner">
                <span>{ "Another tab switched to a new version of Sitrep. Reload this tab to use it too." }</span>
                <button onclick={onreload}>{ "Reload" }</button>
            </div>
        },
    }
}
