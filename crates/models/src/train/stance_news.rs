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
/// The source name of the quotes about plans and deals written by the project.
pub const WRITTEN_SOURCE: &str = "plans";

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

impl NewsItem {
    /// What tells one quote from another: its article and offsets (a quote has a pair per
    /// target, and one sentiment).
    pub fn quote_key(&self) -> (&str, usize, usize) {
        (&self.pair.article, self.pair.quote_start, self.pair.quote_end)
    }
}

/// PolNeAR article texts, each read once.
struct Articles<'d> {
    dir: &'d Path,
    texts: HashMap<String, String>,
}

impl<'d> Articles<'d> {
    fn new(polnear_split: &'d Path) -> Self {
        Articles { dir: polnear_split, texts: HashMap::new() }
    }

    /// The text of article `id` (`text/<id>.txt`).
    fn text(&mut self, id: &str) -> Result<&str> {
        if !self.texts.contains_key(id) {
            let path = self.dir.join("text").join(format!("{id}.txt"));
            let text = std::fs::read_to_string(&path)
                .with_context(|| format!("cannot read the article {}", path.display()))?;
            self.texts.insert(id.to_string(), text);
        }
        Ok(&self.texts[id])
    }
}

/// Read the annotations of `file` and the quotes they point at in `polnear_split/text/`.
pub fn read(file: &Path, polnear_split: &Path) -> Result<Vec<NewsItem>> {
    let name = file.display();
    let mut reader = csv::Reader::from_path(file).with_context(|| format!("cannot read {name}"))?;
    let mut articles = Articles::new(polnear_split);
    let mut items = Vec::new();
    for (n, row) in reader.deserialize::<NewsPair>().enumerate() {
        let where_ = || format!("{name}: record {}", n + 2);
        let pair = row.with_context(where_)?;
        let text = articles.text(&pair.article).with_context(where_)?;
        items.push(resolve(pair, text).with_context(where_)?);
    }
    Ok(items)
}

/// The byte range of the quote at code points `start..end` of `article`'s `text`.
fn quote_bytes(text: &str, start: usize, end: usize, article: &str) -> Result<(usize, usize)> {
    let byte =
        |c: usize| text.char_indices().nth(c).map(|(b, _)| b).or((c == text.chars().count()).then_some(text.len()));
    let (Some(s), Some(e)) = (byte(start), byte(end)) else {
        bail!("offsets {start}..{end} lie outside the article {article}");
    };
    if s >= e {
        bail!("empty quote at {start}..{end}");
    }
    Ok((s, e))
}

/// Cut the quote and its context out of `text` and check the labels.
fn resolve(pair: NewsPair, text: &str) -> Result<NewsItem> {
    let (start, end) = quote_bytes(text, pair.quote_start, pair.quote_end, &pair.article)?;
    let (stance, sentiment) = labels_of(&pair)?;
    let quote = text[start..end].to_string();
    let context = context_before(text, start);
    Ok(NewsItem { pair, quote, context, stance, sentiment })
}

/// A quote labelled for sentiment alone (`sentiment-train.csv`).
#[derive(Debug, Clone, serde::Deserialize)]
struct SentimentRow {
    article: String,
    quote_start: usize,
    quote_end: usize,
    sentiment: String,
}

/// Sentiment examples from a file of quotes labelled for sentiment alone
/// (`article,quote_start,quote_end,sentiment[,…]`), read from `polnear_split/text/`.
pub fn read_sentiment_only(file: &Path, polnear_split: &Path) -> Result<Vec<Example>> {
    let name = file.display();
    let mut reader = csv::Reader::from_path(file).with_context(|| format!("cannot read {name}"))?;
    let mut articles = Articles::new(polnear_split);
    let mut examples = Vec::new();
    for (n, row) in reader.deserialize::<SentimentRow>().enumerate() {
        let where_ = || format!("{name}: record {}", n + 2);
        let row = row.with_context(where_)?;
        let text = articles.text(&row.article).with_context(where_)?;
        let (start, end) = quote_bytes(text, row.quote_start, row.quote_end, &row.article).with_context(where_)?;
        let label = SENTIMENT_LABELS.iter().position(|l| *l == row.sentiment).with_context(|| {
            format!("{}: sentiment {:?} is not negative, neutral or positive", where_(), row.sentiment)
        })?;
        examples.push(Example { text: text[start..end].to_string(), pair: None, label, source: SOURCE });
    }
    Ok(examples)
}

/// One row of a corpus of quotes written by the project, text included (`data/stance-plans/`).
#[derive(Debug, Clone, serde::Deserialize)]
struct WrittenQuote {
    target: String,
    context: String,
    quote: String,
    stance: String,
    sentiment: String,
}

