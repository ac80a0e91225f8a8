//! Learned attribution: a BERT token tagger that marks source, cue and content spans (BIO tags).
//! The tags, their decoding and the linking of each content span to its source and cue are pure
//! span code in `quotelens_core` (`tags`, `crf`, `linking`).
//!
//! The tagger reads an article in overlapping windows of word pieces, so that a quote and its
//! attribution stay together across sentence boundaries; each word piece takes the mean of its
//! tag scores over the windows that read it ([`average_windows`]). Tags are decoded with the BIO
//! constraint (an `I-x` only after `B-x` or `I-x`), so every span is well formed, and, for a
//! tagger with a CRF head, with the transition scores it learned. Offsets are code points into
//! the article text, as the tokenizer reports them.

use crate::batch::{batch_tensors, each_unpadded};
use crate::classifier::bert_tokenizer;
use crate::pooled::load_all;
use crate::profile::{self, Step};
use crate::quantized::{Encoder, QuantizedEncoder};
use anyhow::{bail, Result};
use quotelens_core::crf::{allowed_after, decode, marginals, Transitions};
use quotelens_core::tags::{average_windows, spans, windows, Piece, TaggedSpan, WindowRead, TAG_LABELS};
use rust_bert::bert::BertConfig;
use rust_bert::pipelines::common::TokenizerOption;
use rust_bert::Config;
use rust_tokenizers::TokenizedInput;
use std::path::{Path, PathBuf};
use tch::nn::{Module, RNN};
use tch::{nn, Device, Kind, Tensor};

/// Word pieces of `text` with their offsets; pieces the tokenizer cannot place are dropped.
pub fn pieces(tokenizer: &TokenizerOption, text: &str) -> Vec<Piece> {
    let tokens = tokenizer.tokenize_with_offsets(text);
    let ids = tokenizer.convert_tokens_to_ids(&tokens.tokens);
    ids.into_iter()
        .zip(tokens.offsets)
        .filter_map(|(id, o)| o.map(|o| Piece { id, start: o.begin as usize, end: o.end as usize }))
        .collect()
}

/// The model input of one window: `[CLS] pieces [SEP]`.
pub fn window_input(pieces: &[Piece], (start, end): (usize, usize), cls: i64, sep: i64) -> TokenizedInput {
    let token_ids: Vec<i64> =
        std::iter::once(cls).chain(pieces[start..end].iter().map(|p| p.id)).chain(std::iter::once(sep)).collect();
    let n = token_ids.len();
    TokenizedInput {
        token_ids,
        segment_ids: vec![0; n],
        special_tokens_mask: Vec::new(),
        overflowing_tokens: Vec::new(),
        num_truncated_tokens: 0,
        token_offsets: Vec::new(),
        reference_offsets: Vec::new(),
        mask: Vec::new(),
    }
}

/// How to load and run the tagger.
#[derive(Debug, Clone)]
pub struct TaggerConfig {
    /// The model directory (config.json with the tag labels, vocab.txt, model.safetensors).
    pub model_dir: PathBuf,
    /// Word pieces per window (plus `[CLS]` and `[SEP]`); `None` reads the width the model
    /// was trained with from its config.json ([`WINDOW_KEY`]), or [`DEFAULT_WINDOW`].
    pub window: Option<usize>,
    /// Word pieces from one window's start to the next; `None` overlaps windows by half.
    pub stride: Option<usize>,
    /// Windows per forward pass.
    pub batch_size: usize,
    /// Read the encoder in 32-bit floats even on a CPU that multiplies 8-bit integers
    /// ([`crate::quantized`]): about four times slower there, and the same scores on PolNeAR
    /// dev to within 0.3 points.
    pub full_precision: bool,
}

/// The config.json key under which `quotelens train attribution` records its window width.
pub const WINDOW_KEY: &str = "quotelens_window";

/// The window of a tagger whose config.json does not record one.
pub const DEFAULT_WINDOW: usize = 254;

impl TaggerConfig {
    /// Defaults for a model directory: the model's own window, overlapping by half, batches of
    /// 16, an 8-bit encoder on the CPU where libtorch can multiply in 8 bits.
    pub fn new(model_dir: impl Into<PathBuf>) -> Self {
        TaggerConfig { model_dir: model_dir.into(), window: None, stride: None, batch_size: 16, full_precision: false }
    }
}

