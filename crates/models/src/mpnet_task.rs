//! A task model over all-mpnet-base-v2: the base's lower layers as `setup.sh` installs them,
//! and its upper layers and a classification head as this project trained them.
//!
//! Only what training changed ships: `model.safetensors` in the model directory holds the upper
//! layers (`encoder.layer.N.…`, the base's names) and the head (`head.weight`, `head.bias`,
//! over the mean of the last layer's token states). `config.json` names the base and the labels:
//!
//! ```json
//! { "model_type": "mpnet", "quotelens_base": "all-mpnet-base-v2",
//!   "quotelens_max_len": 128, "id2label": { "0": "favor", "1": "against", "2": "none" } }
//! ```
//!
//! The base is looked for beside the model (`../base/<name>`), then among the shipped models
//! (`base/<name>`, see [`crate::shipped`]).

use crate::classifier::{labels_of, trained_max_len, ClassifierConfig, ClassifierInput};
use crate::mpnet::{int8_supported, mean_pool, Mpnet};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use tch::{nn, nn::Module, Device, Kind, Tensor};

/// The `model_type` of such a model.
pub const MODEL_TYPE: &str = "mpnet";
/// The key of `config.json` naming the base model.
pub const BASE_KEY: &str = "quotelens_base";
/// Where a task model's head is in its weights file.
const HEAD_PREFIX: &str = "head.";

/// Whether a parsed `config.json` is that of an MPNet task model.
pub fn is_mpnet_task(config_json: &serde_json::Value) -> bool {
    config_json.get("model_type").and_then(serde_json::Value::as_str) == Some(MODEL_TYPE)
}

/// A loaded MPNet task model.
pub struct MpnetTask {
    mpnet: Mpnet,
    head: nn::Linear,
    /// Holds the head's weights.
    _head_vs: nn::VarStore,
    labels: Vec<String>,
    max_len: usize,
    batch_size: usize,
    /// Whether the encoder reads in 8 bits.
    quantized: bool,
}

/// The base model's directory for the model in `dir`.
fn base_dir(dir: &Path, name: &str) -> Result<PathBuf> {
    let beside = dir.parent().map(|p| p.join("base").join(name));
    beside
        .filter(|d| d.join("config.json").is_file())
        .or_else(|| crate::shipped::shipped(&format!("base/{name}")))
        .with_context(|| {
            format!(
                "the model in {} is trained over {name}, which is not installed: run ./setup.sh (it puts it in models/base/{name})",
                dir.display()
            )
        })
}

impl MpnetTask {
    /// Load the model of `config.model_dir` over its base: in 8 bits on a CPU that runs
    /// FBGEMM, unless `config.full_precision`.
    pub fn new(config: &ClassifierConfig, config_json: &serde_json::Value) -> Result<Self> {
        let dir = &config.model_dir;
        let base = config_json.get(BASE_KEY).and_then(serde_json::Value::as_str).with_context(|| {
            format!("{}: an MPNet task model names its base in {BASE_KEY}", dir.join("config.json").display())
        })?;
        let labels = labels_of(config_json, dir)?;
        let mut mpnet = Mpnet::load(&base_dir(dir, base)?, Device::Cpu)?;
        let head_vs = nn::VarStore::new(Device::Cpu);
        let hidden = mpnet.config.hidden_size;
        let head = nn::linear(head_vs.root() / "head", hidden, labels.len() as i64, Default::default());
        load_trained(&mpnet.vs, &head_vs, &dir.join("model.safetensors"))?;
        let quantized = !config.full_precision && int8_supported();
        if quantized {
            mpnet.quantize_for_reading()?;
        }
        let max_len = trained_max_len(config.max_len, config_json).min(mpnet.config.max_len());
        Ok(MpnetTask {
            mpnet,
            head,
            _head_vs: head_vs,
            labels,
            max_len,
            batch_size: config.batch_size.max(1),
            quantized,
        })
    }

    /// Label names, in the order of the probabilities [`MpnetTask::predict`] returns.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Class probabilities for each input, in input order, batched by length.
    pub fn predict(&self, inputs: &[ClassifierInput]) -> Vec<Vec<f32>> {
        let tokenizer = &self.mpnet.tokenizer;
        let encoded: Vec<Vec<i64>> = inputs
            .iter()
            .map(|input| match *input {
                ClassifierInput::Text(t) => tokenizer.encode(t, self.max_len),
                ClassifierInput::Pair(a, b) => tokenizer.encode_pair(a, b, self.max_len),
            })
            .collect();
        let mut order: Vec<usize> = (0..encoded.len()).collect();
        order.sort_by_key(|&i| encoded[i].len());
        let mut out = vec![Vec::new(); encoded.len()];
        for chunk in order.chunks(self.batch_size) {
            let batch: Vec<Vec<i64>> = chunk.iter().map(|&i| encoded[i].clone()).collect();
            let probs = tch::no_grad(|| {
                // In 8 bits the inputs are packed, unpadded: their tokens go through the dense
                // layers together and each attends over its own alone, so that its scores never
                // depend on the inputs read with it (the output is the same bytes whatever the
                // batch size or thread count); in floats, as one padded batch.
                let pooled = if self.quantized { self.mpnet.model.pooled_packed(&batch) } else { self.pooled(&batch) };
                self.head.forward(&pooled).softmax(-1, Kind::Float)
            });
            let rows = Vec::<Vec<f32>>::try_from(&probs).expect("probabilities are a 2-d float tensor");
            for (&i, row) in chunk.iter().zip(rows) {
                out[i] = row;
            }
        }
        out
    }

    /// The mean of the last layer's token states of each input, `[inputs, hidden]`.
    fn pooled(&self, inputs: &[Vec<i64>]) -> Tensor {
        let (ids, mask) = self.mpnet.tokenizer.batch(inputs, Device::Cpu);
        mean_pool(&self.mpnet.model.forward_t(&ids, &mask, false), &mask)
    }
}

/// Copy the trained tensors of `file` over the base's (`encoder.…`) and into the head
/// (`head.…`); a tensor the model does not have, or of another shape, is an error.
fn load_trained(base: &nn::VarStore, head: &nn::VarStore, file: &Path) -> Result<()> {
    // Half precision, floats, or large matrices in 8 bits with a scale per row (as the BERT
    // models ship), which keeps six trained MPNet layers under 50 MB.
    let tensors = crate::pooled::read_weights(file)?;
    let (mut base_vars, mut head_vars) = (base.variables(), head.variables());
    // Every missing head tensor, in name order (the variable map's own order changes from run
    // to run).
    let mut missing: Vec<&str> =
        head_vars.keys().map(String::as_str).filter(|n| !tensors.iter().any(|(name, _)| name == n)).collect();
    missing.sort_unstable();
    if !missing.is_empty() {
        bail!("{}: no {}: not a trained MPNet task model", file.display(), missing.join(", "));
    }
    for (name, value) in tensors {
        let target = if name.starts_with(HEAD_PREFIX) { head_vars.get_mut(&name) } else { base_vars.get_mut(&name) };
        let Some(target) = target else { bail!("{}: {name} is not a tensor of this model", file.display()) };
        if target.size() != value.size() {
            bail!("{}: {name} is {:?}, the model's is {:?}", file.display(), value.size(), target.size());
        }
        tch::no_grad(|| target.copy_(&value.to_kind(target.kind())));
    }
    Ok(())
}
