//! Helpers shared by the integration tests.
#![allow(dead_code)]

use quotelens_core::article::Article;
use quotelens_core::eval::{read_gold, GoldArticle};
use quotelens_core::input::{read_inputs, FieldNames};
use quotelens_core::pipeline::label_article;
use quotelens_core::record::QuoteRecord;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The checkout: the workspace root above the crate whose tests run (the core crate's tests
/// share these helpers with the command-line tool's).
pub fn checkout() -> PathBuf {
    let crate_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    crate_dir.ancestors().find(|d| d.join("Cargo.lock").is_file()).unwrap_or(&crate_dir).to_path_buf()
}

/// `relative` (e.g. `../shared/examples/…`) under the checkout, or None, with a note on stderr,
/// when it is not there: the shared corpora are beside CI and developer checkouts, not in the
/// repository, and tests that need them skip without them.
pub fn beside_checkout(relative: &str) -> Option<PathBuf> {
    let path = checkout().join(relative);
    if !path.exists() {
        eprintln!("skipping: {} is not beside this checkout", path.display());
        return None;
    }
    Some(path)
}

/// PolNeAR dev: its gold attributions and the articles that have them, when the corpus is
/// beside the checkout.
pub fn polnear_dev() -> Option<(BTreeMap<String, GoldArticle>, Vec<Article>)> {
    let dev = beside_checkout("../shared/data/polnear/dev")?;
    let gold = read_gold(&dev).unwrap();
    let articles = read_inputs(&[dev.join("text")], &FieldNames::default(), None)
        .map(|a| a.unwrap())
        .filter(|a| gold.contains_key(&a.id))
        .collect();
    Some((gold, articles))
}

/// Label one article given as plain text.
pub fn label(text: &str) -> Vec<QuoteRecord> {
    label_article(&Article::from_plain_text("test", text))
}

/// The one record whose quote text contains `needle`; fails listing what was found otherwise.
pub fn find<'a>(records: &'a [QuoteRecord], needle: &str) -> &'a QuoteRecord {
    let hits: Vec<_> = records.iter().filter(|r| r.quote_text.contains(needle)).collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one quote containing {needle:?}, found {}: {:#?}",
        hits.len(),
        records.iter().map(|r| &r.quote_text).collect::<Vec<_>>()
    );
    hits[0]
}

/// Check the speaker and speaker type of the quote holding `needle`.
#[track_caller]
pub fn assert_speaker(records: &[QuoteRecord], needle: &str, speaker: &str, kind: &str) {
    let q = find(records, needle);
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str()), (speaker, kind), "{q:#?}");
}

/// Label `text` with the rules and check the speaker type of the quote holding each needle.
#[track_caller]
pub fn assert_speaker_types(text: &str, expected: &[(&str, &str)]) {
    let records = label(text);
    for (needle, kind) in expected {
        let q = find(&records, needle);
        assert_eq!(q.speaker_type, *kind, "{q:#?}");
    }
}

/// Whether any record's quote text contains `needle`.
pub fn has(records: &[QuoteRecord], needle: &str) -> bool {
    records.iter().any(|r| r.quote_text.contains(needle))
}

/// Check that every offset of every record points at the text it claims, in code points.
pub fn assert_offsets(text: &str, records: &[QuoteRecord]) {
    let chars: Vec<char> = text.chars().collect();
    let at = |s: usize, e: usize| chars[s..e].iter().collect::<String>();
    for r in records {
        assert_eq!(at(r.quote_start, r.quote_end), r.quote_text, "quote offsets of {}", r.quote_id);
        if let (Some(s), Some(e)) = (r.speaker_start, r.speaker_end) {
            assert_eq!(at(s, e), r.speaker_mention, "speaker offsets of {}", r.quote_id);
        }
        if let (Some(s), Some(e)) = (r.cue_start, r.cue_end) {
            assert_eq!(at(s, e), r.cue, "cue offsets of {}", r.quote_id);
        }
    }
}

/// Hand-checked antecedents of pronoun sources of PolNeAR dev, shipped in `data/`:
/// `"pronoun"` (100 `he`/`she`) or `"possessive"` (16 `his`/`her`).
pub fn antecedents(kind: &str) -> Vec<quotelens_core::eval::Antecedent> {
    quotelens_core::eval::read_antecedents(&checkout().join(format!("data/polnear-dev-{kind}-antecedents.tsv")))
        .unwrap()
}

/// The hand-checked types of 147 speaker mentions of PolNeAR dev, shipped in `data/`.
pub fn speaker_types() -> Vec<quotelens_core::eval::CheckedSpeakerType> {
    quotelens_core::eval::read_speaker_types(&checkout().join("data/polnear-dev-speaker-types.tsv")).unwrap()
}
