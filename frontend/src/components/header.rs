//! The page header: school, user, navigation, the language switch and "Đăng xuất".

use crate::app::access::{nav_items, NavItem};
use crate::app::Route;
use crate::hooks::{use_session, Session};
use crate::i18n::domain::role_label;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{Me, NotificationKind, Role};
use std::rc::Rc;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

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
    // The principal sees how many records wait, next to the review list's link.
    let principal = props.me.role == Role::Principal || props.me.roles.contains(&Role::Principal);
    let waiting = use_state(|| 0usize);
    {
        let waiting = waiting.clone();
        use_effect_with(principal, move |principal| {
            if *principal {
                spawn_local(async move {
                    if let Ok(list) = api::notifications().await {
                        waiting.set(list.iter().filter(|n| n.kind == NotificationKind::Submitted).count());
                    }
                });
            }
        });
    }
    let me = &props.me;
    let items = nav_items(me.role, &me.roles);
    let links = items.iter().map(|item| {
        let count = (*item == NavItem::Reviews && *waiting > 0).then(|| {
            html! {
                <span class="nav-count" data-testid="waiting-count">
                    <span aria-hidden="true">{ *waiting }</span>
                    <span class="sr-only">{ " (" }{ (tx.notifications_waiting)(*waiting) }{ ")" }</span>
                </span>
            }
        });
        html! { <Link<Route> to={item.route()} classes="nav-link">{ item.label() }{ for count }</Link<Route>> }
    });
    html! {
        <header class="site-header">
            <a class="skip-link" href="#main">{ tx.skip_to_content }</a>
            <div class="brand">
                <Link<Route> to={Route::Home} classes="brand-name">{ tx.app_name }</Link<Route>>
                <span class="school-name" data-testid="school-name">{ me.school_name.clone() }</span>
            </div>
            if !items.is_empty() {
                <nav class="main-nav" aria-label={tx.main_nav}>{ for links }</nav>
            }
            <div class="user">
                if me.role == hocba_core::api::Role::Teacher || me.roles.contains(&hocba_core::api::Role::Teacher) {
                    <super::QueueBadge />
                }
                <Link<Route> to={Route::Account} classes="user-name">
                    <span data-testid="user-name">{ me.full_name.clone() }</span>
                    <span class="sr-only">{ " — " }{ tx.account_title }</span>
                </Link<Route>>
                <span class="user-role">{ role_label(me.role) }</span>
                <super::LangSwitch />
                <button type="button" class="button secondary" onclick={on_logout} disabled={*busy}>
                    { tx.logout }
                </button>
            </div>
        </header>
    }
}
