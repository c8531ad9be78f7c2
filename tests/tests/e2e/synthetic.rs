//! Synthetic schools (`hocba demo generate`) on SQLite and PostgreSQL, through the library call:
//! the exact rows the catalogue implies, approved cells locked, generated parents and teachers
//! reading over HTTP with the password `demo`, a second run refused without writing, and a run
//! that fails half-way keeping only whole schools.

use diesel::prelude::*;
use hocba::db::schema::{
    classes, enrolments, guardianships, period_records, pupils, quality_assessments, school_years, schools,
    subject_assessments, teaching_assignments, users, year_end_records,
};
use hocba::services::synthetic::{self, GenerateError, Options, Summary};
use hocba_core::catalogue;
use hocba_tests::{Db, TestApp};
use serde_json::Value;
use std::collections::HashSet;

const OPTIONS: Options = Options { schools: 2, pupils_per_school: 40, years: 2, jobs: None };

#[tokio::test]
async fn synthetic_schools_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    scenario(&app).await;
}

#[tokio::test]
async fn synthetic_schools_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    scenario(&app).await;
}

#[tokio::test]
async fn synthetic_failure_keeps_whole_schools_sqlite() {
    let app = TestApp::spawn(Db::Sqlite).await.expect("sqlite app");
    failure_half_way(&app).await;
}

#[tokio::test]
async fn synthetic_failure_keeps_whole_schools_postgres() {
    let Some(app) = TestApp::spawn(Db::Postgres).await else {
        return;
    };
    failure_half_way(&app).await;
}

/// The rows of one generated school, counted in the database.
#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    users: i64,
    years: i64,
    classes: i64,
    assignments: i64,
    pupils: i64,
    enrolments: i64,
    guardianships: i64,
    records: i64,
    cells: i64,
    unlocked_cells: i64,
    year_ends: i64,
}

/// What one school of `options` holds, from the catalogue: each grade holds M/5 pupils (one
/// class when that is at most 35); past years have all four points, the current year two, and
/// giữa kì II for the first half of each class, unlocked.
fn expected(options: &Options) -> Counts {
    let per_grade = i64::from(options.pupils_per_school / 5);
    assert!(options.pupils_per_school.is_multiple_of(5) && per_grade <= 35, "one class per grade");
    let years = i64::from(options.years);
    let past = years - 1;
    let started = (per_grade + 1) / 2;
    let cells_of =
        |g: u8| (catalogue::required_subjects(g).len() + catalogue::qualities_and_competencies(g).len()) as i64;
    let cells: i64 = catalogue::GRADES.map(|g| cells_of(g) * (per_grade * (4 * past + 2) + started)).sum();
    let pupils_now = 5 * per_grade;
    Counts {
        users: 2 + 5 + pupils_now,
        years,
        classes: 5 * years,
        assignments: catalogue::GRADES.map(|g| catalogue::required_subjects(g).len() as i64).sum::<i64>() * years,
        pupils: per_grade * (years + 4),
        enrolments: pupils_now * years,
        guardianships: pupils_now,
        records: 5 * (4 * past + 2),
        cells,
        unlocked_cells: catalogue::GRADES.map(|g| cells_of(g) * started).sum(),
        year_ends: pupils_now * past,
    }
}

fn counts(c: &mut hocba::db::connection::AnyConnection, school: &str) -> QueryResult<Counts> {
    let cells = |c: &mut hocba::db::connection::AnyConnection, locked: Option<bool>| -> QueryResult<i64> {
        let mut s = subject_assessments::table.filter(subject_assessments::school_id.eq(school)).into_boxed();
        let mut q = quality_assessments::table.filter(quality_assessments::school_id.eq(school)).into_boxed();
        if let Some(l) = locked {
            s = s.filter(subject_assessments::locked.eq(l));
            q = q.filter(quality_assessments::locked.eq(l));
        }
        Ok(s.count().get_result::<i64>(c)? + q.count().get_result::<i64>(c)?)
    };
    Ok(Counts {
        users: users::table.filter(users::school_id.eq(school)).count().get_result(c)?,
        years: school_years::table.filter(school_years::school_id.eq(school)).count().get_result(c)?,
        classes: classes::table.filter(classes::school_id.eq(school)).count().get_result(c)?,
        assignments: teaching_assignments::table
            .filter(teaching_assignments::school_id.eq(school))
            .count()
            .get_result(c)?,
        pupils: pupils::table.filter(pupils::school_id.eq(school)).count().get_result(c)?,
        enrolments: enrolments::table.filter(enrolments::school_id.eq(school)).count().get_result(c)?,
        guardianships: guardianships::table.filter(guardianships::school_id.eq(school)).count().get_result(c)?,
        records: period_records::table
            .filter(period_records::school_id.eq(school))
            .filter(period_records::status.eq("approved"))
            .count()
            .get_result(c)?,
        cells: cells(c, None)?,
        unlocked_cells: cells(c, Some(false))?,
        year_ends: year_end_records::table.filter(year_end_records::school_id.eq(school)).count().get_result(c)?,
    })
}

