//! The class's pupils beside the page: buttons on wide screens, a select on narrow ones; the
//! shown pupil is `aria-current`, pupils with a comment are marked.

use crate::i18n::t;
use hocba_core::api::PupilRef;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PupilListProps {
    pub pupils: Vec<PupilRef>,
    /// Index of the shown pupil.
    pub current: usize,
    /// Per pupil (same order): the principal wrote a comment.
    pub commented: Vec<bool>,
    pub on_select: Callback<usize>,
}

#[component]
pub fn PupilList(props: &PupilListProps) -> Html {
    let tx = t();
    let items = props.pupils.iter().enumerate().map(|(i, p)| {
        let current = i == props.current;
        let commented = props.commented.get(i).copied().unwrap_or(false);
        let onclick = {
            let cb = props.on_select.clone();
            Callback::from(move |_: MouseEvent| cb.emit(i))
        };
        html! {
            <li key={p.id.clone()}>
                <button type="button" class={classes!("review-pupil", current.then_some("current"))}
                    data-pupil={p.id.clone()} data-has-comment={commented.then_some("true")}
                    aria-current={current.then_some("true")} {onclick}>
                    <span class="review-pupil-no">{ i + 1 }{ ". " }</span>
                    { p.full_name.clone() }
                    if commented {
                        <span class="comment-mark" aria-hidden="true">{ " ✎" }</span>
                        <span class="sr-only">{ " (" }{ tx.review_has_comment }{ ")" }</span>
                    }
                </button>
            </li>
        }
    });
    let onchange = {
        let cb = props.on_select.clone();
        Callback::from(move |e: Event| {
            if let Ok(i) = e.target_unchecked_into::<HtmlSelectElement>().value().parse::<usize>() {
                cb.emit(i);
            }
        })
    };
    let options = props.pupils.iter().enumerate().map(|(i, p)| {
        let commented = props.commented.get(i).copied().unwrap_or(false);
        let mark = if commented { format!(" ({})", tx.review_has_comment) } else { String::new() };
        html! {
            <option key={p.id.clone()} value={i.to_string()} selected={i == props.current}>
                { format!("{}. {}{mark}", i + 1, p.full_name) }
            </option>
        }
    });
    html! {
        <nav class="review-pupils" aria-label={tx.review_pupils}>
            <label class="review-pupil-select">
                <span>{ tx.review_choose_pupil }</span>
                <select {onchange}>{ for options }</select>
            </label>
            <ol class="review-pupil-list">{ for items }</ol>
        </nav>
    }
}
