"""CoNLL-style BIO files and entity-level scoring with conlleval semantics.

Scoring is exact span match: an entity counts as found only when its first word, last word and
type all agree with gold. Chunks follow conlleval (and seqeval's default mode): an ``I-X``
after ``O`` or after another type starts a new chunk, so stray ``I-`` tags in the corpora are
entities, not errors.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

Sentence = list[tuple[str, str]]  # (word, BIO tag)


def read_conll(path: Path | str, column: int = -1) -> Iterator[Sentence]:
    """Sentences of ``WORD<space or tab>TAG`` lines, blank line between sentences.

    ``column`` picks the tag column (Wojood's nested files have several: use 1 for the
    outermost layer). A BOM, CR line ends and bidi marks (WikiFANE) are stripped.
    """
    sent: Sentence = []
    with open(path, encoding="utf-8-sig") as f:
        for line in f:
            line = line.rstrip("\r\n").replace("\u200e", "").replace("\u200f", "")
            parts = line.split()
            if not parts:
                if sent:
                    yield sent
                sent = []
                continue
            if len(parts) == 1:  # a word with no tag, or a tag with no word: keep going
                continue
            sent.append((parts[0], parts[column]))
    if sent:
        yield sent


def write_predictions(path: Path | str, sentences: Iterable[list[tuple[str, str, str]]]) -> None:
    """``token<TAB>gold<TAB>predicted`` lines, a blank line after each sentence."""
    with open(path, "w", encoding="utf-8") as f:
        for sent in sentences:
            for word, gold, pred in sent:
                f.write(f"{word}\t{gold}\t{pred}\n")
            f.write("\n")


def split_tag(tag: str) -> tuple[str, str]:
    """('B'|'I'|'O', type). Anything that is not B-/I-/E-/S- is O."""
    if len(tag) > 2 and tag[1] == "-" and tag[0] in "BIES":
        return tag[0], tag[2:]
    return "O", ""


def chunks(tags: list[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(start, end exclusive, type)`` in a BIO(ES) tag sequence, conlleval-style."""
    spans = []
    start, kind = None, ""
    prev_prefix = "O"
    for i, tag in enumerate(tags + ["O"]):
        prefix, typ = split_tag(tag)
        # End the open chunk when this tag does not continue it.
        if start is not None and not (prefix in "IE" and typ == kind and prev_prefix in "BI"):
            spans.append((start, i, kind))
            start = None
        if prefix in "BS" or (prefix in "IE" and start is None):
            start, kind = i, typ
        if prefix in "ES" and start is not None:
            spans.append((start, i + 1, kind))
            start = None
        prev_prefix = prefix if start is not None else "O"
    return spans


@dataclass
class Scores:
    """Per-type true positives, predicted and gold counts."""

    tp: Counter = field(default_factory=Counter)
    pred: Counter = field(default_factory=Counter)
    gold: Counter = field(default_factory=Counter)

    def add(self, gold_tags: list[str], pred_tags: list[str]) -> None:
        g, p = set(chunks(gold_tags)), set(chunks(pred_tags))
        for s in g:
            self.gold[s[2]] += 1
        for s in p:
            self.pred[s[2]] += 1
        for s in g & p:
            self.tp[s[2]] += 1

    def prf(self, kind: str | None = None, types: Iterable[str] | None = None) -> tuple[float, float, float]:
        """Precision, recall, F1 (percent) for one type, or micro-averaged over ``types`` (default all)."""
        if kind is not None:
            keys = [kind]
        else:
            keys = list(types) if types is not None else self.types()
        tp = sum(self.tp[k] for k in keys)
        pred = sum(self.pred[k] for k in keys)
        gold = sum(self.gold[k] for k in keys)
        p = 100.0 * tp / pred if pred else 0.0
        r = 100.0 * tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def types(self) -> list[str]:
        return sorted(set(self.gold) | set(self.pred))

    def report(self) -> str:
        rows = [f"{'type':<8} {'prec':>6} {'rec':>6} {'F1':>6} {'gold':>6} {'pred':>6} {'tp':>6}"]
        for k in self.types():
            p, r, f = self.prf(k)
            rows.append(f"{k:<8} {p:6.2f} {r:6.2f} {f:6.2f} {self.gold[k]:6d} {self.pred[k]:6d} {self.tp[k]:6d}")
        p, r, f = self.prf()
        g, pr, tp = (sum(c.values()) for c in (self.gold, self.pred, self.tp))
        rows.append(f"{'micro':<8} {p:6.2f} {r:6.2f} {f:6.2f} {g:6d} {pr:6d} {tp:6d}")
        return "\n".join(rows)


def score(sentences: Iterable[tuple[list[str], list[str]]]) -> Scores:
    """Scores over (gold tags, predicted tags) pairs, one pair per sentence."""
    s = Scores()
    for gold, pred in sentences:
        s.add(gold, pred)
    return s


def entity_strings(sentences: Iterable[Sentence]) -> set[str]:
    """The word strings tagged as an entity (any type) somewhere in ``sentences``."""
    out: set[str] = set()
    for sent in sentences:
        words = [w for w, _ in sent]
        out.update(" ".join(words[s:e]) for s, e, _ in chunks([t for _, t in sent]))
    return out


def recall_by_novelty(rows: Iterable[list[tuple[str, str, str]]], known: set[str]) -> dict[str, tuple[int, int]]:
    """(found, gold) for gold entities whose words were an entity in the training data
    ("seen") and for the rest ("unseen"): how far a model generalises beyond memorised names."""
    out = {"seen": [0, 0], "unseen": [0, 0]}
    for sent in rows:
        words = [w for w, _, _ in sent]
        predicted = set(chunks([p for _, _, p in sent]))
        for s, e, kind in chunks([g for _, g, _ in sent]):
            bucket = out["seen" if " ".join(words[s:e]) in known else "unseen"]
            bucket[0] += (s, e, kind) in predicted
            bucket[1] += 1
    return {k: (found, gold) for k, (found, gold) in out.items()}
