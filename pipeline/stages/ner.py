"""Statistical Arabic NER trained by the project (``arclaims train-ner``), shipped in ``models/ner-ar``.

The model is a spaCy pipeline (Arabic language class, hashed word and affix features, floret
vectors trained on the ANT news corpus, transition-based NER). It reads the pipeline's own
clitic-aware tokens (``Token.norm``), so training, evaluation and the pipeline see the same
tokens: a CoNLL word is segmented the same way and its proclitics are tagged ``O``.

spaCy imports thinc, whose compat module imports torch when it is installed (camel-tools pulls
it in); that costs seconds and is of no use here, so it is hidden while spaCy loads.
"""
from __future__ import annotations

import contextlib
import json
import sys
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

import regex

from ..doc import Document, Mention
from .normalize import normalize
from ..paths import lexicon_path, models_dir
from .segment import Token, Vocabulary, tokenize

ARABIC_LETTER = regex.compile(r"[\p{Arabic}&&\p{L}]", regex.V1)

MODEL_NAME = "ner-ar"
# Corpus type names -> the model's labels. ANERcorp says PERS, AQMAR PER/MIS, the pipeline PERSON.
LABEL_MAP = {"PER": "PERS", "PERS": "PERS", "PERSON": "PERS", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "MIS": "MISC", "MISC": "MISC"}
# The model's labels -> the pipeline's mention types; MISC has no pipeline type and is dropped.
MENTION_TYPES = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC"}
PUBLIC_LABELS = {"PERS": "PERSON", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC"}

Span = tuple[int, int, str, float]  # first token, end token (exclusive), label, confidence


@contextlib.contextmanager
def _torch_hidden():
    """Make ``import torch`` fail inside the block unless torch is already loaded."""
    if "torch" in sys.modules:
        yield
        return
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]


def import_spacy():
    """spaCy, without torch, with the project's registered functions."""
    with _torch_hidden():
        import spacy
        from spacy.lang.ar import Arabic  # noqa: F401  (registers the language class)
    _register(spacy)
    return spacy


def _register(spacy) -> None:
    if "arclaims.affixes.v1" in spacy.registry.callbacks:
        return

    @spacy.registry.callbacks("arclaims.affixes.v1")
    def affixes(prefix_len: int = 2, suffix_len: int = 3):
        """Longer PREFIX than spaCy's one letter: ال, and a proclitic-like letter + ال, tell a
        common noun from a name better than the first letter alone."""
        from spacy.attrs import PREFIX, SUFFIX

        def set_getters(nlp):
            nlp.vocab.lex_attr_getters[PREFIX] = lambda s: s[:prefix_len]
            nlp.vocab.lex_attr_getters[SUFFIX] = lambda s: s[-suffix_len:]
            return nlp

        return set_getters


@lru_cache(maxsize=1)
def default_vocabulary() -> Vocabulary:
    """The segmenter's word counts (the same the pipeline segments with)."""
    return Vocabulary.load(lexicon_path("word_counts.tsv.gz"))


_SEGMENTS: dict[int, dict[str, tuple[tuple[str, bool], ...]]] = {}


def _segment_word(word: str, vocab: Vocabulary) -> tuple[tuple[str, bool], ...]:
    """(token text, is proclitic) pieces of one word; cached per vocabulary (corpora repeat words)."""
    cache = _SEGMENTS.setdefault(id(vocab), {})
    pieces = cache.get(word)
    if pieces is None:
        pieces = cache[word] = tuple((t.norm, t.clitic) for t in tokenize(normalize(word), vocab))
    return pieces


