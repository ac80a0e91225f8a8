//! Property tests of the rules: whatever text they are given, `label_article` never panics and
//! every record it returns is honest about where it came from.
//!
//! For every record of every generated article:
//! - the rules did not panic (proptest catches a panic and reports it as a failure);
//! - every offset lies inside the article, counted in code points, and no span ends before it
//!   starts;
//! - the quote's offsets slice the article to exactly `quote_text`, and the speaker's and cue's,
//!   when present, to exactly `speaker_mention` and `cue` (an absent span has no text);
//! - no two quotes of an article overlap unless one lies wholly inside the other. Nesting does
//!   occur ("asked Dr. Ann Roe, Mr. Lee said." gives "asked Dr. Ann Roe" and "Dr. Ann Roe"), though
//!   docs/quotes.md says reported speech nested in a quote stays part of it; see
//!   `nested_quotes_are_not_separate_records` below;
//! - quote ids are unique within the article and are `<article_id>:<quote_start>`, or
//!   `<article_id>:<quote_start>-<quote_end>` (with `.2`… for the same span again) for quotes
//!   that start together, as `QuoteRecord` documents.
//!
//! Two known bugs break these (each kept as an ignored test at the end, with its smallest
//! input): crossing quotes, and nested quotes where docs/quotes.md says there are none. The
//! properties that run by default let the first pass (see [`Tolerate`]) so that they keep
//! guarding everything else; the `strictly` ones (ignored) let nothing pass. A panic they found
//! ("He was asked Dr.") and repeated quote ids are fixed and kept as tests.
//!
//! The articles are adversarial news-like text (news words, speech verbs, names, pronouns,
//! every kind of quotation mark, dashes, colons, line breaks, parentheses, non-ASCII letters,
//! combining marks, emoji, control characters, very long words, whole sentences in the forms
//! the rules look for, with marks mismatched at random), arbitrary Unicode strings, and the two
//! mixed.
//!
//! Runs `DEFAULT_CASES` cases per property from a fixed seed (5 to 12 s in release on two
//! cores); set `QUOTELENS_PROPTEST_CASES` for a longer soak from a random seed, e.g.
//! `QUOTELENS_PROPTEST_CASES=100000 cargo test --release -p quotelens-core --test properties`
//! (add `-- --ignored` for the strict properties). proptest's own `PROPTEST_CASES` is
//! overridden; `PROPTEST_RNG_SEED` is honoured.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::RngSeed;
use quotelens_core::article::Article;
use quotelens_core::pipeline::label_article;
use quotelens_core::record::QuoteRecord;

/// Cases per property when `QUOTELENS_PROPTEST_CASES` is not set.
const DEFAULT_CASES: u32 = 4000;

/// The seed of the default run, so that CI checks the same articles every time (a soak, or
/// `PROPTEST_RNG_SEED`, draws others).
const DEFAULT_SEED: u64 = 0x5155_4f54_454c_454e;

fn config() -> ProptestConfig {
    let soak = std::env::var("QUOTELENS_PROPTEST_CASES").ok().and_then(|v| v.trim().parse().ok());
    let mut config = ProptestConfig { cases: soak.unwrap_or(DEFAULT_CASES), ..ProptestConfig::default() };
    if soak.is_none() && std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(DEFAULT_SEED);
    }
    config
}

const NEWS_WORDS: &[&str] = &[
    "the", "a", "minister", "government", "mayor", "council", "union", "deal", "plan", "budget", "would", "will",
    "not", "accept", "that", "with", "of", "and", "but", "who", "which", "on", "Monday", "in", "May", "police",
    "officials", "reporters", "spokesman", "spokeswoman", "president", "statement", "interview", "week", "last",
    "year", "27", "3.5", "per", "cent", "BRUSSELS", "WASHINGTON", "(AP)", "Reuters", "Breaking", "Update", "asked",
    "about", "whether", "expected", "reportedly", "is", "was", "has", "been", "it", "its", "Inc.", "U.S.", "Dr.",
    "St.", "No.", "etc.", "i.e.", "e.g.",
];

