//! Reading articles from `.txt` files, directories, JSONL, CSV (either of them gzip- or
//! zstd-compressed), Parquet (through a reader another crate gives) and standard input.
//!
//! Readers stream: a JSONL or CSV file of a million articles is never held in memory at once,
//! nor decompressed whole. A bad row becomes an [`InputError`] in the stream and the rows around
//! it still come through; a compressed stream that is corrupt or cut short ends its file with an
//! error naming the row it reached, after the rows before it.

use crate::article::Article;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Why one article (or one whole input) could not be read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    /// The file (or `<stdin>`).
    pub file: String,
    /// 1-based line (JSONL) or record (CSV) number, when the error concerns one row.
    pub row: Option<u64>,
    /// What is wrong and, where it helps, what to do.
    pub reason: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.row {
            Some(row) => write!(f, "{}: row {}: {}", self.file, row, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

impl std::error::Error for InputError {}

/// Field and column names to read from JSONL and CSV input.
#[derive(Debug, Clone)]
pub struct FieldNames {
    /// Article identifier field.
    pub id: String,
    /// Article text field.
    pub text: String,
    /// Optional headline field.
    pub title: String,
    /// Optional date field.
    pub date: String,
    /// Optional URL field.
    pub url: String,
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            id: "id".into(),
            text: "text".into(),
            title: "title".into(),
            date: "date".into(),
            url: "url".into(),
        }
    }
}

/// The format of one input source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article per file; the id is the file stem.
    Text,
    /// One JSON object per line.
    Jsonl,
    /// A CSV file with a header row.
    Csv,
    /// A Parquet file with a column per field, read by a [`FileReader`] from [`Readers`].
    Parquet,
}

impl Format {
    /// Guess from a file name's extension (`.jsonl.gz` is JSON lines); `None` for extensions
    /// quotelens does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        Self::with_compression(path).map(|(format, _)| format)
    }

    /// The format and the compression of a file by its name: `quotes.jsonl.zst` is zstd-compressed
    /// JSON lines. JSON lines and CSV may be compressed; `None` for anything quotelens does not
    /// read.
    pub fn with_compression(path: &Path) -> Option<(Format, Compression)> {
        let compression = Compression::of_path(path);
        let name = match compression {
            Compression::None => path,
            Compression::Gzip | Compression::Zstd => Path::new(path.file_stem()?),
        };
        let format = match name.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "text" => Format::Text,
            "jsonl" | "ndjson" => Format::Jsonl,
            "csv" => Format::Csv,
            "parquet" => Format::Parquet,
            _ => return None,
        };
        let streamed = matches!(format, Format::Jsonl | Format::Csv);
        (compression == Compression::None || streamed).then_some((format, compression))
    }
}

/// How a JSON-lines or CSV file is compressed, by its last extension; decompressed as it is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// Not compressed.
    None,
    /// gzip (`.gz`), one member or several one after the other (`cat a.gz b.gz`).
    Gzip,
    /// Zstandard (`.zst`, `.zstd`).
    Zstd,
}

impl Compression {
    fn of_path(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase).as_deref() {
            Some("gz") => Compression::Gzip,
            Some("zst" | "zstd") => Compression::Zstd,
            _ => Compression::None,
        }
    }
}

/// Reads the articles of a file in a format this crate leaves to another.
pub type FileReader = fn(&Path, &FieldNames) -> ArticleStream;

/// Readers for the formats this crate leaves to others: Parquet is read by `quotelens-parquet`,
/// so that Apache Arrow, a large dependency, stays out of this crate. Without one, such a file is
/// an input error.
#[derive(Debug, Clone, Copy, Default)]
pub struct Readers {
    /// Reads `.parquet` files.
    pub parquet: Option<FileReader>,
}

/// A stream of articles, or errors naming what could not be read.
pub type ArticleStream = Box<dyn Iterator<Item = Result<Article, InputError>> + Send>;

/// Open every input (files, directories, `-` for stdin) as one stream, in the order given.
///
/// Directories are read for the files [`Format::from_path`] knows, sorted by name so that runs
/// are reproducible. `stdin_format` says how to read `-` (JSONL when `None` and the first
/// character is `{`, plain text otherwise). Parquet files are input errors: see
/// [`read_inputs_with`].
pub fn read_inputs(inputs: &[PathBuf], fields: &FieldNames, stdin_format: Option<Format>) -> ArticleStream {
    read_inputs_with(inputs, fields, stdin_format, Readers::default())
}

