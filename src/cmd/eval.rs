//! `quotelens eval`: score a predictions CSV against gold brat annotations.

use anyhow::{bail, Context, Result};
use quotelens_core::eval::{
    agreement, compare, evaluate, format_changes, format_report, format_resolution, format_speaker_types,
    read_annotations, read_antecedents, read_gold, read_speaker_types, score_resolution, score_speaker_types,
};
use quotelens_core::output::Sink;
use quotelens_core::record::QuoteRecord;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quotelens eval`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold directory with text/<id>.txt and attributions/<id>_<annotator>.ann.
    #[arg(long)]
    gold: PathBuf,
    /// Predictions: a CSV written by `quotelens label`.
    #[arg(long, required_unless_present = "agreement")]
    pred: Option<PathBuf>,
    /// Instead of scoring predictions, score how far the annotators of `--gold` agree: on every
    /// article annotated more than once, each later annotator (by name) against the first, by
    /// the same measures: how consistent the gold itself is.
    #[arg(long, conflicts_with_all = ["pred", "antecedents", "speaker_types", "errors", "baseline"])]
    agreement: bool,
    /// Also score pronoun resolution against hand-checked antecedents (TSV: article_id,
    /// source_start, source_end, pronoun, antecedent), e.g.
    /// data/polnear-dev-pronoun-antecedents.tsv.
    #[arg(long)]
    antecedents: Option<PathBuf>,
    /// Also score speaker types against hand-checked mentions (TSV: article_id, speaker_start,
    /// speaker_end, mention, speaker_type), e.g. data/polnear-dev-speaker-types.tsv.
    #[arg(long)]
    speaker_types: Option<PathBuf>,
    /// Also write every error at Jaccard 0.5 to this CSV (`-` for standard output): gold quotes
    /// missed, predictions that match nothing, and matched quotes with the wrong speaker, each
    /// with the gold text and source and the closest prediction.
    #[arg(long)]
    errors: Option<PathBuf>,
    /// Also compare `--pred` with these predictions (a CSV written by `quotelens label` with
    /// the rules or model before a change): each measure's change, with a 95% interval from a
    /// paired bootstrap over the gold articles and the share of resamples where `--pred` does
    /// no better. A change whose interval holds 0 is within what the choice of articles moves.
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Bootstrap resamples for `--baseline`.
    #[arg(long, default_value_t = 1000, requires = "baseline")]
    resamples: usize,
}

/// The records of a predictions CSV, or an error naming the file and row.
fn read_predictions(path: &PathBuf) -> Result<Vec<QuoteRecord>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut predictions = Vec::new();
    for (i, row) in reader.deserialize::<QuoteRecord>().enumerate() {
        predictions.push(row.with_context(|| format!("{}: row {}: not a quotelens record", path.display(), i + 2))?);
    }
    Ok(predictions)
}

/// Run `eval`.
pub fn run(args: Args) -> Result<ExitCode> {
    let Some(pred) = &args.pred else {
        let (articles, report) = agreement(&read_annotations(&args.gold)?);
        if articles == 0 {
            bail!("no article in {} is annotated more than once: there is no agreement to score", args.gold.display());
        }
        println!("agreement: each later annotator against the first, {} annotator pairs on {articles} articles annotated more than once", report.articles);
        print!("{}", format_report(&report));
        return Ok(ExitCode::SUCCESS);
    };
    let gold = read_gold(&args.gold)?;
    let predictions = read_predictions(pred)?;
    let report = evaluate(&gold, &predictions);
    if let Some(path) = &args.errors {
        let mut writer = csv::Writer::from_writer(Sink::create(path)?);
        for row in &report.errors {
            writer.serialize(row)?;
        }
        writer.into_inner().map_err(|e| e.into_error())?.finish()?;
    }
    print!("{}", format_report(&report));
    if let Some(path) = &args.antecedents {
        print!("{}", format_resolution(&score_resolution(&read_antecedents(path)?, &predictions)));
    }
    if let Some(path) = &args.speaker_types {
        print!("{}", format_speaker_types(&score_speaker_types(&read_speaker_types(path)?, &predictions)));
    }
    if let Some(path) = &args.baseline {
        if args.resamples == 0 {
            bail!("--resamples 0 draws nothing to compare; give at least 1 (1000 by default)");
        }
        let baseline = read_predictions(path)?;
        print!(
            "{}",
            format_changes(gold.len(), args.resamples, &compare(&gold, &predictions, &baseline, args.resamples, 1))
        );
    }
    Ok(ExitCode::SUCCESS)
}