/// The config.json key naming what sits on a tagger's encoder (see [`TaggerHead`]); a model
/// without it has the linear head `quotelens train attribution` writes.
pub const HEAD_KEY: &str = "quotelens_head";

/// The config.json key giving the number of bidirectional LSTM layers of a head that has an
/// LSTM (`train_gpu.py --lstm-layers`); a model without it has one.
pub const LSTM_LAYERS_KEY: &str = "quotelens_lstm_layers";

/// What sits on a tagger's encoder: a linear layer per word piece, optionally behind a
/// bidirectional LSTM and optionally under a linear-chain CRF (`models/attribution/train_gpu.py
/// --head`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaggerHead {
    /// A linear layer on the encoder's states (Hugging Face's `BertForTokenClassification`).
    Linear,
    /// A bidirectional LSTM, then the linear layer.
    Lstm,
    /// The linear layer, decoded with learned CRF transition scores.
    Crf,
    /// A bidirectional LSTM, the linear layer and a CRF.
    LstmCrf,
}

impl TaggerHead {
    /// The head a model's config.json names under [`HEAD_KEY`].
    pub fn of_config(config_json: &serde_json::Value, dir: &Path) -> Result<Self> {
        match config_json.get(HEAD_KEY).and_then(serde_json::Value::as_str) {
            None => Ok(TaggerHead::Linear),
            Some(name) => {
                name.parse().map_err(|e| anyhow::anyhow!("{}: {HEAD_KEY}: {e}", dir.join("config.json").display()))
            }
        }
    }

    /// The name config.json gives this head.
    pub fn name(self) -> &'static str {
        match self {
            TaggerHead::Linear => "linear",
            TaggerHead::Lstm => "lstm",
            TaggerHead::Crf => "crf",
            TaggerHead::LstmCrf => "lstm-crf",
        }
    }

    /// Whether a bidirectional LSTM sits between the encoder and the linear layer.
    pub fn has_lstm(self) -> bool {
        matches!(self, TaggerHead::Lstm | TaggerHead::LstmCrf)
    }

    /// Whether a CRF scores the tag sequence.
    pub fn has_crf(self) -> bool {
        matches!(self, TaggerHead::Crf | TaggerHead::LstmCrf)
    }
}

impl std::str::FromStr for TaggerHead {
    type Err = String;

    fn from_str(name: &str) -> std::result::Result<Self, String> {
        [TaggerHead::Linear, TaggerHead::Lstm, TaggerHead::Crf, TaggerHead::LstmCrf]
            .into_iter()
            .find(|h| h.name() == name)
            .ok_or_else(|| format!("{name:?} is not a tagger head: linear, lstm, crf or lstm-crf"))
    }
}

/// The tagger network: the BERT encoder, an optional bidirectional LSTM, a linear layer per word
/// piece and an optional CRF's scores. Tensor names are those `train_gpu.py` writes: `bert.*`
/// and `classifier.*` as in Hugging Face's `BertForTokenClassification`, `lstm.*` as in torch's
/// LSTM, `crf.transition`, `crf.start`, `crf.end`.
pub struct TaggerModel {
    encoder: Encoder,
    lstm: Option<nn::LSTM>,
    classifier: nn::Linear,
    crf: Option<[Tensor; 3]>,
    dropout: f64,
    /// The encoder's layers, hidden width and feed-forward width, to count its operations.
    shape: [u64; 3],
}

impl TaggerModel {
    /// Build the network under `vs` (weights still to be loaded), with `lstm_layers` layers of
    /// bidirectional LSTM where the head has one.
    pub fn new(vs: &nn::VarStore, config: &BertConfig, head: TaggerHead, lstm_layers: i64) -> Self {
        let root = vs.root();
        let encoder = Encoder::new(&root / "bert", config);
        let lstm = head.has_lstm().then(|| {
            let rnn =
                nn::RNNConfig { bidirectional: true, batch_first: true, num_layers: lstm_layers, ..Default::default() };
            nn::lstm(&root / "lstm", config.hidden_size, config.hidden_size / 2, rnn)
        });
        let classifier =
            nn::linear(&root / "classifier", config.hidden_size, TAG_LABELS.len() as i64, Default::default());
        let n = TAG_LABELS.len() as i64;
        let crf = head.has_crf().then(|| {
            let p = &root / "crf";
            [p.zeros("transition", &[n, n]), p.zeros("start", &[n]), p.zeros("end", &[n])]
        });
        let shape = [config.num_hidden_layers, config.hidden_size, config.intermediate_size].map(|n| n as u64);
        TaggerModel { encoder, lstm, classifier, crf, dropout: config.hidden_dropout_prob, shape }
    }

