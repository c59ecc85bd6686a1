"""``--ner ensemble``: the builtin model voting with every other backend that is installed.

Definition. The members are ``builtin`` plus ``camel`` and ``stanza`` when their data is
installed (a member that is not installed is left out, not an error; the builtin model must
be there). Each member proposes token spans with a type; a proposal gets one vote from every
member that proposed exactly the same span and type. A proposal is kept when its votes reach
a majority of the members, ``ceil(n / 2)``: with two members that is the union, with three
any two agree. Kept spans that overlap are resolved greedily: more votes first, then the
builtin model's own spans, then the longer span. A kept span's confidence is the highest
confidence among its voters times ``votes / n``, so ``ner.min_confidence`` can ask for
agreement (e.g. 0.6 with three members keeps only spans that at least two proposed).
"""
from __future__ import annotations

import math
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..stages.segment import Token

Span = tuple[int, int, str, float]


class EnsembleNer:
    name = "ensemble"

    def __init__(self, members: dict[str, object], min_votes: int | None = None):
        self.members = members
        self.min_votes = min_votes or math.ceil(len(members) / 2)

    def predict(self, tokens: Sequence[Token] | Sequence[str]) -> list[Span]:
        return next(self.pipe([tokens]))

    def pipe(self, token_lists: Iterable[Sequence[Token] | Sequence[str]], batch_size: int = 64) -> Iterator[list[Span]]:
        lists = list(token_lists)
        outputs = {name: list(model.pipe(lists, batch_size=batch_size)) for name, model in self.members.items()}
        for i in range(len(lists)):
            yield vote({name: out[i] for name, out in outputs.items()}, self.min_votes)


def vote(proposals: dict[str, list[Span]], min_votes: int) -> list[Span]:
    """Spans proposed by at least ``min_votes`` members, overlaps resolved (see module doc)."""
    n = len(proposals)
    votes: dict[tuple[int, int, str], list[tuple[str, float]]] = {}
    for name, spans in proposals.items():
        for s, e, label, conf in spans:
            voters = votes.setdefault((s, e, label), [])
            if name not in (v for v, _ in voters):
                voters.append((name, conf))
    ranked = sorted(votes.items(), key=lambda kv: (-len(kv[1]), not any(v == "builtin" for v, _ in kv[1]),
                                                   -(kv[0][1] - kv[0][0]), kv[0]))
    kept: list[Span] = []
    for (s, e, label), voters in ranked:
        if len(voters) < min_votes or any(s < ke and ks < e for ks, ke, _, _ in kept):
            continue
        kept.append((s, e, label, max(c for _, c in voters) * len(voters) / n))
    return sorted(kept)


def load_ensemble(model: Path | str | None = None) -> EnsembleNer:
    """builtin (from ``model`` or models/ner-ar) plus the installed camel and stanza backends."""
    from ..errors import UsageError
    from ..stages.ner import load_builtin
    from .camel_ner import load_camel
    from .stanza_ner import load_stanza
    from .status import builtin_status, camel_ner_status, stanza_status

    status = builtin_status(model)
    if not status.ok:
        raise UsageError(status.error())
    members: dict[str, object] = {"builtin": load_builtin(model)}
    if camel_ner_status().ok:
        members["camel"] = load_camel()
    if stanza_status().ok:
        members["stanza"] = load_stanza()
    return EnsembleNer(members)
