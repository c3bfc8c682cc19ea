//! What the browser says about this site's storage: persistence and the estimate.

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    js_sys::Reflect::has(&navigator, &wasm_bindgen::JsValue::from_str("storage"))
        .ok()?
        .then(|| navigator.storage())
}

async fn promised(
    promise: Result<js_sys::Promise, wasm_bindgen::JsValue>,
) -> Option<wasm_bindgen::JsValue> {
    wasm_bindgen_futures::JsFuture::from(promise.ok()?)
        .await
        .ok()
}

/// Whether the browser promised to keep this site's data under storage pressure.
pub async fn storage_persisted() -> Option<bool> {
    promised(storage_manager()?.persisted()).await?.as_bool()
}

/// Asks the browser to keep this site's data (some browsers ask the person, most decide alone).
/// Returns whether it is kept now.
pub async fn request_persistence() -> Option<bool> {
    if storage_persisted().await == Some(true) {
        return Some(true);
    }
    promised(storage_manager()?.persist()).await?.as_bool()
}

/// Bytes this site uses and may use, as the browser estimates them.
pub async fn storage_estimate() -> Option<(f64, f64)> {
    use wasm_bindgen::JsCast;
    // A dictionary, not a class: it cannot be checked with instanceof.
    let estimate: web_sys::StorageEstimate = promised(storage_manager()?.estimate())
        .await?
        .unchecked_into();
    Some((estimate.get_usage()?, estimate.get_quota()?))
}
