//! `quotelens merge`: join the outputs of the shares of a corpus (`label --shard K/N`), or their
//! errors files, into one file.
//!
//! CSV parts are joined in the order given, each part's rows as it wrote them, under the one
//! header they must all share: the result holds exactly the rows of a single run over the whole
//! corpus, grouped by share rather than in input order. A part whose run did not finish (its
//! checkpoint is still beside it) is refused, so that a merge never silently loses a share.

use anyhow::{bail, Context, Result};
use quotelens_core::checkpoint::Checkpoint;
use quotelens_core::output::{RowFormat, Sink};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `quotelens merge`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The parts: CSV files written by `quotelens label --shard K/N` (or their --errors files),
    /// all with the same columns; or JSON-lines parts (*.jsonl), joined as they are.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// The joined CSV file (written atomically); - or nothing for stdout.
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
}

/// Run `merge`.
pub fn run(args: Args) -> Result<ExitCode> {
    let mut sink = Sink::create(&args.output)?;
    let mut header: Option<(PathBuf, csv::StringRecord)> = None;
    let mut rows = 0u64;
    let format = RowFormat::of_path(&args.parts[0]);
    for part in &args.parts {
        refuse_unfinished(part)?;
        if RowFormat::of_path(part) != format {
            bail!(
                "{} and {} are not in one format: merge CSV parts and JSON-lines parts apart",
                args.parts[0].display(),
                part.display()
            );
        }
        if format == RowFormat::Jsonl {
            // One object per line, no header: the parts join as they are.
            rows += copy_lines(part, &mut sink)?;
            continue;
        }
        let (part_header, body_start) = read_header(part)?;
        match &header {
            None => {
                sink.write_all(&csv_line(&part_header)?)?;
                header = Some((part.clone(), part_header));
            }
            Some((first, columns)) if *columns != part_header => bail!(
                "{} has other columns than {}: merge the parts of one run (quotes and errors files apart)",
                part.display(),
                first.display()
            ),
            Some(_) => {}
        }
        rows += copy_body(part, body_start, &mut sink)?;
    }
    sink.finish()?;
    eprintln!("merged {} parts, {rows} rows", args.parts.len());
    Ok(ExitCode::SUCCESS)
}

/// Refuse a part whose run has a checkpoint beside it: it was killed before it finished.
fn refuse_unfinished(part: &Path) -> Result<()> {
    if Checkpoint::path(part).exists() {
        bail!(
            "{} did not finish: {} is beside it. Run its share again with --resume, then merge",
            part.display(),
            Checkpoint::path(part).display()
        );
    }
    Ok(())
}

/// The header of a part and the byte offset where its rows start.
fn read_header(part: &Path) -> Result<(csv::StringRecord, u64)> {
    let file = std::fs::File::open(part).with_context(|| format!("cannot open {}", part.display()))?;
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(file);
    let mut header = csv::StringRecord::new();
    if !reader.read_record(&mut header).with_context(|| format!("{}: cannot read the header row", part.display()))? {
        bail!("{} is empty: it has not even a header row", part.display());
    }
    Ok((header, reader.position().byte()))
}

/// Copy the rows of a part, as they are, and count them.
fn copy_body(part: &Path, body_start: u64, sink: &mut Sink) -> Result<u64> {
    let mut file = std::fs::File::open(part)?;
    file.seek(SeekFrom::Start(body_start))?;
    let mut body = Vec::new();
    file.read_to_end(&mut body)?;
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body.as_slice())
        .into_records()
        .try_fold(0u64, |n, record| {
            record.map(|_| n + 1).with_context(|| format!("{}: a row is not valid CSV", part.display()))
        })?;
    sink.write_all(&body)?;
    Ok(rows)
}

/// Copy a JSON-lines part as it is, and count its lines.
fn copy_lines(part: &Path, sink: &mut Sink) -> Result<u64> {
    let body = std::fs::read(part).with_context(|| format!("cannot open {}", part.display()))?;
    sink.write_all(&body)?;
    Ok(body.iter().filter(|&&b| b == b'\n').count() as u64)
}

/// One CSV line holding `record`.
fn csv_line(record: &csv::StringRecord) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(record)?;
    writer.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))
}
