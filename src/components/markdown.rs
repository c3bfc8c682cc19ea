//! Markdown as people type it in reviews and notes, shown safely: pulldown-cmark parses it into
//! a small tree of Sitrep's own nodes, and the view turns that tree into Yew nodes. There is no
//! HTML writer anywhere: raw HTML is shown as the text it is, a link is made only for http, https
//! and mailto addresses, and an image is shown as its description, never loaded.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use yew::prelude::*;

/// How deep containers nest before deeper structure is read as plain text (a hostile text of
/// thousands of `>` must not exhaust the stack when the tree is drawn or dropped).
pub const MAX_DEPTH: usize = 24;

/// A container of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    /// A paragraph.
    Paragraph,
    /// A heading of level 1 to 6.
    Heading(u8),
    /// A block quote.
    Quote,
    /// A list, numbered from `Some(start)` or bulleted.
    List(Option<u64>),
    /// One item of a list.
    Item,
    /// A table.
    Table,
    /// The table's header row.
    TableHead,
    /// A row of the table.
    TableRow,
    /// A cell of a row.
    TableCell,
    /// Emphasis.
    Emphasis,
    /// Strong emphasis.
    Strong,
    /// Struck through.
    Strike,
    /// A link to a safe address (http, https or mailto).
    Link(String),
    /// Anything else (an image's description, a link to an unsafe address, an unsupported
    /// construct): its content as it is, with no element of its own.
    Plain,
}

/// A node of the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A container and what it holds.
    Element(Kind, Vec<Node>),
    /// Text, shown as text (raw HTML included).
    Text(String),
    /// Inline code.
    Code(String),
    /// A fenced or indented code block.
    CodeBlock(String),
    /// A hard line break.
    Break,
    /// A thematic break.
    Rule,
}

/// Whether an address may become a link: http, https or mailto, nothing else.
pub fn is_safe_link(href: &str) -> bool {
    let href = href.trim();
    let lower = href.get(..8).unwrap_or(href).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:")
}

fn kind_of(tag: Tag<'_>) -> Kind {
    match tag {
        Tag::Paragraph => Kind::Paragraph,
        Tag::Heading { level, .. } => Kind::Heading(level as u8),
        Tag::BlockQuote(_) => Kind::Quote,
        Tag::List(start) => Kind::List(start),
        Tag::Item => Kind::Item,
        Tag::Table(_) => Kind::Table,
        Tag::TableHead => Kind::TableHead,
        Tag::TableRow => Kind::TableRow,
        Tag::TableCell => Kind::TableCell,
        Tag::Emphasis => Kind::Emphasis,
        Tag::Strong => Kind::Strong,
        Tag::Strikethrough => Kind::Strike,
        Tag::Link { dest_url, .. } if is_safe_link(&dest_url) => {
            Kind::Link(dest_url.trim().to_string())
        }
        // An image is its description; an unsafe link its text; the rest their content.
        _ => Kind::Plain,
    }
}

/// The tree of a Markdown text.
pub fn parse(text: &str) -> Vec<Node> {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    // The open containers; the bottom one is the document.
    let mut stack: Vec<(Kind, Vec<Node>, bool)> = vec![(Kind::Plain, Vec::new(), false)];
    // Containers opened past MAX_DEPTH: read as their text only.
    let mut flattened = 0usize;
    let push = |stack: &mut Vec<(Kind, Vec<Node>, bool)>, node: Node| {
        if let Some((_, children, _)) = stack.last_mut() {
            children.push(node);
        }
    };
    for event in Parser::new_ext(text, options) {
        match event {
            Event::Start(tag) => {
                if stack.len() > MAX_DEPTH {
                    flattened += 1;
                    continue;
                }
                let code = matches!(tag, Tag::CodeBlock(_));
                stack.push((kind_of(tag), Vec::new(), code));
            }
            Event::End(end) => {
                if flattened > 0 {
                    flattened -= 1;
                    if matches!(end, TagEnd::Paragraph | TagEnd::Item | TagEnd::TableCell) {
                        push(&mut stack, Node::Text(" ".into()));
                    }
                    continue;
                }
                if stack.len() < 2 {
                    continue;
                }
                let Some((kind, children, code)) = stack.pop() else {
                    continue;
                };
                let node = if code {
                    Node::CodeBlock(plain_text(&children))
                } else {
                    Node::Element(kind, children)
                };
                push(&mut stack, node);
            }
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                push(&mut stack, Node::Text(t.into_string()))
            }
            Event::InlineMath(t) | Event::DisplayMath(t) => {
                push(&mut stack, Node::Text(t.into_string()))
            }
            Event::Code(t) => push(&mut stack, Node::Code(t.into_string())),
            Event::SoftBreak => push(&mut stack, Node::Text("\n".into())),
            Event::HardBreak => push(&mut stack, Node::Break),
            Event::Rule => push(&mut stack, Node::Rule),
            Event::FootnoteReference(t) => push(&mut stack, Node::Text(format!("[^{t}]"))),
            Event::TaskListMarker(done) => push(
                &mut stack,
                Node::Text(if done { "[x] " } else { "[ ] " }.into()),
            ),
        }
    }
    // Close whatever a truncated text left open.
    while stack.len() > 1 {
        if let Some((kind, children, _)) = stack.pop() {
            push(&mut stack, Node::Element(kind, children));
        }
    }
    stack
        .pop()
        .map(|(_, children, _)| children)
        .unwrap_or_default()
}

