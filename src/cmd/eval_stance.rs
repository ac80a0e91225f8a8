//! `quotelens eval-stance`: score the stance and sentiment models on the project's news-quote
//! corpus (`data/stance-news/dev.csv` by default, the validation set), as `quotelens label`
//! scores quotes: per-class F1, the confusion matrix, and stance by kind of target. With
//! `--benchmark`, on the validation split of a benchmark corpus instead, as training scores it.

use anyhow::{Context, Result};
use quotelens_core::metrics::ClassMetrics;
use quotelens_models::scoring::ScoreItem;
use quotelens_models::train::data::{self, SENTIMENT_LABELS, STANCE_LABELS};
use quotelens_models::train::stance_news::{self, NewsItem};
use quotelens_models::train::Example;
use std::path::PathBuf;
use std::process::ExitCode;

/// `println!` that stops quietly when the reader has gone (`eval-stance | head`) instead of
/// panicking on the closed pipe.
macro_rules! outln {
    ($($arg:tt)*) => {{
        use std::io::Write;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Arguments of `quotelens eval-stance`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Annotated pairs: article, quote_start, quote_end, target, kind, stance, sentiment (quotes
    /// read from PolNeAR), or target, context, quote, stance, sentiment (quotes written out).
    #[arg(long, default_value = "data/stance-news/dev.csv")]
    annotations: PathBuf,
    /// The PolNeAR split the articles are in (its `text/` folder is read).
    #[arg(long, default_value = "../shared/data/polnear/dev")]
    polnear: PathBuf,
    /// Also write every pair with its prediction to this CSV (it holds no article text).
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Score a benchmark's validation split instead: `vast` or `ukp_sentential` (their dev
    /// splits, stance), `sst2` or `newsmtsc` (the held-out sentences training validates on,
    /// sentiment).
    #[arg(long, value_parser = ["vast", "ukp_sentential", "sst2", "newsmtsc"])]
    benchmark: Option<String>,
    /// The corpora directory, for `--benchmark`.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    #[command(flatten)]
    models: super::ModelArgs,
}

impl Args {
    /// Models the command line did not give, from the configuration file.
    pub fn with_config(mut self, config: &crate::config::Config) -> Self {
        self.models.apply(config);
        self
    }
}

/// Run `eval-stance`.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(name) = &args.benchmark {
        return benchmark(name, &args);
    }
    let items = if has_quote_column(&args.annotations)? {
        stance_news::read_written(&args.annotations)?
    } else {
        stance_news::read(&args.annotations, &args.polnear)?
    };
    let scorer = args.models.scorer()?;
    let scored = scorer.score(
        &items
            .iter()
            .map(|i| ScoreItem { text: i.quote.clone(), context: i.context.clone(), target: i.pair.target.clone() })
            .collect::<Vec<_>>(),
    );
    let stance: Vec<usize> = scored.iter().map(|(s, _)| index_of(&STANCE_LABELS, s.label)).collect();
    let sentiment: Vec<usize> = scored.iter().map(|(_, s)| index_of(&SENTIMENT_LABELS, s.label)).collect();
    outln!("{} pairs, {} quotes, from {}", items.len(), unique_quotes(&items).len(), args.annotations.display());
    report("stance", &STANCE_LABELS, &items.iter().map(|i| i.stance).collect::<Vec<_>>(), &stance);
    for kind in ["article", "offtopic"] {
        let idx: Vec<usize> = (0..items.len()).filter(|&i| items[i].pair.kind == kind).collect();
        let m = ClassMetrics::new(
            3,
            &idx.iter().map(|&i| items[i].stance).collect::<Vec<_>>(),
            &idx.iter().map(|&i| stance[i]).collect::<Vec<_>>(),
        );
        outln!("  stance, {kind} targets: n {}, accuracy {:.3}, macro-F1 {:.3}", m.n, m.accuracy, m.macro_f1);
    }
    // Sentiment is a property of the quote: each quote counts once.
    let quotes = unique_quotes(&items);
    report(
        "sentiment",
        &SENTIMENT_LABELS,
        &quotes.iter().map(|&i| items[i].sentiment).collect::<Vec<_>>(),
        &quotes.iter().map(|&i| sentiment[i]).collect::<Vec<_>>(),
    );
    if let Some(path) = &args.predictions {
        let mut w = csv::Writer::from_writer(quotelens_core::output::Sink::create(path)?);
        w.write_record([
            "article", "quote_start", "quote_end", "target", "kind", "stance", "predicted_stance", "sentiment",
            "predicted_sentiment",
        ])?;
        for (i, item) in items.iter().enumerate() {
            let p = &item.pair;
            w.write_record([
                &p.article,
                &p.quote_start.to_string(),
                &p.quote_end.to_string(),
                &p.target,
                &p.kind,
                &p.stance,
                STANCE_LABELS[stance[i]],
                &p.sentiment,
                SENTIMENT_LABELS[sentiment[i]],
            ])?;
        }
        w.into_inner().map_err(|e| e.into_error())?.finish()?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Score a benchmark's validation split: stance for the stance corpora, sentiment for the others.
fn benchmark(name: &str, args: &Args) -> Result<ExitCode> {
    let valid: Vec<Example> = match name {
        "sst2" => data::sst2(&args.data.join("sst2/train.tsv"), data::SST2_VALIDATION_PER_MILLE)?.1,
        "newsmtsc" => data::newsmtsc(&args.data.join("newsmtsc/train.jsonl"), data::NEWSMTSC_VALIDATION_PER_MILLE)?.1,
        _ => data::stance_corpus(&args.data.join("stance"), name)?
            .into_iter()
            .filter(|(split, _)| split == "dev")
            .map(|(_, e)| e)
            .collect(),
    };
    let gold: Vec<usize> = valid.iter().map(|e| e.label).collect();
    outln!("{name} validation: {} examples", valid.len());
    if valid.first().is_some_and(|e| e.pair.is_some()) {
        let scorer = args.models.scorer()?;
        let items: Vec<ScoreItem> = valid
            .iter()
            .map(|e| ScoreItem {
                text: e.pair.clone().unwrap_or_default(),
                context: String::new(),
                target: e.text.clone(),
            })
            .collect();
        let predicted: Vec<usize> =
            scorer.score_stance(&items).iter().map(|s| index_of(&STANCE_LABELS, s.label)).collect();
        report("stance", &STANCE_LABELS, &gold, &predicted);
    } else {
        let scorer = args.models.sentiment_scorer()?;
        let scores = scorer.score_sentiment(&valid.iter().map(|e| e.text.as_str()).collect::<Vec<_>>());
        // SST-2 has no neutral class: as its benchmark is scored, the larger of negative and
        // positive decides.
        let two_way = name == "sst2";
        let predicted: Vec<usize> = scores
            .iter()
            .map(|s| {
                if two_way {
                    if s.positive > s.negative {
                        2
                    } else {
                        0
                    }
                } else {
                    index_of(&SENTIMENT_LABELS, s.label)
                }
            })
            .collect();
        report("sentiment", &SENTIMENT_LABELS, &gold, &predicted);
    }
    Ok(ExitCode::SUCCESS)
}

/// Whether the file carries its quotes (a `quote` column) rather than offsets into PolNeAR.
fn has_quote_column(file: &std::path::Path) -> Result<bool> {
    let mut reader = csv::Reader::from_path(file).with_context(|| format!("cannot read {}", file.display()))?;
    Ok(reader.headers()?.iter().any(|h| h == "quote"))
}

fn index_of(labels: &[&str], label: &str) -> usize {
    labels.iter().position(|l| *l == label).unwrap_or(labels.len() - 1)
}

/// Index of the first pair of each quote.
fn unique_quotes(items: &[NewsItem]) -> Vec<usize> {
    let mut seen = std::collections::HashSet::new();
    (0..items.len()).filter(|&i| seen.insert(items[i].quote_key())).collect()
}

/// Print accuracy, macro-F1, per-class precision / recall / F1 and the confusion matrix.
fn report(what: &str, labels: &[&str], gold: &[usize], predicted: &[usize]) {
    let m = ClassMetrics::new(labels.len(), gold, predicted);
    outln!("{what}: n {}, accuracy {:.3}, macro-F1 {:.3}", m.n, m.accuracy, m.macro_f1);
    let count = |g: usize, p: usize| gold.iter().zip(predicted).filter(|(&a, &b)| a == g && b == p).count();
    outln!(
        "  {:<10} {:>9} {:>9} {:>9} {:>7}   confusion (rows gold, columns predicted: {})",
        "class",
        "precision",
        "recall",
        "F1",
        "n",
        labels.join(" / ")
    );
    for (c, label) in labels.iter().enumerate() {
        let (tp, gold_n, pred_n) =
            (count(c, c), gold.iter().filter(|&&g| g == c).count(), predicted.iter().filter(|&&p| p == c).count());
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let row: Vec<String> = (0..labels.len()).map(|p| count(c, p).to_string()).collect();
        outln!(
            "  {label:<10} {:>9.3} {:>9.3} {:>9.3} {gold_n:>7}   {}",
            ratio(tp, pred_n),
            ratio(tp, gold_n),
            m.f1[c],
            row.join(" / ")
        );
    }
}
