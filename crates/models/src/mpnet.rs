//! MPNet, the encoder of the all-mpnet-base-v2 sentence encoder (sentence-transformers,
//! Apache-2.0), on tch: rust-bert has no MPNet.
//!
//! The shape follows rust-bert's pipelines: an [`MpnetConfig`] read from `config.json`, an
//! [`MpnetModel`] built under an `nn::Path` whose `forward_t` gives the last hidden states, a
//! [`MpnetTokenizer`] over `vocab.txt`, and [`Mpnet`], which loads all three from a model
//! directory (`scripts/install-mpnet.sh` puts the model in `models/base/all-mpnet-base-v2/`).
//! Tensor names are those of the model file (Hugging Face's `MPNetModel`), so the weights load
//! as they are.
//!
//! What sets MPNet apart from BERT: absolute positions count from `pad_token_id + 1`, as in
//! RoBERTa; there are no token types; every layer adds the same learned bias for the distance
//! between query and key (32 buckets, exact for short distances, logarithmic up to 128) to its
//! attention scores.
//!
//! On the CPU the dense layers can multiply in 8 bits through FBGEMM ([`MpnetModel::quantize`]),
//! much as PyTorch's `quantize_dynamic` does, but scaling each token's input on its own (see
//! `Int8Linear`). `tests/mpnet_reference.rs` checks the float path against an independent
//! numpy forward pass (`scripts/mpnet_reference.py`), and the 8-bit one against the float one.

use anyhow::{bail, Context, Result};
use rust_tokenizers::tokenizer::{BertTokenizer, Tokenizer, TruncationStrategy};
use rust_tokenizers::vocab::{BertVocab, Vocab};
use serde::Deserialize;
use std::borrow::Borrow;
use std::collections::HashMap;
use std::path::Path;
use tch::{nn, Device, Kind, Scalar, TchError, Tensor};

/// Relative distances up to this many tokens get buckets of their own (logarithmic past 8);
/// longer ones share the last bucket. Fixed in MPNet, not in `config.json`.
const MAX_DISTANCE: i64 = 128;

/// Subtracted from the attention scores of padding so that softmax gives it no weight; finite,
/// so that adding the position bias cannot overflow.
const MASK_PENALTY: f64 = 1e9;

/// The longest input all-mpnet-base-v2 was trained on (sentence-transformers'
/// `max_seq_length`), counting `<s>` and `</s>`.
pub const SENTENCE_MAX_LEN: usize = 384;

/// The settings of `config.json` that the encoder reads.
#[derive(Debug, Clone, Deserialize)]
pub struct MpnetConfig {
    pub vocab_size: i64,
    pub hidden_size: i64,
    pub num_hidden_layers: i64,
    pub num_attention_heads: i64,
    pub intermediate_size: i64,
    pub max_position_embeddings: i64,
    pub layer_norm_eps: f64,
    pub pad_token_id: i64,
    pub relative_attention_num_buckets: i64,
    pub hidden_act: String,
    pub hidden_dropout_prob: f64,
    pub attention_probs_dropout_prob: f64,
}

impl MpnetConfig {
    /// Read `config.json`; only the exact GELU is implemented, so another activation is an error.
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
        let config: MpnetConfig =
            serde_json::from_str(&text).with_context(|| format!("{} is not an MPNet configuration", path.display()))?;
        if config.hidden_act != "gelu" {
            bail!("{}: hidden_act {:?} is not supported (only \"gelu\")", path.display(), config.hidden_act);
        }
        Ok(config)
    }

    /// The most tokens one input may have: positions start after the padding index.
    pub fn max_len(&self) -> usize {
        (self.max_position_embeddings - self.pad_token_id - 1) as usize
    }
}

/// Word and position embeddings, summed and normalised.
struct MpnetEmbeddings {
    word: nn::Embedding,
    position: nn::Embedding,
    norm: nn::LayerNorm,
    pad: i64,
    dropout: f64,
}

impl MpnetEmbeddings {
    fn new<'a>(p: impl Borrow<nn::Path<'a>>, config: &MpnetConfig) -> Self {
        let p = p.borrow();
        let hidden = config.hidden_size;
        let norm_config = nn::LayerNormConfig { eps: config.layer_norm_eps, ..Default::default() };
        MpnetEmbeddings {
            word: nn::embedding(p / "word_embeddings", config.vocab_size, hidden, Default::default()),
            position: nn::embedding(
                p / "position_embeddings",
                config.max_position_embeddings,
                hidden,
                Default::default(),
            ),
            norm: nn::layer_norm(p / "LayerNorm", vec![hidden], norm_config),
            pad: config.pad_token_id,
            dropout: config.hidden_dropout_prob,
        }
    }

    fn forward_t(&self, ids: &Tensor, train: bool) -> Tensor {
        let summed = ids.apply(&self.word) + position_ids(ids, self.pad).apply(&self.position);
        summed.apply(&self.norm).dropout(self.dropout, train)
    }
}

