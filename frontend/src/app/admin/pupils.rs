//! `/quan-tri/hoc-sinh`: the school's pupils — search (by the server, ignoring diacritics),
//! filters by class and status, sortable columns; links to each pupil, enrolment and
//! transfer-in.

use super::breadcrumb::Breadcrumb;
use super::current_year::load_current_year;
use super::dates::date_text;
use super::labels::{status_code, status_text, PUPIL_STATUSES};
use crate::app::Route;
use crate::components::table_model::{arrange, Sort, SortKey};
use crate::components::{ErrorNotice, HeadColumn, ImportKind, ImportPanel, LoadingNotice, SortableHead};
use crate::hooks::{use_load, use_table, Loadable};
use crate::i18n::domain::gender_name;
use crate::i18n::t;
use crate::services::api::{self, PupilQuery, SheetFormat};
use hocba_core::api::admin::PupilSummary;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;
use yew_router::prelude::*;

fn sort_key(p: &PupilSummary, column: usize) -> SortKey {
    match column {
        0 => SortKey::Text(p.national_id.clone()),
        1 => SortKey::Name(p.full_name.clone()),
        2 => SortKey::text_opt(p.gender.map(gender_name)),
        // ISO dates sort as text.
        3 => SortKey::text_opt(p.birth_date.as_deref()),
        4 => SortKey::Text(p.ethnicity.clone()),
        5 => SortKey::text_opt(p.class_name.as_deref()),
        _ => SortKey::Text(status_text(p.status).into()),
    }
}

