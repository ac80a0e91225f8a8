#!/usr/bin/env python3
"""Gather annotated batches into data/stance-news/{train,dev}.csv (no article text).

    assemble.py BATCH_DIR LABEL_DIR OUT_DIR

BATCH_DIR holds <tag>.quotes.csv from make_batches.py (quote id -> article, offsets); LABEL_DIR
holds <tag>.csv with one row per (quote, target): qid,target,kind,stance,sentiment[,note].
The second annotation (tag `second`) goes to second-annotation.csv, beside the first one's rows;
sentiment-only batches (tags `sent-NN`, rows qid,sentiment) go to sentiment-train.csv.
"""
import csv
import glob
import os
import sys

FIELDS = ["article", "quote_start", "quote_end", "target", "kind", "stance", "sentiment", "batch", "qid"]
SENTIMENT_FIELDS = ["article", "quote_start", "quote_end", "sentiment", "batch", "qid"]


def main(batches, labels, out):
    quotes = {}
    for path in glob.glob(f"{batches}/*.quotes.csv"):
        for r in csv.DictReader(open(path, encoding="utf-8")):
            quotes[r["qid"]] = r
    rows = {"train": [], "dev": [], "second-annotation": [], "sentiment-train": []}
    for path in sorted(glob.glob(f"{labels}/*.csv")):
        tag = os.path.basename(path)[:-4]
        dest = {"second": "second-annotation", "sent": "sentiment-train"}.get(tag.split("-")[0], tag.split("-")[0])
        for r in csv.DictReader(open(path, encoding="utf-8")):
            q = quotes[r["qid"]]
            if dest == "sentiment-train":
                rows[dest].append({"article": q["article"], "quote_start": q["start"], "quote_end": q["end"],
                                   "sentiment": r["sentiment"].strip(), "batch": tag, "qid": r["qid"]})
                continue
            rows[dest].append({"article": q["article"], "quote_start": q["start"], "quote_end": q["end"],
                               "target": r["target"].strip(), "kind": r["kind"], "stance": r["stance"],
                               "sentiment": r["sentiment"], "batch": tag, "qid": r["qid"]})
    os.makedirs(out, exist_ok=True)
    for name, rs in rows.items():
        if not rs:
            continue
        rs.sort(key=lambda r: (r["qid"], r.get("kind", ""), r.get("target", "")))
        with open(f"{out}/{name}.csv", "w", newline="", encoding="utf-8") as f:
            w = csv.DictWriter(f, fieldnames=SENTIMENT_FIELDS if name == "sentiment-train" else FIELDS, lineterminator="\n")
            w.writeheader()
            w.writerows(rs)
        print(f"{name}: {len(rs)} pairs")


if __name__ == "__main__":
    main(*sys.argv[1:4])
