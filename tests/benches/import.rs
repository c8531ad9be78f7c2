//! Import benchmark: a 5,000-row whole-school pupil list (XLSX) imported in one transaction, on
//! SQLite and PostgreSQL, against a baseline measured in the same process on the same database:
//! the bare diesel INSERTs of the same 5,000 pupils and enrolments in one transaction (no
//! parsing, no checks, no audit). Each run uses a fresh database.
//!
//! `cargo bench -p hocba-tests --bench import -- [--runs N]`; prints `key value` lines that
//! `cargo xtask bench` collects into docs/benchmarks.md.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use diesel::prelude::*;
use hocba::auth::CurrentUser;
use hocba::db::models::{new_id, now, Enrolment, Pupil};
use hocba::db::schema::{enrolments, pupils};
use hocba::db::Db;
use hocba::services::admin::{classes, spreadsheets, years};
use hocba_core::api::admin::NewSchoolYear;
use hocba_core::sheet::Cell;
use hocba_tests::sheets::{name, national_id, row, xlsx};
use std::time::Instant;

const ROWS: usize = 5000;
const PER_CLASS: usize = 35;

fn class_name(k: usize) -> String {
    format!("{}K{}", k % 5 + 1, k)
}

/// A school with an admin, a current year and the 143 classes the rows name.
fn school(url: &str) -> (Db, CurrentUser, Vec<hocba::db::models::Class>) {
    let db = Db::open(url).expect("database");
    hocba::bootstrap::first_start(&db, false, &std::env::temp_dir()).expect("first start");
    let user = hocba::cli::sheets::actor(&db, None).expect("admin");
    let list = db
        .write(|c| {
            let y = years::open(c, &user, &NewSchoolYear { start_year: 2026, make_current: true })?;
            let mut out = Vec::new();
            for k in 0..ROWS.div_ceil(PER_CLASS) {
                let grade = (k % 5 + 1) as u8;
                out.push(classes::insert(c, &user.school_id, &y.id, &class_name(k), grade, None, None)?);
            }
            Ok::<_, hocba::error::AppError>(out)
        })
        .expect("classes");
    (db, user, list)
}

fn file() -> Vec<u8> {
    xlsx(
        (0..ROWS)
            .map(|i| {
                row(&class_name(i / PER_CLASS), &national_id(i), &name(i), "Nữ", Cell::Text("03/03/2018".into()), "Tày")
            })
            .collect(),
    )
}

fn baseline(db: &Db, user: &CurrentUser, list: &[hocba::db::models::Class]) -> f64 {
    let started = Instant::now();
    db.write(|c| {
        for i in 0..ROWS {
            let p = Pupil {
                id: new_id(),
                school_id: user.school_id.clone(),
                national_id: Some(national_id(i)),
                full_name: name(i),
                gender: "Nữ".into(),
                birth_date: chrono::NaiveDate::from_ymd_opt(2018, 3, 3),
                ethnicity: "Tày".into(),
                nationality: "Việt Nam".into(),
                birth_place: None,
                home_town: None,
                address: Some("Thôn Lao Chải, xã Mường Khương, Lào Cai".into()),
                father_name: None,
                mother_name: Some("Vàng Thị Dua".into()),
                guardian_name: None,
                registration_no: None,
                entry_date: chrono::NaiveDate::from_ymd_opt(2026, 9, 5),
                created_at: now(),
                disability: false,
                disability_plan: None,
            };
            diesel::insert_into(pupils::table).values(&p).execute(c)?;
            let e = Enrolment {
                id: new_id(),
                school_id: user.school_id.clone(),
                pupil_id: p.id.clone(),
                class_id: list[i / PER_CLASS].id.clone(),
                grade: None,
                status: "active".into(),
            };
            diesel::insert_into(enrolments::table).values(&e).execute(c)?;
        }
        Ok::<_, hocba::error::AppError>(())
    })
    .expect("baseline inserts");
    started.elapsed().as_secs_f64() * 1000.0
}

fn import(db: &Db, user: &CurrentUser, bytes: &[u8], dry_run: bool) -> f64 {
    let started = Instant::now();
    let report = spreadsheets::run(db, dry_run, |c| {
        spreadsheets::import_roster(c, user, None, bytes, hocba_core::Lang::Vi, &mut |_, _| {})
    })
    .expect("import");
    assert!(report.problems.is_empty(), "{:?}", &report.problems[..report.problems.len().min(3)]);
    assert_eq!(report.created as usize, ROWS);
    started.elapsed().as_secs_f64() * 1000.0
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

/// A fresh database URL for one run and what to drop afterwards.
fn fresh(kind: &str, dir: &std::path::Path, n: usize) -> Option<(String, Option<hocba_tests::postgres::TempDatabase>)> {
    match kind {
        "sqlite" => Some((dir.join(format!("bench-{n}.sqlite3")).to_string_lossy().into_owned(), None)),
        _ => {
            let pg = hocba_tests::postgres::TempDatabase::create()?;
            Some((pg.url.clone(), Some(pg)))
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let runs: usize =
        args.iter().position(|a| a == "--runs").and_then(|i| args.get(i + 1)).and_then(|r| r.parse().ok()).unwrap_or(3);
    let dir = tempfile::tempdir().expect("temp dir");
    let bytes = file();
    let parse_started = Instant::now();
    let sheets = hocba_sheets::read(&bytes).expect("readable");
    let read_ms = parse_started.elapsed().as_secs_f64() * 1000.0;
    println!("file_bytes {}", bytes.len());
    println!("rows {ROWS}");
    println!("read_ms {read_ms:.1}");
    drop(sheets);
    for kind in ["sqlite", "postgres"] {
        let (mut base, mut full, mut preview) = (Vec::new(), Vec::new(), Vec::new());
        for n in 0..runs {
            let Some((url, _pg)) = fresh(kind, dir.path(), 3 * n) else {
                eprintln!("{kind}: skipped (database unreachable)");
                break;
            };
            let (db, user, list) = school(&url);
            base.push(baseline(&db, &user, &list));
            let Some((url, _pg2)) = fresh(kind, dir.path(), 3 * n + 1) else { break };
            let (db, user, _) = school(&url);
            preview.push(import(&db, &user, &bytes, true));
            full.push(import(&db, &user, &bytes, false));
        }
        if full.is_empty() {
            continue;
        }
        let (b, f, p) = (median(base), median(full), median(preview));
        println!("{kind}_baseline_ms {b:.1}");
        println!("{kind}_import_ms {f:.1}");
        println!("{kind}_preview_ms {p:.1}");
        println!("{kind}_rows_per_s {:.0}", ROWS as f64 / (f / 1000.0));
        println!("{kind}_ratio {:.2}", f / b);
    }
}
