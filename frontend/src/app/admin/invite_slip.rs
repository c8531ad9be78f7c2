//! "Tạo mã mời phụ huynh": a one-time code for a parent without e-mail, printed on a paper
//! slip with the school, the pupils, the code in large letters, where to enter it and until
//! when.

use super::dates::{date_text, local_time};
use super::password_slip::print_page;
use crate::components::QrCode;
use crate::i18n::t;
use crate::services::api::{self, PupilQuery};
use hocba_core::api::admin::{InviteRequest, InviteSlip, PupilSummary};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

/// Path of the page where parents enter the code.
pub const REDEEM_PATH: &str = "/kich-hoat";

/// The address parents type: this app's origin and [`REDEEM_PATH`].
fn redeem_address() -> String {
    let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
    format!("{origin}{REDEEM_PATH}")
}

/// Most pupils one code may cover (`InviteRequest::pupil_ids`, checked by the server too).
pub const MAX_INVITE_PUPILS: usize = 10;

/// The ids sent to the server: the pupil being viewed first, then the chosen siblings, each once,
/// at most [`MAX_INVITE_PUPILS`].
pub fn invite_pupil_ids(current: &str, siblings: &[PupilSummary]) -> Vec<String> {
    let mut ids = vec![current.to_string()];
    for s in siblings {
        if ids.len() >= MAX_INVITE_PUPILS {
            break;
        }
        if !ids.contains(&s.id) {
            ids.push(s.id.clone());
        }
    }
    ids
}

/// Search results that can still be added: not the pupil being viewed nor one already chosen.
fn addable<'a>(found: &'a [PupilSummary], current: &str, siblings: &[PupilSummary]) -> Vec<&'a PupilSummary> {
    found.iter().filter(|p| p.id != current && !siblings.iter().any(|s| s.id == p.id)).collect()
}

