#!/usr/bin/env bash
# The same job in quotelens and in a plain Python implementation, alternating, on the same CPU:
# the attribution tagger's encoder, LSTM and tag scores over every window of the articles, and
# stance (toward TARGET) and sentiment of every quote, with the same weights. Python runs
# Hugging Face transformers in 32-bit floats and with torch's dynamic 8-bit quantization
# (quantize_dynamic); quotelens as `label` reads (8-bit on a CPU). The last line is
#   ratio quotelens/python: X.XX
# quotelens' throughput over the best Python variant's.
#
#   scripts/bench-vs-python.sh [ARTICLES_DIR]      (default: PolNeAR dev, 84 articles)
#   ROUNDS=3 TARGET="the peace plan" THREADS=2 scripts/bench-vs-python.sh DIR
#
# Python's packages (torch 2.4.0, the libtorch quotelens links, and transformers; about 3 GB
# with torch's CUDA libraries, which PyPI's torch requires) go into their own virtual
# environment, target/bench-python, outside the product's setup. Run ./setup.sh first.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

ARTICLES=${1:-../shared/data/polnear/dev/text}
TARGET=${TARGET:-Donald Trump}
ROUNDS=${ROUNDS:-2}
THREADS=${THREADS:-$(nproc)}
VENV=target/bench-python
QUOTELENS=target/release/quotelens

[ -x "$QUOTELENS" ] || { echo "no $QUOTELENS: run ./setup.sh first" >&2; exit 1; }
if ! "$VENV/bin/python" -c "import torch, transformers" 2>/dev/null; then
    echo "==> installing torch 2.4.0 and transformers into $VENV" >&2
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet "torch==2.4.0" "transformers==4.44.2" "numpy<2" safetensors
fi

items="$VENV/items.jsonl"
results="$VENV/results.jsonl"
: > "$results"
# The same steps of quotelens' per-stage breakdown that the Python job does.
steps='tokenizing|windows and batches|encoder|LSTM|tag scores|stance|sentiment'
for round in $(seq "$ROUNDS"); do
    echo "==> round $round of $ROUNDS" >&2
    out=$(RAYON_NUM_THREADS="$THREADS" "$QUOTELENS" bench "$ARTICLES" --repeat 1 --target "$TARGET" \
        --items-out "$items" 2>/dev/null)
    secs=$(printf '%s\n' "$out" | awk -v re="^  ($steps) +[0-9.]+s" '$0 ~ re {
        for (i = 1; i <= NF; i++) if ($i ~ /^[0-9.]+s$/) { sub(/s$/, "", $i); total += $i; break } }
        END { print total }')
    quotes=$(wc -l < "$items")
    echo "{\"variant\": \"quotelens\", \"seconds\": $secs, \"quotes\": $quotes}" | tee -a "$results" >&2
    for variant in fp32 int8; do
        "$VENV/bin/python" scripts/bench-vs-python/job.py "$ARTICLES" "$items" "$variant" "$THREADS" |
            tee -a "$results" >&2
    done
done
"$VENV/bin/python" - "$results" "$THREADS" <<'PY'
import json, os, sys
runs = [json.loads(l) for l in open(sys.argv[1])]
best = {}
for r in runs:
    best[r["variant"]] = min(best.get(r["variant"], float("inf")), r["seconds"])
quotes = runs[0]["quotes"]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
flags = open("/proc/cpuinfo").read()
kind = "AVX-512 VNNI" if "avx512_vnni" in flags else "AVX2, no VNNI" if "avx2" in flags else "no AVX2"
held = os.environ.get("ONEDNN_MAX_CPU_ISA") or os.environ.get("FBGEMM_ENABLE_INSTRUCTIONS")
if held:
    kind += f"; kernels held to {held}"
print(f"CPU: {cpu} ({kind}), {sys.argv[2]} threads; best of {len(runs) // len(best)} rounds")
for variant, secs in best.items():
    print(f"  {variant:<14} {secs:7.2f}s  {quotes / secs:6.1f} quotes/s (tagger windows, stance and sentiment)")
python = min(v for k, v in best.items() if k != "quotelens")
print(f"ratio quotelens/python: {python / best['quotelens']:.2f}")
PY
