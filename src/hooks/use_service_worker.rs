//! The service worker: registers `sw.js` and watches for a new version, which never takes over
//! a running page by itself.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};
use yew::prelude::*;

/// What the service worker says about versions.
#[derive(Debug, Clone, PartialEq)]
pub enum Update {
    /// Nothing to offer.
    None,
    /// A new version is installed and waits for this page to reload into it.
    Ready(ServiceWorkerRegistration),
    /// Another tab already switched to a new version; this page still runs the old one.
    ActiveElsewhere,
}

/// How often an open page asks the host for a new version.
const CHECK_EVERY_MS: u32 = 30 * 60 * 1000;

/// The browser's service worker container, where there is one (secure contexts only).
fn container() -> Option<ServiceWorkerContainer> {
    let navigator = gloo::utils::window().navigator();
    let present = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    present.then(|| navigator.service_worker())
}

/// Registers `sw.js` (beside index.html, so any sub-path works) and watches for new versions.
#[hook]
pub fn use_service_worker() -> (Update, Callback<()>) {
    let update = use_state(|| Update::None);
    let reloading = use_memo((), |_| Cell::new(false));
    {
        let update = update.clone();
        let reloading = reloading.clone();
        use_effect_with((), move |_| {
            let mut keep: Vec<EventListener> = Vec::new();
            let mut timer = None;
            // Debug builds (trunk serve) register none: their sw.js retires any worker a release
            // build left on this origin (scripts/post-build.mjs), so a cached build never hides a
            // rebuild.
            if let (Some(container), false) = (container(), cfg!(debug_assertions)) {
                // Whether a worker served this page; the first install on a page loaded from the
                // network takes it over and is no update.
                let controlled = Rc::new(Cell::new(container.controller().is_some()));
                keep.push(EventListener::new(&container, "controllerchange", {
                    let update = update.clone();
                    let controlled = controlled.clone();
                    move |_| {
                        if reloading.get() {
                            crate::browser::reload_page();
                        } else if controlled.replace(true) {
                            update.set(Update::ActiveElsewhere);
                        }
                    }
                }));
                // The registration, and the listener that must live as long as it is watched.
                let watched: Rc<RefCell<Option<(ServiceWorkerRegistration, EventListener)>>> =
                    Rc::default();
                let check = {
                    let watched = watched.clone();
                    move || {
                        if let Some((registration, _)) = watched.borrow().as_ref() {
                            let _ = registration.update();
                        }
                    }
                };
                timer = Some(gloo::timers::callback::Interval::new(
                    CHECK_EVERY_MS,
                    check.clone(),
                ));
                keep.push(EventListener::new(
                    &gloo::utils::window(),
                    "online",
                    move |_| check(),
                ));
                let registering = container.register("sw.js");
                wasm_bindgen_futures::spawn_local(async move {
                    let Some(registration) = JsFuture::from(registering)
                        .await
                        .ok()
                        .and_then(|r| r.dyn_into::<ServiceWorkerRegistration>().ok())
                    else {
                        return;
                    };
                    let offer = {
                        let registration = registration.clone();
                        move || {
                            if controlled.get() && registration.waiting().is_some() {
                                update.set(Update::Ready(registration.clone()));
                            }
                        }
                    };
                    offer();
                    let found = EventListener::new(&registration, "updatefound", {
                        let registration = registration.clone();
                        move |_| {
                            if let Some(installing) = registration.installing() {
                                let offer = offer.clone();
                                let state_of = installing.clone();
                                EventListener::once(&installing, "statechange", move |_| {
                                    if state_of.state() == ServiceWorkerState::Installed {
                                        offer();
                                    }
                                })
                                .forget();
                            }
                        }
                    });
                    *watched.borrow_mut() = Some((registration, found));
                });
            }
            move || {
                drop(keep);
                drop(timer);
            }
        });
    }
    // Reload into the waiting version: ask it to take over, and reload once it has.
    let onreload = {
        let update = update.clone();
        Callback::from(move |()| match &*update {
            Update::Ready(registration) => match registration.waiting() {
                Some(waiting) => {
                    reloading.set(true);
                    let _ = waiting.post_message(&JsValue::from_str("activate-update"));
                }
                None => crate::browser::reload_page(),
            },
            Update::None | Update::ActiveElsewhere => crate::browser::reload_page(),
        })
    };
    ((*update).clone(), onreload)
}
