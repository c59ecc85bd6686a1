"""Within-article coreference of names: partial names, acronyms and glosses, noun anaphors.

* A PERSON mention that is the tail of a fuller PERSON mention (ألتمان, after or before سام
  ألتمان) points to it: ``antecedent`` = index of that mention, ``canonical`` = its name. A
  first name alone (بينج after بينج شياو) points to the one full name it starts, if only one does.
  Spelling variants count as the same word (زوكربيرج in a text that wrote زوكربيرغ).
* An ORG named without its generic tail (Counterpoint / Counterpoint Research) and a model
  version named alone after its full name (R1 / DeepSeek-R1) point to the fuller mention.
* A parenthesis right after a name defines an alias: معهد ألين للذكاء الاصطناعي (Ai2),
  أندريسن هوروويتز (a16z), OpenAI (أوبن إيه آي). The parenthesis points to the name before
  it (the other way round after an acronym, and towards the KB-tagged one if only one is). An acronym nobody tagged becomes a mention (source ``coref``), and so do
  its later bare occurrences in the article.
* ``antecedent_of`` resolves الشركة / النموذج to the last ORG / MODEL mention before them; it
  is a pure function for the claims stage and adds no mention.

The component never changes a mention's start, end or text.
"""
from __future__ import annotations

from dataclasses import replace

import regex

from ..doc import Document, Mention
from .normalize import normalize_key
from .name_match import (
    DEFAULT_THRESHOLD,
    Phonetics,
    default_phonetics,
    form_similarity,
    name_form,
    name_tokens,
    org_core,
    strip_titles,
)

NAME_TYPES = ("PERSON", "ORG", "MODEL", "LOC")
# What may stand between a name and the parenthesis that glosses it: closing quotes, spaces.
PAREN_RE = regex.compile(r"[\s\"'”»’]*[(\[]\s*([^()\[\]\n]{1,60}?)\s*[)\]]")
# A short Latin name in a parenthesis: one word, 2-10 characters, with a capital or a digit
# (Ai2, a16z, IBM, GPT, OpenAI).
ACRONYM_RE = regex.compile(r"(?=[^\s]*[A-Z0-9])[A-Za-z][A-Za-z0-9&.\-]{1,9}")
WORD_GAP_RE = regex.compile(r"[^\s،,.;:؛!?؟()\[\]\"“”«»]+")


def is_acronym(text: str) -> bool:
    """Ai2, a16z, IBM, NIST: short, with digits or mostly capitals (OpenAI is a name)."""
    if not ACRONYM_RE.fullmatch(text):
        return False
    caps = sum(c.isupper() for c in text)
    return text.isupper() or (len(text) <= 5 and (any(c.isdigit() for c in text) or caps >= 2))


def tokens_match(a: str, b: str, etype: str, ph: Phonetics, threshold: float) -> bool:
    """Two words of a name are the same word, allowing spelling variants (زوكربيرج/زوكربيرغ)."""
    return a == b or form_similarity(name_form(a, etype, ph), name_form(b, etype, ph), ph) >= threshold


def is_tail_of(short: list[str], full: list[str], etype: str, ph: Phonetics, threshold: float) -> bool:
    """``short`` ends ``full`` and is shorter: a surname (or last names) of a fuller name."""
    if not short or len(short) >= len(full):
        return False
    return all(tokens_match(s, f, etype, ph, threshold) for s, f in zip(short, full[-len(short):]))


def nearest(candidates: list[int], mentions: list[Mention], i: int) -> int | None:
    """The closest candidate before mention ``i``, else the closest after it."""
    before = [j for j in candidates if mentions[j].start < mentions[i].start]
    if before:
        return max(before, key=lambda j: mentions[j].start)
    after = [j for j in candidates if mentions[j].start > mentions[i].start]
    return min(after, key=lambda j: mentions[j].start) if after else None


def root(mentions: list[Mention], j: int) -> int:
    seen = {j}
    while mentions[j].antecedent is not None and mentions[j].antecedent not in seen:
        j = mentions[j].antecedent
        seen.add(j)
    return j


