//! Learned attribution: a BERT token tagger that marks source, cue and content spans (BIO tags),
//! and the linking of each content span to its source and cue.
//!
//! The tagger reads an article in overlapping windows of word pieces, so that a quote and its
//! attribution stay together across sentence boundaries; each word piece takes the mean of its
//! tag scores over the windows that read it ([`average_windows`]). Tags are decoded with the BIO
//! constraint (an `I-x` only after `B-x` or `I-x`), so every span is well formed, and, for a
//! tagger with a CRF head, with the transition scores it learned. Offsets are code points into
//! the article text, as the tokenizer reports them.

use crate::classifier::{batch_tensors, bert_tokenizer, each_unpadded};
use crate::pooled::load_all;
use crate::quantized::{Encoder, QuantizedEncoder};
use crate::quotemarks::is_unambiguous_mark;
use anyhow::{bail, Result};
use rust_bert::bert::BertConfig;
use rust_bert::pipelines::common::TokenizerOption;
use rust_bert::Config;
use rust_tokenizers::TokenizedInput;
use std::path::{Path, PathBuf};
use tch::nn::{Module, RNN};
use tch::{nn, Device, Kind, Tensor};

/// Tag names, in id order.
pub const TAG_LABELS: [&str; 7] = ["O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content"];

/// The part an attribution span plays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Who said it.
    Source,
    /// The speech cue (`said`, `according to`).
    Cue,
    /// What was said.
    Content,
}

impl Role {
    /// Every role, in tag order.
    pub const ALL: [Role; 3] = [Role::Source, Role::Cue, Role::Content];

    /// The id of this role's `B-` tag; its `I-` tag is the next one.
    pub fn begin_tag(self) -> usize {
        match self {
            Role::Source => 1,
            Role::Cue => 3,
            Role::Content => 5,
        }
    }

    fn of_tag(tag: usize) -> Option<Role> {
        Role::ALL.into_iter().find(|r| tag == r.begin_tag() || tag == r.begin_tag() + 1)
    }
}

/// A tagged span, in code points of the article text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedSpan {
    /// Source, cue or content.
    pub role: Role,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// How sure the tagger is of the span, 0 to 1: the mean over its word pieces of the
    /// probability that the piece has the tag it was given ([`marginals`]). 1 for spans that
    /// no model scored.
    pub confidence: f32,
}

impl TaggedSpan {
    /// A span that no model scored (gold tags, spans given by hand): confidence 1.
    pub fn new(role: Role, start: usize, end: usize) -> Self {
        TaggedSpan { role, start, end, confidence: 1.0 }
    }
}

/// A content span with the source and cue linked to it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TaggedAttribution {
    /// What was said.
    pub content: TaggedSpan,
    /// Its speech cue, if one was tagged nearby.
    pub cue: Option<TaggedSpan>,
    /// Its source, if one was tagged nearby.
    pub source: Option<TaggedSpan>,
}

