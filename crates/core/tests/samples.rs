//! The shipped sample articles against their hand-checked expected quotes.

mod common;

use quotelens_core::input::{read_inputs, FieldNames};
use quotelens_core::pipeline::label_article;
use std::collections::BTreeSet;

fn samples() -> Vec<quotelens_core::article::Article> {
    let dir = common::checkout().join("data/samples");
    read_inputs(&[dir], &FieldNames::default(), None).map(|a| a.expect("sample articles are readable")).collect()
}

type Row = (String, String, String, String, String, String);

#[test]
fn samples_give_exactly_the_hand_checked_quotes() {
    let path = common::checkout().join("data/expected-quotes.csv");
    let mut reader = csv::Reader::from_path(path).unwrap();
    let expected: BTreeSet<Row> = reader.deserialize().map(|r| r.unwrap()).collect();
    let got: BTreeSet<Row> = samples()
        .iter()
        .flat_map(label_article)
        .map(|r| (r.article_id, r.quote_type, r.speaker, r.speaker_type, r.cue, r.quote_text))
        .collect();
    let missing: Vec<_> = expected.difference(&got).collect();
    let extra: Vec<_> = got.difference(&expected).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nextra: {extra:#?}");
    assert_eq!(expected.len(), 26, "the expectation file lists every quote of the samples");
}

#[test]
fn every_row_of_every_sample_matches_the_text_at_its_offsets() {
    for article in samples() {
        let records = label_article(&article);
        assert!(!records.is_empty(), "{} has quotes", article.id);
        common::assert_offsets(&article.text, &records);
    }
}

#[test]
fn quote_ids_are_unique_and_the_same_on_every_run() {
    let first: Vec<String> = samples().iter().flat_map(label_article).map(|r| r.quote_id).collect();
    let second: Vec<String> = samples().iter().flat_map(label_article).map(|r| r.quote_id).collect();
    assert_eq!(first, second);
    assert_eq!(first.iter().collect::<BTreeSet<_>>().len(), first.len());
}

#[test]
fn dates_come_from_the_header_line_json_field_and_csv_column() {
    let dates: BTreeSet<(String, Option<String>)> = samples().into_iter().map(|a| (a.id, a.date)).collect();
    assert!(dates.contains(&("harbour-agreement".into(), Some("2026-03-14".into()))));
    assert!(dates.contains(&("rail-fares".into(), Some("2026-04-02".into()))));
    assert!(dates.contains(&("clinic-opening".into(), Some("2026-06-08".into()))));
}
