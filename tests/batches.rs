//! Batches that lose nothing: a run killed with SIGKILL and resumed gives the output of an
//! uninterrupted run, byte for byte; shares of a corpus merge into a single run's rows; the same
//! input gives the same bytes whatever the thread count or batch size; duplicate ids and bad
//! rows are reported in the errors file and every good article is labelled.

use std::path::{Path, PathBuf};

mod support;
use support::{kill_after_checkpoint, quotelens, run_ok};

/// A JSONL corpus of `copies` copies of the shipped sample articles, each copy with its own ids,
/// and three bad rows among them: a truncated row, one that is not an object, and an empty text.
fn corpus(dir: &Path, copies: usize) -> PathBuf {
    let samples =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples/articles.jsonl")).unwrap();
    let articles: Vec<serde_json::Value> = samples.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut lines = Vec::new();
    for copy in 0..copies {
        for article in &articles {
            let mut article = article.clone();
            article["id"] = format!("{}-{copy}", article["id"].as_str().unwrap()).into();
            lines.push(article.to_string());
        }
        if copy == copies / 2 {
            lines.push(r#"{"id": "cut-off", "text": "The minister sa"#.to_string());
            lines.push("[1, 2, 3]".to_string());
            lines.push(r#"{"id": "blank", "text": "  "}"#.to_string());
        }
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// The data rows of a CSV file, sorted, for comparing row sets.
fn sorted_rows(path: &Path) -> Vec<csv::StringRecord> {
    let mut rows: Vec<_> = csv::Reader::from_path(path).unwrap().records().map(|r| r.unwrap()).collect();
    rows.sort_by(|a, b| a.iter().cmp(b.iter()));
    rows
}

#[test]
fn a_run_killed_with_sigkill_and_resumed_writes_what_an_uninterrupted_run_writes() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 4000);
    let (whole, whole_errors) = (dir.path().join("whole.csv"), dir.path().join("whole-errors.csv"));
    run_ok(
        quotelens().args(["label", "--rules-only", "-o"]).arg(&whole).arg("--errors").arg(&whole_errors).arg(&input),
    );

    let (out, errors) = (dir.path().join("out.csv"), dir.path().join("errors.csv"));
    let label = |resume: bool| {
        let mut command = quotelens();
        command.args(["label", "--rules-only", "-o"]).arg(&out).arg("--errors").arg(&errors).arg(&input);
        if resume {
            command.arg("--resume");
        }
        command
    };
    // Killed as soon as it has taken a checkpoint, well before it is done.
    let checkpoint = dir.path().join("out.csv.checkpoint");
    kill_after_checkpoint(&mut label(false), &checkpoint);
    assert!(!out.exists(), "a killed run must leave no output where a finished one is expected");
    let resumed = run_ok(&mut label(true));
    let said = String::from_utf8_lossy(&resumed.stderr);
    assert!(said.contains("resuming after"), "{said}");
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&whole).unwrap(), "resumed output differs");
    assert_eq!(std::fs::read(&errors).unwrap(), std::fs::read(&whole_errors).unwrap(), "resumed errors differ");
    assert!(!checkpoint.exists(), "a finished run removes its checkpoint");
}

#[test]
fn resuming_with_other_options_is_refused_and_without_a_checkpoint_starts_over() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 2);
    let out = dir.path().join("out.csv");
    std::fs::write(dir.path().join("out.csv.checkpoint"), r#"{"job":"another command","counts":{"consumed":1,"articles":1,"quotes":0,"skipped":0,"duplicates":0},"output_bytes":0,"errors_bytes":null}"#).unwrap();
    let refused = quotelens().args(["label", "--rules-only", "--resume", "-o"]).arg(&out).arg(&input).output().unwrap();
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("different command"));
    std::fs::remove_file(dir.path().join("out.csv.checkpoint")).unwrap();
    let fresh = run_ok(quotelens().args(["label", "--rules-only", "--resume", "-o"]).arg(&out).arg(&input));
    assert!(String::from_utf8_lossy(&fresh.stderr).contains("starting from the beginning"));
    assert!(out.exists());
}

