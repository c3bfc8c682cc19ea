//! The parts of an opened playbook as view functions: one item's row (its text, moved, removed)
//! and one category's checkbox. Each turns a click or an edit into the playbook it would make.

use yew::prelude::*;

use crate::components::words::Label;
use crate::domain::playbooks::Playbook;
use crate::domain::Category;

/// One item's row: its text, and buttons to move it and remove it.
pub fn item_row(
    draft: &Playbook,
    index: usize,
    saved_name: &str,
    change: &Callback<Playbook>,
) -> Html {
    let Some(item) = draft.items.get(index) else {
        return html! {};
    };
    let last = index + 1 == draft.items.len();
    let (edit, moved, removed) = (draft.clone(), draft.clone(), draft.clone());
    let onchange = change.reform(move |e: Event| {
        let input: web_sys::HtmlInputElement = e.target_unchecked_into();
        edit.with_item_text(index, &input.value())
    });
    let onup = change.reform({
        let moved = moved.clone();
        move |_: MouseEvent| moved.with_item_moved(index, true)
    });
    let ondown = change.reform(move |_: MouseEvent| moved.with_item_moved(index, false));
    let onremove = change.reform(move |_: MouseEvent| removed.without_item(index));
    html! {
        <li key={item.id.clone()} class="playbook-item" data-testid="playbook-item">
            <input type="text" value={item.text.clone()} {onchange}
                aria-label={format!("Item {} of {saved_name}", index + 1)} />
            <span class="item-actions">
                <button type="button" class="link" disabled={index == 0} onclick={onup}
                    aria-label={format!("Move \u{201c}{}\u{201d} up", item.text)}>{ "\u{2191}" }</button>
                <button type="button" class="link" disabled={last} onclick={ondown}
                    aria-label={format!("Move \u{201c}{}\u{201d} down", item.text)}>{ "\u{2193}" }</button>
                <button type="button" class="link" onclick={onremove}>{ format!("Remove \u{201c}{}\u{201d}", item.text) }</button>
            </span>
        </li>
    }
}

/// A checkbox for one category, labelled by the category's name.
pub fn category_box(draft: &Playbook, category: Category, change: &Callback<Playbook>) -> Html {
    let draft = draft.clone();
    let checked = draft.fits(category);
    let onchange = change.reform(move |_: Event| {
        let mut next = draft.clone();
        next.categories.retain(|c| *c != category);
        if !checked {
            next.categories.push(category);
        }
        next
    });
    html! {
        <label class="check"><input type="checkbox" {checked} {onchange} />{ category.label() }</label>
    }
}
