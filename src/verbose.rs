//! `-v`: details of a run on standard error (which configuration and models were read, how each
//! chunk of input went), never on standard output, where the data goes.

use std::sync::atomic::{AtomicBool, Ordering};

static ON: AtomicBool = AtomicBool::new(false);

/// Turn details on for the rest of the run.
pub fn enable() {
    ON.store(true, Ordering::Relaxed);
}

/// Whether `-v` was given.
pub fn on() -> bool {
    ON.load(Ordering::Relaxed)
}

/// Print a detail line on standard error when `-v` was given.
macro_rules! detail {
    ($($arg:tt)*) => {
        if $crate::verbose::on() {
            eprintln!("quotelens: {}", format_args!($($arg)*));
        }
    };
}
pub(crate) use detail;
