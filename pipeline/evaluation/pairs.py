"""Merge precision/recall of the name matcher on labelled variant pairs, and threshold tuning.

The pairs (``tests/data/entity_pairs.jsonl``: ``{"a", "b", "type", "same"}``) are split by
line number: even lines tune the threshold, odd lines are held out. Run::

    python -m pipeline.evaluation.pairs [tests/data/entity_pairs.jsonl] [--threshold T] [--resolver]

to print the tuned threshold and the figures on the tuning half, the held-out half and all.
``--resolver`` also scores the whole resolver: each name resolved on its own, as if in a
different article, and a pair is merged when both get the same entity id; once with the
built-in knowledge base, once with none (the ids of new entities alone).
"""
from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from ..stages.name_match import DEFAULT_THRESHOLD, Phonetics, default_phonetics, name_similarity
from ..paths import REPO_DIR

DEFAULT_PAIRS = REPO_DIR / "tests" / "data" / "entity_pairs.jsonl"


@dataclass(frozen=True)
class Scored:
    a: str
    b: str
    etype: str
    same: bool
    score: float


@dataclass(frozen=True)
class MergeMetrics:
    threshold: float
    pairs: int
    positives: int
    negatives: int
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def line(self, name: str) -> str:
        return (f"{name:9s} pairs={self.pairs} (+{self.positives}/-{self.negatives}) "
                f"precision={self.precision:.4f} recall={self.recall:.4f} fp={self.fp} fn={self.fn}")


def load_pairs(path: Path | str = DEFAULT_PAIRS) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def split_pairs(rows: list[dict]) -> tuple[list[dict], list[dict]]:
    """(tuning half: even line numbers counted from 0, held-out half: odd ones)."""
    return rows[0::2], rows[1::2]


def score_pairs(rows: list[dict], ph: Phonetics | None = None) -> list[Scored]:
    ph = ph or default_phonetics()
    return [Scored(r["a"], r["b"], r["type"], bool(r["same"]), name_similarity(r["a"], r["b"], r["type"], ph)) for r in rows]


def merge_metrics(scored: list[Scored], threshold: float) -> MergeMetrics:
    tp = sum(1 for s in scored if s.same and s.score >= threshold)
    fp = sum(1 for s in scored if not s.same and s.score >= threshold)
    fn = sum(1 for s in scored if s.same and s.score < threshold)
    pos = sum(1 for s in scored if s.same)
    return MergeMetrics(threshold, len(scored), pos, len(scored) - pos, tp, fp, fn)


def tune_threshold(scored: list[Scored], min_precision: float = 1.0) -> float:
    """The threshold with the best recall at ``min_precision``, placed midway between the two
    scores it separates (the widest margin on both sides)."""
    values = sorted({round(s.score, 6) for s in scored} | {0.0, 1.0})
    cuts = [(lo + hi) / 2 for lo, hi in zip(values, values[1:])]
    best_t, best_key = 1.0, (-1.0, 0.0)
    for t in cuts:
        m = merge_metrics(scored, t)
        if m.precision < min_precision:
            continue
        key = (m.recall, m.precision)
        if key > best_key:
            best_t, best_key = t, key
    return round(best_t, 4)


def resolver_pairs(rows: list[dict], index, threshold: float = DEFAULT_THRESHOLD) -> list[Scored]:
    """Each name resolved on its own (as in separate articles); score 1 when the ids agree."""
    from ..stages.resolve import resolve_name

    def eid(text: str, etype: str) -> str:
        return resolve_name(text, etype, index, threshold=threshold)

    return [Scored(r["a"], r["b"], r["type"], bool(r["same"]), float(eid(r["a"], r["type"]) == eid(r["b"], r["type"])))
            for r in rows]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("pairs", nargs="?", default=str(DEFAULT_PAIRS))
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD, help="threshold to report (default: shipped)")
    ap.add_argument("--errors", action="store_true", help="list the pairs decided wrongly")
    ap.add_argument("--resolver", action="store_true", help="also score the resolver with the built-in KB")
    args = ap.parse_args(argv)
    rows = load_pairs(args.pairs)
    tune, held = split_pairs(rows)
    s_tune, s_held = score_pairs(tune), score_pairs(held)
    tuned = tune_threshold(s_tune)
    print(f"tuned threshold on the tuning half: {tuned}; reported threshold: {args.threshold}")
    for name, sc in (("tuning", s_tune), ("held-out", s_held), ("all", s_tune + s_held)):
        print(merge_metrics(sc, args.threshold).line(name))
    if args.resolver:
        from ..stages.kb import KnowledgeBase
        from ..stages.resolve import AliasIndex

        for name, kb in (("resolver", KnowledgeBase.load()), ("no-KB ids", KnowledgeBase())):
            print(merge_metrics(resolver_pairs(rows, AliasIndex.build(kb), args.threshold), 0.5).line(name))
    if args.errors:
        for s in sorted(s_tune + s_held, key=lambda s: s.score):
            if (s.score >= args.threshold) != s.same:
                print(f"  {'FP' if not s.same else 'FN'} {s.score:.3f} {s.etype} {s.a} | {s.b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
