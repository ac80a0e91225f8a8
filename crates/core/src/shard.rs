//! Splitting a corpus into shares for a cluster: `--shard K/N` keeps the articles whose id hashes
//! to share K of N, so that N copies of one command (a Slurm job array, a Kubernetes Indexed Job)
//! label every article exactly once, with no scheduler of our own and nothing shared between
//! them.
//!
//! The hash is 64-bit FNV-1a of the id's UTF-8 bytes, fixed here rather than taken from the
//! standard library (whose hasher may change between Rust releases), so that a share is the same
//! on every machine, build and run. Copies of one id (a corpus that repeats an article) fall in
//! the same share, where they are reported as duplicates as in a single run.

use std::fmt;
use std::str::FromStr;

/// Share `index` of `count` (counted from 0), as `--shard 3/10` gives it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// Which share, from 0 to `count - 1`.
    pub index: u64,
    /// How many shares the corpus is split into.
    pub count: u64,
}

impl Shard {
    /// The whole corpus: one share of one.
    pub const ALL: Shard = Shard { index: 0, count: 1 };

    /// Whether the item with this key (an article id, or `file:row` for an input error) is in
    /// this share.
    pub fn contains(&self, key: &str) -> bool {
        stable_hash(key) % self.count == self.index
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let usage = || format!("--shard {s:?}: expected K/N with 0 <= K < N, e.g. 0/10 (share K of N, counted from 0)");
        let (k, n) = s.split_once('/').ok_or_else(usage)?;
        let (index, count): (u64, u64) =
            (k.trim().parse().map_err(|_| usage())?, n.trim().parse().map_err(|_| usage())?);
        if count == 0 || index >= count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

/// Which copy of its id each article is: 1 for the first article with an id, 2 for the next…
/// (`label` reports the copies and gives their quote ids `<id>#<copy>:…`; `merge` finds them so).
/// Ids are kept as their 64-bit hashes, so that memory stays small on a corpus of millions.
#[derive(Debug, Default)]
pub struct CopyCounter(std::collections::HashMap<u64, u32>);

impl CopyCounter {
    /// Count one more article with `id`, and say which copy it is.
    pub fn copy_number(&mut self, id: &str) -> u32 {
        let seen = self.0.entry(stable_hash(id)).or_insert(0);
        *seen += 1;
        *seen
    }
}

/// 64-bit FNV-1a of `key`'s UTF-8 bytes: stable across machines, builds and Rust releases.
pub fn stable_hash(key: &str) -> u64 {
    const OFFSET_BASIS: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    key.bytes().fold(OFFSET_BASIS, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(PRIME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_is_fnv_1a_as_published() {
        // Test vectors of the FNV reference implementation.
        assert_eq!(stable_hash(""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(stable_hash("a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(stable_hash("foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn every_key_falls_in_exactly_one_share() {
        let shards: Vec<Shard> = (0..7).map(|index| Shard { index, count: 7 }).collect();
        for k in 0..1000 {
            let key = format!("article-{k}");
            assert_eq!(shards.iter().filter(|s| s.contains(&key)).count(), 1, "{key}");
        }
        assert!(Shard::ALL.contains("anything"));
    }

    #[test]
    fn shares_are_read_from_k_slash_n_and_bad_ones_say_what_is_expected() {
        assert_eq!("3/10".parse::<Shard>(), Ok(Shard { index: 3, count: 10 }));
        for bad in ["10/10", "1/0", "3", "a/b", "-1/4"] {
            let err = bad.parse::<Shard>().unwrap_err();
            assert!(err.contains("expected K/N"), "{bad}: {err}");
        }
    }
}
