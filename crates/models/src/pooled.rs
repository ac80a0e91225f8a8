//! A BERT encoder read out by the mean of its token states, with a linear classification head:
//! the architecture of the classifiers quotelens trains and ships.
//!
//! Why not rust-bert's `BertForSequenceClassification`: it reads the `[CLS]` state through a
//! pooler layer, but all-MiniLM-L6-v2 was trained (sentence-transformers) so that the *mean* of
//! its token states carries the meaning of a text; its `[CLS]` state and pooler were never trained
//! for that. Fine-tuning from the mean starts from a representation that already separates
//! meanings, which on these corpora and CPUs is the difference between learning and not.
//!
//! Tensor names follow Hugging Face (`bert.embeddings.…`, `bert.encoder.layer.N.…`,
//! `classifier.weight`, `classifier.bias`); `config.json` marks the head with
//! `"quotelens_pooling": "mean"` so that [`crate::classifier`] knows to load it this way.

use crate::quantized::Encoder;
use anyhow::{bail, Context, Result};
use rust_bert::bert::BertConfig;
use std::collections::HashMap;
use std::path::Path;
use tch::{nn, Kind, Tensor};

/// The `config.json` key that marks a mean-pooled classifier, and its value.
pub const POOLING_KEY: &str = "quotelens_pooling";
/// The value of [`POOLING_KEY`] for mean pooling.
pub const MEAN: &str = "mean";

/// The `config.json` key giving the longest input (in tokens) a quotelens classifier was trained
/// on: a mean over many more tokens than it saw in training dilutes what it learnt (0.535 against
/// 0.559 macro-F1 on VAST dev for the stance model read at 256 tokens instead of 128), so longer
/// inputs are cut to this length.
pub const MAX_LEN_KEY: &str = "quotelens_max_len";

/// Whether a model directory's `config.json` asks for mean pooling.
pub fn is_mean_pooled(config_json: &serde_json::Value) -> bool {
    config_json.get(POOLING_KEY).and_then(|v| v.as_str()) == Some(MEAN)
}

/// BERT, masked mean over token states, dropout, linear layer to one logit per label.
pub struct MeanPooledBert {
    encoder: Encoder,
    classifier: nn::Linear,
    dropout: f64,
}

impl MeanPooledBert {
    /// A model with fresh weights under `p` (encoder under `p / "bert"`, head under
    /// `p / "classifier"`); `config.id2label` sets the number of labels.
    pub fn new(p: &nn::Path, config: &BertConfig) -> Result<Self> {
        let labels = config.id2label.as_ref().context("the model configuration has no id2label")?.len() as i64;
        let encoder = Encoder::new(p / "bert", config);
        let classifier = nn::linear(p / "classifier", config.hidden_size, labels, Default::default());
        Ok(MeanPooledBert { encoder, classifier, dropout: config.hidden_dropout_prob })
    }

    /// Read with the encoder's dense layers in 8 bits from now on (weights as loaded in `vs`),
    /// but the layer after each GELU in floats, which held VAST dev macro-F1 at 0.679 for the
    /// stance model; the model can no longer be trained ([`Encoder::quantize`]).
    pub fn quantize(&mut self, vs: &nn::VarStore, config: &BertConfig) -> Result<()> {
        self.encoder.quantize(vs, config, true)
    }

    /// Logits, shape (batch, labels). `mask` is 1 on real tokens and 0 on padding; `train`
    /// turns dropout on.
    pub fn forward_t(&self, ids: &Tensor, mask: &Tensor, types: &Tensor, train: bool) -> Tensor {
        let hidden = self.encoder.forward_t(ids, mask, types, train);
        let weights = mask.to_kind(hidden.kind()).unsqueeze(-1);
        let pooled = (&hidden * &weights).sum_dim_intlist(1, false, hidden.kind())
            / weights.sum_dim_intlist(1, false, hidden.kind()).clamp_min(1e-9);
        pooled.dropout(self.dropout, train).apply(&self.classifier)
    }
}

/// Suffix of the tensor holding the per-row scales of a matrix stored in 8 bits.
pub const INT8_SCALE_SUFFIX: &str = ".int8_scale";

/// Matrices with at least this many entries are stored in 8 bits; the rest (biases, layer
/// norms, small heads) in half precision.
const INT8_MIN_ENTRIES: i64 = 1 << 16;

