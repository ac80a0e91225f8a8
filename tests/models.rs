//! The shipped sentiment and stance models, loaded for real, on sentences written for these tests;
//! and the command-line paths that use them.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use quotelens_models::classifier::ClassifierConfig;
use quotelens_models::sentiment::{SentimentConfig, SentimentModel};
use quotelens_models::stance::{StanceConfig, StanceModel};
use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn quotelens() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_quotelens"));
    c.current_dir(root());
    c
}

fn sentiment() -> SentimentModel {
    SentimentModel::new(SentimentConfig::new(root().join("models/sentiment")))
        .expect("the shipped sentiment model loads")
}

fn stance() -> StanceModel {
    StanceModel::new(StanceConfig::new(root().join("models/stance"))).expect("the shipped stance model loads")
}

#[test]
fn sentiment_reads_praise_criticism_and_plain_reporting() {
    let model = sentiment();
    let texts = [
        "The new children's hospital is a wonderful achievement, and the staff have been fantastic.",
        "This budget is a disaster that will hurt families and destroy thousands of jobs.",
        "The committee will meet on Tuesday at ten o'clock in the town hall.",
    ];
    let s = model.predict(&texts);
    assert_eq!(s[0].label, "positive", "{:?}", s[0]);
    assert_eq!(s[1].label, "negative", "{:?}", s[1]);
    assert!(s[2].neutral > s[0].neutral && s[2].neutral > s[1].neutral, "{s:?}");
    for x in &s {
        assert!((x.negative + x.neutral + x.positive - 1.0).abs() < 1e-3, "{x:?}");
    }
}

#[test]
fn stance_reads_plain_support_and_opposition_toward_the_target() {
    let model = stance();
    let s = model.predict(&[
        ("the peace plan", "We fully support the peace plan and will sign it this week."),
        ("the new tax", "The new tax will cripple small businesses and must be scrapped."),
        ("the new tax", "I am proud to back the new tax, which funds our schools."),
    ]);
    assert_eq!(s[0].label, "favor", "{:?}", s[0]);
    assert_eq!(s[1].label, "against", "{:?}", s[1]);
    assert_eq!(s[2].label, "favor", "{:?}", s[2]);
}

#[test]
fn trumps_statements_about_the_plan_in_the_example_article_come_out_favor() {
    let Some(article) = common::beside_checkout("../shared/examples/peace-plan-article.txt") else { return };
    let out = quotelens().args(["label", "--target", "the peace plan"]).arg(&article).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (header, rows) = read_csv(&String::from_utf8(out.stdout).unwrap());
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = |needle: &str| {
        rows.iter()
            .find(|r| r[col("quote_text")].contains(needle))
            .unwrap_or_else(|| panic!("no quote containing {needle:?}"))
    };
    for needle in ["has now been \"fine-tuned,\"", "my team has made tremendous progress"] {
        let r = row(needle);
        assert_eq!(&r[col("speaker")], "Donald Trump");
        assert_eq!(&r[col("stance")], "favor", "{needle}: {r:?}");
    }
    // A quote that is not about the plan takes no side on it: the ministry's count of drones.
    assert_eq!(&row("249 Ukrainian drones")[col("stance")], "none");
}

#[test]
fn an_nli_model_directory_is_used_as_a_zero_shot_stance_scorer() {
    // A model directory whose labels read entailment / contradiction / neutral switches the
    // scorer to NLI mode: statement as premise, "The speaker is in favor of …" as hypothesis.
    let dir = tempfile::tempdir().unwrap();
    let src = root().join("models/stance");
    for f in ["model.safetensors", "vocab.txt", "tokenizer_config.json"] {
        std::fs::copy(src.join(f), dir.path().join(f)).unwrap();
    }
    let config = std::fs::read_to_string(src.join("config.json"))
        .unwrap()
        .replace("\"favor\"", "\"entailment\"")
        .replace("\"against\"", "\"contradiction\"")
        .replace("\"none\"", "\"neutral\"");
    std::fs::write(dir.path().join("config.json"), config).unwrap();
    let model = StanceModel::new(StanceConfig { classifier: ClassifierConfig::new(dir.path()) }).unwrap();
    assert!(model.is_zero_shot());
    let s = model.predict(&[("the plan", "We support the plan.")]);
    assert!((s[0].favor + s[0].against + s[0].none - 1.0).abs() < 1e-3);
}