    /// Read with the encoder's dense layers in 8 bits from now on (weights as loaded in `vs`);
    /// the model can no longer be trained ([`Encoder::quantize`]). All of them: the layer after
    /// GELU in floats changed no PolNeAR dev score by more than 0.2 points here.
    pub fn quantize(&mut self, vs: &nn::VarStore, config: &BertConfig) -> Result<()> {
        self.encoder.quantize(vs, config, false)
    }

    /// Tag scores (logits) at every position of a batch of windows; `train` turns dropout on.
    /// The LSTM reads each window over its own length, so padding never reaches it.
    pub fn forward_t(&self, ids: &Tensor, mask: &Tensor, types: &Tensor, train: bool) -> Tensor {
        let [layers, hidden, intermediate] = self.shape;
        let [batch, width] = [0, 1].map(|d| ids.size()[d] as u64);
        profile::add_flops(Step::Encoder, profile::encoder_flops(layers, hidden, intermediate, batch, width));
        let states = profile::time(Step::Encoder, || self.encoder.forward_t(ids, mask, types, train));
        let states = match &self.lstm {
            None => states,
            Some(lstm) => profile::time(Step::Lstm, || {
                each_unpadded(mask, |row, n| {
                    let input = states.get(row).narrow(0, 0, n).dropout(self.dropout, train).unsqueeze(0);
                    lstm.seq(&input).0.squeeze_dim(0)
                })
            }),
        };
        profile::time(Step::TagScores, || self.classifier.forward(&states.dropout(self.dropout, train)))
    }

    /// The training loss: with a CRF, the negative log-likelihood of each window's gold tag
    /// sequence, per tagged piece; else cross-entropy per tagged piece. `tags` holds `ignore` at
    /// `[CLS]`, `[SEP]` and padding, and the tagged pieces of a window are contiguous. A window
    /// may open inside a span (an `I-` tag first), so only the transitions are constrained here.
    pub fn loss(&self, logits: &Tensor, tags: &Tensor, ignore: i64) -> Tensor {
        let n = TAG_LABELS.len() as i64;
        let Some([transition, start, end]) = &self.crf else {
            return logits.view([-1, n]).cross_entropy_loss::<Tensor>(
                &tags.view([-1]),
                None,
                tch::Reduction::Mean,
                ignore,
                0.0,
            );
        };
        sequence_nll(logits, tags, ignore, [transition, start, end])
    }

    /// The CRF's scores, for [`decode`]; `None` for a head without a CRF.
    pub fn transitions(&self) -> Option<Transitions> {
        let [transition, start, end] = self.crf.as_ref()?;
        let vector = |t: &Tensor| {
            Vec::<f32>::try_from(t.to_kind(Kind::Float).to_device(Device::Cpu)).expect("CRF scores are float vectors")
        };
        let rows = (0..TAG_LABELS.len() as i64).map(|r| vector(&transition.get(r))).collect();
        Some(Transitions { transition: rows, start: vector(start), end: vector(end) })
    }
}