/// Position ids as the model was trained with (fairseq's `make_positions`): real tokens count
/// from `pad + 1`, padding sits at `pad`, whose embedding is never trained.
fn position_ids(ids: &Tensor, pad: i64) -> Tensor {
    let real = ids.ne(pad).to_kind(Kind::Int64);
    real.cumsum(1, Kind::Int64) * &real + pad
}

/// The bucket of the distance `key - query` (Hugging Face's
/// `MPNetEncoder.relative_position_bucket`): keys after the query use the upper half of the
/// buckets; in each half, distances under a quarter of the buckets have one bucket each and
/// longer ones share buckets logarithmically up to [`MAX_DISTANCE`].
fn relative_position_bucket(relative: i64, num_buckets: i64) -> i64 {
    let half = num_buckets / 2;
    let offset = if relative > 0 { half } else { 0 };
    let distance = relative.abs();
    let exact = half / 2;
    if distance < exact {
        return offset + distance;
    }
    // In f32, as the model was trained: distances that land on a bucket boundary in exact
    // arithmetic (16, 32, 64) then fall the same side of it.
    let log_ratio = (distance as f32 / exact as f32).ln() / ((MAX_DISTANCE as f64 / exact as f64).ln() as f32);
    let large = exact + (log_ratio * (half - exact) as f32) as i64;
    offset + large.min(half - 1)
}

/// The bucket of every query–key pair of a `width`-token input: `[width, width]`.
fn relative_buckets(width: i64, num_buckets: i64, device: Device) -> Tensor {
    let buckets: Vec<i64> = (0..width)
        .flat_map(|query| (0..width).map(move |key| relative_position_bucket(key - query, num_buckets)))
        .collect();
    Tensor::from_slice(&buckets).view([width, width]).to_device(device)
}

/// A linear layer whose weight is multiplied in 8-bit integers by FBGEMM, its input rounded to
/// 8 bits on the fly, as PyTorch's `quantize_dynamic` does, with two differences.
///
/// Each token's input is mapped onto [-1, 1] on its own (its minimum to -1, its maximum to 1)
/// before FBGEMM rounds it, and a row holding -1 and 1 joins the input, so that FBGEMM's one
/// scale for the whole input is always that of [-1, 1]. A few tokens carry activations far
/// larger than the rest; with one scale set by them, the others were rounded so coarsely that
/// 8-bit sentence embeddings had a cosine of only 0.87 with the float ones on the sentences of
/// `examples/mpnet_speed.rs` (at least 0.991 scaling each token by its largest magnitude,
/// 0.993 mapping its range, which suits GELU outputs, mostly positive). A token's result no
/// longer depends on the others in the batch either.
///
/// The weight has one scale per output row, and its integers stay within ±64 rather than ±127:
/// without VNNI (AVX2, AVX-512F), FBGEMM sums pairs of 8-bit products in 16 bits with
/// saturation, and 2 · 255 · 127 overflows where 2 · 255 · 64 does not (measured: up to 39%
/// error at ±127 on such inputs, none at ±64). PyTorch instead keeps 7 bits of the input
/// (`reduce_range`), which this libtorch operator does not offer.
struct Int8Linear {
    /// `[out, in]` integers; FBGEMM reads its shape.
    weight: Tensor,
    /// The weight in FBGEMM's blocked layout.
    packed: Tensor,
    /// `[out]` row sums of `weight`, with which FBGEMM removes the input's zero point.
    row_sums: Tensor,
    /// `[out]` zeros: bias is added after the scales.
    zeros: Tensor,
    /// `[out]` scale of each weight row.
    scale: Tensor,
    bias: Tensor,
    /// `[1, in]`: -1, 1, then zeros; fixes the range FBGEMM quantizes the input to.
    range_row: Tensor,
    /// `row_sums` in floats, to add back each token's centre.
    float_row_sums: Tensor,
}

/// The largest integer of an 8-bit weight: see [`Int8Linear`].
const INT8_WEIGHT_LIMIT: f64 = 64.0;