def name_of(m: Mention) -> str:
    return m.canonical or " ".join(m.text.split())


def link(mentions: list[Mention], i: int, j: int) -> None:
    """Make mention ``i`` refer to mention ``j`` (or to what ``j`` refers to)."""
    r = root(mentions, j)
    if r == i:
        return
    mentions[i].antecedent = r
    mentions[i].canonical = name_of(mentions[r])


def link_partial_names(doc: Document, ph: Phonetics, threshold: float) -> None:
    """PERSON surnames -> the fuller name; ORG without its generic tail -> the full ORG;
    a bare model version -> the full model name."""
    ms = doc.mentions
    words = [strip_titles(name_tokens(m.text), ph) if m.type == "PERSON" else name_tokens(m.text) for m in ms]
    for i, m in enumerate(ms):
        if m.kb_id or m.antecedent is not None or m.type not in ("PERSON", "ORG", "MODEL"):
            continue
        if m.type == "PERSON":
            cands = [j for j, n in enumerate(ms) if n.type == "PERSON" and is_tail_of(words[i], words[j], "PERSON", ph, threshold)]
            if not cands and len(words[i]) == 1:
                # a first name alone (بينج after بينج شياو), when one full name in the article starts with it
                heads = [j for j, n in enumerate(ms) if n.type == "PERSON" and len(words[j]) >= 2
                         and tokens_match(words[i][0], words[j][0], "PERSON", ph, threshold)]
                if len({name_of(ms[root(ms, j)]) for j in heads}) == 1:
                    cands = heads
        elif m.type == "ORG":
            core = org_core(words[i], ph)
            cands = [j for j, n in enumerate(ms) if n.type == "ORG" and len(words[j]) > len(words[i])
                     and org_core(words[j], ph) == core and core]
        else:
            if not any(c.isdigit() for c in m.text):
                continue
            cands = [j for j, n in enumerate(ms) if n.type == "MODEL" and words[j][-len(words[i]):] == words[i]
                     and len(words[j]) > len(words[i])]
        j = nearest(cands, ms, i)
        if j is not None:
            link(ms, i, j)


def acronym_mentions(doc: Document, acronym: str, template: Mention, antecedent: int) -> list[Mention]:
    """Bare occurrences of a defined acronym that no mention covers (a proclitic before it is fine)."""
    out = []
    pattern = regex.compile(r"(?<![A-Za-z0-9])" + regex.escape(acronym) + r"(?![A-Za-z0-9])")
    for hit in pattern.finditer(doc.text):
        s, e = hit.span()
        if any(m.start < e and s < m.end for m in doc.mentions):
            continue
        out.append(replace(template, start=s, end=e, text=doc.text[s:e], source="coref", antecedent=antecedent,
                           entity_id=None, kb_id=None))
    return out


def gloss_after(doc: Document, m: Mention) -> tuple[int, int, str] | None:
    """The parenthesis that follows a name: (start, end, text) of its content.

    Up to three words may come between when the content is an acronym (معهد ألين للذكاء
    الاصطناعي (Ai2) with only معهد ألين tagged); none otherwise.
    """
    window = doc.text[m.end:m.end + 120]
    hit = PAREN_RE.match(window)
    if hit is None:
        k = window.find("(")
        if k <= 0:
            return None
        gap = window[:k]
        if len(WORD_GAP_RE.findall(gap)) > 3 or WORD_GAP_RE.sub("", gap).strip():
            return None
        hit = PAREN_RE.match(window, k)
        if hit is None or not ACRONYM_RE.fullmatch(hit.group(1)):
            return None
        if any(m.end < n.start < m.end + k for n in doc.mentions):
            return None
    s, e = m.end + hit.start(1), m.end + hit.end(1)
    return s, e, doc.text[s:e]


