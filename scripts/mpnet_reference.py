"""Reference hidden states of all-mpnet-base-v2 for tests/mpnet_reference.rs.

An independent forward pass of MPNet in numpy (float64), written from the MPNet paper and the
model's weights, not from quotelens' Rust code: token ids from the Python `tokenizers` library
over the model's own tokenizer.json, then embeddings, twelve layers with the shared relative
position bias, and the last hidden state of every token. Needs only numpy, safetensors and
tokenizers (no torch), best in a throwaway virtual environment:

    python3 -m venv /tmp/mpnet-ref && /tmp/mpnet-ref/bin/pip install numpy safetensors tokenizers
    /tmp/mpnet-ref/bin/python scripts/mpnet_reference.py

Writes tests/data/mpnet-reference.json: for each sentence its text, ids and last hidden state
([tokens, 768], rounded to 6 decimals).
"""
import json
import math
import os
import sys

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
MODEL = os.path.join(ROOT, "models", "base", "all-mpnet-base-v2")
OUT = os.path.join(ROOT, "tests", "data", "mpnet-reference.json")

SENTENCES = [
    "The peace plan would freeze the front line and bring in international monitors, officials said on Tuesday.",
    "\u201cWe will not sign an agreement that rewards aggression,\u201d Foreign Minister Ana S\u00e1nchez told reporters in Brussels.",
    "The minister's statement drew sharp criticism from opposition leaders, who called it a betrayal.",
    "Negotiators expect a ceasefire by mid-March, though both sides accuse each other of violating the truce.",
]


def layer_norm(x, weight, bias, eps):
    mean = x.mean(-1, keepdims=True)
    var = ((x - mean) ** 2).mean(-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def gelu(x):
    """The exact GELU, x * Phi(x), through math.erf (numpy has no erf)."""
    erf = np.vectorize(math.erf, otypes=[np.float64])
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def bucket(relative, num_buckets, max_distance):
    """T5-style bidirectional bucket of one relative position (key minus query): half the
    buckets for keys before the query, half for keys after; within each half, exact buckets for
    small distances and logarithmic ones up to max_distance. The logarithm is taken in float32,
    as the model was trained with, so that distances on a boundary fall the same way."""
    half = num_buckets // 2
    n = -relative
    ret = half if n < 0 else 0
    n = abs(n)
    exact = half // 2
    if n < exact:
        return ret + n
    f32 = np.float32
    scaled = np.log(f32(n) / f32(exact)) / f32(math.log(max_distance / exact)) * f32(half - exact)
    return ret + min(exact + int(scaled), half - 1)


def position_bias(w, length, config):
    """[heads, length, length]: the learned bias of each query-key distance, shared by all layers."""
    table = w["encoder.relative_attention_bias.weight"].astype(np.float64)  # [buckets, heads]
    buckets = config["relative_attention_num_buckets"]
    idx = np.array([[bucket(k - q, buckets, 128) for k in range(length)] for q in range(length)])
    return table[idx].transpose(2, 0, 1)


def linear(w, name, x):
    return x @ w[name + ".weight"].astype(np.float64).T + w[name + ".bias"].astype(np.float64)


def forward(w, config, ids):
    """Last hidden state ([tokens, hidden]) of one unpadded sequence of ids."""
    eps = config["layer_norm_eps"]
    pad = config["pad_token_id"]
    heads = config["num_attention_heads"]
    n = len(ids)
    # Positions count real tokens from pad + 1, as fairseq/RoBERTa-style models do.
    positions = np.arange(n) + pad + 1
    f = lambda name: w[name].astype(np.float64)
    x = f("embeddings.word_embeddings.weight")[ids] + f("embeddings.position_embeddings.weight")[positions]
    x = layer_norm(x, f("embeddings.LayerNorm.weight"), f("embeddings.LayerNorm.bias"), eps)
    bias = position_bias(w, n, config)
    head = x.shape[1] // heads
    for i in range(config["num_hidden_layers"]):
        p = f"encoder.layer.{i}."
        split = lambda t: t.reshape(n, heads, head).transpose(1, 0, 2)  # [heads, n, head]
        q = split(linear(w, p + "attention.attn.q", x))
        k = split(linear(w, p + "attention.attn.k", x))
        v = split(linear(w, p + "attention.attn.v", x))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(head) + bias
        scores -= scores.max(-1, keepdims=True)
        probs = np.exp(scores)
        probs /= probs.sum(-1, keepdims=True)
        context = (probs @ v).transpose(1, 0, 2).reshape(n, heads * head)
        attended = linear(w, p + "attention.attn.o", context)
        x = layer_norm(attended + x, f(p + "attention.LayerNorm.weight"), f(p + "attention.LayerNorm.bias"), eps)
        inner = gelu(linear(w, p + "intermediate.dense", x))
        out = linear(w, p + "output.dense", inner)
        x = layer_norm(out + x, f(p + "output.LayerNorm.weight"), f(p + "output.LayerNorm.bias"), eps)
    return x


def main():
    config = json.load(open(os.path.join(MODEL, "config.json")))
    w = load_file(os.path.join(MODEL, "model.safetensors"))
    tokenizer = Tokenizer.from_file(os.path.join(MODEL, "tokenizer.json"))
    # tokenizer.json pads and truncates to 128; the reference wants each sentence as it is.
    tokenizer.no_truncation()
    tokenizer.no_padding()
    records = []
    for text in SENTENCES:
        ids = tokenizer.encode(text).ids
        hidden = forward(w, config, ids)
        records.append({"text": text, "ids": ids, "hidden": np.round(hidden, 6).tolist()})
        print(f"{len(ids)} tokens: {text}", file=sys.stderr)
    doc = {
        "model": "all-mpnet-base-v2",
        "generator": "scripts/mpnet_reference.py (numpy, float64)",
        "sentences": records,
    }
    with open(OUT, "w") as out:
        json.dump(doc, out, separators=(",", ":"))
        out.write("\n")
    print(f"wrote {OUT} ({os.path.getsize(OUT)} bytes)", file=sys.stderr)


if __name__ == "__main__":
    main()
