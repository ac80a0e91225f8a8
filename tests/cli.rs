//! The command line: inputs of every kind, bad rows, atomic output, and `eval`.

#[path = "../crates/core/tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::process::{Command, Stdio};

fn quotelens() -> Command {
    Command::new(env!("CARGO_BIN_EXE_quotelens"))
}

fn rows(csv_text: &str) -> Vec<csv::StringRecord> {
    csv::Reader::from_reader(csv_text.as_bytes()).records().map(|r| r.unwrap()).collect()
}

/// A gold directory in PolNeAR's layout holding one article (`a1`) and its annotations, and the
/// predictions `quotelens label [extra]` writes for it (`pred.csv` inside the directory).
fn gold_and_predictions(text: &str, ann: &str, extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("text")).unwrap();
    std::fs::create_dir_all(dir.path().join("attributions")).unwrap();
    std::fs::write(dir.path().join("text/a1.txt"), text).unwrap();
    std::fs::write(dir.path().join("attributions/a1_x.ann"), ann).unwrap();
    let pred = dir.path().join("pred.csv");
    assert!(quotelens()
        .arg("label")
        .args(extra)
        .arg("-o")
        .arg(&pred)
        .arg(dir.path().join("text"))
        .status()
        .unwrap()
        .success());
    (dir, pred)
}

/// The character offset of the first occurrence of `needle` in `text`, as brat counts.
fn char_at(text: &str, needle: &str) -> usize {
    text[..text.find(needle).unwrap()].chars().count()
}

/// The first occurrence of `needle` in `text` as a brat range, `"START END"` in characters.
fn brat_range(text: &str, needle: &str) -> String {
    format!("{} {}", char_at(text, needle), char_at(text, needle) + needle.chars().count())
}

/// The report `quotelens eval` prints for the gold directory `dir` and the predictions `pred`.
fn eval_report(dir: &std::path::Path, pred: &std::path::Path) -> String {
    let out = quotelens().args(["eval", "--gold"]).arg(dir).arg("--pred").arg(pred).output().unwrap();
    String::from_utf8(out.stdout).unwrap()
}

/// The line of `report` that starts with `measure`.
fn report_line<'r>(report: &'r str, measure: &str) -> &'r str {
    report.lines().find(|l| l.trim_start().starts_with(measure)).unwrap_or_else(|| panic!("no {measure:?} in {report}"))
}

#[test]
fn a_broken_row_is_reported_by_file_and_row_and_the_good_rows_survive() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("batch.jsonl");
    std::fs::write(
        &input,
        "{\"id\":\"a\",\"text\":\"Mayor Jo Lind said the pool would reopen.\"}\n{\"id\":\"b\",\"text\":\n{\"id\":\"c\",\"text\":\"Police said two men were arrested.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("quotes.csv");
    let run = quotelens().arg("label").arg(&input).arg("-o").arg(&out).output().unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(stderr.contains("batch.jsonl: row 2: not valid JSON"), "{stderr}");
    let ids: Vec<String> = rows(&std::fs::read_to_string(&out).unwrap()).iter().map(|r| r[0].to_string()).collect();
    assert_eq!(ids, vec!["a", "c"]);

    let strict = quotelens().args(["label", "--strict", "-o"]).arg(&out).arg(&input).output().unwrap();
    assert_eq!(strict.status.code(), Some(2));
}

