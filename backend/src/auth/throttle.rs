//! Login throttling: failed sign-ins are counted per account and per client address; past a free
//! allowance each further failure doubles the wait before the next attempt is even looked at
//! (429 with `Retry-After`). A correct password during the wait is refused like any other
//! attempt, so guessing gains nothing by going fast. A success clears the account's count (not
//! the address's: a guesser with one valid account cannot wash away its failures).
//!
//! The state is in memory: a restart forgets it, which only ever gives back one allowance.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many failures are free, and how the wait grows after them.
#[derive(Debug, Clone, Copy)]
pub struct Policy {
    /// Failures of one account after which it must wait.
    pub free_per_account: u32,
    /// Failures from one address (over every account) after which it must wait: a school's whole
    /// staff room may share one address behind its router.
    pub free_per_client: u32,
    /// The first wait; each further failure doubles it.
    pub first_wait: Duration,
    /// The longest wait.
    pub max_wait: Duration,
    /// Counts with no failure for this long are forgotten.
    pub forget_after: Duration,
    /// Entries kept at most (a flood of made-up usernames cannot grow memory without bound).
    pub max_entries: usize,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            free_per_account: 5,
            free_per_client: 30,
            first_wait: Duration::from_secs(1),
            max_wait: Duration::from_secs(15 * 60),
            forget_after: Duration::from_secs(60 * 60),
            max_entries: 100_000,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Account(String),
    Client(IpAddr),
}

#[derive(Debug, Clone, Copy)]
struct Entry {
    failures: u32,
    last_failure: Instant,
    wait_until: Instant,
}

/// The counts of failed sign-ins.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    policy: Policy,
    entries: Mutex<HashMap<Key, Entry>>,
}

/// The attempt must wait this long (the `Retry-After`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Wait(pub Duration);

impl Wait {
    /// Whole seconds, at least 1 (the value of `Retry-After`).
    pub fn seconds(&self) -> u64 {
        u64::try_from(self.0.as_millis().div_ceil(1000)).unwrap_or(u64::MAX).max(1)
    }
}

fn account_key(username: &str) -> Key {
    Key::Account(username.trim().to_lowercase())
}

