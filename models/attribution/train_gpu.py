"""Train the attribution tagger on a CUDA GPU: the shipped tagger's recipe (see its model card).

The windows come from quotelens itself, so that word pieces, offsets and tags are exactly those
of the Rust trainer and of inference:

    quotelens train attribution --window 254 --stride 192 --export-windows windows/

writes `windows/train.jsonl` (PolNeAR train) and `windows/valid.jsonl` (PolNeAR dev), one
window per line with its word-piece ids and tag ids (-100 at [CLS] and [SEP]); either may be
gzipped. This script fine-tunes the base encoder on them with, by default, the head of the
shipped tagger: a bidirectional LSTM (192 units each way) over the encoder's states, a linear
layer per word piece, and a linear-chain CRF trained by the likelihood of the whole tag sequence
(`--head` as in `quotelens train attribution --head`, whose default is `linear`).
`--mlm-steps N` first adapts the encoder to the corpus by N steps of masked language modelling
on the training windows' word pieces (task-adaptive pretraining; the shipped tagger took 2000),
whose head is then thrown away. `--lstm-layers N` stacks N layers of bidirectional LSTM
(recorded in config.json as `quotelens_lstm_layers`, which quotelens reads; tried, not shipped).
AdamW (weight decay 0.01, none on biases and layer norms; the LSTM and CRF at `--head-lr`),
linear warm-up over 6% of the steps (at most 300) then linear decay to 2% of the peak,
gradient-norm clip 1.0. Every quarter epoch it decodes the validation windows as quotelens does
(an I- tag only inside a span of its role, with the CRF's scores) and scores exact spans; the
best checkpoint is kept. Different from the Rust trainer: bfloat16 autocast on the GPU, no decay
on biases and layer norms, batches shuffled without length bucketing.

It writes a model directory that `quotelens label --tagger DIR` reads: `model.safetensors` in
the compact form quotelens ships (8-bit matrices with a scale per row, the rest in half
precision; tensor names as in Hugging Face transformers' `BertForTokenClassification`, plus
`lstm.*` as in torch's LSTM and `crf.transition`, `crf.start`, `crf.end`), config.json (with the
labels, the window and the head), vocab.txt and tokenizer_config.json, and beside them
`training-log.jsonl` and `scores.json`.

Needs Python with torch and safetensors, and `scripts/torch_bert.py`. From the repository root:

    python3 models/attribution/train_gpu.py --windows windows/ \
        --base models/base/all-MiniLM-L6-v2 --out runs/w254
"""
import argparse
import gzip
import json
import math
import os
import random
import shutil
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "scripts"))
from torch_bert import (Bert, Schedule, adamw, add_training_arguments, device_and_autocast, load_base,  # noqa: E402
                        optimiser_step, save_compact)

# As `tagger::TAG_LABELS`: O, then B- and I- of source, cue and content.
TAGS = ["O", "B-source", "I-source", "B-cue", "I-cue", "B-content", "I-content"]
ROLES = {1: "source", 3: "cue", 5: "content"}
IGNORE = -100
# The base vocabulary's [CLS], [SEP] and [MASK] (bert-base-uncased's ids, which MiniLM shares);
# ids below 999 are padding, unused and special pieces, never drawn as random replacements.
CLS_ID, SEP_ID, MASK_ID = 101, 102, 103


def read_windows(directory, name):
    """(ids, tags) of every window in `name`.jsonl or `name`.jsonl.gz."""
    path = os.path.join(directory, name + ".jsonl")
    lines = gzip.open(path + ".gz", "rt") if os.path.exists(path + ".gz") else open(path)
    return [(w["ids"], w["tags"]) for w in map(json.loads, lines)]