#[test]
fn output_file_is_written_whole_with_no_temporary_left_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quotes.csv");
    let run = quotelens()
        .args(["label", "data/samples", "-o"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(run.status.success());
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.starts_with("article_id,date,quote_id,quote_type,quote_text,quote_start,quote_end,speaker,speaker_mention,speaker_type,speaker_start,speaker_end,cue,cue_start,cue_end"));
    // Every hand-checked quote of the samples, the rules' and the tagger's.
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let expected: usize = ["data/expected-quotes.csv", "data/expected-quotes-tagger.csv"]
        .iter()
        .map(|f| rows(&std::fs::read_to_string(root.join(f)).unwrap()).len())
        .sum();
    assert_eq!(rows(&written).len(), expected);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

#[test]
fn cells_a_spreadsheet_would_run_are_written_as_text_unless_raw_cells_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("inj.txt");
    let text = "\"=1+2 is the answer,\" said Dr. Ann Lee.\n\n=HYPERLINK(\"http://example.com\",\"click\"), the minister said.\n";
    std::fs::write(&article, text).unwrap();
    let label = |extra: &[&str]| {
        let out = quotelens().args(["label", "--rules-only"]).args(extra).arg(&article).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        rows(&String::from_utf8(out.stdout).unwrap()).iter().map(|r| r[4].to_string()).collect::<Vec<_>>()
    };
    let safe = label(&[]);
    assert_eq!(safe, ["'=1+2 is the answer", "'=HYPERLINK(\"http://example.com\",\"click\")"]);
    // Raw, each cell is again the exact slice of the text its offsets name.
    let raw = label(&["--raw-cells"]);
    assert!(raw.iter().all(|q| text.contains(q.as_str()) && q.starts_with('=')), "{raw:?}");
    assert_eq!(safe.iter().map(|q| q.strip_prefix('\'').unwrap()).collect::<Vec<_>>(), raw);
}

#[cfg(unix)]
#[test]
fn the_output_file_gets_the_mode_the_umask_gives_any_new_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (out, plain) = (dir.path().join("quotes.csv"), dir.path().join("plain"));
    std::fs::write(&plain, "").unwrap();
    let run = quotelens()
        .args(["label", "--rules-only", "data/samples/harbour-agreement.txt", "-o"])
        .arg(&out)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&out), mode(&plain), "the same mode as a file created plainly under this umask");
}

#[test]
fn missing_output_directory_is_a_clear_error() {
    let run = quotelens()
        .args(["label", "data/samples", "-o", "/nonexistent-dir/quotes.csv"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&run.stderr).contains("/nonexistent-dir"));
}

#[test]
fn bom_and_crlf_text_keeps_offsets_into_the_text_as_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crlf.txt");
    let text = "Opening line.\r\n\r\n“The dam will hold,” engineer Nia Cole said.\r\n";
    std::fs::write(&path, format!("\u{feff}{text}")).unwrap();
    let run = quotelens().arg("label").arg(&path).output().unwrap();
    let out = String::from_utf8(run.stdout).unwrap();
    let r = &rows(&out)[0];
    let (start, end): (usize, usize) = (r[5].parse().unwrap(), r[6].parse().unwrap());
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(chars[start..end].iter().collect::<String>(), "The dam will hold");
    assert_eq!(&r[0], "crlf");
}

