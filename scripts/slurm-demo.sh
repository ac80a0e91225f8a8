#!/usr/bin/env bash
# Label a corpus on Slurm the way a cluster run does, end to end: deploy/slurm/label.sbatch as
# a job array of SHARDS tasks, then deploy/slurm/merge.sbatch, which waits for the whole array
# (--dependency=afterok), then the time taken and the row counts.
#
#   scripts/slurm-single-node.sh           # once, as root, on a machine with no Slurm yet
#   scripts/slurm-demo.sh [INPUT]          # INPUT defaults to the repository's data/samples
#
# Environment:
#   QUOTELENS       binary (default: target/release/quotelens of this checkout, else on PATH)
#   OUT             output directory (default: a new /tmp/quotelens-slurm-demo.XXXXXX)
#   SHARDS          array size (default: 4)
#   QUOTELENS_ARGS  more `quotelens label` arguments, e.g. '--target "the agreement"'
#   COMPARE=1       also run one unsharded `quotelens label` here and check that the merged
#                   file has the same header and rows (merge groups them by shard; needs python3)
#   WAIT_SECONDS    give up waiting after this long (default: 3600)
set -euo pipefail

die() { echo "error: $*" >&2; exit 1; }
say() { echo "==> $*"; }

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INPUT=$(realpath -e "${1:-$repo/data/samples}") || die "input ${1:-$repo/data/samples} does not exist"
SHARDS=${SHARDS:-4}
WAIT_SECONDS=${WAIT_SECONDS:-3600}
[[ "$SHARDS" =~ ^[1-9][0-9]*$ ]] || die "SHARDS must be a positive whole number, not '$SHARDS'"
if [[ -z "${QUOTELENS:-}" ]]; then
    if [[ -x "$repo/target/release/quotelens" ]]; then QUOTELENS=$repo/target/release/quotelens; else QUOTELENS=quotelens; fi
fi
# The jobs run in other processes (on other nodes, on a real cluster): give them full paths.
bin=$(command -v "$QUOTELENS") || die "quotelens binary '$QUOTELENS' not found (set QUOTELENS)"
QUOTELENS=$(realpath "$bin")
"$QUOTELENS" label --help 2>/dev/null | grep -q -- '--shard' \
    || die "$QUOTELENS label has no --shard option: it needs a quotelens with label --shard/--errors/--resume and merge"
if [[ -n "${OUT:-}" ]]; then
    mkdir -p "$OUT"
else
    OUT=$(mktemp -d /tmp/quotelens-slurm-demo.XXXXXX)
fi
OUT=$(realpath "$OUT")
if compgen -G "$OUT/part-*.csv" >/dev/null || [[ -e "$OUT/quotes.csv" ]]; then
    die "$OUT already holds part-*.csv or quotes.csv (with --resume the tasks would keep them): use an empty OUT"
fi
mkdir -p "$OUT/logs"
export QUOTELENS_ARGS=${QUOTELENS_ARGS:-}

command -v sbatch >/dev/null || die "sbatch not found: set Slurm up first (sudo scripts/slurm-single-node.sh)"
scontrol ping 2>/dev/null | grep -q 'is UP' \
    || die "the Slurm controller does not answer (scontrol ping): run sudo scripts/slurm-single-node.sh first"

# Count CSV records, not lines: a quote can run over several lines inside one quoted cell.
count_rows() {
    if command -v python3 >/dev/null; then
        python3 -c 'import csv,sys; print(max(sum(1 for _ in csv.reader(open(sys.argv[1], newline="", encoding="utf-8"))) - 1, 0))' "$1"
    else
        echo $(( $(wc -l < "$1") - 1 ))
    fi
}

# State of every task of a job (one word per task), from the controller: no accounting
# database needed. Finished jobs stay listed for MinJobAge (300 s by default).
job_states() { scontrol -o show job "$1" 2>/dev/null | grep -o 'JobState=[A-Z_]*' | cut -d= -f2; }

