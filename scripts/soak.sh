#!/usr/bin/env bash
# Soak run of `quotelens label` (docs/soak.md): generate corpora of 10,000 and 100,000 news-like
# articles with 1% corrupted items (scripts/soak.py), label each with --rules-only under
# /usr/bin/time -v, label a 1,000-article sample of the larger one with the default pipeline
# (rules and the attribution tagger), check every run against the corpus's expected.json, and
# print one table.
#
#   bash scripts/soak.sh
#
# Environment (all optional):
#   QUOTELENS     binary to soak (default target/release/quotelens; copied first, so that a
#                 rebuild during the run does not change what is measured)
#   SOAK_DIR      where corpora and outputs go (default target/soak; about 1.2 GB)
#   SOAK_SIZES    corpus sizes for the rules-only runs (default "10000 100000")
#   SOAK_SAMPLE   rows of the largest corpus for the default pipeline (default 1000; 0 skips it)
#   SOAK_HUGE     20 MiB articles in each corpus, 0 to 3 (default 1: the rules take about
#                 2.5 CPU minutes on each, see docs/soak.md)
#   SOAK_OMP_THREADS  OMP_NUM_THREADS for the default-pipeline run (default 1; set it empty to
#                 leave libtorch its default: on 2 shared cores that ran 6 times slower, see
#                 docs/soak.md)
#   SOAK_SEED     generator seed (default 20240607)
#   SOAK_TIMEOUT  seconds after which one quotelens run is killed (default 1800)
# A corpus already in SOAK_DIR with the same size, seed and huge count is reused.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${QUOTELENS:-target/release/quotelens}
DIR=${SOAK_DIR:-target/soak}
SIZES=${SOAK_SIZES:-"10000 100000"}
SAMPLE=${SOAK_SAMPLE:-1000}
HUGE=${SOAK_HUGE:-1}
OMP=${SOAK_OMP_THREADS-1}
SEED=${SOAK_SEED:-20240607}
TIMEOUT=${SOAK_TIMEOUT:-1800}

if [ ! -x /usr/bin/time ]; then
    echo "installing GNU time (/usr/bin/time)" >&2
    apt-get update -qq && apt-get install -y -qq time >/dev/null
fi
if [ ! -x "$BIN" ]; then
    echo "no $BIN: build it first (cargo build --release --offline)" >&2
    exit 1
fi
mkdir -p "$DIR/runs"
cp "$BIN" "$DIR/quotelens"
BIN=$DIR/quotelens
{
    echo "binary: $(sha256sum "$BIN" | cut -c1-16) (copy of ${QUOTELENS:-target/release/quotelens}, built $(date -r "${QUOTELENS:-target/release/quotelens}" -u '+%F %T UTC'))"
    echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores visible, avx512_vnni: $(grep -qw avx512_vnni /proc/cpuinfo && echo yes || echo no)"
    if [ -n "$OMP" ]; then
        echo "default pipeline run with: OMP_NUM_THREADS=$OMP"
    else
        echo "default pipeline run with: the default threads of libtorch"
    fi
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$DIR/machine.txt"

# run NAME CORPUS_DIR ENV [label options...]: one timed, checked run into $DIR/runs/NAME, with
# the environment assignments ENV (space-separated, may be empty).
run() {
    local name=$1 corpus=$2 vars=$3
    shift 3
    local out=$DIR/runs/$name rc=0
    rm -rf "$out"
    mkdir -p "$out"
    echo "== $name: ${vars:+$vars }quotelens label $corpus/corpus.jsonl $* -o $out/out.csv --errors $out/errors.csv" >&2
    # shellcheck disable=SC2086 # $vars is a list of assignments
    /usr/bin/time -v timeout "$TIMEOUT" env $vars "$BIN" label "$corpus/corpus.jsonl" "$@" \
        -o "$out/out.csv" --errors "$out/errors.csv" 2>"$out/stderr.txt" &
    local pid=$!
    # Resident memory and progress once a second, to find the slowest chunk and the memory
    # held after the huge articles (the peak of /usr/bin/time is theirs).
    python3 scripts/soak.py watch "$pid" "$out/out.csv.checkpoint" "$out/rss.tsv" &
    local watcher=$!
    wait "$pid" || rc=$?
    wait "$watcher" || true
    echo "$rc" >"$out/rc"
    grep -m1 '^labelled' "$out/stderr.txt" >&2 || tail -n 20 "$out/stderr.txt" >&2
    python3 scripts/soak.py check "$corpus" "$out" --name "$name" || true
}

largest=
results=()
for n in $SIZES; do
    python3 scripts/soak.py generate "$n" "$DIR/c$n" --seed "$SEED" --huge "$HUGE" --reuse
    largest=$DIR/c$n
done
for n in $SIZES; do
    label=$((n / 1000))k
    run "rules-$label" "$DIR/c$n" "" --rules-only
    results+=("$DIR/runs/rules-$label/result.json")
done
if [ "$SAMPLE" -gt 0 ] && [ -n "$largest" ]; then
    python3 scripts/soak.py sample "$largest" "$SAMPLE" "$DIR/sample$SAMPLE"
    run "default-sample$SAMPLE" "$DIR/sample$SAMPLE" "${OMP:+OMP_NUM_THREADS=$OMP}"
    results+=("$DIR/runs/default-sample$SAMPLE/result.json")
fi

echo
rc=0
python3 scripts/soak.py table "${results[@]}" | tee "$DIR/summary.md" || rc=$?
cat "$DIR/machine.txt"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$rc"
