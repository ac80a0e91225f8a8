//! `quotelens classify`: score statements that are already split (CSV, JSONL or Parquet) for
//! stance and sentiment, keeping the input's columns. Without a target, sentiment alone.

use super::rows::read_rows;
use anyhow::{Context, Result};
use quotelens_core::output::{write_row, Sink};
use quotelens_models::scoring::{score_fields, sentiment_fields, ScoreItem, Scorer, SCORE_COLUMNS, SENTIMENT_COLUMNS};
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quotelens classify`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Statements: a .csv file with a header row, a .jsonl file or a .parquet file.
    input: PathBuf,
    /// Column (CSV, Parquet) or field (JSONL) holding the statement.
    #[arg(long)]
    text_column: String,
    /// Column holding each row's target.
    #[arg(long, conflicts_with = "target")]
    target_column: Option<String>,
    /// A target for every row; repeat for several (one output row per target). With neither
    /// this nor --target-column, only sentiment is scored.
    #[arg(long)]
    target: Vec<String>,
    /// Output CSV (written atomically); - for stdout.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Write every cell as it is (see `quotelens label --help`); by default cells a spreadsheet
    /// would run as formulas get a leading apostrophe.
    #[arg(long)]
    raw_cells: bool,
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

/// Rows are scored this many at a time, so memory stays flat on large inputs.
const CHUNK: usize = 1024;

/// Run `classify`.
pub fn run(args: Args) -> Result<ExitCode> {
    let sentiment_only = args.target_column.is_none() && args.target.is_empty();
    let scorer = if sentiment_only { args.models.sentiment_scorer()? } else { args.models.scorer()? };
    let name = args.input.display().to_string();
    let (header, rows) = read_rows(&args.input)?;
    let col = |c: &str| {
        header
            .iter()
            .position(|h| h == c)
            .with_context(|| format!("{name}: no column {c:?} (has: {})", header.join(", ")))
    };
    let text_col = col(&args.text_column)?;
    let target_col = args.target_column.as_deref().map(col).transpose()?;
    let job = Job { scorer: &scorer, sentiment_only, target_col, raw_cells: args.raw_cells };
    let mut writer = csv::Writer::from_writer(Sink::create(&args.output)?);
    writer.write_record(job.header(header))?;
    let (mut written, mut skipped) = (0usize, 0usize);
    let mut pending: Vec<(Vec<String>, ScoreItem)> = Vec::new();
    for row in rows {
        let (n, row) = match row {
            Ok(r) => r,
            Err(e) => {
                eprintln!("warning: skipped {name}: {e}");
                skipped += 1;
                continue;
            }
        };
        let text = row.get(text_col).cloned().unwrap_or_default();
        if text.trim().is_empty() {
            eprintln!("warning: skipped {name}: row {n}: empty {:?}", args.text_column);
            skipped += 1;
            continue;
        }
        let targets = match target_col {
            Some(c) => vec![row.get(c).cloned().unwrap_or_default()],
            None if sentiment_only => vec![String::new()],
            None => args.target.clone(),
        };
        for target in targets {
            pending.push((row.clone(), ScoreItem { text: text.clone(), context: String::new(), target }));
        }
        if pending.len() >= CHUNK {
            written += job.write(&mut pending, &mut writer)?;
        }
    }
    written += job.write(&mut pending, &mut writer)?;
    writer.into_inner().map_err(|e| e.into_error())?.finish()?;
    eprintln!(
        "scored {written} rows{}",
        if skipped > 0 { format!("; skipped {skipped} (see warnings above)") } else { String::new() }
    );
    Ok(ExitCode::SUCCESS)
}

/// How the rows of one `classify` run are scored and written.
struct Job<'a> {
    scorer: &'a Scorer,
    /// No target anywhere: sentiment alone.
    sentiment_only: bool,
    /// The input's column of targets, if it has one.
    target_col: Option<usize>,
    raw_cells: bool,
}

impl Job<'_> {
    /// The output header: the input's, then the score columns (a target column from the input is
    /// already there; otherwise "target" is added).
    fn header(&self, mut header: Vec<String>) -> Vec<String> {
        if self.sentiment_only {
            header.extend(SENTIMENT_COLUMNS.iter().map(|s| s.to_string()));
        } else {
            header.extend(SCORE_COLUMNS.iter().skip(usize::from(self.target_col.is_some())).map(|s| s.to_string()));
        }
        header
    }

    /// Score the pending rows and write them with their scores; say how many.
    fn write(&self, pending: &mut Vec<(Vec<String>, ScoreItem)>, writer: &mut csv::Writer<Sink>) -> Result<usize> {
        let items: Vec<ScoreItem> = pending.iter().map(|(_, i)| i.clone()).collect();
        let scored: Vec<Vec<String>> = if self.sentiment_only {
            let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
            self.scorer.score_sentiment(&texts).iter().map(sentiment_fields).collect()
        } else {
            let skip = usize::from(self.target_col.is_some());
            self.scorer
                .score(&items)
                .iter()
                .zip(&items)
                .map(|((stance, sentiment), item)| score_fields(&item.target, stance, sentiment).split_off(skip))
                .collect()
        };
        let written = pending.len();
        for ((mut fields, _), scores) in pending.drain(..).zip(scored) {
            fields.extend(scores);
            write_row(writer, &fields, self.raw_cells)?;
        }
        Ok(written)
    }
}
