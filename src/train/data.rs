//! Loading the training corpora, and validation splits that do not leak.
//!
//! Splits are made by a stable hash of the text, so they do not depend on file order or seed
//! and a re-run validates on the same examples.

use super::Example;
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::path::Path;

/// Sentiment labels, in id order.
pub const SENTIMENT_LABELS: [&str; 3] = ["negative", "neutral", "positive"];
/// Stance labels, in id order.
pub const STANCE_LABELS: [&str; 3] = ["favor", "against", "none"];

/// FNV-1a: a stable hash for assigning examples to splits.
fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ b as u64).wrapping_mul(0x0100_0000_01b3))
}

/// Whether `text` goes to validation, for a validation share of `per_mille` / 1000.
pub fn in_validation(text: &str, per_mille: u64) -> bool {
    stable_hash(text) % 1000 < per_mille
}

/// SST-2 (`label<TAB>sentence`, 1 positive, 0 negative) split into train and validation.
///
/// The file holds phrases of sentences as well as whole sentences. Validation takes whole
/// sentences (12 words or more) by hash; every training phrase that is part of a validation
/// sentence is dropped, so that validation sentences are unseen in any form.
pub fn sst2(path: &Path, per_mille: u64) -> Result<(Vec<Example>, Vec<Example>)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut rows = Vec::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let (label, sentence) = line.split_once('\t').with_context(|| format!("{}: line {}: expected label<TAB>sentence", path.display(), n + 1))?;
        let label = match label.trim() {
            "0" => 0,
            "1" => 2,
            other => anyhow::bail!("{}: line {}: label {other:?} is not 0 or 1", path.display(), n + 1),
        };
        rows.push((sentence.trim().to_string(), label));
    }
    let is_valid = |s: &str| s.split_whitespace().count() >= 12 && in_validation(s, per_mille);
    let valid: Vec<Example> = rows.iter().filter(|(s, _)| is_valid(s)).map(|(s, l)| Example { text: s.clone(), pair: None, label: *l, source: "sst2" }).collect();
    // Every word-aligned stretch of every validation sentence.
    let mut held: HashSet<String> = HashSet::new();
    for e in &valid {
        let words: Vec<&str> = e.text.split_whitespace().collect();
        for a in 0..words.len() {
            for b in a + 1..=words.len() {
                held.insert(words[a..b].join(" "));
            }
        }
    }
    let train = rows
        .into_iter()
        .filter(|(s, _)| !held.contains(&s.split_whitespace().collect::<Vec<_>>().join(" ")))
        .map(|(s, l)| Example { text: s, pair: None, label: l, source: "sst2" })
        .collect();
    Ok((train, valid))
}

#[derive(serde::Deserialize)]
struct NewsMtscRow {
    sentence_normalized: String,
    targets: Vec<NewsMtscTarget>,
}

#[derive(serde::Deserialize)]
struct NewsMtscTarget {
    polarity: f64,
}

/// NewsMTSC sentences whose targets all share one polarity (2 negative, 4 neutral, 6 positive),
/// as sentence-level sentiment, split into train and validation by hash.
pub fn newsmtsc(path: &Path, per_mille: u64) -> Result<(Vec<Example>, Vec<Example>)> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut seen = HashSet::new();
    let (mut train, mut valid) = (Vec::new(), Vec::new());
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let row: NewsMtscRow = serde_json::from_str(line).with_context(|| format!("{}: line {}", path.display(), n + 1))?;
        let labels: HashSet<i64> = row.targets.iter().map(|t| t.polarity.round() as i64).collect();
        let label = match labels.iter().copied().collect::<Vec<_>>().as_slice() {
            [2] => 0,
            [4] => 1,
            [6] => 2,
            _ => continue, // targets disagree: no single sentence label
        };
        if !seen.insert(row.sentence_normalized.clone()) {
            continue;
        }
        let example = Example { text: row.sentence_normalized, pair: None, label, source: "newsmtsc" };
        if in_validation(&example.text, per_mille) { valid.push(example) } else { train.push(example) }
    }
    Ok((train, valid))
}

/// A stance corpus in `split,target,text,label` form: (target, text) pairs with favor / against
/// / none labels, by split name.
pub fn stance_csv(path: &Path, source: &'static str) -> Result<Vec<(String, Example)>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut out = Vec::new();
    for (n, row) in reader.records().enumerate() {
        let row = row.with_context(|| format!("{}: record {}", path.display(), n + 2))?;
        let (split, target, text, label) = (&row[0], &row[1], &row[2], &row[3]);
        let Some(label) = STANCE_LABELS.iter().position(|l| *l == label) else {
            anyhow::bail!("{}: record {}: label {label:?} is not favor, against or none", path.display(), n + 2);
        };
        out.push((split.to_string(), Example { text: target.to_string(), pair: Some(text.to_string()), label, source }));
    }
    Ok(out)
}

