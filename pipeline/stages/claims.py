"""Claim linking: who (speaker, role, affiliation) says what (content), about what, and when.

A claim starts at a speech cue (``pipeline.stages.cues``: verbs, participles, verbal nouns, noun
phrases such as في بيان, prepositions such as وفقًا لـ). Its speaker, in Arabic news order:
the subject opening the clause before the cue (فلان، الرئيس التنفيذي لـX، أعلن …); else the
PERSON/ORG after the cue, past titles, appositions, dates and report nouns (كشف الأستاذ …،
الدكتور فلان، عن … / أظهرت اختبارات أجرتها X / تقارير من صحيفتي X وY: one claim each); an
anaphor (الشركة، سعادته) resolved to the previous speaker of that type; an unnamed source as
written (متحدث باسم X، أكثر من 50 منظمة); the subject before the cue; else, for a cue with no
subject (وأضاف، مشيرًا), the previous speaker, with gender agreement. The content starts after
the complementizer, colon, quotation mark, the cue's preposition, or the cue's object for
announcing cues, and runs to the end of the reported clause: continuations (، حيث / ، مما) are
inside; a new attribution (، وأضاف / ، بحسب X) and a narrator's remark (، وهو ما) end it. An
attribution after its clause (CONTENT، بحسب X) takes that clause. ``GUIDELINES.md`` of the
evaluation set defines these conventions; the word classes are data (claims.json "linking").
"""
from __future__ import annotations

import bisect
import json
from dataclasses import dataclass, field
from pathlib import Path

from .cues import OBJECT_SUFFIXES, CueForm, CueLexicon
from ..doc import Claim, Document, Mention, SpanRef
from .normalize import invisible_or_space, normalize
from ..paths import lexicon_path
from .segment import Token, tokenize
from .tagger import match_phrase

try:  # the calibrated confidence (pipeline/stages/confidence.py), used once its table is fitted
    from .confidence import TABLE_FILE, claim_confidence
except ImportError:  # pragma: no cover - an install without it keeps the fixed scores
    TABLE_FILE, claim_confidence = None, None

SPEAKER_TYPES = ("PERSON", "ORG")
PREPOSITIONS = frozenset(normalize(w).text for w in ["في", "من", "على", "عن", "إلى", "مع", "عبر", "خلال", "لدى", "أمام", "حول"])
PUNCT = set(".,،؛;:!?؟…-–—()[]")
# Quoted words right after one of these nouns are a title, not a quotation (إعلان "خطة …").
TITLE_NOUNS = frozenset(normalize(w).text for w in ["إعلان", "تعريف", "خطة", "مشروع", "كتاب", "برنامج", "مبادرة", "سباق", "مختبر", "شعار", "تقرير", "عنوان", "مصطلح", "اسم"])


@dataclass(frozen=True)
class Cue:
    """A matched speech cue; its forms, senses and prepositions come from ``pipeline.stages.cues``."""

    lemma: str  # e.g. "حذّر"; a noun or preposition cue's phrase (في بيان، وفقًا لـ)
    length: int  # tokens the cue covers
    kind: str  # verb | participle | masdar | noun | prep
    sense: str = "say"  # say | announce | warn | deny | believe | call | report | reveal | confirm | ...
    feminine: bool = False  # agrees with a feminine subject (women, organisations)
    plural: bool = False  # agrees with a dual or plural subject
    content_preps: tuple[str, ...] = ()  # normalised prepositions after which the content may start
    announce: bool = False  # kept for compatibility: True when content_preps is non-empty
    proclitic: str = ""  # a proclitic left on the cue word by the segmenter (وحذرتا)
    prep_objects: tuple[str, ...] = ()  # an idiom's object before its preposition (أزاح الستار عن)
    imperfect: bool = False  # an imperfect verb form (تعلن، يكشف)


@dataclass(frozen=True)
class ClaimLexicon:
    verbs: dict[str, CueForm]  # every normalised verb/participle cue form (pipeline.stages.cues)
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
    phrase_firsts: frozenset[str] = frozenset()  # first tokens of preposition and noun-phrase cues
    rules: "LinkRules | None" = None  # speaker/content rules (claims.json "linking"), owned by the linker

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
        extra = data.get("linking", {}).get("speaker_titles", [])
        if extra:  # news roles the linker reads as titles besides the tagger's (المبعوث، السفير)
            from .tagger import PhraseSet
            titles = PhraseSet.of(list(titles) + [seq([w]) for w in extra])
        verbs = cues.standalone_forms()
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
            phrase_firsts=frozenset(p[0][0] for p in preps | nouns if p[0]),
            rules=LinkRules.from_data(data.get("linking", {}), seq),
        )

    def cue_forms(self) -> frozenset[str]:
        return frozenset(self.verbs)

    def match_cue(self, norms: list[str], i: int) -> Cue | None:
        """The cue starting at token ``i``: a preposition cue (وفقًا لـ), a noun-phrase cue (في
        بيان) that no verb cue of its clause governs, else a verb/participle form."""
        if norms[i] in self.phrase_firsts:
            for form, lemma, sense in self.preps:
                if tuple(norms[i:i + len(form)]) == form:
                    return Cue(lemma, len(form), "prep", sense)
            for form, phrase, sense in self.noun_cues:
                if tuple(norms[i:i + len(form)]) == form and not self._verb_before(norms, i):
                    return Cue(phrase, len(form), "noun", sense)
        info = self.cue_lexicon.match_verb(norms, i) if self.cue_lexicon is not None else None
        if info is None:
            return None
        if info.kind == "verb" and i > 1 and norms[i - 1] in self.cue_lexicon.noun_heads and self._verb_before(norms, i - 1):
            return None  # قال X في مقابلة نشرت أمس إن: a clause describing the interview (وفي تغريدة كتب X: the cue)
        if info.sense == "describe" and info.kind == "verb" and not info.object and i + 1 < len(norms) and norms[i + 1] == "ب":
            return None  # مفاوضات وُصفت بأنها مصيرية: the passive; the active has its object first (وصفت X بأنه)
        return Cue(info.lemma, 1, info.kind, info.sense, info.feminine, info.plural, info.content_preps,
                   bool(info.content_preps), info.proclitic, info.prep_objects, info.imperfect)

    def _verb_before(self, norms: list[str], i: int, window: int = 25) -> bool:
        """A verb cue earlier in the sentence (قالت الشركة في بيان، وقال فلان، مديرها، في
        مقابلة): the noun phrase is its circumstance, not a cue of its own."""
        for k in range(i - 1, max(-1, i - 1 - window), -1):
            if norms[k] in {".", "؟", "?", "!", "؛", ";"}:
                return False
            if norms[k] in self.verbs:
                return True
        return False


@dataclass(frozen=True)
class LinkRules:
    """Speaker and content rules of the linker (claims.json "linking"): word classes of Arabic
    news attribution, normalised and tokenised like the text."""
    source_nouns: frozenset[str] = frozenset()  # تقرير، دراسة، اختبارات: a report whose author is the source
    outlet_nouns: frozenset[str] = frozenset()  # صحيفة، وكالة، شركة: a noun heading the source's name
    relative_words: frozenset[str] = frozenset()  # التي، الذي
    person_anaphors: frozenset[str] = frozenset()  # سعادته، الوزير: the person the article speaks of
    org_anaphors: frozenset[str] = frozenset()  # الشركة، الوزارة، المنظمة
    addressee_lemmas: frozenset[str] = frozenset()  # أبلغ، أخبر: the noun after the cue may be its object
    modal_particles: frozenset[str] = frozenset()  # أن، قد، لن، سوف before an imperfect cue: not a report
    object_senses: frozenset[str] = frozenset()  # senses whose object is the content (أعلنت X إطلاق …)
    quantifiers: frozenset[str] = frozenset()  # أكثر من، نحو: a counted group of sources
    unnamed_heads: frozenset[str] = frozenset()  # ممثل، متحدث: take one complement (عن الشركة)
    unnamed_preps: frozenset[str] = frozenset()
    adverbs: frozenset[str] = frozenset()  # رسميا، اليوم: between a cue's subject and its object
    negations: frozenset[str] = frozenset()
    attribution_particles: frozenset[str] = frozenset()  # كما، حسبما: open a trailing attribution
    narrator_remarks: tuple[tuple[str, ...], ...] = ()  # ، وهو ما / ، وهي أول: the narrator's own remark
    fronting_particles: frozenset[str] = frozenset()  # إلا أن، لكن: before a fronted subject
    governing_words: frozenset[str] = frozenset()  # دون، قبل، بعد: words whose own أن is not the cue's
    quote_senses: frozenset[str] = frozenset({"say"})  # cue senses a bare quotation may follow (قال فلان "…")
    partitive: frozenset[str] = frozenset()  # أحد + noun: an unnamed source, not a vague one
    report_anaphors: frozenset[str] = frozenset()  # البيان، التقرير: the statement of the source just quoted
    impersonal: frozenset[str] = frozenset()  # يُذكر أن: a passive formula of the narrator's, no source
    bullets: frozenset[str] = frozenset("-–—•⬤●▪*")
    max_pro_drop_sentences: int = 3
    max_title_tokens: int = 14
    near_gap: int = 14  # tokens between cue and complementizer; further only right after a comma

    @classmethod
    def from_data(cls, data: dict, seq) -> "LinkRules":
        n = lambda ws: frozenset(t for w in ws for t in seq([w]))  # noqa: E731
        defin = lambda ws: n(list(ws) + ["ال" + w for w in ws if not w.startswith("ال")])  # noqa: E731
        return cls(
            source_nouns=defin(data.get("source_nouns", [])),
            outlet_nouns=defin(data.get("outlet_nouns", [])),
            relative_words=n(data.get("relative_words", [])),
            person_anaphors=n(data.get("person_anaphors", [])),
            org_anaphors=n(data.get("org_anaphors", [])),
            addressee_lemmas=frozenset(normalize(w).text for w in data.get("addressee_lemmas", [])),
            modal_particles=frozenset(normalize(w).text for w in data.get("modal_particles", [])),
            object_senses=frozenset(data.get("object_content_senses", [])),
            quantifiers=n(data.get("quantifiers", [])),
            unnamed_heads=defin(data.get("unnamed_heads", [])),
            unnamed_preps=n(data.get("unnamed_preps", [])),
            adverbs=n(data.get("adverbs", [])),
            negations=n(data.get("negations", [])),
            attribution_particles=n(data.get("attribution_particles", [])),
            narrator_remarks=tuple(seq([r]) for r in data.get("narrator_remarks", [])),
            impersonal=n(data.get("impersonal", [])),
            partitive=n(data.get("partitive_subjects", [])),
            report_anaphors=n(data.get("report_anaphors", [])),
            fronting_particles=n(data.get("fronting_particles", [])),
            quote_senses=frozenset(data.get("quote_intro_senses", ["say"])),
            governing_words=n(data.get("governing_words", [])),
            max_pro_drop_sentences=int(data.get("max_pro_drop_sentences", 3)),
            max_title_tokens=int(data.get("max_title_tokens", 14)),
            near_gap=int(data.get("near_gap_tokens", 14)),
        )


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Spans of quotations including their marks: “…”, «…», and paired straight quotes. A text whose
    first curly quote is ” writes the pair swapped (”…“, as right-to-left pages often do)."""
    spans = []
    stack: dict[str, int] = {}
    straight = None
    first_curly = next((c for c in text if c in "“”"), "")
    swap = {"”": "“", "“": "”"} if first_curly == "”" else {}
    for i, ch in enumerate(text):
        ch = swap.get(ch, ch)
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


QUOTE_MARKS = frozenset('"“”«»')
COMMAS = frozenset({"،", ","})
ATTRIBUTION_MA = frozenset({"ما", "لما", "حسبما", "وفقما"})  # وفقًا لما نقلته X، حسبما ذكرت X


def _inside(spans: list[tuple[int, int]], s: int, e: int) -> tuple[int, int] | None:
    for qs, qe in spans:
        if qs <= s and e <= qe:
            return qs, qe
    return None


@dataclass
class _Ctx:
    """One document's indexes, built once so each cue costs a few look-ups, not a scan."""
    doc: Document
    lex: ClaimLexicon
    rules: LinkRules
    norms: list[str]
    quotes: list[tuple[int, int]]
    at: dict[int, Mention]  # PERSON/ORG mention by start offset
    dates: dict[int, Mention]  # DATE mention by start offset
    tok_starts: list[int]
    mention_tok: dict[int, Mention]  # token index → PERSON/ORG mention starting there
    in_name: list[bool]  # token inside a PERSON/ORG/MODEL mention
    speakers_sorted: list[Mention]  # PERSON/ORG mentions by start
    speaker_starts: list[int]
    contents: list[tuple[int, int]]  # contents of the claims found so far
    calibrated: bool = False  # a fitted confidence table is installed
    cues: dict[int, Cue | None] = field(default_factory=dict)  # match_cue memo by token index
    # the last speaker taken by a cue of each agreement (m, f, p: masculine, feminine, plural)
    # and the agreement of the cue that took the previous claim's speaker
    agreeing: dict[str, tuple["_Found", int]] = field(default_factory=dict)
    last_agreement: str = ""
    spoken: set = field(default_factory=set)  # entities quoted so far (their ids, else canonical names)

    def cue(self, k: int) -> Cue | None:
        """The cue starting at token k, looked up once per document."""
        if k not in self.cues:  # no cue starts with punctuation or a digit
            self.cues[k] = self.lex.match_cue(self.norms, k) if self.norms[k][:1].isalpha() else None
        return self.cues[k]

    def tok_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.tok_starts, offset)

    def in_content(self, s: int, e: int) -> bool:
        return any(cs <= s and e <= ce for cs, ce in self.contents)

    def mentions_between(self, s: int, e: int) -> list[Mention]:
        a = bisect.bisect_left(self.speaker_starts, s)
        b = bisect.bisect_left(self.speaker_starts, e)
        return [m for m in self.speakers_sorted[a:b] if m.end <= e]


