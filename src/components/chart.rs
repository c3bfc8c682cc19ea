//! Charts drawn as SVG from Yew nodes: horizontal bars and weekly columns, each with its axis,
//! its values, a link from every bar to the incidents behind it, and the same numbers as a table
//! one click away. No script draws them; the theme's colours come from the style sheet.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::words::minutes_words;

/// One bar (or column) of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// What the bar stands for: "P1 Critical", "Checkout", "Week of 7 Sep".
    pub label: String,
    /// Its length, in the chart's unit (never below zero); none draws no bar ("no data").
    pub value: Option<u64>,
    /// The value as people read it: "4", "2 h 5 min", "8 of 10 (80%)".
    pub text: String,
    /// Where the incidents behind it are listed (a URL), if anywhere.
    pub href: Option<String>,
    /// A style class for the bar's colour (`p1` … `p5`), else the accent.
    pub tone: Option<&'static str>,
    /// A column's short label under the axis ("7 Sep"), else its label.
    pub tick: Option<String>,
}

impl Bar {
    /// A bar of `value` (none: no data) written as `text`, linking to `href`.
    pub fn new(
        label: impl Into<String>,
        value: Option<u64>,
        text: impl Into<String>,
        href: Option<String>,
    ) -> Bar {
        Bar {
            label: label.into(),
            value,
            text: text.into(),
            href,
            tone: None,
            tick: None,
        }
    }

    /// A bar of a count, linking to `href`.
    pub fn count(label: impl Into<String>, count: usize, href: Option<String>) -> Bar {
        Bar::new(label, Some(count as u64), count.to_string(), href)
    }

    /// The same column with a short label under the axis.
    pub fn tick(self, tick: impl Into<String>) -> Bar {
        Bar {
            tick: Some(tick.into()),
            ..self
        }
    }

    /// The same bar coloured by a style class.
    pub fn tone(self, tone: &'static str) -> Bar {
        Bar {
            tone: Some(tone),
            ..self
        }
    }

    /// What a screen reader says for the bar: its visible words first (label, then value), so
    /// that the name holds what the eye reads.
    fn spoken(&self, noun: &str) -> String {
        let mut words = format!("{} {}", self.label, self.text);
        if self.value.is_some() && !noun.is_empty() {
            words.push(' ');
            words.push_str(noun);
        }
        if self.href.is_some() {
            words.push_str(". List them");
        }
        words
    }
}

/// How the bars are laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// One bar per row, its label above it: for categories of things.
    #[default]
    Rows,
    /// Columns along a time axis, the value shown on hover and focus: for weeks.
    Columns,
}

/// What a chart's values measure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// How many.
    #[default]
    Count,
    /// Minutes, written as people say durations.
    Minutes,
    /// A share in per cent.
    Percent,
}

/// Props of [`Chart`].
#[derive(Properties, PartialEq)]
pub struct ChartProps {
    /// A unique id, for the caption the chart is labelled by.
    pub id: AttrValue,
    /// The chart's title.
    pub title: AttrValue,
    /// What the numbers count, for screen readers: "incidents", "minutes".
    #[prop_or(AttrValue::Static("incidents"))]
    pub noun: AttrValue,
    /// The bars, in order.
    pub bars: Rc<Vec<Bar>>,
    /// Rows or columns.
    #[prop_or_default]
    pub layout: Layout,
    /// A table of the same numbers, when it has more than the bars' labels and values.
    #[prop_or_default]
    pub table: Option<Html>,
    /// What the values measure, for the axis's words.
    #[prop_or_default]
    pub unit: Unit,
    /// Said instead of the chart when every bar is empty.
    #[prop_or(AttrValue::Static("Nothing to count in this range."))]
    pub empty: AttrValue,
}

/// Width of the drawing, in its own units (it scales to its box).
const WIDTH: u64 = 360;