/// [`read_inputs`], with `readers` for the formats this crate does not read itself.
pub fn read_inputs_with(
    inputs: &[PathBuf],
    fields: &FieldNames,
    stdin_format: Option<Format>,
    readers: Readers,
) -> ArticleStream {
    let fields = fields.clone();
    let inputs = inputs.to_vec();
    Box::new(inputs.into_iter().flat_map(move |path| open_one(&path, &fields, stdin_format, readers)))
}

fn open_one(path: &Path, fields: &FieldNames, stdin_format: Option<Format>, readers: Readers) -> ArticleStream {
    if path.as_os_str() == "-" {
        return read_stdin(fields, stdin_format);
    }
    let name = path.display().to_string();
    if path.is_dir() {
        return read_dir(path, fields, readers);
    }
    match Format::with_compression(path) {
        Some((Format::Text, _)) => Box::new(std::iter::once(read_text_file(path))),
        Some((Format::Jsonl, compression)) => match open_file(path, compression) {
            Ok(f) => Box::new(jsonl_rows(BufReader::new(f), name, fields.clone())),
            Err(e) => one_error(&name, format!("cannot open: {e}")),
        },
        Some((Format::Csv, compression)) => match open_file(path, compression) {
            Ok(f) => csv_rows(f, name, fields.clone()),
            Err(e) => one_error(&name, format!("cannot open: {e}")),
        },
        Some((Format::Parquet, _)) => match readers.parquet {
            Some(read) => read(path, fields),
            None => one_error(&name, "Parquet is not read here: give JSON lines, CSV or text".into()),
        },
        None => one_error(
            &name,
            "unknown input type: give a .txt, .jsonl, .csv or .parquet file (JSON lines and CSV may be compressed: .jsonl.gz, .csv.zst), a directory of them, or - for stdin".into(),
        ),
    }
}

fn one_error(file: &str, reason: String) -> ArticleStream {
    Box::new(std::iter::once(Err(InputError { file: file.to_string(), row: None, reason })))
}

fn read_dir(dir: &Path, fields: &FieldNames, readers: Readers) -> ArticleStream {
    let name = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return one_error(&name, format!("cannot read directory: {e}")),
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && Format::from_path(p).is_some())
        .collect();
    files.sort();
    if files.is_empty() {
        return one_error(&name, "directory holds no .txt, .jsonl, .csv or .parquet files".into());
    }
    let fields = fields.clone();
    Box::new(files.into_iter().flat_map(move |p| open_one(&p, &fields, None, readers)))
}

/// A file's bytes, decompressed as they are read.
fn open_file(path: &Path, compression: Compression) -> io::Result<Box<dyn Read + Send>> {
    let file = File::open(path)?;
    Ok(match compression {
        Compression::None => Box::new(file),
        Compression::Gzip => {
            Box::new(Decompressed { inner: flate2::read::MultiGzDecoder::new(BufReader::new(file)), what: "gzip" })
        }
        Compression::Zstd => Box::new(Decompressed { inner: zstd::stream::read::Decoder::new(file)?, what: "zstd" }),
    })
}

/// A decompressing reader whose errors say that the compressed stream is at fault, as a
/// decompressor's own ("corrupt deflate stream") do not.
struct Decompressed<R> {
    inner: R,
    what: &'static str,
}

impl<R: Read> Read for Decompressed<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf).map_err(|e| {
            let what = self.what;
            io::Error::new(
                e.kind(),
                format!("the {what} stream is corrupt or cut short here ({e}); the rows before this one were read"),
            )
        })
    }
}

/// The items up to and including the first error that `fatal` says ends the stream: a reader
/// that failed (a corrupt compressed stream) may fail again on every read, and must not be read
/// forever.
fn until_fatal<T, E>(
    items: impl Iterator<Item = Result<T, E>>,
    fatal: impl Fn(&E) -> bool,
) -> impl Iterator<Item = Result<T, E>> {
    let mut stopped = false;
    items.map_while(move |item| {
        if stopped {
            return None;
        }
        stopped = item.as_ref().err().is_some_and(&fatal);
        Some(item)
    })
}

/// Decode bytes as UTF-8, dropping a leading byte-order mark.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "not valid UTF-8 (first bad byte at offset {}); convert the file to UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