#[test]
fn stdin_jsonl_and_csv_inputs_with_renamed_fields() {
    let mut child = quotelens()
        .args(["label", "-", "--id-field", "doc", "--text-field", "body"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"{\"doc\":\"n1\",\"body\":\"The council said the library would close.\"}\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let r = rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!((&r[0][0], &r[0][4]), ("n1", "the library would close"));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("in.csv");
    std::fs::write(&path, "doc,body\nx,\"Officials said the road, which flooded, was open.\"\n").unwrap();
    let out = quotelens().args(["label", "--id-field", "doc", "--text-field", "body"]).arg(&path).output().unwrap();
    assert_eq!(&rows(&String::from_utf8(out.stdout).unwrap())[0][0], "x");
    let bad = quotelens().arg("label").arg(&path).output().unwrap();
    assert!(String::from_utf8_lossy(&bad.stderr).contains("header needs columns \"id\" and \"text\""));
}

#[test]
fn eval_scores_predictions_against_brat_gold() {
    let text = "Mayor Jo Lind said the pool would reopen. “It is too hot,” a lifeguard said.";
    // Gold: both attributions; the second with the marks included, as PolNeAR does.
    let ann = "T1\tSource 0 12\tMayor Jo Lind\nT2\tCue 13 17\tsaid\nT3\tContent 18 40\tthe pool would reopen\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\nT4\tContent 42 58\t“It is too hot,”\nT5\tSource 59 70\ta lifeguard\nE2\tAttribution:T2 Content:T4 Source:T5\n";
    let (dir, pred) = gold_and_predictions(text, ann, &[]);
    let report = eval_report(dir.path(), &pred);
    assert!(report_line(&report, "quote (jaccard >= 0.5)").contains("1.000     1.000     1.000"), "{report}");
    assert!(report_line(&report, "attribution").contains("1.000     1.000     1.000"), "{report}");
}

#[test]
fn eval_agreement_scores_later_annotators_against_the_first_span_by_span() {
    let text =
        "“The pool will reopen,” Mayor Jo Lind said, “but not before June.” Officials said that the budget was tight.";
    let span = |s: &str| brat_range(text, s);
    // The first quote is interrupted by its attribution: one content in two parts.
    let quote = format!("{};{}", span("“The pool will reopen,”"), span("“but not before June.”"));
    let ann =
        |content: &str| {
            format!(
            "T1\tSource {}\tx\nT2\tCue {}\tx\nT3\tContent {quote}\tx\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n\
             T4\tSource {}\tx\nT5\tCue {}\tx\nT6\tContent {}\tx\nE2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n",
            span("Mayor Jo Lind"), span("said,"), span("Officials"), span("said that"), span(content)
        )
        };
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("text")).unwrap();
    std::fs::create_dir_all(dir.path().join("attributions")).unwrap();
    std::fs::write(dir.path().join("text/a1.txt"), text).unwrap();
    // Annotator y agrees with x throughout; z takes "that" into the second content.
    std::fs::write(dir.path().join("attributions/a1_x.ann"), ann("the budget was tight")).unwrap();
    std::fs::write(dir.path().join("attributions/a1_y.ann"), ann("the budget was tight")).unwrap();
    std::fs::write(dir.path().join("attributions/a1_z.ann"), ann("that the budget was tight")).unwrap();
    let out = quotelens().args(["eval", "--agreement", "--gold"]).arg(dir.path()).output().unwrap();
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
    assert!(report.contains("2 annotator pairs on 1 articles"), "{report}");
    let line = |measure: &str| report.lines().find(|l| l.starts_with(measure)).unwrap().to_string();
    assert!(line("quote (jaccard >= 0.5)").contains("1.000     1.000     1.000"), "{report}");
    assert!(line("attribution").contains("1.000     1.000     1.000"), "{report}");
    assert!(line("exact source span").contains("1.000     1.000     1.000"), "{report}");
    // The quote in two parts matches part by part; z's second content does not.
    assert!(line("exact content span").contains("0.750     0.750     0.750"), "{report}");
    // With one annotator per article there is nothing to compare.
    std::fs::remove_file(dir.path().join("attributions/a1_y.ann")).unwrap();
    std::fs::remove_file(dir.path().join("attributions/a1_z.ann")).unwrap();
    let out = quotelens().args(["eval", "--agreement", "--gold"]).arg(dir.path()).output().unwrap();
    assert!(!out.status.success() && String::from_utf8_lossy(&out.stderr).contains("annotated more than once"));
}

#[test]
fn eval_counts_a_gold_content_split_only_at_a_paragraph_break_as_one_exact_span() {
    let text = "Mayor Jo Lind said: “The pool will reopen in June.\n\n“Entry will be free for children.”";
    // One quote running over two paragraphs, marked as two parts with only the break and the
    // new paragraph's opening mark between them.
    let at = |s: &str| char_at(text, s);
    let (a, b) = (at("“The"), at("\n\n"));
    let (c, d) = (at("“Entry"), text.chars().count());
    let ann = format!("T1\tSource 0 11\tMayor Jo Lind\nT2\tCue 12 16\tsaid\nT3\tContent {a} {b};{c} {d}\tquote\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n");
    let (dir, pred) = gold_and_predictions(text, &ann, &["--rules-only"]);
    let report = eval_report(dir.path(), &pred);
    assert!(report_line(&report, "exact content span").contains("1.000     1.000     1.000"), "{report}");
}

#[test]
fn eval_reads_the_parts_of_a_gold_span_in_text_order_whatever_order_they_are_listed_in() {
    let text = "“The pool will reopen,” Mayor Jo Lind said, “but not before June.”";
    let span = |s: &str| brat_range(text, s);
    // Annotators sometimes list the later part first (in PolNeAR about one multi-part
    // content in 35).
    let ann = format!(
        "T1\tSource {}\tx\nT2\tCue {}\tx\nT3\tContent {};{}\tx\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n",
        span("Mayor Jo Lind"),
        span("said"),
        span("“but not before June.”"),
        span("“The pool will reopen,”")
    );
    let (dir, pred) = gold_and_predictions(text, &ann, &["--rules-only"]);
    let report = eval_report(dir.path(), &pred);
    assert!(report_line(&report, "exact content span").contains("1.000     1.000     1.000"), "{report}");
    // The gold type is read from the first part in the text: a direct quote.
    assert!(report_line(&report, "recall of gold direct").contains("1.000"), "{report}");
}

#[test]
fn eval_cuts_reported_speech_at_its_own_attribution_and_a_direct_quote_at_its_marks() {
    // Reported speech around its attribution, with a quotation further on, and a direct quote
    // interrupted by its attribution and a long aside: PolNeAR marks each content as two parts.
    let text =
        "Acts of protest, Mayor Jo Lind said, are acts of patriotism, like a shirt reading \"I can't breathe.\" \
                \"We will reopen,\" said Ann Holt, a lawyer who has sued the city twice. \"But not in June.\"";
    let span = |s: &str| brat_range(text, s);
    let ann = format!(
        "T1\tSource {}\tx\nT2\tCue {}\tx\nT3\tContent {};{}\tx\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n\
         T4\tSource {}\tx\nT5\tCue {}\tx\nT6\tContent {};{}\tx\nE2\tAttribution:T5 Content:T6 Cue:T5 Source:T4\n",
        span("Mayor Jo Lind"),
        span("said,"),
        span("Acts of protest"),
        span("are acts of patriotism, like a shirt reading \"I can't breathe.\""),
        span("Ann Holt"),
        span("said Ann"),
        span("\"We will reopen,\""),
        span("\"But not in June.\"")
    );
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("text")).unwrap();
    std::fs::create_dir_all(dir.path().join("attributions")).unwrap();
    std::fs::write(dir.path().join("text/a1.txt"), text).unwrap();
    std::fs::write(dir.path().join("attributions/a1_x.ann"), ann).unwrap();
    // Each prediction spans its attribution, as the pipeline writes such quotes.
    let row = |kind: &str, quote: (&str, &str), speaker: &str, cue: &str| {
        let (q0, q1) = (char_at(text, quote.0), char_at(text, quote.1) + quote.1.chars().count());
        let (s0, c0) = (char_at(text, speaker), char_at(text, cue));
        format!("a1,,a1:{q0},{kind},x,{q0},{q1},x,x,person,{s0},{},x,{c0},{}\n", s0 + speaker.chars().count(), c0 + 4)
    };
    let pred = dir.path().join("pred.csv");
    std::fs::write(
        &pred,
        String::from("article_id,date,quote_id,quote_type,quote_text,quote_start,quote_end,speaker,speaker_mention,speaker_type,speaker_start,speaker_end,cue,cue_start,cue_end\n")
            + &row("indirect", ("Acts of protest", "breathe.\""), "Mayor Jo Lind", "said,")
            + &row("direct", ("\"We will", "in June.\""), "Ann Holt", "said Ann"),
    )
    .unwrap();
    let report = eval_report(dir.path(), &pred);
    assert!(report_line(&report, "exact content span").contains("1.000     1.000     1.000"), "{report}");
}

