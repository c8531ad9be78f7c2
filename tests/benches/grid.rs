//! Grid benchmark: the cuối năm grid of a 35-pupil grade-5 class, loaded (`services::grid::load`)
//! and saved in bulk with every cell changed (`services::grid_write::write_bulk`, one
//! transaction, audit included), on SQLite and PostgreSQL; server time in process, median and
//! p99. Baselines in the same process on the same database: the bare SELECT of the class's
//! cells (load) and the bare UPDATE of the same cells in one transaction (save).
//!
//! `cargo bench -p hocba-tests --bench grid -- [--runs N]`
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;
use hocba::auth::CurrentUser;
use hocba::db::schema::{enrolments, quality_assessments, subject_assessments};
use hocba::db::Db;
use hocba::services::admin::{classes, spreadsheets, years};
use hocba::services::client_ops::Origin;
use hocba::services::{grid, grid_write};
use hocba_core::api::admin::{AssignmentInput, NewSchoolYear};
use hocba_core::api::{BulkRow, BulkUpdate, QualityCellInput, SubjectCellInput};
use hocba_core::sheet::Cell;
use hocba_core::{catalogue, Period};
use hocba_tests::sheets::{name, national_id, row, xlsx};
use std::time::Instant;

/// A school with one 35-pupil grade-5 class taught by its admin; answers (db, teacher, class id).
fn school(url: &str) -> (Db, CurrentUser, String) {
    let db = Db::open(url).expect("database");
    hocba::bootstrap::first_start(&db, false, &std::env::temp_dir()).expect("first start");
    let admin = hocba::cli::sheets::actor(&db, None).expect("admin");
    let class = db
        .write(|c| {
            let y = years::open(c, &admin, &NewSchoolYear { start_year: 2026, make_current: true })?;
            let class = classes::insert(c, &admin.school_id, &y.id, "5A", 5, None, Some(admin.id.clone()))?;
            let list: Vec<AssignmentInput> = catalogue::required_subjects(5)
                .iter()
                .map(|s| AssignmentInput { subject_code: s.code.into(), teacher_id: admin.id.clone() })
                .collect();
            classes::set_assignments(c, &admin, &class.id, &list, false)?;
            Ok::<_, hocba::error::AppError>(class)
        })
        .expect("class");
    let rows: Vec<Vec<Cell>> =
        (0..35).map(|i| row("5A", &national_id(i), &name(i), "Nam", Cell::Text("20/04/2015".into()), "Tày")).collect();
    let bytes = xlsx(rows);
    let report = spreadsheets::run(&db, false, |c| {
        spreadsheets::import_roster(c, &admin, Some(&class.id), &bytes, hocba_core::Lang::Vi, &mut |_, _| {})
    })
    .expect("roster");
    assert_eq!(report.created, 35);
    (db, admin, class.id)
}

