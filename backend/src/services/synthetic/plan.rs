//! The plan of one generated school: its accounts, school years, classes, pupils, enrolments,
//! reviews and cells, as rows ready to write.
//!
//! Each grade of a year holds one cohort (the pupils who entered grade 1 together) of about
//! M/5 pupils, in classes of at most 35; a cohort moves up one grade a year and leaves after
//! grade 5, so the school has M pupils every year. Past years are approved at every periodic
//! point; the current year at giữa kì I and cuối kì I, with giữa kì II being entered for the
//! first half of each class.

use super::calendar;
use super::cells::{self, Ability, Columns, Sheet, YearEnd};
use super::names::{self, Locale};
use super::rng::Dice;
use crate::db::models::{
    new_id, AwardRecord, Class, Enrolment, Guardianship, PeriodRecord, Pupil, QualityAssessment, School, SchoolYear,
    SubjectAssessment, TeachingAssignment, User, YearEndRecord,
};
use crate::services::users::roles_text;
use chrono::{NaiveDateTime, TimeDelta};
use hocba_core::api::{RecordStatus, Role};
use hocba_core::Period;
use std::ops::Range;

/// The first calendar year of the current school year (2025-2026).
pub const CURRENT_START_YEAR: i32 = 2025;
/// Most pupils in one class.
pub const CLASS_SIZE: u32 = 35;
/// Letters of the classes of one grade (1A … 1Z).
const LETTERS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ";
/// Most pupils per school: 26 classes of 35 in each of the five grades.
pub const MAX_PUPILS: u32 = 5 * CLASS_SIZE * 26;
/// National id serials of generated pupils stay below this (the demo school's start at 100000);
/// past it a pupil has no national id.
const SERIALS: u64 = 100_000;

/// Every row of one generated school, in the order they are written.
#[derive(Default)]
pub struct SchoolRows {
    pub schools: Vec<School>,
    pub users: Vec<User>,
    pub years: Vec<SchoolYear>,
    pub classes: Vec<Class>,
    pub assignments: Vec<TeachingAssignment>,
    pub pupils: Vec<Pupil>,
    pub enrolments: Vec<Enrolment>,
    pub guardianships: Vec<Guardianship>,
    pub year_ends: Vec<YearEndRecord>,
    pub awards: Vec<AwardRecord>,
    pub records: Vec<PeriodRecord>,
    pub subjects: Vec<SubjectAssessment>,
    pub qualities: Vec<QualityAssessment>,
}

impl SchoolRows {
    pub fn tally(&self) -> Tally {
        let assessment_rows = (self.subjects.len() + self.qualities.len()) as u64;
        let rest = self.schools.len()
            + self.users.len()
            + self.years.len()
            + self.classes.len()
            + self.assignments.len()
            + self.pupils.len()
            + self.enrolments.len()
            + self.guardianships.len()
            + self.year_ends.len()
            + self.awards.len()
            + self.records.len();
        Tally {
            users: self.users.len() as u64,
            pupils: self.pupils.len() as u64,
            enrolments: self.enrolments.len() as u64,
            assessment_rows,
            year_ends: self.year_ends.len() as u64,
            awards: self.awards.len() as u64,
            rows: assessment_rows + rest as u64,
        }
    }
}

/// How many rows of each kind a school (or a run) holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub users: u64,
    pub pupils: u64,
    pub enrolments: u64,
    /// Subject and quality cells.
    pub assessment_rows: u64,
    pub year_ends: u64,
    pub awards: u64,
    /// Rows of every table.
    pub rows: u64,
}

impl std::ops::AddAssign for Tally {
    fn add_assign(&mut self, o: Tally) {
        self.users += o.users;
        self.pupils += o.pupils;
        self.enrolments += o.enrolments;
        self.assessment_rows += o.assessment_rows;
        self.year_ends += o.year_ends;
        self.awards += o.awards;
        self.rows += o.rows;
    }
}

/// The size of every generated school.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub pupils_per_school: u32,
    pub years: u32,
}

impl Shape {
    /// The first calendar year of the oldest generated school year.
    pub fn first_year(&self) -> i32 {
        CURRENT_START_YEAR + 1 - i32::try_from(self.years).unwrap_or(1)
    }

    /// Pupils of the cohort that entered grade 1 in `entry`: M/5, the remainder spread so that
    /// any five consecutive cohorts hold M pupils.
    pub fn cohort_size(&self, entry: i32) -> u32 {
        let m = self.pupils_per_school;
        let extra = u32::try_from(entry.rem_euclid(5)).unwrap_or(0) < m % 5;
        m / 5 + u32::from(extra)
    }