impl Int8Linear {
    /// Quantize a float `weight` (`[out, in]`, on the CPU) and keep `bias` (`[out]`) in floats;
    /// an error where FBGEMM does not run.
    fn new(weight: &Tensor, bias: &Tensor) -> Result<Self, TchError> {
        let weight = weight.to_kind(Kind::Float);
        let scale = (weight.abs().amax([1i64].as_slice(), true) / INT8_WEIGHT_LIMIT).clamp_min(1e-12);
        let q = (&weight / &scale).round().to_kind(Kind::Int8).contiguous();
        let (out, inputs) = q.size2()?;
        let ends = Tensor::from_slice(&[-1f32, 1.]);
        let zeros = Tensor::zeros([inputs - 2], (Kind::Float, Device::Cpu));
        let range_row = Tensor::cat(&[ends, zeros], 0).view([1, inputs]);
        Ok(Int8Linear {
            packed: q.f_fbgemm_pack_quantized_matrix()?,
            row_sums: q.sum_dim_intlist(1, false, Kind::Int).contiguous(),
            float_row_sums: q.sum_dim_intlist(1, false, Kind::Float),
            weight: q,
            zeros: Tensor::zeros([out], (Kind::Float, Device::Cpu)),
            scale: scale.squeeze_dim(1),
            bias: bias.to_kind(Kind::Float),
            range_row,
        })
    }

    /// `x · weightᵀ + bias` for `x` of any shape `[…, in]`.
    fn f_forward(&self, x: &Tensor) -> Result<Tensor, TchError> {
        let mut shape = x.size();
        let inputs = *shape.last().expect("a linear layer's input has a last dimension");
        let rows = x.reshape([-1, inputs]);
        let tokens = rows.size()[0];
        // Each token as centre + half_width · scaled, with scaled spanning [-1, 1]. (amin and
        // amax, not aminmax, whose CPU kernel was 20 times slower than both together.)
        let lo = rows.f_amin([1i64].as_slice(), true)?;
        let hi = rows.f_amax([1i64].as_slice(), true)?;
        let centre = (&hi + &lo) * 0.5;
        let half_width = ((hi - lo) * 0.5).clamp_min(1e-12);
        let input = Tensor::f_empty([tokens + 1, inputs], (Kind::Float, Device::Cpu))?;
        // scaled = (x - centre) / half_width, in one pass; then held to [-1, 1], which rounding
        // can overstep by an ulp: the range row alone must set FBGEMM's scale, or the batch
        // would change every token's rounding.
        let inverse = half_width.reciprocal();
        let mut scaled = input.narrow(0, 0, tokens);
        let _ = (-(&centre * &inverse)).f_addcmul_out(&scaled, &rows, &inverse)?;
        let _ = scaled.f_clamp_(-1.0, 1.0)?;
        input.narrow(0, tokens, 1).f_copy_(&self.range_row)?;
        // FBGEMM takes one weight scale: give it 1 and apply the per-row scales after.
        let mut out = input
            .f_fbgemm_linear_int8_weight_fp32_activation(
                &self.weight,
                &self.packed,
                &self.row_sums,
                Scalar::float(1.0),
                Scalar::int(0),
                &self.zeros,
            )?
            .narrow(0, 0, tokens);
        // x · Wᵀ = (half_width · (scaled · Qᵀ) + centre · (row sums of Q)) · scale.
        out *= &half_width;
        let _ = out.f_addcmul_(&centre, &self.float_row_sums)?;
        out *= &self.scale;
        out += &self.bias;
        *shape.last_mut().expect("checked above") = self.scale.size()[0];
        out.f_view(shape.as_slice())
    }

    fn forward(&self, x: &Tensor) -> Tensor {
        self.f_forward(x).expect("FBGEMM ran when the layer was quantized")
    }
}

/// Whether this libtorch runs FBGEMM's 8-bit linear layers on this CPU (it needs AVX2), and
/// gets a small product right.
pub fn int8_supported() -> bool {
    let probe = || -> Result<bool, TchError> {
        let x = Tensor::from_slice(&[1f32, 2., 3., 4.]).view([1, 4]);
        let w = Tensor::from_slice(&[1f32, -1., 0.5, 2., 0., 1., 1., -2.]).view([2, 4]);
        let out = Int8Linear::new(&w, &Tensor::zeros([2], (Kind::Float, Device::Cpu)))?.f_forward(&x)?;
        Ok(f64::try_from((out - x.linear(&w, None::<Tensor>)).abs().max())? < 0.1)
    };
    probe().unwrap_or(false)
}

/// A dense layer: the model's float `Linear`, and its 8-bit form once quantized.
struct Dense {
    float: nn::Linear,
    int8: Option<Int8Linear>,
}

impl Dense {
    fn new<'a>(p: impl Borrow<nn::Path<'a>>, inputs: i64, outputs: i64) -> Self {
        Dense { float: nn::linear(p, inputs, outputs, Default::default()), int8: None }
    }

    fn set_quantized(&mut self, on: bool) -> Result<(), TchError> {
        let bias = self.float.bs.as_ref().expect("MPNet's dense layers have biases");
        self.int8 = if on { Some(Int8Linear::new(&self.float.ws, bias)?) } else { None };
        Ok(())
    }

    fn forward(&self, x: &Tensor) -> Tensor {
        match &self.int8 {
            Some(int8) => int8.forward(x),
            None => x.apply(&self.float),
        }
    }
}