def _context(doc: Document, lex: ClaimLexicon) -> _Ctx:
    toks = doc.tokens
    starts = [t.start for t in toks]
    speakers = sorted((m for m in doc.mentions if m.type in SPEAKER_TYPES), key=lambda m: (m.start, -m.end))
    mention_tok, in_name = {}, [False] * len(toks)
    for m in doc.mentions:
        if m.type not in SPEAKER_TYPES + ("MODEL", "LOC"):
            continue
        k = bisect.bisect_left(starts, m.start)
        if m.type in SPEAKER_TYPES and k < len(toks) and toks[k].start == m.start:
            mention_tok.setdefault(k, m)
        while k < len(toks) and toks[k].end <= m.end:
            in_name[k] = True
            k += 1
    return _Ctx(doc, lex, lex.rules or LinkRules(), [t.norm for t in toks], find_quotes(doc.text),
                {m.start: m for m in speakers}, {m.start: m for m in doc.mentions if m.type == "DATE"},
                starts, mention_tok, in_name, speakers, [m.start for m in speakers], [],
                claim_confidence is not None and lexicon_path(TABLE_FILE).exists())


def _headline(text: str, ss: int, se: int) -> bool:
    """A title line: a whole line of its own without a sentence's final mark, not the text's
    last line (an article cut off mid-sentence ends that way too). Headlines are optional claims
    at best ("X: …", "…، وفقًا للخبراء")."""
    line_start = text.rfind("\n", 0, ss) + 1
    line_end = text.find("\n", se)
    if text[line_start:ss].strip() or line_end < 0 or text[se:line_end].strip() or not text[line_end:].strip():
        return False
    body = text[ss:se].rstrip()
    return bool(body) and body[-1] not in ".!؟?…\"”»"


def _sentence_tokens(ctx: _Ctx, ss: int, se: int) -> tuple[int, int]:
    lo = bisect.bisect_left(ctx.tok_starts, ss)
    hi = lo
    toks = ctx.doc.tokens
    hi = bisect.bisect_left(ctx.tok_starts, se)
    while hi > lo and toks[hi - 1].end > se:
        hi -= 1
    return lo, hi


@dataclass
class _Found:
    """A speaker as found: the entity (None for a group or an unnamed source), the words that
    name it, and how it was found."""
    mention: Mention | None
    span: SpanRef
    how: str
    distance: int = 0
    feminine: bool | None = None  # the gender of the cue that took this speaker, once a claim has it


def link_claims(doc: Document, lex: ClaimLexicon, kb=None) -> list[Claim]:
    """All claims of a document, in text order."""
    ctx = _context(doc, lex)
    claims: list[Claim] = []
    last: tuple[_Found, int] | None = None  # the previous claim's speaker and its sentence
    for si, (ss, se) in enumerate(doc.sentences):
        lo, hi = _sentence_tokens(ctx, ss, se)
        if lo >= hi or _headline(doc.text, ss, se):
            continue
        i = lo
        sent_claims: list[Claim] = []
        while i < hi:
            cue = ctx.cue(i)
            if cue is None or _inside(ctx.quotes, doc.tokens[i].start, doc.tokens[i].end) or ctx.in_name[i]:
                i += 1
                continue
            if cue.kind in ("masdar", "noun") and ctx.in_content(doc.tokens[i].start, doc.tokens[i].end):
                i += cue.length  # a verbal noun inside reported content is part of it
                continue
            made, resume = _claims_at(ctx, cue, i, lo, hi, si, last, sent_claims, kb)
            for c in made:
                claims.append(c)
                sent_claims.append(c)
                ctx.contents.append((c.content.start, c.content.end))
                if c.speaker is not None:
                    ctx.spoken.add(c.speaker.entity_id or c.speaker.canonical or c.speaker.text)
            if made:
                f = made[-1].evidence.get("_found")
                if f is not None:
                    f.feminine = bool(cue.feminine) if f.mention is not None and f.mention.type == "ORG" else None
                    last = (f, si)
                    if cue.kind in ("verb", "participle"):
                        # وقال الخبراء: a verb before its subject is singular; the group is plural
                        ctx.last_agreement = "p" if f.how == "group" else agreement(cue)
                        ctx.agreeing[ctx.last_agreement] = (f, si)
                    else:
                        ctx.last_agreement = ""
            i = max(i + cue.length, resume)
        for c in sent_claims:
            # وقال X إن ...، مشيرا إلى أن ... بحلول 2030: the date is what the next claim says, not when X
            # spoke; a content that holds this claim's cue (بحسب بلومبرغ، قال X أمس ...) holds its date too
            others = [(o.content.start, o.content.end) for o in sent_claims
                      if o is not c and not (o.content.start <= c.cue.start < o.content.end)]
            if c.date is not None and _inside(others, c.date.start, c.date.end) is not None:
                c.date = claim_date(doc, (ss, se), c.content.start, c.content.end, c.cue.start, others)
    for c in claims:
        c.evidence.pop("_found", None)
    return claims


def _ref(m: Mention) -> SpanRef:
    return SpanRef(m.text, m.start, m.end)


def _name_span(ctx: _Ctx, m: Mention) -> SpanRef:
    """The words of a PERSON mention that name the person: a title the tagger kept at its
    front (الوزير فلان) is not part of the name as written."""
    if m.type != "PERSON":
        return _ref(m)
    k = ctx.tok_at(m.start)
    n = match_phrase(ctx.norms, k, ctx.lex.titles) if ctx.lex.titles else 0
    toks = ctx.doc.tokens
    if n and k + n < len(toks) and toks[k + n].end <= m.end:
        s = toks[k + n].start
        return SpanRef(ctx.doc.text[s:m.end], s, m.end)
    return _ref(m)


def _quoted(ctx: _Ctx, m: Mention) -> bool:
    """The mention is inside a quotation that says more than the name (“أنثروبيك” alone is a
    name in quotation marks, not quoted speech)."""
    q = _inside(ctx.quotes, m.start, m.end)
    return q is not None and len(ctx.doc.text[q[0] + 1:q[1] - 1].strip()) > len(m.text) + 2


def _governed(ctx: _Ctx, k: int, lo: int, person: bool = False) -> bool:
    """The word at token k is the object of a preposition or a clitic ل/ب (لشركة X، في X). A
    person after a definite head is no name of it: الرئيس التنفيذي للشركة داريو أمودي أكد."""
    x = k - 1
    if x >= lo and ctx.norms[x] in QUOTE_MARKS:
        x -= 1
    if x >= lo and ctx.norms[x] in ctx.rules.outlet_nouns and not (person and ctx.norms[x].startswith("ال")):
        x -= 1
    if x < lo:
        return False
    w, t = ctx.norms[x], ctx.doc.tokens[x]
    if t.clitic and w == "ل" and x > lo and ctx.norms[x - 1] == "سبق":
        return False  # سبق لشركة X أن ذكرت: X is the subject
    return w in PREPOSITIONS or (t.clitic and w in {"ل", "ب", "ك"}) or w in {"مثل", "بين", "بينها", "ضد"}


def _resolve_anaphor(ctx: _Ctx, k: int, typ: str, last: tuple[_Found, int] | None, si: int) -> Mention | None:
    """The entity an anaphoric subject (الشركة، سعادته) stands for: the previous speaker when it
    is of that type and near, else the entity of that type the recent text names most."""
    t = ctx.doc.tokens[k]
    ante = None
    if last is not None and last[0].mention is not None and last[0].mention.type == typ \
            and si - last[1] <= ctx.rules.max_pro_drop_sentences:
        ante = last[0].mention
    if ante is None:
        ante = salient_antecedent(ctx.doc, t.start, typ)
    if ante is None:
        return None
    return Mention(t.start, t.end, t.text, typ, "coref", 0.6, canonical=ante.canonical,
                   entity_id=ante.entity_id, kb_id=ante.kb_id)


def _anaphor_type(ctx: _Ctx, w: str) -> str | None:
    if w in ctx.rules.person_anaphors:
        return "PERSON"
    if w in ctx.rules.org_anaphors or ctx.lex.noun_anaphors.get(w) == "ORG":
        return "ORG"
    return None


def _joint(ctx: _Ctx, m: Mention, hi: int) -> tuple[list[Mention], int]:
    """A mention and those joined to it by و (X وY، شركتي X وY), and the token after them."""
    toks = ctx.doc.tokens
    out = [m]
    end = ctx.tok_at(m.end)
    while end + 1 < hi and ctx.norms[end] == "و":
        k = end + 1
        if ctx.norms[k] in ctx.rules.outlet_nouns and k + 1 < hi:
            k += 1
        if ctx.norms[k] in QUOTE_MARKS and k + 1 < hi:
            k += 1
        nxt = ctx.mention_tok.get(k)
        if nxt is None or nxt.type != m.type:
            break
        out.append(nxt)
        end = ctx.tok_at(nxt.end)
        if end < hi and ctx.norms[end] in QUOTE_MARKS and ctx.norms[k - 1] in QUOTE_MARKS:
            end += 1
    return out, min(end, hi) if toks else end


