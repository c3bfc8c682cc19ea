//! Offering a file to the person as a download, and reloading the page.

/// Offers `text` to the person as a JSON download named `file_name`; false when the browser
/// refused.
pub fn download_json(file_name: &str, text: &str) -> bool {
    download(file_name, text, "application/json")
}

/// Offers `text` to the person as a download named `file_name` of the given media type; false
/// when the browser refused.
pub fn download(file_name: &str, text: &str, media_type: &str) -> bool {
    use wasm_bindgen::JsCast;
    let attempt = || -> Option<()> {
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(media_type);
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let document = gloo::utils::document();
        let anchor: web_sys::HtmlAnchorElement =
            document.create_element("a").ok()?.dyn_into().ok()?;
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor
            .set_attribute("data-testid", "download-anchor")
            .ok()?;
        let body = document.body()?;
        body.append_child(&anchor).ok()?;
        anchor.click();
        body.remove_child(&anchor).ok()?;
        // Revoking at once can cancel the download in some browsers; a short delay lets it start.
        gloo::timers::callback::Timeout::new(60_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        })
        .forget();
        Some(())
    };
    attempt().is_some()
}

/// Reloads the page (after an update, or when another tab upgraded the database).
pub fn reload_page() {
    let _ = gloo::utils::window().location().reload();
}
