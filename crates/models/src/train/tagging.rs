//! Training the attribution tagger ([`crate::tagger`]) on brat-annotated articles (PolNeAR).
//!
//! Every article is cut into overlapping windows of word pieces; each piece is tagged with the
//! role of the annotated span it starts in (cue over source over content where a nested
//! attribution puts one inside another), `B-` on a span's first piece and `I-` after. Validation
//! decodes each dev window and scores exact span matches (role and boundaries), the measure the
//! best checkpoint is chosen by.

use super::{bucketed_batches, load_base, optimiser_step, save_model, Checkpoints, Head, Rng, Schedule};
use crate::batch::batch_tensors;
use crate::classifier::bert_tokenizer;
use crate::tagger::{build_model, pieces, window_input, window_log_probs, TaggerHead};
use anyhow::{bail, Context, Result};
use quotelens_core::crf::{decode, Transitions};
use quotelens_core::eval::{GoldArticle, Prf};
use quotelens_core::output::Sink;
use quotelens_core::tags::{spans, windows, Piece, Role};
use rust_tokenizers::TokenizedInput;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::PathBuf;
use tch::nn::OptimizerConfig;
use tch::{nn, Device, Tensor};

/// Label id of positions that take no part in the loss (`[CLS]`, `[SEP]`, padding).
const IGNORE: i64 = -100;

/// One training window: model input and a tag per position.
pub struct TagWindow {
    /// `[CLS] pieces [SEP]`.
    pub input: TokenizedInput,
    /// Tag ids, [`IGNORE`] at `[CLS]` and `[SEP]`.
    pub tags: Vec<i64>,
}

/// Cut annotated articles into tagged windows of `width` pieces, `stride` apart.
pub fn tag_windows(
    gold: &BTreeMap<String, GoldArticle>,
    base_dir: &std::path::Path,
    width: usize,
    stride: usize,
) -> Result<Vec<TagWindow>> {
    let tokenizer = bert_tokenizer(base_dir)?;
    let cls = tokenizer.convert_tokens_to_ids(&["[CLS]"])[0];
    let sep = tokenizer.convert_tokens_to_ids(&["[SEP]"])[0];
    let mut out = Vec::new();
    for article in gold.values() {
        let text: String = article.chars.iter().collect();
        let p = pieces(&tokenizer, &text);
        let tags = piece_tags(article, &p);
        for w in windows(p.len(), width, stride) {
            let input = window_input(&p, w, cls, sep);
            let tags = std::iter::once(IGNORE)
                .chain(tags[w.0..w.1].iter().map(|&t| t as i64))
                .chain(std::iter::once(IGNORE))
                .collect();
            out.push(TagWindow { input, tags });
        }
    }
    Ok(out)
}

/// Write windows as JSON lines, `{"ids": [...], "tags": [...]}` (tag [`IGNORE`] at `[CLS]` and
/// `[SEP]`), the input of `models/attribution/train_gpu.py`; atomically, as every output.
pub fn write_windows(windows: &[TagWindow], file: &std::path::Path) -> Result<()> {
    let mut sink = Sink::create(file)?;
    for w in windows {
        writeln!(sink, "{}", serde_json::json!({ "ids": w.input.token_ids, "tags": w.tags }))
            .with_context(|| format!("cannot write {}", file.display()))?;
    }
    sink.finish()
}

/// The tag of every piece of an annotated article.
fn piece_tags(article: &GoldArticle, pieces: &[Piece]) -> Vec<usize> {
    // Role and span instance of every code point; later roles overwrite earlier ones.
    let mut owner: Vec<Option<(Role, usize)>> = vec![None; article.chars.len()];
    let mut instance = 0;
    for role in [Role::Content, Role::Source, Role::Cue] {
        for a in &article.attributions {
            let ranges = match role {
                Role::Content => &a.content,
                Role::Source => &a.source,
                Role::Cue => &a.cue,
            };
            for &(s, e) in ranges {
                instance += 1;
                for slot in owner.iter_mut().take(e.min(article.chars.len())).skip(s) {
                    *slot = Some((role, instance));
                }
            }
        }
    }
    let mut tags = Vec::with_capacity(pieces.len());
    let mut previous = None;
    for p in pieces {
        let here = owner.get(p.start).copied().flatten();
        tags.push(match here {
            None => 0,
            Some((role, _)) if here == previous => role.begin_tag() + 1,
            Some((role, _)) => role.begin_tag(),
        });
        previous = here;
    }
    tags
}

