//! Who teaches each subject of one class (phân công giảng dạy): one teacher select per
//! subject of the class's khối (both khối of a lớp ghép) and the optional subjects it offers.

use super::labels::{optional_subject_text, teacher_options};
use crate::components::{ConfirmDialog, FieldErrors, SelectField};
use crate::hooks::{use_focus, FIRST_FIELD};
use crate::i18n::{domain, t};
use crate::services::api;
use hocba_core::api::admin::{AssignmentInput, AssignmentsInput, ClassAdmin, StaffView};
use hocba_core::catalogue::subjects_for_grade;
use std::collections::BTreeMap;
use yew::platform::spawn_local;
use yew::prelude::*;

/// (code, name) of the subjects a class is taught: the required subjects of its khối (and of
/// the second khối of a lớp ghép) and the optional ones it chose, in học bạ order.
pub fn assignable_subjects(class: &ClassAdmin) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for grade in std::iter::once(class.grade).chain(class.combined_grade) {
        for spec in subjects_for_grade(grade) {
            if out.iter().any(|(code, _)| code == spec.code) {
                continue;
            }
            let chosen = class.optional_subjects.iter().find(|o| o.code == spec.code);
            match (spec.optional, chosen) {
                (false, _) => out.push((spec.code.into(), domain::subject_name(spec.code, spec.name).into())),
                (true, Some(o)) => out.push((spec.code.into(), optional_subject_text(o))),
                (true, None) => {}
            }
        }
    }
    out
}

#[derive(Properties, PartialEq)]
pub struct AssignmentsEditorProps {
    pub class: ClassAdmin,
    pub staff: Vec<StaffView>,
    pub on_saved: Callback<ClassAdmin>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn AssignmentsEditor(props: &AssignmentsEditorProps) -> Html {
    let tx = t();
    let chosen = use_state(|| {
        props
            .class
            .assignments
            .iter()
            .map(|a| (a.subject_code.clone(), a.teacher.id.clone()))
            .collect::<BTreeMap<String, String>>()
    });
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_FIELD, 1);
    let subjects = assignable_subjects(&props.class);

    // Emptying every assignment asks first (the server's 409 `confirm_required` message).
    let asking = use_state(|| None::<String>);
    let save = {
        let (chosen, errors, busy, on_saved, asking) =
            (chosen.clone(), errors.clone(), busy.clone(), props.on_saved.clone(), asking.clone());
        let class_id = props.class.id.clone();
        let codes: Vec<String> = subjects.iter().map(|(code, _)| code.clone()).collect();
        Callback::from(move |confirm: bool| {
            let assignments = codes
                .iter()
                .filter_map(|code| {
                    let teacher = chosen.get(code).filter(|id| !id.is_empty())?;
                    Some(AssignmentInput { subject_code: code.clone(), teacher_id: teacher.clone() })
                })
                .collect();
            busy.set(true);
            errors.set(FieldErrors::default());
            let (errors, busy, on_saved, class_id, asking) =
                (errors.clone(), busy.clone(), on_saved.clone(), class_id.clone(), asking.clone());
            spawn_local(async move {
                match api::save_assignments(&class_id, &AssignmentsInput { assignments, confirm }).await {
                    Ok(class) => {
                        asking.set(None);
                        on_saved.emit(class);
                    }
                    Err(api::ApiError::Conflict { code, message }) if code == "confirm_required" => {
                        asking.set(Some(message));
                    }
                    Err(err) => {
                        asking.set(None);
                        errors.set(FieldErrors::from_api(&err, &[]));
                    }
                }
                busy.set(false);
            });
        })
    };
    let onsubmit = {
        let save = save.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            save.emit(false);
        })
    };
    let question = (*asking).clone().map(|message| {
        let on_confirm = {
            let save = save.clone();
            Callback::from(move |()| save.emit(true))
        };
        let on_cancel = {
            let asking = asking.clone();
            Callback::from(move |()| asking.set(None))
        };
        html! {
            <ConfirmDialog title={(tx.assignments_title)(&props.class.name)} {message} confirm_label={tx.save}
                danger=true busy={*busy} {on_confirm} {on_cancel} />
        }
    });
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    let selects = subjects.iter().map(|(code, name)| {
        let current = chosen.get(code).cloned().unwrap_or_default();
        let on_change = {
            let (chosen, code) = (chosen.clone(), code.clone());
            Callback::from(move |teacher: String| {
                let mut map = (*chosen).clone();
                map.insert(code.clone(), teacher);
                chosen.set(map);
            })
        };
        html! {
            <SelectField key={code.clone()} id={format!("assign-{code}")} name={code.clone()} label={name.clone()}
                value={current.clone()} options={teacher_options(&props.staff, &[current.as_str()])}
                empty={tx.not_assigned} {on_change} />
        }
    });
    html! {
        <form ref={form} class="card admin-form" {onsubmit} novalidate=true data-form="assignments"
            data-class={props.class.id.clone()}>
            <h3>{ (tx.assignments_title)(&props.class.name) }</h3>
            <p class="muted">{ tx.assignments_intro }</p>
            if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <div class="form-grid">{ for selects }</div>
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-assignments" disabled={*busy}>
                    { if *busy { tx.saving } else { tx.save } }
                </button>
                <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
            </div>
            { for question }
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::admin::OptionalSubject;

    fn class(grade: u8, combined: Option<u8>, optional: Vec<OptionalSubject>) -> ClassAdmin {
        ClassAdmin {
            id: "c".into(),
            school_year_id: "y".into(),
            name: "x".into(),
            grade,
            combined_grade: combined,
            homeroom_teacher: None,
            pupil_count: 0,
            optional_subjects: optional,
            assignments: vec![],
        }
    }

    fn codes(c: &ClassAdmin) -> Vec<String> {
        assignable_subjects(c).into_iter().map(|(code, _)| code).collect()
    }

    #[test]
    fn grade_subjects_without_unchosen_options() {
        let c = codes(&class(1, None, vec![]));
        assert!(c.contains(&"toan".to_string()) && c.contains(&"tu_nhien_xa_hoi".to_string()));
        assert!(!c.contains(&"ngoai_ngu_1".to_string()) && !c.contains(&"tieng_dan_toc".to_string()));
        let c = codes(&class(4, None, vec![]));
        assert!(c.contains(&"ngoai_ngu_1".to_string()) && c.contains(&"khoa_hoc".to_string()));
        assert!(!c.contains(&"tu_nhien_xa_hoi".to_string()));
    }

    #[test]
    fn chosen_options_and_combined_grades() {
        let dan_toc = OptionalSubject { code: "tieng_dan_toc".into(), language: Some("Tiếng Dao".into()) };
        let subjects = assignable_subjects(&class(2, None, vec![dan_toc]));
        assert!(subjects.contains(&("tieng_dan_toc".into(), "Tiếng dân tộc thiểu số (Tiếng Dao)".into())));

        // A lớp ghép 3+4 is taught both khối's subjects, each once.
        let c = codes(&class(3, Some(4), vec![]));
        assert!(c.contains(&"tu_nhien_xa_hoi".to_string()) && c.contains(&"lich_su_dia_li".to_string()));
        assert_eq!(c.iter().filter(|code| *code == "toan").count(), 1);
    }
}
