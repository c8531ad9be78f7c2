//! Synthetic schools in bulk, for benchmarks at school and province size (`hocba demo
//! generate`): realistic accounts, pupils of Lào Cai's ethnic groups, classes, enrolments,
//! approved periodic records with their cells, year-end extras and awards.
//!
//! The same options give the same schools, ids aside: each school draws from its own
//! deterministic random stream, and every timestamp follows the school calendar.
//! Each school is written in one transaction (all or nothing); PostgreSQL gets one `COPY` per
//! table, SQLite multi-row inserts. The audit log is left untouched: nobody acted on these rows.
//!
//! On PostgreSQL, when the role may (a superuser), a school is written with the triggers off for
//! its transaction only (`SET LOCAL session_replication_role = replica`, what `pg_restore
//! --disable-triggers` does): the foreign keys are then checked in memory once per school
//! ([`references`]), the lock guards have nothing to refuse (every row is planned consistent), and
//! the data epochs of the school and its classes are raised by one statement at the end, which
//! notifies the servers as the epoch triggers would. Other sessions keep every trigger.

mod calendar;
mod cells;
mod copy_text;
mod names;
mod pipeline;
mod plan;
mod references;
mod rng;
mod sink;

pub use plan::{school_code, school_name, Tally, CURRENT_START_YEAR};

use crate::db::connection::{AnyConnection, Backend};
use crate::db::schema::schools;
use crate::db::{Db, DbError};
use crate::error::AppError;
use crate::messages;
use diesel::prelude::*;
use plan::{SchoolRows, Shape};
use std::num::NonZeroUsize;
use std::time::{Duration, Instant};

/// The password of every generated account.
pub const PASSWORD: &str = "demo";
/// Most schools in one run (their codes are `108xxxxx`).
pub const MAX_SCHOOLS: u32 = 99_999;
/// Most school years per school.
pub const MAX_YEARS: u32 = 10;
/// Most schools written at once (the connection pool holds 8).
pub const MAX_JOBS: u32 = 8;

/// How much to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    pub schools: u32,
    /// Pupils of each school in every year (about a fifth per grade).
    pub pupils_per_school: u32,
    /// School years per school, ending with the current one (2025-2026).
    pub years: u32,
    /// Schools written at once on PostgreSQL (`None`: one per CPU); SQLite has one writer.
    pub jobs: Option<u32>,
}

impl Default for Options {
    fn default() -> Self {
        Options { schools: 1, pupils_per_school: 420, years: 5, jobs: None }
    }
}

impl Options {
    fn shape(&self) -> Result<Shape, GenerateError> {
        let check = |value: u32, low: u32, high: u32, option: &str| {
            if (low..=high).contains(&value) {
                Ok(())
            } else {
                Err(GenerateError::Options(messages::synthetic_option(option, low, high).to_string()))
            }
        };
        check(self.schools, 1, MAX_SCHOOLS, "schools")?;
        check(self.pupils_per_school, 5, plan::MAX_PUPILS, "pupils-per-school")?;
        check(self.years, 1, MAX_YEARS, "years")?;
        if let Some(jobs) = self.jobs {
            check(jobs, 1, MAX_JOBS, "jobs")?;
        }
        Ok(Shape { pupils_per_school: self.pupils_per_school, years: self.years })
    }
}

/// One school written, and the run so far.
#[derive(Debug, Clone)]
pub struct Progress<'a> {
    /// Schools written, this one included.
    pub written: usize,
    pub total: usize,
    pub code: &'a str,
    pub name: &'a str,
    /// Rows of this school and the time its transaction took.
    pub school_rows: u64,
    pub school_time: Duration,
    /// Rows written so far and the time since the run began.
    pub rows: u64,
    pub elapsed: Duration,
}

impl Progress<'_> {
    pub fn rows_per_second(&self) -> f64 {
        per_second(self.rows, self.elapsed)
    }

    /// The time left at the pace so far.
    pub fn remaining(&self) -> Duration {
        let left = self.total.saturating_sub(self.written) as f64;
        self.elapsed.mul_f64(left / self.written.max(1) as f64)
    }
}

/// What a run wrote.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub schools: usize,
    /// Codes of the generated schools, in order.
    pub codes: Vec<String>,
    pub counts: Tally,
    pub elapsed: Duration,
    /// Schools written at once.
    pub jobs: usize,
    /// Written with the triggers off and the references checked in memory (PostgreSQL, superuser).
    pub bulk: bool,
}

impl Summary {
    pub fn rows_per_second(&self) -> f64 {
        per_second(self.counts.rows, self.elapsed)
    }
}

fn per_second(rows: u64, time: Duration) -> f64 {
    rows as f64 / time.as_secs_f64().max(1e-6)
}

/// The usernames of a generated school (`<code>.admin`, …): admin, principal, the homeroom
/// teacher of 1A, the parent of the first pupil of 1A.
pub fn sample_logins(code: &str) -> [String; 4] {
    ["admin", "hieutruong", "gv1a", "ph0001"].map(|name| format!("{code}.{name}"))
}

