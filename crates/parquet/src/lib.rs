//! quotelens-parquet: Parquet for quotelens, on Apache Arrow, kept in a crate of its own so that
//! the rest of the workspace builds without Arrow (as ripgrep keeps its heavy parts apart).
//!
//! - [`write`]: the rows of `label` as a typed Parquet file. A run streams its rows as JSON lines
//!   into `<output>.partial`, which checkpoints count and `--resume` cuts back; when it finishes,
//!   [`jsonl_to_parquet`] turns them into Parquet row group by row group, written beside the
//!   target and renamed into place. Each column's type comes from its
//!   [`quotelens_core::column::ColumnKind`], never from the data, so every share of a corpus has
//!   one schema.
//! - [`read`]: a Parquet file as the rows of strings CSV would hold ([`read_table`], for
//!   `summarize` and `classify`), or as articles ([`read_articles`], for `label`).
//! - [`merge`]: the Parquet shares of a corpus joined into one file.
//!
//! The Arrow and Parquet crates are re-exported so that tests can read the files back with the
//! very same versions.

pub mod merge;
pub mod read;
pub mod write;

pub use arrow_array;
pub use arrow_schema;
pub use parquet;
pub use read::{read_articles, read_table, Rows};
pub use write::{jsonl_to_parquet, schema, TableWriter};
