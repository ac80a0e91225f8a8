//! Embed libtorch's directory as the run-time library path of every binary and test, so that
//! `quotelens` and `cargo test` run without LD_LIBRARY_PATH. torch-sys only sets it for its own
//! C++ object; `DEP_TCH_LIBTORCH_LIB` is what it reports to crates that depend on it.

fn main() {
    println!("cargo:rerun-if-env-changed=DEP_TCH_LIBTORCH_LIB");
    if let Ok(lib) = std::env::var("DEP_TCH_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{lib}");
    }
}
