//! Every field of a pupil's profile (the sơ yếu lý lịch of the học bạ), checked in the
//! browser with the same rules as the server (`hocba_core::people::validate_pupil`); the
//! server's refusal of a named field shows next to that field.

use super::dates::today;
use super::labels::{gender_code, gender_from_code, gender_options};
use crate::components::{CheckField, FieldErrors, SelectField, TextAreaField, TextField};
use crate::hooks::{opt, use_draft, use_focus, FIRST_INVALID};
use crate::i18n::{lang, t};
use hocba_core::api::admin::{ClassAdmin, PupilInput};
use hocba_core::catalogue::GRADES;
use hocba_core::people::{normalise_pupil, validate_pupil, ETHNICITIES, FOREIGN, VIETNAM};
use yew::prelude::*;

/// Every field the server may name in a refusal.
pub const PUPIL_FIELDS: [&str; 18] = [
    "national_id",
    "full_name",
    "gender",
    "birth_date",
    "ethnicity",
    "nationality",
    "birth_place",
    "home_town",
    "address",
    "father_name",
    "mother_name",
    "guardian_name",
    "registration_no",
    "entry_date",
    "disability",
    "disability_plan",
    "class_id",
    "grade",
];

/// A new pupil: Vietnamese nationality, nothing else filled in.
pub fn blank_pupil() -> PupilInput {
    PupilInput { nationality: Some(VIETNAM.into()), ..PupilInput::default() }
}

/// The problems the browser finds before sending: the shared pupil rules and, when enrolling,
/// a class. The input is normalised first, as the server does.
pub fn pupil_problems(input: &PupilInput, today: chrono::NaiveDate, needs_class: bool) -> FieldErrors {
    let mut out = FieldErrors::default();
    for problem in validate_pupil(&normalise_pupil(input.clone()), today) {
        out.add(problem.field, problem.message.get(lang()));
    }
    if needs_class && input.class_id.as_deref().is_none_or(str::is_empty) {
        out.add("class_id", t().class_required);
    }
    out
}

/// The ethnicity choices: the 54 groups and "Người nước ngoài", plus a stored value outside
/// the list so an old record still shows what it holds.
fn ethnicity_options(current: &str) -> Vec<(AttrValue, AttrValue)> {
    let mut names: Vec<&str> = ETHNICITIES.iter().copied().chain([FOREIGN]).collect();
    if !current.is_empty() && !names.contains(&current) {
        names.push(current);
    }
    names.into_iter().map(|n| (AttrValue::from(n.to_string()), AttrValue::from(n.to_string()))).collect()
}

#[derive(Properties, PartialEq)]
pub struct PupilFormProps {
    pub initial: PupilInput,
    /// The current year's classes to enrol in; `None` when editing (the class changes
    /// through the roster or the rollover).
    #[prop_or_default]
    pub classes: Option<Vec<ClassAdmin>>,
    /// The last refusal from the server.
    #[prop_or_default]
    pub server_errors: FieldErrors,
    #[prop_or_default]
    pub busy: bool,
    /// The record is frozen (transferred out): show, do not edit.
    #[prop_or_default]
    pub read_only: bool,
    pub submit_label: AttrValue,
    /// Called with the normalised profile once the browser finds no problem.
    pub on_submit: Callback<PupilInput>,
    /// Called at every submit attempt, so the page can check the fields it adds (`children`).
    #[prop_or_default]
    pub on_attempt: Callback<()>,
    /// More fields shown before the button (a transfer-in's date and school).
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn PupilForm(props: &PupilFormProps) -> Html {
    let tx = t();
    let draft = use_draft(|| props.initial.clone());
    // After the first attempt the checks run as the user types.
    let checked = use_state(|| false);
    let attempts = use_state(|| 0u32);
    let form = use_node_ref();
    let needs_class = props.classes.is_some();

    // Take the user to the first field with a problem.
    use_focus(form.clone(), FIRST_INVALID, *attempts);

    let onsubmit = {
        let (draft, checked, attempts) = (draft.clone(), checked.clone(), attempts.clone());
        let (on_submit, on_attempt) = (props.on_submit.clone(), props.on_attempt.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_attempt.emit(());
            checked.set(true);
            if pupil_problems(draft.value(), today(), needs_class).is_empty() {
                on_submit.emit(normalise_pupil(draft.value().clone()));
            } else {
                attempts.set(*attempts + 1);
            }
        })
    };

