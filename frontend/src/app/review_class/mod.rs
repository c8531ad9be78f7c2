//! `/duyet/{class_id}/{period}`: the principal reviews a submitted class record one pupil at a
//! time, laid out like the học bạ page, writes comments per pupil while going through the class,
//! then returns the record with them or approves it.

mod logic;
mod pupil_list;
mod pupil_page;

use super::approve_dialog::ApproveDialog;
use super::Route;
use crate::components::{ConfirmDialog, ErrorNotice, LoadingNotice, StatusBadge};
use crate::hooks::{use_load, use_me, Loadable};
use crate::i18n::domain as messages;
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::{GridView, PupilRef, RecordState, RecordStatus, Role};
use hocba_core::Period;
use logic::{Comments, Step};
use pupil_list::PupilList;
use pupil_page::PupilPage;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;
use yew::platform::spawn_local;
use yew::prelude::*;
use yew_router::prelude::*;

thread_local! {
    /// What the review screen did, for the review list to show once it is back.
    static NOTICE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The notice left by the review screen, taken once.
pub fn take_notice() -> Option<String> {
    NOTICE.with(|n| n.borrow_mut().take())
}

fn leave_notice(text: String) {
    NOTICE.with(|n| *n.borrow_mut() = Some(text));
}

#[derive(Properties, PartialEq)]
pub struct ReviewClassPageProps {
    pub class_id: String,
    /// `Period::code`.
    pub period: String,
}

#[component]
pub fn ReviewClassPage(props: &ReviewClassPageProps) -> Html {
    let tx = t();
    let key = (props.class_id.clone(), props.period.clone());
    let (loaded, reload) = use_load(key, |(id, period): (String, String)| async move { api::grid(&id, &period).await });
    match (&*loaded, Period::from_code(&props.period)) {
        (_, None) => html! { <p class="notice">{ tx.err_not_found }</p> },
        (Loadable::Loading, _) => html! { <LoadingNotice /> },
        (Loadable::Failed(err), _) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        (Loadable::Ready(view), Some(_)) => html! { <Review view={Rc::new(view.clone())} /> },
    }
}

/// The shown pupil.
#[derive(Default, PartialEq)]
struct Shown(usize);

enum ShownAction {
    /// A step through a class of this many pupils.
    Step(Step, usize),
    Go(usize),
}

impl Reducible for Shown {
    type Action = ShownAction;

    fn reduce(self: Rc<Self>, action: ShownAction) -> Rc<Self> {
        Rc::new(Shown(match action {
            ShownAction::Step(step, len) => logic::stepped(self.0, len, step),
            ShownAction::Go(i) => i,
        }))
    }
}

#[derive(Properties, PartialEq)]
struct ReviewProps {
    view: Rc<GridView>,
}

#[component]
fn Review(props: &ReviewProps) -> Html {
    let tx = t();
    let view = props.view.clone();
    let shown = use_reducer(Shown::default);
    let comments = use_state(Comments::new);
    let class_comment = use_state(String::new);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);
    let asking = use_state(|| false);
    let asking_return = use_state(|| false);
    let navigator = use_navigator();
    let len = view.rows.len();
    use_arrow_keys(shown.dispatcher(), len);

    let pupils: Vec<PupilRef> = view.rows.iter().map(|r| r.pupil.clone()).collect();
    let index = shown.0.min(len.saturating_sub(1));
    let current = pupils.get(index).cloned();
    let commented: Vec<bool> = pupils.iter().map(|p| logic::has_comment(&comments, &p.id)).collect();
    let class_name = view.class.name.clone();
    let period_name = messages::period_name(view.period);
    let (class_id, period) = (view.class.id.clone(), view.period.code().to_string());
    // Approving and returning are the principal's (the server answers 403 to anyone else).
    let principal = use_me().is_some_and(|me| me.role == Role::Principal);
    let can_decide = principal && view.state.status == RecordStatus::Submitted;

    let on_select = {
        let dispatcher = shown.dispatcher();
        Callback::from(move |i: usize| dispatcher.dispatch(ShownAction::Go(i)))
    };
    let step = |step: Step| {
        let dispatcher = shown.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(ShownAction::Step(step, len)))
    };
    let on_pupil_comment = {
        let (comments, id) = (comments.clone(), current.as_ref().map(|p| p.id.clone()).unwrap_or_default());
        Callback::from(move |e: InputEvent| {
            let mut map = (*comments).clone();
            map.insert(id.clone(), e.target_unchecked_into::<HtmlTextAreaElement>().value());
            comments.set(map);
        })
    };
    let on_class_comment = {
        let class_comment = class_comment.clone();
        Callback::from(move |e: InputEvent| class_comment.set(e.target_unchecked_into::<HtmlTextAreaElement>().value()))
    };
    let done = {
        let navigator = navigator.clone();
        Callback::from(move |text: String| {
            leave_notice(text);
            if let Some(nav) = &navigator {
                nav.push(&Route::Reviews);
            }
        })
    };
    // "Trả lại" checks that there is a comment, then asks before sending.
    let on_ask_return = {
        let (comments, class_comment, error, asking_return) =
            (comments.clone(), class_comment.clone(), error.clone(), asking_return.clone());
        let pupils = pupils.clone();
        Callback::from(move |_: MouseEvent| {
            if logic::return_request(&class_comment, &comments, &pupils).is_none() {
                error.set(Some(t().review_return_required.into()));
                return;
            }
            error.set(None);
            asking_return.set(true);
        })
    };
    let on_cancel_return = {
        let asking_return = asking_return.clone();
        Callback::from(move |()| asking_return.set(false))
    };
    let on_return = {
        let (comments, class_comment, error, busy, done, asking_return) =
            (comments.clone(), class_comment.clone(), error.clone(), busy.clone(), done.clone(), asking_return.clone());
        let (class_id, period, class_name, pupils) =
            (class_id.clone(), period.clone(), class_name.clone(), pupils.clone());
        Callback::from(move |()| {
            let Some(request) = logic::return_request(&class_comment, &comments, &pupils) else {
                return;
            };
            let (error, busy, done, asking_return) = (error.clone(), busy.clone(), done.clone(), asking_return.clone());
            let (class_id, period, class_name) = (class_id.clone(), period.clone(), class_name.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match api::return_with_comments(&class_id, &period, &request).await {
                    Ok(_) => done.emit((t().returned_ok)(&class_name)),
                    Err(err) => {
                        asking_return.set(false);
                        error.set(Some(err.message()));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let on_ask = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| asking.set(true))
    };
    let on_cancel = {
        let asking = asking.clone();
        Callback::from(move |()| asking.set(false))
    };
    let on_approved = {
        let (done, class_name) = (done.clone(), class_name.clone());
        Callback::from(move |_: RecordState| done.emit((t().approved_ok)(&class_name)))
    };

    let pupil_comment = current.as_ref().and_then(|p| comments.get(&p.id).cloned()).unwrap_or_default();
    html! {
        <section class="review-class" data-class={class_id.clone()} data-period={period.clone()}
            data-status={view.state.status.code()}>
            <nav class="breadcrumb"><Link<Route> to={Route::Reviews}>{ "← " }{ tx.reviews_title }</Link<Route>></nav>
            <h1>{ (tx.review_class_title)(&class_name, period_name) }</h1>
            <div class="review-status">
                <span class="sr-only">{ tx.col_status }{ ": " }</span>
                <StatusBadge state={view.state.clone()} />
            </div>
            if !can_decide {
                <p class="banner read-only" role="status">{ tx.review_read_only }</p>
            }
            <p class="help">{ tx.review_keys_help }</p>
            if pupils.is_empty() {
                <p>{ tx.no_pupils }</p>
            } else {
                <div class="review-layout">
                    <PupilList pupils={pupils.clone()} current={index} commented={commented} {on_select} />
                    <div class="review-main">
                        <PupilPage view={view.clone()} {index} />
                        if can_decide {
                            if let Some(p) = current.as_ref() {
                                <div class="review-comment">
                                    <label for="review-pupil-comment">{ (tx.review_pupil_comment)(&p.full_name) }</label>
                                    <textarea id="review-pupil-comment" rows="3" data-pupil={p.id.clone()}
                                        value={pupil_comment} oninput={on_pupil_comment} />
                                </div>
                            }
                        }
                        <div class="actions review-steps">
                            <button type="button" class="button secondary" data-action="previous"
                                disabled={index == 0} onclick={step(Step::Previous)}>{ tx.review_prev }</button>
                            <button type="button" class="button secondary" data-action="next"
                                disabled={index + 1 >= len} onclick={step(Step::Next)}>{ tx.review_next }</button>
                        </div>
                    </div>
                </div>
            }
            if can_decide {
                <section class="card review-decide">
                    <p class="muted">{ tx.review_return_help }{ " " }{ (tx.review_commented)(logic::commented_count(&comments, &pupils)) }</p>
                    <label for="review-class-comment">{ tx.review_class_comment }</label>
                    <textarea id="review-class-comment" rows="3" value={(*class_comment).clone()} oninput={on_class_comment} />
                    if let Some(message) = (*error).clone() {
                        <p class="form-error" role="alert">{ message }</p>
                    }
                    <div class="actions">
                        <button type="button" class="button danger" data-action="return" disabled={*busy}
                            onclick={on_ask_return}>{ tx.return_record }</button>
                        <button type="button" class="button primary" data-action="approve" disabled={*busy}
                            onclick={on_ask}>{ tx.approve }</button>
                    </div>
                </section>
            }
            if *asking {
                <ApproveDialog class_id={class_id.clone()} period={view.period} title={tx.review_approve_title}
                    question={(tx.review_approve_question)(&class_name, period_name)}
                    on_done={on_approved} {on_cancel} />
            }
            if *asking_return {
                <ConfirmDialog title={tx.return_confirm_title}
                    message={(tx.return_confirm_question)(&class_name, period_name)} danger=true
                    confirm_label={tx.return_record} busy={*busy} on_cancel={on_cancel_return} on_confirm={on_return} />
            }
        </section>
    }
}

/// ← / → and PageUp / PageDown step through the class while focus is not in a text field, a
/// table frame or a dialog.
#[hook]
fn use_arrow_keys(dispatcher: UseReducerDispatcher<Shown>, len: usize) {
    use_effect_with(len, move |&len| {
        let listener = Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
            if e.alt_key() || e.ctrl_key() || e.meta_key() || e.default_prevented() {
                return;
            }
            let Some(step) = logic::step_for(&e.key()) else {
                return;
            };
            if let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                let inside = |selector: &str| el.closest(selector).ok().flatten().is_some();
                if logic::is_text_field(&el.tag_name()) || inside("dialog") || inside(".table-frame") {
                    return;
                }
            }
            e.prevent_default();
            dispatcher.dispatch(ShownAction::Step(step, len));
        });
        let window = web_sys::window();
        if let Some(w) = &window {
            let _ = w.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(w) = window {
                let _ = w.remove_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
            }
            drop(listener);
        }
    });
}
