//! Fresh ids, and the context one action runs in.

use uuid::Uuid;

/// A fresh random UUID (version 4), from the browser's cryptographic generator when present.
pub fn new_uuid() -> Uuid {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .and_then(|c| c.get_random_values_with_u8_array(&mut bytes).ok())
        .is_some();
    if !filled {
        for chunk in bytes.chunks_mut(4) {
            let r = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
            chunk.copy_from_slice(&r.to_le_bytes());
        }
    }
    uuid::Builder::from_random_bytes(bytes).into_uuid()
}

/// A context for one action: now, the acting person, a fresh id seed, and the rules of the
/// settings (the priority matrix, which incidents need a review).
pub fn command_context(
    user: Option<&str>,
    settings: &crate::domain::settings::Settings,
) -> crate::domain::CommandContext {
    crate::domain::CommandContext::new(super::now(), user.unwrap_or("unknown"), new_uuid())
        .with_matrix(settings.matrix)
        .with_review(settings.review)
}
