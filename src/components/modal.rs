//! A modal dialog: takes focus when it opens, keeps Tab inside, closes on Escape (when it may be
//! closed), and gives focus back to whatever opened it.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

/// What can take focus inside a dialog.
const FOCUSABLE: &str =
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex='-1'])";

/// Props of [`Modal`].
#[derive(Properties, PartialEq)]
pub struct ModalProps {
    /// The dialog's content.
    pub children: Html,
    /// Id of the element that names the dialog.
    pub labelledby: AttrValue,
    /// Called on Escape; a dialog without it cannot be dismissed (e.g. the first name prompt).
    #[prop_or_default]
    pub onclose: Option<Callback<()>>,
    /// `dialog`, or `alertdialog` for a message that needs an answer.
    #[prop_or(AttrValue::Static("dialog"))]
    pub role: AttrValue,
    /// Extra classes of the dialog box.
    #[prop_or_default]
    pub class: Classes,
    /// Test hook.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

fn focusables(dialog: &HtmlElement) -> Vec<HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .collect()
}

fn is_active(element: &HtmlElement) -> bool {
    gloo::utils::document()
        .active_element()
        .is_some_and(|active| active == **element)
}

/// Keeps Tab and Shift+Tab inside the dialog; Escape calls `onclose`.
fn on_key(dialog: &HtmlElement, event: &KeyboardEvent, onclose: Option<&Callback<()>>) {
    match event.key().as_str() {
        "Escape" => {
            if let Some(onclose) = onclose {
                event.prevent_default();
                onclose.emit(());
            }
        }
        "Tab" => {
            let items = focusables(dialog);
            let (Some(first), Some(last)) = (items.first(), items.last()) else {
                event.prevent_default();
                return;
            };
            let inside = items.iter().any(is_active);
            if event.shift_key() && (is_active(first) || !inside) {
                event.prevent_default();
                let _ = last.focus();
            } else if !event.shift_key() && (is_active(last) || !inside) {
                event.prevent_default();
                let _ = first.focus();
            }
        }
        _ => {}
    }
}

/// A modal dialog over a dimmed page.
#[component]
pub fn Modal(props: &ModalProps) -> Html {
    let node = use_node_ref();
    let onclose = use_mut_ref(|| props.onclose.clone());
    *onclose.borrow_mut() = props.onclose.clone();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            let opener = gloo::utils::document()
                .active_element()
                .and_then(|e| e.dyn_into::<HtmlElement>().ok());
            let dialog = node.cast::<HtmlElement>();
            if let Some(first) = dialog
                .as_ref()
                .and_then(|d| focusables(d).into_iter().next())
            {
                let _ = first.focus();
            }
            let listener = dialog.map(|dialog| {
                let target = dialog.clone();
                EventListener::new(&target, "keydown", move |event| {
                    if let Some(event) = event.dyn_ref::<KeyboardEvent>() {
                        on_key(&dialog, event, onclose.borrow().as_ref());
                    }
                })
            });
            move || {
                drop(listener);
                if let Some(opener) = opener.filter(|o| o.is_connected()) {
                    let _ = opener.focus();
                }
            }
        });
    }
    html! {
        <div class="dialog-backdrop">
            <div ref={node} class={classes!("dialog", props.class.clone())} role={props.role.clone()}
                aria-modal="true" aria-labelledby={props.labelledby.clone()} data-testid={props.testid.clone()}>
                { props.children.clone() }
            </div>
        </div>
    }
}
