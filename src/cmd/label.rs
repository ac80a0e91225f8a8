//! `quotelens label`: articles in, one CSV row per attributed quote out.
//!
//! A run reads its inputs in chunks of [`CHUNK`] items, labels each chunk in parallel and writes
//! its rows in input order, so the output is the same whatever the thread count. To a file, the
//! run writes `<output>.partial` and a checkpoint after every chunk, and renames the partial file
//! into place at the end; `--resume` goes on from the checkpoint of a killed run.

use super::{label_batch, InputArgs, ModelArgs, TaggerArgs};
use anyhow::{bail, Context, Result};
use quotelens_core::article::Article;
use quotelens_core::checkpoint::{Checkpoint, Counts};
use quotelens_core::input::{read_inputs_with, InputError};
use quotelens_core::output::{RowEncoder, RowFormat, Sink};
use quotelens_core::record::{ErrorRecord, QuoteRecord};
use quotelens_core::shard::{CopyCounter, Shard};
use quotelens_core::target::Target;
use quotelens_models::scoring::{score_fields, ScoreItem, Scorer, SCORE_SCHEMA};
use quotelens_models::tagger::Tagger;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `quotelens label`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output file (written atomically); - or nothing for stdout.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// csv, jsonl (one JSON object per quote, numbers typed, missing ones null) or parquet
    /// (typed columns; needs -o FILE). Default: jsonl for an output named *.jsonl or *.ndjson,
    /// parquet for *.parquet, else csv. The errors file is CSV, or JSON lines if named *.jsonl.
    #[arg(long)]
    format: Option<RowFormat>,
    /// Write one CSV row per skipped input or article (file, row, article_id, reason) to this
    /// file, and per article whose id an earlier one already had. Without it, each is a warning
    /// on standard error.
    #[arg(long, value_name = "FILE")]
    errors: Option<PathBuf>,
    /// Label only share K of N of the articles (K from 0 to N-1), chosen by a stable hash of the
    /// article id: N copies of the command, one per share, label every article once. For Slurm
    /// job arrays (--shard $SLURM_ARRAY_TASK_ID/N) and Kubernetes Indexed Jobs
    /// (--shard $JOB_COMPLETION_INDEX/N); `quotelens merge` joins the shares.
    #[arg(long, value_name = "K/N", default_value = "0/1")]
    shard: Shard,
    /// Go on from where a killed run with the same command stopped (its checkpoint is
    /// <output>.checkpoint); the finished output is the same as an uninterrupted run's. With no
    /// checkpoint the run starts from the beginning.
    #[arg(long)]
    resume: bool,
    /// Exit with status 2 if any input or article was skipped (the good ones are still written).
    #[arg(long)]
    strict: bool,
    /// Write every cell as it is, for programs rather than spreadsheets. By default a cell that
    /// begins with =, +, -, @, a tab or a carriage return gets a leading apostrophe, so that a
    /// spreadsheet shows it as text instead of running it as a formula.
    #[arg(long)]
    raw_cells: bool,
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
    /// No running count and no closing summary on standard error (warnings about the input still
    /// appear unless --errors takes them). The running count shows only on a terminal anyway.
    #[arg(short, long)]
    quiet: bool,
    /// Score each quote's stance toward this target, and its sentiment; repeat for several
    /// targets (one row per quote and target). NAME=ALIAS|ALIAS gives other names coverage uses
    /// for it ("the peace plan=the 28-point plan|the deal"): each quote is judged toward the
    /// first of them that it or the text before it uses, and its row names the target NAME.
    #[arg(long, value_name = "NAME[=ALIAS|...]")]
    target: Vec<Target>,
    #[command(flatten)]
    models: ModelArgs,
    #[command(flatten)]
    attribution: TaggerArgs,
}

impl Args {
    /// Targets and models the command line did not give, from the configuration file.
    pub fn with_config(mut self, config: &crate::config::Config) -> Self {
        self.target = config.targets(std::mem::take(&mut self.target));
        self.models.apply(config);
        self.attribution.apply(config);
        self
    }
}

/// How many input items are labelled in parallel before their rows are written, in input order,
/// and a checkpoint is taken.
const CHUNK: usize = 256;

