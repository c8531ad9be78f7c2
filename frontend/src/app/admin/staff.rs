//! `/quan-tri/can-bo`: staff accounts — a sortable, filterable table; create (with the
//! one-time password shown once), edit, deactivate or reactivate (never delete), reset the
//! password; the list as a spreadsheet, out and in.

use super::breadcrumb::Breadcrumb;
use super::labels::{active_text, roles_text};
use super::password_slip::PasswordSlip;
use super::staff_form::{StaffForm, StaffSaved};
use crate::components::table_model::{arrange, SortKey};
use crate::components::{
    ConfirmDialog, ErrorNotice, FilterBox, HeadColumn, ImportKind, ImportPanel, LoadingNotice, SortableHead,
};
use crate::hooks::{use_load, use_table, Loadable};
use crate::i18n::t;
use crate::services::api::{self, SheetFormat};
use hocba_core::api::admin::{IssuedPassword, StaffView};
use yew::platform::spawn_local;
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Edit(StaffView),
}

/// An action waiting for the admin's confirmation.
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    SetActive(StaffView, bool),
    ResetPassword(StaffView),
}

/// The sort key of a staff row for each column.
fn sort_key(s: &StaffView, column: usize) -> SortKey {
    match column {
        0 => SortKey::Text(s.username.clone()),
        1 => SortKey::Name(s.full_name.clone()),
        2 => SortKey::Text(roles_text(&s.roles)),
        3 => SortKey::text_opt(s.phone.as_deref()),
        _ => SortKey::Text(active_text(s.active).into()),
    }
}

/// What the filter box searches in.
fn filter_text(s: &StaffView) -> String {
    format!(
        "{} {} {} {} {}",
        s.username,
        s.full_name,
        roles_text(&s.roles),
        s.phone.as_deref().unwrap_or_default(),
        active_text(s.active)
    )
}

