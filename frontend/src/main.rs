//! hocba web app: Yew, client-side rendered, served by the backend from the same origin.

mod app;
mod components;
mod hooks;
mod i18n;
mod services;

fn main() {
    // The language first: the first render already reads its catalogue.
    i18n::choice::init();
    yew::Renderer::<app::App>::new().render();
    // The loading screen of index.html, shown until this code arrived.
    if let Some(loading) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot-loading"))
    {
        loading.remove();
    }
}
