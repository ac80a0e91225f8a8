//! Reading rows of a CSV, JSON-lines or Parquet file by column, for the commands that take
//! tables (`classify`, `summarize`): a bad row is an error of its own, never the end of the file.
//! Every cell is text, as CSV would hold it, so the commands read all three alike.

use anyhow::{bail, Context, Result};
use std::io::BufRead;
use std::path::Path;

/// Rows of a file: each its line or record number and its cells, or what is wrong with it.
pub type Rows = Box<dyn Iterator<Item = Result<(u64, Vec<String>), String>>>;

/// The header and the rows of a CSV, JSONL or Parquet file (JSONL: the first object's keys, in
/// order; Parquet: numbers written out, dates `YYYY-MM-DD`, nulls empty).
pub fn read_rows(path: &Path) -> Result<(Vec<String>, Rows)> {
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
        Some("parquet") => quotelens_parquet::read_table(path),
        _ => bail!("{name}: give a .csv, .jsonl or .parquet file"),
    }
}
