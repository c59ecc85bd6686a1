"""A run's aggregates: who speaks, about what, when — shared by ``arclaims stats``, the report's
overview and the analytics tables, so the three count the same way.

Rules stated once:

- a claim's **month** is its own resolved date when that falls inside one month (a day, a
  week or a month), else the month its article was published; a claim with neither has none;
- an entity is its ``entity_id``; one without an id (a group speaker such as الخبراء) is its
  type and name; its label is the name it is most often given, ties to the alphabetically first;
- an entity "talked about" counts claims, not mentions: a claim about OpenAI twice counts once;
- rankings sort by count, then label, then key, so equal counts never depend on input order.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from typing import Iterable

UNKNOWN = "unknown"


# ---------------------------------------------------------------- dates

def month_bounds(year: int, month: int) -> tuple[str, str]:
    first = date(year, month, 1)
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return first.isoformat(), (nxt - timedelta(days=1)).isoformat()


def date_bounds(value: object) -> tuple[str, str] | None:
    """ISO day bounds [lo, hi] of a DATE value (2025, 2025-08, 2025-Q3, 2025-W32, a range), for filtering."""
    if isinstance(value, dict):
        lo = date_bounds(value.get("start"))
        hi = date_bounds(value.get("end"))
        if lo or hi:
            return (lo or hi)[0], (hi or lo)[1]
        return None
    return iso_bounds(value) if isinstance(value, str) else None


@lru_cache(maxsize=8192)
def iso_bounds(value: str) -> tuple[str, str] | None:
    """date_bounds of one ISO string (a run repeats the same few thousand dates, hence the cache)."""
    v = value.strip()
    try:
        if m := re.match(r"^(\d{4})-(\d{2})-(\d{2})", v):
            d = date(int(m[1]), int(m[2]), int(m[3])).isoformat()
            return d, d
        if m := re.match(r"^(\d{4})-W(\d{2})", v):
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if m := re.match(r"^(\d{4})-Q([1-4])", v):
            q = int(m[2])
            return month_bounds(int(m[1]), 3 * q - 2)[0], month_bounds(int(m[1]), 3 * q)[1]
        if m := re.match(r"^(\d{4})-(\d{2})$", v):
            return month_bounds(int(m[1]), int(m[2]))
        if m := re.match(r"^(\d{4})$", v):
            return f"{m[1]}-01-01", f"{m[1]}-12-31"
    except ValueError:
        return None
    return None


def claim_bounds(claim: dict, published: str | None) -> tuple[str, str] | None:
    """Day bounds of a claim: its own resolved date, else its article's publication date."""
    return date_bounds((claim.get("date") or {}).get("value")) or date_bounds(published)


def claim_month(claim: dict, published: str | None) -> str | None:
    """YYYY-MM of a claim (see the module docstring), or None."""
    own = date_bounds((claim.get("date") or {}).get("value"))
    if own and own[0][:7] == own[1][:7]:
        return own[0][:7]
    pub = date_bounds(published)
    return pub[0][:7] if pub else None


def month_range(first: str, last: str) -> list[str]:
    """Every YYYY-MM from first to last inclusive (a chart's axis has no holes)."""
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


# ---------------------------------------------------------------- entities

def entity_key(ref: dict) -> str | None:
    """An entity's identity in the counts: its id, else TYPE:name (group speakers have no id)."""
    if ref.get("entity_id"):
        return ref["entity_id"]
    name = ref.get("canonical") or ref.get("text")
    return f"{ref.get('type') or 'GROUP'}:{name}" if name else None


def pick_label(names: Counter) -> str:
    """The name given most often; ties go to the alphabetically first."""
    return min(names, key=lambda n: (-names[n], n)) if names else ""


@dataclass
class Entities:
    """Labels, types and (for speakers) affiliations seen per entity key."""

    names: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    types: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    affiliations: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def see(self, key: str, ref: dict) -> None:
        self.names[key][ref.get("canonical") or ref.get("text") or key] += 1
        self.types[key][ref.get("type") or "GROUP"] += 1

    def describe(self, key: str) -> dict:
        out = {"key": key, "name": pick_label(self.names[key]), "type": pick_label(self.types[key])}
        if key in self.affiliations:
            out["affiliation"] = pick_label(self.affiliations[key]) or None
        return out


# ---------------------------------------------------------------- counting a run

