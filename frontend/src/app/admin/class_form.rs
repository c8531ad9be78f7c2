//! Creating or editing a class: name, khối, the second khối of a lớp ghép, the homeroom
//! teacher and the optional subjects it offers.

use super::labels::{grade_options, subject_name, teacher_options};
use crate::components::{CheckField, FieldErrors, SelectField, TextField};
use crate::hooks::{use_draft, use_focus, FIRST_FIELD};
use crate::i18n::t;
use crate::services::api;
use hocba_core::api::admin::{ClassAdmin, ClassInput, OptionalSubject, StaffView};
use hocba_core::catalogue::GRADES;
use yew::platform::spawn_local;
use yew::prelude::*;

pub const NGOAI_NGU_1: &str = "ngoai_ngu_1";
pub const TIENG_DAN_TOC: &str = "tieng_dan_toc";

/// The form's values as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClassDraft {
    pub name: String,
    pub grade: u8,
    pub combined_grade: Option<u8>,
    /// Staff id, or empty.
    pub homeroom: String,
    pub ngoai_ngu: bool,
    pub dan_toc: bool,
    /// The minority language taught, e.g. "Tiếng H'Mông".
    pub language: String,
}

impl ClassDraft {
    pub fn new(class: Option<&ClassAdmin>) -> Self {
        let Some(c) = class else {
            return ClassDraft {
                name: String::new(),
                grade: 1,
                combined_grade: None,
                homeroom: String::new(),
                ngoai_ngu: false,
                dan_toc: false,
                language: String::new(),
            };
        };
        let find = |code: &str| c.optional_subjects.iter().find(|s| s.code == code);
        ClassDraft {
            name: c.name.clone(),
            grade: c.grade,
            combined_grade: c.combined_grade,
            homeroom: c.homeroom_teacher.as_ref().map(|s| s.id.clone()).unwrap_or_default(),
            ngoai_ngu: find(NGOAI_NGU_1).is_some(),
            dan_toc: find(TIENG_DAN_TOC).is_some(),
            language: find(TIENG_DAN_TOC).and_then(|s| s.language.clone()).unwrap_or_default(),
        }
    }

    /// Ngoại ngữ 1 is optional in khối 1–2 only (required from khối 3).
    pub fn offers_ngoai_ngu(&self) -> bool {
        self.grade <= 2 || self.combined_grade.is_some_and(|g| g <= 2)
    }

    pub fn problems(&self) -> FieldErrors {
        let tx = t();
        let mut out = FieldErrors::default();
        if self.name.trim().is_empty() {
            out.add("name", (tx.required_field)(tx.class_name));
        }
        if self.combined_grade == Some(self.grade) {
            out.add("combined_grade", tx.combined_grade_same);
        }
        if self.dan_toc && self.language.trim().is_empty() {
            out.add("language", tx.language_required);
        }
        out
    }

    pub fn to_input(&self, school_year_id: &str) -> ClassInput {
        let mut optional_subjects = Vec::new();
        if self.ngoai_ngu && self.offers_ngoai_ngu() {
            optional_subjects.push(OptionalSubject { code: NGOAI_NGU_1.into(), language: None });
        }
        if self.dan_toc {
            let language = Some(self.language.trim().to_string()).filter(|l| !l.is_empty());
            optional_subjects.push(OptionalSubject { code: TIENG_DAN_TOC.into(), language });
        }
        ClassInput {
            school_year_id: school_year_id.into(),
            name: self.name.trim().to_string(),
            grade: self.grade,
            combined_grade: self.combined_grade.filter(|g| *g != self.grade),
            homeroom_teacher_id: Some(self.homeroom.clone()).filter(|id| !id.is_empty()),
            optional_subjects,
        }
    }
}

const FIELDS: [&str; 5] = ["name", "grade", "combined_grade", "homeroom_teacher_id", "optional_subjects"];

#[derive(Properties, PartialEq)]
pub struct ClassFormProps {
    pub year_id: AttrValue,
    /// `None` to create a class.
    pub class: Option<ClassAdmin>,
    pub staff: Vec<StaffView>,
    pub on_saved: Callback<ClassAdmin>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn ClassForm(props: &ClassFormProps) -> Html {
    let tx = t();
    let draft = use_draft(|| ClassDraft::new(props.class.as_ref()));
    let errors = use_state(FieldErrors::default);
    let busy = use_state(|| false);
    let form = use_node_ref();
    use_focus(form.clone(), FIRST_FIELD, 1);

    let onsubmit = {
        let (draft, errors, busy) = (draft.clone(), errors.clone(), busy.clone());
        let (year_id, class_id, on_saved) =
            (props.year_id.clone(), props.class.as_ref().map(|c| c.id.clone()), props.on_saved.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let found = draft.value().problems();
            if !found.is_empty() {
                errors.set(found);
                return;
            }
            let body = draft.value().to_input(&year_id);
            errors.set(FieldErrors::default());
            busy.set(true);
            let (errors, busy, class_id, on_saved) = (errors.clone(), busy.clone(), class_id.clone(), on_saved.clone());
            spawn_local(async move {
                let result = match &class_id {
                    Some(id) => api::update_class(id, &body).await,
                    None => api::create_class(&body).await,
                };
                match result {
                    Ok(class) => on_saved.emit(class),
                    Err(err) => errors.set(FieldErrors::from_api(&err, &FIELDS)),
                }
                busy.set(false);
            });
        })
    };
    let on_cancel = {
        let cb = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };

