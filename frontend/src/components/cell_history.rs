//! A pupil's cell history at one periodic point (from the audit trail): who changed which cell,
//! when, from what to what, and whether it came from the offline queue. A modal `<dialog>`;
//! Escape or "Đóng" closes it.

use crate::components::{ErrorNotice, LoadingNotice};
use crate::hooks::{use_modal, Modal};
use crate::i18n::t;
use crate::services::api::{self, ApiError};
use hocba_core::api::CellChange;
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CellHistoryProps {
    pub class_id: AttrValue,
    pub period: AttrValue,
    pub pupil_id: AttrValue,
    pub pupil_name: AttrValue,
    pub on_close: Callback<()>,
}

#[component]
pub fn CellHistory(props: &CellHistoryProps) -> Html {
    let tx = t();
    let Modal { dialog, oncancel, on_no: on_close } = use_modal(props.on_close.clone());
    let list = use_state(|| None::<Result<Vec<CellChange>, ApiError>>);
    {
        let list = list.clone();
        let (class_id, period, pupil_id) = (props.class_id.clone(), props.period.clone(), props.pupil_id.clone());
        use_effect_with((), move |_| {
            spawn_local(async move { list.set(Some(api::history(&class_id, &period, &pupil_id).await)) });
        });
    }
    let body = match &*list {
        None => html! { <LoadingNotice /> },
        Some(Err(e)) => html! { <ErrorNotice message={e.message()} /> },
        Some(Ok(changes)) if changes.is_empty() => html! { <p>{ tx.history_empty }</p> },
        Some(Ok(changes)) => {
            let rows = changes.iter().map(|c| {
                let source = match (&c.queued_at, &c.device) {
                    (Some(_), _) => tx.history_from_queue,
                    _ => tx.history_direct,
                };
                html! {
                    <tr data-cell={c.cell.clone()}>
                        <td>{ c.at_local.clone() }</td>
                        <td>{ c.by.clone() }</td>
                        <th scope="row">{ c.cell_name.clone() }</th>
                        <td data-part="old">{ c.old.as_ref().map_or_else(|| tx.none.to_string(), value_text) }</td>
                        <td data-part="new">{ value_text(&c.new) }</td>
                        <td>{ source }</td>
                    </tr>
                }
            });
            html! {
                <div class="table-wrap">
                    <table class="history">
                        <thead>
                            <tr>
                                <th scope="col">{ tx.history_when }</th>
                                <th scope="col">{ tx.history_who }</th>
                                <th scope="col">{ tx.history_cell }</th>
                                <th scope="col">{ tx.history_before }</th>
                                <th scope="col">{ tx.history_after }</th>
                                <th scope="col">{ tx.history_source }</th>
                            </tr>
                        </thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
        }
    };
    html! {
        <dialog ref={dialog} class="history-dialog" aria-labelledby="history-title" data-history={props.pupil_id.clone()}
            {oncancel}>
            <h2 id="history-title">{ (tx.history_title)(&props.pupil_name) }</h2>
            { body }
            <div class="actions">
                <button type="button" class="button secondary" data-action="close" autofocus=true onclick={on_close}>
                    { tx.close }
                </button>
            </div>
        </dialog>
    }
}

/// A cell's value as one line: "T · 9 · Đọc tốt." (empty parts left out, "—" when empty).
pub fn value_text(value: &serde_json::Value) -> String {
    let parts: Vec<String> = ["level", "score", "comment"]
        .iter()
        .filter_map(|k| match &value[*k] {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        t().none.to_string()
    } else {
        parts.join(" · ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_as_one_line() {
        let v = serde_json::json!({"level": "T", "score": 9, "comment": "Đọc tốt."});
        assert_eq!(value_text(&v), "T · 9 · Đọc tốt.");
        assert_eq!(value_text(&serde_json::json!({"level": "Đ", "comment": null})), "Đ");
        assert_eq!(value_text(&serde_json::json!({"level": null})), t().none);
    }
}
