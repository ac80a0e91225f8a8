//! Writing CSV to a file atomically, or to standard output.
//!
//! A file is written to `<name>.partial` beside it and renamed into place only when complete, so
//! a crashed or interrupted run never leaves a half-written CSV where a finished one is expected.
//! The partial file has a fixed name so that a killed `label` run can be resumed: its checkpoint
//! ([`crate::checkpoint`]) records how many bytes of it are final, and [`Sink::resume`] cuts it
//! back to those.

use crate::column::{Column, ColumnKind};
use anyhow::{bail, Context, Result};
use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Where output goes.
pub enum Sink {
    /// Standard output.
    Stdout(std::io::Stdout),
    /// A partial file to be renamed to `target` on [`Sink::finish`].
    File {
        /// The open `<target>.partial`.
        file: BufWriter<File>,
        /// Its path.
        partial: PathBuf,
        /// Where the finished file goes.
        target: PathBuf,
    },
}

/// `<target>.partial`: where `target` is written until it is complete.
pub fn partial_path(target: &Path) -> PathBuf {
    beside(target, ".partial")
}

/// The file beside `path` named as it is with `suffix` added (`quotes.csv` → `quotes.csv.partial`).
pub fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(suffix);
    path.with_file_name(name)
}

impl Sink {
    /// Open `path` (`-` for stdout) for writing, from nothing.
    pub fn create(path: &Path) -> Result<Sink> {
        if path.as_os_str() == "-" {
            return Ok(Sink::Stdout(std::io::stdout()));
        }
        Self::open_partial(path, None)
    }

    /// Reopen the partial file of a killed run writing `path`, cut back to its first `len` bytes
    /// (what the run's last checkpoint counted as written), to go on from there.
    pub fn resume(path: &Path, len: u64) -> Result<Sink> {
        Self::open_partial(path, Some(len))
    }

    fn open_partial(target: &Path, keep: Option<u64>) -> Result<Sink> {
        let partial = partial_path(target);
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(keep.is_none());
        // As any new file: read and write for all, less what the umask takes away, so that a
        // research group's shared output is the group's.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
        let mut file = options.open(&partial).with_context(|| {
            format!("cannot create {}; check that the directory exists and is writable", partial.display())
        })?;
        if let Some(len) = keep {
            let found = file.metadata()?.len();
            if found < len {
                bail!(
                    "{} holds {found} bytes but its checkpoint counts {len}: it was changed since; run without --resume to start over",
                    partial.display()
                );
            }
            file.set_len(len)?;
            file.seek(SeekFrom::End(0))?;
        }
        Ok(Sink::File { file: BufWriter::new(file), partial, target: target.to_path_buf() })
    }

    /// Make everything written so far durable, and say how many bytes that is (`None` on
    /// standard output, which cannot be resumed).
    pub fn sync(&mut self) -> Result<Option<u64>> {
        match self {
            Sink::Stdout(s) => {
                s.flush()?;
                Ok(None)
            }
            Sink::File { file, .. } => {
                file.flush()?;
                file.get_ref().sync_data()?;
                Ok(Some(file.get_ref().metadata()?.len()))
            }
        }
    }

    /// Move the finished file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut s) => Ok(s.flush()?),
            Sink::File { file, partial, target } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                std::fs::rename(&partial, &target).with_context(|| format!("cannot write {}", target.display()))
            }
        }
    }

    /// Finish by handing the complete partial file to `convert`, which writes the finished file
    /// (atomically: it is given the partial file and the target), instead of renaming it; the
    /// partial file is removed after. Until `convert` has succeeded the partial file stays, so a
    /// run killed meanwhile can be resumed and finished again. Not for standard output.
    pub fn finish_with(self, convert: impl FnOnce(&Path, &Path) -> Result<()>) -> Result<()> {
        match self {
            Sink::Stdout(_) => bail!("this format cannot be written to standard output: give -o FILE"),
            Sink::File { file, partial, target } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                drop(file);
                convert(&partial, &target)?;
                std::fs::remove_file(&partial).with_context(|| format!("cannot remove {}", partial.display()))
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File { file, .. } => file.flush(),
        }
    }
}

/// A cell as a spreadsheet will not run it: text that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe, as OWASP's guidance on CSV injection says, so that
/// `=HYPERLINK(…)` in a quote opens as text. Numbers ("-0.5") are left alone. Strip one leading
/// apostrophe from such a cell to get the text back exactly.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Write one CSV row, each cell made [`spreadsheet_safe`] unless `raw`.
pub fn write_row<W: Write, S: AsRef<str>>(writer: &mut csv::Writer<W>, fields: &[S], raw: bool) -> Result<()> {
    if raw {
        writer.write_record(fields.iter().map(|f| f.as_ref()))?;
    } else {
        writer.write_record(
            fields.iter().map(|f| spreadsheet_safe(f.as_ref())).collect::<Vec<_>>().iter().map(|c| c.as_ref()),
        )?;
    }
    Ok(())
}

/// How a table's rows are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowFormat {
    /// CSV with a header row.
    Csv,
    /// JSON lines: one object per row, keyed by column, numbers as numbers and missing numbers as
    /// null (for pandas' `read_json(lines=True)`, DuckDB, jq).
    Jsonl,
    /// Parquet, each column typed by its [`ColumnKind`]. A file's rows are streamed as JSON
    /// lines into `<file>.partial` (which a checkpoint can count and cut back, as for the other
    /// formats) and turned into Parquet when the run finishes, by `quotelens-parquet`: so a
    /// [`RowEncoder`] encodes them as [`RowFormat::Jsonl`].
    Parquet,
}

