//! Where the shipped models are found.
//!
//! The models ship in the repository's `models/` folder. So that `quotelens` works from any
//! working directory — a cluster job rarely runs in the checkout — a model named `sentiment` is
//! looked for, in order, in `$QUOTELENS_MODELS/sentiment`, `./models/sentiment`, and
//! `models/sentiment` in the folders above the executable (`target/release/quotelens` finds the
//! checkout's `models/`).

use std::path::{Path, PathBuf};

/// The environment variable naming a folder of models, searched first.
pub const MODELS_ENV: &str = "QUOTELENS_MODELS";

/// The folders searched for shipped models, in order.
pub fn search_path() -> Vec<PathBuf> {
    let mut out = Vec::new();
    if let Some(dir) = std::env::var_os(MODELS_ENV) {
        out.push(PathBuf::from(dir));
    }
    out.push(PathBuf::from("models"));
    if let Ok(exe) = std::env::current_exe() {
        // target/release/quotelens → target/release, target, the checkout.
        out.extend(exe.ancestors().skip(1).take(3).map(|d| d.join("models")));
    }
    out
}

/// The first `<folder>/<name>` on the [`search_path`] that holds a `config.json`.
pub fn shipped(name: &str) -> Option<PathBuf> {
    search_path().into_iter().map(|d| d.join(name)).find(|d| d.join("config.json").is_file())
}

/// The model directory to use: `given` if there is one, else the shipped model `name`. The error
/// says where it looked and which flag to pass.
pub fn resolve(given: Option<&Path>, name: &str, flag: &str) -> anyhow::Result<PathBuf> {
    match given {
        Some(dir) if dir.join("config.json").is_file() => Ok(dir.to_path_buf()),
        Some(dir) => anyhow::bail!("no {name} model in {} (config.json missing): pass --{flag} a model directory", dir.display()),
        None => shipped(name).ok_or_else(|| {
            let looked: Vec<String> = search_path().iter().map(|d| d.join(name).display().to_string()).collect();
            anyhow::anyhow!("no shipped {name} model found (looked in {}): set {MODELS_ENV} to the repository's models/ folder or pass --{flag} DIR", looked.join(", "))
        }),
    }
}
