//! Any bytes, read as text (invalid UTF-8 replaced), labelled by the rules: they must not panic,
//! and every record's offsets must lie inside the article, in code points, and slice it to the
//! record's quote, speaker mention and cue. The properties the rules are known to break today
//! (repeated quote ids, crossing quotes: see `tests/properties.rs`) are left to the property
//! tests.
#![no_main]

use libfuzzer_sys::fuzz_target;
use quotelens_core::article::Article;
use quotelens_core::pipeline::label_article;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // A `date YYYY-MM-DD` first line moves the body's start; without one this is `Article::new`.
    let article = Article::from_plain_text("f", text.as_ref());
    let records = label_article(&article);
    let chars: Vec<char> = text.chars().collect();
    let slice = |start: usize, end: usize, what: &str, expected: &str| {
        assert!(start <= end && end <= chars.len(), "{what} {start}..{end} outside 0..{}", chars.len());
        assert_eq!(chars[start..end].iter().collect::<String>(), expected, "{what} {start}..{end}");
    };
    for r in &records {
        slice(r.quote_start, r.quote_end, "quote", &r.quote_text);
        for (what, start, end, expected) in
            [("speaker", r.speaker_start, r.speaker_end, &r.speaker_mention), ("cue", r.cue_start, r.cue_end, &r.cue)]
        {
            match (start, end) {
                (Some(s), Some(e)) => slice(s, e, what, expected),
                (None, None) => assert!(expected.is_empty(), "{what} {expected:?} without offsets"),
                _ => panic!("{what} with one offset of two: {start:?}..{end:?}"),
            }
        }
    }
});
