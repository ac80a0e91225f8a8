#!/usr/bin/env python3
"""Soak corpus for `quotelens label`: generate it, cut a sample of it, and check a run against it.

Python 3 standard library only. The article text is drawn at run time from the PolNeAR texts
beside the checkout (../shared/data/polnear/train/text/*.txt); none of it is kept in the repo.

  soak.py generate N DIR [--seed S] [--huge K] [--text-dir D]
      Write DIR/corpus.jsonl (N rows, one item per line, no blank lines) and DIR/expected.json.
      Every block of 100 rows holds exactly one corrupted item at a seeded position, so 1% of
      the rows are corrupted, spread evenly. Kinds (see KINDS below):
        reported in --errors, not labelled:
          invalid_utf8    a row with invalid UTF-8 bytes inside its text  -> errors.csv by row
          truncated_json  a row cut short mid-object                      -> errors.csv by row
          not_object      a JSON array, string, number, null or boolean   -> errors.csv by row
          empty_text      "text" empty or only whitespace                 -> errors.csv by article_id
        valid articles that stress the labeller (they must be labelled):
          quote_storm     thousands of “ ” " « » ' marks scattered among words
          huge            one 20 MiB article (at most --huge of them, default 3, placed at 1/4,
                          1/2 and 3/4 of the corpus so that no chunk of 256 holds two and the
                          first 1,000 rows hold none)
      The other corrupted slots take the first five kinds in turn, in a fresh seeded order for
      every five slots, so each kind is spread evenly over the corpus.

  soak.py sample SRC_DIR K DIR
      Copy the first K rows of SRC_DIR/corpus.jsonl byte for byte to DIR/corpus.jsonl, with the
      matching DIR/expected.json.

  soak.py check DIR RUN_DIR
      Check one run, whose RUN_DIR holds out.csv, errors.csv, stderr.txt (quotelens's standard
      error followed by /usr/bin/time -v's report) and rc: the "labelled N articles" count equals
      the good articles, every bad item is in errors.csv (by row for unreadable rows, by
      article_id for empty texts) and nothing else is, and every article_id in out.csv is a
      good article's. Writes RUN_DIR/result.json and prints one line; exit status 1 on a failure.

  soak.py watch PID CHECKPOINT OUT.tsv
      Once a second until PID ends, write the resident memory of the quotelens process under
      PID and the item count of its checkpoint (<output>.checkpoint) to OUT.tsv; check reads
      it for the longest chunk of 256 items and the memory held after the huge articles.

  soak.py table RESULT.json...
      Print the summary table (markdown) of the checked runs.
"""

import argparse
import csv
import glob
import json
import os
import random
import re
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_TEXT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "polnear", "train", "text"))

BAD_KINDS = ["invalid_utf8", "truncated_json", "not_object", "empty_text"]
STRESS_KINDS = ["quote_storm", "huge"]
CYCLE = ["invalid_utf8", "truncated_json", "not_object", "empty_text", "quote_storm"]
BLOCK = 100
HUGE_BYTES = 20 * 2**20
LABEL_CHUNK = 256
QUOTE_MARKS = ["\u201c", "\u201d", '"', "\u00ab", "\u00bb", "'"]
# Byte sequences that are never valid UTF-8: a lone continuation byte, 0xFF, a lead byte followed
# by ASCII, an overlong "/", a UTF-16 surrogate, a lead byte cut short before the closing quote.
INVALID_BYTES = [b"\x80", b"\xff", b"\xc3\x28", b"\xc0\xaf", b"\xed\xa0\x80", b"\xe2\x82"]
# Texts that are empty once trimmed (Rust's str::trim: Unicode White_Space).
EMPTY_TEXTS = ["", " ", "\n\n", "\t \r\n ", "\u00a0\u3000"]


def load_pool(text_dir):
    files = sorted(glob.glob(os.path.join(text_dir, "*.txt")))
    if not files:
        sys.exit(f"soak.py: no .txt files in {text_dir} (the PolNeAR texts beside the checkout)")
    titles, paragraphs = [], []
    for path in files:
        with open(path, encoding="utf-8") as f:
            parts = [p.strip() for p in f.read().split("\n\n") if p.strip()]
        if not parts:
            continue
        titles.append(parts[0].split("\n")[0])
        paragraphs.extend(p for p in parts[1:] if len(p) >= 20)
    return titles, paragraphs


