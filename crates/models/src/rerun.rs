//! Tests run again in a child process whose environment holds a library to older CPU
//! instructions: oneDNN and FBGEMM choose their kernels once per process, so a development
//! machine with VNNI would otherwise never run the kernels that CPUs without it get.

/// Run the tests of this test binary matching `args` once per value of `variable` in `values`,
/// and assert that each run passes `passed` tests (cargo's "N passed"). Returns at once when
/// `variable` is already set: that process is a child.
pub fn under_each(variable: &str, values: &[&str], args: &[&str], passed: usize) {
    if std::env::var_os(variable).is_some() {
        return;
    }
    let exe = std::env::current_exe().expect("a test binary knows its path");
    for value in values {
        let out = std::process::Command::new(&exe)
            .args(args)
            .arg("--test-threads=1")
            .env(variable, value)
            .output()
            .expect("the test binary runs again");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success() && stdout.contains(&format!("{passed} passed")),
            "{variable}={value}: {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}
