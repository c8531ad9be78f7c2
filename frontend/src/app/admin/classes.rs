//! The classes of one school year on `/quan-tri/nam-hoc`: the table, the class form, each
//! class's subject teachers, and the year's teaching assignments as a spreadsheet.

use super::assignments::AssignmentsEditor;
use super::class_form::ClassForm;
use super::current_year::sort_classes;
use super::labels::optional_subject_text;
use crate::app::Route;
use crate::components::table_model::{arrange, SortKey};
use crate::components::{ErrorNotice, HeadColumn, ImportKind, ImportPanel, LoadingNotice, SortableHead};
use crate::hooks::{use_load, use_table, Loadable};
use crate::i18n::t;
use crate::services::api::{self, SheetFormat};
use hocba_core::api::admin::{ClassAdmin, SchoolYearView, StaffView};
use yew::prelude::*;
use yew_router::prelude::*;

/// What is open below the table.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    Nothing,
    NewClass,
    EditClass(String),
    Assignments(String),
}

/// The optional subjects of a class in one line.
fn optional_text(c: &ClassAdmin) -> String {
    c.optional_subjects.iter().map(optional_subject_text).collect::<Vec<_>>().join("; ")
}

/// The sort key of a class row for each column.
fn sort_key(c: &ClassAdmin, column: usize) -> SortKey {
    match column {
        0 => SortKey::Text(c.name.clone()),
        1 => SortKey::Number(i64::from(c.grade)),
        2 => c.combined_grade.map_or(SortKey::Missing, |g| SortKey::Number(i64::from(g))),
        3 => c.homeroom_teacher.as_ref().map_or(SortKey::Missing, |s| SortKey::Name(s.full_name.clone())),
        4 => SortKey::Number(i64::from(c.pupil_count)),
        _ => SortKey::text_opt(Some(&optional_text(c))),
    }
}

#[derive(Properties, PartialEq)]
pub struct YearClassesProps {
    pub year: SchoolYearView,
}

