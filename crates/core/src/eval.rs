//! Scoring predicted quotes against gold attributions in brat standoff (PolNeAR layout).
//!
//! A predicted quote matches a gold content span when the Jaccard overlap of their sets of
//! character positions — whitespace and quotation marks ignored — reaches a threshold; matching
//! is one-to-one, best overlaps first. A predicted quote whose own speaker and cue stand inside
//! it (“A,” he said, “B.”) is compared by the parts around them, as PolNeAR marks such content
//! discontinuously. An attribution is right when its quote matches (at 0.5)
//! and the predicted speaker span overlaps the gold source span.
//!
//! Exact-span scores, as published systems on PolNeAR report them (CofeNet, Wang et al., COLING
//! 2022), count a predicted source, cue or content span as right only when its boundaries equal
//! a gold span's. Edges are compared without whitespace, quotation marks and commas: PolNeAR's
//! content spans take in the marks around a direct quote and the comma before a closing mark,
//! while quotelens' `quote_text` leaves the enclosing marks out. A discontinuous gold content is
//! one span made of its parts; a predicted quote interrupted by its own attribution is split
//! around it the same way.

use crate::record::QuoteRecord;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// The thresholds quote matching is reported at.
pub const THRESHOLDS: [f64; 3] = [0.3, 0.5, 0.8];

/// Gold quote types, read off the content: quoted throughout, partly quoted, or not quoted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GoldType {
    /// Content opens with a quotation mark (after an optional "that").
    Direct,
    /// Content holds a quotation mark somewhere inside.
    Mixed,
    /// No quotation marks.
    Indirect,
}

/// One gold attribution: code-point ranges of its content and source.
#[derive(Debug, Clone)]
pub struct GoldAttribution {
    /// Content ranges (several when discontinuous).
    pub content: Vec<(usize, usize)>,
    /// Source ranges (empty when the annotator gave none).
    pub source: Vec<(usize, usize)>,
    /// Cue ranges (empty when the annotator gave none).
    pub cue: Vec<(usize, usize)>,
    /// Direct, mixed or indirect.
    pub kind: GoldType,
}

/// A gold article: its text as code points and its attributions.
#[derive(Clone)]
pub struct GoldArticle {
    /// The article text, one entry per code point.
    pub chars: Vec<char>,
    /// Annotated attributions.
    pub attributions: Vec<GoldAttribution>,
}

fn is_quote_mark(c: char) -> bool {
    "\"'“”‘’«»„‚".contains(c)
}

/// Read `DIR/text/<id>.txt` and the first annotator's `DIR/attributions/<id>_<annotator>.ann`.
pub fn read_gold(dir: &Path) -> Result<BTreeMap<String, GoldArticle>> {
    Ok(read_annotations(dir)?
        .into_iter()
        .filter_map(|(id, annotations)| Some((id, annotations.into_iter().next()?)))
        .collect())
}

/// Read every annotator's attributions of each article in `DIR` (as [`read_gold`] reads the
/// first's), in the order of the annotators' names.
pub fn read_annotations(dir: &Path) -> Result<BTreeMap<String, Vec<GoldArticle>>> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut ann_files: Vec<String> = std::fs::read_dir(&ann_dir)
        .with_context(|| format!("cannot read {}: expected brat files in DIR/attributions/", ann_dir.display()))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| n.ends_with(".ann"))
        .collect();
    ann_files.sort();
    let mut gold: BTreeMap<String, Vec<GoldArticle>> = BTreeMap::new();
    for name in ann_files {
        let stem = name.trim_end_matches(".ann");
        let Some((id, _annotator)) = stem.rsplit_once('_') else { continue };
        let chars: Vec<char> = match gold.get(id).and_then(|a| a.first()) {
            Some(first) => first.chars.clone(),
            None => {
                let text_path = text_dir.join(format!("{id}.txt"));
                std::fs::read_to_string(&text_path)
                    .with_context(|| format!("cannot read {}", text_path.display()))?
                    .chars()
                    .collect()
            }
        };
        let ann = std::fs::read_to_string(ann_dir.join(&name))?;
        let attributions = parse_ann(&ann, &chars).with_context(|| format!("in {}", ann_dir.join(&name).display()))?;
        gold.entry(id.to_string()).or_default().push(GoldArticle { chars, attributions });
    }
    if gold.is_empty() {
        bail!("no .ann files in {}", ann_dir.display());
    }
    Ok(gold)
}

