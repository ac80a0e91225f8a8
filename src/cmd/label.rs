//! `quotelens label`: articles in, one CSV row per attributed quote out.

use super::InputArgs;
use anyhow::Result;
use quotelens::input::read_inputs;
use quotelens::output::Sink;
use quotelens::pipeline::label_article;
use rayon::prelude::*;
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
    /// Worker threads (default: one per core).
    #[arg(long)]
    threads: Option<usize>,
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
    let mut writer = csv::Writer::from_writer(Sink::create(&args.output)?);
    let (mut done, mut quotes, mut skipped) = (0usize, 0usize, 0usize);
    let mut header_written = false;
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
        let records: Vec<_> = good.par_iter().map(|a| (a, std::panic::catch_unwind(|| label_article(a)))).collect();
        for (article, rows) in records {
            let Ok(rows) = rows else {
                eprintln!("warning: skipped article {:?}: internal error while labelling it (please report it with the article)", article.id);
                skipped += 1;
                continue;
            };
            for row in rows {
                writer.serialize(&row)?;
                header_written = true;
                quotes += 1;
            }
        }
        done += good.len();
    }
    if !header_written {
        writer.write_record(quotelens::record::COLUMNS)?;
    }
    writer.into_inner().map_err(|e| e.into_error())?.finish()?;
    eprintln!(
        "labelled {done} articles, {quotes} quotes, in {:.2}s{}",
        started.elapsed().as_secs_f64(),
        if skipped > 0 { format!("; skipped {skipped} unreadable inputs (see warnings above)") } else { String::new() }
    );
    Ok(if skipped > 0 && args.strict { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