def _speaker_after(ctx: _Ctx, cue: Cue, j: int, lo: int, hi: int, si: int, last) -> tuple[list[_Found], int]:
    """The source named after the cue (verb–subject order): a PERSON/ORG within a few words,
    past a title ("كشف الأستاذ المشارك في …، الدكتور فلان، عن"), a report (تقرير نشرته X،
    اختبارات أجرتها X، تقارير من صحيفتي X وY), a date, or an anaphor (الشركة، سعادته) resolved
    to its entity; else a group noun (الخبراء). Returns the speakers and the token after them."""
    toks, norms, rules, lex = ctx.doc.tokens, ctx.norms, ctx.rules, ctx.lex
    titled = bool(lex.titles) and match_phrase(norms, j, lex.titles) > 0
    budget = rules.max_title_tokens if titled else 4
    k, plain, after_source, head = j, 0, False, False
    anaphor: tuple[int, str] | None = None
    while k < hi and plain <= budget:
        t, w = toks[k], norms[k]
        m = ctx.mention_tok.get(k)
        if m is not None and head and m.type == "ORG":
            break  # (ال)متحدث باسم شركة X: X is whom the unnamed source speaks for
        if m is not None and m.type == "ORG" and not titled and k > j and not after_source and norms[j].startswith("ال") \
                and norms[j] not in rules.outlet_nouns and not _anaphor_type(ctx, norms[j]) and not ctx.in_name[j]:
            break  # وأعلنت السلطات اليمنية الجزيرة منطقة منكوبة: the subject is السلطات
        if m is not None and not _quoted(ctx, m) and (after_source or not (titled and m.type == "ORG")):
            if (titled or k > j) and m.type == "PERSON":
                m = _apposed_name(ctx, m, hi) or m  # رئيس قسم X في شركة Y، فلان، إن: فلان
            ms, end = _joint(ctx, m, hi)
            s = ctx.tok_at(ms[-1].start)
            if end < hi and norms[end] in QUOTE_MARKS and s > 0 and norms[s - 1] in QUOTE_MARKS:
                end += 1  # صحيفة "X": the name's closing mark (وقال X "…": the quotation's opening one stays)
            return [_Found(x, _name_span(ctx, x), "after") for x in ms], end
        if m is not None:  # an organisation inside a title (الرئيس التنفيذي لشبكة "X"، فلان): go on
            k = ctx.tok_at(m.end)
            plain += 1
            continue
        if w in QUOTE_MARKS:
            k += 1
            continue
        if w in lex.group_speakers:
            return [_Found(None, SpanRef(t.text, t.start, t.end), "group")], k + 1
        typ = _anaphor_type(ctx, w) if k == j or (k == j + 1 and norms[j] in rules.adverbs) else None
        if typ and not titled:
            anaphor = (k, typ)
            break
        if w in lex.complementizers or w == ":" or (w in {".", "؟", "?", "!", "؛", ";"} and not ctx.in_name[k]):
            break
        if w in COMMAS and not titled:
            break
        nxt = ctx.mention_tok.get(k + 1)
        if k == j and nxt is not None and nxt.type == "PERSON" and t.clitic and t.end == nxt.start \
                and cue.kind in ("verb", "participle"):
            # قال كريم عادل → ك + ريم: a name's first letter taken for a proclitic; the name as written
            ms, end = _joint(ctx, nxt, hi)
            return [_Found(nxt, SpanRef(ctx.doc.text[t.start:nxt.end], t.start, nxt.end), "after")] + \
                [_Found(x, _name_span(ctx, x), "after") for x in ms[1:]], end
        if k == j and nxt is not None and nxt.type == "PERSON" and w.isalpha() and not t.clitic \
                and (w in lex.verbs or ctx.cue(k) is not None):
            # وفقًا لراي وانغ: a first name that reads like a cue (رأى), the tagger left out
            ms, end = _joint(ctx, nxt, hi)
            return [_Found(nxt, SpanRef(ctx.doc.text[t.start:nxt.end], t.start, nxt.end), "after")] + \
                [_Found(x, _name_span(ctx, x), "after") for x in ms[1:]], end
        if w in lex.verbs or ctx.cue(k) is not None:
            if not (after_source or (k > lo and norms[k - 1] in rules.relative_words)):
                break  # another cue: this one's subject is not after it
        d = ctx.dates.get(t.start)
        if d is not None:  # صرّح الشهر الماضي بأن: a date after the cue is no subject
            k = max(k + 1, ctx.tok_at(d.end))
            continue
        if w == "كل" and k + 1 < hi and norms[k + 1] == "من":
            k += 2  # أعلنت كل من شركتي X وY
            continue
        if w in rules.unnamed_heads:
            head = True
        if k == j and not titled:
            rep = _report_anaphor(ctx, k, hi, last, si)
            if rep is not None:
                return [rep], k + 1  # وأوضح البيان أن: the statement of the source just quoted
        if w in rules.source_nouns:
            after_source = True
            k += 1
            plain += 1
            continue
        if w in PREPOSITIONS or (t.clitic and w in {"ل", "ب", "ك"}):
            if not (titled or after_source):
                break  # وأضاف في تصريح لرويترز: the object of a preposition is no subject
        k += 1
        if w.isalpha():
            plain += 1
    if anaphor is not None:
        k, typ = anaphor
        t = toks[k]
        head = norms[k][2:] if norms[k].startswith("ال") else norms[k]
        if last is not None and last[0].mention is None and si - last[1] <= rules.max_pro_drop_sentences \
                and normalize(last[0].span.text).text.split()[0].removeprefix("ال") == head:
            f = last[0]  # وذكرت صحيفة "X" … وقالت الصحيفة: the unnamed source just quoted
            return [_Found(None, f.span, "anaphor", si - last[1])], k + 1
        m = _resolve_anaphor(ctx, k, typ, last, si)
        if m is not None:
            return [_Found(m, SpanRef(t.text, t.start, t.end), "anaphor")], k + 1
        return [_Found(None, SpanRef(t.text, t.start, t.end), "unnamed")], k + 1  # named nowhere before
    if not titled and j < hi and norms[j] not in rules.unnamed_heads and norms[j] not in rules.quantifiers:
        # مندوب روسيا الدائم لدى الأمم المتحدة فلان: a role the title list lacks, then the name
        for k in range(j + 1, min(hi, j + rules.max_title_tokens)):
            w = norms[k]
            if w in lex.complementizers or w in COMMAS or w in {":", ".", "؛"} or (ctx.cue(k) is not None and not ctx.in_name[k]):
                break
            m = ctx.mention_tok.get(k)
            if m is not None and m.type == "PERSON" and norms[k - 1].startswith("ال") and not ctx.in_name[k - 1]:
                ms, end = _joint(ctx, m, hi)
                return [_Found(x, _name_span(ctx, x), "after") for x in ms], end
    return [], j


def _outlet_source(ctx: _Ctx, j: int, hi: int) -> tuple[SpanRef, int] | None:
    """A source the taggers did not name, after an attribution (وفقًا لموقع ماركت ووتش، وفقًا
    لما ذكرته صحيفة إكسبرس البريطانية، بحسب ما أفاد مصدر مطلع على الملف): an outlet noun or an
    unnamed head and the words after it, up to a preposition, comma or the sentence's end.
    (span, token after it); None for the noun alone (وفقًا للصحيفة)."""
    norms, toks, rules = ctx.norms, ctx.doc.tokens, ctx.rules
    if j >= hi or not (norms[j] in rules.outlet_nouns or norms[j] in rules.unnamed_heads and not norms[j].startswith("ال")):
        return None  # بحسب الخبير الاقتصادي، فلان، فإن: a title, its name after it
    end = j + 1
    while end < hi and end - j <= ctx.lex.max_unnamed and not toks[end].clitic and toks[end].start not in ctx.dates \
            and (norms[end].isalpha() or norms[end] in QUOTE_MARKS) and norms[end] not in PREPOSITIONS \
            and norms[end] not in ctx.lex.verbs and norms[end] not in ctx.lex.complementizers:
        end += 1
    while end > j + 1 and norms[end - 1] in QUOTE_MARKS and not any(norms[x] in QUOTE_MARKS for x in range(j, end - 1)):
        end -= 1
    if end == j + 1 or end - j > ctx.lex.max_unnamed:
        return None
    s, e = toks[j].start, toks[end - 1].end
    return SpanRef(ctx.doc.text[s:e], s, e), end


def _prep_after_unnamed(ctx: _Ctx, cue: Cue, j: int, hi: int) -> tuple[int, int, str] | None:
    """The cue's own preposition right after an unnamed subject (أعلن المتحدث باسم الجيش عن
    …، تعهد حزب "X" بـ …، حذر الوزير مما …): where the content starts, when the words before it
    make an unnamed subject."""
    norms = ctx.norms
    for k in range(j + 1, min(hi - 1, j + ctx.lex.max_unnamed + 2)):
        w = norms[k]
        if w == "ب" and k + 1 < hi and norms[k + 1] == "اسم":
            continue  # متحدث باسم X: the spokesperson's complement
        if w in cue.content_preps or w == "مما" and "من" in cue.content_preps:
            if not _names_someone(ctx, j, hi):
                return None  # اعترضت صاروخا … على: an indefinite object, no subject
            if cue.sense == "call" and not (norms[j] in ctx.rules.unnamed_heads or ctx.in_name[k - 1]):
                return None  # دعا رئيس البلدية السكان إلى: a call's object comes before its preposition
            span = _unnamed_subject(ctx, j, k)
            rest = range(ctx.tok_at(span.end), k) if span is not None else ()
            if span is None or not all(ctx.in_name[x] or norms[x].startswith("ال") or norms[x] in QUOTE_MARKS
                                       or norms[x] in ctx.rules.outlet_nouns or ctx.doc.tokens[x].clitic and norms[x] == "ل"
                                       for x in rest):
                return None  # (الرئيس التنفيذي لشركة X على: a title's complement may follow)
            return (k, 0, "prep") if w == "مما" else (k + 1, 1, "prep")
        if not (w.isalpha() or w in QUOTE_MARKS) or w in ctx.lex.verbs or w in ctx.lex.complementizers:
            return None
    return None


def _names_someone(ctx: _Ctx, j: int, hi: int, construct: bool = True) -> bool:
    """The words at token j can be a subject: a name, a definite noun or construct (قوات المقاومة),
    an unnamed head, a group, a title or an outlet (وأكد مدير المطعم أن، وينفي الرجل), not an
    indefinite object (اعترضت صاروخا). The pro-drop object rule asks it of the word after the cue
    too, without the construct (صحة التقارير is an object there)."""
    norms = ctx.norms
    if j >= hi:
        return False
    w = norms[j]
    return ctx.in_name[j] or w.startswith("ال") or w in ctx.rules.unnamed_heads or w in ctx.lex.group_speakers \
        or construct and j + 1 < hi and ctx.norms[j + 1].startswith("ال") and w.isalpha() and not ctx.doc.tokens[j].clitic \
        and not (w[:-1] in PREPOSITIONS or w[:-2] in PREPOSITIONS) \
        or w in ctx.rules.outlet_nouns \
        or bool(ctx.lex.titles and match_phrase(norms, j, ctx.lex.titles)) or _anaphor_type(ctx, w) is not None \
        or w in ctx.rules.report_anaphors


def _unnamed_possessor(ctx: _Ctx, i: int, lo: int) -> SpanRef | None:
    """The unnamed source whose words a possessive verbal noun reports (نقلت الوكالة عن المندوب
    الفرنسي قوله): the words after the last عن before it, headed by an unnamed head, a group
    noun or a title."""
    norms, toks = ctx.norms, ctx.doc.tokens
    an = normalize("عن").text
    src = next((k for k in range(i - 1, lo - 1, -1) if norms[k] == an), None)
    if src is None or not 1 <= i - src - 1 <= ctx.lex.max_unnamed:
        return None
    words = norms[src + 1:i]
    if not all(w.isalpha() and w not in ctx.lex.verbs for w in words) or any(toks[x].clitic for x in range(src + 1, i)):
        return None
    if not (words[0] in ctx.rules.unnamed_heads or words[0] in ctx.lex.group_speakers
            or ctx.lex.titles and match_phrase(norms, src + 1, ctx.lex.titles)):
        return None
    s, e = toks[src + 1].start, toks[i - 1].end
    return SpanRef(ctx.doc.text[s:e], s, e)


def _unnamed_topic(ctx: _Ctx, lo: int, i: int) -> SpanRef | None:
    """An unnamed subject opening the clause before its cue (المصدر المطلع على الملف أكد أن،
    السفير الروسي من جانبه أكد، لكن مسؤولين قالوا إن): an unnamed head, group noun or title and
    its words, with at most a short circumstance (من جانبه، بدوره، قد) before the cue."""
    norms, toks, rules = ctx.norms, ctx.doc.tokens, ctx.rules
    c = lo
    while c < i and (norms[c] in rules.bullets or toks[c].clitic or norms[c] in QUOTE_MARKS
                     or norms[c] in rules.fronting_particles):
        c += 1
    if c >= i or not (norms[c] in rules.unnamed_heads or norms[c] in ctx.lex.group_speakers
                      or ctx.lex.titles and match_phrase(norms, c, ctx.lex.titles)):
        return None
    x = i
    while x > c and norms[x - 1] in {"قد", "لقد", "كان", "كانت"}:
        x -= 1  # الرئيس الأمريكي قد قال: قد is no part of the subject
    span = _unnamed_subject(ctx, c, x)
    if span is None or ctx.mentions_between(span.start, span.end):
        return None  # الرئيس الأمريكي فلان قد أشار: a named subject, found as such
    between = [w for w in norms[ctx.tok_at(span.end):i] if w.isalpha()]
    if len(between) > 4 or any(w in ctx.lex.verbs or w in ctx.lex.complementizers for w in between) \
            or ctx.mentions_between(span.end, toks[i].start):
        return None  # المدير التقني في شركة X، فلان، قد صرّح: the name in apposition is the subject
    return span


def _spoken_org(ctx: _Ctx, offset: int) -> Mention | None:
    """The organisation the recent text names most (``salient_antecedent``), when it has itself
    been quoted in the article: a report is an organisation's own, not one merely named."""
    m = salient_antecedent(ctx.doc, offset, "ORG")
    return m if m is not None and (m.entity_id or m.canonical or m.text) in ctx.spoken else None


def _report_anaphor(ctx: _Ctx, k: int, hi: int, last, si: int) -> _Found | None:
    """A definite statement or report as the subject at token k with no author named after it
    (وأوضح البيان أن، وأضاف التقرير أن): the statement of the source just quoted a few
    sentences back; a report is an organisation's, so after a person or an official quoted on it
    the organisation the text names most if it has been quoted, else none (the noun as written).
    البيان الصادر عن X names its author itself."""
    if ctx.norms[k] not in ctx.rules.report_anaphors or last is None \
            or si - last[1] > ctx.rules.max_pro_drop_sentences:
        return None
    if any(ctx.mention_tok.get(x) is not None or ctx.norms[x] in ctx.rules.relative_words
           for x in range(k + 1, min(hi, k + 4))):
        return None
    t, f = ctx.doc.tokens[k], last[0]
    if f.mention is None:
        first = normalize(f.span.text).text.split()[0]
        if first not in ctx.rules.unnamed_heads and first not in ctx.lex.group_speakers:
            return _Found(None, f.span, "anaphor", si - last[1])  # an unnamed body quoted as written
        m = _spoken_org(ctx, t.start)  # after مسؤول عسكري: his organisation's report
        return _Found(m, SpanRef(t.text, t.start, t.end), "anaphor", si - last[1]) if m is not None else None
    m = f.mention if f.mention.type == "ORG" else _spoken_org(ctx, t.start)
    if m is None:
        return None  # after a person, with no organisation quoted: whose statement is unclear, as written
    return _Found(m, SpanRef(t.text, t.start, t.end), "anaphor", si - last[1])


