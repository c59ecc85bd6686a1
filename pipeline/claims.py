"""Claim linking: who (speaker, role, affiliation) says what (content), about what, and when.

A claim starts at a speech cue from the lexicon (قال، أكد، أشار، وفقًا لـ …). The speaker is
the PERSON/ORG named right after the cue (Arabic is mostly verb-first), else the subject
before it in the same sentence, else — for a cue that opens a clause with no subject
(وأضاف، كما أشارت) — the previous speaker. The content runs from the complementizer (أن،
إن، :) or the opening quote to the end of the clause.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .cues import OBJECT_SUFFIXES, CueForm, CueLexicon
from .doc import Claim, Document, Mention, SpanRef
from .normalize import normalize
from .segment import Token, tokenize
from .tagger import match_phrase

SPEAKER_TYPES = ("PERSON", "ORG")
PREPOSITIONS = frozenset(normalize(w).text for w in ["في", "من", "على", "عن", "إلى", "مع", "عبر", "خلال", "لدى", "أمام", "حول"])
PUNCT = set(".,،؛;:!?؟…-–—()[]")
# Quoted words right after one of these nouns are a title, not a quotation (إعلان "خطة …").
TITLE_NOUNS = frozenset(normalize(w).text for w in ["إعلان", "تعريف", "خطة", "مشروع", "كتاب", "برنامج", "مبادرة", "سباق", "مختبر", "شعار", "تقرير", "عنوان", "مصطلح", "اسم"])


@dataclass(frozen=True)
class Cue:
    """A matched speech cue; its forms, senses and prepositions come from ``pipeline.cues``."""

    lemma: str  # e.g. "حذّر"; a noun or preposition cue's phrase (في بيان، وفقًا لـ)
    length: int  # tokens the cue covers
    kind: str  # verb | participle | masdar | noun | prep
    sense: str = "say"  # say | announce | warn | deny | believe | call | report | reveal | confirm | ...
    feminine: bool = False  # agrees with a feminine subject (women, organisations)
    plural: bool = False  # agrees with a dual or plural subject
    content_preps: tuple[str, ...] = ()  # normalised prepositions after which the content may start
    announce: bool = False  # kept for compatibility: True when content_preps is non-empty
    proclitic: str = ""  # a proclitic left on the cue word by the segmenter (وحذرتا)


@dataclass(frozen=True)
class ClaimLexicon:
    verbs: dict[str, CueForm]  # every normalised verb/participle cue form (pipeline.cues)
    feminine: frozenset[str]  # forms agreeing with a feminine subject (women, organisations)
    object_verbs: frozenset[str]  # forms carrying an object pronoun (وصفه، أخبرهم)
    object_suffixes: tuple[str, ...]
    ann_preps: frozenset[str]
    preps: tuple[tuple[tuple[str, ...], str, str], ...]  # (tokens, lemma, sense), longest first
    complementizers: frozenset[str]
    complementizer_preps: frozenset[str]
    max_gap: int
    content_stops: frozenset[str]
    clause_stops: tuple[tuple[str, ...], ...]
    group_speakers: frozenset[str]
    noun_anaphors: dict[str, str]
    max_group_distance: int = 3
    pro_drop_openers: frozenset[str] = frozenset()
    vague_subjects: frozenset[str] = frozenset()
    max_unnamed: int = 6
    titles: object = ()  # tagger.PhraseSet of person titles
    noun_cues: tuple[tuple[tuple[str, ...], str, str], ...] = ()  # (tokens, phrase, sense), longest first
    cue_lexicon: CueLexicon | None = None

    @classmethod
    def load(cls, path: Path, titles=(), vocab=None, cues: CueLexicon | None = None) -> "ClaimLexicon":
        """Phrases are tokenised with the text's own segmenter (``vocab``), so لأنها in a stop
        list matches the tokens ل + انها the text is split into. Cues come from ``cues`` (else
        ``cues.json`` beside ``path``)."""
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        n = lambda w: normalize(w).text  # noqa: E731

        def seq(words):
            return tuple(t.norm for w in words for t in tokenize(normalize(w), vocab))

        if cues is None:
            cues = CueLexicon.load(Path(path).with_name("cues.json"))
        verbs = dict(cues.forms)
        feminine = {f for f, c in verbs.items() if c.feminine}
        object_verbs = {f for f, c in verbs.items() if c.object}
        preps = {(seq([phrase]), lemma, sense) for phrase, lemma, sense in cues.preps}
        nouns = {(seq([phrase]), phrase, sense) for phrase, sense in cues.nouns}
        return cls(
            verbs=verbs,
            feminine=frozenset(feminine),
            object_verbs=frozenset(object_verbs),
            object_suffixes=OBJECT_SUFFIXES,
            ann_preps=frozenset(n(w) for w in data.get("ann_preps", [])),
            preps=tuple(sorted(preps, key=lambda p: (-len(p[0]), p))),
            complementizers=frozenset(n(w) for w in data["complementizers"]),
            complementizer_preps=frozenset(n(w) for w in data["complementizer_preps"]),
            max_gap=int(data["max_gap_tokens"]),
            content_stops=frozenset(data["content_stops"]),
            clause_stops=tuple(seq(s) for s in data["clause_stops"]),
            group_speakers=frozenset(n(w) for w in data["group_speakers"]),
            noun_anaphors={n(k): v for k, v in data["noun_anaphors"].items()},
            max_group_distance=int(data.get("max_group_distance", 3)),
            pro_drop_openers=frozenset(n(w) for w in data.get("pro_drop_openers", [])),
            vague_subjects=frozenset(n(w) for w in data.get("vague_subjects", [])),
            max_unnamed=int(data.get("max_unnamed_speaker_tokens", 6)),
            titles=titles,
            noun_cues=tuple(sorted(nouns, key=lambda p: (-len(p[0]), p))),
            cue_lexicon=cues,
        )

    def cue_forms(self) -> frozenset[str]:
        return frozenset(self.verbs)

    def match_cue(self, norms: list[str], i: int) -> Cue | None:
        """The cue starting at token ``i``: a preposition cue (وفقًا لـ), a noun-phrase cue (في
        بيان) that no verb cue of its clause governs, else a verb/participle form."""
        for form, lemma, sense in self.preps:
            if tuple(norms[i:i + len(form)]) == form:
                return Cue(lemma, len(form), "prep", sense)
        for form, phrase, sense in self.noun_cues:
            if tuple(norms[i:i + len(form)]) == form and not self._verb_before(norms, i):
                return Cue(phrase, len(form), "noun", sense)
        info = self.cue_lexicon.match_verb(norms, i) if self.cue_lexicon is not None else None
        if info is None:
            return None
        return Cue(info.lemma, 1, info.kind, info.sense, info.feminine, info.plural, info.content_preps,
                   bool(info.content_preps), info.proclitic)

    def _verb_before(self, norms: list[str], i: int, window: int = 25) -> bool:
        """A verb cue earlier in the sentence (قالت الشركة في بيان، وقال فلان، مديرها، في
        مقابلة): the noun phrase is its circumstance, not a cue of its own."""
        for k in range(i - 1, max(-1, i - 1 - window), -1):
            if norms[k] in {".", "؟", "?", "!", "؛", ";"}:
                return False
            if norms[k] in self.verbs:
                return True
        return False


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quotations including their marks: “…”, «…», and paired straight quotes."""
    spans = []
    stack: dict[str, int] = {}
    straight = None
    for i, ch in enumerate(text):
        if ch == '"':
            if straight is None:
                straight = i
            else:
                spans.append((straight, i + 1))
                straight = None
        elif ch in "“«":
            stack[ch] = i
        elif ch == "”" and "“" in stack:
            spans.append((stack.pop("“"), i + 1))
        elif ch == "»" and "«" in stack:
            spans.append((stack.pop("«"), i + 1))
        elif ch == "\n":
            stack.clear()
            straight = None
    return sorted(spans)


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> tuple[int, int] | None:
    for qs, qe in spans:
        if qs <= s and e <= qe:
            return qs, qe
    return None