    /// Classes of a cohort of `n` pupils.
    pub fn classes_of(n: u32) -> u32 {
        n.div_ceil(CLASS_SIZE)
    }

    /// The positions in its cohort of class `j` of `k`: near-equal consecutive blocks.
    pub fn members(n: u32, k: u32, j: u32) -> Range<usize> {
        let at = |j: u32| usize::try_from(u64::from(n) * u64::from(j) / u64::from(k.max(1))).unwrap_or(0);
        at(j)..at(j + 1)
    }

    /// Pupils of a class that already have giữa kì II cells in the current year.
    pub fn in_progress(class_size: usize) -> usize {
        class_size.div_ceil(2)
    }
}

/// The unique 8-digit code of the school at `index`.
pub fn school_code(index: usize) -> String {
    format!("108{:05}", index + 1)
}

/// The name and commune of the school at `index`: schools take the communes in turn, the
/// second school of a commune is "số 2".
pub fn school_name(index: usize) -> (String, String) {
    let commune = names::COMMUNES[index % names::COMMUNES.len()];
    let number = index / names::COMMUNES.len() + 1;
    let name = match number {
        1 => format!("Trường Tiểu học xã {commune}"),
        n => format!("Trường Tiểu học số {n} xã {commune}"),
    };
    (name, format!("Xã {commune}"))
}

/// The class name of class `j` of a grade: 1A, 1B, …
fn class_name(grade: u8, j: u32) -> String {
    let letter = LETTERS.get(usize::try_from(j).unwrap_or(usize::MAX)).copied().unwrap_or(b'Z');
    format!("{grade}{}", char::from(letter))
}

/// A pupil as planned, across the years they appear in.
struct Planned {
    id: String,
    ability: Ability,
    /// The name of the parent account, when the pupil is in the current year.
    parent_name: String,
}

/// What the builder keeps while it adds rows.
struct Builder<'a> {
    index: usize,
    shape: Shape,
    code: String,
    school_id: String,
    commune: String,
    password_hash: &'a str,
    dice: Dice,
    locale: Locale,
    columns: Vec<Columns>,
    rows: SchoolRows,
}

/// Plans the school at `index` (0-based): every account's password hash is `password_hash`.
pub fn build(index: usize, shape: Shape, password_hash: &str) -> SchoolRows {
    let (name, commune) = school_name(index);
    let mut b = Builder {
        index,
        shape,
        code: school_code(index),
        school_id: new_id(),
        commune: commune.trim_start_matches("Xã ").to_owned(),
        password_hash,
        dice: Dice::for_school(index),
        locale: Locale::for_school(index),
        columns: Columns::by_grade(),
        rows: SchoolRows::default(),
    };
    let created = calendar::created(shape.first_year());
    let admin = b.staff("admin", Role::Admin, created);
    let principal = b.staff("hieutruong", Role::Principal, created);
    b.rows.schools.push(School {
        id: b.school_id.clone(),
        name,
        code: b.code.clone(),
        commune,
        // The 2025 two-level form: no district.
        district: String::new(),
        province: "Tỉnh Lào Cai".into(),
        principal_name: principal.full_name.clone(),
        created_at: created,
    });
    let teachers = b.teachers(created);
    b.rows.users.push(admin);
    b.rows.users.push(principal.clone());
    b.rows.users.extend(teachers.iter().flatten().cloned());
    let cohorts = b.cohorts();
    for start in shape.first_year()..=CURRENT_START_YEAR {
        b.year(start, &cohorts, &teachers, &principal);
    }
    b.rows
}

