//! `quotelens bench`: time the pipeline on real articles and print throughput.

use super::InputArgs;
use anyhow::{bail, Context, Result};
use quotelens_core::article::Article;
use quotelens_core::input::read_inputs_with;
use quotelens_core::output::{RowEncoder, RowFormat};
use quotelens_core::pipeline::{label_article, label_article_with};
use quotelens_core::record::QuoteRecord;
use quotelens_models::profile;
use quotelens_models::scoring::{stance_statement, ScoreItem};
use quotelens_models::tagger::Tagger;
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;
use tch::{Device, Kind, Tensor};

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
    /// With --target: write what was scored to FILE, one JSON object per quote (`target`,
    /// `statement`: what the stance model reads, `text`: what the sentiment model reads), so
    /// that another implementation can time the same job (scripts/bench-vs-python.sh).
    #[arg(long, value_name = "FILE", requires = "target")]
    items_out: Option<PathBuf>,
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
    let (articles, read_secs) = timed(|| {
        read_inputs_with(&args.input.inputs, &args.input.fields(), args.input.stdin_format, super::readers())
            .filter_map(Result::ok)
            .collect::<Vec<_>>()
    });
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
    let mut stages = vec![("reading", read_secs)];
    let records = match args.attribution.load(args.models.full_precision)? {
        Some(tagger) => with_tagger(&articles, &tagger, &mut stages),
        None => articles.iter().map(label_article).collect(),
    };
    if let Some(target) = &args.target {
        let scorer = args.models.scorer()?;
        let items: Vec<ScoreItem> = articles
            .iter()
            .zip(&records)
            .flat_map(|(a, rs)| rs.iter().map(|r| ScoreItem::for_quote(&a.text, r, target)))
            .collect();
        if let Some(path) = &args.items_out {
            write_items(path, &items)?;
        }
        let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
        let (_, stance) = timed(|| scorer.score_stance(&items));
        let (_, sentiment) = timed(|| scorer.score_sentiment(&texts));
        let secs = stance + sentiment;
        println!(
            "scoring    {} quotes (stance + sentiment), torch threads {}: {secs:.1}s  {:.1} quotes/s  {:.2} articles/s",
            items.len(),
            tch::get_num_threads(),
            items.len() as f64 / secs,
            articles.len() as f64 / secs
        );
        stages.extend([("stance", stance), ("sentiment", sentiment)]);
    }
    stages.push(("writing CSV", timed(|| write_csv(&records)).1));
    print_stages(&stages);
    print_matmul_rates();
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

/// `f`'s result and the seconds it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let started = Instant::now();
    let out = f();
    (out, started.elapsed().as_secs_f64())
}

/// Label the articles with the tagger, once, print the throughput, and add the tagger's steps
/// and the rules' linking of its spans to `stages`.
fn with_tagger(articles: &[Article], tagger: &Tagger, stages: &mut Vec<(&'static str, f64)>) -> Vec<Vec<QuoteRecord>> {
    profile::enable();
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let (tagged, tagging) = timed(|| tagger.predict(&texts));
    let (records, linking): (Vec<Vec<QuoteRecord>>, f64) =
        timed(|| articles.par_iter().zip(&tagged).map(|(a, t)| label_article_with(a, Some(t))).collect());
    let secs = tagging + linking;
    let quotes: usize = records.iter().map(Vec::len).sum();
    let encoder = if tagger.is_quantized() { "8-bit" } else { "32-bit" };
    println!(
        "with tagger  {secs:.1}s  {:.2} articles/s  {:.1} quotes/s  ({encoder} encoder, torch threads {})",
        articles.len() as f64 / secs,
        quotes as f64 / secs,
        tch::get_num_threads()
    );
    let steps = profile::totals();
    let counted: f64 = steps.iter().map(|s| s.1).sum();
    for (step, step_secs, flops) in steps {
        stages.push((step.name(), step_secs));
        if flops > 0 {
            println!(
                "  {}: {:.1} GFLOP in {step_secs:.2}s, {:.1} GFLOP/s ({encoder})",
                step.name(),
                flops as f64 / 1e9,
                flops as f64 / 1e9 / step_secs.max(1e-9)
            );
        }
    }
    stages.push(("tagger, other", (tagging - counted).max(0.0)));
    stages.push(("rules and linking", linking));
    records
}

/// The scored items as JSON lines: what each model reads.
fn write_items(path: &Path, items: &[ScoreItem]) -> Result<()> {
    let mut out = String::new();
    for item in items {
        let statement = stance_statement(&item.context, &item.text);
        out += &serde_json::json!({"target": item.target, "statement": statement, "text": item.text}).to_string();
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))
}

/// Every record encoded as `label` writes it to CSV, into memory; how many bytes.
fn write_csv(records: &[Vec<QuoteRecord>]) -> usize {
    let encoder = RowEncoder::new(RowFormat::Csv, QuoteRecord::SCHEMA, false);
    let rows: Vec<Vec<String>> = records.iter().flatten().map(QuoteRecord::fields).collect();
    encoder.rows(rows.iter().map(Vec::as_slice)).map_or(0, |bytes| bytes.len())
}

/// The time of each stage of one pass, and its share.
fn print_stages(stages: &[(&str, f64)]) {
    let total: f64 = stages.iter().map(|s| s.1).sum();
    println!("where the time goes (one pass, {total:.2}s):");
    for (name, secs) in stages {
        println!("  {name:<22} {secs:>8.3}s  {:>5.1}%", 100.0 * secs / total.max(1e-9));
    }
}

/// What this machine's matrix multiplies reach with the run's torch threads, for the shapes of a
/// small encoder's feed-forward layer: 32-bit floats, and 8-bit integers as the 8-bit path
/// multiplies them.
fn print_matmul_rates() {
    let (m, k, n) = (2048i64, 384i64, 1536i64);
    let flops = (2 * m * k * n) as f64;
    let a = Tensor::randn([m, k], (Kind::Float, Device::Cpu));
    let b = Tensor::randn([k, n], (Kind::Float, Device::Cpu));
    let best = |f: &dyn Fn()| (0..10).map(|_| timed(f).1).fold(f64::INFINITY, f64::min);
    let fp32 = best(&|| drop(a.mm(&b)));
    let (qa, qb) = (a.to_kind(Kind::Int8), b.transpose(0, 1).contiguous().to_kind(Kind::Int8).transpose(0, 1));
    let int8 = qa.f_internal_int_mm(&qb).is_ok().then(|| best(&|| drop(qa.internal_int_mm(&qb))));
    print!("matmul {m}x{k}x{n}, torch threads {}: 32-bit {:.1} GFLOP/s", tch::get_num_threads(), flops / fp32 / 1e9);
    match int8 {
        Some(secs) => println!(", 8-bit {:.1} GOP/s", flops / secs / 1e9),
        None => println!(", 8-bit not available"),
    }
}
