//! What the command-line tests share: the binary, run from the repository root.

use std::process::{Command, Output};

/// The `quotelens` binary under test, run from the repository root (where `models/` is).
pub fn quotelens() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_quotelens"));
    command.current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

/// Run `command` and fail the test, with its standard error, unless it succeeds.
pub fn run_ok(command: &mut Command) -> Output {
    let out = command.output().unwrap();
    assert!(out.status.success(), "{command:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}
