//! Writing CSV to a file atomically, or to standard output.
//!
//! A file is written to a temporary sibling and renamed into place only when complete, so a
//! crashed or interrupted run never leaves a half-written CSV where a finished one is expected.

use anyhow::{Context, Result};
use std::borrow::Cow;
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
        let mut builder = tempfile::Builder::new();
        builder.prefix(".quotelens-").suffix(".tmp");
        // As any new file: read and write for all, less what the umask takes away (tempfile's
        // own default, 0600, would keep a research group's shared output from the group).
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o666));
        let tmp = builder.tempfile_in(&dir).with_context(|| {
            format!("cannot create a file in {}; check that the directory exists and is writable", dir.display())
        })?;
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