const SPEECH_VERBS: &[&str] = &[
    "said", "says", "told", "added", "according to", "warned", "insisted", "claimed", "stated", "announced", "wrote",
    "posted", "argued", "explained", "noted", "asked", "replied", "denied", "confirmed", "said on Twitter",
    "told reporters", "said in a statement", "is quoted as saying",
];

const NAMES: &[&str] = &[
    "Mr. Lee",
    "Ann Roe",
    "Lee",
    "Roe",
    "Dr. Ann Roe",
    "Mayor Lena Ortiz",
    "the minister",
    "a spokesman",
    "Sen. John Smith, R-Texas,",
    "PENCE",
    "BERG",
    "HOLM",
    "José Müller",
    "Zoë Ørsted",
    "İlker Yılmaz",
    "Ødegaard",
    "O'Neill",
    "D'Angelo",
    "Jean-Luc Picard",
    "Xi Jinping",
    "习近平",
    "Ms. Nguyễn Thị",
    "the White House",
    "officials",
    "Trump",
    "Biden",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "He", "She", "They", "his", "her", "it", "we", "I", "you", "him"];

/// Every kind of quotation mark, and the doubled-apostrophe form.
const MARKS: &[&str] = &[
    "\"", "“", "”", "‘", "’", "'", "«", "»", "„", "‹", "›", "‚", "''", "``", "「", "」", "『", "』", "〝", "〞", "＂",
];

const PUNCT: &[&str] = &[
    ",", ".", ":", ";", "!", "?", "…", "...", "(", ")", "[", "]", "—", "–", "-", "--", " - ", " — ", "/", "&", "*",
    "#", "@", "%", ",,", "..", ":\n", "),", ".\"", ",\"", "?”", ".”", ",”",
];

const BREAKS: &[&str] = &["\n", "\n\n", "\n\n\n", "\r\n", "\r\n\r\n", "\t", "  ", " \n ", "\n \n"];

const NON_ASCII: &[&str] = &[
    "é", "ß", "ü", "Ü", "ñ", "ø", "İ", "ı", "ﬁ", "ŉ", "ΐ", "ΟΔΟΣ", "Straße", "naïve", "café", "東京都知事", "北京",
    "記者", "한국", "مرحبا", "שלום", "Москва", "😀", "👍🏽", "👨‍👩‍👧", "🇫🇷", "e\u{301}", "\u{301}", "a\u{308}\u{332}",
    "\u{20dd}", "𝔘𝔫𝔦", "\u{a0}", "\u{2009}", "\u{3000}", "\u{200d}", "\u{200f}", "\u{202e}",
];

const CONTROLS: &[&str] = &[
    "\0", "\u{1}", "\u{7}", "\u{8}", "\u{b}", "\u{c}", "\r", "\u{1b}", "\u{7f}", "\u{85}", "\u{2028}", "\u{2029}",
    "\u{feff}", "\u{200b}", "\u{fffd}", "\u{ffff}", "\u{10ffff}", "\u{e000}",
];

/// Sentences in the forms the rules look for. `{N}` a name, `{P}` a pronoun, `{V}` a speech
/// verb, `{O}`/`{C}` an opening/closing mark (often a mismatched pair), `{W}`/`{X}` words.
const TEMPLATES: &[&str] = &[
    "{O}{W},{C} {N} {V}.",
    "{O}{W},{C} {V} {N}.",
    "{O}{W}{C} {N} {V}.",
    "{N} {V}: {O}{W}.{C}",
    "{N} {V} {W}.",
    "{N} {V} that {W}.",
    "According to {N}, {W}.",
    "{W}, according to {N}.",
    "{W}, {N} {V}.",
    "{O}{W},{C} {P} {V}, {O}{X}.{C}",
    "{O}{W}, {P} {V}, {X}.",
    "{W}, {P} {V}, {X}.",
    "{N}: {W}",
    "{O}{N}: {W}",
    "Asked about {W}, {N} {V} {X}.",
    "{N} {V} {W} {O}{X}{C}.",
    "{O}{W}.\n\n{O}{X},{C} {N} {V}.",
    "{O}{W}\n\n{O}{X}{C}",
    "{N} ({W}) {V} {X}.",
    "{N}, {W}, {V} {O}{X}{C}",
    "WASHINGTON (AP) — {N} {V} {W}.",
    "{N} - {W}",
    "{O}{O}{W}{C}{C}",
    "{C}{W}{O}",
];

