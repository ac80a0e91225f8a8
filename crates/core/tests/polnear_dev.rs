//! Accuracy on PolNeAR dev, when the corpus is beside the checkout (`../shared/data/polnear`).
//! A floor under the measured scores, so that a change that loses accuracy fails here; the
//! README gives the current numbers and the command that reproduces them.

mod common;

use quotelens_core::eval::{evaluate, score_resolution, score_speaker_types};
use quotelens_core::pipeline::label_article;

#[test]
fn polnear_dev_scores_stay_at_or_above_the_measured_floor() {
    let Some((gold, articles)) = common::polnear_dev() else { return };
    let predictions: Vec<_> = articles.iter().flat_map(label_article).collect();
    let report = evaluate(&gold, &predictions);
    let quote = report.quotes.iter().find(|(t, _)| *t == 0.5).unwrap().1;
    let direct = report.by_type.iter().find(|(n, _)| *n == "direct").unwrap().1;
    eprintln!("{}", quotelens_core::eval::format_report(&report));
    assert!(quote.f1() >= 0.685, "quote F1 at 0.5 fell to {:.3}", quote.f1());
    assert!(quote.precision() >= 0.79, "quote precision fell to {:.3}", quote.precision());
    assert!(report.attribution.f1() >= 0.63, "attribution F1 fell to {:.3}", report.attribution.f1());
    assert!(direct.recall() >= 0.94, "direct recall fell to {:.3}", direct.recall());
    let source = report.exact.iter().find(|(n, _)| *n == "source").unwrap().1;
    assert!(source.f1() >= 0.67, "exact source F1 fell to {:.3}", source.f1());
}

#[test]
fn pronoun_sources_of_polnear_dev_resolve_to_the_hand_checked_antecedent() {
    let Some((_, articles)) = common::polnear_dev() else { return };
    let predictions: Vec<_> = articles.iter().flat_map(label_article).collect();
    let score = score_resolution(&common::antecedents("pronoun"), &predictions);
    eprint!("{}", quotelens_core::eval::format_resolution(&score));
    assert_eq!(score.annotated, 100);
    // Measured 71 right of 77 attributed (README, "Accuracy").
    assert!(score.attributed >= 68, "only {} of the pronouns were attributed", score.attributed);
    assert!(
        score.right as f64 >= 0.91 * score.attributed as f64,
        "{} of {} resolved right",
        score.right,
        score.attributed
    );
}

#[test]
fn speaker_types_of_polnear_dev_match_the_hand_checked_ones() {
    let Some((_, articles)) = common::polnear_dev() else { return };
    let predictions: Vec<_> = articles.iter().flat_map(label_article).collect();
    let score = score_speaker_types(&common::speaker_types(), &predictions);
    eprint!("{}", quotelens_core::eval::format_speaker_types(&score));
    assert_eq!(score.annotated, 147);
    // Measured 110 right, 4 unknown, 1 wrong of 115 attributed (README, "Accuracy").
    assert!(score.attributed >= 108, "only {} of the mentions were attributed", score.attributed);
    assert!(
        score.right as f64 >= 0.95 * score.attributed as f64,
        "{} of {} typed right",
        score.right,
        score.attributed
    );
    assert!(
        score.wrong() as f64 <= 0.04 * score.attributed as f64,
        "{} of {} typed wrong",
        score.wrong(),
        score.attributed
    );
}
