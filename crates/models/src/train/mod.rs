//! Fine-tuning a BERT encoder with a classification head, in Rust on libtorch.
//!
//! Recipe (measured on these 2-core machines, see the model cards): AdamW, linear warm-up over
//! 6% of the steps then linear decay, weight decay 0.01, gradient-norm clip 1.0, length-bucketed
//! batches (sorted within windows of 50 batches, batch order shuffled) so little compute goes on
//! padding. Validation every `eval_every` steps; the best weights by the task's validation score
//! are kept, and training stops after `patience` evaluations without improvement, after
//! `epochs`, or when the time budget runs out. Everything random follows `seed`.

pub mod data;
pub mod stance_news;
pub mod tagging;

use crate::batch::batch_tensors;
use crate::classifier::bert_tokenizer;
use crate::pooled::{self, MeanPooledBert};
use anyhow::{bail, Context, Result};
use quotelens_core::metrics::ClassMetrics;
use rust_bert::bert::BertConfig;
use rust_bert::pipelines::common::TokenizerOption;
use rust_bert::Config;
use rust_tokenizers::tokenizer::TruncationStrategy;
use rust_tokenizers::TokenizedInput;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use tch::nn::OptimizerConfig;
use tch::{nn, Device, Kind, Tensor};

/// One training or validation example.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// The text, or the first text of a pair (the target, for stance).
    pub text: String,
    /// The second text of a pair, if any.
    pub pair: Option<String>,
    /// Index into the task's labels.
    pub label: usize,
    /// Which corpus it came from, for per-corpus validation scores.
    pub source: &'static str,
}

/// Settings of one training run.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Directory of the base encoder (config.json, vocab.txt, model.safetensors).
    pub base_dir: PathBuf,
    /// Where the trained model goes.
    pub out_dir: PathBuf,
    /// Label names, in id order.
    pub labels: Vec<String>,
    /// Passes over the training data at most.
    pub epochs: usize,
    /// Peak learning rate.
    pub lr: f64,
    /// Examples per step.
    pub batch_size: usize,
    /// Longest input in tokens.
    pub max_len: usize,
    /// Seed for initialisation, shuffling and dropout.
    pub seed: u64,
    /// Steps between validations.
    pub eval_every: usize,
    /// Validations without improvement before stopping.
    pub patience: usize,
    /// Wall-clock budget in minutes (0: none).
    pub minutes: f64,
    /// Per-class loss weights (None: uniform).
    pub class_weights: Option<Vec<f32>>,
    /// Keep the word embeddings and the first `frozen_layers` transformer layers as loaded
    /// (None: train everything). On 2 cores this is what makes a run fit: the embedding matrix is
    /// half of MiniLM's parameters and a quarter of each step's optimiser work, and no gradient
    /// flows below the first trained layer.
    pub frozen_layers: Option<usize>,
}

/// Stop training the embeddings and the first `layers` encoder layers: their variables get no
/// gradient, so the optimiser leaves them and backpropagation stops above them.
fn freeze_lower(vs: &nn::VarStore, layers: usize) -> usize {
    let frozen = |name: &str| {
        name.starts_with("bert.embeddings.")
            || (0..layers).any(|l| name.starts_with(&format!("bert.encoder.layer.{l}.")))
    };
    let mut n = 0;
    for (name, mut tensor) in vs.variables() {
        if frozen(&name) {
            let _ = tensor.requires_grad_(false);
            n += 1;
        }
    }
    n
}