/// Read quotes written by the project with their context, target and labels
/// (`target,context,quote,stance,sentiment[,…]`). Each becomes an item whose "article" is the
/// file and whose offsets are its row number.
pub fn read_written(file: &Path) -> Result<Vec<NewsItem>> {
    let name = file.display();
    let mut reader = csv::Reader::from_path(file).with_context(|| format!("cannot read {name}"))?;
    let mut items = Vec::new();
    for (n, row) in reader.deserialize::<WrittenQuote>().enumerate() {
        let w = row.with_context(|| format!("{name}: record {}", n + 2))?;
        let pair = NewsPair {
            article: name.to_string(),
            quote_start: n,
            quote_end: n + 1,
            target: w.target,
            kind: "article".into(),
            stance: w.stance,
            sentiment: w.sentiment,
        };
        let (stance, sentiment) = labels_of(&pair).with_context(|| format!("{name}: record {}", n + 2))?;
        items.push(NewsItem { pair, quote: w.quote, context: w.context, stance, sentiment });
    }
    Ok(items)
}

/// The label ids of a pair's stance and sentiment.
fn labels_of(pair: &NewsPair) -> Result<(usize, usize)> {
    let stance = STANCE_LABELS
        .iter()
        .position(|l| *l == pair.stance)
        .with_context(|| format!("stance {:?} is not favor, against or none", pair.stance))?;
    let sentiment = SENTIMENT_LABELS
        .iter()
        .position(|l| *l == pair.sentiment)
        .with_context(|| format!("sentiment {:?} is not negative, neutral or positive", pair.sentiment))?;
    Ok((stance, sentiment))
}

/// Stance examples: (target, context and quote), as `quotelens label` scores them.
pub fn stance_examples(items: &[NewsItem], source: &'static str) -> Vec<Example> {
    items
        .iter()
        .map(|i| Example {
            text: i.pair.target.clone(),
            pair: Some(stance_statement(&i.context, &i.quote)),
            label: i.stance,
            source,
        })
        .collect()
}

/// Sentiment examples: each quote once, alone (sentiment is judged on the quote).
pub fn sentiment_examples(items: &[NewsItem], source: &'static str) -> Vec<Example> {
    let mut seen = std::collections::HashSet::new();
    items
        .iter()
        .filter(|i| seen.insert(i.quote_key()))
        .map(|i| Example { text: i.quote.clone(), pair: None, label: i.sentiment, source })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus(rows: &str) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("text")).unwrap();
        // "é" is two bytes: offsets are code points, so the quote must still come out whole.
        std::fs::write(
            dir.path().join("text/a1.txt"),
            "Café talks began. The deal was signed. Lee said the deal would hold.",
        )
        .unwrap();
        let csv = dir.path().join("pairs.csv");
        std::fs::write(&csv, format!("article,quote_start,quote_end,target,kind,stance,sentiment,batch,qid\n{rows}"))
            .unwrap();
        (dir, csv)
    }

    #[test]
    fn a_pair_reads_its_quote_by_code_point_offsets_with_the_sentences_before_as_context() {
        let (dir, csv) =
            corpus("a1,48,67,the deal,article,favor,positive,b,q1\na1,48,67,Brexit,offtopic,none,positive,b,q1\n");
        let items = read(&csv, dir.path()).unwrap();
        assert_eq!(items[0].quote, "the deal would hold");
        assert_eq!(items[0].context, "The deal was signed. Lee said");
        let stance = stance_examples(&items, SOURCE);
        assert_eq!(stance[0].text, "the deal");
        assert_eq!(stance[0].pair.as_deref(), Some("The deal was signed. Lee said the deal would hold"));
        assert_eq!((stance[0].label, stance[1].label), (0, 2));
        // Sentiment belongs to the quote: one example for its two targets.
        assert_eq!(sentiment_examples(&items, SOURCE).len(), 1);
    }

    #[test]
    fn a_bad_pair_is_an_error_naming_the_file_and_record() {
        for (row, why) in [
            ("a1,48,999,x,article,none,neutral,b,q\n", "outside the article"),
            ("a1,48,67,x,article,maybe,neutral,b,q\n", "not favor, against or none"),
            ("zz,0,3,x,article,none,neutral,b,q\n", "cannot read the article"),
        ] {
            let (dir, csv) = corpus(row);
            let err = format!("{:#}", read(&csv, dir.path()).unwrap_err());
            assert!(err.contains("pairs.csv: record 2") && err.contains(why), "{err}");
        }
    }
}
