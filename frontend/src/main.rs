//! hocba web app: Yew, client-side rendered, served by the backend from the same origin.
//!
//! Built three times: the full app; with the `area-teacher` feature the teacher's build, whose
//! router leaves out the school managers' screens (their code is then dropped at link time); with
//! `area-grid` the teacher's first screens only (home and the grid).

// The managers' screens and what only they use are unreferenced in the teacher's build.
#![cfg_attr(feature = "area-teacher", allow(dead_code, unused_imports))]

mod app;
mod components;
mod hooks;
mod i18n;
mod services;

fn main() {
    // The language first: the first render already reads its catalogue.
    i18n::choice::init();
    app::remember_first_path();
    yew::Renderer::<app::App>::new().render();
    // The loading screen of index.html, shown until this code arrived.
    if let Some(loading) =
        web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot-loading"))
    {
        loading.remove();
    }
}
