//! The pages the server renders (sign-in, a parent's home, verification) reached from inside the
//! app: the browser loads them from the server. Without a network the app says so instead (the
//! service worker would answer the app again, and the page would never come).

use crate::components::LoadingNotice;
use crate::i18n::t;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ServerPageProps {
    /// Where to go; the current address when not given.
    #[prop_or_default]
    pub path: Option<AttrValue>,
}

#[component]
pub fn ServerPage(props: &ServerPageProps) -> Html {
    let online = web_sys::window().is_some_and(|w| w.navigator().on_line());
    {
        let path = props.path.clone();
        use_effect_with(path, move |path| {
            if let Some(location) = web_sys::window().filter(|w| w.navigator().on_line()).map(|w| w.location()) {
                let target = match path {
                    Some(p) => p.to_string(),
                    None => location.href().unwrap_or_else(|_| "/".into()),
                };
                let _ = location.replace(&target);
            }
        });
    }
    if online {
        html! { <main id="main" class="page narrow"><LoadingNotice /></main> }
    } else {
        html! {
            <main id="main" class="page narrow">
                <p class="notice" role="status">{ t().server_page_offline }</p>
            </main>
        }
    }
}