#[test]
fn the_shares_of_a_corpus_merge_into_the_rows_of_a_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 30);
    let single = dir.path().join("single.csv");
    let single_errors = dir.path().join("single-errors.csv");
    run_ok(
        quotelens().args(["label", "--rules-only", "-o"]).arg(&single).arg("--errors").arg(&single_errors).arg(&input),
    );
    let (mut parts, mut error_parts) = (Vec::new(), Vec::new());
    for k in 0..3 {
        let part = dir.path().join(format!("part-{k}.csv"));
        let errors = dir.path().join(format!("errors-{k}.csv"));
        let shard = format!("{k}/3");
        run_ok(
            quotelens()
                .args(["label", "--rules-only", "--shard", &shard, "-o"])
                .arg(&part)
                .arg("--errors")
                .arg(&errors)
                .arg(&input),
        );
        parts.push(part);
        error_parts.push(errors);
    }
    // Every share has some of the articles, and no article is in two.
    let ids = |path: &Path| -> std::collections::BTreeSet<String> {
        sorted_rows(path).iter().map(|r| r[0].to_string()).collect()
    };
    let shares: Vec<_> = parts.iter().map(|p| ids(p)).collect();
    assert!(shares.iter().all(|s| !s.is_empty()), "{shares:?}");
    assert_eq!(shares.iter().map(|s| s.len()).sum::<usize>(), ids(&single).len());

    let merged = dir.path().join("merged.csv");
    run_ok(quotelens().arg("merge").args(&parts).arg("-o").arg(&merged));
    assert_eq!(sorted_rows(&merged), sorted_rows(&single));
    let first_line = |p: &Path| std::fs::read_to_string(p).unwrap().lines().next().unwrap().to_string();
    assert_eq!(first_line(&merged), first_line(&single));
    // Given the corpus, the merge puts the rows back in its order: byte for byte a single run.
    let ordered = dir.path().join("ordered.csv");
    run_ok(quotelens().arg("merge").args(&parts).arg("--corpus").arg(&input).arg("-o").arg(&ordered));
    assert_eq!(std::fs::read(&ordered).unwrap(), std::fs::read(&single).unwrap());
    let merged_errors = dir.path().join("merged-errors.csv");
    run_ok(quotelens().arg("merge").args(&error_parts).arg("-o").arg(&merged_errors));
    assert_eq!(sorted_rows(&merged_errors), sorted_rows(&single_errors));

    // A quotes file and an errors file are not parts of one output.
    let mixed = quotelens().arg("merge").arg(&parts[0]).arg(&error_parts[1]).output().unwrap();
    assert!(!mixed.status.success());
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("other columns"));
}

#[test]
fn a_part_whose_run_did_not_finish_is_not_merged() {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part-0.csv");
    std::fs::write(&part, "article_id\n").unwrap();
    std::fs::write(dir.path().join("part-0.csv.checkpoint"), "{}").unwrap();
    let out = quotelens().arg("merge").arg(&part).output().unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("did not finish"));
}

#[test]
fn duplicate_ids_and_bad_rows_go_to_the_errors_file_and_every_good_article_is_labelled() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    std::fs::write(
        &input,
        [
            r#"{"id": "a", "text": "\"We will not sign,\" said Ann Lee."}"#,
            r#"{"id": "b", "text": "\"Fine,\" said Bob Roe."}"#,
            r#"{"id": "a", "text": "\"Not now,\" said Ann Lee."}"#,
            r#"{"id": "c", "text": "broken"#,
            r#"{"id": "d", "text": ""}"#,
        ]
        .join("\n"),
    )
    .unwrap();
    let (out, errors) = (dir.path().join("out.csv"), dir.path().join("errors.csv"));
    let run = quotelens()
        .args(["label", "--rules-only", "--strict", "-o"])
        .arg(&out)
        .arg("--errors")
        .arg(&errors)
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2), "--strict: something was skipped");
    let summary = String::from_utf8_lossy(&run.stderr);
    assert!(summary.contains("skipped 2") && summary.contains("1 duplicate ids"), "{summary}");

    let quotes = sorted_rows(&out);
    let quote_ids: Vec<&str> = quotes.iter().map(|r| &r[2]).collect();
    assert_eq!(quote_ids, ["a#2:1", "a:1", "b:1"], "the copy's quote ids are its own");
    let reported: Vec<(String, String, String)> =
        sorted_rows(&errors).iter().map(|r| (r[1].to_string(), r[2].to_string(), r[3].to_string())).collect();
    assert_eq!(reported.len(), 3, "{reported:?}");
    assert!(reported.iter().any(|(_, id, why)| id == "a" && why.contains("duplicate article id")), "{reported:?}");
    assert!(reported.iter().any(|(row, _, why)| row == "4" && why.contains("not valid JSON")), "{reported:?}");
    assert!(reported.iter().any(|(_, id, why)| id == "d" && why.contains("empty")), "{reported:?}");
}

