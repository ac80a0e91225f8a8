//! `quotelens train sentiment|stance`: fine-tune the base encoder on the project's corpora.

use anyhow::{Context, Result};
use quotelens_core::eval::read_gold;
use quotelens_core::metrics::ClassMetrics;
use quotelens_core::tags::TAG_LABELS;
use quotelens_models::tagger::TaggerHead;
use quotelens_models::train::data::{self, SENTIMENT_LABELS, STANCE_LABELS};
use quotelens_models::train::stance_news;
use quotelens_models::train::tagging::{tag_windows, train_tagger, write_windows, TaggerReport, TaggerTrainConfig};
use quotelens_models::train::{train, Example, TrainConfig, TrainReport};
use std::path::PathBuf;
use std::process::ExitCode;

/// The base encoder that training starts from unless `--base` names another model.
const DEFAULT_BASE: &str = "models/base/all-MiniLM-L6-v2";

/// How many times NewsMTSC's training sentences enter a sentiment epoch.
const NEWSMTSC_REPEAT: usize = 4;

/// How many times the project's news-quote pairs enter an epoch: they are few beside the
/// benchmark corpora and the only ones that look like what quotelens scores.
const NEWS_REPEAT: usize = 2;

/// The stance model card's data section: what [`data::stance_mixture`] reads.
const STANCE_DATA: &str = "\
- **stance-news** (`data/stance-news/`, annotated by this project from PolNeAR articles; see its README): news quotes with the two sentences before them, each paired with one to three targets its article argues about and one it is not about; 54% of the train pairs are `none` toward a target the article is about. Its train pairs are repeated twice per epoch; **its dev pairs are the news validation set** and are never trained on.
- **stance-plans** (`data/stance-plans/train.csv`, written by this project; see its README): news-style quotes about plans and deals, a third per class, many with tone opposite to stance; repeated twice per epoch. Its held-out quotes (`dev.csv`) are never trained on.
- UKP Sentential Argument Mining (Stab et al., EMNLP 2018): web sentences on eight topics whose `none` is mostly on-topic sentences that take no side; detokenized. Train split; **validated on its dev split**.
- VAST (Allaway & McKeown, EMNLP 2020): New York Times comments paired with free-text topics, favor / against / none. Trained on its train split; **validated on its dev split**.
- Perspectrum (Chen et al., NAACL 2019), IBM Claim Stance (Bar-Haim et al., EACL 2017), ProCon20 (Hosseinia, Dragut & Mukherjee, SocialNLP 2020; quotes of named people), GWSD (Luo, Card & Jurafsky, Findings of EMNLP 2020; news sentences on climate), IAM (Cheng et al., ACL 2022): their train splits. Emergent (Ferreira & Vlachos, NAACL 2016; news headlines): all of it.
- Kinds of `none` that teach the model a statement about something else takes no side: one in four of IAM's dev non-claim sentences; one in five favor / against statements of the non-VAST corpora, and one in four VAST train comments, each paired with another train target of its corpus that it does not mention (no word of four letters or more of the target, by its first five letters, in the statement).
- `--corpora` restricts training to the named corpora (`news` and `plans` name the two above) and `--sample` keeps a share of one (by a stable hash); the three validation sets are always read.";

/// Which model to train.
#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum Task {
    /// Negative / neutral / positive, from SST-2 and NewsMTSC.
    Sentiment,
    /// Favor / against / none toward a target, from VAST and six other stance corpora.
    Stance,
    /// Source / cue / content spans (BIO tagger), from PolNeAR.
    Attribution,
}

/// The tasks with one label per text, trained by [`train`].
#[derive(Clone, Copy, Debug)]
enum Classification {
    Sentiment,
    Stance,
}

