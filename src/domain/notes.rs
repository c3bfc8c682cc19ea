//! The notes part: free text in the timeline, possibly about something that happened earlier.
//! Notes set no register; they are the timeline itself.

use chrono::{DateTime, Utc};

use super::commands::{check_text, CommandContext, CommandError, Input, MAX_TEXT};
use super::{Change, Event};

/// A notes event.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum NoteEvent {
    /// A free-text note.
    Added {
        /// The note.
        text: String,
    },
}

/// Add a note; `at` may be earlier than now for things that already happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AddNote {
    /// The note.
    pub text: String,
    /// When it happened, if not now.
    pub at: Option<DateTime<Utc>>,
}

impl AddNote {
    /// The note's event, or why it is refused.
    pub fn decide(self, ctx: &CommandContext) -> Result<Vec<Event>, CommandError> {
        check_text(Input::Note, &self.text, MAX_TEXT, true)?;
        let at = self.at.unwrap_or(ctx.now);
        if at > ctx.now {
            return Err(CommandError::FutureEvent);
        }
        let change = Change::Notes(NoteEvent::Added {
            text: self.text.trim().to_string(),
        });
        Ok(vec![ctx.event_at(at, Vec::new(), change)])
    }
}
