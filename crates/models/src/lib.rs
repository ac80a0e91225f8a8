//! quotelens-models: the learned models of quotelens on libtorch (through tch and rust-bert).
//!
//! [`tagger`] runs the attribution tagger's network over an article's windows; [`stance`] and
//! [`sentiment`] score statements, [`scoring`] scores a labelled article's quotes with both;
//! they share the sentence classifiers of [`classifier`] and [`pooled`], read in floats or in
//! 8-bit integers ([`quantized`]). [`mpnet`] is the larger all-mpnet-base-v2 encoder.
//! [`train`] trains every model from the corpora beside the checkout; [`shipped`] finds the
//! models that ship in `models/`.

pub mod batch;
pub mod classifier;
pub mod mpnet;
pub mod mpnet_task;
pub mod pooled;
pub mod profile;
pub mod quantized;
#[cfg(test)]
mod rerun;
pub mod scoring;
pub mod sentiment;
pub mod shipped;
pub mod stance;
pub mod tagger;
pub mod train;
