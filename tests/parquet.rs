//! Parquet and compressed input, on real files: `label` writes typed Parquet holding the CSV
//! rows, `summarize` reads it as it reads CSV, Parquet shares merge into the single run's rows, a
//! killed Parquet run resumes; Parquet, gzip and zstd inputs give the rows of the plain JSON
//! lines, and a cut or garbage file is named while the good inputs are still labelled.

use quotelens_core::column::{date_days, date_text};
use quotelens_parquet::arrow_array::builder::{Date32Builder, StringBuilder};
use quotelens_parquet::arrow_array::cast::AsArray;
use quotelens_parquet::arrow_array::types::{Date32Type, Float64Type, Int64Type};
use quotelens_parquet::arrow_array::{Array, ArrayRef, RecordBatch};
use quotelens_parquet::arrow_schema::{DataType, SchemaRef};
use quotelens_parquet::parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use quotelens_parquet::parquet::arrow::ArrowWriter;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod support;
use support::{kill_after_checkpoint, quotelens, run_ok};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/samples")
}

/// The shipped sample articles as JSON objects.
fn sample_articles() -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(samples().join("articles.jsonl")).unwrap();
    text.lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

/// `copies` copies of the sample articles, each copy with its own ids, as JSON lines.
fn corpus(dir: &Path, copies: usize) -> PathBuf {
    let mut lines = Vec::new();
    for copy in 0..copies {
        for mut article in sample_articles() {
            article["id"] = format!("{}-{copy}", article["id"].as_str().unwrap()).into();
            lines.push(article.to_string());
        }
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    path
}

/// The schema and the batches of a Parquet file, read with the Parquet crate itself.
fn read_parquet(path: &Path) -> (SchemaRef, Vec<RecordBatch>) {
    let builder = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(path).unwrap()).unwrap();
    let schema = builder.schema().clone();
    (schema, builder.build().unwrap().map(|b| b.unwrap()).collect())
}

/// The header and the records of a CSV file.
fn read_csv(path: &Path) -> (Vec<String>, Vec<csv::StringRecord>) {
    let mut reader = csv::Reader::from_path(path).unwrap();
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    (header, reader.records().map(|r| r.unwrap()).collect())
}

/// Whether a Parquet cell holds what a CSV cell holds: the same text, number or date, null for
/// empty.
fn same_value(column: &dyn Array, row: usize, cell: &str) -> bool {
    if column.is_null(row) {
        return cell.is_empty();
    }
    match column.data_type() {
        DataType::Utf8 => column.as_string::<i32>().value(row) == cell,
        DataType::Int64 => cell.parse() == Ok(column.as_primitive::<Int64Type>().value(row)),
        DataType::Float64 => cell.parse() == Ok(column.as_primitive::<Float64Type>().value(row)),
        DataType::Date32 => date_text(column.as_primitive::<Date32Type>().value(row).into()) == cell,
        other => panic!("a column of type {other}"),
    }
}

