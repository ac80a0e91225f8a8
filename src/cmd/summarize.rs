//! `quotelens summarize`: a labelled corpus at a glance. Per speaker and target, the quotes, the
//! stance shares with 95% intervals and the mean sentiment (CSV), per target and week the same
//! (`--by week`); `--html` writes a page with both and charts that opens offline, `--plot` the
//! stance chart alone as SVG.

use super::rows::read_rows;
use anyhow::{bail, Result};
use quotelens_core::output::{write_row, Sink};
use quotelens_core::report;
use quotelens_core::summary::{by_speaker, by_week, Row, SpeakerLine, Tally, WeekLine};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `quotelens summarize`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Output of `quotelens label` (.csv, .jsonl or .parquet), one file or several (shares of a
    /// corpus).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The table to write: per speaker and target, or per target and week (rows with a date).
    #[arg(long, value_parser = ["speaker", "week"], default_value = "speaker")]
    by: String,
    /// The table as CSV (written atomically); - for stdout.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// Also write a report page (tables and charts, no network needed to open it).
    #[arg(long, value_name = "FILE")]
    html: Option<PathBuf>,
    /// Also write the stance-by-speaker chart as SVG.
    #[arg(long, value_name = "FILE")]
    plot: Option<PathBuf>,
    /// Charts show speakers with at least this many quotes with a stance.
    #[arg(long, default_value_t = 3)]
    min_quotes: usize,
    /// Charts show at most this many speakers per target, the most quoted.
    #[arg(long, default_value_t = 20)]
    top: usize,
}

const SPEAKER_COLUMNS: [&str; 15] = [
    "target", "speaker_id", "speaker", "quotes", "favor", "against", "none", "favor_share", "favor_low", "favor_high",
    "against_share", "against_low", "against_high", "net_stance", "mean_sentiment",
];
const WEEK_COLUMNS: [&str; 14] = [
    "target", "week", "quotes", "favor", "against", "none", "favor_share", "favor_low", "favor_high", "against_share",
    "against_low", "against_high", "net_stance", "mean_sentiment",
];

/// Run `summarize`.
pub fn run(args: Args) -> Result<ExitCode> {
    let (rows, bad) = read_all(&args.inputs)?;
    if rows.is_empty() {
        bail!("no rows with a speaker in {}: give the output of quotelens label", names(&args.inputs));
    }
    let speakers = by_speaker(&rows);
    let weeks = by_week(&rows);
    let mut writer = csv::Writer::from_writer(Sink::create(&args.output)?);
    if args.by == "week" {
        write_table(&mut writer, &WEEK_COLUMNS, weeks.iter().map(week_fields))?;
    } else {
        write_table(&mut writer, &SPEAKER_COLUMNS, speakers.iter().map(speaker_fields))?;
    }
    writer.into_inner().map_err(|e| e.into_error())?.finish()?;
    if let Some(path) = &args.html {
        let page = report::html(&speakers, &weeks, &names(&args.inputs), args.min_quotes, args.top);
        write_file(path, &page)?;
    }
    if let Some(path) = &args.plot {
        write_file(path, &report::svg(&speakers, args.min_quotes, args.top))?;
    }
    eprintln!("summarized {} rows: {} speaker–target groups, {} target–weeks", rows.len(), speakers.len(), weeks.len());
    Ok(if bad > 0 { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn names(inputs: &[PathBuf]) -> String {
    inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
}

/// Every row of every input; a row that cannot be read is reported (file and row) and skipped.
fn read_all(inputs: &[PathBuf]) -> Result<(Vec<Row>, usize)> {
    let (mut rows, mut bad) = (Vec::new(), 0);
    for path in inputs {
        let (header, records) = read_rows(path)?;
        let index: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect();
        if !index.contains_key("speaker") {
            bail!("{}: no speaker column: give the output of quotelens label", path.display());
        }
        for record in records {
            match record {
                Ok((_, fields)) => rows.extend(Row::from_fields(|c| index.get(c).map(|&i| fields[i].as_str()))),
                Err(why) => {
                    bad += 1;
                    eprintln!("{}: {why}; skipped", path.display());
                }
            }
        }
    }
    Ok((rows, bad))
}

fn write_table<W: Write>(
    writer: &mut csv::Writer<W>,
    columns: &[&str],
    lines: impl Iterator<Item = Vec<String>>,
) -> Result<()> {
    writer.write_record(columns)?;
    for fields in lines {
        write_row(writer, &fields, false)?;
    }
    Ok(())
}

fn number(value: Option<f64>) -> String {
    value.map_or_else(String::new, |v| format!("{v:.4}"))
}

/// Counts, the favor and against shares with their intervals, and net stance.
fn tally_fields(t: &Tally) -> Vec<String> {
    let mut fields = vec![t.quotes.to_string(), t.favor.to_string(), t.against.to_string(), t.none.to_string()];
    for count in [t.favor, t.against] {
        let share = t.share(count);
        fields.extend([share.map(|s| s.0), share.map(|s| s.1), share.map(|s| s.2)].map(number));
    }
    fields.push(number(t.net_stance()));
    fields
}

fn speaker_fields(line: &SpeakerLine) -> Vec<String> {
    let mut fields = vec![line.target.clone(), line.speaker_id.clone(), line.speaker.clone()];
    fields.extend(tally_fields(&line.tally));
    fields.push(number(line.tally.mean_sentiment()));
    fields
}

fn week_fields(line: &WeekLine) -> Vec<String> {
    let mut fields = vec![line.target.clone(), line.week.clone()];
    fields.extend(tally_fields(&line.tally));
    fields.push(number(line.tally.mean_sentiment()));
    fields
}

/// Write a whole file atomically.
fn write_file(path: &Path, text: &str) -> Result<()> {
    let mut sink = Sink::create(path)?;
    sink.write_all(text.as_bytes())?;
    sink.finish()
}