/// Why a run stopped.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// An option out of its range; nothing was written.
    #[error("{0}")]
    Options(String),
    /// Schools with the codes to generate exist already; nothing was written.
    #[error("{}", messages::synthetic_schools_exist(.codes))]
    SchoolsExist { codes: Vec<String> },
    /// Writing the school `code` failed: nothing of it was kept; `written` schools are complete
    /// (and no other school was started after the failure).
    #[error("{}", messages::synthetic_failed(*.written, *.total, .code))]
    Failed { written: usize, total: usize, code: String, source: StoreError },
    /// Before anything was written.
    #[error(transparent)]
    Database(AppError),
}

/// Why one school's transaction failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}", messages::SYNTHETIC_SCHOOL_APPEARED)]
    Exists,
    /// A planned row refers to a row outside its school (nothing of the school was written).
    #[error("{0}")]
    Dangling(references::Dangling),
    #[error(transparent)]
    Database(#[from] DbError),
    #[error(transparent)]
    Query(#[from] diesel::result::Error),
}

/// Generates `options.schools` schools into `db`, each in its own transaction, calling
/// `progress` after each. Refuses, writing nothing, when any of their codes is taken. Schools are
/// planned on their own thread while others are written, several at once on PostgreSQL.
pub fn generate(db: &Db, options: &Options, mut progress: impl FnMut(&Progress<'_>)) -> Result<Summary, GenerateError> {
    let shape = options.shape()?;
    let total = usize::try_from(options.schools).unwrap_or(0);
    let codes: Vec<String> = (0..total).map(school_code).collect();
    let taken = db.read(|c| existing_codes(c, &codes).map_err(AppError::from)).map_err(GenerateError::Database)?;
    if !taken.is_empty() {
        return Err(GenerateError::SchoolsExist { codes: taken });
    }
    // One argon2id hash for every account: hashing each would take hours.
    let hash = crate::auth::password::hash(PASSWORD).map_err(|e| GenerateError::Database(e.into()))?;
    let jobs = match db.backend() {
        Backend::Sqlite => 1,
        Backend::Postgres => options.jobs.and_then(|j| usize::try_from(j).ok()).unwrap_or_else(|| {
            std::thread::available_parallelism().map_or(1, NonZeroUsize::get).min(MAX_JOBS as usize)
        }),
    };
    let bulk = match db.backend() {
        Backend::Sqlite => false,
        Backend::Postgres => {
            db.read(|c| may_switch_triggers_off(c).map_err(AppError::from)).map_err(GenerateError::Database)?
        }
    };
    let began = Instant::now();
    let mut summary = Summary { jobs, bulk, ..Summary::default() };
    let work = pipeline::Work { db, shape, codes: &codes, password_hash: &hash, jobs, bulk };
    let outcome = pipeline::run(&work, |w| {
        let code = &codes[w.index];
        summary.schools += 1;
        summary.codes.push(code.clone());
        summary.counts += w.tally;
        progress(&Progress {
            written: summary.schools,
            total,
            code,
            name: &w.name,
            school_rows: w.tally.rows,
            school_time: w.time,
            rows: summary.counts.rows,
            elapsed: began.elapsed(),
        });
    });
    if let Err(failure) = outcome {
        return Err(GenerateError::Failed {
            written: summary.schools,
            total,
            code: codes[failure.index].clone(),
            source: failure.source,
        });
    }
    // Fresh planner statistics, as after any bulk load (pg_restore does the same): without them
    // PostgreSQL plans the first queries on the new rows as if the tables were small and scans.
    db.read(|c| {
        use diesel::connection::SimpleConnection;
        c.batch_execute("ANALYZE").map_err(DbError::from)
    })
    .map_err(|e| GenerateError::Database(e.into()))?;
    summary.codes.sort();
    summary.elapsed = began.elapsed();
    Ok(summary)
}

/// One school in one transaction, unless its code appeared meanwhile. `bulk`: with the triggers
/// off (PostgreSQL), after checking the school's references in memory.
fn store(db: &Db, code: &str, rows: &SchoolRows, bulk: bool) -> Result<(), StoreError> {
    if bulk {
        if let Some(d) = references::first_dangling(rows) {
            return Err(StoreError::Dangling(d));
        }
    }
    db.write(|c| {
        if !existing_codes(c, &[code.to_owned()])?.is_empty() {
            return Err(StoreError::Exists);
        }
        let mut sink = sink::Sink::new(c);
        if bulk {
            sink.triggers_off()?;
        }
        sink.write(rows)?;
        if bulk {
            sink.raise_epochs(rows)?;
        }
        Ok(())
    })
}

/// Whether this session may write with the triggers off: only a superuser may set
/// `session_replication_role`.
fn may_switch_triggers_off(conn: &mut AnyConnection) -> QueryResult<bool> {
    #[derive(QueryableByName)]
    struct Superuser {
        #[diesel(sql_type = diesel::sql_types::Bool)]
        yes: bool,
    }
    match conn {
        AnyConnection::Postgresql(c) => {
            let row: Superuser =
                diesel::sql_query("SELECT current_setting('is_superuser') = 'on' AS yes").get_result(c)?;
            Ok(row.yes)
        }
        AnyConnection::Sqlite(_) => Ok(false),
    }
}

/// Which of `codes` the database's schools already use.
fn existing_codes(conn: &mut AnyConnection, codes: &[String]) -> QueryResult<Vec<String>> {
    let mut found = Vec::new();
    for chunk in codes.chunks(500) {
        found.extend(schools::table.filter(schools::code.eq_any(chunk)).select(schools::code).load::<String>(conn)?);
    }
    found.sort();
    Ok(found)
}
