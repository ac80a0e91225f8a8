//! Sentiment of a statement: negative, neutral or positive, with every class probability.

use crate::classifier::{Classifier, ClassifierConfig, ClassifierInput};
use anyhow::{bail, Result};
use std::path::PathBuf;

/// Where the sentiment model is and how to run it.
#[derive(Debug, Clone)]
pub struct SentimentConfig {
    /// Classifier settings (model directory, batch size, length limit).
    pub classifier: ClassifierConfig,
}

impl SentimentConfig {
    /// A model directory with default settings.
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        SentimentConfig { classifier: ClassifierConfig::new(model_dir) }
    }
}

/// Scores of one statement.
#[derive(Debug, Clone, PartialEq)]
pub struct SentimentScores {
    /// `negative`, `neutral` or `positive`: the most probable.
    pub label: &'static str,
    /// Its probability.
    pub score: f32,
    /// Probability of negative.
    pub negative: f32,
    /// Probability of neutral (0 for models with two classes).
    pub neutral: f32,
    /// Probability of positive.
    pub positive: f32,
}

/// A loaded sentiment model.
pub struct SentimentModel {
    classifier: Classifier,
    /// Index of negative, neutral, positive among the model's labels.
    index: [Option<usize>; 3],
}

/// Map a model's label names to negative / neutral / positive (`NEGATIVE`, `neg`, `LABEL_0` of
/// a two-class model, …).
fn sentiment_index(labels: &[String]) -> Result<[Option<usize>; 3]> {
    let find = |keys: &[&str]| labels.iter().position(|l| keys.iter().any(|k| l.to_lowercase().starts_with(k)));
    let mut index = [find(&["neg"]), find(&["neu"]), find(&["pos"])];
    if index[0].is_none() && index[2].is_none() && labels.len() == 2 {
        // LABEL_0 / LABEL_1, as in SST-2 models: 0 negative, 1 positive.
        index = [Some(0), None, Some(1)];
    }
    if index[0].is_none() || index[2].is_none() {
        bail!("cannot tell negative and positive apart in the model's labels {labels:?}; name them negative / neutral / positive in config.json's id2label");
    }
    Ok(index)
}

impl SentimentModel {
    /// Load the model.
    pub fn new(config: SentimentConfig) -> Result<Self> {
        let classifier = Classifier::new(config.classifier)?;
        let index = sentiment_index(classifier.labels())?;
        Ok(SentimentModel { classifier, index })
    }

    /// Score statements, batched.
    pub fn predict(&self, texts: &[&str]) -> Vec<SentimentScores> {
        let inputs: Vec<ClassifierInput> = texts.iter().map(|t| ClassifierInput::Text(t)).collect();
        self.classifier
            .predict(&inputs)
            .into_iter()
            .map(|p| {
                let at = |i: Option<usize>| i.map_or(0.0, |i| p[i]);
                let (negative, neutral, positive) = (at(self.index[0]), at(self.index[1]), at(self.index[2]));
                let (label, score) = [("negative", negative), ("neutral", neutral), ("positive", positive)]
                    .into_iter()
                    .fold(("negative", f32::MIN), |best, x| if x.1 > best.1 { x } else { best });
                SentimentScores { label, score, negative, neutral, positive }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_by_name_or_by_two_class_convention() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(sentiment_index(&s(&["negative", "neutral", "positive"])).unwrap(), [Some(0), Some(1), Some(2)]);
        assert_eq!(sentiment_index(&s(&["POSITIVE", "NEGATIVE"])).unwrap(), [Some(1), None, Some(0)]);
        assert_eq!(sentiment_index(&s(&["LABEL_0", "LABEL_1"])).unwrap(), [Some(0), None, Some(1)]);
        assert!(sentiment_index(&s(&["sports", "politics", "arts"])).is_err());
    }
}
