//! The customer status page: one self-contained HTML file, written by a pure function.
//!
//! The page is built only from what customers may see: the title customers see (or the
//! incident's title when none is set), the reference, a status word derived from the state, the
//! affected services, when impact began and when it was resolved, and the updates posted to
//! customers. Nothing else of the incident (description, notes, internal or executive updates,
//! role holders, tasks) is read here. Every text from the incident goes through [`escape`].
//!
//! The file holds no script and loads nothing: its style is inline, and its
//! `Content-Security-Policy` forbids everything else. It is a snapshot and says so.
//!
//! Which incidents to list (for example those marked for the status page) is the caller's
//! choice: every incident given is shown.

use std::cmp::Reverse;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};

use crate::domain::comms::{Audience, Update};
use crate::domain::{Incident, IncidentKind, State};

/// The policy the page carries: no script, no resource of any kind, only its inline style.
const CONTENT_SECURITY_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// The page's inline style: one readable column, long words wrapped, light and dark, printable.
const STYLE: &str = r#"
:root { color-scheme: light dark; --fg: #1b1f24; --muted: #57606a; --bg: #ffffff; --card: #f6f8fa;
  --line: #d0d7de; --investigating: #9a3412; --identified: #854d0e; --resolved: #166534;
  --cancelled: #57606a; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e6edf3; --muted: #9da7b3; --bg: #0d1117; --card: #161b22; --line: #30363d;
    --investigating: #fb923c; --identified: #facc15; --resolved: #4ade80; --cancelled: #9da7b3; }
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg);
  font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main, footer { max-width: 42rem; margin: 0 auto; padding: 1rem; }
h1, h2, p, li, dd, time, .text { overflow-wrap: anywhere; word-break: break-word; }
h1 { font-size: 1.5rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 0 0 0.25rem; }
.summary { padding: 0.75rem 1rem; border-radius: 0.5rem; border: 1px solid var(--line);
  background: var(--card); font-weight: 600; }
.summary.ok { color: var(--resolved); }
.summary.ongoing { color: var(--investigating); }
article { border: 1px solid var(--line); border-radius: 0.5rem; padding: 1rem; margin: 1rem 0; }
.status { display: inline-block; font-weight: 700; margin: 0.25rem 0; }
.s-investigating { color: var(--investigating); }
.s-identified { color: var(--identified); }
.s-resolved { color: var(--resolved); }
.s-cancelled { color: var(--cancelled); }
.drill { font-weight: 700; border: 2px dashed currentColor; padding: 0.25rem 0.5rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.125rem 0.75rem;
  margin: 0.5rem 0; color: var(--muted); }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
h3 { font-size: 1rem; margin: 1rem 0 0.5rem; }
ol.updates { list-style: none; margin: 0; padding: 0; }
ol.updates li { border-left: 3px solid var(--line); padding: 0.25rem 0 0.25rem 0.75rem;
  margin: 0 0 0.75rem; }
