//! `/lop/{class_id}/cuoi-nam`: a class's year end as one table, one row per pupil (the result,
//! days absent with and without leave, height, weight, awards), typed from the keyboard like the
//! periodic grid and saved for the whole class with one "Lưu cả lớp" (all or nothing: every
//! refused value is marked at once). Beside the table, the panel of the focused pupil: the result
//! and what it means, the completion, the individual and supplementary results, the awards and,
//! for the principal, the decision lên lớp / ở lại lớp. The homeroom teacher writes while the cuối
//! năm record is a draft or returned; the principal only decides; once the record is approved
//! everything is read only.

mod award_form;
mod awards;
mod decision;
pub mod form;
mod hand_over;
mod panel;
mod save_bar;
mod sheet;
mod table;

use super::access::can_administer;
use super::Route;
use crate::components::{ErrorNotice, LoadingNotice, StatusBadge};
use crate::hooks::{use_keep_typing, use_load, use_me, Loadable};
use crate::i18n::t;
use crate::services::api;
use hand_over::HandOverBatch;
use hocba_core::api::{Me, RecordStatus, Role};
use hocba_core::Period;
use panel::PupilPanel;
use save_bar::SaveBar;
use sheet::{Sheet, SheetAction};
use table::YearEndTable;
use yew::prelude::*;
use yew_router::prelude::*;

/// What the signed-in user may do on a class's year-end page.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Powers {
    /// Writes the extras and the awards (the class's teacher; the server lets only the
    /// homeroom teacher write and answers 403 to the others).
    pub edit: bool,
    /// Decides được lên lớp / ở lại lớp (principal, admin).
    pub decide: bool,
}

/// The user teaches the class (and is not acting as the principal).
pub fn teaches(me: &Me, class_id: &str) -> bool {
    let teacher = me.role == Role::Teacher || (me.role != Role::Principal && me.roles.contains(&Role::Teacher));
    teacher && me.classes.iter().any(|c| c.id == class_id)
}

/// The powers of `me` on the class's year end while its cuối năm record is `status`.
pub fn powers(me: &Me, class_id: &str, status: RecordStatus) -> Powers {
    Powers {
        edit: teaches(me, class_id) && status.is_editable(),
        decide: can_administer(me.role, &me.roles) && status != RecordStatus::Approved,
    }
}

#[derive(Properties, PartialEq)]
pub struct YearEndPageProps {
    pub class_id: String,
}

