"""Arabic normalisation that never loses the way back to the original text.

Every normalisation step we apply is a per-character rewrite (a character becomes zero,
one or a few characters), so the normalised string is built character by character and
each normalised character remembers the index of the original character it came from.
The rewrites themselves are CAMeL Tools' normalisers and dediacritiser, evaluated once
per distinct character and cached in a translation table.
"""
from __future__ import annotations

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


@lru_cache(maxsize=8192)
def normalize_char(ch: str) -> str:
    """The normalised form of one character ('' when it is dropped)."""
    if ch in INVISIBLE or ch == TATWEEL:
        return ""
    if ch in DIGITS:
        return DIGITS[ch]
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
        # Do not swallow whitespace or controls that precede the next kept character.
        while o_end > o_start + 1 and self.original[o_end - 1].isspace():
            o_end -= 1
        return o_start, o_end

    def from_original(self, o_start: int, o_end: int) -> tuple[int, int]:
        """Map an original span to the smallest normalised span covering its kept characters."""
        import bisect

        s = bisect.bisect_left(self.offsets, o_start, 0, len(self.text))
        e = bisect.bisect_left(self.offsets, o_end, 0, len(self.text))
        return s, max(s, e)


def normalize(original: str) -> NormalizedText:
    """Normalise Arabic text (NFKC, diacritics, tatweel, alef/ya/teh-marbuta, digits, controls)."""
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(original):
        out = normalize_char(ch)
        for c in out:
            chars.append(c)
            offsets.append(i)
    offsets.append(len(original))
    return NormalizedText(original=original, text="".join(chars), offsets=tuple(offsets))


def normalize_key(s: str) -> str:
    """A lookup key: normalised, case-folded, whitespace collapsed."""
    return " ".join(normalize(s).text.casefold().split())
