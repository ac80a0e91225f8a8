#!/usr/bin/env bash
# Fuzz the rules for a bounded time: ./run.sh [seconds] (default 60, or $FUZZ_SECONDS).
# Needs a nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`). Exits non-zero, with
# the crashing input under fuzz/artifacts/label_article/, when the rules panic or an offset
# lies. The corpus grows in fuzz/corpus/label_article/ (ignored by git); the sample articles
# seed it.
set -euo pipefail
core=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$core"
seconds=${1:-${FUZZ_SECONDS:-60}}
mkdir -p fuzz/corpus/label_article
cargo +nightly fuzz run label_article "$core/fuzz/corpus/label_article" "$core/../../data/samples" -- \
    -max_total_time="$seconds" -max_len=4096 -dict="$core/fuzz/label_article.dict" -timeout=10 -rss_limit_mb=2048