#[component]
pub fn YearEndPage(props: &YearEndPageProps) -> Html {
    let tx = t();
    let me = use_me();
    let (loaded, reload) = use_load(props.class_id.clone(), |id: String| async move { api::year_end(&id).await });
    let sheet = use_reducer(Sheet::default);
    // Leaving with values typed but not saved, or refused, asks first.
    use_keep_typing();
    {
        let sheet = sheet.clone();
        use_effect_with((*loaded).clone(), move |loaded| {
            if let Loadable::Ready(view) = loaded {
                sheet.dispatch(SheetAction::Loaded(view.clone()));
            }
        });
    }

    let view = match (&*loaded, &sheet.view) {
        (Loadable::Failed(err), _) => {
            return html! { <ErrorNotice message={err.message()} on_retry={reload.clone()} /> };
        }
        (Loadable::Ready(_), Some(view)) if view.class.id == props.class_id => view,
        _ => return html! { <LoadingNotice /> },
    };
    let Some(me) = me else { return Html::default() };

    let status = view.state.status;
    let mut powers = powers(&me, &props.class_id, status);
    // Only the homeroom teacher writes the extras; the server says who that is.
    powers.edit &= view.may_write;
    let teacher = teaches(&me, &props.class_id);
    // The hand-over of the whole class (graduating class 5 in particular): principal and admin.
    let hands_over = can_administer(me.role, &me.roles);
    let back = if teacher { (Route::Home, tx.my_classes) } else { (Route::Reviews, tx.reviews_title) };
    let banner = match status {
        RecordStatus::Approved => Some(("locked", tx.year_end_locked)),
        RecordStatus::Submitted => Some(("submitted", tx.year_end_submitted)),
        _ if powers.decide && !teacher => Some(("read-only", tx.year_end_principal)),
        _ if !teacher => Some(("read-only", tx.year_end_read_only)),
        _ => None,
    };
    let class = &view.class;
    let cuoi_nam = Period::CuoiNam.code().to_string();
    let summary = Route::Summary { class_id: class.id.clone(), period: cuoi_nam.clone() };
    let grid = Route::Grid { class_id: class.id.clone(), period: cuoi_nam };
    html! {
        <section class="year-end-page" data-class={class.id.clone()} data-status={status.code()}>
            <nav class="breadcrumb"><Link<Route> to={back.0}>{ "← " }{ back.1 }</Link<Route>></nav>
            <div class="grid-toolbar">
                <h1>{ (tx.year_end_title)(&class.name, &class.school_year) }</h1>
                <div class="grid-status">
                    <span class="sr-only">{ tx.status_label }{ ": " }</span>
                    <StatusBadge state={view.state.clone()} />
                </div>
            </div>
            <p class="toolbar">
                <Link<Route> to={summary} classes="button secondary small">{ tx.summary_link }</Link<Route>>
                <Link<Route> to={grid} classes="button secondary small">{ tx.view_grid }</Link<Route>>
            </p>
            if let Some((kind, text)) = banner {
                <p class={classes!("banner", kind)} role="status" data-banner={kind}>{ text }</p>
            }
            if powers.edit {
                <p class="help">{ tx.year_end_intro }</p>
            }
            if hands_over && !view.rows.is_empty() {
                <HandOverBatch class_id={class.id.clone()} class_name={class.name.clone()} />
            }
            if view.rows.is_empty() {
                <p>{ tx.no_pupils }</p>
            } else {
                <div class="ye-layout">
                    <div class="ye-main">
                        <YearEndTable sheet={sheet.clone()} editable={powers.edit} />
                        if powers.edit {
                            <SaveBar class_id={class.id.clone()} sheet={sheet.clone()} />
                        }
                    </div>
                    <PupilPanel class_id={class.id.clone()} sheet={sheet.clone()} {powers} />
                </div>
            }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::ClassRef;

    fn me(role: Role, roles: &[Role], classes: &[&str]) -> Me {
        Me {
            id: "u".into(),
            username: "u".into(),
            full_name: "U".into(),
            role,
            roles: roles.to_vec(),
            school_name: "Trường".into(),
            classes: classes
                .iter()
                .map(|id| ClassRef { id: (*id).into(), name: "5A".into(), grade: 5, school_year: "2025-2026".into() })
                .collect(),
            children: Vec::new(),
            must_change_password: false,
        }
    }

    #[test]
    fn the_teacher_writes_while_the_record_is_open() {
        let t = me(Role::Teacher, &[Role::Teacher], &["c"]);
        assert_eq!(powers(&t, "c", RecordStatus::Draft), Powers { edit: true, decide: false });
        assert_eq!(powers(&t, "c", RecordStatus::Returned), Powers { edit: true, decide: false });
        assert_eq!(powers(&t, "c", RecordStatus::Submitted), Powers::default());
        assert_eq!(powers(&t, "c", RecordStatus::Approved), Powers::default());
        assert_eq!(powers(&t, "other", RecordStatus::Draft), Powers::default());
    }

    #[test]
    fn the_principal_only_decides_until_approval() {
        // A principal's classes are every class of the year: that does not make them the teacher.
        let p = me(Role::Principal, &[Role::Principal, Role::Teacher], &["c"]);
        assert_eq!(powers(&p, "c", RecordStatus::Draft), Powers { edit: false, decide: true });
        assert_eq!(powers(&p, "c", RecordStatus::Submitted), Powers { edit: false, decide: true });
        assert_eq!(powers(&p, "c", RecordStatus::Approved), Powers::default());
        // An admin who also teaches the class does both.
        let a = me(Role::Admin, &[Role::Admin, Role::Teacher], &["c"]);
        assert_eq!(powers(&a, "c", RecordStatus::Draft), Powers { edit: true, decide: true });
    }

    #[test]
    fn year_end_and_summary_paths_have_their_own_routes() {
        assert_eq!(Route::recognize("/lop/c1/cuoi-nam"), Some(Route::YearEnd { class_id: "c1".into() }));
        assert_eq!(
            Route::recognize("/lop/c1/tong-hop/cuoi_nam"),
            Some(Route::Summary { class_id: "c1".into(), period: "cuoi_nam".into() })
        );
        assert_eq!(
            Route::recognize("/lop/c1/cuoi_nam"),
            Some(Route::Grid { class_id: "c1".into(), period: "cuoi_nam".into() })
        );
        assert_eq!(Route::YearEnd { class_id: "c1".into() }.to_path(), "/lop/c1/cuoi-nam");
    }
}
