//! Reading Parquet as text: a table's rows as the cells CSV would hold (for `summarize` and
//! `classify`), or articles (for `label`). Files are read batch by batch, never whole; a batch
//! that cannot be read ends the file with an error naming the row it starts at, after the rows
//! before it.

use anyhow::Result;
use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Date32Type, Date64Type, Decimal128Type, Float32Type, Float64Type, Int16Type, Int32Type,
    Int64Type, Int8Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt16Type, UInt32Type, UInt64Type, UInt8Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::{ArrowReaderOptions, ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use quotelens_core::article::Article;
use quotelens_core::column::date_text;
use quotelens_core::input::{ArticleStream, FieldNames, InputError};
use std::fs::File;
use std::path::Path;

/// Rows of a table: each its number (from 1) and its cells, or what is wrong with it.
pub type Rows = Box<dyn Iterator<Item = Result<(u64, Vec<String>), String>>>;

/// Rows per batch read from a table, and from a file of articles (whose texts are long).
const TABLE_BATCH: usize = 8192;
const ARTICLE_BATCH: usize = 256;

/// The header and the rows of a Parquet file, each cell as CSV would hold it: numbers written
/// out (`12`, `0.25`), dates `YYYY-MM-DD`, nulls empty.
pub fn read_table(path: &Path) -> Result<(Vec<String>, Rows)> {
    let name = path.display().to_string();
    let (header, rows) = open(path, None, TABLE_BATCH).map_err(|why| anyhow::anyhow!("{name}: {why}"))?;
    let rows = rows.map(|row| match row {
        Ok((n, cells)) => Ok((n, cells.into_iter().map(Option::unwrap_or_default).collect())),
        Err((n, why)) => Err(format!("row {n}: {why}")),
    });
    Ok((header, Box::new(rows)))
}

/// The articles of a Parquet file with a column per field (`fields` names them; id and text
/// are needed, title, date and url read where there are such columns). A row with no id is an
/// error of its own; a row with no text is an article with an empty one (which `label` reports
/// as such, by its id).
pub fn read_articles(path: &Path, fields: &FieldNames) -> ArticleStream {
    let file = path.display().to_string();
    let error = move |row: Option<u64>, reason: String| InputError { file: file.clone(), row, reason };
    let names = [&fields.id, &fields.text, &fields.title, &fields.date, &fields.url].map(|n| n.as_str());
    let (header, rows) = match open(path, Some(&names), ARTICLE_BATCH) {
        Ok(opened) => opened,
        Err(why) => return Box::new(std::iter::once(Err(error(None, why)))),
    };
    let column = |name: &str| header.iter().position(|h| h == name);
    let (Some(id), Some(text)) = (column(&fields.id), column(&fields.text)) else {
        let reason = format!(
            "needs columns \"{}\" and \"{}\" (has: {}); name them with --id-field and --text-field",
            fields.id,
            fields.text,
            all_columns(path).join(", ")
        );
        return Box::new(std::iter::once(Err(error(None, reason))));
    };
    let optional = [column(&fields.title), column(&fields.date), column(&fields.url)];
    let id_name = fields.id.clone();
    Box::new(rows.map(move |row| {
        let (n, mut cells) = row.map_err(|(n, why)| error(Some(n), why))?;
        let mut take = |c: Option<usize>| c.and_then(|c| cells[c].take()).filter(|v| !v.is_empty());
        let Some(id) = take(Some(id)) else { return Err(error(Some(n), format!("empty \"{id_name}\""))) };
        let [title, date, url] = optional.map(&mut take);
        let text = cells[text].take().unwrap_or_default();
        Ok(Article { id, date, title, url, text, body_start: 0 })
    }))
}

/// Every column name of a Parquet file, for error messages (empty if it cannot be read).
fn all_columns(path: &Path) -> Vec<String> {
    open(path, None, 1).map(|(header, _)| header).unwrap_or_default()
}

/// A Parquet file opened for reading as text: the names of its columns (of those in `wanted`
/// where given, in the file's order) and its rows. Types are read from the Parquet schema alone,
/// not from an Arrow schema stored in the file, so that a category or a large string is plain
/// text whichever program wrote it.
fn open(path: &Path, wanted: Option<&[&str]>, batch_size: usize) -> Result<(Vec<String>, TextRows), String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let options = ArrowReaderOptions::new().with_skip_arrow_metadata(true);
    let builder =
        guarded_try(|| ParquetRecordBatchReaderBuilder::try_new_with_options(file, options)).map_err(|why| {
            format!("not a Parquet file quotelens can read ({why}); check that it was written or copied whole")
        })?;
    let schema = builder.schema().clone();
    let roots: Vec<usize> = (0..schema.fields().len())
        .filter(|&i| wanted.is_none_or(|names| names.contains(&schema.field(i).name().as_str())))
        .collect();
    let mask = ProjectionMask::roots(builder.parquet_schema(), roots.iter().copied());
    let reader = guarded_try(|| builder.with_projection(mask).with_batch_size(batch_size).build())
        .map_err(|why| format!("cannot read ({why}); check that it was written or copied whole"))?;
    let fields: Vec<_> = roots.iter().map(|&i| schema.field(i)).collect();
    for field in &fields {
        text_cells(arrow_array::new_empty_array(field.data_type()).as_ref())
            .map_err(|why| format!("column \"{}\": {why}", field.name()))?;
    }
    let header = fields.iter().map(|f| f.name().clone()).collect();
    Ok((header, TextRows { batches: reader, pending: Vec::new().into_iter(), next_row: 1, done: false }))
}

