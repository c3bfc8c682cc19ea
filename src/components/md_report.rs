//! The incident report as Markdown, to paste into a wiki: a facts table, the roles, the
//! timeline (starred entries or every entry), the updates sent, the resolution, the tasks done,
//! the post-incident review and the follow-up actions. Written by a pure function.
//!
//! Every text from the incident except the review's sections goes through [`escape`] (or
//! [`lines`] where line breaks are kept), so a title, a name or an update reads as the text it
//! is and never becomes a heading, a link, an image, raw HTML or a broken table row. The
//! review's sections are the author's Markdown and are kept as written, except that every `<` is
//! written `&lt;` (so no raw HTML survives) and a code fence left open is closed (so it cannot
//! swallow the rest of the report).

use chrono::{DateTime, Utc};

use super::words::{
    action_kind_label, action_state_label, audience_label, describe, minutes_words, moment_label,
    resolution_kind_label, role_label, section_label, span_ends, span_label, status_label, Label,
};
use crate::domain::actions::ActionState;
use crate::domain::comms::Audience;
use crate::domain::review::{self, Facts, Section};
use crate::domain::{Event, Incident, IncidentKind};

/// The characters escaped with a backslash wherever they stand: those that open or close
/// emphasis, code, links, images, raw HTML, headings, block quotes, tables, strikethrough,
/// entities, attributes, superscripts and the maths some wikis render. (`<` is written `&lt;`
/// instead, so that not even the text `<script` is left in the file.)
const SPECIAL: [char; 15] = [
    '\\', '`', '*', '_', '[', ']', '>', '#', '|', '~', '&', '$', '{', '}', '^',
];