/// Small deterministic random numbers (SplitMix64), enough for shuffling.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Shuffle a slice in place (Fisher-Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// What a run did: the best validation score and where it was reached.
#[derive(Debug, Clone)]
pub struct TrainReport {
    /// Validation metrics of the kept weights.
    pub best: ClassMetrics,
    /// Per-corpus validation metrics of the kept weights.
    pub best_by_source: Vec<(String, ClassMetrics)>,
    /// Step at which they were reached.
    pub best_step: usize,
    /// Steps taken.
    pub steps: usize,
    /// Examples seen.
    pub examples_seen: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

fn encode(tokenizer: &TokenizerOption, examples: &[Example], max_len: usize) -> Vec<TokenizedInput> {
    let strategy = TruncationStrategy::LongestFirst;
    examples
        .iter()
        .map(|e| match &e.pair {
            None => tokenizer.encode_list(&[e.text.as_str()], max_len, &strategy, 0).remove(0),
            Some(p) => tokenizer.encode_pair_list(&[(e.text.as_str(), p.as_str())], max_len, &strategy, 0).remove(0),
        })
        .collect()
}

/// The learning rate over a run: linear warm-up over 6% of the steps (at most 300), then linear
/// decay to 2% of the peak. With a time budget the decay must end within it: the schedule
/// starts from the epoch count and, once 20 steps have shown this machine's speed, is fitted to
/// the steps the budget allows.
pub struct Schedule {
    peak: f64,
    warmup: usize,
    total: usize,
    minutes: f64,
    started: Instant,
}

impl Schedule {
    /// A schedule of `total` steps peaking at `peak`, within `minutes` (0: no limit).
    pub fn new(peak: f64, total: usize, minutes: f64) -> Self {
        let total = total.max(1);
        let warmup = (total as f64 * 0.06).ceil().min(300.0) as usize;
        Schedule { peak, warmup, total, minutes, started: Instant::now() }
    }
    /// The learning rate of step `step` (from 0); call once per step.
    pub fn lr(&mut self, step: usize) -> f64 {
        if step == 20 && self.minutes > 0.0 {
            let per_step = self.started.elapsed().as_secs_f64() / 20.0;
            let affordable = (self.minutes * 60.0 / per_step * 0.9) as usize;
            self.total = self.total.min(affordable).max(self.warmup + 1);
        }
        if step < self.warmup {
            self.peak * (step + 1) as f64 / self.warmup as f64
        } else {
            self.peak * (1.0 - (step - self.warmup) as f64 / (self.total - self.warmup).max(1) as f64).max(0.02)
        }
    }
    /// Whether the time budget is spent.
    pub fn out_of_time(&self) -> bool {
        self.minutes > 0.0 && self.elapsed() > self.minutes * 60.0
    }
    /// Seconds since the schedule was made.
    pub fn elapsed(&self) -> f64 {
        self.started.elapsed().as_secs_f64()
    }
}

/// What both training loops do at each validation: log the line, keep a copy of the weights
/// when the objective improves, and count validations without improvement.
pub struct Checkpoints<S> {
    best: Option<(f64, S, usize, HashMap<String, Tensor>)>,
    stale: usize,
    patience: usize,
    log: std::fs::File,
}

impl<S> Checkpoints<S> {
    /// Start `dir/training-log.jsonl`; stop after `patience` validations without improvement.
    pub fn new(dir: &Path, patience: usize) -> Result<Self> {
        std::fs::create_dir_all(dir)?;
        let log = std::fs::File::create(dir.join("training-log.jsonl"))?;
        Ok(Checkpoints { best: None, stale: 0, patience, log })
    }

    /// Record the validation at `step` (`value`, higher is better, with its `scores`), logged as
    /// `line` to the file and stderr. Returns whether patience has run out.
    pub fn record(
        &mut self,
        value: f64,
        scores: S,
        step: usize,
        vs: &nn::VarStore,
        line: &serde_json::Value,
    ) -> Result<bool> {
        writeln!(self.log, "{line}")?;
        eprintln!("{line}");
        if self.best.as_ref().is_none_or(|b| value > b.0) {
            let snapshot = vs.variables().into_iter().map(|(k, v)| (k, v.detach().copy())).collect();
            self.best = Some((value, scores, step, snapshot));
            self.stale = 0;
        } else {
            self.stale += 1;
        }
        Ok(self.stale >= self.patience)
    }

    /// The best validation's scores, its step and its weights.
    pub fn best(self) -> Result<(S, usize, HashMap<String, Tensor>)> {
        let (_, scores, step, snapshot) =
            self.best.context("training ended before the first validation; raise --minutes or lower --eval-every")?;
        Ok((scores, step, snapshot))
    }
}

/// One optimiser step on `loss` at learning rate `lr`, with gradients clipped to norm 1.
pub fn optimiser_step(opt: &mut nn::Optimizer, lr: f64, loss: &Tensor) {
    opt.set_lr(lr);
    opt.zero_grad();
    loss.backward();
    opt.clip_grad_norm(1.0);
    opt.step();
}

/// Length-bucketed batches: sort by length within windows of 50 batches, then shuffle batches.
pub fn bucketed_batches(lengths: &[usize], batch_size: usize, rng: &mut Rng) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lengths.len()).collect();
    rng.shuffle(&mut order);
    let window = batch_size * 50;
    let mut batches = Vec::new();
    for chunk in order.chunks_mut(window) {
        chunk.sort_by_key(|&i| lengths[i]);
        batches.extend(chunk.chunks(batch_size).map(<[usize]>::to_vec));
    }
    rng.shuffle(&mut batches);
    batches
}