def link_glosses(doc: Document) -> None:
    """Name (ACRONYM) and name (other-script name): the two are one entity."""
    ms = doc.mentions
    added: list[Mention] = []
    for i, m in enumerate(list(ms)):
        if m.type not in NAME_TYPES:
            continue
        gloss = gloss_after(doc, m)
        if gloss is None:
            continue
        s, e, text = gloss
        inner = [j for j, n in enumerate(ms) if n.start == s and n.end == e]
        if inner:
            j = inner[0]
            n = ms[j]
            if n.type != m.type and {n.type, m.type} != {"ORG", "MODEL"}:
                continue
            if bool(m.kb_id) != bool(n.kb_id):
                short, full = (j, i) if m.kb_id else (i, j)
            elif m.kb_id and n.kb_id:
                continue
            elif is_acronym(m.text) and not is_acronym(n.text):
                short, full = i, j  # Ai2 (معهد ألين للذكاء الاصطناعي)
            else:
                short, full = j, i  # the parenthesis glosses the name before it
            if ms[short].antecedent is None:
                link(ms, short, full)
                for q, o in enumerate(ms):  # its later bare uses: وام … وقالت وام
                    if q != short and o.text == ms[short].text and o.type == ms[short].type and not o.kb_id \
                            and o.antecedent is None:
                        link(ms, q, full)
            continue
        if m.type not in ("ORG", "MODEL") or not ACRONYM_RE.fullmatch(text) or len(text) >= len(m.text):
            continue
        if m.type == "MODEL" and not is_acronym(text):
            continue  # GPT-5 (High), o3 (Thinking): a model's setting, not another name of it
        if any(n.start < e and s < n.end for n in ms + added):
            continue
        r = root(ms, i)
        template = replace(m, canonical=name_of(ms[r]))
        added.append(replace(template, start=s, end=e, text=text, source="coref", antecedent=r, entity_id=None, kb_id=None))
        # Later bare uses of the acronym, and mentions of it nobody linked yet.
        for j, n in enumerate(ms):
            if n.text == text and not n.kb_id and n.antecedent is None and j != r:
                link(ms, j, r)
        probe = Document(id=doc.id, text=doc.text, mentions=ms + added)
        added.extend(acronym_mentions(probe, text, template, r))
    if added:
        insert_mentions(doc, added)


def insert_mentions(doc: Document, new: list[Mention]) -> None:
    """Add mentions in text order and renumber every antecedent index accordingly."""
    old = doc.mentions
    tagged = [(m, k) for k, m in enumerate(old)] + [(m, None) for m in new]
    tagged.sort(key=lambda mk: (mk[0].start, mk[0].end))
    position = {k: p for p, (_, k) in enumerate(tagged) if k is not None}
    for m, _ in tagged:
        if m.antecedent is not None:
            m.antecedent = position.get(m.antecedent)
    doc.mentions = [m for m, _ in tagged]


def coref_document(doc: Document, ph: Phonetics | None = None, threshold: float = DEFAULT_THRESHOLD) -> Document:
    """Link partial names, acronyms and glosses of ``doc`` to the mentions they abbreviate."""
    ph = ph or default_phonetics()
    link_glosses(doc)
    link_partial_names(doc, ph, threshold)
    return doc


def anaphor_type(word: str, ph: Phonetics | None = None) -> str | None:
    """ORG for الشركة/المؤسسة/المعهد..., MODEL for النموذج..., else None (lexicon: name_affixes.json)."""
    ph = ph or default_phonetics()
    return ph.anaphors.get(normalize_key(word))


def antecedent_of(doc: Document, offset: int, etype: str) -> Mention | None:
    """The entity an anaphor at ``offset`` (الشركة -> ORG, النموذج -> MODEL) refers to: the last
    mention of ``etype`` that ends before it."""
    best = None
    for m in doc.mentions:
        if m.type == etype and m.end <= offset and (best is None or m.start > best.start):
            best = m
    return best


def make_coref(res, cfg):
    """Config ``coref``: ``threshold`` for spelling variants of a name's words (default: the
    resolver's tuned threshold)."""
    ph = res.get("name_phonetics", default_phonetics)
    threshold = float(cfg.get("threshold", DEFAULT_THRESHOLD))

    def coref_component(doc: Document) -> Document:
        return coref_document(doc, ph, threshold)

    return coref_component
