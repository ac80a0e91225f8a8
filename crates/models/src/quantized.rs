//! A BERT encoder for reading on the CPU whose dense layers multiply in 8-bit integers.
//!
//! The shipped encoders store each weight matrix as 8-bit integers with a scale per row (see
//! [`crate::pooled::compact`]); read in full precision, those integers are widened to floats and
//! multiplied in 32 bits. Here they stay 8-bit, each token's activations are rounded to 8 bits
//! with a scale of their own as they reach a dense layer, and libtorch multiplies the integers.
//! The weights lose nothing more than they lost when stored; only the activations are rounded,
//! each token on its own, so that a window's result never depends on the windows read with it.
//!
//! Embeddings, attention, layer norms and GELU stay in 32-bit floats, as rust-bert's
//! `BertModel` computes them, from the same variable store.

use anyhow::{bail, Context, Result};
use rust_bert::bert::{BertConfig, BertEmbeddings, BertModel};
use std::collections::HashMap;
use tch::{nn, Kind, Tensor};

/// Layer norm epsilon of BERT (rust-bert's and Hugging Face's).
const LAYER_NORM_EPS: f64 = 1e-12;

/// The BERT encoder of a quotelens model: rust-bert's `BertModel` (no pooler), which training
/// uses, read in floats until [`Encoder::quantize`] switches reading to a [`QuantizedEncoder`]
/// built from the same weights.
pub struct Encoder {
    bert: BertModel<BertEmbeddings>,
    /// Where the encoder's tensors are named in the variable store (`bert`).
    prefix: String,
    quantized: Option<QuantizedEncoder>,
}

impl Encoder {
    /// An encoder with fresh weights under `p`.
    pub fn new(p: nn::Path, config: &BertConfig) -> Self {
        let prefix = p.components().collect::<Vec<_>>().join(".");
        Encoder { bert: BertModel::new_with_optional_pooler(p, config, false), prefix, quantized: None }
    }

    /// Read with the dense layers in 8 bits from now on, from the weights loaded in `vs` (see
    /// [`QuantizedEncoder::from_variables`] for `output_in_floats`).
    ///
    /// This is for reading only: the float encoder's tensors in `vs` are emptied, so that a
    /// model read in 8 bits does not also hold its weights in 32 (about 40 MB for the shipped
    /// encoders). What the 8-bit encoder still reads in floats (embeddings, layer norms, dense
    /// layers kept in floats) it holds through handles of its own, so those are kept.
    pub fn quantize(&mut self, vs: &nn::VarStore, config: &BertConfig, output_in_floats: bool) -> Result<()> {
        let variables = vs.variables();
        self.quantized = Some(QuantizedEncoder::from_variables(&variables, &self.prefix, config, output_in_floats)?);
        let ours = format!("{}.", self.prefix);
        let empty = Tensor::empty([0], (Kind::Float, vs.device()));
        for (_, mut tensor) in variables.into_iter().filter(|(name, _)| name.starts_with(&ours)) {
            tch::no_grad(|| tensor.set_data(&empty.to_kind(tensor.kind())));
        }
        Ok(())
    }

    /// Whether reading goes through the 8-bit encoder.
    pub fn is_quantized(&self) -> bool {
        self.quantized.is_some()
    }

    /// The last hidden states (`[batch, width, hidden]`) of a batch of ids, attention mask and
    /// token types; `train` reads in floats with dropout, which an encoder read in 8 bits can
    /// no longer do.
    pub fn forward_t(&self, ids: &Tensor, mask: &Tensor, types: &Tensor, train: bool) -> Tensor {
        match (&self.quantized, train) {
            (Some(encoder), false) => encoder.forward(ids, mask, types),
            (Some(_), true) => panic!("an encoder read in 8 bits has let go of its float weights and cannot be trained: load the model in full precision to train it"),
            (None, _) => self.bert.forward_t(Some(ids), Some(mask), Some(types), None, None, None, None, train).expect("the encoder takes ids, mask and token types").hidden_state,
        }
    }
}

