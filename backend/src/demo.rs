//! The demo school: "Trường Tiểu học số 1 thị trấn Mường Khương", school year 2025-2026, class 5A
//! with 30 pupils whose grades 1–4 are recorded and approved, and one class for each other grade.
//! Data is deterministic so screenshots and tests are stable.

use crate::auth::extractor::load_active;
use crate::db::connection::AnyConnection;
use crate::db::models::*;
use crate::db::schema::*;
use crate::error::AppError;
use crate::services::client_ops::Origin;
use crate::services::users::{insert_user, new_user};
use crate::services::{grid_write, review};
use chrono::NaiveDate;
use diesel::prelude::*;
use hocba_core::api::{BulkRow, BulkUpdate, QualityCellInput, Role, SubjectCellInput};
use hocba_core::catalogue;
use hocba_core::{Period, QualityLevel, SubjectLevel};

pub const PASSWORD: &str = "demo";
pub const SCHOOL_NAME: &str = "Trường Tiểu học số 1 thị trấn Mường Khương";

/// (username, full name, role) of the demo accounts; all use the password `demo`.
pub const ACCOUNTS: &[(&str, &str, Role)] = &[
    ("admin", "Quản trị hệ thống", Role::Admin),
    ("hieutruong", "Hoàng Thị Lan", Role::Principal),
    ("gvcn5a", "Vàng Thị Dung", Role::Teacher),
    ("gvcn1a", "Lù Thị Hoa", Role::Teacher),
    ("gvcn2a", "Nông Văn Thắng", Role::Teacher),
    ("gvcn3a", "Phạm Thị Thu", Role::Teacher),
    ("gvcn4a", "Sần Văn Páo", Role::Teacher),
    ("phuhuynh", "Giàng Seo Pao", Role::Parent),
    ("phuhuynh4a", "Triệu Văn Phin", Role::Parent),
];

/// The 5A pupils: (full name, gender, ethnicity).
const CLASS_5A: &[(&str, &str, &str)] = &[
    ("Giàng Thị Mỷ", "Nữ", "Mông"),
    ("Sùng Văn Pả", "Nam", "Mông"),
    ("Lù Thị Sênh", "Nữ", "Nùng"),
    ("Vàng Seo Chứ", "Nam", "Mông"),
    ("Thào Thị Dở", "Nữ", "Mông"),
    ("Lý Seo Pao", "Nam", "Mông"),
    ("Triệu Thị Mai", "Nữ", "Dao"),
    ("Bàn Văn Quý", "Nam", "Dao"),
    ("Hoàng Văn Tiến", "Nam", "Tày"),
    ("Nông Thị Ngọc Ánh", "Nữ", "Tày"),
    ("Ma Văn Hùng", "Nam", "Tày"),
    ("Nguyễn Thị Hương", "Nữ", "Kinh"),
    ("Trần Minh Đức", "Nam", "Kinh"),
    ("Phạm Gia Bảo", "Nam", "Kinh"),
    ("Lê Thị Thu Trang", "Nữ", "Kinh"),
    ("Lò Văn Thuận", "Nam", "Giáy"),
    ("Vương Thị Lan", "Nữ", "Giáy"),
    ("Chảo Thị Mẩy", "Nữ", "Phù Lá"),
    ("Sần Thị Dung", "Nữ", "Nùng"),
    ("Lục Văn Sử", "Nam", "Nùng"),
    ("Hầu Thị Chía", "Nữ", "Mông"),
    ("Tẩn Văn Lở", "Nam", "Dao"),
    ("Cư Seo Lử", "Nam", "Mông"),
    ("Phàn Thị Xuân", "Nữ", "Dao"),
    ("Pờ Thị Dung", "Nữ", "Bố Y"),
    ("Đỗ Quang Huy", "Nam", "Kinh"),
    ("Vũ Thị Ngọc Hân", "Nữ", "Kinh"),
    ("Mã Seo Chư", "Nam", "Mông"),
    ("Hoàng Thị Kim Oanh", "Nữ", "Tày"),
    ("Tráng A Lử", "Nam", "Mông"),
];