#[test]
fn label_writes_typed_parquet_that_holds_the_csv_rows_and_summarizes_as_csv_does() {
    let dir = tempfile::tempdir().unwrap();
    let (parquet, csv_out) = (dir.path().join("q.parquet"), dir.path().join("q.csv"));
    let label = |out: &Path, extra: &[&str]| {
        run_ok(
            quotelens()
                .args(["label", "--rules-only", "--target", "the agreement"])
                .args(extra)
                .arg("-o")
                .arg(out)
                .arg(samples()),
        )
    };
    label(&parquet, &[]);
    label(&csv_out, &["--raw-cells"]);

    let (schema, batches) = read_parquet(&parquet);
    let (header, records) = read_csv(&csv_out);
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, header);
    let type_of = |name: &str| {
        let field = schema.field_with_name(name).unwrap();
        (field.data_type().clone(), field.is_nullable())
    };
    assert_eq!(type_of("quote_start"), (DataType::Int64, false), "offsets are integers, always there");
    assert_eq!(type_of("speaker_start"), (DataType::Int64, true), "empty where there is no speaker");
    assert_eq!(type_of("stance_favor").0, DataType::Float64);
    assert_eq!(type_of("sentiment_score").0, DataType::Float64);
    assert_eq!(type_of("date").0, DataType::Date32);
    assert_eq!(type_of("quote_text").0, DataType::Utf8);
    assert_eq!(type_of("stance").0, DataType::Utf8);

    let rows: Vec<(&RecordBatch, usize)> =
        batches.iter().flat_map(|b| (0..b.num_rows()).map(move |r| (b, r))).collect();
    assert_eq!(rows.len(), records.len());
    assert!(records.len() > 20);
    for ((batch, row), record) in rows.iter().zip(&records) {
        for (c, cell) in record.iter().enumerate() {
            assert!(same_value(batch.column(c).as_ref(), *row, cell), "{}: {cell:?}", header[c]);
        }
    }

    for by in ["speaker", "week"] {
        let summary = |input: &Path| run_ok(quotelens().args(["summarize", "--by", by]).arg(input)).stdout;
        let from_csv = summary(&csv_out);
        assert!(from_csv.len() > 200);
        assert_eq!(String::from_utf8(summary(&parquet)).unwrap(), String::from_utf8(from_csv).unwrap(), "--by {by}");
    }
}

#[test]
fn a_date_that_is_not_yyyy_mm_dd_is_null_in_parquet_and_as_given_in_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let article = |id: &str, date: &str| {
        serde_json::json!({"id": id, "date": date, "text": "\"We will sign,\" said Ann Lee."}).to_string()
    };
    std::fs::write(&input, [article("a", "14 March 2026"), article("b", "2026-03-14T09:30:00Z")].join("\n")).unwrap();
    let (parquet, csv_out) = (dir.path().join("q.parquet"), dir.path().join("q.csv"));
    for out in [&parquet, &csv_out] {
        run_ok(quotelens().args(["label", "--rules-only", "-o"]).arg(out).arg(&input));
    }
    let (_, batches) = read_parquet(&parquet);
    let dates = batches[0].column_by_name("date").unwrap().as_primitive::<Date32Type>().clone();
    assert!(dates.is_null(0), "a date that does not parse is null");
    assert_eq!(Some(i64::from(dates.value(1))), date_days("2026-03-14"), "a timestamp is its date");
    let (_, records) = read_csv(&csv_out);
    assert_eq!((&records[0][1], &records[1][1]), ("14 March 2026", "2026-03-14T09:30:00Z"));
}

#[test]
fn parquet_needs_a_file_and_the_errors_file_stays_csv_or_json_lines() {
    let out = quotelens().args(["label", "--rules-only", "--format", "parquet"]).arg(samples()).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("-o FILE.parquet"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let out = quotelens()
        .args(["label", "--rules-only", "-o"])
        .arg(dir.path().join("q.parquet"))
        .arg("--errors")
        .arg(dir.path().join("errors.parquet"))
        .arg(samples())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("*.csv or *.jsonl"));
}

