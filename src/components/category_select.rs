//! The category menu used when declaring and when editing an incident.

use yew::prelude::*;

use crate::components::words::Label;

use crate::components::select_value;
use crate::domain::Category;

/// Props of [`CategorySelect`].
#[derive(Properties, PartialEq)]
pub struct CategorySelectProps {
    /// Element id, for its label.
    pub id: AttrValue,
    /// Current choice.
    pub value: Category,
    /// Called with the new choice.
    pub onchange: Callback<Category>,
}

/// A `<select>` of every category.
#[component]
pub fn CategorySelect(props: &CategorySelectProps) -> Html {
    let onchange = props
        .onchange
        .reform(|e: Event| Category::parse(&select_value(&e)).unwrap_or(Category::Other));
    html! {
        <select id={props.id.clone()} {onchange}>
            { for Category::ALL.into_iter().map(|c| html! {
                <option value={c.as_str()} selected={props.value == c}>{ c.label() }</option>
            }) }
        </select>
    }
}
