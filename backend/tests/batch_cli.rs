//! `hocba batch` on a class of 200 pupils, run as the real binary: killed with SIGKILL half-way and
//! started again, it finishes with exactly 200 documents — one current hand-over học bạ per pupil,
//! none issued twice, none skipped — and a ZIP of 200 PDFs that all verify as authentic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::query;

use diesel::connection::SimpleConnection;
use diesel::prelude::*;
use hocba::db::schema::{batch_jobs, classes, enrolments, issued_documents, period_records, school_years, signing_cas};
use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PUPILS: usize = 200;

fn batch(dir: &std::path::Path, class: &str, year: &str) -> Child {
    Command::new(env!("CARGO_BIN_EXE_hocba"))
        .args(["batch", "--class", class, "--year", year, "--as", "hieutruong", "--data"])
        .arg(dir)
        .env_remove("HOCBA_DATABASE_URL")
        .env_remove("HOCBA_CONFIG")
        .env("HOCBA_PUBLIC_URL", "https://hocba.truong.example")
        .env("HOCBA_SIGNING_KEY_SECRET_IN_DATA_DIR", "true")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the hocba binary runs")
}

#[test]
fn a_batch_killed_half_way_finishes_with_every_pupil_exactly_once() {
    let dir = tempfile::tempdir().unwrap();
    let settings = common::demo_settings(dir.path());
    let prepared = hocba::startup::prepare(&settings).unwrap();
    let db = &prepared.db;
    // An approved class of an earlier year, filled up to 200 pupils.
    let (class_id, class, year): (String, String, String) = query(db, |c| {
        classes::table
            .inner_join(school_years::table)
            .inner_join(period_records::table.on(period_records::class_id.eq(classes::id)))
            .filter(period_records::period.eq(hocba_core::Period::CuoiNam.code()))
            .filter(period_records::status.eq("approved"))
            .order(school_years::start_year.desc())
            .select((classes::id, classes::name, school_years::name))
            .first(c)
    });
    let (school_id, status): (String, String) = query(db, |c| {
        enrolments::table
            .filter(enrolments::class_id.eq(&class_id))
            .select((enrolments::school_id, enrolments::status))
            .first(c)
    });
    let existing: i64 =
        query(db, |c| enrolments::table.filter(enrolments::class_id.eq(&class_id)).count().get_result(c));
    let mut sql = String::new();
    for i in 0..PUPILS - usize::try_from(existing).unwrap() {
        let (pupil, enrolment) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
        sql.push_str(&format!(
            "INSERT INTO pupils (id, school_id, full_name, gender, ethnicity, nationality, created_at, disability) \
             VALUES ('{pupil}', '{school_id}', 'Học Sinh Thử {i:03}', 'Nữ', 'Kinh', 'Việt Nam', CURRENT_TIMESTAMP, 0);\n\
             INSERT INTO enrolments (id, school_id, pupil_id, class_id, status) \
             VALUES ('{enrolment}', '{school_id}', '{pupil}', '{class_id}', '{status}');\n"
        ));
    }
    db.write(|c| c.batch_execute(&sql).map_err(hocba::error::AppError::from)).unwrap();
    let done = |db: &hocba::db::Db| -> i32 {
        query(db, |c| batch_jobs::table.select(batch_jobs::done_count).first::<i32>(c).optional()).unwrap_or(0)
    };

    // First run: killed (SIGKILL) once a quarter of the class is done.
    let mut first = batch(dir.path(), &class, &year);
    let started = Instant::now();
    while done(db) < 50 {
        assert!(first.try_wait().unwrap().is_none(), "the batch stopped early");
        assert!(started.elapsed() < Duration::from_secs(600), "the batch makes no progress");
        std::thread::sleep(Duration::from_millis(100));
    }
    first.kill().unwrap();
    first.wait().unwrap();
    let at_kill = done(db);
    assert!(at_kill < i32::try_from(PUPILS).unwrap(), "killed half-way: {at_kill}");

    // Second run: resumes the same batch and finishes it.
    let mut second = batch(dir.path(), &class, &year);
    let status = second.wait().unwrap();
    let mut out = String::new();
    second.stdout.take().unwrap().read_to_string(&mut out).unwrap();
    second.stderr.take().unwrap().read_to_string(&mut out).unwrap();
    assert!(status.success(), "{out}");
    assert!(out.contains(&format!("Đã xong {PUPILS}/{PUPILS} học sinh.")), "{out}");

    let jobs: Vec<(String, i32, i32, Option<String>)> = query(db, |c| {
        batch_jobs::table
            .select((batch_jobs::status, batch_jobs::total, batch_jobs::done_count, batch_jobs::zip_path))
            .load(c)
    });
    assert_eq!(jobs.len(), 1, "the second run resumed the first batch");
    let (status, total, done_count, zip_path) = jobs.into_iter().next().unwrap();
    assert_eq!((status.as_str(), total, done_count), ("done", 200, 200));

    // Exactly one hand-over per pupil of the class: nothing issued twice, nobody skipped.
    let per_pupil: Vec<(String, i64)> = query(db, |c| {
        issued_documents::table
            .inner_join(enrolments::table.on(enrolments::pupil_id.eq(issued_documents::pupil_id)))
            .filter(enrolments::class_id.eq(&class_id))
            .filter(issued_documents::kind.eq("hand_over"))
            .group_by(issued_documents::pupil_id)
            .select((issued_documents::pupil_id, diesel::dsl::count_star()))
            .load(c)
    });
    assert_eq!(per_pupil.len(), PUPILS);
    assert!(per_pupil.iter().all(|(_, n)| *n == 1), "a pupil was issued twice");

    // The ZIP: 200 PDFs, each authentic against the school's CA, its timestamps trusted with the
    // test authority's CA.
    let cas: Vec<String> = query(db, |c| signing_cas::table.select(signing_cas::cert_pem).load(c));
    let trust = hocba_pdf::verify::Trust::from_pem(&cas)
        .unwrap()
        .with_timestamp_roots(&prepared.documents.timestamp_roots())
        .unwrap();
    let zip_path = zip_path.unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&zip_path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "the class's records are the owner's only");
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zip_path).unwrap()).unwrap();
    assert_eq!(zip.len(), PUPILS, "one PDF per pupil and no error list");
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let mut pdf = Vec::new();
        file.read_to_end(&mut pdf).unwrap();
        let report = hocba_pdf::verify::verify_document(&pdf, &trust);
        assert!(report.verdict.is_authentic(), "{:?}: {report:?}", file.name());
    }
}
