//! A small deterministic PRNG (SplitMix64): the corpus must be the same on every machine and with every version
//! of every dependency, so the generator carries its own.

/// SplitMix64 (Steele, Lea, Flood 2014): 64 bits of state, passes BigCrush, plenty for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

/// Mixes two values into a well-spread seed (the finaliser of SplitMix64).
pub fn mix(a: u64, b: u64) -> u64 {
    let mut z = a ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(mix(seed, 0x6E69_616E_6261_6F00))
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A fresh generator for a sub-task, so that adding draws to one part does not shift the others.
    pub fn fork(&mut self) -> Rng {
        Rng(self.next_u64())
    }

    /// Uniform in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `0..n` as an index (0 when `n` is 0).
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// Uniform in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Roughly log-uniform in `lo..=hi` (`lo` ≥ 0): small organs are many, large ones few.
    pub fn log_range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let (a, b) = (((lo + 1) as f64).ln(), ((hi + 1) as f64).ln());
        let v = (a + (b - a) * self.unit()).exp() - 1.0;
        (v.round() as i64).clamp(lo, hi)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// An index drawn with the given (non-negative) weights.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= w;
        }
        weights.len() - 1
    }

    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.below(i as u64 + 1) as usize;
            items.swap(i, j);
        }
    }

    /// `k` distinct items of `items`, in their original order.
    pub fn choose<T: Clone>(&mut self, items: &[T], k: usize) -> Vec<T> {
        let mut idx: Vec<usize> = (0..items.len()).collect();
        self.shuffle(&mut idx);
        idx.truncate(k.min(items.len()));
        idx.sort_unstable();
        idx.into_iter().map(|i| items[i].clone()).collect()
    }

    /// Splits `total` into `weights.len()` non-negative parts, each drawn in proportion to its (noisy) weight;
    /// a part whose weight is 0 stays 0.
    pub fn split(&mut self, total: i64, weights: &[f64]) -> Vec<i64> {
        let mut parts = vec![0i64; weights.len()];
        if total <= 0 || weights.iter().all(|w| *w <= 0.0) {
            return parts;
        }
        let noisy: Vec<f64> = weights
            .iter()
            .map(|w| {
                if *w > 0.0 {
                    w * (0.4 + 1.2 * self.unit())
                } else {
                    0.0
                }
            })
            .collect();
        if total <= 64 {
            for _ in 0..total {
                parts[self.weighted(&noisy)] += 1;
            }
            return parts;
        }
        let sum: f64 = noisy.iter().sum();
        let mut given = 0;
        for (p, w) in parts.iter_mut().zip(&noisy) {
            *p = ((total as f64) * w / sum).floor() as i64;
            given += *p;
        }
        for _ in given..total {
            parts[self.weighted(&noisy)] += 1;
        }
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_in_range() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        for _ in 0..1000 {
            assert_eq!(a.next_u64(), b.next_u64());
            let v = a.range(3, 9);
            assert!((3..=9).contains(&v));
            b.range(3, 9);
        }
    }

    #[test]
    fn split_adds_up() {
        let mut r = Rng::new(1);
        for total in [0, 1, 5, 63, 64, 65, 1000, 123_457] {
            let parts = r.split(total, &[0.5, 0.0, 0.2, 0.3]);
            assert_eq!(parts.iter().sum::<i64>(), total);
            assert_eq!(parts[1], 0);
        }
    }
}
