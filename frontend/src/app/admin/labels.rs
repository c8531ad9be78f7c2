//! Codes and names (in the current language) of the administration's values: pupil status, gender, khối,
//! optional subjects, staff roles and account state.

use crate::i18n::domain::{self, active_label, gender_name, role_label};
use crate::i18n::t;
use hocba_core::api::admin::{Gender, OptionalSubject, PupilStatus, StaffView};
use hocba_core::api::Role;
use hocba_core::catalogue::{self, GRADES};
use yew::AttrValue;

pub const PUPIL_STATUSES: [PupilStatus; 4] =
    [PupilStatus::Studying, PupilStatus::NotEnrolled, PupilStatus::TransferredOut, PupilStatus::Graduated];

/// The API code of a status (`?status=`).
pub fn status_code(status: PupilStatus) -> &'static str {
    match status {
        PupilStatus::Studying => "studying",
        PupilStatus::TransferredOut => "transferred_out",
        PupilStatus::Graduated => "graduated",
        PupilStatus::NotEnrolled => "not_enrolled",
    }
}

pub fn status_text(status: PupilStatus) -> &'static str {
    let tx = t();
    match status {
        PupilStatus::Studying => tx.pupil_studying,
        PupilStatus::TransferredOut => tx.pupil_transferred_out,
        PupilStatus::Graduated => tx.pupil_graduated,
        PupilStatus::NotEnrolled => tx.pupil_not_enrolled,
    }
}

pub fn gender_code(g: Gender) -> &'static str {
    match g {
        Gender::Nam => "nam",
        Gender::Nu => "nu",
    }
}

pub fn gender_from_code(code: &str) -> Option<Gender> {
    [Gender::Nam, Gender::Nu].into_iter().find(|g| gender_code(*g) == code)
}

/// (code, name) choices of a gender select.
pub fn gender_options() -> Vec<(AttrValue, AttrValue)> {
    [Gender::Nam, Gender::Nu].into_iter().map(|g| (gender_code(g).into(), gender_name(g).into())).collect()
}

/// (number, "Khối n") choices of a grade select.
pub fn grade_options() -> Vec<(AttrValue, AttrValue)> {
    GRADES.map(|g| (AttrValue::from(g.to_string()), AttrValue::from((t().grade_name)(g)))).collect()
}

/// The catalogue name of a subject code in the current language (the code itself when unknown).
pub fn subject_name(code: &str) -> &str {
    let name = GRADES.into_iter().find_map(|g| catalogue::subject(g, code)).map_or(code, |spec| spec.name);
    domain::subject_name(code, name)
}

/// "Ngoại ngữ 1" or "Tiếng dân tộc thiểu số (Tiếng H'Mông)".
pub fn optional_subject_text(s: &OptionalSubject) -> String {
    let name = subject_name(&s.code);
    match s.language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        Some(language) => format!("{name} ({language})"),
        None => name.to_string(),
    }
}

/// The roles a staff account can hold (parents get theirs through an invitation).
pub const STAFF_ROLES: [Role; 3] = [Role::Admin, Role::Principal, Role::Teacher];

/// "Hiệu trưởng, Giáo viên", as the staff spreadsheet writes them.
pub fn roles_text(roles: &[Role]) -> String {
    roles.iter().map(|r| role_label(*r)).collect::<Vec<_>>().join(", ")
}

/// "Đang làm việc" / "Đã nghỉ", as the staff spreadsheet writes them.
pub fn active_text(active: bool) -> &'static str {
    active_label(active)
}

/// Staff who can be given a class or a subject: active teachers, plus `keep` (the one chosen
/// now, so an edit never drops it silently); by name.
pub fn teacher_options(staff: &[StaffView], keep: &[&str]) -> Vec<(AttrValue, AttrValue)> {
    let mut chosen: Vec<&StaffView> = staff
        .iter()
        .filter(|s| (s.active && s.roles.contains(&Role::Teacher)) || keep.contains(&s.id.as_str()))
        .collect();
    chosen.sort_by(|a, b| {
        use crate::components::table_model::{compare_keys, SortKey};
        compare_keys(&SortKey::Name(a.full_name.clone()), &SortKey::Name(b.full_name.clone()))
    });
    chosen.into_iter().map(|s| (s.id.clone().into(), format!("{} ({})", s.full_name, s.username).into())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_api() {
        for s in PUPIL_STATUSES {
            assert_eq!(serde_json::to_value(s).ok(), Some(serde_json::Value::from(status_code(s))));
        }
        for g in [Gender::Nam, Gender::Nu] {
            assert_eq!(serde_json::to_value(g).ok(), Some(serde_json::Value::from(gender_code(g))));
            assert_eq!(gender_from_code(gender_code(g)), Some(g));
        }
        assert_eq!(gender_from_code(""), None);
    }

    #[test]
    fn optional_subjects_read_well() {
        let nn = OptionalSubject { code: "ngoai_ngu_1".into(), language: None };
        assert_eq!(optional_subject_text(&nn), "Ngoại ngữ 1");
        let dt = OptionalSubject { code: "tieng_dan_toc".into(), language: Some("Tiếng H'Mông".into()) };
        assert_eq!(optional_subject_text(&dt), "Tiếng dân tộc thiểu số (Tiếng H'Mông)");
        assert_eq!(roles_text(&[Role::Principal, Role::Teacher]), "Hiệu trưởng, Giáo viên");
    }

    #[test]
    fn teachers_to_choose_from() {
        let person = |id: &str, name: &str, roles: Vec<Role>, active: bool| StaffView {
            id: id.into(),
            username: id.into(),
            full_name: name.into(),
            roles,
            phone: None,
            active,
        };
        let staff = vec![
            person("b", "Trần Văn Bình", vec![Role::Teacher], true),
            person("a", "Lê Thị An", vec![Role::Teacher, Role::Principal], true),
            person("x", "Đỗ Văn Xuân", vec![Role::Admin], true),
            person("o", "Phạm Văn Ông", vec![Role::Teacher], false),
        ];
        let ids = |keep: &[&str]| teacher_options(&staff, keep).into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        assert_eq!(ids(&[]), ["a", "b"]);
        assert_eq!(ids(&["o"]), ["a", "b", "o"]);
        assert_eq!(teacher_options(&staff, &[])[0].1, "Lê Thị An (a)");
    }
}