#[test]
fn parquet_shares_merge_into_the_rows_of_a_single_run() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 20);
    let single = dir.path().join("single.parquet");
    run_ok(quotelens().args(["label", "--rules-only", "-o"]).arg(&single).arg(&input));
    let parts: Vec<PathBuf> = (0..2)
        .map(|k| {
            let part = dir.path().join(format!("part-{k}.parquet"));
            run_ok(
                quotelens().args(["label", "--rules-only", "--shard", &format!("{k}/2"), "-o"]).arg(&part).arg(&input),
            );
            part
        })
        .collect();
    let table = |path: &Path| {
        let (schema, batches) = read_parquet(path);
        let rows = quotelens_parquet::read_table(path).unwrap().1.map(|r| r.unwrap().1).collect::<Vec<_>>();
        assert_eq!(rows.len(), batches.iter().map(RecordBatch::num_rows).sum::<usize>());
        (schema, rows)
    };
    let (schema, rows) = table(&single);
    assert!(table(&parts[0]).1.len() < rows.len() && !table(&parts[1]).1.is_empty());

    let merged = dir.path().join("merged.parquet");
    run_ok(quotelens().arg("merge").args(&parts).arg("-o").arg(&merged));
    let (merged_schema, mut merged_rows) = table(&merged);
    assert_eq!(merged_schema.fields(), schema.fields());
    let mut sorted = rows.clone();
    sorted.sort();
    merged_rows.sort();
    assert_eq!(merged_rows, sorted);
    // Given the corpus, the rows come back in its order: the single run's.
    let ordered = dir.path().join("ordered.parquet");
    run_ok(quotelens().arg("merge").args(&parts).arg("--corpus").arg(&input).arg("-o").arg(&ordered));
    assert_eq!(table(&ordered), (schema, rows));

    let csv_part = dir.path().join("part.csv");
    run_ok(quotelens().args(["label", "--rules-only", "--shard", "0/2", "-o"]).arg(&csv_part).arg(&input));
    let mixed = quotelens().arg("merge").arg(&parts[0]).arg(&csv_part).arg("-o").arg(&merged).output().unwrap();
    assert!(String::from_utf8_lossy(&mixed.stderr).contains("not in one format"));
    let to_stdout = quotelens().arg("merge").args(&parts).output().unwrap();
    assert!(!to_stdout.status.success() && String::from_utf8_lossy(&to_stdout.stderr).contains("-o FILE.parquet"));
}

#[test]
fn a_parquet_run_killed_with_sigkill_and_resumed_writes_what_an_uninterrupted_run_writes() {
    let dir = tempfile::tempdir().unwrap();
    let input = corpus(dir.path(), 3000);
    let whole = dir.path().join("whole.parquet");
    run_ok(quotelens().args(["label", "--rules-only", "-o"]).arg(&whole).arg(&input));
    let out = dir.path().join("out.parquet");
    let label = |resume: bool| {
        let mut command = quotelens();
        command.args(["label", "--rules-only", "-o"]).arg(&out).arg(&input);
        if resume {
            command.arg("--resume");
        }
        command
    };
    let checkpoint = dir.path().join("out.parquet.checkpoint");
    kill_after_checkpoint(&mut label(false), &checkpoint);
    assert!(!out.exists(), "a killed run leaves no output where a finished one is expected");
    let said = String::from_utf8_lossy(&run_ok(&mut label(true)).stderr).to_string();
    assert!(said.contains("resuming after"), "{said}");
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&whole).unwrap(), "resumed output differs");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left.len(), 3, "no partial, temporary or checkpoint file is left: {left:?}");
}

/// `data` gzip-compressed, one gzip member per part (as `cat a.gz b.gz` makes).
fn gzip(parts: &[&[u8]]) -> Vec<u8> {
    let members = parts.iter().map(|part| {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(part).unwrap();
        encoder.finish().unwrap()
    });
    members.collect::<Vec<_>>().concat()
}

/// `data` zstd-compressed, one frame per part.
fn zstd(parts: &[&[u8]]) -> Vec<u8> {
    parts.iter().map(|part| zstd::encode_all(*part, 3).unwrap()).collect::<Vec<_>>().concat()
}