def segment_words(words: list[str], vocab: Vocabulary | None = None) -> tuple[list[str], list[int], list[bool]]:
    """Pipeline tokens for pre-split words (CoNLL): token texts, the word each came from, clitic flags.

    Each word is segmented on its own, as the pipeline would segment it in running text. A word
    that yields no token (only marks) keeps its raw form, so every word has at least one token.
    """
    vocab = vocab or default_vocabulary()
    texts: list[str] = []
    word_of: list[int] = []
    clitic: list[bool] = []
    for i, word in enumerate(words):
        pieces = _segment_word(word, vocab) or ((word, False),)
        for text, is_clitic in pieces:
            texts.append(text)
            word_of.append(i)
            clitic.append(is_clitic)
    return texts, word_of, clitic


def word_tags_to_token_tags(tags: list[str], word_of: list[int], clitic: list[bool]) -> list[str]:
    """Move word labels to tokens: the stem gets the word's tag and any further piece of the
    word (a glued bracket or dot) continues it. Proclitics of a word that starts an entity get
    ``O`` (B- moves to the stem); inside an entity (والتجارة in an ORG) they continue it."""
    out = []
    seen: set[int] = set()
    for w, is_clitic in zip(word_of, clitic):
        tag = tags[w]
        if is_clitic and w not in seen and not tag.startswith("I-"):
            out.append("O")
            continue
        if w in seen and tag != "O":
            tag = "I-" + tag[2:]
        seen.add(w)
        out.append(tag)
    return out


def token_spans_to_word_tags(n_words: int, spans: Iterable[tuple[int, int, str]], word_of: list[int]) -> list[str]:
    """Word-level BIO tags from token spans: a word belongs to an entity when any of its
    tokens does (so a predicted entity that starts on a stem covers the whole word)."""
    word_spans = [(word_of[s], word_of[e - 1] + 1, label) for s, e, label in spans]
    return spans_to_tags(n_words, word_spans)


class NerModel:
    """The trained spaCy NER, over pipeline tokens."""

    def __init__(self, nlp, confidence: dict[str, float] | None = None):
        self.nlp = nlp
        self.confidence = confidence or {}

    @classmethod
    def load(cls, path: Path | str | None = None) -> "NerModel":
        """Load from ``path`` (default ``models/ner-ar``); cached per path, so load once is free."""
        return _load(str(Path(path) if path else models_dir() / MODEL_NAME))

    def _doc(self, tokens: list[Token] | list[str]):
        from spacy.tokens import Doc

        if tokens and isinstance(tokens[0], str):
            return Doc(self.nlp.vocab, words=list(tokens))
        return Doc(self.nlp.vocab, words=[t.norm for t in tokens], spaces=[t.space_after for t in tokens])

    def _spans(self, doc) -> list[Span]:
        return [
            (e.start, e.end, PUBLIC_LABELS.get(e.label_, e.label_), self.confidence.get(e.label_, 0.8))
            for e in doc.ents
        ]

    def predict(self, tokens: list[Token] | list[str]) -> list[Span]:
        """Entity spans over ``tokens`` (pipeline tokens, or their normalised texts)."""
        if not tokens:
            return []
        return self._spans(self.nlp(self._doc(tokens)))

    def pipe(self, token_lists: Iterable[list[Token] | list[str]], batch_size: int = 64) -> Iterator[list[Span]]:
        docs = (self._doc(tokens) for tokens in token_lists)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield self._spans(doc)


@lru_cache(maxsize=4)
def _load(path: str) -> NerModel:
    p = Path(path)
    if not (p / "config.cfg").exists():
        raise FileNotFoundError(f"no NER model at {p} (train one with `arclaims train-ner`)")
    spacy = import_spacy()
    nlp = spacy.load(p)
    meta = json.loads((p / "meta.json").read_text(encoding="utf-8"))
    return NerModel(nlp, confidence=meta.get("arclaims", {}).get("confidence"))


def load_builtin(path: Path | str | None = None) -> NerModel:
    return NerModel.load(path)


# Other backends (CAMeLBERT, Stanza) plug in here: name -> loader returning an object with
# ``pipe(token_lists)`` yielding ``(start, end, label, confidence)`` token spans.
NER_BACKENDS: dict[str, Callable[..., NerModel]] = {"builtin": load_builtin}