/// A word piece of an article: vocabulary id and code-point range.
#[derive(Debug, Clone, Copy)]
pub struct Piece {
    /// Vocabulary id.
    pub id: i64,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// Word pieces of `text` with their offsets; pieces the tokenizer cannot place are dropped.
pub fn pieces(tokenizer: &TokenizerOption, text: &str) -> Vec<Piece> {
    let tokens = tokenizer.tokenize_with_offsets(text);
    let ids = tokenizer.convert_tokens_to_ids(&tokens.tokens);
    ids.into_iter().zip(tokens.offsets).filter_map(|(id, o)| o.map(|o| Piece { id, start: o.begin as usize, end: o.end as usize })).collect()
}

/// Windows `[start, end)` over `n` pieces: `width` long, each starting `stride` after the last,
/// the last one ending at `n`.
pub fn windows(n: usize, width: usize, stride: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    loop {
        let end = (start + width).min(n);
        out.push((start, end));
        if end == n {
            return out;
        }
        start += stride.max(1);
    }
}

/// The model input of one window: `[CLS] pieces [SEP]`.
pub fn window_input(pieces: &[Piece], (start, end): (usize, usize), cls: i64, sep: i64) -> TokenizedInput {
    let token_ids: Vec<i64> = std::iter::once(cls).chain(pieces[start..end].iter().map(|p| p.id)).chain(std::iter::once(sep)).collect();
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

/// Scores a linear-chain CRF adds to a tag sequence: `transition[p][t]` for tag `t` after tag
/// `p`, `start[t]` for the first tag, `end[t]` for the last.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    /// Score of each tag (column) after each tag (row).
    pub transition: Vec<Vec<f32>>,
    /// Score of each tag as the first.
    pub start: Vec<f32>,
    /// Score of each tag as the last.
    pub end: Vec<f32>,
}

/// Whether `tag` may follow `prev` (`None`: open the sequence): an `I-` tag only after the `B-`
/// or `I-` tag of its role.
fn allowed_after(prev: Option<usize>, tag: usize) -> bool {
    match Role::of_tag(tag) {
        Some(role) if tag == role.begin_tag() + 1 => prev.is_some_and(|p| p == role.begin_tag() || p == tag),
        _ => true,
    }
}

/// The best tag sequence under the BIO constraint, from per-piece log-probabilities, with the
/// scores of a CRF head where the tagger has one.
pub fn decode(log_probs: &[Vec<f32>], crf: Option<&Transitions>) -> Vec<usize> {
    let tags = TAG_LABELS.len();
    let transition = |p: usize, t: usize| crf.map_or(0.0, |c| c.transition[p][t]);
    let first = |t: usize| log_probs.first().map_or(0.0, |l| l[t]) + crf.map_or(0.0, |c| c.start[t]);
    let mut score: Vec<f32> = (0..tags).map(|t| if allowed_after(None, t) { first(t) } else { f32::NEG_INFINITY }).collect();
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(log_probs.len());
    for lp in log_probs.iter().skip(1) {
        let mut next = vec![f32::NEG_INFINITY; tags];
        let mut from = vec![0; tags];
        for t in 0..tags {
            for (p, &before) in score.iter().enumerate() {
                let candidate = before + transition(p, t) + lp[t];
                if allowed_after(Some(p), t) && candidate > next[t] {
                    next[t] = candidate;
                    from[t] = p;
                }
            }
        }
        back.push(from);
        score = next;
    }
    if log_probs.is_empty() {
        return Vec::new();
    }
    let last = |t: usize| score[t] + crf.map_or(0.0, |c| c.end[t]);
    let mut tag = (0..tags).max_by(|&a, &b| last(a).total_cmp(&last(b))).unwrap_or(0);
    let mut out = vec![tag];
    for from in back.iter().rev() {
        tag = from[tag];
        out.push(tag);
    }
    out.reverse();
    out
}

/// The probability of each tag at each piece, summed over every well-formed tag sequence
/// (forward-backward), under the same scores and BIO constraint that [`decode`] maximises.
pub fn marginals(log_probs: &[Vec<f32>], crf: Option<&Transitions>) -> Vec<Vec<f32>> {
    let (n, tags) = (log_probs.len(), TAG_LABELS.len());
    if n == 0 {
        return Vec::new();
    }
    let transition = |p: usize, t: usize| if allowed_after(Some(p), t) { crf.map_or(0.0, |c| c.transition[p][t]) } else { f32::NEG_INFINITY };
    // Each row is shifted to sum to one as it is made: summed over a long article the scores
    // would grow past what f32 holds exactly. A shift common to a row cancels in the
    // probabilities, which are normalised row by row.
    let normalised = |row: Vec<f32>| {
        let total = log_sum_exp(row.iter().copied());
        row.into_iter().map(|x| x - total).collect::<Vec<f32>>()
    };
    let mut alpha: Vec<Vec<f32>> = Vec::with_capacity(n);
    alpha.push(normalised((0..tags).map(|t| if allowed_after(None, t) { log_probs[0][t] + crf.map_or(0.0, |c| c.start[t]) } else { f32::NEG_INFINITY }).collect()));
    for lp in &log_probs[1..] {
        let before = alpha.last().expect("the first row is in");
        alpha.push(normalised((0..tags).map(|t| log_sum_exp((0..tags).map(|p| before[p] + transition(p, t))) + lp[t]).collect()));
    }
    let mut beta = vec![Vec::new(); n];
    beta[n - 1] = normalised((0..tags).map(|t| crf.map_or(0.0, |c| c.end[t])).collect());
    for i in (0..n - 1).rev() {
        beta[i] = normalised((0..tags).map(|p| log_sum_exp((0..tags).map(|t| transition(p, t) + log_probs[i + 1][t] + beta[i + 1][t]))).collect());
    }
    alpha
        .iter()
        .zip(&beta)
        .map(|(a, b)| {
            let joint: Vec<f32> = a.iter().zip(b).map(|(a, b)| a + b).collect();
            normalised(joint).into_iter().map(f32::exp).collect()
        })
        .collect()
}

/// `ln Σ exp(x)`, without overflow; minus infinity for no terms or none possible.
fn log_sum_exp(xs: impl Iterator<Item = f32> + Clone) -> f32 {
    let max = xs.clone().fold(f32::NEG_INFINITY, f32::max);
    if max == f32::NEG_INFINITY {
        return max;
    }
    max + xs.map(|x| (x - max).exp()).sum::<f32>().ln()
}

/// The spans a tag sequence marks, in code points through the pieces' offsets. Each span's
/// confidence is the mean of `probs` (one row per piece, as from [`marginals`]) at the tags its
/// pieces were given; with no `probs` (gold tags) it is 1.
pub fn spans(tags: &[usize], probs: &[Vec<f32>], pieces: &[Piece]) -> Vec<TaggedSpan> {
    let mut out: Vec<(TaggedSpan, f32, usize)> = Vec::new(); // span, sum of probabilities, pieces
    for (i, &tag) in tags.iter().enumerate() {
        let Some(role) = Role::of_tag(tag) else { continue };
        let p = probs.get(i).map_or(1.0, |row| row[tag]);
        if tag == role.begin_tag() {
            out.push((TaggedSpan::new(role, pieces[i].start, pieces[i].end), p, 1));
        } else if let Some((last, sum, count)) = out.last_mut() {
            last.end = pieces[i].end;
            *sum += p;
            *count += 1;
        }
    }
    out.into_iter().map(|(span, sum, count)| TaggedSpan { confidence: sum / count as f32, ..span }).collect()
}

/// Code points between two spans (0 when they touch or overlap).
fn gap(a: &TaggedSpan, b: &TaggedSpan) -> usize {
    if a.end <= b.start { b.start - a.end } else { a.start.saturating_sub(b.end) }
}

/// How far (code points) a cue may lie from its content, and a source from its cue.
const LINK_REACH: usize = 150;

/// Link the tagged spans of one text into attributions.
///
/// Every content takes the nearest free cue of its paragraph — a cue serves one content, the
/// closest pair first — and each cue the nearest source of its paragraph that is not across
/// another content. A content with no cue takes the nearest source of its paragraph, if any.
/// A paragraph that ends in a colon ("The governor added:") reaches into the next one: 5
/// attributions on PolNeAR dev, all linked wrong before. A content ends with its paragraph
/// unless the statement goes on past it ([`Linker::within_paragraph`]).
///
/// Two contents are one when only an attribution set off by punctuation lies between them
/// ("Acts of protest, Mr. Obama said, are …"): 25 on PolNeAR dev, exact content F1 0.633 ->
/// 0.640. Joining across any cue between contents had merged separate statements ("X, saying
/// Y", "He is expected to Y"): 226 joins on dev, two points of quote F1 lost.
pub fn link(spans: &[TaggedSpan], text: &str) -> Vec<TaggedAttribution> {
    let of = |role: Role| {
        let mut v: Vec<TaggedSpan> = spans.iter().filter(|s| s.role == role && s.start < s.end).copied().collect();
        v.sort_by_key(|s| s.start);
        v
    };
    let linker = Linker { chars: text.chars().collect(), cues: of(Role::Cue), sources: of(Role::Source) };
    let contents = linker.join_interrupted(of(Role::Content).iter().map(|c| linker.within_paragraph(c)).collect());
    let cue_of = linker.cues_of(&contents);
    contents
        .iter()
        .zip(cue_of)
        .map(|(&content, cue)| {
            let source = linker.nearest_source(cue.as_ref().unwrap_or(&content), &contents);
            TaggedAttribution { content, cue, source }
        })
        .collect()
}

/// The cues and sources of one text, and its characters.
struct Linker {
    chars: Vec<char>,
    cues: Vec<TaggedSpan>,
    sources: Vec<TaggedSpan>,
}

impl Linker {
    /// Whether `b` may belong to the attribution of `a`: near, in its paragraph, and with no
    /// content between them.
    fn reachable(&self, a: &TaggedSpan, b: &TaggedSpan, contents: &[TaggedSpan]) -> bool {
        if gap(a, b) > LINK_REACH {
            return false;
        }
        let (lo, hi) = if a.end <= b.start { (a.end, b.start) } else { (b.end, a.start) };
        // "Limbaugh added:¶And from …": a colon ending a paragraph hands it to the next one.
        // The colon may close the cue span ("added:") or stand after it.
        let colon_only = || {
            let mut between = self.chars[lo..hi].iter().filter(|&&c| !c.is_whitespace() && !is_unambiguous_mark(c));
            match between.next() {
                None => lo > 0 && self.chars[lo - 1] == ':',
                Some(&c) => c == ':' && between.next().is_none(),
            }
        };
        lo >= hi || (!self.chars[lo..hi].contains(&'\n') || colon_only()) && !contents.iter().any(|c| c.start >= lo && c.end <= hi)
    }

