//! Text no one would write, as scraped corpora hold it: the rules never panic on it, and every
//! record's offsets still slice to its text.

mod common;
use common::{assert_offsets, label};

/// News words, speech verbs, names and every kind of quotation mark and punctuation the rules
/// look at, to be drawn at random.
const WORDS: &[&str] = &[
    "the", "minister", "said", "that", "he", "would", "not", "accept", "a", "deal", "with", "union", ",", "mayor",
    "told", "reporters", ".", "“", "”", "\"", "'", "‘", "’", "—", "says", "according", "to", "Mr.", "Lee", "Ann", "of",
    "and", "but", "who", "which", "it", "they", "she", "added", "warned", "insisted", "claimed", ":", ";", "(", ")",
    "«", "»", "27", "\n\n",
];

/// A deterministic article of `n` words drawn from [`WORDS`] (SplitMix64 from `seed`).
fn random_article(seed: u64, n: usize) -> String {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    (0..n).map(|_| WORDS[(next() % WORDS.len() as u64) as usize]).collect::<Vec<_>>().join(" ")
}

#[test]
fn an_empty_aside_between_two_commas_is_no_speaker_and_no_panic() {
    // Two commas in a row after the speaker once indexed an empty aside.
    let r = label("\"We will go on,\" the minister, , said.");
    assert_eq!(r.len(), 1, "{r:?}");
    assert_eq!((r[0].quote_text.as_str(), r[0].speaker.as_str()), ("We will go on", "the minister"));
}

#[test]
fn random_news_words_and_quote_marks_never_panic_and_keep_offsets_honest() {
    for seed in 0..120 {
        let text = random_article(seed, 40 + (seed as usize * 37) % 2500);
        let records = std::panic::catch_unwind(|| label(&text))
            .unwrap_or_else(|_| panic!("the rules panicked on random article {seed}"));
        assert_offsets(&text, &records);
    }
}
