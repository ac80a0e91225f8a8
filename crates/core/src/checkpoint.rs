//! The checkpoint of a `label` run, written beside its output after every chunk of articles so
//! that `--resume` can go on from the last one after the run is killed.
//!
//! A checkpoint counts the input items (articles and unreadable rows) the run has consumed and
//! how many bytes of each output's partial file are final; both are made durable (the partial
//! files synced, then the checkpoint renamed into place) before the next chunk is written, so
//! after a kill the checkpoint never counts more than the files hold. Resuming cuts the partial
//! files back to the counted bytes and skips the consumed items, and the finished output is
//! byte-identical to an uninterrupted run's.

use crate::output::beside;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What a run has done so far.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Input items consumed: articles (in the shard or not) and unreadable rows.
    pub consumed: u64,
    /// Articles labelled.
    pub articles: u64,
    /// Rows of quotes written.
    pub quotes: u64,
    /// Items skipped: unreadable inputs, and articles the labeller failed on.
    pub skipped: u64,
    /// Articles whose id an earlier article already had.
    pub duplicates: u64,
}

/// The state of a run at the end of its last finished chunk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The run's inputs and every option that changes its output, so that a checkpoint is never
    /// resumed by a different command.
    pub job: String,
    /// Progress.
    pub counts: Counts,
    /// Final bytes of the output's partial file.
    pub output_bytes: u64,
    /// Final bytes of the errors file's partial file, when there is one.
    pub errors_bytes: Option<u64>,
}

impl Checkpoint {
    /// `<output>.checkpoint`: where the checkpoint of a run writing `output` lives.
    pub fn path(output: &Path) -> PathBuf {
        beside(output, ".checkpoint")
    }

    /// The checkpoint of a run writing `output`, if there is one.
    pub fn read(output: &Path) -> Result<Option<Checkpoint>> {
        let path = Self::path(output);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map(Some).with_context(|| {
                format!("{} is not a checkpoint quotelens can read; remove it to start over", path.display())
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
        }
    }

    /// Write the checkpoint atomically beside `output`.
    pub fn write(&self, output: &Path) -> Result<()> {
        let path = Self::path(output);
        let tmp = beside(&path, ".tmp");
        let mut file = std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        file.write_all(&serde_json::to_vec(self)?)?;
        file.sync_all()?;
        std::fs::rename(&tmp, &path).with_context(|| format!("cannot write {}", path.display()))
    }

    /// Remove the checkpoint of a finished run.
    pub fn remove(output: &Path) -> Result<()> {
        match std::fs::remove_file(Self::path(output)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e.into()),
            _ => Ok(()),
        }
    }
}