class Tagger(nn.Module):
    """BertForTokenClassification: the encoder's states, dropout, a linear layer per piece;
    `head` "lstm" puts a bidirectional LSTM (of `lstm_layers` layers) between the states and
    the linear layer, and "crf"
    or "lstm-crf" add a linear-chain CRF (learned transition, start and end scores, trained by
    the sequence's likelihood) on top of the per-piece scores."""

    def __init__(self, config, head="linear", lstm_layers=1):
        super().__init__()
        self.bert = Bert(config, pooler=False)
        self.drop = nn.Dropout(0.1)
        hidden = config["hidden_size"]
        self.lstm = nn.LSTM(hidden, hidden // 2, num_layers=lstm_layers, batch_first=True, bidirectional=True,
                            dropout=0.1 if lstm_layers > 1 else 0.0) if "lstm" in head else None
        self.classifier = nn.Linear(hidden, len(TAGS))
        self.crf = CRF(len(TAGS)) if "crf" in head else None

    def forward(self, ids, mask):
        states = self.bert.states(ids, mask)
        if self.lstm is not None:
            states = self.lstm(self.drop(states).float())[0]
        return self.classifier(self.drop(states))

    def loss(self, logits, tags):
        if self.crf is None:
            return F.cross_entropy(logits.float().view(-1, len(TAGS)), tags.view(-1), ignore_index=IGNORE)
        return self.crf.nll(logits.float(), tags)

    def transitions(self):
        """(transition, start, end) scores for decoding, or None without a CRF."""
        return None if self.crf is None else tuple(t.detach().float().cpu().numpy() for t in self.crf.scores())


class CRF(nn.Module):
    """A linear-chain CRF over the tagged pieces (those whose tag is not IGNORE, which in a
    window are the contiguous pieces between [CLS] and [SEP]). Ill-formed transitions (an I-
    tag not after its role) are forbidden outright, as in decoding; an I- tag may open a window
    in training (a window often starts inside a content), but not in decoding."""

    def __init__(self, n):
        super().__init__()
        self.transition = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))
        allowed = torch.tensor(allowed_transitions())
        self.register_buffer("forbidden", torch.where(allowed, 0.0, -1e4))
        self.register_buffer("forbidden_first", torch.tensor([-1e4 if t - 1 in ROLES else 0.0 for t in range(n)]))

    def scores(self):
        return self.transition + self.forbidden, self.start + self.forbidden_first, self.end

    def nll(self, emissions, tags):
        """Negative log-likelihood of the gold tags, per tagged piece. The partition function is
        a product of the steps' (from, to) score matrices in the log semiring, taken pairwise in
        a tree (about log2 of the window's length rounds of small batched kernels) rather than
        one piece after another: the sequential loop was what bounded a training step's time."""
        transition, start, end = self.transition + self.forbidden, self.start, self.end
        emissions, tags = emissions[:, 1:], tags[:, 1:]  # [CLS] is never tagged
        mask = tags != IGNORE
        gold = tags.clamp_min(0)
        rows = torch.arange(len(tags), device=tags.device)
        gold_emission = emissions.gather(2, gold[..., None])[..., 0]
        steps = transition[gold[:, :-1], gold[:, 1:]] + gold_emission[:, 1:]
        path = start[gold[:, 0]] + gold_emission[:, 0] + torch.where(mask[:, 1:], steps, 0.0).sum(1)
        path = path + end[gold[rows, mask.sum(1) - 1]]
        n = transition.shape[0]
        # An untagged piece ([SEP], padding) is the identity: it carries the scores over unchanged.
        identity = torch.full((n, n), -1e4, device=emissions.device).fill_diagonal_(0.0)
        product = transition[None, None] + emissions[:, 1:, None, :]
        product = torch.where(mask[:, 1:, None, None], product, identity)
        while product.shape[1] > 1:
            if product.shape[1] % 2:
                product = torch.cat([product, identity.expand(len(tags), 1, n, n)], 1)
            product = torch.logsumexp(product[:, 0::2, :, :, None] + product[:, 1::2, None, :, :], 3)
        alpha = start + emissions[:, 0]
        if product.shape[1]:
            alpha = torch.logsumexp(alpha[:, :, None] + product[:, 0], 1)
        return (torch.logsumexp(alpha + end, 1) - path).sum() / mask.sum()


def allowed_transitions():
    """allowed[p, t]: tag t may follow tag p (an I- tag only after B- or I- of its role)."""
    allowed = np.ones((len(TAGS), len(TAGS)), dtype=bool)
    for begin in ROLES:
        allowed[:, begin + 1] = False
        allowed[begin, begin + 1] = allowed[begin + 1, begin + 1] = True
    return allowed