/// A dense layer: its weight held as 8-bit integers with one scale per output row, or in floats
/// where 8 bits would round its inputs too coarsely.
enum Dense {
    Int8 {
        /// `[in, out]`: the transposed integer weight, as the integer product takes it.
        weight: Tensor,
        /// `[out]`: each output row's scale.
        scale: Tensor,
        bias: Tensor,
    },
    Float {
        weight: Tensor,
        bias: Tensor,
    },
}

/// The largest weight magnitude in integers: 127 where libtorch's integer product is exact, 64
/// where it is not. On CPUs without AVX-512 VNNI, oneDNN's product shifts each 8-bit activation
/// into 0..=255 and sums two products at a time in 16 bits with saturation (AVX2's
/// `vpmaddubsw`): with weights up to 127 a pair can reach 64,770 and is clipped to 32,767, which
/// made the 8-bit encoder wrong on AVX2-only machines. With weights up to 64 a pair stays within
/// 2 · 255 · 64 = 32,640 and the product is exact. Measured once, by [`product_saturates`].
fn weight_levels() -> f64 {
    static LEVELS: std::sync::OnceLock<f64> = std::sync::OnceLock::new();
    *LEVELS.get_or_init(|| if product_saturates() { 64.0 } else { 127.0 })
}

/// Whether the integer product clips pair sums: 127 · 127 summed over 8 terms is 129,032; a
/// kernel that saturates 16-bit pair sums returns something else.
pub fn product_saturates() -> bool {
    let a = Tensor::full([2, 8], 127, (Kind::Int8, tch::Device::Cpu));
    let w = Tensor::full([8, 8], 127, (Kind::Int8, tch::Device::Cpu));
    a.f_internal_int_mm(&w).map_or(true, |p| p.int64_value(&[0, 0]) != 8 * 127 * 127)
}

/// The largest activation magnitude in integers: the full 8 bits.
const ACTIVATION_LEVELS: f64 = 127.0;

impl Dense {
    /// Quantize `weight` (`[out, in]`) row by row: each row's largest magnitude maps to
    /// [`weight_levels`].
    fn int8(weight: &Tensor, bias: &Tensor) -> Self {
        let (q, scale) = quantize_rows(weight, weight_levels());
        Dense::Int8 { weight: q.transpose(0, 1).contiguous(), scale: scale.squeeze_dim(1), bias: bias.shallow_clone() }
    }

    /// [`Dense::forward`] over packed windows (`x`: the rows of the windows of `lengths`, one
    /// after another). In 8 bits, all rows at once: each row's result is exact whatever rows
    /// come with it. In floats, window by window, because a float product's rounding depends on
    /// how many rows it multiplies, and a window must come out the same whatever it is read with.
    fn forward_packed(&self, x: &Tensor, lengths: &[i64]) -> Tensor {
        match self {
            Dense::Int8 { .. } => self.forward(x),
            Dense::Float { .. } => {
                let windows: Vec<Tensor> = x.split_with_sizes(lengths, 0).iter().map(|w| self.forward(w)).collect();
                Tensor::cat(&windows, 0)
            }
        }
    }

    /// `x · weightᵀ + bias` for a matrix `x` of rows; in 8 bits, each row is quantized on its own.
    fn forward(&self, x: &Tensor) -> Tensor {
        match self {
            Dense::Float { weight, bias } => x.linear(weight, Some(bias)),
            Dense::Int8 { weight, scale: weight_scale, bias } => {
                let (q, scale) = quantize_rows(x, ACTIVATION_LEVELS);
                // The integer product, in units of each input row's scale times each weight row's.
                let mut product = q.internal_int_mm(weight).to_kind(Kind::Float);
                product *= &scale;
                product *= weight_scale;
                product += bias;
                product
            }
        }
    }
}

/// Each row of `x` as 8-bit integers and the row's scale (`[rows, 1]`): the row's largest
/// magnitude maps to `levels`.
fn quantize_rows(x: &Tensor, levels: f64) -> (Tensor, Tensor) {
    let scale = (x.abs().amax([1], true) / levels).clamp_min(1e-12);
    ((x / &scale).round().to_kind(Kind::Int8), scale)
}

/// Weight and bias of a layer norm.
struct Norm {
    weight: Tensor,
    bias: Tensor,
}

