//! Train MPNet's upper layers and a stance and a sentiment head over the states that
//! `mpnet_features` kept, and score them on the news and written-plan validation pairs.
//!
//! `cargo run --release -p quotelens-models --example mpnet_heads -- FEATURES_DIR OUT_DIR [EPOCHS]`
use anyhow::Result;
use quotelens_models::mpnet::{mean_pool, Mpnet};
use std::collections::HashMap;
use std::path::Path;
use tch::nn::{self, Module, OptimizerConfig};
use tch::{Device, Kind, Tensor};

/// The first trained layer: the features were kept entering it (`FROM`, default 10).
fn from_layer() -> usize {
    std::env::var("FROM").ok().and_then(|v| v.parse().ok()).unwrap_or(10)
}
const BATCH: usize = 16;

struct Set {
    states: Vec<Tensor>,
    stance: Vec<i64>,
    sentiment: Vec<i64>,
    source: Vec<i64>,
}

impl Set {
    fn extend(&mut self, other: Set) {
        self.states.extend(other.states);
        self.stance.extend(other.stance);
        self.sentiment.extend(other.sentiment);
        self.source.extend(other.source);
    }

    /// Keep the examples for which `f` holds.
    fn keep(&mut self, f: impl Fn(&Set, usize) -> bool) {
        let kept: Vec<usize> = (0..self.states.len()).filter(|&i| f(self, i)).collect();
        self.states = kept.iter().map(|&i| self.states[i].shallow_clone()).collect();
        self.stance = kept.iter().map(|&i| self.stance[i]).collect();
        self.sentiment = kept.iter().map(|&i| self.sentiment[i]).collect();
        self.source = kept.iter().map(|&i| self.source[i]).collect();
    }

    /// Indices of one epoch: every example, the project's own (sources 0–2) `repeat` times.
    fn epoch(&self, repeat: usize, bench_share: f64) -> Vec<usize> {
        let draws =
            Vec::<f64>::try_from(Tensor::rand([self.states.len() as i64], (Kind::Double, Device::Cpu))).unwrap();
        let times = |i: usize| match self.source[i] {
            0..=2 => repeat,
            _ => usize::from(draws[i] < bench_share),
        };
        let mut rows: Vec<usize> = (0..self.states.len()).flat_map(|i| std::iter::repeat_n(i, times(i))).collect();
        let order = Vec::<i64>::try_from(Tensor::randperm(rows.len() as i64, (Kind::Int64, Device::Cpu))).unwrap();
        rows = order.iter().map(|&i| rows[i as usize]).collect();
        rows
    }
}

fn load(path: &Path) -> Result<Set> {
    let t: HashMap<String, Tensor> = Tensor::read_safetensors(path)?.into_iter().collect();
    let lengths = Vec::<i64>::try_from(&t["lengths"])?;
    let mut states = Vec::new();
    let mut at = 0;
    for len in lengths {
        states.push(t["states"].narrow(0, at, len));
        at += len;
    }
    let v = |n: &str| Vec::<i64>::try_from(&t[n]);
    Ok(Set { states, stance: v("stance")?, sentiment: v("sentiment")?, source: v("source")? })
}

fn batch(set: &Set, rows: &[usize]) -> (Tensor, Tensor) {
    let width = rows.iter().map(|&i| set.states[i].size()[0]).max().unwrap();
    let padded: Vec<Tensor> = rows
        .iter()
        .map(|&i| {
            let s = set.states[i].to_kind(Kind::Float);
            s.constant_pad_nd([0, 0, 0, width - s.size()[0]])
        })
        .collect();
    let mask: Vec<Tensor> = rows
        .iter()
        .map(|&i| {
            let n = set.states[i].size()[0];
            Tensor::cat(
                &[
                    Tensor::ones([n], (Kind::Int64, Device::Cpu)),
                    Tensor::zeros([width - n], (Kind::Int64, Device::Cpu)),
                ],
                0,
            )
        })
        .collect();
    (Tensor::stack(&padded, 0), Tensor::stack(&mask, 0))
}

