//! Rewrite a model directory's `model.safetensors` written by an earlier quotelens (half
//! precision throughout) in the compact form quotelens trains and ships now: large matrices in
//! 8 bits with a scale per row, the rest in half precision (see `quotelens_models::pooled::compact`).
//!
//! ```sh
//! cargo run --release --example compact -- models/attribution
//! ```

use anyhow::{Context, Result};
use std::path::PathBuf;

fn main() -> Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).context("usage: compact MODEL_DIR")?);
    let file = dir.join("model.safetensors");
    let before = std::fs::metadata(&file)?.len();
    let weights = quotelens_models::pooled::read_weights(&file)?;
    quotelens_models::pooled::write_compact(&weights, &file)?;
    let after = std::fs::metadata(&file)?.len();
    println!("{}: {:.1} MiB -> {:.1} MiB", file.display(), before as f64 / 1048576.0, after as f64 / 1048576.0);
    Ok(())
}