/// A token of news text: one of the lists above (news words weighed most), a run of
/// quotation marks, a very long word, or any code point at all.
fn token() -> BoxedStrategy<String> {
    let pick = |list: &'static [&'static str]| select(list).prop_map(str::to_string);
    prop_oneof![
        12 => pick(NEWS_WORDS),
        4 => pick(SPEECH_VERBS),
        4 => pick(NAMES),
        3 => pick(PRONOUNS),
        6 => pick(MARKS),
        5 => pick(PUNCT),
        3 => pick(BREAKS),
        3 => pick(NON_ASCII),
        2 => pick(CONTROLS),
        1 => vec(select(MARKS), 2..12).prop_map(|m| m.concat()),
        1 => "[a-zA-Zéüß\u{301}]{40,600}",
        1 => any::<char>().prop_map(String::from),
    ]
    .boxed()
}

/// A few tokens, space-separated (mostly).
fn words() -> impl Strategy<Value = String> {
    vec((token(), select(&[" ", " ", " ", " ", "", "\n"][..])), 0..14).prop_map(|ws| {
        ws.into_iter().enumerate().fold(String::new(), |mut s, (i, (w, sep))| {
            if i > 0 {
                s.push_str(sep);
            }
            s.push_str(&w);
            s
        })
    })
}

/// A matched pair of marks most of the time, any two marks otherwise.
fn mark_pair() -> impl Strategy<Value = (String, String)> {
    let matched = select(
        &[
            ("\"", "\""),
            ("“", "”"),
            ("‘", "’"),
            ("'", "'"),
            ("«", "»"),
            ("„", "“"),
            ("‹", "›"),
            ("»", "«"),
            ("''", "''"),
            ("``", "''"),
            ("「", "」"),
        ][..],
    )
    .prop_map(|(o, c)| (o.to_string(), c.to_string()));
    let any_pair = (select(MARKS), select(MARKS)).prop_map(|(o, c)| (o.to_string(), c.to_string()));
    prop_oneof![3 => matched, 1 => any_pair]
}

/// One sentence from [`TEMPLATES`].
fn sentence() -> impl Strategy<Value = String> {
    (select(TEMPLATES), select(NAMES), select(PRONOUNS), select(SPEECH_VERBS), mark_pair(), words(), words()).prop_map(
        |(template, name, pronoun, verb, (open, close), w, x)| {
            template
                .replace("{N}", name)
                .replace("{P}", pronoun)
                .replace("{V}", verb)
                .replace("{O}", &open)
                .replace("{C}", &close)
                .replace("{W}", &w)
                .replace("{X}", &x)
        },
    )
}

/// News-like text: sentences and loose tokens, joined by spaces and line breaks.
fn news_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![3 => sentence(), 2 => token()];
    let sep = select(&[" ", " ", " ", "\n\n", "\n", "", "\n\n\n", " \n\n"][..]);
    vec((piece, sep), 0..40).prop_map(|ps| {
        ps.into_iter().fold(String::new(), |mut s, (p, sep)| {
            s.push_str(&p);
            s.push_str(sep);
            s
        })
    })
}

/// Arbitrary Unicode: any code points at all, line breaks included.
fn unicode_text() -> impl Strategy<Value = String> {
    prop_oneof![vec(any::<char>(), 0..400).prop_map(String::from_iter), any::<String>()]
}

/// Arbitrary code points mixed into news-like text.
fn mixed_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![2 => sentence(), 1 => vec(any::<char>(), 1..30).prop_map(String::from_iter)];
    vec(piece, 0..20).prop_map(|ps| ps.join(" "))
}

/// An optional `date YYYY-MM-DD ` header, which moves the body's start but not the offsets.
fn header() -> impl Strategy<Value = &'static str> {
    select(
        &[
            "",
            "",
            "",
            "date 2024-05-01 ",
            "date 2024-05-01 Headline: “Talks fail,” says Lee\n\n",
            "  date 1999-12-31\t",
        ][..],
    )
}