/// Multi-head self-attention with the shared relative position bias.
struct MpnetSelfAttention {
    q: Dense,
    k: Dense,
    v: Dense,
    o: Dense,
    heads: i64,
    dropout: f64,
}

impl MpnetSelfAttention {
    fn new<'a>(p: impl Borrow<nn::Path<'a>>, config: &MpnetConfig) -> Self {
        let p = p.borrow();
        let hidden = config.hidden_size;
        MpnetSelfAttention {
            q: Dense::new(p / "q", hidden, hidden),
            k: Dense::new(p / "k", hidden, hidden),
            v: Dense::new(p / "v", hidden, hidden),
            o: Dense::new(p / "o", hidden, hidden),
            heads: config.num_attention_heads,
            dropout: config.attention_probs_dropout_prob,
        }
    }

    /// `[batch, width, hidden]` as `[batch, heads, width, head size]`.
    fn split_heads(&self, x: &Tensor) -> Tensor {
        let (batch, width, hidden) = x.size3().expect("hidden states are [batch, width, hidden]");
        x.view([batch, width, self.heads, hidden / self.heads]).transpose(1, 2)
    }

    /// `bias`: position bias plus padding mask, broadcastable to `[batch, heads, width, width]`.
    fn forward_t(&self, x: &Tensor, bias: &Tensor, train: bool) -> Tensor {
        let (batch, width, hidden) = x.size3().expect("hidden states are [batch, width, hidden]");
        let q = self.split_heads(&self.q.forward(x));
        let k = self.split_heads(&self.k.forward(x));
        let v = self.split_heads(&self.v.forward(x));
        let scale = 1.0 / ((hidden / self.heads) as f64).sqrt();
        let scores = q.matmul(&k.transpose(-1, -2)) * scale + bias;
        let probs = scores.softmax(-1, Kind::Float).dropout(self.dropout, train);
        let context = probs.matmul(&v).transpose(1, 2).contiguous().view([batch, width, hidden]);
        self.o.forward(&context)
    }

    /// Attention for reading packed inputs: `x` holds the tokens of several inputs one after
    /// another (`[tokens, hidden]`, no padding); the projections read them all at once, and each
    /// input (`lengths`, in order) attends over its own tokens with `bias[n]`, its position bias
    /// (`[1, heads, n, n]`), in the shapes an input read alone has.
    fn forward_packed(&self, x: &Tensor, lengths: &[i64], bias: &HashMap<i64, Tensor>) -> Tensor {
        let hidden = x.size()[1];
        let per_input = |dense: &Dense| dense.forward(x).split_with_sizes(lengths, 0);
        let (q, k, v) = (per_input(&self.q), per_input(&self.k), per_input(&self.v));
        let scale = 1.0 / ((hidden / self.heads) as f64).sqrt();
        let contexts: Vec<Tensor> = (0..lengths.len())
            .map(|i| {
                let heads = |t: &Tensor| self.split_heads(&t.unsqueeze(0));
                let scores = heads(&q[i]).matmul(&heads(&k[i]).transpose(-1, -2)) * scale + &bias[&lengths[i]];
                let context = scores.softmax(-1, Kind::Float).matmul(&heads(&v[i]));
                context.transpose(1, 2).contiguous().view([lengths[i], hidden])
            })
            .collect();
        self.o.forward(&Tensor::cat(&contexts, 0))
    }
}

/// One transformer layer: attention and feed-forward, each with a residual connection and a
/// layer norm after it.
struct MpnetLayer {
    attention: MpnetSelfAttention,
    attention_norm: nn::LayerNorm,
    intermediate: Dense,
    output: Dense,
    output_norm: nn::LayerNorm,
    dropout: f64,
}