/// How far annotators agree: each later annotator of an article annotated more than once,
/// scored as a prediction against the first (by name), by the same measures as [`evaluate`],
/// each span compared part by part as annotated (the speaker overlap of the attribution measure
/// reads a source from its first part to its last). Returns the articles compared and the
/// report, whose `articles` counts annotator pairs.
pub fn agreement(annotations: &BTreeMap<String, Vec<GoldArticle>>) -> (usize, Report) {
    let mut gold = BTreeMap::new();
    let mut records = Vec::new();
    let mut parts = std::collections::HashMap::new();
    let mut articles = 0;
    let hull = |ranges: &[(usize, usize)]| Some((ranges.iter().map(|r| r.0).min()?, ranges.iter().map(|r| r.1).max()?));
    for (id, annotators) in annotations.iter().filter(|(_, a)| a.len() > 1) {
        articles += 1;
        let first = &annotators[0];
        for (k, other) in annotators.iter().enumerate().skip(1) {
            // Each pair is an article of its own, so that one call scores them all.
            let pair = format!("{id}#{k}");
            for (n, g) in other.attributions.iter().enumerate() {
                let Some((start, end)) = hull(&g.content) else { continue };
                let (source, cue) = (hull(&g.source), hull(&g.cue));
                let text = |r: Option<(usize, usize)>| {
                    r.map_or(String::new(), |(s, e)| {
                        other.chars[s.min(other.chars.len())..e.min(other.chars.len())].iter().collect()
                    })
                };
                let quote_id = format!("{pair}:{n}");
                parts.insert(quote_id.clone(), g);
                records.push(QuoteRecord {
                    article_id: pair.clone(),
                    date: String::new(),
                    quote_id,
                    quote_type: type_name(g.kind).to_string(),
                    quote_text: text(Some((start, end))),
                    quote_start: start,
                    quote_end: end,
                    speaker: text(source),
                    speaker_mention: text(source),
                    speaker_type: String::new(),
                    speaker_start: source.map(|r| r.0),
                    speaker_end: source.map(|r| r.1),
                    cue: text(cue),
                    cue_start: cue.map(|r| r.0),
                    cue_end: cue.map(|r| r.1),
                    speaker_id: String::new(),
                });
            }
            gold.insert(pair, GoldArticle { chars: first.chars.clone(), attributions: first.attributions.clone() });
        }
    }
    let report = evaluate_with(&gold, &records, |p, chars| {
        let g: &GoldAttribution = parts[&p.quote_id];
        let some = |t: Parts| Some(t).filter(|t| !t.is_empty());
        Spans {
            source: some(trimmed(&g.source, chars)),
            cue: some(trimmed(&g.cue, chars)),
            content: trimmed(&g.content, chars),
        }
    });
    (articles, report)
}

fn parse_ann(ann: &str, chars: &[char]) -> Result<Vec<GoldAttribution>> {
    let mut spans: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    let mut events = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        if line.starts_with('T') && fields.len() >= 2 {
            let (_label, ranges) = fields[1].split_once(' ').with_context(|| format!("line {}: no offsets", n + 1))?;
            let mut parsed = Vec::new();
            for r in ranges.split(';') {
                let (s, e) = r.split_once(' ').with_context(|| format!("line {}: bad range {r:?}", n + 1))?;
                parsed.push((s.trim().parse()?, e.trim().parse()?));
            }
            // A span is a set of characters: annotators sometimes list the later part first, and
            // exact-span scoring, the gold type and the error listing all read parts in text order.
            parsed.sort_unstable();
            spans.insert(fields[0], parsed);
        } else if line.starts_with('E') && fields.len() >= 2 {
            let roles: BTreeMap<&str, &str> =
                fields[1].split_whitespace().skip(1).filter_map(|r| r.split_once(':')).collect();
            events.push(roles);
        }
    }
    let mut out = Vec::new();
    for roles in events {
        let Some(content) = roles.get("Content").and_then(|t| spans.get(t)).cloned() else { continue };
        let source = roles.get("Source").and_then(|t| spans.get(t)).cloned().unwrap_or_default();
        let cue = roles.get("Cue").and_then(|t| spans.get(t)).cloned().unwrap_or_default();
        let kind = gold_type(&content, chars);
        out.push(GoldAttribution { content, source, cue, kind });
    }
    Ok(out)
}

fn gold_type(content: &[(usize, usize)], chars: &[char]) -> GoldType {
    let text: String =
        content.iter().flat_map(|&(s, e)| chars[s.min(chars.len())..e.min(chars.len())].iter()).collect();
    let t = text.trim_start();
    let t = t.strip_prefix("that ").unwrap_or(t).trim_start();
    if t.chars().next().is_some_and(is_quote_mark) {
        GoldType::Direct
    } else if t.chars().any(|c| "\"“”«»".contains(c)) {
        GoldType::Mixed
    } else {
        GoldType::Indirect
    }
}