struct Heads {
    stance: nn::Linear,
    sentiment: nn::Linear,
}

fn forward(model: &Mpnet, heads: &Heads, set: &Set, rows: &[usize], train: bool) -> (Tensor, Tensor) {
    let (states, mask) = batch(set, rows);
    let top = model.model.layers_t(&states, &mask, from_layer()..model.model.num_layers(), train);
    let pooled = mean_pool(&top, &mask).dropout(0.1, train);
    (heads.stance.forward(&pooled), heads.sentiment.forward(&pooled))
}

fn macro_f1(gold: &[i64], predicted: &[i64]) -> (f64, Vec<f64>, f64) {
    let f: Vec<f64> = (0..3)
        .map(|c| {
            let tp = gold.iter().zip(predicted).filter(|(g, p)| **g == c && **p == c).count() as f64;
            let pp = predicted.iter().filter(|p| **p == c).count() as f64;
            let t = gold.iter().filter(|g| **g == c).count() as f64;
            let (pr, rc) = (tp / pp.max(1.0), tp / t.max(1.0));
            if pr + rc > 0.0 {
                2.0 * pr * rc / (pr + rc)
            } else {
                0.0
            }
        })
        .collect();
    let none_recall = {
        let t = gold.iter().filter(|g| **g == 2).count() as f64;
        gold.iter().zip(predicted).filter(|(g, p)| **g == 2 && **p == 2).count() as f64 / t.max(1.0)
    };
    (f.iter().sum::<f64>() / 3.0, f, none_recall)
}

