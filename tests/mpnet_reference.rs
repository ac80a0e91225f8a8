//! quotelens' MPNet (`src/mpnet.rs`) against an independent forward pass of all-mpnet-base-v2
//! in numpy (`scripts/mpnet_reference.py`, which wrote `tests/data/mpnet-reference.json` with
//! ids from the Python `tokenizers` library).
//!
//! These need the model, which `scripts/install-mpnet.sh` (run by `setup.sh`) puts in
//! `models/base/all-mpnet-base-v2/`; without it they print a note and pass.

use quotelens_models::mpnet::{mean_pool, Mpnet, SENTENCE_MAX_LEN};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::{Mutex, OnceLock};
use tch::{Device, Kind, Tensor};

/// Largest difference allowed between a hidden state here and in the reference.
const TOLERANCE: f64 = 1e-4;

/// Smallest cosine allowed between a sentence's 8-bit and float embeddings.
const MIN_INT8_COSINE: f64 = 0.99;

#[derive(Deserialize)]
struct Reference {
    sentences: Vec<Sentence>,
}

#[derive(Deserialize)]
struct Sentence {
    text: String,
    ids: Vec<i64>,
    /// `[tokens, hidden]`.
    hidden: Vec<Vec<f32>>,
}

fn reference() -> Reference {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/mpnet-reference.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn model_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/base/all-mpnet-base-v2")
}

/// The model, loaded once for all tests (it is 440 MB), or None with a note when not installed.
fn model() -> Option<&'static Mutex<Mpnet>> {
    static MODEL: OnceLock<Option<Mutex<Mpnet>>> = OnceLock::new();
    let loaded = MODEL.get_or_init(|| {
        if !model_dir().join("model.safetensors").exists() {
            return None;
        }
        Some(Mutex::new(Mpnet::load(&model_dir(), Device::Cpu).unwrap()))
    });
    if loaded.is_none() {
        eprintln!("skipping: no {}; run scripts/install-mpnet.sh", model_dir().join("model.safetensors").display());
    }
    loaded.as_ref()
}