def _apposed_name(ctx: _Ctx, m: Mention, hi: int) -> Mention | None:
    """After a title, the PERSON set off by commas is the one the title describes (كشف الأستاذ
    المشارك في …، الدكتور فلان، عن): a name inside the title (a department read as a name)
    gives way to it."""
    norms = ctx.norms
    k = ctx.tok_at(m.end)
    for x in range(k, min(hi, k + 10)):
        w = norms[x]
        if w in ctx.lex.complementizers or w == ":" or ctx.cue(x) is not None:
            return None
        if w in COMMAS:
            y = x + 1
            while y < hi and ctx.mention_tok.get(y) is None and y - x <= 3 and norms[y] not in COMMAS \
                    and (ctx.lex.titles and match_phrase(norms, y, ctx.lex.titles) > 0 or y == x + 1 and norms[y].startswith("ال")):
                y += max(1, match_phrase(norms, y, ctx.lex.titles) if ctx.lex.titles else 1)
            n = ctx.mention_tok.get(y)
            if n is not None and n.type == "PERSON" and n is not m:
                after = ctx.tok_at(n.end)
                if after < hi and (norms[after] in COMMAS or norms[after] in ctx.lex.complementizers):
                    return n
            return None
    return None


def _topic_subject(ctx: _Ctx, lo: int, i: int) -> list[Mention]:
    """A subject that opens the clause before the cue (subject–verb order): "فلان، الرئيس
    التنفيذي لشركة X، أعلن عن …", "- X وY أكدتا أن". Nothing but an apposition set off by
    commas (or قد / كان) may stand between it and the cue."""
    norms, rules = ctx.norms, ctx.rules
    c = lo
    while c < i and (norms[c] in rules.bullets or ctx.doc.tokens[c].clitic or norms[c] in QUOTE_MARKS
                     or norms[c] in rules.fronting_particles):
        c += 1  # إلا أن رويترز قالت / لكن X أكد
    if c < i and norms[c] in rules.outlet_nouns:
        c += 1
    if c < i and norms[c] in QUOTE_MARKS:
        c += 1
    m = ctx.mention_tok.get(c)
    if m is None:
        return []
    ms, e = _joint(ctx, m, i)
    between = [w for w in norms[e:i] if w not in {"قد", "لقد", "كان", "كانت", "وقد"}]
    if between and not (between[0] in COMMAS and between[-1] in COMMAS):
        if not all(w.isalpha() and w not in ctx.lex.verbs and w not in ctx.lex.complementizers for w in between[:2]) \
                or len(between) > 2:
            return []
    if any(w in ctx.lex.complementizers or w in ctx.lex.verbs or w in {":", ".", "؛"} for w in between):
        return []
    return ms


def _subject_position(ctx: _Ctx, k: int, lo: int) -> bool:
    """An organisation at token k can be a clause's subject: it opens the clause, follows the
    clause's first word (وتتبنى X، كانت مجموعة X) or a comma — not a noun it is the genitive of
    (قيمة OpenAI تقدر) nor a list (X وY، مثل X)."""
    norms, toks, rules = ctx.norms, ctx.doc.tokens, ctx.rules
    x = k - 1
    while x >= lo and (norms[x] in QUOTE_MARKS or norms[x] in rules.outlet_nouns):
        x -= 1
    while x >= lo and (toks[x].clitic and norms[x] in {"و", "ف"} or norms[x] in {"قد", "لقد"}):
        x -= 1
    if x < lo or norms[x] in COMMAS or norms[x] in rules.bullets:
        return True
    if toks[x].clitic and norms[x] == "ل" and x > lo and norms[x - 1] == "سبق":
        return True  # سبق لشركة X أن ذكرت
    first = x
    while first > lo and norms[first - 1] not in COMMAS:
        first -= 1
    while first < x and (toks[first].clitic or norms[first] in rules.bullets):
        first += 1
    return x == first and norms[x] not in PREPOSITIONS and not toks[x].clitic


def _after_noun_ok(ctx: _Ctx, m: Mention, lo: int) -> bool:
    """The mention is not the genitive of a plain noun before it (إدارة ترامب، قيمة OpenAI)."""
    k = ctx.tok_at(m.start) - 1
    while k >= lo and ctx.norms[k] in QUOTE_MARKS:
        k -= 1
    if k < lo:
        return True
    w, t = ctx.norms[k], ctx.doc.tokens[k]
    return not (w.isalpha() and not t.clitic and w not in ctx.rules.outlet_nouns and not ctx.in_name[k]
                and w not in PREPOSITIONS and w not in ctx.lex.verbs)


KANA_FORMS = frozenset({"كان", "كانت", "وكان", "وكانت"})


def _after_contrast(ctx: _Ctx, k: int, lo: int) -> bool:
    """Token k follows لكن or إلا/غير/بيد أن, with an outlet noun between (لكن شركة X): a new subject."""
    x = k - 1
    while x >= lo and (ctx.norms[x] in ctx.rules.outlet_nouns or ctx.norms[x] in QUOTE_MARKS):
        x -= 1
    return x >= lo and (ctx.norms[x] == "لكن" or ctx.norms[x] == "ان" and x > lo and ctx.norms[x - 1] in ANNA_PARTICLES)


def _speaker_before(ctx: _Ctx, lo: int, i: int, feminine: bool = True) -> _Found | None:
    """The subject before the cue in the same sentence: the nearest PERSON, else (for a
    feminine cue: organisations are feminine in Arabic) an ORG not governed by a preposition
    or a list (من شركات مثل xAI وMeta), else a group noun. Names inside quotations or inside an
    earlier claim's content are no subject."""
    toks, norms = ctx.doc.tokens, ctx.norms
    cue_start = toks[i].start
    before = [m for m in ctx.mentions_between(toks[lo].start, cue_start)
              if not _quoted(ctx, m) and not ctx.in_content(m.start, m.end)]
    persons = [m for m in before if m.type == "PERSON" and not _governed(ctx, ctx.tok_at(m.start), lo, person=True)]
    if feminine and before and before[-1].type == "ORG" and ctx.tok_at(before[-1].end) == i \
            and _after_contrast(ctx, ctx.tok_at(before[-1].start), lo):
        return _Found(before[-1], _ref(before[-1]), "before")  # …، إلا أن OpenAI أكدت: not the person before
    if persons:
        m = persons[-1]
        return _Found(m, _name_span(ctx, m), "before")
    for m in reversed(before if feminine else []):
        k = ctx.tok_at(m.start)
        if _governed(ctx, k, lo) or not _subject_position(ctx, k, lo):
            continue
        return _Found(m, _ref(m), "before")
    k = i - 1
    while k > lo and norms[k] in {"قد", "لقد"}:
        k -= 1
    kana = k - 1
    while kana >= lo and toks[kana].clitic:
        kana -= 1
    typ = _anaphor_type(ctx, norms[k]) if k >= lo and not toks[k].clitic else None
    if typ is not None and (typ == "PERSON" or feminine) and (kana < lo or norms[kana] in KANA_FORMS):
        # وكانت الشركة قد أعلنت: the company the text is about
        ante = _resolve_anaphor(ctx, k, typ, None, ctx.doc.sentence_of(toks[k].start))
        if ante is not None:
            return _Found(ante, _ref(ante), "anaphor")
    for k in range(i - 1, max(lo, i - ctx.lex.max_group_distance) - 1, -1):
        if norms[k] in ctx.lex.group_speakers:
            t = toks[k]
            return _Found(None, SpanRef(t.text, t.start, t.end), "group")
    return None


def _counted_group(ctx: _Ctx, k: int, hi: int) -> SpanRef | None:
    """A counted group of sources (أكثر من 50 منظمة، نحو 40 شركة أوروبية) starting at token k,
    up to its list of members (مثل X، من بينها X) or a comma."""
    norms, toks = ctx.norms, ctx.doc.tokens
    if k >= hi or norms[k] not in ctx.rules.quantifiers:
        return None
    x = k + 1
    if x < hi and norms[x] == "من":
        x += 1
    if not (x < hi and norms[x].isdigit()):
        return None
    end = x + 1
    while end < hi and end - k < 8 and norms[end].isalpha() and not toks[end].clitic and norms[end] not in PREPOSITIONS \
            and norms[end] not in {"مثل", "بينها", "منها"} and norms[end] not in ctx.lex.verbs \
            and norms[end] not in ctx.lex.complementizers and ctx.cue(end) is None:
        end += 1
    if end == x + 1:
        return None
    s, e = toks[k].start, toks[end - 1].end
    return SpanRef(ctx.doc.text[s:e], s, e)


def _untagged_name(ctx: _Ctx, span: SpanRef) -> _Found | None:
    """A name the tagger missed after a definite title (الوزير عبدالعاطي): one to three words
    without the article. It takes the entity of an earlier PERSON whose name ends the same way."""
    norms, toks = ctx.norms, ctx.doc.tokens
    j = ctx.tok_at(span.start)
    n = match_phrase(norms, j, ctx.lex.titles) if ctx.lex.titles else 0
    end = ctx.tok_at(span.end)
    words = norms[j + n:end]
    if not n or not norms[j].startswith("ال") or not 1 <= len(words) <= 3 \
            or any(w.startswith("ال") or not w.isalpha() or w in PREPOSITIONS for w in words):
        return None
    s, e = toks[j + n].start, span.end
    key = "".join(words)
    earlier = [m for m in ctx.speakers_sorted if m.type == "PERSON" and m.start < s
               and normalize(m.text).text.replace(" ", "").endswith(key)]
    ante = earlier[-1] if earlier else None
    m = Mention(s, e, ctx.doc.text[s:e], "PERSON", "claims", 0.5,
                canonical=ante.canonical if ante else ctx.doc.text[s:e],
                entity_id=ante.entity_id if ante else None, kb_id=ante.kb_id if ante else None)
    return _Found(m, SpanRef(m.text, s, e), "after")


def _definite_subject(ctx: _Ctx, j: int, hi: int, own_object: bool = False) -> tuple[SpanRef, int] | None:
    """An unnamed subject before a cue's object (أعلنت السلطات النمساوية عزمها …، أعلن الاتحاد
    الأرجنتيني لكرة القدم تعيين …): a first noun and the definite words (or a name) that follow
    it; the object starts at the first indefinite word. (span, token after it)"""
    norms, toks = ctx.norms, ctx.doc.tokens
    if j >= hi or not norms[j].isalpha() or toks[j].clitic or norms[j] in PREPOSITIONS or norms[j] in ctx.lex.verbs \
            or norms[j] in ctx.rules.adverbs or toks[j].start in ctx.dates or norms[j] in ctx.lex.vague_subjects:
        return None
    k = j + 1
    while k < hi and k - j < 6 and toks[k].start not in ctx.dates:
        w = norms[k]
        if ctx.in_name[k] or (w.startswith("ال") and w.isalpha() and w not in ctx.lex.verbs):
            k += 1
        elif toks[k].clitic and w == "ل" and k + 2 < hi and norms[k + 2].startswith("ال"):
            k += 3  # الاتحاد الأرجنتيني لكرة القدم
        else:
            break
    if k == j + 1 and not ctx.in_name[j] and not (
            own_object and k < hi and norms[k].isalpha() and toks[k].text.endswith(("ه", "ها", "هم"))):
        return None  # one word: no telling subject from object (but أعلن الجيش ترحيبه: an announcement of his own)
    s, e = toks[j].start, toks[k - 1].end
    return SpanRef(ctx.doc.text[s:e], s, e), k


def _bare_noun_follows(ctx: _Ctx, j: int, hi: int) -> bool:
    """The cue is followed by a word that can only be its subject (not a preposition,
    adverb, pronoun-PP or complementizer)."""
    if j >= hi:
        return False
    t, w = ctx.doc.tokens[j], ctx.norms[j]
    if t.start in ctx.dates:
        return False
    return not (t.clitic or w in ctx.lex.pro_drop_openers or w in ctx.lex.complementizers or not w.isalpha()
                or ctx.lex.noun_anaphors.get(w) or w in ctx.lex.verbs or w in PREPOSITIONS
                or w in ctx.rules.adverbs)


