//! The example news article shipped beside the project (`../shared/examples/`), when present.
//! It is not committed here; CI and developer machines have it.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use quotelens_core::input::{read_inputs, FieldNames};
use quotelens_core::pipeline::{label_article, label_article_with};
use quotelens_models::tagger::{Tagger, TaggerConfig};
use std::path::PathBuf;

#[test]
fn peace_plan_article_quotes_have_full_speaker_names() {
    let Some(path) = common::beside_checkout("../shared/examples/peace-plan-article.txt") else { return };
    let article = read_inputs(&[path], &FieldNames::default(), None).next().unwrap().unwrap();
    assert_eq!(article.date.as_deref(), Some("2025-11-26"));
    let tagger =
        Tagger::new(TaggerConfig::new(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/attribution"))).unwrap();
    let tagged = tagger.predict(&[article.text.as_str()]).remove(0);
    // The rules alone and the default pipeline (rules and tagger) both get every speaker right.
    for r in [label_article(&article), label_article_with(&article, Some(&tagged))] {
        check(&article.text, &r);
    }
}

fn check(text: &str, r: &[quotelens_core::record::QuoteRecord]) {
    common::assert_offsets(text, r);
    let speaker_of = |needle: &str| common::find(r, needle).speaker.clone();
    assert_eq!(speaker_of("has now been \"fine-tuned,\""), "Donald Trump");
    assert_eq!(speaker_of("Over the past week, my team"), "Donald Trump");
    assert_eq!(speaker_of("I will be briefed on all progress"), "Donald Trump");
    // The paragraph that continues the quote with no attribution of its own.
    assert_eq!(speaker_of("I look forward to hopefully meeting"), "Donald Trump");
    assert_eq!(speaker_of("list of necessary steps"), "Volodymyr Zelenskyy");
    // "He said he planned …": a pronoun speaker.
    let q = common::find(r, "planned to discuss");
    assert_eq!((q.speaker.as_str(), q.speaker_mention.as_str()), ("Volodymyr Zelenskyy", "He"));
    assert_eq!(speaker_of("earliest suitable date"), "Rustem Umerov");
    assert_eq!(speaker_of("Moscow is in touch with US officials"), "Sergey Lavrov");
    assert_eq!(speaker_of("We expect them to provide us"), "Sergey Lavrov");
    assert_eq!(speaker_of("Six people were reported wounded"), "Veniamin Kondratyev");
    let q = common::find(r, "249 Ukrainian drones");
    assert_eq!((q.speaker.as_str(), q.speaker_type.as_str()), ("the Russian Defence Ministry", "organisation"));
    // Sub-heads are not quotes.
    assert!(!common::has(r, "Trump could meet Putin and Zelenskyy"));
}
