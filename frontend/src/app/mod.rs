//! The application: routes and pages.

pub mod access;
mod admin;
mod approve_dialog;
mod dashboard;
pub mod grid;
mod home;
#[cfg(not(feature = "area-grid"))]
mod issued;
mod layout;
mod listen;
mod not_found;
mod notifications;
mod period_tabs;
#[cfg(not(feature = "area-grid"))]
mod pupil;
mod reopen;
mod review_class;
mod reviews;
mod server_page;
mod signing;
#[cfg(not(feature = "area-grid"))]
mod summary;
mod trusted_cas;
mod vn_time;
#[cfg(not(feature = "area-grid"))]
mod year_end;

use crate::components::LangContext;
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
    /// The user's own account: password, sessions (a page of the server).
    #[at("/tai-khoan")]
    Account,
    /// A class's assessment grid at one periodic point (`period` is `Period::code`).
    #[at("/lop/:class_id/:period")]
    Grid { class_id: String, period: String },
    /// A class's year end: days absent, height and weight, results, awards and the principal's
    /// decisions (a static segment, so it wins over `Grid`).
    #[at("/lop/:class_id/cuoi-nam")]
    YearEnd { class_id: String },
    /// The Bảng tổng hợp kết quả đánh giá giáo dục of a class at one periodic point.
    #[at("/lop/:class_id/tong-hop/:period")]
    Summary { class_id: String, period: String },
    /// The principal's review list.
    #[at("/duyet")]
    Reviews,
    /// The principal reviews one class record pupil by pupil (`period` is `Period::code`).
    #[at("/duyet/:class_id/:period")]
    ReviewClass { class_id: String, period: String },
    /// The principal's dashboard: progress, results per grade, pupils at risk.
    #[at("/tong-quan")]
    Dashboard,
    /// One pupil's approved results (parents).
    #[at("/hoc-sinh/:pupil_id")]
    Pupil { pupil_id: String },
    /// Parents turn the code of a paper slip into an account (public).
    #[at("/kich-hoat")]
    Redeem,
    /// School administration (admins and principals): the overview.
    #[at("/quan-tri")]
    Admin,
    #[at("/quan-tri/truong")]
    AdminSchool,
    /// School years and their classes.
    #[at("/quan-tri/nam-hoc")]
    AdminYears,
    #[at("/quan-tri/can-bo")]
    AdminStaff,
    #[at("/quan-tri/hoc-sinh")]
    AdminPupils,
    #[at("/quan-tri/hoc-sinh/moi")]
    AdminPupilNew,
    /// A pupil arriving from another school.
    #[at("/quan-tri/hoc-sinh/chuyen-den")]
    AdminTransferIn,
    #[at("/quan-tri/hoc-sinh/:pupil_id")]
    AdminPupil { pupil_id: String },
    /// Importing a class's roster from a spreadsheet.
    #[at("/quan-tri/lop/:class_id/nhap")]
    AdminRosterImport { class_id: String },
    /// Moving the current year's pupils on to the next year.
    #[at("/quan-tri/len-lop")]
    AdminRollover,
    /// Whether each signer's certificate can sign (principal and admin).
    #[at("/ky-so")]
    Signing,
    /// Anyone checks a học bạ by its PDF or its code (public).
    #[at("/verify")]
    Verify,
    /// The QR code printed on every page: checks that code at once (public).
    #[at("/verify/:code")]
    VerifyCode { code: String },
    #[not_found]
    #[at("/khong-tim-thay")]
    NotFound,
}

fn switch(route: Route) -> Html {
    use layout::SignedIn;
    match route {
        Route::Login => html! { <server_page::ServerPage path={AttrValue::from("/dang-nhap")} /> },
        Route::Account => html! { <server_page::ServerPage /> },
        Route::Home => html! { <SignedIn><home::HomePage /></SignedIn> },
        Route::Grid { class_id, period } => html! {
            <SignedIn wide=true><grid::GridPage {class_id} {period} /></SignedIn>
        },
        Route::Redeem => html! { <server_page::ServerPage /> },
        Route::Verify | Route::VerifyCode { .. } => html! { <server_page::ServerPage /> },
        Route::NotFound => html! { <not_found::NotFoundPage /> },
        other => teachers_page(other),
    }
}

/// The teacher's screens beyond the first ones: the year end, the summary, a pupil's page.
#[cfg(not(feature = "area-grid"))]
fn teachers_page(route: Route) -> Html {
    use layout::SignedIn;
    match route {
        Route::YearEnd { class_id } => html! { <SignedIn wide=true><year_end::YearEndPage {class_id} /></SignedIn> },
        Route::Summary { class_id, period } => {
            html! { <SignedIn><summary::SummaryPage {class_id} {period} /></SignedIn> }
        }
        Route::Pupil { pupil_id } => html! { <SignedIn><pupil::PupilPage {pupil_id} /></SignedIn> },
        managers => managers_page(managers),
    }
}