    let p = draft.value();
    let client = if *checked { pupil_problems(p, today(), needs_class) } else { FieldErrors::default() };
    let error = |field: &str| client.get(field).or_else(|| props.server_errors.get(field));
    let count = PUPIL_FIELDS.iter().filter(|f| error(f).is_some()).count();
    let ro = props.read_only;
    let text = |name: &'static str, label: &'static str, value: Option<&str>, on_change: Callback<String>| {
        html! {
            <TextField id={format!("pupil-{name}")} {name} {label} value={value.unwrap_or_default().to_string()}
                {on_change} error={error(name)} disabled={ro} autocomplete="off" />
        }
    };
    let chosen_class =
        props.classes.as_ref().and_then(|list| list.iter().find(|c| Some(c.id.as_str()) == p.class_id.as_deref()));
    let class_field = props.classes.as_ref().map(|list| {
        let options =
            list.iter().map(|c| (AttrValue::from(c.id.clone()), AttrValue::from(c.name.clone()))).collect::<Vec<_>>();
        html! {
            <SelectField id="pupil-class_id" name="class_id" label={tx.col_class} required=true
                value={p.class_id.clone().unwrap_or_default()} {options} empty={tx.choose_class}
                error={error("class_id")} disabled={ro}
                on_change={draft.text(|p, v| { p.class_id = opt(v); p.grade = None; })} />
        }
    });
    // The pupil's own khối: for a lớp ghép when enrolling, always when editing.
    let grade_choices: Option<Vec<u8>> = match (&props.classes, chosen_class) {
        (Some(_), Some(c)) => c.combined_grade.map(|g| vec![c.grade, g]),
        (Some(_), None) => None,
        (None, _) => Some(GRADES.collect()),
    };
    let grade_field = grade_choices.map(|grades| {
        let options = grades
            .into_iter()
            .map(|g| (AttrValue::from(g.to_string()), AttrValue::from((tx.grade_name)(g))))
            .collect::<Vec<_>>();
        html! {
            <SelectField id="pupil-grade" name="grade" label={tx.pupil_grade} hint={tx.pupil_grade_hint}
                value={p.grade.map(|g| g.to_string()).unwrap_or_default()} {options} empty={tx.grade_of_class}
                error={error("grade")} disabled={ro} on_change={draft.text(|p, v| p.grade = v.parse().ok())} />
        }
    });

