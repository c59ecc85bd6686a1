"""Scoring the date tagger on Duckling's Arabic corpus and on gold article dates.

Shared by ``tests/stages/test_dates.py`` and ``benchmarks/dates_compare.py`` so both count the
same way. Duckling states a value as the start instant of its grain with the reference's
UTC offset, and an interval with an exclusive end; ``duckling_form`` restates one of our
values that way (an inclusive end plus one unit of its grain).
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..stages.normalize import normalize

ISO_FORMS = [
    (re.compile(r"(\d{4})$"), "year"),
    (re.compile(r"(\d{4})-Q([1-4])$"), "quarter"),
    (re.compile(r"(\d{4})-W(\d\d)$"), "week"),
    (re.compile(r"(\d{4})-(\d\d)$"), "month"),
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)$"), "day"),
    (re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d)(?::(\d\d))?$"), "time"),
]


def parse_iso(value: str) -> tuple[dt.datetime, str]:
    """The start instant of one of our ISO values and the unit it spans (time: a clock time)."""
    for rx, unit in ISO_FORMS:
        m = rx.match(value)
        if not m:
            continue
        n = [int(x) if x else 0 for x in m.groups()]
        if unit == "year":
            return dt.datetime(n[0], 1, 1), unit
        if unit == "quarter":
            return dt.datetime(n[0], 3 * n[1] - 2, 1), unit
        if unit == "week":
            return dt.datetime.fromisocalendar(n[0], n[1], 1), unit
        if unit == "month":
            return dt.datetime(n[0], n[1], 1), unit
        return dt.datetime(*n), unit
    raise ValueError(f"not one of our ISO values: {value!r}")


def plus_one(start: dt.datetime, unit: str) -> dt.datetime:
    if unit in ("second", "minute", "hour", "day", "week"):
        return start + dt.timedelta(**{unit + "s": 1})
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    k = start.year * 12 + start.month - 1 + months
    return start.replace(year=k // 12, month=k % 12 + 1)


def stamp(d: dt.datetime, offset: str) -> str:
    return d.strftime("%Y-%m-%dT%H:%M:%S") + offset


def duckling_form(value, grain: str, offset: str):
    """Our value as Duckling states it: an instant string, or {start, end} with an exclusive end."""
    if isinstance(value, str):
        return stamp(parse_iso(value)[0], offset)
    out = {}
    for side in ("start", "end"):
        if value.get(side) is None:
            out[side] = None
            continue
        d, unit = parse_iso(value[side])
        if side == "end":
            d = plus_one(d, grain if unit == "time" else unit)
        out[side] = stamp(d, offset)
    return out


def load_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@dataclass
class Score:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


def reference_of(row: dict) -> dt.datetime | dt.date | None:
    ref = row.get("reference") or row.get("reference_time")
    return dt.datetime.fromisoformat(ref) if ref and "T" in ref else dt.date.fromisoformat(ref) if ref else None


def expected_of(row: dict):
    exp = row["expected"]
    if isinstance(exp, dict):
        return {"start": exp["start"], "end": exp["end"]}
    return exp


def duckling_row_right(mentions: list, row: dict) -> bool:
    """Duckling's test: one mention over the whole text with the expected value and grain."""
    text = row["text"]
    if len(mentions) != 1 or mentions[0].start != 0 or mentions[0].end != len(text):
        return False
    m = mentions[0]
    if m.value is None:
        return False
    offset = row["reference_time"][-6:]
    return duckling_form(m.value, m.grain, offset) == expected_of(row) and m.grain == row["grain"]


def score_duckling(find, rows: list[dict], prefer: str = "future") -> Score:
    """``find(text, reference, prefer)`` → mentions with start, end, value, grain."""
    score = Score()
    for row in rows:
        mentions = find(row["text"], reference_of(row), prefer)
        score.total += 1
        if duckling_row_right(mentions, row):
            score.right += 1
        else:
            got = [(m.text, m.value, m.grain) for m in mentions]
            score.misses.append(f"{row['text']}: want {expected_of(row)} {row['grain']}, got {got}")
    return score


PUNCT = re.compile(r"[\s\"'“”«»‘’(),.،؛:!?؟\-–—/\\\[\]{}]+")


def loose(s: str) -> str:
    """The scorer's lenient spelling (../shared/eval/score.py): normalised, punctuation as spaces."""
    return PUNCT.sub(" ", normalize(s).text).strip().lower()


def score_gold_dates(find, articles: list[tuple[str, dt.date | None, list[dict]]], prefer: str = "past") -> Score:
    """Gold dates [{text, value}] per article: found (text contains or is contained) with the value."""
    score = Score()
    for text, reference, gold in articles:
        mentions = find(text, reference, prefer)
        for g in gold:
            score.total += 1
            gt = loose(g["text"])
            cands = [m for m in mentions if (n := loose(m.text)) and (n in gt or gt in n)]
            values = {json.dumps(m.value, ensure_ascii=False) if isinstance(m.value, dict) else m.value
                      for m in cands}
            if g["value"] in values:
                score.right += 1
            else:
                score.misses.append(f"{g['text']}: want {g['value']}, got {sorted(map(str, values))}")
    return score


def seed_articles(shared: Path) -> list[tuple[str, dt.date | None, list[dict]]]:
    """The seed articles with their publication dates and gold dates."""
    published = {}
    for line in (shared / "seeds" / "published.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        if line.strip():
            aid, day = line.split("\t")[:2]
            published[aid] = dt.date.fromisoformat(day.strip())
    out = []
    for g in load_jsonl(shared / "eval" / "seeds_gold.jsonl"):
        text = (shared / "seeds" / f"{g['article']}.txt").read_text(encoding="utf-8")
        out.append((text, published.get(g["article"]), g.get("dates", [])))
    return out
