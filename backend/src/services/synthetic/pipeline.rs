//! Planning and writing schools at once: one thread plans the schools in order, `jobs` writers
//! each take the next planned school and write it in its own transaction, and the caller's
//! thread hears of every school written. After a failure no further school is started.

use super::plan::{self, Shape, Tally};
use super::{store, StoreError};
use crate::db::Db;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{channel, sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// One school written whole.
pub struct Written {
    pub index: usize,
    pub name: String,
    pub tally: Tally,
    /// The time its transaction took.
    pub time: Duration,
}

/// The first school that could not be written (nothing of it was kept).
pub struct Failure {
    pub index: usize,
    pub source: StoreError,
}

enum Outcome {
    Written(Written),
    Failed(Failure),
}

/// What every writer needs.
pub struct Work<'a> {
    pub db: &'a Db,
    pub shape: Shape,
    pub codes: &'a [String],
    pub password_hash: &'a str,
    pub jobs: usize,
    /// Write with the triggers off (see [`super::store`]).
    pub bulk: bool,
}

/// Plans and writes every school of `work.codes`, calling `on_written` on this thread after each
/// one; answers the first failure, once every writer has stopped.
pub fn run(work: &Work<'_>, mut on_written: impl FnMut(&Written)) -> Result<(), Failure> {
    let stop = AtomicBool::new(false);
    let mut failure = None;
    std::thread::scope(|scope| {
        // Planned schools wait here, at most one per writer.
        let (planned, plans) = sync_channel(work.jobs);
        let plans = Arc::new(Mutex::new(plans));
        let stop = &stop;
        scope.spawn(move || {
            for index in 0..work.codes.len() {
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                if planned.send((index, plan::build(index, work.shape, work.password_hash))).is_err() {
                    break;
                }
            }
        });
        let (done, outcomes) = channel();
        for _ in 0..work.jobs {
            let (plans, done) = (Arc::clone(&plans), done.clone());
            scope.spawn(move || {
                while let Some((index, rows)) = next(&plans) {
                    if stop.load(Ordering::Relaxed) {
                        break;
                    }
                    let began = Instant::now();
                    let outcome = match store(work.db, &work.codes[index], &rows, work.bulk) {
                        Ok(()) => Outcome::Written(Written {
                            index,
                            name: rows.schools.first().map(|s| s.name.clone()).unwrap_or_default(),
                            tally: rows.tally(),
                            time: began.elapsed(),
                        }),
                        Err(source) => {
                            stop.store(true, Ordering::Relaxed);
                            Outcome::Failed(Failure { index, source })
                        }
                    };
                    if done.send(outcome).is_err() {
                        break;
                    }
                }
            });
        }
        // The writers hold the only receivers of plans: when they stop, the planner stops too.
        drop(plans);
        drop(done);
        for outcome in outcomes {
            match outcome {
                Outcome::Written(w) => on_written(&w),
                Outcome::Failed(f) => {
                    failure.get_or_insert(f);
                }
            }
        }
    });
    failure.map_or(Ok(()), Err)
}

/// The next planned school, or `None` when the planner has finished.
fn next<T>(plans: &Mutex<Receiver<T>>) -> Option<T> {
    plans.lock().unwrap_or_else(|p| p.into_inner()).recv().ok()
}
