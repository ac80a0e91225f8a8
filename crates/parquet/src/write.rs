//! Writing typed Parquet: the schema of a table's columns, a file written beside its target and
//! renamed into place, and the conversion of `label`'s JSON-lines stream.

use anyhow::{anyhow, bail, Context, Result};
use arrow_array::builder::{Date32Builder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::properties::WriterProperties;
use quotelens_core::column::{date_days, Column, ColumnKind};
use quotelens_core::output::beside;
use std::fs::File;
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Rows per row group, and per batch converted at a time: large enough for fast scans, small
/// enough that a batch of long quotes stays well under a gigabyte.
pub const ROW_GROUP_ROWS: usize = 64 * 1024;

/// The Arrow schema of a table: text as UTF-8, integers as Int64, floats as Float64 and dates
/// as Date32, each nullable as its [`Column`] says.
pub fn schema(columns: &[Column]) -> SchemaRef {
    let field = |c: &Column| Field::new(c.name, data_type(c.kind), c.nullable);
    Arc::new(Schema::new(columns.iter().map(field).collect::<Vec<_>>()))
}

fn data_type(kind: ColumnKind) -> DataType {
    match kind {
        ColumnKind::Text => DataType::Utf8,
        ColumnKind::Integer => DataType::Int64,
        ColumnKind::Float => DataType::Float64,
        ColumnKind::Date => DataType::Date32,
    }
}

/// A Parquet file being written to `<target>.tmp` and renamed to `target` by
/// [`TableWriter::finish`], so that a finished-looking file is always whole. Dropped unfinished
/// (after an error), it removes its temporary file.
pub struct TableWriter {
    writer: Option<ArrowWriter<File>>,
    tmp: PathBuf,
    target: PathBuf,
}

impl TableWriter {
    /// Start writing `target` with `schema`; zstd-compressed, in row groups of
    /// [`ROW_GROUP_ROWS`].
    pub fn create(target: &Path, schema: SchemaRef) -> Result<TableWriter> {
        let tmp = beside(target, ".tmp");
        let file = File::create(&tmp).with_context(|| {
            format!("cannot create {}; check that the directory exists and is writable", tmp.display())
        })?;
        let properties = WriterProperties::builder()
            .set_compression(Compression::ZSTD(ZstdLevel::default()))
            .set_max_row_group_row_count(Some(ROW_GROUP_ROWS))
            .build();
        let writer = ArrowWriter::try_new(file, schema, Some(properties))?;
        Ok(TableWriter { writer: Some(writer), tmp, target: target.to_path_buf() })
    }

    /// Append the rows of `batch`, which has the file's schema.
    pub fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        let writer = self.writer.as_mut().ok_or_else(|| anyhow!("{} is already finished", self.target.display()))?;
        writer.write(batch).with_context(|| format!("cannot write {}", self.tmp.display()))
    }

    /// Write the footer, make the file durable and move it into place.
    pub fn finish(mut self) -> Result<()> {
        let writer = self.writer.take().ok_or_else(|| anyhow!("{} is already finished", self.target.display()))?;
        let file = writer.into_inner().with_context(|| format!("cannot write {}", self.tmp.display()))?;
        file.sync_all()?;
        std::fs::rename(&self.tmp, &self.target).with_context(|| format!("cannot write {}", self.target.display()))
    }
}

impl Drop for TableWriter {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Rows of cells, as CSV holds them, gathered into Arrow columns of a fixed schema.
pub struct RowBatcher {
    columns: Vec<Column>,
    schema: SchemaRef,
    builders: Vec<Builder>,
    rows: usize,
}

/// One column being built.
enum Builder {
    Text(StringBuilder),
    Integer(Int64Builder),
    Float(Float64Builder),
    Date(Date32Builder),
}

/// A cell read for its column, before it is appended (so that a bad cell leaves no row half
/// appended).
enum Value<'a> {
    Null,
    Text(&'a str),
    Integer(i64),
    Float(f64),
    Date(i32),
}

impl RowBatcher {
    /// A batcher for rows of `columns`.
    pub fn new(columns: &[Column]) -> RowBatcher {
        let builders = columns.iter().map(|c| Builder::new(c.kind)).collect();
        RowBatcher { columns: columns.to_vec(), schema: schema(columns), builders, rows: 0 }
    }

    /// Rows gathered since the last [`RowBatcher::take`].
    pub fn len(&self) -> usize {
        self.rows
    }

    /// Whether no row was gathered since the last [`RowBatcher::take`].
    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Add a row: a cell per column, in column order, as CSV holds them (empty for missing). A
    /// date that does not begin `YYYY-MM-DD` is null.
    pub fn push<'a>(&mut self, cells: impl IntoIterator<Item = &'a str>) -> Result<(), String> {
        let cells: Vec<&str> = cells.into_iter().collect();
        if cells.len() != self.columns.len() {
            return Err(format!("{} cells for {} columns", cells.len(), self.columns.len()));
        }
        let values = self.columns.iter().zip(&cells).map(|(c, cell)| value(c, cell)).collect::<Result<Vec<_>, _>>()?;
        for (builder, value) in self.builders.iter_mut().zip(values) {
            builder.append(value);
        }
        self.rows += 1;
        Ok(())
    }

    /// The rows gathered so far, as a batch; the batcher starts again empty.
    pub fn take(&mut self) -> Result<RecordBatch> {
        let arrays: Vec<ArrayRef> = self.builders.iter_mut().map(Builder::finish).collect();
        self.rows = 0;
        Ok(RecordBatch::try_new(self.schema.clone(), arrays)?)
    }
}