@dataclass
class _Ctx:
    doc: Document
    lex: ClaimLexicon
    norms: list[str]
    quotes: list[tuple[int, int]]
    at: dict[int, Mention]  # PERSON/ORG mention by start offset
    dates: dict[int, Mention]  # DATE mention by start offset


def link_claims(doc: Document, lex: ClaimLexicon, kb=None) -> list[Claim]:
    """All claims of a document, in text order."""
    toks = doc.tokens
    norms = [t.norm for t in toks]
    ctx = _Ctx(doc, lex, norms, find_quotes(doc.text), {m.start: m for m in doc.mentions if m.type in SPEAKER_TYPES},
               {m.start: m for m in doc.mentions if m.type == "DATE"})
    claims: list[Claim] = []
    last_speaker: tuple[Mention, int] | None = None  # (mention, sentence index)
    for si, (ss, se) in enumerate(doc.sentences):
        idx = [i for i, t in enumerate(toks) if ss <= t.start and t.end <= se]
        if not idx:
            continue
        lo, hi = idx[0], idx[-1] + 1
        i = lo
        while i < hi:
            cue = lex.match_cue(norms, i)
            if cue is None or _inside(ctx.quotes, toks[i].start, toks[i].end) or _in_name(ctx, toks[i]):
                i += 1
                continue
            claim = _claim_at(ctx, cue, i, lo, hi, si, last_speaker, kb)
            if claim is not None:
                claims.append(claim)
                if claim.speaker is not None:
                    last_speaker = (claim.speaker, si)
            i += cue.length
    return claims


