"""Sentence and clitic-aware token segmentation over the original text.

Tokens are found on the normalised text (so diacritics and tatweel never split a word) and
carry offsets into the original. Proclitics (و ف ب ل ك) come off a word when the rest is a
word in its own right: the decision uses word counts from a news corpus (``models/lexicons/
word_counts.tsv``), because a fixed rule splits names such as وانغ or لامبرت. Before Latin
script or digits (``وGoogle``, ``بـ GPT-oss``) a proclitic always comes off.
"""
from __future__ import annotations

import gzip
from dataclasses import dataclass, field
from pathlib import Path

import regex

from .normalize import NormalizedText, normalize

PROCLITICS = ("و", "ف", "ب", "ل", "ك")
# Two proclitics in a row; longest first.
DOUBLE_PROCLITICS = ("وب", "ول", "وك", "فب", "فل", "فك")

WORD_RE = regex.compile(
    r"[\p{Latin}\p{N}]+(?:[-_.'’][\p{Latin}\p{N}]+)*"  # GPT-oss, gpt-oss-120b, Z.ai, 4.5
    r"|(?<!\p{L}|(?:^|\s)\p{L}\s)[\p{Arabic}&&\p{L}]\.(?:[\p{Arabic}&&\p{L}]\.)*(?=\s|$)"  # an abbreviation: د. (Dr),
    # م. (Eng), أ.د., an initial (جينيفر ر. بيرمان); not the last of letters spelled with spaces (بحسب أ ش أ.)
    r"|[\p{Arabic}&&\p{L}]+"  # an Arabic word (diacritics are gone after normalisation)
    r"|\S",
    regex.V1,
)
# Sentence ends: . ! ? ؟ … (plus any closing quotes/brackets) before white space, or a line break. A period
# right after a one-letter word is an abbreviation or an initial, no end: د. (Dr), م. (Eng), أ.د. (Prof Dr),
# John F. Kennedy.
SENT_END_RE = regex.compile(r"(?:(?<!(?:^|[\s(«\"“.])(?<!(?:^|\s)\p{L}\s)\p{L})\.[.!?؟…]*[\"'”»’)\]]*(?=\s|$)"
                            r"|[!?؟…][.!?؟…]*[\"'”»’)\]]*(?=\s|$))|\n+")
LATIN_OR_DIGIT = regex.compile(r"[\p{Latin}\p{N}]")
ARABIC_LETTER = regex.compile(r"\p{Arabic}")


@dataclass(frozen=True)
class Token:
    """A token: an original-text slice and its normalised form.

    ``norm`` may differ from the normalised slice: after ل + ال (للشركة) the article's
    alef is restored (الشركة).
    """

    start: int
    end: int
    text: str
    norm: str
    clitic: bool = False  # a proclitic split off the following token
    space_after: bool = True


@dataclass
class Vocabulary:
    """Corpus word counts over normalised words; decides proclitic splits."""

    counts: dict[str, int] = field(default_factory=dict)
    protected: frozenset[str] = frozenset()
    min_count: int = 15

    @classmethod
    def load(cls, path: Path | str, protected: frozenset[str] = frozenset()) -> "Vocabulary":
        path = Path(path)
        opener = gzip.open if path.suffix == ".gz" else open
        counts: dict[str, int] = {}
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                word, _, n = line.rstrip("\n").partition("\t")
                if n:
                    counts[word] = int(n)
        return cls(counts=counts, protected=protected)

    def count(self, word: str) -> int:
        return self.counts.get(word, 0)

    def split(self, word: str) -> tuple[str, str]:
        """(proclitics, stem) of a normalised Arabic word; ("", word) when nothing comes off."""
        if word in self.protected or len(word) < 4:
            return "", word
        for prefix in DOUBLE_PROCLITICS + PROCLITICS:
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix):]
            if len(rest) < 2:
                continue
            # ل + ال: the article's alef is written away (للشركة = ل + الشركة).
            candidates = [rest]
            if prefix.endswith("ل") and rest.startswith("ل"):
                candidates.append("ا" + rest)
            # Split when the rest is itself a common word. Comparing with the whole word's
            # count fails for و + verb (واضاف outnumbers اضاف in news), so it is not used.
            best = max(self.count(c) for c in candidates)
            if len(prefix) == 2 and best <= self.count(word):
                continue  # وكالة is not و + ك + الة
            if rest in self.protected or best >= self.min_count:
                return prefix, rest
        return "", word


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans over ``text`` (original or normalised: both have the same breaks)."""
    spans = []
    start = 0
    for m in SENT_END_RE.finditer(text):
        end = m.end() if m.group().strip() else m.start()
        if text[start:end].strip():
            spans.append(_strip_span(text, start, end))
        start = m.end()
    if text[start:].strip():
        spans.append(_strip_span(text, start, len(text)))
    return spans


def _strip_span(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def tokenize(norm: NormalizedText, vocab: Vocabulary | None = None) -> list[Token]:
    """Clitic-aware tokens with original offsets."""
    tokens: list[Token] = []
    ntext = norm.text
    matches = list(WORD_RE.finditer(ntext))
    for i, m in enumerate(matches):
        s, e = m.span()
        word = m.group()
        nxt = matches[i + 1] if i + 1 < len(matches) else None
        glued_to_latin = nxt is not None and nxt.start() == e and LATIN_OR_DIGIT.match(nxt.group())
        space_after = nxt is None or nxt.start() > e
        prefix, stem = "", word
        if ARABIC_LETTER.match(word):
            if glued_to_latin or (len(word) <= 2 and nxt is not None and LATIN_OR_DIGIT.match(nxt.group())):
                # وGoogle, بـ GPT-oss, لـ OpenAI: the whole Arabic run is proclitics.
                if all(c in PROCLITICS for c in word) and len(word) <= 2:
                    prefix, stem = word, ""
            elif vocab is not None:
                prefix, stem = vocab.split(word)
        pos = s
        for c in prefix:
            os_, oe = norm.to_original(pos, pos + 1)
            tokens.append(Token(os_, oe, norm.original[os_:oe], c, clitic=True, space_after=False))
            pos += 1
        if stem:
            os_, oe = norm.to_original(pos, e)
            stem_norm = stem
            if prefix.endswith("ل") and stem.startswith("ل") and vocab is not None:
                if vocab.count("ا" + stem) > vocab.count(stem):
                    stem_norm = "ا" + stem
            tokens.append(Token(os_, oe, norm.original[os_:oe], stem_norm, space_after=space_after))
        elif tokens:
            last = tokens[-1]
            tokens[-1] = Token(last.start, last.end, last.text, last.norm, clitic=True, space_after=space_after)
    return tokens


def segment(original: str, vocab: Vocabulary | None = None) -> tuple[NormalizedText, list[tuple[int, int]], list[Token]]:
    """Normalise, then split into sentences (original offsets) and tokens."""
    norm = normalize(original)
    sentences = [norm.to_original(s, e) for s, e in split_sentences(norm.text)]
    return norm, sentences, tokenize(norm, vocab)
