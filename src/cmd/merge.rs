//! `quotelens merge`: join the outputs of the shares of a corpus (`label --shard K/N`), or their
//! errors files, into one file.
//!
//! CSV parts are joined under the one header they must all share, each part's rows as it wrote
//! them: in the order the parts are given (the rows of a single run over the whole corpus,
//! grouped by share), or, given the corpus (`--corpus`), in the corpus's order, so that the
//! merged file is byte for byte what a single run writes. A part whose run did not finish (its
//! checkpoint is still beside it) is refused, so that a merge never silently loses a share.
//! Parquet parts are joined the same ways into one Parquet file with their schema.

use anyhow::{bail, Context, Result};
use quotelens_core::checkpoint::Checkpoint;
use quotelens_core::input::{read_inputs_with, FieldNames};
use quotelens_core::output::{RowFormat, Sink};
use quotelens_core::shard::CopyCounter;
use quotelens_parquet::merge::Part;
use quotelens_parquet::TableWriter;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Arguments of `quotelens merge`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The parts: CSV files written by `quotelens label --shard K/N` (or their --errors files),
    /// all with the same columns; or JSON-lines parts (*.jsonl), joined as they are; or Parquet
    /// parts (*.parquet), all with the same schema, joined into a Parquet file.
    #[arg(required = true)]
    parts: Vec<PathBuf>,
    /// The joined file (written atomically); - or nothing for stdout (not for Parquet).
    #[arg(short, long, default_value = "-")]
    output: PathBuf,
    /// The corpus the parts were labelled from (as given to `label`): the rows are written in its
    /// order, and the merged file is byte for byte what one `label` run over it writes. Quote
    /// files only (CSV or Parquet); without it the parts are joined one after the other.
    #[arg(long, value_name = "INPUT")]
    corpus: Vec<PathBuf>,
    /// The corpus's id field or column, as given to `label`.
    #[arg(long, default_value = "id")]
    id_field: String,
    /// The corpus's text field or column, as given to `label`.
    #[arg(long, default_value = "text")]
    text_field: String,
}

/// Run `merge`.
pub fn run(args: Args) -> Result<ExitCode> {
    let format = RowFormat::of_path(&args.parts[0]);
    if !args.corpus.is_empty() && format == RowFormat::Jsonl {
        bail!("--corpus orders CSV and Parquet quote files; join JSON-lines parts without it");
    }
    for part in &args.parts {
        refuse_unfinished(part)?;
        if RowFormat::of_path(part) != format {
            bail!(
                "{} and {} are not in one format: merge CSV, JSON-lines and Parquet parts apart",
                args.parts[0].display(),
                part.display()
            );
        }
    }
    let rows = if format == RowFormat::Parquet { merge_parquet(&args)? } else { merge_text(&args, format)? };
    eprintln!("merged {} parts, {rows} rows", args.parts.len());
    Ok(ExitCode::SUCCESS)
}

/// Join CSV or JSON-lines parts; how many rows.
fn merge_text(args: &Args, format: RowFormat) -> Result<u64> {
    let mut sink = Sink::create(&args.output)?;
    let mut header: Option<(PathBuf, csv::StringRecord)> = None;
    let mut rows = 0u64;
    for part in &args.parts {
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
        if args.corpus.is_empty() {
            rows += copy_body(part, body_start, &mut sink)?;
        }
    }
    if let Some((_, columns)) = header.filter(|_| !args.corpus.is_empty()) {
        rows = in_corpus_order(args, &columns, &mut sink)?;
    }
    sink.finish()?;
    Ok(rows)
}

/// Join Parquet parts into one Parquet file with their schema, one part after another or, given
/// the corpus, in its order (as [`in_corpus_order`] does for CSV); how many rows.
fn merge_parquet(args: &Args) -> Result<u64> {
    if args.output.as_os_str() == "-" || RowFormat::of_path(&args.output) != RowFormat::Parquet {
        bail!("Parquet parts are joined into a Parquet file: give -o FILE.parquet");
    }
    let mut parts = args.parts.iter().map(|p| Part::open(p)).collect::<Result<Vec<_>>>()?;
    for part in &parts[1..] {
        if part.schema().fields() != parts[0].schema().fields() {
            bail!(
                "{} has other columns than {}: merge the parts of one run",
                part.path().display(),
                parts[0].path().display()
            );
        }
    }
    let mut out = TableWriter::create(&args.output, parts[0].schema().clone())?;
    let mut rows = 0u64;
    if args.corpus.is_empty() {
        for part in parts.iter_mut() {
            rows += part.copy_rest(&mut out)?;
        }
    } else {
        for (id, prefix) in corpus_articles(args) {
            for part in parts.iter_mut() {
                rows += part.copy_while(&mut out, |article, quote| article == id && quote.starts_with(&prefix))?;
            }
        }
        for part in parts.iter_mut() {
            if let Some(id) = part.next_article()? {
                bail!("{} has rows of article {id:?}, {NOT_IN_CORPUS}", part.path().display());
            }
        }
    }
    out.finish()?;
    Ok(rows)
}