def doc_tokens(doc: Document) -> list[Token]:
    """The pipeline tokens the model reads (segmented here if the ``segment`` component did not run)."""
    return doc.tokens or tokenize(normalize(doc.text), default_vocabulary())


def spans_to_mentions(doc: Document, tokens: list[Token], spans: Iterable[Span]) -> list[Mention]:
    """Model spans over ``tokens`` as mentions of ``doc`` (MISC dropped), offsets into ``doc.text``."""
    out = []
    for s, e, label, conf in spans:
        kind = MENTION_TYPES.get(LABEL_MAP.get(label, label)) if label != "PERSON" else "PERSON"
        if kind is None:
            continue
        start, end = tokens[s].start, tokens[e - 1].end
        text = doc.text[start:end]
        if not ARABIC_LETTER.search(text):
            continue  # the corpora are Arabic script: on Latin words the model only guesses
        out.append(Mention(start, end, text, kind, "ner", conf))
    return out


def ner_mentions(doc: Document, model: NerModel) -> list[Mention]:
    """Model mentions of ``doc`` (PERSON, ORG, LOC; MISC dropped), offsets into ``doc.text``."""
    tokens = doc_tokens(doc)
    return spans_to_mentions(doc, tokens, model.predict(tokens))


def merge_mentions(existing: list[Mention], model_mentions: list[Mention]) -> list[Mention]:
    """KB and rule mentions win: a model mention that overlaps one of them is dropped."""
    taken = sorted((m.start, m.end) for m in existing)
    merged = list(existing)
    for m in model_mentions:
        if any(s < m.end and m.start < e for s, e in taken):
            continue
        merged.append(m)
    return sorted(merged, key=lambda m: (m.start, m.end))


def make_ner_component(res, cfg):
    """Pipeline component: append model mentions; the ``merge`` component later lets KB and
    rule mentions win on overlaps. Config: ``backend`` (default builtin), ``model`` (a
    directory), ``min_confidence``."""
    backend = cfg.get("backend", "builtin")
    if backend not in NER_BACKENDS:
        raise KeyError(f"unknown NER backend {backend!r}; known: {', '.join(sorted(NER_BACKENDS))}")
    model = res.get(f"ner:{backend}:{cfg.get('model')}", lambda: NER_BACKENDS[backend](cfg.get("model")))
    return NerComponent(model, float(cfg.get("min_confidence", 0.0)))


class NerComponent:
    """Appends model mentions to each document. ``pipe`` runs a batch of documents through the
    model at once, which is what makes the statistical model cheap per article."""

    def __init__(self, model, min_confidence: float = 0.0):
        self.model, self.min_confidence = model, min_confidence

    def _add(self, doc: Document, tokens: list[Token], spans: Iterable[Span]) -> Document:
        doc.mentions.extend(m for m in spans_to_mentions(doc, tokens, spans) if m.confidence >= self.min_confidence)
        return doc

    def __call__(self, doc: Document) -> Document:
        tokens = doc_tokens(doc)
        return self._add(doc, tokens, self.model.predict(tokens) if tokens else [])

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        docs = list(docs)
        token_lists = [doc_tokens(doc) for doc in docs]
        for doc, tokens, spans in zip(docs, token_lists, self.model.pipe(token_lists), strict=True):
            yield self._add(doc, tokens, spans)


def spans_to_tags(n: int, spans: Iterable[tuple[int, int, str]]) -> list[str]:
    """BIO tags for ``n`` positions; overlapping spans keep the first one written."""
    tags = ["O"] * n
    for start, end, kind in spans:
        if any(t != "O" for t in tags[start:end]):
            continue
        tags[start] = f"B-{kind}"
        for i in range(start + 1, end):
            tags[i] = f"I-{kind}"
    return tags