    /// `content` within its paragraph: it ends at the first line break after which the text
    /// does not go on with the same statement, and lines before its first word (a stray
    /// opening mark) are left out. A statement goes on where the next line opens with a
    /// quotation mark (a quote running over paragraphs) or the line before ends in a colon
    /// ("has the following tasks ahead of her tonight:¶Sell her presidency …"). Of PolNeAR
    /// train's 22,525 contents, 136 run over a line break, all of them quotes that go on;
    /// the tagger's content sometimes runs on into the narration of the next paragraph, and
    /// then takes a source from there.
    fn within_paragraph(&self, content: &TaggedSpan) -> TaggedSpan {
        let chars = &self.chars;
        let lines = {
            let mut lines = Vec::new();
            let mut start = content.start;
            for k in content.start..=content.end {
                if k == content.end || chars[k] == '\n' {
                    if chars[start..k].iter().any(|c| c.is_alphanumeric()) {
                        lines.push((start, k));
                    }
                    start = k + 1;
                }
            }
            lines
        };
        let Some(&(start, mut end)) = lines.first() else { return *content };
        for &(next, next_end) in &lines[1..] {
            let opens_quote = chars[next..next_end].iter().find(|c| !c.is_whitespace()).is_some_and(|&c| is_unambiguous_mark(c) || c == '"');
            let colon_before = chars[start..end].iter().rev().find(|c| !c.is_whitespace()) == Some(&':');
            if !(opens_quote || colon_before) {
                break;
            }
            end = next_end;
        }
        TaggedSpan { start, end, ..*content }
    }

