//! Writing CSV to a file atomically, or to standard output.
//!
//! A file is written to a temporary sibling and renamed into place only when complete, so a
//! crashed or interrupted run never leaves a half-written CSV where a finished one is expected.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where output goes.
pub enum Sink {
    /// Standard output.
    Stdout(std::io::Stdout),
    /// A temporary file to be renamed to `target` on [`Sink::finish`].
    File { tmp: tempfile::NamedTempFile, target: PathBuf },
}

impl Sink {
    /// Open `path` (`-` for stdout) for writing.
    pub fn create(path: &Path) -> Result<Sink> {
        if path.as_os_str() == "-" {
            return Ok(Sink::Stdout(std::io::stdout()));
        }
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let tmp = tempfile::Builder::new()
            .prefix(".quotelens-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .with_context(|| format!("cannot create a file in {}; check that the directory exists and is writable", dir.display()))?;
        Ok(Sink::File { tmp, target: path.to_path_buf() })
    }

    /// Move the finished file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut s) => Ok(s.flush()?),
            Sink::File { tmp, target } => {
                tmp.as_file().sync_all()?;
                tmp.persist(&target).with_context(|| format!("cannot write {}", target.display()))?;
                Ok(())
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File { tmp, .. } => tmp.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File { tmp, .. } => tmp.flush(),
        }
    }
}