/// Arguments of `quotelens train`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// sentiment or stance.
    #[arg(value_enum)]
    task: Task,
    /// The corpora directory (with sst2/, newsmtsc/, stance/).
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// The base encoder directory.
    #[arg(long, default_value = DEFAULT_BASE)]
    base: PathBuf,
    /// Where to write the trained model (default: models/<task>).
    #[arg(long)]
    out: Option<PathBuf>,
    /// Passes over the training data at most.
    #[arg(long, default_value_t = 3)]
    epochs: usize,
    /// Stop after this many minutes (0: no limit); the best checkpoint so far is kept.
    #[arg(long, default_value_t = 0.0)]
    minutes: f64,
    /// Peak learning rate.
    #[arg(long)]
    lr: Option<f64>,
    /// Examples per step.
    #[arg(long, default_value_t = 32)]
    batch_size: usize,
    /// Longest input in tokens.
    #[arg(long)]
    max_len: Option<usize>,
    /// Steps between validations.
    #[arg(long, default_value_t = 200)]
    eval_every: usize,
    /// Validations without improvement before stopping.
    #[arg(long, default_value_t = 6)]
    patience: usize,
    /// Seed for initialisation, shuffling and dropout.
    #[arg(long, default_value_t = 13)]
    seed: u64,
    /// Torch threads (default: all cores).
    #[arg(long)]
    threads: Option<i32>,
    /// Attribution only: word pieces per window.
    #[arg(long, default_value_t = 254)]
    window: usize,
    /// Attribution only: what sits on the encoder: `linear` (cross-entropy per word piece),
    /// `lstm`, `crf` or `lstm-crf` (a bidirectional LSTM and a CRF trained by the likelihood
    /// of the whole tag sequence, the shipped tagger's head).
    #[arg(long, default_value = "linear")]
    head: TaggerHead,
    /// Stance only: train on these corpora alone (comma-separated, e.g. `vast,news`); all of
    /// them by default. The validation sets stay the same.
    #[arg(long, value_delimiter = ',')]
    corpora: Vec<String>,
    /// Keep a share of a corpus's training rows, e.g. `vast=0.3` or `sst2=0.2` (comma-separated
    /// for several), when going on from a model that has seen all of it.
    #[arg(long, value_delimiter = ',', value_parser = parse_share)]
    sample: Vec<(String, f64)>,
    /// Keep the word embeddings and the first N transformer layers as loaded (0: the
    /// embeddings alone); by default everything is trained.
    #[arg(long, value_name = "N")]
    freeze_layers: Option<usize>,
    /// The project's news-quote corpus (`train.csv`, `dev.csv`: PolNeAR quotes with targets,
    /// stance and sentiment); its dev pairs are validated on, never trained on.
    #[arg(long, default_value = "data/stance-news")]
    news: PathBuf,
    /// Quotes about plans and deals written by the project, with context, target and labels
    /// (default: data/stance-plans/train.csv when there); trained on, repeated as the news pairs.
    #[arg(long)]
    plans: Option<PathBuf>,
    /// Attribution only: word pieces between window starts in training (inference overlaps
    /// windows by half).
    #[arg(long, default_value_t = 192)]
    stride: usize,
    /// Attribution only: write the training and validation windows to DIR (`train.jsonl`,
    /// `valid.jsonl`: word-piece ids and tag ids per window) and stop, for training on another
    /// machine with `models/attribution/train_gpu.py`.
    #[arg(long, value_name = "DIR")]
    export_windows: Option<PathBuf>,
}

