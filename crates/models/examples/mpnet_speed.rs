//! Sentences per second of the all-mpnet-base-v2 encoder (`quotelens_models::mpnet`) on the CPU, in
//! floats and with its dense layers in 8 bits (FBGEMM), and how close the two embeddings are.
//!
//! ```sh
//! bash scripts/install-mpnet.sh    # once: the model into models/base/all-mpnet-base-v2/
//! cargo run --release --example mpnet_speed [-- MODEL_DIR]
//! ```
//!
//! Encodes 256 news sentences of about 40 tokens, made up from the parts below, in batches of 32
//! on 2 threads.

use anyhow::{Context, Result};
use quotelens_models::mpnet::{mean_pool, Mpnet, SENTENCE_MAX_LEN};
use std::path::PathBuf;
use std::time::Instant;
use tch::{Device, Kind, Tensor};

const SENTENCES: usize = 256;
const BATCH: usize = 32;
const THREADS: i32 = 2;
const ROUNDS: usize = 3;

const SPEAKERS: [&str; 8] = [
    "The foreign minister",
    "A spokesman for the defence ministry",
    "Opposition leaders",
    "The prime minister's office",
    "Union representatives",
    "Senior diplomats in Geneva",
    "The central bank governor",
    "Local officials in the border region",
];
const CUES: [&str; 4] = [
    "said on Tuesday that",
    "warned reporters in Brussels that",
    "told parliament that",
    "insisted in a statement that",
];
const CLAIMS: [&str; 8] = [
    "the peace plan would only hold if both sides withdrew their heavy weapons from the front line",
    "the government would not sign an agreement that rewarded aggression or left refugees without protection",
    "talks on a ceasefire had stalled over international monitors and the exchange of prisoners",
    "the budget deal reached late on Monday would cut defence spending and raise taxes on energy companies",
    "the new sanctions would hit exports of oil and gas harder than any measure taken so far",
    "thousands of families were still waiting for the compensation promised after last year's floods",
    "inflation was likely to stay above the bank's target until the end of next year",
    "the referendum on the treaty should be postponed until the security situation improved",
];
const TAILS: [&str; 4] = [
    ", according to a transcript released by the ministry.",
    ", adding that further talks were planned for next week.",
    ", although critics called the proposal vague and unworkable.",
    ", a claim the opposition immediately rejected.",
];

/// The `i`th sentence: speaker, cue, claim and tail chosen so that neighbours differ in each.
fn sentence(i: usize) -> String {
    let (speaker, cue) = (SPEAKERS[i % 8], CUES[(i / 8) % 4]);
    let (claim, tail) = (CLAIMS[(i * 3 + i / 32) % 8], TAILS[(i / 2) % 4]);
    format!("{speaker} {cue} {claim}{tail}")
}

/// Mean-pooled embeddings of `inputs`, in batches, and the sentences per second.
fn encode(model: &Mpnet, inputs: &[Vec<i64>]) -> (Tensor, f64) {
    let start = Instant::now();
    let pooled: Vec<Tensor> = inputs
        .chunks(BATCH)
        .map(|batch| {
            let (ids, mask) = model.tokenizer.batch(batch, Device::Cpu);
            tch::no_grad(|| mean_pool(&model.model.forward_t(&ids, &mask, false), &mask))
        })
        .collect();
    (Tensor::cat(&pooled, 0), inputs.len() as f64 / start.elapsed().as_secs_f64())
}

fn main() -> Result<()> {
    let dir =
        std::env::args().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("models/base/all-mpnet-base-v2"));
    tch::set_num_threads(THREADS);
    let mut model = Mpnet::load(&dir, Device::Cpu)
        .with_context(|| format!("no all-mpnet-base-v2 in {} (run scripts/install-mpnet.sh)", dir.display()))?;
    let inputs: Vec<Vec<i64>> =
        (0..SENTENCES).map(|i| model.tokenizer.encode(&sentence(i), SENTENCE_MAX_LEN)).collect();
    let tokens = inputs.iter().map(Vec::len).sum::<usize>() as f64 / SENTENCES as f64;
    println!("{SENTENCES} sentences of {tokens:.1} tokens on average, batches of {BATCH}, {THREADS} threads, best of {ROUNDS} rounds");

    // Rounds alternate floats and 8 bits, so that other load on the machine hits both alike;
    // the best round of each is the least disturbed.
    let (mut float_speeds, mut int8_speeds) = (Vec::new(), Vec::new());
    let (mut floats, mut int8) = (Tensor::new(), Tensor::new());
    for _ in 0..ROUNDS {
        model.quantize(false)?;
        let _warm_up = encode(&model, &inputs[..BATCH]);
        let speed;
        (floats, speed) = encode(&model, &inputs);
        float_speeds.push(speed);
        model.quantize(true)?;
        let _warm_up = encode(&model, &inputs[..BATCH]);
        let speed;
        (int8, speed) = encode(&model, &inputs);
        int8_speeds.push(speed);
    }
    let best = |speeds: &[f64]| speeds.iter().copied().fold(0.0, f64::max);
    println!("floats: {:.1} sentences/s (rounds: {float_speeds:.1?})", best(&float_speeds));
    println!("8-bit:  {:.1} sentences/s (rounds: {int8_speeds:.1?})", best(&int8_speeds));
    println!("8-bit / floats: {:.2}", best(&int8_speeds) / best(&float_speeds));

    let cosines = Tensor::cosine_similarity(&floats.to_kind(Kind::Double), &int8.to_kind(Kind::Double), 1, 1e-12);
    println!(
        "cosine 8-bit vs float embeddings: min {:.4}, mean {:.4}",
        f64::try_from(cosines.min())?,
        f64::try_from(cosines.mean(Kind::Double))?
    );
    Ok(())
}