/// The text of some nodes, without their structure.
pub fn plain_text(nodes: &[Node]) -> String {
    let mut out = String::new();
    let mut todo: Vec<&Node> = nodes.iter().rev().collect();
    while let Some(node) = todo.pop() {
        match node {
            Node::Element(_, children) => todo.extend(children.iter().rev()),
            Node::Text(t) | Node::Code(t) | Node::CodeBlock(t) => out.push_str(t),
            Node::Break => out.push('\n'),
            Node::Rule => {}
        }
    }
    out
}

/// Yew nodes of the tree.
pub fn view(nodes: &[Node]) -> Html {
    nodes.iter().map(view_node).collect::<Html>()
}

fn view_node(node: &Node) -> Html {
    match node {
        Node::Text(t) => html! { { t.clone() } },
        Node::Code(t) => html! { <code>{ t.clone() }</code> },
        Node::CodeBlock(t) => html! { <pre><code>{ t.clone() }</code></pre> },
        Node::Break => html! { <br /> },
        Node::Rule => html! { <hr /> },
        Node::Element(kind, children) => {
            let inner = view(children);
            match kind {
                Kind::Paragraph => html! { <p>{ inner }</p> },
                // Headings inside a text sit under the page's own headings.
                Kind::Heading(1 | 2) => html! { <h3>{ inner }</h3> },
                Kind::Heading(3) => html! { <h4>{ inner }</h4> },
                Kind::Heading(4) => html! { <h5>{ inner }</h5> },
                Kind::Heading(_) => html! { <h6>{ inner }</h6> },
                Kind::Quote => html! { <blockquote>{ inner }</blockquote> },
                Kind::List(Some(start)) => {
                    html! { <ol start={start.to_string()}>{ inner }</ol> }
                }
                Kind::List(None) => html! { <ul>{ inner }</ul> },
                Kind::Item => html! { <li>{ inner }</li> },
                Kind::Table => html! { <table class="md-table">{ inner }</table> },
                Kind::TableHead => {
                    html! { <thead><tr>{ for children.iter().map(header_cell) }</tr></thead> }
                }
                Kind::TableRow => html! { <tr>{ inner }</tr> },
                Kind::TableCell => html! { <td>{ inner }</td> },
                Kind::Emphasis => html! { <em>{ inner }</em> },
                Kind::Strong => html! { <strong>{ inner }</strong> },
                Kind::Strike => html! { <s>{ inner }</s> },
                Kind::Link(href) => html! {
                    <a href={href.clone()} rel="noopener noreferrer nofollow" target="_blank">{ inner }</a>
                },
                Kind::Plain => inner,
            }
        }
    }
}

/// A cell of the header row, as a header cell.
fn header_cell(node: &Node) -> Html {
    match node {
        Node::Element(Kind::TableCell, children) => {
            html! { <th scope="col">{ view(children) }</th> }
        }
        other => view_node(other),
    }
}

/// Props of [`Markdown`].
#[derive(Properties, PartialEq)]
pub struct MarkdownProps {
    /// The text as typed.
    pub text: AttrValue,
}

/// A Markdown text, shown safely; parsed again only when the text changes.
#[component]
pub fn Markdown(props: &MarkdownProps) -> Html {
    let tree = use_memo(props.text.clone(), |text| parse(text));
    html! { <div class="markdown">{ view(&tree) }</div> }
}