/// Every cell of the class, with level `level` (and 9 or 8 where a test is taken).
fn whole_class(db: &Db, user: &CurrentUser, class_id: &str, level: &str) -> BulkUpdate {
    let view = db.read(|c| grid::load(c, user, class_id, Period::CuoiNam)).expect("grid");
    let score = if level == "T" { 9.0 } else { 8.0 };
    BulkUpdate {
        rows: view
            .rows
            .iter()
            .map(|r| BulkRow {
                pupil_id: r.pupil.id.clone(),
                subjects: view
                    .subjects
                    .iter()
                    .map(|s| SubjectCellInput {
                        subject: s.code.clone(),
                        level: Some(level.into()),
                        score: s.scored.then_some(score),
                        comment: Some(format!("Nhận xét {level}")),
                        base_version: None,
                    })
                    .collect(),
                qualities: view
                    .qualities
                    .iter()
                    .map(|q| QualityCellInput {
                        code: q.code.clone(),
                        level: Some(if level == "T" { "T" } else { "Đ" }.into()),
                        comment: None,
                        base_version: None,
                    })
                    .collect(),
            })
            .collect(),
    }
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

fn stats(mut v: Vec<f64>) -> (f64, f64) {
    v.sort_by(f64::total_cmp);
    let p99 = v[((v.len() as f64 * 0.99).ceil() as usize).saturating_sub(1).min(v.len() - 1)];
    (v[v.len() / 2], p99)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(100);
    let dir = tempfile::tempdir().expect("temp dir");
    for kind in ["sqlite", "postgres"] {
        let pg = if kind == "postgres" { hocba_tests::postgres::TempDatabase::create() } else { None };
        let url = match (&pg, kind) {
            (Some(p), _) => p.url.clone(),
            (None, "sqlite") => dir.path().join("grid.sqlite3").to_string_lossy().into_owned(),
            (None, _) => {
                eprintln!("{kind}: skipped (database unreachable)");
                continue;
            }
        };
        let (db, user, class_id) = school(&url);
        let enrolment_ids: Vec<String> = db
            .read(|c| {
                let ids =
                    enrolments::table.filter(enrolments::class_id.eq(&class_id)).select(enrolments::id).load(c)?;
                Ok::<_, hocba::error::AppError>(ids)
            })
            .unwrap();
        // First save fills the grid (inserts); then every run changes every cell.
        let first = whole_class(&db, &user, &class_id, "T");
        let started = Instant::now();
        let result = db
            .write(|c| grid_write::write_bulk(c, &user, &Origin::default(), &class_id, Period::CuoiNam, &first))
            .unwrap();
        let first_ms = ms(started);
        let cells = result.changed;
        let bodies = [whole_class(&db, &user, &class_id, "H"), whole_class(&db, &user, &class_id, "T")];
        let (mut load, mut load_base, mut save, mut save_base) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for i in 0..runs {
            let started = Instant::now();
            let view = db.read(|c| grid::load(c, &user, &class_id, Period::CuoiNam)).unwrap();
            load.push(ms(started));
            assert_eq!(view.rows.len(), 35);
            let started = Instant::now();
            type Levels = Vec<(String, Option<String>)>;
            let (s, q): (Levels, Levels) = db
                .read(|c| {
                    let s = subject_assessments::table
                        .filter(subject_assessments::enrolment_id.eq_any(&enrolment_ids))
                        .filter(subject_assessments::period.eq("cuoi_nam"))
                        .select((subject_assessments::subject_code, subject_assessments::level))
                        .load(c)?;
                    let q = quality_assessments::table
                        .filter(quality_assessments::enrolment_id.eq_any(&enrolment_ids))
                        .filter(quality_assessments::period.eq("cuoi_nam"))
                        .select((quality_assessments::quality_code, quality_assessments::level))
                        .load(c)?;
                    Ok::<_, hocba::error::AppError>((s, q))
                })
                .unwrap();
            load_base.push(ms(started));
            assert_eq!((s.len() + q.len()) as u32, cells);

            let body = &bodies[i % 2];
            let started = Instant::now();
            let r = db
                .write(|c| grid_write::write_bulk(c, &user, &Origin::default(), &class_id, Period::CuoiNam, body))
                .unwrap();
            save.push(ms(started));
            assert_eq!(r.changed, cells, "run {i}");
            // The same cells set to C (a value the bodies never use, so the next save changes them all).
            let started = Instant::now();
            db.write(|c| {
                for e in &enrolment_ids {
                    diesel::update(subject_assessments::table.filter(subject_assessments::enrolment_id.eq(e)))
                        .set(subject_assessments::level.eq("C"))
                        .execute(c)?;
                    diesel::update(quality_assessments::table.filter(quality_assessments::enrolment_id.eq(e)))
                        .set(quality_assessments::level.eq("C"))
                        .execute(c)?;
                }
                Ok::<_, hocba::error::AppError>(())
            })
            .unwrap();
            save_base.push(ms(started));
        }
        let (lm, lp) = stats(load);
        let (lbm, _) = stats(load_base);
        let (sm, sp) = stats(save);
        let (sbm, _) = stats(save_base);
        println!("cells {cells}");
        println!("{kind}_first_save_ms {first_ms:.2}");
        println!("{kind}_load_median_ms {lm:.2}");
        println!("{kind}_load_p99_ms {lp:.2}");
        println!("{kind}_load_baseline_ms {lbm:.2}");
        println!("{kind}_save_median_ms {sm:.2}");
        println!("{kind}_save_p99_ms {sp:.2}");
        println!("{kind}_save_baseline_ms {sbm:.2}");
        println!("{kind}_load_ratio {:.2}", lm / lbm);
        println!("{kind}_save_ratio {:.2}", sm / sbm);
    }
}
