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

/// The share of SST-2's whole sentences held out for validation, per thousand.
pub const SST2_VALIDATION_PER_MILLE: u64 = 30;
/// The share of NewsMTSC's sentences held out for validation, per thousand.
pub const NEWSMTSC_VALIDATION_PER_MILLE: u64 = 100;

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
        let (label, sentence) = line
            .split_once('\t')
            .with_context(|| format!("{}: line {}: expected label<TAB>sentence", path.display(), n + 1))?;
        let label = match label.trim() {
            "0" => 0,
            "1" => 2,
            other => anyhow::bail!("{}: line {}: label {other:?} is not 0 or 1", path.display(), n + 1),
        };
        rows.push((sentence.trim().to_string(), label));
    }
    let is_valid = |s: &str| s.split_whitespace().count() >= 12 && in_validation(s, per_mille);
    let valid: Vec<Example> = rows
        .iter()
        .filter(|(s, _)| is_valid(s))
        .map(|(s, l)| Example { text: s.clone(), pair: None, label: *l, source: "sst2" })
        .collect();
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
        let row: NewsMtscRow =
            serde_json::from_str(line).with_context(|| format!("{}: line {}", path.display(), n + 1))?;
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
        if in_validation(&example.text, per_mille) {
            valid.push(example)
        } else {
            train.push(example)
        }
    }
    Ok((train, valid))
}

/// Whether `text` is in a share (0 to 1) of a corpus drawn by a stable hash, for `--sample`.
pub fn in_share(text: &str, share: f64) -> bool {
    in_validation(text, (share * 1000.0).round() as u64)
}

/// The rows of the stance corpus `name` of [`STANCE_CORPORA`] (`<stance_dir>/<name>/<name>.csv`)
/// by split, as they are trained and validated on: UKP's sentences detokenized.
pub fn stance_corpus(stance_dir: &Path, name: &str) -> Result<Vec<(String, Example)>> {
    let Some(&(name, _)) = STANCE_CORPORA.iter().find(|(c, _)| *c == name) else {
        anyhow::bail!(
            "no stance corpus {name:?}: choose among {:?}",
            STANCE_CORPORA.iter().map(|(c, _)| *c).collect::<Vec<_>>()
        );
    };
    let mut rows = stance_csv(&stance_dir.join(name).join(format!("{name}.csv")), name)?;
    if name == "ukp_sentential" {
        for (_, example) in &mut rows {
            example.pair = example.pair.as_deref().map(detokenize);
        }
    }
    Ok(rows)
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
        out.push((
            split.to_string(),
            Example { text: target.to_string(), pair: Some(text.to_string()), label, source },
        ));
    }
    Ok(out)
}