def _in_name(ctx: _Ctx, t: Token) -> bool:
    """A cue-looking word inside a name (راي in راي وانغ reads like رأى) is no cue."""
    return any(m.start <= t.start and t.end <= m.end for m in ctx.at.values())


def _speaker_after(ctx: _Ctx, j: int, hi: int) -> tuple[Mention | None, SpanRef | None, int]:
    """A PERSON/ORG (or group noun) named within a few title words after the cue."""
    toks, norms = ctx.doc.tokens, ctx.norms
    k = j
    while k < hi and k - j <= 4:
        t = toks[k]
        m = ctx.at.get(t.start)
        if m is not None:
            end = k
            while end < hi and toks[end].end <= m.end:
                end += 1
            return m, SpanRef(m.text, m.start, m.end), end
        if norms[k] in ctx.lex.group_speakers:
            return None, SpanRef(t.text, t.start, t.end), k + 1
        if ctx.lex.noun_anaphors.get(norms[k]) == "ORG" and k == j:
            # قالت الشركة إن: the company the article is about
            ante = salient_antecedent(ctx.doc, t.start, "ORG")
            if ante is not None:
                m = Mention(t.start, t.end, t.text, "ORG", "coref", 0.6, canonical=ante.canonical,
                            entity_id=ante.entity_id, kb_id=ante.kb_id)
                return m, SpanRef(t.text, t.start, t.end), k + 1
        if norms[k] in ctx.lex.complementizers or norms[k] in PUNCT or norms[k] in ctx.lex.verbs:
            break
        d = ctx.dates.get(t.start)
        if d is not None:  # صرّح الشهر الماضي بأن: a date after the cue is no subject
            while k < hi and toks[k].end <= d.end:
                k += 1
            continue
        if norms[k] == "كل" and k + 1 < hi and norms[k + 1] == "من":
            k += 2  # أعلنت كل من شركتي X وY
            continue
        if norms[k] in PREPOSITIONS or (t.clitic and norms[k] in {"ل", "ب", "ك"}):
            break  # وأضاف في تصريح لرويترز: the object of a preposition is no subject
        k += 1
    return None, None, j


