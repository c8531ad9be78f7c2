//! The application: routes and pages.

pub mod grid;
mod home;
mod layout;
mod login;
mod not_found;
mod pupil;
mod reviews;

use crate::hooks::SessionProvider;
use yew::prelude::*;
use yew_router::prelude::*;

/// Every screen of the app. Paths are Vietnamese, as users see them.
#[derive(Debug, Clone, PartialEq, Routable)]
pub enum Route {
    /// Redirects by role.
    #[at("/")]
    Home,
    #[at("/dang-nhap")]
    Login,
    /// A class's assessment grid at one periodic point (`period` is `Period::code`).
    #[at("/lop/:class_id/:period")]
    Grid { class_id: String, period: String },
    /// The principal's review list.
    #[at("/duyet")]
    Reviews,
    /// One pupil's approved results (parents).
    #[at("/hoc-sinh/:pupil_id")]
    Pupil { pupil_id: String },
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}

fn switch(route: Route) -> Html {
    use layout::SignedIn;
    match route {
        Route::Login => html! { <login::LoginPage /> },
        Route::Home => html! { <SignedIn><home::HomePage /></SignedIn> },
        Route::Grid { class_id, period } => html! {
            <SignedIn wide=true><grid::GridPage {class_id} {period} /></SignedIn>
        },
        Route::Reviews => html! { <SignedIn><reviews::ReviewsPage /></SignedIn> },
        Route::Pupil { pupil_id } => html! { <SignedIn><pupil::PupilPage {pupil_id} /></SignedIn> },
        Route::NotFound => html! { <not_found::NotFoundPage /> },
    }
}

#[component]
pub fn App() -> Html {
    html! {
        <BrowserRouter>
            <SessionProvider>
                <Switch<Route> render={switch} />
            </SessionProvider>
        </BrowserRouter>
    }
}
