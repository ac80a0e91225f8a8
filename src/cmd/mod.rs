//! One module per subcommand, plus the input options they share.

pub mod bench;
pub mod classify;
pub mod completions;
pub mod eval;
pub mod eval_stance;
pub mod label;
pub mod merge;
pub mod rows;
pub mod summarize;
pub mod train;

use quotelens_core::input::{FieldNames, Format, Readers};
use std::path::PathBuf;

/// Options naming the inputs and how to read them.
#[derive(clap::Args, Debug, Clone)]
pub struct InputArgs {
    /// Articles: .txt, .jsonl, .csv or .parquet files (.jsonl and .csv may be compressed: .gz,
    /// .zst), directories of them, or - for stdin.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// JSONL field / CSV or Parquet column holding the article id.
    #[arg(long, default_value = "id")]
    pub id_field: String,
    /// JSONL field / CSV or Parquet column holding the article text.
    #[arg(long, default_value = "text")]
    pub text_field: String,
    /// JSONL field / CSV or Parquet column holding the headline.
    #[arg(long, default_value = "title")]
    pub title_field: String,
    /// JSONL field / CSV or Parquet column holding the date.
    #[arg(long, default_value = "date")]
    pub date_field: String,
    /// JSONL field / CSV or Parquet column holding the URL.
    #[arg(long, default_value = "url")]
    pub url_field: String,
    /// How to read standard input: txt, jsonl or csv (default: jsonl if it starts with "{", else txt).
    #[arg(long, value_parser = parse_format)]
    pub stdin_format: Option<Format>,
}

impl InputArgs {
    /// The field names as the library wants them.
    pub fn fields(&self) -> FieldNames {
        FieldNames {
            id: self.id_field.clone(),
            text: self.text_field.clone(),
            title: self.title_field.clone(),
            date: self.date_field.clone(),
            url: self.url_field.clone(),
        }
    }
}

/// Options naming the stance and sentiment models.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// Sentiment model directory (default: models/sentiment, on all-mpnet-base-v2).
    #[arg(long)]
    pub sentiment_model: Option<PathBuf>,
    /// Stance model directory (default: models/stance).
    #[arg(long)]
    pub stance_model: Option<PathBuf>,
    /// Statements per model batch.
    #[arg(long, default_value_t = 32)]
    pub batch_size: usize,
    /// Score with the fast shipped models (models/<task>-fast where one ships:
    /// models/sentiment-fast, on all-MiniLM-L6-v2) rather than the default, more accurate ones;
    /// see the README's speed and accuracy tables.
    #[arg(long)]
    pub fast: bool,
    /// Read every encoder (the attribution tagger's, the stance and sentiment models') in
    /// 32-bit floats. On a CPU they read in 8-bit integers by default, 1.4 to 4 times faster,
    /// scoring within 0.3 points of floats (see the README); on a GPU always in floats.
    #[arg(long)]
    pub full_precision: bool,
}

impl ModelArgs {
    /// Model directories the command line did not give, from the configuration file.
    pub fn apply(&mut self, config: &crate::config::Config) {
        crate::config::or_file(&mut self.stance_model, &config.models.stance);
        crate::config::or_file(&mut self.sentiment_model, &config.models.sentiment);
        self.full_precision |= config.models.full_precision.unwrap_or(false);
    }

    /// The model directory for `task`: the one given, else with `--fast` the shipped
    /// `<task>-fast` where there is one, else none (the shipped default). Named with `-v`.
    fn model_dir(&self, given: &Option<PathBuf>, task: &str) -> Option<PathBuf> {
        let dir = match given {
            Some(dir) => Some(dir.clone()),
            None if self.fast => quotelens_models::shipped::shipped(&format!("{task}-fast")),
            None => None,
        };
        if let Ok(shown) = quotelens_models::shipped::resolve(dir.as_deref(), task, "model") {
            let precision = if self.full_precision { "32-bit floats" } else { "8 bits on a CPU" };
            crate::verbose::detail!("{task} model: {} ({precision})", shown.display());
        }
        dir
    }