/// Settings of a tagger training run.
#[derive(Debug, Clone)]
pub struct TaggerTrainConfig {
    /// Directory of the base encoder.
    pub base_dir: PathBuf,
    /// Where the trained tagger goes.
    pub out_dir: PathBuf,
    /// Passes over the training windows at most.
    pub epochs: usize,
    /// Peak learning rate.
    pub lr: f64,
    /// Windows per step.
    pub batch_size: usize,
    /// Seed for initialisation, shuffling and dropout.
    pub seed: u64,
    /// Steps between validations.
    pub eval_every: usize,
    /// Validations without improvement before stopping.
    pub patience: usize,
    /// Wall-clock budget in minutes (0: none).
    pub minutes: f64,
    /// Word pieces per window, recorded in config.json for inference.
    pub window: usize,
    /// What sits on the encoder: a linear layer (cross-entropy per piece), or with a
    /// bidirectional LSTM and/or a CRF (the sequence's likelihood).
    pub head: TaggerHead,
}

/// Exact-span scores of a validation, per role and over all roles.
#[derive(Debug, Clone, Default)]
pub struct SpanScores {
    /// Source, cue, content.
    pub by_role: Vec<(Role, Prf)>,
    /// All roles together.
    pub all: Prf,
}

/// What a tagger run did.
#[derive(Debug, Clone)]
pub struct TaggerReport {
    /// Validation scores of the kept weights.
    pub best: SpanScores,
    /// Step at which they were reached.
    pub best_step: usize,
    /// Steps taken.
    pub steps: usize,
    /// Wall-clock seconds.
    pub seconds: f64,
}

/// Exact span matches of predicted against gold tags, window by window.
fn score_windows(valid: &[TagWindow], log_probs: &[Vec<Vec<f32>>], crf: Option<&Transitions>) -> SpanScores {
    let mut by_role: BTreeMap<Role, Prf> = Role::ALL.into_iter().map(|r| (r, Prf::default())).collect();
    for (w, lp) in valid.iter().zip(log_probs) {
        let n = w.tags.len() - 2;
        let positions: Vec<Piece> = (0..n).map(|i| Piece { id: 0, start: i, end: i + 1 }).collect();
        let gold_tags: Vec<usize> = w.tags[1..=n].iter().map(|&t| t as usize).collect();
        let span_set = |tags: &[usize]| {
            spans(tags, &[], &positions).into_iter().map(|s| (s.role, s.start, s.end)).collect::<HashSet<_>>()
        };
        let gold = span_set(&gold_tags);
        let predicted = span_set(&decode(&lp[1..=n], crf));
        for (role, prf) in by_role.iter_mut() {
            prf.gold += gold.iter().filter(|s| s.0 == *role).count();
            prf.predicted += predicted.iter().filter(|s| s.0 == *role).count();
            prf.tp += predicted.intersection(&gold).filter(|s| s.0 == *role).count();
        }
    }
    let all = by_role.values().fold(Prf::default(), |a, p| Prf {
        tp: a.tp + p.tp,
        predicted: a.predicted + p.predicted,
        gold: a.gold + p.gold,
    });
    SpanScores { by_role: by_role.into_iter().collect(), all }
}

