//! Update templates: text with `{placeholder}`s that are filled from the incident before a
//! person edits and posts the update. An unknown placeholder is an error while the template is
//! edited, never silently dropped; `{{` and `}}` write a brace.

use super::commands::MAX_TEXT;
use super::comms::TemplateKind;

/// Something a template can say about the incident.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Placeholder {
    /// The incident's title.
    Title,
    /// The title customers see (the title when none is set).
    PublicTitle,
    /// Its reference, e.g. `INC-0042`.
    Reference,
    /// Its priority.
    Priority,
    /// Its state.
    State,
    /// Its impact level.
    Impact,
    /// The affected services.
    Services,
    /// The incident commander.
    Commander,
    /// When impact started.
    ImpactStarted,
    /// When it was detected.
    Detected,
    /// When it was reported.
    Reported,
    /// When it was resolved.
    Resolved,
    /// The time the update is written.
    Now,
    /// How it was resolved (the latest resolution record's summary).
    Resolution,
}

impl Placeholder {
    /// Every placeholder, in the order the settings list them.
    pub const ALL: [Placeholder; 14] = [
        Placeholder::Title,
        Placeholder::PublicTitle,
        Placeholder::Reference,
        Placeholder::Priority,
        Placeholder::State,
        Placeholder::Impact,
        Placeholder::Services,
        Placeholder::Commander,
        Placeholder::ImpactStarted,
        Placeholder::Detected,
        Placeholder::Reported,
        Placeholder::Resolved,
        Placeholder::Now,
        Placeholder::Resolution,
    ];

    /// The name written between braces.
    pub fn as_str(self) -> &'static str {
        match self {
            Placeholder::Title => "title",
            Placeholder::PublicTitle => "public_title",
            Placeholder::Reference => "reference",
            Placeholder::Priority => "priority",
            Placeholder::State => "state",
            Placeholder::Impact => "impact",
            Placeholder::Services => "services",
            Placeholder::Commander => "commander",
            Placeholder::ImpactStarted => "impact_started",
            Placeholder::Detected => "detected",
            Placeholder::Reported => "reported",
            Placeholder::Resolved => "resolved",
            Placeholder::Now => "now",
            Placeholder::Resolution => "resolution",
        }
    }

    /// The placeholder of a name.
    pub fn parse(s: &str) -> Option<Placeholder> {
        Placeholder::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Why a template is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    /// `{name}` names no placeholder.
    #[error("unknown placeholder {name:?}")]
    Unknown {
        /// The name as written (at most 40 characters of it).
        name: String,
    },
    /// A `{` with no `}` after it.
    #[error("unclosed brace")]
    Unclosed,
    /// Longer than an update may be.
    #[error("too long")]
    TooLong {
        /// The limit in characters.
        max: usize,
    },
    /// An empty template.
    #[error("empty")]
    Empty,
}

/// A piece of a template.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece<'a> {
    Text(&'a str),
    Brace(char),
    Slot(Placeholder),
}

fn pieces(template: &str) -> Result<Vec<Piece<'_>>, TemplateError> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(i) = rest.find(['{', '}']) {
        if i > 0 {
            out.push(Piece::Text(&rest[..i]));
        }
        let tail = &rest[i..];
        if let Some(after) = tail.strip_prefix("{{") {
            out.push(Piece::Brace('{'));
            rest = after;
        } else if let Some(after) = tail.strip_prefix("}}") {
            out.push(Piece::Brace('}'));
            rest = after;
        } else if let Some(after) = tail.strip_prefix('{') {
            let end = after.find('}').ok_or(TemplateError::Unclosed)?;
            let name = &after[..end];
            let slot = Placeholder::parse(name.trim()).ok_or_else(|| TemplateError::Unknown {
                name: name.chars().take(40).collect(),
            })?;
            out.push(Piece::Slot(slot));
            rest = &after[end + 1..];
        } else {
            // A lone `}` is text.
            out.push(Piece::Text(&tail[..1]));
            rest = &tail[1..];
        }
    }
    if !rest.is_empty() {
        out.push(Piece::Text(rest));
    }
    Ok(out)
}

/// Checks a template as edited: every placeholder known, braces closed, within the limit.
pub fn check(template: &str) -> Result<(), TemplateError> {
    if template.trim().is_empty() {
        return Err(TemplateError::Empty);
    }
    if template.chars().count() > MAX_TEXT {
        return Err(TemplateError::TooLong { max: MAX_TEXT });
    }
    pieces(template).map(|_| ())
}

/// Every problem of a template, for the editor to list (the first per place).
pub fn problems(template: &str) -> Vec<TemplateError> {
    let mut out = Vec::new();
    if let Err(e) = check(template) {
        out.push(e.clone());
        if let TemplateError::Unknown { .. } = e {
            // Look on for further unknown names, so the editor lists each.
            let mut rest = template;
            let mut first = true;
            while let Some(start) = rest.find('{') {
                let after = &rest[start + 1..];
                if let Some(stripped) = after.strip_prefix('{') {
                    rest = stripped;
                    continue;
                }
                let Some(end) = after.find('}') else { break };
                let name = after[..end].trim();
                if Placeholder::parse(name).is_none() {
                    if !first {
                        out.push(TemplateError::Unknown {
                            name: name.chars().take(40).collect(),
                        });
                    }
                    first = false;
                }
                rest = &after[end + 1..];
            }
        }
    }
    out
}

/// The template filled: each placeholder replaced by what `value` says of it. A template that
/// does not check is returned as it is, so nothing typed is lost.
pub fn fill(template: &str, value: impl Fn(Placeholder) -> String) -> String {
    let Ok(pieces) = pieces(template) else {
        return template.to_string();
    };
    let mut out = String::with_capacity(template.len());
    for piece in pieces {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Brace(c) => out.push(c),
            Piece::Slot(p) => out.push_str(&value(p)),
        }
    }
    out
}

/// The templates Sitrep ships, by kind.
pub fn default_text(kind: TemplateKind) -> &'static str {
    match kind {
        TemplateKind::Initial => {
            "We are investigating an incident: {public_title} ({reference}, {priority}).\n\n\
             Affected services: {services}\n\
             Impact started: {impact_started}\n\n\
             {commander} is leading the response. Our next update follows on the agreed cadence."
        }
        TemplateKind::Can => {
            "Update on {reference}: {public_title} ({priority}, {state}) as of {now}.\n\n\
             Conditions: \n\
             Actions: \n\
             Needs: \n\n\
             Affected services: {services}. Incident commander: {commander}."
        }
        TemplateKind::Resolved => {
            "Resolved: {public_title} ({reference}).\n\n\
             Impact lasted from {impact_started} to {resolved}.\n\
             What was done: {resolution}\n\n\
             A post-incident review will follow."
        }
    }
}

/// The shipped templates, in [`TemplateKind::ALL`] order.
pub fn defaults() -> [String; 3] {
    TemplateKind::ALL.map(|k| default_text(k).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_templates_check() {
        for kind in TemplateKind::ALL {
            assert_eq!(check(default_text(kind)), Ok(()), "{kind:?}");
        }
    }
}
