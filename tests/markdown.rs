//! Markdown in reviews and notes: parsed to Sitrep's own tree, never to HTML. A table of hostile
//! texts must never give a link to anything but http, https or mailto, never an image, and never
//! markup: raw HTML stays the text it was.

#![cfg(not(target_arch = "wasm32"))]

use sitrep::components::markdown::{is_safe_link, parse, plain_text, Kind, Node, MAX_DEPTH};

/// Every link address in the tree.
fn links(nodes: &[Node]) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo: Vec<&Node> = nodes.iter().collect();
    while let Some(node) = todo.pop() {
        if let Node::Element(kind, children) = node {
            if let Kind::Link(href) = kind {
                out.push(href.clone());
            }
            todo.extend(children.iter());
        }
    }
    out
}

/// How deep the tree nests.
fn depth(nodes: &[Node]) -> usize {
    let mut deepest = 0;
    let mut todo: Vec<(&Node, usize)> = nodes.iter().map(|n| (n, 1)).collect();
    while let Some((node, d)) = todo.pop() {
        deepest = deepest.max(d);
        if let Node::Element(_, children) = node {
            todo.extend(children.iter().map(|c| (c, d + 1)));
        }
    }
    deepest
}

#[test]
fn hostile_markdown_gives_no_unsafe_link_no_image_and_no_markup() {
    // (the text, the words that must still be read in it)
    let table: &[(&str, &str)] = &[
        ("<script>alert(1)</script>", "<script>alert(1)</script>"),
        (
            "Hi <img src=x onerror=alert(1)> there",
            "<img src=x onerror=alert(1)>",
        ),
        (
            "<div onclick=\"steal()\">click</div>",
            "<div onclick=\"steal()\">",
        ),
        ("[click](javascript:alert(1))", "click"),
        ("[click](JavaScript:alert(1))", "click"),
        ("[click]( javascript:alert(1) )", "click"),
        ("[click](data:text/html;base64,PHNjcmlwdD4=)", "click"),
        ("[click](vbscript:msgbox(1))", "click"),
        ("[click](//evil.example/x)", "click"),
        ("[click](/relative/path)", "click"),
        ("<javascript:alert(1)>", "javascript:alert(1)"),
        (
            "![the outage graph](https://evil.example/pixel.png)",
            "the outage graph",
        ),
        ("![x](javascript:alert(1))", "x"),
        (
            "[![pic](https://evil.example/a.png)](javascript:alert(1))",
            "pic",
        ),
        ("[ref][1]\n\n[1]: javascript:alert(1)", "ref"),
        (
            "<a href=\"https://example.com\">raw</a>",
            "<a href=\"https://example.com\">",
        ),
        ("<iframe src=\"https://evil.example\"></iframe>", "<iframe"),
        ("<style>body{display:none}</style>", "<style>"),
    ];
    for (text, kept) in table {
        let tree = parse(text);
        assert!(
            links(&tree).is_empty(),
            "{text:?} must give no link: {tree:?}"
        );
        assert!(
            plain_text(&tree).contains(kept),
            "{text:?} must still read {kept:?}: {:?}",
            plain_text(&tree)
        );
    }
}

#[test]
fn safe_links_are_links_and_only_those() {
    let tree = parse(
        "See [the runbook](https://wiki.example/runbook), [the status](http://status.example) \
         and [mail us](mailto:sre@example.com), or <https://example.com/auto>.",
    );
    assert_eq!(
        links(&tree),
        [
            "https://example.com/auto",
            "mailto:sre@example.com",
            "http://status.example",
            "https://wiki.example/runbook"
        ]
    );
    for (href, safe) in [
        ("https://x", true),
        ("HTTPS://X", true),
        ("mailto:a@b", true),
        ("  http://x  ", true),
        ("javascript:alert(1)", false),
        ("data:text/html,x", false),
        ("ftp://x", false),
        ("", false),
        ("htt", false),
        ("é", false),
    ] {
        assert_eq!(is_safe_link(href), safe, "{href:?}");
    }
}

#[test]
fn structure_is_kept_for_what_people_write_in_a_review() {
    let tree = parse(
        "## What went well\n\n- **Paging** worked\n- *Rollback* took `2 min`\n\n\
         | step | minutes |\n|---|---|\n| detect | 4 |\n\n~~blame~~\n\n```\nkubectl get pods\n```",
    );
    let kinds: Vec<&Kind> = tree
        .iter()
        .filter_map(|n| match n {
            Node::Element(kind, _) => Some(kind),
            _ => None,
        })
        .collect();
    assert_eq!(
        kinds,
        [
            &Kind::Heading(2),
            &Kind::List(None),
            &Kind::Table,
            &Kind::Paragraph
        ]
    );
    assert!(tree.contains(&Node::CodeBlock("kubectl get pods\n".into())));
    let text = plain_text(&tree);
    for words in [
        "What went well",
        "Paging",
        "Rollback",
        "2 min",
        "detect",
        "blame",
    ] {
        assert!(text.contains(words), "{words}");
    }
}

#[test]
fn deep_nesting_is_read_as_text_past_the_limit() {
    let text = format!("{}deep", ">".repeat(10_000));
    let tree = parse(&text);
    assert!(depth(&tree) <= MAX_DEPTH + 2, "depth {}", depth(&tree));
    assert!(plain_text(&tree).contains("deep"));
    let list = format!("{}x", "- ".repeat(5_000));
    assert!(depth(&parse(&list)) <= MAX_DEPTH + 2);
}