fn positions(ranges: &[(usize, usize)], chars: &[char]) -> HashSet<usize> {
    ranges
        .iter()
        .flat_map(|&(s, e)| s..e.min(chars.len()))
        .filter(|&i| !chars[i].is_whitespace() && !is_quote_mark(chars[i]))
        .collect()
}

fn jaccard(a: &HashSet<usize>, b: &HashSet<usize>) -> f64 {
    let inter = a.intersection(b).count();
    let union = a.len() + b.len() - inter;
    if union == 0 {
        0.0
    } else {
        inter as f64 / union as f64
    }
}

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Correct predictions.
    pub tp: usize,
    /// Predictions made.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// tp / predicted.
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.tp as f64 / self.predicted as f64
        }
    }
    /// tp / gold (for recall by type, tp counts matched gold items).
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// All scores of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Articles scored.
    pub articles: usize,
    /// Quote matching at each of [`THRESHOLDS`].
    pub quotes: Vec<(f64, Prf)>,
    /// Quote matched at 0.5 and speaker overlapping the gold source.
    pub attribution: Prf,
    /// Recall at 0.5 by gold type; precision by predicted type (direct against direct,
    /// mixed and indirect against the rest).
    pub by_type: Vec<(&'static str, Prf)>,
    /// Exact-span matching of source, cue and content spans, in that order.
    pub exact: Vec<(&'static str, Prf)>,
    /// Every gold quote missed, prediction unmatched and speaker wrong at Jaccard 0.5, in
    /// article order: what to read when tuning rules or models.
    pub errors: Vec<EvalError>,
}

/// One error of an evaluation at Jaccard 0.5, as a row of `quotelens eval --errors`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct EvalError {
    /// The article.
    pub article_id: String,
    /// `missed` (a gold quote no prediction matches), `spurious` (a prediction that matches no
    /// gold quote) or `wrong_speaker` (matched, but the speaker span misses the gold source).
    pub error: &'static str,
    /// The gold quote's type (`direct`, `mixed`, `indirect`), empty for a spurious prediction.
    pub gold_type: &'static str,
    /// The gold content, its parts joined by " … ".
    pub gold_text: String,
    /// The gold source, as annotated.
    pub gold_source: String,
    /// The prediction's `quote_id` (for a missed quote, the prediction overlapping it most).
    pub quote_id: String,
    /// The prediction's `quote_text`.
    pub quote_text: String,
    /// The prediction's `speaker_mention`.
    pub speaker_mention: String,
    /// Jaccard overlap of the two contents (0 when there is no prediction to compare).
    pub jaccard: f64,
}

/// A span as a list of parts, whitespace, quotation marks and commas trimmed from each part's
/// edges, empty parts dropped.
type Parts = Vec<(usize, usize)>;

fn trimmed(ranges: &[(usize, usize)], chars: &[char]) -> Parts {
    let edge = |c: char| c.is_whitespace() || is_quote_mark(c) || c == ',';
    let mut parts: Parts = Vec::new();
    for &(s, e) in ranges {
        let (mut s, mut e) = (s.min(chars.len()), e.min(chars.len()));
        while s < e && edge(chars[s]) {
            s += 1;
        }
        while e > s && edge(chars[e - 1]) {
            e -= 1;
        }
        if s >= e {
            continue;
        }
        // Parts with nothing but spaces, marks and commas between them are one span (a quote
        // that runs on into the next paragraph, `“A.¶“B.”`, marked as two parts).
        match parts.last_mut() {
            Some(last) if last.1 <= s && chars[last.1..s].iter().all(|&c| edge(c)) => last.1 = e,
            _ => parts.push((s, e)),
        }
    }
    parts
}

/// The parts of a predicted quote: the whole span, or the two sides of its own attribution when
/// the speaker and cue sit inside it (“A,” he said, “B.”).
fn predicted_content(p: &QuoteRecord, chars: &[char]) -> Parts {
    let inner: Vec<(usize, usize)> = [(p.speaker_start, p.speaker_end), (p.cue_start, p.cue_end)]
        .into_iter()
        .filter_map(|(s, e)| Some((s?, e?)))
        .filter(|&(s, e)| s > p.quote_start && e < p.quote_end)
        .collect();
    match (inner.iter().map(|r| r.0).min(), inner.iter().map(|r| r.1).max()) {
        (Some(s), Some(e)) => {
            // When a closing mark ends the first part (“A,” said Ann Lee, a lawyer who …, “B.”),
            // the second starts at the next opening mark, so that a long aside about the speaker
            // is not content. Reported speech around its attribution ("Acts of protest, Mr.
            // Obama said, are acts of patriotism … ''I can't breathe''") is cut at the
            // attribution itself: a mark further on belongs to the content.
            let double = |i: &usize| is_double_mark(chars, *i);
            let closing = (p.quote_start..s)
                .rev()
                .find(double)
                .filter(|&m| chars[m + 1..s].iter().all(|c| c.is_whitespace() || ",;:—–-".contains(*c)));
            let (first_end, second_start) = match closing {
                Some(m) => (m, (e..p.quote_end).find(double).unwrap_or(e)),
                None => (s, e),
            };
            trimmed(&[(p.quote_start, first_end), (second_start, p.quote_end)], chars)
        }
        _ => trimmed(&[(p.quote_start, p.quote_end)], chars),
    }
}

