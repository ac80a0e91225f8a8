//! The project's news-quote corpus (`data/stance-news/`): PolNeAR quotes paired with targets and
//! labelled for stance and sentiment by this project (`docs/annotation/stance.md`).
//!
//! The corpus stores article ids and character offsets, never article text; the text is read
//! from PolNeAR itself. A quote is read the way `quotelens label` reads it: the two sentences
//! before it as context, then the quote.

use super::data::{SENTIMENT_LABELS, STANCE_LABELS};
use super::Example;
use crate::scoring::{context_before, stance_statement};
use anyhow::{bail, Context, Result};
use std::collections::HashMap;
use std::path::Path;

/// The corpus's source name in validation scores.
pub const SOURCE: &str = "news";

/// One annotated (quote, target) pair, as stored.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
pub struct NewsPair {
    /// PolNeAR article id (its text file's stem).
    pub article: String,
    /// First character of the quote, a code-point offset into the article text.
    pub quote_start: usize,
    /// One past its last character.
    pub quote_end: usize,
    /// The target, as a researcher would type it.
    pub target: String,
    /// `article` (a target the article argues about) or `offtopic` (one from elsewhere).
    pub kind: String,
    /// favor / against / none.
    pub stance: String,
    /// negative / neutral / positive: the quote's own tone.
    pub sentiment: String,
}

/// A pair with its quote and context read from the article.
#[derive(Debug, Clone)]
pub struct NewsItem {
    /// The annotation.
    pub pair: NewsPair,
    /// The quote's text.
    pub quote: String,
    /// Up to two sentences before it.
    pub context: String,
    /// Index of the stance label in [`STANCE_LABELS`].
    pub stance: usize,
    /// Index of the sentiment label in [`SENTIMENT_LABELS`].
    pub sentiment: usize,
}

/// Read the annotations of `file` and the quotes they point at in `polnear_split/text/`.
pub fn read(file: &Path, polnear_split: &Path) -> Result<Vec<NewsItem>> {
    let name = file.display();
    let mut reader = csv::Reader::from_path(file).with_context(|| format!("cannot read {name}"))?;
    let mut texts: HashMap<String, String> = HashMap::new();
    let mut items = Vec::new();
    for (n, row) in reader.deserialize::<NewsPair>().enumerate() {
        let pair = row.with_context(|| format!("{name}: record {}", n + 2))?;
        if !texts.contains_key(&pair.article) {
            let path = polnear_split.join("text").join(format!("{}.txt", pair.article));
            let text = std::fs::read_to_string(&path).with_context(|| format!("{name}: record {}: cannot read the article {}", n + 2, path.display()))?;
            texts.insert(pair.article.clone(), text);
        }
        let text = &texts[&pair.article];
        items.push(resolve(pair, text).with_context(|| format!("{name}: record {}", n + 2))?);
    }
    Ok(items)
}

/// Cut the quote and its context out of `text` and check the labels.
fn resolve(pair: NewsPair, text: &str) -> Result<NewsItem> {
    let byte = |c: usize| text.char_indices().nth(c).map(|(b, _)| b).or((c == text.chars().count()).then_some(text.len()));
    let (Some(start), Some(end)) = (byte(pair.quote_start), byte(pair.quote_end)) else {
        bail!("offsets {}..{} lie outside the article {}", pair.quote_start, pair.quote_end, pair.article);
    };
    if start >= end {
        bail!("empty quote at {}..{}", pair.quote_start, pair.quote_end);
    }
    let stance = STANCE_LABELS.iter().position(|l| *l == pair.stance).with_context(|| format!("stance {:?} is not favor, against or none", pair.stance))?;
    let sentiment = SENTIMENT_LABELS.iter().position(|l| *l == pair.sentiment).with_context(|| format!("sentiment {:?} is not negative, neutral or positive", pair.sentiment))?;
    let quote = text[start..end].to_string();
    let context = context_before(text, start);
    Ok(NewsItem { pair, quote, context, stance, sentiment })
}

/// Stance examples: (target, context and quote), as `quotelens label` scores them.
pub fn stance_examples(items: &[NewsItem]) -> Vec<Example> {
    items.iter().map(|i| Example { text: i.pair.target.clone(), pair: Some(stance_statement(&i.context, &i.quote)), label: i.stance, source: SOURCE }).collect()
}

/// Sentiment examples: each quote once, alone (sentiment is judged on the quote).
pub fn sentiment_examples(items: &[NewsItem]) -> Vec<Example> {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .filter(|i| seen.insert((i.pair.article.clone(), i.pair.quote_start, i.pair.quote_end)))
        .map(|i| Example { text: i.quote.clone(), pair: None, label: i.sentiment, source: SOURCE })
        .collect()
}
