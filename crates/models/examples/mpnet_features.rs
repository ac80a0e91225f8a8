//! Read the project's stance/sentiment corpora through the frozen all-mpnet-base-v2 (8-bit, as
//! it would be read in use) and keep, per example, the token states entering layer `FROM` (an
//! environment variable, default 10) and
//! the mean-pooled last layer: the expensive part of training heads over MPNet, done once.
//!
//! `cargo run --release -p quotelens-models --example mpnet_features -- SHARED_DATA OUT_DIR`
//! writes `OUT_DIR/<set>.safetensors` for train (news pairs, sentiment-only quotes, written plan
//! quotes) and dev (news pairs, written plan quotes).
use anyhow::Result;
use quotelens_models::mpnet::{mean_pool, Mpnet};
use quotelens_models::scoring::stance_statement;
use quotelens_models::train::stance_news::{self, NewsItem};
use quotelens_models::train::{data, Example};
use std::path::Path;
use tch::{Kind, Tensor};

/// States entering layer `FROM` (environment, default 10) are kept; the layers from there on
/// are what a head may train.
fn from_layer() -> usize {
    std::env::var("FROM").ok().and_then(|v| v.parse().ok()).unwrap_or(10)
}
const MAX_LEN: usize = 128;
/// No stance label (sentiment-only quotes).
const NO_LABEL: i64 = -1;

struct Item {
    ids: Vec<i64>,
    stance: i64,
    sentiment: i64,
    /// 0 news, 1 written plans, 2 news sentiment-only.
    source: i64,
}

fn pairs(model: &Mpnet, items: &[NewsItem], source: i64) -> Vec<Item> {
    items
        .iter()
        .map(|i| Item {
            ids: model.tokenizer.encode_pair(&i.pair.target, &stance_statement(&i.context, &i.quote), MAX_LEN),
            stance: i.stance as i64,
            sentiment: i.sentiment as i64,
            source,
        })
        .collect()
}

fn write(model: &Mpnet, items: &[Item], out: &Path) -> Result<()> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by_key(|&i| items[i].ids.len());
    let mut states: Vec<Tensor> = (0..items.len()).map(|_| Tensor::new()).collect();
    let mut pooled: Vec<Tensor> = (0..items.len()).map(|_| Tensor::new()).collect();
    let started = std::time::Instant::now();
    for (n, chunk) in order.chunks(16).enumerate() {
        let inputs: Vec<Vec<i64>> = chunk.iter().map(|&i| items[i].ids.clone()).collect();
        let (ids, mask) = model.tokenizer.batch(&inputs, tch::Device::Cpu);
        let (low, last) = tch::no_grad(|| {
            let low = model.model.layers_t(&model.model.embeddings_t(&ids, false), &mask, 0..from_layer(), false);
            let last = model.model.layers_t(&low, &mask, from_layer()..model.model.num_layers(), false);
            (low, mean_pool(&last, &mask))
        });
        for (row, &i) in chunk.iter().enumerate() {
            let len = items[i].ids.len() as i64;
            states[i] = low.get(row as i64).narrow(0, 0, len).to_kind(Kind::Half);
            pooled[i] = last.get(row as i64);
        }
        if n % 50 == 0 {
            eprintln!("{}: {}/{} in {:.0?}", out.display(), n * 16, items.len(), started.elapsed());
        }
    }
    let lengths: Vec<i64> = items.iter().map(|i| i.ids.len() as i64).collect();
    let column = |f: fn(&Item) -> i64| Tensor::from_slice(&items.iter().map(f).collect::<Vec<_>>());
    let ids: Vec<i64> = items.iter().flat_map(|i| i.ids.iter().copied()).collect();
    let tensors = [
        ("states", Tensor::cat(&states, 0)),
        ("pooled", Tensor::stack(&pooled, 0)),
        ("lengths", Tensor::from_slice(&lengths)),
        ("ids", Tensor::from_slice(&ids)),
        ("stance", column(|i| i.stance)),
        ("sentiment", column(|i| i.sentiment)),
        ("source", column(|i| i.source)),
    ];
    Tensor::write_safetensors(&tensors, out)?;
    Ok(())
}