/// Whether position `i` holds a double quotation mark (or one half of a doubled `''`).
fn is_double_mark(chars: &[char], i: usize) -> bool {
    match chars.get(i) {
        Some('"' | '“' | '”' | '«' | '»' | '„') => true,
        Some('\'') => chars.get(i + 1) == Some(&'\'') || i > 0 && chars[i - 1] == '\'',
        _ => false,
    }
}

/// Count exact matches between predicted and gold span sets of one article.
fn count_exact(prf: &mut Prf, predicted: HashSet<Parts>, gold: HashSet<Parts>) {
    prf.tp += predicted.intersection(&gold).count();
    prf.predicted += predicted.len();
    prf.gold += gold.len();
}

/// Score predictions against gold. Predictions for articles not in the gold set are ignored.
pub fn evaluate(gold: &BTreeMap<String, GoldArticle>, predictions: &[QuoteRecord]) -> Report {
    let span = |s: Option<usize>, e: Option<usize>, chars: &[char]| {
        Some(trimmed(&[(s?, e?)], chars)).filter(|t| !t.is_empty())
    };
    evaluate_with(gold, predictions, |p, chars| Spans {
        source: span(p.speaker_start, p.speaker_end, chars),
        cue: span(p.cue_start, p.cue_end, chars),
        content: predicted_content(p, chars),
    })
}

/// The trimmed parts of a prediction's source, cue and content, as exact-span scoring compares
/// them.
struct Spans {
    source: Option<Parts>,
    cue: Option<Parts>,
    content: Parts,
}

/// [`evaluate`], with the spans of each prediction given by `spans`.
fn evaluate_with(
    gold: &BTreeMap<String, GoldArticle>,
    predictions: &[QuoteRecord],
    spans: impl Fn(&QuoteRecord, &[char]) -> Spans,
) -> Report {
    let mut by_article: BTreeMap<&str, Vec<&QuoteRecord>> = BTreeMap::new();
    for p in predictions {
        if gold.contains_key(&p.article_id) {
            by_article.entry(p.article_id.as_str()).or_default().push(p);
        }
    }
    let mut report = Report { articles: gold.len(), ..Default::default() };
    let mut quotes = [Prf::default(); 3];
    let mut types: BTreeMap<&'static str, Prf> = BTreeMap::new();
    let mut exact = [Prf::default(); 3];
    for (id, article) in gold {
        let preds = by_article.get(id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
        let pred_spans: Vec<Spans> = preds.iter().map(|p| spans(p, &article.chars)).collect();
        let pred_parts = count_exact_spans(&mut exact, article, pred_spans);
        let scored = ScoredArticle::new(id, article, preds, &pred_parts);
        let pairs = scored.ranked_pairs();
        for (t, threshold) in THRESHOLDS.iter().enumerate() {
            let matched = one_to_one(&pairs, *threshold);
            quotes[t].tp += matched.len();
            quotes[t].predicted += preds.len();
            quotes[t].gold += article.attributions.len();
            if *threshold == 0.5 {
                scored.score_speakers(&mut report, &matched);
                count_types(&mut types, preds, &article.attributions, &matched);
                scored.unmatched_rows(&mut report.errors, &matched);
            }
        }
    }
    report.quotes = THRESHOLDS.iter().copied().zip(quotes).collect();
    report.by_type = types.into_iter().collect();
    report.exact = ["source", "cue", "content"].into_iter().zip(exact).collect();
    report
}

/// Count the exact matches of one article's source, cue and content spans into `exact`;
/// returns the predictions' content parts.
fn count_exact_spans(exact: &mut [Prf; 3], article: &GoldArticle, pred_spans: Vec<Spans>) -> Vec<Parts> {
    let chars = &article.chars;
    let gold_sets = |role: fn(&GoldAttribution) -> &Vec<(usize, usize)>| {
        article
            .attributions
            .iter()
            .map(|g| trimmed(role(g), chars))
            .filter(|t| !t.is_empty())
            .collect::<HashSet<Parts>>()
    };
    count_exact(&mut exact[0], pred_spans.iter().filter_map(|p| p.source.clone()).collect(), gold_sets(|g| &g.source));
    count_exact(&mut exact[1], pred_spans.iter().filter_map(|p| p.cue.clone()).collect(), gold_sets(|g| &g.cue));
    // A quote interrupted by its own attribution is compared by its parts, as the gold's
    // discontinuous content is: the attribution between them is not what was said.
    let pred_parts: Vec<Parts> = pred_spans.into_iter().map(|p| p.content).collect();
    count_exact(
        &mut exact[2],
        pred_parts.iter().filter(|t| !t.is_empty()).cloned().collect(),
        gold_sets(|g| &g.content),
    );
    pred_parts
}

/// One article's predictions against its gold quotes.
struct ScoredArticle<'a> {
    id: &'a str,
    article: &'a GoldArticle,
    preds: &'a [&'a QuoteRecord],
    /// Every prediction against every gold quote, once: the matching and the error rows both
    /// read it.
    overlap: Vec<Vec<f64>>,
}