/// Build the classifier over the base encoder's configuration, with the task's labels.
fn build_model(config: &TrainConfig, vs: &nn::VarStore) -> Result<(MeanPooledBert, BertConfig)> {
    let mut bert_config = BertConfig::from_file(config.base_dir.join("config.json"));
    bert_config.id2label = Some(config.labels.iter().enumerate().map(|(i, l)| (i as i64, l.clone())).collect());
    bert_config.label2id = Some(config.labels.iter().enumerate().map(|(i, l)| (l.clone(), i as i64)).collect());
    let model = MeanPooledBert::new(&vs.root(), &bert_config)?;
    Ok((model, bert_config))
}

/// Copy the base encoder's weights into the fresh model. Base files name tensors without the
/// `bert.` prefix (a bare BertModel); a classifier's own file has it. Missing pieces — the new
/// head — keep their random initialisation.
pub fn load_base(vs: &mut nn::VarStore, base_dir: &Path) -> Result<usize> {
    let file = base_dir.join("model.safetensors");
    let set = pooled::load_matching(vs, &file, |name| {
        if name.starts_with("bert.") || name.starts_with("classifier.") {
            name.to_string()
        } else {
            format!("bert.{name}")
        }
    })?;
    if set.is_empty() {
        bail!("no tensor of {} matches the BERT model: is it a BERT encoder?", file.display());
    }
    Ok(set.len())
}

/// Logits of every example under the model as it is now, in input order.
fn predict(model: &MeanPooledBert, encoded: &[TokenizedInput], batch_size: usize, device: Device) -> Vec<Vec<f32>> {
    let mut order: Vec<usize> = (0..encoded.len()).collect();
    order.sort_by_key(|&i| encoded[i].token_ids.len());
    let mut out = vec![Vec::new(); encoded.len()];
    for chunk in order.chunks(batch_size * 2) {
        let batch: Vec<&TokenizedInput> = chunk.iter().map(|&i| &encoded[i]).collect();
        let logits = tch::no_grad(|| {
            let (ids, mask, types) = batch_tensors(&batch, 0, device);
            model.forward_t(&ids, &mask, &types, false).to_kind(Kind::Float).to_device(Device::Cpu)
        });
        let rows: Vec<Vec<f32>> = Vec::<Vec<f32>>::try_from(&logits).expect("logits are a 2-d float tensor");
        for (&i, row) in chunk.iter().zip(rows) {
            out[i] = row;
        }
    }
    out
}

/// The most probable class among `allowed`.
fn argmax_among(logits: &[f32], allowed: &[bool]) -> usize {
    (0..logits.len()).filter(|&c| allowed[c]).max_by(|&a, &b| logits[a].total_cmp(&logits[b])).unwrap_or(0)
}

/// Scores of predictions, overall and per source corpus. A corpus annotated with fewer classes
/// than the model has (SST-2: no neutral) is scored among its own classes: for SST-2 the larger
/// of the negative and positive probabilities decides.
fn score(labels: usize, valid: &[Example], logits: &[Vec<f32>]) -> (ClassMetrics, Vec<(String, ClassMetrics)>) {
    let gold: Vec<usize> = valid.iter().map(|e| e.label).collect();
    let all = vec![true; labels];
    let predicted: Vec<usize> = logits.iter().map(|l| argmax_among(l, &all)).collect();
    let overall = ClassMetrics::new(labels, &gold, &predicted);
    let mut sources: Vec<&'static str> = valid.iter().map(|e| e.source).collect();
    sources.sort_unstable();
    sources.dedup();
    let by_source = sources
        .into_iter()
        .map(|s| {
            let idx: Vec<usize> = (0..valid.len()).filter(|&i| valid[i].source == s).collect();
            let mut present = vec![false; labels];
            for &i in &idx {
                present[gold[i]] = true;
            }
            let g: Vec<usize> = idx.iter().map(|&i| gold[i]).collect();
            let p: Vec<usize> = idx.iter().map(|&i| argmax_among(&logits[i], &present)).collect();
            (s.to_string(), ClassMetrics::new(labels, &g, &p))
        })
        .collect();
    (overall, by_source)
}

