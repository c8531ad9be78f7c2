//! Deterministic pseudo-random numbers (xorshift64), one stream per school: the same arguments
//! give the same schools (ids and nothing else aside).

/// A xorshift64 generator.
pub struct Dice(u64);

impl Dice {
    /// The stream of the school at `index` (0-based), seeded through SplitMix64 so that
    /// neighbouring schools do not start alike.
    pub fn for_school(index: usize) -> Dice {
        let mut z = (index as u64).wrapping_add(0x6863_6261_2025_2026).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // xorshift never leaves 0.
        Dice(if z == 0 { 0x2545_F491_4F6C_DD1D } else { z })
    }

    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: i32, high: i32) -> i32 {
        let span = u64::try_from(i64::from(high) - i64::from(low) + 1).unwrap_or(1);
        low + i32::try_from(self.below(span)).unwrap_or(0)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[usize::try_from(self.below(items.len() as u64)).unwrap_or(0)]
    }

    /// An index drawn by weight (a weight of 0 is never drawn; all zero gives 0).
    pub fn weighted(&mut self, weights: &[u32]) -> usize {
        let total: u64 = weights.iter().map(|w| u64::from(*w)).sum();
        let mut roll = self.below(total.max(1));
        for (i, w) in weights.iter().enumerate() {
            let w = u64::from(*w);
            if roll < w {
                return i;
            }
            roll -= w;
        }
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_school_same_numbers_other_school_other_numbers() {
        let draw = |i| {
            let mut d = Dice::for_school(i);
            (0..8).map(|_| d.next()).collect::<Vec<_>>()
        };
        assert_eq!(draw(3), draw(3));
        assert_ne!(draw(3), draw(4));
    }

    #[test]
    fn ranges_and_weights_hold() {
        let mut d = Dice::for_school(0);
        for _ in 0..1000 {
            let v = d.between(5, 10);
            assert!((5..=10).contains(&v));
            assert_ne!(d.weighted(&[0, 3, 0, 1]), 0);
        }
    }
}