#[component]
pub fn YearClasses(props: &YearClassesProps) -> Html {
    let tx = t();
    let year = &props.year;
    let (data, reload) = use_load(year.id.clone(), |year_id: String| async move {
        let mut classes = api::year_classes(&year_id).await?;
        sort_classes(&mut classes);
        let staff = api::staff().await?;
        Ok((classes, staff))
    });
    let open = use_state(|| Open::Nothing);
    let notice = use_state(|| None::<String>);
    let table = use_table(None);

    let (classes, staff): (&[ClassAdmin], &[StaffView]) = match &*data {
        Loadable::Loading => return html! { <LoadingNotice /> },
        Loadable::Failed(err) => return html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> },
        Loadable::Ready((classes, staff)) => (classes, staff),
    };

    let on_saved = {
        let (open, notice, reload) = (open.clone(), notice.clone(), reload.clone());
        Callback::from(move |class: ClassAdmin| {
            notice.set(Some((t().class_saved)(&class.name)));
            open.set(Open::Nothing);
            reload.emit(());
        })
    };
    let on_close = {
        let open = open.clone();
        Callback::from(move |()| open.set(Open::Nothing))
    };
    let opener = |what: Open| {
        let (open, notice) = (open.clone(), notice.clone());
        Callback::from(move |_: MouseEvent| {
            notice.set(None);
            open.set(what.clone());
        })
    };

    let shown = arrange(classes, "", |_| String::new(), table.sort, sort_key);
    let rows = shown.iter().map(|c| {
        let teacher = c.homeroom_teacher.as_ref().map_or_else(|| tx.none.to_string(), |s| s.full_name.clone());
        let optional = if c.optional_subjects.is_empty() { tx.none.to_string() } else { optional_text(c) };
        html! {
            <tr key={c.id.clone()} data-class={c.id.clone()}>
                <th scope="row">{ c.name.clone() }</th>
                <td class="num">{ c.grade }</td>
                <td class="num">{ c.combined_grade.map_or_else(|| tx.none.to_string(), |g| g.to_string()) }</td>
                <td>{ teacher }</td>
                <td class="num">{ c.pupil_count }</td>
                <td>{ optional }</td>
                <td>
                    <div class="row-actions">
                        <button type="button" class="button secondary small" data-action="edit-class"
                            onclick={opener(Open::EditClass(c.id.clone()))}>{ tx.edit }</button>
                        <button type="button" class="button secondary small" data-action="assignments"
                            onclick={opener(Open::Assignments(c.id.clone()))}>{ tx.assignments }</button>
                        <Link<Route> to={Route::AdminRosterImport { class_id: c.id.clone() }}
                            classes="button secondary small">{ tx.roster_import_short }</Link<Route>>
                    </div>
                </td>
            </tr>
        }
    });

    let columns = vec![
        HeadColumn::sortable(tx.col_class),
        HeadColumn::sortable(tx.grade),
        HeadColumn::sortable(tx.combined_grade),
        HeadColumn::sortable(tx.col_teacher),
        HeadColumn::sortable(tx.class_size),
        HeadColumn::sortable(tx.optional_subjects),
        HeadColumn::plain(tx.actions),
    ];
    let below = match &*open {
        Open::Nothing => Html::default(),
        Open::NewClass => html! {
            <ClassForm year_id={year.id.clone()} class={None::<ClassAdmin>} staff={staff.to_vec()}
                on_saved={on_saved.clone()} on_cancel={on_close.clone()} />
        },
        Open::EditClass(id) => match classes.iter().find(|c| &c.id == id) {
            Some(c) => html! {
                <ClassForm key={c.id.clone()} year_id={year.id.clone()} class={Some(c.clone())}
                    staff={staff.to_vec()} on_saved={on_saved.clone()} on_cancel={on_close.clone()} />
            },
            None => Html::default(),
        },
        Open::Assignments(id) => match classes.iter().find(|c| &c.id == id) {
            Some(c) => html! {
                <AssignmentsEditor key={c.id.clone()} class={c.clone()} staff={staff.to_vec()}
                    on_saved={on_saved.clone()} on_cancel={on_close.clone()} />
            },
            None => Html::default(),
        },
    };

    let on_imported = {
        let reload = reload.clone();
        Callback::from(move |_| reload.emit(()))
    };
    html! {
        <section class="year-classes" data-year={year.id.clone()}>
            <h2>{ (tx.classes_of_year)(&year.name) }</h2>
            if let Some(text) = (*notice).clone() {
                <p class="banner ok" role="status">{ text }</p>
            }
            if classes.is_empty() {
                <p class="notice">{ tx.no_classes_yet }</p>
            } else {
                <div class="table-wrap">
                    <table class="data-table sortable" data-table="classes">
                        <SortableHead {columns} sort={table.sort} on_sort={table.on_sort.clone()} />
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
            }
            <div class="actions">
                <button type="button" class="button primary" data-action="new-class"
                    onclick={opener(Open::NewClass)}>{ tx.new_class }</button>
            </div>
            { below }
            <section class="card sheet-box" data-sheet="assignments">
                <h3>{ tx.assignments_sheet_title }</h3>
                <p class="muted">{ tx.assignments_sheet_intro }</p>
                <p class="downloads">
                    <a class="button secondary small" href={api::assignments_export_url(&year.id, SheetFormat::Xlsx)}
                        download="" data-export="assignments">{ tx.download_xlsx }</a>
                    <a class="button secondary small" href={api::assignments_export_url(&year.id, SheetFormat::Csv)}
                        download="">{ tx.download_csv }</a>
                </p>
                <details>
                    <summary>{ tx.assignments_import }</summary>
                    <ImportPanel upload_url={api::assignments_import_url(&year.id)} kind={ImportKind::Assignments}
                        on_applied={on_imported} />
                </details>
            </section>
        </section>
    }
}