#[component]
pub fn StaffPage() -> Html {
    let tx = t();
    let (staff, reload) = use_load((), |()| api::staff());
    let table = use_table(Some(crate::components::table_model::Sort::asc(1)));
    let editing = use_state(|| Editing::Nothing);
    let pending = use_state(|| None::<Pending>);
    let issued = use_state(|| None::<IssuedPassword>);
    let notice = use_state(|| None::<String>);
    let error = use_state(|| None::<String>);
    let busy = use_state(|| false);

    let on_saved = {
        let (editing, issued, notice, reload) = (editing.clone(), issued.clone(), notice.clone(), reload.clone());
        Callback::from(move |saved: StaffSaved| {
            editing.set(Editing::Nothing);
            match saved {
                StaffSaved::Created(password) => {
                    notice.set(Some((t().staff_created)(&password.username)));
                    issued.set(Some(password));
                }
                StaffSaved::Updated(s) => notice.set(Some((t().staff_saved)(&s.full_name))),
            }
            reload.emit(());
        })
    };
    let on_cancel = {
        let editing = editing.clone();
        Callback::from(move |()| editing.set(Editing::Nothing))
    };
    let on_confirm = {
        let (pending, issued, notice, error, busy, reload) =
            (pending.clone(), issued.clone(), notice.clone(), error.clone(), busy.clone(), reload.clone());
        Callback::from(move |()| {
            let Some(action) = (*pending).clone() else { return };
            let (pending, issued, notice, error, busy, reload) =
                (pending.clone(), issued.clone(), notice.clone(), error.clone(), busy.clone(), reload.clone());
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                let tx = t();
                match action {
                    Pending::SetActive(s, active) => match api::set_staff_active(&s.id, active).await {
                        Ok(s) => {
                            let text = if s.active { tx.staff_activated } else { tx.staff_deactivated };
                            notice.set(Some(text(&s.full_name)));
                            reload.emit(());
                        }
                        Err(err) => error.set(Some(err.message())),
                    },
                    Pending::ResetPassword(s) => match api::reset_password(&s.id).await {
                        Ok(password) => {
                            notice.set(Some((tx.password_reset_done)(&s.full_name)));
                            issued.set(Some(password));
                        }
                        Err(err) => error.set(Some(err.message())),
                    },
                }
                pending.set(None);
                busy.set(false);
            });
        })
    };
    let on_dismiss = {
        let pending = pending.clone();
        Callback::from(move |()| pending.set(None))
    };
    let on_close_issued = {
        let issued = issued.clone();
        Callback::from(move |()| issued.set(None))
    };
    let on_new = {
        let (editing, notice) = (editing.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            notice.set(None);
            editing.set(Editing::New);
        })
    };
    let on_imported = {
        let reload = reload.clone();
        Callback::from(move |_| reload.emit(()))
    };

    let list = match &*staff {
        Loadable::Loading => html! { <LoadingNotice /> },
        Loadable::Failed(err) => html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready(all) => {
            let shown = arrange(all, &table.filter, filter_text, table.sort, sort_key);
            let rows = shown.iter().map(|s| {
                let on_edit = {
                    let (editing, s) = (editing.clone(), (*s).clone());
                    Callback::from(move |_: MouseEvent| editing.set(Editing::Edit(s.clone())))
                };
                let on_toggle = {
                    let (pending, s) = (pending.clone(), (*s).clone());
                    Callback::from(move |_: MouseEvent| pending.set(Some(Pending::SetActive(s.clone(), !s.active))))
                };
                let on_reset = {
                    let (pending, s) = (pending.clone(), (*s).clone());
                    Callback::from(move |_: MouseEvent| pending.set(Some(Pending::ResetPassword(s.clone()))))
                };
                html! {
                    <tr key={s.id.clone()} data-staff={s.id.clone()} data-username={s.username.clone()}
                        data-active={s.active.to_string()} class={classes!((!s.active).then_some("inactive"))}>
                        <td>{ s.username.clone() }</td>
                        <th scope="row">{ s.full_name.clone() }</th>
                        <td>{ roles_text(&s.roles) }</td>
                        <td>{ s.phone.clone().unwrap_or_else(|| tx.none.into()) }</td>
                        <td>{ active_text(s.active) }</td>
                        <td>
                            <div class="row-actions">
                                <button type="button" class="button secondary small" data-action="edit"
                                    onclick={on_edit}>{ tx.edit }</button>
                                <button type="button" class={classes!("button", "small", if s.active { "danger" } else { "secondary" })}
                                    data-action={if s.active { "deactivate" } else { "activate" }} onclick={on_toggle}>
                                    { if s.active { tx.deactivate } else { tx.activate } }
                                </button>
                                <button type="button" class="button secondary small" data-action="reset-password"
                                    onclick={on_reset}>{ tx.reset_password }</button>
                            </div>
                        </td>
                    </tr>
                }
            });
            let columns = vec![
                HeadColumn::sortable(tx.username),
                HeadColumn::sortable(tx.full_name),
                HeadColumn::sortable(tx.roles),
                HeadColumn::sortable(tx.phone),
                HeadColumn::sortable(tx.col_status),
                HeadColumn::plain(tx.actions),
            ];
            html! {
                <>
                    <FilterBox id="staff-filter" label={tx.filter_staff} value={table.filter.clone()}
                        on_input={table.on_filter.clone()} />
                    <p class="muted" role="status" aria-live="polite">{ (tx.shown_of)(shown.len(), all.len()) }</p>
                    <div class="table-wrap">
                        <table class="data-table sortable" data-table="staff">
                            <SortableHead {columns} sort={table.sort} on_sort={table.on_sort.clone()} />
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                </>
            }
        }
    };

    let dialog = (*pending).clone().map(|action| {
        let (title, message, label, danger) = match &action {
            Pending::SetActive(s, false) => (tx.deactivate, (tx.confirm_deactivate)(&s.full_name), tx.deactivate, true),
            Pending::SetActive(s, true) => (tx.activate, (tx.confirm_activate)(&s.full_name), tx.activate, false),
            Pending::ResetPassword(s) => {
                (tx.reset_password, (tx.confirm_reset_password)(&s.full_name), tx.reset_password, true)
            }
        };
        html! {
            <ConfirmDialog title={title} message={message} confirm_label={label} {danger} busy={*busy}
                on_confirm={on_confirm.clone()} on_cancel={on_dismiss.clone()} />
        }
    });

    html! {
        <section class="admin">
            <Breadcrumb />
            <h1>{ tx.admin_staff_title }</h1>
            if let Some(text) = (*notice).clone() {
                <p class="banner ok" role="status">{ text }</p>
            }
            if let Some(message) = (*error).clone() {
                <p class="form-error" role="alert">{ message }</p>
            }
            if let Some(password) = (*issued).clone() {
                <PasswordSlip issued={password} on_close={on_close_issued} />
            }
            <div class="toolbar">
                <button type="button" class="button primary" data-action="new-staff" onclick={on_new}>
                    { tx.new_staff }
                </button>
                <a class="button secondary" href={api::staff_export_url(SheetFormat::Xlsx)} download=""
                    data-export="staff">{ tx.download_xlsx }</a>
                <a class="button secondary" href={api::staff_export_url(SheetFormat::Csv)} download="">
                    { tx.download_csv }
                </a>
            </div>
            {
                match &*editing {
                    Editing::Nothing => Html::default(),
                    Editing::New => html! { <StaffForm staff={None::<StaffView>} on_saved={on_saved.clone()} on_cancel={on_cancel.clone()} /> },
                    Editing::Edit(s) => html! {
                        <StaffForm key={s.id.clone()} staff={Some(s.clone())} on_saved={on_saved.clone()} on_cancel={on_cancel.clone()} />
                    },
                }
            }
            { list }
            <details class="card sheet-box" data-sheet="staff">
                <summary>{ tx.staff_import }</summary>
                <ImportPanel upload_url={api::STAFF_IMPORT_URL} kind={ImportKind::Staff} on_applied={on_imported} />
            </details>
            { for dialog }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::table_model::Sort;
    use hocba_core::api::Role;

    fn staff(username: &str, name: &str, roles: Vec<Role>, active: bool) -> StaffView {
        StaffView { id: username.into(), username: username.into(), full_name: name.into(), roles, phone: None, active }
    }

    #[test]
    fn staff_filter_and_sort() {
        let all = vec![
            staff("gvlan", "Nguyễn Thị Lan", vec![Role::Teacher], true),
            staff("hieutruong", "Đỗ Văn Bình", vec![Role::Principal], true),
            staff("gvan", "Lê Văn An", vec![Role::Teacher], false),
        ];
        let names = |filter: &str, sort| {
            arrange(&all, filter, filter_text, sort, sort_key)
                .into_iter()
                .map(|s| s.username.as_str())
                .collect::<Vec<_>>()
        };
        assert_eq!(names("", Some(Sort::asc(1))), ["gvan", "hieutruong", "gvlan"]);
        assert_eq!(names("giao vien", Some(Sort::asc(0))), ["gvan", "gvlan"]);
        assert_eq!(names("da nghi", None), ["gvan"]);
        assert_eq!(names("hiệu", None), ["hieutruong"]);
    }
}
