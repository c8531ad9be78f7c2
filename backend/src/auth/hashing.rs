//! Password hashing on its own small pool of threads. Argon2id is built to be slow and to use
//! memory (19 MiB per hash); run on the shared blocking pool, a flood of sign-ins would take every
//! core and hold database connections while it hashed. Here at most `threads` hashes run at once,
//! at most `queue` more wait, and any further sign-in is answered at once with 503 and
//! `Retry-After` — so a flood of sign-ins costs one core at most, and a signed-in teacher's save
//! never waits behind it.

use super::password;
use crate::error::AppError;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};

type Job = Box<dyn FnOnce() + Send>;

/// The password workers.
#[derive(Clone)]
pub struct PasswordWorkers {
    jobs: SyncSender<Job>,
}

impl PasswordWorkers {
    /// Starts `threads` workers with room for `queue` waiting jobs.
    pub fn start(threads: usize, queue: usize) -> PasswordWorkers {
        let (jobs, rx) = sync_channel::<Job>(queue);
        let rx = Arc::new(Mutex::new(rx));
        for i in 0..threads.max(1) {
            let rx = Arc::clone(&rx);
            let spawned = std::thread::Builder::new().name(format!("hocba-password-{i}")).spawn(move || work(&rx));
            if let Err(e) = spawned {
                tracing::error!(error = %e, "cannot start a password worker");
            }
        }
        PasswordWorkers { jobs }
    }

    /// The default size for this machine: half the cores (at least one), four waiting per worker.
    pub fn for_this_machine() -> PasswordWorkers {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        let threads = (cores / 2).max(1);
        PasswordWorkers::start(threads, threads * 4)
    }

    /// Runs `f` on a worker; `Overloaded` at once when every worker and queue place is taken.
    pub async fn run<T: Send + 'static>(&self, f: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Job = Box::new(move || {
            let _ = tx.send(f());
        });
        match self.jobs.try_send(job) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => return Err(AppError::Overloaded),
            Err(TrySendError::Disconnected(_)) => {
                return Err(AppError::Internal(anyhow::anyhow!("the password workers have stopped")))
            }
        }
        rx.await.map_err(|_| AppError::Internal(anyhow::anyhow!("a password worker failed")))
    }

    /// Checks `password` against the stored hash (`None`: an unknown account, same time taken).
    pub async fn verify(&self, stored: Option<String>, password: String) -> Result<bool, AppError> {
        self.run(move || password::verify(stored.as_deref(), &password)).await
    }

    /// Hashes a new password.
    pub async fn hash(&self, password: String) -> Result<String, AppError> {
        self.run(move || password::hash(&password)).await?.map_err(AppError::Internal)
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
    async fn verifies_and_refuses_beyond_its_queue() {
        let workers = PasswordWorkers::start(1, 1);
        let hash = workers.hash("demo".into()).await.expect("hash");
        assert!(workers.verify(Some(hash.clone()), "demo".into()).await.expect("verify"));
        assert!(!workers.verify(Some(hash), "Demo".into()).await.expect("verify"));
        // One job running (held by the gate), the queue full: the next is refused at once.
        let gate = Arc::new(std::sync::Barrier::new(2));
        let held = Arc::clone(&gate);
        workers
            .jobs
            .send(Box::new(move || {
                held.wait();
            }))
            .expect("send");
        while workers.jobs.try_send(Box::new(|| {})).is_ok() {}
        assert!(matches!(workers.run(|| ()).await, Err(AppError::Overloaded)));
        gate.wait();
    }
}