# Wait until no task of job $1 is pending or running; fail on any state but COMPLETED.
wait_job() {
    local id=$1 what=$2 states
    while squeue -h -j "$id" 2>/dev/null | grep -q .; do
        (( SECONDS < deadline )) || die "gave up on $what (job $id) after ${WAIT_SECONDS}s; see squeue -j $id and $OUT/logs"
        sleep 2
    done
    states=$(job_states "$id" | sort | uniq -c | awk '{printf "%s%s x%s", (NR>1?", ":""), $2, $1}')
    echo "    $what (job $id): ${states:-no record left}"
    if job_states "$id" | grep -qv '^COMPLETED$'; then
        # the log of every task that did not complete (label: %x-%A_%a.out, merge: %x-%j.out)
        scontrol -o show job "$id" 2>/dev/null | grep -v 'JobState=COMPLETED' \
            | sed -nE 's/.*ArrayTaskId=([0-9]+).*/_\1.out/p; /ArrayTaskId=/!s/.*/-'"$id"'.out/p' \
            | while read -r suffix; do
                for log in "$OUT"/logs/*"$suffix"; do
                    [[ -f "$log" ]] && { echo "---- $log ----"; tail -n 15 "$log"; }
                done
            done >&2
        return 1
    fi
}

say "labelling $INPUT in $SHARDS shards into $OUT"
say "quotelens: $QUOTELENS ${QUOTELENS_ARGS:+(extra arguments: $QUOTELENS_ARGS)}"
cd "$repo"
t0=$(date +%s.%N)
deadline=$(( SECONDS + WAIT_SECONDS ))
label_job=$(sbatch --parsable --array=0-$((SHARDS - 1)) \
    --output="$OUT/logs/%x-%A_%a.out" \
    --export=ALL,QUOTELENS="$QUOTELENS",INPUT="$INPUT",OUT="$OUT" \
    deploy/slurm/label.sbatch) || die "sbatch of deploy/slurm/label.sbatch failed"
label_job=${label_job%%;*}
say "submitted label array job $label_job (tasks 0-$((SHARDS - 1)))"
merge_job=$(sbatch --parsable --dependency=afterok:"$label_job" \
    --output="$OUT/logs/%x-%j.out" \
    --export=ALL,QUOTELENS="$QUOTELENS",INPUT="$INPUT",OUT="$OUT",SHARDS="$SHARDS" \
    deploy/slurm/merge.sbatch) || die "sbatch of deploy/slurm/merge.sbatch failed"
merge_job=${merge_job%%;*}
say "submitted merge job $merge_job (--dependency=afterok:$label_job)"
squeue

if ! wait_job "$label_job" "label array"; then
    scancel "$merge_job" 2>/dev/null || true
    die "a label task failed (merge job $merge_job cancelled); logs in $OUT/logs. To redo only task K: sbatch --array=K --export=ALL,SHARDS=$SHARDS,QUOTELENS=$QUOTELENS,INPUT=$INPUT,OUT=$OUT deploy/slurm/label.sbatch"
fi
t1=$(date +%s.%N)
wait_job "$merge_job" "merge" || die "the merge job failed; logs in $OUT/logs"
t2=$(date +%s.%N)

say "time: $(awk -v a="$t0" -v b="$t1" -v c="$t2" 'BEGIN{printf "%.1fs in all (labelling %.1fs, merge %.1fs after it), from submission", c-a, b-a, c-b}')"
say "rows (CSV records, header not counted):"
total=0
for ((k = 0; k < SHARDS; k++)); do
    n=$(count_rows "$OUT/part-$k.csv"); total=$((total + n))
    e=$([[ -f "$OUT/errors-$k.csv" ]] && count_rows "$OUT/errors-$k.csv" || echo "-")
    printf '    %-14s %5s rows   errors-%s.csv: %s rows\n' "part-$k.csv" "$n" "$k" "$e"
done
merged=$(count_rows "$OUT/quotes.csv")
printf '    %-14s %5s rows\n' "parts together" "$total" "quotes.csv" "$merged"
(( merged == total )) || die "quotes.csv has $merged rows but the parts $total"
if [[ -f "$OUT/errors.csv" ]]; then
    printf '    %-14s %5s rows (skipped inputs, duplicate ids)\n' errors.csv "$(count_rows "$OUT/errors.csv")"
fi

if [[ "${COMPARE:-0}" == 1 ]]; then
    say "COMPARE=1: one unsharded run here, for comparison"
    extra=()
    [[ -n "$QUOTELENS_ARGS" ]] && mapfile -d '' extra < <(xargs -r printf '%s\0' <<<"$QUOTELENS_ARGS")
    ts=$(date +%s.%N)
    "$QUOTELENS" label "$INPUT" -o "$OUT/single.csv" "${extra[@]}"
    say "single run: $(awk -v a="$ts" -v b="$(date +%s.%N)" 'BEGIN{printf "%.1fs", b-a}'), $(count_rows "$OUT/single.csv") rows"
    # merge.sbatch is given the corpus (INPUT), so the merged file is the single run's, byte
    # for byte.
    if cmp -s "$OUT/single.csv" "$OUT/quotes.csv"; then
        say "quotes.csv is byte for byte the single run's output"
    else
        die "quotes.csv differs from the single run's output ($OUT/single.csv)"
    fi
fi
say "done: $OUT/quotes.csv (logs in $OUT/logs)"