/// Negative log-likelihood under a linear-chain CRF (`[transition, start, end]` scores) of each
/// window's gold tag sequence, per tagged piece; see [`TaggerModel::loss`].
fn sequence_nll(logits: &Tensor, tags: &Tensor, ignore: i64, [transition, start, end]: [&Tensor; 3]) -> Tensor {
    let n = TAG_LABELS.len() as i64;
    let forbidden: Vec<f32> = (0..n as usize)
        .flat_map(|p| (0..n as usize).map(move |t| if allowed_after(Some(p), t) { 0.0 } else { -1e4 }))
        .collect();
    let transition = transition + Tensor::from_slice(&forbidden).view([n, n]).to_device(logits.device());
    let emissions = logits.to_kind(Kind::Float).narrow(1, 1, logits.size()[1] - 1); // [CLS] is never tagged
    let tags = tags.narrow(1, 1, tags.size()[1] - 1);
    let mask = tags.ne(ignore);
    let gold = tags.clamp_min(0);
    let at = |t: i64| gold.select(1, t);
    let emitted = |t: i64| emissions.select(1, t).gather(1, &at(t).unsqueeze(1), false).squeeze_dim(1);
    let mut alpha = start + emissions.select(1, 0);
    let mut path = start.index_select(0, &at(0)) + emitted(0);
    for t in 1..tags.size()[1] {
        let m = mask.select(1, t);
        let step = (alpha.unsqueeze(2) + transition.unsqueeze(0)).logsumexp([1], false) + emissions.select(1, t);
        alpha = step.where_self(&m.unsqueeze(1), &alpha);
        let pair = transition.view([-1]).index_select(0, &(at(t - 1) * n + at(t)));
        path += (pair + emitted(t)).where_self(&m, &Tensor::zeros_like(&path));
    }
    let last = gold.gather(1, &(mask.sum_dim_intlist(1, false, Kind::Int64) - 1).unsqueeze(1), false).squeeze_dim(1);
    path += end.index_select(0, &last);
    ((alpha + end).logsumexp([1], false) - path).sum(Kind::Float) / mask.sum(Kind::Float)
}

/// A loaded attribution tagger.
pub struct Tagger {
    model: TaggerModel,
    transitions: Option<Transitions>,
    tokenizer: TokenizerOption,
    config: TaggerConfig,
    /// Word pieces per window and between window starts, as resolved at load.
    window: usize,
    stride: usize,
    device: Device,
    cls: i64,
    sep: i64,
}

/// Build the tagger network with `head` (and `lstm_layers` layers of LSTM, where it has one)
/// under `vs`, from a BERT config.json.
pub fn build_model(
    vs: &nn::VarStore,
    config_path: &Path,
    head: TaggerHead,
    lstm_layers: i64,
) -> Result<(TaggerModel, BertConfig)> {
    let mut config = BertConfig::from_file(config_path);
    config.id2label = Some(TAG_LABELS.iter().enumerate().map(|(i, l)| (i as i64, l.to_string())).collect());
    config.label2id = Some(TAG_LABELS.iter().enumerate().map(|(i, l)| (l.to_string(), i as i64)).collect());
    let model = TaggerModel::new(vs, &config, head, lstm_layers);
    Ok((model, config))
}

impl Tagger {
    /// Load a model directory written by `quotelens train attribution`.
    pub fn new(config: TaggerConfig) -> Result<Self> {
        let dir = &config.model_dir;
        if !dir.is_dir() {
            bail!("tagger directory {} does not exist", dir.display());
        }
        let config_json = crate::classifier::read_config(dir)?;
        let labels = crate::classifier::labels_of(&config_json, dir)?;
        if labels != TAG_LABELS {
            bail!("{} is not an attribution tagger: its labels are {labels:?}, expected {TAG_LABELS:?}", dir.display());
        }
        let device = Device::cuda_if_available();
        let mut vs = nn::VarStore::new(device);
        let head = TaggerHead::of_config(&config_json, dir)?;
        let lstm_layers = match config_json.get(LSTM_LAYERS_KEY) {
            None => 1,
            Some(v) => v.as_i64().filter(|n| (1..=4).contains(n)).ok_or_else(|| {
                anyhow::anyhow!(
                    "{}: \"{LSTM_LAYERS_KEY}\" is {v}; it must be a number of layers from 1 to 4",
                    dir.join("config.json").display()
                )
            })?,
        };
        let (mut model, bert_config) = build_model(&vs, &dir.join("config.json"), head, lstm_layers)?;
        let unused = load_all(&mut vs, dir, "quotelens attribution tagger")?;
        if QuantizedEncoder::wanted(device, config.full_precision) {
            model.quantize(&vs, &bert_config)?;
        }
        // A head's tensors with no head to take them would leave the tagger reading a layer
        // it was not trained with, silently.
        if let Some(name) = unused
            .iter()
            .find(|n| (n.starts_with("lstm.") && !head.has_lstm()) || (n.starts_with("crf.") && !head.has_crf()))
        {
            bail!("{} holds {name}, which the head its config.json names ({head:?}) does not use: set \"{HEAD_KEY}\" in config.json to the head it was trained with", dir.join("model.safetensors").display());
        }
        // Nor may a deeper LSTM be read through its first layers only.
        if let Some(name) = unused.iter().find(|n| n.starts_with("lstm.")) {
            bail!("{} holds {name}, a layer beyond the {lstm_layers} of LSTM its config.json names: set \"{LSTM_LAYERS_KEY}\" in config.json to the number of layers it was trained with", dir.join("model.safetensors").display());
        }
        let transitions = model.transitions();
        let tokenizer = bert_tokenizer(dir)?;
        let cls = tokenizer.convert_tokens_to_ids(&["[CLS]"])[0];
        let sep = tokenizer.convert_tokens_to_ids(&["[SEP]"])[0];
        // A tagger reads best at the width it was trained on; models from before the key was
        // written were all trained at the default.
        let trained = config_json.get(WINDOW_KEY).and_then(serde_json::Value::as_u64).map(|w| w as usize);
        let window = config.window.or(trained).unwrap_or(DEFAULT_WINDOW);
        if !(2..=510).contains(&window) {
            bail!("{}: window of {window} word pieces; it must be between 2 and 510", dir.display());
        }
        let stride = config.stride.unwrap_or(window / 2).max(1);
        if stride > window {
            bail!("a stride of {stride} word pieces is longer than the window of {window}: the pieces between windows would go unread; give a stride of at most {window}");
        }
        Ok(Tagger { model, transitions, tokenizer, config, window, stride, device, cls, sep })
    }

