//! The foreign keys of one planned school, checked in memory. A bulk load on PostgreSQL writes with
//! the triggers off (`session_replication_role = replica`, as `pg_restore --disable-triggers`), and
//! the foreign keys are triggers: this check is what they would have done, once per school over
//! hash sets rather than one index probe per row. Every reference must name a row of the same
//! school (a generated school refers to nothing outside itself), and every row carries its
//! school's id.

use super::plan::SchoolRows;
use std::collections::HashSet;

/// A reference that leads nowhere: `table.column` of the row `id` names `target`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dangling {
    pub table: &'static str,
    pub column: &'static str,
    pub id: String,
    pub target: String,
}

impl std::fmt::Display for Dangling {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{} of {} names {}, which is not in the school", self.table, self.column, self.id, self.target)
    }
}

/// Ids of one table.
fn ids<'a, T>(rows: &'a [T], id: impl Fn(&'a T) -> &'a str) -> HashSet<&'a str> {
    rows.iter().map(id).collect()
}

/// The first reference of `rows` to a row outside them, if any.
pub fn first_dangling(rows: &SchoolRows) -> Option<Dangling> {
    let school: HashSet<&str> = ids(&rows.schools, |s| s.id.as_str());
    let users = ids(&rows.users, |u| u.id.as_str());
    let years = ids(&rows.years, |y| y.id.as_str());
    let classes = ids(&rows.classes, |c| c.id.as_str());
    let pupils = ids(&rows.pupils, |p| p.id.as_str());
    let enrolments = ids(&rows.enrolments, |e| e.id.as_str());
    let mut found = None;
    let mut check = |table: &'static str, column: &'static str, id: &str, target: Option<&str>, set: &HashSet<&str>| {
        if found.is_some() {
            return;
        }
        if let Some(target) = target.filter(|t| !set.contains(t)) {
            found = Some(Dangling { table, column, id: id.to_owned(), target: target.to_owned() });
        }
    };
    for u in &rows.users {
        check("users", "school_id", &u.id, Some(&u.school_id), &school);
    }
    for y in &rows.years {
        check("school_years", "school_id", &y.id, Some(&y.school_id), &school);
    }
    for c in &rows.classes {
        check("classes", "school_id", &c.id, Some(&c.school_id), &school);
        check("classes", "school_year_id", &c.id, Some(&c.school_year_id), &years);
        check("classes", "homeroom_teacher_id", &c.id, c.homeroom_teacher_id.as_deref(), &users);
    }
    for a in &rows.assignments {
        check("teaching_assignments", "school_id", &a.id, Some(&a.school_id), &school);
        check("teaching_assignments", "class_id", &a.id, Some(&a.class_id), &classes);
        check("teaching_assignments", "teacher_id", &a.id, Some(&a.teacher_id), &users);
    }
    for p in &rows.pupils {
        check("pupils", "school_id", &p.id, Some(&p.school_id), &school);
    }
    for e in &rows.enrolments {
        check("enrolments", "school_id", &e.id, Some(&e.school_id), &school);
        check("enrolments", "pupil_id", &e.id, Some(&e.pupil_id), &pupils);
        check("enrolments", "class_id", &e.id, Some(&e.class_id), &classes);
    }
    for g in &rows.guardianships {
        check("guardianships", "school_id", &g.id, Some(&g.school_id), &school);
        check("guardianships", "parent_id", &g.id, Some(&g.parent_id), &users);
        check("guardianships", "pupil_id", &g.id, Some(&g.pupil_id), &pupils);
    }
    for y in &rows.year_ends {
        check("year_end_records", "school_id", &y.id, Some(&y.school_id), &school);
        check("year_end_records", "enrolment_id", &y.id, Some(&y.enrolment_id), &enrolments);
        check("year_end_records", "decided_by", &y.id, y.decided_by.as_deref(), &users);
        check("year_end_records", "updated_by", &y.id, y.updated_by.as_deref(), &users);
    }
    for a in &rows.awards {
        check("awards", "school_id", &a.id, Some(&a.school_id), &school);
        check("awards", "enrolment_id", &a.id, Some(&a.enrolment_id), &enrolments);
        check("awards", "confirmed_by", &a.id, a.confirmed_by.as_deref(), &users);
    }
    for r in &rows.records {
        check("period_records", "school_id", &r.id, Some(&r.school_id), &school);
        check("period_records", "class_id", &r.id, Some(&r.class_id), &classes);
        check("period_records", "submitted_by", &r.id, r.submitted_by.as_deref(), &users);
        check("period_records", "decided_by", &r.id, r.decided_by.as_deref(), &users);
    }
    for s in &rows.subjects {
        check("subject_assessments", "school_id", &s.id, Some(&s.school_id), &school);
        check("subject_assessments", "enrolment_id", &s.id, Some(&s.enrolment_id), &enrolments);
        check("subject_assessments", "updated_by", &s.id, s.updated_by.as_deref(), &users);
    }
    for q in &rows.qualities {
        check("quality_assessments", "school_id", &q.id, Some(&q.school_id), &school);
        check("quality_assessments", "enrolment_id", &q.id, Some(&q.enrolment_id), &enrolments);
        check("quality_assessments", "updated_by", &q.id, q.updated_by.as_deref(), &users);
    }
    found
}

#[cfg(test)]
mod tests {
    use super::super::plan::{self, Shape};
    use super::*;

    fn school() -> SchoolRows {
        plan::build(0, Shape { pupils_per_school: 10, years: 2 }, "hash")
    }

    #[test]
    fn a_planned_school_refers_only_to_itself() {
        assert_eq!(first_dangling(&school()), None);
    }

    #[test]
    fn a_reference_outside_the_school_is_found() {
        let mut rows = school();
        let last = rows.qualities.len() - 1;
        rows.qualities[last].enrolment_id = "0190-not-an-enrolment".into();
        let d = first_dangling(&rows).expect("dangling");
        assert_eq!(
            (d.table, d.column, d.target.as_str()),
            ("quality_assessments", "enrolment_id", "0190-not-an-enrolment")
        );

        let mut rows = school();
        rows.classes[0].homeroom_teacher_id = Some("someone-elsewhere".into());
        assert_eq!(first_dangling(&rows).map(|d| d.column), Some("homeroom_teacher_id"));

        let mut rows = school();
        rows.enrolments[3].school_id = "another-school".into();
        assert_eq!(first_dangling(&rows).map(|d| (d.table, d.column)), Some(("enrolments", "school_id")));
    }
}