/// The mean cross-entropy of one batch of training examples (`examples` with their encodings).
fn batch_loss(
    model: &MeanPooledBert,
    (examples, encoded): (&[Example], &[TokenizedInput]),
    batch: &[usize],
    class_weights: Option<&Tensor>,
    device: Device,
) -> Tensor {
    let inputs: Vec<&TokenizedInput> = batch.iter().map(|&i| &encoded[i]).collect();
    let (ids, mask, types) = batch_tensors(&inputs, 0, device);
    let labels =
        Tensor::from_slice(&batch.iter().map(|&i| examples[i].label as i64).collect::<Vec<_>>()).to_device(device);
    let logits = model.forward_t(&ids, &mask, &types, true);
    logits.cross_entropy_loss::<Tensor>(
        &labels,
        class_weights.map(Tensor::shallow_clone),
        tch::Reduction::Mean,
        -100,
        0.0,
    )
}

/// One line of the training log: `progress` (step, epoch, examples seen, seconds, learning
/// rate, loss) with the validation scores.
fn log_line(
    progress: serde_json::Value,
    labels: &[String],
    metrics: &ClassMetrics,
    by_source: &[(String, ClassMetrics)],
    objective: f64,
) -> serde_json::Value {
    let mut line = progress;
    line["valid_accuracy"] = serde_json::json!(metrics.accuracy);
    line["valid_macro_f1"] = serde_json::json!(metrics.macro_f1);
    line["valid_f1_by_class"] = labels
        .iter()
        .zip(&metrics.f1)
        .map(|(l, f)| (l.clone(), serde_json::json!(f)))
        .collect::<serde_json::Map<_, _>>()
        .into();
    line["objective"] = serde_json::json!(objective);
    line["by_source"] = by_source
        .iter()
        .map(|(s, m)| (s.clone(), serde_json::json!({"accuracy": m.accuracy, "macro_f1": m.macro_f1})))
        .collect::<serde_json::Map<_, _>>()
        .into();
    line
}

