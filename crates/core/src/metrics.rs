//! Classification metrics: accuracy, per-class and macro-averaged F1.

/// Scores of predicted class ids against gold ones.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassMetrics {
    /// Share of predictions equal to gold.
    pub accuracy: f64,
    /// Mean of the per-class F1 over classes that occur in gold or predictions.
    pub macro_f1: f64,
    /// F1 of each class, by id.
    pub f1: Vec<f64>,
    /// Examples scored.
    pub n: usize,
}

impl ClassMetrics {
    /// Score `predicted` against `gold` for `classes` classes.
    pub fn new(classes: usize, gold: &[usize], predicted: &[usize]) -> Self {
        assert_eq!(gold.len(), predicted.len(), "one prediction per gold label");
        let mut tp = vec![0usize; classes];
        let mut gold_n = vec![0usize; classes];
        let mut pred_n = vec![0usize; classes];
        for (&g, &p) in gold.iter().zip(predicted) {
            gold_n[g] += 1;
            pred_n[p] += 1;
            if g == p {
                tp[g] += 1;
            }
        }
        let f1: Vec<f64> = (0..classes)
            .map(|c| if gold_n[c] + pred_n[c] == 0 { 0.0 } else { 2.0 * tp[c] as f64 / (gold_n[c] + pred_n[c]) as f64 })
            .collect();
        let present: Vec<f64> = (0..classes).filter(|&c| gold_n[c] + pred_n[c] > 0).map(|c| f1[c]).collect();
        ClassMetrics {
            accuracy: if gold.is_empty() { 0.0 } else { tp.iter().sum::<usize>() as f64 / gold.len() as f64 },
            macro_f1: if present.is_empty() { 0.0 } else { present.iter().sum::<f64>() / present.len() as f64 },
            f1,
            n: gold.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn macro_f1_averages_the_classes_present() {
        let m = ClassMetrics::new(3, &[0, 0, 1, 1], &[0, 1, 1, 1]);
        assert!((m.accuracy - 0.75).abs() < 1e-9);
        assert!((m.f1[0] - 2.0 / 3.0).abs() < 1e-9);
        assert!((m.f1[1] - 0.8).abs() < 1e-9);
        assert!((m.macro_f1 - (2.0 / 3.0 + 0.8) / 2.0).abs() < 1e-9);
    }
}