impl Norm {
    fn forward(&self, x: &Tensor) -> Tensor {
        let width = *x.size().last().expect("hidden states have a last dimension");
        x.layer_norm([width], Some(&self.weight), Some(&self.bias), LAYER_NORM_EPS, false)
    }
}

/// One transformer layer.
struct Layer {
    /// Query, key and value in one product: `[hidden, 3 × hidden]`.
    query_key_value: Dense,
    attention_out: Dense,
    attention_norm: Norm,
    intermediate: Dense,
    output: Dense,
    output_norm: Norm,
}

/// A BERT encoder (embeddings and transformer layers, no pooler) with 8-bit dense layers.
pub struct QuantizedEncoder {
    word: Tensor,
    position: Tensor,
    token_type: Tensor,
    embedding_norm: Norm,
    layers: Vec<Layer>,
    heads: i64,
}

impl QuantizedEncoder {
    /// Whether a model on `device` should read through this encoder: on a CPU whose libtorch
    /// multiplies 8-bit integers, unless the caller asks for full precision. (A GPU reads
    /// floats fast.)
    pub fn wanted(device: tch::Device, full_precision: bool) -> bool {
        device == tch::Device::Cpu && !full_precision && Self::supported()
    }

    /// Whether this machine's libtorch multiplies 8-bit integer matrices, and gets it right.
    pub fn supported() -> bool {
        let probe = Tensor::ones([2, 8], (Kind::Int8, tch::Device::Cpu));
        probe.f_internal_int_mm(&probe.transpose(0, 1).contiguous()).is_ok_and(|p| p.int64_value(&[0, 0]) == 8)
    }

