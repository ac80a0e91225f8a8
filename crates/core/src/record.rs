//! The output record: one CSV row per quotation. The column names are a contract.

use crate::column::{Column, ColumnKind};
use serde::{Deserialize, Serialize};

/// A CSV record type whose columns are named once: the macro writes the struct, its
/// [`Cells`] (the fields as CSV strings, in column order), the header and the columns' kinds
/// from one list of fields, so that they cannot drift apart. A column's kind follows its
/// field's type (`String` text, `usize` an integer, `Option<_>` one that may be empty) unless the
/// field names another after `=>` (`date: String => Date`).
macro_rules! csv_record {
    (@column $field:ident $ty:ty) => {
        Column::new(stringify!($field), <$ty as Cell>::KIND, <$ty as Cell>::NULLABLE)
    };
    (@column $field:ident $ty:ty, $kind:ident) => {
        Column::new(stringify!($field), ColumnKind::$kind, <$ty as Cell>::NULLABLE)
    };
    ($(#[$meta:meta])* $name:ident, $columns:ident { $($(#[$fmeta:meta])* $field:ident: $ty:ty $(=> $kind:ident)?,)* }) => {
        $(#[$meta])*
        pub struct $name {
            $($(#[$fmeta])* pub $field: $ty,)*
        }

        #[doc = concat!("The CSV header of [`", stringify!($name), "`], in column order.")]
        pub const $columns: &[&str] = &[$(stringify!($field)),*];

        impl $name {
            /// Every column with what it holds, in column order: how CSV, JSON lines and Parquet
            /// write it.
            pub const SCHEMA: &[Column] = &[$(csv_record!(@column $field $ty $(, $kind)?)),*];
        }

        impl $name {
            #[doc = concat!("The fields as CSV strings, in [`", stringify!($columns), "`] order (empty for what is missing).")]
            pub fn fields(&self) -> Vec<String> {
                vec![$(Cell::cell(&self.$field)),*]
            }
        }
    };
}

/// A field as a CSV cell.
trait Cell {
    /// What the field holds.
    const KIND: ColumnKind = ColumnKind::Text;
    /// Whether its cell can be empty: text can, a number is there unless it is an `Option`.
    const NULLABLE: bool = true;
    fn cell(&self) -> String;
}

impl Cell for String {
    fn cell(&self) -> String {
        self.clone()
    }
}

impl Cell for usize {
    const KIND: ColumnKind = ColumnKind::Integer;
    const NULLABLE: bool = false;
    fn cell(&self) -> String {
        self.to_string()
    }
}

impl<T: Cell> Cell for Option<T> {
    const KIND: ColumnKind = T::KIND;
    fn cell(&self) -> String {
        self.as_ref().map(Cell::cell).unwrap_or_default()
    }
}

impl Cell for u64 {
    const KIND: ColumnKind = ColumnKind::Integer;
    const NULLABLE: bool = false;
    fn cell(&self) -> String {
        self.to_string()
    }
}

csv_record! {
    /// One attributed quotation as written to CSV.
    ///
    /// Offsets are Unicode code-point offsets into the article text, end exclusive, so that
    /// `text[quote_start:quote_end] == quote_text` in Python. Speaker and cue offsets are empty when
    /// there is no speaker or cue.
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    QuoteRecord, COLUMNS {
        /// The article's identifier.
        article_id: String,
        /// The article's date, if known: as given (CSV, JSON lines), a date where it begins
        /// `YYYY-MM-DD` (Parquet).
        date: String => Date,
        /// `<article_id>:<quote_start>`: stable across runs, unique within the output. Quotes
        /// that start together get `<article_id>:<quote_start>-<quote_end>`; the second article
        /// with an id already seen gets `<article_id>#2:…`, the third `#3`, and so on.
        quote_id: String,
        /// `direct`, `mixed` or `indirect`.
        quote_type: String,
        /// What was said.
        quote_text: String,
        /// Code-point offset where the quote starts.
        quote_start: usize,
        /// Code-point offset one past its end.
        quote_end: usize,
        /// Canonical speaker name within the article (empty when unknown).
        speaker: String,
        /// The words naming the speaker at the attribution site.
        speaker_mention: String,
        /// `person`, `organisation`, `group` or `unknown`.
        speaker_type: String,
        /// Code-point offset of the speaker mention.
        speaker_start: Option<usize>,
        /// One past its end.
        speaker_end: Option<usize>,
        /// The speech cue (`said`, `according to`).
        cue: String,
        /// Code-point offset of the cue.
        cue_start: Option<usize>,
        /// One past its end.
        cue_end: Option<usize>,
        /// The speaker's id across a corpus: the name folded so that the ways articles write one
        /// person or body match ("Donald J. Trump", "President Donald Trump" → `donald-trump`);
        /// see [`crate::speakers::speaker_id`]. Empty when there is no speaker. Read as empty from
        /// files written before the column was added.
        #[serde(default)]
        speaker_id: String,
    }
}

csv_record! {
    /// One row of the errors file (`label --errors`): an input or article that was skipped, or
    /// an article labelled with a remark (a duplicate id).
    #[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
    ErrorRecord, ERROR_COLUMNS {
        /// The input file (`<stdin>` for standard input); empty where the article's file is not
        /// known.
        file: String,
        /// Line of a JSONL file or record of a CSV file, counted from 1; empty for whole files.
        row: Option<u64>,
        /// The article's id, where it could be read.
        article_id: String,
        /// What happened, and what was done about it.
        reason: String,
    }
}