    /// The cue of each content: the nearest free one, the closest pair first.
    fn cues_of(&self, contents: &[TaggedSpan]) -> Vec<Option<TaggedSpan>> {
        let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
        for (i, c) in contents.iter().enumerate() {
            for (j, q) in self.cues.iter().enumerate().filter(|(_, q)| self.reachable(c, q, contents)) {
                pairs.push((gap(c, q), i, j));
            }
        }
        pairs.sort();
        let mut cue_of: Vec<Option<TaggedSpan>> = vec![None; contents.len()];
        let mut taken = vec![false; self.cues.len()];
        for (_, i, j) in pairs {
            if cue_of[i].is_none() && !taken[j] {
                cue_of[i] = Some(self.cues[j]);
                taken[j] = true;
            }
        }
        cue_of
    }

    /// The source nearest `anchor` that it may reach.
    fn nearest_source(&self, anchor: &TaggedSpan, contents: &[TaggedSpan]) -> Option<TaggedSpan> {
        self.sources.iter().filter(|s| self.reachable(anchor, s, contents)).min_by_key(|s| (gap(anchor, s), s.start)).copied()
    }

    /// Contents with only an attribution between them ("Acts of protest, Mr. Obama said, are
    /// …") as one content running over it, as PolNeAR annotates them. The attribution must
    /// name its source and be set off by punctuation, and neither content may take a cue from
    /// elsewhere: "X, saying Y", "X is expected to Y" and "X, he warned Y" are not one
    /// statement interrupted.
    fn join_interrupted(&self, contents: Vec<TaggedSpan>) -> Vec<TaggedSpan> {
        let cue_of = self.cues_of(&contents);
        let chars = &self.chars;
        let within = |s: &TaggedSpan, lo: usize, hi: usize| lo <= s.start && s.end <= hi;
        let covered = |k: usize| self.cues.iter().chain(&self.sources).any(|s| s.start <= k && k < s.end);
        let punctuation = |c: char| matches!(c, ' ' | ',' | '—' | '–' | '-') || is_unambiguous_mark(c);
        let interrupts = |i: usize| {
            let (a, b) = (contents[i], contents[i + 1]);
            if a.end > b.start {
                return false;
            }
            let Some(cue) = self.cues.iter().find(|c| within(c, a.end, b.start)) else { return false };
            let elsewhere = |k: usize| cue_of[k].is_some_and(|c| c != *cue);
            // Set off by punctuation on both sides: "X, he said, Y", not "X, he warned Y".
            let between = chars[a.end..b.start].iter().copied().filter(|&c| c != ' ');
            let set_off = between.clone().next().is_some_and(punctuation) && between.clone().next_back().is_some_and(punctuation);
            !elsewhere(i)
                && !elsewhere(i + 1)
                && self.sources.iter().any(|s| within(s, a.end, b.start))
                && (a.end..b.start).all(|k| covered(k) || punctuation(chars[k]))
                && set_off
        };
        let mut out: Vec<TaggedSpan> = Vec::with_capacity(contents.len());
        for (i, c) in contents.iter().enumerate() {
            match out.last_mut() {
                // Chains join too ("A, he said, B, he added, C"), each pair judged on its own.
                // The joined content is only as sure as its less sure part.
                Some(last) if interrupts(i - 1) => {
                    last.end = c.end;
                    last.confidence = last.confidence.min(c.confidence);
                }
                _ => out.push(*c),
            }
        }
        out
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
            Some(name) => name.parse().map_err(|e| anyhow::anyhow!("{}: {HEAD_KEY}: {e}", dir.join("config.json").display())),
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
}

impl TaggerModel {
    /// Build the network under `vs` (weights still to be loaded), with `lstm_layers` layers of
    /// bidirectional LSTM where the head has one.
    pub fn new(vs: &nn::VarStore, config: &BertConfig, head: TaggerHead, lstm_layers: i64) -> Self {
        let root = vs.root();
        let encoder = Encoder::new(&root / "bert", config);
        let lstm = head.has_lstm().then(|| {
            let rnn = nn::RNNConfig { bidirectional: true, batch_first: true, num_layers: lstm_layers, ..Default::default() };
            nn::lstm(&root / "lstm", config.hidden_size, config.hidden_size / 2, rnn)
        });
        let classifier = nn::linear(&root / "classifier", config.hidden_size, TAG_LABELS.len() as i64, Default::default());
        let n = TAG_LABELS.len() as i64;
        let crf = head.has_crf().then(|| {
            let p = &root / "crf";
            [p.zeros("transition", &[n, n]), p.zeros("start", &[n]), p.zeros("end", &[n])]
        });
        TaggerModel { encoder, lstm, classifier, crf, dropout: config.hidden_dropout_prob }
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
        let states = self.encoder.forward_t(ids, mask, types, train);
        let states = match &self.lstm {
            None => states,
            Some(lstm) => each_unpadded(mask, |row, n| {
                let input = states.get(row).narrow(0, 0, n).dropout(self.dropout, train).unsqueeze(0);
                lstm.seq(&input).0.squeeze_dim(0)
            }),
        };
        self.classifier.forward(&states.dropout(self.dropout, train))
    }

