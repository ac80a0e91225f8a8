//! Scoring statements for stance toward targets and for sentiment, in batches, as CSV columns.

use crate::sentiment::{SentimentConfig, SentimentModel, SentimentScores};
use crate::stance::{StanceConfig, StanceModel, StanceScores};
use anyhow::{Context, Result};
use quotelens_core::column::{Column, ColumnKind};
use std::path::Path;

/// The columns scoring adds, in order (after the input's or the quote's own columns), with what
/// each holds: the target and the two labels are text, the rest probabilities, always there.
pub const SCORE_SCHEMA: [Column; 11] = [
    text("target"),
    text("stance"),
    probability("stance_score"),
    probability("stance_favor"),
    probability("stance_against"),
    probability("stance_none"),
    text("sentiment"),
    probability("sentiment_score"),
    probability("sentiment_negative"),
    probability("sentiment_neutral"),
    probability("sentiment_positive"),
];

/// The names of [`SCORE_SCHEMA`]'s columns.
pub const SCORE_COLUMNS: [&str; 11] = {
    let mut names = [""; 11];
    let mut i = 0;
    while i < names.len() {
        names[i] = SCORE_SCHEMA[i].name;
        i += 1;
    }
    names
};

const fn text(name: &'static str) -> Column {
    Column::new(name, ColumnKind::Text, true)
}

const fn probability(name: &'static str) -> Column {
    Column::new(name, ColumnKind::Float, false)
}

/// The sentiment columns: the last five of [`SCORE_COLUMNS`], all that is scored without a target.
pub const SENTIMENT_COLUMNS: &[&str] = SCORE_COLUMNS.split_at(6).1;

/// The two models, or the sentiment model alone.
pub struct Scorer {
    sentiment: SentimentModel,
    stance: Option<StanceModel>,
}

impl Scorer {
    /// Load both models (`None`: the shipped ones); `full_precision` reads their BERT encoders
    /// in floats even on a CPU that multiplies 8-bit integers.
    pub fn new(
        sentiment: Option<&Path>,
        stance: Option<&Path>,
        batch_size: usize,
        full_precision: bool,
    ) -> Result<Self> {
        let mut scorer = Self::sentiment_only(sentiment, batch_size, full_precision)?;
        let mut t = StanceConfig::new(crate::shipped::resolve(stance, "stance", "stance-model")?);
        t.classifier.batch_size = batch_size;
        t.classifier.full_precision = full_precision;
        scorer.stance = Some(StanceModel::new(t).context("loading the stance model")?);
        Ok(scorer)
    }

    /// Load the sentiment model alone, for statements with no target.
    pub fn sentiment_only(sentiment: Option<&Path>, batch_size: usize, full_precision: bool) -> Result<Self> {
        let mut s = SentimentConfig::new(crate::shipped::resolve(sentiment, "sentiment", "sentiment-model")?);
        s.classifier.batch_size = batch_size;
        s.classifier.full_precision = full_precision;
        Ok(Scorer { sentiment: SentimentModel::new(s).context("loading the sentiment model")?, stance: None })
    }

    /// The sentiment of each text, identical texts scored once.
    pub fn score_sentiment(&self, texts: &[&str]) -> Vec<SentimentScores> {
        let mut unique: Vec<&str> = texts.to_vec();
        unique.sort_unstable();
        unique.dedup();
        let scores = self.sentiment.predict(&unique);
        texts.iter().map(|t| scores[unique.binary_search(t).expect("every text was scored")].clone()).collect()
    }

    /// Score `items`: each is (statement, context to show the stance model, target). Sentiment
    /// is judged on the statement alone; stance on the context followed by the statement.
    /// Identical statements are scored once. Panics on a scorer made by [`Self::sentiment_only`].
    pub fn score(&self, items: &[ScoreItem]) -> Vec<(StanceScores, SentimentScores)> {
        let sentiments = self.score_sentiment(&items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>());
        self.score_stance(items).into_iter().zip(sentiments).collect()
    }

    /// The stance of each item alone, judged on its context followed by its statement. Panics
    /// on a scorer made by [`Self::sentiment_only`].
    pub fn score_stance(&self, items: &[ScoreItem]) -> Vec<StanceScores> {
        let stance = self.stance.as_ref().expect("a scorer with a stance model");
        let with_context: Vec<String> = items.iter().map(|i| stance_statement(&i.context, &i.text)).collect();
        let pairs: Vec<(&str, &str)> =
            items.iter().zip(&with_context).map(|(i, t)| (i.target.as_str(), t.as_str())).collect();
        stance.predict(&pairs)
    }
}

/// One statement to score toward one target.
#[derive(Debug, Clone)]
pub struct ScoreItem {
    /// The statement.
    pub text: String,
    /// Text before it that helps resolve "it" and "the deal" (may be empty).
    pub context: String,
    /// The target.
    pub target: String,
}

impl ScoreItem {
    /// The item for a quote found in `text` (the article it came from), with the text before
    /// the quote as context.
    pub fn for_quote(text: &str, quote: &quotelens_core::record::QuoteRecord, target: &str) -> Self {
        let start = text.char_indices().nth(quote.quote_start).map_or(text.len(), |(b, _)| b);
        ScoreItem { text: quote.quote_text.clone(), context: context_before(text, start), target: target.to_string() }
    }
}

/// The scoring columns of one row, as strings in [`SCORE_COLUMNS`] order.
pub fn score_fields(target: &str, stance: &StanceScores, sentiment: &SentimentScores) -> Vec<String> {
    let p = |x: f32| format!("{x:.4}");
    let mut fields = vec![
        target.to_string(),
        stance.label.to_string(),
        p(stance.score),
        p(stance.favor),
        p(stance.against),
        p(stance.none),
    ];
    fields.extend(sentiment_fields(sentiment));
    fields
}

/// The sentiment columns of one row, as strings in [`SENTIMENT_COLUMNS`] order.
pub fn sentiment_fields(sentiment: &SentimentScores) -> Vec<String> {
    let p = |x: f32| format!("{x:.4}");
    vec![
        sentiment.label.to_string(),
        p(sentiment.score),
        p(sentiment.negative),
        p(sentiment.neutral),
        p(sentiment.positive),
    ]
}

/// What the stance model reads for a statement: the context before it, then the statement. The
/// trainer builds its news examples with this too, so training and labelling read alike.
pub fn stance_statement(context: &str, text: &str) -> String {
    if context.is_empty() {
        text.to_string()
    } else {
        format!("{context} {text}")
    }
}

/// Up to two sentences of `text` before byte `at`: the lead-in of a quote ("Trump said his plan
/// …") and the sentence before it, which is usually where "it" and "the deal" are named.
pub fn context_before(text: &str, at: usize) -> String {
    let before = &text[..at];
    let limit = before.len().saturating_sub(400);
    let mut boundaries = before.char_indices().rev().take_while(|(i, _)| *i >= limit).filter(|(i, c)| {
        matches!(c, '.' | '!' | '?' | '\n') && before[i + c.len_utf8()..].starts_with(char::is_whitespace)
    });
    let start = match (boundaries.next(), boundaries.next()) {
        (_, Some((i, c))) => i + c.len_utf8(),
        _ => before.char_indices().find(|(i, _)| *i >= limit).map_or(0, |(i, _)| i),
    };
    before[start..].split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_takes_the_lead_in_and_the_sentence_before() {
        let text = "Old news. The deal was signed on Monday. Trump said it was \"great\".";
        let at = text.find("it was").unwrap();
        assert_eq!(context_before(text, at), "The deal was signed on Monday. Trump said");
    }
}
