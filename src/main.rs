//! Entry point: renders the app.

fn main() {
    yew::Renderer::<sitrep::app::App>::new().render();
}