/// Fine-tune on `train`, validate on `valid` with `objective` (higher is better) and write the
/// best model to `config.out_dir` in the compact form of [`crate::pooled::compact`].
pub fn train(
    config: &TrainConfig,
    train: &[Example],
    valid: &[Example],
    objective: impl Fn(&ClassMetrics, &[(String, ClassMetrics)]) -> f64,
) -> Result<TrainReport> {
    if train.is_empty() || valid.is_empty() {
        bail!("no training or validation examples");
    }
    let started = Instant::now();
    tch::manual_seed(config.seed as i64);
    let mut rng = Rng::new(config.seed);
    let device = Device::cuda_if_available();
    let tokenizer = bert_tokenizer(&config.base_dir)?;
    let train_enc = encode(&tokenizer, train, config.max_len);
    let valid_enc = encode(&tokenizer, valid, config.max_len);
    let mut vs = nn::VarStore::new(device);
    let (model, bert_config) = build_model(config, &vs)?;
    let copied = load_base(&mut vs, &config.base_dir)?;
    if let Some(layers) = config.frozen_layers {
        eprintln!("frozen: {} tensors (embeddings and the first {layers} layers)", freeze_lower(&vs, layers));
    }
    let mut checkpoints = Checkpoints::new(&config.out_dir, config.patience)?;
    eprintln!(
        "train: {} examples, valid: {}, labels {:?}, {copied} base tensors loaded",
        train.len(),
        valid.len(),
        config.labels
    );

    let lengths: Vec<usize> = train_enc.iter().map(|t| t.token_ids.len()).collect();
    let steps_per_epoch = train.len().div_ceil(config.batch_size);
    let mut schedule = Schedule::new(config.lr, steps_per_epoch * config.epochs, config.minutes);
    let mut opt = nn::AdamW { wd: 0.01, ..Default::default() }.build(&vs, config.lr)?;
    let weights = config.class_weights.as_ref().map(|w| Tensor::from_slice(w).to_device(device));

    let (mut step, mut seen, mut running) = (0usize, 0usize, 0f64);
    'epochs: for epoch in 0..config.epochs {
        for batch in bucketed_batches(&lengths, config.batch_size, &mut rng) {
            let loss = batch_loss(&model, (train, &train_enc), &batch, weights.as_ref(), device);
            let lr = schedule.lr(step);
            optimiser_step(&mut opt, lr, &loss);
            running = 0.98 * running + 0.02 * loss.double_value(&[]);
            step += 1;
            seen += batch.len();
            let out_of_time = schedule.out_of_time();
            if step % config.eval_every == 0 || out_of_time {
                let logits = predict(&model, &valid_enc, config.batch_size, device);
                let (metrics, by_source) = score(config.labels.len(), valid, &logits);
                let value = objective(&metrics, &by_source);
                let progress = serde_json::json!({
                    "step": step, "epoch": epoch, "examples_seen": seen, "seconds": started.elapsed().as_secs_f64().round(),
                    "lr": lr, "train_loss": running,
                });
                let line = log_line(progress, &config.labels, &metrics, &by_source, value);
                let patience_spent = checkpoints.record(value, (metrics, by_source), step, &vs, &line)?;
                if patience_spent || out_of_time {
                    break 'epochs;
                }
            }
        }
    }
    let ((metrics, by_source), best_step, snapshot) = checkpoints.best()?;
    save_model(
        &config.out_dir,
        &snapshot,
        &bert_config,
        &config.base_dir,
        Head::MeanPooled { max_len: config.max_len },
    )?;
    Ok(TrainReport {
        best: metrics,
        best_by_source: by_source,
        best_step,
        steps: step,
        examples_seen: seen,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// The head a saved model carries over its encoder.
#[derive(Debug, Clone, Copy)]
pub enum Head {
    /// One label per text, from the mean of the token states ([`crate::pooled`]), trained on
    /// inputs of at most `max_len` tokens.
    MeanPooled {
        /// Longest input in training, in tokens.
        max_len: usize,
    },
    /// One label per word piece (Hugging Face's `BertForTokenClassification`), trained on
    /// windows of `window` word pieces.
    TokenClassification {
        /// Word pieces per training window.
        window: usize,
        /// What sits on the encoder.
        head: crate::tagger::TaggerHead,
    },
}

/// Write weights (large matrices in 8 bits, the rest in half precision: [`pooled::compact`]),
/// config.json with the labels, and the tokenizer files.
pub fn save_model(
    dir: &Path,
    weights: &HashMap<String, Tensor>,
    config: &BertConfig,
    base_dir: &Path,
    head: Head,
) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let named: Vec<(String, Tensor)> = weights.iter().map(|(k, v)| (k.clone(), v.shallow_clone())).collect();
    pooled::write_compact(&named, &dir.join("model.safetensors"))?;
    let mut json: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(base_dir.join("config.json"))?)?;
    let labels = config.id2label.as_ref().context("labels")?;
    match head {
        Head::MeanPooled { max_len } => {
            json["architectures"] = serde_json::json!(["BertModel"]);
            json[pooled::POOLING_KEY] = serde_json::json!(pooled::MEAN);
            json[pooled::MAX_LEN_KEY] = serde_json::json!(max_len);
        }
        Head::TokenClassification { window, head } => {
            json["architectures"] = serde_json::json!(["BertForTokenClassification"]);
            json[crate::tagger::WINDOW_KEY] = serde_json::json!(window);
            json[crate::tagger::HEAD_KEY] = serde_json::json!(head.name());
        }
    }
    json["id2label"] = serde_json::json!(labels
        .iter()
        .map(|(k, v)| (k.to_string(), serde_json::json!(v)))
        .collect::<serde_json::Map<_, _>>());
    json["label2id"] = serde_json::json!(labels
        .iter()
        .map(|(k, v)| (v.clone(), serde_json::json!(k)))
        .collect::<serde_json::Map<_, _>>());
    json["torch_dtype"] = serde_json::json!("float16");
    std::fs::write(dir.join("config.json"), serde_json::to_string_pretty(&json)? + "\n")?;
    std::fs::copy(base_dir.join("vocab.txt"), dir.join("vocab.txt"))?;
    std::fs::write(dir.join("tokenizer_config.json"), "{\"do_lower_case\": true, \"model_max_length\": 512}\n")?;
    Ok(())
}