def decode(log_probs, crf=None):
    """The best well-formed tag sequence of one window, as `tagger::decode` in Rust; with `crf`
    ((transition, start, end) scores) the CRF's best sequence over the per-piece scores."""
    trans = np.where(allowed_transitions(), 0.0, -np.inf)
    first_ok = np.array([not (t - 1 in ROLES) for t in range(len(TAGS))])
    score = np.where(first_ok, log_probs[0], -np.inf)
    end = 0.0
    if crf is not None:
        trans, score, end = trans + crf[0], score + crf[1], crf[2]
    back = []
    for lp in log_probs[1:]:
        candidates = score[:, None] + trans
        back.append(candidates.argmax(0))
        score = candidates.max(0) + lp
    tag = int((score + end).argmax())
    out = [tag]
    for b in reversed(back):
        tag = int(b[tag])
        out.append(tag)
    return out[::-1]


def spans(tags):
    """(role, first piece, last piece) of every span a tag sequence marks."""
    out = []
    for i, t in enumerate(tags):
        if t in ROLES:
            out.append([ROLES[t], i, i])
        elif t != 0 and out:
            out[-1][2] = i
    return {tuple(s) for s in out}


def score(valid, log_probs, crf=None):
    """Exact-span precision, recall and F1 per role and over all roles."""
    counts = {r: [0, 0, 0] for r in list(ROLES.values()) + ["all"]}  # tp, predicted, gold
    for (_, tags), lp in zip(valid, log_probs):
        gold = spans(tags[1:-1])
        predicted = spans(decode(lp[1:len(tags) - 1], crf))
        for role in ROLES.values():
            g = {s for s in gold if s[0] == role}
            p = {s for s in predicted if s[0] == role}
            for key in (role, "all"):
                counts[key][0] += len(g & p)
                counts[key][1] += len(p)
                counts[key][2] += len(g)
    result = {}
    for role, (tp, predicted, gold) in counts.items():
        precision, recall = tp / max(predicted, 1), tp / max(gold, 1)
        result[role] = {"precision": precision, "recall": recall,
                        "f1": 2 * precision * recall / (precision + recall) if tp else 0.0}
    return result


class MaskedLanguageModel(nn.Module):
    """BERT's masked-language-model head over `bert` (dense, GELU, layer norm, and a decoder
    tied to the word embeddings), for task-adaptive pretraining; it is thrown away after."""

    def __init__(self, bert, config):
        super().__init__()
        hidden = config["hidden_size"]
        self.bert = bert
        self.dense = nn.Linear(hidden, hidden)
        self.norm = nn.LayerNorm(hidden, eps=config.get("layer_norm_eps", 1e-12))
        self.bias = nn.Parameter(torch.zeros(config["vocab_size"]))

    def loss(self, ids, mask, labels):
        states = self.bert.states(ids, mask)
        picked = states[labels != IGNORE]
        hidden = self.norm(F.gelu(self.dense(picked)))
        logits = hidden @ self.bert.embeddings.word_embeddings.weight.t() + self.bias
        return F.cross_entropy(logits.float(), labels[labels != IGNORE])


def mask_pieces(ids, special, vocab_size, generator):
    """BERT's masking: 15% of the word pieces (never [CLS], [SEP] or padding) are to be
    predicted; of those, 80% become [MASK], 10% a random piece, 10% stay."""
    ids = ids.clone()
    candidates = ~torch.isin(ids, special)
    chosen = (torch.rand(ids.shape, generator=generator, device=ids.device) < 0.15) & candidates
    labels = torch.where(chosen, ids, torch.full_like(ids, IGNORE))
    roll = torch.rand(ids.shape, generator=generator, device=ids.device)
    ids[chosen & (roll < 0.8)] = MASK_ID
    swap = chosen & (roll >= 0.8) & (roll < 0.9)
    ids[swap] = torch.randint(999, vocab_size, (int(swap.sum()),), generator=generator, device=ids.device)
    return ids, labels


def assert_vocabulary(base_dir):
    """The special pieces' ids that masking relies on, checked against the base's vocab.txt."""
    vocab = open(os.path.join(base_dir, "vocab.txt"), encoding="utf-8").read().split("\n")
    got = {t: vocab.index(t) for t in ("[CLS]", "[SEP]", "[MASK]")}
    if got != {"[CLS]": CLS_ID, "[SEP]": SEP_ID, "[MASK]": MASK_ID}:
        raise SystemExit(f"{base_dir}/vocab.txt has {got}; masked language modelling here expects BERT's uncased ids")