/// A chart with its caption and its table.
#[component]
pub fn Chart(props: &ChartProps) -> Html {
    let caption = format!("{}-title", props.id);
    // A count of zero is nothing to draw; a time or a share of zero is a value worth showing.
    let nothing = props.bars.iter().all(|b| match (props.unit, b.value) {
        (_, None) => true,
        (Unit::Count, Some(value)) => value == 0,
        _ => false,
    });
    let drawing = if nothing {
        html! { <p class="hint chart-empty">{ props.empty.clone() }</p> }
    } else {
        match props.layout {
            Layout::Rows => rows(&props.bars, &props.noun, props.unit),
            Layout::Columns => columns(&props.bars, &props.noun, props.unit),
        }
    };
    let table = props
        .table
        .clone()
        .unwrap_or_else(|| plain_table(&props.title, &props.bars));
    html! {
        <figure class="chart" id={props.id.clone()} aria-labelledby={caption.clone()}>
            <figcaption id={caption}>{ props.title.clone() }</figcaption>
            { drawing }
            <details class="chart-table">
                <summary>{ format!("{} as a table", props.title) }</summary>
                <div class="table-scroll" role="region" tabindex="0" aria-label={format!("{}, as a table", props.title)}>
                    { table }
                </div>
            </details>
        </figure>
    }
}

/// The largest value, at least one (so an axis of zeros still has a length).
fn top(bars: &[Bar]) -> u64 {
    bars.iter()
        .filter_map(|b| b.value)
        .max()
        .unwrap_or(0)
        .max(1)
}

/// `value` of `top` as a length of `span` units.
fn scaled(value: u64, top: u64, span: u64) -> u64 {
    (u128::from(value) * u128::from(span) / u128::from(top.max(1))) as u64
}

/// Wraps a bar's marks in a link to its incidents, or in a labelled group.
fn linked(bar: &Bar, noun: &str, marks: Html) -> Html {
    let spoken = bar.spoken(noun);
    // The raw number, for a test or a script to read without parsing words.
    let value = bar.value.map(|v| v.to_string());
    match &bar.href {
        Some(href) => html! {
            <a class="chart-link" href={href.clone()} aria-label={spoken} data-value={value}>
                { marks }
            </a>
        },
        None => html! {
            <g class="chart-item" role="img" aria-label={spoken.clone()} data-value={value}>
                <title>{ spoken }</title>
                { marks }
            </g>
        },
    }
}

fn tone_class(bar: &Bar) -> Classes {
    classes!("bar", bar.tone)
}

/// Horizontal bars, one per row, label above, value at the bar's end.
fn rows(bars: &[Bar], noun: &str, unit: Unit) -> Html {
    const ROW: u64 = 34;
    const AXIS: u64 = 18;
    // Room at the right for the value text after the longest bar.
    let span = bar_span(bars);
    let top = top(bars);
    let height = ROW * bars.len() as u64 + AXIS;
    let items = bars.iter().enumerate().map(|(n, bar)| {
        let y = ROW * n as u64;
        let length = bar.value.map_or(0, |v| scaled(v, top, span));
        let marks = html! {
            <>
                <rect class="hit" x="0" y={y.to_string()} width={WIDTH.to_string()} height={ROW.to_string()} />
                if bar.value.is_some() {
                    <rect class={tone_class(bar)} x="0" y={(y + 16).to_string()} width={length.max(1).to_string()} height="12" rx="2" />
                }
                // One text, so that the label and the value read as one phrase.
                <text class="label" x="0" y={(y + 12).to_string()}>
                    { bar.label.clone() }
                    <tspan class="value" x={(length + 6).to_string()} y={(y + 27).to_string()}>{ format!(" {}", bar.text) }</tspan>
                </text>
            </>
        };
        linked(bar, noun, marks)
    });
    let base = height - AXIS;
    html! {
        <svg class="chart-svg rows" viewBox={format!("0 0 {WIDTH} {height}")} width="100%" preserveAspectRatio="xMinYMin meet">
            { for items }
            <g class="axis" aria-hidden="true">
                <line x1="0" y1={base.to_string()} x2={span.to_string()} y2={base.to_string()} />
                <text x="0" y={(base + 14).to_string()}>{ "0" }</text>
                <text x={span.to_string()} y={(base + 14).to_string()} text-anchor="end">{ axis_text(unit, top) }</text>
            </g>
        </svg>
    }
}