const FAMILY: &[(&str, &str)] = &[
    ("Giàng", "Mông"),
    ("Sùng", "Mông"),
    ("Vàng", "Mông"),
    ("Lý", "Mông"),
    ("Triệu", "Dao"),
    ("Bàn", "Dao"),
    ("Hoàng", "Tày"),
    ("Nông", "Tày"),
    ("Nguyễn", "Kinh"),
    ("Trần", "Kinh"),
    ("Lò", "Giáy"),
    ("Lục", "Nùng"),
];
const GIVEN_F: &[&str] = &["Thị Mai", "Thị Say", "Thị Dế", "Thị Hoa", "Thị Lan", "Thị Xuân", "Thị Mỷ", "Thị Ngân"];
const GIVEN_M: &[&str] = &["Văn Páo", "Seo Lùng", "A Dình", "Văn Toàn", "Văn Khải", "Seo Sử", "Văn Phúc", "Minh Khôi"];

/// Deterministic pseudo-random numbers (xorshift) so the demo is the same every time.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Whether the demo is already there (or any school exists).
pub fn database_is_empty(conn: &mut AnyConnection) -> Result<bool, AppError> {
    Ok(schools::table.count().get_result::<i64>(conn)? == 0)
}

fn level_comment(level: SubjectLevel, subject: &str) -> String {
    match level {
        SubjectLevel::T => format!("Hoàn thành tốt nội dung môn {subject}; tích cực, tự tin phát biểu xây dựng bài."),
        SubjectLevel::H => {
            format!("Hoàn thành nội dung môn {subject}; cần chăm chỉ luyện tập thêm ở nhà.")
        }
        SubjectLevel::C => format!("Chưa hoàn thành nội dung môn {subject}; cần giáo viên và gia đình hỗ trợ thêm."),
    }
}

/// A pupil's cuối năm cells as the teacher enters them. `profile`: 0 = excellent, 1 = good,
/// 2 = completed.
fn year_cells(dice: &mut Dice, pupil_id: &str, grade: u8, profile: u64) -> BulkRow {
    let subjects = catalogue::required_subjects(grade)
        .into_iter()
        .map(|spec| {
            let level = match profile {
                2 if dice.below(4) == 0 => SubjectLevel::H,
                _ => SubjectLevel::T,
            };
            let score = spec.is_scored_at(Period::CuoiNam).then(|| match profile {
                0 => 9 + dice.below(2),
                1 => 7 + dice.below(4),
                _ => 6 + dice.below(4),
            });
            SubjectCellInput {
                subject: spec.code.into(),
                level: Some(level.code().into()),
                score: score.map(|s| s as f64),
                comment: Some(level_comment(level, spec.name)),
                base_version: None,
            }
        })
        .collect();
    let qualities = catalogue::qualities_and_competencies(grade)
        .into_iter()
        .map(|spec| {
            let level = match profile {
                2 if dice.below(3) == 0 => QualityLevel::D,
                _ => QualityLevel::T,
            };
            QualityCellInput {
                code: spec.code.into(),
                level: Some(level.code().into()),
                comment: None,
                base_version: None,
            }
        })
        .collect();
    BulkRow { pupil_id: pupil_id.into(), subjects, qualities }
}

/// Why the demo's past years are approved although their checklists have findings.
const DEMO_OVERRIDE_REASON: &str = "Dữ liệu mẫu: năm học trước chỉ có kết quả đánh giá.";

/// Records a class's cuối năm through the same path as the teachers (checked, versioned and
/// audited), and for a past year submits and approves it as the teacher and principal did.
fn record_year(
    conn: &mut AnyConnection,
    class: &Class,
    rows: Vec<BulkRow>,
    teacher: &User,
    principal: &User,
    approve: bool,
) -> Result<(), AppError> {
    let acting = |conn: &mut AnyConnection, u: &User| {
        load_active(conn, &u.id)?.ok_or_else(|| AppError::from(anyhow::anyhow!("demo account {}", u.username)))
    };
    let (teacher, principal) = (acting(conn, teacher)?, acting(conn, principal)?);
    let origin = Origin { device: Some("demo".into()), ..Origin::default() };
    grid_write::write_bulk(conn, &teacher, &origin, &class.id, Period::CuoiNam, &BulkUpdate { rows })?;
    if approve {
        review::submit(conn, &teacher, &class.id, Period::CuoiNam)?;
        // Past years carry cells only (no heights, weights, absences or giấy khen): approved
        // over the checklist, as a school importing its earlier records would.
        let request = hocba_core::api::ApproveRequest { override_reason: Some(DEMO_OVERRIDE_REASON.into()) };
        review::approve(conn, &principal, &class.id, Period::CuoiNam, &request)?;
    }
    Ok(())
}

/// Password hashes for the demo accounts (CPU-heavy; done before the transaction).
pub fn prepare_accounts(school_id: &str) -> anyhow::Result<Vec<User>> {
    ACCOUNTS.iter().map(|(u, name, role)| new_user(school_id, u, PASSWORD, name, *role)).collect()
}