#[test]
fn gzip_and_zstd_json_lines_and_csv_give_the_rows_of_the_plain_files() {
    let dir = tempfile::tempdir().unwrap();
    let (jsonl, csv_in) = (
        std::fs::read(samples().join("articles.jsonl")).unwrap(),
        std::fs::read(samples().join("articles.csv")).unwrap(),
    );
    let label = |input: &Path| run_ok(quotelens().args(["label", "--rules-only"]).arg(input)).stdout;
    let plain = label(&samples().join("articles.jsonl"));
    assert!(plain.len() > 1000);
    let half = jsonl.len() / 2;
    for (name, bytes) in [
        ("a.jsonl.gz", gzip(&[&jsonl])),
        ("b.ndjson.gz", gzip(&[&jsonl[..half], &jsonl[half..]])),
        ("c.jsonl.zst", zstd(&[&jsonl])),
        ("d.JSONL.ZST", zstd(&[&jsonl[..half], &jsonl[half..]])),
    ] {
        std::fs::write(dir.path().join(name), bytes).unwrap();
        assert_eq!(
            String::from_utf8(label(&dir.path().join(name))).unwrap(),
            String::from_utf8(plain.clone()).unwrap(),
            "{name}"
        );
    }
    let plain_csv = label(&samples().join("articles.csv"));
    std::fs::write(dir.path().join("e.csv.gz"), gzip(&[&csv_in])).unwrap();
    std::fs::write(dir.path().join("f.csv.zst"), zstd(&[&csv_in])).unwrap();
    for name in ["e.csv.gz", "f.csv.zst"] {
        assert_eq!(label(&dir.path().join(name)), plain_csv, "{name}");
    }
    // A directory is read for them too, in name order.
    let from_dir = run_ok(quotelens().args(["label", "--rules-only"]).arg(dir.path())).stdout;
    let rows = |out: &[u8]| csv::Reader::from_reader(out).records().count();
    assert_eq!(rows(&from_dir), 4 * rows(&plain) + 2 * rows(&plain_csv));
}

/// The sample articles as a Parquet file with a Date32 date column, and after them a row with
/// no id and a row with no text.
fn articles_parquet(path: &Path) {
    let (mut id, mut text, mut title, mut date) =
        (StringBuilder::new(), StringBuilder::new(), StringBuilder::new(), Date32Builder::new());
    for article in sample_articles() {
        id.append_value(article["id"].as_str().unwrap());
        text.append_value(article["text"].as_str().unwrap());
        title.append_option(article["title"].as_str());
        date.append_option(article["date"].as_str().and_then(date_days).map(|d| d as i32));
    }
    id.append_null();
    text.append_value("\"Yes,\" said Ann Lee.");
    id.append_value("no-text");
    text.append_null();
    for _ in 0..2 {
        title.append_null();
        date.append_null();
    }
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("id", Arc::new(id.finish())),
        ("title", Arc::new(title.finish())),
        ("date", Arc::new(date.finish())),
        ("text", Arc::new(text.finish())),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let mut writer = ArrowWriter::try_new(std::fs::File::create(path).unwrap(), batch.schema(), None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
}

#[test]
fn parquet_articles_give_the_rows_of_the_same_articles_in_json_lines() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("articles.parquet");
    articles_parquet(&input);
    let out = quotelens().args(["label", "--rules-only"]).arg(&input).output().unwrap();
    assert!(out.status.success());
    let plain = run_ok(quotelens().args(["label", "--rules-only"]).arg(samples().join("articles.jsonl"))).stdout;
    assert_eq!(String::from_utf8(out.stdout).unwrap(), String::from_utf8(plain).unwrap());
    let said = String::from_utf8_lossy(&out.stderr);
    let no_id = format!("articles.parquet: row {}: empty \"id\"", sample_articles().len() + 1);
    assert!(said.contains(&no_id), "{said}");
    assert!(said.contains("article \"no-text\": the text is empty"), "{said}");
    // Renamed columns, as for JSON lines and CSV.
    let renamed = quotelens().args(["label", "--rules-only", "--id-field", "key"]).arg(&input).output().unwrap();
    assert!(String::from_utf8_lossy(&renamed.stderr)
        .contains("needs columns \"key\" and \"text\" (has: id, title, date, text)"));
}

