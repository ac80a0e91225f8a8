"""The job `quotelens bench --target` times, done by a plain Python implementation: the attribution
tagger's encoder, LSTM and tag scores over every window of every article, stance of every quote
toward the target and sentiment of every quote, with Hugging Face transformers on the same
weights (quotelens' shipped models, expanded to floats), in 32-bit floats and with
torch.ao.quantization.quantize_dynamic (8-bit). Prints one JSON object per variant:
{"variant", "seconds", "windows", "quotes"}.

Usage: python job.py ARTICLES_DIR ITEMS_JSONL VARIANT [THREADS]   (VARIANT: fp32 or int8)
"""
import glob
import json
import os
import sys
import time

import torch
from safetensors.numpy import load_file
from tokenizers import BertWordPieceTokenizer, Tokenizer
from transformers import BertConfig, BertModel, MPNetConfig, MPNetModel

MODELS = "models"
BATCH = 32


def expanded(path):
    """A quotelens model file as float tensors: int8 matrices times their per-row scale."""
    raw = load_file(path)
    out = {}
    for name, value in raw.items():
        if name.endswith(".int8_scale"):
            continue
        t = torch.from_numpy(value.astype("float32"))
        scale = raw.get(name + ".int8_scale")
        out[name] = t * torch.from_numpy(scale.astype("float32")) if scale is not None else t
    return out


def bert(model_dir, weights):
    config = BertConfig.from_json_file(f"{model_dir}/config.json")
    model = BertModel(config, add_pooling_layer=False)
    state = {k[len("bert."):]: v for k, v in weights.items() if k.startswith("bert.")}
    missing, _ = model.load_state_dict(state, strict=False)
    assert not [m for m in missing if "position_ids" not in m], missing
    return model.eval()