/// The rows of a reader's batches, numbered from 1, each a cell per column (`None` for null).
/// After a batch that cannot be read there are no more rows.
struct TextRows {
    batches: ParquetRecordBatchReader,
    pending: std::vec::IntoIter<Vec<Option<String>>>,
    next_row: u64,
    done: bool,
}

impl Iterator for TextRows {
    type Item = Result<(u64, Vec<Option<String>>), (u64, String)>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(row) = self.pending.next() {
                self.next_row += 1;
                return Some(Ok((self.next_row - 1, row)));
            }
            if self.done {
                return None;
            }
            let rows = match guarded(|| self.batches.next().map(|batch| batch.map(|b| batch_rows(&b)))) {
                Ok(None) => return None,
                Ok(Some(Ok(rows))) => rows,
                Ok(Some(Err(e))) => Err(e.to_string()),
                Err(why) => Err(why),
            };
            match rows {
                Ok(rows) => self.pending = rows.into_iter(),
                Err(why) => {
                    self.done = true;
                    let why = format!("cannot read the rows from here on ({why}); the rows before were read");
                    return Some(Err((self.next_row, why)));
                }
            }
        }
    }
}

/// What `read` returns, or, should the Parquet reader panic (a damaged file can make it), what
/// the panic said: a damaged file is an input error like any other, not the end of the run.
pub(crate) fn guarded<T>(read: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).map_err(|panic| {
        let said =
            panic.downcast_ref::<&str>().map(|s| s.to_string()).or_else(|| panic.downcast_ref::<String>().cloned());
        format!("the Parquet reader failed on it: {}", said.unwrap_or_default())
    })
}

/// [`guarded`] for a reading that can fail: its error or its panic, as text.
pub(crate) fn guarded_try<T, E: std::fmt::Display>(read: impl FnOnce() -> Result<T, E>) -> Result<T, String> {
    guarded(read).and_then(|result| result.map_err(|e| e.to_string()))
}

/// The rows of a batch, each a cell per column.
fn batch_rows(batch: &RecordBatch) -> Result<Vec<Vec<Option<String>>>, String> {
    let mut columns =
        batch.columns().iter().map(|c| text_cells(c.as_ref()).map(Vec::into_iter)).collect::<Result<Vec<_>, _>>()?;
    let row = |_| columns.iter_mut().map(|c| c.next().flatten()).collect();
    Ok((0..batch.num_rows()).map(row).collect())
}

/// The cells of a column as CSV would hold them (`None` for null): text as it is, numbers as
/// written, booleans `true`/`false`, dates `YYYY-MM-DD`, timestamps `YYYY-MM-DDTHH:MM:SS`
/// (in UTC, `Z` added where the column has a time zone). Other types (lists, structs, binary)
/// are an error naming the type.
fn text_cells(array: &dyn Array) -> Result<Vec<Option<String>>, String> {
    let strings = |values: &mut dyn Iterator<Item = Option<&str>>| values.map(|v| v.map(str::to_string)).collect();
    Ok(match array.data_type() {
        DataType::Utf8 => strings(&mut array.as_string::<i32>().iter()),
        DataType::LargeUtf8 => strings(&mut array.as_string::<i64>().iter()),
        DataType::Utf8View => strings(&mut array.as_string_view().iter()),
        DataType::Boolean => array.as_boolean().iter().map(|v| v.map(|b| b.to_string())).collect(),
        DataType::Int8 => written::<Int8Type>(array),
        DataType::Int16 => written::<Int16Type>(array),
        DataType::Int32 => written::<Int32Type>(array),
        DataType::Int64 => written::<Int64Type>(array),
        DataType::UInt8 => written::<UInt8Type>(array),
        DataType::UInt16 => written::<UInt16Type>(array),
        DataType::UInt32 => written::<UInt32Type>(array),
        DataType::UInt64 => written::<UInt64Type>(array),
        DataType::Float32 => written::<Float32Type>(array),
        DataType::Float64 => written::<Float64Type>(array),
        DataType::Decimal128(_, _) => {
            let decimals = array.as_primitive::<Decimal128Type>();
            (0..array.len()).map(|i| decimals.is_valid(i).then(|| decimals.value_as_string(i))).collect()
        }
        DataType::Date32 => array.as_primitive::<Date32Type>().iter().map(|d| d.map(|d| date_text(d.into()))).collect(),
        DataType::Date64 => array
            .as_primitive::<Date64Type>()
            .iter()
            .map(|ms| ms.map(|ms| date_text(ms.div_euclid(86_400_000))))
            .collect(),
        DataType::Timestamp(unit, zone) => {
            let zone = if zone.is_some() { "Z" } else { "" };
            match unit {
                TimeUnit::Second => stamps::<TimestampSecondType>(array, 1, zone),
                TimeUnit::Millisecond => stamps::<TimestampMillisecondType>(array, 1_000, zone),
                TimeUnit::Microsecond => stamps::<TimestampMicrosecondType>(array, 1_000_000, zone),
                TimeUnit::Nanosecond => stamps::<TimestampNanosecondType>(array, 1_000_000_000, zone),
            }
        }
        other => return Err(format!("{other} columns cannot be read as text; give text, numbers or dates")),
    })
}