/// The stance corpora trained on, each with the splits taken from it. VAST (many free-text
/// targets, a real neutral class) is the one validated on; the others add short statements
/// (Perspectrum, IBM Claim Stance), quotes of named people (ProCon20), news headlines
/// (Emergent), news sentences (GWSD, IAM), and web sentences on eight topics whose `none` is
/// mostly on-topic sentences that take no side (UKP). Test splits are never read.
pub const STANCE_CORPORA: [(&str, &[&str]); 8] = [
    ("vast", &["train"]),
    ("ukp_sentential", &["train"]),
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
/// topic (one in four of its dev non-claims; IAM is not validated on), and statements paired
/// with another target of the same corpus that they do not mention: one in five favor / against
/// statements of the debate corpora, and one in four VAST comments. Most of VAST dev's `none`
/// rows (641 of 697) are such pairs, and its train split has far fewer `none` rows (19% against
/// 34% in dev); without them the model reads a comment on another topic as taking a side.
///
/// `only` restricts training to the named corpora (all of [`STANCE_CORPORA`] when empty), e.g.
/// to specialise a mixture-trained model on VAST; `shares` keeps a share of a corpus's training
/// rows (by a stable hash of the statement), e.g. `("vast", 0.3)` when going on from a model
/// that has seen it all. The dev splits of [`VALIDATED`] are always the validation set.
pub fn stance_mixture(
    stance_dir: &Path,
    only: &[String],
    shares: &[(String, f64)],
) -> Result<(Vec<Example>, Vec<Example>)> {
    if let Some(unknown) = only.iter().find(|n| {
        ![super::stance_news::SOURCE, super::stance_news::WRITTEN_SOURCE].contains(&n.as_str())
            && !STANCE_CORPORA.iter().any(|(c, _)| c == n)
    }) {
        anyhow::bail!(
            "no stance corpus {unknown:?}: choose among {:?}",
            STANCE_CORPORA.iter().map(|(c, _)| *c).collect::<Vec<_>>()
        );
    }
    let mut train = Vec::new();
    let mut valid = Vec::new();
    for (name, splits) in STANCE_CORPORA {
        let validated = VALIDATED.contains(&name);
        if !validated && !only.is_empty() && !only.iter().any(|n| n == name) {
            continue;
        }
        let share = shares.iter().find(|(n, _)| n == name).map_or(1.0, |(_, s)| *s);
        let trained = only.is_empty() || only.iter().any(|n| n == name);
        let rows = stance_corpus(stance_dir, name)?;
        let targets: Vec<String> = {
            // Train targets only: a dev target paired with a train statement would still teach
            // the model something about the topic it is validated on.
            let mut t: Vec<String> = rows
                .iter()
                .filter(|(split, _)| splits.contains(&split.as_str()))
                .map(|(_, e)| e.text.clone())
                .collect();
            t.sort();
            t.dedup();
            t
        };
        for (split, example) in rows {
            if validated && split == "dev" {
                valid.push(example);
            } else if !trained || !in_share(example.pair.as_deref().unwrap_or_default(), share) {
                continue;
            } else if name == "iam" && split == "dev_nonclaim" {
                if stable_hash(example.pair.as_deref().unwrap_or_default()).is_multiple_of(4) {
                    train.push(example);
                }
            } else if splits.contains(&split.as_str()) {
                let statement = example.pair.as_deref().unwrap_or_default();
                let h = stable_hash(statement);
                let swap = if name == "vast" { h.is_multiple_of(4) } else { example.label != 2 && h.is_multiple_of(5) };
                if swap {
                    if let Some(other) = unmentioned_target(&targets, (h / 5) as usize, &example.text, statement) {
                        train.push(Example {
                            text: other.to_string(),
                            pair: example.pair.clone(),
                            label: 2,
                            source: example.source,
                        });
                    }
                }
                train.push(example);
            }
        }
    }
    Ok((train, valid))
}

/// The corpora whose dev splits validate a stance run: VAST (free-text topics, `none` mostly
/// off-topic) and UKP (eight topics, `none` mostly on-topic).
pub const VALIDATED: [&str; 2] = ["vast", "ukp_sentential"];

/// Undo the spaces UKP's tokenizer put around punctuation ("doesn 't" -> "doesn't", "( a )" ->
/// "(a)", "end ." -> "end."), so its sentences read like the quotes they are scored beside.
pub fn detokenize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut glue_next = false;
    for w in text.split_whitespace() {
        let attaches = w.starts_with(['.', ',', ';', ':', '!', '?', ')', ']', '%'])
            || w.starts_with('\'') && w.len() <= 3
            || w == "n't";
        if !out.is_empty() && !attaches && !glue_next {
            out.push(' ');
        }
        out.push_str(w);
        glue_next = matches!(w, "(" | "[" | "$");
    }
    out
}

