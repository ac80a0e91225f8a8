//! Writing CSV to a file atomically, or to standard output.
//!
//! A file is written to `<name>.partial` beside it and renamed into place only when complete, so
//! a crashed or interrupted run never leaves a half-written CSV where a finished one is expected.
//! The partial file has a fixed name so that a killed `label` run can be resumed: its checkpoint
//! ([`crate::checkpoint`]) records how many bytes of it are final, and [`Sink::resume`] cuts it
//! back to those.

use anyhow::{bail, Context, Result};
use std::borrow::Cow;
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

/// Where output goes.
pub enum Sink {
    /// Standard output.
    Stdout(std::io::Stdout),
    /// A partial file to be renamed to `target` on [`Sink::finish`].
    File {
        /// The open `<target>.partial`.
        file: BufWriter<File>,
        /// Its path.
        partial: PathBuf,
        /// Where the finished file goes.
        target: PathBuf,
    },
}

/// `<target>.partial`: where `target` is written until it is complete.
pub fn partial_path(target: &Path) -> PathBuf {
    let mut name = target.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    target.with_file_name(name)
}

impl Sink {
    /// Open `path` (`-` for stdout) for writing, from nothing.
    pub fn create(path: &Path) -> Result<Sink> {
        if path.as_os_str() == "-" {
            return Ok(Sink::Stdout(std::io::stdout()));
        }
        Self::open_partial(path, None)
    }

    /// Reopen the partial file of a killed run writing `path`, cut back to its first `len` bytes
    /// (what the run's last checkpoint counted as written), to go on from there.
    pub fn resume(path: &Path, len: u64) -> Result<Sink> {
        Self::open_partial(path, Some(len))
    }

    fn open_partial(target: &Path, keep: Option<u64>) -> Result<Sink> {
        let partial = partial_path(target);
        let mut options = OpenOptions::new();
        options.write(true).create(true).truncate(keep.is_none());
        // As any new file: read and write for all, less what the umask takes away, so that a
        // research group's shared output is the group's.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o666);
        let mut file = options.open(&partial).with_context(|| {
            format!("cannot create {}; check that the directory exists and is writable", partial.display())
        })?;
        if let Some(len) = keep {
            let found = file.metadata()?.len();
            if found < len {
                bail!(
                    "{} holds {found} bytes but its checkpoint counts {len}: it was changed since; run without --resume to start over",
                    partial.display()
                );
            }
            file.set_len(len)?;
            file.seek(SeekFrom::End(0))?;
        }
        Ok(Sink::File { file: BufWriter::new(file), partial, target: target.to_path_buf() })
    }

    /// Make everything written so far durable, and say how many bytes that is (`None` on
    /// standard output, which cannot be resumed).
    pub fn sync(&mut self) -> Result<Option<u64>> {
        match self {
            Sink::Stdout(s) => {
                s.flush()?;
                Ok(None)
            }
            Sink::File { file, .. } => {
                file.flush()?;
                file.get_ref().sync_data()?;
                Ok(Some(file.get_ref().metadata()?.len()))
            }
        }
    }

    /// Move the finished file into place.
    pub fn finish(self) -> Result<()> {
        match self {
            Sink::Stdout(mut s) => Ok(s.flush()?),
            Sink::File { file, partial, target } => {
                let file = file.into_inner().map_err(|e| e.into_error())?;
                file.sync_all()?;
                std::fs::rename(&partial, &target).with_context(|| format!("cannot write {}", target.display()))
            }
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Stdout(s) => s.write(buf),
            Sink::File { file, .. } => file.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Stdout(s) => s.flush(),
            Sink::File { file, .. } => file.flush(),
        }
    }
}

/// A cell as a spreadsheet will not run it: text that begins with `=`, `+`, `-`, `@`, a tab or a
/// carriage return gets a leading apostrophe, as OWASP's guidance on CSV injection says, so that
/// `=HYPERLINK(…)` in a quote opens as text. Numbers ("-0.5") are left alone. Strip one leading
/// apostrophe from such a cell to get the text back exactly.
pub fn spreadsheet_safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.trim().parse::<f64>().is_err() {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Write one CSV row, each cell made [`spreadsheet_safe`] unless `raw`.
pub fn write_row<W: Write, S: AsRef<str>>(writer: &mut csv::Writer<W>, fields: &[S], raw: bool) -> Result<()> {
    if raw {
        writer.write_record(fields.iter().map(|f| f.as_ref()))?;
    } else {
        writer.write_record(
            fields.iter().map(|f| spreadsheet_safe(f.as_ref())).collect::<Vec<_>>().iter().map(|c| c.as_ref()),
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_get_an_apostrophe_and_numbers_do_not() {
        for (cell, safe) in [
            ("=HYPERLINK(\"http://example.com\",\"x\")", "'=HYPERLINK(\"http://example.com\",\"x\")"),
            ("+1 more", "'+1 more"),
            ("-- the end", "'-- the end"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
        ] {
            assert_eq!(spreadsheet_safe(cell), safe);
        }
        for cell in ["-0.5", "+3", "We said = no", "", "Ann Lee"] {
            assert_eq!(spreadsheet_safe(cell), cell);
        }
    }
}