#[test]
fn eval_lists_missed_spurious_and_wrongly_attributed_quotes() {
    let text = "Mayor Jo Lind said the pool would reopen. “It is too hot,” a lifeguard said. Ben Ode wrote that the lake was warmer. The neighbours are furious about the noise.";
    let span = |s: &str| (char_at(text, s), char_at(text, s) + s.chars().count());
    // Gold: the mayor's statement (found and right); the lifeguard's words, which this gold
    // gives to the mayor (found, speaker wrong by it); the neighbours' fury (missed). Ben Ode's
    // statement is not in the gold, so its prediction is spurious.
    let ((m0, m1), (c0, c1), (h0, h1), (n0, n1), (f0, f1)) = (
        span("Mayor Jo Lind"),
        span("the pool would reopen"),
        span("“It is too hot,”"),
        span("The neighbours"),
        span("furious about the noise"),
    );
    let ann = format!(
        "T1\tSource {m0} {m1}\tm\nT2\tContent {c0} {c1}\tc\nE1\tAttribution:T2 Content:T2 Source:T1\n\
         T3\tContent {h0} {h1}\th\nE2\tAttribution:T3 Content:T3 Source:T1\n\
         T4\tSource {n0} {n1}\tn\nT5\tContent {f0} {f1}\tf\nE3\tAttribution:T5 Content:T5 Source:T4\n"
    );
    let (dir, pred) = gold_and_predictions(text, &ann, &["--rules-only"]);
    let errors = dir.path().join("errors.csv");
    assert!(quotelens()
        .args(["eval", "--gold"])
        .arg(dir.path())
        .arg("--pred")
        .arg(&pred)
        .arg("--errors")
        .arg(&errors)
        .status()
        .unwrap()
        .success());
    let rows = rows(&std::fs::read_to_string(&errors).unwrap());
    let row =
        |error: &str| rows.iter().find(|r| &r[1] == error).unwrap_or_else(|| panic!("no {error} row in {rows:?}"));
    assert_eq!(rows.len(), 3, "{rows:?}");
    let wrong = row("wrong_speaker");
    assert_eq!((&wrong[2], &wrong[4], &wrong[7]), ("direct", "Mayor Jo Lind", "a lifeguard"));
    let missed = row("missed");
    assert_eq!((&missed[3], &missed[4], &missed[5]), ("furious about the noise", "The neighbours", ""));
    let spurious = row("spurious");
    assert_eq!((&spurious[6], &spurious[7]), ("that the lake was warmer", "Ben Ode"));
}