impl MpnetLayer {
    fn new<'a>(p: impl Borrow<nn::Path<'a>>, config: &MpnetConfig) -> Self {
        let p = p.borrow();
        let (hidden, inner) = (config.hidden_size, config.intermediate_size);
        let norm = nn::LayerNormConfig { eps: config.layer_norm_eps, ..Default::default() };
        MpnetLayer {
            attention: MpnetSelfAttention::new(p / "attention" / "attn", config),
            attention_norm: nn::layer_norm(p / "attention" / "LayerNorm", vec![hidden], norm),
            intermediate: Dense::new(p / "intermediate" / "dense", hidden, inner),
            output: Dense::new(p / "output" / "dense", inner, hidden),
            output_norm: nn::layer_norm(p / "output" / "LayerNorm", vec![hidden], norm),
            dropout: config.hidden_dropout_prob,
        }
    }

    fn forward_t(&self, x: &Tensor, bias: &Tensor, train: bool) -> Tensor {
        let attended = self.attention.forward_t(x, bias, train).dropout(self.dropout, train);
        let x = (attended + x).apply(&self.attention_norm);
        let inner = self.intermediate.forward(&x).gelu("none");
        let out = self.output.forward(&inner).dropout(self.dropout, train);
        (out + x).apply(&self.output_norm)
    }

    /// The layer over packed inputs ([`MpnetSelfAttention::forward_packed`]), for reading.
    fn forward_packed(&self, x: &Tensor, lengths: &[i64], bias: &HashMap<i64, Tensor>) -> Tensor {
        let x = (self.attention.forward_packed(x, lengths, bias) + x).apply(&self.attention_norm);
        let inner = self.intermediate.forward(&x).gelu("none");
        (self.output.forward(&inner) + x).apply(&self.output_norm)
    }

    fn set_quantized(&mut self, on: bool) -> Result<(), TchError> {
        let attention = &mut self.attention;
        for dense in [
            &mut attention.q, &mut attention.k, &mut attention.v, &mut attention.o, &mut self.intermediate,
            &mut self.output,
        ] {
            dense.set_quantized(on)?;
        }
        Ok(())
    }
}

/// MPNet's encoder: the embeddings' output through the layers (no pooler).
pub struct MpnetModel {
    embeddings: MpnetEmbeddings,
    layers: Vec<MpnetLayer>,
    /// `[buckets, heads]`: the bias of each distance bucket, one table for all layers.
    relative_attention_bias: nn::Embedding,
    num_buckets: i64,
}

impl MpnetModel {
    /// A model with fresh weights under `p`, named as in the model file (`embeddings.…`,
    /// `encoder.layer.N.…`, `encoder.relative_attention_bias.weight`).
    pub fn new<'a>(p: impl Borrow<nn::Path<'a>>, config: &MpnetConfig) -> Self {
        let p = p.borrow();
        let encoder = p / "encoder";
        MpnetModel {
            embeddings: MpnetEmbeddings::new(p / "embeddings", config),
            layers: (0..config.num_hidden_layers).map(|i| MpnetLayer::new(&encoder / "layer" / i, config)).collect(),
            relative_attention_bias: nn::embedding(
                &encoder / "relative_attention_bias",
                config.relative_attention_num_buckets,
                config.num_attention_heads,
                Default::default(),
            ),
            num_buckets: config.relative_attention_num_buckets,
        }
    }

    /// Multiply the dense layers in 8 bits through FBGEMM from now on (`on`), or in floats
    /// again. CPU only, for reading: the 8-bit layers have no gradient. Call it after loading
    /// the weights, from which the 8-bit ones are made; the float weights are kept, so that
    /// `quantize(false)` can go back. An error where FBGEMM does not run (no AVX2), leaving
    /// the model in floats.
    pub fn quantize(&mut self, on: bool) -> Result<()> {
        let made = self.layers.iter_mut().try_for_each(|layer| layer.set_quantized(on));
        if let Err(e) = made {
            self.layers.iter_mut().for_each(|layer| layer.set_quantized(false).expect("floats need no FBGEMM"));
            bail!("cannot read MPNet in 8 bits here (FBGEMM needs a CPU with AVX2): {e}");
        }
        Ok(())
    }

    /// The last hidden states, `[batch, width, hidden]`, of `ids` (`[batch, width]`, padded
    /// with `pad_token_id`) whose `mask` is 1 on real tokens and 0 on padding; `train` turns
    /// dropout on.
    pub fn forward_t(&self, ids: &Tensor, mask: &Tensor, train: bool) -> Tensor {
        let hidden = self.embeddings.forward_t(ids, train);
        self.layers_t(&hidden, mask, 0..self.layers.len(), train)
    }

    /// The hidden states after the embeddings, `[batch, width, hidden]`.
    pub fn embeddings_t(&self, ids: &Tensor, train: bool) -> Tensor {
        self.embeddings.forward_t(ids, train)
    }

    /// `hidden` (the states before layer `layers.start`) through the layers of `layers`: with
    /// [`MpnetModel::embeddings_t`], the encoder in parts, so that the states of the lower layers
    /// can be kept and the upper ones trained over them.
    pub fn layers_t(&self, hidden: &Tensor, mask: &Tensor, layers: std::ops::Range<usize>, train: bool) -> Tensor {
        let width = hidden.size()[1];
        // [heads, width, width] of position bias, plus [batch, 1, 1, width] hiding padded keys.
        let position = self.position_bias(width, hidden.device());
        let padding = (mask.to_kind(Kind::Float) - 1.0).view([-1, 1, 1, width]) * MASK_PENALTY;
        let bias = position.unsqueeze(0) + padding;
        self.layers[layers].iter().fold(hidden.shallow_clone(), |x, layer| layer.forward_t(&x, &bias, train))
    }

    /// The mean of the last layer's token states of each input (`[inputs, hidden]`), for
    /// reading. The inputs' tokens go through the dense layers together, as one matrix with no
    /// padding, and each input attends over its own tokens alone: an input comes out as it does
    /// read alone, whatever it is read with, at the speed of a batch.
    pub fn pooled_packed(&self, inputs: &[Vec<i64>]) -> Tensor {
        let lengths: Vec<i64> = inputs.iter().map(|i| i.len() as i64).collect();
        let ids = Tensor::from_slice(&inputs.concat());
        let pad = self.embeddings.pad;
        let positions: Vec<i64> = lengths.iter().flat_map(|&n| pad + 1..pad + 1 + n).collect();
        let embedded =
            ids.apply(&self.embeddings.word) + Tensor::from_slice(&positions).apply(&self.embeddings.position);
        let mut bias = HashMap::new();
        for &n in &lengths {
            bias.entry(n).or_insert_with(|| self.position_bias(n, Device::Cpu).unsqueeze(0));
        }
        let states = self
            .layers
            .iter()
            .fold(embedded.apply(&self.embeddings.norm), |x, layer| layer.forward_packed(&x, &lengths, &bias));
        let pooled: Vec<Tensor> = states
            .split_with_sizes(&lengths, 0)
            .iter()
            .zip(&lengths)
            .map(|(one, &n)| mean_pool(&one.unsqueeze(0), &Tensor::ones([1, n], (Kind::Int64, Device::Cpu))))
            .collect();
        Tensor::cat(&pooled, 0)
    }

    /// The relative position bias of every query and key of an input `width` tokens long:
    /// `[heads, width, width]`.
    fn position_bias(&self, width: i64, device: Device) -> Tensor {
        relative_buckets(width, self.num_buckets, device).apply(&self.relative_attention_bias).permute([2, 0, 1])
    }

    /// How many layers the encoder has.
    pub fn num_layers(&self) -> usize {
        self.layers.len()
    }
}

