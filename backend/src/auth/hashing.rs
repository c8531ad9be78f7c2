//! Password hashing on its own small pool of threads. Argon2id is built to be slow and to use
//! memory (19 MiB per hash); run on the shared blocking pool, a flood of sign-ins would take every
//! core and hold database connections while it hashed. Here at most `threads` hashes run at once
//! and at most `queue` more wait; a sign-in reserves its place ([`Slot`]) before it even reads
//! the account, so beyond that it is answered at once with 503 and `Retry-After`, costing
//! neither a database connection nor a blocking thread. The workers run at the lowest CPU
//! priority: a signed-in teacher's save goes before any password check.

use super::password;
use crate::error::AppError;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

type Job = Box<dyn FnOnce() + Send>;

/// The password workers.
#[derive(Clone)]
pub struct PasswordWorkers {
    jobs: SyncSender<Job>,
    /// Places taken (running or waiting), at most `capacity`.
    taken: Arc<AtomicUsize>,
    capacity: usize,
}

/// A reserved place on the workers: run one job with it, or drop it to give the place back.
pub struct Slot {
    workers: PasswordWorkers,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.workers.taken.fetch_sub(1, Ordering::AcqRel);
    }
}

impl PasswordWorkers {
    /// Starts `threads` workers with room for `queue` waiting jobs.
    pub fn start(threads: usize, queue: usize) -> PasswordWorkers {
        let threads = threads.max(1);
        let capacity = threads + queue;
        let (jobs, rx) = sync_channel::<Job>(capacity);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads {
            let rx = Arc::clone(&rx);
            let spawned = std::thread::Builder::new().name(format!("hocba-password-{i}")).spawn(move || {
                lowest_priority();
                work(&rx);
            });
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password worker");
            }
        }
        PasswordWorkers { jobs, taken: Arc::new(AtomicUsize::new(0)), capacity }
    }

    /// The default size for this machine: half the cores (at least one), four waiting per worker.
    pub fn for_this_machine() -> PasswordWorkers {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let threads = (cores / 2).max(1);
        PasswordWorkers::start(threads, threads * 4)
    }

    /// A place on the workers, or `Overloaded` at once when every place is taken.
    pub fn reserve(&self) -> Result<Slot, AppError> {
        let mut taken = self.taken.load(Ordering::Acquire);
        loop {
            if taken >= self.capacity {
                return Err(AppError::Overloaded);
            }
            match self.taken.compare_exchange_weak(taken, taken + 1, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return Ok(Slot { workers: self.clone() }),
                Err(now) => taken = now,
            }
        }
    }

    /// Hashes a new password (reserving its place first).
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.reserve()?.hash(password).await
    }
}

impl Slot {
    /// Runs `f` on a worker; the place is given back when it has run.
    pub async fn run<T: Send + 'static>(self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let jobs = self.workers.jobs.clone();
        let job: Job = Box::new(move || {
            let out = f();
            // The place is free again before the caller hears back.
            drop(self);
            let _ = tx.send(out);
        });
        // The reservation guarantees room: `try_send` fails only if the workers are gone.
        jobs.try_send(job).map_err(|_| AppError::Internal(anyhow::anyhow!("the password workers have stopped")))?;
        rx.await.map_err(|_| AppError::Internal(anyhow::anyhow!("a password worker failed")))
    }

    /// Checks `password` against the stored hash (`None`: an unknown account, same time taken).
    pub async fn verify(self, stored: Option<String>, password: String) -> Result<bool, AppError> {
        self.run(move || password::verify(stored.as_deref(), &password)).await
    }

    /// Hashes a new password.
    pub async fn hash(self, password: String) -> Result<String, AppError> {
        self.run(move || password::hash(&password)).await?.map_err(AppError::Internal)
    }
}

/// Lowers the calling thread's CPU priority as far as it goes (Linux: `setpriority` on the
/// thread's id sets that thread's nice value to 19).
fn lowest_priority() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(Some(rustix::thread::gettid()), 19) {
        tracing::debug!(error = %e, "cannot lower the password worker's priority");
    }
}

fn work(rx: &Mutex<Receiver<Job>>) {
    loop {
        let job = {
            let guard = rx.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            guard.recv()
        };
        match job {
            Ok(job) => job(),
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn verifies_and_refuses_beyond_its_places() {
        let workers = PasswordWorkers::start(1, 1);
        let hash = workers.hash("demo".into()).await.expect("hash");
        assert!(workers.reserve().expect("slot").verify(Some(hash.clone()), "demo".into()).await.expect("verify"));
        assert!(!workers.reserve().expect("slot").verify(Some(hash), "Demo".into()).await.expect("verify"));
        // Two places (one running, one waiting): a third is refused at once, before any work.
        let (a, b) = (workers.reserve().expect("first"), workers.reserve().expect("second"));
        assert!(matches!(workers.reserve(), Err(AppError::Overloaded)));
        drop(a);
        let c = workers.reserve().expect("a place given back is free again");
        assert!(c.run(|| 42).await.expect("ran") == 42);
        drop(b);
        assert!(workers.reserve().is_ok());
    }
}
