//! Where the attribution tagger's time goes: seconds, and the encoder's floating-point
//! operations, summed per step over a run, for `quotelens bench`. Off unless [`enable`]d, so
//! that labelling pays one relaxed atomic load per timed step.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

/// A step of the tagger's reading of articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    /// Word pieces of each article, with their offsets.
    Tokenizing,
    /// Cutting the pieces into overlapping windows and padding them into batches.
    Windows,
    /// The transformer encoder over every window.
    Encoder,
    /// The bidirectional LSTM over each window's states.
    Lstm,
    /// The tag scores: the linear layer, log-softmax, and copying them out of torch.
    TagScores,
    /// Averaging the windows over each piece, CRF decoding and marginals, and the spans.
    Crf,
}

/// Every step, in pipeline order.
pub const STEPS: [Step; 6] = [Step::Tokenizing, Step::Windows, Step::Encoder, Step::Lstm, Step::TagScores, Step::Crf];

impl Step {
    /// Its name in `bench`'s table.
    pub fn name(self) -> &'static str {
        match self {
            Step::Tokenizing => "tokenizing",
            Step::Windows => "windows and batches",
            Step::Encoder => "encoder",
            Step::Lstm => "LSTM",
            Step::TagScores => "tag scores",
            Step::Crf => "CRF and spans",
        }
    }
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static NANOS: [AtomicU64; STEPS.len()] = [const { AtomicU64::new(0) }; STEPS.len()];
static FLOPS: [AtomicU64; STEPS.len()] = [const { AtomicU64::new(0) }; STEPS.len()];

/// Start counting (and clear what was counted).
pub fn enable() {
    for counter in NANOS.iter().chain(&FLOPS) {
        counter.store(0, Ordering::Relaxed);
    }
    ENABLED.store(true, Ordering::Relaxed);
}

/// Run `f`, counting its time toward `step` when counting is on.
pub fn time<T>(step: Step, f: impl FnOnce() -> T) -> T {
    if !ENABLED.load(Ordering::Relaxed) {
        return f();
    }
    let started = Instant::now();
    let out = f();
    NANOS[step as usize].fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
    out
}

/// Count `flops` floating-point (or integer) operations toward `step`.
pub fn add_flops(step: Step, flops: u64) {
    if ENABLED.load(Ordering::Relaxed) {
        FLOPS[step as usize].fetch_add(flops, Ordering::Relaxed);
    }
}

/// Seconds and operations counted per step since [`enable`], in [`STEPS`] order.
pub fn totals() -> Vec<(Step, f64, u64)> {
    STEPS
        .iter()
        .map(|&s| {
            (s, NANOS[s as usize].load(Ordering::Relaxed) as f64 / 1e9, FLOPS[s as usize].load(Ordering::Relaxed))
        })
        .collect()
}

/// Multiply-adds, counted as two operations each, of one transformer encoder reading a batch of
/// `batch` windows `width` positions wide (padding included: it is computed too): per layer,
/// the four attention projections and the two feed-forward matrices per position, and the
/// attention scores and their weighted sum per pair of positions.
pub fn encoder_flops(layers: u64, hidden: u64, intermediate: u64, batch: u64, width: u64) -> u64 {
    let per_position = 4 * hidden * hidden + 2 * hidden * intermediate;
    let attention = 2 * width * width * hidden;
    2 * layers * batch * (width * per_position + attention)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_minilm_window_costs_what_its_matrices_say() {
        // all-MiniLM-L6-v2: 6 layers, hidden 384, intermediate 1536; one window of 256.
        let per_position = 4 * 384 * 384 + 2 * 384 * 1536; // 1,769,472 multiply-adds
        let expected = 2 * 6 * (256 * per_position + 2 * 256 * 256 * 384);
        assert_eq!(encoder_flops(6, 384, 1536, 1, 256), expected);
        assert_eq!(encoder_flops(6, 384, 1536, 3, 256), 3 * expected);
        assert!((expected as f64 - 6.0e9).abs() < 0.2e9, "about 6 GFLOP a window: {expected}");
    }
}