/// The grid's build has no other teacher's screens: they load the teacher's build.
#[cfg(feature = "area-grid")]
fn teachers_page(route: Route) -> Html {
    use layout::SignedIn;
    match route {
        Route::YearEnd { .. } | Route::Summary { .. } | Route::Pupil { .. } => {
            html! { <SignedIn><OtherBuild text={crate::i18n::t().area_reload_teacher} /></SignedIn> }
        }
        managers => managers_page(managers),
    }
}

/// The school managers' screens (principal, administration).
#[cfg(not(feature = "area-teacher"))]
fn managers_page(route: Route) -> Html {
    use layout::SignedIn;
    match route {
        Route::Reviews => html! { <SignedIn><reviews::ReviewsPage /></SignedIn> },
        Route::ReviewClass { class_id, period } => {
            html! { <SignedIn wide=true><review_class::ReviewClassPage {class_id} {period} /></SignedIn> }
        }
        Route::Dashboard => html! { <SignedIn admin=true wide=true><dashboard::DashboardPage /></SignedIn> },
        Route::Admin => html! { <SignedIn admin=true><admin::OverviewPage /></SignedIn> },
        Route::AdminSchool => html! { <SignedIn admin=true><admin::SchoolPage /></SignedIn> },
        Route::AdminYears => html! { <SignedIn admin=true><admin::YearsPage /></SignedIn> },
        Route::AdminStaff => html! { <SignedIn admin=true><admin::StaffPage /></SignedIn> },
        Route::AdminPupils => html! { <SignedIn admin=true><admin::PupilsPage /></SignedIn> },
        Route::AdminPupilNew => html! { <SignedIn admin=true><admin::NewPupilPage /></SignedIn> },
        Route::AdminTransferIn => html! { <SignedIn admin=true><admin::TransferInPage /></SignedIn> },
        Route::AdminPupil { pupil_id } => {
            html! { <SignedIn admin=true><admin::PupilProfilePage {pupil_id} /></SignedIn> }
        }
        Route::AdminRosterImport { class_id } => {
            html! { <SignedIn admin=true><admin::RosterImportPage {class_id} /></SignedIn> }
        }
        Route::AdminRollover => html! { <SignedIn admin=true><admin::RolloverPage /></SignedIn> },
        Route::Signing => html! { <SignedIn admin=true><signing::SigningPage /></SignedIn> },
        _ => html! { <not_found::NotFoundPage /> },
    }
}

/// The teacher's build has no managers' screens: a teacher or parent is refused as in the full
/// app; a manager who got this build (a page kept offline) reloads it from the server.
#[cfg(feature = "area-teacher")]
fn managers_page(_route: Route) -> Html {
    use layout::SignedIn;
    html! { <SignedIn admin=true><OtherBuild text={crate::i18n::t().area_reload} /></SignedIn> }
}

#[cfg(feature = "area-teacher")]
#[derive(Properties, PartialEq)]
struct OtherBuildProps {
    text: &'static str,
}

/// A screen that another build of the app has. Reached by a link inside this build, the page is
/// loaded again at once: the server answers the build that has it for that path. Reached as the
/// page itself (a page kept offline), it offers the reload as a link, so it never loops.
#[cfg(feature = "area-teacher")]
#[component]
fn OtherBuild(props: &OtherBuildProps) -> Html {
    let location = web_sys::window().map(|w| w.location());
    let here = location.as_ref().and_then(|l| l.pathname().ok()).unwrap_or_else(|| "/".into());
    let moved_here = FIRST_PATH.with(|first| first.get().is_some_and(|f| *f != here));
    use_effect_with((), move |_| {
        if moved_here {
            if let Some(location) = location {
                let _ = location.reload();
            }
        }
    });
    html! { <p><a href={here} data-area-reload="true">{ props.text }</a></p> }
}

thread_local! {
    /// The path the page was loaded at: the build the server chose for it.
    static FIRST_PATH: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
}

/// Remembers the path the page was loaded at (called once, before the first render).
pub fn remember_first_path() {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
    FIRST_PATH.with(|first| {
        let _ = first.set(path);
    });
}

#[component]
pub fn App() -> Html {
    // The language switch changes this; the pages are drawn anew (keyed by the language) so
    // every `t()` is read again. The session and the URL stay.
    let lang = use_state(crate::i18n::lang);
    let context = LangContext {
        lang: *lang,
        set: {
            let lang = lang.clone();
            Callback::from(move |l| lang.set(l))
        },
    };
    html! {
        <BrowserRouter>
            <SessionProvider>
                <ContextProvider<LangContext> {context}>
                    <Switch<Route> key={lang.code()} render={switch} />
                </ContextProvider<LangContext>>
            </SessionProvider>
        </BrowserRouter>
    }
}
