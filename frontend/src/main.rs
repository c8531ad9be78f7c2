//! hocba web app: Yew, client-side rendered, served by the backend from the same origin.

mod app;
mod components;
mod hooks;
mod i18n;
mod services;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