/// The mean of each input's token states over its real tokens: `hidden` `[batch, width,
/// hidden]`, `mask` `[batch, width]` → `[batch, hidden]`. This is how sentence-transformers
/// reads a sentence embedding out of all-mpnet-base-v2 (which then scales it to unit length).
pub fn mean_pool(hidden: &Tensor, mask: &Tensor) -> Tensor {
    let weights = mask.to_kind(hidden.kind()).unsqueeze(-1);
    let summed = (hidden * &weights).sum_dim_intlist(1, false, hidden.kind());
    summed / weights.sum_dim_intlist(1, false, hidden.kind()).clamp_min(1e-9)
}

/// MPNet's tokenizer: BERT's lower-casing, accent-stripping WordPiece over `vocab.txt`, with
/// `<s>` and `</s>` around each input instead of `[CLS]` and `[SEP]`. rust_tokenizers 8 has no
/// MPNet tokenizer; its BERT tokenizer with MPNet's special tokens splits text the same way.
/// The model's `tokenizer.json` pads and truncates every input to 128 tokens: neither is used.
pub struct MpnetTokenizer {
    tokenizer: BertTokenizer,
    pad_id: i64,
}

/// MPNet's special tokens, as `tokenizer.json` lists them: only these are read as one token
/// where they appear in text (BERT's `[CLS]`, `[SEP]`, … are ordinary text here).
const SPECIAL_TOKENS: [&str; 6] = ["<s>", "<pad>", "</s>", "<unk>", "[UNK]", "<mask>"];

impl MpnetTokenizer {
    /// The tokenizer of `vocab` (`vocab.txt`: one token a line, in id order).
    pub fn from_file(vocab: &Path) -> Result<Self> {
        let mut v =
            BertVocab::from_file(vocab).with_context(|| format!("cannot read the vocabulary {}", vocab.display()))?;
        let id =
            |token: &str| v.values.get(token).copied().with_context(|| format!("{} has no {token}", vocab.display()));
        let specials: Vec<(String, i64)> =
            SPECIAL_TOKENS.iter().map(|t| Ok((t.to_string(), id(t)?))).collect::<Result<_>>()?;
        let pad_id = id("<pad>")?;
        let map = &mut v.special_token_map;
        map.pad_token = Some("<pad>".into());
        map.cls_token = Some("<s>".into());
        map.bos_token = Some("<s>".into());
        map.sep_token = Some("</s>".into());
        map.eos_token = Some("</s>".into());
        map.mask_token = Some("<mask>".into());
        v.special_indices = specials.iter().map(|(t, i)| (*i, t.clone())).collect();
        v.special_values = specials.into_iter().collect();
        Ok(MpnetTokenizer { tokenizer: BertTokenizer::from_existing_vocab(v, true, true), pad_id })
    }