def _unnamed_subject(ctx: _Ctx, j: int, intro: int) -> SpanRef | None:
    """A subject that names no one (قال متحدث باسم الشركة إن، أكد ممثل عن الشركة أن، حذرت أكثر
    من 50 منظمة من): the words after the cue up to a preposition, comma, quotation or addressee
    (لرويترز), with the one complement that says whom a spokesperson speaks for. None for a vague
    subject (البعض) or one too long to be a subject."""
    toks, norms, rules = ctx.doc.tokens, ctx.norms, ctx.rules
    group = _counted_group(ctx, j, intro)
    if group is not None:
        return group
    if j >= intro:
        return None
    if norms[j] in ctx.lex.vague_subjects and not (
            norms[j] in rules.partitive and j + 1 < intro and norms[j + 1].isalpha() and norms[j + 1] not in PREPOSITIONS):
        return None  # البعض names no one; أحد أبرز الباحثين describes someone
    end = j
    took_complement = False
    while end < intro:
        w = norms[end]
        if end > j and (ctx.cue(end) is not None or toks[end].start in ctx.dates):
            break  # تقرير بثته القناة نقلًا عن …، منظمة X الأربعاء: no part of the subject
        if w == "باسم" or (w == "اسم" and end > j and norms[end - 1] == "ب"):
            took_complement = True  # المتحدث باسم X: its one complement
        counted = norms[j] in rules.quantifiers and end == j + 1 and w == "من"  # أكثر من 50 منظمة
        if (w in PREPOSITIONS or w == "مما") and not counted:
            if not took_complement and w in rules.unnamed_preps and end > j and end + 1 < intro \
                    and any(norms[x] in rules.unnamed_heads for x in range(j, end)):
                m = ctx.mention_tok.get(end + 1) or ctx.mention_tok.get(end + 2)
                nxt = norms[end + 1]
                if m is None and not (_anaphor_type(ctx, nxt) == "ORG" or nxt in rules.outlet_nouns):
                    break  # المتحدثة في اتصال: a circumstance, not whom she speaks for
                took_complement = True  # متحدث باسم الشركة، ممثل عن شركة X
                end = ctx.tok_at(m.end) if m is not None else end + 2
                break
            break
        if not (w.isalpha() or w.isdigit() or w in {"-", "."} or w in QUOTE_MARKS or counted) \
                or w == "ل":
            break  # (لـ"العربية نت": the addressee, also written apart)
        end += 1
    while end > j and (not (norms[end - 1].isalpha() or norms[end - 1].isdigit()) or toks[end - 1].clitic):
        end -= 1
    if end < intro and norms[end] in QUOTE_MARKS and sum(norms[x] in QUOTE_MARKS for x in range(j, end)) % 2:
        end += 1  # حزب "النهضة": the name's closing quotation mark
    if end <= j or end - j > ctx.lex.max_unnamed or any(w in rules.relative_words for w in norms[j:end]):
        return None  # لم تنشر البيانات التي استخدمتها: an object with its relative clause
    rest = norms[end:intro]  # between the subject and the complementizer: circumstances only
    if len(rest) > ctx.lex.max_unnamed + 6 or any(w in ctx.lex.verbs for w in rest):
        return None
    s, e = toks[j].start, toks[end - 1].end
    return SpanRef(ctx.doc.text[s:e], s, e)


def _described_speaker(ctx: _Ctx, span: SpanRef, last, si: int) -> _Found | None:
    """A title over an anaphor (رئيس الشركة الرائدة في …) describes the person just quoted:
    the previous speaker, when a PERSON a few sentences back."""
    norms = ctx.norms
    j, end = ctx.tok_at(span.start), ctx.tok_at(span.end)
    if not (ctx.lex.titles and match_phrase(norms, j, ctx.lex.titles)) or last is None:
        return None
    f, at = last
    if f.mention is None or f.mention.type != "PERSON" or si - at > ctx.rules.max_pro_drop_sentences:
        return None
    if not any(_anaphor_type(ctx, norms[x]) == "ORG" for x in range(j, end)):
        return None
    return _Found(f.mention, span, "anaphor", si - at)


def _stem(w: str) -> str:
    return w[2:] if w.startswith("ال") and len(w) > 3 else w


def _nisba(w: str) -> str | None:
    """The relative adjective a definite word is (الأمريكي، التركية → أمريكي، تركي), else None."""
    if not (w.startswith("ال") and w.endswith(("ي", "يه")) and len(w) > 4):
        return None
    w = _stem(w)
    return w[:-1] if w.endswith("يه") else w


def _title_context(ctx: _Ctx, m: Mention) -> list[str]:
    """The words of a PERSON mention's title as written beside it in its sentence, in text
    order: before the name back to a cue, complementizer, full stop or another person (قال وزير
    الخارجية الأمريكي فلان), and an apposition after it up to one (فلان، المبعوث الخاص إلى …، إن)."""
    norms = ctx.norms
    si = ctx.doc.sentence_of(m.start)
    lo, hi = _sentence_tokens(ctx, *ctx.doc.sentences[si])
    k, e = ctx.tok_at(m.start), ctx.tok_at(m.end)
    toks = ctx.doc.tokens
    others = [(o.start, o.end) for o in ctx.mentions_between(toks[max(lo, k - 8)].start, toks[min(hi, e + 8) - 1].end)
              if o.type == "PERSON" and (o.start, o.end) != (m.start, m.end)]
    stop = lambda x: norms[x] in ctx.lex.complementizers or norms[x] in {":", ".", "؛"} \
        or (ctx.cue(x) is not None and not ctx.in_name[x]) \
        or any(a <= toks[x].start < b for a, b in others)  # noqa: E731  (another person's title is not his)
    x = k - 1
    while x >= max(lo, k - 8) and not stop(x):
        x -= 1
    y = e
    appositive = e < hi and (norms[e] in COMMAS | {"("} or bool(ctx.lex.titles and match_phrase(norms, e, ctx.lex.titles)))
    while appositive and y < min(hi, e + 8) and not stop(y):
        y += 1  # an apposition: فلان، المبعوث الخاص … / فلان رئيس اللجنة
    words = []
    for z in list(range(x + 1, k)) + list(range(e, y)):
        if norms[z].isalpha():
            words.append(norms[z])
            if toks[z].clitic and z + 1 < len(norms):
                words.append(norms[z] + norms[z + 1])  # ب + لدية: a proclitic split off a word (بلدية)
    return words


def _title_fits(words: list[str], seqs: list[list[str]]) -> tuple[bool, bool, bool]:
    """(the title's words other than a final relative adjective are all among a person's
    title words, that person's title has another relative adjective right where this one's is:
    وزير الخارجية التركي against وزير الخارجية الأمريكي, it has this one's final adjective)."""
    final = _nisba(words[-1]) if len(words) > 1 else None
    core = [_stem(w) for w in (words[:-1] if final else words)]
    stems = {_stem(w) for seq in seqs for w in seq}
    clash = False
    for seq in seqs:
        st = [_stem(w) for w in seq]
        for x in range(len(st) - 1):
            if st[x] == core[-1] and final and (other := _nisba(seq[x + 1])) is not None and other != final:
                clash = True
    return all(c in stems for c in core), clash, bool(final) and final in {_nisba(w) for seq in seqs for w in seq}


def _titled_antecedent(ctx: _Ctx, span: SpanRef, last, si: int) -> _Found | None:
    """A definite title standing for a person the article named with it (وقال وزير الخارجية
    الأمريكي فلان … وأضاف وزير الخارجية الأمريكي أن; فلان، المبعوث الخاص … وقال المبعوث
    الأممي): the latest earlier PERSON whose title, as written beside one of his mentions, has
    every word of this one but a final relative adjective, and no other adjective in its place
    (وزير الخارجية التركي is not the American minister). An anaphoric head (المسؤول الإيراني،
    مسؤولة السياسة الخارجية) is the person last quoted or named. An indefinite title (مسؤول
    أمريكي: someone new) is left as written; so is an anaphoric head with words of its own
    (وزير الدفاع) or of another country (المسؤول الأرجنتيني) than that person's title."""
    norms = ctx.norms
    j, end = ctx.tok_at(span.start), ctx.tok_at(span.end)
    words = [w for w in norms[j:end] if w.isalpha()]
    if not words or not (ctx.lex.titles and match_phrase(norms, j, ctx.lex.titles)) \
            or not any(w.startswith("ال") for w in words[:2]):
        return None
    persons = [m for m in ctx.speakers_sorted if m.type == "PERSON" and m.end <= span.start
               and not _inside(ctx.quotes, m.start, m.end) and not ctx.in_content(m.start, m.end)]
    key = lambda m: m.entity_id or m.canonical or m.text  # noqa: E731
    seqs: dict[str, list[list[str]]] = {}
    for m in persons:
        seqs.setdefault(key(m), []).append(_title_context(ctx, m))
    # a person whose title has the adjective too (الرئيس الأمريكي فلان) before a later one whose has none
    for need_final in (True, False):
        for m in reversed(persons):
            fits, clash, has_final = _title_fits(words, seqs[key(m)])
            if fits and not clash and (has_final or not need_final):
                return _Found(m, span, "anaphor", si - ctx.doc.sentence_of(m.start))
    anaphors = {_stem(w) for w in ctx.rules.person_anaphors}
    final = _nisba(words[-1]) if len(words) > 1 else None
    if _stem(words[0]) not in anaphors or len(words) > (2 if final else 1):
        return None  # وزير الدفاع after the foreign minister: another person
    m = None
    if last is not None and last[0].mention is not None and last[0].mention.type == "PERSON" \
            and si - last[1] <= ctx.rules.max_pro_drop_sentences:
        m = last[0].mention
    elif persons and si - ctx.doc.sentence_of(persons[-1].start) <= 2:
        m = persons[-1]
    if m is None:
        return None
    theirs = {_nisba(w) for seq in seqs[key(m)] for w in seq} - {None}
    if final and theirs and final not in theirs:
        return None  # المسؤول الأرجنتيني after the Brazilian minister: someone else
    return _Found(m, span, "anaphor", si - ctx.doc.sentence_of(m.start))


def _named_in(ctx: _Ctx, span: SpanRef, intro_start: int) -> Mention | None:
    """The entity an unnamed-looking subject still names: a person between it and the
    complementizer (الناطق باسم الحكومة يوشيهيدي سوغا; المحللة في مؤسسة X، سارة كوهين، أن),
    or an organisation/place it starts with (الصين مرارا)."""
    person = next((m for m in ctx.mentions_between(span.start, intro_start) if m.type == "PERSON"
                   and not _inside(ctx.quotes, m.start, m.end)), None)
    if person is not None:
        return person
    return next((m for m in ctx.doc.mentions if m.start == span.start and m.end <= span.end
                 and m.type in ("PERSON", "ORG", "LOC")), None)


def _opens_clause(ctx: _Ctx, lo: int, i: int) -> bool:
    """A cue with no subject of its own: at the start of its sentence or after و/ف/كما/ثم/قد,
    a bullet, or a pronoun subject (وها هو الآن يحذر)."""
    if i == lo or (ctx.doc.tokens[i - 1].clitic and ctx.norms[i - 1] in {"و", "ف"}):
        return True  # … وقالت إنه: a coordinated clause with no subject of its own
    k = i - 1
    skip = {"كما", "ثم", "قد", "لقد", "وقد", "هو", "هي", "ها", "وها", "الان", "بدوره", "بدورها", "كذلك", "ايضا"}
    while k >= lo and (ctx.doc.tokens[k].clitic or ctx.norms[k] in skip or ctx.norms[k] in ctx.rules.bullets):
        k -= 1
    if k >= lo and _pronoun_subject(ctx.norms, k, lo):
        # لكنه قال، إلا أنها أكدت: the pronoun on the particle is the subject, the previous speaker, where the
        # sentence starts with it or a claim of this sentence came before it (قال X ...، لكنه أشار). After a
        # clause of another verb it is that verb's subject (ولم تنشر الشركة القائمة، لكنها أكدت): not followed.
        first = k - (ctx.norms[k] in ANNA_PRONOUNS)
        while first > lo and ctx.doc.tokens[first - 1].clitic:
            first -= 1
        s, e = ctx.doc.tokens[lo].start, ctx.doc.tokens[i].start
        return first == lo or any(s <= cs and ce <= e for cs, ce in ctx.contents)
    return k < lo or ctx.norms[k] in {"،", ",", "؛", ";"}


CONTRAST_PRONOUNS = frozenset({"لكنه", "لكنها", "لكنهم", "لكنهما", "لكني", "لكننا"})
ANNA_PRONOUNS = frozenset({"انه", "انها", "انهم", "انهما"})
ANNA_PARTICLES = frozenset({"الا", "غير", "بيد", "كما"})  # إلا أنه، غير أنها، بيد أنه، كما أنه