/// Run `train`.
pub fn run(args: Args) -> Result<ExitCode> {
    if let Some(n) = args.threads {
        tch::set_num_threads(n);
    }
    let task = match args.task {
        Task::Attribution => return train_attribution(args),
        Task::Sentiment => Classification::Sentiment,
        Task::Stance => Classification::Stance,
    };
    let (labels, train_set, valid_set, max_len, lr): (&[&str], Vec<Example>, Vec<Example>, usize, f64) = match task {
        Classification::Sentiment => {
            let (tr, mut va) = data::sst2(&args.data.join("sst2/train.tsv"), data::SST2_VALIDATION_PER_MILLE)?;
            let (ntr, nva) =
                data::newsmtsc(&args.data.join("newsmtsc/train.jsonl"), data::NEWSMTSC_VALIDATION_PER_MILLE)?;
            // SST-2's 1-3 word fragments ("charming", "a dull") teach little about statements
            // in the news and outnumber the news sentences; NewsMTSC, the only source of the
            // neutral class, is repeated so that it weighs about as much as SST-2.
            let mut tr: Vec<Example> = tr.into_iter().filter(|e| e.text.split_whitespace().count() >= 4).collect();
            tr.extend(repeated(&ntr, NEWSMTSC_REPEAT));
            va.extend(nva);
            let (ntr, nva) = news_corpus(&args, stance_news::sentiment_examples)?;
            tr.extend(ntr);
            let more = args.news.join("sentiment-train.csv");
            if more.exists() {
                let quotes = stance_news::read_sentiment_only(&more, &args.data.join("polnear/train"))?;
                tr.extend(repeated(&quotes, NEWS_REPEAT));
            }
            va.extend(nva);
            let tr = sampled(tr, &args.sample);
            (&SENTIMENT_LABELS, tr, va, args.max_len.unwrap_or(128), args.lr.unwrap_or(1e-4))
        }
        Classification::Stance => {
            let (mut tr, mut va) = data::stance_mixture(&args.data.join("stance"), &args.corpora, &args.sample)?;
            let (ntr, nva) = news_corpus(&args, stance_news::stance_examples)?;
            tr.extend(ntr);
            va.extend(nva);
            (&STANCE_LABELS, tr, va, args.max_len.unwrap_or(160), args.lr.unwrap_or(5e-5))
        }
    };
    // Classes weighted by inverse frequency, so that the rarer ones (neutral, none) are learnt.
    let mut counts = vec![0usize; labels.len()];
    for e in &train_set {
        counts[e.label] += 1;
    }
    let total: usize = counts.iter().sum();
    let class_weights: Vec<f32> = counts
        .iter()
        .map(|&c| if c == 0 { 0.0 } else { (total as f64 / (labels.len() * c) as f64).sqrt() as f32 })
        .collect();
    let config = TrainConfig {
        base_dir: args.base,
        out_dir: args
            .out
            .unwrap_or_else(|| PathBuf::from(format!("models/{}", format!("{:?}", args.task).to_lowercase()))),
        labels: labels.iter().map(|s| s.to_string()).collect(),
        epochs: args.epochs,
        lr,
        batch_size: args.batch_size,
        max_len,
        seed: args.seed,
        eval_every: args.eval_every,
        patience: args.patience,
        minutes: args.minutes,
        class_weights: Some(class_weights),
        frozen_layers: args.freeze_layers,
    };
    let report = train(&config, &train_set, &valid_set, |overall, by_source| objective(task, overall, by_source))?;
    print_report(&config, &report);
    write_model_card(task, &config, &report, train_set.len(), &args.corpora, &args.sample)?;
    Ok(ExitCode::SUCCESS)
}

/// `corpus=share` of `--sample`.
fn parse_share(s: &str) -> Result<(String, f64), String> {
    let (name, share) = s.split_once('=').ok_or_else(|| format!("{s:?}: expected corpus=share, e.g. vast=0.3"))?;
    let share: f64 = share.parse().map_err(|_| format!("{s:?}: the share is not a number"))?;
    if !(0.0..=1.0).contains(&share) {
        return Err(format!("{s:?}: the share must lie between 0 and 1"));
    }
    Ok((name.to_string(), share))
}

/// `examples` with only the `--sample` share of each named source kept (by a stable hash).
fn sampled(examples: Vec<Example>, shares: &[(String, f64)]) -> Vec<Example> {
    examples
        .into_iter()
        .filter(|e| shares.iter().find(|(n, _)| n == e.source).is_none_or(|(_, share)| data::in_share(&e.text, *share)))
        .collect()
}

/// `examples` `times` over, for a small corpus to weigh more in an epoch.
fn repeated(examples: &[Example], times: usize) -> impl Iterator<Item = Example> + '_ {
    examples.iter().cycle().take(examples.len() * times).cloned()
}

