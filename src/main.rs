//! The `quotelens` command line: a thin layer over the library, one module per subcommand.

mod cmd;
mod config;
mod verbose;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Find the quotations in news articles, attribute them to speakers, and write them as CSV.
#[derive(Parser)]
#[command(
    name = "quotelens",
    version,
    about = "Find the quotations in news articles, attribute them to speakers, score their stance and sentiment, and write them as CSV, JSON lines or Parquet."
)]
pub(crate) struct Cli {
    /// Defaults for targets and models (default: quotelens.toml in the working directory, if
    /// there is one); flags on the command line win.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<std::path::PathBuf>,
    /// Details on standard error: the configuration and models read, and how each chunk of
    /// input went (articles, quotes, seconds).
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Find and attribute every quote in the input articles and write one CSV row per quote.
    Label(cmd::label::Args),
    /// Join the outputs of the shares of a corpus (label --shard K/N) into one file.
    Merge(cmd::merge::Args),
    /// Score predicted quotes against gold attributions in brat standoff.
    Eval(cmd::eval::Args),
    /// Time the pipeline on input articles and print throughput.
    Bench(cmd::bench::Args),
    /// Score statements already split (CSV or JSONL) for stance toward targets and sentiment.
    Classify(cmd::classify::Args),
    /// Score the stance and sentiment models on the project's annotated news quotes.
    EvalStance(cmd::eval_stance::Args),
    /// Fine-tune the base encoder into a sentiment or stance model.
    Train(cmd::train::Args),
    /// Per speaker and target (or per week): quotes, stance shares, mean sentiment; with charts.
    Summarize(cmd::summarize::Args),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(cmd::completions::CompletionsArgs),
    /// Print the man page (or write a page per subcommand with --dir).
    Man(cmd::completions::ManArgs),
}

fn main() -> ExitCode {
    match run(Cli::parse()) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// The subcommand, with the defaults of the configuration file.
fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if cli.verbose {
        verbose::enable();
    }
    let config = config::Config::find(cli.config.as_deref())?;
    match cli.command {
        Command::Label(args) => cmd::label::run(args.with_config(&config)),
        Command::Merge(args) => cmd::merge::run(args),
        Command::Eval(args) => cmd::eval::run(args),
        Command::Bench(args) => cmd::bench::run(args.with_config(&config)),
        Command::Train(args) => cmd::train::run(args),
        Command::Classify(args) => cmd::classify::run(args.with_config(&config)),
        Command::EvalStance(args) => cmd::eval_stance::run(args.with_config(&config)),
        Command::Summarize(args) => cmd::summarize::run(args),
        Command::Completions(args) => cmd::completions::completions(args),
        Command::Man(args) => cmd::completions::man(args),
    }
}