def _speaker_before(ctx: _Ctx, lo: int, i: int, feminine: bool = True) -> tuple[Mention | None, SpanRef | None]:
    """The subject before the cue in the same sentence: the nearest PERSON, else (for a
    feminine cue: organisations are feminine in Arabic) an ORG not governed by a preposition
    or a list (من شركات مثل xAI وMeta), else a group noun."""
    toks, norms = ctx.doc.tokens, ctx.norms
    cue_start = toks[i].start
    before = [m for m in ctx.at.values() if toks[lo].start <= m.start and m.end <= cue_start]
    if any(_inside(ctx.quotes, m.start, m.end) for m in before):
        before = [m for m in before if not _inside(ctx.quotes, m.start, m.end)]
    persons = [m for m in before if m.type == "PERSON"]
    if persons:
        m = persons[-1]
        return m, SpanRef(m.text, m.start, m.end)
    blocked = {"من", "في", "مثل", "عن", "و", "مع", "الي", "الى", "ضد", "بين"}
    for m in reversed(before if feminine else []):
        k = next((x for x in range(lo, i) if toks[x].start == m.start), None)
        if k is None:
            continue
        prev = norms[k - 1] if k > lo else ""
        prev2 = norms[k - 2] if k - 1 > lo else ""
        if prev in blocked or (prev in {"شركه", "شركتي", "مؤسسه"} and prev2 in blocked):
            continue
        return m, SpanRef(m.text, m.start, m.end)
    for k in range(i - 1, max(lo, i - ctx.lex.max_group_distance) - 1, -1):
        if norms[k] in ctx.lex.group_speakers:
            t = toks[k]
            return None, SpanRef(t.text, t.start, t.end)
    return None, None


def _bare_noun_follows(ctx: _Ctx, j: int, hi: int) -> bool:
    """The cue is followed by a word that can only be its subject (not a preposition,
    adverb, pronoun-PP or complementizer)."""
    if j >= hi:
        return False
    t, w = ctx.doc.tokens[j], ctx.norms[j]
    if t.start in ctx.dates:
        return False
    return not (t.clitic or w in ctx.lex.pro_drop_openers or w in ctx.lex.complementizers or not w.isalpha()
                or ctx.lex.noun_anaphors.get(w) or w in ctx.lex.verbs or w in PREPOSITIONS)


def _unnamed_subject(ctx: _Ctx, j: int, intro: int) -> SpanRef | None:
    """A subject that names no one (قال متحدث باسم الشركة إن، أكد مسؤول في الوزارة أن): the
    words after the cue up to a preposition, comma, quotation or addressee (لرويترز). None for
    a vague subject (البعض) or one too long to be a subject."""
    toks, norms = ctx.doc.tokens, ctx.norms
    if j >= intro or intro - j > ctx.lex.max_unnamed or norms[j] in ctx.lex.vague_subjects:
        return None
    end = j
    while end < intro:
        w = norms[end]
        if w in PREPOSITIONS or not (w.isalpha() or w in {"-", "."}) or (toks[end].clitic and w == "ل"):
            break
        end += 1
    while end > j and (not norms[end - 1].isalpha() or toks[end - 1].clitic):
        end -= 1
    if end <= j:
        return None
    s, e = toks[j].start, toks[end - 1].end
    return SpanRef(ctx.doc.text[s:e], s, e)


def _named_in(ctx: _Ctx, span: SpanRef, intro_start: int) -> Mention | None:
    """The entity an unnamed-looking subject still names: a person between it and the
    complementizer (الناطق باسم الحكومة يوشيهيدي سوغا; المحللة في مؤسسة X، سارة كوهين، أن),
    or an organisation/place it starts with (الصين مرارا)."""
    inside = [m for m in ctx.doc.mentions if span.start <= m.start and m.end <= span.end
              and m.type in ("PERSON", "ORG", "LOC")]
    person = next((m for m in ctx.doc.mentions if m.type == "PERSON" and span.start <= m.start and m.end <= intro_start
                   and not _inside(ctx.quotes, m.start, m.end)), None)
    if person is not None:
        return person
    return next((m for m in inside if m.start == span.start), None)


