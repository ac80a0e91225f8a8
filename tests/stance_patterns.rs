//! The shipped stance model on the patterns of `docs/annotation/stance.md`, with statements
//! written for these tests (none of them is in any corpus): stance is the speaker's position
//! toward the target, not the quote's tone.
//!
//! Each pattern has five statements on different targets; a pattern passes when at least four
//! of five come out as the guideline says, so one borderline statement does not decide a
//! release but a model that reads tone as stance fails.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use quotelens_models::stance::{StanceConfig, StanceModel};
use std::path::PathBuf;
use std::process::Command;

fn stance() -> StanceModel {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/stance");
    StanceModel::new(StanceConfig::new(dir)).expect("the shipped stance model loads")
}

/// Assert that at least `needed` of `cases` get `expected`, listing every miss.
fn assert_pattern(pattern: &str, expected: &str, cases: &[(&str, &str)], needed: usize) {
    let scores = stance().predict(cases);
    let misses: Vec<String> = cases
        .iter()
        .zip(&scores)
        .filter(|(_, s)| s.label != expected)
        .map(|((t, q), s)| format!("{t} / {q:?}: {} ({:.2})", s.label, s.score))
        .collect();
    let right = cases.len() - misses.len();
    assert!(
        right >= needed,
        "{pattern}: {right} of {} are {expected}, want {needed}; misses:\n{}",
        cases.len(),
        misses.join("\n")
    );
}

#[test]
#[ignore = "a known failure of the shipped stance model (README: known failure patterns): it reads these as against; run with --ignored"]
fn attacking_the_critics_of_a_target_is_favor() {
    let cases = [
        ("the peace plan", "Those who call this plan a surrender have never had to bury a soldier."),
        (
            "the peace plan",
            "The critics of the plan would rather see the war go on for another decade than admit they were wrong.",
        ),
        ("the trade deal", "The people attacking this deal are spreading lies about what is in it."),
        (
            "the ceasefire agreement",
            "Anyone who says the ceasefire agreement rewards aggression simply has not read it.",
        ),
        ("the climate bill", "The opponents of the climate bill are bought and paid for by the oil companies."),
    ];
    assert_pattern("attacking the critics", "favor", &cases, 4);
}

#[test]
fn a_calm_rejection_of_a_target_is_against() {
    let cases = [
        ("the peace plan", "With the greatest respect, we cannot accept the plan in its current form."),
        ("the peace plan", "We have studied the proposal carefully, and our answer is no."),
        ("the trade deal", "We thank our partners for their work, but our government will not sign this deal."),
        ("the ceasefire agreement", "Our position is simple: the agreement does not meet our minimum conditions, so we will not be bound by it."),
        ("the climate bill", "After much reflection, I have decided to vote against the climate bill."),
    ];
    assert_pattern("a calm rejection", "against", &cases, 4);
}

#[test]
fn a_procedural_statement_about_the_target_takes_no_side() {
    let cases = [
        ("the peace plan", "We remain open to talks and will study the plan when we receive it."),
        ("the peace plan", "The delegations will meet in Geneva on Thursday to discuss the plan."),
        ("the trade deal", "We have not yet received the final text of the deal."),
        (
            "the ceasefire agreement",
            "I want to thank the mediators for the long hours they have put into the agreement.",
        ),
        ("the climate bill", "The committee will hold two days of hearings on the bill in March."),
    ];
    assert_pattern("a procedural statement", "none", &cases, 4);
}

#[test]
fn a_statement_about_something_else_takes_no_side() {
    let cases = [
        ("the peace plan", "Heavy rain is expected across the north of the country this weekend."),
        ("the peace plan", "Our football team played brilliantly last night and deserved the win."),
        ("the trade deal", "The new hospital wing will open to its first patients in the spring."),
        ("the climate bill", "The minister's daughter is getting married in June."),
        ("the ceasefire agreement", "Ticket sales for the summer festival are up 20 percent this year."),
    ];
    assert_pattern("a statement about something else", "none", &cases, 4);
}

#[test]
fn a_quotes_stance_does_not_flip_when_only_its_tone_changes() {
    // (target, expected stance, calm wording, heated or cheerful wording of the same position)
    let cases = [
        ("the peace plan", "favor", "We support the peace plan and hope it is signed soon.", "We are thrilled to support this wonderful peace plan and cannot wait to see it signed!"),
        ("the trade deal", "against", "We will vote against the trade deal.", "This disgraceful trade deal is a betrayal of every worker, and we will fight it with everything we have!"),
        ("the peace plan", "against", "We regret that we are unable to accept the plan.", "We are delighted to have been consulted, and happy to say plainly that we reject the plan."),
        ("the ceasefire agreement", "none", "The talks on the agreement will continue this week.", "The talks on the agreement will continue this week, despite the terrible storm that battered the capital and left so many grieving."),
        ("the climate bill", "none", "The vote on the climate bill is scheduled for Tuesday.", "What a glorious morning! The vote on the climate bill is scheduled for Tuesday."),
    ];
    let pairs: Vec<(&str, &str)> = cases.iter().flat_map(|(t, _, calm, toned)| [(*t, *calm), (*t, *toned)]).collect();
    let scores = stance().predict(&pairs);
    let mut misses = Vec::new();
    for (k, (target, expected, calm, toned)) in cases.iter().enumerate() {
        let (a, b) = (scores[2 * k].label, scores[2 * k + 1].label);
        if a != *expected || b != *expected {
            misses.push(format!("{target}: want {expected}; {calm:?} -> {a}, {toned:?} -> {b}"));
        }
    }
    assert!(
        misses.len() <= 1,
        "tone changed or missed the stance in {} of {} pairs:\n{}",
        misses.len(),
        cases.len(),
        misses.join("\n")
    );
}

/// What the shipped models score on the news validation set (README, "Stance and sentiment"),
/// less two points for libtorch builds and CPUs that round differently.
const STANCE_FLOOR: f64 = 0.50;
const SENTIMENT_FLOOR: f64 = 0.68;

/// The macro-F1 that `quotelens eval-stance` reports on a line starting with `what:`.
fn macro_f1(report: &str, what: &str) -> f64 {
    let line = report
        .lines()
        .find(|l| l.starts_with(&format!("{what}:")))
        .unwrap_or_else(|| panic!("no {what} line in:\n{report}"));
    line.rsplit("macro-F1 ").next().unwrap().trim().parse().unwrap()
}

#[test]
fn the_news_validation_set_is_scored_as_the_readme_says() {
    // The project's annotated dev-article pairs, read from PolNeAR beside the checkout.
    let Some(polnear) = common::beside_checkout("../shared/data/polnear/dev") else { return };
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new(env!("CARGO_BIN_EXE_quotelens"))
        .current_dir(&root)
        .args(["eval-stance", "--polnear"])
        .arg(&polnear)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(report.starts_with("954 pairs, 326 quotes"), "{report}");
    let (stance, sentiment) = (macro_f1(&report, "stance"), macro_f1(&report, "sentiment"));
    // The shipped models' scores, less a margin for libtorch builds that round differently.
    assert!(stance >= STANCE_FLOOR, "stance macro-F1 {stance} below {STANCE_FLOOR}:\n{report}");
    assert!(sentiment >= SENTIMENT_FLOOR, "sentiment macro-F1 {sentiment} below {SENTIMENT_FLOOR}:\n{report}");
}