/// The stance corpora trained on, each with the splits taken from it. VAST (many free-text
/// targets, a real neutral class) is the one validated on; the others add short statements
/// (Perspectrum, IBM Claim Stance), quotes of named people (ProCon20), news headlines
/// (Emergent), news sentences (GWSD, IAM). Test splits are never read.
pub const STANCE_CORPORA: [(&str, &[&str]); 7] = [
    ("vast", &["train"]),
    ("perspectrum", &["train"]),
    ("ibm_claim_stance", &["train"]),
    ("procon20", &["train"]),
    ("emergent", &["all"]),
    ("gwsd", &["train"]),
    ("iam", &["train"]),
];

/// The stance training mixture and the VAST dev split for validation.
///
/// Besides the corpora's own rows, two kinds of `none` teach the model that a statement about
/// something else takes no side on the target: IAM's non-claim sentences from articles on the
/// topic (one in four of its dev non-claims; IAM is not validated on), and one in five favor /
/// against statements of the debate corpora paired with another target of the same corpus.
///
/// `only` restricts training to the named corpora (all of [`STANCE_CORPORA`] when empty), e.g.
/// to specialise a mixture-trained model on VAST; VAST dev is always the validation set.
pub fn stance_mixture(stance_dir: &Path, only: &[String]) -> Result<(Vec<Example>, Vec<Example>)> {
    if let Some(unknown) = only.iter().find(|n| !STANCE_CORPORA.iter().any(|(c, _)| c == n)) {
        anyhow::bail!("no stance corpus {unknown:?}: choose among {:?}", STANCE_CORPORA.iter().map(|(c, _)| *c).collect::<Vec<_>>());
    }
    let mut train = Vec::new();
    let mut valid = Vec::new();
    for (name, splits) in STANCE_CORPORA {
        if name != "vast" && !only.is_empty() && !only.iter().any(|n| n == name) {
            continue;
        }
        let trained = only.is_empty() || only.iter().any(|n| n == name);
        let rows = stance_csv(&stance_dir.join(name).join(format!("{name}.csv")), name)?;
        let targets: Vec<String> = {
            let mut t: Vec<String> = rows.iter().map(|(_, e)| e.text.clone()).collect();
            t.sort();
            t.dedup();
            t
        };
        for (split, example) in rows {
            if name == "vast" && split == "dev" {
                valid.push(example);
            } else if !trained {
                continue;
            } else if name == "iam" && split == "dev_nonclaim" {
                if stable_hash(example.pair.as_deref().unwrap_or_default()) % 4 == 0 {
                    train.push(example);
                }
            } else if splits.contains(&split.as_str()) {
                let swap = name != "vast" && example.label != 2 && targets.len() > 1;
                let h = stable_hash(example.pair.as_deref().unwrap_or_default());
                if swap && h % 5 == 0 {
                    let mut other = &targets[(h / 5) as usize % targets.len()];
                    if *other == example.text {
                        other = &targets[((h / 5) as usize + 1) % targets.len()];
                    }
                    train.push(Example { text: other.clone(), pair: example.pair.clone(), label: 2, source: example.source });
                }
                train.push(example);
            }
        }
    }
    Ok((train, valid))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stance_mixture_of_vast_alone_reads_no_other_corpus_and_keeps_vast_dev_for_validation() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("vast")).unwrap();
        std::fs::write(
            dir.path().join("vast/vast.csv"),
            "split,target,text,label\ntrain,taxes,Taxes should go up.,favor\ntrain,taxes,Lower them.,against\ndev,parks,Parks matter.,favor\ntest,zoos,Held back.,none\n",
        )
        .unwrap();
        let (train, valid) = stance_mixture(dir.path(), &["vast".to_string()]).unwrap();
        assert_eq!(train.iter().map(|e| e.pair.as_deref().unwrap()).collect::<Vec<_>>(), vec!["Taxes should go up.", "Lower them."]);
        assert_eq!(valid.len(), 1);
        let err = stance_mixture(dir.path(), &["nope".to_string()]).unwrap_err().to_string();
        assert!(err.contains("nope") && err.contains("vast"), "{err}");
    }

    #[test]
    fn sst2_validation_sentences_leave_no_phrase_behind_in_train() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("train.tsv");
        let long = "a thoroughly charming and often very funny film that never once talks down to its young audience";
        std::fs::write(&path, format!("label\tsentence\n1\t{long}\n1\tvery funny film\n0\ta dull mess\n")).unwrap();
        let (train, valid) = sst2(&path, 1000).unwrap();
        assert_eq!(valid.len(), 1);
        assert_eq!(train.iter().map(|e| e.text.as_str()).collect::<Vec<_>>(), vec!["a dull mess"]);
    }
}