/// Weights as quotelens ships them: every large matrix as signed 8-bit integers with one scale
/// per row (`w ≈ q · scale`, `scale = max|row| / 127`), everything else in half precision. This
/// halves the size of half precision; on the attribution tagger the PolNeAR dev scores moved by
/// less than half a point (see its model card).
pub fn compact(weights: &[(String, Tensor)]) -> Vec<(String, Tensor)> {
    let mut out = Vec::new();
    for (name, w) in weights {
        let w = w.to_device(tch::Device::Cpu).to_kind(Kind::Float);
        if w.dim() == 2 && w.numel() as i64 >= INT8_MIN_ENTRIES {
            let scale = w.abs().amax([1i64].as_slice(), true).clamp_min(1e-12) / 127.0;
            out.push((name.clone(), (&w / &scale).round().to_kind(Kind::Int8)));
            out.push((format!("{name}{INT8_SCALE_SUFFIX}"), scale.to_kind(Kind::Half)));
        } else {
            out.push((name.clone(), w.to_kind(Kind::Half)));
        }
    }
    out
}

/// Write weights to `file` in the [`compact`] form, atomically.
pub fn write_compact(weights: &[(String, Tensor)], file: &Path) -> Result<()> {
    let mut named = compact(weights);
    named.sort_by(|a, b| a.0.cmp(&b.0));
    let refs: Vec<(&str, &Tensor)> = named.iter().map(|(k, v)| (k.as_str(), v)).collect();
    let tmp = file.with_extension("safetensors.tmp");
    Tensor::write_safetensors(&refs, &tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, file)?;
    Ok(())
}

/// The tensors of a safetensors file, 8-bit matrices expanded with their scales ([`compact`]).
pub fn read_weights(file: &Path) -> Result<Vec<(String, Tensor)>> {
    let tensors = Tensor::read_safetensors(file).with_context(|| format!("cannot read {}", file.display()))?;
    let scales: HashMap<String, Tensor> = tensors
        .iter()
        .filter_map(|(n, t)| n.strip_suffix(INT8_SCALE_SUFFIX).map(|base| (base.to_string(), t.shallow_clone())))
        .collect();
    Ok(tensors
        .into_iter()
        .filter(|(n, _)| !n.ends_with(INT8_SCALE_SUFFIX))
        .map(|(n, t)| match scales.get(&n) {
            Some(scale) => {
                let full = t.to_kind(Kind::Float) * scale.to_kind(Kind::Float);
                (n, full)
            }
            None => (n, t),
        })
        .collect())
}

/// Copy the tensors of a safetensors file (half precision, float or [`compact`]) into the
/// variables of `vs` that have the same name (after `rename`) and shape, casting precision.
/// Returns the names of the variables set.
pub fn load_matching(vs: &mut nn::VarStore, file: &Path, rename: impl Fn(&str) -> String) -> Result<Vec<String>> {
    Ok(copy_matching(vs, &read_weights(file)?, rename))
}

/// [`load_matching`] over tensors already read.
fn copy_matching(vs: &mut nn::VarStore, tensors: &[(String, Tensor)], rename: impl Fn(&str) -> String) -> Vec<String> {
    let mut vars: HashMap<String, Tensor> = vs.variables();
    let mut set = Vec::new();
    tch::no_grad(|| {
        for (name, tensor) in tensors {
            let key = rename(name);
            if let Some(var) = vars.get_mut(&key) {
                if var.size() == tensor.size() {
                    var.copy_(&tensor.to_kind(var.kind()));
                    set.push(key);
                }
            }
        }
    });
    set
}

/// Fill every variable of `vs` from `dir/model.safetensors` (any form [`load_matching`] reads);
/// a variable missing from the file is an error naming it, so that a damaged or mismatched file
/// fails loudly instead of leaving weights at random. Returns the names of the file's tensors
/// that no variable took.
pub fn load_all(vs: &mut nn::VarStore, dir: &Path, what: &str) -> Result<Vec<String>> {
    let file = dir.join("model.safetensors");
    if !file.exists() {
        bail!("no model.safetensors in {}: a {what} is stored as safetensors", dir.display());
    }
    let tensors = read_weights(&file)?;
    let set = copy_matching(vs, &tensors, str::to_string);
    let missing: Vec<String> = vs.variables().into_keys().filter(|k| !set.contains(k)).collect();
    if !missing.is_empty() {
        bail!("{} lacks {} tensors of the model (e.g. {}): is it a {what}?", file.display(), missing.len(), missing[0]);
    }
    Ok(tensors.into_iter().map(|(name, _)| name).filter(|name| !set.contains(name)).collect())
}

/// Load a trained mean-pooled classifier from `dir/model.safetensors` into a fresh model.
pub fn load(vs: &mut nn::VarStore, config: &BertConfig, dir: &Path) -> Result<MeanPooledBert> {
    let model = MeanPooledBert::new(&vs.root(), config)?;
    load_all(vs, dir, "quotelens mean-pooled classifier")?;
    Ok(model)
}
