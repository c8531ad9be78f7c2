//! Authorisation as plain functions over (user, facts about the resource), so the rules can be
//! read and tested in one place. Loading the facts is separate from deciding.

use crate::auth::CurrentUser;
use crate::db::connection::AnyConnection;
use crate::db::models::{Class, Pupil};
use crate::db::schema::{classes, enrolments, guardianships, pupils, school_years, teaching_assignments};
use crate::error::AppError;
use diesel::prelude::*;
use hocba_core::api::Role;

/// What a teacher does in a class.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClassRole {
    pub homeroom: bool,
    /// Subjects the user is assigned to teach in the class.
    pub subjects: Vec<String>,
}

impl ClassRole {
    pub fn teaches(&self) -> bool {
        self.homeroom || !self.subjects.is_empty()
    }
}

pub fn may_read_class(user: &CurrentUser, class: &Class, role: &ClassRole) -> bool {
    class.school_id == user.school_id && (user.is_school_manager() || (user.is_staff() && role.teaches()))
}

pub fn may_write_subject(user: &CurrentUser, role: &ClassRole, subject: &str) -> bool {
    user.is_staff() && role.subjects.iter().any(|s| s == subject)
}

/// Phẩm chất and năng lực are set by the homeroom teacher (TT27 Điều 7).
pub fn may_write_qualities(user: &CurrentUser, role: &ClassRole) -> bool {
    user.is_staff() && role.homeroom
}

pub fn may_submit(user: &CurrentUser, role: &ClassRole) -> bool {
    user.is_staff() && role.homeroom
}

/// The year-end extras and awards of a pupil are the homeroom teacher's (TT27 Điều 7, 13).
pub fn may_write_year_end(user: &CurrentUser, role: &ClassRole) -> bool {
    user.is_staff() && role.homeroom
}

/// Được lên lớp / ở lại lớp is decided by the principal (Điều 11); the admin may record it.
pub fn may_decide_promotion(user: &CurrentUser) -> bool {
    user.is_school_manager()
}

/// Approving or returning a class record is the principal's decision.
pub fn may_review(user: &CurrentUser) -> bool {
    user.has(Role::Principal)
}

/// Facts about a user's link to a pupil.
#[derive(Debug, Clone, Copy, Default)]
pub struct PupilLink {
    pub same_school: bool,
    pub guardian: bool,
    /// Teaches the pupil's class this school year (homeroom or a subject).
    pub teaches: bool,
    /// Is the homeroom teacher of the pupil's class this school year.
    pub homeroom: bool,
}

pub fn may_read_pupil(user: &CurrentUser, link: PupilLink) -> bool {
    link.same_school
        && (user.is_school_manager() || (user.is_staff() && link.teaches) || (user.has(Role::Parent) && link.guardian))
}

/// The whole học bạ (every year, identity, signed documents) is the pupil's family's, the
/// homeroom teacher's and the school managers'; a subject teacher sees the class's results, not
/// the pupil's whole record.
pub fn may_read_whole_record(user: &CurrentUser, link: PupilLink) -> bool {
    link.same_school
        && (user.is_school_manager() || (user.is_staff() && link.homeroom) || (user.has(Role::Parent) && link.guardian))
}

/// A pupil's periodic results during the year, the "Đã xem" and the replies to the homeroom
/// teacher are the family's own: only a parent linked to the pupil.
pub fn may_act_as_family(user: &CurrentUser, link: PupilLink) -> bool {
    link.same_school && user.has(Role::Parent) && link.guardian
}

/// What parents have seen of a class's periodic point and replied: the class's homeroom teacher
/// (the replies are addressed to them) and the principal.
pub fn may_read_family_feedback(user: &CurrentUser, role: &ClassRole) -> bool {
    user.has(Role::Principal) || (user.is_staff() && role.homeroom)
}

/// The class if the user may read it, with the user's role in it (the subjects they teach there
/// are read in the same query); otherwise 404 (ids are not confirmed to strangers).
pub fn readable_class(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
) -> Result<(Class, ClassRole), AppError> {
    let (class, role, _) = readable_class_in_year(conn, user, class_id)?;
    Ok((class, role))
}

