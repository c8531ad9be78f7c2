//! The state of a sortable, filterable table: the sorted column and the filter text.

use crate::components::table_model::Sort;
use yew::prelude::*;

#[derive(Clone, PartialEq)]
pub struct TableState {
    pub sort: Option<Sort>,
    pub filter: String,
    /// Header clicks (column index), for [`crate::components::SortableHead`].
    pub on_sort: Callback<usize>,
    /// Typing in the filter box, for [`crate::components::FilterBox`].
    pub on_filter: Callback<String>,
}

#[hook]
pub fn use_table(initial: Option<Sort>) -> TableState {
    let sort = use_state(|| initial);
    let filter = use_state(String::new);
    let on_sort = {
        let sort = sort.clone();
        Callback::from(move |column: usize| sort.set(Some(Sort::after_click(*sort, column))))
    };
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |text: String| filter.set(text))
    };
    TableState { sort: *sort, filter: (*filter).clone(), on_sort, on_filter }
}
