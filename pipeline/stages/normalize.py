"""Arabic normalisation that never loses the way back to the original text.

Every normalisation step we apply is a per-character rewrite (a character becomes zero,
one or a few characters), so the normalised string is built character by character and
each normalised character remembers the index of the original character it came from.
The rewrites themselves are CAMeL Tools' normalisers and dediacritiser, evaluated once
per distinct character and cached in a translation table.
"""
from __future__ import annotations

import bisect
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from camel_tools.utils.dediac import dediac_ar
from camel_tools.utils.normalize import (
    normalize_alef_ar,
    normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar,
)

TATWEEL = "\u0640"
# Zero-width and bidi controls: invisible, but they break string matching.
INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u061c\u00ad"
)
# Arabic-Indic and Extended Arabic-Indic digits become ASCII digits (dates, versions).
DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
# Hamza carriers folded for matching; the scorer and most Arabic IR systems do the same.
HAMZA_CARRIERS = {"\u0624": "\u0648", "\u0626": "\u064a"}
# Web news writes one character several ways, and NFKC folds only some of them. A version or range
# takes any hyphen or dash (GPT\u20114o with a non-breaking hyphen, 2020\u20132024 with an en dash; the
# em dash is clause punctuation only and stays); the Arabic decimal and thousands separators and percent
# sign are the ASCII ones (\u0662\u066b\u0665 = 2.5); Persian keyboards type yeh and keheh for Arabic ي and ك.
# Each is one character for one, so the offset map stays exact. The decimal separator is a point only
# between digits: elsewhere writers use it for the comma it looks like (رؤية 2030م\u066b كما), see normalize().
ARABIC_DECIMAL = "\u066b"
FOLDED = {c: "-" for c in "\u2010\u2011\u2012\u2013\u2212\ufe63\uff0d"} | {
    "\u066b": ".", "\u066c": ",", "\u066a": "%", "\u06cc": "\u064a", "\u06a9": "\u0643"}


def invisible_or_space(ch: str) -> bool:
    """White space (NBSP included) or a format control (bidi marks, zero-width characters, BOM)."""
    return ch.isspace() or ch in INVISIBLE or unicodedata.category(ch) == "Cf"


@lru_cache(maxsize=8192)
def normalize_char(ch: str) -> str:
    """The normalised form of one character ('' when it is dropped)."""
    if ch in INVISIBLE or ch == TATWEEL or unicodedata.category(ch) == "Cf":
        return ""
    if ch in DIGITS:
        return DIGITS[ch]
    if ch in FOLDED:
        return FOLDED[ch]
    out = unicodedata.normalize("NFKC", ch)
    out = dediac_ar(out)
    # Quranic marks and other combining Arabic marks that dediac_ar keeps.
    out = "".join(c for c in out if not ("\u0610" <= c <= "\u061a" or "\u06d6" <= c <= "\u06ed" or "\u064b" <= c <= "\u065f"))
    out = normalize_alef_ar(out)
    out = normalize_alef_maksura_ar(out)
    out = normalize_teh_marbuta_ar(out)
    out = "".join(HAMZA_CARRIERS.get(c, c) for c in out)
    return out


@dataclass(frozen=True)
class NormalizedText:
    """A normalised string and, for each of its characters, the original index it came from.

    ``offsets`` has ``len(text) + 1`` entries; the last is ``len(original)``, so spans that
    end at the end of the normalised text end at the end of the original.
    """

    original: str
    text: str
    offsets: tuple[int, ...]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised span [start, end) to the original text.

        The end runs up to the next kept character, so a word's trailing diacritics and
        tatweel stay inside its span.
        """
        if end <= start:
            o = self.offsets[start]
            return o, o
        o_start = self.offsets[start]
        o_end = self.offsets[end]
        # A kept character right after the span may share the same original index (an
        # expansion such as a lam-alef ligature); never return an empty span then.
        if o_end <= o_start:
            o_end = self.offsets[end - 1] + 1
        # Do not swallow whitespace or invisible controls (a bidi mark after a Latin name, a
        # zero-width joiner) that precede the next kept character: a span never ends on one.
        while o_end > o_start + 1 and invisible_or_space(self.original[o_end - 1]):
            o_end -= 1
        return o_start, o_end

    def from_original(self, o_start: int, o_end: int) -> tuple[int, int]:
        """Map an original span to the smallest normalised span covering its kept characters."""
        s = bisect.bisect_left(self.offsets, o_start, 0, len(self.text))
        e = bisect.bisect_left(self.offsets, o_end, 0, len(self.text))
        return s, max(s, e)

    # Regexes over names and the gaps between them run on the normalised text through these, so a
    # no-break space, a bidi mark, tatweel or a Unicode dash in the original changes no match.
    def match_at(self, pattern, o_pos: int):
        """(match of ``pattern`` on the normalised text from original index ``o_pos``, original end
        of the match); (None, o_pos) when it does not match."""
        m = pattern.match(self.text, bisect.bisect_left(self.offsets, o_pos, 0, len(self.text)))
        if m is None:
            return None, o_pos
        return m, (self.to_original(m.start(), m.end())[1] if m.end() > m.start() else o_pos)

    def fullmatch_between(self, pattern, o_start: int, o_end: int) -> bool:
        """``pattern`` matches all the kept text between two original indices (the gap between two names)."""
        s, e = self.from_original(o_start, o_end)
        return pattern.fullmatch(self.text, s, e) is not None

    def finditer(self, pattern):
        """(match on the normalised text, original start, original end) for every match of ``pattern``."""
        for m in pattern.finditer(self.text):
            if m.end() > m.start():
                yield (m, *self.to_original(m.start(), m.end()))


def normalize(original: str) -> NormalizedText:
    """Normalise Arabic text (NFKC, diacritics, tatweel, alef/ya/teh-marbuta, digits, dashes, separators, controls)."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(original):
        out = normalize_char(ch)
        if ch == ARABIC_DECIMAL and not (0 < i < len(original) - 1 and original[i - 1].isdigit() and original[i + 1].isdigit()):
            out = "\u060c"  # a comma look-alike, not a point: no sentence ends there
        for c in out:
            chars.append(c)
            offsets.append(i)
    offsets.append(len(original))
    return NormalizedText(original=original, text="".join(chars), offsets=tuple(offsets))


def visible(s: str) -> str:
    """``s`` as written, less the web variants: without the characters normalisation drops (controls,
    tatweel, diacritics), every space a plain one, digits, dashes, separators and Persian letters folded
    (``FOLDED``), but hamza and alef forms kept: for words compared as the writer spelled them."""
    return "".join(" " if c.isspace() else DIGITS.get(c) or FOLDED.get(c, c) for c in s if normalize_char(c))


def normalize_key(s: str) -> str:
    """A lookup key: normalised, case-folded, whitespace collapsed."""
    return " ".join(normalize(s).text.casefold().split())