#[test]
fn a_missing_model_directory_is_a_clear_error() {
    let err = SentimentModel::new(SentimentConfig::new("/nonexistent/model")).err().unwrap();
    assert!(err.to_string().contains("/nonexistent/model"), "{err}");
    let out = quotelens()
        .args(["label", "data/samples", "--target", "x", "--stance-model", "/nonexistent/model"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no stance model in /nonexistent/model"));
}

fn read_csv(text: &str) -> (csv::StringRecord, Vec<csv::StringRecord>) {
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let h = r.headers().unwrap().clone();
    (h, r.records().map(|x| x.unwrap()).collect())
}

#[test]
fn classify_keeps_input_columns_and_adds_every_score() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("statements.csv");
    std::fs::write(&input, "id,statement,outlet\n1,\"We welcome the agreement and will sign it tomorrow.\",A\n2,,B\n3,\"The agreement is a betrayal of our workers.\",C\n").unwrap();
    let out = quotelens()
        .arg("classify")
        .arg(&input)
        .args(["--text-column", "statement", "--target", "the agreement", "--target", "the weather"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stderr).contains("row 3: empty \"statement\""));
    let (header, rows) = read_csv(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(header.iter().take(3).collect::<Vec<_>>(), vec!["id", "statement", "outlet"]);
    assert_eq!(header.len(), 3 + quotelens_models::scoring::SCORE_COLUMNS.len());
    assert_eq!(rows.len(), 4, "two statements, two targets each");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for r in &rows {
        let sum: f64 =
            ["stance_favor", "stance_against", "stance_none"].iter().map(|c| r[col(c)].parse::<f64>().unwrap()).sum();
        assert!((sum - 1.0).abs() < 1e-3);
    }
    let label_of = |id: &str, column: &str| {
        rows.iter().find(|r| &r[0] == id && &r[col("target")] == "the agreement").unwrap()[col(column)].to_string()
    };
    assert!(["favor", "against", "none"].contains(&label_of("1", "stance").as_str()));
    assert_eq!(label_of("1", "sentiment"), "positive");
    assert_eq!(label_of("3", "sentiment"), "negative");
}

#[test]
fn classify_without_a_target_scores_sentiment_alone() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("statements.jsonl");
    std::fs::write(&input, "{\"id\": 1, \"text\": \"The rescue crews were heroic and the whole town is grateful.\"}\n{\"id\": 2, \"text\": \"The cuts are a disgrace that will ruin families.\"}\n").unwrap();
    let out = quotelens().arg("classify").arg(&input).args(["--text-column", "text"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (header, rows) = read_csv(&String::from_utf8(out.stdout).unwrap());
    let expected: Vec<&str> =
        ["id", "text"].into_iter().chain(quotelens_models::scoring::SENTIMENT_COLUMNS.iter().copied()).collect();
    assert_eq!(header.iter().collect::<Vec<_>>(), expected, "no target, so no stance columns");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!((&rows[0][col("sentiment")], &rows[1][col("sentiment")]), ("positive", "negative"));
}

#[test]
fn label_with_targets_writes_one_row_per_quote_and_target() {
    let out = quotelens()
        .args([
            "label",
            "--rules-only",
            "data/samples/harbour-agreement.txt",
            "--target",
            "the agreement",
            "--target",
            "the strike",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (header, rows) = read_csv(&String::from_utf8(out.stdout).unwrap());
    let expected: Vec<&str> = quotelens_core::record::COLUMNS
        .iter()
        .chain(quotelens_models::scoring::SCORE_COLUMNS.iter())
        .copied()
        .collect();
    assert_eq!(header.iter().collect::<Vec<_>>(), expected);
    let quotes =
        std::fs::read_to_string(root().join("data/expected-quotes.csv")).unwrap().matches("harbour-agreement,").count();
    assert_eq!(rows.len(), 2 * quotes);
}

#[test]
fn a_target_with_aliases_is_judged_toward_the_name_the_quote_uses_and_rows_carry_its_main_name() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "\"We will never accept the framework, it is a betrayal,\" said Ann Lee.\n\n\
         \"The ceasefire talks resume on Monday,\" said Bob Roe.\n",
    )
    .unwrap();
    let label = |target: &str| {
        let out = quotelens().args(["label", "--rules-only", "--target", target]).arg(&article).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let (header, rows) = read_csv(&String::from_utf8(out.stdout).unwrap());
        let col = |name: &str| header.iter().position(|h| h == name).unwrap();
        let (t, favor, against) = (col("target"), col("stance_favor"), col("stance_against"));
        rows.iter().map(|r| (r[t].to_string(), r[favor].to_string(), r[against].to_string())).collect::<Vec<_>>()
    };
    let aliased = label("the peace plan=the framework|the deal");
    let by_alias = label("the framework");
    let by_name = label("the peace plan");
    assert_eq!(aliased.len(), 2);
    assert!(aliased.iter().all(|(target, _, _)| target == "the peace plan"), "{aliased:?}");
    // The first quote says "the framework": scored as toward the framework.
    let scores = |row: &(String, String, String)| (row.1.clone(), row.2.clone());
    assert_eq!(scores(&aliased[0]), scores(&by_alias[0]));
    // The second names no alias: scored toward the main name.
    assert_eq!(scores(&aliased[1]), scores(&by_name[1]));
    assert_ne!(scores(&aliased[0]), scores(&by_name[0]), "the alias must change what the first quote is judged toward");
}

/// The quotes of the shipped sample articles, as the rules find them.
fn sample_quotes() -> Vec<String> {
    let articles = quotelens_core::input::read_inputs(
        &[root().join("data/samples")],
        &quotelens_core::input::FieldNames::default(),
        None,
    )
    .map(|a| a.unwrap())
    .collect::<Vec<_>>();
    articles.iter().flat_map(quotelens_core::pipeline::label_article).map(|r| r.quote_text).collect()
}

/// Label agreement and the largest difference of any class probability between two readings.
fn agreement(a: &[(&str, [f32; 3])], b: &[(&str, [f32; 3])]) -> (f64, f32) {
    let same = a.iter().zip(b).filter(|(x, y)| x.0 == y.0).count() as f64 / a.len() as f64;
    let diff = a.iter().zip(b).flat_map(|(x, y)| x.1.iter().zip(y.1).map(|(p, q)| (p - q).abs())).fold(0.0, f32::max);
    (same, diff)
}

/// On a CPU where libtorch multiplies 8-bit integers, the shipped models read in 8 bits must
/// score real sentences as they do in floats: at least 90% of labels the same and no class
/// probability more than 0.25 apart (on the development CPU, an AMD EPYC with AVX-512 VNNI:
/// all labels the same, largest difference under 0.1). A CPU whose integer kernels misbehave
/// fails here rather than in users' results. (Run again under older instruction sets by the
/// test after it.)
#[test]
fn the_shipped_models_score_real_quotes_in_8_bits_as_in_floats() {
    let quotes = sample_quotes();
    assert!(quotes.len() >= 20, "{} quotes", quotes.len());
    let texts: Vec<&str> = quotes.iter().map(String::as_str).collect();
    let sentiment_in = |full_precision: bool| {
        let mut config = SentimentConfig::new(root().join("models/sentiment"));
        config.classifier.full_precision = full_precision;
        SentimentModel::new(config).unwrap().predict(&texts)
    };
    let stance_in = |full_precision: bool| {
        let mut config = StanceConfig::new(root().join("models/stance"));
        config.classifier.full_precision = full_precision;
        let pairs: Vec<(&str, &str)> = texts.iter().map(|t| ("the agreement", *t)).collect();
        StanceModel::new(config).unwrap().predict(&pairs)
    };
    let sentiment = |s: Vec<quotelens_models::sentiment::SentimentScores>| {
        s.into_iter().map(|x| (x.label, [x.negative, x.neutral, x.positive])).collect::<Vec<_>>()
    };
    let stance = |s: Vec<quotelens_models::stance::StanceScores>| {
        s.into_iter().map(|x| (x.label, [x.favor, x.against, x.none])).collect::<Vec<_>>()
    };
    for (what, (same, diff)) in [
        ("sentiment", agreement(&sentiment(sentiment_in(false)), &sentiment(sentiment_in(true)))),
        ("stance", agreement(&stance(stance_in(false)), &stance(stance_in(true)))),
    ] {
        eprintln!("{what}: {:.0}% of labels the same in 8 bits and floats, largest difference {diff:.3}", same * 100.0);
        assert!(same >= 0.9 && diff <= 0.25, "{what}: {same:.2} of labels the same, largest difference {diff:.3}");
    }
}

/// The test above again in processes whose oneDNN integer kernels are held to AVX2 and to
/// AVX-512 without VNNI, as on the CPUs that have no more: a development machine with VNNI
/// would otherwise never run the kernels half the users get.
#[test]
fn the_shipped_models_score_alike_in_8_bits_on_older_instruction_sets() {
    if std::env::var_os("ONEDNN_MAX_CPU_ISA").is_some() {
        return;
    }
    for isa in ["AVX2", "AVX512_CORE"] {
        let out = Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "the_shipped_models_score_real_quotes_in_8_bits_as_in_floats", "--nocapture"])
            .env("ONEDNN_MAX_CPU_ISA", isa)
            // The MPNet sentiment model multiplies through FBGEMM, which has its own switch.
            .env("FBGEMM_ENABLE_INSTRUCTIONS", if isa == "AVX2" { "AVX2" } else { "AVX512" })
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        eprintln!("{isa}: {}", stderr.lines().filter(|l| l.contains("labels the same")).collect::<Vec<_>>().join("; "));
        assert!(out.status.success() && stdout.contains("1 passed"), "{isa}: {stdout}{stderr}");
    }
}