#[test]
fn exported_tagger_windows_are_well_formed_and_cover_every_role() {
    let Some(data) = common::beside_checkout("../shared/data") else { return };
    let dir = tempfile::tempdir().unwrap();
    let run = quotelens()
        .args(["train", "attribution", "--window", "126", "--stride", "100", "--export-windows"])
        .arg(dir.path())
        .arg("--data")
        .arg(&data)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    for (name, min_windows) in [("train.jsonl", 5000), ("valid.jsonl", 500)] {
        let text = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let windows: Vec<serde_json::Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert!(windows.len() >= min_windows, "{name}: {} windows", windows.len());
        assert!(stdout.contains(&windows.len().to_string()), "{stdout}");
        let mut begins = [0usize; 7];
        for w in &windows {
            let ids: Vec<i64> = serde_json::from_value(w["ids"].clone()).unwrap();
            let tags: Vec<i64> = serde_json::from_value(w["tags"].clone()).unwrap();
            assert_eq!(ids.len(), tags.len());
            assert!(ids.len() <= 128, "a window of {} positions", ids.len());
            // [CLS] and [SEP] of the base vocabulary, outside the loss.
            assert_eq!((ids[0], ids[ids.len() - 1]), (101, 102));
            assert_eq!((tags[0], tags[tags.len() - 1]), (-100, -100));
            for pair in tags[1..tags.len() - 1].windows(2) {
                assert!((0..7).contains(&pair[1]), "tag {}", pair[1]);
                // An I- tag continues a span of its own role (B- is odd, I- even in 1..=6).
                if pair[1] > 0 && pair[1] % 2 == 0 {
                    assert!(pair[0] == pair[1] || pair[0] == pair[1] - 1, "{} after {}", pair[1], pair[0]);
                }
                begins[pair[1] as usize] += 1;
            }
        }
        // Every role begins somewhere, and contents run over many pieces.
        assert!(begins[1] > 0 && begins[3] > 0 && begins[5] > 0, "{name}: {begins:?}");
        assert!(begins[6] > 5 * begins[5], "{name}: {begins:?}");
    }
}