/// Fine-tune the tagger on `train`, keep the checkpoint with the best exact-span F1 on `valid`,
/// and write it to `config.out_dir` in the compact form of [`crate::pooled::compact`].
pub fn train_tagger(config: &TaggerTrainConfig, train: &[TagWindow], valid: &[TagWindow]) -> Result<TaggerReport> {
    if train.is_empty() || valid.is_empty() {
        bail!("no training or validation windows");
    }
    tch::manual_seed(config.seed as i64);
    let mut rng = Rng::new(config.seed);
    let device = Device::cuda_if_available();
    let mut vs = nn::VarStore::new(device);
    let (model, bert_config) = build_model(&vs, &config.base_dir.join("config.json"), config.head, 1)?;
    let copied = load_base(&mut vs, &config.base_dir)?;
    let mut checkpoints = Checkpoints::new(&config.out_dir, config.patience)?;
    eprintln!("train: {} windows, valid: {}, {copied} base tensors loaded", train.len(), valid.len());
    let lengths: Vec<usize> = train.iter().map(|w| w.tags.len()).collect();
    let mut schedule =
        Schedule::new(config.lr, train.len().div_ceil(config.batch_size) * config.epochs, config.minutes);
    let mut opt = nn::AdamW { wd: 0.01, ..Default::default() }.build(&vs, config.lr)?;
    let valid_inputs: Vec<TokenizedInput> = valid.iter().map(|w| w.input.clone()).collect();
    let (mut step, mut running) = (0usize, 0f64);
    'epochs: for epoch in 0..config.epochs {
        for batch in bucketed_batches(&lengths, config.batch_size, &mut rng) {
            let inputs: Vec<&TokenizedInput> = batch.iter().map(|&i| &train[i].input).collect();
            let (ids, mask, types) = batch_tensors(&inputs, 0, device);
            let width = ids.size()[1] as usize;
            let tags: Vec<i64> = batch
                .iter()
                .flat_map(|&i| train[i].tags.iter().copied().chain(std::iter::repeat(IGNORE)).take(width))
                .collect();
            let tags = Tensor::from_slice(&tags).to_device(device);
            let logits = model.forward_t(&ids, &mask, &types, true);
            let loss = model.loss(&logits, &tags.view([inputs.len() as i64, width as i64]), IGNORE);
            let lr = schedule.lr(step);
            optimiser_step(&mut opt, lr, &loss);
            running = if step == 0 { loss.double_value(&[]) } else { 0.98 * running + 0.02 * loss.double_value(&[]) };
            step += 1;
            let out_of_time = schedule.out_of_time();
            if step % config.eval_every == 0 || out_of_time {
                let lp = window_log_probs(&model, &valid_inputs, config.batch_size * 2, device);
                let scores = score_windows(valid, &lp, model.transitions().as_ref());
                let value = scores.all.f1();
                let line = serde_json::json!({
                    "step": step, "epoch": epoch, "seconds": schedule.elapsed().round(), "lr": lr, "train_loss": running,
                    "valid_span_f1": value,
                    "by_role": scores.by_role.iter().map(|(r, p)| (format!("{r:?}").to_lowercase(), serde_json::json!({"precision": p.precision(), "recall": p.recall(), "f1": p.f1()}))).collect::<serde_json::Map<_, _>>(),
                });
                let patience_spent = checkpoints.record(value, scores, step, &vs, &line)?;
                if patience_spent || out_of_time {
                    break 'epochs;
                }
            }
        }
    }
    let (scores, best_step, snapshot) = checkpoints.best()?;
    save_model(
        &config.out_dir,
        &snapshot,
        &bert_config,
        &config.base_dir,
        Head::TokenClassification { window: config.window, head: config.head },
    )?;
    Ok(TaggerReport { best: scores, best_step, steps: step, seconds: schedule.elapsed() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use quotelens_core::eval::{GoldAttribution, GoldType};

    #[test]
    fn pieces_take_the_role_of_the_span_they_start_in_with_cue_over_content() {
        // "Smith said taxes rise" — source 0..5, cue 6..10, content 11..21
        let text = "Smith said taxes rise";
        let article = GoldArticle {
            chars: text.chars().collect(),
            attributions: vec![GoldAttribution {
                content: vec![(11, 21)],
                source: vec![(0, 5)],
                cue: vec![(6, 10)],
                kind: GoldType::Indirect,
            }],
        };
        let at = |s, e| Piece { id: 0, start: s, end: e };
        let pieces = [at(0, 5), at(6, 10), at(11, 16), at(17, 21)];
        assert_eq!(piece_tags(&article, &pieces), vec![1, 3, 5, 6]);
    }
}
