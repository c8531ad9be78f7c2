//! The header row of a sortable table: a click on a column's button sorts by it, a second
//! click reverses; `aria-sort` tells screen readers the current order.

use crate::components::table_model::{aria_sort, Sort};
use yew::prelude::*;

/// One column header.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadColumn {
    pub label: AttrValue,
    pub sortable: bool,
}

impl HeadColumn {
    pub fn sortable(label: impl Into<AttrValue>) -> Self {
        HeadColumn { label: label.into(), sortable: true }
    }

    pub fn plain(label: impl Into<AttrValue>) -> Self {
        HeadColumn { label: label.into(), sortable: false }
    }
}

#[derive(Properties, PartialEq)]
pub struct SortableHeadProps {
    pub columns: Vec<HeadColumn>,
    pub sort: Option<Sort>,
    /// The index of the clicked column.
    pub on_sort: Callback<usize>,
}

#[component]
pub fn SortableHead(props: &SortableHeadProps) -> Html {
    let cells = props.columns.iter().enumerate().map(|(i, col)| {
        if !col.sortable {
            return html! { <th scope="col">{ col.label.clone() }</th> };
        }
        let state = aria_sort(props.sort, i);
        let arrow = match state {
            "ascending" => "▲",
            "descending" => "▼",
            _ => "↕",
        };
        let on_sort = props.on_sort.clone();
        html! {
            <th scope="col" aria-sort={state} data-column={i.to_string()}>
                <button type="button" class="sort-button" onclick={move |_| on_sort.emit(i)}>
                    { col.label.clone() }
                    <span class="sort-arrow" aria-hidden="true">{ arrow }</span>
                </button>
            </th>
        }
    });
    html! { <thead><tr>{ for cells }</tr></thead> }
}