fn read_text_file(path: &Path) -> Result<Article, InputError> {
    let err = |reason: String| InputError { file: path.display().to_string(), row: None, reason };
    let bytes = std::fs::read(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let text = decode(bytes).map_err(err)?;
    let id = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(Article::from_plain_text(id, text))
}

fn read_stdin(fields: &FieldNames, format: Option<Format>) -> ArticleStream {
    let mut bytes = Vec::new();
    if let Err(e) = io::stdin().lock().read_to_end(&mut bytes) {
        return one_error("<stdin>", format!("cannot read: {e}"));
    }
    let text = match decode(bytes) {
        Ok(t) => t,
        Err(reason) => return one_error("<stdin>", reason),
    };
    let format = format.unwrap_or(if text.trim_start().starts_with('{') { Format::Jsonl } else { Format::Text });
    match format {
        Format::Text => Box::new(std::iter::once(Ok(Article::from_plain_text("stdin", text)))),
        Format::Jsonl => Box::new(jsonl_rows(io::Cursor::new(text.into_bytes()), "<stdin>".into(), fields.clone())),
        Format::Csv => csv_rows(io::Cursor::new(text.into_bytes()), "<stdin>".into(), fields.clone()),
        Format::Parquet => one_error("<stdin>", "Parquet cannot be read from standard input: give the file".into()),
    }
}

/// JSONL rows; blank lines are skipped, every other line is one article or one error.
fn jsonl_rows(
    reader: impl BufRead + Send + 'static,
    file: String,
    fields: FieldNames,
) -> impl Iterator<Item = Result<Article, InputError>> + Send {
    let mut first = true;
    until_fatal(reader.split(b'\n'), |_| true).enumerate().filter_map(move |(i, line)| {
        let row = i as u64 + 1;
        let err = |reason: String| Some(Err(InputError { file: file.clone(), row: Some(row), reason }));
        let line = match line {
            Ok(l) => l,
            Err(e) => return err(format!("cannot read: {e}")),
        };
        let mut line = match decode(line) {
            Ok(l) => l,
            Err(reason) => return err(reason),
        };
        if std::mem::take(&mut first) && line.starts_with('\u{feff}') {
            line.drain(..3);
        }
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            return None;
        }
        let value: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => return err(format!("not valid JSON: {e}")),
        };
        let get = |key: &str| -> Option<String> {
            match value.get(key)? {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Null => None,
                other => Some(other.to_string()),
            }
        };
        let Some(text) = value.get(&fields.text).and_then(|v| v.as_str()) else {
            return err(format!("no string field \"{}\" (name the text field with --text-field)", fields.text));
        };
        let Some(id) = get(&fields.id) else {
            return err(format!("no field \"{}\" (name the id field with --id-field)", fields.id));
        };
        Some(Ok(Article {
            id,
            date: get(&fields.date),
            title: get(&fields.title),
            url: get(&fields.url),
            text: text.to_string(),
            body_start: 0,
        }))
    })
}