/// Each news and written quote once, alone, for sentiment (as `quotelens label` reads it).
fn quotes_alone(model: &Mpnet, data: &Path, out: &Path) -> Result<()> {
    let polnear = |split: &str| data.join("polnear").join(split);
    for (split, news, plans) in [
        ("train", "data/stance-news/train.csv", "data/stance-plans/train.csv"),
        ("dev", "data/stance-news/dev.csv", "data/stance-plans/dev.csv"),
    ] {
        let mut items = Vec::new();
        for (source, quotes) in [
            (0, stance_news::read(Path::new(news), &polnear(split))?),
            (1, stance_news::read_written(Path::new(plans))?),
        ] {
            let examples = stance_news::sentiment_examples(&quotes, stance_news::SOURCE);
            items.extend(self::examples(model, &examples, source));
        }
        write(model, &items, &out.join(format!("quotes-{split}.safetensors")))?;
    }
    Ok(())
}

/// Benchmark examples as items: stance pairs (target, text) or sentiment sentences.
fn examples(model: &Mpnet, examples: &[Example], source: i64) -> Vec<Item> {
    examples
        .iter()
        .map(|e| match &e.pair {
            Some(text) => Item {
                ids: model.tokenizer.encode_pair(&e.text, text, MAX_LEN),
                stance: e.label as i64,
                sentiment: NO_LABEL,
                source,
            },
            None => Item {
                ids: model.tokenizer.encode(&e.text, MAX_LEN),
                stance: NO_LABEL,
                sentiment: e.label as i64,
                source,
            },
        })
        .collect()
}

/// The benchmarks' validation splits whole and a share of their training splits: 3 VAST,
/// 4 UKP, 5 SST-2, 6 NewsMTSC.
fn benchmarks(model: &Mpnet, data: &Path, out: &Path) -> Result<()> {
    let (mut train, mut dev) = (Vec::new(), Vec::new());
    for (name, source, share) in [("vast", 3, 0.3), ("ukp_sentential", 4, 0.25)] {
        for (split, e) in data::stance_corpus(&data.join("stance"), name)? {
            let set = if split == "dev" {
                &mut dev
            } else if split == "train" && data::in_share(e.pair.as_deref().unwrap_or(""), share) {
                &mut train
            } else {
                continue;
            };
            set.extend(examples(model, &[e], source));
        }
    }
    let (sst_train, sst_dev) = data::sst2(&data.join("sst2/train.tsv"), data::SST2_VALIDATION_PER_MILLE)?;
    let (mtsc_train, mtsc_dev) =
        data::newsmtsc(&data.join("newsmtsc/train.jsonl"), data::NEWSMTSC_VALIDATION_PER_MILLE)?;
    let keep =
        |v: Vec<Example>, share: f64| v.into_iter().filter(|e| data::in_share(&e.text, share)).collect::<Vec<_>>();
    train.extend(examples(model, &keep(sst_train, 0.06), 5));
    train.extend(examples(model, &keep(mtsc_train, 0.4), 6));
    dev.extend(examples(model, &sst_dev, 5));
    dev.extend(examples(model, &mtsc_dev, 6));
    write(model, &dev, &out.join("bench-dev.safetensors"))?;
    write(model, &train, &out.join("bench-train.safetensors"))
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (data, out) = (Path::new(&args[1]), Path::new(&args[2]));
    std::fs::create_dir_all(out)?;
    let mut model = Mpnet::load(Path::new("models/base/all-mpnet-base-v2"), tch::Device::Cpu)?;
    model.quantize(true)?;
    if args.get(3).is_some_and(|a| a == "bench") {
        return benchmarks(&model, data, out);
    }
    if args.get(3).is_some_and(|a| a == "quotes") {
        return quotes_alone(&model, data, out);
    }
    let polnear = |split: &str| data.join("polnear").join(split);
    let news_dev = stance_news::read(Path::new("data/stance-news/dev.csv"), &polnear("dev"))?;
    let plans_dev = stance_news::read_written(Path::new("data/stance-plans/dev.csv"))?;
    let mut dev = pairs(&model, &news_dev, 0);
    dev.extend(pairs(&model, &plans_dev, 1));
    write(&model, &dev, &out.join("dev.safetensors"))?;

    let news = stance_news::read(Path::new("data/stance-news/train.csv"), &polnear("train"))?;
    let plans = stance_news::read_written(Path::new("data/stance-plans/train.csv"))?;
    let mut train = pairs(&model, &news, 0);
    train.extend(pairs(&model, &plans, 1));
    let quotes =
        stance_news::read_sentiment_only(Path::new("data/stance-news/sentiment-train.csv"), &polnear("train"))?;
    train.extend(quotes.iter().map(|q| Item {
        ids: model.tokenizer.encode(&q.text, MAX_LEN),
        stance: NO_LABEL,
        sentiment: q.label as i64,
        source: 2,
    }));
    write(&model, &train, &out.join("train.safetensors"))
}
