"""Score the date stage on news sentences written for it (``benchmarks/data/written_dates.jsonl``).

Each line is a sentence of 2023–2026 Arabic AI/tech news written for this probe (not dev text), its
publication date, the dates it names with their values per ``../shared/eval/GUIDELINES.md`` (an
interval as ``START/END``; a list where two ISO forms name the same period) and words that name no
date (durations, ages, counts, model versions). The expected values were written by hand before the
pipeline was run on the sentences. Lines are split into halves A and B: rules were developed on A,
B is the check.

A date is found when a DATE mention of the full pipeline contains its text or is contained in it
(as ``score.py`` matches) and right when that mention's value is the expected one; a non-date is
right when no DATE mention overlaps it.

    python benchmarks/written_dates.py             # figures per half, then the misses
    python benchmarks/written_dates.py --half A
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from pipeline.doc import Article  # noqa: E402
from pipeline.nlp import load_pipeline  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "written_dates.jsonl"


def as_iso(value) -> str | None:
    """A mention's value as the scorer reads it: an interval object is START/END (``..`` when open)."""
    if isinstance(value, dict):
        return f"{value.get('start') or '..'}/{value.get('end') or '..'}"
    return value


def date_mentions(nlp, row: dict) -> list:
    doc = nlp.make_doc(Article(id=row["id"], text=row["text"], published=dt.date.fromisoformat(row["published"])))
    for _name, component in nlp.components:
        doc = component(doc)
    return [m for m in doc.mentions if m.type == "DATE"]


def judge(row: dict, mentions: list) -> list[tuple[str, bool, bool, str]]:
    """(kind, found, right, note) per expected date and per non-date of the line."""
    out, text = [], row["text"]
    for gold in row["dates"]:
        values = gold["value"] if isinstance(gold["value"], list) else [gold["value"]]
        hits = [m for m in mentions if gold["text"] in m.text or m.text in gold["text"]]
        got = [as_iso(m.value) for m in hits]
        right = any(g in values for g in got)
        out.append(("date", bool(hits), right, f"{gold['text']} → {values} got {[(m.text, as_iso(m.value)) for m in hits]}"))
    for word in row["not_dates"]:
        s = text.index(word)
        e = s + len(word)
        bad = [m for m in mentions if m.start < e and s < m.end]
        out.append(("not", True, not bad, f"not a date: {word} got {[(m.text, as_iso(m.value)) for m in bad]}"))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--half", choices=["A", "B"])
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args(argv)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = load_pipeline()
    tally, misses = {}, []
    for row in rows:
        if args.half and row["half"] != args.half:
            continue
        t = tally.setdefault(row["half"], {"dates": 0, "found": 0, "right": 0, "not": 0, "not_right": 0})
        for kind, found, right, note in judge(row, date_mentions(nlp, row)):
            if kind == "date":
                t["dates"] += 1
                t["found"] += found
                t["right"] += right
            else:
                t["not"] += 1
                t["not_right"] += right
            if not right:
                misses.append(f"{row['id']} {row['half']} {row['published']}  {note}")
    for half in sorted(tally):
        t = tally[half]
        print(f"half {half}: dates found {t['found']}/{t['dates']}, value right {t['right']}/{t['dates']}"
              f" ({t['right'] / max(t['dates'], 1):.3f}); non-dates left alone {t['not_right']}/{t['not']}")
    if not args.quiet:
        for line in misses:
            print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