/// CSV records with a header row naming at least the id and text columns.
fn csv_rows(reader: impl Read + Send + 'static, file: String, fields: FieldNames) -> ArticleStream {
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(reader);
    let headers = match csv.headers() {
        Ok(h) => h.clone(),
        Err(e) => return one_error(&file, format!("cannot read the header row: {e}")),
    };
    let column = |name: &str| headers.iter().position(|h| h.trim_start_matches('\u{feff}') == name);
    let (Some(id_col), Some(text_col)) = (column(&fields.id), column(&fields.text)) else {
        return one_error(
            &file,
            format!(
                "header needs columns \"{}\" and \"{}\" (has: {}); name them with --id-field and --text-field",
                fields.id,
                fields.text,
                headers.iter().collect::<Vec<_>>().join(", ")
            ),
        );
    };
    let (title_col, date_col, url_col) = (column(&fields.title), column(&fields.date), column(&fields.url));
    let records = until_fatal(csv.into_byte_records(), csv::Error::is_io_error);
    Box::new(records.enumerate().map(move |(i, record)| {
        // Record 1 is the header, so data records are numbered from 2 like a spreadsheet's rows.
        let row = i as u64 + 2;
        let err = |reason: String| InputError { file: file.clone(), row: Some(row), reason };
        let record = record.map_err(|e| {
            if e.is_io_error() {
                err(format!("cannot read: {e}"))
            } else {
                err(format!("malformed CSV: {e}"))
            }
        })?;
        let field = |col: Option<usize>| -> Result<Option<String>, InputError> {
            match col.and_then(|c| record.get(c)) {
                None => Ok(None),
                Some(bytes) => decode(bytes.to_vec()).map(Some).map_err(err),
            }
        };
        let text = field(Some(text_col))?.ok_or_else(|| err(format!("row has no \"{}\" column", fields.text)))?;
        let id =
            field(Some(id_col))?.filter(|s| !s.is_empty()).ok_or_else(|| err(format!("empty \"{}\"", fields.id)))?;
        Ok(Article {
            id,
            date: field(date_col)?.filter(|s| !s.is_empty()),
            title: field(title_col)?.filter(|s| !s.is_empty()),
            url: field(url_col)?.filter(|s| !s.is_empty()),
            text,
            body_start: 0,
        })
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_keeps_good_rows_around_a_bad_one() {
        let data = "{\"id\":\"a\",\"text\":\"One.\"}\n{broken\n\n{\"id\":\"c\"}\n{\"id\":7,\"text\":\"Two.\",\"date\":\"2024-01-02\"}\n";
        let rows: Vec<_> =
            jsonl_rows(io::Cursor::new(data.as_bytes().to_vec()), "f.jsonl".into(), FieldNames::default()).collect();
        assert_eq!(rows.len(), 4);
        assert_eq!(rows[0].as_ref().unwrap().id, "a");
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!((e.file.as_str(), e.row), ("f.jsonl", Some(2)));
        assert!(rows[2].as_ref().unwrap_err().reason.contains("text"));
        let last = rows[3].as_ref().unwrap();
        assert_eq!((last.id.as_str(), last.date.as_deref()), ("7", Some("2024-01-02")));
    }

    #[test]
    fn a_name_says_the_format_and_the_compression() {
        let of = |name: &str| Format::with_compression(Path::new(name));
        assert_eq!(of("a.jsonl.gz"), Some((Format::Jsonl, Compression::Gzip)));
        assert_eq!(of("a.NDJSON.ZST"), Some((Format::Jsonl, Compression::Zstd)));
        assert_eq!(of("a.csv.zstd"), Some((Format::Csv, Compression::Zstd)));
        assert_eq!(of("dir/a.parquet"), Some((Format::Parquet, Compression::None)));
        assert_eq!(of("a.txt"), Some((Format::Text, Compression::None)));
        for unread in ["a.txt.gz", "a.parquet.zst", "a.gz", "a.json", "a"] {
            assert_eq!(of(unread), None, "{unread}");
        }
    }

    /// Gives `data`, then fails on every read after it, as a corrupt compressed stream may.
    struct FailsAfter(Option<&'static [u8]>);

    impl Read for FailsAfter {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let data = self.0.take().ok_or_else(|| io::Error::other("the stream is broken"))?;
            buf[..data.len()].copy_from_slice(data);
            Ok(data.len())
        }
    }

    #[test]
    fn a_reader_that_fails_for_ever_ends_its_file_with_one_error_after_the_good_rows() {
        let jsonl = FailsAfter(Some(b"{\"id\":\"a\",\"text\":\"One.\"}\n{\"id\":\"b\","));
        let rows: Vec<_> = jsonl_rows(BufReader::new(jsonl), "f.jsonl".into(), FieldNames::default()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].as_ref().unwrap().id, "a");
        let e = rows[1].as_ref().unwrap_err();
        assert_eq!((e.row, e.reason.as_str()), (Some(2), "cannot read: the stream is broken"));
        let rows: Vec<_> =
            csv_rows(FailsAfter(Some(b"id,text\na,One.\nb,Tw")), "f.csv".into(), FieldNames::default()).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].as_ref().unwrap().id, "a");
        assert!(rows[1].as_ref().unwrap_err().reason.starts_with("cannot read:"), "{:?}", rows[1]);
    }

    #[test]
    fn parquet_without_a_reader_for_it_is_an_input_error() {
        let rows: Vec<_> = read_inputs(&[PathBuf::from("a.parquet")], &FieldNames::default(), None).collect();
        assert_eq!(rows.len(), 1);
        assert!(rows[0].as_ref().unwrap_err().reason.contains("Parquet is not read here"));
    }

    #[test]
    fn csv_rows_name_the_row_of_an_error() {
        let data = "\u{feff}id,text\na,\"Said, with a comma.\"\n,no id\n";
        let rows: Vec<_> =
            csv_rows(io::Cursor::new(data.as_bytes().to_vec()), "f.csv".into(), FieldNames::default()).collect();
        assert_eq!(rows[0].as_ref().unwrap().text, "Said, with a comma.");
        assert_eq!(rows[1].as_ref().unwrap_err().row, Some(3));
    }
}