impl<'a> ScoredArticle<'a> {
    fn new(id: &'a str, article: &'a GoldArticle, preds: &'a [&'a QuoteRecord], pred_parts: &[Parts]) -> Self {
        let chars = &article.chars;
        let pred_pos: Vec<HashSet<usize>> = pred_parts.iter().map(|parts| positions(parts, chars)).collect();
        let gold_pos: Vec<HashSet<usize>> = article.attributions.iter().map(|g| positions(&g.content, chars)).collect();
        let overlap = pred_pos.iter().map(|pp| gold_pos.iter().map(|gp| jaccard(pp, gp)).collect()).collect();
        ScoredArticle { id, article, preds, overlap }
    }

    /// The (overlap, prediction, gold) pairs at the lowest threshold or above, best first.
    fn ranked_pairs(&self) -> Vec<(f64, usize, usize)> {
        let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
        for (i, row) in self.overlap.iter().enumerate() {
            for (j, &jac) in row.iter().enumerate() {
                if jac >= THRESHOLDS[0] {
                    pairs.push((jac, i, j));
                }
            }
        }
        pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        pairs
    }

    /// Count the attributions of the `matched` pairs whose speaker span overlaps the gold source
    /// (or that have neither), with a row for each that does not.
    fn score_speakers(&self, report: &mut Report, matched: &[(usize, usize)]) {
        report.attribution.predicted += self.preds.len();
        report.attribution.gold += self.article.attributions.len();
        for &(i, j) in matched {
            let p = self.preds[i];
            let g = &self.article.attributions[j];
            let speaker_ok = match (p.speaker_start, p.speaker_end) {
                (Some(s), Some(e)) => g.source.iter().any(|&(gs, ge)| s < ge && gs < e),
                _ => g.source.is_empty(),
            };
            report.attribution.tp += speaker_ok as usize;
            if !speaker_ok {
                let row =
                    error_row(self.id, "wrong_speaker", Some(g), Some(p), self.overlap[i][j], &self.article.chars);
                report.errors.push(row);
            }
        }
    }

    /// The rows of the gold quotes missed, each with the prediction overlapping it most, and of
    /// the predictions that match no gold quote.
    fn unmatched_rows(&self, errors: &mut Vec<EvalError>, matched: &[(usize, usize)]) {
        let (id, preds, chars) = (self.id, self.preds, &self.article.chars);
        for (j, g) in self.article.attributions.iter().enumerate().filter(|(j, _)| !matched.iter().any(|m| m.1 == *j)) {
            let closest = (0..preds.len())
                .map(|i| (self.overlap[i][j], i))
                .filter(|&(jac, _)| jac > 0.0)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            errors.push(error_row(
                id,
                "missed",
                Some(g),
                closest.map(|(_, i)| preds[i]),
                closest.map_or(0.0, |(jac, _)| jac),
                chars,
            ));
        }
        for (i, p) in preds.iter().enumerate().filter(|(i, _)| !matched.iter().any(|m| m.0 == *i)) {
            let closest = self.overlap[i].iter().copied().fold(0.0, f64::max);
            errors.push(error_row(id, "spurious", None, Some(p), closest, chars));
        }
    }
}

/// One row of [`Report::errors`].
fn error_row(
    article_id: &str,
    error: &'static str,
    gold: Option<&GoldAttribution>,
    pred: Option<&QuoteRecord>,
    jaccard: f64,
    chars: &[char],
) -> EvalError {
    let text = |ranges: &[(usize, usize)]| {
        ranges
            .iter()
            .map(|&(s, e)| chars[s.min(chars.len())..e.min(chars.len())].iter().collect::<String>())
            .collect::<Vec<_>>()
            .join(" … ")
    };
    EvalError {
        article_id: article_id.to_string(),
        error,
        gold_type: gold.map_or("", |g| type_name(g.kind)),
        gold_text: gold.map_or(String::new(), |g| text(&g.content)),
        gold_source: gold.map_or(String::new(), |g| text(&g.source)),
        quote_id: pred.map_or(String::new(), |p| p.quote_id.clone()),
        quote_text: pred.map_or(String::new(), |p| p.quote_text.clone()),
        speaker_mention: pred.map_or(String::new(), |p| p.speaker_mention.clone()),
        jaccard: (jaccard * 1000.0).round() / 1000.0,
    }
}

