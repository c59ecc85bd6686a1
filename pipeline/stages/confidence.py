"""A claim's confidence: how often claims found the same way were right on annotated news.

``Claim.evidence`` says how a claim was found (``how`` the speaker was found, the content's
``intro``, the ``speaker_type``, the ``cue_kind``, whether the speaker is in the KB, the
sentence ``distance`` to the speaker). The table ``models/lexicons/claim_confidence.json``
names a few of these keys, coarsest first, and holds the smoothed precision of the claims in
each bucket they make (``speaker_type=PERSON``, ``speaker_type=PERSON|kb=yes`` …). Smoothing is
Laplace's rule carried down the buckets: all claims get (right + 1) / (claims + 2), and each
finer bucket (right + w·p) / (claims + w), p its coarser bucket's precision and w the prior
weight, so a bucket with few claims stays near its parent. A claim takes the precision of the
finest bucket it falls in that held at least ``min_claims`` claims, else a coarser one, else
the overall precision. ``benchmarks/calibrate.py`` fits the table and picks the keys and w by
leave-one-article-out log loss (it is data: regenerate it, never edit it).
"""
from __future__ import annotations

import itertools
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from ..paths import lexicon_path

TABLE_FILE = "claim_confidence.json"
DEFAULT_FEATURES = ("how", "intro", "speaker_type")
CANDIDATE_FEATURES = ("how", "intro", "speaker_type", "cue_kind", "kb", "distance")  # Claim.evidence keys
DEFAULT_MIN_CLAIMS = 5
PRIOR_WEIGHT = 2.0  # pseudo-claims a bucket draws from its coarser one (Laplace's rule: 2)
PRIOR_WEIGHTS = (2.0, 5.0, 10.0, 20.0)  # tried by select_features
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
              min_claims: int = DEFAULT_MIN_CLAIMS, prior_weight: float = PRIOR_WEIGHT) -> dict[str, Any]:
    """The confidence table of claims judged against gold: (evidence, right) pairs.

    Buckets are the prefixes of ``features`` (finest first at lookup); a bucket is kept when it
    holds at least ``min_claims`` claims, its precision drawn towards its parent's with
    ``prior_weight`` pseudo-claims (all claims together: Laplace's rule). Keys are sorted so
    the same claims give the same file."""
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
        precision[key] = smoothed_precision(*counts[key], precision[parent] if parent else overall, prior_weight)
    buckets = {key: {"claims": n, "right": k, "precision": precision[key]}
               for key, (n, k) in sorted(counts.items()) if n >= min_claims}
    return {
        "features": list(features),
        "min_claims": min_claims,
        "prior_weight": prior_weight,
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


def held_out_log_loss(groups: list[list[tuple[dict[str, Any], bool]]], features: tuple[str, ...],
                      min_claims: int = DEFAULT_MIN_CLAIMS, prior_weight: float = PRIOR_WEIGHT) -> float:
    """Mean log loss of each group's claims under a table fitted on the other groups (groups are
    articles): how well a bucket hierarchy predicts claims of articles it was not fitted on."""
    total, n = 0.0, 0
    for i, held in enumerate(groups):
        table = fit_table((c for j, g in enumerate(groups) if j != i for c in g), features, min_claims, prior_weight)
        total += log_loss(held, table) * len(held)
        n += len(held)
    return total / n if n else 0.0


def log_loss(judged: list[tuple[dict[str, Any], bool]], table: dict[str, Any]) -> float:
    """Mean negative log likelihood of the claims' rightness under the table."""
    loss = 0.0
    for evidence, right in judged:
        p = min(1 - 1e-6, max(1e-6, lookup(table, evidence)))
        loss -= math.log(p if right else 1 - p)
    return loss / len(judged) if judged else 0.0


def select_features(groups: list[list[tuple[dict[str, Any], bool]]], candidates: Iterable[str], depth: int = 3,
                    min_claims: int = DEFAULT_MIN_CLAIMS, weights: Iterable[float] = PRIOR_WEIGHTS,
                    ) -> list[tuple[float, tuple[str, ...], float]]:
    """(held-out log loss, features, prior weight) of every ordering of up to ``depth`` candidate
    features and every weight, best first (ties: fewer features, heavier smoothing, name order)."""
    names = sorted(set(candidates))
    scored = [(round(held_out_log_loss(groups, feats, min_claims, w), 6), feats, w)
              for k in range(depth + 1) for feats in itertools.permutations(names, k) for w in weights]
    return sorted(scored, key=lambda x: (x[0], len(x[1]), -x[2], x[1]))


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
