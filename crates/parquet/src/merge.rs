//! The Parquet shares of a corpus (`label --shard K/N -o part-K.parquet`), read batch by batch
//! and copied into one file: whole, one part after another, or article by article in the
//! corpus's order (the caller decides which rows go next).

use crate::read::{guarded, guarded_try};
use crate::write::TableWriter;
use anyhow::{bail, Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, SchemaRef};
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use std::path::{Path, PathBuf};

/// One part, read a batch at a time, with the rows not yet copied at its head.
pub struct Part {
    path: PathBuf,
    schema: SchemaRef,
    batches: ParquetRecordBatchReader,
    batch: Option<RecordBatch>,
    /// The first row of `batch` not yet copied.
    row: usize,
}

impl Part {
    /// Open a part written by `label`.
    pub fn open(path: &Path) -> Result<Part> {
        let name = path.display();
        let file = std::fs::File::open(path).with_context(|| format!("cannot open {name}"))?;
        let builder = guarded_try(|| ParquetRecordBatchReaderBuilder::try_new(file))
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("{name} is not a Parquet file quotelens can read"))?;
        let schema = builder.schema().clone();
        let batches = guarded_try(|| builder.build())
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("cannot read {name}"))?;
        Ok(Part { path: path.to_path_buf(), schema, batches, batch: None, row: 0 })
    }

    /// The part's file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Its schema: every part of one output has the same.
    pub fn schema(&self) -> &SchemaRef {
        &self.schema
    }

    /// Copy every row not yet copied to `out`; how many.
    pub fn copy_rest(&mut self, out: &mut TableWriter) -> Result<u64> {
        self.copy(out, |_, _| None)
    }

    /// Copy the rows at the head of the part for which `keep(article_id, quote_id)` holds to
    /// `out`, up to the first for which it does not; how many. The part must have the
    /// `article_id` and `quote_id` columns of `label`'s output.
    pub fn copy_while(&mut self, out: &mut TableWriter, keep: impl Fn(&str, &str) -> bool) -> Result<u64> {
        let (id, quote_id) = self.key_columns()?;
        self.copy(out, |batch, from| {
            let (ids, quote_ids) = (batch.column(id).as_string::<i32>(), batch.column(quote_id).as_string::<i32>());
            (from..batch.num_rows()).find(|&i| !keep(text(ids, i), text(quote_ids, i)))
        })
    }

    /// The article id of the next row not yet copied; `None` when every row is.
    pub fn next_article(&mut self) -> Result<Option<String>> {
        let (id, _) = self.key_columns()?;
        let row = self.row;
        Ok(self.current()?.map(|batch| text(batch.column(id).as_string::<i32>(), row).to_string()))
    }

    /// Copy the rows at the head of the part to `out` up to the one that `stop(batch, first)`
    /// finds in a batch (from its row `first` on; `None`: none there, go on); how many.
    fn copy(&mut self, out: &mut TableWriter, stop: impl Fn(&RecordBatch, usize) -> Option<usize>) -> Result<u64> {
        let mut copied = 0u64;
        while let Some(batch) = self.current()? {
            let end = stop(&batch, self.row);
            let end_or_all = end.unwrap_or(batch.num_rows());
            if end_or_all > self.row {
                out.write(&batch.slice(self.row, end_or_all - self.row))?;
                copied += (end_or_all - self.row) as u64;
            }
            self.row = end_or_all;
            if end.is_some() {
                break;
            }
        }
        Ok(copied)
    }

    /// The batch holding the next row not yet copied, read when needed; `None` at the end.
    fn current(&mut self) -> Result<Option<RecordBatch>> {
        loop {
            if let Some(batch) = self.batch.as_ref().filter(|b| self.row < b.num_rows()) {
                return Ok(Some(batch.clone()));
            }
            let next = guarded(|| self.batches.next()).map_err(anyhow::Error::msg);
            match next.with_context(|| format!("cannot read {}", self.path.display()))? {
                None => return Ok(None),
                Some(batch) => {
                    self.batch = Some(batch.with_context(|| format!("cannot read {}", self.path.display()))?);
                    self.row = 0;
                }
            }
        }
    }

    /// Where the article_id and quote_id columns are, as text.
    fn key_columns(&self) -> Result<(usize, usize)> {
        let column =
            |name: &str| self.schema.fields().iter().position(|f| f.name() == name && f.data_type() == &DataType::Utf8);
        let (Some(id), Some(quote_id)) = (column("article_id"), column("quote_id")) else {
            bail!(
                "{} has no article_id and quote_id text columns: --corpus orders the quote files of quotelens label",
                self.path.display()
            );
        };
        Ok((id, quote_id))
    }
}

/// A cell of a text column; empty for null.
fn text(column: &arrow_array::StringArray, row: usize) -> &str {
    if column.is_null(row) {
        ""
    } else {
        column.value(row)
    }
}