/// Run `f` on the model alone (one test may switch it to 8 bits), or skip.
fn with_model(f: impl FnOnce(&mut Mpnet)) {
    if let Some(model) = model() {
        f(&mut model.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
    }
}

fn ids_of(model: &Mpnet, text: &str) -> Vec<i64> {
    model.tokenizer.encode(text, SENTENCE_MAX_LEN)
}

/// The last hidden states of `inputs` as one padded batch: `[batch, width, hidden]`.
fn hidden_states(model: &Mpnet, inputs: &[Vec<i64>]) -> Tensor {
    let (ids, mask) = model.tokenizer.batch(inputs, Device::Cpu);
    tch::no_grad(|| model.model.forward_t(&ids, &mask, false))
}

/// Largest absolute difference between `[tokens, hidden]` states and the reference's.
fn max_difference(ours: &Tensor, expected: &[Vec<f32>]) -> f64 {
    let flat: Vec<f32> = expected.iter().flatten().copied().collect();
    let expected = Tensor::from_slice(&flat).view([expected.len() as i64, -1]);
    f64::try_from((ours - expected).abs().max()).unwrap()
}

#[test]
fn tokenizer_ids_match_python_tokenizers() {
    let vocab = model_dir().join("vocab.txt");
    if !vocab.exists() {
        eprintln!("skipping: no {}; run scripts/install-mpnet.sh", vocab.display());
        return;
    }
    let tokenizer = quotelens_models::mpnet::MpnetTokenizer::from_file(&vocab).unwrap();
    for sentence in reference().sentences {
        assert_eq!(tokenizer.encode(&sentence.text, SENTENCE_MAX_LEN), sentence.ids, "{}", sentence.text);
    }
}

#[test]
fn hidden_states_match_reference_alone_and_in_a_padded_batch() {
    with_model(|model| {
        let sentences = reference().sentences;
        let inputs: Vec<Vec<i64>> = sentences.iter().map(|s| ids_of(model, &s.text)).collect();
        let batch = hidden_states(model, &inputs);
        let (mut worst_alone, mut worst_batched, mut padding_effect) = (0f64, 0f64, 0f64);
        for (row, (sentence, ids)) in sentences.iter().zip(&inputs).enumerate() {
            assert_eq!(ids, &sentence.ids, "token ids of {:?}", sentence.text);
            let alone = hidden_states(model, std::slice::from_ref(ids)).get(0);
            let batched = batch.get(row as i64).narrow(0, 0, ids.len() as i64);
            worst_alone = worst_alone.max(max_difference(&alone, &sentence.hidden));
            worst_batched = worst_batched.max(max_difference(&batched, &sentence.hidden));
            padding_effect = padding_effect.max(f64::try_from((&alone - &batched).abs().max()).unwrap());
        }
        eprintln!("max |ours - reference|: alone {worst_alone:.2e}, batched {worst_batched:.2e}; max |alone - batched| {padding_effect:.2e}");
        assert!(worst_alone < TOLERANCE, "alone: off by {worst_alone}");
        assert!(worst_batched < TOLERANCE, "in a padded batch: off by {worst_batched}");
    });
}

#[test]
fn int8_embeddings_stay_close_to_float() {
    if !quotelens_models::mpnet::int8_supported() {
        eprintln!("skipping: FBGEMM does not run on this CPU");
        return;
    }
    with_model(|model| {
        let inputs: Vec<Vec<i64>> = reference().sentences.iter().map(|s| ids_of(model, &s.text)).collect();
        let embed = |model: &Mpnet, inputs: &[Vec<i64>]| {
            let (_, mask) = model.tokenizer.batch(inputs, Device::Cpu);
            mean_pool(&hidden_states(model, inputs), &mask).to_kind(Kind::Double)
        };
        let alone = |model: &Mpnet| {
            Tensor::cat(&inputs.iter().map(|i| embed(model, std::slice::from_ref(i))).collect::<Vec<_>>(), 0)
        };
        let (float_alone, float_batch) = (alone(model), embed(model, &inputs));
        model.quantize(true).unwrap();
        let (int8_alone, int8_batch) = (alone(model), embed(model, &inputs));
        model.quantize(false).unwrap();
        // Each token's 8-bit input is scaled on its own: the batch changes nothing.
        let batch_effect = f64::try_from((&int8_alone - &int8_batch).abs().max()).unwrap();
        eprintln!("8-bit: max |alone - batched| of the embeddings {batch_effect:.2e}");
        assert!(batch_effect < 1e-4, "8-bit embeddings change with the batch by {batch_effect}");
        for (what, float, int8) in [("alone", float_alone, int8_alone), ("batched", float_batch, int8_batch)] {
            let cosines = Vec::<f64>::try_from(Tensor::cosine_similarity(&float, &int8, 1, 1e-12)).unwrap();
            eprintln!("8-bit vs float cosine, {what}: {cosines:.5?}");
            for (sentence, cosine) in cosines.iter().enumerate() {
                assert!(*cosine >= MIN_INT8_COSINE, "sentence {sentence} {what}: cosine {cosine}");
            }
        }
    });
}

#[test]
fn embeddings_are_the_unit_mean_of_the_reference_states() {
    with_model(|model| {
        let sentences = reference().sentences;
        let texts: Vec<&str> = sentences.iter().map(|s| s.text.as_str()).collect();
        let ours = model.embed(&texts);
        for (row, sentence) in sentences.iter().enumerate() {
            let flat: Vec<f32> = sentence.hidden.iter().flatten().copied().collect();
            let mean =
                Tensor::from_slice(&flat).view([sentence.hidden.len() as i64, -1]).mean_dim(0, false, Kind::Float);
            let expected = &mean / mean.norm();
            let difference = f64::try_from((ours.get(row as i64) - expected).abs().max()).unwrap();
            assert!(difference < TOLERANCE, "{}: embedding off by {difference}", sentence.text);
        }
    });
}

#[test]
fn a_pair_keeps_the_target_and_the_end_of_a_long_statement() {
    with_model(|model| {
        let tokenizer = &model.tokenizer;
        let statement =
            "The talks began on Monday in Geneva after weeks of delay. ".repeat(8) + "He said the plan would fail.";
        let ids = tokenizer.encode_pair("the peace plan", &statement, 40);
        assert_eq!(ids.len(), 40);
        let target = tokenizer.encode("the peace plan", 40);
        let end = *target.last().unwrap();
        assert_eq!(&ids[..target.len()], &target[..], "<s> target </s> first");
        assert_eq!(ids[target.len()], end, "then a second </s>");
        assert_eq!(*ids.last().unwrap(), end);
        // The statement's end (the quote) survives; its beginning (the context) goes first.
        let quote = tokenizer.encode("He said the plan would fail.", 40);
        let quote_body = &quote[1..quote.len() - 1];
        assert_eq!(&ids[ids.len() - 1 - quote_body.len()..ids.len() - 1], quote_body);
        // A short pair is whole.
        let short = tokenizer.encode_pair("the plan", "It will fail.", 40);
        let body = tokenizer.encode("It will fail.", 40);
        assert_eq!(short.len(), tokenizer.encode("the plan", 40).len() + body.len());
    });
}

#[test]
fn the_encoder_read_in_parts_is_the_whole_encoder() {
    with_model(|model| {
        model.quantize(false).unwrap();
        let inputs = vec![ids_of(model, "The delegations meet on Thursday."), ids_of(model, "We reject it.")];
        let (ids, mask) = model.tokenizer.batch(&inputs, Device::Cpu);
        let whole = tch::no_grad(|| model.model.forward_t(&ids, &mask, false));
        let parts = tch::no_grad(|| {
            let low = model.model.layers_t(&model.model.embeddings_t(&ids, false), &mask, 0..10, false);
            model.model.layers_t(&low, &mask, 10..model.model.num_layers(), false)
        });
        assert!(whole.equal(&parts));
    });
}

#[test]
fn an_mpnet_task_model_without_its_head_is_a_clear_error() {
    if model().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let config = r#"{"model_type": "mpnet", "quotelens_base": "all-mpnet-base-v2", "id2label": {"0": "favor", "1": "against", "2": "none"}}"#;
    std::fs::write(dir.path().join("config.json"), config).unwrap();
    let layer = Tensor::zeros([768], (Kind::Float, Device::Cpu));
    Tensor::write_safetensors(
        &[("encoder.layer.11.output.LayerNorm.bias", &layer)],
        dir.path().join("model.safetensors"),
    )
    .unwrap();
    let config = quotelens_models::classifier::ClassifierConfig::new(dir.path());
    let err = format!("{:#}", quotelens_models::classifier::Classifier::new(config).err().unwrap());
    assert!(err.contains("model.safetensors") && err.contains("no head.bias, head.weight"), "{err}");
}
