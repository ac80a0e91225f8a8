//! Store an MPNet task model's trained tensors as quotelens ships weights: large matrices in
//! 8 bits with a scale per row, the rest in half precision (`pooled::compact`).
//!
//! `cargo run --release -p quotelens-models --example mpnet_pack -- IN.safetensors OUT.safetensors`
use anyhow::Result;
use quotelens_models::pooled::write_compact;
use std::path::Path;
use tch::Tensor;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let weights = Tensor::read_safetensors(&args[1])?;
    write_compact(&weights, Path::new(&args[2]))
}
