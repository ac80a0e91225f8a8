//! `quotelens label`: articles in, one CSV row per attributed quote out.

use super::{label_batch, InputArgs, ModelArgs, TaggerArgs};
use anyhow::Result;
use quotelens_core::article::Article;
use quotelens_core::input::read_inputs;
use quotelens_core::output::{write_row, Sink};
use quotelens_core::record::{QuoteRecord, COLUMNS};
use quotelens_models::scoring::{score_fields, ScoreItem, Scorer, SCORE_COLUMNS};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `quotelens label`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Output CSV file (written atomically); - or nothing for stdout.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Exit with status 2 if any article could not be read (the good ones are still written).
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
    /// Score each quote's stance toward this target, and its sentiment; repeat for several
    /// targets (one row per quote and target).
    #[arg(long)]
    target: Vec<String>,
    #[command(flatten)]
    models: ModelArgs,
    #[command(flatten)]
    attribution: TaggerArgs,
}

/// How many articles are labelled in parallel before their rows are written, in input order.
const CHUNK: usize = 256;

/// Run `label`.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new().num_threads(n).build_global()?;
    }
    let started = Instant::now();
    let mut articles = read_inputs(&args.input.inputs, &args.input.fields(), args.input.stdin_format);
    // Models load before any output is created, so a missing model fails fast and cleanly.
    let scorer = if args.target.is_empty() { None } else { Some(args.models.scorer()?) };
    let tagger = args.attribution.load(args.models.full_precision)?;
    let mut writer = csv::Writer::from_writer(Sink::create(&args.output)?);
    let mut header: Vec<&str> = COLUMNS.to_vec();
    if scorer.is_some() {
        header.extend(SCORE_COLUMNS);
    }
    writer.write_record(&header)?;
    let (mut done, mut quotes, mut skipped) = (0usize, 0usize, 0usize);
    // A running count on a terminal, so that a long run with the tagger shows it is alive; never
    // in logs, where carriage returns are noise.
    let progress = std::io::IsTerminal::is_terminal(&std::io::stderr());
    loop {
        let chunk: Vec<_> = articles.by_ref().take(CHUNK).collect();
        if chunk.is_empty() {
            break;
        }
        let mut good = Vec::with_capacity(chunk.len());
        for item in chunk {
            match item {
                Ok(article) => good.push(article),
                Err(e) => {
                    eprintln!("warning: skipped {e}");
                    skipped += 1;
                }
            }
        }
        // A bug that panics on one article must not stop a batch of a million: report the
        // article as skipped and carry on.
        let records = label_batch(&good, tagger.as_ref());
        let mut labelled = Vec::with_capacity(records.len());
        for (article, rows) in records {
            match rows {
                Ok(rows) => labelled.push((article, rows)),
                Err(_) => {
                    eprintln!("warning: skipped article {:?}: internal error while labelling it (please report it with the article)", article.id);
                    skipped += 1;
                }
            }
        }
        quotes += labelled.iter().map(|(_, rows)| rows.len()).sum::<usize>();
        match &scorer {
            None => {
                for row in labelled.iter().flat_map(|(_, rows)| rows) {
                    write_row(&mut writer, &row.fields(), args.raw_cells)?;
                }
            }
            Some(scorer) => write_scored(&mut writer, scorer, &labelled, &args.target, args.raw_cells)?,
        }
        done += labelled.len();
        if progress {
            eprint!(
                "\rlabelled {done} articles, {quotes} quotes, {:.1} articles/s ",
                done as f64 / started.elapsed().as_secs_f64()
            );
        }
    }
    if progress && done > 0 {
        eprintln!();
    }
    writer.into_inner().map_err(|e| e.into_error())?.finish()?;
    eprintln!(
        "labelled {done} articles, {quotes} quotes, in {:.2}s ({}){}",
        started.elapsed().as_secs_f64(),
        tagger.as_ref().map_or("rules only".to_string(), |t| format!(
            "rules and the tagger in {}, {}-bit encoder",
            t.model_dir().display(),
            if t.is_quantized() { 8 } else { 32 }
        )),
        if skipped > 0 { format!("; skipped {skipped} (see warnings above)") } else { String::new() }
    );
    Ok(if skipped > 0 && args.strict { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Score every quote of a chunk of articles toward every target, and write one row per quote
/// and target (tidy long format).
fn write_scored(
    writer: &mut csv::Writer<Sink>,
    scorer: &Scorer,
    labelled: &[(&Article, Vec<QuoteRecord>)],
    targets: &[String],
    raw_cells: bool,
) -> Result<()> {
    let mut rows: Vec<&QuoteRecord> = Vec::new();
    let mut items = Vec::new();
    for (article, records) in labelled {
        for record in records {
            for target in targets {
                rows.push(record);
                items.push(ScoreItem::for_quote(&article.text, record, target));
            }
        }
    }
    for ((row, item), (stance, sentiment)) in rows.iter().zip(&items).zip(scorer.score(&items)) {
        let mut fields = row.fields();
        fields.extend(score_fields(&item.target, &stance, &sentiment));
        write_row(writer, &fields, raw_cells)?;
    }
    Ok(())
}
