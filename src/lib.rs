//! quotelens: find the quotations in news articles, attribute them to speakers, and write them
//! as CSV.
//!
//! The pipeline's stages are modules with small interfaces, in the order data flows:
//! [`input`] reads [`article::Article`]s; [`segment`] splits them into paragraphs, tokens and
//! sentences; [`quotemarks`] finds direct quotations; [`attribution`] finds who said what with
//! which cue; [`speakers`] resolves speakers to canonical names and [`mention`] sets how far each
//! mention reaches; [`pipeline`] ties these together
//! into [`record::QuoteRecord`]s, which [`output`] writes. [`eval`] scores records against
//! annotated data. Every span is a byte range into the article text until the record, which
//! carries code-point offsets.

pub mod article;
pub mod attribution;
pub mod classifier;
pub mod eval;
pub mod input;
pub mod lexicon;
pub mod mention;
pub mod metrics;
pub mod models;
pub mod mpnet;
pub mod output;
pub mod pipeline;
pub mod pooled;
pub mod quantized;
pub mod quotemarks;
pub mod record;
pub mod scoring;
pub mod segment;
pub mod sentiment;
pub mod span;
pub mod speakers;
pub mod stance;
pub mod tagger;
pub mod train;