impl Builder<'_> {
    fn user(&mut self, username: String, full_name: String, role: Role, created_at: NaiveDateTime) -> User {
        User {
            id: new_id(),
            school_id: self.school_id.clone(),
            username,
            password_hash: self.password_hash.to_owned(),
            full_name,
            role: role.code().to_owned(),
            active: true,
            created_at,
            roles: roles_text(&[role]),
            phone: None,
            session_epoch: 0,
            must_change_password: false,
        }
    }

    /// A member of staff `<code>.<name>`; three in four primary teachers are women.
    fn staff(&mut self, name: &str, role: Role, created: NaiveDateTime) -> User {
        let female = self.dice.chance(75);
        let full_name = Locale::staff_group(&mut self.dice).full_name(&mut self.dice, female);
        self.user(format!("{}.{name}", self.code), full_name, role, created)
    }

    /// One homeroom teacher per class of the current year (`<code>.gv1a`), by grade then class.
    fn teachers(&mut self, created: NaiveDateTime) -> Vec<Vec<User>> {
        (1..=5u8)
            .map(|grade| {
                let entry = CURRENT_START_YEAR - i32::from(grade) + 1;
                let k = Shape::classes_of(self.shape.cohort_size(entry));
                (0..k)
                    .map(|j| self.staff(&format!("gv{}", class_name(grade, j).to_lowercase()), Role::Teacher, created))
                    .collect()
            })
            .collect()
    }

    /// Every cohort that appears in the generated years, the oldest first: grade 5 of the first year.
    fn cohorts(&mut self) -> Vec<(i32, Vec<Planned>)> {
        let first = self.shape.first_year() - 4;
        (first..=CURRENT_START_YEAR)
            .map(|entry| {
                let n = self.shape.cohort_size(entry);
                let list = (0..n).map(|position| self.pupil(entry, position)).collect();
                (entry, list)
            })
            .collect()
    }

    /// A pupil of the cohort `entry`, at `position` in it; born six years before entering.
    fn pupil(&mut self, entry: i32, position: u32) -> Planned {
        let dice = &mut self.dice;
        let group = self.locale.group(dice);
        let female = dice.chance(49);
        let family = group.family(dice);
        let full_name = format!("{family} {}", group.given(dice, female));
        let birth_year = entry - 6;
        let cap = u64::from(self.shape.pupils_per_school.div_ceil(5));
        let serial = self.index as u64 * cap + u64::from(position);
        let national_id = (serial < SERIALS)
            .then(|| format!("010{}{:02}{serial:06}", if female { 3 } else { 2 }, birth_year.rem_euclid(100)));
        let father_name = dice.chance(92).then(|| format!("{family} {}", group.given(dice, false)));
        let mother_name = dice.chance(96).then(|| group.full_name(dice, true));
        let commune = &self.commune;
        let birth_place = if dice.chance(70) {
            format!("Trạm Y tế xã {commune}, tỉnh Lào Cai")
        } else {
            "Bệnh viện Đa khoa tỉnh Lào Cai".to_owned()
        };
        let village = dice.pick(names::VILLAGES);
        let pupil = Pupil {
            id: new_id(),
            school_id: self.school_id.clone(),
            national_id,
            full_name,
            gender: if female { "Nữ" } else { "Nam" }.into(),
            birth_date: chrono::NaiveDate::from_yo_opt(birth_year, 1 + u32::try_from(dice.below(365)).unwrap_or(0)),
            ethnicity: group.ethnicity().into(),
            nationality: "Việt Nam".into(),
            birth_place: Some(birth_place),
            home_town: Some(format!("Xã {commune}, tỉnh Lào Cai")),
            address: Some(format!("Thôn {village}, xã {commune}, tỉnh Lào Cai")),
            father_name,
            mother_name,
            guardian_name: None,
            registration_no: Some(format!("{:03}/{entry}", position + 1)),
            entry_date: Some(calendar::entry_date(entry)),
            created_at: calendar::created(entry.max(self.shape.first_year())),
            disability: false,
            disability_plan: None,
        };
        let parent_name = pupil
            .father_name
            .clone()
            .or_else(|| pupil.mother_name.clone())
            .unwrap_or_else(|| format!("Phụ huynh em {}", pupil.full_name));
        let planned = Planned { id: pupil.id.clone(), ability: Ability::draw(&mut self.dice), parent_name };
        self.rows.pupils.push(pupil);
        planned
    }

    /// The school year starting in `start`: its classes with their pupils, reviews and cells.
    fn year(&mut self, start: i32, cohorts: &[(i32, Vec<Planned>)], teachers: &[Vec<User>], principal: &User) {
        let current = start == CURRENT_START_YEAR;
        let year = SchoolYear {
            id: new_id(),
            school_id: self.school_id.clone(),
            name: format!("{start}-{}", start + 1),
            start_year: start,
            is_current: current,
        };
        let year_id = year.id.clone();
        self.rows.years.push(year);
        // In code order, as the unique indexes sort them: cells and ids then arrive in key order.
        let mut approved = if current { vec![Period::GiuaHk1, Period::CuoiHk1] } else { Period::ALL.to_vec() };
        approved.sort_by_key(|p| p.code());
        for grade in 1..=5u8 {
            let entry = start - i32::from(grade) + 1;
            let Some((_, cohort)) = cohorts.iter().find(|(e, _)| *e == entry) else {
                continue;
            };
            let n = u32::try_from(cohort.len()).unwrap_or(0);
            let k = Shape::classes_of(n);
            for j in 0..k {
                let teacher = teacher_of(teachers, grade, j);
                let class = self.class(&year_id, grade, j, teacher);
                for &period in &approved {
                    self.record(&class.id, period, start, teacher, principal);
                }
                let members = &cohort[Shape::members(n, k, j)];
                let started = Shape::in_progress(members.len());
                for (position, pupil) in members.iter().enumerate() {
                    let status = match (current, grade) {
                        (true, _) => "active",
                        (false, 5) => "graduated",
                        (false, _) => "promoted",
                    };
                    let enrolment = Enrolment {
                        id: new_id(),
                        school_id: self.school_id.clone(),
                        pupil_id: pupil.id.clone(),
                        class_id: class.id.clone(),
                        grade: None,
                        status: status.into(),
                    };
                    let columns = &self.columns[usize::from(grade - 1)];
                    let offset = TimeDelta::minutes(i64::try_from(position).unwrap_or(0));
                    for &period in &approved {
                        let sheet = Sheet {
                            school_id: &self.school_id,
                            enrolment_id: &enrolment.id,
                            teacher_id: &teacher.id,
                            columns,
                            period,
                            locked: true,
                            at: calendar::period_dates(start, period).entered + offset,
                        };
                        let result = cells::write(&mut self.rows, &mut self.dice, &sheet, pupil.ability);
                        if let Some(result) = result {
                            let year_end =
                                YearEnd { sheet: &sheet, grade, result, award_date: calendar::award_date(start) };
                            cells::write_year_end(&mut self.rows, &mut self.dice, &year_end);
                        }
                    }
                    if current && position < started {
                        let sheet = Sheet {
                            school_id: &self.school_id,
                            enrolment_id: &enrolment.id,
                            teacher_id: &teacher.id,
                            columns,
                            period: Period::GiuaHk2,
                            locked: false,
                            at: calendar::in_progress(start) + offset,
                        };
                        cells::write(&mut self.rows, &mut self.dice, &sheet, pupil.ability);
                    }
                    if current {
                        self.parent(pupil);
                    }
                    self.rows.enrolments.push(enrolment);
                }
                self.rows.classes.push(class);
            }
        }
    }

    /// Class `j` of `grade` with its homeroom teacher, who teaches it every required subject.
    fn class(&mut self, year_id: &str, grade: u8, j: u32, teacher: &User) -> Class {
        let class = Class {
            id: new_id(),
            school_id: self.school_id.clone(),
            school_year_id: year_id.to_owned(),
            name: class_name(grade, j),
            grade: i16::from(grade),
            homeroom_teacher_id: Some(teacher.id.clone()),
            combined_grade: None,
        };
        for spec in &self.columns[usize::from(grade - 1)].subjects {
            self.rows.assignments.push(TeachingAssignment {
                id: new_id(),
                school_id: self.school_id.clone(),
                class_id: class.id.clone(),
                teacher_id: teacher.id.clone(),
                subject_code: spec.code.to_owned(),
            });
        }
        class
    }

    /// An approved periodic record: submitted by the homeroom teacher, approved by the principal.
    fn record(&mut self, class_id: &str, period: Period, start: i32, teacher: &User, principal: &User) {
        let dates = calendar::period_dates(start, period);
        self.rows.records.push(PeriodRecord {
            id: new_id(),
            school_id: self.school_id.clone(),
            class_id: class_id.to_owned(),
            period: period.code().to_owned(),
            status: RecordStatus::Approved.code().to_owned(),
            note: None,
            submitted_by: Some(teacher.id.clone()),
            submitted_at: Some(dates.submitted),
            decided_by: Some(principal.id.clone()),
            decided_at: Some(dates.approved),
        });
    }

    /// The parent account of a pupil of the current year (`<code>.ph0001`), named after the
    /// father (else the mother), with the guardianship.
    fn parent(&mut self, pupil: &Planned) {
        let number = self.rows.guardianships.len() + 1;
        let created = calendar::created(CURRENT_START_YEAR);
        let username = format!("{}.ph{number:04}", self.code);
        let parent = self.user(username, pupil.parent_name.clone(), Role::Parent, created);
        self.rows.guardianships.push(Guardianship {
            id: new_id(),
            school_id: self.school_id.clone(),
            parent_id: parent.id.clone(),
            pupil_id: pupil.id.clone(),
        });
        self.rows.users.push(parent);
    }
}

