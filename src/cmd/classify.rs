//! `quotelens classify`: score statements that are already split (CSV or JSONL) for stance and
//! sentiment, keeping the input's columns. Without a target, sentiment alone.

use anyhow::{bail, Context, Result};
use quotelens_core::output::{write_row, Sink};
use quotelens_models::scoring::{score_fields, sentiment_fields, ScoreItem, SCORE_COLUMNS, SENTIMENT_COLUMNS};
use std::io::BufRead;
use std::path::PathBuf;
use std::process::ExitCode;

/// Arguments of `quotelens classify`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Statements: a .csv file with a header row, or a .jsonl file.
    input: PathBuf,
    /// Column (CSV) or field (JSONL) holding the statement.
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

/// Rows are scored this many at a time, so memory stays flat on large inputs.
const CHUNK: usize = 1024;

/// Run `classify`.
pub fn run(args: Args) -> Result<ExitCode> {
    let sentiment_only = args.target_column.is_none() && args.target.is_empty();
    let scorer = if sentiment_only { args.models.sentiment_scorer()? } else { args.models.scorer()? };
    let name = args.input.display().to_string();
    let (header, rows) = read_rows(&args.input)?;
    let col = |c: &str| header.iter().position(|h| h == c);
    let text_col = col(&args.text_column)
        .with_context(|| format!("{name}: no column {:?} (has: {})", args.text_column, header.join(", ")))?;
    let target_col = match &args.target_column {
        Some(t) => Some(col(t).with_context(|| format!("{name}: no column {t:?} (has: {})", header.join(", ")))?),
        None => None,
    };
    let mut writer = csv::Writer::from_writer(Sink::create(&args.output)?);
    let mut out_header = header.clone();
    // A target column from the input is already there; otherwise "target" is added.
    if sentiment_only {
        out_header.extend(SENTIMENT_COLUMNS.iter().map(|s| s.to_string()));
    } else {
        out_header.extend(SCORE_COLUMNS.iter().skip(usize::from(target_col.is_some())).map(|s| s.to_string()));
    }
    writer.write_record(&out_header)?;
    let (mut written, mut skipped) = (0usize, 0usize);
    let mut pending: Vec<(Vec<String>, ScoreItem)> = Vec::new();
    let mut flush = |pending: &mut Vec<(Vec<String>, ScoreItem)>, writer: &mut csv::Writer<Sink>| -> Result<()> {
        let items: Vec<ScoreItem> = pending.iter().map(|(_, i)| i.clone()).collect();
        let scored: Vec<Vec<String>> = if sentiment_only {
            scorer
                .score_sentiment(&items.iter().map(|i| i.text.as_str()).collect::<Vec<_>>())
                .iter()
                .map(sentiment_fields)
                .collect()
        } else {
            let skip = usize::from(target_col.is_some());
            scorer
                .score(&items)
                .iter()
                .zip(&items)
                .map(|((stance, sentiment), item)| score_fields(&item.target, stance, sentiment).split_off(skip))
                .collect()
        };
        for ((row, _), scores) in pending.drain(..).zip(scored) {
            let mut fields = row;
            fields.extend(scores);
            write_row(writer, &fields, args.raw_cells)?;
            written += 1;
        }
        Ok(())
    };
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
            flush(&mut pending, &mut writer)?;
        }
    }
    flush(&mut pending, &mut writer)?;
    writer.into_inner().map_err(|e| e.into_error())?.finish()?;
    eprintln!(
        "scored {written} rows{}",
        if skipped > 0 { format!("; skipped {skipped} (see warnings above)") } else { String::new() }
    );
    Ok(ExitCode::SUCCESS)
}

type Rows = Box<dyn Iterator<Item = Result<(u64, Vec<String>), String>>>;

/// The header and the rows of a CSV or JSONL file (JSONL: the first object's keys, in order).
fn read_rows(path: &PathBuf) -> Result<(Vec<String>, Rows)> {
    let name = path.display().to_string();
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_path(path)
                .with_context(|| format!("cannot open {name}"))?;
            let header: Vec<String> =
                reader.headers()?.iter().map(|h| h.trim_start_matches('\u{feff}').to_string()).collect();
            let width = header.len();
            let rows = reader.into_records().enumerate().map(move |(i, r)| {
                let n = i as u64 + 2;
                let r = r.map_err(|e| format!("row {n}: malformed CSV: {e}"))?;
                let mut fields: Vec<String> = r.iter().map(str::to_string).collect();
                fields.resize(width, String::new());
                Ok((n, fields))
            });
            Ok((header, Box::new(rows)))
        }
        Some("jsonl") | Some("ndjson") => {
            let file =
                std::io::BufReader::new(std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?);
            let mut lines =
                file.lines().enumerate().filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty())).peekable();
            let header: Vec<String> = match lines.peek() {
                Some((_, Ok(first))) => match serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(
                    first.trim_start_matches('\u{feff}'),
                ) {
                    Ok(obj) => obj.keys().cloned().collect(),
                    Err(e) => bail!("{name}: row 1: not a JSON object: {e}"),
                },
                _ => bail!("{name}: no rows"),
            };
            let keys = header.clone();
            let rows = lines.map(move |(i, line)| {
                let n = i as u64 + 1;
                let line = line.map_err(|e| format!("row {n}: cannot read: {e}"))?;
                let obj: serde_json::Map<String, serde_json::Value> =
                    serde_json::from_str(line.trim_start_matches('\u{feff}'))
                        .map_err(|e| format!("row {n}: not valid JSON: {e}"))?;
                Ok((
                    n,
                    keys.iter()
                        .map(|k| match obj.get(k) {
                            Some(serde_json::Value::String(s)) => s.clone(),
                            Some(serde_json::Value::Null) | None => String::new(),
                            Some(v) => v.to_string(),
                        })
                        .collect(),
                ))
            });
            Ok((header, Box::new(rows)))
        }
        _ => bail!("{name}: give a .csv or .jsonl file"),
    }
}