class Maker:
    def __init__(self, seed, titles, paragraphs):
        self.rng = random.Random(seed)
        self.titles = titles
        self.paragraphs = paragraphs
        self.words = [w for p in paragraphs[:3000] for w in p.split()]

    def meta(self, i, article_id):
        rng = self.rng
        return {
            "id": article_id,
            "title": rng.choice(self.titles),
            "date": f"20{rng.randint(15, 24):02d}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "url": f"https://news.example/{i}",
        }

    def text(self):
        # PolNeAR train: 19 paragraphs and 4.6 kB an article on average.
        return "\n\n".join(self.rng.choice(self.paragraphs) for _ in range(self.rng.randint(4, 36)))

    def huge_text(self):
        parts, size = [], 0
        while size < HUGE_BYTES:
            p = self.rng.choice(self.paragraphs)
            parts.append(p)
            size += len(p.encode("utf-8")) + 2
        return "\n\n".join(parts)

    def storm_text(self):
        rng = self.rng
        marks = rng.randint(2000, 6000)
        words = rng.randint(marks, 2 * marks)
        out, left = [], marks
        for k in range(words):
            w = rng.choice(self.words)
            # Spread the marks over the words: before, after or standing alone.
            if left and rng.random() < left / (words - k):
                m = rng.choice(QUOTE_MARKS)
                left -= 1
                w = rng.choice([m + w, w + m, m + " " + w])
            out.append(w)
            if rng.random() < 0.04:
                out.append("\n\n")
        return " ".join(out), marks


def row_bytes(obj):
    return json.dumps(obj, ensure_ascii=False).encode("utf-8")


def generate(args):
    n, out_dir = args.n, args.dir
    if args.reuse and reusable(args):
        print(f"{os.path.join(out_dir, 'corpus.jsonl')}: reused ({n} rows, seed {args.seed})")
        return
    titles, paragraphs = load_pool(args.text_dir)
    mk = Maker(args.seed, titles, paragraphs)
    rng = mk.rng
    blocks = n // BLOCK
    # One corrupted slot per whole block of 100 rows, at a seeded place in it.
    slots = {}
    huge_blocks = {round(blocks * (j + 1) / 4) for j in range(min(args.huge, 3))} if blocks >= 4 else set()
    order = []
    for b in range(blocks):
        pos = b * BLOCK + rng.randrange(BLOCK)
        if b in huge_blocks:
            slots[pos] = "huge"
            continue
        if not order:
            order = CYCLE[:]
            rng.shuffle(order)
        slots[pos] = order.pop()
    os.makedirs(out_dir, exist_ok=True)
    width = max(7, len(str(n)))
    good_ids, bad, stress = [], [], []
    path = os.path.join(out_dir, "corpus.jsonl")
    with open(path, "wb") as f:
        for i in range(n):
            line = i + 1
            article_id = f"soak-{i:0{width}d}"
            kind = slots.get(i, "normal")
            obj = mk.meta(i, article_id)
            if kind == "normal":
                obj["text"] = mk.text()
                data = row_bytes(obj)
                good_ids.append(article_id)
            elif kind == "huge":
                obj["text"] = mk.huge_text()
                data = row_bytes(obj)
                good_ids.append(article_id)
                stress.append({"line": line, "kind": kind, "id": article_id, "text_bytes": len(obj["text"].encode())})
            elif kind == "quote_storm":
                obj["text"], marks = mk.storm_text()
                data = row_bytes(obj)
                good_ids.append(article_id)
                stress.append(
                    {
                        "line": line,
                        "kind": kind,
                        "id": article_id,
                        "text_bytes": len(obj["text"].encode()),
                        "quote_marks": marks,
                    }
                )
            elif kind == "invalid_utf8":
                obj["text"] = mk.text()
                data = row_bytes(obj)
                # Put the bad bytes inside the text's value, after its opening quote.
                start = data.index(b'"text": "') + len(b'"text": "')
                at = rng.randrange(start, data.rindex(b'"'))
                # Step back to a character boundary so only the inserted bytes are invalid.
                while at > start and (data[at] & 0xC0) == 0x80:
                    at -= 1
                data = data[:at] + rng.choice(INVALID_BYTES) + data[at:]
                bad.append({"line": line, "kind": kind, "id": article_id, "reported_by": "row"})
            elif kind == "truncated_json":
                obj["text"] = mk.text()
                s = json.dumps(obj, ensure_ascii=False)
                # Cut on a character boundary so the row stays valid UTF-8 and is only bad JSON.
                data = s[: rng.randrange(10, len(s) - 1)].rstrip().encode("utf-8")
                bad.append({"line": line, "kind": kind, "id": article_id, "reported_by": "row"})
            elif kind == "not_object":
                text = mk.text()
                shape = rng.choice(["array", "array_of_object", "string", "number", "null", "bool"])
                value = {
                    "array": [article_id, text],
                    "array_of_object": [dict(obj, text=text)],
                    "string": text,
                    "number": rng.randint(-(10**9), 10**9),
                    "null": None,
                    "bool": rng.random() < 0.5,
                }[shape]
                data = row_bytes(value)
                bad.append({"line": line, "kind": kind, "id": article_id, "reported_by": "row", "shape": shape})
            elif kind == "empty_text":
                obj["text"] = rng.choice(EMPTY_TEXTS)
                data = row_bytes(obj)
                bad.append({"line": line, "kind": kind, "id": article_id, "reported_by": "article_id"})
            else:
                raise AssertionError(kind)
            assert b"\n" not in data
            f.write(data + b"\n")
    expected = build_expected(n, args.seed, args.text_dir, path, good_ids, bad, stress)
    expected["huge"] = args.huge
    write_expected(out_dir, expected)
    print(
        f"{path}: {n} rows, {os.path.getsize(path) / 1e6:.1f} MB, {expected['good_articles']} good articles, "
        f"{expected['bad_items']} bad items {expected['bad_by_kind']}, stress {expected['stress_by_kind']}"
    )