    html! {
        <form ref={form} class="admin-form pupil-form" {onsubmit} novalidate=true data-form="pupil">
            if count > 0 {
                <p class="banner error" role="alert" data-form-problems={count.to_string()}>
                    { (tx.form_problems)(count) }
                </p>
            }
            if let Some(message) = props.server_errors.general() {
                <p class="form-error" role="alert">{ message.to_string() }</p>
            }
            <fieldset>
                <legend>{ tx.pupil_identity }</legend>
                <div class="form-grid">
                    <TextField id="pupil-national_id" name="national_id" label={tx.pupil_national_id}
                        value={p.national_id.clone()} on_change={draft.text(|p, v| p.national_id = v)}
                        required=true inputmode="numeric" maxlength="12" autocomplete="off" hint={tx.national_id_hint}
                        error={error("national_id")} disabled={ro} />
                    <TextField id="pupil-full_name" name="full_name" label={tx.full_name} value={p.full_name.clone()}
                        on_change={draft.text(|p, v| p.full_name = v)} required=true autocomplete="off"
                        error={error("full_name")} disabled={ro} />
                    <SelectField id="pupil-gender" name="gender" label={tx.gender} required=true
                        value={p.gender.map(gender_code).unwrap_or_default()} options={gender_options()}
                        empty={tx.choose} error={error("gender")} disabled={ro}
                        on_change={draft.text(|p, v| p.gender = gender_from_code(&v))} />
                    <TextField id="pupil-birth_date" name="birth_date" kind="date" label={tx.birth_date}
                        value={p.birth_date.clone().unwrap_or_default()} required=true
                        on_change={draft.text(|p, v| p.birth_date = opt(v))} error={error("birth_date")} disabled={ro} />
                    <SelectField id="pupil-ethnicity" name="ethnicity" label={tx.ethnicity} required=true
                        value={p.ethnicity.clone()} options={ethnicity_options(&p.ethnicity)} empty={tx.choose}
                        error={error("ethnicity")} disabled={ro} on_change={draft.text(|p, v| p.ethnicity = v)} />
                    { text("nationality", tx.nationality, p.nationality.as_deref(), draft.text(|p, v| p.nationality = opt(v))) }
                    { text("birth_place", tx.birth_place, p.birth_place.as_deref(), draft.text(|p, v| p.birth_place = opt(v))) }
                    { text("home_town", tx.home_town, p.home_town.as_deref(), draft.text(|p, v| p.home_town = opt(v))) }
                    { text("address", tx.address, p.address.as_deref(), draft.text(|p, v| p.address = opt(v))) }
                </div>
            </fieldset>
            <fieldset>
                <legend>{ tx.pupil_family }</legend>
                <div class="form-grid">
                    { text("father_name", tx.father_name, p.father_name.as_deref(), draft.text(|p, v| p.father_name = opt(v))) }
                    { text("mother_name", tx.mother_name, p.mother_name.as_deref(), draft.text(|p, v| p.mother_name = opt(v))) }
                    { text("guardian_name", tx.guardian_name, p.guardian_name.as_deref(), draft.text(|p, v| p.guardian_name = opt(v))) }
                </div>
            </fieldset>
            <fieldset>
                <legend>{ tx.pupil_enrolment }</legend>
                <div class="form-grid">
                    { for class_field }
                    { for grade_field }
                    { text("registration_no", tx.registration_no, p.registration_no.as_deref(), draft.text(|p, v| p.registration_no = opt(v))) }
                    <TextField id="pupil-entry_date" name="entry_date" kind="date" label={tx.entry_date}
                        value={p.entry_date.clone().unwrap_or_default()}
                        on_change={draft.text(|p, v| p.entry_date = opt(v))} error={error("entry_date")} disabled={ro} />
                </div>
            </fieldset>
            <fieldset>
                <legend>{ tx.pupil_disability }</legend>
                <CheckField id="pupil-disability" name="disability" label={tx.disability} checked={p.disability}
                    disabled={ro} on_change={draft.flag(|p, on| p.disability = on)} />
                if p.disability {
                    <TextAreaField id="pupil-disability_plan" name="disability_plan" label={tx.disability_plan}
                        value={p.disability_plan.clone().unwrap_or_default()} required=true
                        hint={tx.disability_plan_hint} error={error("disability_plan")} disabled={ro}
                        on_change={draft.text(|p, v| p.disability_plan = opt(v))} />
                }
            </fieldset>
            { props.children.clone() }
            if !ro {
                <div class="actions">
                    <button type="submit" class="button primary" data-action="save-pupil" disabled={props.busy}>
                        { if props.busy { tx.saving.into() } else { props.submit_label.clone() } }
                    </button>
                </div>
            }
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hocba_core::api::admin::Gender;

    fn today() -> chrono::NaiveDate {
        chrono::NaiveDate::from_ymd_opt(2025, 9, 5).unwrap_or_default()
    }

    #[test]
    fn a_blank_pupil_shows_what_is_missing() {
        let p = pupil_problems(&blank_pupil(), today(), true);
        for field in ["national_id", "full_name", "gender", "birth_date", "ethnicity", "class_id"] {
            assert!(p.get(field).is_some(), "{field}");
        }
        assert!(p.get("nationality").is_none());
        assert!(pupil_problems(&blank_pupil(), today(), false).get("class_id").is_none());
    }

    #[test]
    fn a_complete_pupil_passes_once_normalised() {
        let p = PupilInput {
            national_id: " 001219012345 ".into(),
            full_name: "Nguyễn  Thị Hương".into(),
            gender: Some(Gender::Nu),
            birth_date: Some("2018-03-14".into()),
            ethnicity: "Mông".into(),
            class_id: Some("c1".into()),
            disability: true,
            disability_plan: Some("Kế hoạch số 2".into()),
            ..blank_pupil()
        };
        assert_eq!(pupil_problems(&p, today(), true), FieldErrors::default());
        let no_plan = PupilInput { disability_plan: None, ..p };
        assert!(pupil_problems(&no_plan, today(), true).get("disability_plan").is_some());
    }

    #[test]
    fn ethnicities_keep_an_unknown_stored_value() {
        assert_eq!(ethnicity_options("").len(), 55);
        assert_eq!(ethnicity_options("Kinh").len(), 55);
        let old = ethnicity_options("Mèo cũ");
        assert_eq!(old.len(), 56);
        assert_eq!(old[55].0, "Mèo cũ");
    }
}
