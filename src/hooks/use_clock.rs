//! The one app-wide ticking clock. Screens that show ages, due times or (later) a cadence or a
//! drill clock read it, so they all move on together without each starting a timer.

use chrono::{DateTime, Utc};
use yew::prelude::*;

/// How often the clock ticks: ages are shown to the minute.
const TICK_MS: u32 = 15_000;

/// The time as of the latest tick.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock(pub DateTime<Utc>);

/// Props of [`ClockProvider`].
#[derive(Properties, PartialEq)]
pub struct ClockProviderProps {
    /// What reads the clock.
    pub children: Html,
}

/// Ticks for everything inside it.
#[component]
pub fn ClockProvider(props: &ClockProviderProps) -> Html {
    let clock = use_state(|| Clock(crate::browser::now()));
    {
        let clock = clock.clone();
        use_effect_with((), move |_| {
            let interval = gloo::timers::callback::Interval::new(TICK_MS, move || {
                clock.set(Clock(crate::browser::now()));
            });
            move || drop(interval)
        });
    }
    html! {
        <ContextProvider<Clock> context={*clock}>{ props.children.clone() }</ContextProvider<Clock>>
    }
}

/// The time as of the latest tick (the browser's clock now, outside a provider).
#[hook]
pub fn use_clock() -> DateTime<Utc> {
    use_context::<Clock>().map_or_else(crate::browser::now, |c| c.0)
}