def reusable(args):
    """Whether DIR already holds this very corpus (same rows, seed, huge count, text source)."""
    try:
        with open(os.path.join(args.dir, "expected.json"), encoding="utf-8") as f:
            exp = json.load(f)
        size = os.path.getsize(os.path.join(args.dir, "corpus.jsonl"))
    except (OSError, ValueError):
        return False
    return (
        exp.get("rows") == args.n
        and exp.get("seed") == args.seed
        and exp.get("huge") == args.huge
        and exp.get("text_source") == os.path.relpath(args.text_dir)
        and exp.get("bytes") == size
        and "sample_of" not in exp
    )


def build_expected(rows, seed, text_dir, path, good_ids, bad, stress):
    def by_kind(items, kinds):
        return {k: sum(1 for x in items if x["kind"] == k) for k in kinds}

    stress_by_kind = by_kind(stress, STRESS_KINDS)
    return {
        "corpus": os.path.basename(path),
        "rows": rows,
        "bytes": os.path.getsize(path),
        "seed": seed,
        "text_source": os.path.relpath(text_dir),
        "good_articles": len(good_ids),
        "good_by_kind": dict(normal=len(good_ids) - sum(stress_by_kind.values()), **stress_by_kind),
        "bad_items": len(bad),
        "bad_by_kind": by_kind(bad, BAD_KINDS),
        "stress_by_kind": stress_by_kind,
        "bad": bad,
        "stress": stress,
        "good_ids": good_ids,
    }


