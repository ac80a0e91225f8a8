//! Reading articles from `.txt` files, directories, JSONL, CSV and standard input.
//!
//! Readers stream: a JSONL or CSV file of a million articles is never held in memory at once.
//! A bad row becomes an [`InputError`] in the stream and the rows around it still come through.

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
}

impl Format {
    /// Guess from a file name's extension; `None` for extensions quotelens does not read.
    pub fn from_path(path: &Path) -> Option<Format> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            "csv" => Some(Format::Csv),
            _ => None,
        }
    }
}

/// A stream of articles, or errors naming what could not be read.
pub type ArticleStream = Box<dyn Iterator<Item = Result<Article, InputError>> + Send>;

/// Open every input (files, directories, `-` for stdin) as one stream, in the order given.
///
/// Directories are read for `.txt`, `.jsonl` and `.csv` files, sorted by name so that runs are
/// reproducible. `stdin_format` says how to read `-` (JSONL when `None` and the first character
/// is `{`, plain text otherwise).
pub fn read_inputs(inputs: &[PathBuf], fields: &FieldNames, stdin_format: Option<Format>) -> ArticleStream {
    let fields = fields.clone();
    let inputs = inputs.to_vec();
    Box::new(inputs.into_iter().flat_map(move |path| open_one(&path, &fields, stdin_format)))
}

fn open_one(path: &Path, fields: &FieldNames, stdin_format: Option<Format>) -> ArticleStream {
    if path.as_os_str() == "-" {
        return read_stdin(fields, stdin_format);
    }
    let name = path.display().to_string();
    if path.is_dir() {
        return read_dir(path, fields);
    }
    match Format::from_path(path) {
        Some(Format::Text) => Box::new(std::iter::once(read_text_file(path))),
        Some(Format::Jsonl) => match File::open(path) {
            Ok(f) => Box::new(jsonl_rows(BufReader::new(f), name, fields.clone())),
            Err(e) => one_error(&name, format!("cannot open: {e}")),
        },
        Some(Format::Csv) => match File::open(path) {
            Ok(f) => csv_rows(f, name, fields.clone()),
            Err(e) => one_error(&name, format!("cannot open: {e}")),
        },
        None => one_error(
            &name,
            "unknown input type: give a .txt, .jsonl or .csv file, a directory of them, or - for stdin".into(),
        ),
    }
}

fn one_error(file: &str, reason: String) -> ArticleStream {
    Box::new(std::iter::once(Err(InputError { file: file.to_string(), row: None, reason })))
}

fn read_dir(dir: &Path, fields: &FieldNames) -> ArticleStream {
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
        return one_error(&name, "directory holds no .txt, .jsonl or .csv files".into());
    }
    let fields = fields.clone();
    Box::new(files.into_iter().flat_map(move |p| open_one(&p, &fields, None)))
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
    }
}

/// JSONL rows; blank lines are skipped, every other line is one article or one error.
fn jsonl_rows(
    reader: impl BufRead + Send + 'static,
    file: String,
    fields: FieldNames,
) -> impl Iterator<Item = Result<Article, InputError>> + Send {
    let mut first = true;
    reader.split(b'\n').enumerate().filter_map(move |(i, line)| {
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
    Box::new(csv.into_byte_records().enumerate().map(move |(i, record)| {
        // Record 1 is the header, so data records are numbered from 2 like a spreadsheet's rows.
        let row = i as u64 + 2;
        let err = |reason: String| InputError { file: file.clone(), row: Some(row), reason };
        let record = record.map_err(|e| err(format!("malformed CSV: {e}")))?;
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
    fn csv_rows_name_the_row_of_an_error() {
        let data = "\u{feff}id,text\na,\"Said, with a comma.\"\n,no id\n";
        let rows: Vec<_> =
            csv_rows(io::Cursor::new(data.as_bytes().to_vec()), "f.csv".into(), FieldNames::default()).collect();
        assert_eq!(rows[0].as_ref().unwrap().text, "Said, with a comma.");
        assert_eq!(rows[1].as_ref().unwrap_err().row, Some(3));
    }
}