/// Why a part's rows do not fit the corpus.
const NOT_IN_CORPUS: &str =
    "which the corpus does not hold in that order: was it labelled from another corpus, or with other --id-field?";

/// The articles of the corpus in its order, each its id and the prefix of its quote ids
/// (`<id>:`, or `<id>#2:` for the second article with that id, as `label` numbers copies).
fn corpus_articles(args: &Args) -> impl Iterator<Item = (String, String)> {
    let fields = FieldNames { id: args.id_field.clone(), text: args.text_field.clone(), ..FieldNames::default() };
    let mut copies = CopyCounter::default();
    read_inputs_with(&args.corpus, &fields, None, super::readers()).flatten().map(move |article| {
        let copy = copies.copy_number(&article.id);
        let prefix = if copy == 1 { format!("{}:", article.id) } else { format!("{}#{copy}:", article.id) };
        (article.id, prefix)
    })
}

/// Write the rows of every part in the order of the corpus: for each article of the corpus in
/// turn, the rows at the head of whichever part holds them. Each part is in corpus order (a share
/// keeps its articles' order) and holds an article's rows together, so this is the order of a
/// single run.
fn in_corpus_order(args: &Args, columns: &csv::StringRecord, sink: &mut Sink) -> Result<u64> {
    let column = |name: &str| {
        columns.iter().position(|c| c == name).with_context(|| {
            format!("the parts have no {name} column: --corpus orders the quote files of `label`, not errors files")
        })
    };
    let (id_column, quote_id_column) = (column("article_id")?, column("quote_id")?);
    let mut parts = Vec::with_capacity(args.parts.len());
    for part in &args.parts {
        let reader = csv::Reader::from_path(part).with_context(|| format!("cannot open {}", part.display()))?;
        parts.push((part, reader.into_byte_records().peekable()));
    }
    let mut writer = csv::WriterBuilder::new().has_headers(false).from_writer(sink);
    let mut rows = 0u64;
    for (id, prefix) in corpus_articles(args) {
        let is_this_article =
            |row: &csv::ByteRecord| cell_is(&row[id_column], &id) && cell_starts_with(&row[quote_id_column], &prefix);
        for (part, records) in parts.iter_mut() {
            while let Some(row) = records.next_if(|r| r.as_ref().map_or(true, is_this_article)) {
                writer
                    .write_byte_record(&row.with_context(|| format!("{}: a row is not valid CSV", part.display()))?)?;
                rows += 1;
            }
        }
    }
    for (part, records) in parts.iter_mut() {
        if let Some(row) = records.next() {
            let id = row.map(|r| String::from_utf8_lossy(&r[id_column]).into_owned()).unwrap_or_default();
            bail!("{} has rows of article {id:?}, {NOT_IN_CORPUS}", part.display());
        }
    }
    writer.flush()?;
    Ok(rows)
}

/// Whether a cell written by `label` holds `text`, as it is or made spreadsheet-safe.
fn cell_is(cell: &[u8], text: &str) -> bool {
    cell == text.as_bytes() || cell.strip_prefix(b"'") == Some(text.as_bytes())
}

/// Whether a cell written by `label` begins with `prefix`, as it is or made spreadsheet-safe.
fn cell_starts_with(cell: &[u8], prefix: &str) -> bool {
    cell.starts_with(prefix.as_bytes()) || cell.strip_prefix(b"'").is_some_and(|c| c.starts_with(prefix.as_bytes()))
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

/// Copy the rows of a part, as they are, and count them. The part is streamed twice (once to
/// check and count its rows, once to copy its bytes), never held whole: a share of a corpus of
/// millions runs to gigabytes.
fn copy_body(part: &Path, body_start: u64, sink: &mut Sink) -> Result<u64> {
    let mut file = std::fs::File::open(part)?;
    file.seek(SeekFrom::Start(body_start))?;
    let rows = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(&file)
        .into_records()
        .try_fold(0u64, |n, record| {
            record.map(|_| n + 1).with_context(|| format!("{}: a row is not valid CSV", part.display()))
        })?;
    file.seek(SeekFrom::Start(body_start))?;
    std::io::copy(&mut file, sink)?;
    Ok(rows)
}

/// Copy a JSON-lines part as it is, streamed, and count its lines.
fn copy_lines(part: &Path, sink: &mut Sink) -> Result<u64> {
    let mut file = std::fs::File::open(part).with_context(|| format!("cannot open {}", part.display()))?;
    let mut buffer = vec![0u8; 1 << 16];
    let mut lines = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            return Ok(lines);
        }
        lines += buffer[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        sink.write_all(&buffer[..n])?;
    }
}

/// One CSV line holding `record`.
fn csv_line(record: &csv::StringRecord) -> Result<Vec<u8>> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(record)?;
    writer.into_inner().map_err(|e| anyhow::anyhow!("cannot write CSV: {}", e.error()))
}
