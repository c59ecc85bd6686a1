"""Between the pipeline's clitic-split tokens and the words or characters other NER libraries read.

CAMeL Tools and Stanza were trained on whole words (والصين, not و + الصين), so an adapter
rebuilds the words from our tokens, lets the library tag them, then maps its answer back onto
token spans. The token-span convention is the builtin model's (see ``word_tags_to_token_tags``
in ``pipeline.stages.ner``): an entity never starts on a proclitic, so B- on والصين becomes a span
that starts at الصين; inside an entity (والتجارة in an ORG) the proclitic stays in.

Inputs are pipeline ``Token``s (original slices) or, from ``arclaims eval-ner``, the tokens'
normalised strings; for strings a lone proclitic letter before an Arabic token is taken as a
split-off proclitic, and ل + ال is glued back as لل (the segmenter restores that alef).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from ..stages.ner import LABEL_MAP, PUBLIC_LABELS
from ..stages.segment import PROCLITICS, Token

SENTENCE_ENDS = frozenset(".!?؟…")


@dataclass(frozen=True)
class Piece:
    """One pipeline token as the adapters see it: its surface text and how it joins the next."""

    text: str
    clitic: bool
    space_after: bool


@dataclass(frozen=True)
class Word:
    """A whole word rebuilt from tokens ``[first, end)``; ``stem`` is its first non-clitic token."""

    text: str
    first: int
    end: int
    stem: int


def pieces(tokens: Sequence[Token] | Sequence[str]) -> list[Piece]:
    """Surface pieces of pipeline tokens, or of their normalised strings (eval-ner)."""
    if not tokens:
        return []
    if not isinstance(tokens[0], str):
        return [Piece(t.text, t.clitic, t.space_after) for t in tokens]  # type: ignore[union-attr]
    out = []
    for i, text in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else ""
        clitic = len(text) == 1 and text in PROCLITICS and nxt[:1].isalpha() and not nxt.isascii()
        if i and out[-1].clitic and out[-1].text == "ل" and text.startswith("ال"):
            text = text[1:]  # ل + الشركه was written للشركه
        out.append(Piece(text, clitic, not clitic))
    return out


def words(tokens: Sequence[Token] | Sequence[str]) -> list[Word]:
    """Whole words: each proclitic token is glued to the token after it."""
    out: list[Word] = []
    start = 0
    parts = pieces(tokens)
    for i, p in enumerate(parts):
        if p.clitic and i + 1 < len(parts):
            continue
        stem = next((j for j in range(start, i + 1) if not parts[j].clitic), start)
        out.append(Word("".join(q.text for q in parts[start:i + 1]), start, i + 1, stem))
        start = i + 1
    return out


def surface(tokens: Sequence[Token] | Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text for a library that tokenises by itself, and each token's character span in it.

    Pipeline tokens keep their original spacing (a comma stays glued to its word, a
    proclitic to its stem); strings are joined with single spaces, proclitics glued.
    """
    text: list[str] = []
    spans = []
    pos = 0
    for p in pieces(tokens):
        spans.append((pos, pos + len(p.text)))
        text.append(p.text)
        pos += len(p.text)
        if p.space_after:
            text.append(" ")
            pos += 1
    return "".join(text), spans


def sentences(word_list: list[Word]) -> list[list[Word]]:
    """Words split after sentence-final punctuation (models read at most 256 word pieces)."""
    out: list[list[Word]] = [[]]
    for w in word_list:
        out[-1].append(w)
        if w.text and all(c in SENTENCE_ENDS for c in w.text):
            out.append([])
    return [s for s in out if s]


def public_label(label: str) -> str | None:
    """A library's type name as the pipeline's (PER/PERS -> PERSON, GPE -> LOC); None if unknown."""
    canonical = LABEL_MAP.get(label.upper())
    return PUBLIC_LABELS.get(canonical) if canonical else None


def bio_word_spans(tags: Iterable[str]) -> list[tuple[int, int, str]]:
    """(first word, end word, type) from BIO(ES) tags; a stray I- opens a span (conlleval)."""
    spans: list[tuple[int, int, str]] = []
    open_: list | None = None
    for i, tag in enumerate(tags):
        prefix, _, kind = tag.partition("-")
        if tag == "O" or not kind:
            open_ = None
            continue
        if prefix in ("I", "E") and open_ is not None and open_[2] == kind:
            open_[1] = i + 1
        else:
            open_ = [i, i + 1, kind]
            spans.append(open_)  # type: ignore[arg-type]
        if prefix in ("E", "S"):
            open_ = None
    return [tuple(s) for s in spans]  # type: ignore[misc]


def word_spans_to_tokens(spans: Iterable[tuple[int, int, str]], word_list: list[Word],
                         confidence: float) -> list[tuple[int, int, str, float]]:
    """Token spans of word spans: start at the first word's stem, end with the last word."""
    out = []
    for first, end, kind in spans:
        label = public_label(kind)
        if label is not None:
            out.append((word_list[first].stem, word_list[end - 1].end, label, confidence))
    return out


def char_spans_to_tokens(spans: Iterable[tuple[int, int, str]], token_spans: list[tuple[int, int]],
                         tokens: Sequence[Token] | Sequence[str], confidence: float) -> list[tuple[int, int, str, float]]:
    """Token spans of character spans over ``surface(tokens)``: every token the span overlaps,
    less leading proclitics (B- moves to the stem). Unknown types are dropped."""
    parts = pieces(tokens)
    out = []
    for start, end, kind in spans:
        label = public_label(kind)
        hit = [i for i, (s, e) in enumerate(token_spans) if s < end and start < e]
        if label is None or not hit:
            continue
        first, last = hit[0], hit[-1]
        while first < last and parts[first].clitic:
            first += 1
        out.append((first, last + 1, label, confidence))
    return out


def word_tokens(words: Sequence[str], vocab=None) -> list[Token]:
    """Pipeline tokens of pre-split words (CoNLL), with the raw words as their text.

    The same pieces as ``pipeline.stages.ner.segment_words`` (each word segmented on its own, a word
    with no token kept whole), but as ``Token``s over the words joined by spaces, so camel and
    stanza read the corpus' own spelling rather than the normalised strings.
    """
    from ..stages.ner import default_vocabulary
    from ..stages.normalize import normalize
    from ..stages.segment import tokenize

    vocab = vocab or default_vocabulary()
    out: list[Token] = []
    pos = 0
    for word in words:
        pieces_ = tokenize(normalize(word), vocab) or [Token(0, len(word), word, word)]
        for t in pieces_:
            out.append(Token(t.start + pos, t.end + pos, t.text, t.norm, t.clitic, t.space_after))
        pos += len(word) + 1
    return out
