//! `quotelens bench`: time the pipeline on real articles and print throughput.

use super::InputArgs;
use anyhow::{bail, Result};
use quotelens_core::input::read_inputs;
use quotelens_core::pipeline::label_article;
use quotelens_models::scoring::ScoreItem;
use rayon::prelude::*;
use std::process::ExitCode;
use std::time::Instant;

/// Arguments of `quotelens bench`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    input: InputArgs,
    /// Passes over the input to time.
    #[arg(long, default_value_t = 5)]
    repeat: usize,
    /// Also time stance (toward this target) and sentiment scoring of every quote, once.
    #[arg(long)]
    target: Option<String>,
    #[command(flatten)]
    models: super::ModelArgs,
    /// The tagger to time labelling with, once, after the rules alone (`--rules-only` skips it).
    #[command(flatten)]
    attribution: super::TaggerArgs,
}

impl Args {
    /// Models the command line did not give, from the configuration file.
    pub fn with_config(mut self, config: &crate::config::Config) -> Self {
        self.models.apply(config);
        self.attribution.apply(config);
        self
    }
}

/// Run `bench`.
pub fn run(args: Args) -> Result<ExitCode> {
    let articles: Vec<_> =
        read_inputs(&args.input.inputs, &args.input.fields(), args.input.stdin_format).filter_map(Result::ok).collect();
    if articles.is_empty() {
        bail!("no readable articles in the input");
    }
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    println!(
        "articles: {}, text: {:.2} MB, threads: {}",
        articles.len(),
        bytes as f64 / 1e6,
        rayon::current_num_threads()
    );
    for (mode, parallel) in [("1 thread", false), ("all threads", true)] {
        let mut best = f64::INFINITY;
        let mut quotes = 0;
        for _ in 0..args.repeat.max(1) {
            let t = Instant::now();
            quotes = if parallel {
                articles.par_iter().map(|a| label_article(a).len()).sum()
            } else {
                articles.iter().map(|a| label_article(a).len()).sum::<usize>()
            };
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "{mode:<12} best of {}: {:.3}s  {:.0} articles/s  {:.0} quotes/s  {:.1} MB/s",
            args.repeat,
            best,
            articles.len() as f64 / best,
            quotes as f64 / best,
            bytes as f64 / 1e6 / best
        );
    }
    if let Some(tagger) = args.attribution.load(args.models.full_precision)? {
        let t = Instant::now();
        let quotes: usize =
            super::label_batch(&articles, Some(&tagger)).into_iter().map(|(_, r)| r.map_or(0, |r| r.len())).sum();
        let secs = t.elapsed().as_secs_f64();
        let encoder = if tagger.is_quantized() { "8-bit" } else { "32-bit" };
        println!(
            "with tagger  {secs:.1}s  {:.2} articles/s  {:.1} quotes/s  ({encoder} encoder, torch threads {})",
            articles.len() as f64 / secs,
            quotes as f64 / secs,
            tch::get_num_threads()
        );
    }
    if let Some(target) = &args.target {
        let scorer = args.models.scorer()?;
        let items: Vec<ScoreItem> = articles
            .iter()
            .flat_map(|a| label_article(a).into_iter().map(|r| ScoreItem::for_quote(&a.text, &r, target)))
            .collect();
        let t = Instant::now();
        scorer.score(&items);
        let secs = t.elapsed().as_secs_f64();
        println!(
            "scoring    {} quotes (stance + sentiment), torch threads {}: {secs:.1}s  {:.1} quotes/s  {:.2} articles/s",
            items.len(),
            tch::get_num_threads(),
            items.len() as f64 / secs,
            articles.len() as f64 / secs
        );
    }
    if let Some(mb) = peak_memory_mb() {
        println!("peak memory  {mb:.0} MB (resident, the whole run)");
    }
    Ok(ExitCode::SUCCESS)
}

/// The most memory the process has held resident, where the system says (Linux's `VmHWM`).
fn peak_memory_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 =
        status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb / 1024.0)
}