/// Whether a character ends a line, for Markdown or for some renderer.
fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0b}' | '\u{0c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Text made inert for Markdown, on one line: every character that could be markup is escaped
/// with a backslash (`<` is written `&lt;`), and line breaks, tabs and other control characters become spaces. The
/// result reads as the text it is in a heading, a table cell or after the start of a line; it
/// may not start a line (see [`lines`] for that).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            continue;
        }
        if is_break(c) || c.is_control() {
            out.push(' ');
        } else if c == '<' {
            out.push_str("&lt;");
        } else {
            if SPECIAL.contains(&c) {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// An escaped line made safe at the start of a line: a leading `-`, `+`, `=` or `:` (a list item,
/// a thematic break, a heading's underline or a definition) and the `.` or `)` after leading digits (a numbered
/// list) are escaped too.
fn line_start(line: String) -> String {
    if line.starts_with(['-', '+', '=', ':']) {
        return format!("\\{line}");
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    match line[digits..].chars().next() {
        Some('.' | ')') if digits > 0 => format!("{}\\{}", &line[..digits], &line[digits..]),
        _ => line,
    }
}

/// Text made inert for Markdown with its line breaks kept: each line escaped, trimmed and safe
/// at the start of a line, blank lines left out, lines joined by a hard break (a backslash at
/// the end of the line) and each line after the first started with `indent` (`"> "` in a block
/// quote, spaces in a list item). Empty text gives an empty string.
pub fn lines(text: &str, indent: &str) -> String {
    text.split(is_break)
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .map(|line| line_start(escape(line).trim().to_string()))
        .collect::<Vec<String>>()
        .join(&format!("\\\n{indent}"))
}

/// One table cell: the text escaped on one line (so its `|` cannot end the cell), trimmed, and
/// `—` when empty.
fn cell(text: &str) -> String {
    let text = escape(text);
    let text = text.trim();
    if text.is_empty() {
        "—".to_string()
    } else {
        text.to_string()
    }
}

/// A table row of cells already made with [`cell`] (or words of Sitrep's own).
fn row(out: &mut String, cells: &[&str]) {
    out.push_str("| ");
    out.push_str(&cells.join(" | "));
    out.push_str(" |\n");
}

/// A table's header row and the row under it.
fn header(out: &mut String, names: &[&str]) {
    row(out, names);
    let rule: Vec<&str> = names.iter().map(|_| "---").collect();
    row(out, &rule);
}

/// A time as the report writes it: `2026-11-26 09:05 UTC`.
fn time(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%d %H:%M UTC").to_string()
}

/// The text with every image, and every link to anything but http, https or mailto, written
/// out as plain text (its source, escaped): a wiki that shows the report loads no image and
/// offers no `javascript:` or `data:` link, as the app's own view does not.
fn defuse_links(text: &str) -> String {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let unsafe_here = match &event {
            Event::Start(Tag::Image { .. }) => true,
            Event::Start(Tag::Link { dest_url, .. }) => !super::markdown::is_safe_link(dest_url),
            _ => false,
        };
        // Ranges nest (an image inside a link): the outer one is written out whole.
        if unsafe_here && range.start >= copied {
            if let (Some(before), Some(source)) =
                (text.get(copied..range.start), text.get(range.clone()))
            {
                out.push_str(before);
                out.push_str(&escape(source));
                copied = range.end;
            }
        }
    }
    out.push_str(text.get(copied..).unwrap_or(""));
    out
}

/// A review section's Markdown as the report keeps it: images and unsafe links written out as
/// text, every `<` written `&lt;` so that no raw HTML survives, line endings made `\n`,
/// trailing blank space dropped, and a code fence left open closed.
fn review_markdown(text: &str) -> String {
    let text = defuse_links(text)
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('<', "&lt;");
    let mut text = text.trim_end().to_string();
    if let Some(fence) = open_fence(&text) {
        text.push('\n');
        text.push_str(&fence);
    }
    text
}

/// The fence that closes a code block the text opens and never closes, if any. Fences are
/// looked for at the top level only (up to three spaces in): one opened inside a list or a
/// block quote ends with it.
fn open_fence(text: &str) -> Option<String> {
    let mut open: Option<(char, usize)> = None;
    for line in text.split('\n') {
        let rest = line.trim_start_matches(' ');
        if line.len() - rest.len() > 3 {
            continue;
        }
        let Some(c) = rest.chars().next().filter(|c| matches!(c, '`' | '~')) else {
            continue;
        };
        let run = rest.chars().take_while(|x| *x == c).count();
        if run < 3 {
            continue;
        }
        let after = &rest[run..];
        match open {
            None if c == '`' && after.contains('`') => {}
            None => open = Some((c, run)),
            Some((o, n)) if c == o && run >= n && after.trim().is_empty() => open = None,
            Some(_) => {}
        }
    }
    open.map(|(c, n)| c.to_string().repeat(n))
}

/// Who wrote an event, escaped (`someone` when the log does not say).
fn actor(event: &Event) -> String {
    match escape(event.actor.trim()).trim() {
        "" => "someone".to_string(),
        name => name.to_string(),
    }
}

/// The report of `incident`: its timeline lists every entry if `all_entries`, else the starred
/// ones; `generated_at` is written in the closing line.
pub fn render(incident: &Incident, all_entries: bool, generated_at: DateTime<Utc>) -> String {
    let facts = review::facts(incident);
    let mut out = String::with_capacity(8 * 1024);
    out.push_str(&format!(
        "# {} — {}\n\n",
        escape(&incident.reference),
        escape(&incident.title)
    ));
    if incident.kind == IncidentKind::Drill {
        out.push_str("**Drill:** this was an exercise, not a real incident.\n\n");
    }
    facts_table(&mut out, incident, &facts);
    roles(&mut out, &facts);
    timeline(&mut out, incident, &facts, all_entries);
    updates(&mut out, incident);
    resolution(&mut out, &facts);
    tasks_done(&mut out, incident, &facts);
    review_part(&mut out, incident);
    actions(&mut out, incident);
    out.push_str(&format!(
        "---\n\nGenerated by Sitrep at {}.\n",
        time(generated_at)
    ));
    out
}

/// The name to save the report under: `sitrep-INC-0042-report.md`. The reference is kept to
/// letters, digits, `-` and `_` (anything else becomes `_`; none at all gives `incident`).
pub fn file_name(incident: &Incident) -> String {
    let safe = super::status_page::reference_for_file(&incident.reference);
    format!("sitrep-{safe}-report.md")
}

fn facts_table(out: &mut String, incident: &Incident, facts: &Facts<'_>) {
    header(out, &["Fact", "Value"]);
    let priority = incident.priority();
    let commander = incident.commander.as_deref().unwrap_or("");
    for (fact, value) in [
        ("State", incident.state.label().to_string()),
        (
            "Priority",
            format!("{} ({})", priority.as_str(), priority.label()),
        ),
        ("Category", incident.category.label().to_string()),
        ("Services", cell(&incident.services.join(", "))),
        ("Reported by", cell(&incident.reported_by)),
        ("Commander", cell(commander)),
    ] {
        row(out, &[fact, &value]);
    }
    for (moment, at) in &facts.moments {
        row(out, &[moment_label(*moment), &time(*at)]);
    }
    for (span, minutes) in facts.spans() {
        let fact = format!("{} ({})", span_label(span), span_ends(span));
        row(out, &[&fact, &minutes_words(minutes)]);
    }
    out.push('\n');
}

fn roles(out: &mut String, facts: &Facts<'_>) {
    out.push_str("## Roles\n\n");
    let experts = &facts.experts;
    if facts.spells.is_empty() && experts.is_empty() {
        out.push_str("No roles were given.\n\n");
        return;
    }
    header(out, &["Role", "Person", "From", "Until"]);
    let until = |at: Option<DateTime<Utc>>| at.map_or_else(|| "now".to_string(), time);
    for spell in &facts.spells {
        row(
            out,
            &[
                role_label(spell.role),
                &cell(&spell.person),
                &time(spell.from),
                &until(spell.until),
            ],
        );
    }
    for spell in experts {
        let role = match escape(spell.area.trim()).trim() {
            "" => "Subject expert".to_string(),
            area => format!("Subject expert ({area})"),
        };
        row(
            out,
            &[
                &role,
                &cell(&spell.person),
                &time(spell.from),
                &until(spell.until),
            ],
        );
    }
    out.push('\n');
}

fn timeline(out: &mut String, incident: &Incident, facts: &Facts<'_>, all_entries: bool) {
    out.push_str("## Timeline\n\n");
    let entries: Vec<&Event> = if all_entries {
        let mut all: Vec<&Event> = incident.events().iter().collect();
        crate::order::sort_by(&mut all, |a, b| a.timeline_key().cmp(&b.timeline_key()));
        out.push_str("All entries, oldest first.\n\n");
        all
    } else if facts.starred.is_empty() {
        out.push_str("No entries starred.\n\n");
        return;
    } else {
        out.push_str("Starred entries, oldest first.\n\n");
        facts.starred.clone()
    };
    for event in entries {
        out.push_str(&format!(
            "- {} — {}: {}\n",
            time(event.at),
            actor(event),
            lines(&describe(incident, event), "  ")
        ));
    }
    out.push('\n');
}

fn updates(out: &mut String, incident: &Incident) {
    out.push_str("## Updates\n\n");
    let comms = &incident.parts().comms;
    if comms.updates().is_empty() {
        out.push_str("No updates were sent.\n\n");
        return;
    }
    for audience in Audience::ALL {
        let thread: Vec<_> = comms.thread(audience).collect();
        if thread.is_empty() {
            continue;
        }
        out.push_str(&format!("### {}\n\n", audience_label(audience)));
        for update in thread {
            let by = incident
                .event(update.event)
                .map_or_else(|| "someone".to_string(), actor);
            let corrects = update
                .corrects
                .and_then(|id| comms.update(id))
                .map(|u| format!(" (corrects the update of {})", time(u.at)))
                .unwrap_or_default();
            out.push_str(&format!(
                "**{}** — {by}{corrects}\n\n> {}\n\n",
                time(update.at),
                lines(&update.text, "> ")
            ));
        }
    }
}

fn resolution(out: &mut String, facts: &Facts<'_>) {
    out.push_str("## Resolution\n\n");
    if facts.resolutions.is_empty() {
        out.push_str("Not resolved.\n\n");
        return;
    }
    for resolution in &facts.resolutions {
        let record = resolution.record;
        let escalated = record
            .escalated_to
            .as_deref()
            .map(|to| format!(" to {}", escape(to.trim()).trim()))
            .unwrap_or_default();
        let by = match escape(record.recorded_by.trim()).trim() {
            "" => "someone".to_string(),
            name => name.to_string(),
        };
        out.push_str(&format!(
            "- **{}**{escalated}, {}, by {by}: {}\n",
            resolution_kind_label(record.kind),
            time(record.at),
            lines(&record.summary, "  ")
        ));
    }
    out.push('\n');
}

fn tasks_done(out: &mut String, incident: &Incident, facts: &Facts<'_>) {
    if facts.tasks_done.is_empty() {
        return;
    }
    out.push_str("## Tasks done\n\n");
    header(out, &["Task", "Owner", "Done", "By"]);
    for task in &facts.tasks_done {
        let by = incident
            .event(task.state_head.event)
            .map_or_else(|| "—".to_string(), actor);
        row(
            out,
            &[
                &cell(task.title),
                &cell(task.owner.unwrap_or("")),
                &time(task.state_head.at),
                &by,
            ],
        );
    }
    out.push('\n');
}

fn review_part(out: &mut String, incident: &Incident) {
    let review = &incident.parts().review;
    out.push_str("## Review\n\n");
    let written: Vec<Section> = Section::ALL
        .into_iter()
        .filter(|s| !review.section(*s).trim().is_empty())
        .collect();
    if let Some(reason) = review.waiver() {
        out.push_str(&format!(
            "Closed without a review: {}\n\n",
            lines(reason, "")
        ));
        if written.is_empty() {
            return;
        }
    } else if !review.is_started() {
        out.push_str("No review has been written.\n\n");
        return;
    }
    out.push_str(&format!("Status: {}\n\n", status_label(review.status())));
    if written.is_empty() {
        out.push_str("No section has been written.\n\n");
    }
    for section in written {
        out.push_str(&format!(
            "### {}\n\n{}\n\n",
            section_label(section),
            review_markdown(review.section(section))
        ));
    }
}

fn actions(out: &mut String, incident: &Incident) {
    out.push_str("## Follow-up actions\n\n");
    let list = incident.parts().actions.list();
    if list.is_empty() {
        out.push_str("No follow-up actions.\n\n");
        return;
    }
    header(out, &["Action", "Kind", "Owner", "Due", "State"]);
    for action in list {
        let state = match (action.state, action.reason) {
            (ActionState::WontDo, Some(reason)) => {
                format!("{}: {}", action_state_label(action.state), cell(reason))
            }
            (state, _) => action_state_label(state).to_string(),
        };
        let due = action
            .due
            .map_or_else(|| "—".to_string(), |d| d.format("%Y-%m-%d").to_string());
        row(
            out,
            &[
                &cell(action.title),
                action_kind_label(action.kind),
                &cell(action.owner.unwrap_or("")),
                &due,
                &state,
            ],
        );
    }
    out.push('\n');
}