def adapt_to_task(bert, config, windows, args, device, autocast):
    """Task-adaptive pretraining (Gururangan et al., ACL 2020): `args.mlm_steps` steps of masked
    language modelling on the training windows' word pieces (their tags unused), so that the
    encoder, tuned for sentence embeddings, reads this corpus's text token by token before it
    learns to tag it. AdamW at `args.mlm_lr` with the warm-up and decay of the fine-tuning."""
    model = MaskedLanguageModel(bert, config).to(device).train()
    optimizer = adamw(model, args.mlm_lr)
    schedule = Schedule(optimizer, args.mlm_steps, 0, time.time())
    generator = torch.Generator(device=device).manual_seed(args.seed)
    special = torch.tensor([0, CLS_ID, SEP_ID], device=device)
    rng = random.Random(args.seed)
    step, running = 0, 0.0
    while step < args.mlm_steps:
        order = list(range(len(windows)))
        rng.shuffle(order)
        for i in range(0, len(order) - args.mlm_batch_size + 1, args.mlm_batch_size):
            ids, mask, _ = batch([windows[j] for j in order[i:i + args.mlm_batch_size]], device)
            masked, labels = mask_pieces(ids, special, config["vocab_size"], generator)
            with torch.autocast(**autocast):
                loss = model.loss(masked, mask, labels)
            optimiser_step(model, optimizer, schedule, loss)
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if running else loss.item()
            if step % 100 == 0 or step == args.mlm_steps:
                print(json.dumps({"mlm_step": step, "mlm_loss": round(running, 4)}), flush=True)
            if step == args.mlm_steps:
                break
    return running


def write_model_files(out, base_dir, window, head, lstm_layers=1):
    """config.json, vocab.txt and tokenizer_config.json of a tagger, as `train::save_model`, with
    the head under `quotelens_head` (`tagger::HEAD_KEY`) and a deeper LSTM's layers under
    `quotelens_lstm_layers` (`tagger::LSTM_LAYERS_KEY`)."""
    config = json.load(open(os.path.join(base_dir, "config.json")))
    if "lstm" in head and lstm_layers != 1:
        config["quotelens_lstm_layers"] = lstm_layers
    config.update({"architectures": ["BertForTokenClassification"], "quotelens_window": window, "quotelens_head": head,
                   "id2label": {str(i): t for i, t in enumerate(TAGS)}, "label2id": {t: i for i, t in enumerate(TAGS)},
                   "torch_dtype": "float16"})
    json.dump(config, open(os.path.join(out, "config.json"), "w"), indent=2)
    shutil.copy(os.path.join(base_dir, "vocab.txt"), os.path.join(out, "vocab.txt"))
    open(os.path.join(out, "tokenizer_config.json"), "w").write('{"do_lower_case": true, "model_max_length": 512}\n')