/// As [`readable_class`], with the name of the class's school year, from the same query.
pub fn readable_class_in_year(
    conn: &mut AnyConnection,
    user: &CurrentUser,
    class_id: &str,
) -> Result<(Class, ClassRole, String), AppError> {
    let taught = teaching_assignments::class_id.eq(classes::id).and(teaching_assignments::teacher_id.eq(&user.id));
    let rows: Vec<(Class, String, Option<String>)> = classes::table
        .inner_join(school_years::table)
        .left_join(teaching_assignments::table.on(taught))
        .filter(classes::id.eq(class_id))
        .select((Class::as_select(), school_years::name, teaching_assignments::subject_code.nullable()))
        .load(conn)?;
    let mut rows = rows.into_iter();
    let (class, year, first) = rows.next().ok_or(AppError::NotFound)?;
    let subjects = first.into_iter().chain(rows.filter_map(|(_, _, subject)| subject)).collect();
    let role = ClassRole { homeroom: class.homeroom_teacher_id.as_deref() == Some(user.id.as_str()), subjects };
    if may_read_class(user, &class, &role) {
        Ok((class, role, year))
    } else {
        Err(AppError::NotFound)
    }
}

/// The pupil if the user may read their results; otherwise 404.
pub fn readable_pupil(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<Pupil, AppError> {
    let (pupil, link) = pupil_link(conn, user, pupil_id)?;
    if may_read_pupil(user, link) {
        Ok(pupil)
    } else {
        Err(AppError::NotFound)
    }
}

/// The pupil if the user may read their whole học bạ; otherwise 404.
pub fn readable_whole_record(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<Pupil, AppError> {
    let (pupil, link) = pupil_link(conn, user, pupil_id)?;
    if may_read_whole_record(user, link) {
        Ok(pupil)
    } else {
        Err(AppError::NotFound)
    }
}

/// The pupil if the user is a parent linked to them; otherwise 404 (as for any pupil one may not see).
pub fn family_pupil(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<Pupil, AppError> {
    let (pupil, link) = pupil_link(conn, user, pupil_id)?;
    if may_act_as_family(user, link) {
        Ok(pupil)
    } else {
        Err(AppError::NotFound)
    }
}

/// The pupil and the user's link to them (404 for an unknown pupil).
fn pupil_link(conn: &mut AnyConnection, user: &CurrentUser, pupil_id: &str) -> Result<(Pupil, PupilLink), AppError> {
    let pupil =
        pupils::table.find(pupil_id).select(Pupil::as_select()).first(conn).optional()?.ok_or(AppError::NotFound)?;
    let guardian = user.has(Role::Parent)
        && diesel::select(diesel::dsl::exists(
            guardianships::table
                .filter(guardianships::parent_id.eq(&user.id))
                .filter(guardianships::pupil_id.eq(&pupil.id)),
        ))
        .get_result::<bool>(conn)?;
    // A teacher reads the pupils of the classes they teach this school year, not of earlier years.
    // A school manager reads every pupil of the school whatever they teach: nothing to ask.
    let same_school = pupil.school_id == user.school_id;
    let (mut homeroom, mut teaches) = (false, false);
    if same_school && user.is_staff() && !user.is_school_manager() {
        let class_ids: Vec<String> = enrolments::table
            .inner_join(classes::table.inner_join(school_years::table))
            .filter(enrolments::pupil_id.eq(&pupil.id))
            .filter(school_years::is_current.eq(true))
            .select(enrolments::class_id)
            .load(conn)?;
        (homeroom, teaches) = diesel::select((
            diesel::dsl::exists(
                classes::table.filter(classes::id.eq_any(&class_ids)).filter(classes::homeroom_teacher_id.eq(&user.id)),
            ),
            diesel::dsl::exists(
                teaching_assignments::table
                    .filter(teaching_assignments::class_id.eq_any(&class_ids))
                    .filter(teaching_assignments::teacher_id.eq(&user.id)),
            ),
        ))
        .get_result::<(bool, bool)>(conn)?;
        teaches = teaches || homeroom;
    }
    let link = PupilLink { same_school, guardian, teaches, homeroom };
    Ok((pupil, link))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> CurrentUser {
        CurrentUser {
            id: "u".into(),
            school_id: "s".into(),
            role,
            roles: vec![role],
            epoch: 0,
            must_change_password: false,
            data_epoch: 0,
        }
    }

    fn class(school: &str) -> Class {
        Class {
            id: "c".into(),
            school_id: school.into(),
            school_year_id: "y".into(),
            name: "5A".into(),
            grade: 5,
            homeroom_teacher_id: Some("u".into()),
            combined_grade: None,
        }
    }

    #[test]
    fn class_matrix() {
        let homeroom = ClassRole { homeroom: true, subjects: vec!["toan".into()] };
        let none = ClassRole::default();
        assert!(may_read_class(&user(Role::Teacher), &class("s"), &homeroom));
        assert!(!may_read_class(&user(Role::Teacher), &class("s"), &none));
        assert!(may_read_class(&user(Role::Principal), &class("s"), &none));
        assert!(!may_read_class(&user(Role::Principal), &class("other"), &none));
        assert!(!may_read_class(&user(Role::Parent), &class("s"), &homeroom));
        assert!(may_write_subject(&user(Role::Teacher), &homeroom, "toan"));
        assert!(!may_write_subject(&user(Role::Teacher), &homeroom, "am_nhac"));
        // A principal who is also assigned to teach writes their subject, like any teacher.
        assert!(may_write_subject(&user(Role::Principal), &homeroom, "toan"));
        assert!(!may_write_subject(&user(Role::Principal), &none, "toan"));
        assert!(!may_write_subject(&user(Role::Parent), &homeroom, "toan"));
        assert!(may_write_qualities(&user(Role::Teacher), &homeroom));
        assert!(!may_write_qualities(
            &user(Role::Teacher),
            &ClassRole { homeroom: false, subjects: vec!["toan".into()] }
        ));
        assert!(may_write_year_end(&user(Role::Teacher), &homeroom));
        assert!(!may_write_year_end(
            &user(Role::Teacher),
            &ClassRole { homeroom: false, subjects: vec!["toan".into()] }
        ));
        assert!(!may_write_year_end(&user(Role::Principal), &none));
        assert!(!may_write_year_end(&user(Role::Parent), &homeroom));
        assert!(may_decide_promotion(&user(Role::Principal)) && may_decide_promotion(&user(Role::Admin)));
        assert!(!may_decide_promotion(&user(Role::Teacher)) && !may_decide_promotion(&user(Role::Parent)));
        assert!(may_review(&user(Role::Principal)));
        assert!(!may_review(&user(Role::Teacher)) && !may_review(&user(Role::Admin)));
        assert!(may_read_family_feedback(&user(Role::Teacher), &homeroom));
        assert!(!may_read_family_feedback(
            &user(Role::Teacher),
            &ClassRole { homeroom: false, subjects: vec!["toan".into()] }
        ));
        assert!(may_read_family_feedback(&user(Role::Principal), &none));
        assert!(!may_read_family_feedback(&user(Role::Admin), &none));
        assert!(!may_read_family_feedback(&user(Role::Parent), &homeroom));
    }

    #[test]
    fn pupil_matrix() {
        let own = PupilLink { same_school: true, guardian: true, teaches: false, homeroom: false };
        let stranger = PupilLink { same_school: true, guardian: false, teaches: false, homeroom: false };
        assert!(may_read_pupil(&user(Role::Parent), own));
        assert!(!may_read_pupil(&user(Role::Parent), stranger));
        assert!(!may_read_pupil(&user(Role::Teacher), stranger));
        assert!(may_read_pupil(&user(Role::Teacher), PupilLink { teaches: true, ..stranger }));
        assert!(may_read_pupil(&user(Role::Principal), stranger));
        assert!(!may_read_pupil(&user(Role::Principal), PupilLink { same_school: false, ..stranger }));
        // The whole học bạ: the family, the homeroom teacher, the managers; not a subject teacher.
        let subject_teacher = PupilLink { teaches: true, ..stranger };
        assert!(may_read_pupil(&user(Role::Teacher), subject_teacher));
        assert!(!may_read_whole_record(&user(Role::Teacher), subject_teacher));
        assert!(may_read_whole_record(&user(Role::Teacher), PupilLink { homeroom: true, ..subject_teacher }));
        assert!(may_read_whole_record(&user(Role::Parent), own));
        assert!(!may_read_whole_record(&user(Role::Parent), stranger));
        assert!(may_read_whole_record(&user(Role::Principal), stranger));
        assert!(!may_read_whole_record(&user(Role::Admin), PupilLink { same_school: false, ..stranger }));
        // The periodic results during the year and replies: the family only.
        assert!(may_act_as_family(&user(Role::Parent), own));
        assert!(!may_act_as_family(&user(Role::Parent), stranger));
        assert!(!may_act_as_family(&user(Role::Parent), PupilLink { same_school: false, ..own }));
        assert!(!may_act_as_family(&user(Role::Principal), own));
        assert!(!may_act_as_family(&user(Role::Teacher), PupilLink { homeroom: true, teaches: true, ..own }));
    }
}