/// Run `label`.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    let started = Instant::now();
    // Models load before any output is created, so a missing model fails fast and cleanly.
    let scorer = if args.target.is_empty() { None } else { Some(args.models.scorer()?) };
    let tagger = args.attribution.load(args.models.full_precision)?;
    let mut run = Run::start(&args, scorer.is_some())?;
    let mut items =
        read_inputs_with(&args.input.inputs, &args.input.fields(), args.input.stdin_format, super::readers());
    run.replay(items.by_ref().take(run.counts.consumed as usize));
    loop {
        let chunk: Vec<_> = items.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        run.label_chunk(chunk, tagger.as_ref(), scorer.as_ref())?;
        run.checkpoint()?;
    }
    let counts = run.finish()?;
    if !args.quiet {
        report(&args, &counts, started, tagger.as_ref());
    }
    Ok(if counts.skipped > 0 && args.strict { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// A run in progress: its outputs, what it has done, and the ids it has seen.
struct Run<'a> {
    args: &'a Args,
    quotes: Sink,
    errors: Option<Sink>,
    encoders: Encoders,
    counts: Counts,
    ids: CopyCounter,
    /// What the checkpoint must match to be resumed.
    job: String,
    /// Whether to show a running count on standard error.
    progress: bool,
    started: Instant,
}

impl<'a> Run<'a> {
    /// Open the outputs: from nothing, or, with `--resume` and a checkpoint of the same job, cut
    /// back to what the checkpoint counted.
    fn start(args: &'a Args, scored: bool) -> Result<Self> {
        let job = job_signature(args);
        if args.resume && is_stdout(&args.output) {
            bail!("--resume needs an output file (-o FILE): standard output cannot be taken back");
        }
        let format = args.format.unwrap_or_else(|| RowFormat::of_path(&args.output));
        if format == RowFormat::Parquet && is_stdout(&args.output) {
            bail!("Parquet cannot be written to standard output: give an output file, -o FILE.parquet");
        }
        if args.errors.as_deref().is_some_and(|path| RowFormat::of_path(path) == RowFormat::Parquet) {
            bail!("the errors file is written as CSV or JSON lines: name it *.csv or *.jsonl");
        }
        let checkpoint = if args.resume { resumable(args, &job)? } else { None };
        let (quotes, errors, counts) = match checkpoint {
            Some(c) => {
                eprintln!("resuming after {} input items ({} articles labelled)", c.counts.consumed, c.counts.articles);
                let errors = match (&args.errors, c.errors_bytes) {
                    (Some(path), Some(bytes)) => Some(Sink::resume(path, bytes)?),
                    _ => None,
                };
                (Sink::resume(&args.output, c.output_bytes)?, errors, c.counts)
            }
            None => {
                (Sink::create(&args.output)?, args.errors.as_deref().map(Sink::create).transpose()?, Counts::default())
            }
        };
        let (mut quotes, mut errors) = (quotes, errors);
        let mut columns = QuoteRecord::SCHEMA.to_vec();
        if scored {
            columns.extend(SCORE_SCHEMA);
        }
        let encoders = Encoders {
            format,
            quotes: RowEncoder::new(format, &columns, args.raw_cells),
            errors: args
                .errors
                .as_deref()
                .map(|path| RowEncoder::new(RowFormat::of_path(path), ErrorRecord::SCHEMA, args.raw_cells)),
        };
        if counts.consumed == 0 {
            quotes.write_all(&encoders.quotes.header()?)?;
            if let (Some(errors), Some(encoder)) = (errors.as_mut(), &encoders.errors) {
                errors.write_all(&encoder.header()?)?;
            }
        }
        let progress = !args.quiet && std::io::IsTerminal::is_terminal(&std::io::stderr());
        let ids = CopyCounter::default();
        Ok(Run { args, quotes, errors, encoders, counts, ids, job, progress, started: Instant::now() })
    }

    /// Go over the items a resumed run had already consumed, writing nothing but learning their
    /// ids, so that a duplicate id after the checkpoint is numbered as in an uninterrupted run.
    fn replay(&mut self, items: impl Iterator<Item = Result<Article, InputError>>) {
        for article in items.flatten().filter(|a| self.args.shard.contains(&a.id)) {
            self.ids.copy_number(&article.id);
        }
    }

    /// Label one chunk of input items and write its rows and errors.
    fn label_chunk(
        &mut self,
        chunk: Vec<Result<Article, InputError>>,
        tagger: Option<&Tagger>,
        scorer: Option<&Scorer>,
    ) -> Result<()> {
        let (started, items, quotes_before) = (Instant::now(), chunk.len(), self.counts.quotes);
        self.counts.consumed += chunk.len() as u64;
        let articles = self.articles_of_share(chunk)?;
        let mut labelled = Vec::with_capacity(articles.len());
        // A bug that panics on one article must not stop a batch of a million: report the
        // article as skipped and carry on.
        for (article, rows) in label_batch(&articles, tagger) {
            match rows {
                Ok(rows) => labelled.push((article, self.numbered(article, rows)?)),
                Err(_) => self.skip(ErrorRecord {
                    file: String::new(),
                    row: None,
                    article_id: article.id.clone(),
                    reason: "internal error while labelling it; skipped (please report it with the article)".into(),
                })?,
            }
        }
        self.counts.quotes += labelled.iter().map(|(_, rows)| rows.len() as u64).sum::<u64>();
        self.counts.articles += labelled.len() as u64;
        let rows: Vec<Vec<String>> = match scorer {
            None => labelled.iter().flat_map(|(_, rows)| rows).map(QuoteRecord::fields).collect(),
            Some(scorer) => scored_rows(scorer, &labelled, &self.args.target),
        };
        self.quotes.write_all(&self.encoders.quotes.rows(rows.iter().map(Vec::as_slice))?)?;
        crate::verbose::detail!(
            "{items} input items: {} articles labelled, {} quotes, {} rows, in {:.1}s",
            labelled.len(),
            self.counts.quotes - quotes_before,
            rows.len(),
            started.elapsed().as_secs_f64()
        );
        self.show_progress();
        Ok(())
    }

    /// The readable articles of a chunk that fall in this run's share; unreadable items of the
    /// share go to the errors.
    fn articles_of_share(&mut self, chunk: Vec<Result<Article, InputError>>) -> Result<Vec<Article>> {
        let shard = self.args.shard;
        let mut articles = Vec::with_capacity(chunk.len());
        for item in chunk {
            match item {
                Ok(article) if !shard.contains(&article.id) => {}
                // Nothing to label: most likely a field named wrong or a scrape that failed.
                Ok(article) if article.text.trim().is_empty() => self.skip(ErrorRecord {
                    file: String::new(),
                    row: None,
                    article_id: article.id,
                    reason: "the text is empty; skipped".into(),
                })?,
                Ok(article) => articles.push(article),
                // An unreadable row has no id: its place in the input decides its share.
                Err(e) if shard.contains(&format!("{}:{}", e.file, e.row.unwrap_or(0))) => {
                    self.skip(ErrorRecord { file: e.file, row: e.row, article_id: String::new(), reason: e.reason })?
                }
                Err(_) => {}
            }
        }
        Ok(articles)
    }

    /// The records of `article`, with quote ids that stay unique when its id is a copy of an
    /// earlier article's: the copy is reported, and its quote ids get `#<copy>`.
    fn numbered(&mut self, article: &Article, mut rows: Vec<QuoteRecord>) -> Result<Vec<QuoteRecord>> {
        let copy = self.ids.copy_number(&article.id);
        if copy > 1 {
            self.counts.duplicates += 1;
            for row in &mut rows {
                // `<id>:<start>…` becomes `<id>#<copy>:<start>…`.
                row.quote_id = format!("{}#{copy}{}", article.id, &row.quote_id[article.id.len()..]);
            }
            self.note(ErrorRecord {
                file: String::new(),
                row: None,
                article_id: article.id.clone(),
                reason: format!(
                    "duplicate article id: copy {copy} of it in the input; labelled, its quote ids are {}#{copy}:<quote_start>",
                    article.id
                ),
            })?;
        }
        Ok(rows)
    }

    /// Count and record a skipped input or article.
    fn skip(&mut self, error: ErrorRecord) -> Result<()> {
        self.counts.skipped += 1;
        self.record(error, "skipped ")
    }

    /// Record a remark on an article that was labelled.
    fn note(&mut self, error: ErrorRecord) -> Result<()> {
        self.record(error, "")
    }

    /// A row of the errors file, or a warning on standard error where there is none
    /// ("warning: skipped batch.jsonl: row 2: not valid JSON …").
    fn record(&mut self, error: ErrorRecord, what: &str) -> Result<()> {
        match self.errors.as_mut() {
            Some(errors) => {
                let encoder = self.encoders.errors.as_ref().expect("an errors file has an encoder");
                Ok(errors.write_all(&encoder.rows([error.fields().as_slice()])?)?)
            }
            None => {
                let place = match (error.file.as_str(), error.row) {
                    ("", _) => format!("article {:?}", error.article_id),
                    (file, Some(row)) => format!("{file}: row {row}"),
                    (file, None) => file.to_string(),
                };
                eprintln!("warning: {what}{place}: {}", error.reason);
                Ok(())
            }
        }
    }

    /// Make what is written durable and record how far the run has come.
    fn checkpoint(&mut self) -> Result<()> {
        let Some(output_bytes) = self.quotes.sync()? else { return Ok(()) };
        let errors_bytes = match self.errors.as_mut() {
            Some(errors) => errors.sync()?,
            None => None,
        };
        Checkpoint { job: self.job.clone(), counts: self.counts.clone(), output_bytes, errors_bytes }
            .write(&self.args.output)
    }

    fn show_progress(&self) {
        if self.progress {
            let rate = self.counts.articles as f64 / self.started.elapsed().as_secs_f64();
            eprint!(
                "\rlabelled {} articles, {} quotes, {rate:.1} articles/s ",
                self.counts.articles, self.counts.quotes
            );
        }
    }

    /// Move the finished files into place and drop the checkpoint.
    fn finish(self) -> Result<Counts> {
        if self.progress && self.counts.articles > 0 {
            eprintln!();
        }
        match self.encoders.format {
            // The rows were streamed as JSON lines; now that they are all there, they become
            // Parquet. A run killed meanwhile leaves its partial file and checkpoint for --resume.
            RowFormat::Parquet => {
                let columns = self.encoders.quotes.columns();
                self.quotes.finish_with(|partial, target| {
                    quotelens_parquet::jsonl_to_parquet(partial, target, columns).map(|_| ()).with_context(|| {
                        format!("cannot turn {} into Parquet; it is kept for --resume", partial.display())
                    })
                })?
            }
            _ => self.quotes.finish()?,
        }
        if let Some(errors) = self.errors {
            errors.finish()?;
        }
        if !is_stdout(&self.args.output) {
            Checkpoint::remove(&self.args.output)?;
        }
        Ok(self.counts)
    }
}

/// The checkpoint to go on from, if there is one and it was written by this same job.
fn resumable(args: &Args, job: &str) -> Result<Option<Checkpoint>> {
    let Some(checkpoint) = Checkpoint::read(&args.output)? else {
        eprintln!("no checkpoint beside {}: starting from the beginning", args.output.display());
        return Ok(None);
    };
    if checkpoint.job != job {
        bail!(
            "{} was written by a different command (other inputs or options); run that command with --resume, or remove the checkpoint to start over",
            Checkpoint::path(&args.output).display()
        );
    }
    if args.errors.is_some() != checkpoint.errors_bytes.is_some() {
        bail!(
            "the checkpoint's run {} an errors file; give the same --errors",
            if args.errors.is_some() { "had no" } else { "had" }
        );
    }
    Ok(Some(checkpoint))
}

/// Everything that decides a run's output (not the thread count, nor `--resume` itself), so
/// that a checkpoint is only resumed by the command that wrote it.
fn job_signature(args: &Args) -> String {
    let mut job = args.clone();
    job.threads = None;
    job.resume = false;
    job.quiet = false;
    format!("quotelens {} label {job:?}", env!("CARGO_PKG_VERSION"))
}

/// How the rows of the output and of the errors file are encoded.
struct Encoders {
    /// The output's format (Parquet is streamed as JSON lines until the run finishes).
    format: RowFormat,
    quotes: RowEncoder,
    errors: Option<RowEncoder>,
}

/// The closing summary line.
fn report(args: &Args, counts: &Counts, started: Instant, tagger: Option<&Tagger>) {
    let how = tagger.map_or("rules only".to_string(), |t| {
        format!(
            "rules and the tagger in {}, {}-bit encoder",
            t.model_dir().display(),
            if t.is_quantized() { 8 } else { 32 }
        )
    });
    let share = if args.shard == Shard::ALL { String::new() } else { format!(" of share {}", args.shard) };
    let mut remarks = Vec::new();
    if counts.skipped > 0 {
        remarks.push(format!("skipped {}", counts.skipped));
    }
    if counts.duplicates > 0 {
        remarks.push(format!("{} duplicate ids", counts.duplicates));
    }
    let see = match &args.errors {
        Some(path) => format!(" (see {})", path.display()),
        None => " (see warnings above)".to_string(),
    };
    eprintln!(
        "labelled {} articles{share}, {} quotes, in {:.2}s ({how}){}",
        counts.articles,
        counts.quotes,
        started.elapsed().as_secs_f64(),
        if remarks.is_empty() { String::new() } else { format!("; {}{see}", remarks.join(", ")) }
    );
}

/// Score every quote of a chunk of articles toward every target: one row per quote and target
/// (tidy long format).
fn scored_rows(scorer: &Scorer, labelled: &[(&Article, Vec<QuoteRecord>)], targets: &[Target]) -> Vec<Vec<String>> {
    let mut rows: Vec<(&QuoteRecord, &Target)> = Vec::new();
    let mut items = Vec::new();
    for (article, records) in labelled {
        for record in records {
            for target in targets {
                let mut item = ScoreItem::for_quote(&article.text, record, &target.name);
                item.target = target.as_written_in(&format!("{}\n{}", item.context, item.text)).to_string();
                rows.push((record, target));
                items.push(item);
            }
        }
    }
    rows.iter()
        .zip(scorer.score(&items))
        .map(|((row, target), (stance, sentiment))| {
            let mut fields = row.fields();
            fields.extend(score_fields(&target.name, &stance, &sentiment));
            fields
        })
        .collect()
}

/// Whether `path` is standard output.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}