def _opens_clause(ctx: _Ctx, lo: int, i: int) -> bool:
    """A cue with no subject of its own: at the start of its sentence or after و/ف/كما/ثم/قد."""
    if i == lo:
        return True
    k = i - 1
    while k >= lo and (ctx.doc.tokens[k].clitic or ctx.norms[k] in {"كما", "ثم", "قد", "لقد", "وقد"}):
        k -= 1
    return k < lo or ctx.norms[k] in {"،", ",", "؛", ";"}


def _previous_speaker(ctx: _Ctx, si: int, i: int, last: tuple[Mention, int] | None) -> Mention | None:
    """For pro-drop cues: the later of the last speaker and the last PERSON in the two
    sentences before (or earlier in this one)."""
    doc = ctx.doc
    window_start = doc.sentences[max(0, si - 2)][0]
    cue_start = doc.tokens[i].start
    persons = [m for m in doc.mentions if m.type == "PERSON" and window_start <= m.start < cue_start
               and not _inside(ctx.quotes, m.start, m.end)]
    cand = persons[-1] if persons else None
    if last is not None and (cand is None or last[0].start > cand.start):
        if si - last[1] <= 3 or cand is None:
            return last[0]
    return cand


def _content_start(ctx: _Ctx, j: int, hi: int, cue: Cue) -> tuple[int, int] | None:
    """(token index where the content starts, tokens consumed by the introducer)."""
    norms, lex = ctx.norms, ctx.lex
    k = j
    while k < hi and k - j <= lex.max_gap:
        w = norms[k]
        if w in lex.complementizers:
            return k + 1, 1
        if w in lex.complementizer_preps and k + 1 < hi and norms[k + 1] in lex.complementizers:
            return k + 2, 2
        if w == ":":
            return k + 1, 1
        if w in cue.content_preps and k + 1 < hi and (k == j or norms[k - 1] in {"،", ","}):
            return k + 1, 1  # the cue's own preposition: حذّر من، دعا إلى، أعلن عن
        if k > j and (w in lex.verbs or lex.match_cue(norms, k) is not None) and w not in lex.complementizers:
            return None
        if w in {".", "؟", "?", "!"}:
            return None
        k += 1
    return None


def _content_span(ctx: _Ctx, start_tok: int, hi: int, sent_end: int) -> tuple[int, int, bool] | None:
    """(start, end, direct) of the content from ``start_tok`` to the end of its clause."""
    doc, toks, norms, lex = ctx.doc, ctx.doc.tokens, ctx.norms, ctx.lex
    if start_tok >= hi:
        return None
    s = toks[start_tok].start
    q = next(((qs, qe) for qs, qe in ctx.quotes if qs == s), None)
    if q is not None:
        inner_s, inner_e = q[0] + 1, q[1] - 1
        inner_s, inner_e = _trim(doc.text, inner_s, inner_e)
        return (inner_s, inner_e, True) if inner_e > inner_s else None
    e = sent_end
    for k in range(start_tok, hi):
        if _inside(ctx.quotes, toks[k].start, toks[k].end):
            continue
        if norms[k] in lex.content_stops or any(tuple(norms[k:k + len(st)]) == st for st in lex.clause_stops):
            e = toks[k].start
            break
    s, e = _trim(doc.text, s, e)
    return (s, e, False) if e > s else None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (text[s].isspace() or text[s] in PUNCT):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in PUNCT):
        e -= 1
    # Keep a closing quote only when its opening quote is inside the span.
    if e > s and text[e - 1] in "\"”»" and not any(c in text[s:e - 1] for c in "\"“«"):
        e -= 1
        while e > s and (text[e - 1].isspace() or text[e - 1] in PUNCT):
            e -= 1
    return s, e


def quote_type(ctx: _Ctx, s: int, e: int, direct: bool) -> str:
    if direct:
        return "direct"
    text = ctx.doc.text
    for qs, qe in ctx.quotes:
        if s <= qs and qe <= e:
            inner = text[qs + 1:qe - 1].split()
            before = normalize(text[max(s, qs - 20):qs]).text.split()
            if len(inner) >= 3 and not (before and before[-1] in TITLE_NOUNS):
                return "mixed"
    return "indirect"