#[test]
fn the_same_input_gives_the_same_bytes_whatever_the_thread_count_or_batch_size() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 2);
    let label = |threads: &str, batch: &str| {
        let out = dir.path().join(format!("out-{threads}-{batch}.csv"));
        run_ok(
            quotelens()
                .args(["label", "--target", "the fare rise", "--threads", threads, "--batch-size", batch, "-o"])
                .arg(&out)
                .arg(&input),
        );
        std::fs::read(out).unwrap()
    };
    let reference = label("2", "32");
    assert!(reference.len() > 1000);
    assert_eq!(label("1", "32"), reference, "one thread");
    assert_eq!(label("2", "5"), reference, "batches of 5");
}

#[test]
fn json_lines_hold_the_csv_rows_with_typed_values_and_their_shares_merge() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 3);
    let (csv_out, jsonl_out) = (dir.path().join("q.csv"), dir.path().join("q.jsonl"));
    run_ok(quotelens().args(["label", "--rules-only", "--raw-cells", "-o"]).arg(&csv_out).arg(&input));
    run_ok(quotelens().args(["label", "--rules-only", "-o"]).arg(&jsonl_out).arg(&input));
    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(&jsonl_out).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let mut reader = csv::Reader::from_path(&csv_out).unwrap();
    let header = reader.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    assert_eq!(lines.len(), rows.len());
    assert!(lines.len() > 10);
    for (line, row) in lines.iter().zip(&rows) {
        for (column, cell) in header.iter().zip(row) {
            let value = &line[column];
            match value {
                serde_json::Value::Number(n) => assert_eq!(n.to_string(), cell, "{column}"),
                serde_json::Value::Null => assert_eq!(cell, "", "{column}"),
                serde_json::Value::String(s) => assert_eq!(s, cell, "{column}"),
                other => panic!("{column}: {other}"),
            }
        }
        assert!(line["quote_start"].is_u64() && line["quote_end"].is_u64(), "offsets are integers: {line}");
    }
    // Shares written as JSON lines merge into the same lines.
    let parts: Vec<PathBuf> = (0..2)
        .map(|k| {
            let part = dir.path().join(format!("part-{k}.jsonl"));
            run_ok(
                quotelens().args(["label", "--rules-only", "--shard", &format!("{k}/2"), "-o"]).arg(&part).arg(&input),
            );
            part
        })
        .collect();
    let merged = dir.path().join("merged.jsonl");
    run_ok(quotelens().arg("merge").args(&parts).arg("-o").arg(&merged));
    let sorted = |p: &Path| {
        let mut l: Vec<String> = std::fs::read_to_string(p).unwrap().lines().map(String::from).collect();
        l.sort();
        l
    };
    assert_eq!(sorted(&merged), sorted(&jsonl_out));
}

#[test]
fn quiet_runs_say_nothing_but_what_is_wrong_with_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 2);
    let out = dir.path().join("q.csv");
    let run = run_ok(quotelens().args(["label", "--rules-only", "--quiet", "-o"]).arg(&out).arg(&input));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(!said.contains("labelled"), "no summary: {said}");
    assert_eq!(said.lines().count(), 3, "one warning per bad row of the corpus: {said}");
    assert!(said.lines().all(|l| l.starts_with("warning: skipped")), "{said}");
}