/// The cells of a column of numbers, written as Rust writes them (`12`, `0.25`, shortest form
/// that reads back the same).
fn written<T: ArrowPrimitiveType>(array: &dyn Array) -> Vec<Option<String>>
where
    T::Native: std::fmt::Display,
{
    array.as_primitive::<T>().iter().map(|v| v.map(|v| v.to_string())).collect()
}

/// The cells of a column of timestamps counted in `per_second` parts of a second, to the second,
/// with `zone` after each.
fn stamps<T: ArrowPrimitiveType<Native = i64>>(array: &dyn Array, per_second: i64, zone: &str) -> Vec<Option<String>> {
    let text = |t: i64| timestamp_text(t.div_euclid(per_second)) + zone;
    array.as_primitive::<T>().iter().map(|t| t.map(text)).collect()
}

/// `YYYY-MM-DDTHH:MM:SS` of seconds since 1970-01-01 00:00:00.
fn timestamp_text(seconds: i64) -> String {
    let (days, time) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
    format!("{}T{:02}:{:02}:{:02}", date_text(days), time / 3600, time / 60 % 60, time % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{
        ArrayRef, BooleanArray, Date32Array, Float64Array, Int32Array, StringArray, TimestampMillisecondArray,
    };
    use std::sync::Arc;

    #[test]
    fn cells_read_back_as_csv_writes_them() {
        let cells = |array: ArrayRef| text_cells(array.as_ref()).unwrap();
        assert_eq!(cells(Arc::new(StringArray::from(vec![Some("a"), None]))), [Some("a".into()), None]);
        assert_eq!(cells(Arc::new(Int32Array::from(vec![Some(12), None]))), [Some("12".into()), None]);
        assert_eq!(cells(Arc::new(Float64Array::from(vec![0.25, 1.0]))), [Some("0.25".into()), Some("1".into())]);
        assert_eq!(cells(Arc::new(BooleanArray::from(vec![true]))), [Some("true".into())]);
        assert_eq!(cells(Arc::new(Date32Array::from(vec![20_526]))), [Some("2026-03-14".into())]);
        let stamps = TimestampMillisecondArray::from(vec![1_773_480_600_000]);
        assert_eq!(cells(Arc::new(stamps.clone())), [Some("2026-03-14T09:30:00".into())]);
        assert_eq!(cells(Arc::new(stamps.with_timezone("UTC"))), [Some("2026-03-14T09:30:00Z".into())]);
        let list = arrow_array::new_empty_array(&DataType::new_list(DataType::Int32, true));
        assert!(text_cells(list.as_ref()).unwrap_err().contains("List"));
    }

    #[test]
    fn a_damaged_file_is_an_error_never_a_panic() {
        use crate::write::{RowBatcher, TableWriter};
        use quotelens_core::column::{Column, ColumnKind};
        let columns = [
            Column::new("article_id", ColumnKind::Text, true),
            Column::new("quote_start", ColumnKind::Integer, false),
            Column::new("stance_favor", ColumnKind::Float, false),
            Column::new("date", ColumnKind::Date, true),
        ];
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("q.parquet");
        let mut batcher = RowBatcher::new(&columns);
        for i in 0..50 {
            batcher.push([format!("a{i}").as_str(), &i.to_string(), "0.5", "2026-03-14"]).unwrap();
        }
        let mut writer = TableWriter::create(&path, crate::write::schema(&columns)).unwrap();
        writer.write(&batcher.take().unwrap()).unwrap();
        writer.finish().unwrap();
        let good = std::fs::read(&path).unwrap();
        let damaged = dir.path().join("damaged.parquet");
        let mut panics = Vec::new();
        for i in 0..good.len() {
            for flip in [0x01u8, 0xff] {
                let mut bytes = good.clone();
                bytes[i] ^= flip;
                std::fs::write(&damaged, &bytes).unwrap();
                let read = std::panic::catch_unwind(|| {
                    if let Ok((_, rows)) = read_table(&damaged) {
                        rows.count();
                    }
                    read_articles(
                        &damaged,
                        &FieldNames { id: "article_id".into(), text: "article_id".into(), ..FieldNames::default() },
                    )
                    .count();
                });
                if read.is_err() {
                    panics.push((i, flip));
                }
            }
        }
        assert!(
            panics.is_empty(),
            "{} of {} damaged files panicked: {:?}",
            panics.len(),
            good.len() * 2,
            &panics[..panics.len().min(20)]
        );
    }
}
