"""The in-memory document every pipeline component reads and extends.

Components are callables ``component(doc) -> doc`` (see ``pipeline.factories``). Offsets are
always into ``doc.text``, the original article text, end exclusive.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: the document does not depend on the stages
    from .stages.normalize import NormalizedText
    from .stages.segment import Token


@dataclass
class Mention:
    """An entity or date mention. ``canonical``/``entity_id`` are filled by resolution."""

    start: int
    end: int
    text: str
    type: str  # PERSON | ORG | MODEL | DATE | LOC
    source: str  # kb | rule | ner | dates | coref
    confidence: float = 1.0
    canonical: str | None = None
    entity_id: str | None = None
    kb_id: str | None = None
    value: Any = None  # DATE: ISO string or {"start", "end"}; None when unresolved
    grain: str | None = None  # DATE only
    resolved: bool | None = None  # DATE: resolved against the publication date
    antecedent: int | None = None  # index into doc.mentions this mention refers to (الشركة, ألتمان)

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class SpanRef:
    text: str
    start: int
    end: int


@dataclass
class Claim:
    speaker: Mention | None
    speaker_span: SpanRef  # the words that name the speaker in the claim's sentence
    cue: SpanRef
    cue_lemma: str
    content: SpanRef
    quote_type: str  # direct | indirect | mixed
    sentence: tuple[int, int]
    role: str | None = None
    affiliation: Mention | None = None
    about: list[Mention] = field(default_factory=list)
    date: Mention | None = None
    confidence: float = 0.5
    cue_sense: str = "say"  # the cue lemma's sense (say, announce, warn, deny …; pipeline.stages.cues)
    # How the claim was found (how, speaker_type, cue_kind, intro, kb, distance): the input of
    # pipeline.stages.confidence; internal, never written to claims.jsonl.
    evidence: dict = field(default_factory=dict)


@dataclass
class Document:
    id: str
    text: str
    published: date | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    norm: NormalizedText | None = None
    sentences: list[tuple[int, int]] = field(default_factory=list)
    tokens: list[Token] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def sentence_of(self, offset: int) -> int:
        """Index of the sentence holding ``offset`` (the nearest one before it otherwise)."""
        import bisect

        starts = [s for s, _ in self.sentences]
        return max(0, bisect.bisect_right(starts, offset) - 1)

    def mentions_in(self, start: int, end: int, types: tuple[str, ...] | None = None) -> list[Mention]:
        return [m for m in self.mentions if m.start >= start and m.end <= end and (types is None or m.type in types)]


@dataclass(frozen=True)
class Article:
    """One input article as read from disk, before any processing."""

    id: str
    text: str
    published: date | None = None
    source: str = ""
    title: str | None = None
    url: str | None = None