@dataclass
class RunCounts:
    """Everything the summaries need, filled one claim at a time (memory grows with entities, not claims)."""

    statuses: Counter = field(default_factory=Counter)
    claims: int = 0
    quote_types: Counter = field(default_factory=Counter)
    senses: Counter = field(default_factory=Counter)
    speakers: Counter = field(default_factory=Counter)
    about: Counter = field(default_factory=Counter)
    pairs: Counter = field(default_factory=Counter)
    months: Counter = field(default_factory=Counter)
    about_months: Counter = field(default_factory=Counter)  # (entity key, month) -> claims
    entities: Entities = field(default_factory=Entities)

    def add_article(self, article: dict) -> None:
        self.statuses[article.get("status") or UNKNOWN] += 1

    def add_claim(self, claim: dict, published: str | None) -> None:
        self.claims += 1
        self.quote_types[claim.get("quote_type") or UNKNOWN] += 1
        self.senses[(claim.get("cue") or {}).get("sense") or UNKNOWN] += 1
        month = claim_month(claim, published)
        self.months[month or UNKNOWN] += 1
        sp = claim.get("speaker") or {}
        skey = entity_key(sp)
        if skey:
            self.speakers[skey] += 1
            self.entities.see(skey, sp)
            aff = sp.get("affiliation") or {}
            if aff.get("canonical") or aff.get("text"):
                self.entities.affiliations[skey][aff.get("canonical") or aff.get("text")] += 1
        keys = set()
        for ref in claim.get("about") or []:
            key = entity_key(ref)
            if key:
                keys.add(key)
                self.entities.see(key, ref)
        for key in keys:
            self.about[key] += 1
            if month:
                self.about_months[key, month] += 1
            if skey and key != skey:
                self.pairs[skey, key] += 1

    def ranked(self, counts: Counter, top: int) -> list:
        """The ``top`` keys by count, then label, then key."""
        def label(k):
            return tuple(pick_label(self.entities.names[x]) for x in (k if isinstance(k, tuple) else (k,)))
        return sorted(counts, key=lambda k: (-counts[k], label(k), k))[:top]

    def summary(self, top: int = 10) -> dict:
        """Plain data (what ``arclaims stats --json`` prints)."""
        months = sorted(m for m in self.months if m != UNKNOWN)
        per_month = [{"month": m, "claims": self.months[m]} for m in months]
        if self.months[UNKNOWN]:
            per_month.append({"month": None, "claims": self.months[UNKNOWN]})
        return {
            "articles": {"total": sum(self.statuses.values()), "by_status": dict(sorted(self.statuses.items()))},
            "claims": {"total": self.claims, "by_quote_type": by_count(self.quote_types),
                       "by_cue_sense": by_count(self.senses)},
            "top_speakers": [{**self.entities.describe(k), "claims": self.speakers[k]} for k in self.ranked(self.speakers, top)],
            "top_about": [{**self.entities.describe(k), "claims": self.about[k]} for k in self.ranked(self.about, top)],
            "top_pairs": [{"speaker": self.entities.describe(s), "about": self.entities.describe(a), "claims": self.pairs[s, a]}
                          for s, a in self.ranked(self.pairs, top)],
            "claims_per_month": per_month,
        }

    def months_of(self, keys: list[str]) -> tuple[list[str], dict[str, dict[str, int]]]:
        """(every month from the first to the last that these entities have, claims per entity and month)."""
        seen = sorted({m for (k, m) in self.about_months if k in keys})
        axis = month_range(seen[0], seen[-1]) if seen else []
        return axis, {k: {m: self.about_months.get((k, m), 0) for m in axis} for k in keys}


def by_count(counts: Counter) -> dict[str, int]:
    """A Counter as a dict, most frequent first, ties alphabetical."""
    return {k: counts[k] for k in sorted(counts, key=lambda k: (-counts[k], k))}


def count_run(articles: Iterable[dict], claims: Iterable[dict]) -> RunCounts:
    """Counts of a run; ``claims`` is streamed, ``articles`` is read once for statuses and dates."""
    counts = RunCounts()
    published: dict[str, str | None] = {}
    for a in articles:
        counts.add_article(a)
        published[a["article_id"]] = a.get("published")
    for c in claims:
        counts.add_claim(c, published.get(c["article_id"]))
    return counts