/// The code points `start..end` of `text`, as a Python user would slice it.
fn slice(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

/// Check one span of a record: inside the article, in order, slicing to `expected`.
fn check_span(
    text: &str,
    len: usize,
    what: &str,
    id: &str,
    start: usize,
    end: usize,
    expected: &str,
) -> Result<(), TestCaseError> {
    prop_assert!(start <= end, "{id}: {what} starts at {start} after it ends at {end}");
    prop_assert!(end <= len, "{id}: {what} ends at {end}, past the article's {len} code points");
    let sliced = slice(text, start, end);
    prop_assert_eq!(&sliced, expected, "{}: {} offsets {}..{} slice to something else", id, what, start, end);
    Ok(())
}

/// What the properties let pass: nothing when strict; the known bugs (see the `known bug` tests
/// at the end) in the properties that run by default, so that they keep guarding everything
/// else until those are fixed.
#[derive(Clone, Copy)]
struct Tolerate {
    /// Two quotes with the same id (two quotes starting at the same code point).
    repeated_ids: bool,
    /// Two quotes that overlap with neither inside the other.
    crossing_quotes: bool,
}

const STRICT: Tolerate = Tolerate { repeated_ids: false, crossing_quotes: false };
const KNOWN_BUGS: Tolerate = Tolerate { repeated_ids: false, crossing_quotes: true };

/// Label `text` (after `header`) and check every property of its records.
fn check(header: &str, body: &str, tolerate: Tolerate) -> Result<(), TestCaseError> {
    let text = format!("{header}{body}");
    let article =
        if header.is_empty() { Article::new("a", text.as_str()) } else { Article::from_plain_text("a", text.as_str()) };
    check_records(&text, &label_article(&article), tolerate)
}

fn check_records(text: &str, records: &[QuoteRecord], tolerate: Tolerate) -> Result<(), TestCaseError> {
    let len = text.chars().count();
    for r in records {
        let id = r.quote_id.as_str();
        check_span(text, len, "quote", id, r.quote_start, r.quote_end, &r.quote_text)?;
        for (what, start, end, expected) in
            [("speaker", r.speaker_start, r.speaker_end, &r.speaker_mention), ("cue", r.cue_start, r.cue_end, &r.cue)]
        {
            match (start, end) {
                (Some(s), Some(e)) => check_span(text, len, what, id, s, e, expected)?,
                (None, None) => prop_assert!(expected.is_empty(), "{id}: {what} {expected:?} has no offsets"),
                _ => prop_assert!(false, "{id}: {what} has one offset of two: {start:?}..{end:?}"),
            }
        }
        let plain = format!("{}:{}", r.article_id, r.quote_start);
        let spanned = format!("{plain}-{}", r.quote_end);
        let copy = id.strip_prefix(spanned.as_str()).and_then(|rest| rest.strip_prefix('.'));
        prop_assert!(
            id == plain || id == spanned || copy.is_some_and(|n| n.parse::<u32>().is_ok_and(|n| n > 1)),
            "quote id {id} is not <article_id>:<quote_start>[-<quote_end>[.<copy>]]"
        );
    }
    for (i, a) in records.iter().enumerate() {
        for b in &records[i + 1..] {
            prop_assert!(tolerate.repeated_ids || a.quote_id != b.quote_id, "two quotes share the id {}", a.quote_id);
            let overlap = a.quote_start < b.quote_end && b.quote_start < a.quote_end;
            let nested = a.quote_start <= b.quote_start && b.quote_end <= a.quote_end
                || b.quote_start <= a.quote_start && a.quote_end <= b.quote_end;
            prop_assert!(
                tolerate.crossing_quotes || !overlap || nested,
                "quotes {} ({}..{} {:?}) and {} ({}..{} {:?}) overlap, neither inside the other",
                a.quote_id,
                a.quote_start,
                a.quote_end,
                a.quote_text,
                b.quote_id,
                b.quote_start,
                b.quote_end,
                b.quote_text
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn news_like_text_never_panics_and_records_are_honest(header in header(), body in news_text()) {
        check(header, &body, KNOWN_BUGS)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics_and_records_are_honest(header in header(), body in unicode_text()) {
        check(header, &body, KNOWN_BUGS)?;
    }

    #[test]
    fn unicode_mixed_into_news_never_panics_and_records_are_honest(header in header(), body in mixed_text()) {
        check(header, &body, KNOWN_BUGS)?;
    }
}

/// The generators reach the rules: a good share of news-like articles yield quotes, with
/// speakers and cues, so the properties above are not checked on empty output alone.
#[test]
fn news_like_text_yields_quotes_speakers_and_cues() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::{Config, TestRng, TestRunner};
    let mut runner =
        TestRunner::new_with_rng(Config::default(), TestRng::deterministic_rng(Config::default().rng_algorithm));
    let (mut articles, mut with_quotes, mut quotes, mut speakers, mut cues) = (0, 0, 0, 0, 0);
    for _ in 0..200 {
        let text = news_text().new_tree(&mut runner).unwrap().current();
        let records = label_article(&Article::new("a", text.as_str()));
        articles += 1;
        with_quotes += usize::from(!records.is_empty());
        quotes += records.len();
        speakers += records.iter().filter(|r| r.speaker_start.is_some()).count();
        cues += records.iter().filter(|r| r.cue_start.is_some()).count();
    }
    eprintln!("{with_quotes} of {articles} articles with quotes; {quotes} quotes, {speakers} with a speaker span, {cues} with a cue");
    assert!(with_quotes * 2 > articles, "only {with_quotes} of {articles} generated articles yield a quote");
    assert!(speakers * 4 > quotes && cues * 4 > quotes, "{quotes} quotes, {speakers} speakers, {cues} cues");
}

// The properties in full, the known bugs included: run with `--ignored` once they are fixed,
// then drop `KNOWN_BUGS` above and these.
proptest! {
    #![proptest_config(config())]

    #[test]
    #[ignore = "known bug: crossing quotes (see below)"]
    fn news_like_text_strictly(header in header(), body in news_text()) {
        check(header, &body, STRICT)?;
    }

    #[test]
    #[ignore = "known bug: crossing quotes (see below)"]
    fn unicode_mixed_into_news_strictly(header in header(), body in mixed_text()) {
        check(header, &body, STRICT)?;
    }
}

/// Label `text` and check every property, strictly; fail with the records on a violation.
#[track_caller]
fn assert_honest(text: &str) {
    let records = label_article(&Article::new("a", text));
    if let Err(e) = check_records(text, &records, STRICT) {
        panic!("{e}\n{records:#?}");
    }
}

/// These panicked (index out of bounds: `question_frame` read the question from one past the
/// last token) until `attribution::asked` learnt to stop there.
#[test]
fn asked_before_a_closing_abbreviation_does_not_panic() {
    for text in ["He was asked Dr.", "is asked Inc.", "x\n\".\"‘is asked y"] {
        assert_honest(text);
    }
}

#[test]
#[ignore = "known bug: a mixed quote ending inside a stray opening mark crosses the direct quote that mark opens"]
fn a_stray_opening_mark_makes_no_crossing_quotes() {
    // "x \"y" (added, Ann) and "y." (told, Lee) cross.
    assert_honest("Lee told Ann added x \"y.");
}

#[test]
fn quotes_starting_together_have_distinct_ids() {
    // "Ann Roe" (Lee said) and "Ann Roe, Lee said on Twitter \"\"\"\"\"»«)" (police said): both a:0.
    assert_honest("Ann Roe, Lee said on Twitter \"\"\"\"\"»«), said police.");
    // "\".\", Mr. Lee" (according to Roe) and "\".\", Mr. Lee according to Roe" (Ann warned).
    assert_honest("\".\", Mr. Lee according to Roe, Ann warned.");
}

#[test]
#[ignore = "known bug: docs/quotes.md says reported speech nested inside another attribution's content is not a quote of its own"]
fn nested_quotes_are_not_separate_records() {
    // "asked Ann Roe" (Mr. Lee said) holds "Ann Roe" (asked, no speaker).
    let records = label_article(&Article::new("a", "asked Ann Roe, Mr. Lee said."));
    for (i, a) in records.iter().enumerate() {
        for b in &records[i + 1..] {
            assert!(a.quote_end <= b.quote_start || b.quote_end <= a.quote_start, "{a:#?}\n{b:#?}");
        }
    }
}