/// The news-quote corpus as training examples (repeated [`NEWS_REPEAT`] times) and validation
/// examples, with the written quotes about plans and deals (`plans.csv` beside it, when there)
/// added to training; made by `examples`. Nothing when the corpus is not there.
fn news_corpus(
    args: &Args,
    examples: fn(&[stance_news::NewsItem], &'static str) -> Vec<Example>,
) -> Result<(Vec<Example>, Vec<Example>)> {
    let (train_csv, dev_csv) = (args.news.join("train.csv"), args.news.join("dev.csv"));
    if !train_csv.exists() || !dev_csv.exists() {
        eprintln!("note: no news-quote corpus in {}; training without it", args.news.display());
        return Ok((Vec::new(), Vec::new()));
    }
    let valid = examples(&stance_news::read(&dev_csv, &args.data.join("polnear/dev"))?, stance_news::SOURCE);
    let mut train = Vec::new();
    let wanted = |name: &str| args.corpora.is_empty() || args.corpora.iter().any(|c| c == name);
    // `--corpora` without `news` validates on the news quotes but does not train on them.
    if wanted(stance_news::SOURCE) {
        let news = examples(&stance_news::read(&train_csv, &args.data.join("polnear/train"))?, stance_news::SOURCE);
        train.extend(repeated(&news, NEWS_REPEAT));
    }
    let written = args.plans.clone().unwrap_or_else(|| PathBuf::from("data/stance-plans/train.csv"));
    if wanted(stance_news::WRITTEN_SOURCE) && written.exists() {
        let plans = examples(&stance_news::read_written(&written)?, stance_news::WRITTEN_SOURCE);
        train.extend(repeated(&plans, NEWS_REPEAT));
    }
    Ok((train, valid))
}

/// Train the attribution tagger on PolNeAR train, validated on PolNeAR dev.
fn train_attribution(args: Args) -> Result<ExitCode> {
    let train_gold = read_gold(&args.data.join("polnear/train"))?;
    let dev_gold = read_gold(&args.data.join("polnear/dev"))?;
    let train_windows = tag_windows(&train_gold, &args.base, args.window, args.stride)?;
    let dev_windows = tag_windows(&dev_gold, &args.base, args.window, args.window)?;
    if let Some(dir) = &args.export_windows {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        write_windows(&train_windows, &dir.join("train.jsonl"))?;
        write_windows(&dev_windows, &dir.join("valid.jsonl"))?;
        println!(
            "{} training and {} validation windows written to {}",
            train_windows.len(),
            dev_windows.len(),
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let config = TaggerTrainConfig {
        base_dir: args.base,
        out_dir: args.out.unwrap_or_else(|| PathBuf::from("models/attribution")),
        epochs: args.epochs,
        lr: args.lr.unwrap_or(1e-4),
        batch_size: args.batch_size,
        seed: args.seed,
        eval_every: args.eval_every,
        patience: args.patience,
        minutes: args.minutes,
        window: args.window,
        head: args.head,
    };
    let report = train_tagger(&config, &train_windows, &dev_windows)?;
    println!("model written to {}", config.out_dir.display());
    println!("best step {} of {} ({:.0} s)", report.best_step, report.steps, report.seconds);
    let scores = print_tagger_scores(&report);
    let counts = TaggerDataCounts {
        train_articles: train_gold.len(),
        dev_articles: dev_gold.len(),
        windows: train_windows.len(),
        stride: args.stride,
    };
    let card = tagger_card(&config, &report, &counts, &scores);
    std::fs::write(config.out_dir.join("MODEL_CARD.md"), card)?;
    Ok(ExitCode::SUCCESS)
}

/// One validation score of a corpus, read from its metrics.
type Score = fn(&ClassMetrics) -> f64;

/// What "better" means per task: the mean of the scores the release is held to, over the
/// validation sets present. Stance: macro-F1 on news quotes, UKP and VAST. Sentiment: SST-2
/// accuracy, NewsMTSC macro-F1 and news-quote macro-F1.
fn objective(task: Classification, overall: &ClassMetrics, by_source: &[(String, ClassMetrics)]) -> f64 {
    let wanted: &[(&str, Score)] = match task {
        Classification::Stance => {
            &[("news", |m| m.macro_f1), ("ukp_sentential", |m| m.macro_f1), ("vast", |m| m.macro_f1)]
        }
        Classification::Sentiment => {
            &[("sst2", |m| m.accuracy), ("newsmtsc", |m| m.macro_f1), ("news", |m| m.macro_f1)]
        }
    };
    let scores: Vec<f64> = wanted
        .iter()
        .filter_map(|(name, score)| by_source.iter().find(|(n, _)| n == name).map(|(_, m)| score(m)))
        .collect();
    if scores.is_empty() {
        overall.macro_f1
    } else {
        scores.iter().sum::<f64>() / scores.len() as f64
    }
}

fn print_report(config: &TrainConfig, report: &TrainReport) {
    println!("model written to {}", config.out_dir.display());
    println!(
        "best step {} of {} ({} examples seen, {:.0} s)",
        report.best_step, report.steps, report.examples_seen, report.seconds
    );
    println!(
        "validation: accuracy {:.3}, macro-F1 {:.3} (n = {})",
        report.best.accuracy, report.best.macro_f1, report.best.n
    );
    for (source, m) in &report.best_by_source {
        println!("  {source}: accuracy {:.3}, macro-F1 {:.3} (n = {})", m.accuracy, m.macro_f1, m.n);
    }
}

/// Write MODEL_CARD.md beside the weights: what it is, the data and their terms, the recipe
/// and the validation scores of the kept checkpoint.
fn write_model_card(
    task: Classification,
    config: &TrainConfig,
    report: &TrainReport,
    train_examples: usize,
    corpora: &[String],
    sample: &[(String, f64)],
) -> Result<()> {
    // Training that went on from a trained model rather than the base encoder says so.
    let continued = config.base_dir != std::path::Path::new(DEFAULT_BASE);
    let (title, data, terms, use_) = match task {
        Classification::Sentiment => (
            "quotelens sentiment (negative / neutral / positive)",
            format!("- News quotes of the project's corpus (`data/stance-news/`: its train quotes with their sentiment, and `sentiment-train.csv`, quotes labelled for sentiment alone) and the written plan/deal quotes (`data/stance-plans/train.csv`), each repeated {NEWS_REPEAT} times per epoch; **the news quotes of the dev articles are the news validation set**, never trained on.\n- SST-2 (GLUE; Socher et al., EMNLP 2013): movie-review sentences and phrases, negative / positive. Phrases under four words are left out. Validation: whole sentences of 12+ words chosen by a stable hash of their text (3%), with every training phrase contained in a validation sentence removed from training.\n- NewsMTSC (Hamborg & Donnay, EACL 2021): news sentences with sentiment toward a person; a sentence is used when all its targets share one polarity (negative / neutral / positive). Validation: 10% by hash. Repeated {NEWSMTSC_REPEAT} times per epoch so that news weighs as much as movie reviews."),
            "News and written quotes: labels by this project; news quotes from PolNeAR (research use). SST-2: GLUE terms, research use. NewsMTSC: MIT. The weights are derived from all of them; use them for research.",
            "Sentiment of a statement as written, not toward a target: a quote that attacks an opponent in cheerful words may read positive.",
        ),
        Classification::Stance => (
            "quotelens stance (favor / against / none toward a target)",
            STANCE_DATA.to_string(),
            "stance-news and stance-plans: labels and written quotes by this project; stance-news quotes from PolNeAR (research use). UKP: CC BY-NC. VAST: research use, no licence granted upstream. Perspectrum: CC BY-SA 4.0; IBM Claim Stance: CC BY-SA 3.0. ProCon20: MIT repository, quotations copyright ProCon.org and their authors. GWSD, IAM, Emergent: no licence stated upstream. The weights are derived from all of them; use them for research.",
            "Input is (target, statement) as a sentence pair. quotelens adds the two sentences before a quote as context so that \"it\" and \"the deal\" can be resolved.",
        ),
    };
    let mut scores = format!(
        "| validation set | n | accuracy | macro-F1 |\n|---|---|---|---|\n| all | {} | {:.3} | {:.3} |\n",
        report.best.n, report.best.accuracy, report.best.macro_f1
    );
    for (source, m) in &report.best_by_source {
        scores += &format!("| {source} | {} | {:.3} | {:.3} |\n", m.n, m.accuracy, m.macro_f1);
    }
    let card = format!(
        "# {title}\n\n\
A {labels}-way classifier: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; BERT, 6 layers, hidden 384, uncased, 22.7M parameters) fine-tuned with a classification head by `quotelens train {task}`. Read out by the mean of the token states (the pooling all-MiniLM-L6-v2 was trained with) into a linear layer. Stored compactly (`model.safetensors`: matrices as 8-bit integers with a scale per row, the rest in half precision, tensor names as in Hugging Face transformers' `BertModel`, plus `classifier.*`); quotelens expands it to 32 bits on load.\n\n\
{use_}\n\n\
## Data\n\n{data}\n\n{train_examples} training examples per epoch.\n\n\
## Recipe\n\n\
AdamW (weight decay 0.01), peak learning rate {lr}, linear warm-up over 6% of the steps then linear decay, gradient-norm clip 1.0, batch {batch}, inputs up to {max_len} tokens, classes weighted by the square root of inverse frequency, length-bucketed batches, seed {seed}. Validation every {every} steps; the best checkpoint by the task's objective is kept (sentiment: the mean of SST-2 accuracy, NewsMTSC macro-F1 and news-quote macro-F1; stance: the mean of the news, UKP and VAST macro-F1). This run: {steps} steps, {seen} examples seen, {secs:.0} s on the CPU, best at step {best}. The per-step log is `training-log.jsonl`.\n\n\
Reproduce: `quotelens train {task}{base} --minutes {minutes} --epochs {epochs} --eval-every {every} --patience {patience} --batch-size {batch} --max-len {max_len} --lr {lr} --seed {seed}{corpora}{sample}{frozen}` (after `./setup.sh`, with the corpora in `../shared/data`{base_note}).\n\n\
## Validation scores (kept checkpoint)\n\n{scores}\n\
{benchmark_note}Releases are scored on held-back test splits with `quotelens classify`.\n\n\
## Terms\n\n{terms} The base encoder is Apache-2.0.\n",
        labels = config.labels.len(),
        task = format!("{task:?}").to_lowercase(),
        lr = config.lr,
        batch = config.batch_size,
        max_len = config.max_len,
        seed = config.seed,
        every = config.eval_every,
        steps = report.steps,
        seen = report.examples_seen,
        secs = report.seconds,
        best = report.best_step,
        minutes = config.minutes,
        epochs = config.epochs,
        patience = config.patience,
        base = if continued { format!(" --base {}", config.base_dir.display()) } else { String::new() },
        base_note = if continued { "; this run went on from the model that was there before, trained as its own card said" } else { "" },
        corpora = if corpora.is_empty() { String::new() } else { format!(" --corpora {}", corpora.join(",")) },
        frozen = config.frozen_layers.map_or(String::new(), |n| format!(" --freeze-layers {n}")),
        sample = if sample.is_empty() { String::new() } else { format!(" --sample {}", sample.iter().map(|(n, s)| format!("{n}={s}")).collect::<Vec<_>>().join(",")) },
        benchmark_note = match task {
            Classification::Sentiment => "SST-2 is scored as its benchmark is: the larger of the negative and positive probabilities decides. ",
            Classification::Stance => "",
        },
    );
    std::fs::write(config.out_dir.join("MODEL_CARD.md"), card)?;
    Ok(())
}

/// Print the tagger's validation scores by role, and return them as a Markdown table.
fn print_tagger_scores(report: &TaggerReport) -> String {
    let mut scores = String::from("| role | precision | recall | F1 |\n|---|---|---|---|\n");
    for (role, p) in &report.best.by_role {
        println!(
            "  {role:?}: exact-span precision {:.3}, recall {:.3}, F1 {:.3} (dev windows)",
            p.precision(),
            p.recall(),
            p.f1()
        );
        scores += &format!(
            "| {} | {:.3} | {:.3} | {:.3} |\n",
            format!("{role:?}").to_lowercase(),
            p.precision(),
            p.recall(),
            p.f1()
        );
    }
    scores
}

/// What the tagger was trained on, for its card.
struct TaggerDataCounts {
    train_articles: usize,
    dev_articles: usize,
    windows: usize,
    stride: usize,
}

/// The model card of a trained tagger.
fn tagger_card(config: &TaggerTrainConfig, report: &TaggerReport, counts: &TaggerDataCounts, scores: &str) -> String {
    format!(
        "# quotelens attribution tagger (source / cue / content)\n\n\
A BIO token tagger (tags {tags:?}): all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0; BERT, 6 layers, hidden 384, uncased, 22.7M parameters) with {head_text}, fine-tuned by `quotelens train attribution` (`config.json`: `\"quotelens_head\": \"{head}\"`). Stored compactly (`model.safetensors`: matrices as 8-bit integers with a scale per row, the rest in half precision, tensor names as in Hugging Face transformers' `BertForTokenClassification`); quotelens expands it to 32 bits on load. Decoding keeps spans well formed (an `I-` tag only inside a span of its role).\n\n\
quotelens reads an article in windows of {window} word pieces overlapping by half; each piece takes the mean of its tag scores over the windows that read it, weighted toward the one it sits deeper in. Each content span takes the nearest free cue of its paragraph and that cue's nearest source, never across another content span, and two contents with only their own attribution set off between them are one; the pipeline keeps the rules' direct quotes, drops tagged contents under six words with no cue, and adds the tagger's other attributions.\n\n\
## Data\n\nPolNeAR (Newell, Margolin & Ruths, LREC 2018): political news articles from 2016 with every attribution annotated as source, cue and content spans. Trained on its {n_train} train articles ({windows} windows of {window} pieces, {stride} apart), one annotator per article (the first by name); validated on its {n_dev} dev articles. Where one attribution sits inside another's content, the inner cue and source take their pieces.\n\n\
## Recipe\n\nAdamW (weight decay 0.01), peak learning rate {lr}, linear warm-up over 6% of the steps then linear decay, gradient-norm clip 1.0, {batch} windows per step, seed {seed}. Validation every {every} steps by exact-span F1 on the dev windows; the best checkpoint is kept. This run: {steps} steps, {secs:.0} s on the CPU, best at step {best}. The per-step log is `training-log.jsonl`.\n\n\
Reproduce: `quotelens train attribution --head {head} --minutes {minutes} --epochs {epochs} --eval-every {every} --patience {patience} --batch-size {batch} --lr {lr} --seed {seed} --window {window} --stride {stride}` (after `./setup.sh`, with the corpora in `../shared/data`).\n\n\
## Validation scores (kept checkpoint, exact spans within dev windows)\n\n{scores}\n\
Scores of the whole pipeline on whole dev articles come from `quotelens eval` (see the README).\n\n\
## Terms\n\nPolNeAR: research use; its article texts are copyrighted news and are not shipped. The weights are derived from it; use them for research. The base encoder is Apache-2.0.\n",
        tags = TAG_LABELS,
        head = config.head.name(),
        head_text = match config.head {
            TaggerHead::Linear => "a linear layer per word piece, trained by cross-entropy per piece",
            TaggerHead::Lstm => "a bidirectional LSTM and a linear layer per word piece, trained by cross-entropy per piece",
            TaggerHead::Crf => "a linear layer per word piece under a linear-chain CRF, trained by the likelihood of the whole tag sequence",
            TaggerHead::LstmCrf => "a bidirectional LSTM, a linear layer per word piece and a linear-chain CRF, trained by the likelihood of the whole tag sequence",
        },
        window = config.window,
        stride = counts.stride,
        n_train = counts.train_articles,
        n_dev = counts.dev_articles,
        windows = counts.windows,
        lr = config.lr,
        batch = config.batch_size,
        seed = config.seed,
        every = config.eval_every,
        steps = report.steps,
        secs = report.seconds,
        best = report.best_step,
        minutes = config.minutes,
        epochs = config.epochs,
        patience = config.patience,
    )
}
