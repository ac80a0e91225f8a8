"""Score the speaker_id column of a quotelens output against hand-checked identities.

    python3 scripts/speaker-ids/score.py data/speaker-ids/polnear-dev.csv quotes.csv

The gold file names quotes by article_id and quote_id and gives each the person who really said
it (gold_key; "NONE:<n>" for a speaker who is no one identifiable). Over every pair of the gold
quotes: precision is the share of pairs with one speaker_id that are one person; recall the share
of pairs that are one person that have one speaker_id. Standard library only.
"""
import csv
import itertools
import sys


def main(gold_path, output_path):
    gold = {(r["article_id"], r["quote_id"]): r["gold_key"] for r in csv.DictReader(open(gold_path, encoding="utf-8"))}
    ids = {}
    for r in csv.DictReader(open(output_path, encoding="utf-8", newline="")):
        key = (r["article_id"], r["quote_id"])
        if key in gold:
            ids[key] = r["speaker_id"]
    missing = [k for k in gold if k not in ids]
    keys = [k for k in gold if k in ids]
    same_id = same_person = both = 0
    for a, b in itertools.combinations(keys, 2):
        one_id = ids[a] != "" and ids[a] == ids[b]
        one_person = not gold[a].startswith("NONE") and gold[a] == gold[b]
        same_id += one_id
        same_person += one_person
        both += one_id and one_person
    precision = both / same_id if same_id else float("nan")
    recall = both / same_person if same_person else float("nan")
    people = {g for g in gold.values() if not g.startswith("NONE")}
    print(f"quotes: {len(keys)} scored ({len(missing)} not in the output), {len(people)} people")
    print(f"pairs with one speaker_id: {same_id}; pairs of one person: {same_person}; both: {both}")
    print(f"pairwise precision {precision:.3f}, recall {recall:.3f}")


if __name__ == "__main__":
    main(*sys.argv[1:3])