.when { color: var(--muted); font-size: 0.9rem; display: block; }
.text { white-space: pre-wrap; margin: 0.25rem 0; }
.correction, .corrected { font-size: 0.9rem; font-style: italic; color: var(--muted); margin: 0; }
.none { color: var(--muted); font-style: italic; }
a { color: inherit; }
footer { color: var(--muted); font-size: 0.85rem; border-top: 1px solid var(--line); }
@media print {
  :root { --fg: #000; --muted: #333; --bg: #fff; --card: #fff; --line: #999;
    --investigating: #000; --identified: #000; --resolved: #000; --cancelled: #000; }
  body { font-size: 11pt; }
  main, footer { max-width: none; padding: 0; }
  article, ol.updates li { break-inside: avoid; page-break-inside: avoid; }
  a { text-decoration: none; }
}
"#;

/// The status page for `incidents` (ongoing ones first, newest first), written at
/// `generated_at`; every time is shown in UTC and in `zone` (the zone of the person saving it).
/// Unless exactly one incident is given, a summary line says how many are in progress, or
/// "All systems operational" when none is.
pub fn render(incidents: &[&Incident], generated_at: DateTime<Utc>, zone: FixedOffset) -> String {
    let mut listed: Vec<&Incident> = incidents.to_vec();
    listed.sort_by_key(|i| (status(i.state).over, Reverse(i.created_at), i.id()));

    let page_title = match listed.as_slice() {
        [one] => format!(
            "Status: {} ({})",
            escape(customer_title(one)),
            escape(&one.reference)
        ),
        _ => "Service status".to_string(),
    };

    let mut out = String::with_capacity(8 * 1024);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n"
    ));
    out.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    out.push_str("<meta name=\"color-scheme\" content=\"light dark\">\n");
    out.push_str(&format!("<title>{page_title}</title>\n"));
    out.push_str(&format!(
        "<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"
    ));
    out.push_str("<h1>Service status</h1>\n");

    if listed.len() != 1 {
        let ongoing = listed.iter().filter(|i| !status(i.state).over).count();
        out.push_str(&match ongoing {
            0 => "<p class=\"summary ok\">All systems operational</p>\n".to_string(),
            1 => "<p class=\"summary ongoing\">1 incident in progress</p>\n".to_string(),
            n => format!("<p class=\"summary ongoing\">{n} incidents in progress</p>\n"),
        });
    }

    for incident in &listed {
        incident_section(&mut out, incident, zone);
    }

    out.push_str("</main>\n<footer>\n");
    out.push_str(&format!(
        "<p>Generated {}. This page is a snapshot: it does not update itself.</p>\n",
        time_element(generated_at, zone)
    ));
    out.push_str("</footer>\n</body>\n</html>\n");
    out
}

/// The name to save the page under: `status-INC-0042-20261207-1405.html` for one incident,
/// `status-all-20261207-1405.html` for none or several; the time is `generated_at` in UTC.
/// A reference is kept to letters, digits, `-` and `_` (anything else becomes `_`).
pub fn file_name(incidents: &[&Incident], generated_at: DateTime<Utc>) -> String {
    let what = match incidents {
        [one] => reference_for_file(&one.reference),
        _ => "all".to_string(),
    };
    format!("status-{what}-{}.html", generated_at.format("%Y%m%d-%H%M"))
}

/// An incident reference as a file name may hold it: letters, digits, `-` and `_` kept, anything
/// else `_`, and `incident` when nothing is left.
pub fn reference_for_file(reference: &str) -> String {
    let safe: String = reference
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if safe.is_empty() {
        "incident".to_string()
    } else {
        safe
    }
}

/// Text made safe to put between tags or inside a quoted attribute.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// The title customers see: the one set for them, or else the incident's.
fn customer_title(incident: &Incident) -> &str {
    incident
        .parts()
        .comms
        .public_title()
        .unwrap_or(&incident.title)
}

/// What customers are told about a state.
struct Status {
    /// The word on the page.
    word: &'static str,
    /// The style class that colours it.
    class: &'static str,
    /// Whether customers would call the incident over.
    over: bool,
}

/// The customer-facing status of a state.
fn status(state: State) -> Status {
    let (word, class, over) = match state {
        State::Reported | State::Triaged | State::Investigating => {
            ("Investigating", "s-investigating", false)
        }
        State::Contained => ("Identified — mitigation in place", "s-identified", false),
        State::Resolved | State::Closed => ("Resolved", "s-resolved", true),
        State::Cancelled => (
            "No incident (false alarm or duplicate)",
            "s-cancelled",
            true,
        ),
    };
    Status { word, class, over }
}