    /// Whether the encoder reads in 8-bit integers ([`crate::quantized`]).
    pub fn is_quantized(&self) -> bool {
        self.model.encoder.is_quantized()
    }

    /// Word pieces per window this tagger reads with.
    pub fn window(&self) -> usize {
        self.window
    }

    /// The directory the tagger was loaded from.
    pub fn model_dir(&self) -> &Path {
        &self.config.model_dir
    }

    /// Log-probabilities of every tag for every window input, in input order.
    pub fn window_log_probs(&self, inputs: &[TokenizedInput]) -> Vec<Vec<Vec<f32>>> {
        window_log_probs(&self.model, inputs, self.config.batch_size, self.device)
    }

    /// Tagged spans of each text, in text order.
    pub fn predict(&self, texts: &[&str]) -> Vec<Vec<TaggedSpan>> {
        let all_pieces: Vec<Vec<Piece>> =
            profile::time(Step::Tokenizing, || texts.iter().map(|t| pieces(&self.tokenizer, t)).collect());
        let (inputs, placed) = profile::time(Step::Windows, || {
            let mut inputs = Vec::new();
            let mut placed = Vec::new(); // (text, window)
            for (t, p) in all_pieces.iter().enumerate() {
                for w in windows(p.len(), self.window, self.stride) {
                    inputs.push(window_input(p, w, self.cls, self.sep));
                    placed.push((t, w));
                }
            }
            (inputs, placed)
        });
        let log_probs = self.window_log_probs(&inputs);
        let mut per_text: Vec<Vec<WindowRead>> = vec![Vec::new(); texts.len()];
        for ((t, w), rows) in placed.into_iter().zip(log_probs) {
            per_text[t].push((w, rows));
        }
        profile::time(Step::Crf, || {
            per_text
                .into_iter()
                .zip(&all_pieces)
                .map(|(read, p)| {
                    let log_probs = average_windows(p.len(), &read);
                    let crf = self.transitions.as_ref();
                    spans(&decode(&log_probs, crf), &marginals(&log_probs, crf), p)
                })
                .collect()
        })
    }
}
/// Log-probabilities per position (including `[CLS]` and `[SEP]`) of each window input.
pub fn window_log_probs(
    model: &TaggerModel,
    inputs: &[TokenizedInput],
    batch_size: usize,
    device: Device,
) -> Vec<Vec<Vec<f32>>> {
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    order.sort_by_key(|&i| inputs[i].token_ids.len());
    let tags = TAG_LABELS.len();
    // Every window's rows are allocated before any window is read. Allocated as each batch is
    // read, the many small rows land in the holes the encoder's large activations leave
    // behind, the C allocator can reuse none of them, and the process grew by 650 MB over
    // 256 articles.
    let mut out: Vec<Vec<Vec<f32>>> = inputs.iter().map(|input| vec![vec![0.0; tags]; input.token_ids.len()]).collect();
    let widest = inputs.iter().map(|input| input.token_ids.len()).max().unwrap_or(0);
    let mut read = vec![0f32; batch_size.max(1) * widest * tags];
    for chunk in order.chunks(batch_size.max(1)) {
        let batch: Vec<&TokenizedInput> = chunk.iter().map(|&i| &inputs[i]).collect();
        let (ids, mask, types) = profile::time(Step::Windows, || batch_tensors(&batch, 0, device));
        let logits = tch::no_grad(|| model.forward_t(&ids, &mask, &types, false));
        profile::time(Step::TagScores, || {
            let lp = logits.log_softmax(-1, Kind::Float).to_device(Device::Cpu).contiguous();
            let (values, width) = (lp.numel(), lp.size()[1] as usize);
            lp.copy_data(&mut read[..values], values);
            for (k, &i) in chunk.iter().enumerate() {
                let window = &read[k * width * tags..];
                for (position, row) in out[i].iter_mut().enumerate() {
                    row.copy_from_slice(&window[position * tags..(position + 1) * tags]);
                }
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crf_loss_is_the_likelihood_over_every_well_formed_path() {
        // Two windows of [CLS] + 3 tagged pieces + [SEP] (the second padded by one); the loss
        // must equal the negative log-likelihood counted path by path.
        let n = TAG_LABELS.len();
        let value = |k: usize| ((k * 7919 % 23) as f32 - 11.0) / 7.0;
        let transition: Vec<f32> = (0..n * n).map(value).collect();
        let start: Vec<f32> = (0..n).map(|k| value(k + 50)).collect();
        let end: Vec<f32> = (0..n).map(|k| value(k + 90)).collect();
        let logits: Vec<f32> = (0..2 * 5 * n).map(|k| value(k + 200)).collect();
        let tags: [[i64; 5]; 2] = [[-100, 6, 6, 0, -100], [-100, 1, 2, -100, -100]];
        let t = |v: &[f32], shape: &[i64]| Tensor::from_slice(v).view(shape);
        let flat: Vec<i64> = tags.iter().flatten().copied().collect();
        let loss = sequence_nll(
            &t(&logits, &[2, 5, n as i64]),
            &Tensor::from_slice(&flat).view([2, 5]),
            -100,
            [&t(&transition, &[n as i64, n as i64]), &t(&start, &[n as i64]), &t(&end, &[n as i64])],
        )
        .double_value(&[]);
        let (mut total, mut pieces) = (0.0f64, 0usize);
        for (w, row) in tags.iter().enumerate() {
            let tagged: Vec<usize> = (1..5).filter(|&i| row[i] != -100).collect();
            let emission = |i: usize, tag: usize| logits[(w * 5 + i) * n + tag] as f64;
            let score = |path: &[usize]| {
                let mut s = start[path[0]] as f64 + end[*path.last().unwrap()] as f64;
                for (k, &tag) in path.iter().enumerate() {
                    s += emission(tagged[k], tag);
                    if k > 0 {
                        s += transition[path[k - 1] * n + tag] as f64
                            + if allowed_after(Some(path[k - 1]), tag) { 0.0 } else { -1e4 };
                    }
                }
                s
            };
            let mut paths = vec![vec![]];
            for _ in &tagged {
                paths = paths
                    .into_iter()
                    .flat_map(|p: Vec<usize>| (0..n).map(move |tag| [p.clone(), vec![tag]].concat()))
                    .collect();
            }
            let scores: Vec<f64> = paths.iter().map(|p| score(p)).collect();
            let top = scores.iter().cloned().fold(f64::MIN, f64::max);
            let log_z = top + scores.iter().map(|s| (s - top).exp()).sum::<f64>().ln();
            let gold: Vec<usize> = tagged.iter().map(|&i| row[i] as usize).collect();
            total += log_z - score(&gold);
            pieces += tagged.len();
        }
        assert!((loss - total / pieces as f64).abs() < 1e-4, "{loss} against {}", total / pieces as f64);
    }
}