/// The text of the axis's far end: the largest value, as the chart writes values.
fn axis_text(unit: Unit, top: u64) -> String {
    match unit {
        Unit::Count => top.to_string(),
        Unit::Minutes => minutes_words(i64::try_from(top).unwrap_or(i64::MAX)),
        Unit::Percent => format!("{top}%"),
    }
}

/// How much of the width the longest bar may take: the rest holds the longest value written
/// after it (about 7.5 units a character at the narrow screen's type size), within bounds.
fn bar_span(bars: &[Bar]) -> u64 {
    let longest = bars
        .iter()
        .map(|b| b.text.chars().count() as u64 + 1)
        .max()
        .unwrap_or(0);
    WIDTH
        .saturating_sub(longest * 15 / 2 + 8)
        .clamp(120, WIDTH - 40)
}

/// Columns along a time axis; each column's value shows on hover and on focus.
fn columns(bars: &[Bar], noun: &str, unit: Unit) -> Html {
    const HEIGHT: u64 = 190;
    const LEFT: u64 = 8;
    const TOP: u64 = 28;
    const PLOT: u64 = 120;
    let count = bars.len().max(1) as u64;
    let step = (WIDTH - LEFT) / count;
    let top = top(bars);
    let base = TOP + PLOT;
    let items = bars.iter().enumerate().map(|(n, bar)| {
        let x = LEFT + step * n as u64;
        let middle = x + step / 2;
        let left_half = middle < WIDTH / 2;
        let length = bar.value.map_or(0, |v| scaled(v, top, PLOT));
        // Every other week is labelled below, so the labels never touch.
        let labelled = n % 2 == (bars.len() + 1) % 2;
        let marks = html! {
            <>
                <rect class="hit" x={x.to_string()} y="0" width={step.to_string()} height={HEIGHT.to_string()} />
                if bar.value.is_some() {
                    <rect class={tone_class(bar)} x={(x + 3).to_string()} y={(base - length.max(1)).to_string()}
                        width={step.saturating_sub(6).to_string()} height={length.max(1).to_string()} rx="2" />
                }
                // Anchored on the side with room, so the value stays inside the drawing.
                <text class="tip" x={if left_half { x } else { x + step }.to_string()} y={(base - length - 6).max(12).to_string()}
                    text-anchor={if left_half { "start" } else { "end" }}>{ bar.text.clone() }</text>
                if labelled {
                    <text class="label" x={middle.to_string()} y={(base + 16).to_string()} text-anchor="middle">{ bar.tick.clone().unwrap_or_else(|| bar.label.clone()) }</text>
                }
            </>
        };
        linked(bar, noun, marks)
    });
    html! {
        <svg class="chart-svg columns" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} width="100%" preserveAspectRatio="xMinYMin meet">
            <g class="axis" aria-hidden="true">
                <line x1={LEFT.to_string()} y1={TOP.to_string()} x2={WIDTH.to_string()} y2={TOP.to_string()} class="grid" />
                <text x={LEFT.to_string()} y={(TOP - 4).to_string()}>{ format!("top: {}", axis_text(unit, top)) }</text>
                <line x1={LEFT.to_string()} y1={base.to_string()} x2={WIDTH.to_string()} y2={base.to_string()} />
            </g>
            { for items }
        </svg>
    }
}

/// The table of a chart that has nothing but labels and values.
fn plain_table(title: &str, bars: &[Bar]) -> Html {
    html! {
        <table class="data">
            <thead><tr><th scope="col">{ title.to_string() }</th><th scope="col">{ "Value" }</th></tr></thead>
            <tbody>
                { for bars.iter().map(|bar| html! {
                    <tr>
                        <th scope="row">
                            if let Some(href) = &bar.href {
                                <a href={href.clone()}>{ bar.label.clone() }</a>
                            } else {
                                { bar.label.clone() }
                            }
                        </th>
                        <td>{ bar.text.clone() }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