    /// Build the encoder from the float tensors of a loaded BERT, named as in Hugging Face's
    /// `BertModel` under `prefix` (`bert` in `bert.embeddings.word_embeddings.weight`).
    ///
    /// With `output_in_floats`, each layer's last dense layer, which reads the GELU's output,
    /// stays in floats: those activations have a few large values per token, so a scale set by
    /// the largest rounds the rest coarsely. For the stance model that kept VAST dev macro-F1 at
    /// 0.679 (0.680 in floats, 0.675 with it in 8 bits) at 1.5 times the speed of floats instead
    /// of 1.9; for the attribution tagger it changed no PolNeAR dev score by more than 0.2
    /// points, so the tagger reads it in 8 bits too.
    pub fn from_variables(
        variables: &HashMap<String, Tensor>,
        prefix: &str,
        config: &BertConfig,
        output_in_floats: bool,
    ) -> Result<Self> {
        let get = |name: &str| float_tensor(variables, &format!("{prefix}.{name}"));
        // Several layers reading the same input (query, key, value) become one product.
        let dense = |names: &[&str]| -> Result<Dense> {
            let part = |suffix: &str| -> Result<Tensor> {
                Ok(Tensor::cat(&names.iter().map(|n| get(&format!("{n}.{suffix}"))).collect::<Result<Vec<_>>>()?, 0))
            };
            Ok(Dense::int8(&part("weight")?, &part("bias")?))
        };
        let float = |name: &str| float_dense(variables, &format!("{prefix}.{name}"));
        let norm = |name: &str| -> Result<Norm> {
            Ok(Norm { weight: get(&format!("{name}.weight"))?, bias: get(&format!("{name}.bias"))? })
        };
        if config.hidden_size % config.num_attention_heads != 0 {
            bail!(
                "a hidden size of {} does not split into {} attention heads",
                config.hidden_size,
                config.num_attention_heads
            );
        }
        let layers = (0..config.num_hidden_layers)
            .map(|i| -> Result<Layer> {
                let at = |part: &str| format!("encoder.layer.{i}.{part}");
                Ok(Layer {
                    query_key_value: dense(&[
                        &at("attention.self.query"),
                        &at("attention.self.key"),
                        &at("attention.self.value"),
                    ])?,
                    attention_out: dense(&[&at("attention.output.dense")])?,
                    attention_norm: norm(&at("attention.output.LayerNorm"))?,
                    intermediate: dense(&[&at("intermediate.dense")])?,
                    output: if output_in_floats { float(&at("output.dense"))? } else { dense(&[&at("output.dense")])? },
                    output_norm: norm(&at("output.LayerNorm"))?,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(QuantizedEncoder {
            word: get("embeddings.word_embeddings.weight")?,
            position: get("embeddings.position_embeddings.weight")?,
            token_type: get("embeddings.token_type_embeddings.weight")?,
            embedding_norm: norm("embeddings.LayerNorm")?,
            layers,
            heads: config.num_attention_heads,
        })
    }

    /// The last hidden states (`[batch, width, hidden]`) of a batch of ids, attention mask (1 for
    /// a real token, all before any padding) and token types, each `[batch, width]`; padding
    /// positions come out as zeros.
    ///
    /// Windows are read in packs of up to [`PACK_TOKENS`] tokens: a pack's tokens go through
    /// the dense layers together, as one matrix with no padding, and each window attends over
    /// its own tokens alone. No work goes into padding, attention needs no mask, and a window
    /// comes out as it does read alone, whatever it is read with.
    pub fn forward(&self, ids: &Tensor, mask: &Tensor, types: &Tensor) -> Tensor {
        let width = mask.size()[1];
        let lengths = Vec::<i64>::try_from(mask.sum_dim_intlist(1, false, Kind::Int64))
            .expect("lengths are a 1-d integer tensor");
        let mut rows = Vec::with_capacity(lengths.len());
        let mut first = 0;
        for pack in packs(&lengths, pack_tokens()) {
            let states = self.forward_pack(ids, types, first, pack);
            for (window, &n) in states.split_with_sizes(pack, 0).iter().zip(pack) {
                rows.push(window.constant_pad_nd([0, 0, 0, width - n]));
            }
            first += pack.len() as i64;
        }
        Tensor::stack(&rows, 0)
    }

    /// The last hidden states of the rows `first..` of a batch whose lengths are `lengths`,
    /// packed: `[tokens, hidden]`, one window after another.
    fn forward_pack(&self, ids: &Tensor, types: &Tensor, first: i64, lengths: &[i64]) -> Tensor {
        let unpadded = |t: &Tensor| {
            let rows: Vec<Tensor> =
                lengths.iter().enumerate().map(|(i, &n)| t.get(first + i as i64).narrow(0, 0, n)).collect();
            Tensor::cat(&rows, 0)
        };
        let positions: Vec<i64> = lengths.iter().flat_map(|&n| 0..n).collect();
        let positions = Tensor::from_slice(&positions).to_device(ids.device());
        let embedded = self.word.index_select(0, &unpadded(ids))
            + self.position.index_select(0, &positions)
            + self.token_type.index_select(0, &unpadded(types));
        self.layers
            .iter()
            .fold(self.embedding_norm.forward(&embedded), |x, layer| layer.forward_packed(&x, lengths, self.heads))
    }
}

/// Tokens per pack of windows read together (`QUOTELENS_PACK_TOKENS` overrides, for
/// measuring). Measured on PolNeAR dev (2 cores, AVX-512 VNNI): quotes read alone for sentiment
/// (about 35 tokens) went 1.45 times faster in packs of 512 tokens; the tagger's windows of
/// 256 went slower in any pack (10% at 512, twice as slow at 2048): libtorch's 8-bit product
/// slows on many rows. So only windows under a quarter of the budget are packed.
const PACK_TOKENS: i64 = 512;

fn pack_tokens() -> i64 {
    std::env::var("QUOTELENS_PACK_TOKENS").ok().and_then(|v| v.parse().ok()).unwrap_or(PACK_TOKENS)
}

/// `lengths` cut into runs of consecutive windows of at most `budget` tokens together; a
/// window of a quarter of the budget or more is read alone.
fn packs(lengths: &[i64], budget: i64) -> Vec<&[i64]> {
    let mut out = Vec::new();
    let (mut start, mut tokens) = (0, 0);
    let alone = |n: i64| 4 * n >= budget;
    for (i, &n) in lengths.iter().enumerate() {
        if i > start && (tokens + n > budget || alone(n) || alone(lengths[i - 1])) {
            out.push(&lengths[start..i]);
            (start, tokens) = (i, 0);
        }
        tokens += n;
    }
    if start < lengths.len() {
        out.push(&lengths[start..]);
    }
    out
}

impl Layer {
    /// Packed windows' states (`[tokens, hidden]`, the windows of `lengths` one after another)
    /// through the layer: the dense layers read every token at once, attention each window
    /// alone.
    fn forward_packed(&self, x: &Tensor, lengths: &[i64], heads: i64) -> Tensor {
        let hidden = x.size()[1];
        let projected = self.query_key_value.forward_packed(x, lengths);
        let contexts: Vec<Tensor> =
            projected.split_with_sizes(lengths, 0).iter().map(|window| attend(window, hidden, heads)).collect();
        let context = Tensor::cat(&contexts, 0);
        let attended = self.attention_norm.forward(&(self.attention_out.forward_packed(&context, lengths) + x));
        let inner = self.intermediate.forward_packed(&attended, lengths).gelu("none");
        self.output_norm.forward(&(self.output.forward_packed(&inner, lengths) + attended))
    }
}

/// One window's attention context, `[width, hidden]`, from its query, key and value
/// projections side by side (`[width, 3 × hidden]`).
fn attend(projected: &Tensor, hidden: i64, heads: i64) -> Tensor {
    let width = projected.size()[0];
    let size = hidden / heads;
    let split = |t: &Tensor| t.contiguous().view([width, heads, size]).transpose(0, 1);
    let parts = projected.split(hidden, 1);
    // The window has no padding to mask; tch passes "no mask" to libtorch's fused attention in
    // a form libtorch 2.4 refuses, so the mask is zeros.
    let no_mask = Tensor::zeros([1, width], (Kind::Float, projected.device()));
    // libtorch's fused attention: scores, softmax and weighted sum in one pass.
    let context = Tensor::scaled_dot_product_attention(
        &split(&parts[0]),
        &split(&parts[1]),
        &split(&parts[2]),
        Some(&no_mask),
        0.0,
        false,
        1.0 / (size as f64).sqrt(),
    );
    context.transpose(0, 1).contiguous().view([width, hidden])
}

/// Hugging Face's `BertForSequenceClassification` read through the 8-bit encoder: the `[CLS]`
/// state through the pooler (dense, tanh), then the linear classifier.
pub struct QuantizedClsClassifier {
    encoder: QuantizedEncoder,
    pooler: Dense,
    classifier: Dense,
}

impl QuantizedClsClassifier {
    /// Build from float tensors named as Hugging Face names them (`bert.…`,
    /// `bert.pooler.dense.…`, `classifier.…`).
    pub fn from_variables(
        variables: &HashMap<String, Tensor>,
        config: &BertConfig,
        output_in_floats: bool,
    ) -> Result<Self> {
        Ok(QuantizedClsClassifier {
            encoder: QuantizedEncoder::from_variables(variables, "bert", config, output_in_floats)?,
            pooler: float_dense(variables, "bert.pooler.dense")?,
            classifier: float_dense(variables, "classifier")?,
        })
    }

    /// Logits, `[batch, labels]`, of a batch of ids, attention mask and token types.
    pub fn forward(&self, ids: &Tensor, mask: &Tensor, types: &Tensor) -> Tensor {
        let first = self.encoder.forward(ids, mask, types).select(1, 0);
        self.classifier.forward(&self.pooler.forward(&first).tanh())
    }
}

/// The tensor `name` of `variables`, in floats.
fn float_tensor(variables: &HashMap<String, Tensor>, name: &str) -> Result<Tensor> {
    variables
        .get(name)
        .map(|t| t.detach().to_kind(Kind::Float))
        .with_context(|| format!("the model has no tensor {name}"))
}

/// The dense layer `name` (`name.weight`, `name.bias`) of `variables`, in floats.
fn float_dense(variables: &HashMap<String, Tensor>, name: &str) -> Result<Dense> {
    Ok(Dense::Float {
        weight: float_tensor(variables, &format!("{name}.weight"))?,
        bias: float_tensor(variables, &format!("{name}.bias"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_bert::bert::{BertEmbeddings, BertModel};
    use tch::{nn, Device};

    #[test]
    fn short_windows_are_packed_up_to_the_budget_and_long_ones_read_alone() {
        let lengths = [30, 40, 50, 200, 20, 20, 128, 10];
        let packed = packs(&lengths, 512);
        assert_eq!(packed, vec![&[30, 40, 50][..], &[200][..], &[20, 20][..], &[128][..], &[10][..]]);
        let full = [100; 6];
        assert_eq!(packs(&full, 512), vec![&full[..5], &full[5..]]);
        assert_eq!(packs(&[], 512), Vec::<&[i64]>::new());
    }

    /// libtorch's random generator is one for the process and tests run on several threads:
    /// a test that draws weights holds this while it does, so that its seed gives its weights.
    static RANDOM_WEIGHTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

    fn random_weights() -> std::sync::MutexGuard<'static, ()> {
        RANDOM_WEIGHTS.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn tiny_bert() -> (nn::VarStore, BertConfig, BertModel<BertEmbeddings>) {
        let config: BertConfig = serde_json::from_value(serde_json::json!({
            "hidden_act": "gelu", "attention_probs_dropout_prob": 0.0, "hidden_dropout_prob": 0.0,
            "hidden_size": 32, "initializer_range": 0.2, "intermediate_size": 64,
            "max_position_embeddings": 64, "num_attention_heads": 4, "num_hidden_layers": 2,
            "type_vocab_size": 2, "vocab_size": 50
        }))
        .unwrap();
        tch::manual_seed(3);
        let vs = nn::VarStore::new(Device::Cpu);
        let bert = BertModel::new_with_optional_pooler(vs.root() / "bert", &config, false);
        (vs, config, bert)
    }

    #[test]
    fn an_8_bit_encoder_reads_as_the_float_one_does_whatever_it_is_read_with() {
        if !QuantizedEncoder::supported() {
            eprintln!("this libtorch does not multiply 8-bit integers; nothing to compare");
            return;
        }
        let _random = random_weights();
        let (vs, config, bert) = tiny_bert();
        let encoder = QuantizedEncoder::from_variables(&vs.variables(), "bert", &config, false).unwrap();
        // Two windows in one batch, the second padded after six tokens.
        let ids = Tensor::from_slice(&[2i64, 7, 9, 11, 13, 17, 19, 23, 29, 3, 2, 31, 37, 41, 43, 3, 0, 0, 0, 0])
            .view([2, 10]);
        let mask = Tensor::from_slice(&[1i64, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0]).view([2, 10]);
        let types = Tensor::zeros([2, 10], (Kind::Int64, Device::Cpu));
        let float = tch::no_grad(|| {
            bert.forward_t(Some(&ids), Some(&mask), Some(&types), None, None, None, None, false).unwrap().hidden_state
        });
        let eight = tch::no_grad(|| encoder.forward(&ids, &mask, &types));
        for (row, n) in [(0, 10), (1, 6)] {
            let (a, b) = (float.get(row).narrow(0, 0, n), eight.get(row).narrow(0, 0, n));
            let error = (&a - &b).norm().double_value(&[]) / a.norm().double_value(&[]);
            assert!(error < 0.05, "window {row}: relative error {error}");
        }
        assert_eq!(eight.get(1).narrow(0, 6, 4).abs().max().double_value(&[]), 0.0, "padding comes out as zeros");
        // With the layer after GELU in floats, closer still: over eight windows, as on a single
        // one rounding can go either way (it did for one window with AVX2's 6-bit weights).
        let mixed = QuantizedEncoder::from_variables(&vs.variables(), "bert", &config, true).unwrap();
        let many = Tensor::randint_low(4, 50, [8, 12], (Kind::Int64, Device::Cpu));
        let (all, no_types) =
            (Tensor::ones([8, 12], (Kind::Int64, Device::Cpu)), Tensor::zeros([8, 12], (Kind::Int64, Device::Cpu)));
        let reference = tch::no_grad(|| {
            bert.forward_t(Some(&many), Some(&all), Some(&no_types), None, None, None, None, false)
                .unwrap()
                .hidden_state
        });
        let error = |e: &QuantizedEncoder| {
            (tch::no_grad(|| e.forward(&many, &all, &no_types)) - &reference).norm().double_value(&[])
        };
        assert!(error(&mixed) < error(&encoder), "{} against {}", error(&mixed), error(&encoder));
        // Read alone, the second window comes out exactly as it did beside the first.
        let alone = tch::no_grad(|| {
            encoder.forward(
                &ids.narrow(0, 1, 1).narrow(1, 0, 6),
                &mask.narrow(0, 1, 1).narrow(1, 0, 6),
                &types.narrow(0, 1, 1).narrow(1, 0, 6),
            )
        });
        assert!(
            alone.get(0).equal(&eight.get(1).narrow(0, 0, 6)),
            "a window's result does not depend on the windows read with it"
        );
    }

    /// oneDNN picks its integer kernels once per process, from `ONEDNN_MAX_CPU_ISA` or the CPU:
    /// run the tests above again in processes held to AVX2 and to AVX-512 without VNNI, whose
    /// kernels sum pairs of products in 16 bits (the CPUs where 8-bit reading once went wrong).
    #[test]
    fn eight_bit_reading_on_older_instruction_sets() {
        crate::rerun::under_each("ONEDNN_MAX_CPU_ISA", &["AVX2", "AVX512_CORE"], &["quantized::tests::an_"], 3);
    }

    #[test]
    fn an_encoder_read_in_8_bits_lets_go_of_its_float_weights_and_reads_the_same() {
        if !QuantizedEncoder::supported() {
            return;
        }
        let _random = random_weights();
        let (_, config, _) = tiny_bert();
        let vs = nn::VarStore::new(Device::Cpu);
        let mut encoder = Encoder::new(vs.root() / "bert", &config);
        let reference = QuantizedEncoder::from_variables(&vs.variables(), "bert", &config, true).unwrap();
        let ids = Tensor::from_slice(&[2i64, 7, 9, 11, 13, 3]).view([1, 6]);
        let mask = Tensor::ones([1, 6], (Kind::Int64, Device::Cpu));
        let types = Tensor::zeros([1, 6], (Kind::Int64, Device::Cpu));
        let float_values = |vs: &nn::VarStore| vs.variables().values().map(|t| t.numel()).sum::<usize>();
        assert!(float_values(&vs) > 0);
        encoder.quantize(&vs, &config, true).unwrap();
        assert_eq!(float_values(&vs), 0, "the float encoder's tensors are emptied");
        let expected = tch::no_grad(|| reference.forward(&ids, &mask, &types));
        let got = tch::no_grad(|| encoder.forward_t(&ids, &mask, &types, false));
        assert!(
            got.equal(&expected),
            "the 8-bit encoder still reads what it read before the float tensors were emptied"
        );
    }

    #[test]
    fn an_8_bit_sequence_classifier_gives_the_float_ones_logits() {
        if !QuantizedEncoder::supported() {
            return;
        }
        let _random = random_weights();
        let (_, mut config, _) = tiny_bert();
        config.id2label =
            Some([(0, "a".to_string()), (1, "b".to_string()), (2, "c".to_string())].into_iter().collect());
        let vs = nn::VarStore::new(Device::Cpu);
        let float = rust_bert::bert::BertForSequenceClassification::new(vs.root(), &config).unwrap();
        let eight = QuantizedClsClassifier::from_variables(&vs.variables(), &config, true).unwrap();
        let ids = Tensor::from_slice(&[2i64, 7, 9, 11, 13, 3, 2, 31, 37, 3, 0, 0]).view([2, 6]);
        let mask = Tensor::from_slice(&[1i64, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0]).view([2, 6]);
        let types = Tensor::zeros([2, 6], (Kind::Int64, Device::Cpu));
        let expected =
            tch::no_grad(|| float.forward_t(Some(&ids), Some(&mask), Some(&types), None, None, false).logits);
        let got = tch::no_grad(|| eight.forward(&ids, &mask, &types));
        let error = (&got - &expected).norm().double_value(&[]) / expected.norm().double_value(&[]);
        assert!(error < 0.05, "relative error {error}: {got:?} against {expected:?}");
    }
}
