//! quotelens-core: find the quotations in news articles, attribute them to speakers, and write
//! them as CSV, by rules and pure span code. Nothing here needs libtorch; the learned models
//! (the attribution tagger's network, stance and sentiment) are in `quotelens-models`.
//!
//! The pipeline's stages are modules with small interfaces, in the order data flows:
//! [`input`] reads [`article::Article`]s; [`segment`] splits them into paragraphs, tokens and
//! sentences; [`quotemarks`] finds direct quotations; [`attribution`] finds who said what with
//! which cue; [`speakers`] resolves speakers to canonical names and [`mention`] sets how far each
//! mention reaches; [`pipeline`] ties these together, with the learned tagger's spans
//! ([`tags`], decoded by [`crf`], linked by [`linking`] and joined to the rules' by [`merge`])
//! where there are some, into [`record::QuoteRecord`]s, which [`output`] writes. [`eval`]
//! scores records against annotated data. Every span is a byte range into the article text until the record, which
//! carries code-point offsets.

pub mod article;
pub mod attribution;
pub mod checkpoint;
pub mod column;
pub mod crf;
pub mod eval;
pub mod input;
pub mod lexicon;
pub mod linking;
pub mod mention;
pub mod merge;
pub mod metrics;
pub mod output;
pub mod pipeline;
pub mod quotemarks;
pub mod record;
pub mod report;
pub mod segment;
pub mod shard;
pub mod span;
pub mod speakers;
pub mod summary;
pub mod tags;
pub mod target;