/// Cells of an approved periodic record that are not locked (there must be none).
fn unlocked_in_approved(c: &mut hocba::db::connection::AnyConnection) -> QueryResult<usize> {
    let approved: HashSet<(String, String)> = period_records::table
        .filter(period_records::status.eq("approved"))
        .select((period_records::class_id, period_records::period))
        .load(c)?
        .into_iter()
        .collect();
    let mut unlocked: Vec<(String, String)> = subject_assessments::table
        .inner_join(enrolments::table)
        .filter(subject_assessments::locked.eq(false))
        .select((enrolments::class_id, subject_assessments::period))
        .load(c)?;
    unlocked.extend(
        quality_assessments::table
            .inner_join(enrolments::table)
            .filter(quality_assessments::locked.eq(false))
            .select((enrolments::class_id, quality_assessments::period))
            .load::<(String, String)>(c)?,
    );
    Ok(unlocked.iter().filter(|k| approved.contains(*k)).count())
}

fn school_id(c: &mut hocba::db::connection::AnyConnection, code: &str) -> QueryResult<Option<String>> {
    schools::table.filter(schools::code.eq(code)).select(schools::id).first(c).optional()
}

/// The current year's class `name` of a school.
fn current_class(c: &mut hocba::db::connection::AnyConnection, school: &str, name: &str) -> QueryResult<String> {
    classes::table
        .inner_join(school_years::table)
        .filter(classes::school_id.eq(school))
        .filter(classes::name.eq(name))
        .filter(school_years::is_current.eq(true))
        .select(classes::id)
        .first(c)
}

async fn run(db: &hocba::db::Db, options: Options) -> (Result<Summary, GenerateError>, Vec<usize>) {
    let db = db.clone();
    tokio::task::spawn_blocking(move || {
        let mut seen = Vec::new();
        let result = synthetic::generate(&db, &options, |p| seen.push(p.written));
        (result, seen)
    })
    .await
    .expect("join")
}

async fn read<T: Send + 'static>(
    db: &hocba::db::Db,
    f: impl FnOnce(&mut hocba::db::connection::AnyConnection) -> QueryResult<T> + Send + 'static,
) -> T {
    let db = db.clone();
    tokio::task::spawn_blocking(move || db.read(|c| f(c).map_err(hocba::db::DbError::from)).expect("query"))
        .await
        .expect("join")
}