def write_expected(out_dir, expected):
    with open(os.path.join(out_dir, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=0)
        f.write("\n")


def sample(args):
    with open(os.path.join(args.src, "expected.json"), encoding="utf-8") as f:
        src = json.load(f)
    os.makedirs(args.dir, exist_ok=True)
    path = os.path.join(args.dir, "corpus.jsonl")
    with open(os.path.join(args.src, "corpus.jsonl"), "rb") as fin, open(path, "wb") as fout:
        for _ in range(args.k):
            line = fin.readline()
            if not line:
                break
            fout.write(line)
    k = min(args.k, src["rows"])
    bad = [x for x in src["bad"] if x["line"] <= k]
    stress = [x for x in src["stress"] if x["line"] <= k]
    lines_of_bad = {x["line"] for x in bad}
    # Row i is soak-<i-1>; the good ids of the sample are those of its first k rows.
    good_ids = [g for g in src["good_ids"] if int(g.rsplit("-", 1)[1]) < k]
    assert len(good_ids) + len(lines_of_bad) == k
    expected = build_expected(k, src["seed"], src["text_source"], path, good_ids, bad, stress)
    expected["sample_of"] = os.path.relpath(os.path.join(args.src, "corpus.jsonl"))
    write_expected(args.dir, expected)
    print(f"{path}: first {k} rows, {expected['good_articles']} good articles, {expected['bad_items']} bad items")


def find_descendant(root, comm):
    """The pid of a process named `comm` under `root` (root itself included), or None."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                stat = f.read()
        except OSError:
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        children.setdefault(ppid, []).append((int(entry), name))
    try:
        with open(f"/proc/{root}/comm", encoding="utf-8", errors="replace") as f:
            if f.read().strip() == comm:
                return root
    except OSError:
        return None
    todo = [root]
    while todo:
        pid = todo.pop()
        for child, name in children.get(pid, []):
            if name == comm:
                return child
            todo.append(child)
    return None


def watch(args):
    """Sample the labeller's resident memory and its checkpoint's item count once a second."""
    start = time.monotonic()
    pid = None
    with open(args.out, "w", encoding="utf-8") as out:
        out.write("seconds\trss_kb\tconsumed\n")
        while os.path.exists(f"/proc/{args.pid}"):
            if pid is None:
                pid = find_descendant(args.pid, "quotelens")
            rss = consumed = ""
            if pid is not None:
                try:
                    with open(f"/proc/{pid}/status", encoding="utf-8") as f:
                        rss = next((l.split()[1] for l in f if l.startswith("VmRSS:")), "")
                except OSError:
                    pass
                try:
                    with open(args.checkpoint, encoding="utf-8") as f:
                        consumed = json.load(f)["counts"]["consumed"]
                except (OSError, ValueError, KeyError):
                    pass
            if rss:
                out.write(f"{time.monotonic() - start:.1f}\t{rss}\t{consumed}\n")
                out.flush()
            time.sleep(args.interval)


def samples_analysis(path, exp):
    """From watch's samples: the longest stretch between two checkpoints (and the stress items in
    it), and the peak RSS sampled before the first huge article was read and after the last one
    was labelled."""
    if not os.path.exists(path):
        return {}
    rows, seen_checkpoint = [], False
    with open(path, encoding="utf-8") as f:
        next(f, None)
        for line in f:
            t, rss, consumed = line.rstrip("\n").split("\t")
            if consumed:
                seen_checkpoint = True
                rows.append((float(t), int(rss), int(consumed)))
            else:
                # No checkpoint: before the first chunk is done (0 items), or, once one was seen,
                # the run has consumed every row and is finishing (the checkpoint is removed
                # once the outputs are in place).
                rows.append((float(t), int(rss), exp["rows"] if seen_checkpoint else 0))
    if not rows:
        return {}
    # A chunk runs from the first sample that sees the previous count to the first that sees its own.
    spans, first_seen = [], {}
    for t, _, c in rows:
        first_seen.setdefault(c, t)
    counts = sorted(first_seen)
    for a, b in zip(counts, counts[1:]):
        spans.append((first_seen[b] - first_seen[a], a, b))
    result = {"rss_samples": len(rows)}
    if spans:
        secs, a, b = max(spans)
        inside = [x for x in exp["stress"] if a < x["line"] <= b]
        result["longest_chunk"] = {
            "rows": [a + 1, b],
            "seconds": round(secs, 1),
            "stress_items": [f"{x['kind']} {x['id']} (line {x['line']}, {x['text_bytes']:,} bytes)" for x in inside],
        }
    huge = [x["line"] for x in exp["stress"] if x["kind"] == "huge"]
    if huge:
        # quotelens reads and labels 256 items at a time (CHUNK in src/cmd/label.rs): while the
        # checkpoint counts fewer items than the start of the first huge article's chunk, that
        # article has not been read.
        first_chunk_start = (min(huge) - 1) // LABEL_CHUNK * LABEL_CHUNK
        before = [rss for _, rss, c in rows if c < first_chunk_start]
        after = [rss for _, rss, c in rows if c >= max(huge)]
        if before:
            result["peak_rss_before_huge_kb"] = max(before)
        if after:
            result["peak_rss_after_huge_kb"] = max(after)
    return result


def parse_time_v(text):
    def grab(pattern, cast=float):
        m = re.search(pattern, text)
        return cast(m.group(1)) if m else None

    wall = None
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)", text)
    if m:
        parts = [float(p) for p in m.group(1).split(":")]
        wall = 0.0
        for p in parts:
            wall = wall * 60 + p
    return {
        "wall_s": wall,
        "user_s": grab(r"User time \(seconds\): ([\d.]+)"),
        "sys_s": grab(r"System time \(seconds\): ([\d.]+)"),
        "max_rss_kb": grab(r"Maximum resident set size \(kbytes\): (\d+)", int),
        "exit_status": grab(r"Exit status: (\d+)", int),
        "signal": grab(r"Command terminated by signal (\d+)", int),
    }


def check(args):
    with open(os.path.join(args.dir, "expected.json"), encoding="utf-8") as f:
        exp = json.load(f)
    run = args.run
    with open(os.path.join(run, "stderr.txt"), encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    rc = None
    if os.path.exists(os.path.join(run, "rc")):
        with open(os.path.join(run, "rc")) as f:
            rc = int(f.read().strip() or -1)
    timing = parse_time_v(stderr)
    failures = []
    if rc != 0:
        failures.append(f"quotelens exited with status {rc}")
    if re.search(r"panicked|thread '.*' panicked|RUST_BACKTRACE", stderr):
        failures.append("a panic message is on standard error")
    m = re.findall(r"labelled (\d+) articles, (\d+) quotes, in ([\d.]+)s", stderr)
    labelled = int(m[-1][0]) if m else None
    quotes = int(m[-1][1]) if m else None
    if labelled != exp["good_articles"]:
        failures.append(f"labelled {labelled} articles, expected {exp['good_articles']}")

    csv.field_size_limit(2**31 - 1)
    by_row, by_id, internal = {}, {}, []
    errors_path = os.path.join(run, "errors.csv")
    n_error_rows = 0
    if os.path.exists(errors_path):
        with open(errors_path, encoding="utf-8", newline="") as f:
            for rec in csv.DictReader(f):
                n_error_rows += 1
                if rec["row"]:
                    by_row[int(rec["row"])] = rec["reason"]
                elif rec["article_id"]:
                    by_id[rec["article_id"]] = rec["reason"]
                if "internal error" in rec["reason"]:
                    internal.append(rec["article_id"])
    else:
        failures.append("no errors.csv")
    missing, wrong_reason = [], []
    want = {"invalid_utf8": "not valid UTF-8", "truncated_json": "not valid JSON", "not_object": "no string field"}
    for item in exp["bad"]:
        if item["reported_by"] == "row":
            reason = by_row.pop(item["line"], None)
            needle = want[item["kind"]]
        else:
            reason = by_id.pop(item["id"], None)
            needle = "the text is empty; skipped"
        if reason is None:
            missing.append(item)
        elif needle not in reason:
            wrong_reason.append((item, reason))
    unexpected = [("row", r, why) for r, why in by_row.items()] + [("article_id", i, why) for i, why in by_id.items()]
    if missing:
        failures.append(f"{len(missing)} bad items not in errors.csv, e.g. {missing[:3]}")
    if wrong_reason:
        failures.append(f"{len(wrong_reason)} bad items with an unexpected reason, e.g. {wrong_reason[:3]}")
    if unexpected:
        failures.append(f"{len(unexpected)} unexpected rows in errors.csv, e.g. {unexpected[:3]}")
    if internal:
        failures.append(f"internal errors (panics caught) on {internal[:5]}")

    good = set(exp["good_ids"])
    with_quotes, out_rows, strangers = set(), 0, set()
    out_path = os.path.join(run, "out.csv")
    if os.path.exists(out_path):
        with open(out_path, encoding="utf-8", newline="") as f:
            for rec in csv.DictReader(f):
                out_rows += 1
                aid = rec["article_id"]
                if aid in good:
                    with_quotes.add(aid)
                else:
                    strangers.add(aid)
    else:
        failures.append("no out.csv")
    if strangers:
        failures.append(f"{len(strangers)} article ids in out.csv that are not good articles, e.g. {sorted(strangers)[:3]}")
    if quotes is not None and out_rows != quotes:
        failures.append(f"out.csv has {out_rows} rows, stderr counts {quotes} quotes")
    stress_quoted = {x["id"]: (x["id"] in with_quotes) for x in exp["stress"]}
    result = {
        "name": args.name or os.path.basename(os.path.normpath(run)),
        "rows": exp["rows"],
        "corpus_mb": exp["bytes"] / 1e6,
        "good_articles": exp["good_articles"],
        "bad_items": exp["bad_items"],
        "bad_by_kind": exp["bad_by_kind"],
        "stress_by_kind": exp["stress_by_kind"],
        "labelled": labelled,
        "quotes": quotes,
        "articles_with_quotes": len(with_quotes),
        "stress_articles_with_quotes": sum(stress_quoted.values()),
        "error_rows": n_error_rows,
        "errors_matched": exp["bad_items"] - len(missing),
        "rc": rc,
        **timing,
        **samples_analysis(os.path.join(run, "rss.tsv"), exp),
        "failures": failures,
    }
    with open(os.path.join(run, "result.json"), "w", encoding="utf-8") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    status = "ok" if not failures else "FAILED: " + "; ".join(failures)
    print(f"check {result['name']}: {status}")
    return 1 if failures else 0


def table(args):
    results = []
    for p in args.results:
        with open(p, encoding="utf-8") as f:
            results.append(json.load(f))

    def mb(kb):
        return f"{kb / 1024:.0f}" if kb else "-"

    def num(x):
        return f"{x:,}" if x is not None else "-"

    print(
        "| run | corpus rows | corpus MB | good articles | labelled | quotes | errors reported / expected "
        "| wall s | CPU s | peak RSS MB | RSS MB before / after the huge article | longest chunk | checks |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|")
    for r in results:
        cpu = (r["user_s"] or 0) + (r["sys_s"] or 0)
        chunk = r.get("longest_chunk")
        chunk = f"rows {chunk['rows'][0]:,}-{chunk['rows'][1]:,}: {chunk['seconds']:.0f} s" if chunk else "-"
        huge_rss = "-"
        if r["stress_by_kind"]["huge"]:
            huge_rss = f"{mb(r.get('peak_rss_before_huge_kb'))} / {mb(r.get('peak_rss_after_huge_kb'))}"
        print(
            f"| {r['name']} | {r['rows']:,} | {r['corpus_mb']:.0f} | {r['good_articles']:,} | {num(r['labelled'])} | "
            f"{num(r['quotes'])} | {r['error_rows']:,} / {r['bad_items']:,} | {r['wall_s'] or 0:.1f} | {cpu:.1f} | "
            f"{mb(r['max_rss_kb'])} | {huge_rss} | "
            f"{chunk} | {'pass' if not r['failures'] else 'FAIL'} |"
        )
    rules = {r["rows"]: r for r in results if r["name"].startswith("rules")}
    if 10000 in rules and 100000 in rules:
        small, big = rules[10000], rules[100000]
        print()
        for label, key in [
            ("peak RSS", "max_rss_kb"),
            ("peak RSS before the huge article", "peak_rss_before_huge_kb"),
            ("peak RSS after the huge article", "peak_rss_after_huge_kb"),
        ]:
            if small.get(key) and big.get(key):
                ratio = big[key] / small[key]
                verdict = "within" if ratio <= 1.10 else "OVER"
                print(f"{label} 100k / 10k (rules only): {ratio:.3f} ({verdict} the 1.10 target)")
    print()
    for r in results:
        chunk = r.get("longest_chunk")
        if chunk and chunk["stress_items"]:
            print(f"{r['name']}: longest chunk, rows {chunk['rows'][0]:,}-{chunk['rows'][1]:,}, {chunk['seconds']} s, "
                  f"holds {'; '.join(chunk['stress_items'])}")
    failed = [r for r in results if r["failures"]]
    for r in failed:
        for why in r["failures"]:
            print(f"{r['name']}: {why}")
    return 1 if failed else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate")
    g.add_argument("n", type=int)
    g.add_argument("dir")
    g.add_argument("--seed", type=int, default=20240607)
    g.add_argument("--huge", type=int, default=3, help="huge (20 MiB) articles, at most 3")
    g.add_argument("--text-dir", default=DEFAULT_TEXT_DIR)
    g.add_argument("--reuse", action="store_true", help="keep DIR's corpus if it is this very one")
    s = sub.add_parser("sample")
    s.add_argument("src")
    s.add_argument("k", type=int)
    s.add_argument("dir")
    c = sub.add_parser("check")
    c.add_argument("dir")
    c.add_argument("run")
    c.add_argument("--name")
    w = sub.add_parser("watch")
    w.add_argument("pid", type=int)
    w.add_argument("checkpoint")
    w.add_argument("out")
    w.add_argument("--interval", type=float, default=1.0)
    t = sub.add_parser("table")
    t.add_argument("results", nargs="+")
    args = ap.parse_args()
    if args.cmd == "generate":
        if args.n < 1 or not 0 <= args.huge <= 3:
            ap.error("N must be positive and --huge from 0 to 3")
        generate(args)
    elif args.cmd == "sample":
        sample(args)
    elif args.cmd == "check":
        sys.exit(check(args))
    elif args.cmd == "watch":
        watch(args)
    else:
        sys.exit(table(args))


if __name__ == "__main__":
    main()