    /// The training loss: with a CRF, the negative log-likelihood of each window's gold tag
    /// sequence, per tagged piece; else cross-entropy per tagged piece. `tags` holds `ignore` at
    /// `[CLS]`, `[SEP]` and padding, and the tagged pieces of a window are contiguous. A window
    /// may open inside a span (an `I-` tag first), so only the transitions are constrained here.
    pub fn loss(&self, logits: &Tensor, tags: &Tensor, ignore: i64) -> Tensor {
        let n = TAG_LABELS.len() as i64;
        let Some([transition, start, end]) = &self.crf else {
            return logits.view([-1, n]).cross_entropy_loss::<Tensor>(&tags.view([-1]), None, tch::Reduction::Mean, ignore, 0.0);
        };
        sequence_nll(logits, tags, ignore, [transition, start, end])
    }

    /// The CRF's scores, for [`decode`]; `None` for a head without a CRF.
    pub fn transitions(&self) -> Option<Transitions> {
        let [transition, start, end] = self.crf.as_ref()?;
        let vector = |t: &Tensor| Vec::<f32>::try_from(t.to_kind(Kind::Float).to_device(Device::Cpu)).expect("CRF scores are float vectors");
        let rows = (0..TAG_LABELS.len() as i64).map(|r| vector(&transition.get(r))).collect();
        Some(Transitions { transition: rows, start: vector(start), end: vector(end) })
    }
}

/// Negative log-likelihood under a linear-chain CRF (`[transition, start, end]` scores) of each
/// window's gold tag sequence, per tagged piece; see [`TaggerModel::loss`].
fn sequence_nll(logits: &Tensor, tags: &Tensor, ignore: i64, [transition, start, end]: [&Tensor; 3]) -> Tensor {
    let n = TAG_LABELS.len() as i64;
    let forbidden: Vec<f32> = (0..n as usize).flat_map(|p| (0..n as usize).map(move |t| if allowed_after(Some(p), t) { 0.0 } else { -1e4 })).collect();
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
pub fn build_model(vs: &nn::VarStore, config_path: &Path, head: TaggerHead, lstm_layers: i64) -> Result<(TaggerModel, BertConfig)> {
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
            Some(v) => v.as_i64().filter(|n| (1..=4).contains(n)).ok_or_else(|| anyhow::anyhow!("{}: \"{LSTM_LAYERS_KEY}\" is {v}; it must be a number of layers from 1 to 4", dir.join("config.json").display()))?,
        };
        let (mut model, bert_config) = build_model(&vs, &dir.join("config.json"), head, lstm_layers)?;
        let unused = load_all(&mut vs, dir, "quotelens attribution tagger")?;
        if QuantizedEncoder::wanted(device, config.full_precision) {
            model.quantize(&vs, &bert_config)?;
        }
        // A head's tensors with no head to take them would leave the tagger reading a layer
        // it was not trained with, silently.
        if let Some(name) = unused.iter().find(|n| (n.starts_with("lstm.") && !head.has_lstm()) || (n.starts_with("crf.") && !head.has_crf())) {
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
        let all_pieces: Vec<Vec<Piece>> = texts.iter().map(|t| pieces(&self.tokenizer, t)).collect();
        let mut inputs = Vec::new();
        let mut placed = Vec::new(); // (text, window)
        for (t, p) in all_pieces.iter().enumerate() {
            for w in windows(p.len(), self.window, self.stride) {
                inputs.push(window_input(p, w, self.cls, self.sep));
                placed.push((t, w));
            }
        }
        let log_probs = self.window_log_probs(&inputs);
        let mut per_text: Vec<Vec<WindowRead>> = vec![Vec::new(); texts.len()];
        for ((t, w), rows) in placed.into_iter().zip(log_probs) {
            per_text[t].push((w, rows));
        }
        per_text
            .into_iter()
            .zip(&all_pieces)
            .map(|(read, p)| {
                let log_probs = average_windows(p.len(), &read);
                let crf = self.transitions.as_ref();
                spans(&decode(&log_probs, crf), &marginals(&log_probs, crf), p)
            })
            .collect()
    }
}

/// A window `[start, end)` of pieces and its log-probabilities, one row per position with
/// `[CLS]` first.
pub type WindowRead = ((usize, usize), Vec<Vec<f32>>);

/// Log-probabilities of each of `n` pieces from the windows that read them: the mean over every
/// window over the piece, weighted by its distance from the window's nearer edge, where the
/// window saw least of the context.
/// Averaging rather than keeping the window where the piece sits most centrally raised quote
/// F1 on PolNeAR dev from 0.785 to 0.789 and attribution F1 from 0.711 to 0.718, at no cost.
pub fn average_windows(n: usize, read: &[WindowRead]) -> Vec<Vec<f32>> {
    let mut sums: Vec<(f32, Vec<f32>)> = vec![(0.0, vec![0.0; TAG_LABELS.len()]); n];
    for ((start, end), rows) in read {
        for (k, row) in rows.iter().skip(1).take(end - start).enumerate() {
            let weight = (k + 1).min(end - start - k) as f32;
            let (total, sum) = &mut sums[start + k];
            *total += weight;
            sum.iter_mut().zip(row).for_each(|(s, x)| *s += weight * x);
        }
    }
    sums.into_iter().map(|(total, sum)| sum.into_iter().map(|s| s / total).collect()).collect()
}

/// Log-probabilities per position (including `[CLS]` and `[SEP]`) of each window input.
pub fn window_log_probs(model: &TaggerModel, inputs: &[TokenizedInput], batch_size: usize, device: Device) -> Vec<Vec<Vec<f32>>> {
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
        let lp = tch::no_grad(|| {
            let (ids, mask, types) = batch_tensors(&batch, 0, device);
            model.forward_t(&ids, &mask, &types, false).log_softmax(-1, Kind::Float).to_device(Device::Cpu).contiguous()
        });
        let (values, width) = (lp.numel(), lp.size()[1] as usize);
        lp.copy_data(&mut read[..values], values);
        for (k, &i) in chunk.iter().enumerate() {
            let window = &read[k * width * tags..];
            for (position, row) in out[i].iter_mut().enumerate() {
                row.copy_from_slice(&window[position * tags..(position + 1) * tags]);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lp(tags: &[usize]) -> Vec<Vec<f32>> {
        tags.iter().map(|&t| (0..TAG_LABELS.len()).map(|k| if k == t { -0.1 } else { -3.0 }).collect()).collect()
    }

    #[test]
    fn decoding_never_starts_a_span_with_an_inside_tag() {
        // O I-content I-content: the best well-formed reading opens the span with B-content.
        let mut scores = lp(&[0, 6, 6]);
        scores[1][5] = -0.5;
        assert_eq!(decode(&scores, None), vec![0, 5, 6]);
    }

    #[test]
    fn a_crf_head_scores_the_sequence_not_each_piece_alone() {
        // Alone, the second piece reads O by a little; a CRF that scores I-content after
        // B-content keeps the span going, and one that scores a span's end low closes it.
        let mut scores = lp(&[5, 0]);
        scores[1][6] = -0.7;
        scores[1][0] = -0.5;
        assert_eq!(decode(&scores, None), vec![5, 0]);
        let n = TAG_LABELS.len();
        let mut crf = Transitions { transition: vec![vec![0.0; n]; n], start: vec![0.0; n], end: vec![0.0; n] };
        crf.transition[5][6] = 1.0;
        assert_eq!(decode(&scores, Some(&crf)), vec![5, 6]);
        crf.end[6] = -2.0;
        assert_eq!(decode(&scores, Some(&crf)), vec![5, 0]);
        // The BIO constraint holds whatever the CRF scores: no I- tag opens the text.
        crf.start[6] = 10.0;
        assert_eq!(decode(&lp(&[6, 6]), Some(&crf))[0], 5);
    }

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
        let loss = sequence_nll(&t(&logits, &[2, 5, n as i64]), &Tensor::from_slice(&flat).view([2, 5]), -100, [&t(&transition, &[n as i64, n as i64]), &t(&start, &[n as i64]), &t(&end, &[n as i64])]).double_value(&[]);
        let (mut total, mut pieces) = (0.0f64, 0usize);
        for (w, row) in tags.iter().enumerate() {
            let tagged: Vec<usize> = (1..5).filter(|&i| row[i] != -100).collect();
            let emission = |i: usize, tag: usize| logits[(w * 5 + i) * n + tag] as f64;
            let score = |path: &[usize]| {
                let mut s = start[path[0]] as f64 + end[*path.last().unwrap()] as f64;
                for (k, &tag) in path.iter().enumerate() {
                    s += emission(tagged[k], tag);
                    if k > 0 {
                        s += transition[path[k - 1] * n + tag] as f64 + if allowed_after(Some(path[k - 1]), tag) { 0.0 } else { -1e4 };
                    }
                }
                s
            };
            let mut paths = vec![vec![]];
            for _ in &tagged {
                paths = paths.into_iter().flat_map(|p: Vec<usize>| (0..n).map(move |tag| [p.clone(), vec![tag]].concat())).collect();
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

    #[test]
    fn windows_cover_every_piece_and_overlap() {
        assert_eq!(windows(10, 4, 3), vec![(0, 4), (3, 7), (6, 10)]);
        assert_eq!(windows(3, 4, 2), vec![(0, 3)]);
    }

    #[test]
    fn content_links_to_nearest_cue_and_its_source_but_not_across_another_content() {
        let s = TaggedSpan::new;
        // "Smith said X. Jones noted Y."
        let spans = [s(Role::Source, 0, 5), s(Role::Cue, 6, 10), s(Role::Content, 11, 12), s(Role::Source, 14, 19), s(Role::Cue, 20, 25), s(Role::Content, 26, 27)];
        let text = "Smith said X. Jones noted Y.";
        let links = link(&spans, text);
        assert_eq!(links[0].source, Some(spans[0]));
        assert_eq!(links[0].cue, Some(spans[1]));
        assert_eq!(links[1].source, Some(spans[3]));
        assert_eq!(links[1].cue, Some(spans[4]));
    }

    #[test]
    fn a_cue_serves_one_content_and_links_do_not_cross_paragraphs() {
        let s = TaggedSpan::new;
        //          0         1         2         3
        //          0123456789012345678901234567890123456789
        let text = "Ann said taxes rise, costs too.\nBo: no.";
        let spans = [s(Role::Source, 0, 3), s(Role::Cue, 4, 8), s(Role::Content, 9, 19), s(Role::Content, 21, 30), s(Role::Source, 32, 34), s(Role::Cue, 34, 35)];
        let links = link(&spans, text);
        assert_eq!(links[0].cue, Some(spans[1]));
        assert_eq!(links[0].source, Some(spans[0]));
        // The second content is nearer the next paragraph's cue and source but may not take
        // them, and the first paragraph's cue and source lie across the first content.
        assert_eq!((links[1].cue, links[1].source), (None, None));
    }
    /// Tagged spans at the first occurrence of each needle of `text`.
    fn tagged(text: &str, marks: &[(Role, &str)]) -> Vec<TaggedSpan> {
        marks
            .iter()
            .map(|&(role, needle)| {
                let start = text[..text.find(needle).unwrap()].chars().count();
                TaggedSpan::new(role, start, start + needle.chars().count())
            })
            .collect()
    }

    #[test]
    fn a_statement_interrupted_by_its_attribution_is_one_content() {
        let text = "The new bridge, the mayor said, will open in May.";
        let spans = tagged(text, &[(Role::Content, "The new bridge"), (Role::Source, "the mayor"), (Role::Cue, "said"), (Role::Content, "will open in May")]);
        let links = link(&spans, text);
        assert_eq!(links.len(), 1, "{links:?}");
        assert_eq!((links[0].content.start, links[0].content.end), (0, text.len() - 1));
        assert_eq!((links[0].source, links[0].cue), (Some(spans[1]), Some(spans[2])));
    }

    #[test]
    fn a_content_ends_with_its_paragraph_unless_the_statement_goes_on() {
        // A content from `first` to the end of `last`, linked alone or with a source.
        let linked = |text: &str, first: &str, last: &str, source: Option<&str>| {
            let mut content = tagged(text, &[(Role::Content, first)])[0];
            content.end = tagged(text, &[(Role::Content, last)])[0].end;
            let mut spans = vec![content];
            spans.extend(source.map(|s| tagged(text, &[(Role::Source, s)])[0]));
            let link = link(&spans, text).remove(0);
            (text.chars().skip(link.content.start).take(link.content.end - link.content.start).collect::<String>(), link.source)
        };
        // Run on into the next paragraph's narration, the content took its source from there.
        let text = "\"Thank you all!\"\n\nThe plan surprised Ann Lee, who was away.";
        assert_eq!(linked(text, "\"Thank", "surprised", Some("Ann Lee")), ("\"Thank you all!\"".to_string(), None));
        // A quote that goes on in the next paragraph, and a colon that hands one over, stay.
        let text = "\"We will win,\" she wrote.\n\n\"Thank you all!\"";
        assert_eq!(linked(text, "\"We", "all!\"", None).0, text);
        let text = "She listed her tasks:\n\nWin the vote.";
        assert_eq!(linked(text, "her tasks", "the vote", None).0, "her tasks:\n\nWin the vote");
        // A stray opening mark before the statement's first word is left out.
        let text = "\"\n\nShe is right, he wrote.";
        assert_eq!(linked(text, "\"", "is right", None).0, "She is right");
    }

    #[test]
    fn statements_either_side_of_a_cue_stay_apart_unless_it_is_set_off() {
        // The cue introduces the second statement: "X, he warned Y", "X, saying Y".
        let text = "Rents will rise, the mayor warned that the bridge will close.";
        let spans = tagged(text, &[(Role::Content, "Rents will rise"), (Role::Source, "the mayor"), (Role::Cue, "warned"), (Role::Content, "that the bridge will close")]);
        assert_eq!(link(&spans, text).len(), 2);
        let text = "Ann Lee criticised the plan, saying it costs too much.";
        let spans = tagged(text, &[(Role::Source, "Ann Lee"), (Role::Cue, "criticised"), (Role::Content, "the plan"), (Role::Cue, "saying"), (Role::Content, "it costs too much")]);
        let links = link(&spans, text);
        assert_eq!(links.len(), 2);
        assert_eq!(links[1].cue, Some(spans[3]));
    }

    #[test]
    fn a_piece_read_by_two_windows_leans_to_the_one_it_sits_deeper_in() {
        // Five pieces, windows [0, 4) and [1, 5), weights 1 2 2 1 along each. Piece 1 is second
        // in the first window and first in the second, so it leans to the first; piece 3 the
        // other way; piece 2 sits as deep in both.
        let row = |x: f32| vec![x; TAG_LABELS.len()];
        let window = |values: &[f32]| std::iter::once(row(0.0)).chain(values.iter().map(|&v| row(v))).chain(std::iter::once(row(0.0))).collect::<Vec<_>>();
        let read = [((0, 4), window(&[-1.0, -1.0, -1.0, -1.0])), ((1, 5), window(&[-4.0, -4.0, -4.0, -4.0]))];
        let averaged = average_windows(5, &read);
        let first: Vec<f32> = averaged.iter().map(|r| r[0]).collect();
        assert_eq!(first, vec![-1.0, -2.0, -2.5, -3.0, -4.0]);
    }

    #[test]
    fn marginals_sum_every_well_formed_sequence_that_decoding_chooses_among() {
        // Against brute force: every sequence of three tags, the ill-formed ones left out.
        let n = TAG_LABELS.len();
        let scores: Vec<Vec<f32>> = (0..3).map(|i| (0..n).map(|t| -(((i * 7 + t * 3) % 5) as f32) * 0.4).collect()).collect();
        let mut crf = Transitions { transition: vec![vec![0.0; n]; n], start: vec![0.0; n], end: vec![0.0; n] };
        for (p, row) in crf.transition.iter_mut().enumerate() {
            row.iter_mut().enumerate().for_each(|(t, x)| *x = ((p * 5 + t) % 4) as f32 * 0.3 - 0.4);
        }
        crf.start[5] = 0.5;
        crf.end[6] = -0.7;
        let mut expected = vec![vec![0.0f64; n]; 3];
        let mut total = 0.0f64;
        for path in (0..n * n * n).map(|k| [k / (n * n), k / n % n, k % n]) {
            if !allowed_after(None, path[0]) || !allowed_after(Some(path[0]), path[1]) || !allowed_after(Some(path[1]), path[2]) {
                continue;
            }
            let score = crf.start[path[0]] + crf.end[path[2]] + (0..3).map(|i| scores[i][path[i]]).sum::<f32>() + crf.transition[path[0]][path[1]] + crf.transition[path[1]][path[2]];
            let weight = (score as f64).exp();
            total += weight;
            path.iter().enumerate().for_each(|(i, &t)| expected[i][t] += weight);
        }
        let got = marginals(&scores, Some(&crf));
        for i in 0..3 {
            for t in 0..n {
                assert!((got[i][t] as f64 - expected[i][t] / total).abs() < 1e-5, "piece {i}, tag {t}: {} against {}", got[i][t], expected[i][t] / total);
            }
        }
        assert_eq!(got[0][6], 0.0, "no sequence opens with an inside tag");
        // Over a long article the summed scores run into the hundreds of thousands; each piece's
        // probabilities still sum to one.
        let long: Vec<Vec<f32>> = (0..20_000).map(|i| (0..n).map(|t| -20.0 - ((i + t) % 3) as f32).collect()).collect();
        for row in marginals(&long, Some(&crf)) {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4 && row.iter().all(|&p| p <= 1.0), "{row:?}");
        }
    }

    #[test]
    fn a_span_is_as_sure_as_its_pieces_on_average() {
        let pieces: Vec<Piece> = (0..4).map(|i| Piece { id: 0, start: 2 * i, end: 2 * i + 1 }).collect();
        let mut probs = vec![vec![0.0; TAG_LABELS.len()]; 4];
        (probs[0][0], probs[1][5], probs[2][6], probs[3][6]) = (0.9, 0.9, 0.6, 0.3);
        let found = spans(&[0, 5, 6, 6], &probs, &pieces);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].role, found[0].start, found[0].end), (Role::Content, 2, 7));
        assert!((found[0].confidence - 0.6).abs() < 1e-6, "{}", found[0].confidence);
        assert_eq!(spans(&[0, 5, 6, 6], &[], &pieces)[0].confidence, 1.0, "gold tags are certain");
    }
}