class Tagger(torch.nn.Module):
    def __init__(self):
        super().__init__()
        w = expanded(f"{MODELS}/attribution/model.safetensors")
        self.encoder = bert(f"{MODELS}/attribution", w)
        hidden = self.encoder.config.hidden_size
        self.lstm = torch.nn.LSTM(hidden, hidden // 2, bidirectional=True, batch_first=True)
        self.lstm.load_state_dict({k[len("lstm."):]: v for k, v in w.items() if k.startswith("lstm.")})
        self.classifier = torch.nn.Linear(hidden, w["classifier.weight"].shape[0])
        self.classifier.load_state_dict({"weight": w["classifier.weight"], "bias": w["classifier.bias"]})

    def forward(self, ids, mask, lengths):
        states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        # Each window through the LSTM over its own length, as quotelens reads it.
        rows = [self.lstm(states[i : i + 1, :n])[0][0] for i, n in enumerate(lengths)]
        return [self.classifier(r).log_softmax(-1) for r in rows]


class MeanPooled(torch.nn.Module):
    """An encoder, the mean of its token states, and a linear head."""

    def __init__(self, encoder, head_weight, head_bias):
        super().__init__()
        self.encoder = encoder
        self.head = torch.nn.Linear(head_weight.shape[1], head_weight.shape[0])
        self.head.load_state_dict({"weight": head_weight, "bias": head_bias})

    def forward(self, ids, mask):
        states = self.encoder(input_ids=ids, attention_mask=mask).last_hidden_state
        m = mask.unsqueeze(-1).to(states.dtype)
        return self.head((states * m).sum(1) / m.sum(1).clamp_min(1e-9)).softmax(-1)


def stance_model():
    w = expanded(f"{MODELS}/stance/model.safetensors")
    return MeanPooled(bert(f"{MODELS}/stance", w), w["classifier.weight"], w["classifier.bias"])


def sentiment_model():
    config = json.load(open(f"{MODELS}/sentiment/config.json"))
    base = f"{MODELS}/base/{config['quotelens_base']}"
    encoder = MPNetModel(MPNetConfig.from_json_file(f"{base}/config.json"), add_pooling_layer=False)
    state = {k: torch.from_numpy(v.astype("float32")) for k, v in load_file(f"{base}/model.safetensors").items()}
    trained = expanded(f"{MODELS}/sentiment/model.safetensors")
    state.update({k: v for k, v in trained.items() if not k.startswith("head.")})
    encoder.load_state_dict(state, strict=False)
    return MeanPooled(encoder.eval(), trained["head.weight"], trained["head.bias"])


def batches(encoded):
    """Padded batches of token-id lists, by length, as quotelens batches them."""
    order = sorted(range(len(encoded)), key=lambda i: len(encoded[i]))
    for start in range(0, len(order), BATCH):
        rows = [encoded[i] for i in order[start : start + BATCH]]
        width = max(len(r) for r in rows)
        ids = torch.tensor([r + [0] * (width - len(r)) for r in rows])
        mask = torch.tensor([[1] * len(r) + [0] * (width - len(r)) for r in rows])
        yield ids, mask, [len(r) for r in rows]


def windows(n, width, stride):
    start = 0
    while True:
        end = min(start + width, n)
        yield start, end
        if end == n:
            return
        start += stride


def tagger_windows(articles_dir, window):
    tokenizer = BertWordPieceTokenizer(f"{MODELS}/attribution/vocab.txt", lowercase=True)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    out = []
    for path in sorted(glob.glob(f"{articles_dir}/*.txt")):
        ids = tokenizer.encode(open(path, encoding="utf-8").read(), add_special_tokens=False).ids
        out += [[cls] + ids[s:e] + [sep] for s, e in windows(len(ids), window, window // 2)]
    return out


def run(articles_dir, items_path, variant):
    quantize = variant == "int8"
    tagger, stance, sentiment = Tagger().eval(), stance_model().eval(), sentiment_model().eval()
    if quantize:
        q = lambda m: torch.ao.quantization.quantize_dynamic(m, {torch.nn.Linear, torch.nn.LSTM}, dtype=torch.qint8)
        tagger, stance, sentiment = q(tagger), q(stance), q(sentiment)
    window = json.load(open(f"{MODELS}/attribution/config.json")).get("quotelens_window", 254)
    items = [json.loads(line) for line in open(items_path, encoding="utf-8")]
    bert_pairs = BertWordPieceTokenizer(f"{MODELS}/stance/vocab.txt", lowercase=True)
    bert_pairs.enable_truncation(128)
    mpnet = Tokenizer.from_file(f"{MODELS}/base/all-mpnet-base-v2/tokenizer.json")
    mpnet.no_padding()
    mpnet.enable_truncation(128)
    parts = {}
    with torch.inference_mode():
        started = time.perf_counter()
        encoded = tagger_windows(articles_dir, window)
        for ids, mask, lengths in batches(encoded):
            tagger(ids, mask, lengths)
        parts["tagger"] = time.perf_counter() - started
        started = time.perf_counter()
        pairs = [e.ids for e in bert_pairs.encode_batch([(i["target"], i["statement"]) for i in items])]
        for ids, mask, _ in batches(pairs):
            stance(ids, mask)
        parts["stance"] = time.perf_counter() - started
        started = time.perf_counter()
        texts = [e.ids for e in mpnet.encode_batch([i["text"] for i in items])]
        for ids, mask, _ in batches(texts):
            sentiment(ids, mask)
        parts["sentiment"] = time.perf_counter() - started
    seconds = sum(parts.values())
    return {"variant": f"python {variant}", "seconds": seconds, "windows": len(encoded), "quotes": len(items), "parts": parts}


if __name__ == "__main__":
    articles_dir, items_path, variant = sys.argv[1:4]
    torch.set_num_threads(int(sys.argv[4]) if len(sys.argv) > 4 else os.cpu_count())
    print(json.dumps(run(articles_dir, items_path, variant)))