impl RowFormat {
    /// The format a file's name asks for: JSON lines for `.jsonl` and `.ndjson`, Parquet for
    /// `.parquet`, else CSV.
    pub fn of_path(path: &Path) -> RowFormat {
        match path.extension().and_then(|e| e.to_str()) {
            Some("jsonl" | "ndjson") => RowFormat::Jsonl,
            Some("parquet") => RowFormat::Parquet,
            _ => RowFormat::Csv,
        }
    }
}

impl std::str::FromStr for RowFormat {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "csv" => Ok(RowFormat::Csv),
            "jsonl" | "ndjson" => Ok(RowFormat::Jsonl),
            "parquet" => Ok(RowFormat::Parquet),
            _ => Err(format!("unknown format {s:?}: use csv, jsonl or parquet")),
        }
    }
}

/// Encodes the rows of one table (a header, and what each column holds) in a [`RowFormat`]. Rows
/// are encoded into memory and written whole, so that a checkpoint can count the bytes that are
/// final.
pub struct RowEncoder {
    format: RowFormat,
    columns: Vec<Column>,
    /// CSV cells as they are, not made [`spreadsheet_safe`].
    raw: bool,
}

impl RowEncoder {
    /// An encoder for a table with these columns.
    pub fn new(format: RowFormat, columns: &[Column], raw: bool) -> Self {
        RowEncoder { format, columns: columns.to_vec(), raw }
    }

    /// The table's columns.
    pub fn columns(&self) -> &[Column] {
        &self.columns
    }

    /// What opens the file: the CSV header row; nothing for JSON lines.
    pub fn header(&self) -> Result<Vec<u8>> {
        match self.format {
            RowFormat::Csv => {
                let names: Vec<String> = self.columns.iter().map(|c| c.name.to_string()).collect();
                self.csv(std::iter::once(names.as_slice()), true)
            }
            RowFormat::Jsonl | RowFormat::Parquet => Ok(Vec::new()),
        }
    }

    /// The encoded rows, each a cell per column.
    pub fn rows<'a>(&self, rows: impl IntoIterator<Item = &'a [String]>) -> Result<Vec<u8>> {
        match self.format {
            RowFormat::Csv => self.csv(rows, self.raw),
            RowFormat::Jsonl | RowFormat::Parquet => {
                let mut out = Vec::new();
                for row in rows {
                    serde_json::to_writer(&mut out, &self.json_object(row))?;
                    out.push(b'\n');
                }
                Ok(out)
            }
        }
    }

    fn csv<'a>(&self, rows: impl IntoIterator<Item = &'a [String]>, raw: bool) -> Result<Vec<u8>> {
        let mut writer = csv::Writer::from_writer(Vec::new());
        for row in rows {
            write_row(&mut writer, row, raw)?;
        }
        writer.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))
    }

    fn json_object(&self, row: &[String]) -> serde_json::Map<String, serde_json::Value> {
        let value = |cell: &String, kind: ColumnKind| match (kind.is_number(), cell.as_str()) {
            (true, "") => serde_json::Value::Null,
            (true, number) => serde_json::from_str(number).unwrap_or_else(|_| cell.clone().into()),
            (false, _) => cell.clone().into(),
        };
        self.columns.iter().zip(row).map(|(c, cell)| (c.name.to_string(), value(cell, c.kind))).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_an_apostrophe_and_numbers_do_not() {
        for (cell, safe) in [
            ("=HYPERLINK(\"http://example.com\",\"x\")", "'=HYPERLINK(\"http://example.com\",\"x\")"),
            ("+1 more", "'+1 more"),
            ("-- the end", "'-- the end"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe);
        }
        for cell in ["-0.5", "+3", "We said = no", "", "Ann Lee"] {
            assert_eq!(spreadsheet_safe(cell), cell);
        }
    }

    #[test]
    fn json_lines_carry_numbers_as_numbers_and_missing_ones_as_null() {
        let encoder = RowEncoder::new(
            RowFormat::Jsonl,
            &[
                Column::new("quote_text", ColumnKind::Text, true),
                Column::new("quote_start", ColumnKind::Integer, false),
                Column::new("cue_start", ColumnKind::Integer, true),
                Column::new("stance_favor", ColumnKind::Float, false),
            ],
            false,
        );
        let row = ["=1+2 is the answer".to_string(), "12".into(), String::new(), "0.2500".into()];
        let line = String::from_utf8(encoder.rows([row.as_slice()]).unwrap()).unwrap();
        assert!(line.ends_with('\n') && line.matches('\n').count() == 1);
        let expected = serde_json::json!({"quote_text": "=1+2 is the answer", "quote_start": 12, "cue_start": null, "stance_favor": 0.25});
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&line).unwrap(),
            expected,
            "text is never made spreadsheet-safe in JSON"
        );
        assert!(encoder.header().unwrap().is_empty());
        assert_eq!(RowFormat::of_path(Path::new("out/quotes.jsonl")), RowFormat::Jsonl);
        assert_eq!(RowFormat::of_path(Path::new("quotes.csv")), RowFormat::Csv);
    }
}
