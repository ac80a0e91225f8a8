//! Stance of a statement toward a target: favor, against or none, with every probability.
//!
//! Two kinds of model work. A stance classifier takes (target, statement) pairs and has
//! favor / against / none labels. A natural-language-inference model (entailment /
//! contradiction / neutral labels) is used zero-shot: the statement is the premise and
//! "The speaker is in favor of TARGET." the hypothesis; entailment reads as favor,
//! contradiction as against, neutral as none.

use crate::classifier::{Classifier, ClassifierConfig, ClassifierInput};
use anyhow::{bail, Result};
use std::path::PathBuf;

/// Where the stance model is and how to run it.
#[derive(Debug, Clone)]
pub struct StanceConfig {
    /// Classifier settings (model directory, batch size, length limit).
    pub classifier: ClassifierConfig,
}

impl StanceConfig {
    /// A model directory with default settings.
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        StanceConfig { classifier: ClassifierConfig::new(model_dir) }
    }
}

/// Scores of one (target, statement) pair.
#[derive(Debug, Clone, PartialEq)]
pub struct StanceScores {
    /// `favor`, `against` or `none`: the most probable.
    pub label: &'static str,
    /// Its probability.
    pub score: f32,
    /// Probability of favor.
    pub favor: f32,
    /// Probability of against.
    pub against: f32,
    /// Probability of none.
    pub none: f32,
}

/// How the model's classes read as stance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A stance classifier: indices of favor, against, none.
    Stance([usize; 3]),
    /// An NLI model: indices of entailment, contradiction, neutral.
    Nli([usize; 3]),
}

/// A loaded stance model.
pub struct StanceModel {
    classifier: Classifier,
    mode: Mode,
}

fn mode_for(labels: &[String]) -> Result<Mode> {
    let find = |keys: &[&str]| labels.iter().position(|l| keys.iter().any(|k| l.to_lowercase().starts_with(k)));
    if let (Some(f), Some(a), Some(n)) = (
        find(&["favor", "favour", "pro", "support"]),
        find(&["against", "con", "oppos"]),
        find(&["none", "neutral", "unrelated"]),
    ) {
        return Ok(Mode::Stance([f, a, n]));
    }
    if let (Some(e), Some(c), Some(n)) = (find(&["entail"]), find(&["contradict"]), find(&["neutral", "not_entail"])) {
        return Ok(Mode::Nli([e, c, n]));
    }
    bail!("the model's labels {labels:?} are neither favor / against / none nor entailment / contradiction / neutral")
}

impl StanceModel {
    /// Load the model.
    pub fn new(config: StanceConfig) -> Result<Self> {
        let classifier = Classifier::new(config.classifier)?;
        let mode = mode_for(classifier.labels())?;
        Ok(StanceModel { classifier, mode })
    }

    /// Whether the model is an NLI model used zero-shot.
    pub fn is_zero_shot(&self) -> bool {
        matches!(self.mode, Mode::Nli(_))
    }

    /// Score (target, statement) pairs, batched.
    pub fn predict(&self, pairs: &[(&str, &str)]) -> Vec<StanceScores> {
        let hypotheses: Vec<String> = match self.mode {
            Mode::Nli(_) => pairs.iter().map(|(target, _)| format!("The speaker is in favor of {target}.")).collect(),
            Mode::Stance(_) => Vec::new(),
        };
        let inputs: Vec<ClassifierInput> = pairs
            .iter()
            .enumerate()
            .map(|(i, (target, text))| match self.mode {
                Mode::Stance(_) => ClassifierInput::Pair(target, text),
                Mode::Nli(_) => ClassifierInput::Pair(text, &hypotheses[i]),
            })
            .collect();
        let [f, a, n] = match self.mode {
            Mode::Stance(idx) | Mode::Nli(idx) => idx,
        };
        self.classifier
            .predict(&inputs)
            .into_iter()
            .map(|p| {
                let total = (p[f] + p[a] + p[n]).max(f32::MIN_POSITIVE);
                let (favor, against, none) = (p[f] / total, p[a] / total, p[n] / total);
                let (label, score) = [("favor", favor), ("against", against), ("none", none)]
                    .into_iter()
                    .fold(("none", f32::MIN), |best, x| if x.1 > best.1 { x } else { best });
                StanceScores { label, score, favor, against, none }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stance_and_nli_labels_are_told_apart() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(mode_for(&s(&["favor", "against", "none"])).unwrap(), Mode::Stance([0, 1, 2]));
        assert_eq!(mode_for(&s(&["contradiction", "entailment", "neutral"])).unwrap(), Mode::Nli([1, 0, 2]));
        assert!(mode_for(&s(&["negative", "positive"])).is_err());
    }
}
