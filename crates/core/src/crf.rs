//! Decoding the tagger's per-piece scores into one well-formed tag sequence (Viterbi under the
//! BIO constraint, with a CRF head's transition scores where the tagger has one), and the
//! probability of each tag at each piece (forward-backward).

use crate::tags::{Role, TAG_LABELS};

/// Scores a linear-chain CRF adds to a tag sequence: `transition[p][t]` for tag `t` after tag
/// `p`, `start[t]` for the first tag, `end[t]` for the last.
#[derive(Debug, Clone, PartialEq)]
pub struct Transitions {
    /// Score of each tag (column) after each tag (row).
    pub transition: Vec<Vec<f32>>,
    /// Score of each tag as the first.
    pub start: Vec<f32>,
    /// Score of each tag as the last.
    pub end: Vec<f32>,
}

/// Whether `tag` may follow `prev` (`None`: open the sequence): an `I-` tag only after the `B-`
/// or `I-` tag of its role.
pub fn allowed_after(prev: Option<usize>, tag: usize) -> bool {
    match Role::of_tag(tag) {
        Some(role) if tag == role.begin_tag() + 1 => prev.is_some_and(|p| p == role.begin_tag() || p == tag),
        _ => true,
    }
}

/// The best tag sequence under the BIO constraint, from per-piece log-probabilities, with the
/// scores of a CRF head where the tagger has one.
pub fn decode(log_probs: &[Vec<f32>], crf: Option<&Transitions>) -> Vec<usize> {
    let tags = TAG_LABELS.len();
    let transition = |p: usize, t: usize| crf.map_or(0.0, |c| c.transition[p][t]);
    let first = |t: usize| log_probs.first().map_or(0.0, |l| l[t]) + crf.map_or(0.0, |c| c.start[t]);
    let mut score: Vec<f32> =
        (0..tags).map(|t| if allowed_after(None, t) { first(t) } else { f32::NEG_INFINITY }).collect();
    let mut back: Vec<Vec<usize>> = Vec::with_capacity(log_probs.len());
    for lp in log_probs.iter().skip(1) {
        let mut next = vec![f32::NEG_INFINITY; tags];
        let mut from = vec![0; tags];
        for t in 0..tags {
            for (p, &before) in score.iter().enumerate() {
                let candidate = before + transition(p, t) + lp[t];
                if allowed_after(Some(p), t) && candidate > next[t] {
                    next[t] = candidate;
                    from[t] = p;
                }
            }
        }
        back.push(from);
        score = next;
    }
    if log_probs.is_empty() {
        return Vec::new();
    }
    let last = |t: usize| score[t] + crf.map_or(0.0, |c| c.end[t]);
    let mut tag = (0..tags).max_by(|&a, &b| last(a).total_cmp(&last(b))).unwrap_or(0);
    let mut out = vec![tag];
    for from in back.iter().rev() {
        tag = from[tag];
        out.push(tag);
    }
    out.reverse();
    out
}

/// The probability of each tag at each piece, summed over every well-formed tag sequence
/// (forward-backward), under the same scores and BIO constraint that [`decode`] maximises.
pub fn marginals(log_probs: &[Vec<f32>], crf: Option<&Transitions>) -> Vec<Vec<f32>> {
    let (n, tags) = (log_probs.len(), TAG_LABELS.len());
    if n == 0 {
        return Vec::new();
    }
    let transition = |p: usize, t: usize| {
        if allowed_after(Some(p), t) {
            crf.map_or(0.0, |c| c.transition[p][t])
        } else {
            f32::NEG_INFINITY
        }
    };
    // Each row is shifted to sum to one as it is made: summed over a long article the scores
    // would grow past what f32 holds exactly. A shift common to a row cancels in the
    // probabilities, which are normalised row by row.
    let normalised = |row: Vec<f32>| {
        let total = log_sum_exp(row.iter().copied());
        row.into_iter().map(|x| x - total).collect::<Vec<f32>>()
    };
    let mut alpha: Vec<Vec<f32>> = Vec::with_capacity(n);
    alpha.push(normalised(
        (0..tags)
            .map(|t| {
                if allowed_after(None, t) {
                    log_probs[0][t] + crf.map_or(0.0, |c| c.start[t])
                } else {
                    f32::NEG_INFINITY
                }
            })
            .collect(),
    ));
    for lp in &log_probs[1..] {
        let before = alpha.last().expect("the first row is in");
        alpha.push(normalised(
            (0..tags).map(|t| log_sum_exp((0..tags).map(|p| before[p] + transition(p, t))) + lp[t]).collect(),
        ));
    }
    let mut beta = vec![Vec::new(); n];
    beta[n - 1] = normalised((0..tags).map(|t| crf.map_or(0.0, |c| c.end[t])).collect());
    for i in (0..n - 1).rev() {
        beta[i] = normalised(
            (0..tags)
                .map(|p| log_sum_exp((0..tags).map(|t| transition(p, t) + log_probs[i + 1][t] + beta[i + 1][t])))
                .collect(),
        );
    }
    alpha
        .iter()
        .zip(&beta)
        .map(|(a, b)| {
            let joint: Vec<f32> = a.iter().zip(b).map(|(a, b)| a + b).collect();
            normalised(joint).into_iter().map(f32::exp).collect()
        })
        .collect()
}