#[test]
fn a_cut_gzip_or_zstd_file_and_a_garbage_parquet_file_are_named_and_the_good_inputs_are_still_labelled() {
    let dir = tempfile::tempdir().unwrap();
    let jsonl = std::fs::read(samples().join("articles.jsonl")).unwrap();
    let lines: Vec<&[u8]> = jsonl.split_inclusive(|&b| b == b'\n').collect();
    let (first, rest) = (lines[..1].concat(), lines[1..].concat());
    // The first member or frame whole, the second cut off halfway.
    let cut = |whole: Vec<u8>, keep: usize| whole[..keep + (whole.len() - keep) / 2].to_vec();
    let gz = cut(gzip(&[&first, &rest]), gzip(&[&first]).len());
    let zst = cut(zstd(&[&first, &rest]), zstd(&[&first]).len());
    let (cut_gz, cut_zst, garbage) =
        (dir.path().join("cut.jsonl.gz"), dir.path().join("cut.jsonl.zst"), dir.path().join("garbage.parquet"));
    std::fs::write(&cut_gz, gz).unwrap();
    std::fs::write(&cut_zst, zst).unwrap();
    std::fs::write(&garbage, b"PAR1 this is not a Parquet file PAR1").unwrap();
    let good = samples().join("harbour-agreement.txt");
    let label = |strict: bool| {
        let mut command = quotelens();
        command.args(["label", "--rules-only"]).arg(&cut_gz).arg(&garbage).arg(&cut_zst).arg(&good);
        if strict {
            command.arg("--strict");
        }
        command.output().unwrap()
    };
    let out = label(false);
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "bad input is skipped, as a bad row is: {said}");
    assert!(said.contains("cut.jsonl.gz: row 2: cannot read: the gzip stream is corrupt or cut short"), "{said}");
    assert!(said.contains("cut.jsonl.zst: row 2: cannot read: the zstd stream is corrupt or cut short"), "{said}");
    assert!(said.contains("garbage.parquet: not a Parquet file"), "{said}");
    assert!(said.contains("skipped 3"), "{said}");
    let ids: Vec<String> = csv::Reader::from_reader(out.stdout.as_slice())
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let before_the_cut = sample_articles()[0]["id"].as_str().unwrap().to_string();
    let mut expected = vec![before_the_cut, "harbour-agreement".to_string()];
    expected.sort();
    assert_eq!(ids, expected, "the rows before the cut and the good file are labelled");
    assert_eq!(label(true).status.code(), Some(2), "--strict: something was skipped");
}

#[test]
fn classify_reads_a_parquet_table_as_it_reads_the_same_csv() {
    let dir = tempfile::tempdir().unwrap();
    let texts = ["We will sign the deal tomorrow.", "This plan is a disaster for workers.", "Talks resume on Monday."];
    let csv_in = dir.path().join("statements.csv");
    let mut csv_text = String::from("n,text,weight\n");
    for (i, text) in texts.iter().enumerate() {
        csv_text += &format!("{},{text},0.25\n", i + 1);
    }
    std::fs::write(&csv_in, csv_text).unwrap();
    let columns: Vec<(&str, ArrayRef)> = vec![
        ("n", Arc::new(quotelens_parquet::arrow_array::Int64Array::from(vec![1, 2, 3]))),
        ("text", Arc::new(quotelens_parquet::arrow_array::StringArray::from(texts.to_vec()))),
        ("weight", Arc::new(quotelens_parquet::arrow_array::Float64Array::from(vec![0.25; 3]))),
    ];
    let batch = RecordBatch::try_from_iter(columns).unwrap();
    let parquet_in = dir.path().join("statements.parquet");
    let mut writer = ArrowWriter::try_new(std::fs::File::create(&parquet_in).unwrap(), batch.schema(), None).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
    let classify = |input: &Path| {
        String::from_utf8(run_ok(quotelens().args(["classify", "--fast", "--text-column", "text"]).arg(input)).stdout)
            .unwrap()
    };
    let from_csv = classify(&csv_in);
    assert_eq!(from_csv.lines().count(), 4);
    assert!(from_csv.starts_with("n,text,weight,sentiment,"), "{from_csv}");
    assert_eq!(classify(&parquet_in), from_csv);
}
