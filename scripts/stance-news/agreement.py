#!/usr/bin/env python3
"""Cohen's kappa between the first and the second annotation of data/stance-news.

    agreement.py [DIR]    (default data/stance-news)

Pairs are matched on quote id and target; stance is compared per pair (all pairs, and the
article-target pairs alone), sentiment once per quote. Prints the confusion of the two passes.
"""
import collections
import csv
import sys


def kappa(a, b):
    n = len(a)
    labels = sorted(set(a) | set(b))
    po = sum(x == y for x, y in zip(a, b)) / n
    ca, cb = collections.Counter(a), collections.Counter(b)
    pe = sum(ca[l] * cb[l] for l in labels) / (n * n)
    return po, (po - pe) / (1 - pe) if pe < 1 else 1.0


def show(name, a, b):
    po, k = kappa(a, b)
    print(f"{name}: n {len(a)}, agreement {po:.3f}, Cohen's kappa {k:.3f}")
    labels = sorted(set(a) | set(b))
    c = collections.Counter(zip(a, b))
    print("    first \\ second  " + "  ".join(f"{l:>8}" for l in labels))
    for x in labels:
        print(f"    {x:>15}  " + "  ".join(f"{c[(x, y)]:>8}" for y in labels))


def main(d):
    first = {(r["qid"], r["target"]): r for f in ("dev", "train") for r in csv.DictReader(open(f"{d}/{f}.csv", encoding="utf-8"))}
    second = list(csv.DictReader(open(f"{d}/second-annotation.csv", encoding="utf-8")))
    pairs = [(first[(r["qid"], r["target"])], r) for r in second if (r["qid"], r["target"]) in first]
    show("stance, all pairs", [a["stance"] for a, _ in pairs], [b["stance"] for _, b in pairs])
    art = [(a, b) for a, b in pairs if a["kind"] == "article"]
    show("stance, article targets", [a["stance"] for a, _ in art], [b["stance"] for _, b in art])
    quotes = {a["qid"]: (a["sentiment"], b["sentiment"]) for a, b in pairs}
    show("sentiment, per quote", [x for x, _ in quotes.values()], [y for _, y in quotes.values()])


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/stance-news")