#[test]
fn the_tagger_stride_can_be_set_and_a_stride_past_the_window_is_refused() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("quotes.csv");
    let run = quotelens()
        .args(["label", "data/samples", "--tagger-stride", "64", "-o"])
        .arg(&out)
        .current_dir(root)
        .output()
        .unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(
        rows(&written).iter().any(|r| &r[7] == "Petra Lindqvist" && r[4].starts_with("The network needs investment")),
        "{written}"
    );
    let refused =
        quotelens().args(["label", "data/samples", "--tagger-stride", "300"]).current_dir(root).output().unwrap();
    assert!(!refused.status.success());
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("stride of 300") && stderr.contains("at most 254"), "{stderr}");
}

#[test]
fn label_reads_the_tagger_in_full_precision_when_asked_and_says_which() {
    let root = env!("CARGO_MANIFEST_DIR");
    let dir = tempfile::tempdir().unwrap();
    let (fast, full) = (dir.path().join("fast.csv"), dir.path().join("full.csv"));
    let run = |extra: &[&str], out: &std::path::Path| {
        quotelens().args(["label", "data/samples"]).args(extra).arg("-o").arg(out).current_dir(root).output().unwrap()
    };
    let full_run = run(&["--full-precision"], &full);
    assert!(
        full_run.status.success() && String::from_utf8_lossy(&full_run.stderr).contains("32-bit encoder"),
        "{}",
        String::from_utf8_lossy(&full_run.stderr)
    );
    let fast_run = run(&[], &fast);
    let said = String::from_utf8_lossy(&fast_run.stderr);
    assert!(fast_run.status.success() && (said.contains("8-bit encoder") || said.contains("32-bit encoder")), "{said}");
    // The hand-checked quotes of the samples come out either way.
    for out in [&fast, &full] {
        let written = std::fs::read_to_string(out).unwrap();
        assert!(
            rows(&written)
                .iter()
                .any(|r| &r[7] == "Petra Lindqvist" && r[4].starts_with("The network needs investment")),
            "{written}"
        );
    }
}