fn evaluate(model: &Mpnet, heads: &Heads, dev: &Set) -> f64 {
    let rows: Vec<usize> = (0..dev.states.len()).collect();
    let (mut stance, mut sentiment, mut sentiment_two_way) = (Vec::new(), Vec::new(), Vec::new());
    tch::no_grad(|| {
        for chunk in rows.chunks(64) {
            let (a, b) = forward(model, heads, dev, chunk, false);
            stance.extend(Vec::<i64>::try_from(a.argmax(-1, false)).unwrap());
            sentiment.extend(Vec::<i64>::try_from(b.argmax(-1, false)).unwrap());
            let two = b.index_select(1, &Tensor::from_slice(&[0i64, 2])).argmax(-1, false) * 2;
            sentiment_two_way.extend(Vec::<i64>::try_from(two).unwrap());
        }
    });
    let mut news = 0.0;
    for (source, name) in [(0, "news"), (1, "plans"), (3, "vast"), (4, "ukp"), (5, "sst2"), (6, "newsmtsc")] {
        let pick = |v: &[i64]| rows.iter().filter(|&&i| dev.source[i] == source).map(|&i| v[i]).collect::<Vec<_>>();
        if pick(&dev.stance).is_empty() {
            continue;
        }
        let mut line = format!("  {name}:");
        if pick(&dev.stance)[0] >= 0 {
            let (s, sf, none) = macro_f1(&pick(&dev.stance), &pick(&stance));
            line += &format!(" stance {s:.3} {sf:.3?} none recall {none:.3}");
            if source == 0 {
                news += s;
            }
        }
        if pick(&dev.sentiment)[0] >= 0 {
            let (m, mf, _) = macro_f1(&pick(&dev.sentiment), &pick(&sentiment));
            line += &format!(" | sentiment {m:.3} {mf:.3?}");
            if source == 5 {
                // SST-2 has no neutral: the larger of negative and positive, as eval-stance scores it.
                let gold = pick(&dev.sentiment);
                let probs = pick(&sentiment_two_way);
                let right = gold.iter().zip(&probs).filter(|(g, p)| g == p).count();
                line += &format!(" two-way accuracy {:.3}", right as f64 / gold.len() as f64);
            }
            // Stance alone: the untrained sentiment head does not count.
            if source == 0 && std::env::var_os("STANCE_ONLY").is_none() {
                news += m;
            }
        }
        println!("{line}");
    }
    news
}

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (features, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let epochs: usize = args.get(3).map_or(Ok(4), |e| e.parse())?;
    let lr: f64 = args.get(4).map_or(Ok(3e-5), |e| e.parse())?;
    std::fs::create_dir_all(out)?;
    tch::manual_seed(7);
    let mut train = load(&features.join("train.safetensors"))?;
    let mut dev = load(&features.join("dev.safetensors"))?;
    if std::env::var_os("WITH_BENCH").is_some() {
        train.extend(load(&features.join("bench-train.safetensors"))?);
        dev.extend(load(&features.join("bench-dev.safetensors"))?);
    }
    if std::env::var_os("SENTIMENT_ONLY").is_some() {
        train.extend(load(&features.join("quotes-train.safetensors"))?);
        dev.extend(load(&features.join("quotes-dev.safetensors"))?);
        train.keep(|s, i| s.stance[i] < 0 && s.sentiment[i] >= 0);
        dev.keep(|s, i| s.stance[i] < 0 && s.sentiment[i] >= 0);
    }
    // Stance alone: the sentiment-only quotes leave, and the sentiment head is not trained.
    let stance_only = std::env::var_os("STANCE_ONLY").is_some();
    if stance_only {
        train.keep(|s, i| s.stance[i] >= 0);
        dev.keep(|s, i| s.stance[i] >= 0);
    }
    // Validate every this many steps as well as after each epoch (0: after each epoch only).
    let eval_every: usize = std::env::var("EVAL_EVERY").map_or(Ok(0), |v| v.parse())?;
    // News pairs count this many times per epoch.
    let news_repeat: usize = std::env::var("NEWS_REPEAT").map_or(Ok(1), |v| v.parse())?;
    // The share of the benchmarks' training examples drawn afresh into each epoch.
    let bench_share: f64 = std::env::var("BENCH_SHARE").map_or(Ok(1.0), |v| v.parse())?;
    let model = Mpnet::load(Path::new("models/base/all-mpnet-base-v2"), Device::Cpu)?;
    let prefixes: Vec<String> =
        (from_layer()..model.model.num_layers()).map(|l| format!("encoder.layer.{l}.")).collect();
    for (name, t) in model.vs.variables() {
        if prefixes.iter().any(|p| name.starts_with(p)) {
            let _ = t.set_requires_grad(true);
        }
    }
    let head_vs = nn::VarStore::new(Device::Cpu);
    let heads = Heads {
        stance: nn::linear(head_vs.root() / "stance", 768, 3, Default::default()),
        sentiment: nn::linear(head_vs.root() / "sentiment", 768, 3, Default::default()),
    };
    // Go on from a sentiment model this example wrote (its upper layers and head).
    if let Ok(init) = std::env::var("INIT") {
        let mut vars = model.vs.variables();
        let mut heads_vars = head_vs.variables();
        for (name, value) in Tensor::read_safetensors(&init)? {
            let target = match name.strip_prefix("head.") {
                Some(rest) => heads_vars.get_mut(&format!("sentiment.{rest}")),
                None => vars.get_mut(&name),
            };
            tch::no_grad(|| target.expect("a tensor of the model").copy_(&value.to_kind(Kind::Float)));
        }
    }
    let mut upper = nn::AdamW::default().build(&model.vs, lr)?;
    let mut head_opt = nn::AdamW::default().build(&head_vs, 1e-3)?;
    // Balanced classes, softened: each class weighted by the square root of its rarity.
    let weights = |labels: &[i64]| {
        let counts: Vec<f64> = (0..3).map(|c| labels.iter().filter(|l| **l == c).count() as f64).collect();
        let n: f64 = counts.iter().sum();
        Tensor::from_slice(&counts.iter().map(|c| ((n / (3.0 * c.max(1.0))).sqrt()) as f32).collect::<Vec<_>>())
    };
    let (stance_w, sentiment_w) = (weights(&train.stance), weights(&train.sentiment));
    let mut best = f64::MIN;
    let steps_per_epoch = train.epoch(news_repeat, bench_share).len().div_ceil(BATCH);
    let total = (epochs * steps_per_epoch) as f64;
    let mut step = 0.0;
    for epoch in 0..epochs {
        let order = train.epoch(news_repeat, bench_share);
        let started = std::time::Instant::now();
        let mut running = 0.0;
        for (n, chunk) in order.chunks(BATCH).enumerate() {
            let rows: Vec<usize> = chunk.to_vec();
            let (a, b) = forward(&model, &heads, &train, &rows, true);
            let stance = Tensor::from_slice(&rows.iter().map(|&i| train.stance[i]).collect::<Vec<_>>());
            let sentiment = Tensor::from_slice(&rows.iter().map(|&i| train.sentiment[i]).collect::<Vec<_>>());
            // A batch with no label of a task adds nothing for it (a mean over no labels is NaN).
            let task_loss = |logits: &Tensor, labels: &Tensor, weights: &Tensor| {
                if labels.ge(0).any().int64_value(&[]) == 0 {
                    return Tensor::zeros([], (Kind::Float, Device::Cpu));
                }
                logits.log_softmax(-1, Kind::Float).g_nll_loss(labels, Some(weights), tch::Reduction::Mean, -1)
            };
            let mut loss = task_loss(&a, &stance, &stance_w);
            if !stance_only {
                loss += task_loss(&b, &sentiment, &sentiment_w);
            }
            // Linear decay to zero.
            let scale = 1.0 - step / total;
            upper.set_lr(lr * scale);
            head_opt.set_lr(1e-3 * scale);
            upper.zero_grad();
            head_opt.zero_grad();
            loss.backward();
            upper.step();
            head_opt.step();
            step += 1.0;
            running += loss.double_value(&[]);
            if n % 100 == 99 {
                eprintln!("epoch {epoch} step {} loss {:.3} {:.0?}", n + 1, running / 100.0, started.elapsed());
                running = 0.0;
            }
            if eval_every > 0 && n % eval_every == eval_every - 1 {
                println!("epoch {epoch} step {}:", n + 1);
                keep_if_best(&model, &heads, &dev, &prefixes, out, &mut best)?;
            }
        }
        println!("epoch {epoch} ({:.0?}):", started.elapsed());
        keep_if_best(&model, &heads, &dev, &prefixes, out, &mut best)?;
    }
    Ok(())
}

/// Validate, and write both heads with the trained layers when the news score is the best yet.
fn keep_if_best(
    model: &Mpnet,
    heads: &Heads,
    dev: &Set,
    prefixes: &[String],
    out: &Path,
    best: &mut f64,
) -> Result<()> {
    let score = evaluate(model, heads, dev);
    if score <= *best {
        return Ok(());
    }
    *best = score;
    for (task, head) in [("stance", &heads.stance), ("sentiment", &heads.sentiment)] {
        let mut tensors: Vec<(String, Tensor)> = model
            .vs
            .variables()
            .into_iter()
            .filter(|(name, _)| prefixes.iter().any(|p| name.starts_with(p)))
            .map(|(name, t)| (name, t.to_kind(Kind::Half)))
            .collect();
        tensors.push(("head.weight".into(), head.ws.to_kind(Kind::Half)));
        tensors.push(("head.bias".into(), head.bs.as_ref().unwrap().to_kind(Kind::Half)));
        std::fs::create_dir_all(out.join(task))?;
        Tensor::write_safetensors(&tensors, out.join(task).join("model.safetensors"))?;
    }
    println!("  saved");
    Ok(())
}