impl LoginThrottle {
    pub fn new(policy: Policy) -> LoginThrottle {
        LoginThrottle { policy, entries: Mutex::new(HashMap::new()) }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Entry>> {
        self.entries.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// May this attempt go on now? Otherwise, how long it must wait.
    pub fn check(&self, username: &str, client: Option<IpAddr>, now: Instant) -> Result<(), Wait> {
        let entries = self.lock();
        let mut keys = vec![account_key(username)];
        keys.extend(client.map(Key::Client));
        let longest =
            keys.iter().filter_map(|k| entries.get(k)).filter(|e| e.wait_until > now).map(|e| e.wait_until - now).max();
        match longest {
            Some(wait) => Err(Wait(wait)),
            None => Ok(()),
        }
    }

    /// Counts a failed attempt.
    pub fn failed(&self, username: &str, client: Option<IpAddr>, now: Instant) {
        let mut entries = self.lock();
        if entries.len() >= self.policy.max_entries {
            self.prune(&mut entries, now);
        }
        let mut count = |key: Key, free: u32| {
            let entry = entries.entry(key).or_insert(Entry { failures: 0, last_failure: now, wait_until: now });
            if now.duration_since(entry.last_failure) > self.policy.forget_after {
                entry.failures = 0;
            }
            entry.failures = entry.failures.saturating_add(1);
            entry.last_failure = now;
            if entry.failures >= free {
                entry.wait_until = now + self.wait_after(entry.failures - free);
            }
        };
        count(account_key(username), self.policy.free_per_account);
        if let Some(ip) = client {
            count(Key::Client(ip), self.policy.free_per_client);
        }
    }

    /// A correct password: the account starts afresh.
    pub fn succeeded(&self, username: &str) {
        self.lock().remove(&account_key(username));
    }

    /// The wait after `n` failures beyond the allowance's last: first_wait × 2^n, capped.
    fn wait_after(&self, n: u32) -> Duration {
        let factor = 1u32.checked_shl(n.min(30)).unwrap_or(u32::MAX);
        self.policy.first_wait.saturating_mul(factor).min(self.policy.max_wait)
    }

    /// Forgets old counts; if that is not enough, keeps only the entries still waiting, and then
    /// only the most recent half.
    fn prune(&self, entries: &mut HashMap<Key, Entry>, now: Instant) {
        entries.retain(|_, e| now.duration_since(e.last_failure) <= self.policy.forget_after);
        if entries.len() >= self.policy.max_entries {
            entries.retain(|_, e| e.wait_until > now);
        }
        if entries.len() >= self.policy.max_entries {
            let mut times: Vec<Instant> = entries.values().map(|e| e.last_failure).collect();
            times.sort();
            let cut = times[times.len() / 2];
            entries.retain(|_, e| e.last_failure > cut);
        }
    }

    /// Entries held (for tests).
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(last: u8) -> Option<IpAddr> {
        Some(IpAddr::from([192, 0, 2, last]))
    }

    #[test]
    fn an_account_waits_after_its_free_failures_and_the_wait_doubles() {
        let t = LoginThrottle::new(Policy::default());
        let start = Instant::now();
        for i in 0..5 {
            assert_eq!(t.check("gvcn5a", ip(1), start), Ok(()), "attempt {i} is free");
            t.failed("gvcn5a", ip(1), start);
        }
        assert_eq!(t.check("GVCN5A ", ip(2), start), Err(Wait(Duration::from_secs(1))), "same account, any address");
        t.failed("gvcn5a", ip(1), start);
        assert_eq!(t.check("gvcn5a", ip(1), start), Err(Wait(Duration::from_secs(2))));
        t.failed("gvcn5a", ip(1), start);
        assert_eq!(t.check("gvcn5a", ip(1), start), Err(Wait(Duration::from_secs(4))));
        assert_eq!(t.check("gvcn5a", ip(1), start + Duration::from_secs(4)), Ok(()), "the wait ends");
        assert_eq!(t.check("gvcn4a", ip(3), start), Ok(()), "another account is not held up");
    }

    #[test]
    fn the_wait_is_capped_and_success_clears_the_account() {
        let t = LoginThrottle::new(Policy::default());
        let now = Instant::now();
        for _ in 0..60 {
            t.failed("admin", None, now);
        }
        assert_eq!(t.check("admin", None, now), Err(Wait(Duration::from_secs(900))));
        t.succeeded("admin");
        assert_eq!(t.check("admin", None, now), Ok(()));
    }

    #[test]
    fn an_address_guessing_many_accounts_waits_too() {
        let t = LoginThrottle::new(Policy::default());
        let now = Instant::now();
        for i in 0..29 {
            t.failed(&format!("user{i}"), ip(9), now);
        }
        assert_eq!(t.check("someone-new", ip(9), now), Ok(()));
        t.failed("user-last", ip(9), now);
        assert!(t.check("someone-new", ip(9), now).is_err(), "past 30 failures the address waits");
        assert_eq!(t.check("someone-new", ip(10), now), Ok(()), "other addresses do not");
        t.succeeded("user-last");
        assert!(t.check("user-last", ip(9), now).is_err(), "a success does not clear the address");
    }

    #[test]
    fn old_failures_are_forgotten() {
        let t = LoginThrottle::new(Policy::default());
        let now = Instant::now();
        for _ in 0..4 {
            t.failed("hieutruong", None, now);
        }
        let later = now + Duration::from_secs(2 * 3600);
        t.failed("hieutruong", None, later);
        assert_eq!(t.check("hieutruong", None, later), Ok(()), "the count started again");
    }

    #[test]
    fn memory_stays_bounded_under_made_up_usernames() {
        let t = LoginThrottle::new(Policy { max_entries: 1000, ..Policy::default() });
        let now = Instant::now();
        for i in 0..10_000 {
            t.failed(&format!("bot{i}"), None, now + Duration::from_millis(i));
        }
        assert!(t.len() <= 1000, "{} entries", t.len());
    }

    #[test]
    fn retry_after_is_whole_seconds_rounded_up() {
        assert_eq!(Wait(Duration::from_millis(1500)).seconds(), 2);
        assert_eq!(Wait(Duration::from_secs(3)).seconds(), 3);
        assert_eq!(Wait(Duration::ZERO).seconds(), 1);
    }
}