async fn scenario(app: &TestApp) {
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    let (result, seen) = run(&db, OPTIONS).await;
    let summary = result.expect("generated");
    assert_eq!(seen, [1, 2], "one progress call per school");
    assert_eq!(summary.codes, ["10800001", "10800002"]);
    let want = expected(&OPTIONS);
    assert_eq!(summary.counts.pupils, 2 * want.pupils as u64);
    assert_eq!(summary.counts.enrolments, 2 * want.enrolments as u64);
    assert_eq!(summary.counts.assessment_rows, 2 * want.cells as u64);
    let mut ids = Vec::new();
    for code in &summary.codes {
        let code = code.clone();
        let id = read(&db, move |c| school_id(c, &code)).await.expect("school written");
        let id2 = id.clone();
        assert_eq!(read(&db, move |c| counts(c, &id2)).await, want);
        ids.push(id);
    }
    assert_eq!(read(&db, unlocked_in_approved).await, 0, "every approved period's cells are locked");
    // Every name is NFC and every ethnicity one of the 54.
    let people: Vec<(String, String)> =
        read(&db, |c| pupils::table.select((pupils::full_name, pupils::ethnicity)).load(c)).await;
    for (name, ethnicity) in &people {
        assert_eq!(&hocba_core::text::clean_line(name), name);
        assert_eq!(hocba_core::people::ethnicity(ethnicity), Some(ethnicity.as_str()), "{ethnicity}");
    }

    // A parent of a pupil in 5A now (4A last year) signs in with "demo" and reads last year's results.
    let school = ids[0].clone();
    let class_5a = read(&db, move |c| current_class(c, &school, "5A")).await;
    let class = class_5a.clone();
    let (pupil, parent): (String, String) = read(&db, move |c| {
        enrolments::table
            .inner_join(guardianships::table.on(guardianships::pupil_id.eq(enrolments::pupil_id)))
            .inner_join(users::table.on(users::id.eq(guardianships::parent_id)))
            .filter(enrolments::class_id.eq(class))
            .select((enrolments::pupil_id, users::username))
            .first(c)
    })
    .await;
    assert!(parent.starts_with("10800001.ph"), "{parent}");
    let token = app.login(&parent).await;
    let me = app.get_json(&token, "/api/me").await;
    assert_eq!(me["children"][0]["id"], pupil.as_str());
    let results = app.get_json(&token, &format!("/api/pupils/{pupil}/results")).await;
    let years = results["years"].as_array().expect("years");
    assert_eq!(years.len(), 1, "{results}");
    assert_eq!(years[0]["school_year"], "2024-2025");
    assert_eq!(years[0]["grade"], 4);
    let awards: Vec<&str> = years[0]["awards"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    match years[0]["evaluation"]["result"].as_str() {
        Some("HTXS") => assert_eq!(awards, ["Học sinh Xuất sắc"]),
        Some("HTT") => assert!(awards.len() == 1 && awards[0].starts_with("Học sinh Tiêu biểu"), "{awards:?}"),
        Some("HT") => assert!(awards.is_empty(), "{awards:?}"),
        other => panic!("a complete past year has a result: {other:?}"),
    }
    assert!(years[0]["height_mm"].as_u64().is_some_and(|h| (1200..1700).contains(&h)));

    // The homeroom teacher of 5A reads the class's grids; another school's class is not theirs.
    let teacher = app.login("10800001.gv5a").await;
    let grid = app.get_json(&teacher, &format!("/api/classes/{class_5a}/periods/cuoi_hk1/grid")).await;
    assert_eq!(grid["state"]["status"], "approved");
    let rows = grid["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 8);
    let subjects = catalogue::required_subjects(5).len();
    for row in rows {
        assert_eq!(row["subjects"].as_object().unwrap().len(), subjects, "{row}");
        assert!(row["subjects"]["toan"]["score"].as_u64().is_some());
    }
    let grid = app.get_json(&teacher, &format!("/api/classes/{class_5a}/periods/giua_hk2/grid")).await;
    assert_eq!(grid["state"]["status"], "draft");
    let started = grid["rows"].as_array().unwrap().iter().filter(|r| !r["subjects"].as_object().unwrap().is_empty());
    assert_eq!(started.count(), 4, "half the class is being entered");
    let other = ids[1].clone();
    let other_5a = read(&db, move |c| current_class(c, &other, "5A")).await;
    let r = app.get(&teacher, &format!("/api/classes/{other_5a}/periods/cuoi_hk1/grid")).await;
    assert_eq!(r.status(), 404);

    // A second run is refused and writes nothing.
    let before: (i64, i64) =
        read(&db, |c| Ok((schools::table.count().get_result(c)?, subject_assessments::table.count().get_result(c)?)))
            .await;
    let (again, seen) = run(&db, OPTIONS).await;
    match again {
        Err(e @ GenerateError::SchoolsExist { .. }) => {
            let message = e.to_string();
            assert!(message.contains("10800001") && message.contains("không ghi gì"), "{message}");
        }
        other => panic!("a second run is refused: {other:?}"),
    }
    assert!(seen.is_empty());
    let after: (i64, i64) =
        read(&db, |c| Ok((schools::table.count().get_result(c)?, subject_assessments::table.count().get_result(c)?)))
            .await;
    assert_eq!(before, after);

    let (bad, _) = run(&db, Options { schools: 0, ..OPTIONS }).await;
    assert!(matches!(bad, Err(GenerateError::Options(m)) if m.contains("--schools")));
}

/// The second school cannot be written (its principal's username is taken): the first stays
/// whole, nothing of the second is kept, and the error says so.
async fn failure_half_way(app: &TestApp) {
    let db = hocba::db::Db::open(&app.database_url).unwrap();
    read(&db, |c| {
        let demo: String = schools::table.select(schools::id).first(c)?;
        let taken = hocba::services::users::new_user_with_hash(
            &demo,
            "10800002.hieutruong",
            "x".into(),
            "Người dùng có sẵn",
            &[hocba_core::api::Role::Teacher],
        )
        .expect("user");
        diesel::insert_into(users::table).values(&taken).execute(c)
    })
    .await;
    let (result, seen) = run(&db, OPTIONS).await;
    match result {
        Err(e @ GenerateError::Failed { written: 1, total: 2, .. }) => {
            let message = e.to_string();
            assert!(message.contains("10800002") && message.contains("trọn vẹn 1 trong 2 trường"), "{message}");
        }
        other => panic!("the second school fails: {other:?}"),
    }
    assert_eq!(seen, [1]);
    let first = read(&db, |c| school_id(c, "10800001")).await.expect("first school kept");
    assert_eq!(read(&db, move |c| counts(c, &first)).await, expected(&OPTIONS));
    assert_eq!(read(&db, |c| school_id(c, "10800002")).await, None);
    let leftovers: i64 =
        read(&db, |c| users::table.filter(users::username.like("10800002.%")).count().get_result(c)).await;
    assert_eq!(leftovers, 1, "only the account that was there before");
}
