//! Notes: free text in the timeline, possibly about something that happened earlier.

use chrono::{DateTime, Utc};

use super::{check_text, CommandContext, CommandError, MAX_TEXT};
use crate::domain::event::{Change, Event};

/// Add a note; `at` may be earlier than now for things that already happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddNote {
    /// The note.
    pub text: String,
    /// When it happened, if not now.
    pub at: Option<DateTime<Utc>>,
}

impl AddNote {
    pub(super) fn decide(self, ctx: &CommandContext) -> Result<Vec<Event>, CommandError> {
        check_text("Note", &self.text, MAX_TEXT, true)?;
        let at = self.at.unwrap_or(ctx.now);
        if at > ctx.now {
            return Err(CommandError::FutureEvent);
        }
        let change = Change::NoteAdded {
            text: self.text.trim().to_string(),
        };
        Ok(vec![ctx.event_at(at, Vec::new(), change)])
    }
}