def _pronoun_subject(norms: list[str], k: int, lo: int) -> bool:
    """The word at k carries the subject of the verb after it as a pronoun: لكنه، or أنه after
    إلا/غير/بيد/كما (not the complementizer أنه of a verb: أكد أنه قال is inside a content)."""
    w = norms[k]
    if w in CONTRAST_PRONOUNS:
        return True
    return w in ANNA_PRONOUNS and k - 1 >= lo and norms[k - 1] in ANNA_PARTICLES


def _previous_speaker(ctx: _Ctx, si: int, i: int, last: tuple[_Found, int] | None, cue: Cue | None = None) -> _Found | None:
    """For a cue with no subject of its own: the previous claim's speaker when it is at most a
    few sentences back (the subject of a chain وأضاف … وأشار …), else the last PERSON named
    in the two sentences before, outside quotations and earlier claims' contents."""
    # agreement: وقالت الشركة … وقال فلان … وأضافت: a cue whose gender or number differs from the
    # cue that took the previous speaker continues the last speaker of its own agreement
    # (a masculine cue after a feminine chain takes the last person named, below)
    key = agreement(cue) if cue is not None and cue.kind in ("verb", "participle") else ""
    if key in ("f", "p") and ctx.last_agreement and key != ctx.last_agreement and key in ctx.agreeing:
        f, s = ctx.agreeing[key]
        if si - s <= ctx.rules.max_pro_drop_sentences:
            return _Found(f.mention, f.span, "previous", si - s)
    # after "أعلنت الشركة" a masculine "وأضاف" has another subject (الاتحاد، البنك are masculine)
    disagrees = cue is not None and not cue.feminine and not cue.plural and last is not None and last[0].feminine
    doc = ctx.doc
    if last is not None and si - last[1] <= ctx.rules.max_pro_drop_sentences and not disagrees:
        f = last[0]
        # أخبر فلان … (no claim of its own) ، حيث قال: the subject of that later cue
        later = [m for m in ctx.mentions_between(f.span.end, doc.tokens[i].start)
                 if (m.type == "PERSON" or cue is not None and cue.feminine == (m.type == "ORG"))
                 and ctx.tok_at(m.start) > 0 and ctx.cue(ctx.tok_at(m.start) - 1) is not None
                 and not ctx.in_content(m.start, m.end) and not _inside(ctx.quotes, m.start, m.end)]
        if later:
            m = later[-1]
            return _Found(m, _name_span(ctx, m), "previous", si - doc.sentence_of(m.start))
        return _Found(f.mention, f.span, "previous", si - last[1])
    window_start = doc.sentences[max(0, si - 2)][0]
    cue_start = doc.tokens[i].start
    persons = [m for m in ctx.mentions_between(window_start, cue_start) if m.type == "PERSON"
               and not _inside(ctx.quotes, m.start, m.end) and not ctx.in_content(m.start, m.end)]
    if persons:
        m = persons[-1]
        return _Found(m, _name_span(ctx, m), "previous", si - doc.sentence_of(m.start))
    if last is not None:
        f = last[0]
        return _Found(f.mention, f.span, "previous", si - last[1])
    return None


def agreement(cue: Cue) -> str:
    """The subject a cue agrees with: p (dual or plural), f (feminine singular: a woman, an
    organisation), m (masculine singular)."""
    return "p" if cue.plural else "f" if cue.feminine else "m"


def _content_start(ctx: _Ctx, j: int, hi: int, cue: Cue) -> tuple[int, int, str] | None:
    """(token index where the content starts, tokens consumed by the introducer, introducer:
    complementizer | colon | quote | prep) — the first introducer within reach, unless another
    cue or the sentence's end comes first."""
    norms, lex = ctx.norms, ctx.lex
    toks = ctx.doc.tokens
    k = j
    while k < hi and k - j <= lex.max_gap:
        w = norms[k]
        near = k - j <= ctx.rules.near_gap or norms[k - 1] in COMMAS  # far: only after a parenthesis
        if k > j and norms[k - 1] == "الا":
            return None  # …، إلا أن: "however", no complementizer of this cue
        if w in lex.complementizers and k > j and norms[k - 1] in ctx.rules.governing_words:
            return None  # دون أن تخبر / قبل أن: the complementizer of another word
        if w in lex.complementizers and near:
            return k + 1, 1, "complementizer"
        if w in lex.complementizer_preps and k + 1 < hi and norms[k + 1] in lex.complementizers and near:
            return k + 2, 2, "complementizer"
        if w == ":":
            return k + 1, 1, "colon"
        if w == "مما" and "من" in cue.content_preps and k + 1 < hi and (k == j or _adjunct_only(ctx, j, k)):
            return k, 0, "prep"  # حذر مما وصفه بـ: من + ما, the content is ما's clause
        if w in cue.content_preps and k + 1 < hi and (k == j or norms[k - 1] in {"،", ","}
                                                      or k == j + 1 and norms[j] in QUOTE_MARKS  # رحب X "بالتعاون …"
                                                      or _adjunct_only(ctx, j, k)
                                                      or (k == j + 1 and norms[j] in cue.prep_objects)):
            # the cue's own preposition (حذّر من، دعا إلى، أعلن عن), also after a short adjunct
            # (أعلنت في بيان عن، كشفت في تقارير سابقة عن); after a feeling of the
            # speaker's own the content is its clause (أعرب عن أسفه لأن / عن أمله في أن …)
            c = next((x for x in (k + 2, k + 3) if x < hi and norms[x] in lex.complementizers
                      and (x == k + 2 or norms[k + 2] in lex.complementizer_preps | {"في", "من"})), None)
            if c is not None and norms[k + 1].endswith(("ه", "ها", "هم")):
                return c + 1, c - k + 1, "complementizer"
            return k + 1, 1, "prep"
        if w in "“«\"" and cue.kind not in ("prep", "noun") and getattr(cue, "sense", "say") in ctx.rules.quote_senses \
                and (k == j or not (norms[k - 1] in TITLE_NOUNS | {"بعنوان"} or norms[k - 1] in PREPOSITIONS
                                    or toks[k - 1].clitic or norms[k - 1] in ctx.rules.outlet_nouns)):
            q = next(((qs, qe) for qs, qe in ctx.quotes if qs == toks[k].start), None)
            if q is not None and len(ctx.doc.text[q[0] + 1:q[1] - 1].split()) >= 3 \
                    and not any(m.start <= q[0] + 1 and q[1] - 1 <= m.end + 1 for m in ctx.mentions_between(q[0], q[1])):
                return k, 0, "quote"  # وقال فلان للصحيفة، "…" / وقال فلان في خطاب "…"
        other = ctx.cue(k) if k > j else None
        if other is not None and other.kind in ("verb", "participle", "masdar") and w not in lex.complementizers:
            nxt = norms[k + other.length] if k + other.length < hi else ""
            if (nxt == ":" or nxt in QUOTE_MARKS) and not (other.kind == "masdar" and _possessive_masdar(ctx, other, w)):
                k += other.length  # صرّحت فلانة قائلة: “…” (but نقلت X عن فلان قوله: “…” is فلان's claim)
                continue
            if norms[k - 1] in ATTRIBUTION_MA and (any(norms[x] in COMMAS for x in range(max(j, k - 4), k - 1))
                                                   or k - 2 >= j and norms[k - 2] in {"حسب", "بحسب", "وفقا", "طبقا", "وفق"}):
                k += other.length  # علق على …، وفقًا لما نقلته X: "…": the relay of this cue's own words
                continue
            if not (norms[k - 1] in ctx.rules.relative_words or norms[k - 1] in ctx.rules.source_nouns):
                return None
        if w in {".", "؟", "?", "!"} and not ctx.in_name[k]:
            return None
        k += 1
    return None


ADJUNCT_PREPS = frozenset(normalize(w).text for w in ["في", "خلال", "عبر"])


def _adjunct_only(ctx: _Ctx, j: int, k: int) -> bool:
    """Tokens j..k-1 are only circumstances of the cue: dates (يوم الثلاثاء الماضي), adverbs,
    and one short prepositional adjunct (في مقابلة مع شبكة CNBC، خلال مؤتمر صحفي), so the
    cue's own preposition at k still opens its content."""
    norms, toks = ctx.norms, ctx.doc.tokens
    x, adjunct = j, False
    while x < k:
        if toks[x].start in ctx.dates:
            x = max(x + 1, ctx.tok_at(ctx.dates[toks[x].start].end))
        elif norms[x] in ctx.rules.adverbs:
            x += 1
        elif norms[x] in ADJUNCT_PREPS and not adjunct:
            end = x + 1
            while end < k and toks[end].start not in ctx.dates and norms[end] not in ctx.rules.adverbs:
                w = norms[end]
                if not (w.isalnum() or toks[end].clitic) or w in ctx.lex.complementizers or ctx.cue(end) is not None:
                    return False
                end += 1
            if end - x > 6:
                return False
            x, adjunct = end, True
        else:
            return False
    return x >= k


def _object_start(ctx: _Ctx, after: int, hi: int) -> int | None:
    """Where the object of an announcing cue starts (أعلنت X رسميًا رفضها …، فندت، في بيان،
    المزاعم …): past adverbs, dates and a parenthesis set off by commas, a plain word."""
    norms, toks = ctx.norms, ctx.doc.tokens
    k = after
    p = k - 1
    while p > 0 and norms[p] in QUOTE_MARKS:
        p -= 1
    if p >= 0 and ctx.in_name[p]:
        while k < hi and norms[k].startswith("ال") and not ctx.in_name[k]:
            k += 1  # شركة X الأمريكية الناشئة: adjectives of the name, not its object
    while k < hi:
        w = norms[k]
        if k == after and toks[k].clitic and w == "ل" and k + 2 < hi and norms[k + 2].startswith("ال"):
            k += 3  # الاتحاد الأرجنتيني لكرة القدم: the name's complement
        elif toks[k].start in ctx.dates:
            k = max(k + 1, ctx.tok_at(ctx.dates[toks[k].start].end))
        elif w in ctx.rules.adverbs:
            k += 1
        elif w in COMMAS:  # an apposition or a circumstance set off by commas (، في بيان رسمي،)
            close = next((x for x in range(k + 1, min(hi, k + 14)) if norms[x] in COMMAS), None)
            if close is None:
                return None
            k = close + 1
        else:
            break
    if k >= hi:
        return None
    w, t = norms[k], toks[k]
    if t.clitic or not w.isalpha() and w not in QUOTE_MARKS or w in PREPOSITIONS or w in ctx.lex.verbs \
            or w in ctx.lex.complementizers or ctx.cue(k) is not None:
        return None
    return k


def _attribution_at(ctx: _Ctx, k: int, hi: int) -> bool:
    """A new attribution by the narrator starts at token k (after a comma): a cue, possibly after
    و/ف/كما/حسبما (، وأضاف / ، مشيرًا / ، بحسب X / ، كما أفادت تقارير)."""
    x = k
    while x < hi and (ctx.doc.tokens[x].clitic or ctx.norms[x] in ctx.rules.attribution_particles):
        if ctx.cue(x) is not None:
            return True
        x += 1
    if x + 1 < hi and ctx.norms[x] in ANNA_PARTICLES and ctx.norms[x + 1] in ANNA_PRONOUNS:
        x += 1
    if x + 1 < hi and _pronoun_subject(ctx.norms, x, k):
        x += 1  # ، لكنه أشار إلى: the narrator's new attribution to the same speaker, not the speech going on
    elif x + 1 < hi and (ctx.norms[x] == "لكن" or ctx.norms[x] in ANNA_PARTICLES - {"كما"} and ctx.norms[x + 1] == "ان"):
        # ، لكن/إلا أن + a named subject + its cue (، إلا أن OpenAI أكدت أن): a new source the narrator quotes
        y = x + (1 if ctx.norms[x] == "لكن" else 2)
        while y < hi and (ctx.norms[y] in ctx.rules.outlet_nouns or ctx.norms[y] in QUOTE_MARKS):
            y += 1  # لكن شركة X
        m = next((m for m in ctx.doc.mentions if m.start == ctx.doc.tokens[y].start and m.type in ("PERSON", "ORG")), None) \
            if y < hi else None
        if m is not None:
            z = ctx.tok_at(m.end)
            return z < hi and (c := ctx.cue(z)) is not None and c.kind == "verb"
    return x < hi and ctx.cue(x) is not None


def _clause_end(ctx: _Ctx, start_tok: int, hi: int, sent_end: int) -> int:
    """Offset where reported content starting at ``start_tok`` ends: the sentence's end, or
    before a new attribution of the narrator's or a remark of his own (، وهو ما)."""
    toks, norms, lex = ctx.doc.tokens, ctx.norms, ctx.lex
    for k in range(start_tok, hi):
        if _inside(ctx.quotes, toks[k].start, toks[k].end):
            continue
        w = norms[k]
        if w in lex.content_stops or any(tuple(norms[k:k + len(st)]) == st for st in lex.clause_stops):
            return toks[k].start
        if w in COMMAS:
            if any(tuple(norms[k:k + len(r)]) == r for r in ctx.rules.narrator_remarks) or _attribution_at(ctx, k + 1, hi) \
                    or k + 3 < hi and norms[k + 1] == "قبل" and norms[k + 2] == "ان" and (c := ctx.cue(k + 3)) is not None \
                    and c.kind == "verb":
                return toks[k].start  # …، قبل أن يضيف: the narrator tells what was said next
    return sent_end