/// The name of a gold type, as the report and the error rows write it.
fn type_name(kind: GoldType) -> &'static str {
    match kind {
        GoldType::Direct => "direct",
        GoldType::Mixed => "mixed",
        GoldType::Indirect => "indirect",
    }
}

fn one_to_one(pairs: &[(f64, usize, usize)], threshold: f64) -> Vec<(usize, usize)> {
    let (mut used_p, mut used_g) = (HashSet::new(), HashSet::new());
    let mut out = Vec::new();
    for &(jac, i, j) in pairs {
        if jac >= threshold && !used_p.contains(&i) && !used_g.contains(&j) {
            used_p.insert(i);
            used_g.insert(j);
            out.push((i, j));
        }
    }
    out
}

fn count_types(
    types: &mut BTreeMap<&'static str, Prf>,
    preds: &[&QuoteRecord],
    gold: &[GoldAttribution],
    matched: &[(usize, usize)],
) {
    for g in gold {
        types.entry(type_name(g.kind)).or_default().gold += 1;
    }
    for p in preds {
        let name = match p.quote_type.as_str() {
            "direct" => "direct",
            "mixed" => "mixed",
            _ => "indirect",
        };
        types.entry(name).or_default().predicted += 1;
    }
    // Recall by type counts a gold item found by any prediction.
    for &(_, j) in matched {
        types.entry(type_name(gold[j].kind)).or_default().tp += 1;
    }
}

/// The report as a plain-text table.
pub fn format_report(report: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "articles: {}", report.articles);
    let _ = writeln!(
        s,
        "{:<28} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
        "measure", "precision", "recall", "f1", "tp", "pred", "gold"
    );
    let row = |s: &mut String, name: &str, p: &Prf| {
        let _ = writeln!(
            s,
            "{:<28} {:>9.3} {:>9.3} {:>9.3} {:>7} {:>7} {:>7}",
            name,
            p.precision(),
            p.recall(),
            p.f1(),
            p.tp,
            p.predicted,
            p.gold
        );
    };
    for (t, p) in &report.quotes {
        row(&mut s, &format!("quote (jaccard >= {t})"), p);
    }
    row(&mut s, "attribution (jaccard >= 0.5)", &report.attribution);
    for (name, p) in &report.by_type {
        let _ = writeln!(
            s,
            "{:<28} {:>9} {:>9.3} {:>9} {:>7} {:>7} {:>7}",
            format!("  recall of gold {name}"),
            "",
            p.recall(),
            "",
            p.tp,
            "",
            p.gold
        );
    }
    for (name, p) in &report.exact {
        row(&mut s, &format!("exact {name} span"), p);
    }
    s
}

/// The measures [`compare`] reports, from a report: quote F1 at each Jaccard threshold,
/// attribution F1, and exact-span F1 of source, cue and content.
fn headline(report: &Report) -> Vec<(String, Prf)> {
    let mut measures: Vec<(String, Prf)> =
        report.quotes.iter().map(|(t, p)| (format!("quote (jaccard >= {t})"), *p)).collect();
    measures.push(("attribution (jaccard >= 0.5)".to_string(), report.attribution));
    measures.extend(report.exact.iter().map(|(name, p)| (format!("exact {name} span"), *p)));
    measures
}

/// One measure of a paired comparison ([`compare`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The measure, as [`format_report`] names it.
    pub measure: String,
    /// F1 of the predictions over all articles.
    pub f1: f64,
    /// F1 of the baseline over all articles.
    pub baseline: f64,
    /// The 2.5th and 97.5th percentiles of the difference (predictions minus baseline) over
    /// the resamples: a 95% interval.
    pub interval: (f64, f64),
    /// The share of resamples in which the predictions score no higher than the baseline.
    pub not_better: f64,
}