    /// The id of `<pad>`, with which [`MpnetTokenizer::batch`] pads.
    pub fn pad_id(&self) -> i64 {
        self.pad_id
    }

    /// The ids of `text`, `<s>` and `</s>` included, cut to at most `max_len` ids.
    pub fn encode(&self, text: &str, max_len: usize) -> Vec<i64> {
        self.tokenizer.encode(text, None, max_len, &TruncationStrategy::LongestFirst, 0).token_ids
    }

    /// The ids of a pair as MPNet reads one, `<s> first </s></s> second </s>`, at most `max_len`
    /// ids: `second` loses its beginning first (for a quote after its context, the context),
    /// then `first` its end.
    pub fn encode_pair(&self, first: &str, second: &str, max_len: usize) -> Vec<i64> {
        let first = self.encode(first, max_len.saturating_sub(4).max(3) / 2 + 2);
        let second = self.encode(second, usize::MAX);
        let room = max_len.saturating_sub(first.len()).max(3);
        // `second` without its `<s>`, then its last `room - 2` tokens after `</s>`.
        let body = &second[1..second.len().saturating_sub(1).max(1)];
        let kept = &body[body.len().saturating_sub(room - 2)..];
        let end = *second.last().expect("an encoding has </s>");
        first.iter().copied().chain([end]).chain(kept.iter().copied()).chain([end]).collect()
    }

    /// Inputs of ids padded on the right into `ids` and `mask` tensors (`[batch, width]`).
    pub fn batch(&self, inputs: &[Vec<i64>], device: Device) -> (Tensor, Tensor) {
        let width = inputs.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let mut ids = Vec::with_capacity(inputs.len() * width);
        let mut mask = Vec::with_capacity(inputs.len() * width);
        for input in inputs {
            let padding = width - input.len();
            ids.extend(input.iter().copied().chain(std::iter::repeat_n(self.pad_id, padding)));
            mask.extend(std::iter::repeat_n(1i64, input.len()).chain(std::iter::repeat_n(0, padding)));
        }
        let shape = [inputs.len() as i64, width as i64];
        (
            Tensor::from_slice(&ids).view(shape).to_device(device),
            Tensor::from_slice(&mask).view(shape).to_device(device),
        )
    }
}

/// An MPNet model loaded from a directory for reading: configuration, tokenizer and weights.
pub struct Mpnet {
    pub config: MpnetConfig,
    pub tokenizer: MpnetTokenizer,
    pub model: MpnetModel,
    /// Holds the weights; frozen, as this is for reading.
    pub vs: nn::VarStore,
}

impl Mpnet {
    /// Load `dir/config.json`, `dir/vocab.txt` and `dir/model.safetensors` (all of whose
    /// variables must be in the file) onto `device`.
    pub fn load(dir: &Path, device: Device) -> Result<Self> {
        let config = MpnetConfig::from_file(&dir.join("config.json"))?;
        let tokenizer = MpnetTokenizer::from_file(&dir.join("vocab.txt"))?;
        let mut vs = nn::VarStore::new(device);
        let model = MpnetModel::new(vs.root(), &config);
        let weights = dir.join("model.safetensors");
        vs.load(&weights).with_context(|| format!("cannot load the MPNet weights in {}", weights.display()))?;
        vs.freeze();
        Ok(Mpnet { config, tokenizer, model, vs })
    }

    /// Read the dense layers in 8 bits (`on`) or floats from now on: see [`MpnetModel::quantize`].
    /// An error, leaving floats, off the CPU or where FBGEMM does not run.
    pub fn quantize(&mut self, on: bool) -> Result<()> {
        if on && (self.vs.device() != Device::Cpu || !int8_supported()) {
            bail!("8-bit MPNet needs the CPU and FBGEMM (a CPU with AVX2)");
        }
        self.model.quantize(on)
    }

    /// Read the dense layers in 8 bits for good: [`Mpnet::quantize`], then let go of the float
    /// copies of their weights (about 340 MB of all-mpnet-base-v2's 440), which only going back
    /// to floats would need; after this the model cannot read in floats or be trained.
    pub fn quantize_for_reading(&mut self) -> Result<()> {
        self.quantize(true)?;
        let empty = Tensor::empty([0], (Kind::Float, self.vs.device()));
        for (name, mut tensor) in self.vs.variables() {
            if name.starts_with("encoder.layer.") && name.ends_with(".weight") && !name.contains("LayerNorm") {
                tch::no_grad(|| tensor.set_data(&empty));
            }
        }
        Ok(())
    }