/// The homeroom teacher of class `j` of `grade` in any year: the teacher of the same class of
/// the current year, else one of the others in turn.
fn teacher_of(teachers: &[Vec<User>], grade: u8, j: u32) -> &User {
    let by_grade = &teachers[usize::from(grade - 1)];
    let j = usize::try_from(j).unwrap_or(0);
    by_grade.get(j).unwrap_or_else(|| {
        let all: Vec<&User> = teachers.iter().flatten().collect();
        all[(usize::from(grade) + j) % all.len()]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{HashMap, HashSet};

    #[test]
    fn five_consecutive_cohorts_hold_the_school_and_classes_hold_35() {
        for m in [5, 7, 40, 173, 420, MAX_PUPILS] {
            let shape = Shape { pupils_per_school: m, years: 5 };
            for first in 2015..2025 {
                let total: u32 = (first..first + 5).map(|e| shape.cohort_size(e)).sum();
                assert_eq!(total, m);
            }
            let n = shape.cohort_size(2025);
            let k = Shape::classes_of(n);
            assert!(k <= 26);
            let sizes: Vec<usize> = (0..k).map(|j| Shape::members(n, k, j).len()).collect();
            assert_eq!(sizes.iter().sum::<usize>(), n as usize);
            assert!(sizes.iter().all(|s| (1..=35).contains(s)), "{m}: {sizes:?}");
        }
    }

    #[test]
    fn a_small_school_moves_its_pupils_up_a_grade_a_year() {
        let shape = Shape { pupils_per_school: 47, years: 3 };
        let rows = build(3, shape, "hash");
        assert_eq!(rows.schools[0].code, "10800004");
        let grade: HashMap<&str, (i16, i32)> = rows
            .classes
            .iter()
            .map(|c| {
                let year = rows.years.iter().find(|y| y.id == c.school_year_id).map_or(0, |y| y.start_year);
                (c.id.as_str(), (c.grade, year))
            })
            .collect();
        let mut by_pupil: HashMap<&str, Vec<(i32, i16, &str)>> = HashMap::new();
        for e in &rows.enrolments {
            let (g, year) = grade[e.class_id.as_str()];
            by_pupil.entry(e.pupil_id.as_str()).or_default().push((year, g, e.status.as_str()));
        }
        for years in by_pupil.values_mut() {
            years.sort();
            for pair in years.windows(2) {
                assert_eq!((pair[1].0, pair[1].1), (pair[0].0 + 1, pair[0].1 + 1), "{years:?}");
            }
            for (year, g, status) in years.iter() {
                let want = match (*year == CURRENT_START_YEAR, *g) {
                    (true, _) => "active",
                    (false, 5) => "graduated",
                    (false, _) => "promoted",
                };
                assert_eq!(*status, want);
            }
        }
        for start in shape.first_year()..=CURRENT_START_YEAR {
            let classes = grade.values().filter(|(_, y)| *y == start).count();
            assert!(classes >= 5, "a class per grade at least");
            let enrolled = rows.enrolments.iter().filter(|e| grade[e.class_id.as_str()].1 == start).count();
            assert_eq!(enrolled, 47);
        }
        let usernames: HashSet<&str> = rows.users.iter().map(|u| u.username.as_str()).collect();
        assert_eq!(usernames.len(), rows.users.len());
        assert_eq!(rows.guardianships.len(), 47);
        let ids: HashSet<&str> = rows.pupils.iter().filter_map(|p| p.national_id.as_deref()).collect();
        assert_eq!(ids.len(), rows.pupils.len());
        assert!(ids.iter().all(|id| hocba_core::people::valid_national_id(id)));
        // Cells arrive in the order of both unique indexes.
        let keys: Vec<(&str, &str, &str)> = rows
            .subjects
            .iter()
            .map(|c| (c.enrolment_id.as_str(), c.period.as_str(), c.subject_code.as_str()))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] < w[1]));
        assert!(rows.subjects.windows(2).all(|w| w[0].id < w[1].id));
    }

    #[test]
    fn the_same_index_gives_the_same_school() {
        let shape = Shape { pupils_per_school: 12, years: 2 };
        let (a, b) = (build(5, shape, "h"), build(5, shape, "h"));
        let names = |r: &SchoolRows| r.pupils.iter().map(|p| p.full_name.clone()).collect::<Vec<_>>();
        let levels = |r: &SchoolRows| r.subjects.iter().map(|c| (c.level.clone(), c.score)).collect::<Vec<_>>();
        assert_eq!(names(&a), names(&b));
        assert_eq!(levels(&a), levels(&b));
        assert_ne!(a.schools[0].id, b.schools[0].id);
        assert_ne!(names(&a), names(&build(6, shape, "h")));
    }
}
