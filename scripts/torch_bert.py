"""BERT in plain torch, with tensor names as in Hugging Face transformers, for the GPU training
scripts beside the shipped models (`models/*/train_gpu.py`). Needs only torch and safetensors.

The weights these scripts write load in quotelens like those of its own Rust trainers: half
precision, or the compact form of `quotelens::pooled::compact` (large matrices as 8-bit integers
with a scale per row).
"""
import json
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
from safetensors.torch import load_file, save_file

# As `INT8_SCALE_SUFFIX` and `INT8_MIN_ENTRIES` in src/pooled.rs.
INT8_SCALE_SUFFIX = ".int8_scale"
INT8_MIN_ENTRIES = 1 << 16


class Layer(nn.Module):
    """One BERT layer; parameter names as in Hugging Face transformers."""

    def __init__(self, hidden, heads, inter, eps):
        super().__init__()
        self.heads = heads
        self.attention = nn.Module()
        self.attention.self = nn.Module()
        self.attention.output = nn.Module()
        for name in ("query", "key", "value"):
            setattr(self.attention.self, name, nn.Linear(hidden, hidden))
        self.attention.output.dense = nn.Linear(hidden, hidden)
        self.attention.output.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        self.intermediate = nn.Module()
        self.intermediate.dense = nn.Linear(hidden, inter)
        self.output = nn.Module()
        self.output.dense = nn.Linear(inter, hidden)
        self.output.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        self.drop = nn.Dropout(0.1)

    def forward(self, x, mask_bias):
        b, n, h = x.shape
        sa = self.attention.self
        split = lambda t: t.view(b, n, self.heads, h // self.heads).transpose(1, 2)
        a = F.scaled_dot_product_attention(split(sa.query(x)), split(sa.key(x)), split(sa.value(x)),
                                           attn_mask=mask_bias, dropout_p=0.1 if self.training else 0.0)
        a = a.transpose(1, 2).reshape(b, n, h)
        x = self.attention.output.LayerNorm(x + self.drop(self.attention.output.dense(a)))
        return self.output.LayerNorm(x + self.drop(self.output.dense(F.gelu(self.intermediate.dense(x)))))


class Bert(nn.Module):
    """The BERT encoder, with its pooler unless `pooler` is false (as in token classifiers)."""

    def __init__(self, c, pooler=True):
        super().__init__()
        hidden, eps = c["hidden_size"], c.get("layer_norm_eps", 1e-12)
        self.embeddings = nn.Module()
        self.embeddings.word_embeddings = nn.Embedding(c["vocab_size"], hidden)
        self.embeddings.position_embeddings = nn.Embedding(c["max_position_embeddings"], hidden)
        self.embeddings.token_type_embeddings = nn.Embedding(c["type_vocab_size"], hidden)
        self.embeddings.LayerNorm = nn.LayerNorm(hidden, eps=eps)
        self.encoder = nn.Module()
        self.encoder.layer = nn.ModuleList(
            Layer(hidden, c["num_attention_heads"], c["intermediate_size"], eps) for _ in range(c["num_hidden_layers"]))
        if pooler:
            self.pooler = nn.Module()
            self.pooler.dense = nn.Linear(hidden, hidden)
        self.drop = nn.Dropout(0.1)

    def states(self, ids, mask):
        """The last layer's state of every position."""
        e = self.embeddings
        positions = torch.arange(ids.shape[1], device=ids.device)
        x = e.word_embeddings(ids) + e.position_embeddings(positions)[None] + e.token_type_embeddings.weight[0]
        x = self.drop(e.LayerNorm(x))
        bias = torch.zeros(mask.shape, dtype=x.dtype, device=x.device).masked_fill(mask == 0, -1e4)[:, None, None, :]
        for layer in self.encoder.layer:
            x = layer(x, bias.to(x.dtype))
        return x

    def forward(self, ids, mask):
        """The pooled `[CLS]` state."""
        return torch.tanh(self.pooler.dense(self.states(ids, mask)[:, 0]))


def load_base(bert, base_dir):
    """Load the base encoder's weights into `bert`, rounded to half precision first, as the
    shipped weights are stored. Returns its config.json."""
    config = json.load(open(os.path.join(base_dir, "config.json")))
    wanted = bert.state_dict()
    base = {k: v.half().float() for k, v in load_file(os.path.join(base_dir, "model.safetensors")).items() if k in wanted}
    bert.load_state_dict(base, strict=True)
    return config


def add_training_arguments(parser, epochs, lr, batch_size):
    """The options every training script takes: --epochs, --lr, --batch-size, --seed, --minutes."""
    parser.add_argument("--epochs", type=int, default=epochs)
    parser.add_argument("--lr", type=float, default=lr)
    parser.add_argument("--batch-size", type=int, default=batch_size)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--minutes", type=float, default=0.0,
                        help="fit the schedule to this budget after 50 steps, as the Rust trainer does (0: none)")


