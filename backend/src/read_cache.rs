//! Answers computed once and kept while the data they came from is unchanged.
//!
//! Each entry carries the [`Stamp`] it was computed at: the data epochs (`data_epochs` table,
//! raised by triggers in the same transaction as every write that can change the answer) read
//! *before* computing. A lookup with the current epochs returns the entry only when they are
//! the same. An answer computed from data newer than its stamp is therefore at worst
//! recomputed once, never served after the data changed. The epochs live in the database, so
//! several servers over one database (or a `hocba` command writing beside the server) stay
//! correct; the cache itself is per process and bounded by a weight budget.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;

/// The epochs an answer was computed at: (school scope, class scope or 0).
pub type Stamp = [i64; 2];

struct Entry<V> {
    stamp: Stamp,
    value: V,
    weight: usize,
    last_used: u64,
}

struct Inner<K, V> {
    map: HashMap<K, Entry<V>>,
    used: usize,
    clock: u64,
}

/// A bounded map from a key to the latest answer and the stamp it holds for.
pub struct EpochCache<K, V> {
    inner: Mutex<Inner<K, V>>,
    budget: usize,
    weigh: fn(&V) -> usize,
}

impl<K: Eq + Hash + Clone, V: Clone> EpochCache<K, V> {
    /// A cache holding at most `budget` in the unit of `weigh` (bytes, or 1 per entry).
    pub fn new(budget: usize, weigh: fn(&V) -> usize) -> Self {
        EpochCache { inner: Mutex::new(Inner { map: HashMap::new(), used: 0, clock: 0 }), budget, weigh }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner<K, V>> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The answer kept for `key` if it was computed at `stamp`.
    pub fn get(&self, key: &K, stamp: Stamp) -> Option<V> {
        let mut inner = self.lock();
        inner.clock += 1;
        let clock = inner.clock;
        let entry = inner.map.get_mut(key).filter(|e| e.stamp == stamp)?;
        entry.last_used = clock;
        Some(entry.value.clone())
    }

    /// Keeps `value` for `key` at `stamp`, replacing an older answer. A value heavier than a
    /// quarter of the budget is not kept; when the budget is exceeded the least recently used
    /// quarter goes.
    pub fn put(&self, key: K, stamp: Stamp, value: V) {
        let weight = (self.weigh)(&value).max(1);
        if weight > self.budget / 4 {
            return;
        }
        let mut inner = self.lock();
        inner.clock += 1;
        let last_used = inner.clock;
        if let Some(old) = inner.map.insert(key, Entry { stamp, value, weight, last_used }) {
            inner.used -= old.weight;
        }
        inner.used += weight;
        if inner.used > self.budget {
            evict(&mut inner, self.budget - self.budget / 4);
        }
    }

    /// How many answers are kept and their total weight.
    pub fn usage(&self) -> (usize, usize) {
        let inner = self.lock();
        (inner.map.len(), inner.used)
    }
}

/// Drops the least recently used entries until at most `target` weight is left.
fn evict<K: Eq + Hash + Clone, V>(inner: &mut Inner<K, V>, target: usize) {
    let mut by_age: Vec<(u64, K)> = inner.map.iter().map(|(k, e)| (e.last_used, k.clone())).collect();
    by_age.sort_unstable_by_key(|(t, _)| *t);
    for (_, key) in by_age {
        if inner.used <= target {
            break;
        }
        if let Some(e) = inner.map.remove(&key) {
            inner.used -= e.weight;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[allow(clippy::ptr_arg)] // the weight function takes &V
    fn bytes(v: &Vec<u8>) -> usize {
        v.len()
    }

    #[test]
    fn an_answer_holds_only_for_its_stamp() {
        let cache: EpochCache<&str, Vec<u8>> = EpochCache::new(1000, bytes);
        cache.put("a", [3, 0], vec![1]);
        assert_eq!(cache.get(&"a", [3, 0]), Some(vec![1]));
        assert_eq!(cache.get(&"a", [4, 0]), None, "the school's data changed");
        assert_eq!(cache.get(&"a", [3, 1]), None, "the class's data changed");
        cache.put("a", [4, 0], vec![2]);
        assert_eq!(cache.get(&"a", [4, 0]), Some(vec![2]));
        assert_eq!(cache.usage(), (1, 1));
    }

    #[test]
    fn the_least_recently_used_go_when_the_budget_is_exceeded() {
        let cache: EpochCache<u32, Vec<u8>> = EpochCache::new(100, bytes);
        for k in 0..10 {
            cache.put(k, [0, 0], vec![0; 10]);
        }
        assert!(cache.get(&0, [0, 0]).is_some(), "0 is now the most recently used");
        cache.put(10, [0, 0], vec![0; 10]);
        let (count, used) = cache.usage();
        assert!(used <= 75 && count == used / 10, "{count} entries, {used} bytes");
        assert!(cache.get(&0, [0, 0]).is_some());
        assert!(cache.get(&10, [0, 0]).is_some());
        assert!(cache.get(&1, [0, 0]).is_none(), "the oldest went");
        cache.put(99, [0, 0], vec![0; 26]);
        assert!(cache.get(&99, [0, 0]).is_none(), "heavier than a quarter of the budget: not kept");
    }
}