/// A target of `targets` other than `own`, tried from position `start` on, that `statement` does
/// not mention: none of its words of four letters or more appears in the statement, even
/// inflected ("immigrants" mentions "immigration"). At most eight tries; `None` when all are
/// mentioned.
fn unmentioned_target<'t>(targets: &'t [String], start: usize, own: &str, statement: &str) -> Option<&'t str> {
    let statement = statement.to_lowercase();
    let mentioned = |target: &str| {
        target.to_lowercase().split(|c: char| !c.is_alphanumeric()).filter(|w| w.chars().count() >= 4).any(|w| {
            let stem: String = w.chars().take(5).collect();
            statement.contains(&stem)
        })
    };
    (0..targets.len().min(8))
        .map(|k| targets[(start + k) % targets.len()].as_str())
        .find(|t| *t != own && !mentioned(t))
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
            "split,target,text,label\ntrain,taxes,Taxes should go up.,favor\ntrain,taxes,Lower them.,against\ntrain,zoning,Zoning rules keep rents high.,against\ndev,parks,Parks matter.,favor\ntest,zoos,Held back.,none\n",
        )
        .unwrap();
        std::fs::create_dir_all(dir.path().join("ukp_sentential")).unwrap();
        std::fs::write(
            dir.path().join("ukp_sentential/ukp_sentential.csv"),
            "split,target,text,label\ntrain,cloning,Cloning is wrong .,against\ndev,cloning,The vote on cloning is in May .,none\n",
        )
        .unwrap();
        let (train, valid) = stance_mixture(dir.path(), &["vast".to_string()], &[]).unwrap();
        let own: Vec<(&str, &str)> =
            train.iter().filter(|e| e.label != 2).map(|e| (e.text.as_str(), e.pair.as_deref().unwrap())).collect();
        assert_eq!(
            own,
            vec![
                ("taxes", "Taxes should go up."),
                ("taxes", "Lower them."),
                ("zoning", "Zoning rules keep rents high.")
            ]
        );
        // Any other row is a comment paired with another train target it does not mention.
        for e in train.iter().filter(|e| e.label == 2) {
            let pair = (e.text.as_str(), e.pair.as_deref().unwrap());
            assert!(
                matches!(
                    pair,
                    ("zoning", "Taxes should go up." | "Lower them.") | ("taxes", "Zoning rules keep rents high.")
                ),
                "{pair:?}"
            );
        }
        // Both validated corpora's dev rows validate, UKP's detokenized; its train rows are not read.
        let valid: Vec<(&str, &str)> = valid.iter().map(|e| (e.text.as_str(), e.pair.as_deref().unwrap())).collect();
        assert_eq!(valid, vec![("parks", "Parks matter."), ("cloning", "The vote on cloning is in May.")]);
        let err = stance_mixture(dir.path(), &["nope".to_string()], &[]).unwrap_err().to_string();
        assert!(err.contains("nope") && err.contains("vast"), "{err}");
    }

    #[test]
    fn a_swapped_target_is_one_the_statement_does_not_mention_even_inflected() {
        let targets = vec!["immigration".to_string(), "gun control".to_string(), "zoos".to_string()];
        let statement = "Immigrants built this country.";
        // "Immigrants" mentions "immigration"; "gun control" and "zoos" are not mentioned.
        assert_eq!(unmentioned_target(&targets, 0, "taxes", statement), Some("gun control"));
        assert_eq!(unmentioned_target(&targets, 2, "taxes", statement), Some("zoos"));
        // Never the statement's own target, and none when every other one is mentioned.
        assert_eq!(unmentioned_target(&targets, 1, "gun control", statement), Some("zoos"));
        assert_eq!(unmentioned_target(&targets[..1], 0, "taxes", statement), None);
    }

    #[test]
    fn ukp_sentences_lose_the_spaces_its_tokenizer_put_around_punctuation() {
        assert_eq!(detokenize("It doesn 't work ( at all ) , they say ."), "It doesn't work (at all), they say.");
        assert_eq!(
            detokenize("The state 's wage rose 5 % ; critics disagree !"),
            "The state's wage rose 5%; critics disagree!"
        );
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