fn incident_section(out: &mut String, incident: &Incident, zone: FixedOffset) {
    let comms = &incident.parts().comms;
    let Status { word, class, .. } = status(incident.state);
    out.push_str(&format!("<article id=\"incident-{}\">\n", incident.id()));
    out.push_str(&format!("<h2>{}</h2>\n", escape(customer_title(incident))));
    out.push_str(&format!("<p class=\"status {class}\">Status: {word}</p>\n"));
    match incident.kind {
        IncidentKind::Drill => {
            out.push_str("<p class=\"drill\">Exercise: this is a drill, not a real incident.</p>\n")
        }
        IncidentKind::Real => {}
    }
    out.push_str("<dl class=\"facts\">\n");
    out.push_str(&format!(
        "<dt>Reference</dt><dd>{}</dd>\n",
        escape(&incident.reference)
    ));
    if !incident.services.is_empty() {
        let services: Vec<String> = incident.services.iter().map(|s| escape(s)).collect();
        out.push_str(&format!(
            "<dt>Affected services</dt><dd>{}</dd>\n",
            services.join(", ")
        ));
    }
    out.push_str(&format!(
        "<dt>Impact began</dt><dd>{}</dd>\n",
        time_element(incident.impact_started_at, zone)
    ));
    if let (State::Resolved | State::Closed, Some(resolved)) =
        (incident.state, incident.milestones.resolved_at)
    {
        out.push_str(&format!(
            "<dt>Resolved</dt><dd>{}</dd>\n",
            time_element(resolved, zone)
        ));
    }
    out.push_str("</dl>\n<h3>Updates</h3>\n");

    let updates: Vec<&Update> = comms.thread(Audience::Customers).rev().collect();
    if updates.is_empty() {
        out.push_str("<p class=\"none\">No updates have been posted yet.</p>\n");
    } else {
        out.push_str("<ol class=\"updates\">\n");
        for update in updates {
            out.push_str(&format!("<li id=\"update-{}\">\n", update.id));
            out.push_str(&format!(
                "<span class=\"when\">{}</span>\n",
                time_element(update.at, zone)
            ));
            if let Some(earlier) = update.corrects {
                let named = comms
                    .update(earlier)
                    .filter(|u| u.audience == Audience::Customers);
                out.push_str(&match named {
                    Some(u) => format!(
                        "<p class=\"correction\">Correction to the <a href=\"#update-{}\">update of {}</a>:</p>\n",
                        u.id,
                        time_words(u.at, zone)
                    ),
                    None => "<p class=\"correction\">Correction to an earlier update:</p>\n"
                        .to_string(),
                });
            }
            out.push_str(&format!("<p class=\"text\">{}</p>\n", escape(&update.text)));
            let corrections: Vec<String> = comms
                .corrections_of(update.id)
                .filter(|u| u.audience == Audience::Customers)
                .map(|u| {
                    format!(
                        "<a href=\"#update-{}\">{}</a>",
                        u.id,
                        time_words(u.at, zone)
                    )
                })
                .collect();
            if !corrections.is_empty() {
                out.push_str(&format!(
                    "<p class=\"corrected\">Corrected by the update of {}.</p>\n",
                    corrections.join(", ")
                ));
            }
            out.push_str("</li>\n");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</article>\n");
}

/// A time in words, in UTC and in `zone`: `2026-12-07 14:05 UTC · 15:05 UTC+01:00` (the date
/// repeated when it differs in `zone`; the zone left out when it is UTC).
fn time_words(time: DateTime<Utc>, zone: FixedOffset) -> String {
    let utc = time.format("%Y-%m-%d %H:%M UTC");
    if zone.local_minus_utc() == 0 {
        return utc.to_string();
    }
    let local = time.with_timezone(&zone);
    let local_text = if local.date_naive() == time.date_naive() {
        local.format("%H:%M")
    } else {
        local.format("%Y-%m-%d %H:%M")
    };
    format!("{utc} · {local_text} UTC{zone}")
}

/// A time as a `<time>` element with its RFC 3339 value.
fn time_element(time: DateTime<Utc>, zone: FixedOffset) -> String {
    format!(
        "<time datetime=\"{}\">{}</time>",
        time.to_rfc3339_opts(SecondsFormat::Secs, true),
        time_words(time, zone)
    )
}