/// Whether a change of rules or model moved the scores by more than the choice of articles
/// does: a paired bootstrap over articles (Koehn, EMNLP 2004). Each of `resamples` rounds
/// draws as many articles as `gold` holds, with replacement, and scores both prediction sets
/// on the same draw; `seed` fixes the draws. A dev set of 84 articles moves F1 by a point or
/// more from one draw to the next, so a gain of a few tenths is only real if nearly every
/// resample shows it.
pub fn compare(
    gold: &BTreeMap<String, GoldArticle>,
    predictions: &[QuoteRecord],
    baseline: &[QuoteRecord],
    resamples: usize,
    seed: u64,
) -> Vec<Change> {
    let per_article = |records: &[QuoteRecord]| -> Vec<Vec<Prf>> {
        let mut by_article: BTreeMap<&str, Vec<QuoteRecord>> = BTreeMap::new();
        for r in records {
            by_article.entry(r.article_id.as_str()).or_default().push(r.clone());
        }
        gold.iter()
            .map(|(id, article)| {
                let one = BTreeMap::from([(id.clone(), article.clone())]);
                let records = by_article.get(id.as_str()).map(Vec::as_slice).unwrap_or(&[]);
                headline(&evaluate(&one, records)).into_iter().map(|(_, p)| p).collect()
            })
            .collect()
    };
    let (ours, theirs) = (per_article(predictions), per_article(baseline));
    let totals = |rows: &[Vec<Prf>], picks: &mut dyn Iterator<Item = usize>| {
        let mut sum = vec![Prf::default(); rows.first().map_or(0, Vec::len)];
        for k in picks {
            for (s, p) in sum.iter_mut().zip(&rows[k]) {
                (s.tp, s.predicted, s.gold) = (s.tp + p.tp, s.predicted + p.predicted, s.gold + p.gold);
            }
        }
        sum
    };
    // SplitMix64: a fixed, portable sequence of draws, so that a comparison repeats exactly.
    let mut state = seed;
    let mut draw = move |n: usize| {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    };
    let n = gold.len();
    let names = headline(&evaluate(gold, &[]));
    let mut differences: Vec<Vec<f64>> = vec![Vec::with_capacity(resamples); names.len()];
    for _ in 0..resamples {
        let picks: Vec<usize> = (0..n).map(|_| draw(n)).collect();
        let (a, b) = (totals(&ours, &mut picks.iter().copied()), totals(&theirs, &mut picks.iter().copied()));
        for ((d, a), b) in differences.iter_mut().zip(&a).zip(&b) {
            d.push(a.f1() - b.f1());
        }
    }
    let (all_ours, all_theirs) = (totals(&ours, &mut (0..n)), totals(&theirs, &mut (0..n)));
    names
        .into_iter()
        .zip(differences)
        .enumerate()
        .map(|(m, ((measure, _), mut d))| {
            d.sort_by(f64::total_cmp);
            let at =
                |q: f64| d.get(((q * d.len() as f64) as usize).min(d.len().saturating_sub(1))).copied().unwrap_or(0.0);
            let not_better = d.iter().filter(|&&x| x <= 0.0).count() as f64 / d.len().max(1) as f64;
            Change {
                measure,
                f1: all_ours[m].f1(),
                baseline: all_theirs[m].f1(),
                interval: (at(0.025), at(0.975)),
                not_better,
            }
        })
        .collect()
}

/// A paired comparison as a plain-text table.
pub fn format_changes(articles: usize, resamples: usize, changes: &[Change]) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "paired bootstrap: {resamples} resamples of {articles} articles, the predictions against the baseline"
    );
    let _ = writeln!(
        s,
        "{:<28} {:>9} {:>9} {:>9} {:>20} {:>11}",
        "measure", "f1", "baseline", "change", "95% interval", "not better"
    );
    for c in changes {
        let interval = format!("{:+.3} to {:+.3}", c.interval.0, c.interval.1);
        let _ = writeln!(
            s,
            "{:<28} {:>9.3} {:>9.3} {:>+9.3} {:>20} {:>11.3}",
            c.measure,
            c.f1,
            c.baseline,
            c.f1 - c.baseline,
            interval,
            c.not_better
        );
    }
    s
}

/// One hand-checked pronoun source: where the pronoun stands and who it refers to.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct Antecedent {
    /// The article.
    pub article_id: String,
    /// Code-point offsets of the pronoun (a PolNeAR source span).
    pub source_start: usize,
    /// End of the pronoun, exclusive.
    pub source_end: usize,
    /// The pronoun as written.
    pub pronoun: String,
    /// The canonical name it refers to; `|` separates names that are equally right (an article
    /// that only ever writes "President Obama").
    pub antecedent: String,
}

/// How well pronoun sources were resolved.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ResolutionScore {
    /// Pronouns annotated.
    pub annotated: usize,
    /// Pronouns that a predicted quote's speaker span overlaps.
    pub attributed: usize,
    /// Of those, resolved to the annotated name.
    pub right: usize,
}