    /// Load both models.
    pub fn scorer(&self) -> anyhow::Result<quotelens_models::scoring::Scorer> {
        quotelens_models::scoring::Scorer::new(
            self.model_dir(&self.sentiment_model, "sentiment").as_deref(),
            self.model_dir(&self.stance_model, "stance").as_deref(),
            self.batch_size,
            self.full_precision,
        )
    }

    /// The sentiment model alone, for statements with no target.
    pub fn sentiment_scorer(&self) -> anyhow::Result<quotelens_models::scoring::Scorer> {
        quotelens_models::scoring::Scorer::sentiment_only(
            self.model_dir(&self.sentiment_model, "sentiment").as_deref(),
            self.batch_size,
            self.full_precision,
        )
    }
}

/// Options choosing how attributions are found: the rules with the learned tagger, or the
/// rules alone.
#[derive(clap::Args, Debug, Clone)]
pub struct TaggerArgs {
    /// Attribution tagger directory (default: the shipped models/attribution).
    #[arg(long)]
    pub tagger: Option<PathBuf>,
    /// Find quotes by the rules alone: far faster, much lower recall of reported speech (see
    /// the README's accuracy table).
    #[arg(long, conflicts_with = "tagger")]
    pub rules_only: bool,
    /// Word pieces between the starts of the tagger's windows (default: half the window, 127
    /// for the shipped tagger). Every window over a piece is averaged: 64 reads each piece
    /// four times instead of twice, half the speed, and scores a little higher (see the
    /// README).
    #[arg(long, conflicts_with = "rules_only", value_parser = clap::value_parser!(u64).range(1..))]
    pub tagger_stride: Option<u64>,
}

impl TaggerArgs {
    /// The tagger directory, if the command line did not give one and does not ask for the rules
    /// alone, from the configuration file.
    pub fn apply(&mut self, config: &crate::config::Config) {
        if !self.rules_only {
            crate::config::or_file(&mut self.tagger, &config.models.attribution);
        }
    }

    /// The tagger to use, loaded (its encoder in floats with `full_precision`), or None for the
    /// rules alone. Without the shipped tagger and without `--rules-only` this is an error
    /// rather than a silent fall back to lower recall.
    pub fn load(&self, full_precision: bool) -> anyhow::Result<Option<quotelens_models::tagger::Tagger>> {
        if self.rules_only {
            return Ok(None);
        }
        let dir = quotelens_models::shipped::resolve(self.tagger.as_deref(), "attribution", "tagger")?;
        crate::verbose::detail!("attribution tagger: {}", dir.display());
        let mut config = quotelens_models::tagger::TaggerConfig::new(dir);
        config.stride = self.tagger_stride.map(|s| s as usize);
        config.full_precision = full_precision;
        Ok(Some(quotelens_models::tagger::Tagger::new(config)?))
    }
}

/// Label a batch of articles in parallel, with the tagger's spans when there is a tagger. A
/// panic on one article is caught and returned as `Err`, so that one bad article cannot stop a
/// batch of a million.
pub fn label_batch<'a>(
    articles: &'a [quotelens_core::article::Article],
    tagger: Option<&quotelens_models::tagger::Tagger>,
) -> Vec<(&'a quotelens_core::article::Article, std::thread::Result<Vec<quotelens_core::record::QuoteRecord>>)> {
    use rayon::prelude::*;
    let tagged: Option<Vec<_>> =
        tagger.map(|t| t.predict(&articles.iter().map(|a| a.text.as_str()).collect::<Vec<_>>()));
    articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let spans = tagged.as_ref().map(|t| t[i].as_slice());
            (a, std::panic::catch_unwind(|| quotelens_core::pipeline::label_article_with(a, spans)))
        })
        .collect()
}

/// Readers for the input formats quotelens-core leaves to other crates: Parquet.
pub fn readers() -> Readers {
    Readers { parquet: Some(quotelens_parquet::read_articles) }
}

fn parse_format(s: &str) -> Result<Format, String> {
    match s {
        "txt" | "text" => Ok(Format::Text),
        "jsonl" => Ok(Format::Jsonl),
        "csv" => Ok(Format::Csv),
        _ => Err(format!("unknown format {s:?}: use txt, jsonl or csv")),
    }
}