def _claim_at(ctx: _Ctx, cue: Cue, i: int, lo: int, hi: int, si: int, last, kb) -> Claim | None:
    doc = ctx.doc
    j = i + cue.length
    speaker, span, after = _speaker_after(ctx, j, hi)
    how = "after"
    if cue.kind == "prep" and span is None:
        return None
    start = _content_start(ctx, after if span is not None else j, hi, cue)
    if start is None:
        # a quotation before the cue: “…” قال فلان
        return _quote_before(ctx, cue, i, lo, hi, si, speaker, span, kb)
    if span is None and cue.kind == "verb" and _bare_noun_follows(ctx, j, hi):
        # the cue has a subject that names no one: an unnamed source, or none at all
        span = _unnamed_subject(ctx, j, start[0] - start[1])
        if span is None:
            return None
        how = "unnamed"
        intro_tok = ctx.doc.tokens[start[0] - start[1]]
        named = _named_in(ctx, span, intro_tok.start)
        if named is not None:
            speaker, span, how = named, SpanRef(named.text, named.start, named.end), "after"
    if span is None:
        speaker, span = _speaker_before(ctx, lo, i, cue.feminine)
        how = "before"
        if span is None and _opens_clause(ctx, lo, i):
            speaker = _previous_speaker(ctx, si, i, last)
            span = SpanRef(speaker.text, speaker.start, speaker.end) if speaker else None
            how = "previous"
    if span is None:
        return None
    ss, se = doc.sentences[si]
    content = _content_span(ctx, start[0], hi, se)
    if content is None:
        return None
    cs, ce, direct = content
    return _build(ctx, cue, i, si, speaker, span, cs, ce, direct, how, kb)


def _quote_before(ctx, cue, i, lo, hi, si, speaker, span, kb) -> Claim | None:
    toks = ctx.doc.tokens
    k = i - 1
    while k >= lo and toks[k].clitic:
        k -= 1
    if k < lo or span is None:
        return None
    q = next(((qs, qe) for qs, qe in ctx.quotes if qe == toks[k].end and qe <= toks[i].start), None)
    if q is None or ctx.doc.text[q[1] - 1] not in "\"”»":
        return None
    s, e = _trim(ctx.doc.text, q[0] + 1, q[1] - 1)
    if e <= s:
        return None
    return _build(ctx, cue, i, si, speaker, span, s, e, True, "after", kb)


def _build(ctx, cue, i, si, speaker, span, cs, ce, direct, how, kb) -> Claim:
    doc, toks = ctx.doc, ctx.doc.tokens
    cue_end = toks[i + cue.length - 1].end
    cue_ref = SpanRef(doc.text[toks[i].start:cue_end], toks[i].start, cue_end)
    role, affiliation = (None, None)
    if speaker is not None and speaker.type == "PERSON":
        role, affiliation = role_and_affiliation(ctx, speaker, kb)
    elif speaker is None:  # an unnamed source: its organisation is named inside (متحدث باسم OpenAI)
        affiliation = next((m for m in doc.mentions if m.type == "ORG" and span.start <= m.start and m.end <= span.end), None)
    about = about_entities(ctx, cue_end, cs, ce)
    date = claim_date(doc, doc.sentences[si], cs, ce, toks[i].start)
    conf = {"after": 0.85, "before": 0.75, "previous": 0.65, "unnamed": 0.6}[how]
    if speaker is None:
        conf -= 0.25
    elif speaker.kb_id:
        conf += 0.05
    return Claim(speaker=speaker, speaker_span=span, cue=cue_ref, cue_lemma=cue.lemma, cue_sense=cue.sense,
                 content=SpanRef(doc.text[cs:ce], cs, ce), quote_type=quote_type(ctx, cs, ce, direct),
                 sentence=doc.sentences[si], role=role, affiliation=affiliation, about=about, date=date,
                 confidence=round(min(conf, 0.95), 2))


