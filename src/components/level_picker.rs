//! Impact or urgency chosen from three levels, each with its guidance in view.

use yew::prelude::*;

use crate::components::words::{Guidance, Label};

use crate::domain::Level;

/// Props of [`LevelPicker`].
#[derive(Properties, PartialEq)]
pub struct LevelPickerProps {
    /// `impact` or `urgency`: names the inputs and picks the guidance.
    pub name: AttrValue,
    /// Visible legend.
    pub legend: AttrValue,
    /// Current choice.
    pub value: Level,
    /// Called with the new choice.
    pub onchange: Callback<Level>,
}

/// A radio group with guidance next to every level.
#[component]
pub fn LevelPicker(props: &LevelPickerProps) -> Html {
    let is_impact = props.name == "impact";
    let option = |level: Level| {
        let id = format!("{}-{}", props.name, level.as_str());
        let onchange = props.onchange.reform(move |_: Event| level);
        let guidance = if is_impact {
            level.impact_guidance()
        } else {
            level.urgency_guidance()
        };
        html! {
            <label class="level-option" for={id.clone()}>
                <input type="radio" id={id} name={props.name.clone()} value={level.as_str()}
                    checked={props.value == level} {onchange} />
                <span class="level-name">{ level.label() }</span>
                <span class="level-guidance">{ guidance }</span>
            </label>
        }
    };
    html! {
        <fieldset class="level-picker">
            <legend>{ props.legend.clone() }</legend>
            { for Level::ALL.into_iter().map(option) }
        </fieldset>
    }
}
