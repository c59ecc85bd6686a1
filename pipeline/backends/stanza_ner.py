"""``--ner stanza``: Stanza's Arabic pipeline ``tokenize,mwt,ner`` (AQMAR types LOC/ORG/PER/MISC).

Stanza tokenises by itself, so it reads the text rebuilt from our tokens with their original
spacing (``align.surface``), and its entities' character spans are mapped back onto the
tokens they overlap; a leading proclitic is left out (B- moves to the stem), as in the
builtin model. Stanza NER tags surface tokens, so والصين comes back whole and becomes the
token span of الصين. stanza and torch are imported only when the backend is loaded.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..stages.segment import Token
from . import align
from .status import STANZA_INSTALL, STANZA_PROCESSORS, stanza_status

CONFIDENCE = 0.8  # Stanza's NER gives no per-entity score


class StanzaNer:
    """Pipeline NER backend over a ``stanza.Pipeline('ar', processors='tokenize,mwt,ner')``."""

    name = "stanza"

    def __init__(self, nlp, confidence: float = CONFIDENCE):
        self.nlp = nlp
        self.confidence = confidence

    def predict(self, tokens: Sequence[Token] | Sequence[str]) -> list[tuple[int, int, str, float]]:
        return next(self.pipe([tokens]))

    def pipe(self, token_lists: Iterable[Sequence[Token] | Sequence[str]], batch_size: int = 64) -> Iterator[list]:
        batch: list = []
        for tokens in token_lists:
            batch.append(tokens)
            if len(batch) >= batch_size:
                yield from self._run(batch)
                batch = []
        if batch:
            yield from self._run(batch)

    def _run(self, batch: list) -> Iterator[list]:
        surfaces = [align.surface(tokens) for tokens in batch]
        todo = [i for i, (text, _) in enumerate(surfaces) if text.strip()]
        docs = dict(zip(todo, self.nlp.bulk_process([surfaces[i][0] for i in todo]))) if todo else {}
        for i, tokens in enumerate(batch):
            doc = docs.get(i)
            ents = [(e.start_char, e.end_char, e.type) for e in doc.ents] if doc is not None else []
            yield align.char_spans_to_tokens(ents, surfaces[i][1], tokens, self.confidence)


def load_stanza(resources: Path | str | None = None) -> StanzaNer:
    """Stanza's Arabic models from ``resources`` (a stanza resources folder), by default
    ``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``; never downloads."""
    from ..errors import UsageError

    status = stanza_status(resources)
    if not status.ok:
        raise UsageError(status.error())
    try:
        return _load(str(Path(status.detail).parent))
    except (OSError, ValueError, KeyError) as e:  # a model listed in resources.json but not there
        msg = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise UsageError(f"stanza Arabic NER could not load ({msg}): run `{STANZA_INSTALL}` (needs internet)") from None


@lru_cache(maxsize=2)
def _load(root: str) -> StanzaNer:
    import stanza

    nlp = stanza.Pipeline("ar", dir=root, processors=",".join(STANZA_PROCESSORS), download_method=None,
                          use_gpu=False, logging_level="WARN")
    return StanzaNer(nlp)
