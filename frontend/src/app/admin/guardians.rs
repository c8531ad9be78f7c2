//! The parent accounts linked to a pupil: unlink one (after a question), or find an existing
//! parent account and link it.

use crate::components::ConfirmDialog;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{GuardianView, PupilProfile};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct GuardiansProps {
    pub pupil_id: AttrValue,
    pub guardians: Vec<GuardianView>,
    pub on_change: Callback<PupilProfile>,
}

#[component]
pub fn Guardians(props: &GuardiansProps) -> Html {
    let tx = t();
    let unlinking = use_state(|| None::<GuardianView>);
    let query = use_state(String::new);
    let found = use_state(|| None::<Vec<GuardianView>>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let on_confirm_unlink = {
        let (unlinking, error, busy, on_change) =
            (unlinking.clone(), error.clone(), busy.clone(), props.on_change.clone());
        let pupil_id = props.pupil_id.clone();
        Callback::from(move |()| {
            let Some(g) = (*unlinking).clone() else { return };
            let (unlinking, error, busy, on_change, pupil_id) =
                (unlinking.clone(), error.clone(), busy.clone(), on_change.clone(), pupil_id.clone());
            busy.set(true);
            spawn_local(async move {
                match api::unlink_guardian(&pupil_id, &g.user_id).await {
                    Ok(profile) => on_change.emit(profile),
                    Err(err) => error.set(Some(err.message())),
                }
                unlinking.set(None);
                busy.set(false);
            });
        })
    };
    let on_cancel_unlink = {
        let unlinking = unlinking.clone();
        Callback::from(move |()| unlinking.set(None))
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_search = {
        let (query, found, error, busy) = (query.clone(), found.clone(), error.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let q = query.trim().to_string();
            if q.is_empty() {
                return;
            }
            let (found, error, busy) = (found.clone(), error.clone(), busy.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::parents(&q).await {
                    Ok(list) => found.set(Some(list)),
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
        })
    };

    let linked = props.guardians.iter().map(|g| {
        let on_unlink = {
            let (unlinking, g) = (unlinking.clone(), g.clone());
            Callback::from(move |_: MouseEvent| unlinking.set(Some(g.clone())))
        };
        html! {
            <li key={g.user_id.clone()} data-guardian={g.user_id.clone()}>
                <span class="guardian-name">{ g.full_name.clone() }</span>
                <span class="muted">{ " (" }{ g.username.clone() }{ ")" }</span>
                if !g.active {
                    <span class="badge badge-draft">{ tx.account_inactive }</span>
                }
                <button type="button" class="button danger small" data-action="unlink" onclick={on_unlink}>
                    { tx.unlink }
                </button>
            </li>
        }
    });
    let results = (*found).clone().map(|list| {
        let already = |g: &GuardianView| props.guardians.iter().any(|x| x.user_id == g.user_id);
        let items = list.iter().filter(|g| !already(g)).map(|g| {
            let on_link = {
                let (error, busy, found, on_change) =
                    (error.clone(), busy.clone(), found.clone(), props.on_change.clone());
                let (pupil_id, parent_id) = (props.pupil_id.clone(), g.user_id.clone());
                Callback::from(move |_: MouseEvent| {
                    let (error, busy, found, on_change) =
                        (error.clone(), busy.clone(), found.clone(), on_change.clone());
                    let (pupil_id, parent_id) = (pupil_id.clone(), parent_id.clone());
                    busy.set(true);
                    spawn_local(async move {
                        match api::link_guardian(&pupil_id, &parent_id).await {
                            Ok(profile) => {
                                found.set(None);
                                on_change.emit(profile);
                            }
                            Err(err) => error.set(Some(err.message())),
                        }
                        busy.set(false);
                    });
                })
            };
            html! {
                <li key={g.user_id.clone()} data-parent={g.user_id.clone()}>
                    <span>{ g.full_name.clone() }</span>
                    <span class="muted">{ " (" }{ g.username.clone() }{ ")" }</span>
                    <button type="button" class="button secondary small" data-action="link"
                        disabled={*busy} onclick={on_link}>{ tx.link }</button>
                </li>
            }
        });
        let items: Vec<Html> = items.collect();
        if items.is_empty() {
            html! { <p class="muted" role="status">{ tx.no_parents_found }</p> }
        } else {
            html! { <ul class="plain-list parent-results" role="status">{ for items }</ul> }
        }
    });
    let dialog = (*unlinking).clone().map(|g| {
        html! {
            <ConfirmDialog title={tx.unlink} message={(tx.confirm_unlink)(&g.full_name)} confirm_label={tx.unlink}
                danger=true busy={*busy} on_confirm={on_confirm_unlink.clone()} on_cancel={on_cancel_unlink.clone()} />
        }
    });

    html! {
        <section class="card guardians" aria-labelledby="guardians-heading">
            <h2 id="guardians-heading">{ tx.guardians }</h2>
            if props.guardians.is_empty() {
                <p class="muted">{ tx.no_guardians }</p>
            } else {
                <ul class="plain-list guardian-list">{ for linked }</ul>
            }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            <form class="search-form" onsubmit={on_search} role="search">
                <label for="parent-search">{ tx.find_parent }</label>
                <div class="inline">
                    <input id="parent-search" type="search" autocomplete="off" value={(*query).clone()}
                        oninput={on_query} />
                    <button type="submit" class="button secondary" disabled={*busy}>{ tx.search }</button>
                </div>
            </form>
            { for results }
            { for dialog }
        </section>
    }
}