def _content_span(ctx: _Ctx, start_tok: int, hi: int, sent_end: int) -> tuple[int, int, bool] | None:
    """(start, end, direct) of the content from ``start_tok`` to the end of its clause. A
    quotation that opens the content is the content (across sentences if it runs on), unless
    the reported clause goes on after it (“…”، حيث …: then it is mixed)."""
    doc, toks = ctx.doc, ctx.doc.tokens
    if start_tok >= hi:
        return None
    s = toks[start_tok].start
    q = next(((qs, qe) for qs, qe in ctx.quotes if qs == s), None)
    if q is not None:
        inner_s, inner_e = _trim(doc.text, q[0] + 1, q[1] - 1)
        k = ctx.tok_at(q[1])
        if q[1] <= sent_end and k < hi:
            end = _clause_end(ctx, k, hi, sent_end)
            rest = doc.text[q[1]:end]
            if any(ch.isalpha() for ch in rest):
                s2, e2 = _trim(doc.text, inner_s, end)
                return (s2, e2, False) if e2 > s2 else None
        return (inner_s, inner_e, True) if inner_e > inner_s else None
    e = _clause_end(ctx, start_tok, hi, sent_end)
    s, e = _trim(doc.text, s, e)
    return (s, e, False) if e > s else None


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and (invisible_or_space(text[s]) or text[s] in PUNCT):  # a bidi mark is no edge either
        s += 1
    while e > s and (invisible_or_space(text[e - 1]) or text[e - 1] in PUNCT):
        e -= 1
    # Keep a closing quote only when its opening quote is inside the span.
    if e > s and text[e - 1] in "\"”»" and not any(c in text[s:e - 1] for c in "\"“«"):
        e -= 1
        while e > s and (invisible_or_space(text[e - 1]) or text[e - 1] in PUNCT):
            e -= 1
    return s, e


def quote_type(ctx: _Ctx, s: int, e: int, direct: bool) -> str:
    """direct when the whole content is a quotation, mixed when a quotation of two words or
    more is part of it (not a name, nor a title: إعلان "…"), else indirect."""
    if direct:
        return "direct"
    text = ctx.doc.text
    for qs, qe in ctx.quotes:
        if qe <= s or qs >= e:
            continue
        inner = text[max(qs + 1, s):min(qe - 1, e)].split()
        before = normalize(text[max(s, qs - 20):qs]).text.split()
        named = any(m.start <= qs + 2 and qe - 2 <= m.end for m in ctx.doc.mentions if qs <= m.end and m.start <= qe)
        if len(inner) >= 2 and not named and not (before and before[-1] in TITLE_NOUNS):
            return "mixed"
    return "indirect"


def _clause_before(ctx: _Ctx, lo: int, i: int) -> tuple[int, int] | None:
    """The clause an attribution that follows it governs ("CONTENT، بحسب X"): from the
    sentence's first word to the comma before the cue."""
    toks, norms = ctx.doc.tokens, ctx.norms
    k = i - 1
    while k >= lo and (toks[k].clitic or norms[k] in ctx.rules.attribution_particles):
        k -= 1
    if k < lo or norms[k] not in COMMAS:
        return None
    c = lo
    while c < k and norms[c] in ctx.rules.bullets:
        c += 1
    s, e = _trim(ctx.doc.text, toks[c].start, toks[k].start)
    return (s, e) if e > s else None


def _only_tail(ctx: _Ctx, k: int, hi: int) -> bool:
    """Nothing but a short tail (a date, a place, خلال الإعلان) follows token k in the sentence."""
    rest = [w for w in ctx.norms[k:hi] if w.isalpha()]
    return len(rest) <= 6 and not any(w in ctx.lex.verbs or w in ctx.lex.complementizers for w in rest)


def _claims_at(ctx: _Ctx, cue: Cue, i: int, lo: int, hi: int, si: int, last, sent_claims: list[Claim],
               kb) -> tuple[list[Claim], int]:
    """The claims a cue at token i makes (one per speaker: X وY give two), and the token where
    the scan resumes (after the introducer, so في بيان after قالت is not a cue of its own)."""
    toks, norms, rules, lex = ctx.doc.tokens, ctx.norms, ctx.rules, ctx.lex
    j = i + cue.length
    kind = getattr(cue, "kind", "verb")
    sense = getattr(cue, "sense", "say")
    neg_at = i - 1
    while neg_at >= lo and toks[neg_at].clitic:
        neg_at -= 1
    negated = neg_at >= lo and norms[neg_at] in rules.negations
    if getattr(cue, "imperfect", False) and not cue.proclitic and i - 1 >= lo and (
            norms[i - 1] in rules.modal_particles or neg_at >= lo and norms[neg_at] in rules.modal_particles) \
            and not (i - 2 >= lo and norms[i - 2] == "قبل"):
        # من المتوقع أن تعلن / قد يكشف / لن يعلق: intended or possible, not said (but قبل أن يضيف
        # tells what was said next)
        return [], j
    if kind == "verb" and sent_claims and i - 1 >= lo and norms[i - 1] in ATTRIBUTION_MA:
        return [], j  # قال X …، وفقًا لما نقلته وكالة Y: the outlet relays X's claim, X carries it
    found: list[_Found] = []
    after = j
    addressee = False
    host = next(((cs, ce) for cs, ce in ctx.contents if cs <= toks[i].start < ce), None)
    rel = i - 1
    while rel >= lo and toks[rel].clitic:
        rel -= 1
    if rel >= lo and norms[rel] in rules.relative_words:
        # X الذي أعلن / إدارة X التي دعت / X، التي قالت: the subject is the noun the relative clause describes
        if kind == "verb" and (norms[rel], bool(cue.feminine)) in (("الذي", True), ("التي", False)) and not cue.plural:
            return [], j  # طهران، التي يقول محللون إنها: a verb that does not agree has a subject of its own
        x = rel - 1
        while x >= lo and norms[x] in QUOTE_MARKS:
            x -= 1
        if x >= lo and norms[x] in COMMAS:
            x -= 1
        ante = next((m for m in ctx.mentions_between(toks[lo].start, toks[rel].start)
                     if x >= lo and m.end == toks[x].end), None)
        if ante is None or not _subject_position(ctx, ctx.tok_at(ante.start), lo) and not _after_noun_ok(ctx, ante, lo):
            return [], j  # إدارة ترامب التي دعت: the relative describes the construct, not Trump
        if ante.type == "ORG" and norms[rel] == "الذي" and norms[x + 1:rel] and norms[x + 1] in COMMAS:
            # بول رايان، رئيس مجلس النواب، الذي قال: the title's organisation, the person before it speaks
            t0 = ctx.tok_at(ante.start) - 1
            while t0 >= lo and t0 > ctx.tok_at(ante.start) - 8 and norms[t0] not in COMMAS:
                t0 -= 1
            person = next((m for m in ctx.mentions_between(toks[lo].start, toks[t0].start + 1)[::-1]
                           if m.type == "PERSON" and ctx.tok_at(m.end) == t0), None) if t0 >= lo else None
            if person is not None:
                ante = person
        found = [_Found(ante, _name_span(ctx, ante), "before")]
    elif kind == "participle":
        prior = sent_claims[-1].evidence.get("_found") if sent_claims else None
        if prior is not None:
            found = [_Found(prior.mention, prior.span, "participle")]
    elif kind == "masdar" and _possessive_masdar(ctx, cue, norms[i]):
        # نقلت X عن فلان قوله إن / عن الوزير دعوته إلى: the possessor named right before is the source
        owner = _possessor(ctx, i, lo)
        if owner is not None:
            found = [_Found(owner, _name_span(ctx, owner), "before")]
        else:  # نقلت الوكالة عن المندوب الفرنسي قوله: an unnamed source, or the person its title stands for
            span = _unnamed_possessor(ctx, i, lo)
            if span is None:
                return [], j
            found = [_titled_antecedent(ctx, span, last, si) or _Found(None, span, "unnamed")]
    elif kind not in ("prep", "noun", "masdar") and host is None:
        found = [_Found(m, _name_span(ctx, m), "topic") for m in _topic_subject(ctx, lo, i)]
        c = lo
        while c < i and (norms[c] in rules.bullets or toks[c].clitic):
            c += 1
        x = i - 1
        while x > lo and norms[x] in {"قد", "لقد"}:
            x -= 1
        if not found and x >= lo and all(toks[y].clitic or norms[y] in rules.fronting_particles
                                         or norms[y] in rules.bullets for y in range(lo, x)):
            rep = _report_anaphor(ctx, x, i, last, si)  # غير أن التقرير أضاف أن
            found = [rep] if rep is not None else []
        if not found:
            span = _unnamed_topic(ctx, lo, i)  # المصدر المطلع على الملف أكد أن / لكن مسؤولين قالوا إن
            if span is not None:
                found = [_titled_antecedent(ctx, span, last, si) or _Found(None, span, "topic")]
        group = None if found else _counted_group(ctx, c, i)
        if group is not None and not any(w in lex.complementizers or w in lex.verbs for w in norms[c:i]):
            found = [_Found(None, group, "topic")]  # نحو 40 منظمة من بينها X حذرت من
    if not found and kind != "participle":
        found, after = _speaker_after(ctx, cue, j, lo, hi, si, last)
        if not found and kind == "prep" and (src := _outlet_source(ctx, j, hi)) is not None:
            found, after = [_Found(None, src[0], "unnamed")], src[1]  # وفقًا لموقع ماركت ووتش
        takes_addressee = sense == "tell" or normalize(cue.lemma).text in rules.addressee_lemmas
        if not found and takes_addressee:
            addressee = True  # وأبلغ المستثمرين أن: no subject after the cue, only its addressee
        elif found and takes_addressee:
            # أبلغ X أن: with one noun phrase after the cue, it is the addressee
            intro = _content_start(ctx, after, hi, cue)
            gap = norms[after:intro[0] - intro[1]] if intro else []
            if gap and gap[0] in COMMAS:  # أبلغ X، مدير …، أنه: X's apposition
                close = next((x for x in range(1, len(gap)) if gap[x] in COMMAS), len(gap))
                gap = gap[close + 1:]
            if not any(w.isalpha() and w not in PREPOSITIONS and w not in rules.adverbs for w in gap):
                found, after, addressee = [], j, True
    start = _content_start(ctx, after, hi, cue)
    if start is None and not found and kind == "verb" and cue.content_preps and _bare_noun_follows(ctx, j, hi):
        start = _prep_after_unnamed(ctx, cue, j, hi)  # أعلن المتحدث باسم الجيش عن / تعهد حزب "X" بـ
    subject_np = None
    # وأكد ضرورة …: a pro-drop confirmation or denial whose object follows it at once
    pro_drop_object = start is None and kind == "verb" and sense in ("confirm", "deny") and not found and host is None \
        and i > lo and toks[i - 1].clitic and norms[i - 1] in {"و", "ف"} and last is not None \
        and si - last[1] <= rules.max_pro_drop_sentences and not _names_someone(ctx, j, hi, construct=False)
    if start is None and sense in rules.object_senses and not negated and kind in ("verb", "participle"):
        if not found and kind == "verb" and _opens_clause(ctx, lo, i) and not pro_drop_object:
            subject_np = _definite_subject(ctx, j, hi, sense == "announce")  # أعلنت الخطوط الجوية السعودية تعليق …
        # an object needs its subject first (after the cue, or before it: كانت X قد فندت المزاعم);
        # else the noun after the cue is the subject. A participle has its subject in its clause.
        has_subject = bool(found or subject_np) or kind == "participle" or (
            host is None and _speaker_before(ctx, lo, i, cue.feminine) is not None) or pro_drop_object
        k = _object_start(ctx, subject_np[1] if subject_np else after, hi) if has_subject else None
        if k is not None:
            start = (k, 0, "object")
            if subject_np is not None:
                sp = subject_np[0]
                named = next((m for m in ctx.doc.mentions if m.start == sp.start and m.end <= sp.end
                              and m.type in ("PERSON", "ORG", "LOC")), None)
                found = [_Found(named, _ref(named), "after") if named is not None else _Found(None, sp, "unnamed")]
    if start is None and kind == "prep" and found and _clause_before(ctx, lo, i) is None:
        # وفقًا لـ X، CONTENT / بحسب تقرير نشرته X في 12 سبتمبر، CONTENT
        comma = next((x for x in range(after, min(hi, after + 10)) if norms[x] in COMMAS), None)
        if comma is not None and not any(w in lex.verbs or w in lex.complementizers for w in norms[after:comma]):
            start = (comma + 1, 1, "prep")
    if start is None:
        particle = i - 1
        while particle > lo and toks[particle].clitic:
            particle -= 1
        if not found and kind == "verb" and not sent_claims and norms[particle] in rules.attribution_particles \
                and _clause_before(ctx, lo, i) is not None:
            np = _definite_subject(ctx, j, hi) or _outlet_source(ctx, j, hi)
            if np is not None and _only_tail(ctx, np[1], hi):  # …، وفق ما أعلنت النيابة العامة
                found, after = [_Found(None, np[0], "unnamed")], np[1]
        if found and kind != "participle" and not sent_claims and _only_tail(ctx, after, hi):
            quoted = _quote_before(ctx, cue, i, lo, si, found, kb)
            if quoted:
                return quoted, hi  # «…»، قال فلان: the quotation is the content, direct
            cb = _clause_before(ctx, lo, i)  # CONTENT، بحسب X / ، كما أفادت تقارير من X وY
            if cb is not None:
                intro = "prep" if kind in ("prep", "noun") else "none"
                made = [_build(ctx, cue, i, si, f, cb[0], cb[1], False, intro, kb, "trailing") for f in found]
                return made, hi
        return _quote_before(ctx, cue, i, lo, si, found, kb), j
    if negated and start[2] in ("prep", "object"):
        return [], j  # لم تعلن عن …: an announcement that was not made
    if not found:
        if kind in ("verb", "masdar") and not addressee and _bare_noun_follows(ctx, j, hi) \
                and not (pro_drop_object and start[2] == "object" and start[0] == j):
            # the cue has a subject that names no one: an unnamed source, or none at all
            span = _unnamed_subject(ctx, j, start[0] - start[1])
            if span is None:
                return [], j
            named = _named_in(ctx, span, toks[start[0] - start[1]].start)
            if named is not None:
                found = [_Found(named, _name_span(ctx, named), "after")]
            else:
                found = [_untagged_name(ctx, span) or _described_speaker(ctx, span, last, si)
                         or _titled_antecedent(ctx, span, last, si) or _Found(None, span, "unnamed")]
        elif kind in ("prep", "masdar"):
            return [], j
        elif host is not None:
            # a cue inside reported content (… أن DeepSeek قد قلل من …): its subject is inside too
            b = _speaker_before(ctx, ctx.tok_at(host[0]), i, cue.feminine)
            if b is None:
                return [], j
            found = [b]
        else:
            b = _speaker_before(ctx, lo, i, cue.feminine or kind == "noun")
            if b is not None:
                found = [b]
            elif kind == "participle" or _opens_clause(ctx, lo, i):
                if kind != "participle" and norms[i] in rules.impersonal and not (j < hi and norms[j].isalpha()
                                                                                   and norms[j] not in lex.complementizers):
                    return [], j  # يُذكر أن: the narrator's formula, no source
                p = _previous_speaker(ctx, si, i, last, cue)
                if p is not None:
                    found = [p]
    if not found:
        return [], j
    if getattr(cue, "plural", False) and len(found) == 1 and found[0].how in ("before", "previous") \
            and found[0].mention is not None and found[0].mention.type == "PERSON":
        return [], j  # شركاء يقولون إن: a plural cue is no continuation of one person's speech
    content = _content_span(ctx, start[0], hi, ctx.doc.sentences[si][1])
    if content is None:
        return [], j
    cs, ce, direct = content
    how = "joint" if len(found) > 1 else None  # X وY: each gets the claim
    return [_build(ctx, cue, i, si, f, cs, ce, direct, start[2], kb, how) for f in found], start[0]