#[test]
fn eval_compares_two_prediction_sets_by_a_paired_bootstrap_over_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("text")).unwrap();
    std::fs::create_dir_all(dir.path().join("attributions")).unwrap();
    for id in ["a1", "a2"] {
        std::fs::write(dir.path().join(format!("text/{id}.txt")), "Mayor Jo Lind said the pool would reopen.").unwrap();
        std::fs::write(dir.path().join(format!("attributions/{id}_x.ann")), "T1\tSource 0 12\tMayor Jo Lind\nT2\tCue 13 17\tsaid\nT3\tContent 18 40\tthe pool would reopen\nE1\tAttribution:T2 Content:T3 Cue:T2 Source:T1\n").unwrap();
    }
    let pred = dir.path().join("pred.csv");
    assert!(quotelens()
        .args(["label", "--rules-only", "-o"])
        .arg(&pred)
        .arg(dir.path().join("text"))
        .status()
        .unwrap()
        .success());
    // The baseline found the statement in the first article only.
    let all = std::fs::read_to_string(&pred).unwrap();
    let baseline = dir.path().join("baseline.csv");
    std::fs::write(
        &baseline,
        all.lines().filter(|l| !l.starts_with("a2,")).map(|l| format!("{l}\n")).collect::<String>(),
    )
    .unwrap();
    let compare = |base: &std::path::Path| {
        let out = quotelens()
            .args(["eval", "--gold"])
            .arg(dir.path())
            .arg("--pred")
            .arg(&pred)
            .arg("--baseline")
            .arg(base)
            .output()
            .unwrap();
        let report = String::from_utf8(out.stdout).unwrap();
        assert!(out.status.success(), "{report}{}", String::from_utf8_lossy(&out.stderr));
        let table =
            report.split("paired bootstrap").nth(1).unwrap_or_else(|| panic!("no comparison in {report}")).to_string();
        let line = table.lines().find(|l| l.starts_with("quote (jaccard >= 0.5)")).unwrap().to_string();
        line.split_whitespace().skip(4).map(|w| w.parse::<f64>().unwrap_or(f64::NAN)).collect::<Vec<_>>()
    };
    // f1, baseline, change, low, "to", high, not better.
    let row = compare(&baseline);
    assert_eq!((row[0], row[1], row[2]), (1.0, 0.667, 0.333), "{row:?}");
    // Draws of two articles: the first twice (one in four) shows no change, the second twice a
    // change of 1.
    assert_eq!((row[3], row[5]), (0.0, 1.0), "{row:?}");
    assert!((0.2..0.3).contains(&row[6]), "{row:?}");
    let row = compare(&pred);
    assert_eq!((row[2], row[3], row[5], row[6]), (0.0, 0.0, 0.0, 1.0), "{row:?}");
    // Resamples without a baseline, and no resamples, are refused.
    assert!(!quotelens()
        .args(["eval", "--resamples", "10", "--gold"])
        .arg(dir.path())
        .arg("--pred")
        .arg(&pred)
        .status()
        .unwrap()
        .success());
    let out = quotelens()
        .args(["eval", "--resamples", "0", "--gold"])
        .arg(dir.path())
        .arg("--pred")
        .arg(&pred)
        .arg("--baseline")
        .arg(&baseline)
        .output()
        .unwrap();
    assert!(
        !out.status.success() && String::from_utf8_lossy(&out.stderr).contains("--resamples 0"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Rows of `quotelens label` output about one target, counted by hand: Ann Roe (two names, one
/// id) 3 favor and 1 against over two weeks, Bo Lee 1 none; one row has no speaker.
const LABELLED: &str = "\
article_id,date,speaker,speaker_id,target,stance,sentiment,sentiment_negative,sentiment_positive
a1,2026-03-02,Ann Roe,ann-roe,the plan,favor,positive,0.1,0.7
a1,2026-03-02,Roe,ann-roe,the plan,favor,neutral,0.2,0.2
a2,2026-03-11,Ann Roe,ann-roe,the plan,against,negative,0.9,0.0
a2,2026-03-11,Ann Roe,ann-roe,the plan,favor,positive,0.0,0.8
a2,2026-03-11,Bo Lee,bo-lee,the plan,none,neutral,0.3,0.1
a3,2026-03-12,,,the plan,none,neutral,0.3,0.3
";

#[test]
fn summarize_counts_stance_per_speaker_and_week_as_a_hand_count_does() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("quotes.csv");
    std::fs::write(&input, LABELLED).unwrap();
    let out = quotelens().arg("summarize").arg(&input).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(table.len(), 2);
    // Ann Roe: 4 quotes, 3 favor, 1 against; net (3 - 1) / 4; sentiment (0.6 + 0 - 0.9 + 0.8) / 4.
    let ann = &table[0];
    assert_eq!((&ann[1], &ann[2], &ann[3], &ann[4], &ann[5], &ann[6]), ("ann-roe", "Ann Roe", "4", "3", "1", "0"));
    assert_eq!((&ann[7], &ann[13], &ann[14]), ("0.7500", "0.5000", "0.1250"));
    // Wilson's 95% interval for 3 of 4: 0.301 to 0.954.
    assert_eq!((&ann[8], &ann[9]), ("0.3006", "0.9544"));
    assert_eq!((&table[1][1], &table[1][6]), ("bo-lee", "1"));

    let out = quotelens().args(["summarize", "--by", "week"]).arg(&input).output().unwrap();
    let weeks = rows(&String::from_utf8(out.stdout).unwrap());
    let counts: Vec<(&str, &str, &str)> = weeks.iter().map(|w| (&w[1], &w[2], &w[3])).collect();
    assert_eq!(counts, [("2026-03-02", "2", "2"), ("2026-03-09", "3", "1")]);
}

#[test]
fn summarize_writes_a_report_page_and_a_chart_and_skips_only_bad_rows() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("quotes.csv");
    // A row that is not UTF-8 (a file pasted together from two encodings).
    std::fs::write(&input, [LABELLED.as_bytes(), b"a4,2026-03-12,Cy \xd8g,cy-ng,the plan,favor\n"].concat()).unwrap();
    let (page, chart) = (dir.path().join("report.html"), dir.path().join("chart.svg"));
    let out = quotelens()
        .args(["summarize", "--min-quotes", "1", "-o"])
        .arg(dir.path().join("summary.csv"))
        .arg("--html")
        .arg(&page)
        .arg("--plot")
        .arg(&chart)
        .arg(&input)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "a bad row makes the exit code 2: {stderr}");
    assert!(stderr.contains("quotes.csv: row 8"), "{stderr}");
    let page = std::fs::read_to_string(page).unwrap();
    assert!(page.contains("<svg") && page.contains("Ann Roe") && page.contains("Bo Lee"));
    assert!(std::fs::read_to_string(chart).unwrap().starts_with("<svg"));
    assert_eq!(rows(&std::fs::read_to_string(dir.path().join("summary.csv")).unwrap()).len(), 2);
}