/// Seeds the demo school. Run inside one transaction on an empty database.
pub fn seed(conn: &mut AnyConnection, school_id: &str, accounts: &[User]) -> Result<(), AppError> {
    let t = now();
    let user = |name: &str| -> Result<&User, AppError> {
        accounts.iter().find(|u| u.username == name).ok_or_else(|| anyhow::anyhow!("demo account {name}").into())
    };
    let principal = user("hieutruong")?;
    diesel::insert_into(schools::table)
        .values(&School {
            id: school_id.into(),
            name: SCHOOL_NAME.into(),
            code: "10701001".into(),
            // The 2025 two-level form: the town became Xã Mường Khương, no district.
            commune: "Xã Mường Khương".into(),
            district: String::new(),
            province: "Tỉnh Lào Cai".into(),
            principal_name: principal.full_name.clone(),
            created_at: t,
        })
        .execute(conn)?;
    for u in accounts {
        insert_user(conn, u)?;
    }
    let mut years = Vec::new();
    for start in 2021..=2025 {
        let y = SchoolYear {
            id: new_id(),
            school_id: school_id.into(),
            name: format!("{start}-{}", start + 1),
            start_year: start,
            is_current: start == 2025,
        };
        diesel::insert_into(school_years::table).values(&y).execute(conn)?;
        years.push(y);
    }
    let current = years.last().ok_or_else(|| anyhow::anyhow!("no year"))?.id.clone();
    // Homeroom teachers: gvcn1a..gvcn4a taught this cohort in grades 1–4 and teach 1A–4A now.
    let homeroom: Vec<&User> =
        ["gvcn1a", "gvcn2a", "gvcn3a", "gvcn4a", "gvcn5a"].iter().map(|n| user(n)).collect::<Result<_, _>>()?;
    let new_class = |conn: &mut AnyConnection, year_id: &str, grade: u8, teacher: &User| -> Result<Class, AppError> {
        let c = Class {
            id: new_id(),
            school_id: school_id.into(),
            school_year_id: year_id.into(),
            name: format!("{grade}A"),
            grade: i16::from(grade),
            homeroom_teacher_id: Some(teacher.id.clone()),
            combined_grade: None,
        };
        diesel::insert_into(classes::table).values(&c).execute(conn)?;
        for spec in catalogue::required_subjects(grade) {
            diesel::insert_into(teaching_assignments::table)
                .values(&TeachingAssignment {
                    id: new_id(),
                    school_id: school_id.into(),
                    class_id: c.id.clone(),
                    teacher_id: teacher.id.clone(),
                    subject_code: spec.code.into(),
                })
                .execute(conn)?;
        }
        Ok(c)
    };
    // The cohort's classes: 1A in 2021-2022 … 4A in 2024-2025 (approved), 5A in 2025-2026.
    let mut cohort = Vec::new();
    for (i, y) in years.iter().enumerate() {
        let grade = u8::try_from(i + 1).unwrap_or(1);
        cohort.push(new_class(conn, &y.id, grade, homeroom[i])?);
    }
    let mut dice = Dice(0x5eed_2025_0a0b_0c0d);
    let mut parent_child = None;
    // Each cohort class's cuối năm cells, entered once every pupil is enrolled.
    let mut cells: Vec<Vec<BulkRow>> = vec![Vec::new(); cohort.len()];
    for (i, (name, gender, ethnicity)) in CLASS_5A.iter().enumerate() {
        let female = *gender == "Nữ";
        let pupil = Pupil {
            id: new_id(),
            school_id: school_id.into(),
            national_id: Some(format!("010{}15{:06}", if female { 3 } else { 2 }, 100_000 + dice.below(900_000))),
            full_name: (*name).into(),
            gender: (*gender).into(),
            birth_date: date(2015, 1 + (i as u32 % 12), 1 + (i as u32 * 7 % 28)),
            ethnicity: hocba_core::people::ethnicity(ethnicity).unwrap_or(ethnicity).into(),
            nationality: "Việt Nam".into(),
            birth_place: Some("Trạm Y tế thị trấn Mường Khương, Lào Cai".into()),
            home_town: Some("Mường Khương, Lào Cai".into()),
            address: Some(format!(
                "Thôn {}, thị trấn Mường Khương, Lào Cai",
                ["Lao Chải", "Sả Chải", "Mã Tuyển", "Na Pên"][i % 4]
            )),
            father_name: Some(format!(
                "{} Văn {}",
                name.split_whitespace().next().unwrap_or_default(),
                ["Chứ", "Páo", "Sử", "Lìn"][i % 4]
            )),
            mother_name: Some(["Vàng Thị Dua", "Lý Thị Pằng", "Hoàng Thị Mai", "Lò Thị Hoa"][i % 4].into()),
            guardian_name: None,
            registration_no: Some(format!("{:03}/2021", i + 1)),
            entry_date: date(2021, 9, 5),
            created_at: t,
            disability: false,
            disability_plan: None,
        };
        diesel::insert_into(pupils::table).values(&pupil).execute(conn)?;
        if i == 0 {
            parent_child = Some(pupil.id.clone());
        }
        let profile = dice.below(3);
        for (year_index, class) in cohort.iter().enumerate() {
            let enrolment = Enrolment {
                id: new_id(),
                school_id: school_id.into(),
                pupil_id: pupil.id.clone(),
                class_id: class.id.clone(),
                grade: None,
                status: if year_index < 4 { "promoted" } else { "active" }.into(),
            };
            diesel::insert_into(enrolments::table).values(&enrolment).execute(conn)?;
            let grade = u8::try_from(class.grade).unwrap_or(1);
            let past = year_index < 4;
            // The current year's record is filled except for the last two pupils: work left for the teacher.
            if past || i < CLASS_5A.len() - 2 {
                cells[year_index].push(year_cells(&mut dice, &pupil.id, grade, profile));
            }
        }
    }
    // Grades 1–4 were recorded, submitted and approved; 5A is being filled in.
    for (i, (class, rows)) in cohort.iter().zip(cells).enumerate() {
        record_year(conn, class, rows, homeroom[i], principal, i < 4)?;
    }
    // One class for every other grade of the current year.
    let mut other_child = None;
    for grade in 1..=4u8 {
        let class = new_class(conn, &current, grade, homeroom[usize::from(grade) - 1])?;
        for k in 0..24usize {
            let female = k % 2 == 0;
            let (family, ethnicity) = FAMILY[(k * 7 + usize::from(grade)) % FAMILY.len()];
            let given = if female {
                GIVEN_F[(k + usize::from(grade)) % GIVEN_F.len()]
            } else {
                GIVEN_M[(k * 3 + usize::from(grade)) % GIVEN_M.len()]
            };
            let birth_year = 2025 - 5 - i32::from(grade);
            let pupil = Pupil {
                id: new_id(),
                school_id: school_id.into(),
                national_id: Some(format!(
                    "010{}{:02}{:06}",
                    if female { 3 } else { 2 },
                    birth_year % 100,
                    100_000 + dice.below(900_000)
                )),
                full_name: format!("{family} {given}"),
                gender: if female { "Nữ" } else { "Nam" }.into(),
                birth_date: date(birth_year, 1 + (k as u32 % 12), 1 + (k as u32 * 5 % 28)),
                ethnicity: hocba_core::people::ethnicity(ethnicity).unwrap_or(ethnicity).into(),
                nationality: "Việt Nam".into(),
                birth_place: Some("Mường Khương, Lào Cai".into()),
                home_town: Some("Mường Khương, Lào Cai".into()),
                address: Some("Thị trấn Mường Khương, Lào Cai".into()),
                father_name: None,
                mother_name: None,
                guardian_name: None,
                registration_no: Some(format!("{:03}/{}", k + 1, 2026 - i32::from(grade))),
                entry_date: date(2026 - i32::from(grade), 9, 5),
                created_at: t,
                disability: false,
                disability_plan: None,
            };
            diesel::insert_into(pupils::table).values(&pupil).execute(conn)?;
            diesel::insert_into(enrolments::table)
                .values(&Enrolment {
                    id: new_id(),
                    school_id: school_id.into(),
                    pupil_id: pupil.id.clone(),
                    class_id: class.id.clone(),
                    grade: None,
                    status: "active".into(),
                })
                .execute(conn)?;
            if grade == 4 && k == 0 {
                other_child = Some(pupil.id.clone());
            }
        }
    }
    for (parent, child) in [("phuhuynh", parent_child), ("phuhuynh4a", other_child)] {
        let child = child.ok_or_else(|| anyhow::anyhow!("demo child missing"))?;
        diesel::insert_into(guardianships::table)
            .values(&Guardianship {
                id: new_id(),
                school_id: school_id.into(),
                parent_id: user(parent)?.id.clone(),
                pupil_id: child,
            })
            .execute(conn)?;
    }
    Ok(())
}