def _possessive_masdar(ctx: _Ctx, cue: Cue, w: str) -> bool:
    """A verbal noun cue with a possessive pronoun (قوله، دعوتها، تحذيرهم), not the bare noun."""
    for e in ctx.lex.cue_lexicon.lemmas if ctx.lex.cue_lexicon is not None else ():
        if e["lemma"] == cue.lemma and e.get("masdar"):
            bare = normalize(e["masdar"]).text
            stem = bare[:-1] + "ت" if bare.endswith("ه") else bare
            return w != bare and w.startswith(stem) and w[len(stem):] in ("ه", "ها", "هم")
    return False


def _possessor(ctx: _Ctx, i: int, lo: int) -> Mention | None:
    """Whose words the verbal noun reports: after نقل عن, the first PERSON/ORG named after the
    last عن (عن الأكاديمي فلان، المحاضر بجامعة X، قوله: the person, not his university); else
    the name ending right before token i (فلان قوله); else None."""
    toks = ctx.doc.tokens
    an = normalize("عن").text
    src = next((k for k in range(i - 1, lo - 1, -1) if ctx.norms[k] == an), None)
    if src is not None:
        named = [m for m in ctx.mentions_between(toks[src].end, toks[i].start)
                 if m.type in SPEAKER_TYPES and not ctx.in_content(m.start, m.end)]
        if named:
            return min(named, key=lambda m: m.start)
    k = i - 1
    while k >= lo and toks[k].clitic:
        k -= 1
    if k < lo:
        return None
    end = toks[k].end
    return next((m for m in ctx.doc.mentions if m.end == end and m.type in SPEAKER_TYPES
                 and not ctx.in_content(m.start, m.end)), None)


def _quote_before(ctx: _Ctx, cue: Cue, i: int, lo: int, si: int, found: list[_Found], kb) -> list[Claim]:
    """“…” قال فلان: a quotation right before the cue, its speaker after it."""
    toks = ctx.doc.tokens
    k = i - 1
    while k >= lo and toks[k].clitic:
        k -= 1
    comma = k > lo and ctx.norms[k] in COMMAS and cue.kind == "verb"
    if comma:
        k -= 1  # «…»، قال فلان
    if k < lo or not found:
        return []
    q = next(((qs, qe) for qs, qe in ctx.quotes if qe == toks[k].end and qe <= toks[i].start), None)
    if q is None or ctx.doc.text[q[1] - 1] not in "\"”»":
        return []
    if comma and (len(ctx.doc.text[q[0] + 1:q[1] - 1].split()) < 3 or ctx.mentions_between(q[0], q[1])):
        return []  # مؤسس “أوراكل”، أشار: a quoted name in an apposition, not a quotation
    s, e = _trim(ctx.doc.text, q[0] + 1, q[1] - 1)
    if e <= s:
        return []
    return [_build(ctx, cue, i, si, f, s, e, True, "quote", kb, "quote_before") for f in found]


_BASE_CONFIDENCE = {"after": 0.85, "topic": 0.85, "quote_before": 0.85, "before": 0.75, "anaphor": 0.75,
                    "participle": 0.75, "trailing": 0.7, "previous": 0.65, "unnamed": 0.6, "group": 0.6}


def _build(ctx: _Ctx, cue: Cue, i: int, si: int, f: _Found, cs: int, ce: int, direct: bool, intro: str, kb,
           how: str | None = None) -> Claim:
    doc, toks = ctx.doc, ctx.doc.tokens
    speaker, span = f.mention, f.span
    how = how or f.how
    cue_end = toks[i + cue.length - 1].end
    cue_ref = SpanRef(doc.text[toks[i].start:cue_end], toks[i].start, cue_end)
    role, affiliation = (None, None)
    if speaker is not None and speaker.type == "PERSON":
        role, affiliation = role_and_affiliation(ctx, speaker, kb)
    elif speaker is None:  # an unnamed source: its organisation is named inside (متحدث باسم OpenAI)
        affiliation = next((m for m in ctx.mentions_between(span.start, span.end) if m.type == "ORG"), None)
        if affiliation is None:
            k = ctx.tok_at(span.start)
            while k < len(toks) and toks[k].end <= span.end:
                if _anaphor_type(ctx, ctx.norms[k]) == "ORG":
                    affiliation = _resolve_anaphor(ctx, k, "ORG", None, si)
                    break
                k += 1
    about = about_entities(ctx, cue_end, cs, ce)
    date = claim_date(doc, doc.sentences[si], cs, ce, toks[i].start)
    speaker_type = speaker.type if speaker is not None else "GROUP"
    evidence = {"how": how, "speaker_type": speaker_type, "cue_kind": getattr(cue, "kind", "verb"), "intro": intro,
                "kb": bool(speaker is not None and speaker.kb_id), "distance": f.distance, "_found": f}
    conf = _BASE_CONFIDENCE.get(how, 0.6)
    if speaker is None:
        conf -= 0.25
    elif speaker.kb_id:
        conf += 0.05
    confidence = round(min(conf, 0.95), 2)
    if ctx.calibrated:
        confidence = claim_confidence({k: v for k, v in evidence.items() if not k.startswith("_")})
    return Claim(speaker=speaker, speaker_span=span, cue=cue_ref, cue_lemma=cue.lemma, cue_sense=cue.sense,
                 content=SpanRef(doc.text[cs:ce], cs, ce), quote_type=quote_type(ctx, cs, ce, direct),
                 sentence=doc.sentences[si], role=role, affiliation=affiliation, about=about, date=date,
                 confidence=confidence, evidence=evidence)


def _apposition(ctx: _Ctx, m: Mention) -> tuple[str | None, Mention | None]:
    """(role, affiliation ORG) described right around a PERSON mention:
    "فلان، الرئيس التنفيذي لشركة X،", "فلان من X", "الخبيرة فلان … لدى X"."""
    doc, toks, norms = ctx.doc, ctx.doc.tokens, ctx.norms
    k = ctx.tok_at(m.end)
    si = doc.sentence_of(m.start)
    sent_end = doc.sentences[si][1]
    role_toks: list[Token] = []
    region_end = sent_end
    circumstance = k + 1 < len(toks) and (norms[k + 1] in PREPOSITIONS or toks[k + 1].clitic)
    if k < len(toks) and norms[k] in {"،", ",", "("} and not circumstance:
        # فلان، الرئيس التنفيذي لشركة X، / فلان (الرئيس التنفيذي لشركة X) — not فلان، في بيان على منصة X،
        close = {"(": {")"}}.get(norms[k], {"،", ",", ":"})
        x = k + 1
        while x < len(toks) and toks[x].start < sent_end and norms[x] not in close and norms[x] not in ctx.lex.complementizers:
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
    elif circumstance and norms[k] in COMMAS:
        region_end = m.end
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
        if not (ctx.lex.titles and match_phrase(norms, k, ctx.lex.titles)):
            region_end = m.end  # هوانغ للصحيفة على هامش قمة نظمتها X: X is no employer
    orgs = [o for o in doc.mentions if o.type == "ORG" and m.end <= o.start and o.end <= region_end]
    if not orgs:  # الرئيس التنفيذي للشركة: the company the article is about
        for x in range(k, ctx.tok_at(region_end)):
            t = toks[x]
            if m.end <= t.start and t.end <= region_end and _anaphor_type(ctx, norms[x]) == "ORG":
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
        b = ctx.tok_at(m.start)
        for title in ctx.lex.titles:
            if b - len(title) >= 0 and tuple(norms[b - len(title):b]) == title:
                role = doc.text[toks[b - len(title)].start:toks[b - 1].end]
                break
    return role, (orgs[0] if orgs else None)


def _title_before(ctx: _Ctx, m: Mention) -> tuple[str | None, Mention | None]:
    """A description before the name, set off by a comma: المدير التقني في شركة X، فلان."""
    doc, toks, norms = ctx.doc, ctx.doc.tokens, ctx.norms
    b = ctx.tok_at(m.start)
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
    for k in range(ctx.tok_at(cue_end), ctx.tok_at(ce)):
        t = doc.tokens[k]
        if t.end > ce:
            continue
        typ = ctx.lex.noun_anaphors.get(ctx.norms[k]) or _anaphor_type(ctx, ctx.norms[k])
        if typ == "PERSON":
            continue
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


SINCE = ("منذ", "ومنذ")


def claim_date(doc: Document, sentence: tuple[int, int], cs: int, ce: int, cue_start: int,
               contents: list[tuple[int, int]] = ()) -> Mention | None:
    """The DATE of the claim's sentence outside its content and the sentence's other ``contents``,
    nearest the cue: a date inside what is said tells when the thing happens, not when it was said."""
    ss, se = sentence
    dates = [m for m in doc.mentions if m.type == "DATE" and ss <= m.start and m.end <= se
             and not (cs <= m.start and m.end <= ce) and _inside(contents, m.start, m.end) is None
             and not normalize(m.text).text.startswith(SINCE)]  # منذ 2019 tells how long, never when said
    if not dates:
        return None
    return min(dates, key=lambda m: (m.value is None, abs(m.start - cue_start)))