/// "Name — class, birth date" as shown in the search results and the chosen list.
fn pupil_line(name: &str, class: Option<&str>, birth: Option<&str>) -> Html {
    let tx = t();
    let class = class.map(|c| format!("{} {c}", tx.col_class));
    let details: Vec<String> = class.into_iter().chain(birth.map(date_text)).collect();
    html! {
        <>
            <span class="pupil-name">{ name.to_string() }</span>
            if !details.is_empty() {
                <span class="muted">{ " (" }{ details.join(", ") }{ ")" }</span>
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct InviteSectionProps {
    pub pupil_id: AttrValue,
    pub pupil_name: AttrValue,
    #[prop_or_default]
    pub class_name: Option<AttrValue>,
    #[prop_or_default]
    pub birth_date: Option<AttrValue>,
}

#[component]
pub fn InviteSection(props: &InviteSectionProps) -> Html {
    let tx = t();
    let slip = use_state(|| None::<InviteSlip>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let siblings = use_state(Vec::<PupilSummary>::new);
    let query = use_state(String::new);
    let found = use_state(|| None::<Vec<PupilSummary>>);

    let on_create = {
        let (slip, error, busy, siblings, pupil_id) =
            (slip.clone(), error.clone(), busy.clone(), siblings.clone(), props.pupil_id.clone());
        Callback::from(move |_: MouseEvent| {
            let (slip, error, busy) = (slip.clone(), error.clone(), busy.clone());
            let body = InviteRequest { pupil_ids: invite_pupil_ids(&pupil_id, &siblings) };
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::create_invite(&body).await {
                    Ok(s) => slip.set(Some(s)),
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
        })
    };
    let on_query = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| query.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_search = {
        let (query, found, error, busy) = (query.clone(), found.clone(), error.clone(), busy.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let filter = PupilQuery { q: query.trim().to_string(), ..PupilQuery::default() };
            if filter.q.is_empty() {
                return;
            }
            let (found, error, busy) = (found.clone(), error.clone(), busy.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::pupils(&filter).await {
                    Ok(list) => found.set(Some(list)),
                    Err(err) => error.set(Some(err.message())),
                }
                busy.set(false);
            });
        })
    };

    let full = invite_pupil_ids(&props.pupil_id, &siblings).len() >= MAX_INVITE_PUPILS;
    let chosen = siblings.iter().map(|p| {
        let on_remove = {
            let (siblings, id) = (siblings.clone(), p.id.clone());
            Callback::from(move |_: MouseEvent| {
                siblings.set(siblings.iter().filter(|s| s.id != id).cloned().collect());
            })
        };
        html! {
            <li key={p.id.clone()} data-sibling={p.id.clone()}>
                { pupil_line(&p.full_name, p.class_name.as_deref(), p.birth_date.as_deref()) }
                <button type="button" class="button secondary small" data-remove-sibling={p.id.clone()}
                    disabled={*busy} onclick={on_remove}>{ tx.invite_remove }</button>
            </li>
        }
    });
    let results = (*found).as_ref().map(|list| {
        let items: Vec<Html> = addable(list, &props.pupil_id, &siblings)
            .into_iter()
            .map(|p| {
                let on_add = {
                    let (siblings, p) = (siblings.clone(), p.clone());
                    Callback::from(move |_: MouseEvent| {
                        if siblings.iter().all(|s| s.id != p.id) {
                            let mut next = (*siblings).clone();
                            next.push(p.clone());
                            siblings.set(next);
                        }
                    })
                };
                html! {
                    <li key={p.id.clone()}>
                        { pupil_line(&p.full_name, p.class_name.as_deref(), p.birth_date.as_deref()) }
                        <button type="button" class="button secondary small" data-add-sibling={p.id.clone()}
                            disabled={*busy || full} onclick={on_add}>{ tx.invite_add }</button>
                    </li>
                }
            })
            .collect();
        if items.is_empty() {
            html! { <p class="muted" role="status">{ tx.no_pupils_found }</p> }
        } else {
            html! { <ul class="plain-list sibling-results" role="status">{ for items }</ul> }
        }
    });

    html! {
        <section class="card invite" aria-labelledby="invite-heading">
            <h2 id="invite-heading">{ tx.invite_title }</h2>
            <p class="muted">{ tx.invite_intro }</p>
            <p>{ tx.invite_pupils }</p>
            <ul class="plain-list sibling-list">
                <li data-sibling={props.pupil_id.clone()}>
                    { pupil_line(&props.pupil_name, props.class_name.as_deref(), props.birth_date.as_deref()) }
                </li>
                { for chosen }
            </ul>
            if full {
                <p class="muted" role="status">{ (tx.invite_max)(MAX_INVITE_PUPILS) }</p>
            }
            <form class="search-form" onsubmit={on_search} role="search">
                <label for="sibling-search">{ tx.invite_find_sibling }</label>
                <div class="inline">
                    <input id="sibling-search" type="search" autocomplete="off" data-sibling-search=""
                        value={(*query).clone()} oninput={on_query} />
                    <button type="submit" class="button secondary" disabled={*busy}>{ tx.search }</button>
                </div>
            </form>
            { for results }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            <div class="actions">
                <button type="button" class="button secondary" data-action="create-invite" disabled={*busy}
                    onclick={on_create}>{ tx.invite_create }</button>
            </div>
            if let Some(s) = (*slip).clone() {
                <InviteSlipView slip={s} />
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct InviteSlipProps {
    slip: InviteSlip,
}

#[component]
fn InviteSlipView(props: &InviteSlipProps) -> Html {
    let tx = t();
    let s = &props.slip;
    let pupils = s.pupils.iter().map(|p| html! { <li key={p.id.clone()}>{ p.full_name.clone() }</li> });
    let address = redeem_address();
    // A phone's camera opens the activation page with the code filled in.
    let qr_text = format!("{address}?{}={}", hocba_core::api::admin::REDEEM_CODE_PARAM, s.code);
    html! {
        <>
            <p class="banner submitted no-print" role="status">{ tx.invite_once }</p>
            <article class="invite-slip print-area" data-invite-slip="">
                <p class="slip-school">{ s.school_name.clone() }</p>
                <h3>{ tx.invite_slip_title }</h3>
                <p>{ tx.invite_for }</p>
                <ul class="slip-pupils">{ for pupils }</ul>
                <p class="slip-step">{ tx.invite_step_open }</p>
                <div class="slip-open">
                    <QrCode text={qr_text} label={tx.invite_qr_label} />
                    <div>
                        <p class="slip-address" data-address="">{ address }</p>
                        <p class="slip-step muted">{ tx.invite_qr_hint }</p>
                    </div>
                </div>
                <p class="slip-step">{ tx.invite_step_code }</p>
                <p class="slip-code" data-code="">{ s.code.clone() }</p>
                <p class="slip-step">{ tx.invite_step_account }</p>
                <p class="slip-expiry">{ (tx.invite_expires)(&local_time(&s.expires_at)) }</p>
            </article>
            <div class="actions no-print">
                <button type="button" class="button primary" data-action="print" onclick={|_| print_page()}>
                    { tx.print_slip }
                </button>
            </div>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::admin::PupilStatus;

    fn pupil(id: &str) -> PupilSummary {
        PupilSummary {
            id: id.into(),
            national_id: "001219000001".into(),
            full_name: format!("Học sinh {id}"),
            gender: None,
            birth_date: None,
            ethnicity: "Kinh".into(),
            class_id: None,
            class_name: None,
            status: PupilStatus::Studying,
        }
    }

    #[test]
    fn ids_start_with_current_pupil_without_duplicates() {
        let siblings = vec![pupil("b"), pupil("a"), pupil("b"), pupil("c")];
        assert_eq!(invite_pupil_ids("a", &siblings), vec!["a", "b", "c"]);
        assert_eq!(invite_pupil_ids("a", &[]), vec!["a"]);
    }

    #[test]
    fn ids_are_capped() {
        let siblings: Vec<PupilSummary> = (0..15).map(|i| pupil(&format!("s{i}"))).collect();
        let ids = invite_pupil_ids("a", &siblings);
        assert_eq!(ids.len(), MAX_INVITE_PUPILS);
        assert_eq!(ids.first().map(String::as_str), Some("a"));
    }

    #[test]
    fn results_exclude_current_and_chosen_pupils() {
        let found = vec![pupil("a"), pupil("b"), pupil("c")];
        let ids: Vec<&str> = addable(&found, "a", &[pupil("b")]).iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, vec!["c"]);
    }
}