def batch(windows, device):
    """Padded ids, mask and tags of a list of windows."""
    width = max(len(ids) for ids, _ in windows)
    ids = torch.zeros(len(windows), width, dtype=torch.long)
    tags = torch.full((len(windows), width), IGNORE, dtype=torch.long)
    for r, (i, t) in enumerate(windows):
        ids[r, :len(i)] = torch.tensor(i)
        tags[r, :len(t)] = torch.tensor(t)
    return ids.to(device), (ids != 0).long().to(device), tags.to(device)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--windows", required=True, help="directory with train.jsonl and valid.jsonl (or .jsonl.gz)")
    p.add_argument("--base", required=True, help="base encoder directory (config.json, model.safetensors, vocab.txt)")
    p.add_argument("--out", required=True, help="where model.safetensors, training-log.jsonl and scores.json go")
    add_training_arguments(p, epochs=4, lr=1.5e-4, batch_size=16)
    p.add_argument("--max-steps", type=int, default=0,
                   help="end the schedule after this many steps (0: the epochs' steps), as a budget-fitted run did")
    p.add_argument("--head", choices=["linear", "lstm", "crf", "lstm-crf"], default="lstm-crf",
                   help="what sits on the encoder: a BiLSTM and a CRF (the shipped tagger), either alone, or only the "
                        "linear layer (as `quotelens train attribution`)")
    p.add_argument("--head-lr", type=float, default=1e-3,
                   help="learning rate of the LSTM and CRF parameters (0: the encoder's)")
    p.add_argument("--lstm-layers", type=int, default=1, choices=[1, 2, 3, 4],
                   help="layers of the bidirectional LSTM, for a head that has one (the shipped tagger: 1)")
    p.add_argument("--mlm-steps", type=int, default=0,
                   help="first adapt the encoder by this many steps of masked language modelling on the training "
                        "windows (task-adaptive pretraining; 0: none; the shipped tagger: 2000)")
    p.add_argument("--mlm-lr", type=float, default=1e-4, help="peak learning rate of that adaptation")
    p.add_argument("--mlm-batch-size", type=int, default=64, help="windows per adaptation step")
    args = p.parse_args()
    started = time.time()
    device, autocast = device_and_autocast()
    torch.manual_seed(args.seed)
    rng = random.Random(args.seed)

    train, valid = read_windows(args.windows, "train"), read_windows(args.windows, "valid")
    print(f"{len(train)} training windows, {len(valid)} validation windows", flush=True)
    config = json.load(open(os.path.join(args.base, "config.json")))
    model = Tagger(config, args.head, args.lstm_layers)
    load_base(model.bert, args.base)
    model.to(device).train()
    mlm_loss = None
    if args.mlm_steps:
        assert_vocabulary(args.base)
        mlm_loss = adapt_to_task(model.bert, config, train, args, device, autocast)

    @torch.no_grad()
    def validate():
        model.eval()
        log_probs = []
        for i in range(0, len(valid), 64):
            ids, mask, _ = batch(valid[i:i + 64], device)
            with torch.autocast(**autocast):
                logits = model(ids, mask)
            log_probs.extend(logits.float().log_softmax(-1).cpu().numpy())
        model.train()
        return score(valid, log_probs, model.transitions())

    extra = nn.ModuleList([m for m in (model.lstm, model.crf) if m is not None])
    optimizer = adamw(nn.ModuleList([model.bert, model.classifier]), args.lr)
    if len(extra):
        optimizer.add_param_group({"params": list(extra.parameters()), "lr": args.head_lr or args.lr, "weight_decay": 0.0})
    per_epoch = math.ceil(len(train) / args.batch_size)
    total = per_epoch * args.epochs
    if args.max_steps:
        total = min(total, args.max_steps)
    schedule = Schedule(optimizer, total, args.minutes, started)
    validations = {round(per_epoch * k / 4) for k in range(1, 5)}
    os.makedirs(args.out, exist_ok=True)
    log = open(os.path.join(args.out, "training-log.jsonl"), "w")
    best, step, running = None, 0, 0.0
    while not schedule.done():
        order = list(range(len(train)))
        rng.shuffle(order)
        for i in range(0, len(order), args.batch_size):
            ids, mask, tags = batch([train[j] for j in order[i:i + args.batch_size]], device)
            with torch.autocast(**autocast):
                logits = model(ids, mask)
            loss = model.loss(logits, tags)
            optimiser_step(model, optimizer, schedule, loss)
            step += 1
            running = 0.98 * running + 0.02 * loss.item() if running else loss.item()
            if (step % per_epoch or per_epoch) in validations or schedule.done():
                scores = validate()
                line = {"step": step, "epoch": round(step / per_epoch, 2), "seconds": round(time.time() - started),
                        "lr": schedule.lr(), "train_loss": round(running, 4),
                        "valid_span_f1": scores["all"]["f1"], "by_role": {r: scores[r] for r in ROLES.values()}}
                print(json.dumps(line), flush=True)
                log.write(json.dumps(line) + "\n")
                log.flush()
                if best is None or scores["all"]["f1"] > best[0]:
                    best = (scores["all"]["f1"], step, scores,
                            {k: v.detach().to("cpu", copy=True) for k, v in model.state_dict().items()})
            if schedule.done():
                break
    if schedule.out_of_time():
        print(f"stopped by the time budget at step {step} of {schedule.total}", flush=True)
    f1, best_step, scores, state = best
    # The CRF's forbidden transitions are fixed, and quotelens applies them itself.
    save_compact({k: v for k, v in state.items() if not k.startswith("crf.forbidden")}, os.path.join(args.out, "model.safetensors"))
    write_model_files(args.out, args.base, max(len(ids) for ids, _ in train) - 2, args.head, args.lstm_layers)
    json.dump({"best_step": best_step, "steps": step, "seconds": round(time.time() - started), "args": vars(args),
               "mlm_loss": mlm_loss,
               **scores}, open(os.path.join(args.out, "scores.json"), "w"), indent=1)
    print(f"wrote {args.out}/model.safetensors: best step {best_step} of {step}, span F1 {f1:.4f}, "
          f"{time.time() - started:.0f} s", flush=True)


if __name__ == "__main__":
    main()
