//! What the command-line tests share: the binary, run from the repository root.

use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

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

/// Start `command` and kill it (SIGKILL on Unix) as soon as it has written `checkpoint`, well
/// before it is done; fail the test if no checkpoint came within a minute.
pub fn kill_after_checkpoint(command: &mut Command, checkpoint: &Path) {
    let mut child = command.stderr(Stdio::null()).spawn().unwrap();
    let started = Instant::now();
    while !checkpoint.exists() && started.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(checkpoint.exists(), "the run took no checkpoint");
}