def _apposition(ctx: _Ctx, m: Mention) -> tuple[str | None, Mention | None]:
    """(role, affiliation ORG) described right around a PERSON mention:
    "فلان، الرئيس التنفيذي لشركة X،", "فلان من X", "الخبيرة فلان … لدى X"."""
    doc, toks, norms = ctx.doc, ctx.doc.tokens, ctx.norms
    k = next((x for x, t in enumerate(toks) if t.start >= m.end), len(toks))
    si = doc.sentence_of(m.start)
    sent_end = doc.sentences[si][1]
    role_toks: list[Token] = []
    region_end = sent_end
    if k < len(toks) and norms[k] in {"،", ","}:
        x = k + 1
        while x < len(toks) and toks[x].start < sent_end and norms[x] not in {"،", ",", ":"} and norms[x] not in ctx.lex.complementizers:
            x += 1
        region_end = toks[x].start if x < len(toks) else sent_end
        y = k + 1
        while y < x and toks[y].start not in ctx.at and norms[y] not in {"في", "لدى", "من", "ب", "ل"} and not toks[y].clitic:
            if norms[y] in ctx.lex.verbs or norms[y] in {"قد", "لقد", "كان", "كانت"}:
                role_toks = []  # فلان، قد صرّح …: a clause, not a description
                break
            if norms[y] not in {"وهو", "وهي", "هو", "هي", "ايضا"}:
                role_toks.append(toks[y])
            y += 1
    elif k < len(toks) and norms[k] in {"من", "في", "لدى"}:
        # فلان من X / في X: X must follow at once (فلان في يناير is no affiliation)
        nxt = [o for o in doc.mentions if o.type == "ORG" and k + 1 < len(toks) and toks[k + 1].start <= o.start <= toks[min(k + 2, len(toks) - 1)].start]
        region_end = nxt[0].end if nxt else m.end
    else:
        # a title before the name: الخبيرة وي صن المحللة الرئيسية … لدى مؤسسة X
        x = k
        while x < len(toks) and toks[x].start < sent_end and x - k < 12 and norms[x] not in ctx.lex.complementizers \
                and norms[x] not in {"،", ",", ":"} and norms[x] not in ctx.lex.verbs:
            x += 1
        region_end = toks[x].start if x < len(toks) else sent_end
    orgs = [o for o in doc.mentions if o.type == "ORG" and m.end <= o.start and o.end <= region_end]
    if not orgs:  # الرئيس التنفيذي للشركة: the company the article is about
        for x, t in enumerate(toks):
            if m.end <= t.start and t.end <= region_end and ctx.lex.noun_anaphors.get(norms[x]) == "ORG":
                ante = salient_antecedent(doc, t.start, "ORG")
                if ante is not None:
                    orgs = [ante]
                break
    role = None
    if not orgs and not role_toks:
        role, org = _title_before(ctx, m)
        orgs = [org] if org is not None else []
        if role:
            return role, (orgs[0] if orgs else None)
    if role_toks:
        role = doc.text[role_toks[0].start:role_toks[-1].end]
    else:
        b = next((x for x, t in enumerate(toks) if t.start >= m.start), 0)
        for title in ctx.lex.titles:
            if b - len(title) >= 0 and tuple(norms[b - len(title):b]) == title:
                role = doc.text[toks[b - len(title)].start:toks[b - 1].end]
                break
    return role, (orgs[0] if orgs else None)


def _title_before(ctx: _Ctx, m: Mention) -> tuple[str | None, Mention | None]:
    """A description before the name, set off by a comma: المدير التقني في شركة X، فلان."""
    doc, toks, norms = ctx.doc, ctx.doc.tokens, ctx.norms
    b = next((x for x, t in enumerate(toks) if t.start >= m.start), 0)
    if b == 0 or norms[b - 1] not in {"،", ","}:
        return None, None
    for x in range(max(0, b - 10), b - 1):
        k = match_phrase(norms, x, ctx.lex.titles)
        if k:
            while k < 4 and x + k < b - 1 and norms[x + k].isalpha() and not toks[x + k].clitic \
                    and norms[x + k] not in PREPOSITIONS:
                k += 1  # المدير التقني: the title's adjectives
            role = doc.text[toks[x].start:toks[x + k - 1].end]
            org = next((o for o in doc.mentions if o.type == "ORG" and toks[x].start <= o.start and o.end <= toks[b - 1].start), None)
            return role, org
    return None, None


