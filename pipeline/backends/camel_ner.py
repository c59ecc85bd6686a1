"""``--ner camel``: CAMeL Tools' CAMeLBERT/AraBERT NER (``camel_data -i ner-arabert``).

``camel_tools.ner.NERecognizer`` tags whole words (ANERcorp style), so the adapter glues our
proclitic tokens back onto their words, tags sentence by sentence, and maps the word BIO tags
onto token spans (see ``align``). The recogniser drops a word its tokenizer turns into no
word piece (a lone control character), which would shift every later tag, so such words
are never sent and stay ``O``. camel_tools, torch and transformers are imported only here,
when the backend is loaded.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from ..stages.segment import Token
from . import align
from .status import camel_ner_status

CONFIDENCE = 0.8  # the recogniser gives labels, not scores


class CamelNer:
    """Pipeline NER backend over a ``camel_tools.ner.NERecognizer``."""

    name = "camel"

    def __init__(self, recognizer, confidence: float = CONFIDENCE):
        self.recognizer = recognizer
        self.confidence = confidence

    def _text(self, word: align.Word) -> str:
        from camel_tools.utils.dediac import dediac_ar

        return dediac_ar(word.text).replace("\u0640", "")

    def _taggable(self, text: str) -> bool:
        return bool(text) and bool(self.recognizer.tokenizer.tokenize(text))

    def _tag(self, sentences: list[list[align.Word]], batch_size: int) -> list[list[str]]:
        """Word tags per sentence; words without word pieces are skipped and tagged O."""
        texts = [[self._text(w) for w in s] for s in sentences]
        keep = [[i for i, t in enumerate(ts) if self._taggable(t)] for ts in texts]
        sent_in = [[ts[i] for i in k] for ts, k in zip(texts, keep)]
        nonempty = [j for j, s in enumerate(sent_in) if s]
        predicted = self.recognizer.predict([sent_in[j] for j in nonempty], batch_size=batch_size) if nonempty else []
        out = [["O"] * len(s) for s in sentences]
        for j, labels in zip(nonempty, predicted):
            for i, label in zip(keep[j], labels):
                out[j][i] = label
        return out

    def predict(self, tokens: Sequence[Token] | Sequence[str]) -> list[tuple[int, int, str, float]]:
        return next(self.pipe([tokens]))

    def pipe(self, token_lists: Iterable[Sequence[Token] | Sequence[str]], batch_size: int = 32) -> Iterator[list]:
        for tokens in token_lists:
            word_list = align.words(tokens)
            sents = align.sentences(word_list)
            tags = [t for sent_tags in self._tag(sents, batch_size) for t in sent_tags]
            yield align.word_spans_to_tokens(align.bio_word_spans(tags), word_list, self.confidence)


def load_camel(model: Path | str | None = None) -> CamelNer:
    """The installed CAMeL NER model, or the ``NERecognizer`` model folder ``model``."""
    from ..errors import UsageError

    status = camel_ner_status(model)
    if not status.ok:
        raise UsageError(status.error())
    return _load(status.detail)


@lru_cache(maxsize=2)
def _load(path: str) -> CamelNer:
    from camel_tools.ner import NERecognizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()  # no "Loading weights" bar on every run
    return CamelNer(NERecognizer(path, use_gpu=False))