    /// Sentence embeddings of `texts` as sentence-transformers computes them for
    /// all-mpnet-base-v2: mean of the token states, scaled to unit length (`[texts, hidden]`).
    pub fn embed(&self, texts: &[&str]) -> Tensor {
        let max_len = SENTENCE_MAX_LEN.min(self.config.max_len());
        let ids: Vec<Vec<i64>> = texts.iter().map(|t| self.tokenizer.encode(t, max_len)).collect();
        let (ids, mask) = self.tokenizer.batch(&ids, self.vs.device());
        let pooled = tch::no_grad(|| mean_pool(&self.model.forward_t(&ids, &mask, false), &mask));
        let norm = pooled.norm_scalaropt_dim(2, [1i64].as_slice(), true).clamp_min(1e-12);
        pooled / norm
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_match_hugging_face() {
        // Values of Hugging Face's relative_position_bucket(key - query) for 32 buckets.
        let expected = [
            (0, 0),
            (-1, 1),
            (1, 17),
            (-7, 7),
            (-8, 8),
            (-15, 9),
            (-16, 10),
            (-31, 11),
            (-32, 12),
            (-63, 13),
            (-64, 14),
            (-127, 15),
            (-128, 15),
            (-1000, 15),
            (16, 26),
            (1000, 31),
        ];
        for (relative, bucket) in expected {
            assert_eq!(relative_position_bucket(relative, 32), bucket, "distance {relative}");
        }
    }

    #[test]
    fn positions_start_after_padding() {
        let ids = Tensor::from_slice(&[0i64, 7, 2, 1, 1, 0, 2, 1, 1, 1]).view([2, 5]);
        let positions = position_ids(&ids, 1);
        assert_eq!(Vec::<i64>::try_from(positions.view([-1])).unwrap(), [2, 3, 4, 1, 1, 2, 3, 1, 1, 1]);
    }

    /// Whether FBGEMM runs on this CPU: decided from the CPU, not by [`int8_supported`], whose
    /// probe would skip the very failures these tests look for.
    fn fbgemm_cpu() -> bool {
        #[cfg(target_arch = "x86_64")]
        return std::is_x86_feature_detected!("avx2");
        #[cfg(not(target_arch = "x86_64"))]
        return false;
    }

    /// An input whose 8-bit values are all near 255, times weights all at the top of their
    /// range: the case where FBGEMM's 16-bit pair sums saturate without VNNI.
    #[test]
    fn int8_linear_does_not_saturate() {
        if !fbgemm_cpu() {
            eprintln!("skipped: FBGEMM needs AVX2");
            return;
        }
        // Token i is (-c, c, c, …) with c = i + 1: mapped onto [-1, 1] and rounded, all but its
        // first value become 255. Weights ±0.5 become ±64, the most an 8-bit weight holds here.
        let c = Tensor::arange_start(1, 5, (Kind::Float, Device::Cpu)).unsqueeze(1);
        let x = Tensor::ones([4, 64], (Kind::Float, Device::Cpu)) * &c;
        let _ = x.narrow(1, 0, 1).g_mul_scalar_(-1.0);
        let signs = Tensor::from_slice(&[0.5f32, -0.5]).repeat([32]).unsqueeze(1);
        let w = Tensor::ones([64, 64], (Kind::Float, Device::Cpu)) * signs;
        let bias = Tensor::arange(64, (Kind::Float, Device::Cpu));
        let out = Int8Linear::new(&w, &bias).unwrap().forward(&x);
        let exact = x.linear(&w, Some(&bias));
        let error = f64::try_from((out - &exact).abs().max()).unwrap();
        let largest = f64::try_from(exact.abs().max()).unwrap();
        // Rounding the input to 8 bits costs well under 1%; saturation (±127) cost two thirds.
        assert!(error < 0.01 * largest, "8-bit linear off by {error} (exact values up to {largest})");
    }

    /// FBGEMM picks its kernels once per process, from `FBGEMM_ENABLE_INSTRUCTIONS` or the CPU:
    /// run [`int8_linear_does_not_saturate`] again in processes held to AVX2 and to AVX-512
    /// without VNNI, whose kernels saturate (on a CPU that lacks one, FBGEMM uses what it has).
    #[test]
    fn int8_linear_on_older_instruction_sets() {
        let test = ["--exact", "mpnet::tests::int8_linear_does_not_saturate"];
        crate::rerun::under_each("FBGEMM_ENABLE_INSTRUCTIONS", &["AVX2", "AVX512"], &test, 1);
    }

    #[test]
    fn mean_pool_skips_padding() {
        let hidden = Tensor::from_slice(&[1f32, 2., 3., 100.]).view([1, 4, 1]);
        let mask = Tensor::from_slice(&[1i64, 1, 1, 0]).view([1, 4]);
        assert_eq!(f64::try_from(mean_pool(&hidden, &mask).view([-1])).unwrap(), 2.0);
    }
}
