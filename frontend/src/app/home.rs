//! `/`: what each role starts from.

use super::Route;
use crate::hooks::use_me;
use crate::i18n::domain as messages;
use crate::i18n::t;
use hocba_core::api::{ClassRef, Role};
use hocba_core::Period;
use yew::prelude::*;
use yew_router::prelude::*;

#[component]
pub fn HomePage() -> Html {
    let Some(me) = use_me() else {
        return Html::default();
    };
    match me.role {
        Role::Teacher => html! { <TeacherHome classes={me.classes.clone()} /> },
        Role::Principal => html! { <Redirect<Route> to={Route::Reviews} /> },
        // A parent's home is the server's page (readable without the app).
        Role::Parent => html! { <super::server_page::ServerPage path={AttrValue::from("/")} /> },
        Role::Admin => html! { <AdminHome classes={me.roles.contains(&Role::Teacher).then(|| me.classes.clone())} /> },
    }
}

#[derive(Properties, PartialEq)]
struct TeacherHomeProps {
    classes: Vec<ClassRef>,
}

#[component]
fn TeacherHome(props: &TeacherHomeProps) -> Html {
    let tx = t();
    let period = Period::CuoiNam;
    let items = props.classes.iter().map(|c| {
        let to = Route::Grid { class_id: c.id.clone(), period: period.code().into() };
        let year_end = Route::YearEnd { class_id: c.id.clone() };
        let summary = Route::Summary { class_id: c.id.clone(), period: period.code().into() };
        html! {
            <li key={c.id.clone()}>
                <Link<Route> {to} classes="card-link">
                    { (tx.class_link)(&c.name, &c.school_year, messages::period_name(period)) }
                </Link<Route>>
                <p class="class-links">
                    <Link<Route> to={year_end}>
                        { tx.year_end_link }<span class="sr-only">{ " " }{ (tx.of_class)(&c.name) }</span>
                    </Link<Route>>
                    <Link<Route> to={summary}>
                        { tx.summary_link }<span class="sr-only">{ " " }{ (tx.of_class)(&c.name) }</span>
                    </Link<Route>>
                </p>
            </li>
        }
    });
    html! {
        <section class="narrow">
            <h1>{ tx.my_classes }</h1>
            <super::notifications::Notifications />
            if props.classes.is_empty() {
                <p>{ tx.no_classes }</p>
            } else {
                <ul class="link-list" data-testid="class-list">{ for items }</ul>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct AdminHomeProps {
    /// The admin's own classes, when the admin also teaches.
    classes: Option<Vec<ClassRef>>,
}

#[component]
fn AdminHome(props: &AdminHomeProps) -> Html {
    let tx = t();
    html! {
        <>
            <section class="narrow">
                <h1>{ tx.admin_title }</h1>
                <ul class="link-list" data-testid="admin-links">
                    <li>
                        <Link<Route> to={Route::Admin} classes="card-link">
                            <span>{ tx.admin_open }</span>
                            <span class="muted">{ tx.admin_body }</span>
                        </Link<Route>>
                    </li>
                </ul>
            </section>
            if let Some(classes) = props.classes.clone() {
                <TeacherHome {classes} />
            }
        </>
    }
}