    let d = draft.value();
    let combined_options = GRADES
        .filter(|g| *g != d.grade)
        .map(|g| (AttrValue::from(g.to_string()), AttrValue::from((tx.grade_name)(g))))
        .collect::<Vec<_>>();
    let title = match &props.class {
        Some(c) => (tx.edit_class_title)(&c.name),
        None => tx.new_class.to_string(),
    };
    html! {
        <form ref={form} class="card admin-form" {onsubmit} novalidate=true data-form="class">
            <h3>{ title }</h3>
            if let Some(message) = errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <div class="form-grid">
                <TextField id="class-name" name="name" label={tx.class_name} value={d.name.clone()}
                    on_change={draft.text(|d, v| d.name = v)} required=true hint={tx.class_name_hint}
                    error={errors.get("name")} />
                <SelectField id="class-grade" name="grade" label={tx.grade} value={d.grade.to_string()}
                    options={grade_options()} required=true error={errors.get("grade")}
                    on_change={draft.text(|d, v| d.grade = v.parse().unwrap_or(d.grade))} />
                <SelectField id="class-combined" name="combined_grade" label={tx.combined_grade}
                    value={d.combined_grade.map(|g| g.to_string()).unwrap_or_default()}
                    options={combined_options} empty={tx.not_combined} hint={tx.combined_grade_hint}
                    error={errors.get("combined_grade")}
                    on_change={draft.text(|d, v| d.combined_grade = v.parse().ok())} />
                <SelectField id="class-homeroom" name="homeroom_teacher_id" label={tx.col_teacher}
                    value={d.homeroom.clone()} options={teacher_options(&props.staff, &[d.homeroom.as_str()])}
                    empty={tx.not_assigned} error={errors.get("homeroom_teacher_id")}
                    on_change={draft.text(|d, v| d.homeroom = v)} />
            </div>
            <fieldset class="optional-subjects">
                <legend>{ tx.optional_subjects }</legend>
                if d.offers_ngoai_ngu() {
                    <CheckField id="class-ngoai-ngu" name="ngoai_ngu_1" label={subject_name(NGOAI_NGU_1).to_string()}
                        hint={tx.ngoai_ngu_hint} checked={d.ngoai_ngu}
                        on_change={draft.flag(|d, on| d.ngoai_ngu = on)} />
                }
                <CheckField id="class-dan-toc" name="tieng_dan_toc" label={subject_name(TIENG_DAN_TOC).to_string()}
                    checked={d.dan_toc} on_change={draft.flag(|d, on| d.dan_toc = on)} />
                if d.dan_toc {
                    <TextField id="class-language" name="language" label={tx.language_name}
                        value={d.language.clone()} hint={tx.language_hint} required=true
                        error={errors.get("language")} on_change={draft.text(|d, v| d.language = v)} />
                }
                if let Some(message) = errors.get("optional_subjects") {
                    <p class="field-error" role="alert">{ message }</p>
                }
            </fieldset>
            <div class="actions">
                <button type="submit" class="button primary" data-action="save-class" disabled={*busy}>
                    { if *busy { tx.saving } else { tx.save } }
                </button>
                <button type="button" class="button secondary" onclick={on_cancel}>{ tx.cancel }</button>
            </div>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_subjects_follow_the_grade() {
        let mut d = ClassDraft::new(None);
        d.name = " 1A ".into();
        d.ngoai_ngu = true;
        let input = d.to_input("y");
        assert_eq!(input.name, "1A");
        assert_eq!(input.optional_subjects, vec![OptionalSubject { code: NGOAI_NGU_1.into(), language: None }]);

        d.grade = 3;
        assert!(!d.offers_ngoai_ngu());
        assert!(d.to_input("y").optional_subjects.is_empty());
        d.combined_grade = Some(2);
        assert!(d.offers_ngoai_ngu());

        d.dan_toc = true;
        d.language = " Tiếng H'Mông ".into();
        let subjects = d.to_input("y").optional_subjects;
        assert_eq!(subjects[1], OptionalSubject { code: TIENG_DAN_TOC.into(), language: Some("Tiếng H'Mông".into()) });
    }

    #[test]
    fn class_checks() {
        let mut d = ClassDraft::new(None);
        d.dan_toc = true;
        d.combined_grade = Some(1);
        let p = d.problems();
        assert!(p.get("name").is_some());
        assert!(p.get("combined_grade").is_some());
        assert!(p.get("language").is_some());
        d.name = "1A".into();
        d.combined_grade = Some(2);
        d.language = "Tiếng Dao".into();
        assert!(d.problems().is_empty());
        assert_eq!(d.to_input("y").homeroom_teacher_id, None);
    }

    #[test]
    fn a_class_loads_into_the_draft() {
        let class = ClassAdmin {
            id: "c".into(),
            school_year_id: "y".into(),
            name: "2A".into(),
            grade: 2,
            combined_grade: None,
            homeroom_teacher: Some(hocba_core::api::admin::StaffRef { id: "t1".into(), full_name: "Cô Lan".into() }),
            pupil_count: 20,
            optional_subjects: vec![
                OptionalSubject { code: NGOAI_NGU_1.into(), language: None },
                OptionalSubject { code: TIENG_DAN_TOC.into(), language: Some("Tiếng Thái".into()) },
            ],
            assignments: vec![],
        };
        let d = ClassDraft::new(Some(&class));
        assert!(d.ngoai_ngu && d.dan_toc);
        assert_eq!(d.language, "Tiếng Thái");
        assert_eq!(d.homeroom, "t1");
        let input = d.to_input("y");
        assert_eq!(input.optional_subjects, class.optional_subjects);
        assert_eq!(input.homeroom_teacher_id.as_deref(), Some("t1"));
    }
}