/// `ln Σ exp(x)`, without overflow; minus infinity for no terms or none possible.
fn log_sum_exp(xs: impl Iterator<Item = f32> + Clone) -> f32 {
    let max = xs.clone().fold(f32::NEG_INFINITY, f32::max);
    if max == f32::NEG_INFINITY {
        return max;
    }
    max + xs.map(|x| (x - max).exp()).sum::<f32>().ln()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lp(tags: &[usize]) -> Vec<Vec<f32>> {
        tags.iter().map(|&t| (0..TAG_LABELS.len()).map(|k| if k == t { -0.1 } else { -3.0 }).collect()).collect()
    }

    #[test]
    fn decoding_never_starts_a_span_with_an_inside_tag() {
        // O I-content I-content: the best well-formed reading opens the span with B-content.
        let mut scores = lp(&[0, 6, 6]);
        scores[1][5] = -0.5;
        assert_eq!(decode(&scores, None), vec![0, 5, 6]);
    }

    #[test]
    fn a_crf_head_scores_the_sequence_not_each_piece_alone() {
        // Alone, the second piece reads O by a little; a CRF that scores I-content after
        // B-content keeps the span going, and one that scores a span's end low closes it.
        let mut scores = lp(&[5, 0]);
        scores[1][6] = -0.7;
        scores[1][0] = -0.5;
        assert_eq!(decode(&scores, None), vec![5, 0]);
        let n = TAG_LABELS.len();
        let mut crf = Transitions { transition: vec![vec![0.0; n]; n], start: vec![0.0; n], end: vec![0.0; n] };
        crf.transition[5][6] = 1.0;
        assert_eq!(decode(&scores, Some(&crf)), vec![5, 6]);
        crf.end[6] = -2.0;
        assert_eq!(decode(&scores, Some(&crf)), vec![5, 0]);
        // The BIO constraint holds whatever the CRF scores: no I- tag opens the text.
        crf.start[6] = 10.0;
        assert_eq!(decode(&lp(&[6, 6]), Some(&crf))[0], 5);
    }

    #[test]
    fn marginals_sum_every_well_formed_sequence_that_decoding_chooses_among() {
        // Against brute force: every sequence of three tags, the ill-formed ones left out.
        let n = TAG_LABELS.len();
        let scores: Vec<Vec<f32>> =
            (0..3).map(|i| (0..n).map(|t| -(((i * 7 + t * 3) % 5) as f32) * 0.4).collect()).collect();
        let mut crf = Transitions { transition: vec![vec![0.0; n]; n], start: vec![0.0; n], end: vec![0.0; n] };
        for (p, row) in crf.transition.iter_mut().enumerate() {
            row.iter_mut().enumerate().for_each(|(t, x)| *x = ((p * 5 + t) % 4) as f32 * 0.3 - 0.4);
        }
        crf.start[5] = 0.5;
        crf.end[6] = -0.7;
        let mut expected = vec![vec![0.0f64; n]; 3];
        let mut total = 0.0f64;
        for path in (0..n * n * n).map(|k| [k / (n * n), k / n % n, k % n]) {
            if !allowed_after(None, path[0])
                || !allowed_after(Some(path[0]), path[1])
                || !allowed_after(Some(path[1]), path[2])
            {
                continue;
            }
            let score = crf.start[path[0]]
                + crf.end[path[2]]
                + (0..3).map(|i| scores[i][path[i]]).sum::<f32>()
                + crf.transition[path[0]][path[1]]
                + crf.transition[path[1]][path[2]];
            let weight = (score as f64).exp();
            total += weight;
            path.iter().enumerate().for_each(|(i, &t)| expected[i][t] += weight);
        }
        let got = marginals(&scores, Some(&crf));
        for i in 0..3 {
            for t in 0..n {
                assert!(
                    (got[i][t] as f64 - expected[i][t] / total).abs() < 1e-5,
                    "piece {i}, tag {t}: {} against {}",
                    got[i][t],
                    expected[i][t] / total
                );
            }
        }
        assert_eq!(got[0][6], 0.0, "no sequence opens with an inside tag");
        // Over a long article the summed scores run into the hundreds of thousands; each piece's
        // probabilities still sum to one.
        let long: Vec<Vec<f32>> = (0..20_000).map(|i| (0..n).map(|t| -20.0 - ((i + t) % 3) as f32).collect()).collect();
        for row in marginals(&long, Some(&crf)) {
            assert!((row.iter().sum::<f32>() - 1.0).abs() < 1e-4 && row.iter().all(|&p| p <= 1.0), "{row:?}");
        }
    }
}