def device_and_autocast():
    """The GPU if there is one, and the bfloat16 autocast settings to use on it (none on the CPU)."""
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return device, dict(device_type=device.type, dtype=torch.bfloat16, enabled=device.type == "cuda")


def optimiser_step(model, optimizer, schedule, loss):
    """One step on `loss` with gradients clipped to norm 1, as `train::optimiser_step` in Rust."""
    optimizer.zero_grad(set_to_none=True)
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    schedule.step()


def adamw(model, lr):
    """AdamW with weight decay 0.01, none on biases and layer norms."""
    no_decay = lambda n: n.endswith("bias") or "LayerNorm" in n
    return torch.optim.AdamW([
        {"params": [p for n, p in model.named_parameters() if not no_decay(n)], "weight_decay": 0.01},
        {"params": [p for n, p in model.named_parameters() if no_decay(n)], "weight_decay": 0.0}], lr=lr)


def warmup_then_decay(optimizer, total):
    """Linear warm-up over 6% of the steps (at most 300), then linear decay to 2% of the peak,
    as `train::Schedule` in Rust."""
    warmup = min(300, -(-total * 6 // 100))
    return torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: (s + 1) / warmup if s < warmup else max(0.02, (total - s) / max(1, total - warmup)))


class Schedule:
    """[`warmup_then_decay`] over `total` steps, fitted to a budget of `minutes` (0: none) as
    `train::Schedule` in Rust: steps 10 to 50 are timed (the first ones include the GPU's
    warm-up) and the decay is shortened to end within the budget."""

    def __init__(self, optimizer, total, minutes, started):
        self.optimizer, self.total, self.minutes, self.started = optimizer, total, minutes, started
        self.inner = warmup_then_decay(optimizer, total)
        self.steps = 0

    def step(self):
        self.inner.step()
        self.steps += 1
        if self.steps == 10:
            self.tenth = time.time()
        if self.steps == 50 and self.minutes:
            left = self.minutes * 60 - (time.time() - self.started)
            affordable = self.steps + int(left / ((time.time() - self.tenth) / 40) * 0.85)
            if affordable < self.total:
                self.total = max(affordable, 60)
                self.inner = warmup_then_decay(self.optimizer, self.total)
                for _ in range(self.steps):
                    self.inner.step()

    def lr(self):
        return self.inner.get_last_lr()[0]

    def done(self):
        """Whether all steps are taken, or the budget is overrun by a tenth."""
        return self.steps >= self.total or self.out_of_time()

    def out_of_time(self):
        return bool(self.minutes) and time.time() - self.started > self.minutes * 60 * 1.1


def save_half(state, file):
    """Every tensor in half precision."""
    save_file({k: v.detach().to("cpu", torch.float16).contiguous() for k, v in state.items()}, file)


def save_compact(state, file):
    """Large matrices as 8-bit integers with a half-precision scale per row, the rest in half
    precision: the form `quotelens::pooled::compact` writes and `read_weights` expands."""
    out = {}
    for name, w in state.items():
        w = w.detach().to("cpu", torch.float32)
        if w.dim() == 2 and w.numel() >= INT8_MIN_ENTRIES:
            scale = w.abs().amax(1, keepdim=True).clamp_min(1e-12) / 127.0
            out[name] = (w / scale).round().to(torch.int8).contiguous()
            out[name + INT8_SCALE_SUFFIX] = scale.half().contiguous()
        else:
            out[name] = w.half().contiguous()
    save_file(out, file)
