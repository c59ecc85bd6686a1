"""A claim's confidence: how often claims found the same way were right on annotated news.

The table ``models/lexicons/claim_confidence.json`` holds, per evidence bucket (how the
speaker was found, then × how the content was introduced, then × the speaker's type), the
smoothed precision of the claims in it. Smoothing is Laplace's rule carried down the buckets:
all claims get (right + 1) / (claims + 2), and each finer bucket (right + w·p) / (claims + w)
where p is its coarser bucket's precision and w the prior weight (2, as in Laplace's rule), so a
bucket with few claims stays near its parent. A claim takes the precision of the finest bucket
it falls in that held at least ``min_claims`` claims when the table was fitted, else a coarser
one, else the overall precision. ``benchmarks/calibrate.py`` fits the table (it is data: regenerate it, never edit it).
"""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from .paths import lexicon_path

TABLE_FILE = "claim_confidence.json"
DEFAULT_FEATURES = ("how", "intro", "speaker_type")
DEFAULT_MIN_CLAIMS = 5
PRIOR_WEIGHT = 2.0  # pseudo-claims drawn from the coarser bucket (Laplace: 2 at precision 0.5)
MAX_DISTANCE = 2  # sentences between cue and speaker: 0, 1, 2 or more


def feature_value(name: str, evidence: dict[str, Any]) -> str:
    """The bucket label of one piece of evidence (absent: "none"); distances are capped."""
    value = evidence.get(name)
    if value is None:
        return "none"
    if name == "distance":
        return f"{MAX_DISTANCE}+" if int(value) >= MAX_DISTANCE else str(int(value))
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def bucket_key(features: Iterable[str], evidence: dict[str, Any]) -> str:
    """``how=after|intro=colon``: the bucket of a claim on the given features, in their order."""
    return "|".join(f"{name}={feature_value(name, evidence)}" for name in features)


def smoothed_precision(claims: int, right: int, prior: float = 0.5, weight: float = PRIOR_WEIGHT) -> float:
    """(right + weight·prior) / (claims + weight): Laplace's rule when prior is 0.5 and weight 2."""
    return round((right + weight * prior) / (claims + weight), 4)


def fit_table(judged: Iterable[tuple[dict[str, Any], bool]], features: tuple[str, ...] = DEFAULT_FEATURES,
              min_claims: int = DEFAULT_MIN_CLAIMS) -> dict[str, Any]:
    """The confidence table of claims judged against gold: (evidence, right) pairs.

    Buckets are the prefixes of ``features`` (finest first at lookup); a bucket is kept when it
    holds at least ``min_claims`` claims, its precision smoothed towards its parent's. Keys are
    sorted so the same claims give the same file."""
    counts: dict[str, list[int]] = {}
    total = [0, 0]
    for evidence, right in judged:
        total[0] += 1
        total[1] += bool(right)
        for depth in range(1, len(features) + 1):
            row = counts.setdefault(bucket_key(features[:depth], evidence), [0, 0])
            row[0] += 1
            row[1] += bool(right)
    overall = smoothed_precision(*total)
    precision: dict[str, float] = {}
    for key in sorted(counts, key=lambda k: (k.count("|"), k)):  # parents before their children
        parent = key.rsplit("|", 1)[0] if "|" in key else None
        precision[key] = smoothed_precision(*counts[key], precision[parent] if parent else overall)
    buckets = {key: {"claims": n, "right": k, "precision": precision[key]}
               for key, (n, k) in sorted(counts.items()) if n >= min_claims}
    return {
        "features": list(features),
        "min_claims": min_claims,
        "prior_weight": PRIOR_WEIGHT,
        "overall": {"claims": total[0], "right": total[1], "precision": overall},
        "buckets": buckets,
    }


def lookup(table: dict[str, Any], evidence: dict[str, Any]) -> float:
    """The precision of the finest bucket of ``table`` the evidence falls in."""
    features = tuple(table["features"])
    for depth in range(len(features), 0, -1):
        row = table["buckets"].get(bucket_key(features[:depth], evidence))
        if row is not None:
            return float(row["precision"])
    return float(table["overall"]["precision"])


def load_table(path: Path | None = None) -> dict[str, Any]:
    return json.loads((path or lexicon_path(TABLE_FILE)).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def default_table() -> dict[str, Any]:
    """The shipped table, read once per process."""
    return load_table()


def claim_confidence(evidence: dict[str, Any], table: dict[str, Any] | None = None) -> float:
    """The probability, estimated on annotated news, that a claim found this way is right
    (matches a gold claim: same speaker, overlapping content). Always within 0..1."""
    return min(1.0, max(0.0, lookup(table if table is not None else default_table(), evidence)))
