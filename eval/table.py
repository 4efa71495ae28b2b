#!/usr/bin/env python3
"""Formats one eval/run as Markdown: the accuracy table over all sets, then the confusion
summary. Standard library only; called by eval/run.

  table.py WORKDIR COMMIT DATE

WORKDIR holds what eval/run wrote: SET.score.json (score.py --json), SET.extract.log (the
`sitrep extract` stderr, whose last line counts documents and events), SET.seconds, and
global.confusion.md, for SET in seed, global, syria, hrds.
"""
import json
import os
import re
import sys

SETS = [("seed", "seed article"), ("global", "ACLED global 2022h1 dev"),
        ("syria", "ACLED Syria battles dev"), ("hrds", "HRDsAttack dev articles")]
NA = "·"


def load(work, name, suffix):
    path = os.path.join(work, f"{name}.{suffix}")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        return json.load(f) if suffix.endswith("json") else f.read()


def pct(v):
    return NA if v is None else f"{100 * v:.1f}%"


def main(argv):
    if len(argv) != 4:
        sys.exit(__doc__)
    work, commit, date = argv[1:]
    score = {k: load(work, k, "score.json") for k, _ in SETS}
    log = {k: load(work, k, "extract.log") or "" for k, _ in SETS}
    secs = {k: (load(work, k, "seconds") or "").strip() for k, _ in SETS}

    def counts(k):
        m = re.findall(r"sitrep extract: (\d+) documents, (\d+) events, (\d+) problems", log[k])
        return m[-1] if m else None

    rows = []

    def row(label, per_set):
        rows.append("| " + label + " | " + " | ".join(per_set.get(k, NA) for k, _ in SETS) + " |")

    def field(key, sets=("global", "syria")):
        return {k: pct((score[k] or {}).get(key)) for k in sets if score[k]}

    row("documents", {k: counts(k)[0] for k, _ in SETS if counts(k)})
    row("records written", {k: counts(k)[1] for k, _ in SETS if counts(k)})
    row("extract seconds (incl. lexicon load)", {k: secs[k] for k, _ in SETS if secs[k]})
    if score["seed"]:
        row("seed checks passed", {"seed": f"{score['seed']['passed']}/{score['seed']['checks']}"})
    row("covered (a primary event)", field("covered", ("global", "syria", "hrds")))
    row("event_type", field("event_type"))
    row("sub_event_type", field("sub_event_type"))
    for k, label in (("micro_f1", "sub-type micro F1"), ("macro_f1", "sub-type macro F1")):
        row(label, {s: pct(score[s]["sub_event_type_f1"][k]) for s in ("global", "syria") if score[s]})
    d = field("event_date")
    if score["hrds"]:
        d["hrds"] = pct(score["hrds"].get("date"))
    row("event_date (HRDs: date)", d)
    row("location ≤ 25 km", field("loc_25km"))
    row("location ≤ 161 km", field("loc_161km"))
    row("country", field("country", ("global", "syria", "hrds")))
    a = field("admin1")
    if score["hrds"]:
        a["hrds"] = pct(score["hrds"].get("region"))
    row("admin1 (HRDs: region)", a)
    row("city (HRDs)", field("city", ("hrds",)))
    row("fatalities exact", field("fatalities"))
    row("fatalities, rows with deaths", field("fatalities_pos"))
    row("fatalities, rows without", field("fatalities_zero"))
    row("actor1 found", field("actor1"))
    row("actor2 found", field("actor2"))

    out = [f"# sitrep on ../shared/eval", "",
           f"{date}, commit {commit}. Reproduce with `eval/run`.", "",
           "| measure | " + " | ".join(label for _, label in SETS) + " |",
           "|---|" + "---:|" * len(SETS)]
    out += rows
    out += ["",
            "Fractions are of all documents (a document without a record is a miss), as `score.py` "
            "counts them, except: fatalities with/without deaths over the rows that report / do not report "
            "deaths, actor1/actor2 over the rows whose gold names that actor (found as either actor of the "
            "primary event), HRDs fields over the articles whose gold has them. The primary event of a "
            "document is its non-background record with the highest confidence.",
            "",
            "The Syria set's notes rarely carry a date and `score.py docs` takes `published` from ACLED's "
            "upload timestamp (2021–2023 for events of 2017–2023), so its event_date measures that gap more "
            "than the engine."]
    if score["seed"]:
        missed = [r["name"] for r in score["seed"]["results"] if not r["ok"]]
        if missed:
            out += ["", "Seed checks missed: " + "; ".join(missed) + "."]
    conf = load(work, "global", "confusion.md")
    if conf:
        out += ["", "## Sub-event types, ACLED global 2022h1 dev", "",
                "For each gold sub-type, how often the primary event has it, and what sitrep predicts "
                "(✓ the right one).", "", conf.strip()]
    print("\n".join(out))


if __name__ == "__main__":
    main(sys.argv)