#[component]
pub fn PupilsPage() -> Html {
    let tx = t();
    let filter = use_state(PupilQuery::default);
    let typed = use_state(String::new);
    let (current, _) = use_load((), |()| load_current_year());
    let (pupils, reload) = use_load((*filter).clone(), |f: PupilQuery| async move { api::pupils(&f).await });
    let table = use_table(Some(Sort::asc(1)));
    let on_imported = {
        let reload = reload.clone();
        Callback::from(move |_| reload.emit(()))
    };

    let on_typed = {
        let typed = typed.clone();
        Callback::from(move |e: InputEvent| typed.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_search = {
        let (filter, typed) = (filter.clone(), typed.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            filter.set(PupilQuery { q: (*typed).clone(), ..(*filter).clone() });
        })
    };
    let on_class = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let class_id = e.target_unchecked_into::<HtmlSelectElement>().value();
            filter.set(PupilQuery { class_id, ..(*filter).clone() });
        })
    };
    let on_status = {
        let filter = filter.clone();
        Callback::from(move |e: Event| {
            let status = e.target_unchecked_into::<HtmlSelectElement>().value();
            filter.set(PupilQuery { status, ..(*filter).clone() });
        })
    };

    let class_options = match &*current {
        Loadable::Ready(Some(year)) => year
            .classes
            .iter()
            .map(|c| html! { <option value={c.id.clone()} selected={filter.class_id == c.id}>{ c.name.clone() }</option> })
            .collect::<Html>(),
        _ => Html::default(),
    };
    let status_options = PUPIL_STATUSES.into_iter().map(|s| {
        html! { <option value={status_code(s)} selected={filter.status == status_code(s)}>{ status_text(s) }</option> }
    });

    let list = match &*pupils {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(all) if all.is_empty() => html! { <p class="notice">{ tx.no_pupils_found }</p> },
        Loadable::Ready(all) => {
            let shown = arrange(all, "", |_| String::new(), table.sort, sort_key);
            let rows = shown.iter().map(|p| {
                html! {
                    <tr key={p.id.clone()} data-pupil={p.id.clone()} data-status={status_code(p.status)}>
                        <td class="nowrap">{ p.national_id.clone() }</td>
                        <th scope="row">
                            <Link<Route> to={Route::AdminPupil { pupil_id: p.id.clone() }}>{ p.full_name.clone() }</Link<Route>>
                        </th>
                        <td>{ p.gender.map_or(tx.none, gender_name) }</td>
                        <td class="nowrap">{ p.birth_date.as_deref().map_or_else(|| tx.none.to_string(), date_text) }</td>
                        <td>{ p.ethnicity.clone() }</td>
                        <td>{ p.class_name.clone().unwrap_or_else(|| tx.none.into()) }</td>
                        <td>{ status_text(p.status) }</td>
                    </tr>
                }
            });
            let columns = vec![
                HeadColumn::sortable(tx.pupil_national_id),
                HeadColumn::sortable(tx.full_name),
                HeadColumn::sortable(tx.gender),
                HeadColumn::sortable(tx.birth_date),
                HeadColumn::sortable(tx.ethnicity),
                HeadColumn::sortable(tx.col_class),
                HeadColumn::sortable(tx.col_status),
            ];
            html! {
                <>
                    <p class="muted" role="status" aria-live="polite">{ (tx.pupil_count)(all.len()) }</p>
                    <div class="table-wrap">
                        <table class="data-table sortable" data-table="pupils">
                            <SortableHead {columns} sort={table.sort} on_sort={table.on_sort.clone()} />
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                </>
            }
        }
    };

    html! {
        <section class="admin">
            <Breadcrumb />
            <h1>{ tx.admin_pupils_title }</h1>
            <div class="toolbar">
                <Link<Route> to={Route::AdminPupilNew} classes="button primary">{ tx.new_pupil }</Link<Route>>
                <Link<Route> to={Route::AdminTransferIn} classes="button secondary">{ tx.transfer_in_title }</Link<Route>>
                <a class="button secondary" href={api::school_roster_export_url(SheetFormat::Xlsx)} download=""
                    data-export="school-roster">{ tx.school_roster_download }</a>
            </div>
            <div class="filters">
                <form class="search-form" onsubmit={on_search} role="search">
                    <label for="pupil-search">{ tx.search_pupils }</label>
                    <div class="inline">
                        <input id="pupil-search" type="search" autocomplete="off" data-filter="q"
                            value={(*typed).clone()} oninput={on_typed} />
                        <button type="submit" class="button secondary">{ tx.search }</button>
                    </div>
                </form>
                <div class="form-field">
                    <label for="pupil-class">{ tx.col_class }</label>
                    <select id="pupil-class" data-filter="class" onchange={on_class}>
                        <option value="" selected={filter.class_id.is_empty()}>{ tx.all_classes }</option>
                        { class_options }
                    </select>
                </div>
                <div class="form-field">
                    <label for="pupil-status">{ tx.col_status }</label>
                    <select id="pupil-status" data-filter="status" onchange={on_status}>
                        <option value="" selected={filter.status.is_empty()}>{ tx.all_statuses }</option>
                        { for status_options }
                    </select>
                </div>
            </div>
            { list }
            <details class="card sheet-box" data-sheet="school-roster">
                <summary>{ tx.school_roster_import }</summary>
                <p class="muted">{ tx.school_roster_import_intro }</p>
                <ImportPanel upload_url={api::SCHOOL_ROSTER_IMPORT_URL} kind={ImportKind::Roster} on_applied={on_imported} />
            </details>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::admin::{Gender, PupilStatus};

    fn pupil(name: &str, birth: Option<&str>, class: Option<&str>) -> PupilSummary {
        PupilSummary {
            id: name.into(),
            national_id: "001219000001".into(),
            full_name: name.into(),
            gender: Some(Gender::Nu),
            birth_date: birth.map(Into::into),
            ethnicity: "Kinh".into(),
            class_id: None,
            class_name: class.map(Into::into),
            status: PupilStatus::Studying,
        }
    }

    #[test]
    fn pupils_sort_by_given_name_and_birth_date() {
        let all = vec![
            pupil("Vàng Thị Dung", Some("2016-01-02"), Some("5A")),
            pupil("Lò Văn An", None, Some("1A")),
            pupil("Giàng A Bình", Some("2015-12-30"), None),
        ];
        let order = |sort| {
            arrange(&all, "", |_| String::new(), Some(sort), sort_key)
                .iter()
                .map(|p| p.full_name.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(order(Sort::asc(1)), ["Lò Văn An", "Giàng A Bình", "Vàng Thị Dung"]);
        assert_eq!(order(Sort::asc(3)), ["Giàng A Bình", "Vàng Thị Dung", "Lò Văn An"]);
        assert_eq!(order(Sort { column: 5, ascending: false }), ["Vàng Thị Dung", "Lò Văn An", "Giàng A Bình"]);
    }
}
