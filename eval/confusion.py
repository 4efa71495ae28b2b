#!/usr/bin/env python3
"""Per gold sub-event type: how often sitrep's primary event has that sub-type, and what it
predicts instead. Standard library only.

  confusion.py GOLD.csv EVENTS.jsonl [--top N] [--json]

GOLD.csv is an ACLED export with event_id_cnty and sub_event_type (as in ../shared/eval/acled);
EVENTS.jsonl is `sitrep extract` output for the documents `score.py docs acled GOLD.csv` made
(doc_id = event_id_cnty). A document's primary event is its non-background record with the
highest confidence, the first one on ties (the rule score.py states); a document without one is
predicted as "(no event)". Sub-types are compared case-insensitively, as score.py does.

Prints a Markdown table, most frequent gold sub-type first: count, accuracy, and the top N
predicted sub-types with their counts.
"""
import collections
import csv
import json
import sys

NO_EVENT = "(no event)"


def primary_sub_types(events_path):
    """doc_id -> the primary record's sub_event_type (NO_EVENT when no live record)."""
    best = {}  # doc_id -> (confidence, sub_event_type); the first record wins ties
    with open(events_path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            if not isinstance(rec, dict) or "doc_id" not in rec:
                continue
            doc = str(rec["doc_id"])
            if rec.get("background"):
                continue
            try:
                conf = float(rec.get("confidence") or 0.0)
            except (TypeError, ValueError):
                conf = 0.0
            if doc not in best or conf > best[doc][0]:
                best[doc] = (conf, (rec.get("sub_event_type") or "").strip() or "(empty sub-type)")
    return {doc: sub for doc, (_, sub) in best.items()}


def confusion(gold_path, events_path, top):
    predicted = primary_sub_types(events_path)
    spelling = {}                                  # lower-case -> the first spelling seen
    rows = collections.defaultdict(collections.Counter)  # gold -> Counter(predicted)
    with open(gold_path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            gold = r["sub_event_type"].strip()
            spelling.setdefault(gold.lower(), gold)
            pred = predicted.get(r["event_id_cnty"], NO_EVENT)
            spelling.setdefault(pred.lower(), pred)
            rows[gold.lower()][pred.lower()] += 1
    out = []
    for gold, preds in sorted(rows.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
        n = sum(preds.values())
        out.append({
            "sub_event_type": spelling[gold],
            "count": n,
            "accuracy": round(preds[gold] / n, 4) if n else 0.0,
            "predicted": [[spelling[p], c] for p, c in sorted(preds.items(), key=lambda kv: (-kv[1], kv[0]))[:top]],
        })
    return out


def markdown(rows, top):
    total = sum(r["count"] for r in rows)
    right = sum(round(r["accuracy"] * r["count"]) for r in rows)
    lines = [f"| gold sub-event type | count | accuracy | predicted as (top {top}, count) |",
             "|---|---:|---:|---|"]
    for r in rows:
        preds = ", ".join(f"{name} {c}" + (" ✓" if name.lower() == r["sub_event_type"].lower() else "")
                          for name, c in r["predicted"])
        lines.append(f"| {r['sub_event_type']} | {r['count']} | {100 * r['accuracy']:.1f}% | {preds} |")
    if total:
        lines.append(f"| **all** | {total} | {100 * right / total:.1f}% | |")
    return "\n".join(lines)


def main(argv):
    args = [a for a in argv[1:] if not a.startswith("--")]
    top = 3
    if "--top" in argv:
        i = argv.index("--top")
        try:
            top = int(argv[i + 1])
            args.remove(argv[i + 1])
        except (IndexError, ValueError):
            sys.exit("confusion.py: --top needs a number")
    if len(args) != 2:
        sys.exit(__doc__)
    rows = confusion(args[0], args[1], top)
    if "--json" in argv:
        print(json.dumps(rows, indent=1, ensure_ascii=False))
    else:
        print(markdown(rows, top))


if __name__ == "__main__":
    main(sys.argv)