#[test]
fn a_quotelens_toml_gives_targets_and_models_and_flags_win() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("quotelens.toml"),
        "targets = [\"the agreement=the deal\"]\n[models]\nstance = \"no-such-model\"\n",
    )
    .unwrap();
    let article = common::checkout().join("data/samples/harbour-agreement.txt");
    // No --target: the file's target asks for stance, with the file's (missing) stance model.
    let out = quotelens().current_dir(dir.path()).arg("label").arg(&article).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("no-such-model"), "{stderr}");
    // The command line's model wins over the file's.
    let out = quotelens()
        .current_dir(dir.path())
        .arg("label")
        .arg(&article)
        .arg("--stance-model")
        .arg(common::checkout().join("models/stance"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = rows(&String::from_utf8(out.stdout).unwrap());
    assert!(!table.is_empty() && table.iter().all(|r| r.iter().any(|c| c == "the agreement")));
    // A file that does not parse stops the run, naming it.
    std::fs::write(dir.path().join("bad.toml"), "[models]\nstanse = 1\n").unwrap();
    let out =
        quotelens().current_dir(dir.path()).args(["--config", "bad.toml", "label"]).arg(&article).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success() && stderr.contains("bad.toml") && stderr.contains("stanse"), "{stderr}");
}

#[test]
fn completions_and_the_man_page_come_from_the_flags_and_verbose_details_stay_off_standard_output() {
    let bash = quotelens().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(bash.stdout).unwrap();
    assert!(bash.status.success());
    for word in ["label", "summarize", "--target", "--rules-only", "--verbose"] {
        assert!(script.contains(word), "the bash completion offers {word}");
    }
    let man = quotelens().arg("man").output().unwrap();
    let page = String::from_utf8(man.stdout).unwrap();
    assert!(man.status.success() && page.starts_with(".ie") && page.contains(".TH quotelens 1"));
    let dir = tempfile::tempdir().unwrap();
    assert!(quotelens().args(["man", "--dir"]).arg(dir.path()).status().unwrap().success());
    let label_page = std::fs::read_to_string(dir.path().join("quotelens-label.1")).unwrap();
    assert!(label_page.contains("shard"), "a page per subcommand, with its flags");

    let article = "The minister said: \"We will sign the treaty on Monday.\"\n";
    let label = |verbose: bool| {
        let mut command = quotelens();
        command.args(["label", "--rules-only", "-", "--stdin-format", "txt"]);
        if verbose {
            command.arg("-v");
        }
        let mut child = command.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
        child.stdin.take().unwrap().write_all(article.as_bytes()).unwrap();
        child.wait_with_output().unwrap()
    };
    let (plain, verbose) = (label(false), label(true));
    assert_eq!(plain.stdout, verbose.stdout, "-v adds nothing to the data");
    let details = String::from_utf8(verbose.stderr).unwrap();
    assert!(details.contains("1 articles labelled, 1 quotes"), "{details}");
    assert!(!String::from_utf8(plain.stderr).unwrap().contains("articles labelled"));
}
