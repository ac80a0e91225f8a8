//! The output record: one CSV row per quotation. The column names are a contract.

use serde::{Deserialize, Serialize};

/// One attributed quotation as written to CSV.
///
/// Offsets are Unicode code-point offsets into the article text, end exclusive, so that
/// `text[quote_start:quote_end] == quote_text` in Python. Speaker and cue offsets are empty when
/// there is no speaker or cue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The article's identifier.
    pub article_id: String,
    /// The article's date, if known.
    pub date: String,
    /// `<article_id>:<quote_start>`: stable across runs, unique within the output.
    pub quote_id: String,
    /// `direct`, `mixed` or `indirect`.
    pub quote_type: String,
    /// What was said.
    pub quote_text: String,
    /// Code-point offset where the quote starts.
    pub quote_start: usize,
    /// Code-point offset one past its end.
    pub quote_end: usize,
    /// Canonical speaker name within the article (empty when unknown).
    pub speaker: String,
    /// The words naming the speaker at the attribution site.
    pub speaker_mention: String,
    /// `person`, `organisation`, `group` or `unknown`.
    pub speaker_type: String,
    /// Code-point offset of the speaker mention.
    pub speaker_start: Option<usize>,
    /// One past its end.
    pub speaker_end: Option<usize>,
    /// The speech cue (`said`, `according to`).
    pub cue: String,
    /// Code-point offset of the cue.
    pub cue_start: Option<usize>,
    /// One past its end.
    pub cue_end: Option<usize>,
}

impl QuoteRecord {
    /// The fields as CSV strings, in [`COLUMNS`] order (empty for missing offsets).
    pub fn fields(&self) -> Vec<String> {
        let opt = |x: Option<usize>| x.map(|v| v.to_string()).unwrap_or_default();
        vec![
            self.article_id.clone(),
            self.date.clone(),
            self.quote_id.clone(),
            self.quote_type.clone(),
            self.quote_text.clone(),
            self.quote_start.to_string(),
            self.quote_end.to_string(),
            self.speaker.clone(),
            self.speaker_mention.clone(),
            self.speaker_type.clone(),
            opt(self.speaker_start),
            opt(self.speaker_end),
            self.cue.clone(),
            opt(self.cue_start),
            opt(self.cue_end),
        ]
    }
}

/// The CSV header, in column order (what `serde` writes for [`QuoteRecord`]).
pub const COLUMNS: [&str; 15] = [
    "article_id",
    "date",
    "quote_id",
    "quote_type",
    "quote_text",
    "quote_start",
    "quote_end",
    "speaker",
    "speaker_mention",
    "speaker_type",
    "speaker_start",
    "speaker_end",
    "cue",
    "cue_start",
    "cue_end",
];
