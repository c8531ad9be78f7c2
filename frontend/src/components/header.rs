//! The page header: school, user, navigation and "Đăng xuất".

use crate::app::Route;
use crate::hooks::{use_session, Session};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{Me, Role};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

pub fn role_text(role: Role) -> &'static str {
    let tx = t();
    match role {
        Role::Admin => tx.role_admin,
        Role::Principal => tx.role_principal,
        Role::Teacher => tx.role_teacher,
        Role::Parent => tx.role_parent,
    }
}

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub me: Rc<Me>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let tx = t();
    let session = use_session();
    let navigator = use_navigator();
    let busy = use_state(|| false);
    let on_logout = {
        let busy = busy.clone();
        Callback::from(move |_: MouseEvent| {
            let set = session.set.clone();
            let navigator = navigator.clone();
            busy.set(true);
            spawn_local(async move {
                // Even if the call fails the user wants out: forget the session locally.
                let _ = api::logout().await;
                set.emit(Session::Anonymous);
                if let Some(nav) = navigator {
                    nav.push(&Route::Login);
                }
            });
        })
    };
    let me = &props.me;
    let nav_link = match me.role {
        Role::Teacher => Some(tx.my_classes),
        Role::Principal => Some(tx.reviews_title),
        Role::Parent => Some(tx.my_children),
        Role::Admin => None,
    };
    let nav_target = if me.role == Role::Principal { Route::Reviews } else { Route::Home };
    html! {
        <header class="site-header">
            <a class="skip-link" href="#main">{ tx.skip_to_content }</a>
            <div class="brand">
                <Link<Route> to={Route::Home} classes="brand-name">{ tx.app_name }</Link<Route>>
                <span class="school-name" data-testid="school-name">{ me.school_name.clone() }</span>
            </div>
            if let Some(label) = nav_link {
                <nav class="main-nav" aria-label={tx.main_nav}>
                    <Link<Route> to={nav_target}>{ label }</Link<Route>>
                </nav>
            }
            <div class="user">
                <span class="user-name" data-testid="user-name">{ me.full_name.clone() }</span>
                <span class="user-role">{ role_text(me.role) }</span>
                <button type="button" class="button secondary" onclick={on_logout} disabled={*busy}>
                    { tx.logout }
                </button>
            </div>
        </header>
    }
}