def role_and_affiliation(ctx: _Ctx, speaker: Mention, kb) -> tuple[str | None, Mention | None]:
    """From the speaker's own apposition, else the latest earlier mention of the same person
    that had one, else the knowledge base's employer."""
    role, aff = _apposition(ctx, speaker)
    if aff is None:
        same = [m for m in ctx.doc.mentions if m.type == "PERSON" and m.start < speaker.start and _same_entity(m, speaker)]
        for m in reversed(same):
            r, a = _apposition(ctx, m)
            if a is not None:
                role, aff = role or r, a
                break
    if aff is None and kb is not None and speaker.kb_id and speaker.kb_id in kb:
        org_id = kb[speaker.kb_id].org
        if org_id and org_id in kb:
            org = kb[org_id]
            aff = Mention(0, 0, org.canonical, "ORG", "kb", canonical=org.canonical, entity_id=org.id, kb_id=org.id)
        role = role or kb[speaker.kb_id].role
    return role, aff


def _same_entity(a: Mention, b: Mention) -> bool:
    if a.entity_id and b.entity_id:
        return a.entity_id == b.entity_id
    return (a.canonical or a.text) == (b.canonical or b.text)


def about_entities(ctx: _Ctx, cue_end: int, cs: int, ce: int) -> list[Mention]:
    """MODEL/ORG mentions of the content, and the antecedent of النموذج/الشركة in it or
    between the cue and the content."""
    doc = ctx.doc
    out = [m for m in doc.mentions if m.type in ("MODEL", "ORG") and cs <= m.start and m.end <= ce]
    for k, t in enumerate(doc.tokens):
        if not (cue_end <= t.start and t.end <= ce):
            continue
        typ = ctx.lex.noun_anaphors.get(ctx.norms[k])
        if typ:
            ante = salient_antecedent(doc, t.start, typ)
            if ante is not None and all((a.canonical or a.text) != (ante.canonical or ante.text) for a in out):
                out.append(Mention(t.start, t.end, t.text, typ, "coref", 0.6, canonical=ante.canonical,
                                   entity_id=ante.entity_id, kb_id=ante.kb_id, antecedent=doc.mentions.index(ante)))
    seen, uniq = set(), []
    for m in out:
        key = m.entity_id or m.canonical or m.text
        if key not in seen:
            seen.add(key)
            uniq.append(m)
    return uniq


def salient_antecedent(doc: Document, offset: int, typ: str, window: int = 3) -> Mention | None:
    """The entity of ``typ`` an anaphor (النموذج، الشركة) most likely means: among mentions in
    the last few sentences, the one the article names most; ties → the latest."""
    si = doc.sentence_of(offset)
    start = doc.sentences[max(0, si - window)][0] if doc.sentences else 0
    recent = [m for m in doc.mentions if m.type == typ and start <= m.start < offset]
    if not recent:
        return None
    key = lambda m: m.entity_id or m.canonical or m.text  # noqa: E731
    counts: dict[str, int] = {}
    for m in doc.mentions:  # the whole article: a model the article is about outranks one named in passing
        if m.type == typ:
            counts[key(m)] = counts.get(key(m), 0) + 1
    return max(recent, key=lambda m: (counts[key(m)], m.start))


def claim_date(doc: Document, sentence: tuple[int, int], cs: int, ce: int, cue_start: int) -> Mention | None:
    """The DATE of the claim's sentence outside its content, nearest the cue."""
    ss, se = sentence
    dates = [m for m in doc.mentions if m.type == "DATE" and ss <= m.start and m.end <= se
             and not (cs <= m.start and m.end <= ce)]
    if not dates:
        return None
    return min(dates, key=lambda m: (m.value is None, abs(m.start - cue_start)))