/// A cell as its column's value: empty is null, where the column may be empty.
fn value<'a>(column: &Column, cell: &'a str) -> Result<Value<'a>, String> {
    let name = column.name;
    if cell.is_empty() {
        return if column.nullable { Ok(Value::Null) } else { Err(format!("{name} is empty")) };
    }
    Ok(match column.kind {
        ColumnKind::Text => Value::Text(cell),
        ColumnKind::Integer => {
            Value::Integer(cell.parse().map_err(|_| format!("{name} is {cell:?}, not a whole number"))?)
        }
        ColumnKind::Float => Value::Float(cell.parse().map_err(|_| format!("{name} is {cell:?}, not a number"))?),
        ColumnKind::Date => match date_days(cell).and_then(|d| i32::try_from(d).ok()) {
            Some(days) => Value::Date(days),
            None => Value::Null,
        },
    })
}

impl Builder {
    fn new(kind: ColumnKind) -> Builder {
        match kind {
            ColumnKind::Text => Builder::Text(StringBuilder::new()),
            ColumnKind::Integer => Builder::Integer(Int64Builder::new()),
            ColumnKind::Float => Builder::Float(Float64Builder::new()),
            ColumnKind::Date => Builder::Date(Date32Builder::new()),
        }
    }

    /// Append a value that [`value`] read for this builder's column.
    fn append(&mut self, value: Value) {
        match (self, value) {
            (Builder::Text(b), Value::Text(v)) => b.append_value(v),
            (Builder::Integer(b), Value::Integer(v)) => b.append_value(v),
            (Builder::Float(b), Value::Float(v)) => b.append_value(v),
            (Builder::Date(b), Value::Date(v)) => b.append_value(v),
            (Builder::Text(b), _) => b.append_null(),
            (Builder::Integer(b), _) => b.append_null(),
            (Builder::Float(b), _) => b.append_null(),
            (Builder::Date(b), _) => b.append_null(),
        }
    }

    fn finish(&mut self) -> ArrayRef {
        match self {
            Builder::Text(b) => Arc::new(b.finish()),
            Builder::Integer(b) => Arc::new(b.finish()),
            Builder::Float(b) => Arc::new(b.finish()),
            Builder::Date(b) => Arc::new(b.finish()),
        }
    }
}

/// Turn the JSON lines of `jsonl` (one object per row, keyed by column, as `label` streams them)
/// into the Parquet file `target` with `columns`, a row group at a time, written beside it and
/// renamed into place; how many rows. `jsonl` is left as it is.
pub fn jsonl_to_parquet(jsonl: &Path, target: &Path, columns: &[Column]) -> Result<u64> {
    let name = jsonl.display();
    let input = File::open(jsonl).with_context(|| format!("cannot open {name}"))?;
    let mut writer = TableWriter::create(target, schema(columns))?;
    let mut batcher = RowBatcher::new(columns);
    let mut rows = 0u64;
    for (i, line) in std::io::BufReader::new(input).lines().enumerate() {
        let line = line.with_context(|| format!("cannot read {name}"))?;
        if line.trim().is_empty() {
            continue;
        }
        let object: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(&line).with_context(|| format!("{name}: line {}: not a JSON object", i + 1))?;
        let cells: Vec<String> = columns.iter().map(|c| json_cell(object.get(c.name))).collect();
        if let Err(why) = batcher.push(cells.iter().map(String::as_str)) {
            bail!("{name}: line {}: {why}", i + 1);
        }
        rows += 1;
        if batcher.len() >= ROW_GROUP_ROWS {
            writer.write(&batcher.take()?)?;
        }
    }
    if !batcher.is_empty() {
        writer.write(&batcher.take()?)?;
    }
    writer.finish()?;
    Ok(rows)
}

/// A JSON value as the CSV cell it stands for: a string as it is, a number as written, null or
/// missing as empty.
fn json_cell(value: Option<&serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Date32Type, Float64Type, Int64Type};
    use arrow_array::Array;

    const COLUMNS: &[Column] = &[
        Column::new("quote_text", ColumnKind::Text, true),
        Column::new("quote_start", ColumnKind::Integer, false),
        Column::new("cue_start", ColumnKind::Integer, true),
        Column::new("stance_favor", ColumnKind::Float, false),
        Column::new("date", ColumnKind::Date, true),
    ];

    #[test]
    fn cells_become_typed_values_and_a_bad_cell_adds_no_row() {
        let mut batcher = RowBatcher::new(COLUMNS);
        batcher.push(["We said no", "12", "", "0.2500", "2026-03-14"]).unwrap();
        batcher.push(["", "3", "7", "1.0000", "14 March 2026"]).unwrap();
        assert!(batcher.push(["x", "", "", "0.5", ""]).unwrap_err().contains("quote_start is empty"));
        assert!(batcher.push(["x", "1.5", "", "0.5", ""]).unwrap_err().contains("not a whole number"));
        assert!(batcher.push(["x", "1"]).is_err());
        let batch = batcher.take().unwrap();
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.schema().field(1).data_type(), &DataType::Int64);
        assert!(!batch.schema().field(1).is_nullable() && batch.schema().field(2).is_nullable());
        let text = batch.column(0).as_string::<i32>();
        assert_eq!((text.value(0), text.is_null(1)), ("We said no", true));
        assert_eq!(batch.column(1).as_primitive::<Int64Type>().values().to_vec(), [12, 3]);
        assert!(batch.column(2).is_null(0) && batch.column(2).as_primitive::<Int64Type>().value(1) == 7);
        assert_eq!(batch.column(3).as_primitive::<Float64Type>().value(0), 0.25);
        let dates = batch.column(4).as_primitive::<Date32Type>();
        assert_eq!((dates.value(0), dates.is_null(1)), (20_526, true), "a date that does not parse is null");
        assert!(batcher.is_empty());
    }
}