/// Read a tab-separated file of hand-checked rows with a header naming `columns`.
fn read_checked<T: serde::de::DeserializeOwned>(path: &Path, columns: &str) -> Result<Vec<T>> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .quoting(false)
        .from_path(path)
        .with_context(|| format!("cannot open {}", path.display()))?;
    reader
        .deserialize()
        .enumerate()
        .map(|(i, row)| row.with_context(|| format!("{}: row {}: expected {columns}", path.display(), i + 2)))
        .collect()
}

/// The predicted quote whose speaker span overlaps `start..end` of `article_id`.
fn speaker_at<'p>(
    predictions: &'p [QuoteRecord],
    article_id: &str,
    start: usize,
    end: usize,
) -> Option<&'p QuoteRecord> {
    predictions.iter().find(|p| {
        p.article_id == article_id
            && matches!((p.speaker_start, p.speaker_end), (Some(s), Some(e)) if s < end && start < e)
    })
}

/// Read a tab-separated antecedent file (columns as in [`Antecedent`]).
pub fn read_antecedents(path: &Path) -> Result<Vec<Antecedent>> {
    read_checked(path, "article_id, source_start, source_end, pronoun, antecedent")
}

/// Score the `speaker` of the predicted quote whose speaker span covers each annotated pronoun.
pub fn score_resolution(antecedents: &[Antecedent], predictions: &[QuoteRecord]) -> ResolutionScore {
    let mut score = ResolutionScore { annotated: antecedents.len(), ..Default::default() };
    for a in antecedents {
        if let Some(p) = speaker_at(predictions, &a.article_id, a.source_start, a.source_end) {
            score.attributed += 1;
            score.right += a.antecedent.split('|').any(|name| name == p.speaker) as usize;
        }
    }
    score
}

/// The resolution score as text.
pub fn format_resolution(score: &ResolutionScore) -> String {
    let share = |n: usize, of: usize| if of == 0 { 0.0 } else { n as f64 / of as f64 };
    format!(
        "pronoun sources: {} annotated, {} attributed, {} resolved right ({:.3} of attributed, {:.3} of annotated)\n",
        score.annotated,
        score.attributed,
        score.right,
        share(score.right, score.attributed),
        share(score.right, score.annotated)
    )
}

/// One hand-checked speaker mention: where it stands and what kind of speaker it refers to.
#[derive(Debug, Clone, serde::Deserialize)]
pub struct CheckedSpeakerType {
    /// The article.
    pub article_id: String,
    /// Code-point offsets of the mention.
    pub speaker_start: usize,
    /// End of the mention, exclusive.
    pub speaker_end: usize,
    /// The mention as written.
    pub mention: String,
    /// `person`, `organisation` or `group`; `|` separates types that are equally right (a
    /// campaign team is an organisation or a group). A pronoun takes its referent's type.
    pub speaker_type: String,
}

/// How well speaker types were assigned.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TypeScore {
    /// Mentions annotated.
    pub annotated: usize,
    /// Mentions that a predicted quote's speaker span overlaps.
    pub attributed: usize,
    /// Of those, typed as annotated.
    pub right: usize,
    /// Of those, typed `unknown`: no answer rather than a wrong one.
    pub unknown: usize,
}

impl TypeScore {
    /// Mentions given a type that is not theirs.
    pub fn wrong(&self) -> usize {
        self.attributed - self.right - self.unknown
    }
}

/// Read a tab-separated speaker-type file (columns as in [`CheckedSpeakerType`]).
pub fn read_speaker_types(path: &Path) -> Result<Vec<CheckedSpeakerType>> {
    read_checked(path, "article_id, speaker_start, speaker_end, mention, speaker_type")
}

/// Score the `speaker_type` of the predicted quote whose speaker span overlaps each annotated
/// mention.
pub fn score_speaker_types(checked: &[CheckedSpeakerType], predictions: &[QuoteRecord]) -> TypeScore {
    let mut score = TypeScore { annotated: checked.len(), ..Default::default() };
    for c in checked {
        if let Some(p) = speaker_at(predictions, &c.article_id, c.speaker_start, c.speaker_end) {
            score.attributed += 1;
            if c.speaker_type.split('|').any(|t| t == p.speaker_type) {
                score.right += 1;
            } else if p.speaker_type == "unknown" {
                score.unknown += 1;
            }
        }
    }
    score
}

/// The speaker-type score as text.
pub fn format_speaker_types(score: &TypeScore) -> String {
    let share = |n: usize| if score.attributed == 0 { 0.0 } else { n as f64 / score.attributed as f64 };
    format!(
        "speaker types: {} annotated, {} attributed: {} right ({:.3}), {} unknown ({:.3}), {} wrong ({:.3})\n",
        score.annotated,
        score.attributed,
        score.right,
        share(score.right),
        score.unknown,
        share(score.unknown),
        score.wrong(),
        share(score.wrong())
    )
}
