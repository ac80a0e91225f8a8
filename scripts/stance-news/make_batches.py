#!/usr/bin/env python3
"""Draw PolNeAR quotes for stance annotation and write them as reading batches.

    make_batches.py POLNEAR_DIR OUT_DIR

Writes OUT_DIR/<split>-NN.md (what an annotator reads: each article's title and lead, then
its quotes with speaker, cue and the sentences before) and OUT_DIR/<split>-NN.quotes.csv (quote
id, article id, character offsets, off-topic target). The batches hold article text, so OUT_DIR
must be outside the repository; only labels with offsets are committed (data/stance-news/).

Quotes: attributions whose content (first to last character of its parts) has 6 to 90 words,
one annotator file per article, up to PER_ARTICLE quotes per article spread through it. The
draw is deterministic (articles ordered by a stable hash of their id).
"""
import csv
import hashlib
import os
import re
import sys

PER_ARTICLE = {"train": 10, "dev": 4, "sent": 10}
ARTICLES = {"train": 170, "dev": 84}
QUOTES_PER_BATCH = {"train": 100, "dev": 100, "sent": 300}
# Sentiment-only batches: the next 130 train articles in the same order, quotes labelled for
# sentiment alone (no targets), to give the sentiment model more news quotes.
SENTIMENT_ONLY = ("train", 170, 300)

# Targets from outside 2016 US politics, one per quote in turn, for the off-topic pairs.
OFFTOPIC = [
    "Brexit", "the Colombian peace deal", "the Paris climate agreement", "nuclear energy",
    "school uniforms", "the death penalty", "Angela Merkel", "Justin Trudeau", "the Greek bailout",
    "marijuana legalization", "cloning", "the Keystone XL pipeline", "Scottish independence",
    "the euro", "Vladimir Putin's annexation of Crimea", "the minimum wage", "genetically modified food",
    "the London Olympics", "fracking", "Narendra Modi", "the Catalan independence referendum",
    "universal basic income", "the Dakota Access Pipeline", "Emmanuel Macron",
]


def stable(s):
    return int(hashlib.sha1(s.encode()).hexdigest()[:12], 16)


def read_ann(path):
    spans, events = {}, []
    for line in open(path, encoding="utf-8"):
        parts = line.rstrip("\n").split("\t")
        if parts[0].startswith("T") and len(parts) >= 3:
            kind, ranges = parts[1].split(" ", 1)
            rs = [tuple(map(int, r.split())) for r in ranges.split(";")]
            spans[parts[0]] = (kind, rs, parts[2])
        elif parts[0].startswith("E"):
            events.append(dict(a.split(":") for a in parts[1].split()))
    out = []
    for e in events:
        content = spans.get(e.get("Content"))
        if not content:
            continue
        src = spans.get(e.get("Source"))
        cue = spans.get(e.get("Cue"))
        start = min(r[0] for r in content[1])
        end = max(r[1] for r in content[1])
        out.append((start, end, src[2] if src else "", cue[2] if cue else ""))
    return out


def context_before(text, at):
    """Up to two sentences before `at` (as quotelens's scoring::context_before, roughly)."""
    before = text[max(0, at - 400):at]
    ends = [m.end() for m in re.finditer(r"[.!?\n](?=\s)", before)]
    start = ends[-2] if len(ends) >= 2 else 0
    return " ".join(before[start:].split())


def draw(polnear, split, first=0, last=None, per_article=None):
    names = sorted({f.rsplit("_", 1)[0] for f in os.listdir(f"{polnear}/{split}/attributions")})
    names.sort(key=stable)
    last = ARTICLES[split] if last is None else last
    per_article = per_article or PER_ARTICLE[split]
    titles = {}
    for row in csv.DictReader(open(f"{polnear}/metadata.tsv", encoding="utf-8"), delimiter="\t"):
        titles[row["filename"]] = row["title"]
    articles = []
    for name in names[first:last]:
        ann = sorted(f for f in os.listdir(f"{polnear}/{split}/attributions") if f.rsplit("_", 1)[0] == name)[0]
        text = open(f"{polnear}/{split}/text/{name}.txt", encoding="utf-8").read()
        quotes = []
        for start, end, src, cue in sorted(set(read_ann(f"{polnear}/{split}/attributions/{ann}"))):
            words = len(text[start:end].split())
            if 6 <= words <= 90 and not any(s < end and start < e for s, e, *_ in quotes):
                quotes.append((start, end, src, cue))
        if not quotes:
            continue
        step = max(1, len(quotes) / per_article)
        picked = [quotes[int(i * step)] for i in range(min(per_article, len(quotes)))]
        articles.append((name, titles.get(name, ""), text, picked))
    return articles


def write_batches(articles, split, out):
    batch, n_batch, qn = [], 1, 0
    def flush():
        nonlocal batch, n_batch
        if not batch:
            return
        tag = f"{split}-{n_batch:02d}"
        with open(f"{out}/{tag}.md", "w", encoding="utf-8") as md, open(f"{out}/{tag}.quotes.csv", "w", newline="", encoding="utf-8") as qf:
            w = csv.writer(qf)
            w.writerow(["qid", "article", "start", "end", "offtopic_target"])
            for name, title, text, quotes in batch:
                lead = " ".join(text[:700].split())
                md.write(f"\n# ARTICLE {name}\nTitle: {title}\nLead: {lead} ...\n")
                for qid, (start, end, src, cue), off in quotes:
                    md.write(f"\n## {qid}\nContext: {context_before(text, start)}\nSpeaker: {src} | Cue: {cue}\n"
                             f"QUOTE: {' '.join(text[start:end].split())}\nOff-topic target: {off}\n")
                    w.writerow([qid, name, start, end, off])
        batch, n_batch = [], n_batch + 1
    count = 0
    for name, title, text, quotes in articles:
        with_ids = []
        for q in quotes:
            qn += 1
            with_ids.append((f"{split[0]}{qn:04d}", q, OFFTOPIC[stable(name + str(q[0])) % len(OFFTOPIC)]))
        batch.append((name, title, text, with_ids))
        count += len(quotes)
        if count >= QUOTES_PER_BATCH[split]:
            flush()
            count = 0
    flush()
    return qn


if __name__ == "__main__":
    polnear, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    for split in ("dev", "train"):
        print(split, write_batches(draw(polnear, split), split, out), "quotes")
    source, first, last = SENTIMENT_ONLY
    print("sent", write_batches(draw(polnear, source, first, last, PER_ARTICLE["sent"]), "sent", out), "quotes")
